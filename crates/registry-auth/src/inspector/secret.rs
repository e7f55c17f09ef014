//! A whole Kubernetes Secret, JSON or YAML: its `.dockerconfigjson` (or `.dockercfg`) is
//! unwrapped and inspected (`docs/kubernetes.md#docker-registry-secrets`,
//! `docs/failure-modes.md#kubernetes-wrapping`), and what the kubelet and the API server think of
//! the Secret itself is checked: its type (`docs/kubernetes.md#the-secrets-type`) and base64
//! where the JSON belongs (`docs/kubernetes.md#base64-where-json-belongs`).

use super::json::Node;
use super::{entries, fixed_parts, json, push, push_finding, Inspection, SecretMeta};
use crate::config_builder::write_json;
use crate::findings::{Finding, FindingCode, Severity};
use crate::lenient_base64::{base64_of_json, base64_text};
use crate::snippets::{kubernetes_name, yaml_scalar};
use crate::yaml_scalar::{indent, key_value, quoted, scalar, strip_comment};

/// The two Secret types the kubelet reads pull credentials from, each with its one key
/// (`kubernetes/kubernetes` `pkg/credentialprovider/secrets/secrets.go`
/// `secretsToTrackedDockerConfigs`).
const DOCKER_TYPES: [(&str, &str); 2] =
    [("kubernetes.io/dockerconfigjson", ".dockerconfigjson"), ("kubernetes.io/dockercfg", ".dockercfg")];

/// What a Secret without `type` is (`ValidateSecret`: `""` and `Opaque` alike).
const OPAQUE: &str = "Opaque";

/// At most this many base64 layers are taken off a payload (a value encoded twice is one).
const MAX_LAYERS: usize = 3;

/// At most this many keys of a pasted Secret are looked at (a Secret has a handful).
const MAX_KEYS: usize = 64;

/// What was read from a pasted Secret.
#[derive(Default)]
pub(super) struct SecretRead {
    /// The key's text as the API server stores it: `stringData` as written, `data` base64-decoded
    /// once. `None` when no key with a config could be read.
    payload: Option<String>,
    /// The key it came from, and `data` or `stringData`.
    key: String,
    section: &'static str,
    /// The keys that hold a config: the two Docker keys, and any other whose text is one (a
    /// `config.json` given to `kubectl create secret generic --from-file` under its file name).
    keys: Vec<String>,
    /// `type` as written; `None` without one.
    kind: Option<String>,
    meta: SecretMeta,
}

/// One key of `data` or `stringData`, its text as written.
struct Found {
    key: String,
    section: &'static str,
    text: Option<String>,
}

impl Found {
    /// The text as stored: `data` is base64 of it.
    fn stored(&self) -> Option<String> {
        match self.section {
            "data" => self.text.as_deref().and_then(base64_text),
            _ => self.text.clone(),
        }
    }
}

impl SecretRead {
    /// The key the Secret's type wants first, else a Docker key, else another key holding a config.
    fn from_found(found: Vec<Found>, kind: Option<String>, meta: SecretMeta) -> Self {
        let wanted = DOCKER_TYPES.iter().find(|(t, _)| kind.as_deref().map(str::trim) == Some(*t)).map(|(_, k)| *k);
        let found: Vec<(Found, Option<String>)> = found
            .into_iter()
            .map(|f| {
                let stored = f.stored();
                (f, stored)
            })
            .filter(|(f, stored)| is_docker_key(&f.key) || stored.as_deref().is_some_and(holds_config))
            .collect();
        let chosen = found
            .iter()
            .position(|(f, _)| Some(f.key.as_str()) == wanted)
            .or_else(|| found.iter().position(|(f, _)| is_docker_key(&f.key)))
            .or((!found.is_empty()).then_some(0));
        let keys = found.iter().map(|(f, _)| f.key.clone()).collect();
        let mut read = SecretRead { keys, kind, meta, ..SecretRead::default() };
        if let Some((found, stored)) = chosen.and_then(|i| found.into_iter().nth(i)) {
            read.key = found.key;
            read.section = found.section;
            read.payload = stored;
        }
        read
    }
}

fn is_docker_key(key: &str) -> bool {
    DOCKER_TYPES.iter().any(|(_, k)| *k == key)
}

/// Whether a stored text is a Docker config (an object with `auths`), maybe under base64 layers.
fn holds_config(text: &str) -> bool {
    let mut text = text.to_owned();
    for _ in 0..MAX_LAYERS {
        match base64_of_json(&text) {
            Some(decoded) => text = decoded,
            None => break,
        }
    }
    serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&text)
        .is_ok_and(|m| m.keys().any(|k| k.eq_ignore_ascii_case("auths")))
}

