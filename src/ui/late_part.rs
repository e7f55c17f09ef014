//! The start's second step: the parts in wasm modules of their own ("Where to put it" and the
//! footer's panels, `split`), fetched only once the app has taken over the rest of the page.
//!
//! The first step swaps the app in for the static copy's header and registries and replays what
//! was typed there (`takeover`), while the static copy of "Where to put it" stays in place and
//! keeps taking input: the app's own panel mounts out of the page once its module is there,
//! then takes its place the same way (a second `takeover`). So the registries and the value
//! respond before the snippets' code has even been fetched, and nothing on screen moves (unless
//! the module cannot be fetched: "Try again" then takes the panel's place, and what was done in
//! it is replayed once the panel shows).
//!
//! Shapes: the app's panel is `div.where-slot > div.where-app > …`; the static copy's is the same
//! markup (it is the app's own render, `scripts/post_build.py`). Between the two steps the static
//! one sits in the app's slot, marked `data-static-part` (its clicks and edits are recorded,
//! `earlyEvents`), and the app's mounts out of the page.

use std::cell::{Cell, RefCell};
use std::future::Future;

use super::waiting::{open, Opened, Waiting};

use web_sys::Element;

thread_local! {
    /// The static copy's `.where-app`, from the mount until the first step.
    static OFFERED: RefCell<Option<Element>> = const { RefCell::new(None) };
    /// Between the two steps: the static part, in the app's slot, and the app's own part, out of
    /// the document (its radio buttons would otherwise join the static ones' groups, and
    /// checking its default would uncheck the user's choice in the static part).
    static HELD: RefCell<Option<(Element, Element)>> = const { RefCell::new(None) };
    /// What was done in the static part that the second step could not replay (the Build view
    /// was left, or the module could not be fetched): replayed into the app's panel once shown.
    static LEFT_OVER: RefCell<Option<super::takeover::Carried>> = const { RefCell::new(None) };
    /// Late parts created during the start that have not settled (shown, or failed to fetch).
    static PENDING: Cell<u32> = const { Cell::new(0) };
    /// What waits for the late parts to settle ([`after_mounted`]).
    static WHEN_SETTLED: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
    /// Whether the start's first step is done, and the fetches that wait for it.
    static GATE: Waiting = const { RefCell::new((false, Vec::new())) };
}

/// Offers the static copy's part for the first step to keep (before the app is mounted).
pub fn offer(static_copy: &Element) {
    let part = static_copy.query_selector(".where-slot > .where-app").ok().flatten();
    OFFERED.with(|o| *o.borrow_mut() = part);
}

/// The static part offered, if any.
pub fn offered() -> Option<Element> {
    OFFERED.with(|o| o.borrow().clone())
}

/// The first step: when the static copy offered its part and the app shows the slot (`host`,
/// the app's render, not yet in the page), the static part takes the app's part's place, and
/// the app's is held out of the page. Returns the static part.
pub fn keep_static_part(host: &Element) -> Option<Element> {
    let part = OFFERED.with(|o| o.borrow_mut().take())?;
    let app_part = host.query_selector(".where-slot > .where-app").ok().flatten()?;
    let _ = part.set_attribute("data-static-part", "");
    let _ = app_part.replace_with_with_node_1(&part);
    HELD.with(|h| *h.borrow_mut() = Some((part.clone(), app_part)));
    Some(part)
}

/// The second step's two parts (static, app's), once: `None` when the first step kept none.
pub fn take_held() -> Option<(Element, Element)> {
    HELD.with(|h| h.borrow_mut().take())
}

/// The app's state was reset (Clear all, a shared setup applied): what was done in the static
/// part before now is void, and so is what was left over (`takeover::reset_part`).
pub fn reset_static_part() {
    if let Some((part, _)) = HELD.with(|h| h.borrow().clone()) {
        super::takeover::reset_part(&part);
    }
    LEFT_OVER.with(|l| l.borrow_mut().take());
}

/// Keeps what the second step could not replay, for [`replay_left_over`].
pub fn leave_over(carried: super::takeover::Carried) {
    LEFT_OVER.with(|l| *l.borrow_mut() = Some(carried));
}

