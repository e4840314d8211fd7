//! HTTP plumbing over tiny_http: what a request carried, what to answer,
//! and small encoding helpers shared by the endpoints.

use std::collections::HashMap;
use std::io::{Read as _, Write as _};

use base64::Engine as _;
use serde_json::{json, Value};

/// Request bodies are read up to this size.
const MAX_BODY: u64 = 4 * 1024 * 1024;

/// An HTTP answer.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    pub(crate) fn json(status: u16, v: Value) -> Reply {
        Reply {
            status,
            headers: vec![
                ("Content-Type".into(), "application/json".into()),
                ("Cache-Control".into(), "no-store".into()),
            ],
            body: serde_json::to_vec(&v).unwrap_or_default(),
        }
    }

    pub(crate) fn redirect(location: &str) -> Reply {
        Reply {
            status: 302,
            headers: vec![("Location".into(), location.to_string())],
            body: Vec::new(),
        }
    }

    pub(crate) fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
        }
    }

    pub(crate) fn html(status: u16, body: &str) -> Reply {
        Reply::bytes(status, "text/html; charset=utf-8", body.as_bytes().to_vec())
    }

    pub(crate) fn oauth_error(status: u16, code: &str, desc: &str) -> Reply {
        Reply::json(status, json!({"error": code, "error_description": desc}))
    }

    pub(crate) fn not_found(req: &Req) -> Reply {
        Reply::json(
            404,
            json!({"error": "not_found", "error_description": format!("no {} {}", req.method, req.path)}),
        )
    }

    pub(crate) fn with_header(mut self, k: &str, v: &str) -> Reply {
        self.headers.push((k.into(), v.into()));
        self
    }

    /// Whether it redirects to a WSO2 `authFailure=true` login page.
    pub(crate) fn is_auth_failure_redirect(&self) -> bool {
        self.status == 302
            && self
                .headers
                .iter()
                .any(|(_, v)| v.contains("authFailure=true"))
    }
}

/// What a request carried.
pub(crate) struct Req {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) query: HashMap<String, String>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Req {
    /// Reads a tiny_http request (the body up to [`MAX_BODY`]).
    pub(crate) fn read(rq: &mut tiny_http::Request) -> Req {
        let url = rq.url().to_string();
        let (path, q) = url.split_once('?').unwrap_or((&url, ""));
        let mut body = Vec::new();
        let _ = rq.as_reader().take(MAX_BODY).read_to_end(&mut body);
        Req {
            method: rq.method().as_str().to_ascii_uppercase(),
            path: path.to_string(),
            query: url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect(),
            headers: rq
                .headers()
                .iter()
                .map(|h| {
                    (
                        h.field.as_str().as_str().to_string(),
                        h.value.as_str().to_string(),
                    )
                })
                .collect(),
            body,
        }
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn form(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(&self.body)
            .into_owned()
            .collect()
    }

    pub(crate) fn cookie(&self, name: &str) -> Option<String> {
        self.header("cookie")?.split(';').find_map(|c| {
            let (k, v) = c.trim().split_once('=')?;
            (k == name).then(|| v.to_string())
        })
    }

    pub(crate) fn bearer(&self) -> Option<String> {
        let h = self.header("authorization")?;
        h.strip_prefix("Bearer ")
            .or_else(|| h.strip_prefix("bearer "))
            .map(|t| t.trim().to_string())
    }
}

/// The first value of a form field.
pub(crate) fn form_get(form: &[(String, String)], k: &str) -> Option<String> {
    form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
}

/// Sends an answer.
pub(crate) fn send(rq: tiny_http::Request, r: Reply) {
    let mut resp = tiny_http::Response::from_data(r.body).with_status_code(r.status);
    for (k, v) in r.headers {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            resp.add_header(h);
        }
    }
    let _ = rq.respond(resp);
}

/// Starts a 200 answer that promises 500 bytes of JSON and sends a few.
/// The connection is not closed (tiny_http keeps it for the next request),
/// so the client waits for the rest until its timeout.
pub(crate) fn send_cut(rq: tiny_http::Request) {
    let mut w = rq.into_writer();
    let _ = w.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"status\":",
    );
    let _ = w.flush();
}

/// Fills `b` from the operating system's generator. Codes, tokens and
/// session ids must never be predictable: if the generator fails, the
/// sandbox stops (exit 70) rather than hand out zeros.
pub(crate) fn random_fill(b: &mut [u8]) {
    if let Err(e) = getrandom::fill(b) {
        eprintln!(
            "dvc-sandbox: the operating system's random generator failed ({e}); \
             stopping rather than issue predictable codes"
        );
        std::process::exit(70);
    }
}

/// `n` random bytes, base64url without padding.
pub(crate) fn rand_b64(n: usize) -> String {
    let mut b = vec![0u8; n];
    random_fill(&mut b);
    b64url(&b)
}

/// base64url without padding.
pub(crate) fn b64url(d: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(d)
}

/// Standard base64, padded.
pub(crate) fn b64(d: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(d)
}

/// Percent-encodes a query value.
pub(crate) fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
