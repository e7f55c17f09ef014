//! JSON as Go's `encoding/json` reads it: the first value of the text, key order and repeated
//! keys kept (Go keeps the last), raw line breaks and lone surrogates reported and repaired so
//! the rest can still be inspected, and every error placed at a line and column.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::text_scan::{key_of_value_at, position_of};
use super::{push, Inspection};
use crate::findings::{FindingCode, Severity};

/// A JSON value. Numbers and booleans keep only their kind: no field of a config holds one.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    Null,
    Bool,
    Number,
    Str(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    pub(super) fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool => "boolean",
            Node::Number => "number",
            Node::Str(_) => "string",
            Node::Array(_) => "array",
            Node::Object(_) => "object",
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Bool)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Number)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Number)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Number)
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(entry) = map.next_entry::<String, Node>()? {
            items.push(entry);
        }
        Ok(Node::Object(items))
    }
}

/// Why the JSON could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsonProblem {
    RawNewline,
    InvalidEscape,
    LoneSurrogate,
    TooDeep,
    Other,
}

/// Reads the first JSON value of `text` the way Go's decoder does
/// (`docs/gitlab-runner.md#parsing-and-all-or-nothing`): trailing text is ignored but reported
/// (`docs/failure-modes.md#invalid-json-or-trailing-text`). A raw line break inside a string
/// (`docs/failure-modes.md#wrapped-base64`) and lone surrogate escapes are reported, then repaired (Go's
/// decoder turns a lone surrogate into U+FFFD) so the rest can still be inspected.
pub(super) fn parse_json(text: &str, ins: &mut Inspection) -> Option<Node> {
    match parse_first(text) {
        Ok((node, end)) => {
            note_trailing(text, end, ins);
            ins.readable = true;
            Some(node)
        }
        Err(err) => {
            let (problem, offset) = classify(text, &err);
            let (line, column) = position_of(text, offset);
            if problem != JsonProblem::LoneSurrogate {
                // Go's decoder accepts lone surrogates (as U+FFFD): not an error for the runner.
                // An earlier repair (`almost_json`) may have placed the first error already.
                ins.json_error.get_or_insert((line, column));
            }
            let code = match problem {
                // `docs/failure-modes.md#text-that-is-almost-json`: a Windows line ending inside auth.
                JsonProblem::RawNewline if is_carriage_return_in_auth(text, offset) => FindingCode::AuthCarriageReturn,
                JsonProblem::RawNewline => FindingCode::JsonRawNewline,
                JsonProblem::InvalidEscape => FindingCode::JsonInvalidEscape,
                JsonProblem::LoneSurrogate => FindingCode::JsonLoneSurrogate,
                JsonProblem::TooDeep => FindingCode::JsonTooDeep,
                JsonProblem::Other => FindingCode::JsonInvalid,
            };
            let severity = if problem == JsonProblem::LoneSurrogate { Severity::Warning } else { Severity::Error };
            push(&mut ins.findings, code, severity, None, &format!("{line}:{column}"));
            if !matches!(problem, JsonProblem::RawNewline | JsonProblem::LoneSurrogate) {
                return None;
            }
            let (repaired, problems) = repair_strings(text);
            // Report the other kind too when both occur.
            for (kind, offset) in problems {
                if kind != problem {
                    let (l, c) = position_of(text, offset);
                    let (code, severity) = match kind {
                        JsonProblem::RawNewline => {
                            ins.json_error.get_or_insert((l, c));
                            (FindingCode::JsonRawNewline, Severity::Error)
                        }
                        _ => (FindingCode::JsonLoneSurrogate, Severity::Warning),
                    };
                    if !ins.findings.iter().any(|f| f.code == code) {
                        push(&mut ins.findings, code, severity, None, &format!("{l}:{c}"));
                    }
                }
            }
            match parse_first(&repaired) {
                Ok((node, end)) => {
                    note_trailing(&repaired, end, ins);
                    ins.readable = true;
                    Some(node)
                }
                Err(_) => None,
            }
        }
    }
}

/// A raw `\r` at `offset`, inside the value of an `auth` field.
fn is_carriage_return_in_auth(text: &str, offset: usize) -> bool {
    text.as_bytes().get(offset) == Some(&b'\r') && key_of_value_at(text, offset).is_some_and(|k| k.eq_ignore_ascii_case("auth"))
}

fn parse_first(text: &str) -> Result<(Node, usize), serde_json::Error> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Node>();
    match stream.next() {
        Some(Ok(node)) => Ok((node, stream.byte_offset())),
        Some(Err(err)) => Err(err),
        // Only whitespace: the same error an empty document gives.
        None => serde_json::from_str::<Node>(text).map(|n| (n, text.len())),
    }
}

