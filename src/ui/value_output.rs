//! The `DOCKER_AUTH_CONFIG` value, its options, the checks that concern it as a whole, and how
//! to store it as a GitLab CI/CD variable.

use leptos::prelude::*;

use super::copy_button::CopyButton;
use super::findings_list::FindingsList;
use super::i18n::{tr, use_i18n};
use super::state::AppState;
use crate::texts::Key;
use registry_auth::config_builder::Generated;

#[component]
pub fn ValueOutput() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<AppState>();
    let generated = expect_context::<Memo<Generated>>();
    let value = move || generated.with(|g| g.value.clone());
    let global_findings = Signal::derive(move || generated.with(|g| g.findings.iter().filter(|f| f.entry.is_none()).cloned().collect()));
    let copy_label = Signal::derive(move || i18n.t(Key::CopyValue).to_owned());
    view! {
        <section class="panel" aria-labelledby="value-heading">
            <h2 id="value-heading">{tr(Key::ValueHeading)}</h2>
            <div class="options">
                <div class="field field-check">
                    <input type="checkbox" id="pretty" prop:checked=move || state.pretty.get()
                        on:change=move |ev| state.pretty.set(event_target_checked(&ev)) />
                    <label for="pretty">{tr(Key::Pretty)}</label>
                </div>
                <div class="field field-check">
                    <input type="checkbox" id="plain-fields" prop:checked=move || state.include_plain_fields.get()
                        on:change=move |ev| state.include_plain_fields.set(event_target_checked(&ev)) />
                    <label for="plain-fields">{tr(Key::PlainFields)}</label>
                </div>
            </div>
            <div class="output-head">
                <span class="output-name">"DOCKER_AUTH_CONFIG"</span>
                <CopyButton target="value".to_owned() label=copy_label shortcut=super::shortcuts::COPY_VALUE />
            </div>
            <pre id="value" class="output" tabindex="0" data-testid="docker-auth-config">{value}</pre>
            <FindingsList findings=global_findings testid="finding" id_prefix="value-finding".to_owned() />
            <VariableAdviceView />
        </section>
    }
}

/// The CI/CD variable settings to choose, computed from the value (`docs/gitlab-variables.md#masking`).
#[component]
fn VariableAdviceView() -> impl IntoView {
    let i18n = use_i18n();
    let generated = expect_context::<Memo<Generated>>();
    let advice = move || generated.with(|g| g.variable);
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
                <dd data-testid="advice-masked" data-maskable=move || if advice().maskable() { "true" } else { "false" }>
                    {move || if advice().maskable() { i18n.t(Key::VarMaskedYes) } else { i18n.t(Key::VarMaskedNo) }}
                </dd>
                <dt>{tr(Key::VarMaskedExpanded)}</dt>
                <dd>{move || yes_no(advice().maskable_expanded)}</dd>
                <dt>{tr(Key::VarProtected)}</dt>
                <dd>{tr(Key::VarProtectedAdvice)}</dd>
                <dt>{tr(Key::VarLevel)}</dt>
                <dd>{tr(Key::VarLevelAdvice)}</dd>
                <dt>{tr(Key::VarLength)}</dt>
                <dd>{move || advice().length.to_string()}</dd>
            </dl>
        </div>
    }
}
