//! CRL benchmark: builds a CRL with N revoked entries (signed by a fresh EC
//! CA, with the sandbox's PKI builder), then measures dvc's parse + index +
//! signature check and 1000 lookups, and the peak RSS against the CRL's size.
//!
//! ```sh
//! cargo run --release --example bench_crl -- 500000
//! ```

use std::time::Instant;

use dvc_sandbox::pki::{Ca, Crl, Key, Name, Revoked, Role, Spec};
use time::{Duration, OffsetDateTime};

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("measure") {
        return measure(&args[2], &args[3]);
    }
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(500_000);
    let now = OffsetDateTime::now_utc();
    let ca = Ca::self_signed(
        &Spec::new(Role::Ca { path_len: None }, Name::new().cn("Bench CRL CA")),
        Key::ec().unwrap(),
    )
    .unwrap();
    let ca_der = ca.der().to_vec();
    let mut list = Crl::new(now, now + Duration::days(7));
    list.revoked = (0..n)
        .map(|i| Revoked {
            serial: serial(i),
            at: now - Duration::days(1 + (i % 900) as i64),
            reason: (i % 3 == 0).then(|| "superseded".to_string()),
        })
        .collect();
    let crl = ca.crl(&list).unwrap();
    // Measure in a fresh process, so the peak RSS is dvc's alone.
    let dir = tempfile::tempdir().unwrap();
    let (crl_path, ca_path) = (dir.path().join("big.crl"), dir.path().join("ca.der"));
    std::fs::write(&crl_path, &crl).unwrap();
    std::fs::write(&ca_path, &ca_der).unwrap();
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "measure",
            crl_path.to_str().unwrap(),
            ca_path.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
}

fn serial(i: usize) -> Vec<u8> {
    (0x0100_0000_0000u64 + (i as u64) * 7919).to_be_bytes()[2..].to_vec()
}

fn measure(crl_path: &str, ca_path: &str) {
    let ca_der = std::fs::read(ca_path).unwrap();
    let base_rss = peak_rss_kib();
    let t0 = Instant::now();
    let crl = std::fs::read(crl_path).unwrap();
    let size = crl.len();
    let parsed = dvc::cert::crl::Crl::parse(crl).expect("parse");
    let t_parse = t0.elapsed();
    parsed.verify(&ca_der).expect("signature");
    let t_verify = t0.elapsed();
    let mut hits = 0;
    for i in 0..1000 {
        // Half revoked serials, half unknown ones.
        let s = if i % 2 == 0 {
            serial(i * 499)
        } else {
            (0x0200_0000_0000u64 + i as u64).to_be_bytes()[2..].to_vec()
        };
        if parsed.lookup(&s).is_some() {
            hits += 1;
        }
    }
    let t_all = t0.elapsed();
    assert_eq!(hits, 500);
    let rss = peak_rss_kib();
    println!(
        "CRL with {} entries, {:.1} MiB: read+parse+index {:.0} ms, + signature {:.0} ms, + 1000 lookups {:.0} ms total (goal <= 500 ms); \
peak RSS {:.1} MiB ({:.1} MiB at start) = {:.2}x the CRL size (goal <= 4x)",
        parsed.len(),
        size as f64 / 1048576.0,
        t_parse.as_secs_f64() * 1000.0,
        t_verify.as_secs_f64() * 1000.0,
        t_all.as_secs_f64() * 1000.0,
        rss as f64 / 1024.0,
        base_rss as f64 / 1024.0,
        rss as f64 * 1024.0 / size as f64
    );
}
