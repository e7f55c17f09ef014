//! The job's own credentials as GitLab Runner's third source: GitLab sends, with every job,
//! credentials for its container registry (`Gitlab.config.registry.host_port`) and, when the
//! Dependency Proxy is enabled, for `host:port` of GitLab itself, both with the job token
//! (`docs/job-credentials.md#what-the-job-payload-carries`). The runner adds them after
//! `DOCKER_AUTH_CONFIG` and the runner user's `config.json`, and the first source that has a
//! key for a registry path wins (`docs/gitlab-runner.md#sources-and-precedence`).
//!
//! ```
//! use registry_auth::inspector::inspect;
//! use registry_auth::resolver::{resolve_with, ConfigView, JobCredentials, RunnerSource};
//! let job = JobCredentials::for_registry("registry.gitlab.com");
//! let empty = ConfigView::from(&inspect(r#"{"auths":{}}"#));
//! assert_eq!(resolve_with("registry.gitlab.com/group/project/app:1", &empty, &job).runner_source, RunnerSource::Job);
//! assert_eq!(resolve_with("alpine", &empty, &job).runner_source, RunnerSource::None);
//! ```

use strum::{EnumIter, IntoStaticStr};

use super::{Explanation, Prepared, Resolution, Via};
use crate::registry_key::runner::convert_to_registry_path;

/// Where GitLab Runner takes the credential for an image: `data-source` of `resolved-runner`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum RunnerSource {
    /// A key of `DOCKER_AUTH_CONFIG`.
    Variable,
    /// The credentials GitLab sends with the job (the job token).
    Job,
    /// Nothing this page knows of: the pull is anonymous, unless the runner user's own
    /// `config.json` on the runner host has a key for it.
    #[default]
    None,
    /// The route without a stored secret for this registry on a Docker or Docker Autoscaler
    /// executor: a helper in the runner user's own `config.json` on the manager (`keyless`).
    ManagerHelper,
    /// On a Kubernetes executor: the kubelet's credential provider on the node (`keyless`).
    KubeletProvider,
}

impl RunnerSource {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What is known of the job payload's registry credentials: the instance's registry as the
/// runner normalises its key (`host[:port]`, lower-cased), or nothing when it was not typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JobCredentials {
    pub registry: Option<String>,
}

impl JobCredentials {
    /// From the `GitLab registry` field: `registry.gitlab.com`, `gitlab.example.com:5050`, with
    /// or without a scheme or path; anything without a usable host is "unknown".
    pub fn for_registry(typed: &str) -> Self {
        let typed = typed.trim();
        let path = convert_to_registry_path(typed);
        let host = path.split('/').next().unwrap_or_default();
        let usable = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        JobCredentials { registry: usable.then(|| host.to_owned()) }
    }
}

/// A predefined variable an `image:` may start with, whose value the runner knows and this
/// page does not: the instance's registry, or the Dependency Proxy's prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PredefinedPrefix {
    /// `$CI_REGISTRY`: the registry's `host[:port]`; the rest of the image follows.
    Registry,
    /// `$CI_REGISTRY_IMAGE`: the registry and the project's path, unknown here.
    RegistryImage,
    /// `$CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX` or `…_DIRECT_GROUP_IMAGE_PREFIX`:
    /// `<GitLab host>:443/<group>/dependency_proxy/containers`.
    DependencyProxy,
}

