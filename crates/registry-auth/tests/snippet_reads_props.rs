//! `SnippetId::reads` is what the page trusts to skip recomputing a shown snippet: a snippet
//! that says it does not read something must give the same text, for any setup and options,
//! when that something changes. Each `false` is checked by changing what it names:
//! - `credentials`: every username and secret emptied (`Setup::without_credentials`);
//! - `setup`: another setup altogether;
//! - `value`: the value generated from another setup.
//!
//! Every username and secret here is an obviously fake fixture.

use proptest::prelude::*;
use registry_auth::config_builder::build;
use registry_auth::setup::{CredentialKind, OutputOptions, RegistryEntry, Setup};
use registry_auth::snippets::{snippet_for, OptionField, OptionKind, SnippetId, SnippetOptions};
use strum::IntoEnumIterator;

fn entry() -> impl Strategy<Value = RegistryEntry> {
    (
        prop::sample::select(vec![
            "docker.io",
            "index.docker.io",
            "registry.example.com",
            "registry.example.com:5050",
            "registry.example.com:5050/group/project",
            "https://registry.example.com/v2/",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
            "europe-docker.pkg.dev",
            "",
            "not a host",
        ]),
        any::<bool>(),
        any::<bool>(),
        "(not-a-real-user|ci bot|)[a-z$\"' ]{0,4}",
        "(not-a-real-token|)[a-zA-Z0-9$\"'%{} ]{0,12}",
        prop::sample::select(vec!["ecr-login", "gcloud", ""]),
    )
        .prop_map(|(registry, helper, keep_namespace, username, secret, helper_name)| RegistryEntry {
            registry: registry.into(),
            keep_namespace,
            kind: if helper { CredentialKind::Helper } else { CredentialKind::Basic },
            username,
            secret,
            helper: helper_name.into(),
        })
}

fn setup() -> impl Strategy<Value = Setup> {
    (prop::collection::vec(entry(), 0..5), prop::sample::select(vec!["", "ecr-login"]), any::<bool>(), any::<bool>()).prop_map(
        |(entries, creds_store, pretty, include_plain_fields)| Setup {
            entries,
            creds_store: creds_store.into(),
            options: OutputOptions { pretty, include_plain_fields },
        },
    )
}

/// Options with every choice and flag drawn at random (text fields keep their defaults).
fn options() -> impl Strategy<Value = SnippetOptions> {
    let fields: Vec<OptionField> = OptionField::iter().filter(|f| matches!(f.kind(), OptionKind::Choice(_) | OptionKind::Flag)).collect();
    prop::collection::vec(any::<prop::sample::Index>(), fields.len()).prop_map(move |picks| {
        let mut options = SnippetOptions::default();
        for (field, pick) in fields.iter().zip(picks) {
            let value = match field.kind() {
                OptionKind::Choice(values) => pick.get(values).to_string(),
                _ => (pick.index(2) == 1).to_string(),
            };
            field.set(&mut options, &value).unwrap();
        }
        options
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn a_snippet_reads_nothing_it_says_it_does_not(setup in setup(), other in setup(), options in options()) {
        let generated = build(&setup);
        let other_generated = build(&other);
        let without_credentials = setup.without_credentials();
        for id in SnippetId::iter() {
            let reads = id.reads();
            let text = snippet_for(id, &setup, &generated, &options);
            if !reads.credentials {
                prop_assert_eq!(&snippet_for(id, &without_credentials, &generated, &options), &text, "{:?} reads credentials", id);
            }
            if !reads.setup {
                prop_assert!(!reads.credentials, "{:?}: credentials are part of the setup", id);
                prop_assert_eq!(&snippet_for(id, &other, &generated, &options), &text, "{:?} reads the setup", id);
            }
            if !reads.value {
                prop_assert_eq!(&snippet_for(id, &setup, &other_generated, &options), &text, "{:?} reads the value", id);
            }
        }
    }
}

#[test]
fn without_credentials_empties_usernames_and_secrets_only() {
    let setup = Setup {
        entries: vec![
            RegistryEntry::basic("registry.example.com", "not-a-real-user", "not-a-real-token"),
            RegistryEntry::helper("europe-docker.pkg.dev", "gcloud"),
        ],
        creds_store: "ecr-login".into(),
        options: OutputOptions { pretty: true, include_plain_fields: true },
    };
    let stripped = setup.without_credentials();
    assert_eq!(stripped.entries[0], RegistryEntry::basic("registry.example.com", "", ""));
    assert_eq!(stripped.entries[1], setup.entries[1]);
    assert_eq!((stripped.creds_store.as_str(), stripped.options), ("ecr-login", setup.options));
}
