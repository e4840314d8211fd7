//! `dvc logout [--all]`: revoke the refresh token at the portal, then delete
//! the local session even when the portal cannot be reached (and say so).
//! A damaged session file is deleted too.

use std::time::Duration;

use super::Context;
use crate::error::{exit, Result};
use crate::tr;

/// Arguments of `dvc logout`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Every profile with a stored session.
    #[arg(long)]
    pub all: bool,
}

fn revoke(ctx: &mut Context<'_>, profile: &str) {
    let Ok(Some(stored)) = ctx.store.load(profile) else {
        return;
    };
    let s = stored.session;
    let Some(rt) = s.refresh_token.clone() else {
        return;
    };
    let config = ctx.config().unwrap_or_default();
    let mut p = config.profiles.get(profile).cloned().unwrap_or_default();
    if p.issuer() != Some(s.issuer.clone()) {
        p = crate::config::Profile {
            issuer: crate::config::PortalUrl::parse(&s.issuer).ok(),
            ..Default::default()
        };
    }
    p.client_id = Some(s.client_id.clone());
    let result = super::login::portal_config(&p, Duration::from_secs(10))
        .and_then(crate::portal::Portal::discover)
        .and_then(|portal| portal.revoke(rt.expose()));
    match result {
        Ok(true) => {
            let m = tr!(ctx.lang, "logout.revoked", profile = profile);
            ctx.debug(&m);
        }
        Ok(false) => {}
        Err(e) => {
            let m = tr!(
                ctx.lang,
                "logout.revoke_failed",
                detail = e.message(ctx.lang)
            );
            ctx.warn(&m);
        }
    }
}

/// Runs `dvc logout`.
pub fn run(args: Args, ctx: &mut Context<'_>) -> Result<i32> {
    let profiles = if args.all {
        ctx.store.profiles()?
    } else {
        vec![ctx.profile_name()?]
    };
    if args.all && profiles.is_empty() {
        let msg = tr!(ctx.lang, "logout.none_at_all");
        ctx.info(&msg);
    }
    for profile in profiles {
        revoke(ctx, &profile);
        let msg = if ctx.store.delete(&profile)? {
            tr!(ctx.lang, "logout.done", profile = profile)
        } else {
            tr!(ctx.lang, "logout.not_logged_in", profile = profile)
        };
        ctx.info(&msg);
    }
    Ok(exit::OK)
}
