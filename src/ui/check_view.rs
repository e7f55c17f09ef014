//! The Check view: paste a value or config, see what it is, each entry decoded, what is wrong,
//! a corrected value, and which key each image gets.

use leptos::prelude::*;

use super::copy_button::CopyButton;
use super::findings_list::FindingsList;
use super::form_loads::{append_setup, load_setup};
use super::format_line::FormatLine;
use super::i18n::{tr, use_i18n};
use super::image_resolver::ImageResolver;
use super::masked_value::MaskedValue;
use super::merge_panel::{merged_memo, MergePanel};
use super::state::{EditNote, FormStore, FormStoreFields};
use super::text_field::SecretTextarea;
use crate::texts::Key;
use registry_auth::config_builder::Generated;
use registry_auth::inspector::{
    fixed_parts, fixed_secret, fixed_setup, inspect_in, keys_for_images, left_out_keys, shadowed_keys, to_setup, Inspection,
};
use registry_auth::merge::Merged;
use registry_auth::resolver::image_names;

/// A pasted 1 MB config has thousands of entries; showing them all would freeze the tab. The
/// findings and the fix still cover every entry.
const MAX_SHOWN_ENTRIES: usize = 100;

#[component]
pub fn CheckView() -> impl IntoView {
    let i18n = use_i18n();
    let form = expect_context::<FormStore>();
    let generated = expect_context::<Memo<Generated>>();
    // Inspected for the situation chosen in Build: the runner version decides some findings.
    let inspection = Memo::new(move |_| {
        form.inspector_text().with(|text| (!text.trim().is_empty()).then(|| form.situation().with(|situation| inspect_in(text, situation))))
    });
    let findings = Signal::derive(move || inspection.with(|i| i.as_ref().map(|i| i.findings.clone()).unwrap_or_default()));
    let fixed = RwSignal::new(None::<FixShown>);
    // A new paste makes an earlier fix stale.
    Effect::new(move |_| {
        form.inspector_text().track();
        fixed.set(None);
    });
    // With the images typed below: Fix writes keys they match (a port is part of the key).
    let fix = move |_| {
        let images = form.image().with_untracked(|text| image_names(text));
        fixed.set(inspection.with(|i| i.as_ref().and_then(|i| FixShown::of(i, &images))));
    };
    let (merged, merge_sources) = merged_memo(form, inspection);
    // While merging, the merged entries go to the generator. Else, after Fix, the corrected
    // entries; before it, the entries as decoded, so the generator's own checks show what is
    // wrong with them.
    let edit_in_generator = move |_| {
        let setup = if let Some(setup) = merged.with_untracked(|m| m.as_ref().map(Merged::to_setup)) {
            Some(setup)
        } else if fixed.with_untracked(Option::is_some) {
            // The corrected entries, and the bare tokens the fix left out waiting for a username.
            inspection.with(|i| i.as_ref().and_then(fixed_setup))
        } else {
            inspection.with(|i| i.as_ref().filter(|i| i.readable).map(to_setup))
        };
        if let Some(setup) = setup {
            let adds = form.edit_adds().get_untracked();
            let left_out = if adds { append_setup(form, &setup) } else { load_setup(form, &setup) };
            let total = setup.entries.len();
            // Always said: loading replaces what was typed in Build unless "add" is ticked.
            let note = match (left_out, adds) {
                (0, true) => EditNote::Added(total),
                (0, false) => EditNote::Loaded(total),
                _ => EditNote::LeftOut { loaded: total - left_out, total },
            };
            form.edit_note().set(Some(note));
            super::router::show(form, super::state::View::Build);
            // The Check view's buttons sit far down; the loaded rows start at the top.
            super::router::focus_tab(super::state::View::Build, true);
        }
    };
    let can_fix = move || inspection.with(|i| i.as_ref().is_some_and(|i| i.readable));
    let can_edit = move || can_fix() || merged.with(|m| m.as_ref().is_some_and(|m| m.registries > 0));
    let fixed_copy_label = Signal::derive(move || i18n.t(Key::CopyFixed).to_owned());
    let secret_copy_label = Signal::derive(move || i18n.t(Key::CopyFixedSecret).to_owned());

    view! {
        <section class="panel" aria-labelledby="inspect-heading">
            <h2 id="inspect-heading">{tr(Key::InspectHeading)}</h2>
            <p class="hint">{tr(Key::InspectIntro)}</p>
            <div class="field">
                <label for="existing-config">{tr(Key::ExistingConfig)}</label>
                <SecretTextarea id="existing-config" value=form.inspector_text().into() rows=8 />
            </div>
            <Show when=move || inspection.with(Option::is_some)>
                <FormatLine inspection />
                <ul class="inspect-entries">
                    {move || inspection.with(|i| i.as_ref().map(|i| i.entries.iter().take(MAX_SHOWN_ENTRIES).cloned().collect::<Vec<_>>()).unwrap_or_default()).into_iter().map(|entry| view! {
                        <li class="inspect-entry" data-testid="inspect-entry" data-key=entry.key.clone()>
                            <dl>
                                <dt>{tr(Key::Key)}</dt><dd><code>{entry.key.clone()}</code></dd>
                                <dt>{tr(Key::InspectRunnerPath)}</dt><dd><code>{entry.normalised_runner.clone()}</code></dd>
                                {entry.username.clone().map(|u| view! { <dt>{tr(Key::Username)}</dt><dd><code data-testid="inspect-username">{u}</code></dd> })}
                                {entry.password.clone().map(|p| view! { <dt>{tr(Key::Secret)}</dt><dd data-testid="inspect-password"><MaskedValue value=p /></dd> })}
                                {entry.undivided_auth.clone().map(|p| view! { <dt>"auth"</dt><dd><MaskedValue value=p /></dd> })}
                                {entry.helper.clone().map(|h| view! { <dt>{tr(Key::Helper)}</dt><dd><code>{h}</code></dd> })}
                                <dt>{tr(Key::InspectFields)}</dt><dd>{if entry.fields.is_empty() { "{}".to_owned() } else { entry.fields.join(", ") }}</dd>
                            </dl>
                            <super::expiry::ExpiryLine lifetime=Signal::derive({ let lifetime = entry.lifetime(); move || lifetime }) testid="credential-expiry" />
                        </li>
                    }).collect_view()}
                </ul>
                {move || {
                    let total = inspection.with(|i| i.as_ref().map_or(0, |i| i.entries.len()));
                    (total > MAX_SHOWN_ENTRIES).then(|| view! { <p class="hint" data-testid="inspect-more">{i18n.fill(Key::InspectMore, &[("count", &(total - MAX_SHOWN_ENTRIES).to_string())])}</p> })
                }}
                <super::expiry::ExpiryLine lifetime=Signal::derive(move || inspection.with(|i| i.as_ref().and_then(|i| i.earliest_lifetime()))) testid="value-expiry" />
                {move || inspection.with(|i| i.as_ref().and_then(|i| i.creds_store.clone())).map(|store| view! {
                    <p><span class="key-label">"credsStore"</span>" "<code>{store}</code></p>
                })}
            </Show>
            <FindingsList findings=findings testid="inspect-finding" name_keys=true id_prefix="inspect-finding".to_owned() />
            <MergePanel merged=merged sources=merge_sources />
            <div class="actions">
                <button type="button" on:click=fix disabled=move || !can_fix()>{tr(Key::Fix)}</button>
                <button type="button" on:click=edit_in_generator disabled=move || !can_edit()>{tr(Key::EditInGenerator)}</button>
                <label class="checkbox">
                    <input type="checkbox" id="edit-adds" prop:checked=move || form.edit_adds().get()
                        on:change=move |ev| form.edit_adds().set(event_target_checked(&ev)) />
                    {tr(Key::EditAdds)}
                </label>
            </div>
            {move || fixed.with(|f| f.as_ref().map(|f| f.left_out.clone())).filter(|keys| !keys.is_empty()).map(|keys| view! {
                <p class="fix-note" role="status" data-testid="inspect-fix-left-out">{i18n.fill(Key::FixLeftOut, &[("keys", &keys.join(", "))])}</p>
            })}
            {move || fixed.with(|f| f.as_ref().map(|f| f.shadowed.clone())).filter(|pairs| !pairs.is_empty()).map(|pairs| {
                let pairs: Vec<String> = pairs.iter().map(|(dropped, kept)| i18n.fill(Key::FixKeptPair, &[("kept", kept), ("dropped", dropped)])).collect();
                view! { <p class="fix-note" role="status" data-testid="inspect-fix-shadowed">{i18n.fill(Key::FixShadowed, &[("pairs", &pairs.join("; "))])}</p> }
            })}
            {move || fixed.with(|f| f.as_ref().map(|f| f.for_images.clone())).filter(|pairs| !pairs.is_empty()).map(|pairs| {
                let pairs: Vec<String> = pairs.iter().map(|(key, image)| i18n.fill(Key::FixAddedPair, &[("key", key), ("image", image)])).collect();
                view! { <p class="fix-note" role="status" data-testid="inspect-fix-images">{i18n.fill(Key::FixAddedForImages, &[("pairs", &pairs.join("; "))])}</p> }
            })}
            <Show when=move || fixed.with(|f| f.as_ref().is_some_and(|f| f.value.is_none()))>
                <p class="fix-note" role="status" data-testid="inspect-fix-nothing-left">{tr(Key::FixNothingLeft)}</p>
            </Show>
            <Show when=move || fixed.with(|f| f.as_ref().is_some_and(|f| f.value.is_some()))>
                <div class="output-head">
                    <span class="output-name">{tr(Key::FixedConfig)}</span>
                    <CopyButton target="inspect-fixed".to_owned() label=fixed_copy_label />
                </div>
                <pre id="inspect-fixed" class="output" tabindex="0" data-testid="inspect-fixed">{move || fixed.with(|f| f.as_ref().and_then(|f| f.value.clone()).unwrap_or_default())}</pre>
            </Show>
            // A pasted Secret comes back as a Secret too, with the type the kubelet reads.
            <Show when=move || fixed.with(|f| f.as_ref().is_some_and(|f| f.secret.is_some()))>
                <div class="output-head">
                    <span class="output-name">{tr(Key::FixedSecret)}</span>
                    <CopyButton target="inspect-fixed-secret".to_owned() label=secret_copy_label />
                </div>
                <p class="hint">{tr(Key::FixedSecretNote)}</p>
                <pre id="inspect-fixed-secret" class="output" tabindex="0" data-testid="inspect-fixed-secret">{move || fixed.with(|f| f.as_ref().and_then(|f| f.secret.clone()).unwrap_or_default())}</pre>
            </Show>
            <ImageResolver inspection=inspection generated=generated />
        </section>
    }
}

/// What Fix shows: the corrected value (`None` when nothing usable is left, so an empty
/// `{"auths":{}}` is never offered for copying), the keys it left out, the keys whose
/// credential gave way to another key of the same registry, and for a pasted Secret the
/// corrected Secret.
#[derive(Clone, PartialEq)]
struct FixShown {
    value: Option<String>,
    left_out: Vec<String>,
    /// `(dropped, kept)` keys of one registry.
    shadowed: Vec<(String, String)>,
    /// The corrected Secret, when a Secret was pasted.
    secret: Option<String>,
    /// `(key, image)`: keys added so the typed images match (`keys_for_images`).
    for_images: Vec<(String, String)>,
}

impl FixShown {
    fn of(ins: &Inspection, images: &[String]) -> Option<FixShown> {
        let mut parts = fixed_parts(ins)?;
        let for_images = keys_for_images(&mut parts, &images.iter().map(String::as_str).collect::<Vec<_>>());
        Some(FixShown {
            for_images,
            value: (!parts.is_empty()).then(|| parts.to_json()),
            left_out: left_out_keys(ins, &parts),
            shadowed: shadowed_keys(ins),
            secret: fixed_secret(ins),
        })
    }
}
