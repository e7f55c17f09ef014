//! Inspector: reads any pasted registry config and says what is wrong with it.
//!
//! Accepted input: a `DOCKER_AUTH_CONFIG` value or `~/.docker/config.json` (containers'
//! `auth.json` has the same format), a legacy `.dockercfg` (no `auths` wrapper), a Kubernetes
//! `.dockerconfigjson` value (base64 of the JSON), or a whole `kubernetes.io/dockerconfigjson`
//! (or `dockercfg`) Secret in YAML or JSON.
//!
//! The checks follow registry-auth-semantics.md: §1.3 (how the runner parses the value: Go's
//! `encoding/json`, first value only, field names case-insensitive, any error drops every
//! credential of the value), §1.4 (key normalisation), §2 (`decodeAuth`, the CLI's keys, store
//! precedence, the strict 28.3 parser), §3 (masking) and the failure modes of §7 (`#n` below).
//!
//! Never panics, on any input: JSON nesting is capped by serde_json's recursion limit (128),
//! every slice is taken at a checked char boundary, and the number of findings is capped.
//!
//! ```
//! use auth_config_builder::inspector::{inspect, fixed_config, ConfigFormat};
//! let ins = inspect(r#"{"auths":{"index.docker.io":{"auth":"bWU6dG9rCg=="}}}"#);
//! assert_eq!(ins.format, ConfigFormat::DockerConfig);
//! let codes: Vec<_> = ins.findings.iter().map(|f| f.code).collect();
//! assert!(codes.contains(&"hub-key-never-matches") && codes.contains(&"whitespace-in-field"));
//! assert_eq!(fixed_config(&ins).unwrap(), r#"{"auths":{"https://index.docker.io/v1/":{"auth":"bWU6dG9r"}}}"#);
//! ```

use std::collections::BTreeMap;
use std::fmt;

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::auth_encoding::encode_auth;
use crate::config_builder::{helper_name_problem, write_json, DESKTOP_ONLY_HELPERS};
use crate::findings::{sort_findings, Finding, Severity};
use crate::gitlab_variable::VariableAdvice;
use crate::registry_key::{normalise_registry, DOCKER_HUB_KEY};
use crate::resolver::{runner_registry_path, strip_http_scheme};
use crate::setup::{RegistryEntry, Setup};

/// At most this many findings are returned; the rest are counted in `findings-truncated`.
pub const MAX_FINDINGS: usize = 200;

/// Every code `inspect` can emit, for the catalogue completeness test. Codes shared with the
/// generator (`config_builder::CODES`) mean the same thing and reuse its texts.
pub const CODES: &[&str] = &[
    "input-empty",
    "json-invalid",
    "json-raw-newline",
    "json-invalid-escape",
    "json-lone-surrogate",
    "json-too-deep",
    "json-trailing-text",
    "json-not-object",
    "json-wrong-type",
    "json-duplicate-key",
    "legacy-format",
    "k8s-wrapped",
    "k8s-secret-unreadable",
    "bare-auth-string",
    "no-credentials",
    "auth-wrapped",
    "auth-base64-url-safe",
    "auth-base64-unpadded",
    "auth-base64-spaces",
    "auth-base64-invalid",
    "auth-not-utf8",
    "auth-no-colon",
    "auth-empty-username",
    "auth-fields-disagree",
    "whitespace-in-field",
    "dollar-in-field",
    "username-colon",
    "password-empty",
    "empty-entry",
    "desktop-copy",
    "hub-key-never-matches",
    "hub-key-cli-mismatch",
    "key-api-path",
    "key-namespaced",
    "key-scheme-or-path",
    "key-upper-case",
    "key-invalid",
    "key-variable",
    "duplicate-registry",
    "helper-empty",
    "helper-name-invalid",
    "desktop-only-store",
    "helper-needs-install",
    "creds-store-docker-hub",
    "creds-store-shadows-auths",
    "ecr-aws-region",
    "strict-cli-rejects",
    "strict-cli-missing-auth",
    "mask-needs-raw",
    "not-maskable",
    "value-too-long",
    "findings-truncated",
];

/// What was pasted. Each has a `format.<code>` text in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ConfigFormat {
    /// `DOCKER_AUTH_CONFIG`, `~/.docker/config.json` or containers' `auth.json`: one format,
    /// nothing in the value tells them apart.
    DockerConfig,
    /// `~/.dockercfg`: registry keys at the top level, no `auths` wrapper.
    LegacyDockercfg,
    /// The `.dockerconfigjson` value of a Secret: base64 of the JSON.
    KubernetesDockerconfigjsonBase64,
    KubernetesSecretYaml,
    KubernetesSecretJson,
    /// Empty, or nothing recognisable.
    #[default]
    Unknown,
}

impl ConfigFormat {
    /// Stable code; the catalogue key is `format.<code>`.
    pub fn code(self) -> &'static str {
        match self {
            ConfigFormat::DockerConfig => "docker-config",
            ConfigFormat::LegacyDockercfg => "legacy-dockercfg",
            ConfigFormat::KubernetesDockerconfigjsonBase64 => "k8s-dockerconfigjson-base64",
            ConfigFormat::KubernetesSecretYaml => "k8s-secret-yaml",
            ConfigFormat::KubernetesSecretJson => "k8s-secret-json",
            ConfigFormat::Unknown => "unknown",
        }
    }

    pub const ALL: [ConfigFormat; 6] = [
        ConfigFormat::DockerConfig,
        ConfigFormat::LegacyDockercfg,
        ConfigFormat::KubernetesDockerconfigjsonBase64,
        ConfigFormat::KubernetesSecretYaml,
        ConfigFormat::KubernetesSecretJson,
        ConfigFormat::Unknown,
    ];
}

