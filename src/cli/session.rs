//! `dvc session token | refresh | check | cookies`: the session for
//! scripts: the access token (OIDC sessions), whether the portal still
//! knows the session, and a web session's cookies for other tools.
//!
//! `DVC_TOKEN` wins when set (nothing is read or stored). Otherwise the
//! profile's stored session, refreshed first when its access token expires
//! within 60 s (under the profile's lock, so that concurrent scripts refresh
//! once). A refresh the portal refuses exits 4 with "run dvc login" and
//! deletes nothing.

use std::time::Duration;

use super::Context;
use crate::error::{exit, Error, Result};
use crate::session::{Flow, Session};
use crate::tr;

/// `dvc session` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Print the access token (DVC_TOKEN if set, else the profile's session, refreshed when it expires within 60 s).
    Token(TokenArgs),
    /// Refresh the session now (OIDC sessions).
    Refresh(TokenArgs),
    /// Ask the portal whether the session is alive (web sessions: the recipe's check_url; OIDC: userinfo); exit 0 or 4.
    Check(TokenArgs),
    /// A web session's cookies for other tools (curl -b, wget --load-cookies).
    Cookies(CookiesArgs),
}

/// Arguments of `dvc session token` / `refresh` / `check`.
#[derive(Debug, clap::Args)]
pub struct TokenArgs {}

/// Arguments of `dvc session cookies`.
#[derive(Debug, clap::Args)]
pub struct CookiesArgs {
    /// header: the Cookie header's value (curl -b "$(dvc session cookies)", or -H "Cookie: $(dvc session cookies)"); netscape: a cookies.txt file for curl -b FILE and wget --load-cookies; json: for programs.
    #[arg(long, value_enum, default_value = "header")]
    pub format: CookieFormat,
}

/// `dvc session cookies --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CookieFormat {
    /// `name=value; name2=value2`.
    Header,
    /// Netscape cookies.txt.
    Netscape,
    /// A JSON array of cookies with their attributes.
    Json,
}

/// Runs a `dvc session` subcommand.
pub fn run(cmd: Command, ctx: &mut Context<'_>) -> Result<i32> {
    match cmd {
        Command::Token(_) => token(ctx),
        Command::Check(_) => check(ctx),
        Command::Cookies(a) => cookies(a, ctx),
        Command::Refresh(_) => {
            let name = ctx.profile_name()?;
            let profile = ctx.config()?.profiles.get(name.as_str()).cloned();
            let env = ctx.auth_env(profile.as_ref(), Duration::from_secs(30))?;
            let s = crate::auth::fresh_session(&env, profile.as_ref(), &name, true)?;
            drop(env);
            let m = tr!(
                ctx.lang,
                "session.refreshed_until",
                profile = name,
                until = crate::clock::rfc3339(s.access_token_expires_at)
            );
            ctx.info(&m);
            Ok(exit::OK)
        }
    }
}

/// The profile's stored session (whole), refusing one of another portal.
fn stored_session(
    ctx: &Context<'_>,
) -> Result<(
    crate::config::ProfileName,
    Option<crate::config::Profile>,
    Session,
)> {
    let name = ctx.profile_name()?;
    let profile = if ctx.paths.config_file.exists() {
        ctx.config()?.profiles.get(name.as_str()).cloned()
    } else {
        None
    };
    let stored = ctx.store.load(&name)?.ok_or_else(|| match &profile {
        None => Error::NoSuchProfile {
            profile: name.to_string(),
        },
        Some(_) => Error::NotLoggedIn {
            profile: name.to_string(),
        },
    })?;
    if stored.session.flow == Flow::Oidc {
        crate::auth::fresh::check_portal(profile.as_ref(), &stored.session)?;
    }
    Ok((name, profile, stored.session))
}

