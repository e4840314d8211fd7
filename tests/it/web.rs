//! Web logins with the built-in WSO2 recipes (`dvcqg-legacy`: the real host
//! names, `sandbox-web`: the sandbox's own) against `dvc-sandbox serve
//! --web`, reached through `--connect-to` and `--ca-file` as a user would
//! try a recipe against a local copy of a portal: USB (both `signedData`
//! envelopes), SIM (held and waiting page), SmartCA, the failure codes,
//! a changed page, a foreign redirect, a redirect loop, dvc's own SIM wait
//! limit, RSA and EC keys in the JWS envelope, and the web session afterwards
//! (status, api, cookies for curl, check, logout).

use std::time::Duration;

use serde_json::{json, Value};

use crate::util::web::{Ran, Web};
use crate::util::{Token, MODULE};

const PORTAL: &str = "dichvucong.gov.vn";
const SSO: &str = "xacthuc.dichvucong.gov.vn";

/// A sandbox with `args` and a profile `p` of `recipe` (the preset for
/// dvcqg-legacy, as the user's guide says; the recipe for the others).
fn world(recipe: &str, args: &[&str]) -> Web {
    let w = Web::new(args);
    w.profile("p", recipe);
    w
}

fn sim(w: &Web, phone: &str) -> Ran {
    Web::run(w.login("p", &["--sim", phone]))
}

fn usb(w: &Web, hsm: &Token, cert: &str) -> Ran {
    let mut c = w.login(
        "p",
        &[
            "--usb",
            "--module",
            MODULE,
            "--cert",
            cert,
            "--pin-stdin",
            "--force",
        ],
    );
    c.env("SOFTHSM2_CONF", &hsm.conf).write_stdin("864209\n");
    Web::run(c)
}

/// The cookie header of the profile's session (`dvc session cookies`).
fn cookie_header(w: &Web) -> String {
    let r = Web::run(w.cmd("p", &["session", "cookies"]));
    assert_eq!(r.code, 0, "{r:?}");
    r.out.trim().to_string()
}

/// The sandbox restarted (same data) with its demo accounts edited by
/// `edit`; the profiles, which name the old port, are removed, to be made
/// again.
fn with_accounts(mut w: Web, edit: impl FnOnce(&mut Vec<Value>)) -> Web {
    let mut accounts = w.sb.state()["accounts"].clone();
    edit(accounts["accounts"].as_array_mut().unwrap());
    let file = w.home.write("accounts.json", accounts.to_string());
    w.sb.stop();
    w.sb = crate::util::Sandbox::start_at(
        &w.sb.data.clone(),
        &["--web", "--accounts", file.to_str().unwrap()],
    );
    std::fs::remove_file(w.home.config_file()).unwrap();
    w
}

#[test]
fn usb_with_the_jws_envelope_then_status_and_api() {
    let w = world("dvcqg-legacy", &[]);
    let hsm = Token::new(&w.home);
    w.sb.provision_ok(&hsm, "dn-giai-phap-so", "Token A", "864209");
    let r = usb(&w, &hsm, "0101234567");
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.err.contains("Công ty TNHH Giải pháp Số Hà Nội") && r.err.contains("MST 0101234567"),
        "{r:?}"
    );
    assert!(!r.err.contains("864209"), "the PIN leaked: {r:?}");
    // The portal saw a JWS (header.payload.signature), not a raw signature.
    let usb = &w.admin("/sandbox/stats")["commonauth"]["USBTokenAuthenticator"];
    assert_eq!(
        (usb["jws"].as_u64(), usb["raw"].as_u64()),
        (Some(1), None),
        "{usb}"
    );
    // status, in words and in JSON: a web session of the recipe, its cookie.
    let r = Web::run(w.cmd("p", &["status"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.out.contains("dvcqg-legacy") && r.out.contains("https://dichvucong.gov.vn"),
        "{r:?}"
    );
    let (code, v) = w.cmd("p", &["status", "--json"]).json();
    assert_eq!(code, 0);
    let p = &v["profiles"][0];
    assert_eq!(p["logged_in"], true, "{v:#}");
    assert_eq!(
        (p["method"].as_str(), p["flow"].as_str()),
        (Some("usb"), Some("web"))
    );
    assert_eq!(p["web"]["recipe"], "dvcqg-legacy");
    assert_eq!(p["web"]["rp_origin"], "https://dichvucong.gov.vn");
    assert_eq!(p["web"]["cookies"], json!(["JSESSIONID"]));
    assert!(p["web"]["cookies_expire_at"].is_string(), "{v:#}");
    assert_eq!(p["account"]["tax_code"], "0101234567");
    // The portal's API with the session's cookie.
    let r = Web::run(w.cmd("p", &["api", "/api/me"]));
    assert_eq!(r.code, 0, "{r:?}");
    let me: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(
        (me["MaSoThue"].as_str(), me["method"].as_str()),
        (Some("0101234567"), Some("usb"))
    );
}

#[test]
fn usb_with_the_raw_envelope_and_its_failures() {
    let w = world("sandbox-web", &[]);
    let hsm = Token::new(&w.home);
    for (account, label) in [
        ("dn-giai-phap-so", "Token A"),
        ("dn-bi-thu-hoi", "Token Revoked"),
    ] {
        w.sb.provision_ok(&hsm, account, label, "864209");
    }
    let r = usb(&w, &hsm, "0101234567");
    assert_eq!(r.code, 0, "{r:?}");
    let envelopes = &w.admin("/sandbox/stats")["commonauth"]["USBTokenAuthenticator"];
    assert_eq!(
        (envelopes["raw"].as_u64(), envelopes["jws"].as_u64()),
        (Some(1), None)
    );
    // sandbox-web has an account_url: the account comes from the portal.
    let (_, v) = w.cmd("p", &["status", "--json"]).json();
    assert_eq!(
        v["profiles"][0]["account"]["name"],
        "Công ty TNHH Giải pháp Số Hà Nội"
    );
    // A revoked certificate: the portal's code, exit 1, the earlier session kept.
    let r = usb(&w, &hsm, "0100000004");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err
            .contains("USB_CERTIFICATE_VERIFICATION_FAILED_ERROR_CODE")
            && r.err.contains("could not verify the certificate's chain"),
        "{r:?}"
    );
    assert!(w.stored("p"));
    // The same failure told in the page's script (sister SSOs): the same words.
    w.fault(json!({"endpoint": "web_usb_error", "kind": "script"}));
    let r = usb(&w, &hsm, "0100000004");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err
            .contains("USB_CERTIFICATE_VERIFICATION_FAILED_ERROR_CODE"),
        "{r:?}"
    );
}

