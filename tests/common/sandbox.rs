//! A running `dvc-sandbox` for tests (own data dir, free port), and a plain
//! HTTP client that walks the protocol by hand (never dvc's flow code).
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use base64::Engine as _;
use serde_json::Value;

/// A sandbox process, stopped with SIGTERM on drop.
pub struct Sandbox {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub issuer: String,
    /// Its data dir.
    pub data: PathBuf,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Sandbox {
    /// Starts `dvc-sandbox serve --port 0 --data DATA ARGS...`.
    pub fn start(data: &Path, args: &[&str]) -> Sandbox {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dvc-sandbox"))
            .args(["serve", "--port", "0", "--data"])
            .arg(data)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dvc-sandbox");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let issuer = line
            .trim()
            .strip_prefix("ISSUER=")
            .unwrap_or_else(|| panic!("no ISSUER line: {line:?}"))
            .to_string();
        Sandbox {
            child,
            issuer,
            data: data.to_path_buf(),
        }
    }

    /// Sends SIGTERM and waits; returns the exit status code.
    pub fn stop(&mut self) -> Option<i32> {
        if let Ok(Some(s)) = self.child.try_wait() {
            return s.code();
        }
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        self.child.wait().ok().and_then(|s| s.code())
    }

    /// The persisted state.
    pub fn state(&self) -> Value {
        serde_json::from_slice(&std::fs::read(self.data.join("state.json")).unwrap()).unwrap()
    }

    /// An account of the state by id.
    pub fn account(&self, id: &str) -> Value {
        self.state()["accounts"]["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .cloned()
            .unwrap()
    }

    /// A URL on the sandbox.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.issuer)
    }
}

/// A blocking client that never follows redirects nor keeps cookies itself.
pub fn client() -> reqwest::blocking::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .unwrap()
}

/// One login attempt, by hand.
pub struct Flow {
    /// The client.
    pub http: reqwest::blocking::Client,
    /// The sandbox's URL.
    pub issuer: String,
    /// The session cookie.
    pub cookie: String,
    /// The sessionDataKey.
    pub key: String,
    /// PKCE verifier.
    pub verifier: String,
    /// state.
    pub state: String,
    /// nonce.
    pub nonce: String,
}

/// base64url without padding.
pub fn b64url(d: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(d)
}

impl Flow {
    /// GET /oauth2/authorize and follow to the login page.
    pub fn begin(issuer: &str) -> Flow {
        let http = client();
        let verifier = "v".repeat(20) + "0123456789abcdefghijklmnopqrstuv";
        let challenge =
            b64url(ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()).as_ref());
        let state = "state-0123456789abcdef".to_string();
        let nonce = "nonce-0123456789abcdef".to_string();
        let r = http
            .get(format!("{issuer}/oauth2/authorize"))
            .query(&[
                ("response_type", "code"),
                ("client_id", "dvc-cli"),
                ("redirect_uri", "http://127.0.0.1/dvc/callback"),
                ("scope", "openid offline_access"),
                ("state", &state),
                ("nonce", &nonce),
                ("code_challenge", &challenge),
                ("code_challenge_method", "S256"),
                ("acr_values", "LoA1"),
            ])
            .send()
            .unwrap();
        assert_eq!(r.status().as_u16(), 302);
        let cookie = r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string();
        let loc = r.headers()["location"].to_str().unwrap().to_string();
        let key = url::Url::parse(&format!("{issuer}{loc}"))
            .unwrap()
            .query_pairs()
            .find(|(k, _)| k == "sessionDataKey")
            .unwrap()
            .1
            .into_owned();
        let page = http
            .get(format!("{issuer}{loc}"))
            .header("Cookie", &cookie)
            .send()
            .unwrap();
        assert_eq!(page.status().as_u16(), 200);
        Flow {
            http,
            issuer: issuer.into(),
            cookie,
            key,
            verifier,
            state,
            nonce,
        }
    }

    /// POST /commonauth with the session key, the cookie and `fields`.
    pub fn post(
        &self,
        authenticator: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::blocking::Response {
        let mut form = vec![
            ("sessionDataKey", self.key.as_str()),
            ("authenticator", authenticator),
        ];
        form.extend_from_slice(fields);
        self.http
            .post(format!("{}/commonauth", self.issuer))
            .header("Cookie", &self.cookie)
            .form(&form)
            .send()
            .unwrap()
    }

    /// Follows a success redirect to the redirect_uri and returns the code.
    pub fn code(&self, r: reqwest::blocking::Response) -> String {
        assert_eq!(r.status().as_u16(), 302, "{:?}", r.text());
        let loc = r.headers()["location"].to_str().unwrap().to_string();
        assert!(!loc.contains("authFailure"), "{loc}");
        let r2 = self
            .http
            .get(format!("{}{loc}", self.issuer))
            .header("Cookie", &self.cookie)
            .send()
            .unwrap();
        assert_eq!(r2.status().as_u16(), 302);
        let target = url::Url::parse(r2.headers()["location"].to_str().unwrap()).unwrap();
        assert!(
            target
                .as_str()
                .starts_with("http://127.0.0.1/dvc/callback?"),
            "{target}"
        );
        let q: std::collections::HashMap<String, String> =
            target.query_pairs().into_owned().collect();
        assert_eq!(q["state"], self.state);
        assert_eq!(q["iss"], self.issuer);
        q["code"].clone()
    }

    /// Exchanges a code.
    pub fn exchange(&self, code: &str, verifier: &str) -> (u16, Value) {
        let r = self
            .http
            .post(format!("{}/oauth2/token", self.issuer))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", "http://127.0.0.1/dvc/callback"),
                ("client_id", "dvc-cli"),
                ("code_verifier", verifier),
            ])
            .send()
            .unwrap();
        (r.status().as_u16(), r.json().unwrap_or(Value::Null))
    }
}

/// The failure code of a /commonauth answer in either form.
pub fn failure(r: reqwest::blocking::Response) -> String {
    if r.status().as_u16() == 302 {
        let loc = r.headers()["location"].to_str().unwrap().to_string();
        let u = url::Url::parse(&format!("http://x{loc}")).unwrap();
        let q: std::collections::HashMap<String, String> = u.query_pairs().into_owned().collect();
        assert_eq!(
            q.get("authFailure").map(String::as_str),
            Some("true"),
            "{loc}"
        );
        return q["authFailureMsg"].clone();
    }
    let v: Value = r.json().unwrap();
    v["error"].as_str().unwrap().to_string()
}

/// Decodes a JWT's payload and checks its RS256 signature with the sandbox's JWKS.
pub fn verify_jwt(issuer: &str, jwt: &str) -> Result<Value, String> {
    let parts: Vec<&str> = jwt.split('.').collect();
    let dec = |s: &str| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(s)
            .unwrap()
    };
    let header: Value = serde_json::from_slice(&dec(parts[0])).unwrap();
    let jwks: Value = client()
        .get(format!("{issuer}/oauth2/jwks"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let key = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == header["kid"])
        .ok_or("no key with that kid")?;
    let pk = ring::signature::RsaPublicKeyComponents {
        n: dec(key["n"].as_str().unwrap()),
        e: dec(key["e"].as_str().unwrap()),
    };
    pk.verify(
        &ring::signature::RSA_PKCS1_2048_8192_SHA256,
        format!("{}.{}", parts[0], parts[1]).as_bytes(),
        &dec(parts[2]),
    )
    .map_err(|_| "bad signature".to_string())?;
    Ok(serde_json::from_slice(&dec(parts[1])).unwrap())
}
