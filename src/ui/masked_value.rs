//! A secret shown for reading: masked until the user reveals it.

use leptos::prelude::*;

use super::i18n::tr;
use crate::texts::Key;

#[component]
pub fn MaskedValue(value: String) -> impl IntoView {
    let revealed = RwSignal::new(false);
    let masked = "•".repeat(value.chars().count().clamp(8, 16));
    view! {
        <span class="masked-value">
            <code class="output-inline" tabindex="0" data-masked=move || if revealed.get() { "false" } else { "true" }>
                {move || if revealed.get() { value.clone() } else { masked.clone() }}
            </code>
            <button type="button" class="reveal" aria-pressed=move || if revealed.get() { "true" } else { "false" }
                on:click=move |_| revealed.update(|r| *r = !*r)>
                {move || if revealed.get() { tr(Key::Hide)() } else { tr(Key::Reveal)() }}
            </button>
        </span>
    }
}
