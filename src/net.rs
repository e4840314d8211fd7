//! HTTP for everything `dvc` fetches: the one place that sets timeouts,
//! bounds response bodies, verifies TLS (rustls with the ring provider and
//! the platform's roots, plus an optional extra CA file), keeps a cookie jar
//! when asked, sends a host's requests elsewhere for `--connect-to`, and
//! traces every exchange at `-vv` with the secrets masked. Redirects are
//! never followed automatically: callers decide (portal-login.md §2,
//! portal-web.md §2).

use std::io::Read;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use reqwest_cookie_store::CookieStoreMutex;

/// Largest answer read from a portal.
pub const MAX_BODY: usize = 4 * 1024 * 1024;

/// How an HTTP exchange failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetError {
    /// No answer within the timeout.
    Timeout,
    /// The connection could not be made or broke.
    Connect(String),
    /// The body was larger than allowed.
    TooLarge(usize),
    /// The extra CA file cannot be used.
    CaFile {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        problem: CaFileProblem,
    },
    /// A `--connect-to` value that cannot be used.
    ConnectTo(Box<ConnectToProblem>),
    /// Anything else (bad URL, TLS failure, …).
    Other(String),
}

impl std::fmt::Display for NetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NetError::Timeout => f.write_str("no answer in time (timeout)"),
            NetError::Connect(e) => write!(f, "cannot connect: {e}"),
            NetError::TooLarge(n) => write!(f, "the answer is larger than {n} bytes"),
            NetError::CaFile { path, problem } => write!(f, "{}: {problem}", path.display()),
            NetError::ConnectTo(e) => write!(f, "--connect-to: {e}"),
            NetError::Other(e) => f.write_str(e),
        }
    }
}

/// Why a `--connect-to` rule cannot be used; put into the user's words by
/// [`crate::error::Error::message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectToProblem {
    /// Not `HOST:PORT:ADDRESS:PORT2`.
    Syntax {
        /// The value given.
        value: String,
    },
    /// A loopback host sent to another machine (tokens in clear).
    LoopbackElsewhere {
        /// The value given.
        value: String,
        /// Its host.
        host: String,
        /// Its address.
        address: String,
    },
    /// The address does not resolve.
    Unresolvable {
        /// The address.
        address: String,
        /// The resolver's words.
        detail: String,
    },
    /// A rule for the host but for another port than the URL's.
    OtherPort {
        /// The rule.
        rule: String,
        /// The rule's port.
        rule_port: u16,
        /// The URL's host.
        host: String,
        /// The URL's port.
        port: u16,
    },
}

impl std::fmt::Display for ConnectToProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConnectToProblem::Syntax { value } => write!(
                f,
                "{value:?} is not HOST:PORT:ADDRESS:PORT2 (e.g. xacthuc.dichvucong.gov.vn:443:127.0.0.1:8443)"
            ),
            ConnectToProblem::LoopbackElsewhere {
                value,
                host,
                address,
            } => write!(
                f,
                "{value:?} sends a loopback host ({host}) to another machine ({address}): refused"
            ),
            ConnectToProblem::Unresolvable { address, detail } if detail.is_empty() => {
                write!(f, "{address}: no address")
            }
            ConnectToProblem::Unresolvable { address, detail } => {
                write!(f, "{address}: {detail}")
            }
            ConnectToProblem::OtherPort {
                rule,
                rule_port,
                host,
                port,
            } => write!(
                f,
                "the rule {rule} is for port {rule_port}, not {host}:{port}: add a rule for that port"
            ),
        }
    }
}

/// Why the extra CA file (`--ca-file`, a profile's `ca_file`) cannot be
/// used; put into the user's words by [`crate::error::Error::message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaFileProblem {
    /// It cannot be read: the operating system's error kind and words.
    Unreadable {
        /// The kind (translated for the common ones).
        kind: std::io::ErrorKind,
        /// The OS's words, for the others.
        detail: String,
    },
    /// It is not a PEM file of certificates.
    NotPem,
    /// PEM without a certificate in it.
    Empty,
}

impl std::fmt::Display for CaFileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CaFileProblem::Unreadable { detail, .. } => f.write_str(detail),
            CaFileProblem::NotPem => f.write_str("not a PEM file of CA certificates"),
            CaFileProblem::Empty => f.write_str("no certificate in it (PEM expected)"),
        }
    }
}

