// Every instruction follows the situation, set as a user sets it ("Where will this run?"): the
// CI/CD variables table, registration, the job's image, and the rules that hold for some
// GitLab Runner versions only (docs/gitlab-runner.md#rules-by-runner-version).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { useServerAndBrowser, openApp, openView, entry, fillEntry, ROOT, useApp } from "./support/harness.mjs";

const env = useServerAndBrowser();

/** Parses YAML with PyYAML, a real parser, and returns it as JSON. */
function parseYaml(text) {
  const out = execFileSync("python3", ["-c", "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))"], { input: text });
  return JSON.parse(out.toString());
}

/** Parses TOML with the `toml` crate (crates/registry-auth/examples/parse_toml.rs). */
function parseToml(text) {
  const out = execFileSync("cargo", ["run", "-q", "-p", "registry-auth", "--example", "parse_toml"], { cwd: ROOT, input: text });
  return JSON.parse(out.toString());
}

const variableNames = (page) => page.locator('[data-testid="ci-variable"]').evaluateAll((rows) => rows.map((r) => r.dataset.name));

async function choose(page, { executor, role, platform, builders }) {
  if (platform) await page.locator(`#situation-platform-${platform}`).check();
  if (executor) await page.locator(`#situation-executor-${executor}`).check();
  if (role) await page.locator(`#situation-role-${role}`).check();
  for (const [builder, on] of Object.entries(builders ?? {})) await page.locator(`#situation-builder-${builder}`).setChecked(on);
}

test("Docker executor without Docker-in-Docker, two registries: the table holds DOCKER_AUTH_CONFIG only", async (t) => {
  const { app, page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "registry.example.com", username: "robot", secret: "not-a-real-token-1" });
  await page.getByRole("button", { name: "Add registry" }).click();
  await fillEntry(page, 2, { registry: "quay.io", username: "bot", secret: "not-a-real-token-2" });
  await choose(page, { executor: "docker", builders: { dind: false } });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="ci-variable"]').length === 1);
  assert.deepEqual(await variableNames(page), ["DOCKER_AUTH_CONFIG"]);
  const row = page.locator('[data-testid="ci-variable"][data-name="DOCKER_AUTH_CONFIG"]');
  assert.match(await row.textContent(), /Masked and hidden \(cannot be undone\)/);
  assert.match(await page.getByTestId("var-hidden-note").textContent(), /cannot be undone/);
  // With Docker-in-Docker, each docker login's variables come back, one pair per registry.
  await choose(page, { builders: { dind: true } });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="ci-variable"]').length === 5);
  assert.deepEqual((await variableNames(page)).sort(), [
    "DOCKER_AUTH_CONFIG",
    "DOCKER_REGISTRY_PASS_QUAY_IO",
    "DOCKER_REGISTRY_PASS_REGISTRY_EXAMPLE_COM",
    "DOCKER_REGISTRY_USER_QUAY_IO",
    "DOCKER_REGISTRY_USER_REGISTRY_EXAMPLE_COM",
  ]);
});

