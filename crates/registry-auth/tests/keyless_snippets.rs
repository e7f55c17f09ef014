//! The routes without a stored secret (`docs/keyless.md`), proved by real parsers and by running
//! them:
//!
//! - `kubelet-credential-provider` parses as YAML and its `matchImages` match the typed
//!   registries' images under the kubelet's glob rules (`keyless::kubelet_match`, itself tested
//!   on the Kubernetes docs' examples);
//! - `keyless-login` and `refresh-variable-job` parse as YAML, their scripts pass `bash -n`, and
//!   run under bash with stubbed `aws`, `gcloud`, `az` and `curl` (the real `base64` and `tr`):
//!   the `config.json` they write decodes to the cloud's username and the stub's token, and no
//!   token is ever an argument of a command;
//! - `manager-helper` runs with a stubbed `sudo` and writes the runner user's `credHelpers`;
//! - none of these outputs holds a password, a key or a literal `auth`.
//!
//! Every token is an obviously fake fixture printed by a stub.

use std::fs;
use std::path::Path;
use std::process::Command;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use registry_auth::config_builder::build;
use registry_auth::keyless::kubelet_match;
use registry_auth::setup::{RegistryEntry, Setup};
use registry_auth::snippets::{snippet_for, SnippetId, SnippetOptions};
use serde_json::Value;
use yaml_rust2::{Yaml, YamlLoader};

#[path = "support/scratch.rs"]
mod scratch;
use scratch::Scratch;

const ECR: &str = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
const GAR: &str = "europe-west1-docker.pkg.dev";
const ACR: &str = "acme.azurecr.io";
/// What each stub prints as the registry token.
const STUB_TOKEN: &str = "not-a-real-registry-token-from-a-stub";

fn setup_for(host: &str) -> Setup {
    Setup { entries: vec![RegistryEntry::helper(host, "ecr-login")], ..Setup::default() }
}

fn text(id: SnippetId, setup: &Setup) -> String {
    snippet_for(id, setup, &build(setup), &SnippetOptions::default()).text
}

fn yaml(text: &str) -> Yaml {
    let mut docs = YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("YAML error {e}\n{text}"));
    assert_eq!(docs.len(), 1, "one document");
    docs.remove(0)
}

/// A stub that records its arguments (one per line, a blank line after each call) and prints
/// the registry token for the subcommands that print one.
fn stub(dir: &Path, name: &str, prints_token_when: &str) {
    let path = dir.join("bin").join(name);
    let log = dir.join("log").join(format!("{name}.args"));
    let script = format!(
        "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{log}'; done\necho >> '{log}'\n\
         case \"$*\" in *{prints_token_when}*) printf '%s\\n' '{STUB_TOKEN}' ;; esac\n",
        log = log.display()
    );
    fs::write(&path, script).expect("stub");
    assert!(Command::new("chmod").arg("+x").arg(&path).status().expect("chmod").success());
}

/// A `curl` that records its arguments and saves the file named by `value@FILE`, and what came
/// on its standard input.
fn curl_stub(dir: &Path) {
    let path = dir.join("bin").join("curl");
    let script = format!(
        "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{log}/curl.args'; case \"$a\" in value@*) cp \"${{a#value@}}\" '{log}/value' ;; esac; done\n\
         cat > '{log}/curl.stdin'\n",
        log = dir.join("log").display()
    );
    fs::write(&path, script).expect("curl stub");
    assert!(Command::new("chmod").arg("+x").arg(&path).status().expect("chmod").success());
}

/// The job's script lines, joined, as the runner runs them.
fn script(doc: &Yaml, job: &str) -> String {
    doc[job]["script"].as_vec().expect("script").iter().map(|l| l.as_str().expect("line").to_owned()).collect::<Vec<_>>().join("\n")
}

fn bash_n(script: &str) {
    let out = Command::new("bash").arg("-n").arg("-c").arg(script).output().expect("bash");
    assert!(out.status.success(), "bash -n: {}\n{script}", String::from_utf8_lossy(&out.stderr));
}

/// Runs `script` with the stubs first on PATH and the job's predefined variables set.
fn run(dir: &Scratch, script: &str) {
    let path = format!("{}:{}", dir.path("bin").display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("bash")
        .arg("-e")
        .arg("-c")
        .arg(script)
        .current_dir(dir.root())
        .env("PATH", path)
        .env("HOME", dir.root())
        .env("CI_BUILDS_DIR", dir.root())
        .env("CI_JOB_ID", "42")
        .env("GITLAB_OIDC_TOKEN", "not-a-real-id-token")
        .env("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/not-real")
        .env("GCP_WORKLOAD_IDENTITY_PROVIDER", "projects/1/locations/global/workloadIdentityPools/p/providers/q")
        .env("GCP_SERVICE_ACCOUNT", "puller@not-real.iam.gserviceaccount.com")
        .env("AZURE_CLIENT_ID", "11111111-1111-1111-1111-111111111111")
        .env("AZURE_TENANT_ID", "22222222-2222-2222-2222-222222222222")
        .env("VARIABLE_TOKEN", "glpat-not-a-real-api-token")
        .env("DOCKER_AUTH_CONFIG", r#"{"auths":{}}"#)
        .output()
        .expect("bash");
    assert!(out.status.success(), "{}\n{script}", String::from_utf8_lossy(&out.stderr));
}

fn stubs(dir: &Scratch) {
    stub(dir.root(), "aws", "get-login-password");
    stub(dir.root(), "gcloud", "print-access-token");
    stub(dir.root(), "az", "expose-token");
    stub(dir.root(), "docker", "never");
    curl_stub(dir.root());
}

/// Every argument any stub got.
fn all_arguments(dir: &Scratch) -> String {
    let mut all = String::new();
    for entry in fs::read_dir(dir.path("log")).expect("log") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "args") {
            all.push_str(&fs::read_to_string(path).expect("args"));
        }
    }
    all
}

