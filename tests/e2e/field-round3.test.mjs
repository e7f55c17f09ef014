// What users got wrong, round three (issue 29), through the UI of the release build: a pull
// Secret of the wrong type, base64 where the JSON belongs, a job token kept after its job,
// Google's two key usernames, an e-mail as the Docker Hub username, and what Buildah, Podman and
// Skopeo do not read. Each kind is caught and its nearest good input is not. All credentials
// are fake.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openApp, openView, showAllSnippets, fillEntry, useApp, inspectFindings, codesOf, pasteConfig, fixConfig } from "./support/harness.mjs";

const env = useServerAndBrowser();

const b64 = (text) => Buffer.from(text, "utf8").toString("base64");
const TOKEN = "not-a-real-token";
const AUTH = b64(`ci-bot:${TOKEN}`);
const CLEAN = JSON.stringify({ auths: { "registry.example.com": { auth: AUTH } } });
const HEAD = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\n  namespace: ci\n";
/** The corrected Secret Fix writes for any of the broken Secrets below. */
const FIXED_SECRET = `${HEAD}type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(CLEAN)}\n`;
/** A Google service-account key as gcloud writes it, pretty-printed, with fake contents. */
const KEY_JSON = `{\n  "type": "service_account",\n  "project_id": "not-a-real-project",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\nnot-a-real-key\\n-----END PRIVATE KEY-----\\n"\n}\n`;



/** Waits for the inspector's finding `code`, then returns every finding shown. */
async function inspected(page, code) {
  await page.locator(`[data-testid="inspect-finding"][data-code="${code}"]`).first().waitFor();
  return inspectFindings(page);
}


/** The generator's finding `code` once shown. */
async function generatorFinding(page, code) {
  const finding = page.locator(`[data-testid="finding"][data-code="${code}"]`).first();
  await finding.waitFor();
  return { severity: await finding.getAttribute("data-severity"), token: await finding.getAttribute("data-token-kind"), text: await finding.textContent() };
}

test("a pull Secret of the wrong type is named with its type, and Fix writes it back with the type the kubelet reads", async (t) => {
  const { app, page } = await useApp(t, env);
  await openView(page, "Check");
  // No type: the API server makes it Opaque, the kubelet skips it.
  for (const [secret, type] of [
    [`${HEAD}data:\n  .dockerconfigjson: ${b64(CLEAN)}\n`, "Opaque"],
    [`${HEAD}type: Opaque\ndata:\n  .dockerconfigjson: ${b64(CLEAN)}\n`, "Opaque"],
    [`${HEAD}data:\n  config.json: ${b64(CLEAN)}\n`, "Opaque"],
    [JSON.stringify({ apiVersion: "v1", kind: "Secret", metadata: { name: "regcred", namespace: "ci" }, type: "kubernetes.io/basic-auth", data: { ".dockerconfigjson": b64(CLEAN) } }), "kubernetes.io/basic-auth"],
  ]) {
    await pasteConfig(page, secret);
    const found = await inspected(page, "k8s-secret-type");
    const named = found.find((f) => f.code === "k8s-secret-type");
    assert.equal(named.severity, "warning");
    assert.ok(named.text.includes(type), `${type}: ${named.text}`);
    assert.match(named.text, /kubernetes\.io\/dockerconfigjson \(key \.dockerconfigjson\)/);
    assert.match(named.text, /kubernetes\.io\/dockercfg \(key \.dockercfg\)/);
    assert.ok(!codesOf(found).includes("k8s-secret-unreadable"), codesOf(found).join(" "));
    assert.equal(await fixConfig(page), CLEAN);
    assert.equal(await page.getByTestId("inspect-fixed-secret").textContent(), FIXED_SECRET);
    assert.equal(await page.getByRole("button", { name: "Copy corrected Secret" }).count(), 1);
  }
  // A Docker type with the other type's key: the API server refuses it.
  await pasteConfig(page, `${HEAD}type: kubernetes.io/dockerconfigjson\ndata:\n  .dockercfg: ${b64(JSON.stringify(JSON.parse(CLEAN).auths))}\n`);
  const mismatch = (await inspected(page, "k8s-secret-key-mismatch")).find((f) => f.code === "k8s-secret-key-mismatch");
  assert.equal(mismatch.severity, "error");
  assert.match(mismatch.text, /\.dockercfg/);
  assert.match(mismatch.text, /Required value/);
  await fixConfig(page);
  assert.equal(await page.getByTestId("inspect-fixed-secret").textContent(), FIXED_SECRET);
  // The nearest good input: a typed Secret is only unwrapped.
  await pasteConfig(page, `${HEAD}type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(CLEAN)}\n`);
  const good = codesOf(await inspected(page, "k8s-wrapped"));
  for (const code of ["k8s-secret-type", "k8s-secret-key-mismatch"]) assert.ok(!good.includes(code), `${code} in ${good}`);
  // A value that is no Secret gets no Secret back.
  await pasteConfig(page, CLEAN);
  await page.locator('[data-testid="inspect-finding"][data-code="mask-needs-raw"]').waitFor();
  assert.equal(await fixConfig(page), CLEAN);
  assert.equal(await page.getByTestId("inspect-fixed-secret").count(), 0);
});

