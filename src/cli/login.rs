//! `dvc login [--usb | --sim PHONE | --smartca USER_ID]`: log the profile in
//! as the portal's web page does, store the session, say who is logged in.

use std::io::Read;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use super::Context;
use crate::config::{PortalUrl, Profile};
use crate::error::{exit, Error, Result};
use crate::portal::{Authenticator, Portal, PortalConfig, UsbSignature, Waiter};
use crate::session::{Account, Method, Secret, Session, Storage, StoragePreference};
use crate::tr;

/// Arguments of `dvc login`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Log in with a USB token (PKCS#11).
    #[arg(long, conflicts_with_all = ["sim", "smartca"])]
    pub usb: bool,
    /// Log in with a digital-signature SIM: the phone number (0912345678, +84912345678 or 84912345678).
    #[arg(long, value_name = "PHONE", conflicts_with = "smartca")]
    pub sim: Option<String>,
    /// Log in with VNPT SmartCA: the user id (CCCD or tax code).
    #[arg(long, value_name = "USER_ID")]
    pub smartca: Option<String>,
    /// USB: the certificate (PKCS#11 URI, serial number, tax code or ID number).
    #[arg(long, value_name = "SELECTOR")]
    pub cert: Option<String>,
    /// USB: the PKCS#11 library.
    #[arg(long, value_name = "PATH")]
    pub module: Option<PathBuf>,
    /// USB: read the PIN from stdin.
    #[arg(long)]
    pub pin_stdin: bool,
    /// SmartCA: read the password from stdin.
    #[arg(long)]
    pub password_stdin: bool,
    /// Log in again even when logged in; try the PIN even at the token's final try.
    #[arg(long)]
    pub force: bool,
    /// Keep the session in a private file even where a keyring works.
    #[arg(long)]
    pub insecure_storage: bool,
    /// The portal's issuer (with --client-id, creates the profile when it does not exist).
    #[arg(long, value_name = "URL")]
    pub issuer: Option<String>,
    /// The OAuth client id.
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,
    /// Seconds to wait for each request to the portal.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// An extra CA certificate (PEM) for the portal's TLS (a private CA).
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// USB: the signature algorithm [default: the best the token offers, RSASSA-PSS first].
    #[arg(long, value_enum)]
    pub algorithm: Option<crate::pkcs11::Algorithm>,
    /// USB: auto, or raw (hash in software; for tokens whose hashing mechanisms misbehave).
    #[arg(long, value_enum, default_value = "auto")]
    pub mechanism: crate::pkcs11::MechanismChoice,
}

/// Normalises a phone number to international digits (`84…`).
pub fn normalize_phone(s: &str) -> Option<String> {
    let d: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    let digits = d.strip_prefix('+').unwrap_or(&d);
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let intl = if let Some(rest) = digits.strip_prefix('0') {
        format!("84{rest}")
    } else {
        digits.to_string()
    };
    (intl.starts_with("84") && (10..=12).contains(&intl.len())).then_some(intl)
}

/// The portal of a profile (issuer, client, …), with an optional timeout.
pub fn portal_config(profile: &Profile, timeout: Duration) -> Result<PortalConfig> {
    let issuer = profile.issuer().ok_or(Error::NeedsInput {
        flag: "--issuer URL --client-id ID".into(),
    })?;
    let client_id = profile.client_id.clone().ok_or(Error::NeedsInput {
        flag: "--client-id ID".into(),
    })?;
    Ok(PortalConfig {
        discovery_url: profile
            .discovery_url()
            .unwrap_or_else(|| format!("{issuer}/.well-known/openid-configuration")),
        issuer,
        client_id,
        client_secret: profile.client_secret.clone(),
        redirect_uri: profile.redirect_uri(),
        scope: profile.scope(),
        acr_values: profile.acr_values(),
        ca_file: profile.ca_file.clone(),
        timeout,
    })
}

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Ctrl-C while waiting for the phone: stop at once, exit 130, store nothing.
fn on_sigint() {
    #[cfg(unix)]
    {
        extern "C" fn handler(_: i32) {
            INTERRUPTED.store(true, Ordering::SeqCst);
        }
        unsafe extern "C" {
            fn signal(sig: i32, handler: extern "C" fn(i32)) -> usize;
        }
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
        unsafe {
            signal(2, handler);
        }
    }
}

struct Spinner<'a> {
    bar: Option<indicatif::ProgressBar>,
    lang: crate::i18n::Lang,
    method: Method,
    quiet: bool,
    err: &'a mut dyn std::io::Write,
}

