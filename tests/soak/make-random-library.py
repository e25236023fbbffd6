# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate a randomized Blender asset library from a seed (soak testing).

    blender -b --factory-startup --python tests/soak/make-random-library.py -- OUT_DIR SEED [N_FILES] [--ble]

Makes OUT_DIR (it must not exist, be empty, or have been made by this script:
it is then deleted and rebuilt) and fills it with N_FILES (default 40) library
files written by this Blender with random content. Then compare with Trove:

    tests/compare-with-blender.py OUT_DIR --pixels

Everything is drawn from random.Random(SEED); file i uses its own generator
"SEED/file/i". Blender itself varies a few bytes between runs (block
addresses, zstd frames, rendered previews), not the data.

What varies, per file and per asset:

* ID types: what ID.asset_mark() accepts in 3.4: MA, OB (mesh, empty, curve,
  surface, text, metaball, lattice, armature, light, camera, speaker, light
  probe, grease pencil, volume, point cloud, hair curves), WO, AC, NT
  (geometry, shader, compositor, texture), GR, ME, IM, TE, BR, TX, LA, CA, CU,
  MB, LT, AR, SK, LP, GD, LS, MS, PA, SC, CV, PT, VO, VF, PL, SO, MC; rarely
  the file's WS (workspace) and SR (screen, stored as an "SN" block), which
  Blender's library reader and tests/data/blender-report.py treat
  differently. With node trees, F-Curves, modifiers, constraints, shape keys,
  custom properties, packed images, sounds and fonts.
* names: 1..120 bytes requested (Blender cuts to 63 bytes without splitting
  UTF-8), accents, Cyrillic, Greek, CJK, Hangul, RTL, Devanagari, combining
  marks, emoji with ZWJ and flags, spaces, NBSP, punctuation, leading dots,
  ".001" suffixes, duplicates (Blender uniquifies), rare tabs/newlines.
* descriptions/authors: unset, empty, short, multi-line (LF, CRLF), long,
  up to ~250 KB, control characters, an embedded NUL (Blender keeps what is
  before it).
* tags: 0..10, from tags.new() (names <= 63 bytes, or long ASCII that it cuts
  byte-wise) or by renaming a tag (UTF-8-safe cut, duplicates kept), some
  removed again, active tag set.
* catalog ids: nil, from the random blender_assets.cats.txt written at the root
  (nested paths, aliases, comments, upper-case UUIDs, empty/long/colon simple
  names), unknown UUIDs, upper-case input, set then reset to nil. For ~30% of
  the files a UI step (Blender with its UI under xvfb-run) sets catalog_id
  again from an Asset Browser, so that Blender fills catalog_simple_name; the
  save then also makes Blender rewrite the CDF (adding implicit parents).
* custom IDProperties on AssetMetaData.
* previews: none, preview_ensure() only (0x0), 1..300 x 1..300 with random,
  gradient, flat, transparent or untouched (all zero) pixels, resized after
  filling, icon only, icon and preview; in the UI step a few non-asset IDs get
  a preview *rendered* by Blender through bpy.ops.asset.mark().
* files: folders 0..4 deep, unicode file and folder names, .blend/.BLEND/
  .Blend/.bLeNd, zstd or not, file thumbnail (TEST block) or not, 0 assets,
  50..150 ("bulk") or 500..1500 ("huge") assets, non-asset data mixed in (some
  with previews, some marked then cleared), linked data from other library
  files (ID placeholders that carry an asset_data pointer) and appended data,
  library overrides; written by save_as_mainfile, save_as_mainfile(copy=True),
  bpy.data.libraries.write() (partial files), re-opened, edited and re-saved
  (backups .blend1 .. .blend4), save_homefile() (a startup.blend) and
  save_userpref() (a userpref.blend, no IDs).
* things a scanner must skip: hidden files and folders (with assets), backups,
  a folder named "*.blend", text and PNG files.

--ble also writes a few files ending in ".ble" and ".blend.gz": Blender treats
them as .blend files (BLO_has_bfile_extension) but blender-report.py skips
them, so they show up as "only in Trove".

OUT_DIR/.soak/ (hidden, so not part of the library) gets summary.json (files,
methods, assets per type as libraries.load(assets_only=True) lists them),
ui-N.log for every UI step and the media files sounds and clips refer to.

