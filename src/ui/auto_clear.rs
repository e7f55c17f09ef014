//! Optional auto-clear: forget everything typed when the tab has been hidden for a chosen time.
//! The choice (not the data) is a stored preference.

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::form_loads::clear_all;
use super::i18n::{tr, use_i18n};
use super::state::FormStore;
use crate::texts::Key;

const KEY: &str = "auth-config-builder.auto-clear-minutes";
/// The offered delays, in minutes; 0 is "never".
const CHOICES: [u32; 4] = [0, 1, 5, 15];

/// The chosen delay in minutes (0: never), as a context.
#[derive(Clone, Copy)]
struct AutoClear(RwSignal<u32>);

/// Watches the tab's visibility for the page's life (the listener and the pending timer belong
/// to the app's owner and go with it).
pub fn install(form: FormStore) {
    let stored = super::stored_prefs::read(KEY).and_then(|v| v.as_u64()).and_then(|m| u32::try_from(m).ok());
    let minutes = RwSignal::new(stored.filter(|m| CHOICES.contains(m)).unwrap_or(0));
    provide_context(AutoClear(minutes));
    let pending = StoredValue::new_local(None::<Timeout>);
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let watched = document.clone();
    super::keep_while_owned(EventListener::new(&watched, "visibilitychange", move |_| {
        // Dropping a Timeout cancels it: coming back in time keeps everything.
        let _ = pending.try_set_value(None);
        let delay = minutes.get_untracked();
        if document.hidden() && delay > 0 {
            let _ = pending.try_set_value(Some(Timeout::new(delay * 60_000, move || clear_all(form))));
        }
    }));
}

#[component]
pub fn AutoClearSelect() -> impl IntoView {
    let i18n = use_i18n();
    let AutoClear(minutes) = expect_context::<AutoClear>();
    view! {
        <div class="field">
            <label for="auto-clear">{tr(Key::AutoClear)}</label>
            <select id="auto-clear" prop:value=move || minutes.get().to_string()
                on:change=move |ev| {
                    let chosen: u32 = event_target_value(&ev).parse().unwrap_or(0);
                    super::stored_prefs::write(KEY, chosen.into());
                    minutes.set(chosen);
                }>
                {CHOICES.iter().map(|m| {
                    let m = *m;
                    view! { <option value=m.to_string()>{move || if m == 0 { i18n.t(Key::AutoClearNever).to_owned() } else { i18n.fill(Key::AutoClearMinutes, &[("minutes", &m.to_string())]) }}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
