//! The sandbox's lasting state in `--data DIR`: the demo PKI (a root and an
//! issuing CA with Vietnamese names), the JWT signing key, the demo
//! accounts with their keys and certificates, revoked serials, clients.
//! Created on first start; later starts only read it.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::pki::{Ca, Crl, Key, Name, Role, Spec};

/// The registered client of the protocol's examples.
pub const DEFAULT_CLIENT: &str = "dvc-cli";
/// Its redirect URI.
pub const DEFAULT_REDIRECT: &str = "http://127.0.0.1/dvc/callback";

fn b64(d: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(d)
}

fn unb64(s: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(s)
        .unwrap_or_default()
}

/// An OAuth client.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Client {
    /// client_id.
    pub client_id: String,
    /// Registered redirect URIs.
    pub redirect_uris: Vec<String>,
    /// A secret for confidential clients (HTTP Basic).
    #[serde(default)]
    pub client_secret: Option<String>,
}

/// A demo account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Account {
    /// Internal id (`sub`).
    pub id: String,
    /// 1 citizen, 2 business, 3 organisation.
    pub kind: u8,
    /// Full name of the person.
    pub person_name: String,
    /// Business name.
    #[serde(default)]
    pub business_name: Option<String>,
    /// MST.
    #[serde(default)]
    pub tax_code: Option<String>,
    /// CCCD.
    #[serde(default)]
    pub id_number: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Phone of the signature SIM (`84…`), if the account has one.
    #[serde(default)]
    pub sim_phone: Option<String>,
    /// SmartCA user id, if any.
    #[serde(default)]
    pub smartca_user_id: Option<String>,
    /// SmartCA password.
    #[serde(default)]
    pub smartca_password: Option<String>,
    /// Whether the account logs in with a USB token.
    #[serde(default)]
    pub usb: bool,
    /// `valid`, `expired` or `revoked`: the state of the account's certificate.
    #[serde(default = "valid")]
    pub cert_state: String,
    /// Whether the account may log in (the web SSO answers
    /// `USB_USER_NOT_ACTIVE_ERROR_CODE` otherwise).
    #[serde(default = "yes")]
    pub active: bool,
    /// The account's key (PKCS#8, base64), made on first start.
    #[serde(default)]
    pub key_pkcs8: String,
    /// The account's certificate (DER, base64).
    #[serde(default)]
    pub cert_der: String,
    /// The certificate's serial (uppercase hex).
    #[serde(default)]
    pub cert_serial: String,
}

fn valid() -> String {
    "valid".into()
}

fn yes() -> bool {
    true
}

impl Account {
    /// The key (PKCS#8 DER).
    pub fn key(&self) -> Vec<u8> {
        unb64(&self.key_pkcs8)
    }

    /// The certificate (DER).
    pub fn cert(&self) -> Vec<u8> {
        unb64(&self.cert_der)
    }

    /// The portal's userinfo claims (portal-login.md §5).
    pub fn claims(&self) -> serde_json::Value {
        let mut m = serde_json::json!({
            "sub": self.id,
            "LoaiTaiKhoan": self.kind.to_string(),
            "HoVaTen": self.person_name,
        });
        let Some(o) = m.as_object_mut() else {
            return m;
        };
        if let Some(v) = &self.id_number {
            o.insert("SoDinhDanh".into(), v.clone().into());
        }
        if let Some(v) = &self.tax_code {
            o.insert("MaSoThue".into(), v.clone().into());
        }
        if let Some(v) = &self.business_name {
            o.insert("TenDoanhNghiep".into(), v.clone().into());
        }
        if let Some(v) = &self.email {
            o.insert("ThuDienTu".into(), v.clone().into());
        }
        if let Some(v) = &self.sim_phone {
            o.insert("SoDienThoai".into(), v.clone().into());
        }
        m
    }
}

/// The accounts file (`--accounts FILE`), also the seed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccountsFile {
    /// Accounts.
    pub accounts: Vec<Account>,
    /// Clients besides `dvc-cli`.
    #[serde(default)]
    pub clients: Vec<Client>,
    /// The SmartCA service-provider credentials (`sp_id`, `sp_password`).
    #[serde(default = "sp")]
    pub smartca_sp: (String, String),
}

fn sp() -> (String, String) {
    ("sandbox-sp".into(), "sandbox-sp-secret".into())
}

