//! The login page and `/commonauth` (portal-login.md §3): the USB step
//! (certificate, chain, revocation, signature over the sessionDataKey), and
//! the SIM and SmartCA steps with their polling. Failures come as JSON or
//! as WSO2's `authFailure` redirect, as `--failure-form` says.

use std::time::Duration;

use base64::Engine as _;
use serde_json::json;
use time::OffsetDateTime;

use super::fault::FaultKind;
use super::http::{form_get, Reply, Req};
use super::tx::{Tx, TxKind, TxState};
use super::{FailureForm, Sandbox};
use crate::signature::{self, SigningKey, UsbAlgorithm};
use crate::state::Account;

/// The login page (for people; dvc needs only the sessionDataKey in its URL).
const LOGIN_PAGE: &str = include_str!("login.html");

/// How long a sessionDataKey stays usable.
const SESSION_KEY_TTL: Duration = Duration::from_secs(600);

/// Why a user's certificate is refused.
pub(crate) enum CertProblem {
    /// Its chain does not lead to the sandbox's CA (the detail says why).
    Chain(String),
    /// It is not valid now.
    Expired,
    /// It is revoked.
    Revoked,
}

impl Sandbox {
    /// Checks a user's certificate as the SSO does: the chain to the demo
    /// root (with `chain` as intermediates), validity now, revocation.
    pub(crate) fn check_user_cert(
        &self,
        cert: &[u8],
        chain: &[Vec<u8>],
        info: &dvc::cert::CertInfo,
    ) -> Result<(), CertProblem> {
        let now = OffsetDateTime::now_utc();
        let store = {
            let st = self.st();
            dvc::cert::chain::TrustStore::new(vec![st.root_der()], vec![st.ca_der()])
        };
        // Chain at the certificate's own start, so an expired one says CERT_EXPIRED, not a chain failure.
        let at = if now > info.not_after {
            info.not_after
        } else {
            now
        };
        let outcome = dvc::cert::chain::build(cert, chain, &store, at, &dvc::cert::chain::offline);
        if outcome.status != dvc::cert::chain::ChainStatus::Valid {
            return Err(CertProblem::Chain(
                outcome.error.map(|e| e.to_string()).unwrap_or_default(),
            ));
        }
        if now > info.not_after || now < info.not_before {
            return Err(CertProblem::Expired);
        }
        // Revocation, as the OCSP responder answers it.
        let raw_serial = x509_parser::parse_x509_certificate(cert)
            .map(|(_, c)| c.raw_serial().to_vec())
            .unwrap_or_default();
        if self.st().revocation(&raw_serial).is_some() {
            return Err(CertProblem::Revoked);
        }
        Ok(())
    }
}

impl Sandbox {
    /// `GET /authenticationendpoint/login.do`.
    pub(crate) fn login_page(&self, req: &Req) -> Reply {
        let key = req.query.get("sessionDataKey").cloned().unwrap_or_default();
        let safe: String = key
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        Reply::html(200, &LOGIN_PAGE.replace("{KEY}", &safe))
    }

    /// A failure of /commonauth, in the JSON or the WSO2 redirect form.
    fn auth_failure(&self, key: &str, code: &str, desc: &str, prefer_redirect: bool) -> Reply {
        let redirect = match self.opts.failure_form {
            FailureForm::Json => false,
            FailureForm::Redirect => true,
            FailureForm::Mixed => prefer_redirect,
        };
        if redirect {
            Reply::redirect(&format!(
                "/authenticationendpoint/login.do?sessionDataKey={}&authFailure=true&authFailureMsg={code}&errorDescription={}",
                super::http::enc(key),
                super::http::enc(desc)
            ))
        } else {
            let status = if code == "SERVER_ERROR" { 500 } else { 401 };
            Reply::json(status, json!({"error": code, "error_description": desc}))
        }
    }

    pub(crate) fn count(&self, authenticator: &str, outcome: &str) {
        let mut rt = self.rt();
        *rt.stats
            .commonauth
            .entry(authenticator.into())
            .or_default()
            .entry(outcome.into())
            .or_default() += 1;
    }

    /// `POST /commonauth`, counted in `/sandbox/stats`.
    pub(crate) fn commonauth(&self, req: &Req) -> Reply {
        let form = req.form();
        let key = form_get(&form, "sessionDataKey").unwrap_or_default();
        let authenticator = form_get(&form, "authenticator").unwrap_or_default();
        let reply = self.commonauth_inner(req, &form, &key, &authenticator);
        let outcome = match reply.status {
            302 if reply.is_auth_failure_redirect() => "failure",
            302 => "success",
            200 => "pending",
            _ => "failure",
        };
        self.count(
            if authenticator.is_empty() {
                "none"
            } else {
                &authenticator
            },
            outcome,
        );
        reply
    }

