-- wrk script: the web widget's conversation turns against triagebot.
--
-- Each wrk thread first opens WIDGET_SESSIONS_PER_THREAD sessions
-- (POST /api/widget/sessions, 201 with session_id + token; default 32, i.e. one per
-- connection at wrk -t2 -c64), then sends turns (POST
-- /api/widget/sessions/{id}/messages with the bearer token and {"text": ...}) to its
-- sessions round robin. Every request is counted, session opens included: both are one
-- writer item (dedup row, conversation, session, messages) and one commit share.
--
-- The per-session and per-address turn limits must be lifted on the server
-- (TRIAGEBOT_WIDGET_RATE_PER_SESSION=0, TRIAGEBOT_WIDGET_RATE_PER_ADDRESS=0). The limit on
-- new sessions per address (60 burst, fixed) is respected instead: the server trusts
-- 127.0.0.1 as a proxy (TRIAGEBOT_TRUSTED_PROXIES=127.0.0.1) and each session is opened
-- with its own X-Forwarded-For address, as a clinic's reverse proxy would send.
--   LUA_PATH="<bench-peers>/load/?.lua;;" wrk -t2 -c64 -d10s -s widget_turn.lua http://HOST:PORT
local common = require("common")

setup = common.number_threads
done = common.report

local per_thread = tonumber(os.getenv("WIDGET_SESSIONS_PER_THREAD") or "32")
local sessions, opened, next_session, turn, texts, ntexts, thread

function init(args)
  sessions = {}
  opened = 0
  next_session = 0
  turn = 0
  texts = common.texts
  ntexts = #texts
  thread = tonumber(thread_no) or 0
end

local function open_session()
  opened = opened + 1
  return wrk.format("POST", "/api/widget/sessions", {
    ["Content-Type"] = "application/json",
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", thread % 250, math.floor(opened / 250) % 250,
                                        opened % 250 + 1),
  }, "{}")
end

function request()
  -- Until every session of this thread is asked for (or while none has answered yet),
  -- open sessions; afterwards, only turns.
  if opened < per_thread or #sessions == 0 then return open_session() end
  next_session = next_session % #sessions + 1
  local s = sessions[next_session]
  turn = turn + 1
  return wrk.format("POST", "/api/widget/sessions/" .. s.id .. "/messages", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. s.token,
  }, '{"text":"' .. texts[turn % ntexts + 1] .. '"}')
end

function response(status, headers, body)
  if status ~= 201 then return end
  local id = body:match('"session_id"%s*:%s*"([^"]+)"')
  local token = body:match('"token"%s*:%s*"([^"]+)"')
  if id and token then sessions[#sessions + 1] = {id = id, token = token} end
end
