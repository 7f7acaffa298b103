#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace pipeline_test {
namespace {

using testing::append_item;
using testing::at_ms;
using testing::open_store;
using testing::query_int;
using testing::WriterGate;
using triagebot::testing::TempDir;
using triagebot::testing::wait_until;

TEST(StoragePipeline, ConcurrentSubmissionsOfOneEventIdRecordItOnce) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  constexpr int kThreads = 8;
  std::atomic<int> fresh{0};
  std::atomic<int> done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        auto submitted = store->writer().submit({[&](WriteTransaction& tx) -> Result<void> {
                                                   auto recorded = tx.record_event(
                                                       "telegram", "update-42", at_ms(1));
                                                   if (!recorded) return recorded.error();
                                                   if (*recorded) {
                                                     ++fresh;
                                                     return append_item("chat", "only once", 1)(tx);
                                                   }
                                                   return {};
                                                 },
                                                 [&](Result<void>) { ++done; }});
        EXPECT_TRUE(submitted);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_TRUE(wait_until([&] { return done.load() == kThreads * 10; }));
  EXPECT_EQ(fresh.load(), 1);
  store->close();
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM processed_events"), 1);
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM messages"), 1);
}

TEST(StoragePipeline, SameEventIdOnAnotherPlatformIsNew) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  std::vector<bool> fresh;
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    for (const char* platform : {"telegram", "slack", "telegram"}) {
      auto recorded = tx.record_event(platform, "7", at_ms(1));
      if (!recorded) return recorded.error();
      fresh.push_back(*recorded);
    }
    return {};
  }));
  EXPECT_EQ(fresh, (std::vector<bool>{true, true, false}));
}

TEST(StoragePipeline, SavedSessionAndSummarySurviveAReopen) {
  TempDir dir;
  std::int64_t id = 0;
  {
    auto store = open_store(dir / "t.db");
    ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
      auto conversation =
          tx.load_or_create_conversation("telegram", "chat-1", "user-1", at_ms(1000));
      if (!conversation) return conversation.error();
      EXPECT_TRUE(conversation->created);
      id = conversation->id;
      dialogs::Session session = *conversation->session;
      session.red_flags = {"saddle_anesthesia"};
      session.engine_state.questions = 3;
      SummaryUpdate summary{ConversationStatus::completed,
                            dialogs::Triage::emergency,
                            {"saddle_anesthesia"},
                            {"cauda_equina"}};
      return tx.save_session(id, session, at_ms(2000), summary);
    }));
  }
  auto store = open_store(dir / "t.db");
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("telegram", "chat-1", "user-1", at_ms(3000));
    if (!conversation) return conversation.error();
    EXPECT_FALSE(conversation->created);
    EXPECT_EQ(conversation->id, id);
    EXPECT_EQ(conversation->status, ConversationStatus::completed);
    EXPECT_EQ(conversation->session->red_flags, std::vector<std::string>{"saddle_anesthesia"});
    EXPECT_EQ(conversation->session->engine_state.questions, 3);
    return {};
  }));
  auto detail = store->readers().get_conversation(id);
  ASSERT_TRUE(detail);
  EXPECT_EQ(detail->summary.triage, "emergency");
  EXPECT_EQ(detail->summary.top_causes, std::vector<std::string>{"cauda_equina"});
  EXPECT_EQ(detail->summary.updated_at, "1970-01-01T00:00:02.000Z");
}

TEST(StoragePipeline, RolledBackCreationDoesNotLingerInTheSessionCache) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  auto failed = store->writer().run([](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("widget", "s1", "u", at_ms(1));
    if (!conversation) return conversation.error();
    return make_error(ErrorCode::internal, "roll back");
  });
  ASSERT_FALSE(failed);
  bool created = false;
  std::int64_t id = 0;
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("widget", "s1", "u", at_ms(2));
    if (!conversation) return conversation.error();
    created = conversation->created;
    id = conversation->id;
    MessageRecord message;
    message.text = "hi";
    message.at = at_ms(2);
    auto appended = tx.append_message(id, message);  // fails on a stale id (foreign key)
    if (!appended) return appended.error();
    return {};
  }));
  EXPECT_TRUE(created);
  store->close();
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM conversations"), 1);
}

