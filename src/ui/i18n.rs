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
