// Keystrokes cost what they change: typing in one registry touches that registry's row, the
// value and that registry's CI/CD variable rows; the other rows and the table's other rows keep
// their DOM (keyed lists, each row reading its own share of the output). "Where to put it" follows
// once the browser is idle, not in the keystroke's task (`src/ui/settled.rs`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openApp, entry, fillEntry, configValue, useApp } from "./support/harness.mjs";
import { settled } from "./support/work.mjs";

const env = useServerAndBrowser();

test("typing in one of five registries leaves the other rows and table rows untouched", async (t) => {
  const { app, page } = await useApp(t, env);
  for (let n = 1; n <= 5; n++) {
    if (n > 1) await page.getByRole("button", { name: "Add registry" }).click();
    await fillEntry(page, n, { registry: `registry-${n}.example.test:5000`, username: `user-${n}`, secret: `not-a-real-token-${n}` });
  }
  // Each "docker login" variable row of the table, kept by reference across the keystroke.
  await page.evaluate(() => {
    window.__rows = [...document.querySelectorAll('[data-testid="variables-to-create"] tbody tr')];
    window.__records = [];
    window.__observer = new MutationObserver((records) => window.__records.push(...records));
    window.__observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const before = await configValue(page);
  const auth3 = await entry(page, 3).getByTestId("auth-string").textContent();
  const secret3 = entry(page, 3).getByLabel("Password or token", { exact: true });
  await secret3.focus();
  await secret3.press("End");
  await secret3.pressSequentially("x");
  await page.waitForFunction((old) => document.querySelector('[data-testid="docker-auth-config"]').textContent !== old, before);
  await settled(page);
  const seen = await page.evaluate(() => {
    window.__observer.disconnect();
    const row = (node) => (node.nodeType === 1 ? node : node.parentElement)?.closest("fieldset.entry")?.id ?? null;
    return {
      rowsTouched: [...new Set(window.__records.map((r) => row(r.target)).filter(Boolean))],
      tableRowsReplaced: window.__records.filter((r) => r.type === "childList" && r.target.nodeName === "TBODY").length,
      tableRowsKept: window.__rows.every((tr) => tr.isConnected),
    };
  });
  const third = await entry(page, 3).evaluate((group) => group.id);
  assert.deepEqual(seen.rowsTouched, [third], "only registry 3's row changed");
  assert.equal(seen.tableRowsReplaced, 0, "no CI/CD variable row was removed or added");
  assert.ok(seen.tableRowsKept, "every CI/CD variable row is the same element as before");
  assert.notEqual(await entry(page, 3).getByTestId("auth-string").textContent(), auth3, "registry 3's auth changed");
  assert.ok((await configValue(page)).includes(await entry(page, 3).getByTestId("auth-string").textContent()), "the value has the new auth");
  // The password row of registry 3 shows the new password when revealed.
  const passwordRow = page.getByTestId("variables-to-create").locator("tbody tr").filter({ hasText: "registry-3" }).filter({ has: page.locator("code[data-masked]") });
  await passwordRow.getByRole("button", { name: "Show" }).click();
  assert.match(await passwordRow.locator("code[data-masked]").textContent(), /^not-a-real-token-3x$/);
});

test("a keystroke's task leaves Where to put it alone; the panel follows when idle, and Copy takes what the form says", async (t) => {
  const { app, page } = await useApp(t, env);
  await app.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.origin });
  await page.getByLabel("Show all snippets").check();
  for (let n = 1; n <= 3; n++) {
    if (n > 1) await page.getByRole("button", { name: "Add registry" }).click();
    await fillEntry(page, n, { registry: `registry-${n}.example.test`, username: `user-${n}`, secret: `not-a-real-token-${n}` });
  }
  await settled(page);
  const variableRow = '[data-testid="ci-variable"][data-variable="DOCKER_AUTH_CONFIG"] code.output-inline';
  const type = (suffix) =>
    page.evaluate(async ({ suffix, variableRow }) => {
      const value = document.querySelector('[data-testid="docker-auth-config"]');
      const before = value.textContent;
      const observer = new MutationObserver(() => {});
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      const input = document.querySelector("fieldset.entry input[type=password]");
      input.value = `not-a-real-token-1${suffix}`;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      // The keystroke's task, up to the value's update: what it changed.
      while (value.textContent === before) await Promise.resolve();
      const records = observer.takeRecords();
      observer.disconnect();
      const inPanel = records.filter((r) => (r.target.nodeType === 1 ? r.target : r.target.parentElement)?.closest(".where-panel")).length;
      return { inPanel, total: records.length, now: value.textContent, table: document.querySelector(variableRow).textContent };
    }, { suffix, variableRow });

  const first = await type("a");
  assert.ok(first.total > 0, "the keystroke changed the page");
  assert.equal(first.inPanel, 0, "the keystroke's task changed nothing in Where to put it");
  assert.notEqual(first.table, first.now, "the table still shows the value from before the keystroke");
  await settled(page);
  assert.equal(await page.locator(variableRow).textContent(), first.now, "once idle, the table shows the new value");
  assert.equal((await page.getByTestId("snippet-config-json-file").textContent()).includes(await entry(page, 1).getByTestId("auth-string").textContent()), true);

  // Copy pressed in the keystroke's own task still copies the snippet as the form now says.
  const { copied, staleAtClick } = await page.evaluate(async (variableRow) => {
    await navigator.clipboard.writeText("");
    const table = document.querySelector(variableRow).textContent;
    const input = document.querySelector("fieldset.entry input[type=password]");
    input.value = "not-a-real-token-1b";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    document.querySelector("article:has(#snippet-config-json-file) .copy-button").click();
    const staleAtClick = document.querySelector(variableRow).textContent === table;
    while (!(await navigator.clipboard.readText())) await new Promise((r) => setTimeout(r, 0));
    return { copied: await navigator.clipboard.readText(), staleAtClick };
  }, variableRow);
  assert.ok(staleAtClick, "Copy was pressed before the panel had followed");
  const auth = await entry(page, 1).getByTestId("auth-string").textContent();
  assert.ok(copied.includes(`"auth": "${auth}"`), "the copied config.json has the new auth");
  assert.equal(copied, await page.getByTestId("snippet-config-json-file").textContent());
});
