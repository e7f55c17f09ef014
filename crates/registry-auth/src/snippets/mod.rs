//! Copy-paste snippets for every place the credentials go: `.gitlab-ci.yml`, the runner's
//! `config.toml` and host, Kubernetes, runner registration and the shell. One module per
//! target; quoting for each language lives in `quoting`.
//!
//! Rule for secrets: a snippet that goes into `.gitlab-ci.yml` or a shell history references
//! CI/CD variables and never contains a secret; [`variables_to_create`] lists those variables
//! and their values. Only snippets whose whole point is the value (the `config.json` file, the
//! runner's `environment` line, the Kubernetes Secret) carry it, and `carries_secret` says so.
//!
//! Snippets follow GitLab's documentation except where it is wrong: its unquoted
//! `echo $DOCKER_AUTH_CONFIG > …` becomes `printf '%s' "$DOCKER_AUTH_CONFIG" > …` (word
//! splitting and globbing change the JSON, and a File-type variable holds a path: see
//! `docs/gitlab-variables.md#file-variables`).
//!
//! ```
//! use registry_auth::{config_builder::build, setup::{RegistryEntry, Setup}};
//! use registry_auth::snippets::{snippets, SnippetId, SnippetOptions};
//! let setup = Setup { entries: vec![RegistryEntry::basic("registry.example.com", "me", "not-a-real-token")], ..Setup::default() };
//! let all = snippets(&setup, &build(&setup), &SnippetOptions::default());
//! let login = all.iter().find(|s| s.id == SnippetId::DockerLogin).unwrap();
//! assert!(login.text.contains("docker login registry.example.com --username \"$DOCKER_REGISTRY_USER\""));
//! assert!(all.iter().filter(|s| !s.carries_secret).all(|s| !s.text.contains("not-a-real-token")));
//! ```

mod checks;
mod choices;
mod gitlab_ci;
mod helm;
mod job_credentials;
mod job_image;
mod keyless;
mod kubernetes;
mod options;
mod quoting;
mod registration;
mod runner;
mod secrets;
mod shell;
mod variable_as_code;
mod variables;

use strum::{EnumIter, IntoStaticStr};

pub use choices::*;
pub use helm::EXTERNAL_SECRET_KEY;
pub use job_image::image_on_first_registry;
pub(crate) use kubernetes::kubernetes_name;
pub use options::*;
pub(crate) use quoting::yaml_scalar;
pub use secrets::provider_variables;
pub use variable_as_code::VALUE_FILE;
pub use variables::{variables_to_create, VariableKind, VariableToCreate, VariableValue, DOCKER_AUTH_CONFIG};

use crate::config_builder::Generated;
use crate::setup::Setup;

/// Where Option 2 keeps the file on the runner host, as in the seeds.
pub const HOST_CONFIG_PATH: &str = "/opt/.docker/config.json";
/// A job's own `DOCKER_CONFIG` where `$HOME` is shared by every job (a shell executor) or must
/// not hold the job's login (`keyless-login`); removed when the job ends.
pub(crate) const JOB_DOCKER_CONFIG: &str = "$CI_BUILDS_DIR/.docker-$CI_JOB_ID";
/// The registry shown when no registry is entered yet.
pub const PLACEHOLDER_REGISTRY: &str = "registry.example.com";
/// The shell variable that stands in for a proxy password typed into the proxy URL.
pub const PROXY_PASSWORD_VARIABLE: &str = "PROXY_PASSWORD";
/// The shell variable that stands in for a proxy user typed into the proxy URL.
pub const PROXY_USER_VARIABLE: &str = "PROXY_USER";

