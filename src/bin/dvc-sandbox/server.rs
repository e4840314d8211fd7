//! The sandbox's HTTP server: the server side of portal-login.md, strict.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::state::{Account, State};

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
    /// How failures of /commonauth are sent: `mixed`, `json` or `redirect`.
    pub failure_form: String,
}

/// A fault switched on for an endpoint.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
pub struct Fault {
    /// `discovery`, `jwks`, `authorize`, `commonauth`, `token`, `userinfo`, `revoke`, `api`, `ocsp`, or `*`.
    pub endpoint: String,
    /// `delay` (ms), `status` (code), `html` (a 502 page), `truncated` (cut JSON), `close`
    /// (drop the connection), `slow_down` (raise the polling interval to `value` s),
    /// `id_token_nonce`, `id_token_audience`, `id_token_signature` (a bad id_token).
    pub kind: String,
    /// The number the kind needs.
    #[serde(default)]
    pub value: u64,
}

impl Fault {
    /// Parses `endpoint:kind[:value]` (the `--fault` form).
    pub fn parse(s: &str) -> Result<Fault, String> {
        let mut it = s.split(':');
        let endpoint = it
            .next()
            .filter(|e| !e.is_empty())
            .ok_or("endpoint:kind[:value]")?
            .to_string();
        let kind = it.next().ok_or("endpoint:kind[:value]")?.to_string();
        let value = it
            .next()
            .map(|v| v.parse().map_err(|_| format!("{v} is not a number")))
            .transpose()?
            .unwrap_or(0);
        Ok(Fault {
            endpoint,
            kind,
            value,
        })
    }
}

struct Pending {
    client_id: String,
    redirect_uri: String,
    state: String,
    nonce: String,
    challenge: String,
    scope: String,
    cookie: String,
    created: Instant,
    code: Option<String>,
}

#[derive(Clone)]
struct Tx {
    id: String,
    authenticator: String,
    login_hint: String,
    code: String,
    account: String,
    session_key: String,
    created: Instant,
    expires: Instant,
    status: String,
    interval: u64,
    /// For the SmartCA service API: the hash to sign.
    sp_hash: Option<Vec<u8>>,
}

struct Code {
    account: String,
    client_id: String,
    redirect_uri: String,
    challenge: String,
    nonce: String,
    scope: String,
    method: String,
    created: Instant,
    used: bool,
    family: Option<String>,
}

struct Refresh {
    family: String,
    account: String,
    client_id: String,
    nonce: String,
    scope: String,
    method: String,
    expires: Instant,
    dead: bool,
}

struct Access {
    account: String,
    method: String,
    expires: Instant,
    family: String,
}

#[derive(Default)]
struct Stats {
    grants: HashMap<String, u64>,
    refresh_reuse: u64,
    commonauth: HashMap<String, HashMap<String, u64>>,
}

struct Runtime {
    pending: HashMap<String, Pending>,
    txs: Vec<Tx>,
    codes: HashMap<String, Code>,
    refresh: HashMap<String, Refresh>,
    access: HashMap<String, Access>,
    revoked_families: Vec<String>,
    stats: Stats,
    faults: Vec<Fault>,
}

/// The running sandbox.
pub struct Sandbox {
    /// Lasting state.
    pub state: Mutex<State>,
    data: std::path::PathBuf,
    opts: Options,
    rt: Mutex<Runtime>,
    issuer: String,
}

fn rand_b64(n: usize) -> String {
    let mut b = vec![0u8; n];
    let _ = getrandom::fill(&mut b);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

fn b64url(d: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(d)
}

/// An HTTP answer.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn json(status: u16, v: Value) -> Reply {
        Reply {
            status,
            headers: vec![
                ("Content-Type".into(), "application/json".into()),
                ("Cache-Control".into(), "no-store".into()),
            ],
            body: serde_json::to_vec(&v).unwrap_or_default(),
        }
    }
    fn redirect(location: &str) -> Reply {
        Reply {
            status: 302,
            headers: vec![("Location".into(), location.to_string())],
            body: Vec::new(),
        }
    }
    fn bytes(status: u16, ct: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), ct.into())],
            body,
        }
    }
    fn html(status: u16, body: &str) -> Reply {
        Reply::bytes(status, "text/html; charset=utf-8", body.as_bytes().to_vec())
    }
    fn oauth_error(status: u16, code: &str, desc: &str) -> Reply {
        Reply::json(status, json!({"error": code, "error_description": desc}))
    }
    fn with_header(mut self, k: &str, v: &str) -> Reply {
        self.headers.push((k.into(), v.into()));
        self
    }
}

/// What a request carried.
struct Req {
    method: String,
    path: String,
    query: HashMap<String, String>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Req {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn form(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(&self.body)
            .into_owned()
            .collect()
    }
    fn cookie(&self, name: &str) -> Option<String> {
        self.header("cookie")?.split(';').find_map(|c| {
            let (k, v) = c.trim().split_once('=')?;
            (k == name).then(|| v.to_string())
        })
    }
    fn bearer(&self) -> Option<String> {
        let h = self.header("authorization")?;
        h.strip_prefix("Bearer ")
            .or_else(|| h.strip_prefix("bearer "))
            .map(|t| t.trim().to_string())
    }
}

fn form_get(form: &[(String, String)], k: &str) -> Option<String> {
    form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
}

/// The endpoint name of a path, for faults.
fn endpoint_of(path: &str) -> &'static str {
    match path {
        "/.well-known/openid-configuration"
        | "/oauth2/oidcdiscovery/.well-known/openid-configuration" => "discovery",
        "/oauth2/jwks" => "jwks",
        "/oauth2/authorize" => "authorize",
        "/authenticationendpoint/login.do" => "login",
        "/commonauth" => "commonauth",
        "/oauth2/token" => "token",
        "/oauth2/userinfo" => "userinfo",
        "/oauth2/revoke" => "revoke",
        p if p.starts_with("/api/") => "api",
        p if p.starts_with("/ocsp") => "ocsp",
        _ => "other",
    }
}

