//! `gitlab-runner register` on Linux, Windows, in Docker and behind a proxy. The token and any
//! proxy password come from variables set beforehand, never from the snippet's text.

use super::quoting::{non_empty_or, one_line, powershell_string, shell_safe, shell_string, shell_word, toml_string};
use super::{ConfigVolume, RunnerInputs, TokenFlow};
use super::{Snippet, SnippetId, PROXY_PASSWORD_VARIABLE, PROXY_USER_VARIABLE};
use crate::userinfo::{split_userinfo, without_userinfo};

/// The `--template-config` file of the registration snippets, as in the seed.
const TEMPLATE_CONFIG_PATH: &str = "/tmp/test-config.template.toml";

/// How `register` is started on Linux.
fn linux_register_command(runner: &RunnerInputs, preserve_environment: bool) -> String {
    let sudo = if preserve_environment { "sudo -E" } else { "sudo" };
    if runner.run_as_runner_user {
        format!("{sudo} -u gitlab-runner -H /usr/local/bin/gitlab-runner register")
    } else {
        format!("{sudo} gitlab-runner register")
    }
}

pub(super) fn register_linux(runner: &RunnerInputs) -> Snippet {
    let mut text = token_comments(runner, Shell::Posix);
    push_linux_register(&mut text, runner, false);
    Snippet::new(SnippetId::RegisterLinux, text)
}

pub(super) fn register_windows(runner: &RunnerInputs) -> Snippet {
    // On Windows a Docker-based choice registers the Windows Docker executor (the snippet's
    // title); whether Docker Autoscaler runs Windows instances is not confirmed here.
    let executor = runner_text(&runner.executor, "docker");
    let executor = if executor.starts_with("docker") { "docker-windows".to_owned() } else { executor };
    let mut text = token_comments(runner, Shell::PowerShell);
    let arguments = register_arguments(runner, &executor, &runner.windows_docker_image, false, Shell::PowerShell);
    text.push_str(&continued(".\\gitlab-runner.exe register", &arguments, Shell::PowerShell));
    Snippet::new(SnippetId::RegisterWindows, text)
}

pub(super) fn register_docker(runner: &RunnerInputs) -> Snippet {
    let mut text = token_comments(runner, Shell::Posix);
    let template = template_config(runner);
    let mut start = String::from("docker run --rm ");
    start.push_str(match runner.docker_volume {
        ConfigVolume::BindMount => "-v /srv/gitlab-runner/config:/etc/gitlab-runner",
        ConfigVolume::NamedVolume => "-v gitlab-runner-config:/etc/gitlab-runner",
    });
    if let Some(template) = &template {
        text.push_str(template);
        // The template must be inside the short-lived container.
        start.push_str(&format!(" -v {TEMPLATE_CONFIG_PATH}:{TEMPLATE_CONFIG_PATH}:ro"));
    }
    start.push_str(" gitlab/gitlab-runner:latest register");
    let arguments = register_arguments(runner, &runner.executor, &runner.docker_image, template.is_some(), Shell::Posix);
    text.push_str(&continued(&start, &arguments, Shell::Posix));
    Snippet::new(SnippetId::RegisterDocker, text)
}

pub(super) fn register_proxy(runner: &RunnerInputs) -> Snippet {
    let typed = runner_text(&runner.proxy_url, "http://yourproxyurl:3128");
    let mut text = token_comments(runner, Shell::Posix);
    // The proxy's user and password are credentials like the token: variables set beforehand,
    // never the text (every URL field's userinfo stays out of every output).
    let proxy = match split_userinfo(&typed) {
        Some(parts) => {
            let (names, reads, userinfo) = match parts.password {
                Some(_) => (
                    format!("{PROXY_USER_VARIABLE} and {PROXY_PASSWORD_VARIABLE}"),
                    format!("read -r {PROXY_USER_VARIABLE}; read -rs {PROXY_PASSWORD_VARIABLE}"),
                    format!("\"${{{PROXY_USER_VARIABLE}}}:${{{PROXY_PASSWORD_VARIABLE}}}\""),
                ),
                None => {
                    (PROXY_USER_VARIABLE.to_owned(), format!("read -r {PROXY_USER_VARIABLE}"), format!("\"${{{PROXY_USER_VARIABLE}}}\""))
                }
            };
            text.push_str(&format!("# Set {names} to the proxy's credentials first, the same way:\n#   {reads}\n"));
            format!("{}{userinfo}{}", shell_word(parts.before), shell_word(&format!("@{}", parts.after)))
        }
        None => shell_word(&typed),
    };
    text.push_str(
        "# The proxy variables reach this command only (sudo -E keeps them); the runner service\n# needs its own proxy settings.\n",
    );
    text.push_str(&format!("export HTTP_PROXY={proxy}\nexport HTTPS_PROXY={proxy}\n"));
    push_linux_register(&mut text, runner, true);
    Snippet::new(SnippetId::RegisterProxy, text)
}

