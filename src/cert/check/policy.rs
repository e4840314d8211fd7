//! What a check is asked to do and how its result is graded: the
//! monitoring statuses, the expiry thresholds, the revocation mode and the
//! policy of a run.

use time::{Duration, OffsetDateTime};

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
    pub(super) fn status(self) -> Status {
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
