//! Every message exists in Vietnamese and English, with the same placeholders.

use std::collections::{BTreeMap, BTreeSet};

/// Every catalog file of `lang`: `locales/LANG.yml` and the per-area files
/// `locales/AREA.LANG.yml` (rust-i18n merges them), as one map.
fn catalog(lang: &str) -> BTreeMap<String, String> {
    let dir = format!("{}/locales", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            name == format!("{lang}.yml") || name.ends_with(&format!(".{lang}.yml"))
        })
        .collect();
    files.sort();
    let mut map = BTreeMap::new();
    for file in files {
        let path = file.display().to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') || line.starts_with("_version") {
                continue;
            }
            let (key, value) = line
                .split_once(": ")
                .unwrap_or_else(|| panic!("{path}:{}: not `key: \"value\"`", i + 1));
            let value = value.trim();
            assert!(
                value.starts_with('"') && value.ends_with('"') && value.len() >= 2,
                "{path}:{}: quote the value",
                i + 1
            );
            assert!(
                map.insert(key.to_string(), value[1..value.len() - 1].to_string())
                    .is_none(),
                "{path}: {key} twice"
            );
        }
    }
    map
}

fn placeholders(s: &str) -> BTreeSet<String> {
    s.split("%{")
        .skip(1)
        .filter_map(|p| p.split_once('}'))
        .map(|(n, _)| n.to_string())
        .collect()
}

#[test]
fn both_languages_have_every_key_and_placeholder() {
    let vi = catalog("vi");
    let en = catalog("en");
    let only_vi: Vec<_> = vi.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !vi.contains_key(*k)).collect();
    assert!(
        only_vi.is_empty() && only_en.is_empty(),
        "only in vi: {only_vi:?}; only in en: {only_en:?}"
    );
    for (k, v) in &vi {
        assert_eq!(
            placeholders(v),
            placeholders(&en[k]),
            "placeholders of {k} differ"
        );
        assert!(!v.trim().is_empty(), "{k} is empty in vi");
    }
}

#[test]
fn every_key_used_in_the_code_exists() {
    let en = catalog("en");
    let mut missing = Vec::new();
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut stack = vec![std::path::PathBuf::from(src)];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let pieces: Vec<&str> = text.split("tr!(").collect();
            for (i, part) in pieces.iter().enumerate().skip(1) {
                // Only the `tr!` macro itself, not `include_str!(` and the like.
                let before = pieces[i - 1].chars().last();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                // tr!(lang, "key" ...): the first string literal is the key.
                let Some(start) = part.find('"') else {
                    continue;
                };
                let rest = &part[start + 1..];
                let Some(end) = rest.find('"') else { continue };
                let key = &rest[..end];
                if part[..start].contains(')') || key.contains('{') || key.is_empty() {
                    continue;
                }
                if !en.contains_key(key) {
                    missing.push(format!("{}: {key}", p.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys used but not in the catalogs: {missing:?}"
    );
}
