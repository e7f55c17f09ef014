//! Image resolver: which key of a config GitLab Runner and the docker CLI use for an image.
//!
//! Rules:
//! - GitLab Runner (`docs/gitlab-runner.md#key-normalisation`): every key is turned into a registry path
//!   (`convertToRegistryPath`), the image into an image path (`normalizeImageRef`); the image path and then
//!   each parent path is looked up, so the longest namespace prefix wins. Hosts are lower-cased, ports must
//!   match exactly, Docker Hub images become `docker.io/…` (no `library/`). Keys that normalise to the same
//!   path: sorted key order, the first wins (`docs/gitlab-runner.md#sources-and-precedence`,
//!   `docs/gitlab-runner.md#matching`). `credHelpers` results replace same-key `auths` entries
//!   (`docs/gitlab-runner.md#credential-helpers`).
//! - docker CLI (`docs/docker-cli.md#lookup-key`): Docker Hub is looked up under exactly `https://index.docker.io/v1/`,
//!   other registries under `host[:port]` as written in the image. `credHelpers[host]` comes
//!   before `credsStore`, which comes before `auths`; `auths` is an exact match first, then
//!   legacy keys reduced by `ConvertToHostname` (scheme and everything after the first `/`
//!   dropped). Several legacy keys for one host and no exact one: Go's map order decides, so the
//!   answer is marked ambiguous with its candidates (`docs/docker-cli.md#legacy-keys`).
//! - docker CLI ≥ 28.3 with `DOCKER_AUTH_CONFIG` in its environment
//!   (`docs/docker-cli.md#the-docker_auth_config-environment-store`): only when the whole value
//!   passes the strict parser, and only an exact key match; that answer comes before
//!   `config.json`.
//!
//! ```
//! use registry_auth::inspector::inspect;
//! use registry_auth::resolver::{resolve, ConfigView, Explanation};
//! let config = ConfigView::from(&inspect(r#"{"auths":{"docker.io":{"auth":"dTpw"}}}"#));
//! let r = resolve("alpine:3.20", &config);
//! assert_eq!(r.runner.as_deref(), Some("docker.io"));
//! assert_eq!(r.docker_cli, None);
//! assert_eq!(r.explanation, Explanation::CliNeedsHubKey);
//! ```

mod ci_yaml;
mod explain;
mod images;
mod job;

use std::collections::BTreeMap;

use strum::{EnumIter, IntoStaticStr};

pub use ci_yaml::{images_in_ci_yaml, CiImage, MAX_CI_IMAGES};
use explain::{after_fix, explain};
pub use images::{image_names, resolve_all, resolve_all_with, Resolutions};
use job::{resolve_variable_image, with_registry};
pub use job::{JobCredentials, RunnerSource};

use crate::key_order::index_by_key;
use crate::registry_key::docker_cli::{convert_to_hostname, get_auth_config_key};
use crate::registry_key::runner::{convert_to_registry_path, normalize_image_ref};

/// Why the two readers differ for an image, or why nothing matches. `as_str()` is a stable
/// kebab-case id (`data-code` of the explanation on the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Explanation {
    ImageEmpty,
    ImageInvalid,
    ImageVariable,
    ConfigEmpty,
    SameKey,
    CliCredsStore,
    CliNeedsHubKey,
    HostCase,
    RunnerNamespace,
    RunnerKeyPath,
    RunnerDuplicate,
    Differs,
    HubAliasNeverMatches,
    LibraryNamespace,
    PortMismatch,
    NoMatch,
    /// The docker CLI's key depends on Go's map order (several legacy keys for one host).
    CliAmbiguous,
    /// GitLab Runner uses the job's own credentials (`docs/job-credentials.md#what-the-job-payload-carries`).
    JobCredentials,
    /// A `DOCKER_AUTH_CONFIG` key is used where the job's own credentials would have served.
    JobShadowed,
    /// `${CI_DEPENDENCY_PROXY_…_IMAGE_PREFIX}`: the job's own credentials for the Dependency Proxy
    /// (`docs/job-credentials.md#the-dependency-proxy`).
    DependencyProxy,
    /// GitLab Runner discards the whole value (an error the findings name), so none of its keys
    /// is used (`docs/gitlab-runner.md#parsing-and-all-or-nothing`).
    ValueDropped,
    /// The key's credential helper is one the chosen runner version does not run from a
    /// job-supplied value (`docs/gitlab-runner.md#restrict-docker-credential-helpers`).
    HelperNotAllowed,
    /// No key of the value serves the image; the route without a stored secret does, once set
    /// up: a helper on the manager or the kubelet's provider (`docs/keyless.md#routes`).
    KeylessRoute,
}

