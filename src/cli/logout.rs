//! `dvc logout [--all]`: delete the local session of the profile (or of
//! every profile). A damaged session file is deleted too.

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
        let msg = if ctx.store.delete(&profile)? {
            tr!(ctx.lang, "logout.done", profile = profile)
        } else {
            tr!(ctx.lang, "logout.not_logged_in", profile = profile)
        };
        ctx.info(&msg);
    }
    Ok(exit::OK)
}
