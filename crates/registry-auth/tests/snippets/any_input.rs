//! Any input.

use crate::support::*;

/// Printable text of every script plus control characters and YAML's other line breaks.
const ANY_TEXT: &str = "[\\PC\\x00-\\x1F\\x7F\\x{85}\\x{2028}]{0,24}";

proptest! {
    // No failure file: a failing case is turned into a named test below instead.
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever is typed, the snippets are built without a panic, YAML and TOML parse, the
    /// environment line holds the exact value, and the runner inputs stay valid shell.
    #[test]
    fn any_input_gives_parseable_snippets(
        registry in ANY_TEXT,
        username in ANY_TEXT,
        secret in ANY_TEXT,
        text_input in ANY_TEXT,
        pretty in any::<bool>(),
    ) {
        let setup = Setup {
            entries: vec![RegistryEntry::basic(&registry, &username, &secret), RegistryEntry::basic("fixed.example.com", "fake", &secret)],
            options: OutputOptions { pretty, include_plain_fields: pretty },
            ..Setup::default()
        };
        let generated = build(&setup);
        let mut options = SnippetOptions {
            docker_version: DockerVersion::read(&text_input).unwrap_or_default(),
            kaniko_image: text_input.clone(),
            aws_region: text_input.clone(),
            kubernetes_namespace: text_input.clone(),
            pull_secret_name: text_input.clone(),
            ..SnippetOptions::default()
        };
        options.runner = RunnerInputs {
            gitlab_url: text_input.clone(),
            executor: format!("docker{text_input}"),
            docker_image: text_input.clone(),
            description: text_input.clone(),
            services: text_input.clone(),
            proxy_url: text_input.clone(),
            token_flow: TokenFlow::RegistrationTokenDeprecated,
            tags: text_input.clone(),
            maintenance_note: text_input.clone(),
            ..RunnerInputs::default()
        };
        let all = snippets(&setup, &generated, &options);
        for s in &all {
            match s.language() {
                SnippetLanguage::Yaml => { parse_yaml(s, "proptest"); }
                SnippetLanguage::Toml => {
                    let table = parse_toml(s, "proptest");
                    if s.id == SnippetId::RunnerEnvironment {
                        let environment = first_runner(&table).get("environment").and_then(|e| e.as_array()).expect("environment");
                        let expected = format!("DOCKER_AUTH_CONFIG={}", generated.value);
                        prop_assert_eq!(environment[0].as_str(), Some(expected.as_str()));
                    }
                }
                _ => {}
            }
        }
        for id in ["register-linux", "register-proxy", "register-docker"] {
            bash_n(&snippet(&all, id).text, id);
        }
        let k8s = parse_yaml(snippet(&all, "k8s-pull-secret"), "proptest");
        let data = yaml_str(&k8s["data"][".dockerconfigjson"], "data");
        prop_assert_eq!(serde_json::from_slice::<Value>(&STANDARD.decode(data).unwrap()).unwrap(), documented_kubectl_shape(&setup, &generated));
    }
}

/// Found by the property test: a multi-byte character where `https://` would end made
/// `strip_scheme` slice inside a character.
#[test]
fn multi_byte_registry_does_not_panic() {
    for registry in ["𐖣𞄀", "ht𞄀", "https:/é", "ü"] {
        let setup = Setup { entries: vec![RegistryEntry::basic(registry, "fake", "not-a-real-token")], ..Setup::default() };
        let all = snippets(&setup, &build(&setup), &SnippetOptions::default());
        assert_eq!(all.len(), SnippetId::iter().count());
    }
}

/// `SnippetId::options` lists exactly what each snippet reads: changing any other option leaves
/// its text as it was, and each listed option changes it for some value.
#[test]
fn each_snippet_reads_exactly_its_listed_options() {
    let setup = Setup {
        entries: vec![
            RegistryEntry::basic("registry.gitlab.com", "fake-user", "not-a-real-token"),
            RegistryEntry::helper("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "ecr-login"),
        ],
        ..Setup::default()
    };
    let generated = build(&setup);
    let base = SnippetOptions::default();
    // A value for every field that differs from its default and is used by the snippets.
    let mut changed = SnippetOptions {
        docker_version: DockerVersion::V27,
        variable_type: VariableType::File,
        kaniko_image: "registry.example.com/kaniko:1".into(),
        runtime_credentials: RuntimeCredentials::DeployToken,
        aws_region: "ap-south-1".into(),
        kubernetes_namespace: "ci-ns".into(),
        pull_secret_name: "other-secret".into(),
        gitlab_registry: "registry.gitlab.example.com:5050".into(),
        variable_level: VariableLevel::Group,
        gitlab_path: "other-group/other-project".into(),
        environment_scope: "production".into(),
        secrets_provider: SecretsProvider::AzureKeyVault,
        test_image: "registry.example.com/other/image:2".into(),
        service_images: "registry.example.com/db/postgres:16".into(),
        helm_credentials: HelmCredentials::Environment,
        ..SnippetOptions::default()
    };
    changed.runner = RunnerInputs {
        gitlab_url: "https://gitlab.example.com".into(),
        token_flow: TokenFlow::RegistrationTokenDeprecated,
        executor: "docker+machine".into(),
        docker_image: "debian:12".into(),
        windows_docker_image: "mcr.microsoft.com/windows/servercore:ltsc2022".into(),
        description: "other".into(),
        tags: "a,b".into(),
        maintenance_note: "note".into(),
        run_untagged: false,
        locked: true,
        access_level: AccessLevel::RefProtected,
        privileged: true,
        services: "redis:7".into(),
        run_as_runner_user: true,
        docker_volume: ConfigVolume::NamedVolume,
        proxy_url: "http://proxy.example.com:8080".into(),
    };
    for id in SnippetId::iter() {
        let text = |options: &SnippetOptions| snippet_for(id, &setup, &generated, options).text;
        let original = text(&base);
        for field in OptionField::iter() {
            let mut options = base.clone();
            field.copy(&changed, &mut options);
            // With a registration token, every runner flag is in play.
            options.runner.token_flow = TokenFlow::RegistrationTokenDeprecated;
            let reference = {
                let mut reference = base.clone();
                reference.runner.token_flow = TokenFlow::RegistrationTokenDeprecated;
                text(&reference)
            };
            let differs = text(&options) != reference;
            if !field.asked() {
                // Set from "Where will this run?", not asked beside the snippets.
                continue;
            }
            if field == OptionField::TokenFlow {
                assert_eq!(text(&options) != original || differs, id.options().contains(&field), "{id:?} {field:?}");
                continue;
            }
            assert_eq!(differs, id.options().contains(&field), "{id:?} reads {field:?}: listed {}", id.options().contains(&field));
        }
    }
}
