//! The client side of portal-login.md: discovery, the browser-like login
//! (one cookie jar per login, redirects followed by hand), the three
//! authenticators with both failure forms, the token exchange with PKCE,
//! id_token validation, userinfo, refresh and revocation.
//!
//! It knows nothing of the terminal: waiting for a phone is reported through
//! [`Waiter`], and a USB signature is asked of a callback.

pub mod jwt;

use std::io::Read;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use crate::config::PortalUrl;
use crate::error::{Error, Result};

/// Largest answer read from the portal.
pub const MAX_BODY: u64 = 1024 * 1024;
/// Redirects followed in a row at most.
pub const MAX_REDIRECTS: usize = 10;

/// What is needed to talk to one portal.
#[derive(Debug, Clone)]
pub struct PortalConfig {
    /// The issuer.
    pub issuer: String,
    /// Where discovery is read.
    pub discovery_url: String,
    /// OAuth client id.
    pub client_id: String,
    /// Client secret (HTTP Basic), for confidential clients.
    pub client_secret: Option<String>,
    /// The registered redirect URI.
    pub redirect_uri: String,
    /// Scope.
    pub scope: String,
    /// acr_values.
    pub acr_values: String,
    /// An extra CA file for TLS.
    pub ca_file: Option<std::path::PathBuf>,
    /// Per-request timeout.
    pub timeout: Duration,
}

/// The discovery document's fields `dvc` uses.
#[derive(Debug, Clone)]
pub struct Discovery {
    /// issuer.
    pub issuer: String,
    /// authorization_endpoint.
    pub authorization_endpoint: String,
    /// token_endpoint.
    pub token_endpoint: String,
    /// jwks_uri.
    pub jwks_uri: String,
    /// userinfo_endpoint.
    pub userinfo_endpoint: String,
    /// revocation_endpoint.
    pub revocation_endpoint: Option<String>,
    /// dvc_authentication_endpoint (default `{issuer}/commonauth`).
    pub authentication_endpoint: String,
    /// dvc_authenticators_supported.
    pub authenticators: Vec<String>,
}

/// Tokens from the token endpoint.
#[derive(Debug, Clone)]
pub struct Tokens {
    /// access_token.
    pub access_token: SecretString,
    /// token_type.
    pub token_type: String,
    /// expires_in (seconds).
    pub expires_in: i64,
    /// refresh_token.
    pub refresh_token: Option<SecretString>,
    /// id_token.
    pub id_token: Option<SecretString>,
    /// scope.
    pub scope: Option<String>,
}

/// A USB signature over the sessionDataKey.
pub struct UsbSignature {
    /// The signing certificate (DER).
    pub certificate: Vec<u8>,
    /// Intermediate CA certificates (DER).
    pub chain: Vec<Vec<u8>>,
    /// The certificate's serial (uppercase hex).
    pub serial: String,
    /// The algorithm's protocol name.
    pub algorithm: &'static str,
    /// The signature.
    pub signature: Vec<u8>,
}

/// How the user authenticates.
pub enum Authenticator<'a> {
    /// A USB token: the callback signs the sessionDataKey.
    Usb(&'a mut dyn FnMut(&str) -> Result<UsbSignature>),
    /// A signature SIM: the phone number in international digits (`84…`).
    Sim(String),
    /// VNPT SmartCA: user id and password.
    Smartca(String, SecretString),
}

/// Reports the wait for the phone / app, and says when to stop.
pub trait Waiter {
    /// The request is out: the verification code (if any) and how long it lives.
    fn started(&mut self, code: Option<&str>, expires_in: Duration);
    /// Still waiting; `left` until it expires.
    fn waiting(&mut self, left: Duration);
    /// Whether the user asked to stop.
    fn interrupted(&self) -> bool;
}

/// A finished login.
pub struct Login {
    /// The tokens.
    pub tokens: Tokens,
    /// The validated id_token claims.
    pub id_claims: Value,
    /// The userinfo claims (the id_token's if userinfo failed).
    pub userinfo: Value,
    /// The USB certificate, if any.
    pub certificate: Option<Vec<u8>>,
}

/// An API answer: status, headers, body.
pub type ApiAnswer = (u16, Vec<(String, String)>, Vec<u8>);

/// A portal we talk to.
pub struct Portal {
    /// Its configuration.
    pub cfg: PortalConfig,
    /// Its discovery document.
    pub disc: Discovery,
    http: reqwest::blocking::Client,
}

