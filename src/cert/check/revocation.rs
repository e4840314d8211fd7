//! Revocation: OCSP, then the CRL when OCSP gives no usable answer (as the
//! policy says), and the states of the contract.

use time::OffsetDateTime;

use super::policy::{Policy, RevocationMode};
use crate::cert::crl::CrlError;
use crate::cert::fetch::{FetchError, Fetcher};
use crate::cert::ocsp::{self, OcspError, OcspStatus};
use crate::cert::source::Subject;
use crate::cert::{decode, CertInfo};

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
    pub(super) fn with(status: RevocationStatus) -> Revocation {
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

pub(super) fn check_revocation(
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
    let Ok((_, cert)) = decode::parse(&subject.leaf) else {
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
