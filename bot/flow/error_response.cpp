#include "bot/flow/error_response.h"

#include "bot/http/responses.h"
#include "bot/obs/log.h"

namespace triagebot::bot {

adapters::HttpResponse pipeline_error_response(const Error& error) {
  if (error.code == ErrorCode::not_found) {
    return http::json_error(404, "not_found", "The conversation no longer exists.");
  }
  if (error.code == ErrorCode::overloaded || error.code == ErrorCode::closed) {
    auto response = http::json_error(503, "overloaded", "The server is busy; try again shortly.");
    response.headers.set("Retry-After", "1");
    return response;
  }
  log(LogLevel::error, "pipeline.failed", {{"code", error.code}});
  return http::json_error(500, "internal", "The message could not be processed.");
}

}  // namespace triagebot::bot
