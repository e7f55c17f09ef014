//! The browser UI: Leptos components that render what the core returns. No domain logic here.

mod app;
mod auto_clear;
mod batched;
mod build_info;
mod build_view;
mod check_view;
mod copy_button;
mod deferred;
mod entry_editor;
mod expiry;
mod findings_list;
mod form_loads;
mod format_line;
mod generator;
mod i18n;
mod idle;
mod image_resolver;
mod import_notice;
mod late_part;
mod masked_value;
mod merge_panel;
mod next_task;
mod page_mode;
mod preferences;
mod prerender;
mod privacy_panel;
mod router;
mod row_outputs;
mod service_worker;
mod settled;
mod share_link;
mod share_panel;
mod shares;
mod shortcuts;
mod situation_picker;
mod snippets_panel;
mod split;
mod split_part;
mod state;
mod stored_prefs;
mod takeover;
mod text_field;
mod value_panel;
mod waiting;

/// Keeps `value` (a listener, a timer, an observer) alive as long as the current reactive
/// owner, and drops it with the owner, instead of leaking it with `.forget()`. The one thing
/// kept for the page's whole life is the app's own mount (`start`): it has no owner to go with.
pub(crate) fn keep_while_owned<T: 'static>(value: T) {
    let _ = leptos::prelude::StoredValue::new_local(value);
}

/// Mounts the app. When `index.html` carries the prerendered landing view (`#prerendered`,
/// made at build time by `scripts/post_build.py`), the app is rendered beside it and swapped
/// in once the browser has timed the static paint: the same markup, so nothing moves. The
/// static copy takes input meanwhile; `takeover` carries it over, so nothing typed is lost.
pub fn start() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let Some(window) = web_sys::window() else { return };
    let Some(document) = window.document() else { return };
    // `make bench` reads this: the wasm is instantiated and runs.
    if let Some(p) = window.performance() {
        let _ = p.mark("wasm-start");
    }
    // The browser records the static first paint as the largest contentful paint only once it
    // has timed that paint; swapped out before then, the app's identical render would count
    // instead, as if nothing had shown until the wasm ran. The init script (scripts/post_build.py)
    // exposes that moment as `firstPaintTimed`, a promise that settles within 1 s, or at the
    // first click or key (after an input no later paint counts as the largest).
    if document.get_element_by_id("prerendered").is_some() {
        let timed = js_sys::Reflect::get(&window, &"firstPaintTimed".into())
            .ok()
            .and_then(|p| wasm_bindgen::JsCast::dyn_into::<js_sys::Promise>(p).ok());
        if let Some(timed) = timed {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(timed).await;
                // A task of its own: instantiating the wasm was one already.
                next_task::yield_task().await;
                mount(&document);
            });
            return;
        }
    }
    mount(&document);
}

fn mount(document: &web_sys::Document) {
    let Some(window) = web_sys::window() else { return };
    // `make bench` reads these: main()'s own time, start to ready.
    let performance = window.performance();
    if let Some(p) = &performance {
        let _ = p.mark("app-start");
    }
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    // The parts below the fold mount in tasks of their own (`deferred`); the prerendered copy
    // stays until they have, then the app takes its place at once. "Where to put it" stays
    // longer: its static copy is left in place, live, until the app's, from a module of its own,
    // takes over in a second step (`late_part`). Not when the copy is inert (under a share link
    // nothing in it was live).
    let static_copy = match (document.get_element_by_id("prerendered"), document.create_element("div")) {
        (Some(static_copy), Ok(host)) => {
            if !static_copy.has_attribute("inert") {
                late_part::offer(&static_copy);
            }
            host.set_id("app");
            let mounted = leptos::mount::mount_to(wasm_bindgen::JsCast::unchecked_into(host.clone()), app::App);
            // The app is the root: it lives as long as the page, and no owner above it can go
            // away. Its handle would unmount it when dropped (`mount_to_body` keeps it the same way).
            mounted.forget();
            Some((static_copy, host))
        }
        _ => {
            leptos::mount::mount_to_body(app::App);
            None
        }
    };
    let document = document.clone();
    deferred::after_deferred(move || {
        leptos::task::spawn_local(async move {
            // From here a part mounts at once: a replayed click (Add registry, Clear all) brings
            // its rows before the next step looks for them.
            deferred::mark_started();
            // A share link opened at start is in the form before the swap (`share_link`).
            late_part::first_step_released().await;
            if let Some((static_copy, host)) = static_copy {
                take_over_top(&static_copy, &host, &document).await;
            }
            if let Some(p) = &performance {
                let _ = p.mark("app-top-ready");
            }
            // The second step: the late parts are fetched now, and mount in tasks of their own.
            deferred::slice_again();
            late_part::open_gate();
            // Their modules, fetched now beside their texts (`late_part::open_gate`): a part
            // waits for its texts before its module's view is made (`split_part`).
            leptos::task::spawn_local(async {
                let _ = split::preload_where_panel().await;
            });
            leptos::task::spawn_local(async {
                let _ = split::preload_footer_panels().await;
            });
            let mounted = js_sys::Promise::new(&mut |resolve, _| {
                late_part::after_mounted(move || drop(resolve.call0(&wasm_bindgen::JsValue::NULL)));
            });
            let _ = wasm_bindgen_futures::JsFuture::from(mounted).await;
            deferred::mark_started();
            late_part::finish_start();
            take_over_late(&document).await;
            // A task of its own: the swap's mutations are seen before the app is marked ready.
            next_task::yield_task().await;
            if web_sys::window().and_then(|w| w.location().search().ok()).is_some_and(|q| q.contains("prerender")) {
                prerender::mirror_properties(&document);
            }
            if let Some(p) = &performance {
                let _ = p.mark("app-ready");
            }
            // Every control responds from here on (UI contract, "Ready").
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("data-app-ready", "");
            }
        });
    });
}

/// The first step: the app's render takes the static copy's place, with what was typed there,
/// except "Where to put it", whose static part stays, live, in the app's slot (`late_part`).
async fn take_over_top(static_copy: &web_sys::Element, host: &web_sys::Element, document: &web_sys::Document) {
    takeover::after_release(document).await;
    // Read before the static part moves: moving it out of the page would take its focus.
    let focus = late_part::offered().map(|part| takeover::hold_focus(&part, document));
    let kept = late_part::keep_static_part(host);
    let selector = if kept.is_some() { takeover::CONTROLS_BEFORE_LATE } else { takeover::CONTROLS };
    let carried = takeover::take(static_copy, document, selector);
    let _ = static_copy.replace_with_with_node_1(host);
    if let (Some(focus), Some(_)) = (focus, kept) {
        focus.restore();
    }
    carried.replay(host.clone()).await;
}

/// The second step: the app's part takes the static part's place, with what was typed there
/// meanwhile (the focus included). When the app's panel is not there to take it (the Build view
/// was left meanwhile, or its module could not be fetched), what was done is kept and replayed
/// once the panel shows (`late_part::replay_left_over`).
async fn take_over_late(document: &web_sys::Document) {
    let Some((part, app_part)) = late_part::take_held() else {
        takeover::forget_recorded();
        return;
    };
    takeover::after_release(document).await;
    // Read even out of the page: the controls keep their state.
    let carried = takeover::take(&part, document, takeover::PART_CONTROLS);
    takeover::forget_recorded();
    let shown = app_part.query_selector("section.where-panel").ok().flatten().is_some();
    if part.is_connected() {
        let _ = part.replace_with_with_node_1(&app_part);
    }
    if shown && app_part.is_connected() {
        carried.replay(app_part).await;
    } else {
        late_part::leave_over(carried);
    }
}
