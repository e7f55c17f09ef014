"""Splits the release wasm at the app's split points (`src/ui/split.rs`), called by
`scripts/post_build.py` before anything else reads the staged build.

Trunk runs cargo, wasm-bindgen and wasm-opt in one step, with no place for a step between cargo
and wasm-bindgen (trunk-rs/trunk#1022), which is where splitting must happen. So this takes the
module cargo linked (`target/wasm32-unknown-unknown/release/<bin>.wasm`, linked with
`--emit-relocs` by `scripts/build-release.sh`) and does the three steps again:

1. `wasm-split-cli` (crate `wasm_split_cli_support`, installed by `scripts/install-tools.sh`)
   moves each split point, and the code only it reaches, into a module of its own, and writes
   `__wasm_split.js`, which fetches and instantiates those modules on first call (folded into
   the glue in step 4);
2. `wasm-bindgen --keep-lld-exports` on the main module (the split modules import its memory,
   table and functions by those exports);
3. `wasm-opt` on every module (Trunk's own is off, `data-wasm-opt="0"` in index.html: its output
   is thrown away): the main one with the flags below, the split ones without those that
   assume the memory is the module's own and zero-filled;
4. around that wasm-opt, what of wasm-bindgen's output the page never uses (wasm-streams'
   exports) removed, and the main module's imports renamed to short names, in the wasm and the
   glue together, and `__wasm_split.js` folded into the glue (`scripts/wasm_glue.py`).

Everything goes into one folder named by the hash of its final files, `wasm-<hash>/`; the files
in it refer to each other by relative name, so a new build is a new folder and no cache can mix
two builds' modules (which cannot link). Each split module's fetch carries its sha384, as the
main module's does. Trunk's own JS and wasm are removed and index.html points at the folder.

Upstream: https://github.com/WorldSEnder/wasm-split-prototype (the tool), cargo-leptos
`src/compile/front.rs` and `src/wasm_split_tools/mod.rs` (the same three steps for `--split`).
"""
import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import wasm_glue

BIN = "auth-config-builder"
# -Oz and the flags measured safe and smaller (BENCHMARKS.md, "The wasm, step by step").
MAIN_FLAGS = ["-Oz", "--low-memory-unused", "--zero-filled-memory", "--converge", "--strip-producers", "--strip-target-features"]
# WASM_KEEP_NAMES=1 keeps the function names for a CPU profile (a local build, never shipped:
# the names weigh about as much as the code).
if os.environ.get("WASM_KEEP_NAMES") == "1":
    MAIN_FLAGS.append("-g")
# wasm-opt flags that hold only for the module that owns the memory: low memory unused, memory
# zero-filled at start. A split module imports the memory when it is already in use.
MAIN_ONLY_FLAGS = {"--low-memory-unused", "--zero-filled-memory"}
# The features rustc enables for wasm32-unknown-unknown; a split module has no target_features
# section for wasm-opt to read them from.
FEATURES = ["--enable-bulk-memory", "--enable-mutable-globals", "--enable-nontrapping-float-to-int",
            "--enable-sign-ext", "--enable-reference-types", "--enable-multivalue"]


# Prepended to the loader: a split module's bytes, or the reason there are none.
SPLIT_BYTES = """async function splitBytes(src) {
    const response = await src;
    if (!response.ok) throw new Error(`${response.status}: ${response.url}`);
    return response.arrayBuffer();
}
"""


def sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        sys.exit(f"wasm_split: {name} is missing (scripts/install-tools.sh installs it)")
    return path


def _run(args):
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"wasm_split: {' '.join(map(str, args))} failed:\n{run.stderr.strip()}")


def cargo_wasm(source: Path) -> Path:
    target = Path(os.environ.get("CARGO_TARGET_DIR") or source / "target")
    profile = "release" if os.environ.get("TRUNK_PROFILE", "release") == "release" else "debug"
    path = target / "wasm32-unknown-unknown" / profile / f"{BIN}.wasm"
    if not path.is_file():
        sys.exit(f"wasm_split: {path} not found")
    if b"reloc.CODE" not in path.read_bytes():
        sys.exit(f"wasm_split: {path} was linked without --emit-relocs; build with scripts/build-release.sh")
    return path


