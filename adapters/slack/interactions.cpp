#include "adapters/slack/interactions.h"

#include <initializer_list>

#include "adapters/common/json_limits.h"
#include "adapters/slack/address.h"
#include "adapters/slack/form.h"
#include "adapters/slack/json_fields.h"
#include "adapters/slack/mrkdwn.h"
#include "adapters/slack/text_checks.h"

namespace triagebot::adapters::slack {
namespace {

using nlohmann::json;

ParsedInteraction ignored(std::string reason) {
  ParsedInteraction out;
  out.ignored_reason = std::move(reason);
  return out;
}

// One string field of a payload part that may be absent: read into `target` (empty
// when absent); a wrong type is the request's error.
struct StringRead {
  const json* object;
  std::string_view key;
  std::string_view where;
  std::string* target;
};

std::optional<Error> read_strings(std::initializer_list<StringRead> reads) {
  for (const StringRead& read : reads) {
    if (read.object == nullptr) continue;
    auto value = fields::string_at(*read.object, read.key, read.where);
    if (!value) return value.error();
    *read.target = value->value_or("");
  }
  return std::nullopt;
}

Result<ParsedInteraction> parse_block_actions(const json& payload, const InboundOptions& options) {
  auto user = fields::object_at(payload, "user", "payload");
  if (!user) return user.error();
  auto container = fields::object_at(payload, "container", "payload");
  if (!container) return container.error();
  auto team = fields::object_at(payload, "team", "payload");
  if (!team) return team.error();
  auto message = fields::object_at(payload, "message", "payload");
  if (!message) return message.error();
  const json* actions = fields::find(payload, "actions");
  if (actions != nullptr && !actions->is_array()) {
    return fields::wrong_type("payload", "actions", "an array");
  }
  if (actions == nullptr || actions->empty()) return ignored("no_action");
  const json& action = actions->front();
  if (!action.is_object()) return fields::wrong_type("payload", "actions[0]", "an object");
  auto action_text = fields::object_at(action, "text", "actions[0]");
  if (!action_text) return action_text.error();

  std::string user_id, user_team, team_id, container_type, channel, message_ts, message_text,
      action_type, value, action_ts, label, response_url;
  if (auto bad = read_strings({{*user, "id", "user", &user_id},
                               {*user, "team_id", "user", &user_team},
                               {*team, "id", "team", &team_id},
                               {*container, "type", "container", &container_type},
                               {*container, "channel_id", "container", &channel},
                               {*container, "message_ts", "container", &message_ts},
                               {*message, "text", "message", &message_text},
                               {&action, "type", "actions[0]", &action_type},
                               {&action, "value", "actions[0]", &value},
                               {&action, "action_ts", "actions[0]", &action_ts},
                               {*action_text, "text", "actions[0].text", &label},
                               {&payload, "response_url", "payload", &response_url}})) {
    return *bad;
  }

  if (action_type != "button") return ignored("action_type:" + action_type);
  const json* ephemeral = *container ? fields::find(**container, "is_ephemeral") : nullptr;
  if (container_type != "message" ||
      (ephemeral != nullptr && ephemeral->is_boolean() && ephemeral->get<bool>())) {
    return ignored("not_a_message");
  }
  // Our buttons are only ever posted in DMs; an answer from anywhere else would put
  // clinical content where others can read it.
  if (!channel.starts_with('D')) return ignored("not_a_direct_message");
  if (value.empty()) return ignored("no_value");
  if (user_id.empty() || message_ts.empty() || action_ts.empty()) return ignored("incomplete");
  if (auto bad = check_text(value, "actions[0].value")) return *bad;
  const auto pressed_at = fields::time_of_ts(action_ts);
  if (!pressed_at)
    return make_error(ErrorCode::bad_request, "actions[0].action_ts is not a Slack timestamp");
  if (!options.bot_user_id.empty() && user_id == options.bot_user_id) {
    return ignored("own_message");
  }

  ParsedInteraction out;
  out.kind = InteractionKind::button_press;
  InboundEvent event;
  event.platform = Platform::slack;
  event.conversation_key = conversation_key(team_id.empty() ? user_team : team_id, user_id);
  event.user_key = user_id;
  event.event_id = press_key(user_id, channel, message_ts, action_ts);
  event.input = dialogs::Input::pressed(std::move(value));
  event.at = *pressed_at;
  event.reply_address = address_json(ReplyAddress{channel, {}});
  out.event = std::move(event);
  out.pressed =
      PressedMessage{channel, message_ts, unescape_mrkdwn(message_text), label, response_url};
  return out;
}

}  // namespace

std::string press_key(std::string_view user_id, std::string_view channel,
                      std::string_view message_ts, std::string_view action_ts) {
  std::string key = "press:";
  for (std::string_view part : {user_id, channel, message_ts}) {
    key += part;
    key += ':';
  }
  key += action_ts;
  return event_key(key);
}

Result<ParsedInteraction> parse_interaction_payload(const json& payload,
                                                    const InboundOptions& options) {
  if (!payload.is_object())
    return make_error(ErrorCode::bad_request, "payload is not a JSON object");
  auto type = fields::string_at(payload, "type", "payload");
  if (!type) return type.error();
  if (!*type) return make_error(ErrorCode::bad_request, "payload has no type");
  if (**type != "block_actions") return ignored("payload_type:" + **type);
  return parse_block_actions(payload, options);
}

Result<ParsedInteraction> parse_interaction_request(const HttpRequest& request,
                                                    const InboundOptions& options) {
  auto text = form_field(request.body, "payload");
  if (!text) return make_error(ErrorCode::bad_request, "form has no well-formed payload field");
  if (common::json_nesting_depth(*text) > common::kMaxJsonDepth) {
    return make_error(ErrorCode::bad_request, "payload nested too deeply");
  }
  json payload = json::parse(*text, nullptr, false);
  if (payload.is_discarded()) return make_error(ErrorCode::bad_request, "payload is not JSON");
  return parse_interaction_payload(payload, options);
}

}  // namespace triagebot::adapters::slack
