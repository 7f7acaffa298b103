// Review statistics over conversations written by the real pipeline (built-in knowledge
// base), with a verdict mix, checked against figures counted by hand below; and the
// same figures through `triagebot logs stats`.
#include <future>
#include <sstream>

#include <gtest/gtest.h>

#include "bot/app/knowledge_loader.h"
#include "bot/cli/cli.h"
#include "bot/flow/pipeline.h"
#include "bot/review/stats_filter.h"
#include "tests/bot/review_seed.h"
#include "tests/bot/widget_client.h"
#include "tests/support/temp_dir.h"

namespace triagebot::testing {
namespace review_stats_test {
namespace {

using widget_api::kSciaticaOpening;
using widget_api::kStrokeOpening;

class ReviewStats : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = open_test_store(db_);
    ASSERT_NE(store_, nullptr);
    auto knowledge = bot::load_configured_knowledge(bot::Config{});
    ASSERT_TRUE(knowledge);
    knowledge_.emplace(std::move(*knowledge));
    pipeline_.emplace(*store_, *knowledge_, dialogs::EngineOptions{.emergency_number = "112"},
                      pipeline_metrics_);

    // Two emergencies at the opening message: no question answered, guidance at once.
    emergency_w_ = converse(adapters::Platform::widget, "w-stroke", {kStrokeOpening});
    emergency_t_ = converse(adapters::Platform::telegram, "t-stroke", {kStrokeOpening});
    // Two interviews answered "no" throughout.
    sciatica_a_ = interview(adapters::Platform::widget, "w-sciatica-a");
    sciatica_b_ = interview(adapters::Platform::telegram, "t-sciatica-b");
    // One that never got past hello.
    hello_ = converse(adapters::Platform::widget, "w-hello", {"hi"});

    verdict(emergency_w_.id, "agree");
    verdict(sciatica_a_.id, "agree");
    verdict(sciatica_a_.id, "over_triage");
    verdict(sciatica_b_.id, "under_triage");
  }
  void TearDown() override {
    if (store_) store_->close();
  }

  struct Written {
    std::int64_t id = 0;
    int answers = 0;  // messages after the opening, up to the assessment
    std::optional<dialogs::Assessment> assessment;
  };

  std::vector<bot::EventOutcome> submit(adapters::Platform platform, const std::string& key,
                                        const std::string& text) {
    adapters::InboundEvent event;
    event.platform = platform;
    event.conversation_key = key;
    event.user_key = key;
    event.event_id = key + "-" + std::to_string(++events_);
    event.input = dialogs::Input::typed(text);
    event.at = std::chrono::system_clock::now();
    bot::Submission submission;
    submission.events.push_back(std::move(event));
    submission.deliver_through_outbox = false;
    std::promise<Result<std::vector<bot::EventOutcome>>> done;
    auto future = done.get_future();
    auto queued = pipeline_->submit(std::move(submission),
                                    [&done](auto outcome) { done.set_value(std::move(outcome)); });
    EXPECT_TRUE(queued);
    auto outcome = future.get();
    EXPECT_TRUE(outcome);
    return outcome ? std::move(*outcome) : std::vector<bot::EventOutcome>{};
  }

  Written converse(adapters::Platform platform, const std::string& key,
                   const std::vector<std::string>& texts) {
    Written written;
    for (const auto& text : texts) {
      auto outcome = submit(platform, key, text);
      written.id = outcome.at(0).conversation_id;
      if (!outcome[0].replies.empty() && outcome[0].replies.back().assessment) {
        written.assessment = outcome[0].replies.back().assessment;
      }
    }
    return written;
  }

  Written interview(adapters::Platform platform, const std::string& key) {
    Written written = converse(platform, key, {kSciaticaOpening});
    while (!written.assessment && written.answers < 60) {
      auto outcome = submit(platform, key, "no");
      ++written.answers;
      if (!outcome.at(0).replies.empty() && outcome[0].replies.back().assessment) {
        written.assessment = outcome[0].replies.back().assessment;
      }
    }
    EXPECT_TRUE(written.assessment) << key;
    return written;
  }

