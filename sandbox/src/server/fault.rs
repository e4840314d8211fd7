//! Faults switched on for tests: per endpoint, at start (`--fault
//! ENDPOINT:KIND[:VALUE]`) or at run time (`POST /sandbox/faults`). The
//! admin endpoints (`/sandbox/...`) are never faulted, so a fault can
//! always be cleared.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Where a fault applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Endpoint {
    /// Every endpoint but the admin ones (`*`).
    Any,
    /// Discovery, at both paths.
    Discovery,
    /// `/oauth2/jwks`.
    Jwks,
    /// `/oauth2/authorize`.
    Authorize,
    /// The login page, `/authenticationendpoint/login.do`.
    Login,
    /// `/commonauth`.
    Commonauth,
    /// `/oauth2/token`.
    Token,
    /// `/oauth2/userinfo`.
    Userinfo,
    /// `/oauth2/revoke`.
    Revoke,
    /// The protected API, `/api/...`.
    Api,
    /// The OCSP responder, `/ocsp`.
    Ocsp,
    /// CA certificates and CRLs, `/pki/...`.
    Pki,
    /// VNPT SmartCA's service API, `/sca/...`.
    Smartca,
    /// Web mode: the portal's pages and `/api/...` (not its callbacks).
    WebPortal,
    /// Web mode: the portal's callbacks (`/sso`, `dvc-callback.html`).
    WebRedirect,
    /// Web mode: the pages with a login form (WSO2's `login.do`, the
    /// Keycloak login page, SmartCA's login page).
    WebLoginPage,
    /// Web mode: the WSO2 SSO's `/commonauth`.
    WebCommonauth,
    /// Web mode: SmartCA's form posts (`/auth/login`, `/auth/wait`).
    WebSmartca,
    /// Web mode: Keycloak's `login-actions` (password, code, QR).
    WebVneid,
    /// Web mode: how a USB failure is told (only `script`).
    WebUsbError,
}

impl Endpoint {
    /// Every endpoint, in the order of the usage message.
    pub const ALL: [Endpoint; 20] = [
        Endpoint::Discovery,
        Endpoint::Jwks,
        Endpoint::Authorize,
        Endpoint::Login,
        Endpoint::Commonauth,
        Endpoint::Token,
        Endpoint::Userinfo,
        Endpoint::Revoke,
        Endpoint::Api,
        Endpoint::Ocsp,
        Endpoint::Pki,
        Endpoint::Smartca,
        Endpoint::WebPortal,
        Endpoint::WebRedirect,
        Endpoint::WebLoginPage,
        Endpoint::WebCommonauth,
        Endpoint::WebSmartca,
        Endpoint::WebVneid,
        Endpoint::WebUsbError,
        Endpoint::Any,
    ];

    /// Its name in `--fault` and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Endpoint::Any => "*",
            Endpoint::Discovery => "discovery",
            Endpoint::Jwks => "jwks",
            Endpoint::Authorize => "authorize",
            Endpoint::Login => "login",
            Endpoint::Commonauth => "commonauth",
            Endpoint::Token => "token",
            Endpoint::Userinfo => "userinfo",
            Endpoint::Revoke => "revoke",
            Endpoint::Api => "api",
            Endpoint::Ocsp => "ocsp",
            Endpoint::Pki => "pki",
            Endpoint::Smartca => "smartca",
            Endpoint::WebPortal => "web_portal",
            Endpoint::WebRedirect => "web_redirect",
            Endpoint::WebLoginPage => "web_login_page",
            Endpoint::WebCommonauth => "web_commonauth",
            Endpoint::WebSmartca => "web_smartca",
            Endpoint::WebVneid => "web_vneid",
            Endpoint::WebUsbError => "web_usb_error",
        }
    }

    /// The endpoint a path of the OIDC mode belongs to; `None` for the
    /// admin endpoints and unknown paths (only `*` faults reach those).
    /// (The web mode's endpoints depend on the host too.)
    pub fn of(path: &str) -> Option<Endpoint> {
        Some(match path {
            "/.well-known/openid-configuration"
            | "/oauth2/oidcdiscovery/.well-known/openid-configuration" => Endpoint::Discovery,
            "/oauth2/jwks" => Endpoint::Jwks,
            "/oauth2/authorize" => Endpoint::Authorize,
            "/authenticationendpoint/login.do" => Endpoint::Login,
            "/commonauth" => Endpoint::Commonauth,
            "/oauth2/token" => Endpoint::Token,
            "/oauth2/userinfo" => Endpoint::Userinfo,
            "/oauth2/revoke" => Endpoint::Revoke,
            p if p.starts_with("/api/") => Endpoint::Api,
            p if p == "/ocsp" || p.starts_with("/ocsp/") => Endpoint::Ocsp,
            p if p.starts_with("/pki/") => Endpoint::Pki,
            p if p.starts_with("/sca/") => Endpoint::Smartca,
            _ => return None,
        })
    }
}

