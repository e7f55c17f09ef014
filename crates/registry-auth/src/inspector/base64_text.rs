//! Pasted base64: a Kubernetes `.dockerconfigjson` value (base64 of the JSON,
//! `docs/failure-modes.md#kubernetes-wrapping`) or a bare `auth` string.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

use super::{entries, json, push, secret, ConfigFormat, Inspection};
use crate::findings::{FindingCode, Severity};

/// Base64 (whitespace ignored) to UTF-8 text.
pub(super) fn base64_text(text: &str) -> Option<String> {
    String::from_utf8(decode_lenient(text)?).ok()
}

pub(super) fn looks_like_base64(text: &str) -> bool {
    text.len() >= 4
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_') || b.is_ascii_whitespace())
}

/// Decodes standard or URL-safe base64, padded or not, whitespace ignored.
pub(super) fn decode_lenient(text: &str) -> Option<Vec<u8>> {
    const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    let mut compact = text.as_bytes().to_vec();
    compact.retain(|b| !b.is_ascii_whitespace());
    let standard = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
    let url_safe = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);
    standard.decode(&compact).or_else(|_| url_safe.decode(&compact)).ok()
}

/// A pasted base64 text: a `.dockerconfigjson` value, or a bare `auth` string.
pub(super) fn inspect_base64_text(decoded: &[u8], trimmed: &str, ins: &mut Inspection) {
    let text = String::from_utf8_lossy(decoded);
    // JSON, or base64 of it again (`docs/kubernetes.md#base64-where-json-belongs`).
    if text.trim_start().starts_with('{') || secret::base64_of_json(&text).is_some() {
        ins.format = ConfigFormat::KubernetesDockerconfigjsonBase64;
        push(&mut ins.findings, FindingCode::K8sWrapped, Severity::Warning, None, "");
        secret::inspect_payload(&text, ".dockerconfigjson", ins);
    } else if let Some((user, _)) = text.split_once(':').filter(|(u, _)| !u.is_empty() && !u.contains(char::is_control)) {
        push(&mut ins.findings, FindingCode::BareAuthString, Severity::Info, None, user);
    } else if let Some(root) = json::parse_json(trimmed, ins) {
        entries::analyse_root(root, trimmed, ins);
    }
}
