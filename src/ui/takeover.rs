//! What the user did to the prerendered copy before the app ran, carried over to the app when
//! it takes the copy's place: nothing typed, ticked, chosen or clicked is lost (UI contract,
//! "Ready").
//!
//! The static copy is the app's own render of the landing view (`scripts/post_build.py`). Form
//! controls are matched by their `id`; buttons, `<details>` and the focus by their place among
//! the controls, and only when the app shows the same controls in the same order (an embedded
//! page, `?embed`, orders them differently). A classic script, the copy's first child, makes it
//! live before it is first painted, except under a share link, and records in order which of its
//! buttons were clicked and which controls were edited (`window.earlyEvents`: elements only,
//! never a value). Each change is replayed through the app's own handlers, the way a user's
//! input event reaches them, so no rule is repeated here, and in the order the user made them: a
//! control's final state takes the place of its last edit among the clicks, so typing after a
//! click on Clear all survives it and typing before it does not.

use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, EventInit, HtmlDetailsElement, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, NodeList,
};

/// Every element whose state the user can change, in document order, in the parts the static
/// copy holds (the page's header and main; the app's footer is not prerendered).
pub const CONTROLS: &str = ":is(header, main) :is(input, select, textarea, button, details)";
/// The same without "Where to put it" (`.where-slot`), which the start's second step takes over
/// (`late_part`): the first step leaves it to that one.
pub const CONTROLS_BEFORE_LATE: &str = ":is(header, main) :is(input, select, textarea, button, details):not(.where-slot *)";
/// Every control in a part taken over on its own (`late_part`).
pub const PART_CONTROLS: &str = ":is(input, select, textarea, button, details)";

enum Change {
    /// A text, password or textarea value.
    Text(String),
    /// A checkbox's state, or a radio button that became the chosen one.
    Checked(bool),
    /// A `<select>`'s chosen value.
    Chosen(String),
    /// A `<details>` opened or closed.
    Open(bool),
}

/// One thing to replay: a control's final state, or a click on a button (with its place among
/// all the recorded events, `RECORDED_AT`).
enum Step {
    Change(Change),
    Click(u32),
}

thread_local! {
    /// While a recorded click is replayed: its place among the recorded events. A reset of the
    /// part the first step left live ([`reset_part`]) then voids only what was done there before it.
    static REPLAYING_AT: std::cell::Cell<Option<u32>> = const { std::cell::Cell::new(None) };
}

/// The user's changes to the static copy, in the order to replay them: each with the control's
/// index in the order of the selector taken with (`selector`) and its `id` (empty when it has none).
pub struct Carried {
    /// Which controls were taken (one of the selectors above), to find the app's the same way.
    selector: &'static str,
    /// Each control's tag and id, in order: the app's must be the same for indexes to hold.
    layout: Vec<String>,
    steps: Vec<(u32, String, Step)>,
    /// The focused control, with its text selection (UTF-16 offsets).
    focus: Option<(u32, String, Option<u32>, Option<u32>)>,
}

fn controls(root: &Element, selector: &str) -> Option<NodeList> {
    root.query_selector_all(selector).ok()
}

fn layout(list: &NodeList) -> Vec<String> {
    (0..list.length())
        .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
        .map(|e| format!("{}#{}", e.tag_name(), e.id()))
        .collect()
}

/// A layout with the registry rows' ids made alike (`entry-7-registry` → `entry-#-registry`):
/// rows made again (Clear all, a removed row) have new ids in the same places.
fn shape(layout: &[String]) -> Vec<String> {
    layout
        .iter()
        .map(|control| match control.split_once("#entry-") {
            Some((tag, rest)) => format!("{tag}#entry-#{}", rest.trim_start_matches(|c: char| c.is_ascii_digit())),
            None => control.clone(),
        })
        .collect()
}

fn default_choice(select: &HtmlSelectElement) -> i32 {
    let options = select.options();
    (0..options.length()).find(|&i| options.item(i).is_some_and(|o| o.has_attribute("selected"))).map_or(0, |i| i as i32)
}

/// The static copy's recorded events (`window.earlyEvents`): `[kind, element]` pairs, with the
/// event's place among all recorded before the first step as a third item once [`take`] has run.
fn recorded_events() -> Option<js_sys::Array> {
    web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &"earlyEvents".into()).ok()).and_then(|a| a.dyn_into::<js_sys::Array>().ok())
}

