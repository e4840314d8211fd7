//! Tokens (portal-login.md §4–§7): the code exchange, id_token validation,
//! userinfo, refresh and revocation.

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::Value;

use super::{fields, json, jwt, Portal, Tokens};
use crate::error::{Error, Result};
use crate::net::Response;
use crate::portal::Unexpected;

/// A number that a portal may send as a JSON number or a string.
#[derive(Deserialize)]
#[serde(untagged)]
enum Lenient {
    Number(i64),
    Text(String),
}

/// A token endpoint answer.
#[derive(Deserialize)]
struct TokenAnswer {
    access_token: Option<String>,
    token_type: Option<String>,
    expires_in: Option<Lenient>,
    refresh_token: Option<String>,
    id_token: Option<String>,
    scope: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

impl Portal {
    fn tokens_from(&self, a: &Response) -> Result<Tokens> {
        let v = json(a)?;
        let t: TokenAnswer = serde_json::from_value(v)
            .map_err(|_| Error::unexpected(a.status, &a.url, Unexpected::NotJson))?;
        if a.status != 200 {
            return Err(match t.error {
                Some(e) => Error::OAuth {
                    error: crate::portal::OAuthCode::parse(e),
                    description: t.error_description.unwrap_or_default(),
                },
                None => Error::unexpected(a.status, &a.url, Unexpected::ErrorWithoutCode),
            });
        }
        let access_token = t
            .access_token
            .ok_or_else(|| Error::unexpected(a.status, &a.url, Unexpected::NoAccessToken))?;
        Ok(Tokens {
            access_token: SecretString::from(access_token),
            token_type: t.token_type.unwrap_or_else(|| "Bearer".into()),
            expires_in: match t.expires_in {
                Some(Lenient::Number(n)) => n,
                Some(Lenient::Text(s)) => s.trim().parse().unwrap_or(3600),
                None => 3600,
            },
            refresh_token: t.refresh_token.map(SecretString::from),
            id_token: t.id_token.map(SecretString::from),
            scope: t.scope,
        })
    }

    pub(crate) fn exchange(&self, code: &str, verifier: &str) -> Result<Tokens> {
        let a = self.post_form(
            &self.disc.token_endpoint,
            &fields(&[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", &self.cfg.redirect_uri),
                ("client_id", &self.cfg.client_id),
                ("code_verifier", verifier),
            ]),
            true,
        )?;
        self.tokens_from(&a)
    }

    /// Validates an id_token with the portal's JWKS.
    pub fn validate_id_token(&self, token: &str, nonce: Option<&str>) -> Result<Value> {
        let a = self.get(&self.disc.jwks_uri, None)?;
        let jwks = json(&a)?;
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        Ok(jwt::validate(
            token,
            &jwks,
            &self.disc.issuer,
            &self.cfg.client_id,
            nonce,
            now,
        )?)
    }

    /// The userinfo claims.
    pub fn userinfo(&self, access_token: &str) -> Result<Value> {
        let a = self.get(&self.disc.userinfo_endpoint, Some(access_token))?;
        if a.status != 200 {
            return Err(Error::unexpected(
                a.status,
                &a.url,
                Unexpected::UserinfoError,
            ));
        }
        json(&a)
    }

    /// Refreshes (§6).
    pub fn refresh(&self, refresh_token: &str) -> Result<Tokens> {
        log::info!("refreshing the session at {}", self.disc.token_endpoint);
        let a = self.post_form(
            &self.disc.token_endpoint,
            &fields(&[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token),
                ("client_id", &self.cfg.client_id),
            ]),
            true,
        )?;
        let t = self.tokens_from(&a)?;
        if let Some(id) = &t.id_token {
            // Signature, iss and aud; the nonce (if any) repeats the first one.
            self.validate_id_token(id.expose_secret(), None)?;
        }
        Ok(t)
    }

    /// Revokes a refresh token (§7; RFC 7009); `Ok(false)` when the portal
    /// has no revocation endpoint.
    pub fn revoke(&self, refresh_token: &str) -> Result<bool> {
        let Some(url) = self.disc.revocation_endpoint.clone() else {
            return Ok(false);
        };
        let a = self.post_form(
            &url,
            &fields(&[
                ("token", refresh_token),
                ("token_type_hint", "refresh_token"),
                ("client_id", &self.cfg.client_id),
            ]),
            true,
        )?;
        if a.status != 200 {
            return Err(Error::unexpected(
                a.status,
                &a.url,
                Unexpected::RevocationError,
            ));
        }
        Ok(true)
    }
}
