//! Reactive state of the form. Each field is its own signal so typing re-renders only what
//! depends on it; `AppState::setup` turns it into the core's plain `Setup`.

use leptos::prelude::*;

use crate::setup::{CredentialKind, OutputOptions, RegistryEntry, Setup};

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
            helper_choice: RwSignal::new(crate::config_builder::HELPER_PRESETS[0].to_owned()),
            helper_other: RwSignal::new(String::new()),
            gitlab_token: RwSignal::new(crate::presets::GitLabToken::DeployToken.id().to_owned()),
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
        if crate::config_builder::HELPER_PRESETS.contains(&entry.helper.as_str()) {
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
    pub creds_store: RwSignal<String>,
    pub pretty: RwSignal<bool>,
    pub include_plain_fields: RwSignal<bool>,
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
            creds_store: RwSignal::new(String::new()),
            pretty: RwSignal::new(false),
            include_plain_fields: RwSignal::new(false),
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

    /// Forgets everything typed and starts again with one blank row.
    pub fn clear_all(self) {
        self.entries.update(|list| list.drain(..).for_each(EntryState::wipe));
        self.creds_store.set(String::new());
        self.pretty.set(false);
        self.include_plain_fields.set(false);
        self.inspector_text.set(String::new());
        self.image.set(String::new());
        self.add_entry();
    }

    /// Replaces the generator's rows with `setup` (the inspector's "edit in generator").
    pub fn load_setup(self, setup: &Setup) {
        self.entries.update(|list| list.drain(..).for_each(EntryState::wipe));
        for entry in &setup.entries {
            self.add_entry().load(entry);
        }
        if setup.entries.is_empty() {
            self.add_entry();
        }
        self.creds_store.set(setup.creds_store.clone());
        self.pretty.set(setup.options.pretty);
        self.include_plain_fields.set(setup.options.include_plain_fields);
    }

    pub fn setup(self) -> Setup {
        Setup {
            entries: self.entries.get().into_iter().map(EntryState::to_entry).collect(),
            creds_store: self.creds_store.get(),
            options: OutputOptions { pretty: self.pretty.get(), include_plain_fields: self.include_plain_fields.get() },
        }
    }
}