/// A recorded event's place (see [`recorded_events`]); one recorded since is the newest.
fn place_of(pair: &js_sys::Array) -> u32 {
    pair.get(2).as_f64().map_or(u32::MAX, |n| n as u32)
}

/// Leaves only `kept` among the recorded events.
fn keep_recorded(recorded: &js_sys::Array, kept: Vec<wasm_bindgen::JsValue>) {
    recorded.set_length(0);
    for event in kept {
        recorded.push(&event);
    }
}

/// Whether the user edited or clicked anything in the static copy (`earlyEvents` not empty):
/// read before [`take`] consumes them.
pub fn typed_before_start() -> bool {
    recorded_events().is_some_and(|a| a.length() > 0)
}

/// Reads what changed in the `selector` controls of `static_copy` since it was parsed, and
/// empties their text fields (a token typed there must not stay behind in the detached copy).
/// The recorded events of other controls stay recorded, for a later step (`late_part`).
pub fn take(static_copy: &Element, document: &web_sys::Document, selector: &'static str) -> Carried {
    let mut carried = Carried { selector, layout: Vec::new(), steps: Vec::new(), focus: None };
    let Some(list) = controls(static_copy, selector) else { return carried };
    carried.layout = layout(&list);
    let index_of = |node: &web_sys::Node| (0..list.length()).find(|&i| list.item(i).is_some_and(|n| n.is_same_node(Some(node))));
    // The recorded events, as (is a click, control index, place among all recorded), in order.
    let mut events: Vec<(bool, u32, u32)> = Vec::new();
    let recorded = recorded_events();
    if let Some(recorded) = &recorded {
        let mut others = Vec::new();
        for (place, event) in recorded.iter().enumerate() {
            let Ok(pair) = event.clone().dyn_into::<js_sys::Array>() else { continue };
            // Each event keeps its place among all those recorded before the first step (a third
            // item): a later step's reset compares with it.
            if pair.length() == 2 {
                pair.push(&(place as u32).into());
            }
            let click = pair.get(0).as_string().as_deref() == Some("click");
            let at = place_of(&pair);
            match pair.get(1).dyn_into::<web_sys::Node>().ok().and_then(|n| index_of(&n)) {
                Some(index) => events.push((click, index, at)),
                None => others.push(event),
            }
        }
        keep_recorded(recorded, others);
    }
    // Where each change goes: at its control's last edit, or before everything when the
    // browser changed it without an event the copy saw (autofill, a restored form).
    let last_edit = |index: u32| events.iter().rposition(|&(click, i, _)| !click && i == index);
    let mut changes: Vec<(Option<usize>, u32, String, Change)> = Vec::new();
    let focused = document.active_element();
    for index in 0..list.length() {
        let Some(node) = list.item(index) else { continue };
        let id = node.dyn_ref::<Element>().map(Element::id).unwrap_or_default();
        if focused.as_ref().is_some_and(|f| f.is_same_node(Some(&node))) {
            let range = node.dyn_ref::<HtmlInputElement>().map(|i| (i.selection_start().ok().flatten(), i.selection_end().ok().flatten()));
            let (start, end) = range.unwrap_or((None, None));
            carried.focus = Some((index, id.clone(), start, end));
        }
        if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
            match input.type_().as_str() {
                "checkbox" if input.checked() != input.default_checked() => {
                    changes.push((last_edit(index), index, id.clone(), Change::Checked(input.checked())))
                }
                // Only the newly chosen radio: its change event chooses it.
                "radio" if input.checked() && !input.default_checked() => {
                    changes.push((last_edit(index), index, id.clone(), Change::Checked(true)))
                }
                "checkbox" | "radio" => {}
                _ => {
                    let value = input.value();
                    if value != input.default_value() {
                        changes.push((last_edit(index), index, id.clone(), Change::Text(value)));
                    }
                    input.set_value("");
                }
            }
        } else if let Some(select) = node.dyn_ref::<HtmlSelectElement>() {
            if select.selected_index() != default_choice(select) {
                changes.push((last_edit(index), index, id.clone(), Change::Chosen(select.value())));
            }
        } else if let Some(textarea) = node.dyn_ref::<HtmlTextAreaElement>() {
            let value = textarea.value();
            if textarea.default_value().is_ok_and(|default| value != default) {
                changes.push((last_edit(index), index, id.clone(), Change::Text(value)));
            }
            textarea.set_value("");
        } else if let Some(details) = node.dyn_ref::<HtmlDetailsElement>() {
            if details.open() != details.has_attribute("open") {
                changes.push((last_edit(index), index, id.clone(), Change::Open(details.open())));
            }
        }
    }
    // Changes then clicks, each at its place in the recorded order (a sort that keeps ties in
    // the order given: a change at a click's place never happens, edits and clicks are distinct
    // events).
    let mut steps: Vec<(Option<usize>, u32, String, Step)> =
        changes.into_iter().map(|(at, index, id, change)| (at, index, id, Step::Change(change))).collect();
    for (at, &(click, index, recorded_at)) in events.iter().enumerate() {
        if click {
            let id = list.item(index).and_then(|n| n.dyn_into::<Element>().ok()).map(|e| e.id()).unwrap_or_default();
            steps.push((Some(at), index, id, Step::Click(recorded_at)));
        }
    }
    registry_auth::stable_sort::sort_by_key(&mut steps, |(at, ..)| *at);
    carried.steps = steps.into_iter().map(|(_, index, id, step)| (index, id, step)).collect();
    carried
}

