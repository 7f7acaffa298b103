#!/usr/bin/env bash
# scripts/run_test_shards.sh BUILD_DIR — runs every GoogleTest executable of a build tree
# in 2 x $(nproc) shards each (many cases mostly wait on a child process or a socket),
# that many side by side, and ends with one line
# "sanitizer: N passed, N failed".
#
# Why not ctest here: ctest starts one process per test case, and an instrumented
# (ASan + UBSan) binary of this size spends most of a second of CPU just starting and
# exiting; over four hundred cases that was the larger half of the sanitizer stage. A
# shard runs its share of the cases in one process, so the checks are the same and the
# start-up is paid a handful of times. (The Release tree keeps ctest's one process per
# case, so a test that only passes after another one still shows up there.)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tests_dir="$(cd "$1/tests" && pwd)"
shards=$(($(nproc) * 2))
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

binaries=()
for binary in "$tests_dir"/*_tests; do
  [ -x "$binary" ] && binaries+=("$binary")
done
if [ ${#binaries[@]} -eq 0 ]; then
  echo "run_test_shards.sh: no *_tests executables in $tests_dir" >&2
  exit 2
fi

pids=()
names=()
for binary in "${binaries[@]}"; do
  for ((shard = 0; shard < shards; shard++)); do
    name="$(basename "$binary").$shard"
    (started=$SECONDS
      cd "$tests_dir" && TRIAGEBOT_SOURCE_DIR="$root" GTEST_TOTAL_SHARDS=$shards \
        GTEST_SHARD_INDEX=$shard "$binary" --gtest_color=no >"$logs/$name.log" 2>&1
      status=$?
      echo "$((SECONDS - started)) $name" >>"$logs/times"
      exit $status) &
    pids+=($!)
    names+=("$name")
    # Keep at most $shards running: wait for the oldest before starting another.
    if [ ${#pids[@]} -ge "$shards" ]; then
      wait "${pids[0]}" || echo "${names[0]}" >>"$logs/failed"
      pids=("${pids[@]:1}")
      names=("${names[@]:1}")
    fi
  done
done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || echo "${names[$i]}" >>"$logs/failed"
done

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
