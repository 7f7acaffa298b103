// Each conversation lists its messages (schema.cpp migration 16): the list replaces the
// index of the messages by conversation and the foreign key's cascade, so transcripts,
// message counts, the writer's assessment figures and forget/purge's deletion of every
// message now depend on it. These tests hold the list to the rows, through a migration
// from the schema before and through the writer, including items that fail.
#include <gtest/gtest.h>

#include "dialogs/session.h"
#include "storage/schema.h"
#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace message_ids_test {
namespace {

using testing::at_ms;
using testing::forget;
using testing::open_store;
using testing::query_int;
using testing::query_text;
using triagebot::testing::TempDir;

// Messages of a conversation that its list does not name: ones a transcript would not
// show and a deletion would leave behind.
constexpr const char* kUnlisted =
    "SELECT COUNT(*) FROM messages m WHERE NOT EXISTS"
    " (SELECT 1 FROM conversations c, json_each(c.message_ids) j"
    "  WHERE c.id = m.conversation_id AND j.value = m.id)";

// Listed ids that name no message of the conversation.
constexpr const char* kDangling =
    "SELECT COUNT(*) FROM conversations c, json_each(c.message_ids) j WHERE NOT EXISTS"
    " (SELECT 1 FROM messages m WHERE m.id = j.value AND m.conversation_id = c.id)";

MessageRecord message(Direction direction, std::string text, std::int64_t ms) {
  MessageRecord m;
  m.direction = direction;
  m.text = std::move(text);
  m.at = at_ms(ms);
  return m;
}

std::vector<std::string> transcript(Store& store, std::int64_t conversation_id) {
  auto messages = store.readers().messages(conversation_id);
  EXPECT_TRUE(messages);
  std::vector<std::string> texts;
  if (messages) {
    for (const auto& m : *messages) texts.push_back(m.text);
  }
  return texts;
}

// A database made by schema 15 (the release before this migration) with two
// conversations' interleaved messages and one without any, opened by the current store:
// the lists, the transcripts and the counts are what the index gave, and forget and purge
// leave no message behind.
TEST(StorageMessageIds, MigrationListsTheExistingMessagesAndDropsTheIndexAndForeignKey) {
  TempDir dir;
  const auto path = dir / "t.db";
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    ASSERT_TRUE(migrate(db, 15));
    db.exec(R"sql(
INSERT INTO conversations (id, platform, conversation_key, user_key, started_at, updated_at, session)
VALUES (7, 'telegram', 'alice', 'alice', 1000, 1000, '{}'),
       (8, 'telegram', 'bob', 'bob', 1000, 1000, '{}'),
       (9, 'telegram', 'carol', 'carol', 1000, 1000, '{}');
INSERT INTO messages (id, conversation_id, direction, text, at)
VALUES (1, 7, 'user', 'alice 1', 1000), (2, 7, 'bot', 'alice 2', 1001),
       (3, 8, 'user', 'bob 1', 1002), (4, 7, 'user', 'alice 3', 1003),
       (5, 8, 'bot', 'bob 2', 1004), (6, 7, 'bot', 'alice 4', 1005);
)sql");
  }
  {
    auto store = open_store(path);
    ASSERT_TRUE(store);
    EXPECT_EQ(transcript(*store, 7),
              (std::vector<std::string>{"alice 1", "alice 2", "alice 3", "alice 4"}));
    EXPECT_EQ(transcript(*store, 8), (std::vector<std::string>{"bob 1", "bob 2"}));
    EXPECT_TRUE(transcript(*store, 9).empty());
    auto detail = store->readers().get_conversation(7);
    ASSERT_TRUE(detail);
    EXPECT_EQ(detail->summary.message_count, 4);
    EXPECT_EQ(detail->messages.size(), 4u);
    store->close();
  }
  EXPECT_EQ(query_text(path, "SELECT message_ids FROM conversations WHERE id = 7"), "[1,2,4,6]");
  EXPECT_EQ(query_text(path, "SELECT message_ids FROM conversations WHERE id = 8"), "[3,5]");
  EXPECT_EQ(query_text(path, "SELECT message_ids FROM conversations WHERE id = 9"), "[]");
  EXPECT_EQ(query_int(path, kUnlisted), 0);
  EXPECT_EQ(query_int(path,
                      "SELECT COUNT(*) FROM sqlite_master WHERE name ="
                      " 'messages_by_conversation'"),
            0);
  EXPECT_EQ(query_int(path, "SELECT COUNT(*) FROM pragma_foreign_key_list('messages')"), 0);
  EXPECT_EQ(query_int(path, "SELECT COUNT(*) FROM pragma_foreign_key_list('verdicts')"), 1);
  EXPECT_EQ(query_text(path, "PRAGMA integrity_check"), "ok");

