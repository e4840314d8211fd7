//! The WSO2-style SSO (`xacthuc.dichvucong.gov.vn`): `/oauth2/authorize`,
//! the login page `login.do` with the USB and SIM forms and the SmartCA
//! tab, `/commonauth` (USB with both `signedData` envelopes, SIM held or
//! with a waiting page, the SmartCA hop and its return), `retry.do`, and
//! failures as WSO2 sends them: `authFailure=true&authFailureMsg=<CODE>`
//! (or, with the `web_usb_error:script` fault, the page's script).

use std::time::{Duration, Instant};

use base64::Engine as _;

use super::super::commonauth::CertProblem;
use super::super::fault::{Endpoint, FaultKind};
use super::super::http::{enc, form_get, rand_b64, Reply, Req};
use super::super::tx::{Tx, TxKind, TxState};
use super::super::Sandbox;
use super::rp::{WSO2_CALLBACK, WSO2_CLIENT};
use super::{cookie, not_found, pages, uuid, Family, SimWait, Site};
use crate::signature;
use crate::state::Account;

/// How long a `sessionDataKey` can be used.
const KEY_TTL: Duration = Duration::from_secs(300);

/// The authenticators `login.do` lists.
const AUTHENTICATORS: &str =
    "USBTokenAuthenticator%3ALOCAL%3BSimPKIAuthenticator%3ALOCAL%3BSmartCAAuthenticator%3AVNPT-SmartCA";

/// A login between `/oauth2/authorize` and the portal's callback.
pub(crate) struct Wso2Login {
    family: Family,
    redirect_uri: String,
    state: String,
    created: Instant,
    /// Once authenticated: the `commonAuthId` cookie, the account, the method.
    done: Option<(String, String, String)>,
    /// The hop back to the portal was made.
    used: bool,
}

/// A phone number as the SIM tab accepts it, in international digits.
fn phone_intl(raw: &str) -> String {
    let d: String = raw.chars().filter(char::is_ascii_digit).collect();
    match d.strip_prefix('0') {
        Some(rest) => format!("84{rest}"),
        None => d,
    }
}

fn masked(phone: &str) -> String {
    let national = phone
        .strip_prefix("84")
        .map(|r| format!("0{r}"))
        .unwrap_or_else(|| phone.to_string());
    if national.len() < 7 {
        return national;
    }
    format!("{}****{}", &national[..3], &national[national.len() - 3..])
}

fn serial_norm(s: &str) -> String {
    s.trim().trim_start_matches('0').to_ascii_uppercase()
}

/// The query of `login.do` for a login.
fn login_query(key: &str) -> String {
    format!(
        "client_id={WSO2_CLIENT}&commonAuthCallerPath=%2Foauth2%2Fauthorize&forceAuth=false&passiveAuth=false&tenantDomain=carbon.super&sessionDataKey={}&relyingParty={WSO2_CLIENT}&type=oidc&sp=DVCQG&isSaaSApp=false&authenticators={AUTHENTICATORS}",
        enc(key)
    )
}

/// What a failure code says to a person, on the login page.
fn failure_words(code: &str) -> &'static str {
    match code {
        "USB_USER_NOT_FOUND_BY_SERIAL_ERROR_CODE" => {
            "Chứng thư số chưa được đăng ký với tài khoản nào."
        }
        "USB_CERTIFICATE_VERIFICATION_FAILED_ERROR_CODE" => {
            "Chứng thư số không hợp lệ, đã hết hạn hoặc đã bị thu hồi."
        }
        "USB_USER_NOT_ACTIVE_ERROR_CODE" => "Tài khoản chưa được kích hoạt hoặc đã bị khóa.",
        "USB_SIGNATURE_INVALID_ERROR_CODE" => "Chữ ký số không hợp lệ.",
        "PKI_NOT_FOUND_USER_WITH_PHONE_ERROR_CODE" => {
            "Không tìm thấy người dùng với số điện thoại này."
        }
        "PKI_EXPIRED_CERT_ERROR_CODE" => "Chứng thư số trên SIM đã hết hạn.",
        "PKI_USER_CANCEL_ERROR_CODE" => "Người dùng đã hủy yêu cầu xác thực.",
        "PKI_NOT_HAVE_RESPONSE_CODE_ERROR_CODE" => "Không nhận được phản hồi từ thuê bao.",
        "SMARTCA_USER_REJECTED_ERROR_CODE" => "Người dùng đã từ chối yêu cầu trên ứng dụng.",
        "SMARTCA_TRANSACTION_EXPIRED_ERROR_CODE" => "Yêu cầu xác thực đã hết hạn.",
        _ => "Đăng nhập không thành công. Vui lòng thử lại.",
    }
}

