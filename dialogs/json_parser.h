// This thread's simdjson parser, shared by the readers of JSON text in dialogs
// (json_reader.cpp, session_text.cpp): a parser keeps buffers sized for the largest text
// it has read (about ten bytes per byte of text), so one per thread is kept for texts up
// to kReusedUpTo, which holds every event, update and session the server reads per
// message; a bigger text gets a parser of its own, freed after. Internal to dialogs.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <optional>
#include <string_view>

namespace triagebot::dialogs::json_parser {

inline constexpr std::size_t kReusedUpTo = 16 * 1024;

simdjson::dom::parser& this_threads_parser();

// `convert(root)` of the text's document, or nullopt when it is not JSON (or not UTF-8,
// or holds a number no 64-bit type holds).
template <typename Convert>
auto parse_with(std::string_view text, Convert convert)
    -> std::optional<decltype(convert(simdjson::dom::element{}))> {
  std::optional<simdjson::dom::parser> own;
  simdjson::dom::parser& parser =
      text.size() <= kReusedUpTo ? this_threads_parser() : own.emplace();
  simdjson::dom::element root;
  // realloc_if_needed: the text is copied into a padded buffer, since the caller's bytes
  // end where they end (simdjson reads a little past the end).
  if (parser.parse(text.data(), text.size(), true).get(root) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return convert(root);
}

}  // namespace triagebot::dialogs::json_parser
