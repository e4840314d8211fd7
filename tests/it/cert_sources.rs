//! Where the certificates of `dvc cert check` come from, as a new user met
//! them: the sandbox's tokens (each with the sandbox's CA certificate
//! beside the user's, as provisioning tools put it), a USB login's session
//! whose certificate is also on a plugged token, a VNeID profile without a
//! certificate; and what every report says about them: tokens named by
//! their labels, the URI kept for scripts, one row per certificate,
//! perfdata keyed by serial, whole days, singulars, the trust anchors, and
//! `--output` into a missing directory.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;

use crate::util::{business_session, client, Dvc, Home, Sandbox, Token, MODULE};

const PIN: &str = "864209";

struct World {
    home: Home,
    sb: Sandbox,
    hsm: Token,
    /// The sandbox's root, fetched as the README says (`/pki/root.cer`).
    root: PathBuf,
}

/// A sandbox with two provisioned tokens: "Demo Token" (Công ty TNHH Giải
/// pháp Số Hà Nội, serial 5A0001) and "Token B" (Sài Gòn Xanh, 5A0002);
/// each also holds the sandbox's issuing CA.
fn world() -> World {
    let home = Home::new();
    let sb = Sandbox::start(&home, &["--auto-approve", "1"]);
    let hsm = Token::new(&home);
    sb.provision_ok(&hsm, "dn-giai-phap-so", "Demo Token", PIN);
    sb.provision_ok(&hsm, "dn-sai-gon-xanh", "Token B", PIN);
    let der = client()
        .get(sb.url("/pki/root.cer"))
        .send()
        .unwrap()
        .bytes()
        .unwrap();
    let root = home.write("sandbox-root.cer", der);
    World {
        home,
        sb,
        hsm,
        root,
    }
}

impl World {
    fn dvc(&self) -> Dvc {
        let mut c = self.home.dvc();
        c.env("SOFTHSM2_CONF", &self.hsm.conf)
            .env("DVC_PKCS11_MODULE", MODULE)
            .timeout(Duration::from_secs(90));
        c
    }

