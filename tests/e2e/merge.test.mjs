// Merging several configs in the Check view (docs/merging.md): the merged value, each conflict
// with the first config winning by default and the other chosen on request, every input's
// findings, and "Edit in generator" adding to the current setup. Fake secrets only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openApp, openView, entry, fillEntry, coreutilsBase64, useApp } from "./support/harness.mjs";

const env = useServerAndBrowser();
const b64 = (text) => Buffer.from(text, "utf8").toString("base64");

// Config 1: a DOCKER_AUTH_CONFIG with a scheme and path in a key, and a store.
const first = JSON.stringify({
  auths: {
    "https://registry.example.com/v2/": { auth: coreutilsBase64("alice:fake-token-1") },
    "ghcr.io": { auth: coreutilsBase64("bob:fake-token-2") },
  },
  credsStore: "pass",
});
// Config 2: a Kubernetes pull Secret giving registry.example.com other credentials, and a new key
// written with a scheme.
const second = [
  "apiVersion: v1",
  "kind: Secret",
  "type: kubernetes.io/dockerconfigjson",
  "data:",
  `  .dockerconfigjson: ${b64(JSON.stringify({ auths: { "registry.example.com": { auth: b64("carol:fake-token-3") }, "http://quay.io/": { auth: b64("dave:fake-token-4") } } }))}`,
  "",
].join("\n");
// Config 3: a workstation config.json with a helper for ghcr.io and another store.
const third = JSON.stringify({ credHelpers: { "ghcr.io": "gcloud" }, credsStore: "secretservice" });

const conflicts = (page) =>
  page.locator('[data-testid="merge-conflict"]').evaluateAll((els) => els.map((e) => [e.dataset.key, e.dataset.kind, e.dataset.chosen]));
const merged = async (page) => JSON.parse(await page.getByTestId("merged-config").textContent());

async function pasteThree(page) {
  await openView(page, "Check");
  await page.getByLabel("Existing config").fill(first);
  await page.getByRole("button", { name: "Add config to merge" }).click();
  await page.getByLabel("Config 2", { exact: true }).fill(second);
  await page.getByRole("button", { name: "Add config to merge" }).click();
  await page.getByLabel("Config 3", { exact: true }).fill(third);
}

test("three configs in three formats merge; each conflict goes to the first config, or to the one chosen", async (t) => {
  const { app, page } = await useApp(t, env);
  await pasteThree(page);

  // Default: the first config that has a key wins (GitLab Runner keeps the first source).
  assert.deepEqual((await conflicts(page)).sort(), [
    ["credsStore", "creds-store", "1"],
    ["ghcr.io", "auth-helper", "1"],
    ["registry.example.com", "credentials", "1"],
  ]);
  assert.deepEqual(await merged(page), {
    auths: {
      "ghcr.io": { auth: coreutilsBase64("bob:fake-token-2") },
      "quay.io": { auth: coreutilsBase64("dave:fake-token-4") },
      "registry.example.com": { auth: coreutilsBase64("alice:fake-token-1") },
    },
    credsStore: "pass",
  });
  // A conflict names the configs and the users, never a secret.
  const conflictText = await page.locator('[data-testid="merge-conflict"]').allTextContents();
  assert.ok(conflictText.join(" ").includes("carol"));
  assert.ok(!conflictText.join(" ").includes("fake-token"));

  // The other way: the later config chosen for each conflict.
  const choose = (key, config) =>
    page.locator(`[data-testid="merge-conflict"][data-key="${key}"]`).getByRole("radio", { name: new RegExp(`^Config ${config}:`) }).check();
  await choose("registry.example.com", 2);
  await choose("ghcr.io", 3);
  await choose("credsStore", 3);
  assert.deepEqual((await conflicts(page)).sort(), [
    ["credsStore", "creds-store", "3"],
    ["ghcr.io", "auth-helper", "3"],
    ["registry.example.com", "credentials", "2"],
  ]);
  assert.deepEqual(await merged(page), {
    auths: {
      "quay.io": { auth: coreutilsBase64("dave:fake-token-4") },
      "registry.example.com": { auth: coreutilsBase64("carol:fake-token-3") },
    },
    credHelpers: { "ghcr.io": "gcloud" },
    credsStore: "secretservice",
  });

  // The findings of every input still show: Config 1's scheme and path, Config 2's scheme.
  const codesIn = (locator) => locator.locator('[data-testid="inspect-finding"]').evaluateAll((els) => els.map((e) => e.dataset.code));
  const inputs = page.getByTestId("merge-input");
  assert.equal(await inputs.count(), 2);
  assert.ok((await codesIn(page.locator(".merge-input[data-config='2']"))).length > 0, "Config 2 has findings");
  const firstCodes = await page.locator('[data-testid="inspect-finding"]').evaluateAll((els) => els.filter((e) => !e.closest(".merge-input")).map((e) => e.dataset.code));
  assert.ok(firstCodes.length > 0, "Config 1 has findings");

  // Removing Config 2 renumbers Config 3 and drops its conflict.
  await page.getByRole("button", { name: "Remove config 2" }).click();
  await page.getByLabel("Config 2", { exact: true }).waitFor();
  assert.equal(await page.getByLabel("Config 2", { exact: true }).inputValue(), third);
  assert.deepEqual((await conflicts(page)).map((c) => c[0]).sort(), ["credsStore", "ghcr.io"]);
});

test("Edit in generator replaces the rows with the merged entries, or adds them after the current ones", async (t) => {
  const { app, page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "gitlab.example.com:5050", username: "erin", secret: "fake-token-5" });
  await pasteThree(page);
  await page.getByLabel("Add to the current setup instead of replacing it").check();
  await page.getByRole("button", { name: "Edit in generator" }).click();
  assert.equal(await page.getByRole("tab", { name: /^Build/ }).getAttribute("aria-selected"), "true");
  await entry(page, 4).waitFor();
  const registries = [];
  for (let n = 1; n <= 4; n++) registries.push(await entry(page, n).getByLabel("Registry", { exact: true }).inputValue());
  assert.deepEqual(registries, ["gitlab.example.com:5050", "ghcr.io", "quay.io", "registry.example.com"]);
  assert.equal(await entry(page, 5).count(), 0);
  assert.equal(await entry(page, 1).getByLabel("Password or token", { exact: true }).inputValue(), "fake-token-5");
  assert.equal(await entry(page, 4).getByLabel("Username", { exact: true }).inputValue(), "alice");
  const value = JSON.parse(await page.getByTestId("docker-auth-config").textContent());
  assert.equal(value.credsStore, "pass");
  assert.deepEqual(Object.keys(value.auths).sort(), ["ghcr.io", "gitlab.example.com:5050", "quay.io", "registry.example.com"]);

  // Unchecked: the merged entries replace the rows.
  await openView(page, "Check");
  await page.getByLabel("Add to the current setup instead of replacing it").uncheck();
  await page.getByRole("button", { name: "Edit in generator" }).click();
  await entry(page, 3).waitFor();
  assert.equal(await entry(page, 4).count(), 0);
  assert.equal(await entry(page, 1).getByLabel("Registry", { exact: true }).inputValue(), "ghcr.io");
});
