//! The rules of `dvc cert check` as people and monitoring meet them (issue
//! 11): junk files in a directory, one status rule for exit code, nagios,
//! JSON and prometheus, trust anchors checked directly, empty directories,
//! usage errors, bounded perfdata, non-UTF-8 file names, CN-first subjects,
//! and Vietnamese output that is Vietnamese throughout.

use std::path::{Path, PathBuf};

use crate::util::http::{free_port, Route, Server};
use crate::util::pki::Pki;
use crate::util::Home;
use predicates::prelude::*;
use serde_json::Value;

struct World {
    home: Home,
    http: Server,
    pki: Pki,
}

/// A test PKI whose OCSP responder URL points at a closed port.
fn world() -> World {
    let home = Home::new();
    let http = Server::start();
    let ocsp = format!("http://127.0.0.1:{}", free_port());
    let pki = Pki::build(&home.root().join("pki"), &http.base, &ocsp);
    http.body("/int.cer", &pki.int, None);
    http.body("/int.crl", &pki.crl, None);
    http.body("/root.crl", &pki.root_crl, None);
    World { home, http, pki }
}

impl World {
    fn leaf(&self, name: &str) -> PathBuf {
        self.pki.leaf_pem(name)
    }

    fn int(&self) -> PathBuf {
        self.pki.dir.join("int.pem")
    }

    /// `dvc cert check --trust root.pem --chain int.pem --revocation none ARGS...`
    fn check<I, S>(&self, args: I) -> crate::util::Dvc
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut cmd = self.home.dvc();
        cmd.args(["cert", "check", "--revocation", "none", "--trust"])
            .arg(self.pki.dir.join("root.pem"))
            .arg("--chain")
            .arg(self.int())
            .args(args)
            .timeout(std::time::Duration::from_secs(60));
        cmd
    }

    fn run(&self, args: &[&dyn AsRef<std::ffi::OsStr>]) -> (i32, String, String) {
        let out = self
            .check(args.iter().map(|a| a.as_ref().to_os_string()))
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    fn json(&self, args: &[&dyn AsRef<std::ffi::OsStr>]) -> (i32, Value) {
        let mut full: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"--format", &"json"];
        full.extend_from_slice(args);
        let (code, out, err) = self.run(&full);
        let v =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}\n{err}"));
        (code, v)
    }
}

fn rows(v: &Value) -> &Vec<Value> {
    v["certificates"].as_array().expect("certificates")
}

fn row<'a>(v: &'a Value, source_ends_with: &str) -> &'a Value {
    rows(v)
        .iter()
        .find(|c| c["source"].as_str().unwrap().ends_with(source_ends_with))
        .unwrap_or_else(|| panic!("no row for {source_ends_with}: {v:#}"))
}

#[test]
fn junk_in_a_directory_is_its_own_unknown_row_and_hides_nothing() {
    let w = world();
    let dir = w.home.root().join("certs");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(w.leaf("valid"), dir.join("a-valid.pem")).unwrap();
    std::fs::copy(w.leaf("branch"), dir.join("b-branch.pem")).unwrap();
    // A private key where a certificate should be.
    std::fs::copy(w.pki.dir.join("valid.key"), dir.join("c-key.pem")).unwrap();
    std::fs::write(dir.join("d-empty.pem"), b"").unwrap();
    std::fs::write(
        dir.join("e-random.crt"),
        [0x8fu8, 0x13, 0xff, 0x00, 0x42, 0x99],
    )
    .unwrap();
    std::fs::write(dir.join("f-random.der"), b"\x30\x82\x05\x00garbage").unwrap();
    // A file that cannot be read at all (works as root too: it points nowhere).
    std::os::unix::fs::symlink("/nonexistent/gone.pem", dir.join("g-dangling.cer")).unwrap();
    // Not a certificate file by its name: not ours to judge.
    std::fs::write(dir.join("README.txt"), "hello").unwrap();

    let (code, v) = w.json(&[&dir]);
    assert_eq!(code, 3, "{v:#}");
    assert_eq!(v["status"], "UNKNOWN");
    assert_eq!(rows(&v).len(), 7, "{v:#}");
    for ok in ["a-valid.pem", "b-branch.pem"] {
        assert_eq!(row(&v, ok)["status"], "OK", "{v:#}");
    }
    for junk in [
        "c-key.pem",
        "d-empty.pem",
        "e-random.crt",
        "f-random.der",
        "g-dangling.cer",
    ] {
        let r = row(&v, junk);
        assert_eq!(r["status"], "UNKNOWN", "{r:#}");
        assert_eq!(
            r["problem_codes"],
            serde_json::json!(["unreadable"]),
            "{r:#}"
        );
        let text = r["problems"][0].as_str().unwrap();
        assert!(!text.contains("nom") && !text.contains("Eof"), "{text}");
    }
    assert!(row(&v, "c-key.pem")["problems"][0]
        .as_str()
        .unwrap()
        .contains("PRIVATE KEY"));
    assert!(row(&v, "e-random.crt")["problems"][0]
        .as_str()
        .unwrap()
        .contains("PEM, DER or PKCS#7"));

    // An expired certificate among the junk: CRITICAL is never masked.
    std::fs::copy(w.leaf("expired"), dir.join("h-expired.pem")).unwrap();
    let (code, v) = w.json(&[&dir]);
    assert_eq!((code, v["status"].as_str().unwrap()), (2, "CRITICAL"));
    assert_eq!(rows(&v).len(), 8);
}

