# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the benchmark asset library: N .blend files with M material assets
# each, every asset carrying a 128x128 preview, a description, an author, tags
# and a catalog. Run inside ONE Blender process:
#
#   blender -b --factory-startup --python bench/make-bench-library.py -- \
#       OUTDIR [--files 1000] [--assets-per-file 10] [--folders 10] \
#       [--preview-size 128]
#
# One file's content is built once; for each output file the materials are
# renamed (Mat_0001_03), their metadata and preview varied, and the file saved
# with save_as_mainfile(copy=True). Even-numbered files are saved zstd-compressed
# (compress=True), odd ones uncompressed. Files go into FOLDERS subfolders
# (bench_00 .. bench_09) and a blender_assets.cats.txt is written at the root.
#
# OUTDIR must not exist or be empty. When everything is written, the file
# OUTDIR/.trove-bench-stamp is created; its absence means "incomplete".
# Prints one machine-readable line at the end:
#   GENERATED files=1000 assets=10000 bytes=... seconds=...

import argparse
import array
import os
import random
import sys
import time
import uuid

import bpy

STAMP_NAME = ".trove-bench-stamp"
CATALOG_FILE = "blender_assets.cats.txt"
# Fixed namespace so catalog UUIDs are the same in every generated library.
CATALOG_NAMESPACE = uuid.UUID("5b0f3c1e-7d2a-4c55-9a37-2f1e8d6b0c41")
CATALOG_PATHS = [
    "Bench",
    "Bench/Metals",
    "Bench/Metals/Brushed",
    "Bench/Metals/Rusty",
    "Bench/Stone",
    "Bench/Stone/Marble",
    "Bench/Wood",
    "Bench/Wood/Oak",
    "Bench/Fabric",
    "Bench/Plastic",
]
TAG_WORDS = ["bench", "pbr", "procedural", "glossy", "matte", "dirty", "clean",
             "warm", "cold", "tiling", "stylised", "realistic"]


def parse_args():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    parser = argparse.ArgumentParser(prog="make-bench-library.py")
    parser.add_argument("outdir")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--assets-per-file", type=int, default=10)
    parser.add_argument("--folders", type=int, default=10)
    parser.add_argument("--preview-size", type=int, default=128)
    return parser.parse_args(argv)


def catalog_uuid(path):
    return str(uuid.uuid5(CATALOG_NAMESPACE, path))


