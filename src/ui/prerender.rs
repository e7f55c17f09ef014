//! Build-time prerendering support. `scripts/post_build.py` loads the built page once in a
//! headless browser with `?prerender` and keeps its markup as the static first paint. Form
//! state lives in DOM properties, which a markup dump does not keep; this copies them into the
//! attributes the static copy then shows (values, checked boxes, chosen options).

use wasm_bindgen::JsCast;

pub fn mirror_properties(document: &web_sys::Document) {
    let Ok(controls) = document.query_selector_all("input, select, textarea") else { return };
    for index in 0..controls.length() {
        let Some(node) = controls.item(index) else { continue };
        if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
            match input.type_().as_str() {
                "checkbox" | "radio" => {
                    if input.checked() {
                        let _ = input.set_attribute("checked", "");
                    }
                }
                _ => {
                    let _ = input.set_attribute("value", &input.value());
                }
            }
        } else if let Some(select) = node.dyn_ref::<web_sys::HtmlSelectElement>() {
            if let Some(option) = select.selected_index().try_into().ok().and_then(|i: u32| select.options().item(i)) {
                let _ = option.set_attribute("selected", "");
            }
        } else if let Some(textarea) = node.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            textarea.set_text_content(Some(&textarea.value()));
        }
    }
}
