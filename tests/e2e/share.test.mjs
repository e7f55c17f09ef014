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

// Opening a link lives in a wasm module of its own (src/ui/share_link.rs): fetched only when the
// address carries a link, awaited by the start's swap, and never fatal when it cannot be fetched.
const LINK_MODULE = "split_share_link.wasm";
const linkTo = (registry) =>
  `${env.server.url}#setup=${Buffer.from(JSON.stringify({ format: "auth-config-builder/setup-v1", entries: [{ registry, credentials: "basic" }] })).toString("base64url")}`;
const fetchedLinkModule = (app) => app.requests.filter((r) => r.url.endsWith(`/${LINK_MODULE}`));

test("a page opened without a link never fetches the link's module; with one, the app is swapped in already holding its setup", async () => {
  const plain = await openApp(env.browser, env.server.url);
  await plain.page.waitForLoadState("networkidle");
  assert.deepEqual(fetchedLinkModule(plain), []);
  await plain.context.close();

  const linked = await openApp(env.browser, linkTo("quay.io"), {
    initScripts: [
      () => {
        // The first registry's value at the moment the static copy leaves the page (the swap).
        new MutationObserver((records, observer) => {
          if (records.some((r) => [...r.removedNodes].some((n) => n.id === "prerendered"))) {
            window.__atSwap = document.querySelector("#app fieldset.entry input[id$='-registry']")?.value ?? null;
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      },
    ],
  });
  assert.equal(await linked.page.evaluate(() => window.__atSwap), "quay.io");
  assert.equal(fetchedLinkModule(linked).length, 1);
  assert.deepEqual(await linked.assertClean(), []);
  await linked.context.close();
});

test("a link whose module cannot be fetched leaves the page working, says so, and Try again opens it", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (err) => pageErrors.push(err.message));
  let offline = true;
  await page.route(`**/${LINK_MODULE}`, (route) => (offline ? route.abort("internetdisconnected") : route.continue()));
  await page.goto(linkTo("quay.io"));
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  const message = page.getByTestId("share-message");
  assert.match(await message.textContent(), /could not be loaded/);
  assert.equal(await entry(page, 1).getByLabel("Registry", { exact: true }).inputValue(), "");
  await fillEntry(page, 1, { registry: "registry.example.com", username: "u", secret: "not-a-real-token" });
  offline = false;
  await page.getByTestId("link-retry").click();
  // Rows were typed meanwhile: the page asks before the link replaces them.
  await page.getByTestId("link-pending").waitFor();
  assert.equal(await entry(page, 1).getByLabel("Registry", { exact: true }).inputValue(), "registry.example.com");
  await page.getByRole("button", { name: "Load the link’s setup" }).click();
  await page.waitForFunction(() => document.querySelector("fieldset.entry input[id$='-registry']")?.value === "quay.io");
  assert.match(await message.textContent(), /Setup imported/);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("rows typed while a link's module is on its way are not replaced without asking", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  let release;
  const held = new Promise((resolve) => (release = resolve));
  let requested;
  const asked = new Promise((resolve) => (requested = resolve));
  await page.route(`**/${LINK_MODULE}`, async (route) => {
    requested();
    await held;
    await route.continue();
  });
  await page.evaluate((hash) => (location.hash = hash), new URL(linkTo("quay.io")).hash);
  await asked;
  await fillEntry(page, 1, { registry: "registry.example.com", username: "u", secret: "not-a-real-token" });
  release();
  await page.getByTestId("link-pending").waitFor();
  assert.equal(await entry(page, 1).getByLabel("Registry", { exact: true }).inputValue(), "registry.example.com");
  await context.close();
});

test("a link whose module never comes does not keep the page inert: it becomes ready, and the link asks once it comes over typed rows", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route(`**/${LINK_MODULE}`, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(linkTo("quay.io"));
  // Ready without the module (the start waits for it a few seconds at most, src/ui/share_link.rs).
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  await fillEntry(page, 1, { registry: "registry.example.com", username: "u", secret: "not-a-real-token" });
  release();
  await page.getByTestId("link-pending").waitFor();
  assert.equal(await entry(page, 1).getByLabel("Registry", { exact: true }).inputValue(), "registry.example.com");
  await context.close();
});
