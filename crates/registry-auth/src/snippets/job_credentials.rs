//! The paths that store no new secret: the job's own credentials for this instance's container
//! registry (the job-token allowlist of the project holding the image) and the Dependency Proxy
//! for Docker Hub images (`docs/job-credentials.md#what-the-job-payload-carries`).

use super::quoting::{shell_word, single_line_or, yaml_comment, yaml_scalar, yaml_sequence};
use super::SnippetOptions;
use super::{command, comment, Snippet, SnippetId};

/// `glab api` and `curl` calls that add the pulling project to the job-token allowlist of the
/// project that holds the images (`docs/job-credentials.md#the-job-token-allowlist`). The token
/// reaches curl on its standard input (`--header @-`), never as an argument.
pub(super) fn job_token_allowlist(options: &SnippetOptions) -> Snippet {
    let url = gitlab_url(options);
    let host = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest).split('/').next().unwrap_or_default().to_owned();
    let text = format!(
        "# Lets jobs of another project pull images from this project's container registry with\n\
         # their own job token. Run it for the project that holds the images (Maintainer role).\n\
         # The user who starts the pulling job still needs access to that project.\n\
         # Numeric project IDs: each project's overview page.\n\
         IMAGE_PROJECT_ID=1234    # the project that holds the images\n\
         PULLING_PROJECT_ID=5678  # the project whose jobs pull them\n\
         GITLAB_URL={url}\n\
         # GitLab CLI, signed in (or with GITLAB_TOKEN in the environment):\n\
         glab api --hostname {host} --method POST \"projects/$IMAGE_PROJECT_ID/job_token_scope/allowlist\" --field \"target_project_id=$PULLING_PROJECT_ID\"\n\
         # Or the REST API; GITLAB_TOKEN (api scope) goes to curl on its standard input:\n\
         printf 'PRIVATE-TOKEN: %s\\n' \"$GITLAB_TOKEN\" | curl --fail-with-body --header @- --data \"target_project_id=$PULLING_PROJECT_ID\" \"$GITLAB_URL/api/v4/projects/$IMAGE_PROJECT_ID/job_token_scope/allowlist\"\n\
         # A whole group instead: job_token_scope/groups_allowlist with target_group_id.\n",
        url = shell_word(&url),
        host = shell_word(&host),
    );
    Snippet::new(SnippetId::JobTokenAllowlist, text)
}

/// The GitLab URL typed for registration, without a trailing slash.
fn gitlab_url(options: &SnippetOptions) -> String {
    single_line_or(&options.runner.gitlab_url, "https://gitlab.com").trim_end_matches('/').to_owned()
}

/// Docker Hub images through the group's Dependency Proxy: the runner signs in with the job's
/// own credentials (`docs/job-credentials.md#the-dependency-proxy`). The prefix carries the port,
/// so the in-job login to `$CI_DEPENDENCY_PROXY_SERVER` carries `:443` too.
pub(super) fn dependency_proxy(options: &SnippetOptions) -> Snippet {
    let version = options.docker_version.as_str();
    let prefix = "${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}";
    let mut out = String::new();
    for line in [
        "Docker Hub images through the group's Dependency Proxy: GitLab Runner signs in to it with",
        "the job's own credentials, so no DOCKER_AUTH_CONFIG entry is needed for these images.",
        "Optional, once per group (GitLab 17.11+): Settings > Packages and registries >",
        "Dependency Proxy > Docker Hub authentication, for authenticated Docker Hub pulls.",
        "The prefix carries the port (gitlab.example.com:443/...): a key or login for it must too.",
    ] {
        out.push_str(&yaml_comment(line, 0));
    }
    out.push_str(&format!("default:\n  image: {}\n\n", yaml_scalar(&format!("{prefix}/alpine:latest"))));
    let before_script = [
        comment("docker CLI 28.3+ uses DOCKER_AUTH_CONFIG instead of docker login (docker/cli#6156)."),
        command("unset DOCKER_AUTH_CONFIG"),
        comment("FROM lines that use the prefix are pulled by the job's docker CLI: it needs its own login."),
        command(
            "printf '%s' \"$CI_DEPENDENCY_PROXY_PASSWORD\" | docker login \"$CI_DEPENDENCY_PROXY_SERVER\" --username \"$CI_DEPENDENCY_PROXY_USER\" --password-stdin",
        ),
    ];
    out.push_str("build:\n");
    out.push_str(&format!("  image: {}\n", yaml_scalar(&format!("{prefix}/docker:{version}-cli"))));
    out.push_str("  services:\n");
    out.push_str(&format!("    - name: {}\n      alias: docker\n", yaml_scalar(&format!("{prefix}/docker:{version}-dind"))));
    out.push_str("  variables:\n    DOCKER_TLS_CERTDIR: \"/certs\"\n  before_script:\n");
    out.push_str(&yaml_sequence(&before_script, 4));
    out.push_str("  script:\n");
    out.push_str(&yaml_sequence(
        &[command("docker build --build-arg \"IMAGE_PREFIX=$CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX\" -t my-docker-image .")],
        4,
    ));
    Snippet::new(SnippetId::DependencyProxy, out)
}
