//! Share and restore a setup without its secrets: as a JSON file or a URL fragment.
//!
//! The serialised types have no field for a password, token or username, so a secret cannot
//! end up in a shared file or link, whatever the code around them does. Importing ignores any
//! field it does not know, a `secret` included. Credentials typed inside a URL-shaped field
//! (`https://robot:token@host`) are taken out on every way in and out: [`SharedSetup::new`],
//! [`SharedSetup::to_json`], [`SharedSetup::to_fragment`] and the imports.
//!
//! ```
//! use registry_auth::setup::{RegistryEntry, Setup};
//! use registry_auth::shared_setup::SharedSetup;
//! use registry_auth::snippets::SnippetOptions;
//! let setup = Setup { entries: vec![RegistryEntry::basic("quay.io", "robot", "not-a-real-token")], ..Setup::default() };
//! let shared = SharedSetup::new(&setup, &[String::new()], &SnippetOptions::default(), &Default::default());
//! let link = shared.to_fragment();
//! assert!(!link.contains("robot") && !shared.to_json().contains("not-a-real-token"));
//! assert_eq!(SharedSetup::from_fragment(&link).unwrap().entries[0].registry, "quay.io");
//! ```

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::setup::{CredentialKind, OutputOptions, RegistryEntry, Setup, MAX_ENTRIES};
use crate::situation::Situation;
use crate::snippets::SnippetOptions;
use crate::userinfo::{without_userinfo, without_userinfo_in_list};

/// Marks files and links of this format; a future format can be told apart.
pub const FORMAT: &str = "auth-config-builder/setup-v1";
/// The URL fragment prefix of a share link: `#setup=<base64url JSON>`.
pub const FRAGMENT_PREFIX: &str = "#setup=";
/// Larger input is refused rather than parsed (a shared setup is a few KB), in bytes.
pub const MAX_INPUT: usize = 1024 * 1024;

/// Everything of a setup but its secrets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SharedSetup {
    /// Must be present: a missing one reads as "" and is refused.
    #[serde(default)]
    pub format: String,
    pub entries: Vec<SharedEntry>,
    pub creds_store: String,
    pub pretty: bool,
    pub include_plain_fields: bool,
    pub snippets: SnippetOptions,
    /// "Where will this run?"
    pub situation: Situation,
}

/// One registry row without username or secret.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SharedEntry {
    pub registry: String,
    pub keep_namespace: bool,
    /// `basic` or `helper`.
    pub credentials: String,
    pub helper: String,
    /// The GitLab token kind id, if any.
    pub gitlab_token: String,
}

impl Default for SharedSetup {
    fn default() -> Self {
        SharedSetup {
            format: FORMAT.to_owned(),
            entries: Vec::new(),
            creds_store: String::new(),
            pretty: false,
            include_plain_fields: false,
            snippets: SnippetOptions::default(),
            situation: Situation::default(),
        }
    }
}

/// Why a file or link could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Over [`MAX_INPUT`] bytes.
    TooLarge,
    /// Over [`MAX_ENTRIES`] registries.
    TooManyEntries,
    NotBase64,
    NotJson {
        line: usize,
        column: usize,
    },
    WrongFormat,
}

