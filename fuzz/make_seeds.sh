#!/usr/bin/env bash
# fuzz/make_seeds.sh OUT_DIR — writes a seed corpus per fuzz target into OUT_DIR/<target>/,
# copied or derived from the platform fixtures (../shared/platforms/fixtures when it is
# beside the checkout, else the copies under tests/), the tests' data and the knowledge
# base. Seeds are derived on every run and never committed; what the fuzzers find grows
# OUT_DIR/<target>/ in place and stays there between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: fuzz/make_seeds.sh OUT_DIR}
mkdir -p "$out"

fixtures=tests/adapters
shared=../shared/platforms/fixtures
[ -d "$shared" ] || shared=""
secret='s3cret-Token_1'
slack_secret='8f742231b10e8888abcd99yyyzzz85a5'
now=1732540300  # fuzz/fuzz_input.h kFixedNowSeconds

seed() {  # seed TARGET NAME: stdin becomes OUT/TARGET/NAME
  mkdir -p "$out/$1"
  cat >"$out/$1/$2"
}

telegram_updates=(tests/adapters/telegram/fixtures/telegram_{message,callback_query,edited_message,my_chat_member,photo_message}.json)
[ -n "$shared" ] && telegram_updates+=("$shared"/telegram_{message,callback_query,edited_message,my_chat_member,photo_message}.json)
slack_dir=tests/adapters/slack/data
[ -n "$shared" ] && slack_dir=$shared

# Telegram: "secret\nbody" (telegram_update_fuzzer.cpp).
for f in "${telegram_updates[@]}"; do
  { printf '%s\n' "$secret"; cat "$f"; } | seed telegram_update_fuzzer "$(basename "$f")"
done
printf 'wrong\n{"update_id":1}' | seed telegram_update_fuzzer wrong_secret

# Widget: turn bodies and session bodies.
for f in "$fixtures"/widget/fixtures/turn_*.json; do seed widget_request_fuzzer "$(basename "$f")" <"$f"; done
printf '' | seed widget_request_fuzzer empty
printf '{}' | seed widget_request_fuzzer empty_object
printf '{"text":"my left leg is numb \\u00e9\\ud83d\\ude00"}' | seed widget_request_fuzzer unicode_text

# Slack: a selector byte, then the input (slack_request_fuzzer.cpp).
form_encode() {  # the form encoding Slack uses for interactivity payloads
  local LC_ALL=C text=$1 i c
  for ((i = 0; i < ${#text}; i++)); do
    c=${text:i:1}
    case "$c" in
      [a-zA-Z0-9.~_-]) printf '%s' "$c" ;;
      ' ') printf '+' ;;
      *) printf '%%%02X' "'$c" ;;
    esac
  done
}
for f in "$slack_dir"/slack_event_*.json "$slack_dir"/slack_url_verification.json; do
  { printf '\x01'; cat "$f"; } | seed slack_request_fuzzer "event_$(basename "$f")"
  body=$(cat "$f")
  signature="v0=$(printf 'v0:%s:%s' "$now" "$body" | openssl dgst -sha256 -hmac "$slack_secret" | sed 's/^.*= //')"
  { printf '\x00%s\n%s\n' "$now" "$signature"; printf '%s' "$body"; } |
    seed slack_request_fuzzer "signed_$(basename "$f")"
done
{ printf '\x02payload='; form_encode "$(tr -d '\n' <"$slack_dir"/slack_block_actions.json)"; } |
  seed slack_request_fuzzer interaction_block_actions
for f in "$slack_dir"/slack_socket_*.json; do
  { printf '\x03'; cat "$f"; } | seed slack_request_fuzzer "frame_$(basename "$f")"
done
printf '\x04token=x&team_id=T0CLINIC1&channel_id=C0GENERAL&user_id=U0PATIENT1&command=%%2Ftriage&text=forget&trigger_id=13345224609.738474920.8088930838d88f008e0' |
  seed slack_request_fuzzer command_forget
printf '\x03{"envelope_id":"e-1","type":"slash_commands","payload":{"command":"/triage","text":"help","user_id":"U0PATIENT1","team_id":"T0CLINIC1","trigger_id":"1.2.3"}}' |
  seed slack_request_fuzzer frame_slash_commands

