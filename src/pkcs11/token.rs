//! What `dvc` does with a token: list slots, tokens and certificates; pick
//! a certificate; decide whether a PIN may be tried; log in; sign.
//!
//! Sessions are opened for as short as possible; every error of a token
//! that was pulled out mid-operation becomes [`Error::TokenRemoved`].

use cryptoki::error::RvError;
use cryptoki::mechanism::rsa::{PkcsMgfType, PkcsPssParams};
use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::{Attribute, AttributeType, CertificateType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;
use secrecy::SecretString;
use serde::Serialize;
use time::OffsetDateTime;

use super::module::Module;
use super::uri::{cert_uri, Pkcs11Uri};
use crate::cert::CertInfo;
use crate::error::{Error, Result};

/// The PIN state a token reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PinFlags {
    /// A wrong PIN was entered since the last success.
    pub count_low: bool,
    /// One more wrong PIN locks the token.
    pub final_try: bool,
    /// The PIN is locked.
    pub locked: bool,
    /// The PIN must be changed.
    pub to_be_changed: bool,
}

/// One certificate on a token.
#[derive(Debug, Clone)]
pub struct TokenCert {
    /// The module the token was seen through.
    pub module: std::path::PathBuf,
    /// The slot.
    pub slot: u64,
    /// The token's label.
    pub token_label: String,
    /// RFC 7512 URI of the certificate object.
    pub uri: String,
    /// CKA_ID.
    pub id: Vec<u8>,
    /// CKA_LABEL.
    pub label: String,
    /// The DER.
    pub der: Vec<u8>,
    /// Decoded.
    pub info: CertInfo,
    /// Whether a key for it is on the token: `Some(true)` when a private or
    /// public key with the same CKA_ID is visible, `None` when it cannot be
    /// known before login (the token hides private objects until then),
    /// `Some(false)` when there is none.
    pub has_private_key: Option<bool>,
}

/// One token.
#[derive(Debug, Clone)]
pub struct TokenView {
    /// The module it was seen through.
    pub module: std::path::PathBuf,
    /// The slot id.
    pub slot: u64,
    /// Label.
    pub label: String,
    /// Manufacturer.
    pub manufacturer: String,
    /// Model.
    pub model: String,
    /// Serial.
    pub serial: String,
    /// PIN state.
    pub pin: PinFlags,
    /// The PIN is entered on the device (PIN pad).
    pub protected_auth_path: bool,
    /// The token needs a login for private operations.
    pub login_required: bool,
    /// Its certificates.
    pub certificates: Vec<TokenCert>,
}

impl TokenView {
    /// Whether the token may hide its objects until login (no certificate visible).
    pub fn hides_objects(&self) -> bool {
        self.login_required && self.certificates.is_empty()
    }
}

fn rv(e: &cryptoki::error::Error) -> Option<RvError> {
    match e {
        cryptoki::error::Error::Pkcs11(rv, _) => Some(*rv),
        _ => None,
    }
}

/// Maps a token error, recognising a removed token.
pub fn token_error(e: cryptoki::error::Error) -> Error {
    log::trace!("PKCS#11 error: {e}");
    match rv(&e) {
        Some(r) => rv_error(r),
        None => Error::Token { rv: e.to_string() },
    }
}

/// The error for a PKCS#11 return value: a pulled-out token is
/// [`Error::TokenRemoved`], anything else names the value.
pub fn rv_error(r: RvError) -> Error {
    match r {
        RvError::DeviceRemoved
        | RvError::TokenNotPresent
        | RvError::SessionHandleInvalid
        | RvError::SessionClosed
        | RvError::DeviceError => Error::TokenRemoved,
        other => Error::Token {
            rv: format!("{other:?}"),
        },
    }
}

fn flags_of(info: &cryptoki::slot::TokenInfo) -> PinFlags {
    PinFlags {
        count_low: info.user_pin_count_low(),
        final_try: info.user_pin_final_try(),
        locked: info.user_pin_locked(),
        to_be_changed: info.user_pin_to_be_changed(),
    }
}

/// Reads a token's PIN flags now.
pub fn pin_flags(module: &Module, slot: u64) -> Result<PinFlags> {
    let slot = find_slot(module, slot)?;
    Ok(flags_of(
        &module.ctx().get_token_info(slot).map_err(token_error)?,
    ))
}

/// A token's label, PIN flags and whether it has a PIN pad, read now (no object listing).
pub fn token_state(module: &Module, slot: u64) -> Result<(String, PinFlags, bool)> {
    let s = find_slot(module, slot)?;
    let info = module.ctx().get_token_info(s).map_err(token_error)?;
    Ok((
        info.label().trim().to_string(),
        flags_of(&info),
        info.protected_authentication_path(),
    ))
}

