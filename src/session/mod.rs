//! Sessions: what a login leaves behind, and where it is kept.
//!
//! A [`Session`] holds the tokens of portal-login.md §4 (access, refresh and
//! id token with their expiry), who logged in (the §5 claims as an
//! [`Account`]), how (the [`Method`]) and with which certificate.
//!
//! The [`SessionStore`] keeps one session per profile under
//! `<state>/sessions/<profile>.json` (a 0600 file in a 0700 directory,
//! replaced atomically). With the keyring backend the tokens live in the OS
//! keyring and the file keeps only the non-secret part and the name of the
//! keyring entry, so `dvc status` never needs the keyring. Each save of a
//! keyring session writes a fresh entry before the file points at it, so a
//! crash at any moment leaves the old or the new session readable.

pub mod keyring;
mod model;
mod secret;
mod store;

pub use model::{Account, AccountType, Flow, Method, Session, StoredCookie, WebSession};
pub use secret::Secret;
pub use store::{SaveOutcome, SessionStore, Storage, StoragePreference, Stored};
