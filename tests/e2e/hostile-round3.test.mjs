// Hostile input, round three: the embed on another site with its storage blocked, the hand-over
// from the static copy in the order things were done, and the inputs that gave silently wrong
// credentials. Each test failed on the build before its fix.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { useServerAndBrowser, startServer, entry, fillEntry, configValue, coreutilsBase64, CHROMIUM_ARGS, ROOT, heldBack, useApp } from "./support/harness.mjs";

const env = useServerAndBrowser();

test("embedded on another site with third-party storage blocked: the page works, keeps preferences for the visit and says so", async () => {
  const portal = await startServer({ root: `${ROOT}/tests/e2e/portal`, prefix: "/docs/" });
  // A real profile whose settings block third-party cookies and site data, as a user or an
  // administrator sets it (chrome://settings/cookies), not a script that fakes the error.
  const profile = mkdtempSync(join(tmpdir(), "acb-blocked-"));
  mkdirSync(join(profile, "Default"));
  writeFileSync(join(profile, "Default", "Preferences"), JSON.stringify({ profile: { cookie_controls_mode: 1, block_third_party_cookies: true } }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    serviceWorkers: "block",
  });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    // The portal on `localhost`, the tool on `127.0.0.1`: two sites, so the tool is third-party.
    const portalUrl = portal.url.replace("127.0.0.1", "localhost");
    await page.goto(`${portalUrl}?app=${encodeURIComponent(`${env.server.url}?embed`)}`);
    const frame = page.frames().find((f) => f.url().startsWith(env.server.origin));
    await frame.waitForSelector("html[data-app-ready]", { state: "attached" });
    const blocked = await frame.evaluate(() => {
      try {
        return typeof window.localStorage.getItem("x");
      } catch (e) {
        return e.name;
      }
    });
    assert.equal(blocked, "SecurityError", "the browser refuses the frame's storage (the case under test)");
    const tool = page.frameLocator("iframe");
    await fillEntry(tool, 1, { registry: "registry.example.com", username: "u", secret: "not-a-real-token" });
    assert.equal(JSON.parse(await configValue(tool)).auths["registry.example.com"].auth, coreutilsBase64("u:not-a-real-token"));
    const note = tool.getByTestId("storage-unavailable");
    assert.equal(await note.getAttribute("role"), "status");
    assert.ok(await note.isVisible(), "the page says preferences will not be kept");
    // Preferences still apply for the visit.
    await tool.locator("summary", { hasText: "Preferences" }).click();
    await tool.getByLabel("Theme").selectOption("dark");
    assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), "dark");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await portal.stop();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("where storage works, the page says nothing about it", async (t) => {
  const { page } = await useApp(t, env);
  assert.equal(await page.getByTestId("storage-unavailable").count(), 0);
});

test("the hand-over keeps the order: typing after a click on Clear all in the static copy survives it", async () => {
  const { context, page, problems, release } = await heldBack(env, env.server.url);
  const copy = page.locator("#prerendered");
  await copy.locator("#entry-0-registry").fill("old.example.com");
  await copy.locator("#pretty").check();
  await copy.getByRole("button", { name: "Clear all" }).click();
  await copy.locator("#entry-0-registry").fill("quay.io");
  await copy.locator("#entry-0-username").fill("robot");
  release();
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  const first = entry(page, 1);
  assert.equal(await first.getByLabel("Registry", { exact: true }).inputValue(), "quay.io", "typed after Clear all");
  assert.equal(await first.getByLabel("Username", { exact: true }).inputValue(), "robot", "typed after Clear all");
  assert.equal(await page.locator("#pretty").isChecked(), false, "ticked before Clear all, so cleared");
  const value = await configValue(page);
  assert.ok(!value.includes("old.example.com") && JSON.parse(value).auths["quay.io"], value);
  assert.ok(!value.includes("\n"), "one line: Pretty-print was ticked before Clear all");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the hand-over keeps the order: a click on Add registry between two edits", async () => {
  const { context, page, problems, release } = await heldBack(env, env.server.url);
  const copy = page.locator("#prerendered");
  await copy.locator("#entry-0-registry").fill("quay.io");
  await copy.getByRole("button", { name: "Add registry" }).click();
  await copy.locator("#entry-0-username").fill("robot");
  await copy.locator("#entry-0-secret").fill("not-a-real-token");
  release();
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  await entry(page, 2).waitFor();
  assert.equal(JSON.parse(await configValue(page)).auths["quay.io"].auth, coreutilsBase64("robot:not-a-real-token"));
  assert.deepEqual(problems, []);
  await context.close();
});

const link = (entries) => `#setup=${Buffer.from(JSON.stringify({ format: "auth-config-builder/setup-v1", entries })).toString("base64url")}`;

