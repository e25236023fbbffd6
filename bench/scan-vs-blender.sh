#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Times `trove-cli list --json` against Blender's own listing of the same asset
# library (bpy.data.libraries.load(path, assets_only=True) for every file).
# See bench/README.md for what is measured and how.
#
# Usage: bench/scan-vs-blender.sh [--quick] [--blender-only] [--check] [--runs N]
#
# Environment:
#   TROVE_CLI            trove-cli to test (default: build/src/cli/trove-cli)
#   BLENDER              Blender binary (default: blender)
#   TROVE_BENCH_CACHE    cache folder (default: ${XDG_CACHE_HOME:-$HOME/.cache}/trove-bench)
#   TROVE_BENCH_LIBRARY  library folder (default: $TROVE_BENCH_CACHE/library-1000x10,
#                        or library-100x10 with --quick)
#   TROVE_BENCH_RUNS     measured runs per tool (default: 3; a warm-up run comes first)

set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/scan-vs-blender.sh [OPTIONS]

Times `trove-cli list --json LIBRARY` against Blender listing the same library
with bpy.data.libraries.load(path, assets_only=True). The library (1,000 .blend
files x 10 material assets, 128x128 previews, half zstd-compressed) is made with
Blender once and cached.

Options:
  --quick          use a 100-file library (separate cache folder)
  --blender-only   measure only Blender (no trove-cli needed)
  --check          exit 1 if Trove misses a target (>= 10x faster, < 100 MB)
  --runs N         measured runs per tool (default 3, or $TROVE_BENCH_RUNS)
  -h, --help       show this help

Environment: TROVE_CLI, BLENDER, TROVE_BENCH_CACHE, TROVE_BENCH_LIBRARY,
TROVE_BENCH_RUNS (see the top of this script).
EOF
}

die() {
  echo "scan-vs-blender: $*" >&2
  exit 1
}

# --- Options --------------------------------------------------------------

