//! The admin API under `/sandbox/`, for people and tests: the pending
//! transactions and their approval, counters, faults, accounts, revocation.
//! It is never faulted, so a fault on `*` can still be cleared.

use serde_json::{json, Value};

use super::fault::Fault;
use super::http::{Reply, Req};
use super::tx::TxState;
use super::Sandbox;
use crate::state::State;

impl Sandbox {
    /// Routes `/sandbox/...`.
    pub(crate) fn admin_route(&self, req: &Req) -> Reply {
        match (req.method.as_str(), req.path.as_str()) {
            ("GET", "/sandbox/transactions") => self.list_txs(),
            ("POST", p) if p.starts_with("/sandbox/transactions/") => {
                let rest = &p["/sandbox/transactions/".len()..];
                match rest.rsplit_once('/') {
                    Some((id, "approve")) => self.decide(id, TxState::Approved),
                    Some((id, "reject")) => self.decide(id, TxState::Rejected),
                    _ => Reply::json(404, json!({"error": "not_found"})),
                }
            }
            ("GET", "/sandbox/stats") => self.stats(),
            ("GET", "/sandbox/otp") => self.web_otps(),
            ("GET", "/sandbox/web/requests") => self.web_requests(),
            ("GET", "/sandbox/faults") => Reply::json(200, json!(self.rt().faults.clone())),
            ("POST", "/sandbox/faults") => self.set_faults(&req.body),
            ("GET", "/sandbox/accounts") => Reply::json(200, accounts_json(&self.st())),
            ("POST", "/sandbox/revoke") => {
                let v: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
                let serial = v["serial"].as_str().unwrap_or("");
                let mut st = self.st();
                let ok = st.revoke(serial, v["reason"].as_str().unwrap_or("keyCompromise"));
                let _ = st.save(&self.data);
                Reply::json(if ok { 200 } else { 404 }, json!({"revoked": ok}))
            }
            _ => Reply::not_found(req),
        }
    }

    fn stats(&self) -> Reply {
        let rt = self.rt();
        Reply::json(
            200,
            json!({"grants": rt.stats.grants, "refresh_reuse_rejected": rt.stats.refresh_reuse, "commonauth": rt.stats.commonauth}),
        )
    }

    /// `POST /sandbox/faults`: `{"endpoint", "kind", "value"}`, a list of
    /// them, and / or `{"clear": true}`. An unknown endpoint or kind is a 400
    /// naming the accepted values, and changes nothing.
    fn set_faults(&self, body: &[u8]) -> Reply {
        let v: Value = match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => return Reply::json(400, json!({"error": format!("not JSON: {e}")})),
        };
        let list = if let Some(a) = v.as_array() {
            a.clone()
        } else if v.get("kind").is_some() {
            vec![v.clone()]
        } else {
            Vec::new()
        };
        let faults: Vec<Fault> = match list.into_iter().map(serde_json::from_value).collect() {
            Ok(f) => f,
            Err(e) => return Reply::json(400, json!({"error": e.to_string()})),
        };
        let mut rt = self.rt();
        if v.get("clear").and_then(Value::as_bool) == Some(true) {
            rt.faults.clear();
        }
        rt.faults.extend(faults);
        Reply::json(200, json!(rt.faults.clone()))
    }
}

/// The accounts as people need them to log in (`dvc-sandbox accounts
/// --json`, `GET /sandbox/accounts`).
pub fn accounts_json(st: &State) -> Value {
    json!({
        "accounts": st.accounts.accounts.iter().map(|a| json!({
            "id": a.id,
            "type": match a.kind { 1 => "citizen", 2 => "business", _ => "organisation" },
            "name": a.business_name.clone().unwrap_or_else(|| a.person_name.clone()),
            "person_name": a.person_name,
            "tax_code": a.tax_code,
            "id_number": a.id_number,
            "usb": a.usb,
            "sim_phone": a.sim_phone,
            "smartca_user_id": a.smartca_user_id,
            "smartca_password": a.smartca_password,
            "active": a.active,
            "certificate_serial": a.cert_serial,
            "certificate_state": if st.revoked.iter().any(|(s, _, _)| *s == a.cert_serial) { "revoked".to_string() } else { a.cert_state.clone() },
        })).collect::<Vec<_>>(),
        "clients": st.clients().iter().map(|c| json!({"client_id": c.client_id, "redirect_uris": c.redirect_uris})).collect::<Vec<_>>(),
        "smartca_sp": {"sp_id": st.accounts.smartca_sp.0, "sp_password": st.accounts.smartca_sp.1},
    })
}
