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

// Code points of text already known to be UTF-8 (parsed JSON, a validated query): every
// byte that does not continue a sequence. For bounds on what people type.
std::size_t code_points(std::string_view valid_utf8);

}  // namespace triagebot::adapters::common
