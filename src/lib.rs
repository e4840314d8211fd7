//! `dvc`: log in to Vietnam's national public service portal (Cổng Dịch vụ
//! công Quốc gia) from the shell, keep the session safe, and hand it to
//! scripts.
//!
//! The crate is split by concern:
//!
//! * [`cli`]: argument parsing and one module per command; commands only
//!   orchestrate the domain modules and render their values.
//! * [`config`]: the TOML configuration, profiles and built-in portal presets.
//! * [`session`]: what a login leaves behind ([`session::Session`]), where it
//!   is stored (OS keyring or a private file) and the per-profile lock.
//! * [`cert`]: certificate decoding for Vietnamese certificates.
//! * [`i18n`], [`error`]: messages in Vietnamese and English, one error type
//!   mapped to the exit codes of the CLI contract.
//!
//! Domain modules never print, prompt or exit; the CLI layer does.

rust_i18n::i18n!("locales", fallback = "en");

pub mod cert;
pub mod cli;
pub mod clock;
pub mod config;
pub mod error;
pub mod i18n;
pub mod net;
pub mod paths;
pub mod pkcs11;
pub mod portal;
pub mod session;
pub mod ui;

pub use error::{Error, Result};
