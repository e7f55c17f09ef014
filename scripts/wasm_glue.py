"""What of wasm-bindgen's output the page never uses, and its long names, taken out of the main
wasm and its JS glue together; called by `scripts/wasm_split.py`.

1. `drop_stream_exports`, before wasm-opt: Leptos' `csr` feature turns on server_fn's `browser`,
   which exports wasm-streams' `IntoUnderlyingSource`, `…Sink` and `…ByteSource` classes for
   streaming server functions. This app has no server: nothing calls them, yet as exports they
   kept about 10 KB of code in the first load. Their exports and JS classes are removed, and
   wasm-opt then drops the code only they reached.
2. `shorten_imports`, after wasm-opt: wasm-bindgen names each import
   `__wbg_<function>_<16 hex digits>`, written twice, in the wasm's import section and as a key
   of the glue's import object, and the hex digits do not compress. They are renamed `a`, `b`,
   … `aa`, … in import order; the glue's entries the wasm no longer imports (wasm-opt removed
   their callers) are removed.
3. `fold_split_loader`, last: the split modules' loader that `wasm-split-cli` writes
   (`__wasm_split.js`, which the glue imports and which imports the glue's `initSync`) becomes a
   block at the top of the glue. One request fewer in the start's first step: each response
   costs about 300 B of headers on the wire.

All check the shapes they rewrite and fail the build, rather than ship a page that cannot
start, when wasm-bindgen's output changes: a split module must not import from `MODULE` (they
import only from `__wasm_split`), every import must be in the glue exactly once as
`        <name>: function(`, every removed glue entry must end at `        },`, and the loader
must have one import (the glue's `initSync`) and only `export const` exports. Figures:
BENCHMARKS.md ("Start-up bytes", and for 3. "Start-up bytes and a keystroke's parts, seventh
session"). Spec of the sections:
https://webassembly.github.io/spec/core/binary/modules.html
"""
import re
import sys
from pathlib import Path

MODULE = b"./auth-config-builder_bg.js"
IMPORT_SECTION = 2
EXPORT_SECTION = 7
# wasm-streams' exports (`#[wasm_bindgen] impl IntoUnderlying…`), and its classes in the glue.
STREAM_EXPORTS = ("intounderlying", "__wbg_intounderlying")
STREAM_CLASSES = ("IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource")


