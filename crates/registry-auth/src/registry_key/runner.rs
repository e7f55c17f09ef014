//! GitLab Runner's view of keys and images (`gitlab-org/gitlab-runner`,
//! `helpers/docker/auth/auth.go`): every config key becomes a registry path
//! (`convertToRegistryPath`), every image an image path (`normalizeImageRef`), and the image
//! path then each parent path is looked up (`docs/gitlab-runner.md#matching`).

use super::{lower, lower_case_host, strip_scheme};

/// The registry path GitLab Runner uses for Docker Hub images.
pub const RUNNER_HUB_PATH: &str = "docker.io";

/// GitLab Runner's `convertToRegistryPath` (`docs/gitlab-runner.md#key-normalisation`): a config key to a
/// registry path.
///
/// - `http(s)://host[:port]/anything` (scheme in any case): `host[:port]` lower-cased, path
///   dropped; `index.docker.io` then becomes `docker.io`.
/// - otherwise: one trailing `/` trimmed, a `:tag` after the last `/` trimmed, the host
///   lower-cased, the path kept as written (case-sensitive).
///
/// ```
/// use registry_auth::registry_key::runner::convert_to_registry_path;
/// assert_eq!(convert_to_registry_path("HTTPS://INDEX.DOCKER.IO/V1/"), "docker.io");
/// assert_eq!(convert_to_registry_path("index.docker.io"), "index.docker.io");
/// assert_eq!(convert_to_registry_path("MY.HOST/With/Path/img:latest"), "my.host/With/Path/img");
/// ```
pub fn convert_to_registry_path(key: &str) -> String {
    if let Some(rest) = strip_scheme(key) {
        let host = lower(rest.split('/').next().unwrap_or_default());
        return if host == "index.docker.io" { RUNNER_HUB_PATH.to_owned() } else { host };
    }
    let path = key.strip_suffix('/').unwrap_or(key);
    let path = match (path.rfind(':'), path.rfind('/')) {
        (Some(tag), Some(slash)) if tag > slash => &path[..tag],
        _ => path,
    };
    lower_case_host(path)
}

/// GitLab Runner's `normalizeImageRef` (`docs/gitlab-runner.md#image-normalisation`): an image reference to
/// the path looked up.
///
/// The digest and the tag are cut; an image whose first segment has no `.` or `:` and is not
/// `localhost` is on Docker Hub and gets `docker.io/` in front (no `library/`);
/// `index.docker.io/…` becomes `docker.io/…`; the host is lower-cased.
///
/// ```
/// use registry_auth::registry_key::runner::normalize_image_ref;
/// assert_eq!(normalize_image_ref("alpine:3.20"), "docker.io/alpine");
/// assert_eq!(normalize_image_ref("library/alpine"), "docker.io/library/alpine");
/// assert_eq!(normalize_image_ref("Registry.Example.com:5000/Team/app@sha256:0123"), "registry.example.com:5000/Team/app");
/// ```
pub fn normalize_image_ref(image: &str) -> String {
    let image = image.trim();
    // A digest ends the name; the tag is cut from the last segment at its first `:`.
    let name = image.split('@').next().unwrap_or_default();
    let (prefix, last) = match name.rfind('/') {
        Some(i) => (&name[..=i], &name[i + 1..]),
        None => ("", name),
    };
    let last = last.split(':').next().unwrap_or_default();
    let path = format!("{prefix}{last}");
    let path = match image.split_once('/') {
        None => format!("{RUNNER_HUB_PATH}/{path}"),
        Some((first, _)) if !first.contains('.') && !first.contains(':') && first != "localhost" => {
            format!("{RUNNER_HUB_PATH}/{path}")
        }
        Some(("index.docker.io", _)) => path.strip_prefix("index.").unwrap_or(&path).to_owned(),
        Some(_) => path,
    };
    lower_case_host(&path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_paths_follow_the_table() {
        assert_eq!(convert_to_registry_path("https://registry.example.com:5000/v2/"), "registry.example.com:5000");
        assert_eq!(convert_to_registry_path("http://index.docker.io/v1/"), "docker.io");
        assert_eq!(convert_to_registry_path("https://index.docker.io/v1"), "docker.io");
        assert_eq!(convert_to_registry_path("https://registry-1.docker.io"), "registry-1.docker.io");
        assert_eq!(convert_to_registry_path("registry.local/ns/"), "registry.local/ns");
        assert_eq!(convert_to_registry_path("registry.local:5000"), "registry.local:5000");
        assert_eq!(convert_to_registry_path(""), "");
        assert_eq!(convert_to_registry_path("https://"), "");
    }

    #[test]
    fn image_paths() {
        assert_eq!(normalize_image_ref("nginx"), "docker.io/nginx");
        assert_eq!(normalize_image_ref("index.docker.io/library/nginx:1"), "docker.io/library/nginx");
        assert_eq!(normalize_image_ref("localhost/app"), "localhost/app");
        assert_eq!(normalize_image_ref("localhost:5000/app:1"), "localhost:5000/app");
        assert_eq!(normalize_image_ref(""), "docker.io/");
    }
}
