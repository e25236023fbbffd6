# SPDX-License-Identifier: GPL-3.0-or-later
"""Report what Blender itself reads from an asset library, as JSON (the
"oracle" for Trove's .blend reader and scanner tests).

    blender -b --factory-startup --python-exit-code 1 \
            --python tests/data/blender-report.py -- LIBRARY_ROOT OUT.json

The library is walked like Blender's Asset Browser does: recursively, taking
files whose names end in ".blend", ".ble" or ".blend.gz" (case-insensitive,
BLO_has_bfile_extension) and skipping every file or folder whose name starts
with "." (hidden), backups such as ".blend1" and any other file. Each library
file is read twice:

 (a) bpy.data.libraries.load(path, assets_only=True): the asset names Blender's
     library reader lists per ID collection ("assets_only_names"). This decides
     WHICH assets are reported: Blender lists only linkable ID types (never
     screens, window managers, shape keys...), whatever their asset_data;
 (b) bpy.ops.wm.open_mainfile(load_ui=True): the metadata and preview of each
     of those assets (load_ui, so that workspace assets are loaded too).

(a) and (b) must agree, and every asset must be an ID block with asset_data in
the file (checked by a minimal raw parse of the block headers); disagreements
are printed as warnings and listed under "warnings" in the output. A metadata
string Blender's Python cannot decode (Blender can store invalid UTF-8, e.g.
a simple name cut at 63 bytes inside a character) is reported as null and
named in the asset's "undecodable" list.

Nothing here writes to the library: the files are opened, never saved, and in
background mode Blender does not render previews, so what is reported is what
is stored in the files.
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

NIL_UUID = "00000000-0000-0000-0000-000000000000"

# bpy type -> two-letter ID code of the .blend block (DNA_ID_enums.h). Looked
# up through the class's MRO so subclasses (GeometryNodeTree, CloudsTexture,
# TextCurve ...) resolve to their base type.
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

# ID codes of types that cannot be linked (IDTYPE_FLAGS_NO_LIBLINKING) and
# placeholders: Blender's library reader never lists them. Screens are saved
# under the old code SN.
NOT_LINKABLE = {b"ID", b"LI", b"KE", b"IP", b"SN", b"SR", b"WM"}

warnings = []


def warn(msg):
    print("WARNING:", msg)
    warnings.append(msg)


def id_code(idb):
    for cls in type(idb).__mro__:
        if cls.__name__ in ID_CODES:
            return ID_CODES[cls.__name__]
    raise KeyError("no ID code for %r" % type(idb))


def byte_key(s):
    return s.encode("utf-8", "surrogateescape")


def walk(root):
    """Return (library files, skipped entries), paths relative to root with
    '/' separators, in byte order."""
    blends, skipped = [], []

    def rec(rel_dir):
        abs_dir = os.path.join(root, rel_dir)
        for name in sorted(os.listdir(abs_dir), key=byte_key):
            rel = name if not rel_dir else rel_dir + "/" + name
            full = os.path.join(abs_dir, name)
            is_dir = os.path.isdir(full)
            if name.startswith("."):
                skipped.append({"path": rel, "reason": "hidden directory" if is_dir else "hidden file"})
            elif is_dir:
                rec(rel)
            elif name.lower().endswith((".blend", ".ble", ".blend.gz")):
                blends.append(rel)
            else:
                skipped.append({"path": rel, "reason": "not a .blend file"})

    rec("")
    return sorted(blends, key=byte_key), skipped


def raw_asset_blocks(path):
    """(code, name) of every ID block whose asset_data pointer is non-NULL,
    from the block headers of the file (Blender 3.x layout: 12-byte header,
    64-bit little-endian BHeads, ID.asset_data at offset 32 and ID.name at
    offset 40 of the ID struct). None if the file cannot be decoded here."""
    with open(path, "rb") as fh:
        data = fh.read()
    if data[:4] == b"\x28\xb5\x2f\xfd":
        if not shutil.which("zstd"):
            return None
        data = subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout
    elif data[:2] == b"\x1f\x8b":
        import gzip
        data = gzip.decompress(data)
    if data[:9] != b"BLENDER-v":  # only 64-bit little-endian v0 headers here
        return None
    out, off = set(), 12
    while off + 24 <= len(data):
        code, length = data[off:off + 4], struct.unpack_from("<i", data, off + 4)[0]
        if code == b"ENDB":
            break
        # Linkable ID types only: Blender never lists the others as assets.
        if code[2:] == b"\0\0" and code[:2].isalpha() and code[:2] not in NOT_LINKABLE:
            payload = data[off + 24:off + 24 + length]
            (asset_ptr,) = struct.unpack_from("<Q", payload, 32)
            name = payload[40:40 + 66].split(b"\0", 1)[0]
            if asset_ptr:
                out.add((name[:2].decode(), name[2:].decode("utf-8", "surrogateescape")))
        off += 24 + length
    return out


def preview_info(idb):
    """None if there is no preview image, else its size and the SHA-256 of
    its RGBA8 pixels with rows top-down."""
    prv = idb.preview
    if prv is None:
        return None
    w, h = prv.image_size
    if w == 0 or h == 0:
        return None
    ints = array.array("i", [0]) * (w * h)
    prv.image_pixels.foreach_get(ints)
    # image_pixels copies the rect's memory as ints (R | G<<8 | B<<16 | A<<24
    # on little-endian machines); their native bytes are R, G, B, A, exactly
    # as stored in the .blend (bottom row first).
    raw = ints.tobytes()
    stride = w * 4
    top_down = b"".join(raw[r * stride:(r + 1) * stride] for r in range(h - 1, -1, -1))
    return {"width": w, "height": h, "sha256": hashlib.sha256(top_down).hexdigest()}


def garbled(value):
    """Blender's Python turns stored bytes that are not UTF-8 into NULs or
    lone surrogates, depending on the run: no reliable value to report."""
    if isinstance(value, list):
        return any(garbled(v) for v in value)
    return isinstance(value, str) and any(c == "\0" or "\udc80" <= c <= "\udcff" for c in value)


def decoded(undecodable, field, get):
    """get(), or None (and the field named in undecodable) when Blender's
    Python cannot decode what is stored."""
    try:
        value = get()
    except UnicodeDecodeError:
        value = None
    if value is None or garbled(value):
        undecodable.append(field)
        return None
    return value


def asset_entry(rel, idb, ad):
    undecodable = []
    entry = {
        "file": rel,
        "id_type": id_code(idb),
        "name": idb.name,
        "description": decoded(undecodable, "description", lambda: ad.description),
        "author": decoded(undecodable, "author", lambda: ad.author),
        # Blender 3.4 has no copyright/license fields (added in 3.5).
        "copyright": decoded(undecodable, "copyright", lambda: getattr(ad, "copyright", "")),
        "license": decoded(undecodable, "license", lambda: getattr(ad, "license", "")),
        "tags": decoded(undecodable, "tags", lambda: [t.name for t in ad.tags]),
        "catalog_id": ad.catalog_id.lower() or NIL_UUID,
        "catalog_simple_name": decoded(undecodable, "catalog_simple_name",
                                       lambda: ad.catalog_simple_name),
        "preview": preview_info(idb),
    }
    if undecodable:
        entry["undecodable"] = undecodable
    return entry


def report_file(root, rel):
    path = os.path.abspath(os.path.join(root, rel))

    # (a) Blender's library reader, assets only.
    assets_only = {}
    with bpy.data.libraries.load(path, assets_only=True) as (data_from, _data_to):
        attrs = [a for a in dir(data_from) if not a.startswith("_")]
        for attr in attrs:
            names = list(getattr(data_from, attr))
            if names:
                assets_only[attr] = sorted(names, key=byte_key)

    # (b) Open the file and read the metadata of the assets (a) lists.
    bpy.ops.wm.open_mainfile(filepath=path, load_ui=True)
    assets, seen = [], {}
    for attr in attrs:
        coll = getattr(bpy.data, attr, None)
        if coll is None:
            continue
        for idb in coll:
            ad = idb.asset_data
            if ad is None or idb.library is not None:
                continue
            seen.setdefault(attr, []).append(idb.name)
            if idb.name in assets_only.get(attr, ()):
                assets.append(asset_entry(rel, idb, ad))
    assets.sort(key=lambda a: (a["id_type"], byte_key(a["name"])))

    # Cross-checks.
    seen = {k: sorted(v, key=byte_key) for k, v in seen.items()}
    if seen != assets_only:
        warn("%s: libraries.load(assets_only=True) lists %r but the opened file has %r"
             % (rel, assets_only, seen))
    raw = raw_asset_blocks(path)
    if raw is None:
        warn("%s: raw block check skipped (cannot decode file here)" % rel)
    elif raw != {(a["id_type"], a["name"]) for a in assets}:
        warn("%s: ID blocks with asset_data %r differ from the report %r"
             % (rel, sorted(raw), sorted((a["id_type"], a["name"]) for a in assets)))
    return {"file": rel, "assets": assets, "assets_only_names": assets_only}


def main():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    if len(argv) != 2:
        raise SystemExit("usage: blender -b --factory-startup --python blender-report.py -- ROOT OUT.json")
    root, out_path = argv
    blends, skipped = walk(root)
    files = []
    for rel in blends:
        try:
            files.append(report_file(root, rel))
        except Exception as e:  # unreadable or not a .blend after all
            skipped.append({"path": rel, "reason": "unreadable: %s" % e})
    skipped.sort(key=lambda s: byte_key(s["path"]))
    report = {
        "blender_version": bpy.app.version_string,
        "library": root,
        "files": files,
        "skipped_or_unreadable": skipped,
    }
    if warnings:
        report["warnings"] = warnings
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(report, fh, ensure_ascii=False, indent=1, sort_keys=False)
        fh.write("\n")
    print("REPORT %s: %d files, %d assets, %d skipped, %d warnings"
          % (out_path, len(files), sum(len(f["assets"]) for f in files), len(skipped), len(warnings)))


main()
