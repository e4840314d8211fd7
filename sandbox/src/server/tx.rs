//! SIM, SmartCA and VNeID-app transactions: a request waits for the user's
//! decision on the phone or in the app (here: `/sandbox/transactions/ID/approve`, or
//! `--auto-approve`), or expires.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::http::{rand_b64, Reply};
use super::Sandbox;
use crate::state::Account;

/// Where a transaction stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxState {
    /// Waiting for the user.
    Pending,
    /// The user confirmed.
    Approved,
    /// The user declined.
    Rejected,
    /// Nobody confirmed in time.
    Expired,
}

impl TxState {
    /// Its name in the admin API.
    pub fn name(self) -> &'static str {
        match self {
            TxState::Pending => "pending",
            TxState::Approved => "approved",
            TxState::Rejected => "rejected",
            TxState::Expired => "expired",
        }
    }
}

/// Who asked for the confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxKind {
    /// The SIM tab of `/commonauth`.
    Sim,
    /// The SmartCA tab of `/commonauth`.
    Smartca,
    /// A signing request of the SmartCA service API.
    SmartcaService,
    /// A QR login confirmed in the VNeID app (web mode).
    Vneid,
}

impl TxKind {
    /// Its name in the admin API (the authenticator).
    pub fn name(self) -> &'static str {
        match self {
            TxKind::Sim => "sim",
            TxKind::Smartca => "smartca",
            TxKind::SmartcaService => "smartca-sp",
            TxKind::Vneid => "vneid",
        }
    }
}

/// One confirmation request.
#[derive(Clone)]
pub(crate) struct Tx {
    pub(crate) id: String,
    pub(crate) kind: TxKind,
    pub(crate) login_hint: String,
    /// The verification code shown on both sides.
    pub(crate) code: String,
    pub(crate) account: String,
    /// The sessionDataKey of the login it belongs to (empty for the service API).
    pub(crate) session_key: String,
    pub(crate) created: Instant,
    pub(crate) expires: Instant,
    pub(crate) state: TxState,
    pub(crate) interval: u64,
    /// For the SmartCA service API: the hash to sign.
    pub(crate) sp_hash: Option<Vec<u8>>,
}

impl Sandbox {
    pub(crate) fn new_tx(
        &self,
        key: &str,
        kind: TxKind,
        hint: &str,
        account: &Account,
        sp_hash: Option<Vec<u8>>,
    ) -> Tx {
        let mut n = [0u8; 2];
        super::http::random_fill(&mut n);
        let tx = Tx {
            id: format!("tx-{}", rand_b64(9)),
            kind,
            login_hint: hint.into(),
            code: format!("{:04}", u16::from_be_bytes(n) % 10000),
            account: account.id.clone(),
            session_key: key.into(),
            created: Instant::now(),
            expires: Instant::now() + Duration::from_secs(self.opts.transaction_ttl),
            state: TxState::Pending,
            interval: 2,
            sp_hash,
        };
        self.rt().txs.push(tx.clone());
        tx
    }

    /// The state of a transaction now (auto-approval and expiry applied).
    pub(crate) fn tx_status(&self, id: &str) -> Option<Tx> {
        let mut rt = self.rt();
        let tx = rt.txs.iter_mut().find(|t| t.id == id)?;
        if tx.state == TxState::Pending {
            if Instant::now() >= tx.expires {
                tx.state = TxState::Expired;
            } else if let Some(n) = self.opts.auto_approve {
                if tx.created.elapsed() >= Duration::from_secs(n) {
                    tx.state = TxState::Approved;
                }
            }
        }
        Some(tx.clone())
    }

    /// `GET /sandbox/transactions`.
    pub(crate) fn list_txs(&self) -> Reply {
        let ids: Vec<String> = self.rt().txs.iter().map(|t| t.id.clone()).collect();
        let list: Vec<Value> = ids
            .iter()
            .filter_map(|id| self.tx_status(id))
            .map(|t| json!({"id": t.id, "authenticator": t.kind.name(), "login_hint": t.login_hint, "verification_code": t.code, "status": t.state.name(), "account": t.account}))
            .collect();
        Reply::json(200, json!({"transactions": list}))
    }

    /// The user's decision on a pending transaction.
    pub(crate) fn decide(&self, id: &str, decision: TxState) -> Reply {
        let current = self.tx_status(id);
        let mut rt = self.rt();
        match (current, rt.txs.iter_mut().find(|t| t.id == id)) {
            (Some(c), Some(t)) if c.state == TxState::Pending => {
                t.state = decision;
                Reply::json(200, json!({"id": id, "status": decision.name()}))
            }
            (Some(c), Some(_)) => Reply::json(
                409,
                json!({"error": "not_pending", "status": c.state.name()}),
            ),
            _ => Reply::json(404, json!({"error": "unknown_transaction"})),
        }
    }
}
