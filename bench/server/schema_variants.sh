#!/usr/bin/env bash
# bench/server/schema_variants.sh: what a change to the schema would save the Telegram
# load, measured before it is written as a migration. Each variant is SQL applied with
# sqlite3 to the database the binary has just created (started once and stopped), before
# the server starts again and takes the load: drop an index, add a trigger, re-key an
# index. The binary's own queries are unchanged, so a variant that drops an index a query
# needs measures the writer's side only; say so beside its numbers.
#
#   bench/server/schema_variants.sh [-r ROUNDS] [-d SECONDS] [-w] BINARY [NAME=SQL ...]
#   bench/server/schema_variants.sh -r 3 build/release/triagebot \
#     'no_stats_index=DROP INDEX conversations_stats;'
#
# Every round runs "base" (no SQL) and then each variant, so rounds interleave. The load
# is the yardstick's: wrk with load/telegram_update.lua, 2 threads, 64 connections, 50,000
# chats, 2 s of warm-up, against a fake Bot API (bench-peers' beast_hello) and the server's
# own Telegram webhook, as in bench/server/run.sh. Per run it prints updates/s, p99, the
# server's CPU per update (all threads, the writer, the checkpointer), and the writer's
# statements and WAL pages per item (/metrics, warm-up included). With -w it also prints
# which b-trees the WAL's frames belonged to at the end of the window (dbstat).
#
# Needs the yardstick built by bench/server/run.sh (build/bench-server/bench-peers), wrk,
# sqlite3, curl and python3. Uses ports BENCH_PORT_BASE and +1 (default 18990). Not for a
# report's headline numbers: those come from run.sh, beside the Node bots.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

die() {
  echo "schema_variants.sh: $*" >&2
  exit 1
}

rounds=3 seconds=10 wal=0
while getopts "r:d:w" option; do
  case $option in
    r) rounds=$OPTARG ;;
    d) seconds=$OPTARG ;;
    w) wal=1 ;;
    *) die "usage: $0 [-r ROUNDS] [-d SECONDS] [-w] BINARY [NAME=SQL ...]" ;;
  esac
