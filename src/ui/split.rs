//! Parts of the page that sit behind a user's action, or below the first step of the start, live
//! in wasm modules of their own: the Check view, fetched the first time it is shown; "Where to put
//! it" and the footer's panels, fetched after the start's first step (`late_part`); opening a
//! share link, fetched when the address carries one (its split point is in `share_link`). So the first
//! step loads only what the registries and the value need.
//!
//! Each `#[wasm_split(name, …)]` function below is a split point: the release build
//! (`scripts/wasm_split.py`, run by `scripts/post_build.py`) moves the function, and all code
//! only it reaches, into `split_<name>.wasm` beside the main module. Calling it fetches that
//! module once (checked against its sha384), then runs the function. In builds that are not
//! split (tests on the host) the function is called directly.
//!
//! Shapes: every split point returns `Result<AnyView, SplitLoaderError>`; [`SplitPart`] shows
//! the view, or, when the module cannot be fetched (offline before the service worker cached
//! it), a message with a button that tries again. A failed fetch is never fatal: the macro's
//! `fallible` option turns it into `Err` instead of a panic, which would stop the wasm.
//!
//! Upstream: `wasm_split_helpers` / `wasm_split_cli_support` (github.com/WorldSEnder/
//! wasm-split-prototype), the split points Leptos' `#[lazy]` is built on; used directly here
//! for `fallible`, which `#[lazy]` does not offer.
//!
//! A deploy replaces the `wasm-<hash>/` folder: a tab opened before it (and not kept by the
//! service worker) then cannot fetch a module it has not fetched yet, so the failure message
//! names reloading too.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use super::check_view::CheckView;
use super::deferred::Deferred;
use super::i18n::tr;
use super::preferences::Preferences;
use super::privacy_panel::PrivacyPanel;
use super::share_panel::SharePanel;
use super::snippets_panel::SnippetsPanel;
use crate::texts::Key;

/// The Check view: the inspector, the resolver and merging. `preload_check_view` fetches its
/// module without showing it (the pointer on the Check tab), so a click shows it at once.
#[wasm_split(check_view, fallible, preload(preload_check_view))]
pub fn check_view() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <CheckView /> }.into_any())
}

/// "Where to put it" (`build_view::WhereSlot`): nothing above the fold needs it, and the static
/// copy shows it until this module is there.
#[wasm_split(where_panel, fallible)]
pub fn where_panel() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <SnippetsPanel /> }.into_any())
}

/// The footer's panels: preferences, sharing, privacy. Below the fold, and not in the static copy.
#[wasm_split(footer_panels, fallible)]
pub fn footer_panels() -> Result<AnyView, SplitLoaderError> {
    Ok(view! {
        <Deferred><Preferences /></Deferred>
        <Deferred><SharePanel /></Deferred>
        <Deferred><PrivacyPanel /></Deferred>
    }
    .into_any())
}

/// A split point's view, as [`SplitPart`] takes it: `|| Box::pin(check_view())`.
pub type SplitLoad = fn() -> Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// Shows the view a split point returns once its module is there, "Loading…" while it is
/// fetched (a module already fetched shows at once, without it), and a way to try again if it
/// cannot be fetched. A `late` part is fetched only after the start's first step, and the start
/// waits for it before it is over (`late_part`); a `quiet` one shows nothing while it loads.
///
/// `load` is a plain function pointer returning a boxed future, not a generic: each generic
/// instantiation of this component and its `Suspense` cost about 2.5 KB of the main module.
#[component]
pub fn SplitPart(load: SplitLoad, #[prop(optional)] late: bool, #[prop(optional)] quiet: bool) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    // Counted once: a retry after a failure is not part of the start. Dropped when the part
    // settles, or with the component if it goes first.
    let counted = StoredValue::new_local(late.then(super::late_part::expect).flatten());
    let part = move || {
        attempt.track();
        // The split point's future holds the page's loader state (not `Send`); the page has
        // one thread.
        let future = send_wrapper::SendWrapper::new(load());
        let gate = send_wrapper::SendWrapper::new(super::late_part::gate());
        Suspend::new(async move {
            if late {
                gate.await;
            }
            let result = future.await;
            counted.try_set_value(None);
            match result {
                Ok(view) => {
                    if late {
                        // Once shown (its parts mount in the tasks after): what the start could
                        // not replay into it (`late_part`).
                        super::next_task::next_task(|| super::deferred::after_deferred(super::late_part::replay_left_over));
                    }
                    view
                }
                Err(_) => view! {
                    <p class="part-failed" role="alert" data-testid="part-failed">
                        {tr(Key::PartFailed)}" "
                        <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>{tr(Key::PartRetry)}</button>
                    </p>
                }
                .into_any(),
            }
        })
    };
    view! {
        <Suspense fallback=move || (!quiet).then(|| view! { <p class="hint" role="status" data-testid="part-loading">{tr(Key::PartLoading)}</p> })>
            {part}
        </Suspense>
    }
}
