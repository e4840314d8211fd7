//! The OS keyring as a secret store: Secret Service on Linux and the BSDs,
//! Keychain on macOS, Credential Manager on Windows (the `keyring` crate).
//!
//! Nothing here runs until a secret must be written or read: `dvc status`
//! and the file backend never touch the keyring.

/// What went wrong with the keyring.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyringError {
    /// There is no keyring (no Secret Service on the session bus, …).
    #[error("no keyring is available")]
    Unavailable,
    /// The keyring is locked or refused access.
    #[error("the keyring refused access")]
    Denied,
    /// The keyring has no entry of that name.
    #[error("the keyring has no entry {entry:?}")]
    NoEntry {
        /// The entry's name.
        entry: String,
    },
    /// The entry holds something that is not a session's secrets.
    #[error("the keyring entry {entry:?} is damaged")]
    Damaged {
        /// The entry's name.
        entry: String,
    },
    /// The platform's own words for anything else.
    #[error("{0}")]
    Platform(String),
}

impl KeyringError {
    /// The problem in the user's language.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match self {
            KeyringError::Unavailable => crate::tr!(lang, "keyring.unavailable"),
            KeyringError::Denied => crate::tr!(lang, "keyring.denied"),
            KeyringError::NoEntry { entry } => {
                crate::tr!(lang, "keyring.no_entry", entry = entry, service = SERVICE)
            }
            KeyringError::Damaged { entry } => crate::tr!(lang, "keyring.damaged", entry = entry),
            KeyringError::Platform(d) => crate::tr!(lang, "keyring.platform", detail = d),
        }
    }
}

/// Where session secrets can be kept, keyed by an entry name.
pub trait SecretStore: Send + Sync {
    /// Stores `secret` under `entry`, replacing any previous value.
    fn set(&self, entry: &str, secret: &str) -> Result<(), KeyringError>;
    /// Reads the secret under `entry`; `Ok(None)` when there is none.
    fn get(&self, entry: &str) -> Result<Option<String>, KeyringError>;
    /// Deletes `entry`; deleting a missing entry is not an error.
    fn delete(&self, entry: &str) -> Result<(), KeyringError>;
}

/// The keyring service name under which `dvc` keeps its entries.
pub const SERVICE: &str = "dvc";

/// The operating system's keyring.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsKeyring;

fn describe(e: keyring::Error) -> KeyringError {
    match e {
        keyring::Error::NoDefaultStore | keyring::Error::NoStorageAccess(_) => {
            KeyringError::Unavailable
        }
        keyring::Error::PlatformFailure(p) if p.to_string().contains("ismissed") => {
            KeyringError::Denied
        }
        other => KeyringError::Platform(other.to_string()),
    }
}

impl SecretStore for OsKeyring {
    fn set(&self, entry: &str, secret: &str) -> Result<(), KeyringError> {
        let e = keyring::Entry::new(SERVICE, entry).map_err(describe)?;
        e.set_password(secret).map_err(describe)
    }

    fn get(&self, entry: &str) -> Result<Option<String>, KeyringError> {
        let e = keyring::Entry::new(SERVICE, entry).map_err(describe)?;
        match e.get_password() {
            Ok(s) => Ok(Some(s)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(other) => Err(describe(other)),
        }
    }

    fn delete(&self, entry: &str) -> Result<(), KeyringError> {
        let e = keyring::Entry::new(SERVICE, entry).map_err(describe)?;
        match e.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(other) => Err(describe(other)),
        }
    }
}

/// A secret store in memory (for tests of the store's logic).
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: std::sync::Mutex<std::collections::BTreeMap<String, String>>,
    /// When set, every call fails (a keyring that is not there).
    pub broken: bool,
}

impl MemoryStore {
    /// A store whose every call fails, like a machine without a keyring.
    pub fn broken() -> MemoryStore {
        MemoryStore {
            broken: true,
            ..Default::default()
        }
    }

    fn map(
        &self,
    ) -> Result<std::sync::MutexGuard<'_, std::collections::BTreeMap<String, String>>, KeyringError>
    {
        if self.broken {
            return Err(KeyringError::Unavailable);
        }
        self.entries
            .lock()
            .map_err(|_| KeyringError::Platform("poisoned".into()))
    }

    /// The entry names held (for tests).
    pub fn names(&self) -> Vec<String> {
        self.map()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }
}

impl SecretStore for MemoryStore {
    fn set(&self, entry: &str, secret: &str) -> Result<(), KeyringError> {
        self.map()?.insert(entry.into(), secret.into());
        Ok(())
    }

    fn get(&self, entry: &str) -> Result<Option<String>, KeyringError> {
        Ok(self.map()?.get(entry).cloned())
    }

    fn delete(&self, entry: &str) -> Result<(), KeyringError> {
        self.map()?.remove(entry);
        Ok(())
    }
}
