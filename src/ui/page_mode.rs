//! How the page is shown: embedded in a portal (`?embed`), the theme, and stored preferences.
//! Only preferences are ever stored; nothing typed into the form is.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use super::stored_prefs;
use crate::texts::Lang;

const THEME_KEY: &str = "auth-config-builder.theme";
const LANG_KEY: &str = "auth-config-builder.lang";

/// The message type a portal listens for to size its iframe.
pub const HEIGHT_MESSAGE: &str = "auth-config-builder:height";

/// `auto` follows `prefers-color-scheme`.
#[derive(Clone, Copy, PartialEq, Eq, Default, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "lowercase")]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// The `<option>` value, the `?theme=` parameter and the stored preference.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Page-wide settings, provided as context.
#[derive(Clone, Copy)]
pub struct PageMode {
    pub embedded: bool,
    pub theme: RwSignal<Theme>,
    /// Whether preferences can be kept between visits (`stored_prefs::available`); when not,
    /// they hold for this visit only and the page says so.
    pub storage_available: bool,
}

fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then(|| value.to_owned())
    })
}

/// Reads `?embed` and `?theme=` and the stored preferences.
pub fn read_page_mode() -> PageMode {
    let embedded = query_param("embed").is_some();
    let stored = || stored_prefs::read(THEME_KEY).and_then(|v| v.as_str().map(str::to_owned));
    let theme = query_param("theme").or_else(stored).and_then(|t| t.parse().ok()).unwrap_or_default();
    PageMode { embedded, theme: RwSignal::new(theme), storage_available: stored_prefs::available() }
}

/// The language: stored preference first, then the browser's.
pub fn initial_language() -> Lang {
    if let Some(stored) = stored_prefs::read(LANG_KEY).and_then(|v| v.as_str().map(str::to_owned)) {
        return Lang::from_tag(&stored);
    }
    web_sys::window().and_then(|w| w.navigator().language()).map(|tag| Lang::from_tag(&tag)).unwrap_or_default()
}

pub fn store_language(lang: Lang) {
    stored_prefs::write(LANG_KEY, lang.as_str().into());
}

pub fn store_theme(theme: Theme) {
    stored_prefs::write(THEME_KEY, theme.as_str().into());
}

/// Keeps `<html>`'s `lang`, `data-theme` and `class="embed"` in step with the state.
pub fn sync_root_attributes(mode: PageMode, i18n: super::i18n::I18n) {
    let root = || web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if mode.embedded {
        if let Some(root) = root() {
            let _ = root.class_list().add_1("embed");
        }
        report_height_to_parent();
    }
    Effect::new(move |_| {
        if let Some(root) = root() {
            let _ = root.set_attribute("lang", i18n.shown().as_str());
            let _ = root.set_attribute("data-theme", mode.theme.get().as_str());
        }
    });
}

/// Tells the embedding page our height whenever it changes, so the portal can size the iframe
/// without scrollbars. Nothing is read from the parent.
fn report_height_to_parent() {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    let Some(body) = window.document().and_then(|d| d.body()) else { return };
    let post = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let Some(root) = document.document_element() else { return };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
        // The layout height of <html>, not its scrollHeight: that one never drops below the
        // frame's own height, so a frame sized from it could grow but never shrink.
        let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else { return };
        let _ = js_sys::Reflect::set(&message, &"height".into(), &root.offset_height().into());
        let _ = parent.post_message(&message, "*");
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref()) {
        observer.observe(&body);
        // The observer and its callback belong to the app: disconnected when it goes.
        super::keep_while_owned(Observed { observer, _callback: post });
    }
}

/// A `ResizeObserver` that stops observing when dropped, with the callback it calls.
struct Observed {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for Observed {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
