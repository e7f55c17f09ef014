//! Checks on a read config: each key against GitLab Runner's and the docker CLI's rules
//! (`registry_key`), keys that collide, credential helpers, and the value as a CI/CD variable.

use std::collections::BTreeMap;

use super::{push, Inspection};
use crate::credential_helper::{check_helper, mixed_sources};
use crate::findings::{Finding, FindingCode, Severity};
use crate::gitlab_variable::VariableAdvice;
use crate::registry_key::{bare_host, is_docker_hub_host, normalise_registry, strip_scheme, DOCKER_HUB_KEY};

/// Checks on one key (`docs/gitlab-runner.md#key-normalisation`, `docs/docker-cli.md#lookup-key`,
/// `docs/failure-modes.md#wrong-docker-hub-key`, `docs/failure-modes.md#api-path-in-a-key`), and the key the
/// fix writes.
pub(super) fn check_key(index: usize, ins: &mut Inspection) {
    let entry = &mut ins.entries[index];
    let findings = &mut ins.findings;
    let key = entry.key.as_str();
    let mut flag = |code: FindingCode, severity: Severity| push(findings, code, severity, Some((index, key)), key);
    let after_scheme = strip_scheme(key);
    let has_scheme = after_scheme.is_some();
    let after_scheme = after_scheme.unwrap_or(key);
    let host_as_written = after_scheme.split('/').next().unwrap_or_default();
    let runner_host = entry.normalised_runner.split('/').next().unwrap_or_default();
    let normalised = normalise_registry(key, true);
    entry.fixed_key = match &normalised {
        Ok(k) => k.key.clone(),
        Err(_) => key.to_owned(),
    };

    if key.contains('$') {
        // `docs/gitlab-runner.md#reading-the-variable`: expanded by GitLab when the variable is not raw;
        // cannot be checked here.
        flag(FindingCode::KeyVariable, Severity::Info);
    } else if key == DOCKER_HUB_KEY {
        // The one Docker Hub key both readers match.
    } else if is_docker_hub_host(&bare_host(host_as_written).to_ascii_lowercase()) {
        if runner_host == "docker.io" {
            // Runner matches it (`docs/gitlab-runner.md#matching`), the CLI wants exactly
            // https://index.docker.io/v1/ (`docs/docker-cli.md#lookup-key`).
            flag(FindingCode::HubKeyCliMismatch, Severity::Warning);
        } else {
            // index.docker.io without scheme, registry-1.docker.io, hub.docker.com
            // (`docs/gitlab-runner.md#key-normalisation`).
            flag(FindingCode::HubKeyNeverMatches, Severity::Error);
        }
    } else {
        match normalised {
            Err(_) => {
                flag(FindingCode::KeyInvalid, Severity::Warning);
            }
            Ok(k) if k.is_docker_hub => {
                // `org/name` without a registry host: the runner reads its first segment as a
                // host, so it matches nothing; the fix writes the Docker Hub key.
                flag(FindingCode::HubKeyNeverMatches, Severity::Error);
            }
            Ok(_) => {
                if key.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("http://")) {
                    // Runners 17.5 to 18.0 kept `http:` in the path (`docs/gitlab-runner.md#matching`), and the
                    // CLI's environment store matches keys exactly
                    // (`docs/docker-cli.md#the-docker_auth_config-environment-store`): neither ever matches it.
                    flag(FindingCode::KeyHttpScheme, Severity::Warning);
                } else if has_scheme {
                    // Both consumers reduce it to host[:port]; the path is dropped
                    // (`docs/gitlab-runner.md#key-normalisation`, `docs/docker-cli.md#legacy-keys`).
                    if after_scheme.trim_end_matches('/').contains('/') {
                        flag(FindingCode::KeySchemeOrPath, Severity::Info);
                    }
                } else if let Some((_, path)) = entry.normalised_runner.split_once('/') {
                    if matches!(path.split('/').next(), Some("v1" | "v2")) {
                        flag(FindingCode::KeyApiPath, Severity::Warning);
                    } else {
                        flag(FindingCode::KeyNamespaced, Severity::Info);
                    }
                }
                if host_as_written.bytes().any(|b| b.is_ascii_uppercase()) {
                    // The runner lower-cases hosts; the docker CLI compares them exactly
                    // (`docs/docker-cli.md#lookup-key`).
                    flag(FindingCode::KeyUpperCase, Severity::Warning);
                }
                if let Some(code) = crate::key_findings::unmatchable_host_finding(key) {
                    flag(code, Severity::Warning);
                }
            }
        }
    }
}

