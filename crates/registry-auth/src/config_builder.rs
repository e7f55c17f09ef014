//! Builds the `DOCKER_AUTH_CONFIG` value and the live checks on the inputs.
//!
//! ```
//! use registry_auth::{config_builder::build, setup::{RegistryEntry, Setup}};
//! let setup = Setup { entries: vec![RegistryEntry::basic("docker.io", "me", "tok")], ..Setup::default() };
//! let out = build(&setup);
//! assert_eq!(out.value, r#"{"auths":{"https://index.docker.io/v1/":{"auth":"bWU6dG9r"}}}"#);
//! ```

use serde_json::{Map, Value};

use crate::auth_encoding::{encode_auth, validate_username, UsernameError};
use crate::credential_findings::{credential_text_findings, token_findings, username_findings};
use crate::credential_helper::{check_helper, mixed_sources, name_problem};
use crate::findings::{sort_findings, Finding, FindingCode, Severity};
use crate::gitlab_variable::VariableAdvice;
use crate::registry_key::{normalise_registry, RegistryKey, RegistryKeyError};
use crate::runner_version::{Holds, VersionInput, VersionedRule};
use crate::setup::{CredentialKind, OutputOptions, RegistryEntry, Setup};
use crate::stray_characters::{has_stray_whitespace, whitespace_matters};

/// What the generator shows for one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryOutput {
    pub key: Result<RegistryKey, RegistryKeyError>,
    /// The `auth` string, for basic entries whose username can be encoded.
    pub auth: Option<String>,
    /// Whether the entry made it into the value (false for errors and later duplicates).
    pub written: bool,
    /// How long its credential lives, when it says or its kind does (`lifetime`).
    pub lifetime: Option<crate::lifetime::Lifetime>,
}

/// The whole output of the generator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The value to paste, one line unless `pretty`.
    pub value: String,
    pub entries: Vec<EntryOutput>,
    pub findings: Vec<Finding>,
    pub variable: VariableAdvice,
    /// The earliest lifetime of the credentials written: when the value stops working.
    pub earliest_lifetime: Option<crate::lifetime::Lifetime>,
}

/// One entry checked on its own: everything only that entry decides. The page recomputes it
/// when that entry changes, then [`assemble`]s the value from every entry's part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryBuild {
    pub key: Result<RegistryKey, RegistryKeyError>,
    /// The `auth` string, for basic entries whose username can be encoded.
    pub auth: Option<String>,
    /// What the entry writes into the value, if it can be written.
    part: Option<Part>,
    /// The helper of a helper entry, for the checks on the whole value.
    helper: Option<String>,
    /// Findings about this entry alone; `assemble` sets their entry index.
    findings: Vec<Finding>,
    lifetime: Option<crate::lifetime::Lifetime>,
    /// A row the user has not started on yet.
    blank: bool,
}

/// An entry's part of the value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Auths(Value),
    CredHelper(String),
}

/// Checks one entry and computes its key, `auth` and part of the value. Never panics.
pub fn build_entry(entry: &RegistryEntry, include_plain_fields: bool) -> EntryBuild {
    if entry.is_blank() {
        // Nothing to write, nothing to complain about.
        return EntryBuild {
            key: Err(RegistryKeyError::Empty),
            auth: None,
            part: None,
            helper: None,
            findings: Vec::new(),
            lifetime: None,
            blank: true,
        };
    }
    let mut findings = Vec::new();
    let key = normalise_registry(&entry.registry, entry.keep_namespace);
    findings.extend(crate::key_findings::key_findings(&entry.registry, &key));
    let (auth, part, helper) = match entry.kind {
        CredentialKind::Basic => {
            // Docker Hub and dhi.io sign in with the Docker ID (`usernames`).
            let docker_id = key.as_ref().is_ok_and(|k| crate::usernames::signs_in_with_docker_id(&k.key));
            let auth = check_basic(entry, include_plain_fields, docker_id, &mut findings);
            let part = auth.as_deref().map(|auth| Part::Auths(auth_entry(auth, entry, include_plain_fields)));
            (auth, part, None)
        }
        CredentialKind::Helper => {
            findings.push(check_helper(&entry.helper));
            let part = name_problem(&entry.helper).is_none().then(|| Part::CredHelper(entry.helper.clone()));
            (None, part, Some(entry.helper.clone()))
        }
    };
    // A preset's placeholder (`ACCOUNT.dkr.ecr.REGION…`) is no registry: said, and not written.
    let placeholder = crate::presets::placeholder_in(&entry.registry);
    if let Some(placeholder) = placeholder {
        findings.push(Finding::new(FindingCode::RegistryPlaceholder, Severity::Error).subject(placeholder));
    }
    let part = if key.is_ok() && placeholder.is_none() { part } else { None };
    let lifetime = (entry.kind == CredentialKind::Basic)
        .then(|| crate::lifetime::lifetime_at(&entry.registry, &entry.username, &entry.secret))
        .flatten();
    EntryBuild { key, auth, part, helper, findings, lifetime, blank: false }
}

