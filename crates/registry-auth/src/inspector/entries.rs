//! The config itself: `auths`, `credHelpers` and `credsStore` read as GitLab Runner reads them
//! (`docs/gitlab-runner.md#parsing-and-all-or-nothing`), each entry decoded, and the fields the
//! docker CLI's strict environment store would refuse noted
//! (`docs/docker-cli.md#the-docker_auth_config-environment-store`).

use std::collections::BTreeMap;

use super::auth_field::{decode_auth_checked, DecodedAuth};
use super::json::Node;
use super::text_scan::position_of;
use super::{checks, push, push_finding, ConfigFormat, InspectedEntry, Inspection};
use crate::auth_encoding::trim_nul;
use crate::credential_findings::{credential_text_findings, token_findings, username_findings};
use crate::findings::{Finding, FindingCode, Severity};
use crate::key_order::index_by_key;
use crate::registry_key::runner::convert_to_registry_path;
use crate::stray_characters::{has_stray_whitespace, whitespace_matters};
use crate::token_kind::TokenKind;
use crate::usernames::signs_in_with_docker_id;

/// Case-insensitive field lookup preferring an exact match, as Go's `encoding/json`
/// (`docs/gitlab-runner.md#parsing-and-all-or-nothing`).
fn field<'a>(fields: &[&'a (String, Node)], name: &str) -> Option<&'a Node> {
    let exact = fields.iter().rev().find(|(k, _)| k == name);
    exact.or_else(|| fields.iter().rev().find(|(k, _)| k.eq_ignore_ascii_case(name))).map(|(_, v)| v)
}

/// Keeps the last of each literally repeated key (Go: the last one wins), reporting the rest.
/// `parent` names the object in the finding; `entry_keys`: the keys are registry keys (the
/// findings then carry the key).
fn dedup_keys<'a>(items: &'a [(String, Node)], parent: &[&str], entry_keys: bool, ins: &mut Inspection) -> Vec<&'a (String, Node)> {
    let mut repeated = vec![false; items.len()];
    if items.len() <= 16 {
        for (i, (k, _)) in items.iter().enumerate() {
            repeated[i] = items[i + 1..].iter().any(|(later, _)| later == k);
        }
    } else {
        let mut last: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, (k, _)) in items.iter().enumerate() {
            if let Some(earlier) = last.insert(k, i) {
                repeated[earlier] = true;
            }
        }
    }
    if !repeated.contains(&true) {
        return items.iter().collect();
    }
    for (k, _) in items.iter().zip(&repeated).filter(|(_, r)| **r).map(|(item, _)| item) {
        let mut path = parent.to_vec();
        path.push(k);
        let subject = path.join(" → ");
        let mut finding = Finding::new(FindingCode::JsonDuplicateKey, Severity::Warning);
        finding.subject = subject;
        if entry_keys {
            finding.key = Some(k.clone());
        }
        ins.findings.push(finding);
    }
    items.iter().zip(&repeated).filter(|(_, r)| !**r).map(|(item, _)| item).collect()
}

fn wrong_type(path: String, ins: &mut Inspection) {
    push(&mut ins.findings, FindingCode::JsonWrongType, Severity::Error, None, &path);
}

/// Entry fields GitLab Runner reads (`types.AuthConfig`, `docs/gitlab-runner.md#parsing-and-all-or-nothing`);
/// a wrong type in any of them fails the whole decode.
const ENTRY_FIELDS: [&str; 6] = ["auth", "username", "password", "identitytoken", "registrytoken", "serveraddress"];

/// At most this many field names are listed in `strict-cli-rejects`.
const MAX_STRICT_NAMES: usize = 8;

/// Field names the docker CLI ≥ 28.3 strict parser rejects
/// (`docs/docker-cli.md#the-docker_auth_config-environment-store`), in order, capped.
#[derive(Default)]
struct StrictRejects(Vec<String>, bool);

impl StrictRejects {
    fn add(&mut self, name: &str) {
        if self.0.iter().any(|n| n == name) {
            return;
        }
        if self.0.len() < MAX_STRICT_NAMES {
            self.0.push(name.to_owned());
        } else {
            self.1 = true;
        }
    }

    fn subject(&self) -> String {
        let mut subject = self.0.join(", ");
        if self.1 {
            subject.push_str(", …");
        }
        subject
    }
}

