#include "bot/http/responses.h"

#include <utility>

namespace triagebot::bot::http {

adapters::HttpResponse json_error(int status, std::string code, std::string message) {
  return json_response(status, {{"error", std::move(code)}, {"message", std::move(message)}});
}

adapters::HttpResponse json_response(int status, const nlohmann::json& body) {
  adapters::HttpResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

}  // namespace triagebot::bot::http
