//! The repair: the corrected value ("Fix"), and the entries as generator input ("Edit in
//! generator").

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{InspectedEntry, Inspection};
use crate::auth_encoding::encode_auth;
use crate::config_builder::write_json;
use crate::credential_helper;
use crate::key_order::index_by_key;
use crate::registry_key::runner::convert_to_registry_path;
use crate::registry_key::{bare_host, is_docker_hub_host, strip_scheme};
use crate::setup::{RegistryEntry, Setup};

/// The corrected value: minified, keys normalised (namespace kept), every `auth` re-encoded
/// from the decoded user and password with surrounding whitespace and line breaks, invisible
/// characters and wrapping quotes removed,
/// literal `username`/`password`/`email` folded away, `identitytoken`/`registrytoken` dropped
/// where an `auth` is written, `credHelpers` and `credsStore` kept
/// unless the runner cannot use them (desktop-only stores, names with a path separator).
///
/// Entries that cannot be repaired (no `:` in `auth`, empty user, undecodable base64 and no
/// literal fields) and empty `{}` entries are left out: any one of them would make GitLab
/// Runner drop the whole value (`docs/gitlab-runner.md#parsing-and-all-or-nothing`). Keys that
/// normalise to the same key keep the first in sorted order, the one the runner uses
/// (`docs/gitlab-runner.md#matching`). `None` when nothing could be read.
pub fn fixed_config(ins: &Inspection) -> Option<String> {
    fixed_parts(ins).map(|parts| parts.to_json())
}

/// The corrected value before it is written: what [`fixed_config`] writes, as maps keyed by the
/// corrected registry key (sorted). A merge folds several of these into one
/// (`docs/merging.md#first-source-wins`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FixedParts {
    /// Key → the entry's fields (`auth`, or a token field when there is no usable `auth`).
    pub auths: Map<String, Value>,
    /// Key → helper name (usable helpers only).
    pub helpers: Map<String, Value>,
    /// A usable `credsStore`.
    pub creds_store: Option<String>,
}

impl FixedParts {
    /// The value, minified: `auths` always, `credHelpers` and `credsStore` when there are any.
    pub fn to_json(&self) -> String {
        let mut root = Map::new();
        root.insert("auths".into(), Value::Object(self.auths.clone()));
        if !self.helpers.is_empty() {
            root.insert("credHelpers".into(), Value::Object(self.helpers.clone()));
        }
        if let Some(store) = &self.creds_store {
            root.insert("credsStore".into(), Value::String(store.clone()));
        }
        write_json(&Value::Object(root), false)
    }

    /// Nothing to write: no `auths` entry, helper or `credsStore` survived the fix. The value
    /// would be `{"auths":{}}`, which pulls nothing.
    pub fn is_empty(&self) -> bool {
        self.auths.is_empty() && self.helpers.is_empty() && self.creds_store.is_none()
    }
}

/// Makes the corrected value serve the given images: for an image no key of `parts` matches
/// (GitLab Runner's rule, `docs/gitlab-runner.md#matching`) but a key of the same host with
/// another port or none does, the image's own `host:port` is added with that key's credential
/// (ports are part of the key: `docs/failure-modes.md#port-mismatch`). Returns `(added key,
/// image)` pairs, for the page to say what it added and why.
pub fn keys_for_images(parts: &mut FixedParts, images: &[&str]) -> Vec<(String, String)> {
    use crate::registry_key::runner::normalize_image_ref;
    let mut added = Vec::new();
    for image in images {
        let image_path = normalize_image_ref(image);
        let Some(image_host) = image_path.split('/').next().filter(|h| !h.is_empty()) else { continue };
        let view = crate::resolver::ConfigView {
            auths: parts.auths.keys().cloned().collect(),
            cred_helpers: parts.helpers.iter().filter_map(|(k, v)| v.as_str().map(|h| (k.clone(), h.to_owned()))).collect(),
            ..crate::resolver::ConfigView::default()
        };
        if crate::resolver::resolve_runner(image, &view).is_some() {
            continue;
        }
        let same_host = |key: &String| {
            let path = convert_to_registry_path(key);
            let host = path.split('/').next().unwrap_or_default();
            host != image_host && bare_host(host) == bare_host(image_host)
        };
        if let Some(fields) = parts.auths.iter().find(|(k, _)| same_host(k)).map(|(_, v)| v.clone()) {
            parts.auths.insert(image_host.to_owned(), fields);
        } else if let Some(helper) = parts.helpers.iter().find(|(k, _)| same_host(k)).map(|(_, v)| v.clone()) {
            parts.helpers.insert(image_host.to_owned(), helper);
        } else {
            continue;
        }
        added.push((image_host.to_owned(), (*image).to_owned()));
    }
    added
}

