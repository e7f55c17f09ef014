//! What the snippets need beyond the registries: the Docker version, how the variable is
//! stored, the runner registration inputs. None of it is a secret: a shared setup carries it.
//! The values each select offers are in `choices`.

use super::choices::*;

/// The image `smoke-test-job`, `registry-check` and `ci-secrets` use until one is typed.
pub const DEFAULT_TEST_IMAGE: &str = "registry.example.com/my-group/my-project/app:latest";
/// The project the variable-as-code snippets use until one is typed.
pub const DEFAULT_GITLAB_PATH: &str = "my-group/my-project";

/// Inputs of the runner section: what `gitlab-runner register` is told.
/// Serialised in shared setups (`shared_setup.rs`): none of its fields is a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
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
            // Empty: the platform's (`Situation::gitlab_url`): GitLab.com, or a placeholder for a
            // self-managed instance until its address is typed.
            gitlab_url: String::new(),
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetOptions {
    /// The Docker version of `docker:<version>-cli` and `docker:<version>-dind`.
    pub docker_version: DockerVersion,
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
    /// The instance's registry, `host[:port]` (`$CI_REGISTRY`); empty: unknown. Read by the
    /// resolver, not by a snippet: the job's own credentials are sent for this host.
    pub gitlab_registry: String,
    pub variable_level: VariableLevel,
    /// The project (or group) path the variable is created in.
    pub gitlab_path: String,
    /// `environment_scope` of the variable; empty or `*`: all.
    pub environment_scope: String,
    pub secrets_provider: SecretsProvider,
    /// The private image the checks and the `job-image` snippet pull; not a secret. While it is
    /// [`DEFAULT_TEST_IMAGE`], the situation puts it on the first registry typed
    /// (`Situation::effective_options`).
    pub test_image: String,
    /// Service images the `job-image` snippet lists under `services:`, comma-separated; empty:
    /// none.
    pub service_images: String,
    pub helm_credentials: HelmCredentials,
}

impl Default for SnippetOptions {
    fn default() -> Self {
        SnippetOptions {
            docker_version: DockerVersion::default(),
            variable_type: VariableType::default(),
            kaniko_image: DEFAULT_KANIKO_IMAGE.into(),
            runtime_credentials: RuntimeCredentials::default(),
            aws_region: String::new(),
            kubernetes_namespace: "gitlab-runner".into(),
            pull_secret_name: "regcred".into(),
            runner: RunnerInputs::default(),
            gitlab_registry: String::new(),
            variable_level: VariableLevel::default(),
            gitlab_path: DEFAULT_GITLAB_PATH.into(),
            environment_scope: "*".into(),
            secrets_provider: SecretsProvider::default(),
            test_image: DEFAULT_TEST_IMAGE.into(),
            service_images: String::new(),
            helm_credentials: HelmCredentials::default(),
        }
    }
}

/// One field of [`SnippetOptions`], to name it apart from its value: an imported setup marks
/// the fields it changed until the user confirms them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter, strum::IntoStaticStr)]
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
    GitlabRegistry,
    VariableLevel,
    GitlabPath,
    EnvironmentScope,
    SecretsProvider,
    TestImage,
    HelmCredentials,
    ServiceImages,
}

/// What kind of input an option is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    Text,
    /// A checkbox: `true` or `false`.
    Flag,
    /// One of these values.
    Choice(&'static [&'static str]),
}

impl OptionField {
    pub fn kind(self) -> OptionKind {
        match self {
            OptionField::DockerVersion => OptionKind::Choice(DockerVersion::VALUES),
            OptionField::VariableType => OptionKind::Choice(VariableType::VALUES),
            OptionField::RuntimeCredentials => OptionKind::Choice(RuntimeCredentials::VALUES),
            OptionField::TokenFlow => OptionKind::Choice(TokenFlow::VALUES),
            OptionField::AccessLevel => OptionKind::Choice(AccessLevel::VALUES),
            OptionField::DockerVolume => OptionKind::Choice(ConfigVolume::VALUES),
            OptionField::VariableLevel => OptionKind::Choice(VariableLevel::VALUES),
            OptionField::SecretsProvider => OptionKind::Choice(SecretsProvider::VALUES),
            OptionField::HelmCredentials => OptionKind::Choice(HelmCredentials::VALUES),
            OptionField::RunUntagged | OptionField::Locked | OptionField::Privileged | OptionField::RunAsRunnerUser => OptionKind::Flag,
            _ => OptionKind::Text,
        }
    }

