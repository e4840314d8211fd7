//! Checking certificates: expiry, chain and revocation, graded as the CLI
//! contract says, for one certificate or thousands.
//!
//! A certificate is CRITICAL when it is expired, not yet valid, revoked, its
//! chain is invalid, or it expires within `crit`; WARNING when it expires
//! within `warn` or a certificate of its chain is signed with SHA-1 after
//! 2016; UNKNOWN when a revocation check could not be done (as
//! `on_revocation_error` says), the chain is incomplete or untrusted, or the
//! source could not be read; else OK. The worst status wins, ranked
//! OK < UNKNOWN < WARNING < CRITICAL ([`Status::worst`]), for one
//! certificate and for the whole run ([`Report::status`]): a responder
//! outage or an unreadable file never hides an expiring certificate and
//! never pages anyone as CRITICAL.
//!
//! Checks run on `jobs` threads (parsing, signatures and network waits
//! alike), sharing one [`Fetcher`]: one connection pool, one download per
//! CRL.

mod policy;
mod revocation;

pub use policy::{OnRevocationError, Policy, RevocationMode, Status, Threshold, ThresholdError};
pub use revocation::{Revocation, RevocationError, RevocationMethod, RevocationStatus};

use revocation::check_revocation;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use time::OffsetDateTime;

use crate::cert::chain::{self, ChainError, ChainStatus, TrustStore, WeakSignature};
use crate::cert::error::CertError;
use crate::cert::fetch::Fetcher;
use crate::cert::source::{Origin, SourceError, SourceProblem, Subject};
use crate::cert::CertInfo;

/// One thing wrong with a certificate or a source; rendered in the user's
/// language by the CLI, with a stable [`Problem::code`].
#[derive(Debug)]
pub enum Problem {
    /// Expired at a time.
    Expired(OffsetDateTime),
    /// Not valid before a time.
    NotYetValid(OffsetDateTime),
    /// Expires within a threshold.
    ExpiresSoon {
        /// Days left.
        days: i64,
        /// WARNING or CRITICAL.
        level: Status,
    },
    /// Revoked.
    Revoked {
        /// When.
        at: Option<OffsetDateTime>,
        /// Why (RFC 5280's name).
        reason: Option<String>,
    },
    /// The chain is not valid.
    Chain {
        /// Its state.
        status: ChainStatus,
        /// Why.
        error: Option<ChainError>,
    },
    /// A certificate of the chain is signed with SHA-1 after 2016.
    WeakSignature(WeakSignature),
    /// Revocation could not be checked.
    RevocationUnavailable(RevocationError),
    /// The source could not be read.
    Unreadable(crate::Error),
    /// The source holds no certificate (an empty directory).
    NoCertificate,
    /// A profile's session has no certificate: its login method carries
    /// none (only USB token logins do).
    SessionWithoutCertificate {
        /// The profile.
        profile: String,
        /// How it logged in: the contract's name of the method (`sim`,
        /// `smartca`, `vneid`).
        method: &'static str,
    },
    /// The plugged tokens show no end-entity certificate (only CA
    /// certificates, or none before login).
    TokensWithoutCertificate,
}

impl Problem {
    /// The stable machine code (`problem_codes` in JSON).
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Expired(_) => "expired",
            Problem::NotYetValid(_) => "not_yet_valid",
            Problem::ExpiresSoon { .. } => "expires_soon",
            Problem::Revoked { .. } => "revoked",
            Problem::Chain { status, .. } => match status {
                ChainStatus::Invalid => "chain_invalid",
                ChainStatus::Untrusted => "untrusted",
                _ => "chain_incomplete",
            },
            Problem::WeakSignature(_) => "weak_signature",
            Problem::RevocationUnavailable(_) => "revocation_unknown",
            Problem::Unreadable(_) => "unreadable",
            Problem::NoCertificate
            | Problem::SessionWithoutCertificate { .. }
            | Problem::TokensWithoutCertificate => "no_certificate",
        }
    }
}

/// The result of checking one certificate (or of a source that gave none).
#[derive(Debug)]
pub struct CertReport {
    /// Where it came from, for scripts (a path, `-`, a `pkcs11:` URI,
    /// `session:PROFILE`).
    pub source: String,
    /// Where it came from, for people, when that differs from `source`
    /// (a token's name instead of its URI).
    pub label: Option<String>,
    /// Other places the same certificate was found.
    pub also: Vec<Origin>,
    /// The decoded certificate (none when the source could not be read).
    pub info: Option<CertInfo>,
    /// Whole days from the check time to expiry.
    pub days_left: Option<i64>,
    /// The chain state.
    pub chain: ChainStatus,
    /// The revocation result.
    pub revocation: Revocation,
    /// The grade.
    pub status: Status,
    /// What is wrong.
    pub problems: Vec<Problem>,
    /// The warn / crit thresholds in days, for monitoring output.
    pub thresholds_days: (f64, f64),
}

