// Review statistics at scale: 100,000 synthetic conversations (each row with a session
// of realistic size, which is what makes reading rows instead of the covering index
// slow) must answer in under a second. Kept out of the default run — filling the file
// takes longer than the rest of the suite — and run with TRIAGEBOT_STATS_SCALE=1
// (its figure is in bench/reports/2026-12-03-stats.md).
#include <chrono>
#include <cstdlib>

#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace stats_scale_test {
namespace {

using testing::open_store;

TEST(StorageStatsScale, HundredThousandConversationsAnswerInUnderASecond) {
  const char* wanted = std::getenv("TRIAGEBOT_STATS_SCALE");
  if (!wanted || std::string(wanted) != "1") GTEST_SKIP() << "set TRIAGEBOT_STATS_SCALE=1";
  triagebot::testing::TempDir dir;
  const auto path = dir / "scale.db";
  constexpr int kConversations = 100000;
  {
    auto store = open_store(path);
    store->close();
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    SQLite::Transaction tx(db);
    SQLite::Statement insert(
        db,
        "INSERT INTO conversations (platform, conversation_key, user_key, status, started_at,"
        " updated_at, triage, red_flags, has_red_flag, top_causes, session,"
        " questions_to_assessment, emergency_after_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?)");
    const std::string session(1500, 'x');
    const char* platforms[] = {"telegram", "widget", "slack"};
    const char* levels[] = {"emergency", "urgent", "routine", "self_care"};
    const std::int64_t start = 1772323200000;  // 2026-03-01
    for (int i = 0; i < kConversations; ++i) {
      const bool assessed = i % 10 != 0;
      const bool emergency = assessed && i % 17 == 0;
      insert.bind(1, platforms[i % 3]);
      insert.bind(2, testing::numbered("c", i));
      insert.bind(3, testing::numbered("u", i));
      insert.bind(4, assessed ? "completed" : "active");
      insert.bind(5, start + static_cast<std::int64_t>(i) * 60000);
      insert.bind(6, start + static_cast<std::int64_t>(i) * 60000 + 300000);
      if (assessed) {
        insert.bind(7, emergency ? "emergency" : levels[1 + i % 3]);
      } else {
        insert.bind(7);
      }
      insert.bind(8, emergency ? "[\"stroke_signs\"]" : "[]");
      insert.bind(9, emergency ? 1 : 0);
      insert.bind(10, "[\"lumbar_radiculopathy\"]");
      insert.bind(11, session);
      if (assessed) {
        insert.bind(12, i % 12);
      } else {
        insert.bind(12);
      }
      if (emergency) {
        insert.bind(13, static_cast<std::int64_t>(i % 5000));
      } else {
        insert.bind(13);
      }
      insert.exec();
      insert.reset();
    }
    db.exec(
        "INSERT INTO verdicts (conversation_id, verdict, note, reviewer, at)"
        " SELECT id, CASE id % 3 WHEN 0 THEN 'agree' WHEN 1 THEN 'under_triage' ELSE 'over_triage'"
        " END, '', 'bench', 0 FROM conversations WHERE id % 50 = 0");
    tx.commit();
  }
  auto store = open_store(path);
  StatsFilter all;
  all.by = StatsBucket::week;
  const auto began = std::chrono::steady_clock::now();
  auto stats = store->readers().stats(all);
  const auto took = std::chrono::steady_clock::now() - began;
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->conversations, kConversations);
  EXPECT_EQ(stats->verdict_total, kConversations / 50);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(took).count();
  std::printf("stats over %d conversations: %lld ms\n", kConversations,
              static_cast<long long>(millis));
  EXPECT_LT(took, std::chrono::seconds(1));
}

}  // namespace
}  // namespace stats_scale_test
}  // namespace triagebot::storage
