//! RFC 7512 PKCS#11 URIs: `pkcs11:token=…;serial=…;id=%0A%01;type=cert`.

use std::collections::BTreeMap;

/// A parsed PKCS#11 URI: path and query attributes, percent-decoded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pkcs11Uri {
    /// Path attributes (`token`, `manufacturer`, `serial`, `model`, `id`, `object`, `type`, …).
    pub path: BTreeMap<String, Vec<u8>>,
    /// Query attributes (`pin-source`, `module-path`, …).
    pub query: BTreeMap<String, Vec<u8>>,
}

/// Why a PKCS#11 URI cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UriProblem {
    /// It does not start with `pkcs11:`.
    Scheme,
    /// A `%` escape that is cut short or not hex.
    BadEscape,
    /// An attribute without `=value`.
    NoValue(String),
    /// `pin-value`: the PIN would be on the command line.
    PinValue,
}

impl UriProblem {
    /// The problem in the user's language.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match self {
            UriProblem::Scheme => crate::tr!(lang, "uri.scheme"),
            UriProblem::BadEscape => crate::tr!(lang, "uri.bad_escape"),
            UriProblem::NoValue(a) => crate::tr!(lang, "uri.no_value", attribute = a),
            UriProblem::PinValue => crate::tr!(lang, "uri.pin_value"),
        }
    }
}

fn pct_decode(s: &str) -> Result<Vec<u8>, UriProblem> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3).ok_or(UriProblem::BadEscape)?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| UriProblem::BadEscape)?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Ok(out)
}