impl Sandbox {
    /// Routes the SSO's paths.
    pub(crate) fn wso2_route(&self, fam: Family, req: &Req) -> Reply {
        match (req.method.as_str(), req.path.as_str()) {
            ("GET", "/oauth2/authorize") => self.wso2_authorize(fam, req),
            ("GET", "/authenticationendpoint/login.do") => {
                let key = req.query.get("sessionDataKey").cloned().unwrap_or_default();
                let code = req
                    .query
                    .get("authFailureMsg")
                    .or_else(|| req.query.get("CUS_CODE"))
                    .filter(|_| req.query.get("authFailure").map(String::as_str) == Some("true"));
                Reply::html(200, &self.wso2_login_page(&key, code.map(String::as_str), false))
            }
            ("POST", "/commonauth") => self.wso2_commonauth(fam, req),
            ("GET", "/commonauth") if req.query.contains_key("idp") => {
                self.wso2_smartca_tab(fam, req)
            }
            ("GET", "/commonauth") if req.query.contains_key("smartca_result") => {
                self.wso2_smartca_return(fam, req)
            }
            ("GET", "/authenticationendpoint/retry.do") => Reply::html(
                200,
                &pages::page(
                    "Lỗi xác thực",
                    &format!(
                        "<p>{}</p><p>{}</p><p><a href=\"{}\">Quay lại Cổng Dịch vụ công Quốc gia</a></p>",
                        pages::esc(req.query.get("status").map(String::as_str).unwrap_or("")),
                        pages::esc(req.query.get("statusMsg").map(String::as_str).unwrap_or("")),
                        fam.origin(Site::Portal)
                    ),
                ),
            ),
            _ => not_found(req),
        }
    }

    /// `retry.do`: the SSO lost the login (an unknown, used or expired key).
    fn wso2_retry(&self, fam: Family) -> Reply {
        Reply::redirect(&format!(
            "{}/authenticationendpoint/retry.do?status=Authentication+Error+%21&statusMsg=Something+went+wrong+during+the+authentication+process.+Please+try+signing+in+again.",
            fam.origin(Site::Sso)
        ))
    }

