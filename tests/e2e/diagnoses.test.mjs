// What users got wrong, through the UI of the release build: tokens where base64 or a username
// belongs, all-or-nothing sources, token fields next to auth, the docker CLI's environment store
// and map-order ambiguity, text that is almost JSON, and today's snippet images. All credentials
// are fake.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openApp, openView, showAllSnippets, entry, fillEntry, configValue, coreutilsBase64, useApp, inspectFindings, codesOf, pasteConfig, fixConfig } from "./support/harness.mjs";

const env = useServerAndBrowser();

const HUB_TOKEN = "dckr_pat_AbCdEfGhIjKlMnOpQrStUvWxYz0";
const GLPAT = "glpat-NOTREAL-not-a-real-token-0000";
const b64 = (text) => Buffer.from(text, "utf8").toString("base64");
const AUTH = b64("ci-bot:not-a-real-token");
const ECR_PASSWORD = b64(JSON.stringify({ payload: "not-a-real-payload", datakey: "not-a-real-datakey", version: "2", type: "DATA_KEY", expiration: 1700000000 }));

const generatorFindings = (page) =>
  page.locator('[data-testid="finding"]').evaluateAll((els) => els.map((e) => ({ code: e.dataset.code, severity: e.dataset.severity, token: e.dataset.tokenKind, text: e.textContent })));



test("a token pasted as auth is named, Fix leaves it for a username, and Edit in generator asks for one", async (t) => {
  const { app, page } = await useApp(t, env);
  await openView(page, "Check");
  await pasteConfig(page, JSON.stringify({ auths: { "registry.example.com": { auth: HUB_TOKEN }, "quay.io": { auth: AUTH } } }));
  const found = await inspectFindings(page);
  const named = found.find((f) => f.code === "auth-is-token");
  assert.ok(named, JSON.stringify(found));
  assert.equal(named.severity, "error");
  assert.equal(named.key, "registry.example.com");
  assert.equal(named.token, "docker-hub-personal-access-token");
  assert.match(named.text, /Docker Hub personal access token/);
  assert.match(named.text, /username:token/);
  assert.ok(!codesOf(found).includes("auth-base64-url-safe"), "no longer mistaken for URL-safe base64");
  // The kind's own advice: the username and the permission it needs.
  assert.match(await page.locator('[data-testid="inspect-finding"][data-code="auth-is-token"] [data-testid="finding-token-advice"]').textContent(), /Docker ID/);

  assert.equal(await fixConfig(page), JSON.stringify({ auths: { "quay.io": { auth: AUTH } } }));
  // The entry left out is named next to the value, not silently dropped.
  assert.match(await page.getByTestId("inspect-fix-left-out").textContent(), /Left out of the corrected value.*: registry\.example\.com\./);
  await page.getByRole("button", { name: "Edit in generator" }).click();
  assert.equal(await page.getByRole("tab", { name: /^Build/ }).getAttribute("aria-selected"), "true");
  const group = entry(page, 2);
  assert.equal(await group.getByLabel("Registry", { exact: true }).inputValue(), "registry.example.com");
  assert.equal(await group.getByLabel("Username", { exact: true }).inputValue(), "");
  assert.equal(await group.getByLabel("Password or token", { exact: true }).inputValue(), HUB_TOKEN);
  const asked = codesOf(await group.locator('[data-testid="finding"]').evaluateAll((els) => els.map((e) => ({ code: e.dataset.code }))));
  assert.ok(asked.includes("username-empty") && asked.includes("token-least-privilege"), asked.join(" "));
  await fillEntry(page, 2, { username: "hubuser" });
  assert.equal(await group.getByTestId("auth-string").textContent(), coreutilsBase64(`hubuser:${HUB_TOKEN}`));
  assert.equal(JSON.parse(await configValue(page)).auths["registry.example.com"].auth, coreutilsBase64(`hubuser:${HUB_TOKEN}`));
});

