//! The runner's executor: how it runs a job and pulls its images. Part of the situation
//! (`crate::situation` re-exports it); a leaf, so the keyless routes can name it.
//!
//! ```
//! use registry_auth::executor::Executor;
//! assert_eq!(Executor::DockerAutoscaler.runner_name(), "docker-autoscaler");
//! assert!(Executor::Docker.pulls_with_docker() && !Executor::Kubernetes.pulls_with_docker());
//! ```

use strum::{EnumIter, EnumString, IntoStaticStr};

/// The runner's executor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, EnumIter, IntoStaticStr, EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum Executor {
    #[default]
    Docker,
    Kubernetes,
    Shell,
    DockerAutoscaler,
}

impl Executor {
    /// The name `gitlab-runner register --executor` takes for it
    /// (<https://docs.gitlab.com/runner/executors/>).
    pub fn runner_name(self) -> &'static str {
        match self {
            Executor::Docker => "docker",
            Executor::Kubernetes => "kubernetes",
            Executor::Shell => "shell",
            Executor::DockerAutoscaler => "docker-autoscaler",
        }
    }

    /// Whether the runner pulls the job's `image:` and `services:` through the Docker Engine API
    /// on a host it manages (Docker, Docker Autoscaler), where `DOCKER_AUTH_CONFIG` and the
    /// runner user's `config.json` apply per image (`docs/gitlab-runner.md#executors`).
    pub fn pulls_with_docker(self) -> bool {
        matches!(self, Executor::Docker | Executor::DockerAutoscaler)
    }
}