/// Replays what was left over into the app's "Where to put it", if it is shown now (called
/// whenever a late part has been shown).
pub fn replay_left_over() {
    let Some(carried) = LEFT_OVER.with(|l| l.borrow_mut().take()) else { return };
    let shown = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".where-slot > .where-app").ok().flatten())
        .filter(|part| part.query_selector("section.where-panel").ok().flatten().is_some());
    match shown {
        Some(part) => leptos::task::spawn_local(carried.replay(part)),
        None => leave_over(carried),
    }
}

/// Counts a late part created now, if the start is not over: the start waits until the guard
/// is dropped (the part is shown, failed to fetch, or was unmounted first).
pub fn expect() -> Option<Counted> {
    if !starting() {
        return None;
    }
    PENDING.with(|p| p.set(p.get() + 1));
    Some(Counted)
}

/// A late part the start waits for; see [`expect`].
pub struct Counted;

impl Drop for Counted {
    fn drop(&mut self) {
        let left = PENDING.with(|p| {
            p.set(p.get().saturating_sub(1));
            p.get()
        });
        if left == 0 {
            let waiting = WHEN_SETTLED.with(|w| std::mem::take(&mut *w.borrow_mut()));
            waiting.into_iter().for_each(|then| then());
        }
    }
}

thread_local! {
    /// Whether the start is over (every part mounted), and what waits for that.
    static FINISHED: Waiting = const { RefCell::new((false, Vec::new())) };
}

fn starting() -> bool {
    !FINISHED.with(|f| f.borrow().0)
}

/// The start is over: late parts made from now on are not waited for.
pub fn finish_start() {
    open(&FINISHED);
}

/// Resolves once the start is over: every part mounted, and every file it needs fetched (the
/// service worker registers then, so its precache finds them in the HTTP cache instead of
/// fetching them beside the page).
pub fn start_finished() -> impl Future<Output = ()> {
    Opened(&FINISHED)
}

/// Lets the late parts' fetches begin (the first step is done).
pub fn open_gate() {
    open(&GATE);
    // The texts the late parts show, fetched now so they are there when the modules are.
    leptos::task::spawn_local(async {
        super::i18n::late_texts().await;
    });
}

/// Resolves once [`open_gate`] has been called.
pub fn gate() -> impl Future<Output = ()> {
    Opened(&GATE)
}

thread_local! {
    /// What holds the first step's swap back (a share link opened at start, `share_link`), and
    /// whether it is released.
    static FIRST_STEP_HOLDS: Cell<u32> = const { Cell::new(0) };
    static FIRST_STEP_RELEASED: Waiting = const { RefCell::new((false, Vec::new())) };
}

/// Holds the first step's swap until the returned guard is dropped, so what it waits for (a
/// share link's setup) is in the app the moment it is shown, not a change after it.
pub fn hold_first_step() -> FirstStepHeld {
    FIRST_STEP_HOLDS.with(|h| h.set(h.get() + 1));
    FirstStepHeld
}

/// See [`hold_first_step`].
pub struct FirstStepHeld;

impl Drop for FirstStepHeld {
    fn drop(&mut self) {
        if FIRST_STEP_HOLDS.with(|h| h.replace(h.get().saturating_sub(1))) <= 1 {
            open(&FIRST_STEP_RELEASED);
        }
    }
}

/// Resolves once nothing holds the first step ([`hold_first_step`]).
pub fn first_step_released() -> impl Future<Output = ()> {
    if FIRST_STEP_HOLDS.with(Cell::get) == 0 {
        open(&FIRST_STEP_RELEASED);
    }
    Opened(&FIRST_STEP_RELEASED)
}

/// Runs `then` once every late part counted during the start has settled and every part it
/// brought has mounted (`deferred`). Nothing runs while a module is on its way.
pub fn after_mounted(then: impl FnOnce() + 'static) {
    if PENDING.with(Cell::get) == 0 {
        // A part shows in the microtasks after it settles; each check is a task later.
        super::deferred::after_deferred(then);
    } else {
        WHEN_SETTLED.with(|w| w.borrow_mut().push(Box::new(move || after_mounted(then))));
    }
}
