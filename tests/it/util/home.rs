//! An isolated home for each test (config, state and cache directories), a
//! `dvc` command bound to it, and sessions created through the library's
//! store API.
//!
//! Also compiled into `tests/keyring_fallback.rs` (its own binary), which
//! uses only part of it.
#![allow(dead_code)]

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};

use dvc::session::{Account, Method, Secret, Session, SessionStore, StoragePreference};
use dvc_sandbox::pki::{self, Key, Name, Role, Spec};
use time::{Duration, OffsetDateTime};

/// One test's private world.
pub struct Home {
    /// Keeps the directory alive.
    pub dir: tempfile::TempDir,
}

impl Home {
    /// A fresh, empty home.
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// The root directory.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path under the root.
    pub fn path(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }

    /// Writes a file under the root and returns its path.
    pub fn write(&self, name: &str, data: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, data).expect("write a test file");
        p
    }

    /// `$XDG_CONFIG_HOME`.
    pub fn config_home(&self) -> PathBuf {
        self.root().join("config")
    }

    /// The config file `dvc` uses by default.
    pub fn config_file(&self) -> PathBuf {
        self.config_home().join("dvc").join("config.toml")
    }

    /// `dvc`'s state directory (`$XDG_STATE_HOME/dvc`).
    pub fn state_dir(&self) -> PathBuf {
        self.root().join("state").join("dvc")
    }

    /// The session file of a profile.
    pub fn session_file(&self, profile: &str) -> PathBuf {
        self.state_dir()
            .join("sessions")
            .join(format!("{profile}.json"))
    }

    /// The built `dvc`, with an environment that names only this home:
    /// English, no colours, no inherited DVC_* variables.
    pub fn dvc(&self) -> Dvc {
        Dvc(assert_cmd::Command::from_std(self.dvc_std()))
    }

    /// The same as [`Home::dvc`], as a plain `std::process::Command` (to
    /// spawn it, or run it in a terminal).
    pub fn dvc_std(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dvc"));
        for var in [
            "DVC_TOKEN",
            "DVC_PROFILE",
            "DVC_CONFIG",
            "DVC_LANG",
            "DVC_NO_INPUT",
            "DVC_PKCS11_MODULE",
            "LC_ALL",
            "LC_MESSAGES",
            "LANG",
            "CI",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("HOME", self.root())
            .env("XDG_CONFIG_HOME", self.config_home())
            .env("XDG_STATE_HOME", self.root().join("state"))
            .env("XDG_CACHE_HOME", self.root().join("cache"))
            .env("XDG_DATA_HOME", self.root().join("data"))
            .env("NO_COLOR", "1");
        cmd
    }

    /// The session store `dvc` uses in this home (OS keyring + file).
    pub fn store(&self) -> SessionStore {
        SessionStore::new(self.state_dir())
    }

    /// Stores a session in the file backend.
    pub fn save_file_session(&self, session: &Session) {
        self.store()
            .save(session, StoragePreference::File)
            .expect("save session");
    }
}

/// A `dvc` command bound to a [`Home`] (see [`Home::dvc`]). The builder
/// methods keep it a `Dvc`; everything else of `assert_cmd::Command`
/// (`assert`, `output`, ...) is reached through `Deref`.
pub struct Dvc(assert_cmd::Command);

impl Deref for Dvc {
    type Target = assert_cmd::Command;

    fn deref(&self) -> &assert_cmd::Command {
        &self.0
    }
}

impl DerefMut for Dvc {
    fn deref_mut(&mut self) -> &mut assert_cmd::Command {
        &mut self.0
    }
}

impl Dvc {
    /// Adds an argument.
    pub fn arg(&mut self, a: impl AsRef<std::ffi::OsStr>) -> &mut Dvc {
        self.0.arg(a);
        self
    }

    /// Adds arguments.
    pub fn args<I, S>(&mut self, args: I) -> &mut Dvc
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.0.args(args);
        self
    }

    /// Sets an environment variable.
    pub fn env(
        &mut self,
        k: impl AsRef<std::ffi::OsStr>,
        v: impl AsRef<std::ffi::OsStr>,
    ) -> &mut Dvc {
        self.0.env(k, v);
        self
    }

    /// What stdin gives.
    pub fn write_stdin(&mut self, input: impl Into<Vec<u8>>) -> &mut Dvc {
        self.0.write_stdin(input);
        self
    }

    /// Kills it after `t`.
    pub fn timeout(&mut self, t: std::time::Duration) -> &mut Dvc {
        self.0.timeout(t);
        self
    }

    /// Runs it; returns the exit code and stdout parsed as JSON (a panic
    /// with both outputs when stdout is not JSON).
    pub fn json(&mut self) -> (i32, serde_json::Value) {
        let out = self.0.output().expect("run dvc");
        let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        (out.status.code().unwrap_or(-1), v)
    }
}

/// A self-signed certificate with a Vietnamese subject valid from
/// `not_before` to `not_after`, DER.
pub fn certificate(
    uid: &str,
    cn: &str,
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
) -> Vec<u8> {
    let spec = Spec::new(Role::Leaf, Name::new().c("VN").cn(cn).uid(uid))
        .serial_bytes(&[0x0A, 0x1B, 0x2C, 0x3D])
        .valid(not_before, not_after);
    pki::self_signed(&spec, &Key::ec().expect("key")).expect("certificate")
}

/// A business session whose access token expires `ttl` from now.
pub fn business_session(profile: &str, token: &str, ttl: Duration) -> Session {
    let now = OffsetDateTime::now_utc();
    Session {
        profile: dvc::config::ProfileName::parse(profile).expect("profile name"),
        issuer: "http://127.0.0.1:9".into(),
        client_id: "dvc-cli".into(),
        method: Method::Usb,
        token_type: "Bearer".into(),
        scope: Some("openid offline_access".into()),
        access_token: Secret::new(token),
        refresh_token: None,
        id_token: Some(Secret::new(format!("{token}-id"))),
        access_token_expires_at: now + ttl,
        refresh_token_expires_at: None,
        refresh_refused_at: None,
        logged_in_at: now - Duration::minutes(5),
        refreshed_at: None,
        account: Account::from_claims(&serde_json::json!({
            "sub": "b-1", "LoaiTaiKhoan": "2", "MaSoThue": "0101234567",
            "TenDoanhNghiep": "Công ty TNHH Giải pháp Số Hà Nội", "HoVaTen": "Nguyễn Văn An"
        })),
        certificate: Some(certificate(
            "MST:0101234567",
            "Công ty TNHH Giải pháp Số Hà Nội",
            now - Duration::days(300),
            now + Duration::days(20) + Duration::hours(1),
        )),
        flow: dvc::session::Flow::Oidc,
        web: None,
    }
}

/// A citizen session (SIM) whose access token expires `ttl` from now.
pub fn citizen_session(profile: &str, token: &str, ttl: Duration) -> Session {
    Session {
        method: Method::Sim,
        account: Account::from_claims(&serde_json::json!({
            "sub": "c-1", "LoaiTaiKhoan": 1, "SoDinhDanh": "001099012345", "HoVaTen": "Trần Thị Bình"
        })),
        certificate: None,
        ..business_session(profile, token, ttl)
    }
}
