//! The outcome of the last import (a share link or a setup file), in the page's status line,
//! and what waits for the user's choice: a link opened over typed registries, imported options
//! to confirm. The choices are drawn by the share link's module (`share_link::import_choices`),
//! fetched only when there is one: most visits import nothing.

use leptos::prelude::*;

use super::i18n::{tr, use_i18n};
use super::split_part::SplitPart;
use super::state::{FormStore, FormStoreFields, ImportNote};
use crate::texts::Key;
use registry_auth::setup::MAX_ENTRIES;
use registry_auth::shared_setup::ImportError;

#[component]
pub fn ImportNotice() -> impl IntoView {
    let i18n = use_i18n();
    let form = expect_context::<FormStore>();
    let retry = move |_| {
        if let Some(ImportNote::Unavailable(encoded)) = form.import_message().get_untracked() {
            form.import_message().set(None);
            super::share_link::import_link(form, encoded, true, None);
        }
    };
    let choices = move || form.pending_import().with(|p| !p.is_empty()) || form.pending_link().with(Option::is_some);
    view! {
        <div class="import-notice" class:import-notice-empty=move || form.import_message().with(Option::is_none) && !choices()>
            <p role="status" aria-live="polite" data-testid="share-message"
                class=move || match form.import_message().get() { Some(ImportNote::Imported) | None => "share-message", Some(_) => "share-message share-error" }>
                {move || form.import_message().with(|note| note.as_ref().map(|note| words(note, i18n)).unwrap_or_default())}
                <Show when=move || form.import_message().with(|note| matches!(note, Some(ImportNote::Unavailable(_))))>
                    " "<button type="button" data-testid="link-retry" on:click=retry>{tr(Key::PartRetry)}</button>
                </Show>
            </p>
            <Show when=choices>
                <SplitPart load=|| Box::pin(super::share_link::import_choices()) quiet=true />
            </Show>
        </div>
    }
}

/// The words of an import's outcome, in the language shown now.
fn words(note: &ImportNote, i18n: super::i18n::I18n) -> String {
    match note {
        ImportNote::Imported => i18n.t(Key::ImportDone).to_owned(),
        ImportNote::ExportFailed => i18n.t(Key::ExportFailed).to_owned(),
        ImportNote::Refused(ImportError::NotJson { line, column }) => {
            i18n.fill(Key::ImportNotJson, &[("position", &format!("{line}:{column}"))])
        }
        ImportNote::Refused(ImportError::TooLarge) => i18n.t(Key::ImportTooLarge).to_owned(),
        ImportNote::Refused(ImportError::TooManyEntries) => i18n.fill(Key::ImportTooMany, &[("max", &MAX_ENTRIES.to_string())]),
        ImportNote::Refused(ImportError::NotBase64) => i18n.t(Key::ImportNotBase64).to_owned(),
        ImportNote::Refused(ImportError::WrongFormat) => i18n.t(Key::ImportWrong).to_owned(),
        ImportNote::Refused(ImportError::BadField { field }) => i18n.fill(Key::ImportBadField, &[("field", field)]),
        ImportNote::Unavailable(_) => i18n.t(Key::PartFailed).to_owned(),
    }
}
