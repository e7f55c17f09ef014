//! "Where to put it": the answers to "Where will this run?", the CI/CD variables to create, and
//! the snippets that apply, in order, each with the inputs it reads just above it. The other
//! snippets wait behind "Show all snippets"; a snippet that is not shown is neither mounted nor
//! computed.

use leptos::prelude::*;
use registry_auth::config_builder::Generated;
use registry_auth::highlight::{highlight, Token};
use registry_auth::keyless::{routes_for, Route};
use registry_auth::resolver::JobCredentials;
use registry_auth::setup::Setup;
use registry_auth::snippets::{
    snippet_for, variables_to_create, OptionField, OptionKind, SnippetGroup, SnippetId, VariableToCreate, VariableValue, DOCKER_AUTH_CONFIG,
};
use strum::IntoEnumIterator;

use super::copy_button::CopyButton;
use super::deferred::Deferred;
use super::i18n::{tr, use_i18n};
use super::masked_value::MaskedValue;
use super::shares::Shares;
use super::situation_picker::SituationPicker;
use super::state::{edit_option, effective_options, FormStore, FormStoreFields, SetupWithoutCredentials};
use super::text_field::LimitNote;
use crate::texts::{topics, Key};

/// What the panel shows, in order.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Item {
    Heading(SnippetGroup),
    /// The inputs read by the snippets that follow, each shown once.
    Options(Vec<OptionField>),
    Snippet(SnippetId),
}

/// The snippets to show, each preceded by the inputs it reads that no earlier one showed.
fn items(shown: &[SnippetId], grouped: bool) -> Vec<Item> {
    let mut items = Vec::new();
    let mut asked: Vec<OptionField> = Vec::new();
    let mut group = None;
    for &id in shown {
        if grouped && group != Some(id.group()) {
            group = Some(id.group());
            items.push(Item::Heading(id.group()));
        }
        let fresh: Vec<OptionField> = id.options().iter().copied().filter(|f| !asked.contains(f)).collect();
        if !fresh.is_empty() {
            asked.extend(&fresh);
            items.push(Item::Options(fresh));
        }
        items.push(Item::Snippet(id));
    }
    items
}

#[component]
pub fn SnippetsPanel() -> impl IntoView {
    // Everything below reads the settled setup and output, not the keystroke's (`settled`).
    super::settled::provide_to_children();
    let form = expect_context::<FormStore>();
    let setup = expect_context::<Memo<Setup>>();
    // Without credentials: a keystroke in a token does not recompute the options.
    let without_credentials = expect_context::<SetupWithoutCredentials>().0;
    let options = Memo::new(move |_| without_credentials.with(|s| effective_options(form, s)));
    provide_context(options);
    let show_all = form.show_all_snippets();
    let shown = Memo::new(move |_| {
        if show_all.get() {
            SnippetId::iter().collect::<Vec<_>>()
        } else {
            form.situation().with(|situation| setup.with(|setup| situation.recommended_for(setup)))
        }
    });
    let listed = Memo::new(move |_| shown.with(|ids| items(ids, show_all.get())));
    view! {
        <section class="panel where-panel" aria-labelledby="snippets-heading">
            <h2 id="snippets-heading">{tr(Key::SnippetsHeading)}</h2>
            <Deferred><SituationPicker /></Deferred>
            <Show when=move || form.situation().with(|s| s.configures_runner())>
                <p class="hint pull-policy-note" data-testid="pull-policy-note">{tr(Key::PullPolicyNote)}</p>
            </Show>
            <Deferred><KeylessRoutes /></Deferred>
            <Deferred><VariablesTable shown=shown /></Deferred>
            <div class="field field-check show-all">
                <input type="checkbox" id="show-all-snippets" prop:checked=move || show_all.get()
                    on:change=move |ev| show_all.set(event_target_checked(&ev)) />
                <label for="show-all-snippets">{tr(Key::ShowAllSnippets)}</label>
            </div>
            // Each in a task of its own while the page starts (`Deferred`).
            <For each=move || listed.get() key=|item| item.clone() let:item>
                <Deferred>
                    {match item.clone() {
                        Item::Heading(group) => view! { <GroupHeading group=group /> }.into_any(),
                        Item::Options(fields) => view! { <OptionInputs fields=fields /> }.into_any(),
                        Item::Snippet(id) => view! { <SnippetView id=id /> }.into_any(),
                    }}
                </Deferred>
            </For>
        </section>
    }
}

