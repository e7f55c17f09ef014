//! Builds the `DOCKER_AUTH_CONFIG` value and the live checks on the inputs.
//!
//! ```
//! use auth_config_builder::{config_builder::build, setup::{RegistryEntry, Setup}};
//! let setup = Setup { entries: vec![RegistryEntry::basic("docker.io", "me", "tok")], ..Setup::default() };
//! let out = build(&setup);
//! assert_eq!(out.value, r#"{"auths":{"https://index.docker.io/v1/":{"auth":"bWU6dG9r"}}}"#);
//! ```

use serde_json::{Map, Value};

use crate::auth_encoding::{encode_auth, validate_username, UsernameError};
use crate::findings::{sort_findings, Finding, Severity};
use crate::gitlab_variable::VariableAdvice;
use crate::registry_key::{normalise_registry, KeyNote, RegistryKey, RegistryKeyError};
use crate::setup::{CredentialKind, RegistryEntry, Setup};

/// Helper names offered in the `Helper` select, in display order.
pub const HELPER_PRESETS: [&str; 9] =
    ["ecr-login", "gcloud", "gcr", "acr-env", "osxkeychain", "wincred", "pass", "secretservice", "desktop"];

/// Stores that only exist on a desktop: no runner has them (registry-auth-semantics.md §7 #10).
pub const DESKTOP_ONLY_HELPERS: [&str; 3] = ["desktop", "osxkeychain", "wincred"];

/// Every code `build` can emit, for the catalogue completeness test.
pub const CODES: &[&str] = &[
    "registry-empty",
    "registry-invalid",
    "registry-port-invalid",
    "registry-credentials",
    "docker-hub-key",
    "registry-scheme-or-path",
    "namespaced-key",
    "username-empty",
    "username-colon",
    "username-control",
    "secret-empty",
    "whitespace-in-field",
    "dollar-in-field",
    "helper-empty",
    "helper-name-invalid",
    "desktop-only-store",
    "helper-needs-install",
    "duplicate-key",
    "creds-store-docker-hub",
    "creds-store-shadows-auths",
    "ecr-aws-region",
    "plain-fields-strict-cli",
    "value-not-maskable",
    "value-too-long",
    "no-registries",
];

/// What the generator shows for one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryOutput {
    pub key: Result<RegistryKey, RegistryKeyError>,
    /// The `auth` string, for basic entries whose username can be encoded.
    pub auth: Option<String>,
    /// Whether the entry made it into the value (false for errors and later duplicates).
    pub written: bool,
}

/// The whole output of the generator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The value to paste, one line unless `pretty`.
    pub value: String,
    pub entries: Vec<EntryOutput>,
    pub findings: Vec<Finding>,
    pub variable: VariableAdvice,
}

