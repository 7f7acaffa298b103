// The safety screen and the language gate inside the interview (issue 10 §2, §6): a
// crisis message is answered at once whatever is pending, with the emergency number and
// for self-harm the crisis line; the pending question is asked again, not answered; a
// message in another language gets a notice in that language and buttons only.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "dialogs/engine.h"
#include "tests/dialogs/test_knowledge.h"

namespace triagebot::dialogs {
namespace safety_engine_test {
namespace {

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));

// Says Spanish for anything with "pierna", "pecho" or "quiero", English for the rest: the
// engine's use of the identifier, not CLD2 itself (tests/nlp has the real one).
class FakeIdentifier : public LanguageIdentifier {
 public:
  std::optional<std::string> identify(std::string_view text) const override {
    if (text.find("pierna") != std::string_view::npos ||
        text.find("pecho") != std::string_view::npos ||
        text.find("quiero") != std::string_view::npos)
      return "es";
    return "en";
  }
};

const FakeIdentifier kIdentifier;
const EngineOptions kOptions{.emergency_number = "112",
                             .spelling = nullptr,
                             .languages = &kIdentifier,
                             .crisis_line = "0800 689 5652"};

Turn say(const Session& s, const std::string& text) {
  return step(testing::builtin(), kOptions, s, Input::typed(text), kNow);
}
Turn press(const Session& s, const std::string& id) {
  return step(testing::builtin(), kOptions, s, Input::pressed(id), kNow);
}

const Reply* last_question(const Turn& t) {
  const Reply* q = nullptr;
  for (const auto& r : t.replies)
    if (!r.choices.empty()) q = &r;
  return q;
}

std::string pending_id(const Turn& t) {
  const Reply* q = last_question(t);
  return q ? q->choices[0].id.substr(0, q->choices[0].id.find(':')) : "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// An interview with a question pending.
Turn interview() { return say(Session{}, "For three weeks my left leg has been numb and I'm 41"); }

TEST(SafetyInInterview, SelfHarmDuringAPendingQuestionNamesTheCrisisLineAndAsksAgain) {
  Turn before = interview();
  const std::string pending = pending_id(before);
  ASSERT_FALSE(pending.empty());
  Turn t = say(before.next, "honestly i dont want to be here anymore");
  EXPECT_EQ(t.safety, std::vector<std::string>{"self_harm"});
  ASSERT_GE(t.replies.size(), 3u);
  EXPECT_TRUE(contains(t.replies[0].text, "0800 689 5652")) << t.replies[0].text;
  EXPECT_TRUE(contains(t.replies[0].text, "112")) << t.replies[0].text;
  EXPECT_TRUE(contains(t.replies[0].text, "sorry you're feeling like this"));
  EXPECT_TRUE(contains(t.replies[1].text, "When you're safe and ready"));
  EXPECT_EQ(pending_id(t), pending) << "the open question is asked again, not answered";
  EXPECT_FALSE(t.assessment);
  EXPECT_EQ(t.next.status, SessionStatus::active);
  // The interview carries on from there with the buttons.
  Turn next = press(t.next, last_question(t)->choices[1].id);
  EXPECT_TRUE(next.safety.empty());
  EXPECT_NE(pending_id(next), pending);
}

TEST(SafetyInInterview, ChestPainNamesTheEmergencyNumberWhateverIsPending) {
  Turn t = say(interview().next, "feels like an elephant is sat on my chest");
  EXPECT_EQ(t.safety, std::vector<std::string>{"chest_pain"});
  EXPECT_TRUE(contains(t.replies[0].text, "call 112 now")) << t.replies[0].text;
  EXPECT_FALSE(contains(t.replies[0].text, "0800 689 5652"));
}

TEST(SafetyInInterview, AnsweredAfterAnAssessmentToo) {
  Turn t = interview();
  for (int i = 0; i < 30 && !t.assessment; ++i) {
    const Reply* q = last_question(t);
    ASSERT_TRUE(q);
    const auto& no =
        q->choices.size() == 3 && q->choices[1].label == "No" ? q->choices[1] : q->choices[0];
    t = press(t.next, no.id);
  }
  ASSERT_TRUE(t.assessment);
  Turn after = say(t.next, "ive taken 30 paracetamol");
  EXPECT_EQ(after.safety, std::vector<std::string>{"overdose_poisoning"});
  EXPECT_TRUE(contains(after.replies[0].text, "call 112"));
  EXPECT_EQ(after.next.status, SessionStatus::completed);
  EXPECT_EQ(after.next.triage, t.next.triage) << "the finished check keeps its triage";
}

TEST(SafetyInInterview, AnOpeningCrisisIsAnsweredBeforeAnyQuestion) {
  Turn t = say(Session{}, "my husband is holding his chest and he's gone grey");
  EXPECT_EQ(t.safety, std::vector<std::string>{"chest_pain"});
  EXPECT_TRUE(contains(t.replies[0].text, "112"));
  EXPECT_TRUE(contains(t.replies.back().text, "tell me what is happening"));
  EXPECT_TRUE(pending_id(t).empty());
}

TEST(SafetyInInterview, ARedFlagInTheSameMessageStillInterrupts) {
  Turn t =
      say(interview().next, "calf is swollen and now im really short of breath just sitting here");
  EXPECT_EQ(t.safety, std::vector<std::string>{"breathing"});
  ASSERT_TRUE(t.assessment);
  EXPECT_EQ(t.assessment->triage, Triage::emergency);
}

// A crisis message that also says yes to the pending screen keeps its yes: a yes can only
// raise a red flag, and the interview must not ask a question already answered.
TEST(SafetyInInterview, AYesInACrisisMessageStillAnswersTheScreen) {
  Turn before = interview();
  const std::string pending = pending_id(before);
  Turn t = say(before.next, "yes, and now i cant breathe");
  EXPECT_EQ(t.safety, std::vector<std::string>{"breathing"});
  EXPECT_NE(pending_id(t), pending) << "not asked again";
  const auto& findings = t.next.engine_state.findings;
  const auto& findings_before = before.next.engine_state.findings;
  bool any_new_true = false;
  for (const auto& [id, value] : findings) {
    const bool known_before =
        std::any_of(findings_before.begin(), findings_before.end(),
                    [&id = id](const auto& found) { return found.first == id; });
    if (value && !known_before) any_new_true = true;
  }
  EXPECT_TRUE(any_new_true || t.assessment) << "the yes was kept";
}

TEST(SafetyInInterview, LookAlikesAndCommandsAreReadAsUsual) {
  Turn before = interview();
  EXPECT_TRUE(say(before.next, "this numbness is killing me lol").safety.empty());
  EXPECT_TRUE(say(before.next, "/help").safety.empty());
  EXPECT_TRUE(press(before.next, last_question(before)->choices[0].id).safety.empty());
}

TEST(LanguageGate, SpanishGetsASpanishNoticeWithTheNumberAndButtonsOnly) {
  Turn t = say(Session{}, "tengo la pierna dormida desde hace tres días");
  EXPECT_TRUE(t.safety.empty());
  ASSERT_FALSE(t.replies.empty());
  EXPECT_TRUE(contains(t.replies[0].text, "solo entiendo inglés")) << t.replies[0].text;
  EXPECT_TRUE(contains(t.replies[0].text, "112"));
  const Reply* q = last_question(t);
  ASSERT_TRUE(q) << "the interview goes on with buttons";
  // Typed words are not read as answers from now on, not even "no".
  const std::string pending = pending_id(t);
  Turn typed = say(t.next, "no");
  EXPECT_EQ(pending_id(typed), pending);
  EXPECT_TRUE(contains(typed.replies[0].text, "solo entiendo inglés"));
  // Buttons are.
  Turn pressed = press(typed.next, q->choices[1].id);
  EXPECT_NE(pending_id(pressed), pending);
}

TEST(LanguageGate, FrenchShortReplyToAPendingQuestionIsNeverYesOrNo) {
  Turn before = interview();
  const std::string pending = pending_id(before);
  for (const char* reply : {"non", "oui", "je ne sais pas"}) {
    Turn t = say(before.next, reply);
    EXPECT_TRUE(contains(t.replies[0].text, "ne comprends que l'anglais")) << reply;
    EXPECT_EQ(pending_id(t), pending) << reply;
    EXPECT_EQ(t.next.engine_state.findings, before.next.engine_state.findings) << reply;
  }
}

TEST(LanguageGate, NoSeIsNeverNo) {
  Turn before = interview();
  Turn t = say(before.next, "no sé");
  EXPECT_TRUE(contains(t.replies[0].text, "solo entiendo inglés"));
  EXPECT_EQ(pending_id(t), pending_id(before));
  EXPECT_EQ(t.next.engine_state.findings, before.next.engine_state.findings);
}

TEST(LanguageGate, SpanishCrisisIsAnsweredInSpanish) {
  Turn t = say(interview().next, "me duele mucho el pecho");
  EXPECT_EQ(t.safety, std::vector<std::string>{"chest_pain"});
  EXPECT_TRUE(contains(t.replies[0].text, "Llame al 112")) << t.replies[0].text;
  Turn self_harm = say(Session{}, "me quiero morir");
  EXPECT_EQ(self_harm.safety, std::vector<std::string>{"self_harm"});
  EXPECT_TRUE(contains(self_harm.replies[0].text, "0800 689 5652"));
  EXPECT_TRUE(contains(self_harm.replies[0].text, "Siento mucho"));
}

TEST(LanguageGate, ACrisisPhrasedInAnotherLanguageIsAnsweredInItEvenUnidentified) {
  // The fake identifier calls this English; the French phrasing the screen matched wins.
  Turn t = say(Session{}, "je veux mourir");
  EXPECT_EQ(t.safety, std::vector<std::string>{"self_harm"});
  EXPECT_TRUE(contains(t.replies[0].text, "Je suis vraiment désolé")) << t.replies[0].text;
  EXPECT_TRUE(contains(t.replies[0].text, "0800 689 5652"));
  EXPECT_EQ(t.next.engine_state.language, "fr");
}

TEST(LanguageGate, AnEnglishCrisisFromAGatedPersonIsAnsweredInEnglish) {
  Turn gated = say(Session{}, "tengo la pierna dormida desde hace tres días");
  Turn t = say(gated.next, "cant breth");
  EXPECT_EQ(t.safety, std::vector<std::string>{"breathing"});
  EXPECT_TRUE(contains(t.replies[0].text, "Trouble breathing")) << t.replies[0].text;
  EXPECT_TRUE(contains(t.replies[1].text, "solo entiendo inglés")) << t.replies[1].text;
}

TEST(LanguageGate, WritingEnglishAgainLeavesTheGate) {
  Turn gated = say(Session{}, "tengo la pierna dormida desde hace tres días");
  Turn t = say(gated.next, "sorry, my left leg has been numb for three weeks");
  EXPECT_FALSE(contains(t.replies[0].text, "solo entiendo"));
  EXPECT_EQ(t.next.engine_state.language, "");
}

TEST(LanguageGate, WithoutAnIdentifierOnlyTheShortRepliesAreKnown) {
  const EngineOptions plain{"112"};
  Session s = interview().next;
  Turn t = step(testing::builtin(), plain, s, Input::typed("no sé"), kNow);
  EXPECT_TRUE(contains(t.replies[0].text, "solo entiendo inglés"));
  Turn english = step(testing::builtin(), plain, s, Input::typed("tengo la pierna dormida"), kNow);
  EXPECT_FALSE(contains(english.replies[0].text, "solo entiendo"));
}

}  // namespace
}  // namespace safety_engine_test
}  // namespace triagebot::dialogs