test("when Fix can keep nothing it says so and offers no empty value to copy, in English and Japanese", async (t) => {
  const { app, page } = await useApp(t, env);
  await openView(page, "Check");
  for (const auth of ["not base64!!", b64("userpass")]) {
    await pasteConfig(page, JSON.stringify({ auths: { "registry.example.com": { auth } } }));
    await page.getByRole("button", { name: "Fix" }).click();
    await page.getByTestId("inspect-fix-nothing-left").waitFor();
    assert.match(await page.getByTestId("inspect-fix-nothing-left").textContent(), /Nothing usable is left/);
    assert.match(await page.getByTestId("inspect-fix-left-out").textContent(), /registry\.example\.com/);
    assert.equal(await page.getByTestId("inspect-fixed").count(), 0, `no {"auths":{}} for ${auth}`);
    assert.equal(await page.getByRole("button", { name: "Copy corrected value" }).count(), 0);
  }
  // A new paste clears the notes; a usable entry next to the broken one is kept and the other named.
  await pasteConfig(page, JSON.stringify({ auths: { "registry.example.com": { auth: "not base64!!" }, "quay.io": { auth: AUTH } } }));
  assert.equal(await page.getByTestId("inspect-fix-left-out").count(), 0);
  assert.equal(await fixConfig(page), JSON.stringify({ auths: { "quay.io": { auth: AUTH } } }));
  assert.equal(await page.getByTestId("inspect-fix-nothing-left").count(), 0);
  assert.match(await page.getByTestId("inspect-fix-left-out").textContent(), /: registry\.example\.com\./);
  await page.getByLabel("Language").selectOption("ja");
  await page.getByTestId("inspect-fix-left-out").filter({ hasText: "修正した値から外しました" }).waitFor();
  assert.match(await page.getByTestId("inspect-fix-left-out").textContent(), /修正した値から外しました: registry\.example\.com。/);
});

test("two keys for Docker Hub: the finding names its key, and Fix and Edit in generator keep the runner's choice", async (t) => {
  const { app, page } = await useApp(t, env);
  await openView(page, "Check");
  const first = b64("hub-a:not-a-real-token-a");
  const second = b64("hub-c:not-a-real-token-c");
  await pasteConfig(page, JSON.stringify({ auths: { "https://index.docker.io/v1/": { auth: first }, "docker.io": { auth: second } } }));
  const dup = page.locator('[data-testid="inspect-finding"][data-code="duplicate-registry"]');
  assert.equal(await dup.getAttribute("data-key"), "https://index.docker.io/v1/");
  assert.equal(await dup.getByTestId("finding-key").textContent(), "https://index.docker.io/v1/", "the finding says which key it is about");
  assert.match(await dup.textContent(), /“docker\.io”/);
  assert.equal(JSON.parse(await fixConfig(page)).auths["https://index.docker.io/v1/"].auth, second);
  // Fix says whose credential it left out, and whose it kept.
  assert.match(await page.getByTestId("inspect-fix-shadowed").textContent(), /“docker\.io” kept, “https:\/\/index\.docker\.io\/v1\/” left out/);
  for (const afterFix of [true, false]) {
    if (!afterFix) {
      await openView(page, "Check");
      await pasteConfig(page, "");
      await pasteConfig(page, JSON.stringify({ auths: { "https://index.docker.io/v1/": { auth: first }, "docker.io": { auth: second } } }));
      assert.equal(await page.getByTestId("inspect-fixed").count(), 0, "a new paste drops the fix");
    }
    await page.getByRole("button", { name: "Edit in generator" }).click();
    assert.equal(JSON.parse(await configValue(page)).auths["https://index.docker.io/v1/"].auth, second, `after Fix: ${afterFix}`);
    // The page says what happened, at the top, with the keyboard on the Build tab.
    const loaded = afterFix ? 1 : 2;
    assert.match(await page.getByTestId("edit-loaded").textContent(), new RegExp(`^Loaded ${loaded} registries .*they replace`));
    assert.equal(await page.getByTestId("edit-left-out").count(), 0);
    assert.deepEqual(await page.evaluate(() => [document.activeElement.id, window.scrollY]), ["tab-build", 0]);
  }
});