/// A certificate of the portal's CA bound to no account and an account
/// that is not active: two more USB codes, with both envelopes. (A key
/// that does not match its certificate never reaches the portal: dvc
/// checks the token's signature first.)
#[test]
fn usb_unknown_certificate_bad_signature_and_inactive_account() {
    let w = world("dvcqg-legacy", &[]);
    w.profile("raw", "sandbox-web");
    let hsm = Token::new(&w.home);
    w.sb.provision_ok(&hsm, "dn-sai-gon-xanh", "Orphan", "864209");
    w.sb.provision_ok(&hsm, "dn-giai-phap-so", "Token A", "864209");
    // A token whose key is not its certificate's.
    hsm.init("Mismatch", "864209");
    let other = dvc_sandbox::pki::Key::rsa(2048).unwrap();
    let der = base64::Engine::decode(
        &base64::engine::general_purpose::STANDARD,
        w.sb.account("cd-nguyen-thi-hong")["cert_der"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    hsm.import("Mismatch", "864209", "01", "Hong", &other, &der);
    // The sandbox forgets dn-sai-gon-xanh and deactivates dn-giai-phap-so.
    let w = with_accounts(w, |list| {
        list.retain(|a| a["id"] != "dn-sai-gon-xanh");
        for a in list.iter_mut() {
            if a["id"] == "dn-giai-phap-so" {
                a["active"] = json!(false);
            }
        }
    });
    w.profile("p", "dvcqg-legacy");
    w.profile("raw", "sandbox-web");
    let login = |profile: &str, cert: &str| {
        let mut c = w.login(
            profile,
            &["--usb", "--module", MODULE, "--cert", cert, "--pin-stdin"],
        );
        c.env("SOFTHSM2_CONF", &hsm.conf).write_stdin("864209\n");
        Web::run(c)
    };
    for profile in ["p", "raw"] {
        let r = login(profile, "0309876543");
        assert_eq!(r.code, 1, "{profile}: {r:?}");
        assert!(
            r.err.contains("USB_USER_NOT_FOUND_BY_SERIAL_ERROR_CODE")
                && r.err.contains("bound to no account"),
            "{profile}: {r:?}"
        );
        let posts = |w: &Web| {
            w.requests()
                .iter()
                .filter(|q| q["method"] == "POST")
                .count()
        };
        let before = posts(&w);
        let r = login(profile, "001099012345");
        assert_eq!(r.code, 1, "{profile}: {r:?}");
        assert!(r.err.contains("nothing was sent"), "{profile}: {r:?}");
        assert_eq!(posts(&w), before);
        let r = login(profile, "0101234567");
        assert_eq!(r.code, 1, "{profile}: {r:?}");
        assert!(
            r.err.contains("USB_USER_NOT_ACTIVE_ERROR_CODE")
                && r.err.contains("the account is locked"),
            "{profile}: {r:?}"
        );
        assert!(!w.stored(profile));
    }
}

#[test]
fn sim_held_until_the_phone_answers() {
    let w = world(
        "dvcqg-legacy",
        &["--sim-wait", "held", "--transaction-ttl", "3"],
    );
    // Approved on the phone while the POST is held.
    let child = w.spawn_login("p", &["--sim", "0912345678"], "");
    let tx = w.pending_tx("sim");
    w.decide(&tx, "approve");
    let r = child.finish();
    assert_eq!(r.code, 0, "{r:?}");
    // Declined: exit 6 with the portal's code.
    w.profile("q", "dvcqg-legacy");
    let child = w.spawn_login("q", &["--sim", "0912345678"], "");
    let tx = w.pending_tx("sim");
    w.decide(&tx, "reject");
    let r = child.finish();
    assert_eq!(r.code, 6, "{r:?}");
    assert!(
        r.err.contains("declined") && r.err.contains("PKI_USER_CANCEL_ERROR_CODE"),
        "{r:?}"
    );
    // No answer in time (the request lives 3 s): exit 6, timed out.
    let r = Web::run(w.login("q", &["--sim", "0912345678"]));
    assert_eq!(r.code, 6, "{r:?}");
    assert!(
        r.err.contains("not confirmed in time")
            && r.err.contains("PKI_NOT_HAVE_RESPONSE_CODE_ERROR_CODE"),
        "{r:?}"
    );
    assert!(!w.stored("q"));
}

/// The SIM tab's waiting page (the sandbox's default): the code shown,
/// the page re-submitted while pending, then approve, reject, no answer.
fn sim_waiting_page(recipe: &str) {
    let w = world(recipe, &["--transaction-ttl", "4"]);
    let child = w.spawn_login("p", &["--sim", "0912345678"], "");
    let tx = w.pending_tx("sim");
    let code = w.admin("/sandbox/transactions")["transactions"][0]["verification_code"]
        .as_str()
        .unwrap()
        .to_string();
    std::thread::sleep(Duration::from_millis(500));
    w.decide(&tx, "approve");
    let r = child.finish();
    assert_eq!(r.code, 0, "{recipe}: {r:?}");
    // The code of the waiting page was shown.
    assert!(r.err.contains(&code), "{recipe}: {code}: {r:?}");
    // The page was re-submitted while pending, then the outcome.
    let polls = w
        .requests()
        .iter()
        .filter(|q| q["method"] == "POST" && q["path"] == "/commonauth")
        .count();
    assert!(polls >= 2, "{recipe}: {polls}");
    w.profile("q", recipe);
    let child = w.spawn_login("q", &["--sim", "0912345678"], "");
    let tx = w.pending_tx("sim");
    w.decide(&tx, "reject");
    let r = child.finish();
    assert_eq!(r.code, 6, "{recipe}: {r:?}");
    assert!(
        r.err.contains("PKI_USER_CANCEL_ERROR_CODE"),
        "{recipe}: {r:?}"
    );
    let r = Web::run(w.login("q", &["--sim", "0912345678"]));
    assert_eq!(r.code, 6, "{recipe}: {r:?}");
    assert!(
        r.err.contains("PKI_NOT_HAVE_RESPONSE_CODE_ERROR_CODE"),
        "{recipe}: {r:?}"
    );
    assert!(!w.stored("q"));
}

#[test]
fn sim_with_a_waiting_page() {
    sim_waiting_page("sandbox-web");
}

/// The same waiting page read by the built-in recipe of the real host
/// names (its own `sim.wait` keys).
#[test]
fn sim_with_a_waiting_page_and_the_legacy_recipe() {
    sim_waiting_page("dvcqg-legacy");
}

#[test]
fn smartca_right_and_wrong_password() {
    let w = world("dvcqg-legacy", &["--auto-approve", "0"]);
    let smartca = |password: &str| {
        let mut c = w.login("p", &["--smartca", "0309876543", "--password-stdin"]);
        c.write_stdin(format!("{password}\n"));
        Web::run(c)
    };
    let r = smartca("wrong");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err.contains("wrong password") && r.err.contains("Tài khoản hoặc mật khẩu không đúng"),
        "{r:?}"
    );
    assert!(!w.stored("p"));
    let r = smartca("SmartCA@2026");
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.err.contains("VNPT SmartCA"), "{r:?}");
    // The login went to SmartCA's own host, and came back through the SSO.
    let hosts: Vec<String> = w
        .requests()
        .iter()
        .map(|q| q["host"].as_str().unwrap().to_string())
        .collect();
    assert!(hosts.iter().any(|h| h == "smartca.vnpt.vn"), "{hosts:?}");
    let (_, v) = w.cmd("p", &["status", "--json"]).json();
    assert_eq!(v["profiles"][0]["method"], "smartca");
}

