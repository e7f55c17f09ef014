//! Image resolver: which key of a config GitLab Runner and the docker CLI use for an image.
//!
//! Rules (registry-auth-semantics.md):
//! - GitLab Runner (§1.4): every key is turned into a registry path (`convertToRegistryPath`),
//!   the image into an image path (`normalizeImageRef`); the image path and then each parent
//!   path is looked up, so the longest namespace prefix wins. Hosts are lower-cased, ports must
//!   match exactly, Docker Hub images become `docker.io/…` (no `library/`). Keys that normalise
//!   to the same path: sorted key order, the first wins (§1.1, §1.4). `credHelpers` results
//!   replace same-key `auths` entries (§1.5).
//! - docker CLI (§2): Docker Hub is looked up under exactly `https://index.docker.io/v1/`,
//!   other registries under `host[:port]` as written in the image. `credHelpers[host]` comes
//!   before `credsStore`, which comes before `auths`; `auths` is an exact match first, then
//!   legacy keys reduced by `ConvertToHostname` (scheme and everything after the first `/`
//!   dropped).
//!
//! ```
//! use auth_config_builder::inspector::inspect;
//! use auth_config_builder::resolver::{resolve, ConfigView};
//! let config = ConfigView::from(&inspect(r#"{"auths":{"docker.io":{"auth":"dTpw"}}}"#));
//! let r = resolve("alpine:3.20", &config);
//! assert_eq!(r.runner.as_deref(), Some("docker.io"));
//! assert_eq!(r.docker_cli, None);
//! assert_eq!(r.explanation_code, "cli-needs-hub-key");
//! ```

use std::collections::BTreeMap;

use crate::inspector::{index_by_key, Inspection};
use crate::registry_key::DOCKER_HUB_KEY;

/// The registry path GitLab Runner uses for Docker Hub images.
const RUNNER_HUB_PATH: &str = "docker.io";

/// Every explanation code `resolve` can give; each has a `resolve.<code>` text.
pub const EXPLANATION_CODES: &[&str] = &[
    "image-empty",
    "image-invalid",
    "image-variable",
    "config-empty",
    "same-key",
    "cli-creds-store",
    "cli-needs-hub-key",
    "host-case",
    "runner-namespace",
    "runner-key-path",
    "runner-duplicate",
    "differs",
    "hub-alias-never-matches",
    "library-namespace",
    "port-mismatch",
    "no-match",
];

/// At most this many images are taken from a `.gitlab-ci.yml` fragment.
pub const MAX_CI_IMAGES: usize = 200;

/// The parts of a config that decide which credential an image gets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConfigView {
    /// `auths` keys as written.
    pub auths: Vec<String>,
    /// `credHelpers` as written: (registry key, helper name).
    pub cred_helpers: Vec<(String, String)>,
    /// `credsStore`, if set.
    pub creds_store: Option<String>,
}

impl From<&Inspection> for ConfigView {
    fn from(inspection: &Inspection) -> Self {
        ConfigView {
            auths: inspection.entries.iter().filter(|e| e.in_auths).map(|e| e.key.clone()).collect(),
            cred_helpers: inspection.cred_helpers.clone(),
            creds_store: inspection.creds_store.clone(),
        }
    }
}

impl ConfigView {
    fn is_empty(&self) -> bool {
        self.auths.is_empty() && self.cred_helpers.is_empty() && self.creds_store.is_none()
    }

    fn helper_for(&self, key: &str) -> Option<&str> {
        self.cred_helpers.iter().find(|(k, _)| k == key).map(|(_, h)| h.as_str())
    }
}

/// Where a consumer takes the credential from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A static `auths` entry.
    Auths,
    /// A `credHelpers` entry: the helper is run for that registry.
    CredHelper,
    /// The global `credsStore`: no key of the config is used.
    CredsStore,
}

/// What the docker CLI does for an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliResolution {
    /// The key as written in the config, `None` when none matches (or when `credsStore` answers).
    pub key: Option<String>,
    pub via: Option<Via>,
    /// The server address the CLI looks up: `https://index.docker.io/v1/` or `host[:port]`.
    pub lookup: String,
}

