//! Credential helpers (`credHelpers` entries and `credsStore`): which names a runner can run, and
//! what to say about one. The generator and the inspector both report through [`check_helper`].
//!
//! A helper is the binary `docker-credential-<name>` on the runner host's `PATH`, not in the job
//! image (`docs/gitlab-runner.md#credential-helpers`). GitLab Runner refuses a name that is not
//! its own base name (`path traversal is not allowed`, a hard job error), and a helper that is
//! missing or fails drops every credential of its source (`docs/gitlab-runner.md#parsing-and-all-or-nothing`).

use crate::findings::{Finding, FindingCode, Severity};

/// Helper names offered in the `Helper` select, in display order.
pub const HELPER_PRESETS: [&str; 9] =
    ["ecr-login", "gcloud", "gcr", "acr-env", "osxkeychain", "wincred", "pass", "secretservice", "desktop"];

/// Stores that only exist on a desktop: no runner has them (`docs/failure-modes.md#desktop-copy`).
pub const DESKTOP_ONLY_HELPERS: [&str; 3] = ["desktop", "osxkeychain", "wincred"];

/// Why a helper name is unusable, if it is. "" becomes "." in the runner, and a name with a path
/// separator, whitespace or a control character is not a base name.
pub fn name_problem(name: &str) -> Option<FindingCode> {
    if name.trim().is_empty() {
        Some(FindingCode::HelperEmpty)
    } else if name.chars().any(|c| c == '/' || c == '\\' || c.is_whitespace() || c.is_control()) {
        Some(FindingCode::HelperNameInvalid)
    } else {
        None
    }
}

/// Whether a runner could run it: a valid name that is not a desktop-only store.
pub fn is_usable(name: &str) -> bool {
    name_problem(name).is_none() && !DESKTOP_ONLY_HELPERS.contains(&name)
}

/// The one finding about a helper name: its problem, that it only exists on desktops, or (for a
/// usable one) that `docker-credential-<name>` must be installed on the runner host.
pub fn check_helper(name: &str) -> Finding {
    if let Some(code) = name_problem(name) {
        Finding::new(code, Severity::Error).subject(name)
    } else if DESKTOP_ONLY_HELPERS.contains(&name) {
        Finding::new(FindingCode::DesktopOnlyStore, Severity::Error).subject(name)
    } else {
        Finding::new(FindingCode::HelperNeedsInstall, Severity::Info).subject(format!("docker-credential-{name}"))
    }
}

/// At most this many helpers are named in `mixed-helpers-and-auths`.
const MAX_NAMED_HELPERS: usize = 6;

/// The all-or-nothing warning for a value that mixes static `auths` credentials with helpers
/// (`credsStore` or `credHelpers`): one helper missing or failing on the runner drops every
/// credential of the value, the static ones too (`docs/gitlab-runner.md#parsing-and-all-or-nothing`,
/// `docs/failure-modes.md#one-helper-takes-the-static-entries-down`). The subject names the
/// helper binaries. `None` without static credentials or without helpers.
pub fn mixed_sources<'a>(has_static: bool, helpers: impl IntoIterator<Item = &'a str>) -> Option<Finding> {
    if !has_static {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    let mut more = false;
    for helper in helpers {
        let name = format!("docker-credential-{}", helper.trim());
        if names.contains(&name) {
            continue;
        }
        if names.len() == MAX_NAMED_HELPERS {
            more = true;
            break;
        }
        names.push(name);
    }
    if names.is_empty() {
        return None;
    }
    let mut subject = names.join(", ");
    if more {
        subject.push_str(", …");
    }
    Some(Finding::new(FindingCode::MixedHelpersAndAuths, Severity::Warning).subject(subject))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(check_helper("").code, FindingCode::HelperEmpty);
        assert_eq!(check_helper("../x").code, FindingCode::HelperNameInvalid);
        assert_eq!(check_helper("osxkeychain").code, FindingCode::DesktopOnlyStore);
        let ok = check_helper("ecr-login");
        assert_eq!((ok.code, ok.subject.as_str()), (FindingCode::HelperNeedsInstall, "docker-credential-ecr-login"));
        assert!(is_usable("gcloud") && !is_usable("desktop") && !is_usable("a b"));
    }

    #[test]
    fn mixed_sources_name_each_helper_once() {
        assert_eq!(mixed_sources(false, ["gcloud"]), None);
        assert_eq!(mixed_sources(true, []), None);
        let found = mixed_sources(true, ["ecr-login", "gcloud", "ecr-login"]).unwrap();
        assert_eq!(found.subject, "docker-credential-ecr-login, docker-credential-gcloud");
        let many: Vec<String> = (0..10).map(|i| format!("h{i}")).collect();
        assert!(mixed_sources(true, many.iter().map(String::as_str)).unwrap().subject.ends_with(", …"));
    }
}