/// The optional `--template-config` file, then the `gitlab-runner register` command on Linux.
fn push_linux_register(text: &mut String, runner: &RunnerInputs, preserve_environment: bool) {
    let template = template_config(runner);
    if let Some(template) = &template {
        text.push_str(template);
    }
    let arguments = register_arguments(runner, &runner.executor, &runner.docker_image, template.is_some(), Shell::Posix);
    text.push_str(&continued(&linux_register_command(runner, preserve_environment), &arguments, Shell::Posix));
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shell {
    Posix,
    PowerShell,
}

impl Shell {
    fn quote(self, text: &str) -> String {
        match self {
            Shell::Posix => shell_string(text),
            // Safe text has no `$` or backtick, so double quotes (as the seeds write) are literal.
            Shell::PowerShell if shell_safe(text) => format!("\"{text}\""),
            Shell::PowerShell => powershell_string(text),
        }
    }
}

/// Where the token comes from: a variable set beforehand, so it is never in the snippet, and
/// how to set it without the shell history keeping it.
fn token_comments(runner: &RunnerInputs, shell: Shell) -> String {
    let (variable, what) = token_variable(runner.token_flow);
    let read = match shell {
        Shell::Posix => format!("read -rs {variable}"),
        Shell::PowerShell => format!("${variable} = [Net.NetworkCredential]::new('', (Read-Host -AsSecureString)).Password"),
    };
    let mut text =
        format!("# Set {variable} to the {what} first; this way it is\n# neither shown nor kept in the shell history:\n#   {read}\n");
    match runner.token_flow {
        TokenFlow::AuthenticationToken => text.push_str(
            "# Tags, run-untagged, locked, protected and the maintenance note are set in GitLab when\n\
             # you create the runner; register rejects them with an authentication token.\n",
        ),
        TokenFlow::RegistrationTokenDeprecated => text.push_str(
            "# Deprecated: registration tokens are being removed from GitLab. Prefer a runner\n\
             # authentication token (glrt-…) created with the runner in GitLab.\n",
        ),
    }
    text
}

fn token_variable(flow: TokenFlow) -> (&'static str, &'static str) {
    match flow {
        TokenFlow::AuthenticationToken => ("RUNNER_TOKEN", "runner authentication token (glrt-…)"),
        TokenFlow::RegistrationTokenDeprecated => ("PROJECT_REGISTRATION_TOKEN", "registration token"),
    }
}

/// The non-interactive flags, in the overview seed's order. The runner-level settings go only
/// with the deprecated registration token: with `--token` GitLab owns them.
fn register_arguments(runner: &RunnerInputs, executor: &str, image: &str, with_template: bool, shell: Shell) -> Vec<String> {
    let (token_variable, _) = token_variable(runner.token_flow);
    let token_flag = match runner.token_flow {
        TokenFlow::AuthenticationToken => "--token",
        TokenFlow::RegistrationTokenDeprecated => "--registration-token",
    };
    let executor = runner_text(executor, "docker");
    let mut arguments = vec![
        "--non-interactive".to_owned(),
        // `register` needs no credentials in the URL; any typed there stay out of the snippet.
        format!("--url {}", shell.quote(&without_userinfo(&runner_text(&runner.gitlab_url, "https://gitlab.com")))),
        format!("{token_flag} \"${token_variable}\""),
        format!("--executor {}", shell.quote(&executor)),
    ];
    if executor.starts_with("docker") {
        arguments.push(format!("--docker-image {}", shell.quote(&runner_text(image, "alpine:latest"))));
        if runner.privileged {
            arguments.push("--docker-privileged".to_owned());
        }
    }
    let description = runner_text(&runner.description, "");
    if !description.is_empty() {
        arguments.push(format!("--description {}", shell.quote(&description)));
    }
    if runner.token_flow == TokenFlow::RegistrationTokenDeprecated {
        let note = runner_text(&runner.maintenance_note, "");
        if !note.is_empty() {
            arguments.push(format!("--maintenance-note {}", shell.quote(&note)));
        }
        let tags = tag_list(&runner.tags);
        if !tags.is_empty() {
            arguments.push(format!("--tag-list {}", shell.quote(&tags)));
        }
        arguments.push(format!("--run-untagged=\"{}\"", runner.run_untagged));
        arguments.push(format!("--locked=\"{}\"", runner.locked));
        arguments.push(format!("--access-level=\"{}\"", runner.access_level.as_str()));
    }
    if with_template {
        arguments.push(format!("--template-config {TEMPLATE_CONFIG_PATH}"));
    }
    arguments
}

/// `docker, aws ,` → `docker,aws`.
fn tag_list(tags: &str) -> String {
    split_list(tags).join(",")
}

/// The items of a comma-separated input, each on one line.
fn split_list(text: &str) -> Vec<String> {
    text.split(',').map(|item| runner_text(item, "")).filter(|item| !item.is_empty()).collect()
}

/// A runner input as one trimmed line (or `fallback` when empty): these are single-line
/// fields, and a line break would end a command or a comment in every shell.
fn runner_text(text: &str, fallback: &str) -> String {
    non_empty_or(&one_line(text), fallback)
}

/// The seed's services template, written with a quoted heredoc, for Docker executors only
/// (services are a `[runners.docker]` setting).
fn template_config(runner: &RunnerInputs) -> Option<String> {
    let services = split_list(&runner.services);
    if services.is_empty() || !runner_text(&runner.executor, "docker").starts_with("docker") {
        return None;
    }
    let mut text = format!("cat > {TEMPLATE_CONFIG_PATH} <<'EOF'\n[[runners]]\n  [runners.docker]\n");
    for service in services {
        // A TOML string is one line, so no line of the heredoc can be its `EOF`.
        text.push_str(&format!("    [[runners.docker.services]]\n      name = {}\n", toml_string(&service)));
    }
    text.push_str("EOF\n");
    Some(text)
}

/// `first \` + one argument per line, with the shell's line continuation.
fn continued(first: &str, arguments: &[String], shell: Shell) -> String {
    let continuation = match shell {
        Shell::Posix => " \\\n  ",
        Shell::PowerShell => " `\n  ",
    };
    let mut text = first.to_owned();
    for argument in arguments {
        text.push_str(continuation);
        text.push_str(argument);
    }
    text.push('\n');
    text
}
