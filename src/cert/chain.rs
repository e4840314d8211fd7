//! Building and verifying a path from a certificate to a trust anchor.
//!
//! Candidates come from the certificate's own bundle, `--chain` files, the
//! bundled intermediates and, when those run out, the AIA `caIssuers` URL of
//! the certificate being extended. Every signature is verified; every
//! issuer must be a CA (basicConstraints) allowed to sign certificates
//! (keyCertSign, when key usage is present) and valid at the check time.
//!
//! The outcome is one of the contract's chain states: `valid` (reached an
//! anchor), `untrusted` (reached a self-signed root that is not an anchor),
//! `incomplete` (an issuer could not be found) or `invalid` (a signature or
//! a constraint failed, including an issuer with the right name but another
//! key: a look-alike).

use std::collections::HashSet;
use std::sync::Arc;

use ::time::OffsetDateTime;
use serde::Serialize;
use x509_parser::prelude::*;

use super::signature;

/// The chain states of the CLI contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChainStatus {
    /// A path to a trust anchor, every check passed.
    Valid,
    /// A path to a self-signed root that is not a trust anchor.
    Untrusted,
    /// An issuer could not be found.
    Incomplete,
    /// A signature or constraint failed.
    Invalid,
    /// Not checked.
    NotChecked,
}

impl ChainStatus {
    /// The contract's word.
    pub fn as_str(self) -> &'static str {
        match self {
            ChainStatus::Valid => "valid",
            ChainStatus::Untrusted => "untrusted",
            ChainStatus::Incomplete => "incomplete",
            ChainStatus::Invalid => "invalid",
            ChainStatus::NotChecked => "not_checked",
        }
    }
}

/// What is needed of a certificate to build paths.
#[derive(Debug, Clone)]
pub struct CertMeta {
    /// The DER.
    pub der: Arc<Vec<u8>>,
    subject_raw: Vec<u8>,
    issuer_raw: Vec<u8>,
    spki_raw: Vec<u8>,
    is_ca: bool,
    key_cert_sign: Option<bool>,
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
    /// AIA caIssuers URLs.
    pub ca_issuers: Vec<String>,
    /// The subject, for messages.
    pub subject: String,
}

impl CertMeta {
    /// Reads the fields path building needs.
    pub fn from_der(der: Arc<Vec<u8>>) -> Result<CertMeta, String> {
        let (_, cert) = X509Certificate::from_der(&der).map_err(|e| e.to_string())?;
        let info = super::decode::info(&cert);
        let key_cert_sign = cert
            .key_usage()
            .ok()
            .flatten()
            .map(|ku| ku.value.key_cert_sign());
        Ok(CertMeta {
            subject_raw: cert.subject().as_raw().to_vec(),
            issuer_raw: cert.issuer().as_raw().to_vec(),
            spki_raw: cert.public_key().raw.to_vec(),
            is_ca: info.is_ca,
            key_cert_sign,
            not_before: info.not_before,
            not_after: info.not_after,
            ca_issuers: info.ca_issuers_urls,
            subject: info.subject,
            der,
        })
    }

    fn valid_at(&self, at: OffsetDateTime) -> bool {
        self.not_before <= at && at <= self.not_after
    }

    fn same_key_and_name(&self, other: &CertMeta) -> bool {
        self.subject_raw == other.subject_raw && self.spki_raw == other.spki_raw
    }
}

/// Verifies that `issuer` signed `child`.
pub fn signed_by(child: &CertMeta, issuer: &CertMeta) -> Result<(), String> {
    let (_, c) = X509Certificate::from_der(&child.der).map_err(|e| e.to_string())?;
    let (_, i) = X509Certificate::from_der(&issuer.der).map_err(|e| e.to_string())?;
    signature::verify_certificate(&c, i.public_key())
}

/// Trust anchors and known intermediates, shared by every check of a run.
#[derive(Debug, Default)]
pub struct TrustStore {
    /// The anchors.
    pub anchors: Vec<CertMeta>,
    /// Known intermediates (chain candidates).
    pub intermediates: Vec<CertMeta>,
}

