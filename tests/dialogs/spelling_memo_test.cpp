#include "tests/dialogs/spelling_memo.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace triagebot::dialogs::testing::spelling_memo_test {
namespace {

// Counts what it is asked; "teh" is its only typo.
struct CountingSpelling final : SpellChecker {
  mutable int known_asked = 0, suggest_asked = 0;
  bool known(std::string_view word) const override {
    ++known_asked;
    return word != "teh";
  }
  std::vector<std::string> suggest(std::string_view word) const override {
    ++suggest_asked;
    if (word == "teh") return {"the", "ten", "a lot"};
    return {};
  }
};

struct SpellingMemoTest : ::testing::Test {
  triagebot::testing::TempDir dir;
  std::string file = (dir / "memo.tsv").string();
  CountingSpelling counting;
  int loads = 0;
  std::function<const SpellChecker&()> load = [this]() -> const SpellChecker& {
    ++loads;
    return counting;
  };
};

TEST_F(SpellingMemoTest, AnotherProcessReadsTheAnswersWithoutLoadingTheChecker) {
  {
    SpellingMemo first(load, file);
    EXPECT_FALSE(first.known("teh"));
    EXPECT_TRUE(first.known("the"));
    EXPECT_EQ(first.suggest("teh"), (std::vector<std::string>{"the", "ten", "a lot"}));
    EXPECT_TRUE(first.suggest("zzz").empty());
    // Asked again, the memo answers.
    EXPECT_FALSE(first.known("teh"));
    EXPECT_EQ(first.suggest("teh").size(), 3u);
  }
  EXPECT_EQ(loads, 1);
  EXPECT_EQ(counting.known_asked, 2);
  EXPECT_EQ(counting.suggest_asked, 2);

  SpellingMemo second(load, file);
  EXPECT_FALSE(second.known("teh"));
  EXPECT_TRUE(second.known("the"));
  EXPECT_EQ(second.suggest("teh"), (std::vector<std::string>{"the", "ten", "a lot"}));
  EXPECT_TRUE(second.suggest("zzz").empty());
  EXPECT_EQ(loads, 1) << "every answer was in the file";
  EXPECT_EQ(counting.known_asked + counting.suggest_asked, 4);

  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(SpellingMemoTest, ALineStillBeingWrittenIsNotRead) {
  std::ofstream(file) << "K\tteh\t1\nS\tteh\tthe\nK\tcolour\t0";  // no newline: cut short
  SpellingMemo memo(load, file);
  EXPECT_TRUE(memo.known("teh")) << "a whole line is taken as written";
  EXPECT_EQ(memo.suggest("teh"), std::vector<std::string>{"the"});
  EXPECT_EQ(loads, 0);
  EXPECT_TRUE(memo.known("colour")) << "the cut line was not read; the checker was asked";
  EXPECT_EQ(loads, 1);
}

// Two processes walking the same sets side by side: what one added after the other
// started is read before a suggestion is asked for, from where the last read stopped.
TEST_F(SpellingMemoTest, ASuggestionAnotherProcessAddedSinceIsReadNotAskedAgain) {
  SpellingMemo late(load, file);  // starts with an empty file
  {
    SpellingMemo early(load, file);
    EXPECT_EQ(early.suggest("teh").size(), 3u);
  }
  EXPECT_EQ(counting.suggest_asked, 1);
  EXPECT_EQ(late.suggest("teh"), (std::vector<std::string>{"the", "ten", "a lot"}));
  EXPECT_EQ(counting.suggest_asked, 1) << "read from the file, not asked again";

  EXPECT_TRUE(late.suggest("yyy").empty());
  EXPECT_EQ(counting.suggest_asked, 2);
  std::ofstream(file, std::ios::app) << "S\tzzz\tfizz\tbuzz\n";  // another process
  EXPECT_EQ(late.suggest("zzz"), (std::vector<std::string>{"fizz", "buzz"}));
  EXPECT_EQ(late.suggest("teh").size(), 3u) << "read once, kept";
  EXPECT_EQ(counting.suggest_asked, 2);
}

TEST_F(SpellingMemoTest, AWordHoldingATabIsAnsweredButNotKept) {
  {
    SpellingMemo memo(load, file);
    EXPECT_TRUE(memo.known("a\tb"));
  }
  SpellingMemo again(load, file);
  EXPECT_TRUE(again.known("a\tb"));
  EXPECT_EQ(counting.known_asked, 2);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::spelling_memo_test
