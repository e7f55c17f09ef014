//! Merging: several configs (a workstation `config.json`, a Kubernetes pull Secret, an old
//! `DOCKER_AUTH_CONFIG`, in any format the inspector reads) folded into one corrected value.
//!
//! Each config is first corrected as "Fix" corrects it ([`fixed_parts`]: keys normalised, `auth`
//! re-encoded, usable helpers kept), then the configs are folded in order. For each registry key,
//! what the first config that has the key gives it wins, as GitLab Runner keeps the first source
//! that has credentials for a registry (`docs/merging.md#first-source-wins`). Where a later config
//! gives the same key something else, the merge reports a [`Conflict`] and the caller may choose
//! another config for that key (`docs/merging.md#conflicts`).
//!
//! ```
//! use std::collections::BTreeMap;
//! use registry_auth::inspector::inspect;
//! use registry_auth::merge::{merge, ConflictKind, MergeSource};
//! let first = MergeSource::new(&inspect(r#"{"auths":{"registry.example.com":{"auth":"YTpi"}}}"#));
//! let second = MergeSource::new(&inspect(r#"{"credHelpers":{"registry.example.com":"ecr-login"}}"#));
//! let merged = merge(&[first.clone(), second.clone()], &BTreeMap::new());
//! assert_eq!(merged.value, r#"{"auths":{"registry.example.com":{"auth":"YTpi"}}}"#);
//! assert_eq!(merged.conflicts[0].kind, ConflictKind::AuthHelper);
//! // The second config chosen for that key:
//! let choices = BTreeMap::from([("registry.example.com".to_owned(), 1)]);
//! let merged = merge(&[first, second], &choices);
//! assert_eq!(merged.value, r#"{"auths":{},"credHelpers":{"registry.example.com":"ecr-login"}}"#);
//! ```

use std::collections::BTreeMap;

use serde_json::Value;
use strum::{EnumIter, IntoStaticStr};

use crate::auth_encoding::decode_auth;
use crate::inspector::{fixed_parts, FixedParts, Inspection};

/// At most this many configs are merged (the first and nine more); the rest are ignored.
pub const MAX_MERGE_INPUTS: usize = 10;

/// At most this many registry keys in conflict are listed to choose from; the others keep the
/// first config's credential, the rule that applies without a choice. Two 1 MB configs can
/// share 20,000 keys: listing each with its choices would hold the page for seconds.
pub const MAX_CONFLICTS: usize = 100;

/// The `key` of the conflict about `credsStore` (a registry key is never this: the inspector
/// reads a `credsStore` written among the registries as the top-level field).
pub const CREDS_STORE_KEY: &str = "credsStore";

/// What kind of disagreement a conflict is. `as_str()` is a stable kebab-case id
/// (`data-kind` in the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum ConflictKind {
    /// The same key with different credentials: two `auth`s (or tokens) or two helpers.
    Credentials,
    /// The same key with a static credential in one config and a helper in another.
    AuthHelper,
    /// Different `credsStore` values.
    CredsStore,
}

impl ConflictKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What one config gives one registry key: its `auths` fields and its helper, compared whole.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Contribution {
    auth: Option<Value>,
    helper: Option<String>,
}

/// One config, corrected and ready to merge. Build it once per config (it is what a config
/// brings; merging is then cheap).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MergeSource {
    /// Whether a config was read; an unreadable one brings nothing.
    pub readable: bool,
    registries: BTreeMap<String, Contribution>,
    creds_store: Option<String>,
}

impl MergeSource {
    pub fn new(inspection: &Inspection) -> Self {
        let Some(FixedParts { auths, helpers, creds_store }) = fixed_parts(inspection) else {
            return MergeSource::default();
        };
        let mut registries: BTreeMap<String, Contribution> = BTreeMap::new();
        for (key, fields) in auths {
            registries.entry(key).or_default().auth = Some(fields);
        }
        for (key, helper) in helpers {
            if let Value::String(helper) = helper {
                registries.entry(key).or_default().helper = Some(helper);
            }
        }
        MergeSource { readable: true, registries, creds_store }
    }
}

