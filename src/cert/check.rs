//! Checking certificates: expiry, chain and revocation, graded as the CLI
//! contract says, for one certificate or thousands.
//!
//! A certificate is CRITICAL when it is expired, not yet valid, revoked, its
//! chain is invalid, or it expires within `crit`; WARNING when it expires
//! within `warn`; UNKNOWN when a revocation check could not be done (as
//! `on_revocation_error` says) or the chain is incomplete or untrusted; else
//! OK. The worst status wins, ranked OK < UNKNOWN < WARNING < CRITICAL, so a
//! responder outage never hides an expiring certificate and never pages
//! anyone as CRITICAL.
//!
//! Checks run on `jobs` threads (parsing, signatures and network waits
//! alike), sharing one [`Fetcher`]: one connection pool, one download per
//! CRL.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::Serialize;
use time::{Duration, OffsetDateTime};
use x509_parser::prelude::{FromDer, X509Certificate};

use super::chain::{self, ChainStatus, TrustStore};
use super::fetch::Fetcher;
use super::ocsp::{self, OcspStatus};
use super::source::Subject;
use super::CertInfo;

/// A monitoring status (the exit codes of `dvc cert check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "UPPERCASE")]
pub enum Status {
    /// 0.
    Ok,
    /// 1.
    Warning,
    /// 2.
    Critical,
    /// 3.
    Unknown,
}

impl Status {
    /// The exit code.
    pub fn code(self) -> i32 {
        match self {
            Status::Ok => 0,
            Status::Warning => 1,
            Status::Critical => 2,
            Status::Unknown => 3,
        }
    }

    /// `OK`, `WARNING`, `CRITICAL`, `UNKNOWN`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::Warning => "WARNING",
            Status::Critical => "CRITICAL",
            Status::Unknown => "UNKNOWN",
        }
    }

    fn rank(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Unknown => 1,
            Status::Warning => 2,
            Status::Critical => 3,
        }
    }

    /// The worse of two.
    pub fn worst(self, other: Status) -> Status {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }
}

/// An expiry threshold: `30d`, `12h`, or `20%` of the certificate's lifetime.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Threshold {
    /// A fixed time before expiry.
    Before(Duration),
    /// A share of the lifetime, in percent.
    Percent(f64),
}

impl Threshold {
    /// Parses `Nd`, `Nh` or `N%`.
    pub fn parse(s: &str) -> Result<Threshold, String> {
        let s = s.trim();
        let bad = || {
            format!("{s:?} is not a duration: use Nd (days), Nh (hours) or N% (of the lifetime)")
        };
        let (num, unit) = s.split_at(s.len().saturating_sub(1));
        let n: f64 = num.trim().parse().map_err(|_| bad())?;
        if !n.is_finite() || n < 0.0 {
            return Err(bad());
        }
        match unit {
            "d" => Ok(Threshold::Before(Duration::seconds_f64(n * 86_400.0))),
            "h" => Ok(Threshold::Before(Duration::seconds_f64(n * 3_600.0))),
            "%" if n <= 100.0 => Ok(Threshold::Percent(n)),
            _ => Err(bad()),
        }
    }

    /// The threshold as a time before expiry, for a given lifetime.
    pub fn before(&self, not_before: OffsetDateTime, not_after: OffsetDateTime) -> Duration {
        match self {
            Threshold::Before(d) => *d,
            Threshold::Percent(p) => (not_after - not_before) * (*p / 100.0),
        }
    }

    /// Whether a certificate valid until `not_after` is within the threshold at `at`.
    pub fn reached(
        &self,
        at: OffsetDateTime,
        not_before: OffsetDateTime,
        not_after: OffsetDateTime,
    ) -> bool {
        not_after - at <= self.before(not_before, not_after)
    }
}

/// How revocation is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum RevocationMode {
    /// OCSP, then the CRL when OCSP gives no usable answer (the default).
    #[default]
    #[value(skip)]
    Auto,
    /// OCSP only.
    Ocsp,
    /// The CRL only.
    Crl,
    /// Both must say good.
    Both,
    /// No revocation check.
    None,
}

/// What to make of a revocation check that could not be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OnRevocationError {
    /// UNKNOWN (the default).
    #[default]
    Unknown,
    /// WARNING.
    Warning,
    /// CRITICAL.
    Critical,
    /// OK.
    Ok,
}

