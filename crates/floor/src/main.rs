//! A counter: what any Leptos 0.8 CSR app costs at least. It marks the same moments as the tool
//! (`app-start`, `app-ready`, `data-app-ready`) so the benchmark measures both alike.

use leptos::prelude::*;

#[component]
fn Counter() -> impl IntoView {
    let count = RwSignal::new(0);
    view! {
        <main>
            <h1>"Counter"</h1>
            <label for="step">"Step"</label>
            <input id="step" type="text" />
            <button type="button" on:click=move |_| count.update(|n| *n += 1)>"Add one"</button>
            <p data-testid="count">{move || count.get()}</p>
        </main>
    }
}

fn main() {
    let window = web_sys::window().expect("window");
    let performance = window.performance();
    if let Some(p) = &performance {
        let _ = p.mark("app-start");
    }
    leptos::mount::mount_to_body(Counter);
    if let Some(p) = &performance {
        let _ = p.mark("app-ready");
    }
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-app-ready", "");
    }
}
