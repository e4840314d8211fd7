//! OCSP (RFC 6960): requests with a SHA-1 CertID (what Vietnamese responders
//! expect) and a nonce; responses verified before they are believed: status
//! successful, the CertID ours, signed by the issuer or by a delegated
//! responder that the issuer signed and that has the OCSPSigning EKU,
//! `thisUpdate` not in the future and `nextUpdate` not in the past (five
//! minutes' leeway), and the nonce ours when the responder echoes one.
//!
//! This is the client side only; the responder (for the sandbox and the
//! tests) is in the `dvc-sandbox` crate.

use der::asn1::{Null, OctetString};
use der::{Decode, Encode};
use time::{Duration, OffsetDateTime};
use x509_cert::ext::pkix::CrlReason;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_ocsp::{
    BasicOcspResponse, CertId, CertStatus, OcspRequest, OcspResponse, OcspResponseStatus, Request,
    TbsRequest,
};
use x509_parser::prelude::{FromDer, X509Certificate};

use super::asn1;
use super::fetch::FetchError;
use super::signature;

/// Why an OCSP exchange gave no usable answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OcspError {
    /// The certificate or its issuer cannot be decoded, so no request can be built.
    CertificateUnreadable,
    /// No random nonce could be made (the operating system's random source failed).
    Random,
    /// A value could not be DER-encoded.
    Encode,
    /// The responder could not be reached or answered HTTP trouble.
    Transport(FetchError),
    /// The body is not an OCSP response (an HTML page, a truncated answer).
    NotOcsp,
    /// The responder refused: `malformedRequest`, `internalError`,
    /// `tryLater`, `sigRequired` or `unauthorized`.
    Refused {
        /// The RFC 6960 name of the status.
        status: &'static str,
    },
    /// A successful response without a body, or not a basic response.
    NoBasicResponse,
    /// The basic response cannot be decoded.
    Malformed,
    /// Signed neither by the issuer nor by a responder certificate in it.
    UnknownSigner,
    /// The responder certificate was not issued by the certificate's issuer.
    ResponderNotIssuedByIssuer,
    /// The responder certificate lacks the OCSPSigning extended key usage.
    ResponderWithoutOcspSigning,
    /// The responder certificate is not valid now.
    ResponderNotValid,
    /// The response answers another request.
    NonceMismatch,
    /// The response is about another certificate.
    OtherCertificate,
    /// `thisUpdate` is in the future.
    FromTheFuture {
        /// `thisUpdate`.
        this_update: OffsetDateTime,
    },
    /// `nextUpdate` has passed.
    Stale {
        /// `nextUpdate`.
        next_update: OffsetDateTime,
    },
    /// Not an RSA or EC P-256 PKCS#8 private key (the response builder).
    NotAKey,
    /// Signing failed (the response builder).
    SigningFailed,
}

/// Clock leeway for `thisUpdate` / `nextUpdate`.
pub const LEEWAY: Duration = Duration::minutes(5);

const SHA1: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const SHA256: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const NONCE: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.2");
const BASIC: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");

/// A built request and what is needed to check its answer.
#[derive(Debug, Clone)]
pub struct Query {
    /// The DER of the OCSPRequest.
    pub der: Vec<u8>,
    nonce: Vec<u8>,
    serial: x509_cert::serial_number::SerialNumber,
    issuer_name: Vec<u8>,
    issuer_key: Vec<u8>,
}

/// What the responder said about the certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OcspStatus {
    /// Not revoked.
    Good,
    /// Revoked at a time, with a reason when given.
    Revoked {
        /// When.
        at: OffsetDateTime,
        /// Why (`keyCompromise`, `superseded`, …).
        reason: Option<String>,
    },
    /// The responder does not know the certificate.
    Unknown,
}

/// A verified answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The status.
    pub status: OcspStatus,
    /// `thisUpdate`.
    pub this_update: OffsetDateTime,
    /// `nextUpdate`, if given.
    pub next_update: Option<OffsetDateTime>,
}

fn digest(alg: &'static ring::digest::Algorithm, data: &[u8]) -> Vec<u8> {
    ring::digest::digest(alg, data).as_ref().to_vec()
}

