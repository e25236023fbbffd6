# SPDX-License-Identifier: GPL-3.0-or-later
"""Digest a .blend file as Blender sees it, and compare two digests.

This is the oracle for Trove's metadata writer. The writer edits asset
metadata (description, author, tags, catalog...) by rewriting the block stream
of a .blend file. To prove that a written file is, to Blender, the same as the
original except for the metadata that was asked to change, real Blender opens
both files and this script digests each one; compare mode then checks the two
digests against the expected metadata edit.

Digest mode (inside Blender 3.4):

    blender -b --factory-startup --python-exit-code 1 \\
            --python tests/data/blender-digest.py -- FILE.blend OUT.json [--load-ui] [--dump FULL.json]

  Opens FILE.blend with bpy.ops.wm.open_mainfile(load_ui=False) and writes
  OUT.json. The process exits non-zero, with a message, if Blender cannot open
  the file or prints an error or warning while opening it (for example a
  missing linked library), except the BENIGN_MESSAGES, which are recorded in
  "file"."messages". The output is deterministic: sorted keys, and the same
  bytes for two runs on the same file, wherever the file is. "version" is
  bpy.data.version: the Blender version and subversion that saved the file.

    {
      "blender": "3.4.1",
      "settings": {...walk limits...},
      "file": {"version": [3, 4, 6], "ui_loaded": false, "messages": [...]},
      "counts": {"MA": 7, "OB": 1, ...},
      "ids": {
        "MA:Steel": {
          "rna": "Material",
          "data": "<sha256 of the RNA walk, see below>",
          "summary": {human-readable extras: node/link counts, location...},
          "preview": null | {"size": [w, h], "sha256": ..., "icon_size": ...,
                             "icon_sha256": ..., "is_image_custom": ...,
                             "is_icon_custom": ...},
          "asset": null | {"description", "author", "tags": [...],
                           "catalog_id", "catalog_simple_name",
                           "active_tag", "idprops": {...},
                           and every other scalar AssetMetaData property
                           this Blender has, e.g. "copyright"/"license"
                           from Blender 3.5 on}
        }, ...
      }
    }

  "ids" holds every local ID (library-linked ones are skipped) of every
  bpy.data collection, keyed "CODE:NAME" with CODE the two-letter ID code of
  the .blend block (OB, MA, NT, GR...). With load_ui=False Blender keeps its own
  startup UI and drops the file's window manager, screens and workspaces, so
  workspaces (which can be assets) are only digested with --load-ui (which
  opens the file with load_ui=True), and window managers and screens never
  (see NEVER_CODES). --dump writes the full, unhashed walk of every ID to
  FULL.json, to find out what changed when a "data" hash differs.

  "data" is the SHA-256 of a generic walk over the ID's RNA properties
  (bl_rna.properties), breadth first from the ID:
    - booleans, ints, strings and enums as they are; floats rounded to 6
      significant digits; arrays, vectors and matrices as flat lists; bytes
      (packed files) as length and SHA-256;
    - pointers to other IDs as {"id": "CODE:NAME"}, never walked, except
      embedded IDs (a material's node tree, a scene's master collection),
      which belong to their owner and are walked as part of it;
    - nested structs (pointers and collection items) are walked; every struct
      is walked once and later pointers to it are back references to its
      number in walk order, so cycles (socket.node, bone.parent...) are safe;
      structs more than DEPTH_LIMIT levels below the ID are recorded by type
      only;
    - collections keep their order and count; only the first COLLECTION_CAP
      items are walked, and for longer collections (big meshes) every numeric
      property of all items is hashed in bulk with foreach_get;
    - ID properties (custom properties) of every struct that has them;
    - not included: the ID's asset_data and preview (reported separately),
      runtime state (see EXCLUDE_ID and EXCLUDE_BY_TYPE), and values Blender
      reads from files on disk (image buffers, movie and volume data...), which
      could differ when the two .blend files are in different folders.
  A string Blender cannot decode (Blender can store invalid UTF-8, e.g. a tag
  cut at 63 bytes inside a character; its Python then returns bytes that vary
  between runs) is recorded as "<undecodable>".

  "preview" hashes the RGBA8 bytes of id.preview.image_pixels with rows
  top-down, the same convention as blender-report.py and
  library-manifest.json. id.preview is None for an ID without a preview, and
  this script never calls preview_ensure(), so it creates no previews.

Compare mode (plain python3, no Blender needed):

    python3 tests/data/blender-digest.py --compare BEFORE.json AFTER.json EXPECT.json

  EXPECT.json is {"CODE:NAME": {asset fields expected after the edit}, ...},
  a partial dict per asset: the fields it gives must have exactly these values
  after the edit, and every field it does not give must be unchanged. An
  EXPECT value of null means the ID must no longer be an asset. Checks:
    - the same Blender, walk settings and "file" entry (version, messages);
    - the same set of IDs;
    - every ID's "data" and "preview" are equal (when "data" differs, the
      "summary" fields that differ are printed too);
    - every ID not in EXPECT has an identical "asset" entry;
    - every ID in EXPECT has BEFORE's asset fields overridden by EXPECT's.
  Each difference is printed with the ID, the field, and the before, after and
  expected values. Exit status: 0 if there is no difference, 1 if there is,
  2 on usage errors. (Inside Blender, "-- --compare ..." works too.)
"""

