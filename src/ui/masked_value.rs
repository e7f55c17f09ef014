//! A secret shown for reading: masked until the user reveals it. The mask has one length
//! whatever the secret's, so neither the text nor the layout says how long it is.

use leptos::prelude::*;

use super::i18n::use_i18n;
use crate::texts::Key;

const MASK: &str = "••••••••";

#[component]
pub fn MaskedValue(#[prop(into)] value: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let revealed = RwSignal::new(false);
    view! {
        <span class="masked-value">
            <code class="output-inline" tabindex="0" data-masked=move || if revealed.get() { "false" } else { "true" }>
                {move || if revealed.get() { value.get() } else { MASK.to_owned() }}
            </code>
            <button type="button" class="reveal" aria-pressed=move || if revealed.get() { "true" } else { "false" }
                on:click=move |_| revealed.update(|r| *r = !*r)>
                {move || if revealed.get() { i18n.t(Key::Hide) } else { i18n.t(Key::Reveal) }}
            </button>
        </span>
    }
}
