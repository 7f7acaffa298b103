// The Slack app's identity, shared read-only by the routes, the Socket Mode handler and
// the outbound side once start-up has filled it in (the bot user id is learnt with
// auth.test before anything is served). Never logged: it holds the credentials.
#pragma once

#include <string>
#include <string_view>

namespace triagebot::bot {

// The platform's name in the registry, the outbox, dedup and the metrics.
inline constexpr std::string_view kSlackChannelName = "slack";

struct SlackIdentity {
  std::string token;           // xoxb-...
  std::string signing_secret;  // empty: every HTTP request is refused (fail closed)
  // Our bot's user id (auth.test `user_id`): its own posts are ignored and its mention
  // stripped. Empty when auth.test failed; then only a leading mention is stripped.
  std::string bot_user_id;
};

}  // namespace triagebot::bot
