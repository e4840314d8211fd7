//! Writes a benchmark PKI: a CA (EC P-256) and N leaf certificates whose AIA
//! names an OCSP responder, plus an `index.txt` for `openssl ocsp`.
//!
//! ```sh
//! cargo run --release -p dvc-sandbox --example bench_pki -- DIR N OCSP_URL
//! ```

use dvc_sandbox::pki::{pem, Ca, Key, Name, Role, Spec};
use time::{Duration, OffsetDateTime};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, n, ocsp) = match args.as_slice() {
        [d, n, o] => match n.parse::<usize>() {
            Ok(n) => (std::path::PathBuf::from(d), n, o.clone()),
            Err(_) => usage(),
        },
        _ => usage(),
    };
    if let Err(e) = write(&dir, n, &ocsp) {
        eprintln!("bench_pki: {e}");
        std::process::exit(1);
    }
    println!("wrote {n} certificates to {}", dir.display());
}

fn usage() -> ! {
    eprintln!("usage: bench_pki DIR N OCSP_URL");
    std::process::exit(2);
}

fn write(dir: &std::path::Path, n: usize, ocsp: &str) -> Result<(), String> {
    let io = |e: std::io::Error| e.to_string();
    std::fs::create_dir_all(dir.join("certs")).map_err(io)?;
    let now = OffsetDateTime::now_utc();
    let ca = Ca::self_signed(
        &Spec::new(
            Role::Ca { path_len: None },
            Name::new().c("VN").cn("Bench CA Việt Nam"),
        )
        .valid(now - Duration::days(10), now + Duration::days(3650)),
        Key::ec()?,
    )?;
    std::fs::write(dir.join("ca.pem"), pem("CERTIFICATE", ca.der())).map_err(io)?;
    std::fs::write(dir.join("ca.key"), ca.key().pem()).map_err(io)?;
    let mut index = String::new();
    for i in 0..n {
        let serial = (0x10_0000 + i as u64).to_be_bytes();
        let spec = Spec::new(
            Role::Leaf,
            Name::new()
                .c("VN")
                .cn(format!("Công ty Khách hàng số {i}"))
                .uid(format!("MST:{:010}", 100_000_000 + i)),
        )
        .serial_bytes(&serial[5..])
        .valid(
            now - Duration::days(30),
            now + Duration::days(60 + (i % 700) as i64),
        )
        .ocsp(ocsp);
        let cert = ca.issue(&spec, &Key::ec()?)?;
        std::fs::write(
            dir.join("certs").join(format!("c{i:05}.pem")),
            pem("CERTIFICATE", &cert),
        )
        .map_err(io)?;
        let hex: String = serial[5..].iter().map(|b| format!("{b:02X}")).collect();
        index.push_str(&format!("V\t350101000000Z\t\t{hex}\tunknown\t/CN=c{i}\n"));
    }
    std::fs::write(dir.join("index.txt"), index).map_err(io)?;
    std::fs::write(dir.join("index.txt.attr"), "unique_subject = no\n").map_err(io)?;
    Ok(())
}
