//! The session model: what a login leaves behind (tokens or a web
//! session's cookies), who logged in and how.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::Secret;

/// How the user logged in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// A USB token (PKCS#11).
    Usb,
    /// A digital-signature SIM.
    Sim,
    /// VNPT SmartCA.
    Smartca,
    /// A VNeID account (ID, password and one-time code, or the app's QR).
    Vneid,
}

impl Method {
    /// The contract's name: `usb`, `sim` or `smartca`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Usb => "usb",
            Method::Sim => "sim",
            Method::Smartca => "smartca",
            Method::Vneid => "vneid",
        }
    }

    /// The method of a contract's name ([`Method::as_str`]).
    pub fn parse(name: &str) -> Option<Method> {
        [Method::Usb, Method::Sim, Method::Smartca, Method::Vneid]
            .into_iter()
            .find(|m| m.as_str() == name)
    }
}

/// The portal's account types (`LoaiTaiKhoan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountType {
    /// 1: a citizen.
    Citizen,
    /// 2: a business.
    Business,
    /// 3: an organisation.
    Organisation,
    /// Not told: a QR scanned in the VNeID app, on a portal that does not
    /// say which account (the app may hold a citizen's or an
    /// organisation's).
    Unknown,
}

/// Who is logged in: the portal's claims (portal-login.md §5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    /// Citizen, business or organisation.
    #[serde(rename = "type")]
    pub kind: AccountType,
    /// The business name (businesses) or the person's full name.
    pub name: Option<String>,
    /// `MaSoThue`.
    pub tax_code: Option<String>,
    /// `SoDinhDanh`.
    pub id_number: Option<String>,
    /// `sub`.
    #[serde(default)]
    pub sub: Option<String>,
    /// The person's full name (`HoVaTen`), also for businesses.
    #[serde(default)]
    pub person_name: Option<String>,
    /// `ThuDienTu`.
    #[serde(default)]
    pub email: Option<String>,
    /// `SoDienThoai`.
    #[serde(default)]
    pub phone: Option<String>,
}

impl Account {
    /// Reads the §5 claims of a userinfo (or id_token) JSON object.
    /// `LoaiTaiKhoan` may be a string or a number; a missing or unknown type
    /// is guessed from the claims present (a tax code means a business).
    pub fn from_claims(claims: &serde_json::Value) -> Account {
        let text = |k: &str| -> Option<String> {
            match claims.get(k)? {
                serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            }
        };
        let tax_code = text("MaSoThue").or_else(|| text("MaSoDoanhNghiep"));
        let kind = match text("LoaiTaiKhoan").as_deref() {
            Some("1") => AccountType::Citizen,
            Some("2") => AccountType::Business,
            Some("3") => AccountType::Organisation,
            _ if tax_code.is_some() => AccountType::Business,
            _ => AccountType::Citizen,
        };
        let person_name = text("HoVaTen");
        let name = match kind {
            AccountType::Citizen => person_name.clone(),
            _ => text("TenDoanhNghiep").or_else(|| person_name.clone()),
        };
        Account {
            kind,
            name,
            tax_code,
            id_number: text("SoDinhDanh").or_else(|| text("SoCMND")),
            sub: text("sub"),
            person_name,
            email: text("ThuDienTu"),
            phone: text("SoDienThoai"),
        }
    }
}

mod der_b64 {
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(der) => s.serialize_some(&base64::engine::general_purpose::STANDARD.encode(der)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(s) => base64::engine::general_purpose::STANDARD
                .decode(s.trim())
                .map(Some)
                .map_err(serde::de::Error::custom),
            None => Ok(None),
        }
    }
}

/// How the session was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Flow {
    /// As an OAuth client (portal-login.md): tokens.
    #[default]
    Oidc,
    /// As the portal's own page (portal-web.md): the web session's cookies.
    Web,
}

impl Flow {
    /// `oidc` or `web`, as in `dvc status --json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Flow::Oidc => "oidc",
            Flow::Web => "web",
        }
    }
}

/// A cookie of a web session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredCookie {
    /// Its name.
    pub name: String,
    /// Its value (a secret: in the keyring for keyring sessions).
    pub value: Secret,
    /// The domain it is sent to.
    pub domain: String,
    /// Sent only to this host (no `Domain` attribute).
    #[serde(default)]
    pub host_only: bool,
    /// The path it is sent under.
    pub path: String,
    /// When it expires (none: the end of the browser session).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub expires: Option<OffsetDateTime>,
    /// Sent over HTTPS only.
    #[serde(default)]
    pub secure: bool,
    /// Not readable by scripts.
    #[serde(default)]
    pub http_only: bool,
}

/// What a web session keeps besides the common fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebSession {
    /// The recipe (built-in name, or the file).
    pub recipe: String,
    /// The web application whose session this is.
    pub rp_origin: String,
    /// The cookies that prove the login (their names).
    pub session_cookies: Vec<String>,
    /// Answers 2xx while the session lives.
    pub check_url: String,
    /// Ends the session at the portal.
    #[serde(default)]
    pub logout_url: Option<String>,
    /// The cookies of `rp_origin`.
    pub cookies: Vec<StoredCookie>,
}

