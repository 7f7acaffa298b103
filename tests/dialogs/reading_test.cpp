// How a message is read (docs/reading.md): spelling against the real dictionary, ConText
// scopes of time and person, laterality, episode length and time words, the person's own
// words kept as evidence, and the answer reader's vocabulary (issue 10 §3-5).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dialogs/answer_reader.h"
#include "dialogs/context_scope.h"
#include "dialogs/knowledge_data.h"
#include "dialogs/parser.h"
#include "dialogs/spelling_normaliser.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs {
namespace reading_test {
namespace {

const KnowledgeData& kb() { return testing::builtin().data(); }

std::string corrected(const std::string& text) {
  std::string out;
  for (const auto& t : correct_spelling(tokenize(text), &testing::spelling(), kb().vocabulary))
    out += (out.empty() ? "" : " ") + t.word;
  return out;
}

Reading opening(const std::string& text) {
  return read_message(kb(), text, nullptr, &testing::spelling());
}

Answer answer(const char* question, const std::string& text) {
  return testing::typed_answer(question, text);
}

// -1 unknown, 0 stated absent, 1 stated present.
int finding(const Reading& r, const char* id) {
  auto it = r.findings.find(kb().finding(id));
  return it == r.findings.end() ? -1 : it->second ? 1 : 0;
}

bool flagged(const Reading& r, const char* id) {
  for (int f : r.red_flags)
    if (kb().red_flags[f].id == id) return true;
  return false;
}

// ---- Spelling

TEST(Spelling, CorrectsMisspellingsToDictionaryWords) {
  EXPECT_EQ(corrected("numbnes"), "numbness");
  EXPECT_EQ(corrected("tingleing"), "tingling");
  EXPECT_EQ(corrected("bak pain"), "back pain");  // the knowledge base's word is preferred
  EXPECT_EQ(corrected("chets"), "chest");
  EXPECT_EQ(corrected("temprature"), "temperature");
}

TEST(Spelling, NeverChangesAWordTheDictionaryKnows) {
  EXPECT_EQ(corrected("it is the same colour as the other one"),
            "it is the same colour as the other one");
  EXPECT_EQ(corrected("i am fine thanks"), "i am fine thanks");
  EXPECT_EQ(corrected("night"), "night");  // not "right"
}

TEST(Spelling, ReadsChatSlangAndLeavesForeignAnswerWordsAlone) {
  EXPECT_EQ(corrected("kinda numb rn"), "kind of numb right now");
  EXPECT_EQ(corrected("hot n cold"), "hot and cold");
  EXPECT_EQ(corrected("n"), "n");        // alone, "n" is the answer no
  EXPECT_EQ(corrected("nein"), "nein");  // not "neon"
  EXPECT_EQ(corrected("evet"), "evet");  // not "ever"
}

TEST(Spelling, DrawnOutWordsAreTheWord) {
  EXPECT_EQ(corrected("nooo"), "no");
  EXPECT_EQ(corrected("yesss"), "yes");
  EXPECT_EQ(corrected("soooo numb"), "so numb");
  EXPECT_EQ(corrected("bookkeeper"), "bookkeeper");  // doubled letters are not drawn out
}

// A dictionary that knows no word and counts how often it is asked for suggestions.
class CountingSpellChecker : public SpellChecker {
 public:
  bool known(std::string_view) const override { return false; }
  std::vector<std::string> suggest(std::string_view) const override {
    ++calls;
    return {"word"};
  }
  mutable int calls = 0;
};

TEST(Spelling, AMessageCostsABoundedNumberOfLookups) {
  CountingSpellChecker counting;
  std::string garbled;
  for (int i = 0; i < 3 * kMaxCorrections; ++i)
    garbled += "qzx" + std::string(1, static_cast<char>('a' + i % 26)) + " ";
  (void)correct_spelling(tokenize(garbled), &counting, kb().vocabulary);
  EXPECT_EQ(counting.calls, kMaxCorrections);
  CountingSpellChecker long_word;
  (void)correct_spelling(tokenize(std::string(kMaxWordLength + 1, 'q')), &long_word,
                         kb().vocabulary);
  EXPECT_EQ(long_word.calls, 0);
}

TEST(Spelling, WithoutADictionaryOnlySlangApplies) {
  auto tokens = correct_spelling(tokenize("bak pain rn"), nullptr, kb().vocabulary);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].word, "bak");
  EXPECT_EQ(tokens[3].word, "now");
}

