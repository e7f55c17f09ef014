"""What `scripts/post_build.py` adds for verification and offline use (issue 16), kept apart so
the hook's own steps stay as they are. Five functions, each called once from post_build.py:

- `forget_previous(staging)`: removes the files below from an earlier run.

- `inline_favicon(staging, html)`: the favicon as a `data:` URL in index.html, its file removed.
- `stamp_commit(html, source)`: `<meta name="source-commit">` with the commit the build is made
  from (`SOURCE_COMMIT`, else `git rev-parse HEAD`, with `-modified` when tracked files differ
  from it), shown in the Privacy panel.
- `write_single_file(staging, html)`: `auth-config-builder-offline.html`, the whole app in one file
  for machines with no network: the wasm (base64), the wasm-bindgen JS and the CSS inlined, the
  texts of every fetched language inline, no manifest and no service worker, and a CSP
  that allows exactly the inline boot script and style by their sha256. Called after sw.js is
  written, so the worker does not precache it.
- `write_sha256sums(staging)`: `SHA256SUMS` (as `sha256sum` prints it) for every file of the
  build, called last.
"""
import base64
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

SINGLE_FILE = "auth-config-builder-offline.html"
SUMS = "SHA256SUMS"


def forget_previous(staging: Path) -> None:
    """Removes what an earlier run wrote (post_build.py can run again on a finished build), so
    the worker's precache list never names it."""
    for name in (SINGLE_FILE, SUMS):
        for path in (staging / name, staging / (name + ".br"), staging / (name + ".gz")):
            path.unlink(missing_ok=True)


