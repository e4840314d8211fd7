//! The VNeID Keycloak (`sso.dancuquocgia.gov.vn`), realm `vneid`: the
//! stock page shapes (`login.ftl`, `login-otp.ftl`), the authentication
//! session's cookies (`AUTH_SESSION_ID`, `KC_RESTART`), a `session_code`
//! new on every page and an `execution` per step (a stale one answers "the
//! page has expired"), the hidden inputs of each form required back (as a
//! browser posts them), a one-time code after the password (printed on
//! stderr and listed at `/sandbox/otp`), a temporary lockout after five
//! wrong passwords, and the QR login confirmed in the VNeID app (a
//! transaction, as SIM's).

use std::time::{Duration, Instant};

use super::super::fault::{Endpoint, FaultKind};
use super::super::http::{b64url, enc, form_get, rand_b64, Reply, Req};
use super::super::tx::{TxKind, TxState};
use super::super::Sandbox;
use super::rp::{VNEID_CALLBACK, VNEID_CLIENT};
use super::{cookie, not_found, pages, uuid, Family, Otp, Site};

const REALM: &str = "/realms/vneid";
/// An authentication session lives this long (Keycloak's login timeout).
const AUTH_TTL: Duration = Duration::from_secs(1800);
/// Wrong passwords in a row before the account is locked.
const MAX_FAILURES: u32 = 5;
/// How long a lockout lasts.
const LOCKOUT: Duration = Duration::from_secs(15 * 60);

const WRONG_PASSWORD: &str = "Tên đăng nhập hoặc mật khẩu không hợp lệ.";
const WRONG_OTP: &str = "Mã xác thực không hợp lệ.";
const LOCKED: &str = "Tài khoản tạm thời bị khóa. Vui lòng thử lại sau 15 phút.";
const EXPIRED: &str = "Trang đăng nhập đã hết hạn. Vui lòng đăng nhập lại.";
const QR_REJECTED: &str = "Yêu cầu đăng nhập đã bị từ chối trên ứng dụng VNeID.";
const QR_EXPIRED: &str = "Mã QR đã hết hạn.";
const DISABLED: &str = "Tài khoản đã bị vô hiệu hóa, vui lòng liên hệ quản trị viên.";
const INVALID_REQUEST: &str = "Yêu cầu không hợp lệ.";
/// The id of the one-time-code credential (the OTP form's hidden
/// `selectedCredentialId`).
const OTP_CREDENTIAL: &str = "vneid-sms-otp";

/// Where an authentication session is.
#[derive(Clone)]
enum Step {
    /// The login form.
    Password,
    /// The one-time-code form, for an account.
    Otp {
        account: String,
        username: String,
        otp: String,
    },
}

/// An authentication session (`AUTH_SESSION_ID`).
pub(crate) struct KcSession {
    family: Family,
    redirect_uri: String,
    state: String,
    tab_id: String,
    session_code: String,
    execution: String,
    step: Step,
    /// The QR login's transaction, once the QR page was opened.
    qr: Option<String>,
    created: Instant,
}