// Punctuation dictated as words is the mark, kept as tokenize() keeps marks: never two
// in a row, a full mark over a comma, and "stop" or "line" alone stays a word.
TEST(Spelling, SpokenPunctuationIsTheMark) {
  EXPECT_EQ(corrected("since lunch comma my leg full stop help question mark"),
            "since lunch , my leg . help ?");
  EXPECT_EQ(corrected("my leg went numb full stop. new line it hurts exclamation mark"),
            "my leg went numb . it hurts .");
  EXPECT_EQ(corrected("numb, comma then worse"), "numb , then worse");
  EXPECT_EQ(corrected("at the bus stop on the line"), "at the bus stop on the line");
}

TEST(Spelling, TyposReachTheFindingsAndEnglishWordsDoNot) {
  EXPECT_EQ(finding(opening("bak pain for a week"), "back_pain"), 1);
  EXPECT_EQ(finding(opening("my bladdr is not working right"), "bladder_trouble"), 1);
  // "colour", "fine", "same" were once fuzzy-matched into symptoms.
  Reading r = opening("the colour is the same and i feel fine otherwise");
  EXPECT_TRUE(r.red_flags.empty());
  EXPECT_EQ(answer("q_cold", "it's the same colour as the other one"), Answer::no);
}

TEST(Phrases, EverydayLookAlikesAreNotRedFlagFindings) {
  EXPECT_NE(finding(opening("my foot gets stuck on the stairs"), "breathing_trouble"), 1);
  EXPECT_NE(finding(opening("my foot turns the wrong way when i walk"), "breathing_trouble"), 1);
  EXPECT_NE(finding(opening("i went back to work and my foot hurts"), "back_pain"), 1);
  EXPECT_NE(finding(opening("my feet feel hot and burning at night"), "fever"), 1);
  EXPECT_NE(finding(opening("numb on the front of my foot"), "weakness"), 1);
  EXPECT_EQ(finding(opening("drinks go down the wrong way"), "breathing_trouble"), 1);
  EXPECT_EQ(finding(opening("i cant breath properly"), "breathing_trouble"), 1);
  EXPECT_EQ(finding(opening("legs gone weak and its spreading up"), "both_legs"), 1);
}

// A denial inside a phrase's gap: the reader used to look only before and after the
// phrase, so "my foot is not cold" stated "foot ... cold" and ended the interview as a
// cold, pale leg. A negator that is a word of the phrase, or a pseudo-negation, is none.
TEST(Phrases, ADenialInsideAPhraseDeniesIt) {
  EXPECT_EQ(finding(opening("my foot is not cold"), "limb_cold_pale"), 0);
  EXPECT_EQ(finding(opening("my leg is not white or cold at all"), "limb_cold_pale"), 0);
  EXPECT_EQ(finding(opening("my face is fine, no drooping"), "stroke_signs"), 0);
  EXPECT_EQ(finding(opening("my arm is never weak"), "stroke_signs"), 0);
  // Still stated:
  EXPECT_EQ(finding(opening("my foot is cold and white"), "limb_cold_pale"), 1);
  EXPECT_EQ(finding(opening("my toes will not move"), "limb_cold_pale"), 1);
  EXPECT_EQ(finding(opening("my face has no feeling and is drooping"), "stroke_signs"), 1);
}

// ---- Answers (the reader's vocabulary)

// People who measured a fever answer with the reading. At or above the fever finding's
// from_temperature_c (38 °C) it is a yes, quoted; a normal reading is not a no (the
// question asks about the past days too), and a number to another question is no
// temperature. Two readings at two times give the higher ("38 yesterday, 37.2 today").
TEST(AnswerReader, AFeverishTemperatureIsAYesToTheFeverQuestion) {
  for (const char* text :
       {"38.9", "38", "39.2 c", "38.5C", "101 F", "102.2", "it was 38.5 last night", "temp 39",
        "38 yesterday, 37.2 today after paracetamol", "38.9 and 40"})
    EXPECT_EQ(answer("q_fever", text), Answer::yes) << text;
  const Reading r = read_message(kb(), "38.9", kb().question("q_fever"), &testing::spelling());
  EXPECT_EQ(finding(r, "fever"), 1);
  EXPECT_EQ(r.evidence.at(kb().finding("fever")), "38.9");
  for (const char* text :
       {"37.2", "36.8", "98.6", "37 c", "38 or 39 times", "38 and 12", "37.2 then 36.9"})
    EXPECT_NE(answer("q_fever", text), Answer::yes) << text;
  for (const char* text : {"37.2", "36.8", "98.6"})
    EXPECT_NE(answer("q_fever", text), Answer::no) << text;
  EXPECT_NE(answer("q_stroke", "38.9"), Answer::yes);
}