/// One registry of the pasted config, decoded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InspectedEntry {
    /// The key as written.
    pub key: String,
    /// The path GitLab Runner matches images against (§1.4 `convertToRegistryPath`).
    pub normalised_runner: String,
    /// The key the corrected config writes (`normalise_registry`, namespace kept), or the key
    /// as written when it cannot be normalised.
    pub fixed_key: String,
    /// From `auth` when it decodes, else the literal `username` field.
    pub username: Option<String>,
    /// From `auth` when it decodes, else the literal `password` field. Show it masked.
    pub password: Option<String>,
    /// The decoded `auth` text when it has no `:` (probably a bare token).
    pub undivided_auth: Option<String>,
    pub identity_token: Option<String>,
    pub registry_token: Option<String>,
    /// The fields of the entry, as written, in order.
    pub fields: Vec<String>,
    /// The `credHelpers` helper for this key, if any.
    pub helper: Option<String>,
    /// Whether the key is in `auths` (false: only in `credHelpers`).
    pub in_auths: bool,
}

/// Everything the inspector found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Inspection {
    pub format: ConfigFormat,
    /// `auths` entries in document order, then keys found only in `credHelpers`.
    pub entries: Vec<InspectedEntry>,
    pub creds_store: Option<String>,
    /// `credHelpers` as written: (registry key, helper).
    pub cred_helpers: Vec<(String, String)>,
    /// Sorted (errors first), at most [`MAX_FINDINGS`].
    pub findings: Vec<Finding>,
    /// 1-based (line, column in characters) of the first JSON error. For a Kubernetes Secret
    /// or base64 value it points into the decoded JSON.
    pub json_error: Option<(usize, usize)>,
    /// Whether a config was read, possibly after repairing raw newlines or lone surrogates;
    /// `fixed_config` and `to_setup` need it.
    pub readable: bool,
}

/// Inspects whatever was pasted. Never panics.
pub fn inspect(text: &str) -> Inspection {
    let mut ins = Inspection::default();
    let trimmed = text.trim();
    if trimmed.is_empty() {
        push(&mut ins.findings, "input-empty", Severity::Info, None, "");
        return ins;
    }
    if trimmed.starts_with(['{', '[']) {
        ins.format = ConfigFormat::DockerConfig;
        if let Some(root) = parse_json(text, &mut ins) {
            match secret_json_payload(&root) {
                Some(payload) => {
                    ins.format = ConfigFormat::KubernetesSecretJson;
                    inspect_payload(payload, &mut ins);
                }
                None => {
                    analyse_root(root, &mut ins);
                    check_value_text(trimmed, &mut ins);
                }
            }
        }
    } else if looks_like_yaml_secret(trimmed) {
        ins.format = ConfigFormat::KubernetesSecretYaml;
        inspect_payload(yaml_secret_payload(trimmed), &mut ins);
    } else if let Some(decoded) = looks_like_base64(trimmed).then(|| decode_lenient(trimmed)).flatten() {
        inspect_base64_text(&decoded, trimmed, &mut ins);
    } else if let Some(root) = parse_json(text, &mut ins) {
        // A bare JSON string or number: not a config.
        analyse_root(root, &mut ins);
    }
    finish(&mut ins);
    ins
}

/// The corrected value: minified, keys normalised (namespace kept), every `auth` re-encoded
/// from the decoded user and password with surrounding whitespace and line breaks removed,
/// literal `username`/`password`/`email` folded away, `credHelpers` and `credsStore` kept
/// unless the runner cannot use them (desktop-only stores, names with a path separator).
///
/// Entries that cannot be repaired (no `:` in `auth`, empty user, undecodable base64 and no
/// literal fields) and empty `{}` entries are left out: any one of them would make GitLab
/// Runner drop the whole value (§1.3). Keys that normalise to the same key keep the first in
/// sorted order, the one the runner uses (§1.4). `None` when nothing could be read.
pub fn fixed_config(ins: &Inspection) -> Option<String> {
    if !ins.readable {
        return None;
    }
    let mut auths = Map::new();
    let mut helpers = Map::new();
    // Sorted key order (a map rather than a sort: one generic instantiation less in the wasm).
    let order = index_by_key(ins.entries.iter().map(|e| e.key.as_str()));
    for entry in order.values().map(|&i| &ins.entries[i]) {
        if let Some(helper) = entry.helper.as_deref().filter(|h| helper_usable(h)) {
            if !helpers.contains_key(&entry.fixed_key) {
                helpers.insert(entry.fixed_key.clone(), Value::String(helper.to_owned()));
            }
        }
        if !entry.in_auths || auths.contains_key(&entry.fixed_key) {
            continue;
        }
        if let Some(fields) = fixed_auth_fields(entry) {
            auths.insert(entry.fixed_key.clone(), Value::Object(fields));
        }
    }
    let mut root = Map::new();
    root.insert("auths".into(), Value::Object(auths));
    if !helpers.is_empty() {
        root.insert("credHelpers".into(), Value::Object(helpers));
    }
    if let Some(store) = ins.creds_store.as_deref().filter(|s| helper_usable(s)) {
        root.insert("credsStore".into(), Value::String(store.to_owned()));
    }
    Some(write_json(&Value::Object(root), false))
}

/// The fields the corrected config writes for one `auths` entry.
fn fixed_auth_fields(entry: &InspectedEntry) -> Option<Map<String, Value>> {
    let mut fields = Map::new();
    if let (Some(user), Some(pass)) = (&entry.username, &entry.password) {
        if let Ok(auth) = encode_auth(trim_field(user), trim_field(pass)) {
            fields.insert("auth".into(), Value::String(auth));
        }
    }
    for (name, token) in [("identitytoken", &entry.identity_token), ("registrytoken", &entry.registry_token)] {
        if let Some(token) = token.as_deref().filter(|t| !t.is_empty()) {
            fields.insert(name.into(), Value::String(token.to_owned()));
        }
    }
    (!fields.is_empty()).then_some(fields)
}

/// Surrounding whitespace, line breaks included, removed (§7 #1: the `echo` without `-n` bug).
fn trim_field(text: &str) -> &str {
    text.trim()
}

fn helper_usable(name: &str) -> bool {
    helper_name_problem(name).is_none() && !DESKTOP_ONLY_HELPERS.contains(&name)
}

