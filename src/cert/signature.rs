//! Signature verification for certificates, CRLs and OCSP responses:
//! RSA PKCS#1 v1.5 (SHA-1 for old roots, SHA-256/384/512), RSASSA-PSS
//! (SHA-256/384/512), ECDSA P-256 / P-384 and Ed25519, over `ring`.

use ring::signature::{self, UnparsedPublicKey, VerificationAlgorithm};
use x509_parser::der_parser::oid::Oid;
use x509_parser::prelude::*;
use x509_parser::x509::{AlgorithmIdentifier, SubjectPublicKeyInfo};

const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
const ED25519: &str = "1.3.101.112";
const P256: &str = "1.2.840.10045.3.1.7";
const P384: &str = "1.3.132.0.34";

/// Signature algorithms on SHA-1 (RSA PKCS#1 v1.5, ECDSA, DSA).
const SHA1_ALGORITHMS: &[&str] = &[
    "1.2.840.113549.1.1.5",
    "1.3.14.3.2.29",
    "1.2.840.10045.4.1",
    "1.2.840.10040.4.3",
];

/// Why a signature was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureError {
    /// The algorithm (or the key type it is used with) is not supported.
    Unsupported {
        /// The signature algorithm's name or OID.
        algorithm: String,
        /// The key type (`RSA`, `EC P-256`, …).
        key: &'static str,
    },
    /// RSASSA-PSS with a hash other than SHA-256/384/512, or bad parameters.
    UnsupportedPss,
    /// The AlgorithmIdentifier cannot be decoded.
    BadAlgorithm,
    /// The signature does not verify with the key.
    Invalid,
}

/// A short, human name of a signature algorithm OID.
pub fn algorithm_name(oid: &Oid<'_>) -> String {
    let s = oid.to_id_string();
    match s.as_str() {
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption".into(),
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1".into(),
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption".into(),
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption".into(),
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption".into(),
        "1.2.840.113549.1.1.10" => "RSASSA-PSS".into(),
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256".into(),
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384".into(),
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512".into(),
        ED25519 => "Ed25519".into(),
        _ => s,
    }
}

/// Whether a signature algorithm OID hashes with SHA-1.
pub fn is_sha1(oid: &Oid<'_>) -> bool {
    SHA1_ALGORITHMS.contains(&oid.to_id_string().as_str())
}

fn pss_hash(alg: &AlgorithmIdentifier<'_>) -> Result<&'static str, SignatureError> {
    // RSASSA-PSS-params: [0] hashAlgorithm (default SHA-1), ...
    let params = alg
        .parameters
        .as_ref()
        .ok_or(SignatureError::UnsupportedPss)?;
    let content = params.data;
    for el in super::asn1::iter(content) {
        let el = el.map_err(|_| SignatureError::BadAlgorithm)?;
        if el.tag == 0xa0 {
            let (hash_alg, _) =
                super::asn1::read(el.content).map_err(|_| SignatureError::BadAlgorithm)?;
            let (oid, _) =
                super::asn1::read(hash_alg.content).map_err(|_| SignatureError::BadAlgorithm)?;
            return Ok(match oid.content {
                [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01] => "sha256",
                [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02] => "sha384",
                [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03] => "sha512",
                _ => return Err(SignatureError::UnsupportedPss),
            });
        }
    }
    // No hashAlgorithm: SHA-1, which PSS signers never use in practice.
    Err(SignatureError::UnsupportedPss)
}

fn choose(
    alg: &AlgorithmIdentifier<'_>,
    spki: &SubjectPublicKeyInfo<'_>,
) -> Result<&'static dyn VerificationAlgorithm, SignatureError> {
    let key_alg = spki.algorithm.algorithm.to_id_string();
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.as_oid().ok())
        .map(|o| o.to_id_string());
    let sig = alg.algorithm.to_id_string();
    let rsa = key_alg == RSA_ENCRYPTION;
    let ec = |c: &str| key_alg == EC_PUBLIC_KEY && curve.as_deref() == Some(c);
    Ok(match sig.as_str() {
        "1.2.840.113549.1.1.5" if rsa => &signature::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY,
        "1.2.840.113549.1.1.11" if rsa => &signature::RSA_PKCS1_2048_8192_SHA256,
        "1.2.840.113549.1.1.12" if rsa => &signature::RSA_PKCS1_2048_8192_SHA384,
        "1.2.840.113549.1.1.13" if rsa => &signature::RSA_PKCS1_2048_8192_SHA512,
        "1.2.840.113549.1.1.10" if rsa => match pss_hash(alg)? {
            "sha256" => &signature::RSA_PSS_2048_8192_SHA256,
            "sha384" => &signature::RSA_PSS_2048_8192_SHA384,
            _ => &signature::RSA_PSS_2048_8192_SHA512,
        },
        "1.2.840.10045.4.3.2" if ec(P256) => &signature::ECDSA_P256_SHA256_ASN1,
        "1.2.840.10045.4.3.2" if ec(P384) => &signature::ECDSA_P384_SHA256_ASN1,
        "1.2.840.10045.4.3.3" if ec(P256) => &signature::ECDSA_P256_SHA384_ASN1,
        "1.2.840.10045.4.3.3" if ec(P384) => &signature::ECDSA_P384_SHA384_ASN1,
        ED25519 if key_alg == ED25519 => &signature::ED25519,
        _ => {
            return Err(SignatureError::Unsupported {
                algorithm: algorithm_name(&alg.algorithm),
                key: key_name(&key_alg, curve.as_deref()),
            })
        }
    })
}