pub(super) fn analyse_root(root: Node, text: &str, ins: &mut Inspection) {
    let Node::Object(all_items) = root else {
        if ins.format == ConfigFormat::DockerConfig {
            ins.format = ConfigFormat::Unknown;
        }
        push(&mut ins.findings, FindingCode::JsonNotObject, Severity::Error, None, root.kind());
        return;
    };
    let items = dedup_keys(&all_items, &[], false, ins);
    let auths = field(&items, "auths");
    let store = field(&items, "credsStore");
    let helpers = field(&items, "credHelpers");
    let mut strict = StrictRejects::default();
    for (key, _) in &items {
        // `docs/docker-cli.md#the-docker_auth_config-environment-store`: the strict parser knows only `auths`
        // (case-insensitively, as Go matches fields).
        if !key.eq_ignore_ascii_case("auths") {
            strict.add(key);
        }
    }
    let mut auth_items: Vec<&(String, Node)> = Vec::new();
    if auths.is_none() && store.is_none() && helpers.is_none() && items.iter().any(|(_, v)| is_legacy_entry(v)) {
        // `docs/gitlab-runner.md#parsing-and-all-or-nothing`: LoadFromReader reads only `auths`; a legacy
        // file gives the runner nothing.
        if ins.format == ConfigFormat::DockerConfig {
            ins.format = ConfigFormat::LegacyDockercfg;
        }
        push(&mut ins.findings, FindingCode::LegacyFormat, Severity::Error, None, "");
        auth_items = items.iter().copied().filter(|(_, v)| matches!(v, Node::Object(_) | Node::Null)).collect();
    } else {
        match auths {
            Some(Node::Object(a)) => auth_items = dedup_keys(a, &["auths"], true, ins),
            Some(Node::Null) | None => {}
            Some(other) => wrong_type(format!("auths ({})", other.kind()), ins),
        }
    }
    let (store, helper_nodes) = lift_misplaced(&mut auth_items, store, helpers, text, ins);
    match store {
        Some(Node::Str(s)) if !s.is_empty() => ins.creds_store = Some(s.clone()),
        Some(Node::Str(_) | Node::Null) | None => {}
        Some(other) => wrong_type(format!("credsStore ({})", other.kind()), ins),
    }
    for helpers in helper_nodes {
        match helpers {
            Node::Object(h) => {
                for (key, value) in dedup_keys(h, &["credHelpers"], true, ins) {
                    match value {
                        Node::Str(name) => ins.cred_helpers.push((key.clone(), name.clone())),
                        // Go leaves "" for null, which the runner then refuses
                        // (`docs/gitlab-runner.md#parsing-and-all-or-nothing`).
                        Node::Null => ins.cred_helpers.push((key.clone(), String::new())),
                        other => wrong_type(format!("credHelpers → {key} ({})", other.kind()), ins),
                    }
                }
            }
            Node::Null => {}
            other => wrong_type(format!("credHelpers ({})", other.kind()), ins),
        }
    }

    for (index, (key, value)) in auth_items.iter().enumerate() {
        let entry = analyse_entry(index, key, value, ins, &mut strict);
        ins.entries.push(entry);
    }
    let by_key = if ins.cred_helpers.is_empty() { BTreeMap::new() } else { index_by_key(auth_items.iter().map(|(k, _)| k.as_str())) };
    for (key, helper) in ins.cred_helpers.clone() {
        match by_key.get(key.as_str()) {
            Some(&i) => ins.entries[i].helper = Some(helper),
            None => ins.entries.push(InspectedEntry {
                normalised_runner: convert_to_registry_path(&key),
                key,
                helper: Some(helper),
                ..InspectedEntry::default()
            }),
        }
    }
    for index in 0..ins.entries.len() {
        checks::check_key(index, ins);
    }
    checks::check_duplicates(ins);
    checks::check_helpers(ins);
    if !strict.0.is_empty() {
        // `docs/docker-cli.md#the-docker_auth_config-environment-store`,
        // `docs/failure-modes.md#strict-cli-parser-in-jobs`: docker CLI ≥ 28.3 accepts only
        // {"auths":{"<key>":{"auth":"…"}}} in the env var.
        push(&mut ins.findings, FindingCode::StrictCliRejects, Severity::Warning, None, &strict.subject());
    }
    if ins.entries.is_empty() && ins.creds_store.is_none() {
        push(&mut ins.findings, FindingCode::NoCredentials, Severity::Warning, None, "");
    }
}

