//! The input model: what the user typed, as plain data. No signals, no browser types.

/// How one registry entry authenticates. The strings (`basic`, `helper`) are the `<option>`
/// values of the UI contract and a shared setup's `credentials`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum CredentialKind {
    /// Username plus password or token, written as `auths.<key>.auth`.
    #[default]
    Basic,
    /// A credential helper, written as `credHelpers.<key>`.
    Helper,
}

impl CredentialKind {
    /// The `<option>` value.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One registry as entered. Every field is kept while the kind changes, so switching
/// between basic and helper loses nothing typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegistryEntry {
    /// What the user typed or pasted: a host, URL, Docker Hub alias or image reference.
    pub registry: String,
    /// Keep `host/group` as the key (GitLab Runner 17.5+ only).
    pub keep_namespace: bool,
    pub kind: CredentialKind,
    pub username: String,
    /// The password or token. Never stored, logged or put in a URL.
    pub secret: String,
    /// The helper name without the `docker-credential-` prefix.
    pub helper: String,
}

impl RegistryEntry {
    pub fn basic(registry: &str, username: &str, secret: &str) -> Self {
        RegistryEntry { registry: registry.into(), username: username.into(), secret: secret.into(), ..Self::default() }
    }

    /// A basic row with nothing typed yet.
    pub fn is_blank(&self) -> bool {
        self.kind == CredentialKind::Basic && self.registry.trim().is_empty() && self.username.is_empty() && self.secret.is_empty()
    }

    pub fn helper(registry: &str, helper: &str) -> Self {
        RegistryEntry { registry: registry.into(), kind: CredentialKind::Helper, helper: helper.into(), ..Self::default() }
    }
}

/// The most registry rows a setup holds. Far more than any runner needs, and small enough that
/// every keystroke, import and Clear all stays fast; adding, importing and "edit in generator"
/// stop here and say so.
pub const MAX_ENTRIES: usize = 100;

/// Everything the generator needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Setup {
    pub entries: Vec<RegistryEntry>,
    /// `credsStore`: empty means none.
    pub creds_store: String,
    pub options: OutputOptions,
}

impl Setup {
    /// The `credHelpers` the value gets: (registry key, helper) of each helper row with a usable
    /// key, in row order.
    pub fn cred_helpers(&self) -> Vec<(String, String)> {
        self.entries
            .iter()
            .filter(|e| e.kind == CredentialKind::Helper)
            .filter_map(|e| crate::registry_key::normalise_registry(&e.registry, e.keep_namespace).ok().map(|k| (k.key, e.helper.clone())))
            .collect()
    }

    /// This setup with every username and secret empty: all that the parts which never read
    /// credentials depend on (the share link; the snippets whose [`crate::snippets::Reads`]
    /// say so). The page recomputes those only when this changes, so typing a token does not
    /// rebuild them. The secrets are not copied.
    pub fn without_credentials(&self) -> Setup {
        let entries = self
            .entries
            .iter()
            .map(|e| RegistryEntry {
                registry: e.registry.clone(),
                keep_namespace: e.keep_namespace,
                kind: e.kind,
                helper: e.helper.clone(),
                username: String::new(),
                secret: String::new(),
            })
            .collect();
        Setup { entries, creds_store: self.creds_store.clone(), options: self.options }
    }
}

/// How the value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OutputOptions {
    /// Indented JSON instead of one line.
    pub pretty: bool,
    /// Also write `username` and `password` (kubectl style).
    pub include_plain_fields: bool,
}
