//! Characters that come along when a token is copied from chat, mail, a wiki or a password
//! manager, and make the credential wrong without showing: invisible format characters, spaces
//! that are not spaces, and quotes around the whole text (`docs/failure-modes.md#invisible-characters`).
//!
//! A registry compares the credential byte for byte (`auth` is the base64 of the UTF-8 bytes
//! of `user:password`, docker/cli `cli/config/configfile/file.go` `encodeAuth`), so a U+200B
//! before a token is a different token, and nothing on screen says so.
//!
//! ```
//! use registry_auth::stray_characters::{strays, cleaned, Stray};
//! let found = strays("\u{200B}glpat-abc\u{FEFF}");
//! assert_eq!(found.len(), 2);
//! assert_eq!((found[0].codepoint(), found[0].position), ("U+200B".to_owned(), 1));
//! assert_eq!(cleaned("\"glpat-abc\""), "glpat-abc");
//! ```

/// One stray character, or the quotes around the whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stray {
    /// The character (for quotes: the opening one).
    pub character: char,
    /// 1-based position among the text's characters (for quotes: 1).
    pub position: usize,
    /// Quotes around the whole text, not an invisible character.
    pub quotes: bool,
}

impl Stray {
    /// `U+200B`.
    pub fn codepoint(&self) -> String {
        format!("U+{:04X}", self.character as u32)
    }

    /// The character's Unicode name, for the page (names are the standard's, in English in every
    /// language, as character pickers show them).
    pub fn name(&self) -> &'static str {
        name(self.character)
    }
}

/// The pairs of quotes people wrap a pasted token in.
const QUOTES: [(char, char); 8] = [('"', '"'), ('\'', '\''), ('`', '`'), ('“', '”'), ('‘', '’'), ('„', '“'), ('«', '»'), ('「', '」')];

/// Whether `c` shows as nothing, or as a plain space while it is not one: Unicode format
/// characters (zero-width space and joiners, byte-order mark, direction marks, soft hyphen) and
/// the no-break and typographic spaces.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00A0}' | '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180E}'
        | '\u{2000}'..='\u{200F}' | '\u{2028}'..='\u{202F}' | '\u{205F}'..='\u{206F}' | '\u{3000}' | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}')
}

fn name(c: char) -> &'static str {
    match c {
        '\u{00A0}' => "NO-BREAK SPACE",
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{2000}'..='\u{200A}' | '\u{205F}' | '\u{3000}' => "SPACE (typographic)",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' => "DIRECTION FORMATTING",
        '\u{202F}' => "NARROW NO-BREAK SPACE",
        '\u{2060}' => "WORD JOINER",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)",
        '\u{FE00}'..='\u{FE0F}' => "VARIATION SELECTOR",
        c if is_invisible(c) => "INVISIBLE FORMAT CHARACTER",
        '"' => "QUOTATION MARK",
        '\'' => "APOSTROPHE",
        '`' => "GRAVE ACCENT",
        '“' | '”' | '„' => "TYPOGRAPHIC QUOTATION MARK",
        '‘' | '’' => "TYPOGRAPHIC SINGLE QUOTATION MARK",
        '«' | '»' => "GUILLEMET",
        '「' | '」' => "CORNER BRACKET",
        _ => "CHARACTER",
    }
}

/// The quotes around the whole of `text`, if it is wrapped in a matching pair with something
/// between them.
fn wrapping_quotes(text: &str) -> Option<(char, char)> {
    let mut chars = text.chars();
    let (first, last) = (chars.next()?, chars.next_back()?);
    QUOTES.iter().copied().find(|&(open, close)| first == open && last == close)
}

/// Every invisible character of `text` in order, then its wrapping quotes, if any. A credential
/// never starts and ends with a quote pair by chance often enough to stay silent about it.
pub fn strays(text: &str) -> Vec<Stray> {
    let mut found: Vec<Stray> = text
        .chars()
        .enumerate()
        .filter(|(_, c)| is_invisible(*c))
        .map(|(i, character)| Stray { character, position: i + 1, quotes: false })
        .collect();
    // Invisible characters outside the quotes do not hide them: `"tok"\n` is still quoted.
    let visible: String = text.chars().filter(|c| !is_invisible(*c)).collect();
    if let Some((open, _)) = wrapping_quotes(visible.trim()) {
        found.push(Stray { character: open, position: 1, quotes: true });
    }
    found
}

