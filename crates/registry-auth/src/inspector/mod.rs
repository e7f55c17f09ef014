//! Inspector: reads any pasted registry config and says what is wrong with it.
//!
//! Accepted input: a `DOCKER_AUTH_CONFIG` value or `~/.docker/config.json` (containers'
//! `auth.json` has the same format), a legacy `.dockercfg` (no `auths` wrapper), a Kubernetes
//! `.dockerconfigjson` value (base64 of the JSON), or a whole `kubernetes.io/dockerconfigjson`
//! (or `dockercfg`) Secret in YAML or JSON. One module per input format (`json`, `secret`,
//! `base64_text`), then the config itself (`entries`), the checks (`checks`) and the repair
//! (`fix`).
//!
//! The checks read the value the way GitLab Runner does (`docs/gitlab-runner.md#parsing-and-all-or-nothing`:
//! Go's `encoding/json`, first value only, field names case-insensitive, any error drops every
//! credential of the value), then GitLab Runner's and the docker CLI's key rules
//! (`registry_key`), `decodeAuth` (`docs/docker-cli.md#decodeauth`), the CLI's strict
//! environment store (`docs/docker-cli.md#the-docker_auth_config-environment-store`), masking
//! (`docs/gitlab-variables.md#masking`) and the failure modes of `docs/failure-modes.md`.
//!
//! Never panics, on any input: JSON nesting is capped by serde_json's recursion limit (128),
//! every slice is taken at a checked char boundary, and the number of findings is capped.
//!
//! ```
//! use registry_auth::findings::FindingCode;
//! use registry_auth::inspector::{inspect, fixed_config, ConfigFormat};
//! let ins = inspect(r#"{"auths":{"index.docker.io":{"auth":"bWU6dG9rCg=="}}}"#);
//! assert_eq!(ins.format, ConfigFormat::DockerConfig);
//! let codes: Vec<_> = ins.findings.iter().map(|f| f.code).collect();
//! assert!(codes.contains(&FindingCode::HubKeyNeverMatches) && codes.contains(&FindingCode::WhitespaceInField));
//! assert_eq!(fixed_config(&ins).unwrap(), r#"{"auths":{"https://index.docker.io/v1/":{"auth":"bWU6dG9r"}}}"#);
//! ```

mod almost_json;
mod auth_field;
mod base64_text;
mod checks;
mod entries;
mod fix;
mod json;
mod secret;
mod text_scan;

use strum::{EnumIter, IntoStaticStr};

pub use fix::{fixed_config, fixed_parts, fixed_setup, keys_for_images, left_out_keys, shadowed_keys, to_setup, FixedParts};
pub use secret::fixed_secret;

use crate::findings::{sort_findings, Finding, FindingCode, Severity};
use crate::resolver::ConfigView;

/// At most this many findings are returned; the rest are counted in `findings-truncated`.
pub const MAX_FINDINGS: usize = 200;

/// What was pasted. `as_str()` is a stable kebab-case id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum ConfigFormat {
    /// `DOCKER_AUTH_CONFIG`, `~/.docker/config.json` or containers' `auth.json`: one format,
    /// nothing in the value tells them apart.
    DockerConfig,
    /// `~/.dockercfg`: registry keys at the top level, no `auths` wrapper.
    LegacyDockercfg,
    /// The `.dockerconfigjson` value of a Secret: base64 of the JSON.
    #[strum(serialize = "k8s-dockerconfigjson-base64")]
    KubernetesDockerconfigjsonBase64,
    #[strum(serialize = "k8s-secret-yaml")]
    KubernetesSecretYaml,
    #[strum(serialize = "k8s-secret-json")]
    KubernetesSecretJson,
    /// Empty, or nothing recognisable.
    #[default]
    Unknown,
}

