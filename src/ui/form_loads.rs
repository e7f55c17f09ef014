//! Changes to the whole form at once: a setup loaded or added (its rows mounted a batch per
//! task, so a hundred rows are not one long task) and Clear all. Both wipe what they replace,
//! rows still queued included: they may hold secrets.

use leptos::prelude::*;
use registry_auth::credential_helper::HELPER_PRESETS;
use registry_auth::setup::{Setup, MAX_ENTRIES};
use registry_auth::situation::Situation;
use registry_auth::snippets::SnippetOptions;
use zeroize::Zeroize;

use super::state::{EntryForm, FormStore, FormStoreFields, OTHER_HELPER};

/// Replaces the rows with `setup` (imports and the inspector's "edit in generator"). Keeps at
/// most `MAX_ENTRIES` rows; returns how many were left out.
pub fn load_setup(form: FormStore, setup: &Setup) -> usize {
    load_setup_with(form, setup, |_, _| {})
}

/// [`load_setup`], with `adjust` applied to each new row and the setup's entry it came from.
pub fn load_setup_with(form: FormStore, setup: &Setup, adjust: impl Fn(&mut EntryForm, usize)) -> usize {
    let first = form.next_id().get_untracked();
    let mut rows: Vec<EntryForm> = setup
        .entries
        .iter()
        .take(MAX_ENTRIES)
        .zip(first..)
        .enumerate()
        .map(|(index, (entry, id))| {
            let mut row = EntryForm::new(id);
            row.load(entry);
            adjust(&mut row, index);
            row
        })
        .collect();
    if rows.is_empty() {
        rows.push(EntryForm::new(first));
    }
    form.next_id().set(first + rows.len() as u32);
    replace_rows(form, rows);
    set_creds_store(form, &setup.creds_store);
    form.pretty().set(setup.options.pretty);
    form.include_plain_fields().set(setup.options.include_plain_fields);
    setup.entries.len().saturating_sub(MAX_ENTRIES)
}

/// Adds the entries of `setup` after the current rows ("Edit in generator" with "Add to the
/// current setup"); a form with only its blank first row gets them in its place. Options are
/// kept; the setup's `credsStore` is taken only when none is chosen. Keeps at most
/// `MAX_ENTRIES` rows in all (queued ones count); returns how many entries were left out.
pub fn append_setup(form: FormStore, setup: &Setup) -> usize {
    let pending = queued();
    let (rows_now, only_blank) = form.entries().with_untracked(|list| (list.len(), list.len() == 1 && list[0].to_entry().is_blank()));
    let replace = only_blank && pending == 0;
    let room = if replace { MAX_ENTRIES } else { MAX_ENTRIES.saturating_sub(rows_now + pending) };
    let first = form.next_id().get_untracked();
    let rows: Vec<EntryForm> = setup
        .entries
        .iter()
        .take(room)
        .zip(first..)
        .map(|(entry, id)| {
            let mut row = EntryForm::new(id);
            row.load(entry);
            row
        })
        .collect();
    let added = rows.len();
    form.next_id().set(first + added as u32);
    if replace && added > 0 {
        replace_rows(form, rows);
    } else {
        append_rows(form, rows);
    }
    if form.creds_store_choice().with_untracked(String::is_empty) && !setup.creds_store.trim().is_empty() {
        set_creds_store(form, &setup.creds_store);
    }
    setup.entries.len() - added
}

/// Registry rows mounted per task. A row is a few milliseconds of DOM work: a hundred at once
/// would hold the page for half a second; a batch stays under a long task (50 ms). The tests
/// count the rows per task; `make bench` measures the tasks.
const ROWS_PER_TASK: usize = 6;