/// An HTTP answer with its body read (bounded).
#[derive(Debug, Clone)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The URL asked.
    pub url: String,
    /// Response headers.
    pub headers: reqwest::header::HeaderMap,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }

    /// Whether the status is a redirect the protocols follow.
    pub fn is_redirect(&self) -> bool {
        matches!(self.status, 301 | 302 | 303 | 307 | 308)
    }

    /// The `Content-Type`, lowercased (empty when absent).
    pub fn content_type(&self) -> String {
        self.header("content-type")
            .unwrap_or_default()
            .to_ascii_lowercase()
    }

    /// Whether the body looks like an HTML page.
    pub fn is_html(&self) -> bool {
        self.content_type().contains("html")
            || self
                .body
                .iter()
                .find(|b| !b.is_ascii_whitespace())
                .is_some_and(|b| *b == b'<')
    }
}

/// One `--connect-to HOST:PORT:ADDRESS:PORT2` rule (curl's meaning): a
/// request for HOST:PORT is sent to ADDRESS:PORT2, with the URL, the `Host`
/// header and the TLS name unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectTo {
    /// The host of the URLs concerned.
    pub host: String,
    /// Their port (the scheme's default when the URL names none).
    pub port: u16,
    /// Where the connection goes.
    pub address: String,
    /// Its port.
    pub to_port: u16,
}

impl ConnectTo {
    /// Parses `HOST:PORT:ADDRESS:PORT2` (an IPv6 address in brackets).
    pub fn parse(s: &str) -> Result<ConnectTo, ConnectToProblem> {
        let bad = || ConnectToProblem::Syntax { value: s.into() };
        let (host, rest) = s.split_once(':').ok_or_else(bad)?;
        let (port, rest) = rest.split_once(':').ok_or_else(bad)?;
        let (address, to_port) = rest.rsplit_once(':').ok_or_else(bad)?;
        let address = address.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() || address.is_empty() {
            return Err(bad());
        }
        // A loopback name may be plain http (a local test portal); sending
        // it elsewhere would carry tokens in clear over the network.
        if is_loopback_name(host) && !is_loopback_name(address) {
            return Err(ConnectToProblem::LoopbackElsewhere {
                value: s.into(),
                host: host.into(),
                address: address.into(),
            });
        }
        Ok(ConnectTo {
            host: host.to_ascii_lowercase(),
            port: port.parse().map_err(|_| bad())?,
            address: address.to_string(),
            to_port: to_port.parse().map_err(|_| bad())?,
        })
    }

    fn socket(&self) -> Result<SocketAddr, NetError> {
        (self.address.as_str(), self.to_port)
            .to_socket_addrs()
            .map_err(|e| {
                NetError::ConnectTo(Box::new(ConnectToProblem::Unresolvable {
                    address: self.address.clone(),
                    detail: e.to_string(),
                }))
            })?
            .next()
            .ok_or_else(|| {
                NetError::ConnectTo(Box::new(ConnectToProblem::Unresolvable {
                    address: self.address.clone(),
                    // Nothing to quote: worded by the error's renderer.
                    detail: String::new(),
                }))
            })
    }
}

/// `localhost`, `*.localhost`, 127.0.0.0/8 or `::1`.
fn is_loopback_name(host: &str) -> bool {
    let h = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    h == "localhost"
        || h.ends_with(".localhost")
        || h.parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

impl std::fmt::Display for ConnectTo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}:{}",
            self.host, self.port, self.address, self.to_port
        )
    }
}

/// How to build an [`Http`] client.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// Per-request timeout (connect and whole exchange).
    pub timeout: Duration,
    /// Largest body read.
    pub max_body: usize,
    /// Extra CA certificates (PEM) trusted besides the platform's.
    pub ca_file: Option<PathBuf>,
    /// `--connect-to` rules.
    pub connect_to: Vec<ConnectTo>,
    /// A cookie jar to keep and send cookies with (a fresh one per login).
    pub cookies: Option<Arc<CookieStoreMutex>>,
    /// Load the platform's TLS roots. Off only when every URL is plain
    /// `http` on loopback: reading them can mean hundreds of files.
    pub platform_roots: bool,
}

impl HttpSettings {
    /// Defaults: `timeout`, 4 MiB bodies, platform roots, no jar.
    pub fn new(timeout: Duration) -> HttpSettings {
        HttpSettings {
            timeout,
            max_body: MAX_BODY,
            ca_file: None,
            connect_to: Vec::new(),
            cookies: None,
            platform_roots: true,
        }
    }
}

/// A request. Its `Debug` shows no secret: the URL masked, header values,
/// the bearer token and the body left out.
#[derive(Clone)]
pub struct Request<'a> {
    /// The HTTP method.
    pub method: reqwest::Method,
    /// The URL.
    pub url: &'a str,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// A bearer token (never traced).
    pub bearer: Option<&'a str>,
    /// The body and its content type.
    pub body: Option<(String, Vec<u8>)>,
    /// A timeout for this request instead of the client's (a held POST).
    pub timeout: Option<Duration>,
}