/// `text` without its invisible characters and without the quotes around it: what the user
/// meant to paste.
pub fn cleaned(text: &str) -> String {
    let visible: String = text.chars().filter(|c| !is_invisible(*c)).collect();
    match wrapping_quotes(&visible) {
        Some((open, close)) => visible[open.len_utf8()..visible.len() - close.len_utf8()].to_owned(),
        None => visible,
    }
}

/// Leading or trailing whitespace, or a line break anywhere: the `echo` without `-n` bug
/// (`docs/failure-modes.md#newline-in-the-password`). Invisible characters that also count as
/// whitespace (a no-break space) are left to [`strays`], which names them.
pub fn has_stray_whitespace(text: &str) -> bool {
    let plain_space = |c: char| c.is_whitespace() && !is_invisible(c);
    text.contains(['\n', '\r']) || text.trim_matches(plain_space) != text
}

/// Whether whitespace in the password of `username` changes the credential. Not under
/// `_json_key`: its password is a service-account key as JSON, which Google parses (its own
/// `docker login` keeps the file's line breaks; `--password-stdin` trims one trailing newline,
/// docker/cli `cli/command/registry/login.go`), so a pretty-printed key is legitimate
/// (`docs/tokens.md#google-json-keys`).
pub fn whitespace_matters(username: &str, field: &str) -> bool {
    !(field == "password" && username == "_json_key")
}

/// Whether a credential mentions a CI/CD variable (`$NAME` or `${NAME}`): inside `auth` it is
/// base64, which GitLab never expands, so the registry gets the variable's name, not its value
/// (`docs/gitlab-variables.md#expansion`). Returns the first reference as written.
pub fn variable_reference(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(offset) = text[i..].find('$') {
        let start = i + offset;
        let rest = &bytes[start + 1..];
        // `$$` is GitLab's escaped `$`, not a reference.
        if rest.first() == Some(&b'$') {
            i = start + 2;
            continue;
        }
        let name_len = |from: &[u8]| {
            let first_ok = from.first().is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_');
            if first_ok {
                from.iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'_').count()
            } else {
                0
            }
        };
        if rest.first() == Some(&b'{') {
            let n = name_len(&rest[1..]);
            if n > 0 && rest.get(1 + n) == Some(&b'}') {
                return Some(&text[start..start + n + 3]);
            }
        } else {
            let n = name_len(rest);
            if n > 0 {
                return Some(&text[start..start + n + 1]);
            }
        }
        i = start + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reported_kinds() {
        let cases = [
            ("\u{200B}glpat-token", vec![("U+200B", 1, false)]),
            ("glpat-token\u{FEFF}", vec![("U+FEFF", 12, false)]),
            ("glpat\u{00A0}token", vec![("U+00A0", 6, false)]),
            ("\"glpat-token\"", vec![("U+0022", 1, true)]),
            ("“glpat-token”", vec![("U+201C", 1, true)]),
            ("'tok'\u{200B}", vec![("U+200B", 6, false), ("U+0027", 1, true)]),
        ];
        for (text, expected) in cases {
            let found: Vec<_> = strays(text).iter().map(|s| (s.codepoint(), s.position, s.quotes)).collect();
            let expected: Vec<_> = expected.into_iter().map(|(c, p, q)| (c.to_owned(), p, q)).collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn clean_text_is_left_alone() {
        for text in ["glpat-abc", "p\"ss", "\"", "'", "a'b'", "日本語のパスワード", "tab\tinside", "pa ss"] {
            assert!(strays(text).is_empty(), "{text:?}");
            assert_eq!(cleaned(text), text);
        }
    }

    #[test]
    fn cleaned_removes_what_strays_reports() {
        assert_eq!(cleaned("\u{200B}\"glpat-abc\"\u{FEFF}"), "glpat-abc");
        assert_eq!(cleaned("gl\u{00A0}pat"), "glpat");
        assert_eq!(cleaned("‘x’"), "x");
    }

    #[test]
    fn variable_references() {
        assert_eq!(variable_reference("$CI_JOB_TOKEN"), Some("$CI_JOB_TOKEN"));
        assert_eq!(variable_reference("x${REGISTRY_PASS}y"), Some("${REGISTRY_PASS}"));
        assert_eq!(variable_reference("pa$$word"), None);
        assert_eq!(variable_reference("cost$5"), None);
        assert_eq!(variable_reference("${}"), None);
        assert_eq!(variable_reference("a$_b"), Some("$_b"));
        assert_eq!(variable_reference("ends$"), None);
    }
}
