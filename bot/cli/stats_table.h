// The terminal rendering of review statistics (`triagebot logs stats` without --json):
// under-triage named first, because a missed emergency is what a reviewer must see
// before anything else, then volumes, timings, verdicts and the periods.
#pragma once

#include <ostream>

#include "storage/stats.h"

namespace triagebot::bot {

void print_stats_table(std::ostream& out, const storage::Stats& stats);

}  // namespace triagebot::bot