  void verdict(std::int64_t id, const std::string& kind) {
    auto added = store_->writer().run([&](storage::WriteTransaction& tx) -> Result<void> {
      auto r = tx.add_verdict(id, {kind, "", "Dr A", storage::Clock::now()});
      return r ? Result<void>() : Result<void>(r.error());
    });
    ASSERT_TRUE(added);
  }

  TempDir dir_;
  std::filesystem::path db_ = dir_ / "stats.db";
  std::unique_ptr<storage::Store> store_;
  std::optional<dialogs::Knowledge> knowledge_;
  bot::Metrics metrics_;
  bot::PipelineMetrics pipeline_metrics_{metrics_};
  std::optional<bot::Pipeline> pipeline_;
  int events_ = 0;
  Written emergency_w_, emergency_t_, sciatica_a_, sciatica_b_, hello_;
};

TEST_F(ReviewStats, FiguresMatchWhatWasWritten) {
  ASSERT_TRUE(emergency_w_.assessment);
  ASSERT_EQ(emergency_w_.assessment->triage, dialogs::Triage::emergency);
  ASSERT_FALSE(hello_.assessment);
  ASSERT_TRUE(sciatica_a_.assessment && sciatica_b_.assessment);
  // The same answers give the same result.
  ASSERT_EQ(sciatica_a_.answers, sciatica_b_.answers);
  ASSERT_EQ(sciatica_a_.assessment->triage, sciatica_b_.assessment->triage);
  const std::string sciatica_level(dialogs::to_string(sciatica_a_.assessment->triage));
  ASSERT_NE(sciatica_level, "emergency");

  auto stats = store_->readers().stats({});
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->conversations, 5);
  EXPECT_EQ(stats->platforms,
            (std::map<std::string, std::int64_t>{{"telegram", 2}, {"widget", 3}}));
  EXPECT_EQ(stats->triage, (std::map<std::string, std::int64_t>{
                               {"emergency", 2}, {sciatica_level, 2}, {"none", 1}}));
  // Four assessed interviews are completed; hello is not.
  EXPECT_EQ(stats->completed, 4);
  EXPECT_DOUBLE_EQ(*stats->completion_rate(), 0.8);
  // Every red flag of the two emergencies, once per conversation.
  std::map<std::string, std::int64_t> flags;
  for (const auto* written : {&emergency_w_, &emergency_t_, &sciatica_a_, &sciatica_b_}) {
    for (const auto& flag : written->assessment->red_flags) ++flags[flag];
  }
  ASSERT_FALSE(flags.empty());
  EXPECT_EQ(stats->red_flags, flags);
  // Questions answered before the assessment: 0, 0, n, n. Nearest rank: the median is
  // the 2nd of 4 (0), the 90th percentile the 4th (n).
  EXPECT_EQ(stats->questions_to_assessment.count, 4);
  EXPECT_EQ(stats->questions_to_assessment.median, 0);
  EXPECT_EQ(stats->questions_to_assessment.p90, sciatica_a_.answers);
  // Both emergencies came with the person's first message.
  EXPECT_EQ(stats->emergency_after_ms.count, 2);
  EXPECT_EQ(stats->emergency_after_ms.median, 0);
  // Verdicts: agree 2, over_triage 1, under_triage 1.
  EXPECT_EQ(stats->verdict_total, 4);
  EXPECT_EQ(stats->under_triage(), 1);
  EXPECT_EQ(stats->verdicts.at("agree"), 2);
  EXPECT_EQ(stats->verdicts.at("over_triage"), 1);
  EXPECT_EQ(stats->verdicts.at("wrong_causes"), 0);
  EXPECT_DOUBLE_EQ(*stats->agreement_rate(), 0.5);
  EXPECT_TRUE(stats->periods.empty());
}

