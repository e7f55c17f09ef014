//! Image references and registry keys: the one home of every rule that turns a config key or an
//! image name into what GitLab Runner, the docker CLI or the generator compare.
//!
//! - [`normalise`]: what the user typed → the key the generator writes.
//! - [`runner`]: GitLab Runner's `convertToRegistryPath` and `normalizeImageRef`
//!   (`docs/gitlab-runner.md#key-normalisation`, `#image-normalisation`).
//! - [`docker_cli`]: the docker CLI's `getAuthConfigKey` and `ConvertToHostname`
//!   (`docs/docker-cli.md#lookup-key`, `#legacy-keys`).
//!
//! Shared here: the Docker Hub key and its aliases, scheme stripping, and `host[:port]` parts.

pub mod docker_cli;
mod normalise;
pub mod runner;

pub use normalise::{normalise_registry, unmatchable_host, KeyNote, RegistryKey, RegistryKeyError, UnmatchableHost};

/// The one key Docker Hub credentials must be written under: the only one both GitLab Runner
/// and the docker CLI match for Hub images (`docs/failure-modes.md#wrong-docker-hub-key`).
pub const DOCKER_HUB_KEY: &str = "https://index.docker.io/v1/";

/// Host names that mean Docker Hub when a person writes them. Only `docker.io` (and
/// `index.docker.io` behind a scheme) reach Hub credentials in the runner; the others never
/// match anything (`docs/gitlab-runner.md#key-normalisation`).
const DOCKER_HUB_HOSTS: [&str; 4] = ["docker.io", "index.docker.io", "registry-1.docker.io", "hub.docker.com"];

/// Whether a lower-case host without port is one of Docker Hub's names.
pub fn is_docker_hub_host(host: &str) -> bool {
    DOCKER_HUB_HOSTS.contains(&host)
}

/// The rest of `text` after `http://` or `https://` in any case (the runner's `(?i)^https?://`),
/// or `None` without a scheme.
pub fn strip_scheme(text: &str) -> Option<&str> {
    for scheme in ["https://", "http://"] {
        // `get` rather than slicing: the text may have a multi-byte character at that index.
        if text.get(..scheme.len()).is_some_and(|head| head.eq_ignore_ascii_case(scheme)) {
            return Some(&text[scheme.len()..]);
        }
    }
    None
}

/// The host of a `host[:port][/path]`, without the port (a numeric one after the last `:`).
pub fn bare_host(path: &str) -> &str {
    let host = path.split('/').next().unwrap_or_default();
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

/// Go's `strings.ToLower`, for ASCII: registry hosts are ASCII (IDNs are written in punycode),
/// and Unicode case tables would weigh on the wasm bundle.
fn lower(text: &str) -> String {
    text.to_ascii_lowercase()
}

/// The runner's `pathWithLowerCaseHostname`: the part before the first `/` lower-cased.
fn lower_case_host(path: &str) -> String {
    match path.split_once('/') {
        Some((host, rest)) => format!("{}/{rest}", lower(host)),
        None => lower(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_parts() {
        assert_eq!(strip_scheme("HTTPS://a.io/v2/"), Some("a.io/v2/"));
        assert_eq!(strip_scheme("a.io"), None);
        assert_eq!(strip_scheme("ü"), None);
        assert_eq!(bare_host("a.io:5000/ns"), "a.io");
        assert_eq!(bare_host("a.io:port"), "a.io:port");
        assert!(is_docker_hub_host("registry-1.docker.io") && !is_docker_hub_host("quay.io"));
    }
}
