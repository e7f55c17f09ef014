// Shared setup for the browser tests: the release build served by a plain static server
// under a sub-path, Debian's Chromium driven by playwright-core, and guards that fail a test
// on any console error, page error, failed request or CSP violation.
import { spawn, execFileSync } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
export const PREFIX = "/tools/auth/";
const SERVE = fileURLToPath(new URL("./serve.mjs", import.meta.url));

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Starts `serve.mjs` as its own process (so a test can kill it to go offline). */
export async function startServer({ root = `${ROOT}/dist`, prefix = PREFIX, port = 0, headers = [] } = {}) {
  const args = [SERVE, "--root", root, "--prefix", prefix, "--port", String(port)];
  for (const h of headers) args.push("--header", h);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const log = [];
  const lines = createInterface({ input: child.stdout });
  let resolveListening;
  const listening = new Promise((r) => (resolveListening = r));
  lines.on("line", (line) => {
    const entry = JSON.parse(line);
    if (entry.listening) resolveListening(entry.listening);
    else log.push(entry);
  });
  const actualPort = await listening;
  const origin = `http://127.0.0.1:${actualPort}`;
  return {
    origin,
    port: actualPort,
    url: `${origin}${prefix}`,
    log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * Opens the app in a fresh context and records everything that could break the promise:
 * console errors, page errors, failed requests and CSP violations.
 */
export async function openApp(browser, url, { contextOptions = {}, initScripts = [], routes = [] } = {}) {
  const context = await browser.newContext({ serviceWorkers: "block", ...contextOptions });
  // [pattern, handler] pairs for `context.route`, in place before the first request.
  for (const [pattern, handler] of routes) await context.route(pattern, handler);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  const consoleMessages = [];
  page.on("console", (msg) => {
    consoleMessages.push(msg.text());
    if (msg.type() === "error") {
      problems.push(`console error: ${msg.text()}`);
    }
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  context.on("request", (req) => requests.push({ url: req.url(), method: req.method(), at: Date.now() }));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  for (const script of initScripts) await page.addInitScript(script);
  await page.goto(url);
  // The UI contract's "Ready": every control responds once <html> has data-app-ready.
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  return {
    context,
    page,
    problems,
    requests,
    consoleMessages,
    async assertClean() {
      const csp = await page.evaluate(() => window.__cspViolations);
      return [...problems, ...csp.map((v) => `CSP violation: ${v}`)];
    },
  };
}

/**
 * The app for one test, with its teardown: `const { app, page } = await useApp(t, env)` opens it
 * (at `url`, default the served release) and registers, on the test's own `t.after`, the check
 * that the page stayed clean (no console error, page error, failed request or CSP violation) and
 * the closing of its context, which run whatever the test did, failed or not.
 */
export async function useApp(t, env, url = env.server.url, options = {}) {
  const app = await openApp(env.browser, url, options);
  t.after(async () => {
    let problems;
    try {
      problems = await app.assertClean();
    } finally {
      await app.context.close();
    }
    assert.deepEqual(problems, [], "the page stayed clean");
  });
  return { app, page: app.page };
}

/**
 * A page whose wasm is held back until `release()`: the static copy is all there is. Returns once
 * the copy is live (its script has run; `live: false` for a page where it stays inert, under a
 * share link), with the console errors and page errors seen. `hold` picks what is held back (a
 * URL glob): one split module, for the start's second step.
 */
export async function heldBack(env, url, { live = true, hold = "**/*.wasm" } = {}) {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => msg.type() === "error" && problems.push(msg.text()));
  page.on("pageerror", (err) => problems.push(err.message));
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await page.route(hold, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(url, { waitUntil: "domcontentloaded" });
  // When `hold` is not the main wasm, the first step can take over before this wait starts, and
  // a copy already swapped away never turns live: then a copy that is gone counts.
  if (live) {
    await page.waitForFunction((swapMayCome) => {
      const copy = document.getElementById("prerendered");
      return copy ? copy.inert === false : swapMayCome;
    }, hold !== "**/*.wasm");
  }
  return { context, page, problems, release };
}

/** Pastes `text` into the inspector ("Existing config") as one input event: typing a megabyte would take long. */
export async function pasteConfig(page, text) {
  await page.getByLabel("Existing config").evaluate((el, t) => {
    el.value = t;
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
}

/** Clicks Fix, then returns the corrected value as shown. */
export async function fixConfig(page) {
  await page.getByRole("button", { name: "Fix", exact: true }).click();
  return page.getByTestId("inspect-fixed").textContent();
}

/** The inspector's findings as the UI contract exposes them. */
export const inspectFindings = (page) =>
  page
    .locator('[data-testid="inspect-finding"]')
    .evaluateAll((els) => els.map((e) => ({ code: e.dataset.code, severity: e.dataset.severity, key: e.dataset.key, token: e.dataset.tokenKind, text: e.textContent })));

export const codesOf = (findings) => findings.map((f) => f.code);

/** What coreutils prints for `printf '%s' "$text" | base64 -w 0`. */
export function coreutilsBase64(text) {
  return execFileSync("base64", ["-w", "0"], { input: Buffer.from(text, "utf8") }).toString();
}

/** The group of the n-th registry entry (1-based), found by its accessible name. */
export function entry(page, n) {
  return page.getByRole("group", { name: `Registry ${n}`, exact: true });
}

export async function fillEntry(page, n, { registry, username, secret }) {
  const group = entry(page, n);
  if (registry !== undefined) await group.getByLabel("Registry", { exact: true }).fill(registry);
  if (username !== undefined) await group.getByLabel("Username", { exact: true }).fill(username);
  if (secret !== undefined) await group.getByLabel("Password or token", { exact: true }).fill(secret);
}

/**
 * In the page (`page.evaluate(workerActivated, count)`): resolves once a service worker is
 * activated and its caches hold at least `count` files, a split module among them when `count`
 * is not 0; returns how many they hold. Not for `waitForFunction`, which does not wait for an
 * async function's promise (a promise is truthy, so it returns at once).
 */
export async function workerActivated(count) {
  const worker = (await navigator.serviceWorker.ready).active;
  while (worker.state !== "activated") await new Promise((resolve) => worker.addEventListener("statechange", resolve, { once: true }));
  for (;;) {
    const keys = [];
    for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) keys.push(new URL(r.url).pathname);
    if (keys.length >= count && (count === 0 || keys.some((p) => /split_.*\.wasm$/.test(p)))) return keys.length;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/** In the page: the centre of the first `selector` once the page is painted, else false (for `waitForFunction`). */
export function buttonCentre(selector) {
  // Once painted, as a user sees it: before its first frame, a part drawn lazily
  // (`content-visibility: auto`) still has its placeholder height and what follows it sits higher.
  if (!performance.getEntriesByName("first-contentful-paint").length) return false;
  const rect = document.querySelector(selector)?.getBoundingClientRect();
  return rect?.width > 0 && { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

/**
 * "Fully interactive" as `make bench` times it, on a page just navigated to (`waitUntil: "commit"`):
 * Add registry (the floor's button) clicked as a user does, then the page's own time (ms from
 * navigation) when the app's second registry field is there (the floor: its count changed).
 */
export async function addRegistryAtOnce(page, target) {
  // One press and release where the button is drawn, as soon as it is. A locator's click() would
  // first run its actionability checks, each a round trip that waits behind the page's start-up
  // tasks, and time those.
  const at = await (await page.waitForFunction(buttonCentre, target === "tool" ? "main button.add" : "button", { polling: "raf" })).jsonValue();
  await page.mouse.click(at.x, at.y);
  // Checked in the page at every frame, for both alike, and timed there: a locator's waitFor
  // polls at growing intervals (up to 500 ms), which timed Playwright, not the page. The app's
  // second registry row (`#app`: the static copy has one row, and other fields whose id ends in
  // -registry).
  const ready = target === "tool"
    ? () => document.querySelectorAll('#app input[id^="entry-"][id$="-registry"]').length > 1 && performance.now()
    : () => document.querySelector('[data-testid="count"]')?.textContent !== "0" && performance.now();
  return (await page.waitForFunction(ready, null, { polling: "raf" })).jsonValue();
}

/**
 * Fills `count` registry rows, adding rows as it goes, with placeholder values:
 * `registry-<i>.example.com<suffix>`, `user-<i>`, `not-a-real-token-<i>` (the benchmarks' pages).
 */
export async function fillRegistries(page, count, { suffix = "" } = {}) {
  for (let i = 1; i <= count; i++) {
    if (i > 1) await page.getByRole("button", { name: "Add registry" }).click();
    await fillEntry(page, i, { registry: `registry-${i}.example.com${suffix}`, username: `user-${i}`, secret: `not-a-real-token-${i}` });
  }
}

/** For the measuring scripts: the number after `name` in `args` (removed from it), or `fallback`. */
export function takeOption(args, name, fallback) {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args.splice(at, 2)[1]);
}

/** For the measuring scripts: a fresh context (no service worker) on `url`, the app ready, `count`
 * registries filled, scrolled to the top, then the CPU throttled `cpu` times; returns the
 * context, the page and its CDP session. */
export async function openFilled(browser, url, count, { cpu = 1 } = {}) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(url);
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  await fillRegistries(page, count, { suffix: ":5000" });
  await page.evaluate(() => window.scrollTo(0, 0));
  if (cpu > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
  return { context, page, cdp };
}

export async function configValue(page) {
  return page.getByTestId("docker-auth-config").textContent();
}

/** What the native core produces for a setup (examples/core_outputs.rs). */
export function coreOutputs(request) {
  const out = execFileSync("cargo", ["run", "-q", "-p", "registry-auth", "--example", "core_outputs"], {
    cwd: ROOT,
    input: JSON.stringify(request),
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString());
}

const REGISTRY_SH = fileURLToPath(new URL("../../../crates/registry-auth/tests/support/registry.sh", import.meta.url));

/** Starts a real registry (tests/support/registry.sh) with htpasswd users; returns its host. */
export function startRegistry(dir, users) {
  const args = ["start", dir, ...users.flatMap(({ username, password }) => [username, password])];
  const port = execFileSync("bash", [REGISTRY_SH, ...args], { stdio: ["ignore", "pipe", "inherit"] }).toString().trim();
  return {
    host: `127.0.0.1:${port}`,
    stop: () => execFileSync("bash", [REGISTRY_SH, "stop", dir], { stdio: "inherit" }),
  };
}

/** `skopeo inspect` of the proof image with `authfile`; returns {ok, stderr}. */
export function skopeoInspect(host, authfile) {
  try {
    execFileSync("skopeo", ["inspect", "--authfile", authfile, "--tls-verify=false", `docker://${host}/proof/image:1`], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    return { ok: true, stderr: "" };
  } catch (err) {
    return { ok: false, stderr: String(err.stderr) };
  }
}

/** A browser with a real, fresh profile on disk (installability is refused in incognito). */
export async function launchPersistent(userDataDir) {
  return chromium.launchPersistentContext(userDataDir, { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * One static server and one browser for a whole test file, started before its first test and
 * stopped after its last: `const env = useServerAndBrowser();` then `env.server`, `env.browser`.
 */
export function useServerAndBrowser() {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/** Opens one of the two views by its tab ("Build" or "Check"), as the UI contract says. */
export async function openView(page, name) {
  const tab = page.getByRole("tab", { name: new RegExp(`^${name}`) });
  await tab.click();
  await page.locator(`[role="tab"][aria-selected="true"]`).filter({ hasText: new RegExp(`^${name}`) }).waitFor();
}

/** Turns on "Show all snippets", so every snippet and its inputs are on the page. */
export async function showAllSnippets(page) {
  await page.getByLabel("Show all snippets").check();
}
