//! `dvc`: log in to Vietnam's national public service portal (Cổng Dịch vụ
//! công Quốc gia) from the shell, keep the session safe, and hand it to
//! scripts.
//!
//! The crate is split by concern:
//!
//! * [`cli`]: argument parsing and one module per command; commands only
//!   orchestrate the modules below and render their values.
//! * [`auth`]: the session lifecycle (login, refresh under the profile's
//!   lock, replacing and revoking sessions).
//! * [`portal`]: the portal clients (OIDC, API requests).
//! * [`pkcs11`]: USB tokens: modules, tokens, selection, PIN policy, signing.
//! * [`session`]: the session model and its store (OS keyring or a private
//!   file) and the per-profile lock.
//! * [`cert`]: certificates: decoding, chains, OCSP, CRLs, checks.
//! * [`config`]: the TOML configuration, profiles and built-in presets.
//! * [`net`], [`fs`], [`random`], [`clock`], [`paths`]: HTTP, atomic
//!   private files, randomness, time and places.
//! * [`ui`]: prompts, the wait display, the terminal writer, signals.
//! * [`i18n`], [`error`]: messages in Vietnamese and English, one error type
//!   mapped to the exit codes of the CLI contract.
//!
//! Domain modules never print, prompt or exit; the CLI layer does.

rust_i18n::i18n!("locales", fallback = "en");

pub mod auth;
pub mod cert;
pub mod cli;
pub mod clock;
pub mod config;
pub mod error;
pub mod fs;
pub mod i18n;
pub mod net;
pub mod paths;
pub mod pkcs11;
pub mod portal;
pub mod profile_name;
pub mod random;
pub mod session;
pub mod ui;

pub use error::{Error, Result};
