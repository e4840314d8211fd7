//! Stores a demo session through the library's store API, for benchmarks
//! and for trying `dvc status` / `dvc session token` by hand:
//!
//! ```sh
//! cargo run --example seed_session -- STATE_DIR PROFILE [file|auto] [TTL_SECONDS]
//! ```
//!
//! `STATE_DIR` is dvc's state directory (`$XDG_STATE_HOME/dvc` on Linux).

use dvc::session::{Account, Method, Secret, Session, SessionStore, StoragePreference};
use time::{Duration, OffsetDateTime};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: seed_session STATE_DIR PROFILE [file|auto] [TTL_SECONDS]");
        std::process::exit(2);
    }
    let pref = match args.get(2).map(String::as_str) {
        Some("auto") => StoragePreference::Auto,
        _ => StoragePreference::File,
    };
    let ttl: i64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(3600);
    let now = OffsetDateTime::now_utc();
    let session = Session {
        profile: dvc::config::ProfileName::parse(&args[1]).expect("profile name"),
        issuer: "http://127.0.0.1:8443".into(),
        client_id: "dvc-cli".into(),
        method: Method::Sim,
        token_type: "Bearer".into(),
        scope: Some("openid offline_access".into()),
        access_token: Secret::new(format!(
            "demo-access-{}",
            dvc::random::hex(16).expect("random")
        )),
        refresh_token: Some(Secret::new(format!(
            "demo-refresh-{}",
            dvc::random::hex(16).expect("random")
        ))),
        id_token: None,
        access_token_expires_at: now + Duration::seconds(ttl),
        refresh_token_expires_at: None,
        refresh_refused_at: None,
        logged_in_at: now,
        refreshed_at: None,
        account: Account::from_claims(&serde_json::json!({
            "sub": "demo", "LoaiTaiKhoan": "2", "MaSoThue": "0101234567",
            "TenDoanhNghiep": "Công ty TNHH Dịch vụ Kế toán Demo"
        })),
        certificate: None,
        flow: dvc::session::Flow::Oidc,
        web: None,
    };
    match SessionStore::new(&args[0]).save(&session, pref) {
        Ok(out) => println!("stored in {}", out.storage.as_str()),
        Err(e) => {
            eprintln!("seed_session: {e}");
            std::process::exit(1);
        }
    }
}
