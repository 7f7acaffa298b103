#!/usr/bin/env bash
# scripts/run_test_shards.sh BUILD_DIR — runs every GoogleTest executable of a build tree
# in shards, 4 x $(nproc) side by side, and ends with one line
# "sanitizer: N passed, N failed".
#
# Why not ctest here: ctest starts one process per test case, and an instrumented
# (ASan + UBSan) binary of this size spends most of a second of CPU just starting and
# exiting; over four hundred cases that was the larger half of the sanitizer stage. A
# shard runs its share of the cases in one process, so the checks are the same and the
# start-up is paid a handful of times. (The Release tree keeps ctest's one process per
# case, so a test that only passes after another one still shows up there.)
#
# How the shards are laid out: bot_tests mostly waits (on the server processes it
# starts, their sockets and their deadlines: 170 s of CPU in 4 shards of 110 s each on
# two cores), so it starts first, in 4 x $(nproc) shards, and more shards run than there
# are cores, so that the CPU-bound dialogs shards (as many, as two of them held the
# whole-set tests) fill its waits. Four runs of each layout on this noisy machine: the
# stage's wall time was 0.54 of its CPU time against 0.53-0.65 with 2 x $(nproc) shards
# four at a time, oldest first (the floor on two cores is 0.5).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tests_dir="$(cd "$1/tests" && pwd)"
slots=$(($(nproc) * 4))
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# bot_tests first, the others after it in name order.
binaries=()
[ -x "$tests_dir/bot_tests" ] && binaries+=("$tests_dir/bot_tests")
for binary in "$tests_dir"/*_tests; do
  [ -x "$binary" ] && [ "$(basename "$binary")" != bot_tests ] && binaries+=("$binary")
done
if [ ${#binaries[@]} -eq 0 ]; then
  echo "run_test_shards.sh: no *_tests executables in $tests_dir" >&2
  exit 2
fi

# The running shards' names by process id; when all slots are taken, the first shard to
# end (`wait -n`) frees one, whichever it is.
declare -A running=()
reap_one() {
  local pid status=0
  wait -n -p pid || status=$?
  [ "$status" -eq 0 ] || echo "${running[$pid]}" >>"$logs/failed"
  unset "running[$pid]"
}
for binary in "${binaries[@]}"; do
  case "$(basename "$binary")" in
    bot_tests | dialogs_tests) shards=$(($(nproc) * 4)) ;;
    *) shards=$(($(nproc) * 2)) ;;
  esac
  for ((shard = 0; shard < shards; shard++)); do
    [ ${#running[@]} -lt "$slots" ] || reap_one
    name="$(basename "$binary").$shard"
    (started=$SECONDS
      cd "$tests_dir" && TRIAGEBOT_SOURCE_DIR="$root" GTEST_TOTAL_SHARDS=$shards \
        GTEST_SHARD_INDEX=$shard "$binary" --gtest_color=no >"$logs/$name.log" 2>&1
      status=$?
      echo "$((SECONDS - started)) $name" >>"$logs/times"
      exit $status) &
    running[$!]=$name
  done
done
while [ ${#running[@]} -gt 0 ]; do reap_one; done

passed=0
failed=0
for log in "$logs"/*.log; do
  n=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) tests\?\.$/\1/p' "$log" | tail -n 1)
  f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) tests\?, listed below:$/\1/p' "$log" | tail -n 1)
  passed=$((passed + ${n:-0}))
  failed=$((failed + ${f:-0}))
done
status=0
if [ -f "$logs/failed" ]; then
  status=1
  while read -r name; do
    echo "---- $name failed; its output:" >&2
    cat "$logs/$name.log" >&2
  done <"$logs/failed"
  # A shard that crashed reports no count of its own: count it as one failure.
  [ "$failed" -gt 0 ] || failed=1
fi
echo "sanitizer: $passed passed, $failed failed"
# Where the stage's time went: the longest shards.
echo "slowest shards (s): $(sort -rn "$logs/times" | head -n 4 | tr '\n' ' ')"
exit "$status"
