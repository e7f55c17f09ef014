// Where a cold start waits between the first paint and the app: `node scripts/start_gaps.mjs DIST [loads]`.
// Each load (4x CPU, CPU=1 for 1x; no service worker, no cache) logs in the page when the boot
// script asks for a frame and gets it, when `fetch`, `WebAssembly.compile`/`compileStreaming` and
// `WebAssembly.instantiate` are called and settle, the long tasks, the paints, and the wasm's and
// JavaScript's resource timings ("Where the rest goes" in BENCHMARKS.md).
import { startServer, launchBrowser } from "../tests/e2e/support/harness.mjs";
const root = process.argv[2];
const LOADS = Number(process.argv[3] ?? 4);
const server = await startServer({ root });
const browser = await launchBrowser();
for (let load = 0; load < LOADS; load++) {
  const context = await browser.newContext({ serviceWorkers: "block", viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: Number(process.env.CPU ?? 4) });
  await page.addInitScript(() => {
    const log = (window.__log = []);
    const at = (what) => log.push(`${what}@${Math.round(performance.now())}`);
    const logged = (owner, name, label, { settles = false } = {}) => {
      const original = owner[name];
      owner[name] = function (...args) {
        at(label);
        const result = original.apply(this, args);
        return settles ? result.then((value) => (at(`${label} settled`), value)) : result;
      };
    };
    document.addEventListener("DOMContentLoaded", () => at("DOMContentLoaded"));
    logged(window, "fetch", "fetch");
    // The boot script's wait for the first frame: the first three frames asked for, and when given.
    const requestFrame = window.requestAnimationFrame;
    let frames = 0;
    window.requestAnimationFrame = function (callback) {
      const n = ++frames;
      if (n <= 3) at(`frame ${n} asked`);
      return requestFrame.call(this, (time) => (n <= 3 && at(`frame ${n} given`), callback(time)));
    };
    logged(WebAssembly, "compile", "compile", { settles: true });
    logged(WebAssembly, "compileStreaming", "compileStreaming", { settles: true });
    logged(WebAssembly, "instantiate", "instantiate", { settles: true });
    new PerformanceObserver((list) => list.getEntries().forEach((e) => log.push(`long task ${Math.round(e.startTime)}+${Math.round(e.duration)}`))).observe({ type: "longtask", buffered: true });
    new PerformanceObserver((list) => list.getEntries().forEach((e) => log.push(`${e.name}@${Math.round(e.startTime)}`))).observe({ type: "paint", buffered: true });
  });
  // Waited for from the commit on: Playwright evaluates its own script in the page when it is
  // first asked to wait, and after `load` (goto's default) that fell between the wasm's
  // download and its compile (42 ms at 4x CPU in a trace). Polled by timer: its frames would
  // count among the boot script's.
  await page.goto(server.url, { waitUntil: "commit" });
  await page.waitForFunction(() => document.documentElement.hasAttribute("data-app-ready"), null, { polling: 50, timeout: 30_000 });
  const lines = await page.evaluate(() => {
    const mark = (name) => `${name}@${Math.round(performance.getEntriesByName(name)[0]?.startTime ?? NaN)}`;
    const resources = performance.getEntriesByType("resource")
      .filter((e) => /(_bg\.wasm|\.js)$/.test(e.name))
      .map((e) => `${e.name.split("/").pop()} ${Math.round(e.startTime)}–${Math.round(e.responseEnd)}`);
    return [...resources, mark("static-inputs-live"), mark("wasm-start"), mark("app-top-ready"), ...window.__log];
  });
  console.log(`load ${load + 1}: ${lines.join(", ")}`);
  await context.close();
}
await browser.close();
await server.stop();
