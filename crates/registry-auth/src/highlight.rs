//! A small syntax highlighter for the snippets: comments, strings, keys, section headers and
//! variables in YAML, TOML, shell, INI, JSON and PowerShell. It only splits the text into
//! classed pieces; joined back together they are exactly the input, so what is copied is what
//! the core produced.
//!
//! ```
//! use registry_auth::highlight::{highlight, Token};
//! let pieces = highlight("  image: \"docker:24\" # pinned\n");
//! assert_eq!(pieces.iter().map(|p| p.1).collect::<String>(), "  image: \"docker:24\" # pinned\n");
//! assert!(pieces.contains(&(Token::Key, "image")));
//! assert!(pieces.contains(&(Token::Comment, "# pinned")));
//! ```

/// What a piece of text is (the page gives each its colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter)]
pub enum Token {
    Plain,
    Comment,
    String,
    Key,
    Section,
    Variable,
}

/// Splits `text` into classed pieces. One set of rules serves every snippet language: they
/// share `#` comments, quoted strings and `$VARIABLES`, and differ only in how keys look
/// (`key:` in YAML, `key =` in TOML and INI, `"key":` in JSON), which is told apart per line.
pub fn highlight(text: &str) -> Vec<(Token, &str)> {
    let mut pieces = Vec::new();
    for line in text.split_inclusive('\n') {
        highlight_line(line, &mut pieces);
    }
    pieces
}

fn highlight_line<'a>(line: &'a str, pieces: &mut Vec<(Token, &'a str)>) {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    if trimmed.starts_with('[') && trimmed.trim_end().ends_with(']') && !trimmed.contains(['"', '\'']) {
        push(pieces, Token::Plain, &line[..indent]);
        let end = indent + trimmed.trim_end().len();
        push(pieces, Token::Section, &line[indent..end]);
        push(pieces, Token::Plain, &line[end..]);
        return;
    }
    let key_end = key_length(trimmed).map(|len| indent + len);
    let mut start = 0;
    if let Some(end) = key_end {
        let key_start = indent + usize::from(trimmed.starts_with("- ")) * 2;
        push(pieces, Token::Plain, &line[..key_start]);
        push(pieces, Token::Key, &line[key_start..end]);
        start = end;
    }
    scan_rest(line, start, pieces);
}

/// Length of a `key:` (YAML), `key =` (TOML/INI) or `"key":` (JSON) at the start of `text`,
/// including a leading `- `, or `None`.
fn key_length(text: &str) -> Option<usize> {
    let body = text.strip_prefix("- ").unwrap_or(text);
    let offset = text.len() - body.len();
    let bytes = body.as_bytes();
    if bytes.first() == Some(&b'"') {
        let close = body[1..].find('"')? + 2;
        return body[close..].trim_start().starts_with(':').then_some(offset + close);
    }
    let len = body.bytes().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')).count();
    if len == 0 {
        return None;
    }
    let rest = &body[len..];
    let is_key = rest.starts_with(": ") || rest.starts_with(":\n") || rest == ":" || rest.trim_start().starts_with("= ");
    is_key.then_some(offset + len)
}

/// Strings, comments and variables in the rest of a line.
fn scan_rest<'a>(line: &'a str, from: usize, pieces: &mut Vec<(Token, &'a str)>) {
    let bytes = line.as_bytes();
    let mut plain_start = from;
    let mut i = from;
    while i < bytes.len() {
        let (token, end) = match bytes[i] {
            b'#' if i == 0 || bytes[i - 1].is_ascii_whitespace() => (Token::Comment, line.trim_end_matches('\n').len()),
            quote @ (b'"' | b'\'') => (Token::String, string_end(bytes, i, quote)),
            b'$' => match variable_end(bytes, i) {
                Some(end) => (Token::Variable, end),
                None => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        let end = end.max(i + 1).min(line.len());
        push(pieces, Token::Plain, &line[plain_start..i]);
        push(pieces, token, &line[i..end]);
        i = end;
        plain_start = end;
    }
    push(pieces, Token::Plain, &line[plain_start..]);
}

/// End (exclusive) of a quoted string starting at `start`; the line's end if it is not closed.
fn string_end(bytes: &[u8], start: usize, quote: u8) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\n' => return i,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// End of `$NAME` or `${…}` starting at `start`.
fn variable_end(bytes: &[u8], start: usize) -> Option<usize> {
    let next = *bytes.get(start + 1)?;
    if next == b'{' {
        return bytes[start..].iter().position(|b| *b == b'}').map(|p| start + p + 1);
    }
    let len = bytes[start + 1..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'_').count();
    (len > 0).then_some(start + 1 + len)
}

fn push<'a>(pieces: &mut Vec<(Token, &'a str)>, token: Token, text: &'a str) {
    if !text.is_empty() {
        pieces.push((token, text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(text: &str) -> Vec<(Token, &str)> {
        highlight(text).into_iter().filter(|(t, _)| *t != Token::Plain).collect()
    }

    #[test]
    fn yaml_toml_shell() {
        assert_eq!(classes("  - name: postgres\n"), [(Token::Key, "name")]);
        assert_eq!(classes("[[runners]]\n"), [(Token::Section, "[[runners]]")]);
        assert_eq!(classes("environment = [\"A=1\"]\n"), [(Token::Key, "environment"), (Token::String, "\"A=1\"")]);
        assert_eq!(
            classes("printf '%s' \"$DOCKER_AUTH_CONFIG\" # write\n"),
            [(Token::String, "'%s'"), (Token::String, "\"$DOCKER_AUTH_CONFIG\""), (Token::Comment, "# write")]
        );
        assert_eq!(classes("echo ${HOME}/x $1\n"), [(Token::Variable, "${HOME}"), (Token::Variable, "$1")]);
        assert_eq!(classes("{\"auths\": {}}"), [(Token::String, "\"auths\"")]);
        assert_eq!(classes("\"auths\": {}"), [(Token::Key, "\"auths\"")]);
        assert_eq!(classes("url: https://x.example/#frag\n"), [(Token::Key, "url")]);
    }

    #[test]
    fn pieces_join_back_to_the_input() {
        for text in ["", "a", "\"unclosed", "'x\n", "$", "${", "# only", "key:", "- ", "x = \"a\\\"b\" # c\r\n", "日本: 語\n"] {
            assert_eq!(highlight(text).iter().map(|p| p.1).collect::<String>(), text);
        }
    }
}