/// What a fault does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum FaultKind {
    /// Waits VALUE milliseconds before answering.
    Delay,
    /// Answers with HTTP status VALUE and a JSON error.
    Status,
    /// Answers with a 502 HTML page (a proxy's).
    Html,
    /// Answers 200 with JSON cut in the middle.
    Truncated,
    /// Promises a 500-byte body and sends a few bytes of it. (tiny_http
    /// cannot close a kept-alive connection, so the connection then stalls
    /// until the client gives up.)
    Close,
    /// Raises the SIM / SmartCA polling interval to VALUE seconds.
    SlowDown,
    /// Issues id_tokens with another nonce.
    IdTokenNonce,
    /// Issues id_tokens for another audience.
    IdTokenAudience,
    /// Issues id_tokens with a broken signature.
    IdTokenSignature,
    /// Web mode, `web_login_page`: the login form is missing (the portal
    /// changed its page).
    HtmlMissingForm,
    /// Web mode, `web_redirect`: after a login the portal redirects to
    /// `https://evil.example/`.
    Foreign,
    /// Web mode, `web_redirect`: the callback sets a new session cookie
    /// but binds no account to it (the check page sends it to the login).
    Unbound,
    /// Web mode, `web_redirect`: the callback binds the account but keeps
    /// the pre-login `JSESSIONID` (sets no new cookie).
    Kept,
    /// Web mode, `web_redirect`: the callback redirects to itself for ever
    /// (a redirect loop), binding nothing.
    Loop,
    /// Web mode, `web_usb_error`: a USB failure is the login page again,
    /// with the code in its script (`let USB_ERROR_CODE = '…'`).
    Script,
    /// Web mode, `web_commonauth`: every authentication fails with the
    /// code VALUE (`PKI_FAILURE_ERROR_CODE`, …).
    Fail,
    /// Web mode, `web_commonauth`: as `fail`, but the code comes in
    /// `CUS_CODE` (as sister SSOs send it), not `authFailureMsg`.
    CusCode,
    /// Web mode, `web_commonauth`: the login's `sessionDataKey` is spent
    /// by the time the form comes back (`/commonauth` answers `retry.do`);
    /// `web_vneid`: the page's `session_code` is stale by the time the
    /// form comes back (Keycloak's "page has expired").
    Expired,
}

impl FaultKind {
    /// Every kind, in the order of the usage message.
    pub const ALL: [FaultKind; 18] = [
        FaultKind::Delay,
        FaultKind::Status,
        FaultKind::Html,
        FaultKind::Truncated,
        FaultKind::Close,
        FaultKind::SlowDown,
        FaultKind::IdTokenNonce,
        FaultKind::IdTokenAudience,
        FaultKind::IdTokenSignature,
        FaultKind::HtmlMissingForm,
        FaultKind::Foreign,
        FaultKind::Unbound,
        FaultKind::Kept,
        FaultKind::Loop,
        FaultKind::Script,
        FaultKind::Fail,
        FaultKind::CusCode,
        FaultKind::Expired,
    ];