import array
import hashlib
import json
import math
import os
import sys
import tempfile
from collections import deque

# --------------------------------------------------------------------------
# Walk settings. They are written to the digest, and compare mode refuses to
# compare digests made with different settings.

DEPTH_LIMIT = 6          # struct levels below the ID (or an embedded ID)
COLLECTION_CAP = 2000    # collection items walked one by one
FLOAT_DIGITS = 6         # significant digits kept from floats

UNDECODABLE = "<undecodable>"

# Messages Blender prints while opening a file that describe the file rather
# than a failure. They are recorded in the digest's "file" section (so a
# change shows up in compare mode) instead of failing the digest. Any other
# "Error"/"Warning" line fails it.
#  - "Library file, loading empty scene": the file has no current scene (it
#    was written with bpy.data.libraries.write(), like data/demo-library).
BENIGN_MESSAGES = {
    "Warning: Library file, loading empty scene",
}

# bpy type -> two-letter ID code of the .blend block (DNA_ID_enums.h), the same
# table as blender-report.py. Looked up through the class's MRO so subclasses
# (GeometryNodeTree, CloudsTexture, TextCurve...) resolve to their base type.
ID_CODES = {
    "Scene": "SC", "Library": "LI", "Object": "OB", "Mesh": "ME", "Curve": "CU",
    "MetaBall": "MB", "Material": "MA", "Texture": "TE", "Image": "IM", "Lattice": "LT",
    "Light": "LA", "Camera": "CA", "Key": "KE", "World": "WO", "Screen": "SR",
    "VectorFont": "VF", "Text": "TX", "Speaker": "SK", "Sound": "SO", "Collection": "GR",
    "Armature": "AR", "Action": "AC", "NodeTree": "NT", "Brush": "BR",
    "ParticleSettings": "PA", "GreasePencil": "GD", "WindowManager": "WM",
    "MovieClip": "MC", "Mask": "MS", "FreestyleLineStyle": "LS", "Palette": "PL",
    "PaintCurve": "PC", "CacheFile": "CF", "WorkSpace": "WS", "LightProbe": "LP",
    "Curves": "CV", "PointCloud": "PT", "Volume": "VO", "Simulation": "SI",
}

# UI ID types. With load_ui=False (the default here) Blender keeps the window
# manager, screens and workspaces of its startup file and drops the opened
# file's, so none of them describe the file.
#  - Workspaces (which can be assets) are digested with --load-ui only.
#  - Window managers and screens are never digested: they are editor state,
#    and reading their spaces' properties in background mode, where editors
#    are never initialised, crashes Blender 3.4 (SpaceProperties.search_filter
#    and tab_search_results dereference runtime data that does not exist).
LOAD_UI_CODES = {"WS"}
NEVER_CODES = {"WM", "SR"}