TEST(StoragePipeline, RolledBackSessionSaveDoesNotLingerInTheSessionCache) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  std::int64_t id = 0;
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("widget", "s1", "u", at_ms(1));
    if (!conversation) return conversation.error();
    id = conversation->id;
    return {};
  }));
  // Warm the cache with the committed state, then fail a save.
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    return tx.load_or_create_conversation("widget", "s1", "u", at_ms(2))
               ? Result<void>()
               : make_error(ErrorCode::internal, "");
  }));
  ASSERT_FALSE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    dialogs::Session session;
    session.red_flags = {"should_not_stick"};
    auto saved = tx.save_session(id, session, at_ms(3), SummaryUpdate{});
    if (!saved) return saved;
    return make_error(ErrorCode::internal, "roll back");
  }));
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("widget", "s1", "u", at_ms(4));
    if (!conversation) return conversation.error();
    EXPECT_TRUE(conversation->session->red_flags.empty());
    return {};
  }));
}

TEST(StoragePipeline, SecondLoadInOneBatchSeesTheFirstItemsSave) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  std::vector<std::string> flags_seen;
  std::atomic<int> done{0};
  auto step = [&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("slack", "C1", "U1", at_ms(1));
    if (!conversation) return conversation.error();
    auto session = *conversation->session;
    flags_seen.push_back(std::to_string(session.red_flags.size()));
    session.red_flags.push_back("flag");
    return tx.save_session(conversation->id, session, at_ms(1), SummaryUpdate{});
  };
  {
    WriterGate gate(store->writer());
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(store->writer().submit({step, [&](Result<void> r) {
                                            EXPECT_TRUE(r);
                                            ++done;
                                          }}));
    }
  }
  ASSERT_TRUE(wait_until([&] { return done.load() == 3; }));
  EXPECT_EQ(flags_seen, (std::vector<std::string>{"0", "1", "2"}));
}

TEST(StoragePipeline, CredentialHashIsStoredAndFound) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("widget", "sess", "sess", at_ms(1));
    if (!conversation) return conversation.error();
    return tx.set_credential(conversation->id, "sha256:abc");
  }));
  auto handle = store->readers().find_conversation("widget", "sess");
  ASSERT_TRUE(handle);
  ASSERT_TRUE(*handle);
  EXPECT_EQ((*handle)->credential_hash, "sha256:abc");
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("widget", "sess", "sess", at_ms(2));
    if (!conversation) return conversation.error();
    EXPECT_EQ(conversation->credential_hash, "sha256:abc");
    return {};
  }));
  auto missing = store->readers().find_conversation("widget", "nope");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
}

TEST(StoragePipeline, KeyValuesAreWrittenReadAndErased) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  ASSERT_TRUE(store->writer().run([](WriteTransaction& tx) -> Result<void> {
    if (auto r = tx.set_value("telegram.offset", "10"); !r) return r;
    return tx.set_value("telegram.offset", "11");
  }));
  auto value = store->readers().get_value("telegram.offset");
  ASSERT_TRUE(value);
  EXPECT_EQ(*value, "11");
  ASSERT_TRUE(store->writer().run(
      [](WriteTransaction& tx) -> Result<void> { return tx.erase_value("telegram.offset"); }));
  auto gone = store->readers().get_value("telegram.offset");
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone);
}

TEST(StoragePipeline, FirstUserMessageAtIsTheOldestUserTurnOfTheConversation) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  ASSERT_TRUE(store->writer().run([](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("widget", "sess", "sess", at_ms(1000));
    if (!conversation) return conversation.error();
    auto none = tx.first_user_message_at(conversation->id);
    EXPECT_TRUE(none && !*none) << "nobody wrote yet";
    MessageRecord greeting{Direction::bot, "Hi",        nlohmann::json::array(),
                           std::nullopt,   at_ms(1000), std::nullopt};
    if (auto added = tx.append_message(conversation->id, greeting); !added) return added.error();
    for (const std::int64_t ms : {5000, 9000}) {
      MessageRecord said{Direction::user, "numb",    nlohmann::json::array(),
                         std::nullopt,    at_ms(ms), std::nullopt};
      if (auto added = tx.append_message(conversation->id, said); !added) return added.error();
    }
    auto first = tx.first_user_message_at(conversation->id);
    EXPECT_TRUE(first && *first == at_ms(5000));
    return {};
  }));
}

}  // namespace
}  // namespace pipeline_test
}  // namespace triagebot::storage
