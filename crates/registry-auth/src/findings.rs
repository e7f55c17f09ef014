//! Findings: one observation about the input or a pasted config, with a stable code.
//! The text for each code lives in the app's locale files, so findings stay data.

use strum::{EnumIter, IntoStaticStr};

use crate::token_kind::TokenKind;

/// How bad a finding is. The names are the `data-severity` values of the UI contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Every finding the generator and the inspector can report. `as_str()` is the stable
/// kebab-case `data-code` of the UI contract; codes both readers report mean the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, EnumIter, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum FindingCode {
    RegistryEmpty,
    /// A preset's placeholder (`ACCOUNT`, `REGION`) left in the registry.
    RegistryPlaceholder,
    RegistryInvalid,
    RegistryPortInvalid,
    RegistryCredentials,
    DockerHubKey,
    RegistrySchemeOrPath,
    NamespacedKey,
    UsernameEmpty,
    UsernameColon,
    UsernameControl,
    SecretEmpty,
    WhitespaceInField,
    DollarInField,
    HelperEmpty,
    HelperNameInvalid,
    DesktopOnlyStore,
    HelperNeedsInstall,
    DuplicateKey,
    CredsStoreDockerHub,
    CredsStoreShadowsAuths,
    EcrAwsRegion,
    PlainFieldsStrictCli,
    ValueNotMaskable,
    ValueTooLong,
    NoRegistries,
    InputEmpty,
    JsonInvalid,
    JsonRawNewline,
    JsonInvalidEscape,
    JsonLoneSurrogate,
    JsonTooDeep,
    JsonTrailingText,
    JsonNotObject,
    JsonWrongType,
    JsonDuplicateKey,
    LegacyFormat,
    K8sWrapped,
    K8sSecretUnreadable,
    BareAuthString,
    NoCredentials,
    AuthWrapped,
    AuthBase64UrlSafe,
    AuthBase64Unpadded,
    AuthBase64Spaces,
    AuthBase64Invalid,
    AuthNotUtf8,
    AuthNoColon,
    AuthEmptyUsername,
    AuthFieldsDisagree,
    PasswordEmpty,
    EmptyEntry,
    DesktopCopy,
    HubKeyNeverMatches,
    HubKeyCliMismatch,
    KeyApiPath,
    KeyNamespaced,
    KeySchemeOrPath,
    KeyUpperCase,
    KeyInvalid,
    KeyVariable,
    DuplicateRegistry,
    StrictCliRejects,
    StrictCliMissingAuth,
    MaskNeedsRaw,
    NotMaskable,
    FindingsTruncated,
    AuthIsToken,
    TokenAsUsername,
    TokenLeastPrivilege,
    TokenShortLived,
    TokenNotForRegistry,
    TokenOrganizationUsername,
    MixedHelpersAndAuths,
    TokenFieldOverridesAuth,
    KeyHttpScheme,
    JsonBom,
    JsonVariablePrefix,
    JsonShellQuotes,
    JsonTypographicQuotes,
    JsonNbsp,
    AuthCarriageReturn,
    JsonMisplacedKey,
    /// `auth` holds `user:token` as text, not its base64 (`:` is no base64 character).
    AuthNotEncoded,
    /// An invisible or look-alike character in a username or password (`stray_characters`).
    InvisibleCharacter,
    /// A username or password wrapped in quotes.
    QuotedCredential,
    /// `$NAME` or `${NAME}` in a username or password: base64 is never expanded.
    VariableReferenceInCredential,
    /// A registry host with characters beyond ASCII: no image reference can name it.
    HostIdn,
    /// A registry host ending in a dot: no image reference can name it.
    HostTrailingDot,
    /// A credential helper the chosen GitLab Runner version refuses to run from a job-supplied
    /// value (`helper_allowlist`).
    HelperNotAllowed,
    /// A Secret whose type is neither Docker type: the kubelet skips it silently
    /// (`docs/kubernetes.md#the-secrets-type`).
    K8sSecretType,
    /// A Docker-type Secret holding the other Docker type's key or format.
    K8sSecretKeyMismatch,
    /// Base64 of the JSON where the JSON itself belongs (`stringData`, or `data` encoded twice).
    Base64InsteadOfJson,
    /// A credential valid only while its job runs (username `gitlab-ci-token`) stored in a value
    /// or Secret that outlives the job.
    ShortLivedInStaticValue,
    /// `_json_key` with a base64 key, or `_json_key_base64` with the JSON key.
    JsonKeyUsername,
    /// An e-mail address where Docker Hub wants the Docker ID.
    DockerHubEmailUsername,
    /// What Buildah, Podman and Skopeo (containers/image) do not read: `credsStore`, entries
    /// with `username`/`password` but no `auth`.
    IgnoredByContainersImage,
}