    /// Its name in `--fault` and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            FaultKind::Delay => "delay",
            FaultKind::Status => "status",
            FaultKind::Html => "html",
            FaultKind::Truncated => "truncated",
            FaultKind::Close => "close",
            FaultKind::SlowDown => "slow_down",
            FaultKind::IdTokenNonce => "id_token_nonce",
            FaultKind::IdTokenAudience => "id_token_audience",
            FaultKind::IdTokenSignature => "id_token_signature",
            FaultKind::HtmlMissingForm => "html_missing_form",
            FaultKind::Foreign => "foreign",
            FaultKind::Unbound => "unbound",
            FaultKind::Kept => "kept",
            FaultKind::Loop => "loop",
            FaultKind::Script => "script",
            FaultKind::Fail => "fail",
            FaultKind::CusCode => "cus_code",
            FaultKind::Expired => "expired",
        }
    }

    /// What its VALUE means, for the kinds that need one.
    fn value(self) -> Option<&'static str> {
        match self {
            FaultKind::Delay => Some("milliseconds"),
            FaultKind::Status => Some("an HTTP status, 100 to 599"),
            FaultKind::SlowDown => Some("seconds, at least 1"),
            _ => None,
        }
    }

    /// The endpoints a web-only kind applies to (empty: any).
    fn only_on(self) -> &'static [Endpoint] {
        match self {
            FaultKind::HtmlMissingForm => &[Endpoint::WebLoginPage],
            FaultKind::Foreign | FaultKind::Unbound | FaultKind::Kept | FaultKind::Loop => {
                &[Endpoint::WebRedirect]
            }
            FaultKind::Script => &[Endpoint::WebUsbError],
            FaultKind::Fail | FaultKind::CusCode => &[Endpoint::WebCommonauth],
            FaultKind::Expired => &[Endpoint::WebCommonauth, Endpoint::WebVneid],
            _ => &[],
        }
    }

    /// Whether the kind carries a failure code (`fail:CODE`).
    fn takes_code(self) -> bool {
        matches!(self, FaultKind::Fail | FaultKind::CusCode)
    }
}

fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> String {
    all.iter().map(|x| name(*x)).collect::<Vec<_>>().join(", ")
}

impl FromStr for Endpoint {
    type Err = String;

    fn from_str(s: &str) -> Result<Endpoint, String> {
        Endpoint::ALL
            .into_iter()
            .find(|e| e.name() == s)
            .ok_or_else(|| {
                format!(
                    "unknown fault endpoint {s:?}; accepted: {}",
                    names(&Endpoint::ALL, Endpoint::name)
                )
            })
    }
}

impl FromStr for FaultKind {
    type Err = String;

    fn from_str(s: &str) -> Result<FaultKind, String> {
        FaultKind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                format!(
                    "unknown fault kind {s:?}; accepted: {}",
                    names(&FaultKind::ALL, FaultKind::name)
                )
            })
    }
}

impl TryFrom<String> for Endpoint {
    type Error = String;

    fn try_from(s: String) -> Result<Endpoint, String> {
        s.parse()
    }
}

impl From<Endpoint> for String {
    fn from(e: Endpoint) -> String {
        e.name().to_string()
    }
}

impl TryFrom<String> for FaultKind {
    type Error = String;

    fn try_from(s: String) -> Result<FaultKind, String> {
        s.parse()
    }
}

