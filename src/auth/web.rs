//! The web flow's part of the lifecycle: which recipe a profile uses, the
//! session a web login leaves (the portal's cookies and who logged in), the
//! portal's check of it, and its end (the recipe's `logout_url`).

use crate::config::{Profile, ProfileName, RecipeRef};
use crate::error::{Error, Result};
use crate::net::{Http, HttpSettings, Request};
use crate::portal::web::recipe::Recipe;
use crate::portal::web::WebLogin;
use crate::session::{Account, AccountType, Flow, Method, Secret, Session, WebSession};

/// Loads the recipe a reference names.
pub fn load_recipe(r: &RecipeRef) -> Result<Recipe> {
    match r {
        RecipeRef::BuiltIn(name) => Ok(Recipe::built_in(name)?),
        RecipeRef::File(path) => Recipe::from_file(path),
    }
}

/// The recipe of a web profile.
pub fn recipe_of(profile: &Profile) -> Result<Option<(Recipe, RecipeRef)>> {
    match profile.web_recipe() {
        Some(r) => Ok(Some((load_recipe(&r)?, r))),
        None => Ok(None),
    }
}

/// Who logged in, as far as the login itself tells: the USB certificate's
/// subject, the VNeID ID, the phone, the SmartCA account.
pub fn account_from_login(
    method: Method,
    identity: &str,
    certificate: Option<&[u8]>,
    claims: Option<&serde_json::Value>,
) -> Account {
    if let Some(c) = claims.filter(|c| c.is_object()) {
        return Account::from_claims(c);
    }
    if let Some(info) = certificate.and_then(|d| crate::cert::decode_der(d).ok()) {
        let business = info.tax_code.is_some();
        return Account {
            kind: if business {
                AccountType::Business
            } else {
                AccountType::Citizen
            },
            name: info.common_name.clone(),
            tax_code: info.tax_code.clone(),
            id_number: info.id_number.clone(),
            sub: None,
            person_name: info.common_name.clone(),
            email: None,
            phone: None,
        };
    }
    let identity = identity.trim();
    let digits = identity.chars().filter(|c| c.is_ascii_digit()).count();
    let (kind, tax_code, id_number, phone) = match method {
        // Nothing said who (a QR scanned in the app, no ID given): no empty
        // numbers, and no guess of the type.
        _ if identity.is_empty() => (AccountType::Unknown, None, None, None),
        Method::Sim => (AccountType::Citizen, None, None, Some(identity.to_string())),
        _ if digits == 12 && identity.len() == 12 => {
            (AccountType::Citizen, None, Some(identity.to_string()), None)
        }
        // A tax code (10 digits, or 13 with a branch suffix): a business,
        // as the portal's claims say of the same company after a USB login.
        _ if (digits == 10 || digits == 13)
            && identity.chars().all(|c| c.is_ascii_digit() || c == '-') =>
        {
            (
                AccountType::Business,
                Some(identity.to_string()),
                None,
                None,
            )
        }
        _ => (
            AccountType::Organisation,
            Some(identity.to_string()),
            None,
            None,
        ),
    };
    Account {
        kind,
        name: None,
        tax_code,
        id_number,
        sub: None,
        person_name: None,
        email: None,
        phone,
    }
}

/// Who and how a web login was made.
pub struct WebIdentity {
    /// The method.
    pub method: Method,
    /// Who logged in.
    pub account: Account,
    /// The USB certificate (DER), when the method has one.
    pub certificate: Option<Vec<u8>>,
}

/// Builds the stored session of a web login.
pub fn session_from_web(
    name: &ProfileName,
    recipe: &Recipe,
    source: &RecipeRef,
    who: WebIdentity,
    login: WebLogin,
    now: time::OffsetDateTime,
) -> Session {
    let WebIdentity {
        method,
        account,
        certificate,
    } = who;
    let web = WebSession {
        recipe: source.to_string(),
        rp_origin: recipe.rp_origin.trim_end_matches('/').to_string(),
        session_cookies: recipe.session_cookies.clone(),
        check_url: recipe.check_url.clone(),
        logout_url: recipe.logout_url.clone(),
        cookies: login.cookies,
    };
    let expires = web.expires_at().unwrap_or(now + time::Duration::hours(8));
    Session {
        profile: name.clone(),
        issuer: web.rp_origin.clone(),
        client_id: String::new(),
        method,
        token_type: "cookie".into(),
        scope: None,
        access_token: Secret::default(),
        refresh_token: None,
        id_token: None,
        access_token_expires_at: expires,
        refresh_token_expires_at: None,
        refresh_refused_at: None,
        logged_in_at: now,
        refreshed_at: None,
        account,
        certificate,
        flow: Flow::Web,
        web: Some(web),
    }
}