impl Waiter for Spinner<'_> {
    fn started(&mut self, code: Option<&str>, expires_in: Duration) {
        if let Some(code) = code {
            let line = tr!(self.lang, "login.code", code = code);
            let _ = writeln!(self.err, "\n    {line}\n");
        }
        let wait = match self.method {
            Method::Smartca => tr!(self.lang, "login.wait_smartca"),
            _ => tr!(self.lang, "login.wait_sim"),
        };
        if self.quiet {
            return;
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.set_message(format!("{wait} ({} s)", expires_in.as_secs()));
        bar.enable_steady_tick(Duration::from_millis(120));
        self.bar = Some(bar);
    }

    fn waiting(&mut self, left: Duration) {
        if let Some(b) = &self.bar {
            let wait = match self.method {
                Method::Smartca => tr!(self.lang, "login.wait_smartca"),
                _ => tr!(self.lang, "login.wait_sim"),
            };
            b.set_message(format!("{wait} ({} s)", left.as_secs()));
        }
    }

    fn interrupted(&self) -> bool {
        INTERRUPTED.load(Ordering::SeqCst)
    }
}

impl Drop for Spinner<'_> {
    fn drop(&mut self) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }
}

/// Builds the stored session from a login.
pub fn session_from(
    profile: &str,
    cfg: &PortalConfig,
    method: Method,
    login: crate::portal::Login,
    now: time::OffsetDateTime,
) -> Session {
    let t = login.tokens;
    Session {
        profile: profile.into(),
        issuer: cfg.issuer.clone(),
        client_id: cfg.client_id.clone(),
        method,
        token_type: t.token_type,
        scope: t.scope,
        access_token: Secret::new(t.access_token.expose_secret()),
        refresh_token: t.refresh_token.map(|r| Secret::new(r.expose_secret())),
        id_token: t.id_token.map(|r| Secret::new(r.expose_secret())),
        access_token_expires_at: now + time::Duration::seconds(t.expires_in.max(0)),
        refresh_token_expires_at: None,
        logged_in_at: now,
        refreshed_at: None,
        account: Account::from_claims(&login.userinfo),
        certificate: login.certificate,
    }
}

/// Announces where the session went (warning once about the file fallback).
pub fn announce_storage(ctx: &mut Context<'_>, out: &crate::session::SaveOutcome, profile: &str) {
    if let (Some(why), true) = (&out.keyring_unavailable, out.first_fallback) {
        let path = ctx.store.path(profile);
        let m = tr!(
            ctx.lang,
            "storage.fallback",
            why = why,
            path = path.display()
        );
        ctx.warn(&m);
    }
}

