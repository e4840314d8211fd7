//! `dvc login` for a web profile (portal-web.md): the method from the flags
//! or a menu of the recipe's, what the person gives for it (the token and
//! its PIN, the phone, the SmartCA account, the VNeID ID, password and
//! one-time code, or the QR to scan), then the recipe's login.

use std::path::PathBuf;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use super::Args;
use crate::auth;
use crate::cli::Context;
use crate::config::{Profile, ProfileName, RecipeRef};
use crate::error::{Error, Result};
use crate::pkcs11::{Algorithm, MechanismChoice, Module, TokenCert};
use crate::portal::web::recipe::Recipe;
use crate::portal::web::{Credentials, Qr, UsbSigner, WebPortal};
use crate::session::{Method, Session};
use crate::tr;
use crate::ui::{WaitDisplay, WaitFor};

/// The phone number (flag, profile default, or asked), normalised to `84…`.
pub fn phone(ctx: &mut Context<'_>, args: &Args, profile: &Profile) -> Result<String> {
    let raw = match args.sim.clone().filter(|s| !s.is_empty()) {
        Some(p) => p,
        None => {
            let q = tr!(ctx.lang, "login.ask_phone");
            let default = profile.sim.phone.clone();
            ctx.ask_text(&q, "--sim PHONE", default.as_deref())?
        }
    };
    super::normalize_phone(&raw).ok_or_else(|| Error::Usage {
        message: tr!(ctx.lang, "login.bad_phone", phone = raw),
        hint: Some(tr!(ctx.lang, "login.bad_phone_hint")),
    })
}

/// The first line of `text`, or the usage error naming what is missing.
fn line<'a>(ctx: &Context<'_>, text: &'a str, n: usize, key: &str) -> Result<&'a str> {
    let l = text.lines().nth(n).unwrap_or("").trim_end_matches('\r');
    if l.is_empty() {
        return Err(Error::Usage {
            message: tr!(ctx.lang, key),
            hint: None,
        });
    }
    Ok(l)
}

/// One line of `r`, read a byte at a time (nothing after it is consumed),
/// without its line ending; wiped on drop.
fn read_line(r: &mut dyn std::io::Read) -> Result<zeroize::Zeroizing<String>> {
    let mut bytes = zeroize::Zeroizing::new(Vec::new());
    let mut b = [0u8; 1];
    loop {
        match r.read(&mut b) {
            Ok(0) => break,
            Ok(_) if b[0] == b'\n' => break,
            Ok(_) => bytes.push(b[0]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io("<stdin>", e)),
        }
    }
    zeroize::Zeroize::zeroize(&mut b);
    let text = String::from_utf8_lossy(&bytes)
        .trim_end_matches('\r')
        .to_string();
    Ok(zeroize::Zeroizing::new(text))
}

/// A password: the first line of stdin, or asked.
fn password(ctx: &mut Context<'_>, from_stdin: Option<&str>, prompt: &str) -> Result<SecretString> {
    if let Some(text) = from_stdin {
        return Ok(SecretString::from(
            line(ctx, text, 0, "login.no_password_on_stdin")?.to_string(),
        ));
    }
    if !ctx.interactive {
        return Err(Error::NeedsInput {
            flag: "--password-stdin".into(),
        });
    }
    // An empty answer (Enter pressed too soon) is asked again, never sent:
    // each refused try may count towards the account's lockout.
    loop {
        let pw = ctx.prompter.secret(prompt)?;
        if !pw.expose_secret().is_empty() {
            return Ok(pw);
        }
    }
}

/// The SmartCA account and its password.
pub fn smartca_account(
    ctx: &mut Context<'_>,
    args: &Args,
    profile: &Profile,
) -> Result<(String, SecretString)> {
    let user = match args.smartca.clone().filter(|s| !s.is_empty()) {
        Some(u) => u,
        None => {
            let q = tr!(ctx.lang, "login.ask_smartca_user");
            let default = profile.smartca.user_id.clone();
            ctx.ask_text(&q, "--smartca USER_ID", default.as_deref())?
        }
    };
    let stdin = if args.password_stdin {
        Some(ctx.read_stdin()?)
    } else {
        None
    };
    let prompt = tr!(ctx.lang, "login.smartca_password", user = user);
    let pw = password(ctx, stdin.as_deref().map(|s| s.as_str()), &prompt)?;
    Ok((user, pw))
}

/// The USB token as the VGCA plugin uses it, over PKCS#11.
struct TokenSigner<'m> {
    module: &'m Module,
    cert: TokenCert,
    pin: Option<SecretString>,
    algorithm: Option<Algorithm>,
    mechanism: MechanismChoice,
}

