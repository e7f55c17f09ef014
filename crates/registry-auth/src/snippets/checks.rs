//! Proving the value works without this page touching a registry: a job whose `image:` is the
//! private image (the runner's own pull is the test), and four registry clients reading the
//! value from a file (`docs/checks.md#what-each-check-proves`).

use super::quoting::{shell_word, single_line_or, yaml_comment, yaml_scalar, yaml_sequence};
use super::variable_as_code::VALUE_FILE;
use super::{command, Snippet, SnippetId};
use super::{SnippetOptions, DEFAULT_TEST_IMAGE};

fn test_image(options: &SnippetOptions) -> String {
    single_line_or(&options.test_image, DEFAULT_TEST_IMAGE)
}

/// A minimal job whose `image:` is the private image: when its script runs, the runner pulled
/// the image with the credential it chose (`docs/checks.md#the-smoke-test-job`).
pub(super) fn smoke_test_job(options: &SnippetOptions) -> Snippet {
    let mut out = String::new();
    for line in [
        "The runner's own pull is the test: if the script runs, GitLab Runner pulled the image with",
        "the credential it chose; the job log names it (Authenticating with credentials from ...).",
        "An image without a shell fails after the pull: the log still shows whether the pull worked.",
    ] {
        out.push_str(&yaml_comment(line, 0));
    }
    out.push_str("registry-smoke-test:\n  image:\n");
    out.push_str(&format!("    name: {}\n", yaml_scalar(&test_image(options))));
    out.push_str("    entrypoint: [\"\"]\n  variables:\n    GIT_STRATEGY: none\n  script:\n");
    out.push_str(&yaml_sequence(&[command("echo \"Pulled, so the registry credentials work.\"")], 4));
    Snippet::new(SnippetId::SmokeTestJob, out)
}

/// skopeo, crane, regctl and the docker CLI asking the registry for the image's manifest with
/// nothing but the value (`docs/checks.md#the-registry-clients`). skopeo takes the file itself;
/// the others read `config.json` in a directory, so they get a fresh one holding only the value.
/// `DOCKER_AUTH_CONFIG` is unset first: docker CLI 28.3+ and regctl 0.10.0+ (regclient #996)
/// would take it over the file.
pub(super) fn registry_check(options: &SnippetOptions) -> Snippet {
    let text = format!(
        "# From a machine that reaches the registry. Save the DOCKER_AUTH_CONFIG value as\n\
         # {VALUE_FILE} first (umask 077); each command exits non-zero when refused.\n\
         # docker CLI 28.3+ and regctl 0.10.0+ read DOCKER_AUTH_CONFIG before config.json: the\n\
         # file alone is under test.\n\
         unset DOCKER_AUTH_CONFIG\n\
         IMAGE={image}\n\
         AUTHFILE={VALUE_FILE}\n\
         # skopeo (containers/image, as Buildah and Podman) reads the file given:\n\
         skopeo inspect --authfile \"$AUTHFILE\" \"docker://$IMAGE\"\n\
         # crane, regctl and the docker CLI read config.json in a directory: one with only the value.\n\
         CHECK_CONFIG=\"$(mktemp -d)\"\n\
         cp \"$AUTHFILE\" \"$CHECK_CONFIG/config.json\"\n\
         DOCKER_CONFIG=\"$CHECK_CONFIG\" crane manifest \"$IMAGE\"\n\
         DOCKER_CONFIG=\"$CHECK_CONFIG\" regctl manifest head \"$IMAGE\"\n\
         docker --config \"$CHECK_CONFIG\" manifest inspect \"$IMAGE\"\n\
         rm -rf \"$CHECK_CONFIG\"\n",
        image = shell_word(&test_image(options)),
    );
    Snippet::new(SnippetId::RegistryCheck, text)
}
