//! OCSP responses: decoding and verification against a real request.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn fixture() -> &'static (dvc::cert::ocsp::Query, Vec<u8>) {
    static F: OnceLock<(dvc::cert::ocsp::Query, Vec<u8>)> = OnceLock::new();
    F.get_or_init(|| {
        // VNPT-CA SHA2, issued by the Vietnam National Root CA.
        let leaf = dvc::cert::trust::bundled_intermediates()[1].clone();
        let issuer = dvc::cert::trust::bundled_roots()[0].clone();
        (dvc::cert::ocsp::query(&leaf, &issuer).expect("query"), issuer)
    })
}

fuzz_target!(|data: &[u8]| {
    let (q, issuer) = fixture();
    let _ = dvc::cert::ocsp::verify(data, q, issuer, time::OffsetDateTime::now_utc());
});
