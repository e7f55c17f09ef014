//! Credentials written inside a URL: the `user:password@` part (RFC 3986 §3.2.1, "userinfo").
//!
//! People paste `https://robot:token@registry.example.com` into a registry or proxy field. The
//! password then sits in a field that is not treated as a secret, so every place that shares or
//! prints such a field takes the userinfo out first.
//!
//! ```
//! use registry_auth::userinfo::{split_userinfo, without_userinfo, without_userinfo_in_list};
//! assert_eq!(without_userinfo("https://robot:QzRegPass123@registry.example.com/v2/"), "https://registry.example.com/v2/");
//! assert_eq!(without_userinfo("alpine@sha256:0123456789abcdef0123456789abcdef"), "alpine@sha256:0123456789abcdef0123456789abcdef");
//! let parts = split_userinfo("http://me:pw@proxy:3128").unwrap();
//! assert_eq!((parts.user, parts.password), ("me", Some("pw")));
//! ```

use std::borrow::Cow;

/// A URL-shaped text cut around its userinfo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Userinfo<'a> {
    /// Everything before the userinfo: the scheme and `//`, or nothing.
    pub before: &'a str,
    pub user: &'a str,
    /// After the first `:` of the userinfo, if there is one.
    pub password: Option<&'a str>,
    /// Everything after the `@`: host, port, path.
    pub after: &'a str,
}

/// Finds `user[:password]@` after an optional `scheme://`, with or without a scheme.
///
/// The userinfo ends at the **last** `@` that does not start an image digest
/// (`alpine@sha256:…`). RFC 3986 would end it at the first `/`, but these fields are typed by
/// people, and a password with a raw `/`, `?` or `#` in it is still a password: everything
/// before that `@` goes.
pub fn split_userinfo(text: &str) -> Option<Userinfo<'_>> {
    let start = scheme_end(text);
    let rest = &text[start..];
    let at = rest.rmatch_indices('@').map(|(i, _)| i).find(|&i| !is_digest(&rest[i + 1..]))?;
    let userinfo = &rest[..at];
    let (user, password) = match userinfo.split_once(':') {
        Some((user, password)) => (user, Some(password)),
        None => (userinfo, None),
    };
    Some(Userinfo { before: &text[..start], user, password, after: &rest[at + 1..] })
}

/// The length of a leading `scheme://` (RFC 3986: a letter, then letters, digits, `+`, `-`,
/// `.`), or 0.
fn scheme_end(text: &str) -> usize {
    let Some(colon) = text.find("://") else { return 0 };
    let scheme = &text[..colon];
    let valid = scheme.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if valid {
        colon + 3
    } else {
        0
    }
}

/// `text` without its userinfo; unchanged (borrowed) when it has none.
pub fn without_userinfo(text: &str) -> Cow<'_, str> {
    match split_userinfo(text) {
        Some(parts) => Cow::Owned(format!("{}{}", parts.before, parts.after)),
        None => Cow::Borrowed(text),
    }
}

/// A comma-separated list of image references without any userinfo. A password may hold a
/// comma, so items cannot be split first: everything up to the last `@` that does not start a
/// digest goes, including earlier items (safety over fidelity: the page says it dropped
/// something).
pub fn without_userinfo_in_list(text: &str) -> Cow<'_, str> {
    let last = text.rmatch_indices('@').map(|(i, _)| i).find(|&i| !is_digest(text[i + 1..].split(',').next().unwrap_or_default()));
    match last {
        Some(at) => Cow::Owned(text[at + 1..].to_owned()),
        None => Cow::Borrowed(text),
    }
}

/// `algorithm:hex` as in an image digest (`sha256:` and 32 or more hex digits), to the end.
fn is_digest(text: &str) -> bool {
    text.split_once(':').is_some_and(|(algorithm, hex)| {
        !algorithm.is_empty()
            && algorithm.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'+' | b'.' | b'_' | b'-'))
            && hex.len() >= 32
            && hex.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_userinfo_with_and_without_scheme() {
        for (text, expected) in [
            ("https://robot:QzRegPass123@registry.example.com", "https://registry.example.com"),
            ("robot:pw@registry.example.com:5000/group", "registry.example.com:5000/group"),
            ("http://user@proxy:3128", "http://proxy:3128"),
            ("http://a:b@c@proxy:3128/x?y#z", "http://proxy:3128/x?y#z"),
            ("HTTPS://u:p@Host", "HTTPS://Host"),
            ("@host", "host"),
            ("https://u:pa/ss?#@host/x", "https://host/x"),
            ("u:a://b@host", "host"),
            ("https://host/path@not-userinfo", "https://not-userinfo"),
            ("u:p@host/img@sha256:0123456789abcdef0123456789abcdef", "host/img@sha256:0123456789abcdef0123456789abcdef"),
        ] {
            assert_eq!(without_userinfo(text), expected, "{text}");
        }
    }

    #[test]
    fn leaves_everything_else() {
        for text in [
            "registry.example.com",
            "https://registry.example.com/v2/",
            "registry.example.com/group/image@sha256:0123456789abcdef0123456789abcdef",
            "alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "",
        ] {
            assert!(matches!(without_userinfo(text), Cow::Borrowed(_)), "{text}");
        }
        assert_eq!(without_userinfo("日本@"), "");
    }

    #[test]
    fn lists_lose_everything_up_to_the_userinfo() {
        let digest = format!("@sha256:{}", "a".repeat(64));
        assert_eq!(without_userinfo_in_list(&format!("postgres:15,redis{digest}")), format!("postgres:15,redis{digest}"));
        assert_eq!(without_userinfo_in_list("postgres:15,u:pa,ss@reg.example.com/redis:7,x"), "reg.example.com/redis:7,x");
    }
}
