//! The web mode (`docs/sandbox-web.md`): the pages a browser sees, over
//! HTTPS under the portals' host names, so that dvc's recipes log in
//! against the sandbox unchanged through `--connect-to` and `--ca-file`.
//!
//! One module per concern:
//!
//! * [`tls`]: the sandbox TLS CA, the server certificate, the HTTPS server;
//! * `rp`: the relying party (the portal): login links, callbacks, the
//!   session cookie, the check page, `/api/...`, logout;
//! * `wso2`: the WSO2-style SSO: `/oauth2/authorize`, `login.do` with the
//!   USB and SIM forms and the SmartCA tab, `/commonauth`, `retry.do`;
//! * `smartca`: VNPT SmartCA's login and waiting pages;
//! * `keycloak`: the VNeID realm: login, one-time code, lockout, QR;
//! * `pages`: the HTML templates (Vietnamese, as the real pages).
//!
//! Requests are dispatched by `Host` (and the TLS server name must agree);
//! the admin API (`/sandbox/...`) answers on every host name, never
//! faulted. Transactions (SIM, SmartCA, the VNeID app) are the OIDC mode's.

mod keycloak;
mod pages;
mod rp;
mod smartca;
pub(crate) mod tls;
mod wso2;

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::fault::{Endpoint, Fault, FaultKind};
use super::http::{rand_b64, Reply, Req};
use super::Sandbox;
use tls::Answer;

/// How the SIM tab answers while the phone has not decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SimWait {
    /// The POST is answered only once the phone decided (or the request expired).
    Held,
    /// A waiting page that the browser re-submits.
    #[default]
    Page,
}

/// The options of the web mode.
#[derive(Debug, Clone)]
pub struct WebOptions {
    /// The HTTPS port on 127.0.0.1 (0: any free one).
    pub port: u16,
    /// How the SIM tab waits.
    pub sim_wait: SimWait,
    /// Every demo account's VNeID password.
    pub vneid_password: String,
    /// The VNeID one-time code to send (else a random one each time).
    pub vneid_otp: Option<String>,
}

impl Default for WebOptions {
    /// A free port, waiting pages, the password `Vneid@2025`, random codes.
    fn default() -> WebOptions {
        WebOptions {
            port: 0,
            sim_wait: SimWait::Page,
            vneid_password: DEFAULT_VNEID_PASSWORD.into(),
            vneid_otp: None,
        }
    }
}

/// The demo accounts' VNeID password unless `--vneid-password` says another.
pub const DEFAULT_VNEID_PASSWORD: &str = "Vneid@2025";

/// What a host name serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Site {
    /// The relying party (the portal).
    Portal,
    /// The WSO2 SSO.
    Sso,
    /// VNPT SmartCA's login pages.
    Smartca,
    /// The VNeID Keycloak.
    Vneid,
}

/// Which set of host names: a page redirects only within its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// The real portals' names (recipes dvcqg, dvcqg-legacy).
    Real,
    /// The sandbox's own `.test` names (recipe sandbox-web).
    Test,
}

/// Each site's real and sandbox host names.
const SITES: [(Site, &str, &str); 4] = [
    (Site::Portal, "dichvucong.gov.vn", "portal.dvc-sandbox.test"),
    (
        Site::Sso,
        "xacthuc.dichvucong.gov.vn",
        "sso.dvc-sandbox.test",
    ),
    (Site::Smartca, "smartca.vnpt.vn", "smartca.dvc-sandbox.test"),
    (
        Site::Vneid,
        "sso.dancuquocgia.gov.vn",
        "vneid.dvc-sandbox.test",
    ),
];

/// Every host name the web mode answers (its certificate names them all).
pub const HOSTS: [&str; 8] = [
    "dichvucong.gov.vn",
    "xacthuc.dichvucong.gov.vn",
    "smartca.vnpt.vn",
    "sso.dancuquocgia.gov.vn",
    "portal.dvc-sandbox.test",
    "sso.dvc-sandbox.test",
    "smartca.dvc-sandbox.test",
    "vneid.dvc-sandbox.test",
];

impl Family {
    /// The host name of `site` in this family.
    pub(crate) fn host(self, site: Site) -> &'static str {
        let (_, real, test) = SITES
            .iter()
            .find(|(s, _, _)| *s == site)
            .copied()
            .unwrap_or(SITES[0]);
        match self {
            Family::Real => real,
            Family::Test => test,
        }
    }

    /// `https://HOST` of `site`.
    pub(crate) fn origin(self, site: Site) -> String {
        format!("https://{}", self.host(site))
    }
}

fn site_of(host: &str) -> Option<(Site, Family)> {
    SITES.iter().find_map(|(s, real, test)| {
        if host == *real {
            Some((*s, Family::Real))
        } else if host == *test {
            Some((*s, Family::Test))
        } else {
            None
        }
    })
}

