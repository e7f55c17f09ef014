// Live checks, helpers, presets, GitLab token kinds, and the value typed into the UI
// authenticating a real registry through skopeo.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useServerAndBrowser, openApp, entry, fillEntry, configValue, startRegistry, skopeoInspect, useApp } from "./support/harness.mjs";

const env = useServerAndBrowser();

async function codes(page, scope = page) {
  return scope.locator('[data-testid="finding"]').evaluateAll((els) => els.map((e) => e.dataset.code));
}

test("each live check fires on its input and not on a good one", async (t) => {
  const { app, page } = await useApp(t, env);
  const one = entry(page, 1);
  const cases = [
    [{ registry: "", username: "u", secret: "t" }, "registry-empty"],
    [{ registry: "bad host", username: "u", secret: "t" }, "registry-invalid"],
    // Longer than DNS allows: a 64-character label, a 1,024-character name.
    [{ registry: `${"a".repeat(64)}.example.com`, username: "u", secret: "t" }, "registry-invalid"],
    [{ registry: "a".repeat(1024), username: "u", secret: "t" }, "registry-invalid"],
    [{ registry: "r.example.com:http", username: "u", secret: "t" }, "registry-port-invalid"],
    [{ registry: "hub.docker.com", username: "u", secret: "t" }, "docker-hub-key"],
    [{ registry: "https://r.example.com/v2/", username: "u", secret: "t" }, "registry-scheme-or-path"],
    [{ registry: "r.example.com", username: "", secret: "t" }, "username-empty"],
    [{ registry: "r.example.com", username: "a:b", secret: "t" }, "username-colon"],
    [{ registry: "r.example.com", username: "u", secret: "" }, "secret-empty"],
    [{ registry: "r.example.com", username: "u", secret: "token " }, "whitespace-in-field"],
    [{ registry: "r.example.com", username: " u", secret: "t" }, "whitespace-in-field"],
    [{ registry: "r.example.com", username: "u", secret: "to$5ken" }, "dollar-in-field"],
    [{ registry: "r.example.com", username: "u", secret: "$CI_JOB_TOKEN" }, "variable-reference-in-credential"],
  ];
  for (const [input, code] of cases) {
    await fillEntry(page, 1, input);
    assert.ok((await codes(page, one)).includes(code), `${code} for ${JSON.stringify(input)}`);
    await fillEntry(page, 1, { registry: "registry.example.com:5000", username: "deployer", secret: "not-a-real-token" });
    assert.deepEqual(await codes(page), [], `no finding for a good input after ${code}`);
  }
});

test("a field finding names the field in the page's language", async (t) => {
  const { app, page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "r.example.com", username: " u", secret: "not-a-real-token " });
  const finding = page.locator('[data-testid="finding"][data-code="whitespace-in-field"]');
  const messages = finding.locator(".finding-message");
  assert.deepEqual((await messages.allTextContents()).map((t) => t.match(/^The (\w+) has a line break/)?.[1]), ["username", "password"]);
  await page.getByLabel("Language").selectOption("ja");
  await finding.filter({ hasText: "パスワードに改行" }).waitFor();
  assert.equal(await finding.filter({ hasText: "ユーザー名に改行" }).count(), 1);
  for (const text of await messages.allTextContents()) assert.doesNotMatch(text, /username|password/);
});

