//! Table-driven corpus for the inspector: every finding code has at least one case where it
//! is expected and one where it must not appear (checked by `every_code_is_covered`).
//! All credentials are obviously fake.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use registry_auth::auth_encoding::encode_auth;
use registry_auth::findings::Severity;
use registry_auth::findings::{FindingCode, Reporter};
use registry_auth::inspector::{
    fixed_config, fixed_parts, fixed_secret, fixed_setup, inspect, left_out_keys, shadowed_keys, to_setup, ConfigFormat, Inspection,
    MAX_FINDINGS,
};
use registry_auth::setup::CredentialKind;
use registry_auth::token_kind::TokenKind;
use strum::IntoEnumIterator;

/// Issue 29's kinds, with their Fix tests.
#[path = "corpus/round_three.rs"]
mod round_three;

const TOKEN: &str = "not-a-real-token";
/// An obviously fake token body, and a GitLab personal access token made of it.
const BODY: &str = "NOTREAL-not-a-real-token-0000";
const GLPAT: &str = "glpat-NOTREAL-not-a-real-token-0000";
const ECR: &str = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

/// What `aws ecr get-login-password` prints, with fake contents.
fn ecr_password() -> String {
    STANDARD.encode(
        r#"{"payload":"not-a-real-payload","datakey":"not-a-real-datakey","version":"2","type":"DATA_KEY","expiration":1700000000}"#,
    )
}

/// `auth` for user:password.
fn a(user: &str, pass: &str) -> String {
    STANDARD.encode(format!("{user}:{pass}"))
}

/// `{"auths":{key:{"auth":…}}}` with a fake credential.
fn one(key: &str) -> String {
    format!(r#"{{"auths":{{"{key}":{{"auth":"{}"}}}}}}"#, a("ci-bot", TOKEN))
}

struct Case {
    name: &'static str,
    input: String,
    present: &'static [&'static str],
    absent: &'static [&'static str],
}

fn case(name: &'static str, input: impl Into<String>, present: &'static [&'static str], absent: &'static [&'static str]) -> Case {
    Case { name, input: input.into(), present, absent }
}

fn codes(ins: &Inspection) -> Vec<&'static str> {
    ins.findings.iter().map(|f| f.code.as_str()).collect()
}

/// The ids of every code the inspector reports.
fn inspector_codes() -> Vec<&'static str> {
    FindingCode::iter().filter(|c| matches!(c.reporter(), Reporter::Inspector | Reporter::Both)).map(FindingCode::as_str).collect()
}

