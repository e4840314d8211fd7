//! The one test-PKI builder, shaped like Vietnam's: roots and intermediates
//! with Vietnamese names, leaves with `UID=MST:` / `UID=CCCD:` subjects, AIA
//! (OCSP and caIssuers) and CRL distribution points, delegated OCSP
//! responders, CRLs, and the keys behind them. The sandbox's state, dvc's
//! integration tests and the benchmark programs all build their
//! certificates here.
//!
//! ```
//! use dvc_sandbox::pki::{Ca, Key, Name, Role, Spec};
//!
//! let root = Ca::self_signed(
//!     &Spec::new(Role::Ca { path_len: None }, Name::new().c("VN").cn("Root CA Thử nghiệm")),
//!     Key::ec()?,
//! )?;
//! let leaf_key = Key::ec()?;
//! let leaf = root.issue(
//!     &Spec::new(Role::Leaf, Name::new().c("VN").cn("Công ty TNHH Thử Nghiệm").uid("MST:0101234567"))
//!         .serial(0x1001)
//!         .days(-1, 365)
//!         .ocsp("http://127.0.0.1:9/ocsp")
//!         .crl("http://127.0.0.1:9/ca.crl"),
//!     &leaf_key,
//! )?;
//! assert!(dvc::cert::decode_der(&leaf).map_err(|e| e.to_string())?.tax_code.as_deref() == Some("0101234567"));
//! # Ok::<(), String>(())
//! ```
//!
//! rcgen keeps one value per attribute type in a name: a certificate with
//! two UIDs has to be made otherwise (dvc's tests use the `openssl` CLI).

pub mod ocsp;

use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, CrlDistributionPoint,
    CustomExtension, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyIdMethod, KeyPair,
    KeyUsagePurpose, RevocationReason, RevokedCertParams, SerialNumber,
};
use time::{Duration, OffsetDateTime};

use crate::signature::SigningKey;

/// The UID attribute (0.9.2342.19200300.100.1.1), where Vietnamese
/// certificates carry `MST:` (tax code) and `CCCD:` (citizen ID).
pub const UID_OID: &[u64] = &[0, 9, 2342, 19200300, 100, 1, 1];

/// The Authority Information Access extension.
const AIA_OID: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 1, 1];

/// A private key (RSA or EC P-256), kept as PKCS#8 DER.
#[derive(Clone)]
pub struct Key {
    pkcs8: Vec<u8>,
    rsa: bool,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.rsa {
            "Key(RSA, [private])"
        } else {
            "Key(EC P-256, [private])"
        })
    }
}

/// The operating system's random numbers, for the `rsa` crate.
struct OsRng;

/// The operating system gave no random numbers.
#[derive(Debug)]
struct RngError(getrandom::Error);

impl std::fmt::Display for RngError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no random numbers: {}", self.0)
    }
}

impl std::error::Error for RngError {}

impl rsa::rand_core::TryRng for OsRng {
    type Error = RngError;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        let mut b = [0u8; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        getrandom::fill(dst).map_err(RngError)
    }
}

impl rsa::rand_core::TryCryptoRng for OsRng {}

impl Key {
    /// A new RSA key of `bits` bits (made with the `rsa` crate: ring cannot
    /// generate RSA keys; built with `opt-level = 3` even in dev builds).
    pub fn rsa(bits: usize) -> Result<Key, String> {
        use rsa::pkcs8::EncodePrivateKey as _;
        let key = rsa::PrivateKey::new(&mut OsRng, bits).map_err(|e| e.to_string())?;
        let der = key.to_pkcs8_der().map_err(|e| e.to_string())?;
        Ok(Key {
            pkcs8: der.as_bytes().to_vec(),
            rsa: true,
        })
    }

    /// A new EC P-256 key.
    pub fn ec() -> Result<Key, String> {
        let rng = ring::rand::SystemRandom::new();
        let doc = ring::signature::EcdsaKeyPair::generate_pkcs8(
            &ring::signature::ECDSA_P256_SHA256_ASN1_SIGNING,
            &rng,
        )
        .map_err(|_| "EC key generation failed".to_string())?;
        Ok(Key {
            pkcs8: doc.as_ref().to_vec(),
            rsa: false,
        })
    }