/// The seeded demo accounts.
pub fn demo_accounts() -> AccountsFile {
    let a = |id: &str,
             kind: u8,
             person: &str,
             business: Option<&str>,
             tax: Option<&str>,
             cccd: Option<&str>| Account {
        id: id.into(),
        kind,
        person_name: person.into(),
        business_name: business.map(Into::into),
        tax_code: tax.map(Into::into),
        id_number: cccd.map(Into::into),
        email: Some(format!("{id}@sandbox.dichvucong.test")),
        sim_phone: None,
        smartca_user_id: None,
        smartca_password: None,
        usb: false,
        cert_state: valid(),
        active: true,
        key_pkcs8: String::new(),
        cert_der: String::new(),
        cert_serial: String::new(),
    };
    let mut b1 = a(
        "dn-giai-phap-so",
        2,
        "Nguyễn Văn An",
        Some("Công ty TNHH Giải pháp Số Hà Nội"),
        Some("0101234567"),
        None,
    );
    b1.usb = true;
    b1.sim_phone = Some("84912345678".into());
    let mut b2 = a(
        "dn-sai-gon-xanh",
        2,
        "Lê Thị Mai",
        Some("Công ty Cổ phần Thương mại Sài Gòn Xanh"),
        Some("0309876543"),
        None,
    );
    b2.usb = true;
    b2.smartca_user_id = Some("0309876543".into());
    b2.smartca_password = Some("SmartCA@2026".into());
    let mut c1 = a(
        "cd-nguyen-thi-hong",
        1,
        "Nguyễn Thị Hồng",
        None,
        None,
        Some("001099012345"),
    );
    c1.smartca_user_id = Some("001099012345".into());
    c1.smartca_password = Some("Hong@SmartCA1".into());
    let mut c2 = a(
        "cd-tran-van-binh",
        1,
        "Trần Văn Bình",
        None,
        None,
        Some("079090001234"),
    );
    c2.sim_phone = Some("84987654321".into());
    let mut e = a(
        "dn-het-han",
        2,
        "Phạm Văn Cường",
        Some("Công ty TNHH Chứng thư Hết Hạn"),
        Some("0100000003"),
        None,
    );
    e.usb = true;
    e.cert_state = "expired".into();
    let mut r = a(
        "dn-bi-thu-hoi",
        2,
        "Đỗ Thị Dung",
        Some("Công ty Cổ phần Bị Thu Hồi"),
        Some("0100000004"),
        None,
    );
    r.usb = true;
    r.cert_state = "revoked".into();
    AccountsFile {
        accounts: vec![b1, b2, c1, c2, e, r],
        clients: Vec::new(),
        smartca_sp: sp(),
    }
}

/// Everything kept in `--data DIR`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct State {
    /// The base URL the certificates point at (`http://127.0.0.1:PORT`).
    pub base_url: String,
    /// Root CA certificate and key.
    pub root_cert: String,
    /// Root key (PKCS#8).
    pub root_key: String,
    /// Issuing CA certificate.
    pub ca_cert: String,
    /// Issuing CA key (PKCS#8).
    pub ca_key: String,
    /// JWT signing key (RSA PKCS#8).
    pub jwt_key: String,
    /// Its `kid`.
    pub jwt_kid: String,
    /// Accounts, clients, SmartCA SP credentials.
    pub accounts: AccountsFile,
    /// Revoked serials (uppercase hex) with time and reason.
    #[serde(default)]
    pub revoked: Vec<(String, String, String)>,
    /// The next serial number to issue.
    pub next_serial: u64,
}

/// RSA keys of the sandbox's accounts and its JWT key (the `rsa` crate's
/// default size, as before).
const RSA_BITS: usize = 3072;

fn root_spec() -> Spec {
    Spec::new(
        Role::Ca { path_len: None },
        Name::new()
            .c("VN")
            .o("Trung tâm Chứng thực Thử nghiệm")
            .cn("Sandbox Root CA Việt Nam"),
    )
    .days(-30, 365 * 20)
}

