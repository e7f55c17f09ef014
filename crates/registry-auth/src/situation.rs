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

use strum::{EnumIter, IntoStaticStr};

use crate::setup::Setup;
use crate::snippets::SnippetId;

/// Where GitLab runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Platform {
    /// GitLab.com: instance runners are GitLab's; a group or project may still have its own.
    #[default]
    GitlabCom,
    SelfManaged,
}

/// The runner's executor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Executor {
    #[default]
    Docker,
    Kubernetes,
    Shell,
    DockerAutoscaler,
}

/// What the user can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Role {
    /// The project's (or group's) `.gitlab-ci.yml` and CI/CD variables.
    #[default]
    ProjectMaintainer,
    /// The runner's `config.toml`, its host and its registration too.
    RunnerAdmin,
}

/// How jobs build images, if they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, IntoStaticStr)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, IntoStaticStr)]
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
/// enums' `as_str` ids (kebab-case) are what a setup file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Situation {
    pub platform: Platform,
    pub executor: Executor,
    /// Every way jobs build images; empty when they only run images.
    pub builders: Vec<Builder>,
    pub role: Role,
    /// Where the images come from, in [`ImageSource`] order; empty: not answered.
    pub sources: Vec<ImageSource>,
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
        }
    }
}

impl Situation {
    pub fn builds_with(&self, builder: Builder) -> bool {
        self.builders.contains(&builder)
    }

    /// Adds or removes one builder.
    pub fn set_builder(&mut self, builder: Builder, on: bool) {
        self.builders.retain(|b| *b != builder);
        if on {
            self.builders.push(builder);
            self.builders.sort_by_key(|b| *b as u8);
        }
    }

    pub fn pulls_from(&self, source: ImageSource) -> bool {
        self.sources.contains(&source)
    }

    /// Adds or removes one image source.
    pub fn set_source(&mut self, source: ImageSource, on: bool) {
        self.sources.retain(|s| *s != source);
        if on {
            self.sources.push(source);
            self.sources.sort_by_key(|s| *s as u8);
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
        // The paths without a new secret come first, then the variable for what is left.
        if self.pulls_from(ImageSource::GitlabRegistry) {
            ids.push(JobTokenAllowlist);
        }
        if self.pulls_from(ImageSource::DockerHub) {
            ids.push(DependencyProxy);
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
        if self.configures_runner() {
            if self.executor == Executor::Kubernetes && self.token_outlook() == TokenOutlook::NeedsVariable {
                ids.push(HelmValues);
            }
            ids.push(match self.executor {
                Executor::Docker | Executor::DockerAutoscaler => RegisterDocker,
                _ => RegisterLinux,
            });
        }
        // Once answered, prove it: the runner's own pull is the test.
        if self.token_outlook() != TokenOutlook::Unanswered {
            ids.push(SmokeTestJob);
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
        if self.configures_runner() && uses_ecr {
            let at = ids.iter().position(|id| id.group() == crate::snippets::SnippetGroup::Registration).unwrap_or(ids.len());
            ids.insert(at, SnippetId::EcrAwsConfig);
        }
        ids
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
                        let situation = Situation { platform, executor, builders, role, sources: Vec::new() };
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
            all.recommended()[..4],
            [SnippetId::Buildah, SnippetId::DockerLogin, SnippetId::AuthConfigBeforeScript, SnippetId::Kaniko]
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
        assert_eq!(ids[..2], [SnippetId::JobTokenAllowlist, SnippetId::DependencyProxy]);
        assert!(!ids.contains(&SnippetId::GlabVariable) && ids.last() == Some(&SnippetId::SmokeTestJob));
        s.set_source(ImageSource::Other, true);
        assert_eq!(s.token_outlook(), TokenOutlook::NeedsVariable);
        assert_eq!(s.recommended()[2], SnippetId::GlabVariable);
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
        assert!(s.recommended().starts_with(&[SnippetId::Kaniko]));
    }
}
