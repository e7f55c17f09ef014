// The generator slice, driven through the accessible names of ui-contract.md on the release
// build under /tools/auth/. Expected values come from coreutils, not from the app's code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openApp, coreutilsBase64, entry, fillEntry, configValue, useApp } from "./support/harness.mjs";

const env = useServerAndBrowser();

test("auth and DOCKER_AUTH_CONFIG equal what coreutils and JSON say", async (t) => {
  const { app, page } = await useApp(t, env);
  const secret = "not:a-real token ü $HOME";
  await fillEntry(page, 1, { registry: "https://Registry.Example.com:5000/v2/", username: "deployer", secret });
  const auth = await entry(page, 1).getByTestId("auth-string").textContent();
  assert.equal(auth, coreutilsBase64(`deployer:${secret}`));
  assert.equal(await entry(page, 1).getByTestId("registry-key").textContent(), "registry.example.com:5000");
  const value = await configValue(page);
  assert.equal(value, JSON.stringify({ auths: { "registry.example.com:5000": { auth } } }));
});

test("several registries, Docker Hub spelling, remove, pretty-print", async (t) => {
  const { app, page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "docker.io", username: "hubuser", secret: "not-a-real-token-1" });
  await page.getByRole("button", { name: "Add registry" }).click();
  await fillEntry(page, 2, { registry: "registry.gitlab.com/group/project/image:tag", username: "gitlab+deploy-token-1", secret: "not-a-real-token-2" });
  await page.getByRole("button", { name: "Add registry" }).click();
  await fillEntry(page, 3, { registry: "quay.io", username: "robot", secret: "x" });
  assert.equal(await entry(page, 1).getByTestId("registry-key").textContent(), "https://index.docker.io/v1/");
  assert.equal(await entry(page, 2).getByTestId("registry-key").textContent(), "registry.gitlab.com");

  await entry(page, 3).getByRole("button", { name: "Remove registry" }).click();
  assert.equal(await page.getByRole("group", { name: /^Registry \d+$/ }).count(), 2);
  const parsed = JSON.parse(await configValue(page));
  assert.deepEqual(Object.keys(parsed.auths).sort(), ["https://index.docker.io/v1/", "registry.gitlab.com"]);
  assert.equal(parsed.auths["registry.gitlab.com"].auth, coreutilsBase64("gitlab+deploy-token-1:not-a-real-token-2"));
  assert.ok(!(await configValue(page)).includes("\n"), "one line by default");

  await page.getByLabel("Pretty-print").check();
  const pretty = await configValue(page);
  assert.ok(pretty.includes("\n  "), "indented");
  assert.deepEqual(JSON.parse(pretty), parsed);
});

test("a username with a colon or an empty username is an inline error, not a broken value", async (t) => {
  const { app, page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "registry.example.com", username: "us:er", secret: "not-a-real-token" });
  const finding = entry(page, 1).locator('[data-testid="finding"][data-code="username-colon"]');
  assert.equal(await finding.getAttribute("data-severity"), "error");
  assert.equal(await entry(page, 1).getByTestId("auth-string").count(), 0);
  assert.equal(await configValue(page), '{"auths":{}}');
  const username = entry(page, 1).getByLabel("Username", { exact: true });
  assert.equal(await username.getAttribute("aria-invalid"), "true");
  assert.match(await username.getAttribute("aria-describedby"), /finding/);

  await username.fill("");
  assert.equal(await entry(page, 1).locator('[data-code="username-empty"]').count(), 1);
  await username.fill("user");
  assert.equal(await entry(page, 1).locator('[data-severity="error"]').count(), 0);
});

