//! The `auth` field of a docker config entry: standard, padded base64 of the UTF-8 bytes of
//! `user:password`, exactly what `printf '%s' "user:pass" | base64 -w 0` prints.
//!
//! Rules (`docs/docker-cli.md#decodeauth`, `decodeAuth`): standard alphabet, padding required,
//! split on the **first** `:` (passwords may contain `:`), an empty username or no `:` is
//! `invalid auth configuration file`, and only `\x00` is trimmed, so a trailing newline stays
//! in the password.
//!
//! ```
//! use registry_auth::auth_encoding::{encode_auth, decode_auth};
//! let auth = encode_auth("deployer", "to:ken").unwrap();
//! assert_eq!(auth, "ZGVwbG95ZXI6dG86a2Vu");
//! assert_eq!(decode_auth(&auth).unwrap(), ("deployer".into(), "to:ken".into()));
//! ```

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// Why a username cannot be encoded into an `auth` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsernameError {
    /// Readers split on the first `:`, so the rest of the name would become the password.
    Empty,
    ContainsColon,
    /// Control characters: the docker CLI trims NUL (so `\0` alone becomes an empty name) and
    /// no registry account has them.
    ControlCharacter,
}

/// Encodes `user:password`. The password may contain anything, `:` included.
pub fn encode_auth(username: &str, password: &str) -> Result<String, UsernameError> {
    validate_username(username)?;
    let mut plain = String::with_capacity(username.len() + 1 + password.len());
    plain.push_str(username);
    plain.push(':');
    plain.push_str(password);
    Ok(STANDARD.encode(plain.as_bytes()))
}

/// Checks the two rules the docker CLI and the runner enforce on the decoded user name.
pub fn validate_username(username: &str) -> Result<(), UsernameError> {
    if username.is_empty() {
        Err(UsernameError::Empty)
    } else if username.contains(':') {
        Err(UsernameError::ContainsColon)
    } else if username.chars().any(char::is_control) {
        Err(UsernameError::ControlCharacter)
    } else {
        Ok(())
    }
}

/// Why an `auth` value would be rejected by the docker CLI's `decodeAuth`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthDecodeError {
    /// Not standard padded base64 (URL-safe alphabet, missing padding, spaces…).
    NotStandardBase64,
    /// The decoded bytes are not UTF-8 text.
    NotUtf8,
    /// No `:` in the decoded text.
    NoColon,
    /// Nothing before the first `:`.
    EmptyUsername,
}

/// Decodes an `auth` value the way the docker CLI does, except that it does not tolerate the
/// `\r`/`\n` that Go's decoder skips: callers that want to know about wrapped base64 strip
/// those first and report them separately.
pub fn decode_auth(auth: &str) -> Result<(String, String), AuthDecodeError> {
    let bytes = STANDARD.decode(auth.as_bytes()).map_err(|_| AuthDecodeError::NotStandardBase64)?;
    let bytes = trim_nul(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| AuthDecodeError::NotUtf8)?;
    let (user, pass) = text.split_once(':').ok_or(AuthDecodeError::NoColon)?;
    if user.is_empty() {
        return Err(AuthDecodeError::EmptyUsername);
    }
    Ok((user.to_owned(), pass.to_owned()))
}

/// `decodeAuth` trims only NUL bytes (`strings.Trim(…, "\x00")`).
pub(crate) fn trim_nul(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| *b != 0).map_or(start, |i| i + 1);
    &bytes[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_known_coreutils_output() {
        // printf '%s' 'user:pass' | base64 -w 0
        assert_eq!(encode_auth("user", "pass").unwrap(), "dXNlcjpwYXNz");
        assert_eq!(encode_auth("ü", "p:w").unwrap(), "w7w6cDp3");
    }

    #[test]
    fn rejects_bad_usernames() {
        assert_eq!(encode_auth("", "x"), Err(UsernameError::Empty));
        assert_eq!(encode_auth("a:b", "x"), Err(UsernameError::ContainsColon));
        assert_eq!(encode_auth("\0", "x"), Err(UsernameError::ControlCharacter));
        assert_eq!(encode_auth("a\tb", "x"), Err(UsernameError::ControlCharacter));
    }

    #[test]
    fn decode_reports_each_failure() {
        assert_eq!(decode_auth("dXNlcjpwYXNz-"), Err(AuthDecodeError::NotStandardBase64));
        assert_eq!(decode_auth("dXNlcjpwYXNz\n"), Err(AuthDecodeError::NotStandardBase64));
        assert_eq!(decode_auth("dXNlcg=="), Err(AuthDecodeError::NoColon));
        assert_eq!(decode_auth("OnBhc3M="), Err(AuthDecodeError::EmptyUsername));
        assert_eq!(decode_auth("/w=="), Err(AuthDecodeError::NotUtf8));
        // A trailing newline in the password is kept, as the docker CLI keeps it.
        assert_eq!(decode_auth("dTpwCg==").unwrap().1, "p\n");
    }
}
