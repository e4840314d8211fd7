//! The keyring backend against a real Secret Service.
//!
//! `scripts/test.sh` (and so CI) runs the tests inside `dbus-run-session`
//! with an unlocked `gnome-keyring-daemon` and sets `DVC_REQUIRE_KEYRING=1`,
//! so this test cannot silently skip there. Run by hand without a Secret
//! Service, it says it is skipped.

use crate::util::*;
use dvc::session::keyring::{OsKeyring, SecretStore};
use dvc::session::{Storage, StoragePreference};
use predicates::prelude::*;
use time::Duration;

fn secret_service_available() -> Result<(), dvc::session::keyring::KeyringError> {
    let probe = format!("test-probe/{}", dvc::random::hex(6).unwrap());
    OsKeyring.set(&probe, "x")?;
    let back = OsKeyring.get(&probe)?;
    OsKeyring.delete(&probe)?;
    if back.as_deref() == Some("x") {
        Ok(())
    } else {
        Err(dvc::session::keyring::KeyringError::Platform(
            "the keyring did not give the secret back".into(),
        ))
    }
}

#[test]
fn keyring_backend_stores_reads_and_deletes() {
    if let Err(why) = secret_service_available() {
        if std::env::var("DVC_REQUIRE_KEYRING").as_deref() == Ok("1") {
            panic!("DVC_REQUIRE_KEYRING=1 but no Secret Service works: {why}");
        }
        eprintln!("skipped: no Secret Service ({why}); scripts/test.sh provides one");
        return;
    }
    let h = Home::new();
    let profile = format!("kr-{}", dvc::random::hex(4).unwrap());
    let token = format!("keyring-access-{}", dvc::random::hex(8).unwrap());
    let session = business_session(&profile, &token, Duration::hours(1));
    let out = h.store().save(&session, StoragePreference::Auto).unwrap();
    assert_eq!(out.storage, Storage::Keyring);
    assert_eq!(out.keyring_unavailable, None);

    // The file holds no token, only the entry's name.
    let text = std::fs::read_to_string(h.session_file(&profile)).unwrap();
    assert!(!text.contains(&token), "token leaked into the session file");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entry = v["keyring_entry"].as_str().unwrap().to_string();
    let raw = OsKeyring
        .get(&entry)
        .unwrap()
        .expect("entry in the keyring");
    assert!(raw.contains(&token));

    // The binary reads it back through the keyring.
    h.dvc()
        .args(["--profile", &profile, "session", "token"])
        .assert()
        .success()
        .stdout(format!("{token}\n"));
    let out = h
        .dvc()
        .args(["--profile", &profile, "status", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["profiles"][0]["storage"], "keyring");

    // A new save replaces the entry and removes the old one.
    let token2 = format!("{token}-2");
    h.store()
        .save(
            &business_session(&profile, &token2, Duration::hours(1)),
            StoragePreference::Auto,
        )
        .unwrap();
    assert_eq!(
        OsKeyring.get(&entry).unwrap(),
        None,
        "old entry left behind"
    );
    h.dvc()
        .args(["--profile", &profile, "session", "token"])
        .assert()
        .success()
        .stdout(format!("{token2}\n"));
    let text = std::fs::read_to_string(h.session_file(&profile)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entry2 = v["keyring_entry"].as_str().unwrap().to_string();

    // Logout deletes the file and the keyring entry.
    h.dvc()
        .args(["--profile", &profile, "logout"])
        .assert()
        .success();
    assert!(!h.session_file(&profile).exists());
    assert_eq!(
        OsKeyring.get(&entry2).unwrap(),
        None,
        "keyring entry left behind"
    );

    // An entry deleted behind dvc's back: a clear error, exit 1, and the way out.
    h.store().save(&session, StoragePreference::Auto).unwrap();
    let text = std::fs::read_to_string(h.session_file(&profile)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    OsKeyring
        .delete(v["keyring_entry"].as_str().unwrap())
        .unwrap();
    h.dvc()
        .args(["--profile", &profile, "session", "token"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("keyring").and(predicate::str::contains("dvc logout")));
    h.dvc()
        .args(["--profile", &profile, "logout"])
        .assert()
        .success();
}

/// A web login without `--insecure-storage` keeps the portal's cookies in
/// the keyring: the session file holds no cookie value, only the entry's
/// name, and `dvc session cookies` reads them back through the keyring.
#[test]
fn a_web_session_in_the_keyring() {
    if let Err(why) = secret_service_available() {
        if std::env::var("DVC_REQUIRE_KEYRING").as_deref() == Ok("1") {
            panic!("DVC_REQUIRE_KEYRING=1 but no Secret Service works: {why}");
        }
        eprintln!("skipped: no Secret Service ({why}); scripts/test.sh provides one");
        return;
    }
    let w = crate::util::web::Web::new(&["--sim-wait", "held", "--auto-approve", "0"]);
    let profile = format!("kr-web-{}", dvc::random::hex(4).unwrap());
    w.profile(&profile, "dvcqg-legacy");
    let r = crate::util::web::Web::run(w.cmd(
        &profile,
        &["login", "--sim", "0912345678", "--timeout", "10"],
    ));
    assert_eq!(r.code, 0, "{r:?}");
    let (code, v) = w.cmd(&profile, &["status", "--json"]).json();
    assert_eq!(code, 0);
    assert_eq!(v["profiles"][0]["storage"], "keyring", "{v:#}");
    assert_eq!(v["profiles"][0]["flow"], "web", "{v:#}");
    // The cookie, as dvc gives it back.
    let (code, cookies) = w
        .cmd(&profile, &["session", "cookies", "--format", "json"])
        .json();
    assert_eq!(code, 0);
    let value = cookies[0]["value"].as_str().unwrap().to_string();
    assert_eq!(cookies[0]["name"], "JSESSIONID");
    assert!(value.len() >= 16, "{cookies:#}");
    // The file: no cookie value, the keyring entry's name.
    let text = std::fs::read_to_string(w.home.session_file(&profile)).unwrap();
    assert!(
        !text.contains(&value),
        "the cookie leaked into the file:\n{text}"
    );
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entry = file["keyring_entry"].as_str().unwrap().to_string();
    let raw = OsKeyring
        .get(&entry)
        .unwrap()
        .expect("entry in the keyring");
    assert!(raw.contains(&value));
    // `session cookies` reads it back, and it works at the portal.
    let r = crate::util::web::Web::run(w.cmd(&profile, &["session", "cookies"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.out.trim(), format!("JSESSIONID={value}"));
    let (status, body) = w.curl(&["-b", r.out.trim(), "https://dichvucong.gov.vn/api/me"]);
    assert_eq!(status, 200, "{body}");
    // Logout deletes the entry too.
    let r = crate::util::web::Web::run(w.cmd(&profile, &["logout"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        OsKeyring.get(&entry).unwrap(),
        None,
        "keyring entry left behind"
    );
}
