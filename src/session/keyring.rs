//! The OS keyring as a secret store: Secret Service on Linux and the BSDs,
//! Keychain on macOS, Credential Manager on Windows (the `keyring` crate).
//!
//! Nothing here runs until a secret must be written or read: `dvc status`
//! and the file backend never touch the keyring.

/// Where session secrets can be kept, keyed by an entry name.
pub trait SecretStore: Send + Sync {
    /// Stores `secret` under `entry`, replacing any previous value.
    fn set(&self, entry: &str, secret: &str) -> Result<(), String>;
    /// Reads the secret under `entry`; `Ok(None)` when there is none.
    fn get(&self, entry: &str) -> Result<Option<String>, String>;
    /// Deletes `entry`; deleting a missing entry is not an error.
    fn delete(&self, entry: &str) -> Result<(), String>;
}

/// The keyring service name under which `dvc` keeps its entries.
pub const SERVICE: &str = "dvc";

/// The operating system's keyring.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsKeyring;

fn describe(e: keyring::Error) -> String {
    match e {
        keyring::Error::NoDefaultStore => {
            "no keyring is available (no Secret Service on the session bus)".into()
        }
        other => other.to_string(),
    }
}

impl SecretStore for OsKeyring {
    fn set(&self, entry: &str, secret: &str) -> Result<(), String> {
        let e = keyring::Entry::new(SERVICE, entry).map_err(describe)?;
        e.set_password(secret).map_err(describe)
    }

    fn get(&self, entry: &str) -> Result<Option<String>, String> {
        let e = keyring::Entry::new(SERVICE, entry).map_err(describe)?;
        match e.get_password() {
            Ok(s) => Ok(Some(s)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(other) => Err(describe(other)),
        }
    }

    fn delete(&self, entry: &str) -> Result<(), String> {
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
    ) -> Result<std::sync::MutexGuard<'_, std::collections::BTreeMap<String, String>>, String> {
        if self.broken {
            return Err("no keyring".into());
        }
        self.entries.lock().map_err(|_| "poisoned".to_string())
    }

    /// The entry names held (for tests).
    pub fn names(&self) -> Vec<String> {
        self.map()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }
}

impl SecretStore for MemoryStore {
    fn set(&self, entry: &str, secret: &str) -> Result<(), String> {
        self.map()?.insert(entry.into(), secret.into());
        Ok(())
    }

    fn get(&self, entry: &str) -> Result<Option<String>, String> {
        Ok(self.map()?.get(entry).cloned())
    }

    fn delete(&self, entry: &str) -> Result<(), String> {
        self.map()?.remove(entry);
        Ok(())
    }
}