impl std::fmt::Debug for Request<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &mask_url(self.url))
            .field(
                "headers",
                &self.headers.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .field("bearer", &self.bearer.map(|_| "***"))
            .field(
                "body",
                &self
                    .body
                    .as_ref()
                    .map(|(ct, b)| format!("{} bytes of {ct}", b.len())),
            )
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl<'a> Request<'a> {
    /// A GET of `url`.
    pub fn get(url: &'a str) -> Request<'a> {
        Request {
            method: reqwest::Method::GET,
            url,
            headers: Vec::new(),
            bearer: None,
            body: None,
            timeout: None,
        }
    }

    /// A POST of an `application/x-www-form-urlencoded` form.
    pub fn form(url: &'a str, fields: &[(String, String)]) -> Request<'a> {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .finish()
            .into_bytes();
        Request {
            method: reqwest::Method::POST,
            url,
            headers: Vec::new(),
            bearer: None,
            body: Some(("application/x-www-form-urlencoded".into(), body)),
            timeout: None,
        }
    }

    /// Adds a header.
    pub fn header(mut self, k: &str, v: &str) -> Request<'a> {
        self.headers.push((k.to_string(), v.to_string()));
        self
    }

    /// Sends `Authorization: Bearer <token>`.
    pub fn bearer(mut self, token: &'a str) -> Request<'a> {
        self.bearer = Some(token);
        self
    }
}

/// A shared, pooled HTTP client.
#[derive(Clone)]
pub struct Http {
    client: reqwest::blocking::Client,
    max_body: usize,
    cookies: Option<Arc<CookieStoreMutex>>,
    connect_to: Vec<ConnectTo>,
}

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http")
            .field("max_body", &self.max_body)
            .finish_non_exhaustive()
    }
}

fn describe(e: &reqwest::Error) -> NetError {
    if e.is_timeout() {
        return NetError::Timeout;
    }
    // The innermost cause says the most (connection refused, DNS, TLS).
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg = s.to_string();
        source = s.source();
    }
    // reqwest names the URL, query and all: masked as in traces.
    if let Some(u) = e.url() {
        msg = msg.replace(u.as_str(), &mask_url(u.as_str()));
    }
    if e.is_connect() {
        NetError::Connect(msg)
    } else {
        NetError::Other(msg)
    }
}

/// Reads the certificates of a PEM file for TLS.
fn ca_certs(path: &Path) -> Result<Vec<reqwest::Certificate>, NetError> {
    let bad = |problem: CaFileProblem| NetError::CaFile {
        path: path.to_path_buf(),
        problem,
    };
    let pem = std::fs::read(path).map_err(|e| {
        bad(CaFileProblem::Unreadable {
            kind: e.kind(),
            detail: e.to_string(),
        })
    })?;
    let certs =
        reqwest::Certificate::from_pem_bundle(&pem).map_err(|_| bad(CaFileProblem::NotPem))?;
    if certs.is_empty() {
        return Err(bad(CaFileProblem::Empty));
    }
    Ok(certs)
}

impl Http {
    /// A client with a per-request `timeout`, a body bound and an optional
    /// extra CA (PEM); the error says why it cannot be built.
    pub fn new(
        timeout: Duration,
        max_body: usize,
        ca_file: Option<&Path>,
    ) -> Result<Http, NetError> {
        let mut s = HttpSettings::new(timeout);
        s.max_body = max_body;
        s.ca_file = ca_file.map(Path::to_path_buf);
        Http::with(&s)
    }

