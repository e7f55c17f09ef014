//! Snippets for `.gitlab-ci.yml`: `docker login` with Docker-in-Docker, the value written as a
//! file in `before_script`, Kaniko (static and built at run time) and Buildah.

use super::quoting::{non_empty_or, shell_word, yaml_comment, yaml_scalar, yaml_sequence};
use super::variables::LoginTarget;
use super::{command, comment, ScriptLine, Snippet, SnippetId, JOB_DOCKER_CONFIG, PLACEHOLDER_REGISTRY};
use super::{RuntimeCredentials, SnippetOptions, VariableType, DEFAULT_KANIKO_IMAGE};
use crate::config_builder::Generated;

/// Option 1: `docker login` in `before_script` with Docker-in-Docker.
pub(super) fn docker_login(logins: &[LoginTarget], options: &SnippetOptions) -> Snippet {
    let mut before_script = unset_auth_config("docker CLI 28.3+ uses DOCKER_AUTH_CONFIG instead of docker login (docker/cli#6156).");
    if logins.iter().any(|l| l.placeholder) {
        before_script.push(comment(format!("Replace {PLACEHOLDER_REGISTRY} with your registry; leave it out to sign in to Docker Hub.")));
    }
    if logins.is_empty() {
        before_script
            .push(comment("No registry above has a username and token: a credential helper does not reach this job's Docker daemon."));
    }
    if on_shell(options) {
        before_script.extend(job_local_docker_config());
    }
    for login in logins {
        before_script.push(command(login_command(login)));
    }
    Snippet::new(SnippetId::DockerLogin, dind_pipeline(options, &before_script))
}

/// `unset DOCKER_AUTH_CONFIG` with a one-line reason, before a job logs in with other
/// credentials: docker CLI 28.3+ (and kaniko, through the same code) takes a valid value from the
/// environment over any login, so read-only pull credentials would shadow the push login
/// (`docs/docker-cli.md#the-docker_auth_config-environment-store`). The runner has pulled the job's
/// images with it before the script starts, so unsetting it there loses nothing. Unconditional:
/// older CLIs ignore the variable anyway, and a job's image changes without its script.
fn unset_auth_config(why: &str) -> Vec<ScriptLine> {
    vec![comment(why), command("unset DOCKER_AUTH_CONFIG")]
}

/// `printf`, not the seeds' `echo "$PASS"`: some `echo`s interpret backslashes or take a
/// password starting with `-n` as an option. Docker Hub gets no server argument, as the seeds
/// say ("leave `$DOCKER_REGISTRY` empty").
fn login_command(login: &LoginTarget) -> String {
    let server = login.server.as_deref().map(|s| format!("{} ", shell_word(s))).unwrap_or_default();
    format!(
        "printf '%s' \"${pass}\" | docker login {server}--username \"${user}\" --password-stdin",
        pass = login.pass_variable,
        user = login.user_variable
    )
}

/// Option 3: write `$DOCKER_AUTH_CONFIG` to `$HOME/.docker/config.json` in `before_script`.
pub(super) fn auth_config_before_script(options: &SnippetOptions) -> Snippet {
    let before_script = if on_shell(options) {
        let mut lines = job_local_docker_config();
        lines.extend(write_auth_config_lines(options.variable_type, "$DOCKER_CONFIG/config.json"));
        lines
    } else {
        write_auth_config_lines(options.variable_type, "$HOME/.docker/config.json")
    };
    Snippet::new(SnippetId::AuthConfigBeforeScript, dind_pipeline(options, &before_script))
}

/// Whether the situation's executor is the shell executor (`Situation::effective_options` sets
/// the runner's executor): the job runs on the runner's host, as the runner's user.
fn on_shell(options: &SnippetOptions) -> bool {
    options.runner.executor.trim() == "shell"
}