Blender 3.4.1 quirks this script steers around (each crashes or fails it):
bpy.ops.asset.mark() leaves a job that crashes the next read_factory_settings
(only used in the UI step, a process of its own); tags.new() cuts byte-wise
(multibyte names over 63 bytes are set by renaming); tags.new("",
skip_if_exists=True) segfaults; saving an armature object that is in no
collection segfaults; the built-in font's name is read-only; Blender turns
"\\" into "/" in some paths it saves to; preview_ensure() is None for types
without previews; reading catalog_simple_name from Python when Blender stored
invalid UTF-8 there raises or returns garbage.
"""

import array
import json
import math
import os
import random
import shutil
import struct
import subprocess
import sys
import time
import traceback
import wave

import bpy

SCRIPT = os.path.abspath(__file__)
NIL_UUID = "00000000-0000-0000-0000-000000000000"
XVFB = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"]
MARKER = ".soak"  # hidden folder inside OUT_DIR with plan, summary, media

CDF_HEADER = (
    "# This is an Asset Catalog Definition file for Blender.\n"
    "#\n"
    "# Empty lines and lines starting with `#` will be ignored.\n"
    "# The first non-ignored line should be the version indicator.\n"
    "# Other lines are of the format \"UUID:catalog/path/for/assets:simple catalog name\"\n"
    "\n"
    "VERSION 1\n"
    "\n"
)

# --------------------------------------------------------------------------
# Random text
# --------------------------------------------------------------------------

ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
POOLS = [
    (30, list(ASCII)),
    (6, list(" !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")),
    (8, list("áéíóúýčďěňřšťžůÁÉÍÓÚÝČĎĚŇŘŠŤŽŮäöüßñçøåæœÆŒÿłńśźżĄĘ")),
    (6, list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")),
    (3, list("αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΘΛΞΠΣΦΨΩ")),
    (5, list("日本語中文字木材料金属石火水風山川森林花鳥雲雨雪光影")),
    (3, list("あいうえおかきくけこアイウエオカキクケコマテリアルー")),
    (2, list("한국어재료나무돌빛")),
    (2, list("שלוםעולםمرحباعالم")),
    (1, list("नमस्तेक्षिग्र")),
    (2, ["e\u0301", "a\u0308", "o\u0302", "n\u0303", "\u0336", "Z\u0351\u0364"]),
    (5, ["😀", "🔥", "🌲", "🪵", "👩\u200d🔧", "🇨🇿", "👍🏽", "❤️", "🧪", "🦄", "✨",
         "🏳️\u200d🌈", "👨\u200d👩\u200d👧\u200d👦", "🐉", "🫠"]),
    (8, [" ", " ", " ", "  ", "\u00a0", "\u3000"]),
    (1, ["\u200b", "\u200e", "\ufeff", "\u2028", "\U0001d54f", "\U0010fffd", "\ufffd"]),
]
POOL_WEIGHTS = [w for w, _ in POOLS]


def rand_chunk(rng):
    pool = rng.choices(POOLS, weights=POOL_WEIGHTS)[0][1]
    return "".join(rng.choice(pool) for _ in range(rng.randint(1, 8)))


def rand_text(rng, nbytes):
    """Random text of at least nbytes UTF-8 bytes (a little more)."""
    parts, size = [], 0
    while size < nbytes:
        c = rand_chunk(rng)
        parts.append(c)
        size += len(c.encode())
    return "".join(parts)


def cut_utf8(s, limit):
    b = s.encode()
    if len(b) <= limit:
        return s
    return b[:limit].decode("utf-8", "ignore")


def rand_name(rng, used):
    """A requested ID name (Blender may cut or uniquify it)."""
    r = rng.random()
    if used and r < 0.08:
        return rng.choice(used)  # duplicate: Blender appends .001 ...
    if r < 0.14:
        name = "." + rand_text(rng, rng.randint(1, 30))
    elif r < 0.24:  # exactly 63 bytes (pad with ASCII after a UTF-8-safe cut)
        s = cut_utf8(rand_text(rng, 70), 63)
        name = s + "x" * (63 - len(s.encode()))
    elif r < 0.34:
        name = rand_text(rng, rng.randint(64, 120))
    elif r < 0.40:
        name = rand_text(rng, rng.randint(1, 20)) + rng.choice([".001", ".999", ".5", ".0001", ". 01", "."])
    elif r < 0.41:
        name = rand_text(rng, 5) + rng.choice(["\t", "\n", "\r\n", "\x01"]) + rand_text(rng, 5)
    elif r < 0.43:
        name = rng.choice(["", " ", ".", "..", "...", "x", "\u00a0"])
    elif r < 0.60:
        name = "".join(rng.choice(ASCII) for _ in range(rng.randint(1, 30)))
    else:
        name = rand_text(rng, rng.randint(1, 40))
    return name


def rand_long_text(rng, kind=None):
    kind = kind or rng.choices(["empty", "short", "multi", "long", "huge", "ctrl", "nul"],
                               weights=[8, 45, 25, 12, 2, 5, 3])[0]
    if kind == "empty":
        return ""
    if kind == "short":
        return rand_text(rng, rng.randint(1, 80))
    if kind == "multi":
        nl = rng.choice(["\n", "\n", "\r\n", "\n\n"])
        return nl.join(rand_text(rng, rng.randint(0, 100)) for _ in range(rng.randint(2, 30)))
    if kind == "long":
        return "\n".join(rand_text(rng, rng.randint(20, 300)) for _ in range(rng.randint(10, 100)))
    if kind == "huge":
        line = rand_text(rng, 200)
        return "\n".join("%06d %s" % (i, line) for i in range(rng.randint(300, 1000)))
    if kind == "ctrl":
        return "".join(rand_chunk(rng) + chr(rng.choice(list(range(1, 32)) + [127]))
                       for _ in range(rng.randint(1, 20)))
    # "nul": Blender's string setter stops at the NUL
    return rand_text(rng, rng.randint(1, 40)) + "\0" + rand_text(rng, rng.randint(1, 40))


def rand_uuid(rng, version4=True):
    b = bytearray(rng.randbytes(16))
    if version4:
        b[6] = (b[6] & 0x0F) | 0x40
        b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


# --------------------------------------------------------------------------
# Catalog definition file
# --------------------------------------------------------------------------

def path_segment(rng):
    while True:
        s = rand_text(rng, rng.randint(1, 25))
        s = s.replace("/", "-").replace("\\", "-").replace(":", ";").replace("\n", " ")
        s = s.replace("\r", " ").replace("\t", " ").strip()
        if s and s not in (".", ".."):
            return s


def make_catalogs(rng):
    """[(uuid, path, simple_name)] and the CDF text."""
    paths = []
    for _ in range(rng.randint(4, 40)):
        if paths and rng.random() < 0.6:
            base = rng.choice(paths).split("/")
            base = base[:rng.randint(1, len(base))]
        else:
            base = []
        depth = rng.randint(1, 5)
        while len(base) < depth:
            base.append(path_segment(rng))
        paths.append("/".join(base))
    cats = []
    for p in dict.fromkeys(paths):
        for _ in range(1 if rng.random() < 0.8 else rng.randint(2, 3)):  # aliases
            r = rng.random()
            if r < 0.5:
                simple = p.replace("/", "-")
            elif r < 0.6:
                simple = ""
            elif r < 0.75:
                simple = rand_text(rng, rng.randint(64, 100)).replace("\n", " ").replace("\r", " ")
            elif r < 0.85:
                simple = "Simple: with: colons " + rand_text(rng, 5).replace("\n", " ")
            else:
                simple = rand_text(rng, rng.randint(1, 40)).replace("\n", " ").replace("\r", " ")
            cats.append((rand_uuid(rng), p, simple))
    lines = []
    for u, p, s in cats:
        if rng.random() < 0.05:
            lines.append("# comment " + rand_text(rng, 20).replace("\n", " "))
        if rng.random() < 0.05:
            lines.append("")
        lines.append("%s:%s:%s" % (u.upper() if rng.random() < 0.1 else u, p, s))
    return cats, CDF_HEADER + "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Preview pixels
# --------------------------------------------------------------------------

class Budget:
    """Rough byte budget so a library stays under ~30 MB."""

    def __init__(self, total):
        self.left = total

    def take(self, n):
        if n > self.left:
            return False
        self.left -= n
        return True


def pixel_ints(rng, w, h, style):
    n = w * h
    if style == "random":
        raw = rng.randbytes(n * 4)
    elif style == "flat":
        raw = bytes(rng.randrange(256) for _ in range(4)) * n
    elif style == "transparent":
        raw = (bytes(rng.randrange(256) for _ in range(3)) + b"\0") * n
    else:  # gradient with noise
        s = rng.randrange(256)
        row = []
        rows = []
        for y in range(h):
            row = bytearray(w * 4)
            for x in range(w):
                row[4 * x:4 * x + 4] = bytes(((x * 255 // max(w - 1, 1) + s) & 255,
                                              (y * 255 // max(h - 1, 1)) & 255,
                                              (x ^ y ^ s) & 255, 255 - ((x + y) & 63)))
            rows.append(bytes(row))
        raw = b"".join(rows)
    a = array.array("i")
    a.frombytes(raw)  # native little-endian: bytes R, G, B, A
    return a


def rand_size(rng):
    r = rng.random()
    if r < 0.25:
        return 128, 128
    if r < 0.35:
        return rng.choice([(1, 1), (1, 300), (300, 1), (256, 256), (300, 300), (16, 16), (32, 32)])
    if r < 0.85:
        return rng.randint(1, 128), rng.randint(1, 128)
    return rng.randint(1, 300), rng.randint(1, 300)


def apply_preview(rng, idb, budget, p_none=0.35, small=False):
    r = rng.random()
    if r < p_none:
        return
    prv = idb.preview_ensure()
    if prv is None:  # Mesh and most other types have no previews
        return
    if r < p_none + 0.04:
        return  # PreviewImage with 0x0 sizes
    mode = rng.choices(["preview", "icon", "both", "resized", "unfilled"], weights=[75, 6, 10, 5, 4])[0]
    style = rng.choices(["random", "gradient", "flat", "transparent"], weights=[55, 25, 12, 8])[0]
    if mode in ("icon", "both"):
        w, h = rng.choice([(16, 16), (32, 32)]) if rng.random() < 0.7 else (rng.randint(1, 64), rng.randint(1, 64))
        prv.icon_size = (w, h)
        prv.icon_pixels.foreach_set(pixel_ints(rng, w, h, style))
    if mode == "icon":
        return
    w, h = rand_size(rng)
    if small and rng.random() < 0.9:
        w, h = min(w, rng.randint(1, 48)), min(h, rng.randint(1, 48))
    if not budget.take(w * h * 4):
        w, h = rng.randint(1, 24), rng.randint(1, 24)
    if mode == "resized":
        prv.image_size = (rng.randint(1, 64), rng.randint(1, 64))
        prv.image_pixels.foreach_set(pixel_ints(rng, *prv.image_size, "random"))
    prv.image_size = (w, h)
    if mode != "unfilled":
        prv.image_pixels.foreach_set(pixel_ints(rng, w, h, style))


# --------------------------------------------------------------------------
# Data-block factories
# --------------------------------------------------------------------------

def fresh_scene(rng):
    bpy.ops.wm.read_factory_settings(use_empty=True)
    keep = bpy.context.window_manager.windows[0].workspace
    bpy.data.batch_remove([ws for ws in bpy.data.workspaces if ws != keep])
    if rng.random() < 0.3:
        bpy.context.scene.name = rand_name(rng, [])


def scene_coll():
    return bpy.context.scene.collection


class Maker:
    """Creates random data-blocks in the current Main."""

    def __init__(self, rng, lib, budget):
        self.rng = rng
        self.lib = lib
        self.budget = budget
        self.names = []

    def name(self):
        n = rand_name(self.rng, self.names)
        self.names.append(n)
        return n

    # -- geometry ---------------------------------------------------------
    def mesh(self, name=None):
        import bmesh
        rng = self.rng
        me = bpy.data.meshes.new(name if name is not None else self.name())
        bm = bmesh.new()
        kind = rng.choice(["cube", "cone", "ico", "uv", "grid", "empty"])
        if kind == "cube":
            bmesh.ops.create_cube(bm, size=rng.uniform(0.2, 3))
        elif kind == "cone":
            bmesh.ops.create_cone(bm, cap_ends=True, segments=rng.randint(3, 24),
                                  radius1=rng.uniform(0, 1), radius2=rng.uniform(0, 1), depth=1)
        elif kind == "ico":
            bmesh.ops.create_icosphere(bm, subdivisions=rng.randint(0, 3), radius=1)
        elif kind == "uv":
            bmesh.ops.create_uvsphere(bm, u_segments=rng.randint(3, 24), v_segments=rng.randint(3, 16), radius=1)
        elif kind == "grid":
            bmesh.ops.create_grid(bm, x_segments=rng.randint(1, 20), y_segments=rng.randint(1, 20), size=1)
        bm.to_mesh(me)
        bm.free()
        if rng.random() < 0.3 and len(me.vertices):
            me.uv_layers.new(name=cut_utf8(rand_text(rng, 10), 60))
        if rng.random() < 0.2:
            me.attributes.new(cut_utf8(rand_text(rng, 10), 60) or "attr", "FLOAT", "POINT")
        if rng.random() < 0.3:
            me.materials.append(self.material(nodes=False))
        return me

    def curve(self, kind="CURVE", name=None):
        rng = self.rng
        cu = bpy.data.curves.new(name if name is not None else self.name(), kind)
        if kind == "FONT":
            cu.body = rand_text(rng, rng.randint(0, 60))
        else:
            cu.dimensions = "3D"
            for _ in range(rng.randint(0, 3)):
                typ = rng.choice(["BEZIER", "NURBS", "POLY"]) if kind == "CURVE" else "NURBS"
                sp = cu.splines.new(typ)
                n = rng.randint(1, 8)
                if typ == "BEZIER":
                    sp.bezier_points.add(n - 1)
                    for i, p in enumerate(sp.bezier_points):
                        p.co = (i, rng.uniform(-1, 1), 0)
                else:
                    sp.points.add(n - 1)
                    for i, p in enumerate(sp.points):
                        p.co = (i, rng.uniform(-1, 1), 0, 1)
        return cu

    def metaball(self, name=None):
        mb = bpy.data.metaballs.new(name if name is not None else self.name())
        for _ in range(self.rng.randint(0, 4)):
            e = mb.elements.new()
            e.co = (self.rng.uniform(-1, 1), 0, 0)
        return mb

    def lattice(self, name=None):
        lt = bpy.data.lattices.new(name if name is not None else self.name())
        lt.points_u = self.rng.randint(1, 6)
        return lt

    def armature(self, name=None):
        return bpy.data.armatures.new(name if name is not None else self.name())

    def light(self, name=None):
        la = bpy.data.lights.new(name if name is not None else self.name(),
                                 self.rng.choice(["POINT", "SUN", "SPOT", "AREA"]))
        la.energy = self.rng.uniform(0, 5000)
        la.color = (self.rng.random(), self.rng.random(), self.rng.random())
        if self.rng.random() < 0.3:
            la.use_nodes = True
        return la

    def camera(self, name=None):
        ca = bpy.data.cameras.new(name if name is not None else self.name())
        ca.lens = self.rng.uniform(8, 300)
        ca.type = self.rng.choice(["PERSP", "ORTHO", "PANO"])
        return ca

    def speaker(self, name=None):
        return bpy.data.speakers.new(name if name is not None else self.name())

    def lightprobe(self, name=None):
        return bpy.data.lightprobes.new(name if name is not None else self.name(),
                                        self.rng.choice(["CUBE", "PLANAR", "GRID"]))

    def gpencil(self, name=None):
        gd = bpy.data.grease_pencils.new(name if name is not None else self.name())
        for _ in range(self.rng.randint(0, 2)):
            layer = gd.layers.new(cut_utf8(rand_text(self.rng, 8), 60) or "L")
            frame = layer.frames.new(self.rng.randint(0, 20))
            st = frame.strokes.new()
            st.points.add(self.rng.randint(1, 20))
            for i, p in enumerate(st.points):
                p.co = (i * 0.1, self.rng.uniform(-1, 1), 0)
        return gd

    def volume(self, name=None):
        return bpy.data.volumes.new(name if name is not None else self.name())

    def pointcloud(self, name=None):
        return bpy.data.pointclouds.new(name if name is not None else self.name())

    def hair(self, name=None):
        return bpy.data.hair_curves.new(name if name is not None else self.name())

    # -- shading ----------------------------------------------------------
    def image(self, name=None):
        rng = self.rng
        w, h = rng.randint(1, 64), rng.randint(1, 64)
        im = bpy.data.images.new(name if name is not None else self.name(), w, h,
                                 alpha=rng.random() < 0.5, float_buffer=rng.random() < 0.2)
        im.generated_type = rng.choice(["BLANK", "UV_GRID", "COLOR_GRID"])
        im.generated_color = (rng.random(), rng.random(), rng.random(), rng.random())
        if rng.random() < 0.25 and self.budget.take(w * h * 4 + 1000):
            im.pack()
        return im

    def texture(self, name=None):
        rng = self.rng
        typ = rng.choice(["CLOUDS", "WOOD", "MARBLE", "MAGIC", "BLEND", "STUCCI", "NOISE",
                          "IMAGE", "MUSGRAVE", "VORONOI", "DISTORTED_NOISE"])
        te = bpy.data.textures.new(name if name is not None else self.name(), typ)
        if typ == "IMAGE" and rng.random() < 0.7:
            te.image = self.image()
        if rng.random() < 0.2:
            te.use_nodes = True
        return te

    def random_nodes(self, nt, types, n):
        rng = self.rng
        nodes = list(nt.nodes)
        for _ in range(n):
            try:
                node = nt.nodes.new(rng.choice(types))
            except RuntimeError:
                continue
            node.location = (rng.uniform(-800, 800), rng.uniform(-600, 600))
            if rng.random() < 0.2:
                node.label = cut_utf8(rand_text(rng, 20), 60)
            nodes.append(node)
        for _ in range(n + rng.randint(0, 4)):
            a, b = rng.choice(nodes), rng.choice(nodes)
            outs = [s for s in a.outputs if s.enabled]
            ins = [s for s in b.inputs if s.enabled]
            if a != b and outs and ins:
                try:
                    nt.links.new(rng.choice(outs), rng.choice(ins))
                except RuntimeError:
                    pass
        return nodes

    SHADER_NODES = ["ShaderNodeTexNoise", "ShaderNodeValToRGB", "ShaderNodeMixRGB", "ShaderNodeMath",
                    "ShaderNodeMapping", "ShaderNodeTexCoord", "ShaderNodeFresnel", "ShaderNodeBump",
                    "ShaderNodeTexVoronoi", "ShaderNodeBsdfGlass", "ShaderNodeEmission",
                    "ShaderNodeMixShader", "ShaderNodeRGB", "ShaderNodeValue", "ShaderNodeTexImage",
                    "ShaderNodeSeparateXYZ", "ShaderNodeCombineXYZ", "ShaderNodeHueSaturation",
                    "NodeFrame", "NodeReroute"]
    GEO_NODES = ["GeometryNodeMeshCube", "GeometryNodeSetPosition", "GeometryNodeTransform",
                 "GeometryNodeJoinGeometry", "GeometryNodeDistributePointsOnFaces",
                 "GeometryNodeInstanceOnPoints", "ShaderNodeMath", "FunctionNodeRandomValue",
                 "GeometryNodeMeshGrid", "GeometryNodeRealizeInstances", "GeometryNodeInputPosition",
                 "ShaderNodeVectorMath", "GeometryNodeSetMaterial", "GeometryNodeStringToCurves",
                 "NodeFrame", "NodeReroute"]
    COMP_NODES = ["CompositorNodeBlur", "CompositorNodeMixRGB", "CompositorNodeInvert",
                  "CompositorNodeGlare", "CompositorNodeMath", "CompositorNodeRGB"]
    TEX_NODES = ["TextureNodeChecker", "TextureNodeMixRGB", "TextureNodeBricks", "TextureNodeMath"]

    def node_group(self, kind=None, name=None):
        rng = self.rng
        kind = kind or rng.choices(["GeometryNodeTree", "ShaderNodeTree", "CompositorNodeTree",
                                    "TextureNodeTree"], weights=[45, 35, 12, 8])[0]
        ng = bpy.data.node_groups.new(name if name is not None else self.name(), kind)
        socks = {"GeometryNodeTree": ["NodeSocketGeometry", "NodeSocketFloat", "NodeSocketVector",
                                      "NodeSocketInt", "NodeSocketBool", "NodeSocketMaterial",
                                      "NodeSocketString", "NodeSocketObject"],
                 "ShaderNodeTree": ["NodeSocketColor", "NodeSocketFloat", "NodeSocketVector",
                                    "NodeSocketShader"],
                 "CompositorNodeTree": ["NodeSocketColor", "NodeSocketFloat"],
                 "TextureNodeTree": ["NodeSocketColor", "NodeSocketFloat"]}[kind]
        for coll in (ng.inputs, ng.outputs):
            for _ in range(rng.randint(0, 5)):
                coll.new(rng.choice(socks), cut_utf8(rand_text(rng, rng.randint(1, 30)), 63) or "s")
        ng.nodes.new("NodeGroupInput")
        ng.nodes.new("NodeGroupOutput")
        types = {"GeometryNodeTree": self.GEO_NODES, "ShaderNodeTree": self.SHADER_NODES,
                 "CompositorNodeTree": self.COMP_NODES, "TextureNodeTree": self.TEX_NODES}[kind]
        self.random_nodes(ng, types, rng.randint(0, 12))
        return ng

    def material(self, name=None, nodes=None):
        rng = self.rng
        m = bpy.data.materials.new(name if name is not None else self.name())
        m.diffuse_color = (rng.random(), rng.random(), rng.random(), rng.random())
        m.metallic = rng.random()
        if nodes is None:
            nodes = rng.random() < 0.7
        if nodes:
            m.use_nodes = True
            ns = self.random_nodes(m.node_tree, self.SHADER_NODES, rng.randint(0, 10))
            for n in ns:
                if n.bl_idname == "ShaderNodeTexImage" and rng.random() < 0.5:
                    n.image = self.image()
            if rng.random() < 0.15:
                g = m.node_tree.nodes.new("ShaderNodeGroup")
                g.node_tree = self.node_group("ShaderNodeTree")
        m.blend_method = rng.choice(["OPAQUE", "CLIP", "HASHED", "BLEND"])
        return m

    def world(self, name=None):
        rng = self.rng
        w = bpy.data.worlds.new(name if name is not None else self.name())
        w.color = (rng.random(), rng.random(), rng.random())
        if rng.random() < 0.6:
            w.use_nodes = True
            self.random_nodes(w.node_tree, ["ShaderNodeTexSky", "ShaderNodeTexEnvironment",
                                            "ShaderNodeBackground", "ShaderNodeMixShader",
                                            "ShaderNodeTexCoord", "ShaderNodeMapping"], rng.randint(0, 5))
        return w

    def linestyle(self, name=None):
        ls = bpy.data.linestyles.new(name if name is not None else self.name())
        for _ in range(self.rng.randint(0, 3)):
            ls.color_modifiers.new(cut_utf8(rand_text(self.rng, 8), 60) or "m",
                                   self.rng.choice(["ALONG_STROKE", "DISTANCE_FROM_CAMERA", "NOISE"]))
        return ls

    def brush(self, name=None):
        rng = self.rng
        mode = rng.choice(["SCULPT", "VERTEX_PAINT", "WEIGHT_PAINT", "TEXTURE_PAINT", "PAINT_GPENCIL",
                           "SCULPT_CURVES"])
        br = bpy.data.brushes.new(name if name is not None else self.name(), mode=mode)
        if mode == "PAINT_GPENCIL":
            bpy.data.brushes.create_gpencil_data(br)
        br.color = (rng.random(), rng.random(), rng.random())
        if rng.random() < 0.2:
            br.texture = self.texture()
        return br

    def palette(self, name=None):
        pl = bpy.data.palettes.new(name if name is not None else self.name())
        for _ in range(self.rng.randint(0, 12)):
            pl.colors.new().color = (self.rng.random(), self.rng.random(), self.rng.random())
        return pl

    def text(self, name=None):
        tx = bpy.data.texts.new(name if name is not None else self.name())
        tx.write(rand_long_text(self.rng, self.rng.choice(["short", "multi", "long"])))
        return tx

    def mask(self, name=None):
        ms = bpy.data.masks.new(name if name is not None else self.name())
        if self.rng.random() < 0.7:
            layer = ms.layers.new(name=cut_utf8(rand_text(self.rng, 8), 60))
            sp = layer.splines.new()
            sp.points.add(self.rng.randint(1, 6))
        return ms

    def particles(self, name=None):
        pa = bpy.data.particles.new(name if name is not None else self.name())
        pa.count = self.rng.randint(1, 1000)
        return pa

    def font(self, name=None):
        # The built-in font's name is read-only: use a system font file when
        # there is one (sometimes packed into the .blend).
        ttfs = sorted(p for d in FONT_DIRS if os.path.isdir(d)
                      for p in (os.path.join(d, f) for f in os.listdir(d)) if p.endswith(".ttf"))
        if not ttfs:
            return bpy.data.fonts.load("<builtin>")
        path = self.rng.choice(ttfs)
        vf = bpy.data.fonts.load(path, check_existing=self.rng.random() < 0.3)
        vf.name = name if name is not None else self.name()
        if self.rng.random() < 0.15 and self.budget.take(os.path.getsize(path)):
            vf.pack()
        return vf

    def sound(self, name=None):
        path = os.path.join(self.lib, MARKER, "media", "tone-%d.wav" % self.rng.randrange(10 ** 9))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with wave.open(path, "wb") as wf:
            wf.setnchannels(1)
            wf.setsampwidth(2)
            wf.setframerate(8000)
            f = self.rng.uniform(100, 1000)
            wf.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(i * f / 8000)))
                                    for i in range(self.rng.randint(10, 800))))
        so = bpy.data.sounds.load(path)
        so.name = name if name is not None else self.name()
        if self.rng.random() < 0.5:
            so.pack()
        return so

    def movieclip(self, name=None):
        path = os.path.join(self.lib, MARKER, "media", "frame-%d.png" % self.rng.randrange(10 ** 9))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        im = bpy.data.images.new("tmp frame", 8, 8)
        im.filepath_raw = path
        im.file_format = "PNG"
        im.save()
        bpy.data.images.remove(im)
        mc = bpy.data.movieclips.load(path)
        mc.name = name if name is not None else self.name()
        return mc

    def action(self, name=None):
        rng = self.rng
        act = bpy.data.actions.new(name if name is not None else self.name())
        act.id_root = rng.choice(["OBJECT", "OBJECT", "MATERIAL", "KEY", "WORLD"])
        bones = [cut_utf8(rand_text(rng, rng.randint(1, 20)), 60) or "b" for _ in range(rng.randint(0, 4))]
        paths = [("location", 3), ("rotation_euler", 3), ("scale", 3), ('["%s"]' % "prop", 1)]
        paths += [('pose.bones["%s"].rotation_quaternion' % b.replace('"', "'"), 4) for b in bones]
        frames = rng.randint(1, 40)
        for path, n in rng.sample(paths, rng.randint(0, len(paths))):
            group = rng.choice([None, "", cut_utf8(rand_text(rng, 10), 60)] + bones)
            for i in range(n):
                try:
                    fc = act.fcurves.new(path, index=i, action_group=group or "")
                except RuntimeError:
                    continue
                fc.keyframe_points.add(frames)
                co = []
                for k in range(frames):
                    co += [float(k * rng.randint(1, 5)), rng.uniform(-10, 10)]
                fc.keyframe_points.foreach_set("co", co)
                for kp in fc.keyframe_points:
                    kp.interpolation = rng.choice(["CONSTANT", "LINEAR", "BEZIER"])
                fc.update()
                if rng.random() < 0.1:
                    fc.modifiers.new("NOISE")
        for _ in range(rng.randint(0, 3)):
            act.pose_markers.new(cut_utf8(rand_text(rng, 10), 60)).frame = rng.randint(0, 40)
        if rng.random() < 0.5:
            act.use_frame_range = True
            act.frame_range = (1.0, float(rng.randint(1, 100)))
        return act

    # -- objects, collections, scenes -------------------------------------
    OB_KINDS = ["MESH", "MESH", "MESH", "EMPTY", "EMPTY", "CURVE", "SURFACE", "FONT", "META",
                "LATTICE", "ARMATURE", "LIGHT", "LIGHT", "CAMERA", "CAMERA", "SPEAKER",
                "LIGHT_PROBE", "GPENCIL", "VOLUME", "POINTCLOUD", "CURVES"]

    def object(self, name=None, kind=None, coll=None, mark_data=None):
        rng = self.rng
        kind = kind or rng.choice(self.OB_KINDS)
        data = {
            "MESH": lambda: self.mesh(), "EMPTY": lambda: None, "CURVE": lambda: self.curve("CURVE"),
            "SURFACE": lambda: self.curve("SURFACE"), "FONT": lambda: self.curve("FONT"),
            "META": lambda: self.metaball(), "LATTICE": lambda: self.lattice(),
            "ARMATURE": lambda: self.armature(), "LIGHT": lambda: self.light(),
            "CAMERA": lambda: self.camera(), "SPEAKER": lambda: self.speaker(),
            "LIGHT_PROBE": lambda: self.lightprobe(), "GPENCIL": lambda: self.gpencil(),
            "VOLUME": lambda: self.volume(), "POINTCLOUD": lambda: self.pointcloud(),
            "CURVES": lambda: self.hair(),
        }[kind]()
        ob = bpy.data.objects.new(name if name is not None else self.name(), data)
        ob.location = (rng.uniform(-5, 5), rng.uniform(-5, 5), rng.uniform(-5, 5))
        ob.rotation_euler = (rng.random(), rng.random(), rng.random())
        if kind == "EMPTY":
            ob.empty_display_type = rng.choice(["PLAIN_AXES", "ARROWS", "CUBE", "SPHERE", "CONE"])
        if coll is None and (rng.random() < 0.7 or kind == "ARMATURE"):
            # (Blender 3.4.1 segfaults saving an armature object that is in no
            # collection, e.g. one kept only by asset_mark()'s fake user.)
            coll = scene_coll()
        if coll is not None:
            coll.objects.link(ob)
        if kind == "MESH":
            if rng.random() < 0.3:
                ob.modifiers.new("Subdivision", "SUBSURF")
            if rng.random() < 0.15:
                mod = ob.modifiers.new(cut_utf8(rand_text(rng, 10), 60) or "GN", "NODES")
                mod.node_group = self.node_group("GeometryNodeTree")
            if rng.random() < 0.15:
                ob.shape_key_add(name="Basis")
                ob.shape_key_add(name=cut_utf8(rand_text(rng, 10), 60) or "Key")
            if rng.random() < 0.1:
                ob.vertex_groups.new(name=cut_utf8(rand_text(rng, 10), 60) or "group")
        if rng.random() < 0.1:
            ob.constraints.new(rng.choice(["COPY_LOCATION", "TRACK_TO", "LIMIT_ROTATION"]))
        if rng.random() < 0.1:
            ob.animation_data_create().action = self.action()
        if rng.random() < 0.15:
            ob[cut_utf8("custom " + rand_text(rng, 4), 63)] = rng.choice([1, 2.5, "text " + rand_text(rng, 5), [1, 2, 3]])
        if data is not None and (mark_data if mark_data is not None else rng.random() < 0.08):
            self.pending_data_assets.append(data)
        return ob

    pending_data_assets = None

    def collection(self, name=None):
        rng = self.rng
        coll = bpy.data.collections.new(name if name is not None else self.name())
        if rng.random() < 0.7:
            scene_coll().children.link(coll)
        for _ in range(rng.randint(0, 5)):
            self.object(coll=coll)
        if rng.random() < 0.2:
            child = bpy.data.collections.new(self.name())
            coll.children.link(child)
            self.object(coll=child)
        if rng.random() < 0.2:
            inst = bpy.data.objects.new(self.name(), None)
            inst.instance_type = "COLLECTION"
            inst.instance_collection = coll
            scene_coll().objects.link(inst)
        coll.instance_offset = (rng.random(), 0, 0)
        return coll

    def scene(self, name=None):
        sc = bpy.data.scenes.new(name if name is not None else self.name())
        for _ in range(self.rng.randint(0, 3)):
            ob = self.object(coll=None)
            sc.collection.objects.link(ob)
        if self.rng.random() < 0.3:
            sc.world = self.world()
        return sc

    def by_code(self, code):
        return {
            "MA": self.material, "OB": self.object, "WO": self.world, "AC": self.action,
            "NT": self.node_group, "GR": self.collection, "ME": self.mesh, "IM": self.image,
            "TE": self.texture, "BR": self.brush, "TX": self.text, "LA": self.light,
            "CA": self.camera, "CU": lambda name=None: self.curve(self.rng.choice(["CURVE", "SURFACE", "FONT"]), name),
            "MB": self.metaball, "LT": self.lattice, "AR": self.armature, "SK": self.speaker,
            "LP": self.lightprobe, "GD": self.gpencil, "LS": self.linestyle, "MS": self.mask,
            "PA": self.particles, "SC": self.scene, "CV": self.hair, "PT": self.pointcloud,
            "VO": self.volume, "VF": self.font, "PL": self.palette, "SO": self.sound,
            "MC": self.movieclip,
        }[code]


FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/freefont"]

TYPE_WEIGHTS = [("MA", 16), ("OB", 16), ("WO", 6), ("AC", 8), ("NT", 8), ("GR", 6), ("ME", 4),
                ("IM", 4), ("TE", 4), ("BR", 3), ("TX", 3), ("LA", 3), ("CA", 3), ("CU", 2),
                ("MB", 1), ("LT", 1), ("AR", 1), ("SK", 1), ("LP", 1), ("GD", 1), ("LS", 1),
                ("MS", 1), ("PA", 1), ("SC", 1), ("CV", 1), ("PT", 1), ("VO", 1), ("VF", 1),
                ("PL", 1), ("SO", 1), ("MC", 1)]
CHEAP_TYPES = [("MA", 10), ("WO", 3), ("AC", 3), ("NT", 3), ("TX", 2), ("TE", 2), ("LA", 2),
               ("CA", 2), ("OB", 3)]


# --------------------------------------------------------------------------
# Asset metadata
# --------------------------------------------------------------------------

def rand_tag(rng, existing):
    r = rng.random()
    if existing and r < 0.12:
        return rng.choice(existing)
    if r < 0.2:
        return rand_text(rng, rng.randint(64, 100))  # long: renamed, cut UTF-8-safely
    if r < 0.3:
        return "".join(rng.choice(ASCII) for _ in range(rng.randint(60, 90)))  # tags.new cuts ASCII
    if r < 0.35:
        return rng.choice(["", " ", " spaced ", ".", "tag.001"])
    return rand_text(rng, rng.randint(1, 30))


def set_tags(rng, ad):
    n = rng.choices(range(11), weights=[20, 12, 12, 10, 8, 7, 6, 5, 5, 5, 10])[0]
    names = []
    for _ in range(n):
        t = rand_tag(rng, names)
        names.append(t)
        b = t.encode()
        ascii_only = len(b) == len(t)
        if (len(b) <= 63 or ascii_only) and rng.random() < 0.7:
            # tags.new() uniquifies with ".001" unless skip_if_exists, and cuts
            # byte-wise (safe for ASCII, can split UTF-8 otherwise: avoided).
            # (Blender 3.4 segfaults on tags.new("", skip_if_exists=True).)
            ad.tags.new(t, skip_if_exists=bool(t) and rng.random() < 0.3)
        else:
            tag = ad.tags.new("placeholder")
            tag.name = t  # RNA rename: cut UTF-8-safely, duplicates allowed
    if len(ad.tags) and rng.random() < 0.1:
        ad.tags.remove(rng.choice(list(ad.tags)))
    if len(ad.tags):
        ad.active_tag = rng.randrange(len(ad.tags))


def set_catalog(rng, ad, cats):
    r = rng.random()
    if r < 0.3 or not cats:
        return
    if r < 0.75:
        ad.catalog_id = rng.choice(cats)[0]
    elif r < 0.88:
        ad.catalog_id = rand_uuid(rng, version4=rng.random() < 0.5)
    elif r < 0.94:
        ad.catalog_id = rng.choice(cats)[0].upper()
    else:
        ad.catalog_id = rng.choice(cats)[0]
        ad.catalog_id = ""  # back to nil


def rand_idprop(rng, depth=0):
    r = rng.random()
    if r < 0.2:
        return rng.randint(-2 ** 31, 2 ** 31 - 1)
    if r < 0.35:
        return rng.uniform(-1e6, 1e6)
    if r < 0.6:
        return rand_text(rng, rng.randint(0, 60))
    if r < 0.75:
        return [rng.random() for _ in range(rng.randint(1, 20))]
    if r < 0.85:
        return [rng.randint(0, 100) for _ in range(rng.randint(1, 20))]
    if depth < 2:
        return {cut_utf8(rand_text(rng, 8), 63) or "k": rand_idprop(rng, depth + 1)
                for _ in range(rng.randint(1, 4))}
    return rng.random() < 0.5


def mark_asset(rng, idb, cats, light=False):
    idb.asset_mark()
    ad = idb.asset_data
    if ad is None:
        return False
    if rng.random() < 0.7:
        ad.description = rand_long_text(rng, rng.choice(["empty", "short", "short", "multi"]) if light else None)
    if rng.random() < 0.6:
        ad.author = rand_long_text(rng, rng.choices(["empty", "short", "ctrl", "nul", "multi"],
                                                    weights=[10, 80, 3, 3, 4])[0])
    set_tags(rng, ad)
    set_catalog(rng, ad, cats)
    if rng.random() < 0.1:
        for _ in range(rng.randint(1, 5)):
            try:
                ad[cut_utf8(rand_text(rng, rng.randint(1, 20)), 63) or "p"] = rand_idprop(rng)
            except (TypeError, KeyError):
                pass
    return True


# --------------------------------------------------------------------------
# One library file
# --------------------------------------------------------------------------

def file_name(rng):
    r = rng.random()
    if r < 0.35:
        base = "".join(rng.choice(ASCII + "-_ ") for _ in range(rng.randint(1, 24))).strip() or "f"
    else:
        base = rand_text(rng, rng.randint(1, 60))
    # (Blender turns "\\" into "/" in some paths it saves to or opens.)
    base = base.replace("/", "-").replace("\0", "").replace("\\", "-")
    if rng.random() > 0.01:
        base = base.replace("\n", " ").replace("\r", " ")
    base = cut_utf8(base, 180)
    while base.startswith("."):
        base = base[1:]
    return base or "file"


def folder_name(rng):
    s = file_name(rng)
    if rng.random() < 0.05:
        s += ".blend"  # a folder that looks like a library file
    return cut_utf8(s, 120)


class Library:
    def __init__(self, root, seed, n_files, ble):
        self.root = root
        self.seed = seed
        self.n_files = n_files
        self.ble = ble
        self.rng = random.Random("%s/library" % seed)
        # Previews and packed images; each file adds ~100-250 KB of its own
        # (SDNA, file thumbnail, scene, screen).
        self.budget = Budget(max(3 << 20, (18 << 20) - n_files * (200 << 10)))
        self.files = []  # dicts: path (relative), abs, kind, method, compress, ui
        self.cats = []
        self.folders = [""]
        self.failures = []

    def new_path(self, rng, idx):
        if rng.random() < 0.5 and len(self.folders) > 1:
            folder = rng.choice(self.folders)
        else:
            folder = ""
            depth = rng.choices(range(5), weights=[35, 30, 18, 10, 7])[0]
            for _ in range(depth):
                folder = folder + "/" + folder_name(rng) if folder else folder_name(rng)
            if folder not in self.folders:
                self.folders.append(folder)
        r = rng.random()
        if r < 0.05:
            ext = ".BLEND"
        elif r < 0.08:
            ext = rng.choice([".Blend", ".bLeNd"])
        elif self.ble and r < 0.12:
            ext = rng.choice([".ble", ".blend.gz"])
        else:
            ext = ".blend"
        hidden = rng.random() < 0.04
        name = file_name(rng)
        if hidden:
            name = "." + name
        elif rng.random() < 0.03:
            folder = (folder + "/" if folder else "") + "." + folder_name(rng)  # hidden folder
            hidden = True
        rel = (folder + "/" if folder else "") + name + ext
        while len(os.path.join(self.root, rel).encode()) > 900 or os.path.exists(os.path.join(self.root, rel)) \
                or any(f["path"] == rel for f in self.files):
            rel = "f%d-%d%s" % (idx, rng.randrange(1000), ext)
        return rel, hidden

    def build(self):
        os.makedirs(os.path.join(self.root, MARKER), exist_ok=True)
        self.cats, cdf = make_catalogs(self.rng)
        with open(os.path.join(self.root, "blender_assets.cats.txt"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(cdf)
        for i in range(self.n_files):
            rng = random.Random("%s/file/%d" % (self.seed, i))
            rel, hidden = self.new_path(rng, i)
            info = {"index": i, "path": rel, "hidden": hidden}
            self.files.append(info)
            try:
                self.build_file(rng, info)
            except Exception:
                traceback.print_exc()
                self.failures.append((rel, traceback.format_exc()))
                info["failed"] = True
        self.extras()

    def build_file(self, rng, info):
        fresh_scene(rng)
        prefs = bpy.context.preferences
        prefs.filepaths.file_preview_type = rng.choices(["NONE", "AUTO", "SCREENSHOT", "CAMERA"],
                                                        weights=[40, 30, 15, 15])[0]
        prefs.filepaths.save_version = rng.choices([0, 1, 2, 4], weights=[50, 35, 10, 5])[0]
        kind = rng.choices(["empty", "bulk", "huge", "normal"], weights=[8, 8, 1.5, 82.5])[0]
        n = {"empty": 0, "bulk": rng.randint(50, 150), "huge": rng.randint(500, 1500),
             "normal": rng.randint(1, 25)}[kind]
        info["kind"] = kind
        mk = Maker(rng, self.root, self.budget)
        mk.pending_data_assets = []
        cats = self.cats
        path = os.path.join(self.root, info["path"])
        os.makedirs(os.path.dirname(path), exist_ok=True)

        # Non-asset data, some with previews, some marked then cleared.
        for _ in range(rng.randint(0, 8)):
            code = rng.choices([c for c, _ in CHEAP_TYPES], weights=[w for _, w in CHEAP_TYPES])[0]
            idb = mk.by_code(code)()
            idb.use_fake_user = rng.random() < 0.7
            if rng.random() < 0.2:
                apply_preview(rng, idb, self.budget, p_none=0)
            if rng.random() < 0.2:
                mark_asset(rng, idb, cats)
                idb.asset_clear()
        if rng.random() < 0.05:
            for i in range(rng.randint(100, 400)):  # many non-asset blocks
                bpy.data.materials.new("plain %d" % i).use_fake_user = True

        # Linked and appended data from files built before.
        done = [f for f in self.files if f.get("saved") and not f.get("failed")]
        if done and rng.random() < 0.15:
            self.link_from(rng, rng.choice(done), link=rng.random() < 0.7)

        # The assets.
        types = CHEAP_TYPES if kind in ("bulk", "huge") else TYPE_WEIGHTS
        codes = [c for c, _ in types]
        weights = [w for _, w in types]
        cheap = {  # for "huge" files: bare data-blocks, so 1500 of them stay small
            "MA": lambda: bpy.data.materials.new(mk.name()), "WO": lambda: bpy.data.worlds.new(mk.name()),
            "AC": lambda: bpy.data.actions.new(mk.name()), "TX": lambda: bpy.data.texts.new(mk.name()),
            "NT": lambda: bpy.data.node_groups.new(mk.name(), "ShaderNodeTree"),
            "OB": lambda: bpy.data.objects.new(mk.name(), None), "TE": lambda: bpy.data.textures.new(mk.name(), "NONE"),
            "LA": lambda: bpy.data.lights.new(mk.name(), "POINT"), "CA": lambda: bpy.data.cameras.new(mk.name()),
        }
        for _ in range(n):
            code = rng.choices(codes, weights=weights)[0]
            try:
                idb = cheap[code]() if kind == "huge" else mk.by_code(code)()
            except Exception as e:
                self.failures.append((info["path"], "create %s: %r" % (code, e)))
                continue
            if not mark_asset(rng, idb, cats, light=kind == "huge"):
                self.failures.append((info["path"], "asset_mark() refused %s %r" % (code, idb.name)))
                continue
            apply_preview(rng, idb, self.budget, p_none={"bulk": 0.5, "huge": 0.9}.get(kind, 0.35),
                          small=kind in ("bulk", "huge"))
        for data in mk.pending_data_assets:
            if data.asset_data is None:
                mark_asset(rng, data, cats)
                apply_preview(rng, data, self.budget)
        if rng.random() < 0.03:
            ws = bpy.data.workspaces[0]
            mark_asset(rng, ws, cats)
            info["workspace_asset"] = ws.name
        if rng.random() < 0.03:
            sc = bpy.context.window_manager.windows[0].screen
            mark_asset(rng, sc, cats)
            apply_preview(rng, sc, self.budget)
            info["screen_asset"] = sc.name
        if rng.random() < 0.05:
            mark_asset(rng, bpy.context.scene, cats)

        self.save(rng, info, path)

    def link_from(self, rng, src, link):
        src_path = os.path.join(self.root, src["path"])
        with bpy.data.libraries.load(src_path, link=link, relative=True,
                                     assets_only=rng.random() < 0.5) as (df, dt):
            for attr in ("materials", "objects", "node_groups", "worlds", "collections", "actions", "images"):
                names = list(getattr(df, attr))
                if names:
                    setattr(dt, attr, rng.sample(names, min(len(names), rng.randint(1, 3))))
        for attr in ("materials", "objects", "node_groups", "worlds", "collections", "actions", "images"):
            for idb in getattr(dt, attr, []) or []:
                if idb is None:
                    continue
                if attr == "objects":
                    scene_coll().objects.link(idb)
                elif attr == "collections" and rng.random() < 0.5:
                    scene_coll().children.link(idb)
                    if link and rng.random() < 0.5:
                        try:
                            idb.override_hierarchy_create(bpy.context.scene, bpy.context.view_layer)
                        except Exception:
                            pass
                elif link:
                    idb.use_fake_user = True
        print("LINK" if link else "APPEND", src["path"])

    def save(self, rng, info, path):
        method = rng.choices(["save", "copy", "partial", "resave"], weights=[70, 5, 12, 13])[0]
        compress = rng.random() < 0.65 or info["kind"] == "huge"
        info.update(method=method, compress=compress)
        if method == "partial":
            ids = set()
            for attr in dir(bpy.data):
                coll = getattr(bpy.data, attr, None)
                if isinstance(coll, bpy.types.bpy_prop_collection) and attr not in (
                        "window_managers", "screens", "workspaces", "libraries"):
                    for idb in coll:
                        if isinstance(idb, bpy.types.ID) and idb.library is None and (
                                idb.asset_data is not None or rng.random() < 0.3):
                            ids.add(idb)
            bpy.data.libraries.write(path, ids, path_remap=rng.choice(["NONE", "RELATIVE", "RELATIVE_ALL", "ABSOLUTE"]),
                                     fake_user=rng.random() < 0.5, compress=compress)
        else:
            bpy.ops.wm.save_as_mainfile(filepath=path, compress=compress, copy=(method == "copy"),
                                        relative_remap=rng.random() < 0.8)
        if method == "resave":
            self.reopen_edit(rng, path, info)
        info["saved"] = True
        print("BUILT", info["path"], info["kind"], method, "zstd" if compress else "raw")

    def reopen_edit(self, rng, path, info):
        bpy.ops.wm.open_mainfile(filepath=path, load_ui=rng.random() < 0.5)
        mk = Maker(rng, self.root, self.budget)
        mk.pending_data_assets = []
        assets = [idb for attr in ("materials", "objects", "worlds", "actions", "node_groups", "collections",
                                   "images", "textures", "meshes", "lights", "cameras", "texts", "brushes")
                  for idb in getattr(bpy.data, attr) if idb.asset_data is not None and idb.library is None]
        for idb in assets:
            r = rng.random()
            if r < 0.1:
                idb.asset_clear()
            elif r < 0.2:
                idb.name = mk.name()
            elif r < 0.3:
                idb.asset_data.description = rand_long_text(rng)
                set_tags(rng, idb.asset_data)
            elif r < 0.35:
                bpy.data.batch_remove([idb])
            elif r < 0.4:
                set_catalog(rng, idb.asset_data, self.cats)
        for _ in range(rng.randint(0, 5)):
            idb = mk.material()
            mark_asset(rng, idb, self.cats)
            apply_preview(rng, idb, self.budget)
        compress = rng.random() < 0.5
        info["compress"] = compress
        bpy.ops.wm.save_mainfile(compress=compress)

    # -- library-level extras ---------------------------------------------
    def extras(self):
        rng = self.rng
        root = self.root
        with open(os.path.join(root, "README soak.txt"), "w", encoding="utf-8") as fh:
            fh.write("Random asset library, seed %r. Not a .blend file.\n" % self.seed)
        # A PNG written by Blender, and a folder without .blend files.
        im = bpy.data.images.new("png", 4, 4)
        im.filepath_raw = os.path.join(root, rng.choice(self.folders) or ".", "image.png")
        im.file_format = "PNG"
        os.makedirs(os.path.dirname(im.filepath_raw), exist_ok=True)
        im.save()
        os.makedirs(os.path.join(root, "empty folder", "deeper"), exist_ok=True)
        # startup.blend from save_homefile() and userpref.blend, each made by
        # a Blender with its own config folder.
        for what in ("homefile", "userpref"):
            if rng.random() < 0.7:
                cfg = os.path.join(root, MARKER, "config-" + what)
                dest = os.path.join(root, rng.choice(self.folders),
                                    ("startup %s.blend" if what == "homefile" else "userpref %s.blend")
                                    % cut_utf8(rand_text(rng, 6).replace("/", "-").replace("\\", "-"), 40).strip(". "))
                cmd = [bpy.app.binary_path, "-b", "--factory-startup", "--python-exit-code", "1",
                       "--python", SCRIPT, "--", "--" + what, root, dest, str(self.seed),
                       json.dumps(self.cats[:20])]
                env = dict(os.environ, BLENDER_USER_CONFIG=cfg)
                p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
                shutil.rmtree(cfg, ignore_errors=True)
                if p.returncode != 0 or not os.path.exists(dest):
                    self.failures.append((what, p.stdout[-2000:] + p.stderr[-2000:]))
                else:
                    self.files.append({"index": len(self.files), "path": os.path.relpath(dest, root),
                                       "hidden": False, "kind": what, "method": what, "saved": True})

    def ui_steps(self):
        rng = self.rng
        for f in self.files:
            if not f.get("saved") or f.get("failed") or f.get("kind") in ("homefile", "userpref", "empty"):
                continue
            if f["path"].endswith((".ble", ".gz")) or f.get("method") == "partial":
                continue
            if rng.random() >= 0.3:
                continue
            path = os.path.join(self.root, f["path"])
            cmd = XVFB + [bpy.app.binary_path, "--factory-startup", "--python-exit-code", "1", path,
                          "--python", SCRIPT, "--", "--ui-step", self.root, path,
                          "%s/ui/%d" % (self.seed, f["index"]), "1" if f.get("compress") else "0"]
            log = os.path.join(self.root, MARKER, "ui-%d.log" % f["index"])
            with open(log, "w+", encoding="utf-8", errors="replace") as fh:
                # Own process group, so a hung Blender (and its Xvfb) can be
                # ended together, by that group's id only.
                p = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
                try:
                    p.wait(timeout=200)
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, 9)
                    p.wait()
                    fh.write("\nTIMEOUT after 200 s\n")
                fh.seek(0)
                out = fh.read()
            if "UI-DONE" in out:
                f["ui"] = [l for l in out.splitlines() if l.startswith("UI-DONE")][-1]
                print("UI", f["path"], f["ui"])
            else:
                self.failures.append(("ui " + f["path"], out[-3000:]))
                print("UI FAILED", f["path"])

    def summary(self):
        """Count assets per ID type like Blender's library reader."""
        per_type, per_file, total_bytes = {}, [], 0
        for dirpath, dirs, names in os.walk(self.root):
            for name in names:
                total_bytes += os.path.getsize(os.path.join(dirpath, name))
        for f in self.files:
            if not f.get("saved"):
                continue
            path = os.path.join(self.root, f["path"])
            counts = {}
            try:
                with bpy.data.libraries.load(path, assets_only=True) as (df, _dt):
                    for attr in dir(df):
                        if not attr.startswith("_") and len(getattr(df, attr)):
                            counts[attr] = len(getattr(df, attr))
            except Exception as e:
                counts = {"error": str(e)}
            f["assets"] = counts
            f["bytes"] = os.path.getsize(path)
            listed = not f["hidden"] and f["path"].lower().endswith(".blend")
            if listed:
                for k, v in counts.items():
                    if k != "error":
                        per_type[k] = per_type.get(k, 0) + v
            per_file.append(f)
        return {"seed": self.seed, "library": self.root, "total_bytes": total_bytes,
                "files_listed": sum(1 for f in self.files if f.get("saved") and not f["hidden"]
                                    and f["path"].lower().endswith(".blend")),
                "assets_per_type_in_listed_files": per_type,
                "assets_in_listed_files": sum(per_type.values()),
                "catalogs": len(self.cats), "failures": self.failures, "files": per_file}