/// The full answer for one image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub image: String,
    /// The key GitLab Runner uses, as written in the config (`resolved-runner`).
    pub runner: Option<String>,
    pub runner_via: Option<Via>,
    /// The key the docker CLI uses, as written in the config (`resolved-docker-cli`).
    pub docker_cli: Option<String>,
    pub cli_via: Option<Via>,
    /// `resolve.<code>` in the catalogue: one sentence on why they differ or nothing matches.
    pub explanation_code: &'static str,
    /// Substituted for `{}` in that sentence.
    pub explanation_subject: String,
}

/// GitLab Runner's `convertToRegistryPath` (§1.4 table): a config key to a registry path.
///
/// - `http(s)://host[:port]/anything` (scheme in any case): `host[:port]` lower-cased, path
///   dropped; `index.docker.io` then becomes `docker.io`.
/// - otherwise: one trailing `/` trimmed, a `:tag` after the last `/` trimmed, the host
///   lower-cased, the path kept as written (case-sensitive).
///
/// ```
/// use auth_config_builder::resolver::runner_registry_path;
/// assert_eq!(runner_registry_path("HTTPS://INDEX.DOCKER.IO/V1/"), "docker.io");
/// assert_eq!(runner_registry_path("index.docker.io"), "index.docker.io");
/// assert_eq!(runner_registry_path("MY.HOST/With/Path/img:latest"), "my.host/With/Path/img");
/// ```
pub fn runner_registry_path(key: &str) -> String {
    if let Some(rest) = strip_http_scheme(key) {
        let host = lower(rest.split('/').next().unwrap_or_default());
        return if host == "index.docker.io" { RUNNER_HUB_PATH.to_owned() } else { host };
    }
    let path = key.strip_suffix('/').unwrap_or(key);
    let path = match (path.rfind(':'), path.rfind('/')) {
        (Some(tag), Some(slash)) if tag > slash => &path[..tag],
        _ => path,
    };
    lower_case_host(path)
}

/// GitLab Runner's `normalizeImageRef` (§1.4): an image reference to the path looked up.
///
/// The digest and the tag are cut; an image whose first segment has no `.` or `:` and is not
/// `localhost` is on Docker Hub and gets `docker.io/` in front (no `library/`);
/// `index.docker.io/…` becomes `docker.io/…`; the host is lower-cased.
///
/// ```
/// use auth_config_builder::resolver::runner_image_path;
/// assert_eq!(runner_image_path("alpine:3.20"), "docker.io/alpine");
/// assert_eq!(runner_image_path("library/alpine"), "docker.io/library/alpine");
/// assert_eq!(runner_image_path("Registry.Example.com:5000/Team/app@sha256:0123"), "registry.example.com:5000/Team/app");
/// ```
pub fn runner_image_path(image: &str) -> String {
    let image = image.trim();
    // A digest ends the name; the tag is cut from the last segment at its first `:`.
    let name = image.split('@').next().unwrap_or_default();
    let (prefix, last) = match name.rfind('/') {
        Some(i) => (&name[..=i], &name[i + 1..]),
        None => ("", name),
    };
    let last = last.split(':').next().unwrap_or_default();
    let path = format!("{prefix}{last}");
    let path = match image.split_once('/') {
        None => format!("{RUNNER_HUB_PATH}/{path}"),
        Some((first, _)) if !first.contains('.') && !first.contains(':') && first != "localhost" => {
            format!("{RUNNER_HUB_PATH}/{path}")
        }
        Some(("index.docker.io", _)) => path.strip_prefix("index.").unwrap_or(&path).to_owned(),
        Some(_) => path,
    };
    lower_case_host(&path)
}