#[test]
fn the_worst_status_wins_in_every_output() {
    let w = world();
    let missing = w.home.root().join("nonexistent.pem");
    let cases: [(&[&str], i32, &str); 5] = [
        (&["expired"], 2, "CRITICAL"),
        (&["expired", "-"], 2, "CRITICAL"),
        (&["warn", "-"], 1, "WARNING"),
        (&["valid", "-"], 3, "UNKNOWN"),
        (&["valid"], 0, "OK"),
    ];
    for (names, code, status) in cases {
        let mut args: Vec<PathBuf> = names
            .iter()
            .map(|n| {
                if *n == "-" {
                    missing.clone()
                } else {
                    w.leaf(n)
                }
            })
            .collect();
        args.reverse();
        for format in ["nagios", "json", "prometheus", "text", "csv", "html"] {
            let mut full: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"--format", &format];
            for a in &args {
                full.push(a);
            }
            let (c, out, err) = w.run(&full);
            assert_eq!(c, code, "{names:?} --format {format}: {out}{err}");
            match format {
                "nagios" => assert!(
                    out.starts_with(&format!("DVC CERT {status} - ")),
                    "{names:?}: {out}"
                ),
                "json" => {
                    let v: Value = serde_json::from_str(&out).unwrap();
                    assert_eq!(v["status"], status, "{names:?}");
                }
                "prometheus" => assert!(
                    out.contains(&format!("dvc_certificate_check_status {code}\n")),
                    "{names:?}: {out}"
                ),
                _ => {}
            }
        }
    }
}

