//! Sessions and portals (issue 11): a session belongs to the portal that
//! issued it, a replaced session is revoked, a failed first login leaves no
//! profile behind, damaged and ended sessions are reported as such.

use std::time::Duration;

use predicates::prelude::*;
use serde_json::Value;

use crate::util::{business_session, client, Dvc, Home, Sandbox};

struct World {
    home: Home,
    sb: Sandbox,
}

fn world(args: &[&str]) -> World {
    let home = Home::new();
    let sb = Sandbox::start(&home, args);
    World { home, sb }
}

impl World {
    fn dvc(&self) -> Dvc {
        let mut c = self.home.dvc();
        c.timeout(Duration::from_secs(60));
        c
    }

    fn login(&self, profile: &str, issuer: &str, extra: &[&str]) -> Dvc {
        let mut c = self.dvc();
        c.args([
            "--profile",
            profile,
            "login",
            "--issuer",
            issuer,
            "--client-id",
            "dvc-cli",
            "--insecure-storage",
            "--timeout",
            "5",
            "--sim",
            "0912345678",
        ])
        .args(extra);
        c
    }

    fn session(&self, profile: &str) -> Value {
        let text = std::fs::read(self.home.session_file(profile)).unwrap();
        serde_json::from_slice(&text).unwrap()
    }

    /// Whether the portal still accepts a refresh token.
    fn refresh_works(&self, refresh_token: &str) -> bool {
        let r = client()
            .post(self.sb.url("/oauth2/token"))
            .form(&[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token),
                ("client_id", "dvc-cli"),
            ])
            .send()
            .unwrap();
        r.status().as_u16() == 200
    }
}

