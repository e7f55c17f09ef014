//! "Where will this run?": the user's situation, and the snippets that apply to it, in the
//! order to follow them. Everything else stays one click away ("Show all snippets").
//!
//! The rules follow who can change what: a project maintainer owns `.gitlab-ci.yml` and the
//! project's CI/CD variables; a runner admin owns the runner's `config.toml`, its host and its
//! registration. Instance runners on GitLab.com cannot be configured by anyone but GitLab, so
//! there only the variable and job snippets apply (`docs/gitlab-runner.md#sources-and-precedence`,
//! `docs/gitlab-runner.md#executors`).
//!
//! ```
//! use registry_auth::situation::{Situation, Executor, Role};
//! use registry_auth::snippets::SnippetId;
//! let admin = Situation { role: Role::RunnerAdmin, executor: Executor::Kubernetes, ..Situation::default() };
//! assert!(admin.recommended().contains(&SnippetId::K8sPullSecret));
//! assert!(!Situation::default().recommended().contains(&SnippetId::K8sPullSecret));
//! ```

use strum::{EnumIter, EnumString, IntoStaticStr};

pub use crate::executor::Executor;
use crate::runner_version::VersionInput;
use crate::setup::Setup;
use crate::snippets::{SnippetId, SnippetOptions};

/// Where GitLab runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, EnumIter, IntoStaticStr, EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum Platform {
    /// GitLab.com: instance runners are GitLab's; a group or project may still have its own.
    #[default]
    GitlabCom,
    SelfManaged,
}

/// The GitLab.com address, and what stands for a self-managed instance's until it is typed.
pub const GITLAB_COM_URL: &str = "https://gitlab.com";
pub const SELF_MANAGED_PLACEHOLDER_URL: &str = "https://gitlab.example.com";

/// What the user can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, EnumIter, IntoStaticStr, EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum Role {
    /// The project's (or group's) `.gitlab-ci.yml` and CI/CD variables.
    #[default]
    ProjectMaintainer,
    /// The runner's `config.toml`, its host and its registration too.
    RunnerAdmin,
}

/// How jobs build images, if they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, IntoStaticStr, EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum Builder {
    /// First, where GitLab's docs now put it (`docs/containers-image.md#buildah`).
    Buildah,
    /// Docker-in-Docker (`docker:dind` service).
    Dind,
    Kaniko,
}

/// Where a job's images come from: the question asked before any credential, because two of
/// the answers need no new secret (`docs/job-credentials.md#least-secret-first`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, IntoStaticStr, EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum ImageSource {
    /// This GitLab's container registry: the job's own credentials.
    GitlabRegistry,
    /// Docker Hub: anonymous, or through the group's Dependency Proxy.
    DockerHub,
    /// Any other registry: `DOCKER_AUTH_CONFIG`.
    Other,
}

/// What the answers to "where do the images come from" mean for tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum TokenOutlook {
    /// Not answered yet.
    Unanswered,
    /// Only this GitLab's registry and Docker Hub: possibly no token at all.
    MayNeedNone,
    /// Another registry: a `DOCKER_AUTH_CONFIG` value.
    NeedsVariable,
}

/// The answers to "Where will this run?". Part of a shared setup: none of it is secret. The
/// enums' kebab-case ids (strum `IntoStaticStr`, read back with `EnumString`) are what a setup
/// file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Situation {
    pub platform: Platform,
    pub executor: Executor,
    /// Every way jobs build images, in [`Builder`] order; empty when they only run images.
    pub builders: Vec<Builder>,
    pub role: Role,
    /// Where the images come from, in [`ImageSource`] order; empty: not answered.
    pub sources: Vec<ImageSource>,
    /// The GitLab Runner version as typed (`19.3`, `v19.3.2`); empty: the newest this tool
    /// knows ([`crate::runner_version::NEWEST_KNOWN`]). Read with [`Situation::runner_version`].
    pub runner_version: String,
}

impl Default for Situation {
    /// The case this tool was made for: a project maintainer whose jobs build with
    /// Docker-in-Docker on a Docker executor.
    fn default() -> Self {
        Situation {
            platform: Platform::default(),
            executor: Executor::default(),
            builders: vec![Builder::Dind],
            role: Role::default(),
            sources: Vec::new(),
            runner_version: String::new(),
        }
    }
}

