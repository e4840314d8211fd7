//! USB tokens through SoftHSM2: listing, URIs, selection, PIN rules and the
//! three signature algorithms, each signature checked by OpenSSL.

use std::path::{Path, PathBuf};

use crate::util::{Dvc, Home, Token, MODULE};
use dvc_sandbox::pki::{Key, Name, Role, Spec};
use predicates::prelude::*;
use serde_json::Value;

/// A CA of the test, shaped like a Vietnamese one.
struct Ca(dvc_sandbox::pki::Ca);

impl Ca {
    fn new() -> Ca {
        Ca(dvc_sandbox::pki::Ca::self_signed(
            &Spec::new(
                Role::Ca { path_len: None },
                Name::new().c("VN").cn("VNPT-CA Thử nghiệm"),
            ),
            Key::ec().unwrap(),
        )
        .unwrap())
    }

    /// A certificate for `key` (days relative to now), returning its DER.
    fn issue(&self, key: &Key, cn: &str, uid: &str, serial: u16, days: (i64, i64)) -> Vec<u8> {
        let spec = Spec::new(Role::Leaf, Name::new().c("VN").cn(cn).uid(uid))
            .serial_bytes(&serial.to_be_bytes())
            .days(days.0, days.1);
        self.0.issue(&spec, key).unwrap()
    }
}

struct World {
    home: Home,
    hsm: Token,
}

fn world() -> World {
    let home = Home::new();
    let hsm = Token::new(&home);
    World { home, hsm }
}

impl World {
    fn dvc(&self) -> Dvc {
        let mut c = self.home.dvc();
        c.env("SOFTHSM2_CONF", &self.hsm.conf)
            .env("DVC_PKCS11_MODULE", MODULE);
        c.timeout(std::time::Duration::from_secs(60));
        c
    }

