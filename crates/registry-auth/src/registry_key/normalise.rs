//! What the user typed into the Registry field → the key the generator writes under `auths`.
//!
//! - Docker Hub in any spelling becomes [`DOCKER_HUB_KEY`], the only key both GitLab Runner
//!   (`convertToRegistryPath` maps it to `docker.io`) and the docker CLI (`getAuthConfigKey`,
//!   exact match) use for Hub images: `docs/gitlab-runner.md#key-normalisation`,
//!   `docs/docker-cli.md#lookup-key`.
//! - Other keys are `host[:port]`: scheme, `/v1/` `/v2/` and image paths dropped, host
//!   lower-cased (the runner lower-cases hosts), port kept (ports must match exactly:
//!   `docs/gitlab-runner.md#matching`).
//! - A namespace (`host/group`) is kept only on request: the runner matches namespaced keys
//!   since 17.5 (longest prefix), the docker CLI reduces them to the host.
//! - `user:password@` is refused: credentials belong in their own fields
//!   (`docs/failure-modes.md#credentials-inside-a-url`).
//!
//! ```
//! use registry_auth::registry_key::{normalise_registry, KeyNote};
//! let k = normalise_registry("https://Registry.Example.com:5000/v2/", false).unwrap();
//! assert_eq!(k.key, "registry.example.com:5000");
//! assert!(k.notes.contains(&KeyNote::SchemeRemoved));
//! assert_eq!(normalise_registry("hub.docker.com", false).unwrap().key, "https://index.docker.io/v1/");
//! ```

use super::{bare_host, is_docker_hub_host, strip_scheme, DOCKER_HUB_KEY};

/// The normalised key and what was changed to get it, so the UI can say why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryKey {
    pub key: String,
    pub is_docker_hub: bool,
    pub notes: Vec<KeyNote>,
}

/// One change made to the typed text, so the page can say why the key differs from it.
/// `as_str()` is a stable kebab-case id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum KeyNote {
    /// `http://` or `https://` dropped: the runner ignores it and the CLI never sends it.
    SchemeRemoved,
    /// `/v1/`, `/v2/` or another path after the host dropped.
    PathRemoved,
    /// A tag or digest of an image reference dropped.
    TagRemoved,
    /// Upper-case letters in the host lower-cased.
    HostLowercased,
    /// A Docker Hub alias replaced by `https://index.docker.io/v1/`.
    DockerHubAlias,
    /// A namespace kept on request (runner 17.5+ only).
    NamespaceKept,
}

