//! What a person sees at a real terminal: `dvc` in a pseudo-terminal, against
//! the sandbox, with the screen read back and keys typed, Ctrl-C included;
//! afterwards the terminal must be sane (echo and line editing on, cursor
//! shown).

use std::time::{Duration, Instant};

use crate::util::pty::Pty;
use crate::util::{Home, Sandbox};

const SECS: fn(u64) -> Duration = Duration::from_secs;

fn login_cmd(home: &Home, sb: &Sandbox, args: &[&str]) -> std::process::Command {
    let mut c = home.dvc_std();
    c.args([
        "login",
        "--issuer",
        &sb.issuer,
        "--client-id",
        "dvc-cli",
        "--insecure-storage",
        "--timeout",
        "5",
    ])
    .args(args);
    c
}

/// The main job at a terminal: the verification code and the spinner are
/// shown, the spinner moves, the phone's approval ends the wait, and the
/// session is stored. (It once hung here forever: stderr was locked for the
/// whole run while the spinner's thread waited for it.)
#[test]
fn sim_login_in_a_terminal_shows_the_code_and_spinner_and_finishes() {
    let home = Home::new();
    let sb = Sandbox::start(&home, &["--auto-approve", "2"]);
    let mut p = Pty::spawn(&login_cmd(&home, &sb, &["--sim", "0912345678"]), 100, 30);
    p.expect("Verification code", SECS(20));
    p.expect("Confirm the request on your phone", SECS(5));
    let f = p.finish(SECS(20));
    assert_eq!(f.code, 0, "screen:\n{}", p.history());
    f.assert_sane();
    assert!(p.history().contains("Logged in"), "{}", p.history());
    assert!(home.session_file("default").exists());
}

/// Ctrl-C while waiting for the phone: exit 130 within a second, "interrupted",
/// nothing stored, the terminal sane.
#[test]
fn ctrl_c_during_the_sim_wait_exits_130_at_once() {
    let home = Home::new();
    let sb = Sandbox::start(&home, &[]);
    let mut p = Pty::spawn(&login_cmd(&home, &sb, &["--sim", "0912345678"]), 100, 30);
    p.expect("Confirm the request on your phone", SECS(20));
    std::thread::sleep(Duration::from_millis(500));
    let t = Instant::now();
    p.ctrl_c();
    p.expect("EXIT=", SECS(5));
    // Not a speed goal: "at once" against the two-minute wait.
    assert!(t.elapsed() < SECS(5), "took {:?}", t.elapsed());
    let f = p.finish(SECS(5));
    assert_eq!(f.code, 130, "{}", p.history());
    f.assert_sane();
    assert!(p.history().contains("interrupted"), "{}", p.history());
    // The spinner is gone from the screen: the terminal's own `^C` echo
    // did not push it out of reach of its clearing.
    let screen = p.screen();
    assert!(
        !screen.contains("Confirm the request") && screen.contains("dvc: interrupted"),
        "screen:\n{screen}"
    );
    assert!(!home.session_file("default").exists());
}

/// The same in a narrow terminal, where the spinner's line is cut.
#[test]
fn ctrl_c_during_the_sim_wait_in_a_narrow_terminal_clears_the_spinner() {
    let home = Home::new();
    let sb = Sandbox::start(&home, &[]);
    let mut p = Pty::spawn(&login_cmd(&home, &sb, &["--sim", "0912345678"]), 40, 20);
    p.expect("Confirm the", SECS(20));
    std::thread::sleep(Duration::from_millis(500));
    p.ctrl_c();
    let f = p.finish(SECS(10));
    assert_eq!(f.code, 130, "{}", p.history());
    f.assert_sane();
    let screen = p.screen();
    assert!(!screen.contains("Confirm the"), "screen:\n{screen}");
}

/// `dvc --profile p login --vneid 0101234567` in a terminal, against the
/// sandbox's VNeID realm through the dvcqg recipe.
fn vneid_login(w: &crate::util::web::Web) -> Pty {
    vneid_login_as(w, "0101234567")
}

/// `dvc --profile p login --vneid ID` in a terminal.
fn vneid_login_as(w: &crate::util::web::Web, id: &str) -> Pty {
    let mut c = w.home.dvc_std();
    c.args([
        "--profile",
        "p",
        "login",
        "--insecure-storage",
        "--timeout",
        "10",
        "--vneid",
        id,
    ]);
    Pty::spawn(&c, 100, 30)
}

