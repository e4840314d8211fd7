//! The `dvc-sandbox` command line.
//!
//! ```sh
//! dvc-sandbox serve --port 0 --data DIR --auto-approve 3
//! dvc-sandbox serve --port 0 --data DIR --web --sim-wait held
//! dvc-sandbox accounts --data DIR
//! dvc-sandbox approve TX --issuer http://127.0.0.1:PORT
//! printf '%s\n%s\n' "$PIN" "$SO_PIN" | dvc-sandbox provision-token --data DIR \
//!     --account dn-giai-phap-so --module /usr/lib/softhsm/libsofthsm2.so --label Demo --pin-stdin
//! ```
//!
//! Exit codes: 0 success, 1 failure, 2 usage error (clap's, or a missing
//! PIN).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::server::{self, FailureForm, Fault, Options, Running, SimWait, WebOptions};
use crate::state::{AccountsFile, State};

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "dvc-sandbox",
    version,
    about = "A local portal SSO for trying and testing dvc (portal-login.md, server side)"
)]
pub struct Cli {
    /// Where the sandbox keeps its keys, CA, certificates and accounts [default: a per-user data dir].
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the server on 127.0.0.1; prints ISSUER=http://127.0.0.1:PORT when it accepts connections.
    Serve(ServeArgs),
    /// The demo accounts: what to type to log in as each.
    Accounts {
        /// JSON on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Revoke a certificate (OCSP and the CRL say so from now on).
    Revoke {
        /// Its serial number (hex).
        serial: String,
        /// The reason (keyCompromise, superseded, cessationOfOperation, affiliationChanged, unspecified).
        #[arg(long, default_value = "keyCompromise")]
        reason: String,
        /// A running sandbox to tell (else the data dir is changed; restart to apply).
        #[arg(long, value_name = "URL")]
        issuer: Option<String>,
    },
    /// Approve a pending SIM / SmartCA / VNeID-app request of a running sandbox.
    Approve {
        /// The transaction id (see GET /sandbox/transactions).
        id: String,
        /// The running sandbox.
        #[arg(long, value_name = "URL")]
        issuer: String,
    },
    /// Reject a pending SIM / SmartCA / VNeID-app request of a running sandbox.
    Reject {
        /// The transaction id.
        id: String,
        /// The running sandbox.
        #[arg(long, value_name = "URL")]
        issuer: String,
    },
    /// Put an account's key and certificate (and the CA) on a PKCS#11 token (SoftHSM2), for `dvc login --usb`.
    ProvisionToken(ProvisionArgs),
}

/// `dvc-sandbox serve`'s options.
#[derive(Debug, Clone, Parser)]
#[command(name = "serve")]
pub struct ServeArgs {
    /// Port on 127.0.0.1 (0: the one used before, else any free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Approve SIM and SmartCA requests by themselves after this many seconds.
    #[arg(long, value_name = "SECONDS")]
    auto_approve: Option<u64>,
    /// Replace the demo accounts with these (JSON: {"accounts": [...], "clients": [...]}).
    #[arg(long, value_name = "FILE")]
    accounts: Option<PathBuf>,
    /// Access token lifetime in seconds.
    #[arg(long, default_value_t = 3600)]
    access_token_ttl: u64,
    /// Refresh token lifetime in seconds.
    #[arg(long, default_value_t = 30 * 86400)]
    refresh_token_ttl: u64,
    /// SIM / SmartCA confirmation lifetime in seconds.
    #[arg(long, default_value_t = 120)]
    transaction_ttl: u64,
    /// How /commonauth failures are sent: mixed (as the real portal), json, or redirect.
    #[arg(long, value_enum, default_value_t = FailureForm::Mixed)]
    failure_form: FailureForm,
    /// A fault from the start: ENDPOINT:KIND[:VALUE]. Endpoints: discovery, jwks, authorize, login,
    /// commonauth, token, userinfo, revoke, api, ocsp, pki, smartca, web_portal, web_redirect,
    /// web_login_page, web_commonauth, web_smartca, web_vneid, web_usb_error, * (all but /sandbox/...).
    /// Kinds: delay:MS, status:CODE, html, truncated, close, slow_down:SECONDS, id_token_nonce,
    /// id_token_audience, id_token_signature; web only: web_login_page:html_missing_form,
    /// web_redirect:foreign, web_usb_error:script, web_commonauth:fail:CODE,
    /// web_commonauth:cus_code:CODE, web_commonauth:expired, web_vneid:expired.
    /// E.g. token:status:502, userinfo:delay:30000.
    #[arg(long, value_name = "SPEC")]
    fault: Vec<Fault>,
    /// Also serve the web mode (docs/sandbox-web.md): the portal's pages, the WSO2 SSO, VNPT SmartCA's
    /// pages and the VNeID Keycloak over HTTPS under their host names; prints WEB_PORT=, WEB_CA= and
    /// CONNECT_TO= lines for dvc's --connect-to and --ca-file.
    #[arg(long)]
    web: bool,
    /// The web mode's HTTPS port on 127.0.0.1 (0: any free one).
    #[arg(long, default_value_t = 0, requires = "web")]
    web_port: u16,
    /// Web mode: how the SIM tab waits for the phone: a waiting page the browser re-submits, or the POST held until the phone answers.
    #[arg(long, value_enum, default_value_t = SimWait::Page, requires = "web")]
    sim_wait: SimWait,
    /// Web mode: every demo account's VNeID password.
    #[arg(long, value_name = "PASSWORD", default_value = server::web::DEFAULT_VNEID_PASSWORD, requires = "web")]
    vneid_password: String,
    /// Web mode: send this VNeID one-time code every time (else a random one, printed on stderr and at /sandbox/otp).
    #[arg(long, value_name = "CODE", requires = "web")]
    vneid_otp: Option<String>,
}

impl ServeArgs {
    /// Parses `serve`'s options alone (`["--auto-approve", "1"]`), as the
    /// command line would; `Err` is clap's message.
    pub fn parse_args(args: &[&str]) -> Result<ServeArgs, String> {
        ServeArgs::try_parse_from(std::iter::once("serve").chain(args.iter().copied()))
            .map_err(|e| e.to_string())
    }

