//! Certificates: decoding Vietnamese certificates (names in UTF8String or
//! BMPString, the tax code and ID number in the subject's UID attributes).

pub mod asn1;
pub mod chain;
pub mod check;
pub mod crl;
pub mod decode;
pub mod fetch;
pub mod ocsp;
pub mod signature;
pub mod source;
pub mod trust;

pub use decode::{decode_der, CertInfo};
