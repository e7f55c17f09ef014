//! One update waiting for a pause in typing, then for the browser to be idle after the frame
//! (`requestIdleCallback`, at the latest after [`IDLE_TIMEOUT_MS`]; where the browser has none,
//! a task after the next frame). "Where to put it" and the share link follow the form this way
//! (`settled`).
//!
//! The pause first ([`QUIET_MS`], or [`MAX_WAIT_MS`] of typing without one): an update asked
//! for after every keystroke ran 4.5–5.5 ms of script at 4× CPU with 50 registries, and then the
//! frame it changed, between every two keystrokes 50–66 ms apart (BENCHMARKS.md, "Typing: the
//! panel below waits for a pause").
//!
//! The panel's settled copies, and the masked password rows it draws, keep a token the user
//! has since changed until the update runs: up to about 1.2 s while typing goes on.
//!
//! While an update waits, `<html>` carries `data-settling` (set when the first change starts
//! waiting, removed when the update has run; no style reads it), so a script or test can wait
//! for the state instead of a time.
//!
//! Whatever must not wait brings it forward: Clear all, removing a registry and replacing the
//! rows with a loaded setup ([`at_once`]: a secret is wiped now, not after the pause), and a Copy
//! button or `Export setup` ([`flush`]: what is copied or saved is what the form says).

use std::cell::{Cell, RefCell};
use std::time::Duration;

use leptos::prelude::set_timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How long the form must stay unchanged before the waiting update asks for an idle callback,
/// in milliseconds: longer than the gap between a fast typist's keys (50–150 ms).
pub const QUIET_MS: f64 = 300.0;
/// The longest the oldest waiting change waits for that pause, in milliseconds: typing without
/// a pause still brings the panel up to date this often.
pub const MAX_WAIT_MS: f64 = 1000.0;
/// The longest an update then waits for the browser to be idle, in milliseconds (`timeout` of
/// `requestIdleCallback`).
pub const IDLE_TIMEOUT_MS: u32 = 200;
/// The attribute `<html>` carries while an update waits.
pub const SETTLING_ATTRIBUTE: &str = "data-settling";

thread_local! {
    /// The update waiting for the pause and the idle moment, if one is scheduled.
    static PENDING: RefCell<Option<Box<dyn FnOnce()>>> = const { RefCell::new(None) };
    /// The next update runs at once ([`at_once`]).
    static AT_ONCE: Cell<bool> = const { Cell::new(false) };
    /// When the form last changed (milliseconds, [`now_ms`]).
    static LAST_CHANGE: Cell<f64> = const { Cell::new(0.0) };
    /// When the oldest change still waiting was made (milliseconds, [`now_ms`]).
    static WAITING_SINCE: Cell<f64> = const { Cell::new(0.0) };
    /// A pause timer or an idle callback is on its way; it finds the newest update waiting.
    static ARMED: Cell<bool> = const { Cell::new(false) };
    /// How many waiting updates have run: an idle callback asked for before one of them ran
    /// (Copy, Clear all) must not run the next without its pause.
    static RUNS: Cell<u32> = const { Cell::new(0) };
}

/// The change being made now is applied in the same task, with any update waiting. Called
/// before the form changes: the update is scheduled once the live memos have followed it.
pub fn at_once() {
    AT_ONCE.with(|flag| flag.set(true));
    // A change that moved no memo (Clear all on a blank form) schedules nothing: the flag must
    // not carry over to a later keystroke.
    super::next_task::next_task(|| AT_ONCE.with(|flag| flag.set(false)));
}

/// Runs the waiting update now, if there is one.
pub fn flush() {
    if let Some(update) = PENDING.with(|pending| pending.borrow_mut().take()) {
        RUNS.with(|runs| runs.set(runs.get().wrapping_add(1)));
        mark_settling(false);
        update();
    }
}

/// Schedules `update` for a pause in typing and then an idle moment, or runs it now when `now`
/// (or [`at_once`] asked), dropping any update waiting; one at a time (a later change replaces
/// the one waiting, which would have read the form as it is then anyway).
pub fn schedule(now: bool, update: impl FnOnce() + 'static) {
    if AT_ONCE.with(|flag| flag.replace(false)) || now {
        if PENDING.with(|pending| pending.borrow_mut().take()).is_some() {
            RUNS.with(|runs| runs.set(runs.get().wrapping_add(1)));
            mark_settling(false);
        }
        return update();
    }
    let time = now_ms().unwrap_or_default();
    LAST_CHANGE.with(|t| t.set(time));
    let waiting = PENDING.with(|pending| pending.borrow_mut().replace(Box::new(update)).is_some());
    if !waiting {
        WAITING_SINCE.with(|t| t.set(time));
        mark_settling(true);
    }
    if !ARMED.with(|armed| armed.replace(true)) {
        wait(QUIET_MS);
    }
}

fn wait(ms: f64) {
    set_timeout(after_wait, Duration::from_millis(ms.ceil().max(1.0) as u64));
}

/// The pause timer's end: waits again while the form changed less than [`QUIET_MS`] ago (up to
/// [`MAX_WAIT_MS`] since the oldest waiting change), else asks for the idle moment.
fn after_wait() {
    if PENDING.with(|pending| pending.borrow().is_none()) {
        // Run meanwhile (Copy, Clear all): nothing to do until the next change.
        ARMED.with(|armed| armed.set(false));
        return;
    }
    // Without a clock, the waits are over.
    let time = now_ms().unwrap_or(f64::INFINITY);
    let quiet_left = QUIET_MS - (time - LAST_CHANGE.with(Cell::get));
    let max_left = MAX_WAIT_MS - (time - WAITING_SINCE.with(Cell::get));
    if quiet_left > 0.0 && max_left > 0.0 {
        return wait(quiet_left.min(max_left));
    }
    let runs = RUNS.with(Cell::get);
    let Some(window) = web_sys::window() else { return run(runs) };
    let idle_callbacks = js_sys::Reflect::has(&window, &"requestIdleCallback".into()).unwrap_or(false);
    if idle_callbacks {
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(IDLE_TIMEOUT_MS);
        if window.request_idle_callback_with_options(Closure::once_into_js(move || run(runs)).unchecked_ref(), &options).is_ok() {
            return;
        }
    }
    // No idle callbacks (Safari): a task after the next frame.
    if window
        .request_animation_frame(Closure::once_into_js(move || super::next_task::next_task(move || run(runs))).unchecked_ref())
        .is_err()
    {
        run(runs);
    }
}

/// The page's monotonic clock (`performance.now()`, ms): a wall clock set back would hold the
/// update for as long as it went back.
fn now_ms() -> Option<f64> {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now())
}

/// The idle moment, asked for when `runs` updates had run: the update waiting, whichever is
/// newest by then. If the one it was asked for has run since (Copy, Clear all), what waits now
/// came after that and waits for its own pause.
fn run(runs: u32) {
    if RUNS.with(Cell::get) != runs {
        return after_wait();
    }
    ARMED.with(|armed| armed.set(false));
    flush();
}

/// Sets or removes [`SETTLING_ATTRIBUTE`] on `<html>`.
fn mark_settling(waiting: bool) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    let _ = if waiting { root.set_attribute(SETTLING_ATTRIBUTE, "") } else { root.remove_attribute(SETTLING_ATTRIBUTE) };
}
