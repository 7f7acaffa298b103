// The loader's checks for the fields of issue 10: red flags that could never be closed,
// re-asks without plainer words, self-care without its defining feature, a safety net
// without its signs, and red flags pointing at unknown causes.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "dialogs/knowledge.h"

namespace triagebot::dialogs {
namespace knowledge_rules_test {
namespace {

using nlohmann::json;

json& find_id(json& list, const std::string& id) {
  for (auto& item : list) {
    if (item["id"] == id) return item;
  }
  ADD_FAILURE() << "no " << id;
  return list[0];
}

void expect_refused(const std::function<void(json&)>& edit, const std::string& message) {
  json kb = json::parse(builtin_knowledge_json());
  edit(kb);
  auto loaded = load_knowledge(kb.dump());
  ASSERT_FALSE(loaded) << "accepted: " << message;
  EXPECT_NE(loaded.error().message.find(message), std::string::npos) << loaded.error().message;
}

TEST(KnowledgeRules, RefusesARedFlagRuleNoQuestionCouldClose) {
  expect_refused(
      [](json& kb) {
        find_id(kb["red_flags"], "spinal_trauma")["rules"].push_back(
            {{"all", {"back_injury", "calf_swelling"}}});
      },
      "no question asks 'calf_swelling'");
}

TEST(KnowledgeRules, RefusesAClosingQuestionOrScreenWithoutPlainerWords) {
  expect_refused([](json& kb) { find_id(kb["questions"], "q_worse").erase("plainer"); },
                 "closes a red flag needs plainer words");
  expect_refused([](json& kb) { find_id(kb["questions"], "q_saddle").erase("plainer"); },
                 "screen needs plainer words");
}

TEST(KnowledgeRules, RefusesSelfCareWithoutItsDefiningFeature) {
  expect_refused(
      [](json& kb) { find_id(kb["causes"], "positional_compression").erase("self_care_when"); },
      "must say what confirms it");
}

TEST(KnowledgeRules, RefusesASafetyNetWithoutItsSigns) {
  expect_refused([](json& kb) { kb["texts"]["safety_net"] = "Call {number} if worse."; },
                 "texts.safety_net: must hold {signs}");
  expect_refused([](json& kb) { kb["safety_net"] = json::array(); }, "safety_net");
}

TEST(KnowledgeRules, RefusesARedFlagPointingAtAnUnknownCause) {
  expect_refused(
      [](json& kb) { find_id(kb["red_flags"], "stroke_signs")["causes"].push_back("migraine"); },
      "red_flags[0].causes[1]: unknown cause");
}

}  // namespace
}  // namespace knowledge_rules_test
}  // namespace triagebot::dialogs
