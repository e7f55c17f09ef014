//! GitLab Runner versions, and the one home of every rule that holds for some versions only
//! (`docs/gitlab-runner.md#rules-by-runner-version`).
//!
//! The user may give the runner's version (`19.3`, `v19.3.2`, `19.4.0~pre.1`); empty means the
//! newest version this tool knows ([`NEWEST_KNOWN`]), and the page says which that is. A rule
//! fixed in a patch release (`19.3.2`) cannot be decided from `19.3`: [`Holds::FromPatch`] says
//! from which patch on, and the page says both.
//!
//! ```
//! use registry_auth::runner_version::{RunnerVersion, VersionedRule, Holds};
//! let v = RunnerVersion::parse("19.3").unwrap();
//! assert_eq!(VersionedRule::JobHelpersRefused.holds(v), Holds::FromPatch(2));
//! assert_eq!(VersionedRule::JobHelpersRefused.holds(RunnerVersion::parse("19.0.1").unwrap()), Holds::No);
//! assert_eq!(VersionedRule::NamespacedKeys.holds(RunnerVersion::parse("17.5").unwrap()), Holds::Yes);
//! ```

use std::fmt;

use strum::{EnumIter, IntoStaticStr};

/// A GitLab Runner release: `major.minor`, with the patch when it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RunnerVersion {
    pub major: u16,
    pub minor: u16,
    /// `None` when only `major.minor` was given.
    pub patch: Option<u16>,
}

/// The newest GitLab Runner release whose source this tool's rules were checked against
/// (`gitlab-org/gitlab-runner` 19.4.0, August 2026): what an empty version field means.
pub const NEWEST_KNOWN: RunnerVersion = RunnerVersion { major: 19, minor: 4, patch: Some(0) };

/// Why a version field cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionError {
    /// Not `major.minor[.patch]` with numbers (a leading `v` and a suffix after `-`, `~` or `+`
    /// are allowed).
    NotAVersion,
    /// Newer than [`NEWEST_KNOWN`]: the rules are those of the newest known, not confirmed for it.
    NewerThanKnown,
}

impl RunnerVersion {
    pub const fn new(major: u16, minor: u16, patch: u16) -> Self {
        RunnerVersion { major, minor, patch: Some(patch) }
    }

    /// Reads `19.3`, `v19.3.2`, `19.4.0~pre.1`, `19.3.2-fips` (the suffix is ignored).
    pub fn parse(text: &str) -> Result<RunnerVersion, VersionError> {
        let text = text.trim();
        let text = text.strip_prefix(['v', 'V']).unwrap_or(text);
        let core = text.split(['-', '~', '+', ' ']).next().unwrap_or_default();
        let mut parts = core.split('.');
        let mut number = || -> Option<Option<u16>> {
            match parts.next() {
                None => Some(None),
                Some(p) if !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()) => p.parse().ok().map(Some),
                Some(_) => None,
            }
        };
        let (Some(Some(major)), Some(Some(minor)), Some(patch)) = (number(), number(), number()) else {
            return Err(VersionError::NotAVersion);
        };
        if parts.next().is_some() {
            return Err(VersionError::NotAVersion);
        }
        Ok(RunnerVersion { major, minor, patch })
    }

    fn minor_key(self) -> (u16, u16) {
        (self.major, self.minor)
    }
}

impl fmt::Display for RunnerVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.patch {
            Some(patch) => write!(f, "{}.{}.{patch}", self.major, self.minor),
            None => write!(f, "{}.{}", self.major, self.minor),
        }
    }
}

/// The version field as the rules read it: empty is [`NEWEST_KNOWN`]; a version newer than it
/// is read as it is (rules that hold from some version on keep holding) and flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionInput {
    /// The version the rules are decided for.
    pub version: RunnerVersion,
    /// The field was empty: the newest known version is assumed.
    pub assumed: bool,
    /// What is wrong with the field, if anything (an unreadable field is read as the newest).
    pub problem: Option<VersionError>,
}

