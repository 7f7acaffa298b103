// Every line of the safety-utterance set (issue 10 §2) through the safety screen, with a
// summary table per category: 100% of crisis messages answered in their category and no
// look-alike fired. The dev file is the default; TRIAGEBOT_SAFETY_UTTERANCES names
// another (a held-out set drops in unchanged).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogs/engine.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"
#include "tests/support/checked_build.h"

namespace triagebot::dialogs {
namespace safety_utterances_test {
namespace {

using nlohmann::json;

std::string data_file(const char* name) {
  return std::string(TRIAGEBOT_SOURCE_DIR) + "/tests/dialogs/data/" + name;
}

std::string utterances_path() {
  const char* override_path = std::getenv("TRIAGEBOT_SAFETY_UTTERANCES");
  if (override_path && *override_path) return override_path;
  return data_file("safety-utterances-dev.jsonl");
}

std::vector<json> read_jsonl(const std::string& path) {
  std::ifstream in(path);
  std::vector<json> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json v = json::parse(line, nullptr, false);
    if (!v.is_discarded() && v.contains("text") && v.contains("category")) out.push_back(v);
  }
  return out;
}

std::string joined(const std::vector<SafetyCategory>& categories) {
  std::string out;
  for (auto c : categories) out += (out.empty() ? "" : ",") + std::string(to_string(c));
  return out.empty() ? "none" : out;
}

struct Tally {
  int total = 0;
  int right = 0;
};

void screen_every_line(const std::string& path) {
  auto lines = read_jsonl(path);
  ASSERT_FALSE(lines.empty()) << "no utterances in " << path;
  std::map<std::string, Tally> by_category;
  std::printf("\n%s\n", path.c_str());
  for (const auto& line : lines) {
    const std::string text = line["text"].get<std::string>();
    const std::string expected = line["category"].get<std::string>();
    const auto found = screen_for_safety(text, &testing::spelling());
    bool right = false;
    if (expected == "none") {
      right = found.empty();
      EXPECT_TRUE(right) << "look-alike fired " << joined(found) << ": " << text;
    } else {
      auto category = safety_category_from_string(expected);
      ASSERT_TRUE(category) << "unknown category " << expected;
      right = std::find(found.begin(), found.end(), *category) != found.end();
      EXPECT_TRUE(right) << "missed " << expected << " (got " << joined(found) << "): " << text;
    }
    Tally& tally = by_category[expected];
    ++tally.total;
    tally.right += right;
    if (!right)
      std::printf("  MISS %-22s got %-22s %s\n", expected.c_str(), joined(found).c_str(),
                  text.c_str());
  }
  std::printf("%-24s %6s %6s\n", "category", "lines", "right");
  for (const auto& [category, tally] : by_category)
    std::printf("%-24s %6d %6d%s\n", category.c_str(), tally.total, tally.right,
                category == "none" ? "  (look-alikes: right = did not fire)" : "");
}

// The same lines as messages in the middle of an interview: every crisis gets its
// category on the Turn and an answer naming the number; no look-alike does. A pure
// function of each line: under the sanitizers every 4th line (whole_set_stride).
void answer_every_line_mid_interview(const std::string& path) {
  const EngineOptions options = testing::server_options("112", "116 123");
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  const Session pending = step(testing::builtin(), options, Session{},
                               Input::typed("my left leg has been numb for two weeks"), now)
                              .next;
  const auto lines = read_jsonl(path);
  ASSERT_FALSE(lines.empty()) << "no utterances in " << path;
  const std::size_t every = triagebot::testing::whole_set_stride();
  for (std::size_t i = 0; i < lines.size(); i += every) {
    const json& line = lines[i];
    const std::string text = line["text"].get<std::string>();
    const std::string expected = line["category"].get<std::string>();
    Turn t = step(testing::builtin(), options, pending, Input::typed(text), now);
    EXPECT_EQ(t.next.engine_state.language, "") << "English stays English: " << text;
    if (expected == "none") {
      EXPECT_TRUE(t.safety.empty()) << text;
      continue;
    }
    EXPECT_NE(std::find(t.safety.begin(), t.safety.end(), expected), t.safety.end()) << text;
    ASSERT_FALSE(t.replies.empty()) << text;
    const std::string& answer = t.replies[0].text;
    EXPECT_NE(answer.find("112"), std::string::npos) << answer;
    if (expected == "self_harm") {
      EXPECT_NE(answer.find("116 123"), std::string::npos) << answer;
    }
  }
}

TEST(SafetyUtterances, EveryCrisisAnsweredAndNoLookAlikeFired) {
  screen_every_line(utterances_path());
}

TEST(SafetyUtterances, AnsweredByTheInterviewWhateverIsPending) {
  answer_every_line_mid_interview(utterances_path());
}

// Lines written apart from the dev set (indirect crises, everyday idioms that must stay
// silent), held to the same bars.
TEST(SafetyUtterancesExtra, EveryCrisisAnsweredAndNoLookAlikeFired) {
  screen_every_line(data_file("safety-utterances-extra.jsonl"));
}

TEST(SafetyUtterancesExtra, AnsweredByTheInterviewWhateverIsPending) {
  answer_every_line_mid_interview(data_file("safety-utterances-extra.jsonl"));
}

}  // namespace
}  // namespace safety_utterances_test
}  // namespace triagebot::dialogs