    fn wso2_authorize(&self, fam: Family, req: &Req) -> Reply {
        let q = &req.query;
        if let Some(key) = q.get("sessionDataKey") {
            return self.wso2_back(fam, req, key);
        }
        let redirect_uri = format!("{}{WSO2_CALLBACK}", fam.origin(Site::Portal));
        if q.get("client_id").map(String::as_str) != Some(WSO2_CLIENT)
            || q.get("redirect_uri") != Some(&redirect_uri)
        {
            return Reply::html(
                400,
                &pages::simple(
                    "Lỗi xác thực",
                    "Ứng dụng hoặc địa chỉ chuyển hướng (redirect_uri) không được đăng ký.",
                ),
            );
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
        let key = uuid();
        let mut w = self.web();
        w.wso2
            .retain(|_, l| l.created.elapsed() < KEY_TTL + Duration::from_secs(600));
        w.wso2.insert(
            key.clone(),
            Wso2Login {
                family: fam,
                redirect_uri,
                state,
                created: Instant::now(),
                done: None,
                used: false,
            },
        );
        Reply::redirect(&format!(
            "{}/authenticationendpoint/login.do?{}",
            fam.origin(Site::Sso),
            login_query(&key)
        ))
    }

    /// The hop back after a successful authentication: the code to the portal.
    fn wso2_back(&self, fam: Family, req: &Req, key: &str) -> Reply {
        let cookie = req.cookie("commonAuthId");
        let (account, method, redirect_uri, state) = {
            let mut w = self.web();
            let Some(l) = w.wso2.get_mut(key) else {
                return self.wso2_retry(fam);
            };
            let Some((c, account, method)) = l.done.clone() else {
                return self.wso2_retry(fam);
            };
            if l.used || cookie.as_deref() != Some(c.as_str()) || l.family != fam {
                return self.wso2_retry(fam);
            }
            l.used = true;
            (account, method, l.redirect_uri.clone(), l.state.clone())
        };
        let code = self.web_code(&account, &method, WSO2_CLIENT, &redirect_uri);
        Reply::redirect(&format!(
            "{redirect_uri}?code={}&state={}&session_state={}",
            enc(&code),
            enc(&state),
            rand_b64(24)
        ))
    }

    /// The login page; `code` is a failure to show; `script` puts it in
    /// the script's `USB_ERROR_CODE`.
    fn wso2_login_page(&self, key: &str, code: Option<&str>, script: bool) -> String {
        let key_html = pages::esc(key);
        let error = match code {
            Some(c) => format!(
                "<div class=\"alert alert-danger alert-login\" id=\"error-msg\" role=\"alert\">{}</div>",
                pages::esc(failure_words(c))
            ),
            None => String::new(),
        };
        let usb_error = match code {
            Some(c) if script => format!(
                "'{}'",
                c.chars()
                    .filter(|x| x.is_ascii_alphanumeric() || *x == '_')
                    .collect::<String>()
            ),
            _ => "null".into(),
        };
        let smartca = format!(
            "../commonauth?idp=VNPT-SmartCA&authenticator=SmartCAAuthenticator&sessionDataKey={}",
            enc(key)
        );
        let usb_form = pages::fill(pages::usb_form(), &[("KEY", &key_html)]);
        let sim_form = pages::fill(pages::sim_form(), &[("KEY", &key_html)]);
        let html = pages::fill(
            pages::WSO2_LOGIN,
            &[
                ("CLIENT", WSO2_CLIENT),
                ("ERROR", &error),
                ("USB_FORM", &usb_form),
                ("SIM_FORM", &sim_form),
                ("USB_ERROR_CODE", &usb_error),
                ("KEY", &key_html),
                ("SMARTCA_URL", &smartca),
            ],
        );
        if self
            .web_fault(Endpoint::WebLoginPage, FaultKind::HtmlMissingForm)
            .is_some()
        {
            let html = pages::remove_form(&html, "usb_login_form");
            pages::remove_form(&html, "defaultOtpForm")
        } else {
            html
        }
    }

    /// A failure of a login: the `authFailure` redirect, or (USB codes
    /// with the `web_usb_error:script` fault) the login page again with the
    /// code in its script; with the `web_commonauth:cus_code:CODE` fault,
    /// that code in `CUS_CODE`, as sister SSOs send it.
    pub(crate) fn wso2_fail(&self, fam: Family, key: &str, code: &str) -> Reply {
        let script = code.starts_with("USB_")
            && self
                .web_fault(Endpoint::WebUsbError, FaultKind::Script)
                .is_some();
        if script {
            return Reply::html(200, &self.wso2_login_page(key, Some(code), true));
        }
        if let Some(cus) = self
            .web_fault(Endpoint::WebCommonauth, FaultKind::CusCode)
            .and_then(|f| f.code)
        {
            return Reply::redirect(&format!(
                "{}/authenticationendpoint/login.do?{}&authFailure=true&CUS_CODE={}",
                fam.origin(Site::Sso),
                login_query(key),
                enc(&cus)
            ));
        }
        Reply::redirect(&format!(
            "{}/authenticationendpoint/login.do?{}&authFailure=true&authFailureMsg={code}&errorCode={code}",
            fam.origin(Site::Sso),
            login_query(key)
        ))
    }

    /// Success: the SSO's session cookie, and the hop back through
    /// `/oauth2/authorize`.
    pub(crate) fn wso2_success(
        &self,
        fam: Family,
        key: &str,
        account: &Account,
        method: &str,
    ) -> Reply {
        let c = uuid();
        if let Some(l) = self.web().wso2.get_mut(key) {
            l.done = Some((c.clone(), account.id.clone(), method.into()));
        }
        Reply::redirect(&format!(
            "{}/oauth2/authorize?sessionDataKey={}",
            fam.origin(Site::Sso),
            enc(key)
        ))
        .with_header(
            "Set-Cookie",
            &cookie("commonAuthId", &c, "/", "; SameSite=None"),
        )
    }

    /// Whether `key` is a login of this family still waiting for its
    /// authentication.
    pub(crate) fn wso2_open(&self, fam: Family, key: &str) -> bool {
        self.web().wso2.get(key).is_some_and(|l| {
            l.family == fam && l.done.is_none() && !l.used && l.created.elapsed() < KEY_TTL
        })
    }

    /// The code of the `web_commonauth:fail:CODE` (or `cus_code:CODE`)
    /// fault, when on.
    fn forced_failure(&self) -> Option<String> {
        self.web_fault(Endpoint::WebCommonauth, FaultKind::Fail)
            .or_else(|| self.web_fault(Endpoint::WebCommonauth, FaultKind::CusCode))
            .and_then(|f| f.code)
    }

    /// `POST /commonauth`.
    fn wso2_commonauth(&self, fam: Family, req: &Req) -> Reply {
        let form = req.form();
        let key = form_get(&form, "sessionDataKey").unwrap_or_default();
        if self
            .web_fault(Endpoint::WebCommonauth, FaultKind::Expired)
            .is_some()
        {
            // The page was left open too long: the key is spent.
            self.web().wso2.remove(&key);
        }
        if !self.wso2_open(fam, &key) {
            return self.wso2_retry(fam);
        }
        if let Some(code) = self.forced_failure() {
            return self.wso2_fail(fam, &key, &code);
        }
        match form_get(&form, "authenticator").as_deref() {
            Some("USBTokenAuthenticator") => self.wso2_usb(fam, &key, &form),
            Some("SimPKIAuthenticator") => self.wso2_sim(fam, &key, &form),
            _ => self.wso2_retry(fam),
        }
    }

    /// The USB tab: the `signedData` of the plugin, in either envelope.
    fn wso2_usb(&self, fam: Family, key: &str, form: &[(String, String)]) -> Reply {
        let fail = |code: &str| self.wso2_fail(fam, key, code);
        const INVALID: &str = "USB_SIGNATURE_INVALID_ERROR_CODE";
        const CERT: &str = "USB_CERTIFICATE_VERIFICATION_FAILED_ERROR_CODE";
        const UNKNOWN: &str = "USB_USER_NOT_FOUND_BY_SERIAL_ERROR_CODE";
        if form_get(form, "dataBeforeSign").as_deref() != Some(key) {
            return fail(INVALID);
        }
        let serial = serial_norm(&form_get(form, "serial").unwrap_or_default());
        let signed = form_get(form, "signedData").unwrap_or_default();
        let signed = signed.trim();
        let b64url = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(s);
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.decode(s);
        let parts: Vec<&str> = signed.split('.').collect();
        let jws = parts.len() == 3;
        // Counted in /sandbox/stats, so tests see which envelope came.
        self.count("USBTokenAuthenticator", if jws { "jws" } else { "raw" });
        // The certificate, the chain, what was signed, the signature, and
        // the JWS alg (none for the raw envelope).
        let (cert, chain, input, sig, alg) = if jws {
            let header: Option<serde_json::Value> = b64url(parts[0])
                .ok()
                .and_then(|h| serde_json::from_slice(&h).ok());
            let Some(header) = header else {
                return fail(INVALID);
            };
            let x5c: Vec<Vec<u8>> = header["x5c"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|c| c.as_str().and_then(|c| b64(c).ok()))
                .collect();
            let (Some(alg), Some(cert)) = (header["alg"].as_str(), x5c.first()) else {
                return fail(INVALID);
            };
            if b64url(parts[1]).ok().as_deref() != Some(key.as_bytes()) {
                return fail(INVALID);
            }
            let Ok(sig) = b64url(parts[2]) else {
                return fail(INVALID);
            };
            (
                cert.clone(),
                x5c[1..].to_vec(),
                format!("{}.{}", parts[0], parts[1]).into_bytes(),
                sig,
                Some(alg.to_string()),
            )
        } else {
            let account =
                self.account_where(|a| !serial.is_empty() && serial_norm(&a.cert_serial) == serial);
            let Some(account) = account else {
                return fail(UNKNOWN);
            };
            let Ok(sig) = b64(signed) else {
                return fail(INVALID);
            };
            (
                account.cert(),
                Vec::new(),
                key.as_bytes().to_vec(),
                sig,
                None,
            )
        };
        let Ok(info) = dvc::cert::decode_der(&cert) else {
            return fail(CERT);
        };
        if serial_norm(&info.serial) != serial {
            return fail(CERT);
        }
        match self.check_user_cert(&cert, &chain, &info) {
            Ok(()) => {}
            Err(CertProblem::Chain(_) | CertProblem::Expired | CertProblem::Revoked) => {
                return fail(CERT)
            }
        }
        let verified = match &alg {
            Some(alg) => signature::verify_jws(&cert, alg, &input, &sig).is_ok(),
            None => signature::verify_any(&cert, &input, &sig).is_ok(),
        };
        if !verified {
            return fail(INVALID);
        }
        // A JWS verified: its alg counted too, so tests see which one came.
        if let Some(alg) = &alg {
            self.count("USBTokenAuthenticator", alg);
        }
        let account = self.account_where(|a| {
            a.usb
                && (serial_norm(&a.cert_serial) == serial
                    || (info.tax_code.is_some() && a.tax_code == info.tax_code)
                    || (info.id_number.is_some() && a.id_number == info.id_number))
        });
        let Some(account) = account else {
            return fail(UNKNOWN);
        };
        if !account.active {
            return fail("USB_USER_NOT_ACTIVE_ERROR_CODE");
        }
        self.wso2_success(fam, key, &account, "usb")
    }

    /// The SIM tab: a transaction, then the outcome (held) or a waiting page.
    fn wso2_sim(&self, fam: Family, key: &str, form: &[(String, String)]) -> Reply {
        if let Some(id) = form_get(form, "transactionId") {
            let tx = self
                .tx_status(&id)
                .filter(|t| t.kind == TxKind::Sim && t.session_key == key);
            return match tx {
                Some(t) if t.state == TxState::Pending => self.wso2_wait_page(key, &t),
                Some(t) => self.wso2_sim_outcome(fam, key, &t),
                None => self.wso2_fail(fam, key, "PKI_FAILURE_ERROR_CODE"),
            };
        }
        let phone = phone_intl(&form_get(form, "phone").unwrap_or_default());
        let account = self.account_where(|a| a.sim_phone.as_deref() == Some(phone.as_str()));
        let Some(account) = account else {
            return self.wso2_fail(fam, key, "PKI_NOT_FOUND_USER_WITH_PHONE_ERROR_CODE");
        };
        if account.cert_state == "expired" {
            return self.wso2_fail(fam, key, "PKI_EXPIRED_CERT_ERROR_CODE");
        }
        let tx = self.new_tx(key, TxKind::Sim, &phone, &account, None);
        match self.web_opts().sim_wait {
            SimWait::Page => self.wso2_wait_page(key, &tx),
            SimWait::Held => loop {
                match self.tx_status(&tx.id) {
                    Some(t) if t.state == TxState::Pending => {
                        std::thread::sleep(Duration::from_millis(100))
                    }
                    Some(t) => break self.wso2_sim_outcome(fam, key, &t),
                    None => break self.wso2_fail(fam, key, "PKI_FAILURE_ERROR_CODE"),
                }
            },
        }
    }

    fn wso2_wait_page(&self, key: &str, tx: &Tx) -> Reply {
        let refresh = self
            .fault(FaultKind::SlowDown)
            .unwrap_or(tx.interval)
            .max(1)
            .to_string();
        Reply::html(
            200,
            &pages::fill(
                pages::WSO2_WAIT,
                &[
                    ("REFRESH", &refresh),
                    ("PHONE", &pages::esc(&masked(&tx.login_hint))),
                    ("CODE", &pages::esc(&tx.code)),
                    ("KEY", &pages::esc(key)),
                    ("TX", &pages::esc(&tx.id)),
                ],
            ),
        )
    }

    fn wso2_sim_outcome(&self, fam: Family, key: &str, tx: &Tx) -> Reply {
        match tx.state {
            TxState::Approved => {
                let account = self.account_where(|a| a.id == tx.account);
                match account {
                    Some(a) if self.user_signs(&a, key.as_bytes()).is_ok() => {
                        self.wso2_success(fam, key, &a, "sim")
                    }
                    _ => self.wso2_fail(fam, key, "PKI_FAILURE_ERROR_CODE"),
                }
            }
            TxState::Rejected => self.wso2_fail(fam, key, "PKI_USER_CANCEL_ERROR_CODE"),
            TxState::Expired | TxState::Pending => {
                self.wso2_fail(fam, key, "PKI_NOT_HAVE_RESPONSE_CODE_ERROR_CODE")
            }
        }
    }

    /// The SmartCA tab, as the page's script picks it: to SmartCA's page.
    fn wso2_smartca_tab(&self, fam: Family, req: &Req) -> Reply {
        let q = &req.query;
        let key = q.get("sessionDataKey").cloned().unwrap_or_default();
        if q.get("idp").map(String::as_str) != Some("VNPT-SmartCA")
            || q.get("authenticator").map(String::as_str) != Some("SmartCAAuthenticator")
            || !self.wso2_open(fam, &key)
        {
            return self.wso2_retry(fam);
        }
        let hop = rand_b64(24);
        self.web().hops.insert(hop.clone(), key);
        Reply::redirect(&format!(
            "{}/auth/login?rp={}&state={hop}",
            fam.origin(Site::Smartca),
            enc(fam.host(Site::Sso))
        ))
    }

    /// SmartCA's return: the outcome of its transaction.
    fn wso2_smartca_return(&self, fam: Family, req: &Req) -> Reply {
        let hop = req.query.get("state").cloned().unwrap_or_default();
        let key = self.web().hops.get(&hop).cloned();
        let Some(key) = key.filter(|k| self.wso2_open(fam, k)) else {
            return self.wso2_retry(fam);
        };
        if let Some(code) = self.forced_failure() {
            return self.wso2_fail(fam, &key, &code);
        }
        // SmartCA's word is checked against its transaction, not believed.
        let tx = self.smartca_tx(&key);
        match tx.map(|t| (t.state, t.account)) {
            Some((TxState::Approved, account)) => {
                let account = self.account_where(|a| a.id == account);
                match account {
                    Some(a) if self.user_signs(&a, key.as_bytes()).is_ok() => {
                        self.web().hops.remove(&hop);
                        self.wso2_success(fam, &key, &a, "smartca")
                    }
                    _ => self.wso2_fail(fam, &key, "PKI_FAILURE_ERROR_CODE"),
                }
            }
            Some((TxState::Rejected, _)) => {
                self.wso2_fail(fam, &key, "SMARTCA_USER_REJECTED_ERROR_CODE")
            }
            _ => self.wso2_fail(fam, &key, "SMARTCA_TRANSACTION_EXPIRED_ERROR_CODE"),
        }
    }

    /// The latest SmartCA transaction of a login, its state now.
    pub(crate) fn smartca_tx(&self, key: &str) -> Option<Tx> {
        let id = self
            .rt()
            .txs
            .iter()
            .rev()
            .find(|t| t.kind == TxKind::Smartca && t.session_key == key)
            .map(|t| t.id.clone())?;
        self.tx_status(&id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_serials() {
        assert_eq!(phone_intl("0912 345 678"), "84912345678");
        assert_eq!(phone_intl("+84912345678"), "84912345678");
        assert_eq!(phone_intl("84912345678"), "84912345678");
        assert_eq!(masked("84912345678"), "091****678");
        assert_eq!(serial_norm("005a0001"), "5A0001");
        assert!(login_query("k-1").contains("sessionDataKey=k-1&"));
    }
}
