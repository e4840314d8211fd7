//! Choosing the certificate to log in or sign with: what a selector
//! matches, which of those can log in now (not expired, not yet valid, with
//! a key), and in which order they are offered. A certificate that cannot
//! log in now (expired, not yet valid, no key) is not a candidate: one
//! usable match is used, several usable ones are offered (the latest expiry
//! first, in a menu as in the error listing them), and the unusable ones
//! are listed, marked, only when none is usable. A key that is unknown
//! until login (a private object) does not make a certificate unusable.

use time::OffsetDateTime;

use super::token::{matches, usability, TokenCert, TokenView, Unusable};
use super::uri::{redact, Pkcs11Uri};
use crate::error::{Error, Result};

/// A certificate offered for a choice.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The certificate.
    pub cert: TokenCert,
    /// Why it cannot log in now, if it cannot.
    pub unusable: Option<Unusable>,
}

/// The outcome of a selection.
#[derive(Debug, Clone)]
pub enum Selection {
    /// Exactly one usable certificate: use it.
    One(Box<TokenCert>),
    /// Several usable ones: a person chooses (the latest expiry first);
    /// never an unusable one.
    Several(Vec<Candidate>),
}

/// Checks a selector before anything else is done with it: a `pkcs11:` URI
/// that cannot be used (a `pin-value` in it above all) is a usage error
/// whether or not a module or token is there, and the URI is repeated with
/// the PIN masked.
pub fn check_selector(selector: Option<&str>) -> Result<()> {
    if let Some(sel) = selector.filter(|s| crate::pkcs11::uri::is_pkcs11_uri(s)) {
        Pkcs11Uri::parse(sel.trim()).map_err(|problem| Error::Pkcs11Uri {
            uri: redact(sel.trim()),
            problem,
        })?;
    }
    Ok(())
}

/// Selects among every certificate of `tokens` that can sign (not a CA
/// certificate kept for the chain) and matches `selector` (all when none).
///
/// * a `pkcs11:` selector that cannot be used (`pin-value`, bad escape):
///   [`Error::Pkcs11Uri`], with or without a token, the PIN masked;
/// * no token: [`Error::NoToken`];
/// * nothing matches: [`Error::CertNotFound`] listing what is there;
/// * matches, none usable: [`Error::CertNoneUsable`], or the precise
///   [`Error::CertNotValid`] / [`Error::NoPrivateKey`] when there is one;
/// * one usable: [`Selection::One`] (whatever unusable ones match too);
///   several: [`Selection::Several`] of the usable ones only.
pub fn select(
    tokens: &[TokenView],
    selector: Option<&str>,
    now: OffsetDateTime,
    describe: &dyn Fn(&TokenCert) -> String,
) -> Result<Selection> {
    check_selector(selector)?;
    if tokens.is_empty() {
        return Err(Error::NoToken);
    }
    let signers: Vec<(&TokenView, &TokenCert)> = tokens
        .iter()
        .flat_map(|t| t.certificates.iter().map(move |c| (t, c)))
        .filter(|(_, c)| !c.info.is_ca)
        .collect();
    let matching: Vec<&TokenCert> = signers
        .iter()
        .filter(|(t, c)| selector.is_none_or(|s| matches(s, t, c)))
        .map(|(_, c)| *c)
        .collect();
    if matching.is_empty() {
        return Err(Error::CertNotFound {
            selector: redact(selector.unwrap_or("")),
            available: order(signers.iter().map(|(_, c)| *c), now)
                .iter()
                .map(|c| format!("{} — {}", describe(&c.cert), c.cert.uri))
                .collect(),
        });
    }
    let ordered = order(matching.into_iter(), now);
    let usable: Vec<&Candidate> = ordered.iter().filter(|c| c.unusable.is_none()).collect();
    match usable.len() {
        0 if ordered.len() == 1 => {
            // One certificate, and it cannot log in: say exactly why.
            super::token::check_validity(&ordered[0].cert, now)?;
            Err(Error::NoPrivateKey {
                certificate: ordered[0].cert.uri.clone(),
            })
        }
        0 => Err(Error::CertNoneUsable {
            selector: redact(selector.unwrap_or("")),
            unusable: ordered
                .iter()
                .map(|c| format!("{} — {}", describe(&c.cert), c.cert.uri))
                .collect(),
        }),
        1 => Ok(Selection::One(Box::new(usable[0].cert.clone()))),
        // Only the usable ones are candidates: an expired predecessor, a
        // certificate not valid yet or without a key is not offered.
        _ => Ok(Selection::Several(
            ordered
                .into_iter()
                .filter(|c| c.unusable.is_none())
                .collect(),
        )),
    }
}

