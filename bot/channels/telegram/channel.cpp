#include "bot/channels/telegram/channel.h"

#include <chrono>
#include <utility>

#include <boost/asio/io_context.hpp>

#include "adapters/json_fields.h"
#include "adapters/telegram/api_calls.h"
#include "adapters/telegram/outbound.h"
#include "bot/channels/telegram/commands.h"
#include "bot/channels/telegram/poller.h"
#include "bot/channels/telegram/routes.h"
#include "bot/net/http_client.h"
#include "bot/net/transport.h"
#include "bot/obs/log.h"

namespace triagebot::bot {
namespace {

namespace telegram = adapters::telegram;

// Telegram rows: {"kind": "reply"|"acknowledge"|"chosen_answer"|"group_pointer"|
// "text_only", ...} rendered by the adapter's pure outbound side. A chat that blocked
// the bot is never sent to again (PLATFORMS.md §1.3 my_chat_member).
PlatformOutbound telegram_outbound(std::shared_ptr<const TelegramIdentity> identity,
                                   storage::Readers& readers, net::HttpClient client) {
  PlatformOutbound outbound;
  outbound.transport = client_transport(std::move(client));
  outbound.render = [identity,
                     &readers](const storage::OutboxRow& row) -> Result<adapters::OutboundCall> {
    // Stored rows are read without exceptions: a row this version cannot read is dead,
    // and delivery goes on.
    const std::string kind = adapters::string_at(row.payload, "kind").value_or("");
    const auto& token = identity->token;
    if (kind == "acknowledge") {
      return telegram::render_answer_callback(
          adapters::string_at(row.target, "callback_query_id").value_or(""), token);
    }
    const auto chat = adapters::int64_at(row.target, "chat_id");
    if (!chat) return make_error(ErrorCode::bad_row, "outbox row has no chat id");
    const std::int64_t chat_id = *chat;
    if (auto blocked = readers.get_value(telegram_blocked_key(chat_id)); blocked && *blocked) {
      return make_error(ErrorCode::blocked, "the user blocked the bot");
    }
    if (kind == kChosenAnswerKind) {
      const auto message_id = adapters::int64_at(row.payload, "message_id");
      if (!message_id) return make_error(ErrorCode::bad_row, "outbox row has no message id");
      return telegram::render_chosen_answer(
          {.chat_id = chat_id,
           .message_id = *message_id,
           .text = adapters::string_at(row.payload, "text").value_or(""),
           .label = adapters::string_at(row.payload, "label").value_or("")},
          token);
    }
    if (kind == "group_pointer") {
      return telegram::render_group_pointer(
          {chat_id, adapters::int64_at(row.payload, "message_id").value_or(0)},
          identity->bot_username, token);
    }
    dialogs::Reply reply;
    if (kind == "text_only") {
      reply.text = telegram::text_only_note();
    } else if (auto parsed = dialogs::reply_from_json(adapters::member_at(row.payload, "reply"))) {
      reply = std::move(*parsed);
    } else {
      return make_error(ErrorCode::bad_row, "outbox row has no readable reply");
    }
    auto calls = telegram::render_reply(reply, row.target, token);
    if (calls.empty()) return make_error(ErrorCode::bad_row, "reply renders to no call");
    // The pipeline split long replies into rows already (routes.cpp).
    return std::move(calls.front());
  };
  outbound.classify = [](const TransportResponse& answer) {
    auto outcome = telegram::classify(answer.status, answer.body, answer.headers);
    if (outcome.kind == adapters::DeliveryOutcome::Kind::dead && outcome.reason == "unauthorized") {
      log(LogLevel::error, "telegram.token_rejected",
          {{"message", "the Bot API refused the token: check TRIAGEBOT_TELEGRAM_TOKEN"}});
    }
    return outcome;
  };
  outbound.pace_key = [](const storage::OutboxRow& row) {
    // The pace is for messages that appear in the chat. An edit adds none, and pacing it
    // would hold the next question back by a whole interval after every press.
    if (adapters::string_at(row.payload, "kind") == kChosenAnswerKind) return std::string();
    const auto& chat = adapters::member_at(row.target, "chat_id");
    return chat.is_null() ? std::string() : "tg:" + chat.dump();
  };
  return outbound;
}

// Blocking Bot API calls on a client of their own (the poller's long requests must not
// hold up the dispatcher's sends), which shutdown can cancel mid-poll.
PollTransport poll_transport(const std::string& api, std::chrono::seconds long_poll) {
  net::HttpClientOptions options;
  options.timeout = long_poll + std::chrono::seconds(15);
  auto client = std::make_shared<net::BlockingClient>(api, options);
  PollTransport transport;
  transport.call = [client](const adapters::OutboundCall& call) {
    return transport_response(client->send(call));
  };
  transport.cancel = [client] { client->cancel(); };
  return transport;
}

class TelegramChannel : public Channel {
 public:
  TelegramChannel(const Config& config, bool polling)
      : api_(config.telegram_api),
        polling_(polling),
        identity_(std::make_shared<TelegramIdentity>()) {
    identity_->token = *config.telegram_token;
    identity_->secret = config.telegram_secret.value_or("");
    identity_->bot_username = config.telegram_username.value_or("");
  }