impl Situation {
    /// The runner version the versioned rules are decided for (`crate::runner_version`).
    pub fn runner_version(&self) -> VersionInput {
        VersionInput::read(&self.runner_version)
    }

    /// The GitLab address the snippets name: the one typed, else GitLab.com's, or on a
    /// self-managed instance a placeholder until it is typed.
    pub fn gitlab_url(&self, typed: &str) -> String {
        let typed = typed.trim();
        match (typed.is_empty(), self.platform) {
            (false, _) => typed.to_owned(),
            (true, Platform::GitlabCom) => GITLAB_COM_URL.to_owned(),
            (true, Platform::SelfManaged) => SELF_MANAGED_PLACEHOLDER_URL.to_owned(),
        }
    }

    /// The options as the snippets read them: what the user typed, with what the situation
    /// decides filled in. Every snippet is written from this, so none can disagree with the
    /// answers to "Where will this run?":
    /// - registration's `--executor` is the executor chosen;
    /// - the GitLab URL, when none is typed, is the platform's;
    /// - the image the checks and the `job-image` snippet pull, while it is the placeholder,
    ///   is on the first registry typed.
    pub fn effective_options(&self, setup: &Setup, typed: &SnippetOptions) -> SnippetOptions {
        let mut options = typed.clone();
        options.runner.executor = self.executor.runner_name().to_owned();
        options.runner.gitlab_url = self.gitlab_url(&typed.runner.gitlab_url);
        if options.test_image.trim() == crate::snippets::DEFAULT_TEST_IMAGE {
            if let Some(image) = crate::snippets::image_on_first_registry(setup) {
                options.test_image = image;
            }
        }
        options
    }

    pub fn builds_with(&self, builder: Builder) -> bool {
        self.builders.contains(&builder)
    }

    /// Adds or removes one builder.
    pub fn set_builder(&mut self, builder: Builder, on: bool) {
        self.builders.retain(|b| *b != builder);
        if on {
            // Kept in the enum's order by inserting in place (no sort compiled in for it).
            let at = self.builders.partition_point(|b| (*b as u8) < builder as u8);
            self.builders.insert(at, builder);
        }
    }

    pub fn pulls_from(&self, source: ImageSource) -> bool {
        self.sources.contains(&source)
    }

    /// Adds or removes one image source.
    pub fn set_source(&mut self, source: ImageSource, on: bool) {
        self.sources.retain(|s| *s != source);
        if on {
            let at = self.sources.partition_point(|s| (*s as u8) < source as u8);
            self.sources.insert(at, source);
        }
    }

    /// Whether a token may be avoided altogether: only this GitLab's registry and Docker Hub
    /// (`docs/job-credentials.md#least-secret-first`).
    pub fn token_outlook(&self) -> TokenOutlook {
        if self.sources.is_empty() {
            TokenOutlook::Unanswered
        } else if self.pulls_from(ImageSource::Other) {
            TokenOutlook::NeedsVariable
        } else {
            TokenOutlook::MayNeedNone
        }
    }

    /// Whether the user configures a runner: only a runner admin, and on GitLab.com only for
    /// the group's or project's own runners.
    pub fn configures_runner(&self) -> bool {
        self.role == Role::RunnerAdmin
    }

