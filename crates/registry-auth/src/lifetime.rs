//! How long a recognised credential lives (`docs/tokens.md#lifetimes`): a value that stores a
//! short-lived one works today and is refused tomorrow, so the page says when.
//!
//! - An ECR password (`aws ecr get-login-password`) carries its `expiration` (Unix seconds) in
//!   the base64 JSON it is made of; AWS says the token lasts 12 hours.
//! - A JWT (an Azure ACR access token, a GitLab ID token) carries `exp`.
//! - A job token (`glcbt-…`, or any password under the username `gitlab-ci-token`) lives only
//!   while its job runs.
//! - A Google access token (`ya29.`) lives about an hour, an ACR token about three: when the
//!   token does not say, the page says "about".
//!
//! ```
//! use registry_auth::lifetime::{lifetime, Lifetime, iso8601};
//! use base64::Engine;
//! let ecr = base64::engine::general_purpose::STANDARD.encode(
//!     r#"{"payload":"not-real","datakey":"not-real","version":"2","type":"DATA_KEY","expiration":1700000000}"#);
//! assert_eq!(lifetime("AWS", &ecr), Some(Lifetime::At(1_700_000_000)));
//! assert_eq!(iso8601(1_700_000_000), "2023-11-14T22:13:20Z");
//! assert_eq!(lifetime("gitlab-ci-token", "not-a-real-token"), Some(Lifetime::Job));
//! ```

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;

use crate::token_kind::TokenKind;

/// How long a credential lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifetime {
    /// Refused from this Unix time (seconds), as the credential itself says.
    At(i64),
    /// Valid only while the job that made it runs.
    Job,
    /// About this many seconds after it was made; the credential does not say when that was.
    About(u32),
}

impl Lifetime {
    /// `data-expires`: the moment in ISO 8601 UTC, `job` for a job token, or `None` when only
    /// the length is known.
    pub fn expires_attribute(self) -> Option<String> {
        match self {
            Lifetime::At(unix) => Some(iso8601(unix)),
            Lifetime::Job => Some("job".to_owned()),
            Lifetime::About(_) => None,
        }
    }

    /// Which of two comes first: a job token before anything with a date (it ends with a job of
    /// minutes), a date before an "about" (which may already have passed).
    pub fn earlier(self, other: Lifetime) -> Lifetime {
        use Lifetime::*;
        match (self, other) {
            (At(a), At(b)) => At(a.min(b)),
            (About(a), About(b)) => About(a.min(b)),
            (Job, _) | (_, Job) => Job,
            (At(a), About(_)) | (About(_), At(a)) => At(a),
        }
    }
}

/// About an hour: a Google OAuth 2.0 access token (`docs/tokens.md#google`).
const GOOGLE_ACCESS_TOKEN_SECONDS: u32 = 3_600;
/// About three hours: the token `az acr login` uses (`docs/tokens.md#azure`).
const ACR_TOKEN_SECONDS: u32 = 10_800;

/// The lifetime of the credential `username`/`secret`, or `None` for one that lasts until it is
/// revoked or rotated (or is not recognised). Never panics; decodes at most one small JSON.
pub fn lifetime(username: &str, secret: &str) -> Option<Lifetime> {
    if crate::usernames::is_job_token_username(username) {
        return Some(Lifetime::Job);
    }
    match TokenKind::recognise(secret) {
        Some(TokenKind::GitlabJobToken) => return Some(Lifetime::Job),
        Some(TokenKind::AwsEcrPassword) => return Some(ecr_expiration(secret).map_or(Lifetime::About(43_200), Lifetime::At)),
        Some(TokenKind::GoogleAccessToken) => return Some(Lifetime::About(GOOGLE_ACCESS_TOKEN_SECONDS)),
        _ => {}
    }
    if let Some(exp) = jwt_expiration(secret) {
        return Some(Lifetime::At(exp));
    }
    (TokenKind::recognise(username) == Some(TokenKind::AzureTokenUser)).then_some(Lifetime::About(ACR_TOKEN_SECONDS))
}

/// [`lifetime`] for a credential of the registry `registry` (as typed or as a key): also the
/// ECR rule that needs the registry, `AWS` as the username of an ECR private registry. ECR's
/// `docker login` takes only the 12-hour authorization token (`aws ecr get-login-password`) under
/// that username, whatever the password looks like (`docs/tokens.md#lifetimes`).
pub fn lifetime_at(registry: &str, username: &str, secret: &str) -> Option<Lifetime> {
    lifetime(username, secret).or_else(|| {
        let ecr = crate::keyless::registry_kind(registry, None) == crate::keyless::RegistryKind::Ecr;
        (ecr && username.trim() == "AWS").then_some(Lifetime::About(43_200))
    })
}

/// The earliest of several lifetimes (a value's), or `None` when none expires.
pub fn earliest(lifetimes: impl IntoIterator<Item = Lifetime>) -> Option<Lifetime> {
    lifetimes.into_iter().reduce(Lifetime::earlier)
}

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
/// Tokens longer than this are not decoded (an ECR password is about 2 KB, a JWT a few KB).
const MAX_DECODED: usize = 16 * 1024;