impl UsbSigner for TokenSigner<'_> {
    fn certificate(&self) -> &[u8] {
        &self.cert.der
    }

    fn serial_hex(&self) -> String {
        self.cert.info.serial.clone()
    }

    fn algorithm(&mut self) -> Result<Algorithm> {
        if let Some(a) = self.algorithm {
            return Ok(a);
        }
        let a = crate::pkcs11::token::best_algorithm(self.module, &self.cert)?;
        self.algorithm = Some(a);
        Ok(a)
    }

    fn sign(&mut self, algorithm: Algorithm, data: &[u8]) -> Result<Vec<u8>> {
        let (_, sig) = crate::pkcs11::token::sign(
            self.module,
            &self.cert,
            self.pin.as_ref(),
            Some(algorithm),
            self.mechanism,
            data,
        )?;
        Ok(sig)
    }
}

/// Shows a QR code for the VNeID app: drawn on stderr, and written to a PNG
/// when asked.
fn show_qr(
    out: &mut dyn std::io::Write,
    lang: crate::i18n::Lang,
    terminal: bool,
    png: Option<&PathBuf>,
    qr: &Qr,
) -> Result<()> {
    let modules = crate::ui::qr::modules(qr);
    // The whole code on one screen with the wait line under it: on a short
    // terminal (80×24) the blank lines go, so the top of the code (its
    // finder patterns) never scrolls away.
    let rows = if terminal {
        crate::ui::term::height()
    } else {
        0
    };
    let compact = modules
        .as_ref()
        .is_some_and(|m| rows > 0 && m.terminal_lines() + 6 > rows);
    let mut text = if compact {
        format!("{}\n", tr!(lang, "login.qr_scan"))
    } else {
        format!("\n{}\n\n", tr!(lang, "login.qr_scan"))
    };
    match &modules {
        Some(m) => text.push_str(&m.to_terminal(terminal)),
        None => text.push_str(&format!("{}\n", tr!(lang, "login.qr_unreadable"))),
    }
    if let Some(path) = png {
        let bytes = match (&modules, &qr.png) {
            (_, Some(page_png)) => page_png.clone(),
            (Some(m), None) => m.to_png()?,
            (None, None) => Vec::new(),
        };
        crate::fs::write_atomic(path, &bytes, 0o600)?;
        text.push_str(&format!(
            "{}\n",
            tr!(lang, "login.qr_png", path = path.display())
        ));
    }
    if !compact {
        text.push('\n');
    }
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| Error::io("<stderr>", e))
}

/// The method: from the flags, else a menu of the recipe's methods.
fn choose(ctx: &mut Context<'_>, args: &Args, recipe: &Recipe) -> Result<Method> {
    let offered = recipe.methods();
    if let Some(m) = super::asked_method(args) {
        if !offered.contains(&m) {
            return Err(Error::unexpected(
                0,
                &recipe.start_url,
                crate::portal::Unexpected::MethodNotOffered(m.as_str().into()),
            ));
        }
        return Ok(m);
    }
    super::method_menu(ctx, &offered)
}

