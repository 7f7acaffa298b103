// The statistics' rollup (conversation_counts, kept by triggers) must always agree with
// the conversations it counts — through inserts, status and triage changes, the first
// assessment's figures, forget and purge — and a range with partial days must count
// exactly the conversations started inside it.
#include "storage/stats.h"
#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace stats_rollup_test {
namespace {

using testing::at_ms;
using testing::open_store;
using triagebot::testing::TempDir;

constexpr std::int64_t kDay = 86400000;
constexpr std::int64_t kMarch2 = 1772409600000;  // 2026-03-02T00:00:00Z, a Monday

std::int64_t write(Store& store, const std::string& key, std::int64_t started,
                   std::optional<dialogs::Triage> triage, std::optional<std::int64_t> asked) {
  std::int64_t id = 0;
  auto done = store.writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto c = tx.load_or_create_conversation("widget", key, "user-" + key, at_ms(started));
    if (!c) return c.error();
    id = c->id;
    SummaryUpdate summary;
    summary.triage = triage;
    summary.status = triage ? ConversationStatus::completed : ConversationStatus::active;
    if (auto r = tx.save_session(c->id, c->session, at_ms(started + 1000), summary); !r) {
      return r.error();
    }
    if (!asked) return {};
    return tx.record_assessment_figures(c->id, asked, std::nullopt);
  });
  EXPECT_TRUE(done) << done.error().message;
  return id;
}

// The rollup, summed per key, against the same grouping of the rows themselves.
void expect_rollup_matches(const std::filesystem::path& path) {
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  SQLite::Statement differences(db, R"sql(
    WITH actual AS (
      SELECT started_at / 86400000 AS day, platform, COALESCE(triage, '') AS triage, status,
             COALESCE(questions_to_assessment, -1) AS questions, COUNT(*) AS n
      FROM conversations GROUP BY 1, 2, 3, 4, 5),
    kept AS (SELECT day, platform, triage, status, questions, n FROM conversation_counts
             WHERE n != 0)
    SELECT COUNT(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM kept
                          UNION ALL SELECT * FROM kept EXCEPT SELECT * FROM actual))sql");
  differences.executeStep();
  EXPECT_EQ(differences.getColumn(0).getInt64(), 0);
}

TEST(StorageStatsRollup, StaysEqualToTheRowsThroughEveryChange) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  write(*store, "a", kMarch2 + 1000, std::nullopt, std::nullopt);
  write(*store, "b", kMarch2 + 2000, dialogs::Triage::routine, 3);
  write(*store, "c", kMarch2 + kDay, dialogs::Triage::emergency, 0);
  // "a" is assessed later: its row moves to another key of the rollup.
  write(*store, "a", kMarch2 + 1000, dialogs::Triage::urgent, 5);
  store->close();
  expect_rollup_matches(dir / "t.db");

  store = open_store(dir / "t.db");
  ASSERT_TRUE(store->writer().run([](WriteTransaction& tx) -> Result<void> {
    auto forgotten = tx.forget_user("widget", "user-b");
    if (!forgotten) return forgotten.error();
    auto purged = tx.purge_older_than(at_ms(kMarch2 + kDay));
    return purged ? Result<void>() : Result<void>(purged.error());
  }));
  auto stats = store->readers().stats({});
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->conversations, 1);
  EXPECT_EQ(stats->triage, (std::map<std::string, std::int64_t>{{"emergency", 1}}));
  store->close();
  expect_rollup_matches(dir / "t.db");
}

TEST(StorageStatsRollup, RangesWithPartialDaysCountExactlyWhatStartedInside) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  // Day 0 at 01:00 and 20:00, day 1 at 12:00, day 2 at 06:00 and 23:00, day 8 at 00:00.
  const std::vector<std::int64_t> starts = {kMarch2 + 3600000,
                                            kMarch2 + 72000000,
                                            kMarch2 + kDay + 43200000,
                                            kMarch2 + 2 * kDay + 21600000,
                                            kMarch2 + 2 * kDay + 82800000,
                                            kMarch2 + 8 * kDay};
  for (std::size_t i = 0; i < starts.size(); ++i) {
    write(*store, testing::numbered("k", static_cast<std::int64_t>(i)), starts[i],
          dialogs::Triage::routine, static_cast<std::int64_t>(i));
  }
  auto count = [&](std::int64_t since, std::int64_t until) {
    StatsFilter filter;
    filter.since = at_ms(since);
    filter.until = at_ms(until);
    auto stats = store->readers().stats(filter);
    EXPECT_TRUE(stats);
    return stats ? stats->conversations : -1;
  };
  auto expected = [&](std::int64_t since, std::int64_t until) {
    std::int64_t n = 0;
    for (auto at : starts) n += at >= since && at < until;
    return n;
  };
  const std::vector<std::pair<std::int64_t, std::int64_t>> ranges = {
      {kMarch2 + 7200000, kMarch2 + 2 * kDay + 43200000},  // partial, whole, partial
      {kMarch2, kMarch2 + 3 * kDay},                       // whole days only
      {kMarch2 + 3600000, kMarch2 + 3600001},              // inside one day
      {kMarch2 + 3600001, kMarch2 + 72000000},             // both ends in day 0, none inside
      {kMarch2 + kDay, kMarch2 + 8 * kDay + 1},            // ends just after midnight
  };
  for (const auto& [since, until] : ranges) {
    EXPECT_EQ(count(since, until), expected(since, until)) << since << " " << until;
  }
  StatsFilter weekly;
  weekly.by = StatsBucket::week;
  auto stats = store->readers().stats(weekly);
  ASSERT_TRUE(stats);
  ASSERT_EQ(stats->periods.size(), 2u);
  EXPECT_EQ(stats->periods[0].start, "2026-03-02");
  EXPECT_EQ(stats->periods[0].conversations, 5);
  EXPECT_EQ(stats->periods[1].start, "2026-03-09");
  EXPECT_EQ(stats->periods[1].conversations, 1);
  // Questions 0..5: nearest rank, the median is the 3rd (2), the 90th percentile the 6th.
  EXPECT_EQ(stats->questions_to_assessment.median, 2);
  EXPECT_EQ(stats->questions_to_assessment.p90, 5);
}

}  // namespace
}  // namespace stats_rollup_test
}  // namespace triagebot::storage