test("helpers, credsStore, duplicates and namespaces", async (t) => {
  const { app, page } = await useApp(t, env);
  const one = entry(page, 1);
  await one.getByLabel("Registry", { exact: true }).fill("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
  await one.getByLabel("Credentials").selectOption("helper");
  await one.getByLabel("Helper", { exact: true }).selectOption("ecr-login");
  assert.deepEqual(JSON.parse(await configValue(page)).credHelpers, { "123456789012.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login" });
  assert.ok((await codes(page)).includes("helper-needs-install"));
  assert.ok((await codes(page)).includes("ecr-aws-region"));

  await one.getByLabel("Helper", { exact: true }).selectOption("other");
  await one.getByLabel("Helper name").fill("../bin/evil");
  assert.ok((await codes(page, one)).includes("helper-name-invalid"));
  assert.equal(JSON.parse(await configValue(page)).credHelpers, undefined);
  await one.getByLabel("Helper", { exact: true }).selectOption("osxkeychain");
  assert.ok((await codes(page, one)).includes("desktop-only-store"));

  // Switching back to basic keeps nothing typed lost.
  await one.getByLabel("Credentials").selectOption("basic");
  await fillEntry(page, 1, { registry: "docker.io", username: "u", secret: "not-a-real-token" });
  await page.getByRole("button", { name: "Add registry" }).click();
  await fillEntry(page, 2, { registry: "index.docker.io", username: "v", secret: "not-a-real-token" });
  assert.ok((await codes(page, entry(page, 2))).includes("duplicate-key"));
  await entry(page, 2).getByRole("button", { name: "Remove registry" }).click();

  await page.getByLabel("Credential store (credsStore)").selectOption("desktop");
  const found = await codes(page);
  for (const code of ["desktop-only-store", "creds-store-docker-hub", "creds-store-shadows-auths"]) assert.ok(found.includes(code), code);
  await page.getByLabel("Credential store (credsStore)").selectOption("");

  await fillEntry(page, 1, { registry: "registry.gitlab.com/group/project/image:1" });
  await one.getByLabel(/Keep namespace/).check();
  assert.equal(await one.getByTestId("registry-key").textContent(), "registry.gitlab.com/group/project/image");
  assert.ok((await codes(page, one)).includes("namespaced-key"));
});

test("presets fill the registry; GitLab registries show token kinds and scopes", async (t) => {
  const { app, page } = await useApp(t, env);
  const one = entry(page, 1);
  await one.getByLabel("Username", { exact: true }).fill("kept");
  await one.getByLabel("Preset").selectOption("ecr-public");
  assert.equal(await one.getByLabel("Registry", { exact: true }).inputValue(), "public.ecr.aws");
  assert.equal(await one.getByLabel("Credentials").inputValue(), "helper");
  assert.deepEqual(JSON.parse(await configValue(page)).credHelpers, { "public.ecr.aws": "ecr-login" });
  await one.getByLabel("Preset").selectOption("gitlab-com");
  assert.equal(await one.getByLabel("Username", { exact: true }).inputValue(), "kept");
  await one.getByLabel("GitLab token kind").selectOption("deploy-token");
  assert.match(await one.getByTestId("token-scopes").textContent(), /read_registry.*write_registry/);
});

test("the value typed into the page logs in to real registries; a wrong token does not", async () => {
  const dirA = mkdtempSync(join(tmpdir(), "acb-reg-"));
  const dirB = mkdtempSync(join(tmpdir(), "acb-reg-"));
  const work = mkdtempSync(join(tmpdir(), "acb-auth-"));
  const userA = { username: "deployer", password: `not-a-real:pa$$ "word" 'q' ü 日本` };
  const userB = { username: "bot", password: "x".repeat(1000) };
  const a = startRegistry(dirA, [userA]);
  const b = startRegistry(dirB, [userB]);
  try {
    const app = await openApp(env.browser, env.server.url);
    const { page } = app;
    await fillEntry(page, 1, { registry: `http://${a.host}/v2/`, username: userA.username, secret: userA.password });
    await page.getByRole("button", { name: "Add registry" }).click();
    await fillEntry(page, 2, { registry: b.host, username: userB.username, secret: userB.password });
    const authfile = join(work, "config.json");
    writeFileSync(authfile, await configValue(page));
    assert.deepEqual(skopeoInspect(a.host, authfile), { ok: true, stderr: "" });
    assert.deepEqual(skopeoInspect(b.host, authfile), { ok: true, stderr: "" });

    await entry(page, 1).getByLabel("Password or token", { exact: true }).fill("not-the-password");
    writeFileSync(authfile, await configValue(page));
    const refused = skopeoInspect(a.host, authfile);
    assert.equal(refused.ok, false);
    assert.match(refused.stderr, /unauthorized|authentication required/i);
    assert.deepEqual(await app.assertClean(), []);
    await app.context.close();
  } finally {
    a.stop();
    b.stop();
    for (const d of [dirA, dirB, work]) rmSync(d, { recursive: true, force: true });
  }
});
