//! Property tests of the merge (`docs/merging.md`): merging a config with itself changes nothing,
//! the first config wins every conflict by default, choosing the other config for every conflict
//! is the merge in the other order, the merged value merges to itself, and no input panics.

use std::collections::BTreeMap;

use proptest::prelude::*;
use registry_auth::auth_encoding::encode_auth;
use registry_auth::inspector::{fixed_config, inspect};
use registry_auth::merge::{merge, ConflictKind, MergeSource, CREDS_STORE_KEY, MAX_MERGE_INPUTS};
use serde_json::{json, Map, Value};

/// Few names, so that configs share keys, users and helpers.
const KEYS: [&str; 5] = ["registry.example.com", "https://index.docker.io/v1/", "gcr.io", "registry.example.com:5000/team", "Quay.io"];
const USERS: [&str; 3] = ["ci-bot", "deploy", "_json_key"];
const HELPERS: [&str; 3] = ["ecr-login", "gcloud", "pass"];

#[derive(Debug, Clone)]
enum Entry {
    Auth(usize, usize),
    Helper(usize),
}

fn entry() -> impl Strategy<Value = Entry> {
    prop_oneof![(0..USERS.len(), 0..3usize).prop_map(|(u, p)| Entry::Auth(u, p)), (0..HELPERS.len()).prop_map(Entry::Helper)]
}

/// A well-formed config: some keys, each with an `auth` or a helper, maybe a `credsStore`.
fn config() -> impl Strategy<Value = String> {
    (prop::collection::btree_map(0..KEYS.len(), entry(), 0..5), prop::option::of(0..HELPERS.len())).prop_map(|(entries, store)| {
        let mut auths = Map::new();
        let mut helpers = Map::new();
        for (key, entry) in entries {
            match entry {
                Entry::Auth(user, pass) => {
                    let auth = encode_auth(USERS[user], &format!("not-a-real-token-{pass}")).unwrap();
                    auths.insert(KEYS[key].to_owned(), json!({ "auth": auth }));
                }
                Entry::Helper(helper) => {
                    helpers.insert(KEYS[key].to_owned(), json!(HELPERS[helper]));
                }
            }
        }
        let mut root = Map::new();
        root.insert("auths".into(), Value::Object(auths));
        if !helpers.is_empty() {
            root.insert("credHelpers".into(), Value::Object(helpers));
        }
        if let Some(store) = store {
            root.insert("credsStore".into(), json!(HELPERS[store]));
        }
        Value::Object(root).to_string()
    })
}

fn source(text: &str) -> MergeSource {
    MergeSource::new(&inspect(text))
}

/// The merged value's registries: key → (auth fields, helper).
fn registries(value: &str) -> BTreeMap<String, (Option<Value>, Option<Value>)> {
    let root: Value = serde_json::from_str(value).unwrap();
    let mut out: BTreeMap<String, (Option<Value>, Option<Value>)> = BTreeMap::new();
    for (key, fields) in root["auths"].as_object().unwrap() {
        out.entry(key.clone()).or_default().0 = Some(fields.clone());
    }
    if let Some(helpers) = root.get("credHelpers").and_then(Value::as_object) {
        for (key, helper) in helpers {
            out.entry(key.clone()).or_default().1 = Some(helper.clone());
        }
    }
    out
}

fn creds_store(value: &str) -> Option<Value> {
    serde_json::from_str::<Value>(value).unwrap().get("credsStore").cloned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn merging_a_config_with_itself_changes_nothing(a in config()) {
        let alone = merge(&[source(&a)], &BTreeMap::new());
        prop_assert_eq!(Some(alone.value.clone()), fixed_config(&inspect(&a)));
        let twice = merge(&[source(&a), source(&a)], &BTreeMap::new());
        prop_assert_eq!(&twice.value, &alone.value);
        prop_assert!(twice.conflicts.is_empty());
    }

    #[test]
    fn the_first_config_wins_by_default(a in config(), b in config()) {
        let merged = merge(&[source(&a), source(&b)], &BTreeMap::new());
        let (first, second, got) = (registries(&fixed_config(&inspect(&a)).unwrap()), registries(&fixed_config(&inspect(&b)).unwrap()), registries(&merged.value));
        for (key, value) in &got {
            prop_assert_eq!(Some(value), first.get(key).or_else(|| second.get(key)), "{}", key);
        }
        prop_assert_eq!(got.len(), first.keys().chain(second.keys()).collect::<std::collections::BTreeSet<_>>().len());
        let (store_a, store_b) = (creds_store(&fixed_config(&inspect(&a)).unwrap()), creds_store(&fixed_config(&inspect(&b)).unwrap()));
        prop_assert_eq!(creds_store(&merged.value), store_a.clone().or(store_b.clone()));
        // A conflict for exactly the keys the two give differently, each defaulting to the first.
        let mut expected: Vec<String> = first.iter().filter(|(k, v)| second.get(*k).is_some_and(|w| w != *v)).map(|(k, _)| k.clone()).collect();
        if store_a.is_some() && store_b.is_some() && store_a != store_b {
            expected.push(CREDS_STORE_KEY.to_owned());
        }
        let reported: Vec<String> = merged.conflicts.iter().map(|c| c.key.clone()).collect();
        prop_assert_eq!(reported, expected);
        for conflict in &merged.conflicts {
            prop_assert_eq!(conflict.chosen, 0);
            prop_assert_eq!(conflict.candidates.len(), 2);
            let helpers = conflict.candidates.iter().filter(|c| c.helper.is_some()).count();
            let kind = if conflict.key == CREDS_STORE_KEY { ConflictKind::CredsStore } else if helpers == 1 { ConflictKind::AuthHelper } else { ConflictKind::Credentials };
            prop_assert_eq!(conflict.kind, kind);
        }
    }

    #[test]
    fn choosing_the_second_everywhere_is_the_merge_the_other_way(a in config(), b in config()) {
        let forward = merge(&[source(&a), source(&b)], &BTreeMap::new());
        let choices: BTreeMap<String, usize> = forward.conflicts.iter().map(|c| (c.key.clone(), 1)).collect();
        let chosen = merge(&[source(&a), source(&b)], &choices);
        prop_assert_eq!(&chosen.value, &merge(&[source(&b), source(&a)], &BTreeMap::new()).value);
        prop_assert!(chosen.conflicts.iter().all(|c| c.chosen == 1));
    }

    #[test]
    fn the_merged_value_merges_to_itself(configs in prop::collection::vec(config(), 1..5)) {
        let sources: Vec<MergeSource> = configs.iter().map(|c| source(c)).collect();
        let merged = merge(&sources, &BTreeMap::new());
        let again = merge(&[source(&merged.value)], &BTreeMap::new());
        prop_assert_eq!(again.value, merged.value);
    }

    #[test]
    fn no_input_panics(texts in prop::collection::vec(".{0,300}", 0..MAX_MERGE_INPUTS + 2), choice in 0..MAX_MERGE_INPUTS + 2) {
        let sources: Vec<MergeSource> = texts.iter().map(|t| source(t)).collect();
        let merged = merge(&sources, &BTreeMap::new());
        let choices: BTreeMap<String, usize> = merged.conflicts.iter().map(|c| (c.key.clone(), choice)).collect();
        let chosen = merge(&sources, &choices);
        prop_assert!(serde_json::from_str::<Value>(&chosen.value).is_ok());
    }
}
