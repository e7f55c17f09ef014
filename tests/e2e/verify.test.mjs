// A build anyone can verify and carry offline (README, "Verify a copy"): SHA256SUMS for every
// file, the SHA-256 the page computes of the wasm it runs equal to `sha256sum` of the served file,
// and the single-file build working from file:// with the network off and making no request.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { useServerAndBrowser, openApp, openView, fillEntry, entry, coreutilsBase64, ROOT, useApp } from "./support/harness.mjs";

const env = useServerAndBrowser();
const DIST = join(ROOT, "dist");
const OFFLINE = "auth-config-builder-offline.html";
// The main module, as index.html names it (in the build's `wasm-<hash>/` folder).
const wasmName = () => readFileSync(join(DIST, "index.html"), "utf8").match(/<meta name="wasm" content="\.\/([^"]+_bg\.wasm)"/)[1];
const sha256sum = (file) => execFileSync("sha256sum", [file]).toString().split(" ")[0];

function allFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [relative(DIST, path)];
  });
}

async function shownHash(page) {
  await page.getByText("This copy: version, source commit and SHA-256").click();
  const hash = page.getByTestId("wasm-sha256");
  await page.locator('[data-testid="wasm-sha256"][data-state="done"]').waitFor();
  return { hex: await hash.textContent(), file: await hash.getAttribute("data-file") };
}

test("SHA256SUMS lists every file of the build, and sha256sum -c accepts it", () => {
  const listed = readFileSync(join(DIST, "SHA256SUMS"), "utf8").trim().split("\n").map((l) => l.split("  ")[1]);
  assert.deepEqual(listed, allFiles(DIST).filter((f) => f !== "SHA256SUMS").sort());
  execFileSync("sha256sum", ["--check", "--strict", "--quiet", "SHA256SUMS"], { cwd: DIST, stdio: "inherit" });
  // Neither the single file nor the sums are precached by the worker.
  const worker = readFileSync(join(DIST, "sw.js"), "utf8");
  assert.ok(!worker.includes(OFFLINE) && !worker.includes("SHA256SUMS"));
});

test("the Privacy panel shows the version, the commit and the SHA-256 the page computes of its wasm", async (t) => {
  const { app, page } = await useApp(t, env);
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
  assert.equal(await page.getByTestId("build-version").textContent(), cargo);
  const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT }).toString().trim();
  assert.match(await page.getByTestId("build-commit").textContent(), new RegExp(`^${head}(-modified)?$`));
  const { hex, file } = await shownHash(page);
  assert.equal(file, wasmName());
  assert.equal(hex, sha256sum(join(DIST, file)));
  assert.ok(readFileSync(join(DIST, "SHA256SUMS"), "utf8").includes(`${hex}  ${file}\n`));
  // The link to the single file, served from the same folder.
  const link = page.getByRole("link", { name: "Download for offline use" });
  const response = await page.request.get(new URL(await link.getAttribute("href"), page.url()).href);
  assert.equal(response.status(), 200);
});

test("the hash is computed from the bytes fetched, not a constant of the build", async () => {
  const app = await openApp(env.browser, env.server.url);
  const { page } = app;
  const other = Buffer.concat([readFileSync(join(DIST, wasmName())), Buffer.from("not the same module")]);
  await page.route(`**/${wasmName()}`, (route) => route.fulfill({ body: other, contentType: "application/wasm" }));
  const { hex } = await shownHash(page);
  assert.equal(hex, execFileSync("sha256sum", { input: other }).toString().split(" ")[0]);
  await app.context.close();
});

test("the single file works from file:// with the network off, and makes no request", async () => {
  const url = pathToFileURL(join(DIST, OFFLINE)).href;
  const app = await openApp(env.browser, url, { contextOptions: { offline: true } });
  const { page } = app;
  await fillEntry(page, 1, { registry: "registry.example.com", username: "deployer", secret: "not-a-real-token-ü" });
  assert.equal(await entry(page, 1).getByTestId("auth-string").textContent(), coreutilsBase64("deployer:not-a-real-token-ü"));
  // The hash of the wasm it runs, the same bytes as the served build's.
  const { hex } = await shownHash(page);
  assert.equal(hex, sha256sum(join(DIST, wasmName())));
  // The Check view's module (a split module, scripts/wasm_split.py) is inline too.
  await openView(page, "Check");
  await page.getByLabel("Existing config").fill('{"auths":{"registry.example.com":{}}}');
  await page.locator('[data-testid="inspect-finding"][data-code="empty-entry"]').waitFor();
  await openView(page, "Build");
  // Japanese is inline too.
  await page.getByLabel("Language").selectOption("ja");
  await page.getByRole("button", { name: "レジストリを追加" }).waitFor();
  assert.equal(await page.getByRole("link", { name: "Download for offline use" }).count(), 0);
  assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
  assert.deepEqual(app.requests.filter((r) => r.url !== url).map((r) => r.url), []);
  assert.deepEqual(await app.assertClean(), []);
  await app.context.close();
});
