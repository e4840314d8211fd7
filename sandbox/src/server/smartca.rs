//! VNPT SmartCA's service API (SP769, `/sca/sp769/v1/...`): enough to get a
//! SmartCA user's certificate and have a hash signed after the user
//! confirms in the app.

use serde_json::{json, Value};

use super::http::{b64, Reply};
use super::tx::{TxKind, TxState};
use super::Sandbox;
use crate::signature::sign_prehashed;

impl Sandbox {
    /// `POST /sca/sp769/v1/...` (`path` starts at `/v1/`).
    pub(crate) fn smartca_api(&self, path: &str, body: &[u8]) -> Reply {
        let env = |code: u16, message: &str, data: Value| {
            Reply::json(
                200,
                json!({"status_code": code, "message": message, "data": data}),
            )
        };
        let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        let sp = self.st().accounts.smartca_sp.clone();
        if let Some(id) = path
            .strip_prefix("/v1/signatures/sign/")
            .and_then(|p| p.strip_suffix("/status"))
        {
            let Some(tx) = self
                .tx_status(id)
                .filter(|t| t.kind == TxKind::SmartcaService)
            else {
                return env(400, "BAD_REQUEST", Value::Null);
            };
            let unsigned = json!({"transaction_id": id, "signatures": null});
            return match tx.state {
                TxState::Pending => env(200, "PENDING", unsigned),
                TxState::Rejected => env(200, "REJECTED", unsigned),
                TxState::Expired => env(200, "EXPIRED", unsigned),
                TxState::Approved => {
                    let account = self.account_where(|a| a.id == tx.account);
                    let (Some(a), Some(hash)) = (account, tx.sp_hash) else {
                        return env(500, "SERVER_ERROR", Value::Null);
                    };
                    // Raw RSA PKCS#1 v1.5 over the DigestInfo of the given SHA-256.
                    let Ok(sig) = sign_prehashed(&a.key(), &hash) else {
                        return env(500, "SERVER_ERROR", Value::Null);
                    };
                    env(
                        200,
                        "SUCCESS",
                        json!({"transaction_id": id, "signatures": [{"doc_id": "doc-1", "signature_value": b64(&sig), "timestamp_signature": null}]}),
                    )
                }
            };
        }
        if v["sp_id"].as_str() != Some(sp.0.as_str())
            || v["sp_password"].as_str() != Some(sp.1.as_str())
        {
            return env(401, "SP_CREDENTIAL_INVALID", Value::Null);
        }
        let user = v["user_id"].as_str().unwrap_or("");
        let account = self.account_where(|a| a.smartca_user_id.as_deref() == Some(user));
        let Some(a) = account else {
            return env(403, "CREDENTIAL_STATUS_INVALID", Value::Null);
        };
        match path {
            "/v1/credentials/get_certificate" => {
                let info = dvc::cert::decode_der(&a.cert()).ok();
                let st = self.st();
                env(
                    200,
                    "SUCCESS",
                    json!({"user_certificates": [{
                        "service_type": "SMARTCA", "service_name": "SmartCA cá nhân PS0", "cert_id": format!("cert-{}", a.id),
                        "cert_status": if a.cert_state == "revoked" { "Đã thu hồi" } else { "Đang hoạt động" },
                        "serial_number": a.cert_serial.to_ascii_lowercase(),
                        "cert_subject": info.as_ref().map(|i| i.subject.clone()),
                        "cert_valid_from": info.as_ref().map(|i| dvc::clock::rfc3339(i.not_before)),
                        "cert_valid_to": info.as_ref().map(|i| dvc::clock::rfc3339(i.not_after)),
                        "cert_data": a.cert_der,
                        "chain_data": {"ca_cert": b64(&st.ca_der()), "root_cert": b64(&st.root_der())},
                        "transaction_id": v["transaction_id"],
                    }]}),
                )
            }
            "/v1/signatures/sign" => {
                let hex = v["sign_files"][0]["data_to_be_signed"]
                    .as_str()
                    .unwrap_or("");
                let hash = crate::unhex(hex);
                if hash.len() != 32 {
                    return env(
                        400,
                        "BAD_REQUEST",
                        json!({"detail": "data_to_be_signed must be a lowercase hex SHA-256"}),
                    );
                }
                let tx = self.new_tx("", TxKind::SmartcaService, user, &a, Some(hash));
                env(
                    200,
                    "sig_wait_for_user_confirm",
                    json!({"transaction_id": tx.id, "tran_code": tx.code}),
                )
            }
            _ => env(400, "BAD_REQUEST", Value::Null),
        }
    }
}
