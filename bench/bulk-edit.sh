#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Bulk-edit benchmark: add one tag to 1,000 assets in 100 .blend files of the
# benchmark library, with `trove-cli set` (one process per file) and with
# Blender (one process per file, and one process for all the files).
# See bench/README.md ("Benchmark: bulk edit") for what is measured.
#
# Usage: bench/bulk-edit.sh [--runs N] [--blender-only] [--check] [--no-backup]
#
# Environment:
#   TROVE_CLI            trove-cli to test (default: build/src/cli/trove-cli)
#   BLENDER              Blender binary (default: blender)
#   TROVE_BENCH_CACHE    cache folder (default: ${XDG_CACHE_HOME:-$HOME/.cache}/trove-bench)
#   TROVE_BENCH_LIBRARY  the 1,000-file library (default: $TROVE_BENCH_CACHE/library-1000x10)
#   TROVE_BENCH_SCRATCH  where the scratch copies go (default: $TROVE_BENCH_CACHE, so the
#                        same disk as the library); a temporary folder is made there
#                        and removed at the end
#   TROVE_BENCH_RUNS     measured runs (default: 3)

set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/bulk-edit.sh [OPTIONS]

Adds the tag "bulk-bench" to all 10 assets of the first 100 files of the
benchmark library (1,000 assets; half the files zstd-compressed), working on a
fresh copy of the files for every run, and times:

  - trove-cli set FILE MA NAME --asset MA NAME ... --add-tag bulk-bench,
    one process per file: 100 processes one after the other (the headline),
    and 2 at a time (xargs -P 2);
  - Blender: one `blender -b FILE --python ...` process per file, and one
    Blender process that opens, edits and saves all 100 files.

Every result is checked (not timed): each asset has the tag once and kept its
other tags and metadata, every file still reads, compression is unchanged.

Options:
  --runs N         measured runs (default 3, or $TROVE_BENCH_RUNS); medians reported
  --blender-only   measure only Blender (no trove-cli needed)
  --check          exit 1 if Trove (sequential) is not >= 20x faster than
                   Blender's one-process-per-file variant
  --no-backup      no backups: trove-cli set --no-backup, and Blender's
                   save_version = 0 (no .blend1); by default each tool does
                   what it does by default
  -h, --help       show this help

Environment: TROVE_CLI, BLENDER, TROVE_BENCH_CACHE, TROVE_BENCH_LIBRARY,
TROVE_BENCH_SCRATCH, TROVE_BENCH_RUNS (see the top of this script).
EOF
}

die() {
  echo "bulk-edit: $*" >&2
  exit 1
}

# --- Options --------------------------------------------------------------

BLENDER_ONLY=0
CHECK=0
NO_BACKUP=0
RUNS=${TROVE_BENCH_RUNS:-3}
while (($#)); do
  case $1 in
    --blender-only) BLENDER_ONLY=1 ;;
    --check) CHECK=1 ;;
    --no-backup) NO_BACKUP=1 ;;
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
HELPER=$BENCH_DIR/blender-bulk-edit.py

# The library (as made by scan-vs-blender.sh) and the part of it edited.
N_FILES=1000
ASSETS_PER_FILE=10
PREVIEW_SIZE=128
N_EDIT_FILES=100 # the first 100 files in path order: bench_00/bench_0000 .. 0099
N_EDIT_ASSETS=$((N_EDIT_FILES * ASSETS_PER_FILE))
TAG=bulk-bench
PARALLEL=2 # processes at a time for the parallel Trove figure

CACHE_DIR=${TROVE_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/trove-bench}
LIBRARY=${TROVE_BENCH_LIBRARY:-$CACHE_DIR/library-${N_FILES}x${ASSETS_PER_FILE}}
STAMP=$LIBRARY/.trove-bench-stamp
SCRATCH_PARENT=${TROVE_BENCH_SCRATCH:-$CACHE_DIR}

# Target: Trove (100 processes, one after the other) at least TARGET_RATIO
# times faster than Blender with one process per file.
TARGET_RATIO=20

# --- Tools ----------------------------------------------------------------

command -v python3 >/dev/null || die "python3 is needed (apt-get install python3)"
command -v xargs >/dev/null || die "xargs is needed (apt-get install findutils)"
command -v "$BLENDER" >/dev/null || die "Blender not found ('$BLENDER'); install it or set BLENDER"
[[ -f $HELPER ]] || die "$HELPER is missing"

