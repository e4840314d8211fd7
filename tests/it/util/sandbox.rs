//! A running `dvc-sandbox` for tests (its own data dir, a free port), and a
//! plain HTTP client that walks the protocol by hand (never dvc's flow
//! code).
//!
//! A sandbox runs in the test process (through the `dvc_sandbox` library:
//! quick, nothing to build) unless a test needs a real process: to send it
//! SIGTERM or SIGKILL, or to run the other subcommands (`accounts`,
//! `revoke`, `provision-token`, which needs its own `SOFTHSM2_CONF`). The
//! binary is found next to `dvc`'s (`target/<profile>/dvc-sandbox`) and
//! built there once per test run: a binary of another package has no
//! `CARGO_BIN_EXE_`.

use std::io::{BufRead, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;

use base64::Engine as _;
use serde_json::Value;

use super::token::{Token, MODULE};
use super::Home;

/// The built `dvc-sandbox` binary, built (or found up to date) once per
/// test run with the profile and target directory of the `dvc` under test.
pub fn bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let dvc = Path::new(env!("CARGO_BIN_EXE_dvc"));
        let profile_dir = dvc.parent().expect("target/<profile>");
        let target_dir = profile_dir.parent().expect("target");
        let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
            Some("debug") | None => "dev",
            Some(other) => other,
        };
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut build = Command::new(cargo);
        // Without the variables cargo sets for a test process: build scripts
        // (ring's) track some of them, and a different value would rebuild
        // ring and all that depends on it here, then again in the next
        // plain `cargo build`.
        for (k, _) in std::env::vars_os() {
            let k = k.to_string_lossy();
            if k == "OUT_DIR"
                || k.starts_with("CARGO_PKG_")
                || k.starts_with("CARGO_BIN_")
                || k.starts_with("CARGO_MANIFEST_")
                || [
                    "CARGO_CRATE_NAME",
                    "CARGO_PRIMARY_PACKAGE",
                    "CARGO_TARGET_TMPDIR",
                    "CARGO_RUSTC_CURRENT_DIR",
                ]
                .contains(&k.as_ref())
            {
                build.env_remove(k.as_ref());
            }
        }
        let status = build
            .args(["build", "--quiet", "--package", "dvc-sandbox", "--bin"])
            .arg("dvc-sandbox")
            .args(["--profile", profile, "--target-dir"])
            .arg(target_dir)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo, to build dvc-sandbox");
        assert!(status.success(), "cargo build -p dvc-sandbox failed");
        profile_dir.join(format!("dvc-sandbox{}", std::env::consts::EXE_SUFFIX))
    })
    .clone()
}

enum Run {
    /// In this process.
    InProcess(Option<dvc_sandbox::server::Running>),
    /// The binary, as a child process.
    Process(Child),
}

/// A sandbox, stopped on drop (SIGTERM for a process).
pub struct Sandbox {
    run: Run,
    /// `http://127.0.0.1:PORT`.
    pub issuer: String,
    /// Its data dir.
    pub data: PathBuf,
    /// The web mode, when on.
    pub web: Option<WebMode>,
}

/// Where a sandbox's web mode listens, and what reaches it.
#[derive(Debug, Clone)]
pub struct WebMode {
    /// The HTTPS port on 127.0.0.1.
    pub port: u16,
    /// The sandbox TLS CA (PEM).
    pub ca: PathBuf,
    /// `HOST:443:127.0.0.1:PORT`, one per host name.
    pub connect_to: Vec<String>,
}