test("a share link that arrives while the static copy holds typing asks before it replaces anything", async () => {
  const { context, page, problems, release } = await heldBack(env, env.server.url);
  const copy = page.locator("#prerendered");
  await copy.locator("#entry-0-registry").fill("mine.example.com");
  await copy.locator("#entry-0-username").fill("robot");
  await page.evaluate((hash) => (location.hash = hash), link([{ registry: "quay.io", credentials: "basic" }]));
  release();
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  const ask = page.getByTestId("link-pending");
  await ask.waitFor();
  assert.equal(await entry(page, 1).getByLabel("Registry", { exact: true }).inputValue(), "mine.example.com", "nothing replaced yet");
  assert.equal(await entry(page, 1).getByLabel("Username", { exact: true }).inputValue(), "robot");
  await ask.getByRole("button", { name: "Load the link’s setup" }).click();
  await page.getByTestId("share-message").filter({ hasText: "imported" }).waitFor();
  assert.equal(await entry(page, 1).getByLabel("Registry", { exact: true }).inputValue(), "quay.io");
  assert.equal(await ask.count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a share link pasted into a tab with typed registries asks too; keeping them keeps them", async (t) => {
  const { page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "mine.example.com", username: "robot", secret: "not-a-real-token" });
  await page.evaluate((hash) => (location.hash = hash), link([{ registry: "quay.io", credentials: "basic" }]));
  const ask = page.getByTestId("link-pending");
  await ask.waitFor();
  await ask.getByRole("button", { name: "Keep what I typed" }).click();
  assert.equal(await ask.count(), 0);
  assert.equal(await entry(page, 1).getByLabel("Registry", { exact: true }).inputValue(), "mine.example.com");
  assert.equal(await entry(page, 1).getByLabel("Password or token", { exact: true }).inputValue(), "not-a-real-token");
});

