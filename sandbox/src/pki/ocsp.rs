//! An OCSP responder (RFC 6960): answers a DER request with a basic response
//! signed by the CA or a delegated responder, echoing the nonce. The
//! sandbox's `/ocsp` uses it, and so do dvc's tests (stale, fresh, GET-only
//! responders). The client side (requests, verification) is dvc's
//! `dvc::cert::ocsp`.

use der::asn1::OctetString;
use der::{Decode, Encode};
use time::OffsetDateTime;
use x509_cert::ext::pkix::CrlReason;
use x509_ocsp::{BasicOcspResponse, CertStatus, OcspRequest, OcspResponse, OcspResponseStatus};

pub use dvc::cert::ocsp::OcspStatus;

use crate::signature::SigningKey;

/// The nonce extension (id-pkix-ocsp-nonce).
const NONCE: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.2");
/// id-pkix-ocsp-basic.
const BASIC: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");

/// What a responder says, and how.
#[derive(Debug)]
pub struct Responder<'a> {
    /// The key that signs responses.
    pub key: &'a SigningKey,
    /// The signer's certificate (DER): the CA itself or a delegated responder.
    pub cert: &'a [u8],
    /// Whether to put the signer's certificate in the response (delegated responders must).
    pub include_cert: bool,
    /// `thisUpdate`.
    pub this_update: OffsetDateTime,
    /// `nextUpdate`.
    pub next_update: Option<OffsetDateTime>,
}

fn gen_time(t: OffsetDateTime) -> Result<x509_ocsp::OcspGeneralizedTime, String> {
    let secs = u64::try_from(t.unix_timestamp()).map_err(|_| "time before 1970".to_string())?;
    der::asn1::GeneralizedTime::from_unix_duration(std::time::Duration::from_secs(secs))
        .map(x509_ocsp::OcspGeneralizedTime)
        .map_err(|e| e.to_string())
}

/// An OCSP error response (malformedRequest, internalError, ...).
pub fn error_response(status: OcspResponseStatus) -> Vec<u8> {
    OcspResponse {
        response_status: status,
        response_bytes: None,
    }
    .to_der()
    .unwrap_or_default()
}

/// The numeric code of a reason name (the inverse of
/// `dvc::cert::ocsp::reason_name`).
pub fn reason_code(name: &str) -> Option<u32> {
    (0..=10).find(|c| *c != 7 && dvc::cert::ocsp::reason_name(*c).eq_ignore_ascii_case(name))
}

fn crl_reason(code: u32) -> CrlReason {
    use CrlReason::*;
    match code {
        1 => KeyCompromise,
        2 => CaCompromise,
        3 => AffiliationChanged,
        4 => Superseded,
        5 => CessationOfOperation,
        6 => CertificateHold,
        8 => RemoveFromCRL,
        9 => PrivilegeWithdrawn,
        10 => AaCompromise,
        _ => Unspecified,
    }
}

fn sha1(data: &[u8]) -> Vec<u8> {
    ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, data)
        .as_ref()
        .to_vec()
}