#[test]
fn smartca_declined_in_the_app() {
    let w = world("sandbox-web", &[]);
    let child = w.spawn_login(
        "p",
        &["--smartca", "001099012345", "--password-stdin"],
        "Hong@SmartCA1\n",
    );
    let tx = w.pending_tx("smartca");
    w.decide(&tx, "reject");
    let r = child.finish();
    assert_eq!(r.code, 6, "{r:?}");
    assert!(r.err.contains("SMARTCA_USER_REJECTED_ERROR_CODE"), "{r:?}");
}

/// Every code of the recipe's table, as the SSO sends it
/// (`authFailureMsg`): the meaning in dvc's words, the code, the exit code.
#[test]
fn every_failure_code_is_told_with_its_exit_code() {
    let w = world(
        "dvcqg-legacy",
        &["--sim-wait", "held", "--auto-approve", "0"],
    );
    let table = [
        (
            "USB_USER_NOT_FOUND_BY_SERIAL_ERROR_CODE",
            "bound to no account",
            1,
        ),
        (
            "USB_CERTIFICATE_VERIFICATION_FAILED_ERROR_CODE",
            "certificate's chain",
            1,
        ),
        ("USB_USER_NOT_ACTIVE_ERROR_CODE", "the account is locked", 1),
        (
            "USB_SIGNATURE_INVALID_ERROR_CODE",
            "did not accept the signature",
            1,
        ),
        (
            "PKI_NOT_FOUND_USER_WITH_PHONE_ERROR_CODE",
            "no signature SIM",
            1,
        ),
        (
            "PKI_EXPIRED_CERT_ERROR_CODE",
            "the certificate has expired",
            1,
        ),
        ("PKI_USER_CANCEL_ERROR_CODE", "declined", 6),
        (
            "PKI_NOT_HAVE_RESPONSE_CODE_ERROR_CODE",
            "not confirmed in time",
            6,
        ),
        ("PKI_FAILURE_ERROR_CODE", "internal error", 1),
        (
            "SMARTCA_USER_NOT_FOUND_ERROR_CODE",
            "no account with this user id",
            1,
        ),
        ("SMARTCA_AUTH_FAILED_ERROR_CODE", "wrong password", 1),
        ("SMARTCA_USER_REJECTED_ERROR_CODE", "declined", 6),
        (
            "SMARTCA_TRANSACTION_EXPIRED_ERROR_CODE",
            "not confirmed in time",
            6,
        ),
        ("SOMETHING_NEW_ERROR_CODE", "SOMETHING_NEW_ERROR_CODE", 1),
    ];
    for (code, words, exit) in table {
        w.fault(
            json!({"clear": true, "endpoint": "web_commonauth", "kind": "fail", "value": code}),
        );
        let r = sim(&w, "0912345678");
        assert_eq!(r.code, exit, "{code}: {r:?}");
        assert!(
            r.err.contains(words) && r.err.contains(code),
            "{code}: {r:?}"
        );
        assert!(!w.stored("p"), "{code}");
    }
    // The real causes of two of them, without a fault.
    w.fault(json!({"clear": true}));
    let r = sim(&w, "0900000000");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err.contains("PKI_NOT_FOUND_USER_WITH_PHONE_ERROR_CODE"),
        "{r:?}"
    );
    let r = sim(&w, "0912345678");
    assert_eq!(r.code, 0, "{r:?}");
}

#[test]
fn a_page_without_its_form_is_a_changed_page() {
    let w = world(
        "dvcqg-legacy",
        &["--sim-wait", "held", "--auto-approve", "0"],
    );
    w.fault(json!({"endpoint": "web_login_page", "kind": "html_missing_form"}));
    let r = sim(&w, "0912345678");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err.contains("the login page changed")
            && r.err.contains("sim.form")
            && r.err.contains("dvcqg-legacy")
            && r.err.contains("dvc recipe show dvcqg-legacy"),
        "{r:?}"
    );
    assert!(!w.stored("p"));
    // The SmartCA page too.
    let mut c = w.login("p", &["--smartca", "0309876543", "--password-stdin"]);
    c.write_stdin("SmartCA@2026\n");
    let r = Web::run(c);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.err.contains("smartca.form"), "{r:?}");
    assert!(!w.stored("p"));
    // And the USB tab: the token signs nothing, nothing is posted.
    let hsm = Token::new(&w.home);
    w.sb.provision_ok(&hsm, "dn-giai-phap-so", "Token A", "864209");
    let r = usb(&w, &hsm, "0101234567");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err.contains("the login page changed")
            && r.err
                .contains("no #usb_login_form (usb.form of recipe dvcqg-legacy)")
            && r.err
                .contains(&format!("https://{SSO}/authenticationendpoint/login.do?"))
            && r.err.contains("nothing was stored"),
        "{r:?}"
    );
    assert!(!w.stored("p"));
    assert!(
        !w.requests()
            .iter()
            .any(|q| q["method"] == "POST" && q["path"] == "/commonauth"),
        "nothing was posted to the SSO"
    );
}

