//! The findings about a registry as typed and the key made from it, shared by the generator
//! (`config_builder`) and, for a key's host, the inspector (`docs/gitlab-runner.md#hosts-no-image-can-name`).

use crate::findings::{Finding, FindingCode, Severity};
use crate::registry_key::{unmatchable_host, KeyNote, RegistryKey, RegistryKeyError, UnmatchableHost};

/// The findings about the registry field `typed` and the key it gave: why no key could be made,
/// or what was done to the text (a Docker Hub alias, a scheme or path removed, a namespace kept),
/// and a host no image reference can name.
pub fn key_findings(typed: &str, key: &Result<RegistryKey, RegistryKeyError>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let typed = typed.trim();
    match key {
        Err(RegistryKeyError::Empty) => findings.push(Finding::new(FindingCode::RegistryEmpty, Severity::Error)),
        Err(RegistryKeyError::InvalidCharacters) => {
            findings.push(Finding::new(FindingCode::RegistryInvalid, Severity::Error).subject(typed))
        }
        Err(RegistryKeyError::InvalidPort) => findings.push(Finding::new(FindingCode::RegistryPortInvalid, Severity::Error).subject(typed)),
        // The subject is the registry without the userinfo: the finding must not show the password.
        Err(RegistryKeyError::Credentials) => {
            findings.push(Finding::new(FindingCode::RegistryCredentials, Severity::Error).subject(crate::userinfo::without_userinfo(typed)))
        }
        Ok(key) => {
            if key.notes.contains(&KeyNote::DockerHubAlias) {
                findings.push(Finding::new(FindingCode::DockerHubKey, Severity::Info).key(&key.key).subject(typed));
            } else if key.notes.iter().any(|n| matches!(n, KeyNote::SchemeRemoved | KeyNote::PathRemoved | KeyNote::TagRemoved)) {
                findings.push(Finding::new(FindingCode::RegistrySchemeOrPath, Severity::Info).key(&key.key).subject(typed));
            }
            if key.notes.contains(&KeyNote::NamespaceKept) {
                findings.push(Finding::new(FindingCode::NamespacedKey, Severity::Info).key(&key.key).subject(&key.key));
            }
            if let Some(code) = unmatchable_host_finding(&key.key) {
                findings.push(Finding::new(code, Severity::Warning).key(&key.key).subject(&key.key));
            }
        }
    }
    findings
}

/// The finding for a key whose host no image reference can name (`docs/gitlab-runner.md#hosts-no-image-can-name`).
pub fn unmatchable_host_finding(key: &str) -> Option<FindingCode> {
    unmatchable_host(key).map(|shape| match shape {
        UnmatchableHost::NotAscii => FindingCode::HostIdn,
        UnmatchableHost::TrailingDot => FindingCode::HostTrailingDot,
    })
}
