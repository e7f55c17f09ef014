//! Snippets for the runner's host and `config.toml`: the `environment` line, `pre_build_script`,
//! the `config.json` file and where to put it, and the AWS region the ECR helper needs.

use serde_json::Value;

use super::gitlab_ci::write_auth_config_lines;
use super::quoting::{shell_lines, toml_multiline_string, toml_string};
use super::SnippetOptions;
use super::{carries_credentials, Snippet, SnippetId, HOST_CONFIG_PATH};
use crate::config_builder::{write_json, Generated};
use crate::registry_key::normalise_registry;
use crate::setup::Setup;

/// `[[runners]] environment = ["DOCKER_AUTH_CONFIG=…"]`, the value TOML-escaped.
pub(super) fn runner_environment(generated: &Generated) -> Snippet {
    let mut text = String::from("# Contains the credentials: keep config.toml readable only by the runner's user.\n");
    // `docs/gitlab-runner.md#sources-and-precedence`: a project, group or instance variable replaces this
    // one; they are not merged.
    text.push_str("# A DOCKER_AUTH_CONFIG CI/CD variable in the project, group or instance replaces this one.\n");
    text.push_str("[[runners]]\n  # ... your other [[runners]] settings\n");
    text.push_str("  # Add the string to your environment list if you already have one.\n");
    text.push_str(&format!("  environment = [{}]\n", toml_string(&format!("DOCKER_AUTH_CONFIG={}", generated.value))));
    Snippet { carries_secret: carries_credentials(generated), ..Snippet::new(SnippetId::RunnerEnvironment, text) }
}

/// Option 3 as the runner's `pre_build_script`: the same lines, for every job of the runner.
pub(super) fn pre_build_script(options: &SnippetOptions) -> Snippet {
    let script = shell_lines(&write_auth_config_lines(options.variable_type, "$HOME/.docker/config.json"));
    let mut text = String::from("[[runners]]\n  # ... your other [[runners]] settings\n");
    text.push_str(&format!("  pre_build_script = {}\n", toml_multiline_string(&script)));
    Snippet::new(SnippetId::PreBuildScript, text)
}

/// The file to mount (Option 2), pretty as in the seeds. It is the value, so it carries it.
pub(super) fn config_json_file(generated: &Generated) -> Snippet {
    let text = match serde_json::from_str::<Value>(&generated.value) {
        Ok(value) => write_json(&value, true),
        Err(_) => generated.value.clone(),
    };
    Snippet { carries_secret: carries_credentials(generated), ..Snippet::new(SnippetId::ConfigJsonFile, text + "\n") }
}

/// Option 2, Docker executor: the read-only volume, with the seeds' warning. `privileged = true`
/// only when the runner is to run Docker-in-Docker (the `Privileged` option), not for the mount.
pub(super) fn config_json_docker_volume(options: &SnippetOptions) -> Snippet {
    let privileged = if options.runner.privileged { "\n    privileged = true" } else { "" };
    let text = format!(
        "# Save the DOCKER_AUTH_CONFIG value on the runner host as {HOST_CONFIG_PATH}.\n\
         # Mounted read-only: docker login, and any docker command that changes\n\
         # ~/.docker/config.json, then fails in the job. Keep it read-only.\n\
         # The official docker images use /root as the home directory.\n\
         [[runners]]\n  # ... your other [[runners]] settings\n  executor = \"docker\"\n  [runners.docker]\n    \
         # ... your other [runners.docker] settings{privileged}\n    \
         volumes = [\"{HOST_CONFIG_PATH}:/root/.docker/config.json:ro\"]\n"
    );
    Snippet::new(SnippetId::ConfigJsonDockerVolume, text)
}

/// A self-managed runner reads `${GITLAB_RUNNER_HOME}/.docker/config.json` for its own
/// `image:` and `services:` pulls (`docs/gitlab-runner.md#sources-and-precedence`, second source).
pub(super) fn config_json_runner_home(options: &SnippetOptions) -> Snippet {
    let home = if options.runner.run_as_runner_user { "/home/gitlab-runner" } else { "/root" };
    let text = format!(
        "# On the runner host: GitLab Runner reads ~/.docker/config.json of the user its process\n\
         # runs as (root for the service the Linux package installs, gitlab-runner when you run it\n\
         # as that user). Save the DOCKER_AUTH_CONFIG value as {HOST_CONFIG_PATH} first.\n\
         GITLAB_RUNNER_HOME={home}\n\
         sudo mkdir -p \"$GITLAB_RUNNER_HOME/.docker\"\n\
         sudo cp {HOST_CONFIG_PATH} \"$GITLAB_RUNNER_HOME/.docker/config.json\"\n"
    );
    Snippet::new(SnippetId::ConfigJsonRunnerHome, text)
}

