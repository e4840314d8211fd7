//! A minimal DER walker: raw TLV slices, so signatures can be checked over
//! the exact bytes that were signed and large structures (CRLs) can be
//! scanned without building a tree.

/// What is wrong with DER data. Callers wrap it in their own error ("not a
/// CRL", "a damaged OCSP response"); a person never sees it alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asn1Error {
    /// The data ends inside an element (a truncated file or download).
    Truncated,
    /// Bytes follow the element that should fill the data.
    TrailingData(usize),
    /// A length or tag DER does not allow here (multi-byte tags, indefinite
    /// or oversized lengths).
    BadEncoding,
    /// A BIT STRING with unused bits, or empty.
    BadBitString,
    /// A time that is not UTCTime / GeneralizedTime in the `Z` form.
    BadTime,
}

/// One DER element: its tag byte, its whole encoding and its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    /// The identifier octet (single-byte tags only, as in X.509).
    pub tag: u8,
    /// Tag, length and content.
    pub raw: &'a [u8],
    /// The content.
    pub content: &'a [u8],
}

/// Reads one element at the start of `input`; returns it and the rest.
pub fn read(input: &[u8]) -> Result<(Tlv<'_>, &[u8]), Asn1Error> {
    let tag = *input.first().ok_or(Asn1Error::Truncated)?;
    if tag & 0x1f == 0x1f {
        return Err(Asn1Error::BadEncoding);
    }
    let first = *input.get(1).ok_or(Asn1Error::Truncated)?;
    let (len, header) = if first < 0x80 {
        (first as usize, 2)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 {
            return Err(Asn1Error::BadEncoding);
        }
        let bytes = input.get(2..2 + n).ok_or(Asn1Error::Truncated)?;
        let len = bytes.iter().fold(0usize, |acc, b| (acc << 8) | *b as usize);
        (len, 2 + n)
    };
    let end = header.checked_add(len).ok_or(Asn1Error::BadEncoding)?;
    if end > input.len() {
        return Err(Asn1Error::Truncated);
    }
    Ok((
        Tlv {
            tag,
            raw: &input[..end],
            content: &input[header..end],
        },
        &input[end..],
    ))
}

/// Reads one element that must fill `input` exactly.
pub fn read_all(input: &[u8]) -> Result<Tlv<'_>, Asn1Error> {
    let (tlv, rest) = read(input)?;
    if !rest.is_empty() {
        return Err(Asn1Error::TrailingData(rest.len()));
    }
    Ok(tlv)
}

/// The elements inside a constructed element's content.
pub fn children(content: &[u8]) -> Result<Vec<Tlv<'_>>, Asn1Error> {
    let mut out = Vec::new();
    let mut rest = content;
    while !rest.is_empty() {
        let (tlv, r) = read(rest)?;
        out.push(tlv);
        rest = r;
    }
    Ok(out)
}

/// An iterator over the elements inside `content`, without collecting them.
pub fn iter(content: &[u8]) -> impl Iterator<Item = Result<Tlv<'_>, Asn1Error>> {
    let mut rest = content;
    let mut failed = false;
    std::iter::from_fn(move || {
        if rest.is_empty() || failed {
            return None;
        }
        match read(rest) {
            Ok((tlv, r)) => {
                rest = r;
                Some(Ok(tlv))
            }
            Err(e) => {
                failed = true;
                Some(Err(e))
            }
        }
    })
}

/// Tag numbers used here.
pub mod tag {
    /// INTEGER.
    pub const INTEGER: u8 = 0x02;
    /// BIT STRING.
    pub const BIT_STRING: u8 = 0x03;
    /// OCTET STRING.
    pub const OCTET_STRING: u8 = 0x04;
    /// OBJECT IDENTIFIER.
    pub const OID: u8 = 0x06;
    /// ENUMERATED.
    pub const ENUMERATED: u8 = 0x0a;
    /// UTCTime.
    pub const UTC_TIME: u8 = 0x17;
    /// GeneralizedTime.
    pub const GENERALIZED_TIME: u8 = 0x18;
    /// SEQUENCE.
    pub const SEQUENCE: u8 = 0x30;
    /// SET.
    pub const SET: u8 = 0x31;
}

