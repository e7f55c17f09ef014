#!/usr/bin/env python3
"""Every `docs/<file>.md#<anchor>` the repository cites names a file of docs/ and a heading in it
(GitHub's anchor for a heading: lower-case, spaces to `-`, punctuation other than `-` and `_`
dropped). Nothing may cite a file outside the repository."""
import re
import subprocess
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent


def anchor(heading: str) -> str:
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


anchors = {}
for doc in (root / "docs").glob("*.md"):
    anchors[doc.name] = {anchor(m.group(1)) for m in re.finditer(r"^#+ (.+)$", doc.read_text(encoding="utf-8"), re.M)}

files = subprocess.check_output(["git", "ls-files"], cwd=root, text=True).split()
problems = []
cited = 0
for name in files:
    path = root / name
    if path.suffix not in {".rs", ".md", ".mjs", ".py", ".sh", ".toml", ".json"} or not path.is_file() or path == Path(__file__).resolve():
        continue
    text = path.read_text(encoding="utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), 1):
        # `docs/a.md#one`, `#two`: a bare `#two` after a citation names a heading of the same file.
        found = []
        for m in re.finditer(r"docs/([\w.-]+\.md)#([\w-]+)|`#([\w-]+)`", line):
            if m.group(1):
                found.append((m.group(1), m.group(2)))
            elif found:
                found.append((found[-1][0], m.group(3)))
        for file, frag in found:
            cited += 1
            if file not in anchors:
                problems.append(f"{name}:{number}: docs/{file} does not exist")
            elif frag not in anchors[file]:
                problems.append(f"{name}:{number}: docs/{file} has no heading #{frag}")
        if re.search(r"shared/reference|registry-auth-semantics\.md|anchors-and-pain-points\.md|build-toolchain-pwa-csp\.md", line):
            problems.append(f"{name}:{number}: cites a file outside the repository")
if problems:
    sys.exit("\n".join(problems))
print(f"doc links: {cited} citations of docs/ sections, all found")
