//! Discovery (portal-login.md §1): the document as a serde struct, then
//! checked (issuer character for character, the required endpoints present
//! and allowed, the `dvc_` extensions with their defaults).

use serde::Deserialize;

use super::check_url;
use crate::error::{Error, Result};
use crate::net::Response;
use crate::portal::Unexpected;

/// The discovery document as the portal sends it.
#[derive(Debug, Default, Deserialize)]
struct Document {
    #[serde(default)]
    issuer: String,
    authorization_endpoint: Option<String>,
    token_endpoint: Option<String>,
    jwks_uri: Option<String>,
    userinfo_endpoint: Option<String>,
    revocation_endpoint: Option<String>,
    dvc_authentication_endpoint: Option<String>,
    dvc_authenticators_supported: Option<Vec<String>>,
}

/// The discovery document's fields `dvc` uses, checked.
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
    /// dvc_authenticators_supported (default: all three).
    pub authenticators: Vec<String>,
}

impl Discovery {
    /// A placeholder for a portal used without discovery (API calls).
    pub fn empty(issuer: &str) -> Discovery {
        Discovery {
            issuer: issuer.to_string(),
            authorization_endpoint: String::new(),
            token_endpoint: String::new(),
            jwks_uri: String::new(),
            userinfo_endpoint: String::new(),
            revocation_endpoint: None,
            authentication_endpoint: String::new(),
            authenticators: Vec::new(),
        }
    }

    /// Reads and checks the answer to the discovery request.
    pub fn read(a: &Response, expected_issuer: &str) -> Result<Discovery> {
        if a.status != 200 {
            return Err(Error::unexpected(
                a.status,
                &a.url,
                Unexpected::DiscoveryError,
            ));
        }
        let v = super::json(a)?;
        let doc: Document = serde_json::from_value(v)
            .map_err(|_| Error::unexpected(a.status, &a.url, Unexpected::NotJson))?;
        if doc.issuer != expected_issuer {
            return Err(Error::unexpected(
                a.status,
                &a.url,
                Unexpected::DiscoveryIssuer {
                    found: doc.issuer,
                    expected: expected_issuer.to_string(),
                },
            ));
        }
        let need = |field: &'static str, v: Option<String>| -> Result<String> {
            let u = v.ok_or_else(|| {
                Error::unexpected(a.status, &a.url, Unexpected::DiscoveryMissing(field))
            })?;
            check_url(field, &u)?;
            Ok(u)
        };
        Ok(Discovery {
            authorization_endpoint: need("authorization_endpoint", doc.authorization_endpoint)?,
            token_endpoint: need("token_endpoint", doc.token_endpoint)?,
            jwks_uri: need("jwks_uri", doc.jwks_uri)?,
            userinfo_endpoint: need("userinfo_endpoint", doc.userinfo_endpoint)?,
            revocation_endpoint: doc
                .revocation_endpoint
                .filter(|u| check_url("revocation_endpoint", u).is_ok()),
            authentication_endpoint: match doc.dvc_authentication_endpoint {
                Some(u) => {
                    check_url("dvc_authentication_endpoint", &u)?;
                    u
                }
                None => format!("{}/commonauth", doc.issuer.trim_end_matches('/')),
            },
            authenticators: doc
                .dvc_authenticators_supported
                .unwrap_or_else(|| vec!["usb".into(), "sim".into(), "smartca".into()]),
            issuer: doc.issuer,
        })
    }
}
