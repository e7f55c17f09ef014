//! "Who pulls this image, and with what, with no stored secret?" (`docs/keyless.md`): for each
//! registry and the chosen executor, the route that needs the least secret.
//!
//! - The job's own credentials: GitLab's container registry and the Dependency Proxy
//!   (`docs/job-credentials.md`), on every executor (on Kubernetes through the pull Secret the
//!   runner writes for the job).
//! - Docker and Docker Autoscaler executors: a credential helper named in the runner user's own
//!   `~/.docker/config.json` on the manager, using the instance's cloud identity. Not
//!   job-supplied, so runner 19.4's allowlist does not apply to it.
//! - Kubernetes executor: a kubelet credential provider on the nodes, with the node's identity
//!   or (Kubernetes 1.34+, beta) the job pod's service-account token.
//! - Otherwise a stored value, with why.
//!
//! Keyless *inside* a job (`id_tokens:` and the cloud's login) does not reach the runner's pull
//! of the job's own `image:`, which happens before the script (gitlab#536596): the texts say so.
//!
//! ```
//! use registry_auth::keyless::{registry_kind, route, RegistryKind, Route};
//! use registry_auth::executor::Executor;
//! let ecr = registry_kind("123456789012.dkr.ecr.eu-west-1.amazonaws.com", None);
//! assert_eq!(ecr, RegistryKind::Ecr);
//! assert!(matches!(route(ecr, Executor::Kubernetes), Route::KubeletProvider(_)));
//! assert!(matches!(route(ecr, Executor::DockerAutoscaler), Route::ManagerHelper(_)));
//! assert!(matches!(route(RegistryKind::Other, Executor::Docker), Route::StoredValue));
//! ```

use strum::{EnumIter, IntoStaticStr};

use crate::executor::Executor;
use crate::registry_key::runner::convert_to_registry_path;
use crate::registry_key::{bare_host, is_docker_hub_host, DOCKER_HUB_KEY};

/// What kind of registry a key names, as far as a keyless route goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum RegistryKind {
    /// This GitLab's container registry (`$CI_REGISTRY`).
    GitlabRegistry,
    /// Docker Hub: through the Dependency Proxy, with the job's own credentials.
    DockerHub,
    /// Amazon ECR, private (`<account>.dkr.ecr.<region>.amazonaws.com`).
    Ecr,
    /// Google Artifact Registry (`<location>-docker.pkg.dev`) or Container Registry (`gcr.io`).
    Google,
    /// Azure Container Registry (`<name>.azurecr.io`).
    Acr,
    /// Anything else.
    Other,
}

impl RegistryKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The kind of the registry a key names. `gitlab_registry` is the instance's registry
/// (`host[:port]`, as the resolver's `GitLab registry` field), when known; `registry.gitlab.com`
/// is GitLab.com's.
pub fn registry_kind(key: &str, gitlab_registry: Option<&str>) -> RegistryKind {
    if key == DOCKER_HUB_KEY {
        return RegistryKind::DockerHub;
    }
    let path = convert_to_registry_path(key);
    let host = path.split('/').next().unwrap_or_default();
    let name = bare_host(host);
    if Some(host) == gitlab_registry || name == "registry.gitlab.com" {
        RegistryKind::GitlabRegistry
    } else if is_docker_hub_host(name) {
        RegistryKind::DockerHub
    } else if is_private_ecr(name) {
        RegistryKind::Ecr
    } else if name.ends_with("-docker.pkg.dev") || name == "gcr.io" || name.ends_with(".gcr.io") {
        RegistryKind::Google
    } else if name.ends_with(".azurecr.io") || name.ends_with(".azurecr.cn") || name.ends_with(".azurecr.us") {
        RegistryKind::Acr
    } else {
        RegistryKind::Other
    }
}

/// `<12 digits>.dkr.ecr.<region>.amazonaws.com[.cn]` (`docs/tokens.md#aws-ecr`).
fn is_private_ecr(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    let account_ok = parts.first().is_some_and(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()));
    account_ok && parts.get(1..3) == Some(&["dkr", "ecr"][..]) && parts.len() >= 6 && parts[4] == "amazonaws"
}

/// A credential helper the runner user's `config.json` names on the manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ManagerHelper {
    /// Without `docker-credential-`.
    pub helper: &'static str,
    /// Whether the helper uses the instance's own cloud identity with nothing stored. `false`:
    /// it reads a secret from the manager's environment (`acr-env`'s client secret).
    pub instance_identity: bool,
}

/// A kubelet credential provider (`docs/keyless.md#kubelet-credential-providers`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KubeletProvider {
    /// The binary's name, the provider's `name`.
    pub name: &'static str,
    /// The provider project's own `matchImages`.
    pub match_images: &'static [&'static str],
    /// The project it comes from.
    pub project: &'static str,
}