/// Keys that belong at the top level, next to `auths`.
const TOP_LEVEL_KEYS: [&str; 3] = ["credHelpers", "credsStore", "auths"];

/// Top-level keys written inside `auths` (`docs/failure-modes.md#text-that-is-almost-json`): the
/// runner would read each as a registry (a `credsStore` string there even fails the decode). Each
/// is reported, taken out of the registries and read where it belongs, so the fix writes it at
/// the top level. Returns the `credsStore` node and the `credHelpers` nodes to read.
fn lift_misplaced<'a>(
    auth_items: &mut Vec<&'a (String, Node)>,
    mut store: Option<&'a Node>,
    helpers: Option<&'a Node>,
    text: &str,
    ins: &mut Inspection,
) -> (Option<&'a Node>, Vec<&'a Node>) {
    let mut helper_nodes: Vec<&'a Node> = helpers.into_iter().collect();
    if !auth_items.iter().any(|(k, _)| TOP_LEVEL_KEYS.iter().any(|t| k.eq_ignore_ascii_case(t))) {
        return (store, helper_nodes);
    }
    let mut kept: Vec<&'a (String, Node)> = Vec::with_capacity(auth_items.len());
    let mut lifted: Vec<&'a (String, Node)> = Vec::new();
    for item in auth_items.drain(..) {
        let (key, value) = item;
        let Some(name) = TOP_LEVEL_KEYS.iter().find(|t| key.eq_ignore_ascii_case(t)) else {
            kept.push(item);
            continue;
        };
        push(&mut ins.findings, FindingCode::JsonMisplacedKey, Severity::Error, None, &misplaced_subject(key, text));
        match *name {
            "credsStore" if !matches!(store, Some(Node::Str(s)) if !s.is_empty()) => store = Some(value),
            "credsStore" => {}
            "credHelpers" => helper_nodes.push(value),
            _ => {
                if let Node::Object(inner) = value {
                    lifted.extend(inner.iter());
                }
            }
        }
    }
    kept.extend(lifted);
    *auth_items = kept;
    (store, helper_nodes)
}

/// `credHelpers (3:5)`: the key and where it is written inside `auths`, when it can be found.
fn misplaced_subject(key: &str, text: &str) -> String {
    let auths = text.find("\"auths\"").or_else(|| text.to_ascii_lowercase().find("\"auths\"")).unwrap_or(0);
    let needle = format!("\"{key}\"");
    match text.get(auths + 1..).and_then(|rest| rest.find(&needle)) {
        Some(at) => {
            let (line, column) = position_of(text, auths + 1 + at);
            format!("{key} ({line}:{column})")
        }
        None => key.to_owned(),
    }
}

fn is_legacy_entry(value: &Node) -> bool {
    match value {
        Node::Object(fields) => {
            fields.iter().any(|(k, _)| ["auth", "username", "password", "email"].iter().any(|f| k.eq_ignore_ascii_case(f)))
        }
        _ => false,
    }
}