/// The entries as generator input, secrets included (for "edit in generator"; kept in memory
/// only). Values are loaded as decoded, so the generator's own checks show what is wrong.
/// A key in `credHelpers` becomes a helper entry (the helper wins, §1.5 and §2); an `auth`
/// without `:` is loaded as the token with an empty username.
pub fn to_setup(ins: &Inspection) -> Setup {
    let mut setup = Setup::default();
    if !ins.readable {
        return setup;
    }
    for entry in &ins.entries {
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

/// A key without scheme whose runner path keeps a namespace (not `/v1/`, `/v2/`, not Hub).
fn is_namespaced_key(key: &str) -> bool {
    if strip_http_scheme(key).is_some() {
        return false;
    }
    let path = runner_registry_path(key);
    match path.split_once('/') {
        Some((host, rest)) => !matches!(rest.split('/').next(), Some("v1" | "v2" | "")) && !is_hub_host(bare_host(host)),
        None => false,
    }
}

// ---------------------------------------------------------------------------------------------
// JSON: a tree that keeps key order and duplicates, so the checks see what Go would.

/// A JSON value. Numbers and booleans keep only their kind: no field of a config holds one.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Null,
    Bool,
    Number,
    Str(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool => "boolean",
            Node::Number => "number",
            Node::Str(_) => "string",
            Node::Array(_) => "array",
            Node::Object(_) => "object",
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Bool)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Number)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Number)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Number)
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(entry) = map.next_entry::<String, Node>()? {
            items.push(entry);
        }
        Ok(Node::Object(items))
    }
}

/// Why the JSON could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsonProblem {
    RawNewline,
    InvalidEscape,
    LoneSurrogate,
    TooDeep,
    Other,
}

/// Reads the first JSON value of `text` the way Go's decoder does (§1.3): trailing text is
/// ignored but reported (§7 #18). A raw line break inside a string (§7 #2) and lone surrogate
/// escapes are reported, then repaired (Go's decoder turns a lone surrogate into U+FFFD) so
/// the rest can still be inspected.
fn parse_json(text: &str, ins: &mut Inspection) -> Option<Node> {
    match parse_first(text) {
        Ok((node, end)) => {
            note_trailing(text, end, ins);
            ins.readable = true;
            Some(node)
        }
        Err(err) => {
            let (problem, offset) = classify(text, &err);
            let (line, column) = position_of(text, offset);
            if problem != JsonProblem::LoneSurrogate {
                // Go's decoder accepts lone surrogates (as U+FFFD): not an error for the runner.
                ins.json_error = Some((line, column));
            }
            let code = match problem {
                JsonProblem::RawNewline => "json-raw-newline",
                JsonProblem::InvalidEscape => "json-invalid-escape",
                JsonProblem::LoneSurrogate => "json-lone-surrogate",
                JsonProblem::TooDeep => "json-too-deep",
                JsonProblem::Other => "json-invalid",
            };
            let severity = if problem == JsonProblem::LoneSurrogate { Severity::Warning } else { Severity::Error };
            push(&mut ins.findings, code, severity, None, &format!("{line}:{column}"));
            if !matches!(problem, JsonProblem::RawNewline | JsonProblem::LoneSurrogate) {
                return None;
            }
            let (repaired, problems) = repair_strings(text);
            // Report the other kind too when both occur.
            for (kind, offset) in problems {
                if kind != problem {
                    let (l, c) = position_of(text, offset);
                    let (code, severity) = match kind {
                        JsonProblem::RawNewline => {
                            ins.json_error.get_or_insert((l, c));
                            ("json-raw-newline", Severity::Error)
                        }
                        _ => ("json-lone-surrogate", Severity::Warning),
                    };
                    if !ins.findings.iter().any(|f| f.code == code) {
                        push(&mut ins.findings, code, severity, None, &format!("{l}:{c}"));
                    }
                }
            }
            match parse_first(&repaired) {
                Ok((node, end)) => {
                    note_trailing(&repaired, end, ins);
                    ins.readable = true;
                    Some(node)
                }
                Err(_) => None,
            }
        }
    }
}

fn parse_first(text: &str) -> Result<(Node, usize), serde_json::Error> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Node>();
    match stream.next() {
        Some(Ok(node)) => Ok((node, stream.byte_offset())),
        Some(Err(err)) => Err(err),
        // Only whitespace: the same error an empty document gives.
        None => serde_json::from_str::<Node>(text).map(|n| (n, text.len())),
    }
}

fn note_trailing(text: &str, end: usize, ins: &mut Inspection) {
    let rest = text.get(end..).unwrap_or_default();
    let skipped = rest.len() - rest.trim_start().len();
    if !rest.trim().is_empty() {
        let (line, column) = position_of(text, end + skipped);
        push(&mut ins.findings, "json-trailing-text", Severity::Warning, None, &format!("{line}:{column}"));
    }
}

/// The kind of a serde_json error and the byte offset of the offending character.
fn classify(text: &str, err: &serde_json::Error) -> (JsonProblem, usize) {
    let offset = offset_of(text, err.line(), err.column());
    let message = err.to_string();
    if message.starts_with("control character") {
        // serde_json points just past the control character.
        let at = offset.saturating_sub(1);
        let byte = text.as_bytes().get(at).copied();
        let problem = if matches!(byte, Some(b'\n' | b'\r')) { JsonProblem::RawNewline } else { JsonProblem::Other };
        return (problem, at);
    }
    let problem = if message.starts_with("recursion limit") {
        JsonProblem::TooDeep
    } else if message.contains("surrogate") || message.starts_with("unexpected end of hex escape") {
        JsonProblem::LoneSurrogate
    } else if message.starts_with("invalid escape") || message.starts_with("invalid unicode code point") {
        JsonProblem::InvalidEscape
    } else {
        JsonProblem::Other
    };
    (problem, offset.saturating_sub(1))
}

