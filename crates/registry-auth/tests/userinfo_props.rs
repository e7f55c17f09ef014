//! Credentials typed inside a URL-shaped option (`https://user:password@host` in the GitLab URL,
//! the proxy URL, an image field, the instance registry) reach no output: no snippet, no CI/CD
//! variable, for any such input (`crate::userinfo`, README "Your secrets stay in the browser").

use proptest::prelude::*;
use registry_auth::config_builder::build;
use registry_auth::setup::{RegistryEntry, Setup};
use registry_auth::snippets::{snippets, variables_to_create, OptionField, SnippetId, SnippetOptions, VariableValue};
use strum::IntoEnumIterator;

/// Tagged so they cannot be mistaken for any other text of a snippet, any characters inside but
/// the `@` that would end the userinfo and the `/` or `,` a list or path would split at.
fn credential(tag: &'static str) -> impl Strategy<Value = String> {
    "[A-Za-z0-9!$%&*+;=~._-]{1,16}".prop_map(move |body| format!("{tag}{body}"))
}

/// The URL-shaped options, with a prefix and suffix that make each a plausible value.
const URL_FIELDS: [(OptionField, &str, &str); 8] = [
    (OptionField::GitlabUrl, "https://", "gitlab.example.com"),
    (OptionField::ProxyUrl, "http://", "proxy.example.com:3128"),
    (OptionField::DockerImage, "", "registry.example.com/tools/alpine:3"),
    (OptionField::WindowsDockerImage, "", "registry.example.com/windows/servercore:ltsc2022"),
    (OptionField::KanikoImage, "", "registry.example.com/kaniko:debug"),
    (OptionField::TestImage, "", "registry.example.com/team/app:1"),
    (OptionField::GitlabRegistry, "", "registry.example.com:5050"),
    (OptionField::Services, "", "registry.example.com/db/postgres:16"),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn no_output_holds_a_url_credential(
        which in 0..URL_FIELDS.len(),
        user in credential("UsEr"),
        password in prop::option::of(credential("PaSs")),
        with_entry in any::<bool>(),
    ) {
        let (field, scheme, rest) = URL_FIELDS[which];
        let userinfo = match &password {
            Some(password) => format!("{user}:{password}@"),
            None => format!("{user}@"),
        };
        let mut options = SnippetOptions::default();
        field.set(&mut options, &format!("{scheme}{userinfo}{rest}")).unwrap();
        let setup = if with_entry {
            Setup { entries: vec![RegistryEntry::basic("registry.example.com", "ci-bot", "not-a-real-token")], ..Setup::default() }
        } else {
            Setup::default()
        };
        let generated = build(&setup);
        let mut texts: Vec<String> = snippets(&setup, &generated, &options).into_iter().map(|s| s.text).collect();
        let every: Vec<SnippetId> = SnippetId::iter().collect();
        for variable in variables_to_create(&setup, &generated, &options, &every) {
            texts.push(variable.name.clone());
            if let VariableValue::Literal(value) = &variable.value {
                texts.push(value.clone());
            }
        }
        for text in &texts {
            prop_assert!(!text.contains(&user), "the user of {field:?} in:\n{text}");
            if let Some(password) = &password {
                prop_assert!(!text.contains(password), "the password of {field:?} in:\n{text}");
            }
        }
    }
}
