//! Decoding one X.509 certificate into the plain values `dvc` shows.

use ::time::OffsetDateTime;
use serde::Serialize;
use x509_parser::der_parser::asn1_rs::{Any, Tag};
use x509_parser::prelude::*;

/// OID of the UID attribute (0.9.2342.19200300.100.1.1).
const OID_UID: &str = "0.9.2342.19200300.100.1.1";

/// Why bytes are not a certificate. Parser internals stay inside: a person
/// reads "not a certificate", never the parser's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// The data ends inside the certificate (a truncated file).
    Truncated,
    /// The data is not an X.509 certificate.
    NotACertificate,
    /// Bytes follow the certificate.
    TrailingData {
        /// How many.
        bytes: usize,
    },
}

/// The values of a certificate that `dvc` shows and checks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CertInfo {
    /// The subject, RFC 4514 order (`UID=MST:…, CN=…, O=…, C=VN`): machines and JSON.
    pub subject: String,
    /// The issuer, same form.
    pub issuer: String,
    /// The subject as people know it from Windows and OpenSSL: the CN first,
    /// then the rest in RFC 4514 order (text output only).
    #[serde(skip)]
    pub subject_display: String,
    /// The issuer, same form as `subject_display`.
    #[serde(skip)]
    pub issuer_display: String,
    /// The subject's common name, if any.
    pub common_name: Option<String>,
    /// Serial number: uppercase hex in whole octets, no leading `00` octet.
    pub serial: String,
    /// Start of validity.
    #[serde(with = "::time::serde::rfc3339")]
    pub not_before: OffsetDateTime,
    /// End of validity.
    #[serde(with = "::time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    /// The `MST:` value (tax code), if any.
    pub tax_code: Option<String>,
    /// The `CCCD:`, `CMND:` or `HC:` value, if any.
    pub id_number: Option<String>,
    /// Every UID value, as written (`MST:0101234567`, `CCCD:…`).
    pub uids: Vec<String>,
    /// Whether basicConstraints says CA.
    pub is_ca: bool,
    /// Whether the subject equals the issuer.
    pub self_issued: bool,
    /// Key type: `RSA`, `EC P-256`, `EC P-384`, `Ed25519`.
    pub key_type: String,
    /// Key size in bits.
    pub key_bits: Option<u32>,
    /// The signature algorithm's name.
    pub signature_algorithm: String,
    /// Key usage bits, by name (`digitalSignature`, `nonRepudiation`, …).
    pub key_usage: Vec<String>,
    /// Extended key usages, by name or OID (`clientAuth`, `OCSPSigning`, …).
    pub extended_key_usage: Vec<String>,
    /// OCSP responder URLs (AIA).
    pub ocsp_urls: Vec<String>,
    /// CA-issuer URLs (AIA caIssuers).
    pub ca_issuers_urls: Vec<String>,
    /// CRL distribution point URLs.
    pub crl_urls: Vec<String>,
    /// Subject key identifier, uppercase hex.
    pub subject_key_id: Option<String>,
    /// Authority key identifier, uppercase hex.
    pub authority_key_id: Option<String>,
    /// SHA-256 of the DER, uppercase hex.
    pub sha256_fingerprint: String,
}

/// Decodes one DER certificate.
pub fn decode_der(der: &[u8]) -> Result<CertInfo, DecodeError> {
    validate(der).map(|cert| info(&cert))
}

/// Checks that `der` is exactly one certificate, without computing its values.
pub fn validate(der: &[u8]) -> Result<X509Certificate<'_>, DecodeError> {
    let (rest, cert) = parse(der)?;
    if !rest.is_empty() {
        return Err(DecodeError::TrailingData { bytes: rest.len() });
    }
    Ok(cert)
}

