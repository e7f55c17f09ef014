//! "Where will this run?": five questions (platform, executor, GitLab Runner version, builders,
//! role) whose answers decide which snippets come first.
//! Part of a shared setup.

use leptos::prelude::*;
use registry_auth::runner_version::{Holds, VersionError, VersionedRule, NEWEST_KNOWN};
use registry_auth::situation::{Builder, Executor, ImageSource, Platform, Role, Situation, TokenOutlook};
use strum::IntoEnumIterator;

use super::i18n::{tr, use_i18n};
use super::state::{FormStore, FormStoreFields};
use crate::texts::{topics, Key, Text};

#[component]
pub fn SituationPicker() -> impl IntoView {
    let form = expect_context::<FormStore>();
    let situation = form.situation();
    view! {
        <fieldset class="situation" data-testid="situation">
            <legend>{tr(Key::SituationHeading)}</legend>
            <Choice name="platform" legend=Key::SituationPlatform
                choices=Platform::iter().map(|p| (<&'static str>::from(p), topics::platform(p))).collect()
                chosen=Signal::derive(move || <&'static str>::from(situation.with(|s| s.platform)))
                choose=Callback::new(move |id: String| if let Ok(p) = id.parse() { situation.update(|s| s.platform = p) }) />
            <Choice name="executor" legend=Key::SituationExecutor
                choices=Executor::iter().map(|e| (<&'static str>::from(e), topics::executor(e))).collect()
                chosen=Signal::derive(move || <&'static str>::from(situation.with(|s| s.executor)))
                choose=Callback::new(move |id: String| if let Ok(e) = id.parse() { situation.update(|s| s.executor = e) }) />
            <RunnerVersion />
            <Builders />
            <Choice name="role" legend=Key::SituationRole
                choices=Role::iter().map(|r| (<&'static str>::from(r), topics::role(r))).collect()
                chosen=Signal::derive(move || <&'static str>::from(situation.with(|s| s.role)))
                choose=Callback::new(move |id: String| if let Ok(r) = id.parse() { situation.update(|s| s.role = r) }) />
        </fieldset>
    }
}

/// "GitLab Runner version": the rules that hold for some versions only follow it; empty is the
/// newest this tool knows, and the note says which that is and how the field was read.
#[component]
fn RunnerVersion() -> impl IntoView {
    let i18n = use_i18n();
    let form = expect_context::<FormStore>();
    let situation = form.situation();
    let read = Memo::new(move |_| situation.with(Situation::runner_version));
    let newest = NEWEST_KNOWN.to_string();
    let note = move || {
        let input = read.get();
        let version = input.version.to_string();
        let params = [("version", version.as_str()), ("newest", newest.as_str())];
        match (input.problem, input.assumed) {
            (Some(VersionError::NotAVersion), _) => i18n.fill(Key::RunnerVersionInvalid, &params),
            (Some(VersionError::NewerThanKnown), _) => i18n.fill(Key::RunnerVersionNewer, &params),
            (None, true) => i18n.fill(Key::RunnerVersionNewest, &params),
            (None, false) if matches!(VersionedRule::JobHelpersRefused.holds(input.version), Holds::FromPatch(_)) => {
                i18n.fill(Key::RunnerVersionPatch, &params)
            }
            (None, false) => i18n.fill(Key::RunnerVersionRead, &params),
        }
    };
    view! {
        <div class="field runner-version">
            <label for="situation-runner-version">{tr(Key::RunnerVersion)}</label>
            <input id="situation-runner-version" type="text" inputmode="decimal" placeholder=NEWEST_KNOWN.to_string()
                maxlength=registry_auth::limits::MAX_NAME_CHARS aria-describedby="runner-version-note"
                prop:value=move || situation.with(|s| s.runner_version.clone())
                on:input=move |ev| situation.update(|s| s.runner_version = event_target_value(&ev))
                spellcheck="false" autocomplete="off" autocapitalize="off" />
            <p id="runner-version-note" class="hint" role="status" data-testid="runner-version-note">{note}</p>
        </div>
    }
}

/// One question answered by one choice: radio buttons.
#[component]
fn Choice(
    name: &'static str,
    legend: Key,
    choices: Vec<(&'static str, Text)>,
    chosen: Signal<&'static str>,
    choose: Callback<String>,
) -> impl IntoView {
    view! {
        <fieldset class="choice">
            <legend>{tr(legend)}</legend>
            {choices.into_iter().map(|(id, text)| {
                let input_id = format!("situation-{name}-{id}");
                view! {
                    <span class="choice-item">
                        <input type="radio" id=input_id.clone() name=format!("situation-{name}") value=id
                            prop:checked=move || chosen.get() == id
                            on:change=move |_| choose.run(id.to_owned()) />
                        <label for=input_id>{tr(text)}</label>
                    </span>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// How jobs build images: any number of builders.
#[component]
fn Builders() -> impl IntoView {
    let form = expect_context::<FormStore>();
    let situation = form.situation();
    view! {
        <fieldset class="choice">
            <legend>{tr(Key::SituationBuilders)}</legend>
            {Builder::iter().map(|builder| {
                let id: &'static str = builder.into();
                let input_id = format!("situation-builder-{id}");
                view! {
                    <span class="choice-item">
                        <input type="checkbox" id=input_id.clone()
                            prop:checked=move || situation.with(|s: &Situation| s.builds_with(builder))
                            on:change=move |ev| situation.update(|s| s.set_builder(builder, event_target_checked(&ev))) />
                        <label for=input_id>{tr(topics::builder(builder))}</label>
                    </span>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// "Where do your job's images come from?": asked before any credential, because two of the
/// answers need no new secret; the answer says so at once (`data-outlook`).
#[component]
pub fn ImageSources() -> impl IntoView {
    let form = expect_context::<FormStore>();
    let embedded = expect_context::<super::page_mode::PageMode>().embedded;
    let situation = form.situation();
    let outlook = Memo::new(move |_| situation.with(Situation::token_outlook));
    let outlook_id = move || -> &'static str { outlook.get().into() };
    view! {
        <fieldset class="situation image-sources" data-testid="image-sources">
            <legend>{tr(Key::SourcesHeading)}</legend>
            {ImageSource::iter().map(|source| {
                let id: &'static str = source.into();
                let input_id = format!("source-{id}");
                view! {
                    <span class="choice-item">
                        <input type="checkbox" id=input_id.clone()
                            prop:checked=move || situation.with(|s: &Situation| s.pulls_from(source))
                            on:change=move |ev| situation.update(|s| s.set_source(source, event_target_checked(&ev))) />
                        <label for=input_id>{tr(topics::image_source(source))}</label>
                    </span>
                }
            }).collect_view()}
            // Embedded, the question comes after the registries: its words say so.
            <p class="hint" role="status" data-testid="token-outlook" data-outlook=outlook_id>
                {move || match (outlook.get(), embedded) {
                    (TokenOutlook::Unanswered, false) => tr(Key::SourcesIntro)(),
                    (TokenOutlook::Unanswered, true) => tr(Key::SourcesIntroAfter)(),
                    (TokenOutlook::MayNeedNone, _) => tr(Key::OutlookMayNeedNone)(),
                    (TokenOutlook::NeedsVariable, false) => tr(Key::OutlookNeedsVariable)(),
                    (TokenOutlook::NeedsVariable, true) => tr(Key::OutlookNeedsVariableAbove)(),
                }}
            </p>
        </fieldset>
    }
}
