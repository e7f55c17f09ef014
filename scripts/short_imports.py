"""Shortens the names by which the main wasm imports wasm-bindgen's JS functions, in the wasm and
in the JS glue together; called by `scripts/wasm_split.py` after wasm-opt.

wasm-bindgen names each import `__wbg_<function>_<16 hex digits>` (`__wbg_set_nodeValue_7e92…`),
and the name is written twice: in the wasm's import section and as a key of the glue's import
object. The hex digits do not compress. Renamed to `a`, `b`, … `aa`, … in import order, the
first load is about 5.7 KB brotli smaller (BENCHMARKS.md). Nothing else refers to these names,
and both are checked here: a split module must not import from `MODULE` (they import only from
`__wasm_split`), and a name must be in the glue exactly once, as `        <name>: function(`. A
change in wasm-bindgen's output then fails the build instead of shipping a page that cannot
start.

Shapes: the import section is a vector of (module name, field name, kind, description); only
function imports (kind 0, a type index) of `MODULE` are renamed; every other section is copied
byte for byte. Spec: https://webassembly.github.io/spec/core/binary/modules.html#import-section
"""
import sys
from pathlib import Path

MODULE = b"./auth-config-builder_bg.js"
IMPORT_SECTION = 2


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


def shorten(wasm: Path, js: Path, split_modules: list[Path]) -> int:
    """Renames `MODULE`'s function imports in `wasm` and the keys of the glue `js`; returns how
    many. Exits the build when the files do not match the known shapes."""
    for module in split_modules:
        if MODULE in module.read_bytes():
            sys.exit(f"short_imports: {module.name} imports from {MODULE.decode()}; its names would not match")
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
                sys.exit(f"short_imports: import {field!r} is not a function; only functions are expected")
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
            sys.exit(f"short_imports: {old} is not once in {js.name} as an import key; wasm-bindgen's glue changed shape")
        glue = glue.replace(key, f"\n        {new}: function(")
    wasm.write_bytes(bytes(out))
    js.write_text(glue, encoding="utf-8")
    return len(renamed)
