//! The accountant's desk (issue 14): every PKCS#11 module at once (SoftHSM2
//! under two paths and through p11-kit-proxy, OpenSC beside it, a file that
//! is no PKCS#11 library among the known names), each token listed once
//! with its module; profiles imported from the tokens.

use std::path::{Path, PathBuf};

use crate::util::{Dvc, Home, Token, MODULE};
use dvc_sandbox::pki::{Key, Name, Role, Spec};
use serde_json::Value;

/// A search directory of vendor module names pointing at real modules.
fn search_dirs(home: &Home) -> (PathBuf, PathBuf) {
    let a = home.path("vendor-a");
    let b = home.path("vendor-b");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let link = |target: &str, at: &Path| {
        if Path::new(target).exists() {
            std::os::unix::fs::symlink(target, at).unwrap();
        }
    };
    // SoftHSM2 as two vendors' modules, under two real paths.
    link(MODULE, &a.join("libeTPkcs11.so"));
    link(
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        &b.join("libbit4xpki.so"),
    );
    // SoftHSM2 copied (not linked) under a third vendor name: a second real
    // path, a second copy of the library in the process, the same tokens.
    if Path::new(MODULE).exists() {
        std::fs::copy(MODULE, b.join("libnca_v6.so")).unwrap();
    }
    // The generic ones: OpenSC (a second implementation, no reader: no
    // token) and p11-kit's proxy (which shows SoftHSM2's tokens again).
    link(
        "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
        &b.join("opensc-pkcs11.so"),
    );
    link(
        "/usr/lib/x86_64-linux-gnu/p11-kit-proxy.so",
        &b.join("p11-kit-proxy.so"),
    );
    // Not a PKCS#11 library at all, under a known name.
    std::fs::write(a.join("libcastle.so.1.0.0"), b"not a library").unwrap();
    (a, b)
}

struct World {
    home: Home,
    hsm: Token,
    search: String,
    ca: dvc_sandbox::pki::Ca,
}

fn world() -> World {
    let home = Home::new();
    let hsm = Token::new(&home);
    let (a, b) = search_dirs(&home);
    let ca = dvc_sandbox::pki::Ca::self_signed(
        &Spec::new(
            Role::Ca { path_len: None },
            Name::new().c("VN").cn("BKAV-CA Thử nghiệm"),
        ),
        Key::ec().unwrap(),
    )
    .unwrap();
    World {
        search: format!("{}:{}", a.display(), b.display()),
        home,
        hsm,
        ca,
    }
}

impl World {
    fn dvc(&self) -> Dvc {
        let mut c = self.home.dvc();
        c.env("SOFTHSM2_CONF", &self.hsm.conf)
            .env("DVC_PKCS11_SEARCH_PATH", &self.search)
            .timeout(std::time::Duration::from_secs(60));
        c
    }

    fn token(&self, label: &str, who: &str, uid: &str, serial: u16, key: usize) {
        self.hsm.init(label, "1111");
        let k = crate::util::pki::rsa_key(key);
        let spec = Spec::new(Role::Leaf, Name::new().c("VN").cn(who).uid(uid))
            .serial_bytes(&serial.to_be_bytes())
            .days(-10, 300);
        let der = self.ca.issue(&spec, &k).unwrap();
        self.hsm.import(label, "1111", "01", who, &k, &der);
    }
}

