//! `dvc-sandbox`: a local single sign-on server that implements the server
//! side of portal-login.md (modeled on the national portal's WSO2 SSO), with
//! a demo PKI shaped like Vietnam's, an OCSP responder and CRLs, simulated
//! SIM and VNPT SmartCA confirmations, and switches for faults.
//!
//! ```sh
//! dvc-sandbox serve --port 0 --data DIR --auto-approve 3
//! dvc-sandbox accounts --data DIR
//! dvc-sandbox approve TX --issuer http://127.0.0.1:PORT
//! dvc-sandbox provision-token --data DIR --account dn-giai-phap-so --module /usr/lib/softhsm/libsofthsm2.so --label Demo --pin 1234 --so-pin 5678
//! ```

mod server;
mod state;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "dvc-sandbox",
    version,
    about = "A local portal SSO for trying and testing dvc (portal-login.md, server side)"
)]
struct Cli {
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
    /// Approve a pending SIM / SmartCA request of a running sandbox.
    Approve {
        /// The transaction id (see GET /sandbox/transactions).
        id: String,
        /// The running sandbox.
        #[arg(long, value_name = "URL")]
        issuer: String,
    },
    /// Reject a pending SIM / SmartCA request of a running sandbox.
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

#[derive(Debug, clap::Args)]
struct ServeArgs {
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
    #[arg(long, default_value = "mixed", value_parser = ["mixed", "json", "redirect"])]
    failure_form: String,
    /// A fault from the start: ENDPOINT:KIND[:VALUE] (e.g. token:status:502, userinfo:delay:30000, commonauth:slow_down:5, token:id_token_nonce).
    #[arg(long, value_name = "SPEC")]
    fault: Vec<String>,
}

#[derive(Debug, clap::Args)]
struct ProvisionArgs {
    /// The account (its id from `accounts`).
    #[arg(long)]
    account: String,
    /// The PKCS#11 library (e.g. /usr/lib/softhsm/libsofthsm2.so).
    #[arg(long)]
    module: PathBuf,
    /// The token's label.
    #[arg(long)]
    label: String,
    /// The user PIN to set (a demo token: this PIN is not a secret).
    #[arg(long)]
    pin: String,
    /// The SO PIN to set.
    #[arg(long)]
    so_pin: String,
}

fn default_data() -> PathBuf {
    directories::ProjectDirs::from("vn", "dvc", "dvc")
        .map(|d| d.data_local_dir().join("sandbox"))
        .unwrap_or_else(|| PathBuf::from(".dvc-sandbox"))
}

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("dvc-sandbox: {msg}");
    std::process::exit(1);
}

fn main() {
    let cli = Cli::parse();
    let data = cli.data.clone().unwrap_or_else(default_data);
    match cli.command {
        Command::Serve(a) => serve(&data, a),
        Command::Accounts { json } => {
            let st = load(&data);
            let v = server::accounts_json(&st);
            if json {
                println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
            } else {
                print_accounts(&v, &st.base_url);
            }
        }
        Command::Revoke {
            serial,
            reason,
            issuer,
        } => {
            if let Some(url) = issuer {
                let body = serde_json::json!({"serial": serial, "reason": reason}).to_string();
                admin(
                    &format!("{}/sandbox/revoke", url.trim_end_matches('/')),
                    body,
                );
                return;
            }
            let mut st = load(&data);
            if !st.revoke(&serial, &reason) {
                fail(format!("no unrevoked certificate with serial {serial}"));
            }
            st.save(&data).unwrap_or_else(|e| fail(e));
            eprintln!("revoked {serial} ({reason})");
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

fn load(data: &Path) -> state::State {
    let bytes = std::fs::read(data.join("state.json")).unwrap_or_else(|_| {
        fail(format!(
            "no sandbox data in {} yet: run `dvc-sandbox serve --data {}` once",
            data.display(),
            data.display()
        ))
    });
    serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| fail(format!("{}: {e}", data.join("state.json").display())))
}

fn admin(url: &str, body: String) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::blocking::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .unwrap_or_else(|e| fail(e));
    match client
        .post(url)
        .header("Content-Type", "application/json")
        .body(body)
        .send()
    {
        Ok(r) => {
            let status = r.status();
            let text = r.text().unwrap_or_default();
            println!("{text}");
            if !status.is_success() {
                std::process::exit(1);
            }
        }
        Err(e) => fail(format!("{url}: {e}")),
    }
}

fn print_accounts(v: &serde_json::Value, base: &str) {
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
            println!("    SIM: dvc login --sim 0{}", &p[2..]);
        }
        if let Some(u) = a["smartca_user_id"].as_str() {
            println!(
                "    SmartCA: dvc login --smartca {u} (password: {})",
                a["smartca_password"].as_str().unwrap_or("")
            );
        }
    }
}

