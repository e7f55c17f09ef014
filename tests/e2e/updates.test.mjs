// An installed app survives bad updates (public/sw.js): a damaged file never installs, a version
// that installs but cannot boot is left in one click without the wasm, the next good version
// takes over, and only the app's own paths get the app shell. Real servers, real Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync, truncateSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launchBrowser, fillEntry, configValue, coreutilsBase64, entry, ROOT } from "./support/harness.mjs";

let browser;
let dir;
before(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), "acb-updates-"));
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const wasmName = (folder) => readFileSync(join(folder, "index.html"), "utf8").match(/<meta name="wasm" content="\.\/([^"]+_bg\.wasm)"/)[1];

/**
 * A copy of dist/ as another release: its own title, rebuilt by the same post_build step Trunk
 * runs. `broken: "built"` truncates the wasm before that step (a release whose own hashes match
 * its broken wasm); `broken: "glue"` breaks its JavaScript glue the same way and keeps the very
 * same wasm as the release before; `broken: "deployed"` truncates the wasm after that step (a
 * damaged or half-finished upload).
 */
function release(name, { broken } = {}) {
  const out = join(dir, name);
  cpSync(`${ROOT}/dist`, out, { recursive: true });
  const index = join(out, "index.html");
  const wasm = join(out, wasmName(out));
  let html = readFileSync(index, "utf8").replace("<title>DOCKER_AUTH_CONFIG Builder</title>", `<title>DOCKER_AUTH_CONFIG Builder ${name}</title>`);
  if (broken === "built") {
    truncateSync(wasm, Math.floor(statSync(wasm).size / 2));
    const sri = `sha384-${createHash("sha384").update(readFileSync(wasm)).digest("base64")}`;
    const old = html.match(/<meta name="wasm" content="[^"]+" data-integrity="([^"]+)">/)[1];
    html = html.replaceAll(old, sri);
  }
  if (broken === "deployed") {
    // A release's files have bytes of their own: the wasm gets an empty custom section (still a
    // valid module), so no cache holds this version's bytes and the damage below must be caught.
    const before = `sha384-${createHash("sha384").update(readFileSync(wasm)).digest("base64")}`;
    writeFileSync(wasm, Buffer.concat([readFileSync(wasm), Buffer.from([0x00, 0x05, 0x04, 0x74, 0x65, 0x73, 0x74])]));
    html = html.replaceAll(before, `sha384-${createHash("sha384").update(readFileSync(wasm)).digest("base64")}`);
  }
  if (broken === "glue") {
    const glue = join(out, html.match(/await import\("\.\/([^"]+\.js)"\)/)[1]);
    const old = `sha384-${createHash("sha384").update(readFileSync(glue)).digest("base64")}`;
    writeFileSync(glue, `throw new Error("this release's glue is broken on purpose");\n${readFileSync(glue, "utf8")}`);
    assert.ok(html.includes(old), "the boot script names the glue's sha384");
    html = html.replaceAll(old, `sha384-${createHash("sha384").update(readFileSync(glue)).digest("base64")}`);
  }
  writeFileSync(index, html);
  execFileSync("python3", [`${ROOT}/scripts/post_build.py`, "--keep-prerender", out], { stdio: "ignore" });
  if (broken === "deployed") {
    truncateSync(wasm, Math.floor(statSync(wasm).size / 2));
    for (const suffix of [".br", ".gz"]) rmSync(wasm + suffix, { force: true });
  }
  return out;
}

/** v1 installed: its worker controls the page and has recorded that v1 started. */
async function installed(page, url) {
  await page.goto(url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => navigator.serviceWorker.controller))) await page.reload();
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), "the service worker controls the page");
  await waitFor(page, async () => {
    for (const key of await caches.keys()) if (await (await caches.open(key)).match("./.started")) return true;
    return false;
  });
}

/** Waits until `predicate` (run in the page, may be async) is true, checked every frame. */
function waitFor(page, predicate, arg) {
  return page.waitForFunction(predicate, arg);
}

