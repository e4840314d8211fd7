//! Sessions: what a login leaves behind, and where it is kept.
//!
//! A [`Session`] holds the tokens of portal-login.md §4 (access, refresh and
//! id token with their expiry), who logged in (the §5 claims as an
//! [`Account`]), how (the [`Method`]) and with which certificate.
//!
//! The [`SessionStore`] keeps one session per profile under
//! `<state>/sessions/<profile>.json` (a 0600 file in a 0700 directory,
//! replaced atomically). With the keyring backend the tokens live in the OS
//! keyring and the file keeps only the non-secret part and the name of the
//! keyring entry, so `dvc status` never needs the keyring. Each save of a
//! keyring session writes a fresh entry before the file points at it, so a
//! crash at any moment leaves the old or the new session readable.

pub mod file;
pub mod keyring;
pub mod lock;

use std::fmt;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use keyring::{OsKeyring, SecretStore};

/// A secret string: zeroized on drop, never shown by `Debug`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps a secret.
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(Zeroizing::new(s.into()))
    }

    /// The secret itself; use only where it must go (a header, a form field, stdout).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Ok(Secret(Zeroizing::new(String::deserialize(d)?)))
    }
}

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
}

impl Method {
    /// The contract's name: `usb`, `sim` or `smartca`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Usb => "usb",
            Method::Sim => "sim",
            Method::Smartca => "smartca",
        }
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

/// A logged-in session of one profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// The profile it belongs to.
    pub profile: String,
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
}

impl Session {
    /// Whether the access token is still valid at `now`, with `leeway` to spare.
    pub fn access_token_valid(&self, now: OffsetDateTime, leeway: time::Duration) -> bool {
        self.access_token_expires_at > now + leeway
    }

    /// Whether the session can still give a token at `now`: a valid access
    /// token, or a refresh token that has not expired (as far as known).
    pub fn is_live(&self, now: OffsetDateTime) -> bool {
        self.access_token_valid(now, time::Duration::ZERO)
            || (self.refresh_token.is_some()
                && self.refresh_token_expires_at.is_none_or(|t| t > now))
    }

    fn without_secrets(&self) -> Session {
        Session {
            access_token: Secret::default(),
            refresh_token: None,
            id_token: None,
            ..self.clone()
        }
    }
}

/// Where a session is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Storage {
    /// The OS keyring.
    Keyring,
    /// A private file.
    File,
}

impl Storage {
    /// `keyring` or `file`, as in `dvc status --json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Storage::Keyring => "keyring",
            Storage::File => "file",
        }
    }
}

/// Which backend a save should use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoragePreference {
    /// The keyring when it works, else the file (with a one-time warning).
    Auto,
    /// The file, even where a keyring works (`--insecure-storage`).
    File,
}

/// The secrets of a keyring session, as kept in the keyring entry.
#[derive(Serialize, Deserialize)]
struct KeyringSecrets {
    access_token: Secret,
    #[serde(default)]
    refresh_token: Option<Secret>,
    #[serde(default)]
    id_token: Option<Secret>,
}

/// The session file.
#[derive(Serialize, Deserialize)]
struct SessionFile {
    format: u32,
    storage: Storage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    keyring_entry: Option<String>,
    session: Session,
}

const FORMAT: u32 = 1;

/// A session read back from the store.
#[derive(Debug, Clone)]
pub struct Stored {
    /// The session (without its tokens when read as a summary of a keyring session).
    pub session: Session,
    /// Where it is kept.
    pub storage: Storage,
    /// Its file.
    pub path: PathBuf,
}

/// What [`SessionStore::save`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveOutcome {
    /// Where the session went.
    pub storage: Storage,
    /// Set when the keyring was wanted but failed: why.
    pub keyring_unavailable: Option<String>,
    /// Whether this is the first fallback to a file on this machine (warn once).
    pub first_fallback: bool,
}

/// One session per profile, in the keyring or a private file.
pub struct SessionStore {
    state_dir: PathBuf,
    secrets: Box<dyn SecretStore>,
}

impl fmt::Debug for SessionStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionStore")
            .field("state_dir", &self.state_dir)
            .finish_non_exhaustive()
    }
}

impl SessionStore {
    /// A store under `state_dir` using the OS keyring. Touches nothing yet.
    pub fn new(state_dir: impl Into<PathBuf>) -> SessionStore {
        SessionStore::with_secret_store(state_dir, Box::new(OsKeyring))
    }

