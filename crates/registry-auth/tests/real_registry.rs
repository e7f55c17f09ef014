//! The generated `DOCKER_AUTH_CONFIG` logs in to a real registry.
//!
//! Two throw-away registries (Debian's `docker-registry`, the CNCF distribution server, with
//! htpasswd/bcrypt auth) run on 127.0.0.1 via `tests/support/registry.sh`. `build()` writes one
//! value for both, and `skopeo inspect --authfile` (containers/image, the auth-file reader of
//! podman, buildah and skopeo) must get the manifest with it, and must get a 401 without it.
//!
//! Needs `docker-registry`, `skopeo` and `htpasswd` (scripts/install-tools.sh); the test fails,
//! never skips, when one is missing. Every password below is a fixture, not a secret.

#[path = "support/real.rs"]
mod real;
#[path = "support/scratch.rs"]
mod scratch;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;
use std::{env, fs, thread};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use registry_auth::config_builder::{build, Generated};
use registry_auth::findings::Severity;
use registry_auth::setup::{OutputOptions, RegistryEntry, Setup};
use registry_auth::snippets::{snippet_for, SnippetId, SnippetOptions, VALUE_FILE};
use serde_json::Value;

use real::{require_tools, Registry, Scratch, Skopeo, IMAGE};

/// Everything at once: `:` `$` both quotes, spaces and non-ASCII.
const MIXED_USER: &str = "ci-bot";
const MIXED_PASSWORD: &str = r#"not-a-real:pa$$ "word" 'q' pässwörd-ü-日本"#;

