#!/usr/bin/env python3
"""Draws the PWA icons (a key on the app's dark background) as PNGs with the standard library.
Run once when the design changes; the PNGs are committed."""
import struct
import zlib
from pathlib import Path

BACKGROUND = (0x1F, 0x1D, 0x3D)
KEY = (0xFC, 0xA3, 0x26)


def draw(size: int, maskable: bool) -> bytes:
    scale = size / 64 * (0.8 if maskable else 1.0)  # maskable icons keep content in the safe zone
    offset = (size - 64 * scale) / 2
    radius = 0 if maskable else 12 * size / 64
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            # rounded-corner background
            cx = min(max(x + 0.5, radius), size - radius)
            cy = min(max(y + 0.5, radius), size - radius)
            inside = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= radius**2 or radius == 0
            u, v = (x + 0.5 - offset) / scale, (y + 0.5 - offset) / scale
            ring = 8 <= ((u - 24) ** 2 + (v - 32) ** 2) ** 0.5 <= 14
            shaft = 34 <= u <= 58 and 29 <= v <= 35
            teeth = (50 <= u <= 56 and 32 <= v <= 43) or (44 <= u <= 50 and 32 <= v <= 40)
            if not inside:
                row += bytes([0, 0, 0, 0])
            elif ring or shaft or teeth:
                row += bytes([*KEY, 255])
            else:
                row += bytes([*BACKGROUND, 255])
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
