//! The sandbox's own signatures: signing as a CA, an OCSP responder or a
//! user's SIM / SmartCA would, and checking the signatures a USB token sent.
//!
//! This is deliberately separate code from dvc's (`dvc::pkcs11::token`): the
//! server checks what the client made with `ring` directly, so a mistake in
//! the client's encoding cannot be mirrored here and pass on both sides.

use der::asn1::Null;
use x509_cert::spki::AlgorithmIdentifierOwned;

/// sha256WithRSAEncryption.
const SHA256_WITH_RSA: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
/// ecdsa-with-SHA256.
const ECDSA_WITH_SHA256: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
/// rsaEncryption (a subject public key).
const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
/// id-ecPublicKey.
const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
/// prime256v1 (secp256r1).
const P256: &str = "1.2.840.10045.3.1.7";

/// The DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2, note 1).
const SHA256_DIGEST_INFO: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// A private key that signs OCSP responses and, for the simulated SIM and
/// SmartCA, a user's data: RSA (PKCS#1 v1.5 SHA-256) or ECDSA P-256
/// (SHA-256, DER), from PKCS#8 DER.
pub struct SigningKey {
    kind: KeyKind,
    rng: ring::rand::SystemRandom,
}

enum KeyKind {
    Rsa(ring::signature::RsaKeyPair),
    Ecdsa(ring::signature::EcdsaKeyPair),
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey([private])")
    }
}

impl SigningKey {
    /// Reads a PKCS#8 private key (RSA or EC P-256).
    pub fn from_pkcs8(der: &[u8]) -> Result<SigningKey, String> {
        let rng = ring::rand::SystemRandom::new();
        if let Ok(k) = ring::signature::RsaKeyPair::from_pkcs8(der) {
            return Ok(SigningKey {
                kind: KeyKind::Rsa(k),
                rng,
            });
        }
        ring::signature::EcdsaKeyPair::from_pkcs8(
            &ring::signature::ECDSA_P256_SHA256_ASN1_SIGNING,
            der,
            &rng,
        )
        .map(|k| SigningKey {
            kind: KeyKind::Ecdsa(k),
            rng,
        })
        .map_err(|_| "not an RSA or EC P-256 PKCS#8 private key".to_string())
    }

    /// Whether it is an RSA key.
    pub fn is_rsa(&self) -> bool {
        matches!(self.kind, KeyKind::Rsa(_))
    }

    /// Signs `data` (SHA-256 with PKCS#1 v1.5, or ECDSA with a DER signature).
    pub fn sign(&self, data: &[u8]) -> Result<Vec<u8>, String> {
        match &self.kind {
            KeyKind::Rsa(k) => {
                let mut sig = vec![0u8; k.public().modulus_len()];
                k.sign(
                    &ring::signature::RSA_PKCS1_SHA256,
                    &self.rng,
                    data,
                    &mut sig,
                )
                .map_err(|_| "RSA signing failed".to_string())?;
                Ok(sig)
            }
            KeyKind::Ecdsa(k) => k
                .sign(&self.rng, data)
                .map(|s| s.as_ref().to_vec())
                .map_err(|_| "ECDSA signing failed".to_string()),
        }
    }

    /// The signature AlgorithmIdentifier of [`SigningKey::sign`].
    pub fn algorithm(&self) -> AlgorithmIdentifierOwned {
        match &self.kind {
            KeyKind::Rsa(_) => AlgorithmIdentifierOwned {
                oid: SHA256_WITH_RSA,
                parameters: Some(Null.into()),
            },
            KeyKind::Ecdsa(_) => AlgorithmIdentifierOwned {
                oid: ECDSA_WITH_SHA256,
                parameters: None,
            },
        }
    }
}

/// Signs a SHA-256 hash given as such (not the data) with RSA PKCS#1 v1.5,
/// over its DigestInfo, as VNPT SmartCA's service API does. `ring` cannot
/// sign a given hash, so this uses the `rsa` crate.
pub fn sign_prehashed(pkcs8: &[u8], hash: &[u8]) -> Result<Vec<u8>, String> {
    use rsa::pkcs8::DecodePrivateKey as _;
    if hash.len() != 32 {
        return Err("a SHA-256 hash is 32 bytes".into());
    }
    let key = rsa::PrivateKey::from_pkcs8_der(pkcs8).map_err(|e| e.to_string())?;
    let mut digest_info = SHA256_DIGEST_INFO.to_vec();
    digest_info.extend_from_slice(hash);
    key.sign(rsa::Pkcs1v15Sign::new_unprefixed(), &digest_info)
        .map_err(|e| e.to_string())
}

