//! YAML.

use crate::support::*;

#[test]
fn yaml_snippets_parse_with_the_expected_structure() {
    for (case, setup, generated, options, all) in cases() {
        for s in all.iter().filter(|s| s.language() == SnippetLanguage::Yaml) {
            let doc = parse_yaml(s, &case);
            match s.id.as_str() {
                "docker-login" | "auth-config-before-script" => check_dind_pipeline(&doc, &options, &case),
                "kaniko" | "runtime-auth" => check_kaniko_job(&doc, &options, &case),
                "buildah" => {
                    assert_eq!(yaml_str(&doc["build"]["image"], "image"), "quay.io/buildah/stable");
                    let before = script_lines(&doc["build"], "before_script");
                    assert_eq!(before[0], "export REGISTRY_AUTH_FILE=\"$HOME/auth.json\"", "{case}");
                    assert!(before.iter().any(|l| l.contains("buildah login") && l.contains("--password-stdin")), "{case}");
                }
                "k8s-pull-secret" => check_pull_secret(&doc, &setup, &generated, &options, &case),
                "job-image" => {
                    let expected =
                        if options.test_image.trim().is_empty() { DEFAULT_TEST_IMAGE.to_owned() } else { single_line(&options.test_image) };
                    assert_eq!(yaml_str(&doc["build"]["image"], "image"), expected, "{case}");
                    let services: Vec<String> = options
                        .service_images
                        .split(',')
                        .map(|s| s.split_whitespace().collect::<String>())
                        .filter(|s| !s.is_empty())
                        .collect();
                    let listed: Vec<String> = doc["build"]["services"]
                        .as_vec()
                        .map(|v| v.iter().map(|s| yaml_str(s, "service").to_owned()).collect())
                        .unwrap_or_default();
                    assert_eq!(listed, services, "{case}");
                    assert!(!s.text.contains("DOCKER_AUTH_CONFIG:"), "the job never sets the variable");
                }
                // Checked by tests/snippets_paths.rs and tests/keyless_snippets.rs.
                "dependency-proxy" | "ci-secrets" | "smoke-test-job" | "helm-values" | "external-secret" => {}
                "keyless-login" | "refresh-variable-job" | "kubelet-credential-provider" => {}
                other => panic!("unexpected YAML snippet {other}"),
            }
        }
        let login = parse_yaml(snippet(&all, "docker-login"), &case);
        check_docker_login_lines(&script_lines(&login["build"], "before_script"), &setup, &generated, &options, &case);
    }
}

fn expected_version(options: &SnippetOptions) -> &'static str {
    options.docker_version.as_str()
}

fn check_dind_pipeline(doc: &Yaml, options: &SnippetOptions, case: &str) {
    let version = expected_version(options);
    if options.runner.executor == "shell" {
        // The host's docker CLI: no image, no services, and the job's own DOCKER_CONFIG, removed after.
        assert!(doc["default"].is_badvalue() && doc["variables"].is_badvalue(), "{case}");
        let before = script_lines(&doc["build"], "before_script");
        assert!(before.iter().any(|l| l == "export DOCKER_CONFIG=\"$CI_BUILDS_DIR/.docker-$CI_JOB_ID\""), "{case}: {before:?}");
        assert!(!before.iter().any(|l| l.contains("$HOME")), "{case}: {before:?}");
        assert_eq!(script_lines(&doc["build"], "after_script"), ["rm -rf \"$CI_BUILDS_DIR/.docker-$CI_JOB_ID\""], "{case}");
    } else {
        assert_eq!(yaml_str(&doc["default"]["image"], "image"), format!("docker:{version}-cli"), "{case}");
        let services = doc["default"]["services"].as_vec().expect("services");
        assert_eq!(yaml_str(&services[0], "service"), format!("docker:{version}-dind"), "{case}");
        assert_eq!(yaml_str(&doc["variables"]["DOCKER_TLS_CERTDIR"], "certdir"), "/certs", "{case}");
    }
    assert_eq!(yaml_str(&doc["build"]["stage"], "stage"), "build", "{case}");
    assert!(!script_lines(&doc["build"], "before_script").is_empty(), "{case}");
    assert_eq!(
        script_lines(&doc["build"], "script"),
        ["docker build -t my-docker-image .", "docker run my-docker-image /script/to/run/tests"]
    );
}

fn check_kaniko_job(doc: &Yaml, options: &SnippetOptions, case: &str) {
    let image = if options.kaniko_image.trim().is_empty() { SnippetOptions::default().kaniko_image } else { options.kaniko_image.clone() };
    assert_eq!(yaml_str(&doc["build"]["image"]["name"], "image name"), image, "{case}");
    let entrypoint = doc["build"]["image"]["entrypoint"].as_vec().expect("entrypoint list");
    assert_eq!(entrypoint, &vec![Yaml::String(String::new())], "{case}");
    let script = script_lines(&doc["build"], "script");
    assert!(script.last().is_some_and(|l| l.starts_with("/kaniko/executor ")), "{case}");
    assert!(script.iter().any(|l| l.contains("> \"/kaniko/.docker/config.json\"") || l.starts_with("cp ")), "{case}");
}

