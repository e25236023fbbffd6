# SPDX-License-Identifier: GPL-3.0-or-later
"""Let real Blender 3.4 replay the catalog edits of tests/data/catalogs/blender-edits/.

Run in Blender *with its UI* (headless `-b` has no Asset Browser), normally
through make-blender-edits.sh next to this file:

    xvfb-run -a blender --factory-startup --python-exit-code 1 \
        --python tests/data/catalogs/blender-edits/make-blender-edits.py -- OUTDIR [CASE...]

For every case CASE (every CASE.cats.txt next to this script, or the ones
named) it:

 1. copies CASE.cats.txt as blender_assets.cats.txt into a fresh, empty
    temporary folder and registers that folder as an asset library in the
    preferences (never saved: use_preferences_save is off);
 2. shows that library in an Asset Browser (the 3D viewport area turned into
    one) and waits until the catalog operators can run on it;
 3. runs the edits of CASE.edits.json, in order, from a bpy.app.timers
    callback with a context override for that area:
      {"op": "add", "parent": P}             bpy.ops.asset.catalog_new(parent_path=P)
      {"op": "delete", "uuid": U, "path": P} bpy.ops.asset.catalog_delete(catalog_id=U)
    ("path" is the path of catalog U in CASE.cats.txt, checked here; Trove
    deletes by path);
 4. checks that the library's catalog file is still the input, byte for byte
    (nothing wrote it yet), runs bpy.ops.asset.catalogs_save() and checks
    that Blender wrote it (the old one is kept as blender_assets.cats.txt~);
 5. copies the written file to OUTDIR/CASE.blender-3.4.1.txt.

Saving catalogs needs a saved .blend: an empty one is saved into the
temporary folder (outside every library) before any library is loaded, so
that this save does not write any catalog file itself (Blender 3.4 rewrites
the catalog file of every loaded library on each .blend save).

Prints "EDITS-DONE n" and quits with status 0 when every case was written;
on any error prints a traceback and exits with status 1.
"""

import json
import os
import shutil
import sys
import tempfile
import traceback

import bpy

HERE = os.path.dirname(os.path.abspath(__file__))
CDF = "blender_assets.cats.txt"


def fail(message):
    raise RuntimeError(message)


def arguments():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    if not argv:
        fail("usage: ... --python make-blender-edits.py -- OUTDIR [CASE...]")
    outdir = os.path.abspath(argv[0])
    cases = argv[1:] or sorted(
        name[: -len(".cats.txt")] for name in os.listdir(HERE) if name.endswith(".cats.txt"))
    return outdir, cases


def input_catalogs(text):
    """{uuid: path} of the catalog lines of a catalog file, as Blender reads
    them (good enough for our own inputs: no leading slashes, no backslashes)."""
    catalogs = {}
    for line in text.split("\n"):
        line = line.strip(" \t\r\n")
        if not line or line.startswith("#") or line.startswith("VERSION "):
            continue
        uuid, path = line.split(":")[:2]
        catalogs.setdefault(uuid.strip().lower(), path.strip())
    return catalogs


def load_case(case):
    with open(os.path.join(HERE, case + ".cats.txt"), "rb") as fh:
        data = fh.read()
    with open(os.path.join(HERE, case + ".edits.json"), encoding="utf-8") as fh:
        edits = json.load(fh)
    known = input_catalogs(data.decode("utf-8"))
    for edit in edits:
        if edit["op"] == "add":
            if set(edit) != {"op", "parent"}:
                fail("%s: bad add %r" % (case, edit))
        elif edit["op"] == "delete":
            if set(edit) != {"op", "uuid", "path"}:
                fail("%s: bad delete %r" % (case, edit))
            if known.get(edit["uuid"]) != edit["path"]:
                fail("%s: catalog %s has path %r in the input, not %r"
                     % (case, edit["uuid"], known.get(edit["uuid"]), edit["path"]))
        else:
            fail("%s: unknown op %r" % (case, edit))
    return data, edits


def steps(outdir, cases):
    """The whole run, as a generator: each value yielded is the number of
    seconds to let Blender's event loop run before continuing."""
    prefs = bpy.context.preferences
    prefs.use_preferences_save = False
    # In UI mode the default would store a screenshot as the .blend thumbnail.
    prefs.filepaths.file_preview_type = "NONE"
    os.makedirs(outdir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="trove-blender-edits-")
    win = bpy.context.window_manager.windows[0]

    with bpy.context.temp_override(window=win):
        bpy.ops.wm.save_as_mainfile(filepath=os.path.join(tmp, "edits.blend"))

    area = max(win.screen.areas, key=lambda a: a.width * a.height)
    area.ui_type = "ASSETS"
    yield 0.5
    space = area.spaces.active
    if space.type != "FILE_BROWSER" or space.browse_mode != "ASSETS":
        fail("no Asset Browser: %s %s" % (space.type, getattr(space, "browse_mode", "")))

    def override():
        region = next(r for r in area.regions if r.type == "WINDOW")
        return bpy.context.temp_override(window=win, area=area, region=region)

    for case in cases:
        data, edits = load_case(case)
        # One folder per case, named after it: the library gets that name.
        root = os.path.join(tmp, case)
        os.makedirs(root)
        cdf = os.path.join(root, CDF)
        with open(cdf, "wb") as fh:
            fh.write(data)
        with override():
            bpy.ops.preferences.asset_library_add(directory=root + os.sep)
        library = next(lib for lib in prefs.filepaths.asset_libraries
                       if os.path.normpath(lib.path) == os.path.normpath(root))
        space.params.asset_library_ref = library.name
        print("CASE", case, "library", library.name, root)

        # The catalog operators poll for the Asset Browser's loaded library.
        for _ in range(120):
            with override():
                if bpy.ops.asset.catalog_new.poll():
                    break
            yield 0.25
        else:
            fail("%s: the asset library never loaded" % case)
        yield 0.5

        for edit in edits:
            with override():
                if edit["op"] == "add":
                    result = bpy.ops.asset.catalog_new(parent_path=edit["parent"])
                else:
                    result = bpy.ops.asset.catalog_delete(catalog_id=edit["uuid"])
            print("  ", edit, result)
            if result != {"FINISHED"}:
                fail("%s: %r gave %r" % (case, edit, result))
            # Let the UI redraw between edits, as it would for a user.
            yield 0.2

        with open(cdf, "rb") as fh:
            if fh.read() != data:
                fail("%s: the catalog file was written before catalogs_save" % case)
        if os.path.exists(cdf + "~"):
            fail("%s: a backup exists before catalogs_save" % case)
        with override():
            result = bpy.ops.asset.catalogs_save()
        if result != {"FINISHED"}:
            fail("%s: catalogs_save gave %r" % (case, result))
        with open(cdf + "~", "rb") as fh:
            if fh.read() != data:
                fail("%s: the backup is not the input" % case)
        out = os.path.join(outdir, case + ".blender-%d.%d.%d.txt" % bpy.app.version)
        shutil.copyfile(cdf, out)
        print("WROTE", out)
        yield 0.2

    # The libraries stay registered until Blender quits (preferences unsaved).
    shutil.rmtree(tmp)
    print("EDITS-DONE", len(cases))


def main():
    outdir, cases = arguments()
    run = steps(outdir, cases)

    def tick():
        try:
            delay = next(run)
        except StopIteration:
            sys.stdout.flush()
            win = bpy.context.window_manager.windows[0]
            with bpy.context.temp_override(window=win):
                bpy.ops.wm.quit_blender()
            return None
        except Exception:
            traceback.print_exc()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(1)
        return delay

    bpy.app.timers.register(tick, first_interval=1.0)


main()