impl Responder<'_> {
    /// Answers a DER OCSP request: `status_of` gives each requested
    /// serial's status (the serial's INTEGER content bytes). The nonce is
    /// echoed. A request that cannot be read gets `malformedRequest`.
    pub fn respond(&self, request_der: &[u8], status_of: impl Fn(&[u8]) -> OcspStatus) -> Vec<u8> {
        self.try_respond(request_der, status_of)
            .unwrap_or_else(|_| error_response(OcspResponseStatus::MalformedRequest))
    }

    fn try_respond(
        &self,
        request_der: &[u8],
        status_of: impl Fn(&[u8]) -> OcspStatus,
    ) -> Result<Vec<u8>, String> {
        use x509_ocsp::{ResponderId, ResponseData, SingleResponse, Version};
        let req = OcspRequest::from_der(request_der).map_err(|e| e.to_string())?;
        let signer = x509_cert::Certificate::from_der(self.cert).map_err(|e| e.to_string())?;
        let key_bits = signer
            .tbs_certificate
            .subject_public_key_info
            .subject_public_key
            .raw_bytes()
            .to_vec();
        let mut responses = Vec::new();
        for r in &req.tbs_request.request_list {
            let status = match status_of(r.req_cert.serial_number.as_bytes()) {
                OcspStatus::Good => CertStatus::good(),
                OcspStatus::Unknown => CertStatus::unknown(),
                OcspStatus::Revoked { at, reason } => CertStatus::Revoked(x509_ocsp::RevokedInfo {
                    revocation_time: gen_time(at)?,
                    revocation_reason: reason.as_deref().and_then(reason_code).map(crl_reason),
                }),
            };
            responses.push(SingleResponse {
                cert_id: r.req_cert.clone(),
                cert_status: status,
                this_update: gen_time(self.this_update)?,
                next_update: self.next_update.map(gen_time).transpose()?,
                single_extensions: None,
            });
        }
        let nonce_ext = req
            .tbs_request
            .request_extensions
            .iter()
            .flatten()
            .find(|e| e.extn_id == NONCE)
            .cloned();
        let tbs = ResponseData {
            version: Version::V1,
            responder_id: ResponderId::ByKey(
                OctetString::new(sha1(&key_bits)).map_err(|e| e.to_string())?,
            ),
            produced_at: gen_time(OffsetDateTime::now_utc())?,
            responses,
            response_extensions: nonce_ext.map(|e| vec![e]),
        };
        let tbs_der = tbs.to_der().map_err(|e| e.to_string())?;
        let sig = self.key.sign(&tbs_der)?;
        let basic = BasicOcspResponse {
            tbs_response_data: tbs,
            signature_algorithm: self.key.algorithm(),
            signature: der::asn1::BitString::from_bytes(&sig).map_err(|e| e.to_string())?,
            certs: self.include_cert.then(|| vec![signer]),
        };
        let resp = OcspResponse {
            response_status: OcspResponseStatus::Successful,
            response_bytes: Some(x509_ocsp::ResponseBytes {
                response_type: BASIC,
                response: OctetString::new(basic.to_der().map_err(|e| e.to_string())?)
                    .map_err(|e| e.to_string())?,
            }),
        };
        resp.to_der().map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::{Ca, Key, Name, Role, Spec};
    use time::Duration;

    #[test]
    fn dvc_believes_its_answers() {
        let ca = Ca::self_signed(
            &Spec::new(Role::Ca { path_len: None }, Name::new().cn("CA")),
            Key::ec().unwrap(),
        )
        .unwrap();
        let leaf = ca
            .issue(
                &Spec::new(Role::Leaf, Name::new().cn("Leaf")).serial(0x42),
                &Key::ec().unwrap(),
            )
            .unwrap();
        let key = ca.key().signing_key().unwrap();
        let now = OffsetDateTime::now_utc();
        let responder = Responder {
            key: &key,
            cert: ca.der(),
            include_cert: false,
            this_update: now - Duration::minutes(1),
            next_update: Some(now + Duration::hours(1)),
        };
        let q = dvc::cert::ocsp::query(&leaf, ca.der()).unwrap();
        let revoked = responder.respond(&q.der, |serial| {
            assert_eq!(serial, [0x42]);
            OcspStatus::Revoked {
                at: now - Duration::days(1),
                reason: Some("superseded".into()),
            }
        });
        let answer = dvc::cert::ocsp::verify(&revoked, &q, ca.der(), now).unwrap();
        assert!(
            matches!(answer.status, OcspStatus::Revoked { ref reason, .. } if reason.as_deref() == Some("superseded")),
            "{answer:?}"
        );
        let good = responder.respond(&q.der, |_| OcspStatus::Good);
        assert_eq!(
            dvc::cert::ocsp::verify(&good, &q, ca.der(), now)
                .unwrap()
                .status,
            OcspStatus::Good
        );
        // Garbage in: malformedRequest out, which dvc reports as such.
        let bad = responder.respond(b"garbage", |_| OcspStatus::Good);
        assert_eq!(bad, error_response(OcspResponseStatus::MalformedRequest));
        assert!(dvc::cert::ocsp::verify(&bad, &q, ca.der(), now).is_err());
        assert_eq!(reason_code("keyCompromise"), Some(1));
        assert_eq!(reason_code("nonsense"), None);
    }
}
