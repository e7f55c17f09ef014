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

/// The answers to "Where will this run?". Part of a shared setup: none of it is secret. The
/// enums' `as_str` ids (kebab-case) are what a setup file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Situation {
    pub platform: Platform,
    pub executor: Executor,
    /// Every way jobs build images; empty when they only run images.
    pub builders: Vec<Builder>,
    pub role: Role,
}

impl Default for Situation {
    /// The case this tool was made for: a project maintainer whose jobs build with
    /// Docker-in-Docker on a Docker executor.
    fn default() -> Self {
        Situation { platform: Platform::default(), executor: Executor::default(), builders: vec![Builder::Dind], role: Role::default() }
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
            ids.push(match self.executor {
                Executor::Docker | Executor::DockerAutoscaler => RegisterDocker,
                _ => RegisterLinux,
            });
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
                        let situation = Situation { platform, executor, builders, role };
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
    fn builders_toggle() {
        let mut s = Situation::default();
        s.set_builder(Builder::Kaniko, true);
        s.set_builder(Builder::Dind, false);
        assert_eq!(s.builders, [Builder::Kaniko]);
        assert!(s.recommended().starts_with(&[SnippetId::Kaniko]));
    }
}
