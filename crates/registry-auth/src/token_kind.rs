//! The token formats people paste where a password, an `auth` or a username belongs, recognised
//! by their documented prefixes (`docs/tokens.md`). The one home of these rules: the generator
//! (what was typed) and the inspector (what a config holds) both ask [`TokenKind::recognise`] and
//! report through `credential_findings::token_findings`.
//!
//! ```
//! use registry_auth::token_kind::{TokenKind, Advice};
//! assert_eq!(TokenKind::recognise("dckr_pat_NOTREAL-not-a-real-token-00"), Some(TokenKind::DockerHubPersonalAccessToken));
//! assert_eq!(TokenKind::recognise("acme-glpat-NOTREAL-not-a-real-token-0"), Some(TokenKind::GitlabPersonalAccessToken));
//! assert_eq!(TokenKind::recognise("not-a-real-token"), None);
//! assert_eq!(TokenKind::GitlabRunnerToken.advice(), Advice::NotForRegistry);
//! ```

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use strum::{EnumIter, IntoStaticStr};

/// What a pasted secret or username is. `as_str()` is the stable kebab-case id (the page's
/// `data-token-kind`); the page names each kind in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum TokenKind {
    /// `glpat-`: a GitLab personal, project or group access token (the three share the prefix).
    GitlabPersonalAccessToken,
    /// `gldt-`: a GitLab deploy token.
    GitlabDeployToken,
    /// `glrt-`: a runner authentication token; it registers a runner and reads no registry.
    GitlabRunnerToken,
    /// `glcbt-`: a CI/CD job token, valid while its job runs.
    GitlabJobToken,
    /// `gloas-`: an OAuth application secret; no registry accepts it as a password.
    GitlabOauthSecret,
    /// `dckr_pat_`: a Docker Hub personal access token.
    DockerHubPersonalAccessToken,
    /// `dckr_oat_`: a Docker Hub organization access token (the username is the organization).
    DockerHubOrganizationAccessToken,
    /// `ghp_`: a GitHub personal access token (classic).
    GithubClassicToken,
    /// `github_pat_`: a GitHub fine-grained personal access token.
    GithubFineGrainedToken,
    /// `ya29.`: a Google OAuth 2.0 access token (about an hour).
    GoogleAccessToken,
    /// The username `_json_key` (or `_json_key_base64`): the password is a service-account key.
    GoogleJsonKeyUser,
    /// `aws ecr get-login-password`: base64 of a JSON envelope, valid for 12 hours.
    AwsEcrPassword,
    /// The username `00000000-0000-0000-0000-000000000000`: the password is an Azure Container
    /// Registry refresh token (`az acr login --expose-token`, about three hours).
    AzureTokenUser,
}

/// What to tell the user about a recognised kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advice {
    /// Acts as a person with all their access: a deploy or read-only token would do.
    LeastPrivilege,
    /// Expires within hours (or with its job): a stored value stops working.
    ShortLived,
    /// Cannot sign in to a container registry at all.
    NotForRegistry,
    /// The username is the organization's name.
    OrganizationUsername,
    /// The kind meant for pulls: nothing to say.
    Fine,
}

/// GitLab's type prefixes. An instance may put its own prefix in front
/// (`<instance prefix>glpat-`, `docs/tokens.md#gitlab`).
const GITLAB_PREFIXES: [(&str, TokenKind); 5] = [
    ("glpat-", TokenKind::GitlabPersonalAccessToken),
    ("gldt-", TokenKind::GitlabDeployToken),
    ("glrt-", TokenKind::GitlabRunnerToken),
    ("glcbt-", TokenKind::GitlabJobToken),
    ("gloas-", TokenKind::GitlabOauthSecret),
];

/// Other vendors' prefixes, each with the shortest body counted as a token.
const OTHER_PREFIXES: [(&str, TokenKind, usize); 5] = [
    ("dckr_pat_", TokenKind::DockerHubPersonalAccessToken, 16),
    ("dckr_oat_", TokenKind::DockerHubOrganizationAccessToken, 16),
    ("github_pat_", TokenKind::GithubFineGrainedToken, 20),
    ("ghp_", TokenKind::GithubClassicToken, 20),
    ("ya29.", TokenKind::GoogleAccessToken, 20),
];

/// The shortest GitLab token body counted as a token (20 random characters since 14.5).
const MIN_GITLAB_BODY: usize = 16;
/// The longest instance prefix looked at in front of a GitLab type prefix.
const MAX_INSTANCE_PREFIX: usize = 64;
/// ECR passwords are a few KB; longer text is not decoded to look.
const MAX_ECR_PASSWORD: usize = 16 * 1024;
/// The Azure Container Registry token username (`docs/tokens.md#azure`).
pub const AZURE_TOKEN_USERNAME: &str = "00000000-0000-0000-0000-000000000000";

impl TokenKind {
    /// The stable id, e.g. `docker-hub-personal-access-token`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The kind of `text` (surrounding whitespace ignored), or `None` for anything else,
    /// including tokens whose whole prefix was replaced by an instance's own
    /// (`docs/tokens.md#what-is-not-recognised`). Never panics; O(length).
    pub fn recognise(text: &str) -> Option<TokenKind> {
        let text = text.trim();
        match text {
            "_json_key" | "_json_key_base64" => return Some(TokenKind::GoogleJsonKeyUser),
            AZURE_TOKEN_USERNAME => return Some(TokenKind::AzureTokenUser),
            _ => {}
        }
        for (prefix, kind, min_body) in OTHER_PREFIXES {
            if let Some(body) = text.strip_prefix(prefix) {
                return is_token_body(body, min_body).then_some(kind);
            }
        }
        if let Some(kind) = gitlab_kind(text) {
            return Some(kind);
        }
        is_ecr_password(text).then_some(TokenKind::AwsEcrPassword)
    }

