//! Every prompt a person meets, through a real pseudo-terminal (issue 10):
//! the PIN typed at the prompt, Ctrl-C there, the method menu, the
//! certificate menu (three certificates on two tokens, one expired and so
//! not offered), the
//! SmartCA password, `profile add`'s questions, and the README's first
//! command; Ctrl-C at the SmartCA password (in English and Vietnamese), at
//! the phone question and at a `profile add` question; the certificate menu
//! at 80 and 120 columns. Each checks the screen and a sane terminal
//! afterwards.

use std::time::{Duration, Instant};

use base64::Engine as _;

use crate::util::pty::Pty;
use crate::util::{Home, Sandbox, Token, MODULE};

const SECS: fn(u64) -> Duration = Duration::from_secs;
const DOWN: &str = "\x1b[B";

struct World {
    home: Home,
    sb: Sandbox,
    hsm: Token,
}

fn world(args: &[&str]) -> World {
    let home = Home::new();
    let sb = Sandbox::start(&home, args);
    let hsm = Token::new(&home);
    World { home, sb, hsm }
}

impl World {
    fn dvc(&self, args: &[&str]) -> std::process::Command {
        let mut c = self.home.dvc_std();
        c.env("SOFTHSM2_CONF", &self.hsm.conf);
        c.args(args);
        c
    }

    fn login(&self, args: &[&str]) -> std::process::Command {
        let mut c = self.dvc(&[
            "login",
            "--issuer",
            &self.sb.issuer,
            "--client-id",
            "dvc-cli",
            "--insecure-storage",
            "--timeout",
            "10",
        ]);
        c.args(args);
        c
    }

    /// Puts a sandbox account's key and certificate on the token `label`.
    fn import_account(&self, label: &str, pin: &str, id: &str, account: &str) {
        let a = self.sb.account(account);
        let b64 = |k: &str| {
            base64::engine::general_purpose::STANDARD
                .decode(a[k].as_str().unwrap())
                .unwrap()
        };
        let key = dvc_sandbox::pki::Key::from_pkcs8(&b64("key_pkcs8")).unwrap();
        self.hsm
            .import(label, pin, id, account, &key, &b64("cert_der"));
    }
}

/// A USB login at a terminal: the PIN typed at the prompt (never echoed),
/// the login done.
#[test]
fn usb_login_with_the_pin_typed_at_the_prompt() {
    let w = world(&[]);
    w.sb.provision_ok(&w.hsm, "dn-giai-phap-so", "Token A", "731946");
    let mut p = Pty::spawn(&w.login(&["--usb", "--module", MODULE]), 100, 30);
    p.expect("PIN of token Token A", SECS(20));
    p.line("731946");
    let f = p.finish(SECS(30));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
    let h = p.history();
    assert!(h.contains("Logged in") && !h.contains("731946"), "{h}");
}

/// Ctrl-C at the PIN prompt: exit 130, "interrupted", echo back on, nothing
/// stored, no PIN try spent.
#[test]
fn ctrl_c_at_the_pin_prompt_restores_the_terminal() {
    let w = world(&[]);
    w.sb.provision_ok(&w.hsm, "dn-giai-phap-so", "Token A", "731946");
    let mut p = Pty::spawn(&w.login(&["--usb", "--module", MODULE]), 100, 30);
    p.expect("PIN of token Token A", SECS(20));
    p.send("12");
    std::thread::sleep(Duration::from_millis(200));
    let t = Instant::now();
    p.ctrl_c();
    let f = p.finish(SECS(10));
    // Not a speed goal: "at once" against the login's two-minute wait.
    assert!(t.elapsed() < SECS(5), "took {:?}", t.elapsed());
    assert_eq!(f.code, 130, "{}", p.history());
    f.assert_sane();
    assert!(p.history().contains("interrupted"), "{}", p.history());
    assert!(!w.home.session_file("default").exists());
    assert!(
        !w.home.config_file().exists(),
        "no profile after an interrupted first login"
    );
}

/// `dvc login` without a method: the menu of the portal's methods; the
/// arrow keys choose SIM, the phone is asked (not "--sim PHONE:"), the
/// confirmation comes.
#[test]
fn the_method_menu_and_the_phone_question() {
    let w = world(&["--auto-approve", "1"]);
    let mut p = Pty::spawn(&w.login(&[]), 100, 30);
    p.expect("Log in with", SECS(20));
    p.expect("VNPT SmartCA", SECS(5));
    p.send(DOWN);
    p.send("\r");
    p.expect("Phone number of the signature SIM", SECS(10));
    p.line("0912345678");
    let f = p.finish(SECS(30));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
    let h = p.history();
    assert!(!h.contains("--sim PHONE:"), "{h}");
    assert!(h.contains("Log in with: digital-signature SIM"), "{h}");
}

