#!/usr/bin/env bash
# bench/server/run.sh — the whole triagebot server measured against the project's
# yardstick (../shared/bench-peers: bare Beast, Beast + durable SQLite with group
# commit, grammY, Telegraf, Slack Bolt) in one run, so the ratios share one machine state.
#
# It copies bench-peers (read-only) into a work folder, adds triagebot as targets the
# way bench-peers/README.md says (TARGETS entries and a case branch, inserted into the
# copy's run.sh at fixed anchors from bench/server/patch/*.inc; a missing anchor stops
# the run), builds triagebot Release and the ceilings (under the shared build lock),
# runs the copy's run.sh, then writes bench/reports/<date>-server.md with the raw
# runs.tsv beside it in bench/reports/<date>-server/.
#
#   bench/server/run.sh                                  # ~4 min: 11 targets, 1 round, 10 s each
#   BENCH_DURATION=2 BENCH_WARMUP=1 bench/server/run.sh  # quick check of the harness
#   BENCH_ROUNDS=3 bench/server/run.sh                   # median and spread over 3 rounds
#   BENCH_ROUNDS=3 BENCH_ONLY=beast_hello_slack,bolt,triagebot_slack \
#     REPORT=bench/reports/$(date -u +%F)-slack.md bench/server/run.sh   # Slack alone, ~3 min
#   BENCH_ONLY=triagebot,triagebot_unpaced bench/server/run.sh   # does delivery keep up?
#
# Targets beside bench-peers' own: triagebot (Telegram webhook, synchronous=FULL),
# triagebot_normal (synchronous=NORMAL), triagebot_widget, triagebot_slack, triagebot_prev
# (a previous build) and triagebot_unpaced: the Telegram load with delivery unpaced
# (TRIAGEBOT_OUTBOX_RATE=0, TRIAGEBOT_OUTBOX_CHAT_INTERVAL=1ms), whose row in the report's
# cross-checks gives the replies delivered to the fake Bot API per second over the
# measured window (from /metrics at its start and end) against the updates acknowledged
# per second, and says whether delivery keeps up (issue 13: at least the acknowledged
# rate). Every triagebot run notes its delivered/s; paced, that is about 30.
#
# Environment (all optional; BENCH_* of bench-peers/run.sh pass through, e.g.
# BENCH_ROUNDS, BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_SERVER_THREADS):
#   BENCH_ONLY=a,b          targets (default below: the ceilings, the Telegram peers,
#                           triagebot with FULL and NORMAL, unpaced, and the widget; Slack's
#                           ceiling, Bolt and triagebot_slack, the Events API route
#                           under the same signed load as Bolt)
#   BENCH_PEERS=DIR         the yardstick to copy (default ../shared/bench-peers)
#   BENCH_WORK=DIR          where the copy is built and run; its build/tmp holds the
#                           databases, so it must be on the product's disk, not a tmpfs
#                           (default build/bench-server)
#   BENCH_TRIAGEBOT_BIN=F   use this triagebot binary instead of building build/release
#   BENCH_TRIAGEBOT_PREV_BIN=F  the previous design, measured as target triagebot_prev
#                           (add it to BENCH_ONLY), e.g. a build of the commit before a change
#   BENCH_PORT_BASE=P       the fake APIs on P and P+1, the targets from P+10 (default:
#                           bench-peers' 18090, 18091 and 18100), to run beside another run
#   REPORT=FILE             report path (default bench/reports/<date>-server.md); the
#                           "Reading" section is written by hand after a run worth keeping
#   BUILD_LOCK=FILE         build lock shared with other builds (/tmp/triagebot-build.lock)
#
# Needs: scripts/setup.sh --bench (wrk, sqlite3), Node 20+ with npm (the Node peers are
# installed from the npm registry into the copy), g++/cmake. All traffic is on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

die() {
  echo "bench/server/run.sh: $*" >&2
  exit 1
}