    /// The server's options.
    pub fn options(&self) -> Options {
        Options {
            auto_approve: self.auto_approve,
            access_ttl: self.access_token_ttl,
            refresh_ttl: self.refresh_token_ttl,
            transaction_ttl: self.transaction_ttl,
            failure_form: self.failure_form,
            faults: self.fault.clone(),
            web: self.web.then(|| WebOptions {
                port: self.web_port,
                sim_wait: self.sim_wait,
                vneid_password: self.vneid_password.clone(),
                vneid_otp: self.vneid_otp.clone(),
            }),
        }
    }

    /// Starts a sandbox with these options on `data`.
    pub fn start(&self, data: &Path) -> Result<Running, String> {
        let accounts = match &self.accounts {
            Some(p) => {
                let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
                Some(
                    serde_json::from_slice::<AccountsFile>(&bytes)
                        .map_err(|e| format!("{}: {e}", p.display()))?,
                )
            }
            None => None,
        };
        server::start(data, self.port, accounts, self.options())
    }
}

/// `dvc-sandbox provision-token`'s options.
#[derive(Debug, clap::Args)]
struct ProvisionArgs {
    /// The account (its id from `accounts`).
    #[arg(long)]
    account: String,
    /// The PKCS#11 library (e.g. /usr/lib/softhsm/libsofthsm2.so).
    #[arg(long)]
    module: PathBuf,
    /// The token's label (at most 32 bytes).
    #[arg(long)]
    label: String,
    /// Read the user PIN (first line) and the SO PIN (second line) from stdin.
    #[arg(long, conflicts_with_all = ["pin", "so_pin"])]
    pin_stdin: bool,
    /// The user PIN to set (visible to other users in the process list:
    /// prefer --pin-stdin or DVC_SANDBOX_PIN).
    #[arg(long)]
    pin: Option<String>,
    /// The SO PIN to set (prefer --pin-stdin or DVC_SANDBOX_SO_PIN).
    #[arg(long)]
    so_pin: Option<String>,
}

/// Why a command failed, and so its exit code.
enum Failure {
    /// Exit 2.
    Usage(String),
    /// Exit 1.
    Error(String),
}

impl From<String> for Failure {
    fn from(s: String) -> Failure {
        Failure::Error(s)
    }
}

impl From<&str> for Failure {
    fn from(s: &str) -> Failure {
        Failure::Error(s.to_string())
    }
}

fn default_data() -> PathBuf {
    directories::ProjectDirs::from("vn", "dvc", "dvc")
        .map(|d| d.data_local_dir().join("sandbox"))
        .unwrap_or_else(|| PathBuf::from(".dvc-sandbox"))
}

/// Runs the command line of this process and exits.
pub fn main() -> ! {
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(()) => 0,
        Err(Failure::Usage(m)) => {
            eprintln!("dvc-sandbox: {m}");
            2
        }
        Err(Failure::Error(m)) => {
            eprintln!("dvc-sandbox: {m}");
            1
        }
    };
    std::process::exit(code)
}

fn run(cli: Cli) -> Result<(), Failure> {
    let data = cli.data.clone().unwrap_or_else(default_data);
    match cli.command {
        Command::Serve(a) => serve(&data, &a),
        Command::Accounts { json } => {
            let st = load(&data)?;
            let v = server::accounts_json(&st);
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?
                );
            } else {
                print_accounts(&v, &st.base_url);
            }
            Ok(())
        }
        Command::Revoke {
            serial,
            reason,
            issuer,
        } => {
            if let Some(url) = issuer {
                let body = serde_json::json!({"serial": serial, "reason": reason}).to_string();
                return admin(
                    &format!("{}/sandbox/revoke", url.trim_end_matches('/')),
                    body,
                );
            }
            let mut st = load(&data)?;
            if !st.revoke(&serial, &reason) {
                return Err(format!("no unrevoked certificate with serial {serial}").into());
            }
            st.save(&data)?;
            eprintln!("revoked {serial} ({reason})");
            Ok(())
        }
        Command::Approve { id, issuer } => admin(
            &format!(
                "{}/sandbox/transactions/{id}/approve",
                issuer.trim_end_matches('/')
            ),
            String::new(),
        ),
        Command::Reject { id, issuer } => admin(
            &format!(
                "{}/sandbox/transactions/{id}/reject",
                issuer.trim_end_matches('/')
            ),
            String::new(),
        ),
        Command::ProvisionToken(a) => provision(&data, a),
    }
}

