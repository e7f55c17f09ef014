// Share and restore a setup: the link and the file carry no secret and restore everything else.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useServerAndBrowser, openApp, entry, fillEntry, configValue } from "./support/harness.mjs";

const env = useServerAndBrowser();

const SECRET = "not-a-real-share-token";

async function fillSetup(page) {
  await fillEntry(page, 1, { registry: "registry.gitlab.com", username: "gitlab+deploy-token-3", secret: SECRET });
  await entry(page, 1).getByLabel("GitLab token kind").selectOption("personal-access-token");
  await page.getByRole("button", { name: "Add registry" }).click();
  await entry(page, 2).getByLabel("Registry", { exact: true }).fill("public.ecr.aws");
  await entry(page, 2).getByLabel("Credentials").selectOption("helper");
  await page.getByLabel("Pretty-print").check();
  await page.getByLabel("Show all snippets").check();
  await page.getByLabel("Docker version").selectOption("28.5.2");
}

async function assertRestored(page) {
  assert.equal(await entry(page, 1).getByLabel("Registry", { exact: true }).inputValue(), "registry.gitlab.com");
  assert.equal(await entry(page, 1).getByLabel("Password or token", { exact: true }).inputValue(), "");
  assert.equal(await entry(page, 1).getByLabel("Username", { exact: true }).inputValue(), "");
  assert.equal(await entry(page, 1).getByLabel("GitLab token kind").inputValue(), "personal-access-token");
  assert.equal(await entry(page, 2).getByLabel("Credentials").inputValue(), "helper");
  assert.ok(await page.getByLabel("Pretty-print").isChecked());
  assert.equal(await page.getByLabel("Docker version").inputValue(), "28.5.2");
  assert.deepEqual(JSON.parse(await configValue(page)).credHelpers, { "public.ecr.aws": "ecr-login" });
}

test("a share link restores the setup and holds no secret or username", async () => {
  const app = await openApp(env.browser, env.server.url);
  await fillSetup(app.page);
  const link = await app.page.getByTestId("share-link").textContent();
  assert.ok(link.startsWith(`${env.server.url}#setup=`), link);
  const decoded = Buffer.from(link.split("#setup=")[1], "base64url").toString();
  assert.ok(!decoded.includes(SECRET) && !decoded.includes("deploy-token-3"), decoded);
  assert.ok(!app.requests.some((r) => r.url.includes("setup=")), "the fragment is never sent");
  await app.context.close();

  const restored = await openApp(env.browser, link);
  await assertRestored(restored.page);
  assert.deepEqual(await restored.assertClean(), []);
  await restored.context.close();
});

test("export to a file and import it again", async () => {
  const app = await openApp(env.browser, env.server.url, { contextOptions: { acceptDownloads: true } });
  await fillSetup(app.page);
  const [download] = await Promise.all([app.page.waitForEvent("download"), app.page.getByRole("button", { name: "Export setup file" }).click()]);
  assert.equal(download.suggestedFilename(), "auth-config-builder-setup.json");
  const text = readFileSync(await download.path(), "utf8");
  assert.ok(!text.includes(SECRET) && !text.includes("deploy-token-3"));
  assert.equal(JSON.parse(text).format, "auth-config-builder/setup-v1");
  assert.deepEqual(await app.assertClean(), []);
  await app.context.close();

  const fresh = await openApp(env.browser, env.server.url);
  await fresh.page.getByLabel("Import setup file").setInputFiles({ name: "setup.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await fresh.page.getByTestId("share-message").filter({ hasText: "imported" }).waitFor();
  await assertRestored(fresh.page);
  await fresh.page.getByLabel("Import setup file").setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from("{not json") });
  await fresh.page.getByTestId("share-message").filter({ hasText: "not valid JSON" }).waitFor();
  assert.deepEqual(await fresh.assertClean(), []);
  await fresh.context.close();
});
