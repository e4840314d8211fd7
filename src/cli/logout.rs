//! `dvc logout [--all]`: revoke the refresh token at the portal, then delete
//! the local session even when the portal cannot be reached, and say in
//! every case whether the portal was told. A damaged session file is
//! deleted too.

use std::time::Duration;

use super::Context;
use crate::auth::LoggedOut;
use crate::error::{exit, Result};
use crate::tr;

/// Arguments of `dvc logout`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Every profile with a stored session.
    #[arg(long)]
    pub all: bool,
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
    let config = ctx.config().unwrap_or_default();
    for name in profiles {
        let profile = config.profiles.get(name.as_str()).cloned();
        let http = ctx
            .clients
            .settings(profile.as_ref(), Duration::from_secs(10))?;
        match crate::auth::logout(&ctx.store, &http, profile.as_ref(), &name)? {
            LoggedOut::Done(r) => super::words::say_revocation(ctx, &name, &r, "logout.done"),
            LoggedOut::Unreadable => {
                let what = tr!(ctx.lang, "revocation.unreadable");
                let m = tr!(ctx.lang, "logout.done", profile = name, what = what);
                ctx.info(&m);
            }
            LoggedOut::NotLoggedIn => {
                let msg = tr!(ctx.lang, "logout.not_logged_in", profile = name);
                ctx.info(&msg);
            }
        }
    }
    Ok(exit::OK)
}
