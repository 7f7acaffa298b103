#include "adapters/widget/turn.h"

#include <nlohmann/json.hpp>

#include "adapters/common/json_limits.h"

namespace triagebot::adapters::widget {

namespace {

Error bad_request(std::string message) {
  return make_error(ErrorCode::bad_request, std::move(message));
}

bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && is_space(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

Result<dialogs::Input> parse_text(const nlohmann::json& value) {
  if (!value.is_string()) return bad_request("\"text\" must be a string");
  const auto& raw = value.get_ref<const std::string&>();
  // nlohmann already rejects ill-formed UTF-8 in JSON strings; checking again keeps this
  // function correct whatever parser options a later version defaults to.
  auto length = utf8_length(raw);
  if (!length) return bad_request("\"text\" must be valid UTF-8");
  if (raw.find('\0') != std::string::npos) return bad_request("\"text\" must not contain NUL");
  std::string_view text = trim(raw);
  if (text.empty()) return bad_request("\"text\" must not be empty");
  if (*utf8_length(text) > kMaxTextCodePoints) {
    return bad_request("\"text\" is longer than 2000 characters");
  }
  return dialogs::Input::typed(std::string(text));
}

Result<dialogs::Input> parse_choice(const nlohmann::json& value) {
  if (!value.is_string()) return bad_request("\"choice\" must be a string");
  const auto& id = value.get_ref<const std::string&>();
  if (id.empty()) return bad_request("\"choice\" must not be empty");
  if (id.size() > kMaxChoiceBytes) return bad_request("\"choice\" is longer than 64 bytes");
  for (unsigned char c : id) {
    if (c < 0x20 || c > 0x7e) return bad_request("\"choice\" must be printable ASCII");
  }
  return dialogs::Input::pressed(id);
}

}  // namespace

Result<dialogs::Input> parse_turn(std::string_view body) {
  // A turn is one flat object; the bound keeps a hostile body from a deep parse.
  if (common::json_nesting_depth(body) > 2) return bad_request("body is nested too deeply");
  auto body_json = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  if (body_json.is_discarded()) return bad_request("body is not valid JSON");
  if (!body_json.is_object()) return bad_request("body must be a JSON object");
  if (body_json.size() != 1) {
    return bad_request("body must hold exactly one field, \"text\" or \"choice\"");
  }
  if (auto it = body_json.find("text"); it != body_json.end()) return parse_text(*it);
  if (auto it = body_json.find("choice"); it != body_json.end()) return parse_choice(*it);
  return bad_request("body must hold exactly one field, \"text\" or \"choice\"");
}

}  // namespace triagebot::adapters::widget