/// The server address the docker CLI looks credentials up under (§2, `getAuthConfigKey` and
/// the reference library's `splitDockerDomain`): `https://index.docker.io/v1/` for Docker Hub,
/// `host[:port]` exactly as written otherwise.
///
/// ```
/// use auth_config_builder::resolver::cli_lookup_key;
/// assert_eq!(cli_lookup_key("docker.io/library/alpine"), "https://index.docker.io/v1/");
/// assert_eq!(cli_lookup_key("registry.example.com:5000/app:1"), "registry.example.com:5000");
/// ```
pub fn cli_lookup_key(image: &str) -> String {
    let image = image.trim();
    let Some((domain, _)) = image.split_once('/') else {
        return DOCKER_HUB_KEY.to_owned();
    };
    let is_domain = domain == "localhost" || domain.contains(['.', ':']) || domain.bytes().any(|b| b.is_ascii_uppercase());
    if !is_domain || domain == "docker.io" || domain == "index.docker.io" {
        DOCKER_HUB_KEY.to_owned()
    } else {
        domain.to_owned()
    }
}

/// The docker CLI's `ConvertToHostname` (§2): drops a scheme and everything after the first
/// `/`. Case is kept: the CLI compares the result exactly.
pub fn cli_key_hostname(key: &str) -> &str {
    let rest = match key.find("://") {
        Some(i) => {
            let after = &key[i + 3..];
            let host = after.split('/').next().unwrap_or_default();
            // url.Parse's Hostname() drops user info.
            let host = host.rsplit('@').next().unwrap_or_default();
            if !host.is_empty() {
                return host;
            }
            key
        }
        None => key,
    };
    rest.split('/').next().unwrap_or_default()
}

/// The key GitLab Runner uses for `image`, as written in the config (§1.4, §1.5).
pub fn resolve_runner(image: &str, config: &ConfigView) -> Option<String> {
    let prepared = Prepared::new(config);
    resolve_runner_via(image, &prepared, &prepared.table()).map(|(key, _)| key)
}

/// A config with every key's runner path computed once, for resolving many images.
struct Prepared<'a> {
    config: &'a ConfigView,
    /// Every `auths` and `credHelpers` key in sorted order, deduplicated, with its registry path.
    paths: Vec<(&'a str, String)>,
}

impl<'a> Prepared<'a> {
    fn new(config: &'a ConfigView) -> Self {
        // A map for the sorted, deduplicated keys: no sort instantiation in the wasm.
        let keys = index_by_key(config.auths.iter().chain(config.cred_helpers.iter().map(|(k, _)| k)).map(String::as_str));
        Prepared { config, paths: keys.into_keys().map(|k| (k, runner_registry_path(k))).collect() }
    }

    /// Registry path → index of the key the runner keeps for it: in sorted key order the first
    /// one wins (§1.4 "Duplicates"); a helper replaces the same key's `auths` entry (§1.5).
    fn table(&self) -> BTreeMap<&str, usize> {
        let mut table = BTreeMap::new();
        for (index, (_, path)) in self.paths.iter().enumerate() {
            if !table.contains_key(path.as_str()) {
                table.insert(path.as_str(), index);
            }
        }
        table
    }
}

fn resolve_runner_via(image: &str, prepared: &Prepared, table: &BTreeMap<&str, usize>) -> Option<(String, Via)> {
    let mut path = runner_image_path(image);
    loop {
        if let Some(&index) = table.get(path.as_str()) {
            let key = prepared.paths[index].0;
            let via = if prepared.config.helper_for(key).is_some() { Via::CredHelper } else { Via::Auths };
            return Some((key.to_owned(), via));
        }
        match path.rfind('/') {
            Some(i) => path.truncate(i),
            None => return None,
        }
    }
}

