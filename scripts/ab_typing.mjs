// A/B of typing in two release builds: `node scripts/ab_typing.mjs OLD_DIST NEW_DIST [registries] [loads]`.
// Each load fills the registries, then times keystrokes in the first row's token up to the next
// frame at 4x CPU (CPU=1 for 1x), as `make bench` does (median of 100 after 30 uncounted); loads interleaved.
import { startServer, launchBrowser, openFilled } from "../tests/e2e/support/harness.mjs";
const roots = { old: process.argv[2], new: process.argv[3] };
const REGISTRIES = Number(process.argv[4] ?? 50);
const LOADS = Number(process.argv[5] ?? 3);
const servers = { old: await startServer({ root: roots.old }), new: await startServer({ root: roots.new }) };
const browser = await launchBrowser();
const out = { old: [], new: [] };
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
for (let run = 0; run < LOADS; run++) {
  for (const t of run % 2 ? ["new", "old"] : ["old", "new"]) {
    const { context, page } = await openFilled(browser, servers[t].url, REGISTRIES, { cpu: Number(process.env.CPU ?? 4) });
    const frames = await page.evaluate(async () => {
      const out = [];
      for (let i = -30; i < 100; i++) {
        const t0 = performance.now();
        const input = document.querySelector("fieldset.entry input[type=password]");
        input.value = `not-a-real-token-x${i}`;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        const frame = await new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0)));
        if (i >= 0) out.push(frame);
        await new Promise((r) => setTimeout(r, 50 + ((i + 30) * 7) % 17)); // as bench.mjs: every phase of the frame clock
      }
      return out;
    });
    out[t].push(median(frames));
    await context.close();
  }
}
for (const t of ["old", "new"]) console.log(t, "keystroke → next frame, median per load:", out[t].map((x) => x.toFixed(1)).join(" "));
await browser.close(); await servers.old.stop(); await servers.new.stop(); process.exit(0);