/// Runs `dvc login`.
pub fn run(args: Args, ctx: &mut Context<'_>) -> Result<i32> {
    let profile_name = ctx.profile_name()?;
    let mut config = ctx.config()?;
    let mut profile = config.profiles.get(&profile_name).cloned();
    if profile.is_none() {
        if let (Some(issuer), Some(client)) = (&args.issuer, &args.client_id) {
            let url = PortalUrl::parse(issuer).map_err(|reason| Error::InvalidUrl {
                field: "--issuer".into(),
                value: issuer.clone(),
                reason,
            })?;
            let p = Profile {
                issuer: Some(url),
                client_id: Some(client.clone()),
                ..Default::default()
            };
            config.profiles.insert(profile_name.clone(), p.clone());
            if config.default_profile.is_none() {
                config.default_profile = Some(profile_name.clone());
            }
            config.save(&ctx.paths.config_file)?;
            let m = tr!(
                ctx.lang,
                "login.profile_created",
                name = profile_name,
                path = ctx.paths.config_file.display()
            );
            ctx.info(&m);
            profile = Some(p);
        }
    }
    let mut profile = profile.ok_or_else(|| Error::NeedsInput {
        flag: format!("--issuer URL --client-id ID (or `dvc profile add {profile_name}`)"),
    })?;
    if let Some(i) = &args.issuer {
        profile.issuer = Some(PortalUrl::parse(i).map_err(|reason| Error::InvalidUrl {
            field: "--issuer".into(),
            value: i.clone(),
            reason,
        })?);
        profile.preset = None;
        profile.discovery_url = None;
    }
    if let Some(c) = &args.client_id {
        profile.client_id = Some(c.clone());
    }
    if let Some(f) = &args.ca_file {
        profile.ca_file = Some(f.clone());
    }
    let now = ctx.clock.now();
    if !args.force {
        if let Ok(Some(s)) = ctx.store.load_summary(&profile_name) {
            if s.session.is_live(now) {
                let m = tr!(
                    ctx.lang,
                    "login.already",
                    profile = profile_name,
                    name = s.session.account.name.clone().unwrap_or_default()
                );
                ctx.info(&m);
                return Ok(exit::OK);
            }
        }
    }
    // Which method.
    let method = if args.usb {
        Method::Usb
    } else if args.sim.is_some() {
        Method::Sim
    } else if args.smartca.is_some() {
        Method::Smartca
    } else if ctx.interactive {
        let items = [
            tr!(ctx.lang, "method.usb"),
            tr!(ctx.lang, "method.sim"),
            tr!(ctx.lang, "method.smartca"),
        ];
        let pick = dialoguer::Select::new()
            .with_prompt(tr!(ctx.lang, "login.choose_method"))
            .items(&items)
            .default(0)
            .interact_on_opt(&dialoguer::console::Term::stderr())
            .map_err(|dialoguer::Error::IO(e)| Error::io("<terminal>", e))?
            .ok_or(Error::Interrupted)?;
        [Method::Usb, Method::Sim, Method::Smartca][pick]
    } else {
        return Err(Error::NeedsInput {
            flag: "--usb, --sim PHONE or --smartca USER_ID".into(),
        });
    };
    let timeout = Duration::from_secs_f64(args.timeout.clamp(0.5, 600.0));
    let cfg = portal_config(&profile, timeout)?;
    let portal = Portal::discover(cfg.clone())?;
    let m = tr!(ctx.lang, "login.portal", issuer = cfg.issuer);
    ctx.debug(&m);
    let ask = |ctx: &Context<'_>, key: &str, default: Option<String>| -> Result<String> {
        if !ctx.interactive {
            return Err(Error::NeedsInput { flag: key.into() });
        }
        crate::ui::prompt_text(
            &tr!(ctx.lang, "login.ask_value", what = key),
            default.as_deref(),
        )
        .map_err(|e| Error::io("<terminal>", e))
    };
    let login = match method {
        Method::Sim => {
            let raw = match args.sim.clone() {
                Some(p) => p,
                None => ask(ctx, "--sim PHONE", profile.sim.phone.clone())?,
            };
            let phone = normalize_phone(&raw).ok_or_else(|| Error::Usage {
                message: tr!(ctx.lang, "login.bad_phone", phone = raw),
                hint: Some(tr!(ctx.lang, "login.bad_phone_hint")),
            })?;
            on_sigint();
            let quiet = ctx.verbosity < 0;
            let lang = ctx.lang;
            let mut sp = Spinner {
                bar: None,
                lang,
                method,
                quiet,
                err: &mut *ctx.err,
            };
            portal.login(Authenticator::Sim(phone), &mut sp)
        }
        Method::Smartca => {
            let user = match args.smartca.clone() {
                Some(u) => u,
                None => ask(ctx, "--smartca USER_ID", profile.smartca.user_id.clone())?,
            };
            let password = if args.password_stdin {
                let mut s = zeroize::Zeroizing::new(String::new());
                std::io::stdin()
                    .read_to_string(&mut s)
                    .map_err(|e| Error::io("<stdin>", e))?;
                SecretString::from(s.lines().next().unwrap_or("").to_string())
            } else if ctx.interactive {
                let prompt = tr!(ctx.lang, "login.smartca_password", user = user);
                let _ = write!(ctx.err, "{prompt}: ");
                let _ = ctx.err.flush();
                SecretString::from(
                    rpassword::read_password().map_err(|e| Error::io("<terminal>", e))?,
                )
            } else {
                return Err(Error::NeedsInput {
                    flag: "--password-stdin".into(),
                });
            };
            on_sigint();
            let quiet = ctx.verbosity < 0;
            let lang = ctx.lang;
            let mut sp = Spinner {
                bar: None,
                lang,
                method,
                quiet,
                err: &mut *ctx.err,
            };
            portal.login(Authenticator::Smartca(user, password), &mut sp)
        }
        Method::Usb => {
            let module_flag = args.module.clone().or(profile.usb.module.clone());
            let module = super::token::load_module(module_flag.as_deref(), ctx)?;
            let selector = args.cert.clone().or(profile.usb.cert.clone());
            let tokens = crate::pkcs11::token::list(&module)?;
            let cert = super::token::choose_from(&tokens, selector.as_deref(), ctx)?;
            let mut stdin = std::io::stdin();
            let pin = super::token::get_pin(
                &module,
                &cert,
                selector.as_deref(),
                args.pin_stdin,
                args.force,
                &mut stdin,
                ctx,
            )?;
            // Intermediates: those stored on the token, then the bundled ones that issued it.
            let chain: Vec<Vec<u8>> = tokens
                .iter()
                .filter(|t| t.slot == cert.slot)
                .flat_map(|t| t.certificates.iter())
                .filter(|c| c.info.is_ca && c.info.subject == cert.info.issuer)
                .map(|c| c.der.clone())
                .chain(
                    crate::cert::trust::bundled_intermediates()
                        .into_iter()
                        .filter(|d| {
                            crate::cert::decode_der(d)
                                .map(|i| i.subject == cert.info.issuer)
                                .unwrap_or(false)
                        }),
                )
                .collect();
            let mut sign = |key: &str| -> Result<UsbSignature> {
                let (alg, sig) = crate::pkcs11::token::sign(
                    &module,
                    &cert,
                    pin.as_ref(),
                    args.algorithm,
                    args.mechanism,
                    key.as_bytes(),
                )?;
                Ok(UsbSignature {
                    certificate: cert.der.clone(),
                    chain: chain.clone(),
                    serial: cert.info.serial.clone(),
                    algorithm: alg.name(),
                    signature: sig,
                })
            };
            let mut sp = Spinner {
                bar: None,
                lang: ctx.lang,
                method,
                quiet: true,
                err: &mut std::io::sink(),
            };
            portal.login(Authenticator::Usb(&mut sign), &mut sp)
        }
    };
    let login = login?;
    let session = session_from(&profile_name, &cfg, method, login, ctx.clock.now());
    let pref = if args.insecure_storage {
        StoragePreference::File
    } else {
        StoragePreference::Auto
    };
    let out = ctx.store.save(&session, pref)?;
    announce_storage(ctx, &out, &profile_name);
    let a = &session.account;
    let mut who = a.name.clone().unwrap_or_else(|| "—".into());
    if let Some(t) = &a.tax_code {
        who.push_str(&format!(" (MST {t})"));
    } else if let Some(id) = &a.id_number {
        who.push_str(&format!(" ({} {id})", tr!(ctx.lang, "account.id")));
    }
    let storage_key = format!("storage.{}", out.storage.as_str());
    let m = tr!(
        ctx.lang,
        "login.done",
        who = who,
        method = super::status::method_label(ctx.lang, method),
        until = crate::clock::rfc3339(session.access_token_expires_at),
        storage = tr!(ctx.lang, &storage_key)
    );
    ctx.info(&m);
    Ok(exit::OK)
}

