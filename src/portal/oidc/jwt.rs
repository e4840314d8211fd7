//! id_token validation: a JWS signed RS256 or ES256 with a key from the
//! portal's JWKS (chosen by `kid`), `iss`, `aud`, `exp` (60 s leeway) and
//! `nonce` checked.

use base64::Engine as _;
use serde_json::Value;

/// Why an id_token was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwtError {
    /// Not three base64url parts with JSON header and claims.
    #[error("the id_token is not a well-formed JWS")]
    Malformed,
    /// The JWKS has no usable key.
    #[error("no key {kid:?} in the portal's JWKS")]
    NoKey {
        /// The `kid` asked for (empty when none).
        kid: String,
    },
    /// An algorithm other than RS256 / ES256.
    #[error("the id_token uses {alg:?}; only RS256 and ES256 are accepted")]
    Algorithm {
        /// The `alg`.
        alg: String,
    },
    /// The signature does not verify.
    #[error("the id_token's signature does not verify")]
    Signature,
    /// `iss` is not the issuer.
    #[error("the id_token was issued by {found:?}, not {expected}")]
    Issuer {
        /// What it says.
        found: String,
        /// The issuer.
        expected: String,
    },
    /// `aud` does not contain the client id.
    #[error("the id_token is meant for another client (aud)")]
    Audience,
    /// `exp` has passed (or is missing).
    #[error("the id_token has expired")]
    Expired,
    /// `nonce` is not the one sent.
    #[error("the id_token's nonce is not the one sent")]
    Nonce,
}

impl JwtError {
    /// A stable code (catalog key suffix).
    pub fn code(&self) -> &'static str {
        match self {
            JwtError::Malformed => "malformed",
            JwtError::NoKey { .. } => "no_key",
            JwtError::Algorithm { .. } => "algorithm",
            JwtError::Signature => "signature",
            JwtError::Issuer { .. } => "issuer",
            JwtError::Audience => "audience",
            JwtError::Expired => "expired",
            JwtError::Nonce => "nonce",
        }
    }
}

fn dec(s: &str) -> Result<Vec<u8>, JwtError> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s.trim_end_matches('='))
        .map_err(|_| JwtError::Malformed)
}

/// The header's `kid`, if any.
pub fn kid(jwt: &str) -> Option<String> {
    let header: Value = serde_json::from_slice(&dec(jwt.split('.').next()?).ok()?).ok()?;
    header["kid"].as_str().map(str::to_string)
}

/// Verifies `jwt` against `jwks` and the expected claims; returns the claims.
pub fn validate(
    jwt: &str,
    jwks: &Value,
    issuer: &str,
    client_id: &str,
    nonce: Option<&str>,
    now: i64,
) -> Result<Value, JwtError> {
    let parts: Vec<&str> = jwt.split('.').collect();
    if parts.len() != 3 {
        return Err(JwtError::Malformed);
    }
    let header: Value = serde_json::from_slice(&dec(parts[0])?).map_err(|_| JwtError::Malformed)?;
    let alg = header["alg"].as_str().unwrap_or("");
    let kid = header["kid"].as_str();
    let no_key = || JwtError::NoKey {
        kid: kid.unwrap_or("").to_string(),
    };
    let keys = jwks["keys"].as_array().ok_or_else(no_key)?;
    let key = keys
        .iter()
        .find(|k| {
            kid.is_none_or(|id| k["kid"].as_str() == Some(id))
                && k["use"].as_str().is_none_or(|u| u == "sig")
        })
        .ok_or_else(no_key)?;
    let signed = format!("{}.{}", parts[0], parts[1]);
    let sig = dec(parts[2])?;
    let ok = match (alg, key["kty"].as_str()) {
        ("RS256", Some("RSA")) => {
            let n = dec(key["n"].as_str().ok_or_else(no_key)?)?;
            let e = dec(key["e"].as_str().ok_or_else(no_key)?)?;
            ring::signature::RsaPublicKeyComponents { n, e }
                .verify(
                    &ring::signature::RSA_PKCS1_2048_8192_SHA256,
                    signed.as_bytes(),
                    &sig,
                )
                .is_ok()
        }
        ("ES256", Some("EC")) => {
            let mut point = vec![0x04];
            point.extend(dec(key["x"].as_str().ok_or_else(no_key)?)?);
            point.extend(dec(key["y"].as_str().ok_or_else(no_key)?)?);
            ring::signature::UnparsedPublicKey::new(
                &ring::signature::ECDSA_P256_SHA256_FIXED,
                point,
            )
            .verify(signed.as_bytes(), &sig)
            .is_ok()
        }
        _ => {
            return Err(JwtError::Algorithm {
                alg: alg.to_string(),
            })
        }
    };
    if !ok {
        return Err(JwtError::Signature);
    }
    let claims: Value = serde_json::from_slice(&dec(parts[1])?).map_err(|_| JwtError::Malformed)?;
    if claims["iss"].as_str() != Some(issuer) {
        return Err(JwtError::Issuer {
            found: claims["iss"].as_str().unwrap_or("").to_string(),
            expected: issuer.to_string(),
        });
    }
    let aud_ok = match &claims["aud"] {
        Value::String(a) => a == client_id,
        Value::Array(list) => list.iter().any(|a| a.as_str() == Some(client_id)),
        _ => false,
    };
    if !aud_ok {
        return Err(JwtError::Audience);
    }
    let exp = claims["exp"].as_i64().ok_or(JwtError::Expired)?;
    if exp + 60 < now {
        return Err(JwtError::Expired);
    }
    if let Some(n) = nonce {
        if claims["nonce"].as_str() != Some(n) {
            return Err(JwtError::Nonce);
        }
    }
    Ok(claims)
}
