//! Golden files: the exact JSON of `dvc cert check --format json` and
//! `dvc cert show --json` for a deterministic test PKI (fixed keys, names,
//! serials and dates; `--at` fixes the clock), in English and Vietnamese.
//! Machine-readable fields never change with `--lang`: only `problems` and
//! `revocation.error` are text for people.
//!
//! `DVC_UPDATE_GOLDEN=1 cargo test --test it cert_golden::` rewrites the files.

use std::path::{Path, PathBuf};

use crate::util::{pki, Home};
use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    SerialNumber,
};
use serde_json::Value;
use time::macros::datetime;
use time::OffsetDateTime;

const AT: &str = "2027-03-01T00:00:00Z";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cert_golden")
}

fn key(name: &str) -> KeyPair {
    let pem = std::fs::read_to_string(fixtures().join("keys").join(format!("{name}.pem"))).unwrap();
    KeyPair::from_pem_and_sign_algo(&pem, &rcgen::PKCS_RSA_SHA256).unwrap()
}

fn pem(der: &[u8]) -> String {
    pki::pem("CERTIFICATE", der)
}

fn params(
    names: &[(DnType, &str)],
    serial: u16,
    from: OffsetDateTime,
    until: OffsetDateTime,
) -> CertificateParams {
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    for (t, v) in names {
        p.distinguished_name.push(t.clone(), *v);
    }
    p.serial_number = Some(SerialNumber::from_slice(&serial.to_be_bytes()));
    p.not_before = from;
    p.not_after = until;
    p.use_authority_key_identifier_extension = true;
    p
}

fn ca_params(
    cn: &str,
    serial: u16,
    from: OffsetDateTime,
    until: OffsetDateTime,
) -> CertificateParams {
    let mut p = params(
        &[
            (DnType::CountryName, "VN"),
            (DnType::OrganizationName, "Công ty Chứng thực Vàng"),
            (DnType::CommonName, cn),
        ],
        serial,
        from,
        until,
    );
    p.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    p
}

fn uid() -> DnType {
    DnType::CustomDnType(vec![0, 9, 2342, 19200300, 100, 1, 1])
}

/// Writes the PKI into `dir`: `root.pem`, `ca.pem`, and `certs/` (the
/// directory checked, with a junk file).
fn build(dir: &Path) {
    let certs = dir.join("certs");
    std::fs::create_dir_all(&certs).unwrap();
    let mut rp = params(
        &[
            (DnType::CountryName, "VN"),
            (DnType::OrganizationName, "Bộ Thử nghiệm"),
            (DnType::CommonName, "Gốc Thử nghiệm Vàng"),
        ],
        0x01,
        datetime!(2020-01-01 00:00 UTC),
        datetime!(2040-01-01 00:00 UTC),
    );
    rp.use_authority_key_identifier_extension = false;
    rp.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    rp.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let root_key = key("root");
    let root = rp.self_signed(&root_key).unwrap().der().to_vec();
    let root_issuer = Issuer::new(rp, root_key);
    let ca_key = key("ca");
    let from = datetime!(2021-01-01 00:00 UTC);
    let until = datetime!(2035-01-01 00:00 UTC);
    let ca = ca_params("CA Vàng SHA-256", 0x10, from, until)
        .signed_by(&ca_key, &root_issuer)
        .unwrap()
        .der()
        .to_vec();
    let ca_issuer = Issuer::new(ca_params("CA Vàng SHA-256", 0x10, from, until), ca_key);
    let other_issuer = Issuer::new(ca_params("CA Không Rõ", 0x11, from, until), key("other"));
    std::fs::write(dir.join("root.pem"), pem(&root)).unwrap();
    std::fs::write(dir.join("ca.pem"), pem(&ca)).unwrap();
    let leaf_key = key("leaf");
    let leaves: [(&str, &str, &str, u16, OffsetDateTime, OffsetDateTime); 7] = [
        (
            "01-ok",
            "Công ty TNHH Vàng Số",
            "MST:0101234567",
            0x1001,
            datetime!(2026-06-01 00:00 UTC),
            datetime!(2028-06-01 00:00 UTC),
        ),
        (
            "02-warn",
            "Công ty CP Sắp Hết Hạn",
            "MST:0102000001",
            0x1002,
            datetime!(2026-03-21 00:00 UTC),
            datetime!(2027-03-21 12:00 UTC),
        ),
        (
            "03-crit",
            "Công ty TNHH Ba Ngày",
            "MST:0102000002",
            0x1003,
            datetime!(2026-03-04 00:00 UTC),
            datetime!(2027-03-04 12:00 UTC),
        ),
        (
            "04-expired",
            "Công ty Đã Hết Hạn",
            "MST:0102000003",
            0x1004,
            datetime!(2026-02-01 00:00 UTC),
            datetime!(2027-02-01 00:00 UTC),
        ),
        (
            "05-future",
            "Công ty Chưa Hiệu Lực",
            "MST:0102000004",
            0x1005,
            datetime!(2027-06-01 00:00 UTC),
            datetime!(2029-06-01 00:00 UTC),
        ),
        (
            "06-citizen",
            "Nguyễn Thị Hồng",
            "CCCD:001099012345",
            0x1006,
            datetime!(2026-01-01 00:00 UTC),
            datetime!(2028-01-01 00:00 UTC),
        ),
        (
            "09-orphan",
            "Công ty Mồ Côi",
            "MST:0109999999",
            0x1009,
            datetime!(2026-01-01 00:00 UTC),
            datetime!(2028-01-01 00:00 UTC),
        ),
    ];
    for (file, cn, id, serial, from, until) in leaves {
        let mut p = params(
            &[
                (DnType::CountryName, "VN"),
                (DnType::LocalityName, "Hà Nội"),
                (DnType::CommonName, cn),
                (uid(), id),
            ],
            serial,
            from,
            until,
        );
        p.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::ContentCommitment,
        ];
        let issuer = if file == "09-orphan" {
            &other_issuer
        } else {
            &ca_issuer
        };
        let der = p.signed_by(&leaf_key, issuer).unwrap().der().to_vec();
        std::fs::write(certs.join(format!("{file}.pem")), pem(&der)).unwrap();
    }
    std::fs::write(certs.join("07-root.pem"), pem(&root)).unwrap();
    std::fs::write(
        certs.join("08-junk.crt"),
        b"\x8f\x13 not a certificate \xff",
    )
    .unwrap();
}

