//! Building and verifying a path from a certificate to a trust anchor.
//!
//! Candidates come from the certificate's own bundle, `--chain` files, the
//! bundled intermediates and, when those run out, the AIA `caIssuers` URL of
//! the certificate being extended. Every signature is verified; every
//! issuer must be a CA (basicConstraints) allowed to sign certificates
//! (keyCertSign, when key usage is present), allow as many CAs below it as
//! there are (pathLenConstraint), carry no critical extension `dvc` does not
//! understand, and be valid at the check time: an expired CA (bundled or
//! not) is never part of a valid chain.
//!
//! Like rustls-webpki, the search has budgets: at most
//! [`MAX_SIGNATURE_CHECKS`] signature checks and [`MAX_STEPS`] path steps
//! per certificate, so a bundle of many CAs with the same name (or CAs
//! that certify each other in a loop) ends the search quickly instead of
//! trying every combination. Candidates whose subject key identifier does
//! not match the certificate's authority key identifier are set aside
//! without a signature check.
//!
//! SHA-1 signatures verify (Vietnam's older CAs used them) but are reported
//! as [`ChainOutcome::weak_signatures`] unless the certificate was issued
//! before 2017-01-01; a trust anchor's own signature is never judged.
//!
//! The outcome is one of the contract's chain states: `valid` (reached an
//! anchor), `untrusted` (reached a self-signed root that is not an anchor),
//! `incomplete` (an issuer could not be found) or `invalid` (a signature or
//! a constraint failed, including an issuer with the right name but another
//! key: a look-alike).

use std::collections::HashSet;
use std::sync::Arc;

use ::time::OffsetDateTime;
use x509_parser::prelude::*;

use super::decode::DecodeError;
use super::fetch::FetchError;
use super::signature::{self, SignatureError};

/// The chain states of the CLI contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Why a chain is not valid. Subjects are RFC 4514 text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainError {
    /// The certificate itself cannot be decoded.
    Unreadable(DecodeError),
    /// The path would be longer than [`MAX_DEPTH`] certificates.
    TooLong {
        /// The limit.
        max: usize,
    },
    /// The search gave up: too many candidate issuers (a hostile or broken bundle).
    TooManyCandidates {
        /// Signature checks made before giving up.
        checks: usize,
        /// The issuer name the candidates share.
        issuer: String,
    },
    /// An issuer (or the trust anchor) signed it but has expired.
    IssuerExpired {
        /// The issuer.
        issuer: String,
        /// Its `notAfter`.
        not_after: OffsetDateTime,
        /// Whether it is a trust anchor.
        anchor: bool,
    },
    /// An issuer (or the trust anchor) signed it but is not valid yet.
    IssuerNotYetValid {
        /// The issuer.
        issuer: String,
        /// Its `notBefore`.
        not_before: OffsetDateTime,
        /// Whether it is a trust anchor.
        anchor: bool,
    },
    /// The issuer is not a CA (no basicConstraints cA=TRUE).
    IssuerNotCa {
        /// The issuer.
        issuer: String,
    },
    /// The issuer's keyUsage does not include keyCertSign.
    IssuerWithoutKeyCertSign {
        /// The issuer.
        issuer: String,
    },
    /// The issuer's pathLenConstraint allows fewer CAs below it.
    PathLength {
        /// The issuer.
        issuer: String,
        /// Its pathLenConstraint.
        max: u32,
        /// The CAs below it in the path.
        below: usize,
    },
    /// A critical extension that `dvc` does not understand.
    UnknownCriticalExtension {
        /// Whose.
        subject: String,
        /// The extension's OID.
        oid: String,
    },
    /// Ends at a self-signed root that is not a trust anchor.
    UntrustedRoot {
        /// The root.
        root: String,
    },
    /// A certificate named as the issuer exists, but another key signed.
    LookAlike {
        /// The certificate whose issuer is a look-alike.
        subject: String,
        /// The issuer's name.
        issuer: String,
    },
    /// A signature that cannot be checked (an algorithm `dvc` does not support).
    Signature {
        /// The signed certificate.
        subject: String,
        /// Why.
        error: SignatureError,
    },
    /// The issuer could not be found.
    IssuerNotFound {
        /// The issuer's name.
        issuer: String,
        /// Why downloading it from the AIA URL failed, if one was tried.
        download: Option<FetchError>,
    },
    /// The only issuers found are already in the chain (CAs certifying each other).
    Loop {
        /// The issuer's name.
        issuer: String,
    },
}

