//! The foundation commands through the built binary: profiles, status,
//! session token, logout, languages, never prompting without a terminal.

use crate::util::*;
use predicates::prelude::*;
use serde_json::Value;
use time::Duration;

fn json(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("stdout is JSON")
}

#[test]
fn profile_add_list_use_remove() {
    let h = Home::new();
    h.dvc()
        .args([
            "profile",
            "add",
            "acme",
            "--preset",
            "dvcqg",
            "--client-id",
            "dvc-cli",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("acme").and(predicate::str::contains("default")));
    h.dvc()
        .args([
            "profile",
            "add",
            "citizen",
            "--issuer",
            "http://127.0.0.1:8443",
            "--client-id",
            "c1",
            "--phone",
            "0912345678",
            "--smartca-user",
            "001099012345",
            "--module",
            "/usr/lib/x.so",
            "--cert",
            "MST:0101234567",
        ])
        .assert()
        .success();
    let config = std::fs::read_to_string(h.config_file()).unwrap();
    assert!(config.contains("default_profile = \"acme\""), "{config}");
    assert!(config.contains("phone = \"0912345678\""), "{config}");

    let out = h
        .dvc()
        .args(["profile", "list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v = json(&out.stdout);
    let names: Vec<_> = v["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["acme", "citizen"]);
    assert_eq!(v["profiles"][0]["default"], true);
    assert_eq!(
        v["profiles"][0]["issuer"],
        "https://xacthuc.dichvucong.gov.vn"
    );

    h.dvc()
        .args(["profile", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("* acme"));

    // The preset gives WSO2's discovery URL.
    let out = h
        .dvc()
        .args(["profile", "show", "acme", "--json"])
        .output()
        .unwrap();
    let v = json(&out.stdout);
    assert_eq!(
        v["discovery_url"],
        "https://xacthuc.dichvucong.gov.vn/oauth2/oidcdiscovery/.well-known/openid-configuration"
    );
    assert_eq!(v["redirect_uri"], "http://127.0.0.1/dvc/callback");
    let out = h
        .dvc()
        .args(["profile", "show", "citizen", "--json"])
        .output()
        .unwrap();
    let v = json(&out.stdout);
    assert_eq!(
        v["discovery_url"],
        "http://127.0.0.1:8443/.well-known/openid-configuration"
    );
    assert_eq!(v["sim.phone"], "0912345678");
    assert_eq!(v["usb.module"], "/usr/lib/x.so");

    // Adding the same name again needs --force.
    h.dvc()
        .args([
            "profile",
            "add",
            "acme",
            "--preset",
            "dvcqg",
            "--client-id",
            "x",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));

    h.dvc()
        .args(["profile", "use", "citizen"])
        .assert()
        .success();
    let out = h
        .dvc()
        .args(["profile", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(json(&out.stdout)["profiles"][1]["default"], true);
    // status follows the default profile.
    let out = h.dvc().args(["status", "--json"]).output().unwrap();
    assert_eq!(json(&out.stdout)["profiles"][0]["profile"], "citizen");

    // Removing a profile deletes its session too.
    h.save_file_session(&citizen_session("citizen", "tok", Duration::hours(1)));
    h.dvc()
        .args(["profile", "remove", "citizen"])
        .assert()
        .success()
        .stderr(predicate::str::contains("citizen"));
    assert!(!h.session_file("citizen").exists());
    h.dvc().args(["profile", "use", "citizen"]).assert().code(2);
    h.dvc()
        .args(["profile", "remove", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("dvc profile list"));
}

#[test]
fn profile_add_refuses_plain_http_and_bad_names() {
    let h = Home::new();
    h.dvc()
        .args([
            "profile",
            "add",
            "x",
            "--issuer",
            "http://portal.example.vn",
            "--client-id",
            "c",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("https"));
    h.dvc()
        .args([
            "profile",
            "add",
            "../evil",
            "--preset",
            "dvcqg",
            "--client-id",
            "c",
        ])
        .assert()
        .code(2);
    assert!(!h.config_file().exists());
}

#[test]
fn no_input_and_no_terminal_never_prompt() {
    let h = Home::new();
    // stdin is not a terminal here: a missing answer is a usage error naming the flag.
    h.dvc()
        .args(["profile", "add", "acme"])
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--issuer"));
    h.dvc()
        .args([
            "profile",
            "add",
            "acme",
            "--preset",
            "dvcqg-test",
            "--no-input",
        ])
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--client-id"));
    h.dvc()
        .args(["profile", "add", "acme", "--preset", "dvcqg-test"])
        .env("DVC_NO_INPUT", "1")
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(2);
}

#[test]
fn status_without_session() {
    let h = Home::new();
    // A fresh install: exit 4, and the way on is to make the profile (a
    // login without one would fail).
    h.dvc()
        .arg("status")
        .assert()
        .code(4)
        .stdout(
            predicate::str::contains("not logged in").and(predicate::str::contains(
                "dvc profile add default --preset dvcqg",
            )),
        );
    let out = h.dvc().args(["status", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    let v = json(&out.stdout);
    assert_eq!(v["profiles"][0]["profile"], "default");
    assert_eq!(v["profiles"][0]["logged_in"], false);
    assert_eq!(v["profiles"][0]["account"], Value::Null);
}

#[test]
fn status_with_live_session() {
    let h = Home::new();
    h.save_file_session(&business_session(
        "acme",
        "secret-access-token",
        Duration::hours(1),
    ));
    let out = h
        .dvc()
        .args(["--profile", "acme", "status", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out.stdout);
    let p = &v["profiles"][0];
    assert_eq!(p["logged_in"], true);
    assert_eq!(p["method"], "usb");
    assert_eq!(p["storage"], "file");
    assert_eq!(p["issuer"], "http://127.0.0.1:9");
    assert_eq!(p["account"]["type"], "business");
    assert_eq!(p["account"]["name"], "Công ty TNHH Giải pháp Số Hà Nội");
    assert_eq!(p["account"]["tax_code"], "0101234567");
    assert_eq!(p["account"]["id_number"], Value::Null);
    assert_eq!(p["certificate"]["serial"], "0A1B2C3D");
    assert_eq!(p["certificate"]["days_left"], 20);
    let expires = p["access_token_expires_at"].as_str().unwrap();
    assert!(expires.ends_with('Z') && expires.len() == 20, "{expires}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("secret-access-token"));

    // Text: the account, the method and a certificate warning (20 days < 30).
    h.dvc()
        .args(["--profile", "acme", "status"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("logged in")
                .and(predicate::str::contains("Công ty TNHH Giải pháp Số Hà Nội"))
                .and(predicate::str::contains("MST 0101234567"))
                .and(predicate::str::contains("USB token"))
                .and(predicate::str::contains("20 days left"))
                .and(predicate::str::contains("renew"))
                .and(predicate::str::contains("secret-access-token").not()),
        );
}

#[test]
fn status_with_expired_session_and_all() {
    let h = Home::new();
    h.save_file_session(&business_session("old", "t-old", -Duration::minutes(10)));
    h.save_file_session(&citizen_session("live", "t-live", Duration::hours(1)));
    h.dvc()
        .args(["--profile", "old", "status"])
        .assert()
        .code(4)
        .stdout(
            predicate::str::contains("expired")
                .and(predicate::str::contains("dvc login --profile old")),
        );
    let out = h
        .dvc()
        .args(["--profile", "old", "status", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(json(&out.stdout)["profiles"][0]["logged_in"], false);

    // --all: one profile is not live, so exit 4; both are listed.
    let out = h
        .dvc()
        .args(["status", "--all", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let v = json(&out.stdout);
    let rows = v["profiles"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["profile"], "live");
    assert_eq!(rows[0]["account"]["type"], "citizen");
    assert_eq!(rows[0]["account"]["id_number"], "001099012345");
    assert_eq!(rows[0]["certificate"], Value::Null);
    assert_eq!(rows[1]["logged_in"], false);

    h.dvc()
        .args(["logout", "--profile", "old"])
        .assert()
        .success();
    h.dvc()
        .args(["status", "--all"])
        .assert()
        .success()
        .stdout(predicate::str::contains("live"));
}

#[test]
fn session_token_sources() {
    let h = Home::new();
    // DVC_TOKEN wins and needs nothing stored.
    h.dvc()
        .args(["session", "token"])
        .env("DVC_TOKEN", "from-env")
        .assert()
        .success()
        .stdout("from-env\n");
    // No profile and no session: exit 4 (no session), and the way out is
    // to make the profile (a login without one would fail).
    h.dvc()
        .args(["session", "token"])
        .assert()
        .code(4)
        .stdout("")
        .stderr(predicate::str::contains("there is no profile default").and(
            predicate::str::contains("dvc profile add default --preset dvcqg"),
        ));
    // A stored live session.
    h.save_file_session(&business_session(
        "default",
        "stored-token",
        Duration::hours(1),
    ));
    h.dvc()
        .args(["session", "token"])
        .assert()
        .success()
        .stdout("stored-token\n");
    // DVC_PROFILE picks another profile.
    h.save_file_session(&citizen_session("other", "other-token", Duration::hours(1)));
    h.dvc()
        .args(["session", "token"])
        .env("DVC_PROFILE", "other")
        .assert()
        .success()
        .stdout("other-token\n");
    // Expired: exit 4, no token printed.
    h.save_file_session(&business_session(
        "default",
        "stale-token",
        -Duration::seconds(5),
    ));
    h.dvc()
        .args(["session", "token"])
        .assert()
        .code(4)
        .stdout("")
        .stderr(predicate::str::contains("expired"));
}

#[test]
fn logout_deletes_local_sessions() {
    let h = Home::new();
    h.save_file_session(&business_session("a", "t1", Duration::hours(1)));
    h.save_file_session(&business_session("b", "t2", Duration::hours(1)));
    h.dvc()
        .args(["--profile", "a", "logout"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Logged out of profile a"));
    assert!(!h.session_file("a").exists());
    assert!(h.session_file("b").exists());
    h.dvc()
        .args(["--profile", "a", "logout"])
        .assert()
        .success()
        .stderr(predicate::str::contains("was not logged in"));
    h.dvc().args(["logout", "--all"]).assert().success();
    assert!(!h.session_file("b").exists());
    h.dvc()
        .args(["--profile", "b", "session", "token"])
        .assert()
        .code(4);
}

#[test]
fn vietnamese_from_lang_and_flag() {
    let h = Home::new();
    h.dvc()
        .args(["session", "token"])
        .env("LANG", "vi_VN.UTF-8")
        .assert()
        .code(4)
        .stderr(
            predicate::str::contains("không có hồ sơ default")
                .and(predicate::str::contains("gợi ý")),
        );
    h.dvc()
        .args(["--lang", "vi", "status"])
        .env("LANG", "en_US.UTF-8")
        .assert()
        .code(4)
        .stdout(predicate::str::contains("Hồ sơ default: chưa đăng nhập"));
    h.dvc()
        .args(["status"])
        .env("DVC_LANG", "vi")
        .env("LANG", "en_US.UTF-8")
        .assert()
        .stdout(predicate::str::contains("chưa đăng nhập"));
    // --lang en beats a Vietnamese environment.
    h.dvc()
        .args(["--lang", "en", "status"])
        .env("LC_ALL", "vi_VN.UTF-8")
        .assert()
        .stdout(predicate::str::contains("not logged in"));
    h.save_file_session(&business_session("default", "t", Duration::hours(1)));
    h.dvc()
        .args(["status"])
        .env("LC_ALL", "vi_VN.UTF-8")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("đã đăng nhập")
                .and(predicate::str::contains("USB ký số"))
                .and(predicate::str::contains("doanh nghiệp"))
                .and(predicate::str::contains("còn 20 ngày")),
        );
}

#[test]
fn invalid_config_names_file_line_and_field() {
    let h = Home::new();
    std::fs::create_dir_all(h.config_file().parent().unwrap()).unwrap();
    std::fs::write(
        h.config_file(),
        "default_profile = \"a\"\n[profiles.a]\nclient_id = \"x\"\nisuer = \"https://a.vn\"\n",
    )
    .unwrap();
    h.dvc().args(["profile", "list"]).assert().code(1).stderr(
        predicate::str::contains(h.config_file().display().to_string())
            .and(predicate::str::contains("line 4"))
            .and(predicate::str::contains("isuer"))
            .and(predicate::str::contains("panicked").not()),
    );
    std::fs::write(
        h.config_file(),
        "[profiles.a]\nissuer = \"http://a.example\"\n",
    )
    .unwrap();
    h.dvc()
        .args(["status"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 2").and(predicate::str::contains("https")));
    std::fs::write(h.config_file(), [0xff, 0xfe, 0x00]).unwrap();
    h.dvc()
        .args(["status"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("UTF-8"));
    // --profile skips reading the default from the config.
    h.dvc()
        .args(["--profile", "x", "session", "token"])
        .env("DVC_TOKEN", "t")
        .assert()
        .success();
}

#[test]
fn usage_errors_exit_2() {
    let h = Home::new();
    h.dvc().arg("frobnicate").assert().code(2);
    h.dvc().args(["status", "--bogus"]).assert().code(2);
    h.dvc().args(["--lang", "fr", "status"]).assert().code(2);
    h.dvc()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes"));
    h.dvc().arg("--version").assert().success();
}

#[test]
fn broken_pipe_is_not_an_error() {
    let h = Home::new();
    let mut cmd = h.dvc_std();
    let mut child = cmd
        .args(["completion", "zsh"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A profile name that is not UTF-8 is a usage error (exit 2), never a
/// panic; a file name that is not UTF-8 (from a CP1258 zip) is a path like
/// any other.
#[test]
fn non_utf8_arguments() {
    use std::os::unix::ffi::OsStrExt;
    let h = Home::new();
    let bad = std::ffi::OsStr::from_bytes(b"c\xf4ng-ty");
    let out = h
        .dvc()
        .arg("--profile")
        .arg(bad)
        .arg("status")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let file = h
        .root()
        .join(std::ffi::OsStr::from_bytes(b"ch\xfang-th\xf0.pem"));
    std::fs::write(&file, b"not a certificate").unwrap();
    let out = h
        .dvc()
        .args(["cert", "check", "--revocation", "none", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["status"], "UNKNOWN", "{v:#}");
}