fn sha1(data: &[u8]) -> Vec<u8> {
    digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, data)
}

/// The name of a CRL reason code, as RFC 5280 spells it.
pub fn reason_name(code: u32) -> String {
    match code {
        0 => "unspecified",
        1 => "keyCompromise",
        2 => "cACompromise",
        3 => "affiliationChanged",
        4 => "superseded",
        5 => "cessationOfOperation",
        6 => "certificateHold",
        8 => "removeFromCRL",
        9 => "privilegeWithdrawn",
        10 => "aACompromise",
        _ => return format!("reason {code}"),
    }
    .to_string()
}

/// The issuer's name and public key bits (what CertID hashes).
fn issuer_parts(issuer_der: &[u8]) -> Result<(Vec<u8>, Vec<u8>), OcspError> {
    let (_, issuer) =
        X509Certificate::from_der(issuer_der).map_err(|_| OcspError::CertificateUnreadable)?;
    Ok((
        issuer.subject().as_raw().to_vec(),
        issuer.public_key().subject_public_key.data.to_vec(),
    ))
}

/// Builds a request for `leaf`, issued by `issuer`.
pub fn query(leaf_der: &[u8], issuer_der: &[u8]) -> Result<Query, OcspError> {
    let leaf =
        x509_cert::Certificate::from_der(leaf_der).map_err(|_| OcspError::CertificateUnreadable)?;
    let serial = leaf.tbs_certificate.serial_number.clone();
    let (issuer_name, issuer_key) = issuer_parts(issuer_der)?;
    let mut nonce = vec![0u8; 16];
    getrandom::fill(&mut nonce).map_err(|_| OcspError::Random)?;
    let oct = |v: Vec<u8>| OctetString::new(v).map_err(|_| OcspError::Encode);
    let cert_id = CertId {
        hash_algorithm: AlgorithmIdentifierOwned {
            oid: SHA1,
            parameters: Some(Null.into()),
        },
        issuer_name_hash: oct(sha1(&issuer_name))?,
        issuer_key_hash: oct(sha1(&issuer_key))?,
        serial_number: serial.clone(),
    };
    let nonce_value = oct(nonce.clone())?
        .to_der()
        .map_err(|_| OcspError::Encode)?;
    let ext = x509_cert::ext::Extension {
        extn_id: NONCE,
        critical: false,
        extn_value: oct(nonce_value)?,
    };
    let req = OcspRequest {
        tbs_request: TbsRequest {
            version: Default::default(),
            requestor_name: None,
            request_list: vec![Request {
                req_cert: cert_id,
                single_request_extensions: None,
            }],
            request_extensions: Some(vec![ext]),
        },
        optional_signature: None,
    };
    Ok(Query {
        der: req.to_der().map_err(|_| OcspError::Encode)?,
        nonce,
        serial,
        issuer_name,
        issuer_key,
    })
}

fn to_time(t: &x509_ocsp::OcspGeneralizedTime) -> OffsetDateTime {
    let secs = t.0.to_unix_duration().as_secs() as i64;
    OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn matches(id: &CertId, q: &Query) -> bool {
    let alg: &'static ring::digest::Algorithm = if id.hash_algorithm.oid == SHA1 {
        &ring::digest::SHA1_FOR_LEGACY_USE_ONLY
    } else if id.hash_algorithm.oid == SHA256 {
        &ring::digest::SHA256
    } else {
        return false;
    };
    id.serial_number == q.serial
        && id.issuer_name_hash.as_bytes() == digest(alg, &q.issuer_name).as_slice()
        && id.issuer_key_hash.as_bytes() == digest(alg, &q.issuer_key).as_slice()
}

