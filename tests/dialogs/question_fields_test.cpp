// What a question asks about is said by its fields in the knowledge base (`time_asked`,
// `asks_if_pain`; dialogs/knowledge/SCHEMA.md), not guessed from its English: the same
// question reworded reads its answers the same way while it keeps its fields, and
// loses those readings when they are taken away.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "dialogs/knowledge.h"
#include "dialogs/parser.h"

namespace triagebot::dialogs {
namespace question_fields_test {
namespace {

using nlohmann::json;

// The built-in knowledge base with question `id` given `text`, then `edit`ed.
Knowledge reworded(const std::string& id, const std::string& text,
                   const std::function<void(json&)>& edit) {
  json kb = json::parse(builtin_knowledge_json());
  for (auto& q : kb["questions"]) {
    if (q["id"] != id) continue;
    q["text"] = text;
    edit(q);
  }
  auto loaded = load_knowledge(kb.dump());
  if (!loaded) throw std::runtime_error(loaded.error().message);
  return std::move(*loaded);
}

Answer answer(const Knowledge& k, const std::string& id, const std::string& text) {
  const QuestionDef* q = k.data().question(id);
  if (!q) throw std::runtime_error("no question " + id);
  return read_message(k.data(), text, q, nullptr).answer;
}

const auto keep = [](json&) {};
const auto drop = [](const char* field) { return [field](json& q) { q.erase(field); }; };

TEST(QuestionFields, TheRecentPastDeniedLastIsANoWhereTheQuestionNamesIt) {
  const std::string text = "Over the past few months, have you had a fall or a knock to the back?";
  const std::string reply =
      "I fall off things all the time lol, nothing in the last few months though";
  EXPECT_EQ(answer(reworded("q_injury", text, keep), "q_injury", reply), Answer::no);
  EXPECT_NE(answer(reworded("q_injury", text, drop("time_asked")), "q_injury", reply), Answer::no);
}

TEST(QuestionFields, AMonthAgoIsInsideTheLastWeeksWhereTheQuestionNamesThem) {
  const std::string text = "Since about six weeks back, have you been ill with an infection?";
  EXPECT_EQ(
      answer(reworded("q_infection", text, keep), "q_infection", "had covid about a month ago"),
      Answer::yes);
  EXPECT_NE(answer(reworded("q_infection", text, drop("time_asked")), "q_infection",
                   "had covid about a month ago"),
            Answer::yes);
}

TEST(QuestionFields, APainMadeLightOfIsAYesWhereTheQuestionAsksIfThereIsPain) {
  const std::string text = "Is your back or neck painful?";
  EXPECT_EQ(answer(reworded("q_back_pain", text, keep), "q_back_pain", "only a dull ache"),
            Answer::yes);
  EXPECT_NE(answer(reworded("q_back_pain", text, drop("asks_if_pain")), "q_back_pain",
                   "only a dull ache"),
            Answer::yes);
}

TEST(QuestionFields, AnUnknownTimeAskedIsRefused) {
  json kb = json::parse(builtin_knowledge_json());
  kb["questions"][0]["time_asked"] = "lately";
  auto loaded = load_knowledge(kb.dump());
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find(
                "questions[0].time_asked: must be \"recent\" or \"last_weeks\", not 'lately'"),
            std::string::npos)
      << loaded.error().message;
}

}  // namespace
}  // namespace question_fields_test
}  // namespace triagebot::dialogs