TEST(AnswerReader, ReadsDenialsWithoutANoWord) {
  for (const char* text : {"I'm fine", "im fine thanks", "nothing like that", "all normal",
                           "same as the other one", "nope", "nah", "my face is fine"})
    EXPECT_EQ(answer("q_stroke", text), Answer::no) << text;
  EXPECT_EQ(answer("q_cold", "same as the other one"), Answer::no);
}

TEST(AnswerReader, ReadsSlangYes) {
  for (const char* text : {"ya", "yep", "yeh", "ye", "defo", "yeah it does"})
    EXPECT_EQ(answer("q_back_pain", text), Answer::yes) << text;
}

TEST(AnswerReader, HedgesAreAQualifiedYesOrUnsureAsTheQuestionNeeds) {
  for (const char* text : {"kinda", "sometimes", "a bit", "only when i walk far"})
    EXPECT_EQ(answer("q_weak", text), Answer::yes) << text;
  EXPECT_EQ(answer("q_worse", "sometimes worse sometimes better"), Answer::unsure);
  EXPECT_EQ(answer("q_pregnant", "could be"), Answer::yes);  // "could you be pregnant?"
  EXPECT_EQ(answer("q_back_pain", "could be"), Answer::unsure);
}

TEST(AnswerReader, UncertaintyIsNeverANoOnARedFlagQuestion) {
  for (const char* text :
       {"dunno", "not sure", "not that I know of", "dont think so, he hasnt said", "no sé",
        "je ne sais pas", "havent checked", "🤷", "not really sure", "not that i remember",
        "i dont believe so"})
    EXPECT_EQ(answer("q_saddle", text), Answer::unsure) << text;
  // The same hedged no on an ordinary question is a no.
  EXPECT_EQ(answer("q_diet", "not that I know of"), Answer::no);
}

TEST(AnswerReader, ANoThatMentionsSomethingElseRecordsIt) {
  Reading r =
      read_message(kb(), "no, but my back hurts", kb().question("q_stroke"), &testing::spelling());
  EXPECT_EQ(r.answer, Answer::no);
  EXPECT_EQ(finding(r, "back_pain"), 1);
}

TEST(AnswerReader, AStatedSymptomOutweighsTheLeadWord) {
  EXPECT_EQ(answer("q_stroke", "not my face but my arm went numb earlier"), Answer::yes);
  EXPECT_EQ(answer("q_fever", "no fever but had the chills last night"), Answer::yes);
}

TEST(AnswerReader, FeelingNothingIsNumbnessNotADenial) {
  EXPECT_EQ(answer("q_saddle", "i can feel nothing down there"), Answer::yes);
  EXPECT_EQ(answer("q_saddle", "nothing down there"), Answer::no);
  EXPECT_EQ(answer("q_saddle", "no feeling down there"), Answer::yes);
  EXPECT_EQ(answer("q_saddle", "i dont feel anything down there"), Answer::yes);
  EXPECT_EQ(answer("q_saddle", "i dont feel numb down there"), Answer::no);
  EXPECT_EQ(answer("q_bladder", "no control over my bladder"), Answer::yes);
  EXPECT_EQ(answer("q_weak", "no strength in it at all"), Answer::yes);
  EXPECT_EQ(answer("q_breath", "not able to breathe properly"), Answer::yes);
  // A negated normal state affirms ("not normal down there").
  EXPECT_EQ(answer("q_saddle", "its not normal down there"), Answer::yes);
  EXPECT_EQ(answer("q_cold", "its not the same colour as the other one"), Answer::yes);
  EXPECT_NE(finding(opening("my speech is not normal"), "speech_trouble"), 0);
}

TEST(AnswerReader, AsksWhatTheQuestionMeans) {
  for (const char* text : {"what do you mean?", "whats the saddle area", "how do i tell?"})
    EXPECT_EQ(answer("q_saddle", text), Answer::clarify) << text;
  for (const char* text : {"ok", "hello?", "?", "hang on ill ask my wife"})
    EXPECT_EQ(answer("q_saddle", text), Answer::none) << text;
}