fn issuing_spec(base: &str) -> Spec {
    Spec::new(
        Role::Ca { path_len: None },
        Name::new()
            .c("VN")
            .o("Cổng Dịch vụ công Quốc gia - Sandbox")
            .cn("Sandbox CA Cổng Dịch vụ công (thử nghiệm)"),
    )
    .days(-30, 365 * 10)
    .serial(0x02)
    .crl(format!("{base}/pki/root.crl"))
    .ocsp(format!("{base}/ocsp"))
    .ca_issuers(format!("{base}/pki/root.cer"))
}

/// The certificate of an account: its names, the state it should be in
/// (`expired` ones ended ten days ago), the sandbox's URLs.
fn account_spec(a: &Account, serial: &[u8], base: &str, now: OffsetDateTime) -> Spec {
    let mut name = Name::new().c("VN").cn(a
        .business_name
        .clone()
        .unwrap_or_else(|| a.person_name.clone()));
    if let Some(t) = &a.tax_code {
        name = name.uid(format!("MST:{t}"));
    } else if let Some(c) = &a.id_number {
        name = name.uid(format!("CCCD:{c}"));
    }
    let (from, to) = match a.cert_state.as_str() {
        "expired" => (now - Duration::days(400), now - Duration::days(10)),
        _ => (now - Duration::days(20), now + Duration::days(700)),
    };
    Spec::new(Role::Leaf, name)
        .serial_bytes(serial)
        .valid(from, to)
        .crl(format!("{base}/pki/ca.crl"))
        .ocsp(format!("{base}/ocsp"))
        .ca_issuers(format!("{base}/pki/ca.cer"))
}

impl State {
    fn path(dir: &Path) -> PathBuf {
        dir.join("state.json")
    }

