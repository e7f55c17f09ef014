//! Why the two readers answer as they do for an image, or why nothing matches: the near miss
//! the user most likely meant (`Explanation`).

use super::{resolve_runner_via, CliResolution, ConfigView, Explanation, JobCredentials, Prepared, Resolution, RunnerSource, Via};
use crate::registry_key::docker_cli::{convert_to_hostname, get_auth_config_key};
use crate::registry_key::runner::{convert_to_registry_path, normalize_image_ref, RUNNER_HUB_PATH};
use crate::registry_key::{bare_host, is_docker_hub_host, strip_scheme, DOCKER_HUB_KEY};

/// For a dropped value: the near miss the image would still meet once the value is read again
/// (its keys as the runner would normalise them), if any.
pub(super) fn after_fix(image: &str, prepared: &Prepared) -> Option<(Explanation, String)> {
    let config = ConfigView { runner_drops: false, loader_fails: false, ..prepared.config.clone() };
    let job = JobCredentials { registry: prepared.job.map(str::to_owned) };
    let again = Prepared::new(&config, &job);
    if resolve_runner_via(image, &again, &again.table()).is_some() {
        return None;
    }
    let (why, subject) = explain_no_match(image, &again, get_auth_config_key(image) == DOCKER_HUB_KEY);
    (why != Explanation::NoMatch).then_some((why, subject))
}

/// Why the readers answer as they do for `image` (`Explanation`), and what it is about.
pub(super) fn explain(image: &str, prepared: &Prepared, out: &Resolution, cli: &CliResolution) -> (Explanation, String) {
    let config = prepared.config;
    if config.runner_drops {
        return (Explanation::ValueDropped, String::new());
    }
    if out.runner_source == RunnerSource::Job && !cli.ambiguous {
        return (Explanation::JobCredentials, prepared.job.unwrap_or_default().to_owned());
    }
    if config.is_empty() {
        return (Explanation::ConfigEmpty, String::new());
    }
    let is_hub = cli.lookup == DOCKER_HUB_KEY;
    if cli.ambiguous {
        // `docs/docker-cli.md#legacy-keys`: the CLI's choice changes from run to run.
        return (Explanation::CliAmbiguous, cli.candidates.join(", "));
    }
    if let (Some(key), Some(registry)) = (&out.runner, prepared.job) {
        // The first source with a key for the path wins: the job payload comes last.
        if normalize_image_ref(image).split('/').next() == Some(registry) {
            return (Explanation::JobShadowed, key.clone());
        }
    }
    match (&out.runner, &cli.key) {
        (Some(r), Some(c)) if r == c => (Explanation::SameKey, r.clone()),
        _ if cli.via == Some(Via::CredsStore) => (Explanation::CliCredsStore, config.creds_store.clone().unwrap_or_default()),
        (Some(r), None) if is_hub => (Explanation::CliNeedsHubKey, r.clone()),
        (Some(r), None) if convert_to_hostname(r).eq_ignore_ascii_case(&cli.lookup) => (Explanation::HostCase, r.clone()),
        (Some(r), _) if out.runner_via.is_some() && convert_to_registry_path(r).contains('/') && cli.key.is_some() => {
            (Explanation::RunnerNamespace, r.clone())
        }
        (Some(r), Some(c)) if convert_to_registry_path(r) == convert_to_registry_path(c) => (Explanation::RunnerDuplicate, r.clone()),
        (None, Some(c)) if strip_scheme(c).is_none() && convert_to_registry_path(c).contains('/') => {
            (Explanation::RunnerKeyPath, c.clone())
        }
        (Some(r), _) => (Explanation::Differs, r.clone()),
        (None, Some(c)) => (Explanation::Differs, c.clone()),
        (None, None) => explain_no_match(image, prepared, is_hub),
    }
}

/// Neither consumer matches: look for the near miss the user most likely meant.
fn explain_no_match(image: &str, prepared: &Prepared, is_hub: bool) -> (Explanation, String) {
    let found = |test: &dyn Fn(&str) -> bool| prepared.paths.iter().find(|(_, path)| test(path)).map(|(key, _)| (*key).to_owned());
    if is_hub {
        if let Some(key) = found(&|path| is_docker_hub_host(bare_host(path)) && bare_host(path) != RUNNER_HUB_PATH) {
            return (Explanation::HubAliasNeverMatches, key);
        }
        if let Some(key) = found(&|path| path.starts_with("docker.io/")) {
            return (Explanation::LibraryNamespace, key);
        }
    } else {
        let image_path = normalize_image_ref(image);
        let image_host = image_path.split('/').next().unwrap_or_default();
        let image_bare = bare_host(image_host);
        if let Some(key) = found(&|path| path.split('/').next() == Some(image_host) && path.contains('/')) {
            return (Explanation::RunnerKeyPath, key);
        }
        if let Some(key) = found(&|path| {
            let key_host = path.split('/').next().unwrap_or_default();
            key_host != image_host && bare_host(key_host) == image_bare
        }) {
            return (Explanation::PortMismatch, key);
        }
    }
    (Explanation::NoMatch, normalize_image_ref(image))
}
