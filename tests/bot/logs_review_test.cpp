// The review additions to `triagebot logs`: the verdict filter (the "not yet reviewed"
// queue), CSV export with RFC 4180 quoting, and forget with its confirmation.
#include <sstream>

#include <gtest/gtest.h>

#include "bot/cli/cli.h"
#include "bot/cli/csv_export.h"
#include "tests/bot/review_seed.h"
#include "tests/support/temp_dir.h"

namespace triagebot::testing {
namespace logs_review_test {
namespace {

struct ReviewRun {
  int code = -1;
  std::string out;
  std::string err;
};

class LogsReview : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = open_test_store(db_);
    ASSERT_NE(store, nullptr);
    ids_ = write_standard_seeds(*store);
    auto verdicts = store->writer().run([&](storage::WriteTransaction& tx) -> Result<void> {
      for (const auto& [key, kind] : std::vector<std::pair<std::string, std::string>>{
               {"t2", "agree"}, {"t1", "under_triage"}, {"t1", "agree"}}) {
        auto added = tx.add_verdict(ids_[key], {kind, "", "Dr A", seed_day(6)});
        if (!added) return added.error();
      }
      return {};
    });
    ASSERT_TRUE(verdicts);
  }

  ReviewRun logs(std::vector<std::string> args, const std::string& stdin_text = "") {
    const std::string path = db_.string();
    const bot::EnvLookup env = [path](std::string_view name) -> std::optional<std::string> {
      if (name == "TRIAGEBOT_DB") return path;
      return std::nullopt;
    };
    std::istringstream in(stdin_text);
    std::ostringstream out, err;
    args.insert(args.begin(), "logs");
    ReviewRun run;
    run.code = bot::run_cli(args, env, {in, out, err});
    run.out = out.str();
    run.err = err.str();
    return run;
  }

  std::vector<std::int64_t> listed(std::vector<std::string> args) {
    args.insert(args.begin(), {"list", "--json"});
    const auto run = logs(args);
    EXPECT_EQ(run.code, 0) << run.err;
    std::vector<std::int64_t> ids;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
      ids.push_back(nlohmann::json::parse(line)["id"].get<std::int64_t>());
    }
    return ids;
  }

  TempDir dir_;
  std::filesystem::path db_ = dir_ / "review.db";
  std::map<std::string, std::int64_t> ids_;
};

