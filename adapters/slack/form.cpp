#include "adapters/slack/form.h"

#include <charconv>

namespace triagebot::adapters::slack {
namespace {

// The byte "%XX" stands for: exactly two hex digits, or nothing.
std::optional<char> escaped_byte(std::string_view two_digits) {
  unsigned value = 0;
  const char* end = two_digits.data() + two_digits.size();
  auto [stop, error] = std::from_chars(two_digits.data(), end, value, 16);
  if (error != std::errc() || stop != end || two_digits.size() != 2) return std::nullopt;
  return static_cast<char>(value);
}

}  // namespace

std::optional<std::string> form_decode(std::string_view encoded) {
  std::string out;
  out.reserve(encoded.size());
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    const char c = encoded[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      auto byte = escaped_byte(encoded.substr(i + 1, 2));
      if (!byte) return std::nullopt;
      out += *byte;
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::string> form_field(std::string_view body, std::string_view name) {
  while (!body.empty()) {
    const std::size_t end = body.find('&');
    std::string_view pair = body.substr(0, end);
    const std::size_t equals = pair.find('=');
    std::optional<std::string> key = form_decode(pair.substr(0, equals));
    if (key && *key == name) {
      if (equals == std::string_view::npos) return std::string();
      return form_decode(pair.substr(equals + 1));
    }
    if (end == std::string_view::npos) break;
    body.remove_prefix(end + 1);
  }
  return std::nullopt;
}

}  // namespace triagebot::adapters::slack
