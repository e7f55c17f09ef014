//! Keyboard shortcuts: copy the value, and Clear all. Shown in the page footer.

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;

use super::form_loads::clear_all;
use super::state::FormStore;

/// `aria-keyshortcuts` syntax; the page shows the same keys.
pub const COPY_VALUE: &str = "Alt+Shift+C";
pub const CLEAR_ALL: &str = "Alt+Shift+X";

/// Listens for the shortcuts for the page's life.
pub fn install(form: FormStore) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let target = document.clone();
    // Not passive: the handler calls preventDefault so the keys do not type a character.
    super::keep_while_owned(EventListener::new_with_options(
        &target,
        "keydown",
        EventListenerOptions::enable_prevent_default(),
        move |event| {
            let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            if !(event.alt_key() && event.shift_key()) || event.ctrl_key() || event.meta_key() {
                return;
            }
            // `code` names the physical key, so the shortcut works whatever Alt+Shift types.
            match event.code().as_str() {
                "KeyC" => {
                    let selector = format!("[data-shortcut=\"{COPY_VALUE}\"]");
                    if let Ok(Some(button)) = document.query_selector(&selector) {
                        if let Some(button) = button.dyn_ref::<web_sys::HtmlElement>() {
                            event.prevent_default();
                            button.click();
                        }
                    }
                }
                "KeyX" => {
                    event.prevent_default();
                    clear_all(form);
                }
                _ => {}
            }
        },
    ));
}
