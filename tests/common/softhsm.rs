//! SoftHSM2 tokens for tests, set up with `softhsm2-util` and `pkcs11-tool`
//! (subprocesses, so each test has its own `SOFTHSM2_CONF` and token
//! directory without touching the test process's environment).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// SoftHSM2's module on Debian.
pub const MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";

/// A private SoftHSM2 installation.
pub struct Hsm {
    /// Its directory.
    pub dir: PathBuf,
    /// Its config file.
    pub conf: PathBuf,
}

impl Hsm {
    /// A fresh, empty SoftHSM2 under `dir`.
    pub fn new(dir: &Path) -> Hsm {
        std::fs::create_dir_all(dir.join("tokens")).unwrap();
        let conf = dir.join("softhsm2.conf");
        std::fs::write(
            &conf,
            format!(
                "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
                dir.join("tokens").display()
            ),
        )
        .unwrap();
        Hsm {
            dir: dir.to_path_buf(),
            conf,
        }
    }

    fn run(&self, program: &str, args: &[&str]) {
        let out = Command::new(program)
            .args(args)
            .env("SOFTHSM2_CONF", &self.conf)
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e} (apt-get install softhsm2 opensc)"));
        assert!(
            out.status.success(),
            "{program} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Initialises a token with a user PIN.
    pub fn init_token(&self, label: &str, pin: &str) {
        self.run(
            "softhsm2-util",
            &[
                "--init-token",
                "--free",
                "--label",
                label,
                "--pin",
                pin,
                "--so-pin",
                "87654321",
            ],
        );
    }

    /// Stores a key pair (PKCS#8 PEM) and its certificate (DER) under `id`.
    pub fn import(
        &self,
        token: &str,
        pin: &str,
        id: &str,
        label: &str,
        key_pkcs8_pem: &str,
        cert_der: &[u8],
    ) {
        use base64::Engine as _;
        let b64: String = key_pkcs8_pem
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        let key_der = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        let tmp = self.dir.join(format!("import-{id}"));
        std::fs::create_dir_all(&tmp).unwrap();
        let (k, c, p) = (
            tmp.join("key.der"),
            tmp.join("cert.der"),
            tmp.join("pub.der"),
        );
        std::fs::write(&k, key_der).unwrap();
        std::fs::write(&c, cert_der).unwrap();
        let spki = {
            use x509_parser::prelude::{FromDer, X509Certificate};
            X509Certificate::from_der(cert_der)
                .unwrap()
                .1
                .public_key()
                .raw
                .to_vec()
        };
        std::fs::write(&p, spki).unwrap();
        let common = [
            "--module",
            MODULE,
            "--token-label",
            token,
            "--login",
            "--pin",
            pin,
            "--id",
            id,
            "--label",
            label,
        ];
        for (file, kind) in [(&k, "privkey"), (&c, "cert"), (&p, "pubkey")] {
            let mut args: Vec<&str> = common.to_vec();
            args.extend(["--write-object", file.to_str().unwrap(), "--type", kind]);
            self.run("pkcs11-tool", &args);
        }
    }
}