/// What the docker CLI uses for `image` (§2 store precedence).
pub fn resolve_docker_cli(image: &str, config: &ConfigView) -> CliResolution {
    let lookup = cli_lookup_key(image);
    if let Some((key, _)) = config.cred_helpers.iter().find(|(k, _)| *k == lookup) {
        return CliResolution { key: Some(key.clone()), via: Some(Via::CredHelper), lookup };
    }
    if config.creds_store.is_some() {
        // A native store answers for every registry; static auths are ignored (§2).
        return CliResolution { key: None, via: Some(Via::CredsStore), lookup };
    }
    if let Some(key) = config.auths.iter().find(|k| **k == lookup) {
        return CliResolution { key: Some(key.clone()), via: Some(Via::Auths), lookup };
    }
    // Legacy keys: the file store compares the looked-up address with ConvertToHostname(key).
    // Go iterates the map in random order; the first in sorted order is shown.
    match config.auths.iter().filter(|k| cli_key_hostname(k) == lookup).min() {
        Some(key) => CliResolution { key: Some(key.clone()), via: Some(Via::Auths), lookup },
        None => CliResolution { key: None, via: None, lookup },
    }
}

/// Resolves one image for both consumers and says why they differ or nothing matches.
pub fn resolve(image: &str, config: &ConfigView) -> Resolution {
    let prepared = Prepared::new(config);
    resolve_prepared(image, &prepared, &prepared.table())
}

fn resolve_prepared(image: &str, prepared: &Prepared, table: &BTreeMap<&str, usize>) -> Resolution {
    let config = prepared.config;
    let image = clean_image(image);
    let mut out = Resolution {
        image: image.to_owned(),
        runner: None,
        runner_via: None,
        docker_cli: None,
        cli_via: None,
        explanation_code: "no-match",
        explanation_subject: String::new(),
    };
    if image.is_empty() {
        out.explanation_code = "image-empty";
        return out;
    }
    if image.chars().any(|c| c.is_whitespace() || c.is_control()) {
        out.explanation_code = "image-invalid";
        out.explanation_subject = image.to_owned();
        return out;
    }
    if image.contains('$') {
        // `$CI_REGISTRY_IMAGE/app`: the runner expands it first; no key can be chosen here.
        out.explanation_code = if config.is_empty() { "config-empty" } else { "image-variable" };
        out.explanation_subject = image.to_owned();
        return out;
    }
    if let Some((key, via)) = resolve_runner_via(image, prepared, table) {
        out.runner = Some(key);
        out.runner_via = Some(via);
    }
    let cli = resolve_docker_cli(image, config);
    out.docker_cli = cli.key.clone();
    out.cli_via = cli.via;
    let (code, subject) = explain(image, prepared, &out, &cli);
    out.explanation_code = code;
    out.explanation_subject = subject;
    out
}

/// Drops surrounding quotes and spaces, as an image pasted from YAML may have them.
fn clean_image(image: &str) -> &str {
    let image = image.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = image.strip_prefix(quote).and_then(|s| s.strip_suffix(quote)) {
            return inner.trim();
        }
    }
    image
}

fn explain(image: &str, prepared: &Prepared, out: &Resolution, cli: &CliResolution) -> (&'static str, String) {
    let config = prepared.config;
    if config.is_empty() {
        return ("config-empty", String::new());
    }
    let is_hub = cli.lookup == DOCKER_HUB_KEY;
    match (&out.runner, &cli.key) {
        (Some(r), Some(c)) if r == c => ("same-key", r.clone()),
        _ if cli.via == Some(Via::CredsStore) => ("cli-creds-store", config.creds_store.clone().unwrap_or_default()),
        (Some(r), None) if is_hub => ("cli-needs-hub-key", r.clone()),
        (Some(r), None) if cli_key_hostname(r).eq_ignore_ascii_case(&cli.lookup) => ("host-case", r.clone()),
        (Some(r), _) if out.runner_via.is_some() && runner_registry_path(r).contains('/') && cli.key.is_some() => {
            ("runner-namespace", r.clone())
        }
        (Some(r), Some(c)) if runner_registry_path(r) == runner_registry_path(c) => ("runner-duplicate", r.clone()),
        (None, Some(c)) if strip_http_scheme(c).is_none() && runner_registry_path(c).contains('/') => ("runner-key-path", c.clone()),
        (Some(r), _) => ("differs", r.clone()),
        (None, Some(c)) => ("differs", c.clone()),
        (None, None) => explain_no_match(image, prepared, is_hub),
    }
}