/// The signature algorithms of the USB tab (portal-login.md §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsbAlgorithm {
    /// `RSASSA-PSS-SHA256`: MGF1 with SHA-256, salt length 32.
    RsaPssSha256,
    /// `RSASSA-PKCS1-v1_5-SHA256`.
    RsaPkcs1Sha256,
    /// `ECDSA-SHA256`: P-256, a DER `ECDSA-Sig-Value`.
    EcdsaSha256,
}

impl UsbAlgorithm {
    /// The algorithm of a `signatureAlgorithm` form value.
    pub fn from_name(name: &str) -> Option<UsbAlgorithm> {
        match name {
            "RSASSA-PSS-SHA256" => Some(UsbAlgorithm::RsaPssSha256),
            "RSASSA-PKCS1-v1_5-SHA256" => Some(UsbAlgorithm::RsaPkcs1Sha256),
            "ECDSA-SHA256" => Some(UsbAlgorithm::EcdsaSha256),
            _ => None,
        }
    }

    /// What the server assumes when the form has no `signatureAlgorithm`:
    /// PSS for an RSA key, ECDSA-SHA256 for an EC key.
    pub fn default_for(cert_der: &[u8]) -> Result<UsbAlgorithm, String> {
        let (_, cert) = x509_parser::parse_x509_certificate(cert_der).map_err(|e| e.to_string())?;
        Ok(
            if cert.public_key().algorithm.algorithm.to_id_string() == RSA_ENCRYPTION {
                UsbAlgorithm::RsaPssSha256
            } else {
                UsbAlgorithm::EcdsaSha256
            },
        )
    }
}

/// Checks that `sig` is a signature over `data` by the key of the
/// certificate `cert_der`, with `alg`. The key's type must match the
/// algorithm (an EC key never passes an RSA check, nor the reverse), and an
/// EC key must be on P-256.
pub fn verify(cert_der: &[u8], alg: UsbAlgorithm, data: &[u8], sig: &[u8]) -> Result<(), String> {
    let (_, cert) = x509_parser::parse_x509_certificate(cert_der)
        .map_err(|e| format!("the certificate cannot be decoded: {e}"))?;
    let spki = cert.public_key();
    let key_alg = spki.algorithm.algorithm.to_id_string();
    let ring_alg: &dyn ring::signature::VerificationAlgorithm = match alg {
        UsbAlgorithm::RsaPssSha256 | UsbAlgorithm::RsaPkcs1Sha256 if key_alg != RSA_ENCRYPTION => {
            return Err("an RSA signature needs an RSA key".into());
        }
        UsbAlgorithm::EcdsaSha256 => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string());
            if key_alg != EC_PUBLIC_KEY || curve.as_deref() != Some(P256) {
                return Err("an ECDSA-SHA256 signature needs an EC P-256 key".into());
            }
            &ring::signature::ECDSA_P256_SHA256_ASN1
        }
        UsbAlgorithm::RsaPssSha256 => &ring::signature::RSA_PSS_2048_8192_SHA256,
        UsbAlgorithm::RsaPkcs1Sha256 => &ring::signature::RSA_PKCS1_2048_8192_SHA256,
    };
    ring::signature::UnparsedPublicKey::new(ring_alg, &spki.subject_public_key.data)
        .verify(data, sig)
        .map_err(|_| "the signature does not verify".to_string())
}

/// Checks a compact JWS's signature (`alg` of its header: `PS256`,
/// `RS256`, or `ES256` with the fixed-width r‖s that JWS requires) over the
/// signing input, with the key of `cert_der`.
pub fn verify_jws(cert_der: &[u8], alg: &str, input: &[u8], sig: &[u8]) -> Result<(), String> {
    match alg {
        "PS256" => verify(cert_der, UsbAlgorithm::RsaPssSha256, input, sig),
        "RS256" => verify(cert_der, UsbAlgorithm::RsaPkcs1Sha256, input, sig),
        "ES256" => {
            if sig.len() != 64 {
                return Err("an ES256 signature is 64 bytes (r‖s)".into());
            }
            let (_, cert) = x509_parser::parse_x509_certificate(cert_der)
                .map_err(|e| format!("the certificate cannot be decoded: {e}"))?;
            let spki = cert.public_key();
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string());
            if spki.algorithm.algorithm.to_id_string() != EC_PUBLIC_KEY
                || curve.as_deref() != Some(P256)
            {
                return Err("an ES256 signature needs an EC P-256 key".into());
            }
            ring::signature::UnparsedPublicKey::new(
                &ring::signature::ECDSA_P256_SHA256_FIXED,
                &spki.subject_public_key.data,
            )
            .verify(input, sig)
            .map_err(|_| "the signature does not verify".to_string())
        }
        other => Err(format!("unsupported JWS alg {other:?}")),
    }
}

