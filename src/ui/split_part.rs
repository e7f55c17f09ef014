//! The component that shows a split point's view (`split`, `share_link`): "Loading…" while its
//! module (and, for a part that shows them, the texts of `texts::LATE`) is fetched, the view once
//! it is there, and a way to try again if it cannot be.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use wasm_split_helpers::SplitLoaderError;

use super::i18n::tr;
use crate::texts::Key;

/// A split point's view, as [`SplitPart`] takes it: `|| Box::pin(check_view())`.
pub type SplitLoad = fn() -> Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// Shows the view a split point returns once its module is there, "Loading…" while it is
/// fetched (a module already fetched shows at once, without it), and a way to try again if it
/// cannot be fetched. A `late` part is fetched only after the start's first step, and the start
/// waits for it before it is over (`late_part`); a `quiet` one shows nothing while it loads.
///
/// `load` is a plain function pointer returning a boxed future, not a generic: each generic
/// instantiation of this component and its `Suspense` cost about 2.5 KB of the main module.
#[component]
pub fn SplitPart(
    load: SplitLoad,
    #[prop(optional)] late: bool,
    #[prop(optional)] quiet: bool,
    /// Whether the part shows texts of `texts::LATE` (the snippets, the resolver): it then waits
    /// for them too.
    #[prop(optional)]
    late_texts: bool,
) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    // Counted once: a retry after a failure is not part of the start. Dropped when the part
    // settles, or with the component if it goes first.
    let counted = StoredValue::new_local(late.then(super::late_part::expect).flatten());
    let part = move || {
        attempt.track();
        // The split point's future holds the page's loader state (not `Send`); the page has
        // one thread.
        let future = send_wrapper::SendWrapper::new(load());
        let gate = send_wrapper::SendWrapper::new(super::late_part::gate());
        Suspend::new(async move {
            if late {
                gate.await;
            }
            // The English texts only these parts show (`texts::LATE`), before the module's view
            // is made: a view is never made and then dropped for want of its texts (one did, and
            // its idle work then stopped the wasm). The late parts' texts and modules are
            // fetched side by side from the gate (`late_part::open_gate`, `ui::mount`).
            if late_texts && !send_wrapper::SendWrapper::new(super::i18n::late_texts()).await {
                counted.try_set_value(None);
                return failed(attempt);
            }
            let result = future.await;
            counted.try_set_value(None);
            match result.ok() {
                Some(view) => {
                    if late {
                        // Once shown (its parts mount in the tasks after): what the start could
                        // not replay into it (`late_part`).
                        super::next_task::next_task(|| super::deferred::after_deferred(super::late_part::replay_left_over));
                    }
                    view
                }
                None => failed(attempt),
            }
        })
    };
    view! {
        <Suspense fallback=move || (!quiet).then(|| view! { <p class="hint" role="status" data-testid="part-loading">{tr(Key::PartLoading)}</p> })>
            {part}
        </Suspense>
    }
}

/// What shows when a part's module or its texts cannot be fetched: a message and Try again.
fn failed(attempt: RwSignal<u32>) -> AnyView {
    view! {
        <p class="part-failed" role="alert" data-testid="part-failed">
            {tr(Key::PartFailed)}" "
            <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>{tr(Key::PartRetry)}</button>
        </p>
    }
    .into_any()
}
