//! Profiles as a new user meets them: the hint with no profiles, the
//! portal menu of `dvc profile add` at a terminal (a refused answer asked
//! again, never the end of everything), what `profile show`, `profile list`
//! and `status` say of a web profile (its portal is the recipe's
//! `rp_origin`, not the national SSO), and errors in the user's language
//! (the CA file, a config or recipe file that is not valid TOML).

use std::time::Duration;

use predicates::prelude::*;
use serde_json::Value;

use crate::util::pty::Pty;
use crate::util::web::{Ran, Web};
use crate::util::Home;

const SECS: fn(u64) -> Duration = Duration::from_secs;
const DOWN: &str = "\x1b[B";

/// `dvc profile add NAME ARGS…` in a 120×30 terminal.
fn add_in_terminal(h: &Home, args: &[&str]) -> Pty {
    let mut c = h.dvc_std();
    c.args(["profile", "add"]).args(args);
    Pty::spawn(&c, 120, 30)
}

/// `dvc profile add NAME ARGS…` in an 80×24 terminal.
fn add_in_small_terminal(h: &Home, args: &[&str]) -> Pty {
    let mut c = h.dvc_std();
    c.args(["profile", "add"]).args(args);
    Pty::spawn(&c, 80, 24)
}

fn config(h: &Home) -> String {
    std::fs::read_to_string(h.config_file()).unwrap_or_default()
}

