// Reading an answer of Slack's Web API for the calls whose result we need
// (conversations.open, auth.test, apps.connections.open); not a public API. Slack
// answers errors with HTTP 200 and {"ok": false, "error": "<word>"}, so `ok` decides,
// not the status. Pure; any thread.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "dialogs/result.h"

namespace triagebot::adapters::slack {

// The answer when it is {"ok": true, ...}. Errors:
//  - "unauthorized": ok:false with a credential error (needs_operator in outbound.h)
//  - "api_error": any other ok:false, with Slack's error word in the message
//  - "bad_response": not Web API JSON (an HTML error page, a proxy's answer)
Result<nlohmann::json> ok_answer(int http_status, std::string_view body, std::string_view method);

}  // namespace triagebot::adapters::slack
