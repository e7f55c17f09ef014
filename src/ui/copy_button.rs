//! "Copy" next to each output: the Clipboard API, a visible and announced "Copied" state, and
//! when the browser refuses (no permission, insecure context, sandboxed frame) the text is
//! selected so Ctrl+C works.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::i18n::use_i18n;
use crate::texts::Key;

/// How long "Copied" stays, in milliseconds.
const COPIED_MS: u32 = 2_000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Selected,
}

/// Copies the text of the element with id `target` (what you see is what you copy).
#[component]
pub fn CopyButton(
    /// Id of the element whose text content is copied.
    target: String,
    /// Accessible name and visible text, starting with "Copy".
    label: Signal<String>,
    /// A keyboard shortcut that presses this button (`aria-keyshortcuts` syntax).
    #[prop(optional)]
    shortcut: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(CopyState::Idle);
    // The timer that ends the "Copied" period. Replacing it drops (cancels) the previous one, so
    // each click restarts the period; it is dropped with the button.
    let reset = StoredValue::new_local(None::<Timeout>);
    // Clear all ends the "Copied" period too: it says something about text that is gone.
    if let Some(form) = use_context::<super::state::FormStore>() {
        use super::state::FormStoreFields;
        Effect::new(move |_| {
            if form.cleared().get() {
                let _ = reset.try_update_value(|timer| *timer = None);
                let _ = state.try_set(CopyState::Idle);
            }
        });
    }
    let on_click = move |_| {
        let target = target.clone();
        leptos::task::spawn_local(async move {
            // "Where to put it" may still show the text from before the last keystroke.
            super::idle::flush();
            leptos::task::tick().await;
            let outcome = copy_element_text(&target).await;
            // `try_`: the button may have gone while the clipboard was busy.
            if state.try_set(outcome).is_none() {
                let _ = reset.try_update_value(|timer| *timer = Some(Timeout::new(COPIED_MS, move || state.set(CopyState::Idle))));
            }
        });
    };
    view! {
        <span class="copy">
            <button type="button" class="copy-button" on:click=on_click aria-keyshortcuts=shortcut data-shortcut=shortcut data-copy-state=move || match state.get() {
                CopyState::Idle => "idle",
                CopyState::Copied => "copied",
                CopyState::Selected => "selected",
            }>
                {move || label.get()}
            </button>
            <span class="copy-status" role="status" aria-live="polite">
                {move || match state.get() {
                    CopyState::Idle => "",
                    CopyState::Copied => i18n.t(Key::Copied),
                    CopyState::Selected => i18n.t(Key::CopySelected),
                }}
            </span>
        </span>
    }
}

async fn copy_element_text(target: &str) -> CopyState {
    let Some(window) = web_sys::window() else { return CopyState::Idle };
    let Some(element) = window.document().and_then(|d| d.get_element_by_id(target)) else {
        return CopyState::Idle;
    };
    let text = element.text_content().unwrap_or_default();
    let navigator = window.navigator();
    // `navigator.clipboard` is undefined outside secure contexts; calling into it would throw.
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|c| !c.is_undefined());
    if has_clipboard && JsFuture::from(navigator.clipboard().write_text(&text)).await.is_ok() {
        return CopyState::Copied;
    }
    // Refused: select the text so the user can copy it with the keyboard.
    if let Ok(Some(selection)) = window.get_selection() {
        if selection.select_all_children(&element).is_ok() {
            return CopyState::Selected;
        }
    }
    CopyState::Idle
}