/// One of the different things the configs give a key, without its secret.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Candidate {
    /// The configs (0-based) that give exactly this, in order.
    pub inputs: Vec<usize>,
    /// The username of its `auth`.
    pub username: Option<String>,
    /// The token field it has instead of `auth` (`identitytoken`, `registrytoken`).
    pub token_field: Option<String>,
    /// Its helper, or for a `credsStore` conflict the store.
    pub helper: Option<String>,
}

/// A key the configs disagree on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub kind: ConflictKind,
    /// The corrected registry key, or [`CREDS_STORE_KEY`].
    pub key: String,
    /// At least two, in the order of their first config.
    pub candidates: Vec<Candidate>,
    /// The index in `candidates` of the one the value holds.
    pub chosen: usize,
}

/// The merged value and what the configs disagreed on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Merged {
    /// One minified value, keys sorted; `{"auths":{}}` when no config could be read.
    pub value: String,
    /// In key order, at most [`MAX_CONFLICTS`] registry keys, then the `credsStore` conflict.
    pub conflicts: Vec<Conflict>,
    /// How many registry keys are in conflict in all, listed or not.
    pub conflicts_total: usize,
    /// How many registry keys the value has (in `auths`, `credHelpers` or both).
    pub registries: usize,
}

impl Merged {
    /// The merged value's registries as a `Setup` for the generator, loaded the way the
    /// inspector loads a pasted value (`inspector::to_setup`).
    pub fn to_setup(&self) -> crate::setup::Setup {
        crate::inspector::to_setup(&crate::inspector::inspect(&self.value))
    }
}

/// Merges the configs in order. `choices` maps a conflict's key to the config (0-based) chosen
/// for it; a key without a choice, or whose chosen config gives it nothing, takes the first
/// config that has it. At most [`MAX_MERGE_INPUTS`] configs are read, and at most
/// [`MAX_CONFLICTS`] conflicts are described (`conflicts_total` counts them all).
pub fn merge(sources: &[MergeSource], choices: &BTreeMap<String, usize>) -> Merged {
    let sources = &sources[..sources.len().min(MAX_MERGE_INPUTS)];
    let mut by_key: BTreeMap<&str, Vec<(usize, &Contribution)>> = BTreeMap::new();
    for (index, source) in sources.iter().enumerate() {
        for (key, contribution) in &source.registries {
            by_key.entry(key).or_default().push((index, contribution));
        }
    }
    let mut merged = Merged::default();
    let mut out = FixedParts::default();
    for (key, given) in by_key {
        let candidates = group(&given);
        let chosen = chosen_index(&candidates, choices.get(key));
        let winner = candidates[chosen].1;
        if let Some(auth) = &winner.auth {
            out.auths.insert(key.to_owned(), auth.clone());
        }
        if let Some(helper) = &winner.helper {
            out.helpers.insert(key.to_owned(), Value::String(helper.clone()));
        }
        if candidates.len() > 1 {
            merged.conflicts_total += 1;
            if merged.conflicts.len() >= MAX_CONFLICTS {
                continue;
            }
            let with_helper = candidates.iter().filter(|(_, c)| c.helper.is_some()).count();
            let kind =
                if with_helper == 0 || with_helper == candidates.len() { ConflictKind::Credentials } else { ConflictKind::AuthHelper };
            let candidates = candidates.iter().map(|(inputs, c)| describe(inputs.clone(), c)).collect();
            merged.conflicts.push(Conflict { kind, key: key.to_owned(), candidates, chosen });
        }
    }
    merged.registries = out.auths.keys().chain(out.helpers.keys().filter(|k| !out.auths.contains_key(*k))).count();

    let stores: Vec<(usize, &String)> = sources.iter().enumerate().filter_map(|(i, s)| s.creds_store.as_ref().map(|c| (i, c))).collect();
    let candidates = group(&stores);
    if !candidates.is_empty() {
        let chosen = chosen_index(&candidates, choices.get(CREDS_STORE_KEY));
        out.creds_store = Some(candidates[chosen].1.clone());
        if candidates.len() > 1 {
            let candidates = candidates
                .iter()
                .map(|(inputs, store)| Candidate { inputs: inputs.clone(), helper: Some((*store).clone()), ..Candidate::default() })
                .collect();
            merged.conflicts.push(Conflict { kind: ConflictKind::CredsStore, key: CREDS_STORE_KEY.to_owned(), candidates, chosen });
        }
    }
    merged.value = out.to_json();
    merged
}