TEST_F(LogsReview, VerdictFilterFindsTheQueueAndEachKind) {
  EXPECT_EQ(listed({"--verdict", "none"}),
            (std::vector<std::int64_t>{ids_["w2"], ids_["w1"], ids_["s1"]}));
  EXPECT_EQ(listed({"--verdict", "any"}), (std::vector<std::int64_t>{ids_["t2"], ids_["t1"]}));
  EXPECT_EQ(listed({"--verdict", "under_triage"}), std::vector<std::int64_t>{ids_["t1"]});
  EXPECT_EQ(listed({"--verdict", "agree"}), (std::vector<std::int64_t>{ids_["t2"], ids_["t1"]}));
  EXPECT_TRUE(listed({"--verdict", "wrong_causes"}).empty());
  EXPECT_EQ(listed({"--verdict", "none", "--platform", "widget"}),
            (std::vector<std::int64_t>{ids_["w2"], ids_["w1"]}));
  const auto bad = logs({"list", "--verdict", "maybe"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("verdict must be any, none"), std::string::npos) << bad.err;
}

TEST_F(LogsReview, ShowAndExportCarryTheVerdicts) {
  const auto show = logs({"show", std::to_string(ids_["t1"])});
  ASSERT_EQ(show.code, 0) << show.err;
  EXPECT_NE(show.out.find("verdict:   under_triage by Dr A"), std::string::npos) << show.out;
  const auto exported = logs({"export", "--verdict", "under_triage"});
  ASSERT_EQ(exported.code, 0) << exported.err;
  const auto line = nlohmann::json::parse(exported.out);
  EXPECT_EQ(line["id"], ids_["t1"]);
  EXPECT_EQ(line["verdicts"].size(), 2u);
}

TEST(CsvField, QuotesOnlyWhatRfc4180Requires) {
  EXPECT_EQ(bot::csv_field("plain text"), "plain text");
  EXPECT_EQ(bot::csv_field(""), "");
  EXPECT_EQ(bot::csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(bot::csv_field("say \"numb\""), "\"say \"\"numb\"\"\"");
  EXPECT_EQ(bot::csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(bot::csv_field("cr\rhere"), "\"cr\rhere\"");
}

TEST_F(LogsReview, CsvExportIsOneQuotedRowPerConversation) {
  // A verdict-free conversation with awkward causes shows the quoting end to end.
  {
    auto store = open_test_store(db_);
    auto done = store->writer().run([&](storage::WriteTransaction& tx) -> Result<void> {
      auto c = tx.load_or_create_conversation("widget", "odd", "user-odd", seed_day(9));
      if (!c) return c.error();
      storage::SummaryUpdate summary;
      summary.triage = dialogs::Triage::routine;
      summary.top_causes = {"cause, with comma", "cause \"quoted\"", "two\nlines"};
      if (auto saved = tx.save_session(c->id, c->session, seed_day(9), summary); !saved) {
        return saved.error();
      }
      return tx.record_assessment_figures(c->id, 7, std::nullopt);
    });
    ASSERT_TRUE(done);
  }
  const auto run = logs({"export", "--format", "csv", "--platform", "widget"});
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(
      run.out.rfind("id,platform,started,triage,top_causes,red_flags,questions,verdicts\r\n", 0),
      0u)
      << run.out;
  EXPECT_NE(run.out.find(",widget,2026-03-10T00:00:00.000Z,routine,"
                         "\"cause, with comma;cause \"\"quoted\"\";two\nlines\",,7,\r\n"),
            std::string::npos)
      << run.out;
  // w2, w1 and the odd one: three rows after the header.
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\r'), 4);

  const auto reviewed = logs({"export", "--format=csv", "--verdict", "any"});
  ASSERT_EQ(reviewed.code, 0);
  EXPECT_NE(reviewed.out.find("," + std::string("under_triage;agree") + "\r\n"), std::string::npos)
      << reviewed.out;
  EXPECT_EQ(logs({"export", "--format", "xml"}).code, 2);
}

TEST_F(LogsReview, ForgetAsksAndDeletesOnlyOnYes) {
  const auto declined = logs({"forget", "--platform", "telegram", "--user", "user-t1"}, "no\n");
  EXPECT_EQ(declined.code, 1);
  EXPECT_NE(declined.out.find("Type yes to confirm"), std::string::npos) << declined.out;
  EXPECT_NE(declined.err.find("nothing was deleted"), std::string::npos) << declined.err;
  EXPECT_EQ(listed({"--platform", "telegram"}).size(), 2u);

  const auto no_answer = logs({"forget", "--platform", "telegram", "--user", "user-t1"}, "");
  EXPECT_EQ(no_answer.code, 1);
  EXPECT_EQ(listed({"--platform", "telegram"}).size(), 2u);

  const auto confirmed = logs({"forget", "--platform", "telegram", "--user", "user-t1"}, "yes\n");
  EXPECT_EQ(confirmed.code, 0) << confirmed.err;
  EXPECT_NE(confirmed.out.find("forgot 1 conversations"), std::string::npos) << confirmed.out;
  EXPECT_EQ(listed({"--platform", "telegram"}), std::vector<std::int64_t>{ids_["t2"]});
}

TEST_F(LogsReview, ForgetWithYesDoesNotAsk) {
  const auto run = logs({"forget", "--platform", "widget", "--user", "user-w2", "--yes"});
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.out.find("confirm"), std::string::npos) << run.out;
  EXPECT_EQ(listed({"--platform", "widget"}), std::vector<std::int64_t>{ids_["w1"]});
}

TEST_F(LogsReview, ForgetNeedsPlatformAndUser) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"forget"},
        {"forget", "--platform", "telegram"},
        {"forget", "--user", "u"},
        {"forget", "--platform", "myspace", "--user", "u"},
        {"forget", "--platform", "widget", "--user", "u", "--yes=please"}}) {
    const auto run = logs(args, "yes\n");
    EXPECT_EQ(run.code, 2) << run.err;
    EXPECT_EQ(run.out, "");
  }
  EXPECT_EQ(listed({}).size(), 5u);
}

TEST_F(LogsReview, PurgeAcceptsOlderThan) {
  const auto run = logs({"purge", "--older-than", "1"});
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("purged 5 conversations", 0), 0u) << run.out;
  EXPECT_EQ(logs({"purge", "--older-than", "1", "--older-than-days", "1"}).code, 2);
}

}  // namespace
}  // namespace logs_review_test
}  // namespace triagebot::testing