/// Builds the value and every finding for `setup`. Never panics on any input.
pub fn build(setup: &Setup) -> Generated {
    let mut findings = Vec::new();
    let mut auths = Map::new();
    let mut helpers = Map::new();
    let mut entries = Vec::with_capacity(setup.entries.len());

    for (index, entry) in setup.entries.iter().enumerate() {
        if entry.is_blank() {
            // A row the user has not started on yet: nothing to write, nothing to complain about.
            entries.push(EntryOutput { key: Err(RegistryKeyError::Empty), auth: None, written: false });
            continue;
        }
        let key = normalise_registry(&entry.registry, entry.keep_namespace);
        check_key(index, entry, &key, &mut findings);
        let auth = match entry.kind {
            CredentialKind::Basic => check_basic(index, entry, setup.options.include_plain_fields, &mut findings),
            CredentialKind::Helper => {
                check_helper_name(&entry.helper, Some(index), &mut findings);
                None
            }
        };
        let mut written = false;
        if let Ok(key) = &key {
            let taken = auths.contains_key(&key.key) || helpers.contains_key(&key.key);
            if taken {
                findings.push(Finding::new("duplicate-key", Severity::Error).entry(index).key(&key.key).subject(&key.key));
            } else {
                match entry.kind {
                    CredentialKind::Basic => {
                        if let Some(auth) = &auth {
                            auths.insert(key.key.clone(), auth_entry(auth, entry, setup.options.include_plain_fields));
                            written = true;
                        }
                    }
                    CredentialKind::Helper => {
                        if helper_name_problem(&entry.helper).is_none() {
                            helpers.insert(key.key.clone(), Value::String(entry.helper.clone()));
                            written = true;
                        }
                    }
                }
            }
        }
        entries.push(EntryOutput { key, auth, written });
    }

    let store = setup.creds_store.trim();
    if !store.is_empty() {
        check_helper_name(store, None, &mut findings);
        findings.push(Finding::new("creds-store-docker-hub", Severity::Warning).subject(store));
        if !auths.is_empty() {
            findings.push(Finding::new("creds-store-shadows-auths", Severity::Warning).subject(store));
        }
    }
    if store == "ecr-login" || setup.entries.iter().any(|e| e.kind == CredentialKind::Helper && e.helper == "ecr-login") {
        findings.push(Finding::new("ecr-aws-region", Severity::Info));
    }
    if setup.options.include_plain_fields {
        findings.push(Finding::new("plain-fields-strict-cli", Severity::Warning));
    }
    if setup.entries.iter().all(RegistryEntry::is_blank) && store.is_empty() {
        findings.push(Finding::new("no-registries", Severity::Info));
    }

    let mut root = Map::new();
    root.insert("auths".into(), Value::Object(auths));
    if !helpers.is_empty() {
        root.insert("credHelpers".into(), Value::Object(helpers));
    }
    if !store.is_empty() && helper_name_problem(store).is_none() {
        root.insert("credsStore".into(), Value::String(store.to_owned()));
    }
    let value = write_json(&Value::Object(root), setup.options.pretty);
    let variable = VariableAdvice::for_value(&value);
    if !variable.maskable() {
        findings.push(Finding::new("value-not-maskable", Severity::Info));
    }
    if !variable.fits_instance_limit {
        findings.push(Finding::new("value-too-long", Severity::Warning).subject(variable.length.to_string()));
    }
    sort_findings(&mut findings);
    Generated { value, entries, findings, variable }
}

/// Serialises with keys in sorted order (serde_json's map is a BTreeMap), so the same input
/// always gives the same bytes.
pub fn write_json(value: &Value, pretty: bool) -> String {
    let written = if pretty { serde_json::to_string_pretty(value) } else { serde_json::to_string(value) };
    // Serialising a `Value` with string keys cannot fail.
    written.unwrap_or_default()
}

fn auth_entry(auth: &str, entry: &RegistryEntry, include_plain_fields: bool) -> Value {
    let mut fields = Map::new();
    fields.insert("auth".into(), Value::String(auth.to_owned()));
    if include_plain_fields {
        fields.insert("username".into(), Value::String(entry.username.clone()));
        fields.insert("password".into(), Value::String(entry.secret.clone()));
    }
    Value::Object(fields)
}

fn check_key(index: usize, entry: &RegistryEntry, key: &Result<RegistryKey, RegistryKeyError>, findings: &mut Vec<Finding>) {
    match key {
        Err(RegistryKeyError::Empty) => findings.push(Finding::new("registry-empty", Severity::Error).entry(index)),
        Err(RegistryKeyError::InvalidCharacters) => {
            findings.push(Finding::new("registry-invalid", Severity::Error).entry(index).subject(entry.registry.trim()))
        }
        Err(RegistryKeyError::InvalidPort) => {
            findings.push(Finding::new("registry-port-invalid", Severity::Error).entry(index).subject(entry.registry.trim()))
        }
        // The subject is the registry without the userinfo: the finding must not show the password.
        Err(RegistryKeyError::Credentials) => findings.push(
            Finding::new("registry-credentials", Severity::Error)
                .entry(index)
                .subject(crate::userinfo::without_userinfo(entry.registry.trim())),
        ),
        Ok(key) => {
            let typed = entry.registry.trim();
            if key.notes.contains(&KeyNote::DockerHubAlias) {
                findings.push(Finding::new("docker-hub-key", Severity::Info).entry(index).key(&key.key).subject(typed));
            } else if key.notes.iter().any(|n| matches!(n, KeyNote::SchemeRemoved | KeyNote::PathRemoved | KeyNote::TagRemoved)) {
                findings.push(Finding::new("registry-scheme-or-path", Severity::Info).entry(index).key(&key.key).subject(typed));
            }
            if key.notes.contains(&KeyNote::NamespaceKept) {
                findings.push(Finding::new("namespaced-key", Severity::Info).entry(index).key(&key.key).subject(&key.key));
            }
        }
    }
}