def source_commit(source: Path) -> str:
    if os.environ.get("SOURCE_COMMIT"):
        return os.environ["SOURCE_COMMIT"]
    try:
        head = subprocess.run(["git", "-C", str(source), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    dirty = subprocess.run(["git", "-C", str(source), "diff", "--quiet", "HEAD", "--"], capture_output=True).returncode != 0
    return head + ("-modified" if dirty else "")


def stamp_commit(html: str, source: Path) -> str:
    meta = f'<meta name="source-commit" content="{source_commit(source)}">'
    if '<meta name="source-commit"' in html:
        return re.sub(r'<meta name="source-commit" content="[^"]*">', meta, html)
    return html.replace("</head>", f"{meta}\n</head>", 1)


def _sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _module_body(js: str) -> str:
    """wasm-bindgen's ES module as the body of an inline module script: the exports dropped (the
    boot below calls `__wbg_init` itself)."""
    js = re.sub(r"^export \{[^}]*\};?\s*$", "", js, flags=re.M)
    js = re.sub(r"^export (class|function|const|let|async function) ", r"\1 ", js, flags=re.M)
    if re.search(r"^export ", js, flags=re.M) or "__wbg_init" not in js:
        sys.exit("post_build: wasm-bindgen's JS has an unknown shape; the single-file build needs updating")
    return js


# Settles once the browser has timed the static first paint (the prerendered page) as the
# largest contentful paint, or after 1 s where it never does (at once without a prerendered page
# or the entry type); the app swaps its render in only after it (src/ui/mod.rs). The entry is
# looked for at every frame (`takeRecords`), because the observer's callback comes 200-400 ms
# after the paint at 4x CPU, and a click or a released key settles it too: after an input the
# browser records no later paint as the largest. Settled on the click, not the press: a swap
# between press and release would take the pressed button away. The page's boot script and the
# single file's share it.
FIRST_PAINT_TIMED = """
window.firstPaintTimed = new Promise((resolve) => {
  if (!document.getElementById("prerendered")) return resolve();
  if (!PerformanceObserver.supportedEntryTypes?.includes("largest-contentful-paint")) return resolve();
  let settled = false;
  const observer = new PerformanceObserver(() => settle());
  const settle = () => {
    if (settled) return;
    settled = true;
    observer.disconnect();
    resolve();
  };
  observer.observe({ type: "largest-contentful-paint", buffered: true });
  const look = () => {
    if (!settled) observer.takeRecords().length ? settle() : requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
  for (const type of ["click", "keyup"]) addEventListener(type, settle, { capture: true, once: true });
  setTimeout(settle, 1000);
});
"""

BOOT = """
const root = document.documentElement;
root.setAttribute("data-booting", "");
""" + FIRST_PAINT_TIMED + """
try {
  const text = document.getElementById("wasm-inline").textContent;
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  // The Privacy panel hashes the bytes the page runs (src/ui/build_info.rs).
  window.wasmBytes = bytes;
  await __wbg_init({ module_or_path: bytes });
} catch (error) {
  root.setAttribute("data-boot-failed", "");
  throw error;
}
"""


def _inline_split_fetches(folder: Path, main_js: str) -> tuple[str, list[Path]]:
    """The glue (with the split modules' loader folded in, `wasm_glue.fold_split_loader`) taking
    each split module's bytes from an inline script instead of fetching them (the single file's
    CSP allows no fetch); returns it and the split modules."""
    chunks = sorted(p for p in folder.glob("*.wasm") if not p.name.endswith("_bg.wasm"))
    if not chunks:
        sys.exit("post_build: single file: no split module beside the main one")
    for chunk in chunks:
        main_js, n = re.subn(rf'fetch\(new URL\("\./{re.escape(chunk.name)}", import\.meta\.url\)[^)]*\)',
                             f'Promise.resolve(new Response(inlineBytes("{chunk.name}"), {{ headers: {{ "Content-Type": "application/wasm" }} }}))',
                             main_js)
        if n != 1:
            sys.exit(f"post_build: single file: the glue does not fetch {chunk.name} the known way")
    return main_js, chunks


INLINE_BYTES = """
function inlineBytes(name) {
  return Uint8Array.from(atob(document.getElementById("wasm-inline-" + name).textContent), (c) => c.charCodeAt(0));
}
"""


def _language_files(staging):
    """(tag, text) of every language file post_build wrote, `</` escaped for a <script>."""
    for path in sorted(staging.glob("i18n-*.json")):
        match = re.fullmatch(r"i18n-([\w-]+)-[0-9a-f]{16}\.json", path.name)
        if match:
            yield match.group(1), path.read_text(encoding="utf-8").replace("</", "<\\/")


def inline_favicon(staging: Path, html: str) -> str:
    """index.html with the PNG favicon Trunk copied (`favicon-<hash>.png`) as a `data:` URL, and
    that file removed. Each response costs about 300 B of headers on the wire beside its body: the
    311 B icon in its own request weighed about 610 B of the first step, inlined 247 B (brotli, and
    the link's integrity goes). The CSP allows `img-src data:`. Run again on a finished build, the
    icon is inline already. Exits if there is no icon link: a build without one is wrong."""
    if re.search(r'<link rel="icon" href="data:image/png;base64,[A-Za-z0-9+/=]+">', html):
        return html
    icon = re.search(r'<link rel="icon" href="\./(favicon-[0-9a-f]+\.png)"[^>]*>', html)
    if not icon:
        sys.exit("post_build: no PNG favicon link (index.html: <link data-trunk rel=icon>)")
    file = staging / icon.group(1)
    data = base64.b64encode(file.read_bytes()).decode()
    file.unlink()
    return html.replace(icon.group(0), f'<link rel="icon" href="data:image/png;base64,{data}">', 1)


def write_single_file(staging: Path, html: str) -> str:
    """Writes the single-file build from the final index.html; returns its name."""
    main = re.search(r'<meta name="wasm" content="\./([^"]+_bg\.wasm)"', html)
    css = re.findall(r'<link rel="stylesheet" href="\./([^"]+)"[^>]*>', html)
    if not main or len(css) != 1:
        sys.exit(f"post_build: single file: expected the wasm's <meta> and one stylesheet; found {main}, {css}")
    wasm = staging / main.group(1)
    js = wasm.with_name(wasm.name.removesuffix("_bg.wasm") + ".js")
    style = (staging / css[0]).read_text(encoding="utf-8")
    main_js, chunks = _inline_split_fetches(wasm.parent, js.read_text(encoding="utf-8"))
    boot = INLINE_BYTES + _module_body(main_js) + BOOT
    if "</script" in boot.lower() or "</style" in style.lower():
        sys.exit("post_build: single file: an inlined file closes its own element")
    out = html
    # Every script goes (the page's boot), and every link to another file of the build.
    out = re.sub(r"<script\b[^>]*>.*?</script>", "", out, flags=re.S)
    out = re.sub(r'<link rel="(modulepreload|preload|manifest|stylesheet)"[^>]*>', "", out)
    out = re.sub(r'<meta name="(wasm|i18n-[\w-]+)"[^>]*>', "", out)
    # The favicon is a data: URL in index.html already (`inline_favicon`).
    if '<link rel="icon" href="data:image/png;base64,' not in out:
        sys.exit("post_build: single file: the favicon is not inline")
    # Every fetched language inline, under the id the app looks for first (`i18n-<tag>`).
    languages = "".join(f'<script type="application/json" id="i18n-{tag}">{text}</script>\n' for tag, text in _language_files(staging))
    wasm_b64 = base64.b64encode(wasm.read_bytes()).decode()
    split_modules = "".join(
        f'<script type="application/octet-stream" id="wasm-inline-{chunk.name}">{base64.b64encode(chunk.read_bytes()).decode()}</script>\n'
        for chunk in chunks)
    head = (f'<meta name="single-file" content="{wasm.name}">\n<style>{style}</style>\n'
            f'{languages}'
            f'<script type="application/octet-stream" id="wasm-inline">{wasm_b64}</script>\n'
            f'{split_modules}'
            f'<script type="module">{boot}</script>\n')
    out = out.replace("</head>", head + "</head>", 1)
    csp = ("default-src 'none'; script-src 'wasm-unsafe-eval' " + _sha256_source(boot) + "; style-src " + _sha256_source(style)
           + "; img-src data:; connect-src 'none'; manifest-src 'none'; worker-src 'none'; base-uri 'none'; form-action 'none'; object-src 'none'")
    out, n = re.subn(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', f'<meta http-equiv="Content-Security-Policy" content="{csp}">', out, count=1)
    if n != 1:
        sys.exit("post_build: single file: no CSP <meta> in index.html")
    (staging / SINGLE_FILE).write_text(out, encoding="utf-8")
    return SINGLE_FILE


def write_sha256sums(staging: Path) -> None:
    lines = []
    for path in sorted(p for p in staging.rglob("*") if p.is_file() and p.name != SUMS):
        name = path.relative_to(staging).as_posix()
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {name}\n")
    (staging / SUMS).write_text("".join(lines), encoding="utf-8")
