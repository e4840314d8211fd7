//! Certificates: decoding Vietnamese certificates (names in UTF8String or
//! BMPString, the tax code and ID number in the subject's UID attributes),
//! their sources, chains, revocation and the checks built on them. Every
//! error of these modules is a typed value, put into words in one place
//! ([`error`]).

pub mod asn1;
pub mod chain;
pub mod check;
pub mod crl;
pub mod decode;
pub mod error;
pub mod fetch;
pub mod ocsp;
pub mod signature;
pub mod source;
pub mod trust;

pub use decode::{decode_der, CertInfo};
pub use error::CertError;
