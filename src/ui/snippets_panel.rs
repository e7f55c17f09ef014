//! "Where to put it": every snippet for the current inputs, grouped, each with its title, when
//! to use it and a copy button, plus the CI/CD variables the snippets reference.

use leptos::prelude::*;

use super::copy_button::CopyButton;
use super::i18n::{tr, use_i18n};
use super::masked_value::MaskedValue;
use crate::config_builder::Generated;
use crate::highlight::highlight;
use crate::setup::Setup;
use crate::snippets::{
    snippets, variables_to_create, AccessLevel, ConfigVolume, RuntimeCredentials, Snippet, SnippetGroup, SnippetOptions, TokenFlow,
    VariableType, VariableValue, SNIPPET_IDS,
};

/// Reads and writes one field of the options. Plain function pointers, so every text input
/// shares one instantiation of the component.
type Getter<T> = fn(&SnippetOptions) -> T;
type Setter<T> = fn(&mut SnippetOptions, T);

#[component]
pub fn SnippetsPanel() -> impl IntoView {
    let setup = expect_context::<Memo<Setup>>();
    let generated = expect_context::<Memo<Generated>>();
    let options = expect_context::<RwSignal<SnippetOptions>>();
    let all = Memo::new(move |_| setup.with(|s| generated.with(|g| options.with(|o| snippets(s, g, o)))));
    provide_context(all);
    let variables = Memo::new(move |_| setup.with(|s| generated.with(|g| options.with(|o| variables_to_create(s, g, o)))));
    let i18n = use_i18n();

    view! {
        <section class="panel" aria-labelledby="snippets-heading">
            <h2 id="snippets-heading">{tr("ui.snippets-heading")}</h2>
            <div class="options-grid">
                <OptionText id="opt-docker-version" label_key="snippet-option.docker-version" get=|o| o.docker_version.clone() set=|o, v| o.docker_version = v />
                <OptionSelect id="opt-variable-type" label_key=VariableType::LABEL_KEY
                    values=VariableType::ALL.iter().map(|v| (v.as_str(), v.label_key())).collect()
                    get=|o| o.variable_type.as_str() set=|o, v| o.variable_type = VariableType::parse(&v) />
                <OptionSelect id="opt-runtime-credentials" label_key=RuntimeCredentials::LABEL_KEY
                    values=RuntimeCredentials::ALL.iter().map(|v| (v.as_str(), v.label_key())).collect()
                    get=|o| o.runtime_credentials.as_str() set=|o, v| o.runtime_credentials = RuntimeCredentials::parse(&v) />
                <OptionText id="opt-kaniko-image" label_key="snippet-option.kaniko-image" get=|o| o.kaniko_image.clone() set=|o, v| o.kaniko_image = v />
                <OptionText id="opt-aws-region" label_key="snippet-option.aws-region" get=|o| o.aws_region.clone() set=|o, v| o.aws_region = v />
                <OptionText id="opt-namespace" label_key="snippet-option.kubernetes-namespace" get=|o| o.kubernetes_namespace.clone() set=|o, v| o.kubernetes_namespace = v />
                <OptionText id="opt-pull-secret" label_key="snippet-option.pull-secret-name" get=|o| o.pull_secret_name.clone() set=|o, v| o.pull_secret_name = v />
            </div>
            <h3>{tr("ui.variables-heading")}</h3>
            <table class="variables" data-testid="variables-to-create">
                <thead><tr>
                    <th scope="col">{tr("ui.var-key")}</th>
                    <th scope="col">{tr("ui.var-value")}</th>
                    <th scope="col">{tr("ui.var-settings")}</th>
                </tr></thead>
                <tbody>
                    {move || variables.get().into_iter().map(|v| {
                        let value = match &v.value {
                            // The raw password or token is for copying into GitLab, but masked for reading.
                            VariableValue::Literal(text) if v.secret && v.name != "DOCKER_AUTH_CONFIG" => view! { <MaskedValue value=text.clone() /> }.into_any(),
                            VariableValue::Literal(text) => view! { <code class="output-inline" tabindex="0">{text.clone()}</code> }.into_any(),
                            VariableValue::Describe(key) => view! { <span>{i18n.fill(key, &v.subject)}</span> }.into_any(),
                        };
                        let mut settings = vec![i18n.t(if v.file { "ui.var-setting-file" } else { "ui.var-setting-variable" }), i18n.t("ui.var-setting-expand-off")];
                        if v.masked { settings.push(i18n.t("ui.var-setting-masked")); }
                        view! {
                            <tr data-variable=v.name.clone()>
                                <th scope="row"><code>{v.name.clone()}</code></th>
                                <td>{value}<br /><span class="hint">{i18n.fill(v.note_key, &v.subject)}</span></td>
                                <td>{settings.join(", ")}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {SnippetGroup::ALL.iter().map(|group| {
                let group = *group;
                let heading = group.title_key();
                view! {
                    <h3>{move || i18n.t(&heading)}</h3>
                    {SNIPPET_IDS.iter().filter(|id| snippet_group(id) == Some(group)).map(|id| view! { <SnippetView id=id /> }).collect_view()}
                    {(group == SnippetGroup::Registration).then(|| view! { <RunnerInputs /> })}
                }
            }).collect_view()}
        </section>
    }
}

/// The group of a snippet id, from a default render (groups do not depend on the inputs).
fn snippet_group(id: &str) -> Option<SnippetGroup> {
    thread_local! {
        static GROUPS: Vec<(&'static str, SnippetGroup)> = {
            let setup = Setup::default();
            let generated = crate::config_builder::build(&setup);
            snippets(&setup, &generated, &SnippetOptions::default()).into_iter().map(|s| (s.id, s.group)).collect()
        };
    }
    GROUPS.with(|g| g.iter().find(|(i, _)| *i == id).map(|(_, group)| *group))
}

#[component]
fn SnippetView(id: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let all = expect_context::<Memo<Vec<Snippet>>>();
    let snippet = Memo::new(move |_| all.with(|list| list.iter().find(|s| s.id == id).cloned()));
    // Coloured pieces; their text joined is exactly the snippet, so copying copies the snippet.
    let pieces = move || {
        snippet.with(|s| {
            let text = s.as_ref().map_or("", |s| s.text.as_str());
            highlight(text).into_iter().map(|(token, piece)| view! { <span class=token.class()>{piece.to_owned()}</span> }).collect_view()
        })
    };
    let title = move || i18n.t(&format!("snippet.{id}.title"));
    let when = move || i18n.t(&format!("snippet.{id}.when"));
    let language = move || snippet.with(|s| s.as_ref().map_or("", |s| s.language.as_str()));
    let carries_secret = move || snippet.with(|s| s.as_ref().is_some_and(|s| s.carries_secret));
    let element_id = format!("snippet-{id}");
    let copy_label = Signal::derive(move || i18n.fill("ui.copy-snippet", title()));
    view! {
        <article class="snippet" aria-labelledby=format!("{element_id}-title")>
            <div class="output-head">
                <h4 id=format!("{element_id}-title")>{title}</h4>
                <CopyButton target=element_id.clone() label=copy_label />
            </div>
            <p class="hint">{when}</p>
            <Show when=carries_secret>
                <p class="secret-note">{tr("snippet.carries-secret")}</p>
            </Show>
            <pre id=element_id.clone() class="output" tabindex="0" data-testid=element_id.clone() data-language=language>{pieces}</pre>
        </article>
    }
}

#[component]
fn RunnerInputs() -> impl IntoView {
    view! {
        <fieldset class="runner-inputs">
            <legend>{tr("ui.runner-inputs")}</legend>
            <div class="options-grid">
                <OptionText id="runner-url" label_key="runner-option.gitlab-url" get=|o| o.runner.gitlab_url.clone() set=|o, v| o.runner.gitlab_url = v />
                <OptionSelect id="runner-token-flow" label_key=TokenFlow::LABEL_KEY
                    values=TokenFlow::ALL.iter().map(|v| (v.as_str(), v.label_key())).collect()
                    get=|o| o.runner.token_flow.as_str() set=|o, v| o.runner.token_flow = TokenFlow::parse(&v) />
                <OptionText id="runner-executor" label_key="runner-option.executor" get=|o| o.runner.executor.clone() set=|o, v| o.runner.executor = v />
                <OptionText id="runner-image" label_key="runner-option.docker-image" get=|o| o.runner.docker_image.clone() set=|o, v| o.runner.docker_image = v />
                <OptionText id="runner-windows-image" label_key="runner-option.windows-docker-image" get=|o| o.runner.windows_docker_image.clone() set=|o, v| o.runner.windows_docker_image = v />
                <OptionText id="runner-description" label_key="runner-option.description" get=|o| o.runner.description.clone() set=|o, v| o.runner.description = v />
                <OptionText id="runner-tags" label_key="runner-option.tags" get=|o| o.runner.tags.clone() set=|o, v| o.runner.tags = v />
                <OptionText id="runner-note" label_key="runner-option.maintenance-note" get=|o| o.runner.maintenance_note.clone() set=|o, v| o.runner.maintenance_note = v />
                <OptionText id="runner-services" label_key="runner-option.services" get=|o| o.runner.services.clone() set=|o, v| o.runner.services = v />
                <OptionText id="runner-proxy" label_key="runner-option.proxy-url" get=|o| o.runner.proxy_url.clone() set=|o, v| o.runner.proxy_url = v />
                <OptionSelect id="runner-access-level" label_key=AccessLevel::LABEL_KEY
                    values=AccessLevel::ALL.iter().map(|v| (v.as_str(), v.label_key())).collect()
                    get=|o| o.runner.access_level.as_str() set=|o, v| o.runner.access_level = AccessLevel::parse(&v) />
                <OptionSelect id="runner-volume" label_key=ConfigVolume::LABEL_KEY
                    values=ConfigVolume::ALL.iter().map(|v| (v.as_str(), v.label_key())).collect()
                    get=|o| o.runner.docker_volume.as_str() set=|o, v| o.runner.docker_volume = ConfigVolume::parse(&v) />
                <OptionCheck id="runner-untagged" label_key="runner-option.run-untagged" get=|o| o.runner.run_untagged set=|o, v| o.runner.run_untagged = v />
                <OptionCheck id="runner-locked" label_key="runner-option.locked" get=|o| o.runner.locked set=|o, v| o.runner.locked = v />
                <OptionCheck id="runner-privileged" label_key="runner-option.privileged" get=|o| o.runner.privileged set=|o, v| o.runner.privileged = v />
                <OptionCheck id="runner-as-user" label_key="runner-option.run-as-runner-user" get=|o| o.runner.run_as_runner_user set=|o, v| o.runner.run_as_runner_user = v />
            </div>
        </fieldset>
    }
}

#[component]
fn OptionText(id: &'static str, label_key: &'static str, get: Getter<String>, set: Setter<String>) -> impl IntoView {
    let options = expect_context::<RwSignal<SnippetOptions>>();
    view! {
        <div class="field">
            <label for=id>{tr(label_key)}</label>
            <input id=id type="text" prop:value=move || options.with(get)
                on:input=move |ev| options.update(|o| set(o, event_target_value(&ev)))
                spellcheck="false" autocomplete="off" autocapitalize="off" />
        </div>
    }
}

#[component]
fn OptionCheck(id: &'static str, label_key: &'static str, get: Getter<bool>, set: Setter<bool>) -> impl IntoView {
    let options = expect_context::<RwSignal<SnippetOptions>>();
    view! {
        <div class="field field-check">
            <input id=id type="checkbox" prop:checked=move || options.with(get)
                on:change=move |ev| options.update(|o| set(o, event_target_checked(&ev))) />
            <label for=id>{tr(label_key)}</label>
        </div>
    }
}

#[component]
fn OptionSelect(
    id: &'static str,
    label_key: &'static str,
    /// `(value, catalogue key of its text)`.
    values: Vec<(&'static str, String)>,
    get: Getter<&'static str>,
    set: Setter<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = expect_context::<RwSignal<SnippetOptions>>();
    view! {
        <div class="field">
            <label for=id>{tr(label_key)}</label>
            <select id=id prop:value=move || options.with(get) on:change=move |ev| options.update(|o| set(o, event_target_value(&ev)))>
                {values.into_iter().map(|(value, key)| view! { <option value=value>{move || i18n.t(&key)}</option> }).collect_view()}
            </select>
        </div>
    }
}
