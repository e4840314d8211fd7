//! `dvc man [--dir DIR]`: the man page in roff; with `--dir`, every page
//! (`dvc.1` and one per subcommand, `dvc-profile-add.1`, …) written there.
//! `scripts/regen-docs.sh` uses it to refresh `man/`.

use std::path::{Path, PathBuf};

use super::Context;
use crate::error::{exit, Error, Result};

/// Arguments of `dvc man`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write every page (dvc.1, dvc-<command>.1, ...) into this directory.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
success
.TP
\fB1\fR
error (network, portal, I/O, bad data)
.TP
\fB2\fR
usage error, or an answer needed under \fB\-\-no\-input\fR
.TP
\fB4\fR
login needed: no session, or it expired and could not be refreshed
.TP
\fB5\fR
PIN problem: wrong PIN, PIN locked, or refused at the token's final try
.TP
\fB6\fR
the confirmation on the phone or in the SmartCA app was rejected or timed out
.TP
\fB130\fR
interrupted
.PP
\fBdvc cert check\fR uses the monitoring\-plugin codes instead: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (also for its usage errors and unreadable sources).
"#;

const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
\fBDVC_TOKEN\fR
an access token to use as is: \fBdvc session token\fR prints it, nothing is stored
.TP
\fBDVC_PKCS11_MODULE\fR
PKCS#11 library to load
.TP
\fBDVC_PKCS11_SEARCH_PATH\fR
directories searched for the known vendor modules (colon\-separated; default: the system library directories)
.TP
\fBDVC_PROFILE\fR
the profile, as \fB\-\-profile\fR
.TP
\fBDVC_CONFIG\fR
the config file, as \fB\-\-config\fR
.TP
\fBDVC_LANG\fR
language of messages, as \fB\-\-lang\fR; else \fBLC_ALL\fR, \fBLC_MESSAGES\fR, \fBLANG\fR (vi* means Vietnamese, anything else English)
.TP
\fBDVC_NO_INPUT\fR
never prompt, as \fB\-\-no\-input\fR; also implied by \fBCI=true\fR or a stdin that is not a terminal
.TP
\fBNO_COLOR\fR
no colours
.TP
\fBXDG_CONFIG_HOME\fR, \fBXDG_STATE_HOME\fR, \fBXDG_CACHE_HOME\fR
where the config file, the sessions and the caches live (Linux)
"#;

const FILES: &str = r#".SH FILES
.TP
\fI$XDG_CONFIG_HOME/dvc/config.toml\fR
profiles (TOML): issuer, discovery_url, client_id, client_secret, redirect_uri, scope, acr_values, api_base, ca_file, and the [usb], [sim], [smartca] defaults; \fBpreset = "dvcqg"\fR fills the national portal's issuer
.TP
\fI$XDG_STATE_HOME/dvc/sessions/PROFILE.json\fR
one session per profile, mode 0600 in a 0700 directory, replaced atomically; with the keyring backend the tokens live in the OS keyring (service \fBdvc\fR) and this file keeps only the non\-secret part
.TP
\fI$XDG_STATE_HOME/dvc/locks/PROFILE.lock\fR
the per\-profile lock that serializes refreshes across processes
"#;

fn render(cmd: &clap::Command, top: bool) -> Result<Vec<u8>> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut buf = Vec::new();
    let io = |e| Error::io("<man page>", e);
    man.render_title(&mut buf).map_err(io)?;
    man.render_name_section(&mut buf).map_err(io)?;
    man.render_synopsis_section(&mut buf).map_err(io)?;
    man.render_description_section(&mut buf).map_err(io)?;
    man.render_options_section(&mut buf).map_err(io)?;
    if cmd.get_subcommands().next().is_some() {
        man.render_subcommands_section(&mut buf).map_err(io)?;
    }
    if top {
        buf.extend_from_slice(EXIT_STATUS.as_bytes());
        buf.extend_from_slice(ENVIRONMENT.as_bytes());
        buf.extend_from_slice(FILES.as_bytes());
    }
    man.render_version_section(&mut buf).map_err(io)?;
    Ok(buf)
}

/// Every page: (file name, roff), the main page first.
pub fn pages() -> Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = super::command();
    cmd.build();
    let mut pages = vec![("dvc.1".to_string(), render(&cmd, true)?)];
    fn walk(cmd: &clap::Command, prefix: &str, pages: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
        for sub in cmd.get_subcommands() {
            if sub.get_name() == "help" {
                continue;
            }
            let name = format!("{prefix}-{}", sub.get_name());
            let sub = sub.clone().name(name.clone());
            pages.push((format!("{name}.1"), render(&sub, false)?));
            walk(&sub, &name, pages)?;
        }
        Ok(())
    }
    walk(&cmd, "dvc", &mut pages)?;
    Ok(pages)
}

fn write_all(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for (name, bytes) in pages()? {
        let p = dir.join(name);
        std::fs::write(&p, bytes).map_err(|e| Error::io(&p, e))?;
    }
    Ok(())
}

/// Runs `dvc man`.
pub fn run(args: Args, ctx: &mut Context<'_>) -> Result<i32> {
    match args.dir {
        Some(dir) => write_all(&dir)?,
        None => {
            let (_, main) = pages()?.swap_remove(0);
            ctx.print(&String::from_utf8_lossy(&main))?;
        }
    }
    Ok(exit::OK)
}