/// On a shell executor `$HOME` is the runner user's, shared by every job: a login or a written
/// value there would outlive the job and serve the next one. A directory of the job's own
/// instead, removed in `after_script` (which runs in a shell of its own, so it names the path).
fn job_local_docker_config() -> Vec<ScriptLine> {
    vec![
        comment("Shell executor: $HOME is the runner user's and shared by every job; keep the credentials in this job's own directory."),
        command(format!("export DOCKER_CONFIG=\"{JOB_DOCKER_CONFIG}\"")),
    ]
}

/// The lines that save the variable as a file: quoted `printf` for a Variable, `cp` for a File
/// (whose variable holds the path, `docs/gitlab-runner.md#reading-the-variable`). Never the seeds' unquoted
/// `echo` (`docs/gitlab-variables.md#file-variables`).
pub(super) fn write_auth_config_lines(variable_type: VariableType, file: &str) -> Vec<ScriptLine> {
    let directory = file.rsplit_once('/').map_or(".", |(dir, _)| dir);
    let write = match variable_type {
        VariableType::Variable => format!("printf '%s' \"$DOCKER_AUTH_CONFIG\" > \"{file}\""),
        VariableType::File => format!("cp \"$DOCKER_AUTH_CONFIG\" \"{file}\""),
    };
    let mut lines = vec![command(format!("mkdir -p \"{directory}\""))];
    if variable_type == VariableType::File {
        lines.push(comment("DOCKER_AUTH_CONFIG is a File-type variable: it holds the path of a file with the value."));
    }
    lines.push(command(write));
    lines
}

/// The seeds' Docker-in-Docker pipeline around a `before_script`; on a shell executor the job
/// uses the host's docker CLI, so no `image:`, `services:` or TLS directory, and the job's own
/// `DOCKER_CONFIG` is removed afterwards.
fn dind_pipeline(options: &SnippetOptions, before_script: &[ScriptLine]) -> String {
    if on_shell(options) {
        let mut out =
            String::from("# Shell executor: the job runs on the runner's host with its docker CLI; image: and services: do not apply.\n");
        out.push_str("build:\n  stage: build\n  before_script:\n");
        out.push_str(&yaml_sequence(before_script, 4));
        out.push_str("  script:\n    - docker build -t my-docker-image .\n    - docker run my-docker-image /script/to/run/tests\n");
        out.push_str(&format!("  after_script:\n    - rm -rf \"{JOB_DOCKER_CONFIG}\"\n"));
        return out;
    }
    let version = options.docker_version.as_str();
    let mut out = String::from("default:\n");
    out.push_str(&format!("  image: {}\n", yaml_scalar(&format!("docker:{version}-cli"))));
    out.push_str("  services:\n");
    out.push_str(&format!("    - {}\n", yaml_scalar(&format!("docker:{version}-dind"))));
    out.push_str("\nvariables:\n  DOCKER_TLS_CERTDIR: \"/certs\"\n\n");
    out.push_str("build:\n  stage: build\n  before_script:\n");
    out.push_str(&yaml_sequence(before_script, 4));
    out.push_str("  script:\n    - docker build -t my-docker-image .\n    - docker run my-docker-image /script/to/run/tests\n");
    out
}

/// Kaniko: the variable saved as `/kaniko/.docker/config.json`, kaniko's `DOCKER_CONFIG`
/// (`docs/containers-image.md#kaniko`).
pub(super) fn kaniko(options: &SnippetOptions) -> Snippet {
    let mut script = write_auth_config_lines(options.variable_type, "/kaniko/.docker/config.json");
    script.push(command(KANIKO_EXECUTOR));
    Snippet::new(SnippetId::Kaniko, kaniko_job(options, &script))
}

const KANIKO_EXECUTOR: &str =
    "/kaniko/executor --context \"$CI_PROJECT_DIR\" --dockerfile \"$CI_PROJECT_DIR/Dockerfile\" --destination \"$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA\"";

fn kaniko_job(options: &SnippetOptions, script: &[ScriptLine]) -> String {
    let image = non_empty_or(&options.kaniko_image, DEFAULT_KANIKO_IMAGE);
    let mut out = yaml_comment("The maintained kaniko fork (osscontainertools/kaniko); pin the image by digest.", 0);
    out.push_str("build:\n  stage: build\n  image:\n");
    out.push_str(&format!("    name: {}\n", yaml_scalar(&image)));
    out.push_str("    entrypoint: [\"\"]\n  script:\n");
    out.push_str(&yaml_sequence(script, 4));
    out
}

