//! dvc's integration tests: one binary with a module per area (it links
//! once), and a small harness in `util/`.
//!
//! `cargo test --test it` runs them all; `cargo test --test it login::`
//! one area. `tests/keyring_fallback.rs` stays a binary of its own: the
//! keyring store is initialised once per process.

mod util;

mod catalogs;
mod cert_chain;
mod cert_check;
mod cert_golden;
mod cert_reports;
mod cert_rules;
mod cert_sources;
mod foundation;
mod generated;
mod json_contract;
mod keyring;
mod login;
mod modules;
mod profiles;
mod prompts;
mod recipes;
mod run;
mod sandbox;
mod sessions;
mod storage;
mod terminal;
mod token;
mod token_layouts;
mod vneid;
mod web;
