// save_session writes the review columns only when a turn changes them, and learns the
// conversation's cache key from what the item loaded instead of reading the row back
// (issue 13). These pin that the shortcut never loses a change or a credential. Also the
// checkpointer, which copies the WAL back on its own thread.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <tuple>

#include "storage/checkpointer.h"
#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace session_save_test {
namespace {

using testing::at_ms;
using testing::open_store;
using testing::query_int;
using triagebot::testing::TempDir;
using triagebot::testing::wait_until;

std::string query_text(const std::filesystem::path& path, const std::string& sql) {
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  SQLite::Statement query(db, sql);
  if (!query.executeStep() || query.getColumn(0).isNull()) return "NULL";
  return query.getColumn(0).getString();
}

class SessionSave : public ::testing::Test {
 protected:
  // One turn: load, change the session, save with `summary`.
  void turn(TimePoint at, const SummaryUpdate& summary, std::string note) {
    ASSERT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
      auto conversation = tx.load_or_create_conversation("telegram", "42", "42", at);
      if (!conversation) return conversation.error();
      id_ = conversation->id;
      auto session = *conversation->session;
      session.engine_state.pending = note;
      return tx.save_session(conversation->id, session, at, summary);
    }));
  }
  std::string column(const std::string& name) {
    return query_text(path_,
                      "SELECT " + name + " FROM conversations WHERE id = " + std::to_string(id_));
  }

  TempDir dir_;
  std::filesystem::path path_ = dir_ / "t.db";
  std::unique_ptr<Store> store_ = open_store(path_);
  std::int64_t id_ = 0;
};

SummaryUpdate question_turn() {
  SummaryUpdate summary;
  summary.update_top_causes = false;  // as the pipeline saves a turn without a ranking
  return summary;
}

TEST_F(SessionSave, ATurnThatChangesNoReviewColumnStillSavesTheSessionAndTime) {
  turn(at_ms(1000), question_turn(), "first");
  turn(at_ms(2000), question_turn(), "second");
  EXPECT_NE(column("session").find("second"), std::string::npos);
  EXPECT_EQ(column("updated_at"), "2000");
  EXPECT_EQ(column("triage"), "NULL");
  EXPECT_EQ(column("red_flags"), "[]");
}

// A new conversation may be inserted with the session its first turn ends in, and then
// the save of that same session writes nothing more. Anything else must still be written.
TEST_F(SessionSave, ARowInsertedWithItsFirstSessionIsStillUpdatedByADifferentSave) {
  dialogs::Session first;
  first.engine_state.pending = "as stepped";
  const std::string first_json = dialogs::session_to_json(first).dump();
  dialogs::Session other = first;
  other.engine_state.pending = "stepped again";
  SummaryUpdate assessed = question_turn();
  assessed.triage = dialogs::Triage::urgent;
  // The same session and time: nothing left to write.
  ASSERT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation(
        "telegram", "1", "1", at_ms(1000),
        LoadHint{.first_session_json = first_json, .stored_json = {}, .stored_session = nullptr});
    if (!conversation || !conversation->created) return make_error(ErrorCode::internal, "no row");
    return tx.save_session(conversation->id, first, at_ms(1000), question_turn(), first_json);
  }));
  EXPECT_EQ(query_text(path_, "SELECT session FROM conversations WHERE conversation_key = '1'"),
            first_json);
  // Another session, a later time, or a review change: each is written.
  int key = 2;
  for (const auto& [stored, stored_at, stored_summary] :
       {std::tuple{other, 1000, question_turn()}, std::tuple{first, 1500, question_turn()},
        std::tuple{first, 1000, assessed}}) {
    // Copies, as a lambda may not capture a structured binding before C++20's P1091,
    // which Clang 14 (the sanitizer tree's compiler) does not have.
    const auto& session = stored;
    const int at = stored_at;
    const auto& summary = stored_summary;
    const std::string name = std::to_string(key++);
    ASSERT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
      auto conversation = tx.load_or_create_conversation(
          "telegram", name, name, at_ms(1000),
          LoadHint{.first_session_json = first_json, .stored_json = {}, .stored_session = nullptr});
      if (!conversation) return conversation.error();
      return tx.save_session(conversation->id, session, at_ms(at), summary);
    }));
    const std::string where = " FROM conversations WHERE conversation_key = '" + name + "'";
    EXPECT_EQ(query_text(path_, "SELECT session" + where),
              dialogs::session_to_json(session).dump());
    EXPECT_EQ(query_text(path_, "SELECT updated_at" + where), std::to_string(at));
    EXPECT_EQ(query_text(path_, "SELECT COALESCE(triage, 'none')" + where),
              summary.triage ? "urgent" : "none");
  }
}

