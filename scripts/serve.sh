#!/usr/bin/env bash
# scripts/serve.sh — the README's first command: set up, build (Release) and start
# `triagebot serve` with defaults. Extra arguments go to `triagebot serve`. Only the
# server is built: a first start should not wait for the test suites to compile.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release triagebot
exec build/release/triagebot serve "$@"
