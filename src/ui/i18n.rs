//! The UI language as a context, and the lookup every component uses for its texts.

use leptos::prelude::*;

use crate::catalogue::{fill, text, Lang};

/// The current language; `t` reads it, so a text re-renders when the language changes.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    pub fn t(self, key: &str) -> &'static str {
        text(self.lang.get(), key)
    }

    pub fn fill(self, key: &str, subject: &str) -> String {
        fill(self.lang.get(), key, subject)
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive text for a fixed catalogue key. Every call returns the same closure type, so the
/// view code that renders it is instantiated once instead of once per label (a large share of
/// the wasm size otherwise).
pub fn tr(key: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}
