//! `dvc session token` and `dvc session refresh`: the access token for
//! scripts.
//!
//! `DVC_TOKEN` wins when set (nothing is read or stored). Otherwise the
//! profile's stored session, refreshed first when its access token expires
//! within 60 s (under the profile's lock, so that concurrent scripts refresh
//! once). A refresh the portal refuses exits 4 with "run dvc login" and
//! deletes nothing.

use super::Context;
use crate::error::{exit, Result};
use crate::tr;

/// `dvc session` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Print the access token (DVC_TOKEN if set, else the profile's session, refreshed when it expires within 60 s).
    Token(TokenArgs),
    /// Refresh the session now.
    Refresh(TokenArgs),
}

/// Arguments of `dvc session token` / `refresh`.
#[derive(Debug, clap::Args)]
pub struct TokenArgs {}

/// Runs a `dvc session` subcommand.
pub fn run(cmd: Command, ctx: &mut Context<'_>) -> Result<i32> {
    match cmd {
        Command::Token(_) => token(ctx),
        Command::Refresh(_) => {
            let profile = ctx.profile_name()?;
            let s = super::login::fresh_session(ctx, &profile, true)?;
            let m = tr!(
                ctx.lang,
                "session.refreshed_until",
                profile = profile,
                until = crate::clock::rfc3339(s.access_token_expires_at)
            );
            ctx.info(&m);
            Ok(exit::OK)
        }
    }
}

fn token(ctx: &mut Context<'_>) -> Result<i32> {
    if let Some(t) = ctx.env.dvc_token.clone() {
        ctx.debug("using DVC_TOKEN");
        ctx.print(&format!("{}\n", t.expose()))?;
        return Ok(exit::OK);
    }
    let profile = ctx.profile_name()?;
    let s = super::login::fresh_session(ctx, &profile, false)?;
    let line = zeroize::Zeroizing::new(format!("{}\n", s.access_token.expose()));
    ctx.print(&line)?;
    Ok(exit::OK)
}