/// serde_json's (line, column) to a byte offset (column counts bytes from the line start).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    if line > 1 {
        match text.match_indices('\n').nth(line - 2) {
            Some((i, _)) => start = i + 1,
            None => return text.len(),
        }
    }
    (start + column).min(text.len())
}

/// 1-based (line, column in characters) of a byte offset.
fn position_of(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Removes raw CR/LF inside strings and replaces lone surrogate escapes by `\ufffd`.
/// Returns the repaired text and the first offset of each kind of problem.
fn repair_strings(text: &str) -> (String, Vec<(JsonProblem, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut problems: Vec<(JsonProblem, usize)> = Vec::new();
    let note = |kind: JsonProblem, at: usize, problems: &mut Vec<(JsonProblem, usize)>| {
        if !problems.iter().any(|(k, _)| *k == kind) {
            problems.push((kind, at));
        }
    };
    let mut in_string = false;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if !in_string {
            in_string = c == '"';
            out.push(c);
            continue;
        }
        match c {
            '"' => {
                in_string = false;
                out.push(c);
            }
            '\n' | '\r' => note(JsonProblem::RawNewline, i, &mut problems),
            '\\' => match chars.next() {
                Some((_, 'u')) => match hex4(text, i + 2) {
                    Some(high) if (0xD800..0xDC00).contains(&high) => {
                        let low = text.get(i + 6..i + 8).filter(|s| *s == "\\u").and_then(|_| hex4(text, i + 8));
                        for _ in 0..4 {
                            chars.next();
                        }
                        match low {
                            Some(low) if (0xDC00..0xE000).contains(&low) => {
                                for _ in 0..6 {
                                    chars.next();
                                }
                                out.push_str(&text[i..i + 12]);
                            }
                            _ => {
                                note(JsonProblem::LoneSurrogate, i, &mut problems);
                                out.push_str("\\ufffd");
                            }
                        }
                    }
                    Some(low) if (0xDC00..0xE000).contains(&low) => {
                        for _ in 0..4 {
                            chars.next();
                        }
                        note(JsonProblem::LoneSurrogate, i, &mut problems);
                        out.push_str("\\ufffd");
                    }
                    _ => out.push_str("\\u"),
                },
                Some((_, other)) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            _ => out.push(c),
        }
    }
    (out, problems)
}

/// Four hex digits at `at`, as Go's `\u` escape reads them.
fn hex4(text: &str, at: usize) -> Option<u32> {
    let digits = text.get(at..at + 4)?;
    if digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        u32::from_str_radix(digits, 16).ok()
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Kubernetes Secrets and base64 values (§7 #17).

/// The payload of a Secret: the JSON text, or why it could not be had.
enum Payload {
    Json(String),
    Unreadable,
}

/// `data` / `stringData` `.dockerconfigjson` (or `.dockercfg`) of a Secret given as JSON.
fn secret_json_payload(root: &Node) -> Option<Payload> {
    let Node::Object(fields) = root else { return None };
    let is_secret = fields.iter().any(|(k, v)| k == "kind" && matches!(v, Node::Str(s) if s == "Secret"))
        || fields.iter().any(|(k, _)| k == "data" || k == "stringData") && !fields.iter().any(|(k, _)| k.eq_ignore_ascii_case("auths"));
    if !is_secret {
        return None;
    }
    for (section, encoded) in [("data", true), ("stringData", false)] {
        let Some((_, Node::Object(items))) = fields.iter().find(|(k, _)| k == section) else { continue };
        for (key, value) in items {
            if key != ".dockerconfigjson" && key != ".dockercfg" {
                continue;
            }
            let Node::Str(text) = value else { return Some(Payload::Unreadable) };
            return Some(if encoded { base64_text(text).map_or(Payload::Unreadable, Payload::Json) } else { Payload::Json(text.clone()) });
        }
    }
    Some(Payload::Unreadable)
}

fn looks_like_yaml_secret(text: &str) -> bool {
    text.contains(".dockerconfigjson")
        || text.contains(".dockercfg")
        || text.lines().any(|l| l.trim_start().starts_with("kind:") && l.contains("Secret"))
}

/// The `.dockerconfigjson` of a Secret in YAML, read line by line: plain, quoted or block
/// scalars, under `data:` (base64) or `stringData:` (the JSON itself).
fn yaml_secret_payload(text: &str) -> Payload {
    let lines: Vec<&str> = text.lines().collect();
    for (index, line) in lines.iter().enumerate() {
        let content = line.trim_start();
        let indent = line.len() - content.len();
        let rest = [".dockerconfigjson", "\".dockerconfigjson\"", "'.dockerconfigjson'", ".dockercfg", "\".dockercfg\"", "'.dockercfg'"]
            .iter()
            .find_map(|k| content.strip_prefix(k).and_then(|r| r.trim_start().strip_prefix(':')));
        let Some(rest) = rest else { continue };
        // data: or stringData: is the nearest less-indented key above.
        let encoded = lines[..index]
            .iter()
            .rev()
            .find(|l| {
                let c = l.trim_start();
                !c.is_empty() && l.len() - c.len() < indent
            })
            .is_none_or(|l| !l.trim_start().starts_with("stringData"));
        let rest = rest.trim();
        let mut value = String::new();
        let block = rest.is_empty() || rest.starts_with(['|', '>']);
        if block {
            for next in &lines[index + 1..] {
                let c = next.trim_start();
                if !c.is_empty() && next.len() - c.len() <= indent {
                    break;
                }
                value.push_str(c);
                value.push('\n');
            }
        } else if let Some(inner) = rest.strip_prefix('\'') {
            value = inner.strip_suffix('\'').unwrap_or(inner).replace("''", "'");
        } else if let Some(inner) = rest.strip_prefix('"') {
            value = unescape_yaml_double(inner.strip_suffix('"').unwrap_or(inner));
        } else {
            value = rest.to_owned();
            // A plain scalar may go on over more-indented lines.
            for next in &lines[index + 1..] {
                let c = next.trim_start();
                if c.is_empty() || next.len() - c.len() <= indent {
                    break;
                }
                value.push_str(c);
            }
        }
        return if encoded { base64_text(&value).map_or(Payload::Unreadable, Payload::Json) } else { Payload::Json(value) };
    }
    Payload::Unreadable
}

fn unescape_yaml_double(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// Base64 (whitespace ignored) to UTF-8 text.
fn base64_text(text: &str) -> Option<String> {
    String::from_utf8(decode_lenient(text)?).ok()
}

fn looks_like_base64(text: &str) -> bool {
    text.len() >= 4
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_') || b.is_ascii_whitespace())
}

/// Decodes standard or URL-safe base64, padded or not, whitespace ignored.
fn decode_lenient(text: &str) -> Option<Vec<u8>> {
    const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    let mut compact = text.as_bytes().to_vec();
    compact.retain(|b| !b.is_ascii_whitespace());
    let standard = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
    let url_safe = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);
    standard.decode(&compact).or_else(|_| url_safe.decode(&compact)).ok()
}

fn inspect_payload(payload: Payload, ins: &mut Inspection) {
    push(&mut ins.findings, "k8s-wrapped", Severity::Warning, None, "");
    match payload {
        Payload::Json(json) => {
            if let Some(root) = parse_json(&json, ins) {
                analyse_root(root, ins);
            }
        }
        Payload::Unreadable => push(&mut ins.findings, "k8s-secret-unreadable", Severity::Error, None, ""),
    }
}

/// A pasted base64 text: a `.dockerconfigjson` value, or a bare `auth` string.
fn inspect_base64_text(decoded: &[u8], trimmed: &str, ins: &mut Inspection) {
    let text = String::from_utf8_lossy(decoded);
    if text.trim_start().starts_with('{') {
        ins.format = ConfigFormat::KubernetesDockerconfigjsonBase64;
        inspect_payload(Payload::Json(text.into_owned()), ins);
    } else if let Some((user, _)) = text.split_once(':').filter(|(u, _)| !u.is_empty() && !u.contains(char::is_control)) {
        push(&mut ins.findings, "bare-auth-string", Severity::Info, None, user);
    } else if let Some(root) = parse_json(trimmed, ins) {
        analyse_root(root, ins);
    }
}

// ---------------------------------------------------------------------------------------------
// The config itself.

/// Records one finding; `at` is the entry index and key it concerns. One out-of-line function
/// for every call site keeps the builder code out of each of them (wasm size).
#[inline(never)]
fn push(findings: &mut Vec<Finding>, code: &'static str, severity: Severity, at: Option<(usize, &str)>, subject: &str) {
    let mut finding = Finding::new(code, severity);
    if let Some((index, key)) = at {
        finding.entry = Some(index);
        finding.key = Some(key.to_owned());
    }
    finding.subject = subject.to_owned();
    findings.push(finding);
}

/// Case-insensitive field lookup preferring an exact match, as Go's `encoding/json` (§1.3).
fn field<'a>(fields: &[&'a (String, Node)], name: &str) -> Option<&'a Node> {
    let exact = fields.iter().rev().find(|(k, _)| k == name);
    exact.or_else(|| fields.iter().rev().find(|(k, _)| k.eq_ignore_ascii_case(name))).map(|(_, v)| v)
}

/// Each key → the index of its last occurrence. Built by inserts rather than `collect`, which
/// would add a sort instantiation per map type to the wasm bundle.
pub(crate) fn index_by_key<'a>(keys: impl Iterator<Item = &'a str>) -> BTreeMap<&'a str, usize> {
    let mut map = BTreeMap::new();
    for (index, key) in keys.enumerate() {
        map.insert(key, index);
    }
    map
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
        let mut finding = Finding::new("json-duplicate-key", Severity::Warning);
        finding.subject = subject;
        if entry_keys {
            finding.key = Some(k.clone());
        }
        ins.findings.push(finding);
    }
    items.iter().zip(&repeated).filter(|(_, r)| !**r).map(|(item, _)| item).collect()
}