  auto store = open_store(path);
  ASSERT_TRUE(store);
  const ForgetCounts counts = forget(*store, "telegram", "alice");
  EXPECT_EQ(counts.conversations, 1);
  EXPECT_EQ(counts.messages, 4);
  PurgeCounts purged;
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto done = tx.purge_older_than(at_ms(2000));
    if (!done) return done.error();
    purged = *done;
    return {};
  }));
  EXPECT_EQ(purged.conversations, 2);
  EXPECT_EQ(purged.messages, 2);
  store->close();
  EXPECT_EQ(query_int(path, "SELECT COUNT(*) FROM messages"), 0);
}

// Through the writer: a turn's messages are listed by the session's UPDATE, a first
// turn's by a statement of their own, messages appended without a save by the end of the
// item, and the assessment's figures count the listed ones (this item's included).
TEST(StorageMessageIds, TheWriterListsEveryMessageItAppends) {
  TempDir dir;
  const auto path = dir / "t.db";
  auto store = open_store(path);
  ASSERT_TRUE(store);
  std::int64_t alice = 0;
  std::int64_t bob = 0;
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto a = tx.load_or_create_conversation("telegram", "alice", "alice", at_ms(1000));
    if (!a) return a.error();
    alice = a->id;
    auto b = tx.load_or_create_conversation("telegram", "bob", "bob", at_ms(1000));
    if (!b) return b.error();
    bob = b->id;
    // Interleaved, no save: the end of the item lists them.
    for (int i = 0; i < 3; ++i) {
      if (auto m = tx.append_message(
              alice, message(Direction::user, "alice " + std::to_string(i), 1000 + i));
          !m) {
        return m.error();
      }
      if (auto m = tx.append_messages(
              bob, std::vector<MessageRecord>{message(Direction::user, "bob q", 1000),
                                              message(Direction::bot, "bob a", 1000)});
          !m) {
        return m.error();
      }
    }
    return {};
  }));
  EXPECT_EQ(query_int(path, kUnlisted), 0);
  EXPECT_EQ(query_text(path,
                       "SELECT message_ids FROM conversations WHERE conversation_key ="
                       " 'alice'"),
            "[1,4,7]");
  EXPECT_EQ(transcript(*store, bob),
            (std::vector<std::string>{"bob q", "bob a", "bob q", "bob a", "bob q", "bob a"}));

  // A turn with a save: the session's UPDATE lists them; the figures see this item's.
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto a = tx.load_or_create_conversation("telegram", "alice", "alice", at_ms(2000));
    if (!a) return a.error();
    if (auto m = tx.append_messages(
            alice, std::vector<MessageRecord>{message(Direction::user, "alice 3", 2000),
                                              message(Direction::bot, "reply", 2000)});
        !m) {
      return m.error();
    }
    auto counted = tx.user_message_count(alice);
    if (!counted) return counted.error();
    EXPECT_EQ(*counted, 4);
    auto first = tx.first_user_message_at(alice);
    if (!first) return first.error();
    EXPECT_EQ(*first, at_ms(1000));
    if (auto m = tx.append_message(alice, message(Direction::bot, "more", 2000)); !m) {
      return m.error();
    }
    SummaryUpdate summary;
    return tx.save_session(alice, *a->session, at_ms(2000), summary);
  }));
  EXPECT_EQ(transcript(*store, alice), (std::vector<std::string>{"alice 0", "alice 1", "alice 2",
                                                                 "alice 3", "reply", "more"}));
  EXPECT_EQ(query_int(path, kUnlisted), 0);
  EXPECT_EQ(query_int(path, kDangling), 0);

  // A failed item lists nothing and leaves nothing: its rows and its list roll back.
  auto failed = store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    if (auto m = tx.append_message(alice, message(Direction::user, "lost", 3000)); !m) {
      return m.error();
    }
    return make_error(ErrorCode::internal, "the item fails after appending");
  });
  EXPECT_FALSE(failed);
  EXPECT_EQ(transcript(*store, alice).size(), 6u);

  const ForgetCounts counts = forget(*store, "telegram", "alice");
  EXPECT_EQ(counts.messages, 6);
  store->close();
  EXPECT_EQ(query_int(path, "SELECT COUNT(*) FROM messages WHERE text LIKE 'alice%'"), 0);
  EXPECT_EQ(query_int(path, "SELECT COUNT(*) FROM messages"), 6);  // bob's
  EXPECT_EQ(query_int(path, kDangling), 0);
}

