// One screen shaped around the two jobs: Build and Check as tabs with their own fragments, the
// value beside the registries on a desktop and right after them on a phone, the snippets that
// apply first and the rest behind "Show all snippets", inputs above what they change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openApp, openView, showAllSnippets, entry, fillEntry, useApp, coreOutputs } from "./support/harness.mjs";

const env = useServerAndBrowser();

// Every snippet id, from the core's `SnippetId` enum (the contract's ids are checked against it in
// crates/registry-auth/tests/snippets/catalogue.rs).
const SNIPPET_IDS = Object.keys(coreOutputs({ entries: [] }).snippets);

const DESKTOP = { width: 1440, height: 900 };

/** Whether an element is entirely inside the viewport. */
async function inView(locator) {
  const box = await locator.boundingBox();
  const viewport = locator.page().viewportSize();
  return box !== null && box.y >= 0 && box.y + box.height <= viewport.height && box.x >= 0 && box.x + box.width <= viewport.width;
}

test("Build and Check are tabs with their own fragments; Check is one click away and Clear all is in both", async () => {
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  const tabs = page.getByRole("tab");
  assert.equal(await tabs.count(), 2);
  assert.match(await tabs.nth(0).textContent(), /^Build/);
  assert.match(await tabs.nth(1).textContent(), /^Check/);
  assert.equal(await page.getByRole("tablist").count(), 1);
  assert.equal(await tabs.nth(0).getAttribute("aria-selected"), "true");
  await page.getByRole("tab", { name: /^Check/ }).click();
  await page.getByLabel("Existing config").waitFor();
  assert.equal(new URL(page.url()).hash, "#check");
  assert.equal(await page.getByRole("tabpanel").count(), 1);
  await page.getByRole("button", { name: "Clear all" }).waitFor();
  // Keyboard: arrows move between the tabs.
  await page.getByRole("tab", { name: /^Check/ }).focus();
  await page.keyboard.press("ArrowLeft");
  await entry(page, 1).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("role")), "tab");
  assert.equal(new URL(page.url()).hash, "#build");
  await page.getByRole("button", { name: "Clear all" }).waitFor();
  assert.deepEqual(await app.assertClean(), []);
  await app.context.close();

  // A docs page links straight to Check.
  const linked = await openApp(env.browser, `${env.server.url}#check`);
  await linked.page.getByLabel("Existing config").waitFor();
  assert.equal(await linked.page.getByRole("tab", { name: /^Check/ }).getAttribute("aria-selected"), "true");
  await linked.context.close();
});

test("desktop: the value and its Copy button are in view right after the token, and while the 10th registry is edited", async () => {
  const app = await openApp(env.browser, env.server.url, { contextOptions: { viewport: DESKTOP } });
  const { page } = app;
  const value = page.getByTestId("docker-auth-config");
  const copy = page.getByRole("button", { name: "Copy DOCKER_AUTH_CONFIG" });
  await fillEntry(page, 1, { registry: "registry.gitlab.com", username: "gitlab+deploy-token-1", secret: "not-a-real-token" });
  assert.equal(await page.evaluate(() => window.scrollY), 0, "no scrolling needed");
  assert.ok((await inView(value)) && (await inView(copy)), "value and Copy in view after the token");
  for (let n = 2; n <= 10; n++) {
    await page.getByRole("button", { name: "Add registry" }).click();
  }
  await fillEntry(page, 10, { registry: "r10.example.com", username: "u10", secret: "not-a-real-token-10" });
  await entry(page, 10).getByLabel("Password or token", { exact: true }).focus();
  assert.ok(await page.evaluate(() => window.scrollY > 500), "the 10th registry is further down the page");
  assert.ok((await inView(value)) && (await inView(copy)), "value and Copy stay in view");
  assert.match(await value.textContent(), /r10\.example\.com/);
  assert.deepEqual(await app.assertClean(), []);
  await app.context.close();
});

