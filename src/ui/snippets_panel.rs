//! "Where to put it": every snippet for the current inputs, grouped, each with its title, when
//! to use it and a copy button, plus the CI/CD variables the snippets reference.

use leptos::prelude::*;

use super::copy_button::CopyButton;
use super::i18n::{tr, use_i18n};
use super::masked_value::MaskedValue;
use super::state::AppState;
use crate::texts::{topics, Key};
use registry_auth::config_builder::Generated;
use registry_auth::highlight::highlight;
use registry_auth::highlight::Token;
use registry_auth::setup::Setup;
use registry_auth::snippets::{
    snippets, variables_to_create, AccessLevel, ConfigVolume, OptionField, RuntimeCredentials, Snippet, SnippetGroup, SnippetId, TokenFlow,
    VariableType, VariableValue,
};
use strum::IntoEnumIterator;

#[component]
pub fn SnippetsPanel() -> impl IntoView {
    let setup = expect_context::<Memo<Setup>>();
    let generated = expect_context::<Memo<Generated>>();
    let state = expect_context::<AppState>();
    let options = Memo::new(move |_| state.effective_options());
    let all = Memo::new(move |_| setup.with(|s| generated.with(|g| options.with(|o| snippets(s, g, o)))));
    provide_context(all);
    let variables = Memo::new(move |_| setup.with(|s| generated.with(|g| options.with(|o| variables_to_create(s, g, o)))));
    let i18n = use_i18n();

    view! {
        <section class="panel" aria-labelledby="snippets-heading">
            <h2 id="snippets-heading">{tr(Key::SnippetsHeading)}</h2>
            <div class="options-grid">
                <OptionText id="opt-docker-version" field=OptionField::DockerVersion />
                <OptionSelect id="opt-variable-type" field=OptionField::VariableType
                    values=VariableType::ALL.iter().map(|v| v.as_str()).collect() />
                <OptionSelect id="opt-runtime-credentials" field=OptionField::RuntimeCredentials
                    values=RuntimeCredentials::ALL.iter().map(|v| v.as_str()).collect() />
                <OptionText id="opt-kaniko-image" field=OptionField::KanikoImage />
                <OptionText id="opt-aws-region" field=OptionField::AwsRegion />
                <OptionText id="opt-namespace" field=OptionField::KubernetesNamespace />
                <OptionText id="opt-pull-secret" field=OptionField::PullSecretName />
            </div>
            <h3>{tr(Key::VariablesHeading)}</h3>
            <table class="variables" data-testid="variables-to-create">
                <thead><tr>
                    <th scope="col">{tr(Key::VarKey)}</th>
                    <th scope="col">{tr(Key::VarValue)}</th>
                    <th scope="col">{tr(Key::VarSettings)}</th>
                </tr></thead>
                <tbody>
                    {move || variables.get().into_iter().map(|v| {
                        let value = match &v.value {
                            // The raw password or token is for copying into GitLab, but masked for reading.
                            VariableValue::Literal(text) if v.secret && v.name != "DOCKER_AUTH_CONFIG" => view! { <MaskedValue value=text.clone() /> }.into_any(),
                            VariableValue::Literal(text) => view! { <code class="output-inline" tabindex="0">{text.clone()}</code> }.into_any(),
                            VariableValue::NotTyped => view! { <span>{i18n.fill(topics::variable(v.kind).1, &[("subject", &v.subject)])}</span> }.into_any(),
                        };
                        let mut settings = vec![i18n.t(if v.file { Key::VarSettingFile } else { Key::VarSettingVariable }), i18n.t(Key::VarSettingExpandOff)];
                        if v.masked { settings.push(i18n.t(Key::VarSettingMasked)); }
                        view! {
                            <tr data-variable=v.name.clone()>
                                <th scope="row"><code>{v.name.clone()}</code></th>
                                <td>{value}<br /><span class="hint">{i18n.fill(topics::variable(v.kind).0, &[("subject", &v.subject)])}</span></td>
                                <td>{settings.join(", ")}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {SnippetGroup::iter().map(|group| {
                view! {
                    <h3>{move || i18n.t(topics::snippet_group(group))}</h3>
                    {SnippetId::iter().filter(|id| id.group() == group).map(|id| view! { <SnippetView id=id /> }).collect_view()}
                    {(group == SnippetGroup::Registration).then(|| view! { <RunnerInputs /> })}
                }
            }).collect_view()}
        </section>
    }
}

/// The CSS class of a highlighted piece.
fn token_class(token: Token) -> &'static str {
    match token {
        Token::Plain => "tok-plain",
        Token::Comment => "tok-comment",
        Token::String => "tok-string",
        Token::Key => "tok-key",
        Token::Section => "tok-section",
        Token::Variable => "tok-variable",
    }
}

#[component]
fn SnippetView(id: SnippetId) -> impl IntoView {
    let i18n = use_i18n();
    let all = expect_context::<Memo<Vec<Snippet>>>();
    let snippet = Memo::new(move |_| all.with(|list| list.iter().find(|s| s.id == id).cloned()));
    // Coloured pieces; their text joined is exactly the snippet, so copying copies the snippet.
    let pieces = move || {
        snippet.with(|s| {
            let text = s.as_ref().map_or("", |s| s.text.as_str());
            highlight(text)
                .into_iter()
                .map(|(token, piece)| view! { <span class=token_class(token)>{piece.to_owned()}</span> })
                .collect_view()
        })
    };
    let (title_text, when_text) = topics::snippet(id);
    let title = move || i18n.t(title_text);
    let when = move || i18n.t(when_text);
    let language = id.language().as_str();
    let carries_secret = move || snippet.with(|s| s.as_ref().is_some_and(|s| s.carries_secret));
    let element_id = format!("snippet-{}", id.as_str());
    let copy_label = Signal::derive(move || i18n.fill(Key::CopySnippet, &[("title", title())]));
    view! {
        <article class="snippet" aria-labelledby=format!("{element_id}-title")>
            <div class="output-head">
                <h4 id=format!("{element_id}-title")>{title}</h4>
                <CopyButton target=element_id.clone() label=copy_label />
            </div>
            <p class="hint">{when}</p>
            <Show when=carries_secret>
                <p class="secret-note">{tr(Key::SnippetCarriesSecret)}</p>
            </Show>
            <pre id=element_id.clone() class="output" tabindex="0" data-testid=element_id.clone() data-language=language>{pieces}</pre>
        </article>
    }
}

#[component]
fn RunnerInputs() -> impl IntoView {
    view! {
        <fieldset class="runner-inputs">
            <legend>{tr(Key::RunnerInputs)}</legend>
            <div class="options-grid">
                <OptionText id="runner-url" field=OptionField::GitlabUrl />
                <OptionSelect id="runner-token-flow" field=OptionField::TokenFlow
                    values=TokenFlow::ALL.iter().map(|v| v.as_str()).collect() />
                <OptionText id="runner-executor" field=OptionField::Executor />
                <OptionText id="runner-image" field=OptionField::DockerImage />
                <OptionText id="runner-windows-image" field=OptionField::WindowsDockerImage />
                <OptionText id="runner-description" field=OptionField::Description />
                <OptionText id="runner-tags" field=OptionField::Tags />
                <OptionText id="runner-note" field=OptionField::MaintenanceNote />
                <OptionText id="runner-services" field=OptionField::Services />
                <OptionText id="runner-proxy" field=OptionField::ProxyUrl />
                <OptionSelect id="runner-access-level" field=OptionField::AccessLevel
                    values=AccessLevel::ALL.iter().map(|v| v.as_str()).collect() />
                <OptionSelect id="runner-volume" field=OptionField::DockerVolume
                    values=ConfigVolume::ALL.iter().map(|v| v.as_str()).collect() />
                <OptionCheck id="runner-untagged" field=OptionField::RunUntagged />
                <OptionCheck id="runner-locked" field=OptionField::Locked />
                <OptionCheck id="runner-privileged" field=OptionField::Privileged />
                <OptionCheck id="runner-as-user" field=OptionField::RunAsRunnerUser />
            </div>
        </fieldset>
    }
}

/// "From the imported setup" beside an option an import changed, until the user confirms it.
/// Outside the label (the label is the field's accessible name) and tied to the input with
/// `aria-describedby`.
fn imported_mark(state: AppState, field: OptionField, id: &'static str) -> impl IntoView {
    view! {
        <Show when=move || state.pending_import.with(|p| p.contains(&field))>
            <span class="imported-mark" id=format!("{id}-imported") data-imported="true">{tr(Key::ImportedMark)}</span>
        </Show>
    }
}

fn imported_described_by(state: AppState, field: OptionField, id: &'static str) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || state.pending_import.with(|p| p.contains(&field)).then(|| format!("{id}-imported"))
}

#[component]
fn OptionText(id: &'static str, field: OptionField) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<AppState>();
    view! {
        <div class="field">
            <label for=id>{move || i18n.t(topics::option_label(field))}</label>
            <input id=id type="text" prop:value=move || state.snippet_options.with(|o| field.value(o))
                aria-describedby=imported_described_by(state, field, id)
                on:input=move |ev| state.edit_option(field, |o| field.set(o, &event_target_value(&ev)))
                spellcheck="false" autocomplete="off" autocapitalize="off" />
            {imported_mark(state, field, id)}
        </div>
    }
}

#[component]
fn OptionCheck(id: &'static str, field: OptionField) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<AppState>();
    view! {
        <div class="field field-check">
            <input id=id type="checkbox" prop:checked=move || state.snippet_options.with(|o| field.value(o) == "true")
                aria-describedby=imported_described_by(state, field, id)
                on:change=move |ev| state.edit_option(field, |o| field.set(o, if event_target_checked(&ev) { "true" } else { "false" })) />
            <label for=id>{move || i18n.t(topics::option_label(field))}</label>
            {imported_mark(state, field, id)}
        </div>
    }
}

#[component]
fn OptionSelect(
    id: &'static str,
    field: OptionField,
    /// The `<option>` values.
    values: Vec<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<AppState>();
    view! {
        <div class="field">
            <label for=id>{move || i18n.t(topics::option_label(field))}</label>
            <select id=id prop:value=move || state.snippet_options.with(|o| field.value(o))
                aria-describedby=imported_described_by(state, field, id)
                on:change=move |ev| state.edit_option(field, |o| field.set(o, &event_target_value(&ev)))>
                {values.into_iter().map(|value| view! { <option value=value>{move || i18n.t(topics::option_value(field, value))}</option> }).collect_view()}
            </select>
            {imported_mark(state, field, id)}
        </div>
    }
}
