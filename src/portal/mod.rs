//! The portal clients.
//!
//! * [`oidc`]: portal-login.md, for portals that register `dvc` as an OAuth
//!   client (discovery, the browser-like login, tokens, id_token, refresh,
//!   revocation).
//! * [`api`]: authenticated requests to a portal's API (a bearer token).
//!
//! Both know nothing of the terminal: waiting for a phone or an app is
//! reported through [`Waiter`], a USB signature is asked of a callback, and
//! failures are values ([`Unexpected`], [`AuthFailure`]) that the CLI puts
//! into words.

pub mod api;
pub mod oidc;
pub mod web;

use std::time::Duration;

/// Reports the wait for the phone / app, and says when to stop.
pub trait Waiter {
    /// The request is out: the verification code (if any) and how long it lives.
    fn started(&mut self, code: Option<&str>, expires_in: Duration);
    /// Still waiting; `left` until it expires.
    fn waiting(&mut self, left: Duration);
    /// Whether the user asked to stop.
    fn interrupted(&self) -> bool;
}

/// A waiter that shows nothing and is never interrupted (tests, USB).
#[derive(Debug, Default)]
pub struct SilentWaiter;

impl Waiter for SilentWaiter {
    fn started(&mut self, _: Option<&str>, _: Duration) {}
    fn waiting(&mut self, _: Duration) {}
    fn interrupted(&self) -> bool {
        false
    }
}

/// Something a portal answered that the protocol does not allow at that
/// point; each has a sentence in both languages (`unexpected.<code>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unexpected {
    /// An HTML page where JSON was expected.
    HtmlNotJson,
    /// An empty body where JSON was expected.
    EmptyNotJson,
    /// Something else that is not JSON.
    NotJson,
    /// A body larger than the bound.
    TooLarge(usize),
    /// A redirect without `Location`.
    RedirectWithoutLocation,
    /// A URL that does not parse.
    BadUrl,
    /// A redirect to a scheme other than http(s).
    BadScheme,
    /// More redirects in a row than allowed.
    RedirectLoop(usize),
    /// An error status where the discovery document was expected.
    DiscoveryError,
    /// Discovery names another issuer.
    DiscoveryIssuer {
        /// What it names.
        found: String,
        /// What the profile says.
        expected: String,
    },
    /// A required discovery field is missing.
    DiscoveryMissing(&'static str),
    /// No login page (no `sessionDataKey`) after the authorization request.
    NoLoginPage,
    /// The portal does not offer this method.
    MethodNotOffered(String),
    /// A code came back before any authentication.
    CodeBeforeAuthentication,
    /// A callback naming another issuer (`iss`).
    ForeignIssuer,
    /// A callback whose `state` is not ours.
    ForeignState,
    /// A callback without a code.
    NoCode,
    /// The login page came back after the authentication step.
    LoginPageAgain,
    /// No redirect back after authentication.
    NoRedirectBack,
    /// The portal's session cookies came back, but its check page does not
    /// accept them.
    SessionNotAccepted,
    /// A wait answer that is neither pending nor a result.
    NotPending,
    /// A pending answer without a transaction id.
    NoTransactionId,
    /// An error without an OAuth error code.
    ErrorWithoutCode,
    /// An answer that is neither a redirect nor a known error.
    NeitherRedirectNorError,
    /// A token answer without `access_token`.
    NoAccessToken,
    /// A token answer without `id_token`.
    NoIdToken,
    /// An error from userinfo.
    UserinfoError,
    /// An error from the revocation endpoint.
    RevocationError,
    /// An error (neither 2xx, a redirect, 401 nor 403) from a web
    /// session's check page.
    CheckError,
}

