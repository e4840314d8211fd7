//! One error type for the whole crate, mapped to the exit codes of the CLI
//! contract (`../shared/specs/cli.md`), and rendered in the user's language
//! as "what happened" plus "what to do".
//!
//! Domain modules build variants with typed data (their own error enums are
//! wrapped here); only [`Error::message`] and [`Error::hint`] turn them into
//! words, so the domain never needs to know the language, and the exit code
//! follows the kind of failure, never the spelling of a message.

use std::io;
use std::path::PathBuf;

use crate::config::UrlProblem;
use crate::i18n::Lang;
use crate::net::NetError;
use crate::pkcs11::PinFlags;
use crate::portal::oidc::jwt::JwtError;
use crate::portal::{AuthFailure, OAuthCode, Unexpected};
use crate::session::keyring::KeyringError;
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

/// Why a stored session cannot be read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorruptKind {
    /// The file cannot be read (the OS's words).
    Unreadable(String),
    /// Not JSON, or JSON of the wrong shape, at a line and column.
    NotJson {
        /// Line (1-based).
        line: usize,
        /// Column (1-based).
        column: usize,
    },
    /// A format number this `dvc` does not read.
    UnknownFormat(u32),
    /// A keyring session without the name of its entry.
    NoKeyringEntry,
}

impl CorruptKind {
    /// A stable code for scripts (`dvc status --json`'s `error_code`).
    pub fn code(&self) -> &'static str {
        match self {
            CorruptKind::Unreadable(_) => "unreadable",
            CorruptKind::NotJson { .. } => "not_json",
            CorruptKind::UnknownFormat(_) => "unknown_format",
            CorruptKind::NoKeyringEntry => "no_keyring_entry",
        }
    }
}

