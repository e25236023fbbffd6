# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the demo library with Blender itself and print a summary table.

    blender -b --factory-startup --python-exit-code 1 \
            --python data/demo-library-src/verify-demo-library.py -- LIBRARY_DIR

For every .blend file under LIBRARY_DIR: the file opens; the assets Blender's
library reader lists (bpy.data.libraries.load(path, assets_only=True)) are
exactly the IDs with asset data once the file is opened; every asset has an
author, a description, tags, a catalog that the catalog file defines (or none),
and a preview that is not blank. (Simple names stay empty: Blender 3.4 fills
them only from the Asset Browser UI.) Also checks
that no backup (.blend1, cats.txt~) lies around. Exits non-zero on any problem.
"""

import os
import sys

import bpy

COLLECTIONS = ("actions", "collections", "materials", "node_groups", "objects", "worlds")
NIL = "00000000-0000-0000-0000-000000000000"


def read_catalogs(root):
    cats = {}
    with open(os.path.join(root, "blender_assets.cats.txt"), encoding="utf-8") as f:
        lines = [line.strip() for line in f]
    body = [line for line in lines if line and not line.startswith("#")]
    assert body[0] == "VERSION 1", body[0]
    for line in body[1:]:
        uuid, path, simple = line.split(":", 2)
        cats[uuid] = (path, simple)
    return cats


def preview_stats(preview):
    w, h = preview.image_size
    if w == 0 or h == 0:
        return (w, h), 0.0, 0.0
    px = [0.0] * (w * h * 4)
    preview.image_pixels_float.foreach_get(px)
    alpha = px[3::4]
    lum = [0.3 * px[i] + 0.59 * px[i + 1] + 0.11 * px[i + 2] for i in range(0, len(px), 4)]
    covered = sum(1 for a in alpha if a > 0.05) / len(alpha)
    mean = sum(lum) / len(lum)
    var = sum((x - mean) ** 2 for x in lum) / len(lum)
    return (w, h), covered, var


def main():
    root = os.path.abspath(sys.argv[sys.argv.index("--") + 1])
    cats = read_catalogs(root)
    problems, rows = [], []
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            rel = os.path.relpath(os.path.join(dirpath, name), root)
            if name.endswith((".blend1", "~")) or ".blend@" in name:
                problems.append(f"{rel}: backup or temporary file left behind")
            if name.endswith(".blend"):
                files.append(rel)
    for rel in sorted(files):
        path = os.path.join(root, rel)
        with bpy.data.libraries.load(path, assets_only=True) as (src, _dst):
            listed = {c: sorted(getattr(src, c)) for c in COLLECTIONS}
        bpy.ops.wm.open_mainfile(filepath=path, load_ui=False)
        for c in COLLECTIONS:
            assets = sorted(i.name for i in getattr(bpy.data, c) if i.asset_data is not None)
            if assets != listed[c]:
                problems.append(f"{rel}: {c}: libraries.load lists {listed[c]}, file has {assets}")
            for idb in sorted((i for i in getattr(bpy.data, c) if i.asset_data is not None),
                              key=lambda i: i.name):
                ad = idb.asset_data
                cid = ad.catalog_id
                if cid == NIL:
                    cat_path, want_simple = "(unassigned)", ""
                elif cid in cats:
                    cat_path, want_simple = cats[cid]
                else:
                    cat_path, want_simple = f"(unknown {cid})", ""
                    problems.append(f"{rel}: {idb.name}: catalog {cid} not in the catalog file")
                if ad.author != "Trove Project" or not ad.description or len(ad.tags) < 2:
                    problems.append(f"{rel}: {idb.name}: incomplete metadata")
                size, covered, var = (0, 0), 0.0, 0.0
                if idb.preview is not None:
                    size, covered, var = preview_stats(idb.preview)
                if size[0] == 0 or covered < 0.05 or var < 1e-4:
                    problems.append(f"{rel}: {idb.name}: preview missing or blank "
                                    f"({size[0]}x{size[1]}, coverage {covered:.2f})")
                kind = type(idb).__name__
                if isinstance(idb, bpy.types.NodeTree):
                    kind = idb.bl_idname.replace("NodeTree", " nodes")
                rows.append((rel, kind, idb.name, cat_path, f"{size[0]}x{size[1]}",
                             f"{covered:.2f}"))

    widths = [max(len(str(r[i])) for r in rows + [("file", "type", "name", "catalog",
                                                    "preview", "cover")]) for i in range(6)]
    fmt = "  ".join("%%-%ds" % w for w in widths)
    print(fmt % ("file", "type", "name", "catalog", "preview", "cover"))
    for r in rows:
        print(fmt % r)
    kinds = {}
    for r in rows:
        kinds[r[1]] = kinds.get(r[1], 0) + 1
    print(f"\n{len(rows)} assets in {len(files)} files: "
          + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    if problems:
        print("\nPROBLEMS:")
        for p in problems:
            print("  " + p)
        sys.exit(1)
    print("OK: every file opens, lists its assets, and every asset has a non-blank preview")


main()
