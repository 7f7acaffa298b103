// Measuring UTF-8 text the ways platforms count it. Pure; any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace triagebot::adapters::common {

// Byte length of the UTF-8 sequence starting with `lead`; 1 for stray bytes, so broken
// input still advances and is never split inside a valid sequence.
std::size_t utf8_sequence_length(unsigned char lead);

// Length of UTF-8 text in UTF-16 code units (code points above U+FFFF count twice): how
// Telegram and Slack count their limits.
std::size_t utf16_length(std::string_view text);

// Number of code points in `text` when it is valid UTF-8 (no overlongs, no surrogates,
// nothing past U+10FFFF); std::nullopt otherwise.
std::optional<std::size_t> utf8_length(std::string_view text);

}  // namespace triagebot::adapters::common
