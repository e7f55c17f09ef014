// A/B of two release builds (two dist/ folders), interleaved cold loads at 4x CPU with no service
// worker: `node scripts/ab.mjs OLD_DIST NEW_DIST [runs]`. Prints the medians of the start phases,
// of the long tasks after the first paint (the part over 50 ms of each, as TBT counts them), and
// of "fully interactive" measured as `make bench` does (Add registry clicked at once → the app's
// second registry field is there). `top` is the start's first step (`app-top-ready`; builds
// before it had one step, `app-ready`).
import { startServer, launchBrowser, buttonCentre } from "../tests/e2e/support/harness.mjs";
const roots = { old: process.argv[2], new: process.argv[3] };
const RUNS = Number(process.argv[4] ?? 7);
const servers = { old: await startServer({ root: roots.old }), new: await startServer({ root: roots.new }) };
const browser = await launchBrowser();
const out = { old: [], new: [] };
for (let run = 0; run < RUNS; run++) {
  for (const t of run % 2 ? ["new", "old"] : ["old", "new"]) {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable"); await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.addInitScript(() => { window.__lt = []; new PerformanceObserver((l) => window.__lt.push(...l.getEntries().map((e) => [Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: "longtask", buffered: true }); new PerformanceObserver(() => { window.__lcpSeen ??= performance.now(); }).observe({ type: "largest-contentful-paint", buffered: true }); });
    await page.goto(servers[t].url);
    await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
    await page.waitForTimeout(1000);
    const r = await page.evaluate(() => {
      const m = (n) => performance.getEntriesByName(n)[0]?.startTime ?? 0;
      const wasm = performance.getEntriesByType("resource").find((e) => e.name.endsWith("_bg.wasm"));
      const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
      const tbt = window.__lt.filter(([s]) => s >= fcp).reduce((a, [, d]) => a + Math.max(0, d - 50), 0);
      return { fcp, lcpSeen: window.__lcpSeen ?? 0, main: m("app-ready") - m("app-start"), top: m("app-top-ready") || m("app-ready"), wasmEnd: wasm.responseEnd, inst: m("wasm-start") - wasm.responseEnd, ready: m("app-ready"), tbt, lt: JSON.stringify(window.__lt) };
    });
    await context.close();
    const fresh = await browser.newContext({ serviceWorkers: "block", viewport: { width: 1440, height: 900 } });
    const page2 = await fresh.newPage();
    const cdp2 = await fresh.newCDPSession(page2);
    await cdp2.send("Network.enable"); await cdp2.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp2.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page2.goto(servers[t].url, { waitUntil: "commit" });
    const at = await (await page2.waitForFunction(buttonCentre, "main button.add", { polling: "raf" })).jsonValue();
    await page2.mouse.click(at.x, at.y);
    // The app's second registry row (`#app`: the static copy has one row, and other fields whose
    // id ends in -registry).
    const ready = () => document.querySelectorAll('#app input[id^="entry-"][id$="-registry"]').length > 1 && performance.now();
    // A click the page lost (a swap between press and release) is counted, not waited for.
    r.fi = await page2.waitForFunction(ready, null, { polling: "raf", timeout: 15_000 }).then((h) => h.jsonValue(), () => NaN);
    await fresh.close();
    out[t].push(r);
  }
}
const med = (a) => { const s = a.filter((x) => !Number.isNaN(x)).sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
for (const t of ["old", "new"]) {
  const lost = out[t].filter((r) => Number.isNaN(r.fi)).length;
  console.log(t, ["fcp", "lcpSeen", "wasmEnd", "inst", "main", "top", "ready", "fi", "tbt"].map((k) => `${k}=${Math.round(med(out[t].map((r) => r[k])))}`).join(" "), `clicks lost=${lost}`);
  for (const r of out[t]) console.log("   ", `fi=${Math.round(r.fi)} top=${Math.round(r.top)} inst=${Math.round(r.inst)}`, r.lt);
}
await browser.close(); await servers.old.stop(); await servers.new.stop(); process.exit(0);
