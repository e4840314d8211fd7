//! `dvc login` and the session lifecycle, end to end: the built `dvc`
//! against a running `dvc-sandbox` (free port, own data dir).

use std::time::Duration;

use predicates::prelude::*;
use serde_json::{json, Value};

use crate::util::{client, Dvc, Home, Sandbox, Token, MODULE};

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
        c.timeout(Duration::from_secs(90));
        c
    }

    /// `dvc login --issuer … --client-id dvc-cli --insecure-storage ARGS`.
    fn login(&self, args: &[&str]) -> Dvc {
        let mut c = self.dvc();
        c.args([
            "login",
            "--issuer",
            &self.sb.issuer,
            "--client-id",
            "dvc-cli",
            "--insecure-storage",
        ])
        .args(args);
        if !args.contains(&"--timeout") {
            c.args(["--timeout", "5"]);
        }
        c
    }

    fn stats(&self) -> Value {
        self.sb.get_json("/sandbox/stats")
    }

    fn fault(&self, f: Value) {
        assert_eq!(self.sb.post_json("/sandbox/faults", &f), 200, "{f}");
    }

    fn stored(&self) -> bool {
        self.home.session_file("default").exists()
    }

    /// `dvc [GLOBAL] login --sim …` without a terminal, interrupted (SIGINT)
    /// once the transaction is pending; its exit code.
    fn interrupted_sim_login(&self, global: &[&str]) -> Option<i32> {
        let mut child = self
            .home
            .dvc_std()
            .args(global)
            .args([
                "login",
                "--issuer",
                &self.sb.issuer,
                "--client-id",
                "dvc-cli",
                "--insecure-storage",
                "--sim",
                "0912345678",
            ])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        self.pending_tx();
        std::process::Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap();
        child.wait().unwrap().code()
    }

    /// Waits for a pending transaction and returns its id.
    fn pending_tx(&self) -> String {
        for _ in 0..200 {
            let v = self.sb.get_json("/sandbox/transactions");
            if let Some(t) = v["transactions"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["status"] == "pending")
            {
                return t["id"].as_str().unwrap().to_string();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("no pending transaction");
    }

    fn decide(&self, id: &str, what: &str) {
        let r = client()
            .post(self.sb.url(&format!("/sandbox/transactions/{id}/{what}")))
            .send()
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
    }
}

#[test]
fn sim_login_then_status_token_and_api() {
    let w = world(&["--auto-approve", "1"]);
    w.login(&["--sim", "0912 345 678"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("Verification code")
                .and(predicate::str::contains("Công ty TNHH Giải pháp Số Hà Nội"))
                .and(predicate::str::contains("MST 0101234567"))
                .and(predicate::str::contains("created")),
        );
    // The sandbox saw the number in international digits.
    let txs = w.sb.get_json("/sandbox/transactions");
    assert_eq!(txs["transactions"][0]["login_hint"], "84912345678");
    let out = w.dvc().args(["status", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = &v["profiles"][0];
    assert_eq!(
        (p["method"].as_str(), p["storage"].as_str()),
        (Some("sim"), Some("file"))
    );
    assert_eq!(p["account"]["tax_code"], "0101234567");
    // The token and the API.
    let token =
        String::from_utf8(w.dvc().args(["session", "token"]).output().unwrap().stdout).unwrap();
    let out = w
        .dvc()
        .args(["api", "/api/me"])
        .env("DVC_TOKEN", token.trim())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let me: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(me["account"]["MaSoThue"], "0101234567");
    w.dvc()
        .args(["api", "-i", "/api/me"])
        .assert()
        .success()
        .stderr(predicate::str::contains("HTTP 200"));
    // Another origin: refused before anything is sent.
    w.dvc()
        .args(["api", "https://example.com/api/me"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("never sent elsewhere"));
    // An API error: exit 1, the body still printed.
    w.dvc()
        .args(["api", "/api/nothing"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("not_found"));
    // Already logged in: says so, does nothing.
    w.login(&["--sim", "0912345678"])
        .assert()
        .success()
        .stderr(predicate::str::contains("already logged in"));
}

#[test]
fn smartca_approved_while_dvc_polls_rejected_and_expired_exit_6() {
    let w = world(&["--transaction-ttl", "3"]);
    let approve = |w: &World| {
        let id = w.pending_tx();
        w.decide(&id, "approve");
    };
    std::thread::scope(|s| {
        s.spawn(|| approve(&w));
        w.login(&["--smartca", "001099012345", "--password-stdin"])
            .write_stdin("Hong@SmartCA1\n")
            .assert()
            .success()
            .stderr(predicate::str::contains("Nguyễn Thị Hồng"));
    });
    let out = w.dvc().args(["status", "--json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["profiles"][0]["method"], "smartca");
    // Rejected: exit 6, and the old session is untouched.
    std::thread::scope(|s| {
        s.spawn(|| {
            let id = w.pending_tx();
            w.decide(&id, "reject");
        });
        w.login(&["--smartca", "001099012345", "--password-stdin", "--force"])
            .write_stdin("Hong@SmartCA1\n")
            .assert()
            .code(6)
            .stderr(
                predicate::str::contains("declined").and(predicate::str::contains("USER_REJECTED")),
            );
    });
    // Not confirmed in time: exit 6.
    w.login(&["--sim", "0987654321", "--force"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("TRANSACTION_EXPIRED"));
    // A wrong password: a clear error, exit 1.
    w.login(&["--smartca", "001099012345", "--password-stdin", "--force"])
        .write_stdin("nope\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "wrong password (SMARTCA_AUTH_FAILED)",
        ));
    // The SmartCA session is still there.
    let out = w.dvc().args(["status", "--json"]).output().unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).unwrap()["profiles"][0]["method"],
        "smartca"
    );
}

#[test]
fn slow_down_is_honoured_and_ctrl_c_stores_nothing() {
    let w = world(&["--auto-approve", "4", "--fault", "commonauth:slow_down:3"]);
    let start = std::time::Instant::now();
    w.login(&["--sim", "0912345678"]).assert().success();
    let polls = w.stats()["commonauth"]["sim"]["pending"].as_u64().unwrap();
    // 1 start + polls every 3 s for ~4 s: a client ignoring the interval (2 s, or busy) would poll more.
    assert!(
        polls <= 3,
        "{polls} pending answers: the raised interval was not honoured"
    );
    assert!(start.elapsed() >= Duration::from_secs(3));
    // Ctrl-C while waiting for the phone: exit 130, nothing stored.
    let w = world(&[]);
    assert_eq!(w.interrupted_sim_login(&[]), Some(130));
    assert!(!w.stored(), "nothing stored after Ctrl-C");
}

#[test]
fn usb_login_with_a_provisioned_token_and_its_failures() {
    let w = world(&[]);
    let hsm = Token::new(&w.home);
    let provision = |account: &str, label: &str| {
        w.sb.provision_ok(&hsm, account, label, "864209");
    };
    provision("dn-giai-phap-so", "Token A");
    provision("dn-het-han", "Token Expired");
    provision("dn-bi-thu-hoi", "Token Revoked");
    let usb = |cert: &str, pin: &str| {
        let mut c = w.login(&[
            "--usb",
            "--module",
            MODULE,
            "--cert",
            cert,
            "--pin-stdin",
            "--force",
            "-vv",
        ]);
        c.env("SOFTHSM2_CONF", &hsm.conf)
            .write_stdin(format!("{pin}\n"));
        c
    };
    // Success: the token's best algorithm (RSASSA-PSS on SoftHSM2).
    let out = usb("0101234567", "864209").output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        stderr.contains("USB token") && stderr.contains("MST 0101234567"),
        "{stderr}"
    );
    // The PIN and the tokens never appear, even with -vv.
    assert!(!stderr.contains("864209"), "the PIN leaked: {stderr}");
    let file = std::fs::read_to_string(w.home.session_file("default")).unwrap();
    let v: Value = serde_json::from_str(&file).unwrap();
    let at = v["session"]["access_token"].as_str().unwrap();
    assert!(
        !at.is_empty()
            && !stderr.contains(at)
            && !String::from_utf8_lossy(&out.stdout).contains(at)
    );
    // status shows the login certificate's days left; cert check --session sees it through the sandbox's OCSP.
    let out = w.dvc().args(["status", "--json"]).output().unwrap();
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        s["profiles"][0]["certificate"]["days_left"]
            .as_i64()
            .unwrap()
            > 600
    );
    let root = w.sb.state_file(&w.home, "root_cert");
    let out = w
        .dvc()
        .args(["cert", "check", "--session", "--format", "json", "--trust"])
        .arg(&root)
        .output()
        .unwrap();
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            c["certificates"][0]["revocation"]["status"].as_str(),
            c["certificates"][0]["chain"].as_str()
        ),
        (Some("good"), Some("valid")),
        "{c:#}"
    );
    // Every algorithm the token offers, the raw mechanisms too: the sandbox verifies each.
    for extra in [
        &["--algorithm", "RSASSA-PKCS1-v1_5-SHA256"][..],
        &["--mechanism", "raw"][..],
        &[
            "--algorithm",
            "RSASSA-PKCS1-v1_5-SHA256",
            "--mechanism",
            "raw",
        ][..],
    ] {
        let mut c = usb("0101234567", "864209");
        c.args(extra).assert().success();
    }
    // A wrong PIN: exit 5, the earlier session kept.
    usb("0101234567", "000000")
        .assert()
        .code(5)
        .stderr(predicate::str::contains("wrong PIN"));
    assert!(w.stored());
    // The expired certificate: refused before the PIN is asked.
    usb("0100000003", "864209").assert().code(1).stderr(
        predicate::str::contains("expired").and(predicate::str::contains("no PIN was asked")),
    );
    // The revoked certificate: the portal's refusal, said clearly.
    usb("0100000004", "864209")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("revoked").and(predicate::str::contains("CERT_REVOKED")));
}

#[test]
fn protocol_negatives_store_nothing() {
    let w = world(&["--auto-approve", "0"]);
    let cases: [(Value, &str); 6] = [
        (json!({"endpoint": "token", "kind": "html"}), "HTML page"),
        (
            json!({"endpoint": "discovery", "kind": "truncated"}),
            "not JSON",
        ),
        (
            json!({"endpoint": "token", "kind": "delay", "value": 8000}),
            "timeout",
        ),
        (
            json!({"endpoint": "token", "kind": "id_token_nonce"}),
            "nonce",
        ),
        (
            json!({"endpoint": "token", "kind": "id_token_audience"}),
            "another client",
        ),
        (
            json!({"endpoint": "token", "kind": "id_token_signature"}),
            "signature",
        ),
    ];
    for (fault, says) in cases {
        let mut f = fault.clone();
        f["clear"] = json!(true);
        w.fault(f);
        w.login(&["--sim", "0912345678", "--timeout", "2"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(says).and(predicate::str::contains("panicked").not()));
        assert!(!w.stored(), "stored after {fault}");
    }
    w.fault(json!({"clear": true}));
    w.login(&["--sim", "0912345678"]).assert().success();
    assert!(w.stored());
}

#[test]
fn refresh_concurrency_logout_and_revocation() {
    // Access tokens that live 30 s: always within dvc's 60 s refresh margin.
    let w = world(&["--auto-approve", "0", "--access-token-ttl", "30"]);
    w.login(&["--sim", "0912345678"]).assert().success();
    let before = w.stats()["grants"]["refresh_token"].as_u64().unwrap_or(0);
    assert_eq!(before, 0);
    // 20 scripts at once: one refresh, one token for all.
    let children: Vec<_> = (0..20)
        .map(|_| {
            w.home
                .dvc_std()
                .args(["session", "token"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for o in &outs {
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let tokens: std::collections::BTreeSet<String> = outs
        .iter()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .collect();
    assert_eq!(tokens.len(), 1, "all 20 print the same token");
    assert_eq!(
        w.stats()["grants"]["refresh_token"],
        1,
        "exactly one refresh grant"
    );
    // The token works at the API, and the store is intact.
    let tok = tokens.into_iter().next().unwrap();
    assert_eq!(
        client()
            .get(w.sb.url("/api/me"))
            .bearer_auth(&tok)
            .send()
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    w.dvc().args(["status"]).assert().success();
    // A forced refresh rotates again.
    w.dvc().args(["session", "refresh"]).assert().success();
    assert_eq!(w.stats()["grants"]["refresh_token"], 2);
    // Logout revokes at the portal: the refresh token is dead there afterwards.
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(w.home.session_file("default")).unwrap())
            .unwrap();
    let rt = file["session"]["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    w.dvc()
        .args(["logout"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Logged out"));
    assert!(!w.stored());
    let r = client()
        .post(w.sb.url("/oauth2/token"))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", rt.as_str()),
            ("client_id", "dvc-cli"),
        ])
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    // A session whose refresh the portal refuses: exit 4, "run dvc login", nothing deleted.
    w.login(&["--sim", "0912345678"]).assert().success();
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(w.home.session_file("default")).unwrap())
            .unwrap();
    let rt = file["session"]["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    client()
        .post(w.sb.url("/oauth2/revoke"))
        .form(&[("token", rt.as_str()), ("client_id", "dvc-cli")])
        .send()
        .unwrap();
    w.dvc()
        .args(["session", "token"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("dvc login"));
    assert!(w.stored(), "a failed refresh deletes nothing");
}

#[test]
fn logout_with_the_portal_down_still_deletes_locally() {
    let mut w = world(&["--auto-approve", "0"]);
    w.login(&["--sim", "0912345678"]).assert().success();
    w.sb.stop();
    w.dvc().args(["logout"]).assert().success().stderr(
        predicate::str::contains("could not be told").and(predicate::str::contains("Logged out")),
    );
    assert!(!w.stored());
}

#[test]
fn secrets_stay_out_of_the_output() {
    let w = world(&["--auto-approve", "0"]);
    let out = w
        .login(&["--smartca", "001099012345", "--password-stdin", "-vv"])
        .write_stdin("Hong@SmartCA1\n")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(w.home.session_file("default")).unwrap())
            .unwrap();
    for secret in [
        "Hong@SmartCA1",
        file["session"]["access_token"].as_str().unwrap(),
        file["session"]["refresh_token"].as_str().unwrap(),
        file["session"]["id_token"].as_str().unwrap(),
    ] {
        assert!(!all.contains(secret), "a secret leaked into the output");
    }
    for args in [
        &["status", "-vv"][..],
        &["session", "refresh", "-vv"][..],
        &["logout", "-vv"][..],
    ] {
        let out = w.dvc().args(args).output().unwrap();
        let text = String::from_utf8_lossy(&out.stderr);
        assert!(!text.contains(file["session"]["refresh_token"].as_str().unwrap()));
    }
}

#[test]
fn no_method_and_no_terminal_names_the_flags() {
    let w = world(&[]);
    w.login(&[])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--usb, --sim PHONE, --smartca USER_ID",
        ));
    w.login(&["--sim", "12345"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mobile number"));
    w.dvc()
        .args(["--profile", "fresh", "login", "--sim", "0912345678"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--issuer URL --client-id ID"));
}

#[test]
fn killed_refreshes_leave_a_readable_store() {
    let w = world(&["--auto-approve", "0", "--access-token-ttl", "30"]);
    w.login(&["--sim", "0912345678"]).assert().success();
    for i in 0..15u64 {
        let mut child = w
            .home
            .dvc_std()
            .args(["session", "refresh"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(5 + (i * 7) % 40));
        let _ = child.kill();
        let _ = child.wait();
        // The store reads as the old or the new session: never damaged.
        let out = w.dvc().args(["status", "--json"]).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn usb_certificate_bound_to_no_account() {
    let mut w = world(&[]);
    let hsm = Token::new(&w.home);
    w.sb.provision_ok(&hsm, "dn-sai-gon-xanh", "Orphan", "864209");
    // The portal forgets the account (its certificate stays valid and unrevoked).
    let mut accounts = w.sb.state()["accounts"].clone();
    accounts["accounts"]
        .as_array_mut()
        .unwrap()
        .retain(|a| a["id"] != "dn-sai-gon-xanh");
    let file = w.home.root().join("accounts.json");
    std::fs::write(&file, accounts.to_string()).unwrap();
    w.sb.stop();
    w.sb = Sandbox::start_at(&w.sb.data.clone(), &["--accounts", file.to_str().unwrap()]);
    let mut c = w.login(&[
        "--usb",
        "--module",
        MODULE,
        "--cert",
        "0309876543",
        "--pin-stdin",
    ]);
    c.env("SOFTHSM2_CONF", &hsm.conf)
        .write_stdin("864209\n")
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("bound to no account")
                .and(predicate::str::contains("USB_USER_NOT_FOUND_BY_SERIAL")),
        );
    assert!(!w.stored());
}

#[test]
fn api_refreshes_once_on_401() {
    let w = world(&["--auto-approve", "0"]);
    w.login(&["--sim", "0912345678"]).assert().success();
    w.fault(json!({"clear": true, "endpoint": "api", "kind": "status", "value": 401}));
    // The 401 makes dvc refresh once and retry; still 401, so exit 1 with the body.
    w.dvc()
        .args(["api", "/api/me"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("fault injected"));
    assert_eq!(
        w.stats()["grants"]["refresh_token"],
        1,
        "exactly one refresh for the retry"
    );
    w.fault(json!({"clear": true}));
    w.dvc().args(["api", "/api/me"]).assert().success();
}

#[test]
fn reuse_of_a_rotated_refresh_token_ends_the_session() {
    let w = world(&["--auto-approve", "0", "--access-token-ttl", "30"]);
    w.login(&["--sim", "0912345678"]).assert().success();
    let path = w.home.session_file("default");
    let old = std::fs::read(&path).unwrap();
    w.dvc().args(["session", "refresh"]).assert().success();
    // A stale copy of the session (an old backup, another machine) presents the rotated token.
    std::fs::write(&path, &old).unwrap();
    w.dvc()
        .args(["session", "token"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("dvc login"));
    assert_eq!(w.stats()["refresh_reuse_rejected"], 1);
    assert!(
        w.stored(),
        "nothing the user could still use is deleted by dvc"
    );
}

/// `dvc session check` of an OIDC session: alive (0); the portal refusing
/// the token at userinfo (4); an error that says nothing about the session,
/// a proxy's 502 (1, never "log in again").
#[test]
fn session_check_asks_userinfo() {
    let w = world(&["--auto-approve", "1"]);
    w.login(&["--sim", "0912345678"]).assert().success();
    w.dvc().args(["session", "check"]).assert().code(0);
    w.fault(json!({"endpoint": "userinfo", "kind": "status", "value": 502}));
    w.dvc()
        .args(["session", "check"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("502"));
    w.fault(json!({"clear": true, "endpoint": "userinfo", "kind": "status", "value": 401}));
    w.dvc()
        .args(["session", "check"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("ended"));
}

/// A `--connect-to` rule is for its port only (curl's meaning): a URL of
/// the same host on another port is refused before anything is sent, and a
/// loopback host is never sent to another machine.
#[test]
fn connect_to_rules_keep_to_their_port_and_loopback() {
    let home = Home::new();
    home.dvc()
        .args([
            "--connect-to",
            "sso.example:443:127.0.0.1:9",
            "login",
            "--issuer",
            "https://sso.example:8443",
            "--client-id",
            "dvc-cli",
            "--sim",
            "0912345678",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is for port 443"));
    home.dvc()
        .args([
            "--connect-to",
            "localhost:80:203.0.113.5:80",
            "login",
            "--issuer",
            "http://localhost",
            "--client-id",
            "dvc-cli",
            "--sim",
            "0912345678",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("loopback"));
    assert!(!home.session_file("default").exists());
}

/// `-v` shows the steps of a login, `-vv` adds the HTTP trace (method,
/// masked URL, status, milliseconds), never a secret.
#[test]
fn verbosity_shows_the_steps_then_the_http_trace() {
    let w = world(&["--auto-approve", "0"]);
    let out = w
        .login(&["--smartca", "001099012345", "--password-stdin", "-v"])
        .write_stdin("Hong@SmartCA1\n")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("dvc: authorization request to")
            && err.contains("dvc: login page reached")
            && err.contains("dvc: authenticated; exchanging the code for tokens"),
        "the steps at -v: {err}"
    );
    assert!(!err.contains("dvc: → "), "no HTTP trace at -v: {err}");
    let out = w
        .login(&[
            "--smartca",
            "001099012345",
            "--password-stdin",
            "--force",
            "-vv",
        ])
        .write_stdin("Hong@SmartCA1\n")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{err}");
    let host = w.sb.issuer.trim_end_matches('/');
    // A request and its answer: method and URL, then status, URL, ms.
    let sent = err
        .lines()
        .find(|l| l.starts_with("dvc: → GET ") && l.contains(host))
        .unwrap_or_else(|| panic!("no request line: {err}"));
    assert!(sent.contains("http"), "{sent}");
    let answered = err
        .lines()
        .find(|l| l.starts_with("dvc: ← 200 ") && l.contains(" ms)"))
        .unwrap_or_else(|| panic!("no answer line: {err}"));
    assert!(answered.contains("bytes"), "{answered}");
    assert!(
        err.lines().any(|l| l.starts_with("dvc: → POST ")),
        "a POST: {err}"
    );
    // Secrets masked: the password never, the code and state not in clear.
    assert!(!err.contains("Hong@SmartCA1"), "the password leaked: {err}");
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(w.home.session_file("default")).unwrap())
            .unwrap();
    for k in ["access_token", "refresh_token", "id_token"] {
        assert!(
            !err.contains(file["session"][k].as_str().unwrap()),
            "{k} leaked"
        );
    }
}

/// `-vvv` on a USB login adds the PKCS#11 calls with their return values:
/// C_Login and C_SignInit; never the PIN.
#[test]
fn pkcs11_calls_at_vvv_without_the_pin() {
    let w = world(&[]);
    let hsm = Token::new(&w.home);
    w.sb.provision_ok(&hsm, "dn-giai-phap-so", "Token A", "864209");
    let out = w
        .login(&[
            "--usb",
            "--module",
            MODULE,
            "--cert",
            "0101234567",
            "--pin-stdin",
            "-vvv",
        ])
        .env("SOFTHSM2_CONF", &hsm.conf)
        .write_stdin("864209\n")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.lines()
            .any(|l| l.contains("C_Login(User, PIN ***)") && l.ends_with(": CKR_OK")),
        "C_Login and its return value: {err}"
    );
    assert!(
        err.lines()
            .any(|l| l.contains("C_SignInit CKM_") && l.ends_with(": CKR_OK")),
        "C_SignInit and its return value: {err}"
    );
    assert!(err.contains("dvc: → "), "-vvv keeps the HTTP trace: {err}");
    assert!(!err.contains("864209"), "the PIN leaked: {err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("864209"));
    // A wrong PIN: its return value is traced, the PIN still never.
    let out = w
        .login(&[
            "--usb",
            "--module",
            MODULE,
            "--cert",
            "0101234567",
            "--pin-stdin",
            "--force",
            "-vvv",
        ])
        .env("SOFTHSM2_CONF", &hsm.conf)
        .write_stdin("000042\n")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(5), "{err}");
    assert!(err.contains("CKR_PIN_INCORRECT"), "{err}");
    assert!(!err.contains("000042"), "the PIN leaked: {err}");
}

/// `pin-value` in a `pkcs11:` URI is refused (exit 2) before any token is
/// looked at, plugged in or not, and the PIN is never printed back.
#[test]
fn a_pin_value_in_the_uri_is_refused_without_a_token() {
    let w = world(&[]);
    let hsm = Token::new(&w.home);
    for uri in [
        "pkcs11:token=Token%20A?pin-value=864209",
        "pkcs11:token=Token%20A;pin-value=864209",
    ] {
        let out = w
            .login(&["--usb", "--module", MODULE, "--cert", uri, "-vvv"])
            .env("SOFTHSM2_CONF", &hsm.conf)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("pin-value"), "{err}");
        assert!(!err.contains("no token is plugged in"), "{err}");
        assert!(!err.contains("864209"), "the PIN was printed back: {err}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains("864209"));
    }
    assert!(!w.stored());
}

/// The renewal case at the portal: the company's new certificate and its
/// expired predecessor (same MST) on the same token, then on two:
/// `dvc login --usb --cert MST` without a terminal logs in with the new one.
#[test]
fn usb_login_picks_the_renewed_certificate() {
    let w = world(&[]);
    let hsm = Token::new(&w.home);
    w.sb.provision_ok(&hsm, "dn-giai-phap-so", "Token A", "864209");
    let ca = dvc_sandbox::pki::Ca::self_signed(
        &dvc_sandbox::pki::Spec::new(
            dvc_sandbox::pki::Role::Ca { path_len: None },
            dvc_sandbox::pki::Name::new().c("VN").cn("CA cũ"),
        ),
        dvc_sandbox::pki::Key::ec().unwrap(),
    )
    .unwrap();
    let old_key = crate::util::pki::rsa_key(0);
    let old = ca
        .issue(
            &dvc_sandbox::pki::Spec::new(
                dvc_sandbox::pki::Role::Leaf,
                dvc_sandbox::pki::Name::new()
                    .c("VN")
                    .cn("Công ty TNHH Giải pháp Số Hà Nội")
                    .uid("MST:0101234567"),
            )
            .serial_bytes(&[0x7f])
            .days(-400, -3),
            &old_key,
        )
        .unwrap();
    let usb = |pin: &str| {
        let mut c = w.login(&[
            "--usb",
            "--module",
            MODULE,
            "--cert",
            "0101234567",
            "--pin-stdin",
            "--force",
        ]);
        c.env("SOFTHSM2_CONF", &hsm.conf)
            .write_stdin(format!("{pin}\n"));
        c
    };
    let days_left = || {
        let out = w.dvc().args(["status", "--json"]).output().unwrap();
        let s: Value = serde_json::from_slice(&out.stdout).unwrap();
        s["profiles"][0]["certificate"]["days_left"]
            .as_i64()
            .unwrap()
    };
    // On the same token.
    hsm.import("Token A", "864209", "7f", "old", &old_key, &old);
    let out = usb("864209").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("several certificates"), "{err}");
    assert!(days_left() > 600, "the new certificate logged in");
    // On two tokens.
    hsm.init("Token Old", "111111");
    hsm.import("Token Old", "111111", "7f", "old", &old_key, &old);
    let out = usb("864209").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(days_left() > 600);
}

/// `login --force` over a live session revokes the old refresh token; when
/// the portal cannot be told, the new login still works and says so.
#[test]
fn a_replaced_session_says_when_the_portal_could_not_be_told() {
    let w = world(&["--auto-approve", "1"]);
    w.login(&["--sim", "0912345678"]).assert().success();
    w.fault(json!({"endpoint": "revoke", "kind": "status", "value": 502}));
    let out = w
        .login(&["--sim", "0912345678", "--force"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("was replaced") && err.contains("could not be told"),
        "{err}"
    );
    assert!(w.stored());
    // Told when it works.
    w.fault(json!({"clear": true}));
    let out = w
        .login(&["--sim", "0912345678", "--force"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("the portal revoked its refresh token"),
        "{err}"
    );
}

/// Ctrl-C during a first login leaves no profile behind in config.toml.
#[test]
fn an_interrupted_first_login_leaves_no_profile() {
    let w = world(&[]);
    assert_eq!(w.interrupted_sim_login(&["--profile", "moi"]), Some(130));
    let config = std::fs::read_to_string(w.home.config_file()).unwrap_or_default();
    assert!(!config.contains("moi"), "{config}");
    assert!(!w.home.session_file("moi").exists());
}
