#!/usr/bin/env bash
# scripts/build.sh [release|sanitize] [--no-tests] [target ...] — configure and build into
# build/<kind>/ in parallel. With targets, only those (and what they need) are built:
# scripts/serve.sh asks for `triagebot` alone. --no-tests leaves the GoogleTest suites
# out of the configuration (the Dockerfile's image needs none of them).
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-release}
[ $# -gt 0 ] && shift
tests=ON
targets=()
for arg in "$@"; do
  case "$arg" in
    --no-tests) tests=OFF ;;
    -*) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
    *) targets+=(--target "$arg") ;;
  esac
done
jobs=$(nproc)
# Both trees are built by clang-14 where it is installed (scripts/setup.sh installs it),
# GCC otherwise. Clang compiles the test suites in about half GCC 12's time at -O0 (their
# code is GoogleTest and Beast templates) and the libraries at -O3 in about the same, and
# the server it builds is as fast (bench/reports/2026-12-07-clang-release.md); the
# sanitizer tree and the fuzz targets need clang anyway.
compiler=$(command -v clang++-14 2>/dev/null || true)
flags=()
[ -n "$compiler" ] && flags+=("-DCMAKE_CXX_COMPILER=$compiler")
case "$kind" in
  release) flags+=(-DCMAKE_BUILD_TYPE=Release) ;;
  # -O0 with line tables: instrumented code compiles about three times faster than at
  # -O1 (what CI's two cores spend most time on), the suite still runs in a minute, and
  # reports keep file:line. With clang, half GCC 12's time at -O0 with ASan (99 s against
  # 46 s for the largest unity file, bench/reports/2026-12-06-build-clang.md), and the
  # same checks.
  sanitize)
    flags+=(-DCMAKE_BUILD_TYPE=Debug -DTRIAGEBOT_SANITIZE=ON "-DCMAKE_CXX_FLAGS_DEBUG=-O0 -g1")
    # With clang the fuzz/ targets are built here too (CI runs them: scripts/test.sh):
    # the libraries are compiled once, instrumented, for the suites and the fuzzers,
    # where a tree of their own took CI nearly three minutes more.
    [ -n "$compiler" ] && flags+=(-DTRIAGEBOT_FUZZ=ON)
    ;;
  *) echo "build.sh: unknown build kind '$kind' (release|sanitize)" >&2; exit 2 ;;
esac
# Said every time: the cache would otherwise keep an earlier --no-tests.
flags+=(-DTRIAGEBOT_TESTS=$tests)
# ccache, where a developer has it, makes rebuilds in several worktrees cheap; CI has none.
# The suites and libraries use precompiled headers, which ccache caches only with this
# sloppiness (it would otherwise compile every file uncached).
if command -v ccache >/dev/null 2>&1; then
  flags+=("-DCMAKE_CXX_COMPILER_LAUNCHER=env;CCACHE_SLOPPINESS=pch_defines,time_macros;ccache")
fi
# Ninja (scripts/setup.sh installs it) keeps both cores busy to the end; make waits at
# each library. A tree configured by the other generator is started again, as CMake
# cannot switch a build directory's generator.
generator="Unix Makefiles"
command -v ninja >/dev/null 2>&1 && generator=Ninja
# The same holds for the compiler: a tree made by GCC before clang was installed starts
# again with clang.
if [ -f "build/$kind/CMakeCache.txt" ] &&
  { ! grep -qx "CMAKE_GENERATOR:INTERNAL=$generator" "build/$kind/CMakeCache.txt" ||
    { [ -n "$compiler" ] && ! grep -q "^CMAKE_CXX_COMPILER:.*clang++-14" "build/$kind/CMakeCache.txt"; }; }; then
  rm -rf "build/$kind"
fi
cmake -S . -B "build/$kind" -G "$generator" "${flags[@]}" >/dev/null
cmake --build "build/$kind" -j"$jobs" "${targets[@]}"