#[test]
fn a_trust_anchor_checked_directly_is_ok_without_revocation() {
    let w = world();
    let (code, v) = w.json(&[&w.pki.dir.join("root.pem")]);
    assert_eq!(code, 0, "{v:#}");
    let c = &rows(&v)[0];
    assert_eq!(c["chain"], "valid");
    assert_eq!(c["status"], "OK");
    // The default revocation policy: not applicable to an anchor.
    let out = w
        .home
        .dvc()
        .args(["cert", "check", "--format", "json", "--trust"])
        .arg(w.pki.dir.join("root.pem"))
        .arg(w.pki.dir.join("root.pem"))
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{v:#}");
    assert_eq!(
        v["certificates"][0]["revocation"]["status"],
        "not_applicable"
    );
    assert_eq!(v["certificates"][0]["problem_codes"], serde_json::json!([]));
    // A bundled Vietnamese root, with the bundled anchors.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/cert/trust/roots/vnrca256.pem");
    let out = w
        .home
        .dvc()
        .args([
            "cert",
            "check",
            "--format",
            "json",
            "--at",
            "2030-01-01T00:00:00Z",
        ])
        .arg(&root)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{v:#}");
    assert_eq!(
        v["certificates"][0]["revocation"]["status"],
        "not_applicable"
    );
}

#[test]
fn an_empty_directory_is_unknown_and_cert_show_refuses_directories() {
    let w = world();
    let empty = w.home.root().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let readme_only = w.home.root().join("readme-only");
    std::fs::create_dir_all(&readme_only).unwrap();
    std::fs::write(readme_only.join("README.txt"), "no certificates here").unwrap();
    for dir in [&empty, &readme_only] {
        let (code, v) = w.json(&[dir]);
        assert_eq!(code, 3, "{v:#}");
        assert_eq!(v["status"], "UNKNOWN");
        let r = &rows(&v)[0];
        assert_eq!(r["source"], dir.display().to_string());
        assert_eq!(r["problem_codes"], serde_json::json!(["no_certificate"]));
        let (code, out, _) = w.run(&[&"--format", &"nagios", dir]);
        assert_eq!(code, 3);
        assert!(out.starts_with("DVC CERT UNKNOWN - "), "{out}");
        assert!(out.contains("no certificate found in"), "{out}");
        let (_, out, _) = w.run(&[&"--lang", &"vi", dir]);
        assert!(out.contains("không tìm thấy chứng thư nào"), "{out}");
    }
    w.home
        .dvc()
        .args(["cert", "show"])
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("is a directory").and(predicate::str::contains("cert check")),
        );
}

#[test]
fn usage_errors_are_unknown_and_say_the_real_rule() {
    let w = world();
    let leaf = w.leaf("valid");
    // --warn must not be smaller than --crit.
    let (code, _, err) = w.run(&[&leaf, &"--warn", &"7d", &"--crit", &"30d"]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("--warn 7d") && err.contains("--crit 30d"),
        "{err}"
    );
    let (code, _, err) = w.run(&[&leaf, &"--warn", &"5%", &"--crit", &"10%"]);
    assert_eq!(code, 3, "{err}");
    let (code, _, err) = w.run(&[&leaf, &"--warn", &"48h", &"--crit", &"3d"]);
    assert_eq!(code, 3, "{err}");
    // Equal is allowed; a percentage beside an absolute time is compared per certificate.
    let (code, _, err) = w.run(&[&leaf, &"--warn", &"7d", &"--crit", &"7d"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = w.run(&[&leaf, &"--warn", &"10%", &"--crit", &"30d"]);
    assert_eq!(code, 0, "{err}");
    // --timeout 0: the message states the real range.
    let (code, _, err) = w.run(&[&leaf, &"--timeout", &"0"]);
    assert_eq!(code, 3);
    assert!(
        err.contains("more than 0") && err.contains("3600") && !err.contains("between 0"),
        "{err}"
    );
    let (code, _, err) = w.run(&[&"--lang", &"vi", &leaf, &"--timeout", &"0"]);
    assert_eq!(code, 3);
    assert!(err.contains("lớn hơn 0"), "{err}");
}

#[test]
fn nagios_perfdata_stays_usable_with_many_certificates() {
    use dvc_sandbox::pki::{Ca, Key, Name, Role, Spec};
    let w = world();
    let dir = w.home.root().join("many");
    std::fs::create_dir_all(&dir).unwrap();
    // 120 certificates of their own CA (given as a second --trust): every
    // third expires in 20 days (WARNING), the others in 335.
    let ca = Ca::self_signed(
        &Spec::new(
            Role::Ca { path_len: None },
            Name::new().c("VN").cn("CA Nhiều chứng thư"),
        )
        .days(-100, 1000),
        Key::ec().unwrap(),
    )
    .unwrap();
    let ca_pem = w.home.write(
        "many-ca.pem",
        crate::util::pki::pem("CERTIFICATE", ca.der()),
    );
    let key = Key::ec().unwrap();
    let now = time::OffsetDateTime::now_utc();
    for i in 0..120u64 {
        let days = if i % 3 == 2 { 20 } else { 335 };
        let spec = Spec::new(
            Role::Leaf,
            Name::new()
                .c("VN")
                .cn(format!("Công ty {i}"))
                .uid(format!("MST:01000{i:05}")),
        )
        .serial(0x3000 + i)
        .valid(
            now - time::Duration::days(30),
            now + time::Duration::days(days) + time::Duration::hours(12),
        );
        let der = ca.issue(&spec, &key).unwrap();
        std::fs::write(
            dir.join(format!("c{i:03}.pem")),
            crate::util::pki::pem("CERTIFICATE", &der),
        )
        .unwrap();
    }
    std::fs::copy(w.leaf("expired"), dir.join("z-expired.pem")).unwrap();
    let nagios = |extra: &[&dyn AsRef<std::ffi::OsStr>]| {
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> =
            vec![&"--format", &"nagios", &"--trust", &ca_pem];
        args.extend_from_slice(extra);
        w.run(&args)
    };
    let (code, out, err) = nagios(&[&dir]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(out.lines().count(), 1);
    let (head, perf) = out.trim_end().split_once(" | ").expect("perfdata");
    assert!(
        head.starts_with("DVC CERT CRITICAL - 121 certificates"),
        "{head}"
    );
    let items: Vec<&str> = perf.split(' ').collect();
    let per_cert: Vec<&str> = items
        .iter()
        .copied()
        .filter(|i| i.starts_with("days_left_"))
        .collect();
    assert_eq!(per_cert.len(), 50, "{perf}");
    // Worst first, each named by its serial: the expired certificate
    // (serial 1004), then the WARNING ones in source order.
    assert!(per_cert[0].starts_with("days_left_1004=-"), "{perf}");
    assert!(per_cert[1].starts_with("days_left_3002=20;"), "{perf}");
    assert!(per_cert[2].starts_with("days_left_3005=20;"), "{perf}");
    for summary in [
        "certificates=121;;;0;",
        "critical=1;;;0;",
        "warning=40;;;0;",
        "unknown=0;;;0;",
        "ok=80;;;0;",
    ] {
        assert!(items.contains(&summary), "{summary} in {perf}");
    }
    assert!(
        items.iter().any(|i| i.starts_with("min_days_left=-")),
        "{perf}"
    );
    let (_, out, _) = nagios(&[&"--perfdata", &"all", &dir]);
    let n = out.matches("days_left_").count();
    assert_eq!(n, 121, "{out}");
    let (_, out, _) = nagios(&[&"--perfdata", &"5", &dir]);
    assert_eq!(out.matches("days_left_").count(), 5, "{out}");

    // A label names the certificate, not its place: given in another order,
    // each certificate keeps its label and value; the same certificate given
    // twice is one series.
    let one = |n: usize| dir.join(format!("c{n:03}.pem"));
    let series = |out: &str| -> Vec<String> {
        let mut v: Vec<String> = out
            .trim_end()
            .split(' ')
            .filter(|i| i.starts_with("days_left_"))
            .map(String::from)
            .collect();
        v.sort();
        v
    };
    let (_, a, _) = nagios(&[&one(0), &one(2), &w.leaf("expired")]);
    let (_, b, _) = nagios(&[&w.leaf("expired"), &one(2), &one(0), &one(2)]);
    assert_eq!(series(&a).len(), 3, "{a}");
    assert_eq!(series(&a), series(&b), "{a}\n{b}");
    assert!(
        series(&a)
            .iter()
            .any(|i| i.starts_with("days_left_3000=335;")),
        "{a}"
    );
    // Two CAs gave the same serial: the fingerprint tells them apart.
    let twin = ca
        .issue(
            &Spec::new(Role::Leaf, Name::new().c("VN").cn("Serial trùng"))
                .serial(0x1001)
                .days(-10, 100),
            &key,
        )
        .unwrap();
    let twin = w
        .home
        .write("twin.pem", crate::util::pki::pem("CERTIFICATE", &twin));
    let (_, out, _) = nagios(&[&w.leaf("valid"), &twin]);
    let labels: Vec<String> = series(&out)
        .iter()
        .map(|i| i.split('=').next().unwrap().to_string())
        .collect();
    assert_eq!(labels.len(), 2, "{out}");
    assert_ne!(labels[0], labels[1], "{out}");
    for l in &labels {
        let suffix = l.strip_prefix("days_left_1001_").expect(l);
        assert!(
            suffix.len() == 8 && suffix.chars().all(|c| c.is_ascii_hexdigit()),
            "{out}"
        );
    }
}

#[test]
fn non_utf8_file_names_are_paths() {
    use std::os::unix::ffi::OsStrExt;
    let w = world();
    let dir = w.home.root().join("zip");
    std::fs::create_dir_all(&dir).unwrap();
    // "Công ty.pem" as a CP1258 zip file names it: 0xF4 is ô.
    let name = std::ffi::OsStr::from_bytes(b"C\xf4ng ty.pem");
    let file = dir.join(name);
    std::fs::copy(w.leaf("valid"), &file).unwrap();
    let (code, v) = w.json(&[&file]);
    assert_eq!(code, 0, "{v:#}");
    assert!(rows(&v)[0]["source"]
        .as_str()
        .unwrap()
        .ends_with("ng ty.pem"));
    let (code, v) = w.json(&[&dir]);
    assert_eq!(code, 0, "{v:#}");
    w.home
        .dvc()
        .args(["cert", "show"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("0101234567"));
    // A bad, non-UTF-8 argument elsewhere is a usage error, not a panic.
    w.home
        .dvc()
        .args(["cert", "check", "--warn"])
        .arg(std::ffi::OsStr::from_bytes(b"\xff7d"))
        .arg(&file)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn text_shows_subjects_cn_first_and_json_keeps_rfc_4514() {
    let w = world();
    let leaf = w.leaf("valid");
    let out = w
        .home
        .dvc()
        .args(["cert", "show"])
        .arg(&leaf)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Subject                CN=Công ty TNHH Thử Nghiệm Số, UID=MST:0101234567, L=Hà Nội, C=VN\n"),
        "{text}"
    );
    let out = w
        .home
        .dvc()
        .args(["cert", "show", "--json"])
        .arg(&leaf)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // rcgen writes the CN first, so RFC 4514 (last RDN first) puts it last.
    assert_eq!(
        v["subject"],
        "UID=MST:0101234567, L=Hà Nội, C=VN, CN=Công ty TNHH Thử Nghiệm Số"
    );
}

/// No English word of the status vocabulary in Vietnamese output.
fn assert_vietnamese(text: &str) {
    for english in [
        " incomplete",
        " invalid",
        " untrusted",
        " error",
        " stale",
        "not_checked",
        " not found",
        "cannot",
        "the chain",
        "connect",
    ] {
        assert!(
            !text.contains(english),
            "{english:?} in Vietnamese output:\n{text}"
        );
    }
}

/// `dvc --lang vi cert check --timeout 2 --revocation ocsp --trust root.pem ARGS`:
/// the exit code, the whole text, and the text without the lines naming files.
fn check_vi(w: &World, args: &[&dyn AsRef<std::ffi::OsStr>]) -> (i32, String, String) {
    let mut cmd = w.home.dvc();
    cmd.args(["--lang", "vi", "cert", "check", "--timeout", "2"])
        .args(["--revocation", "ocsp", "--trust"])
        .arg(w.pki.dir.join("root.pem"));
    for a in args {
        cmd.arg(a);
    }
    let out = cmd.output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let dir = w.pki.dir.display().to_string();
    let body = text
        .lines()
        .filter(|l| !l.contains(&dir))
        .collect::<Vec<_>>()
        .join("\n");
    (out.status.code().unwrap_or(-1), text, body)
}

#[test]
fn vietnamese_output_is_vietnamese_throughout() {
    let w = world();
    // An incomplete chain (no intermediate, no AIA download) and a responder that is down.
    w.http
        .route("/int.cer", Route::Status(404, b"gone".to_vec()));
    let (code, text, body) = check_vi(&w, &[&"--no-cache", &w.leaf("valid")]);
    assert_eq!(code, 3, "{text}");
    assert!(text.contains("chuỗi") && text.contains("chưa đủ"), "{text}");
    assert_vietnamese(&body);
    // The OCSP outage, with the chain complete.
    let (code, text, body) = check_vi(&w, &[&"--chain", &w.int(), &w.leaf("valid")]);
    assert_eq!(code, 3, "{text}");
    assert!(text.contains("thu hồi"), "{text}");
    assert_vietnamese(&body);
    // A file that is not a certificate, in Vietnamese.
    let junk = w.home.root().join("junk.crt");
    std::fs::write(&junk, b"\x01\x02\x03").unwrap();
    let out = w
        .home
        .dvc()
        .args(["--lang", "vi", "cert", "show"])
        .arg(&junk)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("không phải chứng thư"), "{err}");
    assert_vietnamese(&err.replace(&*junk.display().to_string(), ""));
}

/// `dvc cert check` of the machine's real files never panics.
#[test]
fn no_panic_on_odd_sources() {
    let w = world();
    for source in [
        Path::new("/dev/null"),
        Path::new("/"),
        Path::new("/proc/self/status"),
    ] {
        w.check([source])
            .assert()
            .stderr(predicate::str::contains("panicked").not());
    }
}
