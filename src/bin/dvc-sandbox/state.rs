//! The sandbox's lasting state in `--data DIR`: the demo PKI (a root and an
//! issuing CA with Vietnamese names), the JWT signing key, the demo
//! accounts with their keys and certificates, revoked serials, clients.
//! Created on first start; later starts only read it.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, CrlDistributionPoint,
    CustomExtension, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyIdMethod, KeyPair,
    KeyUsagePurpose, RevocationReason, RevokedCertParams, SerialNumber,
};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

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

fn rsa_pkcs8() -> Vec<u8> {
    use rsa::pkcs8::EncodePrivateKey;
    use rsa::Generate;
    rsa::PrivateKey::generate()
        .to_pkcs8_der()
        .map(|d| d.as_bytes().to_vec())
        .unwrap_or_default()
}

fn ec_pkcs8() -> Vec<u8> {
    let rng = ring::rand::SystemRandom::new();
    ring::signature::EcdsaKeyPair::generate_pkcs8(
        &ring::signature::ECDSA_P256_SHA256_ASN1_SIGNING,
        &rng,
    )
    .map(|d| d.as_ref().to_vec())
    .unwrap_or_default()
}

/// A key pair rcgen can use, from PKCS#8.
pub fn rcgen_key(pkcs8: &[u8]) -> Result<KeyPair, String> {
    let der = rustls_pki_types::PrivatePkcs8KeyDer::from(pkcs8.to_vec());
    KeyPair::from_pkcs8_der_and_sign_algo(&der, &rcgen::PKCS_RSA_SHA256)
        .or_else(|_| KeyPair::from_pkcs8_der_and_sign_algo(&der, &rcgen::PKCS_ECDSA_P256_SHA256))
        .map_err(|e| e.to_string())
}

fn uid() -> DnType {
    DnType::CustomDnType(vec![0, 9, 2342, 19200300, 100, 1, 1])
}

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut v = vec![tag];
    let n = content.len();
    if n < 0x80 {
        v.push(n as u8);
    } else if n < 0x100 {
        v.extend([0x81, n as u8]);
    } else {
        v.extend([0x82, (n >> 8) as u8, n as u8]);
    }
    v.extend_from_slice(content);
    v
}

fn aia(ocsp: &str, ca_issuers: &str) -> Vec<u8> {
    let access = |last: u8, uri: &str| {
        let mut c = tlv(0x06, &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, last]);
        c.extend(tlv(0x86, uri.as_bytes()));
        tlv(0x30, &c)
    };
    let mut seq = access(1, ocsp);
    seq.extend(access(2, ca_issuers));
    tlv(0x30, &seq)
}

fn ca_params(cn: &str, org: &str, years: i64) -> CertificateParams {
    let now = OffsetDateTime::now_utc();
    let mut p = CertificateParams::new(Vec::<String>::new()).expect("params"); // ok: no SANs to parse, cannot fail
    p.distinguished_name.push(DnType::CountryName, "VN");
    p.distinguished_name.push(DnType::OrganizationName, org);
    p.distinguished_name.push(DnType::CommonName, cn);
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    p.not_before = now - Duration::days(30);
    p.not_after = now + Duration::days(365 * years);
    p
}

fn root_params() -> CertificateParams {
    ca_params(
        "Sandbox Root CA Việt Nam",
        "Trung tâm Chứng thực Thử nghiệm",
        20,
    )
}

fn issuing_params(base: &str) -> CertificateParams {
    let mut p = ca_params(
        "Sandbox CA Cổng Dịch vụ công (thử nghiệm)",
        "Cổng Dịch vụ công Quốc gia - Sandbox",
        10,
    );
    p.use_authority_key_identifier_extension = true;
    p.crl_distribution_points = vec![CrlDistributionPoint {
        uris: vec![format!("{base}/pki/root.crl")],
    }];
    p
}

impl State {
    fn path(dir: &Path) -> PathBuf {
        dir.join("state.json")
    }

