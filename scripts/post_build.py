#!/usr/bin/env python3
"""Trunk post_build hook: runs on the staged build before it replaces dist/. The steps, in the
order the code runs them (ARCHITECTURE.md, "Build", says why each is there):

- `scripts/wasm_split.py` replaces Trunk's wasm and JS with the module split at the app's split
  points (`src/ui/split.rs`), in a folder `wasm-<hash>/`;
- the stylesheet's comments stripped (renamed by its new hash, with its integrity);
- every language of `locales/languages.json` but the first (`locales/<tag>/*.json`, flattened)
  as `i18n-<tag>-<hash>.json`, named in `<meta name="i18n-<tag>">`: nobody downloads the
  languages they do not read; and the first's texts of `locales/late.json`'s topics as
  `i18n-<tag>-late-<hash>.json`, fetched with the parts in modules of their own;
- `release_files`: the previous release's extra files forgotten, the source commit stamped, the
  favicon inlined as a `data:` URL (a request less on the first load);
- Trunk's init script rewritten as the boot script (the wasm fetched with its sha384 once the
  first frame is drawn, and compiled as soon as it is there; a failed start marks
  `<html data-boot-failed>`);
- the landing view prerendered by headless Chromium into index.html, `inert`, with the classic
  script that makes it live;
- the inline scripts' whole-line comments stripped, then the sha256 of each inline script
  pinned into the CSP `<meta>` (a static host has no nonce);
- sw.js with every staged file, its sha384 and a version hashed from the final bytes;
- the single offline file, `.br` (brotli 11) and `.gz` (gzip -9, no name, no time) beside every
  text and wasm file (not precached: the browser stores decoded bodies), and `SHA256SUMS`.
"""
import base64
import functools
import gzip
import hashlib
import http.server
import shutil
import socketserver
import subprocess
import tempfile
import threading
import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import release_files  # noqa: E402  (issue 16: commit stamp, single file, SHA256SUMS)
import wasm_split  # noqa: E402  (the wasm split at src/ui/split.rs's split points)

# Also runnable by hand on a finished build folder: `python3 scripts/post_build.py dist`, with
# `--keep-prerender` to keep its first paint as it is (the update tests use it to build a version
# whose wasm is broken on purpose, which could not prerender).
arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
keep_prerender = "--keep-prerender" in sys.argv[1:]
staging = Path(os.environ.get("TRUNK_STAGING_DIR") or arguments[0])
source = Path(__file__).resolve().parent.parent
index = staging / "index.html"
html = index.read_text(encoding="utf-8")
html = wasm_split.split(staging, source, html)


def strip_css_comments(html: str) -> str:
    """The stylesheet without its comments: they explain style/main.css to its readers, and
    weighed 1.4 KB brotli of the first load (a third of the file). Renamed by its new bytes'
    hash, with its integrity. Nothing in main.css holds `/*` inside a string."""
    link = re.search(r'<link rel="stylesheet" href="\./(main-[0-9a-f]+\.css)" integrity="sha384-[^"]+"/?>', html)
    if not link:
        sys.exit("post_build: expected one <link rel=stylesheet> to main-<hash>.css with its integrity")
    old = staging / link.group(1)
    css = re.sub(r"/\*.*?\*/\n?", "", old.read_text(encoding="utf-8"), flags=re.S)
    data = re.sub(r"\n\s*\n", "\n", css).encode("utf-8")
    new = staging / f"main-{hashlib.sha256(data).hexdigest()[:16]}.css"
    old.unlink()
    new.write_bytes(data)
    integrity = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
    return html.replace(link.group(0), f'<link rel="stylesheet" href="./{new.name}" integrity="{integrity}"/>')


html = strip_css_comments(html)
html = release_files.inline_favicon(staging, html)
index.write_text(html, encoding="utf-8")

def flatten(prefix, value, out):
    if isinstance(value, dict):
        for key, child in value.items():
            flatten(f"{prefix}.{key}", child, out)
    else:
        out[prefix] = value