    /// `dvc [--lang LANG] cert check --trust ROOT ARGS`: exit code, stdout, stderr.
    fn check(&self, lang: &str, args: &[&str]) -> (i32, String, String) {
        let out = self
            .dvc()
            .args(["--lang", lang, "cert", "check", "--trust"])
            .arg(&self.root)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    fn json(&self, args: &[&str]) -> (i32, Value) {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let (code, out, err) = self.check("en", &all);
        let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
        (code, v)
    }

    /// `dvc login --usb` of the first company with its token, as profile `acme`.
    fn login_usb(&self) {
        let out = self
            .dvc()
            .args(["--profile", "acme", "login", "--issuer", &self.sb.issuer])
            .args(["--client-id", "dvc-cli", "--insecure-storage", "--usb"])
            .args(["--cert", "MST:0101234567", "--pin-stdin", "--timeout", "5"])
            .write_stdin(format!("{PIN}\n"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn rows(v: &Value) -> &Vec<Value> {
    v["certificates"].as_array().unwrap()
}

#[test]
fn usb_rows_are_the_tokens_own_certificates_named_by_their_labels() {
    let w = world();
    // JSON: the two companies, not the CA stored on both tokens; the URI kept.
    let (code, v) = w.json(&["--usb"]);
    assert_eq!(code, 0, "{v:#}");
    let r = rows(&v);
    assert_eq!(r.len(), 2, "{v:#}");
    // (SoftHSM2 numbers its slots in no fixed order: rows are found by serial.)
    for (label, serial, token) in [
        ("Demo Token", "5A0001", "token=Demo%20Token"),
        ("Token B", "5A0002", "token=Token%20B"),
    ] {
        let row = r.iter().find(|r| r["serial"] == serial).expect(serial);
        assert_eq!(row["chain"], "valid", "the token's CA and the root");
        assert_eq!(row["source_label"], label);
        let uri = row["source"].as_str().unwrap();
        assert!(uri.starts_with("pkcs11:") && uri.contains(token), "{uri}");
        assert_eq!(row["sources"], serde_json::json!([uri]));
    }
    assert_eq!(v["summary"]["total"], 2);

    // Text: the token's label where the URI was.
    let (code, text, _) = w.check("en", &["--usb"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("Demo Token · serial 5A0001 · valid until")
            && text.contains("Token B · serial 5A0002"),
        "{text}"
    );
    assert!(
        !text.contains("pkcs11:") && !text.contains("Sandbox CA"),
        "{text}"
    );
    assert!(text.ends_with("2 certificates: 0 critical, 0 warning, 0 unknown, 2 ok\n"));

    // CSV: the label in "Token / source", the URI in the last column.
    let (_, csv, _) = w.check("en", &["--usb", "--format", "csv"]);
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[0].ends_with(",Token / source,Problems,URI / path"),
        "{csv}"
    );
    for (serial, label) in [("5A0001", "Demo Token"), ("5A0002", "Token B")] {
        let line = lines
            .iter()
            .find(|l| l.contains(&format!(",{serial},")))
            .expect(serial);
        assert!(line.contains(&format!(",OK,{label},,pkcs11:")), "{csv}");
    }

    // HTML: the label under the holder, no URI, an empty Problems cell,
    // serial and MST kept on one line.
    let (_, html, _) = w.check("vi", &["--usb", "--format", "html"]);
    assert!(!html.contains("pkcs11:"), "the URI is not for people");
    let row = html
        .split("<tr class=\"s-ok\"")
        .skip(1)
        .map(|r| r.split("</tr>").next().unwrap())
        .find(|r| r.contains("MST 0101234567"))
        .expect("the first company's row");
    assert!(
        row.contains("<div class=\"small id\">MST 0101234567</div>")
            && row.contains(">Demo Token</div>"),
        "{row}"
    );
    assert!(
        row.ends_with("<td></td>"),
        "Problems only for problems: {row}"
    );
    let rule = |selector: &str| {
        html.lines()
            .find(|l| l.starts_with(selector))
            .unwrap_or_else(|| panic!("no CSS rule {selector}"))
            .to_string()
    };
    for selector in ["td.serial {", ".id {"] {
        assert!(
            rule(selector).contains("white-space: nowrap"),
            "{}",
            rule(selector)
        );
    }

    // Nagios: one series per certificate, named by its serial.
    let (_, line, _) = w.check("en", &["--usb", "--format", "nagios"]);
    assert!(
        line.contains(" days_left_5A0001=") && line.contains(" days_left_5A0002="),
        "{line}"
    );
    assert!(
        !line.contains("days_left_1=") && !line.contains("days_left_2="),
        "{line}"
    );

    // A URI that selects the CA certificate alone checks it.
    let (_, list) = w.dvc().args(["token", "list", "--json"]).json();
    let ca_uri = list["tokens"][0]["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "CA")
        .expect("the CA on the token")["uri"]
        .as_str()
        .unwrap()
        .to_string();
    let (code, v) = w.json(&[&ca_uri]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(rows(&v).len(), 1);
    assert_eq!(rows(&v)[0]["serial"], "02", "{v:#}");
}

#[test]
fn a_sessions_certificate_on_a_plugged_token_is_one_row_naming_both() {
    let w = world();
    w.login_usb();
    let (code, v) = w.json(&["--usb", "--all-profiles"]);
    assert_eq!(code, 0, "{v:#}");
    let r = rows(&v);
    assert_eq!(r.len(), 2, "{v:#}");
    // The session comes first (sessions before --usb), the other token after.
    let acme = &r[0];
    assert_eq!(acme["serial"], "5A0001");
    assert_eq!(acme["source"], "session:acme");
    let sources: Vec<&str> = acme["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(sources.len(), 2, "{v:#}");
    assert_eq!(sources[0], "session:acme");
    assert!(sources[1].starts_with("pkcs11:") && sources[1].contains("Demo%20Token"));
    assert_eq!(acme["source_label"], "session:acme, Demo Token");
    assert_eq!(r[1]["serial"], "5A0002");

    let (_, text, _) = w.check("en", &["--usb", "--all-profiles"]);
    assert_eq!(text.matches("serial 5A0001").count(), 1, "{text}");
    assert!(
        text.contains("session:acme, Demo Token · serial 5A0001"),
        "{text}"
    );
    let (_, line, _) = w.check("en", &["--usb", "--all-profiles", "--format", "nagios"]);
    assert!(line.starts_with("DVC CERT OK - 2 certificates"), "{line}");
    assert_eq!(line.matches("days_left_5A0001=").count(), 1, "{line}");
    // The same with --session and a URI also given: still one row.
    let (_, v) = w.json(&["--usb", "--session", "--profile", "acme"]);
    assert_eq!(rows(&v).len(), 2, "{v:#}");
}

#[test]
fn a_vneid_session_names_its_method_and_is_unknown() {
    let w = world();
    let mut s = business_session("vneid", "t-1", time::Duration::hours(1));
    s.method = dvc::session::Method::Vneid;
    s.certificate = None;
    w.home.save_file_session(&s);
    let (code, v) = w.json(&["--session", "--profile", "vneid"]);
    assert_eq!(
        code, 3,
        "a source without a certificate is UNKNOWN (cli.md)"
    );
    let row = &rows(&v)[0];
    assert_eq!(row["source"], "session:vneid");
    assert_eq!(row["status"], "UNKNOWN");
    assert_eq!(row["problem_codes"], serde_json::json!(["no_certificate"]));
    let problem = row["problems"][0].as_str().unwrap();
    assert!(
        problem.contains("session of vneid has no certificate to check")
            && problem.contains("a VNeID account login carries none")
            && !problem.contains("SIM and SmartCA"),
        "{problem}"
    );
    let (code, text, _) = w.check("vi", &["--session", "--profile", "vneid"]);
    assert_eq!(code, 3);
    assert!(
        text.contains("đăng nhập bằng tài khoản VNeID không kèm chứng thư"),
        "{text}"
    );
    assert!(
        text.ends_with("1 chứng thư: 0 nghiêm trọng, 0 cảnh báo, 1 không rõ, 0 tốt\n"),
        "{text}"
    );
    // With --all-profiles it has nothing to check and is no row.
    let (code, v) = w.json(&["--all-profiles", "--usb"]);
    assert_eq!((code, rows(&v).len()), (0, 2), "{v:#}");
}

#[test]
fn days_singulars_and_the_text_agree_with_days_left() {
    let w = world();
    let uri = "pkcs11:token=Demo%20Token;id=%01";
    // The first company's certificate, from its token.
    let (code, info) = w.dvc().args(["cert", "show", "--json", uri]).json();
    assert_eq!(code, 0, "{info:#}");
    let not_after = time::OffsetDateTime::parse(
        info["not_after"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let at = |d: time::Duration| {
        (not_after + d)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    // 10 days and 5 minutes after expiry: -11 (negative from the first second), "expired 10 days ago".
    let ten = at(time::Duration::days(10) + time::Duration::minutes(5));
    let (code, v) = w.json(&[uri, "--at", &ten]);
    assert_eq!(code, 2);
    assert_eq!(rows(&v)[0]["days_left"], -11, "{v:#}");
    let (_, text, _) = w.check("en", &[uri, "--at", &ten]);
    assert!(text.contains("(expired 10 days ago)"), "{text}");
    assert!(
        text.ends_with("1 certificate: 1 critical, 0 warning, 0 unknown, 0 ok\n"),
        "{text}"
    );
    let (_, text, _) = w.check("vi", &[uri, "--at", &ten]);
    assert!(text.contains("(đã hết hạn 10 ngày trước)"), "{text}");
    // A day and an hour after: 1 day; five minutes after: less than a day.
    let (_, text, _) = w.check("en", &[uri, "--at", &at(time::Duration::hours(25))]);
    assert!(text.contains("(expired 1 day ago)"), "{text}");
    let (_, text, _) = w.check("en", &[uri, "--at", &at(time::Duration::minutes(5))]);
    assert!(text.contains("(expired less than a day ago)"), "{text}");
    // Before expiry: whole days left, singular at one.
    let (_, text, _) = w.check("en", &[uri, "--at", &at(-time::Duration::hours(30))]);
    assert!(
        text.contains("(1 day left)") && text.contains("expires in 1 day: renew it"),
        "{text}"
    );
    let (_, line, _) = w.check("en", &[uri, "--at", &ten, "--format", "nagios"]);
    assert!(
        line.starts_with("DVC CERT CRITICAL - 1 certificate: "),
        "{line}"
    );
    assert!(line.contains(" days_left_5A0001=-11;"), "{line}");
}

#[test]
fn trust_adds_anchors_to_the_bundled_roots() {
    let w = world();
    // Without the sandbox's root: untrusted, as the README explains.
    let out = w
        .dvc()
        .args(["cert", "check", "--usb", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rows(&v).iter().all(|r| r["chain"] == "untrusted"), "{v:#}");
    // --trust adds it: the tokens are OK, and a bundled Vietnamese root is
    // still trusted beside it (checked on its own: a trust anchor).
    let bundled =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/cert/trust/roots/vnrca256.pem");
    let (code, v) = w.json(&["--usb", bundled.to_str().unwrap()]);
    assert_eq!(code, 0, "{v:#}");
    assert!(rows(&v).iter().all(|r| r["chain"] == "valid"), "{v:#}");
    // --trust-system-roots changes nothing; --no-bundled-roots trusts only --trust.
    let (code, _) = w.json(&["--usb", "--trust-system-roots", bundled.to_str().unwrap()]);
    assert_eq!(code, 0);
    let (code, v) = w.json(&["--usb", "--no-bundled-roots", bundled.to_str().unwrap()]);
    assert_eq!(code, 3, "{v:#}");
    // The bundled root, given as a file, is no longer an anchor; the tokens are.
    assert_eq!(rows(&v)[0]["chain"], "untrusted", "{v:#}");
    assert_eq!(rows(&v)[1]["chain"], "valid", "{v:#}");
    // The help says the same.
    let out = w.dvc().args(["cert", "check", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.contains(
            "More trust anchors (PEM, DER or PKCS#7), on top of the bundled Vietnamese roots"
        ) && !help.contains("only these are trusted"),
        "{help}"
    );
}

#[test]
fn output_into_a_missing_directory_is_an_error_in_both_languages() {
    let w = world();
    let missing = w.home.root().join("nonexist").join("dir");
    let target = missing.join("r.html");
    let (code, out, err) = w.check(
        "en",
        &["--usb", "--format", "html", "-o", target.to_str().unwrap()],
    );
    assert_eq!(code, 3, "usage errors exit 3 (cli.md): {err}");
    assert!(out.is_empty());
    assert!(
        err.contains(&format!(
            "the directory {} does not exist",
            missing.display()
        )),
        "{err}"
    );
    assert!(!w.home.root().join("nonexist").exists(), "never created");
    let (code, _, err) = w.check(
        "vi",
        &["--usb", "--format", "html", "-o", target.to_str().unwrap()],
    );
    assert_eq!(code, 3);
    assert!(
        err.contains(&format!("thư mục {} không tồn tại", missing.display())),
        "{err}"
    );
    assert!(!w.home.root().join("nonexist").exists());
    // A file where the directory should be.
    let file = w.home.write("plain", "x");
    let (code, _, err) = w.check("en", &["--usb", "-o", file.join("r.txt").to_str().unwrap()]);
    assert_eq!(code, 3);
    assert!(err.contains("is not a directory"), "{err}");
    // An existing directory: written, and the message counts in the singular.
    let (code, _, err) = w.check(
        "en",
        &[
            "pkcs11:token=Demo%20Token;id=%01",
            "-o",
            w.home.root().join("one.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("one.txt: 1 certificate, OK"), "{err}");
    // An OS error stays in the user's language.
    let (code, text, _) = w.check("vi", &["/nonexistent/cert.pem"]);
    assert_eq!(code, 3);
    assert!(text.contains("không có tệp hoặc thư mục này"), "{text}");
}

#[test]
fn tokens_with_only_ca_certificates_have_nothing_to_check() {
    use dvc_sandbox::pki::{Ca, Key, Name, Role, Spec};
    let home = Home::new();
    let hsm = Token::new(&home);
    hsm.init("CA Only", "1111");
    let key = Key::ec().unwrap();
    let ca = Ca::self_signed(
        &Spec::new(
            Role::Ca { path_len: None },
            Name::new().c("VN").cn("CA Trên Token"),
        ),
        key.clone(),
    )
    .unwrap();
    let parts = crate::util::Parts {
        private_key: false,
        public_key: false,
        always_authenticate: false,
    };
    hsm.import_parts("CA Only", "1111", "ca", "CA", &key, ca.der(), parts);
    let out = home
        .dvc()
        .env("SOFTHSM2_CONF", &hsm.conf)
        .env("DVC_PKCS11_MODULE", MODULE)
        .args(["cert", "check", "--usb", "--format", "json"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "a source without a certificate is UNKNOWN"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows(&v).len(), 1, "{v:#}");
    let row = &rows(&v)[0];
    assert_eq!(row["source"], "--usb");
    assert_eq!(row["problem_codes"], serde_json::json!(["no_certificate"]));
    assert!(
        row["problems"][0]
            .as_str()
            .unwrap()
            .contains("no certificate to check on the plugged tokens"),
        "{v:#}"
    );
}

/// The HTML report as Chromium lays it out on an A4-wide window: the table
/// fits the page, and no serial number or tax code is broken across lines,
/// with the long serials of real roots and a problem holding a long URL.
#[test]
fn html_keeps_serials_and_tax_codes_whole_within_a4() {
    let w = world();
    let trust = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/cert/trust");
    let root = trust.join("roots/vnrca256.pem");
    let expired = trust.join("intermediates/fastca-sha256.pem");
    let (_, html, _) = w.check(
        "vi",
        &[
            "--usb",
            "--format",
            "html",
            "--at",
            "2028-10-25T00:00:00Z",
            root.to_str().unwrap(),
            expired.to_str().unwrap(),
        ],
    );
    let Some(chromium) = crate::cert_reports::chromium() else {
        assert!(
            std::env::var("DVC_REQUIRE_CHROMIUM").as_deref() != Ok("1"),
            "DVC_REQUIRE_CHROMIUM=1 but Chromium is not installed"
        );
        eprintln!("notice: Chromium not found: the layout was not checked");
        return;
    };
    // The report has no script; this copy gets one that measures the layout
    // and writes what it found into the page, which --dump-dom prints.
    let probe = r#"<script>
addEventListener('load', () => {
  const lines = el => { const r = document.createRange(); r.selectNodeContents(el);
    return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; };
  const broken = [...document.querySelectorAll('td.serial, .id')]
    .filter(el => el.textContent.trim() && lines(el) > 1).map(el => el.textContent);
  const table = document.querySelector('table').getBoundingClientRect();
  const body = document.body.getBoundingClientRect();
  const out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = JSON.stringify({broken, fits: table.right <= body.right + 0.5,
    serials: document.querySelectorAll('td.serial').length});
  document.body.appendChild(out);
});
</script></body>"#;
    let page = w.home.write("probe.html", html.replace("</body>", probe));
    let profile = tempfile::tempdir().unwrap();
    let dom = crate::cert_reports::run_chromium(
        &chromium,
        profile.path(),
        &[
            "--window-size=794,1123".into(),
            "--dump-dom".into(),
            format!("file://{}", page.display()),
        ],
    );
    let found = dom
        .split("<pre id=\"probe\">")
        .nth(1)
        .and_then(|r| r.split("</pre>").next())
        .unwrap_or_else(|| panic!("no probe result: {dom}"))
        .replace("&quot;", "\"");
    let v: Value = serde_json::from_str(&found).unwrap();
    assert_eq!(v["serials"], 4, "{v}");
    assert_eq!(v["broken"], serde_json::json!([]), "{v}");
    assert_eq!(v["fits"], true, "the table overflows the page: {v}");
}