fn corpus() -> Vec<Case> {
    let clean = one("registry.example.com");
    let secret_b64 = STANDARD.encode(&clean);
    // A password whose standard base64 has `+` or `/`, so its URL-safe form has `-` or `_`.
    let url_safe = (0..64)
        .map(|i| a("ci-bot", &format!("{TOKEN}{}??>>", "x".repeat(i))))
        .find(|s| s.contains(['+', '/']))
        .unwrap()
        .replace('+', "-")
        .replace('/', "_");
    let unpadded = a("ci-bot", "tok").trim_end_matches('=').to_owned();
    assert!(a("ci-bot", "tok").ends_with('='));
    let spaced = {
        let s = a("ci-bot", TOKEN);
        format!("{} {}", &s[..8], &s[8..])
    };
    let many_empty: String = (0..150).map(|i| format!(r#""r{i}.example.com":{{}}"#)).collect::<Vec<_>>().join(",");
    let long: String =
        (0..120).map(|i| format!(r#""r{i}.example.com":{{"auth":"{}"}}"#, a("ci-bot", &"t".repeat(60)))).collect::<Vec<_>>().join(",");

    let mut cases = vec![
        // Clean values: nothing but the masking note.
        case("clean auth-only value", clean.clone(), &["mask-needs-raw"], codes_except("mask-needs-raw")),
        case(
            "clean hub and namespaced keys",
            format!(r#"{{"auths":{{"https://index.docker.io/v1/":{{"auth":"{0}"}},"registry.example.com:5000":{{"auth":"{0}"}}}}}}"#, a("ci-bot", TOKEN)),
            &["mask-needs-raw"],
            &["hub-key-cli-mismatch", "hub-key-never-matches", "duplicate-registry", "key-upper-case", "key-namespaced"],
        ),
        // Input and JSON (`docs/gitlab-runner.md#parsing-and-all-or-nothing`,
        // `docs/failure-modes.md#wrapped-base64`, `docs/failure-modes.md#invalid-json-or-trailing-text`).
        case("empty input", "", &["input-empty"], &["json-invalid", "no-credentials"]),
        case("whitespace only", " \n\t ", &["input-empty"], &["json-invalid"]),
        case("missing closing brace", r#"{"auths":{"a.io":{"auth":"dTpw"}}"#, &["json-invalid"], &["input-empty", "json-trailing-text"]),
        case("trailing comma", "{\"auths\":{\n  \"a.io\":{\"auth\":\"dTpw\"},\n}}", &["json-invalid"], &["json-raw-newline"]),
        case("plain words", "hello there", &["json-invalid"], &["bare-auth-string", "k8s-wrapped"]),
        // Text that is almost JSON (`docs/failure-modes.md#text-that-is-almost-json`).
        case("byte order mark", format!("\u{feff}{clean}"), &["json-bom"], &["json-invalid", "input-empty"]),
        case("export with shell quotes", format!("export DOCKER_AUTH_CONFIG='{clean}'"), &["json-variable-prefix", "json-shell-quotes"], &["json-invalid"]),
        case("assignment without quotes", format!("DOCKER_AUTH_CONFIG={clean}"), &["json-variable-prefix"], &["json-shell-quotes", "json-invalid"]),
        case("a JSON string holding the config", serde_json::to_string(&clean).unwrap(), &["json-shell-quotes"], &["json-not-object", "json-invalid"]),
        case("double quotes around raw JSON", format!("\"{clean}\""), &["json-shell-quotes"], &["json-invalid", "json-trailing-text"]),
        case("typographic quotes", clean.replace('"', "\u{201c}"), &["json-typographic-quotes"], &["json-invalid", "json-nbsp"]),
        case("non-breaking spaces", clean.replace(':', ":\u{a0}"), &["json-nbsp"], &["json-invalid", "json-typographic-quotes"]),
        case(
            "typographic quotes and nbsp inside a string are text",
            "{\"auths\":{\"a.io\":{\"username\":\"ci-bot\",\"password\":\"it’s-“not”-real\u{a0}\"}}}",
            &["strict-cli-missing-auth"],
            &["json-typographic-quotes", "json-nbsp", "json-shell-quotes", "json-variable-prefix", "json-bom"],
        ),
        case(
            "windows line ending inside auth",
            format!("{{\"auths\":{{\"a.io\":{{\"auth\":\"{}\r\n{}\"}}}}}}", &a("ci-bot", TOKEN)[..12], &a("ci-bot", TOKEN)[12..]),
            &["auth-carriage-return"],
            &["json-raw-newline", "json-invalid"],
        ),
        case(
            "escaped windows line ending inside auth",
            format!(r#"{{"auths":{{"a.io":{{"auth":"{}\r\n{}"}}}}}}"#, &a("ci-bot", TOKEN)[..12], &a("ci-bot", TOKEN)[12..]),
            &["auth-carriage-return", "auth-wrapped"],
            &["json-raw-newline", "json-invalid", "auth-base64-invalid"],
        ),
        case("carriage return in a password", "{\"auths\":{\"a.io\":{\"username\":\"ci-bot\",\"password\":\"not-a-real\rtoken\"}}}", &["json-raw-newline"], &["auth-carriage-return"]),
        case(
            "top-level keys inside auths",
            format!(r#"{{"auths":{{"credHelpers":{{"gcr.io":"gcloud"}},"credsStore":"ecr-login","a.io":{{"auth":"{}"}}}}}}"#, a("ci-bot", TOKEN)),
            &["json-misplaced-key", "helper-needs-install"],
            &["json-wrong-type", "empty-entry", "strict-cli-missing-auth"],
        ),
        case(
            "base64 wrapped by GNU base64",
            format!("{{\"auths\":{{\"a.io\":{{\"auth\":\"{}\n{}\"}}}}}}", &a("ci-bot", TOKEN)[..12], &a("ci-bot", TOKEN)[12..]),
            &["json-raw-newline"],
            &["json-invalid", "auth-wrapped", "auth-base64-invalid", "auth-carriage-return"],
        ),
        case("escaped newline in auth", format!("{{\"auths\":{{\"a.io\":{{\"auth\":\"{}\\n{}\"}}}}}}", &a("ci-bot", TOKEN)[..12], &a("ci-bot", TOKEN)[12..]), &["auth-wrapped"], &["json-raw-newline", "json-invalid", "auth-base64-invalid"]),
        case("invalid escape", r#"{"auths":{"a.io":{"auth":"\x41"}}}"#, &["json-invalid-escape"], &["json-invalid"]),
        case("invalid unicode escape", r#"{"auths":{"a.io":{"auth":"\uZZZZ"}}}"#, &["json-invalid-escape"], &["json-lone-surrogate"]),
        case("lone leading surrogate", r#"{"auths":{"a.io":{"username":"ci-bot","password":"\ud800"}}}"#, &["json-lone-surrogate"], &["json-invalid", "json-invalid-escape", "password-empty"]),
        case("lone trailing surrogate", r#"{"auths":{"a.io":{"username":"ci-bot","password":"x\udc00"}}}"#, &["json-lone-surrogate"], &["json-invalid"]),
        case("proper surrogate pair", r#"{"auths":{"a.io":{"username":"ci-bot","password":"\ud83d\ude00"}}}"#, &["strict-cli-rejects"], &["json-lone-surrogate", "json-invalid"]),
        case("10,000 nested arrays", "[".repeat(10_000), &["json-too-deep"], &["json-invalid"]),
        case("10,000 nested objects", "{\"a\":".repeat(10_000), &["json-too-deep"], &[]),
        case("two configs pasted", format!("{clean}\n{clean}"), &["json-trailing-text"], &["json-invalid"]),
        case("trailing garbage", format!("{clean}  }}"), &["json-trailing-text"], &[]),
        case("array", "[1,2]", &["json-not-object"], &["json-invalid"]),
        case("string", r#""registry.example.com""#, &["json-not-object"], &["json-invalid"]),
        case("number", "42", &["json-not-object"], &[]),
        case("auths is an array", r#"{"auths":[]}"#, &["json-wrong-type"], &["json-not-object"]),
        case("numbers where strings belong", r#"{"auths":{"a.io":{"username":1,"password":true}}}"#, &["json-wrong-type"], &["empty-entry"]),
        case("auth is a number", r#"{"auths":{"a.io":{"auth":123}}}"#, &["json-wrong-type"], &["auth-base64-invalid"]),
        case("credsStore is a boolean", r#"{"credsStore":true}"#, &["json-wrong-type"], &[]),
        case("helper is a number", r#"{"credHelpers":{"a.io":1}}"#, &["json-wrong-type"], &["helper-empty"]),
        case("unknown fields of any type are ignored", format!(r#"{{"auths":{{"a.io":{{"auth":"{}","email":7}}}},"proxies":[]}}"#, a("ci-bot", TOKEN)), &["strict-cli-rejects"], &["json-wrong-type"]),
        case("nulls are absent values", r#"{"auths":null,"credsStore":null}"#, &["no-credentials"], &["json-wrong-type"]),
        case("repeated registry key", format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}},"a.io":{{"auth":"{}"}}}}}}"#, a("old", TOKEN), a("new", TOKEN)), &["json-duplicate-key"], &["duplicate-registry"]),
        // Formats (`docs/failure-modes.md#kubernetes-wrapping`).
        case("legacy dockercfg", format!(r#"{{"a.io":{{"auth":"{}","email":"ci@example.com"}}}}"#, a("ci-bot", TOKEN)), &["legacy-format"], &["no-credentials", "k8s-wrapped"]),
        case("k8s dockerconfigjson base64", secret_b64.clone(), &["k8s-wrapped"], &["legacy-format", "json-invalid", "bare-auth-string"]),
        case(
            "k8s secret yaml",
            format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {secret_b64}\n"),
            &["k8s-wrapped"],
            &["k8s-secret-unreadable", "json-invalid"],
        ),
        case(
            "k8s secret yaml with stringData block",
            format!("apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: |\n    {clean}\n"),
            &["k8s-wrapped"],
            &["k8s-secret-unreadable"],
        ),
        case(
            "k8s secret yaml with quoted stringData",
            format!("kind: Secret\nstringData:\n  \".dockerconfigjson\": '{clean}'\n"),
            &["k8s-wrapped"],
            &["k8s-secret-unreadable"],
        ),
        case(
            "k8s secret json",
            format!(r#"{{"apiVersion":"v1","kind":"Secret","data":{{".dockerconfigjson":"{secret_b64}"}},"type":"kubernetes.io/dockerconfigjson"}}"#),
            &["k8s-wrapped"],
            &["k8s-secret-unreadable", "strict-cli-rejects"],
        ),
        case(
            "k8s dockercfg secret holds the legacy format",
            format!("kind: Secret\ntype: kubernetes.io/dockercfg\ndata:\n  .dockercfg: {}\n", STANDARD.encode(format!(r#"{{"a.io":{{"auth":"{}"}}}}"#, a("ci-bot", TOKEN)))),
            &["k8s-wrapped", "legacy-format"],
            &["k8s-secret-unreadable"],
        ),
        case("opaque secret", "apiVersion: v1\nkind: Secret\ntype: Opaque\ndata:\n  password: bm90LWEtcmVhbC10b2tlbg==\n", &["k8s-secret-unreadable"], &["json-invalid"]),
        case("secret with broken base64", "kind: Secret\ndata:\n  .dockerconfigjson: '%%%'\n", &["k8s-secret-unreadable"], &[]),
        case("bare auth string", a("ci-bot", TOKEN), &["bare-auth-string"], &["k8s-wrapped", "json-invalid"]),
        case("empty object", "{}", &["no-credentials"], &["strict-cli-rejects", "json-invalid"]),
        // auth decoding (`docs/docker-cli.md#lookup-key`, `docs/failure-modes.md#newline-in-the-password`,
        // `docs/failure-modes.md#wrapped-base64`, `docs/failure-modes.md#url-safe-or-unpadded-base64`,
        // `docs/failure-modes.md#auth-without-a-colon-or-with-an-empty-username`).
        case("url-safe base64", format!(r#"{{"auths":{{"a.io":{{"auth":"{url_safe}"}}}}}}"#), &["auth-base64-url-safe"], &["auth-base64-invalid", "auth-base64-unpadded"]),
        case("missing padding", format!(r#"{{"auths":{{"a.io":{{"auth":"{unpadded}"}}}}}}"#), &["auth-base64-unpadded"], &["auth-base64-invalid", "auth-base64-url-safe"]),
        case("space inside base64", format!(r#"{{"auths":{{"a.io":{{"auth":"{spaced}"}}}}}}"#), &["auth-base64-spaces"], &["auth-base64-invalid"]),
        case("not base64", r#"{"auths":{"a.io":{"auth":"%%%%"}}}"#, &["auth-base64-invalid"], &["auth-no-colon", "auth-not-encoded"]),
        case(
            "user:token not encoded",
            r#"{"auths":{"a.io":{"auth":"ci-bot:not-a-real-token"}}}"#,
            &["auth-not-encoded"],
            &["auth-base64-url-safe", "auth-base64-invalid", "auth-no-colon"],
        ),
        case("extra padding", r#"{"auths":{"a.io":{"auth":"dTpw="}}}"#, &["auth-base64-invalid"], &["auth-base64-unpadded"]),
        case("decoded bytes not utf-8", r#"{"auths":{"a.io":{"auth":"dTr/"}}}"#, &["auth-not-utf8"], &["auth-base64-invalid", "auth-no-colon"]),
        case("token without user", format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, STANDARD.encode(TOKEN)), &["auth-no-colon"], &["auth-empty-username", "empty-entry"]),
        case("empty username", format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, a("", TOKEN)), &["auth-empty-username"], &["auth-no-colon"]),
        case("password with colons is fine", format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, a("ci-bot", "a:b:c")), &[], &["auth-no-colon", "username-colon"]),
        case(
            "auth and literal fields disagree",
            format!(r#"{{"auths":{{"a.io":{{"auth":"{}","username":"someone-else","password":"{TOKEN}"}}}}}}"#, a("ci-bot", TOKEN)),
            &["auth-fields-disagree", "strict-cli-rejects"],
            &["dollar-in-field"],
        ),
        case(
            "auth and literal fields agree (kubectl style)",
            format!(r#"{{"auths":{{"a.io":{{"username":"ci-bot","password":"{TOKEN}","email":"ci@example.com","auth":"{}"}}}}}}"#, a("ci-bot", TOKEN)),
            &["strict-cli-rejects"],
            &["auth-fields-disagree", "strict-cli-missing-auth"],
        ),
        case("echo without -n", format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, a("ci-bot", &format!("{TOKEN}\n"))), &["whitespace-in-field"], &["auth-wrapped"]),
        case("carriage return in user", format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, a("ci-bot\r", TOKEN)), &["whitespace-in-field"], &[]),
        case("leading space in literal username", format!(r#"{{"auths":{{"a.io":{{"username":" ci-bot","password":"{TOKEN}"}}}}}}"#), &["whitespace-in-field", "strict-cli-missing-auth"], &[]),
        case("dollar in literal password", r#"{"auths":{"a.io":{"username":"ci-bot","password":"pa$$word-not-real"}}}"#, &["dollar-in-field"], &["whitespace-in-field"]),
        case("dollar inside auth is immune", format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, a("ci-bot", "pa$$word-not-real")), &[], &["dollar-in-field"]),
        case("colon in literal username", format!(r#"{{"auths":{{"a.io":{{"username":"ci:bot","password":"{TOKEN}"}}}}}}"#), &["username-colon"], &["auth-no-colon"]),
        case("username without password", r#"{"auths":{"a.io":{"username":"ci-bot"}}}"#, &["password-empty"], &["empty-entry"]),
        case("decoded empty password", format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, a("ci-bot", "")), &["password-empty"], &["auth-no-colon"]),
        case("identity token only", r#"{"auths":{"a.io":{"identitytoken":"not-a-real-identity-token"}}}"#, &["strict-cli-missing-auth"], &["empty-entry", "password-empty", "token-field-overrides-auth"]),
        case(
            "identity token next to auth",
            format!(r#"{{"auths":{{"a.io":{{"auth":"{}","identitytoken":"not-a-real-identity-token","registrytoken":"not-a-real-registry-token"}}}}}}"#, a("ci-bot", TOKEN)),
            &["token-field-overrides-auth", "strict-cli-rejects"],
            &["strict-cli-missing-auth"],
        ),
        case("empty entry", r#"{"auths":{"registry.example.com":{}}}"#, &["empty-entry", "strict-cli-missing-auth"], &["desktop-copy"]),
        case("null entry", r#"{"auths":{"registry.example.com":null}}"#, &["empty-entry"], &["json-wrong-type"]),
        case(
            "docker desktop copy",
            r#"{"auths":{"https://index.docker.io/v1/":{},"registry.gitlab.com":{}},"credsStore":"desktop","currentContext":"desktop-linux"}"#,
            &["desktop-copy", "desktop-only-store", "empty-entry", "creds-store-docker-hub"],
            &["creds-store-shadows-auths", "helper-needs-install"],
        ),
        case("macOS keychain copy", r#"{"auths":{"ghcr.io":{}},"credsStore":"osxkeychain"}"#, &["desktop-copy", "desktop-only-store"], &[]),
        // Keys (`docs/gitlab-runner.md#key-normalisation`, `docs/docker-cli.md#lookup-key`,
        // `docs/failure-modes.md#wrong-docker-hub-key`, `docs/failure-modes.md#api-path-in-a-key`).
        case("index.docker.io without scheme", one("index.docker.io"), &["hub-key-never-matches"], &["hub-key-cli-mismatch"]),
        case("registry-1.docker.io", one("registry-1.docker.io"), &["hub-key-never-matches"], &["hub-key-cli-mismatch"]),
        case("https registry-1.docker.io", one("https://registry-1.docker.io"), &["hub-key-never-matches"], &[]),
        case("hub.docker.com", one("hub.docker.com"), &["hub-key-never-matches"], &[]),
        case("hub namespace without host", one("myorg/app"), &["hub-key-never-matches"], &["key-namespaced"]),
        case("docker.io for the CLI", one("docker.io"), &["hub-key-cli-mismatch"], &["hub-key-never-matches"]),
        case("hub key without the slash", one("https://index.docker.io/v1"), &["hub-key-cli-mismatch"], &["hub-key-never-matches", "key-scheme-or-path"]),
        case("hub key upper case", one("HTTPS://INDEX.DOCKER.IO/V1/"), &["hub-key-cli-mismatch"], &["key-upper-case"]),
        case("exact hub key", one("https://index.docker.io/v1/"), &[], &["hub-key-cli-mismatch", "hub-key-never-matches", "key-scheme-or-path"]),
        case("v2 path without scheme", one("registry.example.com/v2/"), &["key-api-path"], &["key-namespaced", "key-scheme-or-path"]),
        case("v2 path with scheme", one("https://registry.example.com/v2/"), &["key-scheme-or-path"], &["key-api-path"]),
        case("http scheme", one("http://registry.example.com:5000"), &["key-http-scheme"], &["key-invalid", "key-scheme-or-path"]),
        case("https scheme with a path", one("https://registry.example.com:5000/v2/"), &["key-scheme-or-path"], &["key-http-scheme"]),
        case("namespaced key", one("registry.example.com/team"), &["key-namespaced"], &["key-api-path", "key-invalid"]),
        case("upper-case host", one("Registry.Example.com"), &["key-upper-case"], &["key-invalid"]),
        case("lower-case path is kept as written", one("registry.example.com/Team"), &["key-namespaced"], &["key-upper-case"]),
        case("space in key", one("registry example.com"), &["key-invalid"], &["key-upper-case"]),
        case("bad port", one("registry.example.com:http"), &["key-invalid"], &[]),
        case("variable key", one("$CI_REGISTRY"), &["key-variable"], &["key-invalid"]),
        case(
            "docker.io next to the hub key",
            format!(r#"{{"auths":{{"docker.io":{{"auth":"{0}"}},"https://index.docker.io/v1/":{{"auth":"{0}"}}}}}}"#, a("ci-bot", TOKEN)),
            &["duplicate-registry", "hub-key-cli-mismatch"],
            &["json-duplicate-key"],
        ),
        case(
            "same host two spellings",
            format!(r#"{{"auths":{{"https://registry.example.com/v2/":{{"auth":"{0}"}},"registry.example.com":{{"auth":"{0}"}}}}}}"#, a("ci-bot", TOKEN)),
            &["duplicate-registry"],
            &[],
        ),
        case(
            "same host different ports are different registries",
            format!(r#"{{"auths":{{"registry.example.com":{{"auth":"{0}"}},"registry.example.com:5000":{{"auth":"{0}"}}}}}}"#, a("ci-bot", TOKEN)),
            &[],
            &["duplicate-registry"],
        ),
        // Helpers and stores (`docs/gitlab-runner.md#parsing-and-all-or-nothing`,
        // `docs/gitlab-runner.md#credential-helpers`, `docs/docker-cli.md#store-precedence`,
        // `docs/failure-modes.md#desktop-copy`, `docs/failure-modes.md#credsstore-and-public-images`).
        case("empty helper", r#"{"credHelpers":{"a.io":""}}"#, &["helper-empty"], &["helper-needs-install"]),
        case("null helper", r#"{"credHelpers":{"a.io":null}}"#, &["helper-empty"], &["json-wrong-type"]),
        case("helper with a path", r#"{"credHelpers":{"a.io":"../../usr/bin/x"}}"#, &["helper-name-invalid"], &["helper-needs-install"]),
        case("store with a path", r#"{"credsStore":"/usr/bin/pass"}"#, &["helper-name-invalid", "creds-store-docker-hub"], &["desktop-only-store"]),
        case("desktop-only helper", r#"{"credHelpers":{"a.io":"wincred"}}"#, &["desktop-only-store"], &["helper-needs-install", "desktop-copy"]),
        case(
            "gcloud helpers",
            r#"{"credHelpers":{"europe-docker.pkg.dev":"gcloud","gcr.io":"gcloud"}}"#,
            &["helper-needs-install", "strict-cli-rejects"],
            &["helper-name-invalid", "ecr-aws-region", "creds-store-docker-hub", "json-misplaced-key"],
        ),
        case("ecr store", r#"{"credsStore":"ecr-login"}"#, &["creds-store-docker-hub", "ecr-aws-region", "helper-needs-install"], &["creds-store-shadows-auths", "no-credentials"]),
        case(
            "store shadows static auths",
            format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}},"credsStore":"ecr-login"}}"#, a("ci-bot", TOKEN)),
            &["creds-store-shadows-auths"],
            &["desktop-copy"],
        ),
        case("ecr helper", r#"{"credHelpers":{"123456789012.dkr.ecr.eu-west-1.amazonaws.com":"ecr-login"}}"#, &["ecr-aws-region"], &["creds-store-docker-hub", "mixed-helpers-and-auths"]),
        // All-or-nothing (`docs/failure-modes.md#one-helper-takes-the-static-entries-down`).
        case(
            "static entries next to a helper",
            format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}},"credHelpers":{{"gcr.io":"gcloud"}}}}"#, a("ci-bot", TOKEN)),
            &["mixed-helpers-and-auths", "helper-needs-install"],
            &["creds-store-shadows-auths"],
        ),
        case(
            "an empty entry is no static credential",
            r#"{"auths":{"gcr.io":{}},"credHelpers":{"gcr.io":"gcloud"}}"#,
            &["empty-entry"],
            &["mixed-helpers-and-auths"],
        ),
        // The value as a CI/CD variable (`docs/gitlab-variables.md#masking`, `docs/failure-modes.md#unmaskable-value`).
        case("pretty-printed", format!("{{\n  \"auths\": {{\n    \"a.io\": {{\n      \"auth\": \"{}\"\n    }}\n  }}\n}}", a("ci-bot", TOKEN)), &["not-maskable"], &["mask-needs-raw"]),
        case("too long for an instance variable", format!(r#"{{"auths":{{{long}}}}}"#), &["value-too-long"], &["findings-truncated"]),
        case("many empty entries", format!(r#"{{"auths":{{{many_empty}}}}}"#), &["findings-truncated", "empty-entry"], &["value-too-long"]),
        // Tokens where base64 or a username belongs (`docs/tokens.md`).
        case(
            "docker hub token as auth",
            r#"{"auths":{"registry.example.com":{"auth":"dckr_pat_AbCdEfGhIjKlMnOpQrStUvWxYz0"}}}"#,
            &["auth-is-token", "token-least-privilege"],
            &["auth-base64-url-safe", "auth-base64-invalid", "auth-no-colon"],
        ),
        case("ecr password as auth", format!(r#"{{"auths":{{"{ECR}":{{"auth":"{}"}}}}}}"#, ecr_password()), &["auth-is-token", "token-short-lived"], &["auth-fields-disagree", "token-as-username"]),
        case("token as username", format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, a(GLPAT, TOKEN)), &["token-as-username"], &["auth-is-token", "token-least-privilege"]),
        case("personal token", format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, a("ci-bot", GLPAT)), &["token-least-privilege"], &["token-as-username", "auth-is-token"]),
        case(
            "deploy token is what pulls need",
            format!(r#"{{"auths":{{"registry.gitlab.com":{{"auth":"{}"}}}}}}"#, a("gitlab+deploy-token-1", &format!("gldt-{BODY}"))),
            &[],
            &["token-least-privilege", "token-short-lived", "token-not-for-registry", "token-organization-username"],
        ),
        case("ecr password decoded from auth", format!(r#"{{"auths":{{"{ECR}":{{"auth":"{}"}}}}}}"#, a("AWS", &ecr_password())), &["token-short-lived"], &["auth-is-token"]),
        case("azure token user", format!(r#"{{"auths":{{"acme.azurecr.io":{{"auth":"{}"}}}}}}"#, a("00000000-0000-0000-0000-000000000000", TOKEN)), &["token-short-lived"], &["token-as-username"]),
        case("runner token as password", format!(r#"{{"auths":{{"a.io":{{"username":"ci-bot","password":"glrt-{BODY}"}}}}}}"#), &["token-not-for-registry"], &["token-least-privilege"]),
        case("organization token", format!(r#"{{"auths":{{"dhi.io":{{"auth":"{}"}}}}}}"#, a("acme", &format!("dckr_oat_{BODY}"))), &["token-organization-username"], &["token-least-privilege"]),
        // Case-insensitive field names, as Go matches them (`docs/gitlab-runner.md#parsing-and-all-or-nothing`).
        case("field names in other case", format!(r#"{{"Auths":{{"a.io":{{"Auth":"{}"}}}}}}"#, a("ci-bot", TOKEN)), &[], &["no-credentials", "legacy-format", "strict-cli-rejects", "strict-cli-missing-auth"]),
        // Pasted along with the token (`docs/failure-modes.md#invisible-characters`).
        case("zero-width space before the token", format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, a("ci-bot", &format!("\u{200B}{TOKEN}"))), &["invisible-character"], &["whitespace-in-field", "quoted-credential"]),
        case("no-break space inside the user", format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, a("ci\u{00A0}bot", TOKEN)), &["invisible-character"], &["whitespace-in-field"]),
        case("token in quotes", format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, a("ci-bot", &format!("\"{TOKEN}\""))), &["quoted-credential"], &["invisible-character"]),
        case("a quote inside is no wrapping", format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, a("ci-bot", "not\"a-real'token")), &[], &["quoted-credential", "invisible-character"]),
        // Base64 is never expanded (`docs/gitlab-variables.md#expansion`).
        case("variable name in auth", format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, a("gitlab-ci-token", "$CI_JOB_TOKEN")), &["variable-reference-in-credential"], &["dollar-in-field"]),
        case("escaped dollar is no reference", format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, a("ci-bot", "not$$a-real-token")), &[], &["variable-reference-in-credential"]),
        case("literal password may be expanded", r#"{"auths":{"a.io":{"username":"ci-bot","password":"${REGISTRY_PASS}"}}}"#, &["dollar-in-field"], &["variable-reference-in-credential"]),
        // Hosts no image reference can name (`docs/gitlab-runner.md#hosts-no-image-can-name`).
        case("internationalised host", one("rëgistry.example.com"), &["host-idn"], &["host-trailing-dot"]),
        case("punycode host", one("xn--rgistry-9ua.example.com"), &[], &["host-idn", "key-invalid"]),
        case("host with a final dot", one("registry.example.com."), &["host-trailing-dot"], &["host-idn"]),
        case("ipv6 host", one("[2001:db8::1]:5000"), &[], &["host-trailing-dot", "key-invalid", "key-namespaced"]),
        // The newest runner refuses a job-supplied value's helpers (`docs/gitlab-runner.md#restrict-docker-credential-helpers`).
        case("helper on the newest runner", r#"{"credHelpers":{"gcr.io":"gcloud"}}"#, &["helper-not-allowed"], &["mixed-helpers-and-auths"]),
        case("desktop store is its own finding", r#"{"auths":{},"credsStore":"osxkeychain"}"#, &["desktop-only-store"], &["helper-not-allowed"]),
    ];
    cases.extend(round_three::cases(&clean, &secret_b64));
    cases
}

/// Every inspector code but `except`: what a clean value must not produce. Leaked once per
/// test run, to fit the corpus' `'static` slices.
fn codes_except(except: &str) -> &'static [&'static str] {
    inspector_codes().into_iter().filter(|c| *c != except).collect::<Vec<_>>().leak()
}

#[test]
fn corpus_cases() {
    let mut failures = Vec::new();
    for case in corpus() {
        let ins = inspect(&case.input);
        let found = codes(&ins);
        for code in case.present {
            if !found.contains(code) {
                failures.push(format!("{}: expected {code}, got {found:?}", case.name));
            }
        }
        for code in case.absent {
            if found.contains(code) {
                failures.push(format!("{}: unexpected {code}, got {found:?}", case.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_code_is_covered() {
    let cases = corpus();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let all = inspector_codes();
    for code in &all {
        assert!(cases.iter().any(|c| c.present.contains(code)), "no positive case for {code}");
        assert!(cases.iter().any(|c| c.absent.contains(code)), "no negative case for {code}");
    }
    for case in &cases {
        for code in case.present.iter().chain(case.absent) {
            assert!(all.contains(code), "{}: {code} is not an inspector code", case.name);
        }
    }
}

#[test]
fn severities() {
    let severity = |input: &str, code: &str| inspect(input).findings.iter().find(|f| f.code.as_str() == code).map(|f| f.severity);
    assert_eq!(severity(r#"{"auths":{"#, "json-invalid"), Some(Severity::Error));
    assert_eq!(severity(r#"{"auths":{"a.io":{"password":"\ud800"}}}"#, "json-lone-surrogate"), Some(Severity::Warning));
    assert_eq!(severity(&one("docker.io"), "hub-key-cli-mismatch"), Some(Severity::Warning));
    assert_eq!(severity(&one("index.docker.io"), "hub-key-never-matches"), Some(Severity::Error));
    assert_eq!(severity(&one("a.io"), "mask-needs-raw"), Some(Severity::Info));
    assert_eq!(severity(&one("http://a.io"), "key-http-scheme"), Some(Severity::Warning));
    // Errors come first.
    let ins = inspect(r#"{"auths":{"index.docker.io":{}},"credsStore":"desktop"}"#);
    let ranks: Vec<_> = ins.findings.iter().map(|f| f.severity).collect();
    let mut sorted = ranks.clone();
    sorted.sort();
    assert_eq!(ranks, sorted);
}

#[test]
fn json_error_positions() {
    let ins = inspect("{\"auths\":{\n  \"a.io\":{\"auth\":\"dTpw\"},\n}}");
    assert_eq!(ins.json_error, Some((3, 1)));
    assert!(!ins.readable && fixed_config(&ins).is_none());
    let ins = inspect("{\"auths\":{\"a.io\":{\"auth\":\"dTpw\nZA==\"}}}");
    assert_eq!(ins.json_error, Some((1, 31)));
    assert!(ins.findings.iter().any(|f| f.code.as_str() == "json-raw-newline" && f.subject == "1:31"));
    // Columns count characters, not bytes.
    let ins = inspect("{\"é\": x}");
    assert_eq!(ins.json_error, Some((1, 7)));
    let ins = inspect(&format!("{}  x", one("a.io")));
    let trailing = ins.findings.iter().find(|f| f.code.as_str() == "json-trailing-text").unwrap();
    assert_eq!(trailing.subject, format!("1:{}", one("a.io").len() + 3));
}

#[test]
fn formats_are_detected() {
    let clean = one("registry.example.com");
    let b64 = STANDARD.encode(&clean);
    let cases = [
        (clean.clone(), ConfigFormat::DockerConfig),
        (format!(r#"{{"a.io":{{"auth":"{}"}}}}"#, a("u", "p")), ConfigFormat::LegacyDockercfg),
        (b64.clone(), ConfigFormat::KubernetesDockerconfigjsonBase64),
        (format!("{}\n{}\n", &b64[..20], &b64[20..]), ConfigFormat::KubernetesDockerconfigjsonBase64),
        (format!("apiVersion: v1\nkind: Secret\ndata:\n  .dockerconfigjson: >-\n    {b64}\n"), ConfigFormat::KubernetesSecretYaml),
        (
            format!(r#"{{"kind":"Secret","stringData":{{".dockerconfigjson":{}}}}}"#, serde_json::to_string(&clean).unwrap()),
            ConfigFormat::KubernetesSecretJson,
        ),
        ("hello".into(), ConfigFormat::Unknown),
        (String::new(), ConfigFormat::Unknown),
    ];
    for (input, format) in cases {
        let ins = inspect(&input);
        assert_eq!(ins.format, format, "{input}");
    }
    // Unwrapping gives the same entries as pasting the config itself.
    assert_eq!(inspect(&b64).entries, inspect(&clean).entries);
}

#[test]
fn entries_are_decoded() {
    let input = format!(
        r#"{{"auths":{{"Registry.Example.com:5000/v2/":{{"auth":"{}","email":"ci@example.com"}},"docker.io":{{"username":"hub-bot","password":"{TOKEN}"}}}},"credHelpers":{{"gcr.io":"gcloud","docker.io":"desktop"}}}}"#,
        a("ci-bot", TOKEN)
    );
    let ins = inspect(&input);
    assert_eq!(ins.entries.len(), 3);
    let first = &ins.entries[0];
    assert_eq!(first.key, "Registry.Example.com:5000/v2/");
    assert_eq!(first.normalised_runner, "registry.example.com:5000/v2");
    assert_eq!(first.fixed_key, "registry.example.com:5000");
    assert_eq!((first.username.as_deref(), first.password.as_deref()), (Some("ci-bot"), Some(TOKEN)));
    assert_eq!(first.fields, ["auth", "email"]);
    let hub = &ins.entries[1];
    assert_eq!((hub.fixed_key.as_str(), hub.helper.as_deref()), ("https://index.docker.io/v1/", Some("desktop")));
    let helper_only = &ins.entries[2];
    assert!(!helper_only.in_auths && helper_only.helper.as_deref() == Some("gcloud"));
    assert_eq!(ins.cred_helpers, [("gcr.io".to_string(), "gcloud".to_string()), ("docker.io".to_string(), "desktop".to_string())]);
    // Findings about one entry carry its key (data-key).
    assert!(ins.findings.iter().any(|f| f.code.as_str() == "key-api-path" && f.key.as_deref() == Some("Registry.Example.com:5000/v2/")));
    assert!(ins.findings.iter().any(|f| f.code.as_str() == "desktop-only-store" && f.key.as_deref() == Some("docker.io")));
}

#[test]
fn the_fix_corrects_what_can_be_corrected() {
    let wrapped = a("ci-bot", TOKEN);
    let input = format!(
        "{{\n \"auths\": {{\n  \"index.docker.io\": {{\"auth\": \"{}\n{}\"}},\n  \"Registry.Example.com/v2/\": {{\"username\": \"ci-bot\", \"password\": \"{TOKEN}\\n\", \"email\": \"ci@example.com\"}},\n  \"broken.example.com\": {{\"auth\": \"{}\"}},\n  \"empty.example.com\": {{}},\n  \"team.example.com/group\": {{\"auth\": \"{}\"}}\n }},\n \"credHelpers\": {{\"gcr.io\": \"gcloud\", \"bad.example.com\": \"../x\"}},\n \"credsStore\": \"osxkeychain\"\n}}",
        &wrapped[..10],
        &wrapped[10..],
        STANDARD.encode(TOKEN),
        a("group-bot", TOKEN),
    );
    let ins = inspect(&input);
    assert!(ins.readable);
    let fixed = fixed_config(&ins).unwrap();
    let ok = a("ci-bot", TOKEN);
    assert_eq!(
        fixed,
        format!(
            r#"{{"auths":{{"https://index.docker.io/v1/":{{"auth":"{ok}"}},"registry.example.com":{{"auth":"{ok}"}},"team.example.com/group":{{"auth":"{}"}}}},"credHelpers":{{"gcr.io":"gcloud"}}}}"#,
            a("group-bot", TOKEN)
        )
    );
    // The fixed value is clean of errors, and fixing is idempotent.
    let again = inspect(&fixed);
    let errors: Vec<_> = again.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.code).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(fixed_config(&again).as_deref(), Some(fixed.as_str()));
}

#[test]
fn the_fix_unwraps_secrets_and_legacy_files() {
    let clean = one("registry.example.com");
    assert_eq!(fixed_config(&inspect(&STANDARD.encode(&clean))).as_deref(), Some(clean.as_str()));
    let legacy = format!(r#"{{"registry.example.com":{{"auth":"{}","email":"ci@example.com"}}}}"#, a("ci-bot", TOKEN));
    assert_eq!(fixed_config(&inspect(&legacy)).as_deref(), Some(clean.as_str()));
    let yaml = format!("kind: Secret\ndata:\n  .dockerconfigjson: \"{}\"\n", STANDARD.encode(&clean));
    assert_eq!(fixed_config(&inspect(&yaml)).as_deref(), Some(clean.as_str()));
    // Duplicates keep the key the runner uses: sorted order, first wins.
    let dup = format!(
        r#"{{"auths":{{"https://index.docker.io/v1/":{{"auth":"{}"}},"docker.io":{{"auth":"{}"}}}}}}"#,
        a("second", TOKEN),
        a("first", TOKEN)
    );
    assert_eq!(
        fixed_config(&inspect(&dup)).unwrap(),
        format!(r#"{{"auths":{{"https://index.docker.io/v1/":{{"auth":"{}"}}}}}}"#, a("first", TOKEN))
    );
    // An identity token that is the entry's only credential is kept; next to auth it is dropped
    // (`docs/failure-modes.md#a-token-field-next-to-auth`).
    let token = r#"{"auths":{"a.io":{"identitytoken":"not-a-real-identity-token"}}}"#;
    assert_eq!(fixed_config(&inspect(token)).unwrap(), token);
    let both = format!(r#"{{"auths":{{"a.io":{{"auth":"{}","identitytoken":"not-a-real-identity-token"}}}}}}"#, a("ci-bot", TOKEN));
    let ins = inspect(&both);
    assert_eq!(
        ins.findings.iter().find(|f| f.code == FindingCode::TokenFieldOverridesAuth).map(|f| f.subject.as_str()),
        Some("identitytoken")
    );
    assert_eq!(fixed_config(&ins).unwrap(), one("a.io"));
}

#[test]
fn almost_json_is_named_where_it_is_and_repaired() {
    let clean = one("registry.example.com");
    let at = |text: &str, code: &str| inspect(text).findings.into_iter().find(|f| f.code.as_str() == code).map(|f| f.subject);
    assert_eq!(at(&format!("\n  \u{feff}{clean}"), "json-bom").as_deref(), Some("2:3"));
    assert_eq!(at(&format!("export DOCKER_AUTH_CONFIG='{clean}'"), "json-shell-quotes").as_deref(), Some("1:27"));
    let curly = clean.replacen('"', "\u{201c}", 3);
    assert_eq!(at(&curly, "json-typographic-quotes").as_deref(), Some("1:2"));
    assert_eq!(inspect(&curly).json_error, Some((1, 2)));
    let misplaced = format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}},"credHelpers":{{"gcr.io":"gcloud"}}}}}}"#, a("ci-bot", TOKEN));
    let subject = at(&misplaced, "json-misplaced-key").unwrap();
    assert_eq!(subject, format!("credHelpers (1:{})", misplaced.find("\"credHelpers").unwrap() + 1));
    // Each fix is what the clean value would give, and inspects without errors.
    let wrapped = a("ci-bot", TOKEN);
    for text in [
        format!("\u{feff}{clean}"),
        format!("export DOCKER_AUTH_CONFIG='{clean}'"),
        format!("DOCKER_AUTH_CONFIG: \"{}\"", clean.replace('"', "\\\"")),
        serde_json::to_string(&clean).unwrap(),
        clean.replace('"', "\u{201d}"),
        clean.replace(':', ":\u{a0}"),
        format!("{{\"auths\":{{\"registry.example.com\":{{\"auth\":\"{}\r\n{}\"}}}}}}", &wrapped[..10], &wrapped[10..]),
    ] {
        let ins = inspect(&text);
        assert!(ins.readable && !ins.strict_env, "{text:?}");
        let fixed = fixed_config(&ins).unwrap();
        assert_eq!(fixed, clean, "{text:?}");
    }
    let fixed = fixed_config(&inspect(&misplaced)).unwrap();
    assert_eq!(fixed, format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}},"credHelpers":{{"gcr.io":"gcloud"}}}}"#, a("ci-bot", TOKEN)));
    let nested = format!(r#"{{"auths":{{"auths":{{"a.io":{{"auth":"{}"}}}},"credsStore":"ecr-login"}}}}"#, a("ci-bot", TOKEN));
    assert_eq!(
        fixed_config(&inspect(&nested)).unwrap(),
        format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}},"credsStore":"ecr-login"}}"#, a("ci-bot", TOKEN))
    );
}

#[test]
fn the_fix_writes_http_keys_as_host_and_port() {
    let ins = inspect(&one("http://registry.example.com:5000"));
    let fixed = fixed_config(&ins).unwrap();
    assert_eq!(fixed, one("registry.example.com:5000"));
    assert!(!codes(&inspect(&fixed)).contains(&"key-http-scheme"));
}

#[test]
fn the_strict_env_verdict() {
    assert!(inspect(&one("registry.example.com")).strict_env);
    for bad in [
        format!(r#"{{"auths":{{"a.io":{{"auth":"{}","email":"ci@example.com"}}}}}}"#, a("ci-bot", TOKEN)),
        format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}},"credsStore":"ecr-login"}}"#, a("ci-bot", TOKEN)),
        r#"{"auths":{"a.io":{}}}"#.to_owned(),
        r#"{"auths":{"a.io":null}}"#.to_owned(),
        format!("{}\n{{}}", one("a.io")),
        format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, STANDARD.encode(TOKEN)),
        STANDARD.encode(one("a.io")),
    ] {
        assert!(!inspect(&bad).strict_env, "{bad}");
    }
    // Go's decoder takes escaped line breaks in base64 and repeated keys.
    let wrapped = format!(r#"{{"auths":{{"a.io":{{"auth":"{}\n{}"}}}}}}"#, &a("ci-bot", TOKEN)[..8], &a("ci-bot", TOKEN)[8..]);
    assert!(inspect(&wrapped).strict_env);
}

#[test]
fn a_token_as_auth_waits_for_its_username() {
    let pasted = r#"{"auths":{"registry.example.com":{"auth":"dckr_pat_AbCdEfGhIjKlMnOpQrStUvWxYz0"},"quay.io":{"auth":"Y2ktYm90Om5vdC1hLXJlYWwtdG9rZW4="}}}"#;
    let ins = inspect(pasted);
    let finding = ins.findings.iter().find(|f| f.code == FindingCode::AuthIsToken).unwrap();
    assert_eq!((finding.token, finding.key.as_deref()), (Some(TokenKind::DockerHubPersonalAccessToken), Some("registry.example.com")));
    // The fix cannot know the username: the entry is left out, the rest kept.
    let fixed = fixed_config(&ins).unwrap();
    assert_eq!(fixed, r#"{"auths":{"quay.io":{"auth":"Y2ktYm90Om5vdC1hLXJlYWwtdG9rZW4="}}}"#);
    // Edit in generator, before or after Fix, loads the token as the password with no username.
    for setup in [to_setup(&ins), fixed_setup(&ins).unwrap()] {
        let entry = setup.entries.iter().find(|e| e.registry == "registry.example.com").unwrap();
        assert_eq!((entry.username.as_str(), entry.secret.as_str()), ("", "dckr_pat_AbCdEfGhIjKlMnOpQrStUvWxYz0"));
    }
    // With a username field next to it, the intent is clear: the fix encodes the two.
    let with_user = format!(r#"{{"auths":{{"a.io":{{"username":"ci-bot","auth":"acme-{GLPAT}"}}}}}}"#);
    let fixed = fixed_config(&inspect(&with_user)).unwrap();
    assert_eq!(fixed, format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}}}}}}"#, a("ci-bot", &format!("acme-{GLPAT}"))));
    assert!(!codes(&inspect(&fixed)).contains(&"auth-is-token"));
}

#[test]
fn the_fix_names_what_it_leaves_out() {
    // A bare token, undecodable base64, `{}` and an empty user: each left out, by its key as written.
    let pasted = format!(
        r#"{{"auths":{{"https://a.io/v1/":{{"auth":"{TOKEN}"}},"b.io":{{"auth":"not base64!!"}},"c.io":{{}},"d.io":{{"auth":"{}"}},"e.io":{{"auth":"{}"}}}}}}"#,
        a("", TOKEN),
        a("ci-bot", TOKEN)
    );
    let ins = inspect(&pasted);
    let parts = fixed_parts(&ins).unwrap();
    assert_eq!(left_out_keys(&ins, &parts), ["https://a.io/v1/", "b.io", "c.io", "d.io"]);
    assert!(!parts.is_empty());
    // Edit in generator after Fix offers each of them, under its corrected key, to fill in: the
    // empty ones too.
    let loaded: Vec<String> = fixed_setup(&ins).unwrap().entries.into_iter().map(|e| e.registry).collect();
    assert_eq!(loaded, ["e.io", "a.io", "b.io", "c.io", "d.io"]);
    // Nothing usable left: the parts are empty, the one key is named.
    let ins = inspect(r#"{"auths":{"registry.example.com":{"auth":"not base64!!"}}}"#);
    let parts = fixed_parts(&ins).unwrap();
    assert!(parts.is_empty());
    assert_eq!(left_out_keys(&ins, &parts), ["registry.example.com"]);
    // A helper for the same registry covers it; a duplicate key is not "left out".
    let helped = r#"{"auths":{"gcr.io":{}},"credHelpers":{"gcr.io":"gcloud"}}"#;
    let left_out = |text: &str| left_out_keys(&inspect(text), &fixed_parts(&inspect(text)).unwrap());
    assert!(left_out(helped).is_empty());
    let dup = format!(r#"{{"auths":{{"a.io":{{"auth":"{}"}},"https://a.io":{{"auth":"{}"}}}}}}"#, a("u", TOKEN), a("v", TOKEN));
    assert!(left_out(&dup).is_empty());
    // The duplicate is named as shadowed instead: the key sorted first is kept.
    assert_eq!(shadowed_keys(&inspect(&dup)), [("https://a.io".to_string(), "a.io".to_string())]);
    assert!(shadowed_keys(&inspect(helped)).is_empty());
    // Unreadable input: no parts, so nothing to name.
    assert!(fixed_parts(&inspect("{")).is_none());
}

#[test]
fn user_and_token_as_text_are_encoded_by_the_fix() {
    let ins = inspect(r#"{"auths":{"a.io":{"auth":"ci-bot:not-a-real-token"}}}"#);
    assert!(ins.loader_fails);
    assert_eq!(fixed_config(&ins).unwrap(), one("a.io"));
    let setup = to_setup(&ins);
    assert_eq!((setup.entries[0].username.as_str(), setup.entries[0].secret.as_str()), ("ci-bot", TOKEN));
}

#[test]
fn edit_in_generator_loads_everything() {
    let input = format!(
        r#"{{"auths":{{"registry.example.com/team":{{"auth":"{}"}},"docker.io":{{"auth":"{}"}},"tokenonly.example.com":{{"auth":"{}"}}}},"credHelpers":{{"gcr.io":"gcloud"}},"credsStore":"ecr-login"}}"#,
        a("ci-bot", TOKEN),
        a("hub-bot", &format!("{TOKEN}\n")),
        STANDARD.encode(TOKEN)
    );
    let setup = to_setup(&inspect(&input));
    assert_eq!(setup.entries.len(), 4);
    assert_eq!(setup.creds_store, "ecr-login");
    let ns = &setup.entries[0];
    assert!(ns.keep_namespace && ns.registry == "registry.example.com/team" && ns.username == "ci-bot" && ns.secret == TOKEN);
    // Loaded as decoded, so the generator shows the trailing newline.
    assert_eq!(setup.entries[1].secret, format!("{TOKEN}\n"));
    assert!(!setup.entries[1].keep_namespace);
    assert_eq!((setup.entries[2].username.as_str(), setup.entries[2].secret.as_str()), ("", TOKEN));
    assert_eq!((setup.entries[3].kind, setup.entries[3].helper.as_str()), (CredentialKind::Helper, "gcloud"));
    // The generator builds the same value as the fix for a clean config.
    let clean = one("registry.example.com");
    let built = registry_auth::config_builder::build(&to_setup(&inspect(&clean)));
    assert_eq!(built.value, clean);
    assert_eq!(to_setup(&inspect("{")).entries.len(), 0);
}

#[test]
fn duplicates_name_the_key_the_runner_keeps() {
    let input = format!(
        r#"{{"auths":{{"https://registry.example.com/v2/":{{"auth":"{0}"}},"registry.example.com":{{"auth":"{0}"}},"Registry.example.com":{{"auth":"{0}"}}}}}}"#,
        a("ci-bot", TOKEN)
    );
    let ins = inspect(&input);
    let dups: Vec<_> = ins
        .findings
        .iter()
        .filter(|f| f.code.as_str() == "duplicate-registry")
        .map(|f| (f.key.clone().unwrap(), f.subject.clone()))
        .collect();
    // Sorted key order: "Registry…" < "https://…" < "registry…", so the upper-case key wins.
    assert_eq!(
        dups,
        [
            ("https://registry.example.com/v2/".to_string(), "Registry.example.com".to_string()),
            ("registry.example.com".to_string(), "Registry.example.com".to_string())
        ]
    );
    let view = registry_auth::resolver::ConfigView::from(&ins);
    assert_eq!(registry_auth::resolver::resolve_runner("registry.example.com/app", &view).as_deref(), Some("Registry.example.com"));
    // Edit in generator loads the runner's choice first, so the generator's first row wins with
    // the same credential; the other registries keep their pasted place.
    let setup = to_setup(&inspect(&format!(
        r#"{{"auths":{{"quay.io":{{"auth":"{}"}},"https://index.docker.io/v1/":{{"auth":"{}"}},"docker.io":{{"auth":"{}"}},"a.io":{{"auth":"{}"}}}}}}"#,
        a("q", TOKEN),
        a("a", "b"),
        a("c", "d"),
        a("z", TOKEN)
    )));
    let loaded: Vec<_> = setup.entries.iter().map(|e| (e.registry.as_str(), e.username.as_str())).collect();
    assert_eq!(loaded, [("quay.io", "q"), ("docker.io", "c"), ("https://index.docker.io/v1/", "a"), ("a.io", "z")]);
    let built = registry_auth::config_builder::build(&setup);
    let hub = &serde_json::from_str::<serde_json::Value>(&built.value).unwrap()["auths"]["https://index.docker.io/v1/"]["auth"];
    assert_eq!(hub.as_str(), Some(a("c", "d").as_str()));
}

#[test]
fn findings_are_capped() {
    let many: String = (0..2_000).map(|i| format!(r#""index{i}.docker.io/v2":{{}}"#)).collect::<Vec<_>>().join(",");
    let ins = inspect(&format!(r#"{{"auths":{{{many}}}}}"#));
    assert_eq!(ins.findings.len(), MAX_FINDINGS);
    assert_eq!(ins.findings.last().map(|f| f.code), Some(FindingCode::FindingsTruncated));
    assert_eq!(ins.entries.len(), 2_000);
}

#[test]
fn hostile_inputs_never_panic() {
    let megabyte = "a".repeat(1 << 20);
    assert!(codes(&inspect(&megabyte)).contains(&"json-invalid"));
    let quotes = "\"".repeat(1 << 20);
    inspect(&quotes);
    let nested = format!("{}{}", "{\"auths\":".repeat(5_000), "}".repeat(5_000));
    assert!(codes(&inspect(&nested)).contains(&"json-too-deep"));
    let escapes = r#"{"auths":{"\ud800\udbff\udfff\u0000":{"auth":"\u00e9\ud83d"}}}"#;
    inspect(escapes);
    let numbers = r#"{"auths":{"a.io":{"auth":1e999999,"username":-0.0,"password":18446744073709551616}}}"#;
    inspect(numbers);
    for text in ["{\"", "{\"auths\"", "\\", "\"\\u", "{\"a\":\"\\ud800\\u", "\u{0}", "🦀", "{\"auths\":{\"🦀\":{\"auth\":\"8J+mgA==\"}}}"]
    {
        let ins = inspect(text);
        let _ = fixed_config(&ins);
        let _ = to_setup(&ins);
    }
    // Both a raw newline and a lone surrogate: both reported, the rest still read.
    let both = "{\"auths\":{\"a.io\":{\"username\":\"ci-bot\",\"password\":\"x\\ud800\ny\"}}}";
    let found = codes(&inspect(both));
    assert!(found.contains(&"json-raw-newline") && found.contains(&"json-lone-surrogate"), "{found:?}");
}

#[test]
fn generator_encoding_and_inspector_decoding_agree() {
    let auth = encode_auth("ci-bot", TOKEN).unwrap();
    let ins = inspect(&format!(r#"{{"auths":{{"a.io":{{"auth":"{auth}"}}}}}}"#));
    assert_eq!(ins.entries[0].password.as_deref(), Some(TOKEN));
}
