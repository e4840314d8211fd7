//! USB tokens (USB ký số) over PKCS#11: finding the vendor's module,
//! listing tokens and certificates with their RFC 7512 URIs, choosing a
//! certificate ([`select`]), where the PIN comes from and whether it may be
//! tried ([`pin`]: read the flags first, never retry a wrong PIN), and
//! signing with the algorithms of portal-login.md §3.1, each signature
//! verified in software before it is used.

pub mod module;
pub mod pin;
pub mod select;
pub mod token;
pub mod uri;

pub use module::Module;
pub use token::{Algorithm, MechanismChoice, PinFlags, TokenCert, TokenView};
