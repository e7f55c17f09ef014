//! Reactive state of the form. Each field is its own signal so typing re-renders only what
//! depends on it; `AppState::setup` turns it into the core's plain `Setup`.

use leptos::prelude::*;

use registry_auth::credential_helper::HELPER_PRESETS;
use registry_auth::setup::{CredentialKind, OutputOptions, RegistryEntry, Setup, MAX_ENTRIES};
use registry_auth::snippets::{OptionField, SnippetOptions};

/// The `Helper` select value that reveals the free `Helper name` field.
pub const OTHER_HELPER: &str = "other";

/// One registry row. `id` is stable across removals, for keyed rendering.
#[derive(Clone, Copy)]
pub struct EntryState {
    pub id: u32,
    pub registry: RwSignal<String>,
    pub keep_namespace: RwSignal<bool>,
    pub kind: RwSignal<CredentialKind>,
    pub username: RwSignal<String>,
    pub secret: RwSignal<String>,
    /// A preset helper name, or `OTHER_HELPER`.
    pub helper_choice: RwSignal<String>,
    pub helper_other: RwSignal<String>,
    /// The GitLab token kind (`GitLabToken::id`), for registries that look like GitLab's.
    pub gitlab_token: RwSignal<String>,
}

impl EntryState {
    pub fn new(id: u32) -> Self {
        EntryState {
            id,
            registry: RwSignal::new(String::new()),
            keep_namespace: RwSignal::new(false),
            kind: RwSignal::new(CredentialKind::Basic),
            username: RwSignal::new(String::new()),
            secret: RwSignal::new(String::new()),
            helper_choice: RwSignal::new(HELPER_PRESETS[0].to_owned()),
            helper_other: RwSignal::new(String::new()),
            gitlab_token: RwSignal::new(registry_auth::presets::GitLabToken::DeployToken.id().to_owned()),
        }
    }

    pub fn to_entry(self) -> RegistryEntry {
        let choice = self.helper_choice.get();
        RegistryEntry {
            registry: self.registry.get(),
            keep_namespace: self.keep_namespace.get(),
            kind: self.kind.get(),
            username: self.username.get(),
            secret: self.secret.get(),
            helper: if choice == OTHER_HELPER { self.helper_other.get() } else { choice },
        }
    }

    /// Overwrites every field with `entry` (used by presets and "edit in generator").
    pub fn load(self, entry: &RegistryEntry) {
        self.registry.set(entry.registry.clone());
        self.keep_namespace.set(entry.keep_namespace);
        self.kind.set(entry.kind);
        self.username.set(entry.username.clone());
        self.secret.set(entry.secret.clone());
        if HELPER_PRESETS.contains(&entry.helper.as_str()) {
            self.helper_choice.set(entry.helper.clone());
        } else if !entry.helper.is_empty() {
            self.helper_choice.set(OTHER_HELPER.to_owned());
            self.helper_other.set(entry.helper.clone());
        }
    }

    /// Drops every typed value; called before the row is discarded.
    pub fn wipe(self) {
        self.load(&RegistryEntry::default());
        self.helper_other.set(String::new());
    }
}

/// The whole form.
#[derive(Clone, Copy)]
pub struct AppState {
    pub entries: RwSignal<Vec<EntryState>>,
    pub next_id: StoredValue<u32>,
    /// `""` (none), a preset helper name, or `OTHER_HELPER`.
    pub creds_store_choice: RwSignal<String>,
    /// The store name when `creds_store_choice` is `OTHER_HELPER`.
    pub creds_store_other: RwSignal<String>,
    pub pretty: RwSignal<bool>,
    pub include_plain_fields: RwSignal<bool>,
    /// What the snippet and runner inputs show.
    pub snippet_options: RwSignal<SnippetOptions>,
    /// Fields an imported setup changed, not used by the snippets until the user confirms them
    /// (or edits the field): a shared link must not silently point credentials elsewhere.
    pub pending_import: RwSignal<Vec<OptionField>>,
    /// The result of the last import (link or file): `(ok, text)`.
    pub import_message: RwSignal<Option<(bool, String)>>,
    /// What was pasted into the inspector; may hold secrets, so `clear_all` wipes it.
    pub inspector_text: RwSignal<String>,
    /// The image (or `.gitlab-ci.yml` fragment) to resolve.
    pub image: RwSignal<String>,
}

