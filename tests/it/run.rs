//! Commands driven through their `run` with fakes from the `Context`, the
//! way `gh` tests its commands (issue 9 §3): scripted answers to the menu
//! and questions, a cancelled prompt, a fixed clock just before expiry, and
//! the outputs read back from in-memory writers. The portal is the sandbox,
//! in-process; nothing touches the real terminal or environment.

use std::io::Cursor;

use clap::Parser;
use dvc::cli::{dispatch, Cli, ClientFactory, Context, Env};
use dvc::clock::{Clock, FixedClock, SystemClock};
use dvc::i18n::Lang;
use dvc::paths::Paths;
use dvc::session::keyring::MemoryStore;
use dvc::session::SessionStore;
use dvc::ui::prompt::{Answer, ScriptedPrompter};
use dvc::ui::Painter;
use serde_json::Value;

use crate::util::{Home, Sandbox};

/// What a run left: its exit code (or error's), stdout, stderr, the
/// questions asked.
struct Ran {
    code: i32,
    out: String,
    err: String,
    asked: Vec<String>,
}

fn paths(home: &Home) -> Paths {
    Paths {
        config_file: home.config_file(),
        state_dir: home.state_dir(),
        cache_dir: home.root().join("cache"),
    }
}

/// Parses `argv` as `dvc` does and runs it with scripted answers.
fn run(
    home: &Home,
    clock: &dyn Clock,
    answers: Vec<Answer>,
    interactive: bool,
    argv: &[&str],
) -> Ran {
    let mut args = vec!["dvc"];
    args.extend_from_slice(argv);
    let cli = Cli::try_parse_from(&args).expect("arguments");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut stdin = Cursor::new(Vec::new());
    let mut prompter = ScriptedPrompter::new(answers);
    let mut ctx = Context {
        out: &mut out,
        err: &mut err,
        stdin: &mut stdin,
        prompter: &mut prompter,
        lang: Lang::En,
        interactive,
        terminal: false,
        paint: Painter::new(false),
        verbosity: 0,
        clock,
        paths: paths(home),
        profile_flag: cli.profile.clone(),
        env: Env::default(),
        store: SessionStore::with_secret_store(home.state_dir(), Box::new(MemoryStore::broken())),
        clients: ClientFactory::default(),
    };
    let code = match dispatch(cli, &mut ctx) {
        Ok(c) => c,
        Err(e) => dvc::cli::report(&e, Lang::En, ctx.err),
    };
    drop(ctx);
    Ran {
        code,
        out: String::from_utf8_lossy(&out).into_owned(),
        err: String::from_utf8_lossy(&err).into_owned(),
        asked: prompter.asked,
    }
}

fn login_args(sb: &Sandbox) -> Vec<&str> {
    vec![
        "login",
        "--issuer",
        &sb.issuer,
        "--client-id",
        "dvc-cli",
        "--insecure-storage",
        "--timeout",
        "5",
    ]
}

#[test]
fn login_run_with_a_menu_choice_and_a_typed_phone() {
    let home = Home::new();
    let sb = Sandbox::start(&home, &["--auto-approve", "1"]);
    let r = run(
        &home,
        &SystemClock,
        vec![Answer::Select(1), Answer::Text("0912345678".into())],
        true,
        &login_args(&sb),
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(r.asked.len(), 2, "{:?}", r.asked);
    assert!(
        r.asked[0].contains("USB token | digital-signature SIM | VNPT SmartCA"),
        "{:?}",
        r.asked
    );
    assert!(r.asked[1].contains("Phone number of the signature SIM"));
    assert!(
        r.err.contains("Verification code") && r.err.contains("Logged in"),
        "{}",
        r.err
    );
    assert!(home.session_file("default").exists());
}

#[test]
fn a_cancelled_prompt_is_130_and_stores_nothing() {
    let home = Home::new();
    let sb = Sandbox::start(&home, &["--auto-approve", "1"]);
    let r = run(
        &home,
        &SystemClock,
        vec![Answer::Interrupt],
        true,
        &login_args(&sb),
    );
    assert_eq!(r.code, 130, "{}", r.err);
    assert!(r.err.contains("interrupted"));
    assert!(!home.session_file("default").exists());
    assert!(!home.config_file().exists());
    // Without a terminal: no question at all, the flags named, exit 2.
    let r = run(&home, &SystemClock, vec![], false, &login_args(&sb));
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.asked.is_empty());
    assert!(
        r.err.contains("--usb, --sim PHONE, --smartca USER_ID"),
        "{}",
        r.err
    );
}

