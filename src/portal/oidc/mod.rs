//! The client side of portal-login.md: discovery, the browser-like login
//! (one cookie jar per login, redirects followed by hand), the three
//! authenticators with both failure forms, the token exchange with PKCE,
//! id_token validation, userinfo, refresh and revocation.

mod browser;
mod discovery;
mod flow;
pub mod jwt;
mod tokens;

use std::sync::Arc;

use secrecy::SecretString;
use serde_json::Value;

pub use discovery::Discovery;

use super::Unexpected;
use crate::error::{Error, Result};
use crate::net::{CookieStoreMutex, Http, HttpSettings, Request, Response};

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
    /// Timeouts, TLS, `--connect-to`.
    pub http: HttpSettings,
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

impl Authenticator<'_> {
    /// The protocol's name of the authenticator.
    pub fn name(&self) -> &'static str {
        match self {
            Authenticator::Usb(_) => "usb",
            Authenticator::Sim(_) => "sim",
            Authenticator::Smartca(..) => "smartca",
        }
    }
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

/// A portal we talk to.
pub struct Portal {
    /// Its configuration.
    pub cfg: PortalConfig,
    /// Its discovery document.
    pub disc: Discovery,
    http: Http,
}

/// Checks a URL the protocol allows (https, or http on loopback).
pub fn check_url(field: &str, url: &str) -> Result<url::Url> {
    crate::config::PortalUrl::parse_field(field, url).map(|u| u.url().clone())
}

/// Reads a JSON answer, saying what it was when it is not JSON.
pub(crate) fn json(a: &Response) -> Result<Value> {
    if a.body.is_empty() {
        return Err(Error::unexpected(
            a.status,
            &a.url,
            Unexpected::EmptyNotJson,
        ));
    }
    serde_json::from_slice(&a.body).map_err(|_| {
        let what = if a.is_html() {
            Unexpected::HtmlNotJson
        } else {
            Unexpected::NotJson
        };
        Error::unexpected(a.status, &a.url, what)
    })
}

/// Maps a transport failure of `url` to the crate's error.
pub(crate) fn net(url: &str, e: crate::net::NetError) -> Error {
    match e {
        crate::net::NetError::TooLarge(n) => Error::unexpected(0, url, Unexpected::TooLarge(n)),
        other => Error::net(url, other),
    }
}

impl Portal {
    /// The HTTP settings of a portal: a fresh cookie jar for every client,
    /// and no platform roots when every URL is plain `http` on loopback.
    fn http(cfg: &PortalConfig) -> Result<Http> {
        let mut s = cfg.http.clone();
        s.cookies = Some(Arc::new(CookieStoreMutex::default()));
        let plain = [&cfg.issuer, &cfg.discovery_url]
            .iter()
            .all(|u| u.starts_with("http://"));
        if plain && s.connect_to.is_empty() {
            s.platform_roots = false;
        }
        Http::with(&s).map_err(|e| net(&cfg.issuer, e))
    }

    /// A portal for API calls and revocation only: no discovery request.
    pub fn without_discovery(cfg: PortalConfig) -> Result<Portal> {
        check_url("issuer", &cfg.issuer)?;
        let http = Self::http(&cfg)?;
        Ok(Portal {
            disc: Discovery::empty(&cfg.issuer),
            http,
            cfg,
        })
    }

    /// Reads and checks discovery (§1).
    pub fn discover(cfg: PortalConfig) -> Result<Portal> {
        check_url("issuer", &cfg.issuer)?;
        check_url("discovery_url", &cfg.discovery_url)?;
        let http = Self::http(&cfg)?;
        let a = http
            .send(Request::get(&cfg.discovery_url))
            .map_err(|e| net(&cfg.discovery_url, e))?;
        let disc = Discovery::read(&a, &cfg.issuer)?;
        Ok(Portal { cfg, disc, http })
    }

    /// The HTTP client (with this portal's cookie jar).
    pub fn client(&self) -> &Http {
        &self.http
    }

    pub(crate) fn get(&self, url: &str, bearer: Option<&str>) -> Result<Response> {
        let mut r = Request::get(url);
        if let Some(t) = bearer {
            r = r.bearer(t);
        }
        self.http.send(r).map_err(|e| net(url, e))
    }

    pub(crate) fn post_form(
        &self,
        url: &str,
        form: &[(String, String)],
        basic: bool,
    ) -> Result<Response> {
        let mut r = Request::form(url, form);
        if basic {
            if let Some(secret) = &self.cfg.client_secret {
                use base64::Engine as _;
                let pair = format!("{}:{secret}", self.cfg.client_id);
                let b = base64::engine::general_purpose::STANDARD.encode(pair);
                r = r.header("Authorization", &format!("Basic {b}"));
            }
        }
        self.http.send(r).map_err(|e| net(url, e))
    }
}

/// Form fields from `&str` pairs.
pub(crate) fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}
