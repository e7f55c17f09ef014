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
use crate::registry_key::normalise_registry;
use crate::setup::{CredentialKind, RegistryEntry, Setup};
use crate::userinfo::{split_userinfo, without_userinfo};

/// Every snippet id, in display order (grouped by [`SnippetGroup`]). The ids of
/// ui-contract.md are all here; `config-json-file` and `config-json-runner-home` are extra.
pub const SNIPPET_IDS: [&str; 18] = [
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
];

/// The seeds' Docker version: `docker:24.0.5-cli` with the `docker:24.0.5-dind` service.
pub const DEFAULT_DOCKER_VERSION: &str = "24.0.5";
/// Where Option 2 keeps the file on the runner host, as in the seeds.
pub const HOST_CONFIG_PATH: &str = "/opt/.docker/config.json";
/// The registry shown when no registry is entered yet.
pub const PLACEHOLDER_REGISTRY: &str = "registry.example.com";
/// The `--template-config` file of the registration snippets, as in the seed.
const TEMPLATE_CONFIG_PATH: &str = "/tmp/test-config.template.toml";
/// The shell variable that stands in for a proxy password typed into the proxy URL.
pub const PROXY_PASSWORD_VARIABLE: &str = "PROXY_PASSWORD";

// ---------------------------------------------------------------------------------------------
// Public data
// ---------------------------------------------------------------------------------------------

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
    pub const ALL: [SnippetGroup; 5] =
        [SnippetGroup::GitlabCi, SnippetGroup::RunnerConfig, SnippetGroup::Kubernetes, SnippetGroup::Registration, SnippetGroup::Shell];

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

/// One ready-to-paste snippet. Its title and when-to-use line are in the catalogue under
/// `snippet.<id>.title` and `snippet.<id>.when`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub id: &'static str,
    pub group: SnippetGroup,
    pub language: SnippetLanguage,
    pub text: String,
    /// The text holds the credentials themselves; `snippet.carries-secret` says so on the page.
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

/// How `DOCKER_AUTH_CONFIG` is stored in GitLab. In the job shell a Variable holds the value
/// and a File holds the path of a file with the value (registry-auth-semantics.md §1.2, §3);
/// the runner's own pulls read the contents either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VariableType {
    #[default]
    Variable,
    File,
}

/// Which predefined variables the runtime snippet builds the auth from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuntimeCredentials {
    /// `CI_REGISTRY_USER` / `CI_REGISTRY_PASSWORD`: the job token, valid for this job only.
    #[default]
    JobToken,
    /// `CI_DEPLOY_USER` / `CI_DEPLOY_PASSWORD`: a deploy token named `gitlab-deploy-token`.
    DeployToken,
}

/// `--access-level` of the deprecated registration flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccessLevel {
    #[default]
    NotProtected,
    RefProtected,
}

/// Which token `gitlab-runner register` gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TokenFlow {
    /// `--token glrt-…`, created with the runner in GitLab.
    #[default]
    AuthenticationToken,
    /// `--registration-token`, deprecated.
    RegistrationTokenDeprecated,
}

/// Where a runner in a Docker container keeps its `config.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConfigVolume {
    /// `-v /srv/gitlab-runner/config:/etc/gitlab-runner`.
    #[default]
    BindMount,
    /// `-v gitlab-runner-config:/etc/gitlab-runner`.
    NamedVolume,
}

/// The `<option>` values of the selects, and parsing them back (unknown values give the default).
macro_rules! option_values {
    ($ty:ident, $label:literal { $($variant:ident => $value:literal),+ $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// Catalogue key of the select's label.
            pub const LABEL_KEY: &'static str = $label;

            /// Catalogue key of this option's text: the label key, `.`, the value.
            pub fn label_key(self) -> String {
                format!("{}.{}", $label, self.as_str())
            }

            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $value),+
                }
            }

            pub fn parse(value: &str) -> Self {
                Self::ALL.iter().copied().find(|v| v.as_str() == value).unwrap_or_default()
            }
        }
    };
}

option_values!(VariableType, "snippet-option.variable-type" { Variable => "variable", File => "file" });
option_values!(RuntimeCredentials, "snippet-option.runtime-credentials" { JobToken => "job-token", DeployToken => "deploy-token" });
option_values!(AccessLevel, "runner-option.access-level" { NotProtected => "not_protected", RefProtected => "ref_protected" });
option_values!(TokenFlow, "runner-option.token-flow" {
    AuthenticationToken => "authentication-token",
    RegistrationTokenDeprecated => "registration-token",
});
option_values!(ConfigVolume, "runner-option.docker-volume" { BindMount => "bind-mount", NamedVolume => "named-volume" });

/// Catalogue keys of the labels of the text and checkbox inputs (the selects have `LABEL_KEY`).
pub const INPUT_LABEL_KEYS: [&str; 18] = [
    "snippet-option.docker-version",
    "snippet-option.kaniko-image",
    "snippet-option.aws-region",
    "snippet-option.kubernetes-namespace",
    "snippet-option.pull-secret-name",
    "runner-option.gitlab-url",
    "runner-option.executor",
    "runner-option.docker-image",
    "runner-option.windows-docker-image",
    "runner-option.description",
    "runner-option.tags",
    "runner-option.maintenance-note",
    "runner-option.run-untagged",
    "runner-option.locked",
    "runner-option.privileged",
    "runner-option.services",
    "runner-option.run-as-runner-user",
    "runner-option.proxy-url",
];

/// Every catalogue key this module's data points at (snippet titles and when-lines, group
/// headings, variable notes, input labels), for the completeness tests.
pub fn catalogue_keys() -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for id in SNIPPET_IDS {
        keys.push(format!("snippet.{id}.title"));
        keys.push(format!("snippet.{id}.when"));
    }
    keys.extend(SnippetGroup::ALL.iter().map(|g| g.title_key()));
    keys.push(CARRIES_SECRET_KEY.to_owned());
    keys.extend(VARIABLE_KEYS.iter().map(|k| (*k).to_owned()));
    keys.extend(INPUT_LABEL_KEYS.iter().map(|k| (*k).to_owned()));
    keys.extend(
        [VariableType::LABEL_KEY, RuntimeCredentials::LABEL_KEY, AccessLevel::LABEL_KEY, TokenFlow::LABEL_KEY, ConfigVolume::LABEL_KEY]
            .map(str::to_owned),
    );
    keys.extend(VariableType::ALL.iter().map(|v| v.label_key()));
    keys.extend(RuntimeCredentials::ALL.iter().map(|v| v.label_key()));
    keys.extend(AccessLevel::ALL.iter().map(|v| v.label_key()));
    keys.extend(TokenFlow::ALL.iter().map(|v| v.label_key()));
    keys.extend(ConfigVolume::ALL.iter().map(|v| v.label_key()));
    keys
}

/// Catalogue key of the notice shown on snippets with `carries_secret`.
pub const CARRIES_SECRET_KEY: &str = "snippet.carries-secret";

/// The catalogue keys [`VariableToCreate`] uses.
const VARIABLE_KEYS: [&str; 6] = [
    "variable.docker-auth-config.note",
    "variable.registry-user.note",
    "variable.registry-pass.note",
    "variable.value.docker-auth-config",
    "variable.value.registry-user",
    "variable.value.registry-pass",
];

/// Inputs of the runner section: what `gitlab-runner register` is told.
/// Serialised in shared setups (`shared_setup.rs`): none of its fields is a secret.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RunnerInputs {
    pub gitlab_url: String,
    pub token_flow: TokenFlow,
    pub executor: String,
    pub docker_image: String,
    /// The image of `register-windows` (executor `docker-windows`).
    pub windows_docker_image: String,
    pub description: String,
    /// Comma-separated, as `--tag-list` takes them.
    pub tags: String,
    pub maintenance_note: String,
    pub run_untagged: bool,
    pub locked: bool,
    pub access_level: AccessLevel,
    /// `--docker-privileged`, which Docker-in-Docker needs.
    pub privileged: bool,
    /// Comma-separated service images; when any, a `--template-config` with them is written.
    pub services: String,
    /// Register as the `gitlab-runner` user (`sudo -u gitlab-runner -H …`) instead of root.
    pub run_as_runner_user: bool,
    pub docker_volume: ConfigVolume,
    pub proxy_url: String,
}

