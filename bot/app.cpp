#include "bot/app.h"

#include <cstdio>
#include <iostream>

#include "bot/http/builtin_routes.h"
#include "bot/http/router.h"
#include "bot/log.h"
#include "bot/metrics.h"

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

int run_serve(const Config& config) {
  Metrics metrics;
  http::Router router;
  http::add_health_route(router, [] { return true; });
  http::add_metrics_route(router, metrics);

  http::Server server(server_options(config), router, metrics);
  const auto endpoint = server.start();
  if (!endpoint) {
    std::cerr << "triagebot: " << endpoint.error().message << "\n";
    return 1;
  }
  std::printf("listening on %s\n", endpoint->url().c_str());
  std::fflush(stdout);
  log(LogLevel::info, "started", {{"url", endpoint->url()}, {"threads", config.threads}});
  server.run_until_signal();
  return 0;
}

}  // namespace triagebot::bot
