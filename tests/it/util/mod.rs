//! The harness of the integration tests, ripgrep style: a few small
//! fixtures that make a case read like the user's story.
//!
//! * [`Home`]: an isolated home (config, state, cache) per test, and
//!   [`Dvc`], a `dvc` command bound to it (`home.dvc().args([...])`);
//! * [`Sandbox`]: a `dvc-sandbox` on a free port with its own data (in
//!   process, or as a process for signal tests), with [`Flow`] to walk the
//!   protocol by hand;
//! * [`Token`]: a private SoftHSM2 to put USB tokens in;
//! * [`Pki`]: the test PKI of the certificate checks;
//! * [`http`]: a programmable HTTP server and OpenSSL's OCSP responder;
//! * [`pty`]: a pseudo-terminal, for what a person sees;
//! * [`web`]: a sandbox with `--web` and `dvc` pointed at it through
//!   `--connect-to` and `--ca-file`, for the recipes.

pub mod home;
pub mod http;
pub mod pki;
pub mod pty;
pub mod sandbox;
pub mod token;
pub mod web;

pub use home::{business_session, citizen_session, Dvc, Home};
pub use pki::Pki;
pub use sandbox::{client, failure, verify_jwt, Flow, Sandbox};
pub use token::{Parts, Token, MODULE};
