//! Save or share the setup without its secrets: a link with the setup in its fragment, a JSON
//! file to download, and importing either. See `shared_setup.rs` for why no secret can leak.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::copy_button::CopyButton;
use super::i18n::{tr, use_i18n};
use super::state::{FormStore, FormStoreFields, ImportNote, SetupWithoutCredentials};
use crate::texts::{topics, Key};
use registry_auth::setup::MAX_ENTRIES;
use registry_auth::shared_setup::{ImportError, SharedSetup, MAX_INPUT};

const FILE_NAME: &str = "auth-config-builder-setup.json";

#[component]
pub fn SharePanel() -> impl IntoView {
    let i18n = use_i18n();
    let form = expect_context::<FormStore>();
    // A shared setup holds no username or secret: typing one recomputes nothing here.
    let setup = expect_context::<SetupWithoutCredentials>().0;
    // Its own memo: reading the rows wakes it at every keystroke, but the kinds rarely change.
    let tokens = Memo::new(move |_| form.entries().with(|list| list.iter().map(|e| e.gitlab_token.id().to_owned()).collect::<Vec<_>>()));
    let shared = Memo::new(move |_| {
        tokens.with(|tokens| {
            setup.with(|s| form.snippet_options().with(|o| form.situation().with(|situation| SharedSetup::new(s, tokens, o, situation))))
        })
    });
    let had_userinfo = Memo::new(move |_| setup.with(|s| form.snippet_options().with(|o| SharedSetup::had_userinfo(s, o))));
    let link = move || format!("{}{}", page_address(), shared.with(SharedSetup::to_fragment));
    let link_label = Signal::derive(move || i18n.t(Key::CopyShareLink).to_owned());
    let export = move |_| {
        if download(FILE_NAME, &shared.with(SharedSetup::to_json)).is_none() {
            form.import_message().set(Some(ImportNote::ExportFailed));
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        // Sized before it is read: a setup file is a few KB, and reading 60 MB into the page
        // only to refuse it would freeze the tab.
        if file.size() > MAX_INPUT as f64 {
            form.import_message().set(Some(ImportNote::Refused(ImportError::TooLarge)));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()).unwrap_or_default();
            let outcome = SharedSetup::from_json(&text).map(|shared| super::share_link::apply_shared(&shared, form));
            form.import_message().set(Some(super::share_link::note_of(outcome)));
        });
    };
    view! {
        <section class="panel" aria-labelledby="share-heading">
            <h2 id="share-heading">{tr(Key::ShareHeading)}</h2>
            <p class="hint">{tr(Key::ShareIntro)}</p>
            <div class="output-head">
                <span class="output-name">{tr(Key::ShareLink)}</span>
                <CopyButton target="share-link".to_owned() label=link_label />
            </div>
            <pre id="share-link" class="output" tabindex="0" data-testid="share-link">{link}</pre>
            <Show when=move || had_userinfo.get()>
                <p class="share-note" role="note" data-testid="share-userinfo-note">{tr(Key::ShareUserinfoRemoved)}</p>
            </Show>
            <div class="actions">
                <button type="button" on:click=export>{tr(Key::ExportSetup)}</button>
                <label class="file-button" for="import-setup">{tr(Key::ImportSetup)}</label>
                <input id="import-setup" class="visually-hidden-file" type="file" accept=".json,application/json" on:change=import />
            </div>
        </section>
    }
}

/// The outcome of the last import (link or file), and the imported options waiting for the
/// user's confirmation before the snippets use them.
#[component]
pub fn ImportNotice() -> impl IntoView {
    let i18n = use_i18n();
    let form = expect_context::<FormStore>();
    let confirm = move |_| form.pending_import().set(Vec::new());
    let load_link = move |_| {
        if let Some(encoded) = form.pending_link().get_untracked() {
            form.pending_link().set(None);
            super::share_link::import_link(form, encoded, false, None);
        }
    };
    let keep_typed = move |_| form.pending_link().set(None);
    let retry = move |_| {
        if let Some(ImportNote::Unavailable(encoded)) = form.import_message().get_untracked() {
            form.import_message().set(None);
            super::share_link::import_link(form, encoded, true, None);
        }
    };
    let discard = move |_| {
        let fields = form.pending_import().get_untracked();
        form.snippet_options().update(|o| *o = o.with_defaults_for(&fields));
        form.pending_import().set(Vec::new());
    };
    view! {
        <div class="import-notice" class:import-notice-empty=move || form.import_message().with(Option::is_none) && form.pending_import().with(Vec::is_empty) && form.pending_link().with(Option::is_none)>
            <p role="status" aria-live="polite" data-testid="share-message"
                class=move || match form.import_message().get() { Some(ImportNote::Imported) | None => "share-message", Some(_) => "share-message share-error" }>
                {move || form.import_message().with(|note| note.as_ref().map(|note| words(note, i18n)).unwrap_or_default())}
                <Show when=move || form.import_message().with(|note| matches!(note, Some(ImportNote::Unavailable(_))))>
                    " "<button type="button" data-testid="link-retry" on:click=retry>{tr(Key::PartRetry)}</button>
                </Show>
            </p>
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

/// The page's address without query or fragment.
fn page_address() -> String {
    web_sys::window()
        .map(|w| w.location())
        .map(|l| format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default()))
        .unwrap_or_default()
}

/// Saves `text` as a file through a temporary object URL.
fn download(name: &str, text: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let anchor = document.create_element("a").ok()?.dyn_into::<web_sys::HtmlAnchorElement>().ok()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}
