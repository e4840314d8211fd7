//! Authenticated requests to a portal's API (portal-login.md §8): the
//! credential goes only to the session's own origin, which the caller
//! checked with [`within`].

use crate::error::{Error, Result};
use crate::net::{Http, Request};

/// An API answer.
#[derive(Debug, Clone)]
pub struct ApiAnswer {
    /// The status.
    pub status: u16,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

/// What authenticates an API request.
#[derive(Debug, Clone, Copy)]
pub enum Credential<'a> {
    /// `Authorization: Bearer …`.
    Bearer(&'a str),
    /// The cookies of the client's jar (a web session).
    Cookies,
}

/// Whether `target` lies under `base`: same origin, and a path at or below
/// base's path (the credential never leaves for another origin).
pub fn within(target: &url::Url, base: &url::Url) -> bool {
    let prefix = base.path().trim_end_matches('/');
    target.origin() == base.origin()
        && (target.path() == prefix
            || prefix.is_empty()
            || target.path().starts_with(&format!("{prefix}/")))
}

/// Sends one request.
pub fn request(
    http: &Http,
    method: &str,
    url: &str,
    credential: Credential<'_>,
    headers: &[(String, String)],
    body: Option<Vec<u8>>,
) -> Result<ApiAnswer> {
    let m = reqwest::Method::from_bytes(method.as_bytes()).map_err(|_| Error::Usage {
        message: format!("{method}: not an HTTP method"),
        hint: None,
    })?;
    let mut r = Request {
        method: m,
        url,
        headers: headers.to_vec(),
        bearer: None,
        body: None,
        timeout: None,
    };
    if let Credential::Bearer(t) = credential {
        r.bearer = Some(t);
    }
    if let Some(b) = body {
        let ct = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| "application/json".into());
        r.headers
            .retain(|(k, _)| !k.eq_ignore_ascii_case("content-type"));
        r.body = Some((ct, b));
    }
    let a = http.send(r).map_err(|e| super::oidc::net(url, e))?;
    let headers = a
        .headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    Ok(ApiAnswer {
        status: a.status,
        headers,
        body: a.body,
    })
}

#[cfg(test)]
mod tests {
    use super::within;

    #[test]
    fn credentials_stay_under_the_base() {
        let u = |s: &str| url::Url::parse(s).unwrap();
        assert!(within(&u("https://a.vn/api/me"), &u("https://a.vn")));
        assert!(within(&u("https://a.vn/api/me"), &u("https://a.vn/api")));
        assert!(!within(&u("https://a.vn/apix"), &u("https://a.vn/api")));
        assert!(!within(&u("https://b.vn/api/me"), &u("https://a.vn")));
        assert!(!within(&u("http://a.vn/api/me"), &u("https://a.vn")));
        assert!(!within(&u("https://a.vn:444/"), &u("https://a.vn")));
    }
}
