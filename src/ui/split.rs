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
//! Shapes: every split point returns `Result<AnyView, SplitLoaderError>`; `split_part::SplitPart`
//! shows the view, or, when the module cannot be fetched (offline before the service worker cached
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

use leptos::prelude::*;
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use super::check_view::CheckView;
use super::deferred::Deferred;
use super::preferences::Preferences;
use super::privacy_panel::PrivacyPanel;
use super::share_panel::SharePanel;
use super::snippets_panel::SnippetsPanel;

/// The Check view: the inspector, the resolver and merging. `preload_check_view` fetches its
/// module without showing it (the pointer on the Check tab), so a click shows it at once.
#[wasm_split(check_view, fallible, preload(preload_check_view))]
pub fn check_view() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <CheckView /> }.into_any())
}

/// "Where to put it" (`build_view::WhereSlot`): nothing above the fold needs it, and the static
/// copy shows it until this module is there.
#[wasm_split(where_panel, fallible, preload(preload_where_panel))]
pub fn where_panel() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <SnippetsPanel /> }.into_any())
}

/// The footer's panels: preferences, sharing, privacy. Below the fold, and not in the static copy.
/// Also the service worker's registration, which waits for the start's end anyway.
#[wasm_split(footer_panels, fallible, preload(preload_footer_panels))]
pub fn footer_panels() -> Result<AnyView, SplitLoaderError> {
    if let Some(watch) = use_context::<super::service_worker::UpdateWatch>() {
        super::service_worker::register_when_started(watch);
    }
    Ok(view! {
        <Deferred><Preferences /></Deferred>
        <Deferred><SharePanel /></Deferred>
        <Deferred><PrivacyPanel /></Deferred>
    }
    .into_any())
}
