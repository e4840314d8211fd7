//! Chain building as careful as rustls-webpki, with hostile input: many CAs
//! with one name that certify each other, a loop, pathLenConstraint,
//! unknown critical extensions, CA flag and keyCertSign, SHA-1 before and
//! after 2017, expired CAs and anchors, and cRLSign on a CRL's issuer.

use std::path::{Path, PathBuf};
use std::time::{Duration as StdDuration, Instant};

use crate::util::http::Server;
use crate::util::{pki, Home};
use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, CrlDistributionPoint,
    CustomExtension, DnType, IsCa, Issuer, KeyIdMethod, KeyPair, KeyUsagePurpose, SerialNumber,
};
use serde_json::Value;
use time::{Duration, OffsetDateTime};

fn pem(der: &[u8]) -> String {
    pki::pem("CERTIFICATE", der)
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// A certificate's parameters: a name, a serial, validity around now.
fn params(cn: &str, serial: u32, days: (i64, i64)) -> CertificateParams {
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    p.distinguished_name.push(DnType::CountryName, "VN");
    p.distinguished_name.push(DnType::CommonName, cn);
    p.serial_number = Some(SerialNumber::from_slice(&serial.to_be_bytes()));
    p.not_before = now() + Duration::days(days.0);
    p.not_after = now() + Duration::days(days.1);
    p.use_authority_key_identifier_extension = true;
    p
}

fn ca(cn: &str, serial: u32, days: (i64, i64), path_len: Option<u8>) -> CertificateParams {
    let mut p = params(cn, serial, days);
    p.is_ca = IsCa::Ca(match path_len {
        Some(n) => BasicConstraints::Constrained(n),
        None => BasicConstraints::Unconstrained,
    });
    p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    p
}

fn leaf(cn: &str, serial: u32) -> CertificateParams {
    let mut p = params(cn, serial, (-10, 300));
    p.distinguished_name.push(
        DnType::CustomDnType(vec![0, 9, 2342, 19200300, 100, 1, 1]),
        "MST:0101234567",
    );
    p.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    p
}

/// A root: its certificate and an issuer made of it.
fn root(cn: &str, days: (i64, i64)) -> (Vec<u8>, Issuer<'static, KeyPair>) {
    let key = KeyPair::generate().unwrap();
    let mut p = ca(cn, 1, days, None);
    p.use_authority_key_identifier_extension = false;
    let der = p.self_signed(&key).unwrap().der().to_vec();
    (der, Issuer::new(p, key))
}

/// Issues `p` with a new key; returns the DER and an issuer made of it.
fn issue(p: CertificateParams, by: &Issuer<'_, KeyPair>) -> (Vec<u8>, Issuer<'static, KeyPair>) {
    let key = KeyPair::generate().unwrap();
    let der = p.signed_by(&key, by).unwrap().der().to_vec();
    (der, Issuer::new(p, key))
}

struct Case {
    home: Home,
    dir: PathBuf,
}

impl Case {
    fn new() -> Case {
        let home = Home::new();
        let dir = home.root().join("pki");
        std::fs::create_dir_all(&dir).unwrap();
        Case { home, dir }
    }

    fn write(&self, name: &str, ders: &[&[u8]]) -> PathBuf {
        let text: String = ders.iter().map(|d| pem(d)).collect();
        let p = self.dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    /// `dvc cert check --format json --trust ROOT ARGS`: exit code and the first row.
    fn check(&self, trust: &Path, args: &[&dyn AsRef<std::ffi::OsStr>]) -> (i32, Value) {
        let mut cmd = self.home.dvc();
        cmd.args(["cert", "check", "--format", "json", "--no-cache", "--trust"])
            .arg(trust);
        for a in args {
            cmd.arg(a);
        }
        let out = cmd.timeout(StdDuration::from_secs(120)).output().unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{e}: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        (
            out.status.code().unwrap_or(-1),
            v["certificates"][0].clone(),
        )
    }
}

fn problems(row: &Value) -> String {
    row["problems"].to_string()
}

#[test]
fn fifty_same_name_cas_that_certify_each_other_do_not_explode() {
    let c = Case::new();
    let (anchor, _) = root("Gốc Không Liên Quan", (-100, 3000));
    let anchor = c.write("anchor.pem", &[&anchor]);
    // Eight keys, one name; every key certifies every other: 56 CA
    // certificates and, without budgets, 7! paths of 8 CAs to try.
    let keys: Vec<KeyPair> = (0..8).map(|_| KeyPair::generate().unwrap()).collect();
    let name = "CA Trùng Tên";
    let issuers: Vec<Issuer<'_, &KeyPair>> = keys
        .iter()
        .map(|k| Issuer::new(ca(name, 2, (-100, 3000), None), k))
        .collect();
    let mut mesh = Vec::new();
    let mut serial = 100;
    for (i, key) in keys.iter().enumerate() {
        for (j, by) in issuers.iter().enumerate() {
            if i != j {
                serial += 1;
                mesh.push(
                    ca(name, serial, (-100, 3000), None)
                        .signed_by(key, by)
                        .unwrap()
                        .der()
                        .to_vec(),
                );
            }
        }
    }
    assert!(mesh.len() >= 50);
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = leaf("Công ty Bị Bao Vây", 7)
        .signed_by(&leaf_key, &issuers[0])
        .unwrap()
        .der()
        .to_vec();
    let mut bundle: Vec<&[u8]> = vec![&leaf];
    bundle.extend(mesh.iter().map(|d| d.as_slice()));
    let bundle = c.write("bundle.pem", &bundle);
    let start = Instant::now();
    let (code, row) = c.check(&anchor, &[&bundle]);
    let took = start.elapsed();
    assert_eq!(code, 2, "{row:#}");
    assert_eq!(row["chain"], "invalid", "{row:#}");
    assert!(problems(&row).contains("signature checks"), "{row:#}");
    assert!(took < StdDuration::from_secs(10), "took {took:?}");

    // The same CAs as a directory, each file checked with all of them as --chain.
    let dir = c.dir.join("mesh");
    std::fs::create_dir_all(&dir).unwrap();
    for (n, der) in mesh.iter().enumerate() {
        std::fs::write(dir.join(format!("ca{n:02}.pem")), pem(der)).unwrap();
    }
    std::fs::write(dir.join("leaf.pem"), pem(&leaf)).unwrap();
    let all = c.write(
        "all.pem",
        &mesh.iter().map(|d| d.as_slice()).collect::<Vec<_>>(),
    );
    let start = Instant::now();
    let out = c
        .home
        .dvc()
        .args([
            "cert",
            "check",
            "--format",
            "json",
            "--revocation",
            "none",
            "--trust",
        ])
        .arg(&anchor)
        .arg("--chain")
        .arg(&all)
        .arg(&dir)
        .timeout(StdDuration::from_secs(120))
        .output()
        .unwrap();
    let took = start.elapsed();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["certificates"].as_array().unwrap().len(), mesh.len() + 1);
    assert!(took < StdDuration::from_secs(30), "took {took:?}");
}

#[test]
fn a_loop_of_two_cas_ends_as_a_loop() {
    let c = Case::new();
    let (anchor, _) = root("Gốc Khác", (-100, 3000));
    let anchor = c.write("anchor.pem", &[&anchor]);
    let (ka, kb) = (KeyPair::generate().unwrap(), KeyPair::generate().unwrap());
    let ia = Issuer::new(ca("CA Vòng A", 2, (-100, 3000), None), &ka);
    let ib = Issuer::new(ca("CA Vòng B", 3, (-100, 3000), None), &kb);
    // A is certified by B, B by A.
    let a = ca("CA Vòng A", 2, (-100, 3000), None)
        .signed_by(&ka, &ib)
        .unwrap();
    let b = ca("CA Vòng B", 3, (-100, 3000), None)
        .signed_by(&kb, &ia)
        .unwrap();
    let lk = KeyPair::generate().unwrap();
    let l = leaf("Công ty Vòng Lặp", 9).signed_by(&lk, &ia).unwrap();
    let bundle = c.write("loop.pem", &[l.der(), a.der(), b.der()]);
    let start = Instant::now();
    let (code, row) = c.check(&anchor, &[&bundle, &"--revocation", &"none"]);
    assert!(start.elapsed() < StdDuration::from_secs(10));
    assert_eq!(code, 3, "{row:#}");
    assert_eq!(row["chain"], "incomplete", "{row:#}");
    assert!(problems(&row).contains("loop"), "{row:#}");
}

#[test]
fn path_length_constraint_is_enforced() {
    let c = Case::new();
    let (root_der, root_issuer) = root("Gốc Độ Dài", (-100, 3000));
    let anchor = c.write("anchor.pem", &[&root_der]);
    for (path_len, valid) in [(0u8, false), (1u8, true)] {
        let (ca1, ca1_issuer) = issue(
            ca("CA Tầng Một", 2, (-50, 2000), Some(path_len)),
            &root_issuer,
        );
        let (ca2, ca2_issuer) = issue(ca("CA Tầng Hai", 3, (-50, 2000), Some(0)), &ca1_issuer);
        let (l, _) = issue(leaf("Công ty Tầng Ba", 4), &ca2_issuer);
        let bundle = c.write(&format!("len{path_len}.pem"), &[&l, &ca2, &ca1]);
        let (code, row) = c.check(&anchor, &[&bundle, &"--revocation", &"none"]);
        if valid {
            assert_eq!((code, row["chain"].as_str()), (0, Some("valid")), "{row:#}");
        } else {
            assert_eq!(
                (code, row["chain"].as_str()),
                (2, Some("invalid")),
                "{row:#}"
            );
            assert!(
                problems(&row).contains("CA Tầng Một allows a path length of at most 0 below it"),
                "{row:#}"
            );
        }
    }
}

#[test]
fn unknown_critical_extensions_make_the_chain_invalid_and_are_named() {
    let c = Case::new();
    let (root_der, root_issuer) = root("Gốc Mở Rộng", (-100, 3000));
    let anchor = c.write("anchor.pem", &[&root_der]);
    let oid = [1, 3, 6, 1, 4, 1, 99999, 7];
    let ext = |critical: bool| {
        let mut e = CustomExtension::from_oid_content(&oid, vec![0x05, 0x00]);
        e.set_criticality(critical);
        e
    };
    let (int, int_issuer) = issue(ca("CA Bình Thường", 2, (-50, 2000), None), &root_issuer);
    // On the leaf.
    for critical in [true, false] {
        let mut p = leaf("Công ty Mở Rộng", 5);
        p.custom_extensions = vec![ext(critical)];
        let (l, _) = issue(p, &int_issuer);
        let bundle = c.write("leaf-ext.pem", &[&l, &int]);
        let (code, row) = c.check(&anchor, &[&bundle, &"--revocation", &"none"]);
        if critical {
            assert_eq!(row["chain"], "invalid", "{row:#}");
            assert_eq!(code, 2);
            assert!(problems(&row).contains("1.3.6.1.4.1.99999.7"), "{row:#}");
        } else {
            assert_eq!((code, row["chain"].as_str()), (0, Some("valid")), "{row:#}");
        }
    }
    // On an intermediate.
    let mut p = ca("CA Lạ", 3, (-50, 2000), None);
    p.custom_extensions = vec![ext(true)];
    let (odd, odd_issuer) = issue(p, &root_issuer);
    let (l, _) = issue(leaf("Công ty Dưới CA Lạ", 6), &odd_issuer);
    let bundle = c.write("int-ext.pem", &[&l, &odd]);
    let (_, row) = c.check(&anchor, &[&bundle, &"--revocation", &"none"]);
    assert_eq!(row["chain"], "invalid", "{row:#}");
    assert!(
        problems(&row).contains("CA Lạ has a critical extension 1.3.6.1.4.1.99999.7"),
        "{row:#}"
    );
}

#[test]
fn issuers_must_be_cas_allowed_to_sign_certificates() {
    let c = Case::new();
    let (root_der, root_issuer) = root("Gốc Quyền", (-100, 3000));
    let anchor = c.write("anchor.pem", &[&root_der]);
    // Not a CA at all.
    let mut p = params("Không Phải CA", 2, (-50, 2000));
    p.key_usages = vec![KeyUsagePurpose::KeyCertSign];
    let (not_ca, not_ca_issuer) = issue(p, &root_issuer);
    // A CA whose key usage lacks keyCertSign.
    let mut p = ca("CA Thiếu Quyền", 3, (-50, 2000), None);
    p.key_usages = vec![KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    let (no_sign, no_sign_issuer) = issue(p, &root_issuer);
    for (int, issuer, words) in [
        (&not_ca, &not_ca_issuer, "is not a CA certificate"),
        (&no_sign, &no_sign_issuer, "may not sign certificates"),
    ] {
        let (l, _) = issue(leaf("Công ty Thử Quyền", 8), issuer);
        let bundle = c.write("bundle.pem", &[&l, int]);
        let (code, row) = c.check(&anchor, &[&bundle, &"--revocation", &"none"]);
        assert_eq!(
            (code, row["chain"].as_str()),
            (2, Some("invalid")),
            "{row:#}"
        );
        assert!(problems(&row).contains(words), "{row:#}");
    }
}

#[test]
fn a_chain_through_an_expired_ca_is_not_valid() {
    let c = Case::new();
    let (root_der, root_issuer) = root("Gốc Còn Hạn", (-4000, 3000));
    let anchor = c.write("anchor.pem", &[&root_der]);
    // An intermediate that expired 10 days ago, kept for its old certificates.
    let (old, old_issuer) = issue(ca("CA Đã Hết Hạn", 2, (-2000, -10), None), &root_issuer);
    let mut p = leaf("Công ty Dưới CA Hết Hạn", 3);
    p.not_before = now() - Duration::days(1000);
    p.not_after = now() + Duration::days(100);
    let (l, _) = issue(p, &old_issuer);
    let bundle = c.write("old.pem", &[&l, &old]);
    let (code, row) = c.check(&anchor, &[&bundle, &"--revocation", &"none"]);
    assert_eq!(
        (code, row["chain"].as_str()),
        (2, Some("invalid")),
        "{row:#}"
    );
    assert!(
        problems(&row).contains("CA Đã Hết Hạn expired on"),
        "{row:#}"
    );
    // Before it expired, the same chain was valid.
    let at = (now() - Duration::days(20))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let (code, row) = c.check(&anchor, &[&bundle, &"--revocation", &"none", &"--at", &at]);
    assert_eq!((code, row["chain"].as_str()), (0, Some("valid")), "{row:#}");
    // An expired anchor is no path to a valid chain either.
    let (old_root, old_root_issuer) = root("Gốc Đã Hết Hạn", (-4000, -1));
    let old_anchor = c.write("old-anchor.pem", &[&old_root]);
    let (int, int_issuer) = issue(ca("CA Dưới Gốc Cũ", 4, (-100, 100), None), &old_root_issuer);
    let (l, _) = issue(leaf("Công ty Dưới Gốc Cũ", 5), &int_issuer);
    let bundle = c.write("old-root.pem", &[&l, &int]);
    let (code, row) = c.check(&old_anchor, &[&bundle, &"--revocation", &"none"]);
    assert_eq!(
        (code, row["chain"].as_str()),
        (2, Some("invalid")),
        "{row:#}"
    );
    assert!(
        problems(&row).contains("trust anchor Gốc Đã Hết Hạn expired on"),
        "{row:#}"
    );
}

/// Re-signs a certificate with SHA-1 (what `rcgen` and `ring` cannot), keeping its dates.
fn resign_sha1(dir: &Path, cert: &[u8], ca_pem: &Path, ca_key: &Path, out: &str) -> PathBuf {
    let input = dir.join(format!("{out}.in.pem"));
    std::fs::write(&input, pem(cert)).unwrap();
    let output = dir.join(format!("{out}.pem"));
    let st = std::process::Command::new("openssl")
        .args(["x509", "-in"])
        .arg(&input)
        .arg("-CA")
        .arg(ca_pem)
        .arg("-CAkey")
        .arg(ca_key)
        .args(["-preserve_dates", "-sha1", "-set_serial", "0x5A1", "-out"])
        .arg(&output)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    output
}

#[test]
fn sha1_is_accepted_before_2017_and_weak_after() {
    let c = Case::new();
    let keys = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cert_golden/keys");
    let key = |n: &str| {
        let pem = std::fs::read_to_string(keys.join(format!("{n}.pem"))).unwrap();
        KeyPair::from_pem_and_sign_algo(&pem, &rcgen::PKCS_RSA_SHA256).unwrap()
    };
    let mut rp = ca("Gốc RSA Cũ", 1, (0, 0), None);
    rp.not_before = time::macros::datetime!(2010-01-01 00:00 UTC);
    rp.not_after = now() + Duration::days(3000);
    rp.use_authority_key_identifier_extension = false;
    let root_key = key("root");
    let root_der = rp.self_signed(&root_key).unwrap().der().to_vec();
    let anchor = c.write("anchor.pem", &[&root_der]);
    let root_key_file = keys.join("root.pem");
    let leaf_key = key("leaf");
    for (from, weak) in [
        (time::macros::datetime!(2015-06-01 00:00 UTC), false),
        (now() - Duration::days(30), true),
    ] {
        let mut p = leaf("Công ty SHA-1", 0x51);
        p.not_before = from;
        p.not_after = now() + Duration::days(400);
        // OpenSSL re-signs only a self-signed input (and keeps its extensions).
        p.use_authority_key_identifier_extension = false;
        let der = p.self_signed(&leaf_key).unwrap().der().to_vec();
        let file = resign_sha1(
            &c.dir,
            &der,
            &anchor,
            &root_key_file,
            if weak { "new" } else { "old" },
        );
        let (code, row) = c.check(&anchor, &[&file, &"--revocation", &"none"]);
        assert_eq!(row["chain"], "valid", "{row:#}");
        let codes = row["problem_codes"].to_string();
        if weak {
            assert_eq!(code, 1, "{row:#}");
            assert!(codes.contains("weak_signature"), "{row:#}");
            assert!(problems(&row).contains("sha1WithRSAEncryption"), "{row:#}");
        } else {
            assert_eq!(code, 0, "{row:#}");
            assert!(!codes.contains("weak_signature"), "{row:#}");
        }
    }
}

#[test]
fn a_crl_is_believed_only_from_an_issuer_with_crl_sign() {
    let c = Case::new();
    let http = Server::start();
    let (root_der, root_issuer) = root("Gốc CRL", (-100, 3000));
    let anchor = c.write("anchor.pem", &[&root_der]);
    for (with_crl_sign, expect) in [(true, "good"), (false, "error")] {
        let mut p = ca("CA Ký CRL", 2, (-50, 2000), None);
        if !with_crl_sign {
            p.key_usages = vec![KeyUsagePurpose::KeyCertSign];
        }
        let (int, int_issuer) = issue(p, &root_issuer);
        // rcgen refuses to sign a CRL for an issuer without cRLSign: the
        // issuer it signs with claims it, the certificate does not.
        let mut claims = ca("CA Ký CRL", 2, (-50, 2000), None);
        claims.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let signer = Issuer::new(claims, int_issuer.key());
        let crl = CertificateRevocationListParams {
            this_update: now() - Duration::hours(1),
            next_update: now() + Duration::days(7),
            crl_number: SerialNumber::from_slice(&[1]),
            issuing_distribution_point: None,
            revoked_certs: vec![],
            key_identifier_method: KeyIdMethod::Sha256,
        }
        .signed_by(&signer)
        .unwrap();
        let path = format!("/ca-{with_crl_sign}.crl");
        http.body(&path, crl.der(), None);
        let mut p = leaf("Công ty CRL", 0x60);
        p.crl_distribution_points = vec![CrlDistributionPoint {
            uris: vec![format!("{}{path}", http.base)],
        }];
        let (l, _) = issue(p, &int_issuer);
        let bundle = c.write("crl.pem", &[&l, &int]);
        let (_, row) = c.check(&anchor, &[&bundle, &"--revocation", &"crl"]);
        assert_eq!(row["chain"], "valid", "{row:#}");
        assert_eq!(row["revocation"]["status"], expect, "{row:#}");
        if !with_crl_sign {
            assert_eq!(row["revocation"]["error_code"], "crl_issuer_not_allowed");
            assert!(
                row["revocation"]["error"]
                    .as_str()
                    .unwrap()
                    .contains("cRLSign"),
                "{row:#}"
            );
        }
    }
}