/// Checks a signature made with whichever algorithm the certificate's key
/// allows (RSA: PSS with salt 32, then PKCS#1 v1.5; EC: ECDSA, DER), as a
/// server must when the form does not say which.
pub fn verify_any(cert_der: &[u8], data: &[u8], sig: &[u8]) -> Result<UsbAlgorithm, String> {
    let tries = match UsbAlgorithm::default_for(cert_der)? {
        UsbAlgorithm::EcdsaSha256 => vec![UsbAlgorithm::EcdsaSha256],
        _ => vec![UsbAlgorithm::RsaPssSha256, UsbAlgorithm::RsaPkcs1Sha256],
    };
    for alg in tries {
        if verify(cert_der, alg, data, sig).is_ok() {
            return Ok(alg);
        }
    }
    Err("the signature does not verify".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::{self, Key, Name, Role, Spec};

    fn cert(key: &Key) -> Vec<u8> {
        pki::self_signed(&Spec::new(Role::Leaf, Name::new().cn("Thử nghiệm")), key).unwrap()
    }

    fn rsa_key() -> Key {
        static KEY: std::sync::OnceLock<Key> = std::sync::OnceLock::new();
        KEY.get_or_init(|| Key::rsa(2048).unwrap()).clone()
    }

    fn flipped(sig: &[u8], bit: usize) -> Vec<u8> {
        let mut s = sig.to_vec();
        s[bit / 8] ^= 1 << (bit % 8);
        s
    }

    fn ring_rsa(key: &Key, pad: &'static dyn ring::signature::RsaEncoding, data: &[u8]) -> Vec<u8> {
        let k = ring::signature::RsaKeyPair::from_pkcs8(key.pkcs8()).unwrap();
        let mut sig = vec![0u8; k.public().modulus_len()];
        k.sign(pad, &ring::rand::SystemRandom::new(), data, &mut sig)
            .unwrap();
        sig
    }

    #[test]
    fn rsa_pss_sha256_salt_32() {
        let key = rsa_key();
        let cert = cert(&key);
        let data = b"sessionDataKey-0123456789";
        let sig = ring_rsa(&key, &ring::signature::RSA_PSS_SHA256, data);
        verify(&cert, UsbAlgorithm::RsaPssSha256, data, &sig).unwrap();
        for bit in [0, 700, sig.len() * 8 - 1] {
            assert!(verify(&cert, UsbAlgorithm::RsaPssSha256, data, &flipped(&sig, bit)).is_err());
        }
        assert!(verify(&cert, UsbAlgorithm::RsaPssSha256, b"other data", &sig).is_err());
        // The same key's PKCS#1 v1.5 signature is not a PSS one.
        let v15 = ring_rsa(&key, &ring::signature::RSA_PKCS1_SHA256, data);
        assert!(verify(&cert, UsbAlgorithm::RsaPssSha256, data, &v15).is_err());
    }

    #[test]
    fn rsa_pkcs1_v1_5_sha256() {
        let key = rsa_key();
        let cert = cert(&key);
        let data = b"sessionDataKey-abcdef";
        let sig = key.signing_key().unwrap().sign(data).unwrap();
        verify(&cert, UsbAlgorithm::RsaPkcs1Sha256, data, &sig).unwrap();
        for bit in [3, 1000, sig.len() * 8 - 8] {
            assert!(verify(
                &cert,
                UsbAlgorithm::RsaPkcs1Sha256,
                data,
                &flipped(&sig, bit)
            )
            .is_err());
        }
        let pss = ring_rsa(&key, &ring::signature::RSA_PSS_SHA256, data);
        assert!(verify(&cert, UsbAlgorithm::RsaPkcs1Sha256, data, &pss).is_err());
        // A hash signed as SmartCA signs it is a PKCS#1 v1.5 signature over the data.
        let hash = ring::digest::digest(&ring::digest::SHA256, data);
        let pre = sign_prehashed(key.pkcs8(), hash.as_ref()).unwrap();
        verify(&cert, UsbAlgorithm::RsaPkcs1Sha256, data, &pre).unwrap();
        assert!(sign_prehashed(key.pkcs8(), &[0u8; 20]).is_err());
    }

    #[test]
    fn ecdsa_p256_sha256_der() {
        let key = Key::ec().unwrap();
        let cert = cert(&key);
        let data = b"sessionDataKey-ec";
        let sig = key.signing_key().unwrap().sign(data).unwrap();
        assert_eq!(sig[0], 0x30, "DER, not raw r||s");
        verify(&cert, UsbAlgorithm::EcdsaSha256, data, &sig).unwrap();
        for bit in [60, sig.len() * 8 - 1] {
            assert!(verify(&cert, UsbAlgorithm::EcdsaSha256, data, &flipped(&sig, bit)).is_err());
        }
        // Raw r||s (64 bytes) is refused.
        let fixed = ring::signature::EcdsaKeyPair::from_pkcs8(
            &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            key.pkcs8(),
            &ring::rand::SystemRandom::new(),
        )
        .unwrap()
        .sign(&ring::rand::SystemRandom::new(), data)
        .unwrap();
        assert!(verify(&cert, UsbAlgorithm::EcdsaSha256, data, fixed.as_ref()).is_err());
    }

    #[test]
    fn the_key_type_must_match_the_algorithm() {
        let ec = Key::ec().unwrap();
        let ec_cert = cert(&ec);
        let sig = ec.signing_key().unwrap().sign(b"x").unwrap();
        assert!(verify(&ec_cert, UsbAlgorithm::RsaPssSha256, b"x", &sig).is_err());
        assert!(verify(&ec_cert, UsbAlgorithm::RsaPkcs1Sha256, b"x", &sig).is_err());
        let rsa = rsa_key();
        let rsa_cert = cert(&rsa);
        let sig = rsa.signing_key().unwrap().sign(b"x").unwrap();
        assert!(verify(&rsa_cert, UsbAlgorithm::EcdsaSha256, b"x", &sig).is_err());
        assert_eq!(
            UsbAlgorithm::default_for(&rsa_cert).unwrap(),
            UsbAlgorithm::RsaPssSha256
        );
        assert_eq!(
            UsbAlgorithm::default_for(&ec_cert).unwrap(),
            UsbAlgorithm::EcdsaSha256
        );
        assert_eq!(UsbAlgorithm::from_name("RSASSA-PSS-SHA384"), None);
        assert!(verify(b"not a certificate", UsbAlgorithm::EcdsaSha256, b"x", &sig).is_err());
    }

    #[test]
    fn jws_and_any() {
        let ec = Key::ec().unwrap();
        let ec_cert = cert(&ec);
        let fixed = ring::signature::EcdsaKeyPair::from_pkcs8(
            &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            ec.pkcs8(),
            &ring::rand::SystemRandom::new(),
        )
        .unwrap()
        .sign(&ring::rand::SystemRandom::new(), b"h.p")
        .unwrap();
        verify_jws(&ec_cert, "ES256", b"h.p", fixed.as_ref()).unwrap();
        assert!(verify_jws(&ec_cert, "ES256", b"h.q", fixed.as_ref()).is_err());
        assert!(verify_jws(&ec_cert, "PS256", b"h.p", fixed.as_ref()).is_err());
        assert!(verify_jws(&ec_cert, "HS256", b"h.p", fixed.as_ref()).is_err());
        let der = ec.signing_key().unwrap().sign(b"k").unwrap();
        assert_eq!(
            verify_any(&ec_cert, b"k", &der).unwrap(),
            UsbAlgorithm::EcdsaSha256
        );
        let rsa = rsa_key();
        let rsa_cert = cert(&rsa);
        let v15 = ring_rsa(&rsa, &ring::signature::RSA_PKCS1_SHA256, b"k");
        assert_eq!(
            verify_any(&rsa_cert, b"k", &v15).unwrap(),
            UsbAlgorithm::RsaPkcs1Sha256
        );
        let pss = ring_rsa(&rsa, &ring::signature::RSA_PSS_SHA256, b"k");
        verify_jws(&rsa_cert, "PS256", b"k", &pss).unwrap();
        assert!(verify_any(&rsa_cert, b"other", &pss).is_err());
    }
}
