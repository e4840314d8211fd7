//! The errors of the certificate modules, and the one place where they are
//! put into words.
//!
//! Each module has its own error type carrying plain data
//! ([`SourceError`], [`DecodeError`], [`SignatureError`], [`ChainError`],
//! [`OcspError`], [`CrlError`], [`FetchError`], and [`RevocationError`] /
//! [`ThresholdError`] of the checks); [`CertError`] gathers them and the
//! crate's [`crate::Error`] wraps it (`Error::Cert`). Here, and only here,
//! each gets `message(lang)` (what happened, in Vietnamese or English, never
//! a parser's own words) and `code()` (a stable machine word), so the rest
//! of `dvc` never formats a certificate error itself. `Display` is the
//! English message, for logs and for callers that keep text.

use std::fmt;

use super::asn1::Asn1Error;
use super::chain::ChainError;
use super::check::{RevocationError, ThresholdError};
use super::crl::CrlError;
use super::decode::{name_text_short, DecodeError};
use super::fetch::FetchError;
use super::ocsp::OcspError;
use super::signature::SignatureError;
use super::source::{Pkcs7Problem, SourceError, SourceProblem};
use crate::clock::rfc3339;
use crate::i18n::Lang;
use crate::net::NetError;
use crate::tr;

/// Every error of the certificate modules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertError {
    /// A source (file, directory, stdin) gave no certificate.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// Bytes that are not a certificate.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// A signature that was not accepted.
    #[error(transparent)]
    Signature(#[from] SignatureError),
    /// A chain that is not valid.
    #[error(transparent)]
    Chain(#[from] ChainError),
    /// An OCSP exchange without a usable answer.
    #[error(transparent)]
    Ocsp(#[from] OcspError),
    /// A CRL that is not believed.
    #[error(transparent)]
    Crl(#[from] CrlError),
    /// A failed download.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// A revocation check that could not be done.
    #[error(transparent)]
    Revocation(#[from] RevocationError),
    /// An expiry threshold that is not a duration.
    #[error(transparent)]
    Threshold(#[from] ThresholdError),
}

impl CertError {
    /// What happened, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CertError::Source(e) => e.message(lang),
            CertError::Decode(e) => e.message(lang),
            CertError::Signature(e) => e.message(lang),
            CertError::Chain(e) => e.message(lang),
            CertError::Ocsp(e) => e.message(lang),
            CertError::Crl(e) => e.message(lang),
            CertError::Fetch(e) => e.message(lang),
            CertError::Revocation(e) => e.message(lang),
            CertError::Threshold(e) => e.message(lang),
        }
    }

    /// A stable machine word for the error.
    pub fn code(&self) -> &'static str {
        match self {
            CertError::Source(e) => e.code(),
            CertError::Decode(e) => e.code(),
            CertError::Signature(e) => e.code(),
            CertError::Chain(e) => e.code(),
            CertError::Ocsp(e) => e.code(),
            CertError::Crl(e) => e.code(),
            CertError::Fetch(e) => e.code(),
            CertError::Revocation(e) => e.code(),
            CertError::Threshold(e) => e.code(),
        }
    }

    /// What to do about it, in `lang`.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        match self {
            CertError::Source(e) => match e.problem {
                SourceProblem::Io { .. } | SourceProblem::NoCertificate => {
                    Some(tr!(lang, "cert.hint.source_path"))
                }
                _ => Some(tr!(lang, "hint.bad_certificate")),
            },
            CertError::Decode(_) => Some(tr!(lang, "hint.bad_certificate")),
            CertError::Threshold(_) => Some(tr!(lang, "cert.usage_hint")),
            CertError::Fetch(_) | CertError::Ocsp(_) | CertError::Crl(_) => {
                Some(tr!(lang, "cert.hint.network"))
            }
            _ => None,
        }
    }
}

/// `From` into [`CertError`] and [`crate::Error`], and an English `Display`.
macro_rules! cert_error {
    ($($t:ty),+) => {$(
        impl From<$t> for crate::Error {
            fn from(e: $t) -> crate::Error {
                crate::Error::Cert(e.into())
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.message(Lang::En))
            }
        }
        impl std::error::Error for $t {}
    )+};
}

cert_error!(
    SourceError,
    DecodeError,
    SignatureError,
    ChainError,
    OcspError,
    CrlError,
    FetchError,
    RevocationError,
    ThresholdError
);

