#!/usr/bin/env bash
# scripts/test.sh — the README's second command, and what CI runs: set up, build and run
# every test — the Release build, the same suite under AddressSanitizer + UBSan, and
# the browser end-to-end tests in Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --e2e
jobs=$(nproc)

echo "== release build" >&2
scripts/build.sh release
echo "== release tests" >&2
ctest --test-dir build/release --output-on-failure -j"$jobs" --timeout 300

echo "== sanitizer build (ASan + UBSan)" >&2
scripts/build.sh sanitize
echo "== sanitizer tests" >&2
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/sanitize --output-on-failure -j"$jobs" --timeout 600

if [ -f tests/e2e/run.sh ]; then
  echo "== browser end-to-end tests" >&2
  tests/e2e/run.sh build/release/triagebot
fi
