#include "bot/app/serve.h"

#include <cstdio>
#include <iostream>

#include "adapters/telegram/api_calls.h"
#include "bot/app/runtime.h"
#include "bot/channels/telegram/poller.h"
#include "bot/http/builtin_routes.h"
#include "bot/http/router.h"
#include "bot/net/http_client.h"
#include "bot/obs/log.h"
#include "bot/obs/metrics.h"
#include "bot/review/admin_routes.h"

namespace triagebot::bot {

http::ServerOptions server_options(const Config& config) {
  return http::ServerOptions{
      .host = config.listen_host,
      .port = config.listen_port,
      .threads = config.threads,
      .body_limit = config.body_limit,
      .header_timeout = config.header_timeout,
      .idle_timeout = config.idle_timeout,
      .request_timeout = config.request_timeout,
      .shutdown_timeout = config.shutdown_timeout,
      .max_connections = config.max_connections,
  };
}

namespace {

// Blocking Bot API calls on a client of their own (the poller's long requests must not
// hold up the dispatcher's sends), which shutdown can cancel mid-poll.
PollTransport telegram_poll_transport(const Config& config, std::chrono::seconds long_poll) {
  net::HttpClientOptions options;
  options.timeout = long_poll + std::chrono::seconds(15);
  auto client = std::make_shared<net::BlockingClient>(config.telegram_api, options);
  PollTransport transport;
  transport.call = [client](const adapters::OutboundCall& call) -> Result<TransportResponse> {
    auto answer = client->send(call);
    if (!answer) return answer.error();
    return TransportResponse{answer->status, std::move(answer->headers), std::move(answer->body)};
  };
  transport.cancel = [client] { client->cancel(); };
  return transport;
}

// The bot's @username, for group mentions and t.me links: configured, or asked once.
void learn_telegram_username(const Config& config, Runtime& runtime) {
  auto identity = runtime.telegram();
  if (!identity || !identity->bot_username.empty()) return;
  net::HttpClientOptions options;
  options.timeout = std::chrono::seconds(10);
  auto answer = net::send_blocking(config.telegram_api,
                                   adapters::telegram::render_get_me(identity->token), options);
  if (answer) {
    if (auto username = adapters::telegram::read_bot_username(answer->body)) {
      runtime.set_telegram_username(std::move(*username));
      return;
    }
  }
  log(LogLevel::warn, "telegram.username_unknown",
      {{"message",
        "getMe failed; set TRIAGEBOT_TELEGRAM_USERNAME so group mentions are recognised"}});
}

int run(const Config& config, bool poll_telegram) {
  Metrics metrics;
  auto runtime = Runtime::open(config, metrics);
  if (!runtime) {
    std::cerr << "triagebot: " << runtime.error().message << "\n";
    const auto& code = runtime.error().code;
    return code == "bad_config" || code == "bad_knowledge" || code == "schema_too_new" ? 2 : 1;
  }
  if ((*runtime)->telegram()) {
    learn_telegram_username(config, **runtime);
    if (!poll_telegram && !config.telegram_secret) {
      log(LogLevel::warn, "telegram.no_secret",
          {{"message", "TRIAGEBOT_TELEGRAM_SECRET is unset: every webhook call is refused (401)"}});
    }
  }

  http::Router router;
  http::add_metrics_route(router, metrics);
  (*runtime)->add_routes(router);
  if (config.admin_token) add_admin_routes(router, (*runtime)->store(), *config.admin_token);

  http::Server server(server_options(config), router, metrics);
  const auto endpoint = server.start();
  if (!endpoint) {
    std::cerr << "triagebot: " << endpoint.error().message << "\n";
    return 1;
  }
  (*runtime)->start();

  std::unique_ptr<TelegramPoller> poller;
  if (poll_telegram) {
    PollerOptions options;
    poller = std::make_unique<TelegramPoller>(
        (*runtime)->pipeline(), (*runtime)->store().readers(), (*runtime)->telegram(),
        telegram_poll_transport(config, options.long_poll), options);
    poller->start();
  }
  // Reverse order at shutdown: stop taking updates, then let the server finish its
  // requests (it runs these hooks after draining), then stop delivery and the writer.
  Runtime* parts = runtime->get();
  server.on_shutdown([parts] { parts->stop(); });
  if (poller) server.on_shutdown([&poller] { poller->stop(); });

  std::printf("listening on %s\n", endpoint->url().c_str());
  std::fflush(stdout);
  log(LogLevel::info, "started",
      {{"url", endpoint->url()},
       {"threads", config.threads},
       {"telegram", config.telegram_enabled() ? (poll_telegram ? "polling" : "webhook") : "off"},
       {"admin", config.admin_enabled()}});
  server.run_until_signal();
  return 0;
}

}  // namespace

int run_serve(const Config& config) { return run(config, false); }

int run_telegram_poll(const Config& config) {
  if (!config.telegram_enabled()) {
    std::cerr << "triagebot: telegram poll needs TRIAGEBOT_TELEGRAM_TOKEN\n";
    return 2;
  }
  return run(config, true);
}

}  // namespace triagebot::bot