/// The `Cookie` header a web session sends to `url` (its cookies whose
/// domain, path and `Secure` flag match), or `None` for another origin.
pub fn cookie_header(session: &Session, url: &url::Url) -> Option<String> {
    let w = session.web.as_ref()?;
    let rp = url::Url::parse(&w.rp_origin).ok()?;
    if rp.origin() != url.origin() {
        return None;
    }
    let host = url.host_str().unwrap_or("");
    let pairs: Vec<String> = w
        .cookies
        .iter()
        .filter(|c| {
            let domain_ok = if c.host_only {
                c.domain.eq_ignore_ascii_case(host)
            } else {
                let d = c.domain.trim_start_matches('.');
                host.eq_ignore_ascii_case(d)
                    || host.to_ascii_lowercase().ends_with(&format!(".{d}"))
            };
            let path_ok = url.path().starts_with(c.path.trim_end_matches('/')) || c.path == "/";
            domain_ok && path_ok && (!c.secure || url.scheme() == "https")
        })
        .map(|c| format!("{}={}", c.name, c.value.expose()))
        .collect();
    Some(pairs.join("; "))
}

/// Asks the portal whether a web session lives: a 2xx from `check_url`
/// with the session's cookies, not a redirect to a login page.
pub fn check(http: &HttpSettings, session: &Session) -> Result<bool> {
    let w = session.web.as_ref().ok_or(Error::WrongFlow {
        profile: session.profile.to_string(),
        flow: "oidc",
        instead: "dvc session refresh",
    })?;
    let url = crate::portal::oidc::check_url("check_url", &w.check_url)?;
    let client = Http::with(http).map_err(|e| Error::net(url.as_str(), e))?;
    let header = cookie_header(session, &url).unwrap_or_default();
    let a = client
        .send(Request::get(url.as_str()).header("Cookie", &header))
        .map_err(|e| crate::portal::oidc::net(url.as_str(), e))?;
    log::info!("check_url answered {}", a.status);
    match a.status {
        200..=299 => Ok(true),
        // To a login page, or refused: the session has ended.
        s if a.is_redirect() || s == 401 || s == 403 => Ok(false),
        // Anything else says nothing about the session (a proxy's 502, the
        // portal down): an error, never "log in again".
        s => Err(Error::unexpected(
            s,
            url.as_str(),
            crate::portal::Unexpected::CheckError,
        )),
    }
}

/// Remembers that the portal said the profile's web session ended (status
/// and login then say so). Under the profile's lock; a session replaced
/// meanwhile (another login) is left alone.
pub fn mark_ended(
    store: &crate::session::SessionStore,
    seen: &Session,
    now: time::OffsetDateTime,
) -> Result<()> {
    let _lock = crate::fs::lock::ProfileLock::acquire(
        store.state_dir(),
        &seen.profile,
        crate::fs::lock::DEFAULT_LOCK_WAIT,
    )?;
    let Some(stored) = store.load(&seen.profile)? else {
        return Ok(());
    };
    if stored.session.logged_in_at != seen.logged_in_at {
        return Ok(());
    }
    let mut dead = stored.session;
    dead.refresh_refused_at = Some(now);
    let pref = if stored.storage == crate::session::Storage::File {
        crate::session::StoragePreference::File
    } else {
        crate::session::StoragePreference::Auto
    };
    let _critical = crate::ui::signals::Critical::enter();
    store.save(&dead, pref)?;
    Ok(())
}

/// Ends a web session at the portal (`logout_url` with its cookies);
/// `Ok(false)` when the recipe has none.
pub fn logout(http: &HttpSettings, session: &Session) -> Result<bool> {
    let Some(w) = session.web.as_ref() else {
        return Ok(false);
    };
    let Some(u) = &w.logout_url else {
        return Ok(false);
    };
    let url = crate::portal::oidc::check_url("logout_url", u)?;
    let client = Http::with(http).map_err(|e| Error::net(url.as_str(), e))?;
    let header = cookie_header(session, &url).unwrap_or_default();
    let a = client
        .send(Request::get(url.as_str()).header("Cookie", &header))
        .map_err(|e| crate::portal::oidc::net(url.as_str(), e))?;
    if a.status >= 400 {
        return Err(Error::unexpected(
            a.status,
            url.as_str(),
            crate::portal::Unexpected::RevocationError,
        ));
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_logged_in_from_the_login_alone() {
        let qr = account_from_login(Method::Vneid, "", None, None);
        assert_eq!((qr.tax_code, qr.id_number, qr.phone), (None, None, None));
        let org = account_from_login(Method::Vneid, "0101234567", None, None);
        assert_eq!(org.tax_code.as_deref(), Some("0101234567"));
        let citizen = account_from_login(Method::Vneid, "001099012345", None, None);
        assert_eq!(
            (citizen.kind, citizen.id_number.as_deref()),
            (AccountType::Citizen, Some("001099012345"))
        );
        let sim = account_from_login(Method::Sim, "84912345678", None, None);
        assert_eq!(sim.phone.as_deref(), Some("84912345678"));
    }
}
