//! Which credential each image gets: the resolver's table under the Check view.

use leptos::prelude::*;

use super::batched::batched;
use super::i18n::{tr, use_i18n};
use super::state::{edit_option, FormStore, FormStoreFields};
use super::text_field::SecretTextarea;
use crate::texts::topics;
use crate::texts::Key;
use registry_auth::config_builder::Generated;
use registry_auth::inspector::Inspection;
use registry_auth::resolver::{
    resolve_all_with, ConfigView, Explanation, JobCredentials, Resolution, Resolutions, RunnerSource, MAX_CI_IMAGES,
};
use registry_auth::snippets::OptionField;

/// Rows mounted per task. A row pair costs about a millisecond of DOM work in the release build
/// on a fast machine: the 200 images of the cap at once made one task of 140–181 ms; 25 per task
/// keep each near a long task's 50 ms. The tests count the rows per task.
const ROWS_PER_TASK: usize = 25;

#[component]
pub(super) fn ImageResolver(inspection: Memo<Option<Inspection>>, generated: Memo<Generated>) -> impl IntoView {
    let form = expect_context::<FormStore>();
    // The pasted config when there is one, else the generator's value.
    let view_of_config = Memo::new(move |_| {
        let view = match inspection.get() {
            Some(i) => ConfigView::from(&i),
            None => generated.with(ConfigView::of_generated),
        };
        // As the chosen runner version reads it: some helpers it does not run.
        form.situation().with(|situation| view.in_situation(situation))
    });
    // The instance's registry: the job payload's credentials are GitLab Runner's last source.
    let job = Memo::new(move |_| form.snippet_options().with(|o| JobCredentials::for_registry(&o.gitlab_registry)));
    // Only resolved when an image is typed: the generator's value changes on every keystroke.
    let resolutions = Memo::new(move |_| {
        form.image().with(|image| {
            if image.trim().is_empty() {
                Resolutions::default()
            } else {
                job.with(|job| view_of_config.with(|config| resolve_all_with(image, config, job)))
            }
        })
    });
    // Keyed by place and content: an image whose answer did not change keeps its rows.
    let keys = Memo::new(move |_| resolutions.with(|r| r.items.iter().cloned().enumerate().collect::<Vec<_>>()));
    let shown = batched(keys, ROWS_PER_TASK);
    let source = move || if inspection.with(Option::is_some) { tr(Key::ResolveSourcePasted)() } else { tr(Key::ResolveSourceGenerator)() };
    let i18n = use_i18n();
    view! {
        <h3 id="resolver-heading">{tr(Key::ResolverHeading)}</h3>
        <p class="hint">{source}</p>
        <div class="field">
            <label for="image">{tr(Key::Image)}</label>
            <SecretTextarea id="image" value=form.image().into() rows=2 />
        </div>
        <div class="field">
            <label for="gitlab-registry">{tr(topics::option_label(OptionField::GitlabRegistry))}</label>
            <input id="gitlab-registry" type="text" placeholder="registry.gitlab.com"
                prop:value=move || form.snippet_options().with(|o| o.gitlab_registry.clone())
                maxlength=registry_auth::limits::MAX_NAME_CHARS
                on:input=move |ev| edit_option(form, OptionField::GitlabRegistry, &event_target_value(&ev))
                spellcheck="false" autocomplete="off" autocapitalize="off" />
        </div>
        <Show
            when=move || !form.image().with(|i| i.trim().is_empty())
            fallback=move || view! { <p class="hint">{tr(topics::explanation(Explanation::ImageEmpty))}</p> }
        >
            // Scrolls in its own box when the headings cannot fit a phone's width; focusable so
            // a keyboard can scroll it.
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="resolver-heading">
            <table class="resolutions">
                <thead><tr>
                    <th scope="col">{tr(Key::Image)}</th>
                    <th scope="col">"GitLab Runner"</th>
                    <th scope="col">{tr(Key::ResolverSource)}</th>
                    <th scope="col">"docker CLI"</th>
                    <th scope="col">{tr(Key::ResolvedEnvHeading)}</th>
                </tr></thead>
                <tbody>
                    <For each=move || shown.get() key=|k| k.clone() children=|(_, r)| resolution_rows(r) />
                </tbody>
            </table>
            </div>
            <Show when=move || resolutions.with(|r| r.more)>
                <p class="hint" role="status" data-testid="resolver-more">{move || i18n.fill(Key::ResolverMore, &[("max", &MAX_CI_IMAGES.to_string())])}</p>
            </Show>
        </Show>
    }
}

/// One image: the key each consumer uses, then why.
fn resolution_rows(r: Resolution) -> impl IntoView {
    let i18n = use_i18n();
    let (explanation, subject) = (r.explanation, r.explanation_subject);
    let also = r.also;
    let also_code = also.as_ref().map(|(why, _)| why.as_str());
    // Follows the language like every other text; a dropped value's remaining cause after it.
    let why = move || {
        let first = i18n.fill(topics::explanation(explanation), &[("subject", &subject)]);
        match &also {
            Some((cause, key)) => {
                let then = i18n.fill(topics::explanation(*cause), &[("subject", key)]);
                format!("{first} {}", i18n.fill(Key::ResolverAfterFix, &[("cause", &then)]))
            }
            None => first,
        }
    };
    view! {
        <tr data-testid="resolution">
            <th scope="row"><code>{r.image}</code></th>
            <td><code data-testid="resolved-runner" data-source=r.runner_source.as_str()
                data-refused=r.refused.map(|code| code.as_str())>{r.runner.unwrap_or_default()}</code></td>
            <td data-testid="resolved-runner-source">{tr(source_text(r.runner_source))}</td>
            // When Go's map order decides, the candidates are named (ui-contract.md).
            <td><code data-testid="resolved-docker-cli"
                data-ambiguous=r.docker_cli_ambiguous.then_some("true")
                data-candidates=r.docker_cli_ambiguous.then(|| r.docker_cli_candidates.join(" "))>{r.docker_cli.unwrap_or_default()}</code></td>
            <td><code data-testid="resolved-docker-cli-env">{r.docker_cli_env.unwrap_or_default()}</code></td>
        </tr>
        <tr class="resolution-why">
            <td colspan="5" data-testid="resolution-why" data-code=r.explanation.as_str() data-also=also_code>{why}</td>
        </tr>
    }
}

fn source_text(source: RunnerSource) -> Key {
    match source {
        RunnerSource::Variable => Key::SourceVariable,
        RunnerSource::Job => Key::SourceJob,
        RunnerSource::None => Key::SourceNone,
        RunnerSource::ManagerHelper => Key::SourceManagerHelper,
        RunnerSource::KubeletProvider => Key::SourceKubeletProvider,
    }
}