    /// Where the field is written in a shared setup file: inside `runner` or not, and its key
    /// (the names of setup files since the first version).
    pub fn json_key(self) -> (bool, &'static str) {
        use OptionField::*;
        match self {
            DockerVersion => (false, "docker_version"),
            VariableType => (false, "variable_type"),
            KanikoImage => (false, "kaniko_image"),
            RuntimeCredentials => (false, "runtime_credentials"),
            AwsRegion => (false, "aws_region"),
            KubernetesNamespace => (false, "kubernetes_namespace"),
            PullSecretName => (false, "pull_secret_name"),
            GitlabUrl => (true, "gitlab_url"),
            TokenFlow => (true, "token_flow"),
            Executor => (true, "executor"),
            DockerImage => (true, "docker_image"),
            WindowsDockerImage => (true, "windows_docker_image"),
            Description => (true, "description"),
            Tags => (true, "tags"),
            MaintenanceNote => (true, "maintenance_note"),
            RunUntagged => (true, "run_untagged"),
            Locked => (true, "locked"),
            AccessLevel => (true, "access_level"),
            Privileged => (true, "privileged"),
            Services => (true, "services"),
            RunAsRunnerUser => (true, "run_as_runner_user"),
            DockerVolume => (true, "docker_volume"),
            ProxyUrl => (true, "proxy_url"),
            GitlabRegistry => (false, "gitlab_registry"),
            VariableLevel => (false, "variable_level"),
            GitlabPath => (false, "gitlab_path"),
            EnvironmentScope => (false, "environment_scope"),
            SecretsProvider => (false, "secrets_provider"),
            TestImage => (false, "test_image"),
            ServiceImages => (false, "service_images"),
            HelmCredentials => (false, "helm_credentials"),
        }
    }

    /// Whether the page asks for it beside the snippets. The executor is not asked there:
    /// "Where will this run?" answers it, and `Situation::effective_options` writes it here.
    pub fn asked(self) -> bool {
        self != OptionField::Executor
    }

    /// Whether the field holds a URL or image references, whose `user:password@` no output
    /// keeps ([`SnippetOptions::without_userinfo`]; the proxy's goes into variables).
    pub fn is_url_shaped(self) -> bool {
        use OptionField::*;
        matches!(
            self,
            GitlabUrl | ProxyUrl | DockerImage | WindowsDockerImage | KanikoImage | TestImage | GitlabRegistry | Services | ServiceImages
        )
    }

    /// Whether `o` holds `user[:password]@` in this field, which the snippets leave out.
    pub fn has_userinfo(self, o: &SnippetOptions) -> bool {
        self.is_url_shaped() && crate::userinfo::split_userinfo(&self.value(o)).is_some()
    }

    /// The stable kebab-case id (`docker-version`, `proxy-url`, …).
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// The field's value as text (select values as their `as_str()`, checkboxes as
    /// `true`/`false`).
    pub fn value(self, o: &SnippetOptions) -> String {
        let r = &o.runner;
        match self {
            OptionField::DockerVersion => o.docker_version.as_str().to_owned(),
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
            OptionField::GitlabRegistry => o.gitlab_registry.clone(),
            OptionField::VariableLevel => o.variable_level.as_str().to_owned(),
            OptionField::GitlabPath => o.gitlab_path.clone(),
            OptionField::EnvironmentScope => o.environment_scope.clone(),
            OptionField::SecretsProvider => o.secrets_provider.as_str().to_owned(),
            OptionField::TestImage => o.test_image.clone(),
            OptionField::ServiceImages => o.service_images.clone(),
            OptionField::HelmCredentials => o.helm_credentials.as_str().to_owned(),
        }
    }

