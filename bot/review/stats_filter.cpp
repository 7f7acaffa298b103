#include "bot/review/stats_filter.h"

#include <set>

namespace triagebot::bot {

Result<storage::StatsFilter> make_stats_filter(const QueryParams& params) {
  auto bad = [](std::string message) {
    return make_error(ErrorCode::bad_request, std::move(message));
  };
  storage::StatsFilter filter;
  std::set<std::string, std::less<>> seen;
  for (const auto& [name, value] : params) {
    // The unknown name is not echoed: it came from the caller and may be anything.
    if (name != "since" && name != "until" && name != "by") {
      return bad("unknown parameter (known: since, until, by)");
    }
    if (!seen.insert(name).second) return bad("parameter '" + name + "' is given twice");
    if (value.empty()) continue;
    if (name == "by") {
      if (value == "day") {
        filter.by = storage::StatsBucket::day;
      } else if (value == "week") {
        filter.by = storage::StatsBucket::week;
      } else {
        return bad("by must be day or week");
      }
      continue;
    }
    const auto at = parse_time(value);
    if (!at) return bad(name + " must be RFC3339, a date (YYYY-MM-DD) or epoch seconds");
    (name == "since" ? filter.since : filter.until) = *at;
  }
  if (filter.since && filter.until && *filter.since >= *filter.until) {
    return bad("since must be before until");
  }
  return filter;
}

}  // namespace triagebot::bot
