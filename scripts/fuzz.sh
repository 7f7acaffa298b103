#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] [--jobs N] [--tree DIR] [target ...] — build the libFuzzer
# targets of fuzz/ with clang-14 into build/fuzz (-O1, ASan + UBSan, coverage feedback)
# and run each for SECONDS (default 60), N at a time (default 1). --tree runs the targets
# another tree configured with -DTRIAGEBOT_FUZZ=ON already builds: CI uses the sanitizer
# tree's (scripts/build.sh sanitize), whose libraries are compiled once for the suites
# and the fuzzers. Corpora live in build/fuzz/corpus/<target>/,
# seeded by fuzz/make_seeds.sh and grown by every run. A crash stops with exit 1 and leaves
# the input as build/fuzz/artifacts/<target>/crash-*; docs/fuzzing.md says how to replay it
# and turn it into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
jobs=1
tree=
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --jobs) jobs=${2:?--jobs needs a number}; shift ;;
    --tree) tree=${2:?--tree needs a build directory}; shift ;;
    [0-9]*) seconds=$1 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
all=(http_request_fuzzer telegram_update_fuzzer widget_request_fuzzer slack_request_fuzzer
  knowledge_fuzzer message_reader_fuzzer stored_session_fuzzer)
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

build=build/fuzz
if [ -n "$tree" ]; then
  if ! grep -q "^TRIAGEBOT_FUZZ:BOOL=ON" "$tree/CMakeCache.txt" 2>/dev/null; then
    echo "fuzz.sh: $tree is not a tree configured with -DTRIAGEBOT_FUZZ=ON" >&2
    exit 2
  fi
else
  tree=$build
  flags=(-DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" -DTRIAGEBOT_FUZZ=ON
    -DTRIAGEBOT_TESTS=OFF -DCMAKE_CXX_COMPILER=clang++-14)
  if command -v ccache >/dev/null 2>&1; then flags+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
  # Ninja keeps both cores busy across the libraries, where make waits at each one (a
  # tree made by make before stays with make: CMake cannot switch its generator).
  if command -v ninja >/dev/null 2>&1 && [ ! -f "$build/Makefile" ]; then flags+=(-G Ninja); fi
  cmake -S . -B "$build" "${flags[@]}" >/dev/null
fi
binaries=$tree/fuzz
# Up to date already when the tree's own build made them.
cmake --build "$tree" -j"$(nproc)" --target "${targets[@]}"

fuzz/make_seeds.sh "$build/corpus"
run_one() {
  local target=$1 log="$build/logs/$1.log"
  mkdir -p "$build/artifacts/$target" "$build/logs"
  # -rss_limit_mb: a parser that holds a few times its input is fine, a runaway is not.
  if "$binaries/$target" "$build/corpus/$target" -max_total_time="$seconds" \
    -artifact_prefix="$build/artifacts/$target/" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 >"$log" 2>&1; then
    echo "fuzz $target: $(grep -E '^#[0-9]+.*(DONE|pulse)' "$log" | tail -n 1)"
  else
    echo "fuzz $target: FAILED (log $log, input in $build/artifacts/$target/)" >&2
    tail -n 40 "$log" >&2
    return 1
  fi
}
export -f run_one
export build binaries seconds
# xargs -P runs `jobs` targets at once and fails when any of them failed.
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one {}'
