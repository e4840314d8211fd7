//! Tokens as they are in the field (issue 11): private keys hidden until
//! login without a public-key object, a certificate without a key, a key
//! needing a login per use, a renewed certificate beside its expired
//! predecessor, several tokens, no token at all.

use crate::util::{Dvc, Home, Parts, Token, MODULE};
use dvc_sandbox::pki::{Key, Name, Role, Spec};
use predicates::prelude::*;
use serde_json::Value;

struct World {
    home: Home,
    hsm: Token,
    ca: dvc_sandbox::pki::Ca,
}

fn world() -> World {
    let home = Home::new();
    let hsm = Token::new(&home);
    let ca = dvc_sandbox::pki::Ca::self_signed(
        &Spec::new(
            Role::Ca { path_len: None },
            Name::new().c("VN").cn("Viettel-CA Thử nghiệm"),
        ),
        Key::ec().unwrap(),
    )
    .unwrap();
    World { home, hsm, ca }
}

impl World {
    fn dvc(&self) -> Dvc {
        let mut c = self.home.dvc();
        c.env("SOFTHSM2_CONF", &self.hsm.conf)
            .env("DVC_PKCS11_MODULE", MODULE)
            .timeout(std::time::Duration::from_secs(60));
        c
    }

    fn cert(&self, key: &Key, cn: &str, uid: &str, serial: u16, days: (i64, i64)) -> Vec<u8> {
        let spec = Spec::new(Role::Leaf, Name::new().c("VN").cn(cn).uid(uid))
            .serial_bytes(&serial.to_be_bytes())
            .days(days.0, days.1);
        self.ca.issue(&spec, key).unwrap()
    }

    fn list(&self) -> Value {
        let (code, v) = self.dvc().args(["token", "list", "--json"]).json();
        assert_eq!(code, 0, "{v}");
        v
    }

    fn sign(&self, args: &[&str], pin: &str) -> (i32, String, String) {
        let input = self.home.write("data.bin", b"data");
        let out = self
            .dvc()
            .args(["token", "sign", "--pin-stdin", "--in"])
            .arg(&input)
            .args(args)
            .write_stdin(format!("{pin}\n"))
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

fn key(i: usize) -> Key {
    crate::util::pki::rsa_key(i)
}

/// Three layouts: certificate + private + public key; certificate +
/// private key only (hidden until login); certificate only.
#[test]
fn a_private_key_hidden_until_login_is_unknown_not_absent() {
    let w = world();
    w.hsm.init("Full", "1111");
    w.hsm.init("Hidden", "2222");
    w.hsm.init("CertOnly", "3333");
    let (k1, k2, k3) = (key(0), key(1), key(2));
    let c1 = w.cert(&k1, "Công ty Một", "MST:0311111111", 0x11, (-10, 300));
    let c2 = w.cert(&k2, "Công ty Hai", "MST:0312345678", 0x22, (-10, 300));
    let c3 = w.cert(&k3, "Công ty Ba", "MST:0313333333", 0x33, (-10, 300));
    w.hsm.import("Full", "1111", "01", "c1", &k1, &c1);
    let hidden = Parts {
        private_key: true,
        public_key: false,
        always_authenticate: false,
    };
    w.hsm
        .import_parts("Hidden", "2222", "02", "c2", &k2, &c2, hidden);
    let cert_only = Parts {
        private_key: false,
        public_key: false,
        always_authenticate: false,
    };
    w.hsm
        .import_parts("CertOnly", "3333", "03", "c3", &k3, &c3, cert_only);

    let v = w.list();
    let key_of = |label: &str| {
        v["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["label"] == label)
            .unwrap()["certificates"][0]["has_private_key"]
            .clone()
    };
    assert_eq!(key_of("Full"), Value::Bool(true));
    assert_eq!(
        key_of("Hidden"),
        Value::Null,
        "unknown before login, not false"
    );
    assert_eq!(key_of("CertOnly"), Value::Null);
    let text = w.dvc().args(["token", "list"]).output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("known only after login"));

    // The hidden key is found after login, by CKA_ID.
    let (code, sig, err) = w.sign(&["--cert", "0312345678"], "2222");
    assert_eq!(code, 0, "{err}");
    assert!(!sig.trim().is_empty());
    // No key at all: refused after login, clearly.
    let (code, _, err) = w.sign(&["--cert", "0313333333"], "3333");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no private key"), "{err}");
}

/// The renewal case: a company's new certificate and its expired
/// predecessor (same MST), on one token and on two. A certificate that
/// cannot log in is not a candidate: the one usable certificate is used
/// (no menu, no exit 2); the unusable ones are listed only when none is
/// usable.
#[test]
fn a_renewed_certificate_wins_over_its_expired_predecessor() {
    let w = world();
    let (old_key, new_key) = (key(3), key(4));
    let old = w.cert(
        &old_key,
        "Công ty Gia Hạn",
        "MST:0312345678",
        0x01,
        (-400, -5),
    );
    let new = w.cert(
        &new_key,
        "Công ty Gia Hạn",
        "MST:0312345678",
        0x02,
        (-5, 360),
    );
    // Both on the same token: the new one, without a terminal.
    w.hsm.init("Same", "1111");
    w.hsm.import("Same", "1111", "01", "old", &old_key, &old);
    w.hsm.import("Same", "1111", "02", "new", &new_key, &new);
    let (code, _, err) = w.sign(&["--cert", "0312345678"], "1111");
    assert_eq!(code, 0, "the expired predecessor is no candidate: {err}");
    assert!(
        err.contains("Signed") && err.contains("token=Same") && err.contains("id=%02"),
        "{err}"
    );
    assert!(!err.contains("several certificates"), "{err}");

    // On two tokens: the same.
    let w = world();
    w.hsm.init("Old", "1111");
    w.hsm.init("New", "2222");
    w.hsm.import("Old", "1111", "01", "old", &old_key, &old);
    w.hsm.import("New", "2222", "02", "new", &new_key, &new);
    let (code, _, err) = w.sign(&["--cert", "0312345678"], "2222");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("token=New") && err.contains("id=%02"), "{err}");

    // Two usable copies (the new one on both tokens): a choice, and
    // without a terminal exit 2 listing only the usable ones.
    w.hsm.import("Old", "1111", "02", "new", &new_key, &new);
    let (code, _, err) = w.sign(&["--cert", "0312345678"], "1111");
    assert_eq!(code, 2, "two usable copies on two tokens: {err}");
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("--cert '")).collect();
    assert_eq!(lines.len(), 2, "the expired one is no candidate: {err}");
    assert!(lines.iter().all(|l| l.contains("id=%02")), "{err}");
    assert!(
        !err.contains("[expired]") && !err.contains("id=%01"),
        "{err}"
    );

