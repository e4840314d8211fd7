//! Certificates: decoding Vietnamese certificates (names in UTF8String or
//! BMPString, the tax code and ID number in the subject's UID attributes).

pub mod decode;

pub use decode::{decode_der, CertInfo};
