//! An `auth` field decoded as the docker CLI decodes it, with each deviation reported and
//! what can be repaired repaired (`docs/docker-cli.md#decodeauth`).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use super::{push, Inspection};
use crate::auth_encoding::trim_nul;
use crate::findings::{FindingCode, Severity};

/// What an `auth` decodes to.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum DecodedAuth {
    /// The bytes, as decoded or after a repair.
    Bytes(Vec<u8>),
    /// A token pasted as it is (reported; loaded as pasted).
    RawToken,
    /// Not base64 even after every repair (reported).
    Invalid,
}

/// Decodes `auth` as the docker CLI does (`docs/docker-cli.md#decodeauth`: standard alphabet, padding
/// required, `\r`/`\n` skipped), reporting each deviation (`docs/failure-modes.md#wrapped-base64`,
/// `docs/failure-modes.md#url-safe-or-unpadded-base64`) and still decoding what can be repaired.
///
/// Bytes that are neither UTF-8 nor hold a `:` are no `user:token` at all: what was pasted is a
/// raw token, [`DecodedAuth::RawToken`]. Decoded as it stands, the runner then finds no `:`;
/// decoded only after a repair, the repair was a wrong guess and the runner reads it as illegal
/// base64, so the repair's findings give way to that one.
pub(super) fn decode_auth_checked(auth: &str, at: Option<(usize, &str)>, ins: &mut Inspection) -> DecodedAuth {
    if !has_line_break(auth) {
        if let Ok(bytes) = STANDARD.decode(auth.as_bytes()) {
            if is_raw_token(&bytes) {
                push(&mut ins.findings, FindingCode::AuthNoColon, Severity::Error, at, "");
                return DecodedAuth::RawToken;
            }
            return DecodedAuth::Bytes(bytes);
        }
    }
    let before = ins.findings.len();
    match repaired(auth, at, ins) {
        Some(bytes) if is_raw_token(&bytes) => {
            ins.findings.truncate(before);
            push(&mut ins.findings, FindingCode::AuthBase64Invalid, Severity::Error, at, "");
            DecodedAuth::RawToken
        }
        Some(bytes) => DecodedAuth::Bytes(bytes),
        None => DecodedAuth::Invalid,
    }
}

/// Not text, and no `:`: the bytes of a token that was never base64.
fn is_raw_token(bytes: &[u8]) -> bool {
    std::str::from_utf8(trim_nul(bytes)).is_err() && !bytes.contains(&b':')
}

/// The decode after the deviations the docker CLI refuses are repaired, each reported.
fn repaired(auth: &str, at: Option<(usize, &str)>, ins: &mut Inspection) -> Option<Vec<u8>> {
    let mut candidate: String = auth.chars().filter(|c| *c != '\n' && *c != '\r').collect();
    if candidate.len() != auth.len() {
        push(&mut ins.findings, FindingCode::AuthWrapped, Severity::Warning, at, "");
        if let Ok(bytes) = STANDARD.decode(candidate.as_bytes()) {
            return Some(bytes);
        }
    }
    if candidate.contains([' ', '\t']) {
        push(&mut ins.findings, FindingCode::AuthBase64Spaces, Severity::Error, at, "");
        candidate.retain(|c| c != ' ' && c != '\t');
    }
    if candidate.contains(['-', '_']) {
        push(&mut ins.findings, FindingCode::AuthBase64UrlSafe, Severity::Error, at, "");
        candidate = candidate.replace('-', "+").replace('_', "/");
    }
    let trimmed = candidate.trim_end_matches('=');
    if candidate.len() % 4 != 0 && !candidate.ends_with('=') && trimmed.len() % 4 != 1 {
        let padded = format!("{trimmed}{}", "=".repeat((4 - trimmed.len() % 4) % 4));
        if STANDARD.decode(padded.as_bytes()).is_ok() {
            push(&mut ins.findings, FindingCode::AuthBase64Unpadded, Severity::Error, at, "");
            candidate = padded;
        }
    }
    match STANDARD.decode(candidate.as_bytes()) {
        Ok(bytes) => Some(bytes),
        Err(_) => {
            push(&mut ins.findings, FindingCode::AuthBase64Invalid, Severity::Error, at, "");
            None
        }
    }
}

/// A `\n` or `\r` anywhere (byte search: this runs on every field of every entry).
fn has_line_break(text: &str) -> bool {
    text.bytes().any(|b| b == b'\n' || b == b'\r')
}
