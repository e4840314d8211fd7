//! The demo PKI's endpoints: the OCSP responder (`POST /ocsp`, `GET
//! /ocsp/BASE64`), the CRLs (`/pki/ca.crl`, `/pki/root.crl`) and the CA
//! certificates (`/pki/ca.cer`, `/pki/root.cer`), as the certificates' AIA
//! and CRL distribution points name them.

use base64::Engine as _;
use serde_json::json;
use time::OffsetDateTime;
use x509_ocsp::OcspResponseStatus;

use super::http::{Reply, Req};
use super::Sandbox;
use crate::pki::ocsp::{error_response, OcspStatus, Responder};

const OCSP_RESPONSE: &str = "application/ocsp-response";

impl Sandbox {
    /// Routes `/ocsp` and `/pki/...`; `None` for other paths.
    pub(crate) fn pki_route(&self, req: &Req) -> Option<Reply> {
        Some(match (req.method.as_str(), req.path.as_str()) {
            ("POST", "/ocsp") => self.ocsp(&req.body),
            ("GET", p) if p.starts_with("/ocsp/") => {
                let enc = &p["/ocsp/".len()..];
                let b64: String = url::form_urlencoded::parse(format!("x={enc}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default();
                let der = base64::engine::general_purpose::STANDARD
                    .decode(b64)
                    .unwrap_or_default();
                self.ocsp(&der)
            }
            ("GET", "/pki/ca.cer") => {
                Reply::bytes(200, "application/pkix-cert", self.st().ca_der())
            }
            ("GET", "/pki/root.cer") => {
                Reply::bytes(200, "application/pkix-cert", self.st().root_der())
            }
            ("GET", "/pki/ca.crl") => crl(self.st().crl()),
            ("GET", "/pki/root.crl") => crl(self.st().root_crl()),
            _ => return None,
        })
    }

    /// Answers an OCSP request for the issuing CA's certificates: good when
    /// issued, revoked when revoked, unknown otherwise.
    fn ocsp(&self, der: &[u8]) -> Reply {
        let st = self.st();
        let Ok(key) = st.ca().and_then(|ca| ca.key().signing_key()) else {
            return Reply::bytes(
                500,
                OCSP_RESPONSE,
                error_response(OcspResponseStatus::InternalError),
            );
        };
        let ca = st.ca_der();
        let now = OffsetDateTime::now_utc();
        let issued: Vec<String> = st
            .accounts
            .accounts
            .iter()
            .map(|a| a.cert_serial.clone())
            .collect();
        let responder = Responder {
            key: &key,
            cert: &ca,
            include_cert: false,
            this_update: now - time::Duration::minutes(1),
            next_update: Some(now + time::Duration::hours(1)),
        };
        let body = responder.respond(der, |serial| match st.revocation(serial) {
            Some((at, reason)) => OcspStatus::Revoked {
                at,
                reason: Some(reason),
            },
            None if issued.contains(&dvc::cert::decode::serial_hex(serial)) => OcspStatus::Good,
            None => OcspStatus::Unknown,
        });
        Reply::bytes(200, OCSP_RESPONSE, body)
    }
}

fn crl(made: Result<Vec<u8>, String>) -> Reply {
    match made {
        Ok(c) => Reply::bytes(200, "application/pkix-crl", c),
        Err(e) => Reply::json(500, json!({"error": e})),
    }
}
