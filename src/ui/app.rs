//! The one screen, top to bottom as the job goes: registries, the value, where to put it,
//! inspect an existing config.

use leptos::prelude::*;

use super::auto_clear::AutoClearSelect;
use super::entry_editor::EntryEditor;
use super::i18n::{tr, use_i18n, I18n};
use super::inspector_panel::InspectorPanel;
use super::page_mode::{initial_language, read_page_mode, store_language, store_theme, sync_root_attributes, Theme};
use super::privacy_panel::PrivacyPanel;
use super::service_worker::UpdatePrompt;
use super::share_panel::{ImportNotice, SharePanel};
use super::snippets_panel::SnippetsPanel;
use super::state::{AppState, OTHER_HELPER};
use super::text_field::TextField;
use super::value_output::ValueOutput;
use crate::texts::Key;
use crate::texts::Lang;
use registry_auth::config_builder::build;
use registry_auth::credential_helper::HELPER_PRESETS;
use registry_auth::setup::MAX_ENTRIES;

#[component]
pub fn App() -> impl IntoView {
    let mode = read_page_mode();
    provide_context(mode);
    provide_context(I18n::new(initial_language()));
    let state = AppState::new();
    provide_context(state);
    let setup = Memo::new(move |_| state.setup());
    provide_context(setup);
    let generated = Memo::new(move |_| setup.with(build));
    provide_context(generated);
    let i18n = use_i18n();

    sync_root_attributes(mode, i18n);
    super::shortcuts::install(state);
    super::share_panel::import_from_address(state);

    view! {
        <UpdatePrompt />
        <header class="page-header">
            <h1>{tr(Key::Title)}</h1>
            <p class="tagline">{tr(Key::Tagline)}</p>
            <div class="header-controls">
                <div class="field">
                    <label for="language">{tr(Key::Language)}</label>
                    <select id="language"
                        prop:value=move || i18n.lang.get().as_str()
                        on:change=move |ev| {
                            let lang = Lang::from_tag(&event_target_value(&ev));
                            store_language(lang);
                            i18n.choose(lang);
                        }>
                        <option value="en">"English"</option>
                        <option value="ja">"日本語"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="theme">{tr(Key::Theme)}</label>
                    <select id="theme"
                        prop:value=move || mode.theme.get().as_str()
                        on:change=move |ev| {
                            let theme = Theme::parse(&event_target_value(&ev));
                            store_theme(theme);
                            mode.theme.set(theme);
                        }>
                        <option value="auto">{tr(Key::ThemeAuto)}</option>
                        <option value="light">{tr(Key::ThemeLight)}</option>
                        <option value="dark">{tr(Key::ThemeDark)}</option>
                    </select>
                </div>
                <AutoClearSelect />
                <button type="button" class="danger" aria-keyshortcuts=super::shortcuts::CLEAR_ALL on:click=move |_| state.clear_all()>{tr(Key::ClearAll)}</button>
            </div>
            <p class="hint shortcuts">{tr(Key::Shortcuts)}" "<kbd>{super::shortcuts::COPY_VALUE}</kbd>" "{tr(Key::ShortcutCopy)}" · "<kbd>{super::shortcuts::CLEAR_ALL}</kbd>" "{tr(Key::ShortcutClear)}</p>
        </header>
        <main>
            <ImportNotice />
            <section class="panel" aria-labelledby="registries-heading">
                <h2 id="registries-heading">{tr(Key::RegistriesHeading)}</h2>
                <For each=move || state.entries.get() key=|entry| entry.id let:entry>
                    <EntryEditor entry=entry />
                </For>
                <button type="button" class="add" aria-describedby="registries-full"
                    on:click=move |_| { if state.can_add() { state.add_entry(); } }>{tr(Key::AddRegistry)}</button>
                <p id="registries-full" class="hint" role="status" data-testid="registries-full">
                    {move || (!state.can_add()).then(|| i18n.fill(Key::RegistriesFull, &[("max", &MAX_ENTRIES.to_string())]))}
                </p>
                <div class="field">
                    <label for="creds-store">{tr(Key::CredsStore)}</label>
                    <select id="creds-store"
                        prop:value=move || state.creds_store_choice.get()
                        on:change=move |ev| state.creds_store_choice.set(event_target_value(&ev))>
                        <option value="">{tr(Key::None)}</option>
                        {HELPER_PRESETS.iter().map(|name| view! { <option value=*name>{*name}</option> }).collect_view()}
                        <option value=OTHER_HELPER>{tr(Key::HelperOther)}</option>
                    </select>
                </div>
                <Show when=move || state.creds_store_choice.get() == OTHER_HELPER>
                    <TextField id="creds-store-other".to_owned() label=Key::CredsStoreName value=state.creds_store_other />
                </Show>
            </section>
            <ValueOutput />
            <SnippetsPanel />
            <InspectorPanel />
            <SharePanel />
            <PrivacyPanel />
        </main>
    }
}