    // A certificate not valid yet is no candidate either: the usable one
    // is used. (A certificate without a visible key on a token that hides
    // private objects is "unknown until login", a candidate: SoftHSM2
    // always hides them, so "no key" is the unit tests' case.)
    let w = world();
    w.hsm.init("Mixed", "1111");
    let k5 = key(5);
    let future = w.cert(&k5, "Công ty Gia Hạn", "MST:0312345678", 0x05, (5, 400));
    w.hsm.import("Mixed", "1111", "05", "future", &k5, &future);
    w.hsm.import("Mixed", "1111", "02", "new", &new_key, &new);
    let (code, _, err) = w.sign(&["--cert", "0312345678"], "1111");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("id=%02"), "{err}");

    // When none is usable, the unusable ones are listed with why.
    let w = world();
    w.hsm.init("Old", "1111");
    w.hsm.import("Old", "1111", "01", "old", &old_key, &old);
    w.hsm.import("Old", "1111", "02", "older", &new_key, &{
        w.cert(
            &new_key,
            "Công ty Gia Hạn",
            "MST:0312345678",
            0x03,
            (-800, -400),
        )
    });
    let (code, _, err) = w.sign(&["--cert", "0312345678"], "1111");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("can log in now") && err.contains("expired"),
        "{err}"
    );
    assert!(err.contains("id=%01") && err.contains("id=%02"), "{err}");
}

/// The private key's CKA_ID differs from its certificate's (keys imported
/// from a PKCS#12 by some tools): after login the key is found by its
/// public key: the RSA modulus; for EC, the point of a public-key object,
/// else a signature the certificate verifies.
#[test]
fn a_key_whose_id_differs_from_its_certificate_is_found() {
    let w = world();
    w.hsm.init("Rsa", "1111");
    w.hsm.init("EcPub", "2222");
    w.hsm.init("EcBare", "3333");
    let rsa = key(7);
    let c = w.cert(&rsa, "Công ty RSA", "MST:0317777777", 0x07, (-5, 300));
    // The certificate under 01, the private key alone under 0a.
    w.store(
        "Rsa",
        "1111",
        &[("cert", "01", &c), ("privkey", "0a", rsa.pkcs8())],
    );
    let (code, sig, err) = w.sign(&["--cert", "0317777777", "-vvv"], "1111");
    assert_eq!(code, 0, "{err}");
    assert!(!sig.trim().is_empty());
    assert!(err.contains("CKA_ID differs"), "{err}");
    assert!(!err.contains("1111"), "the PIN in the trace: {err}");

    // EC, a public-key object under the key's ID.
    let ec = Key::ec().unwrap();
    let c = w.cert(&ec, "Công ty EC", "MST:0318888888", 0x08, (-5, 300));
    let spki = spki_of(&c);
    w.store(
        "EcPub",
        "2222",
        &[
            ("cert", "01", &c),
            ("privkey", "0b", ec.pkcs8()),
            ("pubkey", "0b", &spki),
        ],
    );
    let (code, sig, err) = w.sign(&["--cert", "0318888888", "-vvv"], "2222");
    assert_eq!(code, 0, "{err}");
    assert!(!sig.trim().is_empty());
    assert!(err.contains("its public-key object"), "{err}");

    // EC, the private key alone (no CKA_EC_POINT on it), beside another
    // key on the same curve that is not the certificate's.
    let (ec, other) = (Key::ec().unwrap(), Key::ec().unwrap());
    let c = w.cert(&ec, "Công ty EC Hai", "MST:0319999990", 0x09, (-5, 300));
    w.store(
        "EcBare",
        "3333",
        &[
            ("cert", "01", &c),
            ("privkey", "0c", other.pkcs8()),
            ("privkey", "0d", ec.pkcs8()),
        ],
    );
    let (code, sig, err) = w.sign(&["--cert", "0319999990", "-vvv"], "3333");
    assert_eq!(code, 0, "{err}");
    assert!(!sig.trim().is_empty());
    assert!(
        err.contains("a signature its certificate verifies"),
        "{err}"
    );
    // Only a key that is not the certificate's: no key, said clearly.
    let w = world();
    w.hsm.init("Wrong", "4444");
    let c = w.cert(&ec, "Công ty EC Ba", "MST:0319999991", 0x0a, (-5, 300));
    w.store(
        "Wrong",
        "4444",
        &[("cert", "01", &c), ("privkey", "0c", other.pkcs8())],
    );
    let (code, _, err) = w.sign(&["--cert", "0319999991"], "4444");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no private key"), "{err}");
}