# Properties of every ID that are reported separately, or are runtime state
# rather than file content. In Blender 3.4 none of the runtime ones actually
# varied between two runs on the fixtures; they are excluded on principle (and
# session_uid, which does vary, only exists from 3.5 on), so that the digest
# only depends on what the file stores.
EXCLUDE_ID = {
    "asset_data",              # reported as "asset"; the writer may change it
    "preview",                 # reported as "preview"
    "is_evaluated",            # runtime: depsgraph copy or not
    "original",                # runtime: pointer to the original ID (itself)
    "session_uid",             # runtime: numbered per Blender session (3.5+)
    "is_runtime_data",         # runtime flag (3.5+)
    "use_extra_user",          # runtime user-count bookkeeping (LIB_TAG_EXTRAUSER)
    "tag",                     # runtime scratch flag (LIB_TAG_DOIT)
    "is_missing",              # runtime: linked data not found (3.5+)
    "library_weak_reference",  # path and name an ID was appended from: where
                               # it came from, not what it is
}

# Properties excluded wherever they appear.
EXCLUDE_ANY = {
    "rna_type",    # the type is recorded as "type" already
    "depsgraph",   # ViewLayer.depsgraph: evaluated state, iterators, runtime
}

# Per RNA type (matched against the struct's type and its RNA bases).
EXCLUDE_BY_TYPE = {
    # Image buffer state: loading it reads files from disk (relative paths
    # resolve differently for a copy in another folder) or generates pixels,
    # and it is never stored in the ID block.
    "Image": {"pixels", "bindcode", "has_data", "size", "depth", "channels",
              "is_float", "is_dirty", "frame_duration", "resolution"},
    # Read from the movie file on disk.
    "MovieClip": {"size", "frame_duration", "fps"},
    # Volume grids are loaded from the VDB file; object paths from the
    # Alembic/USD file; sound format from the sound file; Text.is_modified
    # compares with the text file on disk.
    "Volume": {"grids"},
    "CacheFile": {"object_paths"},
    "Sound": {"samplerate", "channels"},
    "Text": {"is_modified"},
    # Normals are derived data, not stored: Blender computes them on demand
    # from the positions and topology (which are hashed) with multithreaded
    # accumulation, so their last bits differ between runs. Seen on the
    # data/demo-library meshes even after rounding to 6 digits: 0.224828 vs
    # 0.224829, and -1.48484e-07 vs -1.47593e-07 for a component that is 0
    # in exact arithmetic.
    "Mesh": {"vertex_normals", "polygon_normals"},
    "MeshVertex": {"normal"},
    "MeshPolygon": {"normal"},
    "MeshLoop": {"normal", "tangent", "bitangent", "bitangent_sign"},
    "MeshLoopTriangle": {"normal", "split_normals"},
}


# --------------------------------------------------------------------------
# Small helpers shared by both modes.

def fail(msg, status=1):
    """Print msg to stderr and exit with status. SystemExit also ends
    Blender, with this status, when raised from a --python script."""
    sys.stdout.flush()
    sys.stderr.write("blender-digest: %s\n" % msg)
    sys.stderr.flush()
    sys.exit(status)


def sha256_bytes(data):
    return hashlib.sha256(data).hexdigest()