fn find_slot(module: &Module, id: u64) -> Result<Slot> {
    module
        .ctx()
        .get_slots_with_token()
        .map_err(token_error)?
        .into_iter()
        .find(|s| s.id() == id)
        .ok_or(Error::TokenRemoved)
}

/// Whether a certificate has a key: a visible private or public key with its
/// CKA_ID; unknown when the token hides private objects until login.
pub fn key_presence(id: &[u8], key_ids: &[Vec<u8>], hides_private: bool) -> Option<bool> {
    if !id.is_empty() && key_ids.iter().any(|k| k == id) {
        Some(true)
    } else if hides_private {
        None
    } else {
        Some(false)
    }
}

fn ids_of(session: &Session, class: ObjectClass) -> Vec<Vec<u8>> {
    let Ok(handles) = session.find_objects(&[Attribute::Class(class)]) else {
        return Vec::new();
    };
    handles
        .into_iter()
        .filter_map(|h| {
            match session
                .get_attributes(h, &[AttributeType::Id])
                .ok()?
                .into_iter()
                .next()?
            {
                Attribute::Id(id) => Some(id),
                _ => None,
            }
        })
        .collect()
}

/// Every token with its certificates (no PIN needed).
pub fn list(module: &Module) -> Result<Vec<TokenView>> {
    let ctx = module.ctx();
    let mut out = Vec::new();
    for slot in ctx.get_slots_with_token().map_err(token_error)? {
        let info = ctx.get_token_info(slot).map_err(token_error)?;
        if !info.token_initialized() {
            // An empty slot of a soft token, or a blank card: nothing to show.
            continue;
        }
        let (label, manufacturer, model, serial) = (
            info.label().trim().to_string(),
            info.manufacturer_id().trim().to_string(),
            info.model().trim().to_string(),
            info.serial_number().trim().to_string(),
        );
        let session = ctx.open_ro_session(slot).map_err(token_error)?;
        log::trace!("C_OpenSession slot {}: listing objects", slot.id());
        let mut keys = ids_of(&session, ObjectClass::PRIVATE_KEY);
        keys.extend(ids_of(&session, ObjectClass::PUBLIC_KEY));
        let handles = session
            .find_objects(&[
                Attribute::Class(ObjectClass::CERTIFICATE),
                Attribute::CertificateType(CertificateType::X_509),
            ])
            .map_err(token_error)?;
        let mut certificates = Vec::new();
        for h in handles {
            let attrs = session
                .get_attributes(
                    h,
                    &[
                        AttributeType::Value,
                        AttributeType::Id,
                        AttributeType::Label,
                    ],
                )
                .map_err(token_error)?;
            let (mut der, mut id, mut clabel) = (Vec::new(), Vec::new(), String::new());
            for a in attrs {
                match a {
                    Attribute::Value(v) => der = v,
                    Attribute::Id(v) => id = v,
                    Attribute::Label(v) => clabel = String::from_utf8_lossy(&v).into_owned(),
                    _ => {}
                }
            }
            let Ok(cinfo) = crate::cert::decode_der(&der) else {
                continue;
            };
            certificates.push(TokenCert {
                slot: slot.id(),
                module: module.path().to_path_buf(),
                token_label: label.clone(),
                uri: cert_uri(
                    &label,
                    &manufacturer,
                    &serial,
                    &model,
                    &id,
                    &clabel,
                    Some(module.path()),
                ),
                has_private_key: key_presence(&id, &keys, info.login_required()),
                id,
                label: clabel,
                der,
                info: cinfo,
            });
        }
        drop(session);
        out.push(TokenView {
            module: module.path().to_path_buf(),
            slot: slot.id(),
            pin: flags_of(&info),
            protected_auth_path: info.protected_authentication_path(),
            login_required: info.login_required(),
            label,
            manufacturer,
            model,
            serial,
            certificates,
        });
    }
    Ok(out)
}

/// Every token of every module, each once: a token seen through two
/// modules (its own and p11-kit-proxy, or one library under two paths) is
/// listed with the first module that showed it. A module whose listing
/// fails is skipped and reported.
pub fn list_all(modules: &[Module]) -> (Vec<TokenView>, Vec<super::module::ModuleWarning>) {
    let mut out: Vec<TokenView> = Vec::new();
    let mut warnings = Vec::new();
    for m in modules {
        match list(m) {
            Ok(tokens) => {
                for t in tokens {
                    let same = |o: &TokenView| {
                        o.serial == t.serial
                            && o.manufacturer == t.manufacturer
                            && o.model == t.model
                            && o.label == t.label
                    };
                    if !out.iter().any(same) {
                        out.push(t);
                    }
                }
            }
            Err(error) => warnings.push(super::module::ModuleWarning {
                path: m.path().to_path_buf(),
                error,
            }),
        }
    }
    (out, warnings)
}

