//! The UI language as a context, and the lookup every component uses for its texts. Japanese is
//! fetched the first time it is chosen (a same-origin file the service worker precaches, named
//! by the build in `<meta name="i18n-ja">`); until it is there, texts stay English.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::texts::{self, Lang, Text};

/// The chosen language, and whether its texts are there; reading either tracks it.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
    /// Bumped when the Japanese texts arrive, so every text re-renders.
    loaded: RwSignal<bool>,
}

impl I18n {
    pub fn new(lang: Lang) -> Self {
        let i18n = I18n { lang: RwSignal::new(Lang::En), loaded: RwSignal::new(texts::japanese_loaded()) };
        i18n.choose(lang);
        i18n
    }

    /// The language the texts are shown in: Japanese only once its texts are loaded.
    pub fn shown(self) -> Lang {
        if self.lang.get() == Lang::Ja && self.loaded.get() {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    pub fn t(self, text: impl Into<Text>) -> &'static str {
        texts::get(self.shown(), text.into())
    }

    /// The text with its `{name}` parameters filled in.
    pub fn fill(self, text: impl Into<Text>, params: &[(&str, &str)]) -> String {
        texts::fill(self.t(text), params)
    }

    /// Switches language, fetching the Japanese texts the first time.
    pub fn choose(self, lang: Lang) {
        self.lang.set(lang);
        if lang == Lang::Ja && !texts::japanese_loaded() {
            let loaded = self.loaded;
            leptos::task::spawn_local(async move {
                if let Some(json) = fetch_japanese().await {
                    if texts::load_japanese(&json) {
                        let _ = loaded.try_set(true);
                    }
                }
            });
        }
    }
}

/// The Japanese texts: inline in the single-file build, else the file the build names.
async fn fetch_japanese() -> Option<String> {
    let window = web_sys::window()?;
    let document = window.document()?;
    if let Some(inline) = document.get_element_by_id("i18n-ja") {
        return inline.text_content();
    }
    let meta = document.query_selector("meta[name=\"i18n-ja\"]").ok()??;
    let url = meta.get_attribute("content")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&url)).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive text for a fixed key or text. Every call returns the same closure type, so the
/// view code that renders it is instantiated once instead of once per label (a large share of
/// the wasm size otherwise).
pub fn tr(text: impl Into<Text>) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    let text = text.into();
    move || i18n.t(text)
}