/// The one registry's `auth` of a config.json, decoded.
fn decoded_auth(config: &str, host: &str) -> String {
    let value: Value = serde_json::from_str(config).unwrap_or_else(|e| panic!("{e}: {config}"));
    let auth = value["auths"][host]["auth"].as_str().unwrap_or_else(|| panic!("no auth for {host}: {config}"));
    String::from_utf8(STANDARD.decode(auth).expect("base64")).expect("utf-8")
}

const CLOUDS: [(&str, &str); 3] = [(ECR, "AWS"), (GAR, "oauth2accesstoken"), (ACR, "00000000-0000-0000-0000-000000000000")];

#[test]
fn keyless_login_writes_the_cloud_token_and_never_passes_it_as_an_argument() {
    for (host, user) in CLOUDS {
        let setup = setup_for(host);
        let doc = yaml(&text(SnippetId::KeylessLogin, &setup));
        assert!(doc["registry-login"]["id_tokens"]["GITLAB_OIDC_TOKEN"]["aud"].as_str().is_some(), "{host}: id_tokens");
        let lines = script(&doc, "registry-login");
        bash_n(&lines);
        assert!(lines.find("unset DOCKER_AUTH_CONFIG") < lines.find("DOCKER_CONFIG="), "{host}: unset first");
        let dir = Scratch::new("keyless", &["bin", "log"]);
        stubs(&dir);
        run(&dir, &lines);
        let config = fs::read_to_string(dir.path(".docker-42/config.json")).expect("config.json in the job-local DOCKER_CONFIG");
        assert_eq!(decoded_auth(&config, host), format!("{user}:{STUB_TOKEN}"), "{host}");
        let arguments = all_arguments(&dir);
        assert!(!arguments.contains(STUB_TOKEN), "{host}: the registry token was an argument:\n{arguments}");
        if host != ACR {
            // az takes the ID token only as an argument (`--federated-token`), and says so.
            assert!(!arguments.contains("not-a-real-id-token"), "{host}: the ID token was an argument");
        }
    }
}

#[test]
fn refresh_job_updates_the_variable_from_a_file_with_the_api_token_on_stdin() {
    for (host, user) in CLOUDS {
        let setup = setup_for(host);
        let doc = yaml(&text(SnippetId::RefreshVariableJob, &setup));
        let job = "refresh-docker-auth-config";
        assert_eq!(doc[job]["rules"][0]["if"].as_str(), Some("$CI_PIPELINE_SOURCE == \"schedule\""));
        let lines = script(&doc, job);
        bash_n(&lines);
        let dir = Scratch::new("keyless", &["bin", "log"]);
        stubs(&dir);
        run(&dir, &lines);
        let value = fs::read_to_string(dir.path("log/value")).expect("the value sent");
        assert_eq!(decoded_auth(&value, host), format!("{user}:{STUB_TOKEN}"), "{host}");
        let args = fs::read_to_string(dir.path("log/curl.args")).expect("curl args");
        assert!(args.lines().any(|a| a == "PUT"), "a PUT keeps the variable's settings");
        assert!(args.contains("/variables/DOCKER_AUTH_CONFIG?filter[environment_scope]="), "{args}");
        for setting in ["masked", "raw", "variable_type", "protected", "hidden"] {
            assert!(!args.contains(&format!("{setting}=")), "{setting} is not sent, so it stays as it is");
        }
        assert_eq!(fs::read_to_string(dir.path("log/curl.stdin")).expect("stdin"), "PRIVATE-TOKEN: glpat-not-a-real-api-token\n");
        let arguments = all_arguments(&dir);
        assert!(!arguments.contains(STUB_TOKEN) && !arguments.contains("glpat-not-a-real-api-token"), "{host}: a token was an argument");
    }
}

