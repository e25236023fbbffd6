#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compare `trove-cli list --json` with what Blender itself reports, on any library.

    tests/compare-with-blender.py LIBRARY [--pixels] [--trove-cli PATH] [--blender PATH]

Runs tests/data/blender-report.py in Blender (the same oracle the test suite
uses) and trove-cli on LIBRARY, then compares every asset field by field.
With --pixels it also extracts every preview with `trove-cli preview` and
compares its pixels' SHA-256 with Blender's. Exits 1 on any difference.
Use it on libraries made by real Blender that the tests have never seen.
"""

import argparse
import hashlib
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = ["description", "author", "copyright", "license", "tags", "catalog_id",
          "catalog_simple_name"]


def png_rgba(path):
    """Decode an 8-bit RGBA PNG without filters (as trove-cli writes it)."""
    data = open(path, "rb").read()
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * 4 + 1
    return b"".join(raw[y * stride + 1:(y + 1) * stride] for y in range(height))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("library")
    parser.add_argument("--pixels", action="store_true")
    parser.add_argument("--trove-cli", default=os.path.join(HERE, "..", "build", "src", "cli",
                                                            "trove-cli"))
    parser.add_argument("--blender", default="blender")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        oracle_path = os.path.join(tmp, "oracle.json")
        subprocess.run([args.blender, "-b", "--factory-startup", "--python-exit-code", "1",
                        "--python", os.path.join(HERE, "data", "blender-report.py"), "--",
                        args.library, oracle_path], check=True, stdout=subprocess.DEVNULL)
        oracle = json.load(open(oracle_path, encoding="utf-8"))
        trove = json.loads(subprocess.run([args.trove_cli, "list", "--json", args.library],
                                          check=True, capture_output=True).stdout)

        got = {(a["file"], a["id_type"], a["name"]): a for a in trove["assets"]}
        problems, compared, pixels, undecodable = [], 0, 0, 0
        for entry in oracle["files"]:
            for want in entry["assets"]:
                key = (entry["file"], want["id_type"], want["name"])
                have = got.pop(key, None)
                if have is None:
                    problems.append(f"missing in Trove: {key}")
                    continue
                compared += 1
                for field in FIELDS:
                    if field in want.get("undecodable", ()):
                        # Blender stored bytes that are not UTF-8; its Python
                        # gives no reliable value. Trove must still give valid
                        # text, with U+FFFD where the bytes were.
                        undecodable += 1
                        if "\ufffd" not in json.dumps(have[field], ensure_ascii=False):
                            problems.append(f"{key} {field}: Blender cannot decode it, "
                                            f"but Trove shows no replacement: {have[field]!r}")
                    elif have[field] != want[field]:
                        problems.append(f"{key} {field}: Trove {have[field]!r} Blender {want[field]!r}")
                wp, hp = want["preview"], have["preview"]
                if (wp is None) != (hp is None) or (wp and (wp["width"], wp["height"]) != (hp["width"], hp["height"])):
                    problems.append(f"{key} preview: Trove {hp} Blender {wp and (wp['width'], wp['height'])}")
                elif wp and args.pixels:
                    out = os.path.join(tmp, f"preview-{pixels}.png")
                    # "--": asset names may start with "-".
                    run = subprocess.run([args.trove_cli, "preview", "-o", out, "--",
                                          os.path.join(args.library, entry["file"]),
                                          want["id_type"], want["name"]], capture_output=True)
                    if run.returncode != 0 or not os.path.exists(out):
                        problems.append(f"{key} trove-cli preview failed: "
                                        f"{run.stderr.decode(errors='replace').strip()}")
                    elif hashlib.sha256(png_rgba(out)).hexdigest() != wp["sha256"]:
                        problems.append(f"{key} preview pixels differ")
                    pixels += 1
        for key in got:
            problems.append(f"only in Trove: {key}")
        for error in trove["errors"]:
            problems.append(f"Trove could not read {error['file']}: {error['message']}")

    for warning in oracle.get("warnings", []):
        print(f"note: Blender's report warns: {warning}")
    for skipped in oracle["skipped_or_unreadable"]:
        if skipped["reason"].startswith("unreadable"):
            problems.append(f"Blender's report could not read {skipped['path']}: {skipped['reason']}")
    for p in problems:
        print(p)
    print(f"{len(oracle['files'])} files, {compared} assets compared field by field"
          + (f", {pixels} previews pixel by pixel" if args.pixels else "")
          + (f", {undecodable} fields Blender cannot decode" if undecodable else "")
          + f": {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
