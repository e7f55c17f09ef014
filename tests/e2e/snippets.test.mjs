// Every snippet of the UI contract is on the page for a typical input, and its text is exactly
// what the native core produces for the same input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openApp, fillEntry, coreOutputs, showAllSnippets, useApp } from "./support/harness.mjs";


const env = useServerAndBrowser();

test("each snippet equals the core's output for the same input", async () => {
  const entries = [
    { registry: "registry.gitlab.com", username: "gitlab+deploy-token-1", secret: 'not-a-real "token" $x' },
    { registry: "docker.io", username: "hubuser", secret: "not-a-real-token" },
  ];
  const expected = coreOutputs({ entries });
  const app = await openApp(env.browser, env.server.url);
  const { page, context } = app;
  await fillEntry(page, 1, entries[0]);
  await page.getByRole("button", { name: "Add registry" }).click();
  await fillEntry(page, 2, entries[1]);
  assert.equal(await page.getByTestId("docker-auth-config").textContent(), expected.value);
  await showAllSnippets(page);
  // Every snippet the core has (its `SnippetId` enum, through `core_outputs`), and no other; the
  // UI contract's ids are checked against that enum once, in crates/registry-auth/tests/snippets/catalogue.rs.
  const ids = Object.keys(expected.snippets);
  assert.ok(ids.length >= 26, ids.join());
  const shown = await page.locator('article.snippet pre[data-testid^="snippet-"]').evaluateAll((els) => els.map((e) => e.dataset.testid.slice("snippet-".length)));
  assert.deepEqual([...shown].sort(), [...ids].sort(), "the page shows exactly the core's snippets");
  for (const id of ids) {
    const snippet = page.getByTestId(`snippet-${id}`);
    assert.equal(await snippet.count(), 1, `snippet-${id} present`);
    assert.equal(await snippet.textContent(), expected.snippets[id], `snippet-${id} text`);
  }
  // Coloured, yet the text is unchanged (checked above).
  assert.ok((await page.getByTestId("snippet-docker-login").locator(".tok-key").count()) > 3);
  // A snippet's copy button copies exactly its text.
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.origin });
  const article = page.locator("article.snippet", { has: page.getByTestId("snippet-runner-environment") });
  await article.getByRole("button", { name: /^Copy/ }).click();
  await article.getByRole("status").filter({ hasText: "Copied" }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected.snippets["runner-environment"]);
  // Variables to create: the value itself, and one user/password pair per login, without secrets.
  const table = page.getByTestId("variables-to-create");
  assert.equal(await table.locator('tr[data-variable="DOCKER_AUTH_CONFIG"]').count(), 1);
  assert.ok(!(await table.textContent()).includes("not-a-real"), "secrets are masked in the variables table");
  const hubPass = table.locator('tr[data-variable="DOCKER_REGISTRY_PASS_DOCKER_HUB"]');
  await hubPass.getByRole("button", { name: "Show" }).click();
  assert.match(await hubPass.textContent(), /not-a-real-token/);
  assert.deepEqual(await app.assertClean(), []);
  await context.close();
});

test("snippet inputs change the snippets", async (t) => {
  const { app, page } = await useApp(t, env);
  await showAllSnippets(page);
  await page.getByLabel("Docker version").selectOption("27.5.1");
  assert.match(await page.getByTestId("snippet-docker-login").textContent(), /docker:27\.5\.1-dind/);
  await page.getByLabel("DOCKER_AUTH_CONFIG type").selectOption("file");
  assert.match(await page.getByTestId("snippet-auth-config-before-script").textContent(), /cp "\$DOCKER_AUTH_CONFIG"/);
  await page.getByLabel("GitLab URL").fill("https://gitlab.example.com");
  assert.match(await page.getByTestId("snippet-register-linux").textContent(), /https:\/\/gitlab\.example\.com/);
});

// What the user types into a snippet's input reaches the page as text, never as markup.
test("markup typed into a snippet's input stays text", async (t) => {
  const { page } = await useApp(t, env);
  const typed = 'registry.example.com/a/<img src=x data-injected>&amp;"<b>:1';
  await page.getByLabel("Private image to test").fill(typed);
  const pre = page.getByTestId("snippet-job-image");
  // The core quotes or escapes for YAML, never for HTML: the typed characters come through.
  await page.waitForFunction(() => document.querySelector('[data-testid="snippet-job-image"]').textContent.includes("<img src=x data-injected>"));
  assert.match(await pre.textContent(), /<img src=x data-injected>&amp;"<b>/);
  assert.equal(await page.locator("[data-injected]").count(), 0, "no element made from the typed text");
  assert.equal(await pre.locator("img, b").count(), 0);
  // Still coloured: only the token spans are elements.
  assert.deepEqual(await pre.evaluate((el) => [...new Set([...el.querySelectorAll("*")].map((e) => e.tagName))]), ["SPAN"]);
});
