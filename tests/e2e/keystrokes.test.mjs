// Keystrokes cost what they change: typing in one registry touches that registry's row, the
// value and that registry's CI/CD variable rows; the other rows and the table's other rows keep
// their DOM (keyed lists, each row reading its own share of the output). "Where to put it" follows
// once typing pauses and the browser is idle, not in the keystroke's task (`src/ui/settled.rs`,
// `src/ui/idle.rs`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { useServerAndBrowser, openApp, entry, fillEntry, configValue, useApp } from "./support/harness.mjs";
import { settled, watchWasmMemory } from "./support/work.mjs";

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

// "Where to put it" waits for a pause and idle from 11 registries on (`IDLE_FROM_REGISTRIES`); with fewer
// it follows in the keystroke's own task. From 11: twice, with idle callbacks and as in a
// browser without them (Safari), where the panel follows in a task after the next frame.
const variableRow = '[data-testid="ci-variable"][data-variable="DOCKER_AUTH_CONFIG"] code.output-inline';

/** In the page, `window.__nextTask()`: resolves in the next task (a message to itself), after
 * the current task's microtasks, before any timer or idle callback asked for meanwhile. */
function defineNextTask() {
  window.__nextTask = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = resolve;
    channel.port2.postMessage(0);
  });
}

async function pageWithRegistries(t, count, initScripts = []) {
  const { app, page } = await useApp(t, env, env.server.url, { initScripts: [defineNextTask, ...initScripts] });
  await page.getByLabel("Show all snippets").check();
  for (let n = 1; n <= count; n++) {
    if (n > 1) await page.getByRole("button", { name: "Add registry" }).click();
    await fillEntry(page, n, { registry: `registry-${n}.example.test`, username: `user-${n}`, secret: `not-a-real-token-${n}` });
  }
  await settled(page);
  return { app, page };
}

/** Types into the first token; returns what the keystroke's task (and its microtasks) changed. */
function keystroke(page, suffix) {
  return page.evaluate(async ({ suffix, variableRow }) => {
    const value = document.querySelector('[data-testid="docker-auth-config"]');
    const records = [];
    const observer = new MutationObserver((list) => records.push(...list));
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    const input = document.querySelector("fieldset.entry input[type=password]");
    input.value = `not-a-real-token-1${suffix}`;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    // The next task: the keystroke's microtasks have run, an idle callback has not.
    await window.__nextTask();
    records.push(...observer.takeRecords());
    observer.disconnect();
    const inPanel = records.filter((r) => (r.target.nodeType === 1 ? r.target : r.target.parentElement)?.closest(".where-panel")).length;
    return { inPanel, total: records.length, now: value.textContent, table: document.querySelector(variableRow).textContent };
  }, { suffix, variableRow });
}

/** In the page, `window.__propertySets`: the controls whose value or checked state was set. */
function countPropertySets() {
  window.__propertySets = [];
  for (const [proto, prop] of [[HTMLSelectElement.prototype, "value"], [HTMLInputElement.prototype, "checked"]]) {
    const d = Object.getOwnPropertyDescriptor(proto, prop);
    Object.defineProperty(proto, prop, { ...d, set(v) { window.__propertySets.push(this.id || this.name); d.set.call(this, v); } });
  }
}

