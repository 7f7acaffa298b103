// The safety screen as the server runs it, with hunspell keeping real words from being
// read as typos: every line of the safety-utterance set (TRIAGEBOT_SAFETY_UTTERANCES for
// a held-out one) is still answered in its category, and no look-alike fires.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "dialogs/safety_screen.h"
#include "nlp/hunspell_spell_checker.h"

namespace triagebot::nlp {
namespace safety_spelling_test {
namespace {

TEST(SafetyScreenWithHunspell, DevUtterancesKeepTheirCategories) {
  auto spelling = HunspellSpellChecker::load();
  ASSERT_TRUE(spelling) << spelling.error().message;
  const char* override_path = std::getenv("TRIAGEBOT_SAFETY_UTTERANCES");
  const std::string path =
      override_path && *override_path
          ? override_path
          : std::string(TRIAGEBOT_SOURCE_DIR) + "/tests/dialogs/data/safety-utterances-dev.jsonl";
  std::ifstream in(path);
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) {
    auto row = nlohmann::json::parse(line, nullptr, false);
    if (row.is_discarded() || !row.contains("text") || !row.contains("category")) continue;
    ++lines;
    const std::string text = row["text"].get<std::string>();
    const std::string expected = row["category"].get<std::string>();
    const auto found = dialogs::screen_for_safety(text, spelling->get());
    if (expected == "none") {
      EXPECT_TRUE(found.empty()) << text;
    } else {
      const auto category = dialogs::safety_category_from_string(expected);
      ASSERT_TRUE(category) << expected;
      EXPECT_NE(std::find(found.begin(), found.end(), *category), found.end()) << text;
    }
  }
  EXPECT_GT(lines, 0) << "no utterances in " << path;
}

}  // namespace
}  // namespace safety_spelling_test
}  // namespace triagebot::nlp
