//! `dvc token list` and `dvc token sign`: USB tokens over PKCS#11.
//!
//! `token sign` signs data with the chosen certificate's key exactly as
//! `dvc login --usb` will sign the portal's challenge: the same selection,
//! the same PIN rules, the same algorithms, the signature verified before it
//! is printed. It lets a person check a token and its PIN before a login.

use std::path::PathBuf;

use serde::Serialize;

use super::usb::{AlgorithmArg, MechanismArg};
use super::Context;
use crate::clock::{days_until, rfc3339};
use crate::error::{exit, Error, Result};
use crate::pkcs11::token::{self, TokenView};
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
    pub algorithm: Option<AlgorithmArg>,
    /// How to use the token's mechanisms: auto, or raw (hash in software; for tokens whose hashing mechanisms misbehave).
    #[arg(long, value_enum, default_value = "auto")]
    pub mechanism: MechanismArg,
    /// Try the PIN even at the token's final try (one more wrong PIN locks it).
    #[arg(long)]
    pub force: bool,
}

/// `dvc token list --json` (cli.md).
#[derive(Debug, Serialize)]
struct TokenListJson {
    /// The first module (kept for scripts of 0.1).
    module: String,
    /// Every module loaded.
    modules: Vec<String>,
    /// The tokens, each once.
    tokens: Vec<TokenJson>,
}

/// A token.
#[derive(Debug, Serialize)]
struct TokenJson {
    module: String,
    slot: u64,
    label: String,
    manufacturer: String,
    model: String,
    serial: String,
    pin: PinJson,
    protected_authentication_path: bool,
    objects_hidden_until_login: bool,
    certificates: Vec<TokenCertJson>,
}

/// A token's PIN flags.
#[derive(Debug, Serialize)]
struct PinJson {
    count_low: bool,
    final_try: bool,
    locked: bool,
    to_be_changed: bool,
}

/// A certificate on a token.
#[derive(Debug, Serialize)]
struct TokenCertJson {
    uri: String,
    id: String,
    label: String,
    subject: String,
    issuer: String,
    serial: String,
    not_after: String,
    days_left: i64,
    tax_code: Option<String>,
    id_number: Option<String>,
    /// `null`: unknown until login (a private key hidden until then).
    has_private_key: Option<bool>,
}

impl TokenJson {
    fn of(t: &TokenView, now: time::OffsetDateTime) -> TokenJson {
        TokenJson {
            module: t.module.display().to_string(),
            slot: t.slot,
            label: t.label.clone(),
            manufacturer: t.manufacturer.clone(),
            model: t.model.clone(),
            serial: t.serial.clone(),
            pin: PinJson {
                count_low: t.pin.count_low,
                final_try: t.pin.final_try,
                locked: t.pin.locked,
                to_be_changed: t.pin.to_be_changed,
            },
            protected_authentication_path: t.protected_auth_path,
            objects_hidden_until_login: t.hides_objects(),
            certificates: t
                .certificates
                .iter()
                .map(|c| TokenCertJson {
                    uri: c.uri.clone(),
                    id: crate::cert::decode::hex_upper(&c.id),
                    label: c.label.clone(),
                    subject: c.info.subject.clone(),
                    issuer: c.info.issuer.clone(),
                    serial: c.info.serial.clone(),
                    not_after: rfc3339(c.info.not_after),
                    days_left: days_until(now, c.info.not_after),
                    tax_code: c.info.tax_code.clone(),
                    id_number: c.info.id_number.clone(),
                    has_private_key: c.has_private_key,
                })
                .collect(),
        }
    }
}

/// Runs a `dvc token` subcommand.
pub fn run(cmd: Command, ctx: &mut Context<'_>) -> Result<i32> {
    match cmd {
        Command::List(a) => list(a, ctx),
        Command::Sign(a) => sign(a, ctx),
    }
}

fn list(args: ListArgs, ctx: &mut Context<'_>) -> Result<i32> {
    let modules = ctx.load_modules(args.module.module.as_deref())?;
    let tokens = ctx.list_tokens(&modules)?;
    let now = ctx.clock.now();
    if args.json {
        let v = TokenListJson {
            module: modules[0].path().display().to_string(),
            modules: modules
                .iter()
                .map(|m| m.path().display().to_string())
                .collect(),
            tokens: tokens.iter().map(|t| TokenJson::of(t, now)).collect(),
        };
        ctx.print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        ))?;
        return Ok(exit::OK);
    }
    let lang = ctx.lang;
    let mut out = String::new();
    for m in &modules {
        out.push_str(&format!(
            "{}\n",
            tr!(lang, "token.module", path = m.path().display())
        ));
    }
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
        if modules.len() > 1 {
            out.push_str(&format!(
                "  {}\n",
                tr!(lang, "token.via", path = t.module.display())
            ));
        }
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
            let expired = now > c.info.not_after;
            let words = super::words::days_left(days, expired, lang);
            let left = if expired {
                ctx.paint.bad(&words)
            } else if days < 30 {
                ctx.paint.warn(&words)
            } else {
                words
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
            match c.has_private_key {
                Some(true) => {}
                Some(false) => out.push_str(&format!("    {}\n", tr!(lang, "token.no_key"))),
                None => out.push_str(&format!("    {}\n", tr!(lang, "token.key_unknown"))),
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

fn sign(args: SignArgs, ctx: &mut Context<'_>) -> Result<i32> {
    let profile_cert = if args.cert.is_none() {
        let name = ctx.profile_name().ok();
        ctx.config()
            .ok()
            .and_then(|c| name.and_then(|n| c.profiles.get(n.as_str()).cloned()))
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
            ctx.stdin
                .read_to_end(&mut d)
                .map_err(|e| Error::io("<stdin>", e))?;
            d
        }
    };
    let prepared = super::usb::prepare(
        ctx,
        args.module.module.as_deref(),
        selector.as_deref(),
        args.pin_stdin,
        args.force,
    )?;
    let (module, cert, pin) = (prepared.module(), &prepared.cert, &prepared.pin);
    let (alg, sig) = token::sign(
        module,
        cert,
        pin.as_ref(),
        args.algorithm.map(Into::into),
        args.mechanism.into(),
        &data,
    )?;
    let uri = cert.uri.clone();
    // The PIN is wiped now, not at the end.
    drop(prepared);
    let line = tr!(ctx.lang, "token.signed", algorithm = alg.name(), uri = uri);
    ctx.info(&line);
    match &args.output {
        Some(p) => crate::fs::write_atomic(p, &sig, 0o644)?,
        None => {
            use base64::Engine as _;
            let b64 = base64::engine::general_purpose::STANDARD.encode(&sig);
            ctx.print(&format!("{b64}\n"))?
        }
    }
    Ok(exit::OK)
}