#[test]
fn the_kubelet_config_parses_and_matches_the_typed_registries() {
    let setup = Setup {
        entries: vec![RegistryEntry::helper(ECR, "ecr-login"), RegistryEntry::helper(GAR, "gcloud"), RegistryEntry::helper(ACR, "acr-env")],
        ..Setup::default()
    };
    let doc = yaml(&text(SnippetId::KubeletCredentialProvider, &setup));
    assert_eq!(doc["apiVersion"].as_str(), Some("kubelet.config.k8s.io/v1"));
    assert_eq!(doc["kind"].as_str(), Some("CredentialProviderConfig"));
    let providers = doc["providers"].as_vec().expect("providers");
    let names: Vec<&str> = providers.iter().map(|p| p["name"].as_str().expect("name")).collect();
    assert_eq!(names, ["ecr-credential-provider", "auth-provider-gcp", "acr-credential-provider"]);
    for (provider, host) in providers.iter().zip([ECR, GAR, ACR]) {
        assert_eq!(provider["apiVersion"].as_str(), Some("credentialprovider.kubelet.k8s.io/v1"));
        assert!(provider["defaultCacheDuration"].as_str().is_some(), "required by the kubelet");
        let patterns: Vec<&str> =
            provider["matchImages"].as_vec().expect("matchImages").iter().map(|p| p.as_str().expect("pattern")).collect();
        let image = format!("{host}/team/app:1.2");
        assert!(patterns.iter().any(|p| kubelet_match(p, &image)), "{image} matched by {patterns:?}");
        // Not another cloud's registry, nor the same host on another port.
        assert!(!patterns.iter().any(|p| kubelet_match(p, &format!("{host}:5000/team/app"))));
    }
    // Without a cloud registry: an example for ECR, still valid.
    let doc = yaml(&text(SnippetId::KubeletCredentialProvider, &Setup::default()));
    assert_eq!(doc["providers"][0]["name"].as_str(), Some("ecr-credential-provider"));
}

#[test]
fn manager_helper_writes_the_runner_users_cred_helpers() {
    let setup = Setup { entries: vec![RegistryEntry::helper(ECR, "ecr-login"), RegistryEntry::basic(GAR, "u", "p")], ..Setup::default() };
    let script = text(SnippetId::ManagerHelper, &setup);
    bash_n(&script);
    let dir = Scratch::new("keyless", &["bin", "log"]);
    // sudo runs the command as given, with the home below the test directory.
    fs::write(dir.path("bin/sudo"), "#!/bin/sh\nexec \"$@\"\n").expect("sudo");
    assert!(Command::new("chmod").arg("+x").arg(dir.path("bin/sudo")).status().expect("chmod").success());
    let home = dir.path("runner-home");
    let script = script.replace("GITLAB_RUNNER_HOME=/root", &format!("GITLAB_RUNNER_HOME={}", home.display()));
    run(&dir, &script);
    let read =
        || -> Value { serde_json::from_str(&fs::read_to_string(home.join(".docker/config.json")).expect("config.json")).expect("JSON") };
    assert_eq!(read(), serde_json::json!({"credHelpers": {ECR: "ecr-login", GAR: "gcloud"}}));
    // A config.json already there keeps what it had: its auths, its store and its other helpers.
    let existing = serde_json::json!({"auths": {"quay.io": {"auth": "bm90LWEtcmVhbDp0b2tlbg=="}}, "credsStore": "pass", "credHelpers": {"gcr.io": "gcloud", ECR: "old"}});
    fs::write(home.join(".docker/config.json"), existing.to_string()).expect("existing config.json");
    run(&dir, &script);
    assert_eq!(
        read(),
        serde_json::json!({"auths": {"quay.io": {"auth": "bm90LWEtcmVhbDp0b2tlbg=="}}, "credsStore": "pass", "credHelpers": {"gcr.io": "gcloud", ECR: "ecr-login", GAR: "gcloud"}})
    );
    // One jq cannot read is left as it was, not emptied.
    fs::write(home.join(".docker/config.json"), "{not json").expect("broken config.json");
    let _ = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .env("PATH", format!("{}:{}", dir.path("bin").display(), std::env::var("PATH").unwrap_or_default()))
        .output();
    assert_eq!(fs::read_to_string(home.join(".docker/config.json")).expect("config.json"), "{not json");
}

#[test]
fn no_keyless_output_holds_a_secret() {
    let setup = Setup {
        entries: vec![
            RegistryEntry::helper(ECR, "ecr-login"),
            RegistryEntry::basic(ACR, "00000000-0000-0000-0000-000000000000", "not-a-real-acr-token"),
        ],
        ..Setup::default()
    };
    for id in [SnippetId::KubeletCredentialProvider, SnippetId::ManagerHelper, SnippetId::KeylessLogin, SnippetId::RefreshVariableJob] {
        let snippet = snippet_for(id, &setup, &build(&setup), &SnippetOptions::default());
        let lower = snippet.text.to_lowercase();
        assert!(!snippet.carries_secret, "{id:?}");
        assert!(!snippet.text.contains("not-a-real-acr-token"), "{id:?}: a typed token");
        for word in ["\"password\":", "client_secret", "_json_key", "aws_secret_access_key", "aws_access_key_id"] {
            assert!(!lower.contains(word), "{id:?} holds {word}");
        }
        // An `auth` written only from the token just minted (a `%s`), never a literal one.
        for (at, _) in snippet.text.match_indices("\"auth\":\"") {
            assert!(snippet.text[at + 8..].starts_with('%'), "{id:?}: a literal auth");
        }
    }
}