    fn commonauth_inner(
        &self,
        req: &Req,
        form: &[(String, String)],
        key: &str,
        authenticator: &str,
    ) -> Reply {
        {
            let rt = self.rt();
            let valid = rt
                .pending
                .get(key)
                .filter(|p| p.code.is_none() && p.created.elapsed() < SESSION_KEY_TTL);
            let Some(p) = valid else {
                return self.auth_failure(
                    key,
                    "SESSION_EXPIRED",
                    "the sessionDataKey is unknown, used or expired",
                    false,
                );
            };
            if req.cookie("commonAuthId").as_deref() != Some(p.cookie.as_str()) {
                return self.auth_failure(
                    key,
                    "SESSION_EXPIRED",
                    "the login cookie was not sent back",
                    false,
                );
            }
        }
        match authenticator {
            "usb" => self.usb(form, key),
            "sim" | "smartca" => {
                let kind = if authenticator == "sim" {
                    TxKind::Sim
                } else {
                    TxKind::Smartca
                };
                if let Some(tx) = form_get(form, "transactionId") {
                    return self.poll(key, kind, &tx);
                }
                match kind {
                    TxKind::Sim => self.sim_start(form, key),
                    _ => self.smartca_start(form, key),
                }
            }
            _ => self.auth_failure(
                key,
                "UNSUPPORTED_AUTHENTICATOR",
                "use usb, sim or smartca",
                false,
            ),
        }
    }

    /// The USB tab (§3.1).
    fn usb(&self, form: &[(String, String)], key: &str) -> Reply {
        let b64d = |s: &str| base64::engine::general_purpose::STANDARD.decode(s.trim());
        let Some(Ok(cert)) = form_get(form, "certificate").map(|c| b64d(&c)) else {
            return self.auth_failure(
                key,
                "USB_CERTIFICATE_VERIFICATION_FAILED",
                "no certificate (base64 DER) was sent",
                true,
            );
        };
        let chain: Vec<Vec<u8>> = form
            .iter()
            .filter(|(k, _)| k == "chain")
            .filter_map(|(_, v)| b64d(v).ok())
            .collect();
        let Ok(info) = dvc::cert::decode_der(&cert) else {
            return self.auth_failure(
                key,
                "USB_CERTIFICATE_VERIFICATION_FAILED",
                "the certificate cannot be decoded",
                true,
            );
        };
        if form_get(form, "dataBeforeSign").as_deref() != Some(key) {
            return self.auth_failure(
                key,
                "SIGNATURE_INVALID",
                "dataBeforeSign must be exactly the sessionDataKey",
                false,
            );
        }
        let serial = form_get(form, "serial").unwrap_or_default();
        if serial.trim_start_matches('0').to_ascii_uppercase()
            != info.serial.trim_start_matches('0')
        {
            return self.auth_failure(
                key,
                "USB_CERTIFICATE_VERIFICATION_FAILED",
                "serial does not match the certificate",
                true,
            );
        }
        match self.check_user_cert(&cert, &chain, &info) {
            Ok(()) => {}
            Err(CertProblem::Chain(detail)) => {
                return self.auth_failure(key, "USB_CERTIFICATE_VERIFICATION_FAILED", &detail, true)
            }
            Err(CertProblem::Expired) => {
                return self.auth_failure(
                    key,
                    "CERT_EXPIRED",
                    "the certificate is not valid now",
                    true,
                )
            }
            Err(CertProblem::Revoked) => {
                return self.auth_failure(
                    key,
                    "CERT_REVOKED",
                    "the certificate is revoked (OCSP)",
                    true,
                )
            }
        }
        let alg = match form_get(form, "signatureAlgorithm") {
            Some(name) => match UsbAlgorithm::from_name(&name) {
                Some(a) => a,
                None => {
                    return self.auth_failure(
                        key,
                        "SIGNATURE_INVALID",
                        &format!("unknown signatureAlgorithm {name}"),
                        false,
                    )
                }
            },
            None => match UsbAlgorithm::default_for(&cert) {
                Ok(a) => a,
                Err(e) => {
                    return self.auth_failure(key, "USB_CERTIFICATE_VERIFICATION_FAILED", &e, true)
                }
            },
        };
        let Some(Ok(sig)) = form_get(form, "signedData").map(|s| b64d(&s)) else {
            return self.auth_failure(
                key,
                "SIGNATURE_INVALID",
                "signedData is missing or not base64",
                false,
            );
        };
        if signature::verify(&cert, alg, key.as_bytes(), &sig).is_err() {
            return self.auth_failure(
                key,
                "SIGNATURE_INVALID",
                "the signature does not verify over the sessionDataKey",
                false,
            );
        }
        let account = self.account_where(|a| {
            a.usb
                && (a.cert_serial == info.serial
                    || (info.tax_code.is_some() && a.tax_code == info.tax_code)
                    || (info.id_number.is_some() && a.id_number == info.id_number))
        });
        let Some(account) = account else {
            return self.auth_failure(
                key,
                "USB_USER_NOT_FOUND_BY_SERIAL",
                "no account is bound to this certificate",
                true,
            );
        };
        self.finish_login(key, &account, "usb")
    }

