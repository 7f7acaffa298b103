// First messages, written for the ninth round apart from the reader (60 lines of
// tests/dialogs/data/openings-extra.jsonl, docs/reading.md "Measured"): 30 emergencies
// said in everyday words, by patients and carers, and 30 that look alarming and are not
// (long-standing, cleared, someone else's, a joke, a question). An emergency must stop
// the interview at its first step with the emergency assessment, as the brief's "red
// flags win" asks; a look-alike must not, since that assessment ends the interview. The
// screens that follow would catch some of the misses, but a person told nothing for
// eight questions may leave. TRIAGEBOT_OPENINGS names another file of the same shape.
// Each line is a pure function's input: under the sanitizers every 4th line is walked
// (whole_set_stride), the Release tree walks all.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogs/engine.h"
#include "tests/dialogs/server_steps.h"
#include "tests/support/checked_build.h"

namespace triagebot::dialogs::testing::openings_extra_test {
namespace {

std::string openings_file() {
  const char* path = std::getenv("TRIAGEBOT_OPENINGS");
  if (path && *path) return path;
  return std::string(TRIAGEBOT_SOURCE_DIR) + "/tests/dialogs/data/openings-extra.jsonl";
}

TEST(OpeningsExtra, EmergenciesStopAtTheirFirstStepAndLookAlikesAskOn) {
  std::ifstream in(openings_file());
  ASSERT_TRUE(in) << openings_file();
  int emergencies = 0, caught = 0, look_alikes = 0, silent = 0;
  std::vector<std::string> wrong;
  std::string line;
  const std::size_t every = triagebot::testing::whole_set_stride();
  std::size_t index = 0;
  while (std::getline(in, line)) {
    if (line.empty() || index++ % every != 0) continue;
    const auto row = nlohmann::json::parse(line);
    const std::string text = row.at("opening");
    const bool emergency = row.at("expect") == "emergency";
    const bool stopped = stops_at_opening(text);
    (emergency ? emergencies : look_alikes)++;
    if (emergency && stopped) ++caught;
    if (!emergency && !stopped) ++silent;
    if (emergency != stopped) wrong.push_back((emergency ? "missed: " : "fired: ") + text);
  }
  std::printf("emergencies stopped at the opening %d/%d | look-alikes asked on %d/%d\n", caught,
              emergencies, silent, look_alikes);
  for (const auto& w : wrong) std::printf("  %s\n", w.c_str());
  EXPECT_GT(emergencies, 0);
  EXPECT_EQ(caught, emergencies);
  EXPECT_EQ(silent, look_alikes);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::openings_extra_test