/// Usable first (latest expiry first), then the unusable ones.
fn order<'a>(certs: impl Iterator<Item = &'a TokenCert>, now: OffsetDateTime) -> Vec<Candidate> {
    let mut v: Vec<Candidate> = certs
        .map(|c| Candidate {
            unusable: usability(c, now),
            cert: c.clone(),
        })
        .collect();
    v.sort_by(|a, b| {
        a.unusable
            .is_some()
            .cmp(&b.unusable.is_some())
            .then(b.cert.info.not_after.cmp(&a.cert.info.not_after))
    });
    v
}

/// The error for several candidates when no menu may be shown: every one,
/// in the menu's order, with the `--cert` that picks it.
pub fn ambiguous(candidates: &[Candidate], describe: &dyn Fn(&TokenCert) -> String) -> Error {
    Error::CertAmbiguous {
        candidates: candidates
            .iter()
            .map(|c| format!("{} — --cert '{}'", describe(&c.cert), c.cert.uri))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cert::CertInfo;
    use time::Duration;

    fn now() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()
    }

    fn cert(serial: &str, days: (i64, i64), key: Option<bool>) -> TokenCert {
        let info = CertInfo {
            subject: "CN=Công ty".into(),
            issuer: "CN=CA".into(),
            subject_display: "CN=Công ty".into(),
            issuer_display: "CN=CA".into(),
            common_name: Some("Công ty".into()),
            serial: serial.into(),
            not_before: now() + Duration::days(days.0),
            not_after: now() + Duration::days(days.1),
            tax_code: Some("0312345678".into()),
            id_number: None,
            uids: vec!["MST:0312345678".into()],
            is_ca: false,
            self_issued: false,
            key_type: "RSA".into(),
            key_bits: Some(2048),
            signature_algorithm: "sha256WithRSAEncryption".into(),
            key_usage: Vec::new(),
            extended_key_usage: Vec::new(),
            ocsp_urls: Vec::new(),
            ca_issuers_urls: Vec::new(),
            crl_urls: Vec::new(),
            subject_key_id: None,
            authority_key_id: None,
            sha256_fingerprint: serial.into(),
        };
        TokenCert {
            module: "/m.so".into(),
            slot: 0,
            token_label: "T".into(),
            uri: format!("pkcs11:token=T;id=%{serial};type=cert"),
            id: vec![1],
            label: serial.into(),
            der: Vec::new(),
            info,
            has_private_key: key,
        }
    }

    fn token(certificates: Vec<TokenCert>) -> TokenView {
        TokenView {
            module: "/m.so".into(),
            slot: 0,
            label: "T".into(),
            manufacturer: "M".into(),
            model: "X".into(),
            serial: "1".into(),
            pin: Default::default(),
            protected_auth_path: false,
            login_required: true,
            certificates,
        }
    }

    fn pick(tokens: &[TokenView], sel: Option<&str>) -> Result<Selection> {
        select(tokens, sel, now(), &|c| c.label.clone())
    }

    #[test]
    fn pin_value_is_refused_before_looking_for_a_token() {
        let e = pick(&[], Some("pkcs11:token=T?pin-value=123456")).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let shown = e.message(crate::i18n::Lang::En);
        assert!(!shown.contains("123456") && shown.contains("pin-value=***"));
        assert!(matches!(pick(&[], Some("0312345678")), Err(Error::NoToken)));
    }

    #[test]
    fn unusable_certificates_are_not_candidates() {
        // The renewal: the new one and its expired predecessor.
        let t = token(vec![
            cert("01", (-400, -5), Some(true)),
            cert("02", (-5, 360), Some(true)),
        ]);
        match pick(&[t], Some("0312345678")).unwrap() {
            Selection::One(c) => assert_eq!(c.label, "02"),
            other => panic!("{other:?}"),
        }
        // Not yet valid, no key: not candidates either; a key unknown
        // until login is one.
        let t = token(vec![
            cert("01", (-400, -5), Some(true)),
            cert("02", (5, 360), Some(true)),
            cert("03", (-5, 360), Some(false)),
            cert("04", (-5, 300), None),
            cert("05", (-5, 200), Some(true)),
        ]);
        match pick(&[t], None).unwrap() {
            Selection::Several(c) => {
                let labels: Vec<&str> = c.iter().map(|c| c.cert.label.as_str()).collect();
                assert_eq!(labels, ["04", "05"]);
            }
            other => panic!("{other:?}"),
        }
        // None usable: the error lists them all.
        let t = token(vec![
            cert("01", (-400, -5), Some(true)),
            cert("02", (5, 360), Some(true)),
        ]);
        match pick(&[t], None) {
            Err(Error::CertNoneUsable { unusable, .. }) => assert_eq!(unusable.len(), 2),
            other => panic!("{other:?}"),
        }
    }
}