impl Explanation {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The parts of a config that decide which credential an image gets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConfigView {
    /// `auths` keys as written.
    pub auths: Vec<String>,
    /// `credHelpers` as written: (registry key, helper name).
    pub cred_helpers: Vec<(String, String)>,
    /// `credsStore`, if set.
    pub creds_store: Option<String>,
    /// Whether docker CLI ≥ 28.3 accepts the whole value from the `DOCKER_AUTH_CONFIG`
    /// environment variable (strict parser: only `auths` with `auth` in every entry).
    pub strict_env: bool,
    /// The docker CLI's loader (vendored into GitLab Runner) fails on the value: neither
    /// consumer uses any key of it.
    pub loader_fails: bool,
    /// GitLab Runner discards every credential of the value (the loader fails, or a helper it
    /// names cannot run): the runner uses no key of it, only the job's own credentials.
    pub runner_drops: bool,
    /// The `credHelpers` keys (as written) whose helper the chosen runner version does not run
    /// from a job-supplied value (`helper_allowlist`); set with [`ConfigView::in_situation`].
    pub refused_helpers: Vec<String>,
    /// The executor chosen, for the routes without a stored secret (`keyless`); set with
    /// [`ConfigView::in_situation`].
    pub executor: Option<crate::situation::Executor>,
}

impl ConfigView {
    /// This view as GitLab Runner reads it in `situation`: the helpers its version refuses from a
    /// job-supplied value are marked (`helper_allowlist`).
    pub fn in_situation(mut self, situation: &crate::situation::Situation) -> Self {
        self.refused_helpers =
            crate::helper_allowlist::refusal(&self.cred_helpers, self.creds_store.as_deref(), situation.runner_version())
                .map(|r| r.helpers.into_iter().map(|(key, _)| key).collect())
                .unwrap_or_default();
        self.executor = Some(situation.executor);
        self
    }

    fn is_empty(&self) -> bool {
        self.auths.is_empty() && self.cred_helpers.is_empty() && self.creds_store.is_none()
    }

    fn helper_for(&self, key: &str) -> Option<&str> {
        self.cred_helpers.iter().find(|(k, _)| k == key).map(|(_, h)| h.as_str())
    }
}

/// Where a consumer takes the credential from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Via {
    /// A static `auths` entry.
    Auths,
    /// A `credHelpers` entry: the helper is run for that registry.
    CredHelper,
    /// The global `credsStore`: no key of the config is used.
    CredsStore,
}

/// What the docker CLI does for an image, reading `config.json`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CliResolution {
    /// The key as written in the config, `None` when none matches (or when `credsStore` answers).
    /// When ambiguous, the first of the candidates in sorted order.
    pub key: Option<String>,
    pub via: Option<Via>,
    /// The server address the CLI looks up: `https://index.docker.io/v1/` or `host[:port]`.
    pub lookup: String,
    /// No exact key, and several legacy keys reduce to the address: which one the CLI uses
    /// depends on Go's map order and changes from run to run (`docs/docker-cli.md#legacy-keys`).
    pub ambiguous: bool,
    /// Those keys as written, sorted; empty unless `ambiguous`.
    pub candidates: Vec<String>,
}