impl OnRevocationError {
    fn status(self) -> Status {
        match self {
            OnRevocationError::Unknown => Status::Unknown,
            OnRevocationError::Warning => Status::Warning,
            OnRevocationError::Critical => Status::Critical,
            OnRevocationError::Ok => Status::Ok,
        }
    }
}

/// The checks to make.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Revocation mode.
    pub revocation: RevocationMode,
    /// Grading of a failed revocation check.
    pub on_revocation_error: OnRevocationError,
    /// WARNING threshold.
    pub warn: Threshold,
    /// CRITICAL threshold.
    pub crit: Threshold,
    /// The time the certificates are judged at (`--at`, else now).
    pub at: OffsetDateTime,
    /// The real time (revocation answers' freshness).
    pub now: OffsetDateTime,
    /// Threads (and so concurrent network requests).
    pub jobs: usize,
    /// Whether to build and verify the chain.
    pub check_chain: bool,
}

/// The revocation states of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RevocationStatus {
    /// Not revoked.
    Good,
    /// Revoked.
    Revoked,
    /// The responder does not know the certificate.
    Unknown,
    /// The check failed.
    Error,
    /// Not checked.
    NotChecked,
}

impl RevocationStatus {
    /// The contract's word.
    pub fn as_str(self) -> &'static str {
        match self {
            RevocationStatus::Good => "good",
            RevocationStatus::Revoked => "revoked",
            RevocationStatus::Unknown => "unknown",
            RevocationStatus::Error => "error",
            RevocationStatus::NotChecked => "not_checked",
        }
    }
}

/// A revocation result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revocation {
    /// The state.
    pub status: RevocationStatus,
    /// `ocsp` or `crl`, when one answered.
    pub method: Option<&'static str>,
    /// When it was revoked.
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
    /// Why.
    pub reason: Option<String>,
    /// What went wrong.
    pub error: Option<String>,
}

impl Revocation {
    fn not_checked() -> Revocation {
        Revocation {
            status: RevocationStatus::NotChecked,
            method: None,
            revoked_at: None,
            reason: None,
            error: None,
        }
    }

    fn error(msg: impl Into<String>) -> Revocation {
        Revocation {
            status: RevocationStatus::Error,
            error: Some(msg.into()),
            ..Revocation::not_checked()
        }
    }

    fn usable(&self) -> bool {
        matches!(
            self.status,
            RevocationStatus::Good | RevocationStatus::Revoked
        )
    }
}

/// One thing wrong with a certificate, for people (rendered in their language).
#[derive(Debug, Clone, PartialEq)]
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
        /// Why.
        reason: Option<String>,
    },
    /// The chain is not valid.
    Chain {
        /// Its state.
        status: ChainStatus,
        /// Why.
        detail: String,
    },
    /// Revocation could not be checked.
    RevocationUnavailable(String),
    /// The source could not be read.
    Unreadable(String),
}

