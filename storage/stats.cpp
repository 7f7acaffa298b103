#include "storage/stats.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "storage/guard.h"
#include "storage/reader_lease.h"

namespace triagebot::storage {
namespace {

constexpr std::int64_t kDayMs = 24 * 60 * 60 * 1000;
// 1970-01-01 was a Thursday: shifting by three days makes weeks start on Monday.
constexpr std::int64_t kMondayShiftDays = 3;

const char* const kVerdictKinds[] = {"agree", "over_triage", "under_triage", "wrong_causes",
                                     "other"};

// The SQL expression numbering a conversation's period, and the first day of period n.
std::string period_expression(StatsBucket by) {
  switch (by) {
    case StatsBucket::day:
      return "started_at / " + std::to_string(kDayMs);
    case StatsBucket::week:
      return "(started_at / " + std::to_string(kDayMs) + " + " + std::to_string(kMondayShiftDays) +
             ") / 7";
    case StatsBucket::none:
      break;
  }
  return "0";
}

std::int64_t period_start_ms(StatsBucket by, std::int64_t period) {
  if (by == StatsBucket::week) return (period * 7 - kMondayShiftDays) * kDayMs;
  return period * kDayMs;
}

// The range clause on started_at and its binds, shared by every query.
struct Range {
  std::string sql;
  std::vector<std::int64_t> values;