    /// A store with another secret store (tests).
    pub fn with_secret_store(
        state_dir: impl Into<PathBuf>,
        secrets: Box<dyn SecretStore>,
    ) -> SessionStore {
        SessionStore {
            state_dir: state_dir.into(),
            secrets,
        }
    }

    /// The directory of the session files.
    pub fn sessions_dir(&self) -> PathBuf {
        self.state_dir.join("sessions")
    }

    /// The session file of `profile`.
    pub fn path(&self, profile: &str) -> PathBuf {
        self.sessions_dir().join(format!("{profile}.json"))
    }

    fn read_file(&self, profile: &str) -> Result<Option<(SessionFile, PathBuf)>> {
        crate::config::validate_profile_name(profile)?;
        let path = self.path(profile);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(Error::SessionCorrupt {
                    detail: e.to_string(),
                    path,
                })
            }
        };
        #[derive(Deserialize)]
        struct Probe {
            format: u32,
        }
        let corrupt = |e: serde_json::Error| Error::SessionCorrupt {
            path: path.clone(),
            detail: e.to_string(),
        };
        let probe: Probe = serde_json::from_slice(&bytes).map_err(corrupt)?;
        if probe.format != FORMAT {
            return Err(Error::SessionCorrupt {
                path,
                detail: format!(
                    "unknown format {} (this dvc reads format {FORMAT}; was it written by a newer dvc?)",
                    probe.format
                ),
            });
        }
        let file: SessionFile = serde_json::from_slice(&bytes).map_err(corrupt)?;
        if file.storage == Storage::Keyring && file.keyring_entry.is_none() {
            return Err(Error::SessionCorrupt {
                path,
                detail: "keyring session without an entry name".into(),
            });
        }
        Ok(Some((file, path)))
    }

    /// The profile's session without its tokens (never touches the keyring).
    pub fn load_summary(&self, profile: &str) -> Result<Option<Stored>> {
        Ok(self.read_file(profile)?.map(|(f, path)| Stored {
            session: f.session,
            storage: f.storage,
            path,
        }))
    }

    /// The profile's whole session, tokens included.
    pub fn load(&self, profile: &str) -> Result<Option<Stored>> {
        let Some((f, path)) = self.read_file(profile)? else {
            return Ok(None);
        };
        let mut session = f.session;
        if f.storage == Storage::Keyring {
            let entry = f.keyring_entry.unwrap_or_default();
            let raw = self
                .secrets
                .get(&entry)
                .map_err(|detail| Error::Keyring {
                    profile: profile.into(),
                    detail,
                })?
                .ok_or_else(|| Error::Keyring {
                    profile: profile.into(),
                    detail: format!(
                        "the keyring has no entry {entry:?} (service {:?})",
                        keyring::SERVICE
                    ),
                })?;
            let raw = Zeroizing::new(raw);
            let secrets: KeyringSecrets =
                serde_json::from_str(&raw).map_err(|e| Error::Keyring {
                    profile: profile.into(),
                    detail: format!("the keyring entry {entry:?} is damaged: {e}"),
                })?;
            session.access_token = secrets.access_token;
            session.refresh_token = secrets.refresh_token;
            session.id_token = secrets.id_token;
        }
        Ok(Some(Stored {
            session,
            storage: f.storage,
            path,
        }))
    }

    /// Stores `session` for its profile, replacing the previous one.
    pub fn save(&self, session: &Session, pref: StoragePreference) -> Result<SaveOutcome> {
        let profile = session.profile.as_str();
        crate::config::validate_profile_name(profile)?;
        file::ensure_private_dir(&self.state_dir, 0o700)?;
        file::ensure_private_dir(&self.sessions_dir(), 0o700)?;
        let previous_entry = match self.read_file(profile) {
            Ok(Some((f, _))) => f.keyring_entry,
            _ => None,
        };
        let mut outcome = SaveOutcome {
            storage: Storage::File,
            keyring_unavailable: None,
            first_fallback: false,
        };
        let mut file = SessionFile {
            format: FORMAT,
            storage: Storage::File,
            keyring_entry: None,
            session: session.clone(),
        };
        if pref == StoragePreference::Auto {
            let entry = format!("session/{profile}/{}", random_hex(8));
            let secrets = Zeroizing::new(
                serde_json::to_string(&KeyringSecrets {
                    access_token: session.access_token.clone(),
                    refresh_token: session.refresh_token.clone(),
                    id_token: session.id_token.clone(),
                })
                .map_err(|e| Error::Keyring {
                    profile: profile.into(),
                    detail: e.to_string(),
                })?,
            );
            match self.secrets.set(&entry, &secrets) {
                Ok(()) => {
                    outcome.storage = Storage::Keyring;
                    file.storage = Storage::Keyring;
                    file.keyring_entry = Some(entry);
                    file.session = session.without_secrets();
                }
                Err(why) => {
                    outcome.keyring_unavailable = Some(why);
                    outcome.first_fallback = self.mark_fallback_warned();
                }
            }
        }
        let json = Zeroizing::new(serde_json::to_vec_pretty(&file).map_err(|e| {
            Error::SessionCorrupt {
                path: self.path(profile),
                detail: e.to_string(),
            }
        })?);
        if let Err(e) = file::write_atomic(&self.path(profile), &json, 0o600) {
            if let Some(entry) = &file.keyring_entry {
                let _ = self.secrets.delete(entry);
            }
            return Err(e);
        }
        if let Some(old) = previous_entry {
            if file.keyring_entry.as_deref() != Some(old.as_str()) {
                let _ = self.secrets.delete(&old);
            }
        }
        Ok(outcome)
    }

    /// Deletes the profile's session (its file and keyring entry). A
    /// damaged file is removed too. Returns whether there was one.
    pub fn delete(&self, profile: &str) -> Result<bool> {
        crate::config::validate_profile_name(profile)?;
        let path = self.path(profile);
        let entry = match self.read_file(profile) {
            Ok(Some((f, _))) => f.keyring_entry,
            Ok(None) => return Ok(false),
            Err(_) => None,
        };
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(Error::io(&path, e)),
        }
        if let Some(entry) = entry {
            self.secrets
                .delete(&entry)
                .map_err(|detail| Error::Keyring {
                    profile: profile.into(),
                    detail,
                })?;
        }
        Ok(true)
    }

    /// The profiles that have a session file, sorted.
    pub fn profiles(&self) -> Result<Vec<String>> {
        let dir = self.sessions_dir();
        let rd = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(&dir, e)),
        };
        let mut names: Vec<String> = rd
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let profile = name.strip_suffix(".json")?;
                crate::config::validate_profile_name(profile).ok()?;
                Some(profile.to_string())
            })
            .collect();
        names.sort();
        Ok(names)
    }

    /// Records that the file-fallback warning was shown; true the first time.
    fn mark_fallback_warned(&self) -> bool {
        let marker = self.state_dir.join("file-storage-warned");
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(marker)
            .is_ok()
    }

    /// The state directory.
    pub fn state_dir(&self) -> &Path {
        &self.state_dir
    }
}

