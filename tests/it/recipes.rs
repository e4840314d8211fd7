//! `dvc recipe list | show | check` and what a recipe that cannot be used
//! says: the key at fault, exit 2, and a hint that leads somewhere that
//! works (never back to the same error).

use crate::util::Home;

fn run(h: &Home, args: &[&str]) -> (i32, String, String) {
    let out = h.dvc().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn list_show_and_check_the_built_in_recipes() {
    let h = Home::new();
    let (code, out, _) = run(&h, &["recipe", "list", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"dvcqg") && names.contains(&"dvcqg-legacy"),
        "{names:?}"
    );
    for name in names {
        // Each prints, and the copy a user saves checks as it is.
        let (code, toml, err) = run(&h, &["recipe", "show", name]);
        assert_eq!(code, 0, "{err}");
        let file = h.path(&format!("{name}.toml"));
        std::fs::write(&file, &toml).unwrap();
        let (code, _, err) = run(&h, &["recipe", "check", file.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: {err}");
        // `recipe show FILE` prints the file.
        let (code, again, _) = run(&h, &["recipe", "show", file.to_str().unwrap()]);
        assert_eq!((code, again), (0, toml));
    }
}

#[test]
fn an_unknown_recipe_is_a_usage_error_that_points_at_the_list() {
    let h = Home::new();
    for lang in ["en", "vi"] {
        let (code, _, err) = run(
            &h,
            &[
                "--lang",
                lang,
                "--profile",
                "x",
                "login",
                "--recipe",
                "nosuch",
                "--usb",
            ],
        );
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains("nosuch") && err.contains("dvc recipe list"),
            "{lang}: {err}"
        );
        assert!(!err.contains("dvc recipe show nosuch"), "{err}");
    }
    let (code, _, err) = run(&h, &["recipe", "show", "nosuch"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_broken_recipe_file_names_its_key_and_how_to_check_it_again() {
    let h = Home::new();
    let (_, toml, _) = run(&h, &["recipe", "show", "dvcqg-legacy"]);
    let bad = h.path("bo.toml");
    std::fs::write(
        &bad,
        toml.replace(
            "check_url = \"https://dichvucong.gov.vn",
            "check_url = \"https://elsewhere.example",
        ),
    )
    .unwrap();
    let file = bad.to_str().unwrap();
    let (code, _, err) = run(&h, &["recipe", "check", file]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("check_url"), "{err}");
    assert!(
        err.contains(&format!("dvc recipe check {file}")),
        "the hint should lead to a command that works: {err}"
    );
    // The same from a login with that file: nothing is sent, exit 2.
    let (code, _, err) = run(
        &h,
        &[
            "--profile",
            "x",
            "login",
            "--recipe",
            file,
            "--sim",
            "0912345678",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("check_url"), "{err}");
    // And `recipe show` of the broken file says what is wrong with it.
    let (code, _, err) = run(&h, &["recipe", "show", file]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("check_url"), "{err}");
}
