#include <gtest/gtest.h>

#include <set>

#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace readers_test {
namespace {

using testing::at_ms;
using testing::open_store;
using triagebot::testing::TempDir;

struct Seed {
  std::string platform;
  std::string key;
  std::optional<dialogs::Triage> triage;
  std::vector<std::string> red_flags;
  std::string text;
  std::int64_t ms;
};

class StorageReaders : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = open_store(dir_ / "t.db");
    const std::vector<Seed> seeds = {
        {"telegram",
         "t1",
         dialogs::Triage::emergency,
         {"saddle_anesthesia"},
         "I can't feel my SADDLE area",
         1000},
        {"slack", "s1", dialogs::Triage::routine, {}, "tingling in both feet", 2000},
        {"widget", "w1", std::nullopt, {}, "hi", 3000},
        {"telegram", "t2", dialogs::Triage::urgent, {"sudden_weakness"}, "my leg gave way", 4000},
    };
    for (const auto& seed : seeds) {
      ASSERT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
        auto c = tx.load_or_create_conversation(seed.platform, seed.key, "u", at_ms(seed.ms));
        if (!c) return c.error();
        ids_[seed.key] = c->id;
        MessageRecord user{Direction::user, seed.text, nullptr, std::nullopt, at_ms(seed.ms), "m1"};
        if (auto r = tx.append_message(c->id, user); !r) return r.error();
        MessageRecord bot{Direction::bot,
                          "Where is the numbness?",
                          nlohmann::json::array({{{"id", "left"}, {"label", "Left"}}}),
                          std::nullopt,
                          at_ms(seed.ms + 1),
                          std::nullopt};
        if (seed.triage) {
          bot.assessment = nlohmann::json{{"triage", dialogs::to_string(*seed.triage)}};
          bot.choices = nullptr;
        }
        if (auto r = tx.append_message(c->id, bot); !r) return r.error();
        SummaryUpdate summary{
            seed.triage ? ConversationStatus::completed : ConversationStatus::active,
            seed.triage,
            seed.red_flags,
            {}};
        return tx.save_session(c->id, c->session, at_ms(seed.ms + 1), summary);
      }));
    }
    testing::wait_searchable(*store_);
  }

  std::vector<std::string> keys(const ListFilter& filter) {
    auto page = store_->readers().list_conversations(filter);
    EXPECT_TRUE(page) << page.error().message;
    std::vector<std::string> out;
    if (!page) return out;
    for (const auto& s : page->conversations) {
      for (const auto& [key, id] : ids_) {
        if (id == s.id) out.push_back(key);
      }
    }
    return out;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::map<std::string, std::int64_t> ids_;
};

TEST_F(StorageReaders, ListsNewestFirstWithoutFilters) {
  EXPECT_EQ(keys({}), (std::vector<std::string>{"t2", "w1", "s1", "t1"}));
}

TEST_F(StorageReaders, FiltersByPlatformTriageAndRedFlag) {
  ListFilter f;
  f.platform = "telegram";
  EXPECT_EQ(keys(f), (std::vector<std::string>{"t2", "t1"}));
  f = {};
  f.triage = "routine";
  EXPECT_EQ(keys(f), std::vector<std::string>{"s1"});
  f = {};
  f.red_flag = "any";
  EXPECT_EQ(keys(f), (std::vector<std::string>{"t2", "t1"}));
  f.red_flag = "saddle_anesthesia";
  EXPECT_EQ(keys(f), std::vector<std::string>{"t1"});
  f.red_flag = "none";
  EXPECT_EQ(keys(f), (std::vector<std::string>{"w1", "s1"}));
}

TEST_F(StorageReaders, FiltersByStartTimeRange) {
  ListFilter f;
  f.since = at_ms(2000);
  f.until = at_ms(4000);
  EXPECT_EQ(keys(f), (std::vector<std::string>{"w1", "s1"}));
}

