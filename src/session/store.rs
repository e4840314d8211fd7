//! The session store: one session per profile, in the OS keyring or a
//! private file (see the module docs of [`crate::session`]).

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use zeroize::Zeroizing;

use super::keyring::{self, OsKeyring, SecretStore};
use super::{Secret, Session};
use crate::error::{CorruptKind, Error, Result};
use crate::profile_name::ProfileName;

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
    /// A web session's cookie values, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cookies: Vec<(String, Secret)>,
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
    pub keyring_unavailable: Option<keyring::KeyringError>,
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
    pub fn path(&self, profile: &ProfileName) -> PathBuf {
        self.sessions_dir().join(format!("{profile}.json"))
    }

    fn read_file(&self, profile: &ProfileName) -> Result<Option<(SessionFile, PathBuf)>> {
        let path = self.path(profile);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(Error::SessionCorrupt {
                    kind: CorruptKind::Unreadable(e.to_string()),
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
            kind: CorruptKind::NotJson {
                line: e.line(),
                column: e.column(),
            },
        };
        let probe: Probe = serde_json::from_slice(&bytes).map_err(corrupt)?;
        if probe.format != FORMAT {
            return Err(Error::SessionCorrupt {
                path,
                kind: CorruptKind::UnknownFormat(probe.format),
            });
        }
        let file: SessionFile = serde_json::from_slice(&bytes).map_err(corrupt)?;
        if file.storage == Storage::Keyring && file.keyring_entry.is_none() {
            return Err(Error::SessionCorrupt {
                path,
                kind: CorruptKind::NoKeyringEntry,
            });
        }
        Ok(Some((file, path)))
    }

    /// The profile's session without its tokens (never touches the keyring).
    pub fn load_summary(&self, profile: &ProfileName) -> Result<Option<Stored>> {
        Ok(self.read_file(profile)?.map(|(f, path)| Stored {
            session: f.session,
            storage: f.storage,
            path,
        }))
    }

    /// The profile's whole session, tokens included.
    pub fn load(&self, profile: &ProfileName) -> Result<Option<Stored>> {
        let Some((f, path)) = self.read_file(profile)? else {
            return Ok(None);
        };
        let mut session = f.session;
        if f.storage == Storage::Keyring {
            let entry = f.keyring_entry.unwrap_or_default();
            let keyring_error = |error| Error::Keyring {
                profile: profile.to_string(),
                error,
            };
            let raw = self
                .secrets
                .get(&entry)
                .map_err(keyring_error)?
                .ok_or_else(|| {
                    keyring_error(keyring::KeyringError::NoEntry {
                        entry: entry.clone(),
                    })
                })?;
            let raw = Zeroizing::new(raw);
            let secrets: KeyringSecrets = serde_json::from_str(&raw).map_err(|_| {
                keyring_error(keyring::KeyringError::Damaged {
                    entry: entry.clone(),
                })
            })?;
            session.access_token = secrets.access_token;
            session.refresh_token = secrets.refresh_token;
            session.id_token = secrets.id_token;
            if let Some(w) = &mut session.web {
                // By position: two cookies may share a name (other paths
                // or domains); both lists come from the same session.
                for (i, c) in w.cookies.iter_mut().enumerate() {
                    let at = secrets.cookies.get(i).filter(|(n, _)| *n == c.name);
                    if let Some((_, v)) =
                        at.or_else(|| secrets.cookies.iter().find(|(n, _)| *n == c.name))
                    {
                        c.value = v.clone();
                    }
                }
            }
        }
        Ok(Some(Stored {
            session,
            storage: f.storage,
            path,
        }))
    }

    /// Stores `session` for its profile, replacing the previous one.
    pub fn save(&self, session: &Session, pref: StoragePreference) -> Result<SaveOutcome> {
        let profile = &session.profile;
        crate::fs::ensure_private_dir(&self.state_dir, 0o700)?;
        crate::fs::ensure_private_dir(&self.sessions_dir(), 0o700)?;
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
            let entry = format!("session/{profile}/{}", crate::random::hex(8)?);
            let secrets = Zeroizing::new(
                serde_json::to_string(&KeyringSecrets {
                    access_token: session.access_token.clone(),
                    refresh_token: session.refresh_token.clone(),
                    id_token: session.id_token.clone(),
                    cookies: session
                        .web
                        .iter()
                        .flat_map(|w| w.cookies.iter())
                        .map(|c| (c.name.clone(), c.value.clone()))
                        .collect(),
                })
                .map_err(|_| Error::Keyring {
                    profile: profile.to_string(),
                    error: keyring::KeyringError::Damaged {
                        entry: entry.clone(),
                    },
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
                kind: CorruptKind::NotJson {
                    line: e.line(),
                    column: e.column(),
                },
            }
        })?);
        if let Err(e) = crate::fs::write_atomic(&self.path(profile), &json, 0o600) {
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
    pub fn delete(&self, profile: &ProfileName) -> Result<bool> {
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
                .map_err(|error| Error::Keyring {
                    profile: profile.to_string(),
                    error,
                })?;
        }
        Ok(true)
    }

    /// The profiles that have a session file, sorted.
    pub fn profiles(&self) -> Result<Vec<ProfileName>> {
        let dir = self.sessions_dir();
        let rd = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(&dir, e)),
        };
        let mut names: Vec<ProfileName> = rd
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                ProfileName::parse(name.strip_suffix(".json")?).ok()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::keyring::MemoryStore;
    use crate::session::{Account, AccountType, Method};
    use std::sync::Arc;
    use time::macros::datetime;

    fn n(s: &str) -> ProfileName {
        ProfileName::parse(s).unwrap()
    }

    pub(crate) fn sample(profile: &str) -> Session {
        Session {
            profile: n(profile),
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
            refresh_refused_at: None,
            logged_in_at: datetime!(2026-01-01 00:00 UTC),
            refreshed_at: None,
            account: Account::from_claims(
                &serde_json::json!({"LoaiTaiKhoan": 1, "HoVaTen": "Nguyễn Văn A", "SoDinhDanh": "001234567890"}),
            ),
            certificate: Some(vec![1, 2, 3]),
            flow: crate::session::Flow::Oidc,
            web: None,
        }
    }

    struct Shared(Arc<MemoryStore>);
    impl SecretStore for Shared {
        fn set(&self, e: &str, s: &str) -> Result<(), super::keyring::KeyringError> {
            self.0.set(e, s)
        }
        fn get(&self, e: &str) -> Result<Option<String>, super::keyring::KeyringError> {
            self.0.get(e)
        }
        fn delete(&self, e: &str) -> Result<(), super::keyring::KeyringError> {
            self.0.delete(e)
        }
    }

    #[test]
    fn a_token_another_process_just_refreshed_is_not_refreshed_again() {
        let margin = time::Duration::seconds(60);
        let mut s = sample("a");
        let t0 = datetime!(2030-01-01 00:00 UTC);
        // A portal whose tokens live 30 s: always within the margin.
        s.refreshed_at = Some(t0);
        s.access_token_expires_at = t0 + time::Duration::seconds(30);
        assert!(s.access_token_fresh(t0 + time::Duration::seconds(2), margin));
        assert!(!s.access_token_fresh(t0 + time::Duration::seconds(6), margin));
        assert!(!s.access_token_fresh(t0 + time::Duration::seconds(31), margin));
        // Never refreshed (just logged in): the 60 s margin as always.
        s.refreshed_at = None;
        s.logged_in_at = t0;
        assert!(!s.access_token_fresh(t0 + time::Duration::seconds(1), margin));
        s.access_token_expires_at = t0 + time::Duration::seconds(3600);
        assert!(s.access_token_fresh(t0 + time::Duration::seconds(1), margin));
    }

    #[test]
    fn keyring_keeps_tokens_out_of_the_file() {
        let t = tempfile::tempdir().unwrap();
        let mem = Arc::new(MemoryStore::default());
        let store = SessionStore::with_secret_store(t.path(), Box::new(Shared(mem.clone())));
        let out = store.save(&sample("a"), StoragePreference::Auto).unwrap();
        assert_eq!(out.storage, Storage::Keyring);
        let text = std::fs::read_to_string(store.path(&n("a"))).unwrap();
        assert!(!text.contains("at-1") && !text.contains("rt-1"), "{text}");
        let back = store.load(&n("a")).unwrap().unwrap();
        assert_eq!(back.session, sample("a"));
        assert_eq!(
            store
                .load_summary(&n("a"))
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
                .load(&n("a"))
                .unwrap()
                .unwrap()
                .session
                .access_token
                .expose(),
            "at-2"
        );
        assert!(store.delete(&n("a")).unwrap());
        assert!(mem.names().is_empty());
        assert!(!store.delete(&n("a")).unwrap());
    }

    #[test]
    fn two_cookies_of_one_name_keep_their_own_values_in_the_keyring() {
        let t = tempfile::tempdir().unwrap();
        let mem = Arc::new(MemoryStore::default());
        let store = SessionStore::with_secret_store(t.path(), Box::new(Shared(mem.clone())));
        let cookie = |path: &str, value: &str| crate::session::StoredCookie {
            name: "JSESSIONID".into(),
            value: Secret::new(value),
            domain: "dichvucong.gov.vn".into(),
            host_only: true,
            path: path.into(),
            expires: None,
            secure: true,
            http_only: true,
        };
        let mut s = sample("w");
        s.flow = crate::session::Flow::Web;
        s.web = Some(crate::session::WebSession {
            recipe: "dvcqg".into(),
            rp_origin: "https://dichvucong.gov.vn".into(),
            session_cookies: vec!["JSESSIONID".into()],
            check_url: "https://dichvucong.gov.vn/".into(),
            logout_url: None,
            cookies: vec![cookie("/", "root-value"), cookie("/p", "portal-value")],
        });
        assert_eq!(
            store.save(&s, StoragePreference::Auto).unwrap().storage,
            Storage::Keyring
        );
        let text = std::fs::read_to_string(store.path(&n("w"))).unwrap();
        assert!(!text.contains("root-value") && !text.contains("portal-value"));
        let back = store.load(&n("w")).unwrap().unwrap().session;
        let values: Vec<(String, String)> = back
            .web
            .unwrap()
            .cookies
            .iter()
            .map(|c| (c.path.clone(), c.value.expose().to_string()))
            .collect();
        assert_eq!(
            values,
            [
                ("/".to_string(), "root-value".to_string()),
                ("/p".to_string(), "portal-value".to_string())
            ]
        );
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
        assert_eq!(store.load(&n("a")).unwrap().unwrap().session, sample("a"));
        assert_eq!(store.profiles().unwrap(), vec![n("a"), n("b")]);
    }

    #[test]
    fn corrupt_file_is_reported_and_left_alone() {
        let t = tempfile::tempdir().unwrap();
        let store = SessionStore::with_secret_store(t.path(), Box::new(MemoryStore::default()));
        store.save(&sample("a"), StoragePreference::File).unwrap();
        std::fs::write(store.path(&n("a")), b"{\"format\": 1, \"stor").unwrap();
        let e = store.load(&n("a")).unwrap_err();
        assert!(matches!(e, Error::SessionCorrupt { .. }), "{e:?}");
        assert_eq!(
            std::fs::read(store.path(&n("a"))).unwrap(),
            b"{\"format\": 1, \"stor"
        );
        assert!(store.delete(&n("a")).unwrap());
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