    /// A key from its PKCS#8 DER (RSA or EC P-256).
    pub fn from_pkcs8(der: &[u8]) -> Result<Key, String> {
        let d = rustls_pki_types::PrivatePkcs8KeyDer::from(der.to_vec());
        if KeyPair::from_pkcs8_der_and_sign_algo(&d, &rcgen::PKCS_RSA_SHA256).is_ok() {
            return Ok(Key {
                pkcs8: der.to_vec(),
                rsa: true,
            });
        }
        KeyPair::from_pkcs8_der_and_sign_algo(&d, &rcgen::PKCS_ECDSA_P256_SHA256)
            .map(|_| Key {
                pkcs8: der.to_vec(),
                rsa: false,
            })
            .map_err(|_| "not an RSA or EC P-256 PKCS#8 private key".to_string())
    }

    /// A key from PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    pub fn from_pem(pem: &str) -> Result<Key, String> {
        use base64::Engine as _;
        let b64: String = pem
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with("-----"))
            .collect();
        let der = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|e| format!("not PEM: {e}"))?;
        Key::from_pkcs8(&der)
    }

    /// Its PKCS#8 DER.
    pub fn pkcs8(&self) -> &[u8] {
        &self.pkcs8
    }

    /// Its PKCS#8 PEM.
    pub fn pem(&self) -> String {
        pem("PRIVATE KEY", &self.pkcs8)
    }

    /// Whether it is an RSA key (else EC P-256).
    pub fn is_rsa(&self) -> bool {
        self.rsa
    }

    /// The key as a signer of data (OCSP responses, SIM / SmartCA signatures).
    pub fn signing_key(&self) -> Result<SigningKey, String> {
        SigningKey::from_pkcs8(&self.pkcs8)
    }

    fn key_pair(&self) -> Result<KeyPair, String> {
        let d = rustls_pki_types::PrivatePkcs8KeyDer::from(self.pkcs8.clone());
        let alg = if self.rsa {
            &rcgen::PKCS_RSA_SHA256
        } else {
            &rcgen::PKCS_ECDSA_P256_SHA256
        };
        KeyPair::from_pkcs8_der_and_sign_algo(&d, alg).map_err(|e| e.to_string())
    }
}

#[derive(Debug, Clone)]
enum Attr {
    Country,
    Organization,
    Locality,
    CommonName,
    Uid,
}

/// A distinguished name, its attributes in the order given (one UID at
/// most: rcgen keeps one value per attribute type).
#[derive(Debug, Clone, Default)]
pub struct Name(Vec<(Attr, String)>);

impl Name {
    /// An empty name.
    pub fn new() -> Name {
        Name::default()
    }

    fn with(mut self, a: Attr, v: impl Into<String>) -> Name {
        self.0.push((a, v.into()));
        self
    }

    /// Adds `C=` (country).
    pub fn c(self, v: impl Into<String>) -> Name {
        self.with(Attr::Country, v)
    }

    /// Adds `O=` (organisation).
    pub fn o(self, v: impl Into<String>) -> Name {
        self.with(Attr::Organization, v)
    }

    /// Adds `L=` (locality).
    pub fn l(self, v: impl Into<String>) -> Name {
        self.with(Attr::Locality, v)
    }

    /// Adds `CN=` (common name).
    pub fn cn(self, v: impl Into<String>) -> Name {
        self.with(Attr::CommonName, v)
    }

    /// Adds `UID=` (`MST:0101234567`, `CCCD:001099012345`).
    pub fn uid(self, v: impl Into<String>) -> Name {
        self.with(Attr::Uid, v)
    }
}