/// Every snippet, in display order (grouped by [`SnippetGroup`]). `as_str()` is the id of the
/// UI contract's `data-testid="snippet-<id>"`; `config-json-file` and `config-json-runner-home`
/// are this tool's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum SnippetId {
    /// Least secret first: no new secret where GitLab already has one
    /// (`docs/job-credentials.md#what-the-job-payload-carries`).
    JobTokenAllowlist,
    DependencyProxy,
    /// A cloud registry's login inside a job with `id_tokens:` (`docs/keyless.md#inside-a-job`).
    KeylessLogin,
    /// The variable created as code (`docs/variables-as-code.md#the-three-ways`).
    GlabVariable,
    ApiVariable,
    TerraformVariable,
    CiSecrets,
    /// A scheduled job that mints a short-lived credential anew and updates the variable.
    RefreshVariableJob,
    /// The job's `image:` and `services:` from the user's registry: the simplest use of the
    /// value, first for a project maintainer.
    JobImage,
    /// First of the builders: GitLab's docs now lead with Buildah
    /// (`docs/containers-image.md#buildah`).
    Buildah,
    DockerLogin,
    AuthConfigBeforeScript,
    Kaniko,
    RuntimeAuth,
    RunnerEnvironment,
    PreBuildScript,
    ConfigJsonFile,
    ConfigJsonDockerVolume,
    ConfigJsonRunnerHome,
    /// The runner user's own `config.json` on the manager naming a helper per cloud registry.
    ManagerHelper,
    /// `allowed_docker_credential_helpers` for the helpers the value names (runner 19.4+,
    /// `docs/gitlab-runner.md#restrict-docker-credential-helpers`).
    RunnerHelperAllowlist,
    EcrAwsConfig,
    ConfigJsonK8sConfigmap,
    /// The kubelet's `CredentialProviderConfig` (`docs/keyless.md#kubelet-credential-providers`).
    KubeletCredentialProvider,
    K8sPullSecret,
    ExternalSecret,
    HelmValues,
    RegisterLinux,
    RegisterWindows,
    RegisterDocker,
    RegisterProxy,
    ShellEncode,
    /// Proving the value works (`docs/checks.md#what-each-check-proves`).
    SmokeTestJob,
    RegistryCheck,
}

impl SnippetId {
    /// The kebab-case id, e.g. `docker-login`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Where the snippet goes.
    pub fn group(self) -> SnippetGroup {
        use SnippetId::*;
        match self {
            JobTokenAllowlist | DependencyProxy | KeylessLogin => SnippetGroup::JobCredentials,
            GlabVariable | ApiVariable | TerraformVariable | CiSecrets | RefreshVariableJob => SnippetGroup::VariableAsCode,
            JobImage | DockerLogin | AuthConfigBeforeScript | Kaniko | RuntimeAuth | Buildah => SnippetGroup::GitlabCi,
            RunnerEnvironment
            | PreBuildScript
            | ConfigJsonFile
            | ConfigJsonDockerVolume
            | ConfigJsonRunnerHome
            | ManagerHelper
            | RunnerHelperAllowlist
            | EcrAwsConfig => SnippetGroup::RunnerConfig,
            ConfigJsonK8sConfigmap | KubeletCredentialProvider | K8sPullSecret | ExternalSecret | HelmValues => SnippetGroup::Kubernetes,
            RegisterLinux | RegisterWindows | RegisterDocker | RegisterProxy => SnippetGroup::Registration,
            ShellEncode => SnippetGroup::Shell,
            SmokeTestJob | RegistryCheck => SnippetGroup::Verify,
        }
    }

    /// The language of its text.
    pub fn language(self) -> SnippetLanguage {
        use SnippetId::*;
        match self {
            JobImage | DockerLogin | AuthConfigBeforeScript | Kaniko | RuntimeAuth | Buildah | K8sPullSecret => SnippetLanguage::Yaml,
            DependencyProxy | CiSecrets | SmokeTestJob | ExternalSecret | HelmValues => SnippetLanguage::Yaml,
            KeylessLogin | RefreshVariableJob | KubeletCredentialProvider => SnippetLanguage::Yaml,
            TerraformVariable => SnippetLanguage::Hcl,
            JobTokenAllowlist | GlabVariable | ApiVariable | RegistryCheck => SnippetLanguage::Shell,
            RunnerEnvironment | PreBuildScript | ConfigJsonDockerVolume | ConfigJsonK8sConfigmap | RunnerHelperAllowlist => {
                SnippetLanguage::Toml
            }
            ConfigJsonFile => SnippetLanguage::Json,
            EcrAwsConfig => SnippetLanguage::Ini,
            RegisterWindows => SnippetLanguage::PowerShell,
            ConfigJsonRunnerHome | ManagerHelper | RegisterLinux | RegisterDocker | RegisterProxy | ShellEncode => SnippetLanguage::Shell,
        }
    }
}

