//! The findings about one username and the secret next to it, shared by the generator (what was
//! typed) and the inspector (what a decoded `auth` holds). The facts they rest on live in two
//! leaves, [`crate::token_kind`] (what a token's prefix says) and [`crate::usernames`] (what a
//! username says); this module turns them into [`Finding`]s, so `findings` can name a
//! [`TokenKind`] without those leaves naming `findings`.
//!
//! ```
//! use registry_auth::credential_findings::{token_findings, username_findings};
//! use registry_auth::findings::FindingCode;
//! let codes = |u: &str, s: &str, hub: bool| username_findings(u, s, hub).iter().map(|f| f.code).collect::<Vec<_>>();
//! assert_eq!(codes("gitlab-ci-token", "not-a-real-token", false), [FindingCode::ShortLivedInStaticValue]);
//! assert_eq!(codes("gitlab-ci-token", "$CI_JOB_TOKEN", false), []);
//! assert_eq!(codes("_json_key_base64", "{\"type\": \"service_account\"}", false), [FindingCode::JsonKeyUsername]);
//! assert_eq!(codes("me@example.com", "not-a-real-token", true), [FindingCode::DockerHubEmailUsername]);
//! assert_eq!(token_findings("me", "glrt-NOTREAL-not-a-real-token-0000")[0].code, FindingCode::TokenNotForRegistry);
//! ```

use crate::findings::{Finding, FindingCode, Severity};
use crate::stray_characters::variable_reference;
use crate::token_kind::{Advice, TokenKind};
use crate::usernames::{
    is_base64_of_json, is_email, is_job_token_username, JOB_TOKEN_USERNAME, JSON_KEY_BASE64_USERNAME, JSON_KEY_USERNAME,
};

/// The findings about the token kinds of one username and secret (generator entry or decoded
/// `auth`), shared by both readers (`docs/tokens.md#advice`): a token typed as the username, a
/// personal token where a deploy or read-only one would do, a credential that expires within
/// hours, one no registry accepts, and the organization username of a Docker Hub organization
/// token. Each finding carries the kind; its subject is the kind's id.
pub fn token_findings(username: &str, secret: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    match TokenKind::recognise(username) {
        Some(kind) if kind.is_username() => findings.extend(advice_finding(kind)),
        Some(kind) => findings.push(Finding::new(FindingCode::TokenAsUsername, Severity::Error).token(kind)),
        None => {}
    }
    // Under the job-token username the job token is `short-lived-in-static-value`
    // (`username_findings`), said once.
    let said_by_username = |k: &TokenKind| *k == TokenKind::GitlabJobToken && is_job_token_username(username);
    if let Some(kind) = TokenKind::recognise(secret).filter(|k| !k.is_username() && !said_by_username(k)) {
        findings.extend(advice_finding(kind));
    }
    findings
}

/// The one finding a kind's advice gives, if any.
fn advice_finding(kind: TokenKind) -> Option<Finding> {
    let (code, severity) = match kind.advice() {
        Advice::LeastPrivilege => (FindingCode::TokenLeastPrivilege, Severity::Warning),
        Advice::ShortLived => (FindingCode::TokenShortLived, Severity::Warning),
        Advice::NotForRegistry => (FindingCode::TokenNotForRegistry, Severity::Error),
        Advice::OrganizationUsername => (FindingCode::TokenOrganizationUsername, Severity::Info),
        Advice::Fine => return None,
    };
    Some(Finding::new(code, severity).token(kind))
}

/// The findings about `username` and the `secret` next to it. `docker_id_registry`: the key is
/// one of [`crate::usernames::signs_in_with_docker_id`].
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

/// What a username or password (`field`) holds that makes the credential silently wrong: invisible
/// characters and wrapping quotes (`stray_characters`), a CI/CD variable's name where its value
/// belongs, a `$` a variable would expand. Shared by the generator and the inspector (which reads
/// the decoded `auth`, where `literal_fields` is false).
pub fn credential_text_findings(field: &str, text: &str, literal_fields: bool) -> Vec<Finding> {
    let mut findings = Vec::new();
    for stray in crate::stray_characters::strays(text) {
        let code = if stray.quotes { FindingCode::QuotedCredential } else { FindingCode::InvisibleCharacter };
        let detail = format!("{} {}", stray.codepoint(), stray.name());
        findings.push(Finding::new(code, Severity::Warning).subject(field).detail(detail).at(stray.position));
    }
    if let Some(reference) = crate::stray_characters::variable_reference(text) {
        // Inside `auth` the name is base64: no GitLab expansion ever reaches it.
        findings.push(Finding::new(FindingCode::VariableReferenceInCredential, Severity::Warning).subject(field).detail(reference));
    } else if text.contains('$') {
        // Base64 has no `$`, so only literal fields and the token's own CI/CD variable expand it.
        let severity = if literal_fields { Severity::Warning } else { Severity::Info };
        findings.push(Finding::new(FindingCode::DollarInField, severity).subject(field));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token_kind::AZURE_TOKEN_USERNAME;
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;

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
    }

    #[test]
    fn findings_by_advice() {
        let codes = |u: &str, s: &str| token_findings(u, s).iter().map(|f| f.code).collect::<Vec<_>>();
        assert_eq!(codes("me", "glpat-NOTREAL-not-a-real-token-0000"), [FindingCode::TokenLeastPrivilege]);
        assert_eq!(codes("gitlab+deploy-token-1", "gldt-NOTREAL-not-a-real-token-0000"), []);
        assert_eq!(codes("glpat-NOTREAL-not-a-real-token-0000", "x"), [FindingCode::TokenAsUsername]);
        assert_eq!(codes(AZURE_TOKEN_USERNAME, "not-a-real-token"), [FindingCode::TokenShortLived]);
        assert_eq!(codes("me", "glrt-NOTREAL-not-a-real-token-0000"), [FindingCode::TokenNotForRegistry]);
        assert_eq!(codes("acme", "dckr_oat_NOTREAL-not-a-real-token-0000"), [FindingCode::TokenOrganizationUsername]);
        let f = &token_findings("me", "ya29.NOTREAL-not-a-real-token-0000")[0];
        assert_eq!((f.token, f.subject.as_str()), (Some(TokenKind::GoogleAccessToken), "google-access-token"));
    }
}