if ((!BLENDER_ONLY)); then
  if [[ ! -x $TROVE_CLI ]]; then
    cat >&2 <<EOF
bulk-edit: trove-cli not found at $TROVE_CLI
Build it first, from the repository root:

    meson setup build        # once
    meson compile -C build

or point TROVE_CLI at a trove-cli binary. (--blender-only measures Blender alone.)
EOF
    exit 1
  fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/trove-bench.XXXXXX")
SCRATCH_ROOT=
cleanup() {
  rm -rf -- "$WORK"
  [[ -z $SCRATCH_ROOT ]] || rm -rf -- "$SCRATCH_ROOT"
}
trap cleanup EXIT
LOG=$WORK/stderr.log

# measure, median, maximum, mb, show_log_tail; TIMER
# shellcheck source=bench/bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

per_file_ms() { # seconds -> milliseconds per edited file
  awk -v s="$1" -v n="$N_EDIT_FILES" 'BEGIN { printf "%.1f", s * 1000 / n }'
}

ratio() { # a / b: one decimal, or two significant digits below 1
  awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "inf"; else if (a / b >= 1) printf "%.1f", a / b;
    else printf "%.2g", a / b }'
}

# --- Machine --------------------------------------------------------------

BLENDER_VERSION=$("$BLENDER" --version 2>/dev/null | head -n 1 || true)
CPU_MODEL=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
MEM_TOTAL=$(awk '/^MemTotal/ { printf "%.1f GB", $2 * 1024 / 1e9 }' /proc/meminfo 2>/dev/null || true)
TROVE_VERSION="(not measured)"
if ((!BLENDER_ONLY)); then
  TROVE_VERSION=$(timeout 10 "$TROVE_CLI" --version </dev/null 2>/dev/null | head -n 1 || true)
  TROVE_VERSION=${TROVE_VERSION:-"(trove-cli --version not available)"}
fi

echo "== Trove bulk-edit benchmark: trove-cli set vs Blender =="
echo "date:       $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:    $(nproc) cores, ${CPU_MODEL:-unknown CPU}, ${MEM_TOTAL:-? GB} RAM, $(uname -sr)"
echo "load:       $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the runs"
echo "blender:    ${BLENDER_VERSION:-unknown} ($(command -v "$BLENDER"))"
echo "trove-cli:  $TROVE_VERSION"
if ((!BLENDER_ONLY)); then
  echo "            ($TROVE_CLI, file dated $(date -u -r "$TROVE_CLI" '+%Y-%m-%d %H:%M UTC'))"
fi
echo "timer:      $TIMER"
echo "library:    $LIBRARY"
if ((NO_BACKUP)); then
  echo "backups:    none (--no-backup: trove-cli set --no-backup; Blender save_version = 0)"
else
  echo "backups:    each tool's default (Blender keeps FILE.blend1; trove-cli set without --no-backup)"
fi
echo

# --- Library --------------------------------------------------------------

# ensure_library
# shellcheck source=bench/bench-library.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-library.sh"
ensure_library