fn dispatch(target: &Element, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = Event::new_with_event_init_dict(kind, &init) {
        let _ = target.dispatch_event(&event);
    }
}

impl Carried {
    /// Replays the changes on the app's render `host`, which must be in the document (the app's
    /// handlers listen there): changes and clicks in the order they happened, then the focus and
    /// caret. After a click the app's render settles (a task) before the next step, which then
    /// finds its control again: a click may have replaced it (Clear all makes new rows, with new
    /// ids, in the same places).
    pub async fn replay(self, host: Element) {
        let document = host.owner_document();
        let find = |index: u32, id: &str| -> Option<Element> {
            let by_id = (!id.is_empty())
                .then(|| document.as_ref().and_then(|d| d.get_element_by_id(id)).filter(|e| host.contains(Some(e))))
                .flatten();
            // Else by its place, when the app lists the same controls in the same order.
            by_id.or_else(|| {
                let list = controls(&host, self.selector)?;
                (shape(&layout(&list)) == shape(&self.layout))
                    .then(|| list.item(index).and_then(|n| n.dyn_into::<Element>().ok()))
                    .flatten()
            })
        };
        for (index, id, step) in self.steps {
            let Some(element) = find(index, &id) else { continue };
            let change = match step {
                Step::Change(change) => change,
                Step::Click(recorded_at) => {
                    if let Some(button) = element.dyn_ref::<HtmlElement>() {
                        REPLAYING_AT.with(|r| r.set(Some(recorded_at)));
                        button.click();
                        REPLAYING_AT.with(|r| r.set(None));
                    }
                    super::next_task::yield_task().await;
                    continue;
                }
            };
            match change {
                Change::Text(value) => {
                    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
                        input.set_value(&value);
                    } else if let Some(textarea) = element.dyn_ref::<HtmlTextAreaElement>() {
                        textarea.set_value(&value);
                    }
                    dispatch(&element, "input");
                }
                Change::Checked(checked) => {
                    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
                        input.set_checked(checked);
                        dispatch(&element, "change");
                    }
                }
                Change::Chosen(value) => {
                    if let Some(select) = element.dyn_ref::<HtmlSelectElement>() {
                        select.set_value(&value);
                        dispatch(&element, "change");
                    }
                }
                Change::Open(open) => {
                    if let Some(details) = element.dyn_ref::<HtmlDetailsElement>() {
                        details.set_open(open);
                    }
                }
            }
        }
        if let Some((index, id, start, end)) = self.focus {
            let element = find(index, &id);
            if let Some(element) = element.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                let _ = element.focus();
                if let (Some(input), Some(start), Some(end)) = (element.dyn_ref::<HtmlInputElement>(), start, end) {
                    let _ = input.set_selection_range(start, end);
                }
            }
        }
    }
}

/// The focused control inside `part` and its text selection, to give back after `part` moves
/// (moving an element out of the document takes its focus away).
pub struct HeldFocus(Option<(HtmlElement, Option<u32>, Option<u32>)>);