test("a keystroke in a token sets no select or checkbox again (a select whose value is set re-selects its option)", async (t) => {
  const { page } = await pageWithRegistries(t, 2, [countPropertySets]);
  const sets = await page.evaluate(async () => {
    window.__propertySets = [];
    for (const input of document.querySelectorAll("fieldset.entry input[type=password]")) {
      input.value = `${input.value}z`;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
    await window.__nextTask();
    return window.__propertySets;
  });
  assert.deepEqual(sets, [], "controls set by the keystrokes");
  // A write to the whole row still reaches them: a helper preset sets the credentials' kind.
  await page.locator("#entry-1-preset").selectOption("ecr-private");
  await settled(page);
  assert.equal(await page.locator("#entry-1-kind").inputValue(), "helper");
  assert.ok(await page.evaluate(() => window.__propertySets.includes("entry-1-kind")), "the preset set the kind's select");
});

test("with 10 registries, Where to put it follows in the keystroke's own task", async (t) => {
  const { page } = await pageWithRegistries(t, 10);
  const typed = await keystroke(page, "a");
  assert.ok(typed.inPanel > 0, "the keystroke's task changed Where to put it");
  assert.equal(typed.table, typed.now, "the table shows the new value at once");
});

for (const idleCallbacks of [true, false]) {
  test(`with 11 registries, a keystroke's task leaves Where to put it alone; the panel follows ${idleCallbacks ? "when idle" : "after the frame (no requestIdleCallback)"}, and Copy takes what the form says`, async (t) => {
    const initScripts = idleCallbacks ? [] : [() => { window.__requestIdleCallback = window.requestIdleCallback; delete window.requestIdleCallback; }];
    const { app, page } = await pageWithRegistries(t, 11, initScripts);
    assert.equal(await page.evaluate(() => typeof window.requestIdleCallback), idleCallbacks ? "function" : "undefined");
    await app.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.origin });
    const first = await keystroke(page, "a");
    assert.ok(first.total > 0, "the keystroke changed the page");
    assert.equal(first.inPanel, 0, "the keystroke's task changed nothing in Where to put it");
    assert.notEqual(first.table, first.now, "the table still shows the value from before the keystroke");
    await settled(page);
    assert.equal(await page.locator(variableRow).textContent(), first.now, "once idle, the table shows the new value");
    assert.ok((await page.getByTestId("snippet-config-json-file").textContent()).includes(await entry(page, 1).getByTestId("auth-string").textContent()));

    // Copy pressed in the keystroke's own task still copies the snippet as the form now says.
    const { copied, state } = await page.evaluate(async () => {
      await navigator.clipboard.writeText("");
      const input = document.querySelector("fieldset.entry input[type=password]");
      input.value = "not-a-real-token-1b";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      // In the keystroke's own task: nothing has followed it yet.
      const button = document.querySelector("article:has(#snippet-config-json-file) .copy-button");
      button.click();
      await new Promise((resolve) => new MutationObserver(resolve).observe(button, { attributes: true, attributeFilter: ["data-copy-state"] }));
      return { state: button.dataset.copyState, copied: await navigator.clipboard.readText() };
    });
    assert.equal(state, "copied");
    const auth = await entry(page, 1).getByTestId("auth-string").textContent();
    assert.ok(copied.includes(`"auth": "${auth}"`), "the copied config.json has the new auth");
    assert.equal(copied, await page.getByTestId("snippet-config-json-file").textContent());
  });
}

// From 11 registries the panel waits for a pause in typing (`QUIET_MS`, 300 ms; `MAX_WAIT_MS`,
// 1 s, without one): a burst of keystrokes brings one update, not one per key. Counted, not
// timed: the gaps the machine actually left between keys decide how many updates are allowed.
const QUIET_MS = 300;
const MAX_WAIT_MS = 1000;

/** Types up to `keys` keystrokes into the first token, each after the previous one's frame plus
 * `gap` ms, stopping at the first change of the table's value row if `untilUpdate`. Returns the
 * keystrokes' times; the row's changes keep being counted in `window.__burst.updates`. */
function typeBurst(page, { keys, gap = 0, untilUpdate = false, tag }) {
  return page.evaluate(async ({ keys, gap, untilUpdate, tag, variableRow }) => {
    // One update per new text of the row: an update whose writes straddle two deliveries of
    // the observer is still one.
    const row = document.querySelector(variableRow);
    const updates = [];
    let last = row.textContent;
    const observer = new MutationObserver(() => {
      if (row.textContent !== last) updates.push(performance.now());
      last = row.textContent;
    });
    observer.observe(row, { subtree: true, childList: true, characterData: true });
    window.__burst = { updates, observer };
    const times = [];
    for (let i = 0; i < keys && !(untilUpdate && updates.length); i++) {
      const input = document.querySelector("fieldset.entry input[type=password]");
      times.push(performance.now());
      input.value = `not-a-real-token-1${tag}${i}`;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, gap)));
    }
    return times;
  }, { keys, gap, untilUpdate, tag, variableRow });
}

/** The table's value row changes counted since `typeBurst`, and the row's text; stops counting. */
function burstUpdates(page) {
  return page.evaluate(({ variableRow }) => {
    window.__burst.observer.disconnect();
    return { count: window.__burst.updates.length, text: document.querySelector(variableRow).textContent };
  }, { variableRow });
}

