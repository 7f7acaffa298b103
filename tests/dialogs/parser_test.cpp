// A table of phrasings and what the reader must take from them: yes/no/unsure with
// negation scope, typos, durations, ages, sides and several findings in one message.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "dialogs/knowledge_data.h"
#include "dialogs/parser.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"

namespace triagebot::dialogs {
namespace parser_test {
namespace {

struct Row {
  const char* question;  // pending question id, "" for an opening message
  const char* text;
  const char* expect;  // "answer=no back_pain=0 dur=dur_weeks age=41 flag=stroke_signs choice=left"
};

// clang-format off
const Row kRows[] = {
    // Plain yes / no / unsure, typed for a yes/no question.
    {"q_back_pain", "yes", "answer=yes"},
    {"q_back_pain", "Yeah", "answer=yes"},
    {"q_back_pain", "yep, quite a lot", "answer=yes"},
    {"q_back_pain", "no", "answer=no"},
    {"q_back_pain", "nope", "answer=no"},
    {"q_back_pain", "nah", "answer=no"},
    {"q_back_pain", "not really", "answer=no"},
    {"q_back_pain", "Not at all.", "answer=no"},
    {"q_back_pain", "never had that", "answer=no"},
    {"q_diet", "I don't think so", "answer=no"},
    // A hedged no never rules out a red-flag screen (issue 10 §3).
    {"q_back_pain", "I don't think so", "answer=unsure"},
    {"q_saddle", "not that I know of", "answer=unsure"},
    {"q_back_pain", "definitely not", "answer=no"},
    {"q_back_pain", "no, none of that", "answer=no"},
    {"q_back_pain", "nothing like that", "answer=no"},
    {"q_back_pain", "I'm not sure", "answer=unsure"},
    {"q_back_pain", "not sure", "answer=unsure"},
    {"q_back_pain", "don't know", "answer=unsure"},
    {"q_back_pain", "maybe", "answer=unsure"},
    {"q_back_pain", "no idea", "answer=unsure"},
    {"q_back_pain", "hmm, I can't remember", "answer=unsure"},
    {"q_back_pain", "my lower back aches", "answer=yes back_pain=1"},
    {"q_back_pain", "no back pain", "answer=no back_pain=0"},
    {"q_back_pain", "I haven't got any back ache", "answer=no back_pain=0"},
    {"q_fever", "no fever, chills or sweats", "answer=no fever=0"},
    {"q_fever", "I have a temprature", "answer=yes fever=1"},
    {"q_fever", "never", "answer=no"},
    // Answers that start with yes and mention more.
    {"q_back_pain", "yes, and my leg is weak too", "answer=yes weakness=1"},
    {"q_cough", "yes, sneezing really hurts down the leg", "answer=yes"},
    {"q_shooting", "yes, from my buttock down the side of my leg to my big toe", "answer=yes pain_below_knee=1"},
    {"q_weak", "no, I can walk on my heels and toes fine", "answer=no"},
    {"q_injury", "no fall, just that awkward lift", "answer=no lifting_trigger=1"},
    {"q_bladder", "no, but I wet myself this morning", "flag=cauda_equina_signs bladder_trouble=1"},
    {"q_stand_still", "standing still isn't enough, I need to sit or lean forward", "answer=no sit_bend_relief=1"},
    {"q_sit_bend", "I don't need to sit, just stop", "answer=no"},
    {"q_sitting", "sitting in the car makes it worse", "answer=yes"},
    {"q_sitting", "no, sitting makes it better", "answer=no"},
    {"q_alcohol", "about half a bottle of whisky a day", "answer=yes alcohol_heavy=1"},
    {"q_alcohol", "a few beers a week", "answer=no"},
    {"q_alcohol", "occasionally", "answer=no"},
    {"q_diet", "I eat meat and dairy", "answer=no"},
    {"q_diet", "I don't eat meat", "answer=yes"},
    {"q_prior", "my eyes are fine now, the double vision last year cleared up", "answer=yes prior_episode=1 no_flag"},
    {"q_hands", "my hands are starting to tingle too", "answer=yes hands_involved=1"},
    {"q_resolved", "it's completely back to normal", "answer=yes"},
    {"q_balance", "a bit unsteady in the dark", "answer=yes"},
    // Typos (one letter, words of five letters or more).
    {"", "sciatca down my leg", "pain_below_knee=1"},
    {"", "my bladdr is not working right", "bladder_trouble=1 flag=cauda_equina_signs"},
    {"", "I have diabetis", "diabetes=1"},
    {"", "I can't feel my gorin", "saddle_numbness=1"},
    {"", "my foot is compeltely numb after kneeling", "position_trigger=1"},
    {"", "no fever, never had that at night", "fever=0"},
    {"", "worse at night", "night_pain=1 side_right=unknown"},
    // Durations.
    {"q_duration", "3 weeks", "choice=weeks"},
    {"q_duration", "since yesterday", "choice=days"},
    {"q_duration", "a couple of months", "choice=months"},
    {"q_duration", "ten days", "choice=weeks"},
    {"q_duration", "an hour", "choice=hours"},
    {"q_duration", "half an hour", "choice=hours"},
    {"q_duration", "about a year", "choice=years"},
    {"q_duration", "three or four months", "choice=months"},
    {"q_duration", "a week", "choice=days"},
    {"q_duration", "a few minutes, this morning", "choice=hours"},
    {"q_duration", "for years", "choice=years"},
    {"", "I've had tingling in both feet for a few months", "dur=dur_months both_legs=1"},
    {"", "I drink a bottle every couple of days and my feet are numb", "dur=unknown"},
    {"", "Ten days ago my left leg went numb", "dur=dur_weeks one_leg=1"},
    {"", "A minute standing still and it's gone", "dur=unknown standing_still_relief=1"},
    // Onset.
    {"q_onset", "suddenly", "choice=sudden"},
    {"q_onset", "over a few days", "choice=days"},
    {"q_onset", "gradually since the chemo started", "choice=gradual"},
    {"q_onset", "straight after the tackle", "choice=sudden"},
    {"q_onset", "within a day of lifting him", "choice=days"},
    // Ages and sex.
    {"q_age", "41", "choice=40_59"},
    {"q_age", "I'm 64", "choice=60_69"},
    {"q_age", "seventy two", "choice=70"},
    {"q_age", "she's 9", "choice=u16"},
    {"q_age", "in my thirties", "choice=16_39"},
    {"", "I'm 64, I've had tingling in both feet", "age=64"},
    {"", "I am a 45 year old woman with a numb foot", "age=45 female=1"},
    {"q_sex", "male", "choice=male"},
    {"q_sex", "I'm a woman", "choice=female"},
    // Sides.
    {"q_side", "just the left one", "choice=left"},
    {"q_side", "both legs", "choice=both"},
    {"q_side", "the right side", "choice=right"},
    {"q_side", "mostly the left leg", "choice=left"},
    {"q_side", "both feet", "choice=both"},
    {"q_side", "one foot, the left", "choice=left"},
    {"q_side", "rite leg", "choice=right"},
    {"q_onset", "woke up with it", "choice=days"},
    {"q_sex", "im a bloke", "choice=male"},
    // Red flags with negation and stems.
    {"", "my face is drooping", "flag=stroke_signs"},
    {"", "no weakness at all", "weakness=0 no_flag"},
    {"", "I'm slurring my words", "flag=stroke_signs"},
    {"", "my dad suddenly can't speak properly", "flag=stroke_signs"},
    {"", "numb between my legs", "flag=cauda_equina_signs"},
    {"", "I can't feel the paper when I wipe", "flag=cauda_equina_signs"},
    {"", "my foot went white and icy", "flag=acute_limb_ischemia_signs"},
    {"", "I'm short of breath", "flag=ascending_weakness"},
    {"", "I fell off a ladder onto my back", "flag=spinal_trauma"},
    {"", "my legs gave way", "flag=rapidly_progressive_weakness"},
    {"", "my speech is fine and my face is normal", "no_flag"},
    {"", "I don't have any trouble peeing", "bladder_trouble=0 no_flag"},
    // Several findings in one message.
    {"", "Lower back pain for a week and now my left leg is numb down to the foot", "back_pain=1 one_leg=1 dur=dur_days"},
    {"", "I've had type 1 diabetes for 30 years and the numbness in my toes has slowly spread up on both sides",
     "diabetes=1 onset_gradual=1 both_legs=1 sock_pattern=1"},
    {"", "I spray pesticides on a farm and my feet have gone numb", "toxin_work=1 both_legs=1"},
    {"", "I found a tick on my leg, there was a spreading red rash", "tick_bite=1 rash=1"},
    {"", "I'm vegan, always tired and my tongue is sore", "vegan_diet=1 fatigue_tongue=1"},
};
// clang-format on

std::string name_of(const Answer a) {
  switch (a) {
    case Answer::yes:
      return "yes";
    case Answer::no:
      return "no";
    case Answer::unsure:
      return "unsure";
    case Answer::clarify:
      return "clarify";
    case Answer::none:
      return "none";
  }
  return "?";
}

void check(const KnowledgeData& k, const Row& row) {
  const QuestionDef* q = *row.question ? k.question(row.question) : nullptr;
  ASSERT_TRUE(!*row.question || q) << "unknown question " << row.question;
  Reading r = read_message(k, row.text, q, &testing::spelling());
  std::istringstream spec(row.expect);
  std::string item;
  while (spec >> item) {
    SCOPED_TRACE(std::string("\"") + row.text + "\" expects " + item);
    if (item == "no_flag") {
      EXPECT_TRUE(r.red_flags.empty());
      continue;
    }
    auto eq = item.find('=');
    ASSERT_NE(eq, std::string::npos);
    std::string key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "answer") {
      EXPECT_EQ(name_of(r.answer), value);
    } else if (key == "choice") {
      ASSERT_GE(r.choice, 0);
      EXPECT_EQ(q->choices[r.choice].key, value);
    } else if (key == "age") {
      ASSERT_TRUE(r.age_years);
      EXPECT_DOUBLE_EQ(*r.age_years, std::stod(value));
    } else if (key == "dur") {
      if (value == "unknown") {
        EXPECT_FALSE(r.duration_days);
        continue;
      }
      ASSERT_TRUE(r.duration_days);
      const QuestionDef* d = k.question("q_duration");
      bool found = false;
      for (const auto& c : d->choices) {
        if (!c.unsure && k.findings[c.sets[0]].id == value) {
          found = *r.duration_days >= c.low && *r.duration_days < c.high;
        }
      }
      EXPECT_TRUE(found) << *r.duration_days << " days";
    } else if (key == "flag") {
      bool hit = false;
      for (int f : r.red_flags) hit = hit || k.red_flags[f].id == value;
      // A flag may also follow from the findings the message states (engine rules).
      for (const auto& flag : k.red_flags) {
        if (flag.id != value) continue;
        for (const auto& rule : flag.rules) {
          bool all = !rule.all.empty() || !rule.any.empty();
          for (int f : rule.all) all = all && r.findings.count(f) && r.findings.at(f);
          bool any = rule.any.empty();
          for (int f : rule.any) any = any || (r.findings.count(f) && r.findings.at(f));
          bool none = true;
          for (int f : rule.none) none = none && !(r.findings.count(f) && r.findings.at(f));
          if (all && any && none) hit = true;
        }
      }
      EXPECT_TRUE(hit);
    } else {
      int f = k.finding(key);
      ASSERT_GE(f, 0) << "unknown finding " << key;
      if (value == "unknown") {
        EXPECT_EQ(r.findings.count(f), 0u);
      } else {
        ASSERT_EQ(r.findings.count(f), 1u);
        EXPECT_EQ(r.findings.at(f), value == "1");
      }
    }
  }
}

TEST(Parser, ReadsEveryPhrasingInTheTable) {
  const KnowledgeData& k = testing::builtin().data();
  EXPECT_GE(std::size(kRows), 80u);
  for (const auto& row : kRows) check(k, row);
}

TEST(Parser, TypedAnswerEqualsTheButton) {
  const KnowledgeData& k = testing::builtin().data();
  for (const auto& q : k.questions) {
    for (size_t c = 0; c < q.choices.size(); ++c) {
      Reading r = read_message(k, q.choices[c].label, &q, &testing::spelling());
      EXPECT_EQ(r.choice, static_cast<int>(c)) << q.id << " / " << q.choices[c].label;
    }
  }
}

TEST(TextMatch, MatchesWordsExactlyOrByStem) {
  PhraseToken leg{"leg", false, false};
  EXPECT_TRUE(word_matches("leg", leg));
  EXPECT_FALSE(word_matches("lag", leg));
  EXPECT_FALSE(word_matches("legs", leg));
  PhraseToken numb{"numb", true, false};
  EXPECT_TRUE(word_matches("numbness", numb));
  // Typos are the spell checker's business now, never closeness to a phrase.
  PhraseToken right{"right", false, false};
  EXPECT_FALSE(word_matches("night", right));
  EXPECT_FALSE(word_matches("rigth", right));
}

}  // namespace
}  // namespace parser_test
}  // namespace triagebot::dialogs
