//! The "Format: …" line of a pasted config, shared by the Check view and the merge panel.

use leptos::prelude::*;
use registry_auth::inspector::Inspection;

use super::i18n::{tr, use_i18n};
use crate::texts::topics;
use crate::texts::Key;

/// "Format: …" of a pasted config (`inspect-format`), for the config and each one merged in.
#[component]
pub fn FormatLine(inspection: Memo<Option<Inspection>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p data-testid="inspect-format">
            <span class="key-label">{tr(Key::InspectFormat)}</span>" "
            {move || inspection.with(|i| i.as_ref().map(|i| i18n.t(topics::format(i.format))).unwrap_or_default())}
        </p>
    }
}
