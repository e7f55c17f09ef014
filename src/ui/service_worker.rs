//! Offline support: registers `sw.js` (beside index.html, so its scope is the app's folder) and
//! offers an update when a new version is waiting. Code is never swapped under the user: the
//! new version only takes over when they press Reload.

use gloo_events::EventListener;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::i18n::tr;
use crate::texts::Key;

/// What the update bar needs, shared by the bar (main module) and the registration (the footer's
/// module, `register_when_started`): provided by `App`.
#[derive(Clone, Copy)]
pub struct UpdateWatch {
    waiting: RwSignal<bool>,
    registration: StoredValue<Option<web_sys::ServiceWorkerRegistration>, LocalStorage>,
    // The listeners belong to the app (it lives as long as the page): held here, dropped with
    // it, never leaked.
    listeners: StoredValue<Vec<EventListener>, LocalStorage>,
}

impl UpdateWatch {
    pub fn new() -> Self {
        UpdateWatch {
            waiting: RwSignal::new(false),
            registration: StoredValue::new_local(None),
            listeners: StoredValue::new_local(Vec::new()),
        }
    }
}

thread_local! {
    static REGISTERING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Registers the worker once the start is over, and watches for a new version; once per page.
/// Called from the footer's module (`split::footer_panels`), so none of this is in the first load.
pub fn register_when_started(watch: UpdateWatch) {
    if REGISTERING.with(|r| r.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async move {
        // Once the page has fetched what it needs: registered sooner, the worker's precache
        // fetched the modules of the start's second step beside the page (each crossed the wire
        // twice on a first visit).
        super::late_part::start_finished().await;
        if let Some(reg) = register().await {
            watch_for_updates(&reg, watch.waiting, watch.listeners);
            let _ = watch.registration.try_set_value(Some(reg));
            announce_started().await;
        }
    });
}

/// The "new version available" bar; empty until a new service worker is waiting.
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let watch = expect_context::<UpdateWatch>();
    let accept = move |_| {
        let Some(container) = container() else { return };
        // Reload once the new worker controls the page.
        let reload = EventListener::once(&container, "controllerchange", |_| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        watch.listeners.update_value(|l| l.push(reload));
        if let Some(waiting) = watch.registration.get_value().and_then(|r| r.waiting()) {
            let _ = waiting.post_message(&"skipWaiting".into());
        }
    };
    view! {
        <Show when=move || watch.waiting.get()>
            <div class="update-bar" role="alert" data-testid="update-available">
                <span>{tr(Key::UpdateAvailable)}</span>
                <button type="button" on:click=accept>{tr(Key::UpdateReload)}</button>
            </div>
        </Show>
    }
}

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let window = web_sys::window()?;
    // The single-file build (opened from disk) has no worker: nothing to cache, nothing to update.
    if window.document()?.query_selector("meta[name=\"single-file\"]").ok()?.is_some() {
        return None;
    }
    let navigator = window.navigator();
    // Absent in insecure contexts and some embedded browsers.
    let present = js_sys::Reflect::get(&navigator, &"serviceWorker".into()).is_ok_and(|v| !v.is_undefined());
    present.then(|| navigator.service_worker())
}

async fn register() -> Option<web_sys::ServiceWorkerRegistration> {
    let promise = container()?.register("./sw.js");
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// Tells the active worker that this version started, naming it by its wasm file and that file's
/// sha384 (from `<meta name="wasm">`, written by scripts/post_build.py; names alone can repeat
/// across builds): the worker then keeps this version as the one to fall back to when a later update
/// installs but cannot boot (public/sw.js, `markStarted`).
async fn announce_started() {
    let Some(container) = container() else { return };
    let Ok(ready) = container.ready() else { return };
    let Ok(reg) = JsFuture::from(ready).await else { return };
    let reg: web_sys::ServiceWorkerRegistration = reg.unchecked_into();
    let meta = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(r#"meta[name="wasm"]"#).ok().flatten());
    let Some(meta) = meta else { return };
    if let (Some(active), Some(href), Some(integrity)) = (reg.active(), meta.get_attribute("content"), meta.get_attribute("data-integrity"))
    {
        let _ = active.post_message(&format!("started {href} {integrity}").into());
    }
}

/// Sets `update_waiting` when a new worker has installed while an old one controls the page.
fn watch_for_updates(
    reg: &web_sys::ServiceWorkerRegistration,
    update_waiting: RwSignal<bool>,
    listeners: StoredValue<Vec<EventListener>, LocalStorage>,
) {
    let controlled = || container().and_then(|c| c.controller()).is_some();
    if reg.waiting().is_some() && controlled() {
        update_waiting.set(true);
    }
    let watched = reg.clone();
    let on_update = EventListener::new(reg, "updatefound", move |_| {
        let Some(installing) = watched.installing() else { return };
        let worker = installing.clone();
        let on_state = EventListener::new(&installing, "statechange", move |_| {
            if worker.state() == web_sys::ServiceWorkerState::Installed && controlled() {
                let _ = update_waiting.try_set(true);
            }
        });
        let _ = listeners.try_update_value(|l| l.push(on_state));
    });
    let _ = listeners.try_update_value(|l| l.push(on_update));
}