fn wrong_type(path: String, ins: &mut Inspection) {
    push(&mut ins.findings, "json-wrong-type", Severity::Error, None, &path);
}

/// Entry fields GitLab Runner reads (`types.AuthConfig`, §1.3); a wrong type in any of them
/// fails the whole decode.
const ENTRY_FIELDS: [&str; 6] = ["auth", "username", "password", "identitytoken", "registrytoken", "serveraddress"];

/// At most this many field names are listed in `strict-cli-rejects`.
const MAX_STRICT_NAMES: usize = 8;

/// Field names the docker CLI ≥ 28.3 strict parser rejects (§2), in order, capped.
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

fn analyse_root(root: Node, ins: &mut Inspection) {
    let Node::Object(all_items) = root else {
        if ins.format == ConfigFormat::DockerConfig {
            ins.format = ConfigFormat::Unknown;
        }
        push(&mut ins.findings, "json-not-object", Severity::Error, None, root.kind());
        return;
    };
    let items = dedup_keys(&all_items, &[], false, ins);
    let auths = field(&items, "auths");
    let store = field(&items, "credsStore");
    let helpers = field(&items, "credHelpers");
    let mut strict = StrictRejects::default();
    for (key, _) in &items {
        // §2: the strict parser knows only `auths` (case-insensitively, as Go matches fields).
        if !key.eq_ignore_ascii_case("auths") {
            strict.add(key);
        }
    }
    let mut auth_items: Vec<&(String, Node)> = Vec::new();
    if auths.is_none() && store.is_none() && helpers.is_none() && items.iter().any(|(_, v)| is_legacy_entry(v)) {
        // §1.3: LoadFromReader reads only `auths`; a legacy file gives the runner nothing.
        if ins.format == ConfigFormat::DockerConfig {
            ins.format = ConfigFormat::LegacyDockercfg;
        }
        push(&mut ins.findings, "legacy-format", Severity::Error, None, "");
        auth_items = items.iter().copied().filter(|(_, v)| matches!(v, Node::Object(_) | Node::Null)).collect();
    } else {
        match auths {
            Some(Node::Object(a)) => auth_items = dedup_keys(a, &["auths"], true, ins),
            Some(Node::Null) | None => {}
            Some(other) => wrong_type(format!("auths ({})", other.kind()), ins),
        }
    }
    match store {
        Some(Node::Str(s)) if !s.is_empty() => ins.creds_store = Some(s.clone()),
        Some(Node::Str(_) | Node::Null) | None => {}
        Some(other) => wrong_type(format!("credsStore ({})", other.kind()), ins),
    }
    match helpers {
        Some(Node::Object(h)) => {
            for (key, value) in dedup_keys(h, &["credHelpers"], true, ins) {
                match value {
                    Node::Str(name) => ins.cred_helpers.push((key.clone(), name.clone())),
                    // Go leaves "" for null, which the runner then refuses (§1.3).
                    Node::Null => ins.cred_helpers.push((key.clone(), String::new())),
                    other => wrong_type(format!("credHelpers → {key} ({})", other.kind()), ins),
                }
            }
        }
        Some(Node::Null) | None => {}
        Some(other) => wrong_type(format!("credHelpers ({})", other.kind()), ins),
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
                normalised_runner: runner_registry_path(&key),
                key,
                helper: Some(helper),
                ..InspectedEntry::default()
            }),
        }
    }
    for index in 0..ins.entries.len() {
        check_key(index, ins);
    }
    check_duplicates(ins);
    check_helpers(ins);
    if !strict.0.is_empty() {
        // §2 / §7 #12: docker CLI ≥ 28.3 accepts only {"auths":{"<key>":{"auth":"…"}}} in the env var.
        push(&mut ins.findings, "strict-cli-rejects", Severity::Warning, None, &strict.subject());
    }
    if ins.entries.is_empty() && ins.creds_store.is_none() {
        push(&mut ins.findings, "no-credentials", Severity::Warning, None, "");
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
    let mut entry =
        InspectedEntry { key: key.to_owned(), normalised_runner: runner_registry_path(key), in_auths: true, ..InspectedEntry::default() };
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

    match &auth {
        Some(auth) => {
            // §1.3: a non-empty auth is decoded and overwrites username/password.
            if let Some(bytes) = decode_auth_checked(auth, at, ins) {
                let bytes = trim_nul(&bytes);
                let text = match std::str::from_utf8(bytes) {
                    Ok(t) => t.to_owned(),
                    Err(_) => {
                        push(&mut ins.findings, "auth-not-utf8", Severity::Warning, at, "");
                        String::from_utf8_lossy(bytes).into_owned()
                    }
                };
                match text.split_once(':') {
                    None => {
                        // §2 / §7 #4: `invalid auth configuration file`, the whole value dropped.
                        push(&mut ins.findings, "auth-no-colon", Severity::Error, at, "");
                        entry.undivided_auth = Some(text.clone());
                    }
                    Some((user, pass)) => {
                        if user.is_empty() {
                            push(&mut ins.findings, "auth-empty-username", Severity::Error, at, "");
                        }
                        entry.username = Some(user.to_owned());
                        entry.password = Some(pass.to_owned());
                        let differs =
                            |literal: &Option<String>, decoded: &str| literal.as_deref().is_some_and(|l| !l.is_empty() && l != decoded);
                        if differs(&literal_user, user) || differs(&literal_pass, pass) {
                            push(&mut ins.findings, "auth-fields-disagree", Severity::Warning, at, "");
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
        None => {
            // §2: the strict parser also needs `auth` in every entry.
            push(&mut ins.findings, "strict-cli-missing-auth", Severity::Warning, at, "");
            entry.username = literal_user.clone();
            entry.password = literal_pass.clone();
            // §7 #9: literal fields are expanded by GitLab unless the variable is raw.
            for (name, text) in [("username", &literal_user), ("password", &literal_pass)] {
                if text.as_deref().is_some_and(|t| t.contains('$')) {
                    push(&mut ins.findings, "dollar-in-field", Severity::Warning, Some((index, key)), name);
                }
            }
            if literal_user.as_deref().is_some_and(|u| u.contains(':')) {
                push(&mut ins.findings, "username-colon", Severity::Error, at, "");
            }
        }
    }
    // §7 #1: a newline or surrounding whitespace in the decoded user or password.
    for (name, text) in [("username", &entry.username), ("password", &entry.password)] {
        if text.as_deref().is_some_and(|t| has_line_break(t) || t.trim() != t) {
            push(&mut ins.findings, "whitespace-in-field", Severity::Error, Some((index, key)), name);
        }
    }
    let has_token = entry.identity_token.is_some() || entry.registry_token.is_some();
    let has_user = entry.username.as_deref().is_some_and(|u| !u.is_empty());
    let has_pass = entry.password.as_deref().is_some_and(|p| !p.is_empty());
    let wrong_typed = ins.findings.get(first_finding..).unwrap_or_default().iter().any(|f| f.code == "json-wrong-type");
    if auth.is_none() && !has_user && !has_pass && !has_token && !wrong_typed {
        // §7 #10: authenticates nothing, and shadows the job's own registry credentials.
        push(&mut ins.findings, "empty-entry", Severity::Warning, at, "");
    } else if has_user && !has_pass && !has_token {
        push(&mut ins.findings, "password-empty", Severity::Warning, at, "");
    }
    entry
}

/// Decodes `auth` as the docker CLI does (§2: standard alphabet, padding required, `\r`/`\n`
/// skipped), reporting each deviation (§7 #2, #3) and still decoding what can be repaired.
fn decode_auth_checked(auth: &str, at: Option<(usize, &str)>, ins: &mut Inspection) -> Option<Vec<u8>> {
    if !has_line_break(auth) {
        if let Ok(bytes) = STANDARD.decode(auth.as_bytes()) {
            return Some(bytes);
        }
    }
    let mut candidate: String = auth.chars().filter(|c| *c != '\n' && *c != '\r').collect();
    if candidate.len() != auth.len() {
        push(&mut ins.findings, "auth-wrapped", Severity::Warning, at, "");
        if let Ok(bytes) = STANDARD.decode(candidate.as_bytes()) {
            return Some(bytes);
        }
    }
    if candidate.contains([' ', '\t']) {
        push(&mut ins.findings, "auth-base64-spaces", Severity::Error, at, "");
        candidate.retain(|c| c != ' ' && c != '\t');
    }
    if candidate.contains(['-', '_']) {
        push(&mut ins.findings, "auth-base64-url-safe", Severity::Error, at, "");
        candidate = candidate.replace('-', "+").replace('_', "/");
    }
    let trimmed = candidate.trim_end_matches('=');
    if candidate.len() % 4 != 0 && !candidate.ends_with('=') && trimmed.len() % 4 != 1 {
        let padded = format!("{trimmed}{}", "=".repeat((4 - trimmed.len() % 4) % 4));
        if STANDARD.decode(padded.as_bytes()).is_ok() {
            push(&mut ins.findings, "auth-base64-unpadded", Severity::Error, at, "");
            candidate = padded;
        }
    }
    match STANDARD.decode(candidate.as_bytes()) {
        Ok(bytes) => Some(bytes),
        Err(_) => {
            push(&mut ins.findings, "auth-base64-invalid", Severity::Error, at, "");
            None
        }
    }
}

/// `decodeAuth` trims only NUL bytes (§2).
/// A `\n` or `\r` anywhere (byte search: this runs on every field of every entry).
fn has_line_break(text: &str) -> bool {
    text.bytes().any(|b| b == b'\n' || b == b'\r')
}

fn trim_nul(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| *b != 0).map_or(start, |i| i + 1);
    &bytes[start..end]
}

fn is_hub_host(host: &str) -> bool {
    matches!(host, "docker.io" | "index.docker.io" | "registry-1.docker.io" | "hub.docker.com")
}

/// `host[:port]` without the port, lower-cased.
fn bare_host(host_port: &str) -> &str {
    match host_port.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host_port,
    }
}

/// Checks on one key (§1.4, §2, §7 #5 and #7), and the key the fix writes.
fn check_key(index: usize, ins: &mut Inspection) {
    let entry = &mut ins.entries[index];
    let findings = &mut ins.findings;
    let key = entry.key.as_str();
    let mut flag = |code: &'static str, severity: Severity| push(findings, code, severity, Some((index, key)), key);
    let after_scheme = strip_http_scheme(key);
    let has_scheme = after_scheme.is_some();
    let after_scheme = after_scheme.unwrap_or(key);
    let host_as_written = after_scheme.split('/').next().unwrap_or_default();
    let runner_host = entry.normalised_runner.split('/').next().unwrap_or_default();
    let normalised = normalise_registry(key, true);
    entry.fixed_key = match &normalised {
        Ok(k) => k.key.clone(),
        Err(_) => key.to_owned(),
    };

    if key.contains('$') {
        // §1.2: expanded by GitLab when the variable is not raw; cannot be checked here.
        flag("key-variable", Severity::Info);
    } else if key == DOCKER_HUB_KEY {
        // The one Docker Hub key both readers match.
    } else if is_hub_host(&bare_host(host_as_written).to_ascii_lowercase()) {
        if runner_host == "docker.io" {
            // Runner matches it (§1.4), the CLI wants exactly https://index.docker.io/v1/ (§2).
            flag("hub-key-cli-mismatch", Severity::Warning);
        } else {
            // index.docker.io without scheme, registry-1.docker.io, hub.docker.com (§1.4 last row).
            flag("hub-key-never-matches", Severity::Error);
        }
    } else {
        match normalised {
            Err(_) => {
                flag("key-invalid", Severity::Warning);
            }
            Ok(k) if k.is_docker_hub => {
                // `org/name` without a registry host: the runner reads its first segment as a
                // host, so it matches nothing; the fix writes the Docker Hub key.
                flag("hub-key-never-matches", Severity::Error);
            }
            Ok(_) => {
                if has_scheme {
                    // Both consumers reduce it to host[:port]; the path is dropped (§1.4, §2).
                    if after_scheme.trim_end_matches('/').contains('/') || key.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("http://")) {
                        flag("key-scheme-or-path", Severity::Info);
                    }
                } else if let Some((_, path)) = entry.normalised_runner.split_once('/') {
                    if matches!(path.split('/').next(), Some("v1" | "v2")) {
                        flag("key-api-path", Severity::Warning);
                    } else {
                        flag("key-namespaced", Severity::Info);
                    }
                }
                if host_as_written.bytes().any(|b| b.is_ascii_uppercase()) {
                    // The runner lower-cases hosts; the docker CLI compares them exactly (§2).
                    flag("key-upper-case", Severity::Warning);
                }
            }
        }
    }
}

/// Keys that GitLab Runner normalises to the same path: sorted key order, first wins (§1.4).
/// One pass in document order keeping the smallest key per path (one map, no sort).
fn check_duplicates(ins: &mut Inspection) {
    let entries = &ins.entries;
    let mut winners: BTreeMap<&str, usize> = BTreeMap::new();
    let mut losers: Vec<usize> = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let path = entry.normalised_runner.as_str();
        match winners.get(path) {
            Some(&winner) if entries[winner].key <= entry.key => losers.push(index),
            Some(&winner) => {
                losers.push(winner);
                winners.insert(path, index);
            }
            None => {
                winners.insert(path, index);
            }
        }
    }
    let mut found = Vec::new();
    for index in losers {
        let entry = &entries[index];
        let winner = winners.get(entry.normalised_runner.as_str()).map_or("", |&w| entries[w].key.as_str());
        push(&mut found, "duplicate-registry", Severity::Warning, Some((index, &entry.key)), winner);
    }
    ins.findings.extend(found);
}

/// credHelpers and credsStore (§1.5, §2, §6, §7 #10, #11).
fn check_helpers(ins: &mut Inspection) {
    let findings_before = &ins.findings;
    let mut findings = Vec::new();
    let mut announced: BTreeMap<&str, usize> = BTreeMap::new();
    let mut uses_ecr = false;
    let helpers = ins.entries.iter().enumerate().filter_map(|(i, e)| Some((e.helper.as_deref()?, Some((i, e.key.as_str())))));
    for (name, key) in helpers.chain(ins.creds_store.as_deref().map(|s| (s, None))) {
        if let Some(code) = helper_name_problem(name) {
            push(&mut findings, code, Severity::Error, key, name);
        } else if DESKTOP_ONLY_HELPERS.contains(&name) {
            push(&mut findings, "desktop-only-store", Severity::Error, key, name);
        } else if announced.insert(name, 0).is_none() {
            push(&mut findings, "helper-needs-install", Severity::Info, None, &format!("docker-credential-{name}"));
        }
        uses_ecr |= name == "ecr-login";
    }
    if let Some(store) = &ins.creds_store {
        push(&mut findings, "creds-store-docker-hub", Severity::Warning, None, store);
        let with_credentials = ins.entries.iter().any(|e| e.in_auths && (e.username.is_some() || e.identity_token.is_some()));
        if with_credentials {
            push(&mut findings, "creds-store-shadows-auths", Severity::Warning, None, store);
        }
        if findings_before.iter().any(|f| f.code == "empty-entry") {
            // §7 #10: a copy of a Docker Desktop / keychain config.json.
            push(&mut findings, "desktop-copy", Severity::Error, None, store);
        }
    }
    if uses_ecr {
        push(&mut findings, "ecr-aws-region", Severity::Info, None, "");
    }
    ins.findings.extend(findings);
}

/// Checks on the value as it would be stored in the CI/CD variable (§3, §7 #16): the same
/// rules as `gitlab_variable::VariableAdvice` (GitLab's `maskable.rb` regexes), on bytes, as
/// the value may be a megabyte long.
fn check_value_text(value: &str, ins: &mut Inspection) {
    let advice = mask_advice(value);
    if !advice.maskable_raw {
        push(&mut ins.findings, "not-maskable", Severity::Info, None, "");
    } else if !advice.maskable_expanded {
        push(&mut ins.findings, "mask-needs-raw", Severity::Info, None, "");
    }
    if !advice.fits_instance_limit {
        push(&mut ins.findings, "value-too-long", Severity::Warning, None, &advice.length.to_string());
    }
}

/// `VariableAdvice::for_value` computed on bytes. Every character either rule cares about is
/// ASCII: masked and expanded `\A[a-zA-Z0-9_+=/@:.~-]{8,}\z`, masked and raw `\A\S{8,}\z`
/// with Ruby's `\s` = `[ \t\r\n\f\v]`.
pub(crate) fn mask_advice(value: &str) -> VariableAdvice {
    let bytes = value.as_bytes();
    let length = bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count();
    let long_enough = length >= 8;
    VariableAdvice {
        length,
        maskable_expanded: long_enough && bytes.iter().all(|b| b.is_ascii_alphanumeric() || b"_+=/@:.~-".contains(b)),
        maskable_raw: long_enough && !bytes.iter().any(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0c | 0x0b)),
        contains_dollar: bytes.contains(&b'$'),
        fits_instance_limit: length <= crate::gitlab_variable::INSTANCE_VALUE_LIMIT,
    }
}