def names_fingerprint(names):
    """FNV-1a 64 of the names, each followed by a newline, as 16 hex digits (build.rs, `fingerprint`)."""
    value = 0xCBF29CE484222325
    for byte in "".join(f"{n}\n" for n in names).encode("utf-8"):
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


# Every language but the first (compiled in) of locales/languages.json, the one list: a file
# each, content-hashed, named in a <meta> the app reads when the language is chosen; and the
# first language's texts that are not compiled in (locales/late.json).
languages = [entry["tag"] for entry in json.loads((source / "locales" / "languages.json").read_text(encoding="utf-8"))]
for old in staging.glob("i18n-*.json"):
    old.unlink()
html = re.sub(r'<meta name="i18n-[\w-]+" content="[^"]*">\n?', "", html)
late_topics = json.loads((source / "locales" / "late.json").read_text(encoding="utf-8"))


def write_texts(file_id, names, values):
    """A texts file as the app reads it (src/texts/mod.rs, `read_file`): the fingerprint of every
    text name (so a file of another build is refused; the app holds no names), then `values`.
    Content-hashed, named in `<meta name="<file_id>">`."""
    global html
    data = json.dumps([names_fingerprint(names)] + values, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    name = f"{file_id}-{hashlib.sha256(data).hexdigest()[:16]}.json"
    (staging / name).write_bytes(data)
    html = html.replace("</head>", f'<meta name="{file_id}" content="./{name}">\n</head>', 1)


for position, tag in enumerate(languages):
    texts = {}
    for path in sorted((source / "locales" / tag).glob("*.json")):
        flatten(path.stem, json.loads(path.read_text(encoding="utf-8")), texts)
    names = sorted(texts)  # as build.rs sorts them
    if position == 0:
        # The first language's texts of locales/late.json's topics, which build.rs leaves out:
        # only the parts in modules of their own show them (`texts::LATE`, in this order).
        write_texts(f"i18n-{tag}-late", names, [texts[n] for n in names if n.split(".")[0] in late_topics])
    else:
        write_texts(f"i18n-{tag}", names, [texts[n] for n in names])
release_files.forget_previous(staging)
html = release_files.stamp_commit(html, source)



class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".js": "text/javascript"}

    def log_message(self, *args):
        pass


def prerender(folder: Path) -> str:
    """The app's header and main as Chromium renders them on first load, as HTML."""
    if not shutil.which("node"):
        sys.exit("post_build: node is needed to prerender the first paint (scripts/install-tools.sh installs it)")
    dump = Path(tempfile.gettempdir()) / "post_build-prerender.html"
    handler = functools.partial(QuietHandler, directory=str(folder))
    with socketserver.TCPServer(("127.0.0.1", 0), handler) as httpd:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{httpd.server_address[1]}/index.html?prerender"
        run = subprocess.run(["node", str(source / "scripts" / "prerender.mjs"), url, str(dump)],
                             capture_output=True, text=True, timeout=300)
        httpd.shutdown()
    dom = run.stdout
    start, end = dom.find('<header class="page-header"'), dom.find("</main>")
    if run.returncode != 0 or "data-app-ready" not in dom or start < 0 or end < 0:
        if run.returncode == 0:
            dump.write_text(dom, encoding="utf-8")
        sys.exit(f"post_build: the prerender run did not start the app ({run.stderr.strip()}; the page as Chromium left it: {dump})")
    # Without the empty comments Leptos marks its views with (hundreds): they mean something
    # only in the live app's DOM, and the app replaces the copy instead of hydrating it.
    markup = dom[start:end + len("</main>")].replace("<!---->", "")
    # "Where to put it" comes from a module of its own (src/ui/late_part.rs): the static copy
    # must hold the panel itself, never "Loading" or "Try again" in its place.
    if '<div class="where-slot"><div class="where-app"><section class="panel where-panel"' not in markup or 'data-testid="part-' in markup:
        sys.exit("post_build: the prerendered markup lacks the \"Where to put it\" panel (its module did not load)")
    if "127.0.0.1" in markup:
        sys.exit("post_build: the prerendered markup names the build server")
    return markup


