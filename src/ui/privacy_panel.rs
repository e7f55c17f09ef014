//! The Privacy panel: every resource the page has loaded and every CSP violation seen, live,
//! so users can check the promise themselves.

use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::build_info::BuildInfo;
use super::i18n::{tr, use_i18n};
use crate::texts::Key;

/// One loaded resource, and whether it came from the page's own folder.
#[derive(Clone, PartialEq, Eq)]
struct Loaded {
    url: String,
    own: bool,
}

#[component]
pub fn PrivacyPanel() -> impl IntoView {
    let i18n = use_i18n();
    let loaded = RwSignal::new(Vec::<Loaded>::new());
    let violations = RwSignal::new(Vec::<String>::new());
    // Set only on a change: the summary and the open list re-render when a file is added, not
    // on every poll.
    let refresh = move || {
        let now = loaded_resources();
        if loaded.with_untracked(|l| *l != now) {
            loaded.set(now);
        }
    };
    refresh();
    // The list is mounted only while its <details> is open (the summary above it gives the
    // count).
    let list_open = RwSignal::new(false);
    let on_toggle = move |ev: web_sys::Event| {
        list_open.set(ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open()));
    };
    // Polling is cheap (a few entries) and needs no observer glue. The timer and the listener
    // go with the panel.
    super::keep_while_owned(Interval::new(2_000, refresh));
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        super::keep_while_owned(EventListener::new(&document, "securitypolicyviolation", move |event| {
            if let Some(event) = event.dyn_ref::<web_sys::SecurityPolicyViolationEvent>() {
                violations.update(|v| v.push(format!("{} {}", event.violated_directive(), event.blocked_uri())));
            }
        }));
    }
    let foreign = move || loaded.with(|l| l.iter().filter(|r| !r.own).count());
    view! {
        <section class="panel" aria-labelledby="privacy-heading">
            <h2 id="privacy-heading">{tr(Key::PrivacyHeading)}</h2>
            <p>{tr(Key::PrivacyText)}</p>
            <p data-testid="privacy-summary">
                {move || i18n.fill(Key::PrivacySummary, &[("count", &loaded.with(Vec::len).to_string())])}
                " "
                {move || if foreign() == 0 { i18n.t(Key::PrivacyAllOwn) } else { i18n.t(Key::PrivacyForeign) }}
            </p>
            <details on:toggle=on_toggle>
                <summary>{tr(Key::PrivacyList)}</summary>
                <Show when=move || list_open.get()>
                    <ul class="resource-list" data-testid="privacy-resources">
                        {move || loaded.get().into_iter().map(|r| view! {
                            <li class:foreign=!r.own><code>{r.url}</code></li>
                        }).collect_view()}
                    </ul>
                </Show>
            </details>
            <p data-testid="privacy-violations">
                {move || i18n.fill(Key::PrivacyViolations, &[("count", &violations.with(Vec::len).to_string())])}
            </p>
            <ul class="resource-list">
                {move || violations.get().into_iter().map(|v| view! { <li><code>{v}</code></li> }).collect_view()}
            </ul>
            <BuildInfo />
        </section>
    }
}

/// The page itself plus every resource entry the browser recorded.
fn loaded_resources() -> Vec<Loaded> {
    let Some(window) = web_sys::window() else { return Vec::new() };
    let own_prefix = own_folder(&window);
    let mut urls = vec![window.location().href().unwrap_or_default()];
    if let Some(performance) = window.performance() {
        urls.extend(
            performance
                .get_entries_by_type("resource")
                .iter()
                .filter_map(|entry| entry.dyn_into::<web_sys::PerformanceEntry>().ok())
                .map(|entry| entry.name()),
        );
    }
    urls.into_iter().map(|url| Loaded { own: url.starts_with(&own_prefix), url }).collect()
}

/// The page's folder: everything the app loads must be under it.
fn own_folder(window: &web_sys::Window) -> String {
    let location = window.location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    let folder = path.rfind('/').map_or("/", |i| &path[..=i]);
    format!("{origin}{folder}")
}
