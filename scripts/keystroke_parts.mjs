// What a keystroke's frame is made of, by taking parts away: `node scripts/keystroke_parts.mjs [DIST] [--registries N] [--loads N]`.
// Each load fills the registries and throttles the CPU 4x (CPU=1 for none), then times, as
// `make bench` does (from just before the change to a task queued from the next frame's rAF),
// one change of each kind in turn, in rounds whose order rotates, so the machine's drift falls
// on every kind alike:
//   app      the first row's token changed and its `input` event sent (the app runs: `make bench`'s keystroke)
//   text     the same token changed, no event (only the browser's own work for the input)
//   app-bare, text-bare   the same two with everything hidden (display: none) but the first
//            row and the value, and their ancestors
//   none     nothing changed (the measure's own cost)
//   span     one character of a span at the top of <body> changed (a frame with almost nothing to do)
//   span-alone  the same with every other node of <body> taken out of the document
// Prints the median of each kind per load and over all loads.
import { startServer, launchBrowser, openFilled, takeOption } from "../tests/e2e/support/harness.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => takeOption(args, name, fallback);
const REGISTRIES = option("--registries", 50);
const LOADS = option("--loads", 2);
const ROUNDS = 8;
const KINDS = ["app", "text", "app-bare", "text-bare", "none", "span", "span-alone"];
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };

const server = await startServer({ root: args[0] });
const browser = await launchBrowser();
const all = Object.fromEntries(KINDS.map((kind) => [kind, []]));
for (let load = 0; load < LOADS; load++) {
  const { context, page } = await openFilled(browser, server.url, REGISTRIES, { cpu: Number(process.env.CPU ?? 4) });
  const samples = await page.evaluate(async ({ load, kinds, rounds }) => {
    const out = Object.fromEntries(kinds.map((kind) => [kind, []]));
    const input = () => document.querySelector("fieldset.entry input[type=password]");
    // What stays drawn in the "bare" kinds.
    const keep = new Set();
    for (const part of [document.querySelector("fieldset.entry"), document.querySelector('[data-testid="docker-auth-config"]')]) {
      for (let e = part; e; e = e.parentElement) keep.add(e);
      for (const d of part.querySelectorAll("*")) keep.add(d);
    }
    const span = document.createElement("span");
    span.textContent = "x";
    keep.add(span);
    document.body.prepend(span);
    for (const e of keep) e.setAttribute("data-bare-keep", "");
    const style = document.createElement("style");
    style.textContent = "html[data-bare] body *:not([data-bare-keep]) { display: none !important; }";
    document.head.append(style);
    const away = [];
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    let k = 0;
    for (let round = 0; round < rounds; round++) {
      const order = [...kinds.slice((round + load) % kinds.length), ...kinds.slice(0, (round + load) % kinds.length)];
      for (const kind of order) {
        for (const [node, parent, next] of away.splice(0).reverse()) parent.insertBefore(node, next);
        if (kind === "span-alone") {
          for (const node of [...document.body.childNodes]) if (node !== span) { away.push([node, node.parentNode, node.nextSibling]); node.remove(); }
        }
        document.documentElement.toggleAttribute("data-bare", kind.endsWith("-bare"));
        // The page settles after the switch: two frames and the app's waiting work.
        await frame();
        await frame();
        await new Promise((resolve) => setTimeout(resolve, 150));
        for (let i = -3; i < 10; i++) {
          k++;
          const t0 = performance.now();
          if (kind.startsWith("app") || kind.startsWith("text")) {
            input().value = `not-a-real-token-x${k}`;
            if (kind.startsWith("app")) input().dispatchEvent(new Event("input", { bubbles: true }));
          } else if (kind.startsWith("span")) {
            span.textContent = `x${k}`;
          }
          const time = await new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0)));
          if (i >= 0) out[kind].push(time);
          // As bench.mjs: 50 ms and every phase of the frame clock.
          await new Promise((resolve) => setTimeout(resolve, 50 + (k * 7) % 17));
        }
      }
    }
    for (const [node, parent, next] of away.splice(0).reverse()) parent.insertBefore(node, next);
    return out;
  }, { load, kinds: KINDS, rounds: ROUNDS });
  console.log(`load ${load + 1}: ${KINDS.map((kind) => `${kind} ${median(samples[kind]).toFixed(1)}`).join(", ")}`);
  for (const kind of KINDS) all[kind].push(...samples[kind]);
  await context.close();
}
console.log(`${REGISTRIES} registries, ${process.env.CPU ?? 4}x CPU, keystroke → next frame (ms), median of ${all.app.length} each:`);
for (const kind of KINDS) console.log(`  ${kind.padEnd(11)} ${median(all[kind]).toFixed(1)}`);
await browser.close();
await server.stop();