/// Whether `cert` matches a selector: a PKCS#11 URI (every attribute given
/// must match), a serial number (hex, any case, leading zeros optional), or a
/// tax code / ID number (with or without `MST:` / `CCCD:` …).
pub fn matches(selector: &str, token: &TokenView, cert: &TokenCert) -> bool {
    let sel = selector.trim();
    if crate::pkcs11::uri::is_pkcs11_uri(sel) {
        let Ok(uri) = Pkcs11Uri::parse(sel) else {
            return false;
        };
        let text = |k: &str, v: &str| uri.get(k).is_none_or(|x| x == v);
        let same_module = uri.module_path().is_none_or(|p| {
            let canon = |x: &std::path::Path| std::fs::canonicalize(x).unwrap_or(x.to_path_buf());
            canon(&p) == canon(&token.module)
        });
        return same_module
            && text("token", &token.label)
            && text("manufacturer", &token.manufacturer)
            && text("serial", &token.serial)
            && text("model", &token.model)
            && text("object", &cert.label)
            && uri.get("type").is_none_or(|t| t == "cert")
            && uri.path.get("id").is_none_or(|id| *id == cert.id);
    }
    let norm_hex = |s: &str| {
        s.trim_start_matches('0')
            .to_ascii_uppercase()
            .replace(':', "")
    };
    if !sel.is_empty()
        && sel.chars().all(|c| c.is_ascii_hexdigit() || c == ':')
        && norm_hex(sel) == norm_hex(&cert.info.serial)
    {
        return true;
    }
    let value = sel.split_once(':').map(|(_, v)| v).unwrap_or(sel).trim();
    cert.info.tax_code.as_deref() == Some(value)
        || cert.info.id_number.as_deref() == Some(value)
        || cert.info.uids.iter().any(|u| u.eq_ignore_ascii_case(sel))
}

/// What the PIN flags allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinWarning {
    /// A wrong PIN was entered before: be careful.
    CountLow,
    /// The final try, allowed by `--force`.
    FinalTry,
}

/// Decides, before any login, whether a PIN may be tried.
pub fn pin_policy(flags: PinFlags, force: bool, token: &str) -> Result<Option<PinWarning>> {
    if flags.locked {
        return Err(Error::PinLocked {
            token: token.into(),
        });
    }
    if flags.final_try {
        if !force {
            return Err(Error::PinFinalTry {
                token: token.into(),
            });
        }
        return Ok(Some(PinWarning::FinalTry));
    }
    Ok(flags.count_low.then_some(PinWarning::CountLow))
}

/// Why a certificate cannot log in now (checked before any PIN is asked:
/// a wrong moment would waste a PIN try).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    /// It has expired.
    Expired,
    /// It is not valid yet.
    NotYetValid,
    /// There is no key for it on the token.
    NoKey,
}

/// Whether `cert` can log in at `now`.
pub fn usability(cert: &TokenCert, now: OffsetDateTime) -> Option<Unusable> {
    let i = &cert.info;
    if now > i.not_after {
        Some(Unusable::Expired)
    } else if now < i.not_before {
        Some(Unusable::NotYetValid)
    } else if cert.has_private_key == Some(false) {
        Some(Unusable::NoKey)
    } else {
        None
    }
}

/// A certificate must be valid now before its PIN is asked.
pub fn check_validity(cert: &TokenCert, now: OffsetDateTime) -> Result<()> {
    let i = &cert.info;
    match usability(cert, now) {
        Some(u @ (Unusable::Expired | Unusable::NotYetValid)) => Err(Error::CertNotValid {
            subject: i.common_name.clone().unwrap_or_else(|| i.subject.clone()),
            not_before: crate::clock::rfc3339(i.not_before),
            not_after: crate::clock::rfc3339(i.not_after),
            expired: u == Unusable::Expired,
        }),
        Some(Unusable::NoKey) => Err(Error::NoPrivateKey {
            certificate: cert.uri.clone(),
        }),
        None => Ok(()),
    }
}

/// The signature algorithms of portal-login.md §3.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32.
    RsaPssSha256,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RsaPkcs1Sha256,
    /// ECDSA with SHA-256, DER `ECDSA-Sig-Value`.
    EcdsaSha256,
}

impl Algorithm {
    /// The name the protocol sends.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::RsaPssSha256 => "RSASSA-PSS-SHA256",
            Algorithm::RsaPkcs1Sha256 => "RSASSA-PKCS1-v1_5-SHA256",
            Algorithm::EcdsaSha256 => "ECDSA-SHA256",
        }
    }
}