  explicit Range(const StatsFilter& filter, const char* column) {
    if (filter.since) {
      sql += std::string(" AND ") + column + " >= ?";
      values.push_back(to_millis(*filter.since));
    }
    if (filter.until) {
      sql += std::string(" AND ") + column + " < ?";
      values.push_back(to_millis(*filter.until));
    }
  }
  void bind(SQLite::Statement& query) const {
    int index = 1;
    for (auto value : values) query.bind(index++, value);
  }
};

Distribution distribution(std::vector<std::int64_t> sorted) {
  Distribution d;
  d.count = static_cast<std::int64_t>(sorted.size());
  d.median = nearest_rank(sorted, 0.5);
  d.p90 = nearest_rank(sorted, 0.9);
  return d;
}

nlohmann::json optional_json(const std::optional<std::int64_t>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json optional_json(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json to_json(const Distribution& d) {
  return {{"count", d.count}, {"median", optional_json(d.median)}, {"p90", optional_json(d.p90)}};
}

}  // namespace

std::optional<std::int64_t> nearest_rank(const std::vector<std::int64_t>& sorted, double p) {
  if (sorted.empty()) return std::nullopt;
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

std::int64_t Stats::under_triage() const {
  const auto found = verdicts.find("under_triage");
  return found == verdicts.end() ? 0 : found->second;
}

std::optional<double> Stats::completion_rate() const {
  if (conversations == 0) return std::nullopt;
  return static_cast<double>(completed) / static_cast<double>(conversations);
}

std::optional<double> Stats::agreement_rate() const {
  if (verdict_total == 0) return std::nullopt;
  const auto found = verdicts.find("agree");
  return static_cast<double>(found == verdicts.end() ? 0 : found->second) /
         static_cast<double>(verdict_total);
}

nlohmann::json to_json(const Stats& stats) {
  nlohmann::json periods = nlohmann::json::array();
  for (const auto& p : stats.periods) {
    periods.push_back({{"start", p.start},
                       {"conversations", p.conversations},
                       {"completed", p.completed},
                       {"emergencies", p.emergencies}});
  }
  // nlohmann::json keeps keys sorted; "under_triage" is named first by the pages and
  // the terminal table, which choose their own order.
  return {{"under_triage", stats.under_triage()},
          {"conversations", stats.conversations},
          {"completed", stats.completed},
          {"completion_rate", optional_json(stats.completion_rate())},
          {"platforms", stats.platforms},
          {"triage", stats.triage},
          {"red_flags", stats.red_flags},
          {"questions_to_assessment", to_json(stats.questions_to_assessment)},
          {"emergency_after_ms", to_json(stats.emergency_after_ms)},
          {"verdicts", stats.verdicts},
          {"verdict_total", stats.verdict_total},
          {"agreement_rate", optional_json(stats.agreement_rate())},
          {"periods", periods}};
}

Result<Stats> Readers::stats(const StatsFilter& filter) {
  return guarded("stats", [&]() -> Result<Stats> {
    Lease lease(*this);
    // One read transaction: every figure counts the same snapshot.
    SQLite::Transaction snapshot(lease->db(), SQLite::TransactionBehavior::DEFERRED);
    Stats stats;
    for (const char* kind : kVerdictKinds) stats.verdicts[kind] = 0;

    // Everything per conversation in one pass over the covering index conversations_stats.
    const Range range(filter, "started_at");
    SQLite::Statement grouped(
        lease->db(),
        // INDEXED BY: left to itself the planner groups through conversations_by_user
        // and reads every row (each holds a whole session), five times slower.
        "SELECT platform, triage, status, questions_to_assessment, " +
            period_expression(filter.by) +
            ", COUNT(*) FROM conversations INDEXED BY conversations_stats WHERE 1 = 1" + range.sql +
            " GROUP BY 1, 2, 3, 4, 5");
    range.bind(grouped);
    std::vector<std::int64_t> questions;
    std::map<std::int64_t, StatsPeriod> periods;
    while (grouped.executeStep()) {
      const std::string platform = grouped.getColumn(0).getString();
      const std::string triage =
          grouped.getColumn(1).isNull() ? "none" : grouped.getColumn(1).getString();
      const bool completed = grouped.getColumn(2).getString() == "completed";
      const std::int64_t n = grouped.getColumn(5).getInt64();
      stats.conversations += n;
      stats.platforms[platform] += n;
      stats.triage[triage] += n;
      if (completed) stats.completed += n;
      if (!grouped.getColumn(3).isNull()) {
        questions.insert(questions.end(), static_cast<std::size_t>(n),
                         grouped.getColumn(3).getInt64());
      }
      if (filter.by != StatsBucket::none) {
        auto& period = periods[grouped.getColumn(4).getInt64()];
        period.conversations += n;
        if (completed) period.completed += n;
        if (triage == "emergency") period.emergencies += n;
      }
    }
    std::sort(questions.begin(), questions.end());
    stats.questions_to_assessment = distribution(std::move(questions));
    for (auto& [number, period] : periods) {
      period.start = format_rfc3339(period_start_ms(filter.by, number)).substr(0, 10);
      stats.periods.push_back(std::move(period));
    }

    SQLite::Statement flags(
        lease->db(),
        "SELECT f.value, COUNT(*) FROM conversations c, json_each(c.red_flags) f"
        " WHERE c.has_red_flag = 1" +
            Range(filter, "c.started_at").sql + " GROUP BY f.value");
    range.bind(flags);
    while (flags.executeStep()) {
      stats.red_flags[flags.getColumn(0).getString()] = flags.getColumn(1).getInt64();
    }

    SQLite::Statement emergencies(lease->db(),
                                  "SELECT emergency_after_ms FROM conversations"
                                  " WHERE emergency_after_ms IS NOT NULL" +
                                      range.sql + " ORDER BY 1");
    range.bind(emergencies);
    std::vector<std::int64_t> waits;
    while (emergencies.executeStep()) waits.push_back(emergencies.getColumn(0).getInt64());
    stats.emergency_after_ms = distribution(std::move(waits));

    SQLite::Statement verdicts(lease->db(),
                               "SELECT v.verdict, COUNT(*) FROM verdicts v"
                               " JOIN conversations c ON c.id = v.conversation_id WHERE 1 = 1" +
                                   Range(filter, "c.started_at").sql + " GROUP BY v.verdict");
    range.bind(verdicts);
    while (verdicts.executeStep()) {
      const auto n = verdicts.getColumn(1).getInt64();
      stats.verdicts[verdicts.getColumn(0).getString()] = n;
      stats.verdict_total += n;
    }
    return stats;
  });
}

}  // namespace triagebot::storage