impl From<FaultKind> for String {
    fn from(k: FaultKind) -> String {
        k.name().to_string()
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for FaultKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A fault switched on for an endpoint. In JSON: `{"endpoint": "token",
/// "kind": "status", "value": 502}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fault {
    /// Where it applies.
    pub endpoint: Endpoint,
    /// What it does.
    pub kind: FaultKind,
    /// The number the kind needs (0 for the others).
    pub value: u64,
    /// The failure code of `fail`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

#[derive(Deserialize)]
struct FaultJson {
    endpoint: Endpoint,
    kind: FaultKind,
    #[serde(default)]
    value: Option<serde_json::Value>,
    #[serde(default)]
    code: Option<String>,
}

impl<'de> Deserialize<'de> for Fault {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Fault, D::Error> {
        let j = FaultJson::deserialize(d)?;
        if j.kind.takes_code() {
            let code = j
                .code
                .or_else(|| {
                    j.value
                        .as_ref()
                        .and_then(|v| v.as_str())
                        .map(str::to_string)
                })
                .unwrap_or_default();
            return Fault::coded(j.endpoint, j.kind, &code).map_err(serde::de::Error::custom);
        }
        let value = match j.value {
            None => None,
            Some(v) => Some(v.as_u64().ok_or_else(|| {
                serde::de::Error::custom(format!("{v} is not a value for {}", j.kind))
            })?),
        };
        // A JSON value of 0 on a kind that takes none is the serialised form.
        let value = value.filter(|v| *v != 0 || j.kind.value().is_some());
        Fault::new(j.endpoint, j.kind, value).map_err(serde::de::Error::custom)
    }
}

impl Fault {
    /// A fault, checked: `value` is given exactly when the kind needs one.
    pub fn new(endpoint: Endpoint, kind: FaultKind, value: Option<u64>) -> Result<Fault, String> {
        if kind.takes_code() {
            return Err(format!("{kind} needs a failure code ({kind}:CODE)"));
        }
        Fault::fits(endpoint, kind)?;
        let value = match (kind.value(), value) {
            (Some(what), None) => return Err(format!("{kind} needs a value: {what}")),
            (None, Some(_)) => return Err(format!("{kind} takes no value")),
            (None, None) => 0,
            (Some(_), Some(v)) => v,
        };
        let ok = match kind {
            FaultKind::Status => (100..=599).contains(&value),
            FaultKind::SlowDown => value >= 1,
            _ => true,
        };
        if !ok {
            return Err(format!(
                "{value} is not a value for {kind}: {}",
                kind.value().unwrap_or("none")
            ));
        }
        Ok(Fault {
            endpoint,
            kind,
            value,
            code: None,
        })
    }

    /// A `fail` fault: the authentication fails with `code` (letters,
    /// digits, `_` and `.`, as WSO2's `login.fail.message`).
    pub fn failing(endpoint: Endpoint, code: &str) -> Result<Fault, String> {
        Fault::coded(endpoint, FaultKind::Fail, code)
    }

    /// A fault of a kind that carries a failure code (`fail`, `cus_code`).
    pub fn coded(endpoint: Endpoint, kind: FaultKind, code: &str) -> Result<Fault, String> {
        if !kind.takes_code() {
            return Err(format!("{kind} takes no failure code"));
        }
        Fault::fits(endpoint, kind)?;
        if code.is_empty()
            || !code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        {
            return Err(format!(
                "{code:?} is not a failure code (letters, digits, _ and .)"
            ));
        }
        Ok(Fault {
            endpoint,
            kind,
            value: 0,
            code: Some(code.to_string()),
        })
    }

    /// Whether a kind may be switched on for an endpoint: the web-only
    /// kinds on their endpoint only, and `web_usb_error` takes only `script`.
    fn fits(endpoint: Endpoint, kind: FaultKind) -> Result<(), String> {
        let only = kind.only_on();
        if !only.is_empty() && !only.contains(&endpoint) {
            return Err(format!(
                "{kind} applies to {} only",
                names(only, Endpoint::name)
            ));
        }
        if only.is_empty() && endpoint == Endpoint::WebUsbError {
            return Err(format!("{endpoint} takes only {}", FaultKind::Script));
        }
        Ok(())
    }

    /// Whether it applies to a request of `endpoint` (`None`: an unknown path).
    pub fn applies_to(&self, endpoint: Option<Endpoint>) -> bool {
        self.endpoint == Endpoint::Any || Some(self.endpoint) == endpoint
    }
}

impl FromStr for Fault {
    type Err = String;

    /// Parses `ENDPOINT:KIND[:VALUE]` (the `--fault` form).
    fn from_str(s: &str) -> Result<Fault, String> {
        let mut it = s.splitn(3, ':');
        let (Some(endpoint), Some(kind)) = (it.next(), it.next()) else {
            return Err(format!("{s:?} is not ENDPOINT:KIND[:VALUE]"));
        };
        let (endpoint, kind): (Endpoint, FaultKind) = (endpoint.parse()?, kind.parse()?);
        if kind.takes_code() {
            return Fault::coded(endpoint, kind, it.next().unwrap_or(""));
        }
        let value = it
            .next()
            .map(|v| {
                v.parse::<u64>()
                    .map_err(|_| format!("{v:?} is not a number"))
            })
            .transpose()?;
        Fault::new(endpoint, kind, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cli_form() {
        assert_eq!(
            "token:status:502".parse::<Fault>().unwrap(),
            Fault {
                endpoint: Endpoint::Token,
                kind: FaultKind::Status,
                value: 502,
                code: None,
            }
        );
        assert_eq!("*:html".parse::<Fault>().unwrap().endpoint, Endpoint::Any);
        assert_eq!(
            "commonauth:slow_down:7".parse::<Fault>().unwrap().kind,
            FaultKind::SlowDown
        );
        let e = "tokn:html".parse::<Fault>().unwrap_err();
        assert!(
            e.contains("\"tokn\"") && e.contains("discovery") && e.contains("*"),
            "{e}"
        );
        let e = "token:htm".parse::<Fault>().unwrap_err();
        assert!(e.contains("\"htm\"") && e.contains("slow_down"), "{e}");
        for bad in [
            "token",
            "",
            "token:status",
            "token:status:9",
            "token:html:3",
            "token:delay:x",
            "commonauth:slow_down:0",
        ] {
            assert!(bad.parse::<Fault>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_json_form() {
        let f: Fault = serde_json::from_str(r#"{"endpoint": "token", "kind": "html"}"#).unwrap();
        assert_eq!(
            (f.endpoint, f.kind, f.value),
            (Endpoint::Token, FaultKind::Html, 0)
        );
        let back: Fault = serde_json::from_value(serde_json::to_value(&f).unwrap()).unwrap();
        assert_eq!(back, f);
        let e = serde_json::from_str::<Fault>(r#"{"endpoint": "nope", "kind": "html"}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("accepted"), "{e}");
        assert!(serde_json::from_str::<Fault>(r#"{"endpoint": "api", "kind": "status"}"#).is_err());
    }

    #[test]
    fn the_web_kinds() {
        let f: Fault = "web_commonauth:fail:PKI_FAILURE_ERROR_CODE"
            .parse()
            .unwrap();
        assert_eq!(f.code.as_deref(), Some("PKI_FAILURE_ERROR_CODE"));
        let back: Fault = serde_json::from_value(serde_json::to_value(&f).unwrap()).unwrap();
        assert_eq!(back, f);
        let j: Fault = serde_json::from_str(
            r#"{"endpoint": "web_commonauth", "kind": "fail", "value": "X_1"}"#,
        )
        .unwrap();
        assert_eq!(j.code.as_deref(), Some("X_1"));
        "web_login_page:html_missing_form".parse::<Fault>().unwrap();
        "web_redirect:foreign".parse::<Fault>().unwrap();
        "web_redirect:loop".parse::<Fault>().unwrap();
        "web_usb_error:script".parse::<Fault>().unwrap();
        "web_portal:status:503".parse::<Fault>().unwrap();
        let f: Fault = "web_commonauth:fail:login.fail.message".parse().unwrap();
        assert_eq!(f.code.as_deref(), Some("login.fail.message"));
        let f: Fault = "web_commonauth:cus_code:PKI_FAILURE_ERROR_CODE"
            .parse()
            .unwrap();
        assert_eq!(
            (f.kind, f.code.as_deref()),
            (FaultKind::CusCode, Some("PKI_FAILURE_ERROR_CODE"))
        );
        let back: Fault = serde_json::from_value(serde_json::to_value(&f).unwrap()).unwrap();
        assert_eq!(back, f);
        "web_commonauth:expired".parse::<Fault>().unwrap();
        "web_vneid:expired".parse::<Fault>().unwrap();
        let e = "web_portal:expired".parse::<Fault>().unwrap_err();
        assert!(e.contains("web_commonauth, web_vneid"), "{e}");
        for bad in [
            "web_commonauth:cus_code",
            "web_vneid:cus_code:X",
            "web_commonauth:expired:3",
            "web_commonauth:fail",
            "web_commonauth:fail:a b",
            "token:fail:X",
            "web_portal:foreign",
            "web_portal:loop",
            "web_redirect:loop:3",
            "web_usb_error:html",
            "login:html_missing_form",
        ] {
            assert!(bad.parse::<Fault>().is_err(), "{bad}");
        }
    }

    #[test]
    fn admin_paths_are_no_endpoint() {
        assert_eq!(Endpoint::of("/sandbox/faults"), None);
        assert_eq!(Endpoint::of("/ocsp/MEIw"), Some(Endpoint::Ocsp));
        assert_eq!(Endpoint::of("/pki/ca.crl"), Some(Endpoint::Pki));
        let any = Fault::new(Endpoint::Any, FaultKind::Html, None).unwrap();
        assert!(any.applies_to(None) && any.applies_to(Some(Endpoint::Token)));
    }
}
