// Promises under hostile input: no secret in a "secret-free" link or file, Clear all forgets
// everything (also in the wasm memory), imports cannot silently redirect credentials, every
// count has a cap, and every import error is shown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useServerAndBrowser, startServer, openApp, openView, showAllSnippets, entry, fillEntry, configValue, coreutilsBase64, useApp } from "./support/harness.mjs";
import { watchMounts, mountsPerTask, watchTouches, touchedRows, settled, watchWasmMemory } from "./support/work.mjs";

const env = useServerAndBrowser();

const URL_PASSWORD = "not-a-real-url-pass-41";
const PROXY_PASSWORD = "not-a-real-proxy-pass-17";

/** The setup a link or file holds, decoded. */
function decodeLink(link) {
  return Buffer.from(link.split("#setup=")[1], "base64url").toString();
}

function linkFor(setup) {
  return `${env.server.url}#setup=${Buffer.from(JSON.stringify({ format: "auth-config-builder/setup-v1", ...setup })).toString("base64url")}`;
}

test("credentials typed inside URL fields stay out of the share link, the file and the snippets", async (t) => {
  const { app, page } = await useApp(t, env, env.server.url, { contextOptions: { acceptDownloads: true } });
  await fillEntry(page, 1, { registry: `https://robot:${URL_PASSWORD}@registry.example.com`, username: "robot", secret: "not-a-real-token" });
  // The generator names the real problem, not an invalid port.
  await entry(page, 1).locator('[data-testid="finding"][data-code="registry-credentials"]').waitFor();
  assert.equal(await entry(page, 1).locator('[data-code="registry-port-invalid"]').count(), 0);
  assert.ok(!(await entry(page, 1).locator('[data-code="registry-credentials"]').textContent()).includes(URL_PASSWORD));
  assert.ok(!(await configValue(page)).includes(URL_PASSWORD));

  await showAllSnippets(page);
  await page.getByLabel("Proxy URL").fill(`http://proxyuser:${PROXY_PASSWORD}@proxy.example.com:3128`);
  await page.getByLabel("GitLab URL").fill(`https://admin:${URL_PASSWORD}@gitlab.example.com`);
  await page.getByLabel("Kaniko image").fill(`user:${URL_PASSWORD}@registry.example.com/kaniko:1`);

  const link = await page.getByTestId("share-link").textContent();
  const decoded = decodeLink(link);
  for (const secret of [URL_PASSWORD, PROXY_PASSWORD, "robot:", "proxyuser", "admin:"]) assert.ok(!decoded.includes(secret), `${secret} in ${decoded}`);
  assert.match(decoded, /registry\.example\.com/);
  await page.getByTestId("share-userinfo-note").waitFor();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export setup file" }).click()]);
  const file = readFileSync(await download.path(), "utf8");
  for (const secret of [URL_PASSWORD, PROXY_PASSWORD]) assert.ok(!file.includes(secret), `${secret} in the file`);

  const proxySnippet = await page.getByTestId("snippet-register-proxy").textContent();
  assert.ok(!proxySnippet.includes(PROXY_PASSWORD), proxySnippet);
  assert.match(proxySnippet, /read -rs PROXY_PASSWORD/);
  assert.match(proxySnippet, /"\$\{PROXY_USER\}:\$\{PROXY_PASSWORD\}"/);
  assert.ok(!proxySnippet.includes("proxyuser"), "the proxy's user goes into PROXY_USER too");
  for (const id of ["register-linux", "register-docker", "register-windows"]) {
    assert.ok(!(await page.getByTestId(`snippet-${id}`).textContent()).includes(URL_PASSWORD), id);
  }
});

