//! What a username says about the credential next to it, shared by the generator (what was
//! typed) and the inspector (what a decoded entry holds):
//!
//! - `gitlab-ci-token` means the password is a CI/CD job token, which GitLab accepts only while
//!   its job runs (`docs/tokens.md#the-job-token-username`);
//! - `_json_key` takes a Google service-account key as JSON, `_json_key_base64` the same key
//!   base64-encoded (`docs/tokens.md#google-json-keys`);
//! - Docker Hub signs in with the Docker ID, not the e-mail address its website also accepts
//!   (`docs/tokens.md#docker-hub`).
//!
//! The findings these facts lead to are `credential_findings::username_findings`.
//!
//! ```
//! use registry_auth::usernames::{is_email, is_job_token_username, signs_in_with_docker_id};
//! assert!(is_job_token_username("gitlab-ci-token") && is_email("me@example.com"));
//! assert!(signs_in_with_docker_id("https://index.docker.io/v1/") && !signs_in_with_docker_id("quay.io"));
//! ```

use crate::registry_key::{bare_host, is_docker_hub_host, strip_scheme};

/// The username of GitLab's job-token sign-in (`gitlab-org/gitlab` `lib/gitlab/auth.rb`
/// `build_access_token_check` compares it exactly).
pub const JOB_TOKEN_USERNAME: &str = "gitlab-ci-token";
/// Google's username for a service-account key given as its JSON.
pub const JSON_KEY_USERNAME: &str = "_json_key";
/// Google's username for the same key, base64-encoded.
pub const JSON_KEY_BASE64_USERNAME: &str = "_json_key_base64";
/// Docker Hardened Images: Docker's registry with Docker Hub's accounts (`docs/tokens.md#docker-hub`).
const DHI_HOST: &str = "dhi.io";
/// A service-account key is about 2.4 KB; longer text is not decoded to look.
const MAX_KEY_TEXT: usize = 64 * 1024;

/// Whether `username` is GitLab's job-token username: the password is then a job token.
pub fn is_job_token_username(username: &str) -> bool {
    username.trim() == JOB_TOKEN_USERNAME
}

/// Whether a registry key (as written or as the generator writes it) names a registry that signs
/// in with a Docker ID: Docker Hub in any spelling, and `dhi.io`.
pub fn signs_in_with_docker_id(key: &str) -> bool {
    let key = key.trim();
    let host = bare_host(strip_scheme(key).unwrap_or(key)).to_ascii_lowercase();
    is_docker_hub_host(&host) || host == DHI_HOST
}

/// `local@domain`: an e-mail address. A Docker ID is lower-case letters and digits only, so no
/// text with an `@` between two words is one.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    let plain = |part: &str| !part.is_empty() && !part.contains(|c: char| c.is_whitespace() || c == '@');
    plain(local) && plain(domain)
}

/// Whether `text` is base64 (any alphabet, line breaks allowed) of text that starts with `{`: a
/// key file run through `base64`.
pub fn is_base64_of_json(text: &str) -> bool {
    text.trim().len() >= 8 && text.len() <= MAX_KEY_TEXT && crate::lenient_base64::base64_of_json(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;

    #[test]
    fn docker_id_registries() {
        for key in ["docker.io", "index.docker.io", "https://index.docker.io/v1/", "registry-1.docker.io", "HTTPS://Docker.IO", "dhi.io"] {
            assert!(signs_in_with_docker_id(key), "{key}");
        }
        for key in ["quay.io", "registry.example.com", "docker.io.example.com"] {
            assert!(!signs_in_with_docker_id(key), "{key}");
        }
    }

    #[test]
    fn base64_of_a_key_file() {
        let key = "{\n  \"type\": \"service_account\"\n}\n";
        assert!(is_base64_of_json(&STANDARD.encode(key)));
        assert!(!is_base64_of_json(key) && !is_base64_of_json("not-a-real-token"));
    }
}
