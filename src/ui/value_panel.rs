//! The answer beside the question: the `DOCKER_AUTH_CONFIG` value with its Copy button, how it
//! is written, the checks on it with a summary that jumps to each registry, and how to store it
//! as a CI/CD variable. From 1100 px wide it is a column that stays in view.

use leptos::prelude::*;
use registry_auth::config_builder::Generated;
use registry_auth::findings::{Finding, Severity};
use strum::IntoEnumIterator;
use wasm_bindgen::JsCast;

use super::copy_button::CopyButton;
use super::findings_list::FindingsList;
use super::i18n::{tr, use_i18n};
use super::state::{FormStore, FormStoreFields};
use crate::texts::{topics, Key};

#[component]
pub fn ValuePanel() -> impl IntoView {
    let i18n = use_i18n();
    let form = expect_context::<FormStore>();
    let generated = expect_context::<Memo<Generated>>();
    let value = move || generated.with(|g| g.value.clone());
    let global_findings =
        Memo::new(move |_| generated.with(|g| g.findings.iter().filter(|f| f.entry.is_none()).cloned().collect::<Vec<_>>()));
    let copy_label = Signal::derive(move || i18n.t(Key::CopyValue).to_owned());
    view! {
        <section class="panel value-panel" aria-labelledby="value-heading">
            <h2 id="value-heading">{tr(Key::ValueHeading)}</h2>
            <div class="output-head">
                <span class="output-name">"DOCKER_AUTH_CONFIG"</span>
                <CopyButton target="value".to_owned() label=copy_label shortcut=super::shortcuts::COPY_VALUE />
            </div>
            <pre id="value" class="output value" tabindex="0" data-testid="docker-auth-config">{value}</pre>
            <super::expiry::ExpiryLine lifetime=Signal::derive(move || generated.with(|g| g.earliest_lifetime)) testid="value-expiry" />
            <div class="options">
                <div class="field field-check">
                    <input type="checkbox" id="pretty" prop:checked=move || form.pretty().get()
                        on:change=move |ev| form.pretty().set(event_target_checked(&ev)) />
                    <label for="pretty">{tr(Key::Pretty)}</label>
                </div>
                <div class="field field-check">
                    <input type="checkbox" id="plain-fields" prop:checked=move || form.include_plain_fields().get()
                        on:change=move |ev| form.include_plain_fields().set(event_target_checked(&ev)) />
                    <label for="plain-fields">{tr(Key::PlainFields)}</label>
                </div>
            </div>
            <FindingsSummary />
            <FindingsList findings=global_findings.into() testid="finding" id_prefix="value-finding".to_owned() />
            <VariableAdviceView />
        </section>
    }
}

/// How many findings of each severity, and each entry's findings as a link to its registry.
#[component]
fn FindingsSummary() -> impl IntoView {
    let i18n = use_i18n();
    let generated = expect_context::<Memo<Generated>>();
    let ids = expect_context::<Memo<Vec<u32>>>();
    let counts = Memo::new(move |_| {
        generated.with(|g| Severity::iter().map(|s| (s, g.findings.iter().filter(|f| f.severity == s).count())).collect::<Vec<_>>())
    });
    let per_entry =
        Memo::new(move |_| generated.with(|g| g.findings.iter().filter(|f| f.entry.is_some()).cloned().collect::<Vec<Finding>>()));
    view! {
        <div class="findings-summary" data-testid="findings-summary">
            <p class="summary-counts">
                {move || counts.get().into_iter().map(|(severity, count)| view! {
                    <span class=format!("count count-{}", severity.as_str()) data-severity=severity.as_str() data-count=count>
                        {i18n.t(topics::severity(severity))}": "{count}
                    </span>
                }).collect_view()}
            </p>
            <ul class="summary-list">
                {move || per_entry.get().into_iter().map(|finding| {
                    let index = finding.entry.unwrap_or_default();
                    let target = ids.with_untracked(|ids| ids.get(index).copied());
                    let (message, _) = topics::finding(finding.code);
                    let label = i18n.fill(Key::RegistryN, &[("n", &(index + 1).to_string())]);
                    view! {
                        <li data-testid="finding-summary" data-severity=finding.severity.as_str() data-code=finding.code.as_str()>
                            <button type="button" class="link" on:click=move |_| if let Some(id) = target { jump_to(id) }>{label}</button>
                            " "{super::findings_list::finding_message(i18n, &finding, message)}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// Scrolls to a registry row and puts the focus in its first field.
fn jump_to(id: u32) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(group) = document.get_element_by_id(&format!("entry-{id}-group")) {
        group.scroll_into_view();
    }
    if let Some(input) = document.get_element_by_id(&format!("entry-{id}-registry")).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = input.focus();
    }
}

/// The CI/CD variable settings to choose, computed from the value (`docs/gitlab-variables.md`).
#[component]
fn VariableAdviceView() -> impl IntoView {
    let i18n = use_i18n();
    let generated = expect_context::<Memo<Generated>>();
    let advice = Memo::new(move |_| generated.with(|g| g.variable));
    let yes_no = move |flag: bool| if flag { i18n.t(Key::Yes) } else { i18n.t(Key::No) };
    view! {
        <div class="variable-advice" data-testid="variable-advice">
            <h3>{tr(Key::StoreHeading)}</h3>
            <dl>
                <dt>{tr(Key::VarKey)}</dt>
                <dd><code>"DOCKER_AUTH_CONFIG"</code></dd>
                <dt>{tr(Key::VarType)}</dt>
                <dd>{tr(Key::VarTypeAdvice)}</dd>
                <dt>{tr(Key::VarExpand)}</dt>
                <dd data-testid="advice-expand">{tr(Key::VarExpandAdvice)}</dd>
                <dt>{tr(Key::VarMasked)}</dt>
                <dd data-testid="advice-masked" data-maskable=move || if advice.get().maskable() { "true" } else { "false" }>
                    {move || if advice.get().maskable() { i18n.t(Key::VarMaskedYes) } else { i18n.t(Key::VarMaskedNo) }}
                </dd>
                <dt>{tr(Key::VarMaskedExpanded)}</dt>
                <dd>{move || yes_no(advice.get().maskable_expanded)}</dd>
                <dt>{tr(Key::VarProtected)}</dt>
                <dd>{tr(Key::VarProtectedAdvice)}</dd>
                <dt>{tr(Key::VarLevel)}</dt>
                <dd>{tr(Key::VarLevelAdvice)}</dd>
                <dt>{tr(Key::VarLength)}</dt>
                <dd>{move || advice.get().length.to_string()}</dd>
            </dl>
        </div>
    }
}
