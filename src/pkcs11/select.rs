//! Choosing the certificate to log in or sign with: what a selector
//! matches, which of those can log in now (not expired, not yet valid, with
//! a key), and in which order they are offered. The same order everywhere:
//! usable first (the latest expiry first), unusable last and marked, in a
//! menu as in the error listing the candidates.

use time::OffsetDateTime;

use super::token::{matches, usability, TokenCert, TokenView, Unusable};
use super::uri::Pkcs11Uri;
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
    /// Several usable ones: a person chooses (usable first, unusable last).
    Several(Vec<Candidate>),
}

/// Selects among every certificate of `tokens` that can sign (not a CA
/// certificate kept for the chain) and matches `selector` (all when none).
///
/// * no token: [`Error::NoToken`];
/// * a `pkcs11:` selector that cannot be used (`pin-value`, bad escape):
///   [`Error::Pkcs11Uri`];
/// * nothing matches: [`Error::CertNotFound`] listing what is there;
/// * matches, none usable: [`Error::CertNoneUsable`], or the precise
///   [`Error::CertNotValid`] / [`Error::NoPrivateKey`] when there is one;
/// * one usable: [`Selection::One`]; several: [`Selection::Several`].
pub fn select(
    tokens: &[TokenView],
    selector: Option<&str>,
    now: OffsetDateTime,
    describe: &dyn Fn(&TokenCert) -> String,
) -> Result<Selection> {
    if tokens.is_empty() {
        return Err(Error::NoToken);
    }
    if let Some(sel) = selector.filter(|s| s.trim_start().starts_with("pkcs11:")) {
        Pkcs11Uri::parse(sel.trim()).map_err(|problem| Error::Pkcs11Uri {
            uri: sel.to_string(),
            problem,
        })?;
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
            selector: selector.unwrap_or("").to_string(),
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
            selector: selector.unwrap_or("").to_string(),
            unusable: ordered
                .iter()
                .map(|c| format!("{} — {}", describe(&c.cert), c.cert.uri))
                .collect(),
        }),
        1 => Ok(Selection::One(Box::new(usable[0].cert.clone()))),
        _ => Ok(Selection::Several(ordered)),
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
