// temp: CPU profile of keystrokes, self time by function
import { startServer, launchBrowser, fillRegistries } from "../tests/e2e/support/harness.mjs";
const root = process.argv[2]; const REG = Number(process.argv[3] ?? 50); const CPU = Number(process.env.CPU ?? 1);
const server = await startServer({ root });
const browser = await launchBrowser();
const totals = new Map(); let N = 0; let totalMs = 0;
for (let load = 0; load < 2; load++) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(server.url);
  await page.locator("html[data-app-ready]").waitFor({ state: "attached" });
  await fillRegistries(page, REG, { suffix: ":5000" });
  await page.evaluate(() => window.scrollTo(0, 0));
  if (CPU > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU });
  const type = (n) => page.evaluate(async (n) => {
    for (let i = 0; i < n; i++) {
      const input = document.querySelector("fieldset.entry input[type=password]");
      input.value = `not-a-real-token-x${i}`;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      await new Promise((r) => setTimeout(r, 60));
    }
  }, n);
  await type(20);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  await cdp.send("Profiler.start");
  await type(60); N += 60;
  const { profile } = await cdp.send("Profiler.stop"); if (load === 0) (await import("node:fs")).writeFileSync("/tmp/prof.json", JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas; const counts = new Map();
  profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i + 1] ?? 0)));
  for (const [id, us] of counts) {
    const n = byId.get(id); let name = n.callFrame.functionName || `(${n.callFrame.url.split("/").pop()})`; if (process.env.INCL) { /* attribute to top-level wasm-entry ancestors */ }
    if (name === "(idle)" || name === "(program)" ) continue;
    totals.set(name, (totals.get(name) ?? 0) + us); totalMs += us;
  }
  await context.close();
}
const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 45));
console.log(`per keystroke, total sampled non-idle: ${(totalMs / N / 1000).toFixed(3)} ms`);
for (const [name, us] of rows) console.log((us / N / 1000).toFixed(3).padStart(7), name.slice(0, 110));
await browser.close(); await server.stop();