def canonical_json(value):
    """The exact bytes that are hashed: sorted keys, no whitespace, UTF-8."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"), allow_nan=False).encode("utf-8")


# ==========================================================================
# Digest mode (inside Blender)
# ==========================================================================

def round_float(x):
    """Floats rounded to FLOAT_DIGITS significant digits; -0.0 is 0.0 and
    non-finite values become strings so that JSON stays valid."""
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    x = float("%.*g" % (FLOAT_DIGITS, x))
    return 0.0 if x == 0 else x


def garbled(s):
    """Blender's Python turns stored bytes that are not UTF-8 into NULs or
    lone surrogates, differently from run to run."""
    return any(c == "\0" or "\udc80" <= c <= "\udcff" for c in s)


def clean_str(s):
    return UNDECODABLE if garbled(s) else s


class Digester:
    """Everything that needs bpy. Created only in digest mode."""

    def __init__(self, bpy, mathutils):
        self.bpy = bpy
        self.math_types = (mathutils.Vector, mathutils.Color, mathutils.Euler,
                           mathutils.Quaternion)
        self.matrix_type = mathutils.Matrix
        self.ID = bpy.types.ID
        self.bpy_struct = bpy.types.bpy_struct
        self.ImagePreview = bpy.types.ImagePreview
        self.idprop_types = ()
        try:
            import idprop.types
            self.idprop_types = (idprop.types.IDPropertyGroup, idprop.types.IDPropertyArray)
        except ImportError:
            pass
        self._exclude_cache = {}

    # ---- names -----------------------------------------------------------

    def id_code(self, idb):
        for cls in type(idb).__mro__:
            code = ID_CODES.get(cls.__name__)
            if code:
                return code
        raise KeyError("no ID code for %r" % type(idb))

    def id_key(self, idb):
        """"CODE:NAME", plus the library path for linked IDs and a marker for
        embedded IDs (which are not in bpy.data and may share names)."""
        key = "%s:%s" % (self.id_code(idb), clean_str(idb.name))
        if idb.library is not None:
            key += " [lib %s]" % clean_str(idb.library.filepath)
        if idb.is_embedded_data:
            key += " [embedded]"
        return key

    # ---- values ----------------------------------------------------------

    def excluded(self, rna):
        """Identifiers of the properties of RNA struct type rna not walked."""
        ident = rna.identifier
        ex = self._exclude_cache.get(ident)
        if ex is None:
            ex = set(EXCLUDE_ANY)
            base = rna
            while base is not None:
                ex |= EXCLUDE_BY_TYPE.get(base.identifier, set())
                if base.identifier == "ID":
                    ex |= EXCLUDE_ID
                base = base.base
            self._exclude_cache[ident] = ex
        return ex

    def plain(self, v):
        """A JSON value for a non-struct property value (or an item of one)."""
        if v is None or isinstance(v, (bool, int)):
            return v
        if isinstance(v, float):
            return round_float(v)
        if isinstance(v, str):
            return clean_str(v)
        if isinstance(v, (bytes, bytearray)):
            return {"bytes": len(v), "sha256": sha256_bytes(bytes(v))}
        if isinstance(v, (set, frozenset)):  # enum flags
            return sorted(self.plain(x) for x in v)
        if isinstance(v, self.matrix_type):
            return [round_float(x) for row in v for x in row]
        if isinstance(v, self.math_types):
            return [round_float(x) for x in v]
        if isinstance(v, self.ID):
            return {"id": self.id_key(v)}
        if isinstance(v, self.bpy_struct):
            return {"struct": v.bl_rna.identifier}
        if self.idprop_types and isinstance(v, self.idprop_types[0]):
            return {str(k): self.plain(v[k]) for k in v.keys()}
        if self.idprop_types and isinstance(v, self.idprop_types[1]):
            return [self.plain(x) for x in v.to_list()]
        if isinstance(v, dict):
            return {str(k): self.plain(x) for k, x in v.items()}
        if hasattr(v, "__len__"):  # bpy_prop_array (possibly nested), lists
            return [self.plain(x) for x in v]
        return {"unsupported": type(v).__name__}

    def idprops(self, struct):
        """Custom properties (IDProperties) of struct, or None if it cannot
        have any or has none."""
        try:
            keys = list(struct.keys())
        except TypeError:  # struct type without ID properties
            return None
        if not keys:
            return None
        out = {}
        for k in keys:
            try:
                out[clean_str(k)] = self.plain(struct[k])
            except Exception as e:  # noqa: BLE001 (record, do not abort)
                out[clean_str(k)] = {"error": type(e).__name__}
        return out

    # ---- the walk --------------------------------------------------------

    def walk_id(self, idb):
        """The full walk of one ID: a list of struct records in walk order.
        Record 0 is the ID itself."""
        records = []        # record number -> {"type", "props", "idprops"}
        index = {}          # (address, RNA type) -> record number
        queue = deque()

        def visit(struct, depth):
            """A reference to struct, queueing it for walking if it is new."""
            key = (struct.as_pointer(), struct.bl_rna.identifier)
            n = index.get(key)
            if n is None:
                if depth > DEPTH_LIMIT:
                    return {"truncated": struct.bl_rna.identifier}
                n = len(records)
                index[key] = n
                records.append(None)
                queue.append((n, struct, depth))
            return {"#": n}

        def pointer(value, depth):
            if value is None:
                return None
            if isinstance(value, self.ID):
                if value.is_embedded_data:
                    # Owned by this ID (node tree, master collection): walk it
                    # with a fresh depth budget, as if it were the root.
                    return visit(value, 0)
                return {"id": self.id_key(value)}
            if isinstance(value, self.ImagePreview):
                return None  # previews are reported separately
            return visit(value, depth + 1)

        def collection(prop, value, depth):
            n = len(value)
            items = []
            for i, item in enumerate(value):
                if i >= COLLECTION_CAP:
                    break
                if isinstance(item, self.bpy_struct):
                    items.append(pointer(item, depth))
                else:
                    items.append(self.plain(item))
            out = {"count": n, "items": items}
            if n > COLLECTION_CAP:
                out["bulk"] = self.bulk(prop, value, n)
            return out

        def walk_struct(struct, depth):
            rec = {"type": struct.bl_rna.identifier, "props": {}}
            props = rec["props"]
            skip = self.excluded(struct.bl_rna)
            for prop in struct.bl_rna.properties:
                ident = prop.identifier
                if ident in skip:
                    continue
                try:
                    value = getattr(struct, ident)
                except UnicodeDecodeError:
                    props[ident] = UNDECODABLE
                    continue
                except Exception as e:  # noqa: BLE001 (some getters need a context)
                    props[ident] = {"error": type(e).__name__}
                    continue
                if prop.type == "POINTER":
                    props[ident] = pointer(value, depth)
                elif prop.type == "COLLECTION":
                    props[ident] = collection(prop, value, depth)
                else:
                    props[ident] = self.plain(value)
            custom = self.idprops(struct)
            if custom is not None:
                rec["idprops"] = custom
            return rec

        visit(idb, 0)
        while queue:
            n, struct, depth = queue.popleft()
            records[n] = walk_struct(struct, depth)
        return records

    def bulk(self, prop, value, n):
        """SHA-256 per numeric property over all n items of a long collection
        (big meshes), read with foreach_get: fast, and covers the items past
        COLLECTION_CAP."""
        out = {}
        skip = self.excluded(prop.fixed_type)
        for p in prop.fixed_type.properties:
            if p.type not in ("BOOLEAN", "INT", "FLOAT") or p.identifier in skip:
                continue
            length = getattr(p, "array_length", 0)
            if getattr(p, "is_array", length > 0) and length == 0:
                continue  # dynamic arrays cannot be read in bulk
            buf = [0] * (n * max(length, 1))
            try:
                value.foreach_get(p.identifier, buf)
            except Exception:  # noqa: BLE001 (not every property supports it)
                continue
            if p.type == "FLOAT":
                buf = [round_float(x) for x in buf]  # same rounding as single values
            out[p.identifier] = sha256_bytes(canonical_json(buf))
        return out

    # ---- previews, assets, summaries -------------------------------------

    @staticmethod
    def pixels_top_down(pixels, w, h):
        """SHA-256 of RGBA8 rows top-down from ImagePreview pixels (ints
        R | G<<8 | B<<16 | A<<24, rows bottom-up)."""
        if w <= 0 or h <= 0:
            return sha256_bytes(b"")
        ints = array.array("i", [0]) * (w * h)
        pixels.foreach_get(ints)
        raw = ints.tobytes()
        if sys.byteorder != "little":
            swapped = array.array("i", raw)
            swapped.byteswap()
            raw = swapped.tobytes()
        stride = w * 4
        return sha256_bytes(b"".join(raw[r * stride:(r + 1) * stride] for r in range(h - 1, -1, -1)))

    def preview(self, idb):
        # id.preview returns the stored PreviewImage or None; it never creates
        # one (preview_ensure() would, and is not called).
        prv = idb.preview
        if prv is None:
            return None
        w, h = prv.image_size
        iw, ih = prv.icon_size
        return {
            "size": [w, h],
            "sha256": self.pixels_top_down(prv.image_pixels, w, h),
            "icon_size": [iw, ih],
            "icon_sha256": self.pixels_top_down(prv.icon_pixels, iw, ih),
            "is_image_custom": prv.is_image_custom,
            "is_icon_custom": prv.is_icon_custom,
        }

    def asset(self, idb):
        ad = idb.asset_data
        if ad is None:
            return None
        out = {}
        for prop in ad.bl_rna.properties:
            ident = prop.identifier
            if ident == "rna_type":
                continue
            try:
                if ident == "tags":
                    out["tags"] = [clean_str(t.name) for t in ad.tags]
                elif prop.type in ("POINTER", "COLLECTION"):
                    continue  # none in 3.4; added ones would need a rule here
                else:
                    out[ident] = self.plain(getattr(ad, ident))
            except UnicodeDecodeError:
                out[ident] = UNDECODABLE
        out["idprops"] = self.idprops(ad) or {}
        return out

    def summary(self, idb, code):
        """Human-readable extras, so that a failed comparison says more than
        "the hashes differ". All of it is also covered by "data"."""
        s = {}
        if code == "OB":
            s["type"] = idb.type
            s["data"] = self.id_key(idb.data) if idb.data is not None else None
            for attr in ("location", "rotation_euler", "scale"):
                s[attr] = self.plain(getattr(idb, attr))
        elif code == "ME":
            for attr in ("vertices", "edges", "polygons", "loops"):
                s[attr] = len(getattr(idb, attr))
        elif code == "GR":
            s["objects"] = len(idb.objects)
            s["children"] = len(idb.children)
        elif code == "AC":
            s["fcurves"] = len(idb.fcurves)
            s["frame_range"] = self.plain(idb.frame_range)
        elif code == "IM":
            s["source"] = idb.source
        tree = idb if code == "NT" else getattr(idb, "node_tree", None)
        if isinstance(tree, self.bpy.types.NodeTree):
            s["nodes"] = len(tree.nodes)
            s["links"] = len(tree.links)
        if hasattr(idb, "use_nodes"):
            s["use_nodes"] = idb.use_nodes
        s["users"] = idb.users
        return s

    # ---- the whole file --------------------------------------------------

    def digest(self, load_ui, messages):
        bpy = self.bpy
        ids, counts, dumps = {}, {}, {}
        for cprop in bpy.data.bl_rna.properties:
            if cprop.type != "COLLECTION":
                continue
            coll = getattr(bpy.data, cprop.identifier)
            for idb in coll:
                if not isinstance(idb, self.ID) or idb.library is not None:
                    continue
                code = self.id_code(idb)
                if code in NEVER_CODES or (code in LOAD_UI_CODES and not load_ui):
                    continue
                key = self.id_key(idb)
                if key in ids:
                    fail("two IDs are both keyed %r" % key)
                records = self.walk_id(idb)
                ids[key] = {
                    "rna": type(idb).__name__,
                    "data": sha256_bytes(canonical_json(records)),
                    "summary": self.summary(idb, code),
                    "preview": self.preview(idb),
                    "asset": self.asset(idb),
                }
                dumps[key] = records
                counts[code] = counts.get(code, 0) + 1
        digest = {
            "blender": bpy.app.version_string,
            "settings": {"depth_limit": DEPTH_LIMIT, "collection_cap": COLLECTION_CAP,
                         "float_digits": FLOAT_DIGITS},
            "file": {"version": list(bpy.data.version), "ui_loaded": load_ui,
                     "messages": messages},
            "counts": counts,
            "ids": ids,
        }
        return digest, dumps


def open_blend(bpy, path, load_ui):
    """Open path in Blender; exit non-zero if it fails or Blender reports an
    error or warning (e.g. missing libraries) while opening it. Returns the
    BENIGN_MESSAGES that were printed."""
    if not os.path.isfile(path):
        fail("no such file: %s" % path)
    # Blender prints its reports to stdout/stderr from C: capture both file
    # descriptors around the call, then replay what was printed.
    try:
        import ctypes
        libc_fflush = ctypes.CDLL(None).fflush
    except Exception:  # noqa: BLE001
        libc_fflush = None

    def flush_all():
        sys.stdout.flush()
        sys.stderr.flush()
        if libc_fflush is not None:
            libc_fflush(None)

    capture = tempfile.TemporaryFile()
    saved = [os.dup(1), os.dup(2)]
    flush_all()
    os.dup2(capture.fileno(), 1)
    os.dup2(capture.fileno(), 2)
    error = None
    try:
        result = bpy.ops.wm.open_mainfile(filepath=path, load_ui=load_ui)
    except Exception as e:  # noqa: BLE001 (RuntimeError with Blender's report)
        result, error = None, str(e)
    finally:
        flush_all()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])
    capture.seek(0)
    printed = capture.read().decode("utf-8", "replace")
    capture.close()
    sys.stdout.write(printed)
    sys.stdout.flush()

    if error is not None:
        fail("Blender failed to open %s: %s" % (path, error.strip()))
    if result != {"FINISHED"}:
        fail("Blender did not open %s (operator returned %r)" % (path, result))
    reported = [line.strip() for line in printed.splitlines()
                if line.lstrip().lower().startswith(("error", "warning"))
                or "ERROR" in line or "WARN" in line]
    problems = [line for line in reported if line not in BENIGN_MESSAGES]
    if problems:
        fail("Blender reported problems opening %s:\n  %s" % (path, "\n  ".join(problems)))
    if os.path.realpath(bpy.data.filepath) != os.path.realpath(path):
        fail("Blender has %r open instead of %s" % (bpy.data.filepath, path))
    return sorted(set(reported))


def digest_main(bpy, args):
    usage = ("usage: blender -b --factory-startup --python-exit-code 1 --python blender-digest.py"
             " -- FILE.blend OUT.json [--load-ui] [--dump FULL.json]")
    load_ui, dump_path, pos = False, None, []
    it = iter(args)
    for a in it:
        if a == "--load-ui":
            load_ui = True
        elif a == "--dump":
            dump_path = next(it, None)
            if dump_path is None:
                fail(usage, 2)
        elif a.startswith("--"):
            fail("unknown option %s\n%s" % (a, usage), 2)
        else:
            pos.append(a)
    if len(pos) != 2:
        fail(usage, 2)
    path, out_path = os.path.abspath(pos[0]), pos[1]

    import mathutils
    messages = open_blend(bpy, path, load_ui)
    digest, dumps = Digester(bpy, mathutils).digest(load_ui, messages)
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(digest, fh, sort_keys=True, ensure_ascii=False, indent=1, allow_nan=False)
        fh.write("\n")
    if dump_path:
        with open(dump_path, "w", encoding="utf-8") as fh:
            json.dump(dumps, fh, sort_keys=True, ensure_ascii=False, indent=1, allow_nan=False)
            fh.write("\n")
    n_assets = sum(1 for e in digest["ids"].values() if e["asset"] is not None)
    print("DIGEST %s: %d IDs, %d assets -> %s" % (pos[0], len(digest["ids"]), n_assets, out_path))


# ==========================================================================
# Compare mode (plain Python)
# ==========================================================================

def show(v):
    return json.dumps(v, ensure_ascii=False, sort_keys=True)


def compare(before, after, expect):
    """All differences between two digests given the expected asset edits,
    as printable lines."""
    diffs = []
    nothing = object()  # "no expected value to print" (None is a value)

    def diff(key, field, b, a, e=nothing, note=None):
        line = "%s: %s: before %s, after %s" % (key, field, show(b), show(a))
        if e is not nothing:
            line += ", expected %s" % show(e)
        if note:
            line += " (%s)" % note
        diffs.append(line)

    for field in ("blender", "settings", "file"):
        if before.get(field) != after.get(field):
            diff("(file)", field, before.get(field), after.get(field))

    b_ids, a_ids = before["ids"], after["ids"]
    for key in sorted(set(b_ids) - set(a_ids)):
        diffs.append("%s: missing after the edit" % key)
    for key in sorted(set(a_ids) - set(b_ids)):
        diffs.append("%s: new after the edit" % key)
    for key in sorted(set(expect) - set(b_ids)):
        diffs.append("%s: in EXPECT but not in BEFORE" % key)

    for key in sorted(set(b_ids) & set(a_ids)):
        b, a = b_ids[key], a_ids[key]
        if b.get("rna") != a.get("rna"):
            diff(key, "rna", b.get("rna"), a.get("rna"))
        if b["data"] != a["data"]:
            diff(key, "data", b["data"], a["data"])
            # The summary says what changed, where it covers it.
            bs, as_ = b.get("summary") or {}, a.get("summary") or {}
            for f in sorted(set(bs) | set(as_)):
                if bs.get(f) != as_.get(f):
                    diff(key, "summary." + f, bs.get(f), as_.get(f))
        if b["preview"] != a["preview"]:
            bp, ap = b["preview"] or {}, a["preview"] or {}
            if b["preview"] is None or a["preview"] is None:
                diff(key, "preview", b["preview"], a["preview"])
            for f in sorted(set(bp) | set(ap)) if bp and ap else ():
                if bp.get(f) != ap.get(f):
                    diff(key, "preview." + f, bp.get(f), ap.get(f))

        ba, aa = b["asset"], a["asset"]
        if key not in expect:
            if ba != aa:
                if ba is None or aa is None:
                    diff(key, "asset", ba, aa, note="not in EXPECT, must be unchanged")
                else:
                    for f in sorted(set(ba) | set(aa)):
                        if ba.get(f) != aa.get(f):
                            diff(key, "asset." + f, ba.get(f), aa.get(f),
                                 note="not in EXPECT, must be unchanged")
            continue

        exp = expect[key]
        if exp is None:  # the ID must no longer be an asset
            if aa is not None:
                diff(key, "asset", ba, aa, None, note="EXPECT says: no longer an asset")
            continue
        if not isinstance(exp, dict):
            diffs.append("%s: EXPECT value must be an object or null, not %s" % (key, show(exp)))
            continue
        if ba is None:
            diffs.append("%s: in EXPECT but not an asset in BEFORE" % key)
            continue
        if aa is None:
            diff(key, "asset", ba, aa, exp)
            continue
        for f in sorted(set(exp) - set(ba)):
            diffs.append("%s: asset.%s: EXPECT sets a field this Blender does not have"
                         " (asset fields here: %s)" % (key, f, ", ".join(sorted(ba))))
        for f in sorted(set(ba) | set(aa)):
            want = exp[f] if f in exp else ba.get(f)
            if aa.get(f) != want:
                diff(key, "asset." + f, ba.get(f), aa.get(f), want,
                     note=None if f in exp else "not in EXPECT, must be unchanged")
    return diffs


def compare_main(args):
    if len(args) != 3:
        fail("usage: python3 blender-digest.py --compare BEFORE.json AFTER.json EXPECT.json", 2)
    docs = []
    for path in args:
        try:
            with open(path, encoding="utf-8") as fh:
                docs.append(json.load(fh))
        except (OSError, ValueError) as e:
            fail("cannot read %s: %s" % (path, e), 2)
    before, after, expect = docs
    for path, doc in zip(args[:2], (before, after)):
        if not isinstance(doc, dict) or not isinstance(doc.get("ids"), dict):
            fail("%s is not a blender-digest.py digest" % path, 2)
    if not isinstance(expect, dict):
        fail("%s must be a JSON object {\"CODE:NAME\": {...}}" % args[2], 2)

    diffs = compare(before, after, expect)
    for line in diffs:
        print("DIFF " + line)
    if diffs:
        print("%d difference(s) between %s and %s" % (len(diffs), args[0], args[1]))
        sys.stdout.flush()
        return 1
    print("OK: %s matches %s with the edits in %s (%d IDs, %d edited)"
          % (args[1], args[0], args[2], len(after["ids"]), len(expect)))
    return 0


# ==========================================================================

def main():
    argv = sys.argv[1:]
    # Plain python3: "blender-digest.py --compare ...".
    if argv[:1] == ["--compare"]:
        sys.exit(compare_main(argv[1:]))
    try:
        import bpy
    except ImportError:
        fail("run inside Blender (blender -b --python %s -- FILE.blend OUT.json)"
             " or as: python3 %s --compare BEFORE.json AFTER.json EXPECT.json"
             % (sys.argv[0], sys.argv[0]), 2)
    if "--" not in sys.argv:
        fail("missing '--' before the script's arguments", 2)
    args = sys.argv[sys.argv.index("--") + 1:]
    if args[:1] == ["--compare"]:
        sys.exit(compare_main(args[1:]))
    digest_main(bpy, args)


if __name__ == "__main__":
    main()