/// The keys (as written) of the `auths` entries the fix leaves out because they hold no usable
/// credential (an `auth` without `:`, an empty user, undecodable base64, `{}`) and no helper
/// covers them. Entries dropped as a duplicate of a kept key are not listed: the key they
/// normalise to is in the value. `parts` is [`fixed_parts`] of the same inspection.
pub fn left_out_keys(ins: &Inspection, parts: &FixedParts) -> Vec<String> {
    ins.entries
        .iter()
        .filter(|e| e.in_auths && fixed_auth_fields(e).is_none())
        .filter(|e| !parts.auths.contains_key(&e.fixed_key) && !parts.helpers.contains_key(&e.fixed_key))
        .map(|e| e.key.clone())
        .collect()
}

/// The `auths` entries the fix drops because another key of the same registry is kept, the
/// first in sorted key order, as GitLab Runner keeps it (`docs/gitlab-runner.md#matching`):
/// `(dropped key, kept key)`, as written. Only entries with a usable credential; the others are
/// [`left_out_keys`].
pub fn shadowed_keys(ins: &Inspection) -> Vec<(String, String)> {
    let order = index_by_key(ins.entries.iter().map(|e| e.key.as_str()));
    let mut kept: BTreeMap<&str, &str> = BTreeMap::new();
    let mut shadowed = Vec::new();
    for entry in order.values().map(|&i| &ins.entries[i]) {
        if !entry.in_auths || fixed_auth_fields(entry).is_none() {
            continue;
        }
        match kept.get(entry.fixed_key.as_str()) {
            Some(first) => shadowed.push((entry.key.clone(), (*first).to_owned())),
            None => {
                kept.insert(&entry.fixed_key, &entry.key);
            }
        }
    }
    shadowed
}

/// [`fixed_config`]'s corrected entries, not yet written. `None` when nothing could be read.
pub fn fixed_parts(ins: &Inspection) -> Option<FixedParts> {
    if !ins.readable {
        return None;
    }
    let mut parts = FixedParts::default();
    // Sorted key order (a map rather than a sort: one generic instantiation less in the wasm).
    let order = index_by_key(ins.entries.iter().map(|e| e.key.as_str()));
    for entry in order.values().map(|&i| &ins.entries[i]) {
        if let Some(helper) = entry.helper.as_deref().filter(|h| credential_helper::is_usable(h)) {
            if !parts.helpers.contains_key(&entry.fixed_key) {
                parts.helpers.insert(entry.fixed_key.clone(), Value::String(helper.to_owned()));
            }
        }
        if !entry.in_auths || parts.auths.contains_key(&entry.fixed_key) {
            continue;
        }
        if let Some(fields) = fixed_auth_fields(entry) {
            parts.auths.insert(entry.fixed_key.clone(), Value::Object(fields));
        }
    }
    parts.creds_store = ins.creds_store.clone().filter(|s| credential_helper::is_usable(s));
    Some(parts)
}

/// The fields the corrected config writes for one `auths` entry: `auth` when the user and password
/// can be encoded, and then nothing else. `identitytoken` and `registrytoken` next to it are
/// dropped: the daemon would use them instead of `auth`, a copied one expires, and the generator
/// and the strict CLI parser know only `auth` (`docs/failure-modes.md#a-token-field-next-to-auth`).
/// Without a usable `auth` a token is the entry's only credential and is kept.
fn fixed_auth_fields(entry: &InspectedEntry) -> Option<Map<String, Value>> {
    let mut fields = Map::new();
    if let (Some(user), Some(pass)) = (&entry.username, &entry.password) {
        if let Ok(auth) = encode_auth(&trim_field(user), &trim_field(pass)) {
            fields.insert("auth".into(), Value::String(auth));
            return Some(fields);
        }
    }
    for (name, token) in [("identitytoken", &entry.identity_token), ("registrytoken", &entry.registry_token)] {
        if let Some(token) = token.as_deref().filter(|t| !t.is_empty()) {
            fields.insert(name.into(), Value::String(token.to_owned()));
        }
    }
    (!fields.is_empty()).then_some(fields)
}