/// What a page of the realm shows.
enum View<'a> {
    /// The login form: the username typed, the field error, the alert.
    Login(&'a str, Option<&'a str>, Option<&'a str>),
    /// The one-time-code form, with an error.
    Otp(Option<&'a str>),
}

fn kc_restart(client: &str, redirect_uri: &str) -> String {
    let header = b64url(br#"{"alg":"HS512","typ":"JWT","kid":"kc-restart"}"#);
    let body = serde_json::json!({
        "cid": client, "pty": "openid-connect", "ruri": redirect_uri, "act": "AUTHENTICATE",
        "notes": {"scope": "openid", "iss": format!("{REALM}"), "response_type": "code"},
    });
    format!(
        "{header}.{}.{}",
        b64url(body.to_string().as_bytes()),
        rand_b64(64)
    )
}

fn otp_code() -> String {
    let mut b = [0u8; 4];
    crate::server::http::random_fill(&mut b);
    format!("{:06}", u32::from_be_bytes(b) % 1_000_000)
}

impl Sandbox {
    /// Routes the realm's paths.
    pub(crate) fn keycloak_route(&self, fam: Family, req: &Req) -> Reply {
        let Some(path) = req.path.strip_prefix(REALM) else {
            return not_found(req);
        };
        match (req.method.as_str(), path) {
            ("GET", "/protocol/openid-connect/auth") => self.kc_auth(fam, req),
            ("POST", "/login-actions/authenticate") => self.kc_authenticate(fam, req),
            ("GET", "/login-actions/authenticate") => self.kc_restart(fam, req),
            ("GET", "/login-actions/vneid-qr") => self.kc_qr(fam, req, false),
            ("POST", "/login-actions/vneid-qr") => self.kc_qr(fam, req, true),
            _ => not_found(req),
        }
    }

    /// The authorization endpoint: a new authentication session and the
    /// login page.
    fn kc_auth(&self, fam: Family, req: &Req) -> Reply {
        let q = &req.query;
        let redirect_uri = format!("{}{VNEID_CALLBACK}", fam.origin(Site::Portal));
        if q.get("client_id").map(String::as_str) != Some(VNEID_CLIENT) {
            return self.kc_error(400, "Ứng dụng (client_id) không hợp lệ.");
        }
        if q.get("redirect_uri") != Some(&redirect_uri) {
            return self.kc_error(400, "Tham số không hợp lệ: redirect_uri");
        }
        let state = q.get("state").cloned().unwrap_or_default();
        if q.get("response_type").map(String::as_str) != Some("code")
            || !q
                .get("scope")
                .is_some_and(|s| s.split(' ').any(|x| x == "openid"))
        {
            return Reply::redirect(&format!(
                "{redirect_uri}?error=invalid_request&error_description=response_type+and+scope&state={}",
                enc(&state)
            ));
        }
        let id = uuid();
        let mut s = KcSession {
            family: fam,
            redirect_uri: redirect_uri.clone(),
            state,
            tab_id: rand_b64(8),
            session_code: String::new(),
            execution: uuid(),
            step: Step::Password,
            qr: None,
            created: Instant::now(),
        };
        let missing = self.kc_missing_form();
        let html = self.kc_render(&mut s, View::Login("", None, None), missing);
        {
            let mut w = self.web();
            w.kc.retain(|_, k| k.created.elapsed() < AUTH_TTL);
            w.kc.insert(id.clone(), s);
        }
        let path = format!("{REALM}/");
        let node = format!("{id}.keycloak-0");
        Reply::html(200, &html)
            .with_header(
                "Set-Cookie",
                &cookie("AUTH_SESSION_ID", &node, &path, "; SameSite=None"),
            )
            .with_header(
                "Set-Cookie",
                &cookie("AUTH_SESSION_ID_LEGACY", &node, &path, ""),
            )
            .with_header(
                "Set-Cookie",
                &cookie(
                    "KC_RESTART",
                    &kc_restart(VNEID_CLIENT, &redirect_uri),
                    &path,
                    "",
                ),
            )
    }

    fn kc_missing_form(&self) -> bool {
        self.web_fault(Endpoint::WebLoginPage, FaultKind::HtmlMissingForm)
            .is_some()
    }

    /// An error page of the realm.
    fn kc_error(&self, status: u16, text: &str) -> Reply {
        Reply::html(
            status,
            &pages::fill(
                pages::KC_LAYOUT,
                &[
                    ("HEAD", ""),
                    ("PAGE_ID", "login-error"),
                    ("HEADER", "Đã xảy ra lỗi"),
                    ("ALERT", &pages::kc_alert(text)),
                    ("FORM", ""),
                ],
            ),
        )
    }

    /// The session of the request's `AUTH_SESSION_ID`, for `fam`.
    fn kc_session_id(&self, fam: Family, req: &Req) -> Option<String> {
        let raw = req
            .cookie("AUTH_SESSION_ID")
            .or_else(|| req.cookie("AUTH_SESSION_ID_LEGACY"))?;
        let id = raw.split('.').next().unwrap_or("").to_string();
        let w = self.web();
        let s = w.kc.get(&id)?;
        (s.family == fam && s.created.elapsed() < AUTH_TTL).then_some(id)
    }

    /// A page of the session's current step, with a new `session_code`.
    fn kc_render(&self, s: &mut KcSession, view: View<'_>, missing_form: bool) -> String {
        s.session_code = rand_b64(32);
        let host = s.family.host(Site::Vneid);
        let action = format!(
            "https://{host}{REALM}/login-actions/authenticate?session_code={}&execution={}&client_id={VNEID_CLIENT}&tab_id={}",
            s.session_code, s.execution, s.tab_id
        );
        let (page_id, header, alert, form) = match view {
            View::Login(username, field_error, alert) => {
                let qr = format!(
                    "{REALM}/login-actions/vneid-qr?session_code={}&client_id={VNEID_CLIENT}&tab_id={}",
                    s.session_code, s.tab_id
                );
                let field = field_error
                    .map(|e| {
                        format!(
                            "<span id=\"input-error\" class=\"pf-c-form__helper-text pf-m-error required kc-feedback-text\" aria-live=\"polite\">{}</span>",
                            pages::esc(e)
                        )
                    })
                    .unwrap_or_default();
                let form = pages::fill(
                    pages::KC_LOGIN,
                    &[
                        ("ACTION", &pages::esc(&action)),
                        ("USERNAME", &pages::esc(username)),
                        (
                            "ERROR_CLASS",
                            if field_error.is_some() {
                                "pf-m-error"
                            } else {
                                ""
                            },
                        ),
                        (
                            "INVALID",
                            if field_error.is_some() {
                                "true"
                            } else {
                                "false"
                            },
                        ),
                        ("FIELD_ERROR", &field),
                        ("TAB_ID", &pages::esc(&s.tab_id)),
                        ("QR_HREF", &pages::esc(&qr)),
                    ],
                );
                let form = if missing_form {
                    pages::remove_form(&form, "kc-form-login")
                } else {
                    form
                };
                (
                    "login-login",
                    "Đăng nhập tài khoản định danh điện tử",
                    alert.map(pages::kc_alert).unwrap_or_default(),
                    form,
                )
            }
            View::Otp(error) => {
                let username = match &s.step {
                    Step::Otp { username, .. } => username.clone(),
                    Step::Password => String::new(),
                };
                let field = error
                    .map(|e| {
                        format!(
                            "<span id=\"input-error-otp-code\" class=\"pf-c-form__helper-text pf-m-error required kc-feedback-text\" aria-live=\"polite\">{}</span>",
                            pages::esc(e)
                        )
                    })
                    .unwrap_or_default();
                let form = pages::fill(
                    pages::KC_OTP,
                    &[
                        ("ACTION", &pages::esc(&action)),
                        ("CREDENTIAL", OTP_CREDENTIAL),
                        ("USERNAME", &pages::esc(&username)),
                        (
                            "ERROR_CLASS",
                            if error.is_some() { "pf-m-error" } else { "" },
                        ),
                        ("INVALID", if error.is_some() { "true" } else { "false" }),
                        ("FIELD_ERROR", &field),
                    ],
                );
                ("login-login-otp", "Xác thực hai lớp", String::new(), form)
            }
        };
        pages::fill(
            pages::KC_LAYOUT,
            &[
                ("HEAD", ""),
                ("PAGE_ID", page_id),
                ("HEADER", header),
                ("ALERT", &alert),
                ("FORM", &form),
            ],
        )
    }

    /// Whether the request's `session_code`, `execution` and `tab_id` are
    /// the session's current ones (`execution` only when `with_execution`).
    fn kc_current(s: &KcSession, req: &Req, with_execution: bool) -> bool {
        let q = |k: &str| req.query.get(k).map(String::as_str).unwrap_or("");
        q("session_code") == s.session_code
            && q("tab_id") == s.tab_id
            && (!with_execution || q("execution") == s.execution)
    }

    /// The "page has expired" page, its session back at the login form.
    fn kc_expired(&self, id: &str) -> Reply {
        let missing = self.kc_missing_form();
        let mut w = self.web();
        let Some(s) = w.kc.get_mut(id) else {
            return Reply::html(400, &pages::simple("VNeID", EXPIRED));
        };
        s.step = Step::Password;
        s.execution = uuid();
        let html = self.kc_render(s, View::Login("", None, Some(EXPIRED)), missing);
        Reply::html(200, &html)
    }

    fn kc_no_cookie(&self) -> Reply {
        self.kc_error(
            400,
            "Không tìm thấy cookie. Hãy bật cookie trong trình duyệt rồi đăng nhập lại.",
        )
    }

    /// `POST .../login-actions/authenticate`: the password or the code.
    fn kc_authenticate(&self, fam: Family, req: &Req) -> Reply {
        let Some(id) = self.kc_session_id(fam, req) else {
            return self.kc_no_cookie();
        };
        let (current, step) = {
            let w = self.web();
            let Some(s) = w.kc.get(&id) else {
                return self.kc_no_cookie();
            };
            (Self::kc_current(s, req, true), s.step.clone())
        };
        // The `web_vneid:expired` fault: the page's `session_code` went
        // stale while it was open (another tab, a login restarted).
        let stale = self
            .web_fault(Endpoint::WebVneid, FaultKind::Expired)
            .is_some();
        if !current || stale {
            return self.kc_expired(&id);
        }
        let form = req.form();
        // A form posted by a browser carries the page's hidden inputs: the
        // login form's `credentialId` (empty), the code form's
        // `selectedCredentialId`. A post without them was not the page's.
        let hidden = match step {
            Step::Password => form_get(&form, "credentialId").is_some(),
            Step::Otp { .. } => {
                form_get(&form, "selectedCredentialId").as_deref() == Some(OTP_CREDENTIAL)
            }
        };
        if !hidden {
            return self.kc_error(400, INVALID_REQUEST);
        }
        match step {
            Step::Password => self.kc_password(&id, &form),
            Step::Otp { account, otp, .. } => {
                let given = form_get(&form, "otp").unwrap_or_default();
                if given.trim() == otp {
                    return self.kc_success(&id, &account);
                }
                let mut w = self.web();
                let Some(s) = w.kc.get_mut(&id) else {
                    return self.kc_no_cookie();
                };
                let html = self.kc_render(s, View::Otp(Some(WRONG_OTP)), false);
                Reply::html(200, &html)
            }
        }
    }

    fn kc_password(&self, id: &str, form: &[(String, String)]) -> Reply {
        let username = form_get(form, "username").unwrap_or_default();
        let username = username.trim();
        let password = form_get(form, "password").unwrap_or_default();
        let account = self.account_where(|a| {
            !username.is_empty()
                && (a.tax_code.as_deref() == Some(username)
                    || a.id_number.as_deref() == Some(username))
        });
        let opts = self.web_opts();
        let missing = self.kc_missing_form();
        let mut w = self.web();
        let locked = account.as_ref().is_some_and(|a| {
            w.locked
                .get(&a.id)
                .is_some_and(|until| *until > Instant::now())
        });
        let right = account.is_some() && password == opts.vneid_password;
        let disabled = account.as_ref().is_some_and(|a| !a.active);
        if locked || !right || disabled {
            if let (Some(a), false, false) = (&account, locked, right) {
                let n = w.failures.entry(a.id.clone()).or_insert(0);
                *n += 1;
                if *n >= MAX_FAILURES {
                    *n = 0;
                    w.locked.insert(a.id.clone(), Instant::now() + LOCKOUT);
                }
            }
            let Some(s) = w.kc.get_mut(id) else {
                return Reply::html(400, &pages::simple("VNeID", EXPIRED));
            };
            let view = if locked {
                View::Login(username, None, Some(LOCKED))
            } else if right {
                View::Login(username, None, Some(DISABLED))
            } else {
                View::Login(username, Some(WRONG_PASSWORD), None)
            };
            let html = self.kc_render(s, view, missing);
            return Reply::html(200, &html);
        }
        let Some(a) = account else {
            return Reply::html(400, &pages::simple("VNeID", EXPIRED));
        };
        w.failures.remove(&a.id);
        let otp = opts.vneid_otp.clone().unwrap_or_else(otp_code);
        w.otps.push(Otp {
            id: username.to_string(),
            otp: otp.clone(),
            issued_at: dvc::clock::rfc3339(time::OffsetDateTime::now_utc()),
        });
        let Some(s) = w.kc.get_mut(id) else {
            return Reply::html(400, &pages::simple("VNeID", EXPIRED));
        };
        s.step = Step::Otp {
            account: a.id.clone(),
            username: username.to_string(),
            otp: otp.clone(),
        };
        s.execution = uuid();
        let html = self.kc_render(s, View::Otp(None), false);
        drop(w);
        eprintln!("VNeID OTP for {username}: {otp}");
        Reply::html(200, &html)
    }

    /// The login succeeded: the code to the portal's callback.
    fn kc_success(&self, id: &str, account: &str) -> Reply {
        let s = self.web().kc.remove(id);
        let Some(s) = s else {
            return Reply::html(400, &pages::simple("VNeID", EXPIRED));
        };
        let code = self.web_code(account, "vneid", VNEID_CLIENT, &s.redirect_uri);
        let iss = format!("{}{REALM}", s.family.origin(Site::Vneid));
        let path = format!("{REALM}/");
        Reply::redirect(&format!(
            "{}?state={}&session_state={}&iss={}&code={}",
            s.redirect_uri,
            enc(&s.state),
            uuid(),
            enc(&iss),
            enc(&code)
        ))
        .with_header(
            "Set-Cookie",
            &cookie("KEYCLOAK_IDENTITY", &rand_b64(48), &path, "; SameSite=None"),
        )
        .with_header(
            "Set-Cookie",
            &format!(
                "KEYCLOAK_SESSION={}; Path={path}; Secure; SameSite=None; Max-Age=36000",
                uuid()
            ),
        )
        .with_header(
            "Set-Cookie",
            &cookie(
                "AUTH_SESSION_ID",
                "",
                &path,
                "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
            ),
        )
    }

    /// `GET .../login-actions/authenticate` (the QR page's way back): the
    /// login form again.
    fn kc_restart(&self, fam: Family, req: &Req) -> Reply {
        let Some(id) = self.kc_session_id(fam, req) else {
            return self.kc_no_cookie();
        };
        self.kc_login_again(&id, None)
    }

    fn kc_login_again(&self, id: &str, alert: Option<&str>) -> Reply {
        let missing = self.kc_missing_form();
        let mut w = self.web();
        let Some(s) = w.kc.get_mut(id) else {
            return Reply::html(400, &pages::simple("VNeID", EXPIRED));
        };
        s.step = Step::Password;
        s.qr = None;
        s.execution = uuid();
        let html = self.kc_render(s, View::Login("", None, alert), missing);
        Reply::html(200, &html)
    }

    /// The QR page (GET), and its poll (POST): pending, approved in the app
    /// (to the portal), declined or expired (the login form with an alert).
    fn kc_qr(&self, fam: Family, req: &Req, poll: bool) -> Reply {
        let Some(id) = self.kc_session_id(fam, req) else {
            return self.kc_no_cookie();
        };
        let (current, tx_id) = {
            let w = self.web();
            let Some(s) = w.kc.get(&id) else {
                return self.kc_no_cookie();
            };
            (Self::kc_current(s, req, false), s.qr.clone())
        };
        if !current {
            return self.kc_expired(&id);
        }
        let tx = tx_id.and_then(|t| self.tx_status(&t));
        let tx = match tx {
            Some(t) if poll || t.state == TxState::Pending => t,
            // A new QR: the app's account is decided on approval; the
            // sandbox binds the first account (dvc-sandbox accounts).
            _ => {
                let Some(account) = self.account_where(|_| true) else {
                    return self.kc_error(500, "Không có tài khoản nào.");
                };
                self.new_tx(&id, TxKind::Vneid, "qr", &account, None)
            }
        };
        match tx.state {
            TxState::Approved => return self.kc_success(&id, &tx.account),
            TxState::Rejected => return self.kc_login_again(&id, Some(QR_REJECTED)),
            TxState::Expired => return self.kc_login_again(&id, Some(QR_EXPIRED)),
            TxState::Pending => {}
        }
        let host = fam.host(Site::Vneid);
        let data = format!(
            "vneid://login?tx={}&code={}&sso={host}&client_id={VNEID_CLIENT}",
            enc(&tx.id),
            tx.code
        );
        let (png, side) = match pages::qr_png(&data) {
            Ok(p) => p,
            Err(e) => return self.kc_error(500, &e),
        };
        let refresh = self
            .fault(FaultKind::SlowDown)
            .unwrap_or(tx.interval)
            .max(1);
        let ttl = tx
            .expires
            .saturating_duration_since(Instant::now())
            .as_secs();
        let mut w = self.web();
        let Some(s) = w.kc.get_mut(&id) else {
            return self.kc_no_cookie();
        };
        s.qr = Some(tx.id.clone());
        s.session_code = rand_b64(32);
        let action = format!(
            "https://{host}{REALM}/login-actions/vneid-qr?session_code={}&client_id={VNEID_CLIENT}&tab_id={}",
            s.session_code, s.tab_id
        );
        let back = format!(
            "{REALM}/login-actions/authenticate?client_id={VNEID_CLIENT}&tab_id={}",
            s.tab_id
        );
        let form = pages::fill(
            pages::KC_QR,
            &[
                ("SIZE", &side.to_string()),
                ("PNG", &super::super::http::b64(&png)),
                ("CODE", &pages::esc(&tx.code)),
                ("DATA", &pages::esc(&data)),
                ("TTL", &ttl.to_string()),
                ("ACTION", &pages::esc(&action)),
                ("TX", &pages::esc(&tx.id)),
                ("BACK", &pages::esc(&back)),
            ],
        );
        let head = format!("<meta http-equiv=\"refresh\" content=\"{refresh}\">");
        Reply::html(
            200,
            &pages::fill(
                pages::KC_LAYOUT,
                &[
                    ("HEAD", &head),
                    ("PAGE_ID", "login-vneid-qr"),
                    ("HEADER", "Đăng nhập bằng ứng dụng VNeID"),
                    ("ALERT", ""),
                    ("FORM", &form),
                ],
            ),
        )
    }
}