// 3,600 px until issue 27 and 28 added what the situation needs on the landing view: the job's own
// image (first for a maintainer), the GitLab Runner version, the keyless route of each registry
// and the note that hiding a variable cannot be undone (about 680 px at 1440 px wide).
test("one registry: the Build view is at most 4,400 px tall on a desktop", async () => {
  const app = await openApp(env.browser, env.server.url, { contextOptions: { viewport: DESKTOP } });
  const { page } = app;
  await fillEntry(page, 1, { registry: "registry.gitlab.com", username: "gitlab+deploy-token-1", secret: "not-a-real-token" });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height <= 4400, `${height} px`);
  await app.context.close();
});

test("below 1100 px: one column, the value right after the registries, no sideways scroll at 360 px", async () => {
  for (const width of [1000, 390, 360]) {
    const app = await openApp(env.browser, env.server.url, { contextOptions: { viewport: { width, height: 800 } } });
    const { page } = app;
    await fillEntry(page, 1, { registry: "registry.gitlab.com", username: "gitlab+deploy-token-1", secret: "not-a-real-token-" + "x".repeat(200) });
    const registries = await page.locator(".registries").boundingBox();
    const valuePanel = await page.locator(".value-panel").boundingBox();
    const where = await page.locator(".where-panel").boundingBox();
    assert.ok(valuePanel.y >= registries.y + registries.height - 1, `${width}: the value comes after the registries`);
    assert.ok(where.y >= valuePanel.y + valuePanel.height - 1, `${width}: then where to put it`);
    assert.ok(Math.abs(valuePanel.x - registries.x) < 2, `${width}: one column`);
    for (const view of ["Build", "Check"]) {
      await openView(page, view);
      if (view === "Build") await showAllSnippets(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, `${width} ${view}: no horizontal scroll`);
    }
    // The resolver's table with long image references (a port, a deep path) and a pasted
    // config stays inside the page, in both languages (a user test found 1,223 px at 390).
    await page.getByLabel("Existing config").fill(JSON.stringify({ auths: { "registry.example.com:5000": { auth: Buffer.from("ci-bot:not-a-real-token").toString("base64") } } }));
    await page.getByLabel("Image", { exact: true }).fill("registry.example.com:5000/some-group/a-rather-long-project-name/build-image:2026-11-30");
    await page.getByTestId("resolution").waitFor();
    for (const lang of ["en", "ja"]) {
      if (lang === "ja") {
        await page.getByLabel("Language").selectOption("ja");
        await page.locator("th", { hasText: "イメージ" }).first().waitFor();
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, `${width} ${lang} resolver: no horizontal scroll`);
    }
    assert.deepEqual(await app.assertClean(), []);
    await app.context.close();
  }
});

test("the snippets that apply come first; Show all snippets puts every contract snippet in the page", async (t) => {
  const { app, page } = await useApp(t, env);
  const present = async () => (await page.locator('[data-testid^="snippet-"]').evaluateAll((els) => els.map((e) => e.dataset.testid.slice(8))));
  const landing = await present();
  assert.ok(landing.length > 0 && landing.length < SNIPPET_IDS.length, landing.join());
  assert.ok(landing.includes("docker-login"), "Docker-in-Docker on a Docker executor is the default situation");
  // A runner admin on Kubernetes gets the pull Secret and the runner's environment first.
  await page.getByLabel("Kubernetes").check();
  await page.getByLabel(/^Runner too/).check();
  const admin = await present();
  assert.ok(admin.includes("k8s-pull-secret") && admin.includes("runner-environment"), admin.join());
  assert.ok(admin.indexOf("k8s-pull-secret") < admin.indexOf("docker-login"), "runner snippets before job snippets");
  await showAllSnippets(page);
  const all = await present();
  for (const id of SNIPPET_IDS) assert.ok(all.includes(id), `${id} with Show all snippets`);
  // Each input sits above the snippets it changes: registration inputs above registration.
  const order = await page.evaluate(() => {
    const url = document.getElementById("opt-gitlab-url");
    const first = document.querySelector('[data-testid^="snippet-register-"]');
    const docker = document.getElementById("opt-docker-version");
    const login = document.querySelector('[data-testid="snippet-docker-login"]');
    const before = (a, b) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    return { registration: before(url, first), docker: before(docker, login) };
  });
  assert.deepEqual(order, { registration: true, docker: true });
});