    /// The snippets that apply, in the order to follow them. The variable itself (the value
    /// and its settings) always comes first on the page; these are the places it goes next.
    pub fn recommended(&self) -> Vec<SnippetId> {
        use SnippetId::*;
        let mut ids = Vec::new();
        // The simplest use of the value first: the job's own image from the user's registry. A
        // shell executor ignores `image:` and `services:`. When no token may be needed at all,
        // the paths without a new secret come before it.
        let job_image_first = self.role == Role::ProjectMaintainer && self.executor != Executor::Shell;
        let outlook = self.token_outlook();
        if job_image_first && outlook != TokenOutlook::MayNeedNone {
            ids.push(JobImage);
        }
        if self.pulls_from(ImageSource::GitlabRegistry) {
            ids.push(JobTokenAllowlist);
        }
        if self.pulls_from(ImageSource::DockerHub) {
            ids.push(DependencyProxy);
        }
        if job_image_first && outlook == TokenOutlook::MayNeedNone {
            ids.push(JobImage);
        }
        if self.token_outlook() == TokenOutlook::NeedsVariable {
            ids.push(GlabVariable);
        }
        if self.configures_runner() {
            match self.executor {
                Executor::Docker | Executor::DockerAutoscaler => ids.extend([RunnerEnvironment, ConfigJsonFile, ConfigJsonRunnerHome]),
                Executor::Kubernetes => ids.extend([K8sPullSecret, RunnerEnvironment]),
                // A shell executor pulls no image itself: jobs use the host's docker CLI.
                Executor::Shell => ids.extend([ConfigJsonFile, ConfigJsonRunnerHome]),
            }
        }
        // Buildah first, as GitLab's docs now lead with it (`docs/containers-image.md#buildah`).
        if self.builds_with(Builder::Buildah) {
            ids.push(Buildah);
        }
        // Jobs that use the docker CLI: the login for pushes, or the value as the job's file.
        if self.builds_with(Builder::Dind) || self.executor == Executor::Shell {
            ids.extend([DockerLogin, AuthConfigBeforeScript]);
        }
        if self.builds_with(Builder::Kaniko) {
            ids.extend([Kaniko, RuntimeAuth]);
        }
        // A runner admin's job image comes after the runner is set up.
        if self.role == Role::RunnerAdmin && self.executor != Executor::Shell {
            ids.push(JobImage);
        }
        if self.configures_runner() {
            if self.executor == Executor::Kubernetes && self.token_outlook() == TokenOutlook::NeedsVariable {
                ids.push(HelmValues);
            }
            ids.push(match self.executor {
                Executor::Docker | Executor::DockerAutoscaler => RegisterDocker,
                _ => RegisterLinux,
            });
        }
        // Once answered, prove it: the runner's own pull is the test. A shell executor pulls
        // nothing before the script, so there the registry check is.
        if self.token_outlook() != TokenOutlook::Unanswered {
            ids.push(if self.executor == Executor::Shell { RegistryCheck } else { SmokeTestJob });
        }
        ids
    }
}

impl Situation {
    /// [`Situation::recommended`], plus the AWS region file when a runner admin uses the ECR
    /// helper (`docker-credential-ecr-login` needs it on the runner host).
    pub fn recommended_for(&self, setup: &Setup) -> Vec<SnippetId> {
        let mut ids = self.recommended();
        let uses_ecr = setup.creds_store.trim() == "ecr-login"
            || setup.entries.iter().any(|e| e.kind == crate::setup::CredentialKind::Helper && e.helper == "ecr-login");
        let before_registration =
            |ids: &Vec<SnippetId>| ids.iter().position(|id| id.group() == crate::snippets::SnippetGroup::Registration).unwrap_or(ids.len());
        // A runner that refuses the value's helpers needs them allowed (`helper_allowlist`).
        let store = Some(setup.creds_store.as_str()).filter(|s| !s.trim().is_empty());
        if self.configures_runner() && crate::helper_allowlist::refusal(&setup.cred_helpers(), store, self.runner_version()).is_some() {
            let at = before_registration(&ids);
            ids.insert(at, SnippetId::RunnerHelperAllowlist);
        }
        if self.configures_runner() && uses_ecr {
            let at = before_registration(&ids);
            ids.insert(at, SnippetId::EcrAwsConfig);
        }
        self.keyless_routes(setup, &mut ids);
        ids
    }
}

