//! The values of the snippet options' selects: each an enum whose strings are declared once,
//! on the enum (strum), and parsed back by the derived `FromStr`.

/// The Docker release of the `docker:<version>-cli` job image and the `docker:<version>-dind`
/// service (`docs/docker-cli.md#docker-versions-in-the-snippets`): the current stable release by
/// default, and the last release of each older major line people still run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::IntoStaticStr, strum::EnumString, strum::VariantArray, strum::VariantNames)]
pub enum DockerVersion {
    /// The current stable release.
    #[default]
    #[strum(serialize = "29.7.2")]
    V29,
    /// The last 28.x (end of life), with the `DOCKER_AUTH_CONFIG` environment store.
    #[strum(serialize = "28.5.2")]
    V28,
    /// The last 27.x (end of life), from before the environment store.
    #[strum(serialize = "27.5.1")]
    V27,
}

/// The maintained kaniko fork's executor, in its `-debug` form (a shell for the job script),
/// which keeps `DOCKER_CONFIG=/kaniko/.docker/`; Google's repository is archived and Chainguard's
/// fork publishes no public image (`docs/containers-image.md#which-executor-image`).
pub const DEFAULT_KANIKO_IMAGE: &str = "ghcr.io/osscontainertools/kaniko:v1.28.3-debug";

/// How `DOCKER_AUTH_CONFIG` is stored in GitLab. In the job shell a Variable holds the value
/// and a File holds the path of a file with the value (`docs/gitlab-runner.md#reading-the-variable`,
/// `docs/gitlab-variables.md#file-variables`); the runner's own pulls read the contents either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::IntoStaticStr, strum::EnumString, strum::VariantArray, strum::VariantNames)]
#[strum(serialize_all = "kebab-case")]
pub enum VariableType {
    #[default]
    Variable,
    File,
}

/// Which predefined variables the runtime snippet builds the auth from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::IntoStaticStr, strum::EnumString, strum::VariantArray, strum::VariantNames)]
#[strum(serialize_all = "kebab-case")]
pub enum RuntimeCredentials {
    /// `CI_REGISTRY_USER` / `CI_REGISTRY_PASSWORD`: the job token, valid for this job only.
    #[default]
    JobToken,
    /// `CI_DEPLOY_USER` / `CI_DEPLOY_PASSWORD`: a deploy token named `gitlab-deploy-token`.
    DeployToken,
}

/// `--access-level` of the deprecated registration flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::IntoStaticStr, strum::EnumString, strum::VariantArray, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum AccessLevel {
    /// Setup files before 2026-11 wrote `not-protected`; still read.
    #[default]
    #[strum(to_string = "not_protected", serialize = "not-protected")]
    NotProtected,
    #[strum(to_string = "ref_protected", serialize = "ref-protected")]
    RefProtected,
}

/// Which token `gitlab-runner register` gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::IntoStaticStr, strum::EnumString, strum::VariantArray, strum::VariantNames)]
#[strum(serialize_all = "kebab-case")]
pub enum TokenFlow {
    /// `--token glrt-…`, created with the runner in GitLab.
    #[default]
    AuthenticationToken,
    /// `--registration-token`, deprecated. Older setup files wrote `registration-token-deprecated`.
    #[strum(to_string = "registration-token", serialize = "registration-token-deprecated")]
    RegistrationTokenDeprecated,
}

/// Where a runner in a Docker container keeps its `config.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::IntoStaticStr, strum::EnumString, strum::VariantArray, strum::VariantNames)]
#[strum(serialize_all = "kebab-case")]
pub enum ConfigVolume {
    /// `-v /srv/gitlab-runner/config:/etc/gitlab-runner`.
    #[default]
    BindMount,
    /// `-v gitlab-runner-config:/etc/gitlab-runner`.
    NamedVolume,
}

/// Where the variable-as-code snippets create `DOCKER_AUTH_CONFIG`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::IntoStaticStr, strum::EnumString, strum::VariantArray, strum::VariantNames)]
#[strum(serialize_all = "kebab-case")]
pub enum VariableLevel {
    #[default]
    Project,
    Group,
}

/// The secret manager `ci-secrets` reads `DOCKER_AUTH_CONFIG` from (`docs/secret-managers.md#providers`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::IntoStaticStr, strum::EnumString, strum::VariantArray, strum::VariantNames)]
#[strum(serialize_all = "kebab-case")]
pub enum SecretsProvider {
    #[default]
    Vault,
    AwsSecretsManager,
    GcpSecretManager,
    AzureKeyVault,
    /// Not generally available (`docs/secret-managers.md#gitlab-secrets-manager`).
    GitlabSecretsManager,
}

/// How the Helm chart's runner gives job pods the credentials (`docs/kubernetes.md#helm-chart-values`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::IntoStaticStr, strum::EnumString, strum::VariantArray, strum::VariantNames)]
#[strum(serialize_all = "kebab-case")]
pub enum HelmCredentials {
    /// `image_pull_secrets` naming a Secret: no secret in the values file.
    #[default]
    ImagePullSecrets,
    /// `environment = ["DOCKER_AUTH_CONFIG=…"]`: the value in the values file.
    Environment,
}

/// What every select's enum offers. Its strings are declared once, on the enum (strum's
/// `serialize_all` or a variant's `serialize`), and parsed back by the derived `FromStr`.
macro_rules! choice {
    ($($ty:ident),+ $(,)?) => {$(
        impl $ty {
            /// Every value, in the `<option>` order.
            pub const ALL: &'static [$ty] = <$ty as strum::VariantArray>::VARIANTS;
            /// The `<option>` values, in the order of `ALL`.
            pub const VALUES: &'static [&'static str] = <$ty as strum::VariantNames>::VARIANTS;

            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }
    )+};
}

impl DockerVersion {
    /// One of the offered releases; a release no longer offered (`27.0.3` in older setup files)
    /// reads as the current one.
    ///
    /// # Errors
    /// [`UnknownValue`] for text that is no `major.minor.patch`-like version.
    pub fn read(value: &str) -> Result<Self, UnknownValue> {
        let version_like = !value.is_empty() && value.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
        value.parse().or(if version_like { Ok(DockerVersion::default()) } else { Err(UnknownValue) })
    }
}

choice!(
    DockerVersion,
    VariableType,
    RuntimeCredentials,
    AccessLevel,
    TokenFlow,
    ConfigVolume,
    VariableLevel,
    SecretsProvider,
    HelmCredentials
);

/// A select's field was given none of its values ([`OptionField::set`](super::OptionField::set)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownValue;
