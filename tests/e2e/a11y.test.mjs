// axe-core on every state of the page: empty, filled, errors, inspector with findings, a merge
// with conflicts and the build details, both themes, both languages, and on a phone's width in
// the light theme. Zero violations of any impact, WCAG 2.2's target size (24 px, or room around
// the target; axe leaves that rule off unless asked) included.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { useServerAndBrowser, openApp, openView, showAllSnippets, fillEntry } from "./support/harness.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const env = useServerAndBrowser();

async function violations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE);
  // axe reads colours from what is drawn, and `content-visibility: auto` leaves what is far out
  // of view undrawn until it comes near: everything is drawn first (through the CSSOM, which
  // the CSP allows), or axe reports a contrast it could not measure.
  await page.evaluate(() => {
    for (const element of document.querySelectorAll("*")) {
      if (getComputedStyle(element).contentVisibility === "auto") element.style.contentVisibility = "visible";
    }
  });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const result = await page.evaluate(() =>
    axe.run(document, { resultTypes: ["violations"], rules: { "target-size": { enabled: true } } }),
  );
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

const STATES = {
  empty: async () => {},
  "all snippets": async (page) => {
    await showAllSnippets(page);
  },
  filled: async (page) => {
    await fillEntry(page, 1, { registry: "registry.gitlab.com", username: "gitlab+deploy-token-1", secret: "not-a-real-token" });
    await page.getByRole("button", { name: "Add registry" }).click();
    await fillEntry(page, 2, { registry: "docker.io", username: "hubuser", secret: "not-a-real-token" });
    await page.getByRole("group", { name: "Registry 2" }).getByLabel("Credentials").selectOption("helper");
  },
  errors: async (page) => {
    await fillEntry(page, 1, { registry: "bad host", username: "a:b", secret: " x" });
    await page.getByLabel("Credential store (credsStore)").selectOption("desktop");
  },
  inspector: async (page) => {
    await openView(page, "Check");
    await page.getByLabel("Existing config").fill('{"auths":{"index.docker.io":{"auth":"dXNlcjpwYXNz\\n"},"r.example.com":{}},"credsStore":"desktop"}');
    await page.getByRole("button", { name: "Fix" }).click();
    await page.getByLabel("Image", { exact: true }).fill("alpine");
  },
  merge: async (page) => {
    await openView(page, "Check");
    await page.getByLabel("Existing config").fill('{"auths":{"r.example.com":{"auth":"YTpi"}},"credsStore":"pass"}');
    await page.getByRole("button", { name: "Add config to merge" }).click();
    await page.getByLabel("Config 2", { exact: true }).fill('{"credHelpers":{"r.example.com":"gcloud"},"credsStore":"secretservice","auths":{"https://q.example.com/v2/":{}}}');
    await page.locator('[data-testid="merge-conflict"]').first().waitFor();
    // The Privacy panel's build details, open.
    await page.getByText("This copy: version, source commit and SHA-256").click();
    await page.locator('[data-testid="wasm-sha256"][data-state="done"]').waitFor();
  },
};

// Lighthouse's phone: choices wrap there, so targets sit closer than on a desktop.
const PHONE = { viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true };
const RUNS = [
  ...["light", "dark"].flatMap((theme) => ["en", "ja"].map((lang) => ({ theme, lang, phone: false }))),
  ...["en", "ja"].map((lang) => ({ theme: "light", lang, phone: true })),
];

for (const { theme, lang, phone } of RUNS) {
  for (const [state, setUp] of Object.entries(STATES)) {
    test(`no axe violation: ${state}, ${theme}, ${lang}${phone ? ", phone" : ""}`, async () => {
      const app = await openApp(env.browser, env.server.url, {
        contextOptions: { colorScheme: theme, ...(phone ? PHONE : {}) },
      });
      const { page } = app;
      await setUp(page);
      if (lang === "ja") await page.getByLabel("Language").selectOption("ja");
      assert.deepEqual(await violations(page), []);
      assert.deepEqual(await app.assertClean(), []);
      await app.context.close();
    });
  }
}
