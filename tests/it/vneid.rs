//! VNeID logins with the built-in `dvcqg` recipe against the sandbox's
//! Keycloak realm (`dvc-sandbox serve --web`), through `--connect-to` and
//! `--ca-file`: an organisation (tax code) and a citizen (12-digit ID) with
//! password and one-time code, the page's words for a wrong password, a
//! wrong code and a lockout, the QR login (approved, declined, expired),
//! and the web session afterwards.
//!
//! The one-time code: most tests fix it with `--vneid-otp`; one writes the
//! random code of a real login (at `/sandbox/otp`) to `--otp-stdin` once the
//! SSO has sent it, as a script would; `terminal.rs` types it at the prompt.

use std::time::Duration;

use serde_json::{json, Value};

use crate::util::web::{Ran, Web};

const OTP: &str = "246810";
const PASSWORD: &str = "Vneid@2025";

fn world(args: &[&str]) -> Web {
    let mut all = vec!["--vneid-otp", OTP];
    all.extend_from_slice(args);
    let w = Web::new(&all);
    w.profile("p", "dvcqg");
    w
}

fn vneid(w: &Web, id: &str, password: &str, otp: &str) -> Ran {
    let mut c = w.login("p", &["--vneid", id, "--password-stdin", "--otp-stdin"]);
    c.write_stdin(format!("{password}\n{otp}\n"));
    Web::run(c)
}

fn otps(w: &Web) -> Vec<Value> {
    w.admin("/sandbox/otp")["otps"].as_array().unwrap().clone()
}

#[test]
fn an_organisation_logs_in_with_password_and_code_then_uses_the_session() {
    let w = world(&[]);
    let r = vneid(&w, "0101234567", PASSWORD, OTP);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.err.contains("MST 0101234567") && r.err.contains("VNeID"),
        "{r:?}"
    );
    // The code was sent for that ID (and listed for tests).
    let sent = otps(&w);
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0]["id"].as_str(), sent[0]["otp"].as_str()),
        (Some("0101234567"), Some(OTP))
    );
    // The session: the portal's cookie only; Keycloak's stayed with Keycloak.
    let (code, v) = w.cmd("p", &["status", "--json"]).json();
    assert_eq!(code, 0);
    let p = &v["profiles"][0];
    assert_eq!(
        (
            p["method"].as_str(),
            p["flow"].as_str(),
            p["web"]["recipe"].as_str()
        ),
        (Some("vneid"), Some("web"), Some("dvcqg")),
        "{v:#}"
    );
    assert_eq!(p["web"]["cookies"], json!(["JSESSIONID"]));
    assert_eq!(p["account"]["tax_code"], "0101234567");
    // A tax code is a business, as a USB login of the same company says.
    assert_eq!(p["account"]["type"], "business");
    // Logging in again says who is already logged in.
    let r = vneid(&w, "0101234567", PASSWORD, OTP);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.err.contains("already logged in (MST 0101234567)"),
        "{r:?}"
    );
    for q in w.requests() {
        let names = q["cookies"].as_array().unwrap();
        if names
            .iter()
            .any(|c| c == "AUTH_SESSION_ID" || c == "KC_RESTART")
        {
            assert_eq!(q["host"], "sso.dancuquocgia.gov.vn", "{q}");
        }
        if names.iter().any(|c| c == "JSESSIONID") {
            assert_eq!(q["host"], "dichvucong.gov.vn", "{q}");
        }
    }
    assert_keycloak_cookies_went_back(&w);
    let r = Web::run(w.cmd("p", &["api", "/api/me"]));
    assert_eq!(r.code, 0, "{r:?}");
    let me: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(
        (me["MaSoThue"].as_str(), me["method"].as_str()),
        (Some("0101234567"), Some("vneid"))
    );
    let r = Web::run(w.cmd("p", &["session", "cookies"]));
    assert!(r.out.starts_with("JSESSIONID="), "{r:?}");
    let header = r.out.trim().to_string();
    let r = Web::run(w.cmd("p", &["status"]));
    assert!(
        r.out.contains("dvcqg") && r.out.contains("logged in"),
        "{r:?}"
    );
    assert_eq!(Web::run(w.cmd("p", &["session", "check"])).code, 0);
    let r = Web::run(w.cmd("p", &["logout"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!w.stored("p"));
    let (status, _) = w.curl(&["-b", &header, "https://dichvucong.gov.vn/api/me"]);
    assert_eq!(status, 401);
}

/// Keycloak's authentication-session cookies went back to Keycloak: at
/// least one request to the SSO carried both `AUTH_SESSION_ID` and
/// `KC_RESTART` (a dvc that dropped them would meet "cookie not found").
fn assert_keycloak_cookies_went_back(w: &Web) {
    let both = w.requests().iter().any(|q| {
        let names = q["cookies"].as_array().unwrap();
        q["host"] == "sso.dancuquocgia.gov.vn"
            && names.iter().any(|c| c == "AUTH_SESSION_ID")
            && names.iter().any(|c| c == "KC_RESTART")
    });
    assert!(both, "{:#?}", w.requests());
}

/// `dvc profile add … --vneid-id ID`, then a bare `dvc login --vneid`:
/// the saved ID is the one sent.
#[test]
fn a_profiles_saved_id_fills_a_bare_vneid() {
    let w = Web::new(&["--vneid-otp", OTP]);
    let mut c = w.dvc();
    c.args([
        "profile",
        "add",
        "p",
        "--preset",
        "dvcqg",
        "--vneid-id",
        "0101234567",
    ])
    .args(w.net());
    let r = Web::run(c);
    assert_eq!(r.code, 0, "{r:?}");
    let mut c = w.login("p", &["--vneid", "--password-stdin", "--otp-stdin"]);
    c.write_stdin(format!("{PASSWORD}\n{OTP}\n"));
    let r = Web::run(c);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.err.contains("MST 0101234567"), "{r:?}");
    let sent = otps(&w);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["id"], "0101234567");
    let (_, v) = w.cmd("p", &["status", "--json"]).json();
    assert_eq!(v["profiles"][0]["account"]["tax_code"], "0101234567");
    assert_keycloak_cookies_went_back(&w);
}

