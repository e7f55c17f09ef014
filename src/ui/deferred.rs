//! Parts below the fold mounted one task later while the page starts. The start is then
//! several short tasks instead of one long one, so the page answers input sooner (Lighthouse's
//! Total Blocking Time counts each task's time over 50 ms). Nothing shows the gap: the
//! prerendered copy stays in place until every part is mounted (`super::start`). Once the
//! page has started, a `Deferred` mounts its children at once.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::*;

thread_local! {
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// Called once every deferred part of the start has been mounted.
pub fn mark_started() {
    STARTED.with(|s| s.set(true));
}

/// Runs `then` after every `Deferred` mounted so far (timers with the same delay run in the
/// order they were set). A `Deferred` must not sit inside another one.
pub fn after_deferred(then: impl FnOnce() + 'static) {
    set_timeout(then, Duration::ZERO);
}

/// Mounts `children` in a task of their own while the page starts.
#[component]
pub fn Deferred(children: ChildrenFn) -> impl IntoView {
    if STARTED.with(Cell::get) {
        return children().into_any();
    }
    let shown = RwSignal::new(false);
    set_timeout(move || shown.set(true), Duration::ZERO);
    (move || shown.get().then(|| children())).into_any()
}
