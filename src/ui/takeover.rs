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
const CONTROLS: &str = ":is(header, main) :is(input, select, textarea, button, details)";

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

/// One thing to replay: a control's final state, or a click on a button.
enum Step {
    Change(Change),
    Click,
}

/// The user's changes to the static copy, in the order to replay them: each with the control's
/// index in [`CONTROLS`] order and its `id` (empty when it has none).
pub struct Carried {
    /// Each control's tag and id, in order: the app's must be the same for indexes to hold.
    layout: Vec<String>,
    steps: Vec<(u32, String, Step)>,
    /// The focused control, with its text selection (UTF-16 offsets).
    focus: Option<(u32, String, Option<u32>, Option<u32>)>,
}

fn controls(root: &Element) -> Option<NodeList> {
    root.query_selector_all(CONTROLS).ok()
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

/// Whether the user edited or clicked anything in the static copy (`earlyEvents` not empty):
/// read before [`take`] consumes them.
pub fn typed_before_start() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"earlyEvents".into()).ok())
        .and_then(|a| a.dyn_into::<js_sys::Array>().ok())
        .is_some_and(|a| a.length() > 0)
}

/// Reads what changed in `static_copy` since it was parsed, and empties its text fields (a
/// token typed there must not stay behind in the detached copy).
pub fn take(static_copy: &Element, document: &web_sys::Document) -> Carried {
    let mut carried = Carried { layout: Vec::new(), steps: Vec::new(), focus: None };
    let Some(list) = controls(static_copy) else { return carried };
    carried.layout = layout(&list);
    let index_of = |node: &web_sys::Node| (0..list.length()).find(|&i| list.item(i).is_some_and(|n| n.is_same_node(Some(node))));
    // The recorded events, as (is a click, control index), in the order they happened.
    let mut events: Vec<(bool, u32)> = Vec::new();
    let recorded = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"earlyEvents".into()).ok())
        .and_then(|a| a.dyn_into::<js_sys::Array>().ok());
    if let Some(recorded) = &recorded {
        for event in recorded.iter() {
            let Ok(pair) = event.dyn_into::<js_sys::Array>() else { continue };
            let click = pair.get(0).as_string().as_deref() == Some("click");
            if let Some(index) = pair.get(1).dyn_into::<web_sys::Node>().ok().and_then(|n| index_of(&n)) {
                events.push((click, index));
            }
        }
        recorded.set_length(0);
    }
    // Where each change goes: at its control's last edit, or before everything when the
    // browser changed it without an event the copy saw (autofill, a restored form).
    let last_edit = |index: u32| events.iter().rposition(|&(click, i)| !click && i == index);
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
    for (at, &(click, index)) in events.iter().enumerate() {
        if click {
            let id = list.item(index).and_then(|n| n.dyn_into::<Element>().ok()).map(|e| e.id()).unwrap_or_default();
            steps.push((Some(at), index, id, Step::Click));
        }
    }
    steps.sort_by_key(|(at, ..)| *at);
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
                let list = controls(&host)?;
                (shape(&layout(&list)) == shape(&self.layout))
                    .then(|| list.item(index).and_then(|n| n.dyn_into::<Element>().ok()))
                    .flatten()
            })
        };
        for (index, id, step) in self.steps {
            let Some(element) = find(index, &id) else { continue };
            let change = match step {
                Step::Change(change) => change,
                Step::Click => {
                    if let Some(button) = element.dyn_ref::<HtmlElement>() {
                        button.click();
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
