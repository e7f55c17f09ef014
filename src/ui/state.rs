//! The form: one `reactive_stores` store holding everything typed and chosen, registries keyed
//! by a stable id. Components read and write fields of it; `Form::setup` turns it into the
//! core's plain `Setup`. Nothing here is a rule: the core decides what the input means.

use leptos::prelude::*;
use reactive_stores::Store;
use registry_auth::credential_helper::HELPER_PRESETS;
use registry_auth::merge::MAX_MERGE_INPUTS;
use registry_auth::presets::GitLabToken;
use registry_auth::setup::{CredentialKind, OutputOptions, RegistryEntry, Setup, MAX_ENTRIES};
use registry_auth::shared_setup::ImportError;
use registry_auth::situation::Situation;
use registry_auth::snippets::{OptionField, SnippetOptions};
use zeroize::Zeroize;

/// The `Helper` select value that reveals the free `Helper name` field.
pub const OTHER_HELPER: &str = "other";

/// One registry row as typed. `id` is stable across removals, for keyed rendering.
#[derive(Store, Clone, Debug, PartialEq, Default)]
pub struct EntryForm {
    pub id: u32,
    pub registry: String,
    pub keep_namespace: bool,
    pub kind: CredentialKind,
    pub username: String,
    pub secret: String,
    /// A preset helper name, or `OTHER_HELPER`.
    pub helper_choice: String,
    pub helper_other: String,
    /// For registries that look like GitLab's.
    pub gitlab_token: GitLabToken,
    /// The user has reached the username field (focused it, or the password after it), or the
    /// row was loaded: "empty" findings about it show from then on.
    pub reached_username: bool,
    pub reached_secret: bool,
}

impl EntryForm {
    pub(super) fn new(id: u32) -> Self {
        EntryForm { id, helper_choice: HELPER_PRESETS[0].to_owned(), ..EntryForm::default() }
    }

    pub fn to_entry(&self) -> RegistryEntry {
        RegistryEntry {
            registry: self.registry.clone(),
            keep_namespace: self.keep_namespace,
            kind: self.kind,
            username: self.username.clone(),
            secret: self.secret.clone(),
            helper: self.helper().to_owned(),
        }
    }

    /// Whether [`to_entry`](Self::to_entry) would give `entry`, without copying the row (the
    /// generator asks it of every row at every keystroke).
    pub fn is_entry(&self, entry: &RegistryEntry) -> bool {
        // Every field named: a field added to the entry is a compile error here until compared.
        let RegistryEntry { registry, keep_namespace, kind, username, secret, helper } = entry;
        self.registry == *registry
            && self.keep_namespace == *keep_namespace
            && self.kind == *kind
            && self.username == *username
            && self.secret == *secret
            && self.helper() == helper
    }

    /// The helper named: the preset chosen, or the one typed under "other".
    fn helper(&self) -> &str {
        if self.helper_choice == OTHER_HELPER {
            &self.helper_other
        } else {
            &self.helper_choice
        }
    }

    /// Loads `entry` (imports, "edit in generator"; presets through `load_preset`), keeping the id.
    pub fn load(&mut self, entry: &RegistryEntry) {
        self.wipe();
        // A loaded row is reviewed as a whole: what it lacks is said at once.
        self.reached_username = true;
        self.reached_secret = true;
        self.registry.clone_from(&entry.registry);
        self.keep_namespace = entry.keep_namespace;
        self.kind = entry.kind;
        self.username.clone_from(&entry.username);
        self.secret.clone_from(&entry.secret);
        if HELPER_PRESETS.contains(&entry.helper.as_str()) {
            self.helper_choice.clone_from(&entry.helper);
        } else if !entry.helper.is_empty() {
            self.helper_choice = OTHER_HELPER.to_owned();
            self.helper_other.clone_from(&entry.helper);
        }
    }

    /// Fills the row from a preset's `entry`, keeping the id and whether the user has been to
    /// the username and password: a preset fills the registry, not what is still to be typed,
    /// so those fields' "empty" findings wait as they do in a typed row.
    pub fn load_preset(&mut self, entry: &RegistryEntry) {
        let reached = (self.reached_username, self.reached_secret);
        self.load(entry);
        (self.reached_username, self.reached_secret) = reached;
    }

    /// Whether the user has been to `field` (`FindingCode::waits_for_field`).
    pub fn reached(&self, field: registry_auth::findings::EntryField) -> bool {
        match field {
            registry_auth::findings::EntryField::Username => self.reached_username,
            registry_auth::findings::EntryField::Secret => self.reached_secret,
        }
    }

    /// Overwrites every typed text in place before it is dropped (the allocator zeroes freed
    /// blocks too; this also clears what stays allocated).
    pub(super) fn wipe(&mut self) {
        for text in [&mut self.registry, &mut self.username, &mut self.secret, &mut self.helper_other] {
            text.zeroize();
        }
        self.helper_choice = HELPER_PRESETS[0].to_owned();
        self.keep_namespace = false;
        self.kind = CredentialKind::Basic;
    }
}

