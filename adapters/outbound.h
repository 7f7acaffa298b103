// The outbound side of every platform adapter: pure functions from a stored reply to
// an HTTP call, and from the platform's answer to a delivery outcome (STYLE.md §2).
// `bot/` does the sending; adapters never touch the network or storage.
#pragma once

#include <chrono>
#include <string>

#include "adapters/http_types.h"

namespace triagebot::adapters {

// One HTTP call to a platform API. `path` is appended to the configured base URL
// (e.g. "/bot<token>/sendMessage"); it may contain a secret and is never logged —
// `log_name` ("telegram.sendMessage") is what logs and metrics show.
struct OutboundCall {
  std::string method = "POST";
  std::string path;
  std::string log_name;
  Headers headers;
  std::string body;
};

struct DeliveryOutcome {
  enum class Kind {
    delivered,    // done
    retry_after,  // the platform said when (429 retry_after / Retry-After)
    back_off,     // transient (5xx, timeout, connection): retry with exponential backoff
    dead,         // permanent for this row (400, 403 blocked, ...): record the reason
  };
  Kind kind = Kind::delivered;
  std::chrono::seconds retry_after{0};
  std::string reason;  // platform's error description; never message text
};

}  // namespace triagebot::adapters
