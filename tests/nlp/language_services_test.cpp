// The real language services over Debian's dictionaries and CLD2: what the interview
// relies on them for, so a change of package or dictionary that breaks it fails here.
#include <gtest/gtest.h>

#include <algorithm>

#include "nlp/cld2_language_identifier.h"
#include "nlp/hunspell_spell_checker.h"

namespace triagebot::nlp {
namespace language_services_test {
namespace {

TEST(HunspellSpellChecker, AcceptsAmericanAndBritishSpellings) {
  auto spelling = HunspellSpellChecker::load();
  ASSERT_TRUE(spelling) << spelling.error().message;
  EXPECT_TRUE((*spelling)->known("numb"));
  EXPECT_TRUE((*spelling)->known("colour"));
  EXPECT_TRUE((*spelling)->known("color"));
  EXPECT_FALSE((*spelling)->known("numbnes"));
}

TEST(HunspellSpellChecker, SuggestsTheIntendedWordForATypo) {
  auto spelling = HunspellSpellChecker::load();
  ASSERT_TRUE(spelling) << spelling.error().message;
  auto suggestions = (*spelling)->suggest("tingleing");
  EXPECT_NE(std::find(suggestions.begin(), suggestions.end(), "tingling"), suggestions.end());
  EXPECT_TRUE((*spelling)->suggest("").empty());
}

TEST(HunspellSpellChecker, CachedSuggestionsMatchFreshOnesPastTheCacheSize) {
  auto spelling = HunspellSpellChecker::load("/usr/share/hunspell", 2);
  ASSERT_TRUE(spelling) << spelling.error().message;
  auto first = (*spelling)->suggest("numbnes");
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first.front(), "numbness");
  EXPECT_EQ((*spelling)->suggest("numbnes"), first);  // from the cache
  // Two other words push "numbnes" out of the cache: the answer must not change.
  EXPECT_EQ((*spelling)->suggest("tingleing").front(), "tingling");
  EXPECT_EQ((*spelling)->suggest("bladdr").front(), "bladder");
  EXPECT_EQ((*spelling)->suggest("numbnes"), first);
}

TEST(HunspellSpellChecker, CachedKnownAnswersMatchFreshOnesPastTheCacheSize) {
  auto cached = HunspellSpellChecker::load("/usr/share/hunspell", 2);
  auto fresh = HunspellSpellChecker::load("/usr/share/hunspell", 0);
  ASSERT_TRUE(cached) << cached.error().message;
  ASSERT_TRUE(fresh) << fresh.error().message;
  // Asked twice each, in an order that pushes every word out of a cache of two and
  // brings it back: a known word and an unknown one must keep their answers.
  const char* words[] = {"numb", "numbnes", "colour", "bladdr", "numbnes", "numb", "colour"};
  for (const char* word : words) {
    EXPECT_EQ((*cached)->known(word), (*fresh)->known(word)) << word;
    EXPECT_EQ((*cached)->known(word), (*fresh)->known(word)) << word << " (cached)";
  }
  EXPECT_TRUE((*cached)->known("numb"));
  EXPECT_FALSE((*cached)->known("numbnes"));
}

TEST(HunspellSpellChecker, MissingDictionariesAreAClearError) {
  auto spelling = HunspellSpellChecker::load("/nonexistent");
  ASSERT_FALSE(spelling);
  EXPECT_EQ(spelling.error().code, ErrorCode::dictionary_missing);
  EXPECT_NE(spelling.error().message.find("hunspell-en-us"), std::string::npos);
}

TEST(Cld2LanguageIdentifier, TellsSpanishFrenchAndEnglishApart) {
  Cld2LanguageIdentifier id;
  EXPECT_EQ(id.identify("tengo la pierna dormida desde hace tres días y me duele la espalda"),
            "es");
  EXPECT_EQ(id.identify("j'ai la jambe engourdie depuis trois jours et mal au dos"), "fr");
  EXPECT_EQ(id.identify("my left leg has been numb for three weeks and my back hurts"), "en");
}

TEST(Cld2LanguageIdentifier, SaysNothingWhenItCannotTell) {
  Cld2LanguageIdentifier id;
  EXPECT_EQ(id.identify(""), std::nullopt);
  EXPECT_EQ(id.identify("\xff\xfe\xfd"), std::nullopt);
}

}  // namespace
}  // namespace language_services_test
}  // namespace triagebot::nlp
