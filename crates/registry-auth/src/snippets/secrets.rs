//! `secrets:` that supply `DOCKER_AUTH_CONFIG` from a secret manager. GitLab Runner resolves a
//! job's secrets before it prepares the executor, so the runner's own `image:` and `services:`
//! pulls already see the value (`docs/secret-managers.md#before-the-image-is-pulled`).

use super::quoting::{single_line_or, yaml_comment, yaml_scalar, yaml_sequence};
use super::{command, Snippet, SnippetId};
use super::{SecretsProvider, SnippetOptions, VariableType, DEFAULT_TEST_IMAGE};

/// The CI/CD variables each provider's runner-side resolver needs (`docs/secret-managers.md#providers`).
pub fn provider_variables(provider: SecretsProvider) -> &'static [&'static str] {
    match provider {
        SecretsProvider::Vault => &["VAULT_SERVER_URL", "VAULT_AUTH_ROLE"],
        SecretsProvider::AwsSecretsManager => &["AWS_REGION", "AWS_ROLE_ARN"],
        SecretsProvider::GcpSecretManager => {
            &["GCP_PROJECT_NUMBER", "GCP_WORKLOAD_IDENTITY_FEDERATION_POOL_ID", "GCP_WORKLOAD_IDENTITY_FEDERATION_PROVIDER_ID"]
        }
        SecretsProvider::AzureKeyVault => &["AZURE_KEY_VAULT_SERVER_URL", "AZURE_CLIENT_ID", "AZURE_TENANT_ID"],
        SecretsProvider::GitlabSecretsManager => &[],
    }
}

/// One job whose `image:` is the private image and whose `DOCKER_AUTH_CONFIG` comes from the
/// chosen secret manager, as a Variable or a File as chosen (secrets are files by default).
pub(super) fn ci_secrets(options: &SnippetOptions) -> Snippet {
    let provider = options.secrets_provider;
    let (intro, id_token, source): (&[&str], Option<(&str, &str)>, String) = match provider {
        SecretsProvider::Vault => (
            &["DOCKER_AUTH_CONFIG from HashiCorp Vault (KV secret ci/docker-auth-config, field value,", "engine mounted at secret)."],
            Some(("VAULT_ID_TOKEN", "https://vault.example.com")),
            "      vault: ci/docker-auth-config/value@secret\n".into(),
        ),
        SecretsProvider::AwsSecretsManager => (
            &["DOCKER_AUTH_CONFIG from AWS Secrets Manager (GitLab and GitLab Runner 18.3+): the whole", "secret string ci/docker-auth-config."],
            Some(("AWS_ID_TOKEN", "sts.amazonaws.com")),
            "      aws_secrets_manager:\n        secret_id: ci/docker-auth-config\n".into(),
        ),
        SecretsProvider::GcpSecretManager => (
            &["DOCKER_AUTH_CONFIG from GCP Secret Manager (GitLab and GitLab Runner 16.8+), through", "Workload Identity Federation."],
            Some((
                "GCP_ID_TOKEN",
                "https://iam.googleapis.com/projects/${GCP_PROJECT_NUMBER}/locations/global/workloadIdentityPools/${GCP_WORKLOAD_IDENTITY_FEDERATION_POOL_ID}/providers/${GCP_WORKLOAD_IDENTITY_FEDERATION_PROVIDER_ID}",
            )),
            "      gcp_secret_manager:\n        name: docker-auth-config\n      token: $GCP_ID_TOKEN\n".into(),
        ),
        SecretsProvider::AzureKeyVault => (
            &["DOCKER_AUTH_CONFIG from Azure Key Vault (GitLab Runner 16.6+); aud: the audience of", "your federated identity credential."],
            Some(("AZURE_JWT", "https://gitlab.com")),
            "      azure_key_vault:\n        name: docker-auth-config\n      token: $AZURE_JWT\n".into(),
        ),
        SecretsProvider::GitlabSecretsManager => (
            &[
                "DOCKER_AUTH_CONFIG from GitLab's own secrets manager. GitLab's docs list it as an",
                "experiment (Ultimate, GitLab.com), not generally available: use it only where your",
                "GitLab offers it.",
            ],
            None,
            "      gitlab_secrets_manager:\n        name: docker-auth-config\n".into(),
        ),
    };
    let mut out = String::new();
    for line in intro {
        out.push_str(&yaml_comment(line, 0));
    }
    out.push_str(&yaml_comment("GitLab Runner resolves secrets: before it pulls image: and services:, so its own pulls", 0));
    out.push_str(&yaml_comment("use the value. Store it on one line; the CI/CD variables this needs are listed below.", 0));
    out.push_str("pull-private-image:\n");
    if let Some((name, audience)) = id_token {
        out.push_str(&format!("  id_tokens:\n    {name}:\n      aud: {}\n", yaml_scalar(audience)));
    }
    out.push_str("  secrets:\n    DOCKER_AUTH_CONFIG:\n");
    out.push_str(&source);
    if options.variable_type == VariableType::Variable {
        // Secrets are File-type unless told otherwise; the job scripts follow the type chosen above.
        out.push_str("      file: false\n");
    }
    let image = single_line_or(&options.test_image, DEFAULT_TEST_IMAGE);
    out.push_str(&format!("  image: {}\n", yaml_scalar(&image)));
    out.push_str("  script:\n");
    out.push_str(&yaml_sequence(&[command("echo \"GitLab Runner pulled this job's image with DOCKER_AUTH_CONFIG from the secret.\"")], 4));
    Snippet::new(SnippetId::CiSecrets, out)
}
