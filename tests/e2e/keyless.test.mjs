// No stored secret where the platform allows one (docs/keyless.md): the route per registry and
// executor, the snippets that need no registry secret, the resolver's sources, and how long
// each credential lives (docs/tokens.md#lifetimes). Fake tokens only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openApp, openView, entry, fillEntry, useApp } from "./support/harness.mjs";

const env = useServerAndBrowser();
const ECR = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
/** An ECR password as `aws ecr get-login-password` prints it, with fake contents. */
const ecrPassword = (expiration) =>
  Buffer.from(JSON.stringify({ payload: "not-a-real-payload", datakey: "not-a-real-datakey", version: "2", type: "DATA_KEY", expiration })).toString("base64");

const shownSnippets = (page) => page.locator('pre[data-testid^="snippet-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));

test("Kubernetes executor with an ECR registry: the kubelet credential provider first, and the resolver's source", async (t) => {
  const { app, page } = await useApp(t, env);
  await entry(page, 1).getByLabel("Registry", { exact: true }).fill(ECR);
  await entry(page, 1).getByLabel("Credentials").selectOption("helper");
  await page.locator("#situation-executor-kubernetes").check();
  await page.waitForFunction(() => document.querySelector('pre[data-testid^="snippet-"]')?.dataset.testid === "snippet-kubelet-credential-provider");
  assert.equal((await shownSnippets(page))[0], "snippet-kubelet-credential-provider");
  const route = page.locator(`[data-testid="keyless-route"][data-registry="${ECR}"]`);
  assert.equal(await route.getAttribute("data-route"), "kubelet-provider");
  const text = await page.getByTestId("snippet-kubelet-credential-provider").textContent();
  assert.match(text, /name: ecr-credential-provider/);
  assert.match(text, new RegExp(`- "${ECR.replaceAll(".", "\\.")}"`));
  assert.ok(!/auths|password/i.test(text.replace(/get-login-password/g, "")), "no stored credential");
  await openView(page, "Check");
  await page.getByLabel("Image", { exact: true }).fill(`${ECR}/team/app:1`);
  await page.waitForFunction(() => document.querySelector('[data-testid="resolved-runner"]')?.dataset.source === "kubelet-provider");
  assert.match(await page.getByTestId("resolution-why").textContent(), /ecr-credential-provider/);
});

test("Docker Autoscaler with ECR on runner 19.4: the manager's own helper, with the allowlist for the value's helper", async () => {
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  await entry(page, 1).getByLabel("Registry", { exact: true }).fill(ECR);
  await entry(page, 1).getByLabel("Credentials").selectOption("helper");
  await page.locator("#situation-executor-docker-autoscaler").check();
  await page.locator("#situation-role-runner-admin").check();
  await page.getByLabel("GitLab Runner version").fill("19.4");
  await page.getByTestId("snippet-manager-helper").waitFor();
  await page.getByTestId("snippet-runner-helper-allowlist").waitFor();
  const shown = await shownSnippets(page);
  assert.equal(shown[0], "snippet-manager-helper", shown.join(" "));
  const helper = await page.getByTestId("snippet-manager-helper").textContent();
  assert.match(helper, new RegExp(`"credHelpers":\\{"${ECR.replaceAll(".", "\\.")}":"ecr-login"\\}`));
  assert.match(helper, /allowed_docker_credential_helpers does not apply/);
  assert.equal(await page.locator(`[data-testid="keyless-route"][data-registry="${ECR}"]`).getAttribute("data-route"), "manager-helper");
  await app.context.close();
});

test("a short-lived token shows when it expires, per entry and for the value; a job token says it lives with its job", async () => {
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  await fillEntry(page, 1, { registry: ECR, username: "AWS", secret: ecrPassword(1700000000) });
  const expiry = entry(page, 1).getByTestId("credential-expiry");
  await expiry.waitFor();
  assert.equal(await expiry.getAttribute("data-expires"), "2023-11-14T22:13:20Z");
  assert.match(await expiry.textContent(), /2023-11-14 22:13:20 UTC/);
  await page.getByRole("button", { name: "Add registry" }).click();
  await fillEntry(page, 2, { registry: "registry.gitlab.com", username: "gitlab-ci-token", secret: "not-a-real-job-token" });
  assert.equal(await entry(page, 2).getByTestId("credential-expiry").getAttribute("data-expires"), "job");
  const value = page.getByTestId("value-expiry");
  await page.waitForFunction(() => document.querySelector('[data-testid="value-expiry"]')?.dataset.expires === "job");
  assert.match(await value.textContent(), /job ends/);
  assert.ok(await entry(page, 2).locator('[data-testid="finding"][data-code="short-lived-in-static-value"]').count());
  // A lasting token shows no line.
  await fillEntry(page, 2, { username: "gitlab+deploy-token-1", secret: "gldt-not-a-real-token-000000" });
  await entry(page, 2).getByTestId("credential-expiry").waitFor({ state: "detached" });
  await page.waitForFunction(() => document.querySelector('[data-testid="value-expiry"]')?.dataset.expires === "2023-11-14T22:13:20Z");
  // The refresh job is offered for the short-lived value.
  assert.ok((await shownSnippets(page)).includes("snippet-refresh-variable-job"));
  // The same in the Check view for a pasted value.
  await openView(page, "Check");
  const auth = Buffer.from(`AWS:${ecrPassword(1700000000)}`).toString("base64");
  await page.getByLabel("Existing config").fill(JSON.stringify({ auths: { [ECR]: { auth } } }));
  await page.locator('[data-testid="inspect-entry"] [data-testid="credential-expiry"][data-expires="2023-11-14T22:13:20Z"]').waitFor();
  await app.context.close();
});

test("in Japanese, the routes and the expiry speak Japanese", async () => {
  const app = await openApp(env.browser, env.server.url, { contextOptions: { locale: "ja-JP" } });
  const { page } = app;
  await page.locator("html[lang=ja]").waitFor({ state: "attached" });
  await page.getByRole("group", { name: "レジストリ 1" }).getByLabel("レジストリ", { exact: true }).fill(ECR);
  await page.getByRole("group", { name: "レジストリ 1" }).getByLabel("ユーザー名", { exact: true }).fill("AWS");
  await page.getByRole("group", { name: "レジストリ 1" }).locator('input[type="password"]').fill(ecrPassword(1700000000));
  const expiry = page.getByTestId("credential-expiry");
  await expiry.waitFor();
  assert.match(await expiry.textContent(), /期限切れ/);
  assert.match(await page.getByTestId("keyless-route").textContent(), /マネージャー/);
  await app.context.close();
});
