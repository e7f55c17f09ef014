// The start in two steps (src/ui/late_part.rs): the app takes over the registries and the value
// first; "Where to put it" stays the static copy's, live, until its module is there, then the
// app's takes its place. Nothing typed, ticked or clicked in either step is lost, and a press
// held across a swap still clicks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, entry, fillEntry, configValue, heldBack, buttonCentre, openView, coreutilsBase64 } from "./support/harness.mjs";

const env = useServerAndBrowser();
const mark = (page, name) => page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { polling: "raf" });

/** Presses the mouse on `selector`, lets the held-back module through, and returns once the swap
 * waits for the release (`swap-held`), with the mouse still down. */
async function pressAcrossSwap(page, selector, release) {
  await page.locator(selector).scrollIntoViewIfNeeded();
  const at = await (await page.waitForFunction(buttonCentre, selector)).jsonValue();
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  release();
  await mark(page, "swap-held");
}

test("the registries respond before the snippets' module arrives; what is done in the static panel meanwhile is carried over", async () => {
  const { context, page, problems, release } = await heldBack(env, env.server.url, { hold: "**/split_where_panel.wasm" });
  await mark(page, "app-top-ready");
  // The first step is done: the static copy is gone, except its "Where to put it", kept in the
  // app's slot; the app's own panel is not in the page yet (no id is there twice).
  assert.equal(await page.locator("#prerendered").count(), 0);
  assert.equal(await page.locator("#app [data-static-part] section.where-panel").count(), 1);
  assert.equal(await page.locator("#snippets-heading").count(), 1);
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute("data-app-ready")), false);
  // The app's registries answer now.
  await fillEntry(page, 1, { registry: "quay.io", username: "robot", secret: "not-a-real-token" });
  assert.match(await configValue(page), /quay\.io/);
  await page.getByRole("button", { name: "Add registry" }).click();
  await entry(page, 2).waitFor();
  // The static panel takes input meanwhile.
  const part = page.locator("[data-static-part]");
  await part.locator("#situation-executor-kubernetes").check();
  await part.locator("#show-all-snippets").check();
  await part.locator("#situation-runner-version").fill("18.0");
  await part.locator("#situation-runner-version").evaluate((input) => input.setSelectionRange(2, 2));
  release();
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  assert.equal(await page.locator("[data-static-part]").count(), 0, "the static panel is gone");
  assert.equal(await page.locator("#snippets-heading").count(), 1);
  assert.equal(await page.locator("#situation-executor-kubernetes").isChecked(), true);
  assert.equal(await page.locator("#show-all-snippets").isChecked(), true);
  assert.equal(await page.locator("#situation-runner-version").inputValue(), "18.0");
  // The app computed from them: every snippet shows, Kaniko's among them (not recommended for this situation).
  await page.getByTestId("snippet-kaniko").waitFor();
  // The focus and the caret stayed in the runner version.
  assert.deepEqual(await page.evaluate(() => [document.activeElement.id, document.activeElement.selectionStart]), ["situation-runner-version", 2]);
  await page.keyboard.type("X");
  assert.equal(await page.locator("#situation-runner-version").inputValue(), "18X.0");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a button pressed on the static copy when the app is ready to swap still clicks on release", async () => {
  const { context, page, problems, release } = await heldBack(env, env.server.url);
  // The app would swap once the wasm is there; it waits for the release.
  await pressAcrossSwap(page, "#prerendered button.add", release);
  assert.equal(await page.locator("#prerendered").count(), 1, "the static copy stays while the button is pressed");
  await page.mouse.up();
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  await entry(page, 2).waitFor();
  assert.equal(await page.locator("fieldset.entry").count(), 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a press held in the static snippets panel across the second swap still clicks on release", async () => {
  const { context, page, problems, release } = await heldBack(env, env.server.url, { hold: "**/split_where_panel.wasm" });
  await mark(page, "app-top-ready");
  await pressAcrossSwap(page, "[data-static-part] label[for=show-all-snippets]", release);
  assert.equal(await page.locator("[data-static-part]").count(), 1, "the static panel stays while pressed");
  await page.mouse.up();
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  assert.equal(await page.locator("#show-all-snippets").isChecked(), true);
  await page.getByTestId("snippet-kaniko").waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("leaving the Build view before the snippets' module arrives: the start still ends, and what was ticked in the static panel shows on return", async () => {
  const { context, page, problems, release } = await heldBack(env, env.server.url);
  // All before the wasm runs: a choice in the static panel, then the Check tab.
  await page.locator("#prerendered #situation-executor-kubernetes").check();
  await page.locator("#prerendered").getByRole("tab", { name: /^Check/ }).click();
  release();
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  assert.equal(await page.getByRole("tab", { name: /^Check/ }).getAttribute("aria-selected"), "true");
  await openView(page, "Build");
  await page.locator("#situation-executor-kubernetes").waitFor();
  await page.waitForFunction(() => document.getElementById("situation-executor-kubernetes").checked);
  assert.equal(await page.locator("[data-static-part]").count(), 0);
  assert.equal(await page.locator("#snippets-heading").count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("Clear all voids what was done in the static panel before it, and keeps what came after", async () => {
  // Before the wasm runs, all three: a choice, Clear all, another choice.
  {
    const { context, page, problems, release } = await heldBack(env, env.server.url);
    const copy = page.locator("#prerendered");
    await copy.locator("#situation-executor-kubernetes").check();
    await copy.getByRole("button", { name: "Clear all" }).click();
    await copy.locator("#situation-builder-kaniko").check();
    release();
    await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
    assert.equal(await page.locator("#situation-executor-kubernetes").isChecked(), false, "voided by Clear all");
    assert.equal(await page.locator("#situation-executor-docker").isChecked(), true);
    assert.equal(await page.locator("#situation-builder-kaniko").isChecked(), true, "ticked after Clear all");
    assert.deepEqual(problems, []);
    await context.close();
  }
  // Between the two steps: a choice in the static panel, then the app's Clear all.
  {
    const { context, page, problems, release } = await heldBack(env, env.server.url, { hold: "**/split_where_panel.wasm" });
    await mark(page, "app-top-ready");
    await page.locator("[data-static-part] #situation-executor-kubernetes").check();
    await page.getByRole("button", { name: "Clear all" }).click();
    await page.getByTestId("cleared").filter({ hasText: /./ }).waitFor();
    assert.equal(await page.locator("[data-static-part] #situation-executor-docker").isChecked(), true, "the static panel shows the cleared state");
    release();
    await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
    assert.equal(await page.locator("#situation-executor-kubernetes").isChecked(), false);
    assert.equal(await page.locator("#situation-executor-docker").isChecked(), true);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("when the snippets' module cannot be fetched, the page is ready, says so in its place, and Try again brings it with what was ticked", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => msg.type() === "error" && problems.push(msg.text()));
  page.on("pageerror", (err) => problems.push(err.message));
  let online = false;
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route("**/split_where_panel.wasm", async (route) => {
    if (online) return route.continue();
    await released;
    return route.abort("internetdisconnected");
  });
  await page.goto(env.server.url);
  await mark(page, "app-top-ready");
  await page.locator("[data-static-part] #situation-executor-kubernetes").check();
  release();
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  const failed = page.locator(".where-slot").getByTestId("part-failed");
  await failed.waitFor();
  assert.equal(await page.locator("[data-static-part]").count(), 0, "no dead static copy is left");
  // The rest of the page answers.
  await fillEntry(page, 1, { registry: "registry.example.com", username: "u", secret: "not-a-real-token" });
  assert.equal(await entry(page, 1).getByTestId("auth-string").textContent(), coreutilsBase64("u:not-a-real-token"));
  online = true;
  await failed.getByRole("button", { name: "Try again" }).click();
  await page.locator("#situation-executor-kubernetes").waitFor();
  await page.waitForFunction(() => document.getElementById("situation-executor-kubernetes").checked);
  assert.equal(await failed.count(), 0);
  // Only the refused fetch and the loader's report of it are on record.
  const others = problems.filter((p) => !/split_where_panel|TypeError|Failed to fetch|ERR_INTERNET_DISCONNECTED/i.test(p));
  assert.deepEqual(others, []);
  await context.close();
});

// The English texts only the parts in modules of their own show (locales/late.json: the snippets'
// titles, the variables, the resolver's explanations) are a file of their own (src/texts/mod.rs,
// `LATE`), fetched with those modules after the first step, and awaited like them.
test("the late texts come after the first step, beside the modules; when they cannot be fetched the part says so, and Try again shows it with its titles", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (err) => problems.push(err.message));
  let online = false;
  await page.route("**/i18n-en-late-*.json", (route) => (online ? route.continue() : route.abort("internetdisconnected")));
  await page.goto(env.server.url);
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  const [topReady, lateAsked] = await page.evaluate(() => [
    performance.getEntriesByName("app-top-ready")[0].startTime,
    performance.getEntriesByType("resource").find((e) => /i18n-en-late-/.test(e.name))?.startTime ?? null,
  ]);
  assert.ok(lateAsked !== null && lateAsked >= topReady, `asked at ${lateAsked}, the first step done at ${topReady}`);
  const failed = page.locator(".where-slot").getByTestId("part-failed");
  await failed.waitFor();
  assert.equal(await page.locator("#snippets-heading").count(), 0, "no panel without its texts");
  // The first step's texts are all compiled in: the value answers, its findings have words.
  await fillEntry(page, 1, { registry: "registry.example.com", username: "u", secret: "not-a-real-token" });
  assert.equal(await entry(page, 1).getByTestId("auth-string").textContent(), coreutilsBase64("u:not-a-real-token"));
  online = true;
  await failed.getByRole("button", { name: "Try again" }).click();
  await page.locator("#snippets-heading").waitFor();
  const titles = await page.locator(".where-slot article.snippet h4, .where-slot h3").allTextContents();
  assert.ok(titles.length > 0 && titles.every((t) => t.trim().length > 0), JSON.stringify(titles));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a part that asked for the late texts and went away before they came does not leave them stuck", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  let release;
  const released = new Promise((resolve) => (release = resolve));
  let asked;
  const askedFor = new Promise((resolve) => (asked = resolve));
  await page.route("**/i18n-en-late-*.json", async (route) => {
    asked();
    await released;
    await route.continue();
  });
  // A docs page's link to Check: the Check view asks for the texts at once.
  await page.goto(`${env.server.url}#check`);
  await askedFor;
  // Build before they come: the Check view's part is gone, its wait with it.
  await page.getByRole("tab", { name: /^Build/ }).click();
  release();
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  await page.locator(".where-slot #snippets-heading").waitFor();
  await openView(page, "Check");
  await page.getByLabel("Existing config").waitFor();
  await context.close();
});
