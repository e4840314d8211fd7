//! The relying party, the portal itself (`dichvucong.gov.vn`): its two
//! login links (VNeID through Keycloak, the legacy accounts through WSO2),
//! its callbacks, which exchange the code in-process and rotate the
//! `JSESSIONID` cookie, the pages a session opens, `/api/...`, and logout.

use std::time::{Duration, Instant};

use serde_json::json;

use super::super::fault::{Endpoint, FaultKind};
use super::super::http::{enc, rand_b64, Reply, Req};
use super::super::Sandbox;
use super::{cookie, not_found, pages, Family, Site};

/// The portal's client at the VNeID Keycloak.
pub(crate) const VNEID_CLIENT: &str = "sso-c12-dvc-web";
/// The portal's client at the WSO2 SSO.
pub(crate) const WSO2_CLIENT: &str = "dvcqg-portal";
/// The VNeID callback.
pub(crate) const VNEID_CALLBACK: &str = "/sso";
/// The WSO2 callback.
pub(crate) const WSO2_CALLBACK: &str = "/p/home/dvc-callback.html";
/// The home page, where a login ends.
const HOME: &str = "/p/home/dvc-trang-chu.html";
/// The VNeID login link.
const LOGIN: &str = "/p/home/dvc-dang-nhap.html";
/// The legacy accounts' login link.
const LOGIN_LEGACY: &str = "/p/home/dvc-dang-nhap-tai-khoan-cu.html";
/// A session's lifetime (and its cookie's Max-Age).
const SESSION_TTL: u64 = 1800;

/// A `JSESSIONID` of the portal: before the login (the login's `state`),
/// or logged in (an account).
pub(crate) struct RpSession {
    account: Option<String>,
    method: String,
    state: String,
    expires: Instant,
}

fn session_id() -> String {
    let mut b = [0u8; 16];
    crate::server::http::random_fill(&mut b);
    crate::hex_upper(&b)
}

impl Sandbox {
    /// Routes the portal's paths.
    pub(crate) fn rp_route(&self, fam: Family, req: &Req) -> Reply {
        match (req.method.as_str(), req.path.as_str()) {
            ("GET", LOGIN) => self.rp_login(fam, false),
            ("GET", LOGIN_LEGACY) => self.rp_login(fam, true),
            ("GET", VNEID_CALLBACK) => self.rp_callback(fam, req, VNEID_CLIENT, VNEID_CALLBACK),
            ("GET", WSO2_CALLBACK) => self.rp_callback(fam, req, WSO2_CLIENT, WSO2_CALLBACK),
            ("GET", "/" | HOME) => self.rp_home(fam, req),
            ("GET", "/p/home/dvc-thong-tin-tai-khoan.html") => self.rp_account_page(fam, req),
            ("GET", "/p/home/dvc-dang-xuat.html") => self.rp_logout(fam, req),
            (_, p) if p.starts_with("/api/") => self.rp_api(req),
            _ => not_found(req),
        }
    }

    /// A login link: a pre-login `JSESSIONID`, then the SSO.
    fn rp_login(&self, fam: Family, legacy: bool) -> Reply {
        let id = session_id();
        let state = rand_b64(24);
        let portal = fam.origin(Site::Portal);
        let to = if legacy {
            format!(
                "{}/oauth2/authorize?response_type=code&client_id={WSO2_CLIENT}&redirect_uri={}&scope=openid&state={state}",
                fam.origin(Site::Sso),
                enc(&format!("{portal}{WSO2_CALLBACK}"))
            )
        } else {
            format!(
                "{}/realms/vneid/protocol/openid-connect/auth?client_id={VNEID_CLIENT}&redirect_uri={}&response_type=code&scope=openid&state={state}&nonce={}",
                fam.origin(Site::Vneid),
                enc(&format!("{portal}{VNEID_CALLBACK}")),
                rand_b64(24)
            )
        };
        let mut w = self.web();
        let now = Instant::now();
        w.rp.retain(|_, s| s.expires > now);
        w.rp.insert(
            id.clone(),
            RpSession {
                account: None,
                method: String::new(),
                state,
                expires: now + Duration::from_secs(SESSION_TTL),
            },
        );
        Reply::redirect(&to).with_header("Set-Cookie", &cookie("JSESSIONID", &id, "/", ""))
    }

    /// A callback: the code exchanged, the state checked, a new session.
    fn rp_callback(&self, fam: Family, req: &Req, client: &str, path: &str) -> Reply {
        let refuse =
            |why: &str| Reply::html(400, &pages::simple("Đăng nhập không thành công", why));
        // A portal whose callback sends the browser back to itself: the
        // same URL again and again, nothing exchanged, nothing bound.
        if self
            .web_fault(Endpoint::WebRedirect, FaultKind::Loop)
            .is_some()
        {
            let mut query: Vec<(&String, &String)> = req.query.iter().collect();
            query.sort();
            let query = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(query)
                .finish();
            return Reply::redirect(&format!("{}{path}?{query}", fam.origin(Site::Portal)));
        }
        if let Some(e) = req.query.get("error") {
            return refuse(&format!("Hệ thống xác thực từ chối đăng nhập ({e})."));
        }
        let Some(old) = req.cookie("JSESSIONID") else {
            return refuse("Phiên đăng nhập không tồn tại (thiếu cookie).");
        };
        let state = req.query.get("state").cloned().unwrap_or_default();
        let known =
            self.web().rp.get(&old).is_some_and(|s| {
                s.account.is_none() && s.state == state && s.expires > Instant::now()
            });
        if !known {
            return refuse("Tham số state không khớp với phiên đăng nhập.");
        }
        let code = req.query.get("code").cloned().unwrap_or_default();
        let redirect_uri = format!("{}{path}", fam.origin(Site::Portal));
        let Some((account, method)) = self.web_exchange(&code, client, &redirect_uri) else {
            return refuse("Mã xác thực không hợp lệ, đã dùng hoặc đã hết hạn.");
        };
        let unbound = self
            .web_fault(Endpoint::WebRedirect, FaultKind::Unbound)
            .is_some();
        let kept = self
            .web_fault(Endpoint::WebRedirect, FaultKind::Kept)
            .is_some();
        let id = if kept { old.clone() } else { session_id() };
        {
            let mut w = self.web();
            w.rp.remove(&old);
            w.rp.insert(
                id.clone(),
                RpSession {
                    account: (!unbound).then_some(account),
                    method,
                    state: String::new(),
                    expires: Instant::now() + Duration::from_secs(SESSION_TTL),
                },
            );
        }
        let to = if self
            .web_fault(Endpoint::WebRedirect, FaultKind::Foreign)
            .is_some()
        {
            "https://evil.example/".to_string()
        } else {
            format!("{}{HOME}", fam.origin(Site::Portal))
        };
        if kept {
            return Reply::redirect(&to);
        }
        Reply::redirect(&to).with_header(
            "Set-Cookie",
            &cookie("JSESSIONID", &id, "/", &format!("; Max-Age={SESSION_TTL}")),
        )
    }