/// What is wrong with a PKCS#11 module file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModuleProblem {
    /// No such file.
    Missing,
    /// A library without `C_GetFunctionList`.
    NotPkcs11,
    /// The dynamic loader refused it (its words).
    Load(String),
    /// `C_Initialize` failed (the return value).
    Initialize(String),
}

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
    #[error("invalid config file {}: {problem}", path.display())]
    ConfigInvalid {
        /// The config file.
        path: PathBuf,
        /// Line, column, field and reason.
        problem: crate::config::ConfigProblem,
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
    /// `dvc login` for a profile that does not exist, without what creates it.
    #[error("no profile {name} to log in")]
    NoProfileToLogIn {
        /// The name.
        name: String,
    },
    /// The config's `default_profile` names a profile that does not exist.
    #[error("default_profile {name:?} does not exist")]
    DefaultProfileMissing {
        /// The name it gives.
        name: String,
        /// The config file.
        path: PathBuf,
    },
    /// The profile exists already.
    #[error("profile {name:?} exists")]
    ProfileExists {
        /// The name asked for.
        name: String,
    },
    /// A URL that the protocol does not allow.
    #[error("invalid URL for {field}: {value}")]
    InvalidUrl {
        /// Which field.
        field: String,
        /// The URL given.
        value: String,
        /// Why it is refused.
        reason: UrlProblem,
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
    /// Neither a profile nor a session of that name (exit 4: no session,
    /// as cli.md says; the words say it is likely a typo).
    #[error("there is no profile {profile}, so no session")]
    NoSuchProfile {
        /// The name asked for.
        profile: String,
    },
    /// The portal said a web session has ended (a redirect to a login
    /// page, a 401).
    #[error("the portal has ended the session of profile {profile} (HTTP {status})")]
    SessionEnded {
        /// The profile.
        profile: String,
        /// The portal's answer.
        status: u16,
    },
    /// The stored session belongs to another portal than the profile's.
    #[error(
        "the session of profile {profile} was issued by {session_issuer}, not {profile_issuer}"
    )]
    SessionOtherPortal {
        /// The profile.
        profile: String,
        /// Who issued the session.
        session_issuer: String,
        /// The profile's portal.
        profile_issuer: String,
    },
    /// `login --issuer` names another portal than the profile's.
    #[error("profile {profile} is for {current}, not {requested}")]
    ProfileOtherPortal {
        /// The profile.
        profile: String,
        /// Its portal.
        current: String,
        /// The one asked for.
        requested: String,
    },
    /// The stored session cannot be read back.
    #[error("the stored session {} cannot be read", path.display())]
    SessionCorrupt {
        /// The session file.
        path: PathBuf,
        /// What is wrong with it.
        kind: CorruptKind,
    },
    /// The keyring refused or lost a secret.
    #[error("keyring error for profile {profile}: {error}")]
    Keyring {
        /// The profile.
        profile: String,
        /// What went wrong.
        error: KeyringError,
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
    /// The operating system's random source failed.
    #[error("the operating system's random source failed")]
    Random,
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
    #[error("{}: cannot be used as a PKCS#11 module", path.display())]
    Pkcs11Module {
        /// The library.
        path: PathBuf,
        /// What is wrong.
        problem: ModuleProblem,
    },
    /// A token operation failed (the PKCS#11 return value).
    #[error("token error: {rv}")]
    Token {
        /// The `CKR_…` value or the library's words.
        rv: String,
    },
    /// The token cannot sign with the algorithm asked for.
    #[error("the token cannot sign with {algorithm}")]
    TokenAlgorithm {
        /// The algorithm.
        algorithm: String,
    },
    /// The token offers no signature mechanism for the key.
    #[error("the token offers no signature mechanism for this key")]
    TokenNoMechanism,
    /// A malformed ECDSA signature from the token.
    #[error("the token returned a malformed ECDSA signature")]
    TokenBadSignature,
    /// The token's PIN has expired and must be changed first.
    #[error("the PIN has expired")]
    PinExpired {
        /// The token's label.
        token: String,
    },
    /// A `pkcs11:` URI that cannot be used.
    #[error("invalid PKCS#11 URI {uri}")]
    Pkcs11Uri {
        /// The URI.
        uri: String,
        /// Why.
        problem: crate::pkcs11::uri::UriProblem,
    },
    /// No token is plugged in.
    #[error("no token is plugged in")]
    NoToken,
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
        flags: PinFlags,
    },
    /// `--pin-stdin` gave an empty line.
    #[error("no PIN on standard input")]
    NoPinOnStdin,
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
    /// Every matching certificate is unusable for a login.
    #[error("no usable certificate matches {selector}")]
    CertNoneUsable {
        /// What was asked for.
        selector: String,
        /// The unusable ones, with why (one line each).
        unusable: Vec<String>,
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
    #[error("the portal answered something unexpected ({status} from {url}): {}", what.code())]
    PortalUnexpected {
        /// HTTP status (0 when there was none).
        status: u16,
        /// The URL.
        url: String,
        /// What it was.
        what: Unexpected,
    },
    /// A page no longer matches its recipe (a form, a field, an element).
    #[error("the login page changed: {key} of recipe {recipe} is not at {url}")]
    PageChanged {
        /// The recipe (name or file).
        recipe: String,
        /// The recipe key that no longer matches.
        key: String,
        /// The key's value in the recipe (a selector, a field's name), when
        /// it has one.
        expected: Option<String>,
        /// The page.
        url: String,
    },
    /// A redirect or form that leads outside the recipe's origins.
    #[error("{url} is outside the origins of recipe {recipe}")]
    OriginNotAllowed {
        /// The recipe.
        recipe: String,
        /// Where it led.
        url: String,
    },
    /// A recipe that cannot be used.
    #[error("recipe {}: {}", .0.recipe, .0.key)]
    Recipe(#[from] crate::portal::web::recipe::RecipeError),
    /// The command needs the other kind of session (web vs OIDC).
    #[error("profile {profile} has a {flow} session")]
    WrongFlow {
        /// The profile.
        profile: String,
        /// `oidc` or `web`: what it has.
        flow: &'static str,
        /// What to use instead.
        instead: &'static str,
    },
    /// The portal refused the authentication.
    #[error("the portal refused the login: {code}")]
    PortalAuth {
        /// What it means.
        failure: AuthFailure,
        /// The portal's code (`USER_REJECTED`, `CERT_REVOKED`, …).
        code: String,
        /// The portal's own words.
        description: String,
    },
    /// An OAuth error (RFC 6749).
    #[error("OAuth error {error}")]
    OAuth {
        /// `invalid_grant`, …
        error: OAuthCode,
        /// Its description.
        description: String,
    },
    /// The id_token failed validation.
    #[error("the id_token was refused: {0}")]
    IdToken(#[from] JwtError),
    /// The portal could not be reached.
    #[error("cannot reach {url}: {error}")]
    Network {
        /// The URL.
        url: String,
        /// Why.
        error: NetError,
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

    /// Builds an [`Error::Network`] (or the CA-file / connect-to usage errors).
    pub fn net(url: &str, error: NetError) -> Error {
        Error::Network {
            url: url.to_string(),
            error,
        }
    }

    /// Builds an [`Error::PortalUnexpected`].
    pub fn unexpected(status: u16, url: &str, what: Unexpected) -> Error {
        Error::PortalUnexpected {
            status,
            url: url.to_string(),
            what,
        }
    }

    /// Builds an [`Error::PortalAuth`] from a portal-login.md §3 code.
    pub fn portal_code(code: &str, description: &str) -> Error {
        Error::PortalAuth {
            failure: AuthFailure::from_code(code),
            code: code.to_string(),
            description: description.to_string(),
        }
    }

    /// The exit code of the CLI contract for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage { .. }
            | Error::NeedsInput { .. }
            | Error::InvalidProfileName { .. }
            | Error::UnknownProfile { .. }
            | Error::DefaultProfileMissing { .. }
            | Error::NoProfileToLogIn { .. }
            | Error::ProfileExists { .. }
            | Error::ProfileOtherPortal { .. }
            | Error::InvalidUrl { .. }
            | Error::Pkcs11Uri { .. }
            | Error::NoPinOnStdin
            | Error::WrongFlow { .. }
            | Error::Recipe(_)
            | Error::CertAmbiguous { .. } => exit::USAGE,
            Error::Network {
                error: NetError::CaFile { .. } | NetError::ConnectTo(_),
                ..
            } => exit::USAGE,
            Error::NotLoggedIn { .. }
            | Error::NoSuchProfile { .. }
            | Error::SessionExpired { .. }
            | Error::SessionEnded { .. }
            | Error::SessionOtherPortal { .. } => exit::LOGIN_NEEDED,
            Error::PinLocked { .. }
            | Error::PinFinalTry { .. }
            | Error::PinIncorrect { .. }
            | Error::PinExpired { .. } => exit::PIN,
            Error::PortalAuth {
                failure: AuthFailure::Rejected | AuthFailure::TimedOut,
                ..
            } => exit::CONFIRMATION,
            Error::OAuth {
                error: OAuthCode::InvalidGrant,
                ..
            } => exit::LOGIN_NEEDED,
            Error::Interrupted => exit::INTERRUPTED,
            _ => exit::ERROR,
        }
    }

    /// What happened, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Usage { message, .. } => message.clone(),
            Error::NeedsInput { flag } => match no_prompt() {
                Some(why) => {
                    let why = tr!(lang, why.key());
                    tr!(lang, "error.needs_input", flag = flag, why = why)
                }
                // A run that could prompt but has nothing to ask with (an
                // OAuth profile without its client id): only the flag.
                None => tr!(lang, "error.needs_flag", flag = flag),
            },
            Error::ConfigInvalid { path, problem } => config_message(lang, path, problem),
            Error::InvalidProfileName { name } => {
                tr!(lang, "error.invalid_profile_name", name = name)
            }
            Error::UnknownProfile { name } => tr!(lang, "error.unknown_profile", name = name),
            Error::NoProfileToLogIn { name } => {
                tr!(lang, "error.no_profile_to_log_in", name = name)
            }
            Error::DefaultProfileMissing { name, path } => tr!(
                lang,
                "error.default_profile_missing",
                name = name,
                path = path.display()
            ),
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
                reason = reason.message(lang)
            ),
            Error::NotLoggedIn { profile } => tr!(lang, "error.not_logged_in", profile = profile),
            Error::NoSuchProfile { profile } => {
                tr!(lang, "error.no_such_profile", profile = profile)
            }
            Error::SessionEnded { profile, status } => tr!(
                lang,
                "error.session_ended",
                profile = profile,
                status = status
            ),
            Error::SessionExpired {
                profile,
                expired_at,
            } => tr!(
                lang,
                "error.session_expired",
                profile = profile,
                at = expired_at
            ),
            Error::SessionOtherPortal {
                profile,
                session_issuer,
                profile_issuer,
            } => tr!(
                lang,
                "error.session_other_portal",
                profile = profile,
                session = session_issuer,
                portal = profile_issuer
            ),
            Error::ProfileOtherPortal {
                profile,
                current,
                requested,
            } => tr!(
                lang,
                "error.profile_other_portal",
                profile = profile,
                current = current,
                requested = requested
            ),
            Error::SessionCorrupt { path, kind } => {
                let detail = match kind {
                    CorruptKind::Unreadable(e) => tr!(lang, "corrupt.unreadable", detail = e),
                    CorruptKind::NotJson { line, column } => {
                        tr!(lang, "corrupt.not_json", line = line, column = column)
                    }
                    CorruptKind::UnknownFormat(n) => tr!(lang, "corrupt.format", format = n),
                    CorruptKind::NoKeyringEntry => tr!(lang, "corrupt.no_entry"),
                };
                tr!(
                    lang,
                    "error.session_corrupt",
                    path = path.display(),
                    detail = detail
                )
            }
            Error::Keyring { profile, error } => tr!(
                lang,
                "error.keyring",
                profile = profile,
                detail = error.message(lang)
            ),
            Error::LockTimeout {
                profile,
                waited_secs,
                path,
            } if profile.is_empty() => tr!(
                lang,
                "error.config_lock_timeout",
                path = path.with_extension("").display(),
                secs = waited_secs
            ),
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
            Error::Random => tr!(lang, "error.random"),
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
            Error::Pkcs11Module { path, problem } => {
                let detail = match problem {
                    ModuleProblem::Missing => tr!(lang, "module.missing"),
                    ModuleProblem::NotPkcs11 => tr!(lang, "module.not_pkcs11"),
                    ModuleProblem::Load(e) => tr!(lang, "module.load", detail = e),
                    ModuleProblem::Initialize(rv) => tr!(lang, "module.initialize", rv = rv),
                };
                tr!(
                    lang,
                    "error.pkcs11_module",
                    path = path.display(),
                    detail = detail
                )
            }
            Error::Token { rv } => tr!(lang, "error.token", detail = rv),
            Error::TokenAlgorithm { algorithm } => {
                tr!(lang, "error.token_algorithm", algorithm = algorithm)
            }
            Error::TokenNoMechanism => tr!(lang, "error.token_no_mechanism"),
            Error::TokenBadSignature => tr!(lang, "error.token_bad_signature"),
            Error::PinExpired { token } => tr!(lang, "error.pin_expired", token = token),
            Error::Pkcs11Uri { uri, problem } => tr!(
                lang,
                "error.pkcs11_uri",
                uri = uri,
                detail = problem.message(lang)
            ),
            Error::NoToken => tr!(lang, "error.no_token"),
            Error::TokenRemoved => tr!(lang, "error.token_removed"),
            Error::PinLocked { token } => tr!(lang, "error.pin_locked", token = token),
            Error::PinFinalTry { token } => tr!(lang, "error.pin_final_try", token = token),
            Error::PinIncorrect { token, flags } => {
                let state = if flags.locked {
                    tr!(lang, "pin.after_locked")
                } else if flags.final_try {
                    tr!(lang, "pin.after_final_try")
                } else if flags.count_low {
                    tr!(lang, "pin.after_count_low")
                } else {
                    tr!(lang, "pin.after_unknown")
                };
                tr!(lang, "error.pin_incorrect", token = token, state = state)
            }
            Error::NoPinOnStdin => tr!(lang, "error.no_pin_on_stdin"),
            Error::CertNotFound {
                selector,
                available,
            } => {
                if available.is_empty() {
                    tr!(lang, "error.cert_not_found_none", selector = selector)
                } else {
                    let list: Vec<String> =
                        available.iter().map(|c| format!("\n    {c}")).collect();
                    tr!(
                        lang,
                        "error.cert_not_found",
                        selector = selector,
                        available = list.concat()
                    )
                }
            }
            Error::CertAmbiguous { candidates } => {
                let list: Vec<String> = candidates.iter().map(|c| format!("\n    {c}")).collect();
                tr!(lang, "error.cert_ambiguous", candidates = list.concat())
            }
            Error::CertNoneUsable { selector, unusable } => {
                let list: Vec<String> = unusable.iter().map(|c| format!("\n    {c}")).collect();
                tr!(
                    lang,
                    "error.cert_none_usable",
                    selector = selector,
                    unusable = list.concat()
                )
            }
            Error::CertNotValid {
                subject,
                not_before,
                not_after,
                expired,
            } => {
                let key = if *expired {
                    "error.cert_expired"
                } else {
                    "error.cert_not_yet_valid"
                };
                tr!(
                    lang,
                    key,
                    subject = subject,
                    from = not_before,
                    until = not_after
                )
            }
            Error::NoPrivateKey { certificate } => {
                tr!(lang, "error.no_private_key", certificate = certificate)
            }
            Error::SignatureCheck { algorithm } => {
                tr!(lang, "error.signature_check", algorithm = algorithm)
            }
            Error::PortalUnexpected { status, url, what } => {
                let key = format!("unexpected.{}", what.code());
                let detail = match what {
                    Unexpected::TooLarge(n) => tr!(lang, &key, size = n),
                    Unexpected::RedirectLoop(n) => tr!(lang, &key, n = n),
                    Unexpected::DiscoveryIssuer { found, expected } => {
                        tr!(lang, &key, found = found, expected = expected)
                    }
                    Unexpected::DiscoveryMissing(f) => tr!(lang, &key, field = f),
                    Unexpected::MethodNotOffered(m) => tr!(lang, &key, method = m),
                    _ => tr!(lang, &key),
                };
                let status = if *status == 0 {
                    String::new()
                } else {
                    format!("HTTP {status} ")
                };
                tr!(
                    lang,
                    "error.portal_unexpected",
                    status = status,
                    url = crate::net::mask_url(url),
                    detail = detail
                )
            }
            Error::PageChanged {
                recipe,
                key,
                expected: Some(expected),
                url,
            } => tr!(
                lang,
                "error.page_changed_value",
                recipe = recipe,
                key = key,
                value = printable(expected),
                url = crate::net::mask_url(url)
            ),
            Error::PageChanged {
                recipe, key, url, ..
            } => tr!(
                lang,
                "error.page_changed",
                recipe = recipe,
                key = key,
                url = crate::net::mask_url(url)
            ),
            Error::OriginNotAllowed { recipe, url } => tr!(
                lang,
                "error.origin_not_allowed",
                recipe = recipe,
                url = crate::net::mask_url(url)
            ),
            Error::Recipe(e) => {
                use crate::portal::web::recipe::RecipeProblem as P;
                let detail = match &e.problem {
                    P::Syntax(d) => match toml_at(d) {
                        Some((line, column, rest)) => tr!(
                            lang,
                            "recipe.syntax_at",
                            line = line,
                            column = column,
                            detail = format!("\n{rest}")
                        ),
                        None => tr!(lang, "recipe.syntax", detail = d.trim_end()),
                    },
                    P::Url(d) => tr!(lang, "recipe.url", detail = d),
                    P::OriginNotListed(o) => tr!(lang, "recipe.origin_not_listed", origin = o),
                    P::Selector(d) => tr!(lang, "recipe.selector", detail = d),
                    P::Pattern(d) => tr!(lang, "recipe.pattern", detail = d),
                    P::Meaning(m) => tr!(
                        lang,
                        "recipe.meaning",
                        meaning = m,
                        known = AuthFailure::NAMES.join(", ")
                    ),
                    P::Missing => tr!(lang, "recipe.missing"),
                    P::Value(d) => tr!(lang, "recipe.value", detail = d),
                    P::Unknown => tr!(lang, "recipe.unknown"),
                };
                if e.key.is_empty() {
                    tr!(lang, "error.recipe", recipe = e.recipe, detail = detail)
                } else {
                    tr!(
                        lang,
                        "error.recipe_key",
                        recipe = e.recipe,
                        key = e.key,
                        detail = detail
                    )
                }
            }
            Error::WrongFlow {
                profile,
                flow,
                instead,
            } => tr!(
                lang,
                "error.wrong_flow",
                profile = profile,
                flow = flow,
                instead = instead
            ),
            Error::PortalAuth {
                failure,
                code,
                description,
            } => {
                let code = printable(code);
                let what = if *failure == AuthFailure::Other && !code.is_empty() {
                    code.clone()
                } else if code.is_empty() {
                    let key = format!("auth.{}", failure.name());
                    tr!(lang, &key)
                } else {
                    let key = format!("auth.{}", failure.name());
                    format!("{} ({code})", tr!(lang, &key))
                };
                // The portal's own words only when they add something: not
                // when they say what dvc already says (in either language:
                // an English portal message under --lang vi is the same
                // meaning, not news).
                let d = printable(description);
                let d = d.trim();
                let said_in_english = if lang == Lang::En || *failure == AuthFailure::Other {
                    String::new()
                } else {
                    let key = format!("auth.{}", failure.name());
                    tr!(Lang::En, &key)
                };
                if d.is_empty()
                    || what.to_lowercase().contains(&d.to_lowercase())
                    || (*failure != AuthFailure::Other
                        && (repeats(d, &what) || repeats(d, &said_in_english)))
                {
                    tr!(lang, "error.portal_auth", what = what)
                } else {
                    tr!(lang, "error.portal_auth_desc", what = what, description = d)
                }
            }
            Error::OAuth { error, description } => {
                let description = printable(description);
                tr!(
                    lang,
                    "error.oauth",
                    error = printable(error.as_str()),
                    description = description
                )
            }
            Error::IdToken(e) => {
                let key = format!("jwt.{}", e.code());
                let detail = match e {
                    JwtError::NoKey { kid } => tr!(lang, &key, kid = kid),
                    JwtError::Algorithm { alg } => tr!(lang, &key, alg = alg),
                    JwtError::Issuer { found, expected } => {
                        tr!(lang, &key, found = found, expected = expected)
                    }
                    _ => tr!(lang, &key),
                };
                tr!(lang, "error.id_token", detail = detail)
            }
            Error::Network { url, error } => match error {
                NetError::CaFile { path, problem } => tr!(
                    lang,
                    "error.ca_file",
                    path = path.display(),
                    detail = ca_file_detail(lang, problem)
                ),
                NetError::ConnectTo(p) => connect_to_detail(lang, p),
                _ => tr!(
                    lang,
                    "error.network",
                    url = crate::net::mask_url(url),
                    detail = net_detail(lang, error)
                ),
            },
            Error::Interrupted => tr!(lang, "error.interrupted"),
            Error::Cert(e) => e.message(lang),
        }
    }

    /// What to do about it, in `lang`, when there is something to say.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        Some(match self {
            Error::Usage { hint, .. } => return hint.clone(),
            Error::NeedsInput { .. } if no_prompt().is_some() => tr!(lang, "hint.needs_input"),
            Error::NeedsInput { .. } => return None,
            Error::ConfigInvalid { path, .. } => {
                tr!(lang, "hint.config_invalid", path = path.display())
            }
            Error::InvalidProfileName { .. } => tr!(lang, "hint.invalid_profile_name"),
            Error::UnknownProfile { .. } => tr!(lang, "hint.unknown_profile"),
            Error::NoSuchProfile { profile } => {
                tr!(lang, "hint.no_such_profile", profile = profile)
            }
            Error::NoProfileToLogIn { name } => tr!(lang, "hint.no_profile_to_log_in", name = name),
            Error::DefaultProfileMissing { path, .. } => {
                tr!(lang, "hint.default_profile_missing", path = path.display())
            }
            Error::ProfileExists { name } => tr!(lang, "hint.profile_exists", name = name),
            Error::ProfileOtherPortal { profile, .. } => {
                tr!(lang, "hint.profile_other_portal", profile = profile)
            }
            Error::InvalidUrl { .. } => tr!(lang, "hint.invalid_url"),
            Error::NotLoggedIn { profile }
            | Error::SessionExpired { profile, .. }
            | Error::SessionEnded { profile, .. }
            | Error::SessionOtherPortal { profile, .. } => {
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
            Error::Random => tr!(lang, "hint.random"),
            Error::BadCertificate { .. } => tr!(lang, "hint.bad_certificate"),
            Error::Pkcs11NoModule { .. } => tr!(lang, "hint.pkcs11_no_module"),
            Error::Pkcs11Module { .. } => tr!(lang, "hint.pkcs11_module"),
            Error::Token { .. } | Error::TokenBadSignature => tr!(lang, "hint.token"),
            Error::TokenAlgorithm { .. } | Error::TokenNoMechanism => {
                tr!(lang, "hint.token_algorithm")
            }
            Error::PinExpired { .. } => tr!(lang, "hint.pin_expired"),
            Error::Pkcs11Uri { .. } => tr!(lang, "hint.pkcs11_uri"),
            Error::NoToken => tr!(lang, "hint.no_token"),
            Error::TokenRemoved => tr!(lang, "hint.token_removed"),
            Error::PinLocked { .. } => tr!(lang, "hint.pin_locked"),
            Error::PinFinalTry { .. } => tr!(lang, "hint.pin_final_try"),
            Error::PinIncorrect { .. } => tr!(lang, "hint.pin_incorrect"),
            Error::NoPinOnStdin => tr!(lang, "hint.no_pin_on_stdin"),
            Error::CertNotFound { .. } => tr!(lang, "hint.cert_not_found"),
            Error::CertAmbiguous { .. } => tr!(lang, "hint.cert_ambiguous"),
            Error::CertNotValid { .. } | Error::CertNoneUsable { .. } => {
                tr!(lang, "hint.cert_not_valid")
            }
            Error::NoPrivateKey { .. } => tr!(lang, "hint.no_private_key"),
            Error::SignatureCheck { .. } => tr!(lang, "hint.signature_check"),
            Error::PortalUnexpected { .. } => tr!(lang, "hint.portal_unexpected"),
            Error::PageChanged { recipe, .. } if is_recipe_file(recipe) => {
                tr!(lang, "hint.page_changed_file", recipe = recipe)
            }
            Error::PageChanged { recipe, .. } => tr!(lang, "hint.page_changed", recipe = recipe),
            Error::OriginNotAllowed { .. } => tr!(lang, "hint.origin_not_allowed"),
            Error::Recipe(e) if e.problem == crate::portal::web::recipe::RecipeProblem::Unknown => {
                tr!(lang, "hint.recipe_unknown")
            }
            Error::Recipe(e) if is_recipe_file(&e.recipe) => {
                tr!(lang, "hint.recipe_file", recipe = e.recipe)
            }
            Error::Recipe(e) => tr!(lang, "hint.recipe", recipe = e.recipe),
            Error::WrongFlow { .. } => return None,
            Error::PortalAuth { failure, .. } => match failure {
                AuthFailure::Rejected | AuthFailure::TimedOut => tr!(lang, "hint.confirm_again"),
                AuthFailure::CertificateRevoked | AuthFailure::CertificateExpired => {
                    tr!(lang, "hint.cert_not_valid")
                }
                AuthFailure::WrongPassword => tr!(lang, "hint.wrong_password"),
                AuthFailure::WrongCode => tr!(lang, "hint.wrong_code"),
                AuthFailure::AccountLocked => tr!(lang, "hint.account_locked"),
                AuthFailure::SessionExpired => tr!(lang, "hint.session_expired_login"),
                _ => tr!(lang, "hint.portal_auth"),
            },
            Error::OAuth {
                error: OAuthCode::InvalidGrant,
                ..
            } => tr!(lang, "hint.relogin"),
            Error::OAuth { .. } => tr!(lang, "hint.portal_auth"),
            Error::IdToken(_) => tr!(lang, "hint.id_token"),
            Error::Network { error, .. } => match error {
                NetError::CaFile { .. } => tr!(lang, "hint.ca_file"),
                NetError::ConnectTo(p) => match **p {
                    crate::net::ConnectToProblem::Syntax { .. } => tr!(lang, "hint.connect_to"),
                    crate::net::ConnectToProblem::LoopbackElsewhere { .. } => {
                        tr!(lang, "hint.connect_to_loopback")
                    }
                    crate::net::ConnectToProblem::Unresolvable { .. } => {
                        tr!(lang, "hint.connect_to_address")
                    }
                    crate::net::ConnectToProblem::OtherPort { .. } => {
                        tr!(lang, "hint.connect_to_port")
                    }
                },
                NetError::Timeout => tr!(lang, "hint.timeout"),
                _ => tr!(lang, "hint.network"),
            },
            Error::Interrupted => return None,
            Error::Cert(e) => return e.hint(lang),
        })
    }
}

