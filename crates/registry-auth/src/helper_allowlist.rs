//! GitLab Runner's allowlist for credential helpers named in a job-supplied
//! `DOCKER_AUTH_CONFIG` (`docs/gitlab-runner.md#restrict-docker-credential-helpers`).
//!
//! Since 19.4.0 (backported to 19.3.2, 19.2.4 and 19.1.3; runner !7320), the runner does not run
//! a helper that a job's `DOCKER_AUTH_CONFIG` names (`credHelpers`, `credsStore`) unless the
//! runner's `allowed_docker_credential_helpers` permits it for that registry. The pull then goes
//! out without that credential. What is **not confirmed** in any source this project can cite:
//! the setting's exact `config.toml` shape, whether a refused helper drops only its registry or
//! the whole value, and whether `credsStore` is treated like `credHelpers`. The texts say so.
//!
//! A helper the runner user's own `~/.docker/config.json` names on the manager is not
//! job-supplied, so the allowlist is not needed for it (the `manager-helper` route).
//!
//! ```
//! use registry_auth::helper_allowlist::refusal;
//! use registry_auth::runner_version::VersionInput;
//! let helpers = vec![("123456789012.dkr.ecr.eu-west-1.amazonaws.com".to_owned(), "ecr-login".to_owned())];
//! assert!(refusal(&helpers, None, VersionInput::read("")).is_some()); // the newest known
//! assert!(refusal(&helpers, None, VersionInput::read("19.0")).is_none());
//! ```

use crate::findings::{Finding, FindingCode, Severity};
use crate::runner_version::{Holds, VersionInput, VersionedRule};

/// The helpers of a value the chosen runner version will not run from a job-supplied value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// `credHelpers` entries: (registry key as written, helper name), in the value's order.
    pub helpers: Vec<(String, String)>,
    /// The `credsStore`, if any (whether the allowlist covers it is not confirmed).
    pub store: Option<String>,
    /// `Yes`, or `FromPatch(p)` when only `major.minor` was given.
    pub holds: Holds,
    pub version: VersionInput,
}

/// The refusal for a value's helpers under the runner `version` (`Situation::runner_version`), or
/// `None` when that version runs them (or the value names none). Desktop-only and invalid names
/// are left to their own findings.
pub fn refusal(cred_helpers: &[(String, String)], creds_store: Option<&str>, version: VersionInput) -> Option<Refusal> {
    let holds = VersionedRule::JobHelpersRefused.holds(version.version);
    let usable = |name: &str| crate::credential_helper::is_usable(name);
    let helpers: Vec<(String, String)> = cred_helpers.iter().filter(|(_, h)| usable(h)).cloned().collect();
    let store = creds_store.map(str::trim).filter(|s| !s.is_empty() && usable(s)).map(str::to_owned);
    (holds.possibly() && (!helpers.is_empty() || store.is_some())).then_some(Refusal { helpers, store, holds, version })
}

impl Refusal {
    /// The version as typed or assumed (`19.4.0`), with `.<patch>+` when the rule depends on a
    /// patch the version does not name (`19.3.2+`).
    pub fn version_text(&self) -> String {
        let mut text = self.version.version.to_string();
        if let Holds::FromPatch(patch) = self.holds {
            text = format!("{text}.{patch}+");
        }
        text
    }

    /// One finding per refused helper: on its entry (`entry_of` maps a registry key to the
    /// generator's row, when there is one), and one for the `credsStore`.
    pub fn findings(&self, entry_of: impl Fn(&str) -> Option<usize>) -> Vec<Finding> {
        let severity = if self.holds == Holds::Yes { Severity::Warning } else { Severity::Info };
        let mut out = Vec::new();
        for (key, helper) in &self.helpers {
            let mut finding = Finding::new(FindingCode::HelperNotAllowed, severity).key(key).subject(helper).detail(self.version_text());
            if let Some(index) = entry_of(key) {
                finding = finding.entry(index);
            }
            out.push(finding);
        }
        if let Some(store) = &self.store {
            out.push(Finding::new(FindingCode::HelperNotAllowed, severity).subject(store).detail(self.version_text()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(version: &str) -> VersionInput {
        VersionInput::read(version)
    }

    #[test]
    fn on_both_sides_of_each_boundary() {
        let helpers = vec![("gcr.io".to_owned(), "gcloud".to_owned())];
        for (version, refused) in
            [("19.0.9", false), ("19.1.2", false), ("19.1.3", true), ("19.3.1", false), ("19.3.2", true), ("19.4.0", true), ("", true)]
        {
            assert_eq!(refusal(&helpers, None, with(version)).is_some(), refused, "{version}");
        }
        let by_patch = refusal(&helpers, None, with("19.3")).unwrap();
        assert_eq!((by_patch.holds, by_patch.version_text()), (Holds::FromPatch(2), "19.3.2+".to_owned()));
        assert_eq!(by_patch.findings(|_| None)[0].severity, Severity::Info);
    }

    #[test]
    fn stores_count_and_desktop_stores_do_not() {
        assert!(refusal(&[], Some("ecr-login"), with("19.4")).is_some());
        assert!(refusal(&[], Some("osxkeychain"), with("19.4")).is_none());
        assert!(refusal(&[], None, with("19.4")).is_none());
        let refused = refusal(&[("a.io".into(), "pass".into())], Some("ecr-login"), with("19.4")).unwrap();
        let findings = refused.findings(|k| (k == "a.io").then_some(2));
        assert_eq!(findings.len(), 2);
        assert_eq!((findings[0].entry, findings[0].subject.as_str(), findings[0].detail.as_str()), (Some(2), "pass", "19.4"));
        assert_eq!((findings[1].entry, findings[1].subject.as_str()), (None, "ecr-login"));
    }
}