#[test]
fn a_redirect_outside_the_recipe_is_not_followed() {
    let w = world(
        "dvcqg-legacy",
        &["--sim-wait", "held", "--auto-approve", "0"],
    );
    w.fault(json!({"endpoint": "web_redirect", "kind": "foreign"}));
    let r = sim(&w, "0912345678");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err.contains("https://evil.example/") && r.err.contains("outside the origins"),
        "{r:?}"
    );
    assert!(!w.stored("p"));
    assert!(
        !w.home.config_file().exists()
            || !std::fs::read_to_string(w.home.config_file())
                .unwrap()
                .contains("evil")
    );
}

#[test]
fn cookies_go_to_the_portal_only() {
    let w = world(
        "dvcqg-legacy",
        &["--sim-wait", "held", "--auto-approve", "0"],
    );
    assert_eq!(sim(&w, "0912345678").code, 0);
    let r = Web::run(w.cmd("p", &["api", "/api/me"]));
    assert_eq!(r.code, 0, "{r:?}");
    // Another origin, even the SSO of the login: refused, nothing sent.
    let before = w.requests().len();
    let r = Web::run(w.cmd(
        "p",
        &["api", "https://xacthuc.dichvucong.gov.vn/oauth2/userinfo"],
    ));
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(w.requests().len(), before);
    // Over the whole story, the portal's cookie went to the portal only,
    // and the SSO's to the SSO only.
    for q in w.requests() {
        let cookies: Vec<&str> = q["cookies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        let host = q["host"].as_str().unwrap();
        if cookies.contains(&"JSESSIONID") {
            assert_eq!(host, PORTAL, "{q}");
        }
        if cookies.contains(&"commonAuthId") {
            assert_eq!(host, SSO, "{q}");
        }
    }
    let api: Vec<Value> = w
        .requests()
        .into_iter()
        .filter(|q| q["path"] == "/api/me")
        .collect();
    assert_eq!(api.len(), 1);
    assert_eq!(api[0]["cookies"], json!(["JSESSIONID"]));
}

#[test]
fn session_cookies_in_three_formats_work_with_curl() {
    let w = world(
        "dvcqg-legacy",
        &["--sim-wait", "held", "--auto-approve", "0"],
    );
    assert_eq!(sim(&w, "0912345678").code, 0);
    let me = "https://dichvucong.gov.vn/api/me";
    // header: curl -b 'NAME=VALUE'
    let header = cookie_header(&w);
    assert!(header.starts_with("JSESSIONID="), "{header}");
    let (status, body) = w.curl(&["-b", &header, me]);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("0101234567"), "{body}");
    // netscape: curl -b FILE
    let r = Web::run(w.cmd("p", &["session", "cookies", "--format", "netscape"]));
    assert_eq!(r.code, 0, "{r:?}");
    let jar = w.home.write("cookies.txt", &r.out);
    let (status, body) = w.curl(&["-b", jar.to_str().unwrap(), me]);
    assert_eq!(status, 200, "{}\n{body}", r.out);
    // json: a program builds the header.
    let (code, v) = w
        .cmd("p", &["session", "cookies", "--format", "json"])
        .json();
    assert_eq!(code, 0);
    let c = &v[0];
    assert_eq!(
        (
            c["domain"].as_str(),
            c["secure"].as_bool(),
            c["http_only"].as_bool()
        ),
        (Some(PORTAL), Some(true), Some(true)),
        "{v:#}"
    );
    let built = format!(
        "{}={}",
        c["name"].as_str().unwrap(),
        c["value"].as_str().unwrap()
    );
    assert_eq!(built, header);
    let (status, _) = w.curl(&["-b", &built, me]);
    assert_eq!(status, 200);
    // Without the cookie, the portal says no.
    let (status, _) = w.curl(&[me]);
    assert_eq!(status, 401);
}

