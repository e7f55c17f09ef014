//! Ids, groups, catalogue.

use crate::support::*;

const CONTRACT_IDS: [&str; 26] = [
    "docker-login",
    "auth-config-before-script",
    "config-json-docker-volume",
    "config-json-k8s-configmap",
    "runner-environment",
    "pre-build-script",
    "kaniko",
    "runtime-auth",
    "buildah",
    "k8s-pull-secret",
    "shell-encode",
    "ecr-aws-config",
    "register-linux",
    "register-windows",
    "register-docker",
    "register-proxy",
    "job-token-allowlist",
    "dependency-proxy",
    "glab-variable",
    "api-variable",
    "terraform-variable",
    "ci-secrets",
    "smoke-test-job",
    "registry-check",
    "helm-values",
    "external-secret",
];

#[test]
fn every_contract_id_in_display_order_and_grouped() {
    for (case, _, _, _, all) in cases() {
        let ids: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, SnippetId::iter().map(SnippetId::as_str).collect::<Vec<_>>(), "{case}");
        for id in CONTRACT_IDS {
            assert!(ids.contains(&id), "{case}: {id}");
        }
        assert!(all.windows(2).all(|w| w[0].group() <= w[1].group()), "{case}: groups in display order");
        for s in &all {
            let expected_language = match s.group() {
                SnippetGroup::GitlabCi => Some(SnippetLanguage::Yaml),
                SnippetGroup::Shell => Some(SnippetLanguage::Shell),
                _ => None,
            };
            if let Some(language) = expected_language {
                assert_eq!(s.language(), language, "{case} {}", s.id.as_str());
            }
            assert!(!s.text.trim().is_empty() && s.text.ends_with('\n'), "{case} {}: ends with a newline", s.id.as_str());
        }
    }
}

#[test]
fn option_values_round_trip() {
    fn round_trip<T: Copy + PartialEq + std::fmt::Debug + std::str::FromStr>(all: &[T], values: &[&str], as_str: fn(T) -> &'static str) {
        assert_eq!(all.len(), values.len());
        for (v, value) in all.iter().zip(values) {
            assert_eq!((as_str(*v), value.parse::<T>().ok()), (*value, Some(*v)));
        }
        assert!("nonsense".parse::<T>().is_err());
    }
    round_trip(VariableType::ALL, VariableType::VALUES, VariableType::as_str);
    round_trip(TokenFlow::ALL, TokenFlow::VALUES, TokenFlow::as_str);
    round_trip(AccessLevel::ALL, AccessLevel::VALUES, AccessLevel::as_str);
    round_trip(ConfigVolume::ALL, ConfigVolume::VALUES, ConfigVolume::as_str);
    round_trip(RuntimeCredentials::ALL, RuntimeCredentials::VALUES, RuntimeCredentials::as_str);
    round_trip(DockerVersion::ALL, DockerVersion::VALUES, DockerVersion::as_str);
    round_trip(VariableLevel::ALL, VariableLevel::VALUES, VariableLevel::as_str);
    round_trip(SecretsProvider::ALL, SecretsProvider::VALUES, SecretsProvider::as_str);
    round_trip(HelmCredentials::ALL, HelmCredentials::VALUES, HelmCredentials::as_str);
    assert_eq!(SnippetOptions::default().docker_version.as_str(), "29.7.2");
    // A release no longer offered reads as the current one; text that is no version does not.
    assert_eq!(DockerVersion::read("24.0.5"), Ok(DockerVersion::default()));
    assert!(DockerVersion::read("latest").is_err() && DockerVersion::read("").is_err());
    assert_eq!(AccessLevel::RefProtected.as_str(), "ref_protected");
    // Older setup files' spellings.
    assert_eq!("ref-protected".parse(), Ok(AccessLevel::RefProtected));
    assert_eq!("registration-token-deprecated".parse(), Ok(TokenFlow::RegistrationTokenDeprecated));
}
