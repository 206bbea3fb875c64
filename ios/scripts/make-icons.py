#!/usr/bin/env python3
"""Draws Haven's neutral calculator icons (1024x1024 PNG) into the asset catalog.

Plain shapes only, standard library only (zlib + struct), so the art is reproducible and
reviewable: a display bar above a 4x5 keypad, like any calculator app. Three variants, one per
icon set: AppIcon (light), CalculatorDark, CalculatorClassic. Re-run after changing colours:

    python3 ios/scripts/make-icons.py
"""
import json
import os
import struct
import zlib

SIZE = 1024
HERE = os.path.dirname(os.path.abspath(__file__))
ASSETS = os.path.join(HERE, "..", "Haven", "Resources", "Assets.xcassets")

# name: (background, display, keys, operator keys)
VARIANTS = {
    "AppIcon": ((236, 238, 241), (52, 58, 64), (255, 255, 255), (255, 149, 0)),
    "CalculatorDark": ((28, 28, 30), (58, 58, 60), (80, 80, 84), (255, 159, 10)),
    "CalculatorClassic": ((47, 79, 79), (190, 204, 170), (222, 222, 210), (200, 90, 60)),
}


def draw(background, display, keys, operators):
    pixels = [[background] * SIZE for _ in range(SIZE)]

    def rect(x0, y0, x1, y1, colour):
        for y in range(y0, y1):
            row = pixels[y]
            for x in range(x0, x1):
                row[x] = colour

    margin, gap = 150, 22
    rect(margin, 130, SIZE - margin, 300, display)
    columns, rows = 4, 5
    key_w = (SIZE - 2 * margin - (columns - 1) * gap) // columns
    key_h = (SIZE - 130 - 300 - 22 - (rows - 1) * gap) // rows
    for row in range(rows):
        for column in range(columns):
            x = margin + column * (key_w + gap)
            y = 300 + 22 + row * (key_h + gap)
            rect(x, y, x + key_w, y + key_h, operators if column == columns - 1 else keys)
    return pixels


def png(pixels):
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in pixels)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0)  # 8-bit RGB, no alpha
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    for name, colours in VARIANTS.items():
        folder = os.path.join(ASSETS, f"{name}.appiconset")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "icon.png"), "wb") as f:
            f.write(png(draw(*colours)))
        contents = {
            "images": [{"filename": "icon.png", "idiom": "universal", "platform": "ios", "size": "1024x1024"}],
            "info": {"author": "xcode", "version": 1},
        }
        with open(os.path.join(folder, "Contents.json"), "w") as f:
            json.dump(contents, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