impl Default for RunnerInputs {
    /// The seeds' values (the overview seed's non-interactive example).
    fn default() -> Self {
        RunnerInputs {
            gitlab_url: "https://gitlab.com".into(),
            token_flow: TokenFlow::default(),
            executor: "docker".into(),
            docker_image: "alpine:latest".into(),
            windows_docker_image: "mcr.microsoft.com/windows/servercore:1809_amd64".into(),
            description: "docker-runner".into(),
            tags: "docker,aws".into(),
            maintenance_note: "Free-form maintainer notes about this runner".into(),
            run_untagged: true,
            locked: false,
            access_level: AccessLevel::default(),
            privileged: false,
            services: String::new(),
            run_as_runner_user: false,
            docker_volume: ConfigVolume::default(),
            proxy_url: "http://yourproxyurl:3128".into(),
        }
    }
}

/// Everything the snippets need beyond the registries.
/// Serialised in shared setups (`shared_setup.rs`): none of its fields is a secret.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SnippetOptions {
    /// The Docker version of `docker:<version>-cli` and `docker:<version>-dind`.
    pub docker_version: String,
    /// How `DOCKER_AUTH_CONFIG` is stored: Option 3, `pre_build_script`, Kaniko and Buildah
    /// write it with `printf` (Variable) or `cp` (File).
    pub variable_type: VariableType,
    /// Empty: the default.
    pub kaniko_image: String,
    pub runtime_credentials: RuntimeCredentials,
    /// Empty: taken from an ECR registry host, else a placeholder.
    pub aws_region: String,
    /// Of the ConfigMap command and the pull Secret; not a valid name: the default.
    pub kubernetes_namespace: String,
    /// The pull Secret's name; not a valid name: the default.
    pub pull_secret_name: String,
    pub runner: RunnerInputs,
}

impl Default for SnippetOptions {
    fn default() -> Self {
        SnippetOptions {
            docker_version: DEFAULT_DOCKER_VERSION.into(),
            variable_type: VariableType::default(),
            // The last kaniko release; the upstream repository is archived (§5).
            kaniko_image: "gcr.io/kaniko-project/executor:v1.23.2-debug".into(),
            runtime_credentials: RuntimeCredentials::default(),
            aws_region: String::new(),
            kubernetes_namespace: "gitlab-runner".into(),
            pull_secret_name: "regcred".into(),
            runner: RunnerInputs::default(),
        }
    }
}

/// One field of [`SnippetOptions`], to name it apart from its value: an imported setup marks
/// the fields it changed until the user confirms them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum OptionField {
    DockerVersion,
    VariableType,
    KanikoImage,
    RuntimeCredentials,
    AwsRegion,
    KubernetesNamespace,
    PullSecretName,
    GitlabUrl,
    TokenFlow,
    Executor,
    DockerImage,
    WindowsDockerImage,
    Description,
    Tags,
    MaintenanceNote,
    RunUntagged,
    Locked,
    AccessLevel,
    Privileged,
    Services,
    RunAsRunnerUser,
    DockerVolume,
    ProxyUrl,
}

impl OptionField {
    /// The stable kebab-case id (`docker-version`, `proxy-url`, …).
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// The field's value as text (select values as their `as_str()`, checkboxes as
    /// `true`/`false`).
    pub fn value(self, o: &SnippetOptions) -> String {
        let r = &o.runner;
        match self {
            OptionField::DockerVersion => o.docker_version.clone(),
            OptionField::VariableType => o.variable_type.as_str().to_owned(),
            OptionField::KanikoImage => o.kaniko_image.clone(),
            OptionField::RuntimeCredentials => o.runtime_credentials.as_str().to_owned(),
            OptionField::AwsRegion => o.aws_region.clone(),
            OptionField::KubernetesNamespace => o.kubernetes_namespace.clone(),
            OptionField::PullSecretName => o.pull_secret_name.clone(),
            OptionField::GitlabUrl => r.gitlab_url.clone(),
            OptionField::TokenFlow => r.token_flow.as_str().to_owned(),
            OptionField::Executor => r.executor.clone(),
            OptionField::DockerImage => r.docker_image.clone(),
            OptionField::WindowsDockerImage => r.windows_docker_image.clone(),
            OptionField::Description => r.description.clone(),
            OptionField::Tags => r.tags.clone(),
            OptionField::MaintenanceNote => r.maintenance_note.clone(),
            OptionField::RunUntagged => r.run_untagged.to_string(),
            OptionField::Locked => r.locked.to_string(),
            OptionField::AccessLevel => r.access_level.as_str().to_owned(),
            OptionField::Privileged => r.privileged.to_string(),
            OptionField::Services => r.services.clone(),
            OptionField::RunAsRunnerUser => r.run_as_runner_user.to_string(),
            OptionField::DockerVolume => r.docker_volume.as_str().to_owned(),
            OptionField::ProxyUrl => r.proxy_url.clone(),
        }
    }

    /// Sets the field from its text form (as [`OptionField::value`] gives it; an unknown
    /// select value is the default, anything but `true` is false).
    pub fn set(self, o: &mut SnippetOptions, value: &str) {
        let r = &mut o.runner;
        let flag = value == "true";
        match self {
            OptionField::DockerVersion => o.docker_version = value.to_owned(),
            OptionField::VariableType => o.variable_type = VariableType::parse(value),
            OptionField::KanikoImage => o.kaniko_image = value.to_owned(),
            OptionField::RuntimeCredentials => o.runtime_credentials = RuntimeCredentials::parse(value),
            OptionField::AwsRegion => o.aws_region = value.to_owned(),
            OptionField::KubernetesNamespace => o.kubernetes_namespace = value.to_owned(),
            OptionField::PullSecretName => o.pull_secret_name = value.to_owned(),
            OptionField::GitlabUrl => r.gitlab_url = value.to_owned(),
            OptionField::TokenFlow => r.token_flow = TokenFlow::parse(value),
            OptionField::Executor => r.executor = value.to_owned(),
            OptionField::DockerImage => r.docker_image = value.to_owned(),
            OptionField::WindowsDockerImage => r.windows_docker_image = value.to_owned(),
            OptionField::Description => r.description = value.to_owned(),
            OptionField::Tags => r.tags = value.to_owned(),
            OptionField::MaintenanceNote => r.maintenance_note = value.to_owned(),
            OptionField::RunUntagged => r.run_untagged = flag,
            OptionField::Locked => r.locked = flag,
            OptionField::AccessLevel => r.access_level = AccessLevel::parse(value),
            OptionField::Privileged => r.privileged = flag,
            OptionField::Services => r.services = value.to_owned(),
            OptionField::RunAsRunnerUser => r.run_as_runner_user = flag,
            OptionField::DockerVolume => r.docker_volume = ConfigVolume::parse(value),
            OptionField::ProxyUrl => r.proxy_url = value.to_owned(),
        }
    }

    /// Copies this field from `from` into `to`.
    pub fn copy(self, from: &SnippetOptions, to: &mut SnippetOptions) {
        self.set(to, &self.value(from));
    }
}

impl SnippetOptions {
    /// The fields whose values differ between `self` and `other`, in display order.
    pub fn differing_fields(&self, other: &SnippetOptions) -> Vec<OptionField> {
        use strum::IntoEnumIterator;
        OptionField::iter().filter(|f| f.value(self) != f.value(other)).collect()
    }

