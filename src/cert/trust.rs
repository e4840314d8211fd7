//! Trust anchors: the real Vietnamese roots and known intermediates bundled
//! with dvc (copied from the project's shared trust folder; their SHA-256
//! fingerprints are checked by a test against `trust/SOURCES.md`), plus the
//! anchors given with `--trust`.

/// A bundled certificate.
#[derive(Debug, Clone, Copy)]
pub struct Bundled {
    /// Its file name under `trust/roots/` or `trust/intermediates/`.
    pub file: &'static str,
    /// The PEM text.
    pub pem: &'static str,
    /// Expired, and kept so that certificates it issued can still be
    /// checked as of an earlier date (`--at`): never a path to a valid
    /// chain after its own expiry.
    pub kept_for_old_chains: bool,
}

macro_rules! bundled {
    ($dir:literal, $file:literal) => {
        bundled!($dir, $file, false)
    };
    ($dir:literal, $file:literal, $kept:expr) => {
        Bundled {
            file: $file,
            pem: include_str!(concat!("trust/", $dir, "/", $file)),
            kept_for_old_chains: $kept,
        }
    };
}

/// The bundled roots.
pub const ROOTS: &[Bundled] = &[
    bundled!("roots", "vnrca256.pem"),
    bundled!("roots", "vnrca-g3.pem"),
    bundled!("roots", "mic-national-root-ca.pem"),
    bundled!("roots", "vnrca-rs.pem"),
    bundled!("roots", "vnrca-usbtoken.pem"),
    bundled!("roots", "vnrca-mobilepki.pem"),
    bundled!("roots", "vnrca-tsa.pem"),
    bundled!("roots", "vnrca-ema.pem"),
    bundled!("roots", "rootcag2.pem"),
    bundled!("roots", "gov-rootca.pem"),
];

/// The bundled intermediates (chain candidates, not anchors).
pub const INTERMEDIATES: &[Bundled] = &[
    bundled!("intermediates", "cpcag2.pem"),
    bundled!("intermediates", "vnpt-ca-sha2.pem"),
    bundled!("intermediates", "viettel-ca-rs.pem"),
    bundled!("intermediates", "vnpt-smartca-rs.pem", true),
    bundled!("intermediates", "fastca-sha256.pem", true),
    bundled!("intermediates", "vnca-erd.pem"),
    bundled!("intermediates", "vnca-lta.pem"),
];

/// How long before a bundled certificate's expiry its test starts warning.
pub const EXPIRY_WARNING_DAYS: i64 = 90;

/// The bundled certificates that expire within [`EXPIRY_WARNING_DAYS`] of
/// `now` (warnings), and those that have expired without being
/// [`Bundled::kept_for_old_chains`] (failures): one line each.
pub fn expiry_notes(now: ::time::OffsetDateTime) -> (Vec<String>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut failures = Vec::new();
    for b in ROOTS.iter().chain(INTERMEDIATES) {
        for der in super::source::certificates_in(b.file, b.pem.as_bytes()).unwrap_or_default() {
            let Ok(info) = super::decode_der(&der) else {
                failures.push(format!("{}: cannot be decoded", b.file));
                continue;
            };
            let until = crate::clock::rfc3339(info.not_after);
            if info.not_after < now {
                if !b.kept_for_old_chains {
                    failures.push(format!(
                        "{} expired on {until}: bundle its successor from ../shared/trust, or mark it kept_for_old_chains",
                        b.file
                    ));
                }
            } else if info.not_after < now + ::time::Duration::days(EXPIRY_WARNING_DAYS) {
                warnings.push(format!(
                    "{} expires on {until}: look for its successor in ../shared/trust",
                    b.file
                ));
            }
        }
    }
    (warnings, failures)
}

fn ders(list: &[Bundled]) -> Vec<Vec<u8>> {
    list.iter()
        .filter_map(|b| super::source::certificates_in(b.file, b.pem.as_bytes()).ok())
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
        for b in ROOTS.iter().chain(INTERMEDIATES) {
            let name = b.file;
            let certs = crate::cert::source::certificates_in(name, b.pem.as_bytes()).unwrap();
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
        assert_eq!(bundled_roots().len(), 10);
        assert_eq!(bundled_intermediates().len(), 7);
    }

    /// Warns (on stderr, past the test harness's capture) when a bundled
    /// certificate expires within 90 days; fails when one has expired
    /// without being kept for old chains.
    #[test]
    fn bundled_certificates_are_current_or_kept_for_old_chains() {
        use std::io::Write as _;
        let (warnings, failures) = expiry_notes(::time::OffsetDateTime::now_utc());
        for w in &warnings {
            let _ = writeln!(std::io::stderr(), "warning: bundled certificate {w}");
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn expiry_notes_warn_ahead_and_fail_when_expired() {
        use ::time::macros::datetime;
        // Viettel-CA RS expires 2027-09-26.
        let (warnings, failures) = expiry_notes(datetime!(2027-08-01 00:00 UTC));
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with("viettel-ca-rs.pem expires on 2027-09-26")),
            "{warnings:?}"
        );
        assert!(failures.is_empty(), "{failures:?}");
        // After it: a failure (it is not marked), while the kept ones never fail.
        let (_, failures) = expiry_notes(datetime!(2027-10-01 00:00 UTC));
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(failures[0].starts_with("viettel-ca-rs.pem expired on 2027-09-26"));
    }
}