/// Logs a web profile in; the session is returned, not stored yet.
pub fn login(
    ctx: &mut Context<'_>,
    args: &Args,
    name: &ProfileName,
    profile: &Profile,
    recipe: Recipe,
    source: RecipeRef,
    timeout: Duration,
) -> Result<Session> {
    let method = choose(ctx, args, &recipe)?;
    let http = ctx.clients.settings(Some(profile), timeout)?;
    let portal = WebPortal::new(recipe, &source.to_string(), http);
    let lang = ctx.lang;
    let terminal = ctx.terminal;
    let quiet = ctx.verbosity < 0;
    let (login, identity, certificate) = match method {
        Method::Usb => {
            let module_flag = args.module.clone().or(profile.usb.module.clone());
            let selector = args.cert.clone().or(profile.usb.cert.clone());
            let prepared = crate::cli::usb::prepare(
                ctx,
                module_flag.as_deref(),
                selector.as_deref(),
                args.pin_stdin,
                args.force,
            )?;
            let der = prepared.cert.der.clone();
            let mut signer = TokenSigner {
                module: prepared.module(),
                cert: prepared.cert.clone(),
                pin: prepared.pin.clone(),
                algorithm: args.algorithm.map(Into::into),
                mechanism: args.mechanism.into(),
            };
            let mut quiet_wait = crate::portal::SilentWaiter;
            let login = portal.login(Credentials::Usb(&mut signer), &mut quiet_wait)?;
            (login, String::new(), Some(der))
        }
        Method::Sim => {
            let phone = phone(ctx, args, profile)?;
            let mut wait = WaitDisplay::new(&mut *ctx.err, lang, WaitFor::Phone, terminal, quiet);
            let login = portal.login(Credentials::Sim(phone.clone()), &mut wait)?;
            (login, phone, None)
        }
        Method::Smartca => {
            let (user, pw) = smartca_account(ctx, args, profile)?;
            let mut wait =
                WaitDisplay::new(&mut *ctx.err, lang, WaitFor::SmartcaApp, terminal, quiet);
            let login = portal.login(Credentials::Smartca(user.clone(), pw), &mut wait)?;
            (login, user, None)
        }
        Method::Vneid if args.qr => {
            let png = args.qr_png.clone();
            // The code and the wait share stderr, each write in turn.
            let err: std::cell::RefCell<&mut dyn std::io::Write> =
                std::cell::RefCell::new(&mut *ctx.err);
            let mut qr_out = crate::ui::term::Shared(&err);
            let mut show = |qr: &Qr| show_qr(&mut qr_out, lang, terminal, png.as_ref(), qr);
            let mut wait_out = crate::ui::term::Shared(&err);
            let mut wait =
                WaitDisplay::new(&mut wait_out, lang, WaitFor::VneidApp, terminal, quiet);
            let login = portal.login(Credentials::VneidQr(&mut show), &mut wait)?;
            // The app chooses the account; an ID given (or the profile's)
            // names it.
            let id = args
                .vneid
                .clone()
                .filter(|v| !v.is_empty())
                .or(profile.vneid.id.clone())
                .unwrap_or_default();
            (login, id, None)
        }
        Method::Vneid => {
            let id = match args
                .vneid
                .clone()
                .filter(|v| !v.is_empty())
                .or(profile.vneid.id.clone())
            {
                Some(id) => id,
                None => {
                    let q = tr!(ctx.lang, "login.ask_vneid");
                    ctx.ask_text(&q, "--vneid ID", None)?
                }
            };
            // stdin is read a line at a time, each when it is needed: a
            // script writes the password, then the one-time code once the
            // SSO has sent it (after the password step).
            let pw = if args.password_stdin {
                let l = read_line(&mut *ctx.stdin)?;
                if l.is_empty() {
                    return Err(Error::Usage {
                        message: tr!(ctx.lang, "login.no_password_on_stdin"),
                        hint: None,
                    });
                }
                SecretString::from(l.to_string())
            } else if !ctx.interactive && !args.otp_stdin {
                // Both at once: the SSO asks the code after the password.
                return Err(Error::NeedsInput {
                    flag: "--password-stdin --otp-stdin".into(),
                });
            } else {
                let prompt = tr!(ctx.lang, "login.vneid_password", id = id);
                password(ctx, None, &prompt)?
            };
            let interactive = ctx.interactive;
            let otp_prompt = tr!(ctx.lang, "login.vneid_otp");
            let no_otp = tr!(ctx.lang, "login.no_otp_on_stdin");
            let otp_stdin = args.otp_stdin;
            let prompter = &mut *ctx.prompter;
            let stdin = &mut *ctx.stdin;
            let mut otp = move || -> Result<SecretString> {
                if otp_stdin {
                    let l = read_line(stdin)?;
                    if l.is_empty() {
                        return Err(Error::Usage {
                            message: no_otp.clone(),
                            hint: None,
                        });
                    }
                    return Ok(SecretString::from(l.to_string()));
                }
                if !interactive {
                    return Err(Error::NeedsInput {
                        flag: "--otp-stdin".into(),
                    });
                }
                loop {
                    let code = prompter.secret(&otp_prompt)?;
                    if !code.expose_secret().trim().is_empty() {
                        return Ok(code);
                    }
                }
            };
            let mut quiet_wait = crate::portal::SilentWaiter;
            let login = portal.login(
                Credentials::Vneid {
                    id: id.clone(),
                    password: pw,
                    otp: &mut otp,
                },
                &mut quiet_wait,
            )?;
            (login, id, None)
        }
    };
    let account = auth::web::account_from_login(
        method,
        &identity,
        certificate.as_deref(),
        login.account.as_ref(),
    );
    let who = auth::web::WebIdentity {
        method,
        account,
        certificate,
    };
    Ok(auth::web::session_from_web(
        name,
        &portal.recipe,
        &source,
        who,
        login,
        ctx.clock.now(),
    ))
}