test("a credential-helper row asks for no username", async () => {
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  await entry(page, 1).getByLabel("Registry", { exact: true }).fill("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
  await entry(page, 1).getByLabel("Credentials").selectOption("helper");
  await choose(page, { builders: { dind: true } });
  await page.locator('[data-testid="ci-variable"][data-name="DOCKER_AUTH_CONFIG"]').waitFor();
  assert.ok((await variableNames(page)).every((n) => !n.startsWith("DOCKER_REGISTRY_")), JSON.stringify(await variableNames(page)));
  await app.context.close();
});

test("runner 19.4 with an ecr-login entry: the finding, the resolver refuses it, and the config.toml allowlist names it", async (t) => {
  const { app, page } = await useApp(t, env);
  const ecr = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
  await entry(page, 1).getByLabel("Registry", { exact: true }).fill(ecr);
  await entry(page, 1).getByLabel("Credentials").selectOption("helper");
  await entry(page, 1).getByLabel("Helper", { exact: true }).selectOption("ecr-login");
  await page.getByLabel("GitLab Runner version").fill("19.4");
  assert.match(await page.getByTestId("runner-version-note").textContent(), /Rules for GitLab Runner 19\.4/);
  const finding = entry(page, 1).locator('[data-testid="finding"][data-code="helper-not-allowed"]');
  await finding.waitFor();
  assert.equal(await finding.getAttribute("data-severity"), "warning");
  assert.match(await finding.textContent(), /GitLab Runner 19\.4 does not run the credential helper “ecr-login”/);
  assert.match(await finding.textContent(), /not confirmed/);

  await choose(page, { role: "runner-admin" });
  const allowlist = page.getByTestId("snippet-runner-helper-allowlist");
  await allowlist.waitFor();
  const text = await allowlist.textContent();
  const parsed = parseToml(text);
  assert.deepEqual(parsed.runners[0].docker.allowed_docker_credential_helpers, { [ecr]: ["ecr-login"] });
  assert.match(text, /NOT CONFIRMED/);
  assert.match(text, /~\/\.docker\/config\.json on the manager/, "the route without an allowlist");

  await openView(page, "Check");
  await page.getByLabel("Image", { exact: true }).fill(`${ecr}/team/app:1`);
  const runner = page.getByTestId("resolved-runner");
  await page.waitForFunction(() => document.querySelector('[data-testid="resolved-runner"]')?.dataset.refused === "helper-not-allowed");
  assert.equal(await runner.textContent(), "");
  // Not run from the value; the route without a stored secret is the manager's own helper.
  assert.equal(await runner.getAttribute("data-source"), "manager-helper");
  assert.equal(await page.getByTestId("resolution-why").getAttribute("data-code"), "helper-not-allowed");
});

test("runner 19.0 and 19.3.1 run the helper: no allowlist finding, the resolver uses the key", async () => {
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  const ecr = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
  await entry(page, 1).getByLabel("Registry", { exact: true }).fill(ecr);
  await entry(page, 1).getByLabel("Credentials").selectOption("helper");
  for (const version of ["19.0", "19.3.1"]) {
    await page.getByLabel("GitLab Runner version").fill(version);
    await page.getByTestId("runner-version-note").filter({ hasText: `Rules for GitLab Runner ${version}` }).waitFor();
    await entry(page, 1).locator('[data-testid="finding"][data-code="helper-needs-install"]').waitFor();
    assert.equal(await entry(page, 1).locator('[data-code="helper-not-allowed"]').count(), 0, version);
  }
  // "19.3" without its patch: the rule depends on it, and the page says so.
  await page.getByLabel("GitLab Runner version").fill("19.3");
  await page.getByTestId("runner-version-note").filter({ hasText: "19.3.2" }).waitFor();
  assert.equal(await entry(page, 1).locator('[data-code="helper-not-allowed"]').getAttribute("data-severity"), "info");
  await page.getByLabel("GitLab Runner version").fill("19.0");
  await openView(page, "Check");
  await page.getByLabel("Image", { exact: true }).fill(`${ecr}/team/app:1`);
  await page.waitForFunction((key) => document.querySelector('[data-testid="resolved-runner"]')?.textContent === key, ecr);
  assert.equal(await page.getByTestId("resolved-runner").getAttribute("data-refused"), null);
  await app.context.close();
});

test("a self-managed GitLab and Docker Autoscaler: registration names both", async () => {
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  await choose(page, { platform: "self-managed", executor: "docker-autoscaler", role: "runner-admin" });
  const register = page.getByTestId("snippet-register-docker");
  await register.waitFor();
  // Before the address is typed: a placeholder, never gitlab.com.
  assert.match(await register.textContent(), /--url "https:\/\/gitlab\.example\.com"/);
  await page.getByLabel("GitLab URL").fill("https://gitlab.acme.example");
  await page.waitForFunction(() => document.querySelector('[data-testid="snippet-register-docker"]').textContent.includes("gitlab.acme.example"));
  const text = await register.textContent();
  assert.match(text, /--url "https:\/\/gitlab\.acme\.example"/);
  assert.match(text, /--executor "docker-autoscaler"/);
  assert.ok(!text.includes("gitlab.com"), text);
  assert.equal(await page.getByLabel("Executor", { exact: true }).count(), 0, "the executor is asked once, in the situation");
  await app.context.close();
});

test("the job-image snippet comes first for a maintainer, parses as YAML and pulls from the user's registry", async () => {
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  await fillEntry(page, 1, { registry: "registry.example.com:5000", username: "robot", secret: "not-a-real-token" });
  const first = page.locator("article.snippet pre.output").first();
  await page.waitForFunction(() => document.querySelector("article.snippet pre.output")?.dataset.testid === "snippet-job-image");
  const doc = parseYaml(await first.textContent());
  assert.equal(doc.build.image, "registry.example.com:5000/my-group/my-project/app:latest");
  assert.equal(doc.build.services, undefined, "no services until some are typed");
  await page.getByLabel("Service images (comma-separated)").fill("registry.example.com:5000/db/postgres:16");
  await page.waitForFunction(() => document.querySelector('[data-testid="snippet-job-image"]').textContent.includes("postgres"));
  assert.deepEqual(parseYaml(await page.getByTestId("snippet-job-image").textContent()).build.services, ["registry.example.com:5000/db/postgres:16"]);
  // The smoke test pulls from the same registry, not a placeholder host.
  await page.getByLabel("Show all snippets").check();
  assert.match(await page.getByTestId("snippet-smoke-test-job").textContent(), /registry\.example\.com:5000\/my-group/);
  assert.match(await page.getByTestId("snippet-registry-check").textContent(), /unset DOCKER_AUTH_CONFIG/);
  await app.context.close();
});

test("a preset's placeholder is not a registry", async () => {
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  await entry(page, 1).getByLabel("Preset").selectOption("ecr-private");
  const finding = entry(page, 1).locator('[data-testid="finding"][data-code="registry-placeholder"]');
  await finding.waitFor();
  assert.equal(await finding.getAttribute("data-severity"), "error");
  assert.equal(await page.getByTestId("docker-auth-config").textContent(), '{"auths":{}}');
  await app.context.close();
});

test("a registry just typed gets no error about the fields not reached yet", async () => {
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  await entry(page, 1).getByLabel("Registry", { exact: true }).fill("registry.example.com");
  const codes = () => entry(page, 1).locator('[data-testid="finding"]').evaluateAll((els) => els.map((e) => e.dataset.code));
  await page.getByTestId("registry-key").filter({ hasText: "registry.example.com" }).waitFor();
  assert.deepEqual(await codes(), [], "no username or password error before the user gets there");
  await entry(page, 1).getByLabel("Username", { exact: true }).focus();
  await entry(page, 1).locator('[data-testid="finding"][data-code="username-empty"]').waitFor();
  assert.ok(!(await codes()).includes("secret-empty"), "the password is not reached yet");
  await entry(page, 1).getByLabel("Password or token", { exact: true }).focus();
  await entry(page, 1).locator('[data-testid="finding"][data-code="secret-empty"]').waitFor();
  await app.context.close();
});

test("a preset chosen for a new registry gets no error about the fields not reached yet", async () => {
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  await entry(page, 1).getByLabel("Preset").selectOption("docker-hub");
  const codes = () => entry(page, 1).locator('[data-testid="finding"]').evaluateAll((els) => els.map((e) => e.dataset.code));
  await entry(page, 1).getByTestId("registry-key").filter({ hasText: "https://index.docker.io/v1/" }).waitFor();
  const shown = await codes();
  assert.ok(!shown.includes("username-empty") && !shown.includes("secret-empty"), shown.join(", "));
  assert.equal(await page.locator('.value-panel .count[data-severity="error"]').getAttribute("data-count"), "0");
  await entry(page, 1).getByLabel("Username", { exact: true }).focus();
  await entry(page, 1).locator('[data-testid="finding"][data-code="username-empty"]').waitFor();
  await app.context.close();
});

test("Clear all ends the Copied state", async () => {
  const app = await openApp(env.browser, env.server.url, { contextOptions: { permissions: ["clipboard-read", "clipboard-write"] } });
  const { page } = app;
  await fillEntry(page, 1, { registry: "registry.example.com", username: "robot", secret: "not-a-real-token" });
  await page.getByRole("button", { name: "Copy DOCKER_AUTH_CONFIG" }).click();
  const copy = page.locator('.value-panel button.copy-button');
  await page.locator('.value-panel button.copy-button[data-copy-state="copied"]').waitFor();
  await page.getByRole("button", { name: "Clear all" }).first().click();
  await page.locator('.value-panel button.copy-button[data-copy-state="idle"]').waitFor();
  assert.equal(await copy.getAttribute("data-copy-state"), "idle");
  await app.context.close();
});

test("a shell executor: the job uses the host's docker CLI with a DOCKER_CONFIG of its own, and the registry check replaces the smoke test", async (t) => {
  const { page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "registry.example.com", username: "robot", secret: "not-a-real-token-1" });
  await choose(page, { executor: "shell", builders: { dind: true } });
  await page.getByTestId("image-sources").getByLabel("Another registry").check();
  const login = page.getByTestId("snippet-docker-login");
  await page.waitForFunction(() => document.querySelector('[data-testid="snippet-docker-login"]')?.textContent.includes("Shell executor"));
  for (const id of ["docker-login", "auth-config-before-script"]) {
    const text = await page.getByTestId(`snippet-${id}`).textContent();
    // YAML a real parser reads; no image or service (a shell executor ignores them), no command on $HOME.
    const doc = JSON.parse(execFileSync("python3", ["-c", "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))"], { input: text }).toString());
    assert.equal(doc.default, undefined, text);
    assert.ok(doc.build.before_script.includes('export DOCKER_CONFIG="$CI_BUILDS_DIR/.docker-$CI_JOB_ID"'), text);
    assert.deepEqual(doc.build.after_script, ['rm -rf "$CI_BUILDS_DIR/.docker-$CI_JOB_ID"'], text);
    assert.ok(!doc.build.before_script.some((line) => line.includes("$HOME")), text);
  }
  assert.ok(await login.isVisible());
  const shown = await page.locator('article.snippet pre[data-testid^="snippet-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
  assert.ok(shown.includes("snippet-registry-check") && !shown.includes("snippet-smoke-test-job"), shown.join());
});
