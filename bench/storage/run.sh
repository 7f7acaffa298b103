#!/usr/bin/env bash
# bench/storage/run.sh: build storage_bench, measure the storage writer against raw
# SQLite (one transaction per row) on this machine's disk, and write
# bench/reports/<date>-storage.md.
#
#   bench/storage/run.sh                  # ~3 s per case, 10 cases
#   BENCH_SECONDS=5 bench/storage/run.sh  # longer cases
#   BUILD_DIR=build-storage DATA_DIR=/var/tmp/x bench/storage/run.sh
#
# DATA_DIR must be on the disk the product uses (not a tmpfs): fsync cost is the point.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
build=${BUILD_DIR:-build-storage}
seconds=${BENCH_SECONDS:-3}
data=${DATA_DIR:-$root/$build/bench-data}
date=$(date -u +%Y-%m-%d)
report=${REPORT:-$root/bench/reports/$date-storage.md}
results=$root/bench/results/storage-$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$results" "$data" "$(dirname "$report")"

cmake -S "$root" -B "$root/$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/$build" -j2 --target storage_bench >/dev/null
bench=$root/$build/bench/storage/storage_bench

tsv=$results/runs.tsv
: >"$tsv"
run() {
  echo "== $*" >&2
  "$bench" "$data" "$@" | tee -a "$tsv" >&2
}
for sync in normal full; do
  run raw "$sync" "$seconds"
  for inflight in 1 8 64; do run pipeline "$sync" "$seconds" "$inflight"; done
  run row "$sync" "$seconds" 64
done
rmdir "$data" 2>/dev/null || true

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
disk_fs=$(df -T "$root/$build" | awk 'NR==2 {print $1 " (" $2 ")"}')
sqlite=$(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo unknown)

{
  echo "# Storage writer benchmark, $date"
  echo
  echo "Items/s through \`storage::Writer\` (group commit, one transaction per batch) against raw"
  echo "SQLite with one transaction per row, same disk, same run, WAL, \`synchronous\` NORMAL and FULL."
  echo "Produced by \`bench/storage/run.sh\` (\`storage_bench\`), ${seconds} s per case."
  echo
  echo "- machine: $(nproc) cores, $cpu, kernel $(uname -r); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- disk: $disk_fs; SQLite $sqlite"
  echo "- raw: prepared INSERT of a ~400-byte Telegram-update row, BEGIN/COMMIT per row"
  echo "  (\`bench-peers/ceiling/sqlite_rate.cpp\` \"x1\")."
  echo "- pipeline: the item the bot submits per message (dedup, load-or-create conversation"
  echo "  out of 1,000, append user + bot message, save session + summary, enqueue outbox row)."
  echo "- row: an item that appends one ~400-byte message row, direction bot so no text-index"
  echo "  work (like-for-like with raw)."
  echo "- in flight: items kept submitted at once; latency is submit to completion."
  echo "- ratio: items/s over raw rows/s at the same \`synchronous\` level."
  echo "- CPU µs/item: user + system CPU of the benchmark process per item. The machine is"
  echo "  shared (see the load average): when other work holds the cores, items/s and"
  echo "  latency fall while CPU per item stays put, so compare that column first."
  echo
  echo "- WAL KiB/item: pages the writer's commits appended to the log (4 KiB each) per item;"
  echo "  not measured for raw."
  echo
  echo "| case | sync | in flight | items/s | ratio to raw | commits | items/commit | p50 µs | p99 µs | peak RSS MiB | CPU µs/item | WAL KiB/item |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  awk -F'\t' '
    $1 == "raw" { raw[$2] = $6 }
    { rows[NR] = $0 }
    END {
      for (i = 1; i <= NR; i++) {
        split(rows[i], f, "\t")
        printf "| %s | %s | %d | %.0f | %.2f× | %d | %.1f | %.0f | %.0f | %.1f | %.0f | %s |\n",
          f[1], f[2], f[3], f[6], f[6] / raw[f[2]], f[7], f[8], f[9], f[10], f[11] / 1024, f[12],
          f[1] == "raw" ? "–" : f[13]
      }
    }' "$tsv"
} >"$report"
echo "report: $report" >&2