/// A certificate on the path signed with SHA-1 after 2016.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeakSignature {
    /// The certificate (RFC 4514).
    pub subject: String,
    /// The signature algorithm.
    pub algorithm: String,
}

/// The longest path searched (issuers above the certificate).
pub const MAX_DEPTH: usize = 8;
/// Signature checks allowed per certificate (rustls-webpki's budget).
pub const MAX_SIGNATURE_CHECKS: usize = 100;
/// Path steps allowed per certificate.
pub const MAX_STEPS: usize = 1000;

/// Certificates issued before this may be signed with SHA-1 (2017-01-01).
const SHA1_CUTOFF: OffsetDateTime = ::time::macros::datetime!(2017-01-01 00:00 UTC);

/// Extensions whose meaning `dvc` knows (or that constrain nothing it
/// checks); a critical extension not in this list makes a chain invalid.
const KNOWN_EXTENSIONS: &[&str] = &[
    "2.5.29.14",            // subjectKeyIdentifier
    "2.5.29.15",            // keyUsage
    "2.5.29.17",            // subjectAltName
    "2.5.29.18",            // issuerAltName
    "2.5.29.19",            // basicConstraints
    "2.5.29.31",            // cRLDistributionPoints
    "2.5.29.32",            // certificatePolicies
    "2.5.29.35",            // authorityKeyIdentifier
    "2.5.29.37",            // extKeyUsage
    "2.5.29.46",            // freshestCRL
    "1.3.6.1.5.5.7.1.1",    // authorityInfoAccess
    "1.3.6.1.5.5.7.1.11",   // subjectInfoAccess
    "1.3.6.1.5.5.7.48.1.5", // id-pkix-ocsp-nocheck
];

/// What is needed of a certificate to build paths.
#[derive(Debug, Clone)]
pub struct CertMeta {
    /// The DER.
    pub der: Arc<Vec<u8>>,
    subject_raw: Vec<u8>,
    issuer_raw: Vec<u8>,
    spki_raw: Vec<u8>,
    subject_key_id: Option<Vec<u8>>,
    authority_key_id: Option<Vec<u8>>,
    is_ca: bool,
    path_len: Option<u32>,
    key_cert_sign: Option<bool>,
    self_issued: bool,
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
    sha1_signed: Option<String>,
    unknown_critical: Option<String>,
    /// AIA caIssuers URLs.
    pub ca_issuers: Vec<String>,
    /// The subject (RFC 4514), for messages.
    pub subject: String,
    /// The issuer's name (RFC 4514), for messages.
    pub issuer: String,
}

