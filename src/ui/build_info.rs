//! "This copy" in the Privacy panel: the version, the source commit, and the SHA-256 of the
//! WebAssembly this page runs, computed here (SubtleCrypto) from the module's bytes, so a user can
//! compare it with a published `SHA256SUMS` (README, "Verify a copy"). Also the link to the
//! single-file build for machines with no network.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::i18n::{tr, use_i18n};
use crate::texts::Key;

/// The single-file build `scripts/post_build.py` writes beside `index.html`.
const OFFLINE_FILE: &str = "auth-config-builder-offline.html";

#[derive(Clone, PartialEq, Eq)]
enum Digest {
    Idle,
    Computing,
    Done { file: String, hex: String },
    Failed,
}

#[component]
pub fn BuildInfo() -> impl IntoView {
    let i18n = use_i18n();
    let digest = RwSignal::new(Digest::Idle);
    // Hashing fetches the module again (from the cache), so only when someone looks.
    let on_toggle = move |ev: web_sys::Event| {
        let open = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open());
        if open && digest.get_untracked() == Digest::Idle {
            digest.set(Digest::Computing);
            leptos::task::spawn_local(async move {
                let result = wasm_sha256().await.map_or(Digest::Failed, |(file, hex)| Digest::Done { file, hex });
                let _ = digest.try_set(result);
            });
        }
    };
    let commit = meta_content("source-commit").unwrap_or_else(|| "unknown".to_owned());
    // The single file is the page itself there: no link to itself.
    let single_file = meta_content("single-file").is_some();
    view! {
        <details class="build-info" on:toggle=on_toggle>
            <summary>{tr(Key::BuildHeading)}</summary>
            <dl>
                <dt>{tr(Key::BuildVersion)}</dt>
                <dd><code data-testid="build-version">{env!("CARGO_PKG_VERSION")}</code></dd>
                <dt>{tr(Key::BuildCommit)}</dt>
                <dd><code data-testid="build-commit">{commit}</code></dd>
                <dt>{tr(Key::BuildWasmSha256)}</dt>
                <dd>
                    <code class="hash" data-testid="wasm-sha256"
                        data-state=move || match digest.get() { Digest::Idle => "idle", Digest::Computing => "computing", Digest::Done { .. } => "done", Digest::Failed => "failed" }
                        data-file=move || match digest.get() { Digest::Done { file, .. } => file, _ => String::new() }>
                        {move || match digest.get() {
                            Digest::Done { hex, .. } => hex,
                            Digest::Failed => i18n.t(Key::BuildHashFailed).to_owned(),
                            Digest::Computing => i18n.t(Key::BuildHashing).to_owned(),
                            Digest::Idle => String::new(),
                        }}
                    </code>
                </dd>
            </dl>
            <p class="hint">{tr(Key::BuildVerify)}</p>
        </details>
        <Show when=move || !single_file>
            <p>
                <a href=format!("./{OFFLINE_FILE}") download=OFFLINE_FILE data-testid="offline-download">{tr(Key::OfflineDownload)}</a>
                " "<span class="hint">{tr(Key::OfflineHint)}</span>
            </p>
        </Show>
    }
}

fn meta_content(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document.query_selector(&format!("meta[name=\"{name}\"]")).ok()??;
    meta.get_attribute("content")
}

/// The module's file name and the hex SHA-256 of its bytes. The single file's boot script keeps
/// the bytes it instantiated (`window.wasmBytes`); a served page's module is fetched again from
/// its URL (the boot's `<meta name="wasm">`, or Trunk's preload link), which the browser or the
/// service worker answers with the bytes it loaded.
async fn wasm_sha256() -> Result<(String, String), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let document = window.document().ok_or(JsValue::NULL)?;
    let kept = js_sys::Reflect::get(&window, &JsValue::from_str("wasmBytes"))?;
    let (file, bytes) = if let Some(bytes) = kept.dyn_ref::<js_sys::Uint8Array>() {
        (String::new(), bytes.clone().unchecked_into::<js_sys::Object>())
    } else {
        let url = match document.query_selector("meta[name=\"wasm\"]")? {
            Some(meta) => meta.get_attribute("content"),
            None => document.query_selector("link[href$=\".wasm\"]")?.and_then(|link| link.get_attribute("href")),
        }
        .ok_or(JsValue::NULL)?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&url)).await?.dyn_into()?;
        if !response.ok() {
            return Err(JsValue::NULL);
        }
        let buffer = JsFuture::from(response.array_buffer()?).await?;
        // As SHA256SUMS names it: the path from the page's folder (`wasm-<hash>/…_bg.wasm`).
        let file = url.trim_start_matches("./").to_owned();
        (file, buffer.unchecked_into::<js_sys::Object>())
    };
    let subtle = window.crypto()?.subtle();
    let digest = JsFuture::from(subtle.digest_with_str_and_buffer_source("SHA-256", &bytes)?).await?;
    let hex = js_sys::Uint8Array::new(&digest).to_vec().iter().map(|b| format!("{b:02x}")).collect();
    Ok((file, hex))
}