    /// The live session of a request: its account id and method.
    fn rp_session(&self, req: &Req) -> Option<(String, String)> {
        let id = req.cookie("JSESSIONID")?;
        let w = self.web();
        let s = w.rp.get(&id)?;
        if s.expires <= Instant::now() {
            return None;
        }
        Some((s.account.clone()?, s.method.clone()))
    }

    fn rp_home(&self, fam: Family, req: &Req) -> Reply {
        let portal = fam.origin(Site::Portal);
        let body = match self
            .rp_session(req)
            .and_then(|(a, _)| self.account_where(|x| x.id == a))
        {
            Some(a) => format!(
                "<p>Xin chào, <b id=\"dvc-account-name\">{}</b>.</p><p><a href=\"{portal}/p/home/dvc-thong-tin-tai-khoan.html\">Thông tin tài khoản</a> · <a href=\"{portal}/p/home/dvc-dang-xuat.html\">Đăng xuất</a></p>",
                pages::esc(a.business_name.as_deref().unwrap_or(&a.person_name))
            ),
            None => format!(
                "<p>Bạn chưa đăng nhập.</p><p><a href=\"{portal}{LOGIN}\">Đăng nhập bằng tài khoản định danh điện tử (VNeID)</a> · <a href=\"{portal}{LOGIN_LEGACY}\">Tài khoản cấp bởi Cổng DVC quốc gia</a></p>"
            ),
        };
        Reply::html(200, &pages::page("Cổng Dịch vụ công Quốc gia", &body))
    }

    /// `check_url`: 200 with a live session, else the login link.
    fn rp_account_page(&self, fam: Family, req: &Req) -> Reply {
        let account = self
            .rp_session(req)
            .and_then(|(a, m)| Some((self.account_where(|x| x.id == a)?, m)));
        let Some((a, method)) = account else {
            return Reply::redirect(&format!("{}{LOGIN}", fam.origin(Site::Portal)));
        };
        let mut rows = format!(
            "<dt>Họ và tên</dt><dd>{}</dd><dt>Phương thức đăng nhập</dt><dd>{}</dd>",
            pages::esc(&a.person_name),
            pages::esc(&method)
        );
        if let Some(b) = &a.business_name {
            rows.push_str(&format!("<dt>Tổ chức</dt><dd>{}</dd>", pages::esc(b)));
        }
        if let Some(t) = &a.tax_code {
            rows.push_str(&format!("<dt>Mã số thuế</dt><dd>{}</dd>", pages::esc(t)));
        }
        if let Some(t) = &a.id_number {
            rows.push_str(&format!("<dt>Số định danh</dt><dd>{}</dd>", pages::esc(t)));
        }
        Reply::html(
            200,
            &pages::page("Thông tin tài khoản", &format!("<dl>{rows}</dl>")),
        )
    }

    /// `logout_url`: the session ends here; the cookie is expired.
    fn rp_logout(&self, fam: Family, req: &Req) -> Reply {
        if let Some(id) = req.cookie("JSESSIONID") {
            self.web().rp.remove(&id);
        }
        Reply::redirect(&format!("{}{HOME}", fam.origin(Site::Portal))).with_header(
            "Set-Cookie",
            &cookie(
                "JSESSIONID",
                "",
                "/",
                "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
            ),
        )
    }

    /// `/api/me` (the account's claims and the method) and any other
    /// `/api/...` path (echoed), for a live session; else 401.
    fn rp_api(&self, req: &Req) -> Reply {
        let Some((id, method)) = self.rp_session(req) else {
            return Reply::json(
                401,
                json!({"error": "unauthorized", "message": "Phiên đăng nhập không hợp lệ hoặc đã hết hạn."}),
            );
        };
        let Some(a) = self.account_where(|x| x.id == id) else {
            return Reply::json(401, json!({"error": "unauthorized"}));
        };
        if req.path == "/api/me" {
            let mut v = a.claims();
            if let Some(o) = v.as_object_mut() {
                o.insert("method".into(), method.into());
                o.insert(
                    "portal".into(),
                    "Cổng Dịch vụ công Quốc gia (sandbox, web)".into(),
                );
            }
            return Reply::json(200, v);
        }
        Reply::json(
            200,
            json!({"path": req.path, "http_method": req.method, "account": a.id, "method": method}),
        )
    }
}
