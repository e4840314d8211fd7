//! The certificates of plugged tokens as rows of `dvc cert check`.
//!
//! A row is an end-entity certificate (the one a person logs in or signs
//! with). The CA certificates a token also stores (middleware and
//! provisioning tools put the issuing CA beside the user's certificate) are
//! chain candidates for the token's other certificates, never rows of their
//! own: the same CA would otherwise be reported once per token. Only a
//! `pkcs11:` URI that selects nothing but CA certificates checks them.
//!
//! People read a token's name, not its URI: the token's label ("Demo
//! Token"); with the token's serial number when two plugged tokens share a
//! label; with the object's label (else its ID) when one token holds
//! several certificates. The URI stays the row's `source` for scripts.

use crate::cert::decode::hex_upper;
use crate::cert::source::Subject;
use crate::pkcs11::token::{matches, TokenCert, TokenView};

/// The rows for the certificates on `tokens` that `selector` matches
/// (every certificate without one), in token order.
pub fn subjects(tokens: &[TokenView], selector: Option<&str>) -> Vec<Subject> {
    let matched: Vec<(usize, &TokenCert)> = tokens
        .iter()
        .enumerate()
        .flat_map(|(n, t)| {
            t.certificates
                .iter()
                .filter(move |c| selector.is_none_or(|s| matches(s, t, c)))
                .map(move |c| (n, c))
        })
        .collect();
    let any_leaf = matched.iter().any(|(_, c)| !c.info.is_ca);
    let rows: Vec<(usize, &TokenCert)> = matched
        .into_iter()
        .filter(|(_, c)| !c.info.is_ca || (selector.is_some() && !any_leaf))
        .collect();
    let places: Vec<Place<'_>> = rows
        .iter()
        .map(|(n, c)| Place {
            token: *n,
            token_label: &tokens[*n].label,
            token_serial: &tokens[*n].serial,
            slot: tokens[*n].slot,
            object_label: &c.label,
            id: &c.id,
            serial: &c.info.serial,
        })
        .collect();
    let names = names(&places);
    rows.iter()
        .zip(names)
        .map(|((n, c), name)| {
            // The token's CA certificates help build this one's chain.
            let cas = tokens[*n]
                .certificates
                .iter()
                .filter(|o| o.info.is_ca && o.der != c.der)
                .map(|o| o.der.clone())
                .collect();
            let mut s = Subject::new(c.uri.clone(), c.der.clone(), cas);
            s.label = Some(name);
            s
        })
        .collect()
}

/// What tells one token certificate from the others, for people.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// Which token (its index in the listing).
    pub token: usize,
    /// The token's label.
    pub token_label: &'a str,
    /// The token's serial number.
    pub token_serial: &'a str,
    /// The token's slot.
    pub slot: u64,
    /// The certificate object's label (CKA_LABEL).
    pub object_label: &'a str,
    /// The certificate object's CKA_ID.
    pub id: &'a [u8],
    /// The certificate's serial number.
    pub serial: &'a str,
}

/// A name for each place: the token's label, told apart from another
/// token's of the same label by its serial number (else its slot), then,
/// when the token has several rows, the object's label (else its ID, else
/// the certificate's serial number), whichever is unique on the token.
pub fn names(places: &[Place<'_>]) -> Vec<String> {
    places
        .iter()
        .map(|p| {
            let mut name = if p.token_label.trim().is_empty() {
                format!("slot {}", p.slot)
            } else {
                p.token_label.trim().to_string()
            };
            let namesakes: Vec<&Place<'_>> = places
                .iter()
                .filter(|q| q.token != p.token && q.token_label == p.token_label)
                .collect();
            if !namesakes.is_empty() {
                let serial_tells = !p.token_serial.is_empty()
                    && namesakes.iter().all(|q| q.token_serial != p.token_serial);
                if serial_tells {
                    name.push_str(&format!(" #{}", p.token_serial));
                } else {
                    name.push_str(&format!(" (slot {})", p.slot));
                }
            }
            let siblings: Vec<&Place<'_>> = places.iter().filter(|q| q.token == p.token).collect();
            if siblings.len() > 1 {
                let unique = |same: &dyn Fn(&Place<'_>) -> bool| {
                    siblings.iter().filter(|q| same(q)).count() == 1
                };
                let object = if !p.object_label.trim().is_empty()
                    && unique(&|q| q.object_label == p.object_label)
                {
                    p.object_label.trim().to_string()
                } else if !p.id.is_empty() && unique(&|q| q.id == p.id) {
                    format!("ID {}", hex_upper(p.id))
                } else {
                    p.serial.to_string()
                };
                name.push_str(" / ");
                name.push_str(&object);
            }
            name
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place<'a>(
        token: usize,
        token_label: &'a str,
        token_serial: &'a str,
        object_label: &'a str,
        id: &'a [u8],
    ) -> Place<'a> {
        Place {
            token,
            token_label,
            token_serial,
            slot: token as u64,
            object_label,
            id,
            serial: "5A0001",
        }
    }

    #[test]
    fn one_certificate_per_token_is_named_by_its_token() {
        let p = [
            place(0, "Demo Token", "789e", "Công ty A (5A0001)", &[1]),
            place(1, "Token B", "94e6", "Công ty B (5A0002)", &[1]),
        ];
        assert_eq!(names(&p), ["Demo Token", "Token B"]);
    }

    #[test]
    fn tokens_of_one_label_are_told_apart_by_serial_then_slot() {
        let p = [
            place(0, "VNPT-CA", "1111", "", &[1]),
            place(1, "VNPT-CA", "2222", "", &[1]),
            place(2, "Viettel-CA", "", "", &[1]),
        ];
        assert_eq!(names(&p), ["VNPT-CA #1111", "VNPT-CA #2222", "Viettel-CA"]);
        let p = [
            place(0, "VNPT-CA", "", "", &[1]),
            place(1, "VNPT-CA", "", "", &[1]),
        ];
        assert_eq!(names(&p), ["VNPT-CA (slot 0)", "VNPT-CA (slot 1)"]);
    }

    #[test]
    fn several_certificates_on_one_token_add_the_object() {
        let p = [
            place(0, "Demo Token", "1", "Chứng thư 2025", &[1]),
            place(0, "Demo Token", "1", "Chứng thư 2026", &[2]),
        ];
        assert_eq!(
            names(&p),
            ["Demo Token / Chứng thư 2025", "Demo Token / Chứng thư 2026"]
        );
        // The same label (a renewal beside its predecessor): the ID.
        let p = [
            place(0, "Demo Token", "1", "Chứng thư số", &[0x0a, 0x01]),
            place(0, "Demo Token", "1", "Chứng thư số", &[0x0a, 0x02]),
        ];
        assert_eq!(names(&p), ["Demo Token / ID 0A01", "Demo Token / ID 0A02"]);
    }
}