impl Situation {
    /// The routes that store no registry secret, first (`keyless`): the nodes' or the manager's
    /// own identity for the cloud registries typed, the login inside jobs that use their own
    /// tools, and for a short-lived credential in the value, the job that keeps it fresh.
    fn keyless_routes(&self, setup: &Setup, ids: &mut Vec<SnippetId>) {
        use crate::keyless::RouteId;
        let routes = crate::keyless::routes_for(setup, self.executor, None);
        let has = |id: RouteId| routes.iter().any(|(_, _, r)| r.id() == id);
        let mut first = Vec::new();
        if has(RouteId::KubeletProvider) {
            first.push(SnippetId::KubeletCredentialProvider);
        }
        if has(RouteId::ManagerHelper) {
            first.push(SnippetId::ManagerHelper);
        }
        let logs_in = !self.builders.is_empty() || self.executor == Executor::Shell;
        let cloud = has(RouteId::KubeletProvider) || has(RouteId::ManagerHelper);
        if logs_in && cloud {
            first.push(SnippetId::KeylessLogin);
        }
        // The nodes' and the manager's identity are a runner admin's to set up. What a project
        // maintainer can do alone for the runner's own pull: a short-lived value minted keylessly
        // and kept fresh by a scheduled job.
        if cloud && !self.configures_runner() {
            first.push(SnippetId::RefreshVariableJob);
        }
        ids.retain(|id| !first.contains(id));
        ids.splice(0..0, first);
        let short_lived = setup.entries.iter().any(|e| {
            matches!(
                crate::lifetime::lifetime_at(&e.registry, &e.username, &e.secret),
                Some(crate::lifetime::Lifetime::At(_) | crate::lifetime::Lifetime::About(_))
            )
        });
        if short_lived && !ids.contains(&SnippetId::RefreshVariableJob) {
            let at = ids.iter().position(|id| *id == SnippetId::SmokeTestJob).unwrap_or(ids.len());
            ids.insert(at, SnippetId::RefreshVariableJob);
        }
    }
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    #[test]
    fn every_situation_recommends_distinct_snippets() {
        for platform in Platform::iter() {
            for executor in Executor::iter() {
                for role in Role::iter() {
                    for mask in 0..8u8 {
                        let builders = Builder::iter().filter(|b| mask & (1 << (*b as u8)) != 0).collect();
                        let situation = Situation { platform, executor, builders, role, ..Situation::default() };
                        let ids = situation.recommended();
                        let mut unique = ids.clone();
                        unique.sort();
                        unique.dedup();
                        assert_eq!(unique.len(), ids.len(), "{situation:?}");
                        if role == Role::ProjectMaintainer {
                            assert!(ids.iter().all(|id| id.group() != crate::snippets::SnippetGroup::Registration), "{situation:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn buildah_comes_first_among_builders() {
        let all = Situation { builders: vec![Builder::Kaniko, Builder::Dind, Builder::Buildah], ..Situation::default() };
        assert_eq!(
            all.recommended()[..5],
            [SnippetId::JobImage, SnippetId::Buildah, SnippetId::DockerLogin, SnippetId::AuthConfigBeforeScript, SnippetId::Kaniko]
        );
        let mut s = Situation::default();
        s.set_builder(Builder::Buildah, true);
        assert_eq!(s.builders, [Builder::Buildah, Builder::Dind]);
    }

    #[test]
    fn sources_lead_to_the_least_secret_path_first() {
        let mut s = Situation::default();
        assert_eq!(s.token_outlook(), TokenOutlook::Unanswered);
        let unanswered = s.recommended();
        s.set_source(ImageSource::DockerHub, true);
        s.set_source(ImageSource::GitlabRegistry, true);
        assert_eq!(s.sources, [ImageSource::GitlabRegistry, ImageSource::DockerHub]);
        assert_eq!(s.token_outlook(), TokenOutlook::MayNeedNone);
        let ids = s.recommended();
        assert_eq!(ids[..3], [SnippetId::JobTokenAllowlist, SnippetId::DependencyProxy, SnippetId::JobImage]);
        assert!(!ids.contains(&SnippetId::GlabVariable) && ids.last() == Some(&SnippetId::SmokeTestJob));
        s.set_source(ImageSource::Other, true);
        assert_eq!(s.token_outlook(), TokenOutlook::NeedsVariable);
        assert_eq!(s.recommended()[3], SnippetId::GlabVariable);
        // Unanswered, the list is what it was before the question existed.
        assert!(unanswered.iter().all(|id| id.group() != crate::snippets::SnippetGroup::JobCredentials));
        assert!(!unanswered.contains(&SnippetId::SmokeTestJob));
    }

    #[test]
    fn builders_toggle() {
        let mut s = Situation::default();
        s.set_builder(Builder::Kaniko, true);
        s.set_builder(Builder::Dind, false);
        assert_eq!(s.builders, [Builder::Kaniko]);
        assert!(s.recommended().starts_with(&[SnippetId::JobImage, SnippetId::Kaniko]));
    }

    #[test]
    fn the_job_image_comes_first_for_a_maintainer_and_never_on_a_shell_executor() {
        assert_eq!(Situation::default().recommended()[0], SnippetId::JobImage);
        let shell = Situation { executor: Executor::Shell, ..Situation::default() };
        assert!(!shell.recommended().contains(&SnippetId::JobImage));
        let admin = Situation { role: Role::RunnerAdmin, ..Situation::default() };
        assert_ne!(admin.recommended()[0], SnippetId::JobImage);
        assert!(admin.recommended().contains(&SnippetId::JobImage));
    }

    #[test]
    fn the_allowlist_follows_the_runner_version() {
        let setup = Setup {
            entries: vec![crate::setup::RegistryEntry::helper("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "ecr-login")],
            ..Setup::default()
        };
        let admin = |version: &str| Situation { role: Role::RunnerAdmin, runner_version: version.into(), ..Situation::default() };
        assert!(admin("19.4").recommended_for(&setup).contains(&SnippetId::RunnerHelperAllowlist));
        assert!(admin("").recommended_for(&setup).contains(&SnippetId::RunnerHelperAllowlist));
        assert!(!admin("19.0").recommended_for(&setup).contains(&SnippetId::RunnerHelperAllowlist));
        let maintainer = Situation { runner_version: "19.4".into(), ..Situation::default() };
        assert!(!maintainer.recommended_for(&setup).contains(&SnippetId::RunnerHelperAllowlist));
    }

    #[test]
    fn keyless_routes_come_first() {
        let ecr = Setup {
            entries: vec![crate::setup::RegistryEntry::helper("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "ecr-login")],
            ..Setup::default()
        };
        let kubernetes = Situation { executor: Executor::Kubernetes, role: Role::RunnerAdmin, ..Situation::default() };
        assert_eq!(kubernetes.recommended_for(&ecr)[0], SnippetId::KubeletCredentialProvider);
        let autoscaler = Situation { executor: Executor::DockerAutoscaler, ..Situation::default() };
        let ids = autoscaler.recommended_for(&ecr);
        assert_eq!(ids[..2], [SnippetId::ManagerHelper, SnippetId::KeylessLogin]);
        let quay = Setup { entries: vec![crate::setup::RegistryEntry::basic("quay.io", "u", "not-a-real-token")], ..Setup::default() };
        assert!(!autoscaler
            .recommended_for(&quay)
            .iter()
            .any(|id| matches!(id, SnippetId::ManagerHelper | SnippetId::KubeletCredentialProvider)));
        let google = Setup {
            entries: vec![crate::setup::RegistryEntry::basic(
                "europe-docker.pkg.dev",
                "oauth2accesstoken",
                "ya29.not-a-real-google-access-token-0000",
            )],
            ..Setup::default()
        };
        assert!(Situation::default().recommended_for(&google).contains(&SnippetId::RefreshVariableJob));
        // A maintainer cannot set up the manager: the job that keeps a minted value fresh comes
        // with the keyless routes; a runner admin's list does not need it.
        let maintainer = autoscaler.recommended_for(&ecr);
        assert_eq!(maintainer[..3], [SnippetId::ManagerHelper, SnippetId::KeylessLogin, SnippetId::RefreshVariableJob]);
        let admin = Situation { role: Role::RunnerAdmin, ..autoscaler.clone() }.recommended_for(&ecr);
        assert!(!admin.contains(&SnippetId::RefreshVariableJob), "{admin:?}");
    }

    #[test]
    fn the_options_follow_the_situation() {
        let typed = SnippetOptions::default();
        let autoscaler = Situation { executor: Executor::DockerAutoscaler, platform: Platform::SelfManaged, ..Situation::default() };
        let setup = Setup { entries: vec![crate::setup::RegistryEntry::basic("registry.example.com:5000", "u", "p")], ..Setup::default() };
        let options = autoscaler.effective_options(&setup, &typed);
        assert_eq!(options.runner.executor, "docker-autoscaler");
        assert_eq!(options.runner.gitlab_url, SELF_MANAGED_PLACEHOLDER_URL);
        assert_eq!(options.test_image, "registry.example.com:5000/my-group/my-project/app:latest");
        let mut own = typed.clone();
        own.runner.gitlab_url = "https://gitlab.acme.example".into();
        own.test_image = "quay.io/acme/app:1".into();
        let options = autoscaler.effective_options(&setup, &own);
        assert_eq!(
            (options.runner.gitlab_url.as_str(), options.test_image.as_str()),
            ("https://gitlab.acme.example", "quay.io/acme/app:1")
        );
        assert_eq!(Situation::default().effective_options(&Setup::default(), &typed).runner.gitlab_url, GITLAB_COM_URL);
    }
}
