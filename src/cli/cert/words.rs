//! The words of the certificate reports, in the user's language: problems,
//! chain and revocation states, revocation reasons, status labels, dates.
//! Machine outputs use the contract's words instead (`as_str`, `code`).

use time::OffsetDateTime;

use crate::cert::chain::ChainStatus;
use crate::cert::check::{CertReport, Problem, Revocation, RevocationStatus, Status};
use crate::cert::decode::name_text_short;
use crate::cert::error::CertError;
use crate::cert::source::SourceError;
use crate::clock::rfc3339;
use crate::i18n::Lang;
use crate::tr;

/// A problem in the user's language, saying what to do next.
pub fn problem(p: &Problem, source: &str, lang: Lang) -> String {
    match p {
        Problem::Expired(t) => tr!(lang, "cert.problem.expired", date = rfc3339(*t)),
        Problem::NotYetValid(t) => tr!(lang, "cert.problem.not_yet_valid", date = rfc3339(*t)),
        Problem::ExpiresSoon { days, .. } => tr!(
            lang,
            &count_key("cert.problem.expires_soon", *days),
            days = days
        ),
        Problem::Revoked { at, reason } => {
            let when = at.map(rfc3339).unwrap_or_else(|| "?".into());
            match reason {
                Some(r) => tr!(
                    lang,
                    "cert.problem.revoked_reason",
                    date = when,
                    reason = reason_text(r, lang)
                ),
                None => tr!(lang, "cert.problem.revoked", date = when),
            }
        }
        Problem::Chain { status, error } => {
            let key = match status {
                ChainStatus::Invalid => "cert.problem.chain_invalid",
                ChainStatus::Untrusted => "cert.problem.chain_untrusted",
                _ => "cert.problem.chain_incomplete",
            };
            let detail = error
                .as_ref()
                .map(|e| e.message(lang))
                .unwrap_or_else(|| chain_word(*status, lang));
            tr!(lang, key, detail = detail)
        }
        Problem::WeakSignature(w) => tr!(
            lang,
            "cert.problem.weak_signature",
            subject = name_text_short(&w.subject),
            algorithm = w.algorithm
        ),
        Problem::RevocationUnavailable(e) => {
            tr!(
                lang,
                "cert.problem.revocation_unknown",
                detail = e.message(lang),
                next = e.next_step(lang)
            )
        }
        // A file's own trouble: the row names the file already.
        Problem::Unreadable(crate::Error::Cert(CertError::Source(SourceError {
            problem, ..
        }))) => tr!(
            lang,
            "cert.problem.unreadable",
            detail = problem.message(lang)
        ),
        Problem::Unreadable(e) => e.message(lang),
        Problem::NoCertificate => tr!(lang, "cert.problem.no_certificate", source = source),
        Problem::SessionWithoutCertificate { profile, method } => tr!(
            lang,
            "cert.problem.session_without_certificate",
            profile = profile,
            method = crate::session::Method::parse(method)
                .map(|m| crate::cli::words::method_label(lang, m))
                .unwrap_or_else(|| method.to_string())
        ),
        Problem::TokensWithoutCertificate => tr!(lang, "cert.problem.tokens_without_certificate"),
    }
}

pub use crate::cli::words::{count_key, days_left};

/// Every problem of a row, in the user's language.
pub fn problems(c: &CertReport, lang: Lang) -> Vec<String> {
    c.problems
        .iter()
        .map(|p| problem(p, &c.source, lang))
        .collect()
}

/// A revocation reason (RFC 5280's name) for people.
pub fn reason_text(reason: &str, lang: Lang) -> String {
    let key = format!("cert.reason.{reason}");
    let text = tr!(lang, &key);
    // rust-i18n answers an unknown key with the key itself.
    if text.ends_with(&key) {
        reason.to_string()
    } else {
        text
    }
}

/// A chain state for people.
pub fn chain_word(s: ChainStatus, lang: Lang) -> String {
    match s {
        ChainStatus::Valid => tr!(lang, "cert.chain.valid"),
        ChainStatus::Untrusted => tr!(lang, "cert.chain.untrusted"),
        ChainStatus::Incomplete => tr!(lang, "cert.chain.incomplete"),
        ChainStatus::Invalid => tr!(lang, "cert.chain.invalid"),
        ChainStatus::NotChecked => tr!(lang, "cert.chain.not_checked"),
    }
}

/// A revocation result for people: its state, and the method that answered.
pub fn revocation_word(r: &Revocation, lang: Lang) -> String {
    let word = match r.status {
        RevocationStatus::Good => tr!(lang, "cert.revocation.good"),
        RevocationStatus::Revoked => tr!(lang, "cert.revocation.revoked"),
        RevocationStatus::Unknown => tr!(lang, "cert.revocation.unknown"),
        RevocationStatus::Error => tr!(lang, "cert.revocation.error"),
        RevocationStatus::NotChecked => tr!(lang, "cert.revocation.not_checked"),
        RevocationStatus::NotApplicable => tr!(lang, "cert.revocation.not_applicable"),
    };
    match r.method {
        Some(m) => format!("{word} ({})", m.as_str().to_uppercase()),
        None => word,
    }
}

/// A status for people (reports): "Critical", "Nghiêm trọng", ….
pub fn status_label(s: Status, lang: Lang) -> String {
    match s {
        Status::Ok => tr!(lang, "cert.report.status_ok"),
        Status::Warning => tr!(lang, "cert.report.status_warning"),
        Status::Critical => tr!(lang, "cert.report.status_critical"),
        Status::Unknown => tr!(lang, "cert.report.status_unknown"),
    }
}

/// [`days_left`] for a row: its days left and whether it has expired at the
/// check time `at`.
pub fn row_days_left(c: &CertReport, at: OffsetDateTime, lang: Lang) -> String {
    let expired = c.info.as_ref().is_some_and(|i| at > i.not_after);
    days_left(c.days_left.unwrap_or(0), expired, lang)
}

/// Who a row is about: the common name (else the subject, else where it
/// came from) with the tax code or ID number.
pub fn who(c: &CertReport) -> String {
    let Some(i) = &c.info else {
        return c.place();
    };
    let name = i
        .common_name
        .clone()
        .unwrap_or_else(|| i.subject_display.clone());
    match (&i.tax_code, &i.id_number) {
        (Some(t), _) => format!("{name} (MST {t})"),
        (None, Some(id)) => format!("{name} ({id})"),
        _ => name,
    }
}

/// `2027-01-01` (UTC).
pub fn date(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
}

/// `2027-01-01 07:30:00` (UTC): a form spreadsheets read as a date and time.
pub fn date_time(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{} {:02}:{:02}:{:02}",
        date(t),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The run's summary line ("3 certificates: 1 critical, …").
pub fn summary(r: &crate::cert::check::Report, lang: Lang) -> String {
    tr!(
        lang,
        &count_key("cert.summary", r.certificates.len() as i64),
        total = r.certificates.len(),
        critical = r.count(Status::Critical),
        warning = r.count(Status::Warning),
        unknown = r.count(Status::Unknown),
        ok = r.count(Status::Ok)
    )
}