/// With no profiles, the hint shows the main path (VNeID, no client id).
#[test]
fn no_profiles_hints_the_vneid_preset() {
    let h = Home::new();
    let out = h.dvc().args(["profile", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("dvc profile add NAME --preset dvcqg`")
            && err.contains("--preset dvcqg-legacy")
            && err.contains("scripts/demo.sh")
            && !err.contains("--client-id"),
        "{err}"
    );
    let out = h
        .dvc()
        .args(["--lang", "vi", "profile", "list"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Chưa có hồ sơ nào")
            && err.contains("dvc profile add TÊN --preset dvcqg`")
            && !err.contains("--client-id"),
        "{err}"
    );
}

/// `dvc profile add NAME` at a terminal starts with the portals, VNeID
/// first, each entry whole on an 80-column line; Enter takes it: a web
/// profile of preset dvcqg, no client id asked.
#[test]
fn profile_add_at_a_terminal_offers_the_portals_vneid_first() {
    let h = Home::new();
    let mut p = add_in_small_terminal(&h, &["newco"]);
    p.expect("Which portal does this profile log in to", SECS(10));
    p.expect("registered dvc as an OAuth client", SECS(5));
    let screen = p.screen();
    let entries: Vec<&str> = screen
        .lines()
        .filter(|l| {
            l.contains("dvcqg")
                || l.contains("recipe")
                || l.contains("registered dvc as an OAuth client")
        })
        .collect();
    assert_eq!(entries.len(), 6, "six entries:\n{screen}");
    assert!(!screen.contains('…'), "entries cut:\n{screen}");
    assert!(
        entries[0].contains("dvcqg: the national portal, VNeID account")
            && entries[1].contains("dvcqg-legacy")
            && entries[1].contains("USB token, SIM, VNPT SmartCA")
            && entries[2].contains("dvcqg-test")
            && entries[3].contains("built-in recipe")
            && entries[4].contains("recipe file"),
        "{screen}"
    );
    p.send("\r");
    let f = p.finish(SECS(10));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
    let hist = p.history();
    assert!(
        hist.contains("Profile newco added")
            && !hist.contains("OAuth client id")
            && !hist.contains("Portal issuer URL"),
        "{hist}"
    );
    let c = config(&h);
    assert!(
        c.contains("preset = \"dvcqg\"") && !c.contains("client_id") && !c.contains("issuer"),
        "{c}"
    );
}

/// The same menu in Vietnamese; the arrow key chooses the legacy accounts
/// (USB, SIM, SmartCA).
#[test]
fn profile_add_menu_in_vietnamese_chooses_the_legacy_accounts() {
    let h = Home::new();
    let mut p = add_in_small_terminal(&h, &["abc-cu", "--lang", "vi"]);
    p.expect("Hồ sơ này đăng nhập vào cổng nào", SECS(10));
    p.expect("USB ký số, SIM ký số, VNPT SmartCA", SECS(5));
    assert!(!p.screen().contains('…'), "entries cut:\n{}", p.screen());
    p.send(DOWN);
    p.send("\r");
    let f = p.finish(SECS(10));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
    assert!(
        p.history().contains("Đã thêm hồ sơ abc-cu"),
        "{}",
        p.history()
    );
    assert!(
        config(&h).contains("preset = \"dvcqg-legacy\""),
        "{}",
        config(&h)
    );
}

/// A portal that registered dvc: a URL that is not allowed and a client
/// id with a space are refused with the reason on screen and asked again;
/// the good answers make the profile (exit 0).
#[test]
fn profile_add_asks_again_after_a_refused_answer() {
    let h = Home::new();
    let mut p = add_in_terminal(&h, &["lab"]);
    p.expect("registered dvc as an OAuth client", SECS(10));
    for _ in 0..5 {
        p.send(DOWN);
    }
    p.send("\r");
    p.expect("Portal issuer URL", SECS(10));
    p.line("http://portal.example");
    p.expect("not accepted", SECS(5));
    p.expect("plain http is allowed only on 127.0.0.1", SECS(5));
    p.line("https://sso.example.vn");
    p.expect("Discovery URL", SECS(10));
    p.expect(
        "https://sso.example.vn/.well-known/openid-configuration",
        SECS(5),
    );
    p.line("");
    p.expect("OAuth client id", SECS(10));
    p.line("my client");
    p.expect("not accepted: 'my client' cannot be a client id", SECS(5));
    p.expect("without spaces", SECS(5));
    p.line("dvc-cli");
    let f = p.finish(SECS(10));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
    let c = config(&h);
    assert!(
        c.contains("issuer = \"https://sso.example.vn\"") && c.contains("client_id = \"dvc-cli\""),
        "{c}"
    );
}

/// dvcqg-test asks only the client id; in Vietnamese, a refused one says
/// so in Vietnamese.
#[test]
fn profile_add_test_host_asks_the_client_id_again_in_vietnamese() {
    let h = Home::new();
    let mut p = add_in_terminal(&h, &["thu", "--lang", "vi"]);
    p.expect("dvcqg-test", SECS(10));
    p.send(DOWN);
    p.send(DOWN);
    p.send("\r");
    p.expect("OAuth client id", SECS(10));
    p.line("my client");
    p.expect("không nhận: 'my client' không thể là client id", SECS(5));
    p.line("dvc-cli");
    let f = p.finish(SECS(10));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
    let c = config(&h);
    assert!(
        c.contains("preset = \"dvcqg-test\"") && c.contains("client_id = \"dvc-cli\""),
        "{c}"
    );
}

/// A built-in recipe from the second menu, and a recipe file whose missing
/// path is refused (in the user's words) and asked again.
#[test]
fn profile_add_a_built_in_recipe_or_a_recipe_file() {
    let h = Home::new();
    let mut p = add_in_terminal(&h, &["sb"]);
    p.expect("registered dvc as an OAuth client", SECS(10));
    for _ in 0..3 {
        p.send(DOWN);
    }
    p.send("\r");
    p.expect("Which recipe", SECS(10));
    p.expect("sandbox-web", SECS(5));
    p.send(DOWN);
    p.send(DOWN);
    p.send("\r");
    let f = p.finish(SECS(10));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
    assert!(
        config(&h).contains("recipe = \"sandbox-web\""),
        "{}",
        config(&h)
    );

    let out = h
        .dvc()
        .args(["recipe", "show", "dvcqg-legacy"])
        .output()
        .unwrap();
    let file = h.write("bo.toml", out.stdout);
    let mut p = add_in_terminal(&h, &["bo"]);
    p.expect("registered dvc as an OAuth client", SECS(10));
    for _ in 0..4 {
        p.send(DOWN);
    }
    p.send("\r");
    p.expect("Recipe file", SECS(10));
    p.line("khong-co.toml");
    p.expect("not accepted", SECS(5));
    p.expect("no such file or directory", SECS(5));
    p.line(&file.display().to_string());
    let f = p.finish(SECS(10));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
    assert!(config(&h).contains("recipe_file = "), "{}", config(&h));
}

/// Ctrl-C in the portal menu: exit 130, the cursor back, nothing written.
#[test]
fn ctrl_c_in_the_portal_menu_writes_nothing() {
    let h = Home::new();
    let mut p = add_in_terminal(&h, &["newco"]);
    p.expect("Which portal does this profile log in to", SECS(10));
    p.ctrl_c();
    let f = p.finish(SECS(10));
    assert_eq!(f.code, 130, "{}", p.history());
    f.assert_sane();
    assert!(!h.config_file().exists());
}

/// Without a terminal nothing is asked: exit 2, naming the flags (the
/// VNeID preset first).
#[test]
fn profile_add_without_a_terminal_names_the_flags() {
    let h = Home::new();
    h.dvc()
        .args(["profile", "add", "newco"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("pass --preset dvcqg (the national portal, VNeID)")
                .and(predicate::str::contains("--issuer URL --client-id ID")),
        );
    assert!(!h.config_file().exists());
    h.dvc()
        .args(["profile", "add", "t", "--preset", "dvcqg-test"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pass --client-id ID"));
    h.dvc()
        .args(["profile", "add", "t", "--issuer", "https://a.vn"])
        .args(["--client-id", "my client"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "'my client' cannot be a client id",
        ));
}

/// `profile show` of a web profile: the recipe, its portal and methods,
/// the common settings; no OIDC fields. "(default)" in Vietnamese too.
/// `--json` keeps every field and says the flow.
#[test]
fn profile_show_of_a_web_profile() {
    let h = Home::new();
    h.dvc()
        .args(["--ca-file", "/etc/ca.pem", "profile", "add", "acme"])
        .args(["--preset", "dvcqg", "--vneid-id", "0101234567"])
        .args(["--cert", "MST:0101234567"])
        .assert()
        .success();
    let out = h.dvc().args(["profile", "show", "acme"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("acme (default)\n"), "{text}");
    for want in [
        "flow             web",
        "recipe           dvcqg",
        "rp_origin        https://dichvucong.gov.vn",
        "methods          VNeID account",
        "vneid.id         0101234567",
        "usb.cert         MST:0101234567",
        "ca_file          /etc/ca.pem",
    ] {
        assert!(text.contains(want), "{want:?} in:\n{text}");
    }
    for not in [
        "issuer",
        "discovery_url",
        "redirect_uri",
        "scope",
        "acr_values",
        "api_base",
        "xacthuc",
    ] {
        assert!(!text.contains(not), "{not:?} in:\n{text}");
    }
    let out = h
        .dvc()
        .args(["--lang", "vi", "profile", "show", "acme"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("acme (mặc định)\n") && text.contains("tài khoản VNeID"),
        "{text}"
    );
    let (code, j) = h.dvc().args(["profile", "show", "acme", "--json"]).json();
    assert_eq!(code, 0);
    assert_eq!(j["flow"], "web", "{j}");
    assert_eq!(j["recipe"], "dvcqg", "{j}");
    assert_eq!(j["rp_origin"], "https://dichvucong.gov.vn", "{j}");
    assert_eq!(j["methods"], serde_json::json!(["vneid"]), "{j}");
    assert!(j.get("issuer").is_some() && j.get("scope").is_some(), "{j}");

    // An OIDC profile still shows its OIDC fields.
    h.dvc()
        .args(["profile", "add", "lab", "--issuer", "http://127.0.0.1:8443"])
        .args(["--client-id", "dvc-cli"])
        .assert()
        .success();
    let out = h.dvc().args(["profile", "show", "lab"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("lab\n")
            && text.contains("flow             oidc")
            && text.contains("issuer           http://127.0.0.1:8443")
            && text.contains("client_id        dvc-cli")
            && !text.contains("rp_origin"),
        "{text}"
    );
    let (_, j) = h.dvc().args(["profile", "show", "lab", "--json"]).json();
    assert_eq!(j["flow"], "oidc", "{j}");
}

/// A web profile (preset or a first `login --recipe`) is listed with the
/// portal it logs in to, and `status` shows the same portal logged in and
/// after logout.
#[test]
fn list_and_status_show_the_portal_of_a_web_profile() {
    let w = Web::new(&["--sim-wait", "held", "--auto-approve", "0"]);
    w.profile("p", "dvcqg-legacy");
    let portal_line = |r: &Ran| {
        r.out
            .lines()
            .find(|l| l.trim_start().starts_with("Portal"))
            .map(|l| l.split_whitespace().nth(1).unwrap_or("").to_string())
    };
    let status = || Web::run(w.cmd("p", &["status"]));
    let r = status();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        portal_line(&r).as_deref(),
        Some("https://dichvucong.gov.vn"),
        "{r:?}"
    );
    let r = Web::run(w.login("p", &["--sim", "0912345678"]));
    assert_eq!(r.code, 0, "{r:?}");
    let r = status();
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(
        portal_line(&r).as_deref(),
        Some("https://dichvucong.gov.vn"),
        "{r:?}"
    );
    assert_eq!(Web::run(w.cmd("p", &["logout"])).code, 0);
    let r = status();
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(
        portal_line(&r).as_deref(),
        Some("https://dichvucong.gov.vn"),
        "{r:?}"
    );
    let (_, j) = w.cmd("p", &["status", "--json"]).json();
    assert_eq!(
        j["profiles"][0]["issuer"], "https://dichvucong.gov.vn",
        "{j}"
    );

    // A profile made by a first `login --recipe`.
    let mut c = w.dvc();
    c.args(["--profile", "moi", "login", "--recipe", "sandbox-web"])
        .args([
            "--sim",
            "0912345678",
            "--insecure-storage",
            "--timeout",
            "10",
        ])
        .args(w.net());
    let r = Web::run(c);
    assert_eq!(r.code, 0, "{r:?}");
    let r = Web::run(w.cmd("p", &["profile", "list"]));
    let row = |name: &str| {
        r.out
            .lines()
            .find(|l| l[2..].starts_with(name))
            .unwrap_or_else(|| panic!("{name} in {r:?}"))
            .to_string()
    };
    assert!(row("p ").contains("https://dichvucong.gov.vn"), "{r:?}");
    assert!(
        row("moi ").contains("https://portal.dvc-sandbox.test") && !r.out.contains('—'),
        "{r:?}"
    );
    assert!(!r.out.contains("xacthuc"), "{r:?}");
    let (_, j) = w.cmd("p", &["profile", "list", "--json"]).json();
    let moi = j["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "moi")
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(moi["portal"], "https://portal.dvc-sandbox.test", "{j}");
    assert_eq!(moi["flow"], "web", "{j}");
}

/// The CA file's OS error and the config's / a recipe's TOML errors in
/// Vietnamese, keeping the parser's detail.
#[test]
fn file_errors_in_vietnamese() {
    let h = Home::new();
    h.dvc()
        .args(["profile", "add", "x", "--preset", "dvcqg"])
        .assert()
        .success();
    h.dvc()
        .args(["--lang", "vi", "--ca-file", "/nonexist", "api", "/api/me"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains(
                "không dùng được tệp CA /nonexist: không có tệp hoặc thư mục này",
            )
            .and(predicate::str::contains("os error").not()),
        );
    let notpem = h.write("ca.txt", "hello\n");
    h.dvc()
        .args(["--lang", "vi", "--ca-file"])
        .arg(&notpem)
        .args(["api", "/api/me"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("(cần PEM)"));

    std::fs::create_dir_all(h.config_file().parent().unwrap()).unwrap();
    std::fs::write(h.config_file(), "[profiles.a]\nfoo = 1\n").unwrap();
    let out = h
        .dvc()
        .args(["--lang", "vi", "profile", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("không hợp lệ ở dòng 2, cột 1:")
            && err.contains("foo = 1")
            && err.contains("unknown field `foo`")
            && !err.contains("TOML parse error"),
        "{err}"
    );
    std::fs::write(h.config_file(), "[profiles.\"a b\"]\n").unwrap();
    let out = h
        .dvc()
        .args(["--lang", "vi", "profile", "list"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ở dòng 1, cột 12: tên hồ sơ \"a b\": hãy dùng 1 đến 64"),
        "{err}"
    );
    std::fs::remove_file(h.config_file()).unwrap();

    let bad = h.write("r.toml", "name = \n");
    let out = h
        .dvc()
        .args(["--lang", "vi", "recipe", "check"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("TOML không hợp lệ ở dòng 1, cột 8:")
            && err.contains("name =")
            && !err.contains("TOML parse error"),
        "{err}"
    );
}