test("base64 where the JSON belongs is named where it is, with the API server's error, and Fix decodes it", async (t) => {
  const { app, page } = await useApp(t, env);
  await openView(page, "Check");
  for (const [text, place] of [
    [`${HEAD}type: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: ${b64(CLEAN)}\n`, "stringData → .dockerconfigjson"],
    [`${HEAD}type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(b64(CLEAN))}\n`, "data → .dockerconfigjson"],
    [JSON.stringify({ kind: "Secret", metadata: { name: "regcred", namespace: "ci" }, type: "kubernetes.io/dockerconfigjson", stringData: { ".dockerconfigjson": b64(CLEAN) } }), "stringData → .dockerconfigjson"],
  ]) {
    await pasteConfig(page, text);
    const found = await inspected(page, "base64-instead-of-json");
    const named = found.find((f) => f.code === "base64-instead-of-json");
    assert.equal(named.severity, "error");
    assert.ok(named.text.includes(place), `${place}: ${named.text}`);
    assert.ok(named.text.includes("invalid character 'e' looking for beginning of value"), named.text);
    assert.ok(!codesOf(found).includes("json-invalid"), "named, not just invalid JSON");
    assert.equal(await fixConfig(page), CLEAN);
    assert.equal(await page.getByTestId("inspect-fixed-secret").textContent(), FIXED_SECRET);
  }
  // A .dockerconfigjson value pasted encoded twice: the same finding, and Fix decodes both layers.
  await pasteConfig(page, b64(b64(CLEAN)));
  assert.ok(codesOf(await inspected(page, "base64-instead-of-json")).includes("k8s-wrapped"));
  assert.equal(await fixConfig(page), CLEAN);
  // The nearest good input: the JSON itself under stringData.
  await pasteConfig(page, `${HEAD}type: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: '${CLEAN}'\n`);
  const good = codesOf(await inspected(page, "k8s-wrapped"));
  assert.ok(!good.includes("base64-instead-of-json") && !good.includes("json-invalid"), good.join(" "));
});

test("the username gitlab-ci-token is a job token kept after its job, in the generator and the inspector", async (t) => {
  const { app, page } = await useApp(t, env);
  // Older and self-managed job tokens have no glcbt- prefix: the username is the sign.
  await fillEntry(page, 1, { registry: "registry.gitlab.com", username: "gitlab-ci-token", secret: TOKEN });
  let finding = await generatorFinding(page, "short-lived-in-static-value");
  assert.equal(finding.severity, "warning");
  assert.equal(finding.token, "gitlab-job-token");
  assert.match(finding.text, /gitlab-ci-token/);
  assert.match(finding.text, /read_registry/);
  // With the prefix it is said once, not twice.
  await fillEntry(page, 1, { secret: "glcbt-NOTREAL-not-a-real-token-0000" });
  finding = await generatorFinding(page, "short-lived-in-static-value");
  assert.equal(await page.locator('[data-testid="finding"][data-code="token-short-lived"]').count(), 0);
  // A deploy token is the lasting alternative: nothing to say.
  await fillEntry(page, 1, { username: "gitlab+deploy-token-7", secret: "gldt-NOTREAL-not-a-real-token-0000" });
  await page.locator('[data-testid="finding"][data-code="short-lived-in-static-value"]').waitFor({ state: "detached" });

  await openView(page, "Check");
  const secret = `${HEAD}type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(JSON.stringify({ auths: { "registry.gitlab.com": { auth: b64(`gitlab-ci-token:${TOKEN}`) } } }))}\n`;
  await pasteConfig(page, secret);
  const found = (await inspected(page, "short-lived-in-static-value")).find((f) => f.code === "short-lived-in-static-value");
  assert.equal(found.key, "registry.gitlab.com");
  assert.equal(found.token, "gitlab-job-token");
  // $CI_JOB_TOKEN built into auth inside the job is right; its reference is named on its own.
  await pasteConfig(page, JSON.stringify({ auths: { "registry.gitlab.com": { auth: b64("gitlab-ci-token:${CI_JOB_TOKEN}") } } }));
  const built = codesOf(await inspected(page, "variable-reference-in-credential"));
  assert.ok(!built.includes("short-lived-in-static-value"), built.join(" "));
});

test("Google's two key usernames: each mix-up names the other, and a pretty-printed key under _json_key is fine", async (t) => {
  const { app, page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "europe-docker.pkg.dev", username: "_json_key", secret: b64(KEY_JSON) });
  const finding = await generatorFinding(page, "json-key-username");
  assert.equal(finding.severity, "warning");
  assert.match(finding.text, /_json_key_base64/);
  await fillEntry(page, 1, { username: "_json_key_base64" });
  await page.locator('[data-testid="finding"][data-code="json-key-username"]').waitFor({ state: "detached" });

  await openView(page, "Check");
  const gar = (user, password) => JSON.stringify({ auths: { "europe-docker.pkg.dev": { auth: b64(`${user}:${password}`) } } });
  await pasteConfig(page, gar("_json_key_base64", KEY_JSON));
  const named = (await inspected(page, "json-key-username")).find((f) => f.code === "json-key-username");
  assert.match(named.text, /use the username _json_key[ ,.]/i);
  // The key file as gcloud writes it, line breaks and all: no whitespace mistake, no mix-up.
  await pasteConfig(page, gar("_json_key", KEY_JSON));
  const fine = codesOf(await inspected(page, "token-least-privilege"));
  for (const code of ["whitespace-in-field", "json-key-username"]) assert.ok(!fine.includes(code), `${code} in ${fine}`);
});