/// "Who pulls this image, and with what, with no stored secret?": each registry typed, with the
/// route for the chosen executor (`registry_auth::keyless`). Nothing while no registry is typed.
#[component]
fn KeylessRoutes() -> impl IntoView {
    let i18n = use_i18n();
    let form = expect_context::<FormStore>();
    let without_credentials = expect_context::<SetupWithoutCredentials>().0;
    let routes = Memo::new(move |_| {
        let registry = form.snippet_options().with(|o| JobCredentials::for_registry(&o.gitlab_registry).registry);
        without_credentials.with(|s| form.situation().with(|situation| routes_for(s, situation.executor, registry.as_deref())))
    });
    let text = move |route: Route| match route {
        Route::JobCredentials => i18n.t(Key::RouteJobCredentials).to_owned(),
        Route::ManagerHelper(m) if m.instance_identity => i18n.fill(Key::RouteManagerHelper, &[("helper", m.helper)]),
        Route::ManagerHelper(m) => i18n.fill(Key::RouteManagerHelperSecret, &[("helper", m.helper)]),
        Route::KubeletProvider(k) => i18n.fill(Key::RouteKubeletProvider, &[("provider", k.name)]),
        Route::StoredValue => i18n.t(Key::RouteStoredValue).to_owned(),
    };
    view! {
        <Show when=move || routes.with(|r| !r.is_empty())>
            <div class="keyless-routes" data-testid="keyless-routes">
                <h3>{tr(Key::KeylessRoutesHeading)}</h3>
                <ul>
                    {move || routes.get().into_iter().map(|(key, kind, route)| view! {
                        <li data-testid="keyless-route" data-registry=key.clone() data-kind=kind.as_str() data-route=route.id().as_str()>
                            <code>{key.clone()}</code>": "{text(route)}
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}

#[component]
fn GroupHeading(group: SnippetGroup) -> impl IntoView {
    view! { <h3>{tr(topics::snippet_group(group))}</h3> }
}

/// The CI/CD variables the snippets reference, one row per variable name. Rows are keyed by
/// name and each reads its own variable ([`Shares`]): a keystroke in a password changes that
/// row's value and the `DOCKER_AUTH_CONFIG` row's, and nothing else is rebuilt.
#[component]
fn VariablesTable(shown: Memo<Vec<SnippetId>>) -> impl IntoView {
    let setup = expect_context::<Memo<Setup>>();
    let generated = expect_context::<Memo<Generated>>();
    let options = expect_context::<Memo<registry_auth::snippets::SnippetOptions>>();
    // Exactly the variables the snippets on the page read (`variables_to_create`).
    let table =
        Memo::new(move |_| shown.with(|ids| setup.with(|s| generated.with(|g| options.with(|o| variables_to_create(s, g, o, ids))))));
    let rows = Shares::new(Memo::new(move |_| table.with(|t| t.iter().map(|v| (v.name.clone(), v.clone())).collect::<Vec<_>>())));
    let empty = Memo::new(move |_| table.with(Vec::is_empty));
    let any_hidden = Memo::new(move |_| table.with(|t| t.iter().any(|v| v.hidden)));
    view! {
        <h3>{tr(Key::VariablesHeading)}</h3>
        <Show when=move || empty.get()>
            <p class="hint" data-testid="variables-none">{tr(Key::VariablesNone)}</p>
        </Show>
        <table class="variables" data-testid="variables-to-create" class:variables-empty=move || empty.get()>
            <thead><tr>
                <th scope="col">{tr(Key::VarKey)}</th>
                <th scope="col">{tr(Key::VarValue)}</th>
                <th scope="col">{tr(Key::VarSettings)}</th>
            </tr></thead>
            <tbody>
                <For each=move || rows.keys().get() key=|name| name.clone() let:name>
                    <VariableRow variable=rows.listen(name.clone()) name=name />
                </For>
            </tbody>
        </table>
        <Show when=move || any_hidden.get()>
            <p class="hint" data-testid="var-hidden-note">{tr(Key::VarHiddenNote)}</p>
        </Show>
    }
}

/// How a variable's value cell shows it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ValueShown {
    /// The raw password or token is for copying into GitLab, but masked for reading.
    Masked,
    Plain,
    NotTyped,
}

#[component]
fn VariableRow(variable: ReadSignal<Option<VariableToCreate>>, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let read = move |f: fn(&VariableToCreate) -> bool| variable.with(|v| v.as_ref().is_some_and(f));
    let shown = Memo::new(move |_| {
        variable.with(|v| match v {
            Some(v @ VariableToCreate { value: VariableValue::Literal(_), .. }) if v.secret && v.name != DOCKER_AUTH_CONFIG => {
                ValueShown::Masked
            }
            Some(VariableToCreate { value: VariableValue::Literal(_), .. }) => ValueShown::Plain,
            _ => ValueShown::NotTyped,
        })
    });
    let text = Signal::derive(move || {
        variable.with(|v| match v.as_ref().map(|v| &v.value) {
            Some(VariableValue::Literal(text)) => text.clone(),
            _ => String::new(),
        })
    });
    let subject = move || variable.with(|v| v.as_ref().map(|v| (v.kind, v.subject.clone())));
    let what = move |n: usize| {
        subject()
            .map(|(kind, subject)| {
                let key = if n == 0 { topics::variable(kind).0 } else { topics::variable(kind).1 };
                i18n.fill(key, &[("subject", &subject)])
            })
            .unwrap_or_default()
    };
    // One setting per line (`white-space: pre-line`): joined by commas, a phone's narrow column
    // wrapped a comma onto a line of its own. A line break, not a list: no view per setting.
    let settings = move || {
        let mut settings =
            vec![i18n.t(if read(|v| v.file) { Key::VarSettingFile } else { Key::VarSettingVariable }), i18n.t(Key::VarSettingExpandOff)];
        if read(|v| v.hidden) {
            settings.push(i18n.t(Key::VarSettingMaskedHidden));
        } else if read(|v| v.masked) {
            settings.push(i18n.t(Key::VarSettingMasked));
        }
        settings.join("\n")
    };
    view! {
        <tr data-testid="ci-variable" data-variable=name.clone() data-name=name.clone()
            data-masked=move || read(|v| v.masked).to_string() data-hidden=move || read(|v| v.hidden).to_string()>
            // Breaks only after an underscore (a `<wbr>` adds no character to what is copied).
            <th scope="row"><code class="var-name">{name.split_inclusive('_').map(|part| view! { {part.to_owned()}<wbr /> }).collect_view()}</code></th>
            <td>
                {move || match shown.get() {
                    ValueShown::Masked => view! { <MaskedValue value=text /> }.into_any(),
                    ValueShown::Plain => view! { <code class="output-inline" tabindex="0">{text}</code> }.into_any(),
                    ValueShown::NotTyped => view! { <span>{move || what(1)}</span> }.into_any(),
                }}
                <br /><span class="hint">{move || what(0)}</span>
            </td>
            <td class="var-settings">{settings}</td>
        </tr>
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
    let setup = expect_context::<Memo<Setup>>();
    let generated = expect_context::<Memo<Generated>>();
    let options = expect_context::<Memo<registry_auth::snippets::SnippetOptions>>();
    let without_credentials = expect_context::<SetupWithoutCredentials>().0;
    let reads = id.reads();
    // A memo: recomputed on a keystroke, but the page changes only when the list does.
    let ci_variables = Memo::new(move |_| setup.with(|s| generated.with(|g| options.with(|o| id.ci_variables(s, g, o)))));
    // Tracks only what this snippet reads: a keystroke in a registry does not recompute a
    // snippet that depends on the options alone, nor one in a token a snippet that names only
    // the registries.
    let snippet = Memo::new(move |_| {
        let track = |tracked: bool, signal: &dyn Fn()| {
            if tracked {
                signal();
            }
        };
        track(reads.credentials, &|| setup.track());
        track(reads.setup && !reads.credentials, &|| without_credentials.track());
        track(reads.value, &|| generated.track());
        options.with(|o| setup.with_untracked(|s| generated.with_untracked(|g| snippet_for(id, s, g, o))))
    });
    // Coloured pieces; their text joined is exactly the snippet, so copying copies the snippet.
    let pieces = move || {
        snippet.with(|s| {
            highlight(&s.text)
                .into_iter()
                .map(|(token, piece)| view! { <span class=token_class(token)>{piece.to_owned()}</span> })
                .collect_view()
        })
    };
    let (title_text, when_text) = topics::snippet(id);
    let title = move || i18n.t(title_text);
    let element_id = format!("snippet-{}", id.as_str());
    let copy_label = Signal::derive(move || i18n.fill(Key::CopySnippet, &[("title", title())]));
    view! {
        <article class="snippet" aria-labelledby=format!("{element_id}-title")>
            <div class="output-head">
                <h4 id=format!("{element_id}-title")>{title}</h4>
                <CopyButton target=element_id.clone() label=copy_label />
            </div>
            <p class="hint">{tr(when_text)}</p>
            // The CI/CD variables it reads (all in the table above); "none" said where it is the point.
            {move || {
                let names = ci_variables.get();
                let say_none = id.group() == SnippetGroup::JobCredentials;
                (say_none || !names.is_empty()).then(|| {
                    let text = if names.is_empty() { i18n.t(Key::SnippetCiVariablesNone).to_owned() } else { i18n.fill(Key::SnippetCiVariables, &[("names", &names.join(", "))]) };
                    view! { <p class="hint" data-testid="snippet-ci-variables" data-snippet=id.as_str() data-variables=names.join(" ")>{text}</p> }
                })
            }}
            <Show when=move || snippet.with(|s| s.carries_secret)>
                <p class="secret-note">{tr(Key::SnippetCarriesSecret)}</p>
            </Show>
            <pre id=element_id.clone() class="output" tabindex="0" data-testid=element_id.clone() data-language=id.language().as_str()>{pieces}</pre>
        </article>
    }
}

/// The inputs of some options, as a group.
#[component]
fn OptionInputs(fields: Vec<OptionField>) -> impl IntoView {
    let registration = fields.contains(&OptionField::GitlabUrl);
    let inputs = fields
        .into_iter()
        .map(|field| match field.kind() {
            OptionKind::Text => view! { <OptionText field=field /> }.into_any(),
            OptionKind::Flag => view! { <OptionCheck field=field /> }.into_any(),
            OptionKind::Choice(values) => view! { <OptionSelect field=field values=values /> }.into_any(),
        })
        .collect_view();
    view! {
        <fieldset class="snippet-options" class:runner-inputs=registration>
            {registration.then(|| view! { <legend>{tr(Key::RunnerInputs)}</legend> })}
            <div class="options-grid">{inputs}</div>
        </fieldset>
    }
}

fn input_id(field: OptionField) -> String {
    format!("opt-{}", field.id())
}

/// "From the imported setup" beside an option an import changed, until the user confirms it.
/// Outside the label (the label is the field's accessible name) and tied to the input with
/// `aria-describedby`.
fn imported_mark(form: FormStore, field: OptionField) -> impl IntoView {
    view! {
        <Show when=move || form.pending_import().with(|p| p.contains(&field))>
            <span class="imported-mark" id=format!("{}-imported", input_id(field)) data-imported="true">{tr(Key::ImportedMark)}</span>
        </Show>
    }
}

fn imported_described_by(form: FormStore, field: OptionField) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || form.pending_import().with(|p| p.contains(&field)).then(|| format!("{}-imported", input_id(field)))
}

#[component]
fn OptionText(field: OptionField) -> impl IntoView {
    let form = expect_context::<FormStore>();
    let id = input_id(field);
    let max_chars = registry_auth::limits::MAX_NAME_CHARS;
    let at_limit = Memo::new(move |_| form.snippet_options().with(|o| registry_auth::limits::at_limit(&field.value(o), max_chars)));
    let limit_id = format!("{id}-limit");
    let userinfo = Memo::new(move |_| form.snippet_options().with(|o| field.has_userinfo(o)));
    let imported = imported_described_by(form, field);
    let described_by = {
        let limit_id = limit_id.clone();
        move || {
            let ids: Vec<String> = imported().into_iter().chain(at_limit.get().then(|| limit_id.clone())).collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{tr(topics::option_label(field))}</label>
            <input id=id type="text" prop:value=move || form.snippet_options().with(|o| field.value(o))
                maxlength=max_chars
                aria-describedby=described_by
                on:input=move |ev| edit_option(form, field, &event_target_value(&ev))
                spellcheck="false" autocomplete="off" autocapitalize="off" />
            {imported_mark(form, field)}
            <LimitNote id=limit_id shown=at_limit max_chars />
            <Show when=move || userinfo.get()>
                <p class="fix-note" role="status" data-testid="option-userinfo-removed">{tr(Key::OptionUserinfoRemoved)}</p>
            </Show>
        </div>
    }
}

#[component]
fn OptionCheck(field: OptionField) -> impl IntoView {
    let form = expect_context::<FormStore>();
    let id = input_id(field);
    view! {
        <div class="field field-check">
            <input id=id.clone() type="checkbox" prop:checked=move || form.snippet_options().with(|o| field.value(o) == "true")
                aria-describedby=imported_described_by(form, field)
                on:change=move |ev| edit_option(form, field, if event_target_checked(&ev) { "true" } else { "false" }) />
            <label for=id>{tr(topics::option_label(field))}</label>
            {imported_mark(form, field)}
        </div>
    }
}

#[component]
fn OptionSelect(field: OptionField, values: &'static [&'static str]) -> impl IntoView {
    let form = expect_context::<FormStore>();
    let id = input_id(field);
    view! {
        <div class="field">
            <label for=id.clone()>{tr(topics::option_label(field))}</label>
            <select id=id prop:value=move || form.snippet_options().with(|o| field.value(o))
                aria-describedby=imported_described_by(form, field)
                on:change=move |ev| edit_option(form, field, &event_target_value(&ev))>
                {values.iter().map(|value| view! { <option value=*value>{tr(topics::option_value(field, value))}</option> }).collect_view()}
            </select>
            {imported_mark(form, field)}
        </div>
    }
}
