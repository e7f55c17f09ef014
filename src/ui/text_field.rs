//! The text inputs of the app: one-line fields and the textareas for pasted configs. Every field may end up holding a secret (people paste tokens
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
    /// The most UTF-16 code units the field takes (`registry_auth::limits`).
    max_chars: usize,
    /// Called when the field gets the focus (the user has reached it).
    #[prop(optional)]
    on_reach: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let at_limit = Memo::new(move |_| value.try_with(|v| registry_auth::limits::at_limit(v, max_chars)).unwrap_or(false));
    let limit_id = format!("{id}-limit");
    let described_by = {
        let limit_id = limit_id.clone();
        move || {
            let mut ids = described_by.get();
            if at_limit.get() {
                ids = if ids.is_empty() { limit_id.clone() } else { format!("{ids} {limit_id}") };
            }
            (!ids.is_empty()).then_some(ids)
        }
    };
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
                    on:focus=move |_| if let Some(reach) = on_reach { reach.run(()) }
                    placeholder=placeholder
                    maxlength=max_chars
                    aria-describedby=described_by
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
            <LimitNote id=limit_id shown=at_limit max_chars />
        </div>
    }
}

/// Says that a field reached its limit, so a paste cut short by `maxlength` is not silent.
#[component]
pub fn LimitNote(id: String, #[prop(into)] shown: Signal<bool>, max_chars: usize) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || shown.get()>
            <p class="hint field-limit" id=id.clone() role="status" data-testid="field-limit">
                {move || i18n.fill(Key::FieldLimit, &[("max", &max_chars.to_string())])}
            </p>
        </Show>
    }
}

/// A textarea for text that may hold secrets: no spellcheck, autofill or password managers.
#[component]
pub fn SecretTextarea(#[prop(into)] id: String, value: Field<String>, rows: u32) -> impl IntoView {
    let max_chars = registry_auth::limits::MAX_PASTED_CHARS;
    let at_limit = Memo::new(move |_| value.try_with(|v| registry_auth::limits::at_limit(v, max_chars)).unwrap_or(false));
    let limit_id = format!("{id}-limit");
    let node = NodeRef::<leptos::html::Textarea>::new();
    // `autocorrect` has no hyphen, so the view macro does not take it as a custom attribute.
    node.on_load(|el| {
        let _ = el.set_attribute("autocorrect", "off");
    });
    view! {
        <textarea node_ref=node id=id rows=rows
            prop:value=move || value.try_get().unwrap_or_default()
            on:input=move |ev| value.set(event_target_value(&ev))
            spellcheck="false" autocomplete="off" autocapitalize="off" data-1p-ignore="true" data-lpignore="true"
            data-bwignore="true" data-form-type="other" data-protonpass-ignore="true"
            maxlength=max_chars aria-describedby={let limit_id = limit_id.clone(); move || at_limit.get().then(|| limit_id.clone())}></textarea>
        <LimitNote id=limit_id shown=at_limit max_chars />
    }
}