/// An Asn1Error, as the end of a sentence.
fn asn1(e: &Asn1Error, lang: Lang) -> String {
    match e {
        Asn1Error::Truncated => tr!(lang, "cert.err.asn1_truncated"),
        _ => tr!(lang, "cert.err.asn1_damaged"),
    }
}

/// A name for a sentence: its common name, else the whole name.
fn short(name: &str) -> String {
    name_text_short(name)
}

impl DecodeError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DecodeError::Truncated => tr!(lang, "cert.err.decode_truncated"),
            DecodeError::NotACertificate => tr!(lang, "cert.err.not_a_certificate"),
            DecodeError::TrailingData { bytes } => {
                tr!(lang, "cert.err.decode_trailing", bytes = bytes)
            }
        }
    }

    /// A stable machine word.
    pub fn code(&self) -> &'static str {
        match self {
            DecodeError::Truncated => "truncated",
            DecodeError::NotACertificate => "not_a_certificate",
            DecodeError::TrailingData { .. } => "trailing_data",
        }
    }
}

impl SourceProblem {
    /// What is wrong with the source, in `lang` (without its name).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SourceProblem::Empty => tr!(lang, "cert.err.empty"),
            SourceProblem::NotACertificate => tr!(lang, "cert.err.not_a_certificate"),
            SourceProblem::PemUnterminated { label } => {
                tr!(lang, "cert.err.pem_unterminated", label = label)
            }
            SourceProblem::PemBadBase64 { label } => {
                tr!(lang, "cert.err.pem_bad_base64", label = label)
            }
            SourceProblem::PemWithoutCertificate { labels } if labels.is_empty() => {
                tr!(lang, "cert.err.pem_no_block")
            }
            SourceProblem::PemWithoutCertificate { labels } => tr!(
                lang,
                "cert.err.pem_without_certificate",
                labels = labels.join(", ")
            ),
            SourceProblem::Pkcs7(Pkcs7Problem::Malformed(e)) => {
                tr!(lang, "cert.err.pkcs7_damaged", detail = asn1(e, lang))
            }
            SourceProblem::Pkcs7(Pkcs7Problem::NotSignedData) => {
                tr!(lang, "cert.err.pkcs7_not_signed_data")
            }
            SourceProblem::Pkcs7(Pkcs7Problem::NoCertificates) => {
                tr!(lang, "cert.err.pkcs7_empty")
            }
            SourceProblem::Certificate { index, error } => tr!(
                lang,
                "cert.err.certificate_n",
                index = index,
                detail = error.message(lang)
            ),
            SourceProblem::TooLarge { max_mib } => {
                tr!(lang, "cert.err.too_large", max = max_mib)
            }
            SourceProblem::Io { kind, detail } => match kind {
                std::io::ErrorKind::NotFound => tr!(lang, "io.not_found"),
                std::io::ErrorKind::PermissionDenied => tr!(lang, "io.permission_denied"),
                std::io::ErrorKind::IsADirectory => tr!(lang, "cert.err.is_directory"),
                _ => detail.clone(),
            },
            SourceProblem::IsDirectory => tr!(lang, "cert.err.is_directory"),
            SourceProblem::NotAFile => tr!(lang, "cert.err.not_a_file"),
            SourceProblem::NoCertificate => tr!(lang, "cert.err.no_certificate_here"),
        }
    }
}

impl SourceError {
    /// What happened, in `lang`: "cannot read a certificate from X: why",
    /// or "no certificate found in X".
    pub fn message(&self, lang: Lang) -> String {
        match self.problem {
            SourceProblem::NoCertificate => {
                tr!(lang, "cert.err.no_certificate", source = self.origin)
            }
            _ => tr!(
                lang,
                "error.bad_certificate",
                source = self.origin,
                detail = self.problem.message(lang)
            ),
        }
    }

    /// A stable machine word.
    pub fn code(&self) -> &'static str {
        match &self.problem {
            SourceProblem::Empty => "empty",
            SourceProblem::NotACertificate => "not_a_certificate",
            SourceProblem::PemUnterminated { .. } | SourceProblem::PemBadBase64 { .. } => "bad_pem",
            SourceProblem::PemWithoutCertificate { .. } => "no_certificate_in_pem",
            SourceProblem::Pkcs7(_) => "bad_pkcs7",
            SourceProblem::Certificate { error, .. } => error.code(),
            SourceProblem::TooLarge { .. } => "too_large",
            SourceProblem::Io { .. } => "io",
            SourceProblem::IsDirectory => "is_directory",
            SourceProblem::NotAFile => "not_a_file",
            SourceProblem::NoCertificate => "no_certificate",
        }
    }
}

