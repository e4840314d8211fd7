//! `dvc cert show` and `dvc cert check` against a test PKI, a local HTTP
//! server (AIA certificates, CRLs, misbehaving responders) and OpenSSL's own
//! OCSP responder, each on a free loopback port.

use std::path::PathBuf;
use std::sync::Arc;

use crate::util::http::{free_port, OpensslOcsp, Route, Server};
use crate::util::{Dvc, Home, Pki};
use dvc_sandbox::pki::ocsp::{OcspStatus, Responder};
use predicates::prelude::*;
use serde_json::Value;

/// Where the leaves' OCSP URL points.
enum Ocsp {
    /// OpenSSL's responder with the delegated responder certificate.
    Openssl,
    /// OpenSSL's responder signing with a certificate that lacks the OCSPSigning EKU.
    OpensslBadEku,
    /// The test HTTP server's `/ocsp` (set a route for it).
    Http,
    /// A port where nothing listens.
    Down,
}

struct World {
    home: Home,
    http: Server,
    pki: Pki,
    _ocsp: Option<OpensslOcsp>,
}

fn world(ocsp: Ocsp) -> World {
    let home = Home::new();
    let http = Server::start();
    let port = free_port();
    let url = match ocsp {
        Ocsp::Http => format!("{}/ocsp", http.base),
        _ => format!("http://127.0.0.1:{port}"),
    };
    let pki = Pki::build(&home.root().join("pki"), &http.base, &url);
    http.body("/root.cer", &pki.root, None);
    http.body("/int.cer", &pki.int, None);
    http.body("/int.crl", &pki.crl, Some("\"crl-v1\""));
    http.body("/root.crl", &pki.root_crl, None);
    let responder = match ocsp {
        Ocsp::Openssl => Some(OpensslOcsp::start(&pki.dir, port, "responder", 1)),
        Ocsp::OpensslBadEku => Some(OpensslOcsp::start(&pki.dir, port, "bad-responder", 1)),
        _ => None,
    };
    World {
        home,
        http,
        pki,
        _ocsp: responder,
    }
}

impl World {
    fn root_pem(&self) -> PathBuf {
        self.pki.dir.join("root.pem")
    }

    /// `dvc cert check --trust root.pem ARGS...`
    fn check(&self, args: &[&str]) -> Dvc {
        let mut cmd = self.home.dvc();
        cmd.args(["cert", "check", "--trust"])
            .arg(self.root_pem())
            .args(args);
        cmd.timeout(std::time::Duration::from_secs(60));
        cmd
    }

    fn json(&self, args: &[&str]) -> (i32, Value) {
        let mut full = vec!["--format", "json"];
        full.extend_from_slice(args);
        self.check(&full).json()
    }

    fn leaf(&self, name: &str) -> String {
        self.pki.leaf_pem(name).display().to_string()
    }
}

