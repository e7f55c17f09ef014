//! Execution: the written file is the value, byte for byte.

use crate::support::*;

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
                let home = Scratch::new("snippets", &[]);
                let value = auth_config_env(variable_type, &generated.value, home.root());
                run(shell, &before, home.root(), &[("DOCKER_AUTH_CONFIG", &value)], None);
                let written = fs::read(home.root().join(".docker/config.json")).expect("config.json written");
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
                let home = Scratch::new("snippets", &[]);
                let value = auth_config_env(variable_type, &generated.value, home.root());
                run(shell, &script, home.root(), &[("DOCKER_AUTH_CONFIG", &value)], None);
                let written = fs::read(home.root().join(".docker/config.json")).expect("config.json written");
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
            let home = Scratch::new("snippets", &[]);
            let kaniko = home.root().join("kaniko");
            fs::create_dir_all(&kaniko).unwrap();
            // The test's stand-in for /kaniko, with an executor that only checks it ran.
            fs::write(kaniko.join("executor"), "#!/bin/sh\ntouch \"$(dirname \"$0\")/executor-ran\"\n").unwrap();
            assert!(Command::new("chmod").arg("+x").arg(kaniko.join("executor")).status().unwrap().success());
            let script = script_lines(&doc["build"], "script").join("\n").replace("/kaniko/", &format!("{}/kaniko/", home.str()));
            let value = auth_config_env(variable_type, &generated.value, home.root());
            for shell in shells() {
                run(
                    shell,
                    &script,
                    home.root(),
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
            let home = Scratch::new("snippets", &[]);
            let (bin, log) = (home.root().join("bin"), home.root().join("log"));
            fs::create_dir_all(&bin).unwrap();
            fs::create_dir_all(&log).unwrap();
            write_stub(&bin, &log, "buildah");
            let value = auth_config_env(variable_type, &generated.value, home.root());
            let env = [
                ("DOCKER_AUTH_CONFIG", value.as_str()),
                ("CI_REGISTRY", "registry.example.com"),
                ("CI_REGISTRY_USER", "gitlab-ci-token"),
                ("CI_REGISTRY_PASSWORD", "not-a-real-job-token"),
            ];
            run("bash", &before, home.root(), &env, Some(&bin));
            assert_eq!(fs::read(home.root().join("auth.json")).expect("auth.json"), generated.value.as_bytes(), "{name} {variable_type:?}");
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
        let home = Scratch::new("snippets", &[]);
        let (bin, log) = (home.root().join("bin"), home.root().join("log"));
        fs::create_dir_all(&bin).unwrap();
        fs::create_dir_all(&log).unwrap();
        write_stub(&bin, &log, "buildah");
        let env = [
            ("DOCKER_AUTH_CONFIG", generated.value.as_str()),
            ("CI_REGISTRY", "registry.example.com"),
            ("CI_REGISTRY_USER", "gitlab-ci-token"),
            ("CI_REGISTRY_PASSWORD", "not-a-real-job-token"),
        ];
        run(shell, &before, home.root(), &env, Some(&bin));
        assert_eq!(fs::read(home.root().join("auth.json")).expect("auth.json"), generated.value.as_bytes(), "{shell}");
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
            let home = Scratch::new("snippets", &[]);
            let kaniko = home.root().join("kaniko");
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
                run(shell, &script, home.root(), &env, None);
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
            let home = Scratch::new("snippets", &[]);
            let (bin, log) = (home.root().join("bin"), home.root().join("log"));
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
            run("bash", &before, home.root(), &env_refs, Some(&bin));
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
    let home = Scratch::new("snippets", &[]);
    let out = run("bash", gnu, home.root(), &[], None);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), encode_auth("REGISTRY_USERNAME", "REGISTRY_PASSWORD").unwrap());
    for secret in TRICKY_SECRETS {
        for shell in shells() {
            let out = run(shell, portable, home.root(), &[("REGISTRY_USER", "fake-user"), ("REGISTRY_TOKEN", secret)], None);
            assert_eq!(String::from_utf8(out.stdout).unwrap(), encode_auth("fake-user", secret).unwrap(), "{secret:?} {shell}");
        }
    }
}
