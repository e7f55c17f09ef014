//! The page: a header with the two jobs as tabs (Build a value, Check one) and Clear all, the
//! view of the chosen job, and a footer with preferences, sharing and privacy. Only the view
//! shown is mounted.

use leptos::prelude::*;
use registry_auth::config_builder::Generated;

use super::build_view::BuildView;
use super::deferred::Deferred;
use super::form_loads::clear_all;
use super::generator::generated_memo;
use super::i18n::{tr, I18n};
use super::import_notice::ImportNotice;
use super::page_mode::{initial_language, read_page_mode, sync_root_attributes};
use super::service_worker::UpdatePrompt;
use super::share_link::import_from_address;
use super::split::check_view;
use super::split_part::SplitPart;
use super::state::{new_form, FormStoreFields, View};
use crate::texts::Key;

#[component]
pub fn App() -> impl IntoView {
    let mode = read_page_mode();
    provide_context(mode);
    let i18n = I18n::new(initial_language());
    provide_context(i18n);
    let form = new_form();
    provide_context(form);
    provide_context(super::service_worker::UpdateWatch::new());
    let generated: Memo<Generated> = generated_memo(form);
    provide_context(generated);
    // Kept current even while no view reads it: a memo holds its last value, and after Clear
    // all that value must be the empty form's, not the last secret.
    Effect::new(move |_| {
        // `with` recomputes a stale memo; `track` alone would only subscribe.
        generated.with(|_| ());
    });
    // The setup, for the parts below the value, as they settle (`settled`; Clear all updates
    // them at once).
    super::settled::provide(form, generated);

    sync_root_attributes(mode, i18n);
    super::shortcuts::install(form);
    super::auto_clear::install(form);
    super::router::follow_address(form);
    import_from_address(form);

    let view = form.view();
    view! {
        <UpdatePrompt />
        <header class="page-header">
            <div class="title">
                <h1>{tr(Key::Title)}</h1>
                <p class="tagline">{tr(Key::Tagline)}</p>
            </div>
            <div class="toolbar">
                <div role="tablist" class="tabs" aria-label=tr(Key::ViewsLabel)>
                    <ViewTab which=View::Build label=Key::ViewBuild />
                    <ViewTab which=View::Check label=Key::ViewCheck />
                </div>
                <button type="button" class="danger" aria-keyshortcuts=super::shortcuts::CLEAR_ALL on:click=move |_| clear_all(form)>
                    {tr(Key::ClearAll)}
                </button>
            </div>
        </header>
        // Any input after a clear means the user has moved on: the note goes.
        <main on:input=move |_| if form.cleared().get_untracked() { form.cleared().set(false) }>
            <p class="cleared-note" role="status" data-testid="cleared">
                {move || form.cleared().get().then(|| tr(Key::Cleared)())}
            </p>
            <ImportNotice />
            <div id="view-panel" role="tabpanel" aria-labelledby=move || format!("tab-{}", view.get().id())>
                {move || match view.get() {
                    View::Build => view! { <Deferred><BuildView /></Deferred> }.into_any(),
                    // In a wasm module of its own, fetched when first shown (`split`).
                    View::Check => view! { <SplitPart load=|| Box::pin(check_view()) late_texts=true /> }.into_any(),
                }}
            </div>
        </main>
        <footer class="page-footer">
            // In a module of its own, after the rest (`late_part`).
            <SplitPart load=|| Box::pin(super::split::footer_panels()) late=true quiet=true />
            <p class="hint shortcuts">
                {tr(Key::Shortcuts)}" "<kbd>{super::shortcuts::COPY_VALUE}</kbd>" "{tr(Key::ShortcutCopy)}" · "
                <kbd>{super::shortcuts::CLEAR_ALL}</kbd>" "{tr(Key::ShortcutClear)}
            </p>
        </footer>
    }
}

/// One tab of the tablist. Arrow keys move between the tabs, as the ARIA tabs pattern has it.
#[component]
fn ViewTab(which: View, label: Key) -> impl IntoView {
    let form = expect_context::<super::state::FormStore>();
    let view = form.view();
    let selected = move || view.get() == which;
    let other = match which {
        View::Build => View::Check,
        View::Check => View::Build,
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if matches!(ev.key().as_str(), "ArrowLeft" | "ArrowRight" | "Home" | "End") {
            ev.prevent_default();
            let target = match ev.key().as_str() {
                "Home" => View::Build,
                "End" => View::Check,
                _ => other,
            };
            super::router::show(form, target);
            super::router::focus_tab(target, false);
        }
    };
    view! {
        <button type="button" role="tab" id=format!("tab-{}", which.id()) class="tab"
            aria-selected=move || if selected() { "true" } else { "false" }
            aria-controls="view-panel"
            tabindex=move || if selected() { "0" } else { "-1" }
            on:click=move |_| super::router::show(form, which)
            // The Check view's module is fetched when the pointer comes near (`split`); a
            // failed fetch is retried when the view is shown.
            on:pointerenter=move |_| {
                if which == View::Check {
                    leptos::task::spawn_local(async {
                        let _ = super::split::preload_check_view().await;
                    });
                }
            }
            on:keydown=on_key>
            {tr(label)}
        </button>
    }
}