/// `~/.aws/config` with the region `docker-credential-ecr-login` needs
/// (`docs/gitlab-runner.md#credential-helpers`, GitLab's note for `credsStore: ecr-login`), and the matching
/// `credHelpers` as a reminder.
pub(super) fn ecr_aws_config(setup: &Setup, options: &SnippetOptions) -> Snippet {
    let ecr_hosts: Vec<String> = setup
        .entries
        .iter()
        .filter_map(|e| normalise_registry(&e.registry, false).ok())
        .map(|k| k.key)
        .filter(|k| ecr_region(k).is_some())
        .collect();
    let region = aws_region(&options.aws_region, &ecr_hosts);
    let helpers = if ecr_hosts.is_empty() {
        "\"<aws_account_id>.dkr.ecr.<region>.amazonaws.com\":\"ecr-login\"".to_owned()
    } else {
        ecr_hosts.iter().map(|h| format!("\"{h}\":\"ecr-login\"")).collect::<Vec<_>>().join(",")
    };
    let text = format!(
        "# ~/.aws/config of the user the gitlab-runner process runs as, on the runner host.\n\
         # docker-credential-ecr-login needs the region here; credentials come from\n\
         # ~/.aws/credentials, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or an instance role.\n\
         # Pairs with DOCKER_AUTH_CONFIG {{\"credHelpers\":{{{helpers}}}}}\n\
         # or {{\"credsStore\":\"ecr-login\"}} (which then serves every registry, Docker Hub too).\n\
         [default]\nregion = {region}\n"
    );
    Snippet::new(SnippetId::EcrAwsConfig, text)
}

/// The region typed if it looks like one, else the one in the first ECR host, else a placeholder.
fn aws_region(typed: &str, ecr_hosts: &[String]) -> String {
    let typed = typed.trim();
    let looks_like_region = |r: &str| !r.is_empty() && r.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if looks_like_region(typed) {
        return typed.to_owned();
    }
    ecr_hosts.iter().find_map(|h| ecr_region(h)).filter(|r| looks_like_region(r)).unwrap_or_else(|| "<region>".to_owned())
}

/// `<account>.dkr.ecr.<region>.amazonaws.com[.cn]` → `<region>`.
fn ecr_region(host: &str) -> Option<String> {
    let (_, rest) = host.split_once(".dkr.ecr.")?;
    let region = rest.strip_suffix(".amazonaws.com").or_else(|| rest.strip_suffix(".amazonaws.com.cn"))?;
    (!region.is_empty() && !region.contains('.')).then(|| region.to_owned())
}

/// `allowed_docker_credential_helpers` naming exactly the helpers of the value and their
/// registries, for runner 19.4.0+ (19.3.2+, 19.2.4+, 19.1.3+), which otherwise runs no helper a
/// job's `DOCKER_AUTH_CONFIG` names (`docs/gitlab-runner.md#restrict-docker-credential-helpers`).
/// The setting's shape is not shown by any source this project can cite: the snippet says so in
/// a comment, and names the route that needs no allowlist.
pub(super) fn helper_allowlist(setup: &Setup) -> Snippet {
    let mut allowed: Vec<(String, Vec<String>)> = Vec::new();
    let mut add = |registry: String, helper: &str| match allowed.iter_mut().find(|(r, _)| *r == registry) {
        Some((_, helpers)) if !helpers.iter().any(|h| h == helper) => helpers.push(helper.to_owned()),
        Some(_) => {}
        None => allowed.push((registry, vec![helper.to_owned()])),
    };
    for entry in setup.entries.iter().filter(|e| e.kind == crate::setup::CredentialKind::Helper) {
        if let (Ok(key), true) =
            (normalise_registry(&entry.registry, entry.keep_namespace), crate::credential_helper::is_usable(&entry.helper))
        {
            add(key.key, &entry.helper);
        }
    }
    let store = setup.creds_store.trim();
    let mut text = String::from(
        "# The runner's config.toml, for GitLab Runner 19.4.0+ (and 19.3.2+, 19.2.4+, 19.1.3+): it runs\n\
         # no credential helper a job's DOCKER_AUTH_CONFIG names unless allowed here, for that registry\n\
         # (\"Restrict Docker credential helpers\", runner docs: configuration/advanced-configuration).\n\
         # NOT CONFIRMED: the shape below (a table of registry = [helpers] under [runners.docker]) is\n\
         # this tool's reading of \"permit specific helpers for specific registries\"; no source it can\n\
         # cite shows the syntax. Check it against the runner docs of your version before relying on it.\n\
         # Needs no allowlist: the helper in the runner user's own ~/.docker/config.json on the manager\n\
         # (credHelpers there, not in DOCKER_AUTH_CONFIG): see the manager-helper snippet.\n",
    );
    if !store.is_empty() && crate::credential_helper::is_usable(store) {
        text.push_str(&format!(
            "# credsStore \"{store}\" serves every registry; whether the allowlist covers credsStore is not\n\
             # confirmed: name the helper per registry in credHelpers instead, and allow those.\n"
        ));
    }
    if allowed.is_empty() {
        text.push_str("# No credHelpers entry yet: add a registry with Credentials \"Credential helper\".\n");
        allowed.push(("<registry host[:port]>".to_owned(), vec!["<helper>".to_owned()]));
    }
    text.push_str("[[runners]]\n  # ... your other [[runners]] settings\n  [runners.docker]\n    [runners.docker.allowed_docker_credential_helpers]\n");
    for (registry, helpers) in allowed {
        let list = helpers.iter().map(|h| toml_string(h)).collect::<Vec<_>>().join(", ");
        text.push_str(&format!("      {} = [{list}]\n", toml_string(&registry)));
    }
    Snippet::new(SnippetId::RunnerHelperAllowlist, text)
}