test("Clear all resets every field, option and import, and wipes the secret from the wasm memory", async () => {
  const secret = "not-a-real-wipe-token-zq7x9";
  const username = "wipe-user-k3";
  // The app's linear memory, from the event Trunk's loader dispatches once the wasm runs.
  const app = await openApp(env.browser, env.server.url, {
    initScripts: [watchWasmMemory],
  });
  const { page } = app;
  const inMemory = (text) => page.evaluate((needle) => window.__inWasmMemory(needle), text);
  await fillEntry(page, 1, { registry: "registry.example.com", username, secret });
  const auth = coreutilsBase64(`${username}:${secret}`);
  assert.equal(JSON.parse(await configValue(page)).auths["registry.example.com"].auth, auth);
  await showAllSnippets(page);
  await page.getByLabel("Proxy URL").fill(`http://p:${PROXY_PASSWORD}@proxy.example.com:3128`);
  await page.getByLabel("Docker version").selectOption("27.5.1");
  await openView(page, "Check");
  await page.getByLabel("Existing config").fill(JSON.stringify({ auths: { "x.example.com": { auth: coreutilsBase64(`u:${secret}-pasted`) } } }));
  await page.getByLabel("Image", { exact: true }).fill("x.example.com/app:1");
  // The test can see the secret before: it is not vacuous.
  for (const text of [secret, auth, PROXY_PASSWORD]) assert.ok(await inMemory(text), `${text} in memory before Clear all`);

  await page.getByRole("button", { name: "Clear all" }).click();
  // The state it stands for: the page says it cleared, and the memos have run again.
  await page.getByTestId("cleared").filter({ hasText: /./ }).waitFor();
  await settled(page);
  for (const text of [secret, auth, PROXY_PASSWORD, `${secret}-pasted`]) assert.ok(!(await inMemory(text)), `${text} still in the wasm memory after Clear all`);
  assert.equal(await page.getByLabel("Existing config").inputValue(), "");
  assert.equal(await page.getByLabel("Image", { exact: true }).inputValue(), "");
  await openView(page, "Build");
  await showAllSnippets(page);
  assert.equal(await page.getByLabel("Proxy URL").inputValue(), "http://yourproxyurl:3128");
  assert.equal(await page.getByLabel("Docker version").inputValue(), await defaultDockerVersion(page));
  const html = await page.content();
  for (const text of [secret, PROXY_PASSWORD]) assert.ok(!html.includes(text), `${text} in the DOM after Clear all`);
  assert.deepEqual(await app.assertClean(), []);
  await app.context.close();
});

/** The Docker version a fresh page shows. */
async function defaultDockerVersion(page) {
  const fresh = await page.context().newPage();
  await fresh.goto(env.server.url);
  await fresh.locator("html[data-app-ready]").waitFor({ state: "attached" });
  await fresh.getByLabel("Show all snippets").check();
  const value = await fresh.getByLabel("Docker version").inputValue();
  await fresh.close();
  return value;
}

test("removing a registry wipes its secret from the wasm memory", async () => {
  // Long, so that its freed block is not simply reused and overwritten by chance.
  const secret = "not-a-real-removed-token-" + "p2q7".repeat(500) + "-end";
  const app = await openApp(env.browser, env.server.url, {
    initScripts: [watchWasmMemory],
  });
  const { page } = app;
  const inMemory = (text) => page.evaluate((needle) => new TextDecoder("latin1").decode(new Uint8Array(window.__wasmMemory.buffer)).includes(needle), text);
  await page.getByRole("button", { name: "Add registry" }).click();
  await fillEntry(page, 2, { registry: "registry.example.com", username: "u", secret });
  const middle = "p2q7".repeat(100);
  assert.ok(await inMemory(middle));
  await entry(page, 2).getByRole("button", { name: "Remove registry" }).click();
  await entry(page, 2).waitFor({ state: "detached" });
  await settled(page);
  assert.ok(!(await inMemory(middle)), "the removed registry's secret is still in the wasm memory");
  await app.context.close();
});

