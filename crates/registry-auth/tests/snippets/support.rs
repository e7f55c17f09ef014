//! The fixtures every snippet test uses, and the parsers, shells and stubs that prove them.

pub(crate) use std::collections::BTreeMap;
pub(crate) use std::fs;
pub(crate) use std::io::Write;
pub(crate) use std::path::Path;
pub(crate) use std::process::{Command, Output, Stdio};
pub(crate) use std::sync::atomic::{AtomicUsize, Ordering};

pub(crate) use base64::engine::general_purpose::STANDARD;
pub(crate) use base64::Engine;
pub(crate) use proptest::prelude::*;
pub(crate) use registry_auth::auth_encoding::{decode_auth, encode_auth};
pub(crate) use registry_auth::config_builder::{build, Generated};
pub(crate) use registry_auth::registry_key::DOCKER_HUB_KEY;
pub(crate) use registry_auth::setup::{CredentialKind, OutputOptions, RegistryEntry, Setup};
pub(crate) use registry_auth::snippets::*;
pub(crate) use serde_json::{json, Value};
pub(crate) use strum::IntoEnumIterator;
pub(crate) use yaml_rust2::{Yaml, YamlLoader};

// Fixtures

/// A proxy password typed into the proxy URL of the "weird" options.
pub(crate) const PROXY_PASSWORD: &str = "p@ss w0rd";
/// The proxy user typed with it.
pub(crate) const PROXY_USER: &str = "proxy-user";

pub(crate) const TRICKY_SECRETS: &[&str] = &[
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

pub(crate) fn tricky_setup(options: OutputOptions) -> Setup {
    let mut entries: Vec<RegistryEntry> = TRICKY_SECRETS
        .iter()
        .enumerate()
        .map(|(i, secret)| RegistryEntry::basic(&format!("r{i}.registry.example.com"), &format!("fake-user-{i}"), secret))
        .collect();
    entries.push(RegistryEntry::basic("docker.io", "fake hub user ü", "fake-hub-token-$x"));
    Setup { entries, creds_store: String::new(), options }
}

/// Every shape of input the snippets must handle, with a name for failure messages.
pub(crate) fn setups() -> Vec<(&'static str, Setup)> {
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
pub(crate) fn option_sets() -> Vec<(&'static str, SnippetOptions)> {
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
pub(crate) fn cases() -> Vec<(String, Setup, Generated, SnippetOptions, Vec<Snippet>)> {
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

pub(crate) fn snippet<'a>(all: &'a [Snippet], id: &str) -> &'a Snippet {
    all.iter().find(|s| s.id.as_str() == id).unwrap_or_else(|| panic!("no snippet {id}"))
}

// Parsers and shells

pub(crate) fn parse_yaml(snippet: &Snippet, case: &str) -> Yaml {
    let mut docs = YamlLoader::load_from_str(&snippet.text)
        .unwrap_or_else(|e| panic!("{case} {}: YAML error {e}\n{}", snippet.id.as_str(), snippet.text));
    assert_eq!(docs.len(), 1, "{case} {}: one document", snippet.id.as_str());
    docs.remove(0)
}

pub(crate) fn parse_toml(snippet: &Snippet, case: &str) -> toml::Table {
    snippet.text.parse::<toml::Table>().unwrap_or_else(|e| panic!("{case} {}: TOML error {e}\n{}", snippet.id.as_str(), snippet.text))
}

pub(crate) fn yaml_str<'a>(node: &'a Yaml, what: &str) -> &'a str {
    node.as_str().unwrap_or_else(|| panic!("{what} is not a string: {node:?}"))
}

/// A job's script list as the shell lines GitLab Runner runs.
pub(crate) fn script_lines(job: &Yaml, key: &str) -> Vec<String> {
    job[key].as_vec().unwrap_or_else(|| panic!("{key} is not a list: {job:?}")).iter().map(|line| yaml_str(line, key).to_owned()).collect()
}

/// `[[runners]]` number 0 of a config.toml snippet.
pub(crate) fn first_runner(table: &toml::Table) -> &toml::Table {
    table.get("runners").and_then(|r| r.as_array()).and_then(|r| r.first()).and_then(|r| r.as_table()).expect("[[runners]]")
}

pub(crate) fn toml_path<'a>(table: &'a toml::Table, path: &[&str]) -> &'a toml::Value {
    let mut value = table.get(path[0]).unwrap_or_else(|| panic!("missing {}", path[0]));
    for key in &path[1..] {
        value = value.get(*key).unwrap_or_else(|| panic!("missing {key} in {path:?}"));
    }
    value
}

pub(crate) use crate::scratch::Scratch;

pub(crate) fn bash_n(script: &str, what: &str) {
    let dir = Scratch::new("snippets", &[]);
    let file = dir.root().join("script.sh");
    fs::write(&file, script).expect("write script");
    let output = Command::new("bash").arg("-n").arg(&file).output().expect("bash");
    assert!(output.status.success(), "{what}: bash -n failed: {}\n{script}", String::from_utf8_lossy(&output.stderr));
}

/// Runs `script` with `shell` (`bash` or `sh`, which is dash on Debian) with `set -e`, as the
/// runner stops at the first failing line.
pub(crate) fn run(shell: &str, script: &str, home: &Path, env: &[(&str, &str)], path_prefix: Option<&Path>) -> Output {
    // A name of its own per run: several runs share one HOME.
    static NEXT_SCRIPT: AtomicUsize = AtomicUsize::new(0);
    let file = home.join(format!("script-{}.sh", NEXT_SCRIPT.fetch_add(1, Ordering::Relaxed)));
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

pub(crate) fn shells() -> Vec<&'static str> {
    let mut shells = vec!["bash"];
    if Path::new("/bin/sh").exists() {
        shells.push("sh");
    }
    shells
}

/// The variable set the way the chosen type sets it in a job: the value, or a file's path.
pub(crate) fn auth_config_env(variable_type: VariableType, value: &str, dir: &Path) -> String {
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
pub(crate) fn write_stub(bin: &Path, log: &Path, name: &str) {
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

pub(crate) struct StubCall {
    pub(crate) args: Vec<String>,
    pub(crate) stdin: Vec<u8>,
    pub(crate) auth_config: String,
    pub(crate) proxy: String,
}

pub(crate) fn stub_calls(log: &Path, name: &str) -> Vec<StubCall> {
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

pub(crate) fn flag_value<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).map(String::as_str)
}

pub(crate) fn single_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_owned()
}

/// The variables table when the value's own snippet and `docker-login` are shown:
/// `DOCKER_AUTH_CONFIG`, then each login's user and password.
pub(crate) fn login_table(setup: &Setup, generated: &Generated, options: &SnippetOptions) -> Vec<VariableToCreate> {
    variables_to_create(setup, generated, options, &[SnippetId::AuthConfigBeforeScript, SnippetId::DockerLogin])
}

/// `{"auths":{"<server>":{"username":…,"password":…,"auth":"<b64(user:pass)>"}}}` for every
/// username-and-token entry the generator wrote (kubectl's `handleDockerCfgJSONContent`).
pub(crate) fn documented_kubectl_shape(setup: &Setup, generated: &Generated) -> Value {
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