impl VersionInput {
    pub fn read(text: &str) -> VersionInput {
        if text.trim().is_empty() {
            return VersionInput { version: NEWEST_KNOWN, assumed: true, problem: None };
        }
        match RunnerVersion::parse(text) {
            Ok(v) if v.minor_key() > NEWEST_KNOWN.minor_key() => {
                VersionInput { version: v, assumed: false, problem: Some(VersionError::NewerThanKnown) }
            }
            Ok(v) => VersionInput { version: v, assumed: false, problem: None },
            Err(e) => VersionInput { version: NEWEST_KNOWN, assumed: true, problem: Some(e) },
        }
    }
}

/// Whether a rule holds for a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    Yes,
    No,
    /// Only from this patch of the given `major.minor` on; the version gave no patch.
    FromPatch(u16),
}

impl Holds {
    /// Holds, or may hold depending on the patch: what a warning must assume.
    pub fn possibly(self) -> bool {
        self != Holds::No
    }
}

/// A rule that holds for some GitLab Runner versions only. `<&str>::from(rule)` is a stable kebab-case id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum VersionedRule {
    /// Keys with a namespace (`host/group`) are matched by longest prefix. 17.5+ (!4727).
    NamespacedKeys,
    /// Keys written with `http://` never match: 17.5 to 18.0 (!5329 fixed it in 18.1).
    HttpKeysBroken,
    /// A `DOCKER_AUTH_CONFIG` the runner cannot read is named in the job log. 18.11+ (!6578);
    /// before, it was dropped silently.
    DroppedSourceWarned,
    /// A credential helper (`credHelpers`, `credsStore`) named in a job-supplied
    /// `DOCKER_AUTH_CONFIG` runs only if the runner's `allowed_docker_credential_helpers`
    /// allows it. 19.4.0+, backported to 19.3.2, 19.2.4 and 19.1.3 (!7320).
    JobHelpersRefused,
}

/// The patch releases that got the helper allowlist before 19.4.0 (runner !7320's backports).
const HELPER_ALLOWLIST_BACKPORTS: [RunnerVersion; 3] =
    [RunnerVersion::new(19, 3, 2), RunnerVersion::new(19, 2, 4), RunnerVersion::new(19, 1, 3)];

/// `(major, minor, first patch)`: the rule holds from that patch of that minor on; a later
/// minor of the same major is covered by the next entry or by `since`.
struct Range {
    since: RunnerVersion,
    until: Option<(u16, u16)>,
    backports: &'static [RunnerVersion],
}

impl VersionedRule {
    fn range(self) -> Range {
        match self {
            VersionedRule::NamespacedKeys => Range { since: RunnerVersion::new(17, 5, 0), until: None, backports: &[] },
            VersionedRule::HttpKeysBroken => Range { since: RunnerVersion::new(17, 5, 0), until: Some((18, 1)), backports: &[] },
            VersionedRule::DroppedSourceWarned => Range { since: RunnerVersion::new(18, 11, 0), until: None, backports: &[] },
            VersionedRule::JobHelpersRefused => {
                Range { since: RunnerVersion::new(19, 4, 0), until: None, backports: &HELPER_ALLOWLIST_BACKPORTS }
            }
        }
    }