TEST_F(ReviewStats, RangeAndPeriodsFollowTheStartTime) {
  const auto today = std::chrono::floor<std::chrono::days>(storage::Clock::now());
  storage::StatsFilter by_day;
  by_day.by = storage::StatsBucket::day;
  auto daily = store_->readers().stats(by_day);
  ASSERT_TRUE(daily);
  ASSERT_EQ(daily->periods.size(), 1u);
  EXPECT_EQ(daily->periods[0].start, storage::format_rfc3339(today).substr(0, 10));
  EXPECT_EQ(daily->periods[0].conversations, 5);
  EXPECT_EQ(daily->periods[0].completed, 4);
  EXPECT_EQ(daily->periods[0].emergencies, 2);

  storage::StatsFilter by_week;
  by_week.by = storage::StatsBucket::week;
  auto weekly = store_->readers().stats(by_week);
  ASSERT_TRUE(weekly);
  ASSERT_EQ(weekly->periods.size(), 1u);
  const auto week_start = bot::parse_time(weekly->periods[0].start);
  ASSERT_TRUE(week_start);
  const auto monday = std::chrono::floor<std::chrono::days>(*week_start);
  EXPECT_EQ(std::chrono::weekday(monday), std::chrono::Monday);
  EXPECT_LE(monday, today);
  EXPECT_GT(monday, today - std::chrono::days(7));
  EXPECT_EQ(weekly->periods[0].conversations, 5);

  storage::StatsFilter later;
  later.since = today + std::chrono::days(1);
  auto none = store_->readers().stats(later);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->conversations, 0);
  EXPECT_EQ(none->verdict_total, 0);
  EXPECT_FALSE(none->completion_rate());
  EXPECT_FALSE(none->agreement_rate());
  EXPECT_FALSE(none->questions_to_assessment.median);
}

TEST_F(ReviewStats, LogsStatsPrintsUnderTriageFirstAndJsonForScripts) {
  store_->close();
  auto run = [&](std::vector<std::string> args) {
    const std::string path = db_.string();
    const bot::EnvLookup env = [path](std::string_view name) -> std::optional<std::string> {
      if (name == "TRIAGEBOT_DB") return path;
      return std::nullopt;
    };
    std::istringstream in;
    std::ostringstream out, err;
    args.insert(args.begin(), {"logs", "stats"});
    const int code = bot::run_cli(args, env, {in, out, err});
    return std::tuple{code, out.str(), err.str()};
  };
  auto [code, table, table_err] = run({});
  EXPECT_EQ(code, 0) << table_err;
  EXPECT_EQ(table.rfind("under-triage verdicts:  1\n", 0), 0u) << table;
  EXPECT_NE(table.find("conversations:          5\n"), std::string::npos) << table;
  EXPECT_NE(table.find("agreement rate:         50.0% (of 4 verdicts)"), std::string::npos)
      << table;

  auto [json_code, json_text, json_err] = run({"--json", "--by", "day"});
  EXPECT_EQ(json_code, 0) << json_err;
  const auto figures = nlohmann::json::parse(json_text);
  EXPECT_EQ(figures["under_triage"], 1);
  EXPECT_EQ(figures["conversations"], 5);
  EXPECT_EQ(figures["completed"], 4);
  EXPECT_EQ(figures["verdicts"]["agree"], 2);
  EXPECT_EQ(figures["periods"].size(), 1u);

  for (std::vector<std::string> bad : {std::vector<std::string>{"--by", "month"},
                                       {"--since", "yesterday"},
                                       {"--since", "2026-03-02", "--until", "2026-03-01"}}) {
    auto [bad_code, bad_out, bad_err] = run(bad);
    EXPECT_EQ(bad_code, 2) << bad.front();
    EXPECT_NE(bad_err.find("logs stats:"), std::string::npos) << bad_err;
  }
}

TEST(StatsPercentiles, NearestRankPicksAValueThatOccurred) {
  EXPECT_FALSE(storage::nearest_rank({}, 0.5));
  EXPECT_EQ(storage::nearest_rank({7}, 0.9), 7);
  EXPECT_EQ(storage::nearest_rank({1, 2, 3, 4}, 0.5), 2);
  EXPECT_EQ(storage::nearest_rank({1, 2, 3, 4, 5}, 0.5), 3);
  const std::vector<std::int64_t> ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_EQ(storage::nearest_rank(ten, 0.9), 9);
  EXPECT_EQ(storage::nearest_rank(ten, 1.0), 10);
}

}  // namespace
}  // namespace review_stats_test
}  // namespace triagebot::testing
