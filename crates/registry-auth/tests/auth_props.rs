//! Property tests of the generator against real consumers: coreutils `base64` for `auth`,
//! `serde_json` for the value, and the docker CLI 28.3 strict shape for auth-only output.

use std::io::Write;
use std::process::{Command, Stdio};

use proptest::prelude::*;
use registry_auth::auth_encoding::{decode_auth, encode_auth, UsernameError};
use registry_auth::config_builder::build;
use registry_auth::setup::{RegistryEntry, Setup};
use serde_json::Value;

/// `printf '%s' "$text" | base64 -w 0`, run for real.
fn coreutils_base64(text: &str) -> String {
    let mut child =
        Command::new("base64").args(["-w", "0"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("coreutils base64");
    child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write");
    String::from_utf8(child.wait_with_output().expect("base64 output").stdout).expect("ASCII")
}

/// Usernames the readers accept: non-empty, no `:`, no control characters.
fn username() -> impl Strategy<Value = String> {
    "[^:\\p{Cc}]{1,24}"
}

fn password() -> impl Strategy<Value = String> {
    prop_oneof![".{0,40}", "\\PC{0,40}", Just(String::from("p:a:s:s")), "[ -~]{0,1000}"]
}

proptest! {
    // Every case spawns a process, so this one samples; the round trip below covers the rest.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn auth_is_what_coreutils_prints(user in username(), pass in password()) {
        prop_assert_eq!(encode_auth(&user, &pass).unwrap(), coreutils_base64(&format!("{user}:{pass}")));
    }
}

proptest! {
    #[test]
    fn auth_round_trips_through_the_docker_cli_decoding(user in username(), pass in password()) {
        let auth = encode_auth(&user, &pass).unwrap();
        prop_assert!(!auth.contains('\n'));
        prop_assert_eq!(auth.len() % 4, 0);
        // decode_auth keeps a trailing NUL out, as the docker CLI does; generated passwords have none at the ends.
        let pass_without_nul = pass.trim_matches('\0');
        if pass_without_nul == pass {
            prop_assert_eq!(decode_auth(&auth).unwrap(), (user, pass));
        }
    }

    #[test]
    fn bad_usernames_are_rejected(prefix in ".{0,10}", suffix in ".{0,10}", pass in password()) {
        prop_assert_eq!(encode_auth(&format!("{prefix}:{suffix}"), &pass), Err(UsernameError::ContainsColon));
        prop_assert_eq!(encode_auth("", &pass), Err(UsernameError::Empty));
        prop_assert_eq!(encode_auth(&format!("{}\0", prefix.replace(':', "")), &pass).map(|_| ()), Err(UsernameError::ControlCharacter));
    }

    #[test]
    fn the_value_parses_and_round_trips_the_credentials(
        creds in prop::collection::vec((username(), password()), 1..8),
        pretty in any::<bool>(),
    ) {
        let entries = creds.iter().enumerate().map(|(i, (u, p))| RegistryEntry::basic(&format!("registry-{i}.example.com:5000"), u, p)).collect();
        let mut setup = Setup { entries, ..Setup::default() };
        setup.options.pretty = pretty;
        let generated = build(&setup);
        let value: Value = serde_json::from_str(&generated.value).expect("valid JSON");
        // The docker CLI 28.3 strict shape: {"auths":{"<key>":{"auth":"…"}}} and nothing else.
        let root = value.as_object().unwrap();
        prop_assert_eq!(root.keys().collect::<Vec<_>>(), vec!["auths"]);
        let auths = root["auths"].as_object().unwrap();
        prop_assert_eq!(auths.len(), creds.len());
        for (i, (user, pass)) in creds.iter().enumerate() {
            let entry = auths[&format!("registry-{i}.example.com:5000")].as_object().unwrap();
            prop_assert_eq!(entry.keys().collect::<Vec<_>>(), vec!["auth"]);
            let decoded = decode_auth(entry["auth"].as_str().unwrap()).unwrap();
            if pass.trim_matches('\0') == pass {
                prop_assert_eq!(&decoded, &(user.clone(), pass.clone()));
            }
        }
        if !pretty {
            prop_assert!(!generated.value.contains('\n'));
        }
    }

    /// The value is byte for byte what serde_json writes for it (keys sorted, its compact or
    /// pretty layout), whatever mix of `auths`, `credHelpers`, `credsStore`, plain fields and
    /// duplicate keys it has: one canonical form, however the generator puts it together.
    #[test]
    fn the_value_is_what_serde_json_writes_for_it(
        rows in prop::collection::vec((0..6usize, any::<bool>(), username(), password(), "[a-z-]{0,8}"), 0..8),
        store in prop_oneof![Just(String::new()), Just(String::from("desktop")), Just(String::from("bad name")), "[a-z-]{1,8}"],
        pretty in any::<bool>(),
        plain in any::<bool>(),
    ) {
        let registries = ["docker.io", "quay.io", "registry.example.com:5000", "ghcr.io", "zz.example", "a.example/group"];
        let entries = rows
            .iter()
            .map(|(r, helper, user, pass, name)| {
                if *helper { RegistryEntry::helper(registries[*r], name) } else { RegistryEntry::basic(registries[*r], user, pass) }
            })
            .collect();
        let mut setup = Setup { entries, creds_store: store, ..Setup::default() };
        setup.options.pretty = pretty;
        setup.options.include_plain_fields = plain;
        let generated = build(&setup);
        let parsed: Value = serde_json::from_str(&generated.value).expect("valid JSON");
        let written = if pretty { serde_json::to_string_pretty(&parsed) } else { serde_json::to_string(&parsed) }.unwrap();
        prop_assert_eq!(&generated.value, &written);
    }

    #[test]
    fn the_builder_never_panics(registry in "\\PC{0,40}", user in "\\PC{0,20}", pass in "\\PC{0,40}", helper in "\\PC{0,12}", store in "\\PC{0,12}") {
        let setup = Setup { entries: vec![RegistryEntry::basic(&registry, &user, &pass), RegistryEntry::helper(&registry, &helper)], creds_store: store, ..Setup::default() };
        let generated = build(&setup);
        prop_assert!(serde_json::from_str::<Value>(&generated.value).is_ok());
    }
}

#[test]
fn a_corpus_of_awkward_values_matches_coreutils() {
    let passwords = [
        "",
        ":",
        "a:b:c",
        "pa$$word",
        "with space",
        "tab\there",
        "quote\"s",
        "'single'",
        "back\\slash",
        "ünïcødé",
        "日本語",
        "emoji 🐳",
        "trailing\n",
        "\u{2028}",
        &"x".repeat(1000),
    ];
    for user in ["u", "gitlab+deploy-token-1", "ユーザー", "user@example.com"] {
        for pass in passwords {
            assert_eq!(encode_auth(user, pass).unwrap(), coreutils_base64(&format!("{user}:{pass}")), "{user:?} {pass:?}");
        }
    }
}
