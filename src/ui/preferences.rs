//! Preferences, off the main path: language, theme and auto-clear. In the footer; in an
//! embedded frame, folded into a compact menu so the frame opens with the tool itself.

use leptos::prelude::*;

use super::auto_clear::AutoClearSelect;
use super::i18n::{tr, use_i18n};
use super::page_mode::{store_language, store_theme, PageMode, Theme};
use crate::texts::{Key, Lang, LANGS};

#[component]
pub fn Preferences() -> impl IntoView {
    let i18n = use_i18n();
    let mode = expect_context::<PageMode>();
    let controls = move || {
        view! {
            <div class="preferences-controls">
                <div class="field">
                    <label for="language">{tr(Key::Language)}</label>
                    <select id="language"
                        prop:value=move || i18n.lang.get().as_str()
                        on:change=move |ev| {
                            let lang = Lang::from_tag(&event_target_value(&ev));
                            store_language(lang);
                            i18n.choose(lang);
                        }>
                        {LANGS.map(|lang| view! { <option value=lang.as_str()>{lang.name()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="theme">{tr(Key::Theme)}</label>
                    <select id="theme"
                        prop:value=move || mode.theme.get().as_str()
                        on:change=move |ev| {
                            let Ok(theme) = event_target_value(&ev).parse::<Theme>() else { return };
                            store_theme(theme);
                            mode.theme.set(theme);
                        }>
                        <option value="auto">{tr(Key::ThemeAuto)}</option>
                        <option value="light">{tr(Key::ThemeLight)}</option>
                        <option value="dark">{tr(Key::ThemeDark)}</option>
                    </select>
                </div>
                <AutoClearSelect />
            </div>
        }
    };
    // Outside the embedded menu: folded away, it would go unread.
    let not_kept = (!mode.storage_available).then(|| {
        view! { <p class="hint" role="status" data-testid="storage-unavailable">{tr(Key::StorageUnavailable)}</p> }
    });
    if mode.embedded {
        view! {
            {not_kept}
            <details class="preferences preferences-menu">
                <summary>{tr(Key::PreferencesHeading)}</summary>
                {controls()}
            </details>
        }
        .into_any()
    } else {
        view! {
            <section class="preferences" aria-labelledby="preferences-heading">
                <h2 id="preferences-heading">{tr(Key::PreferencesHeading)}</h2>
                {not_kept}
                {controls()}
            </section>
        }
        .into_any()
    }
}