#[test]
fn every_module_at_once_each_token_once() {
    let w = world();
    w.token("Token A", "Công ty Một", "MST:0311111111", 1, 0);
    w.token("Token B", "Công ty Hai", "MST:0322222222", 2, 1);
    let out = w.dvc().args(["token", "list", "--json"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    // The file that is no library: a warning, the others still listed.
    assert!(
        err.contains("libcastle.so.1.0.0") && err.contains("skipped"),
        "{err}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let modules: Vec<&str> = v["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    // SoftHSM2 once (two paths, one library), OpenSC and the proxy too.
    assert_eq!(
        modules
            .iter()
            .filter(|m| m.contains("libeTPkcs11") || m.contains("libbit4xpki"))
            .count(),
        1,
        "{modules:?}"
    );
    assert!(modules.iter().any(|m| m.contains("opensc")), "{modules:?}");
    // The copy is a module of its own (two real paths), and p11-kit's proxy
    // really was loaded (it shows SoftHSM2's tokens again).
    assert!(
        modules.iter().any(|m| m.ends_with("libnca_v6.so")),
        "{modules:?}"
    );
    assert!(
        modules.iter().any(|m| m.ends_with("p11-kit-proxy.so")),
        "{modules:?}"
    );
    let tokens = v["tokens"].as_array().unwrap();
    let labels: Vec<&str> = tokens
        .iter()
        .map(|t| t["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels.iter().filter(|l| **l == "Token A").count(),
        1,
        "{labels:?}"
    );
    assert_eq!(
        labels.iter().filter(|l| **l == "Token B").count(),
        1,
        "{labels:?}"
    );
    // Seen through three SoftHSM2 paths and the proxy, each token is
    // listed once, with the first direct module that showed it: never the
    // proxy, never the copy.
    for t in tokens {
        let m = t["module"].as_str().unwrap();
        let uri = t["certificates"][0]["uri"].as_str().unwrap();
        assert!(m.ends_with("libeTPkcs11.so"), "{m}");
        assert!(!m.contains("p11-kit"), "{m}");
        assert!(uri.contains("module-path="), "{uri}");
        assert!(uri.contains("libeTPkcs11.so"), "{uri}");
    }
    // A URI from the list signs, whichever module it names.
    let uri = tokens[0]["certificates"][0]["uri"].as_str().unwrap();
    let input = w.home.write("d.bin", b"d");
    w.dvc()
        .args(["token", "sign", "--pin-stdin", "--cert", uri, "--in"])
        .arg(&input)
        .write_stdin("1111\n")
        .assert()
        .success();
}

#[test]
fn profiles_imported_from_the_tokens_idempotently() {
    let w = world();
    w.token("Token A", "Công ty Một", "MST:0311111111", 1, 0);
    w.token("Token B", "Công ty Hai", "MST:0322222222-001", 2, 1);
    w.token("Token C", "Nguyễn Thị Hồng", "CCCD:001099012345", 3, 2);
    let out = w
        .dvc()
        .args(["profile", "import", "--usb", "--dry-run", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = v["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["cccd-001099012345", "mst-0311111111", "mst-0322222222-001"]
    );
    assert!(v["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["action"] == "would_create"));
    assert!(!w.home.config_file().exists(), "a dry run changes nothing");
    // The dry run in text: what would be done, and that nothing was.
    let out = w
        .dvc()
        .args(["profile", "import", "--usb", "--dry-run"])
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.contains("would create  mst-0311111111  Công ty Một")
            && stdout.contains("would create  cccd-001099012345  Nguyễn Thị Hồng")
            && stdout.contains("libeTPkcs11.so"),
        "{stdout}"
    );
    assert!(stderr.contains("Dry run: nothing was changed."), "{stderr}");
    assert!(!w.home.config_file().exists(), "a dry run changes nothing");
    // --preset NAME: the portal of the new profiles.
    let (code, v) = w
        .dvc()
        .args([
            "profile",
            "import",
            "--usb",
            "--preset",
            "dvcqg-test",
            "--json",
        ])
        .json();
    assert_eq!(code, 0, "{v}");
    assert!(v["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["action"] == "created"));
    let config = std::fs::read_to_string(w.home.config_file()).unwrap();
    assert!(
        config.contains("[profiles.mst-0311111111.usb]")
            && config.contains("cert = \"MST:0311111111\""),
        "{config}"
    );
    assert!(config.contains("cert = \"001099012345\""), "{config}");
    let parsed: toml::Value = toml::from_str(&config).unwrap();
    for name in ["cccd-001099012345", "mst-0311111111", "mst-0322222222-001"] {
        let p = &parsed["profiles"][name];
        assert_eq!(p["preset"].as_str(), Some("dvcqg-test"), "{config}");
        // usb.module: the module that showed the token (a direct one).
        let module = p["usb"]["module"]
            .as_str()
            .unwrap_or_else(|| panic!("{config}"));
        assert!(module.ends_with("libeTPkcs11.so"), "{config}");
    }
    // Again: nothing new, said so.
    let (code, v) = w
        .dvc()
        .args(["profile", "import", "--usb", "--json"])
        .json();
    assert_eq!(code, 0);
    assert!(
        v["profiles"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["action"] == "exists"),
        "{v}"
    );
    assert_eq!(
        std::fs::read_to_string(w.home.config_file()).unwrap(),
        config
    );
    // A new token: plain text says what was created and what exists; the
    // default preset is the WSO2 one where USB tokens log in.
    w.token("Token D", "Công ty Bốn", "MST:0344444444", 4, 3);
    let out = w
        .dvc()
        .args(["profile", "import", "--usb"])
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.contains("created  mst-0344444444  Công ty Bốn  (")
            && stdout.contains("exists   mst-0311111111  Công ty Một  (left as it is)"),
        "{stdout}"
    );
    assert!(stderr.contains("1 profile(s) created in"), "{stderr}");
    let parsed: toml::Value =
        toml::from_str(&std::fs::read_to_string(w.home.config_file()).unwrap()).unwrap();
    assert_eq!(
        parsed["profiles"]["mst-0344444444"]["preset"].as_str(),
        Some("dvcqg-legacy")
    );
    assert!(parsed["profiles"]["mst-0344444444"]["usb"]["module"].is_str());
    // The imported profile signs with its token without naming anything.
    let input = w.home.write("d.bin", b"d");
    w.dvc()
        .args([
            "--profile",
            "mst-0311111111",
            "token",
            "sign",
            "--pin-stdin",
            "--in",
        ])
        .arg(&input)
        .write_stdin("1111\n")
        .assert()
        .success();
}

/// A real PKCS#11 library whose `C_Initialize` fails (SoftHSM2 with a
/// config file that does not exist) is a warning naming it and the return
/// value; the other module (OpenSC) is still loaded and the command works.
#[test]
fn a_module_failing_in_c_initialize_is_a_warning() {
    let opensc = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";
    if !Path::new(MODULE).exists() || !Path::new(opensc).exists() {
        eprintln!("skipped: SoftHSM2 or OpenSC is not installed");
        return;
    }
    let home = Home::new();
    let dir = home.path("vendor");
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink(MODULE, dir.join("libeTPkcs11.so")).unwrap();
    std::os::unix::fs::symlink(opensc, dir.join("opensc-pkcs11.so")).unwrap();
    let out = home
        .dvc()
        .env("SOFTHSM2_CONF", home.path("no-such-softhsm2.conf"))
        .env("DVC_PKCS11_SEARCH_PATH", &dir)
        .args(["token", "list", "--json"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("libeTPkcs11.so") && err.contains("C_Initialize") && err.contains("CKR_"),
        "the failing module named, with its return value: {err}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let modules: Vec<&str> = v["modules"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m.as_str())
        .collect();
    assert!(
        modules.iter().any(|m| m.ends_with("opensc-pkcs11.so")),
        "{v:#}"
    );
    assert!(
        !modules.iter().any(|m| m.ends_with("libeTPkcs11.so")),
        "{v:#}"
    );
}
