#!/usr/bin/env python3
"""No import cycle between modules, in the core crate and in the app (ARCHITECTURE.md, "Layers").

Each `.rs` file is a module (`inspector/json.rs` is `inspector::json`, `inspector/mod.rs` is
`inspector`). An edge A -> B is any path A names that leads into B: `crate::b::…`,
`super::b::…`, `registry_auth::b::…` (the app naming the core is not within one crate, so it
is left out), in `use` lines and in code. A child naming an ancestor (`super::push` in
`inspector/entries.rs`) is how Rust shares a parent's private items and is no edge; a parent
naming its child is. Doc comments and `#[cfg(test)]` tails are skipped. Prints every cycle and
exits 1 when there is one.
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRATES = {"core": ROOT / "crates" / "registry-auth" / "src", "app": ROOT / "src"}


def module_of(src: Path, file: Path) -> tuple:
    parts = list(file.relative_to(src).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return tuple(parts)


def code_of(text: str) -> str:
    # Drop the test module at the end and every comment line (doc comments name paths too).
    cut = text.find("#[cfg(test)]\nmod tests")
    if cut >= 0:
        text = text[:cut]
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


PATH = re.compile(r"\b((?:crate|super)(?:::super)*)::((?:[a-z_][a-z0-9_]*::)*[a-z_][a-z0-9_]*)")
GROUP = re.compile(r"\b((?:crate|super)(?:::super)*)::\{([^}]*)\}")


def targets(module: tuple, code: str, modules: set) -> set:
    found = set()

    def add(base: str, rest: str):
        if base == "crate":
            start = []
        else:
            ups = base.count("super")
            start = list(module[: max(len(module) - ups, 0)])
        names = [n for n in rest.split("::") if n]
        best = None
        for i in range(len(names) + 1):
            candidate = tuple(start + names[:i])
            if candidate in modules:
                best = candidate
        if best is not None:
            found.add(best)

    for base, rest in PATH.findall(code):
        add(base, rest)
    for base, inner in GROUP.findall(code):
        for item in inner.split(","):
            item = item.strip().split(" as ")[0].strip()
            if item and item != "self":
                add(base, item.replace(" ", ""))
    return found


def cycles(graph: dict) -> list:
    out, state, stack = [], {}, []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                out.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return out


def crate_cycles(name: str, src: Path) -> list:
    files = {module_of(src, f): f for f in src.rglob("*.rs")}
    modules = set(files)
    graph = {}
    for module, file in files.items():
        edges = targets(module, code_of(file.read_text(encoding="utf-8")), modules)
        # A module naming itself or an ancestor is no dependency between modules.
        graph[module] = {t for t in edges if t != module and t != module[: len(t)]}
    return [f"{name}: " + " -> ".join("::".join(m) or "(root)" for m in cycle) for cycle in cycles(graph)]


def self_test():
    """The check finds the cycles it exists for, and passes what is no cycle."""
    import tempfile

    cases = {
        "a -> b -> a": ({"a.rs": "use crate::b::B;", "b.rs": "use crate::a::A;"}, True),
        "siblings by super": ({"m/mod.rs": "mod x; mod y;", "m/x.rs": "use super::y::Y;", "m/y.rs": "fn f() { super::x::g() }"}, True),
        "grouped use": ({"a.rs": "use crate::{b::B, c};", "b.rs": "", "c.rs": "use crate::a;"}, True),
        "child names its parent": ({"m/mod.rs": "mod x; use self::x::X;", "m/x.rs": "use super::push;"}, False),
        "only a doc comment": ({"a.rs": "/// see crate::b::B\nuse crate::b::B;", "b.rs": "//! crate::a::A"}, False),
        "only a test module": ({"a.rs": "use crate::b::B;", "b.rs": "fn f() {}\n#[cfg(test)]\nmod tests {\n    use crate::a::A;\n}"}, False),
    }
    for label, (files, expected) in cases.items():
        with tempfile.TemporaryDirectory() as tmp:
            for rel, text in files.items():
                path = Path(tmp) / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
            found = bool(crate_cycles("t", Path(tmp)))
            if found != expected:
                sys.exit(f"self-test {label!r}: cycle found = {found}, expected {expected}")
    print(f"module graph check: {len(cases)} self-test cases behave")


self_test()
problems = [p for name, src in CRATES.items() for p in crate_cycles(name, src)]
if problems:
    sys.exit("import cycles between modules:\n" + "\n".join(problems))
print(f"module graph: no cycle ({', '.join(CRATES)})")
