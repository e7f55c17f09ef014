// Where a keystroke's script goes: `node scripts/keystroke_profile.mjs DIST [--registries N] [--loads N] [--top N]`.
// Build DIST with the wasm's names kept (`WASM_KEEP_NAMES=1 scripts/build-release.sh --dist DIST`).
// Each load fills the registries, types 20 uncounted keystrokes into the first row's token, then
// takes a CPU profile (50 µs samples) of 60 more, a frame plus 60 ms apart, 1x CPU (CPU=4 to
// throttle). Prints, per keystroke, the time in the wasm, in the JS glue and elsewhere, then the
// functions by inclusive time (each counted once per sample, however deep it recurs).
import { startServer, launchBrowser, openFilled, takeOption } from "../tests/e2e/support/harness.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => takeOption(args, name, fallback);
const REGISTRIES = option("--registries", 50);
const LOADS = option("--loads", 2);
const TOP = option("--top", 40);
const KEYSTROKES = 60;
if (args.length !== 1) throw new Error("usage: keystroke_profile.mjs DIST [--registries N] [--loads N] [--top N]");

const server = await startServer({ root: args[0] });
const browser = await launchBrowser();
const inclusive = new Map();
const where = new Map();
const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
const type = (page, n) => page.evaluate(async (n) => {
  for (let i = 0; i < n; i++) {
    const input = document.querySelector("fieldset.entry input[type=password]");
    input.value = `not-a-real-token-x${i}`;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
}, n);
for (let load = 0; load < LOADS; load++) {
  const { context, page, cdp } = await openFilled(browser, server.url, REGISTRIES, { cpu: Number(process.env.CPU ?? 1) });
  await type(page, 20);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  await cdp.send("Profiler.start");
  await type(page, KEYSTROKES);
  const { profile } = await cdp.send("Profiler.stop");
  await context.close();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0;
    const { functionName, url } = nodes.get(id).callFrame;
    if (["(idle)", "(program)", "(garbage collector)", "(root)"].includes(functionName)) return add(where, functionName, us);
    add(where, url.endsWith(".wasm") || url.startsWith("wasm://") ? "wasm" : url.endsWith(".js") ? "JS glue" : "other script and the browser's calls", us);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = nodes.get(at).callFrame.functionName || "(anonymous)";
      if (name === "(root)" || seen.has(name)) continue;
      seen.add(name);
      add(inclusive, name, us);
    }
  });
}
const perKeystroke = (us) => (us / (LOADS * KEYSTROKES) / 1000).toFixed(3).padStart(7);
console.log(`${REGISTRIES} registries, ${process.env.CPU ?? 1}x CPU, ms per keystroke (self time):`);
for (const [name, us] of [...where].filter(([name]) => name !== "(idle)").sort((a, b) => b[1] - a[1])) console.log(`${perKeystroke(us)} ${name}`);
console.log("inclusive:");
for (const [name, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${perKeystroke(us)} ${name.slice(0, 140)}`);
await browser.close();
await server.stop();