/// The realm as Keycloak runs it, by hand (never dvc's code): the
/// `session_code` and `execution` of the password page differ from the
/// code page's (`tab_id` stays); the forms' hidden inputs must come back
/// (`credentialId`, `selectedCredentialId`), as a browser posts them; a
/// stale `session_code` re-posted answers "the page has expired". Then
/// dvc meeting that page (the `web_vneid:expired` fault) says so clearly.
#[test]
fn a_stale_session_code_is_a_page_that_expired() {
    let w = world(&[]);
    let http = w.sb.web_client();
    // The portal's login link, to Keycloak's login page.
    let mut url = "https://dichvucong.gov.vn/p/home/dvc-dang-nhap.html".to_string();
    let mut cookies: Vec<String> = Vec::new();
    let page = loop {
        let mut r = http.get(&url);
        if url.contains("sso.dancuquocgia.gov.vn") && !cookies.is_empty() {
            r = r.header("Cookie", cookies.join("; "));
        }
        let r = r.send().unwrap();
        if url.contains("sso.dancuquocgia.gov.vn") {
            for c in r.headers().get_all("set-cookie") {
                let c = c.to_str().unwrap();
                cookies.push(c.split(';').next().unwrap().to_string());
            }
        }
        if r.status().as_u16() == 302 {
            let loc = r.headers()["location"].to_str().unwrap().to_string();
            url = url::Url::parse(&url)
                .unwrap()
                .join(&loc)
                .unwrap()
                .to_string();
            continue;
        }
        assert_eq!(r.status().as_u16(), 200, "{url}");
        break r.text().unwrap();
    };
    let cookie = cookies.join("; ");
    assert!(
        cookie.contains("AUTH_SESSION_ID=") && cookie.contains("KC_RESTART="),
        "{cookie}"
    );
    // A form's action (`&amp;` decoded) and its query.
    let action = |html: &str, id: &str| -> url::Url {
        let at = html.find(&format!("id=\"{id}\"")).expect(id);
        let rest = &html[at..];
        let from = rest.find("action=\"").unwrap() + "action=\"".len();
        let to = rest[from..].find('"').unwrap();
        url::Url::parse(&rest[from..from + to].replace("&amp;", "&")).unwrap()
    };
    let q = |u: &url::Url, k: &str| {
        u.query_pairs()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.into_owned())
            .unwrap()
    };
    let post = |u: &url::Url, form: &[(&str, &str)]| {
        let r = http
            .post(u.as_str())
            .header("Cookie", &cookie)
            .form(form)
            .send()
            .unwrap();
        (r.status().as_u16(), r.text().unwrap())
    };
    let login = action(&page, "kc-form-login");
    // Without the login form's hidden credentialId: not the page's post.
    let (status, body) = post(
        &login,
        &[("username", "0101234567"), ("password", PASSWORD)],
    );
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("Yêu cầu không hợp lệ."), "{body}");
    // As the page posts it: the code page, with a new session_code and execution.
    let (status, otp_page) = post(
        &login,
        &[
            ("username", "0101234567"),
            ("password", PASSWORD),
            ("credentialId", ""),
        ],
    );
    assert_eq!(status, 200, "{otp_page}");
    let otp = action(&otp_page, "kc-otp-login-form");
    assert_ne!(q(&login, "session_code"), q(&otp, "session_code"));
    assert_ne!(q(&login, "execution"), q(&otp, "execution"));
    assert_eq!(q(&login, "tab_id"), q(&otp, "tab_id"));
    // The code without the hidden selectedCredentialId: refused too.
    let (status, body) = post(&otp, &[("otp", OTP)]);
    assert_eq!(status, 400, "{body}");
    // The password page re-posted (its session_code is stale now): expired,
    // back at the login form.
    let (status, body) = post(
        &login,
        &[
            ("username", "0101234567"),
            ("password", PASSWORD),
            ("credentialId", ""),
        ],
    );
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("Trang đăng nhập đã hết hạn. Vui lòng đăng nhập lại.")
            && body.contains("id=\"kc-form-login\""),
        "{body}"
    );
    // dvc meets that page: the page's words, the meaning, exit 1, nothing stored.
    w.fault(json!({"endpoint": "web_vneid", "kind": "expired"}));
    let r = vneid(&w, "0101234567", PASSWORD, OTP);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err.contains("the login page expired")
            && r.err
                .contains("Trang đăng nhập đã hết hạn. Vui lòng đăng nhập lại.")
            && r.err.contains("run the login again"),
        "{r:?}"
    );
    assert!(!w.stored("p"));
    // Without the fault, dvc's own posts carry the hidden inputs: it logs in.
    w.fault(json!({"clear": true}));
    assert_eq!(vneid(&w, "0101234567", PASSWORD, OTP).code, 0);
}