test("user:token pasted as auth without base64 is named as such, and Fix encodes it as coreutils does", async (t) => {
  const { app, page } = await useApp(t, env);
  await openView(page, "Check");
  await pasteConfig(page, JSON.stringify({ auths: { "registry.example.com": { auth: "ci-bot:not-a-real-token" } } }));
  const codes = codesOf(await inspectFindings(page));
  assert.ok(codes.includes("auth-not-encoded"), codes.join(" "));
  for (const wrong of ["auth-base64-url-safe", "auth-base64-invalid"]) assert.ok(!codes.includes(wrong), `${wrong} in ${codes.join(" ")}`);
  assert.equal(await fixConfig(page), JSON.stringify({ auths: { "registry.example.com": { auth: coreutilsBase64("ci-bot:not-a-real-token") } } }));
  assert.equal(await page.getByTestId("inspect-fix-left-out").count(), 0);
});

test("the generator says what each recognised token needs, in English and Japanese", async (t) => {
  const { app, page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "registry.gitlab.com", username: GLPAT, secret: "not-a-real-token" });
  let found = await generatorFindings(page);
  assert.ok(found.some((f) => f.code === "token-as-username" && f.severity === "error" && f.token === "gitlab-personal-access-token"), JSON.stringify(found));

  await fillEntry(page, 1, { username: "ci-bot", secret: GLPAT });
  found = await generatorFindings(page);
  assert.ok(found.some((f) => f.code === "token-least-privilege" && f.token === "gitlab-personal-access-token" && /read_registry/.test(f.text)));
  assert.ok(!found.some((f) => f.code === "token-as-username"));

  await fillEntry(page, 1, { registry: "123456789012.dkr.ecr.eu-west-1.amazonaws.com", username: "AWS", secret: ECR_PASSWORD });
  found = await generatorFindings(page);
  assert.ok(found.some((f) => f.code === "token-short-lived" && f.token === "aws-ecr-password" && /12 hours/.test(f.text) && /ecr-login/.test(f.text)), JSON.stringify(found));

  await fillEntry(page, 1, { registry: "dhi.io", username: "acme", secret: "dckr_oat_NOTREAL-not-a-real-token-0000" });
  found = await generatorFindings(page);
  assert.ok(found.some((f) => f.code === "token-organization-username" && f.severity === "info" && /organization's name/.test(f.text)));

  await page.getByLabel("Language").selectOption("ja");
  const japanese = page.locator('[data-testid="finding"][data-code="token-organization-username"]');
  await japanese.filter({ hasText: "組織の名前" }).waitFor();
  assert.match(await japanese.textContent(), /Docker Hub 組織アクセストークン/);
  await page.getByLabel("言語").selectOption("en");
});

test("static entries next to helpers are all-or-nothing, in the generator and the inspector", async (t) => {
  const { app, page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "registry.example.com", username: "ci-bot", secret: "not-a-real-token" });
  assert.ok(!codesOf(await generatorFindings(page)).includes("mixed-helpers-and-auths"));
  await page.getByRole("button", { name: "Add registry" }).click();
  await entry(page, 2).getByLabel("Registry", { exact: true }).fill("gcr.io");
  await entry(page, 2).getByLabel("Credentials").selectOption("helper");
  await entry(page, 2).getByLabel("Helper", { exact: true }).selectOption("gcloud");
  const mixed = page.locator('[data-testid="finding"][data-code="mixed-helpers-and-auths"]');
  await mixed.waitFor();
  assert.equal(await mixed.getAttribute("data-severity"), "warning");
  assert.match(await mixed.textContent(), /docker-credential-gcloud/);
  assert.match(await mixed.textContent(), /~\/\.docker\/config\.json/);

  await openView(page, "Check");
  await pasteConfig(page, JSON.stringify({ auths: { "registry.example.com": { auth: AUTH } }, credsStore: "ecr-login" }));
  assert.ok(codesOf(await inspectFindings(page)).includes("mixed-helpers-and-auths"));
});

