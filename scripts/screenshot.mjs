// Takes the README screenshot from the release build: node scripts/screenshot.mjs [out.png]
import { startServer, launchBrowser, openApp, fillEntry } from "../tests/e2e/support/harness.mjs";

const out = process.argv[2] ?? "docs/screenshot.png";
const server = await startServer();
const browser = await launchBrowser();
try {
  const { page } = await openApp(browser, server.url, { contextOptions: { viewport: { width: 1100, height: 1400 } } });
  await fillEntry(page, 1, { registry: "registry.gitlab.com", username: "gitlab+deploy-token-1", secret: "not-a-real-token" });
  await page.getByRole("button", { name: "Add registry" }).click();
  await fillEntry(page, 2, { registry: "index.docker.io", username: "hubuser", secret: "not-a-real-token-2" });
  await page.locator(":focus").blur();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: out, fullPage: false });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
