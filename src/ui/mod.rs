//! The browser UI: Leptos components that render what the core returns. No domain logic here.

mod app;
mod auto_clear;
mod build_view;
mod check_view;
mod copy_button;
mod entry_editor;
mod findings_list;
mod generator;
mod i18n;
mod masked_value;
mod page_mode;
mod preferences;
mod privacy_panel;
mod router;
mod service_worker;
mod share_panel;
mod shortcuts;
mod situation_picker;
mod snippets_panel;
mod state;
mod text_field;
mod value_panel;

/// Keeps `value` (a listener, a timer, an observer) alive as long as the current reactive
/// owner, and drops it with the owner: nothing is leaked with `.forget()`.
pub(crate) fn keep_while_owned<T: 'static>(value: T) {
    let _ = leptos::prelude::StoredValue::new_local(value);
}

/// Mounts the app into `<body>`, replacing the boot message.
pub fn start() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
    // Every control responds from here on (UI contract, "Ready").
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-app-ready", "");
    }
}
