//! Kubernetes runner admins: values for the gitlab-runner Helm chart and an External Secrets
//! Operator `ExternalSecret` that renders the pull Secret the values name
//! (`docs/kubernetes.md#helm-chart-values`, `docs/kubernetes.md#external-secrets-operator`).

use super::kubernetes::kubernetes_name;
use super::quoting::{toml_string, toml_string_in_yaml, yaml_comment, yaml_scalar};
use super::{carries_credentials, Snippet, SnippetId};
use super::{HelmCredentials, SnippetOptions};
use crate::config_builder::Generated;

/// `runners.config` (TOML inside YAML) with `image_pull_secrets` naming a Secret, or with the
/// value as the runner's `environment`; both with `pull_policy` and `allowed_pull_policies`
/// set to `always` (`docs/gitlab-runner.md#pull-policy`).
pub(super) fn helm_values(generated: &Generated, options: &SnippetOptions) -> Snippet {
    let namespace = kubernetes_name(&options.kubernetes_namespace, "gitlab-runner");
    let secret = kubernetes_name(&options.pull_secret_name, "regcred");
    let mut out = yaml_comment("Values for the gitlab-runner Helm chart (0.53+): runners.config is the [[runners]] part of", 0);
    out.push_str(&yaml_comment("config.toml, in TOML.", 0));
    let mut toml = String::from("[[runners]]\n");
    let mut carries_secret = false;
    match options.helm_credentials {
        HelmCredentials::Environment if generated.value.contains("{{") => {
            out.push_str(&yaml_comment("The value holds {{, which Helm may read as a template here: use image_pull_secrets.", 0));
        }
        HelmCredentials::Environment => {
            out.push_str(&yaml_comment("Contains the credentials: keep this values file out of the repository.", 0));
            toml.push_str(&format!("  environment = [{}]\n", toml_string_in_yaml(&format!("DOCKER_AUTH_CONFIG={}", generated.value))));
            carries_secret = carries_credentials(generated);
        }
        HelmCredentials::ImagePullSecrets => {
            out.push_str(&yaml_comment(&format!("The Secret {secret} in {namespace}: the k8s-pull-secret or external-secret snippet."), 0));
        }
    }
    toml.push_str("  [runners.kubernetes]\n");
    toml.push_str(&format!("    namespace = {}\n", toml_string(&namespace)));
    toml.push_str("    # Pull with credentials for every job: a cached private image is not reused.\n");
    toml.push_str("    pull_policy = [\"always\"]\n    allowed_pull_policies = [\"always\"]\n");
    if options.helm_credentials == HelmCredentials::ImagePullSecrets {
        toml.push_str(&format!("    image_pull_secrets = [{}]\n", toml_string(&secret)));
    }
    out.push_str("runners:\n  config: |\n");
    for line in toml.lines() {
        out.push_str("    ");
        out.push_str(line);
        out.push('\n');
    }
    Snippet { carries_secret, ..Snippet::new(SnippetId::HelmValues, out) }
}

/// Where the External Secrets Operator finds the value: one string holding the whole JSON.
pub const EXTERNAL_SECRET_KEY: &str = "ci/docker-auth-config";

/// An `ExternalSecret` (API `external-secrets.io/v1`) rendering the `kubernetes.io/dockerconfigjson`
/// Secret from a secret store that holds the value as one string.
pub(super) fn external_secret(options: &SnippetOptions) -> Snippet {
    let namespace = kubernetes_name(&options.kubernetes_namespace, "gitlab-runner");
    let secret = kubernetes_name(&options.pull_secret_name, "regcred");
    let mut out = String::new();
    for line in [
        "External Secrets Operator 0.16.2+ (API v1): renders the pull Secret from a secret store",
        &format!("holding the DOCKER_AUTH_CONFIG value under {EXTERNAL_SECRET_KEY}. Only its auths count: the"),
        "kubelet runs no credential helper. In a Helm template, escape the {{ }} of the template.",
    ] {
        out.push_str(&yaml_comment(line, 0));
    }
    out.push_str(&format!(
        "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: {name}\n  namespace: {namespace}\n\
         spec:\n  refreshInterval: 1h\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: my-secret-store\n\
         \x20 target:\n    name: {name}\n    creationPolicy: Owner\n    template:\n      type: kubernetes.io/dockerconfigjson\n\
         \x20     data:\n        .dockerconfigjson: \"{{{{ .dockerconfig | toString }}}}\"\n\
         \x20 data:\n    - secretKey: dockerconfig\n      remoteRef:\n        key: {key}\n",
        name = yaml_scalar(&secret),
        namespace = yaml_scalar(&namespace),
        key = EXTERNAL_SECRET_KEY,
    ));
    Snippet::new(SnippetId::ExternalSecret, out)
}
