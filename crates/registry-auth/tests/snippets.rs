//! Proof for the snippets (issue: "each proven by a real parser or shell").
//!
//! - Every YAML snippet parses with a real YAML 1.2 parser (yaml-rust2) and has the expected
//!   structure, and reads the same with PyYAML, a YAML 1.1 parser like GitLab's Ruby one.
//! - Every TOML snippet parses with the `toml` crate and yields the exact value.
//! - Every shell snippet, and every job script inside YAML and TOML, passes `bash -n`.
//! - The snippets that write the value (Option 3, `pre_build_script`, Kaniko, Buildah) run in
//!   bash and dash into a temporary HOME, and the file is byte-identical to the value.
//! - The Kubernetes Secret decodes to what `kubectl create secret docker-registry` makes, and
//!   is compared with kubectl itself.
//!
//! No fixture is a real secret: every password is an obviously fake string.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use proptest::prelude::*;
use registry_auth::auth_encoding::{decode_auth, encode_auth};
use registry_auth::config_builder::{build, Generated};
use registry_auth::registry_key::DOCKER_HUB_KEY;
use registry_auth::setup::{CredentialKind, OutputOptions, RegistryEntry, Setup};
use registry_auth::snippets::*;
use serde_json::{json, Value};
use strum::IntoEnumIterator;
use yaml_rust2::{Yaml, YamlLoader};

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

/// Passwords that a shell, a YAML or TOML writer or a JSON encoder could get wrong.
/// A proxy password typed into the proxy URL of the "weird" options.
const PROXY_PASSWORD: &str = "p@ss w0rd";
/// The proxy user typed with it.
const PROXY_USER: &str = "proxy-user";

const TRICKY_SECRETS: &[&str] = &[
    "not-a-real-token",
    "not a real token with spaces",
    "fake glob * and ? and [x]",
    "fake quotes ' and \" and `back`",
    "fake dollar $HOME ${PATH} $(id) $$ $",
    "fake back\\slash \\n \\\\ end\\",
    "fäke ünïcödé パスワード 🔑",
    "-n fake leading dash",
    "fake %s %d percent",
    "fake ; && || | > < & # comment",
    "fake:colon:in:password",
    "fake !bang !! history",
    "fake\ttab and\nnewline",
    "fake <html> & \u{2028} line separator",
];

fn tricky_setup(options: OutputOptions) -> Setup {
    let mut entries: Vec<RegistryEntry> = TRICKY_SECRETS
        .iter()
        .enumerate()
        .map(|(i, secret)| RegistryEntry::basic(&format!("r{i}.registry.example.com"), &format!("fake-user-{i}"), secret))
        .collect();
    entries.push(RegistryEntry::basic("docker.io", "fake hub user ü", "fake-hub-token-$x"));
    Setup { entries, creds_store: String::new(), options }
}

/// Every shape of input the snippets must handle, with a name for failure messages.
fn setups() -> Vec<(&'static str, Setup)> {
    let namespaced =
        RegistryEntry { keep_namespace: true, ..RegistryEntry::basic("registry.gitlab.com/group-a", "fake-a", "not-a-real-token-a") };
    let namespaced_b =
        RegistryEntry { keep_namespace: true, ..RegistryEntry::basic("registry.gitlab.com/group-b", "fake-b", "not-a-real-token-b") };
    vec![
        ("empty", Setup::default()),
        ("one", Setup { entries: vec![RegistryEntry::basic("registry.example.com", "fake-user", "not-a-real-token")], ..Setup::default() }),
        ("hub", Setup { entries: vec![RegistryEntry::basic("docker.io", "fake-user", "not-a-real-token")], ..Setup::default() }),
        ("tricky", tricky_setup(OutputOptions::default())),
        ("tricky-pretty-plain", tricky_setup(OutputOptions { pretty: true, include_plain_fields: true })),
        (
            "mixed",
            Setup {
                entries: vec![
                    RegistryEntry::basic("https://Registry.Example.com:5000/v2/", "fake-user", "not-a-real-token"),
                    RegistryEntry::helper("123456789012.dkr.ecr.eu-central-1.amazonaws.com", "ecr-login"),
                    RegistryEntry::basic("docker.io", "fake-hub", "not-a-real-hub-token"),
                    namespaced,
                    namespaced_b,
                    RegistryEntry::basic("a-b.io", "fake-1", "not-a-real-token-1"),
                    RegistryEntry::basic("a.b.io", "fake-2", "not-a-real-token-2"),
                ],
                ..Setup::default()
            },
        ),
        (
            "helpers-only",
            Setup {
                entries: vec![RegistryEntry::helper("123456789012.dkr.ecr.us-east-2.amazonaws.com", "ecr-login")],
                creds_store: "ecr-login".into(),
                ..Setup::default()
            },
        ),
        (
            "invalid",
            Setup {
                entries: vec![
                    RegistryEntry::basic("", "fake", "not-a-real-token"),
                    RegistryEntry::basic("bad host", "fake", "not-a-real-token"),
                    RegistryEntry::basic("ok.example.com", "user:colon", "not-a-real-token"),
                    RegistryEntry::basic("only-host.example.com", "", ""),
                    RegistryEntry::helper("helper.example.com", "bad/helper"),
                ],
                ..Setup::default()
            },
        ),
        (
            "duplicates",
            Setup {
                entries: vec![
                    RegistryEntry::basic("dup.example.com", "fake-first", "not-a-real-token-1"),
                    RegistryEntry::basic("https://dup.example.com/", "fake-second", "not-a-real-token-2"),
                ],
                ..Setup::default()
            },
        ),
    ]
}