/// Parses one DER certificate (trailing bytes are returned, not judged).
pub fn parse(der: &[u8]) -> Result<(&[u8], X509Certificate<'_>), DecodeError> {
    X509Certificate::from_der(der).map_err(|e| match e {
        x509_parser::nom::Err::Incomplete(_) => DecodeError::Truncated,
        x509_parser::nom::Err::Error(X509Error::Der(
            x509_parser::der_parser::error::Error::Incomplete(_),
        ))
        | x509_parser::nom::Err::Failure(X509Error::Der(
            x509_parser::der_parser::error::Error::Incomplete(_),
        )) => DecodeError::Truncated,
        _ => DecodeError::NotACertificate,
    })
}

/// The `CN` of a name as printed by [`name_text`] (unescaped), else the
/// whole name.
pub fn name_text_short(name: &str) -> String {
    // Attributes end at a `,` or `+` that is not escaped.
    let mut attrs = Vec::new();
    let mut cur = String::new();
    let mut escaped = false;
    for c in name.chars() {
        match c {
            _ if escaped => {
                cur.push(c);
                escaped = false;
            }
            '\\' => escaped = true,
            ',' | '+' => attrs.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    attrs.push(cur);
    attrs
        .iter()
        .find_map(|a| a.trim_start().strip_prefix("CN="))
        .map(str::to_string)
        .unwrap_or_else(|| name.to_string())
}

/// Uppercase hex of bytes.
pub fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// SHA-256 of `der`, uppercase hex.
pub fn sha256_hex(der: &[u8]) -> String {
    hex_upper(ring::digest::digest(&ring::digest::SHA256, der).as_ref())
}

fn general_name_uri(g: &GeneralName<'_>) -> Option<String> {
    match g {
        GeneralName::URI(u) => Some(u.to_string()),
        _ => None,
    }
}

fn key_usage_names(ku: &KeyUsage) -> Vec<String> {
    let bits = [
        (ku.digital_signature(), "digitalSignature"),
        (ku.non_repudiation(), "nonRepudiation"),
        (ku.key_encipherment(), "keyEncipherment"),
        (ku.data_encipherment(), "dataEncipherment"),
        (ku.key_agreement(), "keyAgreement"),
        (ku.key_cert_sign(), "keyCertSign"),
        (ku.crl_sign(), "cRLSign"),
        (ku.encipher_only(), "encipherOnly"),
        (ku.decipher_only(), "decipherOnly"),
    ];
    bits.iter()
        .filter(|(on, _)| *on)
        .map(|(_, n)| n.to_string())
        .collect()
}

fn eku_names(eku: &ExtendedKeyUsage<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let known = [
        (eku.any, "anyExtendedKeyUsage"),
        (eku.server_auth, "serverAuth"),
        (eku.client_auth, "clientAuth"),
        (eku.code_signing, "codeSigning"),
        (eku.email_protection, "emailProtection"),
        (eku.time_stamping, "timeStamping"),
        (eku.ocsp_signing, "OCSPSigning"),
    ];
    out.extend(
        known
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, n)| n.to_string()),
    );
    out.extend(eku.other.iter().map(|o| o.to_id_string()));
    out
}

