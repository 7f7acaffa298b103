#!/usr/bin/env bash
# scripts/test.sh — the README's second command, and what CI runs: set up, build and run
# every test — the Release build, the same suite under AddressSanitizer + UBSan, and
# the browser end-to-end tests in Debian's chromium. Each stage prints when it started,
# in wall-clock and CPU time, so a slow CI run says where the time went.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
started=$SECONDS
# Hunspell's answers, kept for every process of both trees' suites: the dialogs tests ask
# it about the same typos in each of a thousand processes (tests/dialogs/spelling_memo.h).
export TRIAGEBOT_SPELLING_MEMO="$PWD/build/spelling-memo"
mkdir -p "$TRIAGEBOT_SPELLING_MEMO"
# The CPU figure (user and system time of every command so far) is what a change to the
# build should be judged by: the wall clock depends on what else the machine is doing.
# (`times` must run in this shell, not in a pipe or $(...), to see its children.)
cpu_log=$(mktemp)
trap 'rm -f "$cpu_log"' EXIT
stage() {
  times >"$cpu_log"
  echo "== $1 (at $((SECONDS - started)) s; CPU user/sys so far: $(tail -n 1 "$cpu_log"))" >&2
}

stage "setup"
scripts/setup.sh --e2e --fuzz

stage "release build"
scripts/build.sh release
stage "release tests"
# Two cases per core, as the sanitizer shards run: many cases mostly wait on a child
# process or a socket, and one per core left the cores idle a quarter of the stage.
ctest --test-dir build/release --output-on-failure -j"$((jobs * 2))" --timeout 300
# A fixture whose SetUpTestSuite fails makes GoogleTest skip its cases and exit 1, but
# gtest_discover_tests marks any output with "[  SKIPPED ]" as skipped, so ctest would
# call that a pass. The log keeps every case's output: a failed suite set-up fails here.
if grep -q "FAILED TEST SUITE" build/release/Testing/Temporary/LastTest.log; then
  grep -B2 -A2 "SetUpTestSuite or TearDownTestSuite" build/release/Testing/Temporary/LastTest.log >&2
  echo "test.sh: a test suite's set-up or tear-down failed (its cases were reported as skipped)" >&2
  exit 1
fi

stage "sanitizer build (ASan + UBSan)"
scripts/build.sh sanitize
stage "sanitizer tests"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  scripts/run_test_shards.sh build/sanitize

# Fuzzing (docs/fuzzing.md): every fuzz/ target for 15 s, two at a time, on seeds from
# the fixtures; a crash fails the run and leaves its input in build/fuzz/artifacts/.
# The targets are the sanitizer tree's, built with it above (its -O0 runs fewer inputs
# a second than scripts/fuzz.sh's own -O1 tree, which longer runs use).
stage "fuzz targets (15 s each)"
scripts/fuzz.sh 15 --jobs 2 --tree build/sanitize

stage "browser end-to-end tests"
tests/e2e/run.sh build/release/triagebot

stage "all passed"