TEST_F(StorageReaders, SearchesWhatPeopleWroteCaseInsensitively) {
  ListFilter f;
  f.q = "saddle";
  EXPECT_EQ(keys(f), std::vector<std::string>{"t1"});
  f.q = "GAVE WAY";
  EXPECT_EQ(keys(f), std::vector<std::string>{"t2"});
  f.q = "\"quoted\" OR x";  // operators are text, never query syntax
  EXPECT_TRUE(keys(f).empty());
  f.q = "HI";  // shorter than a trigram: scanned
  EXPECT_EQ(keys(f), std::vector<std::string>{"w1"});
  f.q = "where is the numbness";  // the bot's words are not searched
  EXPECT_TRUE(keys(f).empty());
  f.q = "Wh";
  EXPECT_TRUE(keys(f).empty());
}

TEST_F(StorageReaders, PagesWithAnOpaqueCursorUntilTheEnd) {
  ListFilter f;
  f.limit = 3;
  auto first = store_->readers().list_conversations(f);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->conversations.size(), 3u);
  ASSERT_TRUE(first->next_cursor);
  f.cursor = first->next_cursor;
  auto second = store_->readers().list_conversations(f);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->conversations.size(), 1u);
  EXPECT_FALSE(second->next_cursor);
  EXPECT_EQ(second->conversations[0].id, ids_["t1"]);
}

TEST_F(StorageReaders, RejectsACursorItDidNotIssue) {
  ListFilter f;
  f.cursor = "DROP TABLE";
  auto page = store_->readers().list_conversations(f);
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().code, ErrorCode::bad_request);
}

TEST_F(StorageReaders, SummaryCarriesTheApiShape) {
  ASSERT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto v = tx.add_verdict(ids_["t1"], {"under_triage", "missed it", "dr. b", at_ms(9000)});
    return v ? Result<void>() : Result<void>(v.error());
  }));
  ListFilter f;
  f.platform = "telegram";
  f.limit = 1;
  f.cursor = std::to_string(ids_["t2"]);
  auto page = store_->readers().list_conversations(f);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->conversations.size(), 1u);
  auto expected = nlohmann::json::parse(R"({"id": 0,
      "platform": "telegram", "started_at": "1970-01-01T00:00:01.000Z",
      "updated_at": "1970-01-01T00:00:01.001Z", "status": "completed",
      "triage": "emergency", "red_flags": ["saddle_anesthesia"], "safety": [], "message_count": 2,
      "verdicts": [{"verdict": "under_triage", "note": "missed it", "reviewer": "dr. b",
                    "at": "1970-01-01T00:00:09.000Z"}]})");
  expected["id"] = ids_["t1"];
  EXPECT_EQ(to_json(page->conversations[0]), expected);
}

TEST_F(StorageReaders, DetailHasMessagesInOrderAndTheLatestAssessment) {
  auto detail = store_->readers().get_conversation(ids_["t2"]);
  ASSERT_TRUE(detail);
  const auto json = to_json(*detail);
  ASSERT_EQ(json["messages"].size(), 2u);
  EXPECT_EQ(json["messages"][0], (nlohmann::json{{"from", "user"},
                                                 {"text", "my leg gave way"},
                                                 {"at", "1970-01-01T00:00:04.000Z"}}));
  EXPECT_EQ(json["messages"][1]["from"], "bot");
  EXPECT_EQ(json["assessment"], (nlohmann::json{{"triage", "urgent"}}));
  auto w1 = store_->readers().messages(ids_["w1"]);
  ASSERT_TRUE(w1);
  ASSERT_EQ(w1->size(), 2u);
  EXPECT_EQ(to_json((*w1)[1])["choices"],
            nlohmann::json::parse(R"([{"id": "left", "label": "Left"}])"));
  auto missing = store_->readers().get_conversation(99999);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_F(StorageReaders, VerdictForAnUnknownConversationOrVerdictIsRefused) {
  Result<std::int64_t> unknown = make_error(ErrorCode::internal, "");
  Result<std::int64_t> bad = make_error(ErrorCode::internal, "");
  ASSERT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
    unknown = tx.add_verdict(99999, {"agree", "", "r", at_ms(1)});
    bad = tx.add_verdict(ids_["t1"], {"meh", "", "r", at_ms(1)});
    return {};
  }));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::bad_request);
}

TEST_F(StorageReaders, PingAnswers) { EXPECT_TRUE(store_->readers().ping()); }

}  // namespace
}  // namespace readers_test
}  // namespace triagebot::storage
