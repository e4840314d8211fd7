//! `dvc login [--usb | --sim PHONE | --smartca USER_ID]`: log the profile in
//! as the portal's web page does, store the session, say who is logged in.
//!
//! The command gathers what the person gives (the method, the phone number,
//! the certificate, the PIN, the password) and shows the wait; the session
//! lifecycle ([`crate::auth`]) logs in and stores. A first login with
//! `--issuer --client-id` creates the profile only once the login succeeded.

use std::path::PathBuf;
use std::time::Duration;

mod web;

use crate::auth;
use crate::cli::Context;
use crate::config::{PortalUrl, Profile, ProfileName};
use crate::error::{exit, Error, Result};
use crate::portal::oidc::{Authenticator, Portal, UsbSignature};
use crate::session::{Method, StoragePreference};
use crate::tr;
use crate::ui::{WaitDisplay, WaitFor};

/// Arguments of `dvc login`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Log in with a USB token (PKCS#11).
    #[arg(long, conflicts_with_all = ["sim", "smartca", "vneid"])]
    pub usb: bool,
    /// Log in with a digital-signature SIM: the phone number (0912345678, +84912345678 or 84912345678).
    #[arg(long, value_name = "PHONE", conflicts_with_all = ["smartca", "vneid"])]
    pub sim: Option<String>,
    /// Log in with VNPT SmartCA: the user id (CCCD or tax code).
    #[arg(long, value_name = "USER_ID", conflicts_with = "vneid")]
    pub smartca: Option<String>,
    /// Log in with a VNeID account (the national portal since 1 July 2025): an organisation's e-ID number / tax code, or a citizen's 12-digit ID [default: the profile's vneid.id; with --qr, not needed].
    #[arg(long, value_name = "ID", num_args = 0..=1, default_missing_value = "")]
    pub vneid: Option<String>,
    /// VNeID: log in by scanning a QR code with the VNeID app (drawn in the terminal).
    #[arg(long)]
    pub qr: bool,
    /// VNeID: also write the QR code to this PNG file (for a remote session).
    #[arg(long, value_name = "FILE", requires = "qr")]
    pub qr_png: Option<PathBuf>,
    /// VNeID: read the one-time code from stdin (after the password's line with --password-stdin).
    #[arg(long)]
    pub otp_stdin: bool,
    /// Log in as the portal's web page does, with this recipe (a built-in name, see `dvc recipe list`, or a TOML file); creates the profile when it does not exist.
    #[arg(long, value_name = "NAME|FILE", conflicts_with_all = ["issuer", "client_id"])]
    pub recipe: Option<String>,
    /// USB: the certificate (PKCS#11 URI, serial number, tax code or ID number).
    #[arg(long, value_name = "SELECTOR")]
    pub cert: Option<String>,
    /// USB: the PKCS#11 library.
    #[arg(long, value_name = "PATH")]
    pub module: Option<PathBuf>,
    /// USB: read the PIN from stdin.
    #[arg(long)]
    pub pin_stdin: bool,
    /// SmartCA or VNeID: read the password from stdin (its first line).
    #[arg(long)]
    pub password_stdin: bool,
    /// Log in again even when logged in (the old session is revoked); try the PIN even at the token's final try; with --issuer, move the profile to another portal (logging out first).
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
    /// Seconds to wait for each request to the portal (0.5 to 600).
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// USB: the signature algorithm [default: the best the token offers, RSASSA-PSS first].
    #[arg(long, value_enum)]
    pub algorithm: Option<crate::cli::usb::AlgorithmArg>,
    /// USB: auto, or raw (hash in software; for tokens whose hashing mechanisms misbehave).
    #[arg(long, value_enum, default_value = "auto")]
    pub mechanism: crate::cli::usb::MechanismArg,
}