/// The Secret in a JSON document, or `None` when it is not one.
pub(super) fn secret_json(root: &Node) -> Option<SecretRead> {
    let Node::Object(fields) = root else { return None };
    let is_secret = fields.iter().any(|(k, v)| k == "kind" && matches!(v, Node::Str(s) if s == "Secret"))
        || fields.iter().any(|(k, _)| k == "data" || k == "stringData") && !fields.iter().any(|(k, _)| k.eq_ignore_ascii_case("auths"));
    if !is_secret {
        return None;
    }
    let text_of = |fields: &[(String, Node)], name: &str| {
        fields.iter().rev().find(|(k, _)| k == name).and_then(|(_, v)| if let Node::Str(s) = v { Some(s.clone()) } else { None })
    };
    let mut found = Vec::new();
    for section in ["data", "stringData"] {
        let Some((_, Node::Object(items))) = fields.iter().find(|(k, _)| k == section) else { continue };
        for (key, value) in items.iter().take(MAX_KEYS) {
            let text = if let Node::Str(s) = value { Some(s.clone()) } else { None };
            found.push(Found { key: key.clone(), section, text });
        }
    }
    let meta = match fields.iter().find(|(k, _)| k == "metadata") {
        Some((_, Node::Object(m))) => SecretMeta { name: text_of(m, "name"), namespace: text_of(m, "namespace") },
        _ => SecretMeta::default(),
    };
    Some(SecretRead::from_found(found, text_of(fields, "type"), meta))
}

pub(super) fn looks_like_yaml_secret(text: &str) -> bool {
    text.contains(".dockerconfigjson")
        || text.contains(".dockercfg")
        || text.lines().any(|l| l.trim_start().starts_with("kind:") && l.contains("Secret"))
}

/// A Secret in YAML, read line by line: `type`, `metadata`, and each key of `data:` (base64) or
/// `stringData:` (the text itself) as a plain, quoted or block scalar. A Docker key is read
/// wherever it stands (a pasted fragment may have no `data:` line).
pub(super) fn yaml_secret(text: &str) -> SecretRead {
    let lines: Vec<&str> = text.lines().collect();
    let root = root_indent(&lines);
    let mut found = Vec::new();
    // The lines above, each less indented than the next: the last is a line's parent. One pass.
    let mut above: Vec<(usize, Option<&str>)> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if !is_content(&line) {
            continue;
        }
        let line_indent = indent(line);
        while above.last().is_some_and(|(i, _)| *i >= line_indent) {
            above.pop();
        }
        let parent = above.last().copied();
        let key_rest = key_value(line.trim_start());
        above.push((line_indent, key_rest.map(|(k, _)| k)));
        let Some((key, rest)) = key_rest else { continue };
        let parent_key = parent.and_then(|(_, k)| k);
        let section = if parent_key == Some("stringData") { "stringData" } else { "data" };
        let in_section = matches!(parent_key, Some("data" | "stringData")) && parent.is_some_and(|(i, _)| i == root);
        if (is_docker_key(key) || in_section) && found.len() < MAX_KEYS {
            found.push(Found { key: key.to_owned(), section, text: Some(yaml_value(&lines[index + 1..], line_indent, rest.trim())) });
        }
    }
    let (kind, meta) = yaml_top_level(&lines, root);
    SecretRead::from_found(found, kind, meta)
}

/// The scalar after `key:` (`rest`), with the lines below it that belong to it.
fn yaml_value(below: &[&str], line_indent: usize, rest: &str) -> String {
    let mut value = String::new();
    if rest.is_empty() || rest.starts_with(['|', '>']) {
        for next in below {
            let c = next.trim_start();
            if !c.is_empty() && indent(next) <= line_indent {
                break;
            }
            value.push_str(c);
            value.push('\n');
        }
    } else if rest.starts_with(['\'', '"']) {
        value = quoted(rest).unwrap_or_default();
    } else {
        value = rest.to_owned();
        // A plain scalar may go on over more-indented lines.
        for next in below {
            let c = next.trim_start();
            if c.is_empty() || indent(next) <= line_indent {
                break;
            }
            value.push_str(c);
        }
    }
    value
}

fn is_content(line: &&&str) -> bool {
    !line.trim().is_empty() && !line.trim_start().starts_with('#') && line.trim() != "---"
}

/// The indentation of the Secret's own keys: that of `kind:`, or the least one.
fn root_indent(lines: &[&str]) -> usize {
    lines
        .iter()
        .find(|l| l.trim_start().starts_with("kind:"))
        .or_else(|| lines.iter().filter(is_content).min_by_key(|l| indent(l)))
        .map_or(0, |l| indent(l))
}

/// `type` and `metadata.name`/`namespace` at the Secret's own indentation (`root`).
fn yaml_top_level(lines: &[&str], root: usize) -> (Option<String>, SecretMeta) {
    let (mut kind, mut meta) = (None, SecretMeta::default());
    let mut in_metadata = None::<usize>;
    for line in lines.iter().filter(is_content) {
        let line_indent = indent(line);
        let Some((key, value)) = key_value(strip_comment(line).trim()) else { continue };
        if line_indent == root {
            in_metadata = None;
            match key {
                "type" => kind = Some(scalar(value).unwrap_or_default()),
                "metadata" => in_metadata = Some(usize::MAX),
                _ => {}
            }
        } else if let Some(child) = in_metadata.as_mut().filter(|_| line_indent > root) {
            // Only metadata's own keys, not those of its labels or annotations.
            *child = (*child).min(line_indent);
            if line_indent == *child {
                match key {
                    "name" => meta.name = scalar(value),
                    "namespace" => meta.namespace = scalar(value),
                    _ => {}
                }
            }
        }
    }
    (kind, meta)
}