    /// `self` with `fields` put back to their defaults: what the snippets use while an import's
    /// changes wait for the user's confirmation.
    pub fn with_defaults_for(&self, fields: &[OptionField]) -> SnippetOptions {
        let defaults = SnippetOptions::default();
        let mut out = self.clone();
        for field in fields {
            field.copy(&defaults, &mut out);
        }
        out
    }
}

/// One CI/CD variable the snippets reference, with the value to give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableToCreate {
    pub name: String,
    pub value: VariableValue,
    /// Whether the value is a credential.
    pub secret: bool,
    /// Tick "Masked": a secret whose value GitLab accepts as masked with Expand off.
    pub masked: bool,
    /// Tick "Expand variable". Always off: a `$` in a credential must stay literal (§3, §7 #9).
    pub expand: bool,
    /// Type File instead of Variable.
    pub file: bool,
    /// Catalogue key of one line on what the variable is for; `{}` is `subject`.
    pub note_key: &'static str,
    /// The registry key the variable belongs to, or empty.
    pub subject: String,
}

/// What to paste as a variable's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariableValue {
    /// Exactly this text.
    Literal(String),
    /// Not typed into the tool: a catalogue key saying what to paste (`{}` is the subject).
    Describe(&'static str),
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

/// Every snippet for the current inputs, in the order of [`SNIPPET_IDS`]. Never panics.
pub fn snippets(setup: &Setup, generated: &Generated, options: &SnippetOptions) -> Vec<Snippet> {
    let logins = login_targets(setup);
    vec![
        docker_login(&logins, options),
        auth_config_before_script(options),
        kaniko(options),
        runtime_auth(options),
        buildah(options),
        runner_environment(generated),
        pre_build_script(options),
        config_json_file(generated),
        config_json_docker_volume(),
        config_json_runner_home(options),
        ecr_aws_config(setup, options),
        config_json_k8s_configmap(options),
        k8s_pull_secret(setup, generated, options),
        register_linux(&options.runner),
        register_windows(&options.runner),
        register_docker(&options.runner),
        register_proxy(&options.runner),
        shell_encode(),
    ]
}

/// The CI/CD variables the snippets reference: `DOCKER_AUTH_CONFIG`, then a user and a
/// password variable per `docker login` (names as in [`docker_login`]'s snippet).
pub fn variables_to_create(setup: &Setup, generated: &Generated, options: &SnippetOptions) -> Vec<VariableToCreate> {
    let mut variables = vec![docker_auth_config_variable(setup, generated, options)];
    for login in login_targets(setup) {
        variables.push(login_user_variable(&login));
        variables.push(login_password_variable(&login));
    }
    variables
}

fn docker_auth_config_variable(setup: &Setup, generated: &Generated, options: &SnippetOptions) -> VariableToCreate {
    // `{"auths":{}}` alone is no value worth storing.
    let has_content = generated.entries.iter().any(|e| e.written) || !setup.creds_store.trim().is_empty();
    let value = if has_content {
        VariableValue::Literal(generated.value.clone())
    } else {
        VariableValue::Describe("variable.value.docker-auth-config")
    };
    VariableToCreate {
        name: "DOCKER_AUTH_CONFIG".into(),
        value,
        secret: true,
        masked: has_content && generated.variable.maskable(),
        expand: false,
        file: options.variable_type == VariableType::File,
        note_key: "variable.docker-auth-config.note",
        subject: String::new(),
    }
}

fn login_user_variable(login: &LoginTarget) -> VariableToCreate {
    let value = if login.username.is_empty() {
        VariableValue::Describe("variable.value.registry-user")
    } else {
        VariableValue::Literal(login.username.clone())
    };
    VariableToCreate {
        name: login.user_variable.clone(),
        value,
        secret: false,
        masked: false,
        expand: false,
        file: false,
        note_key: "variable.registry-user.note",
        subject: login.label.clone(),
    }
}

fn login_password_variable(login: &LoginTarget) -> VariableToCreate {
    let value = if login.secret.is_empty() {
        VariableValue::Describe("variable.value.registry-pass")
    } else {
        VariableValue::Literal(login.secret.clone())
    };
    let maskable = login.secret.is_empty() || VariableAdvice::for_value(&login.secret).maskable();
    VariableToCreate {
        name: login.pass_variable.clone(),
        value,
        secret: true,
        masked: maskable,
        expand: false,
        file: false,
        note_key: "variable.registry-pass.note",
        subject: login.label.clone(),
    }
}

// ---------------------------------------------------------------------------------------------
// docker login targets and their variable names
// ---------------------------------------------------------------------------------------------

/// One `docker login` of the Option 1 snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LoginTarget {
    /// The server argument; `None` for Docker Hub, which `docker login` takes as no argument.
    server: Option<String>,
    /// The key as the generator writes it, to name the registry on the page.
    label: String,
    user_variable: String,
    pass_variable: String,
    username: String,
    secret: String,
    /// No registry entered yet: `registry.example.com` stands in.
    placeholder: bool,
}

