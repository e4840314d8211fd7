//! Where certificates come from: files (PEM with one or more certificates,
//! DER, PKCS#7 `.p7b`/`.p7c` in DER or PEM), `-` for stdin, and directories
//! (every certificate file inside, sorted by name).
//!
//! A file yields one [`Subject`]: in a bundle, the first certificate that is
//! not a CA is the one checked and the others are its chain candidates (a
//! bundle of CA certificates only checks its first). Later sources (tokens,
//! sessions) produce the same [`Subject`], so checking never cares where a
//! certificate came from.
//!
//! In a directory, a file named like a certificate (`.pem`, `.crt`, `.cer`,
//! `.der`, `.p7b`, `.p7c`, `.cert`) that cannot be read is reported on its
//! own (an `Err` entry of [`load`]) and never hides the others; other files are
//! used when they hold certificates and skipped otherwise (a README, a key
//! file, a CSR).

use std::ffi::OsStr;
use std::io::Read;
use std::path::Path;

use super::asn1::{self, tag, Asn1Error};
use super::decode::DecodeError;

/// A certificate to check, with the certificates that came with it.
#[derive(Debug, Clone)]
pub struct Subject {
    /// Where it came from, for scripts (a path, `-`, a `pkcs11:` URI,
    /// `session:acme`).
    pub source: String,
    /// Where it came from, for people, when that differs from `source`:
    /// a token's label (and the object's, when the token holds several
    /// certificates) instead of its `pkcs11:` URI.
    pub label: Option<String>,
    /// Other places the same certificate was found (a session's login
    /// certificate that is also on a plugged token): one row names them all.
    pub also: Vec<Origin>,
    /// The certificate (DER).
    pub leaf: Vec<u8>,
    /// Other certificates from the same place: chain candidates.
    pub extra: Vec<Vec<u8>>,
}

/// One place a certificate was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// For scripts: a path, `-`, a `pkcs11:` URI, `session:PROFILE`.
    pub source: String,
    /// For people, when it differs from `source` (a token's name).
    pub label: Option<String>,
}

impl Origin {
    /// What people read: the label, else the source.
    pub fn display(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.source)
    }
}

impl Subject {
    /// A certificate found at `source`, with its chain candidates.
    pub fn new(source: impl Into<String>, leaf: Vec<u8>, extra: Vec<Vec<u8>>) -> Subject {
        Subject {
            source: source.into(),
            label: None,
            also: Vec::new(),
            leaf,
            extra,
        }
    }

    /// Every place the certificate was found, the first one first.
    pub fn origins(&self) -> Vec<Origin> {
        let mut all = vec![Origin {
            source: self.source.clone(),
            label: self.label.clone(),
        }];
        all.extend(self.also.iter().cloned());
        all
    }
}

/// A source that gave no certificate, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// Where: a path, `-` or a URL.
    pub origin: String,
    /// What is wrong with it.
    pub problem: SourceProblem,
}

/// What is wrong with a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceProblem {
    /// The file is empty.
    Empty,
    /// Neither PEM, DER nor PKCS#7.
    NotACertificate,
    /// A PEM block without its END line.
    PemUnterminated {
        /// The block's label.
        label: String,
    },
    /// A PEM block whose content is not base64.
    PemBadBase64 {
        /// The block's label.
        label: String,
    },
    /// A PEM file with blocks, none of them a certificate (a private key, a CSR).
    PemWithoutCertificate {
        /// The labels found (`PRIVATE KEY`, `CERTIFICATE REQUEST`, …).
        labels: Vec<String>,
    },
    /// A PKCS#7 bundle that cannot be used.
    Pkcs7(Pkcs7Problem),
    /// One certificate of the file is damaged.
    Certificate {
        /// Its position in the file, from 1.
        index: usize,
        /// What is wrong.
        error: DecodeError,
    },
    /// Larger than [`MAX_FILE`].
    TooLarge {
        /// The limit, in MiB.
        max_mib: u64,
    },
    /// The file cannot be read.
    Io {
        /// The kind of failure.
        kind: std::io::ErrorKind,
        /// The operating system's words.
        detail: String,
    },
    /// A directory where one certificate is expected (`dvc cert show`).
    IsDirectory,
    /// Something that is neither a file nor a directory (a FIFO, a socket)
    /// inside a directory.
    NotAFile,
    /// A directory without any certificate file.
    NoCertificate,
}

/// What is wrong with a PKCS#7 bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pkcs7Problem {
    /// The DER is damaged.
    Malformed(Asn1Error),
    /// PKCS#7, but not SignedData.
    NotSignedData,
    /// SignedData without certificates.
    NoCertificates,
}

impl SourceError {
    /// An error about `origin`.
    pub fn new(origin: impl Into<String>, problem: SourceProblem) -> SourceError {
        SourceError {
            origin: origin.into(),
            problem,
        }
    }

    fn io(origin: &str, e: &std::io::Error) -> SourceError {
        SourceError::new(
            origin,
            SourceProblem::Io {
                kind: e.kind(),
                detail: e.to_string(),
            },
        )
    }
}