impl CertMeta {
    /// Reads the fields path building needs.
    pub fn from_der(der: Arc<Vec<u8>>) -> Result<CertMeta, DecodeError> {
        let (_, cert) = super::decode::parse(&der)?;
        let info = super::decode::info(&cert);
        let key_cert_sign = cert
            .key_usage()
            .ok()
            .flatten()
            .map(|ku| ku.value.key_cert_sign());
        let path_len = cert
            .basic_constraints()
            .ok()
            .flatten()
            .and_then(|bc| bc.value.path_len_constraint);
        let mut subject_key_id = None;
        let mut authority_key_id = None;
        let mut unknown_critical = None;
        for ext in cert.extensions() {
            match ext.parsed_extension() {
                ParsedExtension::SubjectKeyIdentifier(k) => subject_key_id = Some(k.0.to_vec()),
                ParsedExtension::AuthorityKeyIdentifier(a) => {
                    authority_key_id = a.key_identifier.as_ref().map(|k| k.0.to_vec())
                }
                _ => {}
            }
            if ext.critical && unknown_critical.is_none() {
                let oid = ext.oid.to_id_string();
                if !KNOWN_EXTENSIONS.contains(&oid.as_str()) {
                    unknown_critical = Some(oid);
                }
            }
        }
        let sha1_signed = signature::is_sha1(&cert.signature_algorithm.algorithm)
            .then(|| info.signature_algorithm.clone());
        Ok(CertMeta {
            subject_raw: cert.subject().as_raw().to_vec(),
            issuer_raw: cert.issuer().as_raw().to_vec(),
            spki_raw: cert.public_key().raw.to_vec(),
            subject_key_id,
            authority_key_id,
            is_ca: info.is_ca,
            path_len,
            key_cert_sign,
            self_issued: info.self_issued,
            not_before: info.not_before,
            not_after: info.not_after,
            sha1_signed,
            unknown_critical,
            ca_issuers: info.ca_issuers_urls,
            subject: info.subject,
            issuer: info.issuer,
            der,
        })
    }

    /// Whether it is valid at `at`.
    pub fn valid_at(&self, at: OffsetDateTime) -> bool {
        self.not_before <= at && at <= self.not_after
    }

    /// Its `notAfter`.
    pub fn not_after(&self) -> OffsetDateTime {
        self.not_after
    }

    fn same_key_and_name(&self, other: &CertMeta) -> bool {
        self.subject_raw == other.subject_raw && self.spki_raw == other.spki_raw
    }

    /// Whether the key identifiers say that `issuer` cannot have signed this
    /// (both present and different).
    fn key_id_mismatch(&self, issuer: &CertMeta) -> bool {
        matches!(
            (&self.authority_key_id, &issuer.subject_key_id),
            (Some(a), Some(s)) if a != s
        )
    }

    fn weak(&self) -> Option<WeakSignature> {
        let algorithm = self.sha1_signed.clone()?;
        (self.not_before >= SHA1_CUTOFF).then(|| WeakSignature {
            subject: self.subject.clone(),
            algorithm,
        })
    }
}

/// Verifies that `issuer` signed `child`.
pub fn signed_by(child: &CertMeta, issuer: &CertMeta) -> Result<(), SignatureError> {
    let (Ok((_, c)), Ok((_, i))) = (
        X509Certificate::from_der(&child.der),
        X509Certificate::from_der(&issuer.der),
    ) else {
        return Err(SignatureError::Invalid);
    };
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
    /// Why it is not valid.
    pub error: Option<ChainError>,
    /// The certificate is a trust anchor itself.
    pub is_anchor: bool,
    /// Certificates of a valid path signed with SHA-1 after 2016.
    pub weak_signatures: Vec<WeakSignature>,
}

impl ChainOutcome {
    /// The leaf's issuer, when one was found.
    pub fn issuer(&self) -> Option<&Arc<Vec<u8>>> {
        self.path.first()
    }
}

/// Downloads the certificates at an AIA caIssuers URL.
pub type Fetch<'a> = dyn Fn(&str) -> Result<Vec<Vec<u8>>, FetchError> + Sync + 'a;

/// A [`Fetch`] for callers without network access: every download fails
/// with [`FetchError::Offline`].
pub fn offline(_url: &str) -> Result<Vec<Vec<u8>>, FetchError> {
    Err(FetchError::Offline)
}

/// The end of one search branch.
struct Step {
    status: ChainStatus,
    path: Vec<CertMeta>,
    error: Option<ChainError>,
}

impl Step {
    fn new(status: ChainStatus, path: &[CertMeta], error: Option<ChainError>) -> Step {
        Step {
            status,
            path: path.to_vec(),
            error,
        }
    }
}

struct Search<'a> {
    store: &'a TrustStore,
    candidates: Vec<CertMeta>,
    fetched: HashSet<String>,
    fetch: &'a Fetch<'a>,
    at: OffsetDateTime,
    signature_checks: usize,
    steps: usize,
    /// Set once a budget is spent: every branch ends at once.
    gave_up: Option<ChainError>,
    download_error: Option<FetchError>,
}

