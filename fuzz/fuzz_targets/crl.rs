//! CRLs: parsing, indexing and lookups.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(crl) = dvc::cert::crl::Crl::parse(data.to_vec()) {
        let _ = crl.lookup(&[0x10, 0x06]);
        let _ = crl.lookup(data.get(..4).unwrap_or(&[1]));
        let _ = crl.issuer_raw();
        let roots = dvc::cert::trust::bundled_roots();
        let _ = crl.verify(&roots[0]);
    }
});
