#include "bot/app/serve.h"

#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bot/app/data_permissions.h"
#include "bot/app/db_lock.h"
#include "bot/app/runtime.h"
#include "bot/channels/registry.h"
#include "bot/http/builtin_routes.h"
#include "bot/http/client_address.h"
#include "bot/http/open_files.h"
#include "bot/http/router.h"
#include "bot/obs/log.h"
#include "bot/obs/metrics.h"
#include "bot/review/admin_routes.h"

namespace triagebot::bot {

namespace {

// TRIAGEBOT_TRUSTED_PROXIES in the form the HTTP layer compares peers in.
std::vector<std::string> canonical_proxies(const Config& config) {
  std::vector<std::string> proxies;
  for (const auto& proxy : config.trusted_proxies) {
    proxies.push_back(http::canonical_address(std::string_view(proxy)));
  }
  return proxies;
}

}  // namespace

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
      .max_connections_per_address = config.max_connections_per_address,
      .uncapped_addresses = canonical_proxies(config),
  };
}

namespace {

using Channels = std::vector<std::unique_ptr<Channel>>;

// Exit code for an error at start: 2 for what the operator must fix in the
// configuration or the knowledge base, 1 for the rest.
int start_failure(const Error& error) {
  std::cerr << "triagebot: " << error.message << "\n";
  switch (error.code) {
    case ErrorCode::bad_config:
    case ErrorCode::bad_knowledge:
    case ErrorCode::schema_too_new:
    case ErrorCode::database_in_use:
      return 2;
    default:
      return 1;
  }
}

// How the lock file names this process to a second one: the command, never its
// arguments (a flag may carry a token).
std::string lock_holder_name(const ServeRequest& request) {
  return request.loop_of.empty() ? "serve" : "serve with the " + request.loop_of + " loop";
}

// Every route of the server, in one place: the built-in ones, each channel's, and the
// admin API when its token is set.
void add_routes(http::Router& router, const Config& config, Metrics& metrics, Runtime& runtime,
                Channels& channels, ChannelServices& services) {
  http::add_metrics_route(router, metrics);
  http::add_health_route(router,
                         [&runtime] { return runtime.store().readers().ping().has_value(); });
  for (auto& channel : channels) channel->add_routes(router, services);
  if (config.admin_token) {
    add_admin_routes(router, runtime.store(), *config.admin_token,
                     {.trusted_proxies = canonical_proxies(config)});
  }
}

// The dispatcher delivers for every channel that has an outbound side.
Result<void> connect_outbound(Runtime& runtime, Channels& channels, ChannelServices& services) {
  std::map<std::string, PlatformOutbound> platforms;
  for (auto& channel : channels) {
    auto outbound = channel->outbound(services);
    if (!outbound) return outbound.error();
    if (*outbound) platforms.emplace(std::string(channel->name()), std::move(**outbound));
  }
  runtime.dispatcher().set_platforms(std::move(platforms));
  return {};
}

// For the start-up log line: every built-in platform and how it runs, "off" when its
// credentials are unset.
nlohmann::json channel_modes(const Channels& channels) {
  nlohmann::json modes = nlohmann::json::object();
  for (const auto& kind : builtin_channels()) modes[std::string(kind.name)] = "off";
  for (const auto& channel : channels) modes[std::string(channel->name())] = channel->mode();
  return modes;
}

}  // namespace

int run_serve(const Config& config, const ServeRequest& request) {
  // First: a second server must not even open the store (db_lock.h says why).
  auto lock = DatabaseLock::acquire(config.db, lock_holder_name(request));
  if (!lock) return start_failure(lock.error());
  // Before anything is opened: every connection needs a descriptor.
  const auto open_files = http::raise_open_file_limit();
  const auto budget =
      http::fit_connections(config.max_connections, config.max_connections_set, open_files);
  if (!budget) return start_failure(budget.error());
  if (budget->lowered_from) {
    log(LogLevel::warn, "max_connections_lowered",
        {{"from", *budget->lowered_from},
         {"to", budget->max_connections},
         {"open_files", open_files.value_or(0)}});
  }
  Metrics metrics;
  auto runtime = Runtime::open(config, metrics);
  if (!runtime) return start_failure(runtime.error());
  warn_if_database_exposed(config.db);
  auto channels = enabled_channels(config, request);
  if (!channels) return start_failure(channels.error());
  for (auto& channel : *channels) {
    if (auto prepared = channel->prepare(); !prepared) return start_failure(prepared.error());
  }
  ChannelServices services{.pipeline = (*runtime)->pipeline(),
                           .store = (*runtime)->store(),
                           .delivery = (*runtime)->dispatcher().io_context(),
                           .run_blocking = (*runtime)->blocking().runner()};
  if (auto connected = connect_outbound(**runtime, *channels, services); !connected) {
    return start_failure(connected.error());
  }

  http::Router router;
  add_routes(router, config, metrics, **runtime, *channels, services);
  auto options = server_options(config);
  options.max_connections = budget->max_connections;
  http::Server server(std::move(options), router, metrics);
  const auto endpoint = server.start();
  if (!endpoint) {
    std::cerr << "triagebot: " << endpoint.error().message << "\n";
    return 1;
  }
  (*runtime)->start();

  std::vector<std::unique_ptr<BackgroundLoop>> loops;
  for (auto& channel : *channels) {
    if (auto loop = channel->background(services)) loops.push_back(std::move(loop));
  }
  for (auto& loop : loops) loop->start();
  // Reverse order at shutdown: stop taking updates, then let the server finish its
  // requests (it runs these hooks after draining, latest first), then stop delivery
  // and the writer.
  Runtime* parts = runtime->get();
  server.on_shutdown([parts] { parts->stop(); });
  for (auto& loop : loops) server.on_shutdown([&loop] { loop->stop(); });

  std::printf("listening on %s\n", endpoint->url().c_str());
  std::fflush(stdout);
  nlohmann::json fields = channel_modes(*channels);
  fields["url"] = endpoint->url();
  fields["threads"] = config.threads;
  fields["admin"] = config.admin_enabled();
  log(LogLevel::info, "started", fields);
  server.run_until_signal();
  return 0;
}

}  // namespace triagebot::bot
