//! Presets that fill a registry row for common registries, and the GitLab token kinds with the
//! scopes they need (`docs/gitlab-runner.md#credential-helpers` for the helpers).

use strum::{EnumIter, EnumString, IntoStaticStr};

use crate::setup::{CredentialKind, RegistryEntry};

/// A preset's stable id, the `<option>` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, IntoStaticStr, EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum PresetId {
    DockerHub,
    /// Docker Hardened Images: pulls need a Docker account login (`docs/tokens.md#docker-hub`).
    Dhi,
    GitlabCom,
    GitlabSelfManaged,
    EcrPrivate,
    EcrPublic,
    ArtifactRegistry,
    Gcr,
    Acr,
    Quay,
    Ghcr,
    Custom,
}

impl PresetId {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A registry people use often. `registry` may hold placeholders in capitals that the user
/// replaces (the account and region of an ECR registry, say).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    pub id: PresetId,
    pub registry: &'static str,
    pub kind: CredentialKind,
    /// The helper for helper presets.
    pub helper: &'static str,
    /// Whether the GitLab token kinds apply.
    pub gitlab: bool,
}

pub const PRESETS: [Preset; 12] = [
    Preset { id: PresetId::DockerHub, registry: "docker.io", kind: CredentialKind::Basic, helper: "", gitlab: false },
    Preset { id: PresetId::Dhi, registry: "dhi.io", kind: CredentialKind::Basic, helper: "", gitlab: false },
    Preset { id: PresetId::GitlabCom, registry: "registry.gitlab.com", kind: CredentialKind::Basic, helper: "", gitlab: true },
    Preset { id: PresetId::GitlabSelfManaged, registry: "gitlab.example.com:5050", kind: CredentialKind::Basic, helper: "", gitlab: true },
    Preset {
        id: PresetId::EcrPrivate,
        registry: "ACCOUNT.dkr.ecr.REGION.amazonaws.com",
        kind: CredentialKind::Helper,
        helper: "ecr-login",
        gitlab: false,
    },
    Preset { id: PresetId::EcrPublic, registry: "public.ecr.aws", kind: CredentialKind::Helper, helper: "ecr-login", gitlab: false },
    Preset {
        id: PresetId::ArtifactRegistry,
        registry: "REGION-docker.pkg.dev",
        kind: CredentialKind::Helper,
        helper: "gcloud",
        gitlab: false,
    },
    Preset { id: PresetId::Gcr, registry: "gcr.io", kind: CredentialKind::Helper, helper: "gcloud", gitlab: false },
    Preset { id: PresetId::Acr, registry: "REGISTRY.azurecr.io", kind: CredentialKind::Helper, helper: "acr-env", gitlab: false },
    Preset { id: PresetId::Quay, registry: "quay.io", kind: CredentialKind::Basic, helper: "", gitlab: false },
    Preset { id: PresetId::Ghcr, registry: "ghcr.io", kind: CredentialKind::Basic, helper: "", gitlab: false },
    Preset { id: PresetId::Custom, registry: "", kind: CredentialKind::Basic, helper: "", gitlab: false },
];

/// The preset's placeholder when `typed` still holds one: the preset's registry as it was filled
/// in (in any case: the key is lower-cased, `account.dkr.ecr.region.amazonaws.com`), or one of
/// its capitalised placeholder words (`ACCOUNT`, `REGION`, `REGISTRY`). Such a key names no real
/// registry, so the generator refuses it.
pub fn placeholder_in(typed: &str) -> Option<&'static str> {
    let typed = typed.trim();
    PRESETS.iter().map(|p| p.registry).filter(|r| r.bytes().any(|b| b.is_ascii_uppercase())).find(|registry| {
        let words = registry.split(|c: char| !c.is_ascii_uppercase()).filter(|w| w.len() > 1);
        typed.eq_ignore_ascii_case(registry) || words.into_iter().any(|w| typed.contains(w))
    })
}

impl Preset {
    /// The preset of an `<option>` value; `None` for an id no preset has.
    pub fn find(id: &str) -> Option<&'static Preset> {
        let id: PresetId = id.parse().ok()?;
        PRESETS.iter().find(|p| p.id == id)
    }

    /// Applies the preset to `entry`, keeping the username and secret already typed.
    pub fn apply(&self, entry: &RegistryEntry) -> RegistryEntry {
        RegistryEntry {
            registry: self.registry.to_owned(),
            kind: self.kind,
            helper: if self.helper.is_empty() { entry.helper.clone() } else { self.helper.to_owned() },
            ..entry.clone()
        }
    }
}

/// Whether a registry looks like a GitLab container registry, for showing the token kinds.
pub fn looks_like_gitlab(registry: &str) -> bool {
    let lower = registry.to_ascii_lowercase();
    lower.contains("gitlab") || lower.ends_with(":5050")
}

/// The kinds of GitLab token that can read a container registry. Each needs the
/// `read_registry` scope to pull and `write_registry` as well to push; the page says so and
/// gives the username to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, EnumIter, IntoStaticStr, EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum GitLabToken {
    #[default]
    DeployToken,
    AccessToken,
    PersonalAccessToken,
}

impl GitLabToken {
    pub fn id(self) -> &'static str {
        self.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_not_registries() {
        for typed in [
            "ACCOUNT.dkr.ecr.REGION.amazonaws.com",
            "account.dkr.ecr.region.amazonaws.com",
            "123456789012.dkr.ecr.REGION.amazonaws.com",
            "REGISTRY.azurecr.io",
            "region-docker.pkg.dev",
        ] {
            assert!(placeholder_in(typed).is_some(), "{typed}");
        }
        for typed in [
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
            "acme.azurecr.io",
            "europe-west1-docker.pkg.dev",
            "registry.example.com",
            "Registry.Example.com",
        ] {
            assert_eq!(placeholder_in(typed), None, "{typed}");
        }
    }
    use crate::registry_key::normalise_registry;

    #[test]
    fn every_preset_registry_normalises_or_is_custom() {
        for preset in PRESETS {
            if preset.id == PresetId::Custom {
                continue;
            }
            assert!(normalise_registry(preset.registry, false).is_ok(), "{:?}", preset.id);
        }
    }

    #[test]
    fn apply_keeps_typed_credentials() {
        let typed = RegistryEntry::basic("", "me", "not-a-real-token");
        let applied = Preset::find("ecr-public").unwrap().apply(&typed);
        assert_eq!(
            (applied.kind, applied.helper.as_str(), applied.secret.as_str()),
            (CredentialKind::Helper, "ecr-login", "not-a-real-token")
        );
        assert!(placeholder_in(Preset::find("ecr-private").unwrap().registry).is_some());
        assert!(looks_like_gitlab("registry.gitlab.com") && !looks_like_gitlab("quay.io"));
    }
}