  std::string_view name() const override { return kTelegramChannelName; }
  std::string mode() const override { return polling_ ? "polling" : "webhook"; }

  Result<void> prepare() override {
    learn_username();
    if (!polling_ && identity_->secret.empty()) {
      log(LogLevel::warn, "telegram.no_secret",
          {{"message", "TRIAGEBOT_TELEGRAM_SECRET is unset: every webhook call is refused (401)"}});
    }
    return {};
  }

  void add_routes(http::Router& router, ChannelServices& services) override {
    // Polling and webhooks exclude each other (PLATFORMS.md §1.2): while polling, a POST
    // to the webhook path is not Telegram's, and gets 404 like any unknown path.
    if (polling_) return;
    add_telegram_routes(router, services.pipeline, identity_);
  }

  Result<std::optional<PlatformOutbound>> outbound(ChannelServices& services) override {
    auto client =
        net::HttpClient::create(services.delivery.get_executor(), api_, delivery_client_options());
    if (!client)
      return make_error(ErrorCode::bad_config, "TRIAGEBOT_TELEGRAM_API: " + client.error().message);
    return std::optional<PlatformOutbound>(
        telegram_outbound(identity_, services.store.readers(), std::move(*client)));
  }

  std::unique_ptr<BackgroundLoop> background(ChannelServices& services) override {
    if (!polling_) return nullptr;
    PollerOptions options;
    return std::make_unique<TelegramPoller>(services.pipeline, services.store.readers(), identity_,
                                            poll_transport(api_, options.long_poll), options);
  }

 private:
  // The bot's @username, for group mentions and t.me links: configured, or asked once.
  // Before anything is served: the identity is shared read-only with the handlers after.
  void learn_username() {
    if (!identity_->bot_username.empty()) return;
    net::HttpClientOptions options;
    options.timeout = std::chrono::seconds(10);
    auto answer = net::send_blocking(api_, telegram::render_get_me(identity_->token), options);
    if (answer) {
      if (auto username = telegram::read_bot_username(answer->body)) {
        identity_->bot_username = std::move(*username);
        return;
      }
    }
    log(LogLevel::warn, "telegram.username_unknown",
        {{"message",
          "getMe failed; set TRIAGEBOT_TELEGRAM_USERNAME so group mentions are recognised"}});
  }

  std::string api_;
  bool polling_;
  std::shared_ptr<TelegramIdentity> identity_;
};

}  // namespace

ChannelKind telegram_channel_kind() {
  ChannelKind kind;
  kind.name = kTelegramChannelName;
  kind.from_credentials = [](const Config& config,
                             const ServeRequest& request) -> Result<std::unique_ptr<Channel>> {
    if (!config.telegram_enabled()) return std::unique_ptr<Channel>();
    // `triagebot telegram poll` asks for the loop; TRIAGEBOT_TELEGRAM_MODE=poll has
    // `serve` run it beside the widget.
    const bool polling =
        request.loop_of == kTelegramChannelName || config.telegram_mode == TelegramMode::poll;
    return std::unique_ptr<Channel>(std::make_unique<TelegramChannel>(config, polling));
  };
  kind.command = ChannelCommand{
      .name = kTelegramChannelName,
      .summary = "poll (long polling) | set-webhook --url URL | delete-webhook | info",
      .run = telegram_command_line,
  };
  return kind;
}

}  // namespace triagebot::bot
