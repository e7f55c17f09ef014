//! Proof for the snippets of the least-secret, as-code, secret-manager, check and Kubernetes
//! paths (issue 15), each by a real parser or by running it:
//!
//! - YAML (`dependency-proxy`, `ci-secrets`, `smoke-test-job`, `helm-values`, `external-secret`):
//!   yaml-rust2 with the expected structure (PyYAML reads every YAML snippet in tests/snippets/yaml.rs); the
//!   TOML inside the Helm values with the `toml` crate, down to the exact value.
//! - Shell (`job-token-allowlist`, `glab-variable`, `api-variable`): `bash -n`, then run with
//!   stubbed `glab` and `curl` (and the real `jq`): the value arrives on standard input or in
//!   the JSON body byte for byte, the token never in an argument.
//! - Terraform (`terraform-variable`): python-hcl2 (scripts/install-tools.sh); the test fails,
//!   never skips, when it is missing.
//! - `registry-check` runs against a real registry in real_registry.rs.
//!
//! Every password and token below is an obviously fake fixture.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use registry_auth::config_builder::{build, Generated};
use registry_auth::setup::{OutputOptions, RegistryEntry, Setup};
use registry_auth::snippets::*;
use serde_json::Value;
use yaml_rust2::{Yaml, YamlLoader};

const FAKE_GITLAB_TOKEN: &str = "glpat-not-a-real-token-0000";

fn setups() -> Vec<(&'static str, Setup)> {
    let plain =
        Setup { entries: vec![RegistryEntry::basic("registry.example.com", "ci-bot", "not-a-real-token-1234")], ..Setup::default() };
    let tricky = Setup {
        entries: vec![
            RegistryEntry::basic("registry.example.com:5050", "ci bot", r#"not a "real" $HOME ${x} %{y} 'q' pässwörd"#),
            RegistryEntry::basic("docker.io", "hub-user", "dckr_pat_not-a-real-token"),
        ],
        options: OutputOptions { pretty: true, include_plain_fields: false },
        ..Setup::default()
    };
    vec![("plain", plain), ("tricky", tricky)]
}

fn option_sets() -> Vec<(&'static str, SnippetOptions)> {
    let mut sets = vec![("default", SnippetOptions::default())];
    sets.push((
        "group",
        SnippetOptions {
            variable_level: VariableLevel::Group,
            gitlab_path: "it's $x `g` \\ \"q\" %{y} ${z}".into(),
            environment_scope: "review/* ${CI} \"q\" $(id)".into(),
            variable_type: VariableType::Variable,
            test_image: "registry.example.com/it's/$HOME:1 #x".into(),
            helm_credentials: HelmCredentials::Environment,
            kubernetes_namespace: "ci-ns".into(),
            pull_secret_name: "other-secret".into(),
            runner: RunnerInputs { gitlab_url: "https://gitlab.example.com/".into(), ..RunnerInputs::default() },
            ..SnippetOptions::default()
        },
    ));
    for (name, provider) in [
        ("aws", SecretsProvider::AwsSecretsManager),
        ("gcp", SecretsProvider::GcpSecretManager),
        ("azure", SecretsProvider::AzureKeyVault),
        ("gitlab", SecretsProvider::GitlabSecretsManager),
    ] {
        sets.push((name, SnippetOptions { secrets_provider: provider, ..SnippetOptions::default() }));
    }
    sets
}

fn cases() -> Vec<(String, Generated, SnippetOptions)> {
    let mut cases = Vec::new();
    for (s, setup) in setups() {
        for (o, options) in option_sets() {
            cases.push((format!("{s}/{o}"), build(&setup), options));
        }
    }
    cases
}

fn text(id: SnippetId, generated: &Generated, options: &SnippetOptions) -> String {
    snippet_for(id, &Setup::default(), generated, options).text
}

fn yaml(text: &str, what: &str) -> Yaml {
    let mut docs = YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("{what}: YAML error {e}\n{text}"));
    assert_eq!(docs.len(), 1, "{what}: one document");
    docs.remove(0)
}

