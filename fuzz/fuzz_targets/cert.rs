//! Certificate files: PEM / DER / PKCS#7 reading and decoding.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = dvc::cert::decode_der(data);
    if let Ok(certs) = dvc::cert::source::certificates_in("fuzz", data) {
        for c in certs {
            let _ = dvc::cert::decode_der(&c);
        }
    }
    let _ = dvc::cert::source::pkcs7_certificates(data);
});