const LOGIN_PAGE: &str = r##"<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Đăng nhập - Cổng Dịch vụ công Quốc gia (Sandbox)</title>
<style>body{font-family:sans-serif;max-width:40em;margin:3em auto}nav a{margin-right:1em}</style></head><body>
<h1>Cổng Dịch vụ công Quốc gia <small>(sandbox)</small></h1>
<p>Đăng nhập bằng / Log in with:</p>
<nav><a href="#usb">USB ký số</a><a href="#sim">SIM ký số</a><a href="#smartca">VNPT SmartCA</a></nav>
<section id="usb"><h2>USB ký số</h2><p>Cắm USB token và ký mã phiên bằng chứng thư số của bạn.</p></section>
<section id="sim"><h2>SIM ký số</h2><form method="post" action="/commonauth"><input type="hidden" name="sessionDataKey" value="{KEY}"><input type="hidden" name="authenticator" value="sim"><input name="phoneNumber" placeholder="0912345678"><button>Tiếp tục</button></form></section>
<section id="smartca"><h2>VNPT SmartCA</h2><form method="post" action="/commonauth"><input type="hidden" name="sessionDataKey" value="{KEY}"><input type="hidden" name="authenticator" value="smartca"><input name="userId" placeholder="CCCD / MST"><input name="password" type="password"><button>Tiếp tục</button></form></section>
<p><small>This is dvc's local sandbox; dvc itself ignores this page.</small></p></body></html>"##;

impl Sandbox {
    /// A sandbox over a loaded state.
    pub fn new(
        state: State,
        data: std::path::PathBuf,
        opts: Options,
        faults: Vec<Fault>,
        issuer: String,
    ) -> Sandbox {
        Sandbox {
            state: Mutex::new(state),
            data,
            opts,
            issuer,
            rt: Mutex::new(Runtime {
                pending: HashMap::new(),
                txs: Vec::new(),
                codes: HashMap::new(),
                refresh: HashMap::new(),
                access: HashMap::new(),
                revoked_families: Vec::new(),
                stats: Stats::default(),
                faults,
            }),
        }
    }

    fn rt(&self) -> std::sync::MutexGuard<'_, Runtime> {
        self.rt.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn st(&self) -> std::sync::MutexGuard<'_, State> {
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

    /// Serves requests until the process is stopped.
    pub fn serve(self: Arc<Self>, server: tiny_http::Server) {
        for rq in server.incoming_requests() {
            let me = self.clone();
            std::thread::spawn(move || me.handle(rq));
        }
    }