/// Surrounding whitespace, line breaks included, removed (`docs/failure-modes.md#newline-in-the-password`),
/// and invisible characters and wrapping quotes (`docs/failure-modes.md#invisible-characters`).
fn trim_field(text: &str) -> String {
    crate::stray_characters::cleaned(text.trim()).trim().to_owned()
}

/// The entries as generator input, secrets included (for "edit in generator"; kept in memory
/// only). Values are loaded as decoded, so the generator's own checks show what is wrong.
/// A key in `credHelpers` becomes a helper entry (the helper wins:
/// `docs/gitlab-runner.md#credential-helpers`); an `auth` without `:` is loaded as the token with an empty
/// username. Entries are loaded in the pasted order, except that keys of one registry come
/// together, the one GitLab Runner uses first ([`load_order`]).
pub fn to_setup(ins: &Inspection) -> Setup {
    let mut setup = Setup::default();
    if !ins.readable {
        return setup;
    }
    for entry in load_order(ins).into_iter().map(|i| &ins.entries[i]) {
        let mut item = match &entry.helper {
            Some(helper) => RegistryEntry::helper(&entry.key, helper),
            None => RegistryEntry::basic(
                &entry.key,
                entry.username.as_deref().unwrap_or_default(),
                entry.password.as_deref().or(entry.undivided_auth.as_deref()).unwrap_or_default(),
            ),
        };
        item.keep_namespace = is_namespaced_key(&entry.key);
        setup.entries.push(item);
    }
    setup.creds_store = ins.creds_store.clone().unwrap_or_default();
    setup
}

/// Indices of `ins.entries` in the order the generator loads them: each registry (corrected
/// key) where its first key appears, its keys in sorted order. GitLab Runner uses the first in
/// sorted order (`docs/gitlab-runner.md#matching`) and the generator the first row, so both
/// then pick the same credential (`https://index.docker.io/v1/` and `docker.io` pasted in that
/// order: the runner uses `docker.io`, and so does the generator).
fn load_order(ins: &Inspection) -> Vec<usize> {
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, entry) in ins.entries.iter().enumerate() {
        by_key.entry(entry.key.as_str()).or_default().push(i);
    }
    let mut by_registry: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for i in by_key.into_values().flatten() {
        by_registry.entry(ins.entries[i].fixed_key.as_str()).or_default().push(i);
    }
    let mut order = Vec::with_capacity(ins.entries.len());
    for entry in &ins.entries {
        if let Some(group) = by_registry.remove(entry.fixed_key.as_str()) {
            order.extend(group);
        }
    }
    order
}

/// The corrected entries as generator input ("Edit in generator" after "Fix"): the entries of
/// the corrected value, then each entry the fix had to leave out ([`left_out_keys`]: a bare
/// token, an empty username, `{}`), loaded under its corrected key with what it holds (often no
/// username), so the generator asks for what is missing (`docs/tokens.md#a-token-as-auth`). `None` when
/// nothing could be read.
pub fn fixed_setup(ins: &Inspection) -> Option<Setup> {
    let fixed = fixed_config(ins)?;
    let mut setup = to_setup(&super::inspect(&fixed));
    for entry in ins.entries.iter().filter(|e| e.in_auths && e.helper.is_none() && fixed_auth_fields(e).is_none()) {
        // An empty entry too: the Fix note names it, so the generator offers it to fill in.
        let secret = entry.password.as_deref().or(entry.undivided_auth.as_deref()).unwrap_or_default();
        if setup.entries.iter().any(|e| e.registry == entry.fixed_key) {
            continue;
        }
        let mut item = RegistryEntry::basic(&entry.fixed_key, entry.username.as_deref().unwrap_or_default().trim(), &trim_field(secret));
        item.keep_namespace = is_namespaced_key(&entry.fixed_key);
        setup.entries.push(item);
    }
    Some(setup)
}

/// A key without scheme whose runner path keeps a namespace (not `/v1/`, `/v2/`, not Hub).
fn is_namespaced_key(key: &str) -> bool {
    if strip_scheme(key).is_some() {
        return false;
    }
    let path = convert_to_registry_path(key);
    match path.split_once('/') {
        Some((host, rest)) => !matches!(rest.split('/').next(), Some("v1" | "v2" | "")) && !is_docker_hub_host(bare_host(host)),
        None => false,
    }
}
