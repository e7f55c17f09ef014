//! The browser UI: Leptos components that render what the core returns. No domain logic here.

mod app;
mod auto_clear;
mod copy_button;
mod entry_editor;
mod findings_list;
mod i18n;
mod inspector_panel;
mod masked_value;
mod page_mode;
mod privacy_panel;
mod service_worker;
mod share_panel;
mod shortcuts;
mod snippets_panel;
mod state;
mod text_field;
mod value_output;

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
}
