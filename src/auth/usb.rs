//! What a USB login sends besides the signature: the intermediates of the
//! certificate's chain, those stored on its token first, then the bundled
//! ones that issued it.

use crate::pkcs11::{TokenCert, TokenView};

/// The intermediate CA certificates (DER) to send with `cert`.
pub fn chain_for(tokens: &[TokenView], cert: &TokenCert) -> Vec<Vec<u8>> {
    tokens
        .iter()
        .filter(|t| t.slot == cert.slot)
        .flat_map(|t| t.certificates.iter())
        .filter(|c| c.info.is_ca && c.info.subject == cert.info.issuer)
        .map(|c| c.der.clone())
        .chain(
            crate::cert::trust::bundled_intermediates()
                .into_iter()
                .filter(|d| {
                    crate::cert::decode_der(d)
                        .map(|i| i.subject == cert.info.issuer)
                        .unwrap_or(false)
                }),
        )
        .collect()
}