impl TrustStore {
    /// A store from DER lists; certificates that do not parse are skipped.
    pub fn new(anchors: Vec<Vec<u8>>, intermediates: Vec<Vec<u8>>) -> TrustStore {
        let meta = |v: Vec<Vec<u8>>| -> Vec<CertMeta> {
            v.into_iter()
                .filter_map(|d| CertMeta::from_der(Arc::new(d)).ok())
                .collect()
        };
        TrustStore {
            anchors: meta(anchors),
            intermediates: meta(intermediates),
        }
    }
}

/// The result of path building.
#[derive(Debug, Clone)]
pub struct ChainOutcome {
    /// The state.
    pub status: ChainStatus,
    /// The issuers from the leaf's issuer up (the anchor last when valid).
    pub path: Vec<Arc<Vec<u8>>>,
    /// Why it is not valid (English detail for the problem list).
    pub detail: Option<String>,
}

impl ChainOutcome {
    /// The leaf's issuer, when one was found.
    pub fn issuer(&self) -> Option<&Arc<Vec<u8>>> {
        self.path.first()
    }
}

/// Downloads the certificates at an AIA caIssuers URL.
pub type Fetch<'a> = dyn Fn(&str) -> Result<Vec<Vec<u8>>, String> + Sync + 'a;

struct Search<'a> {
    store: &'a TrustStore,
    candidates: Vec<CertMeta>,
    fetched: HashSet<String>,
    fetch: &'a Fetch<'a>,
    at: OffsetDateTime,
}

enum Step {
    Done(ChainStatus, Vec<CertMeta>, Option<String>),
}

const MAX_DEPTH: usize = 8;

impl Search<'_> {
    fn extend(&mut self, cur: &CertMeta, path: &mut Vec<CertMeta>) -> Step {
        if path.len() > MAX_DEPTH {
            return Step::Done(
                ChainStatus::Incomplete,
                path.clone(),
                Some("the chain is too long".into()),
            );
        }
        let mut invalid: Option<String> = None;
        let mut lookalike = false;
        // An anchor that signed it ends the search.
        for a in self
            .store
            .anchors
            .iter()
            .filter(|a| a.subject_raw == cur.issuer_raw)
        {
            match signed_by(cur, a) {
                Ok(()) if a.valid_at(self.at) => {
                    let mut p = path.clone();
                    p.push(a.clone());
                    return Step::Done(ChainStatus::Valid, p, None);
                }
                Ok(()) => {
                    invalid = Some(format!(
                        "the trust anchor {} is not valid at the check time",
                        a.subject
                    ))
                }
                Err(_) => lookalike = true,
            }
        }
        let mut best: Option<Step> = None;
        for round in 0..2 {
            if round == 1 {
                // Nothing among the known candidates: try the AIA caIssuers URLs.
                let mut added = false;
                for url in cur.ca_issuers.clone() {
                    if !self.fetched.insert(url.clone()) {
                        continue;
                    }
                    if let Ok(certs) = (self.fetch)(&url) {
                        for der in certs {
                            if let Ok(m) = CertMeta::from_der(Arc::new(der)) {
                                self.candidates.push(m);
                                added = true;
                            }
                        }
                    }
                }
                if !added {
                    break;
                }
            }
            let names: Vec<CertMeta> = self
                .candidates
                .iter()
                .chain(self.store.intermediates.iter())
                .filter(|c| c.subject_raw == cur.issuer_raw)
                .filter(|c| !c.same_key_and_name(cur))
                .filter(|c| !path.iter().any(|p| p.same_key_and_name(c)))
                .cloned()
                .collect();
            for c in names {
                if signed_by(cur, &c).is_err() {
                    lookalike = true;
                    continue;
                }
                if !c.is_ca || c.key_cert_sign == Some(false) {
                    invalid = Some(format!(
                        "the issuer {} is not allowed to sign certificates",
                        c.subject
                    ));
                    continue;
                }
                if !c.valid_at(self.at) {
                    invalid = Some(format!(
                        "the issuer {} is not valid at the check time",
                        c.subject
                    ));
                    continue;
                }
                path.push(c.clone());
                let step = self.extend(&c, path);
                path.pop();
                match step {
                    Step::Done(ChainStatus::Valid, ..) => return step,
                    Step::Done(s, ..) => {
                        let rank = |s: ChainStatus| match s {
                            ChainStatus::Untrusted => 3,
                            ChainStatus::Invalid => 2,
                            _ => 1,
                        };
                        let better = match &best {
                            Some(Step::Done(b, ..)) => rank(s) > rank(*b),
                            None => true,
                        };
                        if better {
                            best = Some(step);
                        }
                    }
                }
            }
            if best.is_some() {
                break;
            }
        }
        if let Some(step) = best {
            return step;
        }
        if cur.subject_raw == cur.issuer_raw && signed_by(cur, cur).is_ok() {
            return Step::Done(
                ChainStatus::Untrusted,
                path.clone(),
                Some(format!("the root {} is not a trust anchor", cur.subject)),
            );
        }
        if let Some(why) = invalid {
            return Step::Done(ChainStatus::Invalid, path.clone(), Some(why));
        }
        if lookalike {
            return Step::Done(
                ChainStatus::Invalid,
                path.clone(),
                Some(format!(
                    "a certificate named as the issuer of {} exists but did not sign it (a look-alike: same name, other key)",
                    cur.subject
                )),
            );
        }
        let issuer_name = X509Certificate::from_der(&cur.der)
            .map(|(_, c)| super::decode::name_text(c.issuer()))
            .unwrap_or_default();
        Step::Done(
            ChainStatus::Incomplete,
            path.clone(),
            Some(format!("the issuer {issuer_name} was not found")),
        )
    }
}