impl ConfigFormat {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One registry of the pasted config, decoded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InspectedEntry {
    /// The key as written.
    pub key: String,
    /// The path GitLab Runner matches images against (`convertToRegistryPath`,
    /// `docs/gitlab-runner.md#key-normalisation`).
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

impl InspectedEntry {
    /// How long its credential lives, when it says or its kind does (`lifetime`).
    pub fn lifetime(&self) -> Option<crate::lifetime::Lifetime> {
        let user = self.username.as_deref().unwrap_or_default();
        let secret = self.password.as_deref().or(self.undivided_auth.as_deref()).or(self.identity_token.as_deref()).unwrap_or_default();
        crate::lifetime::lifetime_at(&self.key, user, secret)
    }
}

impl Inspection {
    /// The earliest lifetime among the entries: when the value stops working.
    pub fn earliest_lifetime(&self) -> Option<crate::lifetime::Lifetime> {
        crate::lifetime::earliest(self.entries.iter().filter_map(InspectedEntry::lifetime))
    }
}

/// The name and namespace of a pasted Secret, as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecretMeta {
    pub name: Option<String>,
    pub namespace: Option<String>,
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
    /// Whether docker CLI ≥ 28.3 accepts the value as pasted from the `DOCKER_AUTH_CONFIG`
    /// environment variable (see [`LOADER_FAILURES`] and [`STRICT_ENV_BREAKERS`]).
    pub strict_env: bool,
    /// Set when a whole Kubernetes Secret was pasted: what [`fixed_secret`] keeps of it.
    pub secret: Option<SecretMeta>,
    /// Whether the docker CLI's loader, which GitLab Runner vendors, fails on the value as
    /// pasted, so neither uses any of its credentials (see [`LOADER_FAILURES`]).
    pub loader_fails: bool,
    /// Whether GitLab Runner discards every credential of the value: the loader fails, or a
    /// helper it names cannot run on any runner (`docs/gitlab-runner.md#parsing-and-all-or-nothing`).
    pub runner_drops: bool,
}

impl ConfigView {
    /// The generator's value as the resolver reads it. The value is read back through the
    /// inspector, so what the runner and the docker CLI make of a value has one home.
    pub fn of_generated(generated: &crate::config_builder::Generated) -> ConfigView {
        ConfigView::from(&inspect(&generated.value))
    }
}

impl From<&Inspection> for ConfigView {
    fn from(inspection: &Inspection) -> Self {
        ConfigView {
            auths: inspection.entries.iter().filter(|e| e.in_auths).map(|e| e.key.clone()).collect(),
            cred_helpers: inspection.cred_helpers.clone(),
            creds_store: inspection.creds_store.clone(),
            strict_env: inspection.strict_env,
            loader_fails: inspection.loader_fails,
            runner_drops: inspection.runner_drops,
            refused_helpers: Vec::new(),
            executor: None,
        }
    }
}

/// Problems that make docker CLI ≥ 28.3's strict parser refuse the whole `DOCKER_AUTH_CONFIG`
/// from the environment (`docs/docker-cli.md#the-docker_auth_config-environment-store`): anything
/// that is not one JSON object of `auths` with a decodable `auth` in every entry. These, and
/// every one of [`LOADER_FAILURES`]. Go's decoder accepts lone surrogates, escaped line breaks
/// in base64 and repeated keys, so those are absent.
const STRICT_ENV_BREAKERS: [FindingCode; 8] = [
    FindingCode::JsonTooDeep,
    FindingCode::JsonTrailingText,
    FindingCode::StrictCliRejects,
    FindingCode::StrictCliMissingAuth,
    FindingCode::LegacyFormat,
    FindingCode::JsonVariablePrefix,
    FindingCode::JsonShellQuotes,
    FindingCode::JsonMisplacedKey,
];

/// Findings on which the docker CLI's `LoadFromReader` (vendored into GitLab Runner) returns an
/// error for the value as pasted: it is not JSON Go decodes into a config, or an `auth` fails
/// `decodeAuth` (`docs/gitlab-runner.md#parsing-and-all-or-nothing`). Text around a pasted
/// shell line (`DOCKER_AUTH_CONFIG=`, quotes) is left out: the variable itself holds no such text.
const LOADER_FAILURES: [FindingCode; 16] = [
    FindingCode::JsonInvalid,
    FindingCode::JsonRawNewline,
    FindingCode::JsonInvalidEscape,
    FindingCode::JsonWrongType,
    FindingCode::JsonNotObject,
    FindingCode::JsonBom,
    FindingCode::JsonTypographicQuotes,
    FindingCode::JsonNbsp,
    FindingCode::AuthBase64UrlSafe,
    FindingCode::AuthBase64Unpadded,
    FindingCode::AuthBase64Spaces,
    FindingCode::AuthBase64Invalid,
    FindingCode::AuthNoColon,
    FindingCode::AuthEmptyUsername,
    FindingCode::AuthIsToken,
    FindingCode::AuthNotEncoded,
];

/// Inspects whatever was pasted, for the default situation (the newest GitLab Runner this tool
/// knows). Never panics.
pub fn inspect(text: &str) -> Inspection {
    inspect_in(text, &crate::situation::Situation::default())
}

/// [`inspect`] for a situation: the findings that depend on the runner version follow it
/// (`helper_allowlist`).
pub fn inspect_in(text: &str, situation: &crate::situation::Situation) -> Inspection {
    let mut ins = inspect_text(text);
    if let Some(refused) = crate::helper_allowlist::refusal(&ins.cred_helpers, ins.creds_store.as_deref(), situation.runner_version()) {
        let entries = &ins.entries;
        let entry_of = |key: &str| entries.iter().position(|e| e.helper.is_some() && e.key == key);
        let found = refused.findings(entry_of);
        ins.findings.extend(found);
    }
    finish(&mut ins);
    ins
}

fn inspect_text(text: &str) -> Inspection {
    let mut ins = Inspection::default();
    if text.trim().is_empty() {
        push(&mut ins.findings, FindingCode::InputEmpty, Severity::Info, None, "");
        return ins;
    }
    // `docs/failure-modes.md#text-that-is-almost-json`: repaired in place, positions kept.
    let repaired = almost_json::repair(text, &mut ins);
    let text = repaired.as_ref();
    let trimmed = text.trim();
    if trimmed.is_empty() {
        push(&mut ins.findings, FindingCode::InputEmpty, Severity::Info, None, "");
    } else if trimmed.starts_with(['{', '[']) {
        ins.format = ConfigFormat::DockerConfig;
        if let Some(root) = json::parse_json(text, &mut ins) {
            match secret::secret_json(&root) {
                Some(read) => {
                    ins.format = ConfigFormat::KubernetesSecretJson;
                    secret::inspect_secret(read, &mut ins);
                }
                None => {
                    entries::analyse_root(root, text, &mut ins);
                    almost_json::escaped_carriage_return(text, &mut ins);
                    checks::check_value_text(trimmed, &mut ins);
                }
            }
        }
    } else if secret::looks_like_yaml_secret(trimmed) {
        ins.format = ConfigFormat::KubernetesSecretYaml;
        secret::inspect_secret(secret::yaml_secret(trimmed), &mut ins);
    } else if let Some(decoded) =
        crate::lenient_base64::looks_like_base64(trimmed).then(|| crate::lenient_base64::decode_lenient(trimmed)).flatten()
    {
        base64_text::inspect_base64_text(&decoded, trimmed, &mut ins);
    } else if let Some(root) = json::parse_json(text, &mut ins) {
        // A bare JSON string or number: not a config.
        entries::analyse_root(root, text, &mut ins);
    }
    ins
}

/// Records one finding; `at` is the entry index and key it concerns. One out-of-line function
/// for every call site keeps the builder code out of each of them (wasm size).
#[inline(never)]
fn push(findings: &mut Vec<Finding>, code: FindingCode, severity: Severity, at: Option<(usize, &str)>, subject: &str) {
    let mut finding = Finding::new(code, severity);
    if let Some((index, key)) = at {
        finding.entry = Some(index);
        finding.key = Some(key.to_owned());
    }
    finding.subject = subject.to_owned();
    findings.push(finding);
}

/// Records a finding built elsewhere (token findings), placed at the entry it concerns.
fn push_finding(findings: &mut Vec<Finding>, mut finding: Finding, at: Option<(usize, &str)>) {
    if let Some((index, key)) = at {
        finding.entry = Some(index);
        finding.key = Some(key.to_owned());
    }
    findings.push(finding);
}

fn finish(ins: &mut Inspection) {
    // Before the findings are capped: the verdicts need all of them.
    let found = |codes: &[FindingCode]| ins.findings.iter().any(|f| codes.contains(&f.code));
    let loader_fails = ins.readable && found(&LOADER_FAILURES);
    ins.strict_env = ins.readable
        && ins.format == ConfigFormat::DockerConfig
        && ins.json_error.is_none()
        && !loader_fails
        && !found(&STRICT_ENV_BREAKERS);
    ins.runner_drops = loader_fails || (ins.readable && found(&[FindingCode::DesktopOnlyStore]));
    ins.loader_fails = loader_fails;
    sort_findings(&mut ins.findings);
    if ins.findings.len() > MAX_FINDINGS {
        let dropped = ins.findings.len() - (MAX_FINDINGS - 1);
        ins.findings.truncate(MAX_FINDINGS - 1);
        push(&mut ins.findings, FindingCode::FindingsTruncated, Severity::Info, None, &dropped.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<FindingCode> {
        inspect(text).findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn json_errors_are_classified() {
        assert!(codes("{\"auths\":{\"a.io\":{\"auth\":\"dTpw\nZA==\"}}}").contains(&FindingCode::JsonRawNewline));
        assert!(codes(r#"{"auths":{"a.io":{"auth":"\x41"}}}"#).contains(&FindingCode::JsonInvalidEscape));
        assert!(codes(r#"{"auths":{"a.io":{"auth":"\ud800"}}}"#).contains(&FindingCode::JsonLoneSurrogate));
        assert!(codes(&"[".repeat(10_000)).contains(&FindingCode::JsonTooDeep));
        assert!(codes(r#"{"auths":{}"#).contains(&FindingCode::JsonInvalid));
    }

    #[test]
    fn base64_detection() {
        assert!(codes("dXNlcjpwYXNz").contains(&FindingCode::BareAuthString));
        assert_eq!(inspect("eyJhdXRocyI6e319").format, ConfigFormat::KubernetesDockerconfigjsonBase64);
        assert!(codes("not a config").contains(&FindingCode::JsonInvalid));
    }

    #[test]
    fn a_raw_token_in_auth_is_loaded_as_typed_not_as_garbage() {
        // Decodable only with URL-safe repairs, to bytes that are no text: a raw token.
        let ins = inspect(r#"{"auths":{"registry.example.com:5000":{"auth":"not-a-real-token"}}}"#);
        let found: Vec<FindingCode> = ins.findings.iter().map(|f| f.code).collect();
        assert!(found.contains(&FindingCode::AuthBase64Invalid) && !found.contains(&FindingCode::AuthBase64UrlSafe), "{found:?}");
        assert_eq!(to_setup(&ins).entries[0].secret, "not-a-real-token");
        // Standard base64 of bytes that are no text: the runner decodes it, finds no `:`.
        let ins = inspect(r#"{"auths":{"a.io":{"auth":"notarealtokenAAA"}}}"#);
        assert!(ins.findings.iter().any(|f| f.code == FindingCode::AuthNoColon));
        assert_eq!(to_setup(&ins).entries[0].secret, "notarealtokenAAA");
        // A real URL-safe user:token is still repaired.
        let url_safe = "dXNlcjpwYXNzPz8-";
        assert!(codes(&format!(r#"{{"auths":{{"a.io":{{"auth":"{url_safe}"}}}}}}"#)).contains(&FindingCode::AuthBase64UrlSafe));
    }
}
