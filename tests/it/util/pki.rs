//! The test PKI of the certificate checks, built with the sandbox's builder
//! (`dvc_sandbox::pki`): a root, an intermediate with AIA and CDP pointing
//! at a local HTTP server, OCSP responder certificates, and leaves in every
//! state the checks must tell apart, written to a directory with an
//! `index.txt` for `openssl ocsp`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub use dvc_sandbox::pki::pem;
use dvc_sandbox::pki::{serial_bytes, Ca, Crl, Key, Name, Role, Spec};
use time::{Duration, OffsetDateTime};

/// RSA-2048 keys, made once per test run (in parallel) and shared.
pub fn rsa_key(i: usize) -> Key {
    static KEYS: OnceLock<Vec<Key>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..6)
                .map(|_| s.spawn(|| Key::rsa(2048).expect("RSA key")))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        })
    });
    keys[i % keys.len()].clone()
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
    /// Intermediate key.
    pub int_key: Key,
    /// OCSP responder certificate (delegated, with the OCSPSigning EKU) and key.
    pub responder: (Vec<u8>, Key),
    /// A responder certificate without the OCSPSigning EKU, and its key.
    pub bad_responder: (Vec<u8>, Key),
    /// The leaves by name.
    pub leaves: Vec<(String, Leaf)>,
    /// The CRL of the intermediate (DER).
    pub crl: Vec<u8>,
    /// The CRL of the root (DER).
    pub root_crl: Vec<u8>,
    /// A CRL of the intermediate whose nextUpdate has passed (DER).
    pub stale_crl: Vec<u8>,
}

/// What a leaf looks like.
struct LeafSpec<'a> {
    /// Name in the PKI.
    name: &'a str,
    /// Common name.
    cn: &'a str,
    /// UID value.
    uid: &'a str,
    /// Validity relative to now, in days (from, to).
    days: (i64, i64),
    /// EC P-256 instead of RSA.
    ec: bool,
    /// Serial number.
    serial: u64,
}

const LEAVES: [LeafSpec<'static>; 9] = [
    LeafSpec {
        name: "valid",
        cn: "Công ty TNHH Thử Nghiệm Số",
        uid: "MST:0101234567",
        days: (-30, 335),
        ec: false,
        serial: 0x1001,
    },
    LeafSpec {
        name: "warn",
        cn: "Công ty Cổ phần Sắp Hết Hạn",
        uid: "MST:0102000001",
        days: (-345, 20),
        ec: false,
        serial: 0x1002,
    },
    LeafSpec {
        name: "crit",
        cn: "Công ty TNHH Ba Ngày",
        uid: "MST:0102000002",
        days: (-362, 3),
        ec: false,
        serial: 0x1003,
    },
    LeafSpec {
        name: "expired",
        cn: "Công ty Đã Hết Hạn",
        uid: "MST:0102000003",
        days: (-400, -2),
        ec: false,
        serial: 0x1004,
    },
    LeafSpec {
        name: "future",
        cn: "Công ty Chưa Hiệu Lực",
        uid: "MST:0102000004",
        days: (5, 370),
        ec: false,
        serial: 0x1005,
    },
    LeafSpec {
        name: "revoked",
        cn: "Công ty Bị Thu Hồi",
        uid: "MST:0102000005",
        days: (-30, 335),
        ec: false,
        serial: 0x1006,
    },
    LeafSpec {
        name: "citizen",
        cn: "Nguyễn Thị Hồng",
        uid: "CCCD:001099012345",
        days: (-30, 700),
        ec: true,
        serial: 0x1007,
    },
    LeafSpec {
        name: "branch",
        cn: "Chi nhánh Công ty Thử Nghiệm tại TP.HCM",
        uid: "MST:0301519977-029",
        days: (-30, 335),
        ec: false,
        serial: 0x1008,
    },
    LeafSpec {
        name: "lookalike",
        cn: "Công ty Giả Mạo",
        uid: "MST:0109999999",
        days: (-30, 335),
        ec: false,
        serial: 0x100A,
    },
];