/// The line and column of a TOML parser's error, and the rest of its words
/// (the line quoted, the reason), so that the lead can be in the user's
/// language: `TOML parse error at line 2, column 1` is the parser's English.
fn toml_at(detail: &str) -> Option<(usize, usize, &str)> {
    let (first, rest) = detail.split_once('\n').unwrap_or((detail, ""));
    let (line, column) = first
        .trim()
        .strip_prefix("TOML parse error at line ")?
        .split_once(", column ")?;
    Some((
        line.trim().parse().ok()?,
        column.trim().parse().ok()?,
        rest.trim_end(),
    ))
}

/// An invalid config file, in the user's language (the parser's reason kept).
fn config_message(lang: Lang, path: &std::path::Path, p: &crate::config::ConfigProblem) -> String {
    use crate::config::ConfigProblem as P;
    let at = |line: usize, column: usize, detail: String| {
        tr!(
            lang,
            "error.config_invalid_at",
            path = path.display(),
            line = line,
            column = column,
            detail = detail
        )
    };
    let plain = |detail: String| {
        tr!(
            lang,
            "error.config_invalid",
            path = path.display(),
            detail = detail
        )
    };
    match p {
        P::Toml(d) => match toml_at(d) {
            Some((line, column, rest)) => at(line, column, format!("\n{rest}")),
            None => plain(d.trim_end().to_string()),
        },
        P::NotUtf8 { byte } => plain(tr!(lang, "config.not_utf8", byte = byte)),
        P::ProfileName { name, at: place } => {
            let why = tr!(lang, "config.profile_name", name = format!("{name:?}"));
            match place {
                Some((line, column)) => at(*line, *column, format!(" {why}")),
                None => plain(why),
            }
        }
    }
}