// A first turn's row lists the ids its messages will take (LoadHint::first_message_count),
// so their listing costs no statement; the writer corrects the list whenever the ids it
// got differ (another conversation's messages came first, a different count) and empties
// it when the turn appended nothing.
TEST(StorageMessageIds, AFirstTurnsPredictedListIsCheckedAndCorrected) {
  TempDir dir;
  const auto path = dir / "t.db";
  auto store = open_store(path);
  ASSERT_TRUE(store);
  const std::string session_json = dialogs::session_to_text(*fresh_session());
  auto first_turn = [&](WriteTransaction& tx, const char* key,
                        std::size_t predicted) -> Result<std::int64_t> {
    LoadHint hint;
    hint.first_session_json = session_json;
    hint.first_message_count = predicted;
    auto created = tx.load_or_create_conversation("telegram", key, key, at_ms(1000), hint);
    if (!created) return created.error();
    EXPECT_TRUE(created->created) << key;
    return created->id;
  };
  auto two = [](const char* text) {
    return std::vector<MessageRecord>{message(Direction::user, text, 1000),
                                      message(Direction::bot, text, 1000)};
  };
  std::uint64_t statements = 0;
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    // Held: the row's list is right without a statement of its own.
    auto held = first_turn(tx, "held", 2);
    if (!held) return held.error();
    if (auto m = tx.append_messages(*held, two("held")); !m) return m.error();
    // Another conversation's messages come between the row and its own.
    auto overtaken = first_turn(tx, "overtaken", 2);
    if (!overtaken) return overtaken.error();
    auto other = first_turn(tx, "other", 2);
    if (!other) return other.error();
    if (auto m = tx.append_messages(*other, two("other")); !m) return m.error();
    if (auto m = tx.append_messages(*overtaken, two("overtaken")); !m) return m.error();
    // A different count.
    auto fewer = first_turn(tx, "fewer", 3);
    if (!fewer) return fewer.error();
    if (auto m = tx.append_messages(*fewer, two("fewer")); !m) return m.error();
    // Nothing appended.
    auto silent = first_turn(tx, "silent", 2);
    if (!silent) return silent.error();
    return {};
  }));
  statements = store->writer().stats().statements;
  EXPECT_EQ(query_int(path, kUnlisted), 0);
  EXPECT_EQ(query_int(path, kDangling), 0);
  EXPECT_EQ(query_text(path,
                       "SELECT message_ids FROM conversations WHERE conversation_key ="
                       " 'held'"),
            "[1,2]");
  EXPECT_EQ(query_text(path,
                       "SELECT message_ids FROM conversations WHERE conversation_key ="
                       " 'overtaken'"),
            "[5,6]");
  EXPECT_EQ(query_text(path,
                       "SELECT message_ids FROM conversations WHERE conversation_key ="
                       " 'other'"),
            "[3,4]");
  EXPECT_EQ(query_text(path,
                       "SELECT message_ids FROM conversations WHERE conversation_key ="
                       " 'fewer'"),
            "[7,8]");
  EXPECT_EQ(query_text(path,
                       "SELECT message_ids FROM conversations WHERE conversation_key ="
                       " 'silent'"),
            "[]");

  // A held prediction costs the two statements of the row and the messages, nothing more.
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto held = first_turn(tx, "held again", 2);
    if (!held) return held.error();
    return tx.append_messages(*held, two("again"));
  }));
  // BEGIN, the INSERT of the row, the messages' INSERT, COMMIT.
  EXPECT_EQ(store->writer().stats().statements - statements, 4u);
  store->close();
  EXPECT_EQ(query_int(path, kDangling), 0);
  EXPECT_EQ(query_int(path, kUnlisted), 0);
}

}  // namespace
}  // namespace message_ids_test
}  // namespace triagebot::storage
