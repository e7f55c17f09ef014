//! Pasted base64 read leniently: standard or URL-safe alphabet, padded or not, whitespace
//! ignored, as people paste it from a terminal or a Secret. Shared by the inspector and `usernames`.
//!
//! ```
//! use registry_auth::lenient_base64::{base64_of_json, decode_lenient};
//! assert_eq!(decode_lenient("dTpw\nZA").as_deref(), Some(&b"u:pd"[..]));
//! assert_eq!(base64_of_json("eyJhIjoxfQ==").as_deref(), Some("{\"a\":1}"));
//! assert_eq!(base64_of_json("{\"a\":1}"), None);
//! ```

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

/// Base64 (whitespace ignored) to UTF-8 text.
pub fn base64_text(text: &str) -> Option<String> {
    String::from_utf8(decode_lenient(text)?).ok()
}

/// Whether every byte could belong to base64 of either alphabet (or is whitespace), at least four.
pub fn looks_like_base64(text: &str) -> bool {
    text.len() >= 4
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_') || b.is_ascii_whitespace())
}

/// Decodes standard or URL-safe base64, padded or not, whitespace ignored.
pub fn decode_lenient(text: &str) -> Option<Vec<u8>> {
    const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    let mut compact = text.as_bytes().to_vec();
    compact.retain(|b| !b.is_ascii_whitespace());
    let standard = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
    let url_safe = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);
    standard.decode(&compact).or_else(|_| url_safe.decode(&compact)).ok()
}

/// The text of `text` decoded when it is base64 of a JSON object (not JSON itself).
pub fn base64_of_json(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.starts_with('{') || !looks_like_base64(trimmed) {
        return None;
    }
    base64_text(trimmed).filter(|decoded| decoded.trim_start().starts_with('{'))
}
