// The three ways the same dist/ is used: any path, embedded cross-origin, offline PWA.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launchBrowser, launchPersistent, openApp, openView, fillEntry, configValue, coreutilsBase64, entry, workerActivated, ROOT } from "./support/harness.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test("works at the root of a host too, with every request inside its folder", async () => {
  const server = await startServer({ prefix: "/" });
  try {
    const app = await openApp(browser, server.url);
    await fillEntry(app.page, 1, { registry: "quay.io", username: "u", secret: "not-a-real-token" });
    assert.equal(JSON.parse(await configValue(app.page)).auths["quay.io"].auth, coreutilsBase64("u:not-a-real-token"));
    for (const r of app.requests) assert.ok(r.url.startsWith(server.url), r.url);
    assert.deepEqual(await app.assertClean(), []);
    await app.context.close();
  } finally {
    await server.stop();
  }
});

test("manifest, icons and installability", async () => {
  const manifest = JSON.parse(readFileSync(`${ROOT}/dist/manifest.webmanifest`, "utf8"));
  assert.equal(manifest.start_url, "./");
  assert.equal(manifest.scope, "./");
  assert.ok(manifest.name && manifest.short_name && manifest.theme_color && manifest.background_color);
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  assert.deepEqual(sizes.sort(), ["192x192 any", "512x512 any", "512x512 maskable"]);
  for (const icon of manifest.icons) {
    const png = readFileSync(`${ROOT}/dist/${icon.src}`);
    assert.equal(png.subarray(1, 4).toString(), "PNG");
    assert.equal(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.sizes);
  }
  const server = await startServer();
  const profile = mkdtempSync(join(tmpdir(), "acb-profile-"));
  try {
    const context = await launchPersistent(profile);
    const page = await context.newPage();
    await page.goto(server.url);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
    await context.close();
  } finally {
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("offline after the first visit, and the update prompt for a new version", async () => {
  const dir = mkdtempSync(join(tmpdir(), "acb-pwa-"));
  const v1 = join(dir, "v1");
  const v2 = join(dir, "v2");
  cpSync(`${ROOT}/dist`, v1, { recursive: true });
  cpSync(`${ROOT}/dist`, v2, { recursive: true });
  // "A rebuild with a change": a new page title, then the same post_build step trunk runs.
  const index = join(v2, "index.html");
  writeFileSync(index, readFileSync(index, "utf8").replace("<title>DOCKER_AUTH_CONFIG Builder</title>", "<title>DOCKER_AUTH_CONFIG Builder v2</title>"));
  execFileSync("python3", [`${ROOT}/scripts/post_build.py`, v2], { stdio: "ignore" });
  assert.notEqual(readFileSync(join(v1, "sw.js"), "utf8"), readFileSync(join(v2, "sw.js"), "utf8"));

  let server = await startServer({ root: v1 });
  const port = server.port;
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  try {
    await page.goto(server.url);
    await page.evaluate(() => navigator.serviceWorker.ready);
    if (!(await page.evaluate(() => navigator.serviceWorker.controller))) await page.reload();
    assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), "the service worker controls the page");

    await server.stop();
    await page.reload();
    await entry(page, 1).waitFor();
    await fillEntry(page, 1, { registry: "registry.example.com", username: "u", secret: "not-a-real-token" });
    assert.equal(JSON.parse(await configValue(page)).auths["registry.example.com"].auth, coreutilsBase64("u:not-a-real-token"));
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    await page.getByRole("button", { name: "Copy DOCKER_AUTH_CONFIG" }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await configValue(page));
    // The Check view is a module of its own that this page never fetched: the worker precached it.
    await openView(page, "Check");
    await page.getByLabel("Existing config").fill('{"auths":{"registry.example.com":{}}}');
    await page.locator('[data-testid="inspect-finding"][data-code="empty-entry"]').waitFor();
    await openView(page, "Build");

    server = await startServer({ root: v2, port });
    await page.reload();
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.getByTestId("update-available").waitFor({ timeout: 15000 });
    assert.match(await page.getByTestId("update-available").textContent(), /new version/);
    assert.equal(await page.title(), "DOCKER_AUTH_CONFIG Builder", "no swap until the user accepts");
    await page.getByTestId("update-available").getByRole("button", { name: "Reload" }).click();
    await page.waitForFunction(() => document.title.endsWith("v2"));
    await entry(page, 1).waitFor();

    await server.stop();
    await page.reload();
    await entry(page, 1).waitFor();
    assert.equal(await page.title(), "DOCKER_AUTH_CONFIG Builder v2", "the new version works offline");
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("embedded in a portal on another origin: typing, copy and height messages", async () => {
  const app = await startServer();
  const portal = await startServer({ root: `${ROOT}/tests/e2e/portal`, prefix: "/docs/" });
  try {
    const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.origin });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: portal.origin });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${portal.url}?app=${encodeURIComponent(app.url)}`);
    const frame = page.frameLocator("iframe");
    await fillEntry(frame, 1, { registry: "registry.example.com", username: "u", secret: "not-a-real-token" });
    const value = await frame.getByTestId("docker-auth-config").textContent();
    assert.equal(JSON.parse(value).auths["registry.example.com"].auth, coreutilsBase64("u:not-a-real-token"));
    assert.equal(await frame.locator("h1").isVisible(), false, "no page header when embedded");
    await frame.getByRole("button", { name: "Copy DOCKER_AUTH_CONFIG" }).click();
    await frame.getByRole("status").filter({ hasText: "Copied" }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), value);
    await page.waitForFunction(() => window.heights.length > 0);
    const before = await page.evaluate(() => window.heights.at(-1));
    await frame.getByRole("button", { name: "Add registry" }).click();
    await page.waitForFunction((h) => window.heights.at(-1) > h, before);
    const frameHeight = await page.locator("iframe").evaluate((f) => f.getBoundingClientRect().height);
    assert.equal(Math.round(frameHeight), await page.evaluate(() => window.heights.at(-1)));
    const width = await frame.locator("html").evaluate((el) => el.scrollWidth);
    assert.ok(width <= 360, `fits a 360 px frame (scrollWidth ${width})`);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await app.stop();
    await portal.stop();
  }
});

test("without JavaScript or WebAssembly the page says why", async () => {
  const server = await startServer();
  try {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const page = await noScript.newPage();
    await page.goto(server.url);
    assert.match(await page.locator("noscript").textContent(), /needs JavaScript and WebAssembly/);
    // The boot message can only appear under <html data-booting>, which a script sets (style/main.css:
    // its 10 s delay applies there alone): without scripts the rule that hides it is final.
    assert.equal(await page.evaluate(() => document.documentElement.hasAttribute("data-booting")), false);
    assert.equal(await page.locator("#boot").evaluate((el) => getComputedStyle(el).display), "none", "without JavaScript only the <noscript> note speaks");
    await noScript.close();

    const noWasm = await browser.newContext({ serviceWorkers: "block" });
    const wasmless = await noWasm.newPage();
    await wasmless.addInitScript(() => delete globalThis.WebAssembly);
    await wasmless.goto(server.url);
    const boot = wasmless.getByRole("alert").filter({ hasText: "Loading failed" });
    await boot.waitFor();
    assert.match(await boot.textContent(), /WebAssembly is turned off in this browser/);
    assert.ok(await boot.getByRole("link", { name: "Clear the offline copy and reload" }).isVisible());
    await noWasm.close();
  } finally {
    await server.stop();
  }
});

test("a first visit with the service worker allowed fetches no file twice", async () => {
  const server = await startServer();
  const dir = mkdtempSync(join(tmpdir(), "acb-first-visit-"));
  const context = await launchPersistent(dir);
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
    // Installed: every file of the version is in its cache. The page can see the worker
    // activated while the cache it filled still lists only some of its files (seen on a loaded
    // machine), so the test waits until the cache holds every file of sw.js's list, among them
    // the Check view's module, which the page itself never fetched. (Until 2026-12-07 both
    // waits were async functions given to waitForFunction, which returned at once.)
    const precached = JSON.parse((await (await fetch(`${server.url}sw.js`)).text()).match(/const PRECACHE = (\[.*?\]);\n/s)[1]).length;
    assert.ok(precached > 5, `sw.js lists ${precached} files`);
    assert.ok((await page.evaluate(workerActivated, precached)) >= precached);
    // Counted once the worker has all it precaches: each file crossed the wire once.
    const counts = {};
    for (const { path, method } of server.log) if (method === "GET") counts[path] = (counts[path] ?? 0) + 1;
    const twice = Object.entries(counts).filter(([path, n]) => n > 1 && !path.endsWith("/sw.js"));
    assert.deepEqual(twice, [], "each file crossed the wire once");
  } finally {
    await context.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
