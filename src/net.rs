//! HTTP for everything `dvc` fetches: one place that sets timeouts, bounds
//! response bodies and verifies TLS (rustls with the ring provider and the
//! platform's roots, plus an optional extra CA file). Redirects are never
//! followed automatically: callers decide.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// How an HTTP exchange failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetError {
    /// No answer within the timeout.
    Timeout,
    /// The connection could not be made or broke.
    Connect(String),
    /// The body was larger than allowed.
    TooLarge(usize),
    /// Anything else (bad URL, TLS failure, …).
    Other(String),
}

impl std::fmt::Display for NetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NetError::Timeout => f.write_str("no answer in time (timeout)"),
            NetError::Connect(e) => write!(f, "cannot connect: {e}"),
            NetError::TooLarge(n) => write!(f, "the answer is larger than {n} bytes"),
            NetError::Other(e) => f.write_str(e),
        }
    }
}

/// An HTTP answer with its body read (bounded).
#[derive(Debug, Clone)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The final URL.
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
}

/// A shared, pooled HTTP client.
#[derive(Debug, Clone)]
pub struct Http {
    client: reqwest::blocking::Client,
    max_body: usize,
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
    if e.is_connect() {
        NetError::Connect(msg)
    } else {
        NetError::Other(msg)
    }
}

impl Http {
    /// A client with a per-request `timeout`, a body bound and an optional extra CA (PEM).
    pub fn new(timeout: Duration, max_body: usize, ca_file: Option<&Path>) -> Result<Http, String> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut b = reqwest::blocking::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("dvc/", env!("CARGO_PKG_VERSION")))
            .pool_max_idle_per_host(16);
        if let Some(path) = ca_file {
            let pem = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            for cert in reqwest::Certificate::from_pem_bundle(&pem)
                .map_err(|e| format!("{}: not a PEM certificate file: {e}", path.display()))?
            {
                b = b.add_root_certificate(cert);
            }
        }
        let client = b.build().map_err(|e| describe(&e).to_string())?;
        Ok(Http { client, max_body })
    }

    fn finish(&self, resp: reqwest::blocking::Response) -> Result<Response, NetError> {
        let status = resp.status().as_u16();
        let url = resp.url().to_string();
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
                    NetError::Connect(e.to_string())
                }
            })?;
        if body.len() > self.max_body {
            return Err(NetError::TooLarge(self.max_body));
        }
        Ok(Response {
            status,
            url,
            headers,
            body,
        })
    }

    /// GET with extra headers.
    pub fn get(&self, url: &str, headers: &[(&str, String)]) -> Result<Response, NetError> {
        let mut req = self.client.get(url);
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        let resp = req.send().map_err(|e| describe(&e))?;
        self.finish(resp)
    }

    /// POST a body of `content_type`.
    pub fn post(&self, url: &str, content_type: &str, body: Vec<u8>) -> Result<Response, NetError> {
        let resp = self
            .client
            .post(url)
            .header("Content-Type", content_type)
            .body(body)
            .send()
            .map_err(|e| describe(&e))?;
        self.finish(resp)
    }
}
