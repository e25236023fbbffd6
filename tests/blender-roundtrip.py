#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Blender reads what Trove wrote.

Copies the fixture library, lets `trove-cli set` edit assets in every file
(plain, zstd and a gzip copy), then has real Blender digest each file before
and after (tests/data/blender-digest.py) and checks that:

  - Blender opens every written file without a warning;
  - the edited assets carry exactly the metadata Trove set (unicode, empty
    strings, a long description, 0 and 100 tags, catalogs);
  - every data-block is still there with the same data (RNA walk hash) and
    the same preview pixels, and unedited assets' metadata is unchanged.

Exit status 77 (skipped) when Blender is not installed, unless
TROVE_REQUIRE_BLENDER=1 (CI), which makes a missing Blender a failure.

Usage: blender-roundtrip.py TROVE_CLI   (BLENDER=/path/to/blender to override)
"""

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
DIGEST = os.path.join(DATA, "blender-digest.py")

CATALOG_PATH = "Edge/Long Simple Name"
CATALOG_UUID = "e0000000-0000-4000-8000-000000000003"
# Blender's simple name is the catalog's, cut to 63 bytes.
CATALOG_SIMPLE = "A simple name that is much longer than sixty-three bytes, so as"

LONG = "Ω≈ç√∫ long description. " * 800  # about 20 KB of UTF-8
HUNDRED_TAGS = ["tag %03d ✓" % i for i in range(100)]


def blender_binary():
    binary = os.environ.get("BLENDER") or shutil.which("blender")
    if binary is None:
        if os.environ.get("TROVE_REQUIRE_BLENDER") == "1":
            sys.exit("Blender is required (TROVE_REQUIRE_BLENDER=1) but not installed")
        print("1..0 # SKIP Blender is not installed")
        sys.exit(77)
    return binary


def digest(blender, path, out):
    result = subprocess.run(
        [blender, "-b", "--factory-startup", "--python-exit-code", "1",
         "--python", DIGEST, "--", path, out],
        capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise AssertionError("Blender could not digest %s" % path)


def trove_set(cli, path, selection, options):
    args = [cli, "set", path, selection[0][0], selection[0][1]]
    for id_type, name in selection[1:]:
        args += ["--asset", id_type, name]
    args += options
    result = subprocess.run(args, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise AssertionError("trove-cli set failed on %s: %s" % (path, result.stderr))


def assets_of(digest_path):
    with open(digest_path, encoding="utf-8") as f:
        ids = json.load(f)["ids"]
    return {key: entry["asset"] for key, entry in ids.items() if entry.get("asset")}


def plan_edits(assets):
    """What to do to each asset of one file, and what Blender must then see.

    Returns a list of (selection, trove-cli options) and the expected asset
    fields by "CODE:NAME"."""
    keys = sorted(assets)
    edits, expect = [], {}
    for index, key in enumerate(keys):
        code, name = key.split(":", 1)
        before = assets[key]
        kind = index % 4
        if kind == 0:
            # Unicode text, an emptied author, a tag swapped, a catalog by path.
            options = ["--description", "Écrit par Trove ✓ 日本語", "--author", "",
                       "--add-tag", "trove", "--catalog", CATALOG_PATH]
            tags = [t for t in before["tags"]]
            if tags:
                options += ["--remove-tag", tags[0]]
                tags = tags[1:]
            tags.append("trove")
            expect[key] = {"description": "Écrit par Trove ✓ 日本語", "author": "",
                           "tags": tags, "catalog_id": CATALOG_UUID,
                           "catalog_simple_name": CATALOG_SIMPLE}
        elif kind == 1:
            # 100 tags; a long description.
            options = ["--description", LONG]
            for tag in HUNDRED_TAGS:
                options += ["--add-tag", tag]
            tags = list(before["tags"]) + [t for t in HUNDRED_TAGS if t not in before["tags"]]
            expect[key] = {"description": LONG, "tags": tags}
        elif kind == 2:
            # No tags, no catalog, nothing.
            options = ["--description", "", "--catalog", "none"]
            for tag in before["tags"]:
                options += ["--remove-tag", tag]
            expect[key] = {"description": "", "tags": [],
                           "catalog_id": "00000000-0000-0000-0000-000000000000",
                           "catalog_simple_name": ""}
        else:
            continue  # left alone: must come out unchanged
        edits.append(([(code, name)], options))
    return edits, expect


def check_file(blender, cli, work, path):
    name = os.path.relpath(path, work)
    before = path + ".before.json"
    after = path + ".after.json"
    expect_path = path + ".expect.json"
    digest(blender, path, before)
    edits, expect = plan_edits(assets_of(before))
    if not edits:
        return 0
    for selection, options in edits:
        trove_set(cli, path, selection, options + ["--no-backup"])
    with open(expect_path, "w", encoding="utf-8") as f:
        json.dump(expect, f, ensure_ascii=False, indent=1)
    digest(blender, path, after)
    result = subprocess.run([sys.executable, DIGEST, "--compare", before, after, expect_path],
                            capture_output=True, text=True)
    sys.stdout.write("".join("# " + line + "\n" for line in result.stdout.splitlines()))
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise AssertionError("%s: Blender does not read what Trove wrote" % name)
    return len(edits)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    cli = os.path.abspath(sys.argv[1])
    blender = blender_binary()
    work = tempfile.mkdtemp(prefix="trove-roundtrip-")
    try:
        library = os.path.join(work, "library")
        shutil.copytree(os.path.join(DATA, "library"), library)
        # A gzip file, as Blender before 3.0 wrote them (one member).
        with open(os.path.join(library, "materials.blend"), "rb") as f:
            data = f.read()
        with open(os.path.join(library, "gzip.blend"), "wb") as f:
            f.write(gzip.compress(data, compresslevel=1))

        files = sorted(os.path.join(root, n) for root, _, names in os.walk(library)
                       for n in names if n.lower().endswith(".blend"))
        print("1..%d" % len(files))
        failed = 0
        for number, path in enumerate(files, 1):
            name = os.path.relpath(path, library)
            try:
                count = check_file(blender, cli, library, path)
                print("ok %d %s (%d assets edited)" % (number, name, count))
            except AssertionError as e:
                failed += 1
                print("not ok %d %s: %s" % (number, name, e))
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
