//! The JSON that scripts depend on (cli.md), held by golden files of its
//! shape: every field's path and the JSON types it takes. A field renamed,
//! dropped or turned from a string into a number fails here before a
//! script finds out; a field added shows up in the diff, to be added to the
//! contract on purpose. `DVC_UPDATE_GOLDEN=1 cargo test --test it
//! json_contract::` rewrites the files (`tests/json_contract/`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::util::{business_session, citizen_session, Home, Token, MODULE};
use dvc_sandbox::pki::{Key, Name, Role, Spec};
use serde_json::Value;
use time::Duration;

/// Every path of `v` (`a.b[].c`) with the types seen there.
fn shape(v: &Value) -> String {
    fn walk(v: &Value, path: String, out: &mut BTreeMap<String, BTreeSet<&'static str>>) {
        let kind = match v {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        out.entry(path.clone()).or_default().insert(kind);
        match v {
            Value::Array(items) => {
                for i in items {
                    walk(i, format!("{path}[]"), out);
                }
            }
            Value::Object(map) => {
                for (k, i) in map {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(i, p, out);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    walk(v, String::new(), &mut out);
    out.into_iter()
        .filter(|(p, _)| !p.is_empty())
        .map(|(p, k)| format!("{p}: {}\n", k.into_iter().collect::<Vec<_>>().join("|")))
        .collect()
}

/// Compares with (or, under DVC_UPDATE_GOLDEN=1, rewrites) a golden file.
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/json_contract")
        .join(name);
    if std::env::var_os("DVC_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (DVC_UPDATE_GOLDEN=1 writes it)", path.display()));
    assert_eq!(
        actual,
        expected,
        "the JSON of {name} changed shape (DVC_UPDATE_GOLDEN=1 rewrites {})",
        path.display()
    );
}

#[test]
fn status_json_keeps_its_shape_in_every_language() {
    let home = Home::new();
    std::fs::create_dir_all(home.config_file().parent().unwrap()).unwrap();
    std::fs::write(
        home.config_file(),
        "default_profile = \"acme\"\n\
         [profiles.acme]\nissuer = \"http://127.0.0.1:9\"\nclient_id = \"dvc-cli\"\n\
         [profiles.citizen]\nissuer = \"http://127.0.0.1:9\"\nclient_id = \"dvc-cli\"\n\
         [profiles.broken]\nissuer = \"http://127.0.0.1:9\"\nclient_id = \"dvc-cli\"\n\
         [profiles.nobody]\nissuer = \"http://127.0.0.1:9\"\nclient_id = \"dvc-cli\"\n",
    )
    .unwrap();
    home.save_file_session(&business_session("acme", "at-acme", Duration::hours(1)));
    home.save_file_session(&citizen_session("citizen", "at-c", Duration::hours(-1)));
    std::fs::write(home.session_file("broken"), b"{\"format\": 1, \"sess").unwrap();
    let mut shapes = Vec::new();
    for lang in ["en", "vi"] {
        let (code, v) = home
            .dvc()
            .args(["--lang", lang, "status", "--all", "--json"])
            .json();
        assert_eq!(code, 4, "{v:#}");
        let broken = v["profiles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["profile"] == "broken")
            .unwrap();
        assert_eq!(broken["damaged"], true);
        // The reason's words follow --lang; its code does not.
        assert_eq!(broken["error_code"], "not_json", "{broken:#}");
        shapes.push(shape(&v));
    }
    assert_eq!(
        shapes[0], shapes[1],
        "the shape does not change with --lang"
    );
    golden("status.shape", &shapes[0]);
}

#[test]
fn token_list_json_keeps_its_shape() {
    let home = Home::new();
    let hsm = Token::new(&home);
    hsm.init("Acme", "1234");
    let key = Key::rsa(2048).unwrap();
    let ca = dvc_sandbox::pki::Ca::self_signed(
        &Spec::new(
            Role::Ca { path_len: None },
            Name::new().c("VN").cn("Test CA"),
        ),
        Key::ec().unwrap(),
    )
    .unwrap();
    let cert = ca
        .issue(
            &Spec::new(
                Role::Leaf,
                Name::new().c("VN").cn("Công ty Acme").uid("MST:0101234567"),
            )
            .days(-10, 300),
            &key,
        )
        .unwrap();
    hsm.import("Acme", "1234", "01", "acme", &key, &cert);
    let (code, v) = home
        .dvc()
        .env("SOFTHSM2_CONF", &hsm.conf)
        .env("DVC_PKCS11_MODULE", MODULE)
        .args(["token", "list", "--json"])
        .json();
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["tokens"][0]["certificates"][0]["tax_code"], "0101234567");
    golden("token-list.shape", &shape(&v));
}

#[test]
fn profile_list_json_keeps_its_shape() {
    let home = Home::new();
    home.dvc()
        .args([
            "profile",
            "add",
            "acme",
            "--issuer",
            "http://127.0.0.1:9",
            "--client-id",
            "dvc-cli",
        ])
        .assert()
        .success();
    home.dvc()
        .args(["profile", "add", "web", "--preset", "dvcqg"])
        .assert()
        .success();
    let (code, v) = home.dvc().args(["profile", "list", "--json"]).json();
    assert_eq!(code, 0, "{v:#}");
    golden("profile-list.shape", &shape(&v));
}
