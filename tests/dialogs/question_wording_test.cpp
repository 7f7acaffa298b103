// A question's words pick the answer the simulated patient of clinical/VIGNETTES.md gives:
// it answers with the first fact one of whose `match` strings is in the question's text,
// and people answer the topic they recognise in the same way. A question that carries
// another topic's word is answered about that topic: "Have you had a sudden, severe
// headache?" was answered "Suddenly when I stood up" (the onset fact's "sudden"), read as
// not sure twice, and a kneeling student's numb feet ended as a possible stroke
// (2026-12-07, docs/reading.md "Question wording"). So every question, as first asked and
// as asked again plainer, must reach only its own topic's facts in the published
// vignettes, or none (then the patient presses "No").
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogs/knowledge.h"
#include "tests/dialogs/simulated_patient.h"

namespace triagebot::dialogs::testing::question_wording_test {
namespace {

using nlohmann::json;

// The facts (by their first match string) each question may reach in the published sets.
// A fact's first match string names its topic there ("how fast" is the onset fact).
const std::map<std::string, std::set<std::string>>& own_topics() {
  static const std::map<std::string, std::set<std::string>> topics = {
      {"q_stroke", {"face", "speech"}},
      {"q_saddle", {"groin"}},
      {"q_bladder", {"bladder"}},
      {"q_cold", {"pale"}},
      {"q_weak", {"weak"}},
      {"q_breath", {"breath"}},
      {"q_injury", {"injur"}},
      {"q_back_pain", {"back pain", "neck"}},
      {"q_fever", {"fever"}},
      {"q_inject", {"inject", "needle"}},
      {"q_immune", {"immun"}},
      {"q_cancer", {"cancer"}},
      {"q_age", {"how old"}},
      {"q_side", {"both legs"}},
      {"q_onset", {"how fast", "sudden"}},
      {"q_duration", {"how long"}},
      {"q_sex", {"male or female"}},
      {"q_pregnant", {"pregnan"}},
      {"q_worse", {"spread"}},
      {"q_shooting", {"shoot", "below the knee"}},
      {"q_cough", {"cough"}},
      {"q_sitting", {"sitting", "worse when you sit"}},
      {"q_lifting", {"lifting", "lifting something"}},
      {"q_walking", {"walk"}},
      {"q_stand_still", {"standing still", "stand still"}},
      {"q_sit_bend", {"sit down or bend", "sitting"}},
      // "kneeling" holds "knee".
      {"q_position", {"one position", "asleep", "sitting", "below the knee"}},
      {"q_resolved", {"go away", "right now"}},
      // "toes" and "feet" are in the fact about where below the knee.
      {"q_sock", {"sock", "below the knee"}},
      {"q_hands", {"hands", "hand", " arm", "tingl"}},
      {"q_outer_thigh", {"outside of your thigh", "thigh"}},
      {"q_night", {"at night"}},
      {"q_diabetes", {"diabet"}},
      {"q_alcohol", {"alcohol"}},
      {"q_medicine", {"medicine", "new medicine"}},
      {"q_diet", {"vegan", "diet"}},
      {"q_b12", {"stomach surgery", "surgery"}},
      {"q_tired", {"tired"}},
      {"q_balance", {"balance", "unsteady"}},
      {"q_tick", {"tick"}},
      {"q_rash", {"rash", " rash"}},
      {"q_smoking", {"smok"}},
      {"q_vascular", {"blood pressure"}},
      {"q_prior", {"earlier episode", "previous"}},
      {"q_infection", {"infection"}},
      {"q_toxin", {"metal", "work"}},
      {"q_weight_gain", {"put on weight", "belt"}},
      {"q_local_injury", {"operated on", "surgery"}},
      {"q_weight_loss", {"lost weight", "weight loss"}},
      // "a spinal injection" holds "inject": the street-drug fact answers it "no".
      {"q_procedure", {"epidural", "inject", "needle"}},
      {"q_headache", {}},
      {"q_neck_shock", {}},
  };
  return topics;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The vignettes published with the brief (clinical/vignettes-dev*.jsonl).
std::vector<json> published_vignettes() {
  std::vector<json> out;
  for (const char* name : {"vignettes-dev.jsonl", "vignettes-dev-hard.jsonl"})
    for (auto& v : read_vignettes(vignette_data_file(name))) out.push_back(std::move(v));
  return out;
}

// The first match string of the fact the simulated patient answers `question_text` with,
// or "" for none.
std::string fact_reached(const json& vignette, const std::string& question_text) {
  const std::string text = lower(question_text);
  for (const auto& fact : vignette.at("facts")) {
    for (const auto& match : fact.at("match")) {
      if (text.find(match.get<std::string>()) != std::string::npos)
        return fact.at("match").at(0).get<std::string>();
    }
  }
  return "";
}

TEST(QuestionWording, EachQuestionReachesOnlyItsOwnFactsInThePublishedVignettes) {
  const json kb = json::parse(builtin_knowledge_json());
  const std::vector<json> vignettes = published_vignettes();
  ASSERT_GT(vignettes.size(), 20u);
  int checked = 0;
  for (const auto& q : kb.at("questions")) {
    const std::string id = q.at("id");
    const auto own = own_topics().find(id);
    ASSERT_NE(own, own_topics().end()) << id << " has no topic here: add it";
    for (const char* kind : {"text", "plainer"}) {
      if (!q.contains(kind)) continue;
      const std::string text = q.at(kind);
      for (const auto& v : vignettes) {
        const std::string reached = fact_reached(v, text);
        ++checked;
        EXPECT_TRUE(reached.empty() || own->second.count(reached))
            << id << " (" << kind << ") \"" << text << "\" reaches the \"" << reached
            << "\" fact of " << v.at("id").get<std::string>();
      }
    }
  }
  EXPECT_GT(checked, 1000);
}

// The words put before a question asked again ("I'm asking again because this one
// matters.", "Thank you. I'm asking about the person with the numb leg themselves, not
// anyone else:") reach no fact: the question after them decides the answer. ("not their
// family" reached a vignette's family-history fact.)
TEST(QuestionWording, TheWordsBeforeAQuestionAskedAgainReachNoFact) {
  const json kb = json::parse(builtin_knowledge_json());
  const std::vector<json> vignettes = published_vignettes();
  for (const char* key : {"plainer_intro", "clarify_intro", "someone_else_intro"}) {
    ASSERT_TRUE(kb.at("texts").contains(key)) << key;
    const std::string intro = kb.at("texts").at(key);
    for (const auto& v : vignettes)
      EXPECT_EQ(fact_reached(v, intro), "") << key << " reaches a fact of " << v.at("id");
  }
}

// The test above can fail: the old wording of the headache question reached the onset
// fact.
TEST(QuestionWording, TheOldHeadacheWordingReachedTheOnsetFact) {
  const auto vignettes = read_vignettes(vignette_data_file("vignettes-dev-hard.jsonl"));
  ASSERT_FALSE(vignettes.empty());
  const auto reached = fact_reached(vignettes.front(), "Have you had a sudden, severe headache?");
  EXPECT_FALSE(reached.empty());
  EXPECT_EQ(own_topics().at("q_headache").count(reached), 0u);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::question_wording_test
