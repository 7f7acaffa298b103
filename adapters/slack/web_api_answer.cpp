#include "adapters/slack/web_api_answer.h"

#include <string>

#include "adapters/slack/json_fields.h"
#include "adapters/slack/outbound.h"

namespace triagebot::adapters::slack {

Result<nlohmann::json> ok_answer(int http_status, std::string_view body, std::string_view method) {
  nlohmann::json answer = nlohmann::json::parse(body, nullptr, false);
  const nlohmann::json* ok = fields::find(answer, "ok");
  if (ok == nullptr || !ok->is_boolean()) {
    return make_error(ErrorCode::bad_response, std::string(method) +
                                                   " answer is not Web API JSON (http " +
                                                   std::to_string(http_status) + ")");
  }
  if (!ok->get<bool>()) {
    const std::string error = fields::string_or_empty(answer, "error");
    if (needs_operator(error)) {
      return make_error(ErrorCode::unauthorized, "Slack refused the token: " + error);
    }
    return make_error(
        ErrorCode::api_error,
        std::string(method) + " failed: " + (error.empty() ? std::string("no error word") : error));
  }
  return answer;
}

}  // namespace triagebot::adapters::slack