test("copy puts exactly the value on the clipboard and says so", async () => {
  const app = await openApp(env.browser, env.server.url);
  const { page, context } = app;
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.origin });
  await fillEntry(page, 1, { registry: "registry.example.com", username: "u", secret: "not-a-real-token" });
  await page.getByRole("button", { name: "Copy DOCKER_AUTH_CONFIG" }).click();
  await page.getByRole("status").filter({ hasText: "Copied" }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await configValue(page));

  // The shortcut shown on the page does the same.
  await page.evaluate(() => navigator.clipboard.writeText(""));
  await page.keyboard.press("Alt+Shift+KeyC");
  await page.waitForFunction(() => navigator.clipboard.readText().then((t) => t.length > 0));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await configValue(page));
  assert.equal(await page.getByRole("button", { name: "Copy DOCKER_AUTH_CONFIG" }).getAttribute("aria-keyshortcuts"), "Alt+Shift+C");

  await entry(page, 1).getByRole("button", { name: /^Copy auth/ }).click();
  await entry(page, 1).getByRole("status").filter({ hasText: "Copied" }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), coreutilsBase64("u:not-a-real-token"));
  assert.deepEqual(await app.assertClean(), []);
  await context.close();
});

test("Clear all, by button or shortcut, forgets every field", async (t) => {
  const { app, page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "registry.example.com", username: "u", secret: "not-a-real-token" });
  await page.keyboard.press("Alt+Shift+KeyX");
  assert.equal(await entry(page, 1).getByLabel("Password or token", { exact: true }).inputValue(), "");
  assert.equal(await configValue(page), '{"auths":{}}');
  await fillEntry(page, 1, { registry: "registry.example.com", username: "u", secret: "not-a-real-token" });
  await page.getByRole("button", { name: "Clear all" }).click();
  assert.equal(await entry(page, 1).getByLabel("Username", { exact: true }).inputValue(), "");
  // The page says it cleared, in a status region, until the next input.
  const cleared = page.getByTestId("cleared");
  assert.equal(await cleared.getAttribute("role"), "status");
  assert.match(await cleared.textContent(), /^Cleared: /);
  await fillEntry(page, 1, { registry: "r" });
  assert.equal(await cleared.textContent(), "");
  assert.equal(await cleared.evaluate((el) => el.getBoundingClientRect().height), 0, "an empty note takes no room");
});

test("when the clipboard is refused, the text is selected instead", async () => {
  const refuse = () => {
    Object.defineProperty(Navigator.prototype, "clipboard", {
      get: () => ({ writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) }),
    });
  };
  const app = await openApp(env.browser, env.server.url, { initScripts: [refuse] });
  const { page } = app;
  await fillEntry(page, 1, { registry: "registry.example.com", username: "u", secret: "not-a-real-token" });
  await page.getByRole("button", { name: "Copy DOCKER_AUTH_CONFIG" }).click();
  await page.getByRole("status").filter({ hasText: "selected" }).waitFor();
  assert.equal(await page.evaluate(() => String(getSelection())), await configValue(page));
  await app.context.close();
});

test("the keyboard alone fills a registry and copies the value", async () => {
  const app = await openApp(env.browser, env.server.url);
  const { page, context } = app;
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.origin });
  await page.keyboard.press("Tab");
  // Tab through the header controls to the first registry field, in document order.
  let label = "";
  for (let i = 0; i < 12 && label !== "Registry"; i++) {
    await page.keyboard.press("Tab");
    label = await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent ?? "");
  }
  assert.equal(label, "Registry", "the registry field is reached with Tab");
  await page.keyboard.type("registry.example.com");
  const next = async () => {
    await page.keyboard.press("Tab");
    return page.evaluate(() => document.activeElement?.labels?.[0]?.textContent ?? document.activeElement?.textContent);
  };
  const order = [];
  for (let i = 0; i < 6; i++) order.push(await next());
  assert.ok(order.indexOf("Username") < order.indexOf("Password or token"), order.join(" → "));
  await entry(page, 1).getByLabel("Username", { exact: true }).focus();
  await page.keyboard.type("u");
  await page.keyboard.press("Tab");
  await page.keyboard.type("not-a-real-token");
  assert.equal(JSON.parse(await configValue(page)).auths["registry.example.com"].auth, coreutilsBase64("u:not-a-real-token"));
  await page.getByRole("button", { name: "Copy DOCKER_AUTH_CONFIG" }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("status").filter({ hasText: "Copied" }).waitFor();
  assert.deepEqual(await app.assertClean(), []);
  await context.close();
});
