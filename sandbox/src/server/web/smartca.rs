//! VNPT SmartCA's own pages (`smartca.vnpt.vn`), where the SSO's SmartCA
//! tab leads: the login form (account and password), then a waiting page
//! while the app confirms, then back to the SSO's `/commonauth` with the
//! outcome. A wrong account or password is the login page again with
//! SmartCA's alert (no failure code).

use super::super::fault::{Endpoint, FaultKind};
use super::super::http::{enc, form_get, Reply, Req};
use super::super::tx::{Tx, TxKind, TxState};
use super::super::Sandbox;
use super::{not_found, pages, Family, Site};

impl Sandbox {
    /// Routes SmartCA's paths.
    pub(crate) fn smartca_route(&self, fam: Family, req: &Req) -> Reply {
        match (req.method.as_str(), req.path.as_str()) {
            ("GET", "/auth/login") => {
                let state = req.query.get("state").cloned().unwrap_or_default();
                match self.smartca_key(fam, &state) {
                    Some(_) => self.smartca_login_page(fam, &state, "", None),
                    None => Self::smartca_bad_request(),
                }
            }
            ("POST", "/auth/login") => self.smartca_login(fam, req),
            ("POST", "/auth/wait") => self.smartca_wait(fam, req),
            _ => not_found(req),
        }
    }

    fn smartca_bad_request() -> Reply {
        Reply::html(
            400,
            &pages::simple(
                "VNPT SmartCA",
                "Yêu cầu không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại từ trang của dịch vụ.",
            ),
        )
    }

    /// The SSO login a SmartCA `state` belongs to, while it waits.
    fn smartca_key(&self, fam: Family, state: &str) -> Option<String> {
        let key = self.web().hops.get(state).cloned()?;
        self.wso2_open(fam, &key).then_some(key)
    }

    fn smartca_login_page(
        &self,
        fam: Family,
        state: &str,
        username: &str,
        error: Option<&str>,
    ) -> Reply {
        let action = format!(
            "/auth/login?rp={}&state={}",
            enc(fam.host(Site::Sso)),
            enc(state)
        );
        let error = error
            .map(|e| {
                format!(
                    "<div class=\"alert alert-danger\" role=\"alert\">{}</div>",
                    pages::esc(e)
                )
            })
            .unwrap_or_default();
        let html = pages::fill(
            pages::SMARTCA_LOGIN,
            &[
                ("RP", &pages::esc(fam.host(Site::Sso))),
                ("ERROR", &error),
                ("ACTION", &pages::esc(&action)),
                ("USERNAME", &pages::esc(username)),
                ("STATE", &pages::esc(state)),
            ],
        );
        let html = if self
            .web_fault(Endpoint::WebLoginPage, FaultKind::HtmlMissingForm)
            .is_some()
        {
            pages::remove_form(&html, "login-form")
        } else {
            html
        };
        Reply::html(200, &html)
    }

    fn smartca_login(&self, fam: Family, req: &Req) -> Reply {
        let form = req.form();
        let state = form_get(&form, "state")
            .or_else(|| req.query.get("state").cloned())
            .unwrap_or_default();
        let Some(key) = self.smartca_key(fam, &state) else {
            return Self::smartca_bad_request();
        };
        let user = form_get(&form, "username").unwrap_or_default();
        let password = form_get(&form, "password").unwrap_or_default();
        let account = self.account_where(|a| {
            a.smartca_user_id.as_deref() == Some(user.trim())
                && a.smartca_password.as_deref() == Some(password.as_str())
        });
        let Some(account) = account else {
            return self.smartca_login_page(
                fam,
                &state,
                &user,
                Some("Tài khoản hoặc mật khẩu không đúng"),
            );
        };
        let tx = self.new_tx(&key, TxKind::Smartca, user.trim(), &account, None);
        self.smartca_wait_page(&state, &tx)
    }

    fn smartca_wait_page(&self, state: &str, tx: &Tx) -> Reply {
        let refresh = self
            .fault(FaultKind::SlowDown)
            .unwrap_or(tx.interval)
            .max(1)
            .to_string();
        Reply::html(
            200,
            &pages::fill(
                pages::SMARTCA_WAIT,
                &[
                    ("REFRESH", &refresh),
                    ("USER", &pages::esc(&tx.login_hint)),
                    ("CODE", &pages::esc(&tx.code)),
                    ("TX", &pages::esc(&tx.id)),
                    ("STATE", &pages::esc(state)),
                ],
            ),
        )
    }

    fn smartca_wait(&self, fam: Family, req: &Req) -> Reply {
        let form = req.form();
        let state = form_get(&form, "state").unwrap_or_default();
        let Some(key) = self.smartca_key(fam, &state) else {
            return Self::smartca_bad_request();
        };
        let id = form_get(&form, "transaction_id").unwrap_or_default();
        let Some(tx) = self
            .tx_status(&id)
            .filter(|t| t.kind == TxKind::Smartca && t.session_key == key)
        else {
            return Self::smartca_bad_request();
        };
        let result = match tx.state {
            TxState::Pending => return self.smartca_wait_page(&state, &tx),
            TxState::Approved => "approved",
            TxState::Rejected => "rejected",
            TxState::Expired => "expired",
        };
        Reply::redirect(&format!(
            "{}/commonauth?state={}&smartca_result={result}",
            fam.origin(Site::Sso),
            enc(&state)
        ))
    }
}
