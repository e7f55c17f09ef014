// A first paint that does not wait for the wasm: index.html carries the landing view rendered
// at build time, live from the first paint; the takeover moves nothing and loses nothing typed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useServerAndBrowser, openApp, entry, fillEntry, configValue, coreutilsBase64, ROOT, heldBack } from "./support/harness.mjs";
import { settled } from "./support/work.mjs";

const env = useServerAndBrowser();

test("index.html holds the real landing view, inert, under <html data-prerendered>", async () => {
  const html = readFileSync(`${ROOT}/dist/index.html`, "utf8");
  assert.match(html, /<html[^>]*\bdata-prerendered\b/);
  assert.match(html, /<div id="prerendered" inert>/);
  // Made live by a classic script, its first child, before anything in it is styled (a later
  // switch restyles the whole copy in a long task after the first paint).
  assert.match(html, /<div id="prerendered" inert><script>[^<]*early\.inert = false;[^<]*<\/script><header /);
  for (const text of ["Registry 1", "Add registry", "Clear all", 'data-testid="docker-auth-config"', 'role="tab"']) {
    assert.ok(html.includes(text), `${text} in the static page`);
  }
  assert.ok(!/ style="/.test(html), "no inline style (the CSP forbids it)");
  assert.ok(!html.includes("127.0.0.1"), "nothing of the build machine");
  // Without JavaScript the same page shows, with the note beside it.
  const context = await env.browser.newContext({ javaScriptEnabled: false, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(env.server.url);
  assert.ok(await page.locator("#prerendered fieldset").first().isVisible(), "registry 1 shows");
  assert.match(await page.locator("noscript").textContent(), /needs JavaScript and WebAssembly/);
  assert.ok(await page.getByTestId("docker-auth-config").isVisible(), "the value shows");
  await context.close();
});

test("the app takes over without moving anything, and typing works from then on", async () => {
  const app = await openApp(env.browser, env.server.url, {
    contextOptions: { viewport: { width: 1440, height: 900 } },
    initScripts: [
      () => {
        window.__shifts = [];
        new PerformanceObserver((list) => list.getEntries().forEach((e) => !e.hadRecentInput && window.__shifts.push(e.value))).observe({ type: "layout-shift", buffered: true });
      },
    ],
  });
  const { page } = app;
  // The frames after the takeover are where a shift would show.
  await settled(page);
  const cls = await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));
  assert.ok(cls <= 0.05, `cumulative layout shift ${cls}`);
  assert.equal(await page.locator("#prerendered").count(), 0, "the static copy is gone");
  assert.equal(await page.getByRole("group", { name: "Registry 1", exact: true }).count(), 1);
  await fillEntry(page, 1, { registry: "quay.io", username: "u", secret: "not-a-real-token" });
  assert.match(await configValue(page), /quay\.io/);
  assert.deepEqual(await app.assertClean(), []);
  await app.context.close();
});

test("the app takes the copy's place whole: no part of the landing view mounts after it", async () => {
  // The start mounts its parts in tasks of their own (src/ui/deferred.rs), some inside others
  // (each snippet inside the snippets panel inside the Build view); the swap must wait for all.
  const app = await openApp(env.browser, env.server.url, {
    initScripts: [
      () => {
        window.__late = [];
        new MutationObserver((records) => {
          // The app itself comes in at that moment (`#app`), whole ("Where to put it" in the
          // start's second step, src/ui/late_part.rs, a task before the app is marked ready).
          if (!document.documentElement.hasAttribute("data-app-ready")) return;
          for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && n.id !== "app") window.__late.push(n.outerHTML.slice(0, 80));
        }).observe(document, { childList: true, subtree: true });
      },
    ],
  });
  const { page } = app;
  // Every part the start mounts, there; then a frame and its tasks: a late part would show here.
  for (const part of ["registry-key", "docker-auth-config", "variables-to-create", "share-link"]) await page.getByTestId(part).waitFor({ state: "attached" });
  await settled(page);
  assert.deepEqual(await page.evaluate(() => window.__late), [], "elements added after data-app-ready");
  for (const part of ["registry-key", "docker-auth-config", "variables-to-create", "share-link"]) {
    assert.equal(await page.getByTestId(part).count(), 1, `${part} is there`);
  }
  assert.ok((await page.locator("#app article.snippet").count()) >= 2, "the recommended snippets are there");
  assert.deepEqual(await app.assertClean(), []);
  await app.context.close();
});


