//! Reports people read (issue 14 §3): `dvc cert check --format csv` read
//! back by Python's `csv` module field by field, and `--format html`
//! rendered by a real headless Chromium (DOM, screenshot and PDF written to
//! `target/test-artifacts/`). Without Chromium the browser part is skipped
//! with a notice, unless `DVC_REQUIRE_CHROMIUM=1`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration as StdDuration, Instant};

use crate::util::{pki, Home};
use dvc_sandbox::pki::{Ca, Key, Name, Role, Spec};
use serde_json::Value;
use time::{Duration, OffsetDateTime};

fn pem(der: &[u8]) -> String {
    pki::pem("CERTIFICATE", der)
}

/// One certificate of the report: file, common name, UID, days left.
struct Row {
    file: &'static str,
    cn: &'static str,
    uid: &'static str,
    days: i64,
    serial: u16,
}

const ROWS: [Row; 4] = [
    Row {
        file: "a.pem",
        cn: "Công ty TNHH \"Hoa Sen\", Chi nhánh Hà Nội",
        uid: "MST:0101234567",
        days: 20,
        serial: 0x2001,
    },
    Row {
        file: "b.pem",
        cn: "<script>alert('x')</script> & Co",
        uid: "MST:0102000001",
        days: 200,
        serial: 0x2002,
    },
    Row {
        file: "c.pem",
        cn: "=HYPERLINK(\"http://evil.example\")",
        uid: "MST:0102000002",
        days: -5,
        serial: 0x2003,
    },
    Row {
        file: "d.pem",
        cn: "Nguyễn Thị Hồng",
        uid: "CCCD:001099012345",
        days: 3,
        serial: 0x2004,
    },
];

struct World {
    home: Home,
    dir: PathBuf,
    /// The check time, fixed so that two runs print the same report.
    at: String,
    not_after: Vec<OffsetDateTime>,
}

fn world() -> World {
    let home = Home::new();
    let dir = home.root().join("pki");
    let certs = dir.join("certs");
    std::fs::create_dir_all(&certs).unwrap();
    let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
    let root = Ca::self_signed(
        &Spec::new(
            Role::Ca { path_len: None },
            Name::new().c("VN").cn("CA Thử nghiệm, Hà Nội"),
        )
        .serial_bytes(&[1])
        .valid(now - Duration::days(1000), now + Duration::days(3000)),
        Key::ec().unwrap(),
    )
    .unwrap();
    std::fs::write(dir.join("root.pem"), pem(root.der())).unwrap();
    let mut not_after = Vec::new();
    for r in &ROWS {
        let until = now + Duration::days(r.days) + Duration::hours(12);
        let spec = Spec::new(Role::Leaf, Name::new().c("VN").cn(r.cn).uid(r.uid))
            .serial_bytes(&r.serial.to_be_bytes())
            .valid(now - Duration::days(365), until);
        not_after.push(until);
        let der = root.issue(&spec, &Key::ec().unwrap()).unwrap();
        std::fs::write(certs.join(r.file), pem(&der)).unwrap();
    }
    std::fs::write(certs.join("e-junk.crt"), b"\x00\x01 junk").unwrap();
    let at = now
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    World {
        home,
        dir,
        at,
        not_after,
    }
}

impl World {
    /// `dvc [--lang LANG] cert check certs --trust root.pem --revocation none --at AT ARGS`
    fn check(&self, lang: &str, args: &[&str]) -> (i32, Vec<u8>) {
        let out = self
            .home
            .dvc()
            .current_dir(&self.dir)
            .args([
                "--lang", lang, "cert", "check", "certs", "--trust", "root.pem",
            ])
            .args(["--revocation", "none", "--at", &self.at])
            .args(args)
            .output()
            .unwrap();
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("panicked"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code().unwrap_or(-1), out.stdout)
    }
}