    /// A client built from `settings`.
    pub fn with(settings: &HttpSettings) -> Result<Http, NetError> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut b = reqwest::blocking::Client::builder()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("dvc/", env!("CARGO_PKG_VERSION")))
            .pool_max_idle_per_host(16);
        let extra = match &settings.ca_file {
            Some(p) => ca_certs(p)?,
            None => Vec::new(),
        };
        if settings.platform_roots {
            for c in extra {
                b = b.add_root_certificate(c);
            }
        } else {
            b = b.tls_certs_only(extra);
        }
        for rule in &settings.connect_to {
            let addr = rule.socket()?;
            // reqwest keeps the URL's port when the URL names one; a URL
            // without a port gets the rule's target port.
            b = b.resolve(&rule.host, addr);
        }
        if let Some(jar) = &settings.cookies {
            b = b.cookie_provider(jar.clone());
        }
        let client = b.build().map_err(|e| describe(&e))?;
        Ok(Http {
            client,
            max_body: settings.max_body,
            cookies: settings.cookies.clone(),
            connect_to: settings.connect_to.clone(),
        })
    }

    /// A `--connect-to` rule is for one port (curl's meaning); the client
    /// resolves by host only, so a URL of that host on another port would
    /// be sent to the rule's address: refused instead, nothing sent.
    fn check_connect_to(&self, url: &str) -> Result<(), NetError> {
        if self.connect_to.is_empty() {
            return Ok(());
        }
        let Ok(u) = url::Url::parse(url) else {
            return Ok(());
        };
        let (Some(host), Some(port)) = (u.host_str(), u.port_or_known_default()) else {
            return Ok(());
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        for rule in &self.connect_to {
            if rule.host.eq_ignore_ascii_case(host) && rule.port != port {
                return Err(NetError::ConnectTo(Box::new(ConnectToProblem::OtherPort {
                    rule: rule.to_string(),
                    rule_port: rule.port,
                    host: host.into(),
                    port,
                })));
            }
        }
        Ok(())
    }

    /// The cookie jar, when the client keeps one.
    pub fn cookies(&self) -> Option<&Arc<CookieStoreMutex>> {
        self.cookies.as_ref()
    }

    fn finish(&self, resp: reqwest::blocking::Response, url: &str) -> Result<Response, NetError> {
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        if let Some(len) = resp.content_length() {
            if len as usize > self.max_body {
                return Err(NetError::TooLarge(self.max_body));
            }
        }
        let mut body = Vec::new();
        resp.take(self.max_body as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| {
                if e.to_string().contains("timed out") || e.kind() == std::io::ErrorKind::TimedOut {
                    NetError::Timeout
                } else {
                    NetError::Connect(format!("the connection broke: {e}"))
                }
            })?;
        if body.len() > self.max_body {
            return Err(NetError::TooLarge(self.max_body));
        }
        Ok(Response {
            status,
            url: url.to_string(),
            headers,
            body,
        })
    }

    /// Sends a request and reads the answer (bounded); traced at `-vv`.
    pub fn send(&self, r: Request<'_>) -> Result<Response, NetError> {
        self.check_connect_to(r.url)?;
        let start = Instant::now();
        let mut req = self.client.request(r.method.clone(), r.url);
        for (k, v) in &r.headers {
            req = req.header(k.as_str(), v.as_str());
        }
        if let Some(t) = r.bearer {
            req = req.bearer_auth(t);
        }
        if let Some(t) = r.timeout {
            req = req.timeout(t);
        }
        let fields = match &r.body {
            Some((ct, body)) => {
                req = req.header("Content-Type", ct.as_str()).body(body.clone());
                if ct.starts_with("application/x-www-form-urlencoded") {
                    form_field_names(body)
                } else {
                    format!("{} bytes of {ct}", body.len())
                }
            }
            None => String::new(),
        };
        log::debug!(
            "→ {} {}{}{}",
            r.method,
            mask_url(r.url),
            if fields.is_empty() { "" } else { "  " },
            fields
        );
        let out = req
            .send()
            .map_err(|e| describe(&e))
            .and_then(|resp| self.finish(resp, r.url));
        match &out {
            Ok(a) => log::debug!(
                "← {} {} ({} bytes, {} ms){}",
                a.status,
                mask_url(r.url),
                a.body.len(),
                start.elapsed().as_millis(),
                a.header("location")
                    .map(|l| format!(" → {}", mask_url(&l)))
                    .unwrap_or_default()
            ),
            Err(e) => log::debug!(
                "✗ {} {}: {e} ({} ms)",
                r.method,
                mask_url(r.url),
                start.elapsed().as_millis()
            ),
        }
        out
    }

    /// GET with extra headers.
    pub fn get(&self, url: &str, headers: &[(&str, String)]) -> Result<Response, NetError> {
        let mut r = Request::get(url);
        for (k, v) in headers {
            r = r.header(k, v);
        }
        self.send(r)
    }

    /// POST a body of `content_type`.
    pub fn post(&self, url: &str, content_type: &str, body: Vec<u8>) -> Result<Response, NetError> {
        self.send(Request {
            method: reqwest::Method::POST,
            url,
            headers: Vec::new(),
            bearer: None,
            body: Some((content_type.to_string(), body)),
            timeout: None,
        })
    }
}

