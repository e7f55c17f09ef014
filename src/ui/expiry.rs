//! When a credential, or the whole value, stops working (`registry_auth::lifetime`): a line with
//! `data-expires` (ISO 8601 UTC, or `job`), shown only for credentials that expire.

use leptos::prelude::*;
use registry_auth::lifetime::Lifetime;

use super::i18n::use_i18n;
use crate::texts::Key;

/// `testid` is `credential-expiry` for one entry and `value-expiry` for the value.
#[component]
pub fn ExpiryLine(lifetime: Signal<Option<Lifetime>>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let value = testid == "value-expiry";
    move || {
        lifetime.get().map(|lifetime| {
            let text = match lifetime {
                Lifetime::At(unix) => {
                    let date = registry_auth::lifetime::iso8601(unix);
                    i18n.fill(
                        if value { Key::ValueExpiresAt } else { Key::ExpiresAt },
                        &[("date", &date.replace('T', " ").replace('Z', ""))],
                    )
                }
                Lifetime::Job => i18n.t(if value { Key::ValueExpiresJob } else { Key::ExpiresJob }).to_owned(),
                Lifetime::About(seconds) => {
                    let hours = (seconds / 3_600).max(1).to_string();
                    i18n.fill(if value { Key::ValueExpiresAbout } else { Key::ExpiresAbout }, &[("hours", &hours)])
                }
            };
            view! { <p class="hint expiry" data-testid=testid data-expires=lifetime.expires_attribute()>{text}</p> }
        })
    }
}
