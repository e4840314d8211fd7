//! The session lifecycle, below the command line: logging in (the OIDC
//! flow of portal-login.md today; the web flow of portal-web.md for web
//! profiles), keeping a session fresh (lock, re-read, refresh, store),
//! replacing one (the old refresh token revoked) and logging out.
//!
//! Nothing here prints or prompts: the command gathers what the person
//! gives (PIN, password, choices) and shows the wait; this module decides
//! and stores.

pub mod fresh;
mod logout;
pub mod usb;
pub mod web;

use std::time::Duration;

use secrecy::ExposeSecret;

pub use fresh::fresh_session;
pub use logout::{logout, revoke, LoggedOut, Revocation};

use crate::clock::Clock;
use crate::config::{Profile, ProfileName};
use crate::error::{Error, Result};
use crate::net::HttpSettings;
use crate::portal::oidc::{Authenticator, Login, Portal, PortalConfig};
use crate::portal::Waiter;
use crate::session::{
    Account, Method, SaveOutcome, Secret, Session, SessionStore, StoragePreference,
};

/// What the lifecycle needs from the world.
pub struct AuthEnv<'a> {
    /// Where sessions live.
    pub store: &'a SessionStore,
    /// The clock.
    pub clock: &'a dyn Clock,
    /// Timeouts, TLS (`--ca-file`), `--connect-to`.
    pub http: HttpSettings,
}

/// The portal of an OIDC profile (issuer, client, …).
pub fn portal_config(profile: &Profile, http: HttpSettings) -> Result<PortalConfig> {
    let issuer = profile.issuer().ok_or(Error::NeedsInput {
        flag: "--issuer URL --client-id ID".into(),
    })?;
    let client_id = profile.client_id.clone().ok_or(Error::NeedsInput {
        flag: "--client-id ID".into(),
    })?;
    let mut http = http;
    if let Some(ca) = &profile.ca_file {
        http.ca_file.get_or_insert_with(|| ca.clone());
    }
    Ok(PortalConfig {
        discovery_url: profile
            .discovery_url()
            .unwrap_or_else(|| format!("{issuer}/.well-known/openid-configuration")),
        issuer,
        client_id,
        client_secret: profile.client_secret.clone(),
        redirect_uri: profile.redirect_uri(),
        scope: profile.scope(),
        acr_values: profile.acr_values(),
        http,
    })
}

/// The profile to refresh or revoke a stored session with: the profile's
/// portal settings when it is the session's portal, else the session's
/// issuer alone; always the session's client id.
pub fn profile_for_session(profile: Option<&Profile>, session: &Session) -> Profile {
    let mut p = profile.cloned().unwrap_or_default();
    if p.issuer() != Some(session.issuer.clone()) {
        p = Profile {
            issuer: crate::config::PortalUrl::parse(&session.issuer).ok(),
            ca_file: p.ca_file.clone(),
            ..Default::default()
        };
    }
    p.client_id = Some(session.client_id.clone());
    p
}

/// Builds the stored session from a login.
pub fn session_from(
    profile: &ProfileName,
    cfg: &PortalConfig,
    method: Method,
    login: Login,
    now: time::OffsetDateTime,
) -> Session {
    let t = login.tokens;
    Session {
        profile: profile.clone(),
        issuer: cfg.issuer.clone(),
        client_id: cfg.client_id.clone(),
        method,
        token_type: t.token_type,
        scope: t.scope,
        access_token: Secret::new(t.access_token.expose_secret()),
        refresh_token: t.refresh_token.map(|r| Secret::new(r.expose_secret())),
        id_token: t.id_token.map(|r| Secret::new(r.expose_secret())),
        access_token_expires_at: now + time::Duration::seconds(t.expires_in.max(0)),
        refresh_token_expires_at: None,
        refresh_refused_at: None,
        logged_in_at: now,
        refreshed_at: None,
        account: Account::from_claims(&login.userinfo),
        certificate: login.certificate,
        flow: crate::session::Flow::Oidc,
        web: None,
    }
}

/// Logs in to an OIDC portal (portal-login.md) and returns the new session
/// (not stored yet: see [`store_login`]).
pub fn login_oidc(
    env: &AuthEnv<'_>,
    name: &ProfileName,
    portal: &Portal,
    method: Method,
    auth: Authenticator<'_>,
    waiter: &mut dyn Waiter,
) -> Result<Session> {
    let login = portal.login(auth, waiter)?;
    Ok(session_from(
        name,
        &portal.cfg,
        method,
        login,
        env.clock.now(),
    ))
}

/// What storing a new login did.
#[derive(Debug)]
pub struct Stored {
    /// Where the session went.
    pub saved: SaveOutcome,
    /// The replaced session's revocation, when one was replaced.
    pub replaced: Option<Revocation>,
}

/// Stores a new session under the profile's lock; the session it replaces
/// (if any) has its refresh token revoked at its portal afterwards, best
/// effort.
pub fn store_login(
    env: &AuthEnv<'_>,
    profile: Option<&Profile>,
    session: &Session,
    pref: StoragePreference,
) -> Result<Stored> {
    let _lock = crate::fs::lock::ProfileLock::acquire(
        env.store.state_dir(),
        &session.profile,
        crate::fs::lock::DEFAULT_LOCK_WAIT,
    )?;
    let previous = env.store.load(&session.profile).ok().flatten();
    let saved = {
        let _critical = crate::ui::signals::Critical::enter();
        env.store.save(session, pref)?
    };
    // The new session is in place: others may go on while the old one is
    // revoked at its portal.
    drop(_lock);
    let replaced = previous.map(|old| {
        let mut http = env.http.clone();
        http.timeout = http.timeout.min(Duration::from_secs(10));
        revoke(&http, profile, &old.session)
    });
    Ok(Stored { saved, replaced })
}

/// The portal a profile logs in to: a web profile's `rp_origin` (the web
/// application whose session is kept, read from its recipe), an OIDC
/// profile's issuer. `None` when it cannot be told (no issuer, a recipe
/// that cannot be read).
pub fn portal_of(p: &Profile) -> Option<String> {
    match p.web_recipe() {
        Some(r) => web::load_recipe(&r).ok().map(|x| x.rp_origin),
        None => p.issuer(),
    }
}