/// The file extensions that must hold certificates when found in a directory.
const CERT_EXTENSIONS: &[&str] = &["pem", "crt", "cer", "der", "p7b", "p7c", "cert"];

/// Largest certificate file read (a PKCS#7 bundle of a whole CA is a few hundred KB).
pub const MAX_FILE: u64 = 16 * 1024 * 1024;

/// The certificates of PKCS#7 SignedData (DER), in order.
pub fn pkcs7_certificates(der: &[u8]) -> Result<Vec<Vec<u8>>, Pkcs7Problem> {
    // ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT SignedData }
    let ci = asn1::read_all(der).map_err(Pkcs7Problem::Malformed)?;
    if ci.tag != tag::SEQUENCE {
        return Err(Pkcs7Problem::NotSignedData);
    }
    let parts = asn1::children(ci.content).map_err(Pkcs7Problem::Malformed)?;
    let signed_data_oid = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
    if parts.len() < 2
        || parts[0].tag != tag::OID
        || parts[0].content != signed_data_oid
        || parts[1].tag != 0xa0
    {
        return Err(Pkcs7Problem::NotSignedData);
    }
    let sd = asn1::read_all(parts[1].content).map_err(Pkcs7Problem::Malformed)?;
    // SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo,
    //   certificates [0] IMPLICIT CertificateSet OPTIONAL, crls [1] ..., signerInfos }
    let mut certs = Vec::new();
    for el in asn1::children(sd.content).map_err(Pkcs7Problem::Malformed)? {
        if el.tag == 0xa0 {
            for c in asn1::children(el.content).map_err(Pkcs7Problem::Malformed)? {
                if c.tag == tag::SEQUENCE {
                    certs.push(c.raw.to_vec());
                }
            }
        }
    }
    if certs.is_empty() {
        return Err(Pkcs7Problem::NoCertificates);
    }
    Ok(certs)
}

fn pem_blocks(text: &[u8]) -> Result<Vec<(String, Vec<u8>)>, SourceProblem> {
    use base64::Engine as _;
    let text = String::from_utf8_lossy(text);
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let line = line.trim();
        let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        else {
            continue;
        };
        let end = format!("-----END {label}-----");
        let mut b64 = String::new();
        let mut closed = false;
        for l in lines.by_ref() {
            let l = l.trim();
            if l == end {
                closed = true;
                break;
            }
            if l.contains(':') {
                continue; // RFC 1421 headers
            }
            b64.push_str(l);
        }
        let label = label.to_string();
        if !closed {
            return Err(SourceProblem::PemUnterminated { label });
        }
        match base64::engine::general_purpose::STANDARD.decode(b64.as_bytes()) {
            Ok(der) => out.push((label, der)),
            Err(_) => return Err(SourceProblem::PemBadBase64 { label }),
        }
    }
    Ok(out)
}

/// Every certificate in a file's bytes (PEM, DER or PKCS#7), in order.
pub fn certificates_in(origin: &str, bytes: &[u8]) -> Result<Vec<Vec<u8>>, SourceError> {
    let fail = |problem| SourceError::new(origin, problem);
    if bytes.is_empty() {
        return Err(fail(SourceProblem::Empty));
    }
    let looks_pem = bytes.windows(11).any(|w| w == b"-----BEGIN ");
    let mut certs = Vec::new();
    if looks_pem {
        let mut others = Vec::new();
        for (label, der) in pem_blocks(bytes).map_err(fail)? {
            match label.as_str() {
                "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => certs.push(der),
                "PKCS7" | "PKCS #7 SIGNED DATA" | "CMS" => certs
                    .extend(pkcs7_certificates(&der).map_err(|p| fail(SourceProblem::Pkcs7(p)))?),
                _ => {
                    if !others.contains(&label) {
                        others.push(label)
                    }
                }
            }
        }
        if certs.is_empty() {
            return Err(fail(SourceProblem::PemWithoutCertificate {
                labels: others,
            }));
        }
    } else {
        match super::decode::validate(bytes) {
            Ok(_) => certs.push(bytes.to_vec()),
            Err(cert_err) => match pkcs7_certificates(bytes) {
                Ok(c) => certs = c,
                // Shaped like PKCS#7 SignedData, but unusable.
                Err(p @ Pkcs7Problem::NoCertificates) => return Err(fail(SourceProblem::Pkcs7(p))),
                Err(_) => {
                    return Err(fail(match cert_err {
                        DecodeError::NotACertificate => SourceProblem::NotACertificate,
                        error => SourceProblem::Certificate { index: 1, error },
                    }))
                }
            },
        }
    }
    for (i, der) in certs.iter().enumerate() {
        super::decode::validate(der).map_err(|error| {
            fail(SourceProblem::Certificate {
                index: i + 1,
                error,
            })
        })?;
    }
    Ok(certs)
}

