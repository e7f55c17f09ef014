// A/B of a keystroke's script in release builds: `node scripts/ab_keystroke_task.mjs DIST_A DIST_B [...] [--registries N] [--loads N]`.
// Each load fills the registries, types 20 uncounted keystrokes into the first row's token, then
// traces 60 more and takes, for each, the time from a mark just before `dispatchEvent` to the end
// of the task it ran in (the input event and its microtasks, where the app's effects run).
// 1x CPU by default (CPU=4 to throttle); the median and the mean per load are printed; loads
// interleaved. The gap between keystrokes is a frame plus 60 ms, so each starts from rest.
import { startServer, launchBrowser, openFilled, takeOption } from "../tests/e2e/support/harness.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => takeOption(args, name, fallback);
const REGISTRIES = option("--registries", 50);
const LOADS = option("--loads", 6);
const dists = args;
if (dists.length < 1) throw new Error("usage: ab_keystroke_task.mjs DIST [DIST...] [--registries N] [--loads N]");
const servers = await Promise.all(dists.map((root) => startServer({ root })));
const browser = await launchBrowser();
const results = dists.map(() => []);
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const type = (page, n) => page.evaluate(async (n) => {
  for (let i = 0; i < n; i++) {
    const input = document.querySelector("fieldset.entry input[type=password]");
    input.value = `not-a-real-token-x${i}`;
    performance.mark("keystroke");
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
}, n);
for (let load = 0; load < LOADS; load++) {
  for (const i of load % 2 ? [...dists.keys()].reverse() : [...dists.keys()]) {
    const { context, page, cdp } = await openFilled(browser, servers[i].url, REGISTRIES, { cpu: Number(process.env.CPU ?? 1) });
    await type(page, 20);
    const events = [];
    cdp.on("Tracing.dataCollected", (d) => events.push(...d.value));
    const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
    await cdp.send("Tracing.start", { categories: "devtools.timeline,blink.user_timing,toplevel", transferMode: "ReportEvents" });
    await type(page, 60);
    await cdp.send("Tracing.end");
    await done;
    await context.close();
    const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" && events.some((m) => m.pid === e.pid && m.name === "keystroke"));
    const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
    const tasks = mine.filter((e) => e.ph === "X" && (e.name === "ThreadControllerImpl::RunTask" || e.name === "RunTask"));
    const times = mine.filter((e) => e.name === "keystroke").map((mark) => {
      // The innermost task around the mark: the one the input event ran in.
      const task = tasks.filter((t) => t.ts <= mark.ts && t.ts + t.dur >= mark.ts).sort((a, b) => a.dur - b.dur)[0];
      return task ? (task.ts + task.dur - mark.ts) / 1000 : NaN;
    }).filter((t) => !Number.isNaN(t));
    results[i].push([median(times), times.reduce((a, b) => a + b, 0) / times.length]);
  }
}
for (const i of dists.keys()) {
  console.log(`${dists[i]}: keystroke task (ms), median/mean per load: ${results[i].map(([m, a]) => `${m.toFixed(3)}/${a.toFixed(3)}`).join("  ")}; median of the medians ${median(results[i].map(([m]) => m)).toFixed(3)}`);
}
await browser.close();
for (const server of servers) await server.stop();
process.exit(0);
