//! A session good for at least 60 s more: the stored one, or refreshed
//! under the profile's lock (re-reading the store first, so that twenty
//! scripts that find it expired refresh once and share the result).

use std::time::Duration;

use secrecy::ExposeSecret;

use super::AuthEnv;
use crate::config::{Profile, ProfileName};
use crate::error::{Error, Result};
use crate::session::{Secret, Session, Storage, StoragePreference};

/// The margin before expiry within which a token is refreshed.
pub const MARGIN: time::Duration = time::Duration::seconds(60);

/// The profile's session, refreshed when its access token expires within
/// 60 s (or always with `force`). A session issued by another portal than
/// the profile's is refused (exit 4), never sent anywhere.
pub fn fresh_session(
    env: &AuthEnv<'_>,
    profile: Option<&Profile>,
    name: &ProfileName,
    force: bool,
) -> Result<Session> {
    let now = env.clock.now();
    let stored = env.store.load(name)?.ok_or_else(|| match profile {
        // Neither a profile nor a session: a typo (`DVC_PROFILE=acme` in a
        // crontab), not a login to do.
        None => Error::NoSuchProfile {
            profile: name.to_string(),
        },
        Some(_) => Error::NotLoggedIn {
            profile: name.to_string(),
        },
    })?;
    check_portal(profile, &stored.session)?;
    if stored.session.flow == crate::session::Flow::Web {
        // Cookies, not a token: nothing to refresh or print.
        return Err(Error::WrongFlow {
            profile: name.to_string(),
            flow: "web",
            instead: if force {
                "dvc session check"
            } else {
                "dvc session cookies"
            },
        });
    }
    if !force && stored.session.access_token_fresh(now, MARGIN) {
        return Ok(stored.session);
    }
    if stored.session.refresh_token.is_none() || stored.session.refresh_refused_at.is_some() {
        if stored.session.access_token_valid(now, time::Duration::ZERO) && !force {
            return Ok(stored.session);
        }
        return Err(Error::SessionExpired {
            profile: name.to_string(),
            expired_at: crate::clock::rfc3339(stored.session.access_token_expires_at),
        });
    }
    let seen = stored.session.access_token.clone();
    let _lock = crate::fs::lock::ProfileLock::acquire(
        env.store.state_dir(),
        name,
        crate::fs::lock::DEFAULT_LOCK_WAIT,
    )?;
    // Another process may have refreshed while we waited: its token will do
    // (even when the portal's tokens live less than the 60 s margin).
    let stored = env.store.load(name)?.ok_or_else(|| Error::NotLoggedIn {
        profile: name.to_string(),
    })?;
    let now = env.clock.now();
    let replaced = stored.session.access_token != seen
        && stored.session.access_token_valid(now, time::Duration::ZERO);
    if replaced || (!force && stored.session.access_token_fresh(now, MARGIN)) {
        return Ok(stored.session);
    }
    let s = stored.session.clone();
    let p = super::profile_for_session(profile, &s);
    let mut http = env.http.clone();
    http.timeout = http.timeout.min(Duration::from_secs(30));
    let cfg = super::portal_config(&p, http)?;
    let portal = crate::portal::oidc::Portal::discover(cfg)?;
    let rt = s
        .refresh_token
        .as_ref()
        .map(|r| r.expose().to_string())
        .unwrap_or_default();
    let pref = if stored.storage == Storage::File {
        StoragePreference::File
    } else {
        StoragePreference::Auto
    };
    // From the request to the save: a portal that rotates refresh tokens
    // has already spent the old one when it answers.
    let critical = crate::ui::signals::Critical::enter();
    let t = match portal.refresh(&rt) {
        Ok(t) => t,
        Err(
            e @ Error::OAuth {
                error: crate::portal::OAuthCode::InvalidGrant,
                ..
            },
        ) => {
            // The portal ended the session: remember it (status then says
            // so), delete nothing.
            let mut dead = s.clone();
            dead.refresh_refused_at = Some(env.clock.now());
            let _ = env.store.save(&dead, pref);
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    let now = env.clock.now();
    let mut new = s.clone();
    new.access_token = Secret::new(t.access_token.expose_secret());
    if let Some(r) = t.refresh_token {
        new.refresh_token = Some(Secret::new(r.expose_secret()));
    }
    if let Some(i) = t.id_token {
        new.id_token = Some(Secret::new(i.expose_secret()));
    }
    new.access_token_expires_at = now + time::Duration::seconds(t.expires_in.max(0));
    new.refreshed_at = Some(now);
    env.store.save(&new, pref)?;
    drop(critical);
    log::info!("refreshed the session of profile {name}");
    Ok(new)
}

/// Refuses a session whose issuer is not the profile's portal.
pub fn check_portal(profile: Option<&Profile>, session: &Session) -> Result<()> {
    let Some(profile) = profile else {
        return Ok(());
    };
    let web_profile = profile.web_recipe().is_some();
    let web_session = session.flow == crate::session::Flow::Web;
    if web_profile || web_session {
        if web_profile != web_session {
            return Err(Error::SessionOtherPortal {
                profile: session.profile.to_string(),
                session_issuer: session.issuer.clone(),
                profile_issuer: profile
                    .web_recipe()
                    .map(|r| r.to_string())
                    .or_else(|| profile.issuer())
                    .unwrap_or_default(),
            });
        }
        return Ok(());
    }
    if let Some(issuer) = profile.issuer() {
        if issuer.trim_end_matches('/') != session.issuer.trim_end_matches('/') {
            return Err(Error::SessionOtherPortal {
                profile: session.profile.to_string(),
                session_issuer: session.issuer.clone(),
                profile_issuer: issuer,
            });
        }
    }
    Ok(())
}