peers_src=${BENCH_PEERS:-$root/../shared/bench-peers}
work=${BENCH_WORK:-$root/build/bench-server}
lock=${BUILD_LOCK:-/tmp/triagebot-build.lock}
date=$(date -u +%Y-%m-%d)
report=${REPORT:-$root/bench/reports/$date-server.md}
raw_dir=${report%.md}
results=$root/bench/results/server-$(date -u +%Y%m%dT%H%M%S)
export BENCH_ONLY=${BENCH_ONLY:-beast_hello,beast_group_full,grammy_api,telegraf,triagebot,triagebot_normal,triagebot_widget,triagebot_unpaced,beast_hello_slack,bolt,triagebot_slack}
export BENCH_OUT=$results

for tool in wrk sqlite3 node npm cmake g++ flock; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (scripts/setup.sh --bench; Node 20+ for node/npm)"
done
[[ -f $peers_src/run.sh ]] || die "no bench-peers at $peers_src (set BENCH_PEERS)"
# The product reads TRIAGEBOT_* from its environment: none of the caller's may leak in.
while read -r variable; do unset "$variable"; done < <(compgen -e | grep '^TRIAGEBOT_' || true)

launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(dirname "$root")}

# --- triagebot, Release -----------------------------------------------------------
if [[ -n ${BENCH_TRIAGEBOT_BIN:-} ]]; then
  BENCH_TRIAGEBOT_BIN=$(realpath "$BENCH_TRIAGEBOT_BIN")
else
  echo "== build triagebot (Release, build/release)" >&2
  # The build the README's commands make (scripts/build.sh: clang-14 where installed).
  flock "$lock" "$root/scripts/build.sh" release --no-tests triagebot >/dev/null ||
    die "triagebot build failed"
  BENCH_TRIAGEBOT_BIN=$root/build/release/triagebot
fi
[[ -x $BENCH_TRIAGEBOT_BIN ]] || die "no triagebot binary at $BENCH_TRIAGEBOT_BIN"
# Which compiler made it, from its .comment section: clang's name where it is there (the
# C runtime's and Debian's static libraries' objects name GCC in any build).
comment=$(readelf -p .comment "$BENCH_TRIAGEBOT_BIN" 2>/dev/null || true)
triagebot_compiler=$(grep -m1 -oE 'clang version [0-9.]+' <<<"$comment" ||
  grep -m1 -oE 'GCC: \([^)]*\) [0-9.]+' <<<"$comment" || echo unknown)
export BENCH_TRIAGEBOT_BIN
if [[ -n ${BENCH_TRIAGEBOT_PREV_BIN:-} ]]; then
  BENCH_TRIAGEBOT_PREV_BIN=$(realpath "$BENCH_TRIAGEBOT_PREV_BIN")
  [[ -x $BENCH_TRIAGEBOT_PREV_BIN ]] || die "no triagebot binary at $BENCH_TRIAGEBOT_PREV_BIN"
  export BENCH_TRIAGEBOT_PREV_BIN
fi

# --- the yardstick, copied and extended --------------------------------------------
# The copy keeps its build/ and peers/node_modules between runs; every source file,
# run.sh included, is taken fresh from bench-peers before it is patched again.
peers=$work/bench-peers
mkdir -p "$peers"
cp -rT "$peers_src" "$peers"
chmod -R u+w "$peers"
cp "$root/bench/server/widget_turn.lua" "$peers/load/"

