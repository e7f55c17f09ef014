// The wasm is split (src/ui/split.rs, scripts/wasm_split.py): the first load carries what the
// Build view needs; the Check view's module is fetched when the Check view is first shown, only
// if its bytes match the build's sha384, and a failed fetch leaves the page working with a way
// to try again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { useServerAndBrowser, openApp, openView, fillEntry, entry, coreutilsBase64, ROOT } from "./support/harness.mjs";

const env = useServerAndBrowser();
const CHECK = "split_check_view.wasm";
const folder = () => readdirSync(join(ROOT, "dist")).find((f) => /^wasm-[0-9a-f]{16}$/.test(f));
const fetchedCheck = (app) => app.requests.filter((r) => r.url.endsWith(`/${CHECK}`));
const checkViewWorks = async (page) => {
  await page.getByLabel("Existing config").fill('{"auths":{"registry.example.com":{}}}');
  await page.locator('[data-testid="inspect-finding"][data-code="empty-entry"]').waitFor();
};

test("the first load does not fetch the Check view's module; the pointer on its tab or showing the view fetches it, once", async () => {
  assert.ok(readdirSync(join(ROOT, "dist", folder())).includes(CHECK), "the build has the split module");
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  await fillEntry(page, 1, { registry: "registry.example.com", username: "deployer", secret: "not-a-real-token" });
  assert.equal(await entry(page, 1).getByTestId("auth-string").textContent(), coreutilsBase64("deployer:not-a-real-token"));
  await page.waitForLoadState("networkidle");
  assert.deepEqual(fetchedCheck(app), []);
  // The pointer on the Check tab fetches it ahead of the click.
  await page.getByRole("tab", { name: /^Check/ }).hover();
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/split_check_view.wasm")));
  await openView(page, "Check");
  await checkViewWorks(page);
  await openView(page, "Build");
  await openView(page, "Check");
  await checkViewWorks(page);
  assert.equal(fetchedCheck(app).length, 1);
  assert.deepEqual(await app.assertClean(), []);
  await app.context.close();
});

test("a split module that cannot be fetched, or whose bytes differ, shows a message and Try again", async () => {
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  const original = readFileSync(join(ROOT, "dist", folder(), CHECK));
  let mode = "slow";
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route(`**/${CHECK}`, async (route) => {
    if (mode === "slow") {
      await released;
      return route.abort("internetdisconnected");
    }
    if (mode === "offline") return route.abort("internetdisconnected");
    if (mode === "tampered") return route.fulfill({ body: Buffer.concat([original, Buffer.from([0])]), contentType: "application/wasm" });
    return route.continue();
  });
  await openView(page, "Check");
  // While the module is on its way, the panel says so.
  await page.getByTestId("part-loading").waitFor();
  assert.equal(await page.getByRole("status").filter({ hasText: "Loading this part of the page" }).count(), 1);
  mode = "offline";
  release();
  const failed = page.getByTestId("part-failed");
  await failed.waitFor();
  assert.equal(await page.getByTestId("part-loading").count(), 0);
  assert.match(await failed.textContent(), /could not be loaded/);
  // The rest of the page still answers.
  await openView(page, "Build");
  await fillEntry(page, 1, { registry: "registry.example.com", username: "u", secret: "not-a-real-token" });
  assert.equal(await entry(page, 1).getByTestId("auth-string").textContent(), coreutilsBase64("u:not-a-real-token"));

  mode = "tampered";
  await openView(page, "Check");
  await failed.getByRole("button", { name: "Try again" }).click();
  await page.waitForFunction(() => performance.getEntriesByType("resource").filter((e) => e.name.endsWith("split_check_view.wasm")).length >= 2);
  await failed.waitFor();

  mode = "network";
  await failed.getByRole("button", { name: "Try again" }).click();
  await checkViewWorks(page);
  assert.equal(await failed.count(), 0);
  // Only the refused fetches and the loader's report of them are on record.
  const problems = (await app.assertClean()).filter((p) => !p.includes(CHECK) && !/console error: (TypeError|Failed to fetch|Failed to load resource: net::ERR_INTERNET_DISCONNECTED|.*integrity)/i.test(p));
  assert.deepEqual(problems, []);
  await app.context.close();
});

test("on a host that serves .wasm without application/wasm, the split parts load as the main module does", async () => {
  const app = await openApp(env.browser, env.server.url, {
    routes: [["**/*.wasm", async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), "content-type": "application/octet-stream" } });
    }]],
  });
  const { page } = app;
  // Ready: "Where to put it" and the footer's panels, split modules of the second step, came
  // or failed; they came, and no static copy is left in their place.
  assert.equal(await page.getByTestId("part-failed").count(), 0);
  assert.equal(await page.locator("[data-static-part]").count(), 0);
  await openView(page, "Check");
  await checkViewWorks(page);
  assert.equal(await page.getByTestId("part-failed").count(), 0);
  const wasm = app.requests.filter((r) => r.url.endsWith(".wasm")).map((r) => r.url.split("/").pop());
  assert.ok(wasm.includes(CHECK) && wasm.some((name) => name.startsWith("split_where_panel")), wasm.join(", "));
  assert.deepEqual(await app.assertClean(), []);
  await app.context.close();
});

// The split modules' loader, which holds their sha384, is folded into the glue (scripts/wasm_glue.py).
test("the app's JavaScript module runs only if its bytes match the build's sha384 in index.html", async () => {
  const name = "auth-config-builder.js";
  assert.deepEqual(readdirSync(join(ROOT, "dist", folder())).filter((file) => file.endsWith(".js")), [name]);
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const original = readFileSync(join(ROOT, "dist", folder(), name));
  await page.route(`**/${folder()}/${name}`, (route) =>
    route.fulfill({ body: Buffer.concat([original, Buffer.from("\n// not the build's bytes\n")]), contentType: "text/javascript" }));
  await page.goto(env.server.url);
  await page.locator("html[data-boot-failed]").waitFor({ state: "attached" });
  assert.equal(await page.locator("html[data-app-ready]").count(), 0, `${name} changed, yet the app started`);
  await context.close();
});