/// Makes a [`Subject`] of a file's certificates.
pub fn subject_of(source: &str, certs: Vec<Vec<u8>>) -> Subject {
    let is_ca = |der: &[u8]| {
        super::decode::parse(der)
            .ok()
            .and_then(|(_, c)| c.basic_constraints().ok().flatten().map(|bc| bc.value.ca))
            .unwrap_or(false)
    };
    let leaf_index = match certs.len() {
        1 => 0,
        _ => certs.iter().position(|der| !is_ca(der)).unwrap_or(0),
    };
    let mut certs = certs;
    let leaf = certs.remove(leaf_index);
    Subject::new(source, leaf, certs)
}

fn read_bounded(origin: &str, r: &mut dyn Read) -> Result<Vec<u8>, SourceError> {
    let mut buf = Vec::new();
    r.take(MAX_FILE + 1)
        .read_to_end(&mut buf)
        .map_err(|e| SourceError::io(origin, &e))?;
    if buf.len() as u64 > MAX_FILE {
        return Err(SourceError::new(
            origin,
            SourceProblem::TooLarge {
                max_mib: MAX_FILE >> 20,
            },
        ));
    }
    Ok(buf)
}

fn read_file(path: &Path) -> Result<Vec<u8>, SourceError> {
    let origin = path.display().to_string();
    let mut f = std::fs::File::open(path).map_err(|e| SourceError::io(&origin, &e))?;
    read_bounded(&origin, &mut f)
}

/// The certificates of one file (or `-`, stdin) as a [`Subject`].
fn load_file(path: &Path, stdin: &mut dyn Read) -> Result<Subject, SourceError> {
    let origin = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        read_bounded("-", stdin)?
    } else {
        read_file(path)?
    };
    Ok(subject_of(&origin, certificates_in(&origin, &bytes)?))
}

/// Whether a directory entry's name says it holds certificates.
fn named_like_a_certificate(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| CERT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Loads one SOURCE argument: a file, a directory, or `-` (stdin). A file
/// gives one entry; a directory one entry per certificate file, in name
/// order, each a [`Subject`] or the reason it gave none. A source that
/// cannot be read at all, and a directory without any certificate
/// ([`SourceProblem::NoCertificate`]), are an error.
pub fn load(
    spec: &OsStr,
    stdin: &mut dyn Read,
) -> Result<Vec<Result<Subject, SourceError>>, SourceError> {
    let path = Path::new(spec);
    let origin = path.display().to_string();
    if spec == "-" {
        return Ok(vec![Ok(load_file(path, stdin)?)]);
    }
    let meta = std::fs::metadata(path).map_err(|e| SourceError::io(&origin, &e))?;
    if !meta.is_dir() {
        return Ok(vec![Ok(load_file(path, stdin)?)]);
    }
    let mut paths: Vec<_> = std::fs::read_dir(path)
        .map_err(|e| SourceError::io(&origin, &e))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    paths.sort();
    let mut entries = Vec::new();
    for p in paths {
        let named = named_like_a_certificate(&p);
        let name = p.display().to_string();
        // Follows symbolic links; a dangling one is unreadable.
        let result = match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => continue,
            // A FIFO or a device could block or never end: never opened.
            Ok(m) if !m.is_file() => Err(SourceError::new(&name, SourceProblem::NotAFile)),
            Ok(_) => load_file(&p, stdin),
            Err(e) => Err(SourceError::io(&name, &e)),
        };
        match result {
            Ok(subject) => entries.push(Ok(subject)),
            Err(e) if named => entries.push(Err(e)),
            // Other files in the directory (a README, a key) are not ours to judge.
            Err(_) => {}
        }
    }
    if entries.is_empty() {
        return Err(SourceError::new(origin, SourceProblem::NoCertificate));
    }
    Ok(entries)
}

/// Loads the certificates of `--trust` / `--chain` files, in order.
pub fn load_certificates(paths: &[std::path::PathBuf]) -> Result<Vec<Vec<u8>>, SourceError> {
    let mut out = Vec::new();
    for p in paths {
        let origin = p.display().to_string();
        out.extend(certificates_in(&origin, &read_file(p)?)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(bytes: &[u8]) -> SourceProblem {
        certificates_in("x", bytes).unwrap_err().problem
    }

    #[test]
    fn garbage_and_truncation_are_errors() {
        assert_eq!(problem(b""), SourceProblem::Empty);
        assert_eq!(problem(b"hello world"), SourceProblem::NotACertificate);
        assert_eq!(
            problem(b"-----BEGIN CERTIFICATE-----\nMIIB\n"),
            SourceProblem::PemUnterminated {
                label: "CERTIFICATE".into()
            }
        );
        assert_eq!(
            problem(b"-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n"),
            SourceProblem::PemBadBase64 {
                label: "CERTIFICATE".into()
            }
        );
        assert_eq!(
            problem(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
            SourceProblem::PemWithoutCertificate {
                labels: vec!["PRIVATE KEY".into()]
            }
        );
        assert!(matches!(
            problem(&[0x30, 0x82, 0x05, 0x00, 0x01]),
            SourceProblem::Certificate { index: 1, .. } | SourceProblem::NotACertificate
        ));
    }
}
