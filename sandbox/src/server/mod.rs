//! The sandbox's HTTP server: the server side of portal-login.md, strict.
//!
//! One module per concern:
//!
//! * `http`: plumbing (requests, replies); [`fault`]: fault injection;
//! * `oidc`: discovery, authorize, token, userinfo, JWKS, revocation, `/api/me`;
//! * `commonauth`: the login page and the USB, SIM and SmartCA steps;
//! * `tx`: SIM / SmartCA transactions ([`TxState`]);
//! * `pki`: OCSP, CRLs, CA certificates;
//! * `smartca`: VNPT SmartCA's service API;
//! * `admin`: `/sandbox/...` (never faulted).
//!
//! * [`web`]: the web mode (`--web`, docs/sandbox-web.md): WSO2-style HTML
//!   login pages, VNPT SmartCA's pages, a Keycloak realm and a
//!   relying-party site, over HTTPS under host names, on a listener of
//!   its own; the plumbing, faults, transactions, PKI and admin API are
//!   shared.

mod admin;
mod commonauth;
pub mod fault;
mod http;
mod oidc;
mod pki;
mod smartca;
mod tx;
pub mod web;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

pub use admin::accounts_json;
pub use fault::{Endpoint, Fault, FaultKind};
pub use tx::{TxKind, TxState};
pub use web::{SimWait, WebOptions};

use crate::state::{Account, AccountsFile, State};
use http::{Reply, Req};

/// How `/commonauth` failures are sent (portal-login.md §3 allows both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum FailureForm {
    /// As the real portal: a redirect for some codes, JSON for others.
    #[default]
    Mixed,
    /// Always JSON with a 4xx / 5xx status.
    Json,
    /// Always WSO2's `authFailure=true` redirect.
    Redirect,
}

/// Lifetimes and behaviour chosen at start.
#[derive(Debug, Clone)]
pub struct Options {
    /// Seconds after which a SIM / SmartCA request approves itself.
    pub auto_approve: Option<u64>,
    /// Access token lifetime (s).
    pub access_ttl: u64,
    /// Refresh token lifetime (s).
    pub refresh_ttl: u64,
    /// SIM / SmartCA transaction lifetime (s).
    pub transaction_ttl: u64,
    /// How failures of /commonauth are sent.
    pub failure_form: FailureForm,
    /// Faults switched on from the start.
    pub faults: Vec<Fault>,
    /// The web mode, when on.
    pub web: Option<WebOptions>,
}

impl Default for Options {
    /// The `serve` command's defaults: tokens for an hour, refresh tokens for
    /// 30 days, confirmations for 120 s, no auto-approval, no faults.
    fn default() -> Options {
        Options {
            auto_approve: None,
            access_ttl: 3600,
            refresh_ttl: 30 * 86400,
            transaction_ttl: 120,
            failure_form: FailureForm::Mixed,
            faults: Vec::new(),
            web: None,
        }
    }
}

/// Counters for `/sandbox/stats`.
#[derive(Default)]
struct Stats {
    grants: HashMap<String, u64>,
    refresh_reuse: u64,
    commonauth: HashMap<String, HashMap<String, u64>>,
}

/// What lives only while the server runs.
#[derive(Default)]
struct Runtime {
    pending: HashMap<String, oidc::Pending>,
    txs: Vec<tx::Tx>,
    codes: HashMap<String, oidc::Code>,
    refresh: HashMap<String, oidc::Refresh>,
    access: HashMap<String, oidc::Access>,
    revoked_families: Vec<String>,
    stats: Stats,
    faults: Vec<Fault>,
}

/// The sandbox behind the HTTP server: lasting state and runtime state.
struct Sandbox {
    state: Mutex<State>,
    data: PathBuf,
    opts: Options,
    rt: Mutex<Runtime>,
    web: Mutex<web::WebRt>,
    issuer: String,
}

