//! `dvc session token` and `dvc session refresh`: the access token for
//! scripts.
//!
//! `DVC_TOKEN` wins when set (nothing is read or stored). Otherwise the
//! profile's stored session, refreshed first when its access token expires
//! within 60 s (under the profile's lock, so that concurrent scripts refresh
//! once). A refresh the portal refuses exits 4 with "run dvc login" and
//! deletes nothing.

use std::time::Duration;

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