def write_catalogs(outdir):
    lines = [
        "# This is an Asset Catalog Definition file for Blender.",
        "#",
        "# Empty lines and lines starting with `#` will be ignored.",
        "# The first non-ignored line should be the version indicator.",
        '# Other lines are of the format "UUID:catalog/path/for/assets:simple catalog name"',
        "",
        "VERSION 1",
        "",
    ]
    for path in sorted(CATALOG_PATHS):
        simple = path.replace("/", "-")
        lines.append(f"{catalog_uuid(path)}:{path}:{simple}")
    with open(os.path.join(outdir, CATALOG_FILE), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def make_base_preview(slot, size):
    """A deterministic gradient with a pseudo-random grain, packed as the
    32-bit RGBA ints that ImagePreview.image_pixels expects (R in the low byte
    on little-endian machines, which is Blender's in-memory byte order)."""
    rng = random.Random(1000 + slot)
    r0, g0, b0 = (rng.randrange(40, 216) for _ in range(3))
    buf = bytearray(size * size * 4)
    i = 0
    for y in range(size):
        for x in range(size):
            grain = rng.randrange(-12, 13)
            shade = (x + y) * 48 // (2 * size)
            buf[i] = max(0, min(255, r0 + shade + grain))
            buf[i + 1] = max(0, min(255, g0 + (x * 32) // size + grain))
            buf[i + 2] = max(0, min(255, b0 + (y * 32) // size + grain))
            buf[i + 3] = 255
            i += 4
    pixels = array.array("i")
    pixels.frombytes(bytes(buf))
    return pixels


def main():
    args = parse_args()
    outdir = os.path.abspath(args.outdir)
    if os.path.isdir(outdir) and os.listdir(outdir):
        print(f"make-bench-library: {outdir} is not empty; refusing to write into it",
              file=sys.stderr)
        sys.exit(1)
    os.makedirs(outdir, exist_ok=True)

    start = time.perf_counter()

    bpy.ops.wm.read_factory_settings(use_empty=True)
    # Never leave .blend1 backups around.
    bpy.context.preferences.filepaths.save_version = 0

    size = args.preview_size
    n_pixels = size * size
    base_previews = [make_base_preview(m, size) for m in range(args.assets_per_file)]

    materials = []
    for m in range(args.assets_per_file):
        mat = bpy.data.materials.new(f"Mat_0000_{m:02d}")
        mat.use_nodes = True  # a Principled BSDF node tree, like a real material
        mat.asset_mark()
        mat.asset_data.author = "Trove benchmark"
        prv = mat.preview_ensure()
        prv.image_size = (size, size)
        materials.append(mat)

    folder_names = [f"bench_{d:02d}" for d in range(args.folders)]
    for name in folder_names:
        os.makedirs(os.path.join(outdir, name), exist_ok=True)
    write_catalogs(outdir)

    files_per_folder = -(-args.files // args.folders)  # ceiling division
    total_bytes = 0
    for f in range(args.files):
        for m, mat in enumerate(materials):
            mat.name = f"Mat_{f:04d}_{m:02d}"
            hue = ((f * 37 + m * 11) % 256) / 255.0
            mat.diffuse_color = (hue, 1.0 - hue, 0.5, 1.0)
            bsdf = mat.node_tree.nodes.get("Principled BSDF")
            if bsdf is not None:
                bsdf.inputs["Base Color"].default_value = (hue, 1.0 - hue, 0.5, 1.0)
                bsdf.inputs["Roughness"].default_value = ((f + m) % 10) / 10.0
            data = mat.asset_data
            data.description = (f"Benchmark material {m} of file {f}: "
                                f"a generated test asset for Trove's scan benchmark.")
            data.catalog_id = catalog_uuid(CATALOG_PATHS[(f + m) % len(CATALOG_PATHS)])
            while data.tags:
                data.tags.remove(data.tags[0])
            data.tags.new(TAG_WORDS[0])
            data.tags.new(TAG_WORDS[1 + (f + m) % (len(TAG_WORDS) - 1)])
            data.tags.new(f"file{f % 100:02d}")
            # Vary the preview per file by rotating the base image's pixels.
            k = (f * 997 + m * 131) % n_pixels
            base = base_previews[m]
            mat.preview.image_pixels.foreach_set(base[k:] + base[:k])

        folder = folder_names[f // files_per_folder]
        path = os.path.join(outdir, folder, f"bench_{f:04d}.blend")
        compress = f % 2 == 0
        result = bpy.ops.wm.save_as_mainfile(filepath=path, compress=compress, copy=True,
                                             check_existing=False)
        if result != {"FINISHED"}:
            print(f"make-bench-library: saving {path} failed: {result}", file=sys.stderr)
            sys.exit(1)
        total_bytes += os.path.getsize(path)
        if (f + 1) % 100 == 0 or f + 1 == args.files:
            print(f"make-bench-library: {f + 1}/{args.files} files, "
                  f"{time.perf_counter() - start:.1f} s", flush=True)

    seconds = time.perf_counter() - start
    n_assets = args.files * args.assets_per_file
    with open(os.path.join(outdir, STAMP_NAME), "w", encoding="utf-8") as stamp:
        stamp.write(f"files={args.files}\n"
                    f"assets_per_file={args.assets_per_file}\n"
                    f"folders={args.folders}\n"
                    f"preview_size={size}\n"
                    f"blender={bpy.app.version_string}\n"
                    f"bytes={total_bytes}\n"
                    f"seconds={seconds:.3f}\n")
    print(f"GENERATED files={args.files} assets={n_assets} bytes={total_bytes} "
          f"seconds={seconds:.3f}", flush=True)


try:
    main()
except SystemExit:
    raise
except BaseException:
    import traceback
    traceback.print_exc()
    sys.exit(1)
