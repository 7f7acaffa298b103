#include "tests/dialogs/test_knowledge.h"

#include <cstdio>
#include <cstdlib>

namespace triagebot::dialogs::testing {

const Knowledge& builtin() {
  static const Knowledge knowledge = [] {
    auto loaded = load_knowledge(builtin_knowledge_json());
    if (!loaded) {
      std::fprintf(stderr, "built-in knowledge failed to load: %s\n",
                   loaded.error().message.c_str());
      std::abort();
    }
    return *loaded;
  }();
  return knowledge;
}

}  // namespace triagebot::dialogs::testing