/** Asks the worker to look for an update; resolves to the new worker's final install state. */
function checkForUpdate(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    await reg.update();
    const worker = reg.installing || reg.waiting;
    if (!worker) return "none";
    if (worker.state === "installing") {
      await new Promise((resolve) => worker.addEventListener("statechange", () => worker.state !== "installing" && resolve()));
    }
    return worker.state;
  });
}

/**
 * One address serving one release at a time, as a host does across deployments, and a fresh
 * browser context on it; both closed after the test (`t.after`). `deploy(root)` swaps the
 * release on the same port; `offline()` stops serving.
 */
async function hostAndPage(t, root) {
  let server = await startServer({ root });
  const port = server.port;
  const context = await browser.newContext();
  const page = await context.newPage();
  t.after(async () => {
    await context.close();
    await server.stop();
  });
  return {
    page,
    url: server.url,
    async deploy(next) {
      await server.stop();
      server = await startServer({ root: next, port });
    },
    offline: () => server.stop(),
  };
}

/** Waits for the page of release `version` to be up: the app ready, or (`failed`) its boot failed. */
async function arrived(page, version, { failed = false } = {}) {
  await page.waitForFunction((v) => document.title.endsWith(v), version);
  await page.locator(failed ? "html[data-boot-failed]" : "html[data-app-ready]").waitFor({ state: "attached" });
}

/** The update the worker found is installed; Reload takes it. */
async function takeUpdate(page, version, options) {
  assert.equal(await checkForUpdate(page), "installed");
  await page.getByTestId("update-available").getByRole("button", { name: "Reload" }).click();
  await arrived(page, version, options);
}

/** Reloads and returns the title once the app is ready. */
async function reloadedTitle(page) {
  await page.reload();
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  return page.title();
}

async function assertWorks(page) {
  await entry(page, 1).waitFor();
  await fillEntry(page, 1, { registry: "registry.example.com", username: "u", secret: "not-a-real-token" });
  assert.equal(JSON.parse(await configValue(page)).auths["registry.example.com"].auth, coreutilsBase64("u:not-a-real-token"));
}

test("a release whose files do not match their hashes never installs; the installed one keeps working", async (t) => {
  const v1 = release("v1");
  const v2 = release("v2-damaged", { broken: "deployed" });
  const host = await hostAndPage(t, v1);
  const { page } = host;
  await installed(page, host.url);
  await host.deploy(v2);
  assert.equal(await checkForUpdate(page), "redundant", "the damaged release is refused at install");
  await page.reload();
  assert.equal(await page.title(), "DOCKER_AUTH_CONFIG Builder v1");
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  assert.equal(await page.getByTestId("update-available").count(), 0, "no update offered");
  await assertWorks(page);
});

test("a release that installs but cannot boot: the page says loading failed, one click opens the previous version, the next release takes over", async (t) => {
  const v1 = release("v1");
  const v2 = release("v2-broken", { broken: "built" });
  const v3 = release("v3");
  const host = await hostAndPage(t, v1);
  const { page } = host;
  await installed(page, host.url);
  await host.deploy(v2);
  await takeUpdate(page, "v2-broken", { failed: true });
  const boot = page.getByRole("alert").filter({ hasText: "Loading failed" });
  await boot.waitFor();
  assert.doesNotMatch(await boot.textContent(), /disabled by policy/);

  await boot.getByRole("link", { name: "Open the previous version" }).click();
  await arrived(page, "v1");
  await assertWorks(page);
  await page.goto(host.url);
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  assert.equal(await page.title(), "DOCKER_AUTH_CONFIG Builder v1", "the previous version stays until the next update");

  await host.deploy(v3);
  await takeUpdate(page, "v3");
  await assertWorks(page);
  await host.offline();
  assert.equal(await reloadedTitle(page), "DOCKER_AUTH_CONFIG Builder v3", "the fixed release works offline");
});