# insert_at FILE SNIPPET MODE PATTERN: puts SNIPPET's lines before (MODE=before) or
# after (MODE=after) the one line of FILE equal to PATTERN; for MODE=array-end, before
# the first line ")" that follows the line PATTERN. Fails unless exactly one anchor.
insert_at() {
  local file=$1 snippet=$2 mode=$3 pattern=$4
  awk -v snippet="$snippet" -v mode="$mode" -v pattern="$pattern" '
    function emit(  line) { while ((getline line < snippet) > 0) print line; close(snippet); found++ }
    mode == "array-end" && $0 == pattern { inside = 1; print; next }
    mode == "array-end" && inside && $0 == ")" { emit(); inside = 0; print; next }
    mode == "before" && $0 == pattern { emit() }
    { print }
    mode == "after" && $0 == pattern { emit() }
    END { if (found != 1) { printf "anchor %s found %d times\n", pattern, found > "/dev/stderr"; exit 1 } }
  ' "$file" >"$file.new" || die "bench-peers/run.sh changed: cannot insert $(basename "$snippet")"
  mv "$file.new" "$file"
}
patch=$root/bench/server/patch
runsh=$peers/run.sh
insert_at "$runsh" "$patch/targets.inc" array-end 'TARGETS=('
insert_at "$runsh" "$patch/case.inc" before '  *) die "unknown target $name" ;;'
insert_at "$runsh" "$patch/load.inc" after '  [[ $load == slack ]] && script=slack_event.lua path=$SLACK_PATH'
insert_at "$runsh" "$patch/stop.inc" before '  stop_server "$pid"'
insert_at "$runsh" "$patch/db_counts.inc" before '  rm -f "$db" "$db-wal" "$db-shm" # hundreds of MB after a SQLite target'
insert_at "$runsh" "$patch/checks.inc" before '  if [[ -n $fake_pid ]]; then'
insert_at "$runsh" "$patch/functions.inc" before 'run_target() { # run_target ROUND INDEX "name|load|baseline|description"'
insert_at "$runsh" "$patch/window_start.inc" before '  read -r s0 steal0 < <(cpu_total_steal)'
insert_at "$runsh" "$patch/window_end.inc" after '  read -r s1 steal1 < <(cpu_total_steal)'
# BENCH_PORT_BASE moves the fixed ports (fake APIs, then one per target from base + 10),
# so a run can share the machine with another one.
if [[ -n ${BENCH_PORT_BASE:-} ]]; then
  [[ $BENCH_PORT_BASE =~ ^[0-9]+$ ]] && ((BENCH_PORT_BASE >= 1024 && BENCH_PORT_BASE <= 65000)) ||
    die "BENCH_PORT_BASE must be a port between 1024 and 65000"
  for setting in "FAKE_TELEGRAM_PORT=18090:$BENCH_PORT_BASE" "FAKE_SLACK_PORT=18091:$((BENCH_PORT_BASE + 1))" \
    "FIRST_SERVER_PORT=18100:$((BENCH_PORT_BASE + 10))"; do
    line=${setting%:*}
    grep -qx "$line" "$runsh" || die "bench-peers/run.sh changed: no line $line"
    sed -i "s/^$line\$/${line%=*}=${setting##*:}/" "$runsh"
  done
fi
chmod +x "$runsh"
bash -n "$runsh" || die "the patched run.sh does not parse"

# The ceilings, built here under the lock (run.sh then finds them up to date).
echo "== build the ceilings (bench-peers/CMakeLists.txt)" >&2
if [[ ! -f $peers/build/CMakeCache.txt ]]; then
  flock "$lock" cmake -S "$peers" -B "$peers/build" -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
fi
flock "$lock" cmake --build "$peers/build" -j2 >/dev/null || die "ceiling build failed"

# --- the run -------------------------------------------------------------------------
mkdir -p "$results"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# Who else uses the machine: load average and the busiest processes every 5 s,
# stopped when the run ends.
(
  while sleep 5; do
    echo "$(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg); top: $(top -b -n 2 -d 0.5 -w 200 -o %CPU |
      awk '/^top -/ { frame++ } frame == 2 && /^ *[0-9]+ / { printf "%s %s%%, ", $12, $9; if (++k == 5) exit }')"
  done
) >"$results/machine.txt" &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT

echo "== bench-peers/run.sh with triagebot (BENCH_ONLY=$BENCH_ONLY)" >&2
status=0
(cd "$peers" && ./run.sh) || status=$?
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
kill "$sampler" 2>/dev/null || true
[[ -f $results/runs.tsv && -f $results/header.md ]] || die "bench-peers/run.sh wrote no results (exit $status)"