#[test]
fn twenty_api_calls_at_once_on_one_web_session() {
    let w = world(
        "sandbox-web",
        &["--sim-wait", "held", "--auto-approve", "0"],
    );
    assert_eq!(sim(&w, "0912345678").code, 0);
    let args: Vec<String> = ["--profile", "p", "api", "/api/me"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let children: Vec<_> = (0..20).map(|_| w.spawn(&args, "")).collect();
    for c in children {
        let r = c.finish();
        assert_eq!(r.code, 0, "{r:?}");
        assert!(r.out.contains("0101234567"), "{r:?}");
    }
}

#[test]
fn kill_9_during_a_web_login_keeps_the_previous_session() {
    let w = world("dvcqg-legacy", &["--sim-wait", "held"]);
    let child = w.spawn_login("p", &["--sim", "0912345678"], "");
    let tx = w.pending_tx("sim");
    w.decide(&tx, "approve");
    assert_eq!(child.finish().code, 0);
    let before = cookie_header(&w);
    // A second login, killed while the phone has not answered.
    let mut child = w.spawn_login("p", &["--sim", "0912345678", "--force"], "");
    w.pending_tx("sim");
    child.kill9();
    // The store is intact: the previous session is read and still works.
    let r = Web::run(w.cmd("p", &["status"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.out.contains("logged in"), "{r:?}");
    assert_eq!(cookie_header(&w), before);
    let r = Web::run(w.cmd("p", &["api", "/api/me"]));
    assert_eq!(r.code, 0, "{r:?}");
}

#[test]
fn session_check_and_logout() {
    let w = world(
        "dvcqg-legacy",
        &["--sim-wait", "held", "--auto-approve", "0"],
    );
    assert_eq!(sim(&w, "0912345678").code, 0);
    let check = || Web::run(w.cmd("p", &["session", "check"]));
    let r = check();
    assert_eq!(r.code, 0, "{r:?}");
    // The portal ends the session (its logout page, from a browser).
    let header = cookie_header(&w);
    let (status, _) = w.curl(&[
        "-b",
        &header,
        "https://dichvucong.gov.vn/p/home/dvc-dang-xuat.html",
    ]);
    assert_eq!(status, 302);
    let r = check();
    assert_eq!(r.code, 4, "{r:?}");
    // What the portal said is remembered: status says logged out, and
    // dvc api refuses at once (exit 4), sending nothing.
    let r = Web::run(w.cmd("p", &["status", "--json"]));
    let j: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(j["profiles"][0]["logged_in"], json!(false), "{j}");
    assert!(
        j["profiles"][0]["access_token_expires_at"].is_string(),
        "{j}"
    );
    let before = w.requests().len();
    let r = Web::run(w.cmd("p", &["api", "/api/me"]));
    assert_eq!(r.code, 4, "{r:?}");
    assert_eq!(w.requests().len(), before);
    // Log in again; a check page that fails (a proxy's 502) says nothing
    // about the session: exit 1, and the session stays live.
    assert_eq!(
        Web::run(w.login("p", &["--sim", "0912345678", "--force"])).code,
        0
    );
    w.fault(json!({"endpoint": "web_portal", "kind": "status", "value": 502}));
    let r = check();
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err.contains("502") && r.err.contains("check_url"),
        "{r:?}"
    );
    w.fault(json!({"clear": true}));
    assert_eq!(check().code, 0);
    // The portal ends it again; dvc api meets a 401: it exits 1 as any
    // non-2xx, says the session ended, and status knows it.
    let header = cookie_header(&w);
    w.curl(&[
        "-b",
        &header,
        "https://dichvucong.gov.vn/p/home/dvc-dang-xuat.html",
    ]);
    let r = Web::run(w.cmd("p", &["api", "/api/me"]));
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.err.contains("has ended the session"), "{r:?}");
    let r = Web::run(w.cmd("p", &["api", "/api/me"]));
    assert_eq!(r.code, 4, "{r:?}");
    // Log in again, then dvc logout: logout_url is called with the cookie,
    // and the portal no longer accepts it.
    assert_eq!(
        Web::run(w.login("p", &["--sim", "0912345678", "--force"])).code,
        0
    );
    let header = cookie_header(&w);
    let (status, _) = w.curl(&["-b", &header, "https://dichvucong.gov.vn/api/me"]);
    assert_eq!(status, 200);
    let r = Web::run(w.cmd("p", &["logout"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.err.contains("the portal ended the web session"), "{r:?}");
    assert!(!w.stored("p"));
    let last_logout = w
        .requests()
        .into_iter()
        .rev()
        .find(|q| q["path"] == "/p/home/dvc-dang-xuat.html")
        .unwrap();
    assert_eq!(last_logout["cookies"], json!(["JSESSIONID"]));
    let (status, _) = w.curl(&["-b", &header, "https://dichvucong.gov.vn/api/me"]);
    assert_eq!(status, 401);
    let (status, _) = w.curl(&[
        "-b",
        &header,
        "https://dichvucong.gov.vn/p/home/dvc-thong-tin-tai-khoan.html",
    ]);
    assert_eq!(status, 302);
}

/// The SSO's own checks of what the plugin sent, by hand (never dvc's
/// code): a JWS whose signature does not verify, a raw signature that does
/// not, an unknown serial, `dataBeforeSign` other than the key, a good raw
/// signature (PKCS#1 v1.5, which the SSO tries after PSS), the key used
/// twice; and a host the sandbox does not serve.
#[test]
fn the_sso_checks_what_the_plugin_sent() {
    use base64::Engine as _;
    let w = Web::new(&[]);
    let http = w.sb.web_client();
    let b64 = |d: &[u8]| base64::engine::general_purpose::STANDARD.encode(d);
    let b64url = |d: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(d);
    let location = |r: reqwest::blocking::Response| {
        assert_eq!(r.status().as_u16(), 302);
        r.headers()["location"].to_str().unwrap().to_string()
    };
    // The portal's legacy login link, to the SSO's login page.
    let start = http
        .get("https://dichvucong.gov.vn/p/home/dvc-dang-nhap-tai-khoan-cu.html")
        .send()
        .unwrap();
    let authorize = location(start);
    let login = location(http.get(&authorize).send().unwrap());
    let key = url::Url::parse(&login)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "sessionDataKey")
        .unwrap()
        .1
        .into_owned();
    let page = http.get(&login).send().unwrap().text().unwrap();
    assert!(page.contains("id=\"usb_login_form\"") && page.contains("let USB_ERROR_CODE = null;"));
    let account = w.sb.account("dn-giai-phap-so");
    let cert = base64::engine::general_purpose::STANDARD
        .decode(account["cert_der"].as_str().unwrap())
        .unwrap();
    let serial = account["cert_serial"].as_str().unwrap().to_string();
    let post = |fields: &[(&str, &str)]| {
        let mut form = vec![
            ("sessionDataKey", key.as_str()),
            ("authenticator", "USBTokenAuthenticator"),
            ("serial", serial.as_str()),
        ];
        form.extend_from_slice(fields);
        location(
            http.post("https://xacthuc.dichvucong.gov.vn/commonauth")
                .form(&form)
                .send()
                .unwrap(),
        )
    };
    let code_of = |loc: &str| {
        url::Url::parse(loc)
            .unwrap()
            .query_pairs()
            .find(|(k, _)| k == "authFailureMsg")
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    let header = b64url(
        json!({"alg": "PS256", "x5c": [b64(&cert)]})
            .to_string()
            .as_bytes(),
    );
    let jws = format!(
        "{header}.{}.{}",
        b64url(key.as_bytes()),
        b64url(&[7u8; 384])
    );
    let loc = post(&[("signedData", &jws), ("dataBeforeSign", &key)]);
    assert_eq!(code_of(&loc), "USB_SIGNATURE_INVALID_ERROR_CODE", "{loc}");
    let loc = post(&[("signedData", &b64(&[7u8; 384])), ("dataBeforeSign", &key)]);
    assert_eq!(code_of(&loc), "USB_SIGNATURE_INVALID_ERROR_CODE", "{loc}");
    let pkcs8 = base64::engine::general_purpose::STANDARD
        .decode(account["key_pkcs8"].as_str().unwrap())
        .unwrap();
    let good = dvc_sandbox::signature::SigningKey::from_pkcs8(&pkcs8)
        .unwrap()
        .sign(key.as_bytes())
        .unwrap();
    let loc = post(&[("signedData", &b64(&good)), ("dataBeforeSign", "other")]);
    assert_eq!(code_of(&loc), "USB_SIGNATURE_INVALID_ERROR_CODE", "{loc}");
    let mut form_other_serial = vec![
        ("sessionDataKey", key.as_str()),
        ("authenticator", "USBTokenAuthenticator"),
        ("serial", "0ABCDEF0"),
    ];
    let good_b64 = b64(&good);
    form_other_serial.extend([
        ("signedData", good_b64.as_str()),
        ("dataBeforeSign", key.as_str()),
    ]);
    let loc = location(
        http.post("https://xacthuc.dichvucong.gov.vn/commonauth")
            .form(&form_other_serial)
            .send()
            .unwrap(),
    );
    assert_eq!(
        code_of(&loc),
        "USB_USER_NOT_FOUND_BY_SERIAL_ERROR_CODE",
        "{loc}"
    );
    // The right signature: the SSO's cookie, and the hop back.
    let r = http
        .post("https://xacthuc.dichvucong.gov.vn/commonauth")
        .form(&[
            ("sessionDataKey", key.as_str()),
            ("authenticator", "USBTokenAuthenticator"),
            ("serial", serial.as_str()),
            ("signedData", good_b64.as_str()),
            ("dataBeforeSign", key.as_str()),
        ])
        .send()
        .unwrap();
    assert!(r.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("commonAuthId="));
    let loc = location(r);
    assert!(
        loc.ends_with(&format!("/oauth2/authorize?sessionDataKey={key}")),
        "{loc}"
    );
    // The key is spent: retry.do.
    let loc = post(&[("signedData", &good_b64), ("dataBeforeSign", &key)]);
    assert!(loc.contains("/authenticationendpoint/retry.do?"), "{loc}");
    // A host name the sandbox does not serve.
    let r = http
        .get("https://dichvucong.gov.vn/")
        .header("Host", "evil.example")
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 421);
}

/// A portal that is down (a 503 page) is not a portal that changed its
/// page: dvc says the status, and still stores nothing.
#[test]
fn a_server_error_page_is_not_a_changed_page() {
    let w = world(
        "dvcqg-legacy",
        &["--sim-wait", "held", "--auto-approve", "0"],
    );
    w.fault(json!({"endpoint": "web_login_page", "kind": "status", "value": 503}));
    let r = sim(&w, "0912345678");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.err.contains("503") && !r.err.contains("changed"), "{r:?}");
    assert!(!w.stored("p"));
}

/// A first login with `--recipe` and the global `--connect-to`/`--ca-file`
/// creates a profile that keeps them: `api` and `session check` need no
/// flags afterwards.
#[test]
fn a_first_web_login_keeps_where_it_went() {
    let w = Web::new(&["--auto-approve", "1"]);
    let mut c = w.dvc();
    c.args([
        "--profile",
        "moi",
        "login",
        "--recipe",
        "sandbox-web",
        "--sim",
        "0912345678",
    ])
    .args(["--insecure-storage", "--timeout", "10"])
    .args(w.net());
    let r = Web::run(c);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.err.contains("Profile moi created"), "{r:?}");
    let r = Web::run(w.cmd("moi", &["api", "/api/me"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.out.contains("0101234567"), "{r:?}");
    assert_eq!(Web::run(w.cmd("moi", &["session", "check"])).code, 0);
}

#[test]
fn cookies_that_only_look_right_are_not_stored() {
    let w = world(
        "dvcqg-legacy",
        &["--sim-wait", "held", "--auto-approve", "0"],
    );
    // A new session cookie, but the portal's check page refuses it.
    w.fault(json!({"endpoint": "web_redirect", "kind": "unbound"}));
    let r = sim(&w, "0912345678");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err.contains("check_url") && r.err.contains("dvc-thong-tin-tai-khoan.html"),
        "{r:?}"
    );
    assert!(!w.stored("p"));
    // The pre-login cookie kept: nothing proves the login.
    w.fault(json!({"clear": true}));
    w.fault(json!({"endpoint": "web_redirect", "kind": "kept"}));
    let r = sim(&w, "0912345678");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.err.contains("session_cookies"), "{r:?}");
    assert!(!w.stored("p"));
    // Without the faults, the same login works.
    w.fault(json!({"clear": true}));
    assert_eq!(sim(&w, "0912345678").code, 0);
    assert!(w.stored("p"));
}

