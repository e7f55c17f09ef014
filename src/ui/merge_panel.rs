//! The merge part of the Check view: more configs (`Config 2`, `Config 3`, …) with their own
//! findings, the conflicts with a choice for each, and the merged value. The merge itself is the
//! core's (`registry_auth::merge`, `docs/merging.md`).

use std::collections::BTreeMap;

use leptos::prelude::*;
use reactive_stores::Field;
use registry_auth::inspector::{inspect, Inspection};
use registry_auth::merge::{merge, Candidate, Conflict, ConflictKind, MergeSource, Merged, MAX_CONFLICTS, MAX_MERGE_INPUTS};

use super::batched::batched;
use super::copy_button::CopyButton;
use super::findings_list::FindingsList;
use super::format_line::FormatLine;
use super::i18n::{tr, use_i18n, I18n};
use super::state::{
    add_merge_input, can_add_merge_input, remove_merge_input, FormStore, FormStoreFields, MergeInput, MergeInputStoreFields,
};
use super::text_field::SecretTextarea;
use crate::texts::Key;

/// Conflict rows mounted per task.
const CONFLICTS_PER_TASK: usize = 20;

/// Each added config's source, registered by its editor while it is mounted.
type Sources = RwSignal<Vec<(u32, Memo<MergeSource>)>>;

/// The merged value of the inspector's config and the added ones; `None` while none is added.
/// Read it wherever it is shown: a memo nobody reads keeps its last value, secrets included.
pub fn merged_memo(form: FormStore, first: Memo<Option<Inspection>>) -> (Memo<Option<Merged>>, Sources) {
    let sources: Sources = RwSignal::new(Vec::new());
    let merged = Memo::new(move |_| {
        let ids: Vec<u32> = form.merge_inputs().with(|inputs| inputs.iter().map(|i| i.id).collect());
        if ids.is_empty() {
            return None;
        }
        let mut all = vec![first.with(|i| i.as_ref().map(MergeSource::new).unwrap_or_default())];
        sources.with(|registered| {
            for id in ids {
                let source = registered.iter().find(|(r, _)| *r == id).and_then(|(_, memo)| memo.try_get());
                all.push(source.unwrap_or_default());
            }
        });
        let choices: BTreeMap<String, usize> = form.merge_choices().with(|c| c.iter().cloned().collect());
        Some(merge(&all, &choices))
    });
    (merged, sources)
}

#[component]
pub fn MergePanel(merged: Memo<Option<Merged>>, sources: Sources) -> impl IntoView {
    let i18n = use_i18n();
    let form = expect_context::<FormStore>();
    let ids = Memo::new(move |_| form.merge_inputs().with(|inputs| inputs.iter().map(|i| i.id).collect::<Vec<u32>>()));
    let conflicts = Memo::new(move |_| merged.with(|m| m.as_ref().map(|m| m.conflicts.clone()).unwrap_or_default()));
    let conflict_keys = Memo::new(move |_| conflicts.with(|c| c.iter().map(|c| c.key.clone()).collect::<Vec<String>>()));
    // A batch per task: even the capped list is a hundred fieldsets.
    let shown_keys = batched(conflict_keys, CONFLICTS_PER_TASK);
    let total = Memo::new(move |_| merged.with(|m| m.as_ref().map_or(0, |m| m.conflicts_total)));
    let copy_label = Signal::derive(move || i18n.t(Key::CopyMerged).to_owned());
    view! {
        <h3>{tr(Key::MergeHeading)}</h3>
        <p class="hint">{tr(Key::MergeIntro)}</p>
        <For each=move || ids.get() key=|id| *id let:id>
            <MergeInputEditor id=id ids=ids sources=sources />
        </For>
        <button type="button" class="add" aria-describedby="merge-full" disabled=move || !can_add_merge_input(form)
            on:click=move |_| add_merge_input(form)>{tr(Key::MergeAdd)}</button>
        <p id="merge-full" class="hint" role="status" data-testid="merge-full">
            {move || (!can_add_merge_input(form)).then(|| i18n.fill(Key::MergeFull, &[("max", &MAX_MERGE_INPUTS.to_string())]))}
        </p>
        <Show when=move || merged.with(Option::is_some)>
            <Show when=move || MAX_CONFLICTS < total.get()>
                <p class="fix-note" role="status" data-testid="merge-conflicts-capped">
                    {move || i18n.fill(Key::MergeConflictsCapped, &[("total", &total.get().to_string()), ("max", &MAX_CONFLICTS.to_string())])}
                </p>
            </Show>
            <ul class="merge-conflicts">
                <For each=move || shown_keys.get() key=|key| key.clone() let:key>
                    <ConflictChoice key=key conflicts=conflicts />
                </For>
            </ul>
            <div class="output-head">
                <span class="output-name">{tr(Key::MergedConfig)}</span>
                <CopyButton target="merged-config".to_owned() label=copy_label />
            </div>
            <pre id="merged-config" class="output" tabindex="0" data-testid="merged-config">
                {move || merged.with(|m| m.as_ref().map(|m| m.value.clone()).unwrap_or_default())}
            </pre>
            <p class="hint" data-testid="merge-summary">
                {move || i18n.fill(Key::MergeSummary, &[
                    ("registries", &merged.with(|m| m.as_ref().map_or(0, |m| m.registries)).to_string()),
                    ("conflicts", &(total.get() + conflicts.with(|c| c.iter().filter(|c| c.kind == ConflictKind::CredsStore).count())).to_string()),
                ])}
            </p>
        </Show>
    }
}