    /// Whether it is a username (the secret then goes in the password).
    pub fn is_username(self) -> bool {
        matches!(self, TokenKind::GoogleJsonKeyUser | TokenKind::AzureTokenUser)
    }

    /// What to say about it (`docs/tokens.md`).
    pub fn advice(self) -> Advice {
        use TokenKind::*;
        match self {
            GitlabPersonalAccessToken | DockerHubPersonalAccessToken | GithubClassicToken | GithubFineGrainedToken | GoogleJsonKeyUser => {
                Advice::LeastPrivilege
            }
            GitlabJobToken | GoogleAccessToken | AwsEcrPassword | AzureTokenUser => Advice::ShortLived,
            GitlabRunnerToken | GitlabOauthSecret => Advice::NotForRegistry,
            DockerHubOrganizationAccessToken => Advice::OrganizationUsername,
            GitlabDeployToken => Advice::Fine,
        }
    }
}

/// Token characters: letters, digits and `-_.` (GitLab's routable tokens have dots).
fn is_token_body(body: &str, min: usize) -> bool {
    body.len() >= min && body.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// `glpat-…` and its kin, with or without an instance prefix in front.
fn gitlab_kind(text: &str) -> Option<TokenKind> {
    // Cheap reject: every GitLab type prefix has "gl" and a '-'.
    let search = text.get(..MAX_INSTANCE_PREFIX + 8).unwrap_or(text);
    let at = search.find("gl")?;
    for (prefix, kind) in GITLAB_PREFIXES {
        let Some(start) = search[at..].find(prefix).map(|i| i + at) else { continue };
        let instance = &text[..start];
        let instance_ok =
            instance.len() <= MAX_INSTANCE_PREFIX && instance.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'));
        if instance_ok && is_token_body(&text[start + prefix.len()..], MIN_GITLAB_BODY) {
            return Some(kind);
        }
    }
    None
}

/// `aws ecr get-login-password` prints base64 of `{"payload":…,"datakey":…,"version":…,…}`
/// (`docs/tokens.md#aws-ecr`): recognised by decoding it and finding those three fields.
fn is_ecr_password(text: &str) -> bool {
    // base64 of `{"` starts with `eyJ`; nothing else is decoded.
    if !text.starts_with("eyJ") || text.len() < 40 || text.len() > MAX_ECR_PASSWORD {
        return false;
    }
    const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    let Ok(bytes) = GeneralPurpose::new(&alphabet::STANDARD, LENIENT).decode(text) else { return false };
    let Ok(fields) = serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&bytes) else { return false };
    ["payload", "datakey", "version"].iter().all(|f| fields.contains_key(*f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;

    #[test]
    fn each_prefix() {
        let body = "NOTREAL-not-a-real-token-0000";
        for (text, kind) in [
            (format!("glpat-{body}"), TokenKind::GitlabPersonalAccessToken),
            (format!("gldt-{body}"), TokenKind::GitlabDeployToken),
            (format!("glrt-t1_{body}"), TokenKind::GitlabRunnerToken),
            (format!("glcbt-{body}"), TokenKind::GitlabJobToken),
            (format!("gloas-{body}"), TokenKind::GitlabOauthSecret),
            (format!("dckr_pat_{body}"), TokenKind::DockerHubPersonalAccessToken),
            (format!("dckr_oat_{body}"), TokenKind::DockerHubOrganizationAccessToken),
            (format!("ghp_NOTREAL{}", "0".repeat(29)), TokenKind::GithubClassicToken),
            (format!("github_pat_NOTREAL_{}", "0".repeat(60)), TokenKind::GithubFineGrainedToken),
            (format!("ya29.{body}"), TokenKind::GoogleAccessToken),
            ("_json_key".to_owned(), TokenKind::GoogleJsonKeyUser),
            (AZURE_TOKEN_USERNAME.to_owned(), TokenKind::AzureTokenUser),
            (format!("acme-glpat-{body}"), TokenKind::GitlabPersonalAccessToken),
            (format!("acmegldt-{body}"), TokenKind::GitlabDeployToken),
            (format!("glpat-{body}.01.0w1234567\n"), TokenKind::GitlabPersonalAccessToken),
        ] {
            assert_eq!(TokenKind::recognise(&text), Some(kind), "{text}");
        }
    }

    #[test]
    fn ecr_password_is_decoded_to_tell() {
        let envelope =
            r#"{"payload":"not-a-real-payload","datakey":"not-a-real-datakey","version":"2","type":"DATA_KEY","expiration":1700000000}"#;
        assert_eq!(TokenKind::recognise(&STANDARD.encode(envelope)), Some(TokenKind::AwsEcrPassword));
        // Base64 of other JSON, or of user:token, is not an ECR password.
        assert_eq!(TokenKind::recognise(&STANDARD.encode(r#"{"auths":{"a.io":{"auth":"x"}}}"#)), None);
        assert_eq!(TokenKind::recognise(&STANDARD.encode("ci-bot:not-a-real-token-not-a-real-token")), None);
    }

    #[test]
    fn not_tokens() {
        for text in [
            "",
            "not-a-real-token",
            "glpat-",
            "glpat-short",
            "dckr_pat_",
            "my glpat-NOTREAL-not-a-real-token",
            "ghp_x",
            "ya29",
            "_json_keys",
            "eyJ",
        ] {
            assert_eq!(TokenKind::recognise(text), None, "{text}");
        }
        assert_eq!(TokenKind::recognise(&format!("{}glpat-NOTREAL-not-a-real-token", "x".repeat(70))), None);
        assert_eq!(TokenKind::recognise("ü".repeat(40).as_str()), None);
    }
}
