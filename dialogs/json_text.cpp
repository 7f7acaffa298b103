#include "dialogs/json_text.h"

#include <nlohmann/json.hpp>

namespace triagebot::dialogs {
namespace {

// The length of the well-formed UTF-8 sequence at `at` (Unicode's table 3-7: no overlong
// forms, no surrogates, nothing past U+10FFFF), or 0 when it is not one. These are the
// sequences nlohmann's decoder accepts.
std::size_t utf8_sequence_at(std::string_view s, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(at);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (at + length > s.size()) return 0;
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
  }
  return length;
}

// Only '"' and '\\' need escaping, and every byte above 0x7f is in well-formed UTF-8.
bool writes_plainly(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_at(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  if (!writes_plainly(text)) {
    out += nlohmann::json(text).dump();
    return;
  }
  out += '"';
  std::size_t run = 0;  // the start of the bytes not yet copied
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '"' && text[i] != '\\') continue;
    out.append(text, run, i - run);
    out += '\\';
    run = i;  // the quote or backslash itself is copied with the next run
  }
  out.append(text, run, text.size() - run);
  out += '"';
}

void append_json_strings(std::string& out, const std::vector<std::string>& list) {
  out += '[';
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, list[i]);
  }
  out += ']';
}

void append_json_number(std::string& out, double value) { out += nlohmann::json(value).dump(); }

}  // namespace triagebot::dialogs
