//! TOML and INI.

use crate::support::*;

#[test]
fn toml_snippets_parse_to_the_exact_values() {
    for (case, setup, generated, options, all) in cases() {
        for s in all.iter().filter(|s| s.language() == SnippetLanguage::Toml) {
            let table = parse_toml(s, &case);
            let runner = first_runner(&table);
            match s.id.as_str() {
                "runner-environment" => {
                    let environment = runner.get("environment").and_then(|e| e.as_array()).expect("environment");
                    assert_eq!(environment.len(), 1);
                    assert_eq!(environment[0].as_str(), Some(format!("DOCKER_AUTH_CONFIG={}", generated.value).as_str()), "{case}");
                }
                "pre-build-script" => {
                    let script = runner.get("pre_build_script").and_then(|v| v.as_str()).expect("pre_build_script");
                    bash_n(script, &case);
                    assert!(script.starts_with("mkdir -p \"$HOME/.docker\"\n"), "{case}: {script:?}");
                }
                "config-json-docker-volume" => {
                    assert_eq!(runner.get("executor").and_then(|v| v.as_str()), Some("docker"));
                    let volumes = toml_path(runner, &["docker", "volumes"]).as_array().expect("volumes");
                    assert_eq!(volumes[0].as_str(), Some("/opt/.docker/config.json:/root/.docker/config.json:ro"));
                    let privileged = runner.get("docker").and_then(|d| d.get("privileged")).and_then(|v| v.as_bool());
                    assert_eq!(privileged, options.runner.privileged.then_some(true), "{case}: privileged only for Docker-in-Docker");
                    assert!(s.text.contains("docker login"), "the read-only warning");
                }
                "config-json-k8s-configmap" => {
                    assert_eq!(runner.get("executor").and_then(|v| v.as_str()), Some("kubernetes"));
                    let image = options.runner.docker_image.trim();
                    assert_eq!(toml_path(runner, &["kubernetes", "image"]).as_str(), Some(image), "{case}");
                    let privileged = runner.get("kubernetes").and_then(|k| k.get("privileged")).and_then(|v| v.as_bool());
                    assert_eq!(privileged, options.runner.privileged.then_some(true), "{case}");
                    let map = toml_path(runner, &["kubernetes", "volumes", "config_map"]).as_array().expect("config_map")[0]
                        .as_table()
                        .expect("table");
                    assert_eq!(map.get("name").and_then(|v| v.as_str()), Some("docker-client-config"));
                    assert_eq!(map.get("mount_path").and_then(|v| v.as_str()), Some("/root/.docker/config.json"));
                    assert_eq!(map.get("sub_path").and_then(|v| v.as_str()), Some("config.json"));
                    assert!(s
                        .text
                        .contains("# If you are running GitLab Runner 13.5\n      # or lower you can remove this\n      sub_path"));
                    let kubectl = s.text.lines().find_map(|l| l.strip_prefix("# kubectl ")).expect("kubectl command");
                    bash_n(&format!("kubectl {kubectl}"), &case);
                    assert!(
                        kubectl.starts_with(
                            "create configmap docker-client-config --namespace gitlab-runner --from-file /opt/.docker/config.json"
                        ),
                        "{case}"
                    );
                }
                "runner-helper-allowlist" => {
                    let allowed = toml_path(runner, &["docker", "allowed_docker_credential_helpers"]).as_table().expect("a table");
                    let helpers: Vec<(String, String)> =
                        setup.cred_helpers().into_iter().filter(|(_, h)| registry_auth::credential_helper::is_usable(h)).collect();
                    if helpers.is_empty() {
                        assert_eq!(allowed.len(), 1, "{case}: one placeholder");
                    }
                    for (registry, helper) in &helpers {
                        let listed = allowed.get(registry).and_then(|v| v.as_array()).unwrap_or_else(|| panic!("{case}: {registry}"));
                        assert!(listed.iter().any(|h| h.as_str() == Some(helper)), "{case}: {registry} {helper}");
                    }
                    assert!(s.text.contains("NOT CONFIRMED"), "the unconfirmed shape is said");
                }
                other => panic!("unexpected TOML snippet {other}"),
            }
        }
    }
}

/// Sections and `key = value` pairs of an INI file; comments skipped.
fn parse_ini(text: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut sections: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut current = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with(';')) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name.to_owned();
        } else {
            let (key, value) = line.split_once('=').unwrap_or_else(|| panic!("not key = value: {line}"));
            sections.entry(current.clone()).or_default().insert(key.trim().to_owned(), value.trim().to_owned());
        }
    }
    sections
}

#[test]
fn ecr_aws_config_sets_the_region() {
    for (case, setup, _, options, all) in cases() {
        let s = snippet(&all, "ecr-aws-config");
        assert_eq!(s.language(), SnippetLanguage::Ini);
        let ini = parse_ini(&s.text);
        assert_eq!(ini.keys().collect::<Vec<_>>(), ["default"], "{case}: only [default]\n{}", s.text);
        let expected = if options.aws_region == "ap-northeast-1" {
            "ap-northeast-1"
        } else if setup.entries.iter().any(|e| e.registry.contains("eu-central-1")) {
            "eu-central-1"
        } else if setup.entries.iter().any(|e| e.registry.contains("us-east-2")) {
            "us-east-2"
        } else {
            "<region>"
        };
        assert_eq!(ini["default"]["region"], expected, "{case}");
        assert!(s.text.contains("ecr-login"));
    }
}

#[test]
fn config_json_file_is_the_value() {
    for (case, _, generated, _, all) in cases() {
        let s = snippet(&all, "config-json-file");
        let file: Value = serde_json::from_str(&s.text).expect("JSON");
        let value: Value = serde_json::from_str(&generated.value).expect("JSON");
        assert_eq!(file, value, "{case}");
        assert_eq!(s.carries_secret, generated.entries.iter().any(|e| e.written && e.auth.is_some()), "{case}");
    }
}