/// Normalises a phone number to international digits (`84…`).
pub(crate) fn normalize_phone(s: &str) -> Option<String> {
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

/// A `--recipe` value: a built-in name, or a file.
fn recipe_arg(v: &str) -> crate::config::RecipeRef {
    let looks_like_file = v.contains('/') || v.contains('\\') || v.ends_with(".toml");
    if looks_like_file {
        crate::config::RecipeRef::File(PathBuf::from(v))
    } else {
        crate::config::RecipeRef::BuiltIn(v.to_string())
    }
}

fn with_recipe(mut p: Profile, r: &crate::config::RecipeRef) -> Profile {
    match r {
        crate::config::RecipeRef::BuiltIn(n) => {
            p.recipe = Some(n.clone());
            p.recipe_file = None;
        }
        crate::config::RecipeRef::File(f) => {
            p.recipe_file = Some(f.clone());
            p.recipe = None;
        }
    }
    p
}

/// What to do with the profile once the login succeeded.
#[derive(Debug, PartialEq, Eq)]
enum ProfileChange {
    /// Nothing: it exists and is used as it is.
    None,
    /// A new profile (`--issuer --client-id` on a name that had none).
    Create,
    /// `--force --issuer`: the profile moves to another portal.
    Rewrite,
    /// `--client-id` (or the same `--issuer`) given for an existing profile.
    Update,
}

/// The profile to log in with, from the config and the flags.
fn resolve_profile(
    args: &Args,
    name: &ProfileName,
    existing: Option<Profile>,
) -> Result<(Profile, ProfileChange)> {
    let issuer = args
        .issuer
        .as_deref()
        .map(|i| PortalUrl::parse_field("--issuer", i))
        .transpose()?;
    if let Some(r) = args.recipe.as_deref().map(recipe_arg) {
        return match existing {
            None => Ok((with_recipe(Profile::default(), &r), ProfileChange::Create)),
            Some(p) if p.web_recipe().as_ref() == Some(&r) => Ok((p, ProfileChange::None)),
            Some(p) if !args.force => Err(Error::ProfileOtherPortal {
                profile: name.to_string(),
                current: p
                    .web_recipe()
                    .map(|x| x.to_string())
                    .or_else(|| p.issuer())
                    .unwrap_or_else(|| "—".into()),
                requested: r.to_string(),
            }),
            Some(p) => {
                let fresh = Profile {
                    usb: p.usb,
                    sim: p.sim,
                    smartca: p.smartca,
                    vneid: p.vneid,
                    // Where the old portal's requests went does not apply to
                    // the new one (as with --issuer): this login's own
                    // --connect-to / --ca-file are kept below.
                    ..Default::default()
                };
                Ok((with_recipe(fresh, &r), ProfileChange::Rewrite))
            }
        };
    }
    let Some(mut profile) = existing else {
        let (Some(issuer), Some(client)) = (issuer, &args.client_id) else {
            return Err(Error::NoProfileToLogIn {
                name: name.to_string(),
            });
        };
        let p = Profile {
            issuer: Some(issuer),
            client_id: Some(client.clone()),
            ..Default::default()
        };
        return Ok((p, ProfileChange::Create));
    };
    let mut change = ProfileChange::None;
    if let Some(new) = issuer {
        let current = profile.issuer();
        if current.as_deref() != Some(new.as_str()) {
            if !args.force {
                return Err(Error::ProfileOtherPortal {
                    profile: name.to_string(),
                    current: current.unwrap_or_else(|| "—".into()),
                    requested: new.to_string(),
                });
            }
            profile = Profile {
                issuer: Some(new),
                usb: profile.usb,
                sim: profile.sim,
                smartca: profile.smartca,
                ..Default::default()
            };
            change = ProfileChange::Rewrite;
        }
    }
    if let Some(c) = &args.client_id {
        if profile.client_id.as_deref() != Some(c.as_str()) {
            profile.client_id = Some(c.clone());
            if change == ProfileChange::None {
                change = ProfileChange::Update;
            }
        }
    }
    Ok((profile, change))
}

/// Runs `dvc login`.
pub fn run(args: Args, ctx: &mut Context<'_>) -> Result<i32> {
    let name = ctx.profile_name()?;
    let config = ctx.config()?;
    let existing = config.profiles.get(name.as_str()).cloned();
    let (mut profile, change) = resolve_profile(&args, &name, existing)?;
    if matches!(change, ProfileChange::Create | ProfileChange::Rewrite) {
        // A profile made by this login keeps where its requests went, so
        // that `api`, `session check` and `logout` reach the same place.
        if !ctx.clients.connect_to.is_empty() {
            profile.connect_to = ctx
                .clients
                .connect_to
                .iter()
                .map(|c| c.to_string())
                .collect();
        }
        if ctx.clients.ca_file.is_some() {
            profile.ca_file = ctx.clients.ca_file.clone();
        }
        if !profile.connect_to.is_empty() || profile.ca_file.is_some() {
            let m = tr!(
                ctx.lang,
                "login.keeps_network",
                profile = name,
                connect_to = if profile.connect_to.is_empty() {
                    "—".to_string()
                } else {
                    profile.connect_to.join(" ")
                },
                ca_file = profile
                    .ca_file
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "—".into())
            );
            ctx.info(&m);
        }
    }
    let now = ctx.clock.now();
    if change == ProfileChange::Rewrite {
        // The profile moves to another portal: log out of the old one first.
        let http = ctx.clients.settings(None, Duration::from_secs(10))?;
        if let auth::LoggedOut::Done(r) = auth::logout(&ctx.store, &http, None, &name)? {
            crate::cli::words::say_revocation(ctx, &name, &r, "login.replaced");
        }
    } else if !args.force {
        if let Ok(Some(s)) = ctx.store.load_summary(&name) {
            let portal = match auth::web::recipe_of(&profile) {
                Ok(Some((r, _))) => Some(r.rp_origin.trim_end_matches('/').to_string()),
                _ => profile.issuer(),
            };
            let same_portal = portal.as_deref() == Some(s.session.issuer.as_str());
            if s.session.is_live(now) && same_portal {
                // Asked for another account than the live session's (a
                // known phone or ID that differs): not "already logged in",
                // which a script would take for success.
                if let Some(asked) = another_account(&args, &s.session) {
                    return Err(Error::Usage {
                        message: tr!(
                            ctx.lang,
                            "login.other_account",
                            profile = name,
                            name = crate::cli::words::who(ctx.lang, &s.session.account),
                            asked = asked
                        ),
                        hint: Some(tr!(ctx.lang, "login.other_account_hint", profile = name)),
                    });
                }
                let m = tr!(
                    ctx.lang,
                    "login.already",
                    profile = name,
                    name = crate::cli::words::who(ctx.lang, &s.session.account)
                );
                ctx.info(&m);
                return Ok(exit::OK);
            }
        }
    }
    let timeout = Duration::from_secs_f64(args.timeout.clamp(0.5, 600.0));
    let session = match auth::web::recipe_of(&profile)? {
        Some((recipe, source)) => web::login(ctx, &args, &name, &profile, recipe, source, timeout)?,
        None => login_oidc(ctx, &args, &name, &profile, timeout)?,
    };
    let method = session.method;
    // A certificate chosen from the menu is this profile's from now on (a
    // profile is one business or person): the next login does not ask.
    let remembered = (method == Method::Usb && args.cert.is_none() && profile.usb.cert.is_none())
        .then_some(session.certificate.as_deref())
        .flatten()
        .and_then(|der| crate::cert::decode_der(der).ok())
        .and_then(|info| match (info.tax_code, info.id_number) {
            (Some(t), _) => Some(format!("MST:{t}")),
            (None, Some(i)) => Some(i),
            _ => None,
        });
    if let Some(sel) = &remembered {
        profile.usb.cert = Some(sel.clone());
    }
    // The login succeeded: now the profile may be created or changed.
    if change != ProfileChange::None || remembered.is_some() {
        crate::config::Config::update(&ctx.paths.config_file, |config| {
            if config.default_profile.is_none() {
                config.default_profile = Some(name.to_string());
            }
            match (&change, config.profiles.get_mut(name.as_str()), &remembered) {
                // Only the certificate to remember: the rest as it is now.
                (ProfileChange::None, Some(p), Some(sel)) => p.usb.cert = Some(sel.clone()),
                _ => {
                    config.profiles.insert(name.to_string(), profile.clone());
                }
            }
            Ok(())
        })?;
        if let Some(sel) = &remembered {
            let m = tr!(
                ctx.lang,
                "login.cert_remembered",
                profile = name,
                cert = sel
            );
            ctx.info(&m);
        }
        if change == ProfileChange::Create {
            let m = tr!(
                ctx.lang,
                "login.profile_created",
                name = name,
                path = ctx.paths.config_file.display()
            );
            ctx.info(&m);
        }
    }
    let pref = if args.insecure_storage {
        StoragePreference::File
    } else {
        StoragePreference::Auto
    };
    let env = ctx.auth_env(Some(&profile), timeout)?;
    let stored = auth::store_login(&env, Some(&profile), &session, pref)?;
    drop(env);
    crate::cli::words::announce_storage(ctx, &stored.saved, &name);
    if let Some(r) = &stored.replaced {
        crate::cli::words::say_revocation(ctx, &name, r, "login.replaced");
    }
    let who = crate::cli::words::who(ctx.lang, &session.account);
    let storage_key = format!("storage.{}", stored.saved.storage.as_str());
    let m = tr!(
        ctx.lang,
        "login.done",
        who = who,
        method = crate::cli::words::method_label(ctx.lang, method),
        until = crate::clock::rfc3339(session.access_token_expires_at),
        storage = tr!(ctx.lang, &storage_key)
    );
    ctx.info(&m);
    Ok(exit::OK)
}

