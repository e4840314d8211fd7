//! Certificate revocation lists, built for the size of Vietnamese public
//! CAs' CRLs (tens of MB): one pass over the DER records each entry's serial
//! as a 64-bit hash and an offset into the CRL bytes; a lookup is a binary
//! search plus one entry decode. Memory is the CRL plus 12 bytes an entry.

use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::asn1::{self, tag, Asn1Error};
use super::signature::{self, SignatureError};

/// Why a CRL is not believed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrlError {
    /// The data is not a CRL (an HTML page, a truncated download).
    NotACrl(Option<Asn1Error>),
    /// The CRL names another CA as its issuer.
    OtherIssuer,
    /// The issuer's certificate does not allow it to sign CRLs (keyUsage without cRLSign).
    IssuerMayNotSignCrls {
        /// The issuer's subject.
        issuer: String,
    },
    /// The issuer's certificate cannot be decoded.
    IssuerUnreadable,
    /// The signature does not verify with the issuer's key (or its algorithm is not supported).
    Signature(SignatureError),
    /// Its `nextUpdate` has passed.
    Stale {
        /// `nextUpdate`.
        next_update: OffsetDateTime,
    },
}

/// A revoked entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revoked {
    /// When.
    pub at: OffsetDateTime,
    /// Why, when the CRL says (`keyCompromise`, …).
    pub reason: Option<String>,
}

/// A signature check of the CRL against one issuer key (raw SPKI).
type Verdict = (Vec<u8>, Result<(), CrlError>);

/// A parsed, indexed CRL.
#[derive(Debug)]
pub struct Crl {
    der: Vec<u8>,
    tbs: (usize, usize),
    alg: (usize, usize),
    sig: (usize, usize),
    issuer: (usize, usize),
    /// `thisUpdate`.
    pub this_update: OffsetDateTime,
    /// `nextUpdate`, if any.
    pub next_update: Option<OffsetDateTime>,
    index: Vec<(u64, u32)>,
    verified: Mutex<Vec<Verdict>>,
}

fn span(base: &[u8], part: &[u8]) -> (usize, usize) {
    let start = part.as_ptr() as usize - base.as_ptr() as usize;
    (start, start + part.len())
}

fn hash_serial(serial: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    serial.hash(&mut h);
    h.finish()
}

/// Where the parts of a CRL are, as offsets into its DER.
struct Layout {
    tbs: (usize, usize),
    alg: (usize, usize),
    sig: (usize, usize),
    issuer: (usize, usize),
    this_update: OffsetDateTime,
    next_update: Option<OffsetDateTime>,
    index: Vec<(u64, u32)>,
}

impl Layout {
    fn read(der: &[u8]) -> Result<Layout, CrlError> {
        let bad = |e: Asn1Error| CrlError::NotACrl(Some(e));
        let not_a_crl = CrlError::NotACrl(None);
        let outer = asn1::read_all(der).map_err(bad)?;
        let parts = asn1::children(outer.content).map_err(bad)?;
        if outer.tag != tag::SEQUENCE || parts.len() != 3 || parts[0].tag != tag::SEQUENCE {
            return Err(not_a_crl);
        }
        let (tbs, alg, sig) = (parts[0], parts[1], parts[2]);
        asn1::bit_string_bytes(sig.content).map_err(bad)?;
        let fields = asn1::children(tbs.content).map_err(bad)?;
        let mut fields = fields.into_iter();
        let mut el = fields.next().ok_or(not_a_crl.clone())?;
        if el.tag == tag::INTEGER {
            el = fields.next().ok_or(bad(Asn1Error::Truncated))?; // version
        }
        if el.tag != tag::SEQUENCE {
            return Err(not_a_crl);
        }
        let issuer = fields.next().ok_or(bad(Asn1Error::Truncated))?;
        let this = fields.next().ok_or(bad(Asn1Error::Truncated))?;
        let this_update = asn1::parse_time(&this).map_err(bad)?;
        let mut next_update = None;
        let mut revoked = None;
        for el in fields {
            match el.tag {
                tag::UTC_TIME | tag::GENERALIZED_TIME => {
                    next_update = Some(asn1::parse_time(&el).map_err(bad)?)
                }
                tag::SEQUENCE => revoked = Some(el),
                _ => {}
            }
        }
        let mut index = Vec::new();
        if let Some(list) = revoked {
            for entry in asn1::iter(list.content) {
                let entry = entry.map_err(bad)?;
                let (serial, _) = asn1::read(entry.content).map_err(bad)?;
                if serial.tag != tag::INTEGER {
                    return Err(not_a_crl);
                }
                let off = span(der, entry.raw).0;
                index.push((hash_serial(serial.content), off as u32));
            }
        }
        index.sort_unstable();
        Ok(Layout {
            tbs: span(der, tbs.raw),
            alg: span(der, alg.raw),
            sig: span(der, sig.content),
            issuer: span(der, issuer.raw),
            this_update,
            next_update,
            index,
        })
    }
}