#[test]
fn each_status_and_exit_code() {
    let w = world(Ocsp::Openssl);
    let cases = [
        ("valid", 0, "OK", "valid", "good"),
        ("warn", 1, "WARNING", "valid", "good"),
        ("crit", 2, "CRITICAL", "valid", "good"),
        ("expired", 2, "CRITICAL", "valid", "good"),
        ("future", 2, "CRITICAL", "valid", "good"),
        ("revoked", 2, "CRITICAL", "valid", "revoked"),
        ("lookalike", 2, "CRITICAL", "invalid", "error"),
    ];
    for (name, code, status, chain, rev) in cases {
        let (c, v) = w.json(&[&w.leaf(name), "--revocation", "ocsp"]);
        let cert = &v["certificates"][0];
        assert_eq!(
            (c, v["status"].as_str().unwrap()),
            (code, status),
            "{name}: {v:#}"
        );
        assert_eq!(cert["chain"], chain, "{name}: {cert:#}");
        assert_eq!(cert["revocation"]["status"], rev, "{name}: {cert:#}");
    }
    // The revoked certificate: time, reason and method from OpenSSL's responder.
    let (_, v) = w.json(&[&w.leaf("revoked"), "--revocation", "ocsp"]);
    let r = &v["certificates"][0]["revocation"];
    assert_eq!(r["method"], "ocsp");
    assert_eq!(r["reason"], "keyCompromise");
    assert!(r["revoked_at"].as_str().unwrap().ends_with('Z'));
    // A look-alike issuer is invalid (not untrusted), and says why.
    let (_, v) = w.json(&[&w.leaf("lookalike"), "--revocation", "none"]);
    let problems = v["certificates"][0]["problems"].to_string();
    assert!(problems.contains("look-alike"), "{problems}");
    // Worst of several: exit 2, every certificate reported in order.
    let (c, v) = w.json(&[&w.leaf("valid"), &w.leaf("warn"), &w.leaf("crit")]);
    assert_eq!(c, 2);
    let statuses: Vec<_> = v["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(statuses, ["OK", "WARNING", "CRITICAL"]);
}

#[test]
fn vietnamese_fields_and_key_types() {
    let w = world(Ocsp::Openssl);
    let (c, v) = w.json(&[
        &w.leaf("citizen"),
        &w.leaf("branch"),
        &w.leaf("two_uids"),
        &w.leaf("valid"),
    ]);
    assert_eq!(c, 0, "{v:#}");
    let certs = v["certificates"].as_array().unwrap();
    assert_eq!(certs[0]["id_number"], "001099012345");
    assert_eq!(certs[0]["tax_code"], Value::Null);
    assert!(certs[0]["subject"]
        .as_str()
        .unwrap()
        .contains("Nguyễn Thị Hồng"));
    assert_eq!(certs[1]["tax_code"], "0301519977-029");
    assert_eq!(certs[2]["tax_code"], "8012345678");
    assert_eq!(certs[2]["id_number"], "079090001234");
    assert_eq!(certs[3]["serial"], "1001");
    let issuer = certs[3]["issuer"].as_str().unwrap();
    for part in [
        "CN=CA Thử nghiệm SHA-256",
        "O=Công ty Chứng thực Thử nghiệm",
        "C=VN",
    ] {
        assert!(issuer.contains(part), "{issuer}");
    }
    // cert show: the EC citizen certificate and the RSA business one.
    let out = w
        .home
        .dvc()
        .args(["cert", "show", "--json", &w.leaf("citizen")])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["key_type"], "EC P-256");
    assert_eq!(s["signature_algorithm"], "sha256WithRSAEncryption");
    assert_eq!(s["ocsp_urls"].as_array().unwrap().len(), 1);
    assert!(s["crl_urls"][0].as_str().unwrap().ends_with("/int.crl"));
    assert!(s["ca_issuers_urls"][0]
        .as_str()
        .unwrap()
        .ends_with("/int.cer"));
    assert_eq!(s["sha256_fingerprint"].as_str().unwrap().len(), 64);
    assert!(s["extended_key_usage"].to_string().contains("clientAuth"));
    w.home
        .dvc()
        .args(["cert", "show", &w.leaf("two_uids")])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Trần Văn Bình").and(predicate::str::contains(
                "MST:8012345678, CCCD:079090001234",
            )),
        );
    w.home
        .dvc()
        .args(["--lang", "vi", "cert", "show", &w.leaf("valid")])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Mã số thuế (MST)")
                .and(predicate::str::contains("0101234567"))
                .and(predicate::str::contains("RSA 2048 bit")),
        );
}