TEST(AnswerReader, PastEventsAreNoWhenTheQuestionIsAboutNow) {
  EXPECT_EQ(answer("q_stroke", "had a stroke 5 years ago, nothing new since"), Answer::no);
  EXPECT_EQ(answer("q_injury", "fell off my bike when i was 12"), Answer::no);
  EXPECT_EQ(answer("q_bladder", "incontinent for years, unchanged"), Answer::no);
  EXPECT_EQ(answer("q_immune", "was on steroids years ago, not now"), Answer::no);
  EXPECT_EQ(answer("q_inject", "used to years ago, clean now"), Answer::no);
  // ... but yes when the question asks about ever, or something present for long.
  EXPECT_EQ(answer("q_cancer", "had breast cancer 8 yrs ago, all clear now"), Answer::yes);
  EXPECT_EQ(answer("q_back_pain", "lumbago for years, same as always"), Answer::yes);
  EXPECT_EQ(answer("q_worse", "on and off for years but worse since the weekend"), Answer::yes);
}

TEST(AnswerReader, CountsFromTheLastSelfCorrection) {
  EXPECT_EQ(answer("q_cold", "yes - sorry, no, i misread"), Answer::no);
  EXPECT_EQ(answer("q_bladder", "no wait yes, i wet myself a bit yesterday"), Answer::yes);
}

TEST(AnswerReader, ForeignYesAndNoWords) {
  EXPECT_EQ(answer("q_stroke", "sí"), Answer::yes);
  EXPECT_EQ(answer("q_stroke", "nein"), Answer::no);
  EXPECT_EQ(answer("q_fever", "no tengo fiebre"), Answer::no);
  EXPECT_EQ(answer("q_bladder", "no sé"), Answer::unsure);  // not "no"
}

TEST(AnswerReader, RedFlagQuestionsAreTheScreensAndTheRulesFindings) {
  EXPECT_TRUE(is_red_flag_question(kb(), *kb().question("q_saddle")));
  EXPECT_TRUE(is_red_flag_question(kb(), *kb().question("q_worse")));  // ascending weakness
  EXPECT_FALSE(is_red_flag_question(kb(), *kb().question("q_diet")));
}

// ---- ConText: time

TEST(ContextScope, TellsNowFromThePastAndFromLongStanding) {
  auto time_of = [](const std::string& text, int token) {
    auto t = tokenize(text);
    return read_scopes(t, kb().lexicon.distant_past).at(token).time;
  };
  EXPECT_EQ(time_of("fell off my bike when i was 12", 0), TimeScope::historical);
  EXPECT_EQ(time_of("a year ago, i had double vision", 5), TimeScope::historical);
  EXPECT_EQ(time_of("incontinent for years, unchanged", 0), TimeScope::long_standing);
  EXPECT_EQ(time_of("worse since the weekend", 0), TimeScope::current);
  EXPECT_EQ(time_of("i fell years ago but now i cannot pee", 6), TimeScope::current);
  auto t = tokenize("had a stroke 5 years ago, nothing new since");
  Scopes s = read_scopes(t, kb().lexicon.distant_past);
  EXPECT_TRUE(s.denies_current());
  EXPECT_TRUE(s.only_past());
}

TEST(ContextScope, PastEventsDoNotFireNewFindingsOrRedFlags) {
  Reading bike = opening("my leg is numb. I fell off my bike when i was 12");
  EXPECT_NE(finding(bike, "back_injury"), 1);
  EXPECT_FALSE(flagged(bike, "spinal_trauma"));
  Reading leak = opening("numb feet, and i have been incontinent for years, unchanged");
  EXPECT_NE(finding(leak, "bladder_trouble"), 1);
  // "always been fine before" contrasts: the symptom is new.
  EXPECT_EQ(finding(opening("i cant pee, always been fine before"), "bladder_trouble"), 1);
  EXPECT_NE(finding(opening("i wet myself when i sneeze but always have"), "bladder_trouble"), 1);
  Reading now = opening("I fell down the stairs yesterday and my leg is numb");
  EXPECT_EQ(finding(now, "back_injury"), 1);
  // A finding that counts whenever it happened.
  EXPECT_EQ(finding(opening("I had cancer years ago"), "cancer_history"), 1);
}

// ---- ConText: person