# --------------------------------------------------------------------------
# Sub-process modes
# --------------------------------------------------------------------------

def homefile_mode(root, dest, seed, cats_json, userpref):
    """Save startup.blend (save_homefile) or userpref.blend into dest."""
    rng = random.Random("%s/%s" % (seed, "userpref" if userpref else "homefile"))
    cats = [tuple(c) for c in json.loads(cats_json)]
    cfg = os.environ["BLENDER_USER_CONFIG"]
    os.makedirs(cfg, exist_ok=True)
    if userpref:
        bpy.context.preferences.view.ui_scale = rng.uniform(0.8, 1.5)
        bpy.ops.wm.save_userpref()
        src = os.path.join(cfg, "userpref.blend")
    else:
        mk = Maker(rng, root, Budget(2 * 1024 * 1024))
        mk.pending_data_assets = []
        for _ in range(rng.randint(0, 6)):
            idb = mk.by_code(rng.choice(["MA", "WO", "OB", "AC", "NT"]))()
            mark_asset(rng, idb, cats)
            apply_preview(rng, idb, mk.budget)
        bpy.ops.wm.save_homefile()
        src = os.path.join(cfg, "startup.blend")
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    shutil.copyfile(src, dest)
    print("HOMEFILE", dest)


def parse_cdf(root):
    cats = []
    try:
        # Blender itself may write invalid UTF-8 here (elided simple names).
        with open(os.path.join(root, "blender_assets.cats.txt"), encoding="utf-8", errors="replace") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if not line or line.startswith("#") or line.startswith("VERSION"):
                    continue
                u, rest = line.split(":", 1)
                p, _, s = rest.partition(":")
                cats.append((u.lower(), p, s))
    except OSError:
        pass
    return cats


