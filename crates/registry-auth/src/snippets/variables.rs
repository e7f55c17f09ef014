//! The CI/CD variables the shown snippets read, with the value and the settings each gets, and
//! the `docker login` targets whose variable names the snippets share. The table lists exactly
//! the variables the snippets on the page read ([`SnippetId::ci_variables`]), no others
//! (`tests/variables_props.rs`).

use std::collections::HashSet;

use super::{SnippetId, PLACEHOLDER_REGISTRY};
use super::{SnippetOptions, VariableType};
use crate::config_builder::Generated;
use crate::gitlab_variable::VariableAdvice;
use crate::registry_key::normalise_registry;
use crate::setup::{CredentialKind, RegistryEntry, Setup};

/// One CI/CD variable the snippets reference, with the value to give it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VariableToCreate {
    pub name: String,
    pub value: VariableValue,
    /// Whether the value is a credential.
    pub secret: bool,
    /// Tick "Masked": a secret whose value GitLab accepts as masked with Expand off.
    pub masked: bool,
    /// Choose "Masked and hidden" (GitLab 17.4+): a masked secret nobody needs to read back in
    /// GitLab. Set only when the variable is created, and it cannot be undone: the value is never
    /// shown again, only replaced (`docs/gitlab-variables.md#masked-and-hidden`).
    pub hidden: bool,
    /// Tick "Expand variable". Always off: a `$` in a credential must stay literal
    /// (`docs/gitlab-variables.md#expansion`, `docs/failure-modes.md#dollar-signs-expanded`).
    pub expand: bool,
    /// Type File instead of Variable.
    pub file: bool,
    /// What the variable is for (the page says it in words).
    pub kind: VariableKind,
    /// The registry key the variable belongs to, or empty.
    pub subject: String,
}

/// What a variable holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum VariableKind {
    DockerAuthConfig,
    /// The username of one `docker login`.
    RegistryUser,
    /// The password or token of one `docker login`.
    RegistryPass,
    /// A setting of the secret manager `ci-secrets` reads from, or of the cloud identity a
    /// keyless login federates with (not a secret).
    Provider,
    /// The GitLab API token the refresh job updates `DOCKER_AUTH_CONFIG` with.
    ApiToken,
}

/// What to paste as a variable's value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum VariableValue {
    /// Exactly this text.
    Literal(String),
    /// Not typed into the tool yet: the page says what to paste, by the variable's kind.
    NotTyped,
}

/// The CI/CD variables the `shown` snippets read, one row each in the order they are first read:
/// `DOCKER_AUTH_CONFIG`, the user and password variables of each `docker login`, the secret
/// manager's settings. A variable no shown snippet reads is not listed.
pub fn variables_to_create(setup: &Setup, generated: &Generated, options: &SnippetOptions, shown: &[SnippetId]) -> Vec<VariableToCreate> {
    let mut names: Vec<String> = Vec::new();
    for id in shown {
        for name in id.ci_variables(setup, generated, options) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    let logins = login_targets(setup);
    names
        .into_iter()
        .map(|name| {
            if name == DOCKER_AUTH_CONFIG {
                return docker_auth_config_variable(setup, generated, options);
            }
            for login in &logins {
                if name == login.user_variable {
                    return login_user_variable(login);
                }
                if name == login.pass_variable {
                    return login_password_variable(login);
                }
            }
            if name == super::keyless::VARIABLE_TOKEN {
                return api_token_variable(&name);
            }
            provider_variable(&name)
        })
        .collect()
}

/// The variable every path but `docker login` reads.
pub const DOCKER_AUTH_CONFIG: &str = "DOCKER_AUTH_CONFIG";

/// Whether the value holds anything worth storing: `{"auths":{}}` alone is not.
pub(super) fn value_has_content(setup: &Setup, generated: &Generated) -> bool {
    generated.entries.iter().any(|e| e.written) || !setup.creds_store.trim().is_empty()
}

fn api_token_variable(name: &str) -> VariableToCreate {
    VariableToCreate {
        name: name.to_owned(),
        value: VariableValue::NotTyped,
        secret: true,
        masked: true,
        hidden: true,
        expand: false,
        file: false,
        kind: VariableKind::ApiToken,
        subject: String::new(),
    }
}

fn provider_variable(name: &str) -> VariableToCreate {
    VariableToCreate {
        name: name.to_owned(),
        value: VariableValue::NotTyped,
        secret: false,
        masked: false,
        hidden: false,
        expand: false,
        file: false,
        kind: VariableKind::Provider,
        subject: String::new(),
    }
}

pub(super) fn docker_auth_config_variable(setup: &Setup, generated: &Generated, options: &SnippetOptions) -> VariableToCreate {
    let has_content = value_has_content(setup, generated);
    let value = if has_content { VariableValue::Literal(generated.value.clone()) } else { VariableValue::NotTyped };
    VariableToCreate {
        name: DOCKER_AUTH_CONFIG.into(),
        value,
        secret: true,
        masked: has_content && generated.variable.maskable(),
        // Nobody needs to read the value back in GitLab: this page makes it again.
        hidden: has_content && generated.variable.maskable(),
        expand: false,
        file: options.variable_type == VariableType::File,
        kind: VariableKind::DockerAuthConfig,
        subject: String::new(),
    }
}

fn login_user_variable(login: &LoginTarget) -> VariableToCreate {
    let value = if login.username.is_empty() { VariableValue::NotTyped } else { VariableValue::Literal(login.username.clone()) };
    VariableToCreate {
        name: login.user_variable.clone(),
        value,
        secret: false,
        masked: false,
        hidden: false,
        expand: false,
        file: false,
        kind: VariableKind::RegistryUser,
        subject: login.label.clone(),
    }
}

fn login_password_variable(login: &LoginTarget) -> VariableToCreate {
    let value = if login.secret.is_empty() { VariableValue::NotTyped } else { VariableValue::Literal(login.secret.clone()) };
    let maskable = login.secret.is_empty() || VariableAdvice::for_value(&login.secret).maskable();
    VariableToCreate {
        name: login.pass_variable.clone(),
        value,
        secret: true,
        masked: maskable,
        // The token is kept elsewhere (the registry or a password manager) when it is made.
        hidden: maskable,
        expand: false,
        file: false,
        kind: VariableKind::RegistryPass,
        subject: login.label.clone(),
    }
}

// ---------------------------------------------------------------------------------------------
// docker login targets and their variable names
// ---------------------------------------------------------------------------------------------

/// One `docker login` of the Option 1 snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LoginTarget {
    /// The server argument; `None` for Docker Hub, which `docker login` takes as no argument.
    pub(super) server: Option<String>,
    /// The key as the generator writes it, to name the registry on the page.
    pub(super) label: String,
    pub(super) user_variable: String,
    pub(super) pass_variable: String,
    pub(super) username: String,
    pub(super) secret: String,
    /// No registry entered yet: `registry.example.com` stands in.
    pub(super) placeholder: bool,
}

