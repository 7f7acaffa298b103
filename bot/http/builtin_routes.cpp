#include "bot/http/builtin_routes.h"

#include <utility>

#include "bot/http/responses.h"

namespace triagebot::bot::http {

void add_health_route(Router& router, std::function<bool()> healthy) {
  router.add("GET", "/healthz",
             [healthy = std::move(healthy)](adapters::HttpRequest, Respond respond) {
               if (healthy()) return respond(json_response(200, {{"status", "ok"}}));
               respond(json_error(503, "unhealthy", "a dependency did not answer"));
             });
}

void add_metrics_route(Router& router, const Metrics& metrics) {
  router.add("GET", "/metrics", [&metrics](adapters::HttpRequest, Respond respond) {
    adapters::HttpResponse response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = metrics.render();
    respond(std::move(response));
  });
}

}  // namespace triagebot::bot::http