/// One `docker login` per registry, referencing exactly the listed variables; Docker Hub with
/// no server argument.
fn check_docker_login_lines(before: &[String], setup: &Setup, generated: &Generated, options: &SnippetOptions, case: &str) {
    let variables = login_table(setup, generated, options);
    let logins: Vec<&String> = before.iter().filter(|l| l.contains("docker login")).collect();
    let users: Vec<&VariableToCreate> = variables.iter().filter(|v| v.kind == VariableKind::RegistryUser).collect();
    let passwords: Vec<&VariableToCreate> = variables.iter().filter(|v| v.kind == VariableKind::RegistryPass).collect();
    assert_eq!(logins.len(), users.len(), "{case}: one login per user variable");
    assert_eq!(logins.len(), passwords.len(), "{case}");
    for ((line, user), password) in logins.iter().zip(&users).zip(&passwords) {
        assert!(line.starts_with(&format!("printf '%s' \"${}\" | docker login ", password.name)), "{case}: {line}");
        assert!(line.ends_with(&format!("--username \"${}\" --password-stdin", user.name)), "{case}: {line}");
        let hub = user.subject == DOCKER_HUB_KEY;
        assert_eq!(line.contains("docker login --username"), hub, "{case}: Docker Hub has no server argument: {line}");
    }
}

fn check_pull_secret(doc: &Yaml, setup: &Setup, generated: &Generated, options: &SnippetOptions, case: &str) {
    assert_eq!(yaml_str(&doc["apiVersion"], "apiVersion"), "v1");
    assert_eq!(yaml_str(&doc["kind"], "kind"), "Secret");
    assert_eq!(yaml_str(&doc["type"], "type"), "kubernetes.io/dockerconfigjson");
    let name = yaml_str(&doc["metadata"]["name"], "name");
    let expected_name = if options.pull_secret_name == "yes" { "yes" } else { "regcred" };
    assert_eq!(name, expected_name, "{case}: a YAML keyword stays a string");
    let data = yaml_str(&doc["data"][".dockerconfigjson"], ".dockerconfigjson");
    let decoded: Value = serde_json::from_slice(&STANDARD.decode(data).expect("base64")).expect("JSON");
    assert_eq!(decoded, documented_kubectl_shape(setup, generated), "{case}");
}

/// GitLab reads `.gitlab-ci.yml` with Ruby's YAML 1.1 parser; PyYAML is YAML 1.1 too, so every
/// YAML snippet must read the same there. `scripts/install-tools.sh` installs PyYAML; without it
/// this test fails rather than pass unchecked.
#[test]
fn yaml_snippets_read_the_same_as_yaml_1_1() {
    let has_pyyaml = Command::new("python3").args(["-c", "import yaml"]).output().is_ok_and(|o| o.status.success());
    assert!(has_pyyaml, "PyYAML is missing: run scripts/install-tools.sh");
    let mut documents = Vec::new();
    for (_, _, _, _, all) in cases() {
        documents.extend(all.into_iter().filter(|s| s.language() == SnippetLanguage::Yaml).map(|s| s.text));
    }
    let input = serde_json::to_string(&documents).unwrap();
    let program = "import sys, json, yaml\nfor d in json.load(sys.stdin):\n    print(json.dumps(yaml.safe_load(d), sort_keys=True))";
    let mut child = Command::new("python3").args(["-c", program]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("python3");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "PyYAML failed: {}", String::from_utf8_lossy(&output.stderr));
    let lines: Vec<&str> = std::str::from_utf8(&output.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), documents.len());
    for (line, document) in lines.iter().zip(&documents) {
        let from_pyyaml: Value = serde_json::from_str(line).unwrap();
        let from_yaml_rust = yaml_to_json(&YamlLoader::load_from_str(document).unwrap()[0]);
        assert_eq!(from_pyyaml, from_yaml_rust, "YAML 1.1 and 1.2 differ on\n{document}");
    }
}

fn yaml_to_json(yaml: &Yaml) -> Value {
    match yaml {
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Integer(i) => json!(i),
        Yaml::Array(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Hash(map) => Value::Object(map.iter().map(|(k, v)| (k.as_str().expect("string key").to_owned(), yaml_to_json(v))).collect()),
        Yaml::Null => Value::Null,
        other => panic!("unexpected YAML node {other:?}"),
    }
}
