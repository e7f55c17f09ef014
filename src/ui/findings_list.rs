//! Renders findings: what is wrong, and one line on what to do.

use leptos::prelude::*;

use super::i18n::{use_i18n, I18n};
use crate::texts::topics;
use crate::texts::Key;
use registry_auth::findings::Finding;

/// The `{subject}` of a finding's text: a token kind named in words, the user or password of a
/// field finding in the page's language, else the subject as is (a key, a position, a field
/// name as written in JSON).
pub fn subject(i18n: I18n, finding: &Finding) -> String {
    let field = |key| i18n.t(key).to_owned();
    match (finding.token, finding.code, finding.subject.as_str()) {
        (Some(kind), ..) => i18n.t(topics::token_kind(kind).0).to_owned(),
        (None, code, "username") if code.names_a_field() => field(Key::SubjectUsername),
        (None, code, "password") if code.names_a_field() => field(Key::SubjectPassword),
        _ => finding.subject.clone(),
    }
}

/// A finding's `message` text with its placeholders filled: `{subject}`, `{detail}`, `{at}`.
pub fn finding_message(i18n: I18n, finding: &Finding, message: crate::texts::Text) -> String {
    let at = finding.at.map(|n| n.to_string()).unwrap_or_default();
    i18n.fill(message, &[("subject", &subject(i18n, finding)), ("detail", &finding.detail), ("at", &at)])
}

/// A list of findings. `testid` is `finding` for the generator and `inspect-finding` for the
/// inspector (ui-contract.md). `id_prefix` makes element ids for `aria-describedby`. With
/// `name_keys`, a finding about one entry starts with that entry's key, unless its text names it
/// already (a pasted config's findings are one list for all its entries).
#[component]
pub fn FindingsList(
    findings: Signal<Vec<Finding>>,
    testid: &'static str,
    id_prefix: String,
    #[prop(optional)] name_keys: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="findings" aria-live="polite">
            {move || {
                findings
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(n, finding)| {
                        let severity = finding.severity.as_str();
                        let (message, fix) = topics::finding(finding.code);
                        let message = finding_message(i18n, &finding, message);
                        let fix = finding_message(i18n, &finding, fix);
                        // What the recognised token kind needs (username, scopes, helper).
                        let advice = finding.token.map(|kind| i18n.t(topics::token_kind(kind).1));
                        let key = finding.key.clone().filter(|k| name_keys && *k != finding.subject);
                        view! {
                            <li
                                id=format!("{id_prefix}-{n}")
                                class=format!("finding finding-{severity}")
                                data-testid=testid
                                data-severity=severity
                                data-code=finding.code.as_str()
                                data-key=finding.key.clone()
                                data-token-kind=finding.token.map(|k| k.as_str())
                            >
                                <span class="finding-badge">{i18n.t(topics::severity(finding.severity))}</span>
                                {key.map(|k| view! { <code class="finding-key" data-testid="finding-key">{k}</code> })}
                                <span class="finding-message">{message}</span>
                                <span class="finding-fix">{fix}</span>
                                {advice.map(|a| view! { <span class="finding-advice" data-testid="finding-token-advice">{a}</span> })}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// Element ids of the findings a `FindingsList` with `id_prefix` renders, for `aria-describedby`.
pub fn finding_ids(id_prefix: &str, count: usize) -> String {
    (0..count).map(|n| format!("{id_prefix}-{n}")).collect::<Vec<_>>().join(" ")
}
