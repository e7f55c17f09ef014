//! The routes that store no registry secret (`docs/keyless.md`): a kubelet credential provider
//! (Kubernetes executor), a helper in the runner user's own `config.json` on the manager (Docker,
//! Docker Autoscaler), a cloud login inside the job with `id_tokens:`, and for a credential that
//! must stay short-lived, a scheduled job that mints it anew and updates the CI/CD variable.
//! None of them holds a password, a token, a key or an `auths` entry.

use super::quoting::{shell_word, single_line_or, url_segment, yaml_comment, yaml_scalar, yaml_sequence};
use super::SnippetOptions;
use super::{command, comment, ScriptLine, Snippet, SnippetId, JOB_DOCKER_CONFIG};
use crate::keyless::{registry_kind, RegistryKind, ACR_PROVIDER, ECR_PROVIDER, GOOGLE_PROVIDER};
use crate::registry_key::normalise_registry;
use crate::setup::Setup;

/// The cloud registries typed (ECR, Google, ACR), each once, in row order; an ECR example when
/// there is none.
fn cloud_registries(setup: &Setup) -> Vec<(RegistryKind, String)> {
    let mut found: Vec<(RegistryKind, String)> = Vec::new();
    for entry in &setup.entries {
        let Ok(key) = normalise_registry(&entry.registry, false) else { continue };
        let kind = registry_kind(&key.key, None);
        if matches!(kind, RegistryKind::Ecr | RegistryKind::Google | RegistryKind::Acr) && !found.iter().any(|(_, k)| *k == key.key) {
            found.push((kind, key.key));
        }
    }
    if found.is_empty() {
        found.push((RegistryKind::Ecr, EXAMPLE_ECR.to_owned()));
    }
    found
}

const EXAMPLE_ECR: &str = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

/// The API token the refresh job updates the variable with (a project access token, `api`).
pub const VARIABLE_TOKEN: &str = "VARIABLE_TOKEN";

/// The CI/CD variables the in-job login reads for the first cloud registry: which role, pool or
/// app to federate with (settings, not secrets).
pub(super) fn identity_variables(setup: &Setup) -> Vec<String> {
    let names: &[&str] = match cloud_registries(setup).first().map(|(kind, _)| *kind) {
        Some(RegistryKind::Google) => &["GCP_WORKLOAD_IDENTITY_PROVIDER", "GCP_SERVICE_ACCOUNT"],
        Some(RegistryKind::Acr) => &["AZURE_CLIENT_ID", "AZURE_TENANT_ID"],
        _ => &["AWS_ROLE_ARN"],
    };
    names.iter().map(|n| (*n).to_owned()).collect()
}

/// `<account>.dkr.ecr.<region>.amazonaws.com` → `<region>`.
fn ecr_region(host: &str) -> String {
    host.split_once(".dkr.ecr.")
        .and_then(|(_, rest)| rest.strip_suffix(".amazonaws.com").or_else(|| rest.strip_suffix(".amazonaws.com.cn")))
        .filter(|r| !r.is_empty() && !r.contains('.'))
        .unwrap_or("eu-west-1")
        .to_owned()
}