# Knowledge base: the built-in one, and a broken copy to start from an error path.
seed knowledge_fuzzer leg_numbness.json <dialogs/knowledge/leg_numbness.json
head -c 4000 dialogs/knowledge/leg_numbness.json | seed knowledge_fuzzer truncated.json

# Free text: a selector byte (the pending question, 0 = none), then what people wrote:
# the vignettes' openings and the answer corpus.
n=0
for f in tests/dialogs/data/vignettes-dev.jsonl tests/dialogs/data/answers-dev.jsonl \
  tests/dialogs/data/safety-utterances-dev.jsonl; do
  # awk, not head: head stops reading after 60 lines, and under pipefail the writer
  # before it then dies of SIGPIPE (exit 141) whenever it had more to write.
  grep -o '"\(opening\|answer\|text\)": *"[^"]*"' "$f" | sed 's/^"[a-z]*": *"//; s/"$//' |
    awk 'NR <= 60' |
    while IFS= read -r line; do
      n=$((n + 1))
      { printf "\\x$(printf %02x $((n % 40)))"; printf '%s' "$line"; } |
        seed message_reader_fuzzer "$(basename "$f" .jsonl)_$n"
    done
done
# The 10-minute run's finding: an opening of punctuation alone (fixed in dialogs/parser.cpp).
printf 'y;' | seed message_reader_fuzzer punctuation_opening

# Stored sessions: what session_to_json writes at the start, mid-interview and after an
# assessment (dialogs/session.cpp, dialogs/engine_state.cpp).
printf '%s' '{"schema_version":1,"status":"active","red_flags":[],"triage":null,"engine_state":{}}' |
  seed stored_session_fuzzer fresh
printf '%s' '{"schema_version":1,"status":"active","red_flags":[],"triage":null,"engine_state":{"started":true,"previous_ended":false,"findings":{"leg_numbness":true},"said":{"leg_numbness":"my leg is numb"},"asked":["stroke_signs"],"pending":"q_stroke","plainer":false,"pending_for":"","unsure_screens":[],"notes":[],"questions":1,"started_at":1732540211,"language":"en"}}' |
  seed stored_session_fuzzer mid_interview
printf '%s' '{"schema_version":1,"status":"completed","red_flags":["saddle_numbness"],"triage":"emergency","engine_state":{"started":true,"findings":{"saddle_numbness":true},"asked":["q_saddle"],"questions":3}}' |
  seed stored_session_fuzzer assessed

# HTTP: whole requests as a client sends them, built from the bodies above.
http_request() {  # METHOD TARGET BODY [extra header lines...]
  local method=$1 target=$2 body=$3
  shift 3
  printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n' "$method" "$target"
  for header in "$@"; do printf '%s\r\n' "$header"; done
  printf 'Content-Length: %d\r\n\r\n%s' "${#body}" "$body"
}
telegram_body=$(cat tests/adapters/telegram/fixtures/telegram_message.json)
http_request POST /webhooks/telegram "$telegram_body" "Content-Type: application/json" \
  "X-Telegram-Bot-Api-Secret-Token: $secret" | seed http_request_fuzzer telegram_webhook
http_request POST /api/widget/sessions "" "Origin: http://127.0.0.1:8080" | seed http_request_fuzzer widget_session
http_request POST /api/widget/sessions/0123456789abcdef0123456789abcdef/messages '{"text":"my leg is numb"}' \
  "Authorization: Bearer fuzz-token" "Content-Type: application/json" | seed http_request_fuzzer widget_turn
{ http_request GET /healthz ""; http_request GET '/admin/api/conversations?verdict=none&limit=5' "" \
  "Authorization: Bearer x"; } | seed http_request_fuzzer keep_alive_pair
printf 'POST /api/widget/sessions HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n' |
  seed http_request_fuzzer chunked
printf 'GET http://127.0.0.1:8080/metrics HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n' |
  seed http_request_fuzzer absolute_form
# The 10-minute run's finding (a harness that re-fed the parser the same bytes after
# need_more): a chunked body whose last chunk line is cut short. Kept as a seed so every
# run replays it.
printf 'PoST /ap\311/widget/sessions HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n' |
  seed http_request_fuzzer chunked_cut_short