impl SignatureError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SignatureError::Unsupported { algorithm, key } => tr!(
                lang,
                "cert.err.signature_unsupported",
                algorithm = algorithm,
                key = key
            ),
            SignatureError::UnsupportedPss => tr!(lang, "cert.err.signature_pss"),
            SignatureError::BadAlgorithm => tr!(lang, "cert.err.signature_bad_algorithm"),
            SignatureError::Invalid => tr!(lang, "cert.err.signature_invalid"),
        }
    }

    /// A stable machine word.
    pub fn code(&self) -> &'static str {
        match self {
            SignatureError::Unsupported { .. } | SignatureError::UnsupportedPss => {
                "signature_unsupported"
            }
            SignatureError::BadAlgorithm => "signature_bad_algorithm",
            SignatureError::Invalid => "signature_invalid",
        }
    }
}

/// A network failure, as the end of a sentence.
fn net(e: &NetError, lang: Lang) -> String {
    crate::error::net_detail(lang, e)
}

impl FetchError {
    /// What went wrong, without the URL, in `lang`.
    pub fn detail(&self, lang: Lang) -> String {
        match self {
            FetchError::Offline => tr!(lang, "cert.err.offline"),
            FetchError::UnsupportedUrl { .. } => tr!(lang, "cert.err.unsupported_url"),
            FetchError::Client(e) => tr!(
                lang,
                "cert.err.http_client",
                detail = crate::error::net_detail(lang, e)
            ),
            FetchError::Network { error, .. } => net(error, lang),
            FetchError::Status { status, .. } => tr!(lang, "cert.err.http_status", status = status),
            FetchError::NotCertificates { error, .. } => error.problem.message(lang),
            FetchError::NotACrl { error, .. } => error.message(lang),
        }
    }

    /// The URL, when there is one.
    pub fn url(&self) -> Option<&str> {
        match self {
            FetchError::UnsupportedUrl { url }
            | FetchError::Network { url, .. }
            | FetchError::Status { url, .. }
            | FetchError::NotCertificates { url, .. }
            | FetchError::NotACrl { url, .. } => Some(url),
            FetchError::Offline | FetchError::Client(_) => None,
        }
    }

    /// What went wrong, with the URL, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self.url() {
            Some(url) => format!("{url}: {}", self.detail(lang)),
            None => self.detail(lang),
        }
    }

    /// A stable machine word.
    pub fn code(&self) -> &'static str {
        match self {
            FetchError::Offline => "offline",
            FetchError::UnsupportedUrl { .. } => "unsupported_url",
            FetchError::Client(_) => "http_client",
            FetchError::Network {
                error: NetError::Timeout,
                ..
            } => "timeout",
            FetchError::Network { .. } => "unreachable",
            FetchError::Status { .. } => "http_status",
            FetchError::NotCertificates { .. } => "not_certificates",
            FetchError::NotACrl { .. } => "not_a_crl",
        }
    }
}

impl CrlError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CrlError::NotACrl(_) => tr!(lang, "cert.err.not_a_crl"),
            CrlError::OtherIssuer => tr!(lang, "cert.err.crl_other_issuer"),
            CrlError::IssuerMayNotSignCrls { issuer } => {
                tr!(lang, "cert.err.crl_no_crl_sign", issuer = short(issuer))
            }
            CrlError::IssuerUnreadable => tr!(lang, "cert.err.issuer_unreadable"),
            CrlError::Signature(SignatureError::Invalid) => {
                tr!(lang, "cert.err.crl_signature")
            }
            CrlError::Signature(e) => {
                tr!(
                    lang,
                    "cert.err.crl_signature_unchecked",
                    detail = e.message(lang)
                )
            }
            CrlError::Stale { next_update } => {
                tr!(lang, "cert.err.crl_stale", date = rfc3339(*next_update))
            }
        }
    }

    /// A stable machine word.
    pub fn code(&self) -> &'static str {
        match self {
            CrlError::NotACrl(_) => "not_a_crl",
            CrlError::OtherIssuer => "crl_other_issuer",
            CrlError::IssuerMayNotSignCrls { .. } => "crl_issuer_not_allowed",
            CrlError::IssuerUnreadable => "issuer_unreadable",
            CrlError::Signature(_) => "crl_signature",
            CrlError::Stale { .. } => "crl_stale",
        }
    }
}

