#!/bin/sh
# Let real Blender 3.4 replay every case of this folder and write its
# CASE.blender-3.4.1.txt here (see README.md). Needs Blender 3.4.x with its
# UI, run under xvfb-run. Takes about half a minute.
#
#   tests/data/catalogs/blender-edits/make-blender-edits.sh [CASE...]
#   (from anywhere; BLENDER=... to use another Blender binary)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
BLENDER=${BLENDER:-blender}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
log="$out/blender.log"
# Blender's temporary files (the script's library folders, quit.blend) go
# there too, and are removed with it.
mkdir "$out/tmp"
export TMPDIR="$out/tmp"

if ! xvfb-run -a -s "-screen 0 1280x800x24" "$BLENDER" --factory-startup \
        --python-exit-code 1 --python "$here/make-blender-edits.py" -- "$out" "$@" \
        >"$log" 2>&1 || ! grep -q '^EDITS-DONE' "$log"; then
    cat "$log"
    echo "make-blender-edits: Blender failed" >&2
    exit 1
fi
grep -E '^(CASE|WROTE|  )' "$log" || true
for file in "$out"/*.blender-*.txt; do
    cp "$file" "$here/"
done
echo "make-blender-edits: wrote $(ls "$out"/*.blender-*.txt | wc -l) files into $here"
