#include "bot/channels/slack/channel.h"

#include <chrono>
#include <utility>

#include <boost/asio/io_context.hpp>

#include "adapters/slack/api_calls.h"
#include "bot/channels/slack/commands.h"
#include "bot/channels/slack/envelope_handler.h"
#include "bot/channels/slack/identity.h"
#include "bot/channels/slack/outbound.h"
#include "bot/channels/slack/routes.h"
#include "bot/channels/slack/socket_mode_loop.h"
#include "bot/net/http_client.h"
#include "bot/obs/log.h"

namespace triagebot::bot {
namespace {

class SlackChannel : public Channel {
 public:
  explicit SlackChannel(const Config& config)
      : api_(config.slack_api),
        app_token_(config.slack_app_token.value_or("")),
        identity_(std::make_shared<SlackIdentity>()) {
    identity_->token = *config.slack_token;
    identity_->signing_secret = config.slack_signing_secret.value_or("");
  }

  std::string_view name() const override { return kSlackChannelName; }

  std::string mode() const override {
    const bool events = !identity_->signing_secret.empty();
    if (app_token_.empty()) return "events";
    return events ? "events+socket" : "socket";
  }

  Result<void> prepare() override {
    learn_bot_user_id();
    if (app_token_.empty()) return {};
    // Built now, so a Socket Mode setting the loop refuses stops the start; the handler
    // needs the pipeline, which comes with background().
    auto loop = slack::make_socket_mode_loop(
        slack::SocketModeOptions{.api_base = api_, .app_token = app_token_},
        [handler = handler_](const adapters::slack::Envelope& envelope, slack::EnvelopeDone done) {
          (*handler)(envelope, std::move(done));
        });
    if (!loop) return loop.error();
    loop_ = std::move(*loop);
    return {};
  }

  void add_routes(http::Router& router, ChannelServices& services) override {
    // Also without a signing secret (Socket Mode alone): the routes then refuse every
    // request, which says more to someone who points Slack at them than a 404.
    add_slack_routes(router, services.pipeline, identity_);
  }

  Result<std::optional<PlatformOutbound>> outbound(ChannelServices& services) override {
    auto client =
        net::HttpClient::create(services.delivery.get_executor(), api_, delivery_client_options());
    if (!client)
      return make_error(ErrorCode::bad_config, "TRIAGEBOT_SLACK_API: " + client.error().message);
    return std::optional<PlatformOutbound>(slack_outbound(identity_, std::move(*client)));
  }

  std::unique_ptr<BackgroundLoop> background(ChannelServices& services) override {
    if (!loop_) return nullptr;
    *handler_ = slack::make_envelope_handler(services.pipeline, identity_);
    return std::move(loop_);
  }

 private:
  // Our bot's user id, so its own posts are never taken for a person's: asked once,
  // before anything is served (the identity is read-only after).
  void learn_bot_user_id() {
    net::HttpClientOptions options;
    options.timeout = std::chrono::seconds(10);
    auto answer =
        net::send_blocking(api_, adapters::slack::render_auth_test(identity_->token), options);
    if (answer) {
      auto info = adapters::slack::read_auth_test(answer->status, answer->body, answer->headers);
      if (info) {
        identity_->bot_user_id = info->bot_user_id;
        if (!info->missing_scopes.empty()) {
          log(LogLevel::error, "slack.scopes_missing",
              {{"missing", info->missing_scopes},
               {"message",
                "the bot token lacks scopes the interview needs: see "
                "`triagebot slack check`"}});
        }
        return;
      }
      log(LogLevel::warn, "slack.auth_test_failed",
          {{"error", info.error().code},
           {"message",
            "auth.test refused the bot token: check TRIAGEBOT_SLACK_TOKEN "
            "(`triagebot slack check`)"}});
      return;
    }
    log(LogLevel::warn, "slack.auth_test_failed",
        {{"error", answer.error().code},
         {"message",
          "auth.test could not be reached; the bot's own messages are recognised "
          "by their bot_id only"}});
  }

  std::string api_;
  std::string app_token_;
  std::shared_ptr<SlackIdentity> identity_;
  std::unique_ptr<BackgroundLoop> loop_;
  // Filled in by background(), before the loop starts; the loop calls it on its thread.
  // Shared with the loop, which may outlive this object.
  std::shared_ptr<slack::EnvelopeHandler> handler_ = std::make_shared<slack::EnvelopeHandler>();
};

}  // namespace

ChannelKind slack_channel_kind() {
  ChannelKind kind;
  kind.name = kSlackChannelName;
  kind.from_credentials = [](const Config& config,
                             const ServeRequest& request) -> Result<std::unique_ptr<Channel>> {
    (void)request;  // Socket Mode runs whenever the app token is set
    if (!config.slack_enabled()) return std::unique_ptr<Channel>();
    if (!config.slack_signing_secret && !config.slack_app_token) {
      return make_error(ErrorCode::bad_config,
                        "TRIAGEBOT_SLACK_TOKEN is set, but Slack events cannot arrive: set "
                        "TRIAGEBOT_SLACK_SIGNING_SECRET (Events API) or "
                        "TRIAGEBOT_SLACK_APP_TOKEN (Socket Mode)");
    }
    return std::unique_ptr<Channel>(std::make_unique<SlackChannel>(config));
  };
  kind.command = ChannelCommand{
      .name = kSlackChannelName,
      .summary = "check (auth.test: what is missing) | socket (run with Socket Mode)",
      .run = slack_command_line,
  };
  return kind;
}

}  // namespace triagebot::bot