test("what is typed, ticked, chosen and clicked before the app runs is carried over", async () => {
  const { context, page, problems, release } = await heldBack(env, env.server.url);
  // Live from the first paint, while the wasm has not even arrived.
  await page.waitForFunction(() => document.getElementById("prerendered")?.inert === false);
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute("data-app-ready")), false);
  const copy = page.locator("#prerendered");
  await copy.locator("#entry-0-registry").fill("quay.io");
  await copy.locator("#entry-0-secret").fill("not-a-real-token");
  await copy.locator("#pretty").check();
  await copy.locator("#creds-store").selectOption("ecr-login");
  await copy.locator("#situation-executor-kubernetes").check();
  await copy.getByRole("button", { name: "Add registry" }).click();
  await copy.locator("#entry-0-username").fill("robot");
  await copy.locator("#entry-0-username").evaluate((input) => input.setSelectionRange(2, 2));
  assert.equal(await page.evaluate(() => document.activeElement.id), "entry-0-username");
  release();
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  assert.equal(await page.locator("#prerendered").count(), 0, "the static copy is gone");
  const first = entry(page, 1);
  assert.equal(await first.getByLabel("Registry", { exact: true }).inputValue(), "quay.io");
  assert.equal(await first.getByLabel("Username", { exact: true }).inputValue(), "robot");
  assert.equal(await first.getByLabel("Password or token", { exact: true }).inputValue(), "not-a-real-token");
  await entry(page, 2).waitFor();
  assert.equal(await page.locator("#pretty").isChecked(), true);
  assert.equal(await page.locator("#creds-store").inputValue(), "ecr-login");
  assert.equal(await page.locator("#situation-executor-kubernetes").isChecked(), true);
  // The app computed from them: the pretty value holds quay.io's auth as coreutils encodes it.
  await page.waitForFunction(() => document.querySelector("[data-testid=docker-auth-config]").textContent.includes("quay.io"));
  const value = JSON.parse(await configValue(page));
  assert.equal(value.auths["quay.io"].auth, coreutilsBase64("robot:not-a-real-token"));
  assert.equal(value.credsStore, "ecr-login");
  assert.match(await configValue(page), /\n/, "pretty-printed");
  // The focus and the caret stay where they were.
  assert.deepEqual(await page.evaluate(() => [document.activeElement.id, document.activeElement.selectionStart]), ["entry-0-username", 2]);
  await page.keyboard.type("X");
  assert.equal(await first.getByLabel("Username", { exact: true }).inputValue(), "roXbot");
  assert.deepEqual(problems, []);
  await context.close();
});

test("embedded, where the app orders its controls otherwise, what is typed early still lands in the same fields", async () => {
  const { context, page, problems, release } = await heldBack(env, `${env.server.url}?embed`);
  await page.waitForFunction(() => document.getElementById("prerendered")?.inert === false);
  const copy = page.locator("#prerendered");
  await copy.locator("#entry-0-registry").fill("quay.io");
  await copy.locator("#entry-0-username").fill("robot");
  await copy.locator("#entry-0-secret").fill("not-a-real-token");
  await copy.locator("#pretty").check();
  release();
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  const first = entry(page, 1);
  assert.equal(await first.getByLabel("Registry", { exact: true }).inputValue(), "quay.io");
  assert.equal(await first.getByLabel("Username", { exact: true }).inputValue(), "robot");
  assert.equal(await first.getByLabel("Password or token", { exact: true }).inputValue(), "not-a-real-token");
  assert.equal(await page.locator("#pretty").isChecked(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test("under a share link the static copy takes no input: the link's setup shows once the app runs", async () => {
  const setup = { format: "auth-config-builder/setup-v1", entries: [{ registry: "quay.io", credentials: "basic" }] };
  const { context, page, release } = await heldBack(env, `${env.server.url}#setup=${Buffer.from(JSON.stringify(setup)).toString("base64url")}`, { live: false });
  await page.waitForFunction(() => document.documentElement.hasAttribute("data-booting"));
  assert.equal(await page.evaluate(() => document.getElementById("prerendered").inert), true);
  // Inert: it cannot take the focus, so typing goes nowhere.
  await page.locator("#prerendered #entry-0-registry").evaluate((el) => el.focus());
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "BODY");
  release();
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  assert.equal(await entry(page, 1).getByLabel("Registry", { exact: true }).inputValue(), "quay.io");
  await context.close();
});

test("a Japanese browser and a shared link get their state once the app runs", async () => {
  const japanese = await openApp(env.browser, env.server.url, { contextOptions: { locale: "ja-JP" } });
  await japanese.page.getByRole("group", { name: "レジストリ 1" }).waitFor();
  assert.equal(await japanese.page.evaluate(() => document.documentElement.lang), "ja");
  assert.deepEqual(await japanese.assertClean(), []);
  await japanese.context.close();
  const setup = { format: "auth-config-builder/setup-v1", entries: [{ registry: "quay.io", credentials: "basic" }] };
  const shared = await openApp(env.browser, `${env.server.url}#setup=${Buffer.from(JSON.stringify(setup)).toString("base64url")}`);
  assert.equal(await entry(shared.page, 1).getByLabel("Registry", { exact: true }).inputValue(), "quay.io");
  await shared.context.close();
});

test("the static first paint is the largest contentful paint: the takeover does not count as a later one", async () => {
  for (let run = 0; run < 3; run++) {
    const app = await openApp(env.browser, env.server.url, {
      initScripts: [
        () => {
          window.__lcp = [];
          new PerformanceObserver((list) => window.__lcp.push(...list.getEntries().map((e) => e.startTime))).observe({ type: "largest-contentful-paint", buffered: true });
        },
      ],
    });
    await app.page.waitForFunction(() => window.__lcp.length > 0);
    const { lcp, fcp, start } = await app.page.evaluate(() => ({
      lcp: window.__lcp.at(-1),
      fcp: performance.getEntriesByName("first-contentful-paint")[0].startTime,
      start: performance.getEntriesByName("app-start")[0].startTime,
    }));
    assert.equal(lcp, fcp, "the largest contentful paint is the first paint");
    assert.ok(lcp < start, "painted before the app started");
    assert.deepEqual(await app.assertClean(), []);
    await app.context.close();
  }
});
