//! `dvc api [-X METHOD] PATH [-d DATA|@FILE] [-H 'K: V'] [-i]`: an
//! authenticated request to the portal's API. The bearer token goes only to
//! URLs under the profile's `api_base`; a 401 refreshes once and retries.

use std::time::Duration;

use super::Context;
use crate::error::{exit, Error, Result};
use crate::portal::api::Credential;
use crate::tr;

/// Arguments of `dvc api`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A path under the profile's api_base (e.g. /api/me), or a full URL under it.
    pub path: String,
    /// HTTP method [default: GET, or POST with -d].
    #[arg(short = 'X', long = "method", value_name = "METHOD")]
    pub method: Option<String>,
    /// Request body; @FILE reads a file, @- stdin.
    #[arg(short = 'd', long = "data", value_name = "DATA")]
    pub data: Option<String>,
    /// A request header, 'Name: value' (repeatable).
    #[arg(short = 'H', long = "header", value_name = "K: V")]
    pub headers: Vec<String>,
    /// Print the status line and headers on stderr.
    #[arg(short = 'i', long = "include")]
    pub include: bool,
    /// Seconds to wait for the answer.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub timeout: f64,
}

/// Runs `dvc api`.
pub fn run(args: Args, ctx: &mut Context<'_>) -> Result<i32> {
    let name = ctx.profile_name()?;
    let config = ctx.config()?;
    let stored = ctx.store.load_summary(&name)?;
    let configured = config.profiles.get(name.as_str()).cloned();
    if let (Some(s), Some(p)) = (&stored, &configured) {
        crate::auth::fresh::check_portal(Some(p), &s.session)?;
    }
    let web = stored
        .as_ref()
        .is_some_and(|s| s.session.flow == crate::session::Flow::Web)
        && ctx.env.dvc_token.is_none();
    let mut p = configured.clone().unwrap_or_default();
    if p.issuer().is_none() {
        if let Some(s) = &stored {
            p.issuer = crate::config::PortalUrl::parse(&s.session.issuer).ok();
        }
    }
    // A web session's cookies go to its rp_origin only; a token to api_base.
    let base = if web {
        stored
            .as_ref()
            .and_then(|s| s.session.web.as_ref())
            .map(|w| w.rp_origin.clone())
    } else {
        p.api_base()
    }
    .ok_or_else(|| match (&configured, &stored) {
        // Neither a profile nor a session: a typo, said as such (exit 4).
        (None, None) if ctx.env.dvc_token.is_none() => Error::NoSuchProfile {
            profile: name.to_string(),
        },
        // A profile without a session (a web profile before its login).
        (Some(_), None) if ctx.env.dvc_token.is_none() => Error::NotLoggedIn {
            profile: name.to_string(),
        },
        // DVC_TOKEN, but nowhere to send it.
        _ => Error::Usage {
            message: tr!(ctx.lang, "api.no_base", profile = name),
            hint: Some(tr!(ctx.lang, "api.no_base_hint", profile = name)),
        },
    })?;
    let base_url = url::Url::parse(&base).map_err(|_| Error::InvalidUrl {
        field: "api_base".into(),
        value: base.clone(),
        reason: crate::config::UrlProblem::NotUrl,
    })?;
    let target = target_url(&args.path, &base)?;
    // The token never leaves for another origin, nor above api_base's path.
    if !crate::portal::api::within(&target, &base_url) {
        return Err(Error::Usage {
            message: tr!(ctx.lang, "api.other_origin", url = target, base = base),
            hint: Some(tr!(ctx.lang, "api.other_origin_hint")),
        });
    }
    crate::portal::oidc::check_url("PATH", target.as_str())?;
    let body = match &args.data {
        None => None,
        Some(d) if d == "@-" => {
            let mut b = Vec::new();
            ctx.stdin
                .read_to_end(&mut b)
                .map_err(|e| Error::io("<stdin>", e))?;
            Some(b)
        }
        Some(d) if d.starts_with('@') => {
            Some(std::fs::read(&d[1..]).map_err(|e| Error::io(&d[1..], e))?)
        }
        Some(d) => Some(d.as_bytes().to_vec()),
    };
    let method = args
        .method
        .clone()
        .unwrap_or_else(|| {
            if body.is_some() {
                "POST".into()
            } else {
                "GET".into()
            }
        })
        .to_ascii_uppercase();
    let headers: Vec<(String, String)> = args
        .headers
        .iter()
        .map(|h| {
            h.split_once(':')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .ok_or_else(|| Error::Usage {
                    message: tr!(ctx.lang, "api.bad_header", header = h),
                    hint: None,
                })
        })
        .collect::<Result<_>>()?;
    let timeout = Duration::from_secs_f64(args.timeout.clamp(0.5, 600.0));
    let mut settings = ctx.clients.settings(Some(&p), timeout)?;
    if target.scheme() == "http" && settings.connect_to.is_empty() {
        settings.platform_roots = false;
    }
    let http = crate::net::Http::with(&settings).map_err(|e| Error::net(target.as_str(), e))?;
    if web {
        let session = ctx
            .store
            .load(&name)?
            .ok_or_else(|| Error::NotLoggedIn {
                profile: name.to_string(),
            })?
            .session;
        if !session.is_live(ctx.clock.now()) {
            return Err(Error::SessionExpired {
                profile: name.to_string(),
                expired_at: crate::clock::rfc3339(session.access_token_expires_at),
            });
        }
        let mut hs = headers.clone();
        let cookie = zeroize::Zeroizing::new(
            crate::auth::web::cookie_header(&session, &target).unwrap_or_default(),
        );
        hs.push(("Cookie".into(), cookie.to_string()));
        let answer = crate::portal::api::request(
            &http,
            &method,
            target.as_str(),
            Credential::Cookies,
            &hs,
            body,
        )?;
        let status = answer.status;
        let redirected = (300..400).contains(&answer.status)
            && answer
                .headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("location"));
        let ended = redirected || answer.status == 401;
        let code = finish(ctx, &args, &target, answer)?;
        if ended {
            // Sent to a login page, or refused: the portal ended the
            // session. This call exits 1 as any non-2xx (cli.md); status
            // and the next calls say "ended" (exit 4).
            crate::auth::web::mark_ended(&ctx.store, &session, ctx.clock.now())?;
            let e = Error::SessionEnded {
                profile: name.to_string(),
                status,
            };
            let mut m = e.message(ctx.lang);
            if let Some(h) = e.hint(ctx.lang) {
                m.push_str(&format!("; {h}"));
            }
            ctx.warn(&m);
        }
        return Ok(code);
    }
    let from_env = ctx.env.dvc_token.clone();
    let env = ctx.auth_env(configured.as_ref(), timeout)?;
    let token = match &from_env {
        Some(t) => t.expose().to_string(),
        None => crate::auth::fresh_session(&env, configured.as_ref(), &name, false)?
            .access_token
            .expose()
            .to_string(),
    };
    let send = |token: &str| {
        crate::portal::api::request(
            &http,
            &method,
            target.as_str(),
            Credential::Bearer(token),
            &headers,
            body.clone(),
        )
    };
    let mut answer = send(&token)?;
    if answer.status == 401 && from_env.is_none() {
        log::info!("401: refreshing the session once and trying again");
        let t = crate::auth::fresh_session(&env, configured.as_ref(), &name, true)?;
        answer = send(t.access_token.expose())?;
    }
    drop(env);
    finish(ctx, &args, &target, answer)
}

