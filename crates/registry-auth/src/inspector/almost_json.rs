//! Text that is almost a JSON config (`docs/failure-modes.md#text-that-is-almost-json`): a
//! byte-order mark, a pasted `DOCKER_AUTH_CONFIG=` assignment, shell quotes around the whole
//! value, typographic quotes and non-breaking spaces where JSON needs `"` and spaces. Each is
//! reported at its line:column and repaired, one character for one character, so positions
//! found later in the repaired text are positions in the pasted one. Only a value pasted as a
//! JSON string (`"{\"auths\":…}"`) is replaced by its contents, and positions then refer to those.
//!
//! Go's decoder refuses every one of these, so GitLab Runner drops the whole value
//! (`docs/gitlab-runner.md#parsing-and-all-or-nothing`); the repaired text is what the user meant.

use std::borrow::Cow;

use super::text_scan::{escaped, key_of_value_at, position_of};
use super::{push, Inspection};
use crate::findings::{FindingCode, Severity};

const BOM: char = '\u{feff}';
const NBSP: char = '\u{a0}';
/// “ ” ‘ ’: what word processors and chat apps make of `"` and `'`.
const TYPOGRAPHIC_QUOTES: [char; 4] = ['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}'];
/// Assignments people paste along with the value, longest first.
const PREFIXES: [&str; 3] = ["export DOCKER_AUTH_CONFIG=", "DOCKER_AUTH_CONFIG=", "DOCKER_AUTH_CONFIG:"];

/// Repairs what keeps `text` from being the JSON it was meant to be, reporting each kind once at
/// its first position (and setting `json_error` there: the runner fails at that point). Borrows
/// `text` when there is nothing to repair. Never panics; one pass over the text.
pub(super) fn repair<'a>(text: &'a str, ins: &mut Inspection) -> Cow<'a, str> {
    let mut out = Cow::Borrowed(text);
    let note = |code: FindingCode, text: &str, offset: usize, ins: &mut Inspection| {
        let (line, column) = position_of(text, offset);
        ins.json_error.get_or_insert((line, column));
        push(&mut ins.findings, code, Severity::Error, None, &format!("{line}:{column}"));
    };

    // A byte-order mark: first thing in the text, or after leading whitespace.
    let start = out.len() - out.trim_start_matches(|c: char| c.is_whitespace() && c != BOM).len();
    if out[start..].starts_with(BOM) {
        note(FindingCode::JsonBom, &out, start, ins);
        out.to_mut().replace_range(start..start + BOM.len_utf8(), " ");
    }

    // `export DOCKER_AUTH_CONFIG=…`: the assignment is not part of the value.
    let start = out.len() - out.trim_start().len();
    if let Some(prefix) = PREFIXES.iter().find(|p| out[start..].starts_with(**p)) {
        note(FindingCode::JsonVariablePrefix, &out, start, ins);
        out.to_mut().replace_range(start..start + prefix.len(), &" ".repeat(prefix.len()));
    }

    // '…' or "…" around the whole value, as a shell command or a JSON string has it.
    let start = out.len() - out.trim_start().len();
    let end = out.trim_end().len();
    // `get`: only whitespace may be left, and then `start` is past `end`.
    let quote = out
        .get(start..end)
        .and_then(|t| t.chars().next())
        .filter(|q| matches!(q, '\'' | '"') && end >= start + 2 && out[..end].ends_with(*q));
    if let Some(quote) = quote {
        if out[start + 1..end - 1].trim_start().starts_with(['{', '[']) {
            note(FindingCode::JsonShellQuotes, &out, start, ins);
            // A JSON string holding the config: its contents are the value (positions found later
            // then point into them).
            let contents = (quote == '"').then(|| serde_json::from_str::<String>(&out[start..end]).ok()).flatten();
            match contents.filter(|c| c.trim_start().starts_with(['{', '['])) {
                Some(contents) => out = Cow::Owned(contents),
                None => {
                    let text = out.to_mut();
                    text.replace_range(end - 1..end, " ");
                    text.replace_range(start..start + 1, " ");
                }
            }
        }
    }

    if out.trim_start().starts_with(['{', '[']) && may_need_straightening(&out) {
        let (repaired, typographic, nbsp) = straighten(&out);
        for (code, offset) in [(FindingCode::JsonTypographicQuotes, typographic), (FindingCode::JsonNbsp, nbsp)] {
            if let Some(offset) = offset {
                note(code, &out, offset, ins);
            }
        }
        if let Some(repaired) = repaired {
            out = Cow::Owned(repaired);
        }
    }
    out
}

/// Whether `text` has a byte that starts U+00A0 (`C2 A0`) or U+2018–U+201D (`E2 80 …`): a byte
/// scan, as a 1 MB paste must stay fast in the size-optimised wasm build.
fn may_need_straightening(text: &str) -> bool {
    text.bytes().any(|b| b == 0xC2 || b == 0xE2)
}