/// One added config: its textarea, what it is, and its findings.
#[component]
fn MergeInputEditor(id: u32, ids: Memo<Vec<u32>>, sources: Sources) -> impl IntoView {
    let i18n = use_i18n();
    let form = expect_context::<FormStore>();
    let row: Field<MergeInput> = form.merge_inputs().at_key(id).into();
    let text: Field<String> = row.text().into();
    let inspection = Memo::new(move |_| text.try_with(|t| (!t.trim().is_empty()).then(|| inspect(t))).flatten());
    let source = Memo::new(move |_| inspection.with(|i| i.as_ref().map(MergeSource::new).unwrap_or_default()));
    sources.update(|s| s.push((id, source)));
    on_cleanup(move || {
        let _ = sources.try_update(|s| s.retain(|(r, _)| *r != id));
    });
    // Config 1 is the inspector's; the added ones are numbered from 2 in their current order.
    let number = Memo::new(move |_| ids.with(|list| list.iter().position(|i| *i == id)).unwrap_or(0) + 2);
    let findings = Signal::derive(move || inspection.with(|i| i.as_ref().map(|i| i.findings.clone()).unwrap_or_default()));
    let textarea_id = format!("merge-config-{id}");
    view! {
        <div class="merge-input" data-testid="merge-input" data-config=move || number.get()>
            <div class="field">
                <div class="output-head">
                    <label for=textarea_id.clone()>{move || i18n.fill(Key::MergeConfig, &[("n", &number.get().to_string())])}</label>
                    <button type="button" aria-label=move || i18n.fill(Key::MergeRemove, &[("n", &number.get().to_string())])
                        on:click=move |_| remove_merge_input(form, id)>{tr(Key::Remove)}</button>
                </div>
                <SecretTextarea id=textarea_id value=text rows=6 />
            </div>
            <Show when=move || inspection.with(Option::is_some)>
                <FormatLine inspection />
            </Show>
            <FindingsList findings=findings testid="inspect-finding" name_keys=true id_prefix=format!("merge-{id}-finding") />
        </div>
    }
}

/// One conflict: what each config gives the key, as radio buttons; the value holds the checked
/// one. Choosing re-renders nothing but the checks, so focus stays on the radio (arrow keys).
#[component]
fn ConflictChoice(key: String, conflicts: Memo<Vec<Conflict>>) -> impl IntoView {
    let i18n = use_i18n();
    let form = expect_context::<FormStore>();
    let find = {
        let key = key.clone();
        move |conflicts: &Vec<Conflict>| conflicts.iter().find(|c| c.key == key).cloned()
    };
    let shape = {
        let find = find.clone();
        Memo::new(move |_| conflicts.with(|c| find(c).map(|c| (c.kind, c.candidates))))
    };
    let chosen = Memo::new(move |_| conflicts.with(|c| find(c).map(|c| c.candidates[c.chosen].inputs[0])));
    let name = format!("merge-choice-{key}");
    let options = {
        let key = key.clone();
        move || {
            let Some((kind, candidates)) = shape.get() else { return Vec::new() };
            candidates
                .iter()
                .map(|candidate| {
                    let input = candidate.inputs[0];
                    let key = key.clone();
                    let choose = move |_| {
                        form.merge_choices().update(|choices| {
                            choices.retain(|(k, _)| *k != key);
                            choices.push((key.clone(), input));
                        })
                    };
                    view! {
                        <label class="merge-candidate">
                            <input type="radio" name=name.clone() value=input.to_string()
                                prop:checked=move || chosen.get() == Some(input) on:change=choose />
                            {candidate_text(i18n, candidate, kind)}
                        </label>
                    }
                })
                .collect::<Vec<_>>()
        }
    };
    let legend = {
        let key = key.clone();
        move || match shape.with(|s| s.as_ref().map(|(kind, _)| *kind)) {
            Some(ConflictKind::Credentials) => i18n.fill(Key::MergeConflictCredentials, &[("key", &key)]),
            Some(ConflictKind::AuthHelper) => i18n.fill(Key::MergeConflictAuthHelper, &[("key", &key)]),
            Some(ConflictKind::CredsStore) => i18n.t(Key::MergeConflictCredsStore).to_owned(),
            None => String::new(),
        }
    };
    view! {
        <li class="merge-conflict" data-testid="merge-conflict" data-key=key.clone()
            data-kind=move || shape.with(|s| s.as_ref().map(|(kind, _)| kind.as_str()))
            data-chosen=move || chosen.get().map(|input| (input + 1).to_string())>
            <fieldset>
                <legend>{legend}</legend>
                {options}
            </fieldset>
        </li>
    }
}

/// `Config 1, 3: user ci-bot`: which configs give it and what it is, never the secret.
fn candidate_text(i18n: I18n, candidate: &Candidate, kind: ConflictKind) -> String {
    let configs = candidate.inputs.iter().map(|i| (i + 1).to_string()).collect::<Vec<_>>().join(", ");
    let mut what = Vec::new();
    if let Some(helper) = &candidate.helper {
        let text = if kind == ConflictKind::CredsStore { Key::MergeWhatStore } else { Key::MergeWhatHelper };
        what.push(i18n.fill(text, &[("name", helper)]));
    }
    if let Some(user) = &candidate.username {
        what.push(i18n.fill(Key::MergeWhatUser, &[("name", user)]));
    }
    if let Some(field) = &candidate.token_field {
        what.push(i18n.fill(Key::MergeWhatToken, &[("name", field)]));
    }
    i18n.fill(Key::MergeCandidate, &[("configs", &configs), ("what", &what.join(", "))])
}