# Trunk's init script, rewritten so that a failed start is visible without the wasm: the module
# and the wasm load inside a try, and a failure marks <html data-boot-failed>, which shows the
# boot message with its ways out (index.html, style/main.css `.boot`). `data-booting` lets the
# message also appear when loading hangs, and only when scripts run (else <noscript> speaks).
trunk_init = re.search(
    r"<script type=\"module\">\s*import init, \* as bindings from '(\./[^']+\.js)';\s*"
    r"const wasm = await init\(\{ module_or_path: '(\./[^']+\.wasm)' \}\);.*?</script>",
    html, flags=re.S)
if trunk_init:
    js_url, wasm_url = trunk_init.group(1), trunk_init.group(2)
    # The boot script starts the downloads once the first frame is drawn, and compiles the
    # wasm as soon as it is there; the app swaps in only once the browser has timed that paint
    # (200-400 ms later at 4x CPU: fetched only then, the wasm came that much later). The wasm's
    # sha384 (of the final file, written by wasm_split.py) moves into the fetch and into <meta name="wasm">,
    # where the app finds it to tell the service worker which version started.
    preload = re.search(rf'<link rel="preload" href="{re.escape(wasm_url)}"[^>]*integrity="(sha384-[^"]+)"[^>]*>', html)
    # wasm-bindgen's module with its sha384 (it holds the split modules' sha384 too: their loader is
    # folded into it by scripts/wasm_glue.py): the boot script preloads it with it before
    # importing, so it runs only if it matches.
    module = re.search(rf'<link rel="modulepreload" href="{re.escape(js_url)}"[^>]*integrity="(sha384-[^"]+)"[^>]*>', html)
    if not preload or not module or html.count('<link rel="modulepreload"') != 1:
        sys.exit("post_build: Trunk's preload links have an unknown shape")
    integrity = preload.group(1)
    html = html.replace(preload.group(0), f'<meta name="wasm" content="{wasm_url}" data-integrity="{integrity}">', 1)
    html = re.sub(r'<link rel="modulepreload"[^>]*>\s*', "", html)
    module = json.dumps({"rel": "modulepreload", "href": js_url, "integrity": module.group(1)})
    trunk_init = re.search(re.escape(trunk_init.group(0)), html)
    boot = f"""<script type="module">
const root = document.documentElement;
if (!root.hasAttribute("data-booting")) root.setAttribute("data-booting", "");
// The app and its wasm are fetched and compiled once the first frame is drawn; the app swaps its
// render in once firstPaintTimed settles (release_files.FIRST_PAINT_TIMED).
{release_files.FIRST_PAINT_TIMED}
// The static copy is made live by its first child, a classic script (LIVE in scripts/post_build.py).
try {{
  // Nothing is fetched before the first frame is drawn: a download started earlier shares the
  // network with that paint (Lighthouse's simulated 4G counted the wasm into the LCP: 2.5 s
  // instead of 0.9 s). A hidden tab draws no frame: at most 1 s.
  await new Promise((resolve) => {{
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 1000);
  }});
  // The wasm runs only if its bytes match the build's sha384. It compiles as soon as it is
  // downloaded (on the browser's own threads), while the JavaScript loads. From bytes, not
  // compileStreaming: that one refuses a host that serves .wasm without its MIME type.
  const compiled = fetch("{wasm_url}", {{ integrity: "{integrity}" }})
    .then((response) => (response.ok ? response.arrayBuffer() : Promise.reject(new Error(`${{response.status}}: {wasm_url}`))))
    .then((bytes) => WebAssembly.compile(bytes));
  // Awaited below; until then a failure must not count as unhandled.
  compiled.catch(() => {{}});
  // The module runs only if its bytes match the build's sha384: preloaded with it, and
  // imported only once the preload has succeeded.
  await new Promise((resolve, reject) => {{
    const link = Object.assign(document.createElement("link"), {module});
    link.onload = resolve;
    link.onerror = () => reject(new Error(`not loaded or not the build's bytes: ${{link.href}}`));
    document.head.append(link);
  }});
  const bindings = await import("{js_url}");
  const wasm = await bindings.default({{ module_or_path: await compiled }});
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", {{ detail: {{ wasm }} }}));
}} catch (error) {{
  root.setAttribute("data-boot-failed", "");
  throw error;
}}
</script>"""
    html = html[:trunk_init.start()] + boot + html[trunk_init.end():]
