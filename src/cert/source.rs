//! Where certificates come from: files (PEM with one or more certificates,
//! DER, PKCS#7 `.p7b`/`.p7c` in DER or PEM), `-` for stdin, and directories
//! (every certificate file inside, sorted by name).
//!
//! A file yields one [`Subject`]: in a bundle, the first certificate that is
//! not a CA is the one checked and the others are its chain candidates (a
//! bundle of CA certificates only checks its first). Later sources (tokens,
//! sessions) produce the same [`Subject`], so checking never cares where a
//! certificate came from.

use std::io::Read;
use std::path::Path;

use super::asn1::{self, tag};
use crate::error::{Error, Result};

/// A certificate to check, with the certificates that came with it.
#[derive(Debug, Clone)]
pub struct Subject {
    /// Where it came from, for people (a path, `-`, a URI, `session:acme`).
    pub source: String,
    /// The certificate (DER).
    pub leaf: Vec<u8>,
    /// Other certificates from the same place: chain candidates.
    pub extra: Vec<Vec<u8>>,
}

/// The file extensions that must hold certificates when found in a directory.
const CERT_EXTENSIONS: &[&str] = &["pem", "crt", "cer", "der", "p7b", "p7c", "cert"];

/// Largest certificate file read (a PKCS#7 bundle of a whole CA is a few hundred KB).
pub const MAX_FILE: u64 = 16 * 1024 * 1024;

fn bad(source: &str, detail: impl Into<String>) -> Error {
    Error::BadCertificate {
        source_name: source.to_string(),
        detail: detail.into(),
    }
}

/// The certificates of PKCS#7 SignedData (DER), in order.
pub fn pkcs7_certificates(der: &[u8]) -> std::result::Result<Vec<Vec<u8>>, String> {
    // ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT SignedData }
    let ci = asn1::read_all(der)?;
    if ci.tag != tag::SEQUENCE {
        return Err("not a PKCS#7 structure".into());
    }
    let parts = asn1::children(ci.content)?;
    let signed_data_oid = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
    if parts.len() < 2
        || parts[0].tag != tag::OID
        || parts[0].content != signed_data_oid
        || parts[1].tag != 0xa0
    {
        return Err("not PKCS#7 SignedData".into());
    }
    let sd = asn1::read_all(parts[1].content)?;
    // SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo,
    //   certificates [0] IMPLICIT CertificateSet OPTIONAL, crls [1] ..., signerInfos }
    let mut certs = Vec::new();
    for el in asn1::children(sd.content)? {
        if el.tag == 0xa0 {
            for c in asn1::children(el.content)? {
                if c.tag == tag::SEQUENCE {
                    certs.push(c.raw.to_vec());
                }
            }
        }
    }
    if certs.is_empty() {
        return Err("the PKCS#7 bundle holds no certificate".into());
    }
    Ok(certs)
}

fn pem_blocks(text: &[u8]) -> std::result::Result<Vec<(String, Vec<u8>)>, String> {
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
        if !closed {
            return Err(format!(
                "the PEM block {label} has no END line (truncated?)"
            ));
        }
        let der = base64::engine::general_purpose::STANDARD
            .decode(b64.as_bytes())
            .map_err(|e| format!("the PEM block {label} is not valid base64: {e}"))?;
        out.push((label.to_string(), der));
    }
    Ok(out)
}

/// Every certificate in a file's bytes (PEM, DER or PKCS#7), in order.
pub fn certificates_in(source: &str, bytes: &[u8]) -> Result<Vec<Vec<u8>>> {
    if bytes.is_empty() {
        return Err(bad(source, "the file is empty"));
    }
    let looks_pem = bytes.windows(11).any(|w| w == b"-----BEGIN ");
    let mut certs = Vec::new();
    if looks_pem {
        for (label, der) in pem_blocks(bytes).map_err(|e| bad(source, e))? {
            match label.as_str() {
                "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => certs.push(der),
                "PKCS7" | "PKCS #7 SIGNED DATA" | "CMS" => {
                    certs.extend(pkcs7_certificates(&der).map_err(|e| bad(source, e))?)
                }
                _ => {}
            }
        }
        if certs.is_empty() {
            return Err(bad(
                source,
                "no CERTIFICATE or PKCS7 block in this PEM file",
            ));
        }
    } else {
        match super::decode_der(bytes) {
            Ok(_) => certs.push(bytes.to_vec()),
            Err(cert_err) => match pkcs7_certificates(bytes) {
                Ok(c) => certs = c,
                Err(_) => return Err(bad(source, cert_err)),
            },
        }
    }
    for (i, der) in certs.iter().enumerate() {
        super::decode_der(der)
            .map_err(|e| bad(source, format!("certificate {} of the file: {e}", i + 1)))?;
    }
    Ok(certs)
}

/// Makes a [`Subject`] of a file's certificates.
pub fn subject_of(source: &str, certs: Vec<Vec<u8>>) -> Subject {
    let leaf_index = certs
        .iter()
        .position(|der| super::decode_der(der).map(|i| !i.is_ca).unwrap_or(false))
        .unwrap_or(0);
    let mut certs = certs;
    let leaf = certs.remove(leaf_index);
    Subject {
        source: source.to_string(),
        leaf,
        extra: certs,
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut buf = Vec::new();
    f.take(MAX_FILE + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(path, e))?;
    if buf.len() as u64 > MAX_FILE {
        return Err(bad(
            &path.display().to_string(),
            format!("larger than {} MiB", MAX_FILE >> 20),
        ));
    }
    Ok(buf)
}

/// Loads one SOURCE argument: a file, a directory, or `-` (stdin).
pub fn load(spec: &str, stdin: &mut dyn Read) -> Result<Vec<Subject>> {
    if spec == "-" {
        let mut buf = Vec::new();
        stdin
            .take(MAX_FILE + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("<stdin>", e))?;
        return Ok(vec![subject_of("-", certificates_in("-", &buf)?)]);
    }
    let path = Path::new(spec);
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        entries.sort();
        let mut out = Vec::new();
        for p in entries {
            let name = p.display().to_string();
            let known = p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| CERT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
            let bytes = read_file(&p)?;
            match certificates_in(&name, &bytes) {
                Ok(certs) => out.push(subject_of(&name, certs)),
                // Other files in the directory (a README, a key) are not ours to judge.
                Err(_) if !known => continue,
                Err(e) => return Err(e),
            }
        }
        return Ok(out);
    }
    let bytes = read_file(path)?;
    Ok(vec![subject_of(spec, certificates_in(spec, &bytes)?)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_and_truncation_are_errors() {
        assert!(certificates_in("x", b"").is_err());
        assert!(certificates_in("x", b"hello world").is_err());
        assert!(certificates_in("x", b"-----BEGIN CERTIFICATE-----\nMIIB\n").is_err());
        assert!(certificates_in(
            "x",
            b"-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n"
        )
        .is_err());
        assert!(certificates_in(
            "x",
            b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
        )
        .is_err());
        assert!(certificates_in("x", &[0x30, 0x82, 0x05, 0x00, 0x01]).is_err());
    }
}