/// Snippet options from the defaults to the absurd.
fn option_sets() -> Vec<(&'static str, SnippetOptions)> {
    let default = SnippetOptions::default();
    let file = SnippetOptions {
        variable_type: VariableType::File,
        runtime_credentials: RuntimeCredentials::DeployToken,
        docker_version: DockerVersion::V28,
        aws_region: "ap-northeast-1".into(),
        ..SnippetOptions::default()
    };
    let registration_runner = RunnerInputs {
        token_flow: TokenFlow::RegistrationTokenDeprecated,
        services: "postgres:latest, mysql:latest".into(),
        privileged: true,
        run_as_runner_user: true,
        docker_volume: ConfigVolume::NamedVolume,
        access_level: AccessLevel::RefProtected,
        locked: true,
        run_untagged: false,
        ..RunnerInputs::default()
    };
    let registration = SnippetOptions { runner: registration_runner, ..SnippetOptions::default() };
    let weird = SnippetOptions {
        docker_version: DockerVersion::V27,
        variable_type: VariableType::Variable,
        kaniko_image: String::new(),
        runtime_credentials: RuntimeCredentials::JobToken,
        aws_region: "x\ny = 1\n[evil]".into(),
        kubernetes_namespace: "Bad NS\n: x".into(),
        pull_secret_name: "yes".into(),
        gitlab_registry: "Registry.Example.com:5050/\n#x".into(),
        variable_level: VariableLevel::Group,
        gitlab_path: "it's $x\n`group` \\ \"q\"".into(),
        environment_scope: "${CI} %{x} \"q\" $(id)".into(),
        secrets_provider: SecretsProvider::GitlabSecretsManager,
        test_image: "image: with 'quotes' and \"more\" #x $HOME".into(),
        service_images: "svc: 'q' \"x\" #y, $HOME/db:1,,".into(),
        helm_credentials: HelmCredentials::Environment,
        runner: RunnerInputs {
            gitlab_url: "https://gitlab.example.com/it's $x".into(),
            token_flow: TokenFlow::RegistrationTokenDeprecated,
            executor: "docker".into(),
            docker_image: "image: with 'quotes' and \"more\" #x".into(),
            windows_docker_image: "win ‘curly’ $env:x `tick".into(),
            description: "  quote ' \" $HOME `id` \\ ! newline\nend  ".into(),
            tags: " a, b ,,c d ".into(),
            maintenance_note: "note with -- dashes and $(rm -rf /) and 'q'".into(),
            run_untagged: true,
            locked: false,
            access_level: AccessLevel::NotProtected,
            privileged: false,
            services: "postgres:latest, EOF, name\"quote\\ back, ünï".into(),
            run_as_runner_user: false,
            docker_volume: ConfigVolume::BindMount,
            proxy_url: format!("http://{PROXY_USER}:{PROXY_PASSWORD}@proxy:3128/'"),
        },
    };
    let shell_executor = SnippetOptions {
        runner: RunnerInputs { executor: "shell".into(), services: "redis:7".into(), ..RunnerInputs::default() },
        ..SnippetOptions::default()
    };
    vec![("default", default), ("file", file), ("registration", registration), ("weird", weird), ("shell-executor", shell_executor)]
}

/// Every combination, with the generated value and the snippets.
fn cases() -> Vec<(String, Setup, Generated, SnippetOptions, Vec<Snippet>)> {
    let mut cases = Vec::new();
    for (setup_name, setup) in setups() {
        let generated = build(&setup);
        for (options_name, options) in option_sets() {
            let all = snippets(&setup, &generated, &options);
            cases.push((format!("{setup_name}/{options_name}"), setup.clone(), generated.clone(), options, all));
        }
    }
    cases
}

fn snippet<'a>(all: &'a [Snippet], id: &str) -> &'a Snippet {
    all.iter().find(|s| s.id.as_str() == id).unwrap_or_else(|| panic!("no snippet {id}"))
}

// ---------------------------------------------------------------------------------------------
// Parsers and shells
// ---------------------------------------------------------------------------------------------

fn parse_yaml(snippet: &Snippet, case: &str) -> Yaml {
    let mut docs = YamlLoader::load_from_str(&snippet.text)
        .unwrap_or_else(|e| panic!("{case} {}: YAML error {e}\n{}", snippet.id.as_str(), snippet.text));
    assert_eq!(docs.len(), 1, "{case} {}: one document", snippet.id.as_str());
    docs.remove(0)
}

fn parse_toml(snippet: &Snippet, case: &str) -> toml::Table {
    snippet.text.parse::<toml::Table>().unwrap_or_else(|e| panic!("{case} {}: TOML error {e}\n{}", snippet.id.as_str(), snippet.text))
}

fn yaml_str<'a>(node: &'a Yaml, what: &str) -> &'a str {
    node.as_str().unwrap_or_else(|| panic!("{what} is not a string: {node:?}"))
}

/// A job's script list as the shell lines GitLab Runner runs.
fn script_lines(job: &Yaml, key: &str) -> Vec<String> {
    job[key].as_vec().unwrap_or_else(|| panic!("{key} is not a list: {job:?}")).iter().map(|line| yaml_str(line, key).to_owned()).collect()
}

/// `[[runners]]` number 0 of a config.toml snippet.
fn first_runner(table: &toml::Table) -> &toml::Table {
    table.get("runners").and_then(|r| r.as_array()).and_then(|r| r.first()).and_then(|r| r.as_table()).expect("[[runners]]")
}

fn toml_path<'a>(table: &'a toml::Table, path: &[&str]) -> &'a toml::Value {
    let mut value = table.get(path[0]).unwrap_or_else(|| panic!("missing {}", path[0]));
    for key in &path[1..] {
        value = value.get(*key).unwrap_or_else(|| panic!("missing {key} in {path:?}"));
    }
    value
}

static NEXT_DIR: AtomicUsize = AtomicUsize::new(0);

/// A temporary directory removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let path = std::env::temp_dir().join(format!("snippet-tests-{}-{}", std::process::id(), NEXT_DIR.fetch_add(1, Ordering::Relaxed)));
        fs::create_dir_all(&path).expect("temp dir");
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn str(&self) -> &str {
        self.0.to_str().expect("utf-8 temp path")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn bash_n(script: &str, what: &str) {
    let dir = TempDir::new();
    let file = dir.path().join("script.sh");
    fs::write(&file, script).expect("write script");
    let output = Command::new("bash").arg("-n").arg(&file).output().expect("bash");
    assert!(output.status.success(), "{what}: bash -n failed: {}\n{script}", String::from_utf8_lossy(&output.stderr));
}

/// Runs `script` with `shell` (`bash` or `sh`, which is dash on Debian) with `set -e`, as the
/// runner stops at the first failing line.
fn run(shell: &str, script: &str, home: &Path, env: &[(&str, &str)], path_prefix: Option<&Path>) -> Output {
    let file = home.join(format!("script-{}.sh", NEXT_DIR.fetch_add(1, Ordering::Relaxed)));
    fs::write(&file, format!("set -e\n{script}\n")).expect("write script");
    let mut command = Command::new(shell);
    command.arg(&file).env("HOME", home).env_remove("DOCKER_AUTH_CONFIG").stdin(Stdio::null());
    if let Some(prefix) = path_prefix {
        command.env("PATH", format!("{}:{}", prefix.display(), std::env::var("PATH").unwrap_or_default()));
    }
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("run shell");
    assert!(output.status.success(), "{shell} failed: {}\n{script}", String::from_utf8_lossy(&output.stderr));
    output
}

fn shells() -> Vec<&'static str> {
    let mut shells = vec!["bash"];
    if Path::new("/bin/sh").exists() {
        shells.push("sh");
    }
    shells
}

