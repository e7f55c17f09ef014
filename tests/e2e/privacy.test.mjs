// The promise, checked: no request after load, nothing leaves or sticks, strict CSP, and the
// secret fields opt out of everything that could send or keep their text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { useServerAndBrowser, openApp, entry, fillEntry, configValue, PREFIX, ROOT, useApp } from "./support/harness.mjs";

const env = useServerAndBrowser();

const TYPICAL = [{ registry: "registry.gitlab.com", username: "gitlab+deploy-token-7", secret: "not-a-real-gldt-token-1234" }];
const HOSTILE = Array.from({ length: 10 }, (_, i) => ({
  registry: `registry-${i}.example.com:${5000 + i}`,
  username: `üser-${i}-日本`,
  secret: `nøt-real-${i}-` + "秘".repeat(10) + "s".repeat(960) + `-end${i}`,
}));

async function fillAll(page, entries) {
  for (const [i, input] of entries.entries()) {
    if (i > 0) await page.getByRole("button", { name: "Add registry" }).click();
    await fillEntry(page, i + 1, input);
  }
}

/** Every place a secret could stick, as one string per place. */
async function persistedState(page) {
  return page.evaluate(async () => {
    const dump = (s) => JSON.stringify(Object.fromEntries(Object.keys(s).map((k) => [k, s.getItem(k)])));
    const caches_ = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) caches_.push(req.url, await (await cache.match(req)).text());
    }
    const dbs = (await indexedDB.databases()).map((d) => d.name);
    return { local: dump(localStorage), session: dump(sessionStorage), cookies: document.cookie, href: location.href, caches: caches_.join("\n"), indexedDB: dbs.join(",") };
  });
}

for (const [name, inputs] of [["typical", TYPICAL], ["hostile", HOSTILE]]) {
  test(`${name} inputs: no request after load, no secret stored, in a URL or in the console`, async () => {
    // Counts the Privacy panel's polls (each reads the resource entries), so the test can wait
    // for one to have run instead of for a time.
    const countPolls = () => {
      window.__resourcePolls = 0;
      const read = Performance.prototype.getEntriesByType;
      Performance.prototype.getEntriesByType = function (type) {
        if (type === "resource") window.__resourcePolls++;
        return read.call(this, type);
      };
    };
    const app = await openApp(env.browser, env.server.url, { initScripts: [countPolls] });
    const { page, requests, consoleMessages } = app;
    // Whatever the start still fetches (the Japanese texts, a module) has been fetched.
    await page.waitForLoadState("networkidle");
    const interactiveAt = Date.now();
    const logBefore = env.server.log.length;
    await fillAll(page, inputs);
    await page.getByLabel("Pretty-print").check();
    await page.getByRole("button", { name: "Copy DOCKER_AUTH_CONFIG" }).click();
    // The Privacy panel's timed refresh must fetch nothing: wait until one has run after the copy.
    const polls = await page.evaluate(() => window.__resourcePolls);
    await page.waitForFunction((before) => window.__resourcePolls > before, polls);
    const value = await configValue(page);
    for (const { secret } of inputs) assert.ok(!value.includes(secret));

    assert.ok(requests.length > 0);
    for (const r of requests) {
      assert.equal(r.method, "GET", r.url);
      assert.ok(r.url.startsWith(env.server.url), `${r.url} is under ${env.server.url}`);
      for (const { secret } of inputs) assert.ok(!r.url.includes(encodeURIComponent(secret).slice(0, 20)) && !r.url.includes(secret.slice(0, 20)));
    }
    assert.deepEqual(requests.filter((r) => r.at >= interactiveAt), [], "no request once interactive");
    assert.equal(env.server.log.length, logBefore, "the env.server saw nothing either");
    for (const entry of env.server.log) assert.ok(entry.path.startsWith(PREFIX) && entry.method === "GET", JSON.stringify(entry));

    const state = await persistedState(page);
    for (const { secret, username } of inputs) {
      for (const [where, text] of Object.entries(state)) {
        assert.ok(!text.includes(secret), `secret found in ${where}`);
        assert.ok(!text.includes(username) || where === "never", `username found in ${where}`);
      }
      assert.ok(!consoleMessages.join("\n").includes(secret), "secret in the console");
    }
    assert.deepEqual(await app.assertClean(), []);

    await page.getByRole("button", { name: "Clear all" }).click();
    const html = await page.content();
    for (const { secret, username } of inputs) {
      assert.ok(!html.includes(secret), "secret still in the DOM after Clear all");
      assert.ok(!html.includes(username), "username still in the DOM after Clear all");
    }
    const fieldValues = await page.locator("input, textarea").evaluateAll((els) => els.map((e) => e.value).join("\n"));
    for (const { secret } of inputs) assert.ok(!fieldValues.includes(secret), "secret still in a field after Clear all");
    assert.equal(await page.getByRole("group", { name: /^Registry \d+$/ }).count(), 1);
    await app.context.close();
  });
}

