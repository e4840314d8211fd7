//! The cross-process locks: one per profile, one for the config file.
//!
//! Refreshing a session rotates its refresh token (portal-login.md §6), so two
//! processes of one profile must never refresh at once. The lock is an
//! exclusive advisory lock on `<state>/locks/<profile>.lock`, taken with a
//! bounded wait; the operating system drops it when the process ends, even
//! on a crash.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::profile_name::ProfileName;

/// How long [`ProfileLock::acquire`] waits by default.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(30);

/// A held lock; released on drop.
#[derive(Debug)]
pub struct ProfileLock {
    file: File,
    path: PathBuf,
}

impl ProfileLock {
    /// Waits up to `wait` for the profile's lock.
    pub fn acquire(state_dir: &Path, profile: &ProfileName, wait: Duration) -> Result<ProfileLock> {
        let dir = state_dir.join("locks");
        crate::fs::ensure_private_dir(state_dir, 0o700)?;
        crate::fs::ensure_private_dir(&dir, 0o700)?;
        let path = dir.join(format!("{profile}.lock"));
        lock(path, profile.as_str(), wait)
    }

    /// Waits up to `wait` for the config file's lock (`config.toml.lock`
    /// beside it): a read-modify-write of the config (a login that creates
    /// its profile, `dvc profile add`) never loses another's change.
    pub fn config(config_file: &Path, wait: Duration) -> Result<ProfileLock> {
        let mut name = config_file.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        lock(path, "", wait)
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ProfileLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Takes the exclusive lock of `path` (created if missing), waiting up to
/// `wait`; `profile` names what it protects ("" for the config file).
fn lock(path: PathBuf, profile: &str, wait: Duration) -> Result<ProfileLock> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    let start = Instant::now();
    let mut pause = Duration::from_millis(5);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(ProfileLock { file, path }),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        if start.elapsed() >= wait {
            return Err(Error::LockTimeout {
                profile: profile.to_string(),
                path,
                waited_secs: wait.as_secs(),
            });
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(100));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_holder_times_out_then_succeeds() {
        let t = tempfile::tempdir().unwrap();
        let n = |s: &str| ProfileName::parse(s).unwrap();
        let a = ProfileLock::acquire(t.path(), &n("p"), Duration::from_secs(1)).unwrap();
        let e = ProfileLock::acquire(t.path(), &n("p"), Duration::from_millis(50)).unwrap_err();
        assert!(matches!(e, Error::LockTimeout { .. }));
        // Another profile is independent.
        ProfileLock::acquire(t.path(), &n("q"), Duration::from_millis(50)).unwrap();
        drop(a);
        ProfileLock::acquire(t.path(), &n("p"), Duration::from_millis(50)).unwrap();
    }
}