/// How many requests `/sandbox/web/requests` keeps.
const LOGGED: usize = 200;

/// An authorization code of either SSO, for the relying party's callback.
pub(crate) struct WebCode {
    pub(crate) account: String,
    pub(crate) method: String,
    pub(crate) client_id: String,
    pub(crate) redirect_uri: String,
    pub(crate) created: Instant,
    pub(crate) used: bool,
}

/// A one-time code sent for a VNeID login.
#[derive(Clone)]
pub(crate) struct Otp {
    pub(crate) id: String,
    pub(crate) otp: String,
    pub(crate) issued_at: String,
}

/// The web mode's runtime state.
#[derive(Default)]
pub(crate) struct WebRt {
    /// The portal's sessions by `JSESSIONID`.
    pub(crate) rp: HashMap<String, rp::RpSession>,
    /// WSO2 logins by `sessionDataKey`.
    pub(crate) wso2: HashMap<String, wso2::Wso2Login>,
    /// SmartCA hops: the opaque `state` given to SmartCA → `sessionDataKey`.
    pub(crate) hops: HashMap<String, String>,
    /// Authorization codes of both SSOs.
    pub(crate) codes: HashMap<String, WebCode>,
    /// Keycloak authentication sessions by `AUTH_SESSION_ID`.
    pub(crate) kc: HashMap<String, keycloak::KcSession>,
    /// Wrong VNeID passwords in a row, by account id.
    pub(crate) failures: HashMap<String, u32>,
    /// Locked VNeID accounts, until when.
    pub(crate) locked: HashMap<String, Instant>,
    /// One-time codes sent.
    pub(crate) otps: Vec<Otp>,
    /// The last requests (host, method, path, cookie names).
    pub(crate) requests: VecDeque<Value>,
}

