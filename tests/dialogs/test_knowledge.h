// Shared by the dialogs tests: the built-in knowledge base, loaded once.
#pragma once

#include "dialogs/knowledge.h"

namespace triagebot::dialogs::testing {

// Aborts the test binary if the built-in knowledge base does not load: every test
// below depends on it, and the loader test reports the reason.
const Knowledge& builtin();

}  // namespace triagebot::dialogs::testing