impl SharedSetup {
    /// Takes what may be shared. `gitlab_tokens[i]` is the token kind of entry `i`. Userinfo in
    /// URL-shaped fields is dropped: see [`SharedSetup::had_userinfo`].
    pub fn new(setup: &Setup, gitlab_tokens: &[String], snippets: &SnippetOptions, situation: &Situation) -> Self {
        let entries = setup
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| SharedEntry {
                registry: e.registry.clone(),
                keep_namespace: e.keep_namespace,
                credentials: e.kind.as_str().to_owned(),
                helper: e.helper.clone(),
                gitlab_token: gitlab_tokens.get(i).cloned().unwrap_or_default(),
            })
            .collect();
        SharedSetup {
            entries,
            creds_store: setup.creds_store.clone(),
            pretty: setup.options.pretty,
            include_plain_fields: setup.options.include_plain_fields,
            snippets: snippets.clone(),
            situation: situation.clone(),
            ..SharedSetup::default()
        }
        .without_userinfo()
    }

    /// Whether any URL-shaped field of `setup` or `snippets` holds `user[:password]@`, which
    /// [`SharedSetup::new`] leaves out (the page says so beside the link).
    pub fn had_userinfo(setup: &Setup, snippets: &SnippetOptions) -> bool {
        let mut shared = SharedSetup { snippets: snippets.clone(), ..SharedSetup::default() };
        shared.entries = setup.entries.iter().map(|e| SharedEntry { registry: e.registry.clone(), ..SharedEntry::default() }).collect();
        shared.clone().without_userinfo() != shared
    }

    /// The same setup with the userinfo of every URL-shaped field removed: registries, the
    /// GitLab and proxy URLs, and the image fields (an image reference has no userinfo, so
    /// anything there is a pasted credential). Free-text fields are left alone: a description
    /// may rightly hold `ops@example.com`.
    fn without_userinfo(mut self) -> Self {
        fn strip(text: &mut String) {
            if let std::borrow::Cow::Owned(clean) = without_userinfo(text) {
                *text = clean;
            }
        }
        for entry in &mut self.entries {
            strip(&mut entry.registry);
        }
        let snippets = &mut self.snippets;
        strip(&mut snippets.kaniko_image);
        let runner = &mut snippets.runner;
        for field in [&mut runner.gitlab_url, &mut runner.proxy_url, &mut runner.docker_image, &mut runner.windows_docker_image] {
            strip(field);
        }
        if let std::borrow::Cow::Owned(clean) = without_userinfo_in_list(&runner.services) {
            runner.services = clean;
        }
        self
    }

    /// The setup to load: usernames and secrets empty, to be typed again.
    pub fn to_setup(&self) -> Setup {
        Setup {
            entries: self
                .entries
                .iter()
                .map(|e| RegistryEntry {
                    registry: e.registry.clone(),
                    keep_namespace: e.keep_namespace,
                    kind: CredentialKind::parse(&e.credentials),
                    helper: e.helper.clone(),
                    ..RegistryEntry::default()
                })
                .collect(),
            creds_store: self.creds_store.clone(),
            options: OutputOptions { pretty: self.pretty, include_plain_fields: self.include_plain_fields },
        }
    }

    /// Pretty JSON for a file.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.clone().without_userinfo()).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<Self, ImportError> {
        if text.len() > MAX_INPUT {
            return Err(ImportError::TooLarge);
        }
        let shared: SharedSetup = serde_json::from_str(text).map_err(|e| ImportError::NotJson { line: e.line(), column: e.column() })?;
        if shared.format != FORMAT {
            return Err(ImportError::WrongFormat);
        }
        if shared.entries.len() > MAX_ENTRIES {
            return Err(ImportError::TooManyEntries);
        }
        Ok(shared.without_userinfo())
    }

    /// `#setup=<base64url of the minified JSON>`.
    pub fn to_fragment(&self) -> String {
        let json = serde_json::to_string(&self.clone().without_userinfo()).unwrap_or_default();
        format!("{FRAGMENT_PREFIX}{}", URL_SAFE_NO_PAD.encode(json))
    }

    /// Reads a fragment made by `to_fragment` (with or without the leading `#setup=`).
    pub fn from_fragment(fragment: &str) -> Result<Self, ImportError> {
        let encoded = fragment.strip_prefix(FRAGMENT_PREFIX).or_else(|| fragment.strip_prefix("setup=")).unwrap_or(fragment);
        if encoded.len() > MAX_INPUT {
            return Err(ImportError::TooLarge);
        }
        let bytes = URL_SAFE_NO_PAD.decode(encoded.trim()).map_err(|_| ImportError::NotBase64)?;
        Self::from_json(std::str::from_utf8(&bytes).map_err(|_| ImportError::NotBase64)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_shared_setup() {
        assert_eq!(SharedSetup::from_json("{}"), Err(ImportError::WrongFormat));
        assert!(matches!(SharedSetup::from_json("{"), Err(ImportError::NotJson { .. })));
        assert_eq!(SharedSetup::from_fragment("#setup=***"), Err(ImportError::NotBase64));
        assert_eq!(SharedSetup::from_json(&" ".repeat(MAX_INPUT + 1)), Err(ImportError::TooLarge));
        let entries = |n: usize| format!(r#"{{"format":"{FORMAT}","entries":[{}]}}"#, vec!["{}"; n].join(","));
        assert_eq!(SharedSetup::from_json(&entries(MAX_ENTRIES)).map(|s| s.entries.len()), Ok(MAX_ENTRIES));
        assert_eq!(SharedSetup::from_json(&entries(MAX_ENTRIES * 10)), Err(ImportError::TooManyEntries));
    }

    #[test]
    fn an_imported_secret_field_is_ignored() {
        let text = format!(r#"{{"format":"{FORMAT}","entries":[{{"registry":"a.io","secret":"leak","username":"u"}}]}}"#);
        let setup = SharedSetup::from_json(&text).unwrap().to_setup();
        assert_eq!((setup.entries[0].secret.as_str(), setup.entries[0].username.as_str()), ("", ""));
    }
}