elif 'root.setAttribute("data-boot-failed", "")' not in html:
    sys.exit("post_build: Trunk's init script has an unknown shape; the boot-failure handling needs updating")

def strip_script_comments(html: str) -> str:
    """The inline scripts without their whole-line `//` comments, which explain them here in the
    source (0.4 KB brotli of index.html). Only whole lines go, and only where no template
    literal spans lines, so no string can lose a line."""
    def strip(match):
        body = match.group(2)
        if any(line.count("`") % 2 for line in body.split("\n")):
            sys.exit("post_build: an inline script has a template literal over several lines; its comments cannot be stripped by line")
        return match.group(1) + re.sub(r"(?m)^[ \t]*//.*\n", "", body) + match.group(3)
    return re.sub(r"(<script(?![^>]*\bsrc=)[^>]*>)(.*?)(</script>)", strip, html, flags=re.S)


def pin_inline_scripts(html: str) -> str:
    """The CSP's script-src lists the sha256 of each inline script: the boot script, and with
    the prerendered copy the script that makes it live."""
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    # Without its script the copy would stay inert until the app runs, and nothing else would say so.
    expected = 2 if 'id="prerendered"' in html else 1
    if len(inline_scripts) != expected:
        sys.exit(f"post_build: expected {expected} inline scripts (the boot script, and the static copy's), found {len(inline_scripts)}")
    sources = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
                       for s in inline_scripts)
    pinned = re.compile(r"'sha256-(?:INIT_SCRIPT_HASH|[A-Za-z0-9+/=]{44})'(?: 'sha256-[A-Za-z0-9+/=]{44}')*")
    if not pinned.search(html):
        sys.exit("post_build: no sha256 source (INIT_SCRIPT_HASH placeholder) in the CSP of index.html")
    return pinned.sub(sources, html, count=1)


html = pin_inline_scripts(strip_script_comments(html))
if not re.match(r"<!DOCTYPE html>\s*<html[^>]*>\s*<head>\s*<meta http-equiv=\"Content-Security-Policy\"", html):
    sys.exit("post_build: the CSP meta must be the first element of <head>")
index.write_text(html, encoding="utf-8")

