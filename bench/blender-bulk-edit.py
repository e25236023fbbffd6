# SPDX-License-Identifier: GPL-3.0-or-later
#
# Blender's side of the bulk-edit benchmark (bench/bulk-edit.sh). Two modes:
#
# edit: add a tag to every asset of .blend files and save them, the way a
# user (or an add-on driving Blender in the background) does it today:
#
#   blender -b --factory-startup --python-exit-code 1 \
#       --python bench/blender-bulk-edit.py -- edit --tag TAG [--no-backup] FILE...
#
# For each FILE: bpy.ops.wm.open_mainfile(filepath=FILE), then
# asset_data.tags.new(TAG, skip_if_exists=True) on every asset, then
# bpy.ops.wm.save_mainfile() (which keeps the file's compression). With no
# FILE, the file already open (given on Blender's command line before
# --python) is edited and saved. --no-backup sets the preference save_version
# to 0, so that no FILE.blend1 backup is kept (Blender's default is 1; with
# --factory-startup nothing is saved to the user's preferences).
# Only the loop is timed (time.perf_counter). Prints one line:
#   BLENDER_BULK_EDIT files=100 assets=1000 seconds=1.234
#
# dump: read .blend files and write their assets' metadata as JSON, to check
# what an edit did (nothing is timed, nothing is written but OUT):
#
#   blender -b --factory-startup --python-exit-code 1 \
#       --python bench/blender-bulk-edit.py -- dump --root ROOT --out OUT.json
#
# Every *.blend under ROOT (recursively) is opened with open_mainfile
# (load_ui=False). OUT holds {"root": ROOT, "files": {RELPATH: {"error": null
# or a message, "assets": [{"id_type": "MA", "name", "tags", "description",
# "author", "copyright", "license", "catalog_id"}]}}}. A file Blender cannot
# open gets an "error" and no assets; the exit status is still 0 (the caller
# decides). Prints one line:
#   BLENDER_DUMP files=100 assets=1000 errors=0

import json
import os
import sys
import time

import bpy

# The collections of bpy.data that can hold assets, with the two-letter ID
# codes of .blend files (and of trove-cli). Blender 3.4's ID has no id_type.
ID_CODES = {
    "actions": "AC",
    "brushes": "BR",
    "cameras": "CA",
    "collections": "GR",
    "curves": "CU",
    "images": "IM",
    "lights": "LA",
    "materials": "MA",
    "meshes": "ME",
    "node_groups": "NT",
    "objects": "OB",
    "scenes": "SC",
    "textures": "TE",
    "worlds": "WO",
}


def asset_ids():
    """(ID code, ID) for every local ID of the open file that is an asset, in a
    stable order."""
    found = []
    for attr, code in ID_CODES.items():
        for item in getattr(bpy.data, attr, ()):
            # Local IDs only: linked ones belong to another file.
            if item.asset_data is not None and item.library is None:
                found.append((code, item))
    found.sort(key=lambda pair: (pair[0], pair[1].name))
    return found


def usage(message):
    print(f"blender-bulk-edit.py: {message}", file=sys.stderr)
    print("usage: ... -- edit --tag TAG [--no-backup] [FILE...]\n"
          "       ... -- dump --root ROOT --out OUT.json", file=sys.stderr)
    sys.exit(2)


def edit(args):
    tag = None
    no_backup = False
    files = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--tag" and i + 1 < len(args):
            tag = args[i + 1]
            i += 1
        elif a == "--no-backup":
            no_backup = True
        elif a.startswith("--"):
            usage(f"unknown option {a}")
        else:
            files.append(os.path.abspath(a))
        i += 1
    if not tag:
        usage("edit needs --tag TAG")
    if no_backup:
        bpy.context.preferences.filepaths.save_version = 0

    def edit_open_file():
        n = 0
        for _, item in asset_ids():
            item.asset_data.tags.new(tag, skip_if_exists=True)
            n += 1
        result = bpy.ops.wm.save_mainfile()
        if result != {"FINISHED"}:
            print(f"blender-bulk-edit.py: saving {bpy.data.filepath} failed: {result}",
                  file=sys.stderr)
            sys.exit(1)
        return n

    n_assets = 0
    n_files = 0
    start = time.perf_counter()
    if not files:
        if not bpy.data.filepath:
            usage("edit: no FILE given and no file open")
        n_assets += edit_open_file()
        n_files += 1
    for path in files:
        result = bpy.ops.wm.open_mainfile(filepath=path)
        if result != {"FINISHED"}:
            print(f"blender-bulk-edit.py: opening {path} failed: {result}", file=sys.stderr)
            sys.exit(1)
        n_assets += edit_open_file()
        n_files += 1
    seconds = time.perf_counter() - start
    print(f"BLENDER_BULK_EDIT files={n_files} assets={n_assets} seconds={seconds:.3f}",
          flush=True)


def dump(args):
    root = out = None
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--root" and i + 1 < len(args):
            root = os.path.abspath(args[i + 1])
            i += 1
        elif a == "--out" and i + 1 < len(args):
            out = args[i + 1]
            i += 1
        else:
            usage(f"unexpected argument {a}")
        i += 1
    if not root or not out or not os.path.isdir(root):
        usage("dump needs --root DIR and --out FILE")

    paths = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".blend"):
                paths.append(os.path.join(dirpath, name))

    files = {}
    n_assets = n_errors = 0
    for path in paths:
        rel = os.path.relpath(path, root)
        entry = {"error": None, "assets": []}
        try:
            result = bpy.ops.wm.open_mainfile(filepath=path, load_ui=False)
            if result != {"FINISHED"}:
                raise RuntimeError(f"open_mainfile returned {result}")
        except Exception as e:  # Blender raises RuntimeError for unreadable files
            entry["error"] = str(e).strip() or type(e).__name__
            n_errors += 1
            files[rel] = entry
            continue
        for code, item in asset_ids():
            data = item.asset_data
            entry["assets"].append({
                "id_type": code,
                "name": item.name,
                "tags": [t.name for t in data.tags],
                "description": data.description,
                "author": data.author,
                "copyright": getattr(data, "copyright", ""),  # Blender 4.0+
                "license": getattr(data, "license", ""),      # Blender 4.0+
                "catalog_id": data.catalog_id,
            })
        n_assets += len(entry["assets"])
        files[rel] = entry

    with open(out, "w", encoding="utf-8") as f:
        json.dump({"root": root, "files": files}, f, indent=1)
    print(f"BLENDER_DUMP files={len(paths)} assets={n_assets} errors={n_errors}", flush=True)


def main():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    if not argv:
        usage("no mode given")
    mode, args = argv[0], argv[1:]
    if mode == "edit":
        edit(args)
    elif mode == "dump":
        dump(args)
    else:
        usage(f"unknown mode {mode}")


try:
    main()
except SystemExit:
    raise
except BaseException:
    import traceback
    traceback.print_exc()
    sys.exit(1)
