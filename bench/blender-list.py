# SPDX-License-Identifier: GPL-3.0-or-later
#
# Blender's own listing of an asset library, for the scan benchmark:
#
#   blender -b --factory-startup --python-exit-code 1 \
#       --python bench/blender-list.py -- ROOT
#
# Walks ROOT recursively and, for every *.blend, opens it with
# bpy.data.libraries.load(path, assets_only=True) and collects the names of the
# assets of every ID type (nothing is linked or appended). This is the
# names-only listing Blender's asset API offers from Python; it reads no
# descriptions, tags, catalogs or previews.
#
# Only the listing loop is timed (time.perf_counter); Blender's start-up and
# the directory walk are not. Prints one machine-readable line:
#   BLENDER_LIST files=1000 assets=10000 seconds=12.345

import os
import sys
import time

import bpy


def find_blend_files(root):
    paths = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".blend"):
                paths.append(os.path.join(dirpath, name))
    return paths


def main():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    if len(argv) != 1 or not os.path.isdir(argv[0]):
        print("usage: blender -b --factory-startup --python bench/blender-list.py -- ROOT",
              file=sys.stderr)
        sys.exit(2)

    paths = find_blend_files(os.path.abspath(argv[0]))
    listing = []  # (path, attribute, name), kept so the work cannot be skipped

    start = time.perf_counter()
    for path in paths:
        with bpy.data.libraries.load(path, assets_only=True) as (data_from, data_to):
            for attr in dir(data_from):
                if attr.startswith("_"):
                    continue
                names = getattr(data_from, attr)
                if isinstance(names, list):
                    for name in names:
                        listing.append((path, attr, name))
    seconds = time.perf_counter() - start

    print(f"BLENDER_LIST files={len(paths)} assets={len(listing)} seconds={seconds:.3f}",
          flush=True)


try:
    main()
except SystemExit:
    raise
except BaseException:
    import traceback
    traceback.print_exc()
    sys.exit(1)