/// The demo state the web tests start from, made once per test run: its
/// keys (RSA) take a second to make, and the web mode needs no particular
/// port in its certificates.
fn web_template() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        // Those of earlier runs whose process is gone.
        for e in std::fs::read_dir(tmp).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(pid) = name.strip_prefix("web-sandbox-template-") {
                if !Path::new("/proc").join(pid).exists() {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let dir = tmp.join(format!("web-sandbox-template-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dvc_sandbox::state::State::load_or_create(&dir, "http://127.0.0.1:0", None)
            .expect("the demo state");
        dir
    })
    .clone()
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Sandbox {
    /// A sandbox in this process with fresh data in the home (its
    /// certificates name its own port); `args` are `serve`'s options.
    pub fn start(home: &Home, args: &[&str]) -> Sandbox {
        Sandbox::start_at(&home.path("sandbox"), args)
    }

    /// A sandbox in this process on `data` (a restart when it has state).
    pub fn start_at(data: &Path, args: &[&str]) -> Sandbox {
        let serve = dvc_sandbox::cli::ServeArgs::parse_args(args)
            .unwrap_or_else(|e| panic!("serve {args:?}: {e}"));
        let running = serve
            .start(data)
            .unwrap_or_else(|e| panic!("sandbox on {}: {e}", data.display()));
        let web = running.web_port().map(|port| WebMode {
            port,
            ca: running.web_ca().expect("the web CA").to_path_buf(),
            connect_to: running.connect_to(),
        });
        Sandbox {
            issuer: running.issuer().to_string(),
            data: data.to_path_buf(),
            run: Run::InProcess(Some(running)),
            web,
        }
    }

    /// A sandbox in this process with the web mode on (`serve --web
    /// ARGS...`), on a copy of the demo state (fresh runtime state: no
    /// sessions, no transactions).
    pub fn start_web(home: &Home, args: &[&str]) -> Sandbox {
        let data = home.path("sandbox");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::copy(web_template().join("state.json"), data.join("state.json")).unwrap();
        let mut all = vec!["--web"];
        all.extend_from_slice(args);
        Sandbox::start_at(&data, &all)
    }

    /// The web mode (panics when it is off).
    pub fn web(&self) -> &WebMode {
        self.web.as_ref().expect("a sandbox with --web")
    }

    /// dvc's (and curl's) arguments that reach the web mode: a
    /// `--connect-to` per host name and `--ca-file` (curl: `--cacert`).
    pub fn web_args(&self, ca_flag: &str) -> Vec<String> {
        let w = self.web();
        let mut v = Vec::new();
        for rule in &w.connect_to {
            v.push("--connect-to".to_string());
            v.push(rule.clone());
        }
        v.push(ca_flag.to_string());
        v.push(w.ca.display().to_string());
        v
    }

    /// A client that reaches the web mode's host names (no redirects, no
    /// cookie jar).
    pub fn web_client(&self) -> reqwest::blocking::Client {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let w = self.web();
        let pem = std::fs::read(&w.ca).unwrap();
        let mut b = reqwest::blocking::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(20))
            .tls_certs_only(reqwest::Certificate::from_pem_bundle(&pem).unwrap());
        for rule in &w.connect_to {
            let host = rule.split(':').next().unwrap();
            b = b.resolve(host, ([127, 0, 0, 1], w.port).into());
        }
        b.build().unwrap()
    }

    /// `dvc-sandbox serve --port 0 --data DATA ARGS...` as a process.
    pub fn spawn_at(data: &Path, args: &[&str]) -> Sandbox {
        let mut child = Command::new(bin())
            .args(["serve", "--port", "0", "--data"])
            .arg(data)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dvc-sandbox");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("read the ISSUER line");
        let issuer = line
            .trim()
            .strip_prefix("ISSUER=")
            .unwrap_or_else(|| panic!("no ISSUER line: {line:?}"))
            .to_string();
        Sandbox {
            run: Run::Process(child),
            issuer,
            data: data.to_path_buf(),
            web: None,
        }
    }

    fn signal(&mut self, sig: &str) -> Option<i32> {
        let Run::Process(child) = &mut self.run else {
            panic!("signals need a sandbox process (Sandbox::spawn_at)");
        };
        if let Ok(Some(s)) = child.try_wait() {
            return s.code();
        }
        let _ = Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(child.id().to_string())
            .status();
        child.wait().ok().and_then(|s| s.code())
    }

    /// Stops it and returns its exit code: SIGTERM and wait for a process;
    /// `Some(0)` in process, once its port is free again.
    pub fn stop(&mut self) -> Option<i32> {
        match &mut self.run {
            Run::InProcess(r) => {
                if let Some(r) = r.take() {
                    r.stop();
                }
                Some(0)
            }
            Run::Process(_) => self.signal("TERM"),
        }
    }

    /// SIGKILL (a process only); returns its exit code (`None`: killed).
    pub fn kill(&mut self) -> Option<i32> {
        self.signal("KILL")
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

    /// A file of the state (`root_cert`, `ca_cert`: DER) written under the home.
    pub fn state_file(&self, home: &Home, field: &str) -> PathBuf {
        let der = base64::engine::general_purpose::STANDARD
            .decode(self.state()[field].as_str().unwrap())
            .unwrap();
        home.write(&format!("{field}.der"), der)
    }

    /// A URL on the sandbox.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.issuer)
    }

    /// GET a JSON document of the sandbox (`/sandbox/stats`, ...).
    pub fn get_json(&self, path: &str) -> Value {
        client().get(self.url(path)).send().unwrap().json().unwrap()
    }

    /// POST JSON to the admin API; returns the status.
    pub fn post_json(&self, path: &str, body: &Value) -> u16 {
        client()
            .post(self.url(path))
            .json(body)
            .send()
            .unwrap()
            .status()
            .as_u16()
    }

    /// `dvc-sandbox ARGS... --data DATA` (the binary), not run yet.
    pub fn cli(&self, args: &[&str]) -> Command {
        let mut c = Command::new(bin());
        c.args(args).arg("--data").arg(&self.data);
        c
    }

    /// `dvc-sandbox provision-token` of `account` onto a new token of
    /// `token` labelled `label`, with the PIN (and an SO PIN) on stdin.
    pub fn provision(&self, token: &Token, account: &str, label: &str, pin: &str) -> Output {
        let mut child = self
            .cli(&[
                "provision-token",
                "--account",
                account,
                "--module",
                MODULE,
                "--label",
                label,
                "--pin-stdin",
            ])
            .env("SOFTHSM2_CONF", &token.conf)
            .env_remove("DVC_SANDBOX_PIN")
            .env_remove("DVC_SANDBOX_SO_PIN")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dvc-sandbox provision-token");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(format!("{pin}\n654321\n").as_bytes())
            .expect("write the PINs");
        child.wait_with_output().expect("provision-token")
    }

    /// The same, asserting success.
    pub fn provision_ok(&self, token: &Token, account: &str, label: &str, pin: &str) {
        let out = self.provision(token, account, label, pin);
        assert!(
            out.status.success(),
            "provision-token {account}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
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
