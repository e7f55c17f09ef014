// Compressed where users are: dist/ carries .br and .gz beside every text and wasm file, the
// static server sends them as a precompressing host does, and the browser gets the real bytes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { brotliDecompressSync } from "node:zlib";
import { request } from "node:http";
import { useServerAndBrowser, openApp, ROOT, useApp } from "./support/harness.mjs";

const env = useServerAndBrowser();
const DIST = `${ROOT}/dist`;
const COMPRESSIBLE = /\.(html|js|css|wasm|svg|json|webmanifest)$/;
// Every file of the build by its path from dist/ (the wasm and its JS are in `wasm-<hash>/`).
const allFiles = () => readdirSync(DIST, { recursive: true }).filter((f) => statSync(`${DIST}/${f}`).isFile());
// The main module, as index.html names it.
const mainWasm = () => readFileSync(`${DIST}/index.html`, "utf8").match(/<meta name="wasm" content="\.\/([^"]+_bg\.wasm)"/)[1];

test("every text and wasm file has a .br and a .gz that decode to its exact bytes", () => {
  const files = allFiles().filter((f) => COMPRESSIBLE.test(f));
  assert.ok(files.includes(mainWasm()) && files.some((f) => /\/split_.*\.wasm$/.test(f)) && files.includes("index.html") && files.includes("sw.js"), files.join());
  for (const file of files) {
    const original = readFileSync(`${DIST}/${file}`);
    assert.ok(existsSync(`${DIST}/${file}.br`) && existsSync(`${DIST}/${file}.gz`), file);
    assert.ok(brotliDecompressSync(readFileSync(`${DIST}/${file}.br`)).equals(original), `${file}.br`);
    // coreutils' counterpart for gzip: the gzip tool itself.
    assert.ok(execFileSync("gzip", ["-dc", `${DIST}/${file}.gz`], { maxBuffer: 64 * 1024 * 1024 }).equals(original), `${file}.gz`);
  }
  const worker = readFileSync(`${DIST}/sw.js`, "utf8");
  const precache = JSON.parse(worker.match(/const PRECACHE = (\[.*\]);/)[1]);
  assert.ok(precache.length > 5);
  assert.deepEqual(precache.filter((url) => /\.(br|gz)$/.test(url)), [], "no compressed copy in the precache list");
});

function get(path, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const req = request(`${env.server.url}${path}`, { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("the server negotiates Accept-Encoding the way a precompressing host does", async () => {
  const wasm = mainWasm();
  const br = await get(wasm, "gzip, deflate, br");
  assert.equal(br.headers["content-encoding"], "br");
  assert.equal(br.headers["content-type"], "application/wasm");
  assert.match(br.headers.vary, /accept-encoding/i);
  assert.ok(br.body.equals(readFileSync(`${DIST}/${wasm}.br`)));
  const gz = await get(wasm, "gzip");
  assert.equal(gz.headers["content-encoding"], "gzip");
  assert.ok(gz.body.equals(readFileSync(`${DIST}/${wasm}.gz`)));
  const refused = await get(wasm, "br;q=0, gzip;q=0");
  assert.equal(refused.headers["content-encoding"], undefined);
  const plain = await get(wasm);
  assert.equal(plain.headers["content-encoding"], undefined);
  assert.ok(plain.body.equals(readFileSync(`${DIST}/${wasm}`)));
  assert.equal((await get(`${wasm}.br`, "br")).status, 404, "the siblings are not files of the site");
});

test("Chromium loads the app brotli-compressed: the wasm crosses the wire at its .br size", async (t) => {
  const { app, page } = await useApp(t, env);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const encoded = new Map();
  const urls = new Map();
  cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, { url: e.response.url, encoding: e.response.headers["content-encoding"] ?? e.response.headers["Content-Encoding"] }));
  cdp.on("Network.loadingFinished", (e) => encoded.set(e.requestId, e.encodedDataLength));
  const finished = new Promise((resolve) =>
    cdp.on("Network.loadingFinished", (e) => urls.get(e.requestId)?.url.endsWith("_bg.wasm") && resolve()),
  );
  await page.reload();
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  // The wasm's transfer is counted once the browser says it finished, not after a pause.
  await finished;
  await page.waitForLoadState("networkidle");
  const wasm = [...urls].find(([, r]) => r.url.endsWith(".wasm"));
  assert.ok(wasm, "the wasm was fetched");
  assert.equal(wasm[1].encoding, "br");
  const file = mainWasm();
  const wire = encoded.get(wasm[0]);
  const brSize = readFileSync(`${DIST}/${file}.br`).length;
  assert.ok(wire < brSize + 2048 && wire >= brSize, `wasm on the wire: ${wire} bytes, .br file ${brSize}`);
  const total = [...encoded.values()].reduce((a, b) => a + b, 0);
  const raw = allFiles().filter((f) => COMPRESSIBLE.test(f)).reduce((sum, f) => sum + readFileSync(`${DIST}/${f}`).length, 0);
  assert.ok(total < raw / 2, `first load moved ${total} bytes for ${raw} raw`);
});

// The first load's bound (issue 30): what the page loads until the registries and the value
// respond (the start's first step, `app-top-ready`) is at most 200,000 bytes on the wire, counted
// as `make bench` counts it (Resource Timing's transferSize: the body as sent, plus 300 B for each
// response's headers). A count of bytes, so it can be a test: a comment's change once reordered
// two functions and crossed the bound by 52 B, seen only in a bench run (BENCHMARKS.md, sixth session).
test("until the start's first step is done, a first load moves at most 200,000 bytes", async (t) => {
  const { page } = await useApp(t, env);
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  const { wire, loaded } = await page.evaluate(() => {
    const top = performance.getEntriesByName("app-top-ready")[0].startTime;
    const navigation = performance.getEntriesByType("navigation")[0];
    const resources = performance.getEntriesByType("resource").filter((r) => r.responseEnd <= top);
    return {
      wire: navigation.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
      loaded: [navigation, ...resources].map((r) => `${r.name.split("/").pop() || "index.html"} ${r.transferSize}`),
    };
  });
  // A fresh context: nothing came from a cache (a cached response counts 0 bytes).
  assert.ok(loaded.every((line) => !line.endsWith(" 0")), loaded.join(", "));
  assert.ok(wire <= 200_000, `${wire} bytes on the wire until the first step: ${loaded.join(", ")}`);
});
