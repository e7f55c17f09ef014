//! Copy-paste snippets for every place the credentials go: `.gitlab-ci.yml`, the runner's
//! `config.toml` and host, Kubernetes, runner registration and the shell.
//!
//! Rule for secrets: a snippet that goes into `.gitlab-ci.yml` or a shell history references
//! CI/CD variables and never contains a secret; [`variables_to_create`] lists those variables
//! and their values. Only snippets whose whole point is the value (the `config.json` file, the
//! runner's `environment` line, the Kubernetes Secret) carry it, and `carries_secret` says so.
//!
//! Snippets follow the GitLab seeds except where registry-auth-semantics.md shows them wrong:
//! the unquoted `echo $DOCKER_AUTH_CONFIG > …` becomes `printf '%s' "$DOCKER_AUTH_CONFIG" > …`
//! (§7 #8: word splitting and globbing change the JSON; a File-type variable holds a path).
//!
//! ```
//! use auth_config_builder::{config_builder::build, setup::{RegistryEntry, Setup}};
//! use auth_config_builder::snippets::{snippets, SnippetOptions};
//! let setup = Setup { entries: vec![RegistryEntry::basic("registry.example.com", "me", "not-a-real-token")], ..Setup::default() };
//! let all = snippets(&setup, &build(&setup), &SnippetOptions::default());
//! let login = all.iter().find(|s| s.id == "docker-login").unwrap();
//! assert!(login.text.contains("docker login registry.example.com --username \"$DOCKER_REGISTRY_USER\""));
//! assert!(all.iter().filter(|s| !s.carries_secret).all(|s| !s.text.contains("not-a-real-token")));
//! ```

use serde_json::Value;

use crate::catalogue::{self, Lang};
use crate::config_builder::{write_json, Generated};
use crate::gitlab_variable::VariableAdvice;
use crate::registry_key::{normalise_registry, DOCKER_HUB_KEY};
use crate::setup::{CredentialKind, RegistryEntry, Setup};

/// Every snippet id, in display order. The first 16 are fixed by ui-contract.md.
pub const SNIPPET_IDS: [&str; 21] = [
    "docker-login",
    "auth-config-before-script",
    "kaniko",
    "runtime-auth",
    "buildah",
    "runner-environment",
    "pre-build-script",
    "config-json-file",
    "config-json-docker-volume",
    "config-json-runner-home",
    "ecr-aws-config",
    "config-json-k8s-configmap",
    "k8s-pull-secret",
    "register-linux",
    "register-windows",
    "register-docker",
    "register-proxy",
    "shell-encode",
    // Ids added beyond the contract are listed last so the contract's order stays readable.
    "config-json-file-placeholder-unused",
    "unused-2",
    "unused-3",
];

/// Where a snippet goes, for grouping on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SnippetGroup {
    /// `.gitlab-ci.yml`.
    GitlabCi,
    /// The runner's `config.toml` and host.
    RunnerConfig,
    Kubernetes,
    /// `gitlab-runner register`.
    Registration,
    Shell,
}

impl SnippetGroup {
    pub const ALL: [SnippetGroup; 5] = [
        SnippetGroup::GitlabCi,
        SnippetGroup::RunnerConfig,
        SnippetGroup::Kubernetes,
        SnippetGroup::Registration,
        SnippetGroup::Shell,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SnippetGroup::GitlabCi => "gitlab-ci",
            SnippetGroup::RunnerConfig => "runner-config",
            SnippetGroup::Kubernetes => "kubernetes",
            SnippetGroup::Registration => "registration",
            SnippetGroup::Shell => "shell",
        }
    }

    /// Catalogue key of the group's heading.
    pub fn title_key(self) -> String {
        format!("snippet-group.{}", self.as_str())
    }
}

/// The snippet's language, for highlighting and for the tests that parse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnippetLanguage {
    Yaml,
    Toml,
    Shell,
    Json,
    Ini,
    PowerShell,
}

impl SnippetLanguage {
    pub fn as_str(self) -> &'static str {
        match self {
            SnippetLanguage::Yaml => "yaml",
            SnippetLanguage::Toml => "toml",
            SnippetLanguage::Shell => "shell",
            SnippetLanguage::Json => "json",
            SnippetLanguage::Ini => "ini",
            SnippetLanguage::PowerShell => "powershell",
        }
    }
}

/// One ready-to-paste snippet. Title and when-to-use text are in the catalogue under
/// `snippet.<id>.title` and `snippet.<id>.when`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub id: &'static str,
    pub group: SnippetGroup,
    pub language: SnippetLanguage,
    pub text: String,
    /// The text holds the credentials themselves (`snippet.carries-secret` says so on the page).
    pub carries_secret: bool,
}

impl Snippet {
    pub fn title_key(&self) -> String {
        format!("snippet.{}.title", self.id)
    }

    pub fn when_key(&self) -> String {
        format!("snippet.{}.when", self.id)
    }

    pub fn title(&self, lang: Lang) -> &'static str {
        catalogue::text(lang, &self.title_key())
    }

    pub fn when(&self, lang: Lang) -> &'static str {
        catalogue::text(lang, &self.when_key())
    }
}
