//! The browser-like part of portal-login.md §2: redirects followed by hand
//! (at most 10 in a row, relative `Location` resolved, http(s) only), the
//! stops that matter (the login page, the redirect URI, a WSO2-style
//! `authFailure` page), and the callback's checks.

use super::{check_url, Portal};
use crate::error::{Error, Result};
use crate::net::Response;
use crate::portal::Unexpected;

/// Redirects followed in a row at most.
pub const MAX_REDIRECTS: usize = 10;

/// Where a chain of redirects ended.
pub(crate) enum Stop {
    /// At the login page: its sessionDataKey.
    LoginPage(String),
    /// At the redirect_uri: its query.
    Callback(Vec<(String, String)>),
    /// At a login page with authFailure=true: the code and description.
    AuthFailure(String, Option<String>),
    /// At a non-redirect answer.
    Answer(Response),
}

fn query_get(q: &[(String, String)], k: &str) -> Option<String> {
    q.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
}

impl Portal {
    fn is_redirect_uri(&self, u: &url::Url) -> bool {
        let Ok(r) = url::Url::parse(&self.cfg.redirect_uri) else {
            return false;
        };
        u.scheme() == r.scheme()
            && u.host_str() == r.host_str()
            && u.port_or_known_default() == r.port_or_known_default()
            && u.path() == r.path()
    }

    /// Follows redirects from an answer; `login_phase` stops at a
    /// sessionDataKey page.
    pub(crate) fn follow(&self, first: Response, login_phase: bool) -> Result<Stop> {
        let mut a = first;
        for hop in 0..=MAX_REDIRECTS {
            if !a.is_redirect() {
                return Ok(Stop::Answer(a));
            }
            let loc = a.header("location").ok_or_else(|| {
                Error::unexpected(a.status, &a.url, Unexpected::RedirectWithoutLocation)
            })?;
            let base = url::Url::parse(&a.url)
                .map_err(|_| Error::unexpected(a.status, &a.url, Unexpected::BadUrl))?;
            let next = base
                .join(&loc)
                .map_err(|_| Error::unexpected(a.status, &a.url, Unexpected::BadUrl))?;
            if !matches!(next.scheme(), "http" | "https") {
                return Err(Error::unexpected(a.status, &a.url, Unexpected::BadScheme));
            }
            log::info!("redirect to {}", crate::net::mask_url(next.as_str()));
            let q: Vec<(String, String)> = next.query_pairs().into_owned().collect();
            if self.is_redirect_uri(&next) {
                return Ok(Stop::Callback(q));
            }
            if query_get(&q, "authFailure").as_deref() == Some("true") {
                return Ok(Stop::AuthFailure(
                    query_get(&q, "authFailureMsg").unwrap_or_else(|| "SERVER_ERROR".into()),
                    query_get(&q, "errorDescription"),
                ));
            }
            if login_phase {
                if let Some(key) = query_get(&q, "sessionDataKey") {
                    return Ok(Stop::LoginPage(key));
                }
            }
            check_url("redirect", next.as_str())?;
            if hop == MAX_REDIRECTS {
                break;
            }
            a = self.get(next.as_str(), None)?;
        }
        Err(Error::unexpected(
            a.status,
            &a.url,
            Unexpected::RedirectLoop(MAX_REDIRECTS),
        ))
    }

    /// Checks the callback's query and returns the code.
    pub(crate) fn callback(&self, q: &[(String, String)], state: &str) -> Result<String> {
        let uri = &self.cfg.redirect_uri;
        if let Some(err) = query_get(q, "error") {
            return Err(Error::OAuth {
                error: crate::portal::OAuthCode::parse(err),
                description: query_get(q, "error_description").unwrap_or_default(),
            });
        }
        if let Some(iss) = query_get(q, "iss") {
            if iss != self.disc.issuer {
                return Err(Error::unexpected(302, uri, Unexpected::ForeignIssuer));
            }
        }
        if query_get(q, "state").as_deref() != Some(state) {
            return Err(Error::unexpected(302, uri, Unexpected::ForeignState));
        }
        query_get(q, "code").ok_or_else(|| Error::unexpected(302, uri, Unexpected::NoCode))
    }
}