QUICK=0
BLENDER_ONLY=0
CHECK=0
RUNS=${TROVE_BENCH_RUNS:-3}
while (($#)); do
  case $1 in
    --quick) QUICK=1 ;;
    --blender-only) BLENDER_ONLY=1 ;;
    --check) CHECK=1 ;;
    --runs)
      (($# >= 2)) || die "--runs needs a number"
      RUNS=$2
      shift
      ;;
    --runs=*) RUNS=${1#--runs=} ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
  shift
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "the number of runs must be a positive integer, not '$RUNS'"

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=$REPO_ROOT/bench
BLENDER=${BLENDER:-blender}
TROVE_CLI=${TROVE_CLI:-$REPO_ROOT/build/src/cli/trove-cli}

if ((QUICK)); then
  N_FILES=100
else
  N_FILES=1000
fi
ASSETS_PER_FILE=10
N_FOLDERS=10
PREVIEW_SIZE=128
N_ASSETS=$((N_FILES * ASSETS_PER_FILE))

CACHE_DIR=${TROVE_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/trove-bench}
LIBRARY=${TROVE_BENCH_LIBRARY:-$CACHE_DIR/library-${N_FILES}x${ASSETS_PER_FILE}}
STAMP=$LIBRARY/.trove-bench-stamp

# Targets: Trove at least TARGET_RATIO times faster than Blender's listing
# loop, with a peak RSS under TARGET_RSS_MB (decimal megabytes).
TARGET_RATIO=10
TARGET_RSS_MB=100

# --- Tools ----------------------------------------------------------------

command -v python3 >/dev/null || die "python3 is needed (apt-get install python3)"
command -v "$BLENDER" >/dev/null || die "Blender not found ('$BLENDER'); install it or set BLENDER"

if ((!BLENDER_ONLY)); then
  if [[ ! -x $TROVE_CLI ]]; then
    cat >&2 <<EOF
scan-vs-blender: trove-cli not found at $TROVE_CLI
Build it first, from the repository root:

    meson setup build        # once
    meson compile -C build

or point TROVE_CLI at a trove-cli binary. (--blender-only measures Blender alone.)
EOF
    exit 1
  fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/trove-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
LOG=$WORK/stderr.log

# measure, median, maximum, mb, show_log_tail; TIMER
# shellcheck source=bench/bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

# --- Machine --------------------------------------------------------------

BLENDER_VERSION=$("$BLENDER" --version 2>/dev/null | head -n 1 || true)
CPU_MODEL=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
MEM_TOTAL=$(awk '/^MemTotal/ { printf "%.1f GB", $2 * 1024 / 1e9 }' /proc/meminfo 2>/dev/null || true)
TROVE_VERSION="(not measured)"
if ((!BLENDER_ONLY)); then
  TROVE_VERSION=$(timeout 10 "$TROVE_CLI" --version </dev/null 2>/dev/null | head -n 1 || true)
  TROVE_VERSION=${TROVE_VERSION:-"(trove-cli --version not available)"}
fi

echo "== Trove scan benchmark: trove-cli list --json vs Blender =="
echo "date:       $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:    $(nproc) cores, ${CPU_MODEL:-unknown CPU}, ${MEM_TOTAL:-? GB} RAM, $(uname -sr)"
echo "blender:    ${BLENDER_VERSION:-unknown} ($(command -v "$BLENDER"))"
echo "trove-cli:  $TROVE_VERSION"
((BLENDER_ONLY)) || echo "            ($TROVE_CLI)"
echo "timer:      $TIMER"
echo "library:    $LIBRARY"
echo

# --- Library --------------------------------------------------------------

# stamp_matches, library_complete
# shellcheck source=bench/bench-library.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-library.sh"

if library_complete; then
  echo "Library: cached ($(grep -x 'seconds=.*' "$STAMP" | cut -d= -f2) s to generate; delete $LIBRARY to remake it)"
else
  if [[ -e $LIBRARY ]]; then
    # Only ever delete a folder this script made (it has the stamp) or an empty one.
    if [[ -f $STAMP ]] && ! stamp_matches; then
      die "$LIBRARY holds a benchmark library of another size ($(grep -x 'files=.*' "$STAMP")); set TROVE_BENCH_LIBRARY to another folder"
    elif [[ -f $STAMP ]]; then
      echo "Library: $LIBRARY is incomplete (files missing); remaking it"
      rm -rf -- "$LIBRARY"
    elif [[ -d $LIBRARY ]] && [[ -z $(ls -A "$LIBRARY") ]]; then
      rmdir -- "$LIBRARY"
    else
      die "$LIBRARY exists but is not a benchmark library made by this script; remove it or set TROVE_BENCH_LIBRARY"
    fi
  fi
  mkdir -p "$(dirname "$LIBRARY")" || die "cannot create $(dirname "$LIBRARY")"
  # Generate next to the final folder and rename when complete, so an
  # interrupted run never leaves a half-made library behind under the real name.
  PARTIAL=$LIBRARY.partial
  rm -rf -- "$PARTIAL"
  echo "Library: generating $N_FILES files x $ASSETS_PER_FILE assets with Blender (one process)..."
  GEN_OUT=$WORK/generate.out
  if ! measure "$GEN_OUT" "$BLENDER" -b --factory-startup --python-exit-code 1 \
    --python "$BENCH_DIR/make-bench-library.py" -- "$PARTIAL" \
    --files "$N_FILES" --assets-per-file "$ASSETS_PER_FILE" \
    --folders "$N_FOLDERS" --preview-size "$PREVIEW_SIZE"; then
    grep -E '^make-bench-library' "$GEN_OUT" >&2 || true
    show_log_tail
    rm -rf -- "$PARTIAL"
    die "could not make the benchmark library"
  fi
  GEN_LINE=$(grep -E '^GENERATED ' "$GEN_OUT" || true)
  if [[ -z $GEN_LINE ]] || [[ ! -f $PARTIAL/.trove-bench-stamp ]]; then
    show_log_tail
    rm -rf -- "$PARTIAL"
    die "the library generator did not finish"
  fi
  mv -- "$PARTIAL" "$LIBRARY"
  library_complete || die "the generated library at $LIBRARY does not check out"
  echo "Library: $GEN_LINE"
  echo "Library: generation took $(printf '%.1f' "$M_WALL") s wall for the whole Blender process" \
    "(peak RSS $(mb "$M_RSS") MB)"
fi

LIB_BYTES=$(du -sb "$LIBRARY" | cut -f1)
N_COMPRESSED=$(python3 -c '
import os, sys
n = 0
for dirpath, _, names in os.walk(sys.argv[1]):
    for name in names:
        if name.endswith(".blend"):
            with open(os.path.join(dirpath, name), "rb") as f:
                n += f.read(4) == b"\x28\xb5\x2f\xfd"
print(n)
' "$LIBRARY")
echo "Library: $N_FILES .blend files, $N_ASSETS assets, $(awk -v b="$LIB_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB on disk," \
  "$N_COMPRESSED zstd-compressed"
echo
echo "Method: one warm-up run per tool (not counted), then $RUNS measured runs; medians reported."
echo "        The page cache is warm for both tools (no cache dropping: that needs root)."
echo

# --- Trove ----------------------------------------------------------------

# Counts the assets in trove-cli's JSON. Accepts a top-level array of assets,
# an object with an "assets" array, or an object with a "files" array whose
# entries have "assets" arrays.
PY_COUNT='
import json, sys
with open(sys.argv[1], "rb") as f:
    doc = json.load(f)
def count(doc):
    if isinstance(doc, list):
        return len(doc)
    if isinstance(doc, dict):
        if isinstance(doc.get("assets"), list):
            return len(doc["assets"])
        if isinstance(doc.get("files"), list):
            return sum(len(f.get("assets", [])) for f in doc["files"])
    raise SystemExit("unrecognised JSON layout: top level is %s" % type(doc).__name__)
print(count(doc))
'

if ((!BLENDER_ONLY)); then
  T_WALL=()
  T_CPU=()
  T_RSS=()
  for ((i = 0; i <= RUNS; i++)); do
    if ((i == 0)); then
      # The warm-up run's output is kept and checked; measured runs go to /dev/null.
      out=$WORK/trove.json
    else
      out=/dev/null
    fi
    if ! measure "$out" "$TROVE_CLI" list --json "$LIBRARY"; then
      show_log_tail
      die "trove-cli list --json $LIBRARY failed"
    fi
    if ((i == 0)); then
      count=$(python3 -c "$PY_COUNT" "$out" 2>>"$LOG") || {
        show_log_tail
        die "could not read the JSON printed by: $TROVE_CLI list --json $LIBRARY"
      }
      if ((count != N_ASSETS)); then
        die "trove-cli listed $count assets; expected $N_ASSETS"
      fi
      printf 'Trove warm-up:   process %.3f s, %s MB; JSON checked: %d assets\n' \
        "$M_WALL" "$(mb "$M_RSS")" "$count"
      continue
    fi
    printf 'Trove run %d:     process %.3f s (CPU %.2f s), %s MB\n' \
      "$i" "$M_WALL" "$M_CPU" "$(mb "$M_RSS")"
    T_WALL+=("$M_WALL")
    T_CPU+=("$M_CPU")
    T_RSS+=("$M_RSS")
  done
  T_WALL_MED=$(median "${T_WALL[@]}")
  T_CPU_MED=$(median "${T_CPU[@]}")
  T_RSS_MED=$(median "${T_RSS[@]}")
  T_RSS_MAX=$(maximum "${T_RSS[@]}")
  echo
fi

# --- Blender --------------------------------------------------------------

B_LOOP=()
B_WALL=()
B_CPU=()
B_RSS=()
for ((i = 0; i <= RUNS; i++)); do
  out=$WORK/blender.out
  if ! measure "$out" "$BLENDER" -b --factory-startup --python-exit-code 1 \
    --python "$BENCH_DIR/blender-list.py" -- "$LIBRARY"; then
    show_log_tail
    die "Blender's listing failed"
  fi
  line=$(grep -E '^BLENDER_LIST ' "$out" || true)
  [[ -n $line ]] || {
    show_log_tail
    die "blender-list.py printed no BLENDER_LIST line"
  }
  files=$(sed -E 's/.* files=([0-9]+).*/\1/' <<<"$line")
  assets=$(sed -E 's/.* assets=([0-9]+).*/\1/' <<<"$line")
  loop=$(sed -E 's/.* seconds=([0-9.]+).*/\1/' <<<"$line")
  if ((files != N_FILES || assets != N_ASSETS)); then
    die "Blender listed $files files / $assets assets; expected $N_FILES / $N_ASSETS"
  fi
  if ((i == 0)); then
    printf 'Blender warm-up: loop %.3f s, process %.3f s, %s MB\n' "$loop" "$M_WALL" "$(mb "$M_RSS")"
    continue
  fi
  printf 'Blender run %d:   loop %.3f s, process %.3f s (CPU %.2f s), %s MB\n' \
    "$i" "$loop" "$M_WALL" "$M_CPU" "$(mb "$M_RSS")"
  B_LOOP+=("$loop")
  B_WALL+=("$M_WALL")
  B_CPU+=("$M_CPU")
  B_RSS+=("$M_RSS")
done
B_LOOP_MED=$(median "${B_LOOP[@]}")
B_WALL_MED=$(median "${B_WALL[@]}")
B_CPU_MED=$(median "${B_CPU[@]}")
B_RSS_MED=$(median "${B_RSS[@]}")
B_RSS_MAX=$(maximum "${B_RSS[@]}")

# --- Results --------------------------------------------------------------

echo
echo "Results: $N_FILES files, $N_ASSETS assets, median of $RUNS warm-cache runs"
echo
printf '%-44s %10s %10s %12s\n' "" "wall (s)" "CPU (s)" "peak RSS (MB)"
printf '%-44s %10.3f %10s %12s\n' "Blender listing loop (names only)" "$B_LOOP_MED" "-" "-"
printf '%-44s %10.3f %10.2f %12s\n' "Blender whole process (start-up + loop)" "$B_WALL_MED" "$B_CPU_MED" "$(mb "$B_RSS_MED")"
if ((!BLENDER_ONLY)); then
  printf '%-44s %10.3f %10.2f %12s\n' "trove-cli list --json (full metadata)" "$T_WALL_MED" "$T_CPU_MED" "$(mb "$T_RSS_MED")"
  echo
  RATIO_LOOP=$(awk -v b="$B_LOOP_MED" -v t="$T_WALL_MED" 'BEGIN { printf "%.1f", b / t }')
  RATIO_WALL=$(awk -v b="$B_WALL_MED" -v t="$T_WALL_MED" 'BEGIN { printf "%.1f", b / t }')
  echo "Trove is ${RATIO_LOOP}x faster than Blender's listing loop alone (conservative: Blender's start-up not counted)"
  echo "Trove is ${RATIO_WALL}x faster than the whole Blender process"
  echo "Trove peak RSS: median $(mb "$T_RSS_MED") MB, max $(mb "$T_RSS_MAX") MB over the measured runs"
  echo
  FAILED=0
  if awk -v r="$RATIO_LOOP" -v t="$TARGET_RATIO" 'BEGIN { exit !(r >= t) }'; then
    echo "Target speed (>= ${TARGET_RATIO}x vs the listing loop): PASS"
  else
    echo "Target speed (>= ${TARGET_RATIO}x vs the listing loop): FAIL"
    FAILED=1
  fi
  if awk -v k="$T_RSS_MAX" -v t="$TARGET_RSS_MB" 'BEGIN { exit !(k * 1024 / 1e6 < t) }'; then
    echo "Target memory (max peak RSS < ${TARGET_RSS_MB} MB): PASS"
  else
    echo "Target memory (max peak RSS < ${TARGET_RSS_MB} MB): FAIL"
    FAILED=1
  fi
  if ((CHECK && FAILED)); then
    exit 1
  fi
else
  echo
  echo "Blender peak RSS: median $(mb "$B_RSS_MED") MB, max $(mb "$B_RSS_MAX") MB over the measured runs"
  echo "(--blender-only: trove-cli not measured)"
fi