/// Equal values grouped, in the order of the first config that gives each.
fn group<'a, T: PartialEq>(given: &[(usize, &'a T)]) -> Vec<(Vec<usize>, &'a T)> {
    let mut groups: Vec<(Vec<usize>, &'a T)> = Vec::new();
    for &(index, value) in given {
        match groups.iter_mut().find(|(_, v)| *v == value) {
            Some((inputs, _)) => inputs.push(index),
            None => groups.push((vec![index], value)),
        }
    }
    groups
}

/// The chosen config's candidate when it gives the key, else the first
/// (`docs/merging.md#first-source-wins`).
fn chosen_index<T>(candidates: &[(Vec<usize>, T)], choice: Option<&usize>) -> usize {
    choice.and_then(|input| candidates.iter().position(|(inputs, _)| inputs.contains(input))).unwrap_or(0)
}

/// What a contribution is, for the user to choose by: names, never the secret.
fn describe(inputs: Vec<usize>, contribution: &Contribution) -> Candidate {
    let mut candidate = Candidate { inputs, helper: contribution.helper.clone(), ..Candidate::default() };
    if let Some(Value::Object(fields)) = &contribution.auth {
        candidate.username = fields.get("auth").and_then(Value::as_str).and_then(|auth| decode_auth(auth).ok()).map(|(user, _)| user);
        if candidate.username.is_none() {
            candidate.token_field = fields.keys().next().cloned();
        }
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspector::{fixed_config, inspect};

    fn source(text: &str) -> MergeSource {
        MergeSource::new(&inspect(text))
    }

    const ALICE: &str = r#"{"auths":{"https://registry.example.com/v2/":{"auth":"YWxpY2U6MQ=="}}}"#;
    const BOB: &str = r#"{"auths":{"registry.example.com":{"auth":"Ym9iOjI="}},"credsStore":"ecr-login"}"#;

    #[test]
    fn keys_are_normalised_and_the_first_config_wins() {
        let merged = merge(&[source(ALICE), source(BOB)], &BTreeMap::new());
        assert_eq!(merged.value, r#"{"auths":{"registry.example.com":{"auth":"YWxpY2U6MQ=="}},"credsStore":"ecr-login"}"#);
        assert_eq!(merged.conflicts.len(), 1);
        let conflict = &merged.conflicts[0];
        assert_eq!((conflict.kind, conflict.key.as_str(), conflict.chosen), (ConflictKind::Credentials, "registry.example.com", 0));
        let names: Vec<_> = conflict.candidates.iter().map(|c| (c.inputs.clone(), c.username.clone())).collect();
        assert_eq!(names, [(vec![0], Some("alice".to_owned())), (vec![1], Some("bob".to_owned()))]);
    }

    #[test]
    fn a_choice_picks_the_other_config() {
        let choices = BTreeMap::from([("registry.example.com".to_owned(), 1)]);
        let merged = merge(&[source(ALICE), source(BOB)], &choices);
        assert_eq!(merged.value, r#"{"auths":{"registry.example.com":{"auth":"Ym9iOjI="}},"credsStore":"ecr-login"}"#);
        assert_eq!(merged.conflicts[0].chosen, 1);
        // A config that does not have the key: the first is kept.
        let choices = BTreeMap::from([("registry.example.com".to_owned(), 7)]);
        assert_eq!(merge(&[source(ALICE), source(BOB)], &choices).conflicts[0].chosen, 0);
    }

    #[test]
    fn creds_store_and_helper_conflicts() {
        let a = source(r#"{"auths":{},"credsStore":"pass","credHelpers":{"gcr.io":"gcloud"}}"#);
        let b = source(r#"{"auths":{"gcr.io":{"auth":"X2pzb25fa2V5Ont9"}},"credsStore":"ecr-login"}"#);
        let merged = merge(&[a.clone(), b.clone()], &BTreeMap::new());
        let kinds: Vec<_> = merged.conflicts.iter().map(|c| (c.kind, c.key.as_str())).collect();
        assert_eq!(kinds, [(ConflictKind::AuthHelper, "gcr.io"), (ConflictKind::CredsStore, CREDS_STORE_KEY)]);
        assert_eq!(merged.value, r#"{"auths":{},"credHelpers":{"gcr.io":"gcloud"},"credsStore":"pass"}"#);
        let choices = BTreeMap::from([("gcr.io".to_owned(), 1), (CREDS_STORE_KEY.to_owned(), 1)]);
        let merged = merge(&[a, b], &choices);
        assert_eq!(merged.value, r#"{"auths":{"gcr.io":{"auth":"X2pzb25fa2V5Ont9"}},"credsStore":"ecr-login"}"#);
        assert_eq!(merged.conflicts[0].candidates[1].username.as_deref(), Some("_json_key"));
    }

    #[test]
    fn equal_entries_are_no_conflict_and_formats_mix() {
        // The same credential as a Kubernetes Secret and as a value: one candidate, no conflict.
        let secret =
            format!("apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {}\n", base64_of(BOB));
        let merged = merge(&[source(BOB), source(&secret), source("")], &BTreeMap::new());
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        assert_eq!(Some(merged.value), fixed_config(&inspect(BOB)));
        assert_eq!(merged.registries, 1);
    }

    #[test]
    fn nothing_readable_gives_an_empty_value() {
        let merged = merge(&[source(""), source("not json")], &BTreeMap::new());
        assert_eq!(merged.value, r#"{"auths":{}}"#);
        assert!(merged.conflicts.is_empty());
    }

    #[test]
    fn conflicts_past_the_cap_are_counted_not_listed_and_keep_the_first_config() {
        let config = |user: &str, n: usize| {
            let auths: Vec<String> =
                (0..n).map(|i| format!(r#""r{i:05}.example.com":{{"auth":"{}"}}"#, base64_of(&format!("{user}:t")))).collect();
            format!(r#"{{"auths":{{{}}},"credsStore":"{user}"}}"#, auths.join(","))
        };
        let n = MAX_CONFLICTS * 3;
        let (a, b) = (source(&config("alice", n)), source(&config("bob", n)));
        // The page offers no choice past the cap, but a choice given still holds.
        let choices = BTreeMap::from([(format!("r{:05}.example.com", n - 1), 1)]);
        let merged = merge(&[a, b], &choices);
        assert_eq!(merged.conflicts_total, n);
        assert_eq!(merged.conflicts.len(), MAX_CONFLICTS + 1, "the listed keys and the credsStore");
        assert_eq!(merged.conflicts.last().map(|c| c.key.as_str()), Some(CREDS_STORE_KEY));
        assert_eq!(merged.registries, n);
        let value: serde_json::Value = serde_json::from_str(&merged.value).unwrap();
        assert_eq!(value["auths"][format!("r{:05}.example.com", n - 1)]["auth"], base64_of("bob:t"), "the choice holds");
        assert_eq!(value["auths"]["r00000.example.com"]["auth"], base64_of("alice:t"), "first config wins");
    }

    #[test]
    fn at_most_ten_configs_are_read() {
        let mut sources = vec![MergeSource::default(); MAX_MERGE_INPUTS];
        sources.push(source(ALICE));
        assert_eq!(merge(&sources, &BTreeMap::new()).value, r#"{"auths":{}}"#);
    }

    fn base64_of(text: &str) -> String {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(text)
    }
}
