// Helpers the fuzz targets share: libFuzzer's bytes as a string_view, and a split of an
// input into a selector byte, a header line and a body, so one corpus file can say which
// parser it is for and what a header held. Header-only; fuzz targets only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace triagebot::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// "first line\nrest": the text before the first newline, and the rest (all of it when
// there is no newline: then the line is empty).
struct LineAndRest {
  std::string_view line;
  std::string_view rest;
};
inline LineAndRest split_first_line(std::string_view text) {
  const auto newline = text.find('\n');
  if (newline == std::string_view::npos) return {{}, text};
  return {text.substr(0, newline), text.substr(newline + 1)};
}

// A fixed clock for parsers that take `now` (2024-11-25, the fixtures' day), so a run
// replays the same way tomorrow.
inline constexpr std::int64_t kFixedNowSeconds = 1732540300;

}  // namespace triagebot::fuzz