/// Keys that GitLab Runner normalises to the same path: sorted key order, first wins
/// (`docs/gitlab-runner.md#matching`). One pass in document order keeping the smallest key per path (one map,
/// no sort).
pub(super) fn check_duplicates(ins: &mut Inspection) {
    let entries = &ins.entries;
    let mut winners: BTreeMap<&str, usize> = BTreeMap::new();
    let mut losers: Vec<usize> = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let path = entry.normalised_runner.as_str();
        match winners.get(path) {
            Some(&winner) if entries[winner].key <= entry.key => losers.push(index),
            Some(&winner) => {
                losers.push(winner);
                winners.insert(path, index);
            }
            None => {
                winners.insert(path, index);
            }
        }
    }
    let mut found = Vec::new();
    for index in losers {
        let entry = &entries[index];
        let winner = winners.get(entry.normalised_runner.as_str()).map_or("", |&w| entries[w].key.as_str());
        push(&mut found, FindingCode::DuplicateRegistry, Severity::Warning, Some((index, &entry.key)), winner);
    }
    ins.findings.extend(found);
}

/// credHelpers and credsStore (`docs/gitlab-runner.md#credential-helpers`,
/// `docs/docker-cli.md#store-precedence`, `docs/failure-modes.md#desktop-copy`,
/// `docs/failure-modes.md#credsstore-and-public-images`).
pub(super) fn check_helpers(ins: &mut Inspection) {
    let findings_before = &ins.findings;
    let mut findings = Vec::new();
    let mut announced: BTreeMap<&str, usize> = BTreeMap::new();
    let mut uses_ecr = false;
    let helpers = ins.entries.iter().enumerate().filter_map(|(i, e)| Some((e.helper.as_deref()?, Some((i, e.key.as_str())))));
    for (name, at) in helpers.chain(ins.creds_store.as_deref().map(|s| (s, None))) {
        let mut finding = check_helper(name);
        // Problems concern the entry; the install note is said once per helper.
        if finding.code == FindingCode::HelperNeedsInstall {
            if announced.insert(name, 0).is_some() {
                continue;
            }
        } else if let Some((index, key)) = at {
            finding = finding.entry(index).key(key);
        }
        findings.push(finding);
        uses_ecr |= name == "ecr-login";
    }
    if let Some(store) = &ins.creds_store {
        push(&mut findings, FindingCode::CredsStoreDockerHub, Severity::Warning, None, store);
        // `docs/containers-image.md#auth-files`: Buildah, Podman and Skopeo never run it.
        findings.push(Finding::new(FindingCode::IgnoredByContainersImage, Severity::Warning).subject("credsStore").detail(store.as_str()));
        let with_credentials = ins.entries.iter().any(|e| e.in_auths && (e.username.is_some() || e.identity_token.is_some()));
        if with_credentials {
            push(&mut findings, FindingCode::CredsStoreShadowsAuths, Severity::Warning, None, store);
        }
        if findings_before.iter().any(|f| f.code == FindingCode::EmptyEntry) {
            // `docs/failure-modes.md#desktop-copy`: a copy of a Docker Desktop / keychain config.json.
            push(&mut findings, FindingCode::DesktopCopy, Severity::Error, None, store);
        }
    }
    if uses_ecr {
        push(&mut findings, FindingCode::EcrAwsRegion, Severity::Info, None, "");
    }
    let has_static = ins.entries.iter().any(|e| e.in_auths && e.helper.is_none() && (e.username.is_some() || e.identity_token.is_some()));
    let helpers = ins.creds_store.as_deref().into_iter().chain(ins.cred_helpers.iter().map(|(_, h)| h.as_str()));
    findings.extend(mixed_sources(has_static, helpers));
    ins.findings.extend(findings);
}

/// Checks on the value as it would be stored in the CI/CD variable (`docs/gitlab-variables.md#masking`,
/// `docs/failure-modes.md#unmaskable-value`): the same rules as `gitlab_variable::VariableAdvice` (GitLab's
/// `maskable.rb` regexes), on bytes, as the value may be a megabyte long.
pub(super) fn check_value_text(value: &str, ins: &mut Inspection) {
    let advice = VariableAdvice::for_value(value);
    if !advice.maskable_raw {
        push(&mut ins.findings, FindingCode::NotMaskable, Severity::Info, None, "");
    } else if !advice.maskable_expanded {
        push(&mut ins.findings, FindingCode::MaskNeedsRaw, Severity::Info, None, "");
    }
    if !advice.fits_instance_limit {
        push(&mut ins.findings, FindingCode::ValueTooLong, Severity::Warning, None, &advice.length.to_string());
    }
}