/// What a snippet's text reads besides the options: the page recomputes a shown snippet only
/// when these change. `tests/snippet_reads_props.rs` proves each `false` by changing what it
/// says is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reads {
    /// The registries typed (`Setup`).
    pub setup: bool,
    /// The usernames and secrets in the setup; when `false`, the snippet reads only
    /// [`Setup::without_credentials`].
    pub credentials: bool,
    /// The generated value (`Generated`).
    pub value: bool,
}

impl SnippetId {
    pub fn reads(self) -> Reads {
        use SnippetId::*;
        // (setup, credentials, value). `docker login` lines name the variables, never their
        // contents; the ECR profile and the keyless routes name the registries.
        let (setup, credentials, value) = match self {
            DockerLogin
            | EcrAwsConfig
            | RunnerHelperAllowlist
            | KubeletCredentialProvider
            | ManagerHelper
            | KeylessLogin
            | RefreshVariableJob => (true, false, false),
            // Buildah: whether the value has a `credsStore`, which containers/image never reads.
            RunnerEnvironment | ConfigJsonFile | HelmValues | Buildah => (false, false, true),
            // The variable advice (masked) reads both.
            K8sPullSecret | GlabVariable | ApiVariable | TerraformVariable => (true, true, true),
            AuthConfigBeforeScript
            | Kaniko
            | RuntimeAuth
            | PreBuildScript
            | ConfigJsonDockerVolume
            | ConfigJsonRunnerHome
            | ConfigJsonK8sConfigmap
            | RegisterLinux
            | RegisterWindows
            | RegisterDocker
            | RegisterProxy
            | ShellEncode
            | JobTokenAllowlist
            | DependencyProxy
            | CiSecrets
            | SmokeTestJob
            | RegistryCheck
            | JobImage
            | ExternalSecret => (false, false, false),
        };
        Reads { setup, credentials, value }
    }
}

