// A conversation whose stored session cannot be read (the file edited by hand, a disk
// error that kept the row's structure) is reported, with its id, and nothing of the turn
// that met it is written: the writer reads the text straight into a Session
// (dialogs::session_from_text), and an unreadable one must stop there.
#include <gtest/gtest.h>

#include <string>

#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace unreadable_session_test {
namespace {

using testing::at_ms;
using testing::open_store;
using testing::query_int;
using triagebot::testing::TempDir;

class UnreadableSession : public ::testing::TestWithParam<const char*> {
 protected:
  // A conversation with one message, then its session replaced behind the store's back.
  std::int64_t stored_with_session(const std::string& text) {
    std::int64_t id = 0;
    {
      auto store = open_store(path_);
      EXPECT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
        auto conversation = tx.load_or_create_conversation("telegram", "7", "7", at_ms(1));
        if (!conversation) return conversation.error();
        id = conversation->id;
        MessageRecord message;
        message.text = "numb foot";
        message.at = at_ms(1);
        return tx.append_messages(id, {message});
      }));
    }
    SQLite::Database db(path_.string(), SQLite::OPEN_READWRITE);
    SQLite::Statement update(db, "UPDATE conversations SET session = ? WHERE id = ?");
    update.bind(1, text);
    update.bind(2, id);
    EXPECT_EQ(update.exec(), 1);
    return id;
  }

  TempDir dir_;
  std::filesystem::path path_ = dir_ / "t.db";
};

TEST_P(UnreadableSession, IsReportedWithItsIdAndTheTurnWritesNothing) {
  const std::int64_t id = stored_with_session(GetParam());
  auto store = open_store(path_);  // a new store: nothing cached
  bool appended = false;
  auto result = store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("telegram", "7", "7", at_ms(2));
    if (!conversation) return conversation.error();
    MessageRecord message;
    message.text = "still numb";
    message.at = at_ms(2);
    appended = true;
    return tx.append_messages(conversation->id, {message});
  });
  ASSERT_FALSE(result);
  EXPECT_FALSE(appended);
  EXPECT_EQ(result.error().code, ErrorCode::corrupt_session);
  EXPECT_NE(result.error().message.find("conversation " + std::to_string(id)), std::string::npos)
      << result.error().message;
  EXPECT_EQ(query_int(path_, "SELECT COUNT(*) FROM messages"), 1);
}

INSTANTIATE_TEST_SUITE_P(Texts, UnreadableSession,
                         ::testing::Values("{not json", "", "[]", "{\"status\":\"lost\"}",
                                           "{\"schema_version\":99}"));

}  // namespace
}  // namespace unreadable_session_test
}  // namespace triagebot::storage
