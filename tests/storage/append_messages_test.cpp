// WriteTransaction::append_messages: a turn's messages in one multi-row INSERT must
// leave exactly the rows append_message leaves one at a time (the review, logs, search,
// replay and retention read them), with ids rising in the turn's order.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>
#include <vector>

#include "tests/storage/store_fixture.h"

namespace triagebot::storage::testing::append_messages_test {
namespace {

using triagebot::testing::TempDir;

// `n` messages as a turn gives them: the person's first, then replies with choices, the
// last with an assessment; NULLs where a turn has none.
std::vector<MessageRecord> turn_of(std::size_t n) {
  std::vector<MessageRecord> messages;
  for (std::size_t i = 0; i < n; ++i) {
    MessageRecord message;
    message.direction = i == 0 ? Direction::user : Direction::bot;
    message.text = numbered("text ", static_cast<std::int64_t>(i));
    message.at = at_ms(1000 + static_cast<std::int64_t>(i));
    if (i == 0) message.platform_message_id = "u1";
    if (i % 2 == 1) {
      message.choices = nlohmann::json::array({{{"id", "yes"}, {"label", "Yes"}}});
    }
    if (i + 1 == n && i > 0) message.assessment = nlohmann::json{{"triage", "routine"}};
    messages.push_back(std::move(message));
  }
  return messages;
}

// Every column but the ids, in id order, for one conversation.
std::vector<std::string> rows_of(const std::filesystem::path& db, const std::string& key) {
  SQLite::Database read(db.string(), SQLite::OPEN_READONLY);
  SQLite::Statement query(
      read,
      "SELECT m.direction, m.text, quote(m.choices), quote(m.assessment), m.at,"
      " quote(m.platform_message_id) FROM messages m JOIN conversations c"
      " ON c.id = m.conversation_id WHERE c.conversation_key = ? ORDER BY m.id");
  query.bind(1, key);
  std::vector<std::string> rows;
  while (query.executeStep()) {
    std::string row;
    for (int column = 0; column < 6; ++column) row += query.getColumn(column).getString() + "|";
    rows.push_back(std::move(row));
  }
  return rows;
}

TEST(AppendMessages, LeavesTheRowsOneInsertPerMessageWouldInTheTurnsOrder) {
  // Up to and past kMessagesPerInsert, which splits a long turn into several INSERTs.
  for (std::size_t n :
       {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{4},
        WriteTransaction::kMessagesPerInsert, 2 * WriteTransaction::kMessagesPerInsert + 1}) {
    SCOPED_TRACE(n);
    TempDir dir;
    const auto db = dir / "t.db";
    auto store = open_store(db);
    const auto messages = turn_of(n);
    ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
      auto one = tx.load_or_create_conversation("telegram", "one", "u", at_ms(1));
      if (!one) return one.error();
      for (const auto& message : messages) {
        if (auto appended = tx.append_message(one->id, message); !appended) {
          return appended.error();
        }
      }
      auto many = tx.load_or_create_conversation("telegram", "many", "u", at_ms(1));
      if (!many) return many.error();
      return tx.append_messages(many->id, messages);
    }));
    store->close();
    const auto expected = rows_of(db, "one");
    ASSERT_EQ(expected.size(), n);
    EXPECT_EQ(rows_of(db, "many"), expected);
    if (n > 0) {
      // In order, and contiguous: the ids follow the turn as the text says.
      EXPECT_EQ(query_int(db,
                          "SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id ="
                          " m.conversation_id WHERE c.conversation_key = 'many' AND m.text ="
                          " 'text ' || (m.id - (SELECT MIN(id) FROM messages WHERE"
                          " conversation_id = c.id))"),
                static_cast<std::int64_t>(n));
    }
  }
}

// A turn of a conversation that does not exist stores none of its messages: no row can
// list them (migration 16), so the item fails "not_found" and is rolled back.
TEST(AppendMessages, AFailedTurnStoresNoneOfItsMessages) {
  TempDir dir;
  const auto db = dir / "t.db";
  auto store = open_store(db);
  auto failed = store->writer().run(
      [&](WriteTransaction& tx) -> Result<void> { return tx.append_messages(987654, turn_of(3)); });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::not_found);
  store->close();
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM messages"), 0);
}

}  // namespace
}  // namespace triagebot::storage::testing::append_messages_test
