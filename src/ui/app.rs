//! The one screen, top to bottom as the job goes: registries, the value, where to put it,
//! inspect an existing config.

use leptos::prelude::*;

use super::entry_editor::EntryEditor;
use super::i18n::{use_i18n, I18n};
use super::privacy_panel::PrivacyPanel;
use super::service_worker::UpdatePrompt;
use super::state::AppState;
use super::value_output::ValueOutput;
use crate::catalogue::Lang;
use crate::config_builder::{build, HELPER_PRESETS};

#[component]
pub fn App() -> impl IntoView {
    let browser_lang = web_sys::window().and_then(|w| w.navigator().language()).map(|tag| Lang::from_tag(&tag)).unwrap_or_default();
    provide_context(I18n { lang: RwSignal::new(browser_lang) });
    let state = AppState::new();
    provide_context(state);
    let generated = Memo::new(move |_| build(&state.setup()));
    provide_context(generated);
    let i18n = use_i18n();

    Effect::new(move |_| {
        let lang = i18n.lang.get();
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", lang.as_str());
        }
    });

    view! {
        <UpdatePrompt />
        <header class="page-header">
            <h1>{move || i18n.t("ui.title")}</h1>
            <p class="tagline">{move || i18n.t("ui.tagline")}</p>
            <div class="header-controls">
                <div class="field">
                    <label for="language">{move || i18n.t("ui.language")}</label>
                    <select id="language"
                        prop:value=move || i18n.lang.get().as_str()
                        on:change=move |ev| i18n.lang.set(Lang::from_tag(&event_target_value(&ev)))>
                        <option value="en">"English"</option>
                        <option value="ja">"日本語"</option>
                    </select>
                </div>
                <button type="button" class="danger" on:click=move |_| state.clear_all()>{move || i18n.t("ui.clear-all")}</button>
            </div>
        </header>
        <main>
            <section class="panel" aria-labelledby="registries-heading">
                <h2 id="registries-heading">{move || i18n.t("ui.registries-heading")}</h2>
                <For each=move || state.entries.get() key=|entry| entry.id let:entry>
                    <EntryEditor entry=entry />
                </For>
                <button type="button" class="add" on:click=move |_| { state.add_entry(); }>{move || i18n.t("ui.add-registry")}</button>
                <div class="field">
                    <label for="creds-store">{move || i18n.t("ui.creds-store")}</label>
                    <select id="creds-store"
                        prop:value=move || state.creds_store.get()
                        on:change=move |ev| state.creds_store.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t("ui.none")}</option>
                        {HELPER_PRESETS.iter().map(|name| view! { <option value=*name>{*name}</option> }).collect_view()}
                    </select>
                </div>
            </section>
            <ValueOutput />
            <PrivacyPanel />
        </main>
    }
}