fn load(data: &Path) -> Result<State, Failure> {
    State::load(data)?.ok_or_else(|| {
        Failure::Error(format!(
            "no sandbox data in {} yet: run `dvc-sandbox serve --data {}` once",
            data.display(),
            data.display()
        ))
    })
}

/// POSTs to a running sandbox's admin API and prints the answer.
fn admin(url: &str, body: String) -> Result<(), Failure> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::blocking::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(|e| e.to_string())?;
    let r = client
        .post(url)
        .header("Content-Type", "application/json")
        .body(body)
        .send()
        .map_err(|e| format!("{url}: {e}"))?;
    let status = r.status();
    println!("{}", r.text().unwrap_or_default());
    if status.is_success() {
        Ok(())
    } else {
        Err(format!("{url}: HTTP {status}").into())
    }
}

fn print_accounts(v: &serde_json::Value, base: &str) {
    // One write at the end: a closed pipe (`| head`) is not an error.
    let mut out = String::new();
    macro_rules! println {
        ($($t:tt)*) => {{
            out.push_str(&format!($($t)*));
            out.push('\n');
        }};
    }
    println!("Sandbox at {base} (client_id dvc-cli, redirect_uri http://127.0.0.1/dvc/callback)\n");
    for a in v["accounts"].as_array().into_iter().flatten() {
        println!(
            "{} — {} [{}]",
            a["id"].as_str().unwrap_or(""),
            a["name"].as_str().unwrap_or(""),
            a["type"].as_str().unwrap_or("")
        );
        if let Some(t) = a["tax_code"].as_str() {
            println!("    tax code (MST): {t}");
        }
        if let Some(t) = a["id_number"].as_str() {
            println!("    CCCD: {t}");
        }
        if a["usb"] == true {
            println!("    USB token: certificate serial {} ({}); provision one with `dvc-sandbox provision-token --account {}`", a["certificate_serial"].as_str().unwrap_or(""), a["certificate_state"].as_str().unwrap_or(""), a["id"].as_str().unwrap_or(""));
        }
        if let Some(p) = a["sim_phone"].as_str() {
            println!("    SIM: dvc login --sim 0{}", p.get(2..).unwrap_or(p));
        }
        if let Some(u) = a["smartca_user_id"].as_str() {
            println!(
                "    SmartCA: dvc login --smartca {u} (password: {})",
                a["smartca_password"].as_str().unwrap_or("")
            );
        }
        if let Some(id) = a["tax_code"].as_str().or(a["id_number"].as_str()) {
            println!(
                "    VNeID (serve --web): dvc login --recipe dvcqg --vneid {id} (password: --vneid-password, default {})",
                server::web::DEFAULT_VNEID_PASSWORD
            );
        }
        if a["active"] == false {
            println!("    not active: its logins are refused");
        }
    }
    let _ = std::io::Write::write_all(&mut std::io::stdout(), out.as_bytes());
}

fn serve(data: &Path, a: &ServeArgs) -> Result<(), Failure> {
    // Before any thread starts, so that no signal can end the process
    // without a word from here on.
    let stop = crate::signals::stop_on_signals()?;
    let running = a.start(data)?;
    if let Some(old) = running.busy_port() {
        eprintln!("dvc-sandbox: port {old} of the certificates is busy; serving on {}: AIA, OCSP and CRL URLs in existing certificates point at the old port", running.issuer());
    }
    println!("ISSUER={}", running.issuer());
    if let (Some(port), Some(ca)) = (running.web_port(), running.web_ca()) {
        println!("WEB_PORT={port}");
        println!("WEB_CA={}", ca.display());
        for rule in running.connect_to() {
            println!("CONNECT_TO={rule}");
        }
    }
    let _ = std::io::stdout().flush();
    eprintln!("dvc-sandbox: serving {} with data in {} (dvc-sandbox accounts --data {} lists the demo accounts)", running.issuer(), data.display(), data.display());
    stop.wait();
    running.stop();
    eprintln!("dvc-sandbox: stopped");
    Ok(())
}

fn provision(data: &Path, a: ProvisionArgs) -> Result<(), Failure> {
    let (pin, so_pin) = crate::provision::pins(
        a.pin,
        a.so_pin,
        a.pin_stdin,
        |k| std::env::var(k).ok(),
        std::io::stdin().lock(),
    )
    .map_err(Failure::Usage)?;
    let st = load(data)?;
    let req = crate::provision::Request {
        account: a.account,
        module: a.module,
        label: a.label,
        pin,
        so_pin,
    };
    let done = crate::provision::provision(&st, &req)?;
    eprintln!(
        "token {:?} in slot {} now holds the key and certificate of {} (serial {})",
        req.label, done.slot, req.account, done.serial
    );
    Ok(())
}
