//! Where things are in a pasted text: the line and column of a byte offset, and the key whose
//! string value holds an offset. A leaf shared by the JSON reader and the almost-JSON repairs.

/// 1-based (line, column in characters) of a byte offset.
pub(super) fn position_of(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The key whose string value contains byte `offset` (`"auth": "…here…"`), if the text around it
/// reads that way. Looks back at most 64 KiB.
pub(super) fn key_of_value_at(text: &str, offset: usize) -> Option<&str> {
    let bytes = text.as_bytes();
    let floor = offset.saturating_sub(64 * 1024);
    let opening = (floor..offset.min(bytes.len())).rev().find(|&i| bytes[i] == b'"' && !escaped(bytes, i))?;
    let mut i = opening;
    let skip_space = |i: &mut usize| {
        while *i > floor && bytes[*i - 1].is_ascii_whitespace() {
            *i -= 1;
        }
    };
    skip_space(&mut i);
    if i <= floor || bytes[i - 1] != b':' {
        return None;
    }
    i -= 1;
    skip_space(&mut i);
    if i <= floor || bytes[i - 1] != b'"' {
        return None;
    }
    let key_end = i - 1;
    let key_start = (floor..key_end).rev().find(|&j| bytes[j] == b'"' && !escaped(bytes, j))? + 1;
    text.get(key_start..key_end)
}

/// Whether the `"` at `i` is escaped (an odd number of backslashes before it).
pub(super) fn escaped(bytes: &[u8], i: usize) -> bool {
    bytes[..i].iter().rev().take_while(|b| **b == b'\\').count() % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        assert_eq!(position_of("ab\ncdé", 7), (2, 4));
        assert_eq!(position_of("é", 1), (1, 1));
    }

    #[test]
    fn the_key_of_a_value() {
        let text = r#"{"auths":{"a.io":{"auth" : "dTpw"}}}"#;
        assert_eq!(key_of_value_at(text, text.find("dTpw").unwrap() + 2), Some("auth"));
        assert_eq!(key_of_value_at(text, 3), None);
        assert_eq!(key_of_value_at("\"", 0), None);
        assert_eq!(key_of_value_at(r#"{"a\"b":"x"}"#, 10), Some(r#"a\"b"#));
    }
}