    fn list(&self) -> Value {
        let out = self
            .dvc()
            .args(["token", "list", "--json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn file(&self, name: &str, data: &[u8]) -> PathBuf {
        let p = self.home.root().join(name);
        std::fs::write(&p, data).unwrap();
        p
    }

    /// Signs `data` with `--pin-stdin`; returns (exit code, signature bytes, stderr).
    fn sign(&self, args: &[&str], pin: &str, data: &[u8]) -> (i32, Vec<u8>, String) {
        let input = self.file("data.bin", data);
        let out_path = self.home.root().join("sig.bin");
        let _ = std::fs::remove_file(&out_path);
        let out = self
            .dvc()
            .args(["token", "sign", "--pin-stdin", "--in"])
            .arg(&input)
            .arg("--out")
            .arg(&out_path)
            .args(args)
            .write_stdin(format!("{pin}\n"))
            .output()
            .unwrap();
        let sig = std::fs::read(&out_path).unwrap_or_default();
        (
            out.status.code().unwrap_or(-1),
            sig,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// OpenSSL's verdict on a signature over `data` by the certificate `cert_der`.
fn openssl_verifies(dir: &Path, cert_der: &[u8], alg: &str, data: &[u8], sig: &[u8]) -> bool {
    let w = |n: &str, d: &[u8]| {
        let p = dir.join(n);
        std::fs::write(&p, d).unwrap();
        p
    };
    let cert = w("v-cert.der", cert_der);
    let data = w("v-data.bin", data);
    let sig = w("v-sig.bin", sig);
    let pubkey = dir.join("v-pub.pem");
    let st = std::process::Command::new("openssl")
        .args(["x509", "-inform", "DER", "-in"])
        .arg(&cert)
        .args(["-pubkey", "-noout", "-out"])
        .arg(&pubkey)
        .status()
        .unwrap();
    assert!(st.success());
    let mut cmd = std::process::Command::new("openssl");
    cmd.args(["dgst", "-sha256", "-verify"]).arg(&pubkey);
    if alg == "RSASSA-PSS-SHA256" {
        cmd.args([
            "-sigopt",
            "rsa_padding_mode:pss",
            "-sigopt",
            "rsa_pss_saltlen:32",
            "-sigopt",
            "rsa_mgf1_md:sha256",
        ]);
    }
    let out = cmd.arg("-signature").arg(&sig).arg(&data).output().unwrap();
    String::from_utf8_lossy(&out.stdout).contains("Verified OK")
}

fn rsa_key() -> Key {
    crate::util::pki::rsa_key(4)
}

#[test]
fn rsa_business_token_list_uri_and_three_ways_to_sign() {
    let w = world();
    let ca = Ca::new();
    w.hsm.init("VNPT-CA Token", "12345678");
    let key = rsa_key();
    let cert = ca.issue(
        &key,
        "Công ty TNHH Giải pháp Số Hà Nội",
        "MST:0101234567",
        0x0A1B,
        (-10, 300),
    );
    w.hsm.import(
        "VNPT-CA Token",
        "12345678",
        "0a01",
        "Chứng thư số",
        &key,
        &cert,
    );

    let v = w.list();
    assert_eq!(v["module"], MODULE);
    let tokens = v["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), 1);
    let t = &tokens[0];
    assert_eq!(t["label"], "VNPT-CA Token");
    assert_eq!(t["manufacturer"], "SoftHSM project");
    assert_eq!(t["pin"]["locked"], false);
    let c = &t["certificates"][0];
    assert_eq!(c["serial"], "0A1B");
    assert_eq!(c["tax_code"], "0101234567");
    assert_eq!(c["id"], "0A01");
    assert_eq!(c["label"], "Chứng thư số");
    assert_eq!(c["has_private_key"], true);
    assert!((298..=300).contains(&c["days_left"].as_i64().unwrap()));
    let uri = c["uri"].as_str().unwrap().to_string();
    assert!(
        uri.starts_with("pkcs11:")
            && uri.contains("token=VNPT-CA%20Token")
            && uri.contains("id=%0A%01")
            && uri.contains(";type=cert")
            && uri.contains("?module-path=%2F"),
        "{uri}"
    );
    // The URI's object label is percent-encoded UTF-8.
    assert!(
        uri.contains("object=Ch%E1%BB%A9ng%20th%C6%B0%20s%E1%BB%91"),
        "{uri}"
    );

    // Text output for people.
    w.dvc().args(["token", "list"]).assert().success().stdout(
        predicate::str::contains("VNPT-CA Token")
            .and(predicate::str::contains("MST 0101234567"))
            .and(predicate::str::contains(&uri)),
    );

    // The printed URI selects the same object back: cert show, cert check --usb, token sign.
    let out = w
        .dvc()
        .args(["cert", "show", "--json", &uri])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["serial"], "0A1B");
    let out = w
        .dvc()
        .args([
            "cert",
            "check",
            "--usb",
            "--revocation",
            "none",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["certificates"][0]["source"], uri.as_str());
    assert_eq!(r["certificates"][0]["tax_code"], "0101234567");

    let data = b"sessionDataKey-6f1c0e";
    // Default: the best the token offers (SoftHSM has CKM_SHA256_RSA_PKCS_PSS) is PSS.
    let (code, sig, err) = w.sign(&["--cert", &uri], "12345678", data);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("RSASSA-PSS-SHA256"), "{err}");
    assert!(openssl_verifies(
        w.home.root(),
        &cert,
        "RSASSA-PSS-SHA256",
        data,
        &sig
    ));
    // PKCS#1 v1.5, on the token's CKM_SHA256_RSA_PKCS.
    let (code, sig, err) = w.sign(
        &["--cert", "0A1B", "--algorithm", "RSASSA-PKCS1-v1_5-SHA256"],
        "12345678",
        data,
    );
    assert_eq!(code, 0, "{err}");
    assert!(openssl_verifies(
        w.home.root(),
        &cert,
        "RSASSA-PKCS1-v1_5-SHA256",
        data,
        &sig
    ));
    // Raw CKM_RSA_PKCS over a DigestInfo built in software (what many Vietnamese tokens offer).
    let (code, sig, err) = w.sign(
        &[
            "--cert",
            "MST:0101234567",
            "--algorithm",
            "RSASSA-PKCS1-v1_5-SHA256",
            "--mechanism",
            "raw",
        ],
        "12345678",
        data,
    );
    assert_eq!(code, 0, "{err}");
    assert!(openssl_verifies(
        w.home.root(),
        &cert,
        "RSASSA-PKCS1-v1_5-SHA256",
        data,
        &sig
    ));
    // Raw CKM_RSA_PKCS_PSS over a software SHA-256.
    let (code, sig, err) = w.sign(
        &["--cert", "0101234567", "--mechanism", "raw"],
        "12345678",
        data,
    );
    assert_eq!(code, 0, "{err}");
    assert!(openssl_verifies(
        w.home.root(),
        &cert,
        "RSASSA-PSS-SHA256",
        data,
        &sig
    ));
    // The PIN never shows up anywhere.
    assert!(!err.contains("12345678"));
}

#[test]
fn ec_citizen_token_signs_ecdsa() {
    let w = world();
    let ca = Ca::new();
    w.hsm.init("Citizen", "1111");
    let key = Key::ec().unwrap();
    let cert = ca.issue(
        &key,
        "Nguyễn Thị Hồng",
        "CCCD:001099012345",
        0x77,
        (-1, 700),
    );
    w.hsm.import("Citizen", "1111", "01", "cccd", &key, &cert);
    let v = w.list();
    assert_eq!(
        v["tokens"][0]["certificates"][0]["id_number"],
        "001099012345"
    );
    let data = b"another challenge";
    for extra in [&[][..], &["--mechanism", "raw"][..]] {
        let mut args = vec!["--cert", "001099012345"];
        args.extend_from_slice(extra);
        let (code, sig, err) = w.sign(&args, "1111", data);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("ECDSA-SHA256"));
        assert_eq!(sig[0], 0x30, "a DER ECDSA-Sig-Value, never raw r||s");
        assert!(openssl_verifies(
            w.home.root(),
            &cert,
            "ECDSA-SHA256",
            data,
            &sig
        ));
    }
}

#[test]
fn three_certificates_two_tokens_selection_and_no_input() {
    let w = world();
    let ca = Ca::new();
    w.hsm.init("Dich vu Ke toan", "2222");
    w.hsm.init("Token Thu Hai", "3333");
    let certs: Vec<(Key, Vec<u8>)> = [
        ("Công ty A", "MST:0100000001", 0x101u16),
        ("Công ty B", "MST:0100000002", 0x102),
        ("Công ty C", "MST:0300000003-001", 0x103),
    ]
    .iter()
    .map(|(cn, uid, serial)| {
        let k = Key::ec().unwrap();
        let c = ca.issue(&k, cn, uid, *serial, (-5, 200));
        (k, c)
    })
    .collect();
    for (i, (k, c)) in certs.iter().enumerate() {
        w.hsm.import(
            "Dich vu Ke toan",
            "2222",
            &format!("0{}", i + 1),
            &format!("cert {}", i + 1),
            k,
            c,
        );
    }
    let k4 = Key::ec().unwrap();
    let c4 = ca.issue(&k4, "Hộ kinh doanh D", "MST:8000000004", 0x104, (-5, 100));
    w.hsm
        .import("Token Thu Hai", "3333", "01", "only", &k4, &c4);

    let v = w.list();
    let tokens = v["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), 2);
    let first = tokens
        .iter()
        .find(|t| t["label"] == "Dich vu Ke toan")
        .unwrap();
    assert_eq!(first["certificates"].as_array().unwrap().len(), 3);
    // Each URI selects exactly its certificate.
    for c in first["certificates"].as_array().unwrap() {
        let uri = c["uri"].as_str().unwrap();
        let out = w
            .dvc()
            .args(["cert", "show", "--json", uri])
            .output()
            .unwrap();
        let s: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(s["serial"], c["serial"]);
    }
    let data = b"x";
    // By serial, by tax code (branch form too), on either token.
    for (sel, pin, cert) in [
        ("0102", "2222", &certs[1].1),
        ("MST:0300000003-001", "2222", &certs[2].1),
        ("8000000004", "3333", &c4),
    ] {
        let (code, sig, err) = w.sign(&["--cert", sel], pin, data);
        assert_eq!(code, 0, "{sel}: {err}");
        assert!(
            openssl_verifies(w.home.root(), cert, "ECDSA-SHA256", data, &sig),
            "{sel}"
        );
    }
    // Several candidates and no terminal: exit 2, every candidate listed with the flag to pass.
    let (code, _, err) = w.sign(&[], "2222", data);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--cert")
            && err.contains("Công ty A")
            && err.contains("Hộ kinh doanh D")
            && err.contains("pkcs11:"),
        "{err}"
    );
    // A selector that matches nothing lists what there is.
    let (code, _, err) = w.sign(&["--cert", "MST:0999999999"], "2222", data);
    assert_eq!(code, 1);
    assert!(err.contains("Công ty B"), "{err}");
    // The whole fleet for monitoring.
    let out = w
        .dvc()
        .args([
            "cert",
            "check",
            "--usb",
            "--revocation",
            "none",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["certificates"].as_array().unwrap().len(), 4);
}

#[test]
fn pin_rules_expired_wrong_pin_and_pin_source() {
    let w = world();
    let ca = Ca::new();
    w.hsm.init("Rules", "4444");
    let k1 = Key::ec().unwrap();
    let expired = ca.issue(&k1, "Công ty Hết Hạn", "MST:0100000009", 0x201, (-400, -3));
    w.hsm
        .import("Rules", "4444", "01", "expired", &k1, &expired);
    let k2 = Key::ec().unwrap();
    let good = ca.issue(&k2, "Công ty Còn Hạn", "MST:0100000010", 0x202, (-3, 400));
    w.hsm.import("Rules", "4444", "02", "good", &k2, &good);

    // Expired: refused before any PIN is read (no stdin, no terminal: asking would be exit 2).
    w.dvc()
        .args(["token", "sign", "--cert", "0201"])
        .write_stdin("data")
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("expired").and(predicate::str::contains("no PIN was asked")),
        );
    assert_eq!(
        w.list()["tokens"][0]["pin"]["count_low"],
        false,
        "no PIN try was spent"
    );

    // A wrong PIN: exit 5, the flags re-read and said; never retried.
    let (code, _, err) = w.sign(&["--cert", "0202"], "0000", b"d");
    assert_eq!(code, 5, "{err}");
    assert!(
        err.contains("wrong PIN") && err.contains("tries are running low"),
        "{err}"
    );
    assert!(!err.contains("0000"));
    assert_eq!(w.list()["tokens"][0]["pin"]["count_low"], true);
    // In Vietnamese.
    let input = w.file("d.bin", b"d");
    w.dvc()
        .args([
            "--lang",
            "vi",
            "token",
            "sign",
            "--cert",
            "0202",
            "--pin-stdin",
            "--in",
        ])
        .arg(&input)
        .write_stdin("0000\n")
        .assert()
        .code(5)
        .stderr(predicate::str::contains("sai mã PIN"));
    // Then the right PIN works (and warns that a wrong one was entered before).
    let (code, sig, err) = w.sign(&["--cert", "0202"], "4444", b"d");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("type carefully"), "{err}");
    assert!(openssl_verifies(
        w.home.root(),
        &good,
        "ECDSA-SHA256",
        b"d",
        &sig
    ));

    // pin-source=file: in the URI (RFC 7512).
    let v = w.list();
    let uri = v["tokens"][0]["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["serial"] == "0202")
        .unwrap()["uri"]
        .as_str()
        .unwrap()
        .to_string();
    let pin_file = w.file("pin.txt", b"4444\n");
    let sep = if uri.contains('?') { '&' } else { '?' };
    let with_source = format!("{uri}{sep}pin-source=file:{}", pin_file.display());
    w.dvc()
        .args(["token", "sign", "--cert", &with_source, "--in"])
        .arg(&input)
        .assert()
        .success();
    // pin-value would put the PIN in argv: refused.
    w.dvc()
        .args([
            "token",
            "sign",
            "--cert",
            &format!("{uri}?pin-value=4444"),
            "--in",
        ])
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pin-value"));
    // In the path too.
    let in_path = uri.replacen(";type=cert", ";pin-value=4444;type=cert", 1);
    w.dvc()
        .args(["token", "sign", "--cert", &in_path, "--in"])
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pin-value"));
    // No PIN source and no terminal: exit 2 naming --pin-stdin.
    w.dvc()
        .args(["token", "sign", "--cert", "0202", "--in"])
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--pin-stdin"));
}

#[test]
fn module_discovery_errors() {
    let w = world();
    // Nothing found: the paths tried and how to pass one.
    let empty = w.home.root().join("no-modules");
    std::fs::create_dir_all(&empty).unwrap();
    let mut cmd = w.home.dvc();
    cmd.env("DVC_PKCS11_SEARCH_PATH", &empty)
        .args(["-v", "token", "list"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("no PKCS#11 module")
                .and(predicate::str::contains(
                    empty.join("libbit4xpki.so").display().to_string(),
                ))
                .and(predicate::str::contains(
                    empty.join("opensc-pkcs11.so").display().to_string(),
                ))
                .and(predicate::str::contains("--module")),
        );
    // A file that is not a library, and a library that is not PKCS#11.
    let text = w.file("fake.so", b"not a library");
    w.home
        .dvc()
        .args(["token", "list", "--module"])
        .arg(&text)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("fake.so").and(predicate::str::contains("panicked").not()),
        );
    let libz = [
        "/lib/x86_64-linux-gnu/libz.so.1",
        "/usr/lib/x86_64-linux-gnu/libz.so.1",
        "/lib/aarch64-linux-gnu/libz.so.1",
        "/usr/lib64/libz.so.1",
    ]
    .into_iter()
    .find(|p| Path::new(p).exists());
    if let Some(libz) = libz {
        w.home
            .dvc()
            .args(["token", "list", "--module", libz])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("C_GetFunctionList"));
    }
    // The profile's module is used when nothing else names one.
    w.home
        .dvc()
        .args([
            "profile",
            "add",
            "p",
            "--preset",
            "dvcqg",
            "--client-id",
            "x",
            "--module",
            MODULE,
        ])
        .assert()
        .success();
    w.hsm.init("From Profile", "1234");
    let out = w
        .home
        .dvc()
        .env("SOFTHSM2_CONF", &w.hsm.conf)
        .args(["token", "list", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["module"], MODULE);
    assert_eq!(v["tokens"][0]["label"], "From Profile");
    // An empty token: listed, with no certificates.
    assert_eq!(v["tokens"][0]["certificates"].as_array().unwrap().len(), 0);
}
