//! A web-mode world for the recipe tests: a home, a sandbox with `--web`,
//! and the built `dvc` pointed at it exactly as a user would point it at a
//! local copy of a portal (`--connect-to` for every host name, `--ca-file`
//! the sandbox's TLS CA), through a profile made with `dvc profile add`.
#![allow(dead_code)]

use std::io::Write as _;
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;

use super::{client, Dvc, Home, Sandbox};

/// A home and a web sandbox.
pub struct Web {
    /// The home.
    pub home: Home,
    /// The sandbox.
    pub sb: Sandbox,
}

/// The output of a finished command, its streams as text.
pub struct Ran {
    /// The exit code.
    pub code: i32,
    /// stdout.
    pub out: String,
    /// stderr.
    pub err: String,
}

impl std::fmt::Debug for Ran {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.out, self.err
        )
    }
}

impl Web {
    /// A fresh home and a sandbox with `--web ARGS...`.
    pub fn new(args: &[&str]) -> Web {
        let home = Home::new();
        let sb = Sandbox::start_web(&home, args);
        Web { home, sb }
    }

    /// `dvc` in the home, killed after a minute.
    pub fn dvc(&self) -> Dvc {
        let mut c = self.home.dvc();
        c.timeout(Duration::from_secs(60));
        c
    }

    /// The `--connect-to … --ca-file …` arguments.
    pub fn net(&self) -> Vec<String> {
        self.sb.web_args("--ca-file")
    }

    /// curl's `--connect-to … --cacert …`.
    pub fn curl_net(&self) -> Vec<String> {
        self.sb.web_args("--cacert")
    }

    /// A profile `NAME` of a built-in recipe (`dvcqg-legacy` and `dvcqg`
    /// as their presets, the others by name) whose requests reach the
    /// sandbox, made as a user makes it: `dvc profile add` with the global
    /// `--connect-to` and `--ca-file`, which the profile keeps.
    pub fn profile(&self, name: &str, recipe: &str) {
        let mut c = self.dvc();
        c.args(["profile", "add", name]);
        if recipe == "dvcqg-legacy" || recipe == "dvcqg" {
            c.args(["--preset", recipe]);
        } else {
            c.args(["--recipe", recipe]);
        }
        c.args(self.net());
        let r = Web::run(c);
        assert_eq!(r.code, 0, "{r:?}");
        let text = std::fs::read_to_string(self.home.config_file()).unwrap();
        assert!(
            text.contains("connect_to = [") && text.contains("ca_file = "),
            "the profile keeps where its requests go:\n{text}"
        );
    }

    /// A profile `NAME` of a recipe file, made with `dvc profile add NAME
    /// --recipe-file FILE` and the global `--connect-to`/`--ca-file`.
    pub fn profile_file(&self, name: &str, file: &std::path::Path) {
        let mut c = self.dvc();
        c.args(["profile", "add", name, "--recipe-file"])
            .arg(file)
            .args(self.net());
        let r = Web::run(c);
        assert_eq!(r.code, 0, "{r:?}");
    }

    /// A copy of a built-in recipe as `dvc recipe show NAME` prints it,
    /// each `(from, to)` replaced (each must occur), written to `FILE` in
    /// the home.
    pub fn recipe_copy(
        &self,
        recipe: &str,
        edits: &[(&str, &str)],
        file: &str,
    ) -> std::path::PathBuf {
        let mut c = self.dvc();
        c.args(["recipe", "show", recipe]);
        let r = Web::run(c);
        assert_eq!(r.code, 0, "{r:?}");
        let mut text = r.out;
        for (from, to) in edits {
            assert!(text.contains(from), "{from:?} is not in {recipe}:\n{text}");
            text = text.replace(from, to);
        }
        self.home.write(file, text)
    }

    /// The arguments of `dvc --profile NAME login --insecure-storage
    /// --timeout 10 ARGS…`.
    fn login_args(profile: &str, args: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = ["--profile", profile, "login", "--insecure-storage"]
            .iter()
            .chain(args)
            .map(|s| s.to_string())
            .collect();
        if !args.contains(&"--timeout") {
            v.extend(["--timeout".to_string(), "10".to_string()]);
        }
        v
    }