impl OcspError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            OcspError::CertificateUnreadable => tr!(lang, "cert.err.issuer_unreadable"),
            OcspError::Random => tr!(lang, "cert.err.ocsp_random"),
            OcspError::Encode => tr!(lang, "cert.err.ocsp_encode"),
            OcspError::Transport(e) => e.detail(lang),
            OcspError::NotOcsp => tr!(lang, "cert.err.ocsp_not_ocsp"),
            OcspError::Refused { status } => tr!(lang, "cert.err.ocsp_refused", status = status),
            OcspError::NoBasicResponse => tr!(lang, "cert.err.ocsp_no_body"),
            OcspError::Malformed => tr!(lang, "cert.err.ocsp_malformed"),
            OcspError::UnknownSigner => tr!(lang, "cert.err.ocsp_unknown_signer"),
            OcspError::ResponderNotIssuedByIssuer => {
                tr!(lang, "cert.err.ocsp_responder_other_ca")
            }
            OcspError::ResponderWithoutOcspSigning => tr!(lang, "cert.err.ocsp_responder_eku"),
            OcspError::ResponderNotValid => tr!(lang, "cert.err.ocsp_responder_not_valid"),
            OcspError::NonceMismatch => tr!(lang, "cert.err.ocsp_nonce"),
            OcspError::OtherCertificate => tr!(lang, "cert.err.ocsp_other_certificate"),
            OcspError::FromTheFuture { this_update } => {
                tr!(lang, "cert.err.ocsp_future", date = rfc3339(*this_update))
            }
            OcspError::Stale { next_update } => {
                tr!(lang, "cert.err.ocsp_stale", date = rfc3339(*next_update))
            }
            OcspError::NotAKey => tr!(lang, "cert.err.ocsp_not_a_key"),
            OcspError::SigningFailed => tr!(lang, "cert.err.ocsp_signing"),
        }
    }

    /// A stable machine word.
    pub fn code(&self) -> &'static str {
        match self {
            OcspError::CertificateUnreadable => "issuer_unreadable",
            OcspError::Random | OcspError::Encode => "ocsp_request",
            OcspError::Transport(e) => e.code(),
            OcspError::NotOcsp | OcspError::NoBasicResponse | OcspError::Malformed => {
                "ocsp_bad_response"
            }
            OcspError::Refused { .. } => "ocsp_refused",
            OcspError::UnknownSigner
            | OcspError::ResponderNotIssuedByIssuer
            | OcspError::ResponderWithoutOcspSigning
            | OcspError::ResponderNotValid => "ocsp_bad_signer",
            OcspError::NonceMismatch | OcspError::OtherCertificate => "ocsp_other_answer",
            OcspError::FromTheFuture { .. } => "ocsp_future",
            OcspError::Stale { .. } => "ocsp_stale",
            OcspError::NotAKey | OcspError::SigningFailed => "ocsp_signing",
        }
    }
}