impl Unexpected {
    /// A stable code: the catalog key is `unexpected.<code>`.
    pub fn code(&self) -> &'static str {
        match self {
            Unexpected::HtmlNotJson => "html_not_json",
            Unexpected::EmptyNotJson => "empty_not_json",
            Unexpected::NotJson => "not_json",
            Unexpected::TooLarge(_) => "too_large",
            Unexpected::RedirectWithoutLocation => "redirect_without_location",
            Unexpected::BadUrl => "bad_url",
            Unexpected::BadScheme => "bad_scheme",
            Unexpected::RedirectLoop(_) => "redirect_loop",
            Unexpected::DiscoveryError => "discovery_error",
            Unexpected::DiscoveryIssuer { .. } => "discovery_issuer",
            Unexpected::DiscoveryMissing(_) => "discovery_missing",
            Unexpected::NoLoginPage => "no_login_page",
            Unexpected::MethodNotOffered(_) => "method_not_offered",
            Unexpected::CodeBeforeAuthentication => "code_before_authentication",
            Unexpected::ForeignIssuer => "foreign_issuer",
            Unexpected::ForeignState => "foreign_state",
            Unexpected::NoCode => "no_code",
            Unexpected::LoginPageAgain => "login_page_again",
            Unexpected::NoRedirectBack => "no_redirect_back",
            Unexpected::SessionNotAccepted => "session_not_accepted",
            Unexpected::NotPending => "not_pending",
            Unexpected::NoTransactionId => "no_transaction_id",
            Unexpected::ErrorWithoutCode => "error_without_code",
            Unexpected::NeitherRedirectNorError => "neither_redirect_nor_error",
            Unexpected::NoAccessToken => "no_access_token",
            Unexpected::NoIdToken => "no_id_token",
            Unexpected::UserinfoError => "userinfo_error",
            Unexpected::RevocationError => "revocation_error",
            Unexpected::CheckError => "check_error",
        }
    }
}

/// An OAuth error code (RFC 6749 §5.2, §4.1.2.1): the one `dvc` acts on
/// (`invalid_grant`: the session is over, log in again) named, the others
/// kept as the portal spelled them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OAuthCode {
    /// `invalid_grant`: the refresh token or code is no longer good.
    InvalidGrant,
    /// Any other code.
    Other(String),
}

impl OAuthCode {
    /// The code as the portal sent it.
    pub fn parse(code: String) -> OAuthCode {
        match code.as_str() {
            "invalid_grant" => OAuthCode::InvalidGrant,
            _ => OAuthCode::Other(code),
        }
    }

    /// The code's spelling.
    pub fn as_str(&self) -> &str {
        match self {
            OAuthCode::InvalidGrant => "invalid_grant",
            OAuthCode::Other(c) => c,
        }
    }
}

impl std::fmt::Display for OAuthCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a portal's refusal of a login means, whatever its code: the exit
/// code and the advice follow the meaning, never the code's spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthFailure {
    /// Declined on the phone or in the app.
    Rejected,
    /// Not confirmed in time (or the transaction is unknown).
    TimedOut,
    /// The login attempt (`sessionDataKey`) expired or was used.
    SessionExpired,
    /// The portal does not offer this method.
    Unsupported,
    /// The certificate's chain could not be verified.
    CertificateChain,
    /// The certificate is valid but bound to no account.
    UnknownCertificate,
    /// The signature does not verify.
    BadSignature,
    /// The user's certificate has expired.
    CertificateExpired,
    /// The user's certificate is revoked.
    CertificateRevoked,
    /// No SIM certificate for that phone number.
    UnknownPhone,
    /// No such SmartCA / VNeID user.
    UnknownUser,
    /// A wrong password.
    WrongPassword,
    /// A wrong one-time code.
    WrongCode,
    /// The account is locked or disabled.
    AccountLocked,
    /// The portal's own failure.
    ServerError,
    /// A code `dvc` does not know: shown as it is.
    Other,
}