impl SnippetId {
    /// The options the snippet's text depends on, in the order the page asks for them: the
    /// page puts each option's input with the first snippet shown that reads it.
    pub fn options(self) -> &'static [OptionField] {
        use OptionField::*;
        use SnippetId::*;
        // No executor: "Where will this run?" asks for it (`Situation::effective_options`).
        const RUNNER: &[OptionField] = &[
            GitlabUrl,
            TokenFlow,
            DockerImage,
            Description,
            Tags,
            MaintenanceNote,
            RunUntagged,
            Locked,
            AccessLevel,
            Privileged,
            Services,
            RunAsRunnerUser,
        ];
        const AS_CODE: &[OptionField] = &[VariableLevel, GitlabPath, EnvironmentScope, VariableType];
        match self {
            JobTokenAllowlist => &[GitlabUrl],
            DependencyProxy => &[DockerVersion],
            GlabVariable => &[VariableLevel, GitlabPath, EnvironmentScope, VariableType, GitlabUrl],
            TerraformVariable => AS_CODE,
            ApiVariable => &[VariableLevel, GitlabPath, EnvironmentScope, VariableType, GitlabUrl],
            CiSecrets => &[SecretsProvider, VariableType, TestImage],
            SmokeTestJob | RegistryCheck => &[TestImage],
            JobImage => &[TestImage, ServiceImages],
            KeylessLogin => &[GitlabUrl, GitlabPath],
            RefreshVariableJob => &[GitlabUrl, GitlabPath, EnvironmentScope],
            ManagerHelper => &[RunAsRunnerUser],
            ExternalSecret => &[PullSecretName, KubernetesNamespace],
            HelmValues => &[HelmCredentials, KubernetesNamespace, PullSecretName],
            DockerLogin => &[DockerVersion],
            AuthConfigBeforeScript => &[DockerVersion, VariableType],
            Kaniko => &[KanikoImage, VariableType],
            RuntimeAuth => &[KanikoImage, RuntimeCredentials],
            Buildah => &[VariableType],
            PreBuildScript => &[VariableType],
            ConfigJsonRunnerHome => &[RunAsRunnerUser],
            EcrAwsConfig => &[AwsRegion],
            ConfigJsonK8sConfigmap => &[KubernetesNamespace, DockerImage, Privileged],
            K8sPullSecret => &[PullSecretName, KubernetesNamespace],
            RegisterLinux => RUNNER,
            RegisterWindows => &[
                GitlabUrl,
                TokenFlow,
                WindowsDockerImage,
                Description,
                Tags,
                MaintenanceNote,
                RunUntagged,
                Locked,
                AccessLevel,
                Privileged,
            ],
            RegisterDocker => &[
                GitlabUrl,
                TokenFlow,
                DockerImage,
                Description,
                Tags,
                MaintenanceNote,
                RunUntagged,
                Locked,
                AccessLevel,
                Privileged,
                Services,
                DockerVolume,
            ],
            RegisterProxy => &[
                ProxyUrl,
                GitlabUrl,
                TokenFlow,
                DockerImage,
                Description,
                Tags,
                MaintenanceNote,
                RunUntagged,
                Locked,
                AccessLevel,
                Privileged,
                Services,
                RunAsRunnerUser,
            ],
            ConfigJsonDockerVolume => &[Privileged],
            RunnerEnvironment | ConfigJsonFile | ShellEncode | RunnerHelperAllowlist | KubeletCredentialProvider => &[],
        }
    }
}

/// Where a snippet goes, for grouping on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum SnippetGroup {
    /// No new secret: the job's own credentials.
    JobCredentials,
    /// The variable without a browser form: CLI, API, Terraform, a secret manager.
    VariableAsCode,
    /// `.gitlab-ci.yml`.
    GitlabCi,
    /// The runner's `config.toml` and host.
    RunnerConfig,
    Kubernetes,
    /// `gitlab-runner register`.
    Registration,
    Shell,
    /// Proving that it works.
    Verify,
}

impl SnippetGroup {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The snippet's language, for highlighting and for the tests that parse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum SnippetLanguage {
    Yaml,
    Toml,
    Shell,
    Json,
    Ini,
    PowerShell,
    /// Terraform's HCL.
    Hcl,
}

impl SnippetLanguage {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One ready-to-paste snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub id: SnippetId,
    pub text: String,
    /// The text holds the credentials themselves (the page says so).
    pub carries_secret: bool,
}

impl Snippet {
    fn new(id: SnippetId, text: String) -> Self {
        Snippet { id, text, carries_secret: false }
    }

    pub fn group(&self) -> SnippetGroup {
        self.id.group()
    }

    pub fn language(&self) -> SnippetLanguage {
        self.id.language()
    }
}

/// Every snippet for the current inputs, in the order of [`SnippetId`]. Never panics.
pub fn snippets(setup: &Setup, generated: &Generated, options: &SnippetOptions) -> Vec<Snippet> {
    use strum::IntoEnumIterator;
    let logins = variables::login_targets(setup);
    let options = options.without_userinfo();
    SnippetId::iter().map(|id| snippet(id, setup, generated, &options, &logins)).collect()
}

