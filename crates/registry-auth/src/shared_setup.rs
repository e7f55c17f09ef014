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
use serde_json::{Map, Value};

use crate::config_builder::write_json;
use crate::situation::{Builder, ImageSource};
use crate::snippets::{OptionField, OptionKind};
use strum::IntoEnumIterator;

use crate::presets::GitLabToken;
use crate::setup::{CredentialKind, OutputOptions, RegistryEntry, Setup, MAX_ENTRIES};
use crate::situation::Situation;
use crate::snippets::SnippetOptions;
use crate::userinfo::without_userinfo;

/// Marks files and links of this format; a future format can be told apart.
pub const FORMAT: &str = "auth-config-builder/setup-v1";
/// The URL fragment prefix of a share link: `#setup=<base64url JSON>`.
pub const FRAGMENT_PREFIX: &str = "#setup=";
/// Larger input is refused rather than parsed (a shared setup is a few KB), in bytes.
pub const MAX_INPUT: usize = 1024 * 1024;

/// Everything of a setup but its secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedSetup {
    /// Must be present: a missing one reads as "" and is refused.
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
#[derive(Debug, Clone, PartialEq, Eq, Default)]
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
    /// A field holds none of its values: `field` is its path in the file
    /// (`situation.executor`, `entries[2].credentials`, `snippets.runner.docker_volume`).
    BadField {
        field: String,
    },
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
        self.snippets = self.snippets.without_userinfo();
        strip(&mut self.snippets.runner.proxy_url);
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
                    // Checked on import (`from_value`); a setup made by `new` holds its own ids.
                    kind: e.credentials.parse().unwrap_or_default(),
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
        write_json(&self.clone().without_userinfo().to_value(), true)
    }

    pub fn from_json(text: &str) -> Result<Self, ImportError> {
        if text.len() > MAX_INPUT {
            return Err(ImportError::TooLarge);
        }
        let value: Value = serde_json::from_str(text).map_err(|e| ImportError::NotJson { line: e.line(), column: e.column() })?;
        if text_of(&value, "format") != FORMAT {
            return Err(ImportError::WrongFormat);
        }
        let shared = SharedSetup::from_value(&value)?;
        if shared.entries.len() > MAX_ENTRIES {
            return Err(ImportError::TooManyEntries);
        }
        Ok(shared.without_userinfo())
    }

    /// `#setup=<base64url of the minified JSON>`.
    pub fn to_fragment(&self) -> String {
        let json = write_json(&self.clone().without_userinfo().to_value(), false);
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

// The file format, written by hand rather than derived: a derive instantiates a deserializer
// per type in the wasm (about 20 KB), for a file read only on import. Unknown fields are
// ignored, a missing field or one of the wrong type keeps its default (files from older
// versions lack newer fields), and a field that holds none of its values is refused by name.
impl SharedSetup {
    fn to_value(&self) -> Value {
        let mut root = Map::new();
        root.insert("format".into(), self.format.clone().into());
        let entries = self.entries.iter().map(SharedEntry::to_value).collect();
        root.insert("entries".into(), Value::Array(entries));
        root.insert("credsStore".into(), self.creds_store.clone().into());
        root.insert("pretty".into(), self.pretty.into());
        root.insert("includePlainFields".into(), self.include_plain_fields.into());
        let (mut snippets, mut runner) = (Map::new(), Map::new());
        for field in OptionField::iter() {
            let text = field.value(&self.snippets);
            let value = if field.kind() == OptionKind::Flag { Value::Bool(text == "true") } else { Value::String(text) };
            let (in_runner, key) = field.json_key();
            if in_runner { &mut runner } else { &mut snippets }.insert(key.into(), value);
        }
        snippets.insert("runner".into(), Value::Object(runner));
        root.insert("snippets".into(), Value::Object(snippets));
        let situation = &self.situation;
        let mut picked = Map::new();
        picked.insert("platform".into(), <&str>::from(situation.platform).into());
        picked.insert("executor".into(), <&str>::from(situation.executor).into());
        picked.insert("builders".into(), Value::Array(situation.builders.iter().map(|b| <&str>::from(*b).into()).collect()));
        picked.insert("role".into(), <&str>::from(situation.role).into());
        picked.insert("sources".into(), Value::Array(situation.sources.iter().map(|s| <&str>::from(*s).into()).collect()));
        picked.insert("runnerVersion".into(), situation.runner_version.clone().into());
        root.insert("situation".into(), Value::Object(picked));
        Value::Object(root)
    }

    fn from_value(value: &Value) -> Result<Self, ImportError> {
        let mut shared = SharedSetup { format: text_of(value, "format"), ..SharedSetup::default() };
        if let Some(entries) = value.get("entries").and_then(Value::as_array) {
            shared.entries = entries.iter().enumerate().map(|(i, e)| SharedEntry::from_value(e, i)).collect::<Result<_, _>>()?;
        }
        shared.creds_store = text_of(value, "credsStore");
        shared.pretty = flag(value, "pretty");
        shared.include_plain_fields = flag(value, "includePlainFields");
        if let Some(snippets) = value.get("snippets") {
            for field in OptionField::iter() {
                let (in_runner, key) = field.json_key();
                let holder = if in_runner { snippets.get("runner") } else { Some(snippets) };
                let Some(found) = holder.and_then(|h| h.get(key)) else { continue };
                let taken = match (field.kind(), found) {
                    (OptionKind::Flag, Value::Bool(on)) => field.set(&mut shared.snippets, if *on { "true" } else { "false" }),
                    (OptionKind::Choice(_) | OptionKind::Text, Value::String(text)) => field.set(&mut shared.snippets, text),
                    _ => Ok(()),
                };
                let path = if in_runner { format!("snippets.runner.{key}") } else { format!("snippets.{key}") };
                taken.map_err(|_| bad_field(path))?;
            }
        }
        if let Some(situation) = value.get("situation") {
            let s = &mut shared.situation;
            s.platform = parsed(situation, "platform", "situation")?.unwrap_or_default();
            s.executor = parsed(situation, "executor", "situation")?.unwrap_or_default();
            s.role = parsed(situation, "role", "situation")?.unwrap_or_default();
            // Capped like any typed name: a link is not a way around the field's limit.
            s.runner_version = text_of(situation, "runnerVersion").chars().take(crate::limits::MAX_NAME_CHARS).collect();
            if let Some(builders) = situation.get("builders").and_then(Value::as_array) {
                let picked: Vec<Builder> = parsed_list(builders, "situation.builders")?;
                s.builders = Builder::iter().filter(|b| picked.contains(b)).collect();
            }
            if let Some(sources) = situation.get("sources").and_then(Value::as_array) {
                let picked: Vec<ImageSource> = parsed_list(sources, "situation.sources")?;
                s.sources = ImageSource::iter().filter(|o| picked.contains(o)).collect();
            }
        }
        Ok(shared)
    }
}

fn bad_field(field: String) -> ImportError {
    ImportError::BadField { field }
}

/// The enum a string field names (strum's derived `FromStr`), `None` when the field is missing
/// or empty.
fn parsed<T: std::str::FromStr>(holder: &Value, key: &str, at: &str) -> Result<Option<T>, ImportError> {
    match holder.get(key).and_then(Value::as_str) {
        None | Some("") => Ok(None),
        Some(text) => text.parse().map(Some).map_err(|_| bad_field(format!("{at}.{key}"))),
    }
}

/// Every string of a list as the enum it names; a non-string or unknown item is refused.
fn parsed_list<T: std::str::FromStr>(items: &[Value], at: &str) -> Result<Vec<T>, ImportError> {
    items.iter().enumerate().map(|(i, v)| v.as_str().and_then(|t| t.parse().ok()).ok_or_else(|| bad_field(format!("{at}[{i}]")))).collect()
}

impl SharedEntry {
    fn to_value(&self) -> Value {
        let mut entry = Map::new();
        entry.insert("registry".into(), self.registry.clone().into());
        entry.insert("keepNamespace".into(), self.keep_namespace.into());
        entry.insert("credentials".into(), self.credentials.clone().into());
        entry.insert("helper".into(), self.helper.clone().into());
        entry.insert("gitlabToken".into(), self.gitlab_token.clone().into());
        Value::Object(entry)
    }

    /// Entry `index` of a file; `credentials` and `gitlabToken` must name a kind when present.
    fn from_value(value: &Value, index: usize) -> Result<Self, ImportError> {
        let at = format!("entries[{index}]");
        let credentials: Option<CredentialKind> = parsed(value, "credentials", &at)?;
        let gitlab_token: Option<GitLabToken> = parsed(value, "gitlabToken", &at)?;
        Ok(SharedEntry {
            registry: text_of(value, "registry"),
            keep_namespace: flag(value, "keepNamespace"),
            credentials: credentials.unwrap_or_default().as_str().to_owned(),
            helper: text_of(value, "helper"),
            gitlab_token: gitlab_token.map(|t| t.id().to_owned()).unwrap_or_default(),
        })
    }
}

fn text_of(value: &Value, key: &str) -> String {
    value.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn flag(value: &Value, key: &str) -> bool {
    value.get(key).and_then(Value::as_bool).unwrap_or_default()
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
    fn files_of_the_first_version_still_import() {
        let text = format!(
            r#"{{"format":"{FORMAT}","entries":[{{"registry":"a.io","keepNamespace":true,"credentials":"helper","helper":"gcloud"}}],
            "snippets":{{"docker_version":"27.0.3","variable_type":"file","runner":{{"access_level":"ref-protected","token_flow":"registration-token-deprecated","locked":true,"run_untagged":"yes"}}}}}}"#
        );
        let shared = SharedSetup::from_json(&text).unwrap();
        let runner = &shared.snippets.runner;
        // Versions no longer offered import as the default (snippets/options.rs, DockerVersion).
        assert_eq!((shared.snippets.docker_version.as_str(), shared.snippets.variable_type.as_str()), ("29.7.2", "file"));
        assert_eq!(
            (runner.access_level.as_str(), runner.token_flow.as_str(), runner.locked),
            ("ref_protected", "registration-token", true)
        );
        assert!(runner.run_untagged, "a mistyped field keeps its default");
        assert!(shared.entries[0].keep_namespace);
        assert_eq!(SharedSetup::from_json(&shared.to_json()).unwrap(), shared);
    }

    #[test]
    fn a_field_with_none_of_its_values_is_named() {
        let bad = |body: &str| match SharedSetup::from_json(&format!(r#"{{"format":"{FORMAT}",{body}}}"#)) {
            Err(ImportError::BadField { field }) => field,
            other => panic!("{body}: {other:?}"),
        };
        assert_eq!(bad(r#""situation":{"executor":"docker+machine"}"#), "situation.executor");
        assert_eq!(bad(r#""situation":{"platform":"GitLab.com"}"#), "situation.platform");
        assert_eq!(bad(r#""situation":{"builders":["dind","podman"]}"#), "situation.builders[1]");
        assert_eq!(bad(r#""situation":{"sources":[1]}"#), "situation.sources[0]");
        assert_eq!(bad(r#""entries":[{},{"credentials":"password"}]"#), "entries[1].credentials");
        assert_eq!(bad(r#""entries":[{"gitlabToken":"job-token"}]"#), "entries[0].gitlabToken");
        assert_eq!(bad(r#""snippets":{"runner":{"docker_volume":"tmpfs"}}"#), "snippets.runner.docker_volume");
        assert_eq!(bad(r#""snippets":{"docker_version":"latest"}"#), "snippets.docker_version");
        // Missing or empty: the default, as files of older versions have it.
        let shared =
            SharedSetup::from_json(&format!(r#"{{"format":"{FORMAT}","entries":[{{"credentials":""}}],"situation":{{}}}}"#)).unwrap();
        assert_eq!((shared.entries[0].credentials.as_str(), shared.situation.executor), ("basic", crate::executor::Executor::Docker));
    }

    #[test]
    fn an_imported_secret_field_is_ignored() {
        let text = format!(r#"{{"format":"{FORMAT}","entries":[{{"registry":"a.io","secret":"leak","username":"u"}}]}}"#);
        let setup = SharedSetup::from_json(&text).unwrap().to_setup();
        assert_eq!((setup.entries[0].secret.as_str(), setup.entries[0].username.as_str()), ("", ""));
    }
}