/// The variable set the way the chosen type sets it in a job: the value, or a file's path.
fn auth_config_env(variable_type: VariableType, value: &str, dir: &Path) -> String {
    match variable_type {
        VariableType::Variable => value.to_owned(),
        VariableType::File => {
            let path = dir.join("DOCKER_AUTH_CONFIG.file");
            fs::write(&path, value).expect("write file variable");
            path.to_str().expect("utf-8").to_owned()
        }
    }
}

/// A stub command on PATH that records its arguments (NUL-separated), stdin and a few
/// environment variables into `log/<name>.<n>.*`.
fn write_stub(bin: &Path, log: &Path, name: &str) {
    let script = format!(
        "#!/bin/sh\nn=$(cat '{log}/{name}.count' 2>/dev/null || echo 0)\nn=$((n + 1))\necho \"$n\" > '{log}/{name}.count'\n\
         for a in \"$@\"; do printf '%s\\0' \"$a\"; done > '{log}/{name}.'$n'.args'\n\
         cat > '{log}/{name}.'$n'.stdin'\n\
         printf '%s' \"${{DOCKER_AUTH_CONFIG-unset}}\" > '{log}/{name}.'$n'.auth-config'\n\
         printf '%s|%s' \"${{HTTP_PROXY-}}\" \"${{HTTPS_PROXY-}}\" > '{log}/{name}.'$n'.proxy'\n",
        log = log.display()
    );
    let path = bin.join(name);
    fs::write(&path, script).expect("write stub");
    let status = Command::new("chmod").arg("+x").arg(&path).status().expect("chmod");
    assert!(status.success());
}

struct StubCall {
    args: Vec<String>,
    stdin: Vec<u8>,
    auth_config: String,
    proxy: String,
}

fn stub_calls(log: &Path, name: &str) -> Vec<StubCall> {
    let count: usize = fs::read_to_string(log.join(format!("{name}.count"))).map(|c| c.trim().parse().unwrap_or(0)).unwrap_or(0);
    (1..=count)
        .map(|n| {
            let read = |suffix: &str| fs::read(log.join(format!("{name}.{n}.{suffix}"))).expect("stub output");
            let args = String::from_utf8(read("args")).expect("utf-8 args");
            StubCall {
                args: args.split('\0').filter(|a| !a.is_empty()).map(str::to_owned).collect(),
                stdin: read("stdin"),
                auth_config: String::from_utf8(read("auth-config")).expect("utf-8"),
                proxy: String::from_utf8(read("proxy")).expect("utf-8"),
            }
        })
        .collect()
}

fn flag_value<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).map(String::as_str)
}

// ---------------------------------------------------------------------------------------------
// Ids, groups, catalogue
// ---------------------------------------------------------------------------------------------

const CONTRACT_IDS: [&str; 26] = [
    "docker-login",
    "auth-config-before-script",
    "config-json-docker-volume",
    "config-json-k8s-configmap",
    "runner-environment",
    "pre-build-script",
    "kaniko",
    "runtime-auth",
    "buildah",
    "k8s-pull-secret",
    "shell-encode",
    "ecr-aws-config",
    "register-linux",
    "register-windows",
    "register-docker",
    "register-proxy",
    "job-token-allowlist",
    "dependency-proxy",
    "glab-variable",
    "api-variable",
    "terraform-variable",
    "ci-secrets",
    "smoke-test-job",
    "registry-check",
    "helm-values",
    "external-secret",
];

#[test]
fn every_contract_id_in_display_order_and_grouped() {
    for (case, _, _, _, all) in cases() {
        let ids: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, SnippetId::iter().map(SnippetId::as_str).collect::<Vec<_>>(), "{case}");
        for id in CONTRACT_IDS {
            assert!(ids.contains(&id), "{case}: {id}");
        }
        assert!(all.windows(2).all(|w| w[0].group() <= w[1].group()), "{case}: groups in display order");
        for s in &all {
            let expected_language = match s.group() {
                SnippetGroup::GitlabCi => Some(SnippetLanguage::Yaml),
                SnippetGroup::Shell => Some(SnippetLanguage::Shell),
                _ => None,
            };
            if let Some(language) = expected_language {
                assert_eq!(s.language(), language, "{case} {}", s.id.as_str());
            }
            assert!(!s.text.trim().is_empty() && s.text.ends_with('\n'), "{case} {}: ends with a newline", s.id.as_str());
        }
    }
}

#[test]
fn option_values_round_trip() {
    fn round_trip<T: Copy + PartialEq + std::fmt::Debug + std::str::FromStr>(all: &[T], values: &[&str], as_str: fn(T) -> &'static str) {
        assert_eq!(all.len(), values.len());
        for (v, value) in all.iter().zip(values) {
            assert_eq!((as_str(*v), value.parse::<T>().ok()), (*value, Some(*v)));
        }
        assert!("nonsense".parse::<T>().is_err());
    }
    round_trip(VariableType::ALL, VariableType::VALUES, VariableType::as_str);
    round_trip(TokenFlow::ALL, TokenFlow::VALUES, TokenFlow::as_str);
    round_trip(AccessLevel::ALL, AccessLevel::VALUES, AccessLevel::as_str);
    round_trip(ConfigVolume::ALL, ConfigVolume::VALUES, ConfigVolume::as_str);
    round_trip(RuntimeCredentials::ALL, RuntimeCredentials::VALUES, RuntimeCredentials::as_str);
    round_trip(DockerVersion::ALL, DockerVersion::VALUES, DockerVersion::as_str);
    round_trip(VariableLevel::ALL, VariableLevel::VALUES, VariableLevel::as_str);
    round_trip(SecretsProvider::ALL, SecretsProvider::VALUES, SecretsProvider::as_str);
    round_trip(HelmCredentials::ALL, HelmCredentials::VALUES, HelmCredentials::as_str);
    assert_eq!(SnippetOptions::default().docker_version.as_str(), "29.7.2");
    // A release no longer offered reads as the current one; text that is no version does not.
    assert_eq!(DockerVersion::read("24.0.5"), Ok(DockerVersion::default()));
    assert!(DockerVersion::read("latest").is_err() && DockerVersion::read("").is_err());
    assert_eq!(AccessLevel::RefProtected.as_str(), "ref_protected");
    // Older setup files' spellings.
    assert_eq!("ref-protected".parse(), Ok(AccessLevel::RefProtected));
    assert_eq!("registration-token-deprecated".parse(), Ok(TokenFlow::RegistrationTokenDeprecated));
}