fn check(ctx: &mut Context<'_>) -> Result<i32> {
    let (name, profile, session) = stored_session(ctx)?;
    let http = ctx
        .clients
        .settings(profile.as_ref(), Duration::from_secs(30))?;
    let alive = match session.flow {
        Flow::Web => {
            let alive = crate::auth::web::check(&http, &session)?;
            if !alive && session.refresh_refused_at.is_none() {
                crate::auth::web::mark_ended(&ctx.store, &session, ctx.clock.now())?;
            }
            alive
        }
        Flow::Oidc => {
            let env = ctx.auth_env(profile.as_ref(), Duration::from_secs(30))?;
            match crate::auth::fresh_session(&env, profile.as_ref(), &name, false) {
                Ok(s) => {
                    let p = crate::auth::profile_for_session(profile.as_ref(), &s);
                    let cfg = crate::auth::portal_config(&p, http)?;
                    let portal = crate::portal::oidc::Portal::discover(cfg)?;
                    match portal.userinfo(s.access_token.expose()) {
                        Ok(_) => true,
                        // Only the portal refusing the token means it ended;
                        // a 502 or a timeout says nothing (exit 1, 5).
                        Err(Error::PortalUnexpected {
                            status: 401 | 403, ..
                        }) => false,
                        Err(e) => return Err(e),
                    }
                }
                Err(e) if e.exit_code() == exit::LOGIN_NEEDED => false,
                Err(e) => return Err(e),
            }
        }
    };
    let key = if alive {
        "session.check_alive"
    } else {
        "session.check_ended"
    };
    let m = tr!(ctx.lang, key, profile = name);
    ctx.info(&m);
    Ok(if alive { exit::OK } else { exit::LOGIN_NEEDED })
}

fn cookies(args: CookiesArgs, ctx: &mut Context<'_>) -> Result<i32> {
    let (name, _, session) = stored_session(ctx)?;
    let Some(web) = session.web.as_ref().filter(|_| session.flow == Flow::Web) else {
        return Err(Error::WrongFlow {
            profile: name.to_string(),
            flow: "oidc",
            instead: "dvc session token",
        });
    };
    let now = ctx.clock.now();
    let live: Vec<&crate::session::StoredCookie> = web
        .cookies
        .iter()
        .filter(|c| c.expires.is_none_or(|t| t > now))
        .collect();
    let text = match args.format {
        CookieFormat::Header => {
            let pairs: Vec<String> = live
                .iter()
                .map(|c| format!("{}={}", c.name, c.value.expose()))
                .collect();
            format!("{}\n", pairs.join("; "))
        }
        CookieFormat::Netscape => {
            let mut out = String::from("# Netscape HTTP Cookie File\n# dvc session cookies: secrets, keep this file private\n");
            for c in &live {
                let domain = if c.host_only {
                    c.domain.clone()
                } else {
                    format!(".{}", c.domain.trim_start_matches('.'))
                };
                let prefix = if c.http_only { "#HttpOnly_" } else { "" };
                out.push_str(&format!(
                    "{prefix}{domain}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                    if c.host_only { "FALSE" } else { "TRUE" },
                    c.path,
                    if c.secure { "TRUE" } else { "FALSE" },
                    c.expires.map(|t| t.unix_timestamp()).unwrap_or(0),
                    c.name,
                    c.value.expose()
                ));
            }
            out
        }
        CookieFormat::Json => {
            #[derive(serde::Serialize)]
            struct J<'a> {
                name: &'a str,
                value: &'a str,
                domain: &'a str,
                host_only: bool,
                path: &'a str,
                expires: Option<String>,
                secure: bool,
                http_only: bool,
            }
            let v: Vec<J<'_>> = live
                .iter()
                .map(|c| J {
                    name: &c.name,
                    value: c.value.expose(),
                    domain: &c.domain,
                    host_only: c.host_only,
                    path: &c.path,
                    expires: c.expires.map(crate::clock::rfc3339),
                    secure: c.secure,
                    http_only: c.http_only,
                })
                .collect();
            let mut t = serde_json::to_string_pretty(&v).unwrap_or_default();
            t.push('\n');
            t
        }
    };
    let text = zeroize::Zeroizing::new(text);
    ctx.print(&text)?;
    Ok(exit::OK)
}

fn token(ctx: &mut Context<'_>) -> Result<i32> {
    if let Some(t) = ctx.env.dvc_token.clone() {
        log::info!("using DVC_TOKEN");
        ctx.print(&format!("{}\n", t.expose()))?;
        return Ok(exit::OK);
    }
    let name = ctx.profile_name()?;
    // The config is read only when it exists: the fast path of scripts.
    let profile = if ctx.paths.config_file.exists() {
        ctx.config()?.profiles.get(name.as_str()).cloned()
    } else {
        None
    };
    let env = ctx.auth_env(profile.as_ref(), Duration::from_secs(30))?;
    let s = crate::auth::fresh_session(&env, profile.as_ref(), &name, false)?;
    drop(env);
    let line = zeroize::Zeroizing::new(format!("{}\n", s.access_token.expose()));
    ctx.print(&line)?;
    Ok(exit::OK)
}