/// One awkward feature each, as separate users of the first registry.
const SINGLE_CASES: [(&str, &str); 6] = [
    ("colon-user", "not:a:real:password"),
    ("dollar-user", "not-real-$HOME-$$-${CI_JOB_TOKEN}-$"),
    ("single-quote-user", "not-real-'single'-quotes'"),
    ("double-quote-user", r#"not-real-"double"-quotes\""#),
    ("space-user", "not a real  pass word"),
    ("unicode-user", "pässwörd-ü-日本"),
];

const TOKEN_USER: &str = "token-bot";

/// A 1,000-byte token that reads as a fixture and shows where a byte went missing.
fn long_token() -> String {
    let mut token = String::new();
    let mut i = 0;
    while token.len() < 1000 {
        token.push_str(&format!("not-a-real-token-{i:03}."));
        i += 1;
    }
    token.truncate(1000);
    token
}

#[test]
fn generated_config_logs_in_to_real_registries() {
    require_tools();
    let scratch = Scratch::new("real", &[]);
    let token = long_token();
    assert_eq!(token.len(), 1000);

    let mut users_a = vec![(MIXED_USER, MIXED_PASSWORD)];
    users_a.extend(SINGLE_CASES);
    let users_b = [(TOKEN_USER, token.as_str())];
    let (a, b) = thread::scope(|s| {
        let a = s.spawn(|| Registry::start(&scratch.path("registry-a"), &users_a));
        let b = s.spawn(|| Registry::start(&scratch.path("registry-b"), &users_b));
        (a.join().expect("starting registry A"), b.join().expect("starting registry B"))
    });
    let skopeo = Skopeo::new(&scratch);

    // One value, both registries; B typed as a URL to go through the key normalisation.
    let both = setup(vec![
        RegistryEntry::basic(&a.host(), MIXED_USER, MIXED_PASSWORD),
        RegistryEntry::basic(&format!("http://{}/v2/", b.host()), TOKEN_USER, &token),
    ]);
    let generated = generate(&both);
    assert_eq!(keys(&generated), BTreeSet::from([a.host(), b.host()]), "one key per registry, host:port");
    let file = scratch.write("both.json", &generated.value);
    skopeo.assert_pulls(&file, &a);
    skopeo.assert_pulls(&file, &b);

    // The same entries, pretty-printed and with the kubectl-style plain fields.
    let mut pretty = both.clone();
    pretty.options = OutputOptions { pretty: true, include_plain_fields: true };
    let file = scratch.write("pretty.json", &generate(&pretty).value);
    skopeo.assert_pulls(&file, &a);
    skopeo.assert_pulls(&file, &b);

    // Each awkward character on its own.
    for (i, (user, password)) in SINGLE_CASES.iter().enumerate() {
        let generated = generate(&setup(vec![RegistryEntry::basic(&a.host(), user, password)]));
        let file = scratch.write(&format!("single-{i}.json"), &generated.value);
        skopeo.assert_pulls(&file, &a);
    }

    // Wrong credentials: a changed password, a changed token (inside bcrypt's first 72 bytes),
    // a right password under the wrong user.
    let wrong_token = format!("X{}", &token[1..]);
    let wrong = setup(vec![
        RegistryEntry::basic(&a.host(), MIXED_USER, &MIXED_PASSWORD.replace('ü', "u")),
        RegistryEntry::basic(&b.host(), TOKEN_USER, &wrong_token),
    ]);
    let file = scratch.write("wrong.json", &generate(&wrong).value);
    skopeo.assert_unauthorized(&file, &a, "changed password");
    skopeo.assert_unauthorized(&file, &b, "changed token");
    let swapped = setup(vec![RegistryEntry::basic(&a.host(), SINGLE_CASES[0].0, MIXED_PASSWORD)]);
    let file = scratch.write("swapped.json", &generate(&swapped).value);
    skopeo.assert_unauthorized(&file, &a, "another user's password");

    // The port is part of the key: right credentials under `127.0.0.1` are not used.
    let no_port = setup(vec![RegistryEntry::basic("127.0.0.1", MIXED_USER, MIXED_PASSWORD)]);
    let file = scratch.write("no-port.json", &generate(&no_port).value);
    skopeo.assert_unauthorized(&file, &a, "key without the port");

    drop((a, b));
}

/// bcrypt (the registry's htpasswd) compares only the first 72 bytes, so the registry cannot
/// tell whether the token's last 928 bytes arrived. This records the `Authorization` header
/// skopeo sends, read from the generated file, and checks it carries all 1,000 bytes.
#[test]
fn skopeo_sends_the_whole_1000_byte_token() {
    require_tools();
    let scratch = Scratch::new("header", &[]);
    let token = long_token();
    let (port, headers) = recording_registry();
    let host = format!("127.0.0.1:{port}");

    let generated = generate(&setup(vec![RegistryEntry::basic(&host, TOKEN_USER, &token)]));
    let auth = generated.entries[0].auth.clone().expect("an auth string");
    let file = scratch.write("token.json", &generated.value);
    let output = Skopeo::new(&scratch).inspect(&file, &host);
    assert!(!output.status.success(), "the recording registry answers 401 to everything");

    let sent: Vec<String> = headers.try_iter().collect();
    let basic: Vec<&String> = sent.iter().filter(|h| h.starts_with("Basic ")).collect();
    assert!(!basic.is_empty(), "skopeo sent no Basic credentials; headers seen: {sent:?}");
    for header in basic {
        assert_eq!(header, &format!("Basic {auth}"), "skopeo sent another auth string than the file holds");
        let decoded = STANDARD.decode(&header["Basic ".len()..]).expect("standard base64");
        let decoded = String::from_utf8(decoded).expect("UTF-8");
        assert_eq!(decoded.len(), TOKEN_USER.len() + 1 + 1000);
        assert_eq!(decoded, format!("{TOKEN_USER}:{token}"), "the token arrived changed");
    }
}

/// The `registry-check` snippet as a user runs it, against the real registry: its skopeo line
/// must succeed with the app's value and fail with a wrong password. The real skopeo runs
/// through a wrapper that only adds `--tls-verify=false` (the test registry speaks plain HTTP;
/// Debian's skopeo 1.9 ignores CONTAINERS_REGISTRIES_CONF). crane, regctl and docker are stubs
/// that check the `config.json` they are pointed at holds the value and that `DOCKER_AUTH_CONFIG`,
/// set in the shell as a job would have it, was unset before them.
#[test]
fn registry_check_snippet_passes_with_the_value_and_fails_with_a_wrong_password() {
    require_tools();
    let scratch = Scratch::new("check", &[]);
    let registry = Registry::start(&scratch.path("registry"), &[(MIXED_USER, MIXED_PASSWORD)]);
    let home = scratch.path("home");
    let bin = scratch.path("bin");
    fs::create_dir_all(&home).expect("HOME");
    fs::create_dir_all(&bin).expect("bin");
    let real_skopeo = Command::new("sh").arg("-c").arg("command -v skopeo").output().expect("command -v");
    let real_skopeo = String::from_utf8_lossy(&real_skopeo.stdout).trim().to_owned();
    let wrapper = bin.join("skopeo");
    fs::write(&wrapper, format!("#!/bin/sh\nsub=\"$1\"; shift\nexec {real_skopeo} \"$sub\" --tls-verify=false \"$@\"\n")).expect("wrapper");
    Command::new("chmod").arg("+x").arg(&wrapper).status().expect("chmod");
    // Each stub finds config.json in the directory it is given and compares it with the file.
    for (name, dir) in [("crane", "$DOCKER_CONFIG"), ("regctl", "$DOCKER_CONFIG"), ("docker", "$2")] {
        let stub = bin.join(name);
        fs::write(
            &stub,
            format!(
                "#!/bin/sh\n[ -z \"${{DOCKER_AUTH_CONFIG+set}}\" ] || {{ echo \"{name}: DOCKER_AUTH_CONFIG is still set\" >&2; exit 1; }}\n\
                 cmp -s \"{dir}/config.json\" \"$AUTHFILE_FOR_STUBS\" || {{ echo \"{name}: not the value\" >&2; exit 1; }}\n"
            ),
        )
        .expect("stub");
        Command::new("chmod").arg("+x").arg(&stub).status().expect("chmod");
    }
    let options = SnippetOptions { test_image: format!("{}/{IMAGE}", registry.host()), ..SnippetOptions::default() };
    let run = |password: &str, name: &str| {
        let dir = scratch.path(name);
        fs::create_dir_all(&dir).expect("work dir");
        let generated = generate(&setup(vec![RegistryEntry::basic(&registry.host(), MIXED_USER, password)]));
        let value_file = dir.join(VALUE_FILE);
        fs::write(&value_file, &generated.value).expect("value file");
        let text = snippet_for(SnippetId::RegistryCheck, &Setup::default(), &generated, &options).text;
        let path = format!("{}:{}", bin.display(), env::var("PATH").unwrap_or_default());
        Command::new("bash")
            .arg("-e")
            .arg("-c")
            .arg(&text)
            .current_dir(&dir)
            .env("PATH", path)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_RUNTIME_DIR", &home)
            .env("AUTHFILE_FOR_STUBS", &value_file)
            // A job's variable left in the shell: docker CLI 28.3+ and regctl would read it first.
            .env("DOCKER_AUTH_CONFIG", r#"{"auths":{}}"#)
            .env_remove("REGISTRY_AUTH_FILE")
            .env_remove("DOCKER_CONFIG")
            .output()
            .expect("running the snippet")
    };
    let right = run(MIXED_PASSWORD, "right");
    let stderr = String::from_utf8_lossy(&right.stderr);
    assert!(right.status.success(), "registry-check with the app's value failed:\n{stderr}");
    let inspected: Value = serde_json::from_slice(&right.stdout).expect("skopeo prints JSON first");
    assert_eq!(inspected["Name"], format!("{}/proof/image", registry.host()));
    let wrong = run("not-the-right-password", "wrong");
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(!wrong.status.success(), "registry-check with a wrong password succeeded");
    assert!(stderr.contains("unauthorized: authentication required"), "expected the registry's 401, got:\n{stderr}");
}

// ---------------------------------------------------------------------------------------------

fn setup(entries: Vec<RegistryEntry>) -> Setup {
    Setup { entries, ..Setup::default() }
}

/// `build()`, insisting that it wrote every entry and found no error.
fn generate(setup: &Setup) -> Generated {
    let generated = build(setup);
    let errors: Vec<_> = generated.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.code).collect();
    assert!(errors.is_empty(), "build() reported errors {errors:?}");
    assert!(generated.entries.iter().all(|e| e.written), "build() left an entry out");
    generated
}

fn keys(generated: &Generated) -> BTreeSet<String> {
    let value: Value = serde_json::from_str(&generated.value).expect("the value is JSON");
    value["auths"].as_object().expect("an auths object").keys().cloned().collect()
}

/// A fake registry on 127.0.0.1 that answers every request with a Basic 401 and reports each
/// `Authorization` header it receives.
fn recording_registry() -> (u16, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binding 127.0.0.1:0");
    let port = listener.local_addr().expect("local address").port();
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut request = Vec::new();
            let mut chunk = [0u8; 4096];
            while let Ok(n @ 1..) = stream.read(&mut chunk) {
                request.extend_from_slice(&chunk[..n]);
                if request.first() == Some(&0x16) || request.windows(4).any(|w| w == b"\r\n\r\n") {
                    break;
                }
            }
            if request.first() == Some(&0x16) {
                // A TLS ClientHello: closing makes skopeo (--tls-verify=false) fall back to HTTP.
                continue;
            }
            for line in String::from_utf8_lossy(&request).lines() {
                if let Some((name, value)) = line.split_once(':') {
                    if name.eq_ignore_ascii_case("authorization") {
                        let _ = sender.send(value.trim().to_owned());
                    }
                }
            }
            let body = r#"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"#;
            let _ = write!(
                stream,
                "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"recording\"\r\n\
                 Docker-Distribution-API-Version: registry/2.0\r\nContent-Type: application/json\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (port, receiver)
}
