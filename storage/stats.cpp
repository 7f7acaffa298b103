#include "storage/stats.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <utility>

#include "storage/guard.h"
#include "storage/reader_lease.h"

namespace triagebot::storage {
namespace {

constexpr std::int64_t kDayMs = 24 * 60 * 60 * 1000;
// 1970-01-01 was a Thursday: shifting by three days makes weeks start on Monday.
constexpr std::int64_t kMondayShiftDays = 3;

const char* const kVerdictKinds[] = {"agree", "over_triage", "under_triage", "wrong_causes",
                                     "other"};

// The first day of period n.
std::int64_t period_of(StatsBucket by, std::int64_t day) {
  return by == StatsBucket::week ? (day + kMondayShiftDays) / 7 : day;
}

// A range split where the rollup can serve it: whole days [first, second) of the range,
// and the millisecond ranges of partial days at its ends.
struct DaySplit {
  std::optional<std::pair<std::int64_t, std::int64_t>> whole_days;
  std::vector<std::pair<std::int64_t, std::int64_t>> partial;

  explicit DaySplit(const StatsFilter& filter) {
    // Nothing starts before the epoch; a range reaching back further starts there.
    const std::int64_t from =
        filter.since ? std::max<std::int64_t>(to_millis(*filter.since), 0) : 0;
    const std::int64_t to = filter.until ? to_millis(*filter.until) : kOpenEnd;
    if (to <= from) return;
    const std::int64_t first_day = (from + kDayMs - 1) / kDayMs;
    const std::int64_t end_day = to == kOpenEnd ? kOpenEnd / kDayMs : to / kDayMs;
    if (first_day >= end_day) {
      partial.emplace_back(from, to);
      return;
    }
    whole_days.emplace(first_day, end_day);
    if (from < first_day * kDayMs) partial.emplace_back(from, first_day * kDayMs);
    if (to != kOpenEnd && end_day * kDayMs < to) partial.emplace_back(end_day * kDayMs, to);
  }

  static constexpr std::int64_t kOpenEnd = std::numeric_limits<std::int64_t>::max();
};

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

// From a histogram (value -> how many), as nearest_rank would over the values.
Distribution distribution(const std::map<std::int64_t, std::int64_t>& counts) {
  Distribution d;
  for (const auto& [value, n] : counts) d.count += n;
  auto at_rank = [&](double p) -> std::optional<std::int64_t> {
    if (d.count == 0) return std::nullopt;
    auto rank = static_cast<std::int64_t>(std::ceil(p * static_cast<double>(d.count)));
    rank = std::clamp<std::int64_t>(rank, 1, d.count);
    for (const auto& [value, n] : counts) {
      if (rank <= n) return value;
      rank -= n;
    }
    return counts.rbegin()->first;
  };
  d.median = at_rank(0.5);
  d.p90 = at_rank(0.9);
  return d;
}

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

    // Per-conversation figures: whole days of the range from the rollup the triggers
    // keep (conversation_counts), the partial first and last days from the covering
    // index conversations_stats.
    std::map<std::int64_t, std::int64_t> questions;  // value -> conversations
    std::map<std::int64_t, StatsPeriod> periods;
    auto add = [&](const std::string& platform, const std::string& triage, bool completed,
                   std::optional<std::int64_t> asked, std::int64_t day, std::int64_t n) {
      if (n <= 0) return;
      stats.conversations += n;
      stats.platforms[platform] += n;
      stats.triage[triage] += n;
      if (completed) stats.completed += n;
      if (asked) questions[*asked] += n;
      if (filter.by != StatsBucket::none) {
        auto& period = periods[period_of(filter.by, day)];
        period.conversations += n;
        if (completed) period.completed += n;
        if (triage == "emergency") period.emergencies += n;
      }
    };
    const DaySplit split(filter);
    if (split.whole_days) {
      SQLite::Statement rollup(lease->db(),
                               "SELECT day, platform, triage, status, questions, n"
                               " FROM conversation_counts WHERE day >= ? AND day < ? AND n > 0");
      rollup.bind(1, split.whole_days->first);
      rollup.bind(2, split.whole_days->second);
      while (rollup.executeStep()) {
        const std::string triage = rollup.getColumn(2).getString();
        const auto asked = rollup.getColumn(4).getInt64();
        add(rollup.getColumn(1).getString(), triage.empty() ? "none" : triage,
            rollup.getColumn(3).getString() == "completed",
            asked < 0 ? std::nullopt : std::optional<std::int64_t>(asked),
            rollup.getColumn(0).getInt64(), rollup.getColumn(5).getInt64());
      }
    }
    for (const auto& [from, to] : split.partial) {
      // INDEXED BY: left to itself the planner has grouped through another index
      // (conversations_by_user) and read every row, each of which holds a whole session.
      // This one is covering, and keyed by started_at first (migration 14): a range of it.
      SQLite::Statement grouped(
          lease->db(), "SELECT platform, triage, status, questions_to_assessment, started_at / " +
                           std::to_string(kDayMs) +
                           ", COUNT(*) FROM conversations INDEXED BY conversations_stats"
                           " WHERE started_at >= ? AND started_at < ? GROUP BY 1, 2, 3, 4, 5");
      grouped.bind(1, from);
      grouped.bind(2, to);
      while (grouped.executeStep()) {
        add(grouped.getColumn(0).getString(),
            grouped.getColumn(1).isNull() ? "none" : grouped.getColumn(1).getString(),
            grouped.getColumn(2).getString() == "completed",
            grouped.getColumn(3).isNull()
                ? std::nullopt
                : std::optional<std::int64_t>(grouped.getColumn(3).getInt64()),
            grouped.getColumn(4).getInt64(), grouped.getColumn(5).getInt64());
      }
    }
    stats.questions_to_assessment = distribution(questions);
    for (auto& [number, period] : periods) {
      period.start = format_rfc3339(period_start_ms(filter.by, number)).substr(0, 10);
      stats.periods.push_back(std::move(period));
    }

    const Range range(filter, "started_at");
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