/// One login per basic entry with a usable host, first one per server; helper entries get
/// none (their credentials come from the helper). Without any, one placeholder login.
fn login_targets(setup: &Setup) -> Vec<LoginTarget> {
    let mut seen: Vec<Option<String>> = Vec::new();
    let mut found: Vec<(Option<String>, String, &RegistryEntry)> = Vec::new();
    for entry in setup.entries.iter().filter(|e| e.kind == CredentialKind::Basic) {
        let Ok(key) = normalise_registry(&entry.registry, entry.keep_namespace) else {
            continue;
        };
        // The docker CLI treats `host/namespace` as `host` (§2), so one login per host.
        let server = if key.is_docker_hub { None } else { key.key.split('/').next().map(str::to_owned) };
        if seen.contains(&server) {
            continue;
        }
        seen.push(server.clone());
        found.push((server, key.key, entry));
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
/// unique with `_2`, `_3`… GitLab variable keys allow only letters, digits and `_` (§3).
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

// ---------------------------------------------------------------------------------------------
// .gitlab-ci.yml
// ---------------------------------------------------------------------------------------------

/// A line of a job script: a command, or a comment between the commands.
enum ScriptLine {
    Command(String),
    Comment(String),
}

fn command(text: impl Into<String>) -> ScriptLine {
    ScriptLine::Command(text.into())
}

fn comment(text: impl Into<String>) -> ScriptLine {
    ScriptLine::Comment(text.into())
}

/// Option 1: `docker login` in `before_script` with Docker-in-Docker.
fn docker_login(logins: &[LoginTarget], options: &SnippetOptions) -> Snippet {
    let mut before_script = Vec::new();
    if docker_cli_prefers_auth_config(&docker_version(options)) {
        // §2: docker CLI 28.3+ takes a valid DOCKER_AUTH_CONFIG over `docker login`, so read-only
        // pull credentials would shadow the login and pushes fail (docker/cli#6156). The runner
        // has already pulled the job's images with it by now, so unsetting it here is safe.
        before_script.push(comment("docker 28.3+ would use DOCKER_AUTH_CONFIG instead of these logins (docker/cli#6156)."));
        before_script.push(command("unset DOCKER_AUTH_CONFIG"));
    }
    if logins.iter().any(|l| l.placeholder) {
        before_script.push(comment(format!("Replace {PLACEHOLDER_REGISTRY} with your registry; leave it out to sign in to Docker Hub.")));
    }
    for login in logins {
        before_script.push(command(login_command(login)));
    }
    yaml_snippet("docker-login", dind_pipeline(options, &before_script))
}

/// `printf`, not the seeds' `echo "$PASS"`: some `echo`s interpret backslashes or take a
/// password starting with `-n` as an option. Docker Hub gets no server argument, as the seeds
/// say ("leave `$DOCKER_REGISTRY` empty").
fn login_command(login: &LoginTarget) -> String {
    let server = login.server.as_deref().map(|s| format!("{} ", shell_word(s))).unwrap_or_default();
    format!(
        "printf '%s' \"${pass}\" | docker login {server}--username \"${user}\" --password-stdin",
        pass = login.pass_variable,
        user = login.user_variable
    )
}

/// Option 3: write `$DOCKER_AUTH_CONFIG` to `$HOME/.docker/config.json` in `before_script`.
fn auth_config_before_script(options: &SnippetOptions) -> Snippet {
    let before_script = write_auth_config_lines(options.variable_type, "$HOME/.docker/config.json");
    yaml_snippet("auth-config-before-script", dind_pipeline(options, &before_script))
}

/// The lines that save the variable as a file: quoted `printf` for a Variable, `cp` for a File
/// (whose variable holds the path, §1.2). Never the seeds' unquoted `echo` (§7 #8).
fn write_auth_config_lines(variable_type: VariableType, file: &str) -> Vec<ScriptLine> {
    let directory = file.rsplit_once('/').map_or(".", |(dir, _)| dir);
    let write = match variable_type {
        VariableType::Variable => format!("printf '%s' \"$DOCKER_AUTH_CONFIG\" > \"{file}\""),
        VariableType::File => format!("cp \"$DOCKER_AUTH_CONFIG\" \"{file}\""),
    };
    let mut lines = vec![command(format!("mkdir -p \"{directory}\""))];
    if variable_type == VariableType::File {
        lines.push(comment("DOCKER_AUTH_CONFIG is a File-type variable: it holds the path of a file with the value."));
    }
    lines.push(command(write));
    lines
}

/// The seeds' Docker-in-Docker pipeline around a `before_script`.
fn dind_pipeline(options: &SnippetOptions, before_script: &[ScriptLine]) -> String {
    let version = docker_version(options);
    let mut out = String::from("default:\n");
    out.push_str(&format!("  image: {}\n", yaml_scalar(&format!("docker:{version}-cli"))));
    out.push_str("  services:\n");
    out.push_str(&format!("    - {}\n", yaml_scalar(&format!("docker:{version}-dind"))));
    out.push_str("\nvariables:\n  DOCKER_TLS_CERTDIR: \"/certs\"\n\n");
    out.push_str("build:\n  stage: build\n  before_script:\n");
    out.push_str(&yaml_sequence(before_script, 4));
    out.push_str("  script:\n    - docker build -t my-docker-image .\n    - docker run my-docker-image /script/to/run/tests\n");
    out
}

/// The version typed, or the seeds' when empty.
fn docker_version(options: &SnippetOptions) -> String {
    let version = options.docker_version.trim();
    if version.is_empty() {
        DEFAULT_DOCKER_VERSION.to_owned()
    } else {
        version.to_owned()
    }
}

/// Whether the job's docker CLI is 28.3 or later, when it reads `DOCKER_AUTH_CONFIG` before
/// `docker login` (§2). Unparseable tags such as `latest` count as new.
fn docker_cli_prefers_auth_config(version: &str) -> bool {
    let mut parts = version.split(['.', '-']).map(|p| p.parse::<u32>());
    match (parts.next(), parts.next()) {
        (Some(Ok(major)), Some(Ok(minor))) => (major, minor) >= (28, 3),
        (Some(Ok(major)), _) => major > 28,
        _ => true,
    }
}

/// Kaniko: the variable saved as `/kaniko/.docker/config.json`, kaniko's `DOCKER_CONFIG` (§5).
fn kaniko(options: &SnippetOptions) -> Snippet {
    let mut script = write_auth_config_lines(options.variable_type, "/kaniko/.docker/config.json");
    script.push(command(KANIKO_EXECUTOR));
    yaml_snippet("kaniko", kaniko_job(options, &script))
}

const KANIKO_EXECUTOR: &str =
    "/kaniko/executor --context \"$CI_PROJECT_DIR\" --dockerfile \"$CI_PROJECT_DIR/Dockerfile\" --destination \"$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA\"";

fn kaniko_job(options: &SnippetOptions, script: &[ScriptLine]) -> String {
    let image = non_empty_or(&options.kaniko_image, &SnippetOptions::default().kaniko_image);
    let mut out = yaml_comment("kaniko's upstream repository is archived: pin an executor image you trust.", 0);
    out.push_str("build:\n  stage: build\n  image:\n");
    out.push_str(&format!("    name: {}\n", yaml_scalar(&image)));
    out.push_str("    entrypoint: [\"\"]\n  script:\n");
    out.push_str(&yaml_sequence(script, 4));
    out
}

/// The runtime form: the auth built in the job from predefined variables, as GitLab's kaniko
/// page does (§5), so no secret is typed into the tool or stored in a variable.
fn runtime_auth(options: &SnippetOptions) -> Snippet {
    let (user, password) = match options.runtime_credentials {
        RuntimeCredentials::JobToken => ("CI_REGISTRY_USER", "CI_REGISTRY_PASSWORD"),
        RuntimeCredentials::DeployToken => ("CI_DEPLOY_USER", "CI_DEPLOY_PASSWORD"),
    };
    let mut script = Vec::new();
    if options.runtime_credentials == RuntimeCredentials::DeployToken {
        script.push(comment("Needs a deploy token named gitlab-deploy-token: read_registry to pull, write_registry to push."));
    }
    script.push(command("mkdir -p \"/kaniko/.docker\""));
    // `tr -d '\n'`: BusyBox and GNU base64 wrap long output (§7 #2).
    script.push(command(format!("AUTH=\"$(printf '%s:%s' \"${user}\" \"${password}\" | base64 | tr -d '\\n')\"")));
    script.push(command("printf '{\"auths\":{\"%s\":{\"auth\":\"%s\"}}}' \"$CI_REGISTRY\" \"$AUTH\" > \"/kaniko/.docker/config.json\""));
    script.push(command(KANIKO_EXECUTOR));
    yaml_snippet("runtime-auth", kaniko_job(options, &script))
}

/// Buildah (and Podman): `REGISTRY_AUTH_FILE` points at the Docker-format file (§5).
fn buildah(options: &SnippetOptions) -> Snippet {
    let mut before_script = vec![command("export REGISTRY_AUTH_FILE=\"$HOME/auth.json\"")];
    before_script.extend(write_auth_config_lines(options.variable_type, "$REGISTRY_AUTH_FILE").into_iter().skip(1));
    before_script.push(comment("Adds the job's own registry login to the same file, for the push."));
    before_script.push(command(
        "printf '%s' \"$CI_REGISTRY_PASSWORD\" | buildah login --username \"$CI_REGISTRY_USER\" --password-stdin \"$CI_REGISTRY\"",
    ));
    let mut out = yaml_comment("Podman reads REGISTRY_AUTH_FILE too: podman login, build and push work the same way.", 0);
    out.push_str(
        "build:\n  stage: build\n  image: quay.io/buildah/stable\n  variables:\n    STORAGE_DRIVER: vfs\n    BUILDAH_FORMAT: docker\n",
    );
    out.push_str("  before_script:\n");
    out.push_str(&yaml_sequence(&before_script, 4));
    out.push_str("  script:\n    - buildah build -t \"$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA\" .\n    - buildah push \"$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA\"\n");
    yaml_snippet("buildah", out)
}

fn yaml_snippet(id: &'static str, text: String) -> Snippet {
    Snippet { id, group: SnippetGroup::GitlabCi, language: SnippetLanguage::Yaml, text, carries_secret: false }
}

// ---------------------------------------------------------------------------------------------
// Runner config.toml and host
// ---------------------------------------------------------------------------------------------

/// `[[runners]] environment = ["DOCKER_AUTH_CONFIG=…"]`, the value TOML-escaped.
fn runner_environment(generated: &Generated) -> Snippet {
    let mut text = String::from("# Contains the credentials: keep config.toml readable only by the runner's user.\n");
    // §1.1: a project, group or instance variable replaces this one; they are not merged.
    text.push_str("# A DOCKER_AUTH_CONFIG CI/CD variable in the project, group or instance replaces this one.\n");
    text.push_str("[[runners]]\n  # ... your other [[runners]] settings\n");
    text.push_str("  # Add the string to your environment list if you already have one.\n");
    text.push_str(&format!("  environment = [{}]\n", toml_string(&format!("DOCKER_AUTH_CONFIG={}", generated.value))));
    Snippet {
        id: "runner-environment",
        group: SnippetGroup::RunnerConfig,
        language: SnippetLanguage::Toml,
        text,
        carries_secret: carries_credentials(generated),
    }
}

/// Option 3 as the runner's `pre_build_script`: the same lines, for every job of the runner.
fn pre_build_script(options: &SnippetOptions) -> Snippet {
    let script = shell_lines(&write_auth_config_lines(options.variable_type, "$HOME/.docker/config.json"));
    let mut text = String::from("[[runners]]\n  # ... your other [[runners]] settings\n");
    text.push_str(&format!("  pre_build_script = {}\n", toml_multiline_string(&script)));
    runner_snippet("pre-build-script", SnippetLanguage::Toml, text)
}

/// The file to mount (Option 2), pretty as in the seeds. It is the value, so it carries it.
fn config_json_file(generated: &Generated) -> Snippet {
    let text = match serde_json::from_str::<Value>(&generated.value) {
        Ok(value) => write_json(&value, true),
        Err(_) => generated.value.clone(),
    };
    Snippet {
        id: "config-json-file",
        group: SnippetGroup::RunnerConfig,
        language: SnippetLanguage::Json,
        text: text + "\n",
        carries_secret: carries_credentials(generated),
    }
}

/// Option 2, Docker executor: the read-only volume, with the seeds' warning.
fn config_json_docker_volume() -> Snippet {
    let text = format!(
        "# Save the DOCKER_AUTH_CONFIG value on the runner host as {HOST_CONFIG_PATH}.\n\
         # Mounted read-only: docker login, and any docker command that changes\n\
         # ~/.docker/config.json, then fails in the job. Keep it read-only.\n\
         # The official docker images use /root as the home directory.\n\
         [[runners]]\n  # ... your other [[runners]] settings\n  executor = \"docker\"\n  [runners.docker]\n    \
         # ... your other [runners.docker] settings\n    privileged = true\n    \
         volumes = [\"{HOST_CONFIG_PATH}:/root/.docker/config.json:ro\"]\n"
    );
    runner_snippet("config-json-docker-volume", SnippetLanguage::Toml, text)
}

/// A self-managed runner reads `${GITLAB_RUNNER_HOME}/.docker/config.json` for its own
/// `image:` and `services:` pulls (§1.1, second source).
fn config_json_runner_home(options: &SnippetOptions) -> Snippet {
    let home = if options.runner.run_as_runner_user { "/home/gitlab-runner" } else { "/root" };
    let text = format!(
        "# On the runner host: GitLab Runner reads ~/.docker/config.json of the user its process\n\
         # runs as (root for the service the Linux package installs, gitlab-runner when you run it\n\
         # as that user). Save the DOCKER_AUTH_CONFIG value as {HOST_CONFIG_PATH} first.\n\
         GITLAB_RUNNER_HOME={home}\n\
         sudo mkdir -p \"$GITLAB_RUNNER_HOME/.docker\"\n\
         sudo cp {HOST_CONFIG_PATH} \"$GITLAB_RUNNER_HOME/.docker/config.json\"\n"
    );
    runner_snippet("config-json-runner-home", SnippetLanguage::Shell, text)
}

/// `~/.aws/config` with the region `docker-credential-ecr-login` needs (§6, GitLab's note for
/// `credsStore: ecr-login`), and the matching `credHelpers` as a reminder.
fn ecr_aws_config(setup: &Setup, options: &SnippetOptions) -> Snippet {
    let ecr_hosts: Vec<String> = setup
        .entries
        .iter()
        .filter_map(|e| normalise_registry(&e.registry, false).ok())
        .map(|k| k.key)
        .filter(|k| ecr_region(k).is_some())
        .collect();
    let region = aws_region(&options.aws_region, &ecr_hosts);
    let helpers = if ecr_hosts.is_empty() {
        "\"<aws_account_id>.dkr.ecr.<region>.amazonaws.com\":\"ecr-login\"".to_owned()
    } else {
        ecr_hosts.iter().map(|h| format!("\"{h}\":\"ecr-login\"")).collect::<Vec<_>>().join(",")
    };
    let text = format!(
        "# ~/.aws/config of the user the gitlab-runner process runs as, on the runner host.\n\
         # docker-credential-ecr-login needs the region here; credentials come from\n\
         # ~/.aws/credentials, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or an instance role.\n\
         # Pairs with DOCKER_AUTH_CONFIG {{\"credHelpers\":{{{helpers}}}}}\n\
         # or {{\"credsStore\":\"ecr-login\"}} (which then serves every registry, Docker Hub too).\n\
         [default]\nregion = {region}\n"
    );
    runner_snippet("ecr-aws-config", SnippetLanguage::Ini, text)
}

/// The region typed if it looks like one, else the one in the first ECR host, else a placeholder.
fn aws_region(typed: &str, ecr_hosts: &[String]) -> String {
    let typed = typed.trim();
    let looks_like_region = |r: &str| !r.is_empty() && r.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if looks_like_region(typed) {
        return typed.to_owned();
    }
    ecr_hosts.iter().find_map(|h| ecr_region(h)).filter(|r| looks_like_region(r)).unwrap_or_else(|| "<region>".to_owned())
}

/// `<account>.dkr.ecr.<region>.amazonaws.com[.cn]` → `<region>`.
fn ecr_region(host: &str) -> Option<String> {
    let (_, rest) = host.split_once(".dkr.ecr.")?;
    let region = rest.strip_suffix(".amazonaws.com").or_else(|| rest.strip_suffix(".amazonaws.com.cn"))?;
    (!region.is_empty() && !region.contains('.')).then(|| region.to_owned())
}

fn runner_snippet(id: &'static str, language: SnippetLanguage, text: String) -> Snippet {
    Snippet { id, group: SnippetGroup::RunnerConfig, language, text, carries_secret: false }
}

/// Whether the value holds a username and token (not only helpers or nothing).
fn carries_credentials(generated: &Generated) -> bool {
    generated.entries.iter().any(|e| e.written && e.auth.is_some())
}

// ---------------------------------------------------------------------------------------------
// Kubernetes
// ---------------------------------------------------------------------------------------------

/// Option 2, Kubernetes executor: the seeds' ConfigMap and `config_map` volume (§4).
fn config_json_k8s_configmap(options: &SnippetOptions) -> Snippet {
    let namespace = kubernetes_name(&options.kubernetes_namespace, "gitlab-runner");
    let image = non_empty_or(&options.runner.docker_image, "alpine:latest");
    let text = format!(
        "# First store the file in a ConfigMap, where kubectl reaches the cluster:\n\
         # kubectl create configmap docker-client-config --namespace {namespace} --from-file {HOST_CONFIG_PATH}\n\
         # The ConfigMap holds the credentials: whoever can read ConfigMaps in {namespace} can read them.\n\
         [[runners]]\n  # ... your other [[runners]] settings\n  executor = \"kubernetes\"\n  [runners.kubernetes]\n    \
         image = {image}\n    privileged = true\n    [[runners.kubernetes.volumes.config_map]]\n      \
         name = \"docker-client-config\"\n      mount_path = \"/root/.docker/config.json\"\n      \
         # If you are running GitLab Runner 13.5\n      # or lower you can remove this\n      sub_path = \"config.json\"\n",
        image = toml_string(&image)
    );
    Snippet {
        id: "config-json-k8s-configmap",
        group: SnippetGroup::Kubernetes,
        language: SnippetLanguage::Toml,
        text,
        carries_secret: false,
    }
}

/// The `kubernetes.io/dockerconfigjson` Secret that `kubectl create secret docker-registry
/// --dry-run=client -o yaml` makes (§4), with every username-and-token registry in one
/// `auths`, for the Kubernetes executor's `image_pull_secrets` (§1.6).
fn k8s_pull_secret(setup: &Setup, generated: &Generated, options: &SnippetOptions) -> Snippet {
    let name = kubernetes_name(&options.pull_secret_name, "regcred");
    let namespace = kubernetes_name(&options.kubernetes_namespace, "gitlab-runner");
    let mut credentials: Vec<(String, &str, &str, &str)> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    for (entry, output) in setup.entries.iter().zip(&generated.entries) {
        let (Ok(key), true) = (&output.key, output.written) else {
            continue;
        };
        match &output.auth {
            Some(auth) => credentials.push((key.key.clone(), entry.username.as_str(), entry.secret.as_str(), auth.as_str())),
            None => skipped.push(key.key.clone()),
        }
    }
    let carries_secret = !credentials.is_empty();
    let mut comments = vec![format!("For the Kubernetes executor: image_pull_secrets = [\"{name}\"] in [runners.kubernetes].")];
    if carries_secret {
        comments.push("Contains the credentials: apply it, do not commit it.".to_owned());
    } else {
        comments.push(format!(
            "Placeholder credentials (USERNAME and TOKEN for {PLACEHOLDER_REGISTRY}): add a registry with a username and token."
        ));
    }
    if !skipped.is_empty() {
        comments.push(format!("Left out, credential helpers do not work in pull secrets: {}.", skipped.join(", ")));
    }
    let placeholder_auth = crate::auth_encoding::encode_auth("USERNAME", "TOKEN").unwrap_or_default();
    if credentials.is_empty() {
        credentials.push((PLACEHOLDER_REGISTRY.to_owned(), "USERNAME", "TOKEN", placeholder_auth.as_str()));
    }
    let data = base64_standard(kubectl_docker_config_json(&mut credentials).as_bytes());
    let mut text: String = comments.iter().map(|c| yaml_comment(c, 0)).collect();
    text.push_str(&format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {}\n  namespace: {}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {data}\n",
        yaml_scalar(&name),
        yaml_scalar(&namespace)
    ));
    Snippet { id: "k8s-pull-secret", group: SnippetGroup::Kubernetes, language: SnippetLanguage::Yaml, text, carries_secret }
}

/// The `.dockerconfigjson` kubectl writes, byte for byte: Go's field order (username,
/// password, auth; no empty email), map keys sorted, and Go's JSON string escaping.
fn kubectl_docker_config_json(credentials: &mut [(String, &str, &str, &str)]) -> String {
    credentials.sort_by(|a, b| a.0.cmp(&b.0));
    let entries: Vec<String> = credentials
        .iter()
        .map(|(server, user, password, auth)| {
            format!(
                "{}:{{\"username\":{},\"password\":{},\"auth\":{}}}",
                go_json_string(server),
                go_json_string(user),
                go_json_string(password),
                go_json_string(auth)
            )
        })
        .collect();
    format!("{{\"auths\":{{{}}}}}", entries.join(","))
}

/// A JSON string as Go's `encoding/json` writes it: serde_json's escaping plus Go's HTML-safe
/// `\u003c`, `\u003e`, `\u0026` and the JavaScript line separators.
fn go_json_string(text: &str) -> String {
    let json = write_json(&Value::String(text.to_owned()), false);
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            other => out.push(other),
        }
    }
    out
}