/// Checks a username/token entry and returns its `auth` when the username can be encoded.
fn check_basic(index: usize, entry: &RegistryEntry, include_plain_fields: bool, findings: &mut Vec<Finding>) -> Option<String> {
    match validate_username(&entry.username) {
        Err(UsernameError::Empty) => findings.push(Finding::new("username-empty", Severity::Error).entry(index)),
        Err(UsernameError::ContainsColon) => findings.push(Finding::new("username-colon", Severity::Error).entry(index)),
        Err(UsernameError::ControlCharacter) => findings.push(Finding::new("username-control", Severity::Error).entry(index)),
        Ok(()) => {}
    }
    if entry.secret.is_empty() {
        findings.push(Finding::new("secret-empty", Severity::Error).entry(index));
    }
    for (field, text) in [("username", &entry.username), ("password", &entry.secret)] {
        if has_stray_whitespace(text) {
            findings.push(Finding::new("whitespace-in-field", Severity::Error).entry(index).subject(field));
        }
        if text.contains('$') {
            // Base64 has no `$`, so only literal fields and the token's own CI/CD variable expand it.
            let severity = if include_plain_fields { Severity::Warning } else { Severity::Info };
            findings.push(Finding::new("dollar-in-field", severity).entry(index).subject(field));
        }
    }
    encode_auth(&entry.username, &entry.secret).ok()
}

/// Leading or trailing whitespace, or a line break anywhere: the `echo` without `-n` bug
/// (registry-auth-semantics.md §7 #1).
pub fn has_stray_whitespace(text: &str) -> bool {
    text.contains(['\n', '\r']) || text.trim() != text
}

/// Why a helper name is unusable, if it is: the finding code. The runner refuses a name that is
/// not its own base name (`path traversal is not allowed`, a hard job error, §1.3); "" becomes
/// "." there.
pub fn helper_name_problem(name: &str) -> Option<&'static str> {
    if name.trim().is_empty() {
        Some("helper-empty")
    } else if name.chars().any(|c| c == '/' || c == '\\' || c.is_whitespace() || c.is_control()) {
        Some("helper-name-invalid")
    } else {
        None
    }
}

