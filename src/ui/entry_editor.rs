//! One registry row: where, how it authenticates, and what the core made of it.

use leptos::prelude::*;
use reactive_stores::{Field, KeyedSubfield};
use registry_auth::config_builder::EntryOutput;
use registry_auth::credential_helper::HELPER_PRESETS;
use registry_auth::findings::{EntryField, FindingCode, Severity};
use registry_auth::limits::{MAX_NAME_CHARS, MAX_SECRET_CHARS};
use registry_auth::presets::{looks_like_gitlab, GitLabToken, Preset, PRESETS};
use registry_auth::setup::CredentialKind;
use registry_auth::stray_characters::cleaned;
use strum::IntoEnumIterator;

use super::copy_button::CopyButton;
use super::expiry::ExpiryLine;
use super::findings_list::{finding_ids, FindingsList};
use super::i18n::{tr, use_i18n};
use super::row_outputs::RowOutput;
use super::shares::Shares;
use super::state::{remove_entry, EntryForm, EntryFormStoreFields, FormStore, FormStoreFields, OTHER_HELPER};
use super::text_field::TextField;
use crate::texts::{topics, Key};

/// What a row's selects and checkbox show (`EntryEditor`'s `controls`); the helper's select,
/// shown only for a helper row, reads the row itself.
#[derive(Clone, Copy, PartialEq, Default)]
struct RowControls {
    kind: CredentialKind,
    keep_namespace: bool,
    /// Basic credentials for a GitLab registry: the token's kind is asked.
    gitlab: bool,
    token: GitLabToken,
}

