// The language gate (issue 10 §6) with the real CLD2: other languages are told from
// English only when that is sound, and the interview answers them in their language
// with the emergency number and buttons only; short English replies, which CLD2 often
// misnames with confidence ("finger" Danish), are never gated.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "dialogs/engine.h"
#include "dialogs/knowledge.h"
#include "dialogs/language_gate.h"
#include "nlp/cld2_language_identifier.h"
#include "nlp/hunspell_spell_checker.h"

namespace triagebot::nlp {
namespace language_gate_test {
namespace {

using dialogs::foreign_language;

TEST(LanguageGate, NamesTheCommonLanguagesOfWholeSentences) {
  Cld2LanguageIdentifier id;
  EXPECT_EQ(foreign_language("tengo la pierna dormida desde hace tres días", &id), "es");
  EXPECT_EQ(foreign_language("j'ai la jambe engourdie depuis trois jours", &id), "fr");
  EXPECT_EQ(foreign_language("mein linkes Bein ist seit drei Tagen taub", &id), "de");
  EXPECT_EQ(foreign_language("a minha perna está dormente há três dias", &id), "pt");
  EXPECT_EQ(foreign_language("ho la gamba intorpidita da tre giorni", &id), "it");
}

TEST(LanguageGate, KnowsTheCommonShortRepliesThatCld2CannotTell) {
  Cld2LanguageIdentifier id;
  EXPECT_EQ(foreign_language("no sé", &id), "es");
  EXPECT_EQ(foreign_language("Sí", &id), "es");
  EXPECT_EQ(foreign_language("sì", &id), "it");
  EXPECT_EQ(foreign_language("oui", &id), "fr");
  EXPECT_EQ(foreign_language("non", &id), "fr");
  EXPECT_EQ(foreign_language("je ne sais pas", &id), "fr");
  EXPECT_EQ(foreign_language("nein", &id), "de");
  EXPECT_EQ(foreign_language("ja", &id), "de");
  EXPECT_EQ(foreign_language("não sei", &id), "pt");
  EXPECT_EQ(foreign_language("non lo so", &id), "it");
}

TEST(LanguageGate, NeverGatesEnglishAsPeopleTypeIt) {
  Cld2LanguageIdentifier id;
  for (const char* text : {"no",
                           "yes",
                           "nope",
                           "ya",
                           "yep",
                           "kinda",
                           "dunno",
                           "idk",
                           "nah fine now",
                           "finger",
                           "heavy",
                           "antacid",
                           "sneezings agony",
                           "not that I know of",
                           "im fine thanks",
                           "same as the other one",
                           "all normal",
                           "a bit",
                           "sometimes",
                           "both",
                           "left",
                           "since tuesday",
                           "for ages",
                           "what do you mean?",
                           "my left leg has been numb for weeks",
                           "stroke_signs",
                           "no, but my back hurts",
                           "hallo",
                           "ciao",
                           "merci",
                           "thanks",
                           "\xf0\x9f\xa4\xb7\xe2\x80\x8d\xe2\x99\x80\xef\xb8\x8f" /* shrug */,
                           "\xf0\x9f\x91\x8d\xf0\x9f\x91\x8d"}) {
    EXPECT_EQ(foreign_language(text, &id), std::nullopt) << text;
  }
}

TEST(LanguageGate, OtherScriptsAreGatedInEnglish) {
  Cld2LanguageIdentifier id;
  auto code = foreign_language("у меня онемела левая нога уже три дня", &id);
  ASSERT_TRUE(code);
  EXPECT_EQ(*code, "ru");
}

class InterviewInOtherLanguages : public ::testing::Test {
 protected:
  void SetUp() override {
    auto knowledge = dialogs::load_knowledge(dialogs::builtin_knowledge_json());
    ASSERT_TRUE(knowledge) << knowledge.error().message;
    knowledge_.emplace(std::move(*knowledge));
    auto spelling = HunspellSpellChecker::load();
    ASSERT_TRUE(spelling) << spelling.error().message;
    spelling_ = std::move(*spelling);
    options_.emergency_number = "112";
    options_.spelling = spelling_.get();
    options_.languages = &languages_;
  }

  dialogs::Turn say(const dialogs::Session& session, const std::string& text) {
    return dialogs::step(*knowledge_, options_, session, dialogs::Input::typed(text), kNow);
  }

  static const dialogs::Reply* question(const dialogs::Turn& turn) {
    const dialogs::Reply* out = nullptr;
    for (const auto& r : turn.replies)
      if (!r.choices.empty()) out = &r;
    return out;
  }

  const std::chrono::system_clock::time_point kNow{std::chrono::seconds(1700000000)};
  std::optional<dialogs::Knowledge> knowledge_;
  std::unique_ptr<dialogs::SpellChecker> spelling_;
  Cld2LanguageIdentifier languages_;
  dialogs::EngineOptions options_;
};

TEST_F(InterviewInOtherLanguages, SpanishAndFrenchGetTheirOwnNoticeWithTheNumberAndButtons) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"tengo la pierna dormida desde hace tres días y me duele la espalda",
       "solo entiendo inglés"},
      {"j'ai la jambe engourdie depuis trois jours et mal au dos", "ne comprends que l'anglais"}};
  for (const auto& [opening, notice] : cases) {
    auto t = say({}, opening);
    ASSERT_FALSE(t.replies.empty()) << opening;
    EXPECT_NE(t.replies[0].text.find(notice), std::string::npos) << t.replies[0].text;
    EXPECT_NE(t.replies[0].text.find("112"), std::string::npos) << t.replies[0].text;
    EXPECT_TRUE(question(t)) << "buttons from then on: " << opening;
  }
}

TEST_F(InterviewInOtherLanguages, NoSeToARedFlagQuestionIsNeverNo) {
  auto opening = say({}, "For three weeks my left leg has been numb and I'm 41");
  const auto* asked = question(opening);
  ASSERT_TRUE(asked);
  auto t = say(opening.next, "no sé");
  const auto* again = question(t);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->choices[0].id, asked->choices[0].id) << "asked again, not answered";
  EXPECT_EQ(t.next.engine_state.findings, opening.next.engine_state.findings);
}

TEST_F(InterviewInOtherLanguages, ObviousCrisesAreAnsweredInTheirLanguage) {
  auto chest = say({}, "me duele mucho el pecho y no puedo respirar");
  EXPECT_EQ(chest.safety, (std::vector<std::string>{"chest_pain", "breathing"}));
  EXPECT_NE(chest.replies[0].text.find("Llame al 112"), std::string::npos) << chest.replies[0].text;
  auto douleur = say({}, "j'ai une douleur thoracique très forte");
  EXPECT_EQ(douleur.safety, std::vector<std::string>{"chest_pain"});
  EXPECT_NE(douleur.replies[0].text.find("Appelez le 112"), std::string::npos)
      << douleur.replies[0].text;
}

}  // namespace
}  // namespace language_gate_test
}  // namespace triagebot::nlp
