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
        self.import_parts(token, pin, id, label, key, cert_der, Parts::ALL);
    }

    /// Stores the parts of a key pair chosen by `parts` (the layouts tokens
    /// have in the field: a private key hidden until login without a public
    /// key object, a certificate alone, a key needing a login per use).
    #[allow(clippy::too_many_arguments)]
    pub fn import_parts(
        &self,
        token: &str,
        pin: &str,
        id: &str,
        label: &str,
        key: &Key,
        cert_der: &[u8],
        parts: Parts,
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
        for (file, kind, wanted) in [
            (&k, "privkey", parts.private_key),
            (&c, "cert", true),
            (&p, "pubkey", parts.public_key),
        ] {
            if !wanted {
                continue;
            }
            let mut args: Vec<&str> = common.to_vec();
            args.extend(["--write-object", file.to_str().unwrap(), "--type", kind]);
            if kind == "privkey" && parts.always_authenticate {
                args.push("--always-auth");
            }
            self.run("pkcs11-tool", &args);
        }
    }
}

/// Which objects [`Token::import_parts`] stores beside the certificate.
#[derive(Debug, Clone, Copy)]
pub struct Parts {
    /// The private key (a private object: hidden until login).
    pub private_key: bool,
    /// The public key object.
    pub public_key: bool,
    /// The private key needs a context-specific login before each use.
    pub always_authenticate: bool,
}

impl Parts {
    /// Certificate, private and public key.
    pub const ALL: Parts = Parts {
        private_key: true,
        public_key: true,
        always_authenticate: false,
    };
}
