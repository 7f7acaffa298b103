#include "bot/channels/slack/commands.h"

#include <chrono>
#include <ostream>

#include "adapters/slack/api_calls.h"
#include "bot/channels/slack/identity.h"
#include "bot/net/base_url.h"
#include "bot/net/http_client.h"
#include "bot/obs/log.h"

namespace triagebot::bot {
namespace {

namespace slack_api = adapters::slack;

constexpr std::string_view kUsage =
    "usage: triagebot slack check    (auth.test: is the app set up?)\n"
    "       triagebot slack socket   (run the server with Socket Mode)\n";

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : ", ") + word;
  return out;
}

net::HttpClientOptions check_options() {
  net::HttpClientOptions options;
  options.timeout = std::chrono::seconds(10);
  return options;
}

// The bot token, its workspace and its scopes. False when the token does not work.
bool check_bot_token(const Config& config, CommandIo io) {
  auto answer = net::send_blocking(
      config.slack_api, slack_api::render_auth_test(*config.slack_token), check_options());
  if (!answer) {
    io.err << "triagebot: cannot reach the Slack Web API for auth.test: " << answer.error().code
           << " (" << answer.error().message << ")\n";
    return false;
  }
  auto info = slack_api::read_auth_test(answer->status, answer->body, answer->headers);
  if (!info) {
    io.err << "triagebot: auth.test failed: " << info.error().message << "\n";
    if (info.error().code == ErrorCode::unauthorized) {
      io.err << "triagebot: Slack refused TRIAGEBOT_SLACK_TOKEN: use the Bot User OAuth Token "
                "(xoxb-...) of the installed app (OAuth & Permissions)\n";
    }
    return false;
  }
  io.out << "bot token: ok (workspace " << info->team << ", bot user " << info->bot_user_id
         << ")\n";
  if (!info->scopes_known) {
    io.out << "scopes: Slack did not list them; the app needs "
           << joined(slack_api::required_scopes()) << "\n";
    return true;
  }
  if (!info->missing_scopes.empty()) {
    io.err << "triagebot: the bot token lacks the scopes " << joined(info->missing_scopes)
           << ": add them under OAuth & Permissions (or paste docs/slack-manifest.yaml) and "
              "reinstall the app\n";
    return false;
  }
  io.out << "scopes: ok (" << joined(slack_api::required_scopes()) << ")\n";
  return true;
}

// Socket Mode's token: apps.connections.open hands out a single-use URL we never use.
bool check_app_token(const Config& config, CommandIo io) {
  if (!config.slack_app_token) {
    io.out << "socket mode: off (set TRIAGEBOT_SLACK_APP_TOKEN, an xapp-... token with "
              "connections:write, for `triagebot slack socket` or to run it inside serve)\n";
    return true;
  }
  auto answer = net::send_blocking(config.slack_api,
                                   slack_api::render_connections_open(*config.slack_app_token),
                                   check_options());
  if (!answer) {
    io.err << "triagebot: cannot reach the Slack Web API for apps.connections.open: "
           << answer.error().code << "\n";
    return false;
  }
  auto url = slack_api::read_connection_url(answer->status, answer->body);
  if (!url) {
    io.err << "triagebot: apps.connections.open failed: " << url.error().message << "\n"
           << "triagebot: check TRIAGEBOT_SLACK_APP_TOKEN (scope connections:write) and that "
              "Socket Mode is enabled in the app's settings\n";
    return false;
  }
  io.out << "socket mode: ok (the app token opens connections)\n";
  return true;
}

void report_events_api(const Config& config, CommandIo io) {
  if (config.slack_signing_secret) {
    io.out << "events api: signing secret set; point Event Subscriptions at "
              "https://HOST/webhooks/slack/events, Interactivity at "
              "https://HOST/webhooks/slack/interactions and the /triage slash command at "
              "https://HOST/webhooks/slack/commands\n";
  } else {
    io.out << "events api: off (set TRIAGEBOT_SLACK_SIGNING_SECRET to receive events over "
              "HTTPS; until then /webhooks/slack/* answer 401)\n";
  }
}

}  // namespace

int run_slack_check(const Config& config, CommandIo io) {
  if (!config.slack_token) {
    io.err << "triagebot: TRIAGEBOT_SLACK_TOKEN is not set (the app's Bot User OAuth Token, "
              "xoxb-...)\n";
    return 2;
  }
  if (auto base = net::parse_base_url(config.slack_api); !base) {
    io.err << "triagebot: TRIAGEBOT_SLACK_API: " << base.error().message << "\n";
    return 2;
  }
  bool ready = check_bot_token(config, io);
  report_events_api(config, io);
  ready = check_app_token(config, io) && ready;
  if (!config.slack_signing_secret && !config.slack_app_token) {
    io.err << "triagebot: Slack events cannot arrive: set TRIAGEBOT_SLACK_SIGNING_SECRET "
              "(Events API) or TRIAGEBOT_SLACK_APP_TOKEN (Socket Mode)\n";
    ready = false;
  }
  return ready ? 0 : 1;
}

int slack_command_line(const EnvLookup& env, const std::vector<std::string>& args, CommandIo io,
                       const ServeFunction& serve) {
  auto [action, config, rest, exit_code] = start_action_command(env, args, io, kUsage);
  if (!config) return exit_code;
  if (!rest.empty()) {
    io.err << "triagebot: slack " << action << " takes no argument " << rest.front() << "\n";
    return 2;
  }
  if (action == "check") return run_slack_check(*config, io);
  if (action == "socket") {
    if (!config->slack_token || !config->slack_app_token) {
      io.err << "triagebot: slack socket needs TRIAGEBOT_SLACK_TOKEN (xoxb-...) and "
                "TRIAGEBOT_SLACK_APP_TOKEN (xapp-..., scope connections:write)\n";
      return 2;
    }
    return serve(*config, ServeRequest{.loop_of = std::string(kSlackChannelName)});
  }
  io.err << "triagebot: unknown slack subcommand '" << action << "'\n" << kUsage;
  return 2;
}

}  // namespace triagebot::bot