# The static first paint: the app's own render, inert in the markup (without JavaScript nothing
# would read what is typed). A classic script, its first child, makes it live before anything in
# it is parsed, let alone styled: made live later (by the boot module, which runs after parsing,
# or by a script after the copy, which the parser reaches after a first render), the whole copy
# was styled twice, a task of 100-200 ms at 4x CPU after the first paint. What is typed
# and clicked there the app carries over when it takes the copy's place (src/ui/takeover.rs),
# in the order it happened: `earlyEvents` lists each click on a button and each edit of a
# control (only the element, never its value; repeated edits of one control are one entry).
# Listened for on the document: the part the app takes over in a second step ("Where to put
# it", src/ui/late_part.rs) moves out of the copy first, marked `data-static-part`.
# Not under a share link, whose setup shows only once the app runs.
LIVE = """<script>
document.documentElement.setAttribute("data-booting", "");
window.earlyEvents = [];
if (!location.hash.startsWith("#setup=")) {
  const early = document.currentScript.parentElement;
  const record = (event) => {
    const click = event.type === "click";
    const target = click ? event.target.closest("button") : event.target;
    const last = earlyEvents[earlyEvents.length - 1];
    if (!target || !target.closest("#prerendered, [data-static-part]")) return;
    if (!click && last && last[0] === "edit" && last[1] === target) return;
    earlyEvents.push([click ? "click" : "edit", target]);
  };
  for (const type of ["click", "input", "change"]) document.addEventListener(type, record, true);
  // A press on the copy holds the app's swap until its release, whose click the copy records.
  window.earlyPress = false;
  document.addEventListener("pointerdown", (event) => { earlyPress = !!event.target.closest?.("#prerendered, [data-static-part]"); }, true);
  for (const type of ["pointerup", "pointercancel"]) document.addEventListener(type, () => { earlyPress = false; }, true);
  early.inert = false;
  performance.mark("static-inputs-live");
}
</script>"""
# Between the two markers (kept, so this step can run again on a finished build).
if not keep_prerender:
    html = re.sub(r"<!--prerendered-->.*?<!--/prerendered-->", "<!--prerendered-->", html, flags=re.S)
    if "<!--prerendered-->" not in html:
        sys.exit("post_build: index.html has no <!--prerendered--> placeholder")
    index.write_text(html, encoding="utf-8")
    markup = prerender(staging)
    html = html.replace("<!--prerendered-->", f'<!--prerendered--><div id="prerendered" inert>{LIVE}{markup}</div><!--/prerendered-->', 1)
    html = pin_inline_scripts(strip_script_comments(html))
    html = re.sub(r"<html([^>]*)>", lambda m: m.group(0) if "data-prerendered" in m.group(1) else f"<html{m.group(1)} data-prerendered>", html, count=1)
    index.write_text(html, encoding="utf-8")

worker = staging / "sw.js"
COMPRESSED = (".br", ".gz")
files = sorted(
    p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file() and p != worker and p.suffix not in COMPRESSED
)
version = hashlib.sha256()
for name in files:
    version.update(name.encode() + b"\0" + hashlib.sha256((staging / name).read_bytes()).digest())
def sri(name):
    return "sha384-" + base64.b64encode(hashlib.sha384((staging / name).read_bytes()).digest()).decode()


# [url, sha384 of the final bytes]: the worker refuses to cache a file that does not match.
# index.html once, as "./" (the address the page is opened at): the worker answers index.html
# from it too, so a first visit does not fetch the same bytes under a second name.
precache = [["./", sri("index.html")]] + [[f"./{name}", sri(name)] for name in files if name != "index.html"]
template = (source / "public" / "sw.js").read_text(encoding="utf-8")
for placeholder in ("__VERSION__", "__PRECACHE__"):
    if placeholder not in template:
        sys.exit(f"post_build: {placeholder} missing from public/sw.js")
worker.write_text(template.replace("__VERSION__", version.hexdigest()[:16]).replace("__PRECACHE__", json.dumps(precache)), encoding="utf-8")
pinned_scripts = " ".join(re.findall(r"'sha256-[A-Za-z0-9+/=]{44}'", html))
print(f"post_build: CSP {pinned_scripts}, sw version {version.hexdigest()[:16]}, {len(precache)} precached URLs")
# After sw.js, so the worker does not precache it.
print(f"post_build: wrote {release_files.write_single_file(staging, html)}")

# Precompressed copies, written last so sw.js is compressed too. Deterministic bytes: brotli is,
# and gzip gets mtime=0 and no file name.
try:
    import brotli
except ImportError:
    sys.exit("post_build: the Python brotli module is missing (scripts/install-tools.sh installs it)")
COMPRESSIBLE = {".html", ".js", ".css", ".wasm", ".svg", ".json", ".webmanifest"}
saved = [0, 0]
for path in sorted(staging.rglob("*")):
    if not path.is_file() or path.suffix not in COMPRESSIBLE:
        continue
    data = path.read_bytes()
    br = brotli.compress(data, quality=11)
    gz = gzip.compress(data, compresslevel=9, mtime=0)
    path.with_name(path.name + ".br").write_bytes(br)
    path.with_name(path.name + ".gz").write_bytes(gz)
    saved[0] += len(data)
    saved[1] += len(br)
print(f"post_build: precompressed {saved[0]} bytes to {saved[1]} (brotli)")
release_files.write_sha256sums(staging)