/// The one-time code the sandbox sent last (random: read where the
/// sandbox lists it, as a phone would show it).
fn last_otp(w: &crate::util::web::Web) -> String {
    for _ in 0..100 {
        let v = w.admin("/sandbox/otp");
        if let Some(o) = v["otps"].as_array().unwrap().last() {
            return o["otp"].as_str().unwrap().to_string();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("no one-time code was sent");
}

/// The VNeID login as a person does it: the password typed at a prompt
/// that does not echo it, then the code the phone received.
#[test]
fn vneid_login_with_password_and_code_typed_at_prompts() {
    let w = crate::util::web::Web::new(&[]);
    w.profile("p", "dvcqg");
    let mut p = vneid_login(&w);
    p.expect("VNeID password of 0101234567", SECS(20));
    p.line("Vneid@2025");
    p.expect("One-time code", SECS(20));
    assert!(
        !p.history().contains("Vneid@2025"),
        "the password was echoed"
    );
    let otp = last_otp(&w);
    p.line(&otp);
    let f = p.finish(SECS(20));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
    assert!(p.history().contains("MST 0101234567"), "{}", p.history());
    assert!(w.stored("p"));
}

/// Ctrl-C at the code's prompt: exit 130, nothing stored, echo back on.
#[test]
fn ctrl_c_at_the_vneid_code_prompt_exits_130() {
    let w = crate::util::web::Web::new(&[]);
    w.profile("p", "dvcqg");
    let mut p = vneid_login(&w);
    p.expect("VNeID password of 0101234567", SECS(20));
    p.line("Vneid@2025");
    p.expect("One-time code", SECS(20));
    std::thread::sleep(Duration::from_millis(300));
    p.send("12");
    std::thread::sleep(Duration::from_millis(200));
    p.ctrl_c();
    let f = p.finish(SECS(10));
    assert_eq!(f.code, 130, "{}", p.history());
    f.assert_sane();
    assert!(!w.stored("p"));
    // The code is not shown, and "interrupted" starts its own line.
    let screen = p.screen();
    assert!(
        screen.lines().any(|l| l.starts_with("dvc: interrupted"))
            && screen
                .lines()
                .any(|l| l.starts_with("One-time code") && !l.contains("12")),
        "screen:\n{screen}"
    );
}

/// A prompt wider than the terminal (the VNeID ID at 50 columns), a long
/// answer edited with Backspace: the screen keeps the one line the person
/// typed, never a second copy of the prompt.
#[test]
fn a_prompt_wider_than_the_terminal_leaves_no_copy() {
    let w = crate::util::web::Web::new(&[]);
    w.profile("p", "dvcqg");
    let mut c = w.home.dvc_std();
    c.args(["--profile", "p", "login", "--insecure-storage", "--vneid"]);
    let mut p = Pty::spawn(&c, 50, 24);
    p.expect("VNeID ID", SECS(20));
    p.send("01012345679");
    std::thread::sleep(Duration::from_millis(100));
    p.send("\x7f");
    // An arrow key is ignored, not typed.
    p.send("\x1b[D");
    p.line("");
    p.expect("VNeID password of 0101234567", SECS(20));
    let screen = p.screen();
    assert_eq!(screen.matches("VNeID ID").count(), 1, "screen:\n{screen}");
    p.ctrl_c();
    let f = p.finish(SECS(10));
    assert_eq!(f.code, 130, "{}", p.history());
    f.assert_sane();
}

/// `dvc --profile p login --vneid [ID] --qr` with a `dvcqg` profile `p`.
fn qr_login(w: &crate::util::web::Web, id: &[&str]) -> std::process::Command {
    w.profile("p", "dvcqg");
    let mut c = w.home.dvc_std();
    c.args(["--profile", "p", "login", "--insecure-storage", "--vneid"])
        .args(id)
        .arg("--qr");
    c
}

/// The VNeID QR in an 80×24 terminal: the whole code is on the screen with
/// the wait line (a phone reads it from the screen: here, rqrr reads the
/// screen's half blocks), and the login ends when the app approves.
#[test]
fn the_vneid_qr_fits_an_80_by_24_terminal() {
    let w = crate::util::web::Web::new(&[]);
    let mut p = Pty::spawn(&qr_login(&w, &[]), 80, 24);
    p.expect("VNeID app", SECS(20));
    let tx = w.pending_tx("vneid");
    std::thread::sleep(Duration::from_millis(500));
    let screen = p.screen();
    // Each character is two modules high: ▀ top, ▄ bottom, █ both.
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let width = lines.iter().map(Vec::len).max().unwrap_or(0);
    let (scale, pad) = (4usize, 8usize);
    let (w_px, h_px) = (width * scale + 2 * pad, lines.len() * 2 * scale + 2 * pad);
    let dark = |x: usize, y: usize| -> bool {
        if x < pad || y < pad {
            return false;
        }
        let (cx, my) = ((x - pad) / scale, (y - pad) / scale);
        let Some(line) = lines.get(my / 2) else {
            return false;
        };
        match line.get(cx) {
            Some('█') => true,
            Some('▀') => my % 2 == 0,
            Some('▄') => my % 2 == 1,
            _ => false,
        }
    };
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(
            w_px,
            h_px,
            |x, y| {
                if dark(x, y) {
                    0
                } else {
                    255
                }
            },
        );
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "no whole QR code on the screen:\n{screen}");
    assert!(
        screen.contains("Scan this QR code"),
        "the heading stays in view above the code:\n{screen}"
    );
    let content = grids[0].decode().unwrap().1;
    assert!(
        content.starts_with("vneid://login?tx=") && content.contains(&tx),
        "{content}"
    );
    assert!(screen.contains("VNeID app"), "screen:\n{screen}");
    w.decide(&tx, "approve");
    let f = p.finish(SECS(20));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
}

/// Enter at the password prompt before typing: asked again, nothing sent
/// (a refused try may count towards the account's lockout).
#[test]
fn an_empty_vneid_password_is_asked_again_not_sent() {
    let w = crate::util::web::Web::new(&[]);
    w.profile("p", "dvcqg");
    let mut p = vneid_login(&w);
    p.expect("VNeID password of 0101234567", SECS(20));
    let posts = |w: &crate::util::web::Web| {
        w.requests()
            .iter()
            .filter(|q| q["method"] == "POST")
            .count()
    };
    let before = posts(&w);
    p.line("");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        p.screen().matches("VNeID password of 0101234567").count(),
        2,
        "{}",
        p.screen()
    );
    assert_eq!(posts(&w), before);
    p.ctrl_c();
    let f = p.finish(SECS(10));
    assert_eq!(f.code, 130, "{}", p.history());
    f.assert_sane();
}