impl WebSession {
    /// When the first of the session cookies expires (none: no expiry given).
    pub fn expires_at(&self) -> Option<OffsetDateTime> {
        self.cookies
            .iter()
            .filter(|c| self.session_cookies.contains(&c.name))
            .filter_map(|c| c.expires)
            .min()
    }
}

/// A logged-in session of one profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// The profile it belongs to.
    pub profile: crate::profile_name::ProfileName,
    /// The SSO's issuer.
    pub issuer: String,
    /// The OAuth client id.
    pub client_id: String,
    /// How the user logged in.
    pub method: Method,
    /// `Bearer`.
    pub token_type: String,
    /// The granted scope.
    #[serde(default)]
    pub scope: Option<String>,
    /// The access token.
    pub access_token: Secret,
    /// The refresh token, if the portal gave one.
    #[serde(default)]
    pub refresh_token: Option<Secret>,
    /// The id token of the login.
    #[serde(default)]
    pub id_token: Option<Secret>,
    /// When the access token expires.
    #[serde(with = "time::serde::rfc3339")]
    pub access_token_expires_at: OffsetDateTime,
    /// When the refresh token expires, if the portal said.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub refresh_token_expires_at: Option<OffsetDateTime>,
    /// When the portal said the session ended: it refused a refresh, or
    /// (web sessions) its check page sent `dvc session check` to a login.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub refresh_refused_at: Option<OffsetDateTime>,
    /// When the login happened.
    #[serde(with = "time::serde::rfc3339")]
    pub logged_in_at: OffsetDateTime,
    /// When the tokens were last refreshed.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub refreshed_at: Option<OffsetDateTime>,
    /// Who logged in.
    pub account: Account,
    /// The login certificate (DER), when the method has one.
    #[serde(default, with = "der_b64")]
    pub certificate: Option<Vec<u8>>,
    /// OIDC tokens or a web session's cookies.
    #[serde(default)]
    pub flow: Flow,
    /// The web session (flow `web`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<WebSession>,
}

impl Session {
    /// Whether the access token is still valid at `now`, with `leeway` to spare.
    pub fn access_token_valid(&self, now: OffsetDateTime, leeway: time::Duration) -> bool {
        self.access_token_expires_at > now + leeway
    }

    /// Whether the access token is fresh enough not to refresh at `now`:
    /// valid for `margin` more, or refreshed in the last few seconds (by
    /// another process, for a portal whose tokens live less than the
    /// margin) and still valid, so that twenty scripts started together
    /// refresh once even when some of them read the store after the refresh.
    pub fn access_token_fresh(&self, now: OffsetDateTime, margin: time::Duration) -> bool {
        const JUST_REFRESHED: time::Duration = time::Duration::seconds(5);
        if self.access_token_valid(now, margin) {
            return true;
        }
        let lifetime = self
            .refreshed_at
            .map(|r| self.access_token_expires_at - r)
            .unwrap_or(time::Duration::ZERO);
        let recent = JUST_REFRESHED.min(lifetime / 2);
        self.access_token_valid(now, time::Duration::ZERO)
            && self
                .refreshed_at
                .is_some_and(|r| now - r < recent && r <= now)
    }

    /// Whether the session can still give a token at `now`: a valid access
    /// token, or a refresh token that has not expired (as far as known).
    pub fn is_live(&self, now: OffsetDateTime) -> bool {
        match (&self.flow, &self.web) {
            // Its cookies' expiry (or 8 h after the login, for cookies
            // that end with the browser), unless the portal said it ended.
            (Flow::Web, Some(_)) => {
                self.refresh_refused_at.is_none() && self.access_token_expires_at > now
            }
            (Flow::Web, None) => false,
            (Flow::Oidc, _) => {
                self.access_token_valid(now, time::Duration::ZERO) || self.refreshable(now)
            }
        }
    }

    /// Whether a refresh can still be tried: a refresh token the portal has
    /// not refused and that has not expired (as far as known).
    pub fn refreshable(&self, now: OffsetDateTime) -> bool {
        self.refresh_token.is_some()
            && self.refresh_refused_at.is_none()
            && self.refresh_token_expires_at.is_none_or(|t| t > now)
    }

    /// The session with its tokens blanked (the part kept in the file of a
    /// keyring session). A refresh token is kept as an empty marker, so the
    /// summary still knows the session can be refreshed.
    pub(crate) fn without_secrets(&self) -> Session {
        let mut web = self.web.clone();
        if let Some(w) = &mut web {
            for c in &mut w.cookies {
                c.value = Secret::default();
            }
        }
        Session {
            access_token: Secret::default(),
            refresh_token: self.refresh_token.as_ref().map(|_| Secret::default()),
            id_token: None,
            web,
            ..self.clone()
        }
    }
}
