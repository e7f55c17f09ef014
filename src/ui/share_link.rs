//! Opening a share link (`#setup=…` in the address): at start, when the fragment changes, or
//! when the user chooses to load a link that waited (`pending_link`).
//!
//! Decoding and checking a link (`SharedSetup::from_fragment`) and loading it into the form
//! live in a wasm module of their own (`split_import`, a split point as in `split`): most visits carry no link, so the
//! first load does not download that code. The module is fetched when a link is there. The
//! first step's swap waits for it (`late_part::hold_first_step`), so the app shows with the
//! link's setup as before, and so does the start (`late_part::expect`): `data-app-ready` still
//! means the link's setup is in the form.

use leptos::prelude::*;
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use super::form_loads::{has_typed_rows, load_setup_with};
use super::i18n::{tr, use_i18n};
use super::state::{import_options, FormStore, FormStoreFields, ImportNote};
use crate::texts::{topics, Key};
use registry_auth::presets::GitLabToken;
use registry_auth::shared_setup::{ImportError, SharedSetup, FRAGMENT_PREFIX};

/// Applies `#setup=…` from the address: at start, and whenever the fragment changes (a second
/// link pasted into an open tab). Errors are shown like a file import's. A link would replace
/// the registries, so when some were typed (in the app, or in the static copy before it ran:
/// its recorded events, `takeover.rs`) the page asks first (`pending_link`).
pub fn import_from_address(form: FormStore) {
    let apply = move |at_start: bool| {
        let Some(hash) = web_sys::window().and_then(|w| w.location().hash().ok()) else { return };
        if let Some(encoded) = hash.strip_prefix(FRAGMENT_PREFIX) {
            let typed = if at_start { super::takeover::typed_before_start() } else { has_typed_rows(form) };
            if typed {
                form.pending_link().set(Some(encoded.to_owned()));
            } else {
                // At start the app is swapped in with the link's setup, not before it.
                let held = at_start.then(super::late_part::hold_first_step);
                import_link(form, encoded.to_owned(), true, held);
            }
        }
    };
    apply(true);
    if let Some(window) = web_sys::window() {
        super::keep_while_owned(gloo_events::EventListener::new(&window, "hashchange", move |_| apply(false)));
    }
}

/// How long the start waits for a link's module at most (ms). Past it, the app shows with the
/// default rows and the link applies when its module comes (asking first over typed rows): a
/// stalled fetch must not keep the page inert.
const LINK_WAIT_MS: u32 = 3_000;

/// Imports the link `encoded` (the part after `#setup=`) once its module is there. With
/// `ask_if_typed`, registries typed while the module was fetched are not replaced: the page asks
/// first, as for a link opened over typed rows. A module that cannot be fetched leaves a note
/// with a way to try again (`ImportNote::Unavailable`).
///
/// What waits for it, the start (`late_part::expect`) and, at start, the first step's swap
/// (`held`), is released once the link is imported or refused, or after [`LINK_WAIT_MS`].
pub fn import_link(form: FormStore, encoded: String, ask_if_typed: bool, held: Option<super::late_part::FirstStepHeld>) {
    let holds_swap = held.is_some();
    let waits = std::rc::Rc::new(std::cell::Cell::new(Some((super::late_part::expect(), held))));
    let timed_out = waits.clone();
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(LINK_WAIT_MS).await;
        drop(timed_out.take());
    });
    leptos::task::spawn_local(async move {
        if split_import(form, encoded.clone(), ask_if_typed).await.is_err() {
            form.import_message().set(Some(ImportNote::Unavailable(encoded)));
        }
        if holds_swap {
            // The rows' views follow the form in the microtasks after the load; a task later
            // they have, and the swap shows them filled.
            super::next_task::yield_task().await;
        }
        drop(waits.take());
    });
}

/// The split point (`split`): this, and all that only it reaches, is `split_share_link.wasm`.
#[wasm_split(share_link, fallible)]
fn split_import(form: FormStore, encoded: String, ask_if_typed: bool) -> Result<(), SplitLoaderError> {
    import_now(form, &encoded, ask_if_typed);
    Ok(())
}