fn base64_standard(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A Kubernetes object name (DNS-1123 subdomain) as typed, or `fallback` when it is not one,
/// so a typo cannot break the YAML or the command around it.
fn kubernetes_name(typed: &str, fallback: &str) -> String {
    let name = typed.trim();
    let valid = !name.is_empty()
        && name.len() <= 253
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric());
    if valid {
        name.to_owned()
    } else {
        fallback.to_owned()
    }
}

// ---------------------------------------------------------------------------------------------
// Runner registration
// ---------------------------------------------------------------------------------------------

/// How `register` is started on Linux.
fn linux_register_command(runner: &RunnerInputs, preserve_environment: bool) -> String {
    let sudo = if preserve_environment { "sudo -E" } else { "sudo" };
    if runner.run_as_runner_user {
        format!("{sudo} -u gitlab-runner -H /usr/local/bin/gitlab-runner register")
    } else {
        format!("{sudo} gitlab-runner register")
    }
}

fn register_linux(runner: &RunnerInputs) -> Snippet {
    let mut text = token_comments(runner, Shell::Posix);
    push_linux_register(&mut text, runner, false);
    registration_snippet("register-linux", SnippetLanguage::Shell, text)
}

fn register_windows(runner: &RunnerInputs) -> Snippet {
    let executor = runner_text(&runner.executor, "docker");
    let executor = if executor == "docker" { "docker-windows".to_owned() } else { executor };
    let mut text = token_comments(runner, Shell::PowerShell);
    let arguments = register_arguments(runner, &executor, &runner.windows_docker_image, false, Shell::PowerShell);
    text.push_str(&continued(".\\gitlab-runner.exe register", &arguments, Shell::PowerShell));
    registration_snippet("register-windows", SnippetLanguage::PowerShell, text)
}