/// The predefined variable `image` starts with (`$NAME` or `${NAME}`, followed by `/`, `:` or
/// the end), and the rest of the image after it.
pub(super) fn predefined_prefix(image: &str) -> Option<(PredefinedPrefix, &str)> {
    const NAMES: [(&str, PredefinedPrefix); 4] = [
        ("CI_REGISTRY_IMAGE", PredefinedPrefix::RegistryImage),
        ("CI_REGISTRY", PredefinedPrefix::Registry),
        ("CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX", PredefinedPrefix::DependencyProxy),
        ("CI_DEPENDENCY_PROXY_DIRECT_GROUP_IMAGE_PREFIX", PredefinedPrefix::DependencyProxy),
    ];
    let body = image.strip_prefix('$')?;
    for (name, prefix) in NAMES {
        let rest = match body.strip_prefix('{') {
            Some(braced) => braced.strip_prefix(name).and_then(|r| r.strip_prefix('}')),
            None => body.strip_prefix(name).filter(|r| !r.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')),
        };
        if let Some(rest) = rest.filter(|r| r.is_empty() || r.starts_with(['/', ':', '@'])) {
            return Some((prefix, rest));
        }
    }
    None
}

/// `$CI_REGISTRY/…` with the registry known: the image as the runner sees it after expansion.
pub(super) fn with_registry(image: &str, prepared: &Prepared) -> Option<String> {
    match (predefined_prefix(image), prepared.job) {
        (Some((PredefinedPrefix::Registry, rest)), Some(registry)) if !rest.contains('$') => Some(format!("{registry}{rest}")),
        _ => None,
    }
}

/// An image the runner expands first (`$CI_REGISTRY_IMAGE/app`, a Dependency Proxy prefix, any
/// `$VARIABLE`): no key can be chosen here, but for the predefined prefixes the source can be,
/// when no key of the config could apply (`docs/job-credentials.md#images-written-with-variables`).
pub(super) fn resolve_variable_image(image: &str, prepared: &Prepared, mut out: Resolution) -> Resolution {
    let config = prepared.config;
    out.explanation_subject = image.to_owned();
    out.explanation = if config.is_empty() { Explanation::ConfigEmpty } else { Explanation::ImageVariable };
    match predefined_prefix(image) {
        Some((PredefinedPrefix::DependencyProxy, _)) if config.is_empty() || !config_has_port_443(prepared) => {
            out.runner_source = RunnerSource::Job;
            out.explanation = Explanation::DependencyProxy;
        }
        Some((PredefinedPrefix::Registry | PredefinedPrefix::RegistryImage, _)) => {
            // A key for the registry's host (or below it) could take over from the job's credentials.
            let host_keys: Vec<&(&str, String)> = match prepared.job {
                Some(registry) => prepared.paths.iter().filter(|(_, p)| p.split('/').next() == Some(registry)).collect(),
                None if config.is_empty() => Vec::new(),
                None => return out,
            };
            let registry = prepared.job.unwrap_or("$CI_REGISTRY").to_owned();
            match host_keys.as_slice() {
                [] => {
                    out.runner_source = RunnerSource::Job;
                    out.explanation = Explanation::JobCredentials;
                    out.explanation_subject = registry;
                }
                [(key, path)] if Some(path.as_str()) == prepared.job => {
                    out.runner = Some((*key).to_owned());
                    out.runner_via = Some(if config.helper_for(key).is_some() { Via::CredHelper } else { Via::Auths });
                    out.runner_source = RunnerSource::Variable;
                    out.explanation = Explanation::JobShadowed;
                    out.explanation_subject = (*key).to_owned();
                }
                // Keys below the host: which one applies depends on the project's path.
                _ => {}
            }
        }
        _ => {}
    }
    out
}

/// Whether any key could be the Dependency Proxy's `host:443`, whose host this page does not know.
fn config_has_port_443(prepared: &Prepared) -> bool {
    prepared.paths.iter().any(|(_, path)| path.split('/').next().is_some_and(|host| host.ends_with(":443")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_field_is_normalised() {
        for (typed, expected) in [
            ("registry.gitlab.com", Some("registry.gitlab.com")),
            ("https://Registry.Example.com:5050/v2/", Some("registry.example.com:5050")),
            ("  gitlab.example.com:5050  ", Some("gitlab.example.com:5050")),
            ("", None),
            ("bad host", None),
            ("$CI_REGISTRY", None),
        ] {
            assert_eq!(JobCredentials::for_registry(typed).registry.as_deref(), expected, "{typed:?}");
        }
    }

    #[test]
    fn prefixes() {
        assert_eq!(predefined_prefix("$CI_REGISTRY_IMAGE/app:1"), Some((PredefinedPrefix::RegistryImage, "/app:1")));
        assert_eq!(predefined_prefix("${CI_REGISTRY}/g/p:1"), Some((PredefinedPrefix::Registry, "/g/p:1")));
        assert_eq!(predefined_prefix("$CI_REGISTRY_IMAGE:latest"), Some((PredefinedPrefix::RegistryImage, ":latest")));
        assert_eq!(
            predefined_prefix("${CI_DEPENDENCY_PROXY_DIRECT_GROUP_IMAGE_PREFIX}/alpine"),
            Some((PredefinedPrefix::DependencyProxy, "/alpine"))
        );
        assert_eq!(predefined_prefix("$CI_REGISTRY_USER/x"), None);
        assert_eq!(predefined_prefix("$OTHER/x"), None);
        assert_eq!(predefined_prefix("registry.example.com/$CI_REGISTRY"), None);
    }
}