fn serve(data: &Path, a: ServeArgs) {
    // Stop cleanly on SIGINT / SIGTERM: the signals are blocked first, before
    // any other thread exists (tiny_http starts its own), so every thread
    // inherits the mask and only the waiting thread receives them.
    let mut wait = signal_wait();
    let accounts = a.accounts.as_ref().map(|p| {
        let bytes = std::fs::read(p).unwrap_or_else(|e| fail(format!("{}: {e}", p.display())));
        serde_json::from_slice::<state::AccountsFile>(&bytes)
            .unwrap_or_else(|e| fail(format!("{}: {e}", p.display())))
    });
    let faults: Vec<server::Fault> = a
        .fault
        .iter()
        .map(|f| server::Fault::parse(f).unwrap_or_else(|e| fail(format!("--fault {f}: {e}"))))
        .collect();
    // The certificates name the sandbox's URL: reuse the port of the data dir when we can.
    let remembered = std::fs::read(data.join("state.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| {
            v["base_url"]
                .as_str()
                .and_then(|u| u.rsplit(':').next())
                .and_then(|p| p.parse::<u16>().ok())
        });
    let try_port = if a.port != 0 {
        a.port
    } else {
        remembered.unwrap_or(0)
    };
    let server = tiny_http::Server::http(("127.0.0.1", try_port))
        .or_else(|e| {
            if a.port == 0 && try_port != 0 {
                tiny_http::Server::http("127.0.0.1:0")
            } else {
                Err(e)
            }
        })
        .unwrap_or_else(|e| fail(format!("cannot listen on 127.0.0.1:{try_port}: {e}")));
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or_else(|| fail("no TCP address"));
    let issuer = format!("http://127.0.0.1:{port}");
    if remembered.is_some_and(|p| p != port) {
        eprintln!("dvc-sandbox: port {} of the certificates is busy; serving on {port}: AIA, OCSP and CRL URLs in existing certificates point at the old port", remembered.unwrap_or(0));
    }
    let st = state::State::load_or_create(data, &issuer, accounts).unwrap_or_else(|e| fail(e));
    let opts = server::Options {
        auto_approve: a.auto_approve,
        access_ttl: a.access_token_ttl,
        refresh_ttl: a.refresh_token_ttl,
        transaction_ttl: a.transaction_ttl,
        failure_form: a.failure_form,
    };
    let sandbox = Arc::new(server::Sandbox::new(
        st,
        data.to_path_buf(),
        opts,
        faults,
        issuer.clone(),
    ));
    std::thread::spawn(move || {
        wait();
        eprintln!("dvc-sandbox: stopped");
        std::process::exit(0);
    });
    println!("ISSUER={issuer}");
    let _ = std::io::stdout().flush();
    eprintln!("dvc-sandbox: serving {issuer} with data in {} (dvc-sandbox accounts --data {} lists the demo accounts)", data.display(), data.display());
    sandbox.serve(server);
}

/// Blocks until SIGINT or SIGTERM arrives (returned as a closure to call).
fn signal_wait() -> impl FnMut() {
    #[cfg(unix)]
    {
        unsafe extern "C" {
            fn sigwait(set: *const [u64; 16], sig: *mut i32) -> i32;
            fn sigemptyset(set: *mut [u64; 16]) -> i32;
            fn sigaddset(set: *mut [u64; 16], sig: i32) -> i32;
            fn pthread_sigmask(how: i32, set: *const [u64; 16], old: *mut [u64; 16]) -> i32;
        }
        let mut set = [0u64; 16];
        // SAFETY: plain libc calls on a local signal set; SIGINT is 2, SIGTERM 15, SIG_BLOCK 0 on Linux.
        unsafe {
            sigemptyset(&mut set);
            sigaddset(&mut set, 2);
            sigaddset(&mut set, 15);
            pthread_sigmask(0, &set, std::ptr::null_mut());
        }
        move || {
            let mut sig = 0;
            // SAFETY: waits on the set built above.
            unsafe {
                sigwait(&set, &mut sig);
            }
        }
    }
    #[cfg(not(unix))]
    {
        || loop {
            std::thread::park();
        }
    }
}

