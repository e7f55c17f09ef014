// The performance budget, measured (issue: "a benchmark, not a timed test"). Prints figures for
// BENCHMARKS.md: first-load transfer sizes, time to interactive (cold and from the service
// worker, with and without 4x CPU throttling), and input latency. Run: make bench.
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { tmpdir, cpus } from "node:os";
import { join } from "node:path";
import { startServer, launchBrowser, launchPersistent, ROOT } from "../tests/e2e/support/harness.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (n) => (n / 1024).toFixed(1);
const ms = (n) => n.toFixed(1);

const server = await startServer();
const browser = await launchBrowser();

// 1. What the first load transfers.
{
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const urls = new Set();
  page.on("request", (r) => urls.add(r.url()));
  await page.goto(server.url);
  await page.getByRole("group", { name: "Registry 1" }).waitFor();
  await page.waitForTimeout(500);
  await context.close();
  let total = { raw: 0, gzip: 0, br: 0 };
  console.log("## First-load transfer\n\n| file | bytes | gzip -9 | brotli -q 11 |\n|---|---:|---:|---:|");
  for (const url of [...urls].sort()) {
    let path = new URL(url).pathname.slice("/tools/auth/".length) || "index.html";
    const bytes = readFileSync(join(ROOT, "dist", path));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    total = { raw: total.raw + bytes.length, gzip: total.gzip + gzip, br: total.br + br };
    console.log(`| ${path.replace(/-[0-9a-f]{8,}/, "-HASH")} | ${bytes.length} | ${gzip} | ${br} |`);
  }
  console.log(`| **total** | **${total.raw}** | **${total.gzip}** (${kb(total.gzip)} KiB) | **${total.br}** (${kb(total.br)} KiB) |\n`);
}

// 2. Navigation to interactive: the first registry's fields are on the page.
async function timeToInteractive(page) {
  await page.getByRole("group", { name: "Registry 1" }).waitFor();
  return page.evaluate(() => performance.now());
}
async function coldLoad(throttle) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (throttle) await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(server.url, { waitUntil: "commit" });
  const t = await timeToInteractive(page);
  await context.close();
  return t;
}
async function swLoad(throttle) {
  const profile = mkdtempSync(join(tmpdir(), "acb-bench-"));
  const context = await launchPersistent(profile);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const cdp = await context.newCDPSession(page);
  if (throttle) await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(server.url, { waitUntil: "commit" });
  const t = await timeToInteractive(page);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  return t;
}
console.log(`## Navigation to interactive (median of ${RUNS}, ms)\n\n| load | no throttling | 4x CPU throttling |\n|---|---:|---:|`);
for (const [name, load] of [["cold (no cache, no service worker)", coldLoad], ["from the service-worker cache", swLoad]]) {
  const plain = [];
  const slow = [];
  for (let i = 0; i < RUNS; i++) {
    plain.push(await load(false));
    slow.push(await load(true));
  }
  console.log(`| ${name} | ${ms(median(plain))} | ${ms(median(slow))} |`);
}
console.log();

// 3. Input latency: from an input event to the value, keys and snippets updated.
async function inputLatency(registries, inspectorBytes) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole("group", { name: "Registry 1" }).waitFor();
  for (let i = 1; i <= registries; i++) {
    if (i > 1) await page.getByRole("button", { name: "Add registry" }).click();
    const group = page.getByRole("group", { name: `Registry ${i}`, exact: true });
    await group.getByLabel("Registry", { exact: true }).fill(`registry-${i}.example.com:5000`);
    await group.getByLabel("Username", { exact: true }).fill(`user-${i}`);
    await group.getByLabel("Password or token", { exact: true }).fill(`not-a-real-token-${i}`);
  }
  if (inspectorBytes) {
    const entry = (i) => `"registry-${i}.example.com":{"auth":"${Buffer.from(`user-${i}:not-a-real-token-${i}`).toString("base64")}"}`;
    let body = "";
    for (let i = 0; body.length < inspectorBytes; i++) body += (body ? "," : "") + entry(i);
    await page.getByLabel("Existing config").evaluate((el, text) => {
      el.value = text;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }, `{"auths":{${body}}}`);
  }
  const samples = await page.evaluate(async (runs) => {
    const input = document.querySelector("fieldset.entry input[type=password]");
    const value = document.querySelector('[data-testid="docker-auth-config"]');
    const out = [];
    for (let i = 0; i < runs; i++) {
      const before = value.textContent;
      const t0 = performance.now();
      input.value = `not-a-real-token-x${i}`;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      while (value.textContent === before) await Promise.resolve();
      out.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 5));
    }
    return out;
  }, 30);
  await context.close();
  return median(samples);
}
console.log("## Input latency (median of 30, ms; input event to every output updated)\n\n| case | ms |\n|---|---:|");
for (const [name, regs, bytes] of [["1 registry", 1, 0], ["10 registries", 10, 0], ["50 registries", 50, 0], ["1 registry, inspector holding 100 KB", 1, 100 * 1024]]) {
  console.log(`| ${name} | ${ms(await inputLatency(regs, bytes))} |`);
}

// 4. Inspecting 1 MB in the browser (the native figure is in examples/inspect_bench.rs).
{
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole("group", { name: "Registry 1" }).waitFor();
  const times = [];
  for (let run = 0; run < 5; run++) {
    times.push(
      await page.getByLabel("Existing config").evaluate(async (el, run) => {
        let body = "";
        for (let i = 0; body.length < 1024 * 1024; i++) body += (body ? "," : "") + `"r${run}-${i}.example.com":{"auth":"dTpub3QtYS1yZWFsLXRva2Vu"}`;
        const t0 = performance.now();
        el.value = `{"auths":{${body}}}`;
        el.dispatchEvent(new Event("input", { bubbles: true }));
        while (!document.querySelector('[data-testid="inspect-format"]')) await Promise.resolve();
        return performance.now() - t0;
      }, run),
    );
    await page.getByLabel("Existing config").fill("");
  }
  console.log(`\n## Pasting 1 MB into the inspector (median of 5): ${ms(median(times))} ms (inspect + render)\n`);
  await context.close();
}

// 5. Lighthouse (npm lighthouse with Debian's Chromium, its default simulated mobile throttling).
{
  const { execFileSync } = await import("node:child_process");
  const out = join(mkdtempSync(join(tmpdir(), "acb-lh-")), "report.json");
  execFileSync(join(ROOT, "node_modules/.bin/lighthouse"), [
    server.url, "--quiet", "--no-enable-error-reporting", "--output=json", `--output-path=${out}`,
    "--only-categories=performance,accessibility,best-practices,seo",
    `--chrome-flags=${["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"].join(" ")}`,
  ], { env: { ...process.env, CHROME_PATH: "/usr/bin/chromium" }, stdio: ["ignore", "ignore", "inherit"] });
  const report = JSON.parse(readFileSync(out, "utf8"));
  const score = (id) => Math.round(report.categories[id].score * 100);
  console.log(`## Lighthouse ${report.lighthouseVersion}\n\n| performance | accessibility | best practices | SEO |\n|---:|---:|---:|---:|`);
  console.log(`| ${score("performance")} | ${score("accessibility")} | ${score("best-practices")} | ${score("seo")} |\n`);
  const metrics = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index", "cumulative-layout-shift"];
  console.log(metrics.map((id) => `${report.audits[id].title}: ${report.audits[id].displayValue}`).join("; ") + "\n");
}

console.log(`Machine: ${cpus().length} × ${cpus()[0].model}, ${(await browser.version())}, node ${process.version}.`);
await browser.close();
await server.stop();