TEST_F(SessionSave, EveryReviewColumnAChangeTouchesIsWrittenEvenAfterUnchangedTurns) {
  turn(at_ms(1000), question_turn(), "a");
  SummaryUpdate flagged = question_turn();
  flagged.red_flags = {"saddle_anesthesia"};
  flagged.triage = dialogs::Triage::emergency;
  turn(at_ms(2000), flagged, "b");
  EXPECT_EQ(column("red_flags"), R"(["saddle_anesthesia"])");
  EXPECT_EQ(column("has_red_flag"), "1");
  EXPECT_EQ(column("triage"), "emergency");
  turn(at_ms(3000), flagged, "c");  // the same again: nothing to rewrite, nothing lost
  EXPECT_EQ(column("triage"), "emergency");
  SummaryUpdate done = flagged;
  done.status = ConversationStatus::completed;
  turn(at_ms(4000), done, "d");  // status alone changes
  EXPECT_EQ(column("status"), "completed");
  SummaryUpdate ranked = done;
  ranked.update_top_causes = true;
  ranked.top_causes = {"cauda_equina"};
  turn(at_ms(5000), ranked, "e");
  EXPECT_EQ(column("top_causes"), R"(["cauda_equina"])");
  SummaryUpdate safety = done;
  safety.safety = {"self_harm"};
  turn(at_ms(6000), safety, "f");
  EXPECT_EQ(column("has_safety"), "1");
  turn(at_ms(7000), done, "g");  // a later unchanged turn keeps all of it
  EXPECT_EQ(column("top_causes"), R"(["cauda_equina"])");
  EXPECT_EQ(column("has_safety"), "1");
  EXPECT_EQ(column("triage"), "emergency");
  // The per-day counts follow the status and triage the conversation ends with.
  EXPECT_EQ(query_int(path_,
                      "SELECT SUM(n) FROM conversation_counts WHERE status = 'completed'"
                      " AND triage = 'emergency'"),
            1);
  EXPECT_EQ(query_int(path_, "SELECT SUM(n) FROM conversation_counts"), 1);
}

TEST_F(SessionSave, ACredentialSetBeforeTheSaveOfTheSameItemIsKeptByTheCache) {
  ASSERT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("widget", "s", "s", at_ms(1));
    if (!conversation) return conversation.error();
    if (auto set = tx.set_credential(conversation->id, "sha256:abc"); !set) return set;
    return tx.save_session(conversation->id, conversation->session, at_ms(1), question_turn());
  }));
  // Served from the cache the commit filled: the credential must be in it.
  ASSERT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("widget", "s", "s", at_ms(2));
    if (!conversation) return conversation.error();
    EXPECT_EQ(conversation->credential_hash, "sha256:abc");
    return {};
  }));
  // The stats are updated after the completions fire.
  EXPECT_TRUE(wait_until([&] { return store_->writer().stats().cache_hits > 0; }));
}

TEST_F(SessionSave, AConversationForgottenInTheItemIsNotSavedUnderItsOldKey) {
  std::int64_t old_id = 0;
  ASSERT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("telegram", "7", "7", at_ms(1));
    if (!conversation) return conversation.error();
    old_id = conversation->id;
    return {};
  }));
  ASSERT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto before = tx.load_or_create_conversation("telegram", "7", "7", at_ms(2));
    if (!before) return before.error();
    if (auto forgotten = tx.forget_user("telegram", "7"); !forgotten) return forgotten.error();
    auto stale = tx.save_session(old_id, before->session, at_ms(2), question_turn());
    EXPECT_FALSE(stale);
    if (!stale) {
      EXPECT_EQ(stale.error().code, ErrorCode::not_found);
    }
    auto fresh = tx.load_or_create_conversation("telegram", "8", "8", at_ms(2));
    if (!fresh) return fresh.error();
    return tx.save_session(fresh->id, fresh->session, at_ms(2), question_turn());
  }));
  EXPECT_EQ(query_int(path_, "SELECT COUNT(*) FROM conversations"), 1);
  EXPECT_EQ(query_text(path_, "SELECT conversation_key FROM conversations"), "8");
}