/// The full answer for one image.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Resolution {
    pub image: String,
    /// The key GitLab Runner uses, as written in the config (`resolved-runner`).
    pub runner: Option<String>,
    pub runner_via: Option<Via>,
    /// The key the docker CLI uses from `config.json`, as written in the config
    /// (`resolved-docker-cli`).
    pub docker_cli: Option<String>,
    pub cli_via: Option<Via>,
    /// Whether that choice depends on Go's map order (`data-ambiguous`).
    pub docker_cli_ambiguous: bool,
    /// The keys it chooses among, sorted; empty unless ambiguous (`data-candidates`).
    pub docker_cli_candidates: Vec<String>,
    /// The key docker CLI ≥ 28.3 uses from the `DOCKER_AUTH_CONFIG` environment variable: the
    /// exact lookup key, when the whole value passes its strict parser (`resolved-docker-cli-env`).
    pub docker_cli_env: Option<String>,
    /// Where GitLab Runner's credential comes from (`data-source`).
    pub runner_source: RunnerSource,
    /// Why they differ, or why nothing matches (the page says it in a sentence).
    pub explanation: Explanation,
    /// Substituted for `{}` in that sentence.
    pub explanation_subject: String,
    /// Why GitLab Runner does not use the key that matches (`data-refused` on `resolved-runner`):
    /// `helper-not-allowed` when the chosen version does not run its helper.
    pub refused: Option<crate::findings::FindingCode>,
    /// A second sentence: when the whole value is dropped (`ValueDropped`), what would still
    /// keep this image from a key once the errors are fixed (a port, a path), so the real cause
    /// is named before Fix as well as after it; else, when no key serves the image, the route
    /// without a stored secret that would (`KeylessRoute`, its helper or provider).
    pub also: Option<(Explanation, String)>,
}

/// The key GitLab Runner uses for `image`, as written in the config
/// (`docs/gitlab-runner.md#key-normalisation`, `docs/gitlab-runner.md#credential-helpers`).
pub fn resolve_runner(image: &str, config: &ConfigView) -> Option<String> {
    let job = JobCredentials::default();
    let prepared = Prepared::new(config, &job);
    resolve_runner_via(image, &prepared, &prepared.table()).and_then(|(key, _)| key)
}

/// A config with every key's runner path computed once, for resolving many images.
struct Prepared<'a> {
    config: &'a ConfigView,
    /// Every `auths` and `credHelpers` key in sorted order, deduplicated, with its registry path.
    paths: Vec<(&'a str, String)>,
    /// The path of the job payload's registry credentials, when known.
    job: Option<&'a str>,
}

impl<'a> Prepared<'a> {
    fn new(config: &'a ConfigView, job: &'a JobCredentials) -> Self {
        // A map for the sorted, deduplicated keys: no sort instantiation in the wasm.
        let keys = index_by_key(config.auths.iter().chain(config.cred_helpers.iter().map(|(k, _)| k)).map(String::as_str));
        // A value the runner discards offers it no key (`docs/gitlab-runner.md#parsing-and-all-or-nothing`).
        let paths = if config.runner_drops { Vec::new() } else { keys.into_keys().map(|k| (k, convert_to_registry_path(k))).collect() };
        Prepared { config, paths, job: job.registry.as_deref() }
    }

    /// Registry path → index of the key the runner keeps for it: in sorted key order the first
    /// one wins (`docs/gitlab-runner.md#matching`); a helper replaces the same key's `auths` entry
    /// (`docs/gitlab-runner.md#credential-helpers`).
    fn table(&self) -> BTreeMap<&str, usize> {
        let mut table = BTreeMap::new();
        for (index, (_, path)) in self.paths.iter().enumerate() {
            if !table.contains_key(path.as_str()) {
                table.insert(path.as_str(), index);
            }
        }
        table
    }
}

/// The key GitLab Runner uses (with how it reads it), or `(None, None)` for the job payload's
/// credentials, which come after `DOCKER_AUTH_CONFIG` for the same path and have no key in it.
fn resolve_runner_via(image: &str, prepared: &Prepared, table: &BTreeMap<&str, usize>) -> Option<(Option<String>, Option<Via>)> {
    let mut path = normalize_image_ref(image);
    loop {
        if let Some(&index) = table.get(path.as_str()) {
            let key = prepared.paths[index].0;
            let via = if prepared.config.helper_for(key).is_some() { Via::CredHelper } else { Via::Auths };
            return Some((Some(key.to_owned()), Some(via)));
        }
        if prepared.job == Some(path.as_str()) {
            return Some((None, None));
        }
        match path.rfind('/') {
            Some(i) => path.truncate(i),
            None => return None,
        }
    }
}