/// The kubelet's `CredentialProviderConfig`: one provider per cloud of the registries typed,
/// matching exactly those hosts (the kubelet's glob rules, `keyless::kubelet_match`).
pub(super) fn kubelet_credential_provider(setup: &Setup) -> Snippet {
    let registries = cloud_registries(setup);
    let mut out = String::new();
    for line in [
        "On every node that runs job pods (Kubernetes 1.26+), the kubelet with:",
        "  --image-credential-provider-config=/etc/kubernetes/credential-providers.yaml",
        "  --image-credential-provider-bin-dir=/usr/local/libexec/kubernetes/credential-providers",
        "The node's cloud identity pulls the job's image: and services:; nothing is stored, and",
        "DOCKER_AUTH_CONFIG needs no entry for these registries. Binaries: ecr-credential-provider",
        "(kubernetes/cloud-provider-aws), auth-provider-gcp (kubernetes/cloud-provider-gcp),",
        "acr-credential-provider (kubernetes-sigs/cloud-provider-azure).",
    ] {
        out.push_str(&yaml_comment(line, 0));
    }
    out.push_str("apiVersion: kubelet.config.k8s.io/v1\nkind: CredentialProviderConfig\nproviders:\n");
    for (provider, cache) in [(ECR_PROVIDER, "12h"), (GOOGLE_PROVIDER, "1m"), (ACR_PROVIDER, "10m")] {
        let hosts: Vec<&String> = registries
            .iter()
            .filter(|(kind, _)| match provider.name {
                "ecr-credential-provider" => *kind == RegistryKind::Ecr,
                "auth-provider-gcp" => *kind == RegistryKind::Google,
                _ => *kind == RegistryKind::Acr,
            })
            .map(|(_, host)| host)
            .collect();
        if hosts.is_empty() {
            continue;
        }
        out.push_str(&format!("  - name: {}\n    matchImages:\n", provider.name));
        for host in hosts {
            out.push_str(&format!("      - {}\n", yaml_scalar(host)));
        }
        out.push_str(&format!("    defaultCacheDuration: {}\n", yaml_scalar(cache)));
        out.push_str("    apiVersion: credentialprovider.kubelet.k8s.io/v1\n");
        if provider.name == "auth-provider-gcp" {
            out.push_str("    args:\n      - get-credentials\n");
        }
        if provider.name == "acr-credential-provider" {
            out.push_str("    args:\n      - /etc/kubernetes/azure.json\n");
        }
        for line in [
            "Kubernetes 1.34+ (beta, on by default; alpha in 1.33): the job pod's service account",
            "token instead of the node's identity, where the provider supports it (not confirmed",
            "for each provider):",
            "tokenAttributes:",
            "  serviceAccountTokenAudience: \"<the audience your cloud trusts>\"",
            "  cacheType: \"ServiceAccount\"",
            "  requireServiceAccount: true",
        ] {
            out.push_str(&yaml_comment(line, 4));
        }
    }
    Snippet::new(SnippetId::KubeletCredentialProvider, out)
}

/// The runner user's own `~/.docker/config.json` on the manager, naming a helper per registry:
/// not job-supplied, so runner 19.4's allowlist does not apply; the helper uses the manager's
/// cloud identity (an instance role), so nothing is stored.
pub(super) fn manager_helper(setup: &Setup, options: &SnippetOptions) -> Snippet {
    let home = if options.runner.run_as_runner_user { "/home/gitlab-runner" } else { "/root" };
    let helpers: Vec<String> = cloud_registries(setup)
        .into_iter()
        .map(|(kind, host)| {
            let helper = match kind {
                RegistryKind::Google => "gcloud",
                RegistryKind::Acr => "acr-env",
                _ => "ecr-login",
            };
            format!("\"{host}\":\"{helper}\"")
        })
        .collect();
    let config = format!("{{\"credHelpers\":{{{}}}}}", helpers.join(","));
    let text = format!(
        "# On the runner manager (Docker and Docker Autoscaler executors; a shell executor's jobs too):\n\
         # GitLab Runner reads the ~/.docker/config.json of the user it runs as, and runs the helper\n\
         # there. Not job-supplied, so runner 19.4's allowed_docker_credential_helpers does not apply.\n\
         # Give the manager its cloud identity (an AWS instance profile with ECR read access, a Google\n\
         # service account on the VM); docker-credential-acr-env reads a service principal's ID, tenant\n\
         # and secret from the runner's environment instead. Install each helper on the\n\
         # runner user's PATH. An existing config.json keeps what it has: the helpers are merged in\n\
         # (with jq; if jq fails, nothing is written), never written over it.\n\
         GITLAB_RUNNER_HOME={home}\n\
         CONFIG=\"$GITLAB_RUNNER_HOME/.docker/config.json\"\n\
         HELPERS={config}\n\
         sudo mkdir -p \"$GITLAB_RUNNER_HOME/.docker\"\n\
         if sudo test -s \"$CONFIG\"; then\n\
         \x20 MERGED=\"$(sudo jq --argjson new \"$HELPERS\" '.credHelpers = ((.credHelpers // {{}}) + $new.credHelpers)' \"$CONFIG\")\" &&\n\
         \x20   printf '%s\\n' \"$MERGED\" | sudo tee \"$CONFIG\" > /dev/null\n\
         else\n\
         \x20 printf '%s\\n' \"$HELPERS\" | sudo tee \"$CONFIG\" > /dev/null\n\
         fi\n\
         # Then leave these registries out of DOCKER_AUTH_CONFIG: a job's value comes first and would\n\
         # take over the registry.\n",
        config = shell_word(&config),
    );
    Snippet::new(SnippetId::ManagerHelper, text)
}