#[test]
fn a_citizen_logs_in_with_the_12_digit_id() {
    let w = world(&[]);
    let r = vneid(&w, "001099012345", PASSWORD, OTP);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.err.contains("001099012345"), "{r:?}");
    let (_, v) = w.cmd("p", &["status", "--json"]).json();
    let a = &v["profiles"][0]["account"];
    assert_eq!(
        (a["type"].as_str(), a["id_number"].as_str()),
        (Some("citizen"), Some("001099012345")),
        "{v:#}"
    );
    let r = Web::run(w.cmd("p", &["api", "/api/me"]));
    let me: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(
        (me["SoDinhDanh"].as_str(), me["LoaiTaiKhoan"].as_str()),
        (Some("001099012345"), Some("1"))
    );
}

#[test]
fn a_wrong_password_shows_the_pages_words() {
    let w = world(&[]);
    let r = vneid(&w, "0101234567", "not-it", OTP);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err.contains("wrong password")
            && r.err.contains("Tên đăng nhập hoặc mật khẩu không hợp lệ."),
        "{r:?}"
    );
    assert!(!w.stored("p"));
    assert!(otps(&w).is_empty(), "no code is sent before the password");
    // An ID the SSO does not know: the same words (Keycloak tells nothing more).
    let r = vneid(&w, "0999999999", PASSWORD, OTP);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err.contains("Tên đăng nhập hoặc mật khẩu không hợp lệ."),
        "{r:?}"
    );
}

