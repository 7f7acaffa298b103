#!/usr/bin/env bash
# scripts/build.sh [release|sanitize] — configure and build into build/<kind>/ in parallel.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-release}
jobs=$(nproc)
case "$kind" in
  release) flags=(-DCMAKE_BUILD_TYPE=Release) ;;
  # -O0 with line tables: instrumented code compiles about three times faster than at
  # -O1 (what CI's two cores spend most time on), the suite still runs in a minute, and
  # reports keep file:line.
  sanitize) flags=(-DCMAKE_BUILD_TYPE=Debug -DTRIAGEBOT_SANITIZE=ON "-DCMAKE_CXX_FLAGS_DEBUG=-O0 -g1") ;;
  *) echo "build.sh: unknown build kind '$kind' (release|sanitize)" >&2; exit 2 ;;
esac
# ccache, where a developer has it, makes rebuilds in several worktrees cheap; CI has none.
if command -v ccache >/dev/null 2>&1; then flags+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "build/$kind" "${flags[@]}" >/dev/null
cmake --build "build/$kind" -j"$jobs"