/// The standard providers (each project's own examples).
pub const ECR_PROVIDER: KubeletProvider = KubeletProvider {
    name: "ecr-credential-provider",
    match_images: &["*.dkr.ecr.*.amazonaws.com", "*.dkr.ecr.*.amazonaws.com.cn"],
    project: "kubernetes/cloud-provider-aws",
};
pub const GOOGLE_PROVIDER: KubeletProvider = KubeletProvider {
    name: "auth-provider-gcp",
    match_images: &["container.cloud.google.com", "gcr.io", "*.gcr.io", "*.pkg.dev"],
    project: "kubernetes/cloud-provider-gcp",
};
pub const ACR_PROVIDER: KubeletProvider = KubeletProvider {
    name: "acr-credential-provider",
    match_images: &["*.azurecr.io", "*.azurecr.cn", "*.azurecr.de", "*.azurecr.us"],
    project: "kubernetes-sigs/cloud-provider-azure",
};

/// The route with the least stored secret for a registry on an executor. `as_str()` of
/// [`Route::id`] is `data-route` on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The job's own credentials (the instance's registry, the Dependency Proxy for Docker Hub).
    JobCredentials,
    ManagerHelper(ManagerHelper),
    KubeletProvider(KubeletProvider),
    /// No route without a stored secret is known for this registry: a `DOCKER_AUTH_CONFIG` value.
    StoredValue,
}

/// The kinds of [`Route`], with their stable ids (`data-route`; `manager-helper` and
/// `kubelet-provider` are also `data-source` values of the resolver).
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum RouteId {
    JobCredentials,
    ManagerHelper,
    KubeletProvider,
    StoredValue,
}

impl RouteId {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl Route {
    pub fn id(self) -> RouteId {
        match self {
            Route::JobCredentials => RouteId::JobCredentials,
            Route::ManagerHelper(_) => RouteId::ManagerHelper,
            Route::KubeletProvider(_) => RouteId::KubeletProvider,
            Route::StoredValue => RouteId::StoredValue,
        }
    }
}

/// The least-secret route for `kind` on `executor` (`docs/keyless.md#routes`).
pub fn route(kind: RegistryKind, executor: Executor) -> Route {
    use RegistryKind::*;
    let kubernetes = executor == Executor::Kubernetes;
    match kind {
        GitlabRegistry | DockerHub => Route::JobCredentials,
        Ecr if kubernetes => Route::KubeletProvider(ECR_PROVIDER),
        Google if kubernetes => Route::KubeletProvider(GOOGLE_PROVIDER),
        Acr if kubernetes => Route::KubeletProvider(ACR_PROVIDER),
        // A shell executor's jobs run the host's docker CLI as the runner's user: the same
        // `config.json` serves them.
        Ecr => Route::ManagerHelper(ManagerHelper { helper: "ecr-login", instance_identity: true }),
        Google => Route::ManagerHelper(ManagerHelper { helper: "gcloud", instance_identity: true }),
        Acr => Route::ManagerHelper(ManagerHelper { helper: "acr-env", instance_identity: false }),
        Other => Route::StoredValue,
    }
}

/// Each registry typed with a usable key, once, with its kind and its route on `executor`.
pub fn routes_for(setup: &crate::setup::Setup, executor: Executor, gitlab_registry: Option<&str>) -> Vec<(String, RegistryKind, Route)> {
    let mut out: Vec<(String, RegistryKind, Route)> = Vec::new();
    for entry in &setup.entries {
        let Ok(key) = crate::registry_key::normalise_registry(&entry.registry, entry.keep_namespace) else { continue };
        if out.iter().any(|(k, ..)| *k == key.key) {
            continue;
        }
        let kind = registry_kind(&key.key, gitlab_registry);
        out.push((key.key, kind, route(kind, executor)));
    }
    out
}

/// The kubelet's match of a `matchImages` pattern against an image (`URLsMatchStr` in
/// kubernetes `pkg/credentialprovider/keyring.go`): the same number of host parts, each matched
/// as a glob (`*` never crosses a `.`), the same port (none on one side and one on the other is
/// no match), and the pattern's path a string prefix of the image's path.
pub fn kubelet_match(pattern: &str, image: &str) -> bool {
    let split = |text: &str| -> (Vec<String>, String, String) {
        let (authority, path) = match text.find('/') {
            Some(i) => (&text[..i], text[i..].to_owned()),
            None => (text, String::new()),
        };
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => (host, port.to_owned()),
            _ => (authority, String::new()),
        };
        (host.split('.').map(str::to_owned).collect(), port, path)
    };
    let (glob_parts, glob_port, glob_path) = split(pattern);
    let (image_parts, image_port, image_path) = split(image);
    glob_port == image_port
        && glob_parts.len() == image_parts.len()
        && image_path.starts_with(&glob_path)
        && glob_parts.iter().zip(&image_parts).all(|(g, t)| glob_match(g, t))
}

