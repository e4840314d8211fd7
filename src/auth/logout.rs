//! Ending a session at its portal (portal-login.md §7): the refresh token
//! is revoked; the caller deletes the local session whatever happened, and
//! says what happened.

use crate::config::Profile;
use crate::error::Error;
use crate::net::HttpSettings;
use crate::portal::oidc::Portal;
use crate::session::Session;

/// What the portal was told.
#[derive(Debug)]
pub enum Revocation {
    /// The refresh token was revoked.
    Revoked,
    /// The portal's logout was called (a web session).
    LoggedOut,
    /// The session has no refresh token: nothing to revoke.
    NothingToRevoke,
    /// The portal offers no revocation endpoint.
    NotOffered,
    /// The portal could not be told (unreachable, an error).
    Failed(Error),
}

/// Revokes `session`'s refresh token at its portal (never at another one:
/// the profile's settings are used only when it is the session's portal).
pub fn revoke(http: &HttpSettings, profile: Option<&Profile>, session: &Session) -> Revocation {
    if session.flow == crate::session::Flow::Web {
        return match super::web::logout(http, session) {
            Ok(true) => Revocation::LoggedOut,
            Ok(false) => Revocation::NotOffered,
            Err(e) => Revocation::Failed(e),
        };
    }
    let Some(rt) = session.refresh_token.clone() else {
        return Revocation::NothingToRevoke;
    };
    let p = super::profile_for_session(profile, session);
    let result = super::portal_config(&p, http.clone())
        .and_then(Portal::discover)
        .and_then(|portal| portal.revoke(rt.expose()));
    match result {
        Ok(true) => Revocation::Revoked,
        Ok(false) => Revocation::NotOffered,
        Err(e) => Revocation::Failed(e),
    }
}
