#include "tests/dialogs/safety_probe.h"

#include <algorithm>

#include "tests/dialogs/test_spelling.h"

namespace triagebot::dialogs::testing {

bool safety_fires(const std::string& text, SafetyCategory c) {
  const auto found = screen_for_safety(text, &spelling());
  return std::find(found.begin(), found.end(), c) != found.end();
}

}  // namespace triagebot::dialogs::testing
