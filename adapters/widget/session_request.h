// The body of POST /api/widget/sessions (API.md). widget.js sends none; a page that
// builds its own client may send a JSON object, whose fields are ignored today (room for
// options later without a new route). Pure; any thread.
#pragma once

#include <string_view>

#include "dialogs/result.h"

namespace triagebot::adapters::widget {

// OK for an empty body (white space only counts as empty) or a JSON object nested at
// most 64 deep; Error{ErrorCode::bad_request, ...} for anything else (malformed JSON, an array,
// a string). The error never echoes the body.
Result<void> check_session_request(std::string_view body);

}  // namespace triagebot::adapters::widget