/// Ctrl-C in a menu: exit 130, the cursor shown again.
#[test]
fn ctrl_c_in_a_menu_shows_the_cursor_again() {
    let w = world(&[]);
    let mut p = Pty::spawn(&w.login(&[]), 100, 30);
    p.expect("VNPT SmartCA", SECS(20));
    p.ctrl_c();
    let f = p.finish(SECS(10));
    assert_eq!(f.code, 130, "{}", p.history());
    f.assert_sane();
}

/// The certificate menu: three certificates on two tokens, one expired.
/// Only the two that can log in are offered (issue 11: an expired
/// certificate is not a candidate); entries fit an 80-column terminal (one
/// line each, cut with …), say the token and the expiry; nothing of the
/// menu is left on screen after the choice.
#[test]
fn the_certificate_menu_fits_and_orders() {
    let w = world(&[]);
    w.hsm.init("Token A", "111111");
    w.hsm.init("Token B", "222222");
    w.import_account("Token A", "111111", "01", "dn-giai-phap-so");
    w.import_account("Token B", "222222", "02", "dn-sai-gon-xanh");
    w.import_account("Token B", "222222", "03", "dn-het-han");
    let mut p = Pty::spawn(&w.login(&["--usb", "--module", MODULE]), 80, 30);
    p.expect("Choose a certificate", SECS(20));
    p.expect("0309876543", SECS(5));
    std::thread::sleep(Duration::from_millis(200));
    let screen = p.screen();
    let entries: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("Công ty") || l.contains("0100000003"))
        .collect();
    assert_eq!(entries.len(), 2, "one line per usable entry:\n{screen}");
    assert!(entries.iter().all(|l| l.chars().count() <= 80), "{screen}");
    assert!(
        !screen.contains("0100000003") && !screen.contains("[expired]"),
        "the expired certificate is not offered:\n{screen}"
    );
    assert!(
        screen.contains("on Token") && screen.contains("until 20"),
        "{screen}"
    );
    // Choose the Sài Gòn Xanh certificate (Token B) with the arrow keys.
    let at = entries
        .iter()
        .position(|l| l.contains("0309876543"))
        .expect("Sài Gòn Xanh in the menu");
    assert!(at < 2, "usable entries first:\n{screen}");
    for _ in 0..at {
        p.send(DOWN);
    }
    p.send("\r");
    p.expect("PIN of token Token B", SECS(10));
    let after = p.screen();
    assert!(
        !after.contains("Chứng thư Hết Hạn"),
        "stale menu lines:\n{after}"
    );
    p.line("222222");
    let f = p.finish(SECS(30));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
    assert!(p.history().contains("Sài Gòn Xanh"), "{}", p.history());
    // The profile keeps the choice: the next login asks no menu.
    assert!(
        p.history()
            .contains("will use this certificate from now on"),
        "{}",
        p.history()
    );
    let config = std::fs::read_to_string(w.home.config_file()).unwrap();
    assert!(config.contains("cert = \"MST:0309876543\""), "{config}");
    let mut p = Pty::spawn(&w.login(&["--usb", "--module", MODULE, "--force"]), 80, 30);
    p.expect("PIN of token Token B", SECS(20));
    assert!(
        !p.history().contains("Choose a certificate"),
        "{}",
        p.history()
    );
    p.line("222222");
    let f = p.finish(SECS(30));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
}

/// SmartCA with the password typed at the prompt: the app's wait, then in.
#[test]
fn smartca_with_the_password_typed() {
    let w = world(&["--auto-approve", "1"]);
    let mut p = Pty::spawn(&w.login(&["--smartca", "0309876543"]), 100, 30);
    p.expect("VNPT SmartCA password of 0309876543", SECS(20));
    p.line("SmartCA@2026");
    p.expect("VNPT SmartCA app", SECS(10));
    let f = p.finish(SECS(30));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
    let h = p.history();
    assert!(
        !h.contains("SmartCA@2026") && !h.contains("your phone"),
        "{h}"
    );
}