impl Crl {
    /// Parses and indexes a DER CRL.
    pub fn parse(der: Vec<u8>) -> Result<Crl, CrlError> {
        let layout = Layout::read(&der)?;
        Ok(Crl {
            tbs: layout.tbs,
            alg: layout.alg,
            sig: layout.sig,
            issuer: layout.issuer,
            this_update: layout.this_update,
            next_update: layout.next_update,
            index: layout.index,
            verified: Mutex::new(Vec::new()),
            der,
        })
    }

    /// The number of revoked entries.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether no certificate is revoked.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The DER.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The issuer name (raw DER).
    pub fn issuer_raw(&self) -> &[u8] {
        &self.der[self.issuer.0..self.issuer.1]
    }

    /// Verifies the CRL against the issuer certificate (cached per issuer
    /// key): the issuer's name, its right to sign CRLs (cRLSign when the
    /// certificate has a keyUsage) and the signature.
    pub fn verify(&self, issuer_der: &[u8]) -> Result<(), CrlError> {
        let (_, issuer) =
            X509Certificate::from_der(issuer_der).map_err(|_| CrlError::IssuerUnreadable)?;
        let key = issuer.public_key().raw.to_vec();
        if let Ok(done) = self.verified.lock() {
            if let Some((_, r)) = done.iter().find(|(k, _)| *k == key) {
                return r.clone();
            }
        }
        let crl_sign = issuer
            .key_usage()
            .ok()
            .flatten()
            .map(|ku| ku.value.crl_sign());
        let result = if issuer.subject().as_raw() != self.issuer_raw() {
            Err(CrlError::OtherIssuer)
        } else if crl_sign == Some(false) {
            Err(CrlError::IssuerMayNotSignCrls {
                issuer: super::decode::name_text(issuer.subject()),
            })
        } else {
            signature::parse_algorithm(&self.der[self.alg.0..self.alg.1])
                .and_then(|alg| {
                    let sig = asn1::bit_string_bytes(&self.der[self.sig.0..self.sig.1])
                        .map_err(|_| SignatureError::Invalid)?;
                    signature::verify(
                        &alg,
                        &self.der[self.tbs.0..self.tbs.1],
                        sig,
                        issuer.public_key(),
                    )
                })
                .map_err(CrlError::Signature)
        };
        if let Ok(mut done) = self.verified.lock() {
            done.push((key, result.clone()));
        }
        result
    }

    /// Looks a serial up (the INTEGER content bytes, DER).
    pub fn lookup(&self, serial: &[u8]) -> Option<Revoked> {
        let h = hash_serial(serial);
        let start = self.index.partition_point(|(k, _)| *k < h);
        for (k, off) in &self.index[start..] {
            if *k != h {
                break;
            }
            let Ok((entry, _)) = asn1::read(&self.der[*off as usize..]) else {
                continue;
            };
            let Ok(kids) = asn1::children(entry.content) else {
                continue;
            };
            if kids.len() < 2 || kids[0].content != serial {
                continue;
            }
            let at = asn1::parse_time(&kids[1]).unwrap_or(OffsetDateTime::UNIX_EPOCH);
            let reason = kids.get(2).and_then(|exts| reason_code(exts.content));
            return Some(Revoked { at, reason });
        }
        None
    }
}

/// The reasonCode extension (2.5.29.21) among entry extensions.
fn reason_code(exts: &[u8]) -> Option<String> {
    for ext in asn1::iter(exts).flatten() {
        let parts = asn1::children(ext.content).ok()?;
        if parts.first()?.content != [0x55, 0x1d, 0x15] {
            continue;
        }
        let value = parts.last()?;
        let (e, _) = asn1::read(value.content).ok()?;
        if e.tag == tag::ENUMERATED {
            let code = e.content.iter().fold(0u32, |a, b| (a << 8) | *b as u32);
            return Some(super::ocsp::reason_name(code));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error() {
        assert!(Crl::parse(Vec::new()).is_err());
        assert!(Crl::parse(vec![0x30, 0x03, 0x30, 0x01, 0x00]).is_err());
        assert!(Crl::parse(b"<html>502</html>".to_vec()).is_err());
    }
}