/// The result of checking one certificate.
#[derive(Debug, Clone)]
pub struct CertReport {
    /// Where it came from.
    pub source: String,
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
#[derive(Debug, Clone)]
pub struct Report {
    /// The worst status.
    pub status: Status,
    /// The check time.
    pub checked_at: OffsetDateTime,
    /// Every certificate, in the order of the sources.
    pub certificates: Vec<CertReport>,
}

/// A report for a source that could not be read.
pub fn unreadable(source: &str, detail: String) -> CertReport {
    CertReport {
        source: source.to_string(),
        info: None,
        days_left: None,
        chain: ChainStatus::NotChecked,
        revocation: Revocation::not_checked(),
        status: Status::Unknown,
        problems: vec![Problem::Unreadable(detail)],
        thresholds_days: (0.0, 0.0),
    }
}

fn check_ocsp(
    leaf: &[u8],
    issuer: &[u8],
    info: &CertInfo,
    fetcher: &Fetcher,
    now: OffsetDateTime,
) -> Revocation {
    if info.ocsp_urls.is_empty() {
        return Revocation::error("the certificate names no OCSP responder");
    }
    let mut last = String::new();
    for url in &info.ocsp_urls {
        let q = match ocsp::query(leaf, issuer) {
            Ok(q) => q,
            Err(e) => return Revocation::error(format!("cannot build the OCSP request: {e}")),
        };
        let answer = fetcher.ocsp(url, &q.der).and_then(|body| {
            ocsp::verify(&body, &q, issuer, now).map_err(|e| format!("OCSP {url}: {e}"))
        });
        match answer {
            Ok(a) => {
                let mut r = Revocation {
                    method: Some("ocsp"),
                    ..Revocation::not_checked()
                };
                match a.status {
                    OcspStatus::Good => r.status = RevocationStatus::Good,
                    OcspStatus::Unknown => {
                        r.status = RevocationStatus::Unknown;
                        r.error = Some(format!(
                            "OCSP {url}: the responder does not know this certificate"
                        ));
                    }
                    OcspStatus::Revoked { at, reason } => {
                        r.status = RevocationStatus::Revoked;
                        r.revoked_at = Some(at);
                        r.reason = reason;
                    }
                }
                return r;
            }
            Err(e) => last = e,
        }
    }
    Revocation::error(last)
}

fn check_crl(
    issuer: &[u8],
    cert: &X509Certificate<'_>,
    info: &CertInfo,
    fetcher: &Fetcher,
    now: OffsetDateTime,
) -> Revocation {
    if info.crl_urls.is_empty() {
        return Revocation::error("the certificate names no CRL distribution point");
    }
    let mut last = String::new();
    for url in &info.crl_urls {
        let crl = match fetcher.crl(url) {
            Ok(c) => c,
            Err(e) => {
                last = e;
                continue;
            }
        };
        if let Err(e) = crl.verify(issuer) {
            last = format!("CRL {url}: {e}");
            continue;
        }
        if let Some(next) = crl.next_update {
            if next < now - ocsp::LEEWAY {
                last = format!(
                    "CRL {url} is stale (nextUpdate {})",
                    crate::clock::rfc3339(next)
                );
                continue;
            }
        }
        let mut r = Revocation {
            method: Some("crl"),
            status: RevocationStatus::Good,
            ..Revocation::not_checked()
        };
        if let Some(rev) = crl.lookup(cert.raw_serial()) {
            r.status = RevocationStatus::Revoked;
            r.revoked_at = Some(rev.at);
            r.reason = rev.reason;
        }
        return r;
    }
    Revocation::error(last)
}

fn check_revocation(
    subject: &Subject,
    issuer: Option<&[u8]>,
    info: &CertInfo,
    policy: &Policy,
    fetcher: &Fetcher,
) -> Revocation {
    if policy.revocation == RevocationMode::None {
        return Revocation::not_checked();
    }
    let Some(issuer) = issuer else {
        return Revocation::error(
            "the issuer's certificate was not found, so revocation cannot be checked",
        );
    };
    let Ok((_, cert)) = X509Certificate::from_der(&subject.leaf) else {
        return Revocation::error("the certificate cannot be decoded");
    };
    let now = policy.now;
    let ocsp = || check_ocsp(&subject.leaf, issuer, info, fetcher, now);
    let crl = || check_crl(issuer, &cert, info, fetcher, now);
    let join = |a: &Revocation, b: &Revocation| -> String {
        [a.error.as_deref(), b.error.as_deref()]
            .iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join("; ")
    };
    match policy.revocation {
        RevocationMode::None => Revocation::not_checked(),
        RevocationMode::Ocsp => ocsp(),
        RevocationMode::Crl => crl(),
        RevocationMode::Auto => {
            let o = ocsp();
            if o.usable() {
                return o;
            }
            let c = crl();
            if c.usable() {
                return c;
            }
            let status = if o.status == RevocationStatus::Unknown {
                RevocationStatus::Unknown
            } else {
                RevocationStatus::Error
            };
            Revocation {
                status,
                error: Some(join(&o, &c)),
                ..Revocation::not_checked()
            }
        }
        RevocationMode::Both => {
            let (o, c) = (ocsp(), crl());
            if o.status == RevocationStatus::Revoked {
                return o;
            }
            if c.status == RevocationStatus::Revoked {
                return c;
            }
            if o.status == RevocationStatus::Good && c.status == RevocationStatus::Good {
                return o;
            }
            Revocation {
                status: RevocationStatus::Error,
                error: Some(join(&o, &c)),
                ..Revocation::not_checked()
            }
        }
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
        Err(e) => return unreadable(&subject.source, e),
    };
    let at = policy.at;
    let days_left = crate::clock::days_until(at, info.not_after);
    let mut status = Status::Ok;
    let mut problems = Vec::new();
    if at > info.not_after {
        status = Status::Critical;
        problems.push(Problem::Expired(info.not_after));
    } else if at < info.not_before {
        status = Status::Critical;
        problems.push(Problem::NotYetValid(info.not_before));
    } else if policy.crit.reached(at, info.not_before, info.not_after) {
        status = Status::Critical;
        problems.push(Problem::ExpiresSoon {
            days: days_left,
            level: Status::Critical,
        });
    } else if policy.warn.reached(at, info.not_before, info.not_after) {
        status = Status::Warning;
        problems.push(Problem::ExpiresSoon {
            days: days_left,
            level: Status::Warning,
        });
    }
    let (chain_status, issuer) = if policy.check_chain {
        let mut candidates = subject.extra.clone();
        candidates.extend_from_slice(extra);
        let fetch = |url: &str| fetcher.ca_issuers(url);
        let outcome = chain::build(&subject.leaf, &candidates, trust, at, &fetch);
        let detail = outcome.detail.clone().unwrap_or_default();
        match outcome.status {
            ChainStatus::Invalid => {
                status = status.worst(Status::Critical);
                problems.push(Problem::Chain {
                    status: outcome.status,
                    detail,
                });
            }
            ChainStatus::Incomplete | ChainStatus::Untrusted => {
                status = status.worst(Status::Unknown);
                problems.push(Problem::Chain {
                    status: outcome.status,
                    detail,
                });
            }
            _ => {}
        }
        (outcome.status, outcome.issuer().map(|d| d.to_vec()))
    } else {
        (ChainStatus::NotChecked, None)
    };
    let revocation = check_revocation(subject, issuer.as_deref(), &info, policy, fetcher);
    match revocation.status {
        RevocationStatus::Revoked => {
            status = status.worst(Status::Critical);
            problems.push(Problem::Revoked {
                at: revocation.revoked_at,
                reason: revocation.reason.clone(),
            });
        }
        RevocationStatus::Unknown | RevocationStatus::Error => {
            status = status.worst(policy.on_revocation_error.status());
            problems.push(Problem::RevocationUnavailable(
                revocation.error.clone().unwrap_or_default(),
            ));
        }
        _ => {}
    }
    let days = |t: Threshold| t.before(info.not_before, info.not_after).as_seconds_f64() / 86_400.0;
    CertReport {
        source: subject.source.clone(),
        days_left: Some(days_left),
        thresholds_days: (days(policy.warn), days(policy.crit)),
        info: Some(info),
        chain: chain_status,
        revocation,
        status,
        problems,
    }
}

/// Checks every subject on `policy.jobs` threads; reports keep the input order.
/// `failed` are sources that could not be read (reported as UNKNOWN).
pub fn run(
    subjects: &[Subject],
    failed: Vec<CertReport>,
    extra: &[Vec<u8>],
    trust: &TrustStore,
    policy: &Policy,
    fetcher: &Fetcher,
) -> Report {
    let results: Mutex<Vec<Option<CertReport>>> = Mutex::new(vec![None; subjects.len()]);
    let next = AtomicUsize::new(0);
    let threads = policy.jobs.clamp(1, 64).min(subjects.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= subjects.len() {
                    break;
                }
                let r = check_one(&subjects[i], extra, trust, policy, fetcher);
                if let Ok(mut v) = results.lock() {
                    v[i] = Some(r);
                }
            });
        }
    });
    let mut certificates: Vec<CertReport> = results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect();
    certificates.extend(failed);
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
        for bad in ["", "30", "d", "-1d", "101%", "3w", "NaNd"] {
            assert!(Threshold::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn worst_ranks_unknown_below_warning() {
        assert_eq!(Status::Ok.worst(Status::Unknown), Status::Unknown);
        assert_eq!(Status::Unknown.worst(Status::Warning), Status::Warning);
        assert_eq!(Status::Critical.worst(Status::Unknown), Status::Critical);
    }
}