def ui_step(root, path, seed, compress):
    """Runs in Blender with its UI (xvfb-run): set catalog_id from an Asset
    Browser so Blender fills catalog_simple_name, maybe let Blender render a
    few previews through bpy.ops.asset.mark(), and save."""
    rng = random.Random(seed)
    prefs = bpy.context.preferences
    prefs.use_preferences_save = False
    prefs.filepaths.file_preview_type = rng.choice(["NONE", "NONE", "AUTO", "SCREENSHOT"])
    prefs.filepaths.save_version = rng.choice([0, 1])
    cats = parse_cdf(root)
    probes = [c for c in cats if c[2].strip()]
    state = {"tick": 0, "area": None, "old": None, "render": [], "wait": 0}
    t0 = time.time()

    def local_ids():
        for attr in dir(bpy.data):
            coll = getattr(bpy.data, attr, None)
            if isinstance(coll, bpy.types.bpy_prop_collection) and attr not in ("window_managers", "screens"):
                for idb in coll:
                    if isinstance(idb, bpy.types.ID) and idb.library is None:
                        yield idb

    assets = [i for i in local_ids() if i.asset_data is not None]

    def ctx():
        win = bpy.context.window_manager.windows[0]
        region = next(r for r in state["area"].regions if r.type == "WINDOW")
        return bpy.context.temp_override(window=win, area=state["area"], region=region)

    def finish():
        win = bpy.context.window_manager.windows[0]
        state["area"].type = state["old"]
        with bpy.context.temp_override(window=win):
            bpy.ops.wm.save_mainfile(compress=compress)
        print("UI-DONE", len(assets), "assets", len(state["render"]), "rendered", flush=True)
        with bpy.context.temp_override(window=win):
            bpy.ops.wm.quit_blender()

    def step():
        state["tick"] += 1
        win = bpy.context.window_manager.windows[0]
        print("UI-TICK", state["tick"], "%.1f s" % (time.time() - t0), flush=True)
        if time.time() - t0 > 200:
            print("UI-ERROR: gave up", flush=True)
            bpy.ops.wm.quit_blender()
            return None
        if state["area"] is None:
            bpy.ops.preferences.asset_library_add(directory=root + os.sep)
            area = max(win.screen.areas, key=lambda ar: ar.width * ar.height)
            state["area"], state["old"] = area, area.type
            area.type = "FILE_BROWSER"
            area.ui_type = "ASSETS"
            return 0.5
        sp = state["area"].spaces.active
        if state["tick"] == 2:
            sp.params.asset_library_ref = "LOCAL"
            sp.params.filter_search = "\u2603 no asset has this name \u2603"
            return 0.5
        if state["tick"] >= 3 and state["wait"] == 0:
            if assets and probes:
                probe = assets[0]
                if "probe_cat" not in state:  # drawn once: the number of ticks varies
                    state["probe_cat"] = rng.choice(probes)[0]
                with ctx():
                    probe.asset_data.catalog_id = state["probe_cat"]
                try:
                    loaded = probe.asset_data.catalog_simple_name != ""
                except UnicodeDecodeError:  # set, to invalid UTF-8 (Blender cuts byte-wise)
                    loaded = True
                if not loaded and time.time() - t0 < 90:
                    return 0.5  # catalogs not loaded yet
            with ctx():
                for idb in assets:
                    ad = idb.asset_data
                    r = rng.random()
                    if r < 0.45 and ad.catalog_id != NIL_UUID:
                        ad.catalog_id = ad.catalog_id
                    elif r < 0.7 and cats:
                        ad.catalog_id = rng.choice(cats)[0]
                    elif r < 0.8:
                        ad.catalog_id = rand_uuid(rng)
                    elif r < 0.85:
                        ad.catalog_id = ""
                    try:
                        print("UI-SET", repr(idb.name), ad.catalog_id, repr(ad.catalog_simple_name), flush=True)
                    except Exception as e:  # Blender may store invalid UTF-8 here
                        print("UI-SET", repr(idb.name), ad.catalog_id, "simple name unreadable: %r" % e, flush=True)
            # Blender renders the preview itself for IDs marked by the operator.
            cands = [i for i in local_ids() if i.asset_data is None and
                     type(i).__name__ in ("Material", "World", "Object", "Collection", "Action")
                     and (i.preview is None or tuple(i.preview.image_size) == (0, 0))]
            for idb in rng.sample(cands, min(len(cands), rng.choice([0, 0, 0, 1, 2]))):
                with bpy.context.temp_override(window=win, id=idb):
                    bpy.ops.asset.mark()
                state["render"].append(idb.name)
            state["wait"] = 1
            return 0.5
        if state["wait"]:
            state["wait"] += 1
            if bpy.app.is_job_running("RENDER_PREVIEW") and time.time() - t0 < 180:
                return 0.5
            finish()
            return None
        return 0.5

    def guarded_step():
        try:
            return step()
        except Exception:
            traceback.print_exc()
            print("UI-ERROR: exception", flush=True)
            bpy.ops.wm.quit_blender()
            return None

    bpy.app.timers.register(guarded_step, first_interval=1.0)


