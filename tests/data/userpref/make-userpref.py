# Blender 3.4 script: write preferences with several asset libraries, then
# report what Blender reads back from them. Run through make-userpref.sh,
# which points BLENDER_USER_CONFIG at ./config.
#
#   blender -b --factory-startup --python make-userpref.py -- make
#   blender -b --python make-userpref.py -- report expected.json
#
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import sys

import bpy

FIXTURE_ROOT = "/srv/trove-fixture"


def long_path():
    """An ASCII path of exactly 1023 bytes: bUserAssetLibrary.path is
    char[1024], so its NUL is the field's last byte."""
    path = FIXTURE_ROOT + "/long"
    while len(path) + 11 < 1023:
        path += "/segment-%02d" % (len(path) // 11 % 100)
    return path + "/" + "x" * (1023 - len(path) - 1)


# (name, directory) in sidebar order, after Blender's default "User Library".
# Names and paths that Blender changes on the way in are noted; the report
# records what Blender really stored.
LIBRARIES = [
    # The operator strips the trailing slash.
    ("Kitchen Props", FIXTURE_ROOT + "/kitchen-props/"),
    ("Matériaux – 日本語 🎨", FIXTURE_ROOT + "/matériaux/日本語"),
    # Names are char[64]: Blender cuts this one to 63 bytes, at a UTF-8
    # character boundary.
    ("Très long nom de bibliothèque qui dépasse soixante-trois octets €€€",
     FIXTURE_ROOT + "/long-name"),
    ("Deeply Nested", long_path()),
    # Exists wherever the tests run.
    ("Temporary Files", "/tmp"),
    ("Missing Library", "/nonexistent/trove-fixture/missing-library"),
    # Blender accepts all of these.
    ("", FIXTURE_ROOT + "/unnamed"),
    ("Empty Path", ""),
    ("Tilde Path", "~/Assets"),
    ("Kitchen Again", FIXTURE_ROOT + "/kitchen-props"),
]


def add_library(name, directory):
    libraries = bpy.context.preferences.filepaths.asset_libraries
    # The operator behind the "+" button in Preferences › File Paths.
    if directory:
        result = bpy.ops.preferences.asset_library_add(directory=directory)
    else:
        result = bpy.ops.preferences.asset_library_add()
    assert result == {"FINISHED"}, result
    library = libraries[len(libraries) - 1]
    library.name = name
    if not directory:
        library.path = ""


def make():
    prefs = bpy.context.preferences
    libraries = prefs.filepaths.asset_libraries
    # Factory settings hold only the default library, in $HOME/Blender/Assets
    # (the XDG documents folder, which is $HOME when it is not configured).
    assert [lib.name for lib in libraries] == ["User Library"], list(libraries)
    for name, directory in LIBRARIES:
        add_library(name, directory)
    assert len(libraries) == 1 + len(LIBRARIES)
    config = bpy.utils.user_resource("CONFIG")
    assert config == os.environ["BLENDER_USER_CONFIG"], config
    result = bpy.ops.wm.save_userpref()
    assert result == {"FINISHED"}, result
    assert os.path.isfile(os.path.join(config, "userpref.blend"))


def report(output):
    config = bpy.utils.user_resource("CONFIG")
    userpref = os.path.join(config, "userpref.blend")
    assert os.path.isfile(userpref), userpref
    libraries = [
        {"name": lib.name, "path": lib.path}
        for lib in bpy.context.preferences.filepaths.asset_libraries
    ]
    # Loaded from the file, not from factory settings.
    assert len(libraries) == 1 + len(LIBRARIES), libraries
    for stored, (name, directory) in zip(libraries[1:], LIBRARIES):
        assert len(stored["name"].encode()) <= 63, stored
        assert name.startswith(stored["name"]), (stored, name)
        assert stored["path"] == directory.rstrip("/") or stored["path"] == directory, stored
    assert len(libraries[4]["path"].encode()) == 1023
    with open(userpref, "rb") as f:
        header = f.read(12)
    result = {
        "blender_version": bpy.app.version_string,
        "file": "config/userpref.blend",
        "file_header": header.decode("ascii"),
        "asset_libraries": libraries,
    }
    with open(output, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=2)
        f.write("\n")


def main():
    argv = sys.argv[sys.argv.index("--") + 1:]
    if argv == ["make"]:
        make()
    elif len(argv) == 2 and argv[0] == "report":
        report(argv[1])
    else:
        sys.exit("usage: make-userpref.py -- make | report OUTPUT.json")


main()
