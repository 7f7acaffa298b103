#!/usr/bin/env bash
# scripts/build.sh [release|sanitize] — configure and build into build/<kind>/ in parallel.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-release}
jobs=$(nproc)
case "$kind" in
  release) flags=(-DCMAKE_BUILD_TYPE=Release) ;;
  # -O1 keeps the sanitized suite quick while the checks stay on.
  sanitize) flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRIAGEBOT_SANITIZE=ON "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g") ;;
  *) echo "build.sh: unknown build kind '$kind' (release|sanitize)" >&2; exit 2 ;;
esac
cmake -S . -B "build/$kind" "${flags[@]}" >/dev/null
cmake --build "build/$kind" -j"$jobs"