fn key_name(key_alg: &str, curve: Option<&str>) -> &'static str {
    match (key_alg, curve) {
        (RSA_ENCRYPTION, _) => "RSA",
        (EC_PUBLIC_KEY, Some(P256)) => "EC P-256",
        (EC_PUBLIC_KEY, Some(P384)) => "EC P-384",
        (EC_PUBLIC_KEY, _) => "EC (other curve)",
        (ED25519, _) => "Ed25519",
        _ => "unknown",
    }
}

/// Verifies `sig` over `signed` with the public key `spki`, for the
/// signature algorithm `alg`. Errors say why (unsupported or bad signature).
pub fn verify(
    alg: &AlgorithmIdentifier<'_>,
    signed: &[u8],
    sig: &[u8],
    spki: &SubjectPublicKeyInfo<'_>,
) -> Result<(), SignatureError> {
    let algorithm = choose(alg, spki)?;
    UnparsedPublicKey::new(algorithm, spki.subject_public_key.data.as_ref())
        .verify(signed, sig)
        .map_err(|_| SignatureError::Invalid)
}

/// Verifies a certificate's signature with the issuer's public key.
pub fn verify_certificate(
    cert: &X509Certificate<'_>,
    issuer_spki: &SubjectPublicKeyInfo<'_>,
) -> Result<(), SignatureError> {
    verify(
        &cert.signature_algorithm,
        cert.tbs_certificate.as_ref(),
        cert.signature_value.data.as_ref(),
        issuer_spki,
    )
}

/// Parses an AlgorithmIdentifier from its raw DER.
pub fn parse_algorithm(raw: &[u8]) -> Result<AlgorithmIdentifier<'_>, SignatureError> {
    AlgorithmIdentifier::from_der(raw)
        .map(|(_, a)| a)
        .map_err(|_| SignatureError::BadAlgorithm)
}

/// (key type, size in bits) of a public key, e.g. ("RSA", 2048), ("EC P-256", 256).
pub fn key_description(spki: &SubjectPublicKeyInfo<'_>) -> (String, Option<u32>) {
    let key_alg = spki.algorithm.algorithm.to_id_string();
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.as_oid().ok())
        .map(|o| o.to_id_string());
    let bits = match spki.parsed() {
        Ok(x509_parser::public_key::PublicKey::RSA(rsa)) => Some(rsa.key_size() as u32),
        Ok(x509_parser::public_key::PublicKey::EC(_)) => match curve.as_deref() {
            Some(P256) => Some(256),
            Some(P384) => Some(384),
            Some("1.3.132.0.35") => Some(521),
            _ => None,
        },
        Ok(x509_parser::public_key::PublicKey::Unknown(_)) if key_alg == ED25519 => Some(256),
        _ => None,
    };
    (key_name(&key_alg, curve.as_deref()).to_string(), bits)
}