/// The operating system's error, with the common cases in the user's language.
fn io_detail(lang: Lang, e: &io::Error) -> String {
    io_kind_detail(lang, e.kind(), &e.to_string())
}

/// An I/O error of `kind` in the user's language; the OS's `words` for the
/// kinds `dvc` does not translate.
fn io_kind_detail(lang: Lang, kind: io::ErrorKind, words: &str) -> String {
    match kind {
        io::ErrorKind::NotFound => tr!(lang, "io.not_found"),
        io::ErrorKind::PermissionDenied => tr!(lang, "io.permission_denied"),
        io::ErrorKind::StorageFull => tr!(lang, "io.storage_full"),
        io::ErrorKind::IsADirectory => tr!(lang, "io.is_a_directory"),
        io::ErrorKind::UnexpectedEof => tr!(lang, "io.eof"),
        _ => words.to_string(),
    }
}

/// Whether `portal` says no more than `ours`: at most one of its words
/// (e.g. "SmartCA" in "wrong SmartCA password" against "wrong password")
/// is not among ours.
fn repeats(portal: &str, ours: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let ours = words(ours);
    let theirs = words(portal);
    let new: Vec<&String> = theirs.iter().filter(|w| !ours.contains(w)).collect();
    // A word that turns the meaning ("not", "expired", a number of
    // minutes) is news, however short.
    const TURNING: [&str; 10] = [
        "not", "no", "never", "expired", "locked", "không", "chưa", "hết", "khoá", "khóa",
    ];
    let turns = new
        .iter()
        .any(|w| TURNING.contains(&w.as_str()) || w.chars().any(|c| c.is_ascii_digit()));
    !ours.is_empty() && !theirs.is_empty() && !turns && new.len() <= 1 && theirs.len() > new.len()
}

