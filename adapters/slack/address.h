// Who a Slack interview belongs to and where its replies go: the keys the Slack
// adapter puts into an InboundEvent, read back by its outbound side. The generic
// pipeline stores them without looking inside. Pure; any thread.
//
// A Slack interview is keyed by the person (workspace + user), not by a channel: a
// mention in a public channel starts the same private interview that the person's DM
// continues, and the DM's channel id is not known until conversations.open answers.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace triagebot::adapters::slack {

// Where replies go, stored as InboundEvent::reply_address:
//   {"channel": "D…"}  a direct message we can post into at once;
//   {"user": "U…"}     a person whose DM must first be opened (render_open_dm in
//                      outbound.h); the shell posts into the channel it answers.
// Replies are never posted into a public channel: only thread pointers are
// (render_thread_pointer), and they carry nothing clinical.
struct ReplyAddress {
  std::string channel;
  std::string user;
};

nlohmann::json address_json(const ReplyAddress& address);
// Missing or non-string fields read as empty.
ReplyAddress read_reply_address(const nlohmann::json& address);

// "<team>:<user>" (or just the user when the workspace is unknown).
std::string conversation_key(std::string_view team_id, std::string_view user_id);

}  // namespace triagebot::adapters::slack
