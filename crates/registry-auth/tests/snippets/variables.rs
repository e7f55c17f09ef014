//! Secrets and variables.

use crate::support::*;

#[test]
fn no_secret_outside_the_snippets_that_carry_it() {
    for (case, setup, generated, _, all) in cases() {
        let secrets: Vec<&str> = setup.entries.iter().map(|e| e.secret.as_str()).filter(|s| s.len() >= 8).collect();
        let auths: Vec<&str> = generated.entries.iter().filter_map(|e| e.auth.as_deref()).collect();
        for s in all.iter().filter(|s| !s.carries_secret) {
            for secret in secrets.iter().chain(&auths) {
                assert!(!s.text.contains(secret), "{case} {}: contains a secret", s.id.as_str());
            }
        }
        let carrying: Vec<&str> = all.iter().filter(|s| s.carries_secret).map(|s| s.id.as_str()).collect();
        for id in carrying {
            assert!(
                ["runner-environment", "config-json-file", "k8s-pull-secret", "helm-values"].contains(&id),
                "{case}: {id} carries a secret"
            );
        }
    }
}

#[test]
fn variables_to_create_match_the_snippets() {
    for (case, setup, generated, options, all) in cases() {
        let variables = login_table(&setup, &generated, &options);
        assert_eq!(variables[0].name, "DOCKER_AUTH_CONFIG");
        assert_eq!(variables[0].file, options.variable_type == VariableType::File);
        assert!(variables.iter().all(|v| !v.expand), "{case}: Expand off for credentials");
        let mut names: Vec<&str> = variables.iter().map(|v| v.name.as_str()).collect();
        assert!(names.iter().all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')), "{case}: {names:?}");
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), variables.len(), "{case}: unique names");
        let login = &snippet(&all, "docker-login").text;
        for v in &variables[1..] {
            assert!(login.contains(&format!("\"${}\"", v.name)), "{case}: {} is used by docker-login", v.name);
        }
        for word in
            login.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$')).filter(|w| w.starts_with("$DOCKER_REGISTRY"))
        {
            assert!(variables.iter().any(|v| v.name == word[1..]), "{case}: {word} is listed");
        }
        for v in &variables {
            match &v.value {
                VariableValue::Literal(value) => assert!(v.masked <= v.secret && (!v.masked || !value.contains(' ')), "{case}: {}", v.name),
                VariableValue::NotTyped => {}
            }
        }
    }
}

#[test]
fn variable_names_for_one_and_several_registries() {
    let names =
        |setup: &Setup| login_table(setup, &build(setup), &SnippetOptions::default()).into_iter().map(|v| v.name).collect::<Vec<_>>();
    let one = Setup { entries: vec![RegistryEntry::basic("registry.gitlab.com", "fake", "not-a-real-token")], ..Setup::default() };
    assert_eq!(names(&one), ["DOCKER_AUTH_CONFIG", "DOCKER_REGISTRY_USER", "DOCKER_REGISTRY_PASS"]);
    let several = Setup {
        entries: vec![
            RegistryEntry::basic("registry.gitlab.com", "fake", "not-a-real-token"),
            RegistryEntry::helper("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "ecr-login"),
            RegistryEntry::basic("docker.io", "fake", "not-a-real-token"),
            RegistryEntry::basic("localhost:5000", "fake", "not-a-real-token"),
        ],
        ..Setup::default()
    };
    assert_eq!(
        names(&several),
        [
            "DOCKER_AUTH_CONFIG",
            "DOCKER_REGISTRY_USER_REGISTRY_GITLAB_COM",
            "DOCKER_REGISTRY_PASS_REGISTRY_GITLAB_COM",
            "DOCKER_REGISTRY_USER_DOCKER_HUB",
            "DOCKER_REGISTRY_PASS_DOCKER_HUB",
            "DOCKER_REGISTRY_USER_LOCALHOST_5000",
            "DOCKER_REGISTRY_PASS_LOCALHOST_5000",
        ]
    );
}

#[test]
fn empty_setup_gives_placeholders() {
    let setup = Setup::default();
    let generated = build(&setup);
    let all = snippets(&setup, &generated, &SnippetOptions::default());
    let login = &snippet(&all, "docker-login").text;
    assert!(login.contains("docker login registry.example.com --username \"$DOCKER_REGISTRY_USER\""), "{login}");
    assert!(login.contains("# Replace registry.example.com"));
    let secret = snippet(&all, "k8s-pull-secret");
    assert!(!secret.carries_secret && secret.text.contains("Placeholder"));
    assert!(all.iter().all(|s| !s.carries_secret));
    let variables = login_table(&setup, &generated, &SnippetOptions::default());
    assert!(variables.iter().all(|v| matches!(v.value, VariableValue::NotTyped)), "{variables:?}");
}
