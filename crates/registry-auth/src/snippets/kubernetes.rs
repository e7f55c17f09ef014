//! Kubernetes: the ConfigMap mount of the seeds and the `kubernetes.io/dockerconfigjson` pull
//! Secret, byte for byte what `kubectl create secret docker-registry` writes.

use serde_json::Value;

use super::quoting::{non_empty_or, toml_string, yaml_comment, yaml_scalar};
use super::SnippetOptions;
use super::{Snippet, SnippetId, HOST_CONFIG_PATH, PLACEHOLDER_REGISTRY};
use crate::config_builder::{write_json, Generated};
use crate::setup::Setup;

/// Option 2, Kubernetes executor: the seeds' ConfigMap and `config_map` volume (`docs/kubernetes.md#configmap-mounts`).
pub(super) fn config_json_k8s_configmap(options: &SnippetOptions) -> Snippet {
    let namespace = kubernetes_name(&options.kubernetes_namespace, "gitlab-runner");
    let image = non_empty_or(&options.runner.docker_image, "alpine:latest");
    // Privileged only for Docker-in-Docker (the `Privileged` option), not for the mount.
    let privileged = if options.runner.privileged { "\n    privileged = true" } else { "" };
    let text = format!(
        "# First store the file in a ConfigMap, where kubectl reaches the cluster:\n\
         # kubectl create configmap docker-client-config --namespace {namespace} --from-file {HOST_CONFIG_PATH}\n\
         # The ConfigMap holds the credentials: whoever can read ConfigMaps in {namespace} can read them.\n\
         [[runners]]\n  # ... your other [[runners]] settings\n  executor = \"kubernetes\"\n  [runners.kubernetes]\n    \
         image = {image}{privileged}\n    [[runners.kubernetes.volumes.config_map]]\n      \
         name = \"docker-client-config\"\n      mount_path = \"/root/.docker/config.json\"\n      \
         # If you are running GitLab Runner 13.5\n      # or lower you can remove this\n      sub_path = \"config.json\"\n",
        image = toml_string(&image)
    );
    Snippet::new(SnippetId::ConfigJsonK8sConfigmap, text)
}

/// The `kubernetes.io/dockerconfigjson` Secret that `kubectl create secret docker-registry
/// --dry-run=client -o yaml` makes (`docs/kubernetes.md#docker-registry-secrets`), with every
/// username-and-token registry in one `auths`, for the Kubernetes executor's `image_pull_secrets`
/// (`docs/gitlab-runner.md#executors`).
pub(super) fn k8s_pull_secret(setup: &Setup, generated: &Generated, options: &SnippetOptions) -> Snippet {
    let name = kubernetes_name(&options.pull_secret_name, "regcred");
    let namespace = kubernetes_name(&options.kubernetes_namespace, "gitlab-runner");
    let mut credentials: Vec<(String, &str, &str, &str)> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    for (entry, output) in setup.entries.iter().zip(&generated.entries) {
        let (Ok(key), true) = (&output.key, output.written) else {
            continue;
        };
        match &output.auth {
            Some(auth) => credentials.push((key.key.clone(), entry.username.as_str(), entry.secret.as_str(), auth.as_str())),
            None => skipped.push(key.key.clone()),
        }
    }
    let carries_secret = !credentials.is_empty();
    let mut comments = vec![format!("For the Kubernetes executor: image_pull_secrets = [\"{name}\"] in [runners.kubernetes].")];
    if carries_secret {
        comments.push("Contains the credentials: apply it, do not commit it.".to_owned());
    } else {
        comments.push(format!(
            "Placeholder credentials (USERNAME and TOKEN for {PLACEHOLDER_REGISTRY}): add a registry with a username and token."
        ));
    }
    if !skipped.is_empty() {
        comments.push(format!("Left out, credential helpers do not work in pull secrets: {}.", skipped.join(", ")));
    }
    let placeholder_auth = crate::auth_encoding::encode_auth("USERNAME", "TOKEN").unwrap_or_default();
    if credentials.is_empty() {
        credentials.push((PLACEHOLDER_REGISTRY.to_owned(), "USERNAME", "TOKEN", placeholder_auth.as_str()));
    }
    let data = base64_standard(kubectl_docker_config_json(&mut credentials).as_bytes());
    let mut text: String = comments.iter().map(|c| yaml_comment(c, 0)).collect();
    text.push_str(&format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {}\n  namespace: {}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {data}\n",
        yaml_scalar(&name),
        yaml_scalar(&namespace)
    ));
    Snippet { carries_secret, ..Snippet::new(SnippetId::K8sPullSecret, text) }
}

/// The `.dockerconfigjson` kubectl writes, byte for byte: Go's field order (username,
/// password, auth; no empty email), map keys sorted, and Go's JSON string escaping.
fn kubectl_docker_config_json(credentials: &mut [(String, &str, &str, &str)]) -> String {
    credentials.sort_by(|a, b| a.0.cmp(&b.0));
    let entries: Vec<String> = credentials
        .iter()
        .map(|(server, user, password, auth)| {
            format!(
                "{}:{{\"username\":{},\"password\":{},\"auth\":{}}}",
                go_json_string(server),
                go_json_string(user),
                go_json_string(password),
                go_json_string(auth)
            )
        })
        .collect();
    format!("{{\"auths\":{{{}}}}}", entries.join(","))
}

/// A JSON string as Go's `encoding/json` writes it: serde_json's escaping plus Go's HTML-safe
/// `\u003c`, `\u003e`, `\u0026` and the JavaScript line separators.
fn go_json_string(text: &str) -> String {
    let json = write_json(&Value::String(text.to_owned()), false);
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            other => out.push(other),
        }
    }
    out
}

fn base64_standard(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A Kubernetes object name (DNS-1123 subdomain) as typed, or `fallback` when it is not one,
/// so a typo cannot break the YAML or the command around it.
pub(crate) fn kubernetes_name(typed: &str, fallback: &str) -> String {
    let name = typed.trim();
    let valid = !name.is_empty()
        && name.len() <= 253
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric());
    if valid {
        name.to_owned()
    } else {
        fallback.to_owned()
    }
}