fn unexpected(status: u16, url: &str, what: &str) -> Error {
    Error::PortalUnexpected {
        status,
        url: url.to_string(),
        detail: what.to_string(),
    }
}

fn net(url: &str, e: reqwest::Error) -> Error {
    let timeout = e.is_timeout();
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        msg = s.to_string();
        src = s.source();
    }
    Error::Network {
        url: url.to_string(),
        detail: if timeout {
            "no answer in time (timeout)".into()
        } else {
            msg
        },
    }
}

/// Checks a URL the protocol allows (https, or http on loopback).
pub fn check_url(field: &str, url: &str) -> Result<url::Url> {
    PortalUrl::parse(url)
        .map(|u| u.url().clone())
        .map_err(|reason| Error::InvalidUrl {
            field: field.into(),
            value: url.into(),
            reason,
        })
}

struct Answer {
    status: u16,
    url: String,
    location: Option<String>,
    content_type: String,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Result<Value> {
        if self.body.is_empty() {
            return Err(unexpected(
                self.status,
                &self.url,
                "an empty answer where JSON was expected",
            ));
        }
        serde_json::from_slice(&self.body).map_err(|_| {
            let what = if self.content_type.contains("html") || self.body.starts_with(b"<") {
                "an HTML page where JSON was expected"
            } else {
                "something that is not JSON where JSON was expected"
            };
            unexpected(self.status, &self.url, what)
        })
    }
}

