//! How long a typed or pasted text may be. Each limit is far above any real value and low enough
//! that a keystroke anywhere stays cheap after the largest paste: the value, the findings and the
//! snippets are rebuilt from every field, so one huge field would slow every other one.
//!
//! Lengths count UTF-16 code units, as the HTML `maxlength` attribute that enforces them does
//! (one per character outside the astral planes). The UI says so when a field reaches its limit.
//! The other caps live beside what they count: [`crate::setup::MAX_ENTRIES`] (registries),
//! [`crate::resolver::ci_yaml::MAX_CI_IMAGES`] (images resolved),
//! [`crate::shared_setup::MAX_INPUT`] (a setup file) and [`crate::inspector::MAX_FINDINGS`].

/// Registry, username, helper name, credential-store name and every snippet option (URLs, image
/// names, tags). A DNS name has at most 253 characters; a URL with a path a few hundred.
pub const MAX_NAME_CHARS: usize = 1_024;

/// A password or token. The longest real ones are a few KiB: an ECR password (about 2 KiB), a
/// Google service-account key used as the `_json_key` password (about 2.4 KiB), OIDC tokens
/// (up to about 16 KiB).
pub const MAX_SECRET_CHARS: usize = 65_536;

/// A pasted `DOCKER_AUTH_CONFIG`, Kubernetes Secret or `.gitlab-ci.yml`: 1 Mi code units.
/// A config for 100 registries is about 20 KiB.
pub const MAX_PASTED_CHARS: usize = 1_048_576;

/// Whether `text` is at `limit` (or over it, when it was set some other way than typing).
pub fn at_limit(text: &str, limit: usize) -> bool {
    // Cheap first: a text of `limit` bytes or fewer has at most `limit` code units.
    text.len() >= limit && text.encode_utf16().count() >= limit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_utf16_code_units_like_maxlength() {
        assert!(!at_limit("abc", 4));
        assert!(at_limit("abcd", 4));
        // "é" is 2 bytes and 1 code unit; "😀" is 4 bytes and 2 code units.
        assert!(!at_limit("ééé", 4));
        assert!(at_limit("😀😀", 4));
        assert!(!at_limit("😀", 4));
    }
}
