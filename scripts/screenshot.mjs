// Takes the README screenshots from the release build: desktop and phone, light and dark, the
// Build view with two registries and the Check view with a pasted value.
//   node scripts/screenshot.mjs [folder]   (default docs/)
import { startServer, launchBrowser, openApp, fillEntry, openView, coreutilsBase64 } from "../tests/e2e/support/harness.mjs";

const folder = process.argv[2] ?? "docs";
const SHOTS = [
  { name: "desktop-light", viewport: { width: 1440, height: 900 }, colorScheme: "light", view: "Build" },
  { name: "desktop-dark", viewport: { width: 1440, height: 900 }, colorScheme: "dark", view: "Check" },
  { name: "phone-light", viewport: { width: 390, height: 844 }, colorScheme: "light", view: "Build", isMobile: true },
  { name: "phone-dark", viewport: { width: 390, height: 844 }, colorScheme: "dark", view: "Check", isMobile: true },
];
const server = await startServer();
const browser = await launchBrowser();
try {
  for (const shot of SHOTS) {
    const { page, context } = await openApp(browser, server.url, {
      contextOptions: { viewport: shot.viewport, colorScheme: shot.colorScheme, isMobile: shot.isMobile ?? false, deviceScaleFactor: 1 },
    });
    if (shot.view === "Build") {
      await fillEntry(page, 1, { registry: "registry.gitlab.com", username: "gitlab+deploy-token-1", secret: "not-a-real-token" });
      await page.getByRole("button", { name: "Add registry" }).click();
      await fillEntry(page, 2, { registry: "index.docker.io", username: "hubuser", secret: "not-a-real-token-2" });
    } else {
      await openView(page, "Check");
      const value = { auths: { "https://registry.example.com/v2/": { auth: coreutilsBase64("deploy:not-a-real-token") }, "docker.io": { auth: coreutilsBase64("hubuser:") } } };
      await page.getByLabel("Existing config").fill(JSON.stringify(value, null, 2));
    }
    await page.locator(":focus").blur();
    await page.evaluate(() => window.scrollTo(0, 0));
    const out = `${folder}/screenshot-${shot.name}.png`;
    await page.screenshot({ path: out, fullPage: false });
    console.log(`wrote ${out}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
