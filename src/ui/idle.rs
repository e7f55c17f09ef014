//! One update waiting for the browser to be idle after the frame (`requestIdleCallback`, at the
//! latest after [`IDLE_TIMEOUT_MS`]; where the browser has none, a task after the next frame).
//! "Where to put it" follows the form this way (`settled`).
//!
//! Whatever must not wait brings it forward: Clear all, removing a registry and replacing the
//! rows with a loaded setup ([`at_once`]: a secret is wiped now, not after the frame), and a Copy
//! button ([`flush`]: what is copied is what the form says).

use std::cell::{Cell, RefCell};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The longest an update waits for the browser to be idle, in milliseconds (`timeout` of
/// `requestIdleCallback`): while typing never leaves the page idle, the panel still follows.
pub const IDLE_TIMEOUT_MS: u32 = 200;

thread_local! {
    /// The update waiting for the idle callback, if one is scheduled.
    static PENDING: RefCell<Option<Box<dyn FnOnce()>>> = const { RefCell::new(None) };
    /// The next update runs at once ([`at_once`]).
    static AT_ONCE: Cell<bool> = const { Cell::new(false) };
}

/// The change being made now is applied in the same task, with any update waiting. Called
/// before the form changes: the update is scheduled once the live memos have followed it.
pub fn at_once() {
    AT_ONCE.with(|flag| flag.set(true));
}

/// Runs the waiting update now, if there is one.
pub fn flush() {
    if let Some(update) = PENDING.with(|pending| pending.borrow_mut().take()) {
        update();
    }
}

/// Schedules `update` for when the browser is idle, or runs it now when `now` (or [`at_once`]
/// asked), dropping any update waiting; one at a time (a later change finds one waiting, which
/// will read the form as it is then).
pub fn schedule(now: bool, update: impl FnOnce() + 'static) {
    if AT_ONCE.with(|flag| flag.replace(false)) || now {
        PENDING.with(|pending| pending.borrow_mut().take());
        return update();
    }
    // The newest update replaces a waiting one (which may be a panel's that has since gone);
    // the callback already requested runs it.
    let waiting = PENDING.with(|pending| pending.borrow_mut().replace(Box::new(update)).is_some());
    if waiting {
        return;
    }
    let Some(window) = web_sys::window() else { return flush() };
    let idle_callbacks = js_sys::Reflect::has(&window, &"requestIdleCallback".into()).unwrap_or(false);
    if idle_callbacks {
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(IDLE_TIMEOUT_MS);
        if window.request_idle_callback_with_options(Closure::once_into_js(flush).unchecked_ref(), &options).is_ok() {
            return;
        }
    }
    // No idle callbacks (Safari): a task after the next frame.
    if window.request_animation_frame(Closure::once_into_js(|| super::next_task::next_task(flush)).unchecked_ref()).is_err() {
        flush();
    }
}
