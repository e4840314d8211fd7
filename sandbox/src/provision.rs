//! `dvc-sandbox provision-token`: an account's key and certificate (and the
//! issuing CA) onto a PKCS#11 token (SoftHSM2 plays the USB token), for
//! `dvc login --usb`.
//!
//! Everything that can be checked is checked before the token is touched
//! (the account, its key, the module, a free slot, the label, the PIN
//! lengths), so a refusal never leaves an initialised, empty token behind.

use std::io::BufRead;
use std::path::PathBuf;

use cryptoki::object::{Attribute, CertificateType, KeyType, ObjectClass};
use cryptoki::session::UserType;
use cryptoki::slot::Slot;
use secrecy::{ExposeSecret as _, SecretString};

use crate::state::State;

/// What to put where.
#[derive(Debug)]
pub struct Request {
    /// The account's id (see `dvc-sandbox accounts`).
    pub account: String,
    /// The PKCS#11 library (e.g. `/usr/lib/softhsm/libsofthsm2.so`).
    pub module: PathBuf,
    /// The new token's label (at most 32 bytes).
    pub label: String,
    /// The user PIN to set.
    pub pin: SecretString,
    /// The SO PIN to set.
    pub so_pin: SecretString,
}

/// Where the PINs come from, in the order they are looked for.
pub const PIN_SOURCES: &str = "--pin-stdin (the PIN on the first line, the SO PIN on the second), --pin / --so-pin, or DVC_SANDBOX_PIN / DVC_SANDBOX_SO_PIN";

/// The user PIN and the SO PIN: both from `stdin` (first line, second line)
/// when `from_stdin`, else each from its flag or else its environment
/// variable (`env` looks one up). `Err` names what is missing.
pub fn pins(
    flag_pin: Option<String>,
    flag_so_pin: Option<String>,
    from_stdin: bool,
    env: impl Fn(&str) -> Option<String>,
    stdin: impl BufRead,
) -> Result<(SecretString, SecretString), String> {
    if from_stdin {
        let mut lines = stdin.lines();
        let mut next = |what: &str| -> Result<SecretString, String> {
            match lines.next() {
                Some(Ok(l)) if !l.trim_end_matches('\r').is_empty() => {
                    Ok(SecretString::from(l.trim_end_matches('\r').to_string()))
                }
                Some(Err(e)) => Err(format!("reading {what} from stdin: {e}")),
                _ => Err(format!(
                    "--pin-stdin: {what} missing (the PIN on the first line, the SO PIN on the second)"
                )),
            }
        };
        let pin = next("the PIN")?;
        let so_pin = next("the SO PIN")?;
        return Ok((pin, so_pin));
    }
    let pick = |flag: Option<String>, var: &str, what: &str| {
        flag.or_else(|| env(var).filter(|v| !v.is_empty()))
            .map(SecretString::from)
            .ok_or_else(|| format!("no {what}: give it with {PIN_SOURCES}"))
    };
    Ok((
        pick(flag_pin, "DVC_SANDBOX_PIN", "PIN")?,
        pick(flag_so_pin, "DVC_SANDBOX_SO_PIN", "SO PIN")?,
    ))
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
    // Everything that needs no token first.
    let account = state
        .accounts
        .accounts
        .iter()
        .find(|x| x.id == req.account)
        .ok_or_else(|| {
            format!(
                "no account {} (dvc-sandbox accounts lists them)",
                req.account
            )
        })?;
    let parts = rsa_parts(&account.key()).ok_or_else(|| {
        format!(
            "account {} has an EC key: only accounts with an RSA key (the USB and SmartCA ones) can be provisioned; nothing was written to a token",
            account.id
        )
    })?;
    let cert = account.cert();
    let (_, parsed) = x509_parser::parse_x509_certificate(&cert)
        .map_err(|e| format!("the certificate of {}: {e}", account.id))?;
    let subject = parsed.subject().as_raw().to_vec();
    if req.label.is_empty() || req.label.len() > 32 {
        return Err(format!(
            "the label {:?} must be 1 to 32 bytes long",
            req.label
        ));
    }
    let module = dvc::pkcs11::Module::load(&req.module).map_err(|e| e.to_string())?;
    let ctx = module.ctx();
    let slots = ctx.get_all_slots().map_err(|e| e.to_string())?;
    let mut free: Option<(Slot, cryptoki::slot::TokenInfo)> = None;
    for s in slots {
        let Ok(info) = ctx.get_token_info(s) else {
            continue;
        };
        if info.token_initialized() {
            if info.label().trim() == req.label {
                return Err(format!(
                    "a token labelled {:?} exists already: choose another --label",
                    req.label
                ));
            }
        } else if free.is_none() {
            free = Some((s, info));
        }
    }
    let (slot, info) =
        free.ok_or("no free slot with an uninitialised token (SoftHSM2 always has one)")?;
    let (min, max) = (info.min_pin_length(), info.max_pin_length());
    for (what, pin) in [("PIN", &req.pin), ("SO PIN", &req.so_pin)] {
        let n = pin.expose_secret().len();
        if n < min || (max > 0 && n > max) {
            return Err(format!(
                "the {what} must be {min} to {max} characters long for this token"
            ));
        }
    }

    // Now the token.
    ctx.init_token(slot, &req.so_pin, &req.label)
        .map_err(|e| format!("C_InitToken: {e}"))?;
    let slot = ctx
        .get_slots_with_token()
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|s| {
            ctx.get_token_info(*s)
                .map(|i| i.token_initialized() && i.label().trim() == req.label)
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

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn pins_from_stdin_flags_or_env() {
        let (p, s) = pins(None, None, true, no_env, &b"1234\n5678\n"[..]).unwrap();
        assert_eq!((p.expose_secret(), s.expose_secret()), ("1234", "5678"));
        let (p, s) = pins(None, None, true, no_env, &b"1234\r\n5678"[..]).unwrap();
        assert_eq!((p.expose_secret(), s.expose_secret()), ("1234", "5678"));
        let e = pins(None, None, true, no_env, &b"1234\n"[..]).unwrap_err();
        assert!(e.contains("SO PIN"), "{e}");
        let env = |k: &str| match k {
            "DVC_SANDBOX_PIN" => Some("1111".to_string()),
            "DVC_SANDBOX_SO_PIN" => Some("2222".to_string()),
            _ => None,
        };
        let (p, s) = pins(None, None, false, env, &b""[..]).unwrap();
        assert_eq!((p.expose_secret(), s.expose_secret()), ("1111", "2222"));
        // A flag wins over the environment.
        let (p, s) = pins(Some("9999".into()), None, false, env, &b""[..]).unwrap();
        assert_eq!((p.expose_secret(), s.expose_secret()), ("9999", "2222"));
        let e = pins(Some("1".into()), None, false, no_env, &b""[..]).unwrap_err();
        assert!(e.contains("SO PIN") && e.contains("--pin-stdin"), "{e}");
    }
}
