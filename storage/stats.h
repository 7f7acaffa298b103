// Review statistics (`triagebot logs stats`, GET /admin/api/stats; API.md "Stats"):
// how the bot is doing over a range of conversations, from the columns the writer keeps
// (platform, triage, status, red flags, questions_to_assessment, emergency_after_ms;
// schema version 5), the per-day rollup triggers keep (conversation_counts) and the
// verdicts — never from transcripts (bench/reports/2026-12-03-stats.md).
//
// Percentiles are nearest-rank: the p-th of n sorted values is the one at rank
// ceil(p * n), so every figure is a value that occurred and can be counted by hand.
// Plain values; any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "storage/time.h"

namespace triagebot::storage {

enum class StatsBucket { none, day, week };  // weeks start on Monday, UTC

// Conversations whose started_at is in [since, until); both optional.
struct StatsFilter {
  std::optional<TimePoint> since;
  std::optional<TimePoint> until;
  StatsBucket by = StatsBucket::none;
};

struct Distribution {
  std::int64_t count = 0;
  std::optional<std::int64_t> median;
  std::optional<std::int64_t> p90;
};

// One day or week of the range (with --by).
struct StatsPeriod {
  std::string start;  // RFC3339 date of its first day, e.g. "2026-03-02"
  std::int64_t conversations = 0;
  std::int64_t completed = 0;
  std::int64_t emergencies = 0;
};

struct Stats {
  std::int64_t conversations = 0;
  std::int64_t completed = 0;
  std::map<std::string, std::int64_t> platforms;
  std::map<std::string, std::int64_t> triage;  // "none" = not assessed
  std::map<std::string, std::int64_t> red_flags;
  Distribution questions_to_assessment;
  Distribution emergency_after_ms;
  std::map<std::string, std::int64_t> verdicts;  // every kind, zero when none given
  std::int64_t verdict_total = 0;
  std::vector<StatsPeriod> periods;  // oldest first; empty without a bucket

  std::int64_t under_triage() const;
  std::optional<double> completion_rate() const;  // completed / conversations
  std::optional<double> agreement_rate() const;   // agree / all verdicts
};

// The value at rank ceil(p * n) of `sorted` (nullopt when empty); p in (0, 1].
std::optional<std::int64_t> nearest_rank(const std::vector<std::int64_t>& sorted, double p);

// API.md "Stats": under_triage first, rates as fractions (null when undefined).
nlohmann::json to_json(const Stats& stats);

}  // namespace triagebot::storage