/// What a certificate is for; its basic constraints, key usages and
/// extended key usages follow from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A CA (keyCertSign, cRLSign, digitalSignature), with a path length
    /// limit when given.
    Ca {
        /// The pathLenConstraint.
        path_len: Option<u8>,
    },
    /// A person's or business's signing certificate (digitalSignature,
    /// nonRepudiation; clientAuth, emailProtection).
    Leaf,
    /// A delegated OCSP responder (digitalSignature; the OCSPSigning
    /// extended key usage when `eku`, which a client must require).
    OcspResponder {
        /// Whether it has the OCSPSigning extended key usage.
        eku: bool,
    },
    /// A TLS server (digitalSignature, keyEncipherment; serverAuth), for
    /// the host names given with [`Spec::dns`].
    TlsServer,
}

/// A certificate to make: subject, role, serial, validity and the URLs it
/// names.
#[derive(Debug, Clone)]
pub struct Spec {
    subject: Name,
    role: Role,
    serial: Option<Vec<u8>>,
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
    ocsp_url: Option<String>,
    ca_issuers_url: Option<String>,
    crl_url: Option<String>,
    dns: Vec<String>,
}

impl Spec {
    /// A certificate valid from a day ago for a year, with a random serial
    /// and no URLs.
    pub fn new(role: Role, subject: Name) -> Spec {
        let now = OffsetDateTime::now_utc();
        Spec {
            subject,
            role,
            serial: None,
            not_before: now - Duration::days(1),
            not_after: now + Duration::days(365),
            ocsp_url: None,
            ca_issuers_url: None,
            crl_url: None,
            dns: Vec::new(),
        }
    }

    /// A DNS name in the subjectAltName extension (a TLS server's host).
    pub fn dns(mut self, name: impl Into<String>) -> Spec {
        self.dns.push(name.into());
        self
    }

    /// The serial number (its minimal big-endian bytes).
    pub fn serial(self, n: u64) -> Spec {
        self.serial_bytes(&serial_bytes(n))
    }

    /// The serial number as the INTEGER's content bytes.
    pub fn serial_bytes(mut self, b: &[u8]) -> Spec {
        self.serial = Some(b.to_vec());
        self
    }

    /// Valid from `not_before` to `not_after`.
    pub fn valid(mut self, not_before: OffsetDateTime, not_after: OffsetDateTime) -> Spec {
        self.not_before = not_before;
        self.not_after = not_after;
        self
    }

    /// Valid from `from` days to `to` days from now (negative: in the past).
    pub fn days(self, from: i64, to: i64) -> Spec {
        let now = OffsetDateTime::now_utc();
        self.valid(now + Duration::days(from), now + Duration::days(to))
    }

    /// The OCSP responder URL (in the AIA extension).
    pub fn ocsp(mut self, url: impl Into<String>) -> Spec {
        self.ocsp_url = Some(url.into());
        self
    }

    /// The issuer certificate's URL (caIssuers, in the AIA extension).
    pub fn ca_issuers(mut self, url: impl Into<String>) -> Spec {
        self.ca_issuers_url = Some(url.into());
        self
    }

    /// The CRL distribution point.
    pub fn crl(mut self, url: impl Into<String>) -> Spec {
        self.crl_url = Some(url.into());
        self
    }

    /// Its notAfter.
    pub fn not_after(&self) -> OffsetDateTime {
        self.not_after
    }

