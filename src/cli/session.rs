//! `dvc session token`: the access token for scripts.
//!
//! `DVC_TOKEN` wins when set (nothing is read or stored); otherwise the
//! profile's stored session, when its access token has not expired.
//! Otherwise exit 4 with "run dvc login".

use super::Context;
use crate::error::{exit, Error, Result};

/// `dvc session` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Print the access token (DVC_TOKEN if set, else the profile's live session).
    Token(TokenArgs),
}

/// Arguments of `dvc session token`.
#[derive(Debug, clap::Args)]
pub struct TokenArgs {}

/// Runs a `dvc session` subcommand.
pub fn run(cmd: Command, ctx: &mut Context<'_>) -> Result<i32> {
    match cmd {
        Command::Token(args) => token(args, ctx),
    }
}

fn token(_args: TokenArgs, ctx: &mut Context<'_>) -> Result<i32> {
    if let Some(t) = ctx.env.dvc_token.clone() {
        ctx.debug("using DVC_TOKEN");
        ctx.print(&format!("{}\n", t.expose()))?;
        return Ok(exit::OK);
    }
    let profile = ctx.profile_name()?;
    let Some(stored) = ctx.store.load(&profile)? else {
        return Err(Error::NotLoggedIn { profile });
    };
    let s = &stored.session;
    let now = ctx.clock.now();
    if !s.access_token_valid(now, time::Duration::ZERO) {
        return Err(Error::SessionExpired {
            profile,
            expired_at: crate::clock::rfc3339(s.access_token_expires_at),
        });
    }
    let line = zeroize::Zeroizing::new(format!("{}\n", s.access_token.expose()));
    ctx.print(&line)?;
    Ok(exit::OK)
}
