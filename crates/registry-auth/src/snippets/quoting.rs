//! Quoting for every snippet language: POSIX shell words, PowerShell verbatim strings, YAML
//! scalars that read back the same in YAML 1.1 and 1.2, TOML basic and multi-line strings.
//! Each function returns text that the language's own parser reads back as exactly its input;
//! `tests/snippets/` checks that with real parsers and shells.

use super::ScriptLine;

pub(super) fn non_empty_or(text: &str, fallback: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        fallback.to_owned()
    } else {
        text.to_owned()
    }
}

/// Characters that mean nothing to a POSIX shell, inside or outside double quotes.
pub(super) fn shell_safe(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || "@%+=:,./_-".contains(c))
}

/// A shell word: bare when nothing in it is special, otherwise single-quoted, which keeps
/// `$`, `` ` ``, `\`, `!`, globs and spaces literal (`'` itself is written `'\''`).
pub(super) fn shell_word(text: &str) -> String {
    if shell_safe(text) {
        text.to_owned()
    } else {
        single_quoted(text)
    }
}

/// Like [`shell_word`] but in double quotes when safe, as the seeds write flag values.
pub(super) fn shell_string(text: &str) -> String {
    if shell_safe(text) {
        format!("\"{text}\"")
    } else {
        single_quoted(text)
    }
}

pub(super) fn single_quoted(text: &str) -> String {
    // NUL cannot be passed in an argument at all.
    format!("'{}'", text.replace('\0', "").replace('\'', "'\\''"))
}

/// A PowerShell verbatim string: only quote characters are special, doubled. PowerShell takes
/// the typographic single quotes as quotes too.
pub(super) fn powershell_string(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars().filter(|c| *c != '\0') {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// Shell lines as one script, comments included.
pub(super) fn shell_lines(lines: &[ScriptLine]) -> String {
    let mut out = String::new();
    for line in lines {
        match line {
            ScriptLine::Command(text) => out.push_str(text),
            ScriptLine::Comment(text) => {
                out.push_str("# ");
                out.push_str(&one_line(text));
            }
        }
        out.push('\n');
    }
    out
}

/// A YAML block sequence of script lines; comments stay comments.
pub(super) fn yaml_sequence(lines: &[ScriptLine], indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for line in lines {
        match line {
            ScriptLine::Command(text) => out.push_str(&format!("{pad}- {}\n", yaml_scalar(text))),
            ScriptLine::Comment(text) => out.push_str(&yaml_comment(text, indent)),
        }
    }
    out
}

pub(super) fn yaml_comment(text: &str, indent: usize) -> String {
    format!("{}# {}\n", " ".repeat(indent), one_line(text))
}

/// A comment must stay on its line, whatever was typed.
pub(super) fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Words a YAML 1.1 reader (GitLab's Ruby) takes as booleans or null when unquoted. Numbers,
/// dates and `~` start with no letter, so [`yaml_scalar`] quotes them anyway.
const YAML_KEYWORDS: [&str; 25] = [
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off",
    "Off", "OFF", "null", "Null", "NULL",
];

/// A YAML scalar that reads back as exactly `text`, in YAML 1.1 and 1.2: plain when that is
/// unambiguous (starts with a letter, `$` or `/`; no `: `, ` #`, trailing `:` or space,
/// escapes or keyword), otherwise double-quoted with escapes.
pub(crate) fn yaml_scalar(text: &str) -> String {
    let plain = text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '$' || c == '/')
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.chars().any(needs_yaml_escape)
        && !YAML_KEYWORDS.contains(&text);
    if plain {
        text.to_owned()
    } else {
        yaml_double_quoted(text)
    }
}

/// Characters outside YAML's printable set, and line breaks of either YAML version.
pub(super) fn needs_yaml_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
}

pub(super) fn yaml_double_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if needs_yaml_escape(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML basic string: `"` and `\` escaped, control characters as escapes, the rest as is.
pub(super) fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_ascii_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A multi-line TOML string that reads back as exactly `text`: literal `'''…'''` when it can
/// hold it (readable), otherwise a basic one with every special character escaped.
pub(super) fn toml_multiline_string(text: &str) -> String {
    let literal_ok = !text.contains("'''") && !text.ends_with('\'') && !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
    if literal_ok {
        // A newline right after the opening delimiter is trimmed by TOML.
        return format!("'''\n{text}'''");
    }
    let mut out = String::from("\"\"\"\n");
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            other => {
                let escaped = toml_string(&other.to_string());
                out.push_str(&escaped[1..escaped.len() - 1]);
            }
        }
    }
    out.push_str("\"\"\"");
    out
}

/// A TOML basic string that is also safe inside a YAML block scalar: YAML's non-printable
/// characters and line breaks (`needs_yaml_escape`) are written as `\uXXXX` escapes too.
pub(super) fn toml_string_in_yaml(text: &str) -> String {
    let mut out = String::new();
    for c in toml_string(text).chars() {
        if needs_yaml_escape(c) {
            out.push_str(&format!("\\u{:04X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// An HCL (Terraform) quoted string that reads back as exactly `text`: `"` and `\` escaped,
/// control characters as escapes, and the template sequences `${` and `%{` doubled so they
/// stay literal.
pub(super) fn hcl_string(text: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Percent-encodes everything but RFC 3986's unreserved characters: a project path as one
/// segment of a REST API URL (`my-group/my-project` → `my-group%2Fmy-project`).
pub(super) fn url_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A typed single-line input: control characters become spaces, then trimmed; empty gives
/// `fallback`.
pub(super) fn single_line_or(text: &str, fallback: &str) -> String {
    non_empty_or(&one_line(text), fallback)
}
