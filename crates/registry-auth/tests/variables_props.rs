//! The CI/CD variables table lists exactly what the snippets on the page read: for any situation
//! and any registries, every variable a shown snippet references is in the table, and every
//! variable in the table is named by a shown snippet or read by the runner for one (the job
//! image and the smoke test read `DOCKER_AUTH_CONFIG` without naming it; `secrets:` reads the
//! secret manager's settings).

use proptest::prelude::*;
use registry_auth::config_builder::build_for;
use registry_auth::setup::{RegistryEntry, Setup};
use registry_auth::situation::{Builder, Executor, ImageSource, Platform, Role, Situation};
use registry_auth::snippets::{provider_variables, snippet_for, variables_to_create, SecretsProvider, SnippetId, SnippetOptions};
use strum::IntoEnumIterator;

fn situation() -> impl Strategy<Value = Situation> {
    (0..2usize, 0..4usize, 0..2usize, 0..8u8, 0..8u8, prop::sample::select(vec!["", "19.0", "19.3", "19.4.1", "17.4"])).prop_map(
        |(platform, executor, role, builders, sources, version)| Situation {
            platform: Platform::iter().nth(platform).unwrap(),
            executor: Executor::iter().nth(executor).unwrap(),
            role: Role::iter().nth(role).unwrap(),
            builders: Builder::iter().filter(|b| builders & (1 << (*b as u8)) != 0).collect(),
            sources: ImageSource::iter().filter(|s| sources & (1 << (*s as u8)) != 0).collect(),
            runner_version: version.to_owned(),
        },
    )
}

fn entry() -> impl Strategy<Value = RegistryEntry> {
    (
        prop::sample::select(vec!["registry.example.com", "docker.io", "quay.io:8443", "", "123456789012.dkr.ecr.eu-west-1.amazonaws.com"]),
        any::<bool>(),
        "[a-z]{0,6}",
    )
        .prop_map(|(registry, helper, user)| {
            if helper {
                RegistryEntry::helper(registry, "ecr-login")
            } else {
                RegistryEntry::basic(registry, &user, "not-a-real-token")
            }
        })
}

/// Every `$NAME` and `${NAME}` in a text.
fn references(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices('$') {
        let rest = text[i + 1..].strip_prefix('{').unwrap_or(&text[i + 1..]);
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if !name.is_empty() {
            out.push(name);
        }
    }
    out
}

/// The names a user creates (not GitLab's predefined `CI_…` ones).
fn to_create(name: &str) -> bool {
    name == "DOCKER_AUTH_CONFIG"
        || name.starts_with("DOCKER_REGISTRY_USER")
        || name.starts_with("DOCKER_REGISTRY_PASS")
        || SecretsProvider::ALL.iter().any(|p| provider_variables(*p).contains(&name))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn the_table_holds_exactly_what_the_shown_snippets_read(situation in situation(), entries in prop::collection::vec(entry(), 0..4), show_all in any::<bool>()) {
        let setup = Setup { entries, ..Setup::default() };
        let generated = build_for(&setup, situation.runner_version());
        let options = situation.effective_options(&setup, &SnippetOptions::default());
        let shown: Vec<SnippetId> = if show_all { SnippetId::iter().collect() } else { situation.recommended_for(&setup) };
        let table: Vec<String> = variables_to_create(&setup, &generated, &options, &shown).into_iter().map(|v| v.name).collect();
        let texts: Vec<(SnippetId, String)> = shown.iter().map(|id| (*id, snippet_for(*id, &setup, &generated, &options).text)).collect();
        for (id, text) in &texts {
            for name in references(text).into_iter().filter(|n| to_create(n)) {
                prop_assert!(table.contains(&name), "{id:?} reads {name}, missing from {table:?}");
            }
        }
        for name in &table {
            let named = texts.iter().any(|(_, text)| text.contains(name.as_str()));
            // Read without being named: the runner reads DOCKER_AUTH_CONFIG for the job's own
            // image, and a secret manager's settings for `secrets:`.
            let read_by_the_runner = (name == "DOCKER_AUTH_CONFIG" && shown.iter().any(|id| matches!(id, SnippetId::JobImage | SnippetId::SmokeTestJob)))
                || (shown.contains(&SnippetId::CiSecrets) && provider_variables(options.secrets_provider).contains(&name.as_str()));
            prop_assert!(named || read_by_the_runner, "{name} in the table, read by no shown snippet of {shown:?}");
        }
    }
}