/// A profile moved to another recipe (`--recipe … --force`) keeps only
/// this login's --connect-to / --ca-file, and says so.
#[test]
fn a_moved_profile_keeps_this_logins_network_settings_and_says_so() {
    let w = world(
        "dvcqg-legacy",
        &["--sim-wait", "held", "--auto-approve", "0"],
    );
    assert_eq!(sim(&w, "0912345678").code, 0);
    let mut args: Vec<String> = ["--recipe", "sandbox-web", "--force", "--sim", "0912345678"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(w.net());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = Web::run(w.login("p", &args));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.err.contains("keeps where this login connected")
            && r.err.contains("portal.dvc-sandbox.test"),
        "{r:?}"
    );
    let config = std::fs::read_to_string(w.home.config_file()).unwrap();
    assert!(
        config.contains("sandbox-web") && config.contains("connect_to"),
        "{config}"
    );
}

/// The recipe's other ways of saying no, each with its message and exit
/// code: `retry.do` (a `sessionDataKey` spent by the time the form comes
/// back: WSO2's `status=Authentication Error !`, read as an expired login
/// page), WSO2's `authFailureMsg=login.fail.message`, and sister SSOs'
/// `CUS_CODE`. Nothing stored each time.
#[test]
fn a_spent_key_login_fail_message_and_cus_code() {
    let w = world(
        "dvcqg-legacy",
        &["--sim-wait", "held", "--auto-approve", "0"],
    );
    let hsm = Token::new(&w.home);
    w.sb.provision_ok(&hsm, "dn-giai-phap-so", "Token A", "864209");
    w.fault(json!({"endpoint": "web_commonauth", "kind": "expired"}));
    for r in [sim(&w, "0912345678"), usb(&w, &hsm, "0101234567")] {
        assert_eq!(r.code, 1, "{r:?}");
        assert!(
            r.err
                .contains("the login page expired (Authentication Error !)")
                && r.err
                    .contains("Something went wrong during the authentication process")
                && r.err.contains("run the login again"),
            "{r:?}"
        );
        assert!(!w.stored("p"));
    }
    // The SSO really sent retry.do.
    assert!(
        w.requests()
            .iter()
            .any(|q| q["path"] == "/authenticationendpoint/retry.do"),
        "no retry.do"
    );
    // WSO2's own code for a refused login.
    w.fault(json!({"clear": true, "endpoint": "web_commonauth", "kind": "fail", "value": "login.fail.message"}));
    let r = sim(&w, "0912345678");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err.contains("wrong password (login.fail.message)")
            && r.err.contains("dvc never retries by itself"),
        "{r:?}"
    );
    assert!(!w.stored("p"));
    // CUS_CODE instead of authFailureMsg: the same table, the same exit codes.
    for (code, words, exit) in [
        ("PKI_USER_CANCEL_ERROR_CODE", "declined", 6),
        (
            "PKI_EXPIRED_CERT_ERROR_CODE",
            "the certificate has expired",
            1,
        ),
        ("USB_USER_NOT_ACTIVE_ERROR_CODE", "the account is locked", 1),
    ] {
        w.fault(
            json!({"clear": true, "endpoint": "web_commonauth", "kind": "cus_code", "value": code}),
        );
        let r = sim(&w, "0912345678");
        assert_eq!(r.code, exit, "{code}: {r:?}");
        assert!(
            r.err.contains(words) && r.err.contains(&format!("({code})")),
            "{code}: {r:?}"
        );
        assert!(!w.stored("p"), "{code}");
    }
    // Without the faults the same login works.
    w.fault(json!({"clear": true}));
    assert_eq!(sim(&w, "0912345678").code, 0);
}

