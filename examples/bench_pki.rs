//! Writes a benchmark PKI: a CA (EC P-256) and N leaf certificates whose AIA
//! names an OCSP responder, plus an `index.txt` for `openssl ocsp`.
//!
//! ```sh
//! cargo run --release --example bench_pki -- DIR N OCSP_URL
//! ```

use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DnType, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SerialNumber,
};
use time::{Duration, OffsetDateTime};

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut v = vec![tag];
    let n = content.len();
    if n < 0x80 {
        v.push(n as u8);
    } else {
        v.extend([0x81, n as u8]);
    }
    v.extend_from_slice(content);
    v
}

fn pem(der: &[u8]) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let body: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        body.join("\n")
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, n, ocsp) = match args.as_slice() {
        [d, n, o] => (
            std::path::PathBuf::from(d),
            n.parse::<usize>().expect("N"),
            o.clone(),
        ),
        _ => {
            eprintln!("usage: bench_pki DIR N OCSP_URL");
            std::process::exit(2);
        }
    };
    std::fs::create_dir_all(dir.join("certs")).unwrap();
    let now = OffsetDateTime::now_utc();
    let ca_key = KeyPair::generate().unwrap();
    let mut cp = CertificateParams::new(Vec::<String>::new()).unwrap();
    cp.distinguished_name.push(DnType::CountryName, "VN");
    cp.distinguished_name
        .push(DnType::CommonName, "Bench CA Việt Nam");
    cp.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    cp.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    cp.not_before = now - Duration::days(10);
    cp.not_after = now + Duration::days(3650);
    let ca = cp.self_signed(&ca_key).unwrap();
    std::fs::write(dir.join("ca.pem"), pem(ca.der())).unwrap();
    std::fs::write(dir.join("ca.key"), ca_key.serialize_pem()).unwrap();
    let issuer = Issuer::new(cp, ca_key);
    let mut access = tlv(0x06, &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01]);
    access.extend(tlv(0x86, ocsp.as_bytes()));
    let aia = tlv(0x30, &tlv(0x30, &access));
    let mut index = String::new();
    for i in 0..n {
        let key = KeyPair::generate().unwrap();
        let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
        p.distinguished_name.push(DnType::CountryName, "VN");
        p.distinguished_name
            .push(DnType::CommonName, format!("Công ty Khách hàng số {i}"));
        p.distinguished_name.push(
            DnType::CustomDnType(vec![0, 9, 2342, 19200300, 100, 1, 1]),
            format!("MST:{:010}", 100_000_000 + i),
        );
        p.not_before = now - Duration::days(30);
        p.not_after = now + Duration::days(60 + (i % 700) as i64);
        let serial = (0x10_0000 + i as u64).to_be_bytes();
        p.serial_number = Some(SerialNumber::from_slice(&serial[5..]));
        p.custom_extensions = vec![CustomExtension::from_oid_content(
            &[1, 3, 6, 1, 5, 5, 7, 1, 1],
            aia.clone(),
        )];
        let cert = p.signed_by(&key, &issuer).unwrap();
        std::fs::write(
            dir.join("certs").join(format!("c{i:05}.pem")),
            pem(cert.der()),
        )
        .unwrap();
        let hex: String = serial[5..].iter().map(|b| format!("{b:02X}")).collect();
        index.push_str(&format!("V\t350101000000Z\t\t{hex}\tunknown\t/CN=c{i}\n"));
    }
    std::fs::write(dir.join("index.txt"), index).unwrap();
    std::fs::write(dir.join("index.txt.attr"), "unique_subject = no\n").unwrap();
    println!("wrote {n} certificates to {}", dir.display());
}
