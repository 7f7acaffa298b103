// The engine's cheaper reads (issue 13) against the whole reading they stand for, on
// every message of the clinical dev sets and on each joined with the words another one
// would keep (red_flags_across reads such joins on nearly every typed message):
// - read_findings_and_flags gives read_message's findings, evidence and red flags;
// - read_what_may_raise_red_flags gives the same, or stops only where that reading
//   states no finding a red-flag rule reads and names no red flag.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "dialogs/knowledge_data.h"
#include "dialogs/parser.h"
#include "dialogs/previous_message.h"
#include "dialogs/safety_text.h"
#include "tests/dialogs/simulated_patient.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"

namespace triagebot::dialogs::testing::partial_reading_test {
namespace {

std::vector<std::string> messages() {
  std::set<std::string> out;
  for (const char* file : {"vignettes-dev.jsonl", "vignettes-dev-hard.jsonl"}) {
    for (const auto& v : read_vignettes(vignette_data_file(file))) {
      out.insert(v["opening"].get<std::string>());
      for (const auto& fact : v["facts"]) out.insert(fact["say"].get<std::string>());
    }
  }
  for (const auto& row : read_vignettes(vignette_data_file("answers-dev.jsonl")))
    out.insert(row["answer"].get<std::string>());
  for (const auto& row : read_vignettes(vignette_data_file("safety-utterances-dev.jsonl")))
    out.insert(row["text"].get<std::string>());
  return {out.begin(), out.end()};
}

// Each message alone, and joined after the words the one before it (in the set's
// order) would keep, as red_flags_across joins them.
std::vector<std::string> texts_and_joins() {
  const auto all = messages();
  std::vector<std::string> out = all;
  for (size_t i = 1; i < all.size(); ++i) {
    const std::string kept = words_to_keep(safety::clauses_of(all[i - 1]));
    if (!kept.empty()) out.push_back(kept + " " + all[i]);
  }
  return out;
}

void expect_same(const Reading& got, const Reading& whole, const std::string& text) {
  EXPECT_EQ(got.findings, whole.findings) << text;
  EXPECT_EQ(got.evidence, whole.evidence) << text;
  EXPECT_EQ(got.red_flags, whole.red_flags) << text;
}

TEST(PartialReading, FindingsAndFlagsAreTheWholeReadings) {
  const KnowledgeData& k = builtin().data();
  const auto texts = texts_and_joins();
  ASSERT_GT(texts.size(), 1000u);
  for (const auto& text : texts) {
    const Reading whole = read_message(k, text, nullptr, &spelling());
    const Reading part = read_findings_and_flags(k, text, &spelling());
    expect_same(part, whole, text);
    EXPECT_FALSE(part.age_years) << text;
    EXPECT_FALSE(part.duration_days) << text;
  }
}

TEST(PartialReading, StopsOnlyWhereNoRedFlagCanBeRaised) {
  const KnowledgeData& k = builtin().data();
  int stopped = 0, read_on = 0;
  for (const auto& text : texts_and_joins()) {
    const Reading whole = read_findings_and_flags(k, text, &spelling());
    const auto part = read_what_may_raise_red_flags(k, text, &spelling());
    if (part) {
      ++read_on;
      expect_same(*part, whole, text);
      continue;
    }
    ++stopped;
    EXPECT_TRUE(whole.red_flags.empty()) << text;
    for (const auto& [f, value] : whole.findings)
      EXPECT_FALSE(value && k.read_by_red_flag_rule(f)) << k.findings[f].id << ": " << text;
  }
  // Both ways are taken on these messages, or the test would show nothing.
  EXPECT_GT(stopped, 50);
  EXPECT_GT(read_on, 50);
}

TEST(PartialReading, RedFlagFindingsAreWhatRulesReadAndTheirGroups) {
  const KnowledgeData& k = builtin().data();
  ASSERT_EQ(k.red_flag_findings.size(), k.findings.size());
  std::set<int> read;
  for (const auto& flag : k.red_flags) {
    for (const auto& rule : flag.rules) {
      for (const auto* list : {&rule.all, &rule.any, &rule.none, &rule.not_false})
        read.insert(list->begin(), list->end());
    }
  }
  ASSERT_FALSE(read.empty());
  for (size_t f = 0; f < k.findings.size(); ++f) {
    bool expected = read.count(static_cast<int>(f)) != 0;
    for (int g : k.findings[f].siblings) expected = expected || read.count(g) != 0;
    EXPECT_EQ(k.read_by_red_flag_rule(static_cast<int>(f)), expected) << k.findings[f].id;
  }
  // (In the built-in base every group a rule reads has all its members in some rule:
  // the sibling clause is for other knowledge files.)
  EXPECT_TRUE(k.read_by_red_flag_rule(k.finding("limb_cold_pale")));
  EXPECT_TRUE(k.read_by_red_flag_rule(k.finding("both_legs")));
  EXPECT_FALSE(k.read_by_red_flag_rule(k.finding("diabetes")));
  // Outside the table (a knowledge base built some other way): read, the safe answer.
  EXPECT_TRUE(k.read_by_red_flag_rule(static_cast<int>(k.findings.size())));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::partial_reading_test