/// The raw `signedData` envelope with the recipe of the real host names:
/// a user's copy of `dvc recipe show dvcqg-legacy` with `envelope = "raw"`,
/// named by the profile's `recipe_file`.
#[test]
fn usb_with_the_raw_envelope_and_a_copy_of_the_legacy_recipe() {
    let w = Web::new(&[]);
    let file = w.recipe_copy(
        "dvcqg-legacy",
        &[("envelope = \"jws\"", "envelope = \"raw\"")],
        "my-dvcqg.toml",
    );
    w.profile_file("p", &file);
    let hsm = Token::new(&w.home);
    w.sb.provision_ok(&hsm, "dn-giai-phap-so", "Token A", "864209");
    let r = usb(&w, &hsm, "0101234567");
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.err.contains("MST 0101234567"), "{r:?}");
    let usb_stats = &w.admin("/sandbox/stats")["commonauth"]["USBTokenAuthenticator"];
    assert_eq!(
        (usb_stats["raw"].as_u64(), usb_stats["jws"].as_u64()),
        (Some(1), None),
        "{usb_stats}"
    );
    // The login went to the real host names, through --connect-to.
    assert!(w.requests().iter().any(|q| q["host"] == SSO));
    let r = Web::run(w.cmd("p", &["api", "/api/me"]));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.out.contains("0101234567"), "{r:?}");
}

/// A wrong PIN on a web USB login: exit 5, the PIN tried once (stdin gave
/// one line; dvc never asks again), nothing sent to the SSO, nothing stored.
#[test]
fn a_web_usb_login_with_a_wrong_pin() {
    let w = world("dvcqg-legacy", &[]);
    let hsm = Token::new(&w.home);
    w.sb.provision_ok(&hsm, "dn-giai-phap-so", "Token A", "864209");
    let mut c = w.login(
        "p",
        &[
            "--usb",
            "--module",
            MODULE,
            "--cert",
            "0101234567",
            "--pin-stdin",
        ],
    );
    c.env("SOFTHSM2_CONF", &hsm.conf)
        .write_stdin("000000\n864209\n");
    let r = Web::run(c);
    assert_eq!(r.code, 5, "{r:?}");
    assert!(
        r.err.contains("wrong PIN") && r.err.contains("dvc never retries a PIN by itself"),
        "{r:?}"
    );
    assert_eq!(r.err.matches("dvc: wrong PIN").count(), 1, "{r:?}");
    assert!(
        !r.err.contains("000000") && !r.err.contains("864209"),
        "{r:?}"
    );
    assert!(!w.stored("p"));
    let posts: Vec<Value> = w
        .requests()
        .into_iter()
        .filter(|q| q["method"] == "POST")
        .collect();
    assert!(posts.is_empty(), "{posts:?}");
    assert!(
        w.admin("/sandbox/stats")["commonauth"]["USBTokenAuthenticator"].is_null(),
        "no signedData reached the SSO"
    );
    // The right PIN (the second line was never read) then works.
    assert_eq!(usb(&w, &hsm, "0101234567").code, 0);
}

/// Without a terminal, or with DVC_NO_INPUT=1, a web login never prompts:
/// exit 2 naming the missing `--*-stdin` flag, nothing stored.
#[test]
fn web_logins_without_a_terminal_name_the_missing_flag() {
    let w = world("dvcqg-legacy", &[]);
    let hsm = Token::new(&w.home);
    w.sb.provision_ok(&hsm, "dn-giai-phap-so", "Token A", "864209");
    for no_input in [false, true] {
        let mut c = w.login("p", &["--smartca", "0309876543"]);
        if no_input {
            c.env("DVC_NO_INPUT", "1");
        }
        let r = Web::run(c);
        assert_eq!(r.code, 2, "DVC_NO_INPUT={no_input}: {r:?}");
        assert!(r.err.contains("--password-stdin"), "{r:?}");
        let mut c = w.login("p", &["--usb", "--module", MODULE, "--cert", "0101234567"]);
        c.env("SOFTHSM2_CONF", &hsm.conf);
        if no_input {
            c.env("DVC_NO_INPUT", "1");
        }
        let r = Web::run(c);
        assert_eq!(r.code, 2, "DVC_NO_INPUT={no_input}: {r:?}");
        assert!(r.err.contains("--pin-stdin"), "{r:?}");
        assert!(!w.stored("p"));
    }
    // No password or PIN reached the SSO or SmartCA.
    assert!(
        !w.requests().iter().any(|q| q["method"] == "POST"),
        "{:?}",
        w.requests()
    );
}

/// A portal whose callback redirects to itself for ever (`web_redirect:loop`):
/// dvc follows the recipe's `max_redirects` (20 unless the recipe says) and
/// no more, names the loop and the URL, exits 1, and stores nothing; a copy
/// of the recipe with `max_redirects = 5` stops after 5.
#[test]
fn a_redirect_loop_is_cut_at_the_recipes_limit() {
    let w = world(
        "dvcqg-legacy",
        &["--sim-wait", "held", "--auto-approve", "0"],
    );
    w.fault(json!({"endpoint": "web_redirect", "kind": "loop"}));
    let callbacks = |w: &Web| {
        w.requests()
            .iter()
            .filter(|q| q["host"] == PORTAL && q["path"] == "/p/home/dvc-callback.html")
            .count()
    };
    let r = sim(&w, "0912345678");
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err
            .contains("more than 20 redirects in a row (a redirect loop)")
            && r.err
                .contains(&format!("https://{PORTAL}/p/home/dvc-callback.html"))
            && r.err.contains("nothing was stored"),
        "{r:?}"
    );
    assert!(!w.stored("p"));
    // The loop was cut: at most the recipe's 20 hops, not one more.
    let n = callbacks(&w);
    assert!((2..=20).contains(&n), "{n} requests to the callback");
    // The limit is the recipe's own.
    let file = w.recipe_copy(
        "dvcqg-legacy",
        &[(
            "name = \"dvcqg-legacy\"\n",
            "name = \"dvcqg-legacy\"\nmax_redirects = 5\n",
        )],
        "five.toml",
    );
    w.profile_file("five", &file);
    let r = Web::run(w.login("five", &["--sim", "0912345678"]));
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err
            .contains("more than 5 redirects in a row (a redirect loop)"),
        "{r:?}"
    );
    assert!(!w.stored("five"));
    let m = callbacks(&w) - n;
    assert!((1..=5).contains(&m), "{m} requests to the callback");
    // Without the loop, the same login works.
    w.fault(json!({"clear": true}));
    assert_eq!(sim(&w, "0912345678").code, 0);
    assert!(w.stored("p"));
}

