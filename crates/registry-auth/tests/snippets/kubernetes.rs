//! Kubernetes Secret against kubectl.

use crate::support::*;

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