test("an identity token next to auth is named, and Fix keeps only auth", async (t) => {
  const { app, page } = await useApp(t, env);
  await openView(page, "Check");
  await pasteConfig(page, JSON.stringify({ auths: { "registry.example.com": { auth: AUTH, identitytoken: "not-a-real-identity-token" } } }));
  const found = await inspectFindings(page);
  const overrides = found.find((f) => f.code === "token-field-overrides-auth");
  assert.ok(overrides && overrides.severity === "warning" && /identitytoken/.test(overrides.text), JSON.stringify(found));
  assert.equal(await fixConfig(page), JSON.stringify({ auths: { "registry.example.com": { auth: AUTH } } }));
});

test("the resolver gives the docker CLI's environment answer and says when map order decides", async (t) => {
  const { app, page } = await useApp(t, env);
  await openView(page, "Check");
  const keys = ["registry.local/team-a", "registry.local/team-b", "registry.example.com", "http://plain.example.com"];
  await pasteConfig(page, JSON.stringify({ auths: Object.fromEntries(keys.map((k) => [k, { auth: AUTH }])) }));
  const http = (await inspectFindings(page)).find((f) => f.code === "key-http-scheme");
  assert.ok(http && http.severity === "warning" && http.key === "http://plain.example.com");

  const image = page.getByLabel("Image", { exact: true });
  await image.fill("registry.local/team-b/app:1");
  const cli = page.getByTestId("resolved-docker-cli");
  assert.equal(await page.getByTestId("resolved-runner").textContent(), "registry.local/team-b");
  assert.equal(await cli.getAttribute("data-ambiguous"), "true");
  assert.equal(await cli.getAttribute("data-candidates"), "registry.local/team-a registry.local/team-b");
  assert.equal(await page.getByTestId("resolved-docker-cli-env").textContent(), "", "namespaced keys never match the environment store");
  const why = page.getByTestId("resolution-why");
  assert.equal(await why.getAttribute("data-code"), "cli-ambiguous");
  assert.match(await why.textContent(), /map order/);

  await image.fill("registry.example.com/app:1");
  assert.equal(await page.getByTestId("resolved-docker-cli-env").textContent(), "registry.example.com");
  assert.equal(await cli.getAttribute("data-ambiguous"), null);
  assert.equal(await cli.getAttribute("data-candidates"), null);
  await image.fill("plain.example.com/app:1");
  assert.equal(await cli.textContent(), "http://plain.example.com", "config.json reduces the scheme");
  assert.equal(await page.getByTestId("resolved-docker-cli-env").textContent(), "", "the environment store matches exactly");

  // One field the strict parser refuses, and the environment gives nothing.
  await pasteConfig(page, JSON.stringify({ auths: { "registry.example.com": { auth: AUTH, email: "ci@example.com" } } }));
  await image.fill("registry.example.com/app:1");
  assert.equal(await cli.textContent(), "registry.example.com");
  assert.equal(await page.getByTestId("resolved-docker-cli-env").textContent(), "");
});