impl Search<'_> {
    /// A signature check within the budget; `None` once it is spent.
    fn verify(
        &mut self,
        child: &CertMeta,
        issuer: &CertMeta,
    ) -> Option<Result<(), SignatureError>> {
        if self.signature_checks >= MAX_SIGNATURE_CHECKS {
            self.gave_up.get_or_insert(ChainError::TooManyCandidates {
                checks: self.signature_checks,
                issuer: child.issuer.clone(),
            });
            return None;
        }
        self.signature_checks += 1;
        Some(signed_by(child, issuer))
    }

    /// What forbids `c` (which signed the last certificate of `path`, or the
    /// leaf) to be its issuer here.
    fn constraints(&self, c: &CertMeta, path: &[CertMeta], anchor: bool) -> Option<ChainError> {
        if !anchor && !c.is_ca {
            return Some(ChainError::IssuerNotCa {
                issuer: c.subject.clone(),
            });
        }
        if c.key_cert_sign == Some(false) {
            return Some(ChainError::IssuerWithoutKeyCertSign {
                issuer: c.subject.clone(),
            });
        }
        if let Some(max) = c.path_len {
            let below = path.iter().filter(|p| !p.self_issued).count();
            if below > max as usize {
                return Some(ChainError::PathLength {
                    issuer: c.subject.clone(),
                    max,
                    below,
                });
            }
        }
        if !anchor {
            if let Some(oid) = &c.unknown_critical {
                return Some(ChainError::UnknownCriticalExtension {
                    subject: c.subject.clone(),
                    oid: oid.clone(),
                });
            }
        }
        if c.not_after < self.at {
            return Some(ChainError::IssuerExpired {
                issuer: c.subject.clone(),
                not_after: c.not_after,
                anchor,
            });
        }
        if c.not_before > self.at {
            return Some(ChainError::IssuerNotYetValid {
                issuer: c.subject.clone(),
                not_before: c.not_before,
                anchor,
            });
        }
        None
    }

    /// Downloads the AIA caIssuers certificates of `cur` (once per URL);
    /// whether any new candidate came.
    fn download(&mut self, cur: &CertMeta) -> bool {
        let mut added = false;
        for url in &cur.ca_issuers {
            if !self.fetched.insert(url.clone()) {
                continue;
            }
            match (self.fetch)(url) {
                Ok(certs) => {
                    for der in certs {
                        if let Ok(m) = CertMeta::from_der(Arc::new(der)) {
                            self.candidates.push(m);
                            added = true;
                        }
                    }
                }
                Err(e) => {
                    self.download_error.get_or_insert(e);
                }
            }
        }
        added
    }

    fn extend(&mut self, cur: &CertMeta, path: &mut Vec<CertMeta>) -> Step {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            self.gave_up.get_or_insert(ChainError::TooManyCandidates {
                checks: self.signature_checks,
                issuer: cur.issuer.clone(),
            });
        }
        if let Some(e) = &self.gave_up {
            return Step::new(ChainStatus::Invalid, path, Some(e.clone()));
        }
        if path.len() >= MAX_DEPTH {
            return Step::new(
                ChainStatus::Incomplete,
                path,
                Some(ChainError::TooLong { max: MAX_DEPTH }),
            );
        }
        // The most telling reason a verified issuer was refused.
        let mut refused: Option<ChainError> = None;
        let mut unsupported: Option<SignatureError> = None;
        let mut lookalike = false;
        let mut in_path = false;
        // An anchor that signed it ends the search.
        let anchors: Vec<&CertMeta> = self
            .store
            .anchors
            .iter()
            .filter(|a| a.subject_raw == cur.issuer_raw)
            .collect();
        for a in anchors {
            if cur.key_id_mismatch(a) {
                lookalike = true;
                continue;
            }
            match self.verify(cur, a) {
                None => return Step::new(ChainStatus::Invalid, path, self.gave_up.clone()),
                Some(Ok(())) => match self.constraints(a, path, true) {
                    None => {
                        let mut p = path.clone();
                        p.push(a.clone());
                        return Step {
                            status: ChainStatus::Valid,
                            path: p,
                            error: None,
                        };
                    }
                    Some(e) => {
                        refused.get_or_insert(e);
                    }
                },
                Some(Err(SignatureError::Invalid)) => lookalike = true,
                Some(Err(e)) => unsupported = Some(e),
            }
        }
        let mut best: Option<Step> = None;
        for round in 0..2 {
            // Nothing among the known candidates: try the AIA caIssuers URLs.
            if round == 1 && !self.download(cur) {
                break;
            }
            let mut names: Vec<CertMeta> = self
                .candidates
                .iter()
                .chain(self.store.intermediates.iter())
                .filter(|c| c.subject_raw == cur.issuer_raw)
                .filter(|c| !c.same_key_and_name(cur))
                .cloned()
                .collect();
            // Those whose key identifier matches first.
            names.sort_by_key(|c| cur.key_id_mismatch(c));
            let mut seen: Vec<&CertMeta> = Vec::new();
            for c in &names {
                if seen.iter().any(|s| s.der == c.der) {
                    continue;
                }
                seen.push(c);
                if path.iter().any(|p| p.same_key_and_name(c)) {
                    in_path = true;
                    continue;
                }
                if cur.key_id_mismatch(c) {
                    lookalike = true;
                    continue;
                }
                match self.verify(cur, c) {
                    None => return Step::new(ChainStatus::Invalid, path, self.gave_up.clone()),
                    Some(Ok(())) => {}
                    Some(Err(SignatureError::Invalid)) => {
                        lookalike = true;
                        continue;
                    }
                    Some(Err(e)) => {
                        unsupported = Some(e);
                        continue;
                    }
                }
                if let Some(e) = self.constraints(c, path, false) {
                    refused.get_or_insert(e);
                    continue;
                }
                path.push(c.clone());
                let step = self.extend(c, path);
                path.pop();
                if self.gave_up.is_some() || step.status == ChainStatus::Valid {
                    return step;
                }
                let rank = |s: ChainStatus| match s {
                    ChainStatus::Untrusted => 3,
                    ChainStatus::Invalid => 2,
                    _ => 1,
                };
                if best
                    .as_ref()
                    .is_none_or(|b| rank(step.status) > rank(b.status))
                {
                    best = Some(step);
                }
            }
            if best.is_some() {
                break;
            }
        }
        if let Some(step) = best {
            return step;
        }
        if cur.self_issued {
            match self.verify(cur, cur) {
                None => return Step::new(ChainStatus::Invalid, path, self.gave_up.clone()),
                Some(Ok(())) => {
                    return Step::new(
                        ChainStatus::Untrusted,
                        path,
                        Some(ChainError::UntrustedRoot {
                            root: cur.subject.clone(),
                        }),
                    )
                }
                Some(Err(_)) => {}
            }
        }
        if let Some(e) = refused {
            return Step::new(ChainStatus::Invalid, path, Some(e));
        }
        if let Some(error) = unsupported {
            return Step::new(
                ChainStatus::Invalid,
                path,
                Some(ChainError::Signature {
                    subject: cur.subject.clone(),
                    error,
                }),
            );
        }
        if lookalike {
            return Step::new(
                ChainStatus::Invalid,
                path,
                Some(ChainError::LookAlike {
                    subject: cur.subject.clone(),
                    issuer: cur.issuer.clone(),
                }),
            );
        }
        if in_path {
            return Step::new(
                ChainStatus::Incomplete,
                path,
                Some(ChainError::Loop {
                    issuer: cur.issuer.clone(),
                }),
            );
        }
        Step::new(
            ChainStatus::Incomplete,
            path,
            Some(ChainError::IssuerNotFound {
                issuer: cur.issuer.clone(),
                download: self.download_error.clone(),
            }),
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
    let outcome = |status, error| ChainOutcome {
        status,
        path: Vec::new(),
        error,
        is_anchor: false,
        weak_signatures: Vec::new(),
    };
    let leaf = match CertMeta::from_der(Arc::new(leaf.to_vec())) {
        Ok(m) => m,
        Err(e) => return outcome(ChainStatus::Invalid, Some(ChainError::Unreadable(e))),
    };
    // The certificate is an anchor itself.
    if store.anchors.iter().any(|a| *a.der == *leaf.der) {
        return ChainOutcome {
            is_anchor: true,
            ..outcome(ChainStatus::Valid, None)
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
        signature_checks: 0,
        steps: 0,
        gave_up: None,
        download_error: None,
    };
    let mut path = Vec::new();
    let Step {
        mut status,
        path,
        mut error,
    } = search.extend(&leaf, &mut path);
    let mut weak_signatures = Vec::new();
    if status == ChainStatus::Valid {
        if let Some(oid) = &leaf.unknown_critical {
            status = ChainStatus::Invalid;
            error = Some(ChainError::UnknownCriticalExtension {
                subject: leaf.subject.clone(),
                oid: oid.clone(),
            });
        } else {
            // Every signature below the anchor: the leaf's and the intermediates'.
            let below_anchor = path.len().saturating_sub(1);
            weak_signatures = std::iter::once(&leaf)
                .chain(&path[..below_anchor])
                .filter_map(CertMeta::weak)
                .collect();
        }
    }
    ChainOutcome {
        status,
        path: path.into_iter().map(|m| m.der).collect(),
        error,
        is_anchor: false,
        weak_signatures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_vietnamese_intermediates_chain_to_their_roots() {
        let store = TrustStore::new(crate::cert::trust::bundled_roots(), Vec::new());
        for der in crate::cert::trust::bundled_intermediates() {
            // Checked inside its own validity (two of them have expired since).
            let info = crate::cert::decode_der(&der).unwrap();
            let at = info.not_before + ::time::Duration::days(30);
            let out = build(&der, &[], &store, at, &offline);
            assert_eq!(
                out.status,
                ChainStatus::Valid,
                "{}: {:?}",
                info.subject,
                out.error
            );
            assert_eq!(out.path.len(), 1);
            assert!(out.weak_signatures.is_empty());
            // After it expired, the same intermediate checked as a leaf has a
            // valid chain still (its own expiry is the checker's business),
            // but nothing it issued can chain through it.
        }
        // Every root verifies its own signature and is an anchor.
        let at = ::time::macros::datetime!(2026-06-01 00:00 UTC);
        for der in crate::cert::trust::bundled_roots() {
            let out = build(&der, &[], &store, at, &offline);
            assert_eq!(out.status, ChainStatus::Valid);
            assert!(out.is_anchor);
        }
        // Without the anchors, the same roots are self-signed but untrusted.
        let empty = TrustStore::default();
        let der = &crate::cert::trust::bundled_roots()[0];
        let out = build(der, &[], &empty, at, &offline);
        assert_eq!(out.status, ChainStatus::Untrusted);
        assert!(matches!(out.error, Some(ChainError::UntrustedRoot { .. })));
        // An intermediate with no anchor and no way to its root: incomplete.
        let der = &crate::cert::trust::bundled_intermediates()[1];
        let out = build(der, &[], &empty, at, &offline);
        assert_eq!(out.status, ChainStatus::Incomplete);
        assert!(matches!(out.error, Some(ChainError::IssuerNotFound { .. })));
    }

    #[test]
    fn the_old_sha1_root_is_accepted() {
        // MIC National Root CA signs itself with SHA-1: an anchor's own signature is not judged.
        let roots = crate::cert::trust::bundled_roots();
        let store = TrustStore::new(roots.clone(), Vec::new());
        let at = ::time::macros::datetime!(2026-06-01 00:00 UTC);
        for der in roots {
            let out = build(&der, &[], &store, at, &offline);
            assert!(out.weak_signatures.is_empty());
        }
    }
}
