// Review filters: what the admin API (`GET /admin/api/conversations?...`) and
// `triagebot logs list|export` share — turning untrusted name/value pairs into a
// validated storage::ListFilter, query-string decoding, and the time formats a
// reviewer may type (API.md: since/until as RFC3339 or epoch seconds).
//
// Everything is strict on purpose: a value we cannot read is a 400 (or exit 2), never
// silently dropped, because a review filter that quietly ignores "untill=..." shows a
// clinician the wrong set of conversations. Error messages name the parameter but
// never echo its value (query strings hold search text, which is health data).
//
// Pure functions; any thread.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dialogs/result.h"
#include "storage/records.h"
#include "storage/time.h"

namespace triagebot::bot {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Splits `a=1&b=x%20y` into decoded pairs ('+' is a space). Errors ("bad_request"):
// a malformed %-escape, a NUL byte, or text that is not UTF-8 after decoding.
Result<QueryParams> parse_query_string(std::string_view query);

// RFC3339 ("2026-11-25T14:53:15Z", fraction and ±HH:MM offsets allowed), a date
// ("2026-11-25", midnight UTC), or whole epoch seconds ("1764082395").
std::optional<storage::TimePoint> parse_time(std::string_view text);

// The largest page the API serves (storage clamps to the same bound).
inline constexpr int kMaxPageSize = 200;
// Search text longer than this is refused: nobody types it, and it costs the index.
inline constexpr std::size_t kMaxSearchLength = 200;

// The verdicts a reviewer may give (API.md "Verdicts"), in the order pages list them.
inline constexpr std::array<std::string_view, 5> kVerdictKinds = {
    "agree", "over_triage", "under_triage", "wrong_causes", "other"};
bool is_verdict_kind(std::string_view text);

// Builds a filter from pairs named platform, triage, red_flag, safety, verdict, since, until,
// q, limit, cursor. An empty value means "not given". Errors ("bad_request") for an unknown
// or repeated name, an unknown platform or triage level, a malformed red-flag id or safety
// category, a verdict that is not any, none or a kind, an unreadable time, since not before
// until, limit outside 1..max_limit, or q too long.
Result<storage::ListFilter> make_list_filter(const QueryParams& params,
                                             int max_limit = kMaxPageSize);

}  // namespace triagebot::bot