/// The lines that log in to one cloud registry inside a job with the job's ID token and write a
/// job-local `config.json`: the registry's token goes through pipes, never an external command's
/// arguments.
fn login_lines(kind: RegistryKind, host: &str) -> Vec<ScriptLine> {
    let write = |user: &str, token_command: &str| {
        vec![
            command(format!("TOKEN=\"$({token_command})\"")),
            command(format!("AUTH=\"$(printf '%s:%s' {user} \"$TOKEN\" | base64 | tr -d '\\n')\"")),
            command(format!(
                "printf '{{\"auths\":{{\"%s\":{{\"auth\":\"%s\"}}}}}}' {} \"$AUTH\" > \"$DOCKER_CONFIG/config.json\"",
                shell_word(host)
            )),
            command("unset TOKEN AUTH"),
        ]
    };
    let mut lines = Vec::new();
    match kind {
        RegistryKind::Google => {
            let location = host.strip_suffix("-docker.pkg.dev").unwrap_or("<location>");
            lines.push(comment(format!("Google Workload Identity Federation; Artifact Registry in {location}.")));
            lines.push(command("printf '%s' \"$GITLAB_OIDC_TOKEN\" > \"$CI_BUILDS_DIR/.oidc-token\""));
            lines.push(command("gcloud iam workload-identity-pools create-cred-config \"$GCP_WORKLOAD_IDENTITY_PROVIDER\" --service-account=\"$GCP_SERVICE_ACCOUNT\" --credential-source-file=\"$CI_BUILDS_DIR/.oidc-token\" --output-file=\"$CI_BUILDS_DIR/.gcp-credentials.json\""));
            lines.push(command("gcloud auth login --cred-file=\"$CI_BUILDS_DIR/.gcp-credentials.json\""));
            lines.extend(write("oauth2accesstoken", "gcloud auth print-access-token"));
        }
        RegistryKind::Acr => {
            let name = host.split('.').next().unwrap_or("<registry>");
            lines.push(comment("Azure federated credential on the app registration (AcrPull on the registry)."));
            lines.push(comment("az takes the job's ID token as an argument: it lives only as long as the job."));
            lines.push(command("az login --service-principal --username \"$AZURE_CLIENT_ID\" --tenant \"$AZURE_TENANT_ID\" --federated-token \"$GITLAB_OIDC_TOKEN\" --output none"));
            lines.extend(write(
                "00000000-0000-0000-0000-000000000000",
                &format!("az acr login --name {} --expose-token --output tsv --query accessToken", shell_word(name)),
            ));
        }
        _ => {
            lines.push(comment("AWS web identity: the CLI reads the token file and assumes AWS_ROLE_ARN."));
            lines.push(command("printf '%s' \"$GITLAB_OIDC_TOKEN\" > \"$CI_BUILDS_DIR/.oidc-token\""));
            lines.push(command(
                "export AWS_WEB_IDENTITY_TOKEN_FILE=\"$CI_BUILDS_DIR/.oidc-token\" AWS_ROLE_SESSION_NAME=\"gitlab-$CI_JOB_ID\"",
            ));
            lines.extend(write("AWS", &format!("aws ecr get-login-password --region {}", shell_word(&ecr_region(host)))));
        }
    }
    lines
}

/// The trust to set on the cloud side, and the reach it needs, as comment lines.
fn trust_comments(gitlab: &str, project: &str) -> Vec<String> {
    let host = gitlab.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/');
    vec![
        "Keyless inside the job only: the runner pulls the job's own image: before the script, with".to_owned(),
        "DOCKER_AUTH_CONFIG or its own helpers, never with this (gitlab#536596).".to_owned(),
        format!("On the cloud side, trust the issuer {gitlab} (audience {gitlab}) and pin the sub claim"),
        format!("to the project and ref: project_path:{project}:ref_type:branch:ref:main (AWS: condition"),
        format!("{host}:sub; Azure: the federated credential's subject; Google: attribute.project_path)."),
        "A self-managed GitLab must be reachable from the cloud: its /.well-known/openid-configuration".to_owned(),
        "and /oauth/discovery/keys (GitLab 18.1+ can publish them elsewhere: ci_id_tokens_issuer_url).".to_owned(),
    ]
}