/// dvc's own limit on a SIM confirmation (the recipe's `sim.wait.timeout`,
/// here the least a recipe may say, 10 s) when the phone never answers and
/// the SSO never gives up (the sandbox's transactions live 120 s, nothing
/// approves them): exit 6, "not confirmed in time", nothing stored. The
/// per-request `--timeout 2` does not cut the held POST short: dvc holds it
/// for the wait's limit (plus 10 s for the portal's own answer) and the
/// waiting page is re-submitted past it.
fn sim_never_answered(variant: &str) {
    let w = Web::new(&["--sim-wait", variant]);
    let file = w.recipe_copy(
        "dvcqg-legacy",
        &[("interval = 3\ntimeout = 300", "interval = 3\ntimeout = 10")],
        "ten-seconds.toml",
    );
    w.profile_file("p", &file);
    let start = std::time::Instant::now();
    let r = Web::run(w.login("p", &["--sim", "0912345678", "--timeout", "2"]));
    let took = start.elapsed();
    assert_eq!(r.code, 6, "{variant}: {r:?}");
    assert!(r.err.contains("not confirmed in time"), "{variant}: {r:?}");
    // dvc's own limit, not the portal's code.
    assert!(
        !r.err.contains("PKI_NOT_HAVE_RESPONSE_CODE_ERROR_CODE"),
        "{variant}: {r:?}"
    );
    assert!(
        took >= Duration::from_secs(10) && took < Duration::from_secs(40),
        "{variant}: {took:?}"
    );
    assert!(!w.stored("p"));
    // The phone was asked once, and the transaction is still pending.
    let txs = w.admin("/sandbox/transactions")["transactions"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(txs.len(), 1, "{variant}: {txs:?}");
    assert_eq!(txs[0]["status"], "pending", "{variant}: {txs:?}");
    if variant == "page" {
        // The waiting page was re-submitted while it waited.
        let polls = w
            .requests()
            .iter()
            .filter(|q| q["method"] == "POST" && q["path"] == "/commonauth")
            .count();
        assert!(polls >= 3, "{polls}");
    }
}

#[test]
fn sim_never_answered_with_a_held_post_is_dvcs_timeout() {
    sim_never_answered("held");
}

#[test]
fn sim_never_answered_with_a_waiting_page_is_dvcs_timeout() {
    sim_never_answered("page");
}

/// The `jws` envelope end to end with both key types on the token: an RSA
/// certificate (PS256, the engine's choice on a token that does PSS, and
/// RS256 with `--algorithm RSASSA-PKCS1-v1_5-SHA256`) and an EC P-256 one
/// (ES256, r‖s): the SSO verified each with that alg
/// (`/sandbox/stats`), and the portal's session names the account.
#[test]
fn usb_jws_with_rsa_and_ec_keys() {
    let w = world("dvcqg-legacy", &[]);
    let hsm = Token::new(&w.home);
    w.sb.provision_ok(&hsm, "dn-giai-phap-so", "Token A", "864209");
    // The EC account (cd-tran-van-binh has a P-256 key) made a USB one.
    let w = with_accounts(w, |list| {
        for a in list.iter_mut() {
            if a["id"] == "cd-tran-van-binh" {
                a["usb"] = json!(true);
            }
        }
    });
    w.profile("p", "dvcqg-legacy");
    let binh = w.sb.account("cd-tran-van-binh");
    let b64 = |k: &str| {
        base64::Engine::decode(
            &base64::engine::general_purpose::STANDARD,
            binh[k].as_str().unwrap(),
        )
        .unwrap()
    };
    let key = dvc_sandbox::pki::Key::from_pkcs8(&b64("key_pkcs8")).unwrap();
    hsm.init("Token EC", "864209");
    hsm.import("Token EC", "864209", "01", "Binh", &key, &b64("cert_der"));
    let algs = |w: &Web| {
        let s = &w.admin("/sandbox/stats")["commonauth"]["USBTokenAuthenticator"];
        (
            s["jws"].as_u64(),
            s["PS256"].as_u64(),
            s["RS256"].as_u64(),
            s["ES256"].as_u64(),
            s["raw"].as_u64(),
        )
    };
    // RSA, the engine's choice: PS256.
    let r = usb(&w, &hsm, "0101234567");
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(algs(&w), (Some(1), Some(1), None, None, None));
    // RSA with PKCS#1 v1.5: RS256.
    let mut c = w.login(
        "p",
        &[
            "--usb",
            "--module",
            MODULE,
            "--cert",
            "0101234567",
            "--algorithm",
            "RSASSA-PKCS1-v1_5-SHA256",
            "--pin-stdin",
            "--force",
        ],
    );
    c.env("SOFTHSM2_CONF", &hsm.conf).write_stdin("864209\n");
    let r = Web::run(c);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(algs(&w), (Some(2), Some(1), Some(1), None, None));
    // EC P-256: ES256.
    let r = usb(&w, &hsm, "079090001234");
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.err.contains("Trần Văn Bình"), "{r:?}");
    assert_eq!(algs(&w), (Some(3), Some(1), Some(1), Some(1), None));
    let r = Web::run(w.cmd("p", &["api", "/api/me"]));
    assert_eq!(r.code, 0, "{r:?}");
    let me: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(me["method"], "usb", "{me}");
    assert!(r.out.contains("079090001234"), "{r:?}");
    // (The SSO verifies an ES256 JWS only over a 64-byte r‖s signature.)
}
