//! A minimal DER walker: raw TLV slices, so signatures can be checked over
//! the exact bytes that were signed and large structures (CRLs) can be
//! scanned without building a tree.

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
pub fn read(input: &[u8]) -> Result<(Tlv<'_>, &[u8]), String> {
    let tag = *input.first().ok_or("unexpected end of data")?;
    if tag & 0x1f == 0x1f {
        return Err("multi-byte tags are not supported".into());
    }
    let first = *input.get(1).ok_or("unexpected end of data")?;
    let (len, header) = if first < 0x80 {
        (first as usize, 2)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 {
            return Err("indefinite or oversized length".into());
        }
        let bytes = input.get(2..2 + n).ok_or("unexpected end of data")?;
        let len = bytes.iter().fold(0usize, |acc, b| (acc << 8) | *b as usize);
        (len, 2 + n)
    };
    let end = header.checked_add(len).ok_or("length overflow")?;
    if end > input.len() {
        return Err(format!(
            "element of {len} bytes runs past the end of the data (truncated?)"
        ));
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
pub fn read_all(input: &[u8]) -> Result<Tlv<'_>, String> {
    let (tlv, rest) = read(input)?;
    if !rest.is_empty() {
        return Err(format!("{} bytes of trailing data", rest.len()));
    }
    Ok(tlv)
}

/// The elements inside a constructed element's content.
pub fn children(content: &[u8]) -> Result<Vec<Tlv<'_>>, String> {
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
pub fn iter(content: &[u8]) -> impl Iterator<Item = Result<Tlv<'_>, String>> {
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
pub fn bit_string_bytes(content: &[u8]) -> Result<&[u8], String> {
    match content.split_first() {
        Some((0, bits)) => Ok(bits),
        Some(_) => Err("a BIT STRING with unused bits".into()),
        None => Err("an empty BIT STRING".into()),
    }
}

/// Parses UTCTime or GeneralizedTime content (the `Z` forms DER requires).
pub fn parse_time(t: &Tlv<'_>) -> Result<time::OffsetDateTime, String> {
    let s = std::str::from_utf8(t.content).map_err(|_| "time is not ASCII")?;
    let s = s.strip_suffix('Z').ok_or("time is not in UTC (Z)")?;
    let (year, rest) = match t.tag {
        tag::UTC_TIME => {
            let yy: i32 = s
                .get(..2)
                .and_then(|v| v.parse().ok())
                .ok_or("bad UTCTime")?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, &s[2..])
        }
        tag::GENERALIZED_TIME => {
            let y: i32 = s
                .get(..4)
                .and_then(|v| v.parse().ok())
                .ok_or("bad GeneralizedTime")?;
            (y, &s[4..])
        }
        _ => return Err("not a time".into()),
    };
    let rest = rest.split('.').next().unwrap_or(rest);
    let num = |i: usize| -> Result<u8, String> {
        rest.get(i..i + 2)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| "bad time".to_string())
    };
    let month = time::Month::try_from(num(0)?).map_err(|e| e.to_string())?;
    let date = time::Date::from_calendar_date(year, month, num(2)?).map_err(|e| e.to_string())?;
    let sec = if rest.len() >= 10 { num(8)? } else { 0 };
    let tm = time::Time::from_hms(num(4)?, num(6)?, sec).map_err(|e| e.to_string())?;
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