fn finish(ins: &mut Inspection) {
    sort_findings(&mut ins.findings);
    if ins.findings.len() > MAX_FINDINGS {
        let dropped = ins.findings.len() - (MAX_FINDINGS - 1);
        ins.findings.truncate(MAX_FINDINGS - 1);
        push(&mut ins.findings, "findings-truncated", Severity::Info, None, &dropped.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{text, Lang};

    fn codes(text: &str) -> Vec<&'static str> {
        inspect(text).findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn every_format_has_a_label() {
        for format in ConfigFormat::ALL {
            for lang in Lang::ALL {
                assert!(!text(lang, &format!("format.{}", format.code())).is_empty(), "{format:?} {lang:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn mask_advice_matches_the_shared_rules(value in "\\PC{0,40}|[a-zA-Z0-9_+=/@:.~ {}\"$-]{0,12}") {
            proptest::prop_assert_eq!(mask_advice(&value), VariableAdvice::for_value(&value));
        }
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(position_of("ab\ncdé", 7), (2, 4));
        assert_eq!(position_of("é", 1), (1, 1));
        assert_eq!(offset_of("a\nb\nc", 3, 1), 5);
        assert_eq!(offset_of("a", 9, 1), 1);
    }

    #[test]
    fn repairs_newlines_and_surrogates() {
        let (fixed, problems) = repair_strings("{\"a\":\"x\ny\\ud800\\ud83d\\ude00\\udc00\"}");
        assert_eq!(fixed, "{\"a\":\"xy\\ufffd\\ud83d\\ude00\\ufffd\"}");
        assert_eq!(problems.len(), 2);
        assert_eq!(repair_strings("\"\\u12").0, "\"\\u12");
    }

    #[test]
    fn json_errors_are_classified() {
        assert!(codes("{\"auths\":{\"a.io\":{\"auth\":\"dTpw\nZA==\"}}}").contains(&"json-raw-newline"));
        assert!(codes(r#"{"auths":{"a.io":{"auth":"\x41"}}}"#).contains(&"json-invalid-escape"));
        assert!(codes(r#"{"auths":{"a.io":{"auth":"\ud800"}}}"#).contains(&"json-lone-surrogate"));
        assert!(codes(&"[".repeat(10_000)).contains(&"json-too-deep"));
        assert!(codes(r#"{"auths":{}"#).contains(&"json-invalid"));
    }

    #[test]
    fn base64_detection() {
        assert!(codes("dXNlcjpwYXNz").contains(&"bare-auth-string"));
        assert_eq!(inspect("eyJhdXRocyI6e319").format, ConfigFormat::KubernetesDockerconfigjsonBase64);
        assert!(codes("not a config").contains(&"json-invalid"));
    }
}