test("the situation is part of a shared setup", async () => {
  const app = await openApp(env.browser, env.server.url);
  await app.page.getByLabel("Kaniko", { exact: true }).check();
  await app.page.getByLabel("Self-managed GitLab").check();
  const link = await app.page.getByTestId("share-link").textContent();
  await app.context.close();
  const restored = await openApp(env.browser, link);
  assert.ok(await restored.page.getByLabel("Kaniko", { exact: true }).isChecked());
  assert.ok(await restored.page.getByLabel("Self-managed GitLab").isChecked());
  await restored.page.getByTestId("snippet-kaniko").waitFor();
  assert.deepEqual(await restored.assertClean(), []);
  await restored.context.close();
});

test("the findings summary counts by severity and jumps to the registry", async () => {
  const app = await openApp(env.browser, env.server.url, { contextOptions: { viewport: DESKTOP } });
  const { page } = app;
  await fillEntry(page, 1, { registry: "registry.gitlab.com", username: "u", secret: "not-a-real-token" });
  for (let n = 2; n <= 6; n++) await page.getByRole("button", { name: "Add registry" }).click();
  await fillEntry(page, 6, { registry: "bad host", username: "u", secret: "not-a-real-token" });
  await page.evaluate(() => window.scrollTo(0, 0));
  const errors = page.locator('[data-testid="findings-summary"] [data-severity="error"]').first();
  assert.ok(Number(await errors.getAttribute("data-count")) >= 1);
  const item = page.getByTestId("finding-summary").filter({ hasText: "Registry 6" }).first();
  await item.getByRole("button").click();
  assert.equal(await page.evaluate(() => document.activeElement.closest("fieldset")?.querySelector("legend")?.textContent), "Registry 6");
  assert.ok(await inView(entry(page, 6).getByLabel("Registry", { exact: true })));
  await app.context.close();
});

test("embedded: the frame opens with the tool; preferences wait in a menu after it", async (t) => {
  const { app, page } = await useApp(t, env, `${env.server.url}?embed`, { contextOptions: { viewport: { width: 360, height: 640 } } });
  const first = await page.evaluate(() => {
    const control = document.querySelector("input, select, textarea");
    return control.closest("fieldset")?.querySelector("legend")?.textContent;
  });
  assert.equal(first, "Registry 1");
  assert.equal(await page.getByLabel("Language").isVisible(), false, "language is folded into the menu");
  const registry = await entry(page, 1).boundingBox();
  assert.ok(registry.y < 200, `registry 1 starts at ${registry.y}px`);
  // The image-source question follows the registries there (on the page it comes first).
  const sources = await page.getByTestId("image-sources").boundingBox();
  assert.ok(sources.y > registry.y, "the image-source question follows Registry 1 in the frame");
  await page.getByText("Preferences").click();
  assert.ok(await page.getByLabel("Language").isVisible());
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
});

// `content-visibility: auto` clips painting to the padding box: where a part's clip margin is
// smaller than the focus ring, a full-width snippet's ring is cut off at its sides.
test("a focus ring inside a part drawn near the view is not cut off", async (t) => {
  const { page } = await useApp(t, env, env.server.url, { contextOptions: { viewport: DESKTOP } });
  await showAllSnippets(page);
  const pre = page.locator("article.snippet pre.output").first();
  await pre.scrollIntoViewIfNeeded();
  await pre.evaluate((el) => el.focus({ focusVisible: true }));
  const ring = await pre.evaluate((el) => {
    const style = getComputedStyle(el);
    return { focusVisible: el.matches(":focus-visible"), reach: parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset) };
  });
  assert.ok(ring.focusVisible && ring.reach > 0, JSON.stringify(ring));
  const parts = await page.evaluate(() =>
    [...document.querySelectorAll("*")]
      .filter((el) => getComputedStyle(el).contentVisibility === "auto")
      .map((el) => ({ part: el.className || el.tagName, margin: getComputedStyle(el).overflowClipMargin })),
  );
  assert.ok(parts.some((p) => p.part === "snippet"), JSON.stringify(parts.slice(0, 3)));
  for (const { part, margin } of parts) assert.ok(parseFloat(margin) >= ring.reach, `${part}: overflow-clip-margin ${margin} < ${ring.reach}px`);
});
