// The operational routes every deployment has (API.md): GET /healthz for load
// balancers and GET /metrics for Prometheus. Register before Server::start().
#pragma once

#include <functional>

#include "bot/http/router.h"
#include "bot/obs/metrics.h"

namespace triagebot::bot::http {

// GET /healthz: 200 {"status":"ok"} when `healthy()` returns true, else 503 with the
// JSON error shape. `healthy` runs on an io thread: keep it quick (a DB ping).
void add_health_route(Router& router, std::function<bool()> healthy);

// GET /metrics: `metrics.render()` as text/plain; version=0.0.4. `metrics` must
// outlive the router.
void add_metrics_route(Router& router, const Metrics& metrics);

}  // namespace triagebot::bot::http
