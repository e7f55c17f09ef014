//! How to store a value as a GitLab CI/CD variable, computed from the value itself.
//!
//! Rules (registry-auth-semantics.md §3, GitLab `app/models/concerns/ci/maskable.rb`):
//! - Masked with "Expand variable" on: `\A[a-zA-Z0-9_+=/@:.~-]{8,}\z`.
//! - Masked with it off (raw): `\A\S{8,}\z`.
//! - `$NAME` is expanded unless the variable is raw, so a value with `$` needs Expand off.
//! - Instance-level variables hold at most 10,000 characters.
//!
//! ```
//! use auth_config_builder::gitlab_variable::VariableAdvice;
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
    pub fn for_value(value: &str) -> Self {
        let length = value.chars().count();
        let long_enough = length >= MIN_MASKED_LENGTH;
        VariableAdvice {
            length,
            maskable_expanded: long_enough && value.chars().all(is_expanded_mask_char),
            maskable_raw: long_enough && !value.chars().any(is_ruby_space),
            contains_dollar: value.contains('$'),
            fits_instance_limit: length <= INSTANCE_VALUE_LIMIT,
        }
    }

    /// Whether the value can be Masked with the recommended settings (Expand off).
    pub fn maskable(&self) -> bool {
        self.maskable_raw
    }
}

fn is_expanded_mask_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_+=/@:.~-".contains(c)
}

/// Ruby's `\S` is the complement of `[ \t\r\n\f\v]`.
fn is_ruby_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\x0c' | '\x0b')
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
    }
}
