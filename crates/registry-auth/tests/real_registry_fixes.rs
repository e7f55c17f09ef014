//! Issue 29's Fix outputs and the `buildah` snippet against the real consumers.
//!
//! - Fix of a pull Secret of the wrong type, or with base64 where the JSON belongs: the corrected
//!   value logs skopeo (containers/image) in to a real registry, and the corrected Secret is what
//!   `kubectl create secret docker-registry --from-file` makes of it (type, key, bytes, name),
//!   holding JSON the API server parses (`docs/kubernetes.md#the-corrected-secret`).
//! - The `buildah` snippet's file for a value with a `credsStore`: skopeo does not run the store
//!   (refused), and runs the same helper once it is named for the registry in `credHelpers`, as
//!   the snippet's comment asks (`docs/containers-image.md#what-buildah-does-not-read`).
//!
//! Needs `docker-registry`, `skopeo`, `htpasswd` and `kubectl` (scripts/install-tools.sh); fails,
//! never skips, when one is missing. Every password is a fixture, not a secret.

#[path = "support/real.rs"]
mod real;
#[path = "support/scratch.rs"]
mod scratch;

use std::fs;
use std::path::Path;
use std::process::Command;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use real::{require_tools, Registry, Scratch, Skopeo};
use registry_auth::config_builder::build;
use registry_auth::findings::FindingCode;
use registry_auth::inspector::{fixed_config, fixed_secret, inspect};
use registry_auth::setup::{RegistryEntry, Setup};
use registry_auth::snippets::{snippet_for, SnippetId, SnippetOptions};
use serde_json::Value;
use yaml_rust2::YamlLoader;

const USER: &str = "ci-bot";
const PASSWORD: &str = "not-a-real-password-29";
const HELPER_USER: &str = "helper-bot";
const HELPER_TOKEN: &str = "not-a-real-helper-token";

/// The broken Secrets of kinds 1 and 2, each holding `value`, with what is wrong with each.
fn broken_secrets(value: &str) -> Vec<(&'static str, String)> {
    let b64 = STANDARD.encode(value);
    let legacy = serde_json::to_string(&serde_json::from_str::<Value>(value).unwrap()["auths"]).unwrap();
    let head = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\n  namespace: ci\n";
    vec![
        ("k8s-secret-type", format!("{head}data:\n  .dockerconfigjson: {b64}\n")),
        ("k8s-secret-type", format!("{head}type: Opaque\ndata:\n  .dockerconfigjson: {b64}\n")),
        (
            "k8s-secret-key-mismatch",
            format!("{head}type: kubernetes.io/dockerconfigjson\ndata:\n  .dockercfg: {}\n", STANDARD.encode(&legacy)),
        ),
        ("k8s-secret-key-mismatch", format!("{head}type: kubernetes.io/dockercfg\ndata:\n  .dockercfg: {b64}\n")),
        ("base64-instead-of-json", format!("{head}type: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: {b64}\n")),
        (
            "base64-instead-of-json",
            format!("{head}type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {}\n", STANDARD.encode(&b64)),
        ),
        (
            "base64-instead-of-json",
            format!(
                r#"{{"apiVersion":"v1","kind":"Secret","metadata":{{"name":"regcred","namespace":"ci"}},"stringData":{{".dockerconfigjson":"{b64}"}}}}"#
            ),
        ),
        // kubectl create secret generic regcred --from-file=$HOME/.docker/config.json
        ("k8s-secret-type", format!("{head}data:\n  config.json: {b64}\n")),
    ]
}

/// What kubectl makes of `file` as a docker-registry Secret: (type, `.dockerconfigjson`, name,
/// namespace).
fn kubectl_secret(file: &Path) -> (String, String, String, String) {
    let output = Command::new("kubectl")
        .args(["create", "secret", "docker-registry", "regcred", "--namespace", "ci", "--dry-run=client", "-o", "json"])
        .arg(format!("--from-file=.dockerconfigjson={}", file.display()))
        .output()
        .expect("kubectl (scripts/install-tools.sh installs it)");
    assert!(output.status.success(), "kubectl: {}", String::from_utf8_lossy(&output.stderr));
    let secret: Value = serde_json::from_slice(&output.stdout).expect("kubectl JSON");
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    (
        text(&secret["type"]),
        text(&secret["data"][".dockerconfigjson"]),
        text(&secret["metadata"]["name"]),
        text(&secret["metadata"]["namespace"]),
    )
}

