//! USB tokens for tests: a private SoftHSM2 (its own `SOFTHSM2_CONF` and
//! token directory under the test's home), filled with `softhsm2-util` and
//! `pkcs11-tool` in subprocesses, so the test process's environment is never
//! touched. `Sandbox::provision` puts a sandbox account on one.

use std::path::PathBuf;
use std::process::Command;

use dvc_sandbox::pki::Key;

use super::Home;

/// SoftHSM2's module on Debian.
pub const MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";

/// A private SoftHSM2 installation, where tests create tokens.
pub struct Token {
    /// Its directory.
    pub dir: PathBuf,
    /// Its config file (`SOFTHSM2_CONF` for dvc and the tools).
    pub conf: PathBuf,
}

impl Token {
    /// A fresh, empty SoftHSM2 under the home (`hsm/`).
    pub fn new(home: &Home) -> Token {
        let dir = home.path("hsm");
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
        Token { dir, conf }
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
    pub fn init(&self, label: &str, pin: &str) {
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

    /// Stores a key pair and its certificate (DER) under `id` on the token
    /// labelled `token`.
    pub fn import(
        &self,
        token: &str,
        pin: &str,
        id: &str,
        label: &str,
        key: &Key,
        cert_der: &[u8],
    ) {
        let tmp = self.dir.join(format!("import-{id}"));
        std::fs::create_dir_all(&tmp).unwrap();
        let (k, c, p) = (
            tmp.join("key.der"),
            tmp.join("cert.der"),
            tmp.join("pub.der"),
        );
        std::fs::write(&k, key.pkcs8()).unwrap();
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