/// How mechanisms are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MechanismChoice {
    /// The best the token offers: hashing on the token when it can.
    #[default]
    Auto,
    /// Hash in software, sign with the raw mechanism (CKM_RSA_PKCS with a
    /// DigestInfo, CKM_RSA_PKCS_PSS, CKM_ECDSA): for tokens whose hashing
    /// mechanisms misbehave.
    Raw,
}

/// The algorithms a token can do for a key type, best first.
pub fn algorithms(is_rsa: bool, mechs: &[MechanismType]) -> Vec<Algorithm> {
    let has = |m: MechanismType| mechs.contains(&m);
    let mut out = Vec::new();
    if is_rsa {
        if has(MechanismType::SHA256_RSA_PKCS_PSS) || has(MechanismType::RSA_PKCS_PSS) {
            out.push(Algorithm::RsaPssSha256);
        }
        if has(MechanismType::SHA256_RSA_PKCS) || has(MechanismType::RSA_PKCS) {
            out.push(Algorithm::RsaPkcs1Sha256);
        }
    } else if has(MechanismType::ECDSA) || has(MechanismType::ECDSA_SHA256) {
        out.push(Algorithm::EcdsaSha256);
    }
    out
}

fn sha256(data: &[u8]) -> Vec<u8> {
    ring::digest::digest(&ring::digest::SHA256, data)
        .as_ref()
        .to_vec()
}

/// The DER DigestInfo of a SHA-256 hash (for raw CKM_RSA_PKCS).
pub fn digest_info_sha256(hash: &[u8]) -> Vec<u8> {
    let mut v = vec![
        0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        0x05, 0x00, 0x04, 0x20,
    ];
    v.extend_from_slice(hash);
    v
}

/// Converts a raw ECDSA signature (r‖s) to DER `ECDSA-Sig-Value`.
pub fn ecdsa_raw_to_der(raw: &[u8]) -> Result<Vec<u8>> {
    if raw.is_empty() || !raw.len().is_multiple_of(2) {
        return Err(Error::TokenBadSignature);
    }
    let int = |x: &[u8]| {
        let mut x = x;
        while x.len() > 1 && x[0] == 0 {
            x = &x[1..];
        }
        let mut v = Vec::new();
        if x[0] & 0x80 != 0 {
            v.push(0);
        }
        v.extend_from_slice(x);
        let mut out = vec![0x02, v.len() as u8];
        out.extend(v);
        out
    };
    let (r, s) = raw.split_at(raw.len() / 2);
    let mut body = int(r);
    body.extend(int(s));
    let mut out = vec![0x30];
    if body.len() >= 0x80 {
        out.push(0x81);
    }
    out.push(body.len() as u8);
    out.extend(body);
    Ok(out)
}

/// Verifies a signature made by the token with the certificate's public key.
pub fn verify(cert_der: &[u8], alg: Algorithm, data: &[u8], sig: &[u8]) -> Result<()> {
    use x509_parser::prelude::{FromDer, X509Certificate};
    let bad = || Error::SignatureCheck {
        algorithm: alg.name().into(),
    };
    let (_, cert) = X509Certificate::from_der(cert_der).map_err(|_| bad())?;
    let key = cert.public_key().subject_public_key.data.as_ref();
    let algorithm: &dyn ring::signature::VerificationAlgorithm = match alg {
        Algorithm::RsaPssSha256 => &ring::signature::RSA_PSS_2048_8192_SHA256,
        Algorithm::RsaPkcs1Sha256 => &ring::signature::RSA_PKCS1_2048_8192_SHA256,
        Algorithm::EcdsaSha256 => &ring::signature::ECDSA_P256_SHA256_ASN1,
    };
    ring::signature::UnparsedPublicKey::new(algorithm, key)
        .verify(data, sig)
        .map_err(|_| bad())
}

/// A login that is undone when dropped.
struct LoggedIn<'a>(&'a Session);

impl Drop for LoggedIn<'_> {
    fn drop(&mut self) {
        let _ = self.0.logout();
    }
}

/// The error of a failed `C_Login`: a wrong PIN re-reads the flags (and is
/// never retried), a locked or expired PIN says so.
pub fn login_error(r: RvError, token: &str, flags_after: impl FnOnce() -> PinFlags) -> Error {
    match r {
        RvError::PinIncorrect => Error::PinIncorrect {
            token: token.into(),
            flags: flags_after(),
        },
        RvError::PinLocked => Error::PinLocked {
            token: token.into(),
        },
        RvError::PinExpired => Error::PinExpired {
            token: token.into(),
        },
        other => rv_error(other),
    }
}

