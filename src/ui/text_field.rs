//! The one text input of the app. Every field may end up holding a secret (people paste tokens
//! into the wrong box), so every field opts out of spellcheck, autofill and password managers;
//! "enhanced spellcheck" would send the text to a cloud service (Chrome's Enhanced Spellcheck
//! and Edge's Editor both do).

use leptos::prelude::*;
use reactive_stores::Field;

use super::i18n::{tr, use_i18n};
use crate::texts::Key;

/// A labelled `<input>` bound to a field of the form. `secret` makes it `type="password"` with
/// a reveal toggle; the opt-out attributes stay on after a reveal.
#[component]
pub fn TextField(
    /// Unique element id, also used to tie the label and hints to the input.
    id: String,
    /// The visible label.
    label: Key,
    value: Field<String>,
    #[prop(optional)] secret: bool,
    #[prop(optional, into)] placeholder: Option<&'static str>,
    /// Ids of elements describing this field (hints, findings).
    #[prop(optional, into)]
    described_by: Signal<String>,
    #[prop(optional, into)] invalid: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let revealed = RwSignal::new(false);
    let input_type = move || if secret && !revealed.get() { "password" } else { "text" };
    let input_id = id.clone();
    let input_ref = NodeRef::<leptos::html::Input>::new();
    // `autocorrect` has no hyphen, so the view macro does not take it as a custom attribute.
    input_ref.on_load(|input| {
        let _ = input.set_attribute("autocorrect", "off");
    });
    view! {
        <div class="field">
            <label for=id.clone()>{tr(label)}</label>
            <div class="field-row">
                <input
                    node_ref=input_ref
                    id=input_id
                    type=input_type
                    // `try_`: the row may be going away while its last update runs.
                    prop:value=move || value.try_get().unwrap_or_default()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    placeholder=placeholder
                    aria-describedby=move || { let d = described_by.get(); if d.is_empty() { None } else { Some(d) } }
                    aria-invalid=move || invalid.get().then_some("true")
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    data-1p-ignore="true"
                    data-lpignore="true"
                    data-bwignore="true"
                    data-form-type="other"
                    data-protonpass-ignore="true"
                />
                {secret.then(|| view! {
                    <button
                        type="button"
                        class="reveal"
                        aria-pressed=move || if revealed.get() { "true" } else { "false" }
                        aria-controls=id.clone()
                        on:click=move |_| revealed.update(|r| *r = !*r)
                    >
                        {move || if revealed.get() { i18n.t(Key::Hide) } else { i18n.t(Key::Reveal) }}
                    </button>
                })}
            </div>
        </div>
    }
}
