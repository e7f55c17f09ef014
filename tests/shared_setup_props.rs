//! Shared setups carry no secret, for any input: the serialised type has no field for one.

use auth_config_builder::setup::{CredentialKind, RegistryEntry, Setup};
use auth_config_builder::shared_setup::SharedSetup;
use auth_config_builder::snippets::SnippetOptions;
use proptest::prelude::*;

fn entry() -> impl Strategy<Value = RegistryEntry> {
    ("[a-z0-9.:/-]{0,30}", any::<bool>(), any::<bool>(), "\\PC{0,20}", "\\PC{1,40}", "[a-z-]{0,12}").prop_map(
        |(registry, keep_namespace, helper, username, secret, helper_name)| RegistryEntry {
            registry,
            keep_namespace,
            kind: if helper { CredentialKind::Helper } else { CredentialKind::Basic },
            // Tagged so they cannot be mistaken for registry text.
            username: format!("USER<{username}>"),
            secret: format!("SECRET<{secret}>"),
            helper: helper_name,
        },
    )
}

proptest! {
    #[test]
    fn no_secret_or_username_in_a_file_or_link(entries in prop::collection::vec(entry(), 0..6), pretty in any::<bool>()) {
        let mut setup = Setup { entries, ..Setup::default() };
        setup.options.pretty = pretty;
        let shared = SharedSetup::new(&setup, &[], &SnippetOptions::default());
        let json = shared.to_json();
        let fragment = shared.to_fragment();
        prop_assert!(!json.contains("SECRET<") && !json.contains("USER<"));
        let back = SharedSetup::from_fragment(&fragment).unwrap();
        prop_assert_eq!(&back, &shared);
        prop_assert_eq!(SharedSetup::from_json(&json).unwrap(), shared);
        let restored = back.to_setup();
        for (restored, original) in restored.entries.iter().zip(&setup.entries) {
            prop_assert_eq!(&restored.registry, &original.registry);
            prop_assert_eq!(restored.kind, original.kind);
            prop_assert!(restored.secret.is_empty() && restored.username.is_empty());
        }
    }
}