/// A config pasted to merge with the inspector's (`Config 2`, `Config 3`, …). `id` is stable
/// across removals, for keyed rendering.
#[derive(Store, Clone, Debug, PartialEq, Default)]
pub struct MergeInput {
    pub id: u32,
    /// May hold secrets, so `clear_all` wipes it.
    pub text: String,
}

/// Which job the screen shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum View {
    /// Registries, the value, where to put it.
    #[default]
    Build,
    /// An existing value or config: findings, Fix, which credential each image gets.
    Check,
}

impl View {
    /// The URL fragment of the view.
    pub fn fragment(self) -> &'static str {
        match self {
            View::Build => "#build",
            View::Check => "#check",
        }
    }

    /// The view's id: `tab-<id>` is its tab's element id.
    pub fn id(self) -> &'static str {
        &self.fragment()[1..]
    }
}

/// What the last import or export came to. State holds the fact; the words are chosen when it is
/// shown, so a language switch rewords it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportNote {
    Imported,
    ExportFailed,
    Refused(ImportError),
    /// The link (the part after `#setup=`, which holds no secret) could not be opened: its
    /// module could not be fetched (`share_link`). Offers to try again.
    Unavailable(String),
}

/// What "Edit in generator" did: loaded or added `count` registries, or loaded `loaded` of
/// `total` (over `MAX_ENTRIES`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditNote {
    Loaded(usize),
    Added(usize),
    LeftOut { loaded: usize, total: usize },
}

/// Everything typed and chosen.
#[derive(Store, Clone, Debug, Default)]
pub struct Form {
    #[store(key: u32 = |entry| entry.id)]
    pub entries: Vec<EntryForm>,
    pub next_id: u32,
    /// `""` (none), a preset helper name, or `OTHER_HELPER`.
    pub creds_store_choice: String,
    /// The store name when `creds_store_choice` is `OTHER_HELPER`.
    pub creds_store_other: String,
    pub pretty: bool,
    pub include_plain_fields: bool,
    /// What the snippet and runner inputs show.
    pub snippet_options: SnippetOptions,
    /// "Where will this run?"
    pub situation: Situation,
    /// Every snippet shown, not only those that apply.
    pub show_all_snippets: bool,
    /// Fields an imported setup changed, not used by the snippets until the user confirms
    /// them (or edits the field): a shared link must not silently point credentials elsewhere.
    pub pending_import: Vec<OptionField>,
    /// The result of the last import (link or file) or export, worded when shown.
    pub import_message: Option<ImportNote>,
    /// A `#setup=` link (its fragment) that arrived while the form held typed work: loaded only
    /// once the user says so, since it would replace the registries typed.
    pub pending_link: Option<String>,
    /// What "Edit in generator" did, worded when shown.
    pub edit_note: Option<EditNote>,
    /// Set by `clear_all` (the button, the shortcut or auto-clear) and unset by the next input,
    /// so the page says that it cleared.
    pub cleared: bool,
    /// What was pasted into the inspector; may hold secrets, so `clear_all` wipes it.
    pub inspector_text: String,
    /// The image (or `.gitlab-ci.yml` fragment) to resolve.
    pub image: String,
    pub view: View,
    /// The configs merged with the inspector's, in order (at most `MAX_MERGE_INPUTS - 1`).
    #[store(key: u32 = |input| input.id)]
    pub merge_inputs: Vec<MergeInput>,
    pub next_merge_id: u32,
    /// The config (0-based, the inspector's is 0) chosen for each conflict key of the merge.
    pub merge_choices: Vec<(String, usize)>,
    /// "Edit in generator" adds to the current rows instead of replacing them.
    pub edit_adds: bool,
}

/// The form as a context.
pub type FormStore = Store<Form>;

/// A fresh form with one blank row.
pub fn new_form() -> FormStore {
    let mut form = Form::default();
    form.entries.push(EntryForm::new(0));
    form.next_id = 1;
    Store::new(form)
}

/// The setup without usernames and secrets (`Setup::without_credentials`), for the snippets whose
/// `reads()` say so (the share link reads the same copy through `settled::Settled`): it changes
/// only when something else does, so a keystroke in a token does not recompute them.
#[derive(Clone, Copy)]
pub struct SetupWithoutCredentials(pub Memo<Setup>);

/// What the form means, for the core.
pub fn setup(form: FormStore) -> Setup {
    let creds_store =
        form.creds_store_choice().with(|choice| if choice == OTHER_HELPER { form.creds_store_other().get() } else { choice.clone() });
    Setup {
        entries: form.entries().with(|list| list.iter().map(EntryForm::to_entry).collect()),
        creds_store,
        options: OutputOptions { pretty: form.pretty().get(), include_plain_fields: form.include_plain_fields().get() },
    }
}

/// Whether another row may be added (see `MAX_ENTRIES`).
pub fn can_add(form: FormStore) -> bool {
    form.entries().with(Vec::len) < MAX_ENTRIES
}