/// An OIDC login (portal-login.md).
fn login_oidc(
    ctx: &mut Context<'_>,
    args: &Args,
    name: &ProfileName,
    profile: &Profile,
    timeout: Duration,
) -> Result<crate::session::Session> {
    if args.vneid.is_some() || args.qr {
        return Err(Error::Usage {
            message: tr!(ctx.lang, "login.vneid_needs_web", profile = name),
            hint: Some(tr!(ctx.lang, "login.vneid_needs_web_hint", profile = name)),
        });
    }
    let env_http = ctx.clients.settings(Some(profile), timeout)?;
    let cfg = auth::portal_config(profile, env_http)?;
    log::info!("reading the discovery document {}", cfg.discovery_url);
    let portal = Portal::discover(cfg)?;
    let method = choose_method(args, &portal, ctx)?;
    match method {
        Method::Sim => {
            let phone = web::phone(ctx, args, profile)?;
            login_waiting(ctx, name, &portal, method, Authenticator::Sim(phone))
        }
        Method::Smartca => {
            let (user, password) = web::smartca_account(ctx, args, profile)?;
            let auth = Authenticator::Smartca(user, password);
            login_waiting(ctx, name, &portal, method, auth)
        }
        Method::Usb => login_usb(ctx, args, name, profile, &portal),
        Method::Vneid => Err(Error::Usage {
            message: tr!(ctx.lang, "login.vneid_needs_web", profile = name),
            hint: None,
        }),
    }
}