    /// The pending answer of the SIM and SmartCA steps (§3.2).
    pub(crate) fn pending_reply(&self, tx: &Tx, with_code: bool) -> Reply {
        let mut v = json!({
            "status": "pending",
            "transactionId": tx.id,
            "expiresIn": tx.expires.saturating_duration_since(std::time::Instant::now()).as_secs(),
            "interval": self.fault(FaultKind::SlowDown).unwrap_or(tx.interval).max(1),
        });
        if with_code {
            v["verificationCode"] = tx.code.clone().into();
        }
        Reply::json(200, v)
    }

    /// The SIM tab (§3.2).
    fn sim_start(&self, form: &[(String, String)], key: &str) -> Reply {
        let phone: String = form_get(form, "phoneNumber")
            .unwrap_or_default()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let account = self.account_where(|a| a.sim_phone.as_deref() == Some(phone.as_str()));
        let Some(account) = account else {
            return self.auth_failure(
                key,
                "PKI_NOT_FOUND_USER_WITH_PHONE",
                "no signature SIM is registered for this number (send 84…)",
                true,
            );
        };
        if account.cert_state == "expired" {
            return self.auth_failure(
                key,
                "PKI_EXPIRED_CERT",
                "the SIM certificate has expired",
                true,
            );
        }
        let tx = self.new_tx(key, TxKind::Sim, &phone, &account, None);
        self.pending_reply(&tx, true)
    }

    /// The SmartCA tab (§3.3).
    fn smartca_start(&self, form: &[(String, String)], key: &str) -> Reply {
        let user = form_get(form, "userId").unwrap_or_default();
        let password = form_get(form, "password").unwrap_or_default();
        let account = self.account_where(|a| a.smartca_user_id.as_deref() == Some(user.as_str()));
        let Some(account) = account else {
            return self.auth_failure(
                key,
                "SMARTCA_USER_NOT_FOUND",
                "no VNPT SmartCA account with this user id",
                false,
            );
        };
        if account.smartca_password.as_deref() != Some(password.as_str()) {
            return self.auth_failure(key, "SMARTCA_AUTH_FAILED", "wrong SmartCA password", false);
        }
        let tx = self.new_tx(key, TxKind::Smartca, &user, &account, None);
        self.pending_reply(&tx, true)
    }

    /// The user's signature, made as the mobile signature service / SmartCA
    /// would make it, and verified before it is believed.
    pub(crate) fn user_signs(&self, account: &Account, data: &[u8]) -> Result<Vec<u8>, String> {
        let key = SigningKey::from_pkcs8(&account.key())?;
        let sig = key.sign(data)?;
        let alg = if key.is_rsa() {
            UsbAlgorithm::RsaPkcs1Sha256
        } else {
            UsbAlgorithm::EcdsaSha256
        };
        signature::verify(&account.cert(), alg, data, &sig)?;
        Ok(sig)
    }

    /// A poll of a SIM or SmartCA step.
    fn poll(&self, key: &str, kind: TxKind, id: &str) -> Reply {
        let Some(tx) = self
            .tx_status(id)
            .filter(|t| t.session_key == key && t.kind == kind)
        else {
            return self.auth_failure(key, "TRANSACTION_EXPIRED", "unknown transactionId", false);
        };
        match tx.state {
            TxState::Pending => self.pending_reply(&tx, false),
            TxState::Rejected => {
                self.auth_failure(key, "USER_REJECTED", "the user declined the request", true)
            }
            TxState::Expired => self.auth_failure(
                key,
                "TRANSACTION_EXPIRED",
                "the user did not confirm in time",
                true,
            ),
            TxState::Approved => {
                let account = self.account_where(|a| a.id == tx.account);
                let Some(account) = account else {
                    return self.auth_failure(
                        key,
                        "SERVER_ERROR",
                        "the account disappeared",
                        false,
                    );
                };
                if let Err(e) = self.user_signs(&account, key.as_bytes()) {
                    return self.auth_failure(
                        key,
                        "SERVER_ERROR",
                        &format!("the user's signature did not verify: {e}"),
                        false,
                    );
                }
                self.finish_login(key, &account, kind.name())
            }
        }
    }
}
