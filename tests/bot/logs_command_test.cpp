// `triagebot logs ...` against a real database file: called in-process with string
// streams for the details, and once as the real binary to prove the command is wired.
#include <sstream>

#include <gtest/gtest.h>

#include "bot/cli/cli.h"
#include "bot/cli/logs_command.h"
#include "tests/bot/review_seed.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"

namespace triagebot::testing {
namespace logs_command_test {
namespace {

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

class LogsCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = open_test_store(db_);
    ASSERT_NE(store, nullptr);
    ids_ = write_standard_seeds(*store);
    auto verdict = store->writer().run([&](storage::WriteTransaction& tx) -> Result<void> {
      auto added = tx.add_verdict(ids_["t2"], {"agree", "Right call.", "Dr A", seed_day(5)});
      return added ? Result<void>() : Result<void>(added.error());
    });
    ASSERT_TRUE(verdict);
  }

  // Runs `triagebot logs args...` with TRIAGEBOT_DB pointing at the seeded file.
  CliRun logs(std::vector<std::string> args, std::optional<std::filesystem::path> db = {}) {
    const std::string path = (db ? *db : db_).string();
    const bot::EnvLookup env = [path](std::string_view name) -> std::optional<std::string> {
      if (name == "TRIAGEBOT_DB") return path;
      return std::nullopt;
    };
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    args.insert(args.begin(), "logs");
    CliRun run;
    run.code = bot::run_cli(args, env, {in, out, err});
    run.out = out.str();
    run.err = err.str();
    return run;
  }

  static std::vector<nlohmann::json> json_lines(const std::string& text) {
    std::vector<nlohmann::json> lines;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);) {
      lines.push_back(nlohmann::json::parse(line, nullptr, false));
      EXPECT_FALSE(lines.back().is_discarded()) << line;
    }
    return lines;
  }

  std::vector<std::int64_t> listed_ids(const std::string& text) {
    std::vector<std::int64_t> out;
    for (const auto& line : json_lines(text)) out.push_back(line["id"].get<std::int64_t>());
    return out;
  }

  TempDir dir_;
  std::filesystem::path db_ = dir_ / "review.db";
  std::map<std::string, std::int64_t> ids_;
};

// Safety events (issue 10 §2) filter the list and show in the transcript's summary.
TEST_F(LogsCommand, SafetyEventsFilterTheListAndShowInTheSummary) {
  {
    auto store = open_test_store(db_);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->writer().run([](storage::WriteTransaction& tx) -> Result<void> {
      auto c = tx.load_or_create_conversation("telegram", "t2", "user-t2", seed_day(6));
      if (!c) return c.error();
      storage::SummaryUpdate summary;
      summary.status = storage::ConversationStatus::completed;
      summary.update_top_causes = false;
      summary.safety = {"self_harm"};
      return tx.save_session(c->id, c->session, seed_day(6), summary);
    }));
  }
  const auto listed = logs({"list", "--safety", "self_harm", "--json"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  EXPECT_EQ(listed_ids(listed.out), std::vector<std::int64_t>{ids_["t2"]});
  const auto shown = logs({"show", std::to_string(ids_["t2"])});
  ASSERT_EQ(shown.code, 0) << shown.err;
  EXPECT_NE(shown.out.find("safety:    self_harm"), std::string::npos) << shown.out;
  EXPECT_EQ(logs({"list", "--safety", "heartache"}).code, 2);
}

TEST_F(LogsCommand, ListPrintsATableNewestFirst) {
  const auto run = logs({"list"});
  ASSERT_EQ(run.code, 0) << run.err;
  std::istringstream lines(run.out);
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header.rfind("ID", 0), 0u) << header;
  EXPECT_NE(header.find("TRIAGE"), std::string::npos);
  std::string first;
  std::getline(lines, first);
  EXPECT_EQ(first.rfind(std::to_string(ids_["w2"]) + " ", 0), 0u) << first;
  EXPECT_NE(run.out.find("saddle_anesthesia"), std::string::npos);
  EXPECT_NE(run.out.find("2026-03-04 00:00:00Z"), std::string::npos);
  EXPECT_NE(run.out.find("agree"), std::string::npos);
}

