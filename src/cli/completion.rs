//! `dvc completion SHELL`: print a completion script.

use super::Context;
use crate::error::{exit, Result};

/// Arguments of `dvc completion`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The completion script for `shell`.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = super::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "dvc", &mut buf);
    buf
}

/// Runs `dvc completion`.
pub fn run(args: Args, ctx: &mut Context<'_>) -> Result<i32> {
    let text = String::from_utf8_lossy(&script(args.shell)).into_owned();
    ctx.print(&text)?;
    Ok(exit::OK)
}
