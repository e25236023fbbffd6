# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by the benchmarks: whether the cached benchmark library is complete.
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