fn login(
    session: &Session,
    user: UserType,
    pin: Option<&SecretString>,
    module: &Module,
    cert: &TokenCert,
) -> Result<()> {
    let r = session.login(user, pin);
    log::trace!(
        "C_Login({user:?}, {}) on slot {}: {}",
        if pin.is_some() { "PIN ***" } else { "PIN pad" },
        cert.slot,
        ckr(&r)
    );
    match r {
        Ok(()) => Ok(()),
        Err(e) if rv(&e) == Some(RvError::UserAlreadyLoggedIn) => Ok(()),
        Err(e) => Err(match rv(&e) {
            Some(r) => login_error(r, &cert.token_label, || {
                pin_flags(module, cert.slot).unwrap_or_default()
            }),
            None => token_error(e),
        }),
    }
}

fn attr_bytes(session: &Session, h: ObjectHandle, t: AttributeType) -> Option<Vec<u8>> {
    match session.get_attributes(h, &[t]).ok()?.into_iter().next()? {
        Attribute::Id(v)
        | Attribute::Modulus(v)
        | Attribute::EcPoint(v)
        | Attribute::EcParams(v) => Some(v),
        _ => None,
    }
}

/// A PKCS#11 return value as the specification names it (`CKR_OK`,
/// `CKR_PIN_INCORRECT`, …), for the `-vvv` trace.
pub fn ckr<T>(r: &cryptoki::error::Result<T>) -> String {
    match r {
        Ok(_) => "CKR_OK".into(),
        Err(e) => match rv(e) {
            Some(r) => {
                let mut out = String::from("CKR");
                for c in format!("{r:?}").chars() {
                    if c.is_ascii_uppercase() {
                        out.push('_');
                    }
                    out.push(c.to_ascii_uppercase());
                }
                out
            }
            None => e.to_string(),
        },
    }
}

/// The public key of a certificate, as a token stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum CertKey {
    /// RSA: the modulus (CKA_MODULUS).
    Rsa(Vec<u8>),
    /// EC: the point, uncompressed (`04‖X‖Y`, the content of CKA_EC_POINT)
    /// and the curve's OID, DER content (the tail of CKA_EC_PARAMS).
    Ec { point: Vec<u8>, curve: Vec<u8> },
}

/// The public key of a certificate.
fn cert_key(der: &[u8]) -> Option<CertKey> {
    use x509_parser::prelude::{FromDer, X509Certificate};
    use x509_parser::public_key::PublicKey;
    let (_, cert) = X509Certificate::from_der(der).ok()?;
    let spki = cert.public_key();
    match spki.parsed().ok()? {
        PublicKey::RSA(k) => Some(CertKey::Rsa(k.modulus.to_vec())),
        PublicKey::EC(p) => Some(CertKey::Ec {
            point: p.data().to_vec(),
            curve: spki
                .algorithm
                .parameters
                .as_ref()
                .map(|a| a.data.to_vec())
                .unwrap_or_default(),
        }),
        _ => None,
    }
}

/// Whether a token's CKA_EC_POINT is `point`: a DER OCTET STRING around it
/// (the specification) or the bare point (some tokens).
fn same_point(attr: &[u8], point: &[u8]) -> bool {
    if attr == point {
        return true;
    }
    let body = match attr {
        [0x04, n, rest @ ..] if (*n as usize) < 0x80 => rest,
        [0x04, 0x81, _, rest @ ..] => rest,
        [0x04, 0x82, _, _, rest @ ..] => rest,
        _ => return false,
    };
    body == point
}

/// Whether a token's CKA_EC_PARAMS names the curve whose OID content is
/// `curve` (a named curve: `06 len OID`).
fn same_curve(attr: &[u8], curve: &[u8]) -> bool {
    matches!(attr, [0x06, n, rest @ ..] if *n as usize == rest.len() && rest == curve)
}

/// Whether the public key on the token at `h` is the certificate's.
fn key_matches(session: &Session, h: ObjectHandle, key: &CertKey) -> bool {
    match key {
        CertKey::Rsa(modulus) => attr_bytes(session, h, AttributeType::Modulus)
            .is_some_and(|m| strip_zeros(&m) == strip_zeros(modulus)),
        CertKey::Ec { point, .. } => {
            attr_bytes(session, h, AttributeType::EcPoint).is_some_and(|p| same_point(&p, point))
        }
    }
}

