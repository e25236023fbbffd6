# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash disable=SC2034  # sets variables for the scripts that source it
#
# Sourced by the benchmarks: timing a command, and the figures' arithmetic.
# measure() and show_log_tail() expect WORK (a scratch folder) and LOG (where
# the measured commands' stderr goes) to be set when they are called.

# Wall time, CPU time and peak RSS of one command. GNU time gives the peak RSS
# (and CPU time); the wall clock is taken here with nanosecond resolution,
# because GNU time's %e only has 10 ms. The few hundred microseconds that
# starting /usr/bin/time costs are counted against the measured tool.
# Without GNU time, a small Python wrapper reads the same figures from
# getrusage(RUSAGE_CHILDREN); its peak RSS then over-reports by up to the
# wrapper's own ~10-15 MB, because Linux keeps the RSS peak a process had
# before exec() (this errs against the measured tool, never for it).
# When the command runs other processes (xargs), the peak RSS is the largest
# of all of them (Linux carries the children's maximum up the tree) and the
# CPU time their sum.
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then
  TIMER="GNU time (/usr/bin/time)"
  HAVE_GNU_TIME=1
else
  TIMER="python3 getrusage; peak RSS over-reported by ~10-15 MB (for GNU time: apt-get install time)"
  HAVE_GNU_TIME=0
fi

PY_TIMER='
import resource, subprocess, sys, time
out = sys.argv[1]
before = resource.getrusage(resource.RUSAGE_CHILDREN)
start = time.perf_counter()
rc = subprocess.call(sys.argv[2:])
wall = time.perf_counter() - start
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (ru.ru_utime + ru.ru_stime) - (before.ru_utime + before.ru_stime)
with open(out, "w") as f:
    f.write("%.6f %.2f %d\n" % (wall, cpu, ru.ru_maxrss))
sys.exit(rc)
'

# measure STDOUT_FILE COMMAND...: sets M_WALL (s), M_CPU (s) and M_RSS (kB).
# Returns the command's exit status. The command's stdin is /dev/null.
measure() {
  local out=$1 rusage=$WORK/rusage t0 t1 rc=0
  shift
  if ((HAVE_GNU_TIME)); then
    t0=$(date +%s%N)
    /usr/bin/time -f '%U %S %M' -o "$rusage" "$@" </dev/null >"$out" 2>>"$LOG" || rc=$?
    t1=$(date +%s%N)
    # GNU time prefixes "Command exited with non-zero status N" on failure.
    read -r M_CPU M_RSS < <(awk 'END { printf "%.2f %d\n", $1 + $2, $3 }' "$rusage")
    M_WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
  else
    python3 -I -c "$PY_TIMER" "$rusage" "$@" </dev/null >"$out" 2>>"$LOG" || rc=$?
    read -r M_WALL M_CPU M_RSS <"$rusage"
  fi
  return "$rc"
}

median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
    END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

maximum() {
  printf '%s\n' "$@" | sort -g | tail -n 1
}

mb() { # kB -> decimal MB
  awk -v k="$1" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }'
}

show_log_tail() {
  if [[ -s $LOG ]]; then
    echo "--- last lines of the log ---" >&2
    tail -n 20 "$LOG" >&2
  fi
}
