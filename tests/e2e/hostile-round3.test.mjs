// Hostile input, round three: the embed on another site with its storage blocked, the hand-over
// from the static copy in the order things were done, and the inputs that gave silently wrong
// credentials. Each test failed on the build before its fix.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import {
  useServerAndBrowser,
  startServer,
  entry,
  fillEntry,
  configValue,
  coreutilsBase64,
  CHROMIUM_ARGS,
  ROOT,
} from "./support/harness.mjs";

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
    await tool.getByText("Preferences").click();
    await tool.getByLabel("Theme").selectOption("dark");
    assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), "dark");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await portal.stop();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("where storage works, the page says nothing about it", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  assert.equal(await page.getByTestId("storage-unavailable").count(), 0);
  await context.close();
});

/** A page whose wasm is held back until `release()`: the static copy is all there is. */
async function heldBack(url) {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => msg.type() === "error" && problems.push(msg.text()));
  page.on("pageerror", (err) => problems.push(err.message));
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await page.route("**/*.wasm", async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await page.waitForFunction(() => document.getElementById("prerendered")?.inert === false);
  return { context, page, problems, release };
}

test("the hand-over keeps the order: typing after a click on Clear all in the static copy survives it", async () => {
  const { context, page, problems, release } = await heldBack(env.server.url);
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
  assert.match(await configValue(page), /^\{"auths":\{\}\}$/, "no password yet, so no entry; one line (not pretty)");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the hand-over keeps the order: a click on Add registry between two edits", async () => {
  const { context, page, problems, release } = await heldBack(env.server.url);
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
  const { context, page, problems, release } = await heldBack(env.server.url);
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

test("a share link pasted into a tab with typed registries asks too; keeping them keeps them", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  await fillEntry(page, 1, { registry: "mine.example.com", username: "robot", secret: "not-a-real-token" });
  await page.evaluate((hash) => (location.hash = hash), link([{ registry: "quay.io", credentials: "basic" }]));
  const ask = page.getByTestId("link-pending");
  await ask.waitFor();
  await ask.getByRole("button", { name: "Keep what I typed" }).click();
  assert.equal(await ask.count(), 0);
  assert.equal(await entry(page, 1).getByLabel("Registry", { exact: true }).inputValue(), "mine.example.com");
  assert.equal(await entry(page, 1).getByLabel("Password or token", { exact: true }).inputValue(), "not-a-real-token");
  await context.close();
});