test("with 11 registries, a burst of fast keystrokes brings Where to put it one update once typing pauses", async (t) => {
  const { page } = await pageWithRegistries(t, 11);
  // Keys about 60 ms apart, a fast typist's: the browser is idle between two of them, which is
  // when the panel's update used to run, after every key.
  const times = await typeBurst(page, { keys: 10, gap: 60, tag: "p" });
  await settled(page);
  const { count, text } = await burstUpdates(page);
  assert.equal(text, await configValue(page), "once settled, the table shows the value after the last keystroke");
  // What the machine's own gaps allow: the final update, one per pause of QUIET_MS or more
  // between two keys, one per MAX_WAIT_MS of typing begun (the app's clock reads a little later
  // than these times).
  const pauses = times.slice(1).filter((time, i) => time - times[i] >= QUIET_MS).length;
  const allowed = 1 + pauses + Math.ceil((times[times.length - 1] - times[0]) / MAX_WAIT_MS);
  assert.ok(count >= 1 && count <= allowed, `${count} updates for ${times.length} keystrokes; their gaps allow 1 to ${allowed}`);
});

test("with 11 registries, typing without a pause still brings Where to put it up to date", async (t) => {
  const { page } = await pageWithRegistries(t, 11);
  // Keys about 100 ms apart, a fast typist's: no pause of QUIET_MS, so only the longest wait
  // (MAX_WAIT_MS) can bring the update before the keys stop (80 of them: 8 s or more). A load
  // that stalls the page for a pause of QUIET_MS between two keys proves nothing: typed again.
  for (let attempt = 1; ; attempt++) {
    const times = await typeBurst(page, { keys: 80, gap: 100, untilUpdate: true, tag: `c${attempt}` });
    const { count } = await burstUpdates(page);
    const paused = times.slice(1).some((time, i) => time - times[i] >= QUIET_MS);
    if (paused && attempt < 5) {
      await settled(page);
      continue;
    }
    assert.ok(!paused, "every attempt had a pause between two keys");
    assert.ok(count > 0 && times.length < 80, `no update during ${times.length} keystrokes`);
    break;
  }
});

// 12: after the removal 11 are left, which alone would still wait for idle.
test("with 12 registries, Remove registry and Clear all reach Where to put it in their own task", async (t) => {
  const { page } = await pageWithRegistries(t, 12);
  const inOwnTask = (press) =>
    page.evaluate(async ({ press, variableRow }) => {
      const button = press === "remove"
        ? document.querySelectorAll("fieldset.entry")[1].querySelector("button.remove")
        : [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Clear all");
      button.click();
      await window.__nextTask();
      return {
        value: document.querySelector('[data-testid="docker-auth-config"]').textContent,
        table: document.querySelector(variableRow)?.textContent ?? null,
        tableText: document.querySelector('[data-testid="variables-to-create"]').textContent,
      };
    }, { press, variableRow });
  const removed = await inOwnTask("remove");
  assert.ok(!removed.value.includes("registry-2.example.test"));
  assert.equal(removed.table, removed.value, "the table lost registry 2 in the same task");
  assert.ok(!removed.tableText.includes("registry-2.example.test"));
  assert.ok(removed.tableText.includes("registry-3.example.test"));
  const cleared = await inOwnTask("clear");
  assert.ok(!cleared.tableText.includes("registry-1.example.test"), "the table follows Clear all in the same task");
  assert.ok(cleared.table === null || cleared.table === cleared.value);
});

// The share link reads the same settled setup (`src/ui/settled.rs`): nothing of it is computed in
// a keystroke's task from 11 registries on, and its Copy button still copies what the form says.
for (const count of [10, 11]) {
  test(`with ${count} registries, the share link follows a registry's name ${count > 10 ? "once settled, and Copy takes what the form says" : "in the keystroke's own task"}`, async (t) => {
    const { app, page } = await pageWithRegistries(t, count);
    await app.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.origin });
    const typed = await page.evaluate(async () => {
      await navigator.clipboard.writeText("");
      const link = document.querySelector('[data-testid="share-link"]');
      const before = link.textContent;
      const input = document.querySelector("fieldset.entry input[id$='-registry']");
      input.value = "renamed.example.test";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      // The next task: the keystroke's microtasks have run, an idle callback has not.
      await window.__nextTask();
      return { before, after: link.textContent };
    });
    assert.notEqual(typed.before, "", "the share link is shown");
    if (count <= 10) {
      assert.notEqual(typed.after, typed.before, "the keystroke's task updated the share link");
    } else {
      assert.equal(typed.after, typed.before, "the keystroke's task left the share link as it was");
      // Copy pressed before the link has followed copies the link as the form says.
      const copied = await page.evaluate(async () => {
        const input = document.querySelector("fieldset.entry input[id$='-registry']");
        input.value = "renamed-again.example.test";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        const button = document.querySelector('section[aria-labelledby="share-heading"] .copy-button');
        button.click();
        await new Promise((resolve) => new MutationObserver(resolve).observe(button, { attributes: true, attributeFilter: ["data-copy-state"] }));
        return navigator.clipboard.readText();
      });
      assert.ok(setupOf(copied).includes("renamed-again.example.test"), "the copied link has the registry as typed last");
      assert.equal(copied, await page.getByTestId("share-link").textContent(), "what was copied is the link shown");
      await page.locator("html:not([data-settling])").waitFor({ state: "attached" });
    }
    await settled(page);
    const setup = setupOf(await page.getByTestId("share-link").textContent());
    assert.ok(setup.includes(count > 10 ? "renamed-again.example.test" : "renamed.example.test"), "once settled, the share link has the new registry");
    assert.ok(!setupOf(typed.before).includes("renamed"));
    // The fragment is the setup without secrets: no token typed is in it.
    assert.ok(!setup.includes("not-a-real-token") && setup.includes("registry-2.example.test"), setup);
  });
}