    /// The upstream change the range comes from (`docs/gitlab-runner.md#rules-by-runner-version`).
    pub fn source(self) -> &'static str {
        match self {
            VersionedRule::NamespacedKeys => "gitlab-org/gitlab-runner CHANGELOG.md v17.5.0, !4727",
            VersionedRule::HttpKeysBroken => "gitlab-org/gitlab-runner CHANGELOG.md v18.1.0, !5329",
            VersionedRule::DroppedSourceWarned => "gitlab-org/gitlab-runner CHANGELOG.md v18.11.0, !6578",
            VersionedRule::JobHelpersRefused => {
                "gitlab-org/gitlab-runner !7320 (security MR 110), docs/configuration/advanced-configuration.md \"Restrict Docker credential helpers\""
            }
        }
    }

    /// Whether the rule holds for `v`.
    pub fn holds(self, v: RunnerVersion) -> Holds {
        let range = self.range();
        if let Some(until) = range.until {
            if v.minor_key() >= until {
                return Holds::No;
            }
        }
        let from = |start: RunnerVersion| -> Option<Holds> {
            if v.minor_key() != start.minor_key() {
                return None;
            }
            Some(match (v.patch, start.patch.unwrap_or(0)) {
                (_, 0) => Holds::Yes,
                (Some(p), first) if p >= first => Holds::Yes,
                (Some(_), _) => Holds::No,
                (None, first) => Holds::FromPatch(first),
            })
        };
        if let Some(h) = range.backports.iter().find_map(|b| from(*b)) {
            return h;
        }
        if v.minor_key() > range.since.minor_key() {
            return Holds::Yes;
        }
        from(range.since).unwrap_or(Holds::No)
    }

    /// The versions it holds for, as the page writes them (`19.4.0+, 19.3.2+, 19.2.4+, 19.1.3+`).
    pub fn versions(self) -> String {
        let range = self.range();
        let mut out = format!("{}+", range.since);
        for b in range.backports {
            out.push_str(&format!(", {b}+"));
        }
        if let Some((major, minor)) = range.until {
            out = format!("{} to before {major}.{minor}", range.since);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> RunnerVersion {
        RunnerVersion::parse(text).unwrap()
    }

    #[test]
    fn reads_what_people_write() {
        assert_eq!(v("19.3"), RunnerVersion { major: 19, minor: 3, patch: None });
        assert_eq!(v("v19.3.2"), RunnerVersion::new(19, 3, 2));
        assert_eq!(v(" 19.4.0~pre.1 "), RunnerVersion::new(19, 4, 0));
        assert_eq!(v("18.11.1-fips"), RunnerVersion::new(18, 11, 1));
        for bad in ["19", "19.", "latest", "19.x", "1.2.3.4", "v", "99999.1"] {
            assert_eq!(RunnerVersion::parse(bad), Err(VersionError::NotAVersion), "{bad}");
        }
        assert_eq!(VersionInput::read("").version, NEWEST_KNOWN);
        assert!(VersionInput::read("").assumed);
        assert_eq!(VersionInput::read("20.1").problem, Some(VersionError::NewerThanKnown));
        assert_eq!(VersionInput::read("soon").problem, Some(VersionError::NotAVersion));
    }

    #[test]
    fn each_rule_on_both_sides_of_its_boundaries() {
        use Holds::*;
        use VersionedRule::*;
        let cases = [
            (NamespacedKeys, "17.4.2", No),
            (NamespacedKeys, "17.5.0", Yes),
            (NamespacedKeys, "17.5", Yes),
            (NamespacedKeys, "19.4", Yes),
            (HttpKeysBroken, "17.4", No),
            (HttpKeysBroken, "17.5.0", Yes),
            (HttpKeysBroken, "18.0.3", Yes),
            (HttpKeysBroken, "18.1.0", No),
            (DroppedSourceWarned, "18.10.2", No),
            (DroppedSourceWarned, "18.11.0", Yes),
            (DroppedSourceWarned, "19.0", Yes),
            (JobHelpersRefused, "19.0.5", No),
            (JobHelpersRefused, "19.1.2", No),
            (JobHelpersRefused, "19.1.3", Yes),
            (JobHelpersRefused, "19.1", FromPatch(3)),
            (JobHelpersRefused, "19.2.3", No),
            (JobHelpersRefused, "19.2.4", Yes),
            (JobHelpersRefused, "19.3.1", No),
            (JobHelpersRefused, "19.3.2", Yes),
            (JobHelpersRefused, "19.3", FromPatch(2)),
            (JobHelpersRefused, "19.4.0", Yes),
            (JobHelpersRefused, "19.4", Yes),
            (JobHelpersRefused, "20.0", Yes),
            (JobHelpersRefused, "18.11.9", No),
        ];
        for (rule, version, expected) in cases {
            assert_eq!(rule.holds(v(version)), expected, "{rule:?} {version}");
        }
        assert_eq!(JobHelpersRefused.versions(), "19.4.0+, 19.3.2+, 19.2.4+, 19.1.3+");
        assert_eq!(HttpKeysBroken.versions(), "17.5.0 to before 18.1");
        assert_eq!(JobHelpersRefused.holds(NEWEST_KNOWN), Yes);
    }
}
