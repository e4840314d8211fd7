//! `dvc token list` and `dvc token sign`: USB tokens over PKCS#11.
//!
//! `token sign` signs data with the chosen certificate's key exactly as
//! `dvc login --usb` will sign the portal's challenge: the same selection,
//! the same PIN rules, the same algorithms, the signature verified before it
//! is printed. It lets a person check a token and its PIN before a login.

use std::io::Read;
use std::path::{Path, PathBuf};

use secrecy::SecretString;
use serde_json::json;

use super::Context;
use crate::clock::{days_until, rfc3339};
use crate::error::{exit, Error, Result};
use crate::pkcs11::module::{candidates, default_search_dirs, Module};
use crate::pkcs11::token::{self, Algorithm, MechanismChoice, PinWarning, TokenCert, TokenView};
use crate::tr;

/// `dvc token` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// USB tokens: slots, token info, PIN state, certificates with their PKCS#11 URIs.
    List(ListArgs),
    /// Sign data with a token's certificate key (as `dvc login --usb` does), printing the signature.
    Sign(SignArgs),
}

/// Where the PKCS#11 module comes from.
#[derive(Debug, Clone, clap::Args)]
pub struct ModuleArgs {
    /// PKCS#11 library [default: DVC_PKCS11_MODULE, the profile's usb.module, then the known vendor modules].
    #[arg(long, value_name = "PATH")]
    pub module: Option<PathBuf>,
}