test("merge conflicts are capped with a message and mounted a batch per task", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  // Two configs sharing 2,000 keys with different users.
  const config = (user) => {
    const auths = {};
    for (let i = 0; i < 2000; i++) auths[`r${String(i).padStart(5, "0")}.example.com`] = { auth: Buffer.from(`${user}:not-a-real-token`).toString("base64") };
    return JSON.stringify({ auths });
  };
  await page.getByRole("tab", { name: /^Check/ }).click();
  await page.getByLabel("Existing config").fill(config("alice"));
  await page.getByRole("button", { name: "Add config to merge" }).click();
  // How many conflict rows each task mounts (a mutation record batch per task).
  await page.evaluate(() => {
    window.__batches = [];
    new MutationObserver((records) => {
      let added = 0;
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) added += n.matches('[data-testid="merge-conflict"]') ? 1 : n.querySelectorAll('[data-testid="merge-conflict"]').length;
      if (added) window.__batches.push(added);
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.getByLabel("Config 2", { exact: true }).fill(config("bob"));
  const capped = page.getByTestId("merge-conflicts-capped");
  await capped.waitFor();
  assert.match(await capped.textContent(), /2000 registries; the first 100/);
  assert.equal(await capped.getAttribute("role"), "status");
  await page.locator('[data-testid="merge-conflict"]').nth(99).waitFor();
  assert.equal(await page.locator('[data-testid="merge-conflict"]').count(), 100, "no more than the cap are listed");
  const batches = await page.evaluate(() => window.__batches);
  assert.ok(Math.max(...batches) <= 20, `at most 20 rows mounted per task: ${JSON.stringify(batches)}`);
  // The value holds all 2,000 keys, the first config's credential for each.
  const value = JSON.parse(await page.getByTestId("merged-config").textContent());
  assert.equal(Object.keys(value.auths).length, 2000);
  assert.equal(value.auths["r01999.example.com"].auth, Buffer.from("alice:not-a-real-token").toString("base64"));
  // Choosing still works on a listed key.
  await page.locator('[data-testid="merge-conflict"][data-key="r00000.example.com"]').getByRole("radio").nth(1).check();
  await page.waitForFunction(() => JSON.parse(document.querySelector('[data-testid="merged-config"]').textContent).auths["r00000.example.com"].auth.startsWith("Ym9i"));
  await context.close();
});

const registryFindings = (page, n) =>
  entry(page, n).locator('[data-testid="finding"]').evaluateAll((els) => els.map((e) => [e.dataset.code, e.dataset.severity, e.textContent]));

test("invisible characters and quotes pasted with a token are named with their place, and removed on request", async (t) => {
  const { page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "registry.example.com", username: "\u200Brobot", secret: "\u201Cnot-a-real\u00A0token\u201D\uFEFF" });
  const found = await registryFindings(page, 1);
  const codes = found.map(([code, severity]) => `${code}/${severity}`);
  assert.deepEqual(codes.filter((c) => /invisible|quoted/.test(c)).sort(), [
    "invisible-character/warning",
    "invisible-character/warning",
    "invisible-character/warning",
    "quoted-credential/warning",
  ]);
  const texts = found.map(([, , text]) => text).join("\n");
  assert.match(texts, /username holds an invisible character, U\+200B ZERO WIDTH SPACE, at character 1/);
  assert.match(texts, /U\+00A0 NO-BREAK SPACE, at character 12/);
  assert.match(texts, /U\+FEFF .* at character 19/);
  assert.match(texts, /wrapped in quotes \(U\+201C/);
  await entry(page, 1).getByRole("button", { name: "Remove invisible characters and quotes" }).click();
  assert.equal(await entry(page, 1).getByLabel("Username", { exact: true }).inputValue(), "robot");
  assert.equal(await entry(page, 1).getByLabel("Password or token", { exact: true }).inputValue(), "not-a-realtoken");
  assert.equal(await entry(page, 1).getByTestId("auth-string").textContent(), coreutilsBase64("robot:not-a-realtoken"));
  assert.equal((await registryFindings(page, 1)).filter(([code]) => /invisible|quoted/.test(code)).length, 0);
  // The Check view's Fix removes them too.
  await page.getByRole("tab", { name: /^Check/ }).click();
  const pasted = JSON.stringify({ auths: { "registry.example.com": { auth: coreutilsBase64("robot:\u200Bnot-a-real-token") } } });
  await page.getByLabel("Existing config").fill(pasted);
  await page.locator('[data-testid="inspect-finding"][data-code="invisible-character"]').waitFor();
  await page.getByRole("button", { name: "Fix" }).click();
  const fixed = JSON.parse(await page.getByTestId("inspect-fixed").textContent());
  assert.equal(fixed.auths["registry.example.com"].auth, coreutilsBase64("robot:not-a-real-token"));
});

test("a variable reference as the password is a warning: base64 is never expanded", async (t) => {
  const { page } = await useApp(t, env);
  for (const secret of ["$CI_JOB_TOKEN", "${CI_REGISTRY_PASSWORD}"]) {
    await fillEntry(page, 1, { registry: "registry.example.com", username: "gitlab-ci-token", secret });
    const found = await registryFindings(page, 1);
    const reference = found.find(([code]) => code === "variable-reference-in-credential");
    assert.ok(reference, `${secret}: ${JSON.stringify(found)}`);
    assert.equal(reference[1], "warning");
    assert.ok(reference[2].includes(secret) && /never expands/.test(reference[2]), reference[2]);
    assert.ok(!found.some(([code]) => code === "dollar-in-field"), "not the mild note");
  }
});

test("IPv6 registry hosts are keys as the runner and the CLI write them; IDN and trailing-dot hosts are flagged", async (t) => {
  const { page } = await useApp(t, env);
  for (const [typed, key] of [["[::1]:5000", "[::1]:5000"], ["https://[2001:db8::1]:5000/v2/", "[2001:db8::1]:5000"]]) {
    await fillEntry(page, 1, { registry: typed, username: "robot", secret: "not-a-real-token" });
    assert.equal(await entry(page, 1).getByTestId("registry-key").textContent(), key);
    assert.deepEqual((await registryFindings(page, 1)).filter(([, severity]) => severity !== "info"), [], typed);
    assert.ok(JSON.parse(await configValue(page)).auths[key], typed);
  }
  for (const [typed, code] of [["rëgistry.example.com", "host-idn"], ["registry.example.com.", "host-trailing-dot"]]) {
    await fillEntry(page, 1, { registry: typed });
    const found = await registryFindings(page, 1);
    assert.ok(found.some(([c, severity]) => c === code && severity === "warning"), `${typed}: ${JSON.stringify(found)}`);
  }
  // The resolver matches an IPv6 image with the IPv6 key.
  await fillEntry(page, 1, { registry: "[::1]:5000" });
  await page.getByRole("tab", { name: /^Check/ }).click();
  await page.getByLabel("Image", { exact: true }).fill("[::1]:5000/team/app:1.2");
  await page.waitForFunction(() => document.querySelector('[data-testid="resolved-runner"]')?.textContent === "[::1]:5000");
  assert.equal(await page.getByTestId("resolved-docker-cli").textContent(), "[::1]:5000");
});

test("a token typed into the GitLab URL is left out of every snippet, and the page says so", async (t) => {
  const { page } = await useApp(t, env);
  await page.getByLabel("Show all snippets").check();
  const url = page.getByLabel("GitLab URL").first();
  await url.fill("https://oauth2:glpat-NOTREAL-url-token-0000@gitlab.example.com");
  await page.getByTestId("option-userinfo-removed").first().waitFor();
  for (const id of ["job-token-allowlist", "api-variable", "register-linux"]) {
    const text = await page.getByTestId(`snippet-${id}`).textContent();
    assert.ok(text.includes("https://gitlab.example.com"), `${id} names the host`);
    assert.ok(!text.includes("glpat-NOTREAL") && !text.includes("oauth2"), `${id}: ${text}`);
  }
  const all = await page.locator("main").textContent();
  assert.ok(!all.replace(await url.inputValue(), "").includes("glpat-NOTREAL"), "nowhere on the page but the field itself");
});
