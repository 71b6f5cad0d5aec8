#!/usr/bin/env bash
# Runs the fuzz targets that `cmake --build --preset fuzz` built into build-fuzz/ (`make fuzz`;
# `make test` runs it with 20 seconds per target).
#
#   scripts/fuzz.sh SECONDS [TARGET...]     every target when none is named
#
# SECONDS 0 runs each seed once instead of fuzzing: a quick check that the targets work.
# Each target first replays its regressions (fuzz/regressions/TARGET/: inputs that once broke
# it, kept with their fix), then fuzzes for SECONDS from its seeds (fuzz/corpus/TARGET/) and what
# earlier runs on this machine found (build-fuzz/corpus/TARGET/). Two targets run at a time, one
# per core. A crash, a hang (10 s), a leak, a sanitizer report or a broken invariant fails the
# run; the input that did it is left in build-fuzz/crashes/, to be copied into
# fuzz/regressions/TARGET/ with the fix. The last line sums up the executions, for the README.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}
shift
targets=("$@")
if ((${#targets[@]} == 0)); then
  for source in fuzz/targets/*_fuzz.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi

mkdir -p build-fuzz/crashes build-fuzz/logs
# What went wrong, from a target's log: the sanitizer's or the invariant's message and where.
report() {
  grep -E -A14 "ERROR: |runtime error|invariant broken|500 for|deadly signal|Test unit written" "$1" |
    grep -vE "^ *0x|Shadow|^  [A-Z][a-z]+.*: " | head -n 40 >&2 || true
}
run_target() {
  local target=$1 seconds=$2 binary=build-fuzz/$1 log=build-fuzz/logs/$1.log
  [[ -x $binary ]] || { echo "fuzz: $binary is not built (cmake --build --preset fuzz)" >&2; return 1; }
  local regressions=(fuzz/regressions/"$target"/*)
  if [[ -e ${regressions[0]} ]]; then
    "$binary" -runs=1 "${regressions[@]}" >"$log" 2>&1 || { echo "fuzz: $target fails a regression input (see $log)" >&2; report "$log"; return 1; }
  fi
  if ((seconds == 0)); then
    "$binary" fuzz/corpus/"$target"/* >"$log" 2>&1 || { echo "fuzz: $target fails a seed (see $log)" >&2; report "$log"; return 1; }
    echo "fuzz: $target: every seed ran, no failure"
    return 0
  fi
  mkdir -p build-fuzz/corpus/"$target"
  local seeds=fuzz/corpus/$target
  [[ -d $seeds ]] || seeds=""
  if ! "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix=build-fuzz/crashes/"$target"- build-fuzz/corpus/"$target" $seeds >"$log" 2>&1; then
    echo "fuzz: $target failed; the input is in build-fuzz/crashes/ (log: $log)" >&2
    report "$log"
    return 1
  fi
  local runs
  runs=$(awk '/stat::number_of_executed_units/ { print $2 }' "$log")
  echo "fuzz: $target: ${runs:-0} executions in $seconds s, no failure"
}
export -f run_target report

status=0
printf '%s\n' "${targets[@]}" | xargs -P 2 -I{} bash -c 'run_target "$1" "$2"' _ {} "$seconds" || status=1
total=0
for target in "${targets[@]}"; do
  runs=$(awk '/stat::number_of_executed_units/ { print $2 }' build-fuzz/logs/"$target".log 2>/dev/null || true)
  total=$((total + ${runs:-0}))
done
echo "fuzz: ${#targets[@]} targets, $total executions in all$( ((status == 0)) && echo ", no failure" || echo ", FAILED")"
exit "$status"
