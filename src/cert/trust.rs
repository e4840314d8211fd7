//! Trust anchors: the real Vietnamese roots and known intermediates bundled
//! with dvc (copied from the project's shared trust folder; their SHA-256
//! fingerprints are checked by a test against `trust/SOURCES.md`), plus the
//! anchors given with `--trust`.

/// A bundled certificate: file name and PEM text.
pub type Bundled = (&'static str, &'static str);

/// The bundled roots.
pub const ROOTS: &[Bundled] = &[
    ("vnrca256.pem", include_str!("trust/roots/vnrca256.pem")),
    ("vnrca-g3.pem", include_str!("trust/roots/vnrca-g3.pem")),
    (
        "mic-national-root-ca.pem",
        include_str!("trust/roots/mic-national-root-ca.pem"),
    ),
    ("vnrca-rs.pem", include_str!("trust/roots/vnrca-rs.pem")),
    (
        "vnrca-usbtoken.pem",
        include_str!("trust/roots/vnrca-usbtoken.pem"),
    ),
    (
        "vnrca-mobilepki.pem",
        include_str!("trust/roots/vnrca-mobilepki.pem"),
    ),
    ("vnrca-tsa.pem", include_str!("trust/roots/vnrca-tsa.pem")),
    ("vnrca-ema.pem", include_str!("trust/roots/vnrca-ema.pem")),
    ("rootcag2.pem", include_str!("trust/roots/rootcag2.pem")),
];

/// The bundled intermediates (chain candidates, not anchors).
pub const INTERMEDIATES: &[Bundled] = &[
    ("cpcag2.pem", include_str!("trust/intermediates/cpcag2.pem")),
    (
        "vnpt-ca-sha2.pem",
        include_str!("trust/intermediates/vnpt-ca-sha2.pem"),
    ),
    (
        "viettel-ca-rs.pem",
        include_str!("trust/intermediates/viettel-ca-rs.pem"),
    ),
    (
        "vnpt-smartca-rs.pem",
        include_str!("trust/intermediates/vnpt-smartca-rs.pem"),
    ),
    (
        "fastca-sha256.pem",
        include_str!("trust/intermediates/fastca-sha256.pem"),
    ),
    (
        "vnca-erd.pem",
        include_str!("trust/intermediates/vnca-erd.pem"),
    ),
    (
        "vnca-lta.pem",
        include_str!("trust/intermediates/vnca-lta.pem"),
    ),
];

fn ders(list: &[Bundled]) -> Vec<Vec<u8>> {
    list.iter()
        .filter_map(|(name, pem)| super::source::certificates_in(name, pem.as_bytes()).ok())
        .flatten()
        .collect()
}

/// The bundled roots, DER.
pub fn bundled_roots() -> Vec<Vec<u8>> {
    ders(ROOTS)
}

/// The bundled intermediates, DER.
pub fn bundled_intermediates() -> Vec<Vec<u8>> {
    ders(INTERMEDIATES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_anchors_match_the_published_fingerprints() {
        let readme = include_str!("trust/SOURCES.md");
        for (name, pem) in ROOTS.iter().chain(INTERMEDIATES) {
            let certs = crate::cert::source::certificates_in(name, pem.as_bytes()).unwrap();
            assert_eq!(certs.len(), 1, "{name}");
            let fp = crate::cert::decode::sha256_hex(&certs[0]);
            let row = readme
                .lines()
                .find(|l| l.contains(&format!("/{name} ")))
                .unwrap_or_else(|| panic!("{name} is not listed in SOURCES.md"));
            assert!(
                row.contains(&fp),
                "{name}: fingerprint {fp} does not match SOURCES.md"
            );
        }
        assert_eq!(bundled_roots().len(), 9);
        assert_eq!(bundled_intermediates().len(), 7);
    }
}