/// Finds the private key of `cert` after login. The IDs differ on some
/// tokens (keys imported from a PKCS#12 by some tools), so, in order:
///
/// 1. the private key with the certificate's CKA_ID;
/// 2. a private key carrying the certificate's public key itself (RSA keys
///    carry CKA_MODULUS; an EC private key may carry CKA_EC_POINT);
/// 3. a public-key object with the certificate's key (modulus or point),
///    and the private key with that object's CKA_ID;
/// 4. EC on P-256 only, when neither carries the point (EC private keys
///    usually hold only CKA_EC_PARAMS and the secret): each private key on
///    that curve that can sign without a per-use login signs a fixed challenge,
///    and the one whose signature verifies with the certificate's key is
///    it. The curve alone is not proof (every key of a company's tokens may
///    be P-256); a verified signature is.
fn find_key(session: &Session, cert: &TokenCert) -> Result<ObjectHandle> {
    let no_key = || Error::NoPrivateKey {
        certificate: cert.uri.clone(),
    };
    let private_with = |extra: Option<Attribute>| -> Result<Vec<ObjectHandle>> {
        let mut t = vec![Attribute::Class(ObjectClass::PRIVATE_KEY)];
        t.extend(extra);
        let r = session.find_objects(&t);
        log::trace!(
            "C_FindObjects(CKO_PRIVATE_KEY{}): {}{}",
            if t.len() > 1 { ", CKA_ID" } else { "" },
            ckr(&r),
            r.as_ref()
                .map(|h| format!(", {} object(s)", h.len()))
                .unwrap_or_default()
        );
        r.map_err(token_error)
    };
    if !cert.id.is_empty() {
        if let Some(h) = private_with(Some(Attribute::Id(cert.id.clone())))?
            .into_iter()
            .next()
        {
            log::trace!("private key found by CKA_ID");
            return Ok(h);
        }
    }
    let Some(key) = cert_key(&cert.der) else {
        return Err(no_key());
    };
    let all = private_with(None)?;
    if let Some(h) = all.iter().find(|h| key_matches(session, **h, &key)) {
        log::trace!("private key found by its public key (CKA_ID differs)");
        return Ok(*h);
    }
    let publics = session
        .find_objects(&[Attribute::Class(ObjectClass::PUBLIC_KEY)])
        .unwrap_or_default();
    for p in publics {
        if !key_matches(session, p, &key) {
            continue;
        }
        let Some(id) = attr_bytes(session, p, AttributeType::Id).filter(|i| !i.is_empty()) else {
            continue;
        };
        if let Some(h) = private_with(Some(Attribute::Id(id)))?.into_iter().next() {
            log::trace!("private key found by the CKA_ID of its public-key object");
            return Ok(h);
        }
    }
    // The OID of P-256 (prime256v1), the curve of Vietnam's EC certificates
    // and the only one `verify` checks here.
    const P256: &[u8] = &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];
    if let CertKey::Ec { curve, .. } = &key {
        if curve.as_slice() != P256 {
            return Err(no_key());
        }
        // CKM_ECDSA signs the hash it is given; `verify` hashes the message.
        let message = b"dvc: which private key is this certificate's?";
        let challenge = sha256(message);
        for h in all {
            let on_curve = attr_bytes(session, h, AttributeType::EcParams)
                .is_some_and(|p| same_curve(&p, curve));
            if !on_curve || always_authenticate(session, h) {
                continue;
            }
            let r = session.sign(&Mechanism::Ecdsa, h, &challenge);
            log::trace!(
                "C_SignInit + C_Sign CKM_ECDSA (finding the key): {}",
                ckr(&r)
            );
            let Ok(raw) = r else { continue };
            let good = ecdsa_raw_to_der(&raw)
                .is_ok_and(|sig| verify(&cert.der, Algorithm::EcdsaSha256, message, &sig).is_ok());
            if good {
                log::trace!("private key found by a signature its certificate verifies");
                return Ok(h);
            }
        }
    }
    Err(no_key())
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|x| **x == 0).count();
    &b[n..]
}

/// Whether a key needs a context-specific login before each signature.
fn always_authenticate(session: &Session, key: ObjectHandle) -> bool {
    matches!(
        session
            .get_attributes(key, &[AttributeType::AlwaysAuthenticate])
            .ok()
            .and_then(|v| v.into_iter().next()),
        Some(Attribute::AlwaysAuthenticate(true))
    )
}

