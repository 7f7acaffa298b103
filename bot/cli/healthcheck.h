// `triagebot healthcheck`: asks the local server's GET /healthz and exits 0 on a 200,
// 1 otherwise. It is the Docker HEALTHCHECK, so the slim image needs no curl.
// Reads TRIAGEBOT_LISTEN (or --listen) like `serve`; a wildcard host (0.0.0.0, ::)
// is asked on the loopback address.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "dialogs/result.h"

namespace triagebot::bot {

// The HTTP status of GET `target` on host:port, or why there is none. Blocks for at
// most `timeout`. Any thread.
Result<int> http_get_status(const std::string& host, std::uint16_t port, const std::string& target,
                            std::chrono::milliseconds timeout);

}  // namespace triagebot::bot