fn random_b64(n: usize) -> String {
    let mut b = vec![0u8; n];
    let _ = getrandom::fill(&mut b);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

/// Where a chain of redirects ended.
enum Stop {
    /// At the login page: its sessionDataKey.
    LoginPage(String),
    /// At the redirect_uri: its query.
    Callback(Vec<(String, String)>),
    /// At a login page with authFailure=true.
    AuthFailure(String, Option<String>),
    /// At a non-redirect answer.
    Answer(Answer),
}

impl Portal {
    fn client(cfg: &PortalConfig) -> Result<reqwest::blocking::Client> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut b = reqwest::blocking::Client::builder()
            .timeout(cfg.timeout)
            .connect_timeout(cfg.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .cookie_provider(Arc::new(reqwest::cookie::Jar::default()))
            .user_agent(concat!("dvc/", env!("CARGO_PKG_VERSION")));
        // A plain-http portal (loopback only) needs no TLS roots: skip loading
        // the platform's store, which can mean reading hundreds of files
        // (SSL_CERT_DIR). Every https portal is verified against it.
        let plain = [&cfg.issuer, &cfg.discovery_url]
            .iter()
            .all(|u| u.starts_with("http://"));
        if plain && cfg.ca_file.is_none() {
            b = b.tls_certs_only(Vec::new());
        }
        if let Some(path) = &cfg.ca_file {
            let pem = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            for c in reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| Error::Token {
                detail: e.to_string(),
            })? {
                b = b.add_root_certificate(c);
            }
        }
        b.build().map_err(|e| net(&cfg.issuer, e))
    }

    fn read(&self, url: &str, r: reqwest::blocking::Response) -> Result<Answer> {
        let status = r.status().as_u16();
        let location = r
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let content_type = r
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        let mut body = Vec::new();
        r.take(MAX_BODY + 1)
            .read_to_end(&mut body)
            .map_err(|e| Error::Network {
                url: url.into(),
                detail: if e.to_string().contains("timed out") {
                    "no answer in time (timeout)".into()
                } else {
                    format!("the connection broke: {e}")
                },
            })?;
        if body.len() as u64 > MAX_BODY {
            return Err(unexpected(status, url, "an answer larger than 1 MiB"));
        }
        Ok(Answer {
            status,
            url: url.to_string(),
            location,
            content_type,
            body,
        })
    }

    fn get(&self, url: &str, bearer: Option<&str>) -> Result<Answer> {
        let mut req = self.http.get(url);
        if let Some(t) = bearer {
            req = req.bearer_auth(t);
        }
        let r = req.send().map_err(|e| net(url, e))?;
        self.read(url, r)
    }

    fn post_form(&self, url: &str, form: &[(&str, &str)], basic: bool) -> Result<Answer> {
        let mut req = self.http.post(url).form(form);
        if basic {
            if let Some(secret) = &self.cfg.client_secret {
                req = req.basic_auth(&self.cfg.client_id, Some(secret));
            }
        }
        let r = req.send().map_err(|e| net(url, e))?;
        self.read(url, r)
    }

    /// A portal for API calls only: no discovery request (`dvc api` needs
    /// none unless it must refresh, and refreshing discovers on its own).
    pub fn for_api(cfg: PortalConfig) -> Result<Portal> {
        check_url("issuer", &cfg.issuer)?;
        let http = Self::client(&cfg)?;
        Ok(Portal {
            disc: Discovery {
                issuer: cfg.issuer.clone(),
                authorization_endpoint: String::new(),
                token_endpoint: String::new(),
                jwks_uri: String::new(),
                userinfo_endpoint: String::new(),
                revocation_endpoint: None,
                authentication_endpoint: String::new(),
                authenticators: Vec::new(),
            },
            http,
            cfg,
        })
    }

    /// Reads and checks discovery.
    pub fn discover(cfg: PortalConfig) -> Result<Portal> {
        check_url("issuer", &cfg.issuer)?;
        check_url("discovery_url", &cfg.discovery_url)?;
        let http = Self::client(&cfg)?;
        let mut p = Portal {
            disc: Discovery {
                issuer: String::new(),
                authorization_endpoint: String::new(),
                token_endpoint: String::new(),
                jwks_uri: String::new(),
                userinfo_endpoint: String::new(),
                revocation_endpoint: None,
                authentication_endpoint: String::new(),
                authenticators: Vec::new(),
            },
            http,
            cfg,
        };
        let a = p.get(&p.cfg.discovery_url.clone(), None)?;
        if a.status != 200 {
            return Err(unexpected(
                a.status,
                &a.url,
                "an error where the discovery document was expected",
            ));
        }
        let v = a.json()?;
        let s = |k: &str| v[k].as_str().map(str::to_string);
        let issuer = s("issuer").unwrap_or_default();
        if issuer != p.cfg.issuer {
            return Err(Error::PortalUnexpected {
                status: a.status,
                url: a.url,
                detail: format!(
                    "the discovery document names the issuer {issuer:?}, not {:?}",
                    p.cfg.issuer
                ),
            });
        }
        let need = |k: &str| -> Result<String> {
            let u = s(k).ok_or_else(|| {
                unexpected(
                    a.status,
                    &a.url,
                    &format!("a discovery document without {k}"),
                )
            })?;
            check_url(k, &u)?;
            Ok(u)
        };
        p.disc = Discovery {
            authorization_endpoint: need("authorization_endpoint")?,
            token_endpoint: need("token_endpoint")?,
            jwks_uri: need("jwks_uri")?,
            userinfo_endpoint: need("userinfo_endpoint")?,
            revocation_endpoint: s("revocation_endpoint")
                .filter(|u| check_url("revocation_endpoint", u).is_ok()),
            authentication_endpoint: match s("dvc_authentication_endpoint") {
                Some(u) => {
                    check_url("dvc_authentication_endpoint", &u)?;
                    u
                }
                None => format!("{}/commonauth", issuer.trim_end_matches('/')),
            },
            authenticators: v["dvc_authenticators_supported"]
                .as_array()
                .map(|l| {
                    l.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_else(|| vec!["usb".into(), "sim".into(), "smartca".into()]),
            issuer,
        };
        Ok(p)
    }

    fn is_redirect_uri(&self, u: &url::Url) -> bool {
        let Ok(r) = url::Url::parse(&self.cfg.redirect_uri) else {
            return false;
        };
        u.scheme() == r.scheme()
            && u.host_str() == r.host_str()
            && u.port_or_known_default() == r.port_or_known_default()
            && u.path() == r.path()
    }

    /// Follows redirects (§2) from an answer; `login_phase` stops at a sessionDataKey page.
    fn follow(&self, first: Answer, login_phase: bool) -> Result<Stop> {
        let mut a = first;
        for _ in 0..=MAX_REDIRECTS {
            if !matches!(a.status, 301 | 302 | 303 | 307 | 308) {
                return Ok(Stop::Answer(a));
            }
            let loc = a
                .location
                .clone()
                .ok_or_else(|| unexpected(a.status, &a.url, "a redirect without Location"))?;
            let base =
                url::Url::parse(&a.url).map_err(|_| unexpected(a.status, &a.url, "a bad URL"))?;
            let next = base
                .join(&loc)
                .map_err(|_| unexpected(a.status, &a.url, "a redirect to a bad URL"))?;
            if !matches!(next.scheme(), "http" | "https") {
                return Err(unexpected(
                    a.status,
                    &a.url,
                    "a redirect to a scheme other than http(s)",
                ));
            }
            let q: Vec<(String, String)> = next.query_pairs().into_owned().collect();
            let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
            if self.is_redirect_uri(&next) {
                return Ok(Stop::Callback(q));
            }
            if get("authFailure").as_deref() == Some("true") {
                return Ok(Stop::AuthFailure(
                    get("authFailureMsg").unwrap_or_else(|| "SERVER_ERROR".into()),
                    get("errorDescription"),
                ));
            }
            if login_phase {
                if let Some(key) = get("sessionDataKey") {
                    return Ok(Stop::LoginPage(key));
                }
            }
            check_url("redirect", next.as_str())?;
            a = self.get(next.as_str(), None)?;
        }
        Err(unexpected(
            a.status,
            &a.url,
            "more than 10 redirects in a row (a redirect loop)",
        ))
    }

    fn callback(&self, q: &[(String, String)], state: &str) -> Result<String> {
        let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        if let Some(err) = get("error") {
            return Err(Error::OAuth {
                error: err,
                description: get("error_description").unwrap_or_default(),
            });
        }
        if let Some(iss) = get("iss") {
            if iss != self.disc.issuer {
                return Err(unexpected(
                    302,
                    &self.cfg.redirect_uri,
                    "a callback naming another issuer (iss)",
                ));
            }
        }
        if get("state").as_deref() != Some(state) {
            return Err(unexpected(
                302,
                &self.cfg.redirect_uri,
                "a callback whose state is not ours",
            ));
        }
        get("code")
            .ok_or_else(|| unexpected(302, &self.cfg.redirect_uri, "a callback without a code"))
    }

    fn auth_error(a: &Answer) -> Error {
        match a.json() {
            Ok(v) if v["error"].is_string() => Error::PortalAuth {
                code: v["error"].as_str().unwrap_or("").to_string(),
                description: v["error_description"].as_str().unwrap_or("").to_string(),
            },
            Ok(_) => unexpected(
                a.status,
                &a.url,
                "an answer that is neither a redirect nor a known error",
            ),
            Err(e) => e,
        }
    }

    /// Logs in with `auth`; nothing is returned unless every check passed.
    pub fn login(&self, auth: Authenticator<'_>, waiter: &mut dyn Waiter) -> Result<Login> {
        let state = random_b64(24);
        let nonce = random_b64(24);
        let verifier = random_b64(48);
        let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(
            ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()),
        );
        let mut url = url::Url::parse(&self.disc.authorization_endpoint)
            .map_err(|_| unexpected(0, &self.disc.authorization_endpoint, "a bad URL"))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.cfg.client_id)
            .append_pair("redirect_uri", &self.cfg.redirect_uri)
            .append_pair("scope", &self.cfg.scope)
            .append_pair("state", &state)
            .append_pair("nonce", &nonce)
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256")
            .append_pair("acr_values", &self.cfg.acr_values);
        let first = self.get(url.as_str(), None)?;
        let key = match self.follow(first, true)? {
            Stop::LoginPage(k) => k,
            Stop::Callback(q) => {
                self.callback(&q, &state)?;
                return Err(unexpected(
                    302,
                    &self.cfg.redirect_uri,
                    "a code before any authentication",
                ));
            }
            Stop::AuthFailure(code, d) => {
                return Err(Error::PortalAuth {
                    code,
                    description: d.unwrap_or_default(),
                })
            }
            Stop::Answer(a) => {
                return Err(unexpected(
                    a.status,
                    &a.url,
                    "no login page (no sessionDataKey) after the authorization request",
                ))
            }
        };
        let endpoint = self.disc.authentication_endpoint.clone();
        let (name, mut certificate) = match &auth {
            Authenticator::Usb(_) => ("usb", None),
            Authenticator::Sim(_) => ("sim", None),
            Authenticator::Smartca(..) => ("smartca", None),
        };
        if !self.disc.authenticators.iter().any(|a| a == name) {
            return Err(Error::PortalAuth {
                code: "UNSUPPORTED_AUTHENTICATOR".into(),
                description: format!("the portal does not offer {name}"),
            });
        }
        let base = vec![
            ("sessionDataKey".to_string(), key.clone()),
            ("authenticator".to_string(), name.to_string()),
        ];
        let post = |fields: Vec<(String, String)>| -> Result<Answer> {
            let mut f = base.clone();
            f.extend(fields);
            let refs: Vec<(&str, &str)> = f.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            self.post_form(&endpoint, &refs, false)
        };
        let answer = match auth {
            Authenticator::Usb(sign) => {
                let s = sign(&key)?;
                let b64 = |d: &[u8]| base64::engine::general_purpose::STANDARD.encode(d);
                let mut f = vec![
                    ("certificate".to_string(), b64(&s.certificate)),
                    ("serial".to_string(), s.serial.clone()),
                    ("dataBeforeSign".to_string(), key.clone()),
                    ("signedData".to_string(), b64(&s.signature)),
                    ("signatureAlgorithm".to_string(), s.algorithm.to_string()),
                ];
                f.extend(s.chain.iter().map(|c| ("chain".to_string(), b64(c))));
                certificate = Some(s.certificate.clone());
                post(f)?
            }
            Authenticator::Sim(phone) => {
                self.wait(post(vec![("phoneNumber".into(), phone)])?, &post, waiter)?
            }
            Authenticator::Smartca(user, password) => {
                let first = post(vec![
                    ("userId".into(), user),
                    ("password".into(), password.expose_secret().to_string()),
                ])?;
                self.wait(first, &post, waiter)?
            }
        };
        let code = match self.follow(answer, false)? {
            Stop::Callback(q) => self.callback(&q, &state)?,
            Stop::AuthFailure(code, d) => {
                return Err(Error::PortalAuth {
                    code,
                    description: d.unwrap_or_default(),
                })
            }
            Stop::LoginPage(_) => return Err(unexpected(302, &endpoint, "the login page again")),
            Stop::Answer(a) if a.status >= 400 => return Err(Self::auth_error(&a)),
            Stop::Answer(a) => {
                return Err(unexpected(
                    a.status,
                    &a.url,
                    "no redirect back after authentication",
                ))
            }
        };
        let tokens = self.exchange(&code, &verifier)?;
        let id_token = tokens
            .id_token
            .clone()
            .ok_or_else(|| unexpected(200, &self.disc.token_endpoint, "no id_token"))?;
        let id_claims = self.validate_id_token(id_token.expose_secret(), Some(&nonce))?;
        let userinfo = self
            .userinfo(tokens.access_token.expose_secret())
            .unwrap_or_else(|_| id_claims.clone());
        Ok(Login {
            tokens,
            id_claims,
            userinfo,
            certificate,
        })
    }

    /// Polls a SIM / SmartCA transaction until it ends (§3.2).
    fn wait(
        &self,
        first: Answer,
        post: &dyn Fn(Vec<(String, String)>) -> Result<Answer>,
        waiter: &mut dyn Waiter,
    ) -> Result<Answer> {
        if first.status != 200 {
            return Ok(first);
        }
        let v = first.json()?;
        if v["status"].as_str() != Some("pending") {
            return Err(unexpected(200, &first.url, "an answer that is not pending"));
        }
        let tx = v["transactionId"]
            .as_str()
            .ok_or_else(|| unexpected(200, &first.url, "a pending answer without transactionId"))?
            .to_string();
        let expires = Duration::from_secs(v["expiresIn"].as_u64().unwrap_or(120).min(3600));
        let mut interval = v["interval"].as_u64().unwrap_or(2).clamp(1, 60);
        let deadline = Instant::now() + expires + Duration::from_secs(10);
        waiter.started(v["verificationCode"].as_str(), expires);
        let started = Instant::now();
        loop {
            let until = Instant::now() + Duration::from_secs(interval);
            while Instant::now() < until {
                if waiter.interrupted() {
                    return Err(Error::Interrupted);
                }
                waiter.waiting(expires.saturating_sub(started.elapsed()));
                std::thread::sleep(Duration::from_millis(100));
            }
            if Instant::now() > deadline {
                return Err(Error::PortalAuth {
                    code: "TRANSACTION_EXPIRED".into(),
                    description: "the confirmation did not come in time".into(),
                });
            }
            let a = post(vec![("transactionId".into(), tx.clone())])?;
            if a.status == 200 {
                let v = a.json()?;
                if v["status"].as_str() == Some("pending") {
                    if let Some(n) = v["interval"].as_u64() {
                        interval = n.clamp(1, 60);
                    }
                    continue;
                }
                return Err(unexpected(200, &a.url, "an answer that is not pending"));
            }
            return Ok(a);
        }
    }

    fn tokens_from(&self, a: &Answer) -> Result<Tokens> {
        let v = a.json()?;
        if a.status != 200 {
            if let Some(e) = v["error"].as_str() {
                return Err(Error::OAuth {
                    error: e.into(),
                    description: v["error_description"].as_str().unwrap_or("").into(),
                });
            }
            return Err(unexpected(
                a.status,
                &a.url,
                "an error without an OAuth error code",
            ));
        }
        let s = |k: &str| v[k].as_str().map(str::to_string);
        Ok(Tokens {
            access_token: SecretString::from(
                s("access_token").ok_or_else(|| unexpected(a.status, &a.url, "no access_token"))?,
            ),
            token_type: s("token_type").unwrap_or_else(|| "Bearer".into()),
            expires_in: v["expires_in"]
                .as_i64()
                .or_else(|| s("expires_in").and_then(|x| x.parse().ok()))
                .unwrap_or(3600),
            refresh_token: s("refresh_token").map(SecretString::from),
            id_token: s("id_token").map(SecretString::from),
            scope: s("scope"),
        })
    }

    fn exchange(&self, code: &str, verifier: &str) -> Result<Tokens> {
        let a = self.post_form(
            &self.disc.token_endpoint,
            &[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", &self.cfg.redirect_uri),
                ("client_id", &self.cfg.client_id),
                ("code_verifier", verifier),
            ],
            true,
        )?;
        self.tokens_from(&a)
    }

    /// Validates an id_token with the portal's JWKS.
    pub fn validate_id_token(&self, jwt: &str, nonce: Option<&str>) -> Result<Value> {
        let a = self.get(&self.disc.jwks_uri, None)?;
        let jwks = a.json()?;
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        jwt::validate(
            jwt,
            &jwks,
            &self.disc.issuer,
            &self.cfg.client_id,
            nonce,
            now,
        )
        .map_err(|detail| Error::IdToken { detail })
    }

    /// The userinfo claims.
    pub fn userinfo(&self, access_token: &str) -> Result<Value> {
        let a = self.get(&self.disc.userinfo_endpoint, Some(access_token))?;
        if a.status != 200 {
            return Err(unexpected(a.status, &a.url, "an error from userinfo"));
        }
        a.json()
    }

    /// Refreshes (§6).
    pub fn refresh(&self, refresh_token: &str) -> Result<Tokens> {
        let a = self.post_form(
            &self.disc.token_endpoint,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token),
                ("client_id", &self.cfg.client_id),
            ],
            true,
        )?;
        let t = self.tokens_from(&a)?;
        if let Some(id) = &t.id_token {
            // Signature, iss and aud; the nonce (if any) repeats the first one.
            self.validate_id_token(id.expose_secret(), None)?;
        }
        Ok(t)
    }

    /// Revokes a refresh token (§7; RFC 7009).
    pub fn revoke(&self, refresh_token: &str) -> Result<bool> {
        let Some(url) = self.disc.revocation_endpoint.clone() else {
            return Ok(false);
        };
        let a = self.post_form(
            &url,
            &[
                ("token", refresh_token),
                ("token_type_hint", "refresh_token"),
                ("client_id", &self.cfg.client_id),
            ],
            true,
        )?;
        if a.status != 200 {
            return Err(unexpected(
                a.status,
                &a.url,
                "an error from the revocation endpoint",
            ));
        }
        Ok(true)
    }

    /// An authenticated request to the API (the caller checked the origin).
    pub fn api(
        &self,
        method: &str,
        url: &str,
        token: &str,
        headers: &[(String, String)],
        body: Option<Vec<u8>>,
    ) -> Result<ApiAnswer> {
        let m = reqwest::Method::from_bytes(method.as_bytes()).map_err(|_| Error::Usage {
            message: format!("{method} is not an HTTP method"),
            hint: None,
        })?;
        let mut req = self.http.request(m, url).bearer_auth(token);
        for (k, v) in headers {
            req = req.header(k.as_str(), v.as_str());
        }
        if let Some(b) = body {
            req = req.body(b);
        }
        let r = req.send().map_err(|e| net(url, e))?;
        let hs: Vec<(String, String)> = r
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let a = self.read(url, r)?;
        Ok((a.status, hs, a.body))
    }
}
