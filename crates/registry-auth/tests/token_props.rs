//! Property tests for token recognition (`docs/tokens.md`): every documented prefix with any
//! body is recognised as its kind, an instance prefix in front of GitLab's changes nothing, text
//! without a prefix is never taken for a token, and both readers act on what they recognise:
//! the generator advises, the inspector reports a token pasted as `auth`, and its fix leaves that
//! entry for the user to give a username. All tokens are generated fakes.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use proptest::prelude::*;
use registry_auth::config_builder::build;
use registry_auth::credential_findings::token_findings;
use registry_auth::findings::{FindingCode, Severity};
use registry_auth::inspector::{fixed_config, fixed_setup, inspect};
use registry_auth::setup::{RegistryEntry, Setup};
use registry_auth::token_kind::{Advice, TokenKind};

/// Each documented prefix with its kind.
const PREFIXES: [(&str, TokenKind); 10] = [
    ("glpat-", TokenKind::GitlabPersonalAccessToken),
    ("gldt-", TokenKind::GitlabDeployToken),
    ("glrt-", TokenKind::GitlabRunnerToken),
    ("glcbt-", TokenKind::GitlabJobToken),
    ("gloas-", TokenKind::GitlabOauthSecret),
    ("dckr_pat_", TokenKind::DockerHubPersonalAccessToken),
    ("dckr_oat_", TokenKind::DockerHubOrganizationAccessToken),
    ("ghp_", TokenKind::GithubClassicToken),
    ("github_pat_", TokenKind::GithubFineGrainedToken),
    ("ya29.", TokenKind::GoogleAccessToken),
];

fn body() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_-]{20,80}"
}

/// The kind a secret token gets from the generator and the inspector, if any.
fn advice_code(kind: TokenKind) -> Option<FindingCode> {
    match kind.advice() {
        Advice::LeastPrivilege => Some(FindingCode::TokenLeastPrivilege),
        Advice::ShortLived => Some(FindingCode::TokenShortLived),
        Advice::NotForRegistry => Some(FindingCode::TokenNotForRegistry),
        Advice::OrganizationUsername => Some(FindingCode::TokenOrganizationUsername),
        Advice::Fine => None,
    }
}

fn ecr_password(payload: &str, datakey: &str) -> String {
    let envelope =
        serde_json::json!({"payload": payload, "datakey": datakey, "version": "2", "type": "DATA_KEY", "expiration": 1_700_000_000});
    STANDARD.encode(envelope.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_prefix_is_recognised(index in 0..PREFIXES.len(), body in body(), spaces in "[ \t\n]{0,2}") {
        let (prefix, kind) = PREFIXES[index];
        prop_assert_eq!(TokenKind::recognise(&format!("{spaces}{prefix}{body}{spaces}")), Some(kind));
    }

    #[test]
    fn an_instance_prefix_keeps_the_gitlab_kind(index in 0..5usize, instance in "[a-z0-9][a-z0-9_-]{0,30}", dash in any::<bool>(), body in body()) {
        let (prefix, kind) = PREFIXES[index];
        let token = format!("{instance}{}{prefix}{body}", if dash { "-" } else { "" });
        prop_assert_eq!(TokenKind::recognise(&token), Some(kind));
    }

    #[test]
    fn ecr_passwords_are_recognised(payload in "[A-Za-z0-9+/=]{1,200}", datakey in "[A-Za-z0-9+/=]{1,200}") {
        prop_assert_eq!(TokenKind::recognise(&ecr_password(&payload, &datakey)), Some(TokenKind::AwsEcrPassword));
    }

    #[test]
    fn text_without_a_prefix_is_no_token(text in "[A-Za-z0-9 !#%&()*+,./:;<=>?@^_{|}~-]{0,120}") {
        let unprefixed = !text.contains("gl") && !text.contains("dckr_") && !text.contains("ghp_") && !text.contains("github_pat_") && !text.contains("ya29.") && !text.trim().starts_with("eyJ") && !text.trim().starts_with("_json_key");
        prop_assume!(unprefixed);
        prop_assert_eq!(TokenKind::recognise(&text), None);
        prop_assert!(token_findings(&text, &text).is_empty());
    }

    #[test]
    fn recognition_never_panics(text in any::<String>()) {
        let _ = TokenKind::recognise(&text);
        let _ = token_findings(&text, &text);
    }

    #[test]
    fn the_generator_advises_on_each_kind(index in 0..PREFIXES.len(), body in body()) {
        let (prefix, kind) = PREFIXES[index];
        let token = format!("{prefix}{body}");
        let setup = Setup { entries: vec![RegistryEntry::basic("registry.example.com", "ci-bot", &token)], ..Setup::default() };
        let found: Vec<_> = build(&setup).findings.into_iter().filter(|f| f.token.is_some()).collect();
        match advice_code(kind) {
            Some(code) => prop_assert!(found.iter().any(|f| f.code == code && f.token == Some(kind) && f.entry == Some(0)), "{found:?}"),
            None => prop_assert!(found.is_empty(), "{found:?}"),
        }
        // Typed into the Username field instead, it is an error.
        let swapped = Setup { entries: vec![RegistryEntry::basic("registry.example.com", &token, "not-a-real-token")], ..Setup::default() };
        let found = build(&swapped).findings;
        prop_assert!(found.iter().any(|f| f.code == FindingCode::TokenAsUsername && f.severity == Severity::Error && f.token == Some(kind)));
    }

    #[test]
    fn a_token_as_auth_is_named_and_left_for_its_username(index in 0..PREFIXES.len(), body in body(), key in "[a-z]{1,10}\\.example\\.com") {
        let (prefix, kind) = PREFIXES[index];
        let token = format!("{prefix}{body}");
        let pasted = format!(r#"{{"auths":{{"{key}":{{"auth":"{token}"}},"quay.io":{{"auth":"Y2ktYm90Om5vdC1hLXJlYWwtdG9rZW4="}}}}}}"#);
        let ins = inspect(&pasted);
        prop_assert!(ins.findings.iter().any(|f| f.code == FindingCode::AuthIsToken && f.token == Some(kind) && f.key.as_deref() == Some(key.as_str())));
        let base64_codes = [FindingCode::AuthBase64UrlSafe, FindingCode::AuthBase64Invalid, FindingCode::AuthBase64Unpadded, FindingCode::AuthNoColon];
        prop_assert!(!ins.findings.iter().any(|f| base64_codes.contains(&f.code)), "{:?}", ins.findings);
        let fixed = fixed_config(&ins).unwrap();
        prop_assert!(!fixed.contains(&token));
        prop_assert!(!inspect(&fixed).findings.iter().any(|f| f.severity == Severity::Error));
        let setup = fixed_setup(&ins).unwrap();
        prop_assert!(setup.entries.iter().any(|e| e.registry == key && e.username.is_empty() && e.secret == token));
    }
}
