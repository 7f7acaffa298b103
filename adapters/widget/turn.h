// Parsing one widget turn: the body of POST /api/widget/sessions/{id}/messages (API.md)
// into the interview's Input. Pure; safe to call from any thread.
//
// Accepted bodies are exactly {"text": str} or {"choice": str}:
//   - text: valid UTF-8, non-empty after trimming white space, at most kMaxTextCodePoints
//     code points, no NUL. The trimmed text is what the interview sees.
//   - choice: 1..kMaxChoiceBytes bytes of printable ASCII (choice ids are short ASCII,
//     see dialogs/reply.h).
// Anything else (malformed JSON, not an object, both or neither field, other fields,
// wrong types) is Error{ErrorCode::bad_request, ...}. Error messages never echo the body.
#pragma once

#include <cstddef>
#include <string_view>

#include "adapters/common/text_measure.h"
#include "dialogs/engine.h"
#include "dialogs/result.h"

namespace triagebot::adapters::widget {

inline constexpr std::size_t kMaxTextCodePoints = 2000;
inline constexpr std::size_t kMaxChoiceBytes = 64;

Result<dialogs::Input> parse_turn(std::string_view body);

// Code points of valid UTF-8, std::nullopt for anything else (adapters/common).
using common::utf8_length;

}  // namespace triagebot::adapters::widget