/// `dvc profile add cong-ty` in a PTY, the portal menu's last entry (a
/// portal that registered dvc) chosen: at the issuer question.
fn profile_add_at_the_issuer_question(h: &Home) -> Pty {
    let mut c = h.dvc_std();
    c.args(["profile", "add", "cong-ty"]);
    let mut p = Pty::spawn(&c, 120, 30);
    p.expect("registered dvc as an OAuth client", SECS(10));
    for _ in 0..5 {
        p.send(DOWN);
    }
    p.send("\r");
    p.expect("Portal issuer URL", SECS(10));
    p
}

/// `dvc profile add` answering its questions: the portal menu's last entry
/// (a portal that registered dvc), the issuer, the preset's discovery URL
/// offered (WSO2's, for the national portal), the client id.
#[test]
fn profile_add_asks_and_offers_the_wso2_discovery_url() {
    let h = Home::new();
    let mut p = profile_add_at_the_issuer_question(&h);
    p.line("");
    p.expect(
        "/oauth2/oidcdiscovery/.well-known/openid-configuration",
        SECS(10),
    );
    p.line("");
    p.expect("OAuth client id", SECS(10));
    p.line("dvc-cli");
    let f = p.finish(SECS(10));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
    let config = std::fs::read_to_string(h.config_file()).unwrap();
    assert!(
        config.contains("oauth2/oidcdiscovery") && config.contains("client_id = \"dvc-cli\""),
        "{config}"
    );
}

/// The README's first command, in a terminal: it finishes (the limit only
/// catches a hang; speed is measured by benches, not asserted here).
#[test]
fn the_demo_finishes_in_a_terminal() {
    let mut c = std::process::Command::new("bash");
    c.arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/demo.sh"));
    c.env_remove("DVC_PROFILE").env_remove("DVC_TOKEN");
    let mut p = Pty::spawn(&c, 120, 40);
    let f = p.finish(SECS(240));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
    let h = p.history();
    assert!(
        h.contains("Verification code") && h.contains("Logged out"),
        "{h}"
    );
}

/// stdin a terminal but stderr redirected (`2>trace.txt`): no prompt nobody
/// would see; the error says why, and names the flag.
#[test]
fn no_prompt_when_stderr_is_redirected_and_the_error_says_why() {
    let h = Home::new();
    let dvc = h.dvc_std();
    let trace = h.path("trace.txt");
    let mut c = std::process::Command::new("sh");
    c.arg("-c")
        .arg(format!(
            "exec \"$0\" --profile acme login --vneid 2>{}",
            trace.display()
        ))
        .arg(dvc.get_program());
    for (k, v) in dvc.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    h.dvc()
        .args(["profile", "add", "acme", "--preset", "dvcqg"])
        .assert()
        .success();
    let mut p = Pty::spawn(&c, 100, 30);
    let f = p.finish(SECS(20));
    assert_eq!(f.code, 2, "{}", p.history());
    let err = std::fs::read_to_string(&trace).unwrap();
    assert!(err.contains("stderr") && err.contains("--"), "{err}");
}

/// Ctrl-C at the SmartCA password prompt in `lang`: exit 130, the
/// interruption said in that language, nothing stored, echo back on and
/// the cursor shown. Returns the whole history.
fn ctrl_c_at_the_smartca_password(lang: &str, prompt: &str) -> String {
    let w = world(&[]);
    let mut p = Pty::spawn(
        &w.login(&["--lang", lang, "--smartca", "0309876543"]),
        100,
        30,
    );
    p.expect(prompt, SECS(20));
    p.send("Smart");
    std::thread::sleep(Duration::from_millis(200));
    let t = Instant::now();
    p.ctrl_c();
    let f = p.finish(SECS(10));
    // Not a speed goal: "at once" against the login's two-minute wait.
    assert!(t.elapsed() < SECS(5), "took {:?}", t.elapsed());
    assert_eq!(f.code, 130, "{}", p.history());
    f.assert_sane();
    let h = p.history();
    assert!(!h.contains("Smart\n") && !h.contains("SmartCA@"), "{h}");
    assert!(!w.home.session_file("default").exists());
    assert!(
        !w.home.config_file().exists(),
        "no profile after an interrupted first login"
    );
    h
}

/// Ctrl-C at the SmartCA password prompt: exit 130, "interrupted", nothing
/// stored, the terminal sane.
#[test]
fn ctrl_c_at_the_smartca_password_prompt_restores_the_terminal() {
    let h = ctrl_c_at_the_smartca_password("en", "VNPT SmartCA password of 0309876543");
    assert!(h.contains("dvc: interrupted"), "{h}");
}