/** The setup a share link carries, decoded from its fragment. */
function setupOf(link) {
  return Buffer.from(link.split("#setup=")[1], "base64url").toString();
}

// From 11 registries the settled copies wait for a pause; Clear all does not: by the task after
// the click, no copy (the panel's, the share link's, the output's) holds a secret in the wasm
// memory, with the Build or the Check view shown.
for (const view of ["Build", "Check"]) {
  test(`with 11 registries and the ${view} view shown, Clear all wipes the secrets from the wasm memory in its own task`, async (t) => {
    const { page } = await pageWithRegistries(t, 11, [watchWasmMemory]);
    if (view === "Check") await page.getByRole("tab", { name: "Check" }).click();
    // A keystroke just before: its update is still waiting for the pause.
    const found = await page.evaluate(async ({ view }) => {
      const inMemory = (needle) => window.__inWasmMemory(needle);
      const secrets = ["not-a-real-token-2", "not-a-real-token-11", btoa("user-2:not-a-real-token-2")];
      if (view === "Build") {
        const input = document.querySelectorAll("fieldset.entry input[type=password]")[2];
        input.value = "not-a-real-token-3zz";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        secrets.push("not-a-real-token-3zz");
      }
      const before = secrets.filter(inMemory);
      [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Clear all").click();
      await window.__nextTask();
      return { before, after: secrets.filter(inMemory), settling: document.documentElement.hasAttribute("data-settling") };
    }, { view });
    assert.ok(found.before.length >= 3, `the test sees the secrets before: ${found.before}`);
    assert.deepEqual(found.after, [], "no secret left in the wasm memory in the task after Clear all");
    assert.equal(found.settling, false, "no update left waiting");
  });
}

test("with 11 registries, the share link follows a GitLab token kind once settled, and Export setup saves what the form says", async (t) => {
  const { page } = await pageWithRegistries(t, 11);
  await entry(page, 1).getByLabel("Registry", { exact: true }).fill("gitlab.example.test:5050");
  await settled(page);
  const before = setupOf(await page.getByTestId("share-link").textContent());
  assert.ok(before.includes("gitlab.example.test:5050") && !before.includes("personal-access-token"), before);
  // Only the token kind changes: the rows' settled copy without credentials stays equal.
  await entry(page, 1).getByLabel("GitLab token kind").selectOption("personal-access-token");
  await settled(page);
  assert.ok(setupOf(await page.getByTestId("share-link").textContent()).includes("personal-access-token"), "the link has the token kind");
  // Export pressed in the task of a keystroke whose update waits for the pause.
  const [download, waited] = await Promise.all([
    page.waitForEvent("download"),
    page.evaluate(async () => {
      const input = document.querySelector("fieldset.entry input[id$='-registry']");
      input.value = "exported.gitlab.example.test:5050";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      // The next task: the keystroke's microtasks have run, its update waits for the pause.
      await window.__nextTask();
      const waiting = document.documentElement.hasAttribute("data-settling");
      [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Export setup file").click();
      return waiting;
    }),
  ]);
  assert.equal(waited, true, "the keystroke's update was waiting when Export was pressed");
  const saved = await readFile(await download.path(), "utf8");
  assert.ok(saved.includes("exported.gitlab.example.test:5050"), "the saved setup has the registry as typed last");
  assert.ok(!saved.includes("not-a-real-token"), "the saved setup holds no token");
});
