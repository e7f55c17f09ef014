// State holds facts, rendering holds words (issue 31): the notes shown after an import, a Fix,
// Edit in generator and Clear all are stored as outcomes and worded when shown, so a language
// switch rewords every one of them, and no English text of the catalogue is left on the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { useServerAndBrowser, useApp, openView, ROOT } from "./support/harness.mjs";

const env = useServerAndBrowser();

/** Every text of a language, by file and key path (some files nest). */
function catalogue(lang) {
  const dir = `${ROOT}/locales/${lang}`;
  const texts = {};
  const walk = (path, value) => {
    if (typeof value === "string") texts[path] = value;
    else if (value && typeof value === "object") for (const [key, inner] of Object.entries(value)) walk(`${path}.${key}`, inner);
  };
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    for (const [key, value] of Object.entries(JSON.parse(readFileSync(`${dir}/${file}`, "utf8")))) walk(`${file}:${key}`, value);
  }
  return texts;
}
const EN = catalogue("en");
const JA = catalogue("ja");
const ui = (texts, key, params = {}) => texts[`ui.json:${key}`].replace(/\{(\w+)\}/g, (_, name) => params[name]);

// The English phrases a Japanese page must not show: the parts between placeholders of every
// text that Japanese words differently, three words or more, not quoted by any Japanese text
// (product and field names are).
const jaAll = Object.values(JA).join("\n");
const ENGLISH = [
  ...new Set(
    Object.entries(EN)
      .filter(([key, text]) => JA[key] !== undefined && JA[key] !== text)
      .flatMap(([, text]) => text.split(/\{\w+\}/))
      .map((part) => part.trim())
      .filter((part) => part.split(/\s+/).length >= 3 && part.length >= 15 && !jaAll.includes(part)),
  ),
];

/** The visible text of the page outside code, snippets and form values. */
async function visibleText(page) {
  return page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("pre, code, textarea, script, style, [aria-hidden='true']")) continue;
      if (!parent.checkVisibility()) continue;
      out.push(node.textContent);
    }
    return out.join("\n");
  });
}

async function switchTo(page, lang) {
  await page.locator("#language").selectOption(lang);
  await page.locator(`html[lang="${lang}"]`).waitFor({ state: "attached" });
}

async function assertNoEnglishLeft(page, step) {
  const text = await visibleText(page);
  const left = ENGLISH.filter((phrase) => text.includes(phrase));
  assert.deepEqual(left, [], `${step}: English left on the Japanese page`);
}

test("a language switch rewords the notes of an import, a Fix, Edit in generator and Clear all", async (t) => {
  assert.ok(ENGLISH.length > 100, `the check has English to look for (${ENGLISH.length} phrases)`);
  // A link whose executor is none this tool knows: refused, and the field named.
  const setup = { format: "auth-config-builder/setup-v1", situation: { executor: "docker+machine" } };
  const link = `${env.server.url}#setup=${Buffer.from(JSON.stringify(setup)).toString("base64url")}`;
  const { page } = await useApp(t, env, link);
  const message = page.getByTestId("share-message");
  await message.filter({ hasText: "situation.executor" }).waitFor();
  const englishPage = await visibleText(page);
  assert.equal((await message.textContent()).trim(), ui(EN, "import-bad-field", { field: "situation.executor" }));
  // The scan has teeth: on the English page it finds the catalogue's English.
  const seen = ENGLISH.filter((phrase) => englishPage.includes(phrase));
  assert.ok(seen.length > 20, `the English page shows ${seen.length} of the phrases`);
  await switchTo(page, "ja");
  await message.filter({ hasText: ui(JA, "import-bad-field", { field: "situation.executor" }) }).waitFor();
  await assertNoEnglishLeft(page, "after the import");

  // Fix: a bare token where `auth` belongs is left out, and the note says so.
  await switchTo(page, "en");
  await openView(page, "Check");
  const token = "dckr_pat_NOTREAL-not-a-real-token-00";
  const user = Buffer.from("ci-bot:not-a-real-token").toString("base64");
  await page.locator("#existing-config").fill(JSON.stringify({ auths: { "registry.example.com": { auth: token }, "quay.io": { auth: user } } }));
  await page.getByRole("button", { name: "Fix" }).click();
  const fixNote = page.getByTestId("inspect-fix-left-out");
  assert.equal((await fixNote.textContent()).trim(), ui(EN, "fix-left-out", { keys: "registry.example.com" }));
  await switchTo(page, "ja");
  await fixNote.filter({ hasText: ui(JA, "fix-left-out", { keys: "registry.example.com" }) }).waitFor();
  await assertNoEnglishLeft(page, "after Fix");

  // Edit in generator: the note above the registries.
  await switchTo(page, "en");
  await page.getByRole("button", { name: "Edit in generator" }).click();
  const loaded = page.getByTestId("edit-loaded");
  assert.equal((await loaded.textContent()).trim(), ui(EN, "edit-loaded", { count: "2" }));
  await switchTo(page, "ja");
  await loaded.filter({ hasText: ui(JA, "edit-loaded", { count: "2" }) }).waitFor();
  await assertNoEnglishLeft(page, "after Edit in generator");

  // Clear all, then the switch.
  await switchTo(page, "en");
  await page.getByRole("button", { name: "Clear all" }).click();
  const cleared = page.getByTestId("cleared");
  assert.equal((await cleared.textContent()).trim(), ui(EN, "cleared"));
  await switchTo(page, "ja");
  await cleared.filter({ hasText: ui(JA, "cleared") }).waitFor();
  await assertNoEnglishLeft(page, "after Clear all");
});

test("the languages are data: the menu, the files and the single file follow locales/languages.json", async (t) => {
  const languages = JSON.parse(readFileSync(`${ROOT}/locales/languages.json`, "utf8"));
  const { page } = await useApp(t, env);
  const options = await page.locator("#language option").evaluateAll((os) => os.map((o) => ({ tag: o.value, name: o.textContent })));
  assert.deepEqual(options, languages.map(({ tag, name }) => ({ tag, name })));
  const html = readFileSync(`${ROOT}/dist/index.html`, "utf8");
  const single = readFileSync(`${ROOT}/dist/auth-config-builder-offline.html`, "utf8");
  const files = readdirSync(`${ROOT}/dist`).filter((f) => /^i18n-.*\.json$/.test(f));
  // Every language but the first (compiled in) is a file of its own, named in a <meta> and
  // inline in the single file; so is the first one's texts that are not compiled in
  // (locales/late.json); nothing else.
  assert.equal(files.length, languages.length, files.join());
  const late = files.find((f) => new RegExp(`^i18n-${languages[0].tag}-late-[0-9a-f]{16}\\.json$`).test(f));
  assert.ok(late, "a file for the first language's late texts");
  assert.ok(html.includes(`<meta name="i18n-${languages[0].tag}-late" content="./${late}">`), `index.html names ${late}`);
  assert.ok(single.includes(`<script type="application/json" id="i18n-${languages[0].tag}-late">`), "the single file holds them");
  for (const { tag } of languages.slice(1)) {
    const file = files.find((f) => new RegExp(`^i18n-${tag}-[0-9a-f]{16}\\.json$`).test(f));
    assert.ok(file, `a file for ${tag}`);
    assert.ok(html.includes(`<meta name="i18n-${tag}" content="./${file}">`), `index.html names ${file}`);
    assert.ok(single.includes(`<script type="application/json" id="i18n-${tag}">`), `the single file holds ${tag}`);
  }
});