test("an imported setup's options are marked and wait for confirmation before they reach the snippets", async () => {
  const link = linkFor({
    entries: [{ registry: "registry.example.com", credentials: "basic" }],
    snippets: { kaniko_image: "evil.example.com/kaniko:debug", runner: { gitlab_url: "https://gitlab.evil.example.com" } },
  });
  const app = await openApp(env.browser, link);
  const { page } = app;
  await page.getByTestId("pending-import").waitFor();
  await showAllSnippets(page);
  const pending = await page.getByTestId("pending-import").locator("[data-option]").evaluateAll((els) => els.map((e) => e.dataset.option));
  assert.deepEqual(pending.sort(), ["gitlab-url", "kaniko-image"]);
  // Shown in their fields, with a mark tied to the field…
  assert.equal(await page.getByLabel("Kaniko image").inputValue(), "evil.example.com/kaniko:debug");
  const described = await page.getByLabel("Kaniko image").getAttribute("aria-describedby");
  assert.match(await page.locator(`#${described}`).textContent(), /from the import/);
  // …but not used until confirmed.
  assert.ok(!(await page.getByTestId("snippet-kaniko").textContent()).includes("evil.example.com"));
  assert.ok(!(await page.getByTestId("snippet-register-linux").textContent()).includes("evil.example.com"));
  await page.getByRole("button", { name: "Use the imported options" }).click();
  assert.ok((await page.getByTestId("snippet-kaniko").textContent()).includes("evil.example.com/kaniko:debug"));
  assert.ok((await page.getByTestId("snippet-register-linux").textContent()).includes("gitlab.evil.example.com"));
  assert.equal(await page.locator("[data-imported]").count(), 0);
  assert.deepEqual(await app.assertClean(), []);
  await app.context.close();

  // Discard puts them back to the defaults.
  const again = await openApp(env.browser, link);
  await showAllSnippets(again.page);
  await again.page.getByRole("button", { name: "Discard them" }).click();
  assert.ok(!(await again.page.getByLabel("Kaniko image").inputValue()).includes("evil"));
  assert.ok(!(await again.page.getByTestId("snippet-kaniko").textContent()).includes("evil"));
  await again.context.close();
});

test("an imported credsStore outside the list is shown by name", async () => {
  const app = await openApp(env.browser, linkFor({ entries: [], credsStore: "evilhelper" }));
  const { page } = app;
  await page.getByTestId("share-message").filter({ hasText: "imported" }).waitFor();
  assert.equal(await page.getByLabel("Credential store (credsStore)").inputValue(), "other");
  assert.equal(await page.getByLabel("Credential store name").inputValue(), "evilhelper");
  assert.equal(JSON.parse(await configValue(page)).credsStore, "evilhelper");
  await app.context.close();
});

test("a malformed #setup= link says why, and a second link pasted into an open tab is applied", async (t) => {
  const { app, page } = await useApp(t, env);
  const cases = [
    ["#setup=***", /damaged/],
    ["#setup=" + Buffer.from("{not json").toString("base64url"), /not valid JSON/],
    ["#setup=" + Buffer.from(JSON.stringify({ entries: [] })).toString("base64url"), /not a setup/],
    ["#setup=" + Buffer.from(JSON.stringify({ format: "other/v9" })).toString("base64url"), /not a setup/],
    ["#setup=" + Buffer.from("\u00ff\u00fe").toString("base64url"), /damaged|not valid JSON/],
    ["#setup=" + Buffer.from(JSON.stringify({ format: "auth-config-builder/setup-v1", entries: Array(1000).fill({}) })).toString("base64url"), /more than 100 registries/],
  ];
  for (const [fragment, message] of cases) {
    await page.evaluate((f) => (location.hash = f), fragment);
    await page.getByTestId("share-message").filter({ hasText: message }).waitFor();
  }
  await page.evaluate((f) => (location.hash = f), new URL(linkFor({ entries: [{ registry: "quay.io", credentials: "basic" }] })).hash);
  await page.getByTestId("share-message").filter({ hasText: "imported" }).waitFor();
  assert.equal(await entry(page, 1).getByLabel("Registry", { exact: true }).inputValue(), "quay.io");
});

test("a setup file is sized before it is read", async (t) => {
  const { app, page } = await useApp(t, env);
  const big = Buffer.alloc(3 * 1024 * 1024, " ");
  await page.getByLabel("Import setup file").setInputFiles({ name: "big.json", mimeType: "application/json", buffer: big });
  await page.getByTestId("share-message").filter({ hasText: "too large" }).waitFor();
});