    fn params(&self, issued: bool) -> Result<CertificateParams, String> {
        let mut p = CertificateParams::new(self.dns.clone()).map_err(|e| e.to_string())?;
        for (attr, value) in &self.subject.0 {
            let t = match attr {
                Attr::Country => DnType::CountryName,
                Attr::Organization => DnType::OrganizationName,
                Attr::Locality => DnType::LocalityName,
                Attr::CommonName => DnType::CommonName,
                Attr::Uid => DnType::CustomDnType(UID_OID.to_vec()),
            };
            p.distinguished_name.push(t, value.as_str());
        }
        match self.role {
            Role::Ca { path_len } => {
                p.is_ca = IsCa::Ca(match path_len {
                    Some(n) => BasicConstraints::Constrained(n),
                    None => BasicConstraints::Unconstrained,
                });
                p.key_usages = vec![
                    KeyUsagePurpose::KeyCertSign,
                    KeyUsagePurpose::CrlSign,
                    KeyUsagePurpose::DigitalSignature,
                ];
            }
            Role::Leaf => {
                p.key_usages = vec![
                    KeyUsagePurpose::DigitalSignature,
                    KeyUsagePurpose::ContentCommitment,
                ];
                p.extended_key_usages = vec![
                    ExtendedKeyUsagePurpose::ClientAuth,
                    ExtendedKeyUsagePurpose::EmailProtection,
                ];
            }
            Role::OcspResponder { eku } => {
                p.key_usages = vec![KeyUsagePurpose::DigitalSignature];
                if eku {
                    p.extended_key_usages = vec![ExtendedKeyUsagePurpose::OcspSigning];
                }
            }
            Role::TlsServer => {
                p.key_usages = vec![
                    KeyUsagePurpose::DigitalSignature,
                    KeyUsagePurpose::KeyEncipherment,
                ];
                p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
            }
        }
        p.not_before = self.not_before;
        p.not_after = self.not_after;
        if let Some(s) = &self.serial {
            p.serial_number = Some(SerialNumber::from_slice(s));
        }
        p.use_authority_key_identifier_extension = issued;
        if let Some(url) = &self.crl_url {
            p.crl_distribution_points = vec![CrlDistributionPoint {
                uris: vec![url.clone()],
            }];
        }
        if self.ocsp_url.is_some() || self.ca_issuers_url.is_some() {
            p.custom_extensions = vec![CustomExtension::from_oid_content(
                AIA_OID,
                aia(self.ocsp_url.as_deref(), self.ca_issuers_url.as_deref()),
            )];
        }
        Ok(p)
    }
}

/// A lone self-signed certificate (DER) for `spec`, signed by `key`.
pub fn self_signed(spec: &Spec, key: &Key) -> Result<Vec<u8>, String> {
    let kp = key.key_pair()?;
    spec.params(false)?
        .self_signed(&kp)
        .map(|c| c.der().to_vec())
        .map_err(|e| e.to_string())
}

/// A certificate authority: its certificate, its key, and what signs with it.
pub struct Ca {
    der: Vec<u8>,
    key: Key,
    issuer: Issuer<'static, KeyPair>,
}

impl std::fmt::Debug for Ca {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ca")
            .field("der_len", &self.der.len())
            .field("key", &self.key)
            .finish()
    }
}

impl Ca {
    /// A self-signed CA (a root) for `spec`.
    pub fn self_signed(spec: &Spec, key: Key) -> Result<Ca, String> {
        let der = self_signed(spec, &key)?;
        Ca::restore(spec, key, der)
    }

    /// A CA made before (its certificate and key kept somewhere): `spec`
    /// must name it as when it was made, since what it issues carries that
    /// name as their issuer.
    pub fn restore(spec: &Spec, key: Key, der: Vec<u8>) -> Result<Ca, String> {
        let issuer = Issuer::new(spec.params(false)?, key.key_pair()?);
        Ok(Ca { der, key, issuer })
    }

    /// Issues a certificate for `key` (DER).
    pub fn issue(&self, spec: &Spec, key: &Key) -> Result<Vec<u8>, String> {
        let kp = key.key_pair()?;
        spec.params(true)?
            .signed_by(&kp, &self.issuer)
            .map(|c| c.der().to_vec())
            .map_err(|e| e.to_string())
    }

    /// Issues a subordinate CA.
    pub fn issue_ca(&self, spec: &Spec, key: Key) -> Result<Ca, String> {
        let der = self.issue(spec, &key)?;
        Ca::restore(spec, key, der)
    }

    /// Signs a CRL (DER).
    pub fn crl(&self, crl: &Crl) -> Result<Vec<u8>, String> {
        CertificateRevocationListParams {
            this_update: crl.this_update,
            next_update: crl.next_update,
            crl_number: SerialNumber::from_slice(&serial_bytes(crl.number)),
            issuing_distribution_point: None,
            revoked_certs: crl
                .revoked
                .iter()
                .map(|r| RevokedCertParams {
                    serial_number: SerialNumber::from_slice(&r.serial),
                    revocation_time: r.at,
                    reason_code: r.reason.as_deref().map(reason),
                    invalidity_date: None,
                })
                .collect(),
            key_identifier_method: KeyIdMethod::Sha256,
        }
        .signed_by(&self.issuer)
        .map(|c| c.der().to_vec())
        .map_err(|e| e.to_string())
    }