fn provision(data: &Path, a: ProvisionArgs) {
    use cryptoki::object::{Attribute, CertificateType, ObjectClass};
    use cryptoki::session::UserType;
    let st = load(data);
    let account = st
        .accounts
        .accounts
        .iter()
        .find(|x| x.id == a.account)
        .cloned()
        .unwrap_or_else(|| fail(format!("no account {}", a.account)));
    let module = dvc::pkcs11::Module::load(&a.module).unwrap_or_else(|e| fail(e));
    let ctx = module.ctx();
    let slots = ctx.get_all_slots().unwrap_or_else(|e| fail(e));
    let slot = slots
        .into_iter()
        .find(|s| {
            ctx.get_token_info(*s)
                .map(|i| !i.token_initialized())
                .unwrap_or(false)
        })
        .unwrap_or_else(|| {
            fail("no free slot with an uninitialised token (SoftHSM2 always has one)")
        });
    let so = secrecy::SecretString::from(a.so_pin.clone());
    let user = secrecy::SecretString::from(a.pin.clone());
    ctx.init_token(slot, &so, &a.label)
        .unwrap_or_else(|e| fail(format!("C_InitToken: {e}")));
    let slot = ctx
        .get_slots_with_token()
        .unwrap_or_else(|e| fail(e))
        .into_iter()
        .find(|s| {
            ctx.get_token_info(*s)
                .map(|i| i.label().trim() == a.label)
                .unwrap_or(false)
        })
        .unwrap_or_else(|| fail("the new token did not appear"));
    let session = ctx.open_rw_session(slot).unwrap_or_else(|e| fail(e));
    session
        .login(UserType::So, Some(&so))
        .unwrap_or_else(|e| fail(e));
    session.init_pin(&user).unwrap_or_else(|e| fail(e));
    session.logout().ok();
    session
        .login(UserType::User, Some(&user))
        .unwrap_or_else(|e| fail(e));
    let cert = account.cert();
    let (_, parsed) = x509_parser::parse_x509_certificate(&cert).unwrap_or_else(|e| fail(e));
    let subject = parsed.subject().as_raw().to_vec();
    let id = vec![0x01];
    let label = format!(
        "{} ({})",
        account
            .business_name
            .clone()
            .unwrap_or_else(|| account.person_name.clone()),
        account.cert_serial
    );
    // The private key, from its PKCS#8 parts.
    use rsa::pkcs8::DecodePrivateKey as _;
    use rsa::traits::{PrivateKeyParts as _, PublicKeyParts as _};
    let key = rsa::PrivateKey::from_pkcs8_der(&account.key())
        .unwrap_or_else(|_| fail("only RSA accounts (USB ones) can be provisioned"));
    let b = |x: &rsa::BoxedUint| x.to_be_bytes_trimmed_vartime().to_vec();
    let primes = key.primes();
    let common = vec![
        Attribute::Token(true),
        Attribute::Id(id.clone()),
        Attribute::Label(label.as_bytes().to_vec()),
    ];
    let mut priv_t = common.clone();
    priv_t.extend([
        Attribute::Class(ObjectClass::PRIVATE_KEY),
        Attribute::KeyType(cryptoki::object::KeyType::RSA),
        Attribute::Private(true),
        Attribute::Sensitive(true),
        Attribute::Sign(true),
        Attribute::Subject(subject.clone()),
        Attribute::Modulus(b(key.n())),
        Attribute::PublicExponent(b(key.e())),
        Attribute::PrivateExponent(b(key.d())),
        Attribute::Prime1(b(&primes[0])),
        Attribute::Prime2(b(&primes[1])),
    ]);
    session
        .create_object(&priv_t)
        .unwrap_or_else(|e| fail(format!("private key: {e}")));
    let mut pub_t = common.clone();
    pub_t.extend([
        Attribute::Class(ObjectClass::PUBLIC_KEY),
        Attribute::KeyType(cryptoki::object::KeyType::RSA),
        Attribute::Verify(true),
        Attribute::Modulus(b(key.n())),
        Attribute::PublicExponent(b(key.e())),
    ]);
    session
        .create_object(&pub_t)
        .unwrap_or_else(|e| fail(format!("public key: {e}")));
    let mut cert_t = common;
    cert_t.extend([
        Attribute::Class(ObjectClass::CERTIFICATE),
        Attribute::CertificateType(CertificateType::X_509),
        Attribute::Subject(subject),
        Attribute::Value(cert),
    ]);
    session
        .create_object(&cert_t)
        .unwrap_or_else(|e| fail(format!("certificate: {e}")));
    // The issuing CA, as a chain candidate.
    let ca = st.ca_der();
    if let Ok((_, c)) = x509_parser::parse_x509_certificate(&ca) {
        let t = vec![
            Attribute::Token(true),
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::CertificateType(CertificateType::X_509),
            Attribute::Subject(c.subject().as_raw().to_vec()),
            Attribute::Label(b"Sandbox CA".to_vec()),
            Attribute::Id(vec![0xCA]),
            Attribute::Value(ca.clone()),
        ];
        let _ = session.create_object(&t);
    }
    session.logout().ok();
    drop(session);
    eprintln!(
        "token {:?} in slot {} now holds the key and certificate of {} (serial {})",
        a.label,
        slot.id(),
        account.id,
        account.cert_serial
    );
}
