//! The JSON of `dvc cert check --format json` and `dvc cert show --json`:
//! typed structures, in the order the contract lists their fields. Every
//! field is machine-readable and the same in every language, except
//! `problems` and `revocation.error` (text for people, in the user's
//! language); `problem_codes` and `revocation.error_code` are their stable
//! machine words.

use serde::Serialize;

use super::words;
use crate::cert::check::{CertReport, Report, Status};
use crate::cert::CertInfo;
use crate::clock::rfc3339;
use crate::i18n::Lang;

/// `dvc cert check --format json`.
#[derive(Debug, Serialize)]
pub struct CheckJson<'a> {
    /// The worst status: `OK`, `WARNING`, `CRITICAL` or `UNKNOWN`.
    pub status: &'static str,
    /// The check time (RFC 3339, UTC).
    pub checked_at: String,
    /// Rows per status.
    pub summary: SummaryJson,
    /// One row per certificate (or source that gave none), in source order.
    pub certificates: Vec<CertJson<'a>>,
}

/// Rows per status.
#[derive(Debug, Serialize)]
pub struct SummaryJson {
    /// Every row.
    pub total: usize,
    /// `CRITICAL` rows.
    pub critical: usize,
    /// `WARNING` rows.
    pub warning: usize,
    /// `UNKNOWN` rows.
    pub unknown: usize,
    /// `OK` rows.
    pub ok: usize,
}

/// One certificate.
#[derive(Debug, Serialize)]
pub struct CertJson<'a> {
    /// Where it came from (a path, `-`, a `pkcs11:` URI, `session:PROFILE`).
    pub source: &'a str,
    /// Where it came from, for people, as the text, CSV and HTML reports
    /// say it: a token's label (and the object's, when the token holds
    /// several certificates) instead of its URI, the path of a file,
    /// `session:PROFILE`; every place, comma-separated.
    pub source_label: String,
    /// Every place the certificate was found, `source` first (a session's
    /// login certificate that is also on a plugged token is one row).
    pub sources: Vec<String>,
    /// The subject, RFC 4514.
    pub subject: Option<&'a str>,
    /// The issuer, RFC 4514.
    pub issuer: Option<&'a str>,
    /// Serial, uppercase hex.
    pub serial: Option<&'a str>,
    /// Start of validity.
    pub not_before: Option<String>,
    /// End of validity.
    pub not_after: Option<String>,
    /// Whole days from the check time to `not_after`.
    pub days_left: Option<i64>,
    /// The MST value.
    pub tax_code: Option<&'a str>,
    /// The CCCD / CMND / HC value.
    pub id_number: Option<&'a str>,
    /// `valid`, `untrusted`, `incomplete`, `invalid` or `not_checked`.
    pub chain: &'static str,
    /// The revocation result.
    pub revocation: RevocationJson<'a>,
    /// `OK`, `WARNING`, `CRITICAL` or `UNKNOWN`.
    pub status: &'static str,
    /// What is wrong, in the user's language.
    pub problems: Vec<String>,
    /// The same problems as stable codes (`expired`, `revoked`, …).
    pub problem_codes: Vec<&'static str>,
}

/// A revocation result.
#[derive(Debug, Serialize)]
pub struct RevocationJson<'a> {
    /// `good`, `revoked`, `unknown`, `error`, `not_checked` or `not_applicable`.
    pub status: &'static str,
    /// `ocsp` or `crl`, when one answered.
    pub method: Option<&'static str>,
    /// When it was revoked.
    pub revoked_at: Option<String>,
    /// Why (RFC 5280's name, e.g. `keyCompromise`).
    pub reason: Option<&'a str>,
    /// What went wrong, in the user's language.
    pub error: Option<String>,
    /// What went wrong, as a stable code.
    pub error_code: Option<&'static str>,
}

impl<'a> CertJson<'a> {
    fn new(c: &'a CertReport, lang: Lang) -> CertJson<'a> {
        let i = c.info.as_ref();
        let r = &c.revocation;
        CertJson {
            source: &c.source,
            source_label: c.place(),
            sources: c.origins().into_iter().map(|o| o.source).collect(),
            subject: i.map(|i| i.subject.as_str()),
            issuer: i.map(|i| i.issuer.as_str()),
            serial: i.map(|i| i.serial.as_str()),
            not_before: i.map(|i| rfc3339(i.not_before)),
            not_after: i.map(|i| rfc3339(i.not_after)),
            days_left: c.days_left,
            tax_code: i.and_then(|i| i.tax_code.as_deref()),
            id_number: i.and_then(|i| i.id_number.as_deref()),
            chain: c.chain.as_str(),
            revocation: RevocationJson {
                status: r.status.as_str(),
                method: r.method.map(|m| m.as_str()),
                revoked_at: r.revoked_at.map(rfc3339),
                reason: r.reason.as_deref(),
                error: r.error.as_ref().map(|e| e.message(lang)),
                error_code: r.error.as_ref().map(|e| e.code()),
            },
            status: c.status.as_str(),
            problems: words::problems(c, lang),
            problem_codes: c.problems.iter().map(|p| p.code()).collect(),
        }
    }
}

impl<'a> CheckJson<'a> {
    /// The JSON of a report.
    pub fn new(r: &'a Report, lang: Lang) -> CheckJson<'a> {
        CheckJson {
            status: r.status.as_str(),
            checked_at: rfc3339(r.checked_at),
            summary: SummaryJson {
                total: r.certificates.len(),
                critical: r.count(Status::Critical),
                warning: r.count(Status::Warning),
                unknown: r.count(Status::Unknown),
                ok: r.count(Status::Ok),
            },
            certificates: r
                .certificates
                .iter()
                .map(|c| CertJson::new(c, lang))
                .collect(),
        }
    }
}

/// `dvc cert show --json`: the decoded certificate, then where it came
/// from and the days left.
#[derive(Debug, Serialize)]
pub struct ShowJson<'a> {
    /// The decoded certificate.
    #[serde(flatten)]
    pub info: &'a CertInfo,
    /// Where it came from.
    pub source: &'a str,
    /// Whole days from the check time to `not_after`.
    pub days_left: i64,
}

/// Pretty JSON with a final newline.
pub fn to_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(s) => s + "\n",
        // Plain structs of strings and numbers always serialize.
        Err(_) => String::from("{}\n"),
    }
}
