//! Without a session bus the keyring cannot work: the store falls back to
//! the private file and says so once. (Its own test binary, so the process's
//! keyring is never initialised with a working bus first.)

#[path = "it/util/home.rs"]
mod home;

use dvc::session::{Storage, StoragePreference};
use home::*;
use time::Duration;

#[test]
fn no_session_bus_falls_back_to_the_file_once() {
    let runtime = tempfile::tempdir().unwrap();
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/dvc-test-bus",
    );
    std::env::set_var("XDG_RUNTIME_DIR", runtime.path());
    let h = Home::new();
    let store = h.store();
    let out = store
        .save(
            &business_session("a", "file-token-a", Duration::hours(1)),
            StoragePreference::Auto,
        )
        .unwrap();
    assert_eq!(out.storage, Storage::File);
    assert!(out.keyring_unavailable.is_some());
    assert!(out.first_fallback, "the first fallback is announced");
    let out = store
        .save(
            &business_session("b", "file-token-b", Duration::hours(1)),
            StoragePreference::Auto,
        )
        .unwrap();
    assert_eq!(out.storage, Storage::File);
    assert!(!out.first_fallback, "the warning is shown once only");

    h.dvc()
        .args(["--profile", "a", "session", "token"])
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/dvc-test-bus",
        )
        .assert()
        .success()
        .stdout("file-token-a\n");
    let out = h
        .dvc()
        .args(["--profile", "b", "status", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["profiles"][0]["storage"], "file");
}