# --- the report --------------------------------------------------------------------
mkdir -p "$raw_dir"
cp "$results/runs.tsv" "$results/machine.txt" "$raw_dir/"
[[ -f $results/sqlite_rate.txt ]] && cp "$results/sqlite_rate.txt" "$raw_dir/"

disk_dev=$(df --output=source "$peers/build" | tail -1)
disk_fs=$(df --output=fstype "$peers/build" | tail -1)
disk_block=$(lsblk -no PKNAME "$disk_dev" 2>/dev/null | head -1)
disk_block=${disk_block:-$(basename "$disk_dev")}
rotational=$(cat "/sys/block/$disk_block/queue/rotational" 2>/dev/null || echo "?")
disk_kind="kernel's rotational flag: $rotational"
[[ $disk_block == vd* ]] && disk_kind="virtio block device, $disk_kind (meaningless for a virtual disk; sqlite_rate below measures it)"
virt=$(systemd-detect-virt 2>/dev/null || echo unknown)
pkg_versions=$(dpkg-query -W -f='${Package} ${Version}, ' libboost-dev nlohmann-json3-dev libsqlitecpp-dev \
  libsqlite3-dev libssl-dev 2>/dev/null | sed 's/, $//')
commit=$(git -C "$root" rev-parse --short HEAD)
git -C "$root" diff --quiet HEAD -- . ':!bench' || commit+=" (with uncommitted changes)"
rel_raw=$(realpath --relative-to="$(dirname "$report")" "$raw_dir")

{
  echo "# triagebot server benchmark, $date"
  echo
  echo "The whole server (\`triagebot serve\`, Release, commit $commit) against the yardstick of"
  echo "\`../shared/bench-peers/\` in one run on one machine. Produced by \`bench/server/run.sh\`;"
  echo "raw runs in [\`$rel_raw/\`]($rel_raw/) (\`runs.tsv\`, \`machine.txt\`: load and busiest processes every 5 s)."
  echo
  echo "## Machine and software"
  echo
  echo "- cores: $(nproc) ($virt), CPU: $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); memory $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); kernel $(uname -r)"
  echo "- disk of the databases: $disk_dev ($disk_fs, $disk_kind)"
  echo "- load average (1, 5, 15 min) before: $load_before; after: $load_after"
  # Processes other than the bench's own that were among the 5 busiest (CPU over 0.5 s).
  awk '{ if (n == 0 || $3 < lo) lo = $3; if ($3 > hi) hi = $3; n++
         line = $0; sub(/.*top: /, "", line); k = split(line, procs, ", ")
         for (i = 1; i <= k; i++) { split(procs[i], f, " ")
           if (f[1] != "" && f[1] !~ /^(triagebot|beast_hello|wrk|node|top|MainThread)$/ && f[2] + 0 >= 10) seen[f[1]]++ } }
       END { if (!n) exit
             out = ""; for (p in seen) out = out sprintf("%s%s in %d", out == "" ? "" : ", ", p, seen[p])
             printf "- during the run (%d samples, every 5 s): 1-min load %.2f–%.2f; other processes among the 5 busiest at >= 10%% CPU: %s\n",
               n, lo, hi, out == "" ? "none" : out " samples" }' "$results/machine.txt"
  sed -n 's/^- compiler:/- compiler of the peers and C++ libraries:/p; /^- node/p; /^- load:/p' "$results/header.md"
  echo "- triagebot built by: $triagebot_compiler"
  echo "- Debian packages: $pkg_versions"
  echo
  echo "## Results"
  echo
  node "$peers/report.js" "$results/runs.tsv"
  echo
  node "$root/bench/server/ratios.js" "$results/runs.tsv"
  if [[ -f $results/sqlite_rate.txt ]]; then
    echo
    echo "Raw SQLite on this disk (\`sqlite_rate\`):"
    echo
    echo '```'
    cat "$results/sqlite_rate.txt"
    echo '```'
  fi
} >"$report"
echo "report: $report (raw: $raw_dir/, logs: $results/logs/)" >&2
exit "$status"
