//! Table-driven corpus for the image resolver (`docs/gitlab-runner.md#matching`,
//! `docs/docker-cli.md#lookup-key`) and
//! the `.gitlab-ci.yml` image extraction. Credentials are fake.

use registry_auth::inspector::inspect;
use registry_auth::registry_key::runner::{convert_to_registry_path, normalize_image_ref};
use registry_auth::resolver::{
    images_in_ci_yaml, resolve, resolve_all, resolve_all_with, resolve_docker_cli, resolve_docker_cli_env, resolve_runner, resolve_with,
    ConfigView, Explanation, JobCredentials, Via,
};
use strum::IntoEnumIterator;

/// A config whose `auths` has `keys`, each with a fake credential.
fn config(keys: &[&str]) -> ConfigView {
    let entries: Vec<String> = keys.iter().map(|k| format!(r#""{k}":{{"auth":"Y2ktYm90Om5vdC1hLXJlYWwtdG9rZW4="}}"#)).collect();
    ConfigView::from(&inspect(&format!(r#"{{"auths":{{{}}}}}"#, entries.join(","))))
}

const HUB: &str = "https://index.docker.io/v1/";

struct Case {
    image: &'static str,
    keys: &'static [&'static str],
    runner: Option<&'static str>,
    cli: Option<&'static str>,
    why: &'static str,
}

const MAIN: &[&str] = &[HUB, "registry.example.com:5000", "registry.gitlab.com", "registry.gitlab.com/team"];

const CASES: &[Case] = &[
    // Docker Hub short names, tags and digests: both use the hub key.
    Case { image: "alpine", keys: MAIN, runner: Some(HUB), cli: Some(HUB), why: "same-key" },
    Case { image: "alpine:3.20", keys: MAIN, runner: Some(HUB), cli: Some(HUB), why: "same-key" },
    Case { image: "library/alpine", keys: MAIN, runner: Some(HUB), cli: Some(HUB), why: "same-key" },
    Case { image: "docker.io/library/alpine:3.20", keys: MAIN, runner: Some(HUB), cli: Some(HUB), why: "same-key" },
    Case { image: "index.docker.io/library/alpine", keys: MAIN, runner: Some(HUB), cli: Some(HUB), why: "same-key" },
    Case {
        image: "alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000",
        keys: MAIN,
        runner: Some(HUB),
        cli: Some(HUB),
        why: "same-key",
    },
    Case { image: "bitnami/redis:7.2", keys: MAIN, runner: Some(HUB), cli: Some(HUB), why: "same-key" },
    Case { image: "'alpine:3.20'", keys: MAIN, runner: Some(HUB), cli: Some(HUB), why: "same-key" },
    // Ports must match exactly.
    Case {
        image: "registry.example.com:5000/app:1.0",
        keys: MAIN,
        runner: Some("registry.example.com:5000"),
        cli: Some("registry.example.com:5000"),
        why: "same-key",
    },
    Case { image: "registry.example.com/app", keys: MAIN, runner: None, cli: None, why: "port-mismatch" },
    Case { image: "registry.example.com:5001/app", keys: MAIN, runner: None, cli: None, why: "port-mismatch" },
    Case { image: "registry.example.com:443/app", keys: &["registry.example.com"], runner: None, cli: None, why: "port-mismatch" },
    // Upper-case hosts: the runner lower-cases, the CLI compares exactly.
    Case { image: "Registry.Example.com:5000/app", keys: MAIN, runner: Some("registry.example.com:5000"), cli: None, why: "host-case" },
    Case {
        image: "registry.example.com/app",
        keys: &["Registry.Example.com"],
        runner: Some("Registry.Example.com"),
        cli: None,
        why: "host-case",
    },
    // Namespaces: longest prefix for the runner, host for the CLI.
    Case {
        image: "registry.gitlab.com/team/app:latest",
        keys: MAIN,
        runner: Some("registry.gitlab.com/team"),
        cli: Some("registry.gitlab.com"),
        why: "runner-namespace",
    },
    Case {
        image: "registry.gitlab.com/team/app@sha256:abc",
        keys: MAIN,
        runner: Some("registry.gitlab.com/team"),
        cli: Some("registry.gitlab.com"),
        why: "runner-namespace",
    },
    Case {
        image: "registry.gitlab.com/other/app",
        keys: MAIN,
        runner: Some("registry.gitlab.com"),
        cli: Some("registry.gitlab.com"),
        why: "same-key",
    },
    Case {
        image: "registry.local/ns/some/image:1",
        keys: &["registry.local", "registry.local/ns", "registry.local/ns/some/image"],
        runner: Some("registry.local/ns/some/image"),
        cli: Some("registry.local"),
        why: "runner-namespace",
    },
    Case {
        image: "registry.local/foo/image:3",
        keys: &["registry.local", "registry.local/ns"],
        runner: Some("registry.local"),
        cli: Some("registry.local"),
        why: "same-key",
    },
    Case {
        image: "registry.local/ns/x",
        keys: &["registry.local/ns"],
        runner: Some("registry.local/ns"),
        cli: Some("registry.local/ns"),
        why: "same-key",
    },
    Case {
        image: "registry.local/other/x",
        keys: &["registry.local/ns"],
        runner: None,
        cli: Some("registry.local/ns"),
        why: "runner-key-path",
    },
    // Docker Hub keys the CLI or both miss (`docs/failure-modes.md#wrong-docker-hub-key`).
    Case { image: "alpine", keys: &["docker.io"], runner: Some("docker.io"), cli: None, why: "cli-needs-hub-key" },
    Case {
        image: "alpine",
        keys: &["https://index.docker.io/v1"],
        runner: Some("https://index.docker.io/v1"),
        cli: None,
        why: "cli-needs-hub-key",
    },
    Case { image: "alpine", keys: &["index.docker.io"], runner: None, cli: None, why: "hub-alias-never-matches" },
    Case { image: "alpine", keys: &["registry-1.docker.io"], runner: None, cli: None, why: "hub-alias-never-matches" },
    Case { image: "alpine", keys: &["docker.io/library"], runner: None, cli: None, why: "library-namespace" },
    Case { image: "library/alpine", keys: &["docker.io/library"], runner: Some("docker.io/library"), cli: None, why: "cli-needs-hub-key" },
    Case { image: "alpine", keys: &["docker.io", HUB], runner: Some("docker.io"), cli: Some(HUB), why: "runner-duplicate" },
    // Scheme and path in keys (`docs/failure-modes.md#api-path-in-a-key`).
    Case {
        image: "registry.example.com/app",
        keys: &["https://registry.example.com/v2/"],
        runner: Some("https://registry.example.com/v2/"),
        cli: Some("https://registry.example.com/v2/"),
        why: "same-key",
    },
    Case {
        image: "registry.example.com/app",
        keys: &["registry.example.com/v2/"],
        runner: None,
        cli: Some("registry.example.com/v2/"),
        why: "runner-key-path",
    },
    Case {
        image: "registry.example.com/app",
        keys: &["http://registry.example.com"],
        runner: Some("http://registry.example.com"),
        cli: Some("http://registry.example.com"),
        why: "same-key",
    },
    // localhost.
    Case {
        image: "localhost:5000/app",
        keys: &["localhost:5000"],
        runner: Some("localhost:5000"),
        cli: Some("localhost:5000"),
        why: "same-key",
    },
    Case { image: "localhost/app", keys: &["localhost"], runner: Some("localhost"), cli: Some("localhost"), why: "same-key" },
    // Several legacy keys for one host and no exact one: Go's map order decides for the CLI.
    Case {
        image: "registry.local/team-a/app",
        keys: &["registry.local/team-a", "registry.local/team-b"],
        runner: Some("registry.local/team-a"),
        cli: Some("registry.local/team-a"),
        why: "cli-ambiguous",
    },
    Case {
        image: "registry.local/other/app",
        keys: &["https://registry.local/v2/", "registry.local/team-b"],
        runner: Some("https://registry.local/v2/"),
        cli: Some("https://registry.local/v2/"),
        why: "cli-ambiguous",
    },
    // Nothing matches.
    Case { image: "quay.io/org/app", keys: MAIN, runner: None, cli: None, why: "no-match" },
    Case { image: "alpine", keys: &["registry.example.com"], runner: None, cli: None, why: "no-match" },
    // Input problems.
    Case { image: "", keys: MAIN, runner: None, cli: None, why: "image-empty" },
    Case { image: "my image", keys: MAIN, runner: None, cli: None, why: "image-invalid" },
    Case { image: "$CI_REGISTRY_IMAGE/app:latest", keys: MAIN, runner: None, cli: None, why: "image-variable" },
    Case { image: "alpine", keys: &[], runner: None, cli: None, why: "config-empty" },
];

#[test]
fn resolver_corpus() {
    let mut failures = Vec::new();
    for case in CASES {
        let r = resolve(case.image, &config(case.keys));
        let got = (r.runner.as_deref(), r.docker_cli.as_deref(), r.explanation.as_str());
        if got != (case.runner, case.cli, case.why) {
            failures.push(format!("{} with {:?}: got {got:?}, want {:?}", case.image, case.keys, (case.runner, case.cli, case.why)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// One image with the instance's registry known: the key GitLab Runner uses, where its
/// credential comes from (`data-source`), and why (`docs/job-credentials.md#what-the-job-payload-carries`).
struct JobCase {
    image: &'static str,
    keys: &'static [&'static str],
    registry: &'static str,
    runner: Option<&'static str>,
    source: &'static str,
    why: &'static str,
}

const JOB_CASES: &[JobCase] = &[
    // The job token serves the instance's registry, whatever the project.
    JobCase {
        image: "registry.gitlab.com/group/project/app:1",
        keys: &[],
        registry: "registry.gitlab.com",
        runner: None,
        source: "job",
        why: "job-credentials",
    },
    JobCase {
        image: "registry.gitlab.com/g/p",
        keys: &["docker.io"],
        registry: "registry.gitlab.com",
        runner: None,
        source: "job",
        why: "job-credentials",
    },
    JobCase {
        image: "Gitlab.Example.com:5050/g/p:2",
        keys: &[],
        registry: "https://gitlab.example.com:5050/",
        runner: None,
        source: "job",
        why: "job-credentials",
    },
    // The port is part of the path: no job credentials for another port.
    JobCase {
        image: "gitlab.example.com/g/p",
        keys: &[],
        registry: "gitlab.example.com:5050",
        runner: None,
        source: "none",
        why: "config-empty",
    },
    // DOCKER_AUTH_CONFIG comes first: a key for the same host, or a longer one, takes over.
    JobCase {
        image: "registry.gitlab.com/g/p/app",
        keys: &["registry.gitlab.com"],
        registry: "registry.gitlab.com",
        runner: Some("registry.gitlab.com"),
        source: "variable",
        why: "job-shadowed",
    },
    JobCase {
        image: "registry.gitlab.com/g/p/app",
        keys: &["registry.gitlab.com/g"],
        registry: "registry.gitlab.com",
        runner: Some("registry.gitlab.com/g"),
        source: "variable",
        why: "job-shadowed",
    },
    JobCase {
        image: "registry.gitlab.com/other/p/app",
        keys: &["registry.gitlab.com/g"],
        registry: "registry.gitlab.com",
        runner: None,
        source: "job",
        why: "job-credentials",
    },
    // Other registries: the config or nothing.
    JobCase { image: "alpine", keys: &[], registry: "registry.gitlab.com", runner: None, source: "none", why: "config-empty" },
    JobCase {
        image: "registry.example.com/app",
        keys: &["registry.example.com", "docker.io"],
        registry: "registry.gitlab.com",
        runner: Some("registry.example.com"),
        source: "variable",
        why: "same-key",
    },
    // Predefined variables: the registry known, $CI_REGISTRY is expanded.
    JobCase {
        image: "$CI_REGISTRY/g/p/app:1",
        keys: &[],
        registry: "registry.gitlab.com",
        runner: None,
        source: "job",
        why: "job-credentials",
    },
    JobCase {
        image: "${CI_REGISTRY}/g/p/app:1",
        keys: &["registry.gitlab.com"],
        registry: "registry.gitlab.com",
        runner: Some("registry.gitlab.com"),
        source: "variable",
        why: "job-shadowed",
    },
    // $CI_REGISTRY_IMAGE: the project's path is unknown here; decided when no key could be below the host.
    JobCase {
        image: "$CI_REGISTRY_IMAGE/app:latest",
        keys: &["registry.example.com", "https://index.docker.io/v1/"],
        registry: "registry.gitlab.com",
        runner: None,
        source: "job",
        why: "job-credentials",
    },
    JobCase {
        image: "$CI_REGISTRY_IMAGE/app:latest",
        keys: MAIN,
        registry: "registry.gitlab.com",
        runner: None,
        source: "none",
        why: "image-variable",
    },
    JobCase {
        image: "$CI_REGISTRY_IMAGE:latest",
        keys: &["registry.gitlab.com"],
        registry: "registry.gitlab.com",
        runner: Some("registry.gitlab.com"),
        source: "variable",
        why: "job-shadowed",
    },
    JobCase {
        image: "$CI_REGISTRY_IMAGE/app",
        keys: &["registry.gitlab.com/g"],
        registry: "registry.gitlab.com",
        runner: None,
        source: "none",
        why: "image-variable",
    },
    JobCase { image: "$CI_REGISTRY_IMAGE/app", keys: &[], registry: "", runner: None, source: "job", why: "job-credentials" },
    JobCase { image: "$CI_REGISTRY_IMAGE/app", keys: MAIN, registry: "", runner: None, source: "none", why: "image-variable" },
    // The Dependency Proxy: the job's credentials for GitLab's host:443, unless a key could be that.
    JobCase {
        image: "${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/alpine:latest",
        keys: MAIN,
        registry: "",
        runner: None,
        source: "job",
        why: "dependency-proxy",
    },
    JobCase {
        image: "$CI_DEPENDENCY_PROXY_DIRECT_GROUP_IMAGE_PREFIX/node:22",
        keys: &[],
        registry: "registry.gitlab.com",
        runner: None,
        source: "job",
        why: "dependency-proxy",
    },
    JobCase {
        image: "${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/alpine",
        keys: &["gitlab.com:443"],
        registry: "",
        runner: None,
        source: "none",
        why: "image-variable",
    },
    JobCase {
        image: "$OTHER_PREFIX/alpine",
        keys: &[],
        registry: "registry.gitlab.com",
        runner: None,
        source: "none",
        why: "config-empty",
    },
];

#[test]
fn job_credentials_corpus() {
    let mut failures = Vec::new();
    for case in JOB_CASES {
        let r = resolve_with(case.image, &config(case.keys), &JobCredentials::for_registry(case.registry));
        let got = (r.runner.as_deref(), r.runner_source.as_str(), r.explanation.as_str());
        if got != (case.runner, case.source, case.why) {
            failures.push(format!(
                "{} with {:?} and {:?}: got {got:?}, want {:?}",
                case.image,
                case.keys,
                case.registry,
                (case.runner, case.source, case.why)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Without the registry, nothing changes for the corpus above.
    for case in CASES {
        let r = resolve_with(case.image, &config(case.keys), &JobCredentials::default());
        assert_eq!(r, resolve(case.image, &config(case.keys)));
        let expected = if r.runner.is_some() { "variable" } else { "none" };
        assert_eq!(r.runner_source.as_str(), expected, "{}", case.image);
    }
    // A fragment of .gitlab-ci.yml: every image with its source.
    let yaml = "image: $CI_REGISTRY_IMAGE/app:1\nservices:\n  - name: registry.gitlab.com/g/db:16\n  - redis:7\n";
    let all = resolve_all_with(yaml, &config(&[]), &JobCredentials::for_registry("registry.gitlab.com"));
    let sources: Vec<&str> = all.items.iter().map(|r| r.runner_source.as_str()).collect();
    assert_eq!(sources, ["job", "job", "none"]);
}

#[test]
fn explanation_codes_are_all_reachable() {
    let mut reached: Vec<&str> = CASES.iter().map(|c| c.why).collect();
    reached.extend(JOB_CASES.iter().map(|c| c.why));
    reached.push(
        resolve(
            "registry.example.com/app",
            &ConfigView::from(&inspect(r#"{"auths":{"registry.example.com":{}},"credsStore":"ecr-login"}"#)),
        )
        .explanation
        .as_str(),
    );
    // Case for the runner, a path for the CLI: each picks another key.
    let r = resolve("registry.example.com/app", &config(&["Registry.Example.com", "registry.example.com/v2/"]));
    assert_eq!((r.runner.as_deref(), r.docker_cli.as_deref()), (Some("Registry.Example.com"), Some("registry.example.com/v2/")));
    reached.push(r.explanation.as_str());
    reached.push(value_dropped_reached());
    reached.push(helper_not_allowed_reached());
    reached.push(keyless_route_reached());
    for code in Explanation::iter() {
        assert!(reached.contains(&code.as_str()), "{code:?} never reached");
    }
    assert!(CASES.len() >= 35);
}

#[test]
fn the_cli_says_when_map_order_decides() {
    let view = config(&["registry.local/team-b", "registry.local/team-a", "quay.io"]);
    let r = resolve("registry.local/team-b/app:1", &view);
    assert!(r.docker_cli_ambiguous);
    assert_eq!(r.docker_cli_candidates, ["registry.local/team-a", "registry.local/team-b"]);
    assert_eq!(
        (r.runner.as_deref(), r.explanation_subject.as_str()),
        (Some("registry.local/team-b"), "registry.local/team-a, registry.local/team-b")
    );
    // An exact host key ends the ambiguity; one legacy key alone is none.
    let exact = resolve("registry.local/team-b/app", &config(&["registry.local/team-b", "registry.local/team-a", "registry.local"]));
    assert!(!exact.docker_cli_ambiguous && exact.docker_cli_candidates.is_empty());
    assert_eq!(exact.docker_cli.as_deref(), Some("registry.local"));
    let single = resolve_docker_cli("registry.local/x", &config(&["registry.local/team-a"]));
    assert!(!single.ambiguous && single.candidates.is_empty());
}

#[test]
fn the_environment_store_matches_exact_keys_of_a_strict_value_only() {
    let view =
        config(&[HUB, "registry.example.com:5000", "registry.gitlab.com/team", "http://plain.example.com", "https://tls.example.com"]);
    assert!(view.strict_env);
    for (image, env) in [
        ("alpine", Some(HUB)),
        ("registry.example.com:5000/app", Some("registry.example.com:5000")),
        // Namespaced, scheme-prefixed keys never match.
        ("registry.gitlab.com/team/app", None),
        ("plain.example.com/app", None),
        ("tls.example.com/app", None),
        ("quay.io/app", None),
    ] {
        assert_eq!(resolve_docker_cli_env(image, &view).as_deref(), env, "{image}");
        assert_eq!(resolve(image, &view).docker_cli_env.as_deref(), env, "{image}");
    }
    // The config.json answer still reduces the scheme-prefixed key to its host.
    assert_eq!(resolve("plain.example.com/app", &view).docker_cli.as_deref(), Some("http://plain.example.com"));
    // One field the strict parser refuses, and the variable gives nothing at all.
    let with_email = ConfigView::from(&inspect(
        r#"{"auths":{"registry.example.com":{"auth":"Y2ktYm90Om5vdC1hLXJlYWwtdG9rZW4=","email":"ci@example.com"}}}"#,
    ));
    assert!(!with_email.strict_env);
    assert_eq!(resolve("registry.example.com/app", &with_email).docker_cli_env, None);
    assert_eq!(resolve("registry.example.com/app", &with_email).docker_cli.as_deref(), Some("registry.example.com"));
    let v2 = config(&["registry.example.com/v2/"]);
    assert_eq!(resolve("registry.example.com/app", &v2).docker_cli_env, None);
}

#[test]
fn helpers_and_stores_follow_precedence() {
    let ecr = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    let view = ConfigView::from(&inspect(&format!(
        r#"{{"auths":{{"{ecr}":{{"auth":"dTpw"}},"a.io":{{"auth":"dTpw"}}}},"credHelpers":{{"{ecr}":"ecr-login"}}}}"#
    )));
    let r = resolve(&format!("{ecr}/app:1"), &view);
    assert_eq!(
        (r.runner.as_deref(), r.runner_via, r.docker_cli.as_deref(), r.cli_via),
        (Some(ecr), Some(Via::CredHelper), Some(ecr), Some(Via::CredHelper))
    );
    let r = resolve("a.io/app", &view);
    assert_eq!((r.runner_via, r.cli_via), (Some(Via::Auths), Some(Via::Auths)));

    // credsStore: the CLI asks the store and ignores auths; a credHelpers entry still wins.
    let view = ConfigView::from(&inspect(r#"{"auths":{"a.io":{"auth":"dTpw"}},"credHelpers":{"b.io":"gcloud"},"credsStore":"ecr-login"}"#));
    let cli = resolve_docker_cli("a.io/app", &view);
    assert_eq!((cli.key, cli.via), (None, Some(Via::CredsStore)));
    let cli = resolve_docker_cli("b.io/app", &view);
    assert_eq!((cli.key.as_deref(), cli.via), (Some("b.io"), Some(Via::CredHelper)));
    assert_eq!(resolve_runner("a.io/app", &view).as_deref(), Some("a.io"));
    let r = resolve("a.io/app", &view);
    assert_eq!((r.explanation, r.explanation_subject.as_str()), (Explanation::CliCredsStore, "ecr-login"));
}

#[test]
fn paths_follow_the_runner() {
    for (key, path) in [
        ("my.hostname", "my.hostname"),
        ("my.hostname/with/path", "my.hostname/with/path"),
        ("MY.HOSTNAME/With/Path/CASE", "my.hostname/With/Path/CASE"),
        ("my.hostname/with/tag/image:latest", "my.hostname/with/tag/image"),
        ("http://index.docker.io/v1/", "docker.io"),
        ("HTTPS://INDEX.DOCKER.IO/V1/", "docker.io"),
        ("https://registry.domain.tld:5005/v1/", "registry.domain.tld:5005"),
    ] {
        assert_eq!(convert_to_registry_path(key), path, "{key}");
    }
    for (image, path) in [
        ("foo.bar:123/asdf/baz:latest", "foo.bar:123/asdf/baz"),
        ("foo.bar/asdf/baz", "foo.bar/asdf/baz"),
        ("registry.local/ns/image", "registry.local/ns/image"),
        ("FOO.BAR:123/With/Case", "foo.bar:123/With/Case"),
        ("nginx", "docker.io/nginx"),
        ("nginx:1.27", "docker.io/nginx"),
        ("library/nginx", "docker.io/library/nginx"),
        ("samalba/hipache", "docker.io/samalba/hipache"),
        ("docker.io/library/nginx@sha256:abc", "docker.io/library/nginx"),
    ] {
        assert_eq!(normalize_image_ref(image), path, "{image}");
    }
}

#[test]
fn images_from_gitlab_ci_yaml() {
    let yaml = r#"
default:
  image: registry.example.com:5000/base/ci:2   # comment
variables:
  DOCKER_IMAGE: not-an-image
build:
  image:
    name: "gcr.io/kaniko-project/executor:debug"
    entrypoint: [""]
  services:
    - docker:24-dind
    - name: 'postgres:16'
      alias: db
    - alias: cache
      name: redis:7
test:
  image: { name: 'node:22', entrypoint: ["/bin/sh"] }
  services: ["mysql:8", {name: "mariadb:11", alias: maria}]
lint:
  image: &lint_image python:3.12
  services:
  - name: registry.gitlab.com/team/mock:1
other:
  image: *lint_image
  script:
    - echo "image: not-this"
dup:
  image: alpine:3.20
again:
  image: alpine:3.20
"#;
    let found = images_in_ci_yaml(yaml).images;
    let names: Vec<&str> = found.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "registry.example.com:5000/base/ci:2",
            "gcr.io/kaniko-project/executor:debug",
            "docker:24-dind",
            "postgres:16",
            "redis:7",
            "node:22",
            "mysql:8",
            "mariadb:11",
            "python:3.12",
            "registry.gitlab.com/team/mock:1",
            "alpine:3.20",
        ]
    );
    assert!(found.iter().filter(|i| i.service).count() == 6);
    assert_eq!(found[1].line, 8);

    // resolve_all takes a single image or a fragment.
    let view = config(&[HUB, "registry.example.com:5000"]);
    let all = resolve_all("image: alpine\nservices:\n  - registry.example.com:5000/db\n", &view);
    assert_eq!(all.items.iter().map(|r| r.runner.as_deref()).collect::<Vec<_>>(), [Some(HUB), Some("registry.example.com:5000")]);
    assert_eq!(resolve_all("alpine", &view).items.len(), 1);
    assert!(images_in_ci_yaml("").images.is_empty());
    assert!(images_in_ci_yaml("image:\nservices:\n").images.is_empty());
}

#[test]
fn resolver_survives_odd_input() {
    let view = config(MAIN);
    for image in ["/", ":", "@", "a/", "/a", "::::", "a@b@c", "é/ü:ß", "https://registry.example.com/app", "\u{0}", &"a/".repeat(10_000)]
    {
        let _ = resolve(image, &view);
    }
    let _ = images_in_ci_yaml("image: {\nservices: [\n- name:\n  name: ''\nimage: \"\nimage: '''\n");
}

/// A value GitLab Runner discards whole (`docs/gitlab-runner.md#parsing-and-all-or-nothing`)
/// gives no image a key of it, however well the good entry next to the bad one matches; the
/// job's own credentials still apply. A desktop-only store drops it for the runner, while the
/// docker CLI still asks that store.
fn value_dropped_reached() -> &'static str {
    let good = "Y2ktYm90Om5vdC1hLXJlYWwtdG9rZW4="; // ci-bot:not-a-real-token
    for bad in [r#"{"auth":"bm9jb2xvbg=="}"#, r#"{"auth":"not base64!!"}"#, r#"{"auth":":bm90LWEtcmVhbC10b2tlbg=="}"#] {
        let ins = inspect(&format!(r#"{{"auths":{{"registry.example.com":{{"auth":"{good}"}},"other.example.com":{bad}}}}}"#));
        assert!(ins.loader_fails && ins.runner_drops, "{bad}");
        let r = resolve("registry.example.com/team/app:1.0", &ConfigView::from(&ins));
        assert_eq!((r.runner.as_deref(), r.docker_cli.as_deref(), r.docker_cli_env.as_deref()), (None, None, None), "{bad}");
        assert_eq!(r.explanation, Explanation::ValueDropped);
        let job =
            resolve_with("registry.gitlab.com/g/app:1", &ConfigView::from(&ins), &JobCredentials::for_registry("registry.gitlab.com"));
        assert_eq!((job.runner.as_deref(), job.runner_source.as_str()), (None, "job"));
    }
    let desktop = inspect(&format!(r#"{{"auths":{{"registry.example.com:5000":{{"auth":"{good}"}}}},"credsStore":"desktop"}}"#));
    assert!(desktop.runner_drops && !desktop.loader_fails);
    let r = resolve("registry.example.com:5000/app", &ConfigView::from(&desktop));
    assert!(r.runner.is_none() && r.cli_via.is_some(), "{r:?}");
    // A clean value is not dropped.
    let clean = inspect(&format!(r#"{{"auths":{{"registry.example.com":{{"auth":"{good}"}}}}}}"#));
    assert!(!clean.loader_fails && !clean.runner_drops);
    assert_eq!(resolve("registry.example.com/app", &ConfigView::from(&clean)).runner.as_deref(), Some("registry.example.com"));
    Explanation::ValueDropped.as_str()
}

/// A helper the chosen runner version does not run from a job-supplied value: the key is not
/// used (`data-refused`), the job's own credentials still apply to the instance's registry, and
/// on a version before the allowlist the helper is used as before
/// (`docs/gitlab-runner.md#restrict-docker-credential-helpers`).
fn helper_not_allowed_reached() -> &'static str {
    use registry_auth::findings::FindingCode;
    use registry_auth::situation::Situation;
    let ecr = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    let ins = inspect(&format!(r#"{{"credHelpers":{{"{ecr}":"ecr-login","registry.gitlab.com":"gitlab"}}}}"#));
    let on = |version: &str| ConfigView::from(&ins).in_situation(&Situation { runner_version: version.into(), ..Situation::default() });
    let image = format!("{ecr}/team/app:1");
    let refused = resolve(&image, &on("19.4"));
    assert_eq!((refused.runner.as_deref(), refused.refused), (None, Some(FindingCode::HelperNotAllowed)));
    // Refused from the value, the route without a stored secret is left: the manager's helper.
    assert_eq!(refused.runner_source.as_str(), "manager-helper");
    assert!(refused.explanation_subject.contains("ecr-login"));
    for version in ["19.0.2", "19.3.1"] {
        let used = resolve(&image, &on(version));
        assert_eq!((used.runner.as_deref(), used.refused), (Some(ecr), None), "{version}");
    }
    let job = resolve_with("registry.gitlab.com/g/p/app:1", &on(""), &JobCredentials::for_registry("registry.gitlab.com"));
    assert_eq!((job.runner.as_deref(), job.runner_source.as_str(), job.refused), (None, "job", Some(FindingCode::HelperNotAllowed)));
    Explanation::HelperNotAllowed.as_str()
}

/// The value GitLab Runner drops (a desktop store) whose key also misses the image's port: the
/// resolver names the port before Fix, and Fix, given the image, writes a key it matches
/// (`docs/failure-modes.md#port-mismatch`).
#[test]
fn fix_agrees_with_the_resolver_on_ports() {
    use registry_auth::inspector::{fixed_parts, keys_for_images};
    let good = "Y2ktYm90Om5vdC1hLXJlYWwtdG9rZW4="; // ci-bot:not-a-real-token
    let pasted = format!(r#"{{"auths":{{"https://registry.example.com/v2/":{{"auth":"{good}"}}}},"credsStore":"desktop"}}"#);
    let image = "registry.example.com:443/team/app:1.2";
    let ins = inspect(&pasted);
    let before = resolve(image, &ConfigView::from(&ins));
    assert_eq!(before.explanation, Explanation::ValueDropped);
    assert_eq!(before.also, Some((Explanation::PortMismatch, "https://registry.example.com/v2/".to_owned())));
    let mut parts = fixed_parts(&ins).unwrap();
    let added = keys_for_images(&mut parts, &[image]);
    assert_eq!(added, [("registry.example.com:443".to_owned(), image.to_owned())]);
    let fixed = inspect(&parts.to_json());
    let after = resolve(image, &ConfigView::from(&fixed));
    assert_eq!(after.runner.as_deref(), Some("registry.example.com:443"));
    assert_eq!(after.docker_cli.as_deref(), Some("registry.example.com:443"));
    // An image the key already serves adds nothing; an unrelated host neither.
    let mut parts = fixed_parts(&ins).unwrap();
    assert!(keys_for_images(&mut parts, &["registry.example.com/team/app", "quay.io/x/y"]).is_empty());
    // Not dropped and matching: no second cause.
    let clean = inspect(&format!(r#"{{"auths":{{"registry.example.com":{{"auth":"{good}"}}}},"credsStore":"desktop"}}"#));
    assert_eq!(resolve("registry.example.com/app", &ConfigView::from(&clean)).also, None);
}

/// No key serves a cloud registry's image: the resolver names the route without a stored secret
/// for the executor, as `data-source` (`docs/keyless.md#routes`); the value's own key still comes
/// first, and an unknown registry stays `none`.
fn keyless_route_reached() -> &'static str {
    use registry_auth::situation::{Executor, Situation};
    let ecr = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    let empty = inspect(r#"{"auths":{}}"#);
    let on = |executor: Executor| ConfigView::from(&empty).in_situation(&Situation { executor, ..Situation::default() });
    let image = format!("{ecr}/team/app:1");
    let k8s = resolve(&image, &on(Executor::Kubernetes));
    assert_eq!((k8s.runner.as_deref(), k8s.runner_source.as_str()), (None, "kubelet-provider"));
    assert_eq!(k8s.also, Some((Explanation::KeylessRoute, "ecr-credential-provider".to_owned())));
    let autoscaler = resolve(&image, &on(Executor::DockerAutoscaler));
    assert_eq!(autoscaler.runner_source.as_str(), "manager-helper");
    assert_eq!(resolve("quay.io/team/app", &on(Executor::Kubernetes)).runner_source.as_str(), "none");
    let keyed = inspect(&format!(r#"{{"auths":{{"{ecr}":{{"auth":"Y2ktYm90Om5vdC1hLXJlYWwtdG9rZW4="}}}}}}"#));
    let r = resolve(&image, &ConfigView::from(&keyed).in_situation(&Situation { executor: Executor::Kubernetes, ..Situation::default() }));
    assert_eq!((r.runner.as_deref(), r.runner_source.as_str()), (Some(ecr), "variable"));
    Explanation::KeylessRoute.as_str()
}
