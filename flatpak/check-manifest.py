#!/usr/bin/env python3
# check-manifest.py: lint the Flatpak manifest against the Meson project.
#
# The manifest cannot be built here (the GNOME runtime cannot be downloaded),
# so this checks what can go stale without anyone noticing:
#
#   - the manifest is valid JSON;
#   - its id (app-id or id) is the Meson app id plus ".Devel";
#   - the command is `trove`;
#   - the runtime is org.gnome.Platform with the org.gnome.Sdk SDK, and a
#     runtime-version is set;
#   - the last module builds this repository with Meson, in the development
#     profile;
#   - every dependency('…') of the Meson project (the top-level meson.build
#     and every meson.build it reaches through subdir()) is either in the
#     GNOME runtime (GNOME_RUNTIME_PROVIDES below) or built by a module of
#     the manifest.
#
# Usage: check-manifest.py MANIFEST.json TOP-LEVEL/meson.build
#
# Python 3 standard library only. Exit status 0 when every check passes,
# 1 when one fails, 2 on bad usage.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import sys

COMMAND = "trove"
RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"

# pkg-config names that the GNOME runtime (org.gnome.Platform, which builds on
# the freedesktop SDK) ships, so the manifest need not build them. Keep this
# to libraries that really are in the runtime: a dependency missing from
# here and from the manifest's modules fails the check, which is the point.
GNOME_RUNTIME_PROVIDES = {
    # GLib (GNOME)
    "glib-2.0",
    "gio-2.0",
    "gio-unix-2.0",
    "gobject-2.0",
    "gmodule-2.0",
    # Toolkit (GNOME)
    "gtk4",
    "libadwaita-1",
    "gdk-pixbuf-2.0",
    "cairo",
    "pango",
    "pangocairo",
    "graphene-gobject-1.0",
    "json-glib-1.0",
    # Compression (freedesktop SDK)
    "libzstd",
    "zlib",
}

# Dependencies that Meson resolves itself, without pkg-config.
MESON_BUILTIN_DEPENDENCIES = {"threads", "dl", "intl", "iconv", "openmp"}

DEPENDENCY_RE = re.compile(r"""\bdependency\(\s*['"]([^'"]+)['"]""")
SUBDIR_RE = re.compile(r"""\bsubdir\(\s*['"]([^'"]+)['"]""")
APP_ID_RE = re.compile(r"""^\s*app_id\s*=\s*['"]([^'"]+)['"]""", re.MULTILINE)


def strip_comments(text):
    """Remove Meson comments (# to the end of the line, outside strings)."""
    lines = []
    for line in text.splitlines():
        out = []
        quote = None
        for ch in line:
            if quote:
                out.append(ch)
                if ch == quote:
                    quote = None
            elif ch in "'\"":
                quote = ch
                out.append(ch)
            elif ch == "#":
                break
            else:
                out.append(ch)
        lines.append("".join(out))
    return "\n".join(lines)


def meson_files(top_meson):
    """The top meson.build and every meson.build reached through subdir()."""
    seen = []
    pending = [os.path.abspath(top_meson)]
    while pending:
        path = pending.pop(0)
        if path in seen or not os.path.isfile(path):
            continue
        seen.append(path)
        with open(path, encoding="utf-8") as f:
            text = strip_comments(f.read())
        here = os.path.dirname(path)
        for sub in SUBDIR_RE.findall(text):
            pending.append(os.path.join(here, sub, "meson.build"))
    return seen


def normalise(name):
    """'libadwaita-1' -> 'adwaita', 'json-glib-1.0' -> 'json-glib'."""
    name = name.lower()
    name = re.sub(r"-\d+(\.\d+)*$", "", name)
    if name.startswith("lib") and len(name) > 3:
        name = name[3:]
    return name


def iter_modules(modules, manifest_dir, errors):
    """Every module of the manifest, nested ones and included files too."""
    for module in modules:
        if isinstance(module, str):
            path = os.path.join(manifest_dir, module)
            try:
                with open(path, encoding="utf-8") as f:
                    module = json.load(f)
            except (OSError, ValueError) as e:
                errors.append(f"module file {module!r} cannot be read: {e}")
                continue
        if not isinstance(module, dict):
            errors.append(f"a module is neither an object nor a file name: {module!r}")
            continue
        yield module
        yield from iter_modules(module.get("modules", []), manifest_dir, errors)


