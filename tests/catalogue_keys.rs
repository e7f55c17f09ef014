//! Every catalogue key the UI names literally exists in both languages, so no label can render
//! empty. (Keys built at run time — snippet ids, finding codes, presets — have their own tests.)

use std::fs;

use auth_config_builder::catalogue::{keys, Lang};

/// The string literals passed to `tr("…")`, `.t("…")` and `.fill("…", …)` in the UI sources.
fn literal_keys(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for call in ["tr(\"", ".t(\"", ".fill(\""] {
        let mut rest = source;
        while let Some(at) = rest.find(call) {
            rest = &rest[at + call.len()..];
            if let Some(end) = rest.find('"') {
                found.push(rest[..end].to_owned());
            }
        }
    }
    found
}

#[test]
fn every_literal_ui_key_is_in_both_catalogues() {
    let mut checked = 0;
    for file in fs::read_dir("src/ui").expect("src/ui") {
        let path = file.expect("entry").path();
        let source = fs::read_to_string(&path).expect("read");
        for key in literal_keys(&source) {
            for lang in Lang::ALL {
                assert!(keys(lang).any(|k| k == key), "{key} (used in {}) is missing in {lang:?}", path.display());
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "found only {checked} keys: is the scan still right?");
}
