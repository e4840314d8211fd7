//! `dvc-sandbox provision-token`: an account's key and certificate (and the
//! issuing CA) onto a PKCS#11 token (SoftHSM2 plays the USB token), for
//! `dvc login --usb`.

use std::path::PathBuf;

use cryptoki::object::{Attribute, CertificateType, KeyType, ObjectClass};
use cryptoki::session::UserType;
use cryptoki::slot::Slot;
use secrecy::SecretString;

use crate::state::State;

/// What to put where.
#[derive(Debug)]
pub struct Request {
    /// The account's id (see `dvc-sandbox accounts`).
    pub account: String,
    /// The PKCS#11 library (e.g. `/usr/lib/softhsm/libsofthsm2.so`).
    pub module: PathBuf,
    /// The new token's label.
    pub label: String,
    /// The user PIN to set.
    pub pin: SecretString,
    /// The SO PIN to set.
    pub so_pin: SecretString,
}

/// The outcome: the slot the new token is in.
#[derive(Debug)]
pub struct Provisioned {
    /// The slot id.
    pub slot: u64,
    /// The certificate's serial (hex).
    pub serial: String,
}

/// An RSA private key's parts, as PKCS#11 attributes want them.
struct RsaParts {
    n: Vec<u8>,
    e: Vec<u8>,
    d: Vec<u8>,
    p: Vec<u8>,
    q: Vec<u8>,
}

fn rsa_parts(pkcs8: &[u8]) -> Option<RsaParts> {
    use rsa::pkcs8::DecodePrivateKey as _;
    use rsa::traits::{PrivateKeyParts as _, PublicKeyParts as _};
    let key = rsa::PrivateKey::from_pkcs8_der(pkcs8).ok()?;
    let b = |x: &rsa::BoxedUint| x.to_be_bytes_trimmed_vartime().to_vec();
    let [p, q] = key.primes() else {
        return None;
    };
    Some(RsaParts {
        n: b(key.n()),
        e: b(key.e()),
        d: b(key.d()),
        p: b(p),
        q: b(q),
    })
}

/// Puts the account's key and certificate, and the issuing CA, on a new
/// token in the module's first free slot.
pub fn provision(state: &State, req: &Request) -> Result<Provisioned, String> {
    let account = state
        .accounts
        .accounts
        .iter()
        .find(|x| x.id == req.account)
        .ok_or_else(|| format!("no account {}", req.account))?;
    let module = dvc::pkcs11::Module::load(&req.module).map_err(|e| e.to_string())?;
    let ctx = module.ctx();
    let slot: Slot = ctx
        .get_all_slots()
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|s| {
            ctx.get_token_info(*s)
                .map(|i| !i.token_initialized())
                .unwrap_or(false)
        })
        .ok_or("no free slot with an uninitialised token (SoftHSM2 always has one)")?;
    ctx.init_token(slot, &req.so_pin, &req.label)
        .map_err(|e| format!("C_InitToken: {e}"))?;
    let slot = ctx
        .get_slots_with_token()
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|s| {
            ctx.get_token_info(*s)
                .map(|i| i.label().trim() == req.label)
                .unwrap_or(false)
        })
        .ok_or("the new token did not appear")?;
    let session = ctx.open_rw_session(slot).map_err(|e| e.to_string())?;
    session
        .login(UserType::So, Some(&req.so_pin))
        .map_err(|e| e.to_string())?;
    session.init_pin(&req.pin).map_err(|e| e.to_string())?;
    session.logout().ok();
    session
        .login(UserType::User, Some(&req.pin))
        .map_err(|e| e.to_string())?;
    let cert = account.cert();
    let (_, parsed) = x509_parser::parse_x509_certificate(&cert).map_err(|e| e.to_string())?;
    let subject = parsed.subject().as_raw().to_vec();
    let parts =
        rsa_parts(&account.key()).ok_or("only RSA accounts (USB ones) can be provisioned")?;
    let label = format!(
        "{} ({})",
        account
            .business_name
            .clone()
            .unwrap_or_else(|| account.person_name.clone()),
        account.cert_serial
    );
    let common = vec![
        Attribute::Token(true),
        Attribute::Id(vec![0x01]),
        Attribute::Label(label.as_bytes().to_vec()),
    ];
    let mut private = common.clone();
    private.extend([
        Attribute::Class(ObjectClass::PRIVATE_KEY),
        Attribute::KeyType(KeyType::RSA),
        Attribute::Private(true),
        Attribute::Sensitive(true),
        Attribute::Sign(true),
        Attribute::Subject(subject.clone()),
        Attribute::Modulus(parts.n.clone()),
        Attribute::PublicExponent(parts.e.clone()),
        Attribute::PrivateExponent(parts.d),
        Attribute::Prime1(parts.p),
        Attribute::Prime2(parts.q),
    ]);
    session
        .create_object(&private)
        .map_err(|e| format!("private key: {e}"))?;
    let mut public = common.clone();
    public.extend([
        Attribute::Class(ObjectClass::PUBLIC_KEY),
        Attribute::KeyType(KeyType::RSA),
        Attribute::Verify(true),
        Attribute::Modulus(parts.n),
        Attribute::PublicExponent(parts.e),
    ]);
    session
        .create_object(&public)
        .map_err(|e| format!("public key: {e}"))?;
    let mut certificate = common;
    certificate.extend([
        Attribute::Class(ObjectClass::CERTIFICATE),
        Attribute::CertificateType(CertificateType::X_509),
        Attribute::Subject(subject),
        Attribute::Value(cert),
    ]);
    session
        .create_object(&certificate)
        .map_err(|e| format!("certificate: {e}"))?;
    // The issuing CA, as a chain candidate.
    let ca = state.ca_der();
    if let Ok((_, c)) = x509_parser::parse_x509_certificate(&ca) {
        let t = vec![
            Attribute::Token(true),
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::CertificateType(CertificateType::X_509),
            Attribute::Subject(c.subject().as_raw().to_vec()),
            Attribute::Label(b"Sandbox CA".to_vec()),
            Attribute::Id(vec![0xCA]),
            Attribute::Value(ca.clone()),
        ];
        let _ = session.create_object(&t);
    }
    session.logout().ok();
    drop(session);
    Ok(Provisioned {
        slot: slot.id(),
        serial: account.cert_serial.clone(),
    })
}