/// Prints an answer: headers with `-i`, the body on stdout; exit 1 for any
/// status but 2xx (said on stderr: a redirect is not followed).
fn finish(
    ctx: &mut Context<'_>,
    args: &Args,
    target: &url::Url,
    answer: crate::portal::api::ApiAnswer,
) -> Result<i32> {
    if args.include {
        let _ = writeln!(ctx.err, "HTTP {}", answer.status);
        for (k, v) in &answer.headers {
            let _ = writeln!(ctx.err, "{k}: {v}");
        }
        let _ = writeln!(ctx.err);
    }
    ctx.print_bytes(&answer.body)?;
    if !(200..300).contains(&answer.status) {
        let m = tr!(ctx.lang, "api.status", status = answer.status, url = target);
        ctx.warn(&m);
        return Ok(exit::ERROR);
    }
    Ok(exit::OK)
}

/// The URL of `path`: a full URL as it is, else joined to `base`.
fn target_url(path: &str, base: &str) -> Result<url::Url> {
    let bad = |reason| Error::InvalidUrl {
        field: "PATH".into(),
        value: path.to_string(),
        reason,
    };
    if path.contains("://") {
        return url::Url::parse(path).map_err(|_| bad(crate::config::UrlProblem::NotUrl));
    }
    let mut joined = base.trim_end_matches('/').to_string();
    if !path.starts_with('/') {
        joined.push('/');
    }
    joined.push_str(path);
    url::Url::parse(&joined).map_err(|_| bad(crate::config::UrlProblem::NotUrl))
}