TEST_F(LogsCommand, ListJsonIsOneSummaryPerLine) {
  const auto run = logs({"list", "--json"});
  ASSERT_EQ(run.code, 0) << run.err;
  const auto lines = json_lines(run.out);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[1]["id"], ids_["t2"]);
  EXPECT_EQ(lines[1]["verdicts"][0]["verdict"], "agree");
  EXPECT_EQ(lines[1]["triage"], "urgent");
}

TEST_F(LogsCommand, ListFilters) {
  EXPECT_EQ(listed_ids(logs({"list", "--json", "--platform", "telegram"}).out),
            (std::vector<std::int64_t>{ids_["t2"], ids_["t1"]}));
  EXPECT_EQ(listed_ids(logs({"list", "--json", "--triage=routine"}).out),
            std::vector<std::int64_t>{ids_["s1"]});
  EXPECT_EQ(listed_ids(logs({"list", "--json", "--red-flag", "sudden_weakness"}).out),
            std::vector<std::int64_t>{ids_["t2"]});
  EXPECT_EQ(
      listed_ids(
          logs({"list", "--json", "--since", "2026-03-02", "--until", "2026-03-04T00:00:00Z"}).out),
      (std::vector<std::int64_t>{ids_["w1"], ids_["s1"]}));
  EXPECT_EQ(listed_ids(logs({"list", "--json", "--q", "foot fell"}).out),
            std::vector<std::int64_t>{ids_["w2"]});
}

TEST_F(LogsCommand, ListLimitStopsEarlyAndSaysMoreMatch) {
  const auto run = logs({"list", "--json", "--limit", "2"});
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(listed_ids(run.out), (std::vector<std::int64_t>{ids_["w2"], ids_["t2"]}));
  const auto table = logs({"list", "--limit", "2"});
  EXPECT_NE(table.err.find("raise --limit"), std::string::npos) << table.err;
}

TEST_F(LogsCommand, ListPagesPastTheStoragePageSize) {
  {
    auto store = open_test_store(db_);
    for (int i = 0; i < 230; ++i) {
      write_seed(*store, {"widget", "bulk" + std::to_string(i), "routine", {}, "bulk", 10});
    }
  }
  EXPECT_EQ(json_lines(logs({"list", "--json", "--limit", "300"}).out).size(), 235u);
  EXPECT_EQ(json_lines(logs({"export"}).out).size(), 235u);
}

TEST_F(LogsCommand, ShowPrintsTheTranscript) {
  const auto run = logs({"show", std::to_string(ids_["t1"])});
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_NE(run.out.find("conversation " + std::to_string(ids_["t1"]) + " (telegram, completed)"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("person: I can't feel my SADDLE area"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("bot:    Where is the numbness?"), std::string::npos);
  EXPECT_NE(run.out.find("choices: One leg [one_leg] | Both legs [both_legs]"), std::string::npos);
  EXPECT_NE(run.out.find("assessment: emergency"), std::string::npos);
  EXPECT_NE(run.out.find("1. A pinched nerve in the lower back (lumbar_radiculopathy) 62%"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("- pain spreads down one leg"), std::string::npos);
  EXPECT_NE(run.out.find("red flags: saddle_anesthesia"), std::string::npos);
}

TEST_F(LogsCommand, ShowJsonIsTheApiDetail) {
  const auto run = logs({"show", std::to_string(ids_["t2"]), "--json"});
  ASSERT_EQ(run.code, 0) << run.err;
  const auto lines = json_lines(run.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["messages"].size(), 3u);
  EXPECT_EQ(lines[0]["assessment"], seed_assessment("urgent", {"sudden_weakness"}));
  EXPECT_EQ(lines[0]["verdicts"][0]["note"], "Right call.");
}

TEST_F(LogsCommand, ShowEscapesTerminalControlCharacters) {
  std::int64_t id = 0;
  {
    auto store = open_test_store(db_);
    id = write_seed(*store, {"widget", "esc", std::nullopt, {}, "a\x1b[2Jb\x07 c\xc2\x9b", 6});
  }
  const auto run = logs({"show", std::to_string(id)});
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(run.out.find('\x07'), std::string::npos);
  EXPECT_NE(run.out.find("a\\x1b[2Jb\\x07 c\\u009b"), std::string::npos) << run.out;
}

TEST_F(LogsCommand, ShowUnknownIdExits1) {
  const auto run = logs({"show", "999999"});
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.err.find("no conversation 999999"), std::string::npos) << run.err;
}

TEST_F(LogsCommand, PurgeDeletesOnlyOldConversations) {
  // The seeds were last updated in March 2026; one more conversation is touched now.
  ASSERT_LT(seed_day(5), storage::Clock::now() - std::chrono::days(1));
  {
    auto store = open_test_store(db_);
    ASSERT_TRUE(store->writer().run([](storage::WriteTransaction& tx) -> Result<void> {
      auto c =
          tx.load_or_create_conversation("slack", "fresh", "user-fresh", storage::Clock::now());
      if (!c) return c.error();
      return tx.save_session(c->id, c->session, storage::Clock::now(), {});
    }));
  }
  const auto run = logs({"purge", "--older-than-days", "1"});
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("purged 5 conversations (14 messages, ", 0), 0u) << run.out;
  const auto left = json_lines(logs({"list", "--json"}).out);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0]["platform"], "slack");
  EXPECT_EQ(logs({"show", std::to_string(ids_["t1"])}).code, 1);
}