fn check_helper_name(name: &str, entry: Option<usize>, findings: &mut Vec<Finding>) {
    let with_entry = |f: Finding| match entry {
        Some(i) => f.entry(i),
        None => f,
    };
    if let Some(code) = helper_name_problem(name) {
        findings.push(with_entry(Finding::new(code, Severity::Error).subject(name)));
    } else if DESKTOP_ONLY_HELPERS.contains(&name) {
        findings.push(with_entry(Finding::new("desktop-only-store", Severity::Error).subject(name)));
    } else {
        findings.push(with_entry(Finding::new("helper-needs-install", Severity::Info).subject(format!("docker-credential-{name}"))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::setup::OutputOptions;

    fn codes(setup: &Setup) -> Vec<&'static str> {
        build(setup).findings.iter().map(|f| f.code).collect()
    }

    fn one(entry: RegistryEntry) -> Setup {
        Setup { entries: vec![entry], ..Setup::default() }
    }

    #[test]
    fn several_registries_helpers_and_store() {
        let setup = Setup {
            entries: vec![
                RegistryEntry::basic("registry.gitlab.com", "gitlab+deploy-token-1", "secret-a"),
                RegistryEntry::helper("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "ecr-login"),
                RegistryEntry::basic("https://Quay.io/v2/", "bot", "b"),
            ],
            creds_store: String::new(),
            options: OutputOptions::default(),
        };
        let out = build(&setup);
        assert_eq!(
            out.value,
            r#"{"auths":{"quay.io":{"auth":"Ym90OmI="},"registry.gitlab.com":{"auth":"Z2l0bGFiK2RlcGxveS10b2tlbi0xOnNlY3JldC1h"}},"credHelpers":{"123456789012.dkr.ecr.eu-west-1.amazonaws.com":"ecr-login"}}"#
        );
        assert!(out.entries.iter().all(|e| e.written));
    }

    #[test]
    fn pretty_and_plain_fields() {
        let mut setup = one(RegistryEntry::basic("a.io", "u", "p"));
        setup.options = OutputOptions { pretty: true, include_plain_fields: true };
        let out = build(&setup);
        assert_eq!(out.value, "{\n  \"auths\": {\n    \"a.io\": {\n      \"auth\": \"dTpw\",\n      \"password\": \"p\",\n      \"username\": \"u\"\n    }\n  }\n}");
        assert!(codes(&setup).contains(&"plain-fields-strict-cli"));
        assert!(codes(&setup).contains(&"value-not-maskable"));
    }

    #[test]
    fn each_entry_error() {
        assert!(codes(&one(RegistryEntry::basic("", "u", "p"))).contains(&"registry-empty"));
        assert!(codes(&one(RegistryEntry::basic("a b", "u", "p"))).contains(&"registry-invalid"));
        assert!(codes(&one(RegistryEntry::basic("a.io:x", "u", "p"))).contains(&"registry-port-invalid"));
        let with_password = build(&one(RegistryEntry::basic("https://robot:QzRegPass123@a.io", "u", "p")));
        assert!(with_password.findings.iter().any(|f| f.code == "registry-credentials" && f.subject == "https://a.io"));
        assert!(!with_password.value.contains("QzRegPass123"));
        assert!(codes(&one(RegistryEntry::basic("a.io", "", "p"))).contains(&"username-empty"));
        assert!(codes(&one(RegistryEntry::basic("a.io", "u\u{0}", "p"))).contains(&"username-control"));
        assert!(codes(&one(RegistryEntry::basic("a.io", "u:x", "p"))).contains(&"username-colon"));
        assert!(codes(&one(RegistryEntry::basic("a.io", "u", ""))).contains(&"secret-empty"));
        assert!(codes(&one(RegistryEntry::basic("a.io", "u", "tok\n"))).contains(&"whitespace-in-field"));
        assert!(codes(&one(RegistryEntry::basic("a.io", " u", "tok"))).contains(&"whitespace-in-field"));
        assert!(codes(&one(RegistryEntry::basic("a.io", "u", "t$k"))).contains(&"dollar-in-field"));
        assert!(codes(&one(RegistryEntry::helper("a.io", ""))).contains(&"helper-empty"));
        assert!(codes(&one(RegistryEntry::helper("a.io", "../bin/x"))).contains(&"helper-name-invalid"));
        assert!(codes(&one(RegistryEntry::helper("a.io", "osxkeychain"))).contains(&"desktop-only-store"));
        assert!(codes(&one(RegistryEntry::helper("a.io", "gcloud"))).contains(&"helper-needs-install"));
        assert!(codes(&one(RegistryEntry::basic("docker.io", "u", "p"))).contains(&"docker-hub-key"));
        assert!(codes(&one(RegistryEntry::basic("https://a.io/v2/", "u", "p"))).contains(&"registry-scheme-or-path"));
        assert!(codes(&Setup::default()).contains(&"no-registries"));
    }

    #[test]
    fn a_blank_row_is_not_an_error() {
        let out = build(&one(RegistryEntry::default()));
        assert_eq!(out.value, r#"{"auths":{}}"#);
        assert_eq!(out.findings.iter().map(|f| f.code).collect::<Vec<_>>(), ["no-registries"]);
    }

    #[test]
    fn a_clean_entry_has_no_problem() {
        let found = codes(&one(RegistryEntry::basic("registry.example.com:5000", "deployer", "s3cret-token")));
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn duplicates_keep_the_first() {
        let setup = Setup {
            entries: vec![RegistryEntry::basic("docker.io", "a", "1"), RegistryEntry::basic("index.docker.io", "b", "2")],
            ..Setup::default()
        };
        let out = build(&setup);
        assert!(out.entries[0].written && !out.entries[1].written);
        assert!(out.findings.iter().any(|f| f.code == "duplicate-key" && f.entry == Some(1)));
        assert!(out.value.contains("YTox"));
    }

    #[test]
    fn creds_store_warnings() {
        let mut setup = one(RegistryEntry::basic("a.io", "u", "p"));
        setup.creds_store = "ecr-login".into();
        let found = codes(&setup);
        for code in ["creds-store-docker-hub", "creds-store-shadows-auths", "ecr-aws-region", "helper-needs-install"] {
            assert!(found.contains(&code), "{code}");
        }
        assert!(build(&setup).value.ends_with(r#""credsStore":"ecr-login"}"#));
        setup.creds_store = "desktop".into();
        assert!(codes(&setup).contains(&"desktop-only-store"));
    }

    #[test]
    fn long_values_are_flagged() {
        let entries = (0..40).map(|i| RegistryEntry::basic(&format!("r{i}.example.com"), "user", &"t".repeat(300))).collect();
        let setup = Setup { entries, ..Setup::default() };
        assert!(codes(&setup).contains(&"value-too-long"));
    }
}
