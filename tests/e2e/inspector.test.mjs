// Inspector and resolver through the UI: paste → findings → fix → the fixed value logs in to a
// real registry; edit in generator; image resolution; hostile input keeps the page alive.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useServerAndBrowser, openApp, openView, showAllSnippets, entry, fillEntry, coreutilsBase64, startRegistry, skopeoInspect, useApp } from "./support/harness.mjs";

const env = useServerAndBrowser();

const codes = (page) => page.locator('[data-testid="inspect-finding"]').evaluateAll((els) => els.map((e) => e.dataset.code));
const b64 = (text) => Buffer.from(text, "utf8").toString("base64");

test("paste a broken config, see why, fix it, and the fix logs in to a real registry", async () => {
  const dir = mkdtempSync(join(tmpdir(), "acb-reg-"));
  const user = { username: "deployer", password: "not-a-real-token-ü" };
  const registry = startRegistry(dir, [user]);
  try {
    const app = await openApp(env.browser, env.server.url);
    const { page } = app;
    // The classic breakages: `echo` without -n (a newline in the password), base64 wrapped at
    // 76 columns by a raw newline, a scheme and /v2/ path in the key, and an empty Desktop entry.
    const broken = coreutilsBase64(`${user.username}:${user.password}\n`);
    const wrapped = broken.slice(0, 10) + "\n" + broken.slice(10);
    const pasted = `{"auths":{"http://${registry.host}/v2/":{"auth":"${wrapped}"},"index.docker.io":{}},"credsStore":"desktop"}`;
    await openView(page, "Check");
    await page.getByLabel("Existing config").fill(pasted);
    const found = await codes(page);
    for (const code of ["json-raw-newline", "whitespace-in-field", "key-http-scheme", "hub-key-never-matches", "desktop-copy", "empty-entry", "desktop-only-store"]) {
      assert.ok(found.includes(code), `${code} in ${found}`);
    }
    assert.match(await page.getByTestId("inspect-format").textContent(), /DOCKER_AUTH_CONFIG/);
    const shown = page.locator(`[data-testid="inspect-entry"][data-key="http://${registry.host}/v2/"]`);
    assert.equal(await shown.getByTestId("inspect-username").textContent(), "deployer");
    assert.ok(!(await shown.textContent()).includes(user.password), "the password is masked");
    await shown.getByRole("button", { name: "Show" }).click();
    assert.ok((await shown.textContent()).includes(user.password), "and revealed on request");

    // Before the fix the runner would drop the whole value; skopeo gets no credentials either.
    const authfile = join(dir, "auth.json");
    writeFileSync(authfile, JSON.stringify({ auths: { [registry.host]: { auth: broken } } }));
    assert.equal(skopeoInspect(registry.host, authfile).ok, false);

    await page.getByRole("button", { name: "Fix" }).click();
    const fixed = await page.getByTestId("inspect-fixed").textContent();
    assert.deepEqual(JSON.parse(fixed), { auths: { [registry.host]: { auth: coreutilsBase64(`${user.username}:${user.password}`) } } });
    writeFileSync(authfile, fixed);
    assert.deepEqual(skopeoInspect(registry.host, authfile), { ok: true, stderr: "" });

    // The corrected entries go to the generator, in memory, and feed its outputs and snippets.
    await page.getByRole("button", { name: "Edit in generator" }).click();
    // The generator is the Build view: it opens there.
    assert.equal(await page.getByRole("tab", { name: /^Build/ }).getAttribute("aria-selected"), "true");
    await showAllSnippets(page);
    assert.equal(await entry(page, 1).getByLabel("Registry", { exact: true }).inputValue(), registry.host);
    assert.equal(await entry(page, 1).getByLabel("Password or token", { exact: true }).inputValue(), user.password);
    assert.equal(await page.getByTestId("docker-auth-config").textContent(), fixed);
    assert.ok((await page.getByTestId("snippet-runner-environment").textContent()).includes(fixed.replaceAll('"', '\\"')));
    assert.deepEqual(await app.assertClean(), []);
    await app.context.close();
  } finally {
    registry.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("every supported format is detected", async (t) => {
  const { app, page } = await useApp(t, env);
  const config = { auths: { "registry.example.com": { auth: b64("u:not-a-real-token") } } };
  await openView(page, "Check");
  const cases = [
    [JSON.stringify(config), /DOCKER_AUTH_CONFIG/],
    [JSON.stringify(config.auths), /dockercfg/],
    [b64(JSON.stringify(config)), /base64/],
    [`apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(JSON.stringify(config))}\n`, /Secret \(YAML\)/],
    [JSON.stringify({ apiVersion: "v1", kind: "Secret", type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": b64(JSON.stringify(config)) } }), /Secret \(JSON\)/],
  ];
  for (const [text, format] of cases) {
    await page.getByLabel("Existing config").fill(text);
    assert.match(await page.getByTestId("inspect-format").textContent(), format);
    assert.equal(await page.locator('[data-testid="inspect-entry"][data-key="registry.example.com"]').count(), 1, String(format));
  }
});

test("the resolver names the key each consumer uses, for the generator's or the pasted config", async (t) => {
  const { app, page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "docker.io", username: "u", secret: "not-a-real-token" });
  await openView(page, "Check");
  await page.getByLabel("Image", { exact: true }).fill("alpine:3.20");
  assert.equal(await page.getByTestId("resolved-runner").textContent(), "https://index.docker.io/v1/");
  assert.equal(await page.getByTestId("resolved-docker-cli").textContent(), "https://index.docker.io/v1/");

  await page.getByLabel("Existing config").fill(JSON.stringify({ auths: { "docker.io": { auth: b64("u:p") }, "registry.example.com": { auth: b64("u:p") } } }));
  assert.equal(await page.getByTestId("resolved-runner").textContent(), "docker.io");
  assert.equal(await page.getByTestId("resolved-docker-cli").textContent(), "");
  assert.ok((await page.getByTestId("resolution-why").textContent()).length > 20, "says why they differ");
  await page.getByLabel("Image", { exact: true }).fill("registry.example.com:5000/group/app@sha256:" + "a".repeat(64));
  assert.equal(await page.getByTestId("resolved-runner").textContent(), "", "ports must match exactly");

  await page.getByLabel("Image", { exact: true }).fill("build:\n  image: registry.example.com/app:1\n  services:\n    - name: postgres:16\n");
  assert.equal(await page.getByTestId("resolution").count(), 2);
  assert.deepEqual(await page.getByTestId("resolved-runner").allTextContents(), ["registry.example.com", "docker.io"]);
  // One bad entry drops the whole value for the runner: no key for any image, and the reason.
  await page.getByLabel("Existing config").fill(JSON.stringify({ auths: { "registry.example.com": { auth: b64("ci-bot:not-a-real-token") }, "other.example.com": { auth: b64("nocolon") } } }));
  await page.getByLabel("Image", { exact: true }).fill("registry.example.com/team/app:1.0");
  await page.locator('[data-testid="resolution-why"][data-code="value-dropped"]').waitFor();
  assert.deepEqual(await page.getByTestId("resolved-runner").allTextContents(), [""]);
  assert.deepEqual(await page.getByTestId("resolved-docker-cli").allTextContents(), [""]);
  assert.match(await page.getByTestId("resolution-why").textContent(), /discards this whole value/);
  await page.getByLabel("Existing config").fill(JSON.stringify({ auths: { "docker.io": { auth: b64("u:p") }, "registry.example.com": { auth: b64("u:p") } } }));
  // Images one per line (a list, not YAML): one row each, a repeat once.
  await page.getByLabel("Image", { exact: true }).fill("registry.example.com/app:1\n\nalpine:3.20\nregistry.example.com/app:1\n");
  assert.deepEqual(await page.getByTestId("resolution").locator("th").allTextContents(), ["registry.example.com/app:1", "alpine:3.20"]);
  assert.deepEqual(await page.getByTestId("resolved-runner").allTextContents(), ["registry.example.com", "docker.io"]);
});

test("hostile input gives findings, never a dead page", async (t) => {
  const { app, page } = await useApp(t, env);
  const paste = (text) => page.getByLabel("Existing config").evaluate((el, t) => {
    el.value = t;
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
  await openView(page, "Check");
  await paste("[".repeat(10000));
  assert.ok((await codes(page)).includes("json-too-deep"));
  await paste(`{"auths":{"a.io":{"auth":"\\udc00\\ud800"}}}`);
  assert.ok((await codes(page)).length > 0);
  await paste(`{"auths":{"a.io":{"auth":42}}}`);
  assert.ok((await codes(page)).includes("json-wrong-type"));
  await paste(`{"auths":{"a.io":{"auth":"${"A".repeat(1024 * 1024)}"}}}`);
  assert.ok((await codes(page)).length > 0);
  // Still alive: the generator answers.
  await openView(page, "Build");
  await fillEntry(page, 1, { registry: "quay.io", username: "u", secret: "not-a-real-token" });
  assert.match(await page.getByTestId("docker-auth-config").textContent(), /quay\.io/);
});