    /// Reads the state of `dir`, if there is one.
    pub fn load(dir: &Path) -> Result<Option<State>, String> {
        let p = Self::path(dir);
        match std::fs::read(&p) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| format!("{}: {e}", p.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("{}: {e}", p.display())),
        }
    }

    /// Reads the state, or creates it (keys, CA, accounts) on first use.
    pub fn load_or_create(
        dir: &Path,
        base_url: &str,
        accounts: Option<AccountsFile>,
    ) -> Result<State, String> {
        if let Some(mut s) = Self::load(dir)? {
            if let Some(acc) = accounts {
                s.accounts = acc;
                s.issue_missing()?;
                s.save(dir)?;
            }
            return Ok(s);
        }
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let root = Ca::self_signed(&root_spec(), Key::ec()?)?;
        let ca = root.issue_ca(&issuing_spec(base_url), Key::ec()?)?;
        let jwt_key = Key::rsa(RSA_BITS)?;
        let mut s = State {
            base_url: base_url.to_string(),
            root_cert: b64(root.der()),
            root_key: b64(root.key().pkcs8()),
            ca_cert: b64(ca.der()),
            ca_key: b64(ca.key().pkcs8()),
            jwt_kid: format!(
                "sandbox-{}",
                crate::hex_upper(
                    &ring::digest::digest(&ring::digest::SHA256, jwt_key.pkcs8()).as_ref()[..6]
                )
            ),
            jwt_key: b64(jwt_key.pkcs8()),
            accounts: accounts.unwrap_or_else(demo_accounts),
            revoked: Vec::new(),
            next_serial: 0x5A0001,
        };
        s.issue_missing()?;
        s.save(dir)?;
        Ok(s)
    }

    /// Writes the state (0600, atomically).
    pub fn save(&self, dir: &Path) -> Result<(), String> {
        let json = serde_json::to_vec_pretty(self).map_err(|e| e.to_string())?;
        dvc::fs::write_atomic(&Self::path(dir), &json, 0o600).map_err(|e| e.to_string())
    }

    /// The issuing CA, which signs the accounts' certificates, the CRL and
    /// the OCSP responses.
    pub fn ca(&self) -> Result<Ca, String> {
        Ca::restore(
            &issuing_spec(&self.base_url),
            Key::from_pkcs8(&unb64(&self.ca_key))?,
            self.ca_der(),
        )
    }

    /// The root CA.
    pub fn root(&self) -> Result<Ca, String> {
        Ca::restore(
            &root_spec(),
            Key::from_pkcs8(&unb64(&self.root_key))?,
            self.root_der(),
        )
    }

    /// The issuing CA certificate (DER).
    pub fn ca_der(&self) -> Vec<u8> {
        unb64(&self.ca_cert)
    }

    /// The root CA certificate (DER).
    pub fn root_der(&self) -> Vec<u8> {
        unb64(&self.root_cert)
    }

    /// The JWT key (PKCS#8).
    pub fn jwt_key_der(&self) -> Vec<u8> {
        unb64(&self.jwt_key)
    }

    /// Issues keys and certificates for accounts that have none.
    fn issue_missing(&mut self) -> Result<(), String> {
        let ca = self.ca()?;
        let base = self.base_url.clone();
        let now = OffsetDateTime::now_utc();
        let todo: Vec<usize> = (0..self.accounts.accounts.len())
            .filter(|i| self.accounts.accounts[*i].cert_der.is_empty())
            .collect();
        // RSA keys are slow to make: make them in parallel.
        let keys: Vec<Result<Key, String>> = std::thread::scope(|s| {
            let handles: Vec<_> = todo
                .iter()
                .map(|i| {
                    let a = &self.accounts.accounts[*i];
                    let rsa = a.usb || a.smartca_user_id.is_some();
                    s.spawn(move || if rsa { Key::rsa(RSA_BITS) } else { Key::ec() })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err("key generation panicked".into()))
                })
                .collect()
        });
        for (i, key) in todo.into_iter().zip(keys) {
            let key = key?;
            let serial = self.next_serial;
            self.next_serial += 1;
            let sb = serial.to_be_bytes();
            let a = &mut self.accounts.accounts[i];
            let der = ca.issue(&account_spec(a, &sb[5..], &base, now), &key)?;
            a.cert_serial = crate::hex_upper(&sb[5..]);
            a.key_pkcs8 = b64(key.pkcs8());
            a.cert_der = b64(&der);
            if a.cert_state == "revoked" {
                let s = a.cert_serial.clone();
                self.revoked.push((
                    s,
                    dvc::clock::rfc3339(now - Duration::days(5)),
                    "keyCompromise".into(),
                ));
            }
        }
        Ok(())
    }

    /// Marks a serial revoked; false if unknown or already revoked.
    pub fn revoke(&mut self, serial: &str, reason: &str) -> bool {
        let s = serial.trim().trim_start_matches('0').to_ascii_uppercase();
        let Some(full) = self
            .accounts
            .accounts
            .iter()
            .find(|a| a.cert_serial.trim_start_matches('0') == s)
            .map(|a| a.cert_serial.clone())
        else {
            return false;
        };
        if self
            .revoked
            .iter()
            .any(|(r, _, _)| r.trim_start_matches('0') == s)
        {
            return false;
        }
        self.revoked.push((
            full,
            dvc::clock::rfc3339(OffsetDateTime::now_utc()),
            reason.into(),
        ));
        true
    }

    /// The revocation of a serial (INTEGER content bytes), if revoked.
    pub fn revocation(&self, serial: &[u8]) -> Option<(OffsetDateTime, String)> {
        let hex = dvc::cert::decode::serial_hex(serial);
        self.revoked
            .iter()
            .find(|(s, _, _)| *s == hex)
            .map(|(_, at, reason)| (parse_time(at), reason.clone()))
    }

    /// The issuing CA's current CRL (DER).
    pub fn crl(&self) -> Result<Vec<u8>, String> {
        let now = OffsetDateTime::now_utc();
        let crl = self.revoked.iter().fold(
            Crl::new(now - Duration::minutes(1), now + Duration::days(1))
                .number(now.unix_timestamp().unsigned_abs()),
            |crl, (s, at, reason)| crl.revoke(&crate::unhex(s), parse_time(at), Some(reason)),
        );
        self.ca()?.crl(&crl)
    }

    /// The root's (empty) CRL.
    pub fn root_crl(&self) -> Result<Vec<u8>, String> {
        let now = OffsetDateTime::now_utc();
        self.root()?.crl(&Crl::new(
            now - Duration::minutes(1),
            now + Duration::days(7),
        ))
    }

    /// The clients: `dvc-cli` plus those of the accounts file.
    pub fn clients(&self) -> Vec<Client> {
        let mut v = vec![Client {
            client_id: DEFAULT_CLIENT.into(),
            redirect_uris: vec![DEFAULT_REDIRECT.into()],
            client_secret: None,
        }];
        v.extend(self.accounts.clients.iter().cloned());
        v
    }
}

fn parse_time(s: &str) -> OffsetDateTime {
    OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}