/// Percent-encodes a value for a URI path attribute (RFC 7512 `pchar` minus `;`).
pub fn pct_encode(v: &[u8]) -> String {
    let mut out = String::new();
    for &b in v {
        if b.is_ascii_alphanumeric() || b"-._~:[]@!$'()*+,=&".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Encodes every byte (for `id`).
pub fn pct_encode_all(v: &[u8]) -> String {
    v.iter().map(|b| format!("%{b:02X}")).collect()
}

/// Whether `s` is a `pkcs11:` URI (the scheme in any case, RFC 3986).
pub fn is_pkcs11_uri(s: &str) -> bool {
    s.trim_start()
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("pkcs11:"))
}

impl Pkcs11Uri {
    /// Parses `pkcs11:…`.
    pub fn parse(s: &str) -> Result<Pkcs11Uri, UriProblem> {
        if !is_pkcs11_uri(s) {
            return Err(UriProblem::Scheme);
        }
        let rest = &s.trim_start()[7..];
        // A PIN in the URI is refused before anything else is read, so that
        // no other error (a malformed attribute after it) repeats part of it.
        if pin_value_at(s).is_some() {
            return Err(UriProblem::PinValue);
        }
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let mut uri = Pkcs11Uri::default();
        // A second `?` (a pin-source pasted after a URI that has a query)
        // separates query attributes like `&`.
        for (part, map, seps) in [
            (path, &mut uri.path, &[';'][..]),
            (query, &mut uri.query, &['&', '?'][..]),
        ] {
            for attr in part.split(seps).filter(|a| !a.is_empty()) {
                let (k, v) = attr
                    .split_once('=')
                    .ok_or_else(|| UriProblem::NoValue(attr.to_string()))?;
                map.insert(k.to_ascii_lowercase(), pct_decode(v)?);
            }
        }
        Ok(uri)
    }

    /// The `module-path` query attribute, if any.
    pub fn module_path(&self) -> Option<std::path::PathBuf> {
        self.query
            .get("module-path")
            .map(|v| std::path::PathBuf::from(String::from_utf8_lossy(v).into_owned()))
    }

    /// A path attribute as text.
    pub fn get(&self, k: &str) -> Option<String> {
        self.path
            .get(k)
            .map(|v| String::from_utf8_lossy(v).into_owned())
    }

    /// The `pin-source` file, if any (`file:/path` or a plain path).
    pub fn pin_source(&self) -> Option<std::path::PathBuf> {
        let v = String::from_utf8_lossy(self.query.get("pin-source")?).into_owned();
        let p = v
            .strip_prefix("file://")
            .or_else(|| v.strip_prefix("file:"))
            .unwrap_or(&v);
        Some(std::path::PathBuf::from(p))
    }
}

/// `uri` as it may be shown: from the first `pin-value` (any case) to the
/// end replaced by `pin-value=***`, the rest as given. Where a PIN ends
/// cannot be told for sure (it may hold `&`, `;` or `?`), so nothing after
/// it is shown. Every message that repeats a URI or selector a user typed
/// goes through it, so a PIN put on the command line is refused without
/// being printed back.
pub fn redact(uri: &str) -> String {
    match pin_value_at(uri) {
        Some(at) => format!("{}pin-value=***", &uri[..at]),
        None => uri.to_string(),
    }
}

/// Where the first `pin-value` attribute starts (its key, any case, after
/// the scheme or a `;`, `?` or `&`), if there is one.
fn pin_value_at(uri: &str) -> Option<usize> {
    let body = if is_pkcs11_uri(uri) {
        uri.len() - uri.trim_start().len() + 7
    } else {
        0
    };
    let mut start = body;
    let seps = uri[body..]
        .char_indices()
        .map(|(i, c)| (i + body, c))
        .chain([(uri.len(), ';')]);
    for (i, ch) in seps {
        if matches!(ch, ';' | '?' | '&') {
            let part = &uri[start..i];
            let key = part.split_once('=').map_or(part, |(k, _)| k);
            if key.trim().eq_ignore_ascii_case("pin-value") {
                return Some(start);
            }
            start = i + 1;
        }
    }
    None
}

/// The URI of a certificate object.
pub fn cert_uri(
    token: &str,
    manufacturer: &str,
    serial: &str,
    model: &str,
    id: &[u8],
    label: &str,
    module: Option<&std::path::Path>,
) -> String {
    let mut s = format!(
        "pkcs11:model={};manufacturer={};serial={};token={}",
        pct_encode(model.as_bytes()),
        pct_encode(manufacturer.as_bytes()),
        pct_encode(serial.as_bytes()),
        pct_encode(token.as_bytes())
    );
    if !id.is_empty() {
        s.push_str(&format!(";id={}", pct_encode_all(id)));
    }
    if !label.is_empty() {
        s.push_str(&format!(";object={}", pct_encode(label.as_bytes())));
    }
    s.push_str(";type=cert");
    if let Some(m) = module {
        // RFC 7512 §2.3: module-path, percent-encoded.
        s.push_str(&format!(
            "?module-path={}",
            pct_encode(m.to_string_lossy().as_bytes())
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_never_shown_whatever_its_characters() {
        for (uri, shown) in [
            ("pkcs11:pin-value=12&34", "pkcs11:pin-value=***"),
            (
                "pkcs11:token=A?pin-value=12;34",
                "pkcs11:token=A?pin-value=***",
            ),
            (
                "pkcs11:token=A;PIN-VALUE=12?34",
                "pkcs11:token=A;pin-value=***",
            ),
            ("PKCS11:pin-value=1", "PKCS11:pin-value=***"),
            (
                "pkcs11:token=pin-value-token",
                "pkcs11:token=pin-value-token",
            ),
        ] {
            assert_eq!(redact(uri), shown, "{uri}");
        }
        for uri in [
            "pkcs11:pin-value=12?34",
            "pkcs11:token=A?pin-value=12;34",
            "PKCS11:token=A;pin-value=%ZZ",
        ] {
            assert!(
                matches!(Pkcs11Uri::parse(uri), Err(UriProblem::PinValue)),
                "{uri}"
            );
        }
        assert!(Pkcs11Uri::parse("pkcs11:token=pin-value-token").is_ok());
        assert!(Pkcs11Uri::parse("PKCS11:token=A").is_ok());
    }

    #[test]
    fn round_trip_with_vietnamese_and_spaces() {
        let u = cert_uri(
            "VNPT-CA Token",
            "VNPT CA",
            "12 34",
            "Bit4id",
            &[0x0a, 0x01],
            "Chứng thư; số 1",
            Some(std::path::Path::new("/usr/lib/libbit4xpki.so")),
        );
        assert!(
            u.contains("id=%0A%01") && u.contains("token=VNPT-CA%20Token"),
            "{u}"
        );
        let p = Pkcs11Uri::parse(&u).unwrap();
        assert_eq!(p.get("token").unwrap(), "VNPT-CA Token");
        assert_eq!(p.get("object").unwrap(), "Chứng thư; số 1");
        assert_eq!(p.path["id"], vec![0x0a, 0x01]);
        assert_eq!(p.get("type").unwrap(), "cert");
        assert_eq!(p.query["module-path"], b"/usr/lib/libbit4xpki.so");
    }

    #[test]
    fn query_and_refusals() {
        let p = Pkcs11Uri::parse("pkcs11:token=a?pin-source=file:/run/pin.txt").unwrap();
        assert_eq!(
            p.pin_source().unwrap(),
            std::path::PathBuf::from("/run/pin.txt")
        );
        assert_eq!(
            Pkcs11Uri::parse("pkcs11:token=a?pin-value=1234"),
            Err(UriProblem::PinValue)
        );
        assert_eq!(
            Pkcs11Uri::parse("pkcs11:token=a;pin-value=1234"),
            Err(UriProblem::PinValue)
        );
        assert!(Pkcs11Uri::parse("pkcs11:id=%G1").is_err());
        assert_eq!(
            redact("pkcs11:token=a;PIN-VALUE=1234?module-path=/m.so&pin-value=5678"),
            "pkcs11:token=a;pin-value=***"
        );
        assert_eq!(redact("pkcs11:pin-value=1234"), "pkcs11:pin-value=***");
        assert_eq!(redact("pkcs11:token=a;id=%01"), "pkcs11:token=a;id=%01");
        assert!(Pkcs11Uri::parse("http://x").is_err());
    }
}