/// Checks the response's signature: by the issuer, or by a delegated responder.
fn check_signer(
    basic_der: &[u8],
    basic: &BasicOcspResponse,
    issuer_der: &[u8],
    now: OffsetDateTime,
) -> Result<(), OcspError> {
    let outer = asn1::read_all(basic_der).map_err(|_| OcspError::Malformed)?;
    let parts = asn1::children(outer.content).map_err(|_| OcspError::Malformed)?;
    if parts.len() < 3 {
        return Err(OcspError::Malformed);
    }
    let tbs = parts[0].raw;
    let alg = signature::parse_algorithm(parts[1].raw).map_err(|_| OcspError::Malformed)?;
    let sig = asn1::bit_string_bytes(parts[2].content).map_err(|_| OcspError::Malformed)?;
    let (_, issuer) =
        X509Certificate::from_der(issuer_der).map_err(|_| OcspError::CertificateUnreadable)?;
    if signature::verify(&alg, tbs, sig, issuer.public_key()).is_ok() {
        return Ok(());
    }
    let mut why = OcspError::UnknownSigner;
    for cert in basic.certs.iter().flatten() {
        let der = cert.to_der().map_err(|_| OcspError::Malformed)?;
        let Ok((_, responder)) = X509Certificate::from_der(&der) else {
            continue;
        };
        if signature::verify(&alg, tbs, sig, responder.public_key()).is_err() {
            continue;
        }
        if signature::verify_certificate(&responder, issuer.public_key()).is_err() {
            why = OcspError::ResponderNotIssuedByIssuer;
            continue;
        }
        let eku_ok = responder
            .extended_key_usage()
            .ok()
            .flatten()
            .is_some_and(|e| e.value.ocsp_signing);
        if !eku_ok {
            why = OcspError::ResponderWithoutOcspSigning;
            continue;
        }
        let v = responder.validity();
        if v.not_before.to_datetime() > now + LEEWAY || v.not_after.to_datetime() < now - LEEWAY {
            why = OcspError::ResponderNotValid;
            continue;
        }
        return Ok(());
    }
    Err(why)
}

/// Verifies a response body for `q` and returns what it says.
pub fn verify(
    body: &[u8],
    q: &Query,
    issuer_der: &[u8],
    now: OffsetDateTime,
) -> Result<Answer, OcspError> {
    let resp = OcspResponse::from_der(body).map_err(|_| OcspError::NotOcsp)?;
    if resp.response_status != OcspResponseStatus::Successful {
        return Err(OcspError::Refused {
            status: status_name(resp.response_status),
        });
    }
    let rb = resp.response_bytes.ok_or(OcspError::NoBasicResponse)?;
    if rb.response_type != BASIC {
        return Err(OcspError::NoBasicResponse);
    }
    let basic_der = rb.response.as_bytes();
    let basic = BasicOcspResponse::from_der(basic_der).map_err(|_| OcspError::Malformed)?;
    check_signer(basic_der, &basic, issuer_der, now)?;
    if let Some(n) = basic.nonce() {
        if n.0.as_bytes() != q.nonce.as_slice() {
            return Err(OcspError::NonceMismatch);
        }
    }
    let single = basic
        .tbs_response_data
        .responses
        .iter()
        .find(|s| matches(&s.cert_id, q))
        .ok_or(OcspError::OtherCertificate)?;
    let this_update = to_time(&single.this_update);
    let next_update = single.next_update.as_ref().map(to_time);
    if this_update > now + LEEWAY {
        return Err(OcspError::FromTheFuture { this_update });
    }
    if let Some(n) = next_update {
        if n < now - LEEWAY {
            return Err(OcspError::Stale { next_update: n });
        }
    }
    let status = match &single.cert_status {
        CertStatus::Good(_) => OcspStatus::Good,
        CertStatus::Unknown(_) => OcspStatus::Unknown,
        CertStatus::Revoked(info) => OcspStatus::Revoked {
            at: to_time(&info.revocation_time),
            reason: info
                .revocation_reason
                .map(|r: CrlReason| reason_name(r as u32)),
        },
    };
    Ok(Answer {
        status,
        this_update,
        next_update,
    })
}

/// The RFC 6960 name of an OCSP response status.
fn status_name(s: OcspResponseStatus) -> &'static str {
    match s {
        OcspResponseStatus::Successful => "successful",
        OcspResponseStatus::MalformedRequest => "malformedRequest",
        OcspResponseStatus::InternalError => "internalError",
        OcspResponseStatus::TryLater => "tryLater",
        OcspResponseStatus::SigRequired => "sigRequired",
        OcspResponseStatus::Unauthorized => "unauthorized",
    }
}