pub fn add_entry(form: FormStore) {
    if !can_add(form) {
        return;
    }
    let id = form.next_id().get_untracked();
    form.next_id().set(id + 1);
    form.entries().write().push(EntryForm::new(id));
}

pub fn remove_entry(form: FormStore, id: u32) {
    super::idle::at_once();
    form.entries().update(|list| {
        if let Some(pos) = list.iter().position(|e| e.id == id) {
            list.remove(pos).wipe();
        }
    });
}

/// Whether another config may be added to the merge (the inspector's counts as one of
/// `MAX_MERGE_INPUTS`).
pub fn can_add_merge_input(form: FormStore) -> bool {
    form.merge_inputs().with(Vec::len) + 1 < MAX_MERGE_INPUTS
}

pub fn add_merge_input(form: FormStore) {
    if !can_add_merge_input(form) {
        return;
    }
    let id = form.next_merge_id().get_untracked();
    form.next_merge_id().set(id + 1);
    form.merge_inputs().write().push(MergeInput { id, text: String::new() });
}

/// Removes a config from the merge. The choices name configs by position, which has changed.
pub fn remove_merge_input(form: FormStore, id: u32) {
    form.merge_inputs().update(|inputs| {
        if let Some(pos) = inputs.iter().position(|i| i.id == id) {
            inputs.remove(pos).text.zeroize();
        }
    });
    form.merge_choices().set(Vec::new());
}

/// Loads imported snippet options and situation. Every option that differs from the defaults
/// waits in `pending_import` until confirmed.
pub fn import_options(form: FormStore, imported: SnippetOptions, situation: Situation) {
    // Set only what changes: every shown snippet reads the options and the situation, and
    // re-rendering them all for an equal value is most of an import's cost. A field the
    // situation decides is not asked for, so nothing waits on it.
    let mut pending = imported.differing_fields(&SnippetOptions::default());
    pending.retain(|f| f.asked());
    if form.pending_import().with_untracked(|p| *p != pending) {
        form.pending_import().set(pending);
    }
    if form.snippet_options().with_untracked(|o| *o != imported) {
        form.snippet_options().set(imported);
    }
    if form.situation().with_untracked(|s| *s != situation) {
        form.situation().set(situation);
    }
}

/// The options the snippets use: pending imported fields stay at their defaults, and the
/// situation fills in what it decides (`Situation::effective_options`).
pub fn effective_options(form: FormStore, setup: &Setup) -> SnippetOptions {
    let typed = form
        .pending_import()
        .with(|pending| form.snippet_options().with(|o| if pending.is_empty() { o.clone() } else { o.with_defaults_for(pending) }));
    form.situation().with(|situation| situation.effective_options(setup, &typed))
}

/// Edits one option; an edited field is the user's own choice, no longer pending.
pub fn edit_option(form: FormStore, field: OptionField, value: &str) {
    // A select only offers its own values; anything else leaves the option as it was.
    if form.snippet_options().try_update(|o| field.set(o, value)).and_then(Result::ok).is_none() {
        return;
    }
    if form.pending_import().with_untracked(|p| p.contains(&field)) {
        form.pending_import().update(|p| p.retain(|f| *f != field));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use registry_auth::setup::CredentialKind;

    /// `is_entry` agrees with `to_entry`: true for the row's own entry, false once any field
    /// the entry is made from differs, the helper typed under "other" included.
    #[test]
    fn is_entry_agrees_with_to_entry() {
        let mut row = EntryForm::new(3);
        row.registry = "registry.example.test".into();
        row.username = "robot".into();
        row.secret = "not-a-real-token".into();
        assert!(row.is_entry(&row.to_entry()));
        let edits: [fn(&mut EntryForm); 7] = [
            |r| r.registry.push('x'),
            |r| r.keep_namespace = !r.keep_namespace,
            |r| r.kind = CredentialKind::Helper,
            |r| r.username.push('x'),
            |r| r.secret.push('x'),
            |r| r.helper_choice = OTHER_HELPER.into(),
            |r| r.helper_choice = "another-helper".into(),
        ];
        for edit in edits {
            let mut changed = row.clone();
            edit(&mut changed);
            assert!(!changed.is_entry(&row.to_entry()), "{changed:?}");
            assert!(changed.is_entry(&changed.to_entry()));
        }
        // Under "other", the typed name is the helper; the preset list's name no longer counts.
        row.helper_choice = OTHER_HELPER.into();
        row.helper_other = "vault".into();
        let entry = row.to_entry();
        assert_eq!(entry.helper, "vault");
        assert!(row.is_entry(&entry));
        row.helper_other.push('x');
        assert!(!row.is_entry(&entry));
        // Fields outside the entry do not matter.
        let mut other = EntryForm { reached_username: true, reached_secret: true, ..row.clone() };
        other.id = 9;
        assert!(other.is_entry(&row.to_entry()));
    }
}