/// Neither consumer matches: look for the near miss the user most likely meant.
fn explain_no_match(image: &str, prepared: &Prepared, is_hub: bool) -> (&'static str, String) {
    let found = |test: &dyn Fn(&str) -> bool| prepared.paths.iter().find(|(_, path)| test(path)).map(|(key, _)| (*key).to_owned());
    if is_hub {
        if let Some(key) = found(&|path| matches!(bare_host(path).as_str(), "index.docker.io" | "registry-1.docker.io" | "hub.docker.com"))
        {
            return ("hub-alias-never-matches", key);
        }
        if let Some(key) = found(&|path| path.starts_with("docker.io/")) {
            return ("library-namespace", key);
        }
    } else {
        let image_path = runner_image_path(image);
        let image_host = image_path.split('/').next().unwrap_or_default();
        let image_bare = bare_host(image_host);
        if let Some(key) = found(&|path| path.split('/').next() == Some(image_host) && path.contains('/')) {
            return ("runner-key-path", key);
        }
        if let Some(key) = found(&|path| {
            let key_host = path.split('/').next().unwrap_or_default();
            key_host != image_host && bare_host(key_host) == image_bare
        }) {
            return ("port-mismatch", key);
        }
    }
    ("no-match", runner_image_path(image))
}

/// `host[:port]` without the port.
fn bare_host(host_port: &str) -> String {
    let host = host_port.split('/').next().unwrap_or_default();
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name.to_owned(),
        _ => host.to_owned(),
    }
}

/// The rest of `text` after `http://` or `https://` in any case (the runner's `(?i)^https?://`).
pub(crate) fn strip_http_scheme(text: &str) -> Option<&str> {
    for scheme in ["https://", "http://"] {
        if text.get(..scheme.len()).is_some_and(|p| p.eq_ignore_ascii_case(scheme)) {
            return Some(&text[scheme.len()..]);
        }
    }
    None
}

/// `pathWithLowerCaseHostname`: the part before the first `/` lower-cased.
fn lower_case_host(path: &str) -> String {
    match path.split_once('/') {
        Some((host, rest)) => format!("{}/{rest}", lower(host)),
        None => lower(path),
    }
}

/// Go's `strings.ToLower`, for ASCII: registry hosts are ASCII (IDNs are written in
/// punycode), and Unicode case tables would weigh on the wasm bundle.
fn lower(text: &str) -> String {
    text.to_ascii_lowercase()
}

/// One `image:` or `services:` entry found in a `.gitlab-ci.yml` fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiImage {
    pub name: String,
    /// 1-based line of the name.
    pub line: usize,
    /// From `services:` rather than `image:`.
    pub service: bool,
}

