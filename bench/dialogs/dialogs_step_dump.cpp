// dialogs_step_dump: every step of the clinical sets as JSON lines
// (tests/dialogs/step_record.h says which), so two builds can be compared byte for byte:
// a change meant only to make `dialogs::step` faster must leave this output exactly as
// it was. tests/dialogs/steps_golden_test.cpp holds the suite to a hash of each line.
//
//   dialogs_step_dump > steps.jsonl
#include <cstdio>

#include "tests/dialogs/step_record.h"

int main() {
  for (const auto& line : triagebot::dialogs::testing::record_steps())
    std::printf("%s\n", line.c_str());
  return 0;
}
