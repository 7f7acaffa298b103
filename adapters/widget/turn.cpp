#include "adapters/widget/turn.h"

#include <nlohmann/json.hpp>

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

std::optional<std::size_t> utf8_length(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    char32_t code = 0;
    if (lead < 0x80) {
      code = lead;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      extra = 1;
      code = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      extra = 2;
      code = lead & 0x0f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      extra = 3;
      code = lead & 0x07;
    } else {
      return std::nullopt;  // continuation byte as lead, or 0xc0/0xc1/0xf5+ (never valid)
    }
    if (i + extra >= text.size() && extra > 0) return std::nullopt;  // truncated sequence
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return std::nullopt;
      code = (code << 6) | (next & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are ill-formed (RFC 3629 §3).
    if ((extra == 2 && code < 0x800) || (extra == 3 && code < 0x10000) || code > 0x10ffff ||
        (code >= 0xd800 && code <= 0xdfff)) {
      return std::nullopt;
    }
    i += extra + 1;
    ++count;
  }
  return count;
}

Result<dialogs::Input> parse_turn(std::string_view body) {
  auto json = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  if (json.is_discarded()) return bad_request("body is not valid JSON");
  if (!json.is_object()) return bad_request("body must be a JSON object");
  if (json.size() != 1) {
    return bad_request("body must hold exactly one field, \"text\" or \"choice\"");
  }
  if (auto it = json.find("text"); it != json.end()) return parse_text(*it);
  if (auto it = json.find("choice"); it != json.end()) return parse_choice(*it);
  return bad_request("body must hold exactly one field, \"text\" or \"choice\"");
}

}  // namespace triagebot::adapters::widget