/// A session whose access token is good for at least 60 s more, refreshed
/// (under the profile's lock, re-reading the store first) when needed.
pub fn fresh_session(ctx: &mut Context<'_>, profile: &str, force: bool) -> Result<Session> {
    let now = ctx.clock.now();
    let stored = ctx.store.load(profile)?.ok_or_else(|| Error::NotLoggedIn {
        profile: profile.into(),
    })?;
    if !force
        && stored
            .session
            .access_token_valid(now, time::Duration::seconds(60))
    {
        return Ok(stored.session);
    }
    if stored.session.refresh_token.is_none() {
        if stored.session.access_token_valid(now, time::Duration::ZERO) && !force {
            return Ok(stored.session);
        }
        return Err(Error::SessionExpired {
            profile: profile.into(),
            expired_at: crate::clock::rfc3339(stored.session.access_token_expires_at),
        });
    }
    let seen = stored.session.access_token.clone();
    let _lock = crate::session::lock::ProfileLock::acquire(
        ctx.store.state_dir(),
        profile,
        crate::session::lock::DEFAULT_LOCK_WAIT,
    )?;
    // Another process may have refreshed while we waited: its token will do
    // (even when the portal's tokens live less than the 60 s margin).
    let stored = ctx.store.load(profile)?.ok_or_else(|| Error::NotLoggedIn {
        profile: profile.into(),
    })?;
    let now = ctx.clock.now();
    let replaced = stored.session.access_token != seen
        && stored.session.access_token_valid(now, time::Duration::ZERO);
    if replaced
        || (!force
            && stored
                .session
                .access_token_valid(now, time::Duration::seconds(60)))
    {
        return Ok(stored.session);
    }
    let s = stored.session.clone();
    let config = ctx.config().unwrap_or_default();
    let mut p = config.profiles.get(profile).cloned().unwrap_or_default();
    if p.issuer() != Some(s.issuer.clone()) {
        p = Profile {
            issuer: PortalUrl::parse(&s.issuer).ok(),
            ..Default::default()
        };
    }
    p.client_id = Some(s.client_id.clone());
    let cfg = portal_config(&p, Duration::from_secs(30))?;
    let portal = Portal::discover(cfg)?;
    let rt = s
        .refresh_token
        .as_ref()
        .map(|r| r.expose().to_string())
        .unwrap_or_default();
    let t = portal.refresh(&rt)?;
    let now = ctx.clock.now();
    let mut new = s.clone();
    new.access_token = Secret::new(t.access_token.expose_secret());
    if let Some(r) = t.refresh_token {
        new.refresh_token = Some(Secret::new(r.expose_secret()));
    }
    if let Some(i) = t.id_token {
        new.id_token = Some(Secret::new(i.expose_secret()));
    }
    new.access_token_expires_at = now + time::Duration::seconds(t.expires_in.max(0));
    new.refreshed_at = Some(now);
    let pref = if stored.storage == Storage::File {
        StoragePreference::File
    } else {
        StoragePreference::Auto
    };
    ctx.store.save(&new, pref)?;
    let m = tr!(ctx.lang, "session.refreshed", profile = profile);
    ctx.debug(&m);
    Ok(new)
}