fn dvc(home: &Home, dir: &Path, args: &[&str]) -> (i32, String) {
    let out = home.dvc().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// Compares with (or, under DVC_UPDATE_GOLDEN=1, rewrites) a golden file.
fn golden(name: &str, actual: &str) {
    let path = fixtures().join(name);
    if std::env::var_os("DVC_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (DVC_UPDATE_GOLDEN=1 writes it)", path.display()));
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "{name} differs from line {}:\n--- expected\n{}\n--- actual\n{}\n(DVC_UPDATE_GOLDEN=1 rewrites it)",
            first + 1,
            expected.lines().skip(first).take(5).collect::<Vec<_>>().join("\n"),
            actual.lines().skip(first).take(5).collect::<Vec<_>>().join("\n"),
        );
    }
}

/// Blanks the text meant for people, so the rest can be compared across languages.
fn machine_fields(mut v: Value) -> Value {
    for c in v["certificates"].as_array_mut().unwrap() {
        c["problems"] = Value::Null;
        c["revocation"]["error"] = Value::Null;
    }
    v
}

#[test]
fn check_json_is_exactly_the_golden_file_in_both_languages() {
    let home = Home::new();
    let dir = home.root().join("pki");
    build(&dir);
    let args = [
        "cert",
        "check",
        "certs",
        "--trust",
        "root.pem",
        "--chain",
        "ca.pem",
        "--at",
        AT,
        "--on-revocation-error",
        "ok",
        "--format",
        "json",
    ];
    let (code, en) = dvc(&home, &dir, &args);
    assert_eq!(code, 2, "{en}");
    golden("check.en.json", &en);
    let mut vi_args = vec!["--lang", "vi"];
    vi_args.extend_from_slice(&args);
    let (code, vi) = dvc(&home, &dir, &vi_args);
    assert_eq!(code, 2, "{vi}");
    golden("check.vi.json", &vi);
    let (en, vi): (Value, Value) = (
        serde_json::from_str(&en).unwrap(),
        serde_json::from_str(&vi).unwrap(),
    );
    assert_ne!(en, vi, "the problems are translated");
    assert_eq!(machine_fields(en), machine_fields(vi));
}

#[test]
fn show_json_is_exactly_the_golden_file() {
    let home = Home::new();
    let dir = home.root().join("pki");
    build(&dir);
    let (code, out) = dvc(
        &home,
        &dir,
        &["cert", "show", "--json", "--at", AT, "certs/01-ok.pem"],
    );
    assert_eq!(code, 0, "{out}");
    golden("show.json", &out);
    let (_, vi) = dvc(
        &home,
        &dir,
        &[
            "--lang",
            "vi",
            "cert",
            "show",
            "--json",
            "--at",
            AT,
            "certs/01-ok.pem",
        ],
    );
    assert_eq!(out, vi, "cert show --json has no text for people");
}