impl RevocationError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            RevocationError::NoResponder => tr!(lang, "cert.err.no_ocsp_url"),
            RevocationError::NoDistributionPoint => tr!(lang, "cert.err.no_crl_url"),
            RevocationError::NoIssuer => tr!(lang, "cert.err.revocation_no_issuer"),
            RevocationError::Unreadable => tr!(lang, "cert.err.decode_unreadable"),
            RevocationError::Ocsp { url, error } => {
                tr!(
                    lang,
                    "cert.err.ocsp_at",
                    url = url,
                    detail = error.message(lang)
                )
            }
            RevocationError::OcspUnknown { url } => tr!(lang, "cert.err.ocsp_unknown", url = url),
            RevocationError::CrlDownload(e) => tr!(
                lang,
                "cert.err.crl_at",
                url = e.url().unwrap_or("?"),
                detail = e.detail(lang)
            ),
            RevocationError::Crl { url, error } => {
                tr!(
                    lang,
                    "cert.err.crl_at",
                    url = url,
                    detail = error.message(lang)
                )
            }
            RevocationError::Both(a, b) => format!("{}; {}", a.message(lang), b.message(lang)),
        }
    }

    /// Whether the certificate itself gives no way to check (no URL).
    fn no_url(&self) -> bool {
        matches!(
            self,
            RevocationError::NoResponder | RevocationError::NoDistributionPoint
        )
    }

    /// What to do next, in `lang`.
    pub fn next_step(&self, lang: Lang) -> String {
        match self {
            RevocationError::Both(a, b) if a.no_url() => b.next_step(lang),
            RevocationError::Both(a, _) => a.next_step(lang),
            e if e.no_url() => tr!(lang, "cert.next.revocation_no_way"),
            RevocationError::NoIssuer => tr!(lang, "cert.next.revocation_issuer"),
            _ => tr!(lang, "cert.next.revocation_retry"),
        }
    }

    /// A stable machine word (for two failures, the first's).
    pub fn code(&self) -> &'static str {
        match self {
            RevocationError::NoResponder => "no_ocsp_url",
            RevocationError::NoDistributionPoint => "no_crl_url",
            RevocationError::NoIssuer => "issuer_not_found",
            RevocationError::Unreadable => "unreadable",
            RevocationError::Ocsp { error, .. } => error.code(),
            RevocationError::OcspUnknown { .. } => "ocsp_unknown",
            RevocationError::CrlDownload(e) => e.code(),
            RevocationError::Crl { error, .. } => error.code(),
            RevocationError::Both(a, _) => a.code(),
        }
    }
}

impl ChainError {
    /// Why the chain is not valid, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ChainError::Unreadable(e) => {
                tr!(lang, "cert.err.chain_unreadable", detail = e.message(lang))
            }
            ChainError::TooLong { max } => tr!(lang, "cert.err.chain_too_long", max = max),
            ChainError::TooManyCandidates { checks, issuer } => tr!(
                lang,
                "cert.err.chain_budget",
                checks = checks,
                issuer = short(issuer)
            ),
            ChainError::IssuerExpired {
                issuer,
                not_after,
                anchor,
            } => {
                let key = if *anchor {
                    "cert.err.anchor_expired"
                } else {
                    "cert.err.issuer_expired"
                };
                tr!(
                    lang,
                    key,
                    issuer = short(issuer),
                    date = rfc3339(*not_after)
                )
            }
            ChainError::IssuerNotYetValid {
                issuer,
                not_before,
                anchor,
            } => {
                let key = if *anchor {
                    "cert.err.anchor_not_yet_valid"
                } else {
                    "cert.err.issuer_not_yet_valid"
                };
                tr!(
                    lang,
                    key,
                    issuer = short(issuer),
                    date = rfc3339(*not_before)
                )
            }
            ChainError::IssuerNotCa { issuer } => {
                tr!(lang, "cert.err.issuer_not_ca", issuer = short(issuer))
            }
            ChainError::IssuerWithoutKeyCertSign { issuer } => {
                tr!(
                    lang,
                    "cert.err.issuer_no_key_cert_sign",
                    issuer = short(issuer)
                )
            }
            ChainError::PathLength { issuer, max, below } => tr!(
                lang,
                "cert.err.path_length",
                issuer = short(issuer),
                max = max,
                below = below
            ),
            ChainError::UnknownCriticalExtension { subject, oid } => tr!(
                lang,
                "cert.err.critical_extension",
                subject = short(subject),
                oid = oid
            ),
            ChainError::UntrustedRoot { root } => {
                tr!(lang, "cert.err.untrusted_root", root = short(root))
            }
            ChainError::LookAlike { subject, .. } => {
                tr!(lang, "cert.err.lookalike", subject = short(subject))
            }
            ChainError::Signature { subject, error } => tr!(
                lang,
                "cert.err.chain_signature",
                subject = short(subject),
                detail = error.message(lang)
            ),
            ChainError::IssuerNotFound { issuer, download } => match download {
                None => tr!(lang, "cert.err.issuer_not_found", issuer = short(issuer)),
                Some(e) => tr!(
                    lang,
                    "cert.err.issuer_not_downloaded",
                    issuer = short(issuer),
                    detail = e.message(lang)
                ),
            },
            ChainError::Loop { issuer } => tr!(lang, "cert.err.chain_loop", issuer = short(issuer)),
        }
    }

    /// A stable machine word.
    pub fn code(&self) -> &'static str {
        match self {
            ChainError::Unreadable(_) => "unreadable",
            ChainError::TooLong { .. } => "chain_too_long",
            ChainError::TooManyCandidates { .. } => "too_many_candidates",
            ChainError::IssuerExpired { .. } => "issuer_expired",
            ChainError::IssuerNotYetValid { .. } => "issuer_not_yet_valid",
            ChainError::IssuerNotCa { .. } => "issuer_not_ca",
            ChainError::IssuerWithoutKeyCertSign { .. } => "issuer_no_key_cert_sign",
            ChainError::PathLength { .. } => "path_length",
            ChainError::UnknownCriticalExtension { .. } => "unknown_critical_extension",
            ChainError::UntrustedRoot { .. } => "untrusted_root",
            ChainError::LookAlike { .. } => "lookalike",
            ChainError::Signature { .. } => "signature_unsupported",
            ChainError::IssuerNotFound { .. } => "issuer_not_found",
            ChainError::Loop { .. } => "chain_loop",
        }
    }
}