/// The same in Vietnamese: the prompt and the interruption in Vietnamese,
/// no English word of dvc's own.
#[test]
fn ctrl_c_at_the_smartca_password_prompt_in_vietnamese() {
    let h = ctrl_c_at_the_smartca_password("vi", "Mật khẩu VNPT SmartCA của 0309876543");
    assert!(h.contains("đã dừng theo yêu cầu"), "{h}");
    for english in ["interrupted", "password", "Password"] {
        assert!(
            !h.contains(english),
            "{english:?} in Vietnamese output:\n{h}"
        );
    }
}

/// Ctrl-C at the phone question that follows the method menu: exit 130,
/// "interrupted", nothing stored, the terminal sane.
#[test]
fn ctrl_c_at_the_phone_question_restores_the_terminal() {
    let w = world(&[]);
    let mut p = Pty::spawn(&w.login(&[]), 100, 30);
    p.expect("VNPT SmartCA", SECS(20));
    p.send(DOWN);
    p.send("\r");
    p.expect("Phone number of the signature SIM", SECS(10));
    p.send("0912");
    std::thread::sleep(Duration::from_millis(200));
    p.ctrl_c();
    let f = p.finish(SECS(10));
    assert_eq!(f.code, 130, "{}", p.history());
    f.assert_sane();
    let h = p.history();
    assert!(h.contains("dvc: interrupted"), "{h}");
    assert!(!h.contains("Verification code"), "nothing was sent:\n{h}");
    assert!(!w.home.session_file("default").exists());
    assert!(
        !w.home.config_file().exists(),
        "no profile after an interrupted first login"
    );
}

/// Ctrl-C at one of `dvc profile add`'s text questions (the issuer, after
/// the portal menu): exit 130, "interrupted", no profile written, the
/// terminal sane.
#[test]
fn ctrl_c_at_a_profile_add_question_writes_no_profile() {
    let h = Home::new();
    let mut p = profile_add_at_the_issuer_question(&h);
    p.send("https://sso.example");
    std::thread::sleep(Duration::from_millis(200));
    p.ctrl_c();
    let f = p.finish(SECS(10));
    assert_eq!(f.code, 130, "{}", p.history());
    f.assert_sane();
    assert!(p.history().contains("dvc: interrupted"), "{}", p.history());
    let config = std::fs::read_to_string(h.config_file()).unwrap_or_default();
    assert!(!config.contains("cong-ty"), "{config}");
}

/// The certificate menu at 120 columns: one line per entry (nothing
/// wraps), the token and the expiry on each; the expired certificate is not
/// offered.
#[test]
fn the_certificate_menu_at_120_columns() {
    let w = world(&[]);
    w.hsm.init("Token A", "111111");
    w.hsm.init("Token B", "222222");
    w.import_account("Token A", "111111", "01", "dn-giai-phap-so");
    w.import_account("Token B", "222222", "02", "dn-sai-gon-xanh");
    w.import_account("Token B", "222222", "03", "dn-het-han");
    let mut p = Pty::spawn(&w.login(&["--usb", "--module", MODULE]), 120, 30);
    p.expect("Choose a certificate", SECS(20));
    p.expect("0309876543", SECS(5));
    std::thread::sleep(Duration::from_millis(200));
    let screen = p.screen();
    let entries: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("Công ty") || l.contains("0100000003"))
        .collect();
    assert_eq!(entries.len(), 2, "one line per usable entry:\n{screen}");
    assert!(entries.iter().all(|l| l.chars().count() <= 120), "{screen}");
    // Every entry is whole on its line: the token and the expiry are there,
    // and the line that follows the menu is not a wrapped tail.
    for e in &entries {
        assert!(e.contains("on Token") && e.contains("until 20"), "{screen}");
    }
    let lines: Vec<&str> = screen.lines().collect();
    let last = lines
        .iter()
        .position(|l| *l == entries[1])
        .expect("the last entry");
    assert!(
        lines.get(last + 1).is_none_or(|l| l.trim().is_empty()),
        "a wrapped line after the menu:\n{screen}"
    );
    assert!(
        !screen.contains("0100000003") && !screen.contains("expired"),
        "the expired certificate is not offered:\n{screen}"
    );
    p.ctrl_c();
    let f = p.finish(SECS(10));
    assert_eq!(f.code, 130, "{}", p.history());
    f.assert_sane();
}
