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
//! ```
//! use registry_auth::findings::FindingCode;
//! use registry_auth::usernames::{signs_in_with_docker_id, username_findings};
//! let codes = |u: &str, s: &str, hub: bool| username_findings(u, s, hub).iter().map(|f| f.code).collect::<Vec<_>>();
//! assert_eq!(codes("gitlab-ci-token", "not-a-real-token", false), [FindingCode::ShortLivedInStaticValue]);
//! assert_eq!(codes("gitlab-ci-token", "$CI_JOB_TOKEN", false), []);
//! assert_eq!(codes("_json_key_base64", "{\"type\": \"service_account\"}", false), [FindingCode::JsonKeyUsername]);
//! assert_eq!(codes("me@example.com", "not-a-real-token", true), [FindingCode::DockerHubEmailUsername]);
//! assert!(signs_in_with_docker_id("https://index.docker.io/v1/") && !signs_in_with_docker_id("quay.io"));
//! ```

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

use crate::findings::{Finding, FindingCode, Severity};
use crate::registry_key::{bare_host, is_docker_hub_host, strip_scheme};
use crate::stray_characters::variable_reference;
use crate::token_kind::TokenKind;

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

/// The findings about `username` and the `secret` next to it. `docker_id_registry`: the key is
/// one of [`signs_in_with_docker_id`].
pub fn username_findings(username: &str, secret: &str, docker_id_registry: bool) -> Vec<Finding> {
    let mut findings = Vec::new();
    let user = username.trim();
    // A job token is meant to be used by its job: `$CI_JOB_TOKEN` built into `auth` inside the job
    // is right (the variable reference is its own finding when it can never be expanded).
    if is_job_token_username(user) && variable_reference(secret).is_none() {
        findings.push(
            Finding::new(FindingCode::ShortLivedInStaticValue, Severity::Warning)
                .token(TokenKind::GitlabJobToken)
                .detail(JOB_TOKEN_USERNAME),
        );
    }
    let other_json_key_user = match user {
        JSON_KEY_USERNAME if is_base64_of_json(secret) => Some(JSON_KEY_BASE64_USERNAME),
        JSON_KEY_BASE64_USERNAME if secret.trim_start().starts_with('{') => Some(JSON_KEY_USERNAME),
        _ => None,
    };
    if let Some(other) = other_json_key_user {
        findings.push(Finding::new(FindingCode::JsonKeyUsername, Severity::Warning).subject(other).detail(user));
    }
    if docker_id_registry && is_email(user) {
        findings.push(Finding::new(FindingCode::DockerHubEmailUsername, Severity::Error).subject(user));
    }
    findings
}

/// `local@domain`: an e-mail address. A Docker ID is lower-case letters and digits only, so no
/// text with an `@` between two words is one.
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    let plain = |part: &str| !part.is_empty() && !part.contains(|c: char| c.is_whitespace() || c == '@');
    plain(local) && plain(domain)
}

/// Whether `text` is base64 (any alphabet, line breaks allowed) of text that starts with `{`: a
/// key file run through `base64`.
fn is_base64_of_json(text: &str) -> bool {
    let text = text.trim();
    if text.starts_with('{') || text.len() < 8 || text.len() > MAX_KEY_TEXT {
        return false;
    }
    const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    let mut compact = text.as_bytes().to_vec();
    compact.retain(|b| !b.is_ascii_whitespace());
    let decoded = GeneralPurpose::new(&alphabet::STANDARD, LENIENT)
        .decode(&compact)
        .or_else(|_| GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT).decode(&compact));
    decoded.is_ok_and(|bytes| std::str::from_utf8(&bytes).is_ok_and(|t| t.trim_start().starts_with('{')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;

    const KEY: &str = "{\n  \"type\": \"service_account\",\n  \"private_key\": \"not-a-real-key\"\n}\n";

    fn codes(username: &str, secret: &str, hub: bool) -> Vec<FindingCode> {
        username_findings(username, secret, hub).iter().map(|f| f.code).collect()
    }

    #[test]
    fn job_token_username() {
        let found = username_findings("gitlab-ci-token", "glcbt-NOTREAL-not-a-real-token-0000", false);
        assert_eq!(
            (found[0].code, found[0].token, found[0].detail.as_str()),
            (FindingCode::ShortLivedInStaticValue, Some(TokenKind::GitlabJobToken), "gitlab-ci-token")
        );
        // Older and self-managed job tokens have no prefix: the username says it all.
        assert_eq!(codes("gitlab-ci-token", "not-a-real-token", false), [FindingCode::ShortLivedInStaticValue]);
        assert_eq!(codes("gitlab-ci-token", "${CI_JOB_TOKEN}", false), []);
        assert_eq!(codes("gitlab+deploy-token-1", "gldt-NOTREAL-not-a-real-token-0000", false), []);
        assert_eq!(codes("Gitlab-CI-Token", "not-a-real-token", false), []);
    }

    #[test]
    fn json_key_usernames() {
        let encoded = STANDARD.encode(KEY);
        let wrapped = format!("{}\n{}", &encoded[..40], &encoded[40..]);
        for (user, secret, other) in [
            ("_json_key", encoded.as_str(), "_json_key_base64"),
            ("_json_key", wrapped.as_str(), "_json_key_base64"),
            ("_json_key_base64", KEY, "_json_key"),
        ] {
            let found = username_findings(user, secret, false);
            assert_eq!((found.len(), found[0].subject.as_str(), found[0].detail.as_str()), (1, other, user), "{user} {secret:?}");
        }
        assert_eq!(codes("_json_key", KEY, false), []);
        assert_eq!(codes("_json_key_base64", &encoded, false), []);
        assert_eq!(codes("_json_key", "not-a-real-token", false), []);
    }

    #[test]
    fn e_mail_on_docker_hub() {
        assert_eq!(codes("someone@example.com", "not-a-real-token", true), [FindingCode::DockerHubEmailUsername]);
        assert_eq!(codes("someone@example.com", "not-a-real-token", false), []);
        assert_eq!(codes("Someone+CI@Example.COM", "not-a-real-token", true), [FindingCode::DockerHubEmailUsername]);
        for user in ["someone", "someone@", "@example.com", "some one@example.com", "a@b@example.com"] {
            assert_eq!(codes(user, "not-a-real-token", true), [], "{user}");
        }
        for key in ["docker.io", "index.docker.io", "https://index.docker.io/v1/", "registry-1.docker.io", "HTTPS://Docker.IO", "dhi.io"] {
            assert!(signs_in_with_docker_id(key), "{key}");
        }
        for key in ["quay.io", "registry.example.com", "docker.io.example.com"] {
            assert!(!signs_in_with_docker_id(key), "{key}");
        }
    }
}