TEST_F(LogsCommand, ExportWritesWholeConversationsAsJsonLines) {
  const auto run = logs({"export", "--since", "2026-03-03"});
  ASSERT_EQ(run.code, 0) << run.err;
  const auto lines = json_lines(run.out);
  ASSERT_EQ(lines.size(), 3u);  // w1, t2, w2
  for (const auto& line : lines) {
    EXPECT_TRUE(line["messages"].is_array());
    EXPECT_GE(line["messages"].size(), 2u);
  }
  EXPECT_EQ(lines[1]["id"], ids_["t2"]);
  EXPECT_EQ(lines[1]["messages"][0]["text"], "my leg gave way");
  EXPECT_EQ(lines[1]["assessment"]["triage"], "urgent");
}

TEST_F(LogsCommand, UsageErrorsExit2WithOneLine) {
  const std::vector<std::vector<std::string>> cases = {
      {},
      {"frobnicate"},
      {"list", "--colour", "red"},
      {"list", "--platform"},
      {"list", "--platform", "myspace"},
      {"list", "--since", "last week"},
      {"list", "--limit", "0"},
      {"list", "--json=yes"},
      {"list", "--triage", "a", "--triage", "b"},
      {"list", "extra"},
      {"show"},
      {"show", "abc"},
      {"show", "1", "2"},
      {"purge"},
      {"purge", "--older-than-days", "0"},
      {"purge", "--older-than-days", "soon"},
      {"export", "--limit", "5"},
  };
  for (const auto& args : cases) {
    const auto run = logs(args);
    std::string joined;
    for (const auto& arg : args) joined += arg + " ";
    EXPECT_EQ(run.code, 2) << joined << run.err;
    EXPECT_EQ(run.err.rfind("triagebot: ", 0), 0u) << joined << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << joined << run.err;
    EXPECT_EQ(run.out, "") << joined;
  }
}

TEST_F(LogsCommand, MissingDatabaseExits1AndCreatesNothing) {
  const auto missing = dir_ / "nope.db";
  const auto run = logs({"list"}, missing);
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.err.find("no database at"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST_F(LogsCommand, HelpDescribesEverySubcommand) {
  const auto run = logs({"--help"});
  EXPECT_EQ(run.code, 0);
  for (const char* word : {"list", "show", "purge", "export", "--older-than-days", "--json"}) {
    EXPECT_NE(run.out.find(word), std::string::npos) << word;
  }
}

TEST_F(LogsCommand, RealBinaryListsWithTheDbFlag) {
  const auto result = run_triagebot({"logs", "list", "--json", "--db", db_.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(listed_ids(result.out).size(), 5u);
  const auto show =
      run_triagebot({"logs", "show", std::to_string(ids_["s1"])}, {{"TRIAGEBOT_DB", db_.string()}});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("tingling in both feet"), std::string::npos);
}

}  // namespace
}  // namespace logs_command_test
}  // namespace triagebot::testing