def split(staging: Path, source: Path, html: str) -> str:
    """Replaces Trunk's JS and wasm in `staging` with the split build; returns index.html with
    its references (script, preloads and their integrity) pointing at the new files."""
    init = re.search(r"import init, \* as bindings from '\./([^']+\.js)';\s*"
                     r"const wasm = await init\(\{ module_or_path: '\./([^']+\.wasm)' \}\);", html)
    if not init:
        return html  # already split (post_build.py run again on a finished build)
    trunk_js, trunk_wasm = init.group(1), init.group(2)
    split_flags = [f for f in MAIN_FLAGS if f not in MAIN_ONLY_FLAGS]

    with tempfile.TemporaryDirectory(prefix="wasm-split-") as tmp:
        tmp = Path(tmp)
        raw, out = tmp / "raw", tmp / "out"
        raw.mkdir()
        out.mkdir()
        _run([_tool("wasm-split-cli"), cargo_wasm(source), raw, "--out-name", BIN, "--target", "web"])
        chunks = sorted(p for p in raw.glob("*.wasm") if p.name != f"{BIN}.wasm")
        if not chunks:
            sys.exit("wasm_split: no split module came out; are the split points in src/ui/split.rs gone?")
        _run([_tool("wasm-bindgen"), "--target", "web", "--keep-lld-exports", "--no-typescript",
              "--out-dir", out, "--out-name", BIN, raw / f"{BIN}.wasm"])
        wasm_opt = _tool("wasm-opt")
        # Trunk checks its pinned wasm-opt only when it runs it, which it no longer does.
        pinned = re.search(r'^wasm_opt = "version_(\d+)"', (source / "Trunk.toml").read_text(encoding="utf-8"), flags=re.M)
        found = subprocess.run([wasm_opt, "--version"], capture_output=True, text=True).stdout
        if not pinned or f"version {pinned.group(1)}" not in found:
            sys.exit(f"wasm_split: {wasm_opt} is {found.strip()!r}, not the version Trunk.toml pins "
                     "(scripts/install-tools.sh installs it into node_modules/.bin; put that first on PATH)")
        main = out / f"{BIN}_bg.wasm"
        wasm_glue.drop_stream_exports(main, out / f"{BIN}.js")
        _run([wasm_opt, *MAIN_FLAGS, *FEATURES, main, "-o", main])
        loader = (raw / "__wasm_split.js").read_text(encoding="utf-8")
        for chunk in chunks:
            _run([wasm_opt, *split_flags, *FEATURES, chunk, "-o", out / chunk.name])
            fetch = f'fetch(new URL("./{chunk.name}", import.meta.url))'
            if loader.count(fetch) != 1:
                sys.exit(f"wasm_split: __wasm_split.js does not fetch {chunk.name} the known way")
            integrity = sri((out / chunk.name).read_bytes())
            loader = loader.replace(fetch, f'fetch(new URL("./{chunk.name}", import.meta.url), {{ integrity: "{integrity}" }})')
        # From bytes, as the boot script does for the main module: `instantiateStreaming` refuses
        # a host that serves .wasm without `application/wasm`, and every split part would then
        # show "Try again" on a page that otherwise works.
        loader, n = re.subn(r"WebAssembly\.instantiateStreaming\(src, imports\)", "WebAssembly.instantiate(await splitBytes(src), imports)", loader)
        if n != len(chunks):
            sys.exit("wasm_split: __wasm_split.js does not instantiate its modules the known way")
        loader = SPLIT_BYTES + loader
        (out / wasm_glue.SPLIT_LOADER).write_text(loader, encoding="utf-8")
        wasm_glue.shorten_imports(main, out / f"{BIN}.js", [out / chunk.name for chunk in chunks])
        wasm_glue.fold_split_loader(out / f"{BIN}.js", out / wasm_glue.SPLIT_LOADER)

        files = sorted(out.iterdir())
        digest = hashlib.sha256()
        for path in files:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        folder = f"wasm-{digest.hexdigest()[:16]}"
        for old in staging.glob("wasm-*"):
            shutil.rmtree(old)
        shutil.copytree(out, staging / folder)

    for name in (trunk_js, trunk_wasm):
        (staging / name).unlink()
    new_js, new_wasm = f"{folder}/{BIN}.js", f"{folder}/{BIN}_bg.wasm"
    integrity = {new_js: sri((staging / new_js).read_bytes()), new_wasm: sri((staging / new_wasm).read_bytes())}
    for old, new in ((trunk_js, new_js), (trunk_wasm, new_wasm)):
        html = re.sub(rf'(<link rel="(?:module)?preload" href="\./){re.escape(old)}("[^>]*integrity=")[^"]+"',
                      lambda m: f'{m.group(1)}{new}{m.group(2)}{integrity[new]}"', html)
        html = html.replace(f"'./{old}'", f"'./{new}'")
    if trunk_js in html or trunk_wasm in html:
        sys.exit("wasm_split: index.html still names Trunk's files")
    print(f"wasm_split: {folder}/ with {len(chunks)} split module(s): {', '.join(c.name for c in chunks)}")
    return html
