// The safety screen on messages written apart from the dev set: crisis messages in
// each category (in English and in the five other languages it reads) and look-alikes
// that must not fire (denials, the past, a body part as subject, idioms).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "dialogs/language_tools.h"
#include "dialogs/safety_screen.h"
#include "dialogs/safety_text.h"

namespace triagebot::dialogs {
namespace safety_screen_test {
namespace {

bool has(const std::vector<SafetyCategory>& found, SafetyCategory category) {
  return std::find(found.begin(), found.end(), category) != found.end();
}

TEST(SafetyScreen, AnswersCrisisMessagesInTheirCategory) {
  const std::vector<std::pair<std::string, SafetyCategory>> crises = {
      {"I think I'm having a heart attack", SafetyCategory::chest_pain},
      {"my chest feels really tight and heavy", SafetyCategory::chest_pain},
      {"there's a crushing feeling across my chest", SafetyCategory::chest_pain},
      {"chest pain", SafetyCategory::chest_pain},
      {"bad pain in the chest", SafetyCategory::chest_pain},
      {"my chest hurts when i breathe", SafetyCategory::chest_pain},
      {"tightness in my chest and my left arm is numb", SafetyCategory::chest_pain},
      {"my wife is clutching her chest", SafetyCategory::chest_pain},
      {"i cant breathe", SafetyCategory::breathing},
      {"I can barely breathe", SafetyCategory::breathing},
      {"hard to breathe", SafetyCategory::breathing},
      {"i'm gasping for air", SafetyCategory::breathing},
      {"really breathless even sitting still", SafetyCategory::breathing},
      {"my face is going blue", SafetyCategory::breathing},
      {"my tongue is swelling up", SafetyCategory::breathing},
      {"he collapsed", SafetyCategory::collapse_unresponsive},
      {"she is unconscious", SafetyCategory::collapse_unresponsive},
      {"my dad isn't breathing", SafetyCategory::collapse_unresponsive},
      {"he stopped breathing", SafetyCategory::collapse_unresponsive},
      {"my mum has collapsed and won't respond", SafetyCategory::collapse_unresponsive},
      {"she's having a seizure", SafetyCategory::collapse_unresponsive},
      {"he's fitting", SafetyCategory::collapse_unresponsive},
      {"my leg is bleeding heavily", SafetyCategory::severe_bleeding},
      {"there's a lot of blood", SafetyCategory::severe_bleeding},
      {"the bleeding won't stop", SafetyCategory::severe_bleeding},
      {"i'm coughing up blood", SafetyCategory::severe_bleeding},
      {"i vomited blood this morning", SafetyCategory::severe_bleeding},
      {"I took an overdose", SafetyCategory::overdose_poisoning},
      {"I've swallowed 20 tablets", SafetyCategory::overdose_poisoning},
      {"took too many painkillers", SafetyCategory::overdose_poisoning},
      {"my son ate some of my pills", SafetyCategory::overdose_poisoning},
      {"she drank antifreeze", SafetyCategory::overdose_poisoning},
      {"i want to kill myself", SafetyCategory::self_harm},
      {"I'm suicidal", SafetyCategory::self_harm},
      {"i've been thinking about suicide", SafetyCategory::self_harm},
      {"I want to die", SafetyCategory::self_harm},
      {"i feel like ending my life", SafetyCategory::self_harm},
      {"everyone would be better off without me", SafetyCategory::self_harm},
      {"i can't go on anymore", SafetyCategory::self_harm},
      {"i'm going to hurt myself", SafetyCategory::self_harm},
      {"i've been self harming", SafetyCategory::self_harm},
      {"i just want to die", SafetyCategory::self_harm},
      {"dolor en el pecho", SafetyCategory::chest_pain},
      {"me duele mucho el pecho", SafetyCategory::chest_pain},
      {"no puedo respirar", SafetyCategory::breathing},
      {"me quiero morir", SafetyCategory::self_harm},
      {"quiero suicidarme", SafetyCategory::self_harm},
      {"douleur thoracique", SafetyCategory::chest_pain},
      {"j'ai mal à la poitrine", SafetyCategory::chest_pain},
      {"je n'arrive pas à respirer", SafetyCategory::breathing},
      {"je veux mourir", SafetyCategory::self_harm},
      {"ich habe Brustschmerzen", SafetyCategory::chest_pain},
      {"ich kann nicht atmen", SafetyCategory::breathing},
      {"ich will sterben", SafetyCategory::self_harm},
      {"dor no peito", SafetyCategory::chest_pain},
      {"não consigo respirar", SafetyCategory::breathing},
      {"quero morrer", SafetyCategory::self_harm},
      {"dolore al petto", SafetyCategory::chest_pain},
      {"non riesco a respirare", SafetyCategory::breathing},
      {"voglio morire", SafetyCategory::self_harm},
      {"se desmayó y no responde", SafetyCategory::collapse_unresponsive},
      {"sangra mucho", SafetyCategory::severe_bleeding},
      {"my chest is really tight and i'm sweating", SafetyCategory::chest_pain},
      {"having chest pains", SafetyCategory::chest_pain},
      {"chest feels like it's in a vice", SafetyCategory::chest_pain},
      {"i've got crushing pain behind my breastbone", SafetyCategory::chest_pain},
      {"there's a heavy weight on my chest", SafetyCategory::chest_pain},
      {"pain spreading from my chest to my arm", SafetyCategory::chest_pain},
      {"my chest is on fire and my arm hurts", SafetyCategory::chest_pain},
      {"I think my heart is stopping", SafetyCategory::chest_pain},
      {"my dad is clutching his chest", SafetyCategory::chest_pain},
      {"i can't get my breath", SafetyCategory::breathing},
      {"cant breath", SafetyCategory::breathing},
      {"can not breathe", SafetyCategory::breathing},
      {"im struggling to breathe", SafetyCategory::breathing},
      {"my breathing is really bad", SafetyCategory::breathing},
      {"i keep gasping", SafetyCategory::breathing},
      {"he's turning blue", SafetyCategory::breathing},
      {"its like breathing through a straw", SafetyCategory::breathing},
      {"I'm choking and can't breathe", SafetyCategory::breathing},
      {"my throat is swelling", SafetyCategory::breathing},
      {"face and lips swelling after a bee sting", SafetyCategory::breathing},
      {"she's unconscious on the floor", SafetyCategory::collapse_unresponsive},
      {"he's collapsed and isn't breathing", SafetyCategory::collapse_unresponsive},
      {"i found him unresponsive", SafetyCategory::collapse_unresponsive},
      {"my wife passed out and is still not awake", SafetyCategory::collapse_unresponsive},
      {"he just dropped and won't wake up", SafetyCategory::collapse_unresponsive},
      {"my son is having a seizure", SafetyCategory::collapse_unresponsive},
      {"my grandad's fitting and won't come round", SafetyCategory::collapse_unresponsive},
      {"he fainted and hit his head and isn't waking up", SafetyCategory::collapse_unresponsive},
      {"it's bleeding so much", SafetyCategory::severe_bleeding},
      {"blood is gushing from my leg", SafetyCategory::severe_bleeding},
      {"i cant stop the bleeding", SafetyCategory::severe_bleeding},
      {"there's blood everywhere", SafetyCategory::severe_bleeding},
      {"i'm losing a lot of blood", SafetyCategory::severe_bleeding},
      {"deep cut and it's spurting blood", SafetyCategory::severe_bleeding},
      {"i've been vomiting blood", SafetyCategory::severe_bleeding},
      {"coughing up blood", SafetyCategory::severe_bleeding},
      {"i took 40 tablets", SafetyCategory::overdose_poisoning},
      {"I took a whole pack of paracetamol", SafetyCategory::overdose_poisoning},
      {"she swallowed all her sleeping pills", SafetyCategory::overdose_poisoning},
      {"my daughter ate some tablets she found", SafetyCategory::overdose_poisoning},
      {"i've overdosed", SafetyCategory::overdose_poisoning},
      {"i drank weedkiller", SafetyCategory::overdose_poisoning},
      {"think my kid swallowed a button battery", SafetyCategory::overdose_poisoning},
      {"i took an overdose of my insulin", SafetyCategory::overdose_poisoning},
      {"i want to kill myself tonight", SafetyCategory::self_harm},
      {"I'm going to end it", SafetyCategory::self_harm},
      {"i'm thinking of ending it all", SafetyCategory::self_harm},
      {"there's no reason to live anymore", SafetyCategory::self_harm},
      {"i want to die", SafetyCategory::self_harm},
      {"i cant do this anymore i want to die", SafetyCategory::self_harm},
      {"I have pills saved up to take them all", SafetyCategory::self_harm},
      {"i've got a rope", SafetyCategory::self_harm},
      {"no one would miss me", SafetyCategory::self_harm},
      {"i hate myself and want to disappear", SafetyCategory::self_harm},
      {"i've been hurting myself", SafetyCategory::self_harm},
      {"i cut myself again last night", SafetyCategory::self_harm},
      {"i'm planning to kill myself", SafetyCategory::self_harm},
      {"life isn't worth living", SafetyCategory::self_harm},
      {"i'd be better off dead", SafetyCategory::self_harm},
      {"I don't see the point in living", SafetyCategory::self_harm},
      {"going to take all my tablets", SafetyCategory::self_harm},
      {"I want to stop existing", SafetyCategory::self_harm},
      {"there's no point going on", SafetyCategory::self_harm},
      {"what's the point in going on", SafetyCategory::self_harm},
      {"i want to just disappear", SafetyCategory::self_harm},
      {"he's been stabbed", SafetyCategory::severe_bleeding},
      {"my son is choking", SafetyCategory::breathing},
      {"she's choking on food", SafetyCategory::breathing},
      {"he cut his finger off with the saw", SafetyCategory::severe_bleeding},
      {"my son says he wants to kill himself", SafetyCategory::self_harm},
      {"she keeps talking about harming herself", SafetyCategory::self_harm},
      {"chesst pain", SafetyCategory::chest_pain},
      {"cheest hurts", SafetyCategory::chest_pain},
      {"pain in my chets", SafetyCategory::chest_pain},
      {"cant brethe", SafetyCategory::breathing},
      {"can't breathe properly", SafetyCategory::breathing},
      {"cant breathr", SafetyCategory::breathing},
      {"he colapsed", SafetyCategory::collapse_unresponsive},
      {"hes unconcious", SafetyCategory::collapse_unresponsive},
      {"she passd out", SafetyCategory::collapse_unresponsive},
      {"bleding alot", SafetyCategory::severe_bleeding},
      {"bleeding alot", SafetyCategory::severe_bleeding},
      {"blood every where", SafetyCategory::severe_bleeding},
      {"i took an ovrdose", SafetyCategory::overdose_poisoning},
      {"overdoes on my tablets", SafetyCategory::overdose_poisoning},
      {"im sucidal", SafetyCategory::self_harm},
      {"feeling suicidle", SafetyCategory::self_harm},
      {"want to kil myself", SafetyCategory::self_harm},
      {"i wanna die lol", SafetyCategory::self_harm},
      {"kms lol", SafetyCategory::self_harm},
      {"i wanna end it all", SafetyCategory::self_harm},
      {"i want to dye", SafetyCategory::self_harm},
      {"i tried to kill my self last year", SafetyCategory::self_harm},
      {"im gonna kill myslef", SafetyCategory::self_harm},
      {"i just dont want to wake up", SafetyCategory::self_harm},
      {"dont want to wake up ever again", SafetyCategory::self_harm},
      {"the tablets are all lined up on the table", SafetyCategory::self_harm},
      {"mum is on the floor and isn't responding", SafetyCategory::collapse_unresponsive},
      {"he's lying on the ground and won't wake up", SafetyCategory::collapse_unresponsive},
  };
  for (const auto& [text, category] : crises)
    EXPECT_TRUE(has(screen_for_safety(text, nullptr), category))
        << to_string(category) << ": " << text;
}

TEST(SafetyScreen, LeavesLookAlikesAlone) {
  const std::vector<std::string> look_alikes = {
      "no chest pain",
      "I don't have any chest pain",
      "no trouble breathing",
      "my breathing is fine",
      "i'm not suicidal",
      "I would never kill myself",
      "i don't want to die from this",
      "my blood pressure is really bad",
      "had a blood test, they took a lot of blood",
      "I take all my tablets in the morning",
      "I took my pills as usual",
      // The fifth round's patterns, beside the words they must leave alone.
      "what's the point of me going to the GP if they can't do anything",
      "it feels better if I keep moving, otherwise it goes dead",
      "my kids would be better off at my mum's while I'm in hospital",
      "I'm giving my dog his tablets twice a day",
      "this is my last message for today, I'll come back tomorrow",
      "I can't wait for it all to be over, the scans I mean",
      "my leg collapsed under me",
      "my legs gave way",
      "my foot has gone to sleep and won't wake up",
      "my toes went blue in the cold",
      "i got short of breath walking up the hill",
      "i'm a bit short of breath",
      "i fainted years ago",
      "I had a seizure as a child",
      "the pain is killing me",
      "this is killing me",
      "my feet are dying",
      "i'm sick to death of this numbness",
      "i nearly passed out from boredom",
      "my legs feel dead",
      "i cut myself shaving",
      "i cut my toe and it bled a little",
      "had a nosebleed last week",
      "I killed it at work today",
      "my chest x-ray was clear",
      "I have a chest infection",
      "my heart is racing",
      "my heart rate is normal",
      "i could murder a cup of tea",
      "I'm dead tired",
      "the doctor says i will live",
      "i've been cutting down on sugar",
      "i stopped taking my pills",
      "i ran out of my tablets",
      "i took paracetamol for the pain",
      "i take 2 paracetamol twice a day",
      "he jumped off the bus",
      "i'm not answering that",
      "pins and needles are killing me",
      "i want to die my hair",
      "breathe in and my back hurts",
      "heavy legs",
      "tight calves",
      "no blood",
      "hardly any blood",
      "i'm cutting the grass later",
      "I don't want to be a burden",
      "I'm tired of this leg",
      "there's no point going to the GP",
      "what's the point of going to the doctor if they do nothing",
      "no reason to go to A&E is there?",
      "I want the numbness to disappear",
      "i wish the pain would just disappear",
      "I hurt myself again falling over",
      "she hasn't come round to visit",
      "my throat is a bit sore",
      "I'm going to end it with my physio",
      "my dad had a heart attack",
      "I had a heart attack in 2019",
      "no history of heart attack",
      "i've had seizures for years",
      "i sometimes choke on drinks",
      "i cut my toenails",
      "he hurt himself falling off the ladder",
      "my doctor thinks I stop breathing in my sleep, sleep apnoea",
      "i cant breathe through my nose with this cold",
      "I took my ibuprofen twice a day as prescribed",
      "i cant breathe a word of it to anyone",
      "my foot is flat on the floor and it won't move",
      "i don't want to wake up early tomorrow",
      "i put my shoes on the floor",
  };
  for (const auto& text : look_alikes)
    EXPECT_TRUE(screen_for_safety(text, nullptr).empty()) << text;
}

TEST(SafetyScreen, EnglishIsNeverTakenForAnotherLanguage) {
  for (const char* text :
       {"I took an overdose", "he's having convulsions", "I'm intoxicated and took 20 pills",
        "chest pain", "i want to kill myself", "blood everywhere"})
    EXPECT_EQ(safety_language(text, nullptr), std::nullopt) << text;
  EXPECT_EQ(safety_language("me duele el pecho", nullptr), "es");
  EXPECT_EQ(safety_language("je veux mourir", nullptr), "fr");
  EXPECT_EQ(safety_language("ich kann nicht atmen", nullptr), "de");
  EXPECT_EQ(safety_language("quero morrer", nullptr), "pt");
  EXPECT_EQ(safety_language("voglio morire", nullptr), "it");
}

TEST(SafetyScreen, CategoryNamesRoundTrip) {
  for (auto c :
       {SafetyCategory::chest_pain, SafetyCategory::breathing,
        SafetyCategory::collapse_unresponsive, SafetyCategory::severe_bleeding,
        SafetyCategory::overdose_poisoning, SafetyCategory::self_harm, SafetyCategory::abuse})
    EXPECT_EQ(safety_category_from_string(to_string(c)), c);
  EXPECT_EQ(safety_category_from_string("heartache"), std::nullopt);
}

TEST(SafetyScreen, ReportsEveryCategoryOfAMessageOnceInOrder) {
  auto found =
      screen_for_safety("I took all my pills because I want to die. I want to die.", nullptr);
  EXPECT_EQ(found, (std::vector<SafetyCategory>{SafetyCategory::overdose_poisoning,
                                                SafetyCategory::self_harm}));
}

// A dictionary that knows "cheat": the typo tolerance must not read it as "chest".
class KnowsCheat : public SpellChecker {
 public:
  bool known(std::string_view word) const override { return word == "cheat"; }
  std::vector<std::string> suggest(std::string_view) const override { return {}; }
};

TEST(SafetyScreen, TypoToleranceYieldsToRealWords) {
  KnowsCheat spelling;
  EXPECT_TRUE(has(screen_for_safety("chets hurts bad", &spelling), SafetyCategory::chest_pain));
  EXPECT_TRUE(screen_for_safety("cheat hurts bad", &spelling).empty());
}

TEST(SafetyText, FoldsAccentsAndSplitsClauses) {
  auto clauses = safety::clauses_of("No s\xc3\xa9, me duele el PECHO. Can't breathe but OK");
  ASSERT_EQ(clauses.size(), 4u);
  EXPECT_EQ(clauses[0], (safety::Clause{"no", "se"}));
  EXPECT_EQ(clauses[1], (safety::Clause{"me", "duele", "el", "pecho"}));
  EXPECT_EQ(clauses[2], (safety::Clause{"cant", "breathe"}));
  EXPECT_EQ(clauses[3], (safety::Clause{"ok"}));
}

TEST(SafetyText, OneEditApart) {
  EXPECT_TRUE(safety::one_edit_apart("chets", "chest"));
  EXPECT_TRUE(safety::one_edit_apart("breth", "breath"));
  EXPECT_TRUE(safety::one_edit_apart("blod", "blood"));
  EXPECT_FALSE(safety::one_edit_apart("bread", "breath"));
  EXPECT_FALSE(safety::one_edit_apart("sitting", "fitting ok"));
}

}  // namespace
}  // namespace safety_screen_test
}  // namespace triagebot::dialogs
