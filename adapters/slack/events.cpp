#include "adapters/slack/events.h"

#include <vector>

#include "adapters/common/epoch_time.h"
#include "adapters/common/json_limits.h"
#include "adapters/slack/address.h"
#include "adapters/slack/json_fields.h"
#include "adapters/slack/mrkdwn.h"
#include "adapters/slack/text_checks.h"
#include "dialogs/json_reader.h"

namespace triagebot::adapters::slack {
namespace {

using nlohmann::json;

// The inner event's fields we read, type-checked up front so a wrong type is a 400
// whatever kind of event it turns out to be.
struct InnerEvent {
  std::string type;
  std::optional<std::string> subtype, bot_id, user, text, channel, channel_type, ts, thread_ts,
      team;
};

Result<InnerEvent> read_inner_event(const json& event) {
  InnerEvent out;
  auto type = fields::string_at(event, "type", "event");
  if (!type) return type.error();
  if (!*type) return make_error(ErrorCode::bad_request, "event.type is missing");
  out.type = std::move(**type);
  struct Slot {
    const char* key;
    std::optional<std::string>* value;
  };
  for (Slot slot : std::vector<Slot>{{"subtype", &out.subtype},
                                     {"bot_id", &out.bot_id},
                                     {"user", &out.user},
                                     {"text", &out.text},
                                     {"channel", &out.channel},
                                     {"channel_type", &out.channel_type},
                                     {"ts", &out.ts},
                                     {"thread_ts", &out.thread_ts},
                                     {"team", &out.team}}) {
    auto value = fields::string_at(event, slot.key, "event");
    if (!value) return value.error();
    *slot.value = std::move(*value);
  }
  // Read as a time later: refused here when it is not one (or past 2100), before any
  // arithmetic on it.
  if (out.ts && !fields::time_of_ts(*out.ts)) {
    return make_error(ErrorCode::bad_request, "event.ts is not a Slack timestamp");
  }
  return out;
}

ParsedEvent ignored(ParsedEvent out, std::string reason) {
  out.kind = EventKind::ignored;
  out.ignored_reason = std::move(reason);
  return out;
}

// Not a plain message from a person: anything with a subtype, any bot (our own DM
// echoes can carry bot_id with no subtype), or our own user (§2.1 "Ignore bots").
std::optional<std::string> not_from_a_person(const InnerEvent& event,
                                             std::string_view bot_user_id) {
  if (event.subtype) return "subtype:" + *event.subtype;
  if (event.bot_id) return std::string("bot");
  if (!bot_user_id.empty() && event.user == bot_user_id) return std::string("own_message");
  if (!event.user || event.user->empty() || !event.channel || event.channel->empty()) {
    return std::string("incomplete");
  }
  return std::nullopt;
}

// The event's own ts when it has one, else the envelope's event_time, else now. Both were
// range-checked where they were read (read_inner_event, parse_callback).
std::chrono::system_clock::time_point event_time(const InnerEvent& event,
                                                 std::optional<std::int64_t> envelope_time,
                                                 std::chrono::system_clock::time_point now) {
  if (event.ts) {
    if (auto at = fields::time_of_ts(*event.ts)) return *at;
  }
  if (envelope_time) {
    if (auto at = common::time_from_epoch_seconds(*envelope_time)) return *at;
  }
  return now;
}

InboundEvent interview_event(const ParsedEvent& parsed, const std::string& team_id,
                             const InnerEvent& event, ReplyAddress address) {
  InboundEvent out;
  out.platform = Platform::slack;
  out.conversation_key = conversation_key(team_id, *event.user);
  out.user_key = *event.user;
  out.event_id = parsed.event_id;
  out.reply_address = address_json(address);
  return out;
}

Result<ParsedEvent> parse_callback(const json& payload, ParsedEvent out,
                                   const InboundOptions& options) {
  auto event_id = fields::string_at(payload, "event_id", "payload");
  if (!event_id) return event_id.error();
  if (!*event_id || (*event_id)->empty()) {
    return make_error(ErrorCode::bad_request, "event_callback has no event_id");
  }
  out.event_id = event_key(**event_id);
  auto event_object = fields::object_at(payload, "event", "payload");
  if (!event_object) return event_object.error();
  if (*event_object == nullptr)
    return make_error(ErrorCode::bad_request, "event_callback has no event");
  auto team = fields::string_at(payload, "team_id", "payload");
  if (!team) return team.error();
  auto envelope_time =
      fields::integer_in(payload, "event_time", "payload", 0, common::kLatestEpochSeconds);
  if (!envelope_time) return envelope_time.error();
  auto read = read_inner_event(**event_object);
  if (!read) return read.error();
  const InnerEvent& event = *read;
  const std::string team_id = team->value_or(event.team.value_or(""));

  if (event.type != "message" && event.type != "app_mention") {
    return ignored(std::move(out), "event_type:" + event.type);
  }
  if (auto reason = not_from_a_person(event, options.bot_user_id)) {
    return ignored(std::move(out), *reason);
  }
  if (event.text) {
    if (auto bad = check_text(*event.text, "event.text")) return *bad;
  }
  const auto at = event_time(event, *envelope_time, options.now);

  if (event.type == "message") {
    // We subscribe to message.im only; a channel message must never start the interview
    // there, where others would read the answers.
    if (event.channel_type != "im") return ignored(std::move(out), "not_a_direct_message");
    std::string text = strip_mention(unescape_mrkdwn(event.text.value_or("")), options.bot_user_id);
    if (text.empty()) return ignored(std::move(out), "no_text");
    out.kind = EventKind::turn;
    out.event = interview_event(out, team_id, event, ReplyAddress{*event.channel, {}});
    out.event->input = dialogs::Input::typed(std::move(text));
    out.event->at = at;
    return out;
  }
  // app_mention. In a DM the same words also arrive as message.im; answering both
  // would run the turn twice.
  if (event.channel->starts_with('D')) return ignored(std::move(out), "mention_in_direct_message");
  std::string text = strip_mention(unescape_mrkdwn(event.text.value_or("")), options.bot_user_id);
  out.kind = EventKind::mention;
  out.event = interview_event(out, team_id, event, ReplyAddress{{}, *event.user});
  // A bare mention still opens the interview, as /start does in Telegram.
  out.event->input = dialogs::Input::typed(text.empty() ? std::string("/start") : std::move(text));
  out.event->at = at;
  out.thread_pointer =
      ThreadPointer{*event.channel, event.thread_ts.value_or(event.ts.value_or("")), *event.user};
  return out;
}

// Retry headers that are missing or not a small number leave attempt at 0: they are
// informative only and must never make a real event fail.
Redelivery read_redelivery(std::optional<std::string_view> number,
                           std::optional<std::string_view> reason) {
  Redelivery out;
  if (number && !number->empty() && number->size() <= 6) {
    std::int64_t value = 0;
    bool digits = true;
    for (char c : *number) {
      if (c < '0' || c > '9') digits = false;
      if (digits) value = value * 10 + (c - '0');
    }
    if (digits) out.attempt = value;
  }
  if (reason) out.reason = std::string(*reason);
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

std::string trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

std::string event_key(std::string_view id) { return "slack:" + std::string(id); }

std::string url_verification_answer(std::string_view challenge) {
  return json{{"challenge", std::string(challenge)}}.dump();
}

std::string strip_mention(std::string_view text, std::string_view bot_user_id) {
  std::string out;
  std::size_t from = 0;
  bool stripped_any = false;
  for (std::size_t at = text.find("<@"); at != std::string_view::npos;
       at = text.find("<@", at + 2)) {
    const std::size_t close = text.find('>', at);
    if (close == std::string_view::npos) break;
    std::string_view inside = text.substr(at + 2, close - at - 2);
    std::string_view user = inside.substr(0, inside.find('|'));
    const bool ours = bot_user_id.empty() ? (!stripped_any && trimmed(text.substr(0, at)).empty())
                                          : user == bot_user_id;
    if (!ours) continue;
    out.append(text.substr(from, at - from));
    from = close + 1;
    stripped_any = true;
  }
  out.append(text.substr(from));
  // "<@U1> ,  my calf" reads as "my calf": drop the separators a mention leaves behind.
  std::string result = trimmed(out);
  while (!result.empty() && (result.front() == ',' || result.front() == ':')) {
    result = trimmed(std::string_view(result).substr(1));
  }
  return result;
}

Result<ParsedEvent> parse_event_payload(const json& payload, const InboundOptions& options) {
  if (!payload.is_object())
    return make_error(ErrorCode::bad_request, "payload is not a JSON object");
  auto type = fields::string_at(payload, "type", "payload");
  if (!type) return type.error();
  if (!*type) return make_error(ErrorCode::bad_request, "payload has no type");
  ParsedEvent out;
  if (**type == "url_verification") {
    auto challenge = fields::string_at(payload, "challenge", "payload");
    if (!challenge) return challenge.error();
    if (!*challenge || (*challenge)->empty()) {
      return make_error(ErrorCode::bad_request, "url_verification has no challenge");
    }
    out.kind = EventKind::url_verification;
    out.challenge = std::move(**challenge);
    return out;
  }
  if (**type == "event_callback") return parse_callback(payload, std::move(out), options);
  // app_rate_limited and types Slack adds later: authentic, not for us.
  return ignored(std::move(out), "payload_type:" + **type);
}

Result<ParsedEvent> parse_event_body(std::string_view body, const InboundOptions& options) {
  if (common::json_nesting_depth(body) > common::kMaxJsonDepth) {
    return make_error(ErrorCode::bad_request, "payload nested too deeply");
  }
  // Only the members parse_event_payload reads: an event's body is mostly blocks,
  // authorizations and context that no answer needs (the whole text is still checked).
  static constexpr std::string_view kPayload[] = {"type", "challenge", "event_id", "team_id",
                                                  "event_time"};
  static constexpr std::string_view kEvent[] = {"type",      "subtype", "bot_id",       "user",
                                                "text",      "channel", "channel_type", "ts",
                                                "thread_ts", "team"};
  auto payload = dialogs::read_json(body, {kPayload, "event", kEvent});
  if (!payload) return make_error(ErrorCode::bad_request, "body is not JSON");
  return parse_event_payload(*payload, options);
}

Result<ParsedEvent> parse_event_request(const HttpRequest& request, const InboundOptions& options) {
  auto parsed = parse_event_body(request.body, options);
  if (!parsed) return parsed;
  parsed->redelivery = read_redelivery(request.headers.get(kRetryNumHeader),
                                       request.headers.get(kRetryReasonHeader));
  return parsed;
}

}  // namespace triagebot::adapters::slack
