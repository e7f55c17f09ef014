//! The parts below the value (the panel "Where to put it", the share link) follow the rows once
//! typing pauses and the browser is idle, not in the keystroke's task.
//!
//! A keystroke's frame holds what the user is looking at: the row typed in and the value beside
//! it. The parts below read the whole setup, so with many registries recomputing them in the
//! keystroke's task delayed that frame (BENCHMARKS.md, Typing: "Where to put it" follows when
//! idle). They read settled copies of the setup and the output instead, brought up to date
//! together once typing pauses, in an idle callback (`idle`). (The options and the situation
//! they read live: those are not typed into a row.)
//!
//! The setup exists only as these copies: it is computed from the form when they are brought up
//! to date (at each change with up to 10 registries, at the pause from 11), not at every
//! keystroke (BENCHMARKS.md, "Typing: the setup only when it settles").
//!
//! Only from [`IDLE_FROM_REGISTRIES`] registries on: with fewer, the update is small and
//! follows in the change's own task, so whatever reads the page right after an input (a
//! script, a test) finds every part current.

use leptos::prelude::*;
use registry_auth::config_builder::Generated;
use registry_auth::setup::Setup;

use super::state::{setup, FormStore, FormStoreFields, SetupWithoutCredentials};

/// The registry count from which the settled copies wait for a pause and idle ("Where to put
/// it"'s table and `docker login` lines grow with the registries; at 50, recomputing them took
/// 10–14 ms of a keystroke's frame at 4× CPU, BENCHMARKS.md).
pub const IDLE_FROM_REGISTRIES: usize = 11;

/// The settled copies, made once by the app ([`provide`]).
#[derive(Clone, Copy)]
pub struct Settled {
    /// Counts the updates: a part that reads the form itself at an update tracks this.
    pub version: ReadSignal<u32>,
    pub setup: Memo<Setup>,
    pub without_credentials: Memo<Setup>,
    pub generated: Memo<Generated>,
}

/// Makes the settled copies of the setup (from `form`) and of `live_generated`, provides them
/// as [`Settled`], and keeps them following the form.
pub fn provide(form: FormStore, live_generated: Memo<Generated>) {
    let version = RwSignal::new(0u32);
    // Each reads the form or the live memo untracked: only `version` wakes it, and an equal
    // value stops there.
    let settled_setup = Memo::new(move |_| {
        version.track();
        untrack(|| setup(form))
    });
    let generated = Memo::new(move |_| {
        version.track();
        live_generated.get_untracked()
    });
    let without_credentials = Memo::new(move |_| settled_setup.with(Setup::without_credentials));
    provide_context(Settled { version: version.read_only(), setup: settled_setup, without_credentials, generated });
    // Any change to the form (the store's root is notified by every write below it), tracked
    // without computing anything from it. Its first run too: the form may have changed between
    // the mount and this effect's start.
    Effect::new(move |_| {
        form.track();
        let now = form.entries().with_untracked(Vec::len) < IDLE_FROM_REGISTRIES;
        super::idle::schedule(now, move || {
            let _ = version.try_update(|v| *v = v.wrapping_add(1));
            // Brought up to date now, read or not: a copy no view reads (the Check view is
            // shown) would keep the old output, secrets included, until it is next read (the
            // copy without credentials too: a registry address can hold `user:token@`).
            settled_setup.try_with_untracked(|_| ());
            without_credentials.try_with_untracked(|_| ());
            generated.try_with_untracked(|_| ());
        });
    });
}

/// Provides, to the calling component's children, the settled copies as `Memo<Setup>`,
/// [`SetupWithoutCredentials`] and `Memo<Generated>` (the last shadowing the app's live output),
/// the types those children read.
pub fn provide_to_children() {
    let settled = expect_context::<Settled>();
    provide_context(settled.setup);
    provide_context(SetupWithoutCredentials(settled.without_credentials));
    provide_context(settled.generated);
}