/// Why the CA file cannot be used, in the user's language.
fn ca_file_detail(lang: Lang, p: &crate::net::CaFileProblem) -> String {
    use crate::net::CaFileProblem as P;
    match p {
        P::Unreadable { kind, detail } => io_kind_detail(lang, *kind, detail),
        P::NotPem => tr!(lang, "ca_file.not_pem"),
        P::Empty => tr!(lang, "ca_file.empty"),
    }
}

/// A network failure in the user's language (the library's words only for
/// the rare cases `dvc` does not recognise).
pub fn net_detail(lang: Lang, e: &NetError) -> String {
    match e {
        NetError::Timeout => tr!(lang, "net.timeout"),
        NetError::TooLarge(n) => tr!(lang, "net.too_large", size = n),
        NetError::Connect(d) | NetError::Other(d) => {
            let l = d.to_ascii_lowercase();
            if l.contains("refused") {
                tr!(lang, "net.refused")
            } else if l.contains("dns") || l.contains("lookup") || l.contains("resolve") {
                tr!(lang, "net.dns")
            } else if l.contains("certificate") || l.contains("tls") || l.contains("handshake") {
                tr!(lang, "net.tls", detail = d)
            } else if l.contains("broke") || l.contains("reset") || l.contains("closed") {
                tr!(lang, "net.broken")
            } else {
                tr!(lang, "net.other", detail = d)
            }
        }
        NetError::CaFile { path, problem } => {
            format!("{}: {}", path.display(), ca_file_detail(lang, problem))
        }
        NetError::ConnectTo(p) => connect_to_detail(lang, p),
    }
}