    /// Reads the state, or creates it (keys, CA, accounts) on first use.
    pub fn load_or_create(
        dir: &Path,
        base_url: &str,
        accounts: Option<AccountsFile>,
    ) -> Result<State, String> {
        let p = Self::path(dir);
        if let Ok(bytes) = std::fs::read(&p) {
            let mut s: State =
                serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", p.display()))?;
            if let Some(acc) = accounts {
                s.accounts = acc;
                s.issue_missing()?;
                s.save(dir)?;
            }
            return Ok(s);
        }
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let root_key = ec_pkcs8();
        let ca_key = ec_pkcs8();
        let root_kp = rcgen_key(&root_key)?;
        let root_cert = root_params()
            .self_signed(&root_kp)
            .map_err(|e| e.to_string())?
            .der()
            .to_vec();
        let root_issuer = Issuer::new(root_params(), root_kp);
        let ca_kp = rcgen_key(&ca_key)?;
        let mut ip = issuing_params(base_url);
        ip.serial_number = Some(SerialNumber::from_slice(&[0x02]));
        ip.custom_extensions = vec![CustomExtension::from_oid_content(
            &[1, 3, 6, 1, 5, 5, 7, 1, 1],
            aia(
                &format!("{base_url}/ocsp"),
                &format!("{base_url}/pki/root.cer"),
            ),
        )];
        let ca_cert = ip
            .signed_by(&ca_kp, &root_issuer)
            .map_err(|e| e.to_string())?
            .der()
            .to_vec();
        let jwt_key = rsa_pkcs8();
        let mut s = State {
            base_url: base_url.to_string(),
            root_cert: b64(&root_cert),
            root_key: b64(&root_key),
            ca_cert: b64(&ca_cert),
            ca_key: b64(&ca_key),
            jwt_kid: format!(
                "sandbox-{}",
                &crate_hex(&ring::digest::digest(&ring::digest::SHA256, &jwt_key).as_ref()[..6])
            ),
            jwt_key: b64(&jwt_key),
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

    /// The issuing CA as an rcgen issuer.
    pub fn ca_issuer(&self) -> Result<Issuer<'static, KeyPair>, String> {
        Ok(Issuer::new(
            issuing_params(&self.base_url),
            rcgen_key(&unb64(&self.ca_key))?,
        ))
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
        let issuer = self.ca_issuer()?;
        let base = self.base_url.clone();
        let now = OffsetDateTime::now_utc();
        let todo: Vec<usize> = (0..self.accounts.accounts.len())
            .filter(|i| self.accounts.accounts[*i].cert_der.is_empty())
            .collect();
        // RSA keys are slow to make: make them in parallel.
        let keys: Vec<Vec<u8>> = std::thread::scope(|s| {
            let handles: Vec<_> = todo
                .iter()
                .map(|i| {
                    let a = &self.accounts.accounts[*i];
                    let rsa = a.usb || a.smartca_user_id.is_some();
                    s.spawn(move || if rsa { rsa_pkcs8() } else { ec_pkcs8() })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        for (i, key) in todo.into_iter().zip(keys) {
            let serial = self.next_serial;
            self.next_serial += 1;
            let a = &mut self.accounts.accounts[i];
            let kp = rcgen_key(&key)?;
            let mut p = CertificateParams::new(Vec::<String>::new()).map_err(|e| e.to_string())?;
            p.distinguished_name.push(DnType::CountryName, "VN");
            p.distinguished_name.push(
                DnType::CommonName,
                a.business_name
                    .clone()
                    .unwrap_or_else(|| a.person_name.clone()),
            );
            if let Some(t) = &a.tax_code {
                p.distinguished_name.push(uid(), format!("MST:{t}"));
            } else if let Some(c) = &a.id_number {
                p.distinguished_name.push(uid(), format!("CCCD:{c}"));
            }
            let (from, to) = match a.cert_state.as_str() {
                "expired" => (now - Duration::days(400), now - Duration::days(10)),
                _ => (now - Duration::days(20), now + Duration::days(700)),
            };
            p.not_before = from;
            p.not_after = to;
            let sb = serial.to_be_bytes();
            p.serial_number = Some(SerialNumber::from_slice(&sb[5..]));
            p.key_usages = vec![
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::ContentCommitment,
            ];
            p.extended_key_usages = vec![
                ExtendedKeyUsagePurpose::ClientAuth,
                ExtendedKeyUsagePurpose::EmailProtection,
            ];
            p.use_authority_key_identifier_extension = true;
            p.crl_distribution_points = vec![CrlDistributionPoint {
                uris: vec![format!("{base}/pki/ca.crl")],
            }];
            p.custom_extensions = vec![CustomExtension::from_oid_content(
                &[1, 3, 6, 1, 5, 5, 7, 1, 1],
                aia(&format!("{base}/ocsp"), &format!("{base}/pki/ca.cer")),
            )];
            let der = p
                .signed_by(&kp, &issuer)
                .map_err(|e| e.to_string())?
                .der()
                .to_vec();
            a.cert_serial = crate_hex(&sb[5..]);
            a.key_pkcs8 = b64(&key);
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
        let known = self
            .accounts
            .accounts
            .iter()
            .any(|a| a.cert_serial.trim_start_matches('0') == s);
        if !known
            || self
                .revoked
                .iter()
                .any(|(r, _, _)| r.trim_start_matches('0') == s)
        {
            return false;
        }
        let full = self
            .accounts
            .accounts
            .iter()
            .find(|a| a.cert_serial.trim_start_matches('0') == s)
            .map(|a| a.cert_serial.clone())
            .unwrap_or(s);
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
            .map(|(_, at, reason)| {
                (
                    OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339)
                        .unwrap_or(OffsetDateTime::UNIX_EPOCH),
                    reason.clone(),
                )
            })
    }

    /// The issuing CA's current CRL (DER).
    pub fn crl(&self) -> Result<Vec<u8>, String> {
        let now = OffsetDateTime::now_utc();
        let revoked = self
            .revoked
            .iter()
            .filter_map(|(s, at, reason)| {
                let bytes: Vec<u8> = (0..s.len())
                    .step_by(2)
                    .filter_map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
                    .collect();
                Some(RevokedCertParams {
                    serial_number: SerialNumber::from_slice(&bytes),
                    revocation_time: OffsetDateTime::parse(
                        at,
                        &time::format_description::well_known::Rfc3339,
                    )
                    .ok()?,
                    reason_code: Some(match reason.as_str() {
                        "keyCompromise" => RevocationReason::KeyCompromise,
                        "superseded" => RevocationReason::Superseded,
                        "cessationOfOperation" => RevocationReason::CessationOfOperation,
                        "affiliationChanged" => RevocationReason::AffiliationChanged,
                        _ => RevocationReason::Unspecified,
                    }),
                    invalidity_date: None,
                })
            })
            .collect();
        CertificateRevocationListParams {
            this_update: now - Duration::minutes(1),
            next_update: now + Duration::days(1),
            crl_number: SerialNumber::from_slice(&(now.unix_timestamp() as u64).to_be_bytes()),
            issuing_distribution_point: None,
            revoked_certs: revoked,
            key_identifier_method: KeyIdMethod::Sha256,
        }
        .signed_by(&self.ca_issuer()?)
        .map(|c| c.der().to_vec())
        .map_err(|e| e.to_string())
    }

    /// The root's (empty) CRL.
    pub fn root_crl(&self) -> Result<Vec<u8>, String> {
        let now = OffsetDateTime::now_utc();
        let issuer = Issuer::new(root_params(), rcgen_key(&unb64(&self.root_key))?);
        CertificateRevocationListParams {
            this_update: now - Duration::minutes(1),
            next_update: now + Duration::days(7),
            crl_number: SerialNumber::from_slice(&[1]),
            issuing_distribution_point: None,
            revoked_certs: Vec::new(),
            key_identifier_method: KeyIdMethod::Sha256,
        }
        .signed_by(&issuer)
        .map(|c| c.der().to_vec())
        .map_err(|e| e.to_string())
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

/// Uppercase hex.
pub fn crate_hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}