/// The variable advice every as-code snippet must follow.
fn advice(generated: &Generated, options: &SnippetOptions) -> VariableToCreate {
    let setup = Setup { entries: vec![RegistryEntry::basic("x.example", "u", "p")], ..Setup::default() };
    let all = variables_to_create(&setup, generated, options, &[SnippetId::GlabVariable]);
    all.into_iter().find(|v| v.name == "DOCKER_AUTH_CONFIG").expect("DOCKER_AUTH_CONFIG advice")
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let path = std::env::temp_dir().join(format!("snippet-paths-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
        fs::create_dir_all(path.join("bin")).expect("temp dir");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// A stub that records its arguments (NUL-separated) and standard input, and for curl copies
/// the `--data-binary @file` body before the snippet removes it.
fn stub(dir: &Path, name: &str) {
    let script = format!(
        "#!/bin/bash\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > '{d}/{name}.args'\ncat > '{d}/{name}.stdin'\n\
         prev=''; for a in \"$@\"; do if [ \"$prev\" = --data-binary ]; then cp \"${{a#@}}\" '{d}/{name}.body'; fi; prev=\"$a\"; done\n",
        d = dir.display()
    );
    let path = dir.join("bin").join(name);
    fs::write(&path, script).expect("stub");
    assert!(Command::new("chmod").arg("+x").arg(&path).status().expect("chmod").success());
}

/// Runs a shell snippet in `dir` with the value saved as VALUE_FILE, `bash -n` first.
fn run_shell(dir: &TempDir, script: &str, value: &str, what: &str) -> (Vec<String>, Vec<u8>) {
    let n = Command::new("bash").arg("-n").arg("-c").arg(script).output().expect("bash -n");
    assert!(n.status.success(), "{what}: bash -n: {}\n{script}", String::from_utf8_lossy(&n.stderr));
    fs::write(dir.0.join(VALUE_FILE), format!("{value}\n")).expect("value file");
    for name in ["glab", "curl"] {
        stub(&dir.0, name);
    }
    let output = Command::new("bash")
        .arg("-e")
        .arg("-c")
        .arg(script)
        .current_dir(&dir.0)
        .env("PATH", format!("{}:{}", dir.0.join("bin").display(), std::env::var("PATH").unwrap_or_default()))
        .env("GITLAB_TOKEN", FAKE_GITLAB_TOKEN)
        .stdin(Stdio::null())
        .output()
        .expect("bash");
    assert!(output.status.success(), "{what}: {}\n{script}", String::from_utf8_lossy(&output.stderr));
    let tool = if script.contains("\nglab variable") { "glab" } else { "curl" };
    let args = fs::read(dir.0.join(format!("{tool}.args"))).expect("args");
    let args = String::from_utf8(args).expect("utf-8").split('\0').filter(|a| !a.is_empty()).map(str::to_owned).collect::<Vec<_>>();
    let stdin = fs::read(dir.0.join(format!("{tool}.stdin"))).expect("stdin");
    assert!(!args.iter().any(|a| a.contains(FAKE_GITLAB_TOKEN) || a.contains("not-a-real")), "{what}: a secret in argv: {args:?}");
    (args, stdin)
}

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

#[test]
fn glab_variable_sends_the_value_on_stdin_with_the_advice() {
    for (case, generated, options) in cases() {
        let dir = TempDir::new();
        let (args, stdin) = run_shell(&dir, &text(SnippetId::GlabVariable, &generated, &options), &generated.value, &case);
        assert_eq!(&args[..3], ["variable", "set", "DOCKER_AUTH_CONFIG"], "{case}");
        assert_eq!(String::from_utf8(stdin).unwrap().trim_end(), generated.value, "{case}: the value on stdin");
        let advice = advice(&generated, &options);
        assert_eq!(args.contains(&"--masked".to_owned()), advice.masked, "{case}: masked as advised");
        assert_eq!(args.contains(&"--hidden".to_owned()), advice.masked, "{case}");
        assert!(args.contains(&"--raw".to_owned()), "{case}: Expand off");
        assert_eq!(flag(&args, "--type"), Some(if advice.file { "file" } else { "env_var" }), "{case}");
        assert_eq!(flag(&args, "--scope"), Some(options.environment_scope.as_str()), "{case}");
        let level = if options.variable_level == VariableLevel::Group { "--group" } else { "--repo" };
        assert_eq!(flag(&args, level), Some(options.gitlab_path.as_str()), "{case}");
    }
}

#[test]
fn api_variable_posts_a_json_body_with_the_exact_value() {
    assert!(Command::new("jq").arg("--version").output().is_ok_and(|o| o.status.success()), "jq is missing (apt-get install jq)");
    for (case, generated, options) in cases() {
        let dir = TempDir::new();
        let (args, stdin) = run_shell(&dir, &text(SnippetId::ApiVariable, &generated, &options), &generated.value, &case);
        assert_eq!(String::from_utf8(stdin).unwrap(), format!("PRIVATE-TOKEN: {FAKE_GITLAB_TOKEN}\n"), "{case}: token on stdin");
        assert_eq!(flag(&args, "--header"), Some("@-"), "{case}");
        let body: Value = serde_json::from_slice(&fs::read(dir.0.join("curl.body")).expect("body")).expect("the body is JSON");
        let advice = advice(&generated, &options);
        assert_eq!(body["key"], "DOCKER_AUTH_CONFIG", "{case}");
        assert_eq!(body["value"], generated.value.as_str(), "{case}: the value byte for byte");
        assert_eq!(body["masked"], advice.masked, "{case}");
        assert_eq!(body["masked_and_hidden"], advice.masked, "{case}");
        assert_eq!(body["raw"], true, "{case}");
        assert_eq!(body["variable_type"], if advice.file { "file" } else { "env_var" }, "{case}");
        assert_eq!(body["environment_scope"], options.environment_scope.as_str(), "{case}");
        let url = args.last().expect("url");
        let collection = if options.variable_level == VariableLevel::Group { "groups" } else { "projects" };
        assert!(url.contains(&format!("/api/v4/{collection}/")) && url.ends_with("/variables"), "{case}: {url}");
        assert!(!url.contains("//api") && !url.contains(' '), "{case}: {url}");
    }
}

#[test]
fn job_token_allowlist_runs_with_the_token_on_stdin() {
    for (case, generated, options) in cases() {
        let dir = TempDir::new();
        let script = text(SnippetId::JobTokenAllowlist, &generated, &options);
        let (args, stdin) = run_shell(&dir, &script, &generated.value, &case);
        assert_eq!(String::from_utf8(stdin).unwrap(), format!("PRIVATE-TOKEN: {FAKE_GITLAB_TOKEN}\n"), "{case}");
        assert!(args.last().unwrap().ends_with("/api/v4/projects/1234/job_token_scope/allowlist"), "{case}: {args:?}");
        assert_eq!(flag(&args, "--data"), Some("target_project_id=5678"), "{case}");
        let glab: Vec<String> =
            fs::read(dir.0.join("glab.args")).map(|a| String::from_utf8(a).unwrap()).unwrap().split('\0').map(str::to_owned).collect();
        assert!(glab.contains(&"projects/1234/job_token_scope/allowlist".to_owned()), "{case}: {glab:?}");
    }
}

/// python-hcl2 (8.x) parses and keeps quoted strings as written (quotes, escapes, `$${`): they
/// are decoded here as HCL defines them (JSON's escapes, then `$${` and `%%{` as literal `${`, `%{`).
const HCL_TO_JSON: &str = r#"import sys, json, hcl2
def text(s):
    if len(s) >= 2 and s[0] == '"' and s[-1] == '"':
        return json.loads(s).replace('$${', '${').replace('%%{', '%{')
    return s
def walk(v):
    if isinstance(v, dict):
        return {text(k): walk(x) for k, x in v.items() if k != '__is_block__'}
    if isinstance(v, list):
        return [walk(x) for x in v]
    return text(v) if isinstance(v, str) else v
print(json.dumps(walk(hcl2.loads(sys.stdin.read()))))
"#;

#[test]
fn terraform_variable_parses_with_an_hcl_parser() {
    let check = Command::new("python3").args(["-c", "import hcl2"]).output();
    assert!(check.is_ok_and(|o| o.status.success()), "python-hcl2 is missing: run scripts/install-tools.sh");
    for (case, generated, options) in cases() {
        let hcl = text(SnippetId::TerraformVariable, &generated, &options);
        let program = HCL_TO_JSON;
        let mut child = Command::new("python3")
            .args(["-c", program])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(hcl.as_bytes()).unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{case}: HCL parse error {}\n{hcl}", String::from_utf8_lossy(&output.stderr));
        let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
        let variable = &doc["variable"][0]["docker_auth_config"];
        assert_eq!(variable["sensitive"], true, "{case}");
        let (resource, owner) = if options.variable_level == VariableLevel::Group {
            ("gitlab_group_variable", "group")
        } else {
            ("gitlab_project_variable", "project")
        };
        let r = &doc["resource"][0][resource]["docker_auth_config"];
        assert_eq!(r["value"], "${var.docker_auth_config}", "{case}: the value from the sensitive variable");
        assert_eq!(r["key"], "DOCKER_AUTH_CONFIG", "{case}");
        let advice = advice(&generated, &options);
        assert_eq!(r["masked"], advice.masked, "{case}");
        assert_eq!(r["raw"], true, "{case}");
        assert_eq!(r["variable_type"], if advice.file { "file" } else { "env_var" }, "{case}");
        assert_eq!(r[owner], options.gitlab_path.as_str(), "{case}: the path reads back exactly");
        assert_eq!(r["environment_scope"], options.environment_scope.as_str(), "{case}");
        assert!(!hcl.contains("not-a-real"), "{case}: no secret in the file");
    }
}

#[test]
fn yaml_snippets_have_the_expected_structure() {
    for (case, generated, options) in cases() {
        let smoke = yaml(&text(SnippetId::SmokeTestJob, &generated, &options), &case);
        assert_eq!(smoke["registry-smoke-test"]["image"]["name"].as_str(), Some(options.test_image.as_str()), "{case}");
        let secrets = yaml(&text(SnippetId::CiSecrets, &generated, &options), &case);
        let job = &secrets["pull-private-image"];
        assert_eq!(job["image"].as_str(), Some(options.test_image.as_str()), "{case}");
        let provider_key = match options.secrets_provider {
            SecretsProvider::Vault => "vault",
            SecretsProvider::AwsSecretsManager => "aws_secrets_manager",
            SecretsProvider::GcpSecretManager => "gcp_secret_manager",
            SecretsProvider::AzureKeyVault => "azure_key_vault",
            SecretsProvider::GitlabSecretsManager => "gitlab_secrets_manager",
        };
        let secret = &job["secrets"]["DOCKER_AUTH_CONFIG"];
        assert!(!secret[provider_key].is_badvalue(), "{case}: {provider_key} in {secret:?}");
        assert_eq!(secret["file"].as_bool(), (options.variable_type == VariableType::Variable).then_some(false), "{case}");
        let proxy = yaml(&text(SnippetId::DependencyProxy, &generated, &options), &case);
        assert!(proxy["build"]["image"].as_str().unwrap().starts_with("${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/docker:"), "{case}");
        let external = yaml(&text(SnippetId::ExternalSecret, &generated, &options), &case);
        assert_eq!(external["kind"].as_str(), Some("ExternalSecret"));
        assert_eq!(external["spec"]["target"]["template"]["type"].as_str(), Some("kubernetes.io/dockerconfigjson"));
        assert_eq!(external["spec"]["target"]["name"].as_str(), Some(options.pull_secret_name.as_str()), "{case}");
        check_helm_values(&generated, &options, &case);
    }
}

/// The Helm values parse as YAML, and `runners.config` inside them as TOML, with the exact value.
fn check_helm_values(generated: &Generated, options: &SnippetOptions, case: &str) {
    let snippet = snippet_for(SnippetId::HelmValues, &Setup::default(), generated, options);
    let doc = yaml(&snippet.text, case);
    let config = doc["runners"]["config"].as_str().unwrap_or_else(|| panic!("{case}: runners.config is a string"));
    let table: toml::Table = config.parse().unwrap_or_else(|e| panic!("{case}: TOML in runners.config: {e}\n{config}"));
    let runner = table["runners"].as_array().and_then(|r| r.first()).and_then(|r| r.as_table()).expect("[[runners]]");
    let kubernetes = runner["kubernetes"].as_table().expect("[runners.kubernetes]");
    assert_eq!(kubernetes["namespace"].as_str(), Some(options.kubernetes_namespace.as_str()), "{case}");
    assert_eq!(kubernetes["pull_policy"].as_array().unwrap()[0].as_str(), Some("always"), "{case}");
    assert_eq!(kubernetes["allowed_pull_policies"].as_array().unwrap()[0].as_str(), Some("always"), "{case}");
    match options.helm_credentials {
        HelmCredentials::ImagePullSecrets => {
            assert_eq!(kubernetes["image_pull_secrets"].as_array().unwrap()[0].as_str(), Some(options.pull_secret_name.as_str()), "{case}");
            assert!(!snippet.carries_secret && !snippet.text.contains("not-a-real"), "{case}");
        }
        HelmCredentials::Environment => {
            let environment = runner["environment"].as_array().expect("environment");
            assert_eq!(
                environment[0].as_str(),
                Some(format!("DOCKER_AUTH_CONFIG={}", generated.value).as_str()),
                "{case}: the exact value"
            );
            assert!(snippet.carries_secret, "{case}");
        }
    }
}

#[test]
fn each_new_snippet_lists_its_ci_variables() {
    let options = SnippetOptions::default();
    let setup = Setup { entries: vec![RegistryEntry::basic("x.example", "u", "p")], ..Setup::default() };
    let generated = build(&setup);
    let reads = |id: SnippetId| id.ci_variables(&setup, &generated, &options);
    for id in [SnippetId::GlabVariable, SnippetId::ApiVariable, SnippetId::TerraformVariable, SnippetId::SmokeTestJob, SnippetId::JobImage]
    {
        assert_eq!(reads(id), ["DOCKER_AUTH_CONFIG"], "{id:?}");
    }
    for id in [
        SnippetId::JobTokenAllowlist,
        SnippetId::DependencyProxy,
        SnippetId::RegistryCheck,
        SnippetId::HelmValues,
        SnippetId::ExternalSecret,
        SnippetId::RunnerEnvironment,
    ] {
        assert!(reads(id).is_empty(), "{id:?}");
    }
    assert!(reads(SnippetId::CiSecrets).contains(&"VAULT_SERVER_URL".to_owned()));
    assert_eq!(reads(SnippetId::DockerLogin), ["DOCKER_REGISTRY_USER", "DOCKER_REGISTRY_PASS"]);
    // Nothing typed: the job image and the smoke test need no variable yet.
    let empty = Setup::default();
    assert!(SnippetId::JobImage.ci_variables(&empty, &build(&empty), &options).is_empty());
}
