// Issue 15 on the release build: where the images come from is asked before any credential and
// says when no token may be needed; the resolver's data-source with the GitLab registry; the new
// snippets equal the native core's output with changed inputs; the pull-policy note; Japanese.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openApp, openView, fillEntry, coreOutputs, showAllSnippets, useApp } from "./support/harness.mjs";

const NEW_IDS = [
  "job-token-allowlist", "dependency-proxy", "glab-variable", "api-variable", "terraform-variable", "ci-secrets",
  "smoke-test-job", "registry-check", "helm-values", "external-secret",
];

const env = useServerAndBrowser();

test("the image sources come before any credential, and say when no token may be needed", async (t) => {
  const { app, page } = await useApp(t, env);
  const sources = page.getByTestId("image-sources");
  const outlook = page.getByTestId("token-outlook");
  assert.equal(await outlook.getAttribute("data-outlook"), "unanswered");
  // Before the first credential field, in document order.
  const before = await sources.evaluate((el) => {
    const password = document.querySelector('input[type="password"]');
    return Boolean(el.compareDocumentPosition(password) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(before, "the question precedes the password field");
  await page.getByLabel("This GitLab's container registry").check();
  await page.getByLabel("Docker Hub", { exact: true }).check();
  assert.equal(await outlook.getAttribute("data-outlook"), "may-need-none");
  assert.match(await outlook.textContent(), /You may need no token at all/);
  // The no-secret paths are recommended without "Show all snippets", first, with the smoke test.
  const shown = await page.locator('pre[data-testid^="snippet-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
  assert.deepEqual(shown.slice(0, 2), ["snippet-job-token-allowlist", "snippet-dependency-proxy"]);
  assert.ok(shown.includes("snippet-smoke-test-job") && !shown.includes("snippet-glab-variable"), shown.join(" "));
  await page.getByLabel("Another registry").check();
  assert.equal(await outlook.getAttribute("data-outlook"), "needs-variable");
  await page.getByTestId("snippet-glab-variable").waitFor();
  const vars = page.locator('[data-testid="snippet-ci-variables"][data-snippet="glab-variable"]');
  assert.equal(await vars.getAttribute("data-variables"), "DOCKER_AUTH_CONFIG");
  const none = page.locator('[data-testid="snippet-ci-variables"][data-snippet="job-token-allowlist"]');
  assert.equal(await none.getAttribute("data-variables"), "");
  // Runner admins get the pull-policy note.
  assert.equal(await page.getByTestId("pull-policy-note").count(), 0);
  await page.getByLabel("Runner too: config.toml, host, registration").check();
  assert.match(await page.getByTestId("pull-policy-note").textContent(), /if-not-present/);
});

test("the resolver says where GitLab Runner's credential comes from", async (t) => {
  const { app, page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "registry.example.com", username: "ci-bot", secret: "not-a-real-token" });
  await openView(page, "Check");
  const image = page.getByLabel("Image", { exact: true });
  const registry = page.getByLabel("GitLab registry", { exact: true });
  assert.equal(await registry.inputValue(), "", "empty by default");
  await image.fill("image: registry.gitlab.com/g/p/app:1\nservices:\n  - registry.example.com/db:1\n  - alpine:3\n");
  const runner = page.getByTestId("resolved-runner");
  await runner.first().waitFor({ state: "attached" });
  assert.deepEqual(await runner.evaluateAll((els) => els.map((e) => e.dataset.source)), ["none", "variable", "none"]);
  await registry.fill("registry.gitlab.com");
  await page.waitForFunction(() => document.querySelector('[data-testid="resolved-runner"]')?.dataset.source === "job");
  assert.deepEqual(await runner.evaluateAll((els) => els.map((e) => e.dataset.source)), ["job", "variable", "none"]);
  assert.deepEqual(await runner.evaluateAll((els) => els.map((e) => e.textContent)), ["", "registry.example.com", ""]);
  assert.equal(await page.getByTestId("resolution-why").first().getAttribute("data-code"), "job-credentials");
  // The GitLab registry is no secret, and nothing typed here leaves the page.
  assert.ok(!page.url().includes("registry.gitlab.com"));
});

test("the new snippets equal the core's output with their inputs changed", async () => {
  const entries = [{ registry: "registry.example.com:5050", username: "ci-bot", secret: 'not-a-real "token" $x' }];
  const options = {
    "variable-level": "group",
    "gitlab-path": "my-group/sub group",
    "environment-scope": "review/*",
    "secrets-provider": "azure-key-vault",
    "test-image": "registry.example.com:5050/team/app:2",
    "helm-credentials": "environment",
    "variable-type": "variable",
  };
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  await fillEntry(page, 1, entries[0]);
  await showAllSnippets(page);
  const defaults = coreOutputs({ entries });
  for (const id of NEW_IDS) {
    assert.equal(await page.getByTestId(`snippet-${id}`).textContent(), defaults.snippets[id], `default ${id}`);
  }
  await page.getByLabel("Create the variable in", { exact: true }).selectOption("group");
  await page.getByLabel("Project or group path", { exact: true }).fill(options["gitlab-path"]);
  await page.getByLabel("Environment scope", { exact: true }).fill(options["environment-scope"]);
  await page.getByLabel("Secret manager", { exact: true }).selectOption("azure-key-vault");
  await page.getByLabel("Private image to test", { exact: true }).fill(options["test-image"]);
  await page.getByLabel("Runner credentials from", { exact: true }).selectOption("environment");
  await page.getByLabel("DOCKER_AUTH_CONFIG type").selectOption("variable");
  const changed = coreOutputs({ entries, options });
  for (const id of NEW_IDS) {
    assert.equal(await page.getByTestId(`snippet-${id}`).textContent(), changed.snippets[id], `changed ${id}`);
  }
  assert.match(changed.snippets["glab-variable"], /--group 'my-group\/sub group'/);
  assert.deepEqual(await app.assertClean(), []);
  await app.context.close();
});

test("Japanese: the question and the snippets' texts", async (t) => {
  const { app, page } = await useApp(t, env);
  await page.getByLabel("Language").selectOption("ja");
  await page.getByLabel("この GitLab のコンテナレジストリ").check();
  await page.getByLabel("Docker Hub", { exact: true }).check();
  assert.match(await page.getByTestId("token-outlook").textContent(), /トークンはまったく不要かもしれません/);
  const article = page.locator("article.snippet", { has: page.getByTestId("snippet-job-token-allowlist") });
  assert.match(await article.locator("h4").textContent(), /ジョブトークン/);
});