/// A field of a registry row the user fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryField {
    Username,
    Secret,
}

/// Which part of the tool reports a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reporter {
    /// The generator, about what was typed (`config_builder::build`).
    Generator,
    /// The inspector, about a pasted config (`inspector::inspect`).
    Inspector,
    Both,
}

impl FindingCode {
    /// The `data-code` value, e.g. `username-colon`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Who reports it: the corpora test each reporter's codes both ways.
    pub fn reporter(self) -> Reporter {
        match self {
            FindingCode::RegistryEmpty
            | FindingCode::RegistryPlaceholder
            | FindingCode::RegistryInvalid
            | FindingCode::RegistryPortInvalid
            | FindingCode::RegistryCredentials
            | FindingCode::DockerHubKey
            | FindingCode::RegistrySchemeOrPath
            | FindingCode::NamespacedKey
            | FindingCode::UsernameEmpty
            | FindingCode::UsernameControl
            | FindingCode::SecretEmpty
            | FindingCode::DuplicateKey
            | FindingCode::PlainFieldsStrictCli
            | FindingCode::ValueNotMaskable
            | FindingCode::NoRegistries => Reporter::Generator,
            FindingCode::InputEmpty
            | FindingCode::JsonInvalid
            | FindingCode::JsonRawNewline
            | FindingCode::JsonInvalidEscape
            | FindingCode::JsonLoneSurrogate
            | FindingCode::JsonTooDeep
            | FindingCode::JsonTrailingText
            | FindingCode::JsonNotObject
            | FindingCode::JsonWrongType
            | FindingCode::JsonDuplicateKey
            | FindingCode::LegacyFormat
            | FindingCode::K8sWrapped
            | FindingCode::K8sSecretUnreadable
            | FindingCode::BareAuthString
            | FindingCode::NoCredentials
            | FindingCode::AuthWrapped
            | FindingCode::AuthBase64UrlSafe
            | FindingCode::AuthBase64Unpadded
            | FindingCode::AuthBase64Spaces
            | FindingCode::AuthBase64Invalid
            | FindingCode::AuthNotUtf8
            | FindingCode::AuthNoColon
            | FindingCode::AuthEmptyUsername
            | FindingCode::AuthFieldsDisagree
            | FindingCode::PasswordEmpty
            | FindingCode::EmptyEntry
            | FindingCode::DesktopCopy
            | FindingCode::HubKeyNeverMatches
            | FindingCode::HubKeyCliMismatch
            | FindingCode::KeyApiPath
            | FindingCode::KeyNamespaced
            | FindingCode::KeySchemeOrPath
            | FindingCode::KeyUpperCase
            | FindingCode::KeyInvalid
            | FindingCode::KeyVariable
            | FindingCode::DuplicateRegistry
            | FindingCode::StrictCliRejects
            | FindingCode::StrictCliMissingAuth
            | FindingCode::MaskNeedsRaw
            | FindingCode::NotMaskable
            | FindingCode::FindingsTruncated
            | FindingCode::AuthIsToken
            | FindingCode::TokenFieldOverridesAuth
            | FindingCode::KeyHttpScheme
            | FindingCode::JsonBom
            | FindingCode::JsonVariablePrefix
            | FindingCode::JsonShellQuotes
            | FindingCode::JsonTypographicQuotes
            | FindingCode::JsonNbsp
            | FindingCode::AuthCarriageReturn
            | FindingCode::JsonMisplacedKey
            | FindingCode::AuthNotEncoded
            | FindingCode::K8sSecretType
            | FindingCode::K8sSecretKeyMismatch
            | FindingCode::Base64InsteadOfJson
            | FindingCode::IgnoredByContainersImage => Reporter::Inspector,
            FindingCode::UsernameColon
            | FindingCode::WhitespaceInField
            | FindingCode::DollarInField
            | FindingCode::HelperEmpty
            | FindingCode::HelperNameInvalid
            | FindingCode::DesktopOnlyStore
            | FindingCode::HelperNeedsInstall
            | FindingCode::CredsStoreDockerHub
            | FindingCode::CredsStoreShadowsAuths
            | FindingCode::EcrAwsRegion
            | FindingCode::ValueTooLong
            | FindingCode::TokenAsUsername
            | FindingCode::TokenLeastPrivilege
            | FindingCode::TokenShortLived
            | FindingCode::TokenNotForRegistry
            | FindingCode::TokenOrganizationUsername
            | FindingCode::MixedHelpersAndAuths
            | FindingCode::InvisibleCharacter
            | FindingCode::QuotedCredential
            | FindingCode::VariableReferenceInCredential
            | FindingCode::HostIdn
            | FindingCode::HostTrailingDot
            | FindingCode::HelperNotAllowed
            | FindingCode::ShortLivedInStaticValue
            | FindingCode::JsonKeyUsername
            | FindingCode::DockerHubEmailUsername => Reporter::Both,
        }
    }