fn note_trailing(text: &str, end: usize, ins: &mut Inspection) {
    let rest = text.get(end..).unwrap_or_default();
    let skipped = rest.len() - rest.trim_start().len();
    if !rest.trim().is_empty() {
        let (line, column) = position_of(text, end + skipped);
        push(&mut ins.findings, FindingCode::JsonTrailingText, Severity::Warning, None, &format!("{line}:{column}"));
    }
}

/// The kind of a serde_json error and the byte offset of the offending character.
fn classify(text: &str, err: &serde_json::Error) -> (JsonProblem, usize) {
    let offset = offset_of(text, err.line(), err.column());
    let message = err.to_string();
    if message.starts_with("control character") {
        // serde_json points just past the control character.
        let at = offset.saturating_sub(1);
        let byte = text.as_bytes().get(at).copied();
        let problem = if matches!(byte, Some(b'\n' | b'\r')) { JsonProblem::RawNewline } else { JsonProblem::Other };
        return (problem, at);
    }
    let problem = if message.starts_with("recursion limit") {
        JsonProblem::TooDeep
    } else if message.contains("surrogate") || message.starts_with("unexpected end of hex escape") {
        JsonProblem::LoneSurrogate
    } else if message.starts_with("invalid escape") || message.starts_with("invalid unicode code point") {
        JsonProblem::InvalidEscape
    } else {
        JsonProblem::Other
    };
    (problem, offset.saturating_sub(1))
}

/// serde_json's (line, column) to a byte offset (column counts bytes from the line start).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    if line > 1 {
        match text.match_indices('\n').nth(line - 2) {
            Some((i, _)) => start = i + 1,
            None => return text.len(),
        }
    }
    (start + column).min(text.len())
}

/// Removes raw CR/LF inside strings and replaces lone surrogate escapes by `\ufffd`.
/// Returns the repaired text and the first offset of each kind of problem.
fn repair_strings(text: &str) -> (String, Vec<(JsonProblem, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut problems: Vec<(JsonProblem, usize)> = Vec::new();
    let note = |kind: JsonProblem, at: usize, problems: &mut Vec<(JsonProblem, usize)>| {
        if !problems.iter().any(|(k, _)| *k == kind) {
            problems.push((kind, at));
        }
    };
    let mut in_string = false;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if !in_string {
            in_string = c == '"';
            out.push(c);
            continue;
        }
        match c {
            '"' => {
                in_string = false;
                out.push(c);
            }
            '\n' | '\r' => note(JsonProblem::RawNewline, i, &mut problems),
            '\\' => match chars.next() {
                Some((_, 'u')) => match hex4(text, i + 2) {
                    Some(high) if (0xD800..0xDC00).contains(&high) => {
                        let low = text.get(i + 6..i + 8).filter(|s| *s == "\\u").and_then(|_| hex4(text, i + 8));
                        for _ in 0..4 {
                            chars.next();
                        }
                        match low {
                            Some(low) if (0xDC00..0xE000).contains(&low) => {
                                for _ in 0..6 {
                                    chars.next();
                                }
                                out.push_str(&text[i..i + 12]);
                            }
                            _ => {
                                note(JsonProblem::LoneSurrogate, i, &mut problems);
                                out.push_str("\\ufffd");
                            }
                        }
                    }
                    Some(low) if (0xDC00..0xE000).contains(&low) => {
                        for _ in 0..4 {
                            chars.next();
                        }
                        note(JsonProblem::LoneSurrogate, i, &mut problems);
                        out.push_str("\\ufffd");
                    }
                    _ => out.push_str("\\u"),
                },
                Some((_, other)) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            _ => out.push(c),
        }
    }
    (out, problems)
}

/// Four hex digits at `at`, as Go's `\u` escape reads them.
fn hex4(text: &str, at: usize) -> Option<u32> {
    let digits = text.get(at..at + 4)?;
    if digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        u32::from_str_radix(digits, 16).ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_from_lines_and_columns() {
        assert_eq!(offset_of("a\nb\nc", 3, 1), 5);
        assert_eq!(offset_of("a", 9, 1), 1);
    }

    #[test]
    fn repairs_newlines_and_surrogates() {
        let (fixed, problems) = repair_strings("{\"a\":\"x\ny\\ud800\\ud83d\\ude00\\udc00\"}");
        assert_eq!(fixed, "{\"a\":\"xy\\ufffd\\ud83d\\ude00\\ufffd\"}");
        assert_eq!(problems.len(), 2);
        assert_eq!(repair_strings("\"\\u12").0, "\"\\u12");
    }
}
