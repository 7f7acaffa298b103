#include "bot/channels/slack/outbound.h"

#include <utility>

#include "adapters/json_fields.h"
#include "adapters/slack/address.h"
#include "adapters/slack/outbound.h"
#include "bot/channels/slack/dm_transport.h"
#include "bot/net/transport.h"
#include "bot/obs/log.h"

namespace triagebot::bot {
namespace {

namespace slack_api = adapters::slack;
using adapters::member_at;
using adapters::string_at;

Result<adapters::OutboundCall> render_reply_row(const storage::OutboxRow& row,
                                                const std::string& token) {
  auto reply = dialogs::reply_from_json(member_at(row.payload, "reply"));
  if (!reply) return make_error(ErrorCode::bad_row, "outbox row has no readable reply");
  const slack_api::ReplyAddress address = slack_api::read_reply_address(row.target);
  // A person's DM is opened by the transport (dm_transport.h): the call names them.
  const std::string channel = address.channel.empty() ? address.user : address.channel;
  if (channel.empty()) return make_error(ErrorCode::bad_row, "outbox row has no channel or user");
  auto calls = slack_api::render_reply(*reply, nlohmann::json{{"channel", channel}}, token);
  if (calls.empty()) return make_error(ErrorCode::bad_row, "reply renders to no call");
  // The pipeline split replies into one row per message already (submission.cpp).
  return std::move(calls.front());
}

}  // namespace

PlatformOutbound slack_outbound(std::shared_ptr<const SlackIdentity> identity,
                                net::HttpClient client) {
  PlatformOutbound outbound;
  outbound.transport = dm_opening_transport(client_transport(std::move(client)), identity->token);
  outbound.render = [identity](const storage::OutboxRow& row) -> Result<adapters::OutboundCall> {
    // Stored rows are read without exceptions: a row this version cannot read is dead,
    // and delivery goes on.
    const std::string kind = string_at(row.payload, "kind").value_or("");
    const std::string channel = string_at(row.target, "channel").value_or("");
    if (kind == "reply") return render_reply_row(row, identity->token);
    if (channel.empty()) return make_error(ErrorCode::bad_row, "outbox row has no channel");
    if (kind == "thread_pointer") {
      return slack_api::render_thread_pointer(
          slack_api::ThreadPointer{channel, string_at(row.payload, "thread_ts").value_or(""),
                                   string_at(row.payload, "user").value_or("")},
          identity->token);
    }
    if (kind == "update_pressed") {
      slack_api::PressedMessage pressed;
      pressed.channel = channel;
      pressed.message_ts = string_at(row.payload, "ts").value_or("");
      pressed.question_text = string_at(row.payload, "question_text").value_or("");
      pressed.chosen_label = string_at(row.payload, "chosen_label").value_or("");
      if (pressed.message_ts.empty()) return make_error(ErrorCode::bad_row, "outbox row has no ts");
      return slack_api::render_update_pressed(pressed, identity->token);
    }
    return make_error(ErrorCode::bad_row, "unknown Slack outbox row kind");
  };
  outbound.classify = [](const TransportResponse& answer) {
    auto outcome = slack_api::classify(answer.status, answer.body, answer.headers);
    if (outcome.kind == adapters::DeliveryOutcome::Kind::dead &&
        slack_api::needs_operator(outcome.reason)) {
      log(LogLevel::error, "slack.credentials_refused",
          {{"reason", outcome.reason},
           {"message",
            "Slack refused the bot token or its scopes: check TRIAGEBOT_SLACK_TOKEN and the "
            "app's scopes (triagebot slack check)"}});
    }
    return outcome;
  };
  // Slack allows about one message a second per channel (§2.4). A pressed question's
  // update is not a new message and is not held behind the next question.
  outbound.pace_key = [](const storage::OutboxRow& row) -> std::string {
    if (string_at(row.payload, "kind").value_or("") == "update_pressed") return {};
    const slack_api::ReplyAddress address = slack_api::read_reply_address(row.target);
    if (!address.channel.empty()) return "slack:" + address.channel;
    if (!address.user.empty()) return "slack:" + address.user;
    return {};
  };
  return outbound;
}

}  // namespace triagebot::bot
