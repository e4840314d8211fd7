//! The login of portal-login.md §2–§5: the authorization request with PKCE,
//! the authentication step of the chosen authenticator, the wait for the
//! phone or the app (§3.2), the code exchange and the id_token checks.
//! Nothing is returned unless every check passed.

use std::time::{Duration, Instant};

use base64::Engine as _;
use secrecy::ExposeSecret;

use super::browser::Stop;
use super::{fields, json, Authenticator, Login, Portal};
use crate::error::{Error, Result};
use crate::net::Response;
use crate::portal::{Unexpected, Waiter};

/// A pending SIM / SmartCA transaction (§3.2).
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Pending {
    status: String,
    transaction_id: Option<String>,
    verification_code: Option<String>,
    expires_in: Option<u64>,
    interval: Option<u64>,
}

impl Portal {
    fn auth_error(a: &Response) -> Error {
        match json(a) {
            Ok(v) if v["error"].is_string() => Error::portal_code(
                v["error"].as_str().unwrap_or(""),
                v["error_description"].as_str().unwrap_or(""),
            ),
            Ok(_) => Error::unexpected(a.status, &a.url, Unexpected::NeitherRedirectNorError),
            Err(e) => e,
        }
    }

    /// Logs in with `auth`; nothing is returned unless every check passed.
    pub fn login(&self, auth: Authenticator<'_>, waiter: &mut dyn Waiter) -> Result<Login> {
        let state = crate::random::b64url(24)?;
        let nonce = crate::random::b64url(24)?;
        let verifier = crate::random::b64url(48)?;
        let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(
            ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()),
        );
        let mut url = url::Url::parse(&self.disc.authorization_endpoint).map_err(|_| {
            Error::unexpected(0, &self.disc.authorization_endpoint, Unexpected::BadUrl)
        })?;
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
        log::info!(
            "authorization request to {}",
            self.disc.authorization_endpoint
        );
        let first = self.get(url.as_str(), None)?;
        let key = match self.follow(first, true)? {
            Stop::LoginPage(k) => k,
            Stop::Callback(q) => {
                self.callback(&q, &state)?;
                return Err(Error::unexpected(
                    302,
                    &self.cfg.redirect_uri,
                    Unexpected::CodeBeforeAuthentication,
                ));
            }
            Stop::AuthFailure(code, d) => {
                return Err(Error::portal_code(&code, &d.unwrap_or_default()))
            }
            Stop::Answer(a) => {
                return Err(Error::unexpected(a.status, &a.url, Unexpected::NoLoginPage))
            }
        };
        let endpoint = self.disc.authentication_endpoint.clone();
        let name = auth.name();
        if !self.disc.authenticators.iter().any(|a| a == name) {
            return Err(Error::unexpected(
                0,
                &self.cfg.discovery_url,
                Unexpected::MethodNotOffered(name.to_string()),
            ));
        }
        log::info!("login page reached; authenticating with {name} at {endpoint}");
        let base = fields(&[("sessionDataKey", &key), ("authenticator", name)]);
        let post = |extra: Vec<(String, String)>| -> Result<Response> {
            let mut f = base.clone();
            f.extend(extra);
            self.post_form(&endpoint, &f, false)
        };
        let mut certificate = None;
        let answer = match auth {
            Authenticator::Usb(sign) => {
                let s = sign(&key)?;
                let b64 = |d: &[u8]| base64::engine::general_purpose::STANDARD.encode(d);
                let mut f = fields(&[
                    ("certificate", &b64(&s.certificate)),
                    ("serial", &s.serial),
                    ("dataBeforeSign", &key),
                    ("signedData", &b64(&s.signature)),
                    ("signatureAlgorithm", s.algorithm),
                ]);
                f.extend(s.chain.iter().map(|c| ("chain".to_string(), b64(c))));
                certificate = Some(s.certificate.clone());
                post(f)?
            }
            Authenticator::Sim(phone) => {
                let first = post(fields(&[("phoneNumber", &phone)]))?;
                self.wait(first, &post, waiter)?
            }
            Authenticator::Smartca(user, password) => {
                let first = post(fields(&[
                    ("userId", &user),
                    ("password", password.expose_secret()),
                ]))?;
                self.wait(first, &post, waiter)?
            }
        };
        let code = match self.follow(answer, false)? {
            Stop::Callback(q) => self.callback(&q, &state)?,
            Stop::AuthFailure(code, d) => {
                return Err(Error::portal_code(&code, &d.unwrap_or_default()))
            }
            Stop::LoginPage(_) => {
                return Err(Error::unexpected(
                    302,
                    &endpoint,
                    Unexpected::LoginPageAgain,
                ))
            }
            Stop::Answer(a) if a.status >= 400 => return Err(Self::auth_error(&a)),
            Stop::Answer(a) => {
                return Err(Error::unexpected(
                    a.status,
                    &a.url,
                    Unexpected::NoRedirectBack,
                ))
            }
        };
        log::info!("authenticated; exchanging the code for tokens");
        let tokens = self.exchange(&code, &verifier)?;
        let id_token = tokens.id_token.clone().ok_or_else(|| {
            Error::unexpected(200, &self.disc.token_endpoint, Unexpected::NoIdToken)
        })?;
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

    /// Polls a SIM / SmartCA transaction until it ends (§3.2). The waiter
    /// is asked about an interruption every 100 ms.
    fn wait(
        &self,
        first: Response,
        post: &dyn Fn(Vec<(String, String)>) -> Result<Response>,
        waiter: &mut dyn Waiter,
    ) -> Result<Response> {
        if first.status != 200 {
            return Ok(first);
        }
        let pending = |a: &Response| -> Result<Pending> {
            serde_json::from_value(json(a)?)
                .map_err(|_| Error::unexpected(a.status, &a.url, Unexpected::NotPending))
        };
        let p = pending(&first)?;
        if p.status != "pending" {
            return Err(Error::unexpected(200, &first.url, Unexpected::NotPending));
        }
        let tx = p
            .transaction_id
            .ok_or_else(|| Error::unexpected(200, &first.url, Unexpected::NoTransactionId))?;
        let expires = Duration::from_secs(p.expires_in.unwrap_or(120).min(3600));
        let mut interval = p.interval.unwrap_or(2).clamp(1, 60);
        let deadline = Instant::now() + expires + Duration::from_secs(10);
        log::info!(
            "waiting for the confirmation (transaction {}…, {} s)",
            tx.chars().take(4).collect::<String>(),
            expires.as_secs()
        );
        waiter.started(p.verification_code.as_deref(), expires);
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
                return Err(Error::portal_code("TRANSACTION_EXPIRED", ""));
            }
            let a = post(fields(&[("transactionId", &tx)]))?;
            if waiter.interrupted() {
                return Err(Error::Interrupted);
            }
            if a.status == 200 {
                let p = pending(&a)?;
                if p.status == "pending" {
                    if let Some(n) = p.interval {
                        interval = n.clamp(1, 60);
                    }
                    continue;
                }
                return Err(Error::unexpected(200, &a.url, Unexpected::NotPending));
            }
            return Ok(a);
        }
    }
}