/// Every image named by `image:` and `services:` in a `.gitlab-ci.yml` fragment, first
/// occurrence of each name only, at most [`MAX_CI_IMAGES`].
///
/// A light line-based reading, no YAML library: `image: x`, `image: {name: x}`,
/// `image:` followed by an indented `name: x`, `services: [x, {name: y}]` and block lists of
/// `- x` or `- name: x`, with quotes, anchors and comments. Aliases (`*x`) and `!reference`
/// tags cannot be followed and are skipped.
///
/// ```
/// use auth_config_builder::resolver::images_in_ci_yaml;
/// let yaml = "build:\n  image:\n    name: \"alpine:3.20\"\n  services:\n    - docker:dind\n    - name: postgres:16\n";
/// let names: Vec<_> = images_in_ci_yaml(yaml).into_iter().map(|i| i.name).collect();
/// assert_eq!(names, ["alpine:3.20", "docker:dind", "postgres:16"]);
/// ```
pub fn images_in_ci_yaml(text: &str) -> Vec<CiImage> {
    let mut found: Vec<CiImage> = Vec::new();
    // The block being read: (is services, indent of its key).
    let mut block: Option<(bool, usize)> = None;
    for (index, raw) in text.lines().enumerate() {
        if found.len() >= MAX_CI_IMAGES {
            break;
        }
        let line_no = index + 1;
        let line = strip_comment(raw).trim_end();
        let content = line.trim_start();
        if content.is_empty() || content == "---" {
            continue;
        }
        let indent = line.len() - content.len();
        if let Some((services, key_indent)) = block {
            let list_item_at_key_level = services && indent == key_indent && content.starts_with('-');
            if indent > key_indent || list_item_at_key_level {
                let item = content.strip_prefix('-').map(str::trim_start);
                let value = match (services, item) {
                    (true, Some(item)) => match key_value(item) {
                        Some(("name", value)) => Some(value),
                        Some(_) => None,
                        None => Some(item),
                    },
                    (_, _) => match key_value(item.unwrap_or(content)) {
                        Some(("name", value)) => Some(value),
                        _ => None,
                    },
                };
                if let Some(name) = value.and_then(scalar) {
                    push_image(&mut found, name, line_no, services);
                    if !services {
                        block = None;
                    }
                }
                continue;
            }
            block = None;
        }
        let item = content.strip_prefix("- ").unwrap_or(content);
        let Some((key, value)) = key_value(item) else { continue };
        let services = match key {
            "image" => false,
            "services" => true,
            _ => continue,
        };
        let value = strip_anchor(value);
        if value.is_empty() {
            block = Some((services, indent));
        } else if let Some(flow) = value.strip_prefix('{') {
            if let Some(name) = flow_map_name(flow) {
                push_image(&mut found, name, line_no, services);
            }
        } else if let Some(flow) = value.strip_prefix('[') {
            if services {
                for item in split_flow(flow.strip_suffix(']').unwrap_or(flow)) {
                    let name = match item.strip_prefix('{') {
                        Some(map) => flow_map_name(map),
                        None => scalar(item),
                    };
                    if let Some(name) = name {
                        push_image(&mut found, name, line_no, services);
                    }
                }
            }
        } else if let Some(name) = scalar(value) {
            push_image(&mut found, name, line_no, services);
        }
    }
    found
}

/// Resolves what was typed into the `Image` field: one image, or every image of a
/// `.gitlab-ci.yml` fragment when it has `image:` or `services:` keys.
pub fn resolve_all(input: &str, config: &ConfigView) -> Vec<Resolution> {
    let looks_like_yaml = input.lines().any(|l| {
        let t = l.trim_start().trim_start_matches("- ");
        t.starts_with("image:") || t.starts_with("services:")
    });
    if looks_like_yaml {
        let prepared = Prepared::new(config);
        let table = prepared.table();
        images_in_ci_yaml(input).iter().map(|i| resolve_prepared(&i.name, &prepared, &table)).collect()
    } else {
        vec![resolve(input, config)]
    }
}

fn push_image(found: &mut Vec<CiImage>, name: String, line: usize, service: bool) {
    if !found.iter().any(|i| i.name == name) {
        found.push(CiImage { name, line, service });
    }
}

/// `key: value` with a plain or quoted key; `None` when the line is not a mapping entry.
fn key_value(text: &str) -> Option<(&str, &str)> {
    let (key, rest) = if let Some(quoted) = text.strip_prefix('"').or_else(|| text.strip_prefix('\'')) {
        let end = quoted.find(['"', '\''])?;
        (&quoted[..end], quoted[end + 1..].strip_prefix(':')?)
    } else {
        let colon = text.find(':')?;
        (&text[..colon], &text[colon + 1..])
    };
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((key.trim(), rest.trim()))
}

/// Cuts a ` #` comment that is not inside quotes.
fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && (previous == ' ' || previous == '\t' || i == 0) => return &line[..i],
            None => {}
        }
        previous = c;
    }
    line
}

/// Drops a leading `&anchor`.
fn strip_anchor(value: &str) -> &str {
    match value.strip_prefix('&') {
        Some(rest) => rest.split_once([' ', '\t']).map_or("", |(_, v)| v.trim_start()),
        None => value,
    }
}

