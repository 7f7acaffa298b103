#include "adapters/slack/address.h"

#include "adapters/slack/json_fields.h"

namespace triagebot::adapters::slack {

nlohmann::json address_json(const ReplyAddress& address) {
  nlohmann::json out = nlohmann::json::object();
  if (!address.channel.empty()) out["channel"] = address.channel;
  if (!address.user.empty()) out["user"] = address.user;
  return out;
}

ReplyAddress read_reply_address(const nlohmann::json& address) {
  return ReplyAddress{fields::string_or_empty(address, "channel"),
                      fields::string_or_empty(address, "user")};
}

std::string conversation_key(std::string_view team_id, std::string_view user_id) {
  if (team_id.empty()) return std::string(user_id);
  std::string key(team_id);
  key += ':';
  key += user_id;
  return key;
}

}  // namespace triagebot::adapters::slack
