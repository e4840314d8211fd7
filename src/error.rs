//! One error type for the whole crate, mapped to the exit codes of the CLI
//! contract (`../shared/specs/cli.md`), and rendered in the user's language
//! as "what happened" plus "what to do".
//!
//! Domain modules build variants with plain data; only [`Error::message`]
//! and [`Error::hint`] turn them into words, so the domain never needs to
//! know the language.

use std::io;
use std::path::PathBuf;

use crate::i18n::Lang;
use crate::tr;

/// The exit codes of the CLI contract.
pub mod exit {
    /// Success.
    pub const OK: i32 = 0;
    /// Error: network, portal, I/O, bad data.
    pub const ERROR: i32 = 1;
    /// Usage error, or an answer needed under `--no-input`.
    pub const USAGE: i32 = 2;
    /// Login needed: no session, or it expired and could not be refreshed.
    pub const LOGIN_NEEDED: i32 = 4;
    /// PIN problem: wrong PIN, PIN locked, or refused at the final try.
    pub const PIN: i32 = 5;
    /// The confirmation on the phone / in the app was rejected or timed out.
    pub const CONFIRMATION: i32 = 6;
    /// Interrupted (Ctrl-C).
    pub const INTERRUPTED: i32 = 130;
}

/// A `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong, with the data needed to explain it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A command-line problem, already put into words by the CLI layer.
    #[error("{message}")]
    Usage {
        /// What is wrong.
        message: String,
        /// What to do instead.
        hint: Option<String>,
    },
    /// An answer is needed but prompting is not allowed.
    #[error("an answer is needed: pass {flag}")]
    NeedsInput {
        /// The flag that gives the answer.
        flag: String,
    },
    /// The config file could not be parsed or holds an invalid value.
    #[error("invalid config file {}: {detail}", path.display())]
    ConfigInvalid {
        /// The config file.
        path: PathBuf,
        /// Line, column, field and reason, as the parser reports them.
        detail: String,
    },
    /// The profile name cannot be used.
    #[error("invalid profile name {name:?}")]
    InvalidProfileName {
        /// The rejected name.
        name: String,
    },
    /// No such profile in the config.
    #[error("no profile {name:?}")]
    UnknownProfile {
        /// The name asked for.
        name: String,
    },
    /// The profile exists already.
    #[error("profile {name:?} exists")]
    ProfileExists {
        /// The name asked for.
        name: String,
    },
    /// A URL of a profile that the protocol does not allow.
    #[error("invalid URL for {field}: {value} ({reason})")]
    InvalidUrl {
        /// Which field.
        field: String,
        /// The URL given.
        value: String,
        /// Why it is refused.
        reason: String,
    },
    /// The profile has no session.
    #[error("not logged in (profile {profile})")]
    NotLoggedIn {
        /// The profile.
        profile: String,
    },
    /// The session has expired and cannot be refreshed.
    #[error("the session of profile {profile} expired at {expired_at}")]
    SessionExpired {
        /// The profile.
        profile: String,
        /// When it expired (RFC 3339).
        expired_at: String,
    },
    /// The stored session cannot be read back.
    #[error("the stored session {} cannot be read: {detail}", path.display())]
    SessionCorrupt {
        /// The session file.
        path: PathBuf,
        /// What is wrong with it.
        detail: String,
    },
    /// The keyring refused or lost a secret.
    #[error("keyring error for profile {profile}: {detail}")]
    Keyring {
        /// The profile.
        profile: String,
        /// The keyring's own words.
        detail: String,
    },
    /// Another `dvc` process held the profile's lock for too long.
    #[error("timed out waiting for the lock {}", path.display())]
    LockTimeout {
        /// The profile.
        profile: String,
        /// The lock file.
        path: PathBuf,
        /// How long we waited, in seconds.
        waited_secs: u64,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: io::Error,
    },
    /// A certificate could not be decoded.
    #[error("cannot read a certificate from {source_name}: {detail}")]
    BadCertificate {
        /// Where it came from (file name, `-`, URI).
        source_name: String,
        /// What is wrong.
        detail: String,
    },
    /// No PKCS#11 module was found.
    #[error("no PKCS#11 module found")]
    Pkcs11NoModule {
        /// Every path looked at.
        tried: Vec<PathBuf>,
    },
    /// A file that is not a usable PKCS#11 module.
    #[error("{}: {detail}", path.display())]
    Pkcs11Module {
        /// The library.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// A token operation failed.
    #[error("token error: {detail}")]
    Token {
        /// The module's words.
        detail: String,
    },
    /// The token was pulled out (or stopped answering) during the operation.
    #[error("the token was removed")]
    TokenRemoved,
    /// The token's PIN is locked.
    #[error("the PIN of {token} is locked")]
    PinLocked {
        /// The token's label.
        token: String,
    },
    /// The token is at its final PIN try and `--force` was not given.
    #[error("{token} is at its final PIN try")]
    PinFinalTry {
        /// The token's label.
        token: String,
    },
    /// A wrong PIN; the flags as read after it.
    #[error("wrong PIN for {token}")]
    PinIncorrect {
        /// The token's label.
        token: String,
        /// The PIN state after the failure.
        flags: crate::pkcs11::PinFlags,
    },
    /// No certificate matched the selector.
    #[error("no certificate matches {selector}")]
    CertNotFound {
        /// What was asked for.
        selector: String,
        /// What is there (one line each).
        available: Vec<String>,
    },
    /// Several certificates match and no menu may be shown.
    #[error("several certificates match")]
    CertAmbiguous {
        /// The candidates (one line each: URI and who).
        candidates: Vec<String>,
    },
    /// The chosen certificate is expired or not yet valid.
    #[error("the certificate of {subject} is not valid now")]
    CertNotValid {
        /// Whose.
        subject: String,
        /// Valid from.
        not_before: String,
        /// Valid until.
        not_after: String,
        /// Expired (else not yet valid).
        expired: bool,
    },
    /// The certificate has no private key on the token.
    #[error("no private key for {certificate}")]
    NoPrivateKey {
        /// The certificate's URI.
        certificate: String,
    },
    /// The token produced a signature that does not verify.
    #[error("the token's {algorithm} signature does not verify")]
    SignatureCheck {
        /// The algorithm.
        algorithm: String,
    },
    /// The portal answered something the protocol does not allow here.
    #[error("the portal answered something unexpected ({status} from {url}): {detail}")]
    PortalUnexpected {
        /// HTTP status (0 when there was none).
        status: u16,
        /// The URL.
        url: String,
        /// What it was.
        detail: String,
    },
    /// The portal refused the authentication (a §3 failure code).
    #[error("the portal refused the login: {code}")]
    PortalAuth {
        /// The code (`USER_REJECTED`, `CERT_REVOKED`, …).
        code: String,
        /// The portal's description.
        description: String,
    },
    /// An OAuth error (RFC 6749).
    #[error("OAuth error {error}")]
    OAuth {
        /// `invalid_grant`, …
        error: String,
        /// Its description.
        description: String,
    },
    /// The id_token failed validation.
    #[error("the id_token was refused: {detail}")]
    IdToken {
        /// Why.
        detail: String,
    },
    /// The portal could not be reached.
    #[error("cannot reach {url}: {detail}")]
    Network {
        /// The URL.
        url: String,
        /// Why.
        detail: String,
    },
    /// The user interrupted the command.
    #[error("interrupted")]
    Interrupted,
    /// A certificate could not be read, checked or fetched; the certificate
    /// modules' own errors, put into words by [`crate::cert::CertError`].
    #[error(transparent)]
    Cert(#[from] crate::cert::CertError),
}

impl Error {
    /// Builds an [`Error::Io`].
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The exit code of the CLI contract for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage { .. }
            | Error::NeedsInput { .. }
            | Error::InvalidProfileName { .. }
            | Error::UnknownProfile { .. }
            | Error::ProfileExists { .. }
            | Error::InvalidUrl { .. } => exit::USAGE,
            Error::NotLoggedIn { .. } | Error::SessionExpired { .. } => exit::LOGIN_NEEDED,
            Error::PinLocked { .. } | Error::PinFinalTry { .. } | Error::PinIncorrect { .. } => {
                exit::PIN
            }
            Error::CertAmbiguous { .. } => exit::USAGE,
            Error::PortalAuth { code, .. }
                if code == "USER_REJECTED" || code == "TRANSACTION_EXPIRED" =>
            {
                exit::CONFIRMATION
            }
            Error::OAuth { error, .. } if error == "invalid_grant" => exit::LOGIN_NEEDED,
            Error::PortalAuth { .. }
            | Error::OAuth { .. }
            | Error::PortalUnexpected { .. }
            | Error::IdToken { .. }
            | Error::Network { .. } => exit::ERROR,
            Error::Pkcs11NoModule { .. }
            | Error::Pkcs11Module { .. }
            | Error::Token { .. }
            | Error::TokenRemoved
            | Error::CertNotFound { .. }
            | Error::CertNotValid { .. }
            | Error::NoPrivateKey { .. }
            | Error::SignatureCheck { .. } => exit::ERROR,
            Error::Interrupted => exit::INTERRUPTED,
            Error::Cert(_) => exit::ERROR,
            Error::ConfigInvalid { .. }
            | Error::SessionCorrupt { .. }
            | Error::Keyring { .. }
            | Error::LockTimeout { .. }
            | Error::Io { .. }
            | Error::BadCertificate { .. } => exit::ERROR,
        }
    }

    /// What happened, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Usage { message, .. } => message.clone(),
            Error::NeedsInput { flag } => tr!(lang, "error.needs_input", flag = flag),
            Error::ConfigInvalid { path, detail } => tr!(
                lang,
                "error.config_invalid",
                path = path.display(),
                detail = detail.trim_end()
            ),
            Error::InvalidProfileName { name } => {
                tr!(lang, "error.invalid_profile_name", name = name)
            }
            Error::UnknownProfile { name } => tr!(lang, "error.unknown_profile", name = name),
            Error::ProfileExists { name } => tr!(lang, "error.profile_exists", name = name),
            Error::InvalidUrl {
                field,
                value,
                reason,
            } => tr!(
                lang,
                "error.invalid_url",
                field = field,
                value = value,
                reason = reason
            ),
            Error::NotLoggedIn { profile } => tr!(lang, "error.not_logged_in", profile = profile),
            Error::SessionExpired {
                profile,
                expired_at,
            } => tr!(
                lang,
                "error.session_expired",
                profile = profile,
                at = expired_at
            ),
            Error::SessionCorrupt { path, detail } => tr!(
                lang,
                "error.session_corrupt",
                path = path.display(),
                detail = detail
            ),
            Error::Keyring { profile, detail } => {
                tr!(lang, "error.keyring", profile = profile, detail = detail)
            }
            Error::LockTimeout {
                profile,
                waited_secs,
                ..
            } => tr!(
                lang,
                "error.lock_timeout",
                profile = profile,
                secs = waited_secs
            ),
            Error::Io { path, source } => tr!(
                lang,
                "error.io",
                path = path.display(),
                detail = io_detail(lang, source)
            ),
            Error::BadCertificate {
                source_name,
                detail,
            } => tr!(
                lang,
                "error.bad_certificate",
                source = source_name,
                detail = detail
            ),
            Error::Pkcs11NoModule { tried } => {
                let list: Vec<String> = tried
                    .iter()
                    .map(|p| format!("\n    {}", p.display()))
                    .collect();
                tr!(lang, "error.pkcs11_no_module", tried = list.concat())
            }
            Error::Pkcs11Module { path, detail } => {
                tr!(
                    lang,
                    "error.pkcs11_module",
                    path = path.display(),
                    detail = detail
                )
            }
            Error::Token { detail } => tr!(lang, "error.token", detail = detail),
            Error::TokenRemoved => tr!(lang, "error.token_removed"),
            Error::PinLocked { token } => tr!(lang, "error.pin_locked", token = token),
            Error::PinFinalTry { token } => tr!(lang, "error.pin_final_try", token = token),
            Error::PinIncorrect { token, flags } => {
                let state = if flags.locked {
                    tr!(lang, "pin.state_locked")
                } else if flags.final_try {
                    tr!(lang, "pin.state_final_try")
                } else if flags.count_low {
                    tr!(lang, "pin.state_count_low")
                } else {
                    tr!(lang, "pin.state_unknown")
                };
                tr!(lang, "error.pin_incorrect", token = token, state = state)
            }
            Error::CertNotFound {
                selector,
                available,
            } => {
                let list: Vec<String> = available.iter().map(|c| format!("\n    {c}")).collect();
                tr!(
                    lang,
                    "error.cert_not_found",
                    selector = selector,
                    available = list.concat()
                )
            }
            Error::CertAmbiguous { candidates } => {
                let list: Vec<String> = candidates.iter().map(|c| format!("\n    {c}")).collect();
                tr!(lang, "error.cert_ambiguous", candidates = list.concat())
            }
            Error::CertNotValid {
                subject,
                not_before,
                not_after,
                expired,
            } => {
                if *expired {
                    tr!(
                        lang,
                        "error.cert_expired",
                        subject = subject,
                        from = not_before,
                        until = not_after
                    )
                } else {
                    tr!(
                        lang,
                        "error.cert_not_yet_valid",
                        subject = subject,
                        from = not_before,
                        until = not_after
                    )
                }
            }
            Error::NoPrivateKey { certificate } => {
                tr!(lang, "error.no_private_key", certificate = certificate)
            }
            Error::SignatureCheck { algorithm } => {
                tr!(lang, "error.signature_check", algorithm = algorithm)
            }
            Error::PortalUnexpected {
                status,
                url,
                detail,
            } => {
                tr!(
                    lang,
                    "error.portal_unexpected",
                    status = status,
                    url = url,
                    detail = detail
                )
            }
            Error::PortalAuth { code, description } => {
                let key = format!("portal.code.{code}");
                let known = tr!(lang, &key);
                let what = if known == key || known.ends_with(&key) {
                    code.clone()
                } else {
                    known
                };
                if description.is_empty() {
                    tr!(lang, "error.portal_auth", what = what, code = code)
                } else {
                    tr!(
                        lang,
                        "error.portal_auth_desc",
                        what = what,
                        code = code,
                        description = description
                    )
                }
            }
            Error::OAuth { error, description } => tr!(
                lang,
                "error.oauth",
                error = error,
                description = description
            ),
            Error::IdToken { detail } => tr!(lang, "error.id_token", detail = detail),
            Error::Network { url, detail } => {
                tr!(lang, "error.network", url = url, detail = detail)
            }
            Error::Interrupted => tr!(lang, "error.interrupted"),
            Error::Cert(e) => e.message(lang),
        }
    }

    /// What to do about it, in `lang`, when there is something to say.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        Some(match self {
            Error::Usage { hint, .. } => return hint.clone(),
            Error::NeedsInput { .. } => tr!(lang, "hint.needs_input"),
            Error::ConfigInvalid { path, .. } => {
                tr!(lang, "hint.config_invalid", path = path.display())
            }
            Error::InvalidProfileName { .. } => tr!(lang, "hint.invalid_profile_name"),
            Error::UnknownProfile { .. } => tr!(lang, "hint.unknown_profile"),
            Error::ProfileExists { name } => tr!(lang, "hint.profile_exists", name = name),
            Error::InvalidUrl { .. } => tr!(lang, "hint.invalid_url"),
            Error::NotLoggedIn { profile } | Error::SessionExpired { profile, .. } => {
                tr!(lang, "hint.login", profile = profile)
            }
            Error::SessionCorrupt { .. } => tr!(lang, "hint.session_corrupt"),
            Error::Keyring { .. } => tr!(lang, "hint.keyring"),
            Error::LockTimeout { path, .. } => {
                tr!(lang, "hint.lock_timeout", path = path.display())
            }
            Error::Io { source, .. } => match source.kind() {
                io::ErrorKind::PermissionDenied => tr!(lang, "hint.io_permission"),
                io::ErrorKind::StorageFull => tr!(lang, "hint.io_full"),
                _ => return None,
            },
            Error::BadCertificate { .. } => tr!(lang, "hint.bad_certificate"),
            Error::Pkcs11NoModule { .. } => tr!(lang, "hint.pkcs11_no_module"),
            Error::Pkcs11Module { .. } => tr!(lang, "hint.pkcs11_module"),
            Error::Token { .. } => tr!(lang, "hint.token"),
            Error::TokenRemoved => tr!(lang, "hint.token_removed"),
            Error::PinLocked { .. } => tr!(lang, "hint.pin_locked"),
            Error::PinFinalTry { .. } => tr!(lang, "hint.pin_final_try"),
            Error::PinIncorrect { .. } => tr!(lang, "hint.pin_incorrect"),
            Error::CertNotFound { .. } => tr!(lang, "hint.cert_not_found"),
            Error::CertAmbiguous { .. } => tr!(lang, "hint.cert_ambiguous"),
            Error::CertNotValid { .. } => tr!(lang, "hint.cert_not_valid"),
            Error::NoPrivateKey { .. } => tr!(lang, "hint.no_private_key"),
            Error::SignatureCheck { .. } => tr!(lang, "hint.signature_check"),
            Error::PortalUnexpected { .. } => tr!(lang, "hint.portal_unexpected"),
            Error::PortalAuth { code, .. } => match code.as_str() {
                "USER_REJECTED" | "TRANSACTION_EXPIRED" => tr!(lang, "hint.confirm_again"),
                "CERT_REVOKED" | "CERT_EXPIRED" | "PKI_EXPIRED_CERT" => {
                    tr!(lang, "hint.cert_not_valid")
                }
                "SMARTCA_AUTH_FAILED" => tr!(lang, "hint.smartca_password"),
                _ => tr!(lang, "hint.portal_auth"),
            },
            Error::OAuth { error, .. } if error == "invalid_grant" => tr!(lang, "hint.relogin"),
            Error::OAuth { .. } => tr!(lang, "hint.portal_auth"),
            Error::IdToken { .. } => tr!(lang, "hint.id_token"),
            Error::Network { .. } => tr!(lang, "hint.network"),
            Error::Interrupted => return None,
            Error::Cert(e) => return e.hint(lang),
        })
    }
}

/// The operating system's error, with the common cases in the user's language.
fn io_detail(lang: Lang, e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => tr!(lang, "io.not_found"),
        io::ErrorKind::PermissionDenied => tr!(lang, "io.permission_denied"),
        io::ErrorKind::StorageFull => tr!(lang, "io.storage_full"),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_the_contract() {
        assert_eq!(
            Error::NotLoggedIn {
                profile: "a".into()
            }
            .exit_code(),
            4
        );
        assert_eq!(Error::NeedsInput { flag: "--x".into() }.exit_code(), 2);
        assert_eq!(Error::Interrupted.exit_code(), 130);
        assert_eq!(
            Error::io("/x", io::Error::from(io::ErrorKind::StorageFull)).exit_code(),
            1
        );
    }

    #[test]
    fn messages_exist_in_both_languages() {
        let e = Error::NotLoggedIn {
            profile: "acme".into(),
        };
        let vi = e.message(Lang::Vi);
        let en = e.message(Lang::En);
        assert!(vi.contains("acme") && en.contains("acme"));
        assert_ne!(vi, en);
        assert!(e.hint(Lang::Vi).unwrap().contains("dvc login"));
    }
}