/// Go's `filepath.Match` for one host part: `*` any run of characters, `?` one, others literal
/// (character classes are not used in host patterns here and match literally).
fn glob_match(glob: &str, text: &str) -> bool {
    let (g, t): (Vec<char>, Vec<char>) = (glob.chars().collect(), text.chars().collect());
    // Iterative matching with one backtrack point for the last `*`.
    let (mut gi, mut ti, mut star, mut mark) = (0, 0, None::<usize>, 0);
    while ti < t.len() {
        if gi < g.len() && (g[gi] == '?' || g[gi] == t[ti]) {
            gi += 1;
            ti += 1;
        } else if gi < g.len() && g[gi] == '*' {
            star = Some(gi);
            mark = ti;
            gi += 1;
        } else if let Some(s) = star {
            gi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    g[gi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        for (key, kind) in [
            ("registry.gitlab.com", RegistryKind::GitlabRegistry),
            ("gitlab.example.com:5050", RegistryKind::Other),
            ("https://index.docker.io/v1/", RegistryKind::DockerHub),
            ("123456789012.dkr.ecr.eu-west-1.amazonaws.com", RegistryKind::Ecr),
            ("public.ecr.aws", RegistryKind::Other),
            ("europe-west1-docker.pkg.dev", RegistryKind::Google),
            ("gcr.io", RegistryKind::Google),
            ("eu.gcr.io", RegistryKind::Google),
            ("acme.azurecr.io", RegistryKind::Acr),
            ("quay.io", RegistryKind::Other),
        ] {
            assert_eq!(registry_kind(key, None), kind, "{key}");
        }
        assert_eq!(registry_kind("gitlab.example.com:5050", Some("gitlab.example.com:5050")), RegistryKind::GitlabRegistry);
    }

    #[test]
    fn the_kubelet_matcher_follows_the_documented_examples() {
        // Kubernetes docs, "Configure image matching", and each provider's own patterns.
        let yes = [
            ("123456789.dkr.ecr.us-east-1.amazonaws.com", "123456789.dkr.ecr.us-east-1.amazonaws.com/app:1"),
            ("*.azurecr.io", "acme.azurecr.io/team/app"),
            ("gcr.io", "gcr.io/project/app"),
            ("*.*.registry.io", "foo.bar.registry.io/x"),
            ("registry.io:8080/path", "registry.io:8080/path/app"),
            ("*.k8s.io", "registry.k8s.io/pause"),
            ("k8s.*.io", "k8s.registry.io/x"),
            ("app*.k8s.io", "app-1.k8s.io/x"),
            ("*.pkg.dev", "europe-west1-docker.pkg.dev/p/r/app"),
            ("*.dkr.ecr.*.amazonaws.com", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app"),
        ];
        let no = [
            ("*.io", "registry.k8s.io/pause"),
            ("*.azurecr.io", "azurecr.io/x"),
            ("*.example.com", "reg.example.com:5050/x"),
            ("registry.io:8080/path", "registry.io/path/app"),
            ("registry.io:8080/path", "registry.io:8080/other"),
            ("*.pkg.dev", "pkg.dev/x"),
            ("gcr.io", "eu.gcr.io/x"),
        ];
        for (pattern, image) in yes {
            assert!(kubelet_match(pattern, image), "{pattern} should match {image}");
        }
        for (pattern, image) in no {
            assert!(!kubelet_match(pattern, image), "{pattern} should not match {image}");
        }
        // The path is a string prefix, not a segment prefix (as the kubelet's `strings.HasPrefix`).
        assert!(kubelet_match("registry.io:8080/path", "registry.io:8080/pathology/x"));
    }

    #[test]
    fn routes_per_executor() {
        use RegistryKind::*;
        for executor in [Executor::Docker, Executor::DockerAutoscaler, Executor::Shell] {
            assert_eq!(route(Ecr, executor).id(), RouteId::ManagerHelper);
            assert_eq!(route(Google, executor).id(), RouteId::ManagerHelper);
        }
        for kind in [Ecr, Google, Acr] {
            assert_eq!(route(kind, Executor::Kubernetes).id(), RouteId::KubeletProvider);
        }
        for executor in [Executor::Docker, Executor::Kubernetes] {
            assert_eq!(route(GitlabRegistry, executor), Route::JobCredentials);
            assert_eq!(route(Other, executor), Route::StoredValue);
        }
        assert!(matches!(route(Acr, Executor::Docker), Route::ManagerHelper(ManagerHelper { instance_identity: false, .. })));
    }
}