/// The runtime form: the auth built in the job from predefined variables, as GitLab's kaniko
/// page does (`docs/containers-image.md#kaniko`), so no secret is typed into the tool or stored in a variable.
pub(super) fn runtime_auth(options: &SnippetOptions) -> Snippet {
    let (user, password) = match options.runtime_credentials {
        RuntimeCredentials::JobToken => ("CI_REGISTRY_USER", "CI_REGISTRY_PASSWORD"),
        RuntimeCredentials::DeployToken => ("CI_DEPLOY_USER", "CI_DEPLOY_PASSWORD"),
    };
    let mut script = unset_auth_config("kaniko reads DOCKER_AUTH_CONFIG before this file, as docker CLI 28.3+ does.");
    if options.runtime_credentials == RuntimeCredentials::DeployToken {
        script.push(comment("Needs a deploy token named gitlab-deploy-token: read_registry to pull, write_registry to push."));
    }
    script.push(command("mkdir -p \"/kaniko/.docker\""));
    // `tr -d '\n'`: BusyBox and GNU base64 wrap long output (`docs/failure-modes.md#wrapped-base64`).
    script.push(command(format!("AUTH=\"$(printf '%s:%s' \"${user}\" \"${password}\" | base64 | tr -d '\\n')\"")));
    script.push(command("printf '{\"auths\":{\"%s\":{\"auth\":\"%s\"}}}' \"$CI_REGISTRY\" \"$AUTH\" > \"/kaniko/.docker/config.json\""));
    script.push(command(KANIKO_EXECUTOR));
    Snippet::new(SnippetId::RuntimeAuth, kaniko_job(options, &script))
}

/// Buildah (and Podman): `REGISTRY_AUTH_FILE` points at the Docker-format file (`docs/containers-image.md#buildah`).
/// containers/image never runs a `credsStore`, and no file the job could write tells it which
/// registries the store was meant for, so a value with one gets a comment saying so and what to
/// write instead (`docs/containers-image.md#what-buildah-does-not-read`).
pub(super) fn buildah(generated: &Generated, options: &SnippetOptions) -> Snippet {
    let mut before_script = vec![command("export REGISTRY_AUTH_FILE=\"$HOME/auth.json\"")];
    if let Some(store) = creds_store_of(generated) {
        before_script.push(comment(format!(
            "Buildah, Podman and Skopeo do not read credsStore ({store}): only auths and credHelpers. \
             Give each registry that needs docker-credential-{store} its own helper entry (credHelpers)."
        )));
    }
    before_script.extend(write_auth_config_lines(options.variable_type, "$REGISTRY_AUTH_FILE").into_iter().skip(1));
    before_script.push(comment("Adds the job's own registry login to the same file, for the push."));
    before_script.push(command(
        "printf '%s' \"$CI_REGISTRY_PASSWORD\" | buildah login --username \"$CI_REGISTRY_USER\" --password-stdin \"$CI_REGISTRY\"",
    ));
    let mut out = yaml_comment("Podman reads REGISTRY_AUTH_FILE too: podman login, build and push work the same way.", 0);
    out.push_str(
        "build:\n  stage: build\n  image: quay.io/buildah/stable\n  variables:\n    STORAGE_DRIVER: vfs\n    BUILDAH_FORMAT: docker\n",
    );
    out.push_str("  before_script:\n");
    out.push_str(&yaml_sequence(&before_script, 4));
    out.push_str("  script:\n    - buildah build -t \"$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA\" .\n    - buildah push \"$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA\"\n");
    Snippet::new(SnippetId::Buildah, out)
}

/// The value's `credsStore`, if it has one.
fn creds_store_of(generated: &Generated) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(&generated.value).ok()?;
    value.get("credsStore")?.as_str().map(str::to_owned)
}