/// Builds the value and every finding for `setup`, for the default situation (the newest GitLab
/// Runner this tool knows). Never panics on any input.
pub fn build(setup: &Setup) -> Generated {
    build_for(setup, VersionInput::read(""))
}

/// [`build`] for the situation's runner version (`Situation::runner_version`): the findings that
/// depend on it follow it.
pub fn build_for(setup: &Setup, runner: VersionInput) -> Generated {
    let built: Vec<EntryBuild> = setup.entries.iter().map(|e| build_entry(e, setup.options.include_plain_fields)).collect();
    assemble(&built, &setup.creds_store, setup.options, runner)
}

/// The value and every finding from the entries built one by one: duplicates (the first entry
/// of a key is written), the `credsStore`, the checks on the value as a whole, and those of the
/// situation (helpers the `runner` version will not run, `helper_allowlist`).
///
/// `built` holds the entries' builds or references to them (the page keeps its builds and
/// passes references, so an unchanged entry is not copied at each keystroke).
pub fn assemble<B: std::borrow::Borrow<EntryBuild>>(
    built: &[B],
    creds_store: &str,
    options: OutputOptions,
    runner: VersionInput,
) -> Generated {
    let built: Vec<&EntryBuild> = built.iter().map(std::borrow::Borrow::borrow).collect();
    let mut findings = Vec::new();
    let mut auths = Map::new();
    let mut helpers = Map::new();
    let mut entries = Vec::with_capacity(built.len());
    for (index, entry) in built.iter().enumerate() {
        findings.extend(entry.findings.iter().map(|f| f.clone().entry(index)));
        let mut written = false;
        if let (Ok(key), Some(part)) = (&entry.key, &entry.part) {
            if auths.contains_key(&key.key) || helpers.contains_key(&key.key) {
                findings.push(Finding::new(FindingCode::DuplicateKey, Severity::Error).entry(index).key(&key.key).subject(&key.key));
            } else {
                match part {
                    Part::Auths(fields) => auths.insert(key.key.clone(), fields.clone()),
                    Part::CredHelper(name) => helpers.insert(key.key.clone(), Value::String(name.clone())),
                };
                written = true;
            }
        } else if let Ok(key) = &entry.key {
            // Not writable (no usable username or helper), but still a duplicate if repeated.
            if auths.contains_key(&key.key) || helpers.contains_key(&key.key) {
                findings.push(Finding::new(FindingCode::DuplicateKey, Severity::Error).entry(index).key(&key.key).subject(&key.key));
            }
        }
        entries.push(EntryOutput { key: entry.key.clone(), auth: entry.auth.clone(), written, lifetime: entry.lifetime });
    }

    let store = creds_store.trim();
    if !store.is_empty() {
        findings.push(check_helper(store));
        findings.push(Finding::new(FindingCode::CredsStoreDockerHub, Severity::Warning).subject(store));
        if !auths.is_empty() {
            findings.push(Finding::new(FindingCode::CredsStoreShadowsAuths, Severity::Warning).subject(store));
        }
    }
    let helpers_used = std::iter::once(store).filter(|s| !s.is_empty()).chain(helpers.values().filter_map(Value::as_str));
    findings.extend(mixed_sources(!auths.is_empty(), helpers_used));
    if store == "ecr-login" || built.iter().any(|e| e.helper.as_deref() == Some("ecr-login")) {
        findings.push(Finding::new(FindingCode::EcrAwsRegion, Severity::Info));
    }
    if options.include_plain_fields {
        findings.push(Finding::new(FindingCode::PlainFieldsStrictCli, Severity::Warning));
    }
    let written_helpers: Vec<(String, String)> =
        helpers.iter().filter_map(|(key, helper)| helper.as_str().map(|h| (key.clone(), h.to_owned()))).collect();
    let store_written = (!store.is_empty() && name_problem(store).is_none()).then_some(store);
    if let Some(refused) = crate::helper_allowlist::refusal(&written_helpers, store_written, runner) {
        let entry_of = |key: &str| built.iter().position(|e| e.part.is_some() && e.key.as_ref().is_ok_and(|k| k.key == key));
        findings.extend(refused.findings(entry_of));
    }
    if built.iter().all(|e| e.blank) && store.is_empty() {
        findings.push(Finding::new(FindingCode::NoRegistries, Severity::Info));
    }

    let mut root = Map::new();
    root.insert("auths".into(), Value::Object(auths));
    if !helpers.is_empty() {
        root.insert("credHelpers".into(), Value::Object(helpers));
    }
    if !store.is_empty() && name_problem(store).is_none() {
        root.insert("credsStore".into(), Value::String(store.to_owned()));
    }
    let value = write_json(&Value::Object(root), options.pretty);
    let variable = VariableAdvice::for_value(&value);
    if !variable.maskable() {
        findings.push(Finding::new(FindingCode::ValueNotMaskable, Severity::Info));
    }
    if !variable.fits_instance_limit {
        findings.push(Finding::new(FindingCode::ValueTooLong, Severity::Warning).subject(variable.length.to_string()));
    }
    // A namespaced key on a runner the user says is older than 17.5 never matches: the note
    // becomes an error (`VersionedRule::NamespacedKeys`).
    if !runner.assumed && runner.problem.is_none() && VersionedRule::NamespacedKeys.holds(runner.version) == Holds::No {
        for finding in findings.iter_mut().filter(|f| f.code == FindingCode::NamespacedKey) {
            finding.severity = Severity::Error;
        }
    }
    sort_findings(&mut findings);
    let earliest_lifetime = crate::lifetime::earliest(entries.iter().filter(|e| e.written).filter_map(|e| e.lifetime));
    Generated { value, entries, findings, variable, earliest_lifetime }
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

/// Checks a username/token entry and returns its `auth` when the username can be encoded.
fn check_basic(entry: &RegistryEntry, include_plain_fields: bool, docker_id: bool, findings: &mut Vec<Finding>) -> Option<String> {
    match validate_username(&entry.username) {
        Err(UsernameError::Empty) => findings.push(Finding::new(FindingCode::UsernameEmpty, Severity::Error)),
        Err(UsernameError::ContainsColon) => findings.push(Finding::new(FindingCode::UsernameColon, Severity::Error)),
        Err(UsernameError::ControlCharacter) => findings.push(Finding::new(FindingCode::UsernameControl, Severity::Error)),
        Ok(()) => {}
    }
    if entry.secret.is_empty() {
        findings.push(Finding::new(FindingCode::SecretEmpty, Severity::Error));
    }
    for (field, text) in [("username", &entry.username), ("password", &entry.secret)] {
        if has_stray_whitespace(text) && whitespace_matters(&entry.username, field) {
            findings.push(Finding::new(FindingCode::WhitespaceInField, Severity::Error).subject(field));
        }
        findings.extend(credential_text_findings(field, text, include_plain_fields));
    }
    // `docs/tokens.md#advice`: what the recognised token kinds need.
    findings.extend(token_findings(&entry.username, &entry.secret));
    // `docs/tokens.md`: a job token kept after its job, Google's two key usernames, an e-mail
    // where Docker Hub wants the Docker ID.
    findings.extend(username_findings(&entry.username, &entry.secret, docker_id));
    encode_auth(&entry.username, &entry.secret).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_namespaced_key_is_an_error_on_a_runner_typed_older_than_17_5() {
        let setup = Setup {
            entries: vec![RegistryEntry {
                keep_namespace: true,
                ..RegistryEntry::basic("registry.example.com:5000/team", "u", "not-a-real-token")
            }],
            ..Setup::default()
        };
        let severity = |version: &str| {
            build_for(&setup, VersionInput::read(version))
                .findings
                .iter()
                .find(|f| f.code == FindingCode::NamespacedKey)
                .map(|f| f.severity)
        };
        assert_eq!(severity("17.4"), Some(Severity::Error));
        assert_eq!(severity("17.4.2"), Some(Severity::Error));
        assert_eq!(severity("17.5"), Some(Severity::Info));
        assert_eq!(severity(""), Some(Severity::Info), "no version typed: the newest is assumed");
        assert_eq!(severity("not a version"), Some(Severity::Info));
    }
    use crate::setup::OutputOptions;

    fn codes(setup: &Setup) -> Vec<FindingCode> {
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
        assert!(codes(&setup).contains(&FindingCode::PlainFieldsStrictCli));
        assert!(codes(&setup).contains(&FindingCode::ValueNotMaskable));
    }

    #[test]
    fn each_entry_error() {
        assert!(codes(&one(RegistryEntry::basic("", "u", "p"))).contains(&FindingCode::RegistryEmpty));
        assert!(codes(&one(RegistryEntry::basic("a b", "u", "p"))).contains(&FindingCode::RegistryInvalid));
        assert!(codes(&one(RegistryEntry::basic("a.io:x", "u", "p"))).contains(&FindingCode::RegistryPortInvalid));
        let with_password = build(&one(RegistryEntry::basic("https://robot:QzRegPass123@a.io", "u", "p")));
        assert!(with_password.findings.iter().any(|f| f.code == FindingCode::RegistryCredentials && f.subject == "https://a.io"));
        assert!(!with_password.value.contains("QzRegPass123"));
        assert!(codes(&one(RegistryEntry::basic("a.io", "", "p"))).contains(&FindingCode::UsernameEmpty));
        assert!(codes(&one(RegistryEntry::basic("a.io", "u\u{0}", "p"))).contains(&FindingCode::UsernameControl));
        assert!(codes(&one(RegistryEntry::basic("a.io", "u:x", "p"))).contains(&FindingCode::UsernameColon));
        assert!(codes(&one(RegistryEntry::basic("a.io", "u", ""))).contains(&FindingCode::SecretEmpty));
        assert!(codes(&one(RegistryEntry::basic("a.io", "u", "tok\n"))).contains(&FindingCode::WhitespaceInField));
        assert!(codes(&one(RegistryEntry::basic("a.io", " u", "tok"))).contains(&FindingCode::WhitespaceInField));
        assert!(codes(&one(RegistryEntry::basic("a.io", "u", "t$5k"))).contains(&FindingCode::DollarInField));
        assert!(codes(&one(RegistryEntry::basic("a.io", "u", "$CI_JOB_TOKEN"))).contains(&FindingCode::VariableReferenceInCredential));
        assert!(!codes(&one(RegistryEntry::basic("a.io", "u", "$CI_JOB_TOKEN"))).contains(&FindingCode::DollarInField));
        assert!(codes(&one(RegistryEntry::helper("a.io", ""))).contains(&FindingCode::HelperEmpty));
        assert!(codes(&one(RegistryEntry::helper("a.io", "../bin/x"))).contains(&FindingCode::HelperNameInvalid));
        assert!(codes(&one(RegistryEntry::helper("a.io", "osxkeychain"))).contains(&FindingCode::DesktopOnlyStore));
        assert!(codes(&one(RegistryEntry::helper("a.io", "gcloud"))).contains(&FindingCode::HelperNeedsInstall));
        assert!(codes(&one(RegistryEntry::basic("docker.io", "u", "p"))).contains(&FindingCode::DockerHubKey));
        assert!(codes(&one(RegistryEntry::basic("https://a.io/v2/", "u", "p"))).contains(&FindingCode::RegistrySchemeOrPath));
        assert!(codes(&Setup::default()).contains(&FindingCode::NoRegistries));
        assert!(codes(&one(RegistryEntry::basic("rëgistry.example.com", "u", "p"))).contains(&FindingCode::HostIdn));
        assert!(codes(&one(RegistryEntry::basic("registry.example.com.", "u", "p"))).contains(&FindingCode::HostTrailingDot));
        assert!(codes(&one(RegistryEntry::basic("[2001:db8::1]:5000", "u", "p"))).is_empty());
        let ecr = build(&one(RegistryEntry::helper("ACCOUNT.dkr.ecr.REGION.amazonaws.com", "ecr-login")));
        assert!(ecr.findings.iter().any(|f| f.code == FindingCode::RegistryPlaceholder && f.severity == Severity::Error));
        assert_eq!(ecr.value, r#"{"auths":{}}"#, "the placeholder is not written");
    }

    #[test]
    fn pasted_strays_are_named_with_their_place() {
        let out = build(&one(RegistryEntry::basic("a.io", "\u{200B}robot", "\"glpat-xxxxxxxxxxxxxxxxxxxx\"\u{FEFF}")));
        let strays: Vec<_> = out
            .findings
            .iter()
            .filter(|f| matches!(f.code, FindingCode::InvisibleCharacter | FindingCode::QuotedCredential))
            .map(|f| (f.code, f.subject.as_str(), f.detail.as_str(), f.at))
            .collect();
        assert_eq!(
            strays,
            [
                (FindingCode::InvisibleCharacter, "username", "U+200B ZERO WIDTH SPACE", Some(1)),
                (FindingCode::InvisibleCharacter, "password", "U+FEFF ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)", Some(29)),
                (FindingCode::QuotedCredential, "password", "U+0022 QUOTATION MARK", Some(1)),
            ]
        );
        // Encoded as typed: the finding says why the value is wrong, the value does not guess.
        assert_eq!(
            out.entries[0].auth.as_deref().map(|a| crate::auth_encoding::decode_auth(a).unwrap().0),
            Some("\u{200B}robot".to_owned())
        );
    }

    #[test]
    fn usernames_that_say_what_the_password_is() {
        // `docs/tokens.md#the-job-token-username`: said once, by the username.
        let job = codes(&one(RegistryEntry::basic("registry.gitlab.com", "gitlab-ci-token", "glcbt-NOTREAL-not-a-real-token-0000")));
        assert!(job.contains(&FindingCode::ShortLivedInStaticValue) && !job.contains(&FindingCode::TokenShortLived), "{job:?}");
        assert!(codes(&one(RegistryEntry::basic("registry.gitlab.com", "gitlab-ci-token", "not-a-real-token")))
            .contains(&FindingCode::ShortLivedInStaticValue));
        // `docs/tokens.md#google-json-keys`.
        let key = "{\n  \"type\": \"service_account\"\n}\n";
        let encoded = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, key);
        assert!(codes(&one(RegistryEntry::basic("europe-docker.pkg.dev", "_json_key", &encoded))).contains(&FindingCode::JsonKeyUsername));
        assert!(!codes(&one(RegistryEntry::basic("europe-docker.pkg.dev", "_json_key", key))).contains(&FindingCode::JsonKeyUsername));
        // `docs/tokens.md#docker-hub`: Docker Hub in any spelling, the key it is written under.
        for registry in ["docker.io", "https://index.docker.io/v1/", "hub.docker.com", "dhi.io"] {
            let out = build(&one(RegistryEntry::basic(registry, "someone@example.com", "not-a-real-token")));
            assert!(
                out.findings.iter().any(|f| f.code == FindingCode::DockerHubEmailUsername && f.severity == Severity::Error),
                "{registry}"
            );
        }
        assert!(!codes(&one(RegistryEntry::basic("quay.io", "someone@example.com", "not-a-real-token")))
            .contains(&FindingCode::DockerHubEmailUsername));
    }

    #[test]
    fn a_blank_row_is_not_an_error() {
        let out = build(&one(RegistryEntry::default()));
        assert_eq!(out.value, r#"{"auths":{}}"#);
        assert_eq!(out.findings.iter().map(|f| f.code).collect::<Vec<_>>(), [FindingCode::NoRegistries]);
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
        assert!(out.findings.iter().any(|f| f.code == FindingCode::DuplicateKey && f.entry == Some(1)));
        assert!(out.value.contains("YTox"));
    }

    #[test]
    fn creds_store_warnings() {
        let mut setup = one(RegistryEntry::basic("a.io", "u", "p"));
        setup.creds_store = "ecr-login".into();
        let found = codes(&setup);
        for code in [
            FindingCode::CredsStoreDockerHub,
            FindingCode::CredsStoreShadowsAuths,
            FindingCode::EcrAwsRegion,
            FindingCode::HelperNeedsInstall,
            FindingCode::MixedHelpersAndAuths,
        ] {
            assert!(found.contains(&code), "{code:?}");
        }
        assert!(build(&setup).value.ends_with(r#""credsStore":"ecr-login"}"#));
        setup.creds_store = "desktop".into();
        assert!(codes(&setup).contains(&FindingCode::DesktopOnlyStore));
    }

    #[test]
    fn helpers_next_to_static_entries_are_all_or_nothing() {
        let helper_only = one(RegistryEntry::helper("gcr.io", "gcloud"));
        assert!(!codes(&helper_only).contains(&FindingCode::MixedHelpersAndAuths));
        let mixed =
            Setup { entries: vec![RegistryEntry::helper("gcr.io", "gcloud"), RegistryEntry::basic("a.io", "u", "p")], ..Setup::default() };
        let found = build(&mixed).findings.into_iter().find(|f| f.code == FindingCode::MixedHelpersAndAuths).unwrap();
        assert_eq!((found.subject.as_str(), found.entry), ("docker-credential-gcloud", None));
    }

    #[test]
    fn long_values_are_flagged() {
        let entries = (0..40).map(|i| RegistryEntry::basic(&format!("r{i}.example.com"), "user", &"t".repeat(300))).collect();
        let setup = Setup { entries, ..Setup::default() };
        assert!(codes(&setup).contains(&FindingCode::ValueTooLong));
    }
}