/// `n` random bytes as lowercase hex.
pub fn random_hex(n: usize) -> String {
    let mut buf = vec![0u8; n];
    if getrandom::fill(&mut buf).is_err() {
        // The OS random source failing is exceptional; fall back to the
        // clock and the process id, which is enough for an entry name.
        let t =
            OffsetDateTime::now_utc().unix_timestamp_nanos() as u64 ^ u64::from(std::process::id());
        for (i, b) in buf.iter_mut().enumerate() {
            *b = (t >> ((i % 8) * 8)) as u8;
        }
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// Encodes DER as standard base64 (for tests and forms).
pub fn b64(der: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(der)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::keyring::MemoryStore;
    use std::sync::Arc;
    use time::macros::datetime;

    pub(crate) fn sample(profile: &str) -> Session {
        Session {
            profile: profile.into(),
            issuer: "http://127.0.0.1:1".into(),
            client_id: "dvc-cli".into(),
            method: Method::Sim,
            token_type: "Bearer".into(),
            scope: Some("openid".into()),
            access_token: Secret::new("at-1"),
            refresh_token: Some(Secret::new("rt-1")),
            id_token: None,
            access_token_expires_at: datetime!(2030-01-01 00:00 UTC),
            refresh_token_expires_at: None,
            logged_in_at: datetime!(2026-01-01 00:00 UTC),
            refreshed_at: None,
            account: Account::from_claims(
                &serde_json::json!({"LoaiTaiKhoan": 1, "HoVaTen": "Nguyễn Văn A", "SoDinhDanh": "001234567890"}),
            ),
            certificate: Some(vec![1, 2, 3]),
        }
    }

    struct Shared(Arc<MemoryStore>);
    impl SecretStore for Shared {
        fn set(&self, e: &str, s: &str) -> Result<(), String> {
            self.0.set(e, s)
        }
        fn get(&self, e: &str) -> Result<Option<String>, String> {
            self.0.get(e)
        }
        fn delete(&self, e: &str) -> Result<(), String> {
            self.0.delete(e)
        }
    }

    #[test]
    fn keyring_keeps_tokens_out_of_the_file() {
        let t = tempfile::tempdir().unwrap();
        let mem = Arc::new(MemoryStore::default());
        let store = SessionStore::with_secret_store(t.path(), Box::new(Shared(mem.clone())));
        let out = store.save(&sample("a"), StoragePreference::Auto).unwrap();
        assert_eq!(out.storage, Storage::Keyring);
        let text = std::fs::read_to_string(store.path("a")).unwrap();
        assert!(!text.contains("at-1") && !text.contains("rt-1"), "{text}");
        let back = store.load("a").unwrap().unwrap();
        assert_eq!(back.session, sample("a"));
        assert_eq!(
            store
                .load_summary("a")
                .unwrap()
                .unwrap()
                .session
                .access_token
                .expose(),
            ""
        );
        // A second save rotates the entry and deletes the old one.
        let mut s2 = sample("a");
        s2.access_token = Secret::new("at-2");
        store.save(&s2, StoragePreference::Auto).unwrap();
        assert_eq!(mem.names().len(), 1);
        assert_eq!(
            store
                .load("a")
                .unwrap()
                .unwrap()
                .session
                .access_token
                .expose(),
            "at-2"
        );
        assert!(store.delete("a").unwrap());
        assert!(mem.names().is_empty());
        assert!(!store.delete("a").unwrap());
    }

    #[test]
    fn broken_keyring_falls_back_once() {
        let t = tempfile::tempdir().unwrap();
        let store = SessionStore::with_secret_store(t.path(), Box::new(MemoryStore::broken()));
        let out = store.save(&sample("a"), StoragePreference::Auto).unwrap();
        assert_eq!(out.storage, Storage::File);
        assert!(out.keyring_unavailable.is_some() && out.first_fallback);
        let out = store.save(&sample("b"), StoragePreference::Auto).unwrap();
        assert!(!out.first_fallback);
        assert_eq!(store.load("a").unwrap().unwrap().session, sample("a"));
        assert_eq!(store.profiles().unwrap(), vec!["a", "b"]);
    }

    #[test]
    fn corrupt_file_is_reported_and_left_alone() {
        let t = tempfile::tempdir().unwrap();
        let store = SessionStore::with_secret_store(t.path(), Box::new(MemoryStore::default()));
        store.save(&sample("a"), StoragePreference::File).unwrap();
        std::fs::write(store.path("a"), b"{\"format\": 1, \"stor").unwrap();
        let e = store.load("a").unwrap_err();
        assert!(matches!(e, Error::SessionCorrupt { .. }), "{e:?}");
        assert_eq!(
            std::fs::read(store.path("a")).unwrap(),
            b"{\"format\": 1, \"stor"
        );
        assert!(store.delete("a").unwrap());
    }

    #[test]
    fn liveness() {
        let mut s = sample("a");
        let now = datetime!(2031-01-01 00:00 UTC);
        assert!(s.is_live(now), "refresh token without known expiry");
        s.refresh_token = None;
        assert!(!s.is_live(now));
        assert!(s.is_live(datetime!(2029-12-31 23:00 UTC)));
    }

    #[test]
    fn claims_as_strings_or_numbers() {
        let a = Account::from_claims(
            &serde_json::json!({"LoaiTaiKhoan": "2", "MaSoThue": "0101234567", "TenDoanhNghiep": "Công ty TNHH A", "HoVaTen": "Trần B"}),
        );
        assert_eq!(a.kind, AccountType::Business);
        assert_eq!(a.name.as_deref(), Some("Công ty TNHH A"));
        assert_eq!(a.tax_code.as_deref(), Some("0101234567"));
        let a = Account::from_claims(&serde_json::json!({"LoaiTaiKhoan": 3}));
        assert_eq!(a.kind, AccountType::Organisation);
    }

    #[test]
    fn debug_never_shows_tokens() {
        let s = format!("{:?}", sample("a"));
        assert!(!s.contains("at-1") && !s.contains("rt-1"));
    }
}