TEST(ContextScope, AFamilyHistoryIsNotAFinding) {
  Reading r = opening("my left leg is numb. my mum had a stroke years ago");
  EXPECT_NE(finding(r, "stroke_signs"), 1);
  EXPECT_FALSE(flagged(r, "stroke_signs"));
  EXPECT_NE(finding(opening("my dad had cancer, not me"), "cancer_history"), 1);
  // A condition a relative had is family history; an event is a carer's report.
  EXPECT_NE(finding(opening("my dad had bowel cancer"), "cancer_history"), 1);
  EXPECT_EQ(finding(opening("my dad had a fall and now his leg is numb"), "back_injury"), 1);
}

TEST(ContextScope, ACarerSpeaksOfThePatient) {
  EXPECT_EQ(finding(opening("my dad's leg is numb"), "one_leg"), 1);
  EXPECT_TRUE(flagged(opening("he cant lift his arm"), "stroke_signs") ||
              finding(opening("he cant lift his arm"), "stroke_signs") == 1);
  EXPECT_EQ(answer("q_stroke", "my wife says im slurring a bit"), Answer::yes);
}

// ---- Laterality

TEST(Laterality, PluralsAndBothSidesMeanBothLegs) {
  for (const char* text : {"both feet are numb", "his toes are numb", "my legs are numb"})
    EXPECT_EQ(finding(opening(text), "both_legs"), 1) << text;
  Reading spread = opening("my left leg went numb and now the other leg too");
  EXPECT_EQ(finding(spread, "both_legs"), 1);
  EXPECT_EQ(finding(spread, "one_leg"), -1);
}

// ---- Durations

std::string duration_choice(const std::string& text) {
  Reading r = read_message(kb(), text, kb().question("q_duration"), &testing::spelling());
  return r.choice < 0 ? "none" : kb().question("q_duration")->choices[r.choice].key;
}

TEST(Durations, TimeWords) {
  EXPECT_EQ(duration_choice("since monday"), "days");
  EXPECT_EQ(duration_choice("a fortnight"), "weeks");
  EXPECT_EQ(duration_choice("since this morning"), "hours");
  EXPECT_EQ(duration_choice("for ages"), "months");
  EXPECT_EQ(duration_choice("couple of days"), "days");
  EXPECT_EQ(duration_choice("since the weekend"), "days");
  EXPECT_EQ(duration_choice("since tues"), "days");
  EXPECT_EQ(duration_choice("3 mths"), "months");
}

TEST(Durations, ALongStandingConditionIsNotHowLongTheComplaintHasLasted) {
  EXPECT_FALSE(opening("my toes are numb, ive had diabetes for 20 years").duration_days);
  Reading r = opening("my feet have been numb for 2 years");
  ASSERT_TRUE(r.duration_days);
  EXPECT_DOUBLE_EQ(*r.duration_days, 730);
}

TEST(Durations, AnEpisodeIsNotTheIllness) {
  EXPECT_FALSE(opening("my calf goes numb for 5 minutes after walking").duration_days);
  EXPECT_FALSE(opening("calf goes numb walking uphill, stop for a min and its fine").duration_days);
  Reading r = opening("for 3 weeks my calf goes numb for 5 minutes after walking");
  ASSERT_TRUE(r.duration_days);
  EXPECT_DOUBLE_EQ(*r.duration_days, 21);
}

// ---- Evidence

TEST(Evidence, QuotesThePersonsOwnWords) {
  Reading r = opening("Lower back aches, and my LEFT leg is numb");
  EXPECT_EQ(r.evidence.at(kb().finding("back_pain")), "Lower back aches");
  EXPECT_EQ(r.evidence.at(kb().finding("one_leg")), "and my LEFT leg is numb");
}

TEST(Evidence, AYesInThePersonsOwnWordsIsQuotedForTheQuestion) {
  const QuestionDef* weak = kb().question("q_weak");
  Reading r = read_message(kb(), " legs like jelly ", weak, &testing::spelling());
  EXPECT_EQ(r.evidence.at(weak->finding), "legs like jelly");
  Reading bare = read_message(kb(), "yep", weak, &testing::spelling());
  EXPECT_EQ(bare.answer, Answer::yes);
  EXPECT_EQ(bare.evidence.count(weak->finding), 0u);
  Reading denied = read_message(kb(), "no, it's just numb", weak, &testing::spelling());
  EXPECT_EQ(denied.evidence.count(weak->finding), 0u);
}

}  // namespace
}  // namespace reading_test
}  // namespace triagebot::dialogs