def main(argv):
    if len(argv) != 3:
        print(f"usage: {argv[0]} MANIFEST.json meson.build", file=sys.stderr)
        return 2
    manifest_path, meson_path = argv[1], argv[2]
    manifest_dir = os.path.dirname(os.path.abspath(manifest_path))
    source_root = os.path.dirname(os.path.abspath(meson_path))
    errors = []

    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f"FAIL: {manifest_path}: not valid JSON: {e}")
        return 1
    if not isinstance(manifest, dict):
        print(f"FAIL: {manifest_path}: the top level is not an object")
        return 1

    try:
        with open(meson_path, encoding="utf-8") as f:
            top_meson = strip_comments(f.read())
    except OSError as e:
        print(f"FAIL: {meson_path}: {e}", file=sys.stderr)
        return 1

    # The id.
    m = APP_ID_RE.search(top_meson)
    if not m:
        errors.append(f"{meson_path}: no `app_id = '…'` line")
    else:
        want = m.group(1) + ".Devel"
        ids = {k: manifest[k] for k in ("app-id", "id") if k in manifest}
        if not ids:
            errors.append("the manifest has neither app-id nor id")
        for key, value in ids.items():
            if value != want:
                errors.append(f"{key} is {value!r}, expected {want!r} (the Meson app id in the development profile)")

    # Command and runtime.
    if manifest.get("command") != COMMAND:
        errors.append(f"command is {manifest.get('command')!r}, expected {COMMAND!r}")
    if manifest.get("runtime") != RUNTIME:
        errors.append(f"runtime is {manifest.get('runtime')!r}, expected {RUNTIME!r}")
    if manifest.get("sdk") != SDK:
        errors.append(f"sdk is {manifest.get('sdk')!r}, expected {SDK!r}")
    if not isinstance(manifest.get("runtime-version"), str) or not manifest.get("runtime-version"):
        errors.append("runtime-version is missing (it must be a string such as \"50\")")

    finish_args = manifest.get("finish-args", [])
    if not isinstance(finish_args, list) or not all(isinstance(a, str) for a in finish_args):
        errors.append("finish-args is not a list of strings")
    elif len(set(finish_args)) != len(finish_args):
        errors.append("finish-args has duplicates")

    # Modules.
    top_modules = manifest.get("modules")
    if not isinstance(top_modules, list) or not top_modules:
        errors.append("the manifest has no modules")
        top_modules = []
    modules = list(iter_modules(top_modules, manifest_dir, errors))

    if top_modules and isinstance(top_modules[-1], dict):
        app = top_modules[-1]
        if app.get("buildsystem") != "meson":
            errors.append(f"the last module ({app.get('name')!r}) does not use buildsystem meson")
        opts = app.get("config-opts", [])
        if "-Dprofile=development" not in opts:
            errors.append("the last module's config-opts lack -Dprofile=development (the .Devel id needs it)")
        builds_here = False
        for source in app.get("sources", []):
            if isinstance(source, dict) and source.get("type") == "dir":
                path = os.path.abspath(os.path.join(manifest_dir, source.get("path", "")))
                if os.path.exists(path) and os.path.samefile(path, source_root):
                    builds_here = True
        if not builds_here:
            errors.append(f"the last module has no {{\"type\": \"dir\"}} source pointing at {source_root}")
    elif top_modules:
        errors.append("the last module is not an inline object building this repository")

    # Dependencies.
    # What the modules other than the app itself build, by name.
    app_module = top_modules[-1] if top_modules else None
    built = set()
    for module in modules:
        name = module.get("name")
        if module is not app_module and isinstance(name, str):
            built.add(name)
            built.add(normalise(name))

    deps = []
    for path in meson_files(meson_path):
        with open(path, encoding="utf-8") as f:
            text = strip_comments(f.read())
        for dep in DEPENDENCY_RE.findall(text):
            if dep not in deps:
                deps.append(dep)

    for dep in deps:
        if dep in MESON_BUILTIN_DEPENDENCIES:
            how = "Meson built-in"
        elif dep in GNOME_RUNTIME_PROVIDES:
            how = f"in the {RUNTIME} runtime"
        elif dep in built or normalise(dep) in built:
            how = "built by a module of the manifest"
        else:
            errors.append(f"dependency {dep!r} is neither in the {RUNTIME} runtime nor built by a module")
            continue
        print(f"ok: dependency {dep}: {how}")

    if errors:
        for e in errors:
            print(f"FAIL: {e}")
        return 1
    print(f"ok: {manifest_path}: {manifest.get('app-id', manifest.get('id'))}, "
          f"{RUNTIME}//{manifest.get('runtime-version')}, {len(modules)} module(s), "
          f"{len(deps)} dependencies accounted for")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
