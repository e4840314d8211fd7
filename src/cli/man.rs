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
profiles (TOML): a web portal (\fBrecipe\fR or \fBrecipe_file\fR, or \fBpreset = "dvcqg"\fR / \fB"dvcqg\-legacy"\fR), or an OAuth client (issuer, discovery_url, client_id, client_secret, redirect_uri, scope, acr_values, api_base); ca_file, connect_to, and the [usb], [sim], [smartca], [vneid] defaults
.TP
\fI$XDG_STATE_HOME/dvc/sessions/PROFILE.json\fR
one session per profile, mode 0600 in a 0700 directory, replaced atomically; with the keyring backend the tokens live in the OS keyring (service \fBdvc\fR) and this file keeps only the non\-secret part
.TP
\fI$XDG_STATE_HOME/dvc/locks/PROFILE.lock\fR
the per\-profile lock that serializes refreshes across processes
"#;

const RECIPES: &str = r#".SH RECIPES
A web profile logs in as the portal's own page does, with a \fIrecipe\fR: a TOML document of what varies between portals (form ids, field names, cookies, error codes). Built in: \fBdvcqg\fR (the national portal since 1 July 2025: VNeID accounts), \fBdvcqg\-legacy\fR (its WSO2 tabs: USB token, SIM, VNPT SmartCA; also the model for ministries' and provinces' SSOs) and \fBsandbox\-web\fR. A profile names one (\fBrecipe = "dvcqg"\fR) or a file (\fBrecipe_file = "/path/my.toml"\fR). When a portal changes its page, \fBdvc login\fR says which key no longer matches; copy the recipe with \fBdvc recipe show NAME > my.toml\fR, fix the key, check it with \fBdvc recipe check my.toml\fR and point the profile at it.
.PP
Keys: \fBname\fR, \fBtitle\fR, \fBstart_url\fR (the portal's login link), \fBorigins\fR (every origin a login may visit; anything else stops it), \fBrp_origin\fR (whose cookies are kept), \fBsession_cookies\fR (the cookies only a login sets), \fBcheck_url\fR (2xx while the session lives), \fBlogout_url\fR, \fBaccount_url\fR (JSON of the account), \fBmax_redirects\fR; \fB[errors]\fR \fBquery\fR (parameters with a code, e.g. authFailureMsg), \fBdescription_query\fR, \fBpatterns\fR (regular expressions over a page, the code in the first group), \fB[errors.codes]\fR (each code's meaning: declined, timed_out, session_expired, unsupported, certificate_chain, unknown_certificate, bad_signature, certificate_expired, certificate_revoked, unknown_phone, unknown_user, wrong_password, wrong_code, account_locked, server_error, other); \fB[usb]\fR \fBform\fR, \fBtab\fR, \fBenvelope\fR (jws or raw), \fBserial_format\fR, \fB[usb.fields]\fR; \fB[sim]\fR \fBform\fR, \fBphone_field\fR, \fBphone_format\fR, \fB[sim.wait]\fR (\fBcode\fR, \fBform\fR, \fBinterval\fR, \fBtimeout\fR); \fB[smartca]\fR \fBtab\fR, \fBform\fR, \fBuser_field\fR, \fBpassword_field\fR, \fBerror\fR, \fB[smartca.wait]\fR; \fB[vneid]\fR \fBform\fR, \fBusername_field\fR, \fBpassword_field\fR, \fBotp_form\fR, \fBotp_field\fR, \fBerror\fR, \fB[vneid.messages]\fR, \fB[vneid.qr]\fR (\fBlink\fR, \fBimage\fR, \fBtext\fR, \fBwait\fR). Selectors are CSS; every URL is https (http only on a loopback host).
"#;

const SCHEDULING: &str = r#".SH SCHEDULING
A daily check of every certificate of the plugged tokens and of the profiles' sessions, writing the Prometheus textfile and an HTML report to send:
.PP
.nf
# /etc/systemd/system/dvc-cert-check.service
[Unit]
Description=dvc: certificate expiry, chain and revocation
[Service]
Type=oneshot
User=ketoan
ExecStart=/bin/sh \-c 'dvc cert check \-\-usb \-\-all\-profiles \-\-format prometheus \-\-output /var/lib/node_exporter/dvc.prom; dvc \-\-lang vi cert check \-\-usb \-\-all\-profiles \-\-format html \-\-output /srv/bao\-cao/chung\-thu.html'
SuccessExitStatus=1 2 3

# /etc/systemd/system/dvc-cert-check.timer
[Timer]
OnCalendar=*\-*\-* 07:00
Persistent=true
[Install]
WantedBy=timers.target
.fi
.PP
Or cron, the same two files (one crontab line): \fB0 7 * * * dvc cert check \-\-usb \-\-all\-profiles \-\-format prometheus \-\-output /var/lib/node_exporter/dvc.prom; dvc \-\-lang vi cert check \-\-usb \-\-all\-profiles \-\-format html \-\-output $HOME/bao\-cao/chung\-thu.html\fR. The exit code is the monitoring plugins' (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN), so Nagios, Icinga or a cron wrapper can alert on it; the textfile's \fBdvc_certificate_check_status\fR carries the same value.
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
    let name = cmd.get_name();
    if top {
        buf.extend_from_slice(EXIT_STATUS.as_bytes());
        buf.extend_from_slice(ENVIRONMENT.as_bytes());
        buf.extend_from_slice(FILES.as_bytes());
    }
    if top || name == "dvc-recipe" || name == "recipe" {
        buf.extend_from_slice(RECIPES.as_bytes());
    }
    if top || name == "dvc-cert-check" || name == "check" {
        buf.extend_from_slice(SCHEDULING.as_bytes());
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