/// The values of a parsed certificate.
pub fn info(cert: &X509Certificate<'_>) -> CertInfo {
    let uids: Vec<String> = cert
        .subject()
        .iter_attributes()
        .filter(|a| a.attr_type().to_id_string() == OID_UID)
        .filter_map(|a| attr_text(a.attr_value()))
        .collect();
    let (tax_code, id_number) = ids_from_uids(&uids);
    let mut ocsp_urls = Vec::new();
    let mut ca_issuers_urls = Vec::new();
    let mut crl_urls = Vec::new();
    let mut key_usage = Vec::new();
    let mut extended_key_usage = Vec::new();
    let mut subject_key_id = None;
    let mut authority_key_id = None;
    for ext in cert.extensions() {
        match ext.parsed_extension() {
            ParsedExtension::AuthorityInfoAccess(aia) => {
                for ad in &aia.accessdescs {
                    let Some(uri) = general_name_uri(&ad.access_location) else {
                        continue;
                    };
                    match ad.access_method.to_id_string().as_str() {
                        "1.3.6.1.5.5.7.48.1" => ocsp_urls.push(uri),
                        "1.3.6.1.5.5.7.48.2" => ca_issuers_urls.push(uri),
                        _ => {}
                    }
                }
            }
            ParsedExtension::CRLDistributionPoints(cdp) => {
                for point in cdp.points.iter() {
                    if let Some(DistributionPointName::FullName(names)) = &point.distribution_point
                    {
                        crl_urls.extend(names.iter().filter_map(general_name_uri));
                    }
                }
            }
            ParsedExtension::KeyUsage(ku) => key_usage = key_usage_names(ku),
            ParsedExtension::ExtendedKeyUsage(eku) => extended_key_usage = eku_names(eku),
            ParsedExtension::SubjectKeyIdentifier(ki) => subject_key_id = Some(hex_upper(ki.0)),
            ParsedExtension::AuthorityKeyIdentifier(aki) => {
                authority_key_id = aki.key_identifier.as_ref().map(|k| hex_upper(k.0))
            }
            _ => {}
        }
    }
    let (key_type, key_bits) = super::signature::key_description(cert.public_key());
    let (subject, subject_display) = name_texts(cert.subject());
    let (issuer, issuer_display) = name_texts(cert.issuer());
    CertInfo {
        subject,
        issuer,
        subject_display,
        issuer_display,
        common_name: cert
            .subject()
            .iter_common_name()
            .next()
            .and_then(|a| attr_text(a.attr_value())),
        serial: serial_hex(cert.raw_serial()),
        not_before: cert.validity().not_before.to_datetime(),
        not_after: cert.validity().not_after.to_datetime(),
        tax_code,
        id_number,
        uids,
        is_ca: cert
            .basic_constraints()
            .ok()
            .flatten()
            .is_some_and(|bc| bc.value.ca),
        self_issued: cert.subject().as_raw() == cert.issuer().as_raw(),
        key_type,
        key_bits,
        signature_algorithm: super::signature::algorithm_name(&cert.signature_algorithm.algorithm),
        key_usage,
        extended_key_usage,
        ocsp_urls,
        ca_issuers_urls,
        crl_urls,
        subject_key_id,
        authority_key_id,
        sha256_fingerprint: sha256_hex(cert.as_ref()),
    }
}

/// The tax code (`MST:`) and the personal ID (`CCCD:`, `CMND:`, `HC:`) among UID values.
pub fn ids_from_uids(uids: &[String]) -> (Option<String>, Option<String>) {
    let mut tax = None;
    let mut id = None;
    for uid in uids {
        let Some((prefix, value)) = uid.split_once(':') else {
            continue;
        };
        let value = value.trim().to_string();
        match prefix.trim().to_ascii_uppercase().as_str() {
            "MST" if tax.is_none() => tax = Some(value),
            "CCCD" | "CMND" | "HC" if id.is_none() => id = Some(value),
            _ => {}
        }
    }
    (tax, id)
}