    /// Its certificate (DER).
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// Its key.
    pub fn key(&self) -> &Key {
        &self.key
    }
}

/// A certificate revocation list to sign with [`Ca::crl`].
#[derive(Debug, Clone)]
pub struct Crl {
    /// thisUpdate.
    pub this_update: OffsetDateTime,
    /// nextUpdate.
    pub next_update: OffsetDateTime,
    /// The CRL number.
    pub number: u64,
    /// The revoked certificates.
    pub revoked: Vec<Revoked>,
}

impl Crl {
    /// An empty CRL, number 1.
    pub fn new(this_update: OffsetDateTime, next_update: OffsetDateTime) -> Crl {
        Crl {
            this_update,
            next_update,
            number: 1,
            revoked: Vec::new(),
        }
    }

    /// With another CRL number.
    pub fn number(mut self, n: u64) -> Crl {
        self.number = n;
        self
    }

    /// With one more revoked serial (the INTEGER's content bytes), when,
    /// and why (an RFC 5280 reason name such as `keyCompromise`).
    pub fn revoke(mut self, serial: &[u8], at: OffsetDateTime, reason: Option<&str>) -> Crl {
        self.revoked.push(Revoked {
            serial: serial.to_vec(),
            at,
            reason: reason.map(str::to_string),
        });
        self
    }
}

/// One entry of a CRL.
#[derive(Debug, Clone)]
pub struct Revoked {
    /// The serial (the INTEGER's content bytes).
    pub serial: Vec<u8>,
    /// When it was revoked.
    pub at: OffsetDateTime,
    /// Why (`keyCompromise`, `superseded`, `cessationOfOperation`,
    /// `affiliationChanged`; anything else is `unspecified`).
    pub reason: Option<String>,
}

fn reason(name: &str) -> RevocationReason {
    match name {
        "keyCompromise" => RevocationReason::KeyCompromise,
        "cACompromise" => RevocationReason::CaCompromise,
        "superseded" => RevocationReason::Superseded,
        "cessationOfOperation" => RevocationReason::CessationOfOperation,
        "affiliationChanged" => RevocationReason::AffiliationChanged,
        "certificateHold" => RevocationReason::CertificateHold,
        "privilegeWithdrawn" => RevocationReason::PrivilegeWithdrawn,
        _ => RevocationReason::Unspecified,
    }
}

/// The minimal big-endian bytes of `n` (one byte for zero).
pub fn serial_bytes(n: u64) -> Vec<u8> {
    let b = n.to_be_bytes();
    let first = b.iter().position(|x| *x != 0).unwrap_or(7);
    b[first..].to_vec()
}

/// PEM text of one DER object (`label` is `CERTIFICATE`, `X509 CRL`, …).
pub fn pem(label: &str, der: &[u8]) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut v = vec![tag];
    let n = content.len();
    if n < 0x80 {
        v.push(n as u8);
    } else if n < 0x100 {
        v.extend([0x81, n as u8]);
    } else {
        v.extend([0x82, (n >> 8) as u8, n as u8]);
    }
    v.extend_from_slice(content);
    v
}