/// `expiration` of an ECR password: base64 of `{"payload":…,"expiration":<Unix seconds>}`. The
/// field names are those of the tokens `get-login-password` prints; AWS documents the token as
/// opaque (not confirmed by AWS: `docs/tokens.md#lifetimes`).
fn ecr_expiration(secret: &str) -> Option<i64> {
    let text = secret.trim();
    if text.len() > MAX_DECODED {
        return None;
    }
    let bytes = GeneralPurpose::new(&alphabet::STANDARD, LENIENT).decode(text).ok()?;
    let fields: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(&bytes).ok()?;
    fields.get("expiration")?.as_i64()
}

/// `exp` of a JWT (`header.payload.signature`, base64url), when the header says it is one.
fn jwt_expiration(secret: &str) -> Option<i64> {
    let text = secret.trim();
    if text.len() > MAX_DECODED || !text.starts_with("eyJ") {
        return None;
    }
    let mut parts = text.split('.');
    let (header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let decode = |part: &str| GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT).decode(part).ok();
    let header: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(&decode(header)?).ok()?;
    header.get("alg")?;
    let claims: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(&decode(payload)?).ok()?;
    claims.get("exp")?.as_i64()
}

/// Unix seconds as ISO 8601 UTC (`2023-11-14T22:13:20Z`), by the civil-from-days algorithm
/// (proleptic Gregorian calendar; years 0 to 9999, clamped).
pub fn iso8601(unix: i64) -> String {
    let unix = unix.clamp(-62_167_219_200, 253_402_300_799);
    let days = unix.div_euclid(86_400);
    let seconds = unix.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", seconds / 3_600, seconds % 3_600 / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};

    #[test]
    fn dates() {
        for (unix, text) in [
            (0, "1970-01-01T00:00:00Z"),
            (1_700_000_000, "2023-11-14T22:13:20Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (4_102_444_799, "2099-12-31T23:59:59Z"),
            (-86_400, "1969-12-31T00:00:00Z"),
        ] {
            assert_eq!(iso8601(unix), text);
        }
        assert_eq!(iso8601(i64::MAX), "9999-12-31T23:59:59Z");
    }

    #[test]
    fn each_kind() {
        let jwt = |claims: &str| {
            format!("{}.{}.not-a-real-signature", URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","typ":"JWT"}"#), URL_SAFE_NO_PAD.encode(claims))
        };
        assert_eq!(lifetime("00000000-0000-0000-0000-000000000000", &jwt(r#"{"exp":1800000000}"#)), Some(Lifetime::At(1_800_000_000)));
        assert_eq!(lifetime("00000000-0000-0000-0000-000000000000", "not-a-real-token"), Some(Lifetime::About(10_800)));
        assert_eq!(lifetime("oauth2accesstoken", "ya29.not-a-real-google-access-token-0000"), Some(Lifetime::About(3_600)));
        assert_eq!(lifetime("ci-bot", "glcbt-not-a-real-job-token-00000"), Some(Lifetime::Job));
        let ecr_without = STANDARD.encode(r#"{"payload":"x","datakey":"y","version":"2"}"#);
        assert_eq!(lifetime("AWS", &ecr_without), Some(Lifetime::About(43_200)));
        for (user, secret) in
            [("robot", "not-a-real-token"), ("gitlab+deploy-token-1", "gldt-not-a-real-token-0000000000"), ("u", &jwt(r#"{"sub":"x"}"#))]
        {
            assert_eq!(lifetime(user, secret), None, "{user}");
        }
        assert_eq!(lifetime("u", "eyJ.not.a-jwt"), None);
        // On an ECR registry, `AWS` says it is the 12-hour token whatever the password looks like.
        let ecr_host = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
        assert_eq!(lifetime_at(ecr_host, "AWS", "not-a-real-token"), Some(Lifetime::About(43_200)));
        assert_eq!(lifetime_at(&format!("https://{ecr_host}"), "AWS", "not-a-real-token"), Some(Lifetime::About(43_200)));
        assert_eq!(lifetime_at("registry.example.com", "AWS", "not-a-real-token"), None);
        assert_eq!(lifetime_at(ecr_host, "ci-bot", "not-a-real-token"), None);
    }

    #[test]
    fn the_earliest_wins() {
        assert_eq!(earliest([Lifetime::At(5), Lifetime::At(3)]), Some(Lifetime::At(3)));
        assert_eq!(earliest([Lifetime::About(3_600), Lifetime::At(9)]), Some(Lifetime::At(9)));
        assert_eq!(earliest([Lifetime::At(9), Lifetime::Job]), Some(Lifetime::Job));
        assert_eq!(earliest([]), None);
        assert_eq!(Lifetime::At(1_700_000_000).expires_attribute().as_deref(), Some("2023-11-14T22:13:20Z"));
        assert_eq!(Lifetime::Job.expires_attribute().as_deref(), Some("job"));
    }
}