pub fn hold_focus(part: &Element, document: &web_sys::Document) -> HeldFocus {
    let focused = document.active_element().filter(|f| part.contains(Some(f))).and_then(|f| f.dyn_into::<HtmlElement>().ok());
    HeldFocus(focused.map(|element| {
        let range = element.dyn_ref::<HtmlInputElement>().map(|i| (i.selection_start().ok().flatten(), i.selection_end().ok().flatten()));
        let (start, end) = range.unwrap_or((None, None));
        (element, start, end)
    }))
}

impl HeldFocus {
    /// Focuses the control again, with its selection, without scrolling.
    pub fn restore(self) {
        let Some((element, start, end)) = self.0 else { return };
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
        if let (Some(input), Some(start), Some(end)) = (element.dyn_ref::<HtmlInputElement>(), start, end) {
            let _ = input.set_selection_range(start, end);
        }
    }
}

/// Resolves at once, or, while the pointer is pressed on the static copy (`window.earlyPress`,
/// set by its live script), once it is released: a swap between press and release would lose
/// the click (it fires only where both happened), which the copy records on release.
pub async fn after_release(document: &web_sys::Document) {
    let pressed = web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &"earlyPress".into()).ok()).is_some_and(|p| p.is_truthy());
    if !pressed {
        return;
    }
    // Tests wait for this: the swap waits for the release.
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark("swap-held");
    }
    let listeners = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let released = js_sys::Promise::new(&mut |resolve, _| {
        for kind in ["pointerup", "pointercancel"] {
            let resolve = resolve.clone();
            let listener = gloo_events::EventListener::once(document, kind, move |_| drop(resolve.call0(&wasm_bindgen::JsValue::NULL)));
            listeners.borrow_mut().push(listener);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(released).await;
    drop(listeners);
    // The click that ends the press is dispatched in the same task as the release; the swap
    // comes in a task after it.
    super::next_task::yield_task().await;
}

/// Voids what was done in `part` (a static part the first step left live) before now: the app's
/// state it stood for was reset (Clear all, a shared setup applied). Its controls go back to
/// their defaults, the app's render (`scripts/post_build.py`), and their recorded events go. While
/// the first step replays a recorded click, "now" is that click's place: what was done in `part`
/// after it stays.
pub fn reset_part(part: &Element) {
    let before = REPLAYING_AT.with(std::cell::Cell::get);
    let Some(list) = controls(part, PART_CONTROLS) else { return };
    // The controls edited after the replayed click.
    let mut edited_after: Vec<web_sys::Node> = Vec::new();
    let mut kept = Vec::new();
    if let Some(recorded) = &recorded_events() {
        for event in recorded.iter() {
            let Ok(pair) = event.clone().dyn_into::<js_sys::Array>() else { continue };
            let Ok(node) = pair.get(1).dyn_into::<web_sys::Node>() else { continue };
            if !part.contains(Some(&node)) {
                kept.push(event);
                continue;
            }
            if before.is_some_and(|before| place_of(&pair) > before) {
                edited_after.push(node);
                kept.push(event);
            }
        }
        keep_recorded(recorded, kept);
    }
    for index in 0..list.length() {
        let Some(node) = list.item(index) else { continue };
        // Done after the replayed click: it stays.
        if edited_after.iter().any(|n| n.is_same_node(Some(&node))) {
            continue;
        }
        if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
            match input.type_().as_str() {
                "checkbox" | "radio" => input.set_checked(input.default_checked()),
                _ => input.set_value(&input.default_value()),
            }
        } else if let Some(select) = node.dyn_ref::<HtmlSelectElement>() {
            select.set_selected_index(default_choice(select));
        } else if let Some(textarea) = node.dyn_ref::<HtmlTextAreaElement>() {
            if let Ok(default) = textarea.default_value() {
                textarea.set_value(&default);
            }
        } else if let Some(details) = node.dyn_ref::<HtmlDetailsElement>() {
            details.set_open(details.has_attribute("open"));
        }
    }
}

/// Forgets every recorded event (the start is over: nothing is left to carry over).
pub fn forget_recorded() {
    if let Some(recorded) = recorded_events() {
        recorded.set_length(0);
    }
}
