//! A Google service-account key under `_json_key` is the key file's JSON, pretty-printed with
//! line breaks as `gcloud` writes it, and Google parses it: its inner line breaks are no
//! `echo`-without-`-n` mistake (`stray_characters::whitespace_matters`, `docs/tokens.md#google`).
//! The generator and the inspector must never call them `whitespace-in-field`; the same password
//! under any other username must be. Every key here is an obviously fake fixture.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use proptest::prelude::*;
use registry_auth::config_builder::build;
use registry_auth::findings::FindingCode;
use registry_auth::inspector::inspect;
use registry_auth::setup::{RegistryEntry, Setup};

/// A password with at least one line break inside: lines of printable text (the JSON of a key,
/// or anything) joined by `\n` or `\r\n`, maybe indented, maybe ending in a line break.
fn multi_line_password() -> impl Strategy<Value = String> {
    (prop::collection::vec("[ -~]{0,24}", 2..8), any::<bool>(), any::<bool>()).prop_map(|(lines, crlf, trailing)| {
        let mut text = lines.join(if crlf { "\r\n" } else { "\n" });
        if trailing {
            text.push('\n');
        }
        text
    })
}

fn registry() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["europe-docker.pkg.dev", "gcr.io", "us-central1-docker.pkg.dev", "registry.example.com"])
}

fn whitespace_findings(found: impl Iterator<Item = FindingCode>) -> usize {
    found.filter(|c| *c == FindingCode::WhitespaceInField).count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_multi_line_key_under_json_key_is_no_whitespace_mistake(password in multi_line_password(), registry in registry()) {
        // The generator, on what was typed.
        let setup = |user: &str| Setup { entries: vec![RegistryEntry::basic(registry, user, &password)], ..Setup::default() };
        prop_assert_eq!(whitespace_findings(build(&setup("_json_key")).findings.iter().map(|f| f.code)), 0);
        // The inspector, on auth and on literal fields.
        let auth = STANDARD.encode(format!("_json_key:{password}"));
        let in_auth = format!(r#"{{"auths":{{"{registry}":{{"auth":"{auth}"}}}}}}"#);
        prop_assert_eq!(whitespace_findings(inspect(&in_auth).findings.iter().map(|f| f.code)), 0, "{}", in_auth);
        let literal = serde_json::json!({"auths": {registry: {"username": "_json_key", "password": password}}}).to_string();
        prop_assert_eq!(whitespace_findings(inspect(&literal).findings.iter().map(|f| f.code)), 0, "{}", literal);
        // Any other username: the line breaks change the credential.
        prop_assert_eq!(whitespace_findings(build(&setup("ci-bot")).findings.iter().map(|f| f.code)), 1);
        let other = STANDARD.encode(format!("ci-bot:{password}"));
        let other = format!(r#"{{"auths":{{"{registry}":{{"auth":"{other}"}}}}}}"#);
        prop_assert_eq!(whitespace_findings(inspect(&other).findings.iter().map(|f| f.code)), 1);
    }
}