test("registries are capped at 100: adding, importing and edit in generator stop there and say so", async (t) => {
  const { app, page } = await useApp(t, env, linkFor({ entries: Array.from({ length: 100 }, (_, i) => ({ registry: `r${i}.example.com`, credentials: "basic" })) }));
  await entry(page, 100).waitFor();
  await page.getByRole("button", { name: "Add registry" }).click();
  await page.getByTestId("registries-full").filter({ hasText: "at most 100" }).waitFor();
  assert.equal(await page.getByRole("group", { name: /^Registry \d+$/ }).count(), 100);
  // Clear all at the cap (the rows it mounts per task are counted in "each cap, at the cap and at
  // ten times it"; `make bench` measures its tasks).
  await page.getByRole("button", { name: "Clear all" }).click();
  assert.equal(await page.getByRole("group", { name: /^Registry \d+$/ }).count(), 1);

  const auths = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`r${i}.example.com`, { auth: coreutilsBase64(`u:not-a-real-${i}`) }]));
  await openView(page, "Check");
  await page.getByLabel("Existing config").fill(JSON.stringify({ auths }));
  await page.getByRole("button", { name: "Edit in generator" }).click();
  await page.getByTestId("edit-left-out").filter({ hasText: "100 / 1000" }).waitFor();
  await entry(page, 100).waitFor();
  assert.equal(await page.getByRole("group", { name: /^Registry \d+$/ }).count(), 100);
  // The note is above the first registry, where the page opens, not under the 100th.
  const note = await page.getByTestId("edit-left-out").boundingBox();
  assert.ok(note.y + note.height <= (await entry(page, 1).boundingBox()).y, "the cut is said above the registries");
});