test("recovery does not trap the next release: the address is clean after it, and only the version that started is marked", async (t) => {
  // The broken release holds the very wasm of v1 (only its glue is damaged): marking by wasm
  // bytes alone marked it as started too, and a `?recover=previous` left in the address pinned
  // it again on the next reload.
  const v1 = release("v1");
  const v2 = release("v2-broken-glue", { broken: "glue" });
  const v3 = release("v3");
  assert.equal(wasmName(v2), wasmName(v1), "the broken release keeps v1's wasm");
  const host = await hostAndPage(t, v1);
  const { page } = host;
  // Each version's cache with the time its app was marked as started (absent: never).
  const marks = () =>
    page.evaluate(async () => {
      const marked = {};
      for (const key of await caches.keys()) {
        const mark = await (await caches.open(key)).match("./.started");
        if (mark) marked[key] = Number(await mark.text());
      }
      return marked;
    });
  await installed(page, host.url);
  const [[v1Cache, v1Time]] = Object.entries(await marks());
  await host.deploy(v2);
  await takeUpdate(page, "v2-broken-glue", { failed: true });

  await page.getByRole("link", { name: "Open the previous version" }).click();
  await arrived(page, "v1");
  assert.equal(new URL(page.url()).search, "", "the address holds no ?recover after recovering");
  // The recovered page tells the worker it started: v1's mark is renewed, and v1 alone has one,
  // not the broken release that holds the same wasm.
  await waitFor(page, async ([key, time]) => {
    const mark = await (await caches.open(key)).match("./.started");
    return mark && Number(await mark.text()) > time;
  }, [v1Cache, v1Time]);
  assert.deepEqual(Object.keys(await marks()), [v1Cache], "only v1 is marked as started");
  assert.equal(await reloadedTitle(page), "DOCKER_AUTH_CONFIG Builder v1");

  await host.deploy(v3);
  await takeUpdate(page, "v3");
  await assertWorks(page);
  assert.ok((await page.evaluate(() => caches.keys())).includes(v1Cache), "v1 is the version kept to fall back to");
  assert.equal(await reloadedTitle(page), "DOCKER_AUTH_CONFIG Builder v3", "a reload stays on the new release");
  await host.offline();
  assert.equal(await reloadedTitle(page), "DOCKER_AUTH_CONFIG Builder v3", "and so does a reload offline");
});

test("from a release that cannot boot, 'Clear the offline copy and reload' loads the host's current release", async (t) => {
  const v1 = release("v1");
  const v2 = release("v2-broken", { broken: "built" });
  const v3 = release("v3");
  const host = await hostAndPage(t, v1);
  const { page } = host;
  await installed(page, host.url);
  await host.deploy(v2);
  assert.equal(await checkForUpdate(page), "installed");
  await page.getByTestId("update-available").getByRole("button", { name: "Reload" }).click();
  await page.locator("html[data-boot-failed]").waitFor({ state: "attached" });
  await host.deploy(v3);
  await page.getByRole("link", { name: "Clear the offline copy and reload" }).click();
  await arrived(page, "v3");
  assert.equal(new URL(page.url()).search, "", "back at the app's own address");
  await assertWorks(page);
});

test("the installed worker answers only the app's own paths with the app", async (t) => {
  const v1 = release("v1");
  const host = await hostAndPage(t, v1);
  const { page } = host;
  await installed(page, host.url);
  for (const path of ["deeper/path", "deeper/", "sub/index.html"]) {
    const response = await page.goto(host.url + path);
    assert.equal(response.status(), 404, `${path} online`);
  }
  await host.offline();
  for (const path of ["deeper/path", "sub/index.html"]) {
    const response = await page.goto(host.url + path);
    assert.equal(response.status(), 404, `${path} offline`);
  }
  for (const path of ["", "index.html", "?x=1"]) {
    const response = await page.goto(host.url + path);
    assert.equal(response.status(), 200, `'${path}' offline`);
    await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  }
});