/// What the docker CLI uses for `image` (`docs/docker-cli.md#store-precedence`).
pub fn resolve_docker_cli(image: &str, config: &ConfigView) -> CliResolution {
    let lookup = get_auth_config_key(image);
    if let Some((key, _)) = config.cred_helpers.iter().find(|(k, _)| *k == lookup) {
        return CliResolution { key: Some(key.clone()), via: Some(Via::CredHelper), lookup, ..CliResolution::default() };
    }
    if config.creds_store.is_some() {
        // A native store answers for every registry; static auths are ignored (`docs/docker-cli.md#store-precedence`).
        return CliResolution { via: Some(Via::CredsStore), lookup, ..CliResolution::default() };
    }
    if let Some(key) = config.auths.iter().find(|k| **k == lookup) {
        return CliResolution { key: Some(key.clone()), via: Some(Via::Auths), lookup, ..CliResolution::default() };
    }
    // Legacy keys: the file store compares the looked-up address with ConvertToHostname(key),
    // iterating Go's map in random order (`docs/docker-cli.md#legacy-keys`): with several, say so.
    let mut candidates: Vec<String> = index_by_key(config.auths.iter().map(String::as_str).filter(|k| convert_to_hostname(k) == lookup))
        .into_keys()
        .map(str::to_owned)
        .collect();
    let key = candidates.first().cloned();
    let ambiguous = candidates.len() > 1;
    if !ambiguous {
        candidates.clear();
    }
    CliResolution { via: key.as_ref().map(|_| Via::Auths), key, lookup, ambiguous, candidates }
}

/// The key docker CLI ≥ 28.3 takes from the `DOCKER_AUTH_CONFIG` environment variable for
/// `image`: only when the whole value passes its strict parser, and only the exact lookup key
/// (no scheme stripping, no namespaces: `docs/docker-cli.md#the-docker_auth_config-environment-store`).
pub fn resolve_docker_cli_env(image: &str, config: &ConfigView) -> Option<String> {
    if !config.strict_env {
        return None;
    }
    let lookup = get_auth_config_key(image);
    config.auths.iter().find(|k| **k == lookup).cloned()
}

/// Resolves one image for both consumers and says why they differ or nothing matches, without
/// the job's own credentials (the instance's registry unknown).
pub fn resolve(image: &str, config: &ConfigView) -> Resolution {
    resolve_with(image, config, &JobCredentials::default())
}

/// [`resolve`], with the job payload's credentials as GitLab Runner's last source.
pub fn resolve_with(image: &str, config: &ConfigView, job: &JobCredentials) -> Resolution {
    let prepared = Prepared::new(config, job);
    resolve_prepared(image, &prepared, &prepared.table())
}