/// What to hand to the token for `alg`: the mechanism and the bytes it signs.
fn mechanism_for(
    alg: Algorithm,
    mechs: &[MechanismType],
    choice: MechanismChoice,
    data: &[u8],
) -> (Mechanism<'static>, Vec<u8>) {
    let has = |m: MechanismType| mechs.contains(&m) && choice == MechanismChoice::Auto;
    let pss = PkcsPssParams {
        hash_alg: MechanismType::SHA256,
        mgf: PkcsMgfType::MGF1_SHA256,
        s_len: 32.into(),
    };
    match alg {
        Algorithm::RsaPssSha256 if has(MechanismType::SHA256_RSA_PKCS_PSS) => {
            (Mechanism::Sha256RsaPkcsPss(pss), data.to_vec())
        }
        Algorithm::RsaPssSha256 => (Mechanism::RsaPkcsPss(pss), sha256(data)),
        Algorithm::RsaPkcs1Sha256 if has(MechanismType::SHA256_RSA_PKCS) => {
            (Mechanism::Sha256RsaPkcs, data.to_vec())
        }
        Algorithm::RsaPkcs1Sha256 => (Mechanism::RsaPkcs, digest_info_sha256(&sha256(data))),
        Algorithm::EcdsaSha256 if has(MechanismType::ECDSA_SHA256) => {
            (Mechanism::EcdsaSha256, data.to_vec())
        }
        Algorithm::EcdsaSha256 => (Mechanism::Ecdsa, sha256(data)),
    }
}

/// The algorithm [`sign`] uses for `cert` when none is asked for: the
/// best the token offers for its key (RSA-PSS first).
pub fn best_algorithm(module: &Module, cert: &TokenCert) -> Result<Algorithm> {
    let slot = find_slot(module, cert.slot)?;
    let mechs = module.ctx().get_mechanism_list(slot).map_err(token_error)?;
    algorithms(cert.info.key_type == "RSA", &mechs)
        .first()
        .copied()
        .ok_or(Error::TokenNoMechanism)
}

