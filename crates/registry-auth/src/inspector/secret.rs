//! A whole Kubernetes Secret, JSON or YAML, of type `kubernetes.io/dockerconfigjson` (or
//! `dockercfg`): its `.dockerconfigjson` is unwrapped and inspected
//! (`docs/kubernetes.md#docker-registry-secrets`, `docs/failure-modes.md#kubernetes-wrapping`).

use super::json::Node;
use super::{base64_text, entries, json, push, Inspection};
use crate::findings::{FindingCode, Severity};
use crate::yaml_scalar::{indent, key_value, quoted};

/// The payload of a Secret: the JSON text, or why it could not be had.
pub(super) enum Payload {
    Json(String),
    Unreadable,
}

/// `data` / `stringData` `.dockerconfigjson` (or `.dockercfg`) of a Secret given as JSON.
pub(super) fn secret_json_payload(root: &Node) -> Option<Payload> {
    let Node::Object(fields) = root else { return None };
    let is_secret = fields.iter().any(|(k, v)| k == "kind" && matches!(v, Node::Str(s) if s == "Secret"))
        || fields.iter().any(|(k, _)| k == "data" || k == "stringData") && !fields.iter().any(|(k, _)| k.eq_ignore_ascii_case("auths"));
    if !is_secret {
        return None;
    }
    for (section, encoded) in [("data", true), ("stringData", false)] {
        let Some((_, Node::Object(items))) = fields.iter().find(|(k, _)| k == section) else { continue };
        for (key, value) in items {
            if key != ".dockerconfigjson" && key != ".dockercfg" {
                continue;
            }
            let Node::Str(text) = value else { return Some(Payload::Unreadable) };
            return Some(if encoded {
                base64_text::base64_text(text).map_or(Payload::Unreadable, Payload::Json)
            } else {
                Payload::Json(text.clone())
            });
        }
    }
    Some(Payload::Unreadable)
}

pub(super) fn looks_like_yaml_secret(text: &str) -> bool {
    text.contains(".dockerconfigjson")
        || text.contains(".dockercfg")
        || text.lines().any(|l| l.trim_start().starts_with("kind:") && l.contains("Secret"))
}

/// The `.dockerconfigjson` of a Secret in YAML, read line by line: plain, quoted or block
/// scalars, under `data:` (base64) or `stringData:` (the JSON itself).
pub(super) fn yaml_secret_payload(text: &str) -> Payload {
    let lines: Vec<&str> = text.lines().collect();
    for (index, line) in lines.iter().enumerate() {
        let line_indent = indent(line);
        let Some((key, rest)) = key_value(line.trim_start()) else { continue };
        if key != ".dockerconfigjson" && key != ".dockercfg" {
            continue;
        }
        // data: or stringData: is the nearest less-indented key above.
        let encoded = lines[..index]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty() && indent(l) < line_indent)
            .is_none_or(|l| !l.trim_start().starts_with("stringData"));
        let rest = rest.trim();
        let mut value = String::new();
        let block = rest.is_empty() || rest.starts_with(['|', '>']);
        if block {
            for next in &lines[index + 1..] {
                let c = next.trim_start();
                if !c.is_empty() && indent(next) <= line_indent {
                    break;
                }
                value.push_str(c);
                value.push('\n');
            }
        } else if rest.starts_with(['\'', '"']) {
            value = quoted(rest).unwrap_or_default();
        } else {
            value = rest.to_owned();
            // A plain scalar may go on over more-indented lines.
            for next in &lines[index + 1..] {
                let c = next.trim_start();
                if c.is_empty() || indent(next) <= line_indent {
                    break;
                }
                value.push_str(c);
            }
        }
        return if encoded { base64_text::base64_text(&value).map_or(Payload::Unreadable, Payload::Json) } else { Payload::Json(value) };
    }
    Payload::Unreadable
}

pub(super) fn inspect_payload(payload: Payload, ins: &mut Inspection) {
    push(&mut ins.findings, FindingCode::K8sWrapped, Severity::Warning, None, "");
    match payload {
        Payload::Json(json) => {
            if let Some(root) = json::parse_json(&json, ins) {
                entries::analyse_root(root, &json, ins);
            }
        }
        Payload::Unreadable => push(&mut ins.findings, FindingCode::K8sSecretUnreadable, Severity::Error, None, ""),
    }
}