/// The bits of a BIT STRING content with no unused bits.
pub fn bit_string_bytes(content: &[u8]) -> Result<&[u8], Asn1Error> {
    match content.split_first() {
        Some((0, bits)) => Ok(bits),
        _ => Err(Asn1Error::BadBitString),
    }
}

/// Parses UTCTime or GeneralizedTime content (the `Z` forms DER requires).
pub fn parse_time(t: &Tlv<'_>) -> Result<time::OffsetDateTime, Asn1Error> {
    let bad = |_| Asn1Error::BadTime;
    let s = std::str::from_utf8(t.content).map_err(bad)?;
    let s = s.strip_suffix('Z').ok_or(Asn1Error::BadTime)?;
    let (year, rest) = match t.tag {
        tag::UTC_TIME => {
            let yy: i32 = s
                .get(..2)
                .and_then(|v| v.parse().ok())
                .ok_or(Asn1Error::BadTime)?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, &s[2..])
        }
        tag::GENERALIZED_TIME => {
            let y: i32 = s
                .get(..4)
                .and_then(|v| v.parse().ok())
                .ok_or(Asn1Error::BadTime)?;
            (y, &s[4..])
        }
        _ => return Err(Asn1Error::BadTime),
    };
    let rest = rest.split('.').next().unwrap_or(rest);
    let num = |i: usize| -> Result<u8, Asn1Error> {
        rest.get(i..i + 2)
            .and_then(|v| v.parse().ok())
            .ok_or(Asn1Error::BadTime)
    };
    let month = time::Month::try_from(num(0)?).map_err(|_| Asn1Error::BadTime)?;
    let date =
        time::Date::from_calendar_date(year, month, num(2)?).map_err(|_| Asn1Error::BadTime)?;
    let sec = if rest.len() >= 10 { num(8)? } else { 0 };
    let tm = time::Time::from_hms(num(4)?, num(6)?, sec).map_err(|_| Asn1Error::BadTime)?;
    Ok(time::PrimitiveDateTime::new(date, tm).assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_truncation() {
        let (t, rest) = read(&[0x30, 0x03, 0x02, 0x01, 0x05, 0xff]).unwrap();
        assert_eq!(t.tag, 0x30);
        assert_eq!(t.content, &[0x02, 0x01, 0x05]);
        assert_eq!(rest, &[0xff]);
        assert_eq!(children(t.content).unwrap().len(), 1);
        assert!(read(&[0x30, 0x05, 0x00]).is_err());
        assert!(read(&[0x30, 0x80]).is_err());
        assert!(read(&[0x30, 0x82, 0x01]).is_err());
        assert!(read(&[]).is_err());
        let mut long = vec![0x04, 0x81, 0x80];
        long.extend([0u8; 0x80]);
        assert_eq!(read_all(&long).unwrap().content.len(), 0x80);
    }

    #[test]
    fn times() {
        let t = Tlv {
            tag: tag::UTC_TIME,
            raw: &[],
            content: b"261129071815Z",
        };
        assert_eq!(
            crate::clock::rfc3339(parse_time(&t).unwrap()),
            "2026-11-29T07:18:15Z"
        );
        let t = Tlv {
            tag: tag::GENERALIZED_TIME,
            raw: &[],
            content: b"20491231235959Z",
        };
        assert_eq!(
            crate::clock::rfc3339(parse_time(&t).unwrap()),
            "2049-12-31T23:59:59Z"
        );
        let t = Tlv {
            tag: tag::UTC_TIME,
            raw: &[],
            content: b"491231235959Z",
        };
        assert_eq!(parse_time(&t).unwrap().year(), 2049);
    }
}