fn register_docker(runner: &RunnerInputs) -> Snippet {
    let mut text = token_comments(runner, Shell::Posix);
    let template = template_config(runner);
    let mut start = String::from("docker run --rm ");
    start.push_str(match runner.docker_volume {
        ConfigVolume::BindMount => "-v /srv/gitlab-runner/config:/etc/gitlab-runner",
        ConfigVolume::NamedVolume => "-v gitlab-runner-config:/etc/gitlab-runner",
    });
    if let Some(template) = &template {
        text.push_str(template);
        // The template must be inside the short-lived container.
        start.push_str(&format!(" -v {TEMPLATE_CONFIG_PATH}:{TEMPLATE_CONFIG_PATH}:ro"));
    }
    start.push_str(" gitlab/gitlab-runner:latest register");
    let arguments = register_arguments(runner, &runner.executor, &runner.docker_image, template.is_some(), Shell::Posix);
    text.push_str(&continued(&start, &arguments, Shell::Posix));
    registration_snippet("register-docker", SnippetLanguage::Shell, text)
}

fn register_proxy(runner: &RunnerInputs) -> Snippet {
    let typed = runner_text(&runner.proxy_url, "http://yourproxyurl:3128");
    let mut text = token_comments(runner, Shell::Posix);
    // A proxy password is a secret like the token: a variable set beforehand, never the text.
    let proxy = match split_userinfo(&typed) {
        Some(parts) if parts.password.is_some() => {
            text.push_str(&format!(
                "# Set {PROXY_PASSWORD_VARIABLE} to the proxy password first, the same way:\n#   read -rs {PROXY_PASSWORD_VARIABLE}\n"
            ));
            format!(
                "{}\"${{{PROXY_PASSWORD_VARIABLE}}}\"{}",
                shell_word(&format!("{}{}:", parts.before, parts.user)),
                shell_word(&format!("@{}", parts.after))
            )
        }
        _ => shell_word(&typed),
    };
    text.push_str(
        "# The proxy variables reach this command only (sudo -E keeps them); the runner service\n# needs its own proxy settings.\n",
    );
    text.push_str(&format!("export HTTP_PROXY={proxy}\nexport HTTPS_PROXY={proxy}\n"));
    push_linux_register(&mut text, runner, true);
    registration_snippet("register-proxy", SnippetLanguage::Shell, text)
}