impl SnippetId {
    /// The CI/CD variables (to create, not predefined) this snippet reads, by name: what the
    /// variables table lists for it, and what the page says beside it. `DOCKER_AUTH_CONFIG` for
    /// every path that uses the value (the job image and the smoke test only once the value holds
    /// something), each `docker login`'s user and password, a secret manager's settings.
    pub fn ci_variables(self, setup: &Setup, generated: &Generated, options: &SnippetOptions) -> Vec<String> {
        use SnippetId::*;
        let value = || vec![variables::DOCKER_AUTH_CONFIG.to_owned()];
        match self {
            DockerLogin => variables::login_targets(setup).into_iter().flat_map(|l| [l.user_variable, l.pass_variable]).collect(),
            AuthConfigBeforeScript | Kaniko | Buildah | PreBuildScript | GlabVariable | ApiVariable | TerraformVariable => value(),
            JobImage | SmokeTestJob if variables::value_has_content(setup, generated) => value(),
            CiSecrets => secrets::provider_variables(options.secrets_provider).iter().map(|n| (*n).to_owned()).collect(),
            KeylessLogin => keyless::identity_variables(setup),
            RefreshVariableJob => {
                let mut names = keyless::identity_variables(setup);
                names.push(keyless::VARIABLE_TOKEN.to_owned());
                names
            }
            _ => Vec::new(),
        }
    }
}

/// One snippet: what a page showing only some snippets computes.
pub fn snippet_for(id: SnippetId, setup: &Setup, generated: &Generated, options: &SnippetOptions) -> Snippet {
    snippet(id, setup, generated, &options.without_userinfo(), &variables::login_targets(setup))
}

fn snippet(id: SnippetId, setup: &Setup, generated: &Generated, options: &SnippetOptions, logins: &[variables::LoginTarget]) -> Snippet {
    use SnippetId::*;
    let advice = || variables::docker_auth_config_variable(setup, generated, options);
    match id {
        JobTokenAllowlist => job_credentials::job_token_allowlist(options),
        DependencyProxy => job_credentials::dependency_proxy(options),
        GlabVariable => variable_as_code::glab_variable(options, &advice()),
        ApiVariable => variable_as_code::api_variable(options, &advice()),
        TerraformVariable => variable_as_code::terraform_variable(options, &advice()),
        CiSecrets => secrets::ci_secrets(options),
        SmokeTestJob => checks::smoke_test_job(options),
        RegistryCheck => checks::registry_check(options),
        ExternalSecret => helm::external_secret(options),
        HelmValues => helm::helm_values(generated, options),
        DockerLogin => gitlab_ci::docker_login(logins, options),
        AuthConfigBeforeScript => gitlab_ci::auth_config_before_script(options),
        Kaniko => gitlab_ci::kaniko(options),
        RuntimeAuth => gitlab_ci::runtime_auth(options),
        Buildah => gitlab_ci::buildah(generated, options),
        RunnerEnvironment => runner::runner_environment(generated),
        PreBuildScript => runner::pre_build_script(options),
        ConfigJsonFile => runner::config_json_file(generated),
        ConfigJsonDockerVolume => runner::config_json_docker_volume(options),
        ConfigJsonRunnerHome => runner::config_json_runner_home(options),
        RunnerHelperAllowlist => runner::helper_allowlist(setup),
        KubeletCredentialProvider => keyless::kubelet_credential_provider(setup),
        ManagerHelper => keyless::manager_helper(setup, options),
        KeylessLogin => keyless::keyless_login(setup, options),
        RefreshVariableJob => keyless::refresh_variable_job(setup, options),
        JobImage => job_image::job_image(options),
        EcrAwsConfig => runner::ecr_aws_config(setup, options),
        ConfigJsonK8sConfigmap => kubernetes::config_json_k8s_configmap(options),
        K8sPullSecret => kubernetes::k8s_pull_secret(setup, generated, options),
        RegisterLinux => registration::register_linux(&options.runner),
        RegisterWindows => registration::register_windows(&options.runner),
        RegisterDocker => registration::register_docker(&options.runner),
        RegisterProxy => registration::register_proxy(&options.runner),
        ShellEncode => shell::shell_encode(),
    }
}

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

/// Whether the value holds a username and token (not only helpers or nothing).
fn carries_credentials(generated: &Generated) -> bool {
    generated.entries.iter().any(|e| e.written && e.auth.is_some())
}