/// `.gitlab-ci.yml`: log in to the cloud registry inside a job with `id_tokens:` and the cloud's
/// own login, into a job-local `DOCKER_CONFIG`, after `unset DOCKER_AUTH_CONFIG`.
pub(super) fn keyless_login(setup: &Setup, options: &SnippetOptions) -> Snippet {
    let gitlab = single_line_or(&options.runner.gitlab_url, "https://gitlab.com").trim_end_matches('/').to_owned();
    let project = single_line_or(&options.gitlab_path, super::DEFAULT_GITLAB_PATH);
    let mut out = String::new();
    for line in trust_comments(&gitlab, &project) {
        out.push_str(&yaml_comment(&line, 0));
    }
    out.push_str(&format!("registry-login:\n  id_tokens:\n    GITLAB_OIDC_TOKEN:\n      aud: {}\n", yaml_scalar(&gitlab)));
    out.push_str("  script:\n");
    let mut script = vec![
        comment("docker CLI 28.3+ would take DOCKER_AUTH_CONFIG over this login (docker/cli#6156)."),
        command("unset DOCKER_AUTH_CONFIG"),
        command(format!("export DOCKER_CONFIG=\"{JOB_DOCKER_CONFIG}\"")),
        command("mkdir -p \"$DOCKER_CONFIG\""),
    ];
    // One registry per login: a second cloud's login would replace the file; one job each.
    let (kind, host) = cloud_registries(setup).into_iter().next().unwrap_or((RegistryKind::Ecr, EXAMPLE_ECR.to_owned()));
    script.extend(login_lines(kind, &host));
    script.push(command(format!("docker pull {}", shell_word(&format!("{host}/my-group/app:latest")))));
    out.push_str(&yaml_sequence(&script, 4));
    Snippet::new(SnippetId::KeylessLogin, out)
}

/// A scheduled job that mints the short-lived credential anew (keylessly, as `keyless-login`)
/// and replaces the value of the `DOCKER_AUTH_CONFIG` CI/CD variable through the API. `PUT`
/// changes only what it is sent, so Masked, hidden, raw and the type stay as they are; the value
/// travels in a file and the API token on curl's standard input, never in an argument.
pub(super) fn refresh_variable_job(setup: &Setup, options: &SnippetOptions) -> Snippet {
    let gitlab = single_line_or(&options.runner.gitlab_url, "https://gitlab.com").trim_end_matches('/').to_owned();
    let project = single_line_or(&options.gitlab_path, super::DEFAULT_GITLAB_PATH);
    let (kind, host) = cloud_registries(setup).into_iter().next().unwrap_or((RegistryKind::Ecr, EXAMPLE_ECR.to_owned()));
    let endpoint = format!("{gitlab}/api/v4/projects/{}/variables/DOCKER_AUTH_CONFIG", url_segment(&project));
    let mut out = String::new();
    for line in [
        "A pipeline schedule (every 6 hours, well inside the credential's life) refreshes the stored",
        "value. Set VARIABLE_TOKEN (a project access token, api scope, Masked and hidden): the one",
        "secret this keeps, and not a registry's. The variable must exist; PUT keeps its settings.",
        "It replaces the whole value: keep this registry in a value of its own.",
    ] {
        out.push_str(&yaml_comment(line, 0));
    }
    for line in trust_comments(&gitlab, &project).into_iter().skip(2) {
        out.push_str(&yaml_comment(&line, 0));
    }
    out.push_str(&format!(
        "refresh-docker-auth-config:\n  rules:\n    - if: $CI_PIPELINE_SOURCE == \"schedule\"\n  id_tokens:\n    GITLAB_OIDC_TOKEN:\n      aud: {}\n  script:\n",
        yaml_scalar(&gitlab)
    ));
    let mut script = vec![command("unset DOCKER_AUTH_CONFIG"), command("export DOCKER_CONFIG=\"$(mktemp -d)\"")];
    script.extend(login_lines(kind, &host));
    script.push(comment("The value in a file; the API token on curl's standard input."));
    script.push(command(format!(
        "printf 'PRIVATE-TOKEN: %s\\n' \"$VARIABLE_TOKEN\" | curl --fail-with-body --request PUT --globoff --header @- --data-urlencode \"value@$DOCKER_CONFIG/config.json\" {}",
        shell_word(&format!("{endpoint}?filter[environment_scope]={}", url_segment(&single_line_or(&options.environment_scope, "*"))))
    )));
    script.push(command("rm -rf \"$DOCKER_CONFIG\""));
    out.push_str(&yaml_sequence(&script, 4));
    Snippet::new(SnippetId::RefreshVariableJob, out)
}
