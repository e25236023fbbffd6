# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate Trove's real-Blender test fixture library (tests/data/library/).

Run through Blender 3.4 (normally via tests/data/make-fixtures.sh):

    blender -b --factory-startup --python-exit-code 1 \
            --python tests/data/make-fixtures.py

With no arguments after "--" the script orchestrates every step:

 1. "build-file" (one background Blender per file; the orchestrator itself
    writes blender_assets.cats.txt, notes.txt and library-manifest.json):
    create each .blend from an empty scene, set asset metadata and the
    deterministic preview pixels.
 2. "ui-catalogs" (one Blender *with UI* under xvfb-run per file): Blender 3.4
    only fills AssetMetaData.catalog_simple_name when catalog_id is set from
    inside an Asset Browser (the RNA update callback looks the catalog up in the
    asset library of the active File Browser space). In background mode the
    simple name stays "". So each file that needs simple names is opened in a
    UI session, an area is turned into an Asset Browser showing "Current File",
    and catalog_id is assigned again for the selected assets, then the file is
    saved. Blender rewrites blender_assets.cats.txt on that save; we restore
    our canonical file afterwards.
 3. "verify" (a fresh background Blender): reopen every file and check names,
    metadata, simple names and the exact preview pixels against this script's
    tables; also look for the expected raw RGBA bytes in the (decompressed)
    file itself.
 4. "ui-thumbnail" (UI under xvfb-run): save tests/data/thumbnail/*.blend so
    that they carry a real, freshly rendered file thumbnail (TEST block), then
    run blender-thumbnailer on them.

Other modes: "build-file PATH", "verify", "ui-catalogs FILE COMPRESS", "thumbnail-scene
OUT", "ui-thumbnail OUT PREVIEW_TYPE" (used internally) and "check-oracle
ORACLE.json" (compare blender-report.py's output with the tables here and the
manifest; run by make-fixtures.sh).

Everything is deterministic except what Blender itself varies between runs
(memory addresses used as block identifiers, thumbnail rendering details, the
.blend1 backup, zstd frame layout). The fixture tables below are the single
source of truth; README.md explains what each file covers.
"""

import array
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys

import bpy

DATA_DIR = os.path.dirname(os.path.abspath(__file__))
LIB = os.path.join(DATA_DIR, "library")
THUMB_DIR = os.path.join(DATA_DIR, "thumbnail")
MANIFEST = os.path.join(DATA_DIR, "library-manifest.json")
SCRIPT = os.path.abspath(__file__)

MAX_NAME = 64  # DNA MAX_NAME / MAX_ID_NAME-2: 63 bytes + NUL
NIL_UUID = "00000000-0000-0000-0000-000000000000"
XVFB = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"]

# --------------------------------------------------------------------------
# Catalog definition file
# --------------------------------------------------------------------------

CDF_HEADER = (
    "# This is an Asset Catalog Definition file for Blender.\n"
    "#\n"
    "# Empty lines and lines starting with `#` will be ignored.\n"
    "# The first non-ignored line should be the version indicator.\n"
    '# Other lines are of the format "UUID:catalog/path/for/assets:simple catalog name"\n'
    "\n"
    "VERSION 1\n"
    "\n"
)

# (key, uuid, path, simple name) in "load order". Paths whose parents have no
# line of their own (Props, Nature, Nature/Rocks, Materiály, Worlds, Poses,
# Node Groups, Many, Edge, Unicode ...) are implicit parents.
CATALOGS = [
    ("materials", "0b2b0d5e-57a3-4b19-9b3f-6f0a6d2f8a11", "Materials", "Materials"),
    # Alias: two UUIDs share "Materials/Metal". The first line (higher UUID)
    # is the first-loaded one; Blender's writer keeps it first even though the
    # second UUID sorts lower.
    ("metal", "b7c1e5d2-3f4a-4c6b-8d9e-0f1a2b3c4d5e", "Materials/Metal", "Materials-Metal"),
    ("metal_alias", "4a6e2c10-9d8b-4f7e-a6c5-b4d3e2f1a0b9", "Materials/Metal", "Metal (alias)"),
    ("wood", "6c1d7e2f-8a9b-4c0d-9e1f-2a3b4c5d6e7f", "Materials/Wood", "Materials-Wood"),
    ("props_wood", "d3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f60", "Props/Wood", "Props-Wood"),
    # Simple name containing colons (only the first two colons delimit).
    ("crates", "8f9e0d1c-2b3a-4f5e-8d7c-6b5a4f3e2d1c", "Props/Crates", "Props: Crates: Boxes"),
    ("granite", "e1f2a3b4-c5d6-4e7f-9a0b-1c2d3e4f5a6b", "Nature/Rocks/Granite", "Nature-Rocks-Granite"),
    ("drevo", "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d", "Materiály/Dřevo", "Materiály-Dřevo"),
    ("sky", "a0b1c2d3-e4f5-4a6b-9c8d-7e6f5a4b3c2d", "Worlds/Sky", "Worlds-Sky"),
    ("hands", "c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f", "Poses/Hands", "Poses-Hands"),
    ("geo_nodes", "1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b", "Node Groups/Geometry", "Node Groups-Geometry"),
    ("shader_nodes", "2e3d4c5b-6a79-4887-9b7c-6d5e4f3a2b1c", "Node Groups/Shader", "Node Groups-Shader"),
    ("collections", "3d4c5b6a-7988-4796-8c8d-7e6f5a4b3c2d", "Collections", "Collections"),
    ("unicode", "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e", "Unicode/Ружена 日本 😀", "Unicode-Ружена 日本 😀"),
    ("many_a", "9a000000-0000-4000-8000-00000000000a", "Many/Alpha", "Many-Alpha"),
    ("many_b", "9a000000-0000-4000-8000-00000000000b", "Many/Beta", "Many-Beta"),
    ("many_c", "9a000000-0000-4000-8000-00000000000c", "Many/Gamma/Deep", "Many-Gamma-Deep"),
    ("many_d", "9a000000-0000-4000-8000-00000000000d", "Many/Delta", "Many-Delta"),
    ("previews", "f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f", "Previews", "Previews"),
    ("nested", "4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b", "Nested/Deep", "Nested-Deep"),
    ("edge_known", "e0000000-0000-4000-8000-000000000001", "Edge/Known", "Edge-Known"),
    # Simple name written empty (Blender always writes the second colon).
    ("edge_empty_simple", "e0000000-0000-4000-8000-000000000002", "Edge/Empty Simple Name", ""),
    # Simple name longer than the 63 bytes an asset can store.
    ("edge_long_simple", "e0000000-0000-4000-8000-000000000003", "Edge/Long Simple Name",
     "A simple name that is much longer than sixty-three bytes, so assets get a truncated copy"),
    ("upper", "0c0c0c0c-0c0c-4c0c-8c0c-0c0c0c0c0c0c", "Misc/Upper Case Extension", "Misc-Upper Case Extension"),
]
# Catalogs present only while the UI step assigns catalogs, then removed from
# the final CDF: assets keep the UUID and the (now stale) simple name, as
# after a user deleted the catalog.
UI_ONLY_CATALOGS = [
    ("edge_deleted", "e0000000-0000-4000-8000-000000000004", "Edge/Deleted", "Edge-Deleted"),
]
CAT = {key: (uuid, path, simple) for key, uuid, path, simple in CATALOGS + UI_ONLY_CATALOGS}
# Valid UUID that is deliberately NOT in blender_assets.cats.txt.
UNKNOWN_UUID = "deadbeef-dead-4eef-8eef-deadbeefcafe"


def cdf_text(ui_step=False):
    """blender_assets.cats.txt as Blender's writer formats it: header, then
    lines sorted by path bytes, first-loaded line of a path first, then UUID
    (blender-catalogs.md §1.2 and §1.7; note that Blender 3.4.1 itself was
    seen writing the two Materials/Metal aliases in plain UUID order)."""
    cats = CATALOGS + (UI_ONLY_CATALOGS if ui_step else [])
    first_seen = {}
    for _key, uuid, path, _simple in cats:
        first_seen.setdefault(path, uuid)
    rows = sorted(cats, key=lambda c: (c[2].encode(), first_seen[c[2]] != c[1], c[1]))
    return CDF_HEADER + "".join("%s:%s:%s\n" % (u, p, s) for _k, u, p, s in rows)


def write_cdf(ui_step=False):
    with open(os.path.join(LIB, "blender_assets.cats.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(cdf_text(ui_step))
    backup = os.path.join(LIB, "blender_assets.cats.txt~")
    if os.path.exists(backup):
        os.remove(backup)


# --------------------------------------------------------------------------
# Preview pixel pattern
# --------------------------------------------------------------------------

PATTERN_DOC = ("R = (x*3 + s) % 256, G = (ty*5 + s*7) % 256, B = (x*ty + s*11) % 256, "
               "A = 255 - ((x + ty + s) % 64)")


def pattern_rgba(s, x, ty):
    return ((x * 3 + s) % 256, (ty * 5 + s * 7) % 256, (x * ty + s * 11) % 256,
            255 - ((x + ty + s) % 64))


def pattern_storage_ints(w, h, s):
    """Pixels in Blender's storage order (row 0 = bottom = ty h-1) as signed
    int32, packed R | G<<8 | B<<16 | A<<24 (what ImagePreview.image_pixels
    takes; verify() checks this packing against image_pixels_float)."""
    out = array.array("i")
    for r in range(h):
        ty = h - 1 - r
        for x in range(w):
            R, G, B, A = pattern_rgba(s, x, ty)
            v = R | G << 8 | B << 16 | A << 24
            out.append(v - (1 << 32) if v >= 1 << 31 else v)
    return out


def pattern_topdown_bytes(w, h, s):
    return bytes(c for ty in range(h) for x in range(w) for c in pattern_rgba(s, x, ty))


def storage_bytes(ints):
    return struct.pack("<%di" % len(ints), *ints)


# --------------------------------------------------------------------------
# Fixture tables
# --------------------------------------------------------------------------

_seed = [0]


def asset(id_type, name, desc=None, author=None, tags=(), catalog=None, preview=None,
          icon=None, zero_preview=False, ui_simple=True, props=None, dup_tags=None,
          op_mark=False):
    """One asset data-block.

    name        requested name (Blender may truncate it to 63 bytes)
    catalog     key of CAT, a raw UUID string (unknown catalog) or None (nil)
    preview     (w, h) of the preview image (ICON_SIZE_PREVIEW) or None
    icon        (w, h) of the icon image (ICON_SIZE_ICON) or None
    zero_preview  create the PreviewImage but leave both sizes 0x0
    ui_simple   set catalog_id again from the Asset Browser so Blender fills
                catalog_simple_name (False: simple name stays "")
    props       custom IDProperties on the AssetMetaData
    dup_tags    tag names forced by renaming tags after creation (RNA rename
                does not enforce unique names; tags.new() does)
    op_mark     mark with the bpy.ops.asset.mark() operator instead of
                ID.asset_mark(): in background mode it leaves a 128x128
                preview whose pixels are all 0 (the render never runs)
    """
    a = dict(id_type=id_type, name=name, desc=desc, author=author, tags=list(tags),
             catalog=catalog, preview=None, icon=None, zero_preview=zero_preview,
             ui_simple=ui_simple, props=props, dup_tags=dup_tags, op_mark=op_mark)
    if preview:
        _seed[0] += 1
        a["preview"] = (preview[0], preview[1], _seed[0])
    if icon:
        _seed[0] += 1
        a["icon"] = (icon[0], icon[1], _seed[0])
    return a


AUTHOR = "Trove Fixtures"

LONG_DESCRIPTION = "".join(
    "Line %03d: %s\n" % (i, [
        "The quick brown fox jumps over the lazy dog.",
        "Příliš žluťoučký kůň úpěl ďábelské ódy.",
        "Съешь же ещё этих мягких французских булок, да выпей чаю.",
        "いろはにほへと ちりぬるを わかよたれそ つねならむ",
        "Tabs\tand  double  spaces, quotes \"like this\" and a backslash \\ stay.",
        "Emoji: 🔥🌲🪵 and a zero-width joiner 👩‍🔧.",
    ][i % 6]) for i in range(80)) + "Last line without trailing newline."

FILES = []


def blend_file(path, compress, assets, extra=None):
    FILES.append(dict(path=path, compress=compress, assets=assets, extra=extra or {}))


# 2. materials.blend (uncompressed)
blend_file("materials.blend", False, [
    asset("MA", "Brushed Steel", "Anisotropic brushed steel.", AUTHOR,
          ["steel", "metal", "brushed"], "metal", preview=(128, 128)),
    asset("MA", "Copper", "Polished copper, assigned to the alias UUID of Materials/Metal.", AUTHOR,
          ["metal", "copper", "warm", "shiny"], "metal_alias", preview=(128, 128)),
    asset("MA", "Oak Planks", "Oak floor planks.", "Jane Doe",
          ["wood", "planks", "floor"], "wood", preview=(128, 128)),
    asset("MA", "Painted Wood", "Painted wood for props.", AUTHOR,
          ["wood", "paint"], "props_wood", preview=(128, 128)),
    asset("MA", "Granite", "Speckled granite.", AUTHOR,
          ["stone", "granite", "rock"], "granite", preview=(128, 128)),
    asset("MA", "Dřevo tmavé", "Tmavé dřevo (dark wood).", "Růžena Nováková",
          ["dřevo", "tmavé"], "drevo", preview=(128, 128)),
], extra={"non_asset_materials": ["Scratch Material (not an asset)"]})

# 3. objects.blend (zstd): objects plus other ID types (ME, IM, TE) as assets
blend_file("objects.blend", True, [
    asset("OB", "Crate", "Wooden crate.", AUTHOR, ["crate", "box", "wood"], "crates", preview=(128, 128)),
    asset("OB", "Barrel", "Wooden barrel.", AUTHOR, ["barrel", "wood"], "props_wood", preview=(128, 128)),
    asset("OB", "Rock", "Low-poly rock.", AUTHOR, ["rock", "nature"], "granite", preview=(128, 128)),
    asset("OB", "Lamp Post", "Object asset without a preview, nil catalog.", AUTHOR, ["lamp"], None),
    # The mesh data-block of the crate is an asset too (Mesh has no preview).
    asset("ME", "Crate", "The crate's mesh data-block itself.", AUTHOR, ["mesh"], "crates"),
    asset("IM", "Wood Grain", "A generated image marked as asset.", AUTHOR, ["image", "wood"],
          "wood", preview=(128, 128)),
    asset("TE", "Clouds Noise", "A procedural texture marked as asset.", AUTHOR, ["texture"],
          None, preview=(64, 64)),
])

# 4. worlds-actions.blend
blend_file("worlds-actions.blend", False, [
    asset("WO", "Clear Sky", "Bright blue sky.", AUTHOR, ["sky", "day"], "sky", preview=(128, 128)),
    asset("WO", "Sunset", "Warm sunset.", AUTHOR, ["sky", "evening", "warm"], "sky", preview=(128, 128)),
    asset("AC", "Hand Open", "Pose: open hand.", AUTHOR, ["pose", "hand"], "hands", preview=(128, 128)),
    asset("AC", "Hand Fist", "Pose: fist.", AUTHOR, ["pose", "hand", "fist"], "hands", preview=(128, 128)),
    asset("AC", "Hand Point", "Pose without preview.", AUTHOR, ["pose"], "hands"),
])

# 5. nodegroups-collections.blend (zstd)
blend_file("nodegroups-collections.blend", True, [
    asset("NT", "Scatter Points", "Geometry nodes: distribute points on faces.", AUTHOR,
          ["geometry nodes", "scatter"], "geo_nodes", preview=(128, 128)),
    asset("NT", "Fresnel Mix", "Shader node group mixing two colours by Fresnel.", AUTHOR,
          ["shader", "fresnel"], "shader_nodes", preview=(128, 128)),
    asset("GR", "Crate Stack", "Collection with two crates.", AUTHOR, ["collection", "crates"],
          "collections", preview=(128, 128)),
    asset("GR", "Rock Pile", "Collection with three rocks.", AUTHOR, ["collection", "rocks"],
          "collections"),
])

# 6. unicode.blend
ASCII63 = "Exactly 63 bytes of ASCII in this name, counted by hand: 123456"
assert len(ASCII63.encode()) == 63
blend_file("unicode.blend", False, [
    asset("MA", "Ružena", "Česká růže — ěščřžýáíéůú ĚŠČŘŽÝÁÍÉŮÚ.", "Růžena Nováková",
          ["čeština", "růže", "Ž"], "drevo", preview=(128, 128)),
    asset("MA", "Материал Дерево", "Кириллическое описание.", "Иван Петров",
          ["дерево", "материал"], "unicode"),
    asset("MA", "木材マテリアル", "日本語の説明。中文描述。", "山田太郎",
          ["木", "材料", "マテリアル"], "unicode", preview=(128, 128)),
    asset("MA", "Emoji 🔥 Fire", "Hot 🔥 and 🌶.", "Emoji 😀 Author",
          ["🔥", "hot 🌶", "👩‍🔧"], "unicode", preview=(64, 64)),
    asset("MA", ASCII63, "Name of exactly 63 bytes (ASCII).", AUTHOR, ["limit"], "unicode"),
    # 63 bytes with a multibyte character ending exactly at the limit.
    asset("MA", "m" * 61 + "ř", "Name of 63 bytes ending with a 2-byte character.", AUTHOR,
          ["limit"], "unicode"),
    asset("MA", "n" * 60 + "日", "Name of 63 bytes ending with a 3-byte character.", AUTHOR,
          ["limit"], "unicode"),
    asset("MA", "o" * 59 + "😀", "Name of 63 bytes ending with a 4-byte character.", AUTHOR,
          ["limit"], "unicode"),
    # Too long: Blender truncates ID names to 63 bytes without splitting a
    # UTF-8 sequence (the requested names are recorded in README.md).
    asset("MA", "Too long ASCII name: " + "x" * 60, "Requested 81 bytes.", AUTHOR,
          ["truncated"], "unicode"),
    asset("MA", "p" * 62 + "ř", "Requested 64 bytes, 2-byte char straddling the limit.", AUTHOR,
          ["truncated"], "unicode"),
    asset("MA", "q" * 61 + "日本", "Requested 67 bytes, 3-byte char straddling the limit.", AUTHOR,
          ["truncated"], "unicode"),
    # Tag names at the 63-byte limit (tags.new truncates byte-wise and can
    # split UTF-8, so multibyte tags over the limit are set by renaming, which
    # truncates UTF-8-safely).
    asset("MA", "Tags At Limit", LONG_DESCRIPTION, "Ünïcødé Äüthör",
          ["t" * 63, "u" * 61 + "ř", "v" * 60 + "日", "w" * 59 + "😀", "short"], "unicode",
          preview=(128, 128),
          dup_tags=["t" * 63, "u" * 61 + "ř", "v" * 60 + "日", "w" * 59 + "😀", "short"]),
    asset("MA", "Tags Over Limit", "Tags requested longer than 63 bytes (renamed).", AUTHOR,
          ["placeholder1", "placeholder2"], "unicode",
          dup_tags=["y" * 70, "z" * 62 + "ř"]),
])

# 7. many.blend (zstd): 320 materials
MANY_CATS = ["many_a", "many_b", "many_c", "many_d", None]
blend_file("many.blend", True, [
    asset("MA", "Many %03d" % i, "Bulk material number %d." % i if i % 2 == 0 else None,
          AUTHOR if i % 3 == 0 else None, ["many", "group-%d" % (i % 7)],
          MANY_CATS[i % 5], preview=(32, 32) if i % 5 == 0 else None,
          ui_simple=(i % 4 != 3))
    for i in range(320)
])

# 8. no-assets.blend
blend_file("no-assets.blend", False, [])

# 9. edge-cases.blend
blend_file("edge-cases.blend", False, [
    asset("MA", "Nil Catalog", "Catalog never set.", AUTHOR, ["edge"], None, preview=(128, 128)),
    asset("MA", "Unknown Catalog", "Catalog UUID not in the CDF.", AUTHOR, ["edge"], UNKNOWN_UUID,
          preview=(128, 128)),
    asset("MA", "Stale Simple Name", "Catalog deleted from the CDF after assignment.", AUTHOR,
          ["edge"], "edge_deleted"),
    asset("MA", "Known Catalog No Simple Name", "Catalog set from background Python only.",
          AUTHOR, ["edge"], "edge_known", ui_simple=False),
    asset("MA", "Empty Simple Name Catalog", "Catalog whose simple name is empty in the CDF.",
          AUTHOR, ["edge"], "edge_empty_simple"),
    asset("MA", "Long Simple Name", "Catalog simple name longer than 63 bytes.", AUTHOR,
          ["edge"], "edge_long_simple"),
    asset("MA", "No Preview", "PreviewImage never created.", AUTHOR, ["edge"], "edge_known"),
    asset("MA", "Zero Preview", "PreviewImage exists, both sizes 0x0.", AUTHOR, ["edge"],
          "edge_known", zero_preview=True),
    asset("MA", "Icon Only", "Only the 16x16 icon image is set.", AUTHOR, ["edge"], "edge_known",
          icon=(16, 16)),
    asset("MA", "Icon And Preview", "Both the 16x16 icon and a 96x96 preview are set.", AUTHOR,
          ["edge"], "edge_known", preview=(96, 96), icon=(16, 16)),
    asset("MA", "Bare", None, None, [], None),
    asset("MA", "Duplicate Tags", "Tag names repeated.", AUTHOR,
          ["a", "b", "c", "d", "e"], "edge_known", dup_tags=["dup", "dup", "Dup", "dup", "other"]),
    asset("MA", "Uniquified Tags", "tags.new() called three times with 'dup'.", AUTHOR,
          ["dup", "dup", "dup"], "edge_known"),
    asset("MA", "Custom Properties", "AssetMetaData carries custom IDProperties.", AUTHOR,
          ["edge"], "edge_known", props={"int_prop": 42, "str_prop": "hello", "float_prop": 0.5}),
    asset("MA", ".Dot Name", "Data-block name starting with '.'.", AUTHOR, ["edge"], "edge_known"),
    asset("MA", "Whitespace  Name ", "  Leading/trailing spaces kept.  ", "  ", [" spaced tag "],
          "edge_known"),
    asset("MA", "Operator Marked", "Marked by bpy.ops.asset.mark() in background mode.", AUTHOR,
          ["edge"], "edge_known", op_mark=True),
    asset("WO", "Bare World", None, None, [], None),
    asset("OB", "Empty Object", "An empty (no object data).", AUTHOR, ["edge"], "edge_known",
          preview=(128, 128)),
])

# 10. previews.blend: many sizes
blend_file("previews.blend", False, [
    asset("MA", "Preview 1x1", None, None, ["size"], "previews", preview=(1, 1)),
    asset("MA", "Preview 7x5", None, None, ["size"], "previews", preview=(7, 5)),
    asset("MA", "Preview 5x7", None, None, ["size"], "previews", preview=(5, 7)),
    asset("MA", "Preview 32x32", None, None, ["size"], "previews", preview=(32, 32)),
    asset("MA", "Preview 64x48", None, None, ["size"], "previews", preview=(64, 48)),
    asset("MA", "Preview 128x128", None, None, ["size"], "previews", preview=(128, 128)),
    asset("MA", "Preview 256x256", None, None, ["size"], "previews", preview=(256, 256)),
    asset("MA", "Preview 300x17", None, None, ["size"], "previews", preview=(300, 17)),
    asset("WO", "Preview World 100x60", None, None, ["size"], "previews", preview=(100, 60)),
])

# 11. sub/dir/nested.blend
blend_file("sub/dir/nested.blend", False, [
    asset("MA", "Nested Material", "Lives two folders deep.", AUTHOR, ["nested"], "nested",
          preview=(64, 64)),
    asset("OB", "Nested Cube", "Object two folders deep.", AUTHOR, ["nested", "cube"], "nested"),
])

# 12. upper-case extension and files a scanner must skip
blend_file("UPPER.BLEND", False, [
    asset("MA", "Upper Extension", "File name ends in .BLEND.", AUTHOR, ["upper"], "upper",
          preview=(32, 32)),
])
blend_file(".hidden/hidden.blend", True, [
    asset("MA", "Hidden Folder Asset", "Inside a hidden folder; must not be listed.", AUTHOR,
          ["hidden"], "materials", preview=(32, 32), ui_simple=False),
], extra={"skip": True})
blend_file(".dotfile.blend", True, [
    asset("MA", "Dotfile Asset", "Hidden file; must not be listed.", AUTHOR, ["hidden"],
          "materials", preview=(32, 32), ui_simple=False),
], extra={"skip": True})

# A copy of tests/data/thumbnail/thumbnail.blend: a library file whose TEST
# block is a real camera-rendered thumbnail (made in the thumbnail step).
blend_file("thumbnail.blend", False, [
    asset("MA", "Thumbnail Material", "Asset in the file-thumbnail fixture.", AUTHOR,
          ["thumbnail"], "materials", ui_simple=False),
], extra={"copy_of": "thumbnail/thumbnail.blend"})

# Files that are not .blend files (or are backups).
NOTES = ("This folder is Trove's fixture asset library, generated by\n"
         "tests/data/make-fixtures.py. This text file must be ignored by the scanner.\n")
BACKUP = "materials.blend1"  # produced by Blender when materials.blend is re-saved


def truncate_utf8(s, limit=MAX_NAME - 1):
    """How Blender 3.4 truncates ID names and RNA-renamed tag names: at most
    `limit` bytes, never splitting a UTF-8 sequence."""
    b = s.encode()
    if len(b) <= limit:
        return s
    b = b[:limit]
    while True:
        try:
            return b.decode()
        except UnicodeDecodeError:
            b = b[:-1]


def expected_tags(a):
    if a["dup_tags"] is not None:
        return [truncate_utf8(t) for t in a["dup_tags"]]
    out = []
    for t in a["tags"]:  # tags.new(): BLI_uniquename with '.' separator
        name, n = t, 0
        while name in out:
            n += 1
            name = "%s.%03d" % (t, n)
        out.append(name)
    return out


def catalog_uuid(a):
    c = a["catalog"]
    if c is None:
        return NIL_UUID
    return CAT[c][0] if c in CAT else c


def expected_simple_name(a):
    """catalog_simple_name after the UI step: the CDF's simple name, cut to
    63 bytes (byte-wise, like BLI_strncpy); "" if never set from the UI."""
    if not a["ui_simple"] or a["catalog"] not in CAT:
        return ""
    return CAT[a["catalog"]][2].encode()[:MAX_NAME - 1].decode()


def needs_ui(f):
    return any(catalog_uuid(a) != NIL_UUID and a["ui_simple"] for a in f["assets"])


# --------------------------------------------------------------------------
# Build (background)
# --------------------------------------------------------------------------

ID_COLLECTION = {"MA": "materials", "OB": "objects", "ME": "meshes", "IM": "images",
                 "TE": "textures", "WO": "worlds", "AC": "actions", "NT": "node_groups",
                 "GR": "collections"}


def fresh_scene():
    """Empty scene, and only one workspace (the other ten workspaces' screens
    would add ~200 KB to every file)."""
    bpy.ops.wm.read_factory_settings(use_empty=True)
    keep = bpy.context.window_manager.windows[0].workspace
    bpy.data.batch_remove([ws for ws in bpy.data.workspaces if ws != keep])


def make_mesh(name, kind):
    import bmesh
    me = bpy.data.meshes.new(name)
    bm = bmesh.new()
    if kind == "cube":
        bmesh.ops.create_cube(bm, size=1.0)
    elif kind == "cylinder":
        bmesh.ops.create_cone(bm, cap_ends=True, segments=16, radius1=0.5, radius2=0.5, depth=1.2)
    else:
        bmesh.ops.create_icosphere(bm, subdivisions=1, radius=0.6)
    bm.to_mesh(me)
    bm.free()
    return me


def link(ob, coll=None):
    (coll or bpy.context.scene.collection).objects.link(ob)
    return ob


def create_id(a):
    t, name = a["id_type"], a["name"]
    if t == "MA":
        m = bpy.data.materials.new(name)
        m.diffuse_color = (0.2 + (len(name) % 7) / 10, 0.4, 0.6, 1.0)
        return m
    if t == "WO":
        w = bpy.data.worlds.new(name)
        w.color = (0.1, 0.2, 0.4)
        return w
    if t == "OB":
        if name == "Empty Object":
            return link(bpy.data.objects.new(name, None))
        kind = {"Barrel": "cylinder", "Rock": "ico", "Lamp Post": "cylinder"}.get(name, "cube")
        me = bpy.data.meshes.get(name) or make_mesh(name, kind)
        return link(bpy.data.objects.new(name, me))
    if t == "ME":
        return bpy.data.meshes.get(name) or make_mesh(name, "cube")
    if t == "IM":
        return bpy.data.images.new(name, 16, 16)
    if t == "TE":
        return bpy.data.textures.new(name, "CLOUDS")
    if t == "AC":
        return make_pose_action(name)
    if t == "NT":
        return make_node_group(name)
    if t == "GR":
        return make_collection(name)
    raise ValueError(t)


def make_pose_action(name):
    """Pose-library style action: one key per bone channel at frame 1,
    F-Curves grouped by bone name."""
    act = bpy.data.actions.new(name)
    act.id_root = "OBJECT"
    curl = {"Hand Open": 0.0, "Hand Fist": 1.2, "Hand Point": 0.6}.get(name, 0.3)
    for bone in ("thumb.L", "index.L", "middle.L"):
        for i, v in enumerate((1.0, curl, 0.0, 0.0)):
            fc = act.fcurves.new('pose.bones["%s"].rotation_quaternion' % bone, index=i,
                                 action_group=bone)
            fc.keyframe_points.insert(1.0, v)
    act.frame_range = (1.0, 1.0)
    return act


def make_node_group(name):
    if name == "Scatter Points":
        ng = bpy.data.node_groups.new(name, "GeometryNodeTree")
        ng.inputs.new("NodeSocketGeometry", "Geometry")
        ng.inputs.new("NodeSocketFloat", "Density")
        ng.outputs.new("NodeSocketGeometry", "Geometry")
        gin = ng.nodes.new("NodeGroupInput")
        gout = ng.nodes.new("NodeGroupOutput")
        dist = ng.nodes.new("GeometryNodeDistributePointsOnFaces")
        ng.links.new(gin.outputs["Geometry"], dist.inputs["Mesh"])
        ng.links.new(gin.outputs["Density"], dist.inputs["Density"])
        ng.links.new(dist.outputs["Points"], gout.inputs["Geometry"])
    else:
        ng = bpy.data.node_groups.new(name, "ShaderNodeTree")
        ng.inputs.new("NodeSocketColor", "Color A")
        ng.inputs.new("NodeSocketColor", "Color B")
        ng.outputs.new("NodeSocketColor", "Color")
        gin = ng.nodes.new("NodeGroupInput")
        gout = ng.nodes.new("NodeGroupOutput")
        fres = ng.nodes.new("ShaderNodeFresnel")
        mix = ng.nodes.new("ShaderNodeMixRGB")
        ng.links.new(fres.outputs["Fac"], mix.inputs["Fac"])
        ng.links.new(gin.outputs["Color A"], mix.inputs["Color1"])
        ng.links.new(gin.outputs["Color B"], mix.inputs["Color2"])
        ng.links.new(mix.outputs["Color"], gout.inputs["Color"])
    return ng


def make_collection(name):
    coll = bpy.data.collections.new(name)
    bpy.context.scene.collection.children.link(coll)
    n, kind = (2, "cube") if name == "Crate Stack" else (3, "ico")
    for i in range(n):
        ob = link(bpy.data.objects.new("%s Part %d" % (name, i + 1),
                                       make_mesh("%s Mesh %d" % (name, i + 1), kind)), coll)
        ob.location = (0.0, 0.0, i * 1.1)
    return coll


def apply_asset(idb, a):
    if a["op_mark"]:
        with bpy.context.temp_override(id=idb):
            bpy.ops.asset.mark()
    else:
        idb.asset_mark()  # RNA ID.asset_mark(): no preview is created
    ad = idb.asset_data
    if a["desc"] is not None:
        ad.description = a["desc"]
    if a["author"] is not None:
        ad.author = a["author"]
    for t in a["tags"]:
        ad.tags.new(t)  # skip_if_exists=False: duplicates become "t.001"
    if a["dup_tags"] is not None:
        for tag, new in zip(ad.tags, a["dup_tags"]):
            tag.name = new
    if a["props"]:
        for k, v in a["props"].items():
            ad[k] = v
    if a["catalog"] is not None:
        # Background mode: catalog_id is stored, catalog_simple_name stays "".
        ad.catalog_id = catalog_uuid(a)
    if a["zero_preview"] or a["preview"] or a["icon"]:
        prv = idb.preview_ensure()
        if a["preview"]:
            w, h, s = a["preview"]
            prv.image_size = (w, h)
            prv.image_pixels.foreach_set(pattern_storage_ints(w, h, s))
        if a["icon"]:
            w, h, s = a["icon"]
            prv.icon_size = (w, h)
            prv.icon_pixels.foreach_set(pattern_storage_ints(w, h, s))


def find_id(a):
    coll = getattr(bpy.data, ID_COLLECTION[a["id_type"]])
    return coll.get(truncate_utf8(a["name"]))


def build_file(f):
    fresh_scene()
    path = os.path.join(LIB, f["path"])
    os.makedirs(os.path.dirname(path), exist_ok=True)

    # Non-asset data so readers have something to skip.
    for name in f["extra"].get("non_asset_materials", []):
        bpy.data.materials.new(name).use_fake_user = True
    if f["path"] == "no-assets.blend":
        for i in range(3):
            m = bpy.data.materials.new("Plain Material %d" % i)
            m.use_fake_user = True
        ob = link(bpy.data.objects.new("Plain Cube", make_mesh("Plain Cube", "cube")))
        ob.data.materials.append(bpy.data.materials["Plain Material 0"])
        w = bpy.data.worlds.new("Plain World")
        bpy.context.scene.world = w
        # A material with a preview that is NOT an asset.
        m = bpy.data.materials["Plain Material 1"]
        prv = m.preview_ensure()
        prv.image_size = (8, 8)
        prv.image_pixels.foreach_set(pattern_storage_ints(8, 8, 999))

    for a in f["assets"]:
        idb = find_id(a) if a["id_type"] == "ME" else None
        if idb is None:
            idb = create_id(a)
        apply_asset(idb, a)
        assert idb.name == truncate_utf8(a["name"]), (idb.name, a["name"])

    bpy.ops.wm.save_as_mainfile(filepath=path, compress=f["compress"])
    print("BUILT", f["path"])


BLANK = (128, 128)  # size of the preview bpy.ops.asset.mark() leaves


def manifest():
    previews, icons, blank = {}, {}, {}
    for f in FILES:
        for a in f["assets"]:
            if a["op_mark"]:
                w, h = BLANK
                blank.setdefault(f["path"], {}).setdefault(a["id_type"], {})[a["name"]] = {
                    "width": w, "height": h,
                    "sha256": hashlib.sha256(bytes(w * h * 4)).hexdigest()}
            for key, dest in (("preview", previews), ("icon", icons)):
                if a[key]:
                    w, h, s = a[key]
                    dest.setdefault(f["path"], {}).setdefault(a["id_type"], {})[truncate_utf8(a["name"])] = {
                        "seed": s, "width": w, "height": h,
                        "sha256": hashlib.sha256(pattern_topdown_bytes(w, h, s)).hexdigest()}
    return {
        "generator": "tests/data/make-fixtures.py (Blender %s)" % bpy.app.version_string,
        "pattern": PATTERN_DOC,
        "rows": "ty = 0 is the top row; Blender stores rows bottom-up (storage row r holds ty = h-1-r)",
        "pixel_packing": "ImagePreview.image_pixels int = R | G<<8 | B<<16 | A<<24; "
                         "bytes in the .blend rect are R, G, B, A per pixel",
        "sha256": "SHA-256 of the RGBA8 pixels, rows top-down",
        "previews": previews,
        "icons": icons,
        # Not the pattern: previews left by bpy.ops.asset.mark() in background
        # mode, every byte 0.
        "blank_previews": blank,
        "no_asset_previews": {"no-assets.blend": {"MA": {"Plain Material 1": {
            "seed": 999, "width": 8, "height": 8,
            "sha256": hashlib.sha256(pattern_topdown_bytes(8, 8, 999)).hexdigest()}}}},
    }


def prepare_library():
    if os.path.isdir(LIB):
        shutil.rmtree(LIB)
    os.makedirs(LIB)
    write_cdf()
    with open(os.path.join(LIB, "notes.txt"), "w", encoding="utf-8") as fh:
        fh.write(NOTES)
    with open(MANIFEST, "w", encoding="utf-8") as fh:
        json.dump(manifest(), fh, ensure_ascii=False, indent=1)
        fh.write("\n")


# --------------------------------------------------------------------------
# UI step: fill catalog_simple_name from an Asset Browser
# --------------------------------------------------------------------------

def ui_catalogs(relpath, compress):
    f = next(x for x in FILES if x["path"] == relpath)
    prefs = bpy.context.preferences
    prefs.use_preferences_save = False
    # No thumbnail: in UI mode "AUTO" would store a screenshot, "CAMERA"
    # without a scene camera renders the viewport.
    prefs.filepaths.file_preview_type = "NONE"
    todo = [a for a in f["assets"] if catalog_uuid(a) != NIL_UUID and a["ui_simple"]]
    state = {"tick": 0, "area": None, "old_type": None}

    def context():
        win = bpy.context.window_manager.windows[0]
        area = state["area"]
        region = next(r for r in area.regions if r.type == "WINDOW")
        return bpy.context.temp_override(window=win, area=area, region=region)

    def assign(a, uuid):
        find_id(a).asset_data.catalog_id = uuid

    def step():
        state["tick"] += 1
        win = bpy.context.window_manager.windows[0]
        if state["area"] is None:
            # Register the library so that files in sub-folders
            # (sub/dir/nested.blend) also use the library root's CDF.
            bpy.ops.preferences.asset_library_add(directory=LIB + os.sep)
            area = max(win.screen.areas, key=lambda ar: ar.width * ar.height)
            state["area"], state["old_type"] = area, area.type
            area.type = "FILE_BROWSER"
            area.ui_type = "ASSETS"
            return 0.5
        sp = state["area"].spaces.active
        if state["tick"] == 2:
            sp.params.asset_library_ref = "LOCAL"
            # Show nothing: displayed assets without previews would get a
            # preview rendered by the Asset Browser.
            sp.params.filter_search = "\u2603 no asset has this name \u2603"
            return 0.5
        # Wait until the asset library (and its catalogs) is loaded: probe by
        # assigning the first catalog and checking the simple name.
        probe = next(a for a in todo if CAT.get(a["catalog"], ("", "", ""))[2])
        with context():
            assign(probe, catalog_uuid(probe))
        if find_id(probe).asset_data.catalog_simple_name == "":
            if state["tick"] > 60:
                print("UI-ERROR: asset library never loaded")
                bpy.ops.wm.quit_blender()
                return None
            return 0.5
        with context():
            for a in todo:
                # Unknown UUIDs get an empty simple name (the RNA setter
                # clears it, the update finds no catalog).
                assign(a, catalog_uuid(a))
        state["area"].type = state["old_type"]
        with bpy.context.temp_override(window=win):
            bpy.ops.wm.save_mainfile(compress=compress)
        print("UI-DONE", relpath, len(todo))
        with bpy.context.temp_override(window=win):
            bpy.ops.wm.quit_blender()
        return None

    if not todo:
        raise SystemExit("%s needs no UI step" % relpath)
    bpy.app.timers.register(step, first_interval=1.0)


# --------------------------------------------------------------------------
# Verify (fresh background Blender)
# --------------------------------------------------------------------------

def read_blend_bytes(path):
    """Decompressed bytes of a .blend (zstd through the `zstd` tool)."""
    with open(path, "rb") as fh:
        data = fh.read()
    if data[:4] == b"\x28\xb5\x2f\xfd":
        if not shutil.which("zstd"):
            return None
        data = subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout
    return data


def has_test_block(data):
    """True if the file has a TEST block after the REND blocks (v0 header,
    64-bit little-endian BHead)."""
    off = 12
    while off + 24 <= len(data):
        code = data[off:off + 4]
        (length,) = struct.unpack_from("<i", data, off + 4)
        if code == b"TEST":
            return struct.unpack_from("<ii", data, off + 24)
        if code != b"REND":
            return None
        off += 24 + length
    return None


def check_pixels(what, prv, kind, w, h, s, raw, errors):
    size = tuple(getattr(prv, kind + "_size"))
    if size != (w, h):
        errors.append("%s: %s_size %r != %r" % (what, kind, size, (w, h)))
        return
    n = w * h
    got = array.array("i", [0]) * n
    getattr(prv, kind + "_pixels").foreach_get(got)
    exp = pattern_storage_ints(w, h, s)
    if got != exp:
        errors.append("%s: %s pixels differ" % (what, kind))
        return
    # Packing: the float view gives R, G, B, A of pixel 0 in that order.
    fl = array.array("f", [0.0]) * (n * 4)
    getattr(prv, kind + "_pixels_float").foreach_get(fl)
    r0 = tuple(round(v * 255) for v in fl[:4])
    x0 = pattern_rgba(s, 0, h - 1)  # storage pixel 0 = bottom-left
    if r0 != x0:
        errors.append("%s: float view %r != RGBA %r (packing)" % (what, r0, x0))
    if raw is not None and storage_bytes(exp) not in raw:
        errors.append("%s: raw RGBA bytes not found in file" % what)


def verify():
    errors = []
    with open(os.path.join(LIB, "blender_assets.cats.txt"), encoding="utf-8") as fh:
        if fh.read() != cdf_text():
            errors.append("blender_assets.cats.txt differs from the canonical text")
    for f in FILES:
        path = os.path.join(LIB, f["path"])
        with open(path, "rb") as fh:
            magic = fh.read(4)
        if (magic == b"\x28\xb5\x2f\xfd") != f["compress"]:
            errors.append("%s: compression is not %r" % (f["path"], f["compress"]))
        raw = read_blend_bytes(path)
        bpy.ops.wm.open_mainfile(filepath=path, load_ui=False)
        expected = {(a["id_type"], truncate_utf8(a["name"])): a for a in f["assets"]}
        found = set()
        for attr in ID_COLLECTION.values():
            for idb in getattr(bpy.data, attr):
                if idb.asset_data is not None:
                    t = next(k for k, v in ID_COLLECTION.items() if v == attr)
                    found.add((t, idb.name))
        if found != set(expected):
            errors.append("%s: assets %r != %r" % (f["path"], sorted(found), sorted(expected)))
        for (t, name), a in expected.items():
            what = "%s %s %r" % (f["path"], t, name)
            idb = getattr(bpy.data, ID_COLLECTION[t]).get(name)
            if idb is None or idb.asset_data is None:
                continue
            ad = idb.asset_data
            checks = [("description", ad.description, a["desc"] or ""),
                      ("author", ad.author, a["author"] or ""),
                      ("tags", [x.name for x in ad.tags], expected_tags(a)),
                      ("catalog_id", ad.catalog_id, catalog_uuid(a)),
                      ("catalog_simple_name", ad.catalog_simple_name, expected_simple_name(a))]
            if a["props"]:
                checks.append(("props", {k: ad[k] for k in a["props"]}, a["props"]))
            for label, got, exp in checks:
                if got != exp:
                    errors.append("%s: %s %r != %r" % (what, label, got, exp))
            prv = idb.preview
            if a["op_mark"]:
                n = BLANK[0] * BLANK[1]
                got = array.array("i", [1]) * n
                if prv is None or tuple(prv.image_size) != BLANK:
                    errors.append("%s: no %r blank preview" % (what, BLANK))
                else:
                    prv.image_pixels.foreach_get(got)
                    if any(got) or tuple(prv.icon_size) != (0, 0):
                        errors.append("%s: blank preview is not blank" % what)
                continue
            if not (a["preview"] or a["icon"] or a["zero_preview"]):
                if prv is not None:
                    errors.append("%s: unexpected preview %r" % (what, tuple(prv.image_size)))
                continue
            if prv is None:
                errors.append("%s: preview missing" % what)
                continue
            for kind in ("image", "icon"):
                spec = a["preview" if kind == "image" else "icon"]
                if spec:
                    check_pixels(what, prv, kind, spec[0], spec[1], spec[2], raw, errors)
                elif tuple(getattr(prv, kind + "_size")) != (0, 0):
                    errors.append("%s: %s_size should be 0x0" % (what, kind))
        thumb = has_test_block(raw) if raw is not None else "?"
        print("VERIFIED %-32s %2d assets, TEST block: %s" % (f["path"], len(expected), thumb))
    if errors:
        for e in errors:
            print("VERIFY-ERROR", e)
        raise SystemExit("verification failed (%d errors)" % len(errors))
    print("VERIFY OK")


# --------------------------------------------------------------------------
# File thumbnail fixture (UI under xvfb-run)
# --------------------------------------------------------------------------

def build_thumbnail_scene(out):
    """Small scene whose camera view is clearly not symmetric (a red cube in
    the upper left, a blue ball in the lower right), plus one asset."""
    fresh_scene()
    scene = bpy.context.scene
    shading = scene.display.shading
    shading.light = "FLAT"
    shading.color_type = "MATERIAL"
    shading.background_type = "VIEWPORT"
    cam = link(bpy.data.objects.new("Camera", bpy.data.cameras.new("Camera")))
    cam.location = (0.0, -10.0, 0.0)
    cam.rotation_euler = (1.5707963, 0.0, 0.0)
    scene.camera = cam
    cube = link(bpy.data.objects.new("Red Cube", make_mesh("Red Cube", "cube")))
    cube.location = (-1.6, 0.0, 1.6)
    cube.data.materials.append(bpy.data.materials.new("Red"))
    cube.active_material.diffuse_color = cube.color = (1.0, 0.05, 0.05, 1.0)
    ball = link(bpy.data.objects.new("Blue Ball", make_mesh("Blue Ball", "ico")))
    ball.location = (1.8, 0.0, -1.5)
    ball.data.materials.append(bpy.data.materials.new("Blue"))
    ball.active_material.diffuse_color = ball.color = (0.1, 0.2, 1.0, 1.0)
    for a in next(f for f in FILES if f["path"] == "thumbnail.blend")["assets"]:
        apply_asset(create_id(a), a)
    bpy.context.preferences.filepaths.file_preview_type = "NONE"
    bpy.ops.wm.save_as_mainfile(filepath=out, compress=False)


def ui_thumbnail(out, preview_type):
    prefs = bpy.context.preferences
    prefs.use_preferences_save = False
    state = {"tick": 0}

    def step():
        state["tick"] += 1
        if state["tick"] < 3:  # let the window draw a couple of times
            for area in bpy.context.window_manager.windows[0].screen.areas:
                area.tag_redraw()
            return 1.0
        prefs.filepaths.file_preview_type = preview_type
        win = bpy.context.window_manager.windows[0]
        with bpy.context.temp_override(window=win):
            bpy.ops.wm.save_as_mainfile(filepath=out, compress=False)
            print("UI-DONE", out)
            bpy.ops.wm.quit_blender()
        return None

    bpy.app.timers.register(step, first_interval=2.0)


# --------------------------------------------------------------------------
# Orchestration
# --------------------------------------------------------------------------

def run(cmd, expect=None, env=None, timeout=600):
    print("+", " ".join(cmd))
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    out = p.stdout + p.stderr
    if p.returncode != 0 or (expect and expect not in out):
        print(out)
        raise SystemExit("command failed: %s" % " ".join(cmd))
    return out


def blender_cmd(*args, ui=False, blend=None):
    cmd = ([] if not ui else XVFB) + [bpy.app.binary_path]
    if not ui:
        cmd.append("-b")
    cmd += ["--factory-startup", "--python-exit-code", "1"]
    if blend:
        cmd.append(blend)
    return cmd + ["--python", SCRIPT, "--"] + list(args)


def orchestrate():
    prepare_library()
    # One fresh Blender per file: besides isolation, bpy.ops.asset.mark()
    # leaves a preview job behind that crashes Blender on the next
    # read_factory_settings().
    for f in FILES:
        if not f["extra"].get("copy_of"):
            run(blender_cmd("build-file", f["path"]), expect="BUILT")
    for f in FILES:
        if f["extra"].get("skip") or f["extra"].get("copy_of") or not needs_ui(f):
            continue
        write_cdf(ui_step=True)  # Blender rewrote it on the previous UI save
        run(blender_cmd("ui-catalogs", f["path"], str(int(f["compress"])), ui=True,
                        blend=os.path.join(LIB, f["path"])), expect="UI-DONE")
        print("---- blender_assets.cats.txt as rewritten by Blender after saving %s:" % f["path"])
        with open(os.path.join(LIB, "blender_assets.cats.txt"), encoding="utf-8") as fh:
            print(fh.read())
    write_cdf()
    # Keep exactly one backup (materials.blend1, from re-saving materials.blend
    # in the UI step); drop the others Blender made.
    for dirpath, _dirs, files in os.walk(LIB):
        for name in files:
            rel = os.path.relpath(os.path.join(dirpath, name), LIB).replace(os.sep, "/")
            # (Blender names the backup of UPPER.BLEND "UPPER.BLEND1".)
            if rel.lower().endswith(".blend1") and rel != BACKUP:
                os.remove(os.path.join(dirpath, name))
    if not os.path.exists(os.path.join(LIB, BACKUP)):
        shutil.copyfile(os.path.join(LIB, "materials.blend"), os.path.join(LIB, BACKUP))

    # File thumbnails: rendered from the scene camera ("CAMERA", 128x128) and
    # a window screenshot ("SCREENSHOT", window aspect, 128x80). The
    # screenshot needs Mesa's softpipe driver: with llvmpipe under Xvfb
    # Blender's front-buffer read returns black pixels.
    os.makedirs(THUMB_DIR, exist_ok=True)
    for name, ptype, env in (("thumbnail", "CAMERA", None),
                             ("thumbnail-wide", "SCREENSHOT", dict(os.environ, GALLIUM_DRIVER="softpipe"))):
        out = os.path.join(THUMB_DIR, name + ".blend")
        run(blender_cmd("thumbnail-scene", out))
        run(blender_cmd("ui-thumbnail", out, ptype, ui=True, blend=out), expect="UI-DONE", env=env)
        for extra in (out + "1",):
            if os.path.exists(extra):
                os.remove(extra)
        png = os.path.join(THUMB_DIR, name + ".png")
        run(["blender-thumbnailer", out, png])
        print("THUMBNAIL", out, has_test_block(read_blend_bytes(out)))
    for f in FILES:
        if f["extra"].get("copy_of"):
            shutil.copyfile(os.path.join(DATA_DIR, f["extra"]["copy_of"]), os.path.join(LIB, f["path"]))
    print(run(blender_cmd("verify"), expect="VERIFY OK"))
    print("ALL DONE")


def check_oracle(path):
    """Compare the oracle written by blender-report.py with the tables and
    the manifest: same files, assets, metadata, and preview hashes."""
    with open(path, encoding="utf-8") as fh:
        oracle = json.load(fh)
    with open(MANIFEST, encoding="utf-8") as fh:
        man = json.load(fh)
    errors = []
    listed = {f["file"]: f for f in oracle["files"]}
    wanted = [f for f in FILES if not f["extra"].get("skip")]
    if sorted(listed) != sorted(f["path"] for f in wanted):
        errors.append("files %r != %r" % (sorted(listed), sorted(f["path"] for f in wanted)))
    for f in wanted:
        got = {(a["id_type"], a["name"]): a for a in listed.get(f["path"], {"assets": []})["assets"]}
        exp = {(a["id_type"], truncate_utf8(a["name"])): a for a in f["assets"]}
        if set(got) != set(exp):
            errors.append("%s: assets differ" % f["path"])
            continue
        for key, a in exp.items():
            o = got[key]
            mp = (man["previews"].get(f["path"], {}).get(key[0], {}).get(key[1])
                  or man["blank_previews"].get(f["path"], {}).get(key[0], {}).get(key[1]))
            want = {"description": a["desc"] or "", "author": a["author"] or "",
                    "tags": expected_tags(a), "catalog_id": catalog_uuid(a),
                    "catalog_simple_name": expected_simple_name(a),
                    "preview": mp and {"width": mp["width"], "height": mp["height"],
                                       "sha256": mp["sha256"]}}
            for k, v in want.items():
                if o[k] != v:
                    errors.append("%s %r: %s %r != %r" % (f["path"], key, k, o[k], v))
    for e in errors:
        print("ORACLE-MISMATCH", e)
    if errors:
        raise SystemExit("oracle does not match the fixture tables")
    print("ORACLE OK: %d files, %d assets" % (len(listed), sum(len(f["assets"]) for f in listed.values())))


def main():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    mode = argv[0] if argv else "all"
    if mode == "all":
        orchestrate()
    elif mode == "build-file":
        build_file(next(f for f in FILES if f["path"] == argv[1]))
    elif mode == "ui-catalogs":
        ui_catalogs(argv[1], bool(int(argv[2])))
    elif mode == "verify":
        verify()
    elif mode == "thumbnail-scene":
        build_thumbnail_scene(argv[1])
    elif mode == "ui-thumbnail":
        ui_thumbnail(argv[1], argv[2])
    elif mode == "check-oracle":
        check_oracle(argv[1])
    else:
        raise SystemExit("unknown mode %r" % mode)


main()