/// The CSV file as Python's `csv` module reads it: BOM, then rows.
fn python_csv(path: &Path) -> (bool, Vec<Vec<String>>) {
    let script = r#"
import csv, json, sys
raw = open(sys.argv[1], 'rb').read()
bom = raw.startswith(b'\xef\xbb\xbf')
rows = list(csv.reader(raw.decode('utf-8-sig').splitlines(keepends=True)))
print(json.dumps({"bom": bom, "crlf": b'\r\n' in raw, "rows": rows}))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(path)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["crlf"], true, "RFC 4180 line ends");
    let rows = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    (v["bom"].as_bool().unwrap(), rows)
}

fn spreadsheet_time(t: OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[test]
fn csv_is_read_back_by_python_field_by_field() {
    let w = world();
    std::fs::create_dir(w.dir.join("out")).unwrap();
    let (code, out) = w.check("en", &["--format", "csv", "--output", "out/report.csv"]);
    assert_eq!(code, 2);
    assert!(out.is_empty(), "--output writes nothing to stdout");
    let (bom, rows) = python_csv(&w.dir.join("out/report.csv"));
    assert!(bom, "UTF-8 with a byte order mark, for Excel");
    assert_eq!(
        rows[0],
        [
            "Company / holder",
            "Tax code / ID",
            "Issuing CA",
            "Serial",
            "Valid until (UTC)",
            "Days left",
            "Status",
            "Token / source",
            "Problems",
            "URI / path"
        ]
    );
    assert_eq!(rows.len(), 1 + ROWS.len() + 1, "{rows:#?}");
    let expect = [
        (
            "Công ty TNHH \"Hoa Sen\", Chi nhánh Hà Nội",
            "0101234567",
            "2001",
            "20",
            "WARNING",
            "expires in 20 days",
        ),
        (
            "<script>alert('x')</script> & Co",
            "0102000001",
            "2002",
            "200",
            "OK",
            "",
        ),
        (
            // A formula is never run by the spreadsheet.
            "'=HYPERLINK(\"http://evil.example\")",
            "0102000002",
            "2003",
            // Expired 4 days and 12 hours ago: rounded down, negative.
            "-5",
            "CRITICAL",
            "expired on",
        ),
        (
            "Nguyễn Thị Hồng",
            "001099012345",
            "2004",
            "3",
            "CRITICAL",
            "expires in 3 days",
        ),
    ];
    for (i, (company, id, serial, days, status, problem)) in expect.iter().enumerate() {
        let row = &rows[i + 1];
        assert_eq!(row.len(), 10, "{row:?}");
        assert_eq!(row[0], *company);
        assert_eq!(row[1], *id);
        assert_eq!(row[2], "CA Thử nghiệm, Hà Nội");
        assert_eq!(row[3], *serial);
        assert_eq!(row[4], spreadsheet_time(w.not_after[i]));
        assert_eq!(row[5], *days);
        assert_eq!(row[6], *status);
        assert_eq!(row[7], format!("certs/{}", ROWS[i].file));
        assert_eq!(row[9], format!("certs/{}", ROWS[i].file));
        if problem.is_empty() {
            assert_eq!(row[8], "");
        } else {
            assert!(row[8].contains(problem), "{row:?}");
        }
    }
    let junk = &rows[5];
    assert_eq!(
        (junk[0].as_str(), junk[6].as_str(), junk[7].as_str()),
        ("", "UNKNOWN", "certs/e-junk.crt")
    );
    assert!(junk[8].contains("not a certificate"), "{junk:?}");
    // In Vietnamese: headers and problems, same machine columns.
    let (_, out) = w.check("vi", &["--format", "csv"]);
    assert!(out.starts_with(b"\xef\xbb\xbf"));
    std::fs::write(w.dir.join("vi.csv"), &out).unwrap();
    let (_, vi) = python_csv(&w.dir.join("vi.csv"));
    assert_eq!(vi[0][0], "Doanh nghiệp / người giữ");
    assert!(vi[1][8].contains("hết hạn sau 20 ngày"), "{:?}", vi[1]);
    for (en, vi) in rows.iter().zip(&vi).skip(1) {
        assert_eq!(en[..8], vi[..8]);
    }
}

/// Chromium, when installed.
pub(crate) fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Runs headless Chromium with the flags for a root, sandboxless container;
/// returns stdout. Killed after a minute.
pub(crate) fn run_chromium(chromium: &Path, profile: &Path, args: &[String]) -> String {
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium");
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > StdDuration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium {args:?} did not finish in 60 s");
        }
        std::thread::sleep(StdDuration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn html_is_one_safe_page_that_chromium_renders() {
    let w = world();
    let (code, page) = w.check("vi", &["--format", "html"]);
    assert_eq!(code, 2);
    let (code, _) = w.check("vi", &["--format", "html", "--output", "report.html"]);
    assert_eq!(code, 2);
    let file = w.dir.join("report.html");
    let written = std::fs::read(&file).unwrap();
    assert_eq!(written, page, "the same page on stdout and in --output");
    let page = String::from_utf8(page).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"));
    // Self-contained and without scripts: no external asset, no JavaScript.
    for needle in [
        "<script",
        "src=",
        "href=",
        "url(",
        "@import",
        "<link",
        "javascript:",
    ] {
        assert!(!page.contains(needle), "{needle} in the page");
    }
    // Escaped everywhere, in the table and in the SVG titles.
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"));
    for words in [
        "Báo cáo chứng thư số",
        "Dòng thời gian hết hạn",
        "Nghiêm trọng",
        "Cảnh báo",
        "Không rõ",
        "@page { size: A4",
        "@media print",
    ] {
        assert!(page.contains(words), "{words}");
    }
    // The table, fewest days left first (the unreadable file before every date).
    let order: Vec<&str> = page
        .split("<tr class=\"")
        .skip(1)
        .filter_map(|r| r.split("data-status=\"").nth(1))
        .filter_map(|r| r.split('"').next())
        .collect();
    assert_eq!(order, ["UNKNOWN", "CRITICAL", "CRITICAL", "WARNING", "OK"]);
    let en = String::from_utf8(w.check("en", &["--format", "html"]).1).unwrap();
    assert!(en.contains("<html lang=\"en\">") && en.contains("Expiry timeline"));

    let Some(chromium) = chromium() else {
        assert!(
            std::env::var("DVC_REQUIRE_CHROMIUM").as_deref() != Ok("1"),
            "DVC_REQUIRE_CHROMIUM=1 but Chromium is not installed (apt-get install chromium)"
        );
        eprintln!("notice: Chromium not found: the HTML report was not rendered (apt-get install chromium)");
        return;
    };
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", file.display());
    let dom = run_chromium(
        &chromium,
        profile.path(),
        &["--dump-dom".into(), url.clone()],
    );
    assert!(dom.contains("<svg"), "{dom}");
    assert_eq!(
        dom.matches("<circle class=\"mark").count(),
        ROWS.len(),
        "{dom}"
    );
    assert_eq!(
        dom.matches("<tr class=\"s-").count(),
        ROWS.len() + 1,
        "{dom}"
    );
    assert!(
        !dom.contains("<script>alert"),
        "the subject did not inject markup"
    );
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let png = artifacts.join("cert-report.png");
    let pdf = artifacts.join("cert-report.pdf");
    let _ = std::fs::remove_file(&png);
    let _ = std::fs::remove_file(&pdf);
    run_chromium(
        &chromium,
        profile.path(),
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1240,1754".into(),
            url.clone(),
        ],
    );
    let shot = std::fs::read(&png).expect("the screenshot");
    assert!(shot.starts_with(b"\x89PNG\r\n\x1a\n") && shot.len() > 10_000);
    run_chromium(
        &chromium,
        profile.path(),
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
            url,
        ],
    );
    let doc = std::fs::read(&pdf).expect("the PDF");
    assert!(doc.starts_with(b"%PDF"));
    // A4 pages (@page): 595 x 842 points.
    let text = String::from_utf8_lossy(&doc);
    let media = text
        .split("MediaBox [0 0 ")
        .nth(1)
        .and_then(|r| r.split(']').next())
        .expect("a MediaBox");
    let size: Vec<f64> = media
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(
        (size[0] - 595.0).abs() < 1.5 && (size[1] - 842.0).abs() < 1.5,
        "not A4: {media}"
    );
    println!("report artifacts: {} {}", png.display(), pdf.display());
}