fn analyse_entry(index: usize, key: &str, value: &Node, ins: &mut Inspection, strict: &mut StrictRejects) -> InspectedEntry {
    let first_finding = ins.findings.len();
    let mut entry = InspectedEntry {
        key: key.to_owned(),
        normalised_runner: convert_to_registry_path(key),
        in_auths: true,
        ..InspectedEntry::default()
    };
    let fields: Vec<&(String, Node)> = match value {
        Node::Object(fields) => dedup_keys(fields, &["auths", key], false, ins),
        Node::Null => Vec::new(),
        other => {
            wrong_type(format!("auths → {key} ({})", other.kind()), ins);
            return entry;
        }
    };
    entry.fields = fields.iter().map(|(k, _)| k.clone()).collect();
    for (name, _) in &fields {
        if !name.eq_ignore_ascii_case("auth") {
            strict.add(name);
        }
    }
    let text_field = |name: &str, ins: &mut Inspection| -> Option<String> {
        match field(&fields, name) {
            Some(Node::Str(s)) => Some(s.clone()),
            Some(Node::Null) | None => None,
            Some(other) => {
                if ENTRY_FIELDS.contains(&name) {
                    wrong_type(format!("auths → {key} → {name} ({})", other.kind()), ins);
                }
                None
            }
        }
    };
    let auth = text_field("auth", ins).filter(|a| !a.is_empty());
    let literal_user = text_field("username", ins);
    let literal_pass = text_field("password", ins);
    entry.identity_token = text_field("identitytoken", ins).filter(|t| !t.is_empty());
    entry.registry_token = text_field("registrytoken", ins).filter(|t| !t.is_empty());
    text_field("serveraddress", ins);
    let at = Some((index, key));

    let auth_token = auth.as_deref().and_then(TokenKind::recognise).filter(|k| !k.is_username());
    match (&auth, auth_token) {
        (Some(auth), Some(kind)) => {
            // `docs/tokens.md#a-token-as-auth`: the token itself where base64 of user:token belongs; the
            // runner's decodeAuth fails and drops the whole value. With a literal username the intent is
            // clear (the fix encodes the two); without one the fix must ask for it.
            push_finding(&mut ins.findings, Finding::new(FindingCode::AuthIsToken, Severity::Error).token(kind), at);
            let token = auth.trim().to_owned();
            match literal_user.clone().filter(|u| !u.is_empty()) {
                Some(user) => {
                    entry.username = Some(user);
                    entry.password = Some(token);
                }
                None => entry.undivided_auth = Some(token),
            }
        }
        (Some(auth), None) if auth.contains(':') => {
            // `:` is no base64 character: this is `user:token` as typed, never encoded. decodeAuth
            // fails on it and the whole value is dropped; the fix encodes the two
            // (`docs/failure-modes.md#usertoken-in-auth-not-encoded`).
            push(&mut ins.findings, FindingCode::AuthNotEncoded, Severity::Error, at, "");
            if let Some((user, pass)) = auth.trim().split_once(':') {
                entry.username = Some(user.to_owned());
                entry.password = Some(pass.to_owned());
            }
        }
        (Some(auth), None) => {
            // `docs/gitlab-runner.md#parsing-and-all-or-nothing`: a non-empty auth is decoded and overwrites
            // username/password.
            let decoded = decode_auth_checked(auth, at, ins);
            if decoded == DecodedAuth::RawToken {
                // Loaded as pasted: a decoded copy of it would be garbage.
                entry.undivided_auth = Some(auth.trim().to_owned());
            } else if let DecodedAuth::Bytes(bytes) = decoded {
                let bytes = trim_nul(&bytes);
                let text = match std::str::from_utf8(bytes) {
                    Ok(t) => t.to_owned(),
                    Err(_) => {
                        push(&mut ins.findings, FindingCode::AuthNotUtf8, Severity::Warning, at, "");
                        String::from_utf8_lossy(bytes).into_owned()
                    }
                };
                match text.split_once(':') {
                    None => {
                        // `docs/docker-cli.md#lookup-key`,
                        // `docs/failure-modes.md#auth-without-a-colon-or-with-an-empty-username`: `invalid
                        // auth configuration file`, the whole value dropped.
                        push(&mut ins.findings, FindingCode::AuthNoColon, Severity::Error, at, "");
                        entry.undivided_auth = Some(text.clone());
                    }
                    Some((user, pass)) => {
                        if user.is_empty() {
                            push(&mut ins.findings, FindingCode::AuthEmptyUsername, Severity::Error, at, "");
                        }
                        entry.username = Some(user.to_owned());
                        entry.password = Some(pass.to_owned());
                        let differs =
                            |literal: &Option<String>, decoded: &str| literal.as_deref().is_some_and(|l| !l.is_empty() && l != decoded);
                        if differs(&literal_user, user) || differs(&literal_pass, pass) {
                            push(&mut ins.findings, FindingCode::AuthFieldsDisagree, Severity::Warning, at, "");
                        }
                    }
                }
            }
            if entry.username.is_none() && entry.undivided_auth.is_none() && literal_user.is_some() {
                // Unusable auth: show the literal fields, which the fix can re-encode.
                entry.username = literal_user.clone();
                entry.password = literal_pass.clone();
            }
        }
        (None, _) => {
            // `docs/docker-cli.md#the-docker_auth_config-environment-store`: the strict parser also needs
            // `auth` in every entry.
            push(&mut ins.findings, FindingCode::StrictCliMissingAuth, Severity::Warning, at, "");
            entry.username = literal_user.clone();
            entry.password = literal_pass.clone();
            // `docs/failure-modes.md#dollar-signs-expanded`: literal fields are expanded by GitLab unless the
            // variable is raw.
            for (name, text) in [("username", &literal_user), ("password", &literal_pass)] {
                if text.as_deref().is_some_and(|t| t.contains('$')) {
                    push(&mut ins.findings, FindingCode::DollarInField, Severity::Warning, Some((index, key)), name);
                }
            }
            if literal_user.as_deref().is_some_and(|u| u.contains(':')) {
                push(&mut ins.findings, FindingCode::UsernameColon, Severity::Error, at, "");
            }
        }
    }
    // `docs/failure-modes.md#newline-in-the-password`: a newline or surrounding whitespace in the decoded
    // user or password.
    let user = entry.username.clone().unwrap_or_default();
    for (name, text) in [("username", &entry.username), ("password", &entry.password)] {
        let Some(text) = text.as_deref() else { continue };
        if has_stray_whitespace(text) && whitespace_matters(&user, name) {
            push(&mut ins.findings, FindingCode::WhitespaceInField, Severity::Error, Some((index, key)), name);
        }
        // `docs/failure-modes.md#invisible-characters`, `#variable-references-in-a-credential`: the same checks as
        // the generator's, on the decoded fields (`auth` is never expanded).
        // Literal `username`/`password` fields are expanded with the value (Expand on), so a
        // reference there may work: only a decoded `auth` can never be expanded.
        for finding in credential_text_findings(name, text, false) {
            let expandable = auth.is_none() && finding.code == FindingCode::VariableReferenceInCredential;
            if finding.code != FindingCode::DollarInField && !expandable {
                push_finding(&mut ins.findings, finding, Some((index, key)));
            }
        }
    }
    if auth.is_some() {
        // `docs/failure-modes.md#a-token-field-next-to-auth`: the daemon authenticates with the token, not auth.
        let names: Vec<&str> = [("identitytoken", &entry.identity_token), ("registrytoken", &entry.registry_token)]
            .into_iter()
            .filter_map(|(name, token)| token.is_some().then_some(name))
            .collect();
        if !names.is_empty() {
            push(&mut ins.findings, FindingCode::TokenFieldOverridesAuth, Severity::Warning, at, &names.join(", "));
        }
    }
    // `docs/tokens.md#advice`: the same token advice as the generator's, on what the entry holds.
    let secret = entry.password.as_deref().or(entry.undivided_auth.as_deref()).unwrap_or_default();
    let username = entry.username.as_deref().unwrap_or_default();
    for finding in token_findings(username, secret) {
        push_finding(&mut ins.findings, finding, at);
    }
    // `docs/tokens.md`: the same username checks as the generator's.
    for finding in username_findings(username, secret, signs_in_with_docker_id(key)) {
        push_finding(&mut ins.findings, finding, at);
    }
    if auth.is_none() && entry.identity_token.is_none() {
        // `docs/containers-image.md#auth-files`: Buildah, Podman and Skopeo read only `auth` and
        // `identitytoken` of an entry, so these give them no credential.
        let present = |field: &Option<String>| field.as_deref().is_some_and(|t| !t.is_empty());
        let ignored: Vec<&str> =
            [("username", present(&literal_user)), ("password", present(&literal_pass)), ("registrytoken", entry.registry_token.is_some())]
                .into_iter()
                .filter_map(|(name, here)| here.then_some(name))
                .collect();
        if !ignored.is_empty() {
            push(&mut ins.findings, FindingCode::IgnoredByContainersImage, Severity::Warning, at, &ignored.join(", "));
        }
    }
    let has_token = entry.identity_token.is_some() || entry.registry_token.is_some();
    let has_user = entry.username.as_deref().is_some_and(|u| !u.is_empty());
    let has_pass = entry.password.as_deref().is_some_and(|p| !p.is_empty());
    let wrong_typed = ins.findings.get(first_finding..).unwrap_or_default().iter().any(|f| f.code == FindingCode::JsonWrongType);
    if auth.is_none() && !has_user && !has_pass && !has_token && !wrong_typed {
        // `docs/failure-modes.md#desktop-copy`: authenticates nothing, and shadows the job's own registry credentials.
        push(&mut ins.findings, FindingCode::EmptyEntry, Severity::Warning, at, "");
    } else if has_user && !has_pass && !has_token {
        push(&mut ins.findings, FindingCode::PasswordEmpty, Severity::Warning, at, "");
    }
    entry
}