impl ThresholdError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ThresholdError::NotADuration { value } => {
                tr!(lang, "cert.err.not_a_duration", value = value)
            }
            ThresholdError::OverHundredPercent { value } => {
                tr!(lang, "cert.err.over_100_percent", value = value)
            }
        }
    }

    /// A stable machine word.
    pub fn code(&self) -> &'static str {
        match self {
            ThresholdError::NotADuration { .. } => "not_a_duration",
            ThresholdError::OverHundredPercent { .. } => "over_100_percent",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant in both languages, each different and free of the
    /// other language's words where it matters.
    #[test]
    fn every_error_speaks_both_languages() {
        let t = ::time::macros::datetime!(2027-01-01 00:00 UTC);
        let fetch = FetchError::Network {
            url: "http://ocsp.example".into(),
            error: NetError::Connect("Connection refused (os error 111)".into()),
        };
        let errors: Vec<CertError> = vec![
            SourceError::new("a.pem", SourceProblem::Empty).into(),
            SourceError::new("a.pem", SourceProblem::NotACertificate).into(),
            SourceError::new(
                "a.pem",
                SourceProblem::PemWithoutCertificate {
                    labels: vec!["PRIVATE KEY".into()],
                },
            )
            .into(),
            SourceError::new("dir", SourceProblem::NoCertificate).into(),
            DecodeError::Truncated.into(),
            SignatureError::Invalid.into(),
            ChainError::TooManyCandidates {
                checks: 100,
                issuer: "CN=X".into(),
            }
            .into(),
            ChainError::IssuerExpired {
                issuer: "CN=FastCA SHA-256, C=VN".into(),
                not_after: t,
                anchor: false,
            }
            .into(),
            ChainError::UnknownCriticalExtension {
                subject: "CN=Leaf".into(),
                oid: "1.2.3.4".into(),
            }
            .into(),
            ChainError::IssuerNotFound {
                issuer: "CN=CA".into(),
                download: Some(fetch.clone()),
            }
            .into(),
            OcspError::Stale { next_update: t }.into(),
            CrlError::Stale { next_update: t }.into(),
            RevocationError::Ocsp {
                url: "http://ocsp.example".into(),
                error: OcspError::Transport(fetch),
            }
            .into(),
            ThresholdError::NotADuration {
                value: "soon".into(),
            }
            .into(),
        ];
        for e in errors {
            let (en, vi) = (e.message(Lang::En), e.message(Lang::Vi));
            assert_ne!(en, vi, "{e:?}");
            assert!(!en.is_empty() && !e.code().is_empty());
            for english in ["cannot", " the ", "refused", "stale", "expired"] {
                assert!(!vi.contains(english), "{english:?} in {vi}");
            }
            assert_eq!(e.to_string(), en);
        }
    }

    #[test]
    fn parser_words_never_reach_a_person() {
        let e =
            crate::cert::source::certificates_in("x.der", b"\x8f\x13\xff\x00garbage").unwrap_err();
        let text = e.message(Lang::En);
        assert!(text.contains("PEM, DER or PKCS#7"), "{text}");
        assert!(!text.contains("nom") && !text.contains("Eof"), "{text}");
    }
}