/// Query parameters whose values are shown as they are in traces; every
/// other value is masked (codes, states, keys, tokens, passwords…).
const HARMLESS: &[&str] = &[
    "grant_type",
    "token_type_hint",
    "phone",
    "username",
    "serial",
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "code_challenge_method",
    "acr_values",
    "authenticators",
    "authenticator",
    "idp",
    "authFailure",
    "authFailureMsg",
    "CUS_CODE",
    "errorCode",
    "error",
    "error_description",
    "iss",
    "kc_locale",
    "ui_locales",
    "type",
    "relyingParty",
    "tenantDomain",
    "client_id_issuer",
    "response_mode",
];

/// Parameters shortened to their first characters (enough to follow one
/// login attempt through a trace, not enough to reuse it).
const SHORTENED: &[&str] = &["sessionDataKey", "tab_id"];

/// A value as a trace shows it.
fn mask_value(name: &str, value: &str) -> String {
    if HARMLESS.contains(&name) {
        value.to_string()
    } else if SHORTENED.contains(&name) && value.chars().count() > 8 {
        format!("{}…", value.chars().take(4).collect::<String>())
    } else if value.is_empty() {
        String::new()
    } else {
        "***".into()
    }
}

/// A URL for a trace: query values masked except the harmless ones.
pub fn mask_url(url: &str) -> String {
    let Ok(mut u) = url::Url::parse(url) else {
        return "<a URL that does not parse>".into();
    };
    if u.password().is_some() {
        let _ = u.set_password(Some("***"));
    }
    // The query and the fragment (`#access_token=…` of an implicit flow)
    // alike: each value masked by its name.
    let masked = |part: &str| -> String {
        url::form_urlencoded::parse(part.as_bytes())
            .map(|(k, v)| {
                let m = mask_value(&k, &v);
                if m.is_empty() {
                    k.into_owned()
                } else {
                    format!("{k}={m}")
                }
            })
            .collect::<Vec<_>>()
            .join("&")
    };
    let query = u.query().map(masked);
    let fragment = u.fragment().map(masked);
    u.set_query(None);
    u.set_fragment(None);
    let mut out = u.to_string();
    if let Some(q) = query {
        out.push('?');
        out.push_str(&q);
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(&f);
    }
    out
}

/// The names of a form's fields, with harmless values (for traces).
fn form_field_names(body: &[u8]) -> String {
    let fields: Vec<String> = url::form_urlencoded::parse(body)
        .map(|(k, v)| {
            let m = mask_value(&k, &v);
            if m.is_empty() {
                k.into_owned()
            } else {
                format!("{k}={m}")
            }
        })
        .collect();
    format!("form [{}]", fields.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connect_to_parses_like_curl() {
        let c = ConnectTo::parse("xacthuc.dichvucong.gov.vn:443:127.0.0.1:34567").unwrap();
        assert_eq!(
            (c.host.as_str(), c.port, c.address.as_str(), c.to_port),
            ("xacthuc.dichvucong.gov.vn", 443, "127.0.0.1", 34567)
        );
        let c = ConnectTo::parse("sso.example:443:[::1]:8443").unwrap();
        assert_eq!(c.address, "::1");
        assert!(ConnectTo::parse("host:443:127.0.0.1").is_err());
        // A loopback host sent to another machine: refused.
        assert!(ConnectTo::parse("localhost:80:203.0.113.5:80").is_err());
        assert!(ConnectTo::parse("127.0.0.1:8080:10.0.0.1:8080").is_err());
        assert!(ConnectTo::parse("localhost:80:127.0.0.1:8080").is_ok());
        assert!(ConnectTo::parse("host:x:127.0.0.1:1").is_err());
    }

    #[test]
    fn traces_mask_secrets() {
        let u = mask_url(
            "https://sso.example/login.do?sessionDataKey=0f1e2d3c-aaaa-bbbb&client_id=dvc&code=SECRET&state=s1&authFailureMsg=USB_X",
        );
        assert!(u.contains("sessionDataKey=0f1e…"), "{u}");
        assert!(u.contains("client_id=dvc") && u.contains("authFailureMsg=USB_X"));
        assert!(!u.contains("SECRET") && !u.contains("s1"), "{u}");
        // A fragment and a password in the URL too, in their places.
        let u =
            mask_url("https://me:pw123@rp.example/cb?client_id=dvc#access_token=TOKEN&state=s2");
        assert_eq!(
            u,
            "https://me:***@rp.example/cb?client_id=dvc#access_token=***&state=***"
        );
        assert_eq!(mask_url("https://rp.example/a#x"), "https://rp.example/a#x");
        let f =
            form_field_names(b"sessionDataKey=0f1e2d3c-aaaa&password=hunter2&authenticator=sim");
        assert!(
            !f.contains("hunter2") && f.contains("authenticator=sim"),
            "{f}"
        );
    }
}
