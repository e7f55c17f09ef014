// The work a page does, measured without a clock: how many elements each task mounts (the batch
// a list promises), which parts of the page a keystroke touched, and waits for the page to
// settle that stand for a state, not a duration. Tests assert these; the time they take is
// `make bench`'s (BENCHMARKS.md), never a test's.

/**
 * Starts counting, per task, the elements matching `selector` added to the page. A
 * MutationObserver's callback gets the records of one task (and its microtasks), so the largest
 * count is the most any task mounted. Read it with `mountsPerTask(page)`.
 */
export async function watchMounts(page, selector) {
  await page.evaluate((selector) => {
    window.__mounts?.observer.disconnect();
    const counts = [];
    const observer = new MutationObserver((records) => {
      let added = 0;
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType !== 1) continue;
          added += (n.matches(selector) ? 1 : 0) + n.querySelectorAll(selector).length;
        }
      }
      if (added) counts.push(added);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    window.__mounts = { observer, counts };
  }, selector);
}

/** What `watchMounts` counted: the elements added in each task that added some, in order. */
export async function mountsPerTask(page) {
  return page.evaluate(() => {
    window.__mounts.observer.disconnect();
    return window.__mounts.counts;
  });
}

/**
 * Resolves once the page has no update waiting for a pause in typing (`<html data-settling>`,
 * "Where to put it" with 11 or more registries, `src/ui/idle.rs`), has rendered a frame after
 * everything queued so far, run the tasks that frame scheduled and then the idle callbacks queued
 * before this one (a test that hides `requestIdleCallback` from the page keeps it as
 * `__requestIdleCallback`): the state "the page has settled", without a fixed wait.
 */
export async function settled(page) {
  // Again while a change made in the tasks just after (rows added in batches, a part mounted)
  // has started an update waiting since.
  do {
    await page.locator("html:not([data-settling])").waitFor({ state: "attached" });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => (window.__requestIdleCallback ?? window.requestIdleCallback)(resolve), 0)))));
  } while (await page.evaluate(() => document.documentElement.hasAttribute("data-settling")));
}

/**
 * Starts recording which parts of the page change: each mutation's closest registry row
 * (`fieldset.entry`), or its section. Read it with `touched(page)`.
 */
export async function watchTouches(page) {
  await page.evaluate(() => {
    window.__touches?.observer.disconnect();
    const records = [];
    const observer = new MutationObserver((list) => records.push(...list));
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    window.__touches = { observer, records };
  });
}

/** The registry rows (their ids) the recorded mutations touched. */
export async function touchedRows(page) {
  return page.evaluate(() => {
    window.__touches.observer.disconnect();
    const row = (node) => (node.nodeType === 1 ? node : node.parentElement)?.closest("fieldset.entry")?.id ?? null;
    return [...new Set(window.__touches.records.map((r) => row(r.target)).filter(Boolean))];
  });
}

/** An init script (`initScripts`): keeps the app's wasm memory when Trunk's loader starts it, and
 * defines `window.__inWasmMemory(text)`, whether the UTF-8 bytes of `text` are anywhere in it, so
 * a test can look from inside one task (`page.evaluate`) or between steps. */
export function watchWasmMemory() {
  addEventListener("TrunkApplicationStarted", (e) => (window.__wasmMemory = e.detail.wasm.memory));
  window.__inWasmMemory = (needle) => {
    const bytes = new Uint8Array(window.__wasmMemory.buffer);
    const pattern = new TextEncoder().encode(needle);
    outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
      for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
      return true;
    }
    return false;
  };
}
