//! Property tests: the inspector and the resolver never panic, on arbitrary text and on
//! mutated valid configs, and the fix is stable (fixing a fixed value changes nothing).

use proptest::prelude::*;
use registry_auth::findings::Severity;
use registry_auth::inspector::{fixed_config, inspect, to_setup, MAX_FINDINGS};
use registry_auth::resolver::{images_in_ci_yaml, resolve, resolve_all, ConfigView};

/// Valid configs of every accepted shape, with fake credentials.
const SEEDS: &[&str] = &[
    r#"{"auths":{"registry.example.com":{"auth":"Y2ktYm90Om5vdC1hLXJlYWwtdG9rZW4="}}}"#,
    r#"{"auths":{"https://index.docker.io/v1/":{"auth":"Y2ktYm90Om5vdC1hLXJlYWwtdG9rZW4="},"registry.example.com:5000/team":{"username":"ci-bot","password":"not-a-real-token","email":"ci@example.com"}},"credHelpers":{"gcr.io":"gcloud"},"credsStore":"ecr-login"}"#,
    r#"{"docker.io":{"auth":"Y2ktYm90Om5vdC1hLXJlYWwtdG9rZW4=","email":"ci@example.com"}}"#,
    "eyJhdXRocyI6eyJhLmlvIjp7ImF1dGgiOiJZMmt0WW05ME9tNXZkQzFoTFhKbFlXd3RkRzlyWlc0PSJ9fX0=",
    "apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJhLmlvIjp7ImF1dGgiOiJZMmt0WW05ME9tNXZkQzFoTFhKbFlXd3RkRzlyWlc0PSJ9fX0=\n",
    "{\n  \"auths\": {\n    \"Registry.Example.com/v2/\": {},\n    \"index.docker.io\": {\"auth\": \"Y2ktYm90Om5vdC1h\\nLXJlYWwtdG9rZW4=\"}\n  },\n  \"credsStore\": \"desktop\"\n}",
];

/// Characters that make JSON, YAML and base64 interesting.
fn config_char() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => prop::sample::select(vec!['{', '}', '[', ']', '"', ':', ',', '\\', 'u', 'd', '8', '0', 'n', ' ', '\n', '\r', '\t', 'a', 'A', '=', '/', '+', '-', '_', '.', '$', '@', '#', '|', '\'']),
        1 => any::<char>(),
    ]
}

fn config_like() -> impl Strategy<Value = String> {
    prop::collection::vec(config_char(), 0..400).prop_map(|c| c.into_iter().collect())
}

/// One edit of a seed: insert, delete or replace a character, or cut the text.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, char),
    Delete(usize),
    Replace(usize, char),
    Truncate(usize),
    Duplicate(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), config_char()).prop_map(|(i, c)| Edit::Insert(i, c)),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), config_char()).prop_map(|(i, c)| Edit::Replace(i, c)),
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Duplicate(a, b)),
    ]
}

fn apply(seed: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for edit in edits {
        let n = chars.len();
        match *edit {
            Edit::Insert(i, c) => chars.insert(i % (n + 1), c),
            Edit::Delete(i) if n > 0 => {
                chars.remove(i % n);
            }
            Edit::Replace(i, c) if n > 0 => chars[i % n] = c,
            Edit::Truncate(i) => chars.truncate(i % (n + 1)),
            Edit::Duplicate(a, b) if n > 0 => {
                let (start, end) = ((a % n).min(b % n), (a % n).max(b % n));
                let copy: Vec<char> = chars[start..end].to_vec();
                chars.splice(end..end, copy);
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

/// Everything a page does with one pasted text.
fn exercise(text: &str) {
    let ins = inspect(text);
    assert!(ins.findings.len() <= MAX_FINDINGS);
    let view = ConfigView::from(&ins);
    for image in ["alpine", "registry.example.com:5000/team/app:1", "Registry.Example.com/x@sha256:00"] {
        let _ = resolve(image, &view);
    }
    let _ = to_setup(&ins);
    if let Some(fixed) = fixed_config(&ins) {
        // The fix is valid JSON the runner reads, and fixing it again changes nothing.
        let again = inspect(&fixed);
        assert!(again.readable, "{fixed}");
        assert!(
            !again.findings.iter().any(|f| f.code.as_str().starts_with("json-") && f.severity == Severity::Error),
            "{fixed}: {:?}",
            again.findings
        );
        assert_eq!(fixed_config(&again).as_deref(), Some(fixed.as_str()), "not idempotent for {text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_strings(text in any::<String>()) {
        exercise(&text);
    }

    #[test]
    fn never_panics_on_config_like_text(text in config_like()) {
        exercise(&text);
    }

    #[test]
    fn never_panics_on_mutated_configs(seed in prop::sample::select(SEEDS), edits in prop::collection::vec(edit(), 1..6)) {
        exercise(&apply(seed, &edits));
    }

    #[test]
    fn resolver_never_panics(image in any::<String>(), yaml in config_like()) {
        let view = ConfigView::from(&inspect(SEEDS[1]));
        let _ = resolve(&image, &view);
        let _ = resolve_all(&yaml, &view);
        let found = images_in_ci_yaml(&yaml);
        prop_assert!(found.images.len() <= 200);
    }
}

#[test]
fn seeds_are_valid() {
    for seed in SEEDS {
        let ins = inspect(seed);
        assert!(ins.readable && !ins.entries.is_empty(), "{seed}");
        exercise(seed);
    }
}
