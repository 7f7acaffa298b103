#include "bot/channels/telegram/commands.h"

#include <ostream>

#include "adapters/telegram/api_calls.h"
#include "adapters/telegram/inbound.h"
#include "bot/net/base_url.h"
#include "bot/net/http_client.h"
#include "bot/obs/log.h"

namespace triagebot::bot {
namespace {

namespace telegram = adapters::telegram;

constexpr std::string_view kUsage =
    "usage: triagebot telegram set-webhook --url https://HOST/webhooks/telegram\n"
    "       triagebot telegram delete-webhook\n"
    "       triagebot telegram info\n"
    "       triagebot telegram poll\n";

// Sends one call and checks the Bot API's ok flag. On failure prints the reason (never
// the URL or token) and returns nothing.
std::optional<std::string> call_api(const Config& config, const adapters::OutboundCall& call,
                                    std::string_view what, CommandIo io) {
  auto response = net::send_blocking(config.telegram_api, call);
  if (!response) {
    io.err << "triagebot: cannot reach the Bot API for " << what << ": " << response.error().code
           << " (" << response.error().message << ")\n";
    return std::nullopt;
  }
  if (response->status < 200 || response->status >= 300) {
    io.err << "triagebot: Telegram refused " << what << " (HTTP " << response->status
           << "): " << telegram::error_description(response->body) << "\n";
    if (response->status == 401) io.err << "triagebot: check TRIAGEBOT_TELEGRAM_TOKEN\n";
    return std::nullopt;
  }
  return std::move(response->body);
}

std::optional<std::string> url_argument(const std::vector<std::string>& args, CommandIo io) {
  std::optional<std::string> url;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--url" && i + 1 < args.size()) {
      url = args[++i];
    } else if (args[i].starts_with("--url=")) {
      url = args[i].substr(6);
    } else {
      io.err << "triagebot: telegram set-webhook: unexpected argument '" << args[i] << "'\n";
      return std::nullopt;
    }
  }
  if (!url)
    io.err << "triagebot: telegram set-webhook needs --url https://HOST/webhooks/telegram\n";
  return url;
}

int set_webhook(const Config& config, const std::vector<std::string>& args, CommandIo io) {
  auto url = url_argument(args, io);
  if (!url) return 2;
  if (std::string problem = webhook_url_problem(*url); !problem.empty()) {
    io.err << "triagebot: --url: " << problem << "\n";
    return 2;
  }
  // Without a secret every stranger could post updates (PLATFORMS.md §1.1, fail closed).
  if (!config.telegram_secret || !telegram::is_valid_secret_token(*config.telegram_secret)) {
    io.err << "triagebot: TRIAGEBOT_TELEGRAM_SECRET must be set to 1-256 characters of "
              "A-Z a-z 0-9 _ - (and must not be the bot token)\n";
    return 2;
  }
  auto call = telegram::render_set_webhook(
      *config.telegram_token,
      telegram::WebhookSettings{
          .url = *url, .secret_token = *config.telegram_secret, .max_connections = std::nullopt});
  if (!call_api(config, call, "setWebhook", io)) return 1;
  io.out << "webhook set: " << *url << "\n";
  io.out << "allowed updates: message, callback_query, my_chat_member\n";
  // The menu of commands, registered with the webhook (a poller registers it when it
  // starts). Both calls are idempotent: running set-webhook again repairs a failure.
  if (!call_api(config, telegram::render_set_my_commands(*config.telegram_token), "setMyCommands",
                io)) {
    io.err << "triagebot: the webhook is set; run set-webhook again to register the commands\n";
    return 1;
  }
  io.out << "commands registered:";
  for (const auto& command : telegram::bot_commands()) io.out << " /" << command.command;
  io.out << "\n";
  return 0;
}

int delete_webhook(const Config& config, const std::vector<std::string>& args, CommandIo io) {
  if (args.size() > 1) {
    io.err << "triagebot: telegram delete-webhook takes no arguments\n";
    return 2;
  }
  if (!call_api(config, telegram::render_delete_webhook(*config.telegram_token), "deleteWebhook",
                io)) {
    return 1;
  }
  io.out << "webhook deleted; pending updates are kept for `triagebot telegram poll`\n";
  return 0;
}

int info(const Config& config, const std::vector<std::string>& args, CommandIo io) {
  if (args.size() > 1) {
    io.err << "triagebot: telegram info takes no arguments\n";
    return 2;
  }
  auto body = call_api(config, telegram::render_get_webhook_info(*config.telegram_token),
                       "getWebhookInfo", io);
  if (!body) return 1;
  auto lines = telegram::describe_webhook_info(*body);
  if (!lines) {
    io.err << "triagebot: getWebhookInfo: " << lines.error().message << "\n";
    return 1;
  }
  for (const auto& line : *lines) io.out << line << "\n";
  return 0;
}

}  // namespace

std::string webhook_url_problem(std::string_view url) {
  if (!url.starts_with("https://")) return "Telegram only delivers to https:// URLs";
  auto parsed = net::parse_base_url(url);
  if (!parsed) return "not a valid URL";
  const auto port = parsed->port;
  if (port != 443 && port != 80 && port != 88 && port != 8443) {
    return "Telegram only delivers to ports 443, 80, 88 and 8443";
  }
  return {};
}

int run_telegram_command(const Config& config, const std::vector<std::string>& args, CommandIo io) {
  if (args.empty()) {
    io.err << "triagebot: telegram needs a subcommand\n" << kUsage;
    return 2;
  }
  const std::string& name = args.front();
  using Subcommand = int (*)(const Config&, const std::vector<std::string>&, CommandIo);
  Subcommand subcommand = nullptr;
  if (name == "set-webhook") subcommand = set_webhook;
  if (name == "delete-webhook") subcommand = delete_webhook;
  if (name == "info") subcommand = info;
  if (subcommand == nullptr) {
    io.err << "triagebot: unknown telegram subcommand '" << name << "'\n" << kUsage;
    return 2;
  }
  if (!config.telegram_token || config.telegram_token->empty()) {
    io.err << "triagebot: TRIAGEBOT_TELEGRAM_TOKEN is not set\n";
    return 2;
  }
  if (auto base = net::parse_base_url(config.telegram_api); !base) {
    io.err << "triagebot: TRIAGEBOT_TELEGRAM_API: " << base.error().message << "\n";
    return 2;
  }
  return subcommand(config, args, io);
}

int telegram_command_line(const EnvLookup& env, const std::vector<std::string>& args, CommandIo io,
                          const ServeFunction& serve) {
  auto [action, config, rest, exit_code] = start_action_command(
      env, args, io,
      "usage: triagebot telegram poll | set-webhook --url URL | delete-webhook | info\n");
  if (!config) return exit_code;
  if (action == "poll") {
    if (!rest.empty()) {
      io.err << "triagebot: telegram poll takes no argument " << rest.front() << "\n";
      return 2;
    }
    if (!config->telegram_enabled()) {
      io.err << "triagebot: telegram poll needs TRIAGEBOT_TELEGRAM_TOKEN\n";
      return 2;
    }
    return serve(*config, ServeRequest{.loop_of = std::string(kTelegramChannelName)});
  }
  rest.insert(rest.begin(), action);
  return run_telegram_command(*config, rest, io);
}

}  // namespace triagebot::bot
