// How much of the "fully interactive" budget is spent before the app's own code runs:
// `node scripts/start_bound.mjs [DIST] [runs]` (DIST defaults to dist/, the floor is
// target/floor-dist, which `make bench` builds). Cold loads at 4x CPU, 1440x900, no service
// worker, tool and floor interleaved, each timed the way `make bench` times fully interactive
// (Add registry clicked as soon as it is drawn, then the second registry's field in the page).
// For the tool it also reads, from the same loads, when its wasm was fetched and when main()
// and the app's mount began, and prints each as a ratio to the floor's fully interactive: what
// is left under the goal (1.7x) is what the start's first step may cost.
import { join } from "node:path";
import { startServer, launchBrowser, addRegistryAtOnce, ROOT } from "../tests/e2e/support/harness.mjs";

const dist = process.argv[2] ?? join(ROOT, "dist");
const RUNS = Number(process.argv[3] ?? 15);
const GOAL = 1.7;
const servers = { tool: await startServer({ root: dist }), floor: await startServer({ root: join(ROOT, "target/floor-dist") }) };
const browser = await launchBrowser();
const loads = { tool: [], floor: [] };
for (let run = 0; run < RUNS; run++) {
  for (const target of run % 2 ? ["floor", "tool"] : ["tool", "floor"]) {
    const context = await browser.newContext({ serviceWorkers: "block", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(servers[target].url, { waitUntil: "commit" });
    const interactive = await addRegistryAtOnce(page, target);
    const phases = await page.evaluate(() => {
      const mark = (name) => performance.getEntriesByName(name)[0]?.startTime;
      const wasm = performance.getEntriesByType("resource").find((e) => e.name.endsWith("_bg.wasm"));
      return { paint: mark("first-contentful-paint"), fetch: wasm?.startTime, downloaded: wasm?.responseEnd, main: mark("wasm-start"), mount: mark("app-start"), firstStep: mark("app-top-ready") };
    });
    loads[target].push({ interactive, ...phases });
    await context.close();
  }
}
const quartiles = (xs) => {
  const s = xs.filter((x) => typeof x === "number").sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return [at(0.5), at(0.25), at(0.75)];
};
const floor = quartiles(loads.floor.map((l) => l.interactive))[0];
console.log(`floor: fully interactive ${floor.toFixed(0)} ms (median of ${RUNS}); ${GOAL}x = ${(GOAL * floor).toFixed(0)} ms\n`);
console.log("| tool, ms from navigation | median (q1–q3) | ÷ floor's fully interactive |\n|---|---:|---:|");
for (const [label, key] of [
  ["first contentful paint (the static copy)", "paint"],
  ["wasm fetch starts", "fetch"],
  ["wasm downloaded", "downloaded"],
  ["main() runs (compiled, instantiated)", "main"],
  ["the app's mount begins (app-start)", "mount"],
  ["first step done (app-top-ready)", "firstStep"],
  ["fully interactive", "interactive"],
]) {
  const [m, q1, q3] = quartiles(loads.tool.map((l) => l[key]));
  console.log(`| ${label} | ${m.toFixed(0)} (${q1.toFixed(0)}–${q3.toFixed(0)}) | ${(m / floor).toFixed(2)}× |`);
}
const mount = quartiles(loads.tool.map((l) => l.mount))[0];
console.log(`\nLeft under ${GOAL}x for the first step and the click: ${(GOAL * floor - mount).toFixed(0)} ms.`);
await browser.close();
await servers.tool.stop();
await servers.floor.stop();