impl AuthFailure {
    /// The meaning of a portal-login.md §3 code.
    pub fn from_code(code: &str) -> AuthFailure {
        match code {
            "USER_REJECTED" => AuthFailure::Rejected,
            "TRANSACTION_EXPIRED" => AuthFailure::TimedOut,
            "SESSION_EXPIRED" => AuthFailure::SessionExpired,
            "UNSUPPORTED_AUTHENTICATOR" => AuthFailure::Unsupported,
            "USB_CERTIFICATE_VERIFICATION_FAILED" => AuthFailure::CertificateChain,
            "USB_USER_NOT_FOUND_BY_SERIAL" => AuthFailure::UnknownCertificate,
            "SIGNATURE_INVALID" => AuthFailure::BadSignature,
            "CERT_EXPIRED" | "PKI_EXPIRED_CERT" => AuthFailure::CertificateExpired,
            "CERT_REVOKED" => AuthFailure::CertificateRevoked,
            "PKI_NOT_FOUND_USER_WITH_PHONE" => AuthFailure::UnknownPhone,
            "SMARTCA_USER_NOT_FOUND" => AuthFailure::UnknownUser,
            "SMARTCA_AUTH_FAILED" => AuthFailure::WrongPassword,
            "SERVER_ERROR" => AuthFailure::ServerError,
            _ => AuthFailure::Other,
        }
    }

    /// A meaning by its recipe name (`declined`, `timed_out`, …).
    pub fn from_name(name: &str) -> Option<AuthFailure> {
        Some(match name {
            "declined" | "rejected" => AuthFailure::Rejected,
            "timed_out" => AuthFailure::TimedOut,
            "session_expired" => AuthFailure::SessionExpired,
            "unsupported" => AuthFailure::Unsupported,
            "certificate_chain" => AuthFailure::CertificateChain,
            "unknown_certificate" => AuthFailure::UnknownCertificate,
            "bad_signature" => AuthFailure::BadSignature,
            "certificate_expired" => AuthFailure::CertificateExpired,
            "certificate_revoked" => AuthFailure::CertificateRevoked,
            "unknown_phone" => AuthFailure::UnknownPhone,
            "unknown_user" => AuthFailure::UnknownUser,
            "wrong_password" => AuthFailure::WrongPassword,
            "wrong_code" => AuthFailure::WrongCode,
            "account_locked" => AuthFailure::AccountLocked,
            "server_error" => AuthFailure::ServerError,
            "other" => AuthFailure::Other,
            _ => return None,
        })
    }

    /// The names [`AuthFailure::from_name`] accepts.
    pub const NAMES: &'static [&'static str] = &[
        "declined",
        "timed_out",
        "session_expired",
        "unsupported",
        "certificate_chain",
        "unknown_certificate",
        "bad_signature",
        "certificate_expired",
        "certificate_revoked",
        "unknown_phone",
        "unknown_user",
        "wrong_password",
        "wrong_code",
        "account_locked",
        "server_error",
        "other",
    ];

    /// The catalog key suffix (`auth.<name>`).
    pub fn name(self) -> &'static str {
        match self {
            AuthFailure::Rejected => "declined",
            AuthFailure::TimedOut => "timed_out",
            AuthFailure::SessionExpired => "session_expired",
            AuthFailure::Unsupported => "unsupported",
            AuthFailure::CertificateChain => "certificate_chain",
            AuthFailure::UnknownCertificate => "unknown_certificate",
            AuthFailure::BadSignature => "bad_signature",
            AuthFailure::CertificateExpired => "certificate_expired",
            AuthFailure::CertificateRevoked => "certificate_revoked",
            AuthFailure::UnknownPhone => "unknown_phone",
            AuthFailure::UnknownUser => "unknown_user",
            AuthFailure::WrongPassword => "wrong_password",
            AuthFailure::WrongCode => "wrong_code",
            AuthFailure::AccountLocked => "account_locked",
            AuthFailure::ServerError => "server_error",
            AuthFailure::Other => "other",
        }
    }
}