impl AppState {
    pub fn new() -> Self {
        let state = AppState {
            entries: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
            creds_store_choice: RwSignal::new(String::new()),
            creds_store_other: RwSignal::new(String::new()),
            pretty: RwSignal::new(false),
            include_plain_fields: RwSignal::new(false),
            snippet_options: RwSignal::new(SnippetOptions::default()),
            pending_import: RwSignal::new(Vec::new()),
            import_message: RwSignal::new(None),
            inspector_text: RwSignal::new(String::new()),
            image: RwSignal::new(String::new()),
        };
        state.add_entry();
        state
    }

    pub fn add_entry(self) -> EntryState {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        let entry = EntryState::new(id);
        self.entries.update(|list| list.push(entry));
        entry
    }

    pub fn remove_entry(self, id: u32) {
        self.entries.update(|list| {
            if let Some(pos) = list.iter().position(|e| e.id == id) {
                list.remove(pos).wipe();
            }
        });
    }

    /// Forgets everything typed, every option and every import, and starts again with one
    /// blank row: the page is as it was on first load (preferences aside).
    pub fn clear_all(self) {
        self.entries.update(|list| list.drain(..).for_each(EntryState::wipe));
        self.creds_store_choice.set(String::new());
        self.creds_store_other.set(String::new());
        self.pretty.set(false);
        self.include_plain_fields.set(false);
        self.snippet_options.set(SnippetOptions::default());
        self.pending_import.set(Vec::new());
        self.import_message.set(None);
        self.inspector_text.set(String::new());
        self.image.set(String::new());
        self.add_entry();
    }

    /// Whether another row may be added (see `MAX_ENTRIES`).
    pub fn can_add(self) -> bool {
        self.entries.with(Vec::len) < MAX_ENTRIES
    }

    /// Replaces the generator's rows with `setup` (imports and the inspector's "edit in
    /// generator"). Keeps at most `MAX_ENTRIES` rows; returns how many were left out.
    pub fn load_setup(self, setup: &Setup) -> usize {
        self.entries.update(|list| list.drain(..).for_each(EntryState::wipe));
        for entry in setup.entries.iter().take(MAX_ENTRIES) {
            self.add_entry().load(entry);
        }
        if setup.entries.is_empty() {
            self.add_entry();
        }
        self.set_creds_store(&setup.creds_store);
        self.pretty.set(setup.options.pretty);
        self.include_plain_fields.set(setup.options.include_plain_fields);
        setup.entries.len().saturating_sub(MAX_ENTRIES)
    }

    /// Shows any store name: a preset in the select, anything else as "other" with its name,
    /// so what is written into the value is always on screen.
    pub fn set_creds_store(self, name: &str) {
        let name = name.trim();
        if name.is_empty() || HELPER_PRESETS.contains(&name) {
            self.creds_store_choice.set(name.to_owned());
            self.creds_store_other.set(String::new());
        } else {
            self.creds_store_choice.set(OTHER_HELPER.to_owned());
            self.creds_store_other.set(name.to_owned());
        }
    }

    pub fn creds_store(self) -> String {
        let choice = self.creds_store_choice.get();
        if choice == OTHER_HELPER {
            self.creds_store_other.get()
        } else {
            choice
        }
    }

    /// Loads imported snippet options. Every field that differs from the defaults waits in
    /// `pending_import` until confirmed.
    pub fn import_options(self, imported: SnippetOptions) {
        self.pending_import.set(imported.differing_fields(&SnippetOptions::default()));
        self.snippet_options.set(imported);
    }

    /// The options the snippets use: pending imported fields stay at their defaults.
    pub fn effective_options(self) -> SnippetOptions {
        let pending = self.pending_import.get();
        self.snippet_options.with(|o| if pending.is_empty() { o.clone() } else { o.with_defaults_for(&pending) })
    }

    /// Edits one option; an edited field is the user's own choice, no longer pending.
    pub fn edit_option(self, field: OptionField, edit: impl FnOnce(&mut SnippetOptions)) {
        self.snippet_options.update(edit);
        if self.pending_import.with_untracked(|p| p.contains(&field)) {
            self.pending_import.update(|p| p.retain(|f| *f != field));
        }
    }

    pub fn setup(self) -> Setup {
        Setup {
            entries: self.entries.get().into_iter().map(EntryState::to_entry).collect(),
            creds_store: self.creds_store(),
            options: OutputOptions { pretty: self.pretty.get(), include_plain_fields: self.include_plain_fields.get() },
        }
    }
}
