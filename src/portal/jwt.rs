//! id_token validation: a JWS signed RS256 or ES256 with a key from the
//! portal's JWKS (chosen by `kid`), `iss`, `aud`, `exp` (60 s leeway) and
//! `nonce` checked.

use base64::Engine as _;
use serde_json::Value;

/// Why an id_token was refused.
pub type JwtError = String;

fn dec(s: &str) -> Result<Vec<u8>, JwtError> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s.trim_end_matches('='))
        .map_err(|_| "the id_token is not base64url".to_string())
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
        return Err("the id_token is not a JWS (three parts)".into());
    }
    let header: Value = serde_json::from_slice(&dec(parts[0])?)
        .map_err(|_| "the id_token header is not JSON".to_string())?;
    let alg = header["alg"].as_str().unwrap_or("");
    let kid = header["kid"].as_str();
    let keys = jwks["keys"].as_array().ok_or("the JWKS has no keys")?;
    let key = keys
        .iter()
        .find(|k| {
            kid.is_none_or(|id| k["kid"].as_str() == Some(id))
                && k["use"].as_str().is_none_or(|u| u == "sig")
        })
        .ok_or_else(|| format!("no key {:?} in the portal's JWKS", kid.unwrap_or("")))?;
    let signed = format!("{}.{}", parts[0], parts[1]);
    let sig = dec(parts[2])?;
    let ok = match (alg, key["kty"].as_str()) {
        ("RS256", Some("RSA")) => {
            let n = dec(key["n"].as_str().ok_or("JWK without n")?)?;
            let e = dec(key["e"].as_str().ok_or("JWK without e")?)?;
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
            point.extend(dec(key["x"].as_str().ok_or("JWK without x")?)?);
            point.extend(dec(key["y"].as_str().ok_or("JWK without y")?)?);
            ring::signature::UnparsedPublicKey::new(
                &ring::signature::ECDSA_P256_SHA256_FIXED,
                point,
            )
            .verify(signed.as_bytes(), &sig)
            .is_ok()
        }
        _ => {
            return Err(format!(
                "the id_token uses {alg:?}; only RS256 and ES256 are accepted"
            ))
        }
    };
    if !ok {
        return Err("the id_token's signature does not verify".into());
    }
    let claims: Value = serde_json::from_slice(&dec(parts[1])?)
        .map_err(|_| "the id_token claims are not JSON".to_string())?;
    if claims["iss"].as_str() != Some(issuer) {
        return Err(format!(
            "the id_token was issued by {:?}, not {issuer}",
            claims["iss"]
        ));
    }
    let aud_ok = match &claims["aud"] {
        Value::String(a) => a == client_id,
        Value::Array(list) => list.iter().any(|a| a.as_str() == Some(client_id)),
        _ => false,
    };
    if !aud_ok {
        return Err("the id_token is meant for another client (aud)".into());
    }
    let exp = claims["exp"].as_i64().ok_or("the id_token has no exp")?;
    if exp + 60 < now {
        return Err("the id_token has expired".into());
    }
    if let Some(n) = nonce {
        if claims["nonce"].as_str() != Some(n) {
            return Err(
                "the id_token's nonce is not the one sent (a replayed or foreign login)".into(),
            );
        }
    }
    Ok(claims)
}