    /// Whether the subject is the field `username` or `password` (the page names it in its
    /// language).
    pub fn names_a_field(self) -> bool {
        matches!(
            self,
            FindingCode::WhitespaceInField
                | FindingCode::DollarInField
                | FindingCode::InvisibleCharacter
                | FindingCode::QuotedCredential
                | FindingCode::VariableReferenceInCredential
        )
    }

    /// The field an "empty field" finding is about: the page holds it back until the user has
    /// been to that field (or the row was loaded), so a row just started does not open with
    /// errors about the fields after the one being typed in.
    pub fn waits_for_field(self) -> Option<EntryField> {
        match self {
            FindingCode::UsernameEmpty => Some(EntryField::Username),
            FindingCode::SecretEmpty => Some(EntryField::Secret),
            _ => None,
        }
    }
}

/// One finding. `subject` names what it is about (a field, a key, a helper) and is the
/// `{subject}` parameter of the code's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    /// The generator entry (0-based) it concerns, if any.
    pub entry: Option<usize>,
    /// The config key it concerns, if any.
    pub key: Option<String>,
    pub subject: String,
    /// More about the subject, the `{detail}` of the text: which character (`U+200B ZERO WIDTH
    /// SPACE`), which variable reference. Empty for most codes.
    pub detail: String,
    /// A 1-based position in the subject (a character of a field), the `{at}` of the text.
    pub at: Option<usize>,
    /// The token kind it is about (`token_kind`), if any: the page names the kind in words as
    /// the `{subject}` and adds what that kind needs. `subject` is then the kind's id.
    pub token: Option<TokenKind>,
}

impl Finding {
    pub fn new(code: FindingCode, severity: Severity) -> Self {
        Finding { code, severity, entry: None, key: None, subject: String::new(), detail: String::new(), at: None, token: None }
    }

    /// About a token kind: the subject becomes the kind's id.
    pub fn token(mut self, kind: TokenKind) -> Self {
        self.token = Some(kind);
        self.subject = kind.as_str().to_owned();
        self
    }

    pub fn entry(mut self, index: usize) -> Self {
        self.entry = Some(index);
        self
    }

    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = subject.into();
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }

    pub fn at(mut self, position: usize) -> Self {
        self.at = Some(position);
        self
    }
}

/// Sorts errors first, then by entry, keeping the order of checks otherwise.
pub fn sort_findings(findings: &mut Vec<Finding>) {
    crate::stable_sort::sort_by_key(findings, |f| (f.severity, f.entry.unwrap_or(usize::MAX)));
}