/// Runs in the link's module, in the task that fetched it: decodes and checks the link, and
/// loads it, unless (`ask_if_typed`) rows were typed meanwhile: then the page asks first. The
/// form is untouched on refusal.
fn import_now(form: FormStore, encoded: &str, ask_if_typed: bool) {
    if ask_if_typed && has_typed_rows(form) {
        form.pending_link().set(Some(encoded.to_owned()));
        return;
    }
    let outcome = SharedSetup::from_fragment(encoded).map(|shared| apply_shared(&shared, form));
    form.import_message().set(Some(note_of(outcome)));
}

/// The note an import (link or file) leaves.
pub fn note_of(outcome: Result<(), ImportError>) -> ImportNote {
    outcome.map_or_else(ImportNote::Refused, |()| ImportNote::Imported)
}

/// Loads a shared setup into the form: registries, helpers, token kinds, options. Usernames
/// and secrets stay empty, to be typed again; changed options wait for confirmation.
pub fn apply_shared(shared: &SharedSetup, form: FormStore) {
    load_setup_with(form, &shared.to_setup(), |row, index| {
        if let Some(token) = shared.entries.get(index).and_then(|e| e.gitlab_token.parse::<GitLabToken>().ok()) {
            row.gitlab_token = token;
        }
    });
    import_options(form, shared.snippets.clone(), shared.situation.clone());
    // What was done in a static "Where to put it" still standing in for the app's is void.
    super::late_part::reset_static_part();
    super::router::show(form, super::state::View::Build);
}

/// The split point of [`ImportChoices`], in the link's module.
#[wasm_split(share_link, fallible)]
pub fn import_choices() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <ImportChoices /> }.into_any())
}

/// What waits for the user's choice: a link opened over typed registries (load it, or keep what
/// was typed), and imported snippet options, shown in their fields but not used until confirmed.
#[component]
fn ImportChoices() -> impl IntoView {
    let i18n = use_i18n();
    let form = expect_context::<FormStore>();
    let confirm = move |_| form.pending_import().set(Vec::new());
    let load_link = move |_| {
        if let Some(encoded) = form.pending_link().get_untracked() {
            form.pending_link().set(None);
            import_link(form, encoded, false, None);
        }
    };
    let keep_typed = move |_| form.pending_link().set(None);
    let discard = move |_| {
        let fields = form.pending_import().get_untracked();
        form.snippet_options().update(|o| *o = o.with_defaults_for(&fields));
        form.pending_import().set(Vec::new());
    };
    view! {
        <Show when=move || form.pending_link().with(Option::is_some)>
            <div class="pending-import" role="alert" data-testid="link-pending">
                <p>{tr(Key::LinkPending)}</p>
                <div class="actions">
                    <button type="button" on:click=load_link>{tr(Key::LinkLoad)}</button>
                    <button type="button" on:click=keep_typed>{tr(Key::LinkKeep)}</button>
                </div>
            </div>
        </Show>
        <Show when=move || form.pending_import().with(|p| !p.is_empty())>
            <div class="pending-import" data-testid="pending-import">
                <p>{tr(Key::ImportPending)}</p>
                <ul>
                    {move || {
                        let options = form.snippet_options().get();
                        form.pending_import().get().into_iter().map(|field| view! {
                            <li data-option=field.id()>
                                <span>{i18n.t(topics::option_label(field))}</span>": "<code>{field.value(&options)}</code>" "
                                <span class="imported-mark">{i18n.t(Key::ImportedMark)}</span>
                            </li>
                        }).collect_view()
                    }}
                </ul>
                <div class="actions">
                    <button type="button" on:click=confirm>{tr(Key::ImportConfirm)}</button>
                    <button type="button" on:click=discard>{tr(Key::ImportDiscard)}</button>
                </div>
            </div>
        </Show>
    }
}
