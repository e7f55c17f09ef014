//! "Where to put it" follows the form once typing pauses and the browser is idle, not in the
//! keystroke's task.
//!
//! A keystroke's frame holds what the user is looking at: the row typed in and the value beside
//! it. The panel below them (the variables table, the snippets, the keyless routes) reads the
//! whole setup, so with many registries recomputing it in the keystroke's task delayed that
//! frame (BENCHMARKS.md, Typing: "Where to put it" follows when idle). The panel reads settled
//! copies of the setup and the output instead, brought up to date once typing pauses, in an idle
//! callback (`idle`), all three in one update so the panel never mixes two states of the form.
//!
//! Only from [`IDLE_FROM_REGISTRIES`] registries on: with fewer, the panel's update is small
//! and follows in the change's own task, so whatever reads the page right after an input (a
//! script, a test) finds the panel current.

use leptos::prelude::*;
use registry_auth::config_builder::Generated;
use registry_auth::setup::Setup;

use super::state::SetupWithoutCredentials;

/// The registry count from which "Where to put it" waits for a pause and idle (its table and `docker login`
/// lines grow with the registries; at 50, recomputing them took 10–14 ms of a keystroke's frame
/// at 4× CPU, BENCHMARKS.md).
pub const IDLE_FROM_REGISTRIES: usize = 11;

/// Provides, to the calling component's children, settled copies of the app's `Memo<Setup>`,
/// [`SetupWithoutCredentials`] and `Memo<Generated>` (the same context types, so the children
/// read them as before).
pub fn provide_settled() {
    let live_setup = expect_context::<Memo<Setup>>();
    let live_generated = expect_context::<Memo<Generated>>();
    let version = RwSignal::new(0u32);
    // Each reads the live memo untracked: only `version` wakes it, and an equal value stops there.
    let setup = Memo::new(move |_| {
        version.track();
        live_setup.get_untracked()
    });
    let generated = Memo::new(move |_| {
        version.track();
        live_generated.get_untracked()
    });
    provide_context(setup);
    provide_context(SetupWithoutCredentials(Memo::new(move |_| setup.with(Setup::without_credentials))));
    provide_context(generated);
    // Its first run too: the form may have changed between the mount and this effect's start.
    Effect::new(move |_| {
        // `with`, not `track`: a stale memo is recomputed, so the change is seen.
        let now = live_setup.with(|s| s.entries.len() < IDLE_FROM_REGISTRIES);
        live_generated.with(|_| ());
        super::idle::schedule(now, move || {
            let _ = version.try_update(|v| *v = v.wrapping_add(1));
        });
    });
}
