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

impl Pkcs11Uri {
    /// Parses `pkcs11:…`.
    pub fn parse(s: &str) -> Result<Pkcs11Uri, UriProblem> {
        let rest = s.strip_prefix("pkcs11:").ok_or(UriProblem::Scheme)?;
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
        if uri.query.contains_key("pin-value") || uri.path.contains_key("pin-value") {
            return Err(UriProblem::PinValue);
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

/// `uri` as it may be shown: the value of every `pin-value` attribute (path
/// or query, any case) replaced by `***`, the rest as given. Every message
/// that repeats a URI a user typed goes through it, so a PIN put on the
/// command line is refused without being printed back.
pub fn redact(uri: &str) -> String {
    let attr = |a: &str| -> String {
        let (k, _) = a.split_once('=').unwrap_or((a, ""));
        let key = k.strip_prefix("pkcs11:").unwrap_or(k);
        if key.eq_ignore_ascii_case("pin-value") {
            format!("{k}=***")
        } else {
            a.to_string()
        }
    };
    let mut out = String::with_capacity(uri.len());
    let mut part = String::new();
    for ch in uri.chars() {
        if matches!(ch, ';' | '?' | '&') {
            out.push_str(&attr(&part));
            out.push(ch);
            part.clear();
        } else {
            part.push(ch);
        }
    }
    out.push_str(&attr(&part));
    out
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
            "pkcs11:token=a;PIN-VALUE=***?module-path=/m.so&pin-value=***"
        );
        assert_eq!(redact("pkcs11:pin-value=1234"), "pkcs11:pin-value=***");
        assert_eq!(redact("pkcs11:token=a;id=%01"), "pkcs11:token=a;id=%01");
        assert!(Pkcs11Uri::parse("http://x").is_err());
    }
}
