//! Shared setups carry no secret, for any input: the serialised type has no field for one, and
//! credentials typed inside a URL-shaped field (`https://user:password@host`) are taken out.

use proptest::prelude::*;
use registry_auth::setup::{CredentialKind, RegistryEntry, Setup};
use registry_auth::shared_setup::SharedSetup;
use registry_auth::snippets::SnippetOptions;
use registry_auth::userinfo::{split_userinfo, without_userinfo_in_list};

/// A typed secret: tagged so it cannot be mistaken for other text, any characters inside.
fn secret() -> impl Strategy<Value = String> {
    "\\PC{1,30}".prop_map(|body| format!("SECRET<{body}>"))
}

/// A URL-shaped field: a host, maybe with a scheme, path or digest, and maybe with
/// `user:secret@` or `user@` in front of the host.
fn url_field() -> impl Strategy<Value = String> {
    (
        prop::option::of(prop::sample::select(vec!["https://", "http://", "HTTPS://", "ftp://"])),
        prop::option::of(("[a-z+.]{1,10}", prop::option::of(secret()))),
        "[a-z0-9.-]{1,20}(:[0-9]{1,5})?",
        prop::option::of("/[a-z0-9/._-]{0,20}"),
        prop::option::of(Just(format!("@sha256:{}", "0".repeat(64)))),
    )
        .prop_map(|(scheme, userinfo, host, path, digest)| {
            let userinfo = match userinfo {
                Some((user, Some(password))) => format!("{user}:{password}@"),
                Some((user, None)) => format!("{user}@"),
                None => String::new(),
            };
            format!("{}{userinfo}{host}{}{}", scheme.unwrap_or(""), path.unwrap_or_default(), digest.unwrap_or_default())
        })
}

fn entry() -> impl Strategy<Value = RegistryEntry> {
    (url_field(), any::<bool>(), any::<bool>(), "\\PC{0,20}", secret(), "[a-z-]{0,12}").prop_map(
        |(registry, keep_namespace, helper, username, secret, helper_name)| RegistryEntry {
            registry,
            keep_namespace,
            kind: if helper { CredentialKind::Helper } else { CredentialKind::Basic },
            // Tagged so they cannot be mistaken for registry text.
            username: format!("USER<{username}>"),
            secret,
            helper: helper_name,
        },
    )
}

fn options() -> impl Strategy<Value = SnippetOptions> {
    (url_field(), url_field(), url_field(), url_field(), prop::collection::vec(url_field(), 0..3)).prop_map(
        |(gitlab_url, proxy_url, docker_image, kaniko_image, services)| {
            let mut options = SnippetOptions { kaniko_image, ..SnippetOptions::default() };
            options.runner.gitlab_url = gitlab_url;
            options.runner.proxy_url = proxy_url;
            options.runner.docker_image = docker_image;
            options.runner.services = services.join(",");
            options
        },
    )
}

proptest! {
    #[test]
    fn no_secret_username_or_userinfo_in_a_file_or_link(
        entries in prop::collection::vec(entry(), 0..6),
        options in options(),
        pretty in any::<bool>(),
    ) {
        let mut setup = Setup { entries, ..Setup::default() };
        setup.options.pretty = pretty;
        let shared = SharedSetup::new(&setup, &[], &options, &Default::default());
        let json = shared.to_json();
        let fragment = shared.to_fragment();
        let decoded = String::from_utf8(
            base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, fragment.trim_start_matches("#setup=")).unwrap(),
        )
        .unwrap();
        for text in [&json, &decoded] {
            prop_assert!(!text.contains("SECRET<") && !text.contains("USER<"), "{}", text);
        }
        let back = SharedSetup::from_fragment(&fragment).unwrap();
        prop_assert_eq!(&back, &shared);
        prop_assert_eq!(SharedSetup::from_json(&json).unwrap(), shared.clone());
        let runner = &back.snippets.runner;
        let mut url_fields = vec![&runner.gitlab_url, &runner.proxy_url, &runner.docker_image, &back.snippets.kaniko_image];
        let services: Vec<String> = runner.services.split(',').map(str::to_owned).collect();
        url_fields.extend(services.iter());
        prop_assert!(without_userinfo_in_list(&runner.services) == runner.services.as_str());
        url_fields.extend(back.entries.iter().map(|e| &e.registry));
        for field in url_fields {
            prop_assert!(split_userinfo(field).is_none(), "userinfo left in {}", field);
        }
        let runner = &options.runner;
        let typed = [&runner.gitlab_url, &runner.proxy_url, &runner.docker_image, &options.kaniko_image, &runner.services];
        let had = setup.entries.iter().any(|e| split_userinfo(&e.registry).is_some())
            || typed[..4].iter().any(|f| split_userinfo(f).is_some())
            || without_userinfo_in_list(typed[4]) != typed[4].as_str();
        prop_assert_eq!(SharedSetup::had_userinfo(&setup, &options), had);
        let restored = back.to_setup();
        for (restored, original) in restored.entries.iter().zip(&setup.entries) {
            prop_assert_eq!(restored.kind, original.kind);
            prop_assert!(restored.secret.is_empty() && restored.username.is_empty());
        }
    }

    /// A crafted file or link with userinfo in it is cleaned on the way in too.
    #[test]
    fn an_imported_userinfo_is_dropped(registry in url_field(), proxy in url_field()) {
        let text = serde_json::json!({
            "format": "auth-config-builder/setup-v1",
            "entries": [{"registry": registry}],
            "snippets": {"runner": {"proxyUrl": proxy, "proxy_url": proxy}},
        })
        .to_string();
        let imported = SharedSetup::from_json(&text).unwrap();
        let debug = format!("{imported:?}");
        prop_assert!(!debug.contains("SECRET<"), "{}", debug);
    }
}