    fn handle(&self, mut rq: tiny_http::Request) {
        let url = rq.url().to_string();
        let (path, q) = url.split_once('?').unwrap_or((&url, ""));
        let mut body = Vec::new();
        let _ = rq.as_reader().take(4 * 1024 * 1024).read_to_end(&mut body);
        let req = Req {
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
        };
        let endpoint = endpoint_of(&req.path);
        let faults: Vec<Fault> = self
            .rt()
            .faults
            .iter()
            .filter(|f| f.endpoint == endpoint || f.endpoint == "*")
            .cloned()
            .collect();
        for f in &faults {
            match f.kind.as_str() {
                "delay" => std::thread::sleep(Duration::from_millis(f.value)),
                "status" => return send(rq, Reply::json(f.value as u16, json!({"error": "server_error", "error_description": "fault injected"}))),
                "html" => return send(rq, Reply::html(502, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>")),
                "truncated" => return send(rq, Reply::bytes(200, "application/json", br#"{"access_token": "abc", "token_ty"#.to_vec())),
                "close" => {
                    let mut w = rq.into_writer();
                    let _ = w.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"status\":");
                    let _ = w.flush();
                    return;
                }
                _ => {}
            }
        }
        let reply = self.route(&req);
        send(rq, reply);
    }

    fn fault(&self, kind: &str) -> Option<u64> {
        self.rt()
            .faults
            .iter()
            .find(|f| f.kind == kind)
            .map(|f| f.value)
    }

    fn route(&self, req: &Req) -> Reply {
        let m = req.method.as_str();
        match (m, req.path.as_str()) {
            ("GET", "/.well-known/openid-configuration")
            | ("GET", "/oauth2/oidcdiscovery/.well-known/openid-configuration") => self.discovery(),
            ("GET", "/oauth2/jwks") => self.jwks(),
            ("GET", "/oauth2/authorize") => self.authorize(req),
            ("GET", "/authenticationendpoint/login.do") => {
                let key = req.query.get("sessionDataKey").cloned().unwrap_or_default();
                let safe: String = key
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                Reply::html(200, &LOGIN_PAGE.replace("{KEY}", &safe))
            }
            ("POST", "/commonauth") => self.commonauth(req),
            ("POST", "/oauth2/token") => self.token(req),
            ("GET", "/oauth2/userinfo") | ("POST", "/oauth2/userinfo") => self.userinfo(req),
            ("POST", "/oauth2/revoke") => self.revoke(req),
            ("GET", "/api/me") => self.api_me(req),
            ("POST", "/ocsp") => self.ocsp(&req.body),
            ("GET", p) if p.starts_with("/ocsp/") => {
                let enc = &p[6..];
                let b64: String = url::form_urlencoded::parse(format!("x={enc}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default();
                let der = base64::engine::general_purpose::STANDARD
                    .decode(b64)
                    .unwrap_or_default();
                self.ocsp(&der)
            }
            ("GET", "/pki/ca.cer") => {
                Reply::bytes(200, "application/pkix-cert", self.st().ca_der())
            }
            ("GET", "/pki/root.cer") => {
                Reply::bytes(200, "application/pkix-cert", self.st().root_der())
            }
            ("GET", "/pki/ca.crl") => match self.st().crl() {
                Ok(c) => Reply::bytes(200, "application/pkix-crl", c),
                Err(e) => Reply::json(500, json!({"error": e})),
            },
            ("GET", "/pki/root.crl") => match self.st().root_crl() {
                Ok(c) => Reply::bytes(200, "application/pkix-crl", c),
                Err(e) => Reply::json(500, json!({"error": e})),
            },
            ("GET", "/sandbox/transactions") => self.list_txs(),
            ("POST", p) if p.starts_with("/sandbox/transactions/") => {
                let rest = &p["/sandbox/transactions/".len()..];
                match rest.rsplit_once('/') {
                    Some((id, "approve")) => self.decide(id, "approved"),
                    Some((id, "reject")) => self.decide(id, "rejected"),
                    _ => Reply::json(404, json!({"error": "not_found"})),
                }
            }
            ("GET", "/sandbox/stats") => self.stats(),
            ("GET", "/sandbox/faults") => Reply::json(200, json!(self.rt().faults.clone())),
            ("POST", "/sandbox/faults") => self.set_faults(&req.body),
            ("GET", "/sandbox/accounts") => Reply::json(200, accounts_json(&self.st())),
            ("POST", "/sandbox/revoke") => {
                let v: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
                let serial = v["serial"].as_str().unwrap_or("");
                let mut st = self.st();
                let ok = st.revoke(serial, v["reason"].as_str().unwrap_or("keyCompromise"));
                let _ = st.save(&self.data);
                Reply::json(if ok { 200 } else { 404 }, json!({"revoked": ok}))
            }
            ("POST", p) if p.starts_with("/sca/sp769/v1/") => {
                self.smartca_api(&p["/sca/sp769".len()..], &req.body)
            }
            _ => Reply::json(
                404,
                json!({"error": "not_found", "error_description": format!("no {} {}", req.method, req.path)}),
            ),
        }
    }

    fn discovery(&self) -> Reply {
        let i = &self.issuer;
        Reply::json(
            200,
            json!({
                "issuer": i,
                "authorization_endpoint": format!("{i}/oauth2/authorize"),
                "token_endpoint": format!("{i}/oauth2/token"),
                "jwks_uri": format!("{i}/oauth2/jwks"),
                "userinfo_endpoint": format!("{i}/oauth2/userinfo"),
                "revocation_endpoint": format!("{i}/oauth2/revoke"),
                "end_session_endpoint": format!("{i}/oidc/logout"),
                "dvc_authentication_endpoint": format!("{i}/commonauth"),
                "dvc_authenticators_supported": ["usb", "sim", "smartca"],
                "response_types_supported": ["code"],
                "grant_types_supported": ["authorization_code", "refresh_token"],
                "code_challenge_methods_supported": ["S256"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "subject_types_supported": ["public"],
                "scopes_supported": ["openid", "offline_access", "profile"],
                "token_endpoint_auth_methods_supported": ["none", "client_secret_basic"],
                "acr_values_supported": ["LoA1"],
                "claims_supported": ["sub", "LoaiTaiKhoan", "HoVaTen", "SoDinhDanh", "MaSoThue", "TenDoanhNghiep", "ThuDienTu", "SoDienThoai"],
                "x_sandbox": "dvc-sandbox",
            }),
        )
    }

    fn jwt_key(&self) -> Option<ring::signature::RsaKeyPair> {
        ring::signature::RsaKeyPair::from_pkcs8(&self.st().jwt_key_der()).ok()
    }

    fn jwks(&self) -> Reply {
        let kid = self.st().jwt_kid.clone();
        let Some(k) = self.jwt_key() else {
            return Reply::json(500, json!({"error": "no key"}));
        };
        let parts: ring::rsa::PublicKeyComponents<Vec<u8>> = k.public().into();
        let strip = |v: &[u8]| {
            v.iter()
                .skip_while(|b| **b == 0)
                .copied()
                .collect::<Vec<u8>>()
        };
        let (n, e) = (strip(&parts.n), strip(&parts.e));
        Reply::json(
            200,
            json!({"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid, "n": b64url(&n), "e": b64url(&e)}]}),
        )
    }

    fn id_token(&self, account: &Account, client_id: &str, nonce: &str) -> String {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let kid = self.st().jwt_kid.clone();
        let aud = if self.fault("id_token_audience").is_some() {
            "someone-else".to_string()
        } else {
            client_id.to_string()
        };
        let nonce = if self.fault("id_token_nonce").is_some() {
            "not-your-nonce".to_string()
        } else {
            nonce.to_string()
        };
        let mut claims = account.claims();
        if let Some(o) = claims.as_object_mut() {
            o.insert("iss".into(), self.issuer.clone().into());
            o.insert("aud".into(), json!([aud]));
            o.insert("azp".into(), client_id.into());
            o.insert("iat".into(), now.into());
            o.insert("exp".into(), (now + 3600).into());
            o.insert("auth_time".into(), now.into());
            o.insert("nonce".into(), nonce.into());
            o.insert("acr".into(), "LoA1".into());
        }
        let header = b64url(
            json!({"alg": "RS256", "typ": "JWT", "kid": kid})
                .to_string()
                .as_bytes(),
        );
        let payload = b64url(claims.to_string().as_bytes());
        let signing_input = format!("{header}.{payload}");
        let mut sig = Vec::new();
        if let Some(k) = self.jwt_key() {
            sig = vec![0u8; k.public().modulus_len()];
            let rng = ring::rand::SystemRandom::new();
            let _ = k.sign(
                &ring::signature::RSA_PKCS1_SHA256,
                &rng,
                signing_input.as_bytes(),
                &mut sig,
            );
        }
        if self.fault("id_token_signature").is_some() {
            if let Some(b) = sig.get_mut(10) {
                *b ^= 0xff;
            }
        }
        format!("{signing_input}.{}", b64url(&sig))
    }

    fn authorize(&self, req: &Req) -> Reply {
        let q = &req.query;
        // The hop back after a successful authentication (WSO2 style).
        if let Some(key) = q.get("sessionDataKey") {
            let mut rt = self.rt();
            let Some(p) = rt.pending.get(key) else {
                return Reply::html(400, "<h1>Unknown or used login</h1>");
            };
            if req.cookie("commonAuthId").as_deref() != Some(p.cookie.as_str()) {
                return Reply::html(400, "<h1>The login cookie is missing</h1>");
            }
            let Some(code) = p.code.clone() else {
                return Reply::html(400, "<h1>Not authenticated yet</h1>");
            };
            let target = format!(
                "{}?code={}&state={}&iss={}&session_state={}",
                p.redirect_uri,
                enc(&code),
                enc(&p.state),
                enc(&self.issuer),
                rand_b64(12)
            );
            rt.pending.remove(key);
            return Reply::redirect(&target);
        }
        let client_id = q.get("client_id").cloned().unwrap_or_default();
        let redirect_uri = q.get("redirect_uri").cloned().unwrap_or_default();
        let Some(client) = self
            .st()
            .clients()
            .into_iter()
            .find(|c| c.client_id == client_id)
        else {
            return Reply::html(400, "<h1>Unknown client_id</h1>");
        };
        if !client.redirect_uris.contains(&redirect_uri) {
            return Reply::html(
                400,
                "<h1>redirect_uri is not registered for this client</h1>",
            );
        }
        let fail = |code: &str, desc: &str| {
            Reply::redirect(&format!(
                "{redirect_uri}?error={code}&error_description={}&state={}",
                enc(desc),
                enc(q.get("state").map(String::as_str).unwrap_or(""))
            ))
        };
        if q.get("response_type").map(String::as_str) != Some("code") {
            return fail("unsupported_response_type", "response_type must be code");
        }
        if !q
            .get("scope")
            .is_some_and(|s| s.split(' ').any(|x| x == "openid"))
        {
            return fail("invalid_scope", "scope must include openid");
        }
        let state = q.get("state").cloned().unwrap_or_default();
        let nonce = q.get("nonce").cloned().unwrap_or_default();
        if state.len() < 16 || nonce.len() < 16 {
            return fail(
                "invalid_request",
                "state and nonce must carry at least 128 random bits",
            );
        }
        let challenge = q.get("code_challenge").cloned().unwrap_or_default();
        if q.get("code_challenge_method").map(String::as_str) != Some("S256")
            || !(43..=128).contains(&challenge.len())
        {
            return fail(
                "invalid_request",
                "PKCE with code_challenge_method=S256 is required",
            );
        }
        let key = rand_b64(32);
        let cookie = rand_b64(18);
        self.rt().pending.insert(
            key.clone(),
            Pending {
                client_id,
                redirect_uri,
                state,
                nonce,
                challenge,
                scope: q.get("scope").cloned().unwrap_or_default(),
                cookie: cookie.clone(),
                created: Instant::now(),
                code: None,
            },
        );
        Reply::redirect(&format!("/authenticationendpoint/login.do?client_id={}&sessionDataKey={key}&authenticators=usb%3Bsim%3Bsmartca", enc(q.get("client_id").map(String::as_str).unwrap_or(""))))
            .with_header("Set-Cookie", &format!("commonAuthId={cookie}; Path=/; HttpOnly; SameSite=Lax"))
    }

    /// A failure of /commonauth, in the JSON or the WSO2 redirect form.
    fn auth_failure(&self, key: &str, code: &str, desc: &str, prefer_redirect: bool) -> Reply {
        let redirect = match self.opts.failure_form.as_str() {
            "json" => false,
            "redirect" => true,
            _ => prefer_redirect,
        };
        if redirect {
            Reply::redirect(&format!(
                "/authenticationendpoint/login.do?sessionDataKey={}&authFailure=true&authFailureMsg={code}&errorDescription={}",
                enc(key),
                enc(desc)
            ))
        } else {
            let status = if code == "SERVER_ERROR" { 500 } else { 401 };
            Reply::json(status, json!({"error": code, "error_description": desc}))
        }
    }

    fn count(&self, authenticator: &str, outcome: &str) {
        let mut rt = self.rt();
        *rt.stats
            .commonauth
            .entry(authenticator.into())
            .or_default()
            .entry(outcome.into())
            .or_default() += 1;
    }

    fn commonauth(&self, req: &Req) -> Reply {
        let form = req.form();
        let key = form_get(&form, "sessionDataKey").unwrap_or_default();
        let authenticator = form_get(&form, "authenticator").unwrap_or_default();
        let reply = self.commonauth_inner(req, &form, &key, &authenticator);
        let outcome = match reply.status {
            302 if reply
                .headers
                .iter()
                .any(|(_, v)| v.contains("authFailure=true")) =>
            {
                "failure"
            }
            302 => "success",
            200 => "pending",
            _ => "failure",
        };
        self.count(
            if authenticator.is_empty() {
                "none"
            } else {
                &authenticator
            },
            outcome,
        );
        reply
    }

    fn commonauth_inner(
        &self,
        req: &Req,
        form: &[(String, String)],
        key: &str,
        authenticator: &str,
    ) -> Reply {
        {
            let rt = self.rt();
            let valid = rt
                .pending
                .get(key)
                .filter(|p| p.code.is_none() && p.created.elapsed() < Duration::from_secs(600));
            let Some(p) = valid else {
                return self.auth_failure(
                    key,
                    "SESSION_EXPIRED",
                    "the sessionDataKey is unknown, used or expired",
                    false,
                );
            };
            if req.cookie("commonAuthId").as_deref() != Some(p.cookie.as_str()) {
                return self.auth_failure(
                    key,
                    "SESSION_EXPIRED",
                    "the login cookie was not sent back",
                    false,
                );
            }
        }
        match authenticator {
            "usb" => self.usb(form, key),
            "sim" | "smartca" => {
                if let Some(tx) = form_get(form, "transactionId") {
                    return self.poll(key, authenticator, &tx);
                }
                if authenticator == "sim" {
                    self.sim_start(form, key)
                } else {
                    self.smartca_start(form, key)
                }
            }
            _ => self.auth_failure(
                key,
                "UNSUPPORTED_AUTHENTICATOR",
                "use usb, sim or smartca",
                false,
            ),
        }
    }

    fn finish_login(&self, key: &str, account: &Account, method: &str) -> Reply {
        let code = rand_b64(24);
        let mut rt = self.rt();
        let Some(p) = rt.pending.get_mut(key) else {
            return Reply::json(401, json!({"error": "SESSION_EXPIRED"}));
        };
        p.code = Some(code.clone());
        let c = Code {
            account: account.id.clone(),
            client_id: p.client_id.clone(),
            redirect_uri: p.redirect_uri.clone(),
            challenge: p.challenge.clone(),
            nonce: p.nonce.clone(),
            scope: p.scope.clone(),
            method: method.into(),
            created: Instant::now(),
            used: false,
            family: None,
        };
        rt.codes.insert(code, c);
        Reply::redirect(&format!("/oauth2/authorize?sessionDataKey={}", enc(key)))
    }

    fn usb(&self, form: &[(String, String)], key: &str) -> Reply {
        let b64d = |s: &str| base64::engine::general_purpose::STANDARD.decode(s.trim());
        let Some(Ok(cert)) = form_get(form, "certificate").map(|c| b64d(&c)) else {
            return self.auth_failure(
                key,
                "USB_CERTIFICATE_VERIFICATION_FAILED",
                "no certificate (base64 DER) was sent",
                true,
            );
        };
        let chain: Vec<Vec<u8>> = form
            .iter()
            .filter(|(k, _)| k == "chain")
            .filter_map(|(_, v)| b64d(v).ok())
            .collect();
        let Ok(info) = dvc::cert::decode_der(&cert) else {
            return self.auth_failure(
                key,
                "USB_CERTIFICATE_VERIFICATION_FAILED",
                "the certificate cannot be decoded",
                true,
            );
        };
        if form_get(form, "dataBeforeSign").as_deref() != Some(key) {
            return self.auth_failure(
                key,
                "SIGNATURE_INVALID",
                "dataBeforeSign must be exactly the sessionDataKey",
                false,
            );
        }
        let serial = form_get(form, "serial").unwrap_or_default();
        if serial.trim_start_matches('0').to_ascii_uppercase()
            != info.serial.trim_start_matches('0')
        {
            return self.auth_failure(
                key,
                "USB_CERTIFICATE_VERIFICATION_FAILED",
                "serial does not match the certificate",
                true,
            );
        }
        let now = OffsetDateTime::now_utc();
        let (store, intermediates) = {
            let st = self.st();
            (
                dvc::cert::chain::TrustStore::new(vec![st.root_der()], vec![st.ca_der()]),
                chain,
            )
        };
        // Chain at the certificate's own start, so an expired one says CERT_EXPIRED, not a chain failure.
        let at = if now > info.not_after {
            info.not_after
        } else {
            now
        };
        let outcome = dvc::cert::chain::build(
            &cert,
            &intermediates,
            &store,
            at,
            &dvc::cert::chain::offline,
        );
        if outcome.status != dvc::cert::chain::ChainStatus::Valid {
            return self.auth_failure(
                key,
                "USB_CERTIFICATE_VERIFICATION_FAILED",
                &outcome.error.map(|e| e.to_string()).unwrap_or_default(),
                true,
            );
        }
        if now > info.not_after || now < info.not_before {
            return self.auth_failure(
                key,
                "CERT_EXPIRED",
                "the certificate is not valid now",
                true,
            );
        }
        // Revocation, as the OCSP responder answers it.
        let raw_serial = x509_parser::parse_x509_certificate(&cert)
            .map(|(_, c)| c.raw_serial().to_vec())
            .unwrap_or_default();
        if self.st().revocation(&raw_serial).is_some() {
            return self.auth_failure(
                key,
                "CERT_REVOKED",
                "the certificate is revoked (OCSP)",
                true,
            );
        }
        let alg = match form_get(form, "signatureAlgorithm").as_deref() {
            Some("RSASSA-PSS-SHA256") => dvc::pkcs11::Algorithm::RsaPssSha256,
            Some("RSASSA-PKCS1-v1_5-SHA256") => dvc::pkcs11::Algorithm::RsaPkcs1Sha256,
            Some("ECDSA-SHA256") => dvc::pkcs11::Algorithm::EcdsaSha256,
            None if info.key_type == "RSA" => dvc::pkcs11::Algorithm::RsaPssSha256,
            None => dvc::pkcs11::Algorithm::EcdsaSha256,
            Some(other) => {
                return self.auth_failure(
                    key,
                    "SIGNATURE_INVALID",
                    &format!("unknown signatureAlgorithm {other}"),
                    false,
                )
            }
        };
        let Some(Ok(sig)) = form_get(form, "signedData").map(|s| b64d(&s)) else {
            return self.auth_failure(
                key,
                "SIGNATURE_INVALID",
                "signedData is missing or not base64",
                false,
            );
        };
        if dvc::pkcs11::token::verify(&cert, alg, key.as_bytes(), &sig).is_err() {
            return self.auth_failure(
                key,
                "SIGNATURE_INVALID",
                "the signature does not verify over the sessionDataKey",
                false,
            );
        }
        let account = {
            let st = self.st();
            st.accounts
                .accounts
                .iter()
                .find(|a| {
                    a.usb
                        && (a.cert_serial == info.serial
                            || (info.tax_code.is_some() && a.tax_code == info.tax_code)
                            || (info.id_number.is_some() && a.id_number == info.id_number))
                })
                .cloned()
        };
        let Some(account) = account else {
            return self.auth_failure(
                key,
                "USB_USER_NOT_FOUND_BY_SERIAL",
                "no account is bound to this certificate",
                true,
            );
        };
        self.finish_login(key, &account, "usb")
    }

    fn new_tx(
        &self,
        key: &str,
        authenticator: &str,
        hint: &str,
        account: &Account,
        sp_hash: Option<Vec<u8>>,
    ) -> Tx {
        let mut n = [0u8; 2];
        let _ = getrandom::fill(&mut n);
        let tx = Tx {
            id: format!("tx-{}", rand_b64(9)),
            authenticator: authenticator.into(),
            login_hint: hint.into(),
            code: format!("{:04}", u16::from_be_bytes(n) % 10000),
            account: account.id.clone(),
            session_key: key.into(),
            created: Instant::now(),
            expires: Instant::now() + Duration::from_secs(self.opts.transaction_ttl),
            status: "pending".into(),
            interval: 2,
            sp_hash,
        };
        self.rt().txs.push(tx.clone());
        tx
    }

    fn pending_reply(&self, tx: &Tx, with_code: bool) -> Reply {
        let mut v = json!({
            "status": "pending",
            "transactionId": tx.id,
            "expiresIn": tx.expires.saturating_duration_since(Instant::now()).as_secs(),
            "interval": self.fault("slow_down").unwrap_or(tx.interval).max(1),
        });
        if with_code {
            v["verificationCode"] = tx.code.clone().into();
        }
        Reply::json(200, v)
    }

    fn sim_start(&self, form: &[(String, String)], key: &str) -> Reply {
        let phone: String = form_get(form, "phoneNumber")
            .unwrap_or_default()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let account = self.account_where(|a| a.sim_phone.as_deref() == Some(phone.as_str()));
        let Some(account) = account else {
            return self.auth_failure(
                key,
                "PKI_NOT_FOUND_USER_WITH_PHONE",
                "no signature SIM is registered for this number (send 84…)",
                true,
            );
        };
        if account.cert_state == "expired" {
            return self.auth_failure(
                key,
                "PKI_EXPIRED_CERT",
                "the SIM certificate has expired",
                true,
            );
        }
        let tx = self.new_tx(key, "sim", &phone, &account, None);
        self.pending_reply(&tx, true)
    }

    fn smartca_start(&self, form: &[(String, String)], key: &str) -> Reply {
        let user = form_get(form, "userId").unwrap_or_default();
        let password = form_get(form, "password").unwrap_or_default();
        let account = self.account_where(|a| a.smartca_user_id.as_deref() == Some(user.as_str()));
        let Some(account) = account else {
            return self.auth_failure(
                key,
                "SMARTCA_USER_NOT_FOUND",
                "no VNPT SmartCA account with this user id",
                false,
            );
        };
        if account.smartca_password.as_deref() != Some(password.as_str()) {
            return self.auth_failure(key, "SMARTCA_AUTH_FAILED", "wrong SmartCA password", false);
        }
        let tx = self.new_tx(key, "smartca", &user, &account, None);
        self.pending_reply(&tx, true)
    }

    /// The state of a transaction now (auto-approval and expiry applied).
    fn tx_status(&self, id: &str) -> Option<Tx> {
        let mut rt = self.rt();
        let tx = rt.txs.iter_mut().find(|t| t.id == id)?;
        if tx.status == "pending" {
            if Instant::now() >= tx.expires {
                tx.status = "expired".into();
            } else if let Some(n) = self.opts.auto_approve {
                if tx.created.elapsed() >= Duration::from_secs(n) {
                    tx.status = "approved".into();
                }
            }
        }
        Some(tx.clone())
    }

    /// The user's signature, made as the mobile signature service / SmartCA
    /// would make it, and verified before it is believed.
    fn user_signs(&self, account: &Account, data: &[u8]) -> Result<Vec<u8>, String> {
        let key =
            dvc::cert::ocsp::SigningKey::from_pkcs8(&account.key()).map_err(|e| e.to_string())?;
        let sig = key.sign(data).map_err(|e| e.to_string())?;
        let cert = account.cert();
        let info = dvc::cert::decode_der(&cert).map_err(|e| e.to_string())?;
        let alg = if info.key_type == "RSA" {
            dvc::pkcs11::Algorithm::RsaPkcs1Sha256
        } else {
            dvc::pkcs11::Algorithm::EcdsaSha256
        };
        dvc::pkcs11::token::verify(&cert, alg, data, &sig).map_err(|e| e.to_string())?;
        Ok(sig)
    }

    fn poll(&self, key: &str, authenticator: &str, id: &str) -> Reply {
        let Some(tx) = self
            .tx_status(id)
            .filter(|t| t.session_key == key && t.authenticator == authenticator)
        else {
            return self.auth_failure(key, "TRANSACTION_EXPIRED", "unknown transactionId", false);
        };
        match tx.status.as_str() {
            "pending" => self.pending_reply(&tx, false),
            "rejected" => {
                self.auth_failure(key, "USER_REJECTED", "the user declined the request", true)
            }
            "expired" => self.auth_failure(
                key,
                "TRANSACTION_EXPIRED",
                "the user did not confirm in time",
                true,
            ),
            _ => {
                let account = self.account_where(|a| a.id == tx.account);
                let Some(account) = account else {
                    return self.auth_failure(
                        key,
                        "SERVER_ERROR",
                        "the account disappeared",
                        false,
                    );
                };
                if let Err(e) = self.user_signs(&account, key.as_bytes()) {
                    return self.auth_failure(
                        key,
                        "SERVER_ERROR",
                        &format!("the user's signature did not verify: {e}"),
                        false,
                    );
                }
                self.finish_login(key, &account, authenticator)
            }
        }
    }

    fn list_txs(&self) -> Reply {
        let ids: Vec<String> = self.rt().txs.iter().map(|t| t.id.clone()).collect();
        let list: Vec<Value> = ids
            .iter()
            .filter_map(|id| self.tx_status(id))
            .map(|t| json!({"id": t.id, "authenticator": t.authenticator, "login_hint": t.login_hint, "verification_code": t.code, "status": t.status, "account": t.account}))
            .collect();
        Reply::json(200, json!({"transactions": list}))
    }

    fn decide(&self, id: &str, status: &str) -> Reply {
        let current = self.tx_status(id);
        let mut rt = self.rt();
        match (current, rt.txs.iter_mut().find(|t| t.id == id)) {
            (Some(c), Some(t)) if c.status == "pending" => {
                t.status = status.into();
                Reply::json(200, json!({"id": id, "status": status}))
            }
            (Some(c), Some(_)) => {
                Reply::json(409, json!({"error": "not_pending", "status": c.status}))
            }
            _ => Reply::json(404, json!({"error": "unknown_transaction"})),
        }
    }

    fn stats(&self) -> Reply {
        let rt = self.rt();
        Reply::json(
            200,
            json!({"grants": rt.stats.grants, "refresh_reuse_rejected": rt.stats.refresh_reuse, "commonauth": rt.stats.commonauth}),
        )
    }

    fn set_faults(&self, body: &[u8]) -> Reply {
        let v: Value = match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => return Reply::json(400, json!({"error": format!("not JSON: {e}")})),
        };
        let mut rt = self.rt();
        if v.get("clear").and_then(Value::as_bool) == Some(true) {
            rt.faults.clear();
        }
        let list = if v.is_array() {
            v.as_array().cloned().unwrap_or_default()
        } else if v.get("kind").is_some() {
            vec![v.clone()]
        } else {
            Vec::new()
        };
        for f in list {
            match serde_json::from_value::<Fault>(f) {
                Ok(f) => rt.faults.push(f),
                Err(e) => return Reply::json(400, json!({"error": e.to_string()})),
            }
        }
        Reply::json(200, json!(rt.faults.clone()))
    }

    fn client_ok(&self, req: &Req, client_id: &str) -> bool {
        let Some(client) = self
            .st()
            .clients()
            .into_iter()
            .find(|c| c.client_id == client_id)
        else {
            return false;
        };
        match &client.client_secret {
            None => true,
            Some(secret) => req
                .header("authorization")
                .and_then(|h| h.strip_prefix("Basic "))
                .and_then(|b| {
                    base64::engine::general_purpose::STANDARD
                        .decode(b.trim())
                        .ok()
                })
                .map(|d| String::from_utf8_lossy(&d).into_owned())
                .is_some_and(|d| d == format!("{client_id}:{secret}")),
        }
    }

    fn issue(
        &self,
        account: &str,
        client_id: &str,
        nonce: &str,
        scope: &str,
        method: &str,
        family: Option<String>,
    ) -> Value {
        let access = rand_b64(32);
        let refresh = rand_b64(32);
        let family = family.unwrap_or_else(|| rand_b64(8));
        let now = Instant::now();
        let acc = self.account_where(|a| a.id == account);
        {
            let mut rt = self.rt();
            rt.access.insert(
                access.clone(),
                Access {
                    account: account.into(),
                    method: method.into(),
                    expires: now + Duration::from_secs(self.opts.access_ttl),
                    family: family.clone(),
                },
            );
            rt.refresh.insert(
                refresh.clone(),
                Refresh {
                    family,
                    account: account.into(),
                    client_id: client_id.into(),
                    nonce: nonce.into(),
                    scope: scope.into(),
                    method: method.into(),
                    expires: now + Duration::from_secs(self.opts.refresh_ttl),
                    dead: false,
                },
            );
        }
        let mut v = json!({
            "access_token": access, "token_type": "Bearer", "expires_in": self.opts.access_ttl,
            "refresh_token": refresh, "scope": scope,
        });
        if let Some(a) = acc {
            v["id_token"] = self.id_token(&a, client_id, nonce).into();
        }
        v
    }

    fn token(&self, req: &Req) -> Reply {
        let form = req.form();
        let g = |k: &str| form_get(&form, k).unwrap_or_default();
        let client_id = g("client_id");
        if !self.client_ok(req, &client_id) {
            return Reply::oauth_error(401, "invalid_client", "unknown client or wrong secret");
        }
        match g("grant_type").as_str() {
            "authorization_code" => {
                let code = g("code");
                let mut rt = self.rt();
                let Some(c) = rt.codes.get_mut(&code) else {
                    return Reply::oauth_error(400, "invalid_grant", "unknown code");
                };
                if c.used {
                    // A replayed code: the tokens it gave are revoked too.
                    let fam = c.family.clone();
                    if let Some(f) = fam {
                        rt.revoked_families.push(f);
                    }
                    return Reply::oauth_error(400, "invalid_grant", "the code was already used");
                }
                if c.created.elapsed() > Duration::from_secs(60) {
                    return Reply::oauth_error(400, "invalid_grant", "the code has expired");
                }
                if c.client_id != client_id || c.redirect_uri != g("redirect_uri") {
                    return Reply::oauth_error(
                        400,
                        "invalid_grant",
                        "client_id or redirect_uri differ from the authorization request",
                    );
                }
                let verifier = g("code_verifier");
                let computed = b64url(
                    ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()).as_ref(),
                );
                if verifier.len() < 43 || computed != c.challenge {
                    return Reply::oauth_error(400, "invalid_grant", "PKCE verification failed");
                }
                c.used = true;
                let (account, nonce, scope, method) = (
                    c.account.clone(),
                    c.nonce.clone(),
                    c.scope.clone(),
                    c.method.clone(),
                );
                let family = rand_b64(8);
                c.family = Some(family.clone());
                *rt.stats
                    .grants
                    .entry("authorization_code".into())
                    .or_default() += 1;
                drop(rt);
                Reply::json(
                    200,
                    self.issue(&account, &client_id, &nonce, &scope, &method, Some(family)),
                )
            }
            "refresh_token" => {
                let token = g("refresh_token");
                let mut rt = self.rt();
                let Some(r) = rt.refresh.get(&token) else {
                    return Reply::oauth_error(400, "invalid_grant", "unknown refresh token");
                };
                let family = r.family.clone();
                if r.dead || rt.revoked_families.contains(&family) {
                    // Reuse of a rotated token: the whole session ends.
                    if r.dead {
                        rt.stats.refresh_reuse += 1;
                    }
                    rt.revoked_families.push(family);
                    return Reply::oauth_error(
                        400,
                        "invalid_grant",
                        "the refresh token was already used or revoked; log in again",
                    );
                }
                if r.expires < Instant::now() || r.client_id != client_id {
                    return Reply::oauth_error(
                        400,
                        "invalid_grant",
                        "the refresh token has expired or belongs to another client",
                    );
                }
                let (account, nonce, scope, method) = (
                    r.account.clone(),
                    r.nonce.clone(),
                    r.scope.clone(),
                    r.method.clone(),
                );
                if let Some(r) = rt.refresh.get_mut(&token) {
                    r.dead = true;
                }
                *rt.stats.grants.entry("refresh_token".into()).or_default() += 1;
                drop(rt);
                Reply::json(
                    200,
                    self.issue(&account, &client_id, &nonce, &scope, &method, Some(family)),
                )
            }
            other => Reply::oauth_error(
                400,
                "unsupported_grant_type",
                &format!("grant_type {other:?} is not supported"),
            ),
        }
    }

    fn access_account(&self, req: &Req) -> Option<(Account, String)> {
        let token = req.bearer()?;
        let (account, method) = {
            let rt = self.rt();
            let a = rt.access.get(&token)?;
            if a.expires < Instant::now() || rt.revoked_families.contains(&a.family) {
                return None;
            }
            (a.account.clone(), a.method.clone())
        };
        let acc = self.account_where(|a| a.id == account)?;
        Some((acc, method))
    }

    fn userinfo(&self, req: &Req) -> Reply {
        match self.access_account(req) {
            Some((a, _)) => Reply::json(200, a.claims()),
            None => Reply::oauth_error(
                401,
                "invalid_token",
                "the access token is unknown, expired or revoked",
            )
            .with_header("WWW-Authenticate", "Bearer error=\"invalid_token\""),
        }
    }

    fn api_me(&self, req: &Req) -> Reply {
        match self.access_account(req) {
            Some((a, method)) => Reply::json(
                200,
                json!({"account": a.claims(), "method": method, "portal": "Cổng Dịch vụ công Quốc gia (sandbox)"}),
            ),
            None => Reply::oauth_error(
                401,
                "invalid_token",
                "the access token is unknown, expired or revoked",
            )
            .with_header("WWW-Authenticate", "Bearer error=\"invalid_token\""),
        }
    }

    fn revoke(&self, req: &Req) -> Reply {
        let form = req.form();
        let token = form_get(&form, "token").unwrap_or_default();
        let mut rt = self.rt();
        let family = rt
            .refresh
            .get(&token)
            .map(|r| r.family.clone())
            .or_else(|| rt.access.get(&token).map(|a| a.family.clone()));
        if let Some(f) = family {
            rt.revoked_families.push(f);
        }
        Reply::json(200, json!({}))
    }

    fn ocsp(&self, der: &[u8]) -> Reply {
        let st = self.st();
        let Ok(key) = dvc::cert::ocsp::SigningKey::from_pkcs8(
            &base64::engine::general_purpose::STANDARD
                .decode(&st.ca_key)
                .unwrap_or_default(),
        ) else {
            return Reply::bytes(
                500,
                "application/ocsp-response",
                dvc::cert::ocsp::error_response(x509_ocsp::OcspResponseStatus::InternalError),
            );
        };
        let ca = st.ca_der();
        let now = OffsetDateTime::now_utc();
        let issued: Vec<String> = st
            .accounts
            .accounts
            .iter()
            .map(|a| a.cert_serial.clone())
            .collect();
        let responder = dvc::cert::ocsp::Responder {
            key: &key,
            cert: &ca,
            include_cert: false,
            this_update: now - time::Duration::minutes(1),
            next_update: Some(now + time::Duration::hours(1)),
        };
        let body = responder.respond(der, |serial| match st.revocation(serial) {
            Some((at, reason)) => dvc::cert::ocsp::OcspStatus::Revoked {
                at,
                reason: Some(reason),
            },
            None if issued.contains(&dvc::cert::decode::serial_hex(serial)) => {
                dvc::cert::ocsp::OcspStatus::Good
            }
            None => dvc::cert::ocsp::OcspStatus::Unknown,
        });
        Reply::bytes(200, "application/ocsp-response", body)
    }

    /// VNPT SmartCA's service API (SP769), enough to check SmartCA certificates and sign hashes.
    fn smartca_api(&self, path: &str, body: &[u8]) -> Reply {
        let env = |code: u16, message: &str, data: Value| {
            Reply::json(
                200,
                json!({"status_code": code, "message": message, "data": data}),
            )
        };
        let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        let sp = self.st().accounts.smartca_sp.clone();
        if path.starts_with("/v1/signatures/sign/") && path.ends_with("/status") {
            let id = &path["/v1/signatures/sign/".len()..path.len() - "/status".len()];
            let Some(tx) = self
                .tx_status(id)
                .filter(|t| t.authenticator == "smartca-sp")
            else {
                return env(400, "BAD_REQUEST", Value::Null);
            };
            return match tx.status.as_str() {
                "pending" => env(
                    200,
                    "PENDING",
                    json!({"transaction_id": id, "signatures": null}),
                ),
                "rejected" => env(
                    200,
                    "REJECTED",
                    json!({"transaction_id": id, "signatures": null}),
                ),
                "expired" => env(
                    200,
                    "EXPIRED",
                    json!({"transaction_id": id, "signatures": null}),
                ),
                _ => {
                    let account = self.account_where(|a| a.id == tx.account);
                    let (Some(a), Some(hash)) = (account, tx.sp_hash) else {
                        return env(500, "SERVER_ERROR", Value::Null);
                    };
                    // Raw RSA PKCS#1 v1.5 over the DigestInfo of the given SHA-256.
                    let Ok(sig) = sign_prehashed(&a.key(), &hash) else {
                        return env(500, "SERVER_ERROR", Value::Null);
                    };
                    env(
                        200,
                        "SUCCESS",
                        json!({"transaction_id": id, "signatures": [{"doc_id": "doc-1", "signature_value": base64::engine::general_purpose::STANDARD.encode(sig), "timestamp_signature": null}]}),
                    )
                }
            };
        }
        if v["sp_id"].as_str() != Some(sp.0.as_str())
            || v["sp_password"].as_str() != Some(sp.1.as_str())
        {
            return env(401, "SP_CREDENTIAL_INVALID", Value::Null);
        }
        let user = v["user_id"].as_str().unwrap_or("");
        let account = self.account_where(|a| a.smartca_user_id.as_deref() == Some(user));
        let Some(a) = account else {
            return env(403, "CREDENTIAL_STATUS_INVALID", Value::Null);
        };
        match path {
            "/v1/credentials/get_certificate" => {
                let info = dvc::cert::decode_der(&a.cert()).ok();
                let st = self.st();
                env(
                    200,
                    "SUCCESS",
                    json!({"user_certificates": [{
                        "service_type": "SMARTCA", "service_name": "SmartCA cá nhân PS0", "cert_id": format!("cert-{}", a.id),
                        "cert_status": if a.cert_state == "revoked" { "Đã thu hồi" } else { "Đang hoạt động" },
                        "serial_number": a.cert_serial.to_ascii_lowercase(),
                        "cert_subject": info.as_ref().map(|i| i.subject.clone()),
                        "cert_valid_from": info.as_ref().map(|i| dvc::clock::rfc3339(i.not_before)),
                        "cert_valid_to": info.as_ref().map(|i| dvc::clock::rfc3339(i.not_after)),
                        "cert_data": a.cert_der,
                        "chain_data": {"ca_cert": base64::engine::general_purpose::STANDARD.encode(st.ca_der()), "root_cert": base64::engine::general_purpose::STANDARD.encode(st.root_der())},
                        "transaction_id": v["transaction_id"],
                    }]}),
                )
            }
            "/v1/signatures/sign" => {
                let hex = v["sign_files"][0]["data_to_be_signed"]
                    .as_str()
                    .unwrap_or("");
                let hash: Vec<u8> = (0..hex.len())
                    .step_by(2)
                    .filter_map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
                    .collect();
                if hash.len() != 32 {
                    return env(
                        400,
                        "BAD_REQUEST",
                        json!({"detail": "data_to_be_signed must be a lowercase hex SHA-256"}),
                    );
                }
                let tx = self.new_tx("", "smartca-sp", user, &a, Some(hash));
                env(
                    200,
                    "sig_wait_for_user_confirm",
                    json!({"transaction_id": tx.id, "tran_code": tx.code}),
                )
            }
            _ => env(400, "BAD_REQUEST", Value::Null),
        }
    }
}

/// Signs a SHA-256 hash with RSA PKCS#1 v1.5 (raw, over the DigestInfo), as SmartCA does.
fn sign_prehashed(pkcs8: &[u8], hash: &[u8]) -> Result<Vec<u8>, String> {
    use rsa::pkcs8::DecodePrivateKey as _;
    let key = rsa::PrivateKey::from_pkcs8_der(pkcs8).map_err(|e| e.to_string())?;
    key.sign(
        rsa::Pkcs1v15Sign::new_unprefixed(),
        &dvc::pkcs11::token::digest_info_sha256(hash),
    )
    .map_err(|e| e.to_string())
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn send(rq: tiny_http::Request, r: Reply) {
    let mut resp = tiny_http::Response::from_data(r.body).with_status_code(r.status);
    for (k, v) in r.headers {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            resp.add_header(h);
        }
    }
    let _ = rq.respond(resp);
}

/// The accounts as people need them to log in.
pub fn accounts_json(st: &State) -> Value {
    json!({
        "accounts": st.accounts.accounts.iter().map(|a| json!({
            "id": a.id,
            "type": match a.kind { 1 => "citizen", 2 => "business", _ => "organisation" },
            "name": a.business_name.clone().unwrap_or_else(|| a.person_name.clone()),
            "person_name": a.person_name,
            "tax_code": a.tax_code,
            "id_number": a.id_number,
            "usb": a.usb,
            "sim_phone": a.sim_phone,
            "smartca_user_id": a.smartca_user_id,
            "smartca_password": a.smartca_password,
            "certificate_serial": a.cert_serial,
            "certificate_state": if st.revoked.iter().any(|(s, _, _)| *s == a.cert_serial) { "revoked".to_string() } else { a.cert_state.clone() },
        })).collect::<Vec<_>>(),
        "clients": st.clients().iter().map(|c| json!({"client_id": c.client_id, "redirect_uris": c.redirect_uris})).collect::<Vec<_>>(),
        "smartca_sp": {"sp_id": st.accounts.smartca_sp.0, "sp_password": st.accounts.smartca_sp.1},
    })
}
