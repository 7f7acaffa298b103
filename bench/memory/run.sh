#!/usr/bin/env bash
# bench/memory/run.sh: the server's peak RSS (VmHWM) with 50,000 active Telegram chats.
# Drives `triagebot serve` with ../shared/bench-peers' Telegram load (chat ids drawn
# from 50,000) until CHATS conversations exist, then keeps going for TAIL seconds over
# chats that all exist, and prints VmHWM/VmRSS as it goes. Replies go through the
# outbox to a fake Bot API on 127.0.0.1 (paced, as in production).
#
#   bench/memory/run.sh [TRIAGEBOT_BIN]
#   CHATS=45000 TAIL=20 DATA_DIR=/var/tmp/mem bench/memory/run.sh build/release/triagebot
#
# DATA_DIR must be on the product's disk (not a tmpfs: a tmpfs file counts as memory).
# Needs wrk, sqlite3, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
bin=${1:-$root/build/release/triagebot}
chats=${CHATS:-45000}
tail_seconds=${TAIL:-20}
data=${DATA_DIR:-$root/build/bench-memory}
peers=${BENCH_PEERS:-$root/../shared/bench-peers}
port=${PORT:-18480}
api_port=$((port + 1))
mkdir -p "$data"
db=$data/memory.db
rm -f "$db" "$db-wal" "$db-shm" "$db.lock"

python3 "$root/bench/memory/fake_telegram.py" "$api_port" &
api_pid=$!
TRIAGEBOT_LISTEN=127.0.0.1:$port TRIAGEBOT_DB=$db TRIAGEBOT_THREADS=${THREADS:-2} \
  TRIAGEBOT_TELEGRAM_TOKEN=123456:bench-token TRIAGEBOT_TELEGRAM_SECRET=bench-telegram-secret \
  TRIAGEBOT_TELEGRAM_API=http://127.0.0.1:$api_port TRIAGEBOT_TELEGRAM_USERNAME=triagebot_bench \
  "$bin" serve >"$data/serve.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  kill "$api_pid" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

memory() { awk '/VmHWM|VmRSS/ {printf "%s %d MiB  ", $1, $2 / 1024}' "/proc/$server/status"; }
conversations() { sqlite3 "file:$db?mode=ro" "SELECT COUNT(*) FROM conversations" 2>/dev/null || echo 0; }

echo "start: $(memory)"
export LUA_PATH="$peers/load/?.lua;;"
url=http://127.0.0.1:$port/webhooks/telegram
while (($(conversations) < chats)); do
  wrk -t2 -c64 -d10s -s "$peers/load/telegram_update.lua" "$url" | grep RESULT | cut -c1-60
  echo "conversations=$(conversations): $(memory)"
done
# CPU of the server per request over the tail, when every chat already exists.
ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
before=$(ticks)
result=$(wrk -t2 -c64 -d"${tail_seconds}s" -s "$peers/load/telegram_update.lua" "$url" | grep RESULT)
after=$(ticks)
echo "$result" | cut -c1-60
requests=$(echo "$result" | sed 's/.*requests=\([0-9]*\).*/\1/')
echo "tail: $requests requests, $(((after - before) * 1000000 / $(getconf CLK_TCK) / requests)) us of server CPU per request"
echo "end: conversations=$(conversations) $(memory)"
echo "db: $(du -m "$db" | cut -f1) MiB, wal: $(du -m "$db-wal" 2>/dev/null | cut -f1) MiB"
