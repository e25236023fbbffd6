#!/bin/bash
# Regenerate data/demo-library/ with Blender (about 30 seconds on 2 cores), then
# check it with Blender (verify-demo-library.py prints a summary table).
#   data/demo-library-src/make-demo-library.sh     (BLENDER=/path/to/blender to override)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../demo-library"
blender="${BLENDER:-blender}"

# Keep the license note; rebuild everything else.
find "$out" -mindepth 1 ! -name LICENSE.md -delete 2>/dev/null || true
"$blender" -b --factory-startup --python-exit-code 1 \
  --python "$here/make-demo-library.py" -- "$out" > /dev/null
# libraries.write() keeps no backups, but be sure none is shipped.
find "$out" -name '*.blend[0-9]*' -delete
echo "Demo library written to $(cd "$out" && pwd):"
(cd "$out" && find . -type f | sort | sed 's/^\.\//  /')
echo
"$blender" -b --factory-startup --python-exit-code 1 \
  --python "$here/verify-demo-library.py" -- "$out" \
  | grep -v -e '^Blender ' -e '^Read blend' -e '^Warning: Library file, loading empty scene' -e '^$'
