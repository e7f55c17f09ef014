//! A small, line-based reader for the YAML people paste: `key: value` lines, comments, plain,
//! single- and double-quoted scalars, anchors and flow collections. Not a YAML parser: enough to
//! find `image:` names in a `.gitlab-ci.yml` fragment (the resolver) and the `.dockerconfigjson`
//! of a Kubernetes Secret (the inspector), without a YAML library in the wasm.
//!
//! ```
//! use registry_auth::yaml_scalar::{key_value, scalar, strip_comment};
//! let line = strip_comment(r#"  image: "alpine:3.20" # pinned"#);
//! let (key, value) = key_value(line.trim()).unwrap();
//! assert_eq!((key, scalar(value).as_deref()), ("image", Some("alpine:3.20")));
//! ```

/// `key: value` with a plain or quoted key; `None` when the line is not a mapping entry.
pub fn key_value(text: &str) -> Option<(&str, &str)> {
    let (key, rest) = if let Some(quoted) = text.strip_prefix('"').or_else(|| text.strip_prefix('\'')) {
        let end = quoted.find(['"', '\''])?;
        (&quoted[..end], quoted[end + 1..].strip_prefix(':')?)
    } else {
        let colon = text.find(':')?;
        (&text[..colon], &text[colon + 1..])
    };
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((key.trim(), rest.trim()))
}

/// Cuts a ` #` comment that is not inside quotes.
pub fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && (previous == ' ' || previous == '\t' || i == 0) => return &line[..i],
            None => {}
        }
        previous = c;
    }
    line
}

/// Drops a leading `&anchor`.
pub fn strip_anchor(value: &str) -> &str {
    match value.strip_prefix('&') {
        Some(rest) => rest.split_once([' ', '\t']).map_or("", |(_, v)| v.trim_start()),
        None => value,
    }
}

/// A one-line scalar's text: quotes removed and escapes read; aliases (`*x`), tags (`!x`),
/// block indicators and nested collections give `None`, as does an empty value.
pub fn scalar(value: &str) -> Option<String> {
    let value = strip_anchor(value.trim());
    if value.is_empty() || value.starts_with(['*', '!', '{', '[', '|', '>']) {
        return None;
    }
    let text = quoted(value).unwrap_or_else(|| value.to_owned());
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The text of a single- or double-quoted scalar (an unclosed one runs to the end), or `None`
/// when `value` is not quoted.
pub fn quoted(value: &str) -> Option<String> {
    if let Some(inner) = value.strip_prefix('"') {
        Some(unescape_double_quoted(inner.strip_suffix('"').unwrap_or(inner)))
    } else {
        value.strip_prefix('\'').map(|inner| inner.strip_suffix('\'').unwrap_or(inner).replace("''", "'"))
    }
}

/// YAML 1.2's double-quoted escapes (section 5.7); an unknown escape keeps its character.
fn unescape_double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(escape) = chars.next() else { break };
        let hex_digits = match escape {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            _ => 0,
        };
        if hex_digits > 0 {
            let digits: String = chars.by_ref().take(hex_digits).collect();
            // A short or invalid escape (YAML would refuse it) is dropped.
            if let Some(decoded) =
                (digits.len() == hex_digits).then(|| u32::from_str_radix(&digits, 16).ok()).flatten().and_then(char::from_u32)
            {
                out.push(decoded);
            }
            continue;
        }
        out.push(match escape {
            '0' => '\0',
            'a' => '\u{7}',
            'b' => '\u{8}',
            't' => '\t',
            'n' => '\n',
            'v' => '\u{b}',
            'f' => '\u{c}',
            'r' => '\r',
            'e' => '\u{1b}',
            'N' => '\u{85}',
            '_' => '\u{a0}',
            'L' => '\u{2028}',
            'P' => '\u{2029}',
            other => other,
        });
    }
    out
}

/// The `name` of a flow mapping such as `{name: x, entrypoint: [""]}` (text after the `{`).
pub fn flow_map_name(map: &str) -> Option<String> {
    let map = map.trim_end();
    let map = map.strip_suffix('}').unwrap_or(map);
    split_flow(map).into_iter().find_map(|item| match key_value(item) {
        Some(("name", value)) => scalar(value),
        _ => None,
    })
}

/// Splits flow items at commas that are outside quotes and nested brackets. Linear in the
/// text, so a pasted 100,000-item list is cheap; callers cap what they keep.
pub fn split_flow(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => depth = depth.saturating_sub(1),
                ',' if depth == 0 => {
                    items.push(text[start..i].trim());
                    start = i + 1;
                }
                _ => {}
            },
        }
    }
    items.push(text[start..].trim());
    items.retain(|i| !i.is_empty());
    items
}

/// The number of leading spaces and tabs of a line.
pub fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_and_escapes() {
        assert_eq!(scalar("'it''s'").as_deref(), Some("it's"));
        assert_eq!(quoted(r#""a\tb\n\"c\" \\ \x41\u00e9\U0001F600""#).as_deref(), Some("a\tb\n\"c\" \\ Aé😀"));
        assert_eq!(scalar("&a value").as_deref(), Some("value"));
        for skipped in ["*alias", "!reference [x]", "[a]", "{a: b}", "|", ""] {
            assert_eq!(scalar(skipped), None, "{skipped}");
        }
        assert_eq!(quoted(r#""\u12"#).as_deref(), Some(""));
    }

    #[test]
    fn keys_comments_and_flows() {
        assert_eq!(key_value("\".dockerconfigjson\": abc"), Some((".dockerconfigjson", "abc")));
        assert_eq!(key_value("url: https://x"), Some(("url", "https://x")));
        assert_eq!(key_value("https://x"), None);
        assert_eq!(strip_comment("a: 'x # y' # z"), "a: 'x # y' ");
        assert_eq!(split_flow("a, {name: b, c: [d, e]}, 'f,g'"), ["a", "{name: b, c: [d, e]}", "'f,g'"]);
        assert_eq!(flow_map_name("name: \"x\", entrypoint: [\"\"]}").as_deref(), Some("x"));
    }
}