test("the CSP meta is first in <head>, pins the init script's hash, and nothing violates it", async () => {
  const html = readFileSync(`${ROOT}/dist/index.html`, "utf8");
  assert.match(html, /^<!DOCTYPE html>\s*<html[^>]*>\s*<head>\s*<meta http-equiv="Content-Security-Policy"/);
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  for (const directive of ["default-src 'none'", "connect-src 'self'", "style-src 'self'", "img-src 'self' data:", "manifest-src 'self'", "worker-src 'self'", "base-uri 'none'", "form-action 'none'", "object-src 'none'"]) {
    assert.ok(csp.includes(directive), directive);
  }
  assert.ok(!csp.includes("unsafe-inline") && !csp.includes("'unsafe-eval'"));
  // The boot script, and the one inside the static copy that makes it live.
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(inline.length, 2);
  const pinned = csp.match(/'sha256-[^']+'/g);
  assert.equal(pinned.length, 2, "one hash per inline script, no other");
  for (const script of inline) {
    const hash = createHash("sha256").update(script).digest("base64");
    assert.ok(pinned.includes(`'sha256-${hash}'`), "each inline script's hash is pinned");
  }
  assert.match(html, /<meta name="referrer" content="no-referrer">/);

  // A walk through the features sees no violation (also checked after every other test).
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  await fillAll(page, TYPICAL);
  await page.getByLabel("Pretty-print").check();
  await page.getByLabel("Theme").selectOption("dark");
  await page.getByLabel("Language").selectOption("ja");
  await page.getByLabel("言語").selectOption("en");
  await page.locator("details").first().locator("summary").click();
  assert.equal(await page.evaluate(() => window.__cspViolations.length), 0);
  assert.match(await page.getByTestId("privacy-violations").textContent(), /: 0\./);
  assert.match(await page.getByTestId("privacy-summary").textContent(), /All of them come from this page's own folder/);
  assert.deepEqual(await app.assertClean(), []);
  await app.context.close();
});

test("every field that can hold a secret opts out of spellcheck, autofill and password managers, also revealed", async () => {
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  const group = entry(page, 1);
  const expected = { spellcheck: "false", autocomplete: "off", autocorrect: "off", autocapitalize: "off", "data-1p-ignore": "true", "data-lpignore": "true", "data-bwignore": "true", "data-form-type": "other" };
  const check = async (locator, label) => {
    for (const [attr, value] of Object.entries(expected)) assert.equal(await locator.getAttribute(attr), value, `${label} ${attr}`);
  };
  const secret = group.getByLabel("Password or token", { exact: true });
  assert.equal(await secret.getAttribute("type"), "password");
  await check(secret, "secret");
  await check(group.getByLabel("Username", { exact: true }), "username");
  await check(group.getByLabel("Registry", { exact: true }), "registry");
  await group.getByRole("button", { name: "Show" }).click();
  assert.equal(await secret.getAttribute("type"), "text");
  await check(secret, "revealed secret");
  assert.equal(await page.locator("form").count(), 0, "no form that could submit");
  await app.context.close();
});

test("auto-clear forgets everything once the tab has been hidden for the chosen time", async () => {
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  await page.clock.install();
  await page.getByLabel("Clear when the tab is hidden for").selectOption("1");
  await fillEntry(page, 1, { registry: "registry.example.com", username: "u", secret: "not-a-real-token" });
  const hide = (hidden) =>
    page.evaluate((h) => {
      Object.defineProperty(document, "hidden", { configurable: true, get: () => h });
      document.dispatchEvent(new Event("visibilitychange"));
    }, hidden);
  // Back within the minute: nothing is lost.
  await hide(true);
  await page.clock.runFor(30_000);
  await hide(false);
  await page.clock.runFor(60_000);
  assert.equal(await entry(page, 1).getByLabel("Password or token", { exact: true }).inputValue(), "not-a-real-token");
  // Hidden for the full minute: cleared.
  await hide(true);
  await page.clock.runFor(61_000);
  assert.equal(await entry(page, 1).getByLabel("Password or token", { exact: true }).inputValue(), "");
  assert.equal(await page.evaluate(() => localStorage.getItem("auth-config-builder.auto-clear-minutes")), "1");
  await app.context.close();
});

test("the Privacy panel's file list is mounted when opened, and lists the files its summary counts", async (t) => {
  const { app, page } = await useApp(t, env);
  const list = page.getByTestId("privacy-resources");
  const toggle = page.getByText("Show every loaded file");
  assert.equal(await list.count(), 0, "closed, the list is not in the page");
  await toggle.click();
  await list.waitFor();
  const urls = await list.locator("li code").allTextContents();
  const counted = Number((await page.getByTestId("privacy-summary").textContent()).match(/\d+/)[0]);
  assert.equal(urls.length, counted);
  assert.ok(urls.includes(env.server.url), "the page itself");
  assert.ok(urls.some((url) => /\/wasm-[0-9a-f]+\/auth-config-builder_bg\.wasm$/.test(url)), "the wasm");
  assert.ok(urls.every((url) => url.startsWith(env.server.url)), "all from the page's own folder");
  await toggle.click();
  await list.waitFor({ state: "detached" });
});
