//! Private files written atomically: the file backend of the session store
//! and the config file use it.
//!
//! A write goes to a temporary file in the same directory (created 0600),
//! is flushed to disk, then renamed over the target, and the directory is
//! synced: a reader sees the old file or the new one, never a torn one, and a
//! crash or a full disk leaves the old file as it was.
//!
//! [`lock`] holds the cross-process file locks (a profile's, the config's).

pub mod lock;

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Creates `dir` (and its parents) and, on Unix, sets `dir` itself to `mode`.
pub fn ensure_private_dir(dir: &Path, mode: u32) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    set_mode(dir, mode)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let current = fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if current.permissions().mode() & 0o777 != mode {
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(path, e))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> Result<()> {
    Ok(())
}

/// The directory a file is written in (`.` for a bare file name).
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Replaces `path` with `bytes` atomically; the new file has `mode` (Unix).
/// The parent directory is created if needed (mode 0700 for a new one).
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    let dir = parent_dir(path);
    if !dir.exists() {
        ensure_private_dir(dir, 0o700)?;
    }
    replace_atomic(path, bytes, mode)
}

/// Replaces `path` with `bytes` atomically, as [`write_atomic`], but only in
/// an existing directory: a missing one is an error (`NotFound`), never
/// created. For files a person names (`--output`), where a typo must not
/// leave new directories behind.
pub fn replace_atomic(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    let dir = parent_dir(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    let tmp_path = tmp.path().to_path_buf();
    tmp.write_all(bytes).map_err(|e| Error::io(&tmp_path, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(&tmp_path, e))?;
    set_mode(&tmp_path, mode)?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Flushes a directory entry change (a rename) to disk; best effort.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn modes_and_replace() {
        use std::os::unix::fs::PermissionsExt;
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("new").join("f.json");
        write_atomic(&p, b"one", 0o600).unwrap();
        write_atomic(&p, b"two", 0o600).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&p), 0o600);
        assert_eq!(mode(p.parent().unwrap()), 0o700);
        // No temporary files are left behind.
        assert_eq!(fs::read_dir(p.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn replace_never_creates_directories() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("missing").join("r.html");
        let e = replace_atomic(&p, b"x", 0o644).unwrap_err();
        assert!(
            matches!(&e, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound),
            "{e:?}"
        );
        assert!(!t.path().join("missing").exists());
        let p = t.path().join("r.html");
        replace_atomic(&p, b"one", 0o644).unwrap();
        replace_atomic(&p, b"two", 0o644).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
    }
}