TEST(Checkpointer, CopiesTheLogBackOnceItPassesTheThreshold) {
  TempDir dir;
  const auto path = dir / "t.db";
  auto store = open_store(path);
  const auto main_file_before = std::filesystem::file_size(path);
  // Each item appends ~16 KiB of text (4+ pages), a batch 40+ pages: the batches pass
  // the threshold 1.6 times over.
  const std::string text(16 * 1024, 'x');
  const int batches = Checkpointer::kCheckpointPages / 25;
  for (int batch = 0; batch < batches; ++batch) {
    ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
      auto conversation = tx.load_or_create_conversation("telegram", "1", "1", at_ms(1));
      if (!conversation) return conversation.error();
      for (int i = 0; i < 10; ++i) {
        MessageRecord message;
        message.direction = Direction::bot;  // no text-index work
        message.text = text;
        message.at = at_ms(1);
        if (auto appended = tx.append_message(conversation->id, message); !appended) {
          return appended.error();
        }
      }
      return {};
    }));
  }
  EXPECT_GE(store->writer().stats().wal_pages_written,
            static_cast<std::uint64_t>(Checkpointer::kCheckpointPages));
  ASSERT_TRUE(wait_until([&] { return store->writer().stats().checkpoints > 0; }))
      << "no checkpoint after " << store->writer().stats().wal_pages_written << " WAL pages";
  // The pages reached the database file itself, not only the log.
  EXPECT_TRUE(
      wait_until([&] { return std::filesystem::file_size(path) > main_file_before + (1 << 20); }));
}

// When the checkpointer wakes (Checkpointer::due): once kCheckpointPages pages are new
// since the last checkpoint copied the log, so a page rewritten by many commits is copied once, and
// after every commit near the writer's bound, so the bound's wait finds little to copy.
TEST(Checkpointer, WakesForEachThresholdOfNewPagesAndAfterEveryCommitNearTheBound) {
  constexpr int kBound = 16384;
  constexpr int kThreshold = Checkpointer::kCheckpointPages;
  static_assert(3 * kThreshold < kBound - Checkpointer::kCatchUpPages);
  // A young log: nothing to do.
  EXPECT_FALSE(Checkpointer::due(kThreshold - 1, 0, kBound));
  EXPECT_TRUE(Checkpointer::due(kThreshold, 0, kBound));
  // Copied up to a threshold's worth: the next commits do not wake it until a threshold
  // of pages is new.
  EXPECT_FALSE(Checkpointer::due(kThreshold, kThreshold, kBound));
  EXPECT_FALSE(Checkpointer::due(2 * kThreshold - 1, kThreshold, kBound));
  EXPECT_TRUE(Checkpointer::due(2 * kThreshold, kThreshold, kBound));
  // The log restarted since the last checkpoint (it holds fewer pages than were copied):
  // all of it is new.
  EXPECT_FALSE(Checkpointer::due(kThreshold - 100, 3 * kThreshold, kBound));
  EXPECT_TRUE(Checkpointer::due(kThreshold + 200, 3 * kThreshold, kBound));
  // Near the bound, every commit.
  EXPECT_FALSE(Checkpointer::due(kBound - Checkpointer::kCatchUpPages - 1,
                                 kBound - Checkpointer::kCatchUpPages - 10, kBound));
  EXPECT_TRUE(Checkpointer::due(kBound - Checkpointer::kCatchUpPages,
                                kBound - Checkpointer::kCatchUpPages - 10, kBound));
  EXPECT_TRUE(Checkpointer::due(kBound + 5, kBound, kBound));
}

}  // namespace
}  // namespace session_save_test
}  // namespace triagebot::storage
