//! The views as URL fragments: `#build` and `#check`, so a docs page can link straight to Check.
//! A share link's `#setup=…` opens Build (the import itself is `share_panel`'s).

use leptos::prelude::*;
use registry_auth::shared_setup::FRAGMENT_PREFIX;

use super::state::{FormStore, FormStoreFields, View};

/// The view a fragment asks for, if any.
fn view_of(hash: &str) -> Option<View> {
    if hash == View::Check.fragment() {
        Some(View::Check)
    } else if hash == View::Build.fragment() || hash.starts_with(FRAGMENT_PREFIX) {
        Some(View::Build)
    } else {
        None
    }
}

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Shows the view of the address, now and whenever its fragment changes.
pub fn follow_address(form: FormStore) {
    if let Some(view) = view_of(&current_hash()) {
        set_view(form, view);
    }
    if let Some(window) = web_sys::window() {
        super::keep_while_owned(gloo_events::EventListener::new(&window, "hashchange", move |_| {
            if let Some(view) = view_of(&current_hash()) {
                set_view(form, view);
            }
        }));
    }
}

/// Switches to `view` and puts its fragment in the address, replacing the current entry (the
/// tabs are not pages to go back through).
pub fn show(form: FormStore, view: View) {
    set_view(form, view);
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(view.fragment()));
    }
}

/// Moves keyboard focus to `view`'s tab (`tab-build`, `tab-check`). `to_top` also scrolls the
/// page to its top, for a switch made from far down the other view.
pub fn focus_tab(view: View, to_top: bool) {
    let Some(window) = web_sys::window() else { return };
    if to_top {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
    if let Some(tab) = window.document().and_then(|d| d.get_element_by_id(&format!("tab-{}", view.id()))) {
        if let Ok(tab) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(tab) {
            let _ = tab.focus();
        }
    }
}

/// Sets the view only when it changes: setting it re-renders the whole view, snippets and all.
fn set_view(form: FormStore, view: View) {
    if form.view().get_untracked() != view {
        form.view().set(view);
    }
}
