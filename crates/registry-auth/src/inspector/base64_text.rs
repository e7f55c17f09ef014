//! Pasted base64: a Kubernetes `.dockerconfigjson` value (base64 of the JSON,
//! `docs/failure-modes.md#kubernetes-wrapping`) or a bare `auth` string.

use super::{entries, json, push, secret, ConfigFormat, Inspection};
use crate::findings::{FindingCode, Severity};
use crate::lenient_base64::base64_of_json;

/// A pasted base64 text: a `.dockerconfigjson` value, or a bare `auth` string.
pub(super) fn inspect_base64_text(decoded: &[u8], trimmed: &str, ins: &mut Inspection) {
    let text = String::from_utf8_lossy(decoded);
    // JSON, or base64 of it again (`docs/kubernetes.md#base64-where-json-belongs`).
    if text.trim_start().starts_with('{') || base64_of_json(&text).is_some() {
        ins.format = ConfigFormat::KubernetesDockerconfigjsonBase64;
        push(&mut ins.findings, FindingCode::K8sWrapped, Severity::Warning, None, "");
        secret::inspect_payload(&text, ".dockerconfigjson", ins);
    } else if let Some((user, _)) = text.split_once(':').filter(|(u, _)| !u.is_empty() && !u.contains(char::is_control)) {
        push(&mut ins.findings, FindingCode::BareAuthString, Severity::Info, None, user);
    } else if let Some(root) = json::parse_json(trimmed, ins) {
        entries::analyse_root(root, trimmed, ins);
    }
}