#[test]
fn chain_completed_from_aia_only() {
    let w = world(Ocsp::Openssl);
    // Only the leaf and the root: the intermediate must come from caIssuers.
    let (c, v) = w.json(&[&w.leaf("valid"), "--revocation", "none"]);
    assert_eq!(c, 0, "{v:#}");
    assert_eq!(v["certificates"][0]["chain"], "valid");
    assert_eq!(w.http.requests("/int.cer").len(), 1);
    // Many certificates of one issuer: one download per run, then the disk cache.
    let (c, _) = w.json(&[
        &w.leaf("valid"),
        &w.leaf("branch"),
        &w.leaf("citizen"),
        "--revocation",
        "none",
    ]);
    assert_eq!(c, 0);
    assert_eq!(
        w.http.requests("/int.cer").len(),
        1,
        "the cached CA certificate is reused"
    );
    // Without the AIA server and without a cache: incomplete, UNKNOWN.
    let (c, v) = w.json(&[&w.leaf("valid"), "--revocation", "none", "--no-cache"]);
    assert_eq!(c, 0, "still reachable: {v:#}");
    w.http
        .route("/int.cer", Route::Status(404, b"gone".to_vec()));
    let (c, v) = w.json(&[&w.leaf("valid"), "--revocation", "none", "--no-cache"]);
    assert_eq!(c, 3, "{v:#}");
    assert_eq!(v["certificates"][0]["chain"], "incomplete");
    // --chain gives the intermediate back.
    let int = w.pki.dir.join("int.pem");
    let (c, v) = w.json(&[
        &w.leaf("valid"),
        "--revocation",
        "none",
        "--no-cache",
        "--chain",
        int.to_str().unwrap(),
    ]);
    assert_eq!(
        (c, v["certificates"][0]["chain"].as_str().unwrap()),
        (0, "valid")
    );
    // Without --trust the bundled Vietnamese roots are used: this test root is untrusted.
    let out = w
        .home
        .dvc()
        .args([
            "cert",
            "check",
            "--format",
            "json",
            "--revocation",
            "none",
            "--chain",
            int.to_str().unwrap(),
            &w.leaf("valid"),
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["certificates"][0]["chain"], "untrusted");
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn ocsp_responder_down_hung_garbage_stale_or_badly_signed_is_unknown() {
    // Down.
    let w = world(Ocsp::Down);
    let (c, v) = w.json(&[&w.leaf("valid"), "--revocation", "ocsp", "--timeout", "2"]);
    assert_eq!(c, 3, "{v:#}");
    assert_eq!(v["certificates"][0]["revocation"]["status"], "error");
    assert!(v["certificates"][0]["revocation"]["error"]
        .as_str()
        .unwrap()
        .contains("connect"));
    // Other policies for the same outage.
    for (policy, code) in [("warning", 1), ("critical", 2), ("ok", 0)] {
        let (c, _) = w.json(&[
            &w.leaf("valid"),
            "--revocation",
            "ocsp",
            "--on-revocation-error",
            policy,
        ]);
        assert_eq!(c, code, "{policy}");
    }

    // Hangs: the timeout is honoured.
    let w = world(Ocsp::Http);
    w.http.route("/ocsp", Route::Hang);
    let start = std::time::Instant::now();
    let (c, v) = w.json(&[&w.leaf("valid"), "--revocation", "ocsp", "--timeout", "1"]);
    assert_eq!(c, 3, "{v:#}");
    assert!(
        v["certificates"][0]["revocation"]["error"]
            .as_str()
            .unwrap()
            .contains("timeout"),
        "{v:#}"
    );
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "--timeout 1 was not honoured"
    );

    // Garbage (an HTML error page with 200).
    w.http.route(
        "/ocsp",
        Route::Status(200, b"<html><body>502 Bad Gateway</body></html>".to_vec()),
    );
    let (c, v) = w.json(&[&w.leaf("valid"), "--revocation", "ocsp"]);
    assert_eq!(c, 3);
    assert!(v["certificates"][0]["revocation"]["error"]
        .as_str()
        .unwrap()
        .contains("not answer with an OCSP response"));

    // Stale: nextUpdate in the past, properly signed by the issuer.
    let key = Arc::new(w.pki.int_signing_key());
    let int = w.pki.int.clone();
    let now = time::OffsetDateTime::now_utc();
    w.http.route(
        "/ocsp",
        Route::Dynamic(Arc::new(move |_, body| {
            let r = Responder {
                key: &key,
                cert: &int,
                include_cert: false,
                this_update: now - time::Duration::days(3),
                next_update: Some(now - time::Duration::days(1)),
            };
            (200, r.respond(body, |_| OcspStatus::Good))
        })),
    );
    let (c, v) = w.json(&[&w.leaf("valid"), "--revocation", "ocsp"]);
    assert_eq!(c, 3, "{v:#}");
    assert!(v["certificates"][0]["revocation"]["error"]
        .as_str()
        .unwrap()
        .contains("stale"));

    // The same responder with fresh times is believed: the builder is sound.
    let key = Arc::new(w.pki.int_signing_key());
    let int = w.pki.int.clone();
    w.http.route(
        "/ocsp",
        Route::Dynamic(Arc::new(move |_, body| {
            let r = Responder {
                key: &key,
                cert: &int,
                include_cert: false,
                this_update: time::OffsetDateTime::now_utc() - time::Duration::minutes(1),
                next_update: Some(time::OffsetDateTime::now_utc() + time::Duration::hours(1)),
            };
            (200, r.respond(body, |_| OcspStatus::Good))
        })),
    );
    let (c, v) = w.json(&[&w.leaf("valid"), "--revocation", "ocsp"]);
    assert_eq!(c, 0, "{v:#}");

    // Signed by a responder certificate without the OCSPSigning EKU (OpenSSL's responder).
    let w = world(Ocsp::OpensslBadEku);
    let (c, v) = w.json(&[&w.leaf("valid"), "--revocation", "ocsp"]);
    assert_eq!(c, 3, "{v:#}");
    assert!(
        v["certificates"][0]["revocation"]["error"]
            .as_str()
            .unwrap()
            .contains("OCSPSigning"),
        "{v:#}"
    );
}

#[test]
fn responder_that_refuses_post_is_asked_with_get() {
    let w = world(Ocsp::Http);
    let key = Arc::new(w.pki.int_signing_key());
    let int = w.pki.int.clone();
    w.http.route(
        "/ocsp*",
        Route::Dynamic(Arc::new(move |path, body| {
            use base64::Engine as _;
            if path == "/ocsp" {
                return (405, b"use GET".to_vec());
            }
            let enc = path.trim_start_matches("/ocsp/");
            let b64: String = url::form_urlencoded::parse(format!("x={enc}").as_bytes())
                .next()
                .unwrap()
                .1
                .into_owned();
            let req = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .unwrap_or_default();
            let _ = body;
            let r = Responder {
                key: &key,
                cert: &int,
                include_cert: false,
                this_update: time::OffsetDateTime::now_utc(),
                next_update: None,
            };
            (200, r.respond(&req, |_| OcspStatus::Good))
        })),
    );
    let (c, v) = w.json(&[&w.leaf("valid"), "--revocation", "ocsp"]);
    assert_eq!(c, 0, "{v:#}");
    let seen = w.http.seen.lock().unwrap().clone();
    assert!(seen.iter().any(|s| s.method == "POST" && s.path == "/ocsp"));
    assert!(seen
        .iter()
        .any(|s| s.method == "GET" && s.path.starts_with("/ocsp/")));
}

#[test]
fn crl_fallback_stale_crl_and_revalidation() {
    let w = world(Ocsp::Down);
    // Default policy: OCSP gives no answer, the CRL does.
    let (c, v) = w.json(&[&w.leaf("valid"), "--timeout", "2"]);
    assert_eq!(c, 0, "{v:#}");
    assert_eq!(v["certificates"][0]["revocation"]["method"], "crl");
    let (c, v) = w.json(&[&w.leaf("revoked")]);
    assert_eq!(c, 2);
    let r = &v["certificates"][0]["revocation"];
    assert_eq!(
        (
            r["status"].as_str(),
            r["method"].as_str(),
            r["reason"].as_str()
        ),
        (Some("revoked"), Some("crl"), Some("keyCompromise"))
    );
    // Both runs above read one CRL download (the disk cache is fresh).
    assert_eq!(w.http.requests("/int.crl").len(), 1);

    // Revalidation: with a cache age of 0 the next run asks with If-None-Match and gets 304.
    let (c, _) = w.json(&[
        &w.leaf("valid"),
        "--revocation",
        "crl",
        "--cache-max-age",
        "0",
    ]);
    assert_eq!(c, 0);
    let reqs = w.http.requests("/int.crl");
    assert_eq!(reqs.len(), 2);
    let inm = reqs[1]
        .headers
        .iter()
        .find(|(k, _)| k == "if-none-match")
        .map(|(_, v)| v.as_str());
    assert_eq!(inm, Some("\"crl-v1\""));

    // A stale CRL is not believed.
    let w = world(Ocsp::Down);
    w.http.body("/int.crl", &w.pki.stale_crl, None);
    let (c, v) = w.json(&[&w.leaf("valid"), "--revocation", "crl"]);
    assert_eq!(c, 3, "{v:#}");
    assert!(v["certificates"][0]["revocation"]["error"]
        .as_str()
        .unwrap()
        .contains("stale"));
    // A CRL signed by another CA (the root's CRL served as the intermediate's).
    w.http.body("/int.crl", &w.pki.root_crl, None);
    let (c, v) = w.json(&[&w.leaf("valid"), "--revocation", "crl", "--no-cache"]);
    assert_eq!(c, 3, "{v:#}");
    // Garbage instead of a CRL.
    w.http.body("/int.crl", b"<html>oops</html>", None);
    let (c, v) = w.json(&[&w.leaf("valid"), "--revocation", "crl", "--no-cache"]);
    assert_eq!(c, 3, "{v:#}");
}

fn check_prometheus_line(line: &str) -> Result<(), String> {
    if let Some(rest) = line.strip_prefix("# HELP ") {
        let (name, help) = rest.split_once(' ').ok_or("HELP without text")?;
        if !valid_metric_name(name) || help.is_empty() {
            return Err("bad HELP".into());
        }
        return Ok(());
    }
    if let Some(rest) = line.strip_prefix("# TYPE ") {
        let (name, kind) = rest.split_once(' ').ok_or("TYPE without kind")?;
        if !valid_metric_name(name)
            || !["counter", "gauge", "histogram", "summary", "untyped"].contains(&kind)
        {
            return Err("bad TYPE".into());
        }
        return Ok(());
    }
    // name{label="value",...} value
    let (name_labels, value) = line.rsplit_once(' ').ok_or("no value")?;
    value
        .parse::<f64>()
        .map_err(|_| format!("value {value:?} is not a number"))?;
    let (name, labels) = match name_labels.split_once('{') {
        Some((n, l)) => (n, Some(l.strip_suffix('}').ok_or("labels not closed")?)),
        None => (name_labels, None),
    };
    if !valid_metric_name(name) {
        return Err(format!("bad metric name {name:?}"));
    }
    if let Some(mut l) = labels {
        while !l.is_empty() {
            let (lname, rest) = l.split_once("=\"").ok_or("label without =\"")?;
            if lname.is_empty()
                || !lname.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                || lname.starts_with(|c: char| c.is_ascii_digit())
            {
                return Err(format!("bad label name {lname:?}"));
            }
            // The value runs to the next unescaped quote.
            let mut end = None;
            let mut escaped = false;
            for (i, c) in rest.char_indices() {
                match (escaped, c) {
                    (true, '\\' | '"' | 'n') => escaped = false,
                    (true, _) => return Err("bad escape".into()),
                    (false, '\\') => escaped = true,
                    (false, '"') => {
                        end = Some(i);
                        break;
                    }
                    (false, '\n') => return Err("raw newline".into()),
                    _ => {}
                }
            }
            let end = end.ok_or("label value not closed")?;
            l = &rest[end + 1..];
            l = l.strip_prefix(',').unwrap_or(l);
        }
    }
    Ok(())
}

fn valid_metric_name(n: &str) -> bool {
    !n.is_empty()
        && !n.starts_with(|c: char| c.is_ascii_digit())
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

#[test]
fn output_formats() {
    let w = world(Ocsp::Openssl);
    let files = [w.leaf("valid"), w.leaf("warn"), w.leaf("revoked")];
    // JSON: the contract's fields.
    let (c, v) = w.json(&[&files[0], &files[1], &files[2]]);
    assert_eq!(c, 2);
    assert!(v["checked_at"].as_str().unwrap().ends_with('Z'));
    for cert in v["certificates"].as_array().unwrap() {
        for field in [
            "source",
            "subject",
            "issuer",
            "serial",
            "not_before",
            "not_after",
            "days_left",
            "tax_code",
            "id_number",
            "chain",
            "revocation",
            "status",
            "problems",
        ] {
            assert!(cert.get(field).is_some(), "{field} missing");
        }
        for field in ["status", "method", "revoked_at", "reason", "error"] {
            assert!(
                cert["revocation"].get(field).is_some(),
                "revocation.{field} missing"
            );
        }
    }
    // Nagios: one line, status, summary, perfdata per certificate.
    let out = w
        .check(&["--format", "nagios", &files[0], &files[1], &files[2]])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    let line = text.trim_end();
    assert!(line.starts_with("DVC CERT CRITICAL - "), "{line}");
    let (_, perf) = line.split_once(" | ").expect("perfdata");
    // A summary first, then one per certificate, worst first, named by serial.
    let items: Vec<&str> = perf
        .split(' ')
        .filter(|i| i.starts_with("days_left_"))
        .collect();
    assert_eq!(items.len(), 3, "{perf}");
    assert!(
        perf.starts_with("certificates=3;;;0; critical=1;;;0; "),
        "{perf}"
    );
    for (item, serial) in items.iter().zip(["1006", "1002", "1001"]) {
        let (label, data) = item.split_once('=').unwrap();
        assert_eq!(label, format!("days_left_{serial}"));
        let parts: Vec<&str> = data.split(';').collect();
        assert_eq!(parts.len(), 5, "{item}");
        parts[0].parse::<i64>().unwrap();
        assert_eq!(
            (parts[1], parts[2], parts[3], parts[4]),
            ("30", "7", "", "")
        );
    }
    // Prometheus: every line follows the exposition grammar.
    let out = w
        .check(&["--format", "prometheus", &files[0], &files[1], &files[2]])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        check_prometheus_line(line).unwrap_or_else(|e| panic!("{e}: {line}"));
    }
    for metric in [
        "dvc_certificate_expiry_timestamp_seconds",
        "dvc_certificate_days_left",
        "dvc_certificate_status",
    ] {
        assert!(text.contains(&format!("# TYPE {metric} gauge")));
        assert_eq!(
            text.lines()
                .filter(|l| l.starts_with(&format!("{metric}{{")))
                .count(),
            3,
            "{metric}"
        );
    }
    assert!(text.contains("tax_code=\"0101234567\""));
    assert!(text.contains("dvc_certificate_status{serial=\"1006\""));
    // Text, in Vietnamese.
    w.check(&["--lang", "vi", &files[2]])
        .assert()
        .code(2)
        .stdout(
            predicate::str::contains("CRITICAL")
                .and(predicate::str::contains("đã bị thu hồi"))
                .and(predicate::str::contains("keyCompromise")),
        );
    w.check(&[&files[1]]).assert().code(1).stdout(
        predicate::str::contains("WARNING").and(predicate::str::contains("expires in 20 days")),
    );
}

#[test]
fn inputs_pkcs7_der_directories_stdin_and_garbage() {
    let w = world(Ocsp::Openssl);
    let dir = &w.pki.dir;
    // A PKCS#7 bundle (DER and PEM) of the leaf and its intermediate, made by OpenSSL.
    for (outform, name) in [("DER", "bundle.p7b"), ("PEM", "bundle-pem.p7c")] {
        let st = std::process::Command::new("openssl")
            .current_dir(dir)
            .args([
                "crl2pkcs7",
                "-nocrl",
                "-certfile",
                "int.pem",
                "-certfile",
                "branch.pem",
                "-outform",
                outform,
                "-out",
                name,
            ])
            .status()
            .unwrap();
        assert!(st.success());
        let p = dir.join(name);
        // The first non-CA certificate is the one checked; the intermediate is a candidate.
        let (c, v) = w.json(&[p.to_str().unwrap(), "--revocation", "none", "--no-cache"]);
        w.http.route("/int.cer", Route::Status(404, Vec::new()));
        assert_eq!(c, 0, "{name}: {v:#}");
        assert_eq!(v["certificates"][0]["tax_code"], "0301519977-029");
        w.home
            .dvc()
            .args(["cert", "show"])
            .arg(&p)
            .assert()
            .success()
            .stdout(predicate::str::contains("TP.HCM"));
    }
    // DER.
    let (c, v) = w.json(&[
        dir.join("citizen.der").to_str().unwrap(),
        "--chain",
        dir.join("int.pem").to_str().unwrap(),
    ]);
    assert_eq!(
        (c, v["certificates"][0]["id_number"].as_str()),
        (0, Some("001099012345"))
    );
    // A directory: every certificate file inside (keys and the index are skipped).
    let only = w.home.root().join("only");
    std::fs::create_dir_all(&only).unwrap();
    for n in ["valid", "branch"] {
        std::fs::copy(w.pki.leaf_pem(n), only.join(format!("{n}.pem"))).unwrap();
    }
    std::fs::write(only.join("README.txt"), "not a certificate").unwrap();
    let (c, v) = w.json(&[
        only.to_str().unwrap(),
        "--chain",
        dir.join("int.pem").to_str().unwrap(),
    ]);
    assert_eq!(c, 0, "{v:#}");
    assert_eq!(v["certificates"].as_array().unwrap().len(), 2);
    // stdin.
    w.check(&["-", "--chain", dir.join("int.pem").to_str().unwrap()])
        .write_stdin(std::fs::read(w.pki.leaf_pem("valid")).unwrap())
        .assert()
        .success()
        .stdout(predicate::str::contains("Công ty TNHH Thử Nghiệm Số"));
    // Garbage and truncated files: a clear error naming the file, UNKNOWN (3), no panic.
    let garbage = w.home.root().join("garbage.pem");
    std::fs::write(&garbage, b"\x00\x01\x02 this is not a certificate").unwrap();
    let pem = std::fs::read_to_string(w.pki.leaf_pem("valid")).unwrap();
    let truncated = w.home.root().join("truncated.pem");
    std::fs::write(&truncated, &pem[..pem.len() / 2]).unwrap();
    let cut_der = w.home.root().join("cut.der");
    let der = std::fs::read(dir.join("valid.der")).unwrap();
    std::fs::write(&cut_der, &der[..der.len() - 10]).unwrap();
    for bad in [&garbage, &truncated, &cut_der] {
        w.check(&[bad.to_str().unwrap()])
            .assert()
            .code(3)
            .stdout(predicate::str::contains(bad.display().to_string()))
            .stderr(predicate::str::contains("panicked").not());
        w.home
            .dvc()
            .args(["cert", "show"])
            .arg(bad)
            .assert()
            .code(1)
            .stderr(
                predicate::str::contains(bad.display().to_string())
                    .and(predicate::str::contains("PEM, DER or PKCS#7")),
            );
    }
    // A missing file too, alongside a good one: the good one is still reported.
    let (c, v) = w.json(&["/nonexistent/x.pem", &w.leaf("valid")]);
    assert_eq!(c, 3);
    assert_eq!(v["certificates"].as_array().unwrap().len(), 2);
}

#[test]
fn thresholds_at_and_usage_errors() {
    let w = world(Ocsp::Openssl);
    // 20 days left of a 365-day life is 5.5 %: WARNING at 10 %, OK at 5 %.
    let (c, _) = w.json(&[
        &w.leaf("warn"),
        "--warn",
        "10%",
        "--crit",
        "1%",
        "--revocation",
        "none",
    ]);
    assert_eq!(c, 1);
    let (c, _) = w.json(&[
        &w.leaf("warn"),
        "--warn",
        "5%",
        "--crit",
        "1%",
        "--revocation",
        "none",
    ]);
    assert_eq!(c, 0);
    let (c, _) = w.json(&[
        &w.leaf("crit"),
        "--warn",
        "100h",
        "--crit",
        "48h",
        "--revocation",
        "none",
    ]);
    assert_eq!(c, 1);
    // --at: the valid certificate a year from now has expired.
    let at = (time::OffsetDateTime::now_utc() + time::Duration::days(400))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let (c, v) = w.json(&[&w.leaf("valid"), "--at", &at, "--revocation", "none"]);
    assert_eq!(c, 2, "{v:#}");
    assert!(v["certificates"][0]["days_left"].as_i64().unwrap() < 0);
    // Usage errors are UNKNOWN (3), as for monitoring plugins.
    w.home.dvc().args(["cert", "check"]).assert().code(3);
    w.check(&[&w.leaf("valid"), "--warn", "soon"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("Nd"));
    w.check(&[&w.leaf("valid"), "--at", "yesterday"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("RFC 3339"));
    w.check(&[&w.leaf("valid"), "--bogus-flag"])
        .assert()
        .code(3);
    w.check(&[&w.leaf("valid"), "--format", "xml"])
        .assert()
        .code(3);
}

#[test]
fn bundled_real_roots_show_vietnamese_names() {
    let h = Home::new();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/cert/trust");
    h.dvc()
        .args(["cert", "show"])
        .arg(root.join("roots/rootcag2.pem"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "CN=RootCA chuyên dùng Chính phủ G2, O=Ban Cơ yếu Chính phủ, C=VN",
        ));
    h.dvc()
        .args(["cert", "show"])
        .arg(root.join("intermediates/cpcag2.pem"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "CA phục vụ các cơ quan Nhà nước G2",
        ));
    // Every bundled certificate decodes, with the fingerprint of SOURCES.md.
    let sources = std::fs::read_to_string(root.join("SOURCES.md")).unwrap();
    for sub in ["roots", "intermediates"] {
        for e in std::fs::read_dir(root.join(sub)).unwrap() {
            let p = e.unwrap().path();
            let out = h
                .dvc()
                .args(["cert", "show", "--json"])
                .arg(&p)
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", p.display());
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            let fp = v["sha256_fingerprint"].as_str().unwrap();
            assert!(sources.contains(fp), "{}: {fp}", p.display());
        }
    }
    // The intermediates of the national root chain to the bundled roots with no --trust.
    let out = h
        .dvc()
        .args([
            "cert",
            "check",
            "--format",
            "json",
            "--revocation",
            "none",
            "--at",
            "2025-06-01T00:00:00Z",
        ])
        .arg(root.join("intermediates/vnpt-ca-sha2.pem"))
        .arg(root.join("intermediates/viettel-ca-rs.pem"))
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    for c in v["certificates"].as_array().unwrap() {
        assert_eq!(c["chain"], "valid", "{c:#}");
    }
}