/// Arguments of `dvc token list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    /// The module.
    pub module: ModuleArgs,
    /// JSON on stdout (fields in the CLI contract).
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dvc token sign`.
#[derive(Debug, clap::Args)]
pub struct SignArgs {
    #[command(flatten)]
    /// The module.
    pub module: ModuleArgs,
    /// The certificate: a PKCS#11 URI, a serial number, or a tax code / ID number in its subject.
    #[arg(long, value_name = "SELECTOR")]
    pub cert: Option<String>,
    /// Read the PIN from stdin (then the data comes from --in).
    #[arg(long)]
    pub pin_stdin: bool,
    /// The data to sign [default: stdin].
    #[arg(long = "in", value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Write the raw signature here instead of base64 on stdout.
    #[arg(long = "out", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The signature algorithm [default: the best the token offers].
    #[arg(long, value_enum)]
    pub algorithm: Option<Algorithm>,
    /// How to use the token's mechanisms: auto, or raw (hash in software; for tokens whose hashing mechanisms misbehave).
    #[arg(long, value_enum, default_value = "auto")]
    pub mechanism: MechanismChoice,
    /// Try the PIN even at the token's final try (one more wrong PIN locks it).
    #[arg(long)]
    pub force: bool,
}

/// Runs a `dvc token` subcommand.
pub fn run(cmd: Command, ctx: &mut Context<'_>) -> Result<i32> {
    match cmd {
        Command::List(a) => list(a, ctx),
        Command::Sign(a) => sign(a, ctx),
    }
}

/// Loads the module in the documented order, saying what was tried with `-v`.
pub fn load_module(flag: Option<&Path>, ctx: &mut Context<'_>) -> Result<Module> {
    let profile_module = if flag.is_none() && ctx.env.pkcs11_module.is_none() {
        let name = ctx.profile_name().ok();
        ctx.config()
            .ok()
            .and_then(|c| name.and_then(|n| c.profiles.get(&n).cloned()))
            .and_then(|p| p.usb.module)
    } else {
        None
    };
    let search = ctx
        .env
        .pkcs11_search_path
        .clone()
        .unwrap_or_else(default_search_dirs);
    let cands = candidates(
        flag,
        ctx.env.pkcs11_module.as_deref(),
        profile_module.as_deref(),
        &search,
    );
    let mut tried = Vec::new();
    let result = Module::find(&cands, &mut tried);
    for p in &tried {
        let line = tr!(ctx.lang, "token.tried", path = p.display());
        ctx.debug(&line);
    }
    if let Ok(m) = &result {
        let line = tr!(ctx.lang, "token.using", path = m.path().display());
        ctx.debug(&line);
    }
    result
}

fn list(args: ListArgs, ctx: &mut Context<'_>) -> Result<i32> {
    let module = load_module(args.module.module.as_deref(), ctx)?;
    let tokens = token::list(&module)?;
    let now = ctx.clock.now();
    if args.json {
        let v = json!({
            "module": module.path().display().to_string(),
            "tokens": tokens.iter().map(|t| json!({
                "slot": t.slot, "label": t.label, "manufacturer": t.manufacturer, "model": t.model,
                "serial": t.serial,
                "pin": {"count_low": t.pin.count_low, "final_try": t.pin.final_try, "locked": t.pin.locked,
                        "to_be_changed": t.pin.to_be_changed},
                "protected_authentication_path": t.protected_auth_path,
                "objects_hidden_until_login": t.hides_objects(),
                "certificates": t.certificates.iter().map(|c| json!({
                    "uri": c.uri, "id": crate::cert::decode::hex_upper(&c.id), "label": c.label,
                    "subject": c.info.subject, "issuer": c.info.issuer, "serial": c.info.serial,
                    "not_after": rfc3339(c.info.not_after), "days_left": days_until(now, c.info.not_after),
                    "tax_code": c.info.tax_code, "id_number": c.info.id_number,
                    "has_private_key": c.has_private_key,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        ctx.print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        ))?;
        return Ok(exit::OK);
    }
    let lang = ctx.lang;
    let mut out = format!(
        "{}\n",
        tr!(lang, "token.module", path = module.path().display())
    );
    if tokens.is_empty() {
        out.push_str(&format!("{}\n", tr!(lang, "token.none")));
    }
    for t in &tokens {
        out.push_str(&format!(
            "\n{}\n",
            tr!(
                lang,
                "token.header",
                slot = t.slot,
                label = ctx.paint.bold(&t.label),
                manufacturer = t.manufacturer,
                model = t.model,
                serial = t.serial
            )
        ));
        out.push_str(&format!("  {}\n", pin_state(t, ctx)));
        if t.hides_objects() {
            out.push_str(&format!("  {}\n", tr!(lang, "token.hidden")));
        }
        for c in &t.certificates {
            let days = days_until(now, c.info.not_after);
            let who = c
                .info
                .common_name
                .clone()
                .unwrap_or_else(|| c.info.subject.clone());
            let ids = [
                c.info.tax_code.as_ref().map(|t| format!("MST {t}")),
                c.info.id_number.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            let left = if days < 0 {
                ctx.paint.bad(&tr!(lang, "cert.expired_days", days = -days))
            } else if days < 30 {
                ctx.paint.warn(&tr!(lang, "cert.days_left", days = days))
            } else {
                tr!(lang, "cert.days_left", days = days)
            };
            out.push_str(&format!(
                "  - {who}{}\n",
                if ids.is_empty() {
                    String::new()
                } else {
                    format!(" ({ids})")
                }
            ));
            out.push_str(&format!(
                "    {}\n",
                tr!(
                    lang,
                    "token.cert_line",
                    serial = c.info.serial,
                    date = rfc3339(c.info.not_after),
                    left = left
                )
            ));
            out.push_str(&format!(
                "    {}: {}\n",
                tr!(lang, "cert.issuer"),
                c.info.issuer
            ));
            out.push_str(&format!("    {}\n", c.uri));
            if !c.has_private_key {
                out.push_str(&format!("    {}\n", tr!(lang, "token.no_key")));
            }
        }
    }
    ctx.print(&out)?;
    Ok(exit::OK)
}

fn pin_state(t: &TokenView, ctx: &Context<'_>) -> String {
    let lang = ctx.lang;
    if t.pin.locked {
        ctx.paint.bad(&tr!(lang, "pin.state_locked"))
    } else if t.pin.final_try {
        ctx.paint.bad(&tr!(lang, "pin.state_final_try"))
    } else if t.pin.count_low {
        ctx.paint.warn(&tr!(lang, "pin.state_count_low"))
    } else {
        tr!(lang, "pin.state_ok")
    }
}

fn describe(t: &TokenCert, ctx: &Context<'_>) -> String {
    let now = ctx.clock.now();
    let i = &t.info;
    let who = i.common_name.clone().unwrap_or_else(|| i.subject.clone());
    let id = i
        .tax_code
        .as_ref()
        .map(|x| format!("MST {x}"))
        .or_else(|| i.id_number.clone())
        .unwrap_or_default();
    let issuer = crate::cert::decode::name_text_short(&i.issuer);
    let expired = if now > i.not_after {
        format!(" [{}]", tr!(ctx.lang, "token.expired"))
    } else {
        String::new()
    };
    format!(
        "{who} · {id} · {issuer} · {}{expired}",
        rfc3339(i.not_after)
    )
}

/// Chooses one certificate (with a menu on a terminal), refusing one that is
/// not valid now before any PIN is asked.
pub fn choose(module: &Module, selector: Option<&str>, ctx: &mut Context<'_>) -> Result<TokenCert> {
    let tokens = token::list(module)?;
    choose_from(&tokens, selector, ctx)
}

/// [`choose`] over tokens already listed.
pub fn choose_from(
    tokens: &[TokenView],
    selector: Option<&str>,
    ctx: &mut Context<'_>,
) -> Result<TokenCert> {
    // Only certificates that can sign: not CA certificates kept on the token
    // for the chain, and with a key beside them.
    let signer = |c: &&TokenCert| !c.info.is_ca && c.has_private_key;
    let mut all: Vec<TokenCert> = tokens
        .iter()
        .flat_map(|t| t.certificates.iter().filter(signer).cloned())
        .collect();
    if let Some(sel) = selector {
        let matching: Vec<TokenCert> = tokens
            .iter()
            .flat_map(|t| {
                t.certificates
                    .iter()
                    .filter(signer)
                    .filter(|c| token::matches(sel, t, c))
                    .cloned()
            })
            .collect();
        if matching.is_empty() {
            return Err(Error::CertNotFound {
                selector: sel.to_string(),
                available: all
                    .iter()
                    .map(|c| format!("{} — {}", describe(c, ctx), c.uri))
                    .collect(),
            });
        }
        all = matching;
    }
    let now = ctx.clock.now();
    let chosen = match all.len() {
        0 => {
            return Err(Error::CertNotFound {
                selector: selector.unwrap_or("").to_string(),
                available: Vec::new(),
            })
        }
        1 => all.remove(0),
        _ if ctx.interactive => {
            // Expired ones are shown last and marked; valid ones come first.
            all.sort_by_key(|c| now > c.info.not_after);
            let items: Vec<String> = all.iter().map(|c| describe(c, ctx)).collect();
            let default = 0;
            let pick = dialoguer::Select::new()
                .with_prompt(tr!(ctx.lang, "token.choose"))
                .items(&items)
                .default(default)
                .interact_on_opt(&dialoguer::console::Term::stderr())
                .map_err(|dialoguer::Error::IO(e)| Error::io("<terminal>", e))?
                .ok_or(Error::Interrupted)?;
            all.remove(pick)
        }
        _ => {
            return Err(Error::CertAmbiguous {
                candidates: all
                    .iter()
                    .map(|c| format!("{} — --cert '{}'", describe(c, ctx), c.uri))
                    .collect(),
            })
        }
    };
    token::check_validity(&chosen, now)?;
    Ok(chosen)
}

struct TokenState {
    label: String,
    pin: crate::pkcs11::PinFlags,
    protected_auth_path: bool,
}

/// Gets the PIN: from a URI's pin-source file, from stdin, from the
/// terminal, or none for a PIN pad. Checks the flags first.
pub fn get_pin(
    module: &Module,
    cert: &TokenCert,
    selector: Option<&str>,
    pin_stdin: bool,
    force: bool,
    stdin: &mut dyn Read,
    ctx: &mut Context<'_>,
) -> Result<Option<SecretString>> {
    let (label, flags, pinpad) = token::token_state(module, cert.slot)?;
    let t = TokenState {
        label,
        pin: flags,
        protected_auth_path: pinpad,
    };
    match token::pin_policy(t.pin, force, &t.label)? {
        Some(PinWarning::CountLow) => {
            let m = tr!(ctx.lang, "pin.warn_count_low", token = t.label);
            ctx.warn(&m);
        }
        Some(PinWarning::FinalTry) => {
            let m = tr!(ctx.lang, "pin.warn_final_try", token = t.label);
            ctx.warn(&m);
        }
        None => {}
    }
    if t.protected_auth_path {
        let m = tr!(ctx.lang, "pin.pinpad", token = t.label);
        ctx.info(&m);
        return Ok(None);
    }
    let from_uri = selector
        .filter(|s| s.starts_with("pkcs11:"))
        .and_then(|s| crate::pkcs11::uri::Pkcs11Uri::parse(s).ok())
        .and_then(|u| u.pin_source());
    let pin = if let Some(path) = from_uri {
        let text = zeroize::Zeroizing::new(
            std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?,
        );
        text.trim_end_matches(['\r', '\n']).to_string()
    } else if pin_stdin {
        let mut text = zeroize::Zeroizing::new(String::new());
        stdin
            .read_to_string(&mut text)
            .map_err(|e| Error::io("<stdin>", e))?;
        text.lines().next().unwrap_or("").to_string()
    } else if ctx.interactive {
        let prompt = tr!(ctx.lang, "pin.prompt", token = t.label);
        let _ = write!(ctx.err, "{prompt}: ");
        let _ = ctx.err.flush();
        rpassword::read_password().map_err(|e| Error::io("<terminal>", e))?
    } else {
        return Err(Error::NeedsInput {
            flag: "--pin-stdin".into(),
        });
    };
    if pin.is_empty() {
        return Err(Error::NeedsInput {
            flag: "--pin-stdin".into(),
        });
    }
    Ok(Some(SecretString::from(pin)))
}

fn sign(args: SignArgs, ctx: &mut Context<'_>) -> Result<i32> {
    let profile_cert = if args.cert.is_none() {
        let name = ctx.profile_name().ok();
        ctx.config()
            .ok()
            .and_then(|c| name.and_then(|n| c.profiles.get(&n).cloned()))
            .and_then(|p| p.usb.cert)
    } else {
        None
    };
    let selector = args.cert.clone().or(profile_cert);
    let data = match &args.input {
        Some(p) => std::fs::read(p).map_err(|e| Error::io(p, e))?,
        None if args.pin_stdin => {
            return Err(Error::NeedsInput {
                flag: "--in FILE (stdin carries the PIN)".into(),
            })
        }
        None => {
            let mut d = Vec::new();
            std::io::stdin()
                .read_to_end(&mut d)
                .map_err(|e| Error::io("<stdin>", e))?;
            d
        }
    };
    let module = load_module(args.module.module.as_deref(), ctx)?;
    let cert = choose(&module, selector.as_deref(), ctx)?;
    let mut stdin = std::io::stdin();
    let pin = get_pin(
        &module,
        &cert,
        selector.as_deref(),
        args.pin_stdin,
        args.force,
        &mut stdin,
        ctx,
    )?;
    let (alg, sig) = token::sign(
        &module,
        &cert,
        pin.as_ref(),
        args.algorithm,
        args.mechanism,
        &data,
    )?;
    drop(pin);
    let line = tr!(
        ctx.lang,
        "token.signed",
        algorithm = alg.name(),
        uri = cert.uri
    );
    ctx.info(&line);
    match &args.output {
        Some(p) => crate::session::file::write_atomic(p, &sig, 0o644)?,
        None => ctx.print(&format!("{}\n", crate::session::b64(&sig)))?,
    }
    Ok(exit::OK)
}
