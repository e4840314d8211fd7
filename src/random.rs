//! Random values for protocol state (OAuth `state`, `nonce`, the PKCE
//! verifier) and for names. A failure of the operating system's random
//! source is an error, never a silent all-zero value.

use base64::Engine as _;

use crate::error::{Error, Result};

/// `n` random bytes from the operating system.
pub fn bytes(n: usize) -> Result<Vec<u8>> {
    let mut b = vec![0u8; n];
    getrandom::fill(&mut b).map_err(|_| Error::Random)?;
    Ok(b)
}

/// `n` random bytes as unpadded base64url.
pub fn b64url(n: usize) -> Result<String> {
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes(n)?))
}

/// `n` random bytes as lowercase hex.
pub fn hex(n: usize) -> Result<String> {
    Ok(bytes(n)?.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn values_differ_and_have_the_length_asked() {
        let a = super::b64url(24).unwrap();
        assert_eq!(a.len(), 32);
        assert_ne!(a, super::b64url(24).unwrap());
        assert_eq!(super::hex(8).unwrap().len(), 16);
    }
}
