//! The file backend of the session store, seen from outside: permissions,
//! atomic replacement while another process reads, and damaged files.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::util::*;
use dvc::session::{Storage, StoragePreference};
use predicates::prelude::*;
use time::Duration;

#[cfg(unix)]
#[test]
fn file_backend_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let h = Home::new();
    let out = h
        .store()
        .save(
            &business_session("acme", "tok", Duration::hours(1)),
            StoragePreference::File,
        )
        .unwrap();
    assert_eq!(out.storage, Storage::File);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&h.session_file("acme")), 0o600);
    assert_eq!(mode(h.session_file("acme").parent().unwrap()), 0o700);
    assert_eq!(mode(&h.state_dir()), 0o700);
    // `dvc status` reports the backend.
    let out = h
        .dvc()
        .args(["--profile", "acme", "status", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["profiles"][0]["storage"], "file");
}

#[test]
fn readers_never_see_a_torn_file() {
    let h = Home::new();
    // Large sessions make a torn write likely if writes were not atomic.
    let a = "A".repeat(64 * 1024);
    let b = "B".repeat(64 * 1024);
    h.save_file_session(&business_session("p", &a, Duration::hours(1)));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        let state = h.state_dir();
        let (a, b) = (a.clone(), b.clone());
        std::thread::spawn(move || {
            let store = dvc::session::SessionStore::new(state);
            let mut n = 0u32;
            while !stop.load(Ordering::Relaxed) {
                let t = if n.is_multiple_of(2) { &b } else { &a };
                store
                    .save(
                        &business_session("p", t, Duration::hours(1)),
                        StoragePreference::File,
                    )
                    .unwrap();
                n += 1;
            }
            n
        })
    };
    for _ in 0..40 {
        let out = h
            .dvc()
            .args(["--profile", "p", "session", "token"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tok = String::from_utf8(out.stdout).unwrap();
        let tok = tok.trim_end();
        assert!(tok == a || tok == b, "torn read of {} bytes", tok.len());
    }
    stop.store(true, Ordering::Relaxed);
    let writes = writer.join().unwrap();
    assert!(writes > 10, "the writer ran only {writes} times");
    // No temporary files left behind.
    let names: Vec<_> = std::fs::read_dir(h.state_dir().join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["p.json"]);
}

#[test]
fn corrupted_file_is_explained_and_left_alone() {
    let h = Home::new();
    h.save_file_session(&business_session("acme", "tok", Duration::hours(1)));
    let path = h.session_file("acme");
    let damaged = b"{\"format\": 1, \"storage\": \"file\", \"session\": {\"profile\": ".to_vec();
    std::fs::write(&path, &damaged).unwrap();
    // `status` reports the damaged profile on stdout and exits 4 (not live).
    h.dvc()
        .args(["--profile", "acme", "status"])
        .assert()
        .code(4)
        .stdout(
            predicate::str::contains(path.display().to_string())
                .and(predicate::str::contains("damaged"))
                .and(predicate::str::contains("dvc logout")),
        );
    h.dvc()
        .args(["--profile", "acme", "session", "token"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains(path.display().to_string())
                .and(predicate::str::contains("dvc logout"))
                .and(predicate::str::contains("dvc login"))
                .and(predicate::str::contains("panicked").not()),
        );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        damaged,
        "the file was changed"
    );
    // Not JSON at all, and a session of a future format.
    std::fs::write(&path, b"\x00\x01garbage").unwrap();
    h.dvc()
        .args(["--profile", "acme", "session", "token"])
        .assert()
        .code(1);
    std::fs::write(
        &path,
        br#"{"format": 99, "storage": "file", "session": {}}"#,
    )
    .unwrap();
    h.dvc()
        .args(["--profile", "acme", "session", "token"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("format"));
    // logout removes it, as the hint says.
    h.dvc()
        .args(["--profile", "acme", "logout"])
        .assert()
        .success();
    assert!(!path.exists());
    h.dvc()
        .args(["--profile", "acme", "session", "token"])
        .assert()
        .code(4);
}

#[cfg(unix)]
#[test]
fn unreadable_state_dir_is_a_clear_error() {
    // root ignores permissions; the check only means something for other users.
    if unsafe_is_root() {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let h = Home::new();
    h.save_file_session(&business_session("acme", "tok", Duration::hours(1)));
    let dir = h.state_dir().join("sessions");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    h.dvc()
        .args(["--profile", "acme", "session", "token"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("permission denied"));
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
}

#[cfg(unix)]
fn unsafe_is_root() -> bool {
    std::env::var("USER").map(|u| u == "root").unwrap_or(false)
        || std::fs::read_to_string("/proc/self/status")
            .map(|s| {
                s.lines()
                    .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
            })
            .unwrap_or(false)
}