test("each click on Copy restarts the Copied period", async () => {
  // The period starts once the clipboard has taken the text, which happens in real time, not on
  // the page's fake clock. The clock moves only after each write has finished: moved earlier, a
  // slow machine starts the period late and the test measures the wrong period.
  const countClipboardWrites = () => {
    const clipboard = navigator.clipboard;
    const writeText = clipboard.writeText.bind(clipboard);
    window.__clipboardWrites = 0;
    clipboard.writeText = async (text) => {
      await writeText(text);
      window.__clipboardWrites += 1;
    };
  };
  const app = await openApp(env.browser, env.server.url, {
    contextOptions: { permissions: ["clipboard-read", "clipboard-write"] },
    initScripts: [countClipboardWrites],
  });
  const { page } = app;
  await page.clock.install();
  const button = page.getByRole("button", { name: "Copy DOCKER_AUTH_CONFIG" });
  const clickCopy = async (writes) => {
    await button.click();
    // This tests the Copied timer itself, under a fake page clock that also stops the page's
    // frames: the test polls from outside, on a real-time timer, until the write has finished.
    for (let polls = 0; (await page.evaluate(() => window.__clipboardWrites)) < writes; polls++) {
      assert.ok(polls < 200, `clipboard write ${writes} finished`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  await clickCopy(1);
  assert.equal(await button.getAttribute("data-copy-state"), "copied");
  await page.clock.runFor(1500);
  await clickCopy(2);
  await page.clock.runFor(1000);
  assert.equal(await button.getAttribute("data-copy-state"), "copied", "the second click's period is still running");
  await page.clock.runFor(1500);
  assert.equal(await button.getAttribute("data-copy-state"), "idle");
  assert.deepEqual(await app.assertClean(), []);
  await app.context.close();
});

test("embedded, the frame's height says nothing about a secret's length (1 to 120 characters)", async () => {
  const portal = await startServer({ root: new URL("./portal", import.meta.url).pathname, prefix: "/docs/" });
  const context = await env.browser.newContext({ viewport: { width: 800, height: 600 } });
  try {
    const page = await context.newPage();
    await page.goto(`${portal.url}?app=${encodeURIComponent(env.server.url)}`);
    const frame = page.frameLocator("iframe");
    await fillEntry(frame, 1, { registry: "registry.example.com", username: "deploy-user" });
    // Layout may follow the findings (a finding about a value's length is a legitimate output),
    // never the length itself: one height for each set of findings shown.
    const heights = new Map();
    for (let length = 1; length <= 120; length++) {
      await fillEntry(frame, 1, { secret: "aB3-x9_Q".repeat(15).slice(0, length) });
      // What may follow the length: the findings, and whether GitLab can mask the variable.
      const { height, codes } = await frame.locator("html").evaluate((root) => ({
        height: root.offsetHeight,
        codes: [
          ...[...document.querySelectorAll("[data-code]")].map((e) => e.getAttribute("data-code")).sort(),
          ...[...document.querySelectorAll("[data-testid=variables-to-create] td:last-child")].map((e) => e.textContent),
        ].join(" "),
      }));
      if (!heights.has(codes)) heights.set(codes, new Map());
      heights.get(codes).set(height, [...(heights.get(codes).get(height) ?? []), length]);
    }
    for (const [codes, byHeight] of heights) {
      assert.equal(byHeight.size, 1, `findings '${codes}': heights ${JSON.stringify([...byHeight].map(([h, ls]) => [h, ls[0], ls.at(-1)]))}`);
    }
    // The frame follows the page, down as well as up.
    const last = await frame.locator("html").evaluate((root) => root.offsetHeight);
    await page.waitForFunction((h) => window.heights.at(-1) === h, last);
    await frame.getByRole("button", { name: "Add registry" }).click();
    await page.waitForFunction((h) => window.heights.at(-1) > h, last);
    await entry(frame, 2).getByRole("button", { name: "Remove registry" }).click();
    await page.waitForFunction((h) => window.heights.at(-1) === h, last);
  } finally {
    await context.close();
    await portal.stop();
  }
});

// Each cap, at the cap and at ten times it: the work that keeps every task short (ROWS_PER_TASK
// registry rows, 25 resolver rows, at most the cap) and a message past it. How long the tasks
// take is a figure of `make bench` (BENCHMARKS.md, "At the caps"), not a test's.
const ROW = "fieldset.entry";

test("each cap, at the cap and at ten times it: rows mount a batch per task, and the cap holds with a message", async () => {
  const entries = (n) => Array.from({ length: n }, (_, i) => ({ registry: `r${i}.example.com`, credentials: "basic", username: `u${i}` }));
  for (const n of [100, 1000]) {
    const app = await openApp(env.browser, env.server.url);
    const { page } = app;
    await watchMounts(page, ROW);
    await page.evaluate((hash) => (location.hash = hash), linkFor({ entries: entries(n) }).split("#")[1]);
    if (n > 100) {
      // Refused whole, with the reason; the page holds what it held.
      await page.getByTestId("share-message").filter({ hasText: "more than 100 registries" }).waitFor();
      assert.equal(await page.getByRole("group", { name: /^Registry \d+$/ }).count(), 1);
      await app.context.close();
      continue;
    }
    await entry(page, 100).waitFor();
    const batches = await mountsPerTask(page);
    assert.ok(Math.max(...batches) <= 6, `a link with ${n} registries: rows per task ${JSON.stringify(batches)}`);
    assert.equal(batches.reduce((a, b) => a + b, 0), 100);
    assert.equal(await page.getByRole("group", { name: /^Registry \d+$/ }).count(), 100);
    // A keystroke in row 50 touches row 50 alone.
    await watchTouches(page);
    await fillEntry(page, 50, { secret: "not-a-real-token" });
    await settled(page);
    assert.deepEqual(await touchedRows(page), [await entry(page, 50).evaluate((g) => g.id)], "typing with 100 imported");
    // Clear all: one row again.
    await page.getByRole("button", { name: "Clear all" }).first().click();
    await entry(page, 2).waitFor({ state: "detached" });
    assert.equal(await page.getByRole("group", { name: /^Registry \d+$/ }).count(), 1);
    assert.deepEqual(await app.assertClean(), []);
    await app.context.close();
  }
  for (const n of [200, 2000]) {
    const app = await openApp(env.browser, env.server.url);
    const { page } = app;
    await openView(page, "Check");
    const flow = `build:\n  image: registry.example.com/app:1\n  services: [${Array.from({ length: n - 1 }, (_, i) => `registry.example.com/s${i}:1`).join(", ")}]\n`;
    await watchMounts(page, '[data-testid="resolution"]');
    await page.getByLabel("Image", { exact: true }).fill(flow);
    await page.getByTestId("resolution").nth(199).waitFor();
    await settled(page);
    const batches = await mountsPerTask(page);
    assert.ok(Math.max(...batches) <= 25, `a flow list of ${n} images: rows per task ${JSON.stringify(batches)}`);
    assert.equal(await page.getByTestId("resolution").count(), 200);
    // The image and n - 1 services: n images.
    assert.equal(await page.getByTestId("resolver-more").count(), n > 200 ? 1 : 0);
    assert.deepEqual(await app.assertClean(), []);
    await app.context.close();
  }
  for (const n of [100, 1000]) {
    const app = await openApp(env.browser, env.server.url);
    const { page } = app;
    await openView(page, "Check");
    const auths = Object.fromEntries(Array.from({ length: n }, (_, i) => [`r${i}.example.com`, { auth: coreutilsBase64(`u:not-a-real-${i}`) }]));
    await page.getByLabel("Existing config").fill(JSON.stringify({ auths }));
    await page.getByRole("button", { name: "Edit in generator" }).click();
    await page.getByRole("group", { name: "Registry 1", exact: true }).waitFor();
    await watchMounts(page, ROW);
    await entry(page, 100).waitFor();
    const batches = await mountsPerTask(page);
    assert.ok(Math.max(0, ...batches) <= 6, `edit in generator with ${n} entries: rows per task ${JSON.stringify(batches)}`);
    assert.equal(await page.getByRole("group", { name: /^Registry \d+$/ }).count(), 100, "at most the cap");
    assert.deepEqual(await app.assertClean(), []);
    await app.context.close();
  }
});

test("text fields stop at their limit and say so; keystrokes stay cheap after the largest paste", async (t) => {
  const { app, page } = await useApp(t, env);
  const secret = entry(page, 1).getByLabel("Password or token", { exact: true });
  await fillEntry(page, 1, { registry: "registry.example.com", username: "u" });
  // A megabyte pasted into the password: kept to 65,536 characters, with a note tied to the field.
  const huge = "x".repeat(1024 * 1024);
  await secret.focus();
  await page.keyboard.insertText(huge);
  assert.equal((await secret.inputValue()).length, 65536);
  const note = entry(page, 1).getByTestId("field-limit");
  await note.filter({ hasText: "At most 65536 characters" }).waitFor();
  assert.match(await secret.getAttribute("aria-describedby"), new RegExp(await note.getAttribute("id")));
  assert.equal(JSON.parse(await configValue(page)).auths["registry.example.com"].auth, coreutilsBase64(`u:${"x".repeat(65536)}`));
  // Typing elsewhere afterwards touches that row alone: the 64 KiB token is not encoded again.
  await page.getByRole("button", { name: "Add registry" }).click();
  await entry(page, 2).waitFor();
  await watchTouches(page);
  await entry(page, 2).getByLabel("Username", { exact: true }).pressSequentially("deploy");
  await settled(page);
  assert.deepEqual(await touchedRows(page), [await entry(page, 2).evaluate((g) => g.id)], "typing beside a 64 KiB token");
  // The other limits: names at 1,024, pasted configs at 1 Mi.
  await entry(page, 2).getByLabel("Registry", { exact: true }).focus();
  await page.keyboard.insertText("r".repeat(5000));
  assert.equal((await entry(page, 2).getByLabel("Registry", { exact: true }).inputValue()).length, 1024);
  await entry(page, 2).getByTestId("field-limit").filter({ hasText: "At most 1024 characters" }).waitFor();
  await openView(page, "Check");
  await page.getByLabel("Existing config").focus();
  await page.keyboard.insertText(" ".repeat(1024 * 1024 + 10));
  assert.equal((await page.getByLabel("Existing config").inputValue()).length, 1024 * 1024);
  await page.getByTestId("field-limit").filter({ hasText: "At most 1048576 characters" }).waitFor();
});