/// Logs in with `pin` (`None` on a PIN pad), signs `data` with the key of
/// `cert`, verifies the signature in software, and returns it with the
/// algorithm used. A wrong PIN re-reads the flags and is never retried; a
/// key marked CKA_ALWAYS_AUTHENTICATE gets its context-specific login.
pub fn sign(
    module: &Module,
    cert: &TokenCert,
    pin: Option<&SecretString>,
    wanted: Option<Algorithm>,
    choice: MechanismChoice,
    data: &[u8],
) -> Result<(Algorithm, Vec<u8>)> {
    let slot = find_slot(module, cert.slot)?;
    let ctx = module.ctx();
    let mechs = ctx.get_mechanism_list(slot).map_err(token_error)?;
    log::trace!(
        "C_GetMechanismList slot {}: {} mechanisms",
        cert.slot,
        mechs.len()
    );
    let is_rsa = cert.info.key_type == "RSA";
    let offered = algorithms(is_rsa, &mechs);
    let alg = match wanted {
        Some(a) if offered.contains(&a) => a,
        Some(a) => {
            return Err(Error::TokenAlgorithm {
                algorithm: a.name().into(),
            })
        }
        None => *offered.first().ok_or(Error::TokenNoMechanism)?,
    };
    let session = ctx.open_ro_session(slot);
    log::trace!("C_OpenSession slot {}: {}", cert.slot, ckr(&session));
    let session = session.map_err(token_error)?;
    login(&session, UserType::User, pin, module, cert)?;
    let _guard = LoggedIn(&session);
    let key = find_key(&session, cert)?;
    let (mechanism, input) = mechanism_for(alg, &mechs, choice, data);
    let mech = mechanism.mechanism_type();
    let sig = if always_authenticate(&session, key) {
        // CKA_ALWAYS_AUTHENTICATE: C_SignInit, then the context-specific
        // login, then the signature (multi-part: cryptoki has no bare C_Sign).
        log::trace!("the key needs a context-specific login (CKA_ALWAYS_AUTHENTICATE)");
        let r = session.sign_init(&mechanism, key);
        log::trace!("C_SignInit {mech} ({}): {}", alg.name(), ckr(&r));
        r.map_err(token_error)?;
        login(&session, UserType::ContextSpecific, pin, module, cert)?;
        let r = session
            .sign_update(&input)
            .and_then(|_| session.sign_final());
        log::trace!("C_SignUpdate + C_SignFinal: {}", ckr(&r));
        r.map_err(token_error)?
    } else {
        // cryptoki's sign() is C_SignInit then C_Sign.
        let r = session.sign(&mechanism, key, &input);
        log::trace!("C_SignInit {mech} ({}) + C_Sign: {}", alg.name(), ckr(&r));
        r.map_err(token_error)?
    };
    log::trace!("signature: {} bytes", sig.len());
    drop(_guard);
    drop(session);
    let sig = if alg == Algorithm::EcdsaSha256 {
        ecdsa_raw_to_der(&sig)?
    } else {
        sig
    };
    verify(&cert.der, alg, data, &sig)?;
    Ok((alg, sig))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_values_become_clear_errors() {
        assert!(matches!(
            rv_error(RvError::DeviceRemoved),
            Error::TokenRemoved
        ));
        assert!(matches!(
            rv_error(RvError::TokenNotPresent),
            Error::TokenRemoved
        ));
        assert!(matches!(
            rv_error(RvError::SessionHandleInvalid),
            Error::TokenRemoved
        ));
        assert_eq!(rv_error(RvError::DeviceRemoved).exit_code(), 1);
        let wrong = login_error(RvError::PinIncorrect, "T", || PinFlags {
            final_try: true,
            ..Default::default()
        });
        assert!(matches!(
            wrong,
            Error::PinIncorrect {
                flags: PinFlags {
                    final_try: true,
                    ..
                },
                ..
            }
        ));
        assert_eq!(wrong.exit_code(), 5);
        assert!(matches!(
            login_error(RvError::PinLocked, "T", PinFlags::default),
            Error::PinLocked { .. }
        ));
        let expired = login_error(RvError::PinExpired, "T", PinFlags::default);
        assert!(matches!(expired, Error::PinExpired { .. }));
        assert_eq!(expired.exit_code(), 5);
        assert!(matches!(
            login_error(RvError::TokenNotPresent, "T", PinFlags::default),
            Error::TokenRemoved
        ));
        assert!(matches!(
            rv_error(RvError::FunctionFailed),
            Error::Token { .. }
        ));
    }

    #[test]
    fn key_presence_is_unknown_while_private_objects_are_hidden() {
        let ids = vec![vec![1u8]];
        assert_eq!(key_presence(&[1], &ids, true), Some(true));
        assert_eq!(key_presence(&[2], &ids, true), None);
        assert_eq!(key_presence(&[2], &ids, false), Some(false));
        assert_eq!(key_presence(&[], &ids, false), Some(false));
    }

    #[test]
    fn pin_policy_decisions() {
        let f = |count_low, final_try, locked| PinFlags {
            count_low,
            final_try,
            locked,
            to_be_changed: false,
        };
        assert_eq!(
            pin_policy(f(false, false, false), false, "t").unwrap(),
            None
        );
        assert_eq!(
            pin_policy(f(true, false, false), false, "t").unwrap(),
            Some(PinWarning::CountLow)
        );
        assert!(matches!(
            pin_policy(f(true, true, false), false, "t"),
            Err(Error::PinFinalTry { .. })
        ));
        assert_eq!(
            pin_policy(f(true, true, false), true, "t").unwrap(),
            Some(PinWarning::FinalTry)
        );
        assert!(matches!(
            pin_policy(f(false, false, true), true, "t"),
            Err(Error::PinLocked { .. })
        ));
        assert_eq!(Error::PinFinalTry { token: "t".into() }.exit_code(), 5);
    }

    #[test]
    fn ec_points_and_curves_as_tokens_store_them() {
        let point = [&[0x04u8][..], &[7u8; 64][..]].concat();
        let wrapped = [&[0x04u8, 65][..], &point[..]].concat();
        assert!(same_point(&wrapped, &point), "DER OCTET STRING");
        assert!(same_point(&point, &point), "bare");
        assert!(!same_point(&[0x04, 65, 1, 2], &point));
        let p256 = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
        let params = [&[0x06u8, 8][..], &p256[..]].concat();
        assert!(same_curve(&params, &p256));
        assert!(!same_curve(&params, &p256[..7]));
        assert_eq!(ckr(&Ok::<(), cryptoki::error::Error>(())), "CKR_OK");
        let wrong: cryptoki::error::Result<()> = Err(cryptoki::error::Error::Pkcs11(
            RvError::PinIncorrect,
            cryptoki::context::Function::Login,
        ));
        assert_eq!(ckr(&wrong), "CKR_PIN_INCORRECT");
    }

    #[test]
    fn ecdsa_der_conversion() {
        let mut raw = vec![0u8; 64];
        raw[0] = 0x80;
        raw[32] = 0x01;
        let der = ecdsa_raw_to_der(&raw).unwrap();
        assert_eq!(der[0], 0x30);
        assert_eq!(&der[2..5], &[0x02, 0x21, 0x00]);
        assert!(ecdsa_raw_to_der(&[1, 2, 3]).is_err());
    }

    #[test]
    fn algorithm_choice() {
        let all = [MechanismType::SHA256_RSA_PKCS_PSS, MechanismType::RSA_PKCS];
        assert_eq!(
            algorithms(true, &all),
            vec![Algorithm::RsaPssSha256, Algorithm::RsaPkcs1Sha256]
        );
        assert_eq!(
            algorithms(true, &[MechanismType::RSA_PKCS]),
            vec![Algorithm::RsaPkcs1Sha256]
        );
        assert_eq!(
            algorithms(false, &[MechanismType::ECDSA]),
            vec![Algorithm::EcdsaSha256]
        );
        assert!(algorithms(false, &[MechanismType::RSA_PKCS]).is_empty());
    }
}
