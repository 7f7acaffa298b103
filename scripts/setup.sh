#!/usr/bin/env bash
# scripts/setup.sh — install whatever this project needs from Debian's packages and npm.
#
# The one place the build and test dependencies are named: the README's two quick-start
# commands, .ci/run and the Dockerfile all call it, so they cannot drift apart. It does
# nothing when everything is present (no apt-get update, no network).
#
#   scripts/setup.sh            build + test dependencies (clang-14, libraries, gtest)
#   scripts/setup.sh --e2e      also Debian's chromium and playwright-core for browser tests
#   scripts/setup.sh --bench    also wrk and sqlite3 for the benchmarks
#   scripts/setup.sh --fuzz     also libFuzzer for fuzz/ (scripts/fuzz.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

# clang-14 builds both trees (scripts/build.sh); g++ brings libstdc++'s headers, which
# clang uses too, and remains the compiler where clang is missing.
packages=(clang-14 g++ cmake make ninja-build lld pkg-config libboost-dev libboost-system-dev nlohmann-json3-dev
  libsqlitecpp-dev libsqlite3-dev libssl-dev libgtest-dev libgmock-dev ca-certificates
  libhunspell-dev hunspell-en-us hunspell-en-gb libcld2-dev libjemalloc-dev libsimdjson-dev)
want_e2e=0
for arg in "$@"; do
  case "$arg" in
    --e2e) want_e2e=1; packages+=(chromium nodejs npm) ;;
    --bench) packages+=(wrk sqlite3) ;;
    # openssl signs the Slack seeds (fuzz/make_seeds.sh).
    --fuzz) packages+=(libfuzzer-14-dev openssl) ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  # Installed means dpkg says "install ok installed"; anything else gets installed.
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    # node/npm may come from elsewhere on a developer machine: accept them on PATH.
    case "$p" in
      nodejs) command -v node >/dev/null 2>&1 && continue ;;
      npm) command -v npm >/dev/null 2>&1 && continue ;;
    esac
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup.sh: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$want_e2e" -eq 1 ] && [ ! -d tests/e2e/node_modules/playwright-core ]; then
  echo "setup.sh: installing playwright-core (npm, no browser download)" >&2
  (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
fi
exit 0
