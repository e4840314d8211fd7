//! Shared fixtures for the integration tests: an isolated home for each test
//! (config, state and cache directories), a `dvc` command bound to it, and
//! sessions created through the library's store API.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use dvc::session::{Account, Method, Secret, Session, SessionStore, StoragePreference};
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
    pub fn dvc(&self) -> Command {
        Command::from_std(self.dvc_std())
    }

    /// The same as [`Home::dvc`], as a plain `std::process::Command`.
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

/// A self-signed certificate with a Vietnamese subject valid from
/// `not_before` to `not_after`, DER.
pub fn certificate(
    uid: &str,
    cn: &str,
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
) -> Vec<u8> {
    use rcgen::{CertificateParams, DnType, KeyPair};
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
    params.distinguished_name.push(DnType::CountryName, "VN");
    params.distinguished_name.push(DnType::CommonName, cn);
    params.distinguished_name.push(
        DnType::CustomDnType(vec![0, 9, 2342, 19200300, 100, 1, 1]),
        uid,
    );
    params.not_before = not_before;
    params.not_after = not_after;
    params.serial_number = Some(rcgen::SerialNumber::from_slice(&[0x0A, 0x1B, 0x2C, 0x3D]));
    let key = KeyPair::generate().expect("key");
    params.self_signed(&key).expect("sign").der().to_vec()
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
