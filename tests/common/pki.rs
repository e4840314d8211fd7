//! A test PKI shaped like Vietnam's: a root, an intermediate with AIA and
//! CDP pointing at a local HTTP server, an OCSP responder certificate, and
//! leaves in every state the checks must tell apart.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, CrlDistributionPoint,
    CustomExtension, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyIdMethod, KeyPair,
    KeyUsagePurpose, RevocationReason, RevokedCertParams, SerialNumber,
};
use time::{Duration, OffsetDateTime};

/// RSA-2048 PKCS#8 keys, made once per test binary with `openssl genpkey`.
pub fn rsa_key(i: usize) -> KeyPair {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        (0..6)
            .map(|_| {
                let out = Command::new("openssl")
                    .args([
                        "genpkey",
                        "-algorithm",
                        "RSA",
                        "-pkeyopt",
                        "rsa_keygen_bits:2048",
                    ])
                    .output()
                    .expect("openssl genpkey (apt-get install openssl)");
                assert!(out.status.success());
                String::from_utf8(out.stdout).unwrap()
            })
            .collect()
    });
    KeyPair::from_pem_and_sign_algo(&keys[i % keys.len()], &rcgen::PKCS_RSA_SHA256)
        .expect("rsa key")
}

/// The PEM of a key.
pub fn key_pem(k: &KeyPair) -> String {
    k.serialize_pem()
}

/// One certificate of the PKI.
pub struct Leaf {
    /// DER.
    pub der: Vec<u8>,
    /// Its key (PKCS#8 PEM).
    pub key_pem: String,
    /// Its serial, uppercase hex as OpenSSL prints it.
    pub serial: String,
    /// notAfter.
    pub not_after: OffsetDateTime,
}

/// The whole PKI, written to a directory.
pub struct Pki {
    /// Where the files are.
    pub dir: PathBuf,
    /// Root CA DER.
    pub root: Vec<u8>,
    /// Intermediate CA DER.
    pub int: Vec<u8>,
    /// Intermediate key PEM.
    pub int_key: String,
    /// OCSP responder certificate (delegated, with the OCSPSigning EKU) and key.
    pub responder: (Vec<u8>, String),
    /// A responder certificate without the OCSPSigning EKU, and its key.
    pub bad_responder: (Vec<u8>, String),
    /// The leaves by name.
    pub leaves: Vec<(String, Leaf)>,
    /// The CRL of the intermediate (DER).
    pub crl: Vec<u8>,
    /// The CRL of the root (DER).
    pub root_crl: Vec<u8>,
    /// A CRL of the intermediate whose nextUpdate has passed (DER).
    pub stale_crl: Vec<u8>,
}

fn dn(params: &mut CertificateParams, parts: &[(DnType, &str)]) {
    for (t, v) in parts {
        params.distinguished_name.push(t.clone(), *v);
    }
}

fn uid() -> DnType {
    DnType::CustomDnType(vec![0, 9, 2342, 19200300, 100, 1, 1])
}

/// DER of an AIA extension value with an OCSP and a caIssuers URI.
fn aia(ocsp: Option<&str>, ca_issuers: &str) -> Vec<u8> {
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
    let access = |oid_last: u8, uri: &str| {
        let mut c = tlv(0x06, &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, oid_last]);
        c.extend(tlv(0x86, uri.as_bytes()));
        tlv(0x30, &c)
    };
    let mut seq = Vec::new();
    if let Some(o) = ocsp {
        seq.extend(access(1, o));
    }
    seq.extend(access(2, ca_issuers));
    tlv(0x30, &seq)
}

/// Uppercase hex of the serial as OpenSSL prints it.
pub fn serial_hex(bytes: &[u8]) -> String {
    let mut b = bytes;
    while b.len() > 1 && b[0] == 0 {
        b = &b[1..];
    }
    b.iter().map(|x| format!("{x:02X}")).collect()
}

/// What a leaf looks like.
pub struct LeafSpec<'a> {
    /// Name in the PKI.
    pub name: &'a str,
    /// Common name.
    pub cn: &'a str,
    /// UID values.
    pub uids: &'a [&'a str],
    /// Validity relative to now, in days (from, to).
    pub days: (i64, i64),
    /// EC P-256 instead of RSA.
    pub ec: bool,
    /// Serial number.
    pub serial: u64,
}

