//! Save or share the setup without its secrets: a link with the setup in its fragment, a JSON
//! file to download, and importing either. See `shared_setup.rs` for why no secret can leak.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::copy_button::CopyButton;
use super::i18n::{tr, use_i18n};
use super::settled::Settled;
use super::state::{FormStore, FormStoreFields, ImportNote};
use crate::texts::Key;
use registry_auth::shared_setup::{ImportError, SharedSetup, MAX_INPUT};

const FILE_NAME: &str = "auth-config-builder-setup.json";

#[component]
pub fn SharePanel() -> impl IntoView {
    let i18n = use_i18n();
    let form = expect_context::<FormStore>();
    // The rows as they settle (`settled`): from 11 registries a keystroke recomputes nothing
    // here, and at any count a keystroke in a token or username stops at the memos' equality.
    // A shared setup holds no username or secret.
    let settled = expect_context::<Settled>();
    // The token kinds, taken from the rows when they settle.
    let tokens = Memo::new(move |_| {
        settled.version.track();
        untrack(|| form.entries().with(|list| list.iter().map(|e| e.gitlab_token.id().to_owned()).collect::<Vec<_>>()))
    });
    let setup = settled.without_credentials;
    let shared = Memo::new(move |_| {
        tokens.with(|tokens| {
            setup.with(|s| form.snippet_options().with(|o| form.situation().with(|situation| SharedSetup::new(s, tokens, o, situation))))
        })
    });
    let had_userinfo = Memo::new(move |_| setup.with(|s| form.snippet_options().with(|o| SharedSetup::had_userinfo(s, o))));
    let link = move || format!("{}{}", page_address(), shared.with(SharedSetup::to_fragment));
    let link_label = Signal::derive(move || i18n.t(Key::CopyShareLink).to_owned());
    let export = move |_| {
        // What is saved is what the form says, not what it said before the pause.
        super::idle::flush();
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
