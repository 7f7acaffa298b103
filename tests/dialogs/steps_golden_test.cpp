// Every step answers exactly as it did before the reader was made faster (issue 13):
// each step of the clinical sets (tests/dialogs/step_record.h: the vignettes pressed and
// typed, the answers files, the safety utterances, the server bench's openings) is
// written out whole, and a hash of each line must equal the one in
// tests/dialogs/data/steps-golden.tsv (hash, where, input), recorded by the build before
// that work. A changed reply, session, safety category or assessment changes a hash.
//
// When the interview is meant to answer differently, write the file again with
// TRIAGEBOT_RECORD_STEPS=<path> and say in the commit why the steps it names changed;
// `dialogs_step_dump` (bench/dialogs) prints the lines themselves for a diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/dialogs/step_record.h"
#include "tests/support/checked_build.h"

namespace triagebot::dialogs {
namespace steps_golden_test {
namespace {

struct GoldenLine {
  std::string hash, where, input;
};

std::string golden_file() {
  return std::string(TRIAGEBOT_SOURCE_DIR) + "/tests/dialogs/data/steps-golden.tsv";
}

std::vector<GoldenLine> read_golden(const std::string& path) {
  std::ifstream in(path);
  std::vector<GoldenLine> out;
  std::string line;
  while (std::getline(in, line)) {
    const auto tab = line.find('\t'), second = line.find('\t', tab + 1);
    if (tab == std::string::npos || second == std::string::npos) continue;
    out.push_back(
        {line.substr(0, tab), line.substr(tab + 1, second - tab - 1), line.substr(second + 1)});
  }
  return out;
}

GoldenLine golden_of(const std::string& step) {
  const auto j = nlohmann::json::parse(step);
  return {testing::line_hash(step), j["at"].get<std::string>(), j["input"].dump()};
}

TEST(StepsGolden, EveryStepOfTheClinicalSetsAnswersAsRecorded) {
  if (const char* record = std::getenv("TRIAGEBOT_RECORD_STEPS"); record && *record) {
    const auto steps = testing::record_steps();
    std::ofstream out(record);
    for (const auto& step : steps) {
      const auto g = golden_of(step);
      out << g.hash << '\t' << g.where << '\t' << g.input << '\n';
    }
    GTEST_SKIP() << "recorded " << steps.size() << " steps to " << record;
  }
  const auto golden = read_golden(golden_file());
  const std::size_t every = triagebot::testing::whole_set_stride();
  const auto steps = testing::record_steps(every);
  if (every == 1) {
    ASSERT_EQ(steps.size(), golden.size()) << "steps played vs lines in " << golden_file();
  }
  // A sample's lines are not at their recorded places, but each must be one of the
  // recorded lines: a changed reply, session or assessment gives a hash the file lacks.
  std::set<std::string> recorded;
  for (const auto& g : golden) recorded.insert(g.hash);
  int differ = 0;
  for (size_t i = 0; i < steps.size(); ++i) {
    // Only the hash is compared; a line is parsed for its place only when it differs
    // (parsing every step was a third of this test's time).
    const auto hash = testing::line_hash(steps[i]);
    const bool same = every == 1 ? hash == golden[i].hash : recorded.count(hash) > 0;
    if (same) continue;
    if (++differ <= 5) {
      const auto now = golden_of(steps[i]);
      ADD_FAILURE() << "step " << i + 1 << " (" << now.where << ", " << now.input
                    << ") answers differently now:\n"
                    << steps[i];
    }
  }
  EXPECT_EQ(differ, 0) << "steps that answer differently from the record";
  EXPECT_GT(steps.size(), golden.size() / every / 2) << "the sample played too few steps";
}

}  // namespace
}  // namespace steps_golden_test
}  // namespace triagebot::dialogs
