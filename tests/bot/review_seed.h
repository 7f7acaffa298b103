// Conversations for the review tests (admin API and `triagebot logs`), written through
// the Store's writer with WriteTransaction operations, as the pipeline writes them.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/store.h"

namespace triagebot::testing {

// 2026-03-01T00:00:00Z; seed n starts n days later.
inline constexpr std::int64_t kSeedEpochSeconds = 1772323200;

inline storage::TimePoint seed_day(int day, int minute = 0) {
  return storage::TimePoint(std::chrono::seconds(kSeedEpochSeconds) + std::chrono::days(day) +
                            std::chrono::minutes(minute));
}

struct SeedConversation {
  std::string platform;
  std::string key;
  std::optional<std::string> triage;  // nullopt: never assessed
  std::vector<std::string> red_flags;
  std::string user_text;
  int day = 0;
};

inline nlohmann::json seed_assessment(const std::string& triage,
                                      const std::vector<std::string>& red_flags) {
  return {{"triage", triage},
          {"causes",
           nlohmann::json::array({{{"id", "lumbar_radiculopathy"},
                                   {"name", "A pinched nerve in the lower back"},
                                   {"score", 0.62},
                                   {"why", {"pain spreads down one leg", "worse when sitting"}}},
                                  {{"id", "peripheral_neuropathy"},
                                   {"name", "Nerve damage in the feet"},
                                   {"score", 0.21},
                                   {"why", nlohmann::json::array({"both feet"})}}})},
          {"red_flags", red_flags}};
}

// Writes one conversation: a user turn, a bot question with choices, and (when triaged)
// a bot turn carrying the assessment; then the review summary. Returns its id.
inline std::int64_t write_seed(storage::Store& store, const SeedConversation& seed) {
  std::int64_t id = 0;
  auto done = store.writer().run([&](storage::WriteTransaction& tx) -> Result<void> {
    using storage::Direction;
    using storage::MessageRecord;
    auto c = tx.load_or_create_conversation(seed.platform, seed.key, "user-" + seed.key,
                                            seed_day(seed.day));
    if (!c) return c.error();
    id = c->id;
    std::vector<MessageRecord> messages = {
        {Direction::user, seed.user_text, nullptr, std::nullopt, seed_day(seed.day, 1),
         std::nullopt},
        {Direction::bot, "Where is the numbness?",
         nlohmann::json::array({{{"id", "one_leg"}, {"label", "One leg"}},
                                {{"id", "both_legs"}, {"label", "Both legs"}}}),
         std::nullopt, seed_day(seed.day, 2), std::nullopt}};
    if (seed.triage) {
      messages.push_back({Direction::bot, "Here is what I think.", nullptr,
                          seed_assessment(*seed.triage, seed.red_flags), seed_day(seed.day, 3),
                          std::nullopt});
    }
    for (const auto& message : messages) {
      if (auto r = tx.append_message(c->id, message); !r) return r.error();
    }
    storage::SummaryUpdate summary;
    summary.status =
        seed.triage ? storage::ConversationStatus::completed : storage::ConversationStatus::active;
    if (seed.triage) summary.triage = dialogs::triage_from_string(*seed.triage);
    summary.red_flags = seed.red_flags;
    return tx.save_session(c->id, c->session, seed_day(seed.day, 3), summary);
  });
  EXPECT_TRUE(done) << done.error().message;
  return id;
}

// The standard set, oldest first, searchable by text once it returns: ids map from key.
inline std::map<std::string, std::int64_t> write_standard_seeds(storage::Store& store) {
  const std::vector<SeedConversation> seeds = {
      {"telegram", "t1", "emergency", {"saddle_anesthesia"}, "I can't feel my SADDLE area", 0},
      {"slack", "s1", "routine", {}, "tingling in both feet", 1},
      {"widget", "w1", std::nullopt, {}, "hi", 2},
      {"telegram", "t2", "urgent", {"sudden_weakness"}, "my leg gave way", 3},
      {"widget", "w2", "self_care", {}, "my foot fell asleep after sitting", 4},
  };
  std::map<std::string, std::int64_t> ids;
  for (const auto& seed : seeds) ids[seed.key] = write_seed(store, seed);
  // The text search is indexed in the background (storage/search_indexer.h).
  EXPECT_TRUE(store.search_index().wait_caught_up(std::chrono::seconds(60)));
  return ids;
}

inline std::unique_ptr<storage::Store> open_test_store(const std::filesystem::path& path) {
  storage::StoreOptions options;
  options.path = path;
  auto store = storage::Store::open(options);
  if (!store) {
    ADD_FAILURE() << store.error().message;
    return nullptr;
  }
  return std::move(*store);
}

}  // namespace triagebot::testing
