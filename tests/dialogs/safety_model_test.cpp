// The safety screen's learned backstop (dialogs/safety_model.h): its file format, that the
// committed model is what the committed data trains, and what it adds on lines it has
// never seen: a round of crisis lines held out of training, and a fifth of the ordinary
// messages, scored by a model trained on the rest (docs/safety.md "The learned
// backstop"). TRIAGEBOT_RECORD_SAFETY_MODEL=<path> writes the model the data trains.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "dialogs/safety_model.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_model_data.h"
#include "tests/dialogs/safety_model_training.h"
#include "tests/dialogs/test_spelling.h"
#include "tests/support/checked_build.h"

namespace triagebot::dialogs::testing::safety_model_test {
namespace {

using safety::SafetyModel;

std::string categories_with(const std::string& chest_weights) {
  std::string out = R"({"format": 1, "threshold": 0.9, "categories": {)";
  const char* names[] = {
      "chest_pain", "breathing", "collapse_unresponsive", "severe_bleeding", "overdose_poisoning",
      "self_harm",  "abuse"};
  for (const char* name : names) {
    out += std::string(name == names[0] ? "" : ", ") + "\"" + name +
           R"(": {"bias": -5, "weights": )" + (name == names[0] ? chest_weights : "{}") + "}";
  }
  return out + "}}";
}

std::vector<std::uint64_t> features_of(const std::string& text) {
  return safety::model_features(safety::clauses_of(text));
}

TEST(SafetyModel, ScoresWordsAndPairsAgainstItsThreshold) {
  auto model = SafetyModel::from_json(categories_with(R"({"elephant": 4, "my chest": 4})"));
  ASSERT_TRUE(model) << model.error().message;
  // -5 + 4 + 4: 0.95, over 0.9; one feature alone is not.
  EXPECT_EQ(model->verdict(features_of("an elephant sat on my chest")), SafetyCategory::chest_pain);
  EXPECT_FALSE(model->verdict(features_of("the elephant at the zoo")));
  // A pair is two neighbouring words of one clause, not across a comma.
  EXPECT_FALSE(model->verdict(features_of("an elephant, my, chest")));
}

// A physical emergency the backstop names in a message that opens by supposing one is a
// question, as the rules take it; the same words told now are answered.
TEST(SafetyModel, TheBackstopLeavesASuppositionAlone) {
  auto model = SafetyModel::from_json(categories_with(R"({"elephant": 4, "my chest": 4})"));
  ASSERT_TRUE(model) << model.error().message;
  auto verdict = [&](const std::string& text) {
    const auto clauses = safety::clauses_of(text);
    return safety::backstop_verdict(*model, index_clauses(clauses, nullptr));
  };
  EXPECT_EQ(verdict("an elephant sat on my chest"), SafetyCategory::chest_pain);
  EXPECT_FALSE(verdict("what if an elephant sat on my chest"));
  EXPECT_FALSE(verdict("if an elephant ever sat on my chest"));
}

TEST(SafetyModel, ABrokenFileIsRefusedWithWhatIsWrong) {
  EXPECT_FALSE(SafetyModel::from_json("not json"));
  auto wrong_format = SafetyModel::from_json(R"({"format": 2})");
  ASSERT_FALSE(wrong_format);
  EXPECT_NE(wrong_format.error().message.find("format"), std::string::npos);
  auto threshold = SafetyModel::from_json(R"({"format": 1, "threshold": 0.2, "categories": {}})");
  ASSERT_FALSE(threshold);
  EXPECT_NE(threshold.error().message.find("threshold"), std::string::npos);
  auto missing = SafetyModel::from_json(R"({"format": 1, "threshold": 0.9, "categories": {}})");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("chest_pain"), std::string::npos);
  EXPECT_FALSE(SafetyModel::from_json(categories_with(R"({"elephant": "big"})")));
}

TEST(SafetyModel, TheCommittedModelIsWhatTheCommittedDataTrains) {
  const char* record = std::getenv("TRIAGEBOT_RECORD_SAFETY_MODEL");
  // A training of the test's own trainer on every line, checked against the committed
  // file: the Release tree runs it; under the sanitizers it took 20 s of CPU and checks
  // no server code the model's other tests do not (as the held-out measure below).
  if (triagebot::testing::kSanitized && !record) GTEST_SKIP() << "Release tree only";
  const auto messages = safety_training_messages();
  const std::string trained = safety::train_safety_model(messages);
  if (record) {
    std::ofstream(record) << trained;
    GTEST_SKIP() << "written to " << record;
  }
  auto fresh = SafetyModel::from_json(trained);
  ASSERT_TRUE(fresh) << fresh.error().message;
  const auto& committed = safety::builtin_safety_model();
  // The same verdict on every message it was trained on: a change to the data, the
  // features or the trainer that moves one needs the model written again.
  int differ = 0;
  for (const auto& message : messages) {
    const auto features = features_of(message.text);
    if (committed.verdict(features) != fresh->verdict(features)) ++differ;
  }
  EXPECT_EQ(differ, 0) << "re-record dialogs/knowledge/safety_model.json with "
                          "TRIAGEBOT_RECORD_SAFETY_MODEL";
}