    /// Sets the field from its text form (as [`OptionField::value`] gives it; for a flag,
    /// anything but `true` is false).
    ///
    /// # Errors
    /// [`UnknownValue`] when a select's field gets none of its values; the field is unchanged.
    pub fn set(self, o: &mut SnippetOptions, value: &str) -> Result<(), UnknownValue> {
        let r = &mut o.runner;
        let flag = value == "true";
        fn parse<T: std::str::FromStr>(value: &str) -> Result<T, UnknownValue> {
            value.parse().map_err(|_| UnknownValue)
        }
        match self {
            OptionField::DockerVersion => o.docker_version = DockerVersion::read(value)?,
            OptionField::VariableType => o.variable_type = parse(value)?,
            OptionField::KanikoImage => o.kaniko_image = value.to_owned(),
            OptionField::RuntimeCredentials => o.runtime_credentials = parse(value)?,
            OptionField::AwsRegion => o.aws_region = value.to_owned(),
            OptionField::KubernetesNamespace => o.kubernetes_namespace = value.to_owned(),
            OptionField::PullSecretName => o.pull_secret_name = value.to_owned(),
            OptionField::GitlabUrl => r.gitlab_url = value.to_owned(),
            OptionField::TokenFlow => r.token_flow = parse(value)?,
            OptionField::Executor => r.executor = value.to_owned(),
            OptionField::DockerImage => r.docker_image = value.to_owned(),
            OptionField::WindowsDockerImage => r.windows_docker_image = value.to_owned(),
            OptionField::Description => r.description = value.to_owned(),
            OptionField::Tags => r.tags = value.to_owned(),
            OptionField::MaintenanceNote => r.maintenance_note = value.to_owned(),
            OptionField::RunUntagged => r.run_untagged = flag,
            OptionField::Locked => r.locked = flag,
            OptionField::AccessLevel => r.access_level = parse(value)?,
            OptionField::Privileged => r.privileged = flag,
            OptionField::Services => r.services = value.to_owned(),
            OptionField::RunAsRunnerUser => r.run_as_runner_user = flag,
            OptionField::DockerVolume => r.docker_volume = parse(value)?,
            OptionField::ProxyUrl => r.proxy_url = value.to_owned(),
            OptionField::GitlabRegistry => o.gitlab_registry = value.to_owned(),
            OptionField::VariableLevel => o.variable_level = parse(value)?,
            OptionField::GitlabPath => o.gitlab_path = value.to_owned(),
            OptionField::EnvironmentScope => o.environment_scope = value.to_owned(),
            OptionField::SecretsProvider => o.secrets_provider = parse(value)?,
            OptionField::TestImage => o.test_image = value.to_owned(),
            OptionField::ServiceImages => o.service_images = value.to_owned(),
            OptionField::HelmCredentials => o.helm_credentials = parse(value)?,
        }
        Ok(())
    }

    /// Copies this field from `from` into `to`.
    pub fn copy(self, from: &SnippetOptions, to: &mut SnippetOptions) {
        // `value` gives one of the field's own values, which `set` takes.
        let _ = self.set(to, &self.value(from));
    }
}

impl SnippetOptions {
    /// These options with the userinfo (`user:password@`) of every URL-shaped field removed:
    /// the GitLab URL, the instance registry and the image fields (an image reference has no
    /// userinfo, so anything there is a pasted credential). The proxy URL keeps it: the proxy
    /// snippet moves it into `PROXY_USER`/`PROXY_PASSWORD`. Free-text fields are left alone: a
    /// description may rightly hold `ops@example.com`. Every snippet is written from this, and
    /// shared setups too, so no output holds such a credential (`crate::userinfo`).
    pub fn without_userinfo(&self) -> SnippetOptions {
        let mut clean = self.clone();
        let runner = &mut clean.runner;
        for field in [
            &mut clean.kaniko_image,
            &mut clean.gitlab_registry,
            &mut clean.test_image,
            &mut runner.gitlab_url,
            &mut runner.docker_image,
            &mut runner.windows_docker_image,
        ] {
            if let std::borrow::Cow::Owned(text) = crate::userinfo::without_userinfo(field) {
                *field = text;
            }
        }
        for list in [&mut runner.services, &mut clean.service_images] {
            if let std::borrow::Cow::Owned(text) = crate::userinfo::without_userinfo_in_list(list) {
                *list = text;
            }
        }
        clean
    }

    /// Whether [`SnippetOptions::without_userinfo`] removes anything (the page says so).
    pub fn has_userinfo(&self) -> bool {
        self.without_userinfo() != *self
    }

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