# --------------------------------------------------------------------------

def main():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    if argv and argv[0] in ("--homefile", "--userpref"):
        homefile_mode(argv[1], argv[2], argv[3], argv[4], argv[0] == "--userpref")
        return
    if argv and argv[0] == "--ui-step":
        ui_step(argv[1], argv[2], argv[3], argv[4] == "1")
        return
    ble = "--ble" in argv
    argv = [a for a in argv if a != "--ble"]
    if len(argv) not in (2, 3):
        raise SystemExit("usage: blender -b --factory-startup --python make-random-library.py -- "
                         "OUT_DIR SEED [N_FILES] [--ble]")
    root = os.path.abspath(argv[0])
    seed = argv[1]
    n_files = int(argv[2]) if len(argv) == 3 else 40
    if os.path.exists(root):
        if os.listdir(root) and not os.path.isdir(os.path.join(root, MARKER)):
            raise SystemExit("%s exists and was not made by this script" % root)
        shutil.rmtree(root)
    os.makedirs(root)
    t0 = time.time()
    lib = Library(root, seed, n_files, ble)
    lib.build()
    lib.ui_steps()
    summary = lib.summary()
    with open(os.path.join(root, MARKER, "summary.json"), "w", encoding="utf-8") as fh:
        json.dump(summary, fh, ensure_ascii=False, indent=1)
    print("=" * 70)
    print("LIBRARY %s seed %s: %d listed files (%d written), %.1f MB, %d assets in listed files, %.0f s"
          % (root, seed, summary["files_listed"], len(lib.files), summary["total_bytes"] / 1e6,
             summary["assets_in_listed_files"], time.time() - t0))
    for k, v in sorted(summary["assets_per_type_in_listed_files"].items()):
        print("  %-18s %d" % (k, v))
    for where, what in lib.failures:
        print("FAILURE", where, what.strip().splitlines()[-1] if what.strip() else "")
    print("SUMMARY", os.path.join(root, MARKER, "summary.json"))


main()