/// One login per basic entry with a usable host, first one per server; helper entries get
/// none (their credentials come from the helper). With nothing typed, one placeholder login.
pub(super) fn login_targets(setup: &Setup) -> Vec<LoginTarget> {
    let mut seen: HashSet<Option<String>> = HashSet::new();
    let mut found: Vec<(Option<String>, String, &RegistryEntry)> = Vec::new();
    for entry in setup.entries.iter().filter(|e| e.kind == CredentialKind::Basic) {
        let Ok(key) = normalise_registry(&entry.registry, entry.keep_namespace) else {
            continue;
        };
        // The docker CLI treats `host/namespace` as `host` (`docs/docker-cli.md#legacy-keys`), so one login per host.
        let server = if key.is_docker_hub { None } else { key.key.split('/').next().map(str::to_owned) };
        if !seen.insert(server.clone()) {
            continue;
        }
        found.push((server, key.key, entry));
    }
    // Helpers and no row with a username and token: nothing to log in with, and no variable to
    // ask for. Nothing usable typed yet: one placeholder login to show the shape. (Decided on the
    // rows' kinds and registries only: `Reads` says docker-login reads no credential.)
    if found.is_empty() && setup.entries.iter().any(|e| e.kind == CredentialKind::Helper) {
        return Vec::new();
    }
    if found.is_empty() {
        return vec![LoginTarget {
            server: Some(PLACEHOLDER_REGISTRY.into()),
            label: PLACEHOLDER_REGISTRY.into(),
            user_variable: "DOCKER_REGISTRY_USER".into(),
            pass_variable: "DOCKER_REGISTRY_PASS".into(),
            username: String::new(),
            secret: String::new(),
            placeholder: true,
        }];
    }
    let suffixes = variable_suffixes(&found.iter().map(|(server, _, _)| server.as_deref()).collect::<Vec<_>>());
    found
        .into_iter()
        .zip(suffixes)
        .map(|((server, label, entry), suffix)| LoginTarget {
            server,
            label,
            user_variable: format!("DOCKER_REGISTRY_USER{suffix}"),
            pass_variable: format!("DOCKER_REGISTRY_PASS{suffix}"),
            username: entry.username.clone(),
            secret: entry.secret.clone(),
            placeholder: false,
        })
        .collect()
}

/// Variable name suffixes: none for a single registry (the seeds' `DOCKER_REGISTRY_USER`),
/// otherwise `_` plus the host in upper case (`_REGISTRY_GITLAB_COM`, `_DOCKER_HUB`), made
/// unique with `_2`, `_3`… GitLab variable keys allow only letters, digits and `_`
/// (`docs/gitlab-variables.md#keys-and-values`).
fn variable_suffixes(servers: &[Option<&str>]) -> Vec<String> {
    if servers.len() <= 1 {
        return vec![String::new(); servers.len()];
    }
    let mut taken: Vec<String> = Vec::new();
    for server in servers {
        let base = match server {
            None => "DOCKER_HUB".to_owned(),
            Some(host) => variable_name_part(host),
        };
        let base = if base.is_empty() { "REGISTRY".to_owned() } else { base };
        let mut candidate = format!("_{base}");
        let mut counter = 2;
        while taken.contains(&candidate) {
            candidate = format!("_{base}_{counter}");
            counter += 1;
        }
        taken.push(candidate);
    }
    taken
}

/// `registry.example.com:5000` → `REGISTRY_EXAMPLE_COM_5000`.
fn variable_name_part(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_owned()
}