/// The number of seconds the spinner's line says are left, read from the
/// screen: `(N s left)` in English, `(còn N giây)` in Vietnamese.
fn seconds_left(screen: &str) -> Option<u64> {
    screen.lines().find_map(|l| {
        if let Some(i) = l.find(" s left)") {
            let head = &l[..i];
            let n = &head[head.rfind('(')? + 1..];
            return n.trim().parse().ok();
        }
        let i = l.find("(còn ")?;
        let rest = &l[i + "(còn ".len()..];
        rest.split(' ').next()?.parse().ok()
    })
}

/// Reads the seconds left twice, until the number changed (the spinner
/// counts down as the wait goes on); returns (first, second).
fn countdown(p: &Pty) -> (u64, u64) {
    let first = seconds_left(&p.screen()).unwrap_or_else(|| {
        panic!("no seconds left on the screen:\n{}", p.screen());
    });
    let end = Instant::now() + SECS(20);
    while Instant::now() < end {
        std::thread::sleep(Duration::from_millis(100));
        if let Some(n) = seconds_left(&p.screen()) {
            if n != first {
                return (first, n);
            }
        }
    }
    panic!(
        "the seconds left stayed at {first}; screen:\n{}",
        p.screen()
    );
}

/// Approves the sandbox's pending SIM transaction, as the phone would.
fn approve_pending(sb: &Sandbox) {
    for _ in 0..200 {
        let v = sb.get_json("/sandbox/transactions");
        if let Some(t) = v["transactions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["status"] == "pending")
        {
            let id = t["id"].as_str().unwrap();
            let r = crate::util::client()
                .post(sb.url(&format!("/sandbox/transactions/{id}/approve")))
                .send()
                .unwrap();
            assert_eq!(r.status().as_u16(), 200, "approve {id}");
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("no pending transaction");
}

/// The SIM wait at a terminal: the verification code and the spinner's
/// "s left", which counts down while the phone has not answered; then the
/// phone approves and the session is stored.
#[test]
fn sim_wait_counts_the_seconds_left_down() {
    let home = Home::new();
    let sb = Sandbox::start(&home, &[]);
    let mut p = Pty::spawn(&login_cmd(&home, &sb, &["--sim", "0912345678"]), 100, 30);
    p.expect("Verification code", SECS(20));
    p.expect(" s left)", SECS(10));
    let (first, second) = countdown(&p);
    assert!(
        second < first,
        "the seconds left went from {first} to {second}"
    );
    let screen = p.screen();
    assert!(
        screen.contains("Confirm the request on your phone"),
        "screen:\n{screen}"
    );
    approve_pending(&sb);
    let f = p.finish(SECS(20));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
    assert!(p.history().contains("Logged in"), "{}", p.history());
    assert!(home.session_file("default").exists());
}

/// English words of dvc's own that must not appear in Vietnamese output.
fn assert_vietnamese(text: &str) {
    for english in [
        "Confirm",
        "Verification",
        " code",
        " s left",
        "phone",
        "request",
        "Logged in",
        "interrupted",
        "session",
    ] {
        assert!(
            !text.contains(english),
            "{english:?} in Vietnamese output:\n{text}"
        );
    }
}

/// The SIM wait in Vietnamese: the code, the wait and the seconds left in
/// Vietnamese (counting down), no English fragment; then logged in.
#[test]
fn sim_wait_in_vietnamese_is_vietnamese() {
    let home = Home::new();
    let sb = Sandbox::start(&home, &[]);
    let mut p = Pty::spawn(
        &login_cmd(&home, &sb, &["--lang", "vi", "--sim", "0912345678"]),
        100,
        30,
    );
    p.expect("Mã xác nhận", SECS(20));
    p.expect(
        "Hãy xác nhận yêu cầu trên điện thoại bằng mã PIN của SIM",
        SECS(10),
    );
    p.expect("giây)", SECS(10));
    let (first, second) = countdown(&p);
    assert!(second < first, "còn {first} giây, then còn {second} giây");
    assert_vietnamese(&p.screen());
    approve_pending(&sb);
    let f = p.finish(SECS(20));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
    let h = p.history();
    assert!(h.contains("Đã đăng nhập"), "{h}");
    assert_vietnamese(&h);
}

/// Ctrl-C while the VNeID QR code waits for the app: exit 130 at once,
/// "interrupted", nothing stored, the terminal sane.
#[test]
fn ctrl_c_during_the_vneid_qr_wait_exits_130() {
    let w = crate::util::web::Web::new(&[]);
    let mut p = Pty::spawn(&qr_login(&w, &["0101234567"]), 100, 40);
    p.expect("VNeID app", SECS(20));
    w.pending_tx("vneid");
    std::thread::sleep(Duration::from_millis(500));
    let t = Instant::now();
    p.ctrl_c();
    p.expect("EXIT=", SECS(5));
    // Not a speed goal: "at once" against the QR code's wait.
    assert!(t.elapsed() < SECS(5), "took {:?}", t.elapsed());
    let f = p.finish(SECS(5));
    assert_eq!(f.code, 130, "{}", p.history());
    f.assert_sane();
    assert!(p.history().contains("dvc: interrupted"), "{}", p.history());
    assert!(!w.stored("p"));
}

/// A citizen's VNeID login at a terminal: the 12-digit ID, the password
/// typed at a prompt that does not echo it, then the code.
#[test]
fn vneid_citizen_login_with_password_and_code_typed_at_prompts() {
    let w = crate::util::web::Web::new(&[]);
    w.profile("p", "dvcqg");
    let mut p = vneid_login_as(&w, "001099012345");
    p.expect("VNeID password of 001099012345", SECS(20));
    p.line("Vneid@2025");
    p.expect("One-time code", SECS(20));
    assert!(
        !p.history().contains("Vneid@2025"),
        "the password was echoed"
    );
    let otp = last_otp(&w);
    p.line(&otp);
    let f = p.finish(SECS(20));
    assert_eq!(f.code, 0, "{}", p.history());
    f.assert_sane();
    let h = p.history();
    assert!(h.contains("Logged in") && h.contains("001099012345"), "{h}");
    assert!(w.stored("p"));
    let (_, v) = w.cmd("p", &["status", "--json"]).json();
    let a = &v["profiles"][0]["account"];
    assert_eq!(
        (a["type"].as_str(), a["id_number"].as_str()),
        (Some("citizen"), Some("001099012345")),
        "{v:#}"
    );
}