#[test]
fn a_wrong_code_shows_the_pages_words() {
    let w = world(&[]);
    let r = vneid(&w, "0101234567", PASSWORD, "000000");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err.contains("wrong one-time code") && r.err.contains("Mã xác thực không hợp lệ."),
        "{r:?}"
    );
    assert!(!w.stored("p"));
    assert_eq!(otps(&w).len(), 1);
}

#[test]
fn five_wrong_passwords_lock_the_account() {
    let w = world(&[]);
    for _ in 0..5 {
        let r = vneid(&w, "0309876543", "guess", OTP);
        assert!(
            r.err.contains("Tên đăng nhập hoặc mật khẩu không hợp lệ."),
            "{r:?}"
        );
    }
    // Locked: even the right password, in the page's own words.
    let r = vneid(&w, "0309876543", PASSWORD, OTP);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err
            .contains("Tài khoản tạm thời bị khóa. Vui lòng thử lại sau 15 phút.")
            && r.err.contains("the account is locked"),
        "{r:?}"
    );
    assert!(!w.stored("p"));
    // Another account is not locked.
    assert_eq!(vneid(&w, "0101234567", PASSWORD, OTP).code, 0);
}

/// The QR's content, read back from the PNG dvc wrote.
fn decode(png_path: &std::path::Path) -> String {
    let bytes = std::fs::read(png_path).unwrap();
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = dec.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let (w, h) = (info.width as usize, info.height as usize);
    let channels = info.line_size / w;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        buf[y * info.line_size + x * channels]
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the PNG");
    grids[0].decode().unwrap().1
}

fn qr_login(w: &Web, png: &std::path::Path) -> crate::util::web::Spawned {
    let args: Vec<String> = [
        "--profile",
        "p",
        "login",
        "--insecure-storage",
        "--vneid",
        "--qr",
        "--qr-png",
        png.to_str().unwrap(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    w.spawn(&args, "")
}

#[test]
fn qr_approved_in_the_app() {
    let w = world(&[]);
    let png = w.home.path("qr.png");
    let child = qr_login(&w, &png);
    let tx = w.pending_tx("vneid");
    let t = w.admin("/sandbox/transactions")["transactions"][0].clone();
    // The PNG dvc wrote is the page's QR code of the transaction.
    for _ in 0..100 {
        if png.exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let content = decode(&png);
    assert!(
        content.starts_with("vneid://login?tx=") && content.contains(&tx),
        "{content}"
    );
    assert!(content.contains(&format!(
        "code={}",
        t["verification_code"].as_str().unwrap()
    )));
    // Approved in the app: `dvc-sandbox approve`, as a person would.
    let out =
        w.sb.cli(&["approve", &tx, "--issuer", &w.sb.issuer])
            .output()
            .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = child.finish();
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.err.contains(t["verification_code"].as_str().unwrap()),
        "{r:?}"
    );
    // Who logged in is not known from the QR alone: no empty tax code.
    assert!(!r.err.contains("(MST )"), "{r:?}");
    let (_, v) = w.cmd("p", &["status", "--json"]).json();
    assert_eq!(v["profiles"][0]["method"], "vneid");
    assert!(v["profiles"][0]["account"]["tax_code"].is_null(), "{v:#}");
    let r = Web::run(w.cmd("p", &["api", "/api/me"]));
    assert_eq!(r.code, 0, "{r:?}");
}

#[test]
fn qr_declined_in_the_app() {
    let w = world(&[]);
    let child = qr_login(&w, &w.home.path("qr.png"));
    let tx = w.pending_tx("vneid");
    // Declined in the app: `dvc-sandbox reject`, as a person would.
    let out =
        w.sb.cli(&["reject", &tx, "--issuer", &w.sb.issuer])
            .output()
            .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = child.finish();
    assert_eq!(r.code, 6, "{r:?}");
    assert!(
        r.err.contains("declined")
            && r.err
                .contains("Yêu cầu đăng nhập đã bị từ chối trên ứng dụng VNeID."),
        "{r:?}"
    );
    assert!(!w.stored("p"));
}

#[test]
fn qr_not_scanned_in_time() {
    let w = world(&["--transaction-ttl", "2"]);
    let r = qr_login(&w, &w.home.path("qr.png")).finish();
    // The recipe reads "Mã QR đã hết hạn" as a confirmation not given in
    // time: exit 6, the page's words shown.
    assert_eq!(r.code, 6, "{r:?}");
    assert!(
        r.err.contains("Mã QR đã hết hạn.") && r.err.contains("not confirmed in time"),
        "{r:?}"
    );
    assert!(!w.stored("p"));
}

#[test]
fn a_login_page_without_its_form_or_an_sso_that_is_down() {
    let w = world(&[]);
    w.fault(json!({"endpoint": "web_login_page", "kind": "html_missing_form"}));
    let r = vneid(&w, "0101234567", PASSWORD, OTP);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err.contains("the login page changed")
            && r.err.contains("vneid.form")
            && r.err.contains("dvcqg"),
        "{r:?}"
    );
    // The password step answered by a 503: the status, not a changed page.
    w.fault(json!({"clear": true, "endpoint": "web_vneid", "kind": "status", "value": 503}));
    let r = vneid(&w, "0101234567", PASSWORD, OTP);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.err.contains("503") && !r.err.contains("changed"), "{r:?}");
    assert!(!w.stored("p"));
}