#[component]
pub fn EntryEditor(id: u32) -> impl IntoView {
    let i18n = use_i18n();
    let form = expect_context::<FormStore>();
    let entries: KeyedSubfield<_, _, u32, Vec<EntryForm>> = form.entries();
    let row: Field<EntryForm> = entries.at_key(id).into();
    // Every read of `row` goes through `try_`: when the row is removed, its last updates may
    // run after the key is gone, and a panic would stop the page.

    // This row's share of the output only: typing in another row does not wake this one.
    let share = expect_context::<Shares<u32, RowOutput>>().listen(id);
    let index = Memo::new(move |_| share.with(|s| s.as_ref().map_or(0, |s| s.index)));
    let output = Memo::new(move |_| share.with(|s| s.as_ref().and_then(|s| s.output.clone())));
    let findings = Memo::new(move |_| share.with(|s| s.as_ref().map(|s| s.findings.clone()).unwrap_or_default()));
    let prefix = format!("entry-{id}");
    let findings_prefix = format!("{prefix}-finding");
    let described_by = {
        let findings_prefix = findings_prefix.clone();
        Signal::derive(move || finding_ids(&findings_prefix, findings.with(Vec::len)))
    };
    let has_error = Signal::derive(move || findings.with(|f| f.iter().any(|f| f.severity == Severity::Error)));
    // Focusing a field, the user has reached it (and, at the password, the username before it).
    let reach = move |fields: &[EntryField]| {
        let missing = row.try_with(|e| fields.iter().any(|f| !e.reached(*f))).unwrap_or(false);
        if missing {
            row.update(|e| {
                for field in fields {
                    match field {
                        EntryField::Username => e.reached_username = true,
                        EntryField::Secret => e.reached_secret = true,
                    }
                }
            });
        }
    };
    let has_strays = Memo::new(move |_| {
        findings.with(|f| f.iter().any(|f| matches!(f.code, FindingCode::InvisibleCharacter | FindingCode::QuotedCredential)))
    });
    // The core's `cleaned`: the same correction the inspector's Fix makes.
    let remove_strays = move |_| {
        row.update(|e| {
            e.username = cleaned(&e.username);
            e.secret = cleaned(&e.secret);
        })
    };
    let key =
        move || output.with(|o| o.as_ref().and_then(|o: &EntryOutput| o.key.as_ref().ok().map(|k| k.key.clone()))).unwrap_or_default();
    let key_notes = move || {
        output.with(|o| {
            o.as_ref()
                .and_then(|o| o.key.as_ref().ok())
                .map(|k| k.notes.iter().map(|n| i18n.t(topics::key_note(*n))).collect::<Vec<_>>().join(" "))
                .unwrap_or_default()
        })
    };
    let auth = move || output.with(|o| o.as_ref().and_then(|o| o.auth.clone()));
    let apply_preset = move |preset_id: String| {
        if let Some(preset) = Preset::find(&preset_id) {
            row.update(|e| {
                let applied = preset.apply(&e.to_entry());
                e.load_preset(&applied);
            });
        }
    };
    // What the row's selects and checkbox show, as one memo: a keystroke in a text field leaves
    // it equal, so they are not set again (a `<select>` whose value is set re-selects its
    // option). One memo of a plain type: a store subfield per control cost 340 B more brotli.
    let controls = Memo::new(move |_| {
        row.try_with(|e| RowControls {
            kind: e.kind,
            keep_namespace: e.keep_namespace,
            gitlab: e.kind == CredentialKind::Basic && looks_like_gitlab(&e.registry),
            token: e.gitlab_token,
        })
        .unwrap_or_default()
    });
    let kind = move || controls.with(|c| c.kind);
    let is_basic = move || kind() == CredentialKind::Basic;
    let is_gitlab = move || controls.with(|c| c.gitlab);
    let token = move || controls.with(|c| c.token);
    let auth_copy_label = Signal::derive(move || i18n.fill(Key::CopyAuth, &[("n", &(index.get() + 1).to_string())]));
    let (kind_id, helper_id, namespace_id, auth_id, preset_id) = (
        format!("{prefix}-kind"),
        format!("{prefix}-helper"),
        format!("{prefix}-namespace"),
        format!("{prefix}-auth"),
        format!("{prefix}-preset"),
    );

    view! {
        <fieldset class="entry" id=format!("entry-{id}-group")>
            <legend>{move || i18n.fill(Key::RegistryN, &[("n", &(index.get() + 1).to_string())])}</legend>
            <div class="pair">
                <div class="field">
                    <label for=preset_id.clone()>{tr(Key::Preset)}</label>
                    <select id=preset_id on:change=move |ev| apply_preset(event_target_value(&ev))>
                        <option value="">{tr(Key::PresetChoose)}</option>
                        {PRESETS.iter().map(|p| view! { <option value=p.id.as_str()>{tr(topics::preset(p.id))}</option> }).collect_view()}
                    </select>
                </div>
                <TextField id=format!("entry-{id}-registry") label=Key::Registry value=row.registry().into() placeholder="registry.example.com:5000" max_chars=MAX_NAME_CHARS />
            </div>
            <div class="key-line">
                <span class="key-label">{tr(Key::Key)}</span>
                <code data-testid="registry-key">{key}</code>
                <span class="key-notes">{key_notes}</span>
            </div>
            <div class="field field-check">
                <input type="checkbox" id=namespace_id.clone() prop:checked=move || controls.with(|c| c.keep_namespace)
                    on:change=move |ev| row.keep_namespace().set(event_target_checked(&ev)) />
                <label for=namespace_id>{tr(Key::KeepNamespace)}</label>
            </div>
            <div class="field">
                <label for=kind_id.clone()>{tr(Key::Credentials)}</label>
                <select id=kind_id
                    prop:value=move || kind().as_str()
                    on:change=move |ev| { if let Ok(kind) = event_target_value(&ev).parse::<CredentialKind>() { row.kind().set(kind) } }>
                    <option value="basic">{tr(Key::KindBasic)}</option>
                    <option value="helper">{tr(Key::KindHelper)}</option>
                </select>
            </div>
            <Show
                when=is_basic
                fallback=move || {
                    let helper_id = helper_id.clone();
                    let prefix = prefix.clone();
                    view! {
                        <div class="field">
                            <label for=helper_id.clone()>{tr(Key::Helper)}</label>
                            <select id=helper_id
                                prop:value=move || row.try_with(|e| e.helper_choice.clone()).unwrap_or_default()
                                on:change=move |ev| row.helper_choice().set(event_target_value(&ev))>
                                {HELPER_PRESETS.iter().map(|name| view! { <option value=*name>{*name}</option> }).collect_view()}
                                <option value=OTHER_HELPER>{tr(Key::HelperOther)}</option>
                            </select>
                        </div>
                        <Show when=move || row.try_with(|e| e.helper_choice == OTHER_HELPER).unwrap_or_default()>
                            <TextField id=format!("{prefix}-helper-name") label=Key::HelperName value=row.helper_other().into() placeholder="ecr-login" max_chars=MAX_NAME_CHARS />
                        </Show>
                    }
                }
            >
                <Show when=is_gitlab>
                    <div class="field">
                        <label for=format!("entry-{id}-token")>{tr(Key::TokenKind)}</label>
                        <select id=format!("entry-{id}-token")
                            prop:value=move || token().id()
                            on:change=move |ev| {
                                let chosen = event_target_value(&ev);
                                if let Ok(token) = chosen.parse::<GitLabToken>() { row.gitlab_token().set(token); }
                            }>
                            {GitLabToken::iter().map(|t| view! { <option value=t.id()>{tr(topics::token(t).0)}</option> }).collect_view()}
                        </select>
                        <p class="hint" data-testid="token-scopes">{move || i18n.t(topics::token(token()).1)}</p>
                        <p class="hint">{move || i18n.t(topics::token(token()).2)}</p>
                    </div>
                </Show>
                <div class="pair">
                    <TextField id=format!("entry-{id}-username") label=Key::Username value=row.username().into() described_by=described_by invalid=has_error max_chars=MAX_NAME_CHARS
                        on_reach=Callback::new(move |_| reach(&[EntryField::Username])) />
                    <TextField id=format!("entry-{id}-secret") label=Key::Secret value=row.secret().into() secret=true described_by=described_by invalid=has_error max_chars=MAX_SECRET_CHARS
                        on_reach=Callback::new(move |_| reach(&[EntryField::Username, EntryField::Secret])) />
                </div>
            </Show>
            <Show when=move || auth().is_some()>
                <div class="auth-line">
                    <span class="key-label">"auth"</span>
                    <code id=auth_id.clone() class="output-inline" tabindex="0" data-testid="auth-string">{move || auth().unwrap_or_default()}</code>
                    <CopyButton target=auth_id.clone() label=auth_copy_label />
                </div>
                <p class="hint">{tr(Key::AuthCommand)}" "<code>"printf '%s' \"$REGISTRY_USER:$REGISTRY_TOKEN\" | base64 -w 0"</code><br/>{tr(Key::AuthCommandMac)}" "<code>"… | base64 | tr -d '\\n'"</code></p>
            </Show>
            <ExpiryLine lifetime=Signal::derive(move || output.with(|o| o.as_ref().and_then(|o| o.lifetime))) testid="credential-expiry" />
            <FindingsList findings=findings.into() testid="finding" id_prefix=findings_prefix.clone() />
            <Show when=move || has_strays.get()>
                <button type="button" data-testid="remove-strays" on:click=remove_strays>{tr(Key::RemoveStrays)}</button>
            </Show>
            <button type="button" class="remove" on:click=move |_| remove_entry(form, id)>{tr(Key::RemoveRegistry)}</button>
        </fieldset>
    }
}
