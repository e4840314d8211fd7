//! The sandbox alone, driven by hand with a plain HTTP client.

use base64::Engine as _;
use serde_json::{json, Value};

use dvc_sandbox::pki::{self, Key, Name, Role, Spec};

use crate::util::{client, failure, verify_jwt, Flow, Home, Sandbox, Token, MODULE};

/// A sandbox with its own fresh data (its certificates name its own port).
fn start(home: &Home, args: &[&str]) -> Sandbox {
    Sandbox::start(home, args)
}

fn b64(d: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(d)
}

fn unb64(s: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

/// Signs `data` with RSA-PSS-SHA256 (the USB tab's algorithm) with an account's key.
fn pss_sign(pkcs8: &[u8], data: &[u8]) -> Vec<u8> {
    let k = ring::signature::RsaKeyPair::from_pkcs8(pkcs8).unwrap();
    let mut sig = vec![0u8; k.public().modulus_len()];
    k.sign(
        &ring::signature::RSA_PSS_SHA256,
        &ring::rand::SystemRandom::new(),
        data,
        &mut sig,
    )
    .unwrap();
    sig
}

fn usb_fields(flow: &Flow, account: &Value, data: &[u8]) -> Vec<(String, String)> {
    let sig = pss_sign(&unb64(account["key_pkcs8"].as_str().unwrap()), data);
    vec![
        (
            "certificate".into(),
            account["cert_der"].as_str().unwrap().to_string(),
        ),
        (
            "serial".into(),
            account["cert_serial"].as_str().unwrap().to_string(),
        ),
        ("dataBeforeSign".into(), flow.key.clone()),
        ("signedData".into(), b64(&sig)),
        ("signatureAlgorithm".into(), "RSASSA-PSS-SHA256".into()),
    ]
}

fn post_usb(flow: &Flow, fields: &[(String, String)]) -> reqwest::blocking::Response {
    let f: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    flow.post("usb", &f)
}

#[test]
fn discovery_jwks_and_pki_endpoints() {
    let h = Home::new();
    let s = start(&h, &[]);
    let c = client();
    let d: Value = c
        .get(s.url("/.well-known/openid-configuration"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(d["issuer"], s.issuer.as_str());
    for k in [
        "authorization_endpoint",
        "token_endpoint",
        "jwks_uri",
        "userinfo_endpoint",
        "revocation_endpoint",
        "dvc_authentication_endpoint",
    ] {
        assert!(d[k].as_str().unwrap().starts_with(&s.issuer), "{k}");
    }
    assert_eq!(
        d["dvc_authenticators_supported"],
        json!(["usb", "sim", "smartca"])
    );
    let wso2: Value = c
        .get(s.url("/oauth2/oidcdiscovery/.well-known/openid-configuration"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(wso2, d);
    let jwks: Value = c
        .get(d["jwks_uri"].as_str().unwrap().to_string())
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(jwks["keys"][0]["alg"], "RS256");
    assert!(jwks["keys"][0]["kid"]
        .as_str()
        .unwrap()
        .starts_with("sandbox-"));
    // The demo PKI: CA certificates and a CRL that dvc's own parser reads.
    let ca = c.get(s.url("/pki/ca.cer")).send().unwrap().bytes().unwrap();
    let info = dvc::cert::decode_der(&ca).unwrap();
    assert!(info.is_ca && info.subject.contains("Cổng Dịch vụ công"));
    let crl = c
        .get(s.url("/pki/ca.crl"))
        .send()
        .unwrap()
        .bytes()
        .unwrap()
        .to_vec();
    let crl = dvc::cert::crl::Crl::parse(crl).unwrap();
    crl.verify(&ca).unwrap();
    assert_eq!(crl.len(), 1, "the demo revoked account");
    // The login page is for people.
    let page = c
        .get(s.url("/authenticationendpoint/login.do?sessionDataKey=abc"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(
        page.contains("USB ký số") && page.contains("SIM ký số") && page.contains("VNPT SmartCA")
    );
}

#[test]
fn sim_login_by_hand_with_approval_over_http() {
    let h = Home::new();
    let s = start(&h, &[]);
    let flow = Flow::begin(&s.issuer);
    // The phone number in international digits, as the protocol sends it.
    let r = flow.post("sim", &[("phoneNumber", "84912345678")]);
    assert_eq!(r.status().as_u16(), 200);
    let p: Value = r.json().unwrap();
    assert_eq!(p["status"], "pending");
    let code = p["verificationCode"].as_str().unwrap().to_string();
    assert!(code.len() >= 4);
    let tx = p["transactionId"].as_str().unwrap().to_string();
    assert!(p["expiresIn"].as_u64().unwrap() > 100 && p["interval"].as_u64().unwrap() >= 1);
    // Still pending.
    let r = flow.post("sim", &[("transactionId", &tx)]);
    assert_eq!(r.json::<Value>().unwrap()["status"], "pending");
    // The admin API shows it with its code; approve it.
    let list: Value = flow
        .http
        .get(s.url("/sandbox/transactions"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let t = list["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == tx.as_str())
        .unwrap();
    assert_eq!(
        (
            t["verification_code"].as_str(),
            t["authenticator"].as_str(),
            t["login_hint"].as_str()
        ),
        (Some(code.as_str()), Some("sim"), Some("84912345678"))
    );
    assert_eq!(
        flow.http
            .post(s.url(&format!("/sandbox/transactions/{tx}/approve")))
            .send()
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    let r = flow.post("sim", &[("transactionId", &tx)]);
    let authz = flow.code(r);
    let (st, tok) = flow.exchange(&authz, &flow.verifier);
    assert_eq!(st, 200, "{tok}");
    assert_eq!(tok["token_type"], "Bearer");
    let claims = verify_jwt(&s.issuer, tok["id_token"].as_str().unwrap()).unwrap();
    assert_eq!(claims["nonce"], flow.nonce.as_str());
    assert_eq!(claims["aud"], json!(["dvc-cli"]));
    assert_eq!(claims["iss"], s.issuer.as_str());
    let info: Value = flow
        .http
        .get(s.url("/oauth2/userinfo"))
        .bearer_auth(tok["access_token"].as_str().unwrap())
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(info["MaSoThue"], "0101234567");
    assert_eq!(info["TenDoanhNghiep"], "Công ty TNHH Giải pháp Số Hà Nội");
    assert_eq!(info["LoaiTaiKhoan"], "2");
    let me: Value = flow
        .http
        .get(s.url("/api/me"))
        .bearer_auth(tok["access_token"].as_str().unwrap())
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(me["method"], "sim");
    // The same code again: refused. The same sessionDataKey again: SESSION_EXPIRED.
    assert_eq!(
        flow.exchange(&authz, &flow.verifier).1["error"],
        "invalid_grant"
    );
    assert_eq!(
        failure(flow.post("sim", &[("phoneNumber", "84912345678")])),
        "SESSION_EXPIRED"
    );
    // Unknown phone.
    let f2 = Flow::begin(&s.issuer);
    assert_eq!(
        failure(f2.post("sim", &[("phoneNumber", "84900000000")])),
        "PKI_NOT_FOUND_USER_WITH_PHONE"
    );
    let stats: Value = flow
        .http
        .get(s.url("/sandbox/stats"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(stats["grants"]["authorization_code"], 1);
    assert!(stats["commonauth"]["sim"]["success"].as_u64().unwrap() >= 1);
}

#[test]
fn smartca_login_rejection_expiry_and_pkce() {
    let h = Home::new();
    let s = start(&h, &["--transaction-ttl", "2"]);
    let flow = Flow::begin(&s.issuer);
    assert_eq!(
        failure(flow.post(
            "smartca",
            &[("userId", "001099012345"), ("password", "wrong")]
        )),
        "SMARTCA_AUTH_FAILED"
    );
    assert_eq!(
        failure(flow.post("smartca", &[("userId", "999999999999"), ("password", "x")])),
        "SMARTCA_USER_NOT_FOUND"
    );
    // Rejected in the app.
    let p: Value = flow
        .post(
            "smartca",
            &[("userId", "001099012345"), ("password", "Hong@SmartCA1")],
        )
        .json()
        .unwrap();
    let tx = p["transactionId"].as_str().unwrap().to_string();
    flow.http
        .post(s.url(&format!("/sandbox/transactions/{tx}/reject")))
        .send()
        .unwrap();
    assert_eq!(
        failure(flow.post("smartca", &[("transactionId", &tx)])),
        "USER_REJECTED"
    );
    // Not confirmed in time.
    let p: Value = flow
        .post(
            "smartca",
            &[("userId", "001099012345"), ("password", "Hong@SmartCA1")],
        )
        .json()
        .unwrap();
    let tx = p["transactionId"].as_str().unwrap().to_string();
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert_eq!(
        failure(flow.post("smartca", &[("transactionId", &tx)])),
        "TRANSACTION_EXPIRED"
    );
    // Approved: logged in; a wrong PKCE verifier is refused, the right one works once.
    let p: Value = flow
        .post(
            "smartca",
            &[("userId", "001099012345"), ("password", "Hong@SmartCA1")],
        )
        .json()
        .unwrap();
    let tx = p["transactionId"].as_str().unwrap().to_string();
    flow.http
        .post(s.url(&format!("/sandbox/transactions/{tx}/approve")))
        .send()
        .unwrap();
    let code = flow.code(flow.post("smartca", &[("transactionId", &tx)]));
    let (st, v) = flow.exchange(&code, &"x".repeat(50));
    assert_eq!((st, v["error"].as_str()), (400, Some("invalid_grant")));
    let (st, v) = flow.exchange(&code, &flow.verifier);
    assert_eq!(st, 200, "{v}");
    let claims = verify_jwt(&s.issuer, v["id_token"].as_str().unwrap()).unwrap();
    assert_eq!(claims["SoDinhDanh"], "001099012345");
}

#[test]
fn usb_login_and_every_refusal() {
    let h = Home::new();
    let s = start(&h, &[]);
    let b1 = s.account("dn-giai-phap-so");
    // Success with a PSS signature over the sessionDataKey.
    let flow = Flow::begin(&s.issuer);
    let fields = usb_fields(&flow, &b1, flow.key.as_bytes());
    let code = flow.code(post_usb(&flow, &fields));
    let (st, tok) = flow.exchange(&code, &flow.verifier);
    assert_eq!(st, 200);
    assert_eq!(
        verify_jwt(&s.issuer, tok["id_token"].as_str().unwrap()).unwrap()["MaSoThue"],
        "0101234567"
    );
    // A signature over other data.
    let flow = Flow::begin(&s.issuer);
    let fields = usb_fields(&flow, &b1, b"something else");
    assert_eq!(failure(post_usb(&flow, &fields)), "SIGNATURE_INVALID");
    // dataBeforeSign that is not the sessionDataKey.
    let mut fields = usb_fields(&flow, &b1, b"other");
    fields[2].1 = "other".into();
    assert_eq!(failure(post_usb(&flow, &fields)), "SIGNATURE_INVALID");
    // A certificate of another CA (same names, own key).
    let other = pki::self_signed(
        &Spec::new(
            Role::Leaf,
            Name::new().cn("Công ty TNHH Giải pháp Số Hà Nội"),
        ),
        &Key::ec().unwrap(),
    )
    .unwrap();
    let serial = dvc::cert::decode_der(&other).unwrap().serial;
    let mut fields = usb_fields(&flow, &b1, flow.key.as_bytes());
    fields[0].1 = b64(&other);
    fields[1].1 = serial;
    assert_eq!(
        failure(post_usb(&flow, &fields)),
        "USB_CERTIFICATE_VERIFICATION_FAILED"
    );
    // The expired account.
    let e = s.account("dn-het-han");
    let fields = usb_fields(&flow, &e, flow.key.as_bytes());
    assert_eq!(failure(post_usb(&flow, &fields)), "CERT_EXPIRED");
    // The demo revoked account.
    let r = s.account("dn-bi-thu-hoi");
    let fields = usb_fields(&flow, &r, flow.key.as_bytes());
    assert_eq!(failure(post_usb(&flow, &fields)), "CERT_REVOKED");
    // Revoking b1 through the CLI: OCSP says so (checked by dvc's verifier), and the login is refused.
    let serial = b1["cert_serial"].as_str().unwrap();
    let out = s
        .cli(&["revoke", serial, "--issuer", &s.issuer])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cert = unb64(b1["cert_der"].as_str().unwrap());
    let ca = client()
        .get(s.url("/pki/ca.cer"))
        .send()
        .unwrap()
        .bytes()
        .unwrap()
        .to_vec();
    let q = dvc::cert::ocsp::query(&cert, &ca).unwrap();
    let body = client()
        .post(s.url("/ocsp"))
        .header("Content-Type", "application/ocsp-request")
        .body(q.der.clone())
        .send()
        .unwrap()
        .bytes()
        .unwrap();
    let answer = dvc::cert::ocsp::verify(&body, &q, &ca, time::OffsetDateTime::now_utc()).unwrap();
    assert!(
        matches!(answer.status, dvc::cert::ocsp::OcspStatus::Revoked { ref reason, .. } if reason.as_deref() == Some("keyCompromise")),
        "{answer:?}"
    );
    let flow = Flow::begin(&s.issuer);
    let fields = usb_fields(&flow, &b1, flow.key.as_bytes());
    assert_eq!(failure(post_usb(&flow, &fields)), "CERT_REVOKED");
    // The independent check: `dvc cert check` against the sandbox's OCSP and CRL.
    let pem = h.root().join("b1.der");
    std::fs::write(&pem, &cert).unwrap();
    let root = h.root().join("root.der");
    std::fs::write(&root, unb64(s.state()["root_cert"].as_str().unwrap())).unwrap();
    let out = h
        .dvc()
        .args(["cert", "check", "--format", "json", "--trust"])
        .arg(&root)
        .arg(&pem)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["certificates"][0]["revocation"]["status"], "revoked",
        "{v:#}"
    );
    assert_eq!(v["certificates"][0]["chain"], "valid");
    // A cookie that was not sent back.
    let flow = Flow::begin(&s.issuer);
    let r = flow
        .http
        .post(s.url("/commonauth"))
        .form(&[
            ("sessionDataKey", flow.key.as_str()),
            ("authenticator", "sim"),
            ("phoneNumber", "84912345678"),
        ])
        .send()
        .unwrap();
    assert_eq!(failure(r), "SESSION_EXPIRED");
}

#[test]
fn refresh_rotation_reuse_detection_and_revocation() {
    let h = Home::new();
    let s = start(&h, &["--auto-approve", "0"]);
    let login = || {
        let flow = Flow::begin(&s.issuer);
        let p: Value = flow
            .post("sim", &[("phoneNumber", "84987654321")])
            .json()
            .unwrap();
        let tx = p["transactionId"].as_str().unwrap().to_string();
        let code = flow.code(flow.post("sim", &[("transactionId", &tx)]));
        flow.exchange(&code, &flow.verifier).1
    };
    let refresh = |rt: &str| {
        let r = client()
            .post(s.url("/oauth2/token"))
            .form(&[
                ("grant_type", "refresh_token"),
                ("refresh_token", rt),
                ("client_id", "dvc-cli"),
            ])
            .send()
            .unwrap();
        (r.status().as_u16(), r.json::<Value>().unwrap())
    };
    let t1 = login();
    let (st, t2) = refresh(t1["refresh_token"].as_str().unwrap());
    assert_eq!(st, 200);
    assert_ne!(t2["refresh_token"], t1["refresh_token"], "rotated");
    let claims = verify_jwt(&s.issuer, t2["id_token"].as_str().unwrap()).unwrap();
    assert_eq!(
        claims["nonce"], "nonce-0123456789abcdef",
        "the first nonce repeats"
    );
    // Reusing the old one ends the whole session.
    let (st, v) = refresh(t1["refresh_token"].as_str().unwrap());
    assert_eq!((st, v["error"].as_str()), (400, Some("invalid_grant")));
    assert_eq!(refresh(t2["refresh_token"].as_str().unwrap()).0, 400);
    let c = client();
    assert_eq!(
        c.get(s.url("/oauth2/userinfo"))
            .bearer_auth(t2["access_token"].as_str().unwrap())
            .send()
            .unwrap()
            .status()
            .as_u16(),
        401
    );
    let stats: Value = c
        .get(s.url("/sandbox/stats"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(stats["refresh_reuse_rejected"], 1);
    assert_eq!(stats["grants"]["refresh_token"], 1);
    // Revocation (RFC 7009): 200, then the refresh token is dead.
    let t3 = login();
    let r = c
        .post(s.url("/oauth2/revoke"))
        .form(&[
            ("token", t3["refresh_token"].as_str().unwrap()),
            ("token_type_hint", "refresh_token"),
            ("client_id", "dvc-cli"),
        ])
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(refresh(t3["refresh_token"].as_str().unwrap()).0, 400);
    let r = c
        .post(s.url("/oauth2/revoke"))
        .form(&[("token", "unknown"), ("client_id", "dvc-cli")])
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 200, "unknown tokens too");
}

#[test]
fn restart_keeps_state_and_sigterm_stops_cleanly() {
    let h = Home::new();
    let data = h.path("sandbox");
    let mut s = Sandbox::spawn_at(&data, &[]);
    let c = client();
    let kid = c
        .get(s.url("/oauth2/jwks"))
        .send()
        .unwrap()
        .json::<Value>()
        .unwrap()["keys"][0]["kid"]
        .clone();
    let serial = s.account("dn-giai-phap-so")["cert_serial"].clone();
    let issuer = s.issuer.clone();
    assert_eq!(s.stop(), Some(0), "SIGTERM stops it cleanly");
    let mut s2 = Sandbox::spawn_at(&data, &[]);
    assert_eq!(s2.issuer, issuer, "the port of the certificates is reused");
    assert_eq!(
        c.get(s2.url("/oauth2/jwks"))
            .send()
            .unwrap()
            .json::<Value>()
            .unwrap()["keys"][0]["kid"],
        kid
    );
    assert_eq!(s2.account("dn-giai-phap-so")["cert_serial"], serial);
    // Killed outright: the data stays whole, and a sandbox (in this
    // process, now) serves the same keys on the same port.
    assert_eq!(s2.kill(), None, "killed by SIGKILL");
    let s3 = Sandbox::start_at(&data, &[]);
    assert_eq!(s3.issuer, issuer);
    assert_eq!(s3.get_json("/oauth2/jwks")["keys"][0]["kid"], kid);
    // The accounts command reads the same state.
    let out = s.cli(&["accounts", "--json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = v["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["type"].as_str().unwrap())
        .collect();
    assert_eq!(names.iter().filter(|t| **t == "business").count(), 4);
    assert_eq!(names.iter().filter(|t| **t == "citizen").count(), 2);
    let text = s.cli(&["accounts"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("dvc login --sim 0912345678")
            && text.contains("dvc login --smartca 001099012345"),
        "{text}"
    );
}

#[test]
fn fault_switches() {
    let h = Home::new();
    let s = start(&h, &["--fault", "userinfo:status:503"]);
    let c = client();
    let set = |f: Value| c.post(s.url("/sandbox/faults")).json(&f).send().unwrap();
    assert_eq!(
        c.get(s.url("/oauth2/userinfo"))
            .send()
            .unwrap()
            .status()
            .as_u16(),
        503
    );
    set(json!({"clear": true, "endpoint": "token", "kind": "html"}));
    let r = c.post(s.url("/oauth2/token")).send().unwrap();
    assert_eq!(r.status().as_u16(), 502);
    assert!(r.text().unwrap().contains("<html>"));
    assert_eq!(
        c.get(s.url("/oauth2/userinfo"))
            .send()
            .unwrap()
            .status()
            .as_u16(),
        401,
        "cleared"
    );
    set(json!({"clear": true, "endpoint": "discovery", "kind": "truncated"}));
    let body = c
        .get(s.url("/.well-known/openid-configuration"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(serde_json::from_str::<Value>(&body).is_err());
    // The body stops short (and the connection stalls: the client's timeout ends it).
    let quick = reqwest::blocking::Client::builder()
        .timeout(std::time::Duration::from_millis(500))
        .build()
        .unwrap();
    set(json!({"clear": true, "endpoint": "jwks", "kind": "close"}));
    assert!(
        quick
            .get(s.url("/oauth2/jwks"))
            .send()
            .and_then(|r| r.bytes())
            .is_err(),
        "the connection is cut"
    );
    set(json!({"clear": true, "endpoint": "discovery", "kind": "delay", "value": 3000}));
    assert!(
        quick
            .get(s.url("/.well-known/openid-configuration"))
            .send()
            .is_err(),
        "delayed past the timeout"
    );
    // slow_down raises the polling interval.
    set(json!({"clear": true, "endpoint": "commonauth", "kind": "slow_down", "value": 7}));
    let flow = Flow::begin(&s.issuer);
    let p: Value = flow
        .post("sim", &[("phoneNumber", "84912345678")])
        .json()
        .unwrap();
    assert_eq!(p["interval"], 7);
    // id_token faults: a wrong nonce, audience, signature.
    for (kind, check) in [
        ("id_token_nonce", "nonce"),
        ("id_token_audience", "aud"),
        ("id_token_signature", "sig"),
    ] {
        set(json!({"clear": true, "endpoint": "token", "kind": kind}));
        let flow = Flow::begin(&s.issuer);
        let p: Value = flow
            .post("sim", &[("phoneNumber", "84912345678")])
            .json()
            .unwrap();
        let tx = p["transactionId"].as_str().unwrap().to_string();
        c.post(s.url(&format!("/sandbox/transactions/{tx}/approve")))
            .send()
            .unwrap();
        let code = flow.code(flow.post("sim", &[("transactionId", &tx)]));
        let (_, tok) = flow.exchange(&code, &flow.verifier);
        let jwt = tok["id_token"].as_str().unwrap();
        match check {
            "sig" => assert!(verify_jwt(&s.issuer, jwt).is_err()),
            "nonce" => assert_ne!(
                verify_jwt(&s.issuer, jwt).unwrap()["nonce"],
                flow.nonce.as_str()
            ),
            _ => assert_eq!(
                verify_jwt(&s.issuer, jwt).unwrap()["aud"],
                json!(["someone-else"])
            ),
        }
    }
    // The failure-form switch.
    drop(s);
    let h2 = Home::new();
    let s = start(&h2, &["--failure-form", "redirect"]);
    let flow = Flow::begin(&s.issuer);
    let r = flow.post(
        "smartca",
        &[("userId", "001099012345"), ("password", "wrong")],
    );
    assert_eq!(r.status().as_u16(), 302);
    assert_eq!(failure(r), "SMARTCA_AUTH_FAILED");
}

#[test]
fn smartca_service_api() {
    let h = Home::new();
    let s = start(&h, &[]);
    let c = client();
    let post = |path: &str, v: Value| {
        c.post(s.url(&format!("/sca/sp769{path}")))
            .json(&v)
            .send()
            .unwrap()
            .json::<Value>()
            .unwrap()
    };
    let bad = post(
        "/v1/credentials/get_certificate",
        json!({"sp_id": "x", "sp_password": "y", "user_id": "001099012345"}),
    );
    assert_eq!(bad["status_code"], 401);
    let v = post(
        "/v1/credentials/get_certificate",
        json!({"sp_id": "sandbox-sp", "sp_password": "sandbox-sp-secret", "user_id": "001099012345", "serial_number": "", "transaction_id": "t1"}),
    );
    assert_eq!(v["status_code"], 200);
    let cert = unb64(
        v["data"]["user_certificates"][0]["cert_data"]
            .as_str()
            .unwrap(),
    );
    assert_eq!(
        dvc::cert::decode_der(&cert).unwrap().id_number.as_deref(),
        Some("001099012345")
    );
    let data = b"invoice 2026-11-29";
    let hash = ring::digest::digest(&ring::digest::SHA256, data);
    let hex: String = hash.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    let v = post(
        "/v1/signatures/sign",
        json!({"sp_id": "sandbox-sp", "sp_password": "sandbox-sp-secret", "user_id": "001099012345", "transaction_id": "t2", "sign_files": [{"doc_id": "d1", "file_type": "pdf", "sign_type": "hash", "data_to_be_signed": hex}]}),
    );
    assert_eq!(v["message"], "sig_wait_for_user_confirm");
    let id = v["data"]["transaction_id"].as_str().unwrap().to_string();
    assert_eq!(
        post(&format!("/v1/signatures/sign/{id}/status"), json!({}))["data"]["signatures"],
        Value::Null
    );
    c.post(s.url(&format!("/sandbox/transactions/{id}/approve")))
        .send()
        .unwrap();
    let v = post(&format!("/v1/signatures/sign/{id}/status"), json!({}));
    assert_eq!(v["message"], "SUCCESS");
    let sig = unb64(
        v["data"]["signatures"][0]["signature_value"]
            .as_str()
            .unwrap(),
    );
    dvc::pkcs11::token::verify(&cert, dvc::pkcs11::Algorithm::RsaPkcs1Sha256, data, &sig).unwrap();
}

#[test]
fn provision_token_then_sign_the_challenge_with_it() {
    let h = Home::new();
    let s = start(&h, &[]);
    let hsm = Token::new(&h);
    // The PINs from the environment this time (Sandbox::provision uses --pin-stdin).
    let out = s
        .cli(&[
            "provision-token",
            "--account",
            "dn-giai-phap-so",
            "--module",
            MODULE,
            "--label",
            "Sandbox Token",
        ])
        .env("SOFTHSM2_CONF", &hsm.conf)
        .env("DVC_SANDBOX_PIN", "123456")
        .env("DVC_SANDBOX_SO_PIN", "654321")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let b1 = s.account("dn-giai-phap-so");
    let flow = Flow::begin(&s.issuer);
    // dvc's token layer signs the sessionDataKey with the provisioned token.
    let data = h.root().join("challenge");
    std::fs::write(&data, flow.key.as_bytes()).unwrap();
    let out = h
        .dvc()
        .env("SOFTHSM2_CONF", &hsm.conf)
        .args([
            "token",
            "sign",
            "--module",
            MODULE,
            "--cert",
            "0101234567",
            "--pin-stdin",
            "--in",
        ])
        .arg(&data)
        .write_stdin("123456\n")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sig = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let fields = [
        ("certificate", b1["cert_der"].as_str().unwrap()),
        ("serial", b1["cert_serial"].as_str().unwrap()),
        ("dataBeforeSign", flow.key.as_str()),
        ("signedData", sig.as_str()),
        ("signatureAlgorithm", "RSASSA-PSS-SHA256"),
    ];
    let code = flow.code(flow.post("usb", &fields));
    assert_eq!(flow.exchange(&code, &flow.verifier).0, 200);
}

#[test]
fn admin_endpoints_are_never_faulted() {
    let h = Home::new();
    let s = start(&h, &["--fault", "*:html"]);
    let c = client();
    // Every other endpoint answers a proxy's HTML page...
    for path in [
        "/.well-known/openid-configuration",
        "/oauth2/jwks",
        "/pki/ca.crl",
        "/nothing/here",
    ] {
        let r = c.get(s.url(path)).send().unwrap();
        assert_eq!(r.status().as_u16(), 502, "{path}");
    }
    // ... but the admin API still answers, so the fault can be seen and cleared.
    assert_eq!(
        s.get_json("/sandbox/faults"),
        json!([{"endpoint": "*", "kind": "html", "value": 0}])
    );
    assert_eq!(
        s.get_json("/sandbox/transactions")["transactions"],
        json!([])
    );
    assert!(s.get_json("/sandbox/stats")["grants"].is_object());
    assert_eq!(s.post_json("/sandbox/faults", &json!({"clear": true})), 200);
    assert_eq!(
        c.get(s.url("/oauth2/jwks"))
            .send()
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    // The same with a fault that cuts every answer short.
    assert_eq!(
        s.post_json(
            "/sandbox/faults",
            &json!({"endpoint": "*", "kind": "close"})
        ),
        200
    );
    let quick = reqwest::blocking::Client::builder()
        .timeout(std::time::Duration::from_millis(500))
        .build()
        .unwrap();
    assert!(quick
        .get(s.url("/oauth2/jwks"))
        .send()
        .and_then(|r| r.bytes())
        .is_err());
    assert_eq!(s.post_json("/sandbox/faults", &json!({"clear": true})), 200);
    assert_eq!(s.get_json("/sandbox/faults"), json!([]));
    // An unknown endpoint or kind is refused, naming the accepted values, and changes nothing.
    for (fault, names) in [
        (json!({"endpoint": "tokn", "kind": "html"}), "userinfo"),
        (json!({"endpoint": "token", "kind": "htm"}), "slow_down"),
    ] {
        let r = c
            .post(s.url("/sandbox/faults"))
            .json(&fault)
            .send()
            .unwrap();
        assert_eq!(r.status().as_u16(), 400, "{fault}");
        let e = r.json::<Value>().unwrap()["error"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(e.contains("accepted") && e.contains(names), "{e}");
    }
    assert_eq!(s.get_json("/sandbox/faults"), json!([]));
}

#[test]
fn an_unknown_fault_is_a_usage_error() {
    let h = Home::new();
    let data = h.path("sandbox");
    for (spec, says) in [
        ("tokn:html", "unknown fault endpoint \"tokn\"; accepted: discovery, jwks, authorize, login, commonauth, token, userinfo, revoke, api, ocsp, pki, smartca, web_portal, web_redirect, web_login_page, web_commonauth, web_smartca, web_vneid, web_usb_error, *"),
        ("token:htm", "unknown fault kind \"htm\"; accepted: delay, status, html, truncated, close, slow_down, id_token_nonce, id_token_audience, id_token_signature, html_missing_form, foreign, unbound, kept, loop, script, fail, cus_code, expired"),
        ("token:foreign", "foreign applies to web_redirect only"),
        ("web_commonauth:fail", "not a failure code"),
        ("token:status", "status needs a value"),
        ("token:status:99", "99 is not a value for status"),
        ("token:html:5", "html takes no value"),
        ("token", "ENDPOINT:KIND[:VALUE]"),
    ] {
        let out = std::process::Command::new(crate::util::sandbox::bin())
            .args(["serve", "--port", "0", "--data"])
            .arg(&data)
            .args(["--fault", spec])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{spec}: {err}");
        assert!(err.contains(says), "{spec}: {err}");
    }
    assert!(!data.exists(), "nothing was made");
    // In process too: the same parser.
    let e = dvc_sandbox::cli::ServeArgs::parse_args(&["--fault", "*:bogus"]).unwrap_err();
    assert!(e.contains("unknown fault kind"), "{e}");
}

#[test]
fn provision_token_checks_everything_before_touching_the_token() {
    let h = Home::new();
    let s = start(&h, &[]);
    let hsm = Token::new(&h);
    let tokens = || {
        h.dvc()
            .env("SOFTHSM2_CONF", &hsm.conf)
            .args(["token", "list", "--json", "--module", MODULE])
            .json()
            .1["tokens"]
            .clone()
    };
    let refused = |account: &str, label: &str, pin: &str, says: &str| {
        let out = s.provision(&hsm, account, label, pin);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{account}: {err}");
        assert!(err.contains(says), "{account}: {err}");
        assert_eq!(tokens(), json!([]), "{account}: a token was initialised");
    };
    // An EC account (a SIM-only citizen): refused before the token is initialised.
    refused("cd-tran-van-binh", "EC Token", "123456", "has an EC key");
    refused("nobody", "Token", "123456", "no account nobody");
    refused(
        "dn-giai-phap-so",
        &"x".repeat(33),
        "123456",
        "1 to 32 bytes",
    );
    refused("dn-giai-phap-so", "Short PIN", "12", "the PIN must be");
    // The free slot is still free: a good request takes it.
    s.provision_ok(&hsm, "dn-giai-phap-so", "Token A", "123456");
    let t = tokens();
    assert_eq!(t.as_array().unwrap().len(), 1, "{t:#}");
    assert_eq!(t[0]["label"], "Token A");
    assert!(
        t[0]["certificates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["tax_code"] == "0101234567"),
        "{t:#}"
    );
    // A label that exists already: refused, nothing added.
    let out = s.provision(&hsm, "dn-sai-gon-xanh", "Token A", "123456");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("exists already"));
    assert_eq!(tokens().as_array().unwrap().len(), 1);
}

#[test]
fn provision_token_pins_come_from_stdin_the_environment_or_flags() {
    let h = Home::new();
    let s = start(&h, &[]);
    let hsm = Token::new(&h);
    let provision = |extra: &[&str], stdin: &str| {
        let mut args = vec![
            "provision-token",
            "--account",
            "dn-giai-phap-so",
            "--module",
            MODULE,
            "--label",
            "Flags",
        ];
        args.extend_from_slice(extra);
        let mut child = s
            .cli(&args)
            .env("SOFTHSM2_CONF", &hsm.conf)
            .env_remove("DVC_SANDBOX_PIN")
            .env_remove("DVC_SANDBOX_SO_PIN")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write as _;
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        child.wait_with_output().unwrap()
    };
    // No PIN at all: a usage error naming the three ways.
    let out = provision(&[], "");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--pin-stdin") && err.contains("DVC_SANDBOX_PIN"),
        "{err}"
    );
    // --pin-stdin without the SO PIN's line, and --pin-stdin with --pin.
    let out = provision(&["--pin-stdin"], "123456\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SO PIN"));
    assert_eq!(
        provision(&["--pin-stdin", "--pin", "123456"], "")
            .status
            .code(),
        Some(2)
    );
    // The flags still work (though the process list shows them).
    let out = provision(&["--pin", "123456", "--so-pin", "654321"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
