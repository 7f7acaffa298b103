// The engine's cheaper reads (issue 13) against the whole reading they stand for, on
// every message of the clinical dev sets and on each joined with the words another one
// would keep (red_flags_across reads such joins on nearly every typed message):
// - read_findings_and_flags gives read_message's findings, evidence and red flags;
// - read_what_may_matter gives the same, or stops only where that reading names no red
//   flag and states true only findings it asked about;
// - kept words are cut into the screen's clause once, as cutting them twice did.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "dialogs/knowledge_data.h"
#include "dialogs/parser.h"
#include "dialogs/previous_message.h"
#include "dialogs/reasoner.h"
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

TEST(PartialReading, StopsOnlyWhereNothingItCouldStateMatters) {
  const KnowledgeData& k = builtin().data();
  int stopped = 0, read_on = 0;
  for (const auto& text : texts_and_joins()) {
    const Reading whole = read_findings_and_flags(k, text, &spelling());
    // Told that nothing matters, it stops unless a red flag's phrase may start; what it
    // was asked about must cover every finding the whole reading states true.
    std::vector<int> asked;
    bool consulted = false;
    const auto part = read_what_may_matter(k, text, &spelling(), [&](const std::vector<int>& f) {
      asked = f;
      consulted = true;
      return false;
    });
    if (part) {
      // Read on only because a red flag's phrase may start in it.
      ++read_on;
      EXPECT_FALSE(consulted) << text;
      expect_same(*part, whole, text);
    } else {
      ++stopped;
      EXPECT_TRUE(consulted) << text;
      EXPECT_TRUE(whole.red_flags.empty()) << text;
    }
    for (const auto& [f, value] : whole.findings) {
      if (!value) continue;
      if (!part) {
        EXPECT_NE(std::find(asked.begin(), asked.end(), f), asked.end())
            << k.findings[f].id << ": " << text;
      }
    }
    // Told that everything matters, it reads on and gives the whole reading.
    const auto all = read_what_may_matter(k, text, &spelling(), [](const auto&) { return true; });
    ASSERT_TRUE(all.has_value()) << text;
    expect_same(*all, whole, text);
  }
  // Both ways are taken on these messages, or the test would show nothing.
  EXPECT_GT(stopped, 500);
  EXPECT_GT(read_on, 20);
}

// Facts::could_hold, which the engine asks of every red-flag rule with the findings a
// join could state: false only where no choice of those findings can make it hold.
TEST(PartialReading, CouldHoldIsFalseOnlyWhereNothingStatedCanMakeItHold) {
  const KnowledgeData& k = builtin().data();
  const int a = k.finding("diabetes"), b = k.finding("fever"), c = k.finding("back_pain"),
            d = k.finding("weight_loss");
  ASSERT_TRUE(a >= 0 && b >= 0 && c >= 0 && d >= 0);
  Facts facts(k);
  facts.set(a, true);
  facts.set(d, false);
  Condition all{{a, b}, {}, {}, {}};
  EXPECT_FALSE(facts.could_hold(all, {}));
  EXPECT_FALSE(facts.could_hold(all, {c}));
  EXPECT_TRUE(facts.could_hold(all, {c, b}));
  Condition any{{}, {b, c}, {}, {}};
  EXPECT_FALSE(facts.could_hold(any, {d}));
  EXPECT_TRUE(facts.could_hold(any, {c}));
  EXPECT_TRUE(facts.could_hold(Condition{{}, {a, b}, {}, {}}, {}));
  // A finding already true stays true: "none" of it never holds again.
  EXPECT_FALSE(facts.could_hold(Condition{{b}, {}, {a}, {}}, {b}));
  EXPECT_TRUE(facts.could_hold(Condition{{b}, {}, {c}, {}}, {b}));
  // A false finding stays false unless it may be stated true (late news counts).
  EXPECT_FALSE(facts.could_hold(Condition{{b}, {}, {}, {d}}, {b}));
  EXPECT_TRUE(facts.could_hold(Condition{{b}, {}, {}, {d}}, {b, d}));
  // Against every rule: whenever a rule holds, could_hold says so with nothing stated.
  for (const auto& flag : k.red_flags) {
    for (const auto& rule : flag.rules) {
      if (facts.holds(rule)) {
        EXPECT_TRUE(facts.could_hold(rule, {})) << flag.id;
      }
    }
  }
}

// kept_words cuts the stored words once where cutting them twice, as the engine did
// (once to single-space them, once more for the screen), gives the same clause.
TEST(PartialReading, KeptWordsAreCutAsTwiceBefore) {
  auto twice = [](const std::string& stored) {
    std::string words;
    for (const auto& word : clause_of_kept(stored)) words += (words.empty() ? "" : " ") + word;
    return KeptWords{words, clause_of_kept(words)};
  };
  std::vector<std::string> stored = {"",
                                     "my chest",
                                     "i can, not feel it",
                                     "he could. not",
                                     "can not",
                                     "i CAN'T feel my",
                                     "cant but not this",
                                     "a b c d e f g h i j",
                                     "please, can. not! could; not, can",
                                     "café résumé — naïve",
                                     "  spaced   out  ",
                                     "can’t",
                                     "9 to 5"};
  for (const auto& text : messages()) {
    stored.push_back(words_to_keep(safety::clauses_of(text)));
    stored.push_back(text);  // a stored value this build never wrote
  }
  for (const auto& s : stored) {
    const KeptWords once = kept_words(s), expected = twice(s);
    EXPECT_EQ(once.words, expected.words) << s;
    EXPECT_EQ(once.clause, expected.clause) << s;
  }
}

}  // namespace
}  // namespace triagebot::dialogs::testing::partial_reading_test