impl Pki {
    /// Builds the PKI; `http` is the base URL serving `/root.cer`, `/int.cer`,
    /// `/int.crl`, `/root.crl`; `ocsp` is the OCSP responder URL.
    pub fn build(dir: &Path, http: &str, ocsp: &str) -> Pki {
        let now = OffsetDateTime::now_utc();
        std::fs::create_dir_all(dir).unwrap();
        let root_key = rsa_key(0);
        let mut rp = CertificateParams::new(Vec::<String>::new()).unwrap();
        dn(
            &mut rp,
            &[
                (DnType::CountryName, "VN"),
                (DnType::OrganizationName, "Bộ Thử nghiệm"),
                (DnType::CommonName, "Test Root CA Việt Nam"),
            ],
        );
        rp.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        rp.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        rp.not_before = now - Duration::days(3650);
        rp.not_after = now + Duration::days(3650);
        rp.serial_number = Some(SerialNumber::from_slice(&[0x01]));
        let root = rp.self_signed(&root_key).unwrap().der().to_vec();
        let root_issuer = Issuer::new(rp, root_key);

        let int_key = rsa_key(1);
        let int_key_pem = int_key.serialize_pem();
        let int_params = || {
            let mut ip = CertificateParams::new(Vec::<String>::new()).unwrap();
            dn(
                &mut ip,
                &[
                    (DnType::CountryName, "VN"),
                    (DnType::OrganizationName, "Công ty Chứng thực Thử nghiệm"),
                    (DnType::CommonName, "CA Thử nghiệm SHA-256"),
                ],
            );
            ip.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
            ip.key_usages = vec![
                KeyUsagePurpose::KeyCertSign,
                KeyUsagePurpose::CrlSign,
                KeyUsagePurpose::DigitalSignature,
            ];
            ip.not_before = now - Duration::days(1000);
            ip.not_after = now + Duration::days(2000);
            ip.use_authority_key_identifier_extension = true;
            ip
        };
        let mut ip = int_params();
        ip.serial_number = Some(SerialNumber::from_slice(&[0x10, 0x01]));
        ip.crl_distribution_points = vec![CrlDistributionPoint {
            uris: vec![format!("{http}/root.crl")],
        }];
        ip.custom_extensions = vec![CustomExtension::from_oid_content(
            &[1, 3, 6, 1, 5, 5, 7, 1, 1],
            aia(None, &format!("{http}/root.cer")),
        )];
        let int = ip.signed_by(&int_key, &root_issuer).unwrap().der().to_vec();
        let int_issuer = Issuer::new(int_params(), int_key);

        // A look-alike: same name as the intermediate, another key.
        let fake_key = rsa_key(2);
        let fake_issuer = Issuer::new(int_params(), fake_key);

        let responder_cert = |eku: bool, serial: u8| {
            let key = KeyPair::generate().unwrap();
            let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
            dn(
                &mut p,
                &[
                    (DnType::CountryName, "VN"),
                    (DnType::CommonName, "OCSP Responder Thử nghiệm"),
                ],
            );
            p.not_before = now - Duration::days(10);
            p.not_after = now + Duration::days(300);
            p.serial_number = Some(SerialNumber::from_slice(&[0x20, serial]));
            p.key_usages = vec![KeyUsagePurpose::DigitalSignature];
            if eku {
                p.extended_key_usages = vec![ExtendedKeyUsagePurpose::OcspSigning];
            }
            let der = p.signed_by(&key, &int_issuer).unwrap().der().to_vec();
            (der, key.serialize_pem())
        };
        let responder = responder_cert(true, 1);
        let bad_responder = responder_cert(false, 2);

        let specs = [
            LeafSpec {
                name: "valid",
                cn: "Công ty TNHH Thử Nghiệm Số",
                uids: &["MST:0101234567"],
                days: (-30, 335),
                ec: false,
                serial: 0x1001,
            },
            LeafSpec {
                name: "warn",
                cn: "Công ty Cổ phần Sắp Hết Hạn",
                uids: &["MST:0102000001"],
                days: (-345, 20),
                ec: false,
                serial: 0x1002,
            },
            LeafSpec {
                name: "crit",
                cn: "Công ty TNHH Ba Ngày",
                uids: &["MST:0102000002"],
                days: (-362, 3),
                ec: false,
                serial: 0x1003,
            },
            LeafSpec {
                name: "expired",
                cn: "Công ty Đã Hết Hạn",
                uids: &["MST:0102000003"],
                days: (-400, -2),
                ec: false,
                serial: 0x1004,
            },
            LeafSpec {
                name: "future",
                cn: "Công ty Chưa Hiệu Lực",
                uids: &["MST:0102000004"],
                days: (5, 370),
                ec: false,
                serial: 0x1005,
            },
            LeafSpec {
                name: "revoked",
                cn: "Công ty Bị Thu Hồi",
                uids: &["MST:0102000005"],
                days: (-30, 335),
                ec: false,
                serial: 0x1006,
            },
            LeafSpec {
                name: "citizen",
                cn: "Nguyễn Thị Hồng",
                uids: &["CCCD:001099012345"],
                days: (-30, 700),
                ec: true,
                serial: 0x1007,
            },
            LeafSpec {
                name: "branch",
                cn: "Chi nhánh Công ty Thử Nghiệm tại TP.HCM",
                uids: &["MST:0301519977-029"],
                days: (-30, 335),
                ec: false,
                serial: 0x1008,
            },
            LeafSpec {
                name: "lookalike",
                cn: "Công ty Giả Mạo",
                uids: &["MST:0109999999"],
                days: (-30, 335),
                ec: false,
                serial: 0x100A,
            },
        ];
        let mut leaves = Vec::new();
        for s in &specs {
            let key = if s.ec {
                KeyPair::generate().unwrap()
            } else {
                rsa_key(3 + (s.serial as usize % 3))
            };
            let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
            dn(
                &mut p,
                &[
                    (DnType::CountryName, "VN"),
                    (DnType::LocalityName, "Hà Nội"),
                    (DnType::CommonName, s.cn),
                ],
            );
            for u in s.uids {
                p.distinguished_name.push(uid(), *u);
            }
            p.not_before = now + Duration::days(s.days.0);
            // Half a day more, so "N days left" reads N for the whole test.
            p.not_after = now + Duration::days(s.days.1) + Duration::hours(12);
            let serial = s.serial.to_be_bytes();
            let serial = &serial[serial.iter().position(|b| *b != 0).unwrap_or(7)..];
            p.serial_number = Some(SerialNumber::from_slice(serial));
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
                uris: vec![format!("{http}/int.crl")],
            }];
            p.custom_extensions = vec![CustomExtension::from_oid_content(
                &[1, 3, 6, 1, 5, 5, 7, 1, 1],
                aia(Some(ocsp), &format!("{http}/int.cer")),
            )];
            let issuer = if s.name == "lookalike" {
                &fake_issuer
            } else {
                &int_issuer
            };
            let der = p.signed_by(&key, issuer).unwrap().der().to_vec();
            leaves.push((
                s.name.to_string(),
                Leaf {
                    der,
                    key_pem: key.serialize_pem(),
                    serial: serial_hex(serial),
                    not_after: p.not_after,
                },
            ));
        }
        let revoked_serial = 0x1006u64.to_be_bytes();
        let crl = CertificateRevocationListParams {
            this_update: now - Duration::hours(1),
            next_update: now + Duration::days(7),
            crl_number: SerialNumber::from_slice(&[1]),
            issuing_distribution_point: None,
            revoked_certs: vec![RevokedCertParams {
                serial_number: SerialNumber::from_slice(&revoked_serial[6..]),
                revocation_time: now - Duration::days(3),
                reason_code: Some(RevocationReason::KeyCompromise),
                invalidity_date: None,
            }],
            key_identifier_method: KeyIdMethod::Sha256,
        }
        .signed_by(&int_issuer)
        .unwrap()
        .der()
        .to_vec();
        let root_crl = CertificateRevocationListParams {
            this_update: now - Duration::hours(1),
            next_update: now + Duration::days(30),
            crl_number: SerialNumber::from_slice(&[1]),
            issuing_distribution_point: None,
            revoked_certs: vec![],
            key_identifier_method: KeyIdMethod::Sha256,
        }
        .signed_by(&root_issuer)
        .unwrap()
        .der()
        .to_vec();
        let stale_crl = CertificateRevocationListParams {
            this_update: now - Duration::days(10),
            next_update: now - Duration::days(2),
            crl_number: SerialNumber::from_slice(&[0]),
            issuing_distribution_point: None,
            revoked_certs: vec![],
            key_identifier_method: KeyIdMethod::Sha256,
        }
        .signed_by(&int_issuer)
        .unwrap()
        .der()
        .to_vec();
        let mut pki = Pki {
            dir: dir.to_path_buf(),
            root,
            int,
            int_key: int_key_pem,
            responder,
            bad_responder,
            leaves,
            crl,
            root_crl,
            stale_crl,
        };
        pki.write();
        let two = pki.openssl_leaf(
            "two_uids",
            "/C=VN/CN=Trần Văn Bình/UID=MST:8012345678/UID=CCCD:079090001234",
            0x1009,
            http,
            ocsp,
        );
        pki.leaves.push(("two_uids".into(), two));
        pki.write();
        pki
    }

    /// The intermediate's key, for signing test OCSP responses.
    pub fn int_signing_key(&self) -> dvc::cert::ocsp::SigningKey {
        use base64::Engine as _;
        let b64: String = self
            .int_key
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        let der = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        dvc::cert::ocsp::SigningKey::from_pkcs8(&der).unwrap()
    }

    /// A leaf by name.
    pub fn leaf(&self, name: &str) -> &Leaf {
        &self
            .leaves
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no leaf {name}"))
            .1
    }

    /// The path of a leaf's PEM file.
    pub fn leaf_pem(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.pem"))
    }

    /// Issues a leaf with the `openssl` CLI (several UIDs, an RSA-PSS signature by the intermediate).
    fn openssl_leaf(&self, name: &str, subj: &str, serial: u64, http: &str, ocsp: &str) -> Leaf {
        let ext = format!(
            "authorityInfoAccess=OCSP;URI:{ocsp},caIssuers;URI:{http}/int.cer\ncrlDistributionPoints=URI:{http}/int.crl\nkeyUsage=digitalSignature,nonRepudiation\nextendedKeyUsage=clientAuth\nauthorityKeyIdentifier=keyid\n"
        );
        std::fs::write(self.dir.join(format!("{name}.ext")), ext).unwrap();
        let run = |args: &[&str]| {
            let out = Command::new("openssl")
                .current_dir(&self.dir)
                .args(args)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "openssl {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        run(&[
            "req",
            "-new",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-utf8",
            "-keyout",
            &format!("{name}.key"),
            "-subj",
            subj,
            "-out",
            &format!("{name}.csr"),
        ]);
        run(&[
            "x509",
            "-req",
            "-in",
            &format!("{name}.csr"),
            "-CA",
            "int.pem",
            "-CAkey",
            "int.key",
            "-set_serial",
            &format!("0x{serial:x}"),
            "-days",
            "200",
            "-sha256",
            "-sigopt",
            "rsa_padding_mode:pss",
            "-sigopt",
            "rsa_pss_saltlen:32",
            "-extfile",
            &format!("{name}.ext"),
            "-outform",
            "DER",
            "-out",
            &format!("{name}.der"),
        ]);
        let der = std::fs::read(self.dir.join(format!("{name}.der"))).unwrap();
        let key_pem = std::fs::read_to_string(self.dir.join(format!("{name}.key"))).unwrap();
        let info = dvc::cert::decode_der(&der).unwrap();
        Leaf {
            der,
            key_pem,
            serial: info.serial,
            not_after: info.not_after,
        }
    }

    fn write(&self) {
        let w = |name: &str, data: &[u8]| std::fs::write(self.dir.join(name), data).unwrap();
        w("root.pem", pem("CERTIFICATE", &self.root).as_bytes());
        w("root.cer", &self.root);
        w("int.pem", pem("CERTIFICATE", &self.int).as_bytes());
        w("int.cer", &self.int);
        w("int.key", self.int_key.as_bytes());
        w(
            "responder.pem",
            pem("CERTIFICATE", &self.responder.0).as_bytes(),
        );
        w("responder.key", self.responder.1.as_bytes());
        w(
            "bad-responder.pem",
            pem("CERTIFICATE", &self.bad_responder.0).as_bytes(),
        );
        w("bad-responder.key", self.bad_responder.1.as_bytes());
        w("int.crl", &self.crl);
        w("root.crl", &self.root_crl);
        let mut index = String::new();
        for (name, leaf) in &self.leaves {
            w(
                &format!("{name}.pem"),
                pem("CERTIFICATE", &leaf.der).as_bytes(),
            );
            w(&format!("{name}.der"), &leaf.der);
            w(&format!("{name}.key"), leaf.key_pem.as_bytes());
            let exp = ossl_time(leaf.not_after);
            if name == "revoked" {
                let rev = ossl_time(OffsetDateTime::now_utc() - Duration::days(3));
                index.push_str(&format!(
                    "R\t{exp}\t{rev},keyCompromise\t{}\tunknown\t/CN={name}\n",
                    leaf.serial
                ));
            } else {
                index.push_str(&format!(
                    "V\t{exp}\t\t{}\tunknown\t/CN={name}\n",
                    leaf.serial
                ));
            }
        }
        w("index.txt", index.as_bytes());
        w("index.txt.attr", b"unique_subject = no\n");
    }
}

/// PEM text of one DER object.
pub fn pem(label: &str, der: &[u8]) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

fn ossl_time(t: OffsetDateTime) -> String {
    format!(
        "{:02}{:02}{:02}{:02}{:02}{:02}Z",
        t.year() % 100,
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}
