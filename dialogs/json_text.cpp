#include "dialogs/json_text.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <utility>

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

// Whether any of the 8 bytes in `w` needs a look: below 0x20, 0x80 and above, '"' or
// '\\'. Most of a reply's text is plain ASCII, so it is skipped 8 bytes at a time.
bool needs_a_look(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  // Whether a byte of v is zero (exact as a whole: no false positive when none is).
  const auto has_zero = [](std::uint64_t v) { return ((v - kOnes) & ~v & kHighs) != 0; };
  const bool high = (w & kHighs) != 0;
  const bool control = ((w - kOnes * 0x20) & ~w & kHighs) != 0;  // exact with no high byte
  return high || control || has_zero(w ^ (kOnes * '"')) || has_zero(w ^ (kOnes * '\\'));
}

// The escape of a byte below 0x20.
std::string_view control_escape(unsigned char c) {
  struct Escape {
    std::array<char, 6> text;
    std::size_t length;
  };
  static const auto table = [] {
    static constexpr char kHex[] = "0123456789abcdef";
    std::array<Escape, 0x20> escapes{};
    for (unsigned i = 0; i < 0x20; ++i) {
      escapes[i] = {{'\\', 'u', '0', '0', kHex[i >> 4], kHex[i & 0xF]}, 6};
    }
    for (auto [byte, letter] : {std::pair{'\b', 'b'}, std::pair{'\t', 't'}, std::pair{'\n', 'n'},
                                std::pair{'\f', 'f'}, std::pair{'\r', 'r'}}) {
      escapes[static_cast<unsigned char>(byte)] = {{'\\', letter}, 2};
    }
    return escapes;
  }();
  return {table[c].text.data(), table[c].length};
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  const std::size_t begin = out.size();
  out.reserve(begin + text.size() + 2);
  out += '"';
  std::size_t copied = 0;  // text before this is in `out`
  std::size_t at = 0;
  while (at < text.size()) {
    if (at + 8 <= text.size()) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + at, 8);
      if (!needs_a_look(word)) {
        at += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(text[at]);
    if (c == '"' || c == '\\') {
      out.append(text, copied, at - copied);
      out += '\\';
      copied = at;  // the quote or backslash itself goes with the next run
      ++at;
    } else if (c >= 0x20 && c < 0x80) {
      ++at;
    } else if (c < 0x20) {
      // A control character, escaped as nlohmann escapes it (a reply's line breaks are
      // most of them): the short forms where JSON has one, else \u00xx in lower case.
      out.append(text, copied, at - copied);
      out += control_escape(c);
      copied = ++at;
    } else if (const std::size_t length = c >= 0x80 ? utf8_sequence_at(text, at) : 0; length > 0) {
      at += length;
    } else {
      // A byte that is not UTF-8: nlohmann's own handling (its error), so the two cannot
      // differ.
      out.resize(begin);
      out += nlohmann::json(text).dump();
      return;
    }
  }
  out.append(text, copied, text.size() - copied);
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