/// The SubjectPublicKeyInfo of a certificate (what `pkcs11-tool` imports
/// as a public key).
fn spki_of(cert_der: &[u8]) -> Vec<u8> {
    use x509_parser::prelude::{FromDer, X509Certificate};
    X509Certificate::from_der(cert_der)
        .unwrap()
        .1
        .public_key()
        .raw
        .to_vec()
}

impl World {
    /// Writes objects (`pkcs11-tool --type`, hex CKA_ID, DER) on a token,
    /// each under its own ID.
    fn store(&self, token: &str, pin: &str, objects: &[(&str, &str, &[u8])]) {
        for (i, (kind, id, der)) in objects.iter().enumerate() {
            let file = self.hsm.dir.join(format!("store-{token}-{i}.der"));
            std::fs::write(&file, der).unwrap();
            let out = std::process::Command::new("pkcs11-tool")
                .env("SOFTHSM2_CONF", &self.hsm.conf)
                .args(["--module", MODULE, "--token-label", token, "--login"])
                .args(["--pin", pin, "--id", id, "--label", &format!("{kind}-{id}")])
                .arg("--write-object")
                .arg(&file)
                .args(["--type", kind])
                .output()
                .unwrap();
            assert!(out.status.success(), "pkcs11-tool {kind}: {out:?}");
        }
    }
}

/// A key marked CKA_ALWAYS_AUTHENTICATE gets its context-specific login.
#[test]
fn a_key_needing_a_login_per_use_signs() {
    let w = world();
    w.hsm.init("Always", "1111");
    let k = key(5);
    let c = w.cert(
        &k,
        "Công ty Luôn Xác Thực",
        "MST:0319999999",
        0x09,
        (-1, 300),
    );
    let parts = Parts {
        private_key: true,
        public_key: true,
        always_authenticate: true,
    };
    w.hsm
        .import_parts("Always", "1111", "09", "c", &k, &c, parts);
    let (code, sig, err) = w.sign(&["--cert", "0319999999"], "1111");
    assert_eq!(code, 0, "{err}");
    assert!(!sig.trim().is_empty());
}

/// No token plugged in: every command says so, not "no certificate matches".
#[test]
fn no_token_plugged_in_is_said_plainly() {
    let w = world();
    let input = w.home.write("d.bin", b"d");
    w.dvc()
        .args([
            "token",
            "sign",
            "--cert",
            "0101234567",
            "--pin-stdin",
            "--in",
        ])
        .arg(&input)
        .write_stdin("1111\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no token is plugged in"));
    w.dvc()
        .args(["cert", "check", "pkcs11:token=Nope"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("no token is plugged in"));
    // A PIN in the URI: refused (exit 2) before looking for a token, the
    // PIN never printed back, in an error as in a `cert check` row.
    for uri in [
        "pkcs11:token=Nope?pin-value=918273",
        "pkcs11:token=Nope;pin-value=918273",
    ] {
        let out = w
            .dvc()
            .args(["token", "sign", "--cert", uri, "--in"])
            .arg(&input)
            .output()
            .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(2), "{all}");
        assert!(all.contains("pin-value=***"), "{all}");
        assert!(
            !all.contains("918273") && !all.contains("no token is plugged in"),
            "{all}"
        );
        for format in ["text", "json", "nagios"] {
            let out = w
                .dvc()
                .args(["cert", "check", "--format", format, uri])
                .output()
                .unwrap();
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(out.status.code(), Some(3), "{all}");
            assert!(all.contains("UNKNOWN") || all.contains("unknown"), "{all}");
            assert!(!all.contains("918273"), "the PIN in a row: {all}");
        }
    }
    // An empty --pin-stdin says so.
    w.hsm.init("T", "1111");
    let k = key(0);
    let c = w.cert(&k, "Công ty", "MST:0311111111", 0x11, (-10, 300));
    w.hsm.import("T", "1111", "01", "c", &k, &c);
    let (code, _, err) = w.sign(&["--cert", "0311111111"], "");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no PIN on standard input"), "{err}");
}