impl Pki {
    /// Builds the PKI; `http` is the base URL serving `/root.cer`, `/int.cer`,
    /// `/int.crl`, `/root.crl`; `ocsp` is the OCSP responder URL.
    pub fn build(dir: &Path, http: &str, ocsp: &str) -> Pki {
        let now = OffsetDateTime::now_utc();
        std::fs::create_dir_all(dir).unwrap();
        let root = Ca::self_signed(
            &Spec::new(
                Role::Ca { path_len: None },
                Name::new()
                    .c("VN")
                    .o("Bộ Thử nghiệm")
                    .cn("Test Root CA Việt Nam"),
            )
            .serial(0x01)
            .days(-3650, 3650),
            rsa_key(0),
        )
        .unwrap();
        let int_spec = || {
            Spec::new(
                Role::Ca { path_len: Some(0) },
                Name::new()
                    .c("VN")
                    .o("Công ty Chứng thực Thử nghiệm")
                    .cn("CA Thử nghiệm SHA-256"),
            )
            .days(-1000, 2000)
        };
        let int = root
            .issue_ca(
                &int_spec()
                    .serial(0x1001)
                    .crl(format!("{http}/root.crl"))
                    .ca_issuers(format!("{http}/root.cer")),
                rsa_key(1),
            )
            .unwrap();
        // A look-alike: same name as the intermediate, another key.
        let fake = Ca::self_signed(&int_spec(), rsa_key(2)).unwrap();

        let responder_cert = |eku: bool, serial: u8| {
            let key = Key::ec().unwrap();
            let der = int
                .issue(
                    &Spec::new(
                        Role::OcspResponder { eku },
                        Name::new().c("VN").cn("OCSP Responder Thử nghiệm"),
                    )
                    .serial_bytes(&[0x20, serial])
                    .days(-10, 300),
                    &key,
                )
                .unwrap();
            (der, key)
        };
        let responder = responder_cert(true, 1);
        let bad_responder = responder_cert(false, 2);

        let mut leaves = Vec::new();
        for s in &LEAVES {
            let key = if s.ec {
                Key::ec().unwrap()
            } else {
                rsa_key(3 + (s.serial as usize % 3))
            };
            // Half a day more, so "N days left" reads N for the whole test.
            let not_after = now + Duration::days(s.days.1) + Duration::hours(12);
            let spec = Spec::new(
                Role::Leaf,
                Name::new().c("VN").l("Hà Nội").cn(s.cn).uid(s.uid),
            )
            .serial(s.serial)
            .valid(now + Duration::days(s.days.0), not_after)
            .crl(format!("{http}/int.crl"))
            .ocsp(ocsp)
            .ca_issuers(format!("{http}/int.cer"));
            let issuer = if s.name == "lookalike" { &fake } else { &int };
            leaves.push((
                s.name.to_string(),
                Leaf {
                    der: issuer.issue(&spec, &key).unwrap(),
                    key_pem: key.pem(),
                    serial: dvc::cert::decode::serial_hex(&serial_bytes(s.serial)),
                    not_after,
                },
            ));
        }
        let crl = int
            .crl(
                &Crl::new(now - Duration::hours(1), now + Duration::days(7)).revoke(
                    &serial_bytes(0x1006),
                    now - Duration::days(3),
                    Some("keyCompromise"),
                ),
            )
            .unwrap();
        let root_crl = root
            .crl(&Crl::new(
                now - Duration::hours(1),
                now + Duration::days(30),
            ))
            .unwrap();
        let stale_crl = int
            .crl(&Crl::new(now - Duration::days(10), now - Duration::days(2)).number(0))
            .unwrap();
        let mut pki = Pki {
            dir: dir.to_path_buf(),
            root: root.der().to_vec(),
            int: int.der().to_vec(),
            int_key: int.key().clone(),
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
    pub fn int_signing_key(&self) -> dvc_sandbox::signature::SigningKey {
        self.int_key.signing_key().unwrap()
    }

    /// The path of a leaf's PEM file.
    pub fn leaf_pem(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.pem"))
    }

    /// Issues a leaf with the `openssl` CLI (several UIDs, which rcgen
    /// cannot make; an RSA-PSS signature by the intermediate).
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
        w("int.key", self.int_key.pem().as_bytes());
        w(
            "responder.pem",
            pem("CERTIFICATE", &self.responder.0).as_bytes(),
        );
        w("responder.key", self.responder.1.pem().as_bytes());
        w(
            "bad-responder.pem",
            pem("CERTIFICATE", &self.bad_responder.0).as_bytes(),
        );
        w("bad-responder.key", self.bad_responder.1.pem().as_bytes());
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
