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

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use time::{Duration, OffsetDateTime};

use super::chain::{self, ChainError, ChainStatus, TrustStore, WeakSignature};
use super::crl::CrlError;
use super::error::CertError;
use super::fetch::{FetchError, Fetcher};
use super::ocsp::{self, OcspError, OcspStatus};
use super::source::{Origin, SourceError, SourceProblem, Subject};
use super::CertInfo;

/// A monitoring status (the exit codes of `dvc cert check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// Every status, from the best to the worst.
    pub const ALL: [Status; 4] = [
        Status::Ok,
        Status::Unknown,
        Status::Warning,
        Status::Critical,
    ];

    /// The exit code (monitoring-plugin codes).
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

    /// Severity: OK 0 < UNKNOWN 1 < WARNING 2 < CRITICAL 3.
    pub fn rank(self) -> u8 {
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

/// Why a threshold was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThresholdError {
    /// Not `Nd`, `Nh` or `N%`.
    NotADuration {
        /// What was given.
        value: String,
    },
    /// A percentage over 100.
    OverHundredPercent {
        /// What was given.
        value: String,
    },
}

impl Threshold {
    /// Parses `Nd`, `Nh` or `N%`.
    pub fn parse(s: &str) -> Result<Threshold, ThresholdError> {
        let s = s.trim();
        let bad = || ThresholdError::NotADuration {
            value: s.to_string(),
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
            "%" => Err(ThresholdError::OverHundredPercent {
                value: s.to_string(),
            }),
            _ => Err(bad()),
        }
    }

    /// Whether `self` comes no later than `other` before expiry for every
    /// certificate (`--warn` against `--crit`): `None` when one is a
    /// percentage and the other a time, which only a certificate's lifetime
    /// can compare.
    pub fn covers(&self, other: &Threshold) -> Option<bool> {
        match (self, other) {
            (Threshold::Before(a), Threshold::Before(b)) => Some(a >= b),
            (Threshold::Percent(a), Threshold::Percent(b)) => Some(a >= b),
            _ => None,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RevocationMode {
    /// OCSP, then the CRL when OCSP gives no usable answer (the default).
    #[default]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// Nothing to check: a trust anchor (or a self-signed root) is not
    /// revoked by anyone above it.
    NotApplicable,
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
            RevocationStatus::NotApplicable => "not_applicable",
        }
    }
}

/// How revocation was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevocationMethod {
    /// An OCSP responder.
    Ocsp,
    /// A CRL.
    Crl,
}

impl RevocationMethod {
    /// `ocsp` or `crl`.
    pub fn as_str(self) -> &'static str {
        match self {
            RevocationMethod::Ocsp => "ocsp",
            RevocationMethod::Crl => "crl",
        }
    }
}

/// Why revocation could not be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevocationError {
    /// The certificate names no OCSP responder.
    NoResponder,
    /// The certificate names no CRL distribution point.
    NoDistributionPoint,
    /// The issuer's certificate was not found.
    NoIssuer,
    /// The certificate cannot be decoded.
    Unreadable,
    /// An OCSP responder gave no usable answer.
    Ocsp {
        /// The responder.
        url: String,
        /// Why.
        error: OcspError,
    },
    /// The OCSP responder does not know the certificate.
    OcspUnknown {
        /// The responder.
        url: String,
    },
    /// The CRL could not be downloaded.
    CrlDownload(FetchError),
    /// The CRL was downloaded but is not believed.
    Crl {
        /// The CRL's URL.
        url: String,
        /// Why.
        error: CrlError,
    },
    /// Both methods failed (OCSP first).
    Both(Box<RevocationError>, Box<RevocationError>),
}

/// A revocation result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revocation {
    /// The state.
    pub status: RevocationStatus,
    /// The method that answered.
    pub method: Option<RevocationMethod>,
    /// When it was revoked.
    pub revoked_at: Option<OffsetDateTime>,
    /// Why (RFC 5280's name: `keyCompromise`, …).
    pub reason: Option<String>,
    /// What went wrong.
    pub error: Option<RevocationError>,
}

