#include "adapters/widget/session_request.h"

#include <nlohmann/json.hpp>

#include "adapters/common/json_limits.h"

namespace triagebot::adapters::widget {
namespace {

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

Result<void> check_session_request(std::string_view body) {
  if (is_blank(body)) return {};
  if (common::json_nesting_depth(body) > common::kMaxJsonDepth) {
    return make_error(ErrorCode::bad_request, "body is nested too deeply");
  }
  const auto parsed = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  if (parsed.is_discarded()) return make_error(ErrorCode::bad_request, "body is not valid JSON");
  if (!parsed.is_object())
    return make_error(ErrorCode::bad_request, "body must be empty or a JSON object");
  return {};
}

}  // namespace triagebot::adapters::widget