/// A scalar's text: quotes removed, aliases, tags and nested collections skipped.
fn scalar(value: &str) -> Option<String> {
    let value = strip_anchor(value.trim());
    if value.is_empty() || value.starts_with(['*', '!', '{', '[', '|', '>']) {
        return None;
    }
    let text = if let Some(inner) = value.strip_prefix('"') {
        let inner = inner.strip_suffix('"').unwrap_or(inner);
        inner.replace("\\\"", "\"").replace("\\\\", "\\")
    } else if let Some(inner) = value.strip_prefix('\'') {
        inner.strip_suffix('\'').unwrap_or(inner).replace("''", "'")
    } else {
        value.to_owned()
    };
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The `name` of a flow mapping such as `{name: x, entrypoint: [""]}` (text after the `{`).
fn flow_map_name(map: &str) -> Option<String> {
    let map = map.trim_end();
    let map = map.strip_suffix('}').unwrap_or(map);
    split_flow(map).into_iter().find_map(|item| match key_value(item) {
        Some(("name", value)) => scalar(value),
        _ => None,
    })
}

/// Splits flow items at commas that are outside quotes and nested brackets.
fn split_flow(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => depth = depth.saturating_sub(1),
                ',' if depth == 0 => {
                    items.push(text[start..i].trim());
                    start = i + 1;
                }
                _ => {}
            },
        }
    }
    items.push(text[start..].trim());
    items.retain(|i| !i.is_empty());
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{text, Lang};

    #[test]
    fn runner_key_paths_follow_the_table() {
        assert_eq!(runner_registry_path("https://registry.example.com:5000/v2/"), "registry.example.com:5000");
        assert_eq!(runner_registry_path("http://index.docker.io/v1/"), "docker.io");
        assert_eq!(runner_registry_path("https://index.docker.io/v1"), "docker.io");
        assert_eq!(runner_registry_path("https://registry-1.docker.io"), "registry-1.docker.io");
        assert_eq!(runner_registry_path("registry.local/ns/"), "registry.local/ns");
        assert_eq!(runner_registry_path("registry.local:5000"), "registry.local:5000");
        assert_eq!(runner_registry_path(""), "");
        assert_eq!(runner_registry_path("https://"), "");
    }

    #[test]
    fn image_paths() {
        assert_eq!(runner_image_path("nginx"), "docker.io/nginx");
        assert_eq!(runner_image_path("index.docker.io/library/nginx:1"), "docker.io/library/nginx");
        assert_eq!(runner_image_path("localhost/app"), "localhost/app");
        assert_eq!(runner_image_path("localhost:5000/app:1"), "localhost:5000/app");
        assert_eq!(runner_image_path(""), "docker.io/");
    }

    #[test]
    fn cli_hostnames() {
        assert_eq!(cli_key_hostname("https://Reg.example.com:5000/v2/"), "Reg.example.com:5000");
        assert_eq!(cli_key_hostname("reg.example.com/ns"), "reg.example.com");
        assert_eq!(cli_key_hostname("https://user@reg.example.com/"), "reg.example.com");
        assert_eq!(cli_lookup_key("Registry.Example.com/app"), "Registry.Example.com");
        assert_eq!(cli_lookup_key("MyOrg/app"), "MyOrg");
        assert_eq!(cli_lookup_key("myorg/app"), DOCKER_HUB_KEY);
    }

    #[test]
    fn every_explanation_has_text() {
        for code in EXPLANATION_CODES {
            for lang in Lang::ALL {
                assert!(!text(lang, &format!("resolve.{code}")).is_empty(), "resolve.{code} in {lang:?}");
            }
        }
    }

    #[test]
    fn yaml_comments_and_flow() {
        let yaml = "image: 'alpine' # base\nservices: [\"docker:dind\", {name: 'redis:7', alias: cache}]\n";
        let found = images_in_ci_yaml(yaml);
        assert_eq!(found.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["alpine", "docker:dind", "redis:7"]);
        assert!(!found[0].service && found[1].service && found[2].line == 2);
    }
}