test("an e-mail address as the Docker Hub username is an error in the generator and the inspector", async (t) => {
  const { app, page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "docker.io", username: "someone@example.com", secret: TOKEN });
  const finding = await generatorFinding(page, "docker-hub-email-username");
  assert.equal(finding.severity, "error");
  assert.match(finding.text, /someone@example\.com/);
  assert.match(finding.text, /Docker ID/);
  await fillEntry(page, 1, { username: "someone" });
  await page.locator('[data-testid="finding"][data-code="docker-hub-email-username"]').waitFor({ state: "detached" });
  // Another registry may well use e-mail addresses.
  await fillEntry(page, 1, { registry: "quay.io", username: "someone@example.com" });
  await page.getByTestId("docker-auth-config").filter({ hasText: "quay.io" }).waitFor();
  assert.equal(await page.locator('[data-testid="finding"][data-code="docker-hub-email-username"]').count(), 0);

  await openView(page, "Check");
  for (const key of ["https://index.docker.io/v1/", "index.docker.io", "registry-1.docker.io"]) {
    await pasteConfig(page, JSON.stringify({ auths: { [key]: { auth: b64(`someone@example.com:${TOKEN}`) } } }));
    const named = (await inspected(page, "docker-hub-email-username")).find((f) => f.code === "docker-hub-email-username");
    assert.equal(named.key, key);
  }
});

test("what Buildah, Podman and Skopeo do not read is named, and the buildah snippet says it cannot use a credsStore", async (t) => {
  const { app, page } = await useApp(t, env);
  await fillEntry(page, 1, { registry: "registry.example.com", username: "ci-bot", secret: TOKEN });
  await showAllSnippets(page);
  const buildah = page.getByTestId("snippet-buildah");
  assert.ok(!(await buildah.textContent()).includes("credsStore"));
  await page.getByLabel("Credential store (credsStore)").selectOption("ecr-login");
  await buildah.filter({ hasText: "do not read credsStore (ecr-login)" }).waitFor();
  assert.match(await buildah.textContent(), /credHelpers/);
  await page.getByLabel("Credential store (credsStore)").selectOption("");
  await buildah.filter({ hasNotText: "credsStore" }).waitFor();

  await openView(page, "Check");
  await pasteConfig(page, JSON.stringify({ auths: { "registry.example.com": { auth: AUTH } }, credsStore: "ecr-login" }));
  const store = (await inspected(page, "ignored-by-containers-image")).find((f) => f.code === "ignored-by-containers-image");
  assert.match(store.text, /Buildah/);
  assert.match(store.text, /credsStore/);
  await pasteConfig(page, JSON.stringify({ auths: { "registry.example.com": { username: "ci-bot", password: TOKEN } } }));
  const fields = (await inspected(page, "ignored-by-containers-image")).find((f) => f.code === "ignored-by-containers-image");
  assert.equal(fields.key, "registry.example.com");
  assert.match(fields.text, /username, password/);
  // Fix writes auth, which they read.
  assert.equal(await fixConfig(page), CLEAN);
  await pasteConfig(page, CLEAN);
  await page.locator('[data-testid="inspect-finding"][data-code="mask-needs-raw"]').waitFor();
  assert.equal(await page.locator('[data-testid="inspect-finding"][data-code="ignored-by-containers-image"]').count(), 0);
});

test("in Japanese, a Secret of the wrong type is explained in Japanese and Fix still gives the Secret back", async (t) => {
  const { app, page } = await useApp(t, env);
  await openView(page, "Check");
  await pasteConfig(page, `${HEAD}data:\n  .dockerconfigjson: ${b64(CLEAN)}\n`);
  const finding = page.locator('[data-testid="inspect-finding"][data-code="k8s-secret-type"]');
  await finding.waitFor();
  await page.getByLabel("Language").selectOption("ja");
  await finding.filter({ hasText: "kubelet がプル用の認証情報を読むのは" }).waitFor();
  assert.match(await finding.textContent(), /この Secret のタイプは Opaque です/);
  await page.getByRole("button", { name: "修正", exact: true }).click();
  assert.equal(await page.getByTestId("inspect-fixed-secret").textContent(), FIXED_SECRET);
  assert.equal(await page.getByRole("button", { name: "修正した Secret をコピー" }).count(), 1);
  assert.ok(await page.getByText("これを適用する前に古い Secret を削除してください").isVisible(), "the note says the type cannot change, in Japanese");
  await page.getByLabel("言語").selectOption("en");
  await finding.filter({ hasText: "the kubelet reads pull credentials only" }).waitFor();
});
