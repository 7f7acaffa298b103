// The knowledge-base loader: the built-in file loads and carries every canonical id, and
// each kind of broken file is refused with a message that names the place.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "dialogs/knowledge.h"
#include "dialogs/knowledge_data.h"
#include "tests/dialogs/test_knowledge.h"

namespace triagebot::dialogs {
namespace knowledge_test {
namespace {

using nlohmann::json;

json builtin_json() { return json::parse(builtin_knowledge_json()); }

json& find_id(json& list, const std::string& id) {
  for (auto& item : list) {
    if (item["id"] == id) return item;
  }
  ADD_FAILURE() << "no " << id;
  return list[0];
}

// Loads the built-in file after `edit`, expecting an error containing `where`.
void expect_refused(const std::function<void(json&)>& edit, const std::string& where) {
  json kb = builtin_json();
  edit(kb);
  auto loaded = load_knowledge(kb.dump());
  ASSERT_FALSE(loaded) << "accepted a file broken at " << where;
  EXPECT_NE(loaded.error().message.find(where), std::string::npos) << loaded.error().message;
}

TEST(Knowledge, BuiltinLoadsWithEveryCanonicalCauseAndRedFlag) {
  auto loaded = load_knowledge(builtin_knowledge_json());
  ASSERT_TRUE(loaded) << loaded.error().message;
  const KnowledgeData& k = loaded->data();
  EXPECT_GE(k.causes.size(), 19u);
  EXPECT_GE(k.red_flags.size(), 8u);
  for (const auto& c : k.causes) EXPECT_FALSE(c.sources.empty()) << c.id;
}

TEST(Knowledge, EveryQuestionOffersNotSureAndShortAsciiChoiceIds) {
  for (const auto& q : testing::builtin().data().questions) {
    ASSERT_FALSE(q.choices.empty());
    EXPECT_EQ(q.choices.back().label, "Not sure") << q.id;
    if (q.kind == QuestionKind::yes_no) {
      ASSERT_EQ(q.choices.size(), 3u);
      EXPECT_EQ(q.choices[0].label, "Yes");
      EXPECT_EQ(q.choices[1].label, "No");
    }
    for (const auto& c : q.choices) EXPECT_LE(c.id.size(), 64u) << c.id;
  }
}

TEST(Knowledge, RefusesMalformedJson) {
  auto loaded = load_knowledge("{\"findings\": [");
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find("malformed JSON"), std::string::npos);
}

TEST(Knowledge, RefusesUnknownFindingInALikelihood) {
  expect_refused([](json& kb) { kb["causes"][1]["likelihoods"]["no_such_finding"] = 0.5; },
                 "causes[1].likelihoods.no_such_finding: unknown finding");
}

TEST(Knowledge, RefusesUnknownFindingInAQuestion) {
  expect_refused(
      [](json& kb) { find_id(kb["questions"], "q_side")["choices"][0]["sets"][0] = "elbow"; },
      "choices[0].sets[0]: unknown finding 'elbow'");
}

TEST(Knowledge, RefusesMissingQuestionText) {
  expect_refused([](json& kb) { kb["questions"][2].erase("text"); },
                 "questions[2]: missing 'text'");
}

TEST(Knowledge, RefusesMissingBotText) {
  expect_refused([](json& kb) { kb["texts"].erase("disclaimer"); }, "missing text 'disclaimer'");
}

TEST(Knowledge, RefusesProbabilityOutOfRange) {
  expect_refused([](json& kb) { kb["causes"][0]["likelihoods"]["diabetes"] = 1.5; },
                 "causes[0].likelihoods.diabetes: probability out of range");
}

TEST(Knowledge, RefusesATemperatureThatIsNoBodyTemperature) {
  expect_refused([](json& kb) { find_id(kb["findings"], "fever")["from_temperature_c"] = 100.4; },
                 "from_temperature_c: must be a body temperature");
  expect_refused([](json& kb) { find_id(kb["findings"], "fever")["from_temperature_c"] = "38"; },
                 "from_temperature_c: must be a number");
}

TEST(Knowledge, RefusesAnAlcoholLimitThatIsNoWeeklyAmount) {
  expect_refused(
      [](json& kb) { find_id(kb["findings"], "alcohol_heavy")["above_units_per_week"] = 0; },
      "above_units_per_week: must be units of alcohol a week");
  expect_refused(
      [](json& kb) { find_id(kb["findings"], "alcohol_heavy")["above_units_per_week"] = "14"; },
      "above_units_per_week: must be a number");
}

TEST(Knowledge, RefusesADayByDayMarkThatIsNoBoolean) {
  expect_refused([](json& kb) { find_id(kb["findings"], "worsening")["from_day_by_day"] = "yes"; },
                 "from_day_by_day: must be true or false");
}

TEST(Knowledge, RefusesPriorOutOfRange) {
  expect_refused([](json& kb) { kb["causes"][3]["prior"] = -0.1; },
                 "causes[3].prior: probability out of range");
}

TEST(Knowledge, RefusesUnreachableQuestion) {
  // A question gated on a finding that no question and no phrase can ever set.
  expect_refused(
      [](json& kb) {
        kb["findings"].push_back(
            {{"id", "never_set"}, {"base", 0.1}, {"says_yes", "x"}, {"says_no", "y"}});
        find_id(kb["questions"], "q_night")["ask_if"] = {{"all", {"never_set"}}};
      },
      "unreachable question");
}

TEST(Knowledge, RefusesMissingCanonicalCause) {
  expect_refused(
      [](json& kb) {
        auto& causes = kb["causes"];
        for (size_t i = 0; i < causes.size(); ++i) {
          if (causes[i]["id"] == "meralgia_paresthetica") causes.erase(i);
        }
      },
      "missing canonical cause 'meralgia_paresthetica'");
}

TEST(Knowledge, RefusesMissingCanonicalRedFlag) {
  expect_refused(
      [](json& kb) {
        auto& flags = kb["red_flags"];
        for (size_t i = 0; i < flags.size(); ++i) {
          if (flags[i]["id"] == "spinal_trauma") flags.erase(i);
        }
      },
      "missing canonical red flag 'spinal_trauma'");
}

TEST(Knowledge, RefusesUnknownRedFlagOnAScreen) {
  expect_refused(
      [](json& kb) { find_id(kb["questions"], "q_stroke")["red_flags"][0] = "stroek_signs"; },
      "unknown red flag 'stroek_signs'");
}

TEST(Knowledge, RefusesUnknownSource) {
  expect_refused([](json& kb) { kb["causes"][0]["sources"][0] = "wikipedia"; },
                 "causes[0].sources[0]: unknown source");
}

TEST(Knowledge, RefusesRedFlagGuidanceWithoutTheNumber) {
  expect_refused([](json& kb) { kb["red_flags"][0]["guidance"] = "See someone."; },
                 "red_flags[0].guidance: must name {number}");
}

TEST(Knowledge, RefusesBadPhrase) {
  expect_refused([](json& kb) { kb["findings"][0]["phrases"][0] = "... face"; },
                 "findings[0].phrases[0]: bad phrase");
}

}  // namespace
}  // namespace knowledge_test
}  // namespace triagebot::dialogs
