#!/usr/bin/env bash
# scripts/test.sh — the README's second command, and what CI runs: set up, build and run
# every test — the Release build, the same suite under AddressSanitizer + UBSan, and
# the browser end-to-end tests in Debian's chromium. Each stage prints how long it took,
# so a slow CI run says where the time went.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
started=$SECONDS
stage() { echo "== $1 (at $((SECONDS - started)) s)" >&2; }

stage "setup"
scripts/setup.sh --e2e

stage "release build"
scripts/build.sh release
stage "release tests"
ctest --test-dir build/release --output-on-failure -j"$jobs" --timeout 300

stage "sanitizer build (ASan + UBSan)"
scripts/build.sh sanitize
stage "sanitizer tests"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  scripts/run_test_shards.sh build/sanitize

# Fuzzing (docs/fuzzing.md): every fuzz/ target for 30 s, two at a time, on seeds from
# the fixtures; a crash fails the run and leaves its input in build/fuzz/artifacts/.
stage "fuzz targets (30 s each)"
scripts/setup.sh --fuzz
scripts/fuzz.sh 30 --jobs 2

stage "browser end-to-end tests"
tests/e2e/run.sh build/release/triagebot

stage "all passed"
