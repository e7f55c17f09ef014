//! The Build view: registries, then the value (beside them from 1100 px, in a column that stays
//! in view), then where to put it.

use leptos::prelude::*;
use registry_auth::credential_helper::HELPER_PRESETS;
use registry_auth::setup::MAX_ENTRIES;

use super::deferred::Deferred;
use super::entry_editor::EntryEditor;
use super::i18n::{tr, use_i18n};
use super::page_mode::PageMode;
use super::row_outputs::row_outputs;
use super::situation_picker::ImageSources;
use super::state::{add_entry, can_add, EditNote, FormStore, FormStoreFields, OTHER_HELPER};
use super::text_field::TextField;
use super::value_panel::ValuePanel;
use crate::texts::Key;

#[component]
pub fn BuildView() -> impl IntoView {
    let i18n = use_i18n();
    let form = expect_context::<FormStore>();
    // The row ids only: typing in a row does not re-run the list.
    let ids = Memo::new(move |_| form.entries().with(|rows| rows.iter().map(|r| r.id).collect::<Vec<u32>>()));
    provide_context(ids);
    provide_context(row_outputs(expect_context(), ids));
    let embedded = expect_context::<PageMode>().embedded;
    view! {
        <div class="build-view">
            <section class="panel registries" aria-labelledby="registries-heading">
                <h2 id="registries-heading">{tr(Key::RegistriesHeading)}</h2>
                // Above the rows: after Edit in generator the page shows the first rows and the
                // value beside them, and a note under 100 rows would go unseen.
                {move || form.edit_note().get().map(|note| {
                    let (class, testid) = match note {
                        EditNote::LeftOut { .. } => ("fix-note", "edit-left-out"),
                        _ => ("hint", "edit-loaded"),
                    };
                    let text = move || match note {
                        EditNote::Loaded(count) => i18n.fill(Key::EditLoaded, &[("count", &count.to_string())]),
                        EditNote::Added(count) => i18n.fill(Key::EditAdded, &[("count", &count.to_string())]),
                        EditNote::LeftOut { loaded, total } => i18n.fill(Key::EditLeftOut, &[("counts", &format!("{loaded} / {total}"))]),
                    };
                    view! { <p class=class role="status" data-testid=testid>{text}</p> }
                })}
                // Before any credential: two of the answers need no new secret. Embedded, the
                // frame opens with the first registry (the portal page around it explains).
                {(!embedded).then(|| view! { <Deferred><ImageSources /></Deferred> })}
                <For each=move || ids.get() key=|id| *id let:id>
                    <Deferred><EntryEditor id=id /></Deferred>
                </For>
                {embedded.then(|| view! { <ImageSources /> })}
                <button type="button" class="add" aria-describedby="registries-full"
                    on:click=move |_| add_entry(form)>{tr(Key::AddRegistry)}</button>
                <p id="registries-full" class="hint" role="status" data-testid="registries-full">
                    {move || (!can_add(form)).then(|| i18n.fill(Key::RegistriesFull, &[("max", &MAX_ENTRIES.to_string())]))}
                </p>
                <div class="field">
                    <label for="creds-store">{tr(Key::CredsStore)}</label>
                    <select id="creds-store"
                        prop:value=move || form.creds_store_choice().get()
                        on:change=move |ev| form.creds_store_choice().set(event_target_value(&ev))>
                        <option value="">{tr(Key::None)}</option>
                        {HELPER_PRESETS.iter().map(|name| view! { <option value=*name>{*name}</option> }).collect_view()}
                        <option value=OTHER_HELPER>{tr(Key::HelperOther)}</option>
                    </select>
                </div>
                <Show when=move || form.creds_store_choice().with(|c| c == OTHER_HELPER)>
                    <TextField id="creds-store-other".to_owned() label=Key::CredsStoreName value=form.creds_store_other().into() max_chars=registry_auth::limits::MAX_NAME_CHARS />
                </Show>
            </section>
            <Deferred><ValuePanel /></Deferred>
            // In a module of its own, after the rest (`late_part`).
            <Deferred><WhereSlot /></Deferred>
        </div>
    }
}

/// The slot of "Where to put it": the app's panel, from a module of its own. The start's second
/// step (`late_part`) swaps it in for the static copy's: `div.where-slot > div.where-app`, the
/// same markup in both.
#[component]
fn WhereSlot() -> impl IntoView {
    view! {
        <div class="where-slot">
            <div class="where-app">
                <super::split_part::SplitPart load=|| Box::pin(super::split::where_panel()) late=true late_texts=true />
            </div>
        </div>
    }
}
