// Migration 5 backfills the review statistics' columns from the messages of
// conversations written before it, so `logs stats` counts them too.
#include "storage/schema.h"
#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace stats_migration_test {
namespace {

using testing::open_store;
using testing::query_int;
using triagebot::testing::TempDir;

TEST(StorageStatsMigration, BackfillsQuestionsAndEmergencyTimingFromMessages) {
  TempDir dir;
  {
    SQLite::Database db((dir / "t.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    ASSERT_TRUE(migrate(db, 3));
    // 1: opening, two answers, then a routine assessment: 2 questions answered.
    // 2: an emergency 4.5 s after the first message, at the opening: 0 questions.
    // 3: never assessed: nothing to backfill.
    db.exec(R"sql(
INSERT INTO conversations (id, platform, conversation_key, user_key, started_at, updated_at,
  session, triage) VALUES
  (1, 'widget', 'a', 'u1', 1000, 9000, '{}', 'routine'),
  (2, 'widget', 'b', 'u2', 1000, 9000, '{}', 'emergency'),
  (3, 'widget', 'c', 'u3', 1000, 9000, '{}', NULL);
INSERT INTO messages (conversation_id, direction, text, assessment, at) VALUES
  (1, 'user', 'my foot is numb', NULL, 1000),
  (1, 'bot', 'One leg or both?', NULL, 1100),
  (1, 'user', 'one', NULL, 2000),
  (1, 'bot', 'For how long?', NULL, 2100),
  (1, 'user', 'weeks', NULL, 3000),
  (1, 'bot', 'Here is what I think.', '{"triage":"routine","causes":[],"red_flags":[]}', 3100),
  (1, 'user', 'thanks', NULL, 4000),
  (2, 'user', 'my face droops', NULL, 5000),
  (2, 'bot', 'Call 112 now.', '{"triage":"emergency","causes":[],"red_flags":["stroke_signs"]}', 9500),
  (3, 'user', 'hi', NULL, 6000);
)sql");
  }
  auto store = open_store(dir / "t.db");
  ASSERT_TRUE(store);
  store->close();
  const auto path = dir / "t.db";
  EXPECT_EQ(query_int(path, "SELECT questions_to_assessment FROM conversations WHERE id = 1"), 2);
  EXPECT_EQ(query_int(path, "SELECT questions_to_assessment FROM conversations WHERE id = 2"), 0);
  EXPECT_EQ(query_int(path, "SELECT emergency_after_ms FROM conversations WHERE id = 2"), 4500);
  EXPECT_EQ(query_int(path,
                      "SELECT COUNT(*) FROM conversations WHERE id IN (1, 3)"
                      " AND emergency_after_ms IS NOT NULL"),
            0);
  EXPECT_EQ(query_int(path,
                      "SELECT COUNT(*) FROM conversations WHERE id = 3"
                      " AND questions_to_assessment IS NULL"),
            1);
}

}  // namespace
}  // namespace stats_migration_test
}  // namespace triagebot::storage