impl Revocation {
    fn with(status: RevocationStatus) -> Revocation {
        Revocation {
            status,
            method: None,
            revoked_at: None,
            reason: None,
            error: None,
        }
    }

    fn error(e: RevocationError) -> Revocation {
        Revocation {
            error: Some(e),
            ..Revocation::with(RevocationStatus::Error)
        }
    }

    fn usable(&self) -> bool {
        matches!(
            self.status,
            RevocationStatus::Good | RevocationStatus::Revoked
        )
    }
}

/// One thing wrong with a certificate or a source; rendered in the user's
/// language by [`super::output`], with a stable [`Problem::code`].
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

fn check_ocsp(
    leaf: &[u8],
    issuer: &[u8],
    info: &CertInfo,
    fetcher: &Fetcher,
    now: OffsetDateTime,
) -> Revocation {
    let mut last = RevocationError::NoResponder;
    for url in &info.ocsp_urls {
        let fail = |error| RevocationError::Ocsp {
            url: url.clone(),
            error,
        };
        let q = match ocsp::query(leaf, issuer) {
            Ok(q) => q,
            Err(e) => return Revocation::error(fail(e)),
        };
        let answer = fetcher
            .ocsp(url, &q.der)
            .map_err(OcspError::Transport)
            .and_then(|body| ocsp::verify(&body, &q, issuer, now));
        match answer {
            Ok(a) => {
                let mut r = Revocation {
                    method: Some(RevocationMethod::Ocsp),
                    ..Revocation::with(RevocationStatus::Good)
                };
                match a.status {
                    OcspStatus::Good => {}
                    OcspStatus::Unknown => {
                        r.status = RevocationStatus::Unknown;
                        r.error = Some(RevocationError::OcspUnknown { url: url.clone() });
                    }
                    OcspStatus::Revoked { at, reason } => {
                        r.status = RevocationStatus::Revoked;
                        r.revoked_at = Some(at);
                        r.reason = reason;
                    }
                }
                return r;
            }
            Err(e) => last = fail(e),
        }
    }
    Revocation::error(last)
}

fn check_crl(
    issuer: &[u8],
    serial: &[u8],
    info: &CertInfo,
    fetcher: &Fetcher,
    now: OffsetDateTime,
) -> Revocation {
    let mut last = RevocationError::NoDistributionPoint;
    for url in &info.crl_urls {
        let fail = |error| RevocationError::Crl {
            url: url.clone(),
            error,
        };
        let crl = match fetcher.crl(url) {
            Ok(c) => c,
            Err(e) => {
                last = RevocationError::CrlDownload(e);
                continue;
            }
        };
        if let Err(e) = crl.verify(issuer) {
            last = fail(e);
            continue;
        }
        if let Some(next_update) = crl.next_update {
            if next_update < now - ocsp::LEEWAY {
                last = fail(CrlError::Stale { next_update });
                continue;
            }
        }
        let mut r = Revocation {
            method: Some(RevocationMethod::Crl),
            ..Revocation::with(RevocationStatus::Good)
        };
        if let Some(rev) = crl.lookup(serial) {
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
        return Revocation::with(RevocationStatus::NotChecked);
    }
    let Some(issuer) = issuer else {
        return Revocation::error(RevocationError::NoIssuer);
    };
    let Ok((_, cert)) = super::decode::parse(&subject.leaf) else {
        return Revocation::error(RevocationError::Unreadable);
    };
    let now = policy.now;
    let ocsp = || check_ocsp(&subject.leaf, issuer, info, fetcher, now);
    let crl = || check_crl(issuer, cert.raw_serial(), info, fetcher, now);
    let both = |o: Revocation, c: Revocation, status| {
        let error = match (o.error, c.error) {
            (Some(a), Some(b)) => Some(RevocationError::Both(Box::new(a), Box::new(b))),
            (a, b) => a.or(b),
        };
        Revocation {
            error,
            ..Revocation::with(status)
        }
    };
    match policy.revocation {
        RevocationMode::None => Revocation::with(RevocationStatus::NotChecked),
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
            both(o, c, status)
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
            both(o, c, RevocationStatus::Error)
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