impl KeyNote {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Why the registry field cannot become a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistryKeyError {
    Empty,
    /// Whitespace, control characters or characters no host name has, or a name longer than
    /// DNS allows.
    InvalidCharacters,
    /// `host:` followed by something that is not a port number.
    InvalidPort,
    /// `user:password@host`: credentials belong in the Username and Password fields.
    Credentials,
}

/// Normalises the registry field. `keep_namespace` keeps `host/group/…` for namespaced keys.
pub fn normalise_registry(input: &str, keep_namespace: bool) -> Result<RegistryKey, RegistryKeyError> {
    let mut notes = Vec::new();
    let text = input.trim();
    if text.is_empty() {
        return Err(RegistryKeyError::Empty);
    }
    if text == DOCKER_HUB_KEY {
        return Ok(RegistryKey { key: DOCKER_HUB_KEY.to_owned(), is_docker_hub: true, notes });
    }
    if crate::userinfo::split_userinfo(text).is_some() {
        return Err(RegistryKeyError::Credentials);
    }
    if text
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\\' | '<' | '>' | '{' | '}' | '|' | '^' | '`' | '?' | '#'))
    {
        return Err(RegistryKeyError::InvalidCharacters);
    }
    let after_scheme = strip_scheme(text);
    let had_scheme = after_scheme.is_some();
    let without_scheme = after_scheme.unwrap_or(text);
    if had_scheme {
        notes.push(KeyNote::SchemeRemoved);
    }
    let without_scheme = without_scheme.trim_end_matches('/');
    let (host_part, path) = match without_scheme.split_once('/') {
        Some((host, path)) => (host, path),
        None => (without_scheme, ""),
    };
    if host_part.is_empty() {
        return Err(RegistryKeyError::InvalidCharacters);
    }
    // `library/alpine` or `group/image` without a registry host is a Docker Hub image
    // (the runner's normalizeImageRef: no `.` or `:` in the first segment and not localhost).
    let looks_like_host = host_part.contains('.') || host_part.contains(':') || host_part.eq_ignore_ascii_case("localhost");
    if !had_scheme && !path.is_empty() && !looks_like_host {
        notes.push(KeyNote::DockerHubAlias);
        return Ok(RegistryKey { key: DOCKER_HUB_KEY.to_owned(), is_docker_hub: true, notes });
    }
    let host = validate_host(host_part)?;
    if host != host_part {
        notes.push(KeyNote::HostLowercased);
    }
    if is_docker_hub_host(bare_host(&host)) {
        notes.retain(|n| *n != KeyNote::HostLowercased);
        notes.push(KeyNote::DockerHubAlias);
        return Ok(RegistryKey { key: DOCKER_HUB_KEY.to_owned(), is_docker_hub: true, notes });
    }
    let (path, tag_removed) = strip_tag_and_digest(path);
    if tag_removed {
        notes.push(KeyNote::TagRemoved);
    }
    let is_api_path = matches!(path.split('/').next(), Some("v1" | "v2"));
    let key = if keep_namespace && !had_scheme && !path.is_empty() && !is_api_path {
        notes.push(KeyNote::NamespaceKept);
        format!("{host}/{path}")
    } else {
        if !path.is_empty() {
            notes.push(KeyNote::PathRemoved);
        }
        host
    };
    Ok(RegistryKey { key, is_docker_hub: false, notes })
}

/// The longest host name DNS can carry, and its longest label (RFC 1035, section 2.3.4).
const MAX_HOST_CHARS: usize = 253;
const MAX_LABEL_CHARS: usize = 63;

/// Lower-cases a `host[:port]` and checks it has host-name characters, a host name's length and
/// a numeric port. An IPv6 address is written in brackets, `[2001:db8::1]:5000`, as image
/// references write it (distribution's reference grammar, `docs/gitlab-runner.md#ipv6-hosts`).
fn validate_host(host_part: &str) -> Result<String, RegistryKeyError> {
    let port = match host_part.strip_prefix('[') {
        Some(rest) => {
            let (address, after) = rest.split_once(']').ok_or(RegistryKeyError::InvalidCharacters)?;
            // The grammar takes hex digits and colons only: no zone, no IPv4-mapped form.
            let grammar = address.bytes().all(|b| b.is_ascii_hexdigit() || b == b':');
            if !grammar || address.parse::<std::net::Ipv6Addr>().is_err() {
                return Err(RegistryKeyError::InvalidCharacters);
            }
            match after {
                "" => None,
                _ => Some(after.strip_prefix(':').ok_or(RegistryKeyError::InvalidCharacters)?),
            }
        }
        None => {
            let (name, port) = match host_part.rsplit_once(':') {
                Some((name, port)) => (name, Some(port)),
                None => (host_part, None),
            };
            // A DNS name has at most 253 characters and 63 per label (RFC 1035, section 2.3.4); a
            // longer one cannot be resolved, so it is no registry host either.
            let name_ok = !name.is_empty()
                && name.len() <= MAX_HOST_CHARS
                && name.split('.').all(|label| label.len() <= MAX_LABEL_CHARS)
                && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'));
            if !name_ok {
                return Err(RegistryKeyError::InvalidCharacters);
            }
            port
        }
    };
    if let Some(port) = port {
        let valid = !port.is_empty()
            && port.len() <= 5
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u32>().is_ok_and(|p| p > 0 && p < 65_536);
        if !valid {
            return Err(RegistryKeyError::InvalidPort);
        }
    }
    Ok(host_part.to_lowercase())
}

/// A host no image reference can name, though a key may hold it: image references allow only
/// ASCII letters, digits, `.`, `-` (and `_`) in a host name, with no final dot (distribution's
/// reference grammar, `docs/gitlab-runner.md#hosts-no-image-can-name`). Both GitLab Runner
/// and the docker CLI compare the image's host with the key's as text, so such a key matches
/// nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnmatchableHost {
    /// Characters beyond ASCII (an internationalised name not written in punycode).
    NotAscii,
    /// A final `.` (a fully qualified name as DNS writes it).
    TrailingDot,
}

/// Whether the host of `key` (a key as written, scheme and path allowed) is one no image
/// reference can name.
pub fn unmatchable_host(key: &str) -> Option<UnmatchableHost> {
    let host = strip_scheme(key).unwrap_or(key).split('/').next().unwrap_or_default();
    let name = bare_host(host);
    if !name.is_ascii() {
        Some(UnmatchableHost::NotAscii)
    } else if name.ends_with('.') && !name.starts_with('[') {
        Some(UnmatchableHost::TrailingDot)
    } else {
        None
    }
}

/// Cuts `@sha256:…` and a `:tag` on the last path segment. Returns whether anything was cut.
fn strip_tag_and_digest(path: &str) -> (&str, bool) {
    let (path, had_digest) = match path.split_once('@') {
        Some((before, _)) => (before, true),
        None => (path, false),
    };
    let last_segment_start = path.rfind('/').map_or(0, |i| i + 1);
    match path[last_segment_start..].find(':') {
        Some(colon) => (&path[..last_segment_start + colon], true),
        None => (path, had_digest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(input: &str) -> String {
        normalise_registry(input, false).unwrap().key
    }

    #[test]
    fn docker_hub_in_every_spelling() {
        for input in [
            "docker.io",
            "index.docker.io",
            "registry-1.docker.io",
            "hub.docker.com",
            "https://index.docker.io/v1/",
            "https://index.docker.io/v1",
            "HTTPS://Index.Docker.IO/v2/",
            "docker.io/library/alpine:3.20",
            "library/alpine",
            "bitnami/redis:7",
        ] {
            assert_eq!(key(input), DOCKER_HUB_KEY, "{input}");
        }
        assert!(normalise_registry(DOCKER_HUB_KEY, false).unwrap().notes.is_empty());
    }

    #[test]
    fn ipv6_hosts_in_brackets() {
        assert_eq!(key("[::1]:5000"), "[::1]:5000");
        assert_eq!(key("https://[2001:DB8::1]:5000/v2/"), "[2001:db8::1]:5000");
        assert_eq!(key("[2001:db8::1]"), "[2001:db8::1]");
        assert_eq!(key("[::1]:5000/team/app:1"), "[::1]:5000");
        for bad in ["[::1", "[zz::1]:5000", "[::1]5000", "::1:5000", "[]:5000", "[::ffff:10.0.0.1]:5000", "[fe80::1%eth0]"] {
            assert!(normalise_registry(bad, false).is_err(), "{bad}");
        }
        assert_eq!(normalise_registry("[::1]:99999", false), Err(RegistryKeyError::InvalidPort));
    }

    #[test]
    fn hosts_no_image_can_name() {
        assert_eq!(unmatchable_host("rëgistry.example.com"), Some(UnmatchableHost::NotAscii));
        assert_eq!(unmatchable_host("https://registry.example.com./v2/"), Some(UnmatchableHost::TrailingDot));
        assert_eq!(unmatchable_host("registry.example.com.:5000"), Some(UnmatchableHost::TrailingDot));
        for fine in ["xn--rgistry-9ua.example.com", "registry.example.com:5000", "[::1]:5000", "https://index.docker.io/v1/"] {
            assert_eq!(unmatchable_host(fine), None, "{fine}");
        }
    }

    #[test]
    fn hosts_keep_port_and_lose_scheme_and_path() {
        assert_eq!(key("registry.example.com:5000"), "registry.example.com:5000");
        assert_eq!(key("https://registry.example.com:5000/v2/"), "registry.example.com:5000");
        assert_eq!(key("http://localhost:5000"), "localhost:5000");
        assert_eq!(key("Registry.GitLab.com"), "registry.gitlab.com");
        assert_eq!(key("registry.gitlab.com/group/project/image:tag"), "registry.gitlab.com");
        assert_eq!(key(&format!("registry.gitlab.com/group/image@sha256:{}", "a".repeat(64))), "registry.gitlab.com");
        assert_eq!(key("  quay.io  "), "quay.io");
        assert_eq!(key("myregistry"), "myregistry");
    }

    #[test]
    fn namespace_kept_only_on_request() {
        let k = normalise_registry("registry.gitlab.com/group/project/image:tag", true).unwrap();
        assert_eq!(k.key, "registry.gitlab.com/group/project/image");
        assert!(k.notes.contains(&KeyNote::NamespaceKept) && k.notes.contains(&KeyNote::TagRemoved));
        assert_eq!(normalise_registry("https://reg.example.com/v2/", true).unwrap().key, "reg.example.com");
        assert_eq!(normalise_registry("reg.example.com/v2/", true).unwrap().key, "reg.example.com");
    }

    #[test]
    fn rejects_what_is_not_a_registry() {
        assert_eq!(normalise_registry("  ", false), Err(RegistryKeyError::Empty));
        assert_eq!(normalise_registry("reg example.com", false), Err(RegistryKeyError::InvalidCharacters));
        assert_eq!(normalise_registry("reg.example.com:http", false), Err(RegistryKeyError::InvalidPort));
        assert_eq!(normalise_registry("reg.example.com:99999", false), Err(RegistryKeyError::InvalidPort));
        assert_eq!(normalise_registry("https://", false), Err(RegistryKeyError::InvalidCharacters));
        assert_eq!(normalise_registry("$REGISTRY", false), Err(RegistryKeyError::InvalidCharacters));
        let label = "a".repeat(63);
        let longest = format!("{label}.{label}.{label}.{}", "b".repeat(61));
        assert!(normalise_registry(&longest, false).is_ok());
        assert_eq!(normalise_registry(&format!("{longest}c"), false), Err(RegistryKeyError::InvalidCharacters));
        assert_eq!(normalise_registry(&format!("{label}a.example.com"), false), Err(RegistryKeyError::InvalidCharacters));
        assert_eq!(normalise_registry(&"a".repeat(1024), false), Err(RegistryKeyError::InvalidCharacters));
        assert_eq!(normalise_registry("https://robot:QzRegPass123@registry.example.com", false), Err(RegistryKeyError::Credentials));
        assert_eq!(normalise_registry("robot@registry.example.com:5000", false), Err(RegistryKeyError::Credentials));
    }
}
