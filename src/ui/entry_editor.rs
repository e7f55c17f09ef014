//! One registry row: where, how it authenticates, and what the core made of it.

use leptos::prelude::*;

use super::copy_button::CopyButton;
use super::findings_list::{finding_ids, FindingsList};
use super::i18n::{tr, use_i18n};
use super::state::{AppState, EntryState, OTHER_HELPER};
use super::text_field::TextField;
use crate::texts::topics;
use crate::texts::Key;
use registry_auth::config_builder::Generated;
use registry_auth::credential_helper::HELPER_PRESETS;
use registry_auth::findings::Finding;
use registry_auth::presets::{looks_like_gitlab, GitLabToken, Preset, PRESETS};
use registry_auth::setup::CredentialKind;

#[component]
pub fn EntryEditor(entry: EntryState) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<AppState>();
    let generated = expect_context::<Memo<Generated>>();
    let id = entry.id;
    let index = Memo::new(move |_| state.entries.with(|list| list.iter().position(|e| e.id == id)).unwrap_or(0));
    let output = Memo::new(move |_| generated.with(|g| g.entries.get(index.get()).cloned()));
    let findings = Signal::derive(move || {
        let at = index.get();
        generated.with(|g| g.findings.iter().filter(|f| f.entry == Some(at)).cloned().collect::<Vec<Finding>>())
    });
    let prefix = format!("entry-{id}");
    let findings_prefix = format!("{prefix}-finding");
    let described_by = {
        let findings_prefix = findings_prefix.clone();
        Signal::derive(move || finding_ids(&findings_prefix, findings.with(Vec::len)))
    };
    let has_error = Signal::derive(move || findings.with(|f| f.iter().any(|f| f.severity == registry_auth::findings::Severity::Error)));
    let key_text = move || output.get().and_then(|o| o.key.ok()).map(|k| k.key).unwrap_or_default();
    let key_notes = move || {
        output
            .get()
            .and_then(|o| o.key.ok())
            .map(|k| k.notes.iter().map(|n| i18n.t(topics::key_note(*n))).collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    let auth = move || output.get().and_then(|o| o.auth);
    let kind_id = format!("{prefix}-kind");
    let helper_id = format!("{prefix}-helper");
    let namespace_id = format!("{prefix}-namespace");
    let auth_id = format!("{prefix}-auth");
    let preset_id = format!("{prefix}-preset");
    let apply_preset = move |id: String| {
        if let Some(preset) = Preset::find(&id) {
            entry.load(&preset.apply(&entry.to_entry()));
        }
    };
    let is_gitlab = move || entry.kind.get() == CredentialKind::Basic && looks_like_gitlab(&entry.registry.get());
    let token = move || GitLabToken::parse(&entry.gitlab_token.get());
    let auth_copy_label = Signal::derive(move || i18n.fill(Key::CopyAuth, &[("n", &(index.get() + 1).to_string())]));

    view! {
        <fieldset class="entry">
            <legend>{move || i18n.fill(Key::RegistryN, &[("n", &(index.get() + 1).to_string())])}</legend>
            <div class="pair">
            <div class="field">
                <label for=preset_id.clone()>{tr(Key::Preset)}</label>
                <select id=preset_id on:change=move |ev| apply_preset(event_target_value(&ev))>
                    <option value="">{tr(Key::PresetChoose)}</option>
                    {PRESETS.iter().map(|p| view! { <option value=p.id.as_str()>{move || i18n.t(topics::preset(p.id))}</option> }).collect_view()}
                </select>
            </div>
            <TextField id=format!("{prefix}-registry") label=Key::Registry value=entry.registry placeholder="registry.example.com:5000" />
            </div>
            <div class="key-line">
                <span class="key-label">{tr(Key::Key)}</span>
                <code data-testid="registry-key">{key_text}</code>
                <span class="key-notes">{key_notes}</span>
            </div>
            <div class="field field-check">
                <input type="checkbox" id=namespace_id.clone() prop:checked=move || entry.keep_namespace.get()
                    on:change=move |ev| entry.keep_namespace.set(event_target_checked(&ev)) />
                <label for=namespace_id>{tr(Key::KeepNamespace)}</label>
            </div>
            <div class="field">
                <label for=kind_id.clone()>{tr(Key::Credentials)}</label>
                <select id=kind_id
                    prop:value=move || entry.kind.get().as_str()
                    on:change=move |ev| entry.kind.set(CredentialKind::parse(&event_target_value(&ev)))>
                    <option value="basic">{tr(Key::KindBasic)}</option>
                    <option value="helper">{tr(Key::KindHelper)}</option>
                </select>
            </div>
            <Show
                when=move || entry.kind.get() == CredentialKind::Basic
                fallback=move || {
                    let helper_id = helper_id.clone();
                    let prefix = prefix.clone();
                    view! {
                        <div class="field">
                            <label for=helper_id.clone()>{tr(Key::Helper)}</label>
                            <select id=helper_id
                                prop:value=move || entry.helper_choice.get()
                                on:change=move |ev| entry.helper_choice.set(event_target_value(&ev))>
                                {HELPER_PRESETS.iter().map(|name| view! { <option value=*name>{*name}</option> }).collect_view()}
                                <option value=OTHER_HELPER>{tr(Key::HelperOther)}</option>
                            </select>
                        </div>
                        <Show when=move || entry.helper_choice.get() == OTHER_HELPER>
                            <TextField id=format!("{prefix}-helper-name") label=Key::HelperName value=entry.helper_other placeholder="ecr-login" />
                        </Show>
                    }
                }
            >
                <Show when=is_gitlab>
                    <div class="field">
                        <label for=format!("entry-{id}-token")>{tr(Key::TokenKind)}</label>
                        <select id=format!("entry-{id}-token")
                            prop:value=move || entry.gitlab_token.get()
                            on:change=move |ev| entry.gitlab_token.set(event_target_value(&ev))>
                            {GitLabToken::ALL.iter().map(|t| view! { <option value=t.id()>{move || i18n.t(topics::token(*t).0)}</option> }).collect_view()}
                        </select>
                        <p class="hint" data-testid="token-scopes">{move || i18n.t(topics::token(token()).1)}</p>
                        <p class="hint">{move || i18n.t(topics::token(token()).2)}</p>
                    </div>
                </Show>
                <div class="pair">
                    <TextField id=format!("entry-{id}-username") label=Key::Username value=entry.username described_by=described_by invalid=has_error />
                    <TextField id=format!("entry-{id}-secret") label=Key::Secret value=entry.secret secret=true described_by=described_by invalid=has_error />
                </div>
            </Show>
            <Show when=move || auth().is_some()>
                <div class="auth-line">
                    <span class="key-label">"auth"</span>
                    <code id=auth_id.clone() class="output-inline" tabindex="0" data-testid="auth-string">{move || auth().unwrap_or_default()}</code>
                    <CopyButton target=auth_id.clone() label=auth_copy_label />
                </div>
                <p class="hint">{tr(Key::AuthCommand)}" "<code>"printf '%s' \"$REGISTRY_USER:$REGISTRY_TOKEN\" | base64 -w 0"</code>" "{tr(Key::AuthCommandMac)}" "<code>"… | base64 | tr -d '\\n'"</code></p>
            </Show>
            <FindingsList findings=findings testid="finding" id_prefix=findings_prefix.clone() />
            <button type="button" class="remove" on:click=move |_| state.remove_entry(id)>{tr(Key::RemoveRegistry)}</button>
        </fieldset>
    }
}
