#!/usr/bin/env python3
"""Draws the PWA icons and the favicon (a key on the app's dark background) as PNGs with the standard library.
Run once when the design changes; the PNGs are committed."""
import struct
import zlib
from pathlib import Path

BACKGROUND = (0x1F, 0x1D, 0x3D)
KEY = (0xFC, 0xA3, 0x26)


def colour(size: int, maskable: bool, x: float, y: float):
    """The icon's colour at the point (x, y) of a size-pixel icon, or None outside it."""
    scale = size / 64 * (0.8 if maskable else 1.0)  # maskable icons keep content in the safe zone
    offset = (size - 64 * scale) / 2
    radius = 0 if maskable else 12 * size / 64
    # rounded-corner background
    cx = min(max(x, radius), size - radius)
    cy = min(max(y, radius), size - radius)
    if radius and (x - cx) ** 2 + (y - cy) ** 2 > radius**2:
        return None
    u, v = (x - offset) / scale, (y - offset) / scale
    ring = 8 <= ((u - 24) ** 2 + (v - 32) ** 2) ** 0.5 <= 14
    shaft = 34 <= u <= 58 and 29 <= v <= 35
    teeth = (50 <= u <= 56 and 32 <= v <= 43) or (44 <= u <= 50 and 32 <= v <= 40)
    return KEY if ring or shaft or teeth else BACKGROUND


def draw(size: int, maskable: bool, samples: int = 1) -> bytes:
    """An RGBA PNG; each pixel the mean of samples x samples points in it (smooth edges for
    the small favicon; 1 for the large icons, whose edges are fine without)."""
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            points = [colour(size, maskable, x + (i + 0.5) / samples, y + (j + 0.5) / samples)
                      for j in range(samples) for i in range(samples)]
            inside = [c for c in points if c is not None]
            if not inside:
                row += bytes([0, 0, 0, 0])
            else:
                row += bytes([round(sum(c[k] for c in inside) / len(inside)) for k in range(3)])
                row += bytes([round(255 * len(inside) / len(points))])
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


out = Path(__file__).resolve().parent.parent / "public" / "icons"
out.mkdir(parents=True, exist_ok=True)
(out / "icon-192.png").write_bytes(draw(192, False))
(out / "icon-512.png").write_bytes(draw(512, False))
(out / "icon-maskable-512.png").write_bytes(draw(512, True))
# The tab's icon: a PNG, not an SVG, which Chromium parses into a document of its own on the
# main thread while the app's wasm waits to be compiled (BENCHMARKS.md, "Start-up, fifth session").
(out.parent / "favicon.png").write_bytes(draw(32, False, samples=4))