/// Why a `--connect-to` rule cannot be used, in the user's language.
fn connect_to_detail(lang: Lang, p: &crate::net::ConnectToProblem) -> String {
    use crate::net::ConnectToProblem as P;
    match p {
        P::Syntax { value } => tr!(lang, "connect_to.syntax", value = printable(value)),
        P::LoopbackElsewhere {
            value,
            host,
            address,
        } => tr!(
            lang,
            "connect_to.loopback",
            value = printable(value),
            host = printable(host),
            address = printable(address)
        ),
        P::Unresolvable { address, detail } => {
            let detail = if detail.is_empty() {
                tr!(lang, "connect_to.no_address")
            } else {
                detail.clone()
            };
            tr!(
                lang,
                "connect_to.unresolvable",
                address = printable(address),
                detail = detail
            )
        }
        P::OtherPort {
            rule,
            rule_port,
            host,
            port,
        } => tr!(
            lang,
            "connect_to.other_port",
            rule = rule,
            rule_port = rule_port,
            host = host,
            port = port
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connect_to_problems_are_said_in_the_users_language() {
        let p = crate::net::ConnectTo::parse("localhost:80:203.0.113.5:80").unwrap_err();
        let e = Error::net("", NetError::ConnectTo(Box::new(p)));
        assert_eq!(e.exit_code(), exit::USAGE);
        let vi = e.message(Lang::Vi);
        assert!(vi.contains("bị từ chối") && !vi.contains("refused"), "{vi}");
        assert!(e.message(Lang::En).contains("refused"));
        let p = crate::net::ConnectTo::parse("nonsense").unwrap_err();
        let vi = Error::net("", NetError::ConnectTo(Box::new(p))).message(Lang::Vi);
        assert!(vi.contains("không đúng dạng"), "{vi}");
    }

    #[test]
    fn a_portals_words_cannot_drive_the_terminal() {
        let e = Error::PortalAuth {
            failure: AuthFailure::WrongPassword,
            code: String::new(),
            description: "Sai mật khẩu\x1b]0;owned\x07\x1b[2J".into(),
        };
        let m = e.message(Lang::En);
        assert!(!m.contains('\x1b') && !m.contains('\x07'), "{m:?}");
        assert!(m.contains("Sai mật khẩu"), "{m}");
        let e = Error::OAuth {
            error: OAuthCode::parse("access_denied\x1b[31m".into()),
            description: "x\ry".into(),
        };
        let m = e.message(Lang::Vi);
        assert!(!m.chars().any(char::is_control), "{m:?}");
    }

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
        // The meaning decides, not the spelling of a code.
        let declined = Error::PortalAuth {
            failure: AuthFailure::Rejected,
            code: "PKI_USER_CANCEL".into(),
            description: String::new(),
        };
        assert_eq!(declined.exit_code(), 6);
        assert_eq!(Error::portal_code("TRANSACTION_EXPIRED", "").exit_code(), 6);
        assert_eq!(Error::portal_code("CERT_REVOKED", "").exit_code(), 1);
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

    #[test]
    fn every_dynamic_key_exists_in_both_languages() {
        let unexpected = [
            Unexpected::HtmlNotJson,
            Unexpected::EmptyNotJson,
            Unexpected::NotJson,
            Unexpected::TooLarge(1),
            Unexpected::RedirectWithoutLocation,
            Unexpected::BadUrl,
            Unexpected::BadScheme,
            Unexpected::RedirectLoop(1),
            Unexpected::DiscoveryError,
            Unexpected::DiscoveryIssuer {
                found: "a".into(),
                expected: "b".into(),
            },
            Unexpected::DiscoveryMissing("x"),
            Unexpected::NoLoginPage,
            Unexpected::MethodNotOffered("sim".into()),
            Unexpected::CodeBeforeAuthentication,
            Unexpected::ForeignIssuer,
            Unexpected::ForeignState,
            Unexpected::NoCode,
            Unexpected::LoginPageAgain,
            Unexpected::NoRedirectBack,
            Unexpected::SessionNotAccepted,
            Unexpected::NotPending,
            Unexpected::NoTransactionId,
            Unexpected::ErrorWithoutCode,
            Unexpected::NeitherRedirectNorError,
            Unexpected::NoAccessToken,
            Unexpected::NoIdToken,
            Unexpected::UserinfoError,
            Unexpected::RevocationError,
            Unexpected::CheckError,
        ];
        let mut keys: Vec<String> = unexpected
            .iter()
            .map(|u| format!("unexpected.{}", u.code()))
            .collect();
        keys.extend(AuthFailure::NAMES.iter().map(|n| format!("auth.{n}")));
        for j in [
            JwtError::Malformed,
            JwtError::NoKey { kid: "k".into() },
            JwtError::Algorithm { alg: "a".into() },
            JwtError::Signature,
            JwtError::Issuer {
                found: "a".into(),
                expected: "b".into(),
            },
            JwtError::Audience,
            JwtError::Expired,
            JwtError::Nonce,
        ] {
            keys.push(format!("jwt.{}", j.code()));
        }
        for k in &keys {
            for lang in [Lang::En, Lang::Vi] {
                let t = tr!(lang, k);
                assert!(!t.ends_with(k.as_str()), "{k} is missing in {lang}");
            }
        }
        for name in AuthFailure::NAMES {
            assert_eq!(AuthFailure::from_name(name).map(|f| f.name()), Some(*name));
        }
    }

    #[test]
    fn the_fallback_warning_says_things_once() {
        for lang in [Lang::En, Lang::Vi] {
            let why = KeyringError::Unavailable.message(lang);
            let m = tr!(lang, "storage.fallback", why = why, path = "/p");
            assert_eq!(m.matches("keyring").count(), 1, "{m}");
            assert!(!m.contains("((") && !m.contains("))"), "{m}");
        }
    }

    #[test]
    fn portal_words_are_not_repeated() {
        let e = Error::portal_code("SMARTCA_AUTH_FAILED", "wrong SmartCA password");
        let m = e.message(Lang::En);
        assert_eq!(m.matches("password").count(), 1, "{m}");
        let e = Error::portal_code("SMARTCA_AUTH_FAILED", "Mật khẩu không đúng");
        assert!(e.message(Lang::En).contains("Mật khẩu không đúng"));
        // The code mapped to a meaning (a web recipe): "wrong password
        // (SMARTCA_AUTH_FAILED)" says it; the portal's English adds nothing,
        // in English or in Vietnamese.
        let e = Error::PortalAuth {
            failure: AuthFailure::WrongPassword,
            code: "SMARTCA_AUTH_FAILED".into(),
            description: "wrong SmartCA password".into(),
        };
        let en = e.message(Lang::En);
        assert_eq!(en.matches("password").count(), 1, "{en}");
        let vi = e.message(Lang::Vi);
        assert!(!vi.contains("wrong"), "{vi}");
        // Words that add something stay.
        let e = Error::PortalAuth {
            failure: AuthFailure::AccountLocked,
            code: "17003".into(),
            description: "Account is locked for 15 minutes after 5 failed attempts".into(),
        };
        assert!(e.message(Lang::Vi).contains("15 minutes"));
        // One word can turn the meaning: kept.
        let e = Error::PortalAuth {
            failure: AuthFailure::WrongPassword,
            code: "X".into(),
            description: "Password expired".into(),
        };
        assert!(e.message(Lang::En).contains("Password expired"));
    }

    #[test]
    fn toml_errors_get_a_lead_in_the_users_language() {
        let toml_err = toml::from_str::<crate::config::Config>("[profiles.a]\nfoo = 1\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            toml_at(&toml_err).map(|(l, c, _)| (l, c)),
            Some((2, 1)),
            "{toml_err}"
        );
        assert_eq!(toml_at("no place given"), None);
        let e = Error::ConfigInvalid {
            path: "/c.toml".into(),
            problem: crate::config::ConfigProblem::Toml(toml_err),
        };
        let vi = e.message(Lang::Vi);
        assert!(
            vi.starts_with("tệp cấu hình /c.toml không hợp lệ ở dòng 2, cột 1:\n")
                && vi.contains("foo = 1")
                && vi.contains("unknown field `foo`")
                && !vi.contains("TOML parse error"),
            "{vi}"
        );
        assert!(e.message(Lang::En).contains("invalid at line 2, column 1:"));
        let e = Error::ConfigInvalid {
            path: "/c.toml".into(),
            problem: crate::config::ConfigProblem::NotUtf8 { byte: 3 },
        };
        assert!(e
            .message(Lang::Vi)
            .contains("không phải văn bản UTF-8 (byte 3)"));
    }

    #[test]
    fn the_ca_file_error_in_the_users_language() {
        let e = Error::net(
            "",
            NetError::CaFile {
                path: "/nonexist".into(),
                problem: crate::net::CaFileProblem::Unreadable {
                    kind: io::ErrorKind::NotFound,
                    detail: "No such file or directory (os error 2)".into(),
                },
            },
        );
        assert_eq!(
            e.message(Lang::Vi),
            "không dùng được tệp CA /nonexist: không có tệp hoặc thư mục này"
        );
        assert_eq!(e.exit_code(), exit::USAGE);
        let e = Error::net(
            "",
            NetError::CaFile {
                path: "/x".into(),
                problem: crate::net::CaFileProblem::NotPem,
            },
        );
        assert!(e.message(Lang::Vi).contains("không phải tệp PEM"));
    }
}

/// Whether a recipe is named by a file (a profile's `recipe_file`,
/// `--recipe ./my.toml`) rather than a built-in name.
fn is_recipe_file(recipe: &str) -> bool {
    recipe.contains('/') || recipe.contains('\\') || recipe.ends_with(".toml")
}

/// Why `dvc` may not prompt in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoPrompt {
    /// `--no-input` or `DVC_NO_INPUT`.
    Asked,
    /// `CI` is set.
    Ci,
    /// stdin is not a terminal.
    Stdin,
    /// stderr, where prompts go, is not a terminal.
    Stderr,
}

impl NoPrompt {
    fn key(self) -> &'static str {
        match self {
            NoPrompt::Asked => "no_prompt.asked",
            NoPrompt::Ci => "no_prompt.ci",
            NoPrompt::Stdin => "no_prompt.stdin",
            NoPrompt::Stderr => "no_prompt.stderr",
        }
    }
}

static NO_PROMPT: std::sync::OnceLock<NoPrompt> = std::sync::OnceLock::new();

/// Records why this run may not prompt (once, at start).
pub fn set_no_prompt(why: NoPrompt) {
    let _ = NO_PROMPT.set(why);
}

fn no_prompt() -> Option<NoPrompt> {
    NO_PROMPT.get().copied()
}

/// A portal's words as a terminal may show them: control characters (an
/// escape sequence a page could slip in) become spaces.
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
