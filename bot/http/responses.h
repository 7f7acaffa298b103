// JSON responses in the shape API.md fixes for every route: errors are
// {"error": "<code>", "message": "<human text>"} with a fitting status.
// Pure functions; safe from any thread.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "adapters/http_types.h"

namespace triagebot::bot::http {

// `code` is a stable machine word ("not_found", "too_large", ...); `message` is for
// humans and must never carry message text, bodies or secrets.
adapters::HttpResponse json_error(int status, std::string code, std::string message);

// `body` serialized compactly (invalid UTF-8 replaced, so a response is always valid JSON).
adapters::HttpResponse json_response(int status, const nlohmann::json& body);

}  // namespace triagebot::bot::http
