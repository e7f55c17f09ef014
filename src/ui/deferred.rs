//! Parts mounted one task later while the page starts. The start is then several short tasks
//! instead of one long one, so the page answers input sooner (Lighthouse's Total Blocking Time
//! counts each task's time over 50 ms). Nothing shows the gap: the prerendered copy stays in
//! place until every part of a step is mounted (`super::start`, `late_part`). Between the steps'
//! replays ([`mark_started`]) and once the start is over, a `Deferred` mounts its children at once.

use std::cell::Cell;

use leptos::prelude::*;

use super::next_task::next_task;

thread_local! {
    static STARTED: Cell<bool> = const { Cell::new(false) };
    /// Deferred parts whose task has not run yet.
    static PENDING: Cell<u32> = const { Cell::new(0) };
}

/// Called once every deferred part of the start has been mounted: from here a part mounts at
/// once (a replayed click brings its rows before the next step looks for them).
pub fn mark_started() {
    STARTED.with(|s| s.set(true));
}

/// Called when the start's second step begins (the parts in modules of their own, `late_part`):
/// they mount in tasks of their own again, until [`mark_started`].
pub fn slice_again() {
    STARTED.with(|s| s.set(false));
}

/// Runs `then` once every `Deferred` has mounted, those that mounting others brings along
/// included. Checked in a task of its own after each part's: a part mounts in its task's
/// microtasks, and a `Deferred` inside it is counted before the next check.
pub fn after_deferred(then: impl FnOnce() + 'static) {
    next_task(move || {
        if PENDING.with(Cell::get) == 0 {
            then();
        } else {
            after_deferred(then);
        }
    });
}

/// Mounts `children` in a task of their own while the page starts.
#[component]
pub fn Deferred(children: ChildrenFn) -> impl IntoView {
    if STARTED.with(Cell::get) {
        return children().into_any();
    }
    let shown = RwSignal::new(false);
    PENDING.with(|p| p.set(p.get() + 1));
    next_task(move || {
        shown.try_set(true);
        PENDING.with(|p| p.set(p.get().saturating_sub(1)));
    });
    (move || shown.get().then(|| children())).into_any()
}