// ---------------------------------------------------------------------------------------------
// YAML
// ---------------------------------------------------------------------------------------------

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
    assert_eq!(yaml_str(&doc["default"]["image"], "image"), format!("docker:{version}-cli"), "{case}");
    let services = doc["default"]["services"].as_vec().expect("services");
    assert_eq!(yaml_str(&services[0], "service"), format!("docker:{version}-dind"), "{case}");
    assert_eq!(yaml_str(&doc["variables"]["DOCKER_TLS_CERTDIR"], "certdir"), "/certs", "{case}");
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

/// The variables table when the value's own snippet and `docker-login` are shown:
/// `DOCKER_AUTH_CONFIG`, then each login's user and password.
fn login_table(setup: &Setup, generated: &Generated, options: &SnippetOptions) -> Vec<VariableToCreate> {
    variables_to_create(setup, generated, options, &[SnippetId::AuthConfigBeforeScript, SnippetId::DockerLogin])
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

/// `{"auths":{"<server>":{"username":…,"password":…,"auth":"<b64(user:pass)>"}}}` for every
/// username-and-token entry the generator wrote (kubectl's `handleDockerCfgJSONContent`).
fn documented_kubectl_shape(setup: &Setup, generated: &Generated) -> Value {
    let mut auths = serde_json::Map::new();
    for (entry, output) in setup.entries.iter().zip(&generated.entries) {
        if let (Ok(key), true, Some(_)) = (&output.key, output.written, &output.auth) {
            let auth = encode_auth(&entry.username, &entry.secret).expect("encodable");
            auths.insert(key.key.clone(), json!({"username": entry.username, "password": entry.secret, "auth": auth}));
        }
    }
    if auths.is_empty() {
        auths.insert(
            PLACEHOLDER_REGISTRY.into(),
            json!({"username": "USERNAME", "password": "TOKEN", "auth": encode_auth("USERNAME", "TOKEN").unwrap()}),
        );
    }
    json!({ "auths": auths })
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

// ---------------------------------------------------------------------------------------------
// TOML and INI
// ---------------------------------------------------------------------------------------------

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
                    assert_eq!(toml_path(runner, &["docker", "privileged"]).as_bool(), Some(true));
                    assert!(s.text.contains("docker login"), "the read-only warning");
                }
                "config-json-k8s-configmap" => {
                    assert_eq!(runner.get("executor").and_then(|v| v.as_str()), Some("kubernetes"));
                    let image = options.runner.docker_image.trim();
                    assert_eq!(toml_path(runner, &["kubernetes", "image"]).as_str(), Some(image), "{case}");
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

// ---------------------------------------------------------------------------------------------
// Shell syntax
// ---------------------------------------------------------------------------------------------

#[test]
fn every_shell_snippet_and_job_script_passes_bash_n() {
    // One `bash -n` per distinct script keeps this quick on two cores.
    let mut scripts: BTreeMap<String, String> = BTreeMap::new();
    for (case, _, _, _, all) in cases() {
        for s in &all {
            match s.language() {
                SnippetLanguage::Shell => {
                    scripts.entry(s.text.clone()).or_insert_with(|| format!("{case} {}", s.id.as_str()));
                }
                SnippetLanguage::Yaml if s.group() == SnippetGroup::GitlabCi => {
                    let doc = parse_yaml(s, &case);
                    for key in ["before_script", "script"] {
                        if !doc["build"][key].is_badvalue() {
                            scripts
                                .entry(script_lines(&doc["build"], key).join("\n"))
                                .or_insert_with(|| format!("{case} {} {key}", s.id.as_str()));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    for (script, what) in &scripts {
        bash_n(script, what);
    }
}

// ---------------------------------------------------------------------------------------------
// Execution: the written file is the value, byte for byte
// ---------------------------------------------------------------------------------------------

/// The setups whose values the execution tests write: every tricky password, one line and pretty.
fn execution_setups() -> Vec<(&'static str, Generated, Setup)> {
    ["tricky", "tricky-pretty-plain", "mixed", "empty"]
        .into_iter()
        .map(|name| {
            let setup = setups().into_iter().find(|(n, _)| *n == name).unwrap().1;
            (name, build(&setup), setup)
        })
        .collect()
}

fn variable_types() -> [(VariableType, SnippetOptions); 2] {
    [VariableType::Variable, VariableType::File].map(|t| (t, SnippetOptions { variable_type: t, ..SnippetOptions::default() }))
}

#[test]
fn option_3_before_script_writes_the_value_byte_for_byte() {
    for (name, generated, setup) in execution_setups() {
        for (variable_type, options) in variable_types() {
            let all = snippets(&setup, &generated, &options);
            let doc = parse_yaml(snippet(&all, "auth-config-before-script"), name);
            let before = script_lines(&doc["build"], "before_script").join("\n");
            for shell in shells() {
                let home = TempDir::new();
                let value = auth_config_env(variable_type, &generated.value, home.path());
                run(shell, &before, home.path(), &[("DOCKER_AUTH_CONFIG", &value)], None);
                let written = fs::read(home.path().join(".docker/config.json")).expect("config.json written");
                assert_eq!(written, generated.value.as_bytes(), "{name} {variable_type:?} {shell}");
            }
        }
    }
}

#[test]
fn pre_build_script_writes_the_value_byte_for_byte() {
    for (name, generated, setup) in execution_setups() {
        for (variable_type, options) in variable_types() {
            let all = snippets(&setup, &generated, &options);
            let table = parse_toml(snippet(&all, "pre-build-script"), name);
            let script = first_runner(&table).get("pre_build_script").and_then(|v| v.as_str()).expect("script").to_owned();
            for shell in shells() {
                let home = TempDir::new();
                let value = auth_config_env(variable_type, &generated.value, home.path());
                run(shell, &script, home.path(), &[("DOCKER_AUTH_CONFIG", &value)], None);
                let written = fs::read(home.path().join(".docker/config.json")).expect("config.json written");
                assert_eq!(written, generated.value.as_bytes(), "{name} {variable_type:?} {shell}");
            }
        }
    }
}

#[test]
fn kaniko_writes_the_value_byte_for_byte() {
    for (name, generated, setup) in execution_setups() {
        for (variable_type, options) in variable_types() {
            let all = snippets(&setup, &generated, &options);
            let doc = parse_yaml(snippet(&all, "kaniko"), name);
            let home = TempDir::new();
            let kaniko = home.path().join("kaniko");
            fs::create_dir_all(&kaniko).unwrap();
            // The test's stand-in for /kaniko, with an executor that only checks it ran.
            fs::write(kaniko.join("executor"), "#!/bin/sh\ntouch \"$(dirname \"$0\")/executor-ran\"\n").unwrap();
            assert!(Command::new("chmod").arg("+x").arg(kaniko.join("executor")).status().unwrap().success());
            let script = script_lines(&doc["build"], "script").join("\n").replace("/kaniko/", &format!("{}/kaniko/", home.str()));
            let value = auth_config_env(variable_type, &generated.value, home.path());
            for shell in shells() {
                run(
                    shell,
                    &script,
                    home.path(),
                    &[("DOCKER_AUTH_CONFIG", &value), ("CI_PROJECT_DIR", "/builds/x"), ("CI_REGISTRY_IMAGE", "r/x")],
                    None,
                );
                let written = fs::read(kaniko.join(".docker/config.json")).expect("config.json written");
                assert_eq!(written, generated.value.as_bytes(), "{name} {variable_type:?} {shell}");
                assert!(kaniko.join("executor-ran").exists());
            }
        }
    }
}

#[test]
fn buildah_writes_the_value_byte_for_byte() {
    for (name, generated, setup) in execution_setups() {
        for (variable_type, options) in variable_types() {
            let all = snippets(&setup, &generated, &options);
            let doc = parse_yaml(snippet(&all, "buildah"), name);
            let before = script_lines(&doc["build"], "before_script").join("\n");
            let home = TempDir::new();
            let (bin, log) = (home.path().join("bin"), home.path().join("log"));
            fs::create_dir_all(&bin).unwrap();
            fs::create_dir_all(&log).unwrap();
            write_stub(&bin, &log, "buildah");
            let value = auth_config_env(variable_type, &generated.value, home.path());
            let env = [
                ("DOCKER_AUTH_CONFIG", value.as_str()),
                ("CI_REGISTRY", "registry.example.com"),
                ("CI_REGISTRY_USER", "gitlab-ci-token"),
                ("CI_REGISTRY_PASSWORD", "not-a-real-job-token"),
            ];
            run("bash", &before, home.path(), &env, Some(&bin));
            assert_eq!(fs::read(home.path().join("auth.json")).expect("auth.json"), generated.value.as_bytes(), "{name} {variable_type:?}");
            let calls = stub_calls(&log, "buildah");
            assert_eq!(calls.len(), 1);
            assert_eq!(calls[0].args, ["login", "--username", "gitlab-ci-token", "--password-stdin", "registry.example.com"]);
            assert_eq!(calls[0].stdin, b"not-a-real-job-token");
        }
    }
}

/// containers/image never runs a `credsStore`, and nothing in the value says which registries it
/// was meant for (`docs/containers-image.md#what-buildah-does-not-read`): the buildah snippet
/// says so, naming the store, for a value that has one and only then, before it writes the file,
/// which is still the value byte for byte. `tests/real_registry_fixes.rs` shows skopeo ignoring
/// the store and reading the per-registry helper the comment asks for.
#[test]
fn buildah_says_it_cannot_use_a_creds_store() {
    for (name, setup) in setups() {
        let generated = build(&setup);
        let all = snippets(&setup, &generated, &SnippetOptions::default());
        let text = &snippet(&all, "buildah").text;
        let said = text.lines().map(str::trim).position(|l| l.starts_with("# Buildah, Podman and Skopeo do not read credsStore"));
        assert_eq!(said.is_some(), !setup.creds_store.is_empty(), "{name}:\n{text}");
        if let Some(said) = said {
            assert!(text.lines().nth(said).unwrap().contains("credsStore (ecr-login)") && text.contains("credHelpers"), "{name}");
            let write = text.lines().position(|l| l.contains("> \"$REGISTRY_AUTH_FILE\"")).expect("the write");
            assert!(said < write, "{name}: said before the file is written");
        }
    }
    let setup = setups().into_iter().find(|(n, _)| *n == "helpers-only").unwrap().1;
    let generated = build(&setup);
    let doc = parse_yaml(snippet(&snippets(&setup, &generated, &SnippetOptions::default()), "buildah"), "helpers-only");
    let before = script_lines(&doc["build"], "before_script").join("\n");
    for shell in shells() {
        let home = TempDir::new();
        let (bin, log) = (home.path().join("bin"), home.path().join("log"));
        fs::create_dir_all(&bin).unwrap();
        fs::create_dir_all(&log).unwrap();
        write_stub(&bin, &log, "buildah");
        let env = [
            ("DOCKER_AUTH_CONFIG", generated.value.as_str()),
            ("CI_REGISTRY", "registry.example.com"),
            ("CI_REGISTRY_USER", "gitlab-ci-token"),
            ("CI_REGISTRY_PASSWORD", "not-a-real-job-token"),
        ];
        run(shell, &before, home.path(), &env, Some(&bin));
        assert_eq!(fs::read(home.path().join("auth.json")).expect("auth.json"), generated.value.as_bytes(), "{shell}");
    }
}

#[test]
fn runtime_auth_builds_the_auth_from_predefined_variables() {
    for credentials in RuntimeCredentials::ALL {
        let options = SnippetOptions { runtime_credentials: *credentials, ..SnippetOptions::default() };
        let all = snippets(&Setup::default(), &build(&Setup::default()), &options);
        let doc = parse_yaml(snippet(&all, "runtime-auth"), "runtime-auth");
        let (user_variable, password_variable) = match credentials {
            RuntimeCredentials::JobToken => ("CI_REGISTRY_USER", "CI_REGISTRY_PASSWORD"),
            RuntimeCredentials::DeployToken => ("CI_DEPLOY_USER", "CI_DEPLOY_PASSWORD"),
        };
        for password in
            ["not-a-real-job-token", "fake with spaces $x \" ' \\ ü and a long tail to force base64 line wrapping at 76 columns"]
        {
            let home = TempDir::new();
            let kaniko = home.path().join("kaniko");
            fs::create_dir_all(&kaniko).unwrap();
            // The executor stub records whether DOCKER_AUTH_CONFIG reached it.
            fs::write(
                kaniko.join("executor"),
                "#!/bin/sh\nprintf '%s' \"${DOCKER_AUTH_CONFIG-unset}\" > \"$(dirname \"$0\")/auth-config-seen\"\n",
            )
            .unwrap();
            assert!(Command::new("chmod").arg("+x").arg(kaniko.join("executor")).status().unwrap().success());
            let script = script_lines(&doc["build"], "script").join("\n").replace("/kaniko/", &format!("{}/kaniko/", home.str()));
            for shell in shells() {
                let env = [
                    ("CI_REGISTRY", "registry.gitlab.example.com:5050"),
                    (user_variable, "gitlab+deploy-token-7"),
                    (password_variable, password),
                    (
                        "DOCKER_AUTH_CONFIG",
                        r#"{"auths":{"registry.gitlab.example.com:5050":{"auth":"cmVhZC1vbmx5Om5vdC1hLXJlYWwtdG9rZW4="}}}"#,
                    ),
                ];
                run(shell, &script, home.path(), &env, None);
                // kaniko takes a valid DOCKER_AUTH_CONFIG over its config.json: the job's push credentials need it gone.
                assert_eq!(fs::read_to_string(kaniko.join("auth-config-seen")).unwrap(), "unset", "{credentials:?} {shell}");
                let written: Value = serde_json::from_slice(&fs::read(kaniko.join(".docker/config.json")).unwrap()).expect("valid JSON");
                let auth = written["auths"]["registry.gitlab.example.com:5050"]["auth"].as_str().expect("auth");
                assert_eq!(
                    decode_auth(auth).unwrap(),
                    ("gitlab+deploy-token-7".to_owned(), password.to_owned()),
                    "{credentials:?} {shell}"
                );
            }
        }
    }
}

#[test]
fn docker_login_sends_each_password_on_stdin() {
    for (name, generated, setup) in execution_setups() {
        for docker_version in DockerVersion::ALL.iter().copied() {
            let options = SnippetOptions { docker_version, ..SnippetOptions::default() };
            let all = snippets(&setup, &generated, &options);
            let doc = parse_yaml(snippet(&all, "docker-login"), name);
            let before = script_lines(&doc["build"], "before_script").join("\n");
            let variables = login_table(&setup, &generated, &options);
            let home = TempDir::new();
            let (bin, log) = (home.path().join("bin"), home.path().join("log"));
            fs::create_dir_all(&bin).unwrap();
            fs::create_dir_all(&log).unwrap();
            write_stub(&bin, &log, "docker");
            let mut env: Vec<(String, String)> = variables
                .iter()
                .filter(|v| v.name != "DOCKER_AUTH_CONFIG")
                .map(|v| match &v.value {
                    VariableValue::Literal(value) => (v.name.clone(), value.clone()),
                    VariableValue::NotTyped => (v.name.clone(), format!("placeholder-{}", v.name)),
                })
                .collect();
            env.push(("DOCKER_AUTH_CONFIG".into(), generated.value.clone()));
            let env_refs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            run("bash", &before, home.path(), &env_refs, Some(&bin));
            let calls = stub_calls(&log, "docker");
            let logins: Vec<(&VariableToCreate, &VariableToCreate)> = variables[1..].chunks(2).map(|pair| (&pair[0], &pair[1])).collect();
            assert_eq!(calls.len(), logins.len(), "{name}");
            for (call, (user, password)) in calls.iter().zip(&logins) {
                let user_value = &env.iter().find(|(k, _)| *k == user.name).unwrap().1;
                let password_value = &env.iter().find(|(k, _)| *k == password.name).unwrap().1;
                let mut expected = vec!["login".to_owned()];
                if user.subject != DOCKER_HUB_KEY {
                    expected.push(user.subject.split('/').next().unwrap().to_owned());
                }
                expected.extend(["--username".to_owned(), user_value.clone(), "--password-stdin".to_owned()]);
                assert_eq!(call.args, expected, "{name}");
                assert_eq!(call.stdin, password_value.as_bytes(), "{name}: the password exactly, on stdin");
                // Unset before every in-job login, whatever the docker version
                // (`docs/docker-cli.md#the-docker_auth_config-environment-store`).
                assert_eq!(call.auth_config, "unset", "{name} {docker_version:?}");
            }
        }
    }
}

/// Every snippet that logs in inside a job unsets `DOCKER_AUTH_CONFIG` first, with a one-line
/// comment, whatever the options (`docs/docker-cli.md#the-docker_auth_config-environment-store`).
#[test]
fn every_in_job_login_unsets_docker_auth_config_first() {
    for (case, setup, _, _, all) in cases() {
        let mut logging_in = Vec::new();
        for s in all.iter().filter(|s| s.group() == SnippetGroup::GitlabCi) {
            let lines: Vec<&str> = s.text.lines().map(str::trim).collect();
            let Some(login) = lines.iter().position(|l| l.contains("| docker login") || l.starts_with("- printf '{\"auths\"")) else {
                continue;
            };
            let unset = lines.iter().position(|l| *l == "- unset DOCKER_AUTH_CONFIG");
            assert!(unset.is_some_and(|u| u < login && lines[u - 1].starts_with("# ")), "{case} {}: {}", s.id.as_str(), s.text);
            logging_in.push(s.id.as_str());
        }
        // Helpers only: nothing to log in with (`variables::login_targets`).
        let helpers_only = setup.entries.iter().any(|e| e.kind == CredentialKind::Helper)
            && !setup.entries.iter().any(|e| e.kind == CredentialKind::Basic);
        let expected: &[&str] = if helpers_only { &["runtime-auth"] } else { &["docker-login", "runtime-auth"] };
        assert_eq!(logging_in, expected, "{case}");
    }
}

#[test]
fn shell_encode_prints_the_auth_value() {
    let all = snippets(&Setup::default(), &build(&Setup::default()), &SnippetOptions::default());
    let s = snippet(&all, "shell-encode");
    let gnu = s.text.lines().find(|l| l.starts_with("echo -n")).expect("the seeds' form");
    let portable = s.text.lines().find(|l| l.starts_with("printf")).expect("the portable form");
    assert_eq!(gnu, "echo -n \"REGISTRY_USERNAME:REGISTRY_PASSWORD\" | base64 -w 0");
    assert!(portable.ends_with("| base64 | tr -d '\\n'"));
    let home = TempDir::new();
    let out = run("bash", gnu, home.path(), &[], None);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), encode_auth("REGISTRY_USERNAME", "REGISTRY_PASSWORD").unwrap());
    for secret in TRICKY_SECRETS {
        for shell in shells() {
            let out = run(shell, portable, home.path(), &[("REGISTRY_USER", "fake-user"), ("REGISTRY_TOKEN", secret)], None);
            assert_eq!(String::from_utf8(out.stdout).unwrap(), encode_auth("fake-user", secret).unwrap(), "{secret:?} {shell}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Kubernetes Secret against kubectl
// ---------------------------------------------------------------------------------------------

fn kubectl_available() -> bool {
    Command::new("kubectl").args(["version", "--client"]).output().is_ok_and(|o| o.status.success())
}

fn kubectl_dockerconfigjson(server: &str, username: &str, password: &str) -> String {
    let output = Command::new("kubectl")
        .args(["create", "secret", "docker-registry", "regcred", "--dry-run=client", "-o", "json"])
        .arg(format!("--docker-server={server}"))
        .arg(format!("--docker-username={username}"))
        .arg(format!("--docker-password={password}"))
        .output()
        .expect("kubectl");
    assert!(output.status.success(), "kubectl: {}", String::from_utf8_lossy(&output.stderr));
    let secret: Value = serde_json::from_slice(&output.stdout).expect("kubectl JSON");
    assert_eq!(secret["type"], "kubernetes.io/dockerconfigjson");
    secret["data"][".dockerconfigjson"].as_str().expect("data").to_owned()
}

/// kubectl itself, not a copy of its rules: `scripts/install-tools.sh` installs it, and without
/// it this test fails rather than pass unchecked.
#[test]
fn k8s_pull_secret_matches_kubectl() {
    assert!(kubectl_available(), "kubectl is missing: run scripts/install-tools.sh");
    for (name, setup) in setups() {
        let generated = build(&setup);
        let all = snippets(&setup, &generated, &SnippetOptions::default());
        let doc = parse_yaml(snippet(&all, "k8s-pull-secret"), name);
        let ours = yaml_str(&doc["data"][".dockerconfigjson"], "data").to_owned();
        let ours_json: Value = serde_json::from_slice(&STANDARD.decode(&ours).unwrap()).unwrap();
        let servers = ours_json["auths"].as_object().unwrap();
        for (server, entry) in servers {
            let theirs = kubectl_dockerconfigjson(server, entry["username"].as_str().unwrap(), entry["password"].as_str().unwrap());
            let theirs_json: Value = serde_json::from_slice(&STANDARD.decode(&theirs).unwrap()).unwrap();
            assert_eq!(theirs_json["auths"][server], *entry, "{name} {server}");
            if servers.len() == 1 {
                assert_eq!(ours, theirs, "{name}: byte-identical to kubectl's .dockerconfigjson");
            }
        }
    }
    // Every tricky password on its own, byte for byte.
    for secret in TRICKY_SECRETS {
        let setup = Setup { entries: vec![RegistryEntry::basic("registry.example.com", "fake-user", secret)], ..Setup::default() };
        let all = snippets(&setup, &build(&setup), &SnippetOptions::default());
        let doc = parse_yaml(snippet(&all, "k8s-pull-secret"), "tricky");
        assert_eq!(
            yaml_str(&doc["data"][".dockerconfigjson"], "data"),
            kubectl_dockerconfigjson("registry.example.com", "fake-user", secret),
            "{secret:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Secrets and variables
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------------------------

/// Runs a POSIX registration snippet with stub `sudo` and `docker` and returns the recorded
/// call and the services the template wrote.
fn run_registration(s: &Snippet, token_variable: &str) -> (StubCall, Option<Vec<String>>) {
    let home = TempDir::new();
    let (bin, log) = (home.path().join("bin"), home.path().join("log"));
    fs::create_dir_all(&bin).unwrap();
    fs::create_dir_all(&log).unwrap();
    write_stub(&bin, &log, "sudo");
    write_stub(&bin, &log, "docker");
    let template = home.path().join("template.toml");
    let script = s.text.replace("/tmp/test-config.template.toml", template.to_str().unwrap());
    let env = [(token_variable, "glrt-not-a-real-token"), (PROXY_USER_VARIABLE, PROXY_USER), (PROXY_PASSWORD_VARIABLE, PROXY_PASSWORD)];
    run("bash", &script, home.path(), &env, Some(&bin));
    let mut calls = stub_calls(&log, "sudo");
    calls.extend(stub_calls(&log, "docker"));
    assert_eq!(calls.len(), 1, "{}: one register call", s.id.as_str());
    let services = fs::read_to_string(&template).ok().map(|t| {
        let table: toml::Table = t.parse().expect("template TOML");
        let services = toml_path(first_runner(&table), &["docker", "services"]).as_array().expect("services");
        services.iter().map(|s| s.get("name").and_then(|n| n.as_str()).expect("name").to_owned()).collect()
    });
    (calls.remove(0), services)
}

#[test]
fn registration_passes_every_input_exactly() {
    for (case, options) in option_sets() {
        let all = snippets(&Setup::default(), &build(&Setup::default()), &options);
        let runner = &options.runner;
        let registration = runner.token_flow == TokenFlow::RegistrationTokenDeprecated;
        let (token_flag, token_variable) =
            if registration { ("--registration-token", "PROJECT_REGISTRATION_TOKEN") } else { ("--token", "RUNNER_TOKEN") };
        for id in ["register-linux", "register-docker", "register-proxy"] {
            let s = snippet(&all, id);
            assert!(!s.text.contains("glrt-not"), "no token in the snippet");
            let (call, services) = run_registration(s, token_variable);
            let args = &call.args;
            let register = args.iter().position(|a| a == "register").expect("register");
            match id {
                "register-docker" => {
                    assert_eq!(&args[..2], ["run", "--rm"]);
                    let volume = if runner.docker_volume == ConfigVolume::NamedVolume {
                        "gitlab-runner-config:/etc/gitlab-runner"
                    } else {
                        "/srv/gitlab-runner/config:/etc/gitlab-runner"
                    };
                    assert_eq!(flag_value(args, "-v"), Some(volume), "{case}");
                }
                _ => {
                    let start: Vec<&str> = args[..register].iter().map(String::as_str).collect();
                    let mut expected = if id == "register-proxy" { vec!["-E"] } else { vec![] };
                    if runner.run_as_runner_user {
                        expected.extend(["-u", "gitlab-runner", "-H", "/usr/local/bin/gitlab-runner"]);
                    } else {
                        expected.push("gitlab-runner");
                    }
                    assert_eq!(start, expected, "{case} {id}");
                }
            }
            if id == "register-proxy" {
                // The password typed in the URL reaches the command through its variable only.
                let proxy = single_line(&runner.proxy_url);
                assert_eq!(call.proxy, format!("{proxy}|{proxy}"), "{case}");
                if proxy.contains(PROXY_PASSWORD) {
                    assert!(!s.text.contains(PROXY_PASSWORD) && s.text.contains("read -rs PROXY_PASSWORD"), "{case}: {}", s.text);
                    assert!(!s.text.contains(PROXY_USER) && s.text.contains("read -r PROXY_USER"), "{case}: {}", s.text);
                }
            }
            assert_eq!(args[register + 1], "--non-interactive");
            assert_eq!(flag_value(args, "--url"), Some(gitlab_url(runner).as_str()), "{case} {id}");
            assert_eq!(flag_value(args, token_flag), Some("glrt-not-a-real-token"), "{case} {id}");
            assert_eq!(flag_value(args, "--executor"), Some(runner.executor.trim()));
            let docker = runner.executor.starts_with("docker");
            assert_eq!(flag_value(args, "--docker-image"), docker.then_some(single_line(&runner.docker_image).as_str()), "{case} {id}");
            assert_eq!(args.contains(&"--docker-privileged".to_owned()), docker && runner.privileged);
            assert_eq!(flag_value(args, "--description"), Some(single_line(&runner.description).as_str()), "{case} {id}");
            for flag in ["--tag-list", "--maintenance-note"] {
                assert_eq!(flag_value(args, flag).is_some(), registration, "{case} {id} {flag} only with a registration token");
            }
            if registration {
                let tags: Vec<String> = runner.tags.split(',').map(single_line).filter(|t| !t.is_empty()).collect();
                assert_eq!(flag_value(args, "--tag-list"), Some(tags.join(",").as_str()));
                assert_eq!(flag_value(args, "--maintenance-note"), Some(single_line(&runner.maintenance_note).as_str()));
                assert!(args.contains(&format!("--run-untagged={}", runner.run_untagged)));
                assert!(args.contains(&format!("--locked={}", runner.locked)));
                assert!(args.contains(&format!("--access-level={}", runner.access_level.as_str())));
            } else {
                assert!(
                    !args.iter().any(|a| a.starts_with("--run-untagged") || a.starts_with("--locked") || a.starts_with("--access-level")),
                    "{case} {id}"
                );
            }
            let expected_services: Vec<String> = runner.services.split(',').map(single_line).filter(|s| !s.is_empty()).collect();
            if docker && !expected_services.is_empty() {
                assert_eq!(services.as_deref(), Some(expected_services.as_slice()), "{case} {id}");
                assert!(flag_value(args, "--template-config").is_some());
            } else {
                assert_eq!(services, None, "{case} {id}");
                assert_eq!(flag_value(args, "--template-config"), None);
            }
        }
    }
}

/// Runner inputs are single-line fields: control characters become spaces, then trimmed.
/// The `--url` a registration snippet gets from the options alone: the typed URL, or GitLab.com's
/// (the situation fills it in first on the page: `Situation::effective_options`).
fn gitlab_url(runner: &RunnerInputs) -> String {
    if runner.gitlab_url.trim().is_empty() {
        "https://gitlab.com".to_owned()
    } else {
        single_line(&runner.gitlab_url)
    }
}

fn single_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_owned()
}

/// Reads a PowerShell argument back: `"safe"`, `'verbatim'` with doubled quotes, or bare.
fn powershell_argument(text: &str) -> String {
    if let Some(inner) = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        let mut out = String::new();
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            let quote = matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}');
            if quote {
                assert_eq!(chars.next(), Some(c), "quotes are doubled in {text}");
            }
            out.push(c);
        }
        out
    } else if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        assert!(
            !inner.contains(['`', '"'])
                && (!inner.contains('$') || inner.starts_with("$RUNNER_TOKEN") || inner.starts_with("$PROJECT_REGISTRATION_TOKEN")),
            "{text}"
        );
        inner.to_owned()
    } else {
        text.to_owned()
    }
}

#[test]
fn windows_registration_is_well_formed_powershell() {
    for (case, options) in option_sets() {
        let all = snippets(&Setup::default(), &build(&Setup::default()), &options);
        let s = snippet(&all, "register-windows");
        assert_eq!(s.language(), SnippetLanguage::PowerShell);
        let runner = &options.runner;
        // Flags and values, joined across the backtick continuations.
        let command: Vec<&str> = s.text.lines().filter(|l| !l.starts_with('#')).collect();
        let joined = command.join("\n");
        assert!(command[0].starts_with(".\\gitlab-runner.exe register `"), "{case}");
        let mut flags: BTreeMap<String, String> = BTreeMap::new();
        for (i, line) in command.iter().enumerate().skip(1) {
            let last = i == command.len() - 1;
            let line = line.strip_prefix("  ").unwrap_or_else(|| panic!("{case}: indented argument\n{joined}"));
            let argument = if last { line } else { line.strip_suffix(" `").unwrap_or_else(|| panic!("{case}: continuation\n{joined}")) };
            match argument.split_once(' ') {
                Some((flag, value)) => flags.insert(flag.to_owned(), powershell_argument(value)),
                None => flags.insert(argument.to_owned(), String::new()),
            };
        }
        let expected_executor = if runner.executor == "docker" { "docker-windows" } else { runner.executor.as_str() };
        assert_eq!(flags["--executor"], expected_executor, "{case}");
        assert_eq!(flags["--url"], gitlab_url(runner), "{case}");
        assert_eq!(flags["--description"], single_line(&runner.description), "{case}");
        if expected_executor.starts_with("docker") {
            assert_eq!(flags["--docker-image"], single_line(&runner.windows_docker_image), "{case}");
        }
        let token = if runner.token_flow == TokenFlow::AuthenticationToken {
            ("--token", "$RUNNER_TOKEN")
        } else {
            ("--registration-token", "$PROJECT_REGISTRATION_TOKEN")
        };
        assert_eq!(flags[token.0], token.1, "{case}");
    }
}

// ---------------------------------------------------------------------------------------------
// Any input
// ---------------------------------------------------------------------------------------------

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
