//! What users got wrong, round three (issue 29): the corpus cases of each kind, each caught and
//! its nearest good input not, and what Fix makes of the Secrets. All credentials are fake.

use super::*;

/// A Google service-account key as `gcloud` writes it, pretty-printed, with fake contents.
const KEY_JSON: &str = r#"{
  "type": "service_account",
  "project_id": "not-a-real-project",
  "private_key": "-----BEGIN PRIVATE KEY-----\nnot-a-real-key\n-----END PRIVATE KEY-----\n",
  "client_email": "puller@not-a-real-project.iam.gserviceaccount.com"
}
"#;

/// What users got wrong, round three (issue 29): each kind caught, and its nearest good input not.
pub(super) fn cases(clean: &str, secret_b64: &str) -> Vec<Case> {
    let yaml = |kind: &str, section: &str, key: &str, value: &str| {
        format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\n  namespace: ci\n{kind}{section}:\n  {key}: {value}\n")
    };
    let typed = "type: kubernetes.io/dockerconfigjson\n";
    let legacy = format!(r#"{{"registry.example.com":{{"auth":"{}"}}}}"#, a("ci-bot", TOKEN));
    let hub = |user: &str, key: &str| format!(r#"{{"auths":{{"{key}":{{"auth":"{}"}}}}}}"#, a(user, TOKEN));
    let with_auth = |user: &str, pass: &str| format!(r#"{{"auths":{{"registry.example.com":{{"auth":"{}"}}}}}}"#, a(user, pass));
    let key_b64 = STANDARD.encode(KEY_JSON);
    let gar = |user: &str, pass: &str| format!(r#"{{"auths":{{"europe-docker.pkg.dev":{{"auth":"{}"}}}}}}"#, a(user, pass));
    vec![
        // 1. A pull Secret of the wrong type (`docs/kubernetes.md#the-secrets-type`).
        case(
            "secret without a type",
            yaml("", "data", ".dockerconfigjson", secret_b64),
            &["k8s-secret-type", "k8s-wrapped"],
            &["k8s-secret-key-mismatch", "json-invalid", "k8s-secret-unreadable"],
        ),
        case(
            "opaque secret holding a config",
            yaml("type: Opaque\n", "data", ".dockerconfigjson", secret_b64),
            &["k8s-secret-type"],
            &["k8s-secret-key-mismatch"],
        ),
        case(
            "typo in the type",
            yaml("type: kubernetes.io/dockerconfig-json\n", "data", ".dockerconfigjson", secret_b64),
            &["k8s-secret-type"],
            &[],
        ),
        case(
            "json secret without a type",
            format!(
                r#"{{"apiVersion":"v1","kind":"Secret","metadata":{{"name":"regcred"}},"data":{{".dockerconfigjson":"{secret_b64}"}}}}"#
            ),
            &["k8s-secret-type"],
            &["k8s-secret-key-mismatch", "strict-cli-rejects"],
        ),
        case(
            "typed pull secret",
            yaml(typed, "data", ".dockerconfigjson", secret_b64),
            &["k8s-wrapped"],
            &["k8s-secret-type", "k8s-secret-key-mismatch", "base64-instead-of-json", "json-invalid"],
        ),
        case(
            "dockerconfigjson type with the dockercfg key",
            yaml(typed, "data", ".dockercfg", &STANDARD.encode(&legacy)),
            &["k8s-secret-key-mismatch"],
            &["k8s-secret-type", "k8s-secret-unreadable"],
        ),
        case(
            "dockercfg type with the dockerconfigjson key",
            yaml("type: kubernetes.io/dockercfg\n", "data", ".dockerconfigjson", secret_b64),
            &["k8s-secret-key-mismatch"],
            &["k8s-secret-type"],
        ),
        case(
            "dockercfg type holding auths",
            yaml("type: kubernetes.io/dockercfg\n", "data", ".dockercfg", secret_b64),
            &["k8s-secret-key-mismatch"],
            &["k8s-secret-type", "legacy-format"],
        ),
        case(
            "dockercfg type holding the registries",
            yaml("type: kubernetes.io/dockercfg\n", "data", ".dockercfg", &STANDARD.encode(&legacy)),
            &["legacy-format"],
            &["k8s-secret-type", "k8s-secret-key-mismatch"],
        ),
        case(
            "config.json kept under its file name",
            yaml("", "data", "config.json", secret_b64),
            &["k8s-secret-type"],
            &["k8s-secret-unreadable", "k8s-secret-key-mismatch"],
        ),
        case(
            "dockerconfigjson type with config.json",
            yaml(typed, "data", "config.json", secret_b64),
            &["k8s-secret-key-mismatch"],
            &["k8s-secret-type", "k8s-secret-unreadable"],
        ),
        case(
            "opaque secret of something else",
            yaml("type: Opaque\n", "data", "password", &STANDARD.encode(TOKEN)),
            &["k8s-secret-unreadable"],
            &["k8s-secret-type", "k8s-secret-key-mismatch"],
        ),
        // 2. Base64 where JSON belongs (`docs/kubernetes.md#base64-where-json-belongs`).
        case(
            "base64 under stringData",
            yaml(typed, "stringData", ".dockerconfigjson", secret_b64),
            &["base64-instead-of-json"],
            &["json-invalid", "k8s-secret-unreadable"],
        ),
        case(
            "data encoded twice",
            yaml(typed, "data", ".dockerconfigjson", &STANDARD.encode(secret_b64)),
            &["base64-instead-of-json"],
            &["json-invalid", "k8s-secret-type"],
        ),
        case(
            "json secret with base64 under stringData",
            format!(r#"{{"kind":"Secret","type":"kubernetes.io/dockerconfigjson","stringData":{{".dockerconfigjson":"{secret_b64}"}}}}"#),
            &["base64-instead-of-json"],
            &["json-invalid"],
        ),
        case(
            "pasted value encoded twice",
            STANDARD.encode(secret_b64),
            &["base64-instead-of-json", "k8s-wrapped"],
            &["json-invalid", "bare-auth-string"],
        ),
        case(
            "json under stringData",
            yaml(typed, "stringData", ".dockerconfigjson", &format!("'{clean}'")),
            &["k8s-wrapped"],
            &["base64-instead-of-json", "json-invalid"],
        ),
        // 3. A job token kept after its job (`docs/tokens.md#the-job-token-username`).
        case(
            "job token username",
            with_auth("gitlab-ci-token", TOKEN),
            &["short-lived-in-static-value"],
            &["token-short-lived", "token-as-username"],
        ),
        case(
            "job token with its prefix",
            with_auth("gitlab-ci-token", &format!("glcbt-{BODY}")),
            &["short-lived-in-static-value"],
            &["token-short-lived"],
        ),
        case(
            "job token in a pull secret",
            yaml(typed, "data", ".dockerconfigjson", &STANDARD.encode(with_auth("gitlab-ci-token", TOKEN))),
            &["short-lived-in-static-value"],
            &["k8s-secret-type"],
        ),
        case(
            "job token under another username",
            with_auth("ci-bot", &format!("glcbt-{BODY}")),
            &["token-short-lived"],
            &["short-lived-in-static-value"],
        ),
        case(
            "job token built in the job",
            with_auth("gitlab-ci-token", "${CI_JOB_TOKEN}"),
            &["variable-reference-in-credential"],
            &["short-lived-in-static-value"],
        ),
        case(
            "deploy token username",
            with_auth("gitlab+deploy-token-7", &format!("gldt-{BODY}")),
            &[],
            &["short-lived-in-static-value", "token-short-lived"],
        ),
        // 4. Google's two key usernames (`docs/tokens.md#google-json-keys`).
        case(
            "base64 key under _json_key",
            gar("_json_key", &key_b64),
            &["json-key-username", "token-least-privilege"],
            &["whitespace-in-field"],
        ),
        case("json key under _json_key_base64", gar("_json_key_base64", KEY_JSON), &["json-key-username"], &[]),
        case(
            "pretty-printed key under _json_key",
            gar("_json_key", KEY_JSON),
            &["token-least-privilege"],
            &["json-key-username", "whitespace-in-field"],
        ),
        case("base64 key under _json_key_base64", gar("_json_key_base64", &key_b64), &["token-least-privilege"], &["json-key-username"]),
        // 5. An e-mail address as the Docker Hub username (`docs/tokens.md#docker-hub`).
        case(
            "e-mail on docker hub",
            hub("someone@example.com", "https://index.docker.io/v1/"),
            &["docker-hub-email-username"],
            &["hub-key-cli-mismatch"],
        ),
        case("e-mail on docker.io", hub("someone@example.com", "docker.io"), &["docker-hub-email-username", "hub-key-cli-mismatch"], &[]),
        case("docker id on docker hub", hub("someone", "https://index.docker.io/v1/"), &[], &["docker-hub-email-username"]),
        case("e-mail on another registry", hub("someone@example.com", "quay.io"), &[], &["docker-hub-email-username"]),
        // 6. What Buildah, Podman and Skopeo do not read (`docs/containers-image.md#what-buildah-does-not-read`).
        case("credsStore alone", r#"{"credsStore":"ecr-login"}"#, &["ignored-by-containers-image"], &[]),
        case(
            "username and password only",
            format!(r#"{{"auths":{{"registry.example.com":{{"username":"ci-bot","password":"{TOKEN}"}}}}}}"#),
            &["ignored-by-containers-image", "strict-cli-missing-auth"],
            &[],
        ),
        case(
            "credHelpers and auth are read",
            format!(r#"{{"auths":{{"registry.example.com":{{"auth":"{}"}}}},"credHelpers":{{"gcr.io":"gcloud"}}}}"#, a("ci-bot", TOKEN)),
            &["mixed-helpers-and-auths"],
            &["ignored-by-containers-image"],
        ),
        case(
            "identity token is read",
            r#"{"auths":{"a.io":{"identitytoken":"not-a-real-identity-token"}}}"#,
            &[],
            &["ignored-by-containers-image"],
        ),
    ]
}

/// The Secrets of kinds 1 and 2, each holding `clean`: what Fix must turn into the corrected
/// value and Secret.
pub(super) fn broken_secrets(clean: &str) -> Vec<String> {
    let b64 = STANDARD.encode(clean);
    let legacy = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(clean).unwrap()["auths"]).unwrap();
    vec![
        format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\n  namespace: ci\ndata:\n  .dockerconfigjson: {b64}\n"),
        format!("kind: Secret\nmetadata:\n  name: regcred\n  namespace: ci\ntype: Opaque\ndata:\n  .dockerconfigjson: {b64}\n"),
        format!("kind: Secret\nmetadata:\n  name: regcred\n  namespace: ci\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockercfg: {}\n", STANDARD.encode(&legacy)),
        format!("kind: Secret\nmetadata:\n  name: regcred\n  namespace: ci\ntype: kubernetes.io/dockercfg\ndata:\n  .dockercfg: {b64}\n"),
        format!("kind: Secret\nmetadata:\n  name: regcred\n  namespace: ci\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: {b64}\n"),
        format!("kind: Secret\nmetadata:\n  name: regcred\n  namespace: ci\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {}\n", STANDARD.encode(&b64)),
        format!(
            r#"{{"apiVersion":"v1","kind":"Secret","metadata":{{"name":"regcred","namespace":"ci"}},"stringData":{{".dockerconfigjson":"{b64}"}}}}"#
        ),
        format!("kind: Secret\nmetadata:\n  name: regcred\n  namespace: ci\ndata:\n  config.json: {b64}\n"),
        format!(
            r#"{{"kind":"Secret","metadata":{{"name":"regcred","namespace":"ci"}},"type":"kubernetes.io/dockerconfigjson","stringData":{{"config.json":{}}}}}"#,
            serde_json::to_string(clean).unwrap()
        ),
    ]
}

/// Fix for kinds 1 and 2: the corrected value is the clean one, and a pasted Secret comes back as
/// a `kubernetes.io/dockerconfigjson` Secret holding it, its name and namespace kept.
#[test]
fn fix_writes_the_secret_with_its_type_and_decodes_the_base64() {
    let clean = one("registry.example.com");
    let b64 = STANDARD.encode(&clean);
    let expected = format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\n  namespace: ci\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {b64}\n"
    );
    for input in broken_secrets(&clean) {
        let ins = inspect(&input);
        assert_eq!(fixed_config(&ins).as_deref(), Some(clean.as_str()), "{input}");
        let secret = fixed_secret(&ins).unwrap_or_else(|| panic!("no Secret for {input}"));
        assert_eq!(secret, expected, "{input}");
        // The corrected Secret has none of these problems, no error, and fixing it changes nothing.
        let again = inspect(&secret);
        let found = codes(&again);
        for code in ["k8s-secret-type", "k8s-secret-key-mismatch", "base64-instead-of-json"] {
            assert!(!found.contains(&code), "{code} in the fix of {input}");
        }
        assert!(!again.findings.iter().any(|f| f.severity == Severity::Error), "{found:?}");
        assert_eq!(fixed_secret(&again).as_deref(), Some(secret.as_str()));
    }
    // Pasted base64 or a plain value is no Secret: nothing to give back as one.
    assert_eq!(fixed_secret(&inspect(&clean)), None);
    assert_eq!(fixed_secret(&inspect(&STANDARD.encode(&b64))), None);
    assert_eq!(fixed_config(&inspect(&STANDARD.encode(&b64))).as_deref(), Some(clean.as_str()));
    // Only auths go into a Secret: the kubelet runs no helper. Nothing else left, no Secret.
    let helpers = STANDARD.encode(r#"{"auths":{},"credHelpers":{"gcr.io":"gcloud"}}"#);
    assert_eq!(fixed_secret(&inspect(&format!("kind: Secret\ndata:\n  .dockerconfigjson: {helpers}\n"))), None);
    let mixed = STANDARD.encode(format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}},"credsStore":"ecr-login"}}"#, a("ci-bot", TOKEN)));
    let secret = fixed_secret(&inspect(&format!("kind: Secret\ndata:\n  .dockerconfigjson: {mixed}\n"))).unwrap();
    assert!(secret.ends_with(&format!("  .dockerconfigjson: {}\n", STANDARD.encode(one("a.io")))), "{secret}");
    // A name that is no Kubernetes name gives the default; a numeric one is quoted.
    let named = |name: &str| {
        fixed_secret(&inspect(&format!("kind: Secret\nmetadata:\n  name: {name}\ndata:\n  .dockerconfigjson: {b64}\n"))).unwrap()
    };
    assert!(named("Not_A_Name").contains("  name: regcred\n"));
    assert!(named("'1234'").contains("  name: \"1234\"\n"));
}

/// Where each finding points: the type, the key, the place of the base64 and Go's character.
#[test]
fn round_three_findings_name_what_they_found() {
    let clean = one("registry.example.com");
    let secrets = broken_secrets(&clean);
    let found = |text: &str, code: &str| {
        inspect(text).findings.into_iter().find(|f| f.code.as_str() == code).map(|f| (f.subject, f.detail, f.severity))
    };
    assert_eq!(found(&secrets[0], "k8s-secret-type"), Some(("Opaque".into(), String::new(), Severity::Warning)));
    assert_eq!(
        found(&secrets[2], "k8s-secret-key-mismatch"),
        Some(("kubernetes.io/dockerconfigjson".into(), ".dockercfg".into(), Severity::Error))
    );
    assert_eq!(found(&secrets[3], "k8s-secret-key-mismatch"), Some(("kubernetes.io/dockercfg".into(), "auths".into(), Severity::Warning)));
    assert_eq!(found(&secrets[4], "base64-instead-of-json"), Some(("stringData → .dockerconfigjson".into(), "e".into(), Severity::Error)));
    assert_eq!(found(&secrets[5], "base64-instead-of-json"), Some(("data → .dockerconfigjson".into(), "e".into(), Severity::Error)));
    let job = inspect(&format!(r#"{{"auths":{{"registry.gitlab.com":{{"auth":"{}"}}}}}}"#, a("gitlab-ci-token", TOKEN)));
    let short = job.findings.iter().find(|f| f.code == FindingCode::ShortLivedInStaticValue).unwrap();
    assert_eq!(
        (short.token, short.detail.as_str(), short.key.as_deref()),
        (Some(TokenKind::GitlabJobToken), "gitlab-ci-token", Some("registry.gitlab.com"))
    );
    let email = inspect(&format!(r#"{{"auths":{{"docker.io":{{"auth":"{}"}}}}}}"#, a("someone@example.com", TOKEN)));
    let email = email.findings.iter().find(|f| f.code == FindingCode::DockerHubEmailUsername).unwrap();
    assert_eq!((email.subject.as_str(), email.severity), ("someone@example.com", Severity::Error));
    let store = inspect(r#"{"credsStore":"ecr-login"}"#);
    let store = store.findings.iter().find(|f| f.code == FindingCode::IgnoredByContainersImage).unwrap();
    assert_eq!((store.subject.as_str(), store.detail.as_str()), ("credsStore", "ecr-login"));
}

/// A pasted Secret a megabyte long, deeply indented or with many keys, is read (each line's
/// parent from a stack, a capped number of keys). How long it takes is `inspect_bench`'s figure,
/// not asserted here.
#[test]
fn long_secrets_are_read() {
    let b64 = STANDARD.encode(one("registry.example.com"));
    let stairs: String = (0..20_000).map(|i| format!("{}k{i}: v\n", " ".repeat(i % 400))).collect();
    let many: String = (0..20_000).map(|i| format!("  key{i}: {b64}\n")).collect();
    for text in [format!("kind: Secret\nmetadata:\n{stairs}data:\n  .dockerconfigjson: {b64}\n"), format!("kind: Secret\ndata:\n{many}")] {
        let ins = inspect(&text);
        assert!(codes(&ins).contains(&"k8s-secret-type"), "{:?}", codes(&ins));
    }
}