/// The DER value of an AIA extension with an OCSP and / or a caIssuers URI.
fn aia(ocsp: Option<&str>, ca_issuers: Option<&str>) -> Vec<u8> {
    let access = |last: u8, uri: &str| {
        let mut c = tlv(0x06, &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, last]);
        c.extend(tlv(0x86, uri.as_bytes()));
        tlv(0x30, &c)
    };
    let mut seq = Vec::new();
    if let Some(o) = ocsp {
        seq.extend(access(1, o));
    }
    if let Some(c) = ca_issuers {
        seq.extend(access(2, c));
    }
    tlv(0x30, &seq)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_dvc_reads_back() {
        let now = OffsetDateTime::now_utc();
        let root = Ca::self_signed(
            &Spec::new(
                Role::Ca { path_len: None },
                Name::new().c("VN").o("Bộ Thử nghiệm").cn("Root Thử nghiệm"),
            ),
            Key::ec().unwrap(),
        )
        .unwrap();
        let int = root
            .issue_ca(
                &Spec::new(
                    Role::Ca { path_len: Some(0) },
                    Name::new().c("VN").cn("CA Thử nghiệm"),
                )
                .serial(0x1001)
                .crl("http://127.0.0.1:9/root.crl")
                .ca_issuers("http://127.0.0.1:9/root.cer"),
                Key::ec().unwrap(),
            )
            .unwrap();
        let key = Key::ec().unwrap();
        let leaf = int
            .issue(
                &Spec::new(
                    Role::Leaf,
                    Name::new()
                        .c("VN")
                        .l("Hà Nội")
                        .cn("Nguyễn Thị Hồng")
                        .uid("CCCD:001099012345"),
                )
                .serial(0x0A1B)
                .days(-1, 30)
                .ocsp("http://127.0.0.1:9/ocsp")
                .ca_issuers("http://127.0.0.1:9/int.cer")
                .crl("http://127.0.0.1:9/int.crl"),
                &key,
            )
            .unwrap();
        let info = dvc::cert::decode_der(&leaf).unwrap();
        assert_eq!(info.id_number.as_deref(), Some("001099012345"));
        assert_eq!(info.serial, "0A1B");
        assert_eq!(info.ocsp_urls, ["http://127.0.0.1:9/ocsp"]);
        assert_eq!(info.crl_urls, ["http://127.0.0.1:9/int.crl"]);
        assert_eq!(info.ca_issuers_urls, ["http://127.0.0.1:9/int.cer"]);
        let store = dvc::cert::chain::TrustStore::new(vec![root.der().to_vec()], vec![]);
        let outcome = dvc::cert::chain::build(
            &leaf,
            &[int.der().to_vec()],
            &store,
            now,
            &dvc::cert::chain::offline,
        );
        assert_eq!(
            outcome.status,
            dvc::cert::chain::ChainStatus::Valid,
            "{outcome:?}"
        );
        // A CA restored from its parts issues what chains to the same root.
        let again = Ca::restore(
            &Spec::new(
                Role::Ca { path_len: Some(0) },
                Name::new().c("VN").cn("CA Thử nghiệm"),
            ),
            int.key().clone(),
            int.der().to_vec(),
        )
        .unwrap();
        let leaf2 = again
            .issue(
                &Spec::new(Role::Leaf, Name::new().cn("Lê Thị Mai")),
                &Key::ec().unwrap(),
            )
            .unwrap();
        let outcome = dvc::cert::chain::build(
            &leaf2,
            &[int.der().to_vec()],
            &store,
            now,
            &dvc::cert::chain::offline,
        );
        assert_eq!(outcome.status, dvc::cert::chain::ChainStatus::Valid);
        // A CRL dvc parses and verifies.
        let crl = int
            .crl(
                &Crl::new(now - Duration::hours(1), now + Duration::days(1)).revoke(
                    &[0x0A, 0x1B],
                    now - Duration::days(1),
                    Some("keyCompromise"),
                ),
            )
            .unwrap();
        let crl = dvc::cert::crl::Crl::parse(crl).unwrap();
        crl.verify(int.der()).unwrap();
        assert!(crl.lookup(&[0x0A, 0x1B]).is_some());
    }

    #[test]
    fn keys_round_trip_through_pem() {
        let k = Key::ec().unwrap();
        let back = Key::from_pem(&k.pem()).unwrap();
        assert_eq!(back.pkcs8(), k.pkcs8());
        assert!(!back.is_rsa());
        assert!(Key::from_pkcs8(b"garbage").is_err());
        assert_eq!(serial_bytes(0), [0]);
        assert_eq!(serial_bytes(0x5A0001), [0x5A, 0x00, 0x01]);
    }
}