def _read_leb(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def _leb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _short(index: int) -> str:
    """a … z, aa … zz, aaa …: bijective base 26, so no two indexes share a name."""
    name = ""
    index += 1
    while index:
        index, digit = divmod(index - 1, 26)
        name = chr(ord("a") + digit) + name
    return name


def _name(text: bytes) -> bytes:
    return _leb(len(text)) + text


def shorten_imports(wasm: Path, js: Path, split_modules: list[Path]) -> int:
    """Renames `MODULE`'s function imports in `wasm` and the keys of the glue `js`; returns how
    many. Exits the build when the files do not match the known shapes."""
    for module in split_modules:
        if MODULE in module.read_bytes():
            sys.exit(f"wasm_glue: {module.name} imports from {MODULE.decode()}; its names would not match")
    data = wasm.read_bytes()
    glue = js.read_text(encoding="utf-8")
    out = bytearray(data[:8])
    renamed: dict[str, str] = {}
    at = 8
    while at < len(data):
        start = at
        section = data[at]
        size, at = _read_leb(data, at + 1)
        body, at = data[at:at + size], at + size
        if section != IMPORT_SECTION:
            out += data[start:at]
            continue
        count, pos = _read_leb(body, 0)
        entries = bytearray(_leb(count))
        for _ in range(count):
            length, pos = _read_leb(body, pos)
            module, pos = body[pos:pos + length], pos + length
            length, pos = _read_leb(body, pos)
            field, pos = body[pos:pos + length].decode("utf-8"), pos + length
            kind, described = body[pos], pos + 1
            if kind != 0:
                sys.exit(f"wasm_glue: import {field!r} is not a function; only functions are expected")
            _, pos = _read_leb(body, described)
            if module == MODULE:
                new = _short(len(renamed))
                renamed[field] = new
                field = new
            entries += _name(module) + _name(field.encode("utf-8")) + body[described - 1:pos]
        out += bytes([IMPORT_SECTION]) + _leb(len(entries)) + entries
    for old, new in renamed.items():
        key = f"\n        {old}: function("
        if glue.count(old) != 1 or glue.count(key) != 1:
            sys.exit(f"wasm_glue: {old} is not once in {js.name} as an import key; wasm-bindgen's glue changed shape")
        glue = glue.replace(key, f"\n        {new}: function(")
    # What the glue still offers that the wasm no longer imports.
    for unused in re.findall(r"\n        (__wbg_\w+|__wbindgen_\w+): function\(", glue):
        entry = re.search(rf"\n        {unused}: function\(.*?\n        \}},", glue, flags=re.S)
        if not entry:
            sys.exit(f"wasm_glue: the glue's entry {unused} does not end the known way")
        glue = glue.replace(entry.group(0), "", 1)
        if unused in glue:
            sys.exit(f"wasm_glue: {unused} is used elsewhere in the glue; it cannot be removed")
    wasm.write_bytes(bytes(out))
    js.write_text(glue, encoding="utf-8")
    return len(renamed)


def _sections(data: bytes):
    """(id, start, end of body, body) of each section after the header."""
    at = 8
    while at < len(data):
        start = at
        section = data[at]
        size, at = _read_leb(data, at + 1)
        yield section, start, at + size, data[at:at + size]
        at += size


def drop_stream_exports(wasm: Path, js: Path) -> int:
    """Removes wasm-streams' exports from `wasm` and its classes from the glue `js`; returns how
    many exports. Run before wasm-opt, which then drops the code only they reached."""
    data = wasm.read_bytes()
    out = bytearray(data[:8])
    dropped = 0
    for section, start, end, body in _sections(data):
        if section != EXPORT_SECTION:
            out += data[start:end]
            continue
        count, pos = _read_leb(body, 0)
        kept = bytearray()
        kept_count = 0
        for _ in range(count):
            entry = pos
            length, pos = _read_leb(body, pos)
            name = body[pos:pos + length].decode("utf-8")
            _, pos = _read_leb(body, pos + length + 1)
            if name.startswith(STREAM_EXPORTS):
                dropped += 1
            else:
                kept += body[entry:pos]
                kept_count += 1
        entries = _leb(kept_count) + kept
        out += bytes([EXPORT_SECTION]) + _leb(len(entries)) + entries
    glue = js.read_text(encoding="utf-8")
    for name in STREAM_CLASSES:
        class_block = re.compile(rf"export class {name} \{{\n.*?\n\}}\nif \(Symbol\.dispose\) {name}\.prototype\[Symbol\.dispose\] = {name}\.prototype\.free;\n\n?", re.S)
        registry = re.compile(rf"const {name}Finalization = \(typeof FinalizationRegistry === 'undefined'\)\n.*?\);\n", re.S)
        glue, classes = class_block.subn("", glue, count=1)
        glue, registries = registry.subn("", glue, count=1)
        if classes != 1 or registries != 1:
            sys.exit(f"wasm_glue: {js.name} does not hold the class {name} the known way")
    if dropped == 0 or re.search(r"intounderlying", glue, flags=re.I):
        sys.exit(f"wasm_glue: wasm-streams' exports were not all removed ({dropped} found)")
    wasm.write_bytes(bytes(out))
    js.write_text(glue, encoding="utf-8")
    return dropped


SPLIT_LOADER = "__wasm_split.js"


def fold_split_loader(js: Path, loader: Path) -> None:
    """Writes the loader `loader` into the glue `js` and deletes it. wasm-bindgen imports the
    loader once per split point (`import * as importN from "./__wasm_split.js"`) and passes each
    namespace to the main wasm as its imports; the first import becomes
    `const import1 = (() => { <loader> return { <its exports> }; })();`, the others
    `const importN = import1;`. A function declaration is hoisted, so the loader's calls of
    `initSync` reach the glue's own; the loader's `import.meta.url` is the glue's, in the same
    folder. Exits if either file has another shape."""
    glue = js.read_text(encoding="utf-8")
    text = loader.read_text(encoding="utf-8")
    importers = list(re.finditer(rf'^import \* as (\w+) from "\./{re.escape(SPLIT_LOADER)}";?\n', glue, flags=re.M))
    text, n = re.subn(rf'^import \{{ initSync \}} from "\./{re.escape(js.name)}";?\n', "", text, flags=re.M)
    names = re.findall(r"^export const (\w+) =", text, flags=re.M)
    text = re.sub(r"^export const ", "const ", text, flags=re.M)
    if not importers or n != 1 or not names or re.search(r"^(import|export)\b", text, flags=re.M):
        sys.exit(f"wasm_glue: {loader.name} or its import in {js.name} has an unknown shape")
    first = importers[0].group(1)
    block = f"const {first} = (() => {{\n{text}\nreturn {{ {', '.join(names)} }};\n}})();\n"
    for other in importers[1:]:
        glue = glue.replace(other.group(0), f"const {other.group(1)} = {first};\n", 1)
    js.write_text(glue.replace(importers[0].group(0), block, 1), encoding="utf-8")
    loader.unlink()
