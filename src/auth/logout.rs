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

/// What [`logout`] did.
#[derive(Debug)]
pub enum LoggedOut {
    /// There was no session.
    NotLoggedIn,
    /// A session file that could not be read was deleted (the portal could
    /// not be told).
    Unreadable,
    /// The session was deleted after telling the portal (or trying).
    Done(Revocation),
}

/// Logs a profile out: under the profile's lock (a refresh or a login of
/// another process waits), the portal is told, then the local session is
/// deleted whatever the portal said.
pub fn logout(
    store: &crate::session::SessionStore,
    http: &HttpSettings,
    profile: Option<&Profile>,
    name: &crate::config::ProfileName,
) -> crate::error::Result<LoggedOut> {
    let _lock = crate::fs::lock::ProfileLock::acquire(
        store.state_dir(),
        name,
        crate::fs::lock::DEFAULT_LOCK_WAIT,
    )?;
    let revocation = match store.load(name) {
        Ok(Some(stored)) => Some(revoke(http, profile, &stored.session)),
        _ => None,
    };
    let _critical = crate::ui::signals::Critical::enter();
    if !store.delete(name)? {
        return Ok(LoggedOut::NotLoggedIn);
    }
    Ok(match revocation {
        Some(r) => LoggedOut::Done(r),
        None => LoggedOut::Unreadable,
    })
}