/// A script's login: the password line first, then, once the SSO has sent
/// the one-time code (after the password step), the code's line: dvc reads
/// stdin a line at a time, each when it needs it.
#[test]
fn a_script_writes_the_code_once_it_arrives() {
    use std::io::Write as _;
    use std::process::Stdio;
    let w = Web::new(&[]);
    w.profile("p", "dvcqg");
    let mut args: Vec<String> = [
        "--profile",
        "p",
        "login",
        "--insecure-storage",
        "--timeout",
        "10",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(["--vneid", "0101234567", "--password-stdin", "--otp-stdin"].map(String::from));
    let mut child = w
        .home
        .dvc_std()
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    writeln!(input, "{PASSWORD}").unwrap();
    input.flush().unwrap();
    let mut code = None;
    for _ in 0..200 {
        if let Some(o) = otps(&w).first() {
            code = o["otp"].as_str().map(str::to_string);
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let code = code.expect("the SSO sent a code after the password step");
    writeln!(input, "{code}").unwrap();
    drop(input);
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(w.stored("p"));
}

/// Without a terminal, a VNeID login names every flag it needs at once
/// (the password and the code), before anything is sent to the SSO; a
/// script that passes only the password gets the code's flag when the SSO
/// asks for it.
#[test]
fn without_a_terminal_both_flags_are_named_at_once() {
    let w = world(&[]);
    let r = Web::run(w.login("p", &["--vneid", "0101234567"]));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.err.contains("--password-stdin --otp-stdin"),
        "both flags in one error: {r:?}"
    );
    assert!(otps(&w).is_empty(), "nothing was sent to the SSO");
    assert!(!w.stored("p"));
}

/// A login asked for another account than the live session's is not
/// "already logged in" (exit 0 would tell a script it worked): exit 2,
/// nothing changed; the same account is "already logged in", exit 0.
#[test]
fn a_login_for_another_account_is_not_already_logged_in() {
    let w = world(&[]);
    assert_eq!(vneid(&w, "0101234567", PASSWORD, OTP).code, 0);
    let r = Web::run(w.login("p", &["--vneid", "001099012345"]));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.err.contains("0101234567")
            && r.err.contains("not 001099012345")
            && r.err.contains("--force"),
        "{r:?}"
    );
    assert_eq!(otps(&w).len(), 1, "nothing sent for the other account");
    let r = Web::run(w.login("p", &["--vneid", "0101234567"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.err.contains("already logged in"), "{r:?}");
}