// Trained without a round's lines and without a fifth of the ordinary messages, the
// screen (rules, signs and the backstop) on those: what it adds on its first run.
struct HeldOut {
  int crises = 0, caught = 0, caught_by_rules = 0, look_alikes = 0, fired = 0;
  int ordinary = 0, ordinary_fired = 0;
  int model_alone = 0;  // crises the model names right by itself
};

HeldOut measure(const std::string& round, double threshold) {
  auto training = crisis_lines(round);
  const auto ordinary = ordinary_messages();
  std::vector<std::string> unseen;
  for (std::size_t i = 0; i < ordinary.size(); ++i) {
    if (i % 5 == 0)
      unseen.push_back(ordinary[i]);
    else
      training.push_back({ordinary[i], std::nullopt});
  }
  safety::TrainingOptions options;
  options.threshold = threshold;
  auto model = SafetyModel::from_json(safety::train_safety_model(training, options));
  EXPECT_TRUE(model);
  auto screen = [&](const std::string& text) {
    const auto clauses = safety::clauses_of(text);
    auto found = screen_by_rules(index_clauses(clauses, &spelling()), &spelling());
    const bool by_rules = !found.empty();
    const auto indexed = index_clauses(clauses, &spelling());
    if (found.empty())
      if (auto c = backstop_on_what_counts(*model, indexed)) found.push_back(*c);
    return std::pair{found, by_rules};
  };
  HeldOut out;
  for (const auto& line : crisis_lines_noted(round)) {
    const auto [found, by_rules] = screen(line.text);
    if (line.category) {
      ++out.crises;
      const auto clauses = safety::clauses_of(line.text);
      out.model_alone += model->verdict(index_clauses(clauses, &spelling())) == line.category;
      const bool right = std::find(found.begin(), found.end(), *line.category) != found.end();
      out.caught += right;
      out.caught_by_rules += right && by_rules;
    } else {
      ++out.look_alikes;
      out.fired += !found.empty();
      if (!found.empty())
        std::printf("%s look-alike answered as %s: %s\n", round.c_str(),
                    std::string(to_string(found.front())).c_str(), line.text.c_str());
    }
  }
  for (const auto& text : unseen) {
    ++out.ordinary;
    out.ordinary_fired += !screen(text).first.empty();
  }
  return out;
}

// Rounds 19 and 20 shaped the rules, which now answer all their crises; what the model
// finds by itself on them, trained without them, is the measure of what it adds on a new
// round's first run (round 21's, in docs/safety.md, was measured once, before any fix).
// The floors sit a few lines under what this trainer gives, so a change that loses
// recall or starts answering ordinary messages fails here.
TEST(SafetyModel, ALeftOutRoundIsCaughtOnItsFirstRun) {
  // Two trainings of the test's own trainer, a measurement rather than a memory check:
  // the Release tree runs it, the sanitizer tree (where it took 20 s) does not.
  if (triagebot::testing::kSanitized) GTEST_SKIP() << "Release tree only";
  const double threshold = safety::TrainingOptions{}.threshold;
  const struct {
    const char* round;
    int model_floor;
  } rounds[] = {{"round 19:", 24}, {"round 20:", 25}};
  for (const auto& [round, model_floor] : rounds) {
    const HeldOut h = measure(round, threshold);
    std::printf(
        "%s crises %d/%d (rules alone %d, model alone %d), look-alikes fired %d/%d, "
        "ordinary fired %d/%d\n",
        round, h.caught, h.crises, h.caught_by_rules, h.model_alone, h.fired, h.look_alikes,
        h.ordinary_fired, h.ordinary);
    EXPECT_EQ(h.caught, h.crises) << round;
    EXPECT_GE(h.model_alone, model_floor) << round;
    EXPECT_EQ(h.fired, 0) << round;
    // Four of the 2,474 ordinary lines (2026-12-07): the fourth, from vignette set 57, is
    // a breath too short to finish a sentence, told as over ("breathing is ok. but
    // yesterday on air i couldnt finish a sentence in one breath").
    EXPECT_LE(h.ordinary_fired, 4) << round;
  }
}

}  // namespace
}  // namespace triagebot::dialogs::testing::safety_model_test