test("text that is almost JSON is named where it is, and Fix repairs it", async (t) => {
  const { app, page } = await useApp(t, env);
  await openView(page, "Check");
  const clean = JSON.stringify({ auths: { "registry.example.com": { auth: AUTH } } });
  const cases = [
    [clean.replaceAll('"', "\u201c"), "json-typographic-quotes", "1:2", "error"],
    [`export DOCKER_AUTH_CONFIG='${clean}'`, "json-variable-prefix", "1:1", "error"],
    [`DOCKER_AUTH_CONFIG=${JSON.stringify(clean)}`, "json-shell-quotes", "1:20", "error"],
    [`\uFEFF${clean}`, "json-bom", "1:1", "error"],
    [clean.replace(":{", ":\u00a0{"), "json-nbsp", "1:10", "error"],
    // A textarea turns raw carriage returns into line feeds: pasted text has the escaped kind.
    [`{"auths":{"registry.example.com":{"auth":"${AUTH.slice(0, 8)}\\r\\n${AUTH.slice(8)}"}}}`, "auth-carriage-return", `1:${43 + 8}`, "warning"],
  ];
  for (const [text, code, at, severity] of cases) {
    await pasteConfig(page, text);
    const found = await inspectFindings(page);
    const named = found.find((f) => f.code === code);
    assert.ok(named, `${code}: ${codesOf(found)}`);
    assert.equal(named.severity, severity, code);
    assert.ok(named.text.includes(at), `${code} at ${at}: ${named.text}`);
    assert.ok(!codesOf(found).includes("json-invalid"), `${code}: named, not just invalid`);
    assert.equal(await fixConfig(page), clean, code);
  }
  // Top-level keys inside auths move out.
  await pasteConfig(page, JSON.stringify({ auths: { "registry.example.com": { auth: AUTH }, credHelpers: { "gcr.io": "gcloud" } } }));
  assert.match((await inspectFindings(page)).find((f) => f.code === "json-misplaced-key").text, /credHelpers \(1:\d+\)/);
  const fixed = await fixConfig(page);
  assert.deepEqual(JSON.parse(fixed), { auths: { "registry.example.com": { auth: AUTH } }, credHelpers: { "gcr.io": "gcloud" } });
  // The fixed value inspects without an error.
  await pasteConfig(page, fixed);
  assert.ok(!(await inspectFindings(page)).some((f) => f.severity === "error"));
});

test("snippets use today's images, log in only after unsetting DOCKER_AUTH_CONFIG, and put Buildah first", async (t) => {
  const { app, page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "registry.example.com", username: "ci-bot", secret: "not-a-real-token" });
  await showAllSnippets(page);
  assert.equal(await page.getByLabel("Docker version").inputValue(), "29.7.2");
  const login = await page.getByTestId("snippet-docker-login").textContent();
  assert.match(login, /docker:29\.7\.2-cli/);
  assert.match(login, /docker:29\.7\.2-dind/);
  const lines = login.split("\n").map((l) => l.trim());
  const unset = lines.indexOf("- unset DOCKER_AUTH_CONFIG");
  assert.ok(unset > 0 && lines[unset - 1].startsWith("# "), "one comment line says why");
  assert.ok(unset < lines.findIndex((l) => l.includes("| docker login")), "before the first login");
  await page.getByLabel("Docker version").selectOption("27.5.1");
  assert.match(await page.getByTestId("snippet-docker-login").textContent(), /unset DOCKER_AUTH_CONFIG/, "whatever the version");
  assert.match(await page.getByTestId("snippet-runtime-auth").textContent(), /unset DOCKER_AUTH_CONFIG/);
  assert.match(await page.getByTestId("snippet-kaniko").textContent(), /ghcr\.io\/osscontainertools\/kaniko:v1\.28\.3-debug/);
  const before = (a, b) => page.evaluate(([x, y]) => !!(document.querySelector(`[data-testid="${x}"]`).compareDocumentPosition(document.querySelector(`[data-testid="${y}"]`)) & Node.DOCUMENT_POSITION_FOLLOWING), [a, b]);
  assert.ok(await before("snippet-buildah", "snippet-docker-login"), "Buildah first in the .gitlab-ci.yml group");

  // The recommended snippets, with every builder chosen: the job's image, then Buildah first.
  await page.getByLabel("Show all snippets").uncheck();
  await page.getByLabel("Buildah", { exact: true }).check();
  await page.getByLabel("Kaniko", { exact: true }).check();
  const shown = await page.locator('pre[data-testid^="snippet-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
  assert.deepEqual(shown.slice(0, 3), ["snippet-job-image", "snippet-buildah", "snippet-docker-login"]);

  // The Docker Hardened Images preset.
  await entry(page, 1).getByLabel("Preset").selectOption("dhi");
  assert.equal(await entry(page, 1).getByLabel("Registry", { exact: true }).inputValue(), "dhi.io");
  assert.equal(await entry(page, 1).getByTestId("registry-key").textContent(), "dhi.io");
});