done
shift $((OPTIND - 1))
[[ $# -ge 1 ]] || die "usage: $0 [-r ROUNDS] [-d SECONDS] [-w] BINARY [NAME=SQL ...]"
binary=$(realpath "$1")
shift
[[ -x $binary ]] || die "no binary at $1"
peers=$root/build/bench-server/bench-peers
[[ -x $peers/build/beast_hello ]] || die "no yardstick at $peers: run bench/server/run.sh once"
for tool in wrk sqlite3 curl python3; do command -v $tool >/dev/null || die "$tool is missing"; done

names=(base) sqls=("")
for variant in "$@"; do
  [[ $variant == *=* ]] || die "a variant is NAME=SQL, not '$variant'"
  names+=("${variant%%=*}") sqls+=("${variant#*=}")
done

fake_port=${BENCH_PORT_BASE:-18990}
port=$((fake_port + 1))
url=http://127.0.0.1:$port/webhooks/telegram
export LUA_PATH="$peers/load/?.lua;;"
work=$(mktemp -d "${TMPDIR:-/tmp}/schema-variants.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

reply='{"ok":true,"result":{"message_id":1,"date":1732540000,"chat":{"id":1,"type":"private"},"text":"ok"}}'
"$peers/build/beast_hello" --port "$fake_port" --threads 1 --reply "$reply" >/dev/null 2>&1 &
pids+=($!)

server_env=("TRIAGEBOT_LISTEN=127.0.0.1:$port" TRIAGEBOT_THREADS=2
  TRIAGEBOT_TELEGRAM_TOKEN=123456:bench-token TRIAGEBOT_TELEGRAM_SECRET=bench-telegram-secret
  "TRIAGEBOT_TELEGRAM_API=http://127.0.0.1:$fake_port" TRIAGEBOT_TELEGRAM_USERNAME=triagebot_bench)

wait_healthy() {
  local deadline=$((SECONDS + 20))
  until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
    ((SECONDS < deadline)) || die "the server did not answer /healthz"
    sleep 0.1
  done
}

stop_server() {
  kill -TERM "$1"
  wait "$1" || die "the server exited with status $? on SIGTERM"
}

# CPU ticks per thread name, summed: "name ticks" lines.
thread_ticks() {
  for task in /proc/"$1"/task/*; do
    echo "$(cat "$task/comm") $(awk '{ print $14 + $15 }' "$task/stat")"
  done | awk '{ ticks[$1] += $2 } END { for (name in ticks) print name, ticks[name] }' | sort
}

wal_owners() { # WAL file, database: the share of the WAL's frames each b-tree holds
  python3 - "$1" "$2" <<'EOF'
import collections, sqlite3, struct, sys
data = open(sys.argv[1], "rb").read()
page_size = struct.unpack(">I", data[8:12])[0]
pages = [struct.unpack(">I", data[at:at + 4])[0]
         for at in range(32, len(data) - 24 - page_size + 1, 24 + page_size)]
owner = dict(sqlite3.connect(sys.argv[2]).execute("SELECT pageno, name FROM dbstat"))
counts = collections.Counter(owner.get(page, "?") for page in pages)
print("    WAL frames by b-tree:", ", ".join(
    f"{name} {100 * n / len(pages):.1f}%" for name, n in counts.most_common(12)))
EOF
}

run_variant() { # NAME SQL ROUND
  local name=$1 sql=$2 round=$3 db=$work/$1-$3.db pid
  env "${server_env[@]}" TRIAGEBOT_DB="$db" "$binary" serve >"$work/server.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  wait_healthy
  stop_server "$pid"
  [[ -z $sql ]] || sqlite3 "$db" "$sql" || die "variant $name: its SQL failed"
  env "${server_env[@]}" TRIAGEBOT_DB="$db" "$binary" serve >"$work/server.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  wait_healthy
  wrk -t2 -c64 -d2s --timeout 5s -s "$peers/load/telegram_update.lua" "$url" >/dev/null
  thread_ticks "$pid" >"$work/before"
  wrk -t2 -c64 -d"${seconds}s" --timeout 5s --latency -s "$peers/load/telegram_update.lua" \
    "$url" >"$work/wrk.txt"
  [[ $wal == 1 ]] && cp "$db-wal" "$work/wal.copy"
  thread_ticks "$pid" >"$work/after"
  local writer
  writer=$(curl -s "http://127.0.0.1:$port/metrics" | awk '
    $1 == "triagebot_writer_items" { i = $2 } $1 == "triagebot_writer_statements" { s = $2 }
    $1 == "triagebot_writer_wal_pages" { w = $2 }
    END { if (i > 0) printf "%.2f statements, %.2f WAL pages per item", s / i, w / i }')
  stop_server "$pid"
  local requests rps p99 ticks_per_s
  requests=$(awk '/requests in/ { print $1 }' "$work/wrk.txt")
  rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")
  ticks_per_s=$(getconf CLK_TCK)
  join "$work/before" "$work/after" | awk -v n="$requests" -v hz="$ticks_per_s" \
    -v head="$(printf '%s\t%s\t%s/s\tp99 %s' "$round" "$name" "$rps" "$p99")" -v tail="$writer" '
    { us = ($3 - $2) * 1e6 / hz / n; total += us; by[$1] = us }
    END { printf "%s\t%.1f µs/update (writer %.1f, checkpointer %.1f)\t%s\n",
            head, total, by["tb-writer"], by["tb-checkpoint"], tail }'
  [[ $wal == 1 ]] && wal_owners "$work/wal.copy" "$db"
  rm -f "$db" "$db"-*
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); binary $binary"
for ((round = 1; round <= rounds; round++)); do
  for i in "${!names[@]}"; do run_variant "${names[$i]}" "${sqls[$i]}" "$round"; done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