/// Typographic quotes used as JSON quotes become `"`, non-breaking spaces outside strings
/// become spaces. Inside a string both are text and stay. Returns the text if anything changed,
/// and the byte offset of the first of each kind.
fn straighten(text: &str) -> (Option<String>, Option<usize>, Option<usize>) {
    #[derive(PartialEq)]
    enum State {
        Outside,
        /// In a string opened by `"`.
        Ascii,
        /// In a string opened by a typographic quote.
        Typographic,
    }
    let mut out = String::with_capacity(text.len());
    let (mut typographic, mut nbsp) = (None, None);
    let mut state = State::Outside;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match state {
            State::Outside if TYPOGRAPHIC_QUOTES.contains(&c) => {
                typographic.get_or_insert(at);
                out.push('"');
                state = State::Typographic;
            }
            State::Outside if c == NBSP => {
                nbsp.get_or_insert(at);
                out.push(' ');
            }
            State::Outside => {
                if c == '"' {
                    state = State::Ascii;
                }
                out.push(c);
            }
            State::Ascii | State::Typographic if c == '\\' => {
                out.push(c);
                if let Some((_, escaped)) = chars.next() {
                    out.push(escaped);
                }
            }
            State::Ascii => {
                if c == '"' {
                    state = State::Outside;
                }
                out.push(c);
            }
            // A typographic quote ends the string only where JSON could go on after it: an
            // apostrophe inside ("it’s") is text.
            State::Typographic if TYPOGRAPHIC_QUOTES.contains(&c) && ends_string(text, at + c.len_utf8()) => {
                out.push('"');
                state = State::Outside;
            }
            State::Typographic => {
                if c == '"' {
                    state = State::Outside;
                }
                out.push(c);
            }
        }
    }
    let changed = typographic.is_some() || nbsp.is_some();
    (changed.then_some(out), typographic, nbsp)
}

/// Whether what follows `at` (after spaces) can follow a JSON string: `:`, `,`, `}`, `]` or the end.
fn ends_string(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or_default();
    rest.trim_start_matches(|c: char| c.is_whitespace() || c == NBSP).chars().next().is_none_or(|c| matches!(c, ':' | ',' | '}' | ']'))
}

/// At most this many `\r` escapes are looked at (each needs a look back for its key).
const MAX_ESCAPES_LOOKED_AT: usize = 64;

/// An escaped carriage return (`\r`, base64 wrapped with Windows line endings) inside an `auth`
/// value: Go's decoder skips it, other readers may not, so it is a warning, named at its first
/// position. (A raw one is a JSON error, named where the parse fails; a browser's textarea turns
/// raw ones into line feeds, so pasted text has only this kind.)
pub(super) fn escaped_carriage_return(text: &str, ins: &mut Inspection) {
    let bytes = text.as_bytes();
    let found = text
        .match_indices("\\r")
        .filter(|(i, _)| !escaped(bytes, *i))
        .take(MAX_ESCAPES_LOOKED_AT)
        .find(|(i, _)| key_of_value_at(text, *i).is_some_and(|k| k.eq_ignore_ascii_case("auth")));
    if let Some((at, _)) = found {
        let (line, column) = position_of(text, at);
        push(&mut ins.findings, FindingCode::AuthCarriageReturn, Severity::Warning, None, &format!("{line}:{column}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(text: &str) -> (String, Vec<(FindingCode, String)>) {
        let mut ins = Inspection::default();
        let out = repair(text, &mut ins).into_owned();
        (out, ins.findings.iter().map(|f| (f.code, f.subject.clone())).collect())
    }

    #[test]
    fn each_repair_keeps_positions() {
        assert_eq!(repaired("\u{feff}{}"), (" {}".into(), vec![(FindingCode::JsonBom, "1:1".into())]));
        assert_eq!(
            repaired("export DOCKER_AUTH_CONFIG='{}'"),
            (
                "                           {} ".into(),
                vec![(FindingCode::JsonVariablePrefix, "1:1".into()), (FindingCode::JsonShellQuotes, "1:27".into())]
            )
        );
        assert_eq!(repaired("{“a”:\u{a0}“b”}").0, "{\"a\": \"b\"}");
        assert_eq!(
            repaired("{“a”:\u{a0}“b”}").1,
            [(FindingCode::JsonTypographicQuotes, "1:2".into()), (FindingCode::JsonNbsp, "1:6".into())]
        );
        assert_eq!(repaired(r#""{\"auths\":{}}""#).0, r#"{"auths":{}}"#);
        assert_eq!(repaired(r#""{"auths":{}}""#).0, r#" {"auths":{}} "#);
    }

    #[test]
    fn text_inside_strings_stays() {
        let inside = "{\"a\":\"it’s “quoted”\u{a0}\"}";
        assert_eq!(repaired(inside), (inside.to_owned(), vec![]));
        assert_eq!(repaired("{“a”:“it’s”}").0, "{\"a\":\"it’s\"}");
        assert_eq!(repaired("'not json'"), ("'not json'".into(), vec![]));
        assert_eq!(repaired("\"registry.example.com\"").1, []);
    }

    #[test]
    fn escaped_carriage_returns_in_auth_only() {
        let found = |text: &str| {
            let mut ins = Inspection::default();
            escaped_carriage_return(text, &mut ins);
            ins.findings.iter().map(|f| (f.severity, f.subject.clone())).collect::<Vec<_>>()
        };
        assert_eq!(found(r#"{"auths":{"a.io":{"auth":"dTpw\r\nZA=="}}}"#), [(Severity::Warning, "1:31".to_owned())]);
        assert_eq!(found(r#"{"auths":{"a.io":{"password":"x\ry"}}}"#), []);
        assert_eq!(found(r#"{"auths":{"a.io":{"auth":"dTpw\\r"}}}"#), []);
    }
}