/// Builds and verifies a path for `leaf` at time `at`.
pub fn build(
    leaf: &[u8],
    extra: &[Vec<u8>],
    store: &TrustStore,
    at: OffsetDateTime,
    fetch: &Fetch<'_>,
) -> ChainOutcome {
    let leaf = match CertMeta::from_der(Arc::new(leaf.to_vec())) {
        Ok(m) => m,
        Err(e) => {
            return ChainOutcome {
                status: ChainStatus::Invalid,
                path: Vec::new(),
                detail: Some(e),
            }
        }
    };
    // The certificate is an anchor itself.
    if store
        .anchors
        .iter()
        .any(|a| a.same_key_and_name(&leaf) && *a.der == *leaf.der)
    {
        return ChainOutcome {
            status: ChainStatus::Valid,
            path: Vec::new(),
            detail: None,
        };
    }
    let candidates = extra
        .iter()
        .filter_map(|d| CertMeta::from_der(Arc::new(d.clone())).ok())
        .collect();
    let mut search = Search {
        store,
        candidates,
        fetched: HashSet::new(),
        fetch,
        at,
    };
    let mut path = Vec::new();
    let Step::Done(status, path, detail) = search.extend(&leaf, &mut path);
    ChainOutcome {
        status,
        path: path.into_iter().map(|m| m.der).collect(),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_vietnamese_intermediates_chain_to_their_roots() {
        let store = TrustStore::new(crate::cert::trust::bundled_roots(), Vec::new());
        let no_fetch = |_: &str| -> Result<Vec<Vec<u8>>, String> { Err("offline".into()) };
        for der in crate::cert::trust::bundled_intermediates() {
            // Checked inside its own validity (two of them have expired since).
            let info = crate::cert::decode_der(&der).unwrap();
            let at = info.not_before + ::time::Duration::days(30);
            let out = build(&der, &[], &store, at, &no_fetch);
            assert_eq!(
                out.status,
                ChainStatus::Valid,
                "{}: {:?}",
                info.subject,
                out.detail
            );
            assert_eq!(out.path.len(), 1);
        }
        // Every root verifies its own signature and is an anchor.
        let at = ::time::macros::datetime!(2026-06-01 00:00 UTC);
        for der in crate::cert::trust::bundled_roots() {
            assert_eq!(
                build(&der, &[], &store, at, &no_fetch).status,
                ChainStatus::Valid
            );
        }
        // Without the anchors, the same roots are self-signed but untrusted.
        let empty = TrustStore::default();
        let der = &crate::cert::trust::bundled_roots()[0];
        assert_eq!(
            build(der, &[], &empty, at, &no_fetch).status,
            ChainStatus::Untrusted
        );
        // An intermediate with no anchor and no way to its root: incomplete.
        let der = &crate::cert::trust::bundled_intermediates()[1];
        assert_eq!(
            build(der, &[], &empty, at, &no_fetch).status,
            ChainStatus::Incomplete
        );
    }
}