#[test]
fn fixed_secrets_and_values_log_in_and_match_kubectl() {
    require_tools();
    let scratch = Scratch::new("fixes", &[]);
    let registry = Registry::start(&scratch.path("registry"), &[(USER, PASSWORD)]);
    let skopeo = Skopeo::new(&scratch);
    let value = build(&Setup { entries: vec![RegistryEntry::basic(&registry.host(), USER, PASSWORD)], ..Setup::default() }).value;

    for (n, (code, pasted)) in broken_secrets(&value).into_iter().enumerate() {
        let ins = inspect(&pasted);
        assert!(ins.findings.iter().any(|f| f.code.as_str() == code), "{code} not found in {pasted}");
        // The corrected value.
        let fixed = fixed_config(&ins).expect("a corrected value");
        skopeo.assert_pulls(&scratch.write(&format!("fixed-{n}.json"), &fixed), &registry);
        // The corrected Secret: read as YAML, its key decoded once is JSON that logs in.
        let secret = fixed_secret(&ins).expect("a corrected Secret");
        let doc = &YamlLoader::load_from_str(&secret).expect("YAML")[0];
        let data = doc["data"][".dockerconfigjson"].as_str().expect("data");
        let json = STANDARD.decode(data).expect("base64 once");
        serde_json::from_slice::<Value>(&json).expect("JSON, as ValidateSecret's json.Unmarshal needs");
        let file = scratch.path(&format!("secret-{n}.json"));
        fs::write(&file, &json).unwrap();
        skopeo.assert_pulls(&file, &registry);
        // kubectl writes the same Secret from the same file.
        let theirs = kubectl_secret(&file);
        let ours = (doc["type"].as_str(), Some(data), doc["metadata"]["name"].as_str(), doc["metadata"]["namespace"].as_str());
        assert_eq!(ours, (Some(theirs.0.as_str()), Some(theirs.1.as_str()), Some(theirs.2.as_str()), Some(theirs.3.as_str())), "{pasted}");
    }
    drop(registry);
}

/// Runs the `buildah` snippet's `before_script` for `setup` (buildah stubbed) in `home` and
/// returns the snippet's text and the file it wrote.
fn buildah_file(setup: &Setup, home: &Path) -> (String, std::path::PathBuf) {
    let generated = build(setup);
    let text = snippet_for(SnippetId::Buildah, setup, &generated, &SnippetOptions::default()).text;
    let doc = &YamlLoader::load_from_str(&text).expect("YAML")[0];
    let before: Vec<&str> = doc["build"]["before_script"].as_vec().expect("before_script").iter().filter_map(|l| l.as_str()).collect();
    let bin = home.join("bin");
    fs::create_dir_all(&bin).unwrap();
    fs::write(bin.join("buildah"), "#!/bin/sh\ncat > /dev/null\n").unwrap();
    assert!(Command::new("chmod").arg("+x").arg(bin.join("buildah")).status().unwrap().success());
    let output = Command::new("bash")
        .arg("-e")
        .arg("-c")
        .arg(before.join("\n"))
        .env("HOME", home)
        .env("PATH", format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default()))
        .env("DOCKER_AUTH_CONFIG", &generated.value)
        .env("CI_REGISTRY", "registry.example.com")
        .env("CI_REGISTRY_USER", "gitlab-ci-token")
        .env("CI_REGISTRY_PASSWORD", "not-a-real-job-token")
        .env_remove("REGISTRY_AUTH_FILE")
        .output()
        .expect("bash");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let file = home.join("auth.json");
    assert_eq!(fs::read_to_string(&file).expect("auth.json"), generated.value);
    (text, file)
}

#[test]
fn buildah_cannot_use_a_creds_store_and_says_so() {
    require_tools();
    let scratch = Scratch::new("buildah", &[]);
    let registry = Registry::start(&scratch.path("registry"), &[(HELPER_USER, HELPER_TOKEN)]);
    // A helper that gives the right credential to whoever runs it.
    let bin = scratch.path("helpers");
    fs::create_dir_all(&bin).unwrap();
    let helper = bin.join("docker-credential-fakestore");
    fs::write(
        &helper,
        format!("#!/bin/sh\n[ \"$1\" = get ] || exit 1\nread -r server\nprintf '{{\"ServerURL\":\"%s\",\"Username\":\"{HELPER_USER}\",\"Secret\":\"{HELPER_TOKEN}\"}}' \"$server\"\n"),
    )
    .unwrap();
    assert!(Command::new("chmod").arg("+x").arg(&helper).status().unwrap().success());
    let skopeo = Skopeo::with_bin(&scratch, &bin);

    // The store alone: the snippet says Buildah cannot use it, and skopeo indeed never runs it.
    let store = Setup { creds_store: "fakestore".into(), ..Setup::default() };
    let home = scratch.path("home-store");
    let (text, file) = buildah_file(&store, &home);
    assert!(text.contains("do not read credsStore (fakestore)"), "{text}");
    assert!(inspect(&fs::read_to_string(&file).unwrap()).findings.iter().any(|f| f.code == FindingCode::IgnoredByContainersImage));
    skopeo.assert_unauthorized(&file, &registry, "credsStore is not read");

    // What the comment asks for: the helper named for the registry, written as credHelpers.
    let per_registry = Setup { entries: vec![RegistryEntry::helper(&registry.host(), "fakestore")], ..Setup::default() };
    let home = scratch.path("home-helpers");
    let (text, file) = buildah_file(&per_registry, &home);
    assert!(!text.contains("credsStore"), "{text}");
    skopeo.assert_pulls(&file, &registry);
    drop(registry);
}
