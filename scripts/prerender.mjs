// Loads the built page with `?prerender` in Debian's Chromium and prints its DOM once the app
// says it is ready (`data-app-ready`), for scripts/post_build.py. Waiting on that attribute,
// not on a virtual-time budget: the wasm compiles off the main thread, which virtual time does
// not wait for, so a budget could end before the app had started.
// Usage: node scripts/prerender.mjs <url> <file for the DOM when the app does not start>
import { writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const [url, dumpPath] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
let status = 0;
try {
  const page = await (await browser.newContext({ locale: "en-US" })).newPage();
  await page.goto(url);
  try {
    await page.locator("html[data-app-ready]").waitFor({ state: "attached", timeout: 120_000 });
    process.stdout.write(await page.content());
  } catch (error) {
    writeFileSync(dumpPath, await page.content());
    console.error(`prerender: the app did not start (${error.message.split("\n")[0]})`);
    status = 1;
  }
} finally {
  await browser.close();
}
process.exit(status);
