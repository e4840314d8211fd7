//! `dvc api [-X METHOD] PATH [-d DATA|@FILE] [-H 'K: V'] [-i]`: an
//! authenticated request to the portal's API. The bearer token goes only to
//! URLs under the profile's `api_base`; a 401 refreshes once and retries.

use std::time::Duration;

use super::Context;
use crate::error::{exit, Error, Result};
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
    let profile = ctx.profile_name()?;
    let config = ctx.config()?;
    let stored = ctx.store.load_summary(&profile)?;
    let mut p = config.profiles.get(&profile).cloned().unwrap_or_default();
    if p.issuer().is_none() {
        if let Some(s) = &stored {
            p.issuer = crate::config::PortalUrl::parse(&s.session.issuer).ok();
        }
    }
    if p.client_id.is_none() {
        p.client_id = stored.as_ref().map(|s| s.session.client_id.clone());
    }
    let base = p.api_base().ok_or(Error::NeedsInput {
        flag: "--profile with an issuer (dvc profile add)".into(),
    })?;
    let base_url = url::Url::parse(&base).map_err(|_| Error::InvalidUrl {
        field: "api_base".into(),
        value: base.clone(),
        reason: "not a URL".into(),
    })?;
    let target = if args.path.contains("://") {
        url::Url::parse(&args.path).map_err(|_| Error::InvalidUrl {
            field: "PATH".into(),
            value: args.path.clone(),
            reason: "not a URL".into(),
        })?
    } else {
        let mut joined = base.trim_end_matches('/').to_string();
        if !args.path.starts_with('/') {
            joined.push('/');
        }
        joined.push_str(&args.path);
        url::Url::parse(&joined).map_err(|_| Error::InvalidUrl {
            field: "PATH".into(),
            value: args.path.clone(),
            reason: "not a path".into(),
        })?
    };
    // The token never leaves for another origin, nor above api_base's path.
    if target.origin() != base_url.origin()
        || !target
            .path()
            .starts_with(base_url.path().trim_end_matches('/'))
    {
        return Err(Error::Usage {
            message: tr!(ctx.lang, "api.other_origin", url = target, base = base),
            hint: Some(tr!(ctx.lang, "api.other_origin_hint")),
        });
    }
    crate::portal::check_url("PATH", target.as_str())?;
    let body = match &args.data {
        None => None,
        Some(d) if d == "@-" => {
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
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
    let cfg = super::login::portal_config(&p, timeout)?;
    let client = crate::portal::Portal::for_api(cfg)?;
    let from_env = ctx.env.dvc_token.clone();
    let token = match &from_env {
        Some(t) => t.expose().to_string(),
        None => super::login::fresh_session(ctx, &profile, false)?
            .access_token
            .expose()
            .to_string(),
    };
    let mut answer = client.api(&method, target.as_str(), &token, &headers, body.clone())?;
    if answer.0 == 401 && from_env.is_none() {
        let t = super::login::fresh_session(ctx, &profile, true)?;
        answer = client.api(
            &method,
            target.as_str(),
            t.access_token.expose(),
            &headers,
            body,
        )?;
    }
    let (status, hs, bytes) = answer;
    if args.include {
        let _ = writeln!(ctx.err, "HTTP {status}");
        for (k, v) in &hs {
            let _ = writeln!(ctx.err, "{k}: {v}");
        }
        let _ = writeln!(ctx.err);
    }
    match ctx.out.write_all(&bytes).and_then(|_| ctx.out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(Error::io("<stdout>", e)),
    }
    Ok(if status >= 400 { exit::ERROR } else { exit::OK })
}