    /// `dvc --profile NAME login --insecure-storage --timeout 10 ARGS…`.
    pub fn login(&self, profile: &str, args: &[&str]) -> Dvc {
        let mut c = self.dvc();
        c.args(Web::login_args(profile, args));
        c
    }

    /// The same login, spawned (stdin given, streams collected).
    pub fn spawn_login(&self, profile: &str, args: &[&str], stdin: &str) -> Spawned {
        self.spawn(&Web::login_args(profile, args), stdin)
    }

    /// `dvc ARGS…`, spawned with `stdin` written to it.
    pub fn spawn(&self, args: &[String], stdin: &str) -> Spawned {
        let mut child = self
            .home
            .dvc_std()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn dvc");
        let mut input = child.stdin.take().expect("stdin");
        input.write_all(stdin.as_bytes()).expect("write stdin");
        drop(input);
        Spawned { child }
    }

    /// `dvc --profile NAME ARGS…`.
    pub fn cmd(&self, profile: &str, args: &[&str]) -> Dvc {
        let mut c = self.dvc();
        c.args(["--profile", profile]).args(args);
        c
    }

    /// Runs a command to its end.
    pub fn run(mut c: Dvc) -> Ran {
        let o = c.output().expect("run dvc");
        Ran {
            code: o.status.code().unwrap_or(-1),
            out: String::from_utf8_lossy(&o.stdout).into_owned(),
            err: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    /// Whether a session of `profile` is stored.
    pub fn stored(&self, profile: &str) -> bool {
        self.home.session_file(profile).exists()
    }

    /// An admin document of the sandbox (`/sandbox/web/requests`, …).
    pub fn admin(&self, path: &str) -> Value {
        self.sb.get_json(path)
    }

    /// Switches a fault on (`{"clear": true}` clears them).
    pub fn fault(&self, f: Value) {
        assert_eq!(self.sb.post_json("/sandbox/faults", &f), 200, "{f}");
    }

    /// The requests the web mode received, in order.
    pub fn requests(&self) -> Vec<Value> {
        self.admin("/sandbox/web/requests")["requests"]
            .as_array()
            .unwrap()
            .clone()
    }

    /// Waits for a pending transaction of `authenticator` and returns its id.
    pub fn pending_tx(&self, authenticator: &str) -> String {
        for _ in 0..400 {
            let v = self.admin("/sandbox/transactions");
            if let Some(t) = v["transactions"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["status"] == "pending" && t["authenticator"] == authenticator)
            {
                return t["id"].as_str().unwrap().to_string();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("no pending {authenticator} transaction");
    }

    /// Approves or rejects a transaction through the admin API.
    pub fn decide(&self, id: &str, what: &str) {
        let r = client()
            .post(self.sb.url(&format!("/sandbox/transactions/{id}/{what}")))
            .send()
            .unwrap();
        assert_eq!(r.status().as_u16(), 200, "{what} {id}");
    }

    /// `curl -sS --connect-to … --cacert … ARGS…`: (HTTP status, body).
    pub fn curl(&self, args: &[&str]) -> (u16, String) {
        let out = std::process::Command::new("curl")
            .args(["-sS", "-o", "-", "-w", "\n%{http_code}"])
            .args(self.curl_net())
            .args(args)
            .output()
            .expect("curl");
        assert!(
            out.status.success(),
            "curl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let (body, status) = text.rsplit_once('\n').unwrap();
        (status.trim().parse().unwrap(), body.to_string())
    }
}

/// A running `dvc`.
pub struct Spawned {
    child: std::process::Child,
}

impl Spawned {
    /// Waits for its end.
    pub fn finish(self) -> Ran {
        let o = self.child.wait_with_output().expect("wait for dvc");
        Ran {
            code: o.status.code().unwrap_or(-1),
            out: String::from_utf8_lossy(&o.stdout).into_owned(),
            err: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    /// SIGKILL, and waits.
    pub fn kill9(&mut self) {
        self.child.kill().expect("kill dvc");
        let _ = self.child.wait();
    }
}