/// The method: from the flags, else a menu of what the portal offers.
fn choose_method(args: &Args, portal: &Portal, ctx: &mut Context<'_>) -> Result<Method> {
    // `--vneid` too: an OIDC profile then says VNeID needs a web profile.
    if let Some(m) = asked_method(args) {
        return Ok(m);
    }
    let offered: Vec<Method> = [Method::Usb, Method::Sim, Method::Smartca]
        .into_iter()
        .filter(|m| portal.disc.authenticators.iter().any(|a| a == m.as_str()))
        .collect();
    if offered.is_empty() {
        return Err(Error::unexpected(
            0,
            &portal.cfg.discovery_url,
            crate::portal::Unexpected::MethodNotOffered("usb, sim, smartca".into()),
        ));
    }
    method_menu(ctx, &offered)
}

/// The account asked for on the command line when it is known to differ
/// from the live session's: a SIM's phone against a SIM session's, a VNeID
/// ID against a VNeID session's numbers. A session of another method says
/// nothing of it (an OIDC session's phone is the account's contact phone,
/// a USB certificate's tax code may be the same organisation's): `None`,
/// as when it is the same or cannot be told.
fn another_account(args: &Args, session: &crate::session::Session) -> Option<String> {
    let account = &session.account;
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    if session.method != asked_method(args)? {
        return None;
    }
    if let (Some(asked), Some(phone)) = (args.sim.as_deref(), account.phone.as_deref()) {
        let (a, p) = (digits(asked), digits(phone));
        // 0912345678 and +84912345678 are one phone.
        let same = !a.is_empty()
            && (a.ends_with(p.trim_start_matches('0')) || p.ends_with(a.trim_start_matches('0')));
        if !same {
            return Some(asked.to_string());
        }
    }
    if let Some(asked) = args.vneid.as_deref().filter(|v| !v.is_empty()) {
        let known: Vec<&str> = [account.tax_code.as_deref(), account.id_number.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !known.is_empty() && !known.contains(&asked.trim()) {
            return Some(asked.to_string());
        }
    }
    None
}

/// The method the flags ask for, if any.
pub(crate) fn asked_method(args: &Args) -> Option<Method> {
    if args.usb {
        Some(Method::Usb)
    } else if args.sim.is_some() {
        Some(Method::Sim)
    } else if args.smartca.is_some() {
        Some(Method::Smartca)
    } else if args.vneid.is_some() || args.qr {
        Some(Method::Vneid)
    } else {
        None
    }
}

/// A menu of the methods `offered` (the only one without asking); without
/// a terminal, the error names each method's flag.
pub(crate) fn method_menu(ctx: &mut Context<'_>, offered: &[Method]) -> Result<Method> {
    if offered.len() == 1 {
        return Ok(offered[0]);
    }
    if !ctx.interactive {
        let flags: Vec<&str> = offered
            .iter()
            .map(|m| match m {
                Method::Usb => "--usb",
                Method::Sim => "--sim PHONE",
                Method::Smartca => "--smartca USER_ID",
                Method::Vneid => "--vneid ID",
            })
            .collect();
        return Err(Error::NeedsInput {
            flag: flags.join(", "),
        });
    }
    let items: Vec<String> = offered
        .iter()
        .map(|m| crate::cli::words::method_label(ctx.lang, *m))
        .collect();
    let prompt = tr!(ctx.lang, "login.choose_method");
    let i = ctx.prompter.select(&prompt, &items, 0)?;
    Ok(offered[i])
}

/// A SIM or SmartCA login: the code and the spinner while waiting.
fn login_waiting(
    ctx: &mut Context<'_>,
    name: &ProfileName,
    portal: &Portal,
    method: Method,
    auth: Authenticator<'_>,
) -> Result<crate::session::Session> {
    let what = if method == Method::Smartca {
        WaitFor::SmartcaApp
    } else {
        WaitFor::Phone
    };
    let env = crate::auth::AuthEnv {
        store: &ctx.store,
        clock: ctx.clock,
        http: portal.cfg.http.clone(),
    };
    let mut wait = WaitDisplay::new(
        &mut *ctx.err,
        ctx.lang,
        what,
        ctx.terminal,
        ctx.verbosity < 0,
    );
    auth::login_oidc(&env, name, portal, method, auth, &mut wait)
}

/// A USB login: the certificate, the PIN, the signature of the portal's
/// challenge.
fn login_usb(
    ctx: &mut Context<'_>,
    args: &Args,
    name: &ProfileName,
    profile: &Profile,
    portal: &Portal,
) -> Result<crate::session::Session> {
    let module_flag = args.module.clone().or(profile.usb.module.clone());
    let selector = args.cert.clone().or(profile.usb.cert.clone());
    let prepared = crate::cli::usb::prepare(
        ctx,
        module_flag.as_deref(),
        selector.as_deref(),
        args.pin_stdin,
        args.force,
    )?;
    let module = prepared.module();
    let (cert, pin) = (&prepared.cert, &prepared.pin);
    let chain = auth::usb::chain_for(&prepared.tokens, cert);
    let algorithm = args.algorithm.map(Into::into);
    let mechanism = args.mechanism.into();
    let mut sign = |key: &str| -> Result<UsbSignature> {
        let (alg, sig) = crate::pkcs11::token::sign(
            module,
            cert,
            pin.as_ref(),
            algorithm,
            mechanism,
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
    let env = crate::auth::AuthEnv {
        store: &ctx.store,
        clock: ctx.clock,
        http: portal.cfg.http.clone(),
    };
    let mut quiet = crate::portal::SilentWaiter;
    auth::login_oidc(
        &env,
        name,
        portal,
        Method::Usb,
        Authenticator::Usb(&mut sign),
        &mut quiet,
    )
}
