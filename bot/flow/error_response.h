// The HTTP answer to a Pipeline that refused or failed a submission (API.md): shared by
// every route that submits work, whichever channel it belongs to. Any thread.
#pragma once

#include "adapters/http_types.h"
#include "dialogs/result.h"

namespace triagebot::bot {

// "overloaded"/"closed" → 503 with Retry-After, "not_found" (the conversation went away
// meanwhile) → 404, anything else → 500 (logged with its code).
adapters::HttpResponse pipeline_error_response(const Error& error);

}  // namespace triagebot::bot
