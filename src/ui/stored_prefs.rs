//! The preferences kept between visits (language, theme, auto-clear delay), in `localStorage`
//! where the browser allows it and in memory where it does not. Nothing typed is ever stored.
//!
//! Reading `window.localStorage` throws a `SecurityError` when the user blocks site data, and
//! in a frame of another site where the browser blocks third-party storage (an `?embed` on a
//! docs portal). Every access here is caught: the page then keeps its preferences for this
//! visit only and says so (`data-testid="storage-unavailable"`), and never stops.

/// The page's storage, or `None` where the browser refuses it.
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether preferences can be kept: `localStorage` can be read and written here.
pub fn available() -> bool {
    const PROBE: &str = "auth-config-builder.probe";
    storage().is_some_and(|s| s.set_item(PROBE, "").is_ok() && s.remove_item(PROBE).is_ok())
}

/// The value stored under `key`, as [`write`] writes it: JSON, the format of every earlier
/// version (a string as `"ja"`, a number as `5`). `None` when absent, unreadable or refused.
pub fn read(key: &str) -> Option<serde_json::Value> {
    let text = storage()?.get_item(key).ok().flatten()?;
    // From bytes, as the rest of the first step parses JSON (`lifetime`, `token_kind`): one
    // instantiation of the parser in the main module instead of two.
    serde_json::from_slice(text.as_bytes()).ok()
}

/// Stores `value` under `key` as JSON; returns whether it was kept.
pub fn write(key: &str, value: serde_json::Value) -> bool {
    storage().is_some_and(|s| s.set_item(key, &value.to_string()).is_ok())
}
