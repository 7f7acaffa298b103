// The statistics filter (`GET /admin/api/stats?since=&until=&by=` and `triagebot logs
// stats --since --until --by`): untrusted name/value pairs to a validated
// storage::StatsFilter, as strict as review_filter.h and for the same reasons.
// Pure; any thread.
#pragma once

#include "bot/review/review_filter.h"
#include "storage/stats.h"

namespace triagebot::bot {

// Pairs named since, until, by (day | week). An empty value means "not given". Errors
// ("bad_request"): an unknown or repeated name, an unreadable time, since not before
// until, a `by` other than day or week.
Result<storage::StatsFilter> make_stats_filter(const QueryParams& params);

}  // namespace triagebot::bot
