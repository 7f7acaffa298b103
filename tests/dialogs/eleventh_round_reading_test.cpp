// What an eleventh held-out round found (a helper's 150 answers, 15 conversations, 60
// first messages and 50 safety lines written apart from the code, in voice dictation,
// non-native English, carers of people who cannot say, euphemisms, rambling and
// text-speak; docs/reading.md "Measured"), and the general rules it led to, each with the
// look-alike it must not catch.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/dictation_slips.h"
#include "dialogs/engine.h"
#include "dialogs/knowledge_data.h"
#include "dialogs/parser.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::eleventh_round_reading_test {
namespace {

Answer answer(const char* question, const std::string& text) {
  return typed_answer(question, text);
}

// "wouldnt" without its apostrophe is "would not", and "would not say" understates
// whatever clause follows; "I wouldn't say no" agrees.
TEST(EleventhRoundReading, WouldNotSayUnderstatesAnyClause) {
  EXPECT_EQ(answer("q_fever", "i wouldnt say ive had a fever, no"), Answer::no);
  EXPECT_EQ(answer("q_fever", "i wouldnt say i have a fever"), Answer::no);
  EXPECT_EQ(answer("q_weak", "i wouldnt say its not weak... stairs are harder"), Answer::yes);
  EXPECT_EQ(answer("q_back_pain", "i wouldnt say no, its been grumbling all week"), Answer::yes);
  // "I can't say" is also "I don't know": only a clause ending at its auxiliary
  // understates there.
  EXPECT_EQ(answer("q_injury", "cant say i have"), Answer::no);
  EXPECT_EQ(answer("q_fever", "i cant say"), Answer::unsure);
}

// After the last "but", the person concludes, even against the thing itself denied.
TEST(EleventhRoundReading, QuestionWordsAfterTheLastButOutweighTheDenial) {
  EXPECT_EQ(answer("q_weak", "its not weak but stairs are harder"), Answer::yes);
  EXPECT_EQ(answer("q_weak", "i wouldnt say its weak but stairs are harder"), Answer::yes);
  EXPECT_EQ(answer("q_weak", "i wouldnt say its weak"), Answer::no);
}

// A spaced dash parts clauses; a dash between numbers is a range.
TEST(EleventhRoundReading, ASpacedDashPartsClauses) {
  EXPECT_EQ(answer("q_injury",
                   "no - well, I slipped on the kitchen floor Sunday and went down on my back, "
                   "does that count? I'm 79"),
            Answer::yes);
  EXPECT_EQ(answer("q_injury",
                   "no \xE2\x80\x94 well, I slipped on the kitchen floor Sunday and went down on "
                   "my back"),
            Answer::yes);
  Reading range = read_message(builtin().data(), "numb for 3 - 4 days", nullptr, nullptr);
  ASSERT_TRUE(range.duration_days.has_value());
  EXPECT_GE(*range.duration_days, 3.0);
}

// "hang on, I did" takes the first answer back; "hold on to the furniture" does not.
TEST(EleventhRoundReading, HangOnCorrectsOnlyAsAClauseOfItsOwn) {
  EXPECT_EQ(answer("q_bladder",
                   "no - hang on, I did soil myself in bed last night, first time ever, so yes"),
            Answer::yes);
  EXPECT_EQ(answer("q_stroke",
                   "I don't think they're weak as such, but this morning my knees buckled twice "
                   "on the stairs and now I'm having to hold on to the furniture to get about. "
                   "It's worse than when I woke up."),
            Answer::unsure);
}

// A carer's "she can't tell me" is the patient's silence, not the writer's doubt, when the
// writer tells what they see; alone it is still not knowing.
TEST(EleventhRoundReading, APatientWhoCannotTellIsNoDoubtOfTheCarers) {
  EXPECT_EQ(answer("q_cold",
                   "ive felt both and the left one is much colder and looks greyish, she cant "
                   "tell me herself"),
            Answer::yes);
  EXPECT_EQ(answer("q_inject",
                   "he wont tell you himself but ive found needles and a burnt spoon in his room"),
            Answer::yes);
  EXPECT_EQ(answer("q_cold", "she cant tell me herself"), Answer::unsure);
}

// "so yes", "so no" closing a reply conclude it; "I don't think so, no" is no conclusion.
TEST(EleventhRoundReading, SoYesAndSoNoConclude) {
  EXPECT_EQ(answer("q_fever",
                   "no fever I don't think - actually I've been shaking under the covers the "
                   "last two nights and soaking the sheets, so yes"),
            Answer::yes);
  EXPECT_EQ(answer("q_inject", "he's 92 and lives in a care home, so no"), Answer::no);
  EXPECT_EQ(answer("q_stroke", "i dont think so no"), Answer::unsure);
}

// A no that turns to an elliptic yes of its own: "I don't - well, I do."
TEST(EleventhRoundReading, ANoTurnedToAnEllipticYes) {
  EXPECT_EQ(
      answer("q_inject", "I don't - well, I do. I've been injecting again for a few months, sorry"),
      Answer::yes);
  EXPECT_EQ(answer("q_inject", "I don't, well, not for years"), Answer::no);
}

// Idioms whose negator denies nothing: a closing "which he never used to", "not himself".
TEST(EleventhRoundReading, NegatorsOfIdiomsDenyNothing) {
  EXPECT_EQ(answer("q_breath",
                   "hes been coughing and spluttering on every drink since yesterday which he "
                   "never used to"),
            Answer::yes);
  EXPECT_EQ(answer("q_stroke", "hes not himself, keeps getting his words in a twist since lunch"),
            Answer::yes);
  EXPECT_EQ(answer("q_breath", "he never coughs when he drinks"), Answer::no);
}

// Non-native and dictated English: "not able walk", "know falls".
TEST(EleventhRoundReading, NonNativeAndDictatedWords) {
  EXPECT_EQ(answer("q_weak", "He is not able walk since morning, legs are not holding him."),
            Answer::yes);
  EXPECT_EQ(
      answer("q_injury", "just the kick on my knee at football know falls on my back or neck"),
      Answer::no);
  const auto known = tokenize("as far as i really know falls are rare");
  EXPECT_EQ(dictation_slip(known, 5), "");  // "know" after "really" is the verb
  const auto slip = tokenize("football know falls");
  EXPECT_EQ(dictation_slip(slip, 1), "no");
  EXPECT_EQ(answer("q_breath", "My breath is short, I cannot finish the sentence."), Answer::yes);
}

// A year said in words is the past; "in twenty minutes" is not a year.
TEST(EleventhRoundReading, AYearSaidInWordsIsThePast) {
  EXPECT_FALSE(stops_at_opening(
      "my husband fell off a ladder in twenty fifteen and broke his back and he's been in a "
      "wheelchair since and numb from the waist down this is about him is there anything new "
      "that helps the nerve pain"));
  EXPECT_TRUE(
      stops_at_opening("my husband fell off a ladder twenty minutes ago and his legs "
                       "are numb"));
}

// The openings probe's emergencies in their words.
TEST(EleventhRoundReading, EmergenciesOfTheOpeningsProbe) {
  EXPECT_TRUE(stops_at_opening(
      "Ever since that stomach bug a fortnight ago both my legs have gone all wobbly and useless, "
      "a bit more each day, and now it's got into my arms too. Tonight I can't seem to get a "
      "proper lungful of air."));
  EXPECT_TRUE(stops_at_opening(
      "My husband have cancer of prostate, it go in the bones. From one week he have new pain in "
      "the back, and this morning his both legs are numb and he walk very bad."));
  EXPECT_FALSE(stops_at_opening(
      "My dad had a stroke six years ago and hasn't been able to speak since. His face and "
      "speech are no different to usual. Lately he rubs both feet and the carers say his feet "
      "seem numb when they wash them. This has been building up over a couple of months."));
  EXPECT_FALSE(states_finding("a pain in the back of my knee", "back_pain"));
}

TEST(EleventhRoundReading, CrisesSaidInPassingInTheRoundsStyles) {
  EXPECT_TRUE(
      safety_fires("my legs are numb and now my lips and tongue are smelling up since I "
                   "took the new tab lets and I can hardly get any air in",
                   SafetyCategory::breathing));
  EXPECT_TRUE(
      safety_fires("I'm a bit puffed just sitting in the chair, and my lips have a bit of "
                   "a bluish tinge",
                   SafetyCategory::breathing));
  EXPECT_TRUE(safety_fires("the skin between her ribs is sucking in with every breath",
                           SafetyCategory::breathing));
  EXPECT_TRUE(safety_fires("I've been thinking about checking out early, if you get my drift",
                           SafetyCategory::self_harm));
  EXPECT_TRUE(
      safety_fires("My wife she fall down now and all her body is shaking, already 5 "
                   "minute, it not stop, she not answer me.",
                   SafetyCategory::collapse_unresponsive));
  EXPECT_TRUE(safety_fires("bf was sayin his legs were numb, eyes open but not answerin me",
                           SafetyCategory::collapse_unresponsive));
  EXPECT_TRUE(safety_fires("it's still bleeding through every dressing I put on",
                           SafetyCategory::severe_bleeding));
  EXPECT_TRUE(safety_fires("I cut my hand deep, the blood come out like fountain",
                           SafetyCategory::severe_bleeding));
  EXPECT_TRUE(safety_fires("I took the hole packet of my gaba pentin for my legs",
                           SafetyCategory::overdose_poisoning));
  EXPECT_TRUE(safety_fires("my m8 jus necked a whole bottle of his nans pills",
                           SafetyCategory::overdose_poisoning));
  EXPECT_TRUE(safety_fires("I took all of what was left of my co-codamol",
                           SafetyCategory::overdose_poisoning));
  EXPECT_TRUE(
      safety_fires("I've helped myself to rather more of my amitriptyline than I should "
                   "have",
                   SafetyCategory::overdose_poisoning));
}

TEST(EleventhRoundReading, ALaughAndAPlotToldAreNoCrisis) {
  EXPECT_FALSE(
      safety_fires("cant breathe \xF0\x9F\x98\x82\xF0\x9F\x98\x82 my dog just sat on my "
                   "numb foot",
                   SafetyCategory::breathing));
  EXPECT_TRUE(safety_fires("cant breathe, my chest is tight", SafetyCategory::breathing));
  EXPECT_FALSE(
      safety_fires("I was watching a thriller where a woman swallowed a whole bottle of "
                   "pills, very dramatic",
                   SafetyCategory::overdose_poisoning));
  EXPECT_TRUE(safety_fires("I was watching a film and he collapsed",
                           SafetyCategory::collapse_unresponsive));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::eleventh_round_reading_test