# The files edited: the first N_EDIT_FILES .blend files in path order, as
# paths relative to the library.
mapfile -t REL_FILES < <(cd "$LIBRARY" && find . -type f -name '*.blend' | sed 's|^\./||' | LC_ALL=C sort | head -n "$N_EDIT_FILES")
((${#REL_FILES[@]} == N_EDIT_FILES)) || die "found ${#REL_FILES[@]} .blend files in $LIBRARY; expected at least $N_EDIT_FILES"
N_ZSTD=0
for rel in "${REL_FILES[@]}"; do
  if [[ $(head -c 4 "$LIBRARY/$rel" | od -An -tx1 | tr -d ' \n') == 28b52ffd ]]; then
    N_ZSTD=$((N_ZSTD + 1))
  fi
done
EDIT_BYTES=$(cd "$LIBRARY" && du -cb -- "${REL_FILES[@]}" | tail -n 1 | cut -f1)
echo "Edited:  $N_EDIT_FILES files (${REL_FILES[0]} .. ${REL_FILES[-1]}), $N_ZSTD zstd-compressed," \
  "$((N_EDIT_FILES - N_ZSTD)) uncompressed, $(awk -v b="$EDIT_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB;" \
  "$N_EDIT_ASSETS assets; tag \"$TAG\""

# --- Scratch copies ---------------------------------------------------------

mkdir -p "$SCRATCH_PARENT" || die "cannot create $SCRATCH_PARENT"
SCRATCH_ROOT=$(mktemp -d "$SCRATCH_PARENT/bulk-edit-scratch.XXXXXX")
SCRATCH=$SCRATCH_ROOT/library
echo "Scratch: $SCRATCH (a fresh copy of the $N_EDIT_FILES files before every run; removed at the end)"

# fresh_copy: SCRATCH becomes a copy (real copies, never hard links: the
# library's files may be hard-linked elsewhere) of the edited files, in their
# subfolders, with the catalog file. Then sync, so that writing the copies back
# to disk does not overlap the measured run. Not timed.
fresh_copy() {
  rm -rf -- "$SCRATCH"
  mkdir -p "$SCRATCH"
  (cd "$LIBRARY" && cp --parents -- "${REL_FILES[@]}" "$SCRATCH/") || die "cannot copy the files to $SCRATCH"
  if [[ -f $LIBRARY/blender_assets.cats.txt ]]; then
    cp -- "$LIBRARY/blender_assets.cats.txt" "$SCRATCH/"
  fi
  sync
}

# blender_dump OUT.json: Blender's reading of every .blend in SCRATCH.
blender_dump() {
  local out=$1 stdout=$WORK/dump.out
  "$BLENDER" -b --factory-startup --python-exit-code 1 --python "$HELPER" -- \
    dump --root "$SCRATCH" --out "$out" </dev/null >"$stdout" 2>>"$LOG" || {
    show_log_tail
    die "Blender could not read $SCRATCH (blender-bulk-edit.py dump failed)"
  }
  grep -qE '^BLENDER_DUMP ' "$stdout" || {
    show_log_tail
    die "blender-bulk-edit.py dump printed no BLENDER_DUMP line"
  }
}

# The reference: Blender's reading of a fresh, unedited copy. Every check
# compares against it. From it come the trove-cli arguments (one set of
# arguments per file: FILE ID_TYPE NAME --asset ID_TYPE NAME ... --add-tag TAG)
# and the list of files for Blender, both NUL-separated for xargs -0.
fresh_copy
REFERENCE=$WORK/reference.json
blender_dump "$REFERENCE"
TROVE_ARGS=$WORK/trove-args.0
BLENDER_FILES=$WORK/blender-files.0
PY_PREPARE='
import json, os, sys
ref_path, scratch, tag, per_file, n_files, no_backup, trove_out, blender_out = sys.argv[1:]
per_file, n_files = int(per_file), int(n_files)
ref = json.load(open(ref_path, encoding="utf-8"))["files"]
problems = []
if len(ref) != n_files:
    problems.append("%d files in the copy; expected %d" % (len(ref), n_files))
widths = set()
trove = open(trove_out, "wb")
blender = open(blender_out, "wb")
for rel in sorted(ref):
    entry = ref[rel]
    if entry["error"]:
        problems.append("%s: Blender cannot read it: %s" % (rel, entry["error"]))
        continue
    assets = entry["assets"]
    if len(assets) != per_file:
        problems.append("%s: %d assets; expected %d" % (rel, len(assets), per_file))
    for a in assets:
        if tag in a["tags"]:
            problems.append("%s: %s already has the tag %s" % (rel, a["name"], tag))
    path = os.path.join(scratch, rel)
    args = [path, assets[0]["id_type"], assets[0]["name"]]
    for a in assets[1:]:
        args += ["--asset", a["id_type"], a["name"]]
    args += ["--add-tag", tag]
    if no_backup == "1":
        args.append("--no-backup")
    widths.add(len(args))
    for arg in args:
        trove.write(arg.encode() + b"\0")
    blender.write(path.encode() + b"\0")
if len(widths) > 1:
    problems.append("the files do not all have the same number of assets")
if problems:
    sys.exit("\n".join(problems[:20]))
print(widths.pop())
'
TROVE_ARGS_PER_CALL=$(python3 -c "$PY_PREPARE" "$REFERENCE" "$SCRATCH" "$TAG" "$ASSETS_PER_FILE" \
  "$N_EDIT_FILES" "$NO_BACKUP" "$TROVE_ARGS" "$BLENDER_FILES") ||
  die "the unedited copy of the library is not as expected (see above)"
echo "Reference: Blender read the unedited copy: $N_EDIT_FILES files, $N_EDIT_ASSETS assets, none tagged \"$TAG\""

# --- Verification -----------------------------------------------------------

# PY_VERIFY REFERENCE ACTUAL FORMAT TAG LIBRARY SCRATCH: checks an edit.
# ACTUAL is blender-bulk-edit.py's dump (FORMAT blender) or trove-cli's
# `list --json` (FORMAT trove: {"library", "assets": [{"file", "id_type",
# "name", "tags", ...}], "errors": [...]}). Every asset of the reference must
# be there, with the tag exactly once and its other tags (as a multiset),
# description, author, copyright, license and catalog ID unchanged; no other
# asset; no file unreadable; every file of the copy compressed (zstd) or not
# as the library's original is; no other .blend file in the copy.
PY_VERIFY='
import collections, json, os, sys
ref_path, actual_path, fmt, tag, library, scratch = sys.argv[1:]
ref = json.load(open(ref_path, encoding="utf-8"))["files"]
doc = json.load(open(actual_path, encoding="utf-8"))
problems = []
actual = {}  # rel -> {(id_type, name): asset}
if fmt == "blender":
    for rel, entry in doc["files"].items():
        if entry["error"]:
            problems.append("%s: unreadable: %s" % (rel, entry["error"]))
        actual[rel] = {(a["id_type"], a["name"]): a for a in entry["assets"]}
else:
    if not isinstance(doc, dict) or not isinstance(doc.get("assets"), list):
        sys.exit("unrecognised trove-cli list --json layout")
    for err in doc.get("errors") or []:
        problems.append("%s: unreadable: %s" % (err.get("file"), err.get("message")))
    for a in doc["assets"]:
        key = (a["id_type"], a["name"])
        files = actual.setdefault(a["file"], {})
        if key in files:
            problems.append("%s: %s %s listed twice" % (a["file"], key[0], key[1]))
        files[key] = a
n_assets = 0
for rel, entry in sorted(ref.items()):
    got = actual.get(rel, {})
    for r in entry["assets"]:
        key = (r["id_type"], r["name"])
        a = got.pop(key, None)
        if a is None:
            problems.append("%s: %s %s is missing" % (rel, key[0], key[1]))
            continue
        n_assets += 1
        tags = list(a.get("tags") or [])
        if tags.count(tag) != 1:
            problems.append("%s: %s has the tag %d times: %s" % (rel, r["name"], tags.count(tag), tags))
        others = [t for t in tags if t != tag]
        if collections.Counter(others) != collections.Counter(r["tags"]):
            problems.append("%s: %s: other tags %s; expected %s" % (rel, r["name"], others, r["tags"]))
        for field in ("description", "author", "copyright", "license", "catalog_id"):
            if field in a and (a[field] or "") != (r[field] or ""):
                problems.append("%s: %s: %s changed: %r -> %r" % (rel, r["name"], field, r[field], a[field]))
    for key in got:
        problems.append("%s: unexpected asset %s %s" % (rel, key[0], key[1]))
for rel in sorted(set(actual) - set(ref)):
    problems.append("%s: unexpected file" % rel)
def is_zstd(path):
    with open(path, "rb") as f:
        return f.read(4) == b"\x28\xb5\x2f\xfd"
n_zstd = 0
for rel in sorted(ref):
    path = os.path.join(scratch, rel)
    if not os.path.isfile(path):
        problems.append("%s: the file is gone" % rel)
        continue
    before, after = is_zstd(os.path.join(library, rel)), is_zstd(path)
    n_zstd += after
    if before != after:
        problems.append("%s: was %s, is now %s" % (rel, "zstd" if before else "uncompressed",
                                                   "zstd" if after else "uncompressed"))
blends = set()
for dirpath, _, names in os.walk(scratch):
    for name in names:
        if name.endswith(".blend"):
            blends.add(os.path.relpath(os.path.join(dirpath, name), scratch))
for rel in sorted(blends - set(ref)):
    problems.append("%s: a .blend file that was not there before" % rel)
if problems:
    print("%d problems; the first ones:" % len(problems))
    for p in problems[:15]:
        print("  " + p)
    sys.exit(1)
print("%d files (%d zstd), %d assets: tag once each, other tags and metadata unchanged, compression unchanged"
      % (len(ref), n_zstd, n_assets))
'

# verify FORMAT ACTUAL.json WHO: checks SCRATCH against the reference; dies if
# the check fails.
verify() {
  local fmt=$1 actual=$2 who=$3 out line
  if out=$(python3 -c "$PY_VERIFY" "$REFERENCE" "$actual" "$fmt" "$TAG" "$LIBRARY" "$SCRATCH" 2>&1); then
    echo "    verified ($who): $out"
  else
    while IFS= read -r line; do printf '    %s\n' "$line"; done <<<"$out" >&2
    die "verification ($who) failed"
  fi
}

verify_with_blender() {
  blender_dump "$WORK/actual.json"
  verify blender "$WORK/actual.json" "read back by Blender"
}

verify_with_trove() {
  "$TROVE_CLI" list --json "$SCRATCH" </dev/null >"$WORK/actual-trove.json" 2>>"$LOG" || {
    show_log_tail
    die "$TROVE_CLI list --json $SCRATCH failed"
  }
  verify trove "$WORK/actual-trove.json" "read back by trove-cli list --json"
}

# --- The contenders ---------------------------------------------------------

# Each run_* function edits SCRATCH (a fresh copy) once, measured; sets
# M_WALL, M_CPU, M_RSS (and B_LOOP_S for the one-process Blender variant).

run_trove() { # run_trove PARALLELISM
  local out=$WORK/trove.out
  if ! measure "$out" xargs -0 -a "$TROVE_ARGS" -n "$TROVE_ARGS_PER_CALL" -P "$1" \
    "$TROVE_CLI" set; then
    show_log_tail
    die "trove-cli set failed (xargs -P $1); does this trove-cli have the set command?"
  fi
}

# blender-bulk-edit.py's arguments.
EDIT_ARGS=(edit --tag "$TAG")
if ((NO_BACKUP)); then
  EDIT_ARGS+=(--no-backup)
fi

# One Blender process per file, the file given on Blender's command line
# (`blender -b FILE --python SCRIPT`), one after the other.
run_blender_per_file() {
  local out=$WORK/blender.out files assets
  if ! measure "$out" xargs -0 -a "$BLENDER_FILES" -I '{}' -P 1 \
    "$BLENDER" -b --factory-startup '{}' --python-exit-code 1 --python "$HELPER" -- \
    "${EDIT_ARGS[@]}"; then
    show_log_tail
    die "Blender (one process per file) failed"
  fi
  files=$(awk '/^BLENDER_BULK_EDIT / { for (i = 2; i <= NF; i++) if ($i ~ /^files=/) n += substr($i, 7) } END { print n + 0 }' "$out")
  assets=$(awk '/^BLENDER_BULK_EDIT / { for (i = 2; i <= NF; i++) if ($i ~ /^assets=/) n += substr($i, 8) } END { print n + 0 }' "$out")
  if ((files != N_EDIT_FILES || assets != N_EDIT_ASSETS)); then
    show_log_tail
    die "Blender (one process per file) edited $files files / $assets assets; expected $N_EDIT_FILES / $N_EDIT_ASSETS"
  fi
}

# One Blender process for all the files: open_mainfile, edit, save_mainfile.
run_blender_one_process() {
  local out=$WORK/blender.out line files assets paths=()
  mapfile -d '' -t paths <"$BLENDER_FILES"
  if ! measure "$out" "$BLENDER" -b --factory-startup --python-exit-code 1 --python "$HELPER" -- \
    "${EDIT_ARGS[@]}" "${paths[@]}"; then
    show_log_tail
    die "Blender (one process) failed"
  fi
  line=$(grep -E '^BLENDER_BULK_EDIT ' "$out" || true)
  [[ -n $line ]] || {
    show_log_tail
    die "blender-bulk-edit.py printed no BLENDER_BULK_EDIT line"
  }
  files=$(sed -E 's/.* files=([0-9]+).*/\1/' <<<"$line")
  assets=$(sed -E 's/.* assets=([0-9]+).*/\1/' <<<"$line")
  B_LOOP_S=$(sed -E 's/.* seconds=([0-9.]+).*/\1/' <<<"$line")
  if ((files != N_EDIT_FILES || assets != N_EDIT_ASSETS)); then
    die "Blender (one process) edited $files files / $assets assets; expected $N_EDIT_FILES / $N_EDIT_ASSETS"
  fi
}

# --- Warm-up ----------------------------------------------------------------

# One process of each tool on one file of a fresh copy (not counted, not
# checked beyond its exit status): loads the binaries and their libraries
# into the page cache. The edited files themselves are fresh copies in every
# run, so nothing else can be warmed up.
fresh_copy
mapfile -d '' -t FIRST_TROVE_ARGS < <(head -z -n "$TROVE_ARGS_PER_CALL" "$TROVE_ARGS")
if ((!BLENDER_ONLY)); then
  if ! measure "$WORK/warmup.out" "$TROVE_CLI" set "${FIRST_TROVE_ARGS[@]}"; then
    show_log_tail
    die "trove-cli set failed on ${REL_FILES[0]}; does this trove-cli have the set command?"
  fi
  printf 'Trove warm-up:   one process on one file: %.3f s, %s MB\n' "$M_WALL" "$(mb "$M_RSS")"
fi
if ! measure "$WORK/warmup.out" "$BLENDER" -b --factory-startup "${FIRST_TROVE_ARGS[0]}" \
  --python-exit-code 1 --python "$HELPER" -- "${EDIT_ARGS[@]}"; then
  show_log_tail
  die "Blender failed on ${REL_FILES[0]}"
fi
printf 'Blender warm-up: one process on one file: %.3f s, %s MB\n' "$M_WALL" "$(mb "$M_RSS")"
echo
echo "Method: $RUNS measured runs; in each, every variant edits a fresh copy of the $N_EDIT_FILES files"
echo "        (copying and checking are not timed); medians reported. Warm page cache."
echo

# --- Measured runs ----------------------------------------------------------

T_SEQ_WALL=() T_SEQ_CPU=() T_SEQ_RSS=()
T_PAR_WALL=() T_PAR_CPU=() T_PAR_RSS=()
B_PF_WALL=() B_PF_CPU=() B_PF_RSS=()
B_ONE_WALL=() B_ONE_CPU=() B_ONE_RSS=() B_ONE_LOOP=()

report_run() { # report_run LABEL
  printf '  %-40s %8.3f s  %7s ms/file  CPU %6.2f s  peak RSS %6s MB\n' \
    "$1" "$M_WALL" "$(per_file_ms "$M_WALL")" "$M_CPU" "$(mb "$M_RSS")"
}

for ((run = 1; run <= RUNS; run++)); do
  echo "Run $run of $RUNS:"
  if ((!BLENDER_ONLY)); then
    fresh_copy
    run_trove 1
    report_run "Trove, $N_EDIT_FILES processes, sequential"
    T_SEQ_WALL+=("$M_WALL") T_SEQ_CPU+=("$M_CPU") T_SEQ_RSS+=("$M_RSS")
    verify_with_trove
    verify_with_blender

    fresh_copy
    run_trove "$PARALLEL"
    report_run "Trove, $N_EDIT_FILES processes, $PARALLEL at a time"
    T_PAR_WALL+=("$M_WALL") T_PAR_CPU+=("$M_CPU") T_PAR_RSS+=("$M_RSS")
    verify_with_trove
    verify_with_blender
  fi

  fresh_copy
  run_blender_per_file
  report_run "Blender, one process per file"
  B_PF_WALL+=("$M_WALL") B_PF_CPU+=("$M_CPU") B_PF_RSS+=("$M_RSS")
  verify_with_blender

  fresh_copy
  run_blender_one_process
  report_run "Blender, one process for all files"
  printf '  %-40s %8.3f s  %7s ms/file\n' "  (its loop alone, without start-up)" "$B_LOOP_S" "$(per_file_ms "$B_LOOP_S")"
  B_ONE_WALL+=("$M_WALL") B_ONE_CPU+=("$M_CPU") B_ONE_RSS+=("$M_RSS") B_ONE_LOOP+=("$B_LOOP_S")
  verify_with_blender
done

# --- Results ----------------------------------------------------------------

row() { # row LABEL WALLS CPUS RSSES (space-separated lists)
  local label=$1 wall cpu rss_med rss_max
  read -ra w <<<"$2"
  read -ra c <<<"$3"
  read -ra r <<<"$4"
  wall=$(median "${w[@]}")
  cpu=$(median "${c[@]}")
  rss_med=$(median "${r[@]}")
  rss_max=$(maximum "${r[@]}")
  printf '%-44s %9.3f %10s %8.2f %9s %9s\n' "$label" "$wall" "$(per_file_ms "$wall")" "$cpu" \
    "$(mb "$rss_med")" "$(mb "$rss_max")"
}

echo
echo "Results: add a tag to $N_EDIT_ASSETS assets in $N_EDIT_FILES files ($N_ZSTD zstd), median of $RUNS runs"
echo "(peak RSS: the largest process of a run; median and maximum over the runs)"
echo
printf '%-44s %9s %10s %8s %9s %9s\n' "" "wall (s)" "ms/file" "CPU (s)" "RSS (MB)" "max (MB)"
if ((!BLENDER_ONLY)); then
  row "Trove: trove-cli set, 100 processes in turn" "${T_SEQ_WALL[*]}" "${T_SEQ_CPU[*]}" "${T_SEQ_RSS[*]}"
  row "Trove: trove-cli set, $PARALLEL at a time (xargs)" "${T_PAR_WALL[*]}" "${T_PAR_CPU[*]}" "${T_PAR_RSS[*]}"
fi
row "Blender: one process per file" "${B_PF_WALL[*]}" "${B_PF_CPU[*]}" "${B_PF_RSS[*]}"
row "Blender: one process for all files" "${B_ONE_WALL[*]}" "${B_ONE_CPU[*]}" "${B_ONE_RSS[*]}"
B_ONE_LOOP_MED=$(median "${B_ONE_LOOP[@]}")
printf '%-44s %9.3f %10s %8s %9s %9s\n' "  its edit loop alone (no start-up)" "$B_ONE_LOOP_MED" \
  "$(per_file_ms "$B_ONE_LOOP_MED")" "-" "-" "-"

if ((BLENDER_ONLY)); then
  echo
  echo "(--blender-only: trove-cli not measured)"
  exit 0
fi

B_PF_MED=$(median "${B_PF_WALL[@]}")
B_ONE_MED=$(median "${B_ONE_WALL[@]}")
T_SEQ_MED=$(median "${T_SEQ_WALL[@]}")
T_PAR_MED=$(median "${T_PAR_WALL[@]}")
echo
echo "Speed-up (Blender's time / Trove's time):"
printf '%-44s %16s %16s %16s\n' "" "Blender per file" "Blender 1 proc." "its loop alone"
printf '%-44s %15sx %15sx %15sx\n' "Trove, 100 processes in turn (headline)" \
  "$(ratio "$B_PF_MED" "$T_SEQ_MED")" "$(ratio "$B_ONE_MED" "$T_SEQ_MED")" "$(ratio "$B_ONE_LOOP_MED" "$T_SEQ_MED")"
printf '%-44s %15sx %15sx %15sx\n' "Trove, $PARALLEL at a time" \
  "$(ratio "$B_PF_MED" "$T_PAR_MED")" "$(ratio "$B_ONE_MED" "$T_PAR_MED")" "$(ratio "$B_ONE_LOOP_MED" "$T_PAR_MED")"
echo "(Blender's variants use one process at a time; Trove's parallel figure uses $PARALLEL.)"
echo
HEADLINE=$(ratio "$B_PF_MED" "$T_SEQ_MED")
if awk -v r="$HEADLINE" -v t="$TARGET_RATIO" 'BEGIN { exit !(r >= t) }'; then
  echo "Target speed (Trove in turn >= ${TARGET_RATIO}x faster than Blender per file): PASS (${HEADLINE}x)"
else
  echo "Target speed (Trove in turn >= ${TARGET_RATIO}x faster than Blender per file): FAIL (${HEADLINE}x)"
  if ((CHECK)); then
    exit 1
  fi
fi