/// The optional `--template-config` file, then the `gitlab-runner register` command on Linux.
fn push_linux_register(text: &mut String, runner: &RunnerInputs, preserve_environment: bool) {
    let template = template_config(runner);
    if let Some(template) = &template {
        text.push_str(template);
    }
    let arguments = register_arguments(runner, &runner.executor, &runner.docker_image, template.is_some(), Shell::Posix);
    text.push_str(&continued(&linux_register_command(runner, preserve_environment), &arguments, Shell::Posix));
}

fn registration_snippet(id: &'static str, language: SnippetLanguage, text: String) -> Snippet {
    Snippet { id, group: SnippetGroup::Registration, language, text, carries_secret: false }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shell {
    Posix,
    PowerShell,
}

impl Shell {
    fn quote(self, text: &str) -> String {
        match self {
            Shell::Posix => shell_string(text),
            // Safe text has no `$` or backtick, so double quotes (as the seeds write) are literal.
            Shell::PowerShell if shell_safe(text) => format!("\"{text}\""),
            Shell::PowerShell => powershell_string(text),
        }
    }
}

/// Where the token comes from: a variable set beforehand, so it is never in the snippet, and
/// how to set it without the shell history keeping it.
fn token_comments(runner: &RunnerInputs, shell: Shell) -> String {
    let (variable, what) = token_variable(runner.token_flow);
    let read = match shell {
        Shell::Posix => format!("read -rs {variable}"),
        Shell::PowerShell => format!("${variable} = [Net.NetworkCredential]::new('', (Read-Host -AsSecureString)).Password"),
    };
    let mut text =
        format!("# Set {variable} to the {what} first; this way it is\n# neither shown nor kept in the shell history:\n#   {read}\n");
    match runner.token_flow {
        TokenFlow::AuthenticationToken => text.push_str(
            "# Tags, run-untagged, locked, protected and the maintenance note are set in GitLab when\n\
             # you create the runner; register rejects them with an authentication token.\n",
        ),
        TokenFlow::RegistrationTokenDeprecated => text.push_str(
            "# Deprecated: registration tokens are being removed from GitLab. Prefer a runner\n\
             # authentication token (glrt-…) created with the runner in GitLab.\n",
        ),
    }
    text
}

fn token_variable(flow: TokenFlow) -> (&'static str, &'static str) {
    match flow {
        TokenFlow::AuthenticationToken => ("RUNNER_TOKEN", "runner authentication token (glrt-…)"),
        TokenFlow::RegistrationTokenDeprecated => ("PROJECT_REGISTRATION_TOKEN", "registration token"),
    }
}

/// The non-interactive flags, in the overview seed's order. The runner-level settings go only
/// with the deprecated registration token: with `--token` GitLab owns them.
fn register_arguments(runner: &RunnerInputs, executor: &str, image: &str, with_template: bool, shell: Shell) -> Vec<String> {
    let (token_variable, _) = token_variable(runner.token_flow);
    let token_flag = match runner.token_flow {
        TokenFlow::AuthenticationToken => "--token",
        TokenFlow::RegistrationTokenDeprecated => "--registration-token",
    };
    let executor = runner_text(executor, "docker");
    let mut arguments = vec![
        "--non-interactive".to_owned(),
        // `register` needs no credentials in the URL; any typed there stay out of the snippet.
        format!("--url {}", shell.quote(&without_userinfo(&runner_text(&runner.gitlab_url, "https://gitlab.com")))),
        format!("{token_flag} \"${token_variable}\""),
        format!("--executor {}", shell.quote(&executor)),
    ];
    if executor.starts_with("docker") {
        arguments.push(format!("--docker-image {}", shell.quote(&runner_text(image, "alpine:latest"))));
        if runner.privileged {
            arguments.push("--docker-privileged".to_owned());
        }
    }
    let description = runner_text(&runner.description, "");
    if !description.is_empty() {
        arguments.push(format!("--description {}", shell.quote(&description)));
    }
    if runner.token_flow == TokenFlow::RegistrationTokenDeprecated {
        let note = runner_text(&runner.maintenance_note, "");
        if !note.is_empty() {
            arguments.push(format!("--maintenance-note {}", shell.quote(&note)));
        }
        let tags = tag_list(&runner.tags);
        if !tags.is_empty() {
            arguments.push(format!("--tag-list {}", shell.quote(&tags)));
        }
        arguments.push(format!("--run-untagged=\"{}\"", runner.run_untagged));
        arguments.push(format!("--locked=\"{}\"", runner.locked));
        arguments.push(format!("--access-level=\"{}\"", runner.access_level.as_str()));
    }
    if with_template {
        arguments.push(format!("--template-config {TEMPLATE_CONFIG_PATH}"));
    }
    arguments
}

/// `docker, aws ,` → `docker,aws`.
fn tag_list(tags: &str) -> String {
    split_list(tags).join(",")
}

/// The items of a comma-separated input, each on one line.
fn split_list(text: &str) -> Vec<String> {
    text.split(',').map(|item| runner_text(item, "")).filter(|item| !item.is_empty()).collect()
}

/// A runner input as one trimmed line (or `fallback` when empty): these are single-line
/// fields, and a line break would end a command or a comment in every shell.
fn runner_text(text: &str, fallback: &str) -> String {
    non_empty_or(&one_line(text), fallback)
}

/// The seed's services template, written with a quoted heredoc, for Docker executors only
/// (services are a `[runners.docker]` setting).
fn template_config(runner: &RunnerInputs) -> Option<String> {
    let services = split_list(&runner.services);
    if services.is_empty() || !runner_text(&runner.executor, "docker").starts_with("docker") {
        return None;
    }
    let mut text = format!("cat > {TEMPLATE_CONFIG_PATH} <<'EOF'\n[[runners]]\n  [runners.docker]\n");
    for service in services {
        // A TOML string is one line, so no line of the heredoc can be its `EOF`.
        text.push_str(&format!("    [[runners.docker.services]]\n      name = {}\n", toml_string(&service)));
    }
    text.push_str("EOF\n");
    Some(text)
}

/// `first \` + one argument per line, with the shell's line continuation.
fn continued(first: &str, arguments: &[String], shell: Shell) -> String {
    let continuation = match shell {
        Shell::Posix => " \\\n  ",
        Shell::PowerShell => " `\n  ",
    };
    let mut text = first.to_owned();
    for argument in arguments {
        text.push_str(continuation);
        text.push_str(argument);
    }
    text.push('\n');
    text
}

// ---------------------------------------------------------------------------------------------
// Shell
// ---------------------------------------------------------------------------------------------

/// The encoding command: the seeds' GNU form with placeholders, and the portable one
/// (registry-auth-semantics.md "Generator defaults"; `echo` without `-n` is §7 #1).
fn shell_encode() -> Snippet {
    let text = "# GNU coreutils (Linux), as the guides show it: -n keeps echo from adding a newline,\n\
                # -w 0 keeps base64 from wrapping. Typed like this, the password lands in your history.\n\
                echo -n \"REGISTRY_USERNAME:REGISTRY_PASSWORD\" | base64 -w 0\n\
                # Portable (macOS, BusyBox): set REGISTRY_USER, and REGISTRY_TOKEN with\n\
                # read -rs REGISTRY_TOKEN so the token is neither shown nor kept in the history.\n\
                printf '%s' \"$REGISTRY_USER:$REGISTRY_TOKEN\" | base64 | tr -d '\\n'\n"
        .to_owned();
    Snippet { id: "shell-encode", group: SnippetGroup::Shell, language: SnippetLanguage::Shell, text, carries_secret: false }
}

// ---------------------------------------------------------------------------------------------
// Quoting
// ---------------------------------------------------------------------------------------------

fn non_empty_or(text: &str, fallback: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        fallback.to_owned()
    } else {
        text.to_owned()
    }
}

