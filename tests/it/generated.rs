//! The committed completions and man pages must match what the binary
//! generates now. Regenerate with `scripts/regen-docs.sh`.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn dvc(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_dvc"))
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "dvc {args:?} failed");
    out.stdout
}

const STALE: &str = "is stale: run scripts/regen-docs.sh and commit the result";

#[test]
fn completions_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (shell, file) in [
        ("bash", "dvc.bash"),
        ("zsh", "_dvc"),
        ("fish", "dvc.fish"),
        ("powershell", "_dvc.ps1"),
        ("elvish", "dvc.elv"),
    ] {
        let committed = std::fs::read(root.join("completions").join(file)).unwrap_or_default();
        assert!(
            committed == dvc(&["completion", shell]),
            "completions/{file} {STALE}"
        );
    }
}

#[test]
fn man_pages_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    dvc(&["man", "--dir", tmp.path().to_str().unwrap()]);
    let names = |d: &Path| -> BTreeSet<String> {
        std::fs::read_dir(d)
            .map(|rd| {
                rd.map(|e| e.unwrap().file_name().into_string().unwrap())
                    .collect()
            })
            .unwrap_or_default()
    };
    let fresh = names(tmp.path());
    assert_eq!(
        names(&root.join("man")),
        fresh,
        "the set of man pages {STALE}"
    );
    for name in &fresh {
        let committed = std::fs::read(root.join("man").join(name)).unwrap();
        let now = std::fs::read(tmp.path().join(name)).unwrap();
        assert!(committed == now, "man/{name} {STALE}");
    }
    // `dvc man` prints the main page.
    assert_eq!(
        dvc(&["man"]),
        std::fs::read(tmp.path().join("dvc.1")).unwrap()
    );
    assert!(fresh.contains("dvc-session-token.1") && fresh.contains("dvc-profile-add.1"));
}

#[test]
fn man_page_lists_every_exit_code_and_variable() {
    let page = String::from_utf8(dvc(&["man"])).unwrap();
    for code in ["0", "1", "2", "4", "5", "6", "130"] {
        assert!(
            page.contains(&format!("\\fB{code}\\fR")),
            "exit code {code} missing"
        );
    }
    for var in [
        "DVC_TOKEN",
        "DVC_PKCS11_MODULE",
        "DVC_PROFILE",
        "DVC_CONFIG",
        "DVC_LANG",
        "DVC_NO_INPUT",
        "NO_COLOR",
    ] {
        assert!(page.contains(var), "{var} missing from the man page");
    }
}