/// Checks a Secret and inspects what its Docker key holds.
pub(super) fn inspect_secret(read: SecretRead, ins: &mut Inspection) {
    push(&mut ins.findings, FindingCode::K8sWrapped, Severity::Warning, None, "");
    ins.secret = Some(read.meta.clone());
    let kind = read.kind.as_deref().map(str::trim).filter(|t| !t.is_empty()).unwrap_or(OPAQUE);
    let own_key = DOCKER_TYPES.iter().find(|(t, _)| *t == kind).map(|(_, k)| *k);
    match own_key {
        // `secretsToTrackedDockerConfigs` reads only the two Docker types; the API server checks
        // the JSON of those two only (`ValidateSecret`), so this one is stored and then skipped.
        None if !read.keys.is_empty() => push(&mut ins.findings, FindingCode::K8sSecretType, Severity::Warning, None, kind),
        // `ValidateSecret`: a Docker type requires its own key (`data[.dockerconfigjson]: Required value`).
        Some(own) if !read.keys.is_empty() && !read.keys.iter().any(|k| k == own) => {
            let finding = Finding::new(FindingCode::K8sSecretKeyMismatch, Severity::Error).subject(kind).detail(read.key.as_str());
            push_finding(&mut ins.findings, finding, None);
        }
        _ => {}
    }
    let Some(payload) = read.payload else {
        push(&mut ins.findings, FindingCode::K8sSecretUnreadable, Severity::Error, None, "");
        return;
    };
    let place = format!("{} → {}", read.section, read.key);
    let has_auths = inspect_payload(&payload, &place, ins);
    // A dockercfg Secret's JSON is the registries themselves: `auths` there is read as a registry
    // called "auths" (`credentialprovider.DockerConfig`), so no image matches it.
    if kind == DOCKER_TYPES[1].0 && read.key == DOCKER_TYPES[1].1 && has_auths {
        let finding = Finding::new(FindingCode::K8sSecretKeyMismatch, Severity::Warning).subject(kind).detail("auths");
        push_finding(&mut ins.findings, finding, None);
    }
}

/// Inspects a `.dockerconfigjson` text found at `place`, first taking off base64 layers where
/// the JSON belongs (`stringData` holding base64, `data` encoded twice): the API server refuses
/// those with Go's `invalid character 'e' looking for beginning of value`. Returns whether the
/// JSON is an object with a top-level `auths`.
pub(super) fn inspect_payload(text: &str, place: &str, ins: &mut Inspection) -> bool {
    let mut json_text = text.to_owned();
    let mut first = None;
    for _ in 0..MAX_LAYERS {
        let Some(decoded) = base64_of_json(&json_text) else { break };
        first.get_or_insert_with(|| json_text.trim_start().chars().next().unwrap_or_default());
        json_text = decoded;
    }
    if let Some(first) = first {
        // The detail is the character Go's error names.
        let finding = Finding::new(FindingCode::Base64InsteadOfJson, Severity::Error).subject(place).detail(first.to_string());
        push_finding(&mut ins.findings, finding, None);
    }
    let Some(root) = json::parse_json(&json_text, ins) else { return false };
    let has_auths = matches!(&root, Node::Object(fields) if fields.iter().any(|(k, _)| k.eq_ignore_ascii_case("auths")));
    entries::analyse_root(root, &json_text, ins);
    has_auths
}

/// The corrected pull Secret for a pasted Secret: type `kubernetes.io/dockerconfigjson`, and as
/// `.dockerconfigjson` the `auths` of the corrected value (the kubelet reads nothing else and runs
/// no credential helper: `docs/kubernetes.md#the-corrected-secret`), base64-encoded once under
/// `data`, as `kubectl create secret docker-registry --from-file` writes it. The name and
/// namespace are kept when they are valid names. `None` when no Secret was pasted or no `auths`
/// entry survived the fix.
pub fn fixed_secret(ins: &Inspection) -> Option<String> {
    use base64::Engine;
    let meta = ins.secret.as_ref()?;
    let parts = fixed_parts(ins)?;
    if parts.auths.is_empty() {
        return None;
    }
    let mut root = serde_json::Map::new();
    root.insert("auths".into(), serde_json::Value::Object(parts.auths));
    let data = base64::engine::general_purpose::STANDARD.encode(write_json(&serde_json::Value::Object(root), false));
    let name = kubernetes_name(meta.name.as_deref().unwrap_or_default(), "regcred");
    let namespace = meta
        .namespace
        .as_deref()
        .map(|n| kubernetes_name(n, ""))
        .filter(|n| !n.is_empty())
        .map(|n| format!("  namespace: {}\n", yaml_scalar(&n)))
        .unwrap_or_default();
    Some(format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {}\n{namespace}type: {}\ndata:\n  {}: {data}\n",
        yaml_scalar(&name),
        DOCKER_TYPES[0].0,
        DOCKER_TYPES[0].1
    ))
}