/// Serial as OpenSSL prints it: uppercase hex, whole octets, no leading `00` octet.
pub fn serial_hex(raw: &[u8]) -> String {
    let mut bytes = raw;
    while bytes.len() > 1 && bytes[0] == 0 {
        bytes = &bytes[1..];
    }
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// The text of a directory-string attribute value, whatever its ASN.1 string type.
pub fn attr_text(value: &Any<'_>) -> Option<String> {
    let data = value.data;
    match value.tag() {
        Tag::Utf8String
        | Tag::PrintableString
        | Tag::Ia5String
        | Tag::NumericString
        | Tag::VisibleString => Some(String::from_utf8_lossy(data).into_owned()),
        Tag::BmpString => {
            if !data.len().is_multiple_of(2) {
                return None;
            }
            let units: Vec<u16> = data
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
        Tag::UniversalString => {
            if !data.len().is_multiple_of(4) {
                return None;
            }
            Some(
                data.chunks_exact(4)
                    .map(|c| {
                        char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
                            .unwrap_or('\u{FFFD}')
                    })
                    .collect(),
            )
        }
        // T61/Teletex: in practice Latin-1.
        Tag::TeletexString => Some(data.iter().map(|&b| b as char).collect()),
        _ => None,
    }
}

fn short_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "STREET",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.12" => "T",
        "2.5.4.5" => "serialNumber",
        OID_UID => "UID",
        "1.2.840.113549.1.9.1" => "emailAddress",
        "0.9.2342.19200300.100.1.25" => "DC",
        _ => return None,
    })
}

/// A distinguished name as text, most specific first (RFC 4514 order),
/// with Vietnamese text decoded.
pub fn name_text(name: &X509Name<'_>) -> String {
    name_texts(name).0
}

/// A distinguished name as people know it from Windows and OpenSSL: the
/// common name first, then the other attributes in RFC 4514 order
/// (`CN=Công ty …, UID=MST:0101234567, L=Hà Nội, C=VN`).
pub fn name_text_cn_first(name: &X509Name<'_>) -> String {
    name_texts(name).1
}

/// Both forms of a name, from one pass: RFC 4514, and CN first.
fn name_texts(name: &X509Name<'_>) -> (String, String) {
    let mut rdns: Vec<(bool, String)> = name
        .iter()
        .map(|rdn| {
            let mut is_cn = false;
            let text = rdn
                .iter()
                .map(|a| {
                    let oid = a.attr_type().to_id_string();
                    let key = short_name(&oid).map(str::to_string).unwrap_or(oid);
                    is_cn |= key == "CN";
                    let value = attr_text(a.attr_value()).unwrap_or_else(|| "#…".into());
                    format!("{key}={}", escape(&value))
                })
                .collect::<Vec<_>>()
                .join("+");
            (is_cn, text)
        })
        .collect();
    rdns.reverse();
    let rfc4514 = rdns
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let cn_first = rdns
        .iter()
        .filter(|(cn, _)| *cn)
        .chain(rdns.iter().filter(|(cn, _)| !*cn))
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    (rfc4514, cn_first)
}

fn escape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for (i, c) in v.chars().enumerate() {
        if matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';')
            || (i == 0 && matches!(c, '#' | ' '))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_unescaped_common_names() {
        assert_eq!(
            name_text_short("CN=CA Thử nghiệm\\, Hà Nội, C=VN"),
            "CA Thử nghiệm, Hà Nội"
        );
        assert_eq!(name_text_short("UID=MST:1+CN=Công ty, C=VN"), "Công ty");
        assert_eq!(name_text_short("O=Bộ, C=VN"), "O=Bộ, C=VN");
    }

    #[test]
    fn serials_as_openssl_prints_them() {
        assert_eq!(serial_hex(&[0x00, 0x8A, 0x01]), "8A01");
        assert_eq!(serial_hex(&[0x0A, 0x1B]), "0A1B");
        assert_eq!(serial_hex(&[0x00]), "00");
    }

    #[test]
    fn uid_prefixes() {
        let (t, i) = ids_from_uids(&["MST:0301519977-029".into(), "CCCD:025199009534".into()]);
        assert_eq!(t.as_deref(), Some("0301519977-029"));
        assert_eq!(i.as_deref(), Some("025199009534"));
        let (t, i) = ids_from_uids(&["CMND:079073009568".into(), "MNS:1234".into()]);
        assert_eq!((t, i.as_deref()), (None, Some("079073009568")));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(decode_der(b"").is_err());
        assert!(decode_der(b"\x30\x82\x01").is_err());
        assert!(decode_der(&[0xff; 64]).is_err());
    }
}
