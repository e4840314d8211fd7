//! `dvc-sandbox`: a local single sign-on server that implements the server
//! side of portal-login.md (modeled on the national portal's WSO2 SSO), with
//! a demo PKI shaped like Vietnam's, an OCSP responder and CRLs, simulated
//! SIM and VNPT SmartCA confirmations, and switches for faults.
//!
//! The crate is a library first, so that tests and benchmarks share its
//! parts; the `dvc-sandbox` binary is a thin wrapper around [`cli::main`].
//!
//! * [`pki`]: the one test-PKI builder (roots, intermediates, leaves with
//!   Vietnamese subjects and UIDs, AIA and CRL distribution points, CRLs) and
//!   the OCSP responder ([`pki::ocsp`]).
//! * [`signature`]: the sandbox's own signing and signature checks (it never
//!   borrows the client's verification code, so one mistake cannot pass both
//!   sides).
//! * [`state`]: what lives in `--data DIR` (keys, CA, accounts, revocations).
//! * [`server`]: the HTTP server, one module per concern, and the web mode
//!   ([`server::web`]: the portal's pages, WSO2, SmartCA and VNeID over
//!   HTTPS under their host names).
//! * [`cli`]: the command line (`serve [--web]`, `accounts`, `revoke`, `approve`,
//!   `reject`, `provision-token`).
//!
//! A sandbox can run inside another program (a test) as well as on its own:
//!
//! ```no_run
//! let dir = std::env::temp_dir().join("dvc-sandbox-example");
//! let sandbox = dvc_sandbox::server::start(&dir, 0, None, dvc_sandbox::server::Options::default())?;
//! println!("ISSUER={}", sandbox.issuer());
//! sandbox.stop();
//! # Ok::<(), String>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cli;
pub mod pki;
pub mod provision;
pub mod server;
pub mod signals;
pub mod signature;
pub mod state;

/// Uppercase hex of bytes (serial numbers as OpenSSL prints them, when
/// given the INTEGER's minimal content).
pub fn hex_upper(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

/// Bytes of an even-length hex string (invalid pairs are skipped).
pub fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .filter_map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}
