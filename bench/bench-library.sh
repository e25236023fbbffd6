# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
#
# Sourced by the benchmarks: whether the cached benchmark library is complete,
# and making it when it is not.
# Expects LIBRARY, STAMP, N_FILES, ASSETS_PER_FILE and PREVIEW_SIZE to be set.

# The stamp records the parameters the library was made with.
stamp_matches() {
  grep -qx "files=$N_FILES" "$STAMP" &&
    grep -qx "assets_per_file=$ASSETS_PER_FILE" "$STAMP" &&
    grep -qx "preview_size=$PREVIEW_SIZE" "$STAMP"
}

# A stamp with the right parameters, and every file there.
library_complete() {
  [[ -f $STAMP ]] && stamp_matches || return 1
  local count
  count=$(find "$LIBRARY" -type f -name '*.blend' | wc -l)
  ((count == N_FILES))
}

# The cached library, or one made now by scan-vs-blender.sh (which makes and
# checks it, with one Blender listing run). Expects also CACHE_DIR, BLENDER,
# BENCH_DIR and WORK, and a die() function.
ensure_library() {
  if library_complete; then
    echo "Library: $LIBRARY (cached)"
    return
  fi
  echo "Library: $LIBRARY missing or incomplete; making it with bench/scan-vs-blender.sh..."
  TROVE_BENCH_CACHE=$CACHE_DIR TROVE_BENCH_LIBRARY=$LIBRARY BLENDER=$BLENDER \
    "$BENCH_DIR/scan-vs-blender.sh" --blender-only --runs 1 >"$WORK/make-library.log" 2>&1 || {
    tail -n 20 "$WORK/make-library.log" >&2
    die "could not make the benchmark library (bench/scan-vs-blender.sh failed)"
  }
  library_complete || die "the library at $LIBRARY does not check out"
}