fn resolve_prepared(image: &str, prepared: &Prepared, table: &BTreeMap<&str, usize>) -> Resolution {
    let config = prepared.config;
    let image = clean_image(image);
    let mut out = Resolution {
        image: image.to_owned(),
        runner: None,
        runner_via: None,
        docker_cli: None,
        cli_via: None,
        docker_cli_ambiguous: false,
        docker_cli_candidates: Vec::new(),
        docker_cli_env: None,
        runner_source: RunnerSource::None,
        explanation: Explanation::NoMatch,
        explanation_subject: String::new(),
        refused: None,
        also: None,
    };
    if image.is_empty() {
        out.explanation = Explanation::ImageEmpty;
        return out;
    }
    if image.chars().any(|c| c.is_whitespace() || c.is_control()) {
        out.explanation = Explanation::ImageInvalid;
        out.explanation_subject = image.to_owned();
        return out;
    }
    if image.contains('$') {
        if let Some(substituted) = with_registry(image, prepared) {
            // Shown as written; resolved as the runner sees it after expansion.
            return Resolution { image: image.to_owned(), ..resolve_prepared(&substituted, prepared, table) };
        }
        return resolve_variable_image(image, prepared, out);
    }
    let mut runner = resolve_runner_via(image, prepared, table);
    if let Some((Some(key), Some(Via::CredHelper))) = &runner {
        if config.refused_helpers.contains(key) {
            // Not run: the pull goes on as if the key were not there (whether the rest of the
            // value still applies is not confirmed; the explanation says so).
            let helper = config.helper_for(key).unwrap_or_default().to_owned();
            out.refused = Some(crate::findings::FindingCode::HelperNotAllowed);
            out.explanation_subject = format!("{key} ({helper})");
            let without: BTreeMap<&str, usize> = table
                .iter()
                .filter(|(_, &i)| !config.refused_helpers.iter().any(|r| r == prepared.paths[i].0))
                .map(|(k, v)| (*k, *v))
                .collect();
            runner = resolve_runner_via(image, prepared, &without);
        }
    }
    if let Some((key, via)) = runner {
        out.runner_source = if key.is_some() { RunnerSource::Variable } else { RunnerSource::Job };
        out.runner = key;
        out.runner_via = via;
    }
    // A value the loader cannot read gives the docker CLI nothing either.
    let cli = if config.loader_fails {
        CliResolution { lookup: get_auth_config_key(image), ..CliResolution::default() }
    } else {
        resolve_docker_cli(image, config)
    };
    out.docker_cli = cli.key.clone();
    out.cli_via = cli.via;
    out.docker_cli_ambiguous = cli.ambiguous;
    out.docker_cli_candidates = cli.candidates.clone();
    out.docker_cli_env = if config.loader_fails { None } else { resolve_docker_cli_env(image, config) };
    // Nothing of the value or the job serves it: the route without a stored secret may.
    let route = config.executor.filter(|_| out.runner_source == RunnerSource::None).map(|executor| {
        let host = normalize_image_ref(image).split('/').next().unwrap_or_default().to_owned();
        crate::keyless::route(crate::keyless::registry_kind(&host, prepared.job), executor)
    });
    match route {
        Some(crate::keyless::Route::ManagerHelper(m)) => {
            out.runner_source = RunnerSource::ManagerHelper;
            out.also = Some((Explanation::KeylessRoute, format!("docker-credential-{}", m.helper)));
        }
        Some(crate::keyless::Route::KubeletProvider(k)) => {
            out.runner_source = RunnerSource::KubeletProvider;
            out.also = Some((Explanation::KeylessRoute, k.name.to_owned()));
        }
        _ => {}
    }
    if out.refused.is_some() {
        out.explanation = Explanation::HelperNotAllowed;
        return out;
    }
    let (explanation, subject) = explain(image, prepared, &out, &cli);
    out.explanation = explanation;
    out.explanation_subject = subject;
    if explanation == Explanation::ValueDropped {
        out.also = after_fix(image, prepared).or(out.also);
    }
    out
}

/// Drops surrounding quotes and spaces, as an image pasted from YAML may have them.
fn clean_image(image: &str) -> &str {
    let image = image.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = image.strip_prefix(quote).and_then(|s| s.strip_suffix(quote)) {
            return inner.trim();
        }
    }
    image
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_comments_and_flow() {
        let yaml = "image: 'alpine' # base\nservices: [\"docker:dind\", {name: 'redis:7', alias: cache}]\n";
        let found = images_in_ci_yaml(yaml).images;
        assert_eq!(found.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["alpine", "docker:dind", "redis:7"]);
        assert!(!found[0].service && found[1].service && found[2].line == 2);
    }

    #[test]
    fn one_image_per_line() {
        let config = ConfigView::default();
        let names = |input: &str| resolve_all(input, &config).items.into_iter().map(|r| r.image).collect::<Vec<_>>();
        assert_eq!(names("nginx\n\n  - alpine:3.20 \nnginx\n"), ["nginx", "alpine:3.20"]);
        assert_eq!(names(" registry.example.com:5000/team/app:1.0 "), ["registry.example.com:5000/team/app:1.0"]);
        let many: String = (0..MAX_CI_IMAGES + 5).map(|i| format!("img{i}\n")).collect();
        let all = resolve_all(&many, &config);
        assert_eq!((all.items.len(), all.more), (MAX_CI_IMAGES, true));
    }

    #[test]
    fn a_huge_flow_list_is_capped() {
        let items: Vec<String> = (0..MAX_CI_IMAGES * 10).map(|i| format!("img{i}")).collect();
        let yaml = format!("services: [{}]\nimage: late", items.join(", "));
        let found = images_in_ci_yaml(&yaml);
        assert_eq!((found.images.len(), found.more), (MAX_CI_IMAGES, true));
        let at_cap = format!("services: [{}]", items[..MAX_CI_IMAGES].join(", "));
        assert_eq!((images_in_ci_yaml(&at_cap).images.len(), images_in_ci_yaml(&at_cap).more), (MAX_CI_IMAGES, false));
    }
}
