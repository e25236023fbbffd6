# SPDX-License-Identifier: GPL-3.0-or-later
#
# Times Blender's own Asset Browser listing an asset library, with the UI
# running (the Asset Browser does not exist in background mode):
#
#     xvfb-run -a blender --factory-startup --python bench/blender-asset-browser.py \
#         -- LIBRARY [--expected N] [--timeout S]
#
# Tested with Blender 3.4.1. The script, on Blender's first main-loop
# iteration:
#
#   1. registers LIBRARY as an asset library in the (factory) preferences,
#      with bpy.ops.preferences.asset_library_add (not saved: --factory-startup);
#   2. turns the largest area of the default screen (the 3D viewport) into a
#      File Browser in Asset Browser mode (area.ui_type = 'ASSETS');
#   3. once the space has its parameters (they are made on the area's first
#      refresh), sets params.asset_library_ref to the new library; the clock
#      starts here;
#   4. polls with bpy.app.timers: selects every file of the space
#      (bpy.ops.file.select_all, with a context override for the area) and
#      counts context.selected_asset_files, the only list of the space's files
#      that Blender 3.4 exposes to Python. The count is what the file list
#      holds after Blender's own refresh, i.e. what a user could scroll
#      through. The clock stops at the first poll that sees N assets
#      (--expected), or, without --expected, at the last poll where the count
#      grew, once it has not grown for --settle seconds.
#
# It prints (stdout):
#
#     BLENDER_UI_READY seconds=T          (first main-loop iteration; T since the script ran)
#     BLENDER_ASSET_BROWSER seconds=S assets=N first_assets=F polls=P poll_max_ms=M interval_ms=I
#
# S: library chosen -> all N assets listed (the poll that saw them: an upper
# bound, by at most one poll interval I). F: library chosen -> the first poll
# that saw any asset. The polls run on Blender's main thread; the interval is
# kept at three times the cost of the last poll (at least 20 ms), so that
# polling takes at most about a quarter of the main thread.
#
# Blender 3.4 writes an index of each .blend file's assets under
# $XDG_CACHE_HOME/blender/asset-library-indices/ (default ~/.cache) and reads
# it instead of the file on later runs, as long as the file is unchanged: the
# first run and later runs measure different things. bench/gui-open.sh points
# XDG_CACHE_HOME at a folder of its own and empties it for the "no index" runs.
#
# On failure (timeout, library not accepted) it prints
# BLENDER_ASSET_BROWSER_FAILED reason=... and exits with status 1.

import os
import sys
import time

import bpy


def parse_args():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    opts = {"expected": None, "timeout": 300.0, "settle": 3.0, "library": None}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("--expected", "--timeout", "--settle") and i + 1 < len(argv):
            value = argv[i + 1]
            opts[arg[2:]] = int(value) if arg == "--expected" else float(value)
            i += 2
        elif not arg.startswith("--") and opts["library"] is None:
            opts["library"] = arg
            i += 1
        else:
            fail("bad argument %r (usage: -- LIBRARY [--expected N] [--timeout S] [--settle S])" % arg)
    if opts["library"] is None:
        fail("no library given (usage: -- LIBRARY [--expected N])")
    opts["library"] = os.path.abspath(opts["library"])
    if not os.path.isdir(opts["library"]):
        fail("not a folder: %s" % opts["library"])
    return opts


def fail(reason, assets=0, seconds=0.0):
    print("BLENDER_ASSET_BROWSER_FAILED reason=%s assets=%d seconds=%.3f"
          % (reason.replace(" ", "_"), assets, seconds), flush=True)
    # No clean quit: a failed run should not wait for Blender's jobs.
    os._exit(1)


SCRIPT_START = time.perf_counter()
OPTS = parse_args()
STATE = {
    "area": None,
    "library_name": None,
    "start": None,
    "first": None,
    "count": 0,
    "last_growth": None,
    "polls": 0,
    "poll_max": 0.0,
    "interval": 0.02,
}


def count_assets(area):
    window = bpy.context.window
    region = next(r for r in area.regions if r.type == 'WINDOW')
    with bpy.context.temp_override(window=window, area=area, region=region):
        bpy.ops.file.select_all(action='SELECT')
        files = bpy.context.selected_asset_files
        return len(files) if files is not None else 0


def finish(seconds, assets):
    print("BLENDER_ASSET_BROWSER seconds=%.3f assets=%d first_assets=%.3f polls=%d "
          "poll_max_ms=%.1f interval_ms=%.0f library=%s"
          % (seconds, assets, STATE["first"] if STATE["first"] is not None else -1.0,
             STATE["polls"], STATE["poll_max"] * 1e3, STATE["interval"] * 1e3,
             STATE["library_name"]), flush=True)
    # A normal quit: it waits for Blender's jobs (the indexer) to end.
    bpy.ops.wm.quit_blender()


def poll():
    area = STATE["area"]
    space = area.spaces.active
    now = time.perf_counter()

    if STATE["start"] is None:
        params = space.params
        if params is None:  # made on the area's first refresh
            if now - SCRIPT_START > OPTS["timeout"]:
                fail("the Asset Browser never got its parameters")
            return 0.01
        params.asset_library_ref = STATE["library_name"]
        if params.asset_library_ref != STATE["library_name"]:
            fail("Blender did not accept the library %r" % STATE["library_name"])
        STATE["start"] = time.perf_counter()
        return STATE["interval"]

    t = now - STATE["start"]
    n = count_assets(area)
    cost = time.perf_counter() - now
    STATE["polls"] += 1
    STATE["poll_max"] = max(STATE["poll_max"], cost)
    STATE["interval"] = max(0.02, 3 * cost)

    if n > 0 and STATE["first"] is None:
        STATE["first"] = t
    if n > STATE["count"]:
        STATE["count"] = n
        STATE["last_growth"] = t

    expected = OPTS["expected"]
    if expected is not None:
        if n == expected:
            finish(t, n)
            return None
        if n > expected:
            fail("more assets than expected (%d > %d)" % (n, expected), n, t)
    elif n > 0 and t - STATE["last_growth"] >= OPTS["settle"]:
        finish(STATE["last_growth"], n)
        return None
    if t > OPTS["timeout"]:
        fail("timeout after %.0f s" % t, n, t)
    return STATE["interval"]


def setup():
    print("BLENDER_UI_READY seconds=%.3f" % (time.perf_counter() - SCRIPT_START), flush=True)
    libraries = bpy.context.preferences.filepaths.asset_libraries
    before = {lib.name for lib in libraries}
    result = bpy.ops.preferences.asset_library_add(directory=OPTS["library"])
    if 'FINISHED' not in result:
        fail("asset_library_add returned %s" % sorted(result))
    added = [lib for lib in libraries
             if lib.name not in before
             and os.path.normpath(bpy.path.abspath(lib.path)) == OPTS["library"]]
    if not added:
        fail("the library was not added to the preferences")
    STATE["library_name"] = added[0].name

    window = bpy.context.window
    area = max(window.screen.areas, key=lambda a: a.width * a.height)
    area.type = 'FILE_BROWSER'
    area.ui_type = 'ASSETS'
    STATE["area"] = area
    bpy.app.timers.register(poll, first_interval=0.0)
    return None


if bpy.app.background:
    fail("run Blender with its UI (under xvfb-run), not with -b: background mode has no Asset Browser")
bpy.app.timers.register(setup, first_interval=0.0)