/// A fresh random UUID (version 4), as WSO2 and Keycloak make them.
pub(crate) fn uuid() -> String {
    let mut b = [0u8; 16];
    crate::server::http::random_fill(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// `Set-Cookie` value: `Secure; HttpOnly` always, with `extra` attributes.
pub(crate) fn cookie(name: &str, value: &str, path: &str, extra: &str) -> String {
    format!("{name}={value}; Path={path}; Secure; HttpOnly{extra}")
}

/// The Vietnamese "page not found" of every site.
fn not_found(req: &Req) -> Reply {
    Reply::html(
        404,
        &pages::simple(
            "Không tìm thấy trang",
            &format!(
                "Không tìm thấy trang {} {}.",
                pages::esc(&req.method),
                pages::esc(&req.path)
            ),
        ),
    )
}

/// What a request to the web mode is, for faults.
fn endpoint_of(site: Site, method: &str, path: &str) -> Option<Endpoint> {
    Some(match (site, method, path) {
        (Site::Portal, _, "/sso" | "/p/home/dvc-callback.html") => Endpoint::WebRedirect,
        (Site::Portal, _, _) => Endpoint::WebPortal,
        (Site::Sso, _, "/authenticationendpoint/login.do") => Endpoint::WebLoginPage,
        (Site::Sso, _, "/commonauth") => Endpoint::WebCommonauth,
        (Site::Smartca, "GET", "/auth/login") => Endpoint::WebLoginPage,
        (Site::Smartca, _, _) => Endpoint::WebSmartca,
        (Site::Vneid, "GET", p) if p.ends_with("/protocol/openid-connect/auth") => {
            Endpoint::WebLoginPage
        }
        (Site::Vneid, _, p) if p.contains("/login-actions/") => Endpoint::WebVneid,
        _ => return None,
    })
}

impl Sandbox {
    /// Answers a request of the HTTPS listener.
    pub(crate) fn web_request(&self, req: &Req, sni: Option<&str>) -> Answer {
        if req.path.starts_with("/sandbox/") {
            return Answer::Reply(self.admin_route(req));
        }
        let host = req
            .header("host")
            .map(|h| h.rsplit_once(':').map(|(h, _)| h).unwrap_or(h))
            .unwrap_or("")
            .trim_end_matches('.')
            .to_ascii_lowercase();
        let misdirected = || {
            Answer::Reply(Reply::html(
                421,
                &pages::simple(
                    "421 Misdirected Request",
                    "Máy chủ này không phục vụ tên miền được yêu cầu.",
                ),
            ))
        };
        let Some((site, family)) = site_of(&host) else {
            return misdirected();
        };
        if sni.is_some_and(|s| !s.eq_ignore_ascii_case(&host)) {
            return misdirected();
        }
        self.log_request(&host, req);
        let endpoint = endpoint_of(site, &req.method, &req.path);
        if let Some(a) = self.generic_web_fault(endpoint) {
            return a;
        }
        Answer::Reply(match site {
            Site::Portal => self.rp_route(family, req),
            Site::Sso => self.wso2_route(family, req),
            Site::Smartca => self.smartca_route(family, req),
            Site::Vneid => self.keycloak_route(family, req),
        })
    }

    pub(crate) fn web(&self) -> std::sync::MutexGuard<'_, WebRt> {
        self.web.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The web mode's options (its defaults when it is off).
    pub(crate) fn web_opts(&self) -> WebOptions {
        self.opts.web.clone().unwrap_or_default()
    }

    fn log_request(&self, host: &str, req: &Req) {
        let cookies: Vec<String> = req
            .header("cookie")
            .unwrap_or("")
            .split(';')
            .filter_map(|c| c.split_once('=').map(|(k, _)| k.trim().to_string()))
            .filter(|k| !k.is_empty())
            .collect();
        let mut w = self.web();
        if w.requests.len() >= LOGGED {
            w.requests.pop_front();
        }
        w.requests.push_back(json!({
            "host": host, "method": req.method, "path": req.path, "cookies": cookies,
        }));
    }

    /// `GET /sandbox/web/requests`.
    pub(crate) fn web_requests(&self) -> Reply {
        let list: Vec<Value> = self.web().requests.iter().cloned().collect();
        Reply::json(200, json!({"requests": list}))
    }

    /// `GET /sandbox/otp`.
    pub(crate) fn web_otps(&self) -> Reply {
        let list: Vec<Value> = self
            .web()
            .otps
            .iter()
            .map(|o| json!({"id": o.id, "otp": o.otp, "issued_at": o.issued_at}))
            .collect();
        Reply::json(200, json!({"otps": list}))
    }

    /// The first fault of `kind` switched on for `endpoint`.
    pub(crate) fn web_fault(&self, endpoint: Endpoint, kind: FaultKind) -> Option<Fault> {
        self.rt()
            .faults
            .iter()
            .find(|f| f.endpoint == endpoint && f.kind == kind)
            .cloned()
    }

    /// The faults that change how any endpoint answers (delay, status,
    /// html, truncated, close).
    fn generic_web_fault(&self, endpoint: Option<Endpoint>) -> Option<Answer> {
        let faults: Vec<Fault> = self
            .rt()
            .faults
            .iter()
            .filter(|f| f.applies_to(endpoint))
            .cloned()
            .collect();
        for f in faults {
            match f.kind {
                FaultKind::Delay => std::thread::sleep(Duration::from_millis(f.value)),
                FaultKind::Status => {
                    let status = u16::try_from(f.value).unwrap_or(500);
                    return Some(Answer::Reply(Reply::html(
                        status,
                        &pages::simple(
                            &format!("Lỗi {status}"),
                            "Hệ thống đang bận, vui lòng thử lại sau.",
                        ),
                    )));
                }
                FaultKind::Html => {
                    return Some(Answer::Reply(Reply::html(502, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>")));
                }
                FaultKind::Truncated => {
                    return Some(Answer::Truncated(Reply::html(
                        200,
                        &pages::simple("Cổng Dịch vụ công Quốc gia", "Đang tải…"),
                    )))
                }
                FaultKind::Close => return Some(Answer::Close),
                _ => {}
            }
        }
        None
    }

    /// A new authorization code for the relying party.
    pub(crate) fn web_code(
        &self,
        account: &str,
        method: &str,
        client_id: &str,
        redirect_uri: &str,
    ) -> String {
        let code = rand_b64(24);
        let mut w = self.web();
        w.codes
            .retain(|_, c| c.created.elapsed() < Duration::from_secs(600));
        w.codes.insert(
            code.clone(),
            WebCode {
                account: account.into(),
                method: method.into(),
                client_id: client_id.into(),
                redirect_uri: redirect_uri.into(),
                created: Instant::now(),
                used: false,
            },
        );
        code
    }

    /// Exchanges a code (in-process, as the portal's back channel would):
    /// the account and method, once, within 60 s, for the same client and
    /// redirect URI.
    pub(crate) fn web_exchange(
        &self,
        code: &str,
        client_id: &str,
        redirect_uri: &str,
    ) -> Option<(String, String)> {
        let mut w = self.web();
        let c = w.codes.get_mut(code)?;
        if c.used
            || c.created.elapsed() > Duration::from_secs(60)
            || c.client_id != client_id
            || c.redirect_uri != redirect_uri
        {
            return None;
        }
        c.used = true;
        Some((c.account.clone(), c.method.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names() {
        assert_eq!(
            site_of("xacthuc.dichvucong.gov.vn"),
            Some((Site::Sso, Family::Real))
        );
        assert_eq!(
            site_of("vneid.dvc-sandbox.test"),
            Some((Site::Vneid, Family::Test))
        );
        assert_eq!(site_of("evil.example"), None);
        for (s, real, test) in SITES {
            assert_eq!(Family::Real.host(s), real);
            assert_eq!(Family::Test.origin(s), format!("https://{test}"));
            assert!(HOSTS.contains(&real) && HOSTS.contains(&test));
        }
        let u = uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
    }
}
