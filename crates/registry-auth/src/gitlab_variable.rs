//! How to store a value as a GitLab CI/CD variable, computed from the value itself.
//!
//! Rules (`docs/gitlab-variables.md#masking`, GitLab `app/models/concerns/ci/maskable.rb`):
//! - Masked with "Expand variable" on: `\A[a-zA-Z0-9_+=/@:.~-]{8,}\z`.
//! - Masked with it off (raw): `\A\S{8,}\z`.
//! - `$NAME` is expanded unless the variable is raw, so a value with `$` needs Expand off.
//! - Instance-level variables hold at most 10,000 characters.
//!
//! ```
//! use registry_auth::gitlab_variable::VariableAdvice;
//! let advice = VariableAdvice::for_value(r#"{"auths":{"a.io":{"auth":"dTpw"}}}"#);
//! assert!(advice.maskable_raw && !advice.maskable_expanded);
//! ```

/// Instance-level variables are limited to this many characters.
pub const INSTANCE_VALUE_LIMIT: usize = 10_000;
const MIN_MASKED_LENGTH: usize = 8;

/// What GitLab will accept for this value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VariableAdvice {
    pub length: usize,
    /// Passes the Masked rule with "Expand variable" on.
    pub maskable_expanded: bool,
    /// Passes the Masked rule with "Expand variable" off.
    pub maskable_raw: bool,
    /// Contains `$`, which GitLab would expand unless Expand is off.
    pub contains_dollar: bool,
    pub fits_instance_limit: bool,
}

impl VariableAdvice {
    /// The advice for `value`. Works on bytes, as the value may be a megabyte long: every
    /// character either rule cares about is ASCII, and characters are counted by their UTF-8
    /// leading bytes.
    pub fn for_value(value: &str) -> Self {
        let bytes = value.as_bytes();
        let length = bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count();
        let long_enough = length >= MIN_MASKED_LENGTH;
        VariableAdvice {
            length,
            maskable_expanded: long_enough && bytes.iter().all(|b| b.is_ascii_alphanumeric() || b"_+=/@:.~-".contains(b)),
            // Ruby's `\S` is the complement of `[ \t\r\n\f\v]`.
            maskable_raw: long_enough && !bytes.iter().any(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0c | 0x0b)),
            contains_dollar: bytes.contains(&b'$'),
            fits_instance_limit: length <= INSTANCE_VALUE_LIMIT,
        }
    }

    /// Whether the value can be Masked with the recommended settings (Expand off).
    pub fn maskable(&self) -> bool {
        self.maskable_raw
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_rules() {
        let auth = VariableAdvice::for_value("dXNlcjpwYXNz");
        assert!(auth.maskable_expanded && auth.maskable_raw);
        let short = VariableAdvice::for_value("abc");
        assert!(!short.maskable_expanded && !short.maskable_raw);
        let pretty = VariableAdvice::for_value("{\n  \"auths\": {}\n}");
        assert!(!pretty.maskable_raw);
        let dollar = VariableAdvice::for_value("pa$$word1");
        assert!(dollar.contains_dollar && !dollar.maskable_expanded && dollar.maskable_raw);
        assert!(!VariableAdvice::for_value(&"a".repeat(10_001)).fits_instance_limit);
        let japanese = VariableAdvice::for_value("日本語のトークン値");
        assert_eq!(japanese.length, 9);
        assert!(japanese.maskable_raw && !japanese.maskable_expanded);
    }

    proptest::proptest! {
        /// The byte-wise rules equal the regexes read character by character.
        #[test]
        fn bytes_agree_with_characters(value in "\\PC{0,40}|[a-zA-Z0-9_+=/@:.~ \\t{}\"$-]{0,12}") {
            let length = value.chars().count();
            let expanded = length >= 8 && value.chars().all(|c| c.is_ascii_alphanumeric() || "_+=/@:.~-".contains(c));
            let raw = length >= 8 && !value.chars().any(|c| matches!(c, ' ' | '\t' | '\r' | '\n' | '\x0c' | '\x0b'));
            let advice = VariableAdvice::for_value(&value);
            proptest::prop_assert_eq!((advice.length, advice.maskable_expanded, advice.maskable_raw), (length, expanded, raw));
        }
    }
}