impl Sandbox {
    fn rt(&self) -> MutexGuard<'_, Runtime> {
        self.rt.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn st(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The first account that matches.
    fn account_where(&self, pred: impl Fn(&Account) -> bool) -> Option<Account> {
        self.st()
            .accounts
            .accounts
            .iter()
            .find(|a| pred(a))
            .cloned()
    }

    /// The value of the first fault of `kind` (faults that change what an
    /// endpoint computes rather than how it answers).
    fn fault(&self, kind: FaultKind) -> Option<u64> {
        self.rt()
            .faults
            .iter()
            .find(|f| f.kind == kind)
            .map(|f| f.value)
    }

    fn handle(&self, mut rq: tiny_http::Request) {
        let req = Req::read(&mut rq);
        if req.path.starts_with("/sandbox/") {
            return http::send(rq, self.admin_route(&req));
        }
        let endpoint = Endpoint::of(&req.path);
        let faults: Vec<Fault> = self
            .rt()
            .faults
            .iter()
            .filter(|f| f.applies_to(endpoint))
            .cloned()
            .collect();
        for f in &faults {
            match f.kind {
                FaultKind::Delay => std::thread::sleep(Duration::from_millis(f.value)),
                FaultKind::Status => {
                    let status = u16::try_from(f.value).unwrap_or(500);
                    return http::send(
                        rq,
                        Reply::oauth_error(status, "server_error", "fault injected"),
                    );
                }
                FaultKind::Html => {
                    return http::send(rq, Reply::html(502, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>"));
                }
                FaultKind::Truncated => {
                    return http::send(
                        rq,
                        Reply::bytes(
                            200,
                            "application/json",
                            br#"{"access_token": "abc", "token_ty"#.to_vec(),
                        ),
                    );
                }
                FaultKind::Close => return http::send_cut(rq),
                FaultKind::SlowDown
                | FaultKind::IdTokenNonce
                | FaultKind::IdTokenAudience
                | FaultKind::IdTokenSignature
                | FaultKind::HtmlMissingForm
                | FaultKind::Foreign
                | FaultKind::Unbound
                | FaultKind::Kept
                | FaultKind::Loop
                | FaultKind::Script
                | FaultKind::Fail
                | FaultKind::CusCode
                | FaultKind::Expired => {}
            }
        }
        let reply = self.route(&req);
        http::send(rq, reply);
    }

    /// The protocol's endpoints (portal-login.md), the PKI and SmartCA's API.
    fn route(&self, req: &Req) -> Reply {
        if let Some(r) = self.pki_route(req) {
            return r;
        }
        match (req.method.as_str(), req.path.as_str()) {
            ("GET", "/.well-known/openid-configuration")
            | ("GET", "/oauth2/oidcdiscovery/.well-known/openid-configuration") => self.discovery(),
            ("GET", "/oauth2/jwks") => self.jwks(),
            ("GET", "/oauth2/authorize") => self.authorize(req),
            ("GET", "/authenticationendpoint/login.do") => self.login_page(req),
            ("POST", "/commonauth") => self.commonauth(req),
            ("POST", "/oauth2/token") => self.token(req),
            ("GET", "/oauth2/userinfo") | ("POST", "/oauth2/userinfo") => self.userinfo(req),
            ("POST", "/oauth2/revoke") => self.revoke(req),
            ("GET", "/api/me") => self.api_me(req),
            ("POST", p) if p.starts_with("/sca/sp769/v1/") => {
                self.smartca_api(&p["/sca/sp769".len()..], &req.body)
            }
            _ => Reply::not_found(req),
        }
    }
}

/// A running sandbox: it serves until [`Running::stop`] (or drop).
pub struct Running {
    issuer: String,
    data: PathBuf,
    busy_port: Option<u16>,
    server: Option<Arc<tiny_http::Server>>,
    thread: Option<std::thread::JoinHandle<()>>,
    web: Option<web::tls::Listener>,
    web_ca: Option<PathBuf>,
}

impl std::fmt::Debug for Running {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Running")
            .field("issuer", &self.issuer)
            .field("data", &self.data)
            .finish()
    }
}

impl Running {
    /// `http://127.0.0.1:PORT`.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// Its data directory.
    pub fn data(&self) -> &Path {
        &self.data
    }

    /// The port the certificates of its data name, when that port was busy
    /// and another one was taken: their AIA, OCSP and CRL URLs then point at
    /// a port where nobody answers.
    pub fn busy_port(&self) -> Option<u16> {
        self.busy_port
    }

    /// The web mode's HTTPS port, when it is on.
    pub fn web_port(&self) -> Option<u16> {
        self.web.as_ref().map(|l| l.port())
    }

    /// The web mode's TLS CA (PEM), for `--ca-file`.
    pub fn web_ca(&self) -> Option<&Path> {
        self.web_ca.as_deref()
    }

    /// The `--connect-to` rules that reach the web mode, one per host name.
    pub fn connect_to(&self) -> Vec<String> {
        match self.web_port() {
            Some(port) => web::HOSTS
                .iter()
                .map(|h| format!("{h}:443:127.0.0.1:{port}"))
                .collect(),
            None => Vec::new(),
        }
    }

    /// Blocks while it serves (until another thread stops it).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    /// Stops accepting connections and returns once the port is free again
    /// (so a new sandbox on the same data can take it). Requests being
    /// answered finish on their own threads.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(mut web) = self.web.take() {
            web.stop();
        }
        let Some(server) = self.server.take() else {
            return;
        };
        server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        let addr = server.server_addr().to_ip();
        // The last reference: dropping it closes the listening socket (in
        // tiny_http's accept thread, shortly after).
        drop(server);
        if let Some(addr) = addr {
            for _ in 0..200 {
                if std::net::TcpListener::bind(addr).is_ok() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// The port the certificates of `data` name, if it has state.
fn remembered_port(data: &Path) -> Option<u16> {
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.join("state.json")).ok()?).ok()?;
    v["base_url"].as_str()?.rsplit(':').next()?.parse().ok()
}

/// Starts a sandbox on 127.0.0.1 with its state in `data` (created on first
/// use; `accounts` replaces the accounts). `port` 0 takes the port the
/// certificates of `data` name when it is free, else any free one (see
/// [`Running::busy_port`]).
pub fn start(
    data: &Path,
    port: u16,
    accounts: Option<AccountsFile>,
    opts: Options,
) -> Result<Running, String> {
    let remembered = remembered_port(data);
    let try_port = if port != 0 {
        port
    } else {
        remembered.unwrap_or(0)
    };
    let server = tiny_http::Server::http(("127.0.0.1", try_port))
        .or_else(|e| {
            if port == 0 && try_port != 0 {
                tiny_http::Server::http("127.0.0.1:0")
            } else {
                Err(e)
            }
        })
        .map_err(|e| format!("cannot listen on 127.0.0.1:{try_port}: {e}"))?;
    let bound = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .ok_or("no TCP address")?;
    let issuer = format!("http://127.0.0.1:{bound}");
    let state = State::load_or_create(data, &issuer, accounts)?;
    let faults = opts.faults.clone();
    let sandbox = Arc::new(Sandbox {
        state: Mutex::new(state),
        data: data.to_path_buf(),
        opts,
        rt: Mutex::new(Runtime {
            faults,
            ..Runtime::default()
        }),
        web: Mutex::new(web::WebRt::default()),
        issuer: issuer.clone(),
    });
    let (web, web_ca) = match &sandbox.opts.web {
        Some(w) => {
            let listener = std::net::TcpListener::bind(("127.0.0.1", w.port))
                .map_err(|e| format!("cannot listen on 127.0.0.1:{} (--web-port): {e}", w.port))?;
            let (config, ca) = web::tls::server_config(data, &web::HOSTS)?;
            let me = sandbox.clone();
            let handler: web::tls::Handler = Arc::new(move |req, sni| me.web_request(req, sni));
            (
                Some(web::tls::Listener::start(listener, config, handler)?),
                Some(ca),
            )
        }
        None => (None, None),
    };
    let server = Arc::new(server);
    let thread = {
        let server = server.clone();
        std::thread::Builder::new()
            .name("dvc-sandbox".into())
            .spawn(move || {
                for rq in server.incoming_requests() {
                    let me = sandbox.clone();
                    let _ = std::thread::Builder::new().spawn(move || me.handle(rq));
                }
            })
            .map_err(|e| e.to_string())?
    };
    Ok(Running {
        issuer,
        data: data.to_path_buf(),
        busy_port: remembered.filter(|p| *p != bound),
        server: Some(server),
        thread: Some(thread),
        web,
        web_ca,
    })
}