#[test]
fn a_session_never_goes_to_another_portal() {
    let w = world(&["--auto-approve", "1"]);
    let other = world(&["--auto-approve", "1"]);
    w.login("s3", &w.sb.issuer, &[]).assert().success();
    // --issuer of another portal on an existing profile: refused, exit 2.
    w.login("s3", &other.sb.issuer, &[])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is for").and(predicate::str::contains("--force")));
    let old_rt = w.session("s3")["session"]["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    // With --force: the profile moves, the old session is logged out first.
    w.login("s3", &other.sb.issuer, &["--force"])
        .assert()
        .success()
        .stderr(predicate::str::contains("revoked"));
    assert!(!w.refresh_works(&old_rt), "the old session was revoked");
    let config = std::fs::read_to_string(w.home.config_file()).unwrap();
    assert!(config.contains(&other.sb.issuer), "{config}");
    // A session of portal A under a profile that says portal B: never sent.
    let mut s = business_session("s4", "token-of-a", time::Duration::hours(1));
    s.issuer = w.sb.issuer.clone();
    w.home.save_file_session(&s);
    std::fs::write(
        w.home.config_file(),
        format!(
            "{config}\n[profiles.s4]\nissuer = \"{}\"\nclient_id = \"dvc-cli\"\n",
            other.sb.issuer
        ),
    )
    .unwrap();
    for args in [
        vec!["--profile", "s4", "session", "token"],
        vec!["--profile", "s4", "api", "/api/me"],
        vec!["--profile", "s4", "session", "refresh"],
    ] {
        w.dvc()
            .args(&args)
            .assert()
            .code(4)
            .stdout(predicate::str::contains("token-of-a").not())
            .stderr(predicate::str::contains("never sent there"));
    }
}

#[test]
fn replacing_a_session_revokes_the_old_one() {
    let w = world(&["--auto-approve", "1"]);
    w.login("p", &w.sb.issuer, &[]).assert().success();
    let rt = w.session("p")["session"]["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    w.login("p", &w.sb.issuer, &["--force"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("previous session").and(predicate::str::contains("revoked")),
        );
    assert!(
        !w.refresh_works(&rt),
        "the replaced refresh token still works"
    );
    // profile add --force to another portal: the session is logged out.
    w.dvc()
        .args([
            "profile",
            "add",
            "p",
            "--force",
            "--issuer",
            "https://example.vn",
            "--client-id",
            "x",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("Logged out"));
    assert!(!w.home.session_file("p").exists());
}

#[test]
fn a_failed_first_login_leaves_no_profile() {
    let w = world(&[]);
    // Declined on the phone: exit 6, no profile, no session.
    let mut c = w.login("new", &w.sb.issuer, &[]);
    let child = std::thread::spawn({
        let sb_url = w.sb.url("/sandbox/transactions");
        move || {
            for _ in 0..200 {
                let v: Value = client().get(&sb_url).send().unwrap().json().unwrap();
                if let Some(t) = v["transactions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|t| t["status"] == "pending")
                {
                    let id = t["id"].as_str().unwrap().to_string();
                    let u = sb_url.replace(
                        "/sandbox/transactions",
                        &format!("/sandbox/transactions/{id}/reject"),
                    );
                    client().post(u).send().unwrap();
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    });
    c.assert().code(6);
    child.join().unwrap();
    assert!(!w.home.session_file("new").exists());
    let config = std::fs::read_to_string(w.home.config_file()).unwrap_or_default();
    assert!(!config.contains("[profiles.new]"), "{config}");
}

#[test]
fn damaged_and_ended_sessions_are_reported_as_such() {
    let w = world(&["--auto-approve", "1"]);
    w.login("good", &w.sb.issuer, &[]).assert().success();
    w.login("ended", &w.sb.issuer, &[]).assert().success();
    std::fs::write(w.home.session_file("broken"), b"{\"format\": 1, \"sess").unwrap();
    // The portal ends "ended": its refresh token is revoked, its access token expired.
    let rt = w.session("ended")["session"]["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    client()
        .post(w.sb.url("/oauth2/revoke"))
        .form(&[("token", rt.as_str()), ("client_id", "dvc-cli")])
        .send()
        .unwrap();
    let path = w.home.session_file("ended");
    let mut v = w.session("ended");
    v["session"]["access_token_expires_at"] = Value::String("2020-01-01T00:00:00Z".into());
    std::fs::write(&path, serde_json::to_vec(&v).unwrap()).unwrap();
    w.dvc()
        .args(["--profile", "ended", "session", "token"])
        .assert()
        .code(4);
    // status --all: every profile listed, the damaged one as damaged, exit 4.
    let (code, v) = w.dvc().args(["status", "--all", "--json"]).json();
    assert_eq!(code, 4, "{v}");
    let p = |n: &str| {
        v["profiles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["profile"] == n)
            .cloned()
            .unwrap_or_else(|| panic!("{n} missing: {v}"))
    };
    assert_eq!(p("good")["logged_in"], true);
    assert_eq!(p("broken")["damaged"], true);
    assert!(p("broken")["error"]
        .as_str()
        .unwrap()
        .contains("broken.json"));
    assert_eq!(p("ended")["logged_in"], false);
    assert_eq!(p("ended")["refreshable"], false);
    let text = w.dvc().args(["status", "--all"]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("damaged session") && text.contains("ended by the portal"),
        "{text}"
    );
    assert!(!text.contains("refreshes it on next use"), "{text}");
}

#[test]
fn config_mistakes_are_named() {
    let h = Home::new();
    std::fs::create_dir_all(h.config_file().parent().unwrap()).unwrap();
    std::fs::write(
        h.config_file(),
        "default_profile = \"gone\"\n[profiles.here]\nissuer = \"https://a.vn\"\nclient_id = \"x\"\n",
    )
    .unwrap();
    h.dvc()
        .arg("status")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("gone").and(predicate::str::contains("dvc profile use")));
    h.dvc()
        .args([
            "profile",
            "add",
            "x",
            "--issuer",
            "https://b.vn",
            "--client-id",
            "has space",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be a client id"));
}

#[test]
fn logout_says_whether_the_portal_was_told() {
    let w = world(&["--auto-approve", "1"]);
    w.login("a", &w.sb.issuer, &[]).assert().success();
    w.dvc()
        .args(["--profile", "a", "logout"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "the portal revoked its refresh token",
        ));
    // A session whose portal cannot be reached: said, deleted anyway.
    let mut s = business_session("b", "t", time::Duration::hours(1));
    s.refresh_token = Some(dvc::session::Secret::new("rt"));
    w.home.save_file_session(&s);
    w.dvc()
        .args(["--profile", "b", "logout"])
        .assert()
        .success()
        .stderr(predicate::str::contains("could not be told"));
    assert!(!w.home.session_file("b").exists());
    // No refresh token: said.
    let s = business_session("c", "t", time::Duration::hours(1));
    w.home.save_file_session(&s);
    w.dvc()
        .args(["--profile", "c", "logout"])
        .assert()
        .success()
        .stderr(predicate::str::contains("no refresh token"));
}

/// Eight logins at once, each creating its profile: every profile is in
/// the config afterwards (its read-modify-write is under a lock).
#[test]
fn logins_creating_profiles_at_once_keep_every_profile() {
    let w = world(&["--auto-approve", "0"]);
    let children: Vec<_> = (0..8)
        .map(|i| {
            let mut c = w.home.dvc_std();
            c.args([
                "--profile",
                &format!("p{i}"),
                "login",
                "--issuer",
                &w.sb.issuer,
                "--client-id",
                "dvc-cli",
                "--sim",
                "0912345678",
                "--insecure-storage",
            ])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let config = std::fs::read_to_string(w.home.config_file()).unwrap();
    for i in 0..8 {
        assert!(config.contains(&format!("[profiles.p{i}]")), "{config}");
    }
}

/// `dvc api` with a profile that does not exist says so (exit 4), as
/// `session token` does, in the user's language, and never claims that
/// stdin is not a terminal.
#[test]
fn api_with_a_missing_profile_says_there_is_none() {
    let h = crate::util::Home::new();
    for (lang, words) in [("en", "there is no profile nosuch"), ("vi", "nosuch")] {
        let out = h
            .dvc()
            .args(["--lang", lang, "--profile", "nosuch", "api", "/api/me"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(4));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(words), "{err}");
        assert!(
            !err.contains("terminal") && !err.contains("issuer"),
            "{err}"
        );
    }
}
