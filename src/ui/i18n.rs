//! The UI language as a context, and the lookup every component uses for its texts. A language
//! other than the built-in one is fetched the first time it is chosen (a same-origin file the
//! service worker precaches, named by the build in `<meta name="i18n-<tag>">`); until it is
//! there, texts stay in the built-in language.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use std::cell::RefCell;

use super::waiting::{close, open, Opened, Waiting};
use crate::texts::{self, Lang, Text};

/// The chosen language, and whether its texts are there; reading either tracks it.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
    /// Bumped when a language's texts arrive, so every text re-renders.
    arrivals: RwSignal<u32>,
}

impl I18n {
    pub fn new(lang: Lang) -> Self {
        let i18n = I18n { lang: RwSignal::new(Lang::default()), arrivals: RwSignal::new(0) };
        i18n.choose(lang);
        i18n
    }

    /// The language the texts are shown in: the chosen one once its texts are loaded.
    pub fn shown(self) -> Lang {
        self.arrivals.track();
        let lang = self.lang.get();
        if texts::loaded(lang) {
            lang
        } else {
            Lang::default()
        }
    }

    pub fn t(self, text: impl Into<Text>) -> &'static str {
        texts::get(self.shown(), text.into())
    }

    /// The text with its `{name}` parameters filled in.
    pub fn fill(self, text: impl Into<Text>, params: &[(&str, &str)]) -> String {
        texts::fill(self.t(text), params)
    }

    /// Switches language, fetching its texts the first time.
    pub fn choose(self, lang: Lang) {
        self.lang.set(lang);
        if !texts::loaded(lang) {
            let arrivals = self.arrivals;
            leptos::task::spawn_local(async move {
                if let Some(json) = fetch_file(&format!("i18n-{}", lang.as_str())).await {
                    if texts::load(lang, &json) {
                        let _ = arrivals.try_update(|n| *n += 1);
                    }
                }
            });
        }
    }
}

/// A texts file the build names `id` (`i18n-<tag>`, `i18n-<first tag>-late`): inline in the single-file
/// build, else the file its `<meta name="<id>">` names.
async fn fetch_file(id: &str) -> Option<String> {
    let window = web_sys::window()?;
    let document = window.document()?;
    if let Some(inline) = document.get_element_by_id(id) {
        return inline.text_content();
    }
    let meta = document.query_selector(&format!("meta[name=\"{id}\"]")).ok()??;
    let url = meta.get_attribute("content")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&url)).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}

thread_local! {
    /// Open while no fetch of the late texts is on its way.
    static LATE_IDLE: Waiting = const { RefCell::new((true, Vec::new())) };
}

/// Resolves true once the English texts of `texts::LATE` are there (the parts in modules of
/// their own that show them wait for this: `split_part::SplitPart`), fetching them if no fetch is
/// on its way; false if they could not be fetched (a later call tries again). The fetch is a task
/// of its own, not the caller's: a caller dropped midway (its part unmounted) cannot leave it
/// marked as on its way with nobody to finish it.
pub async fn late_texts() -> bool {
    if texts::late_loaded() {
        return true;
    }
    if close(&LATE_IDLE) {
        leptos::task::spawn_local(async {
            if let Some(json) = fetch_file(&format!("i18n-{}-late", Lang::default().as_str())).await {
                texts::load_late(&json);
            }
            open(&LATE_IDLE);
        });
    }
    Opened(&LATE_IDLE).await;
    texts::late_loaded()
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