thread_local! {
    /// Rows loaded but not mounted yet, mounted a batch per task by one task at a time. Clear all
    /// and every replacing load wipe them: they may hold secrets.
    static QUEUE: std::cell::RefCell<Vec<EntryForm>> = const { std::cell::RefCell::new(Vec::new()) };
    static MOUNTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn queued() -> usize {
    QUEUE.with(|q| q.borrow().len())
}

/// Whether anything was typed into a registry row: what a share link would replace.
pub fn has_typed_rows(form: FormStore) -> bool {
    queued() > 0 || form.entries().with_untracked(|rows| rows.iter().any(|r| !r.to_entry().is_blank()))
}

fn wipe_queue() {
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        q.iter_mut().for_each(EntryForm::wipe);
        q.clear();
    });
}

/// Replaces the rows (wiping the old ones and any still queued), the first batch now and the
/// rest a batch per task.
fn replace_rows(form: FormStore, mut rows: Vec<EntryForm>) {
    wipe_queue();
    super::idle::at_once();
    let rest = rows.split_off(rows.len().min(ROWS_PER_TASK));
    form.entries().update(|list| {
        list.iter_mut().for_each(EntryForm::wipe);
        *list = rows;
    });
    enqueue(form, rest);
}

/// Adds rows after the current ones and any still queued, in the same batches.
fn append_rows(form: FormStore, mut rows: Vec<EntryForm>) {
    if rows.is_empty() {
        return;
    }
    if queued() == 0 {
        let rest = rows.split_off(rows.len().min(ROWS_PER_TASK));
        form.entries().update(|list| list.extend(rows));
        rows = rest;
    }
    enqueue(form, rows);
}

/// Queues rows; the task mounting the queue is started unless it is running.
fn enqueue(form: FormStore, rows: Vec<EntryForm>) {
    if rows.is_empty() {
        return;
    }
    QUEUE.with(|q| q.borrow_mut().extend(rows));
    if MOUNTING.with(|m| m.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async move {
        loop {
            super::next_task::yield_task().await;
            let batch: Vec<EntryForm> = QUEUE.with(|q| {
                let mut q = q.borrow_mut();
                let n = q.len().min(ROWS_PER_TASK);
                q.drain(..n).collect()
            });
            if batch.is_empty() || form.entries().try_update(|list| list.extend(batch)).is_none() {
                break;
            }
        }
        // The form is gone, or the queue is empty: nothing queued may outlive the task.
        wipe_queue();
        MOUNTING.with(|m| m.set(false));
    });
}

/// Shows any store name: a preset in the select, anything else as "other" with its name, so
/// what is written into the value is always on screen.
pub fn set_creds_store(form: FormStore, name: &str) {
    let name = name.trim();
    if name.is_empty() || HELPER_PRESETS.contains(&name) {
        form.creds_store_choice().set(name.to_owned());
        form.creds_store_other().set(String::new());
    } else {
        form.creds_store_choice().set(OTHER_HELPER.to_owned());
        form.creds_store_other().set(name.to_owned());
    }
}

/// Forgets everything typed, every option and every import, and starts again with one blank
/// row: the page is as it was on first load (preferences and the view aside). Typed texts
/// are overwritten in place first.
pub fn clear_all(form: FormStore) {
    wipe_queue();
    super::idle::at_once();
    let next_id = form.next_id().get_untracked();
    form.entries().update(|list| {
        list.iter_mut().for_each(EntryForm::wipe);
        *list = vec![EntryForm::new(next_id)];
    });
    form.next_id().set(next_id + 1);
    for text in [form.inspector_text(), form.image(), form.creds_store_other()] {
        text.update(|t| t.zeroize());
    }
    form.merge_inputs().update(|inputs| {
        inputs.iter_mut().for_each(|input| input.text.zeroize());
        inputs.clear();
    });
    form.merge_choices().set(Vec::new());
    form.edit_adds().set(false);
    form.creds_store_choice().set(String::new());
    form.pretty().set(false);
    form.include_plain_fields().set(false);
    form.snippet_options().set(SnippetOptions::default());
    form.situation().set(Situation::default());
    form.show_all_snippets().set(false);
    form.pending_import().set(Vec::new());
    form.import_message().set(None);
    form.pending_link().set(None);
    form.edit_note().set(None);
    form.cleared().set(true);
    // The static "Where to put it" may still stand in for the app's (`late_part`).
    super::late_part::reset_static_part();
}
