#!/bin/sh
# Regenerate Trove's real-Blender fixtures (see tests/data/README.md).
# Needs Blender 3.4.x, xvfb-run, blender-thumbnailer and (to check compressed
# files byte for byte) zstd. Takes about two minutes.
#
#   tests/data/make-fixtures.sh            (from anywhere; BLENDER=... to override)
set -eu
cd "$(dirname "$0")/../.."
BLENDER=${BLENDER:-blender}
run() { "$BLENDER" -b --factory-startup --python-exit-code 1 --python "$@"; }

# library/, library-manifest.json, thumbnail/ (builds, fills catalog simple
# names in Blender's UI under Xvfb, verifies every file in a fresh Blender).
run tests/data/make-fixtures.py
# The oracle: what Blender reads from the library. The root is passed
# relative to the repository so the JSON does not depend on the checkout path.
run tests/data/blender-report.py -- tests/data/library tests/data/library-oracle.json
run tests/data/make-fixtures.py -- check-oracle tests/data/library-oracle.json