/// The result of a run.
#[derive(Debug)]
pub struct Report {
    /// The worst status of all rows: the exit code, the nagios text, the
    /// JSON `status` and `dvc_certificate_check_status` all come from it.
    pub status: Status,
    /// The check time.
    pub checked_at: OffsetDateTime,
    /// Every row, in the order of the sources.
    pub certificates: Vec<CertReport>,
}

impl CertReport {
    /// Every place the certificate was found, the first one first.
    pub fn origins(&self) -> Vec<Origin> {
        let mut all = vec![Origin {
            source: self.source.clone(),
            label: self.label.clone(),
        }];
        all.extend(self.also.iter().cloned());
        all
    }

    /// Where it was found, for people: each place's name (a token's label
    /// rather than its URI), comma-separated.
    pub fn place(&self) -> String {
        self.origins()
            .iter()
            .map(|o| o.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Report {
    /// How many rows have `status`.
    pub fn count(&self, status: Status) -> usize {
        self.certificates
            .iter()
            .filter(|c| c.status == status)
            .count()
    }
}

/// A row for a source that gave no certificate: UNKNOWN.
pub fn unreadable(source: &str, error: crate::Error) -> CertReport {
    let no_certificate = matches!(
        &error,
        crate::Error::Cert(CertError::Source(SourceError {
            problem: SourceProblem::NoCertificate,
            ..
        }))
    );
    without_certificate(
        source,
        if no_certificate {
            Problem::NoCertificate
        } else {
            Problem::Unreadable(error)
        },
    )
}

/// A row for a source that has no certificate to check, and why: UNKNOWN.
pub fn without_certificate(source: &str, problem: Problem) -> CertReport {
    CertReport {
        source: source.to_string(),
        label: None,
        also: Vec::new(),
        info: None,
        days_left: None,
        chain: ChainStatus::NotChecked,
        revocation: Revocation::with(RevocationStatus::NotChecked),
        status: Status::Unknown,
        problems: vec![problem],
        thresholds_days: (0.0, 0.0),
    }
}

/// Checks one certificate.
pub fn check_one(
    subject: &Subject,
    extra: &[Vec<u8>],
    trust: &TrustStore,
    policy: &Policy,
    fetcher: &Fetcher,
) -> CertReport {
    let info = match super::decode_der(&subject.leaf) {
        Ok(i) => i,
        Err(e) => {
            let error = SourceError::new(
                &subject.source,
                SourceProblem::Certificate { index: 1, error: e },
            );
            let mut row = unreadable(&subject.source, error.into());
            row.label = subject.label.clone();
            row.also = subject.also.clone();
            return row;
        }
    };
    let at = policy.at;
    let days_left = crate::clock::days_until(at, info.not_after);
    let mut status = Status::Ok;
    let mut problems = Vec::new();
    let mut grade = |level: Status, problem: Problem| {
        status = status.worst(level);
        problems.push(problem);
    };
    if at > info.not_after {
        grade(Status::Critical, Problem::Expired(info.not_after));
    } else if at < info.not_before {
        grade(Status::Critical, Problem::NotYetValid(info.not_before));
    } else if policy.crit.reached(at, info.not_before, info.not_after) {
        let level = Status::Critical;
        grade(
            level,
            Problem::ExpiresSoon {
                days: days_left,
                level,
            },
        );
    } else if policy.warn.reached(at, info.not_before, info.not_after) {
        let level = Status::Warning;
        grade(
            level,
            Problem::ExpiresSoon {
                days: days_left,
                level,
            },
        );
    }
    let mut no_revocation = false;
    let (chain_status, issuer) = if policy.check_chain {
        let mut candidates = subject.extra.clone();
        candidates.extend_from_slice(extra);
        let fetch = |url: &str| fetcher.ca_issuers(url);
        let outcome = chain::build(&subject.leaf, &candidates, trust, at, &fetch);
        let level = match outcome.status {
            ChainStatus::Invalid => Some(Status::Critical),
            ChainStatus::Incomplete | ChainStatus::Untrusted => Some(Status::Unknown),
            ChainStatus::Valid | ChainStatus::NotChecked => None,
        };
        if let Some(level) = level {
            grade(
                level,
                Problem::Chain {
                    status: outcome.status,
                    error: outcome.error.clone(),
                },
            );
        }
        for w in &outcome.weak_signatures {
            grade(Status::Warning, Problem::WeakSignature(w.clone()));
        }
        // A trust anchor, or a self-signed root checked on its own: nobody above it revokes it.
        no_revocation = outcome.is_anchor
            || (info.self_issued
                && outcome.path.is_empty()
                && outcome.status == ChainStatus::Untrusted);
        (outcome.status, outcome.issuer().map(|d| d.to_vec()))
    } else {
        (ChainStatus::NotChecked, None)
    };
    let revocation = if no_revocation && policy.revocation != RevocationMode::None {
        Revocation::with(RevocationStatus::NotApplicable)
    } else {
        check_revocation(subject, issuer.as_deref(), &info, policy, fetcher)
    };
    match revocation.status {
        RevocationStatus::Revoked => grade(
            Status::Critical,
            Problem::Revoked {
                at: revocation.revoked_at,
                reason: revocation.reason.clone(),
            },
        ),
        RevocationStatus::Unknown | RevocationStatus::Error => {
            if let Some(e) = &revocation.error {
                grade(
                    policy.on_revocation_error.status(),
                    Problem::RevocationUnavailable(e.clone()),
                );
            }
        }
        _ => {}
    }
    let days = |t: Threshold| t.before(info.not_before, info.not_after).as_seconds_f64() / 86_400.0;
    CertReport {
        source: subject.source.clone(),
        label: subject.label.clone(),
        also: subject.also.clone(),
        days_left: Some(days_left),
        thresholds_days: (days(policy.warn), days(policy.crit)),
        info: Some(info),
        chain: chain_status,
        revocation,
        status,
        problems,
    }
}

/// One row to report: a certificate to check, or a source that gave none.
#[derive(Debug)]
pub enum Item {
    /// A certificate to check.
    Check(Subject),
    /// A source that could not be read (reported as UNKNOWN).
    Failed(Box<CertReport>),
}

/// Checks every certificate on `policy.jobs` threads; rows keep the order
/// of `items`.
pub fn run(
    items: Vec<Item>,
    extra: &[Vec<u8>],
    trust: &TrustStore,
    policy: &Policy,
    fetcher: &Fetcher,
) -> Report {
    let subjects: Vec<(usize, &Subject)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| match item {
            Item::Check(s) => Some((i, s)),
            Item::Failed(_) => None,
        })
        .collect();
    let results: Mutex<Vec<(usize, CertReport)>> = Mutex::new(Vec::with_capacity(subjects.len()));
    let next = AtomicUsize::new(0);
    let threads = policy.jobs.clamp(1, 64).min(subjects.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let Some((i, subject)) = subjects.get(n) else {
                    break;
                };
                let r = check_one(subject, extra, trust, policy, fetcher);
                results
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push((*i, r));
            });
        }
    });
    let mut checked = results.into_inner().unwrap_or_else(|p| p.into_inner());
    checked.sort_by_key(|(i, _)| *i);
    let mut checked = checked.into_iter().peekable();
    let mut certificates = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Item::Failed(r) => certificates.push(*r),
            Item::Check(_) => {
                if let Some((_, r)) = checked.next_if(|(j, _)| *j == i) {
                    certificates.push(r);
                }
            }
        }
    }
    let status = certificates
        .iter()
        .fold(Status::Ok, |acc, c| acc.worst(c.status));
    Report {
        status,
        checked_at: policy.at,
        certificates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::time::macros::datetime;

    #[test]
    fn thresholds() {
        let nb = datetime!(2026-01-01 00:00 UTC);
        let na = datetime!(2027-01-01 00:00 UTC);
        let t = Threshold::parse("30d").unwrap();
        assert!(t.reached(datetime!(2026-12-02 00:00 UTC), nb, na));
        assert!(!t.reached(datetime!(2026-12-01 00:00 UTC), nb, na));
        assert!(Threshold::parse("12h")
            .unwrap()
            .reached(datetime!(2026-12-31 13:00 UTC), nb, na));
        let p = Threshold::parse("10%").unwrap();
        assert!(p.reached(datetime!(2026-11-26 00:00 UTC), nb, na));
        assert!(!p.reached(datetime!(2026-11-20 00:00 UTC), nb, na));
        for bad in ["", "30", "d", "-1d", "3w", "NaNd"] {
            assert!(
                matches!(
                    Threshold::parse(bad),
                    Err(ThresholdError::NotADuration { .. })
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            Threshold::parse("101%"),
            Err(ThresholdError::OverHundredPercent { .. })
        ));
    }

    #[test]
    fn warn_against_crit() {
        let p = |s| Threshold::parse(s).unwrap();
        assert_eq!(p("30d").covers(&p("7d")), Some(true));
        assert_eq!(p("7d").covers(&p("30d")), Some(false));
        assert_eq!(p("48h").covers(&p("3d")), Some(false));
        assert_eq!(p("72h").covers(&p("3d")), Some(true));
        assert_eq!(p("5%").covers(&p("10%")), Some(false));
        assert_eq!(p("10%").covers(&p("30d")), None);
    }

    #[test]
    fn worst_ranks_unknown_below_warning() {
        assert_eq!(Status::Ok.worst(Status::Unknown), Status::Unknown);
        assert_eq!(Status::Unknown.worst(Status::Warning), Status::Warning);
        assert_eq!(Status::Critical.worst(Status::Unknown), Status::Critical);
        let mut ranks: Vec<u8> = Status::ALL.iter().map(|s| s.rank()).collect();
        ranks.dedup();
        assert_eq!(ranks, [0, 1, 2, 3]);
    }
}