#[test]
fn session_token_refreshes_at_59_seconds_before_expiry_not_61() {
    let home = Home::new();
    let sb = Sandbox::start(&home, &["--auto-approve", "1"]);
    let mut args = login_args(&sb);
    args.extend(["--sim", "0912345678"]);
    assert_eq!(run(&home, &SystemClock, vec![], false, &args).code, 0);
    let stored: Value =
        serde_json::from_slice(&std::fs::read(home.session_file("default")).unwrap()).unwrap();
    let expires = time::OffsetDateTime::parse(
        stored["session"]["access_token_expires_at"]
            .as_str()
            .unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let token = stored["session"]["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let grants = || {
        sb.get_json("/sandbox/stats")["grants"]["refresh_token"]
            .as_u64()
            .unwrap_or(0)
    };
    let before = grants();
    // 61 s left: the stored token, no refresh.
    let r = run(
        &home,
        &FixedClock(expires - time::Duration::seconds(61)),
        vec![],
        false,
        &["session", "token"],
    );
    assert_eq!((r.code, r.out.trim()), (0, token.as_str()), "{}", r.err);
    assert_eq!(grants(), before);
    // 59 s left: refreshed first, a new token.
    let r = run(
        &home,
        &FixedClock(expires - time::Duration::seconds(59)),
        vec![],
        false,
        &["session", "token"],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert_ne!(r.out.trim(), token);
    assert_eq!(grants(), before + 1);
    // status at a fixed instant: the JSON of the contract.
    let r = run(
        &home,
        &FixedClock(expires - time::Duration::seconds(30)),
        vec![],
        false,
        &["status", "--json"],
    );
    let v: Value = serde_json::from_str(&r.out).unwrap();
    let p = &v["profiles"][0];
    assert_eq!(p["logged_in"], true);
    assert_eq!(p["flow"], "oidc");
    assert_eq!(p["method"], "sim");
    assert_eq!(p["damaged"], false);
    assert_eq!(p["account"]["tax_code"], "0101234567");
    // api through run: the account from the portal.
    let r = run(&home, &SystemClock, vec![], false, &["api", "/api/me"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let v: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v["account"]["MaSoThue"], "0101234567");
}

/// `profile add` through its `run` with scripted answers: the portal menu
/// (the OAuth portal), a refused issuer and a refused client id are asked
/// again (the reasons recorded), and the profile is written.
#[test]
fn profile_add_run_asks_a_refused_answer_again() {
    let home = Home::new();
    let r = run(
        &home,
        &SystemClock,
        vec![
            Answer::Select(5),
            Answer::Text("http://portal.example".into()),
            Answer::Text("https://sso.example.vn".into()),
            Answer::Text(String::new()),
            Answer::Text("my client".into()),
            Answer::Text("dvc-cli".into()),
        ],
        true,
        &["profile", "add", "lab"],
    );
    assert_eq!(r.code, 0, "{}\n{:?}", r.err, r.asked);
    assert!(
        r.asked[0].starts_with("select: Which portal does this profile log in to [dvcqg: "),
        "{:?}",
        r.asked
    );
    assert!(
        r.asked[2].starts_with("refused: ") && r.asked[2].contains("plain http"),
        "{:?}",
        r.asked
    );
    assert!(
        r.asked[6].contains("'my client' cannot be a client id"),
        "{:?}",
        r.asked
    );
    let c = std::fs::read_to_string(home.config_file()).unwrap();
    assert!(
        c.contains("issuer = \"https://sso.example.vn\"") && c.contains("client_id = \"dvc-cli\""),
        "{c}"
    );
}
