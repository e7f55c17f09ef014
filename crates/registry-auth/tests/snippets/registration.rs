//! Registration.

use crate::support::*;

/// Runs a POSIX registration snippet with stub `sudo` and `docker` and returns the recorded
/// call and the services the template wrote.
fn run_registration(s: &Snippet, token_variable: &str) -> (StubCall, Option<Vec<String>>) {
    let home = Scratch::new("snippets", &[]);
    let (bin, log) = (home.root().join("bin"), home.root().join("log"));
    fs::create_dir_all(&bin).unwrap();
    fs::create_dir_all(&log).unwrap();
    write_stub(&bin, &log, "sudo");
    write_stub(&bin, &log, "docker");
    let template = home.root().join("template.toml");
    let script = s.text.replace("/tmp/test-config.template.toml", template.to_str().unwrap());
    let env = [(token_variable, "glrt-not-a-real-token"), (PROXY_USER_VARIABLE, PROXY_USER), (PROXY_PASSWORD_VARIABLE, PROXY_PASSWORD)];
    run("bash", &script, home.root(), &env, Some(&bin));
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
        let expected_executor =
            if runner.executor.is_empty() || runner.executor.starts_with("docker") { "docker-windows" } else { runner.executor.as_str() };
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
