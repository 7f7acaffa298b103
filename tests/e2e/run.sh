#!/usr/bin/env bash
# tests/e2e/run.sh <path-to-triagebot> — the browser end-to-end tests.
#
# Starts the given server binary on an ephemeral port with a fresh database, runs the
# node:test suite in this folder against it in Debian's chromium (through
# playwright-core; no browser is ever downloaded), and stops the server whatever
# happens. Exits non-zero when a test fails or the server does not start. Screenshots
# go to a temporary folder, so a test run leaves the work tree as it was; to refresh
# the ones the docs show: TRIAGEBOT_E2E_SCREENSHOTS="$PWD/docs/screenshots" tests/e2e/run.sh ...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if [ $# -ne 1 ]; then
  echo "usage: tests/e2e/run.sh <path-to-triagebot>" >&2
  exit 2
fi
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
if [ ! -x "$binary" ]; then
  echo "run.sh: $1 is not an executable" >&2
  exit 2
fi

if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

emergency_number=112
# The review page's tests sign in with this; a fresh random value each run.
admin_token="e2e-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
# Every test browses from 127.0.0.1, so the whole suite is one "address": lift that
# limit well above what the suite sends in a minute (the limits have their own
# GoogleTest integration tests). The per-session limit stays at its default.
# Only the widget: credentials of other adapters from the caller's environment must not
# switch them on here.
: >"$work/stdout"  # exists before the server's shell opens it, for the poll below
env -u TRIAGEBOT_TELEGRAM_TOKEN -u TRIAGEBOT_SLACK_TOKEN -u TRIAGEBOT_ADMIN_TOKEN \
  -u TRIAGEBOT_WIDGET_ORIGINS -u TRIAGEBOT_TRUSTED_PROXIES -u TRIAGEBOT_KNOWLEDGE \
  TRIAGEBOT_DB="$work/triagebot.db" TRIAGEBOT_LISTEN=127.0.0.1:0 TRIAGEBOT_THREADS=2 \
  TRIAGEBOT_EMERGENCY_NUMBER="$emergency_number" TRIAGEBOT_ADMIN_TOKEN="$admin_token" \
  TRIAGEBOT_WIDGET_RATE_PER_ADDRESS=6000 \
  "$binary" serve >"$work/stdout" 2>"$work/stderr" &
server_pid=$!

# Poll for the "listening on http://HOST:PORT" line, with a deadline.
url=""
deadline=$((SECONDS + 30))
while [ -z "$url" ]; do
  url="$(sed -n 's/^listening on \(http:\/\/[^ ]*\).*$/\1/p' "$work/stdout" | head -n 1)"
  [ -n "$url" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "run.sh: the server exited before listening; its stderr:" >&2
    cat "$work/stderr" >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "run.sh: no 'listening on' line within 30 s; the server's stderr:" >&2
    cat "$work/stderr" >&2
    exit 1
  fi
  sleep 0.1
done
echo "run.sh: server at $url" >&2

status=0
(cd "$here" && TRIAGEBOT_E2E_URL="$url" TRIAGEBOT_E2E_EMERGENCY_NUMBER="$emergency_number" \
  TRIAGEBOT_E2E_ADMIN_TOKEN="$admin_token" \
  TRIAGEBOT_E2E_SCREENSHOTS="${TRIAGEBOT_E2E_SCREENSHOTS:-$work/screenshots}" \
  node --test --test-concurrency=1 --test-reporter=spec ./*.test.mjs) || status=$?
if [ "$status" -ne 0 ]; then
  echo "run.sh: browser tests failed; the server's last log lines:" >&2
  tail -n 40 "$work/stderr" >&2
fi
exit "$status"