/// Characters that mean nothing to a POSIX shell, inside or outside double quotes.
fn shell_safe(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || "@%+=:,./_-".contains(c))
}

/// A shell word: bare when nothing in it is special, otherwise single-quoted, which keeps
/// `$`, `` ` ``, `\`, `!`, globs and spaces literal (`'` itself is written `'\''`).
fn shell_word(text: &str) -> String {
    if shell_safe(text) {
        text.to_owned()
    } else {
        single_quoted(text)
    }
}

/// Like [`shell_word`] but in double quotes when safe, as the seeds write flag values.
fn shell_string(text: &str) -> String {
    if shell_safe(text) {
        format!("\"{text}\"")
    } else {
        single_quoted(text)
    }
}

fn single_quoted(text: &str) -> String {
    // NUL cannot be passed in an argument at all.
    format!("'{}'", text.replace('\0', "").replace('\'', "'\\''"))
}

/// A PowerShell verbatim string: only quote characters are special, doubled. PowerShell takes
/// the typographic single quotes as quotes too.
fn powershell_string(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars().filter(|c| *c != '\0') {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// Shell lines as one script, comments included.
fn shell_lines(lines: &[ScriptLine]) -> String {
    let mut out = String::new();
    for line in lines {
        match line {
            ScriptLine::Command(text) => out.push_str(text),
            ScriptLine::Comment(text) => {
                out.push_str("# ");
                out.push_str(&one_line(text));
            }
        }
        out.push('\n');
    }
    out
}

/// A YAML block sequence of script lines; comments stay comments.
fn yaml_sequence(lines: &[ScriptLine], indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for line in lines {
        match line {
            ScriptLine::Command(text) => out.push_str(&format!("{pad}- {}\n", yaml_scalar(text))),
            ScriptLine::Comment(text) => out.push_str(&yaml_comment(text, indent)),
        }
    }
    out
}

fn yaml_comment(text: &str, indent: usize) -> String {
    format!("{}# {}\n", " ".repeat(indent), one_line(text))
}

/// A comment must stay on its line, whatever was typed.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Words a YAML 1.1 reader (GitLab's Ruby) takes as booleans or null when unquoted. Numbers,
/// dates and `~` start with no letter, so [`yaml_scalar`] quotes them anyway.
const YAML_KEYWORDS: [&str; 25] = [
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off",
    "Off", "OFF", "null", "Null", "NULL",
];

/// A YAML scalar that reads back as exactly `text`, in YAML 1.1 and 1.2: plain when that is
/// unambiguous (starts with a letter, `$` or `/`; no `: `, ` #`, trailing `:` or space,
/// escapes or keyword), otherwise double-quoted with escapes.
fn yaml_scalar(text: &str) -> String {
    let plain = text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '$' || c == '/')
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.chars().any(needs_yaml_escape)
        && !YAML_KEYWORDS.contains(&text);
    if plain {
        text.to_owned()
    } else {
        yaml_double_quoted(text)
    }
}

/// Characters outside YAML's printable set, and line breaks of either YAML version.
fn needs_yaml_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
}

fn yaml_double_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if needs_yaml_escape(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML basic string: `"` and `\` escaped, control characters as escapes, the rest as is.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_ascii_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A multi-line TOML string that reads back as exactly `text`: literal `'''…'''` when it can
/// hold it (readable), otherwise a basic one with every special character escaped.
fn toml_multiline_string(text: &str) -> String {
    let literal_ok = !text.contains("'''") && !text.ends_with('\'') && !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
    if literal_ok {
        // A newline right after the opening delimiter is trimmed by TOML.
        return format!("'''\n{text}'''");
    }
    let mut out = String::from("\"\"\"\n");
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            other => {
                let escaped = toml_string(&other.to_string());
                out.push_str(&escaped[1..escaped.len() - 1]);
            }
        }
    }
    out.push_str("\"\"\"");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_fields_cover_every_option() {
        // Each field changed on its own is seen by exactly that field: none is missing or shared.
        use strum::IntoEnumIterator;
        let defaults = SnippetOptions::default();
        let mut changed = SnippetOptions {
            docker_version: "x".into(),
            variable_type: VariableType::File,
            kaniko_image: "x".into(),
            runtime_credentials: RuntimeCredentials::DeployToken,
            aws_region: "x".into(),
            kubernetes_namespace: "x".into(),
            pull_secret_name: "x".into(),
            runner: RunnerInputs {
                gitlab_url: "x".into(),
                token_flow: TokenFlow::RegistrationTokenDeprecated,
                executor: "x".into(),
                docker_image: "x".into(),
                windows_docker_image: "x".into(),
                description: "x".into(),
                tags: "x".into(),
                maintenance_note: "x".into(),
                run_untagged: false,
                locked: true,
                access_level: AccessLevel::RefProtected,
                privileged: true,
                services: "x".into(),
                run_as_runner_user: true,
                docker_volume: ConfigVolume::NamedVolume,
                proxy_url: "x".into(),
            },
        };
        assert_eq!(changed.differing_fields(&defaults), OptionField::iter().collect::<Vec<_>>());
        for field in OptionField::iter() {
            let mut round_trip = SnippetOptions::default();
            field.set(&mut round_trip, &field.value(&changed));
            assert_eq!(round_trip.differing_fields(&defaults), [field]);
            field.copy(&defaults, &mut changed);
        }
        assert_eq!(changed, defaults);
    }

    #[test]
    fn variable_names_derive_from_hosts() {
        assert_eq!(variable_suffixes(&[Some("quay.io")]), vec![""]);
        assert_eq!(
            variable_suffixes(&[Some("registry.gitlab.com"), None, Some("a-b.io"), Some("a.b.io"), Some("ü.io")]),
            vec!["_REGISTRY_GITLAB_COM", "_DOCKER_HUB", "_A_B_IO", "_A_B_IO_2", "_IO"]
        );
        assert_eq!(variable_suffixes(&[Some("ü"), Some("ö")]), vec!["_REGISTRY", "_REGISTRY_2"]);
    }

    #[test]
    fn docker_cli_versions() {
        assert!(!docker_cli_prefers_auth_config("24.0.5"));
        assert!(!docker_cli_prefers_auth_config("28.2.2"));
        assert!(docker_cli_prefers_auth_config("28.3.0"));
        assert!(docker_cli_prefers_auth_config("29"));
        assert!(!docker_cli_prefers_auth_config("27"));
        assert!(docker_cli_prefers_auth_config("latest"));
    }

    #[test]
    fn ecr_regions() {
        assert_eq!(ecr_region("123456789012.dkr.ecr.eu-west-1.amazonaws.com").as_deref(), Some("eu-west-1"));
        assert_eq!(ecr_region("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn").as_deref(), Some("cn-north-1"));
        assert_eq!(ecr_region("public.ecr.aws"), None);
        assert_eq!(aws_region(" us-east-2 ", &[]), "us-east-2");
        assert_eq!(aws_region("bad region\n[x]", &[]), "<region>");
    }

    #[test]
    fn quoting() {
        assert_eq!(shell_word("registry.example.com:5000"), "registry.example.com:5000");
        assert_eq!(shell_word("[::1]:5000"), "'[::1]:5000'");
        assert_eq!(shell_string("it's $HOME"), "'it'\\''s $HOME'");
        assert_eq!(powershell_string("it's"), "'it''s'");
        assert_eq!(yaml_scalar("docker:24.0.5-cli"), "docker:24.0.5-cli");
        assert_eq!(yaml_scalar("yes"), "\"yes\"");
        assert_eq!(yaml_scalar("a: b\u{85}"), "\"a: b\\u0085\"");
        assert_eq!(toml_string("a\"\\\u{1}é"), "\"a\\\"\\\\\\u0001é\"");
        assert_eq!(kubernetes_name("Bad Name", "regcred"), "regcred");
    }
}
