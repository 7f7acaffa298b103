// The interview: one pure step per input (DESIGN.md "The dialog core", docs/interview.md).
// Order of work on every input: commands; read the message; red flags (brief §5.1: they
// win, on every input, whatever is pending); the pending answer (a request to clarify, or
// an unsure red-flag answer, gets the plainer re-ask); red-flag closure (issue 10 §1);
// then the next question or the assessment.
#include "dialogs/engine.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "dialogs/engine_state.h"
#include "dialogs/knowledge_data.h"
#include "dialogs/language_gate.h"
#include "dialogs/parser.h"
#include "dialogs/previous_message.h"
#include "dialogs/question_choice.h"
#include "dialogs/reasoner.h"
#include "dialogs/red_flag_closure.h"
#include "dialogs/render.h"
#include "dialogs/safety_replies.h"
#include "dialogs/safety_screen.h"
#include "dialogs/star_corrections.h"

namespace triagebot::dialogs {
namespace {

std::string command_of(const Input& input) {
  if (input.kind != Input::Kind::text) return {};
  std::string_view t = input.text;
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
  if (t.empty() || t.front() != '/') return {};
  std::string word;
  for (char c : t) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == '@') break;
    word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return word;
}

// How a question is put: as first asked, again in plainer words because the answer
// matters (an unsure red-flag answer), or in other words because the person asked what
// it means, or about the person themselves because the answer was about a relative.
enum class Wording { first, plainer, clarified, someone_else };

const char* intro_key(Wording wording) {
  switch (wording) {
    case Wording::plainer:
      return "plainer_intro";
    case Wording::someone_else:
      return "someone_else_intro";
    default:
      return "clarify_intro";
  }
}

Reply question_reply(const KnowledgeData& k, const QuestionDef& q, Wording wording) {
  Reply r;
  const std::string& words = q.plainer.empty() ? q.text : q.plainer;
  if (wording == Wording::first)
    r.text = q.text;
  else {
    // A knowledge file without the optional "someone_else_intro" uses "clarify_intro".
    const std::string& own = k.text(intro_key(wording));
    r.text = (own.empty() ? k.text("clarify_intro") : own) + " " + words;
  }
  for (const auto& c : q.choices) r.choices.push_back({c.id, c.label});
  return r;
}

// The words the reader quoted for finding `f`, or "" (then the reason uses the finding's
// own description of the answer).
std::string quote_of(const Reading& reading, int f) {
  auto it = reading.evidence.find(f);
  return it == reading.evidence.end() ? std::string() : it->second;
}

// An answer to `q`: sets what the choice says and records it as stated by the person.
void apply_choice(const KnowledgeData& k, Facts& facts, EngineState& st, const QuestionDef& q,
                  const ChoiceDef& c, const std::string& quote = {}) {
  if (c.unsure) return;
  if (q.kind == QuestionKind::yes_no) {
    facts.set(q.finding, c.key == "yes");
    st.note_said(k, q.finding, quote);
    return;
  }
  for (int f : c.sets) {
    facts.set(f, true);
    st.note_said(k, f, quote);
  }
}

// Findings mined from free text fill gaps; a stated symptom also overrides an earlier
// "no" (brief §5.8: late news counts), but never flips a group already answered.
void apply_mined(const KnowledgeData& k, Facts& facts, EngineState& st, const Reading& reading) {
  for (const auto& [f, value] : reading.findings) {
    if (value) {
      bool group_known = !k.findings[f].group.empty() && facts.group_has_true(f);
      // A prevailing finding updates its group ("the other leg too" after "my left leg").
      bool prevails = std::count(k.lexicon.prevailing_findings.begin(),
                                 k.lexicon.prevailing_findings.end(), f) != 0;
      if (group_known && !facts.is_true(f) && !prevails) continue;
      facts.set(f, true);
    } else if (!facts.known(f)) {
      facts.set(f, false);
    } else {
      continue;
    }
    st.note_said(k, f, quote_of(reading, f));
  }
}

void apply_range(const KnowledgeData& k, Facts& facts, EngineState& st, QuestionKind kind,
                 double value, bool force) {
  for (const auto& q : k.questions) {
    if (q.kind != kind) continue;
    if (!force && settled(k, facts, q)) continue;
    for (const auto& c : q.choices) {
      if (c.unsure) continue;
      bool last = &c == &q.choices[q.choices.size() - 2];
      bool in = kind == QuestionKind::age ? (value >= c.low && value < c.high + 1)
                                          : (value >= c.low && (value < c.high || last));
      if (in) {
        apply_choice(k, facts, st, q, c);
        break;
      }
    }
  }
}

std::vector<int> red_flags_now(const KnowledgeData& k, const Facts& facts,
                               const std::vector<int>& from_phrases,
                               const std::vector<std::string>& recorded) {
  std::vector<int> out;
  for (size_t r = 0; r < k.red_flags.size(); ++r) {
    if (std::find(recorded.begin(), recorded.end(), k.red_flags[r].id) != recorded.end()) continue;
    bool hit = std::find(from_phrases.begin(), from_phrases.end(), static_cast<int>(r)) !=
               from_phrases.end();
    for (const auto& rule : k.red_flags[r].rules) hit = hit || facts.holds(rule);
    if (hit) out.push_back(static_cast<int>(r));
  }
  return out;
}

class Interview {
 public:
  Interview(const KnowledgeData& k, const EngineOptions& options, const Session& session)
      : k_(k),
        options_(options),
        session_(session),
        // A copy of the stored state: its findings stand still while facts_ holds them,
        // and finish() writes them back.
        st_(session.engine_state),
        facts_(facts_of(k, session.engine_state)) {}

  Turn run(const Input& input, std::chrono::system_clock::time_point now) {
    now_ = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    previous_close_ = !st_.previous_words.empty() && sent_close_together(st_.previous_at, now_);
    // Only typed text is read on from them (a button press never is).
    if (previous_close_ && input.kind == Input::Kind::text) read_on_from_ = kept_words_to_read_on();
    std::string command = command_of(input);
    if (!command.empty()) return on_command(command);
    if (input.kind == Input::Kind::text) {
      if (auto screened = screen_first(input.text, now)) return std::move(*screened);
    }
    if (session_.status == SessionStatus::completed) return after_completion(input);
    if (!st_.started) {
      st_.started = true;
      st_.started_at =
          std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
      say(fill(k_.text("greeting"), {{"number", options_.emergency_number}}));
    }
    const QuestionDef* pending = st_.pending.empty() ? nullptr : k_.question(st_.pending);
    Answer answer = Answer::none;
    bool about_someone_else = false;
    std::vector<int> phrase_flags;
    bool ask_pending_again = false;
    if (input.kind == Input::Kind::choice) {
      answer = on_choice(input.choice_id, pending);
    } else {
      Reading reading = read_message(k_, input.text, pending, options_.spelling);
      apply_reading(reading, pending);
      phrase_flags = reading.red_flags;
      if (pending && reading.hedged_denial && (st_.plainer || st_.hedges_mean_no)) {
        // A hedged denial is asked once more, plainer; given again, it is a no, and so
        // is every later one of this person's (docs/reading.md "Hedged denials").
        take_hedged_denial_as_no(reading);
        st_.hedges_mean_no = true;
      }
      // A reply only about the question before is no answer to this one: asked again.
      ask_pending_again = pending && answers_only_the_earlier_question(reading, *pending);
      if (pending && !ask_pending_again) answer = on_typed_answer(reading, *pending);
      if (pending && reading.earlier_answer_at != std::string_view::npos)
        answer_earlier_question(*pending,
                                std::string_view(input.text).substr(reading.earlier_answer_at));
      about_someone_else = reading.about_someone_else;
    }
    auto flags = red_flags_now(k_, facts_, phrase_flags, session_.red_flags);
    if (flags.empty() && input.kind == Input::Kind::text) flags = red_flags_across(input.text);
    if (!flags.empty()) return interrupt(flags, FlagBasis::stated);
    if (ask_pending_again) {
      replies_.push_back(
          question_reply(k_, *pending, st_.plainer ? Wording::plainer : Wording::first));
      return finish(session_);
    }
    if (pending && answer == Answer::clarify) {
      // Asked once in other words; asked again, it is taken as "not sure" below.
      if (!st_.plainer)
        return ask_again(*pending, about_someone_else ? Wording::someone_else : Wording::clarified);
      answer = Answer::unsure;
    }
    bool red_flag_question = pending && screens_a_red_flag(*pending);
    if (red_flag_question && answer == Answer::unsure) {
      // Brief §5.4: a red-flag question answered "not sure" is asked once more, plainer;
      // "not sure" never becomes "no" (issue 10 §3).
      if (!st_.plainer) return ask_again(*pending, Wording::plainer);
      st_.unsure_screens.push_back(pending->id);
    }
    if (pending && answer == Answer::none && input.kind == Input::Kind::choice) {
      // A stale button: ask again in the words last used.
      replies_.push_back(
          question_reply(k_, *pending, st_.plainer ? Wording::plainer : Wording::first));
      return finish(session_);
    }
    close_pending();
    return continue_interview();
  }

 private:
  void say(std::string text) { replies_.push_back(Reply{std::move(text), {}, std::nullopt}); }

  // No question awaits an answer any more.
  void close_pending() {
    st_.pending.clear();
    st_.pending_for.clear();
    st_.plainer = false;
  }

  // The pending question screens for a red flag, or closes one's open rule: its "not sure"
  // is asked once more, plainer, and then kept among the unsure screens.
  bool screens_a_red_flag(const QuestionDef& q) const {
    return q.screen > 0 || !st_.pending_for.empty();
  }

  Answer on_typed_answer(const Reading& reading, const QuestionDef& pending) {
    if (reading.answer == Answer::clarify) return Answer::clarify;
    if (reading.choice >= 0) {
      int f = pending.kind == QuestionKind::yes_no ? pending.finding : -1;
      apply_choice(k_, facts_, st_, pending, pending.choices[reading.choice],
                   f >= 0 ? quote_of(reading, f) : std::string());
      return reading.answer;
    }
    if (pending.kind != QuestionKind::yes_no && settled(k_, facts_, pending)) return Answer::yes;
    say(k_.text("not_understood"));
    return Answer::unsure;
  }

  // The yes/no question asked just before `pending`, or null.
  const QuestionDef* question_before(const QuestionDef& pending) const {
    auto at = std::find(st_.asked.begin(), st_.asked.end(), pending.id);
    if (at == st_.asked.begin() || at == st_.asked.end()) return nullptr;
    const QuestionDef* earlier = k_.question(*(at - 1));
    if (!earlier || earlier->kind != QuestionKind::yes_no || earlier->finding < 0) return nullptr;
    return earlier;
  }

  // The reply speaks only of the question before (docs/reading.md "Late answers"): it
  // turns back to it at its start ("for the last one, yes"), or it takes something back
  // and states that question's finding and nothing of the pending one's ("actually yes
  // it gives way sometimes" just after "no" to the weakness question).
  bool answers_only_the_earlier_question(const Reading& reading, const QuestionDef& pending) const {
    if (pending.kind != QuestionKind::yes_no) return false;
    if (reading.earlier_answer_at != std::string_view::npos && reading.answer == Answer::none)
      return true;
    const QuestionDef* earlier = question_before(pending);
    if (!earlier || !reading.opens_with_correction) return false;
    auto stated = reading.findings.find(earlier->finding);
    return stated != reading.findings.end() && stated->second &&
           !reading.findings.count(pending.finding);
  }

  // A late answer to the question asked before the pending one ("..., for the last one
  // yes, he fell last week"; docs/reading.md "Late answers"). A yes is taken (late news
  // counts, brief §5.8); a no never undoes a yes, and closes the question if it was left
  // unsure (the denial may already be mined from the words: "bladder is fine").
  void answer_earlier_question(const QuestionDef& pending, std::string_view words) {
    const QuestionDef* earlier = question_before(pending);
    if (!earlier) return;
    Reading late = read_message(k_, words, earlier, options_.spelling);
    if (late.choice < 0 || (late.answer != Answer::yes && late.answer != Answer::no)) return;
    if (late.answer == Answer::no && facts_.is_true(earlier->finding)) return;
    apply_choice(k_, facts_, st_, *earlier, earlier->choices[late.choice],
                 quote_of(late, earlier->finding));
    std::erase(st_.unsure_screens, earlier->id);
  }

  // The same question once more (counted: the budget includes re-asks).
  Turn ask_again(const QuestionDef& q, Wording wording) {
    st_.plainer = true;
    ++st_.questions;
    replies_.push_back(question_reply(k_, q, wording));
    return finish(session_);
  }

  Answer on_choice(const std::string& id, const QuestionDef* pending) {
    auto colon = id.find(':');
    const QuestionDef* q = colon == std::string::npos ? nullptr : k_.question(id.substr(0, colon));
    if (!q) return Answer::none;
    auto c = std::find_if(q->choices.begin(), q->choices.end(),
                          [&](const ChoiceDef& ch) { return ch.id == id; });
    if (c == q->choices.end()) return Answer::none;
    if (q != pending) {
      // A button from an earlier message: keep the information if it is still open.
      if (!settled(k_, facts_, *q)) apply_choice(k_, facts_, st_, *q, *c);
      return Answer::none;
    }
    apply_choice(k_, facts_, st_, *q, *c);
    if (c->unsure) return Answer::unsure;
    return q->kind == QuestionKind::yes_no && c->key == "no" ? Answer::no : Answer::yes;
  }

  Turn on_command(const std::string& command) {
    if (command == "/forget") {
      say(k_.text("forget"));
      Turn t = finish(Session{}, false);
      t.intent = Intent::forget;
      return t;
    }
    if (command == "/start" || command == "/restart") {
      bool had_started = st_.started;
      st_ = EngineState{};
      st_.started = true;
      st_.previous_ended = had_started;
      facts_ = Facts(k_);
      if (had_started) say(k_.text("restart"));
      say(fill(k_.text("greeting"), {{"number", options_.emergency_number}}));
      say(k_.text("opening_prompt"));
      return finish(Session{});
    }
    say(k_.text("help"));
    if (session_.status == SessionStatus::active) {
      if (const QuestionDef* q = k_.question(st_.pending))
        replies_.push_back(question_reply(k_, *q, st_.plainer ? Wording::plainer : Wording::first));
    }
    return finish(session_, false);
  }

  Turn after_completion(const Input& input) {
    if (input.kind == Input::Kind::text) {
      // Only what may raise a red flag is used here: no age or duration is read.
      Reading reading = read_findings_and_flags(k_, input.text, options_.spelling);
      apply_mined(k_, facts_, st_, reading);
      auto flags = red_flags_now(k_, facts_, reading.red_flags, session_.red_flags);
      if (flags.empty()) flags = red_flags_across(input.text);
      if (!flags.empty()) return interrupt(flags, FlagBasis::stated);
    }
    std::map<std::string, std::string> vars = {{"number", options_.emergency_number},
                                               {"flags", flag_names(k_, session_.red_flags)}};
    if (session_.triage == Triage::emergency) {
      say(fill(k_.text("emergency_again"), vars));
    } else {
      vars["triage"] = session_.triage ? k_.triage_texts.at(*session_.triage).first : std::string();
      say(fill(k_.text("completed_again"), vars));
    }
    return finish(session_, false);
  }

  // Ends the interview at the flags' own level with their guidance leading (brief §5.1).
  Turn interrupt(const std::vector<int>& flags, FlagBasis basis) {
    Session next = without_engine_state(session_);  // finish() stores the new one
    Triage level = Triage::self_care;
    for (int f : flags) {
      next.red_flags.push_back(k_.red_flags[f].id);
      level = more_urgent(level, k_.red_flags[f].triage);
    }
    auto post = posterior(k_, facts_);
    auto said = st_.said_by_index(k_);
    Assessment a = build_assessment(k_, {facts_, post, said}, level, next.red_flags);
    replies_.push_back(Reply{render_emergency(k_, options_, a, flags, basis), {}, a});
    next.status = SessionStatus::completed;
    next.triage = level;
    close_pending();
    Turn t = finish(next);
    t.assessment = a;
    return t;
  }

  Turn continue_interview() {
    int child = k_.finding("age_child");
    if (child >= 0 && facts_.is_true(child) && !st_.has_note("child")) {
      st_.notes.push_back("child");
      say(k_.text("adult_only"));
    }
    // Issue 10 §1: every red-flag rule is fired, ruled out or undecided after each turn.
    // Fired rules interrupted above; one met but for findings left "not sure" after the
    // re-ask takes that flag's own level and guidance.
    // The facts do not change from here on: one posterior serves the closure, the choice
    // of question and the assessment.
    const auto post = posterior(k_, facts_);
    ClosureStep closure = close_red_flags(k_, facts_, post, st_.unsure_screens);
    if (!closure.escalate.empty()) return interrupt(closure.escalate, FlagBasis::unsure);
    NextQuestion next = next_question(k_, st_, facts_, closure, post);
    if (const QuestionDef* q = next.question) {
      // A closing question asked before and left unanswered is the plainer re-ask.
      bool again = st_.was_asked(q->id);
      if (!again) st_.asked.push_back(q->id);
      st_.pending = q->id;
      st_.pending_for = next.for_flag >= 0 ? k_.red_flags[next.for_flag].id : std::string();
      st_.plainer = again;
      ++st_.questions;
      replies_.push_back(question_reply(k_, *q, again ? Wording::plainer : Wording::first));
      return finish(session_);
    }
    return conclude(closure, post);
  }

  Turn conclude(const ClosureStep& closure, const std::vector<double>& post) {
    Triage level = decide_triage(k_, facts_, post).level;
    // Brief §5.4: a red-flag question still unsure after asking twice -> at least urgent;
    // so is a red flag left undecided when the question budget ran out (concluding with a
    // closing question still proposed). Self-care only when every screen asked was
    // answered "no".
    bool undecided = !closure.undecided.empty() || closure.question != nullptr;
    if (!st_.unsure_screens.empty() || undecided) level = more_urgent(level, Triage::urgent);
    if (level == Triage::self_care) {
      for (const auto& id : st_.asked) {
        const QuestionDef* q = k_.question(id);
        if (q && q->screen > 0 && !facts_.is_false(q->finding)) level = Triage::routine;
      }
    }
    auto said = st_.said_by_index(k_);
    Assessment a = build_assessment(k_, {facts_, post, said}, level, session_.red_flags);
    auto is = [&](const char* id) { return k_.finding(id) >= 0 && facts_.is_true(k_.finding(id)); };
    AssessmentNotes notes{
        !st_.unsure_screens.empty(), undecided,     is("pregnant"), is("age_child"),
        is("nerve_medicine"),        is("on_chemo")};
    replies_.push_back(Reply{render_assessment(k_, options_, a, notes, facts_), {}, a});
    Session next = without_engine_state(session_);  // finish() stores the new one
    next.status = SessionStatus::completed;
    next.triage = level;
    Turn t = finish(next);
    t.assessment = a;
    return t;
  }

  // `store_state`: the turn's session carries this step's engine state; otherwise the
  // one it had. The old state is never copied only to be replaced. Either way the kept
  // words are replaced by this message's (or cleared), with this message's time.
  Turn finish(const Session& next, bool store_state = true) {
    Turn t;
    const bool keep = !keep_words_.empty();
    EngineState* state = &t.next.engine_state;
    if (store_state) {
      t.next = without_engine_state(next);
      set_findings(st_, k_, facts_);
      st_.written = true;
      // Every path returns the turn finish() makes: st_ is not used again.
      t.next.engine_state = std::move(st_);
    } else {
      t.next = next;
    }
    state->previous_words = std::move(keep_words_);
    state->earlier_words = keep ? std::move(keep_earlier_) : std::string();
    state->previous_at = keep ? std::optional<std::int64_t>(now_) : std::nullopt;
    t.replies = std::move(replies_);
    return t;
  }

  // The findings, age and duration a reading states, into facts_. An age or duration
  // typed to `pending` (when it asks one) answers it even where it is already settled.
  void apply_reading(const Reading& reading, const QuestionDef* pending) {
    apply_mined(k_, facts_, st_, reading);
    const bool asks_age = pending && pending->kind == QuestionKind::age;
    const bool asks_duration = pending && pending->kind == QuestionKind::duration;
    if (reading.age_years) {
      apply_range(k_, facts_, st_, QuestionKind::age, *reading.age_years, asks_age);
      if (*reading.age_years < 1 && k_.finding("age_infant") >= 0)
        facts_.set(k_.finding("age_infant"), true);
    }
    if (reading.duration_days)
      apply_range(k_, facts_, st_, QuestionKind::duration, *reading.duration_days, asks_duration);
  }

  // ---- safety screen and language gate (issue 10 §2, §6; docs/safety.md) --------------
  // On every typed message, before the interview reads it. A message that needs help now
  // is answered first; it is not taken as an answer to the pending question, which is
  // asked again after a kind line (the person decides when to go on), but its red flags
  // still interrupt. A message in another language gets a notice in that language, and
  // the interview goes on with buttons only: its words are never read as answers.
  // Returns nullopt when the interview should read the message as usual.
  std::optional<Turn> screen_first(const std::string& text,
                                   std::chrono::system_clock::time_point now) {
    // Cut into clauses once: the screen, the gate and the reads on from kept words
    // (join_denies_anything) use the same words.
    text_clauses_ = safety::clauses_of(text);
    text_cut_ = true;
    const auto& clauses = text_clauses_;
    // Indexed once: the screen and the reads on from kept words try the same patterns.
    const auto indexed = index_clauses(clauses, options_.spelling);
    auto categories = screen_for_safety(indexed, options_.spelling);
    // Nothing here alone: read on from the words kept of the messages just before ("my
    // chest" ... "its crushing", "i dont want" ... "to be" ... "here anymore"). A message
    // the screen answered kept no words, so a crisis is never answered twice for one
    // message.
    const std::string* across = nullptr;  // the kept words a crisis was read across
    for (const auto& kept : read_on_from_) {
      if (!categories.empty()) break;
      categories = screen_across_messages(kept.clause, indexed, options_.spelling);
      if (!categories.empty()) across = &kept.words;
    }
    if (categories.empty()) {
      keep_words_ = words_to_keep(clauses);
      // One clause, sent soon after the last message: it carries that clause on, so some
      // of its words are kept too (three pieces at most: never the words before them).
      if (!keep_words_.empty() && clauses.size() == 1 && previous_close_)
        keep_earlier_ = earlier_to_keep(st_.previous_words, keep_words_);
    }
    // The language of this message: named by the gate, or by the foreign phrasing the
    // screen matched when the identifier could not tell ("je veux mourir").
    auto language = foreign_language(text, clauses, options_.languages);
    if (!language && !categories.empty())
      language = safety_language(across ? *across + " " + text : text, options_.spelling);
    if (language) {
      st_.language = *language;
    } else if (!st_.language.empty() && confidently_english(text, clauses, options_.languages)) {
      st_.language.clear();
    }
    if (categories.empty() && st_.language.empty()) return std::nullopt;
    if (!categories.empty()) {
      say(safety_answer(categories, language.value_or("en"),
                        {options_.emergency_number, options_.crisis_line}));
    }
    if (!st_.language.empty()) say(english_only_notice(st_.language, options_.emergency_number));
    Turn t = carry_on_after_screen(text, now, !categories.empty());
    for (auto c : categories) t.safety.emplace_back(to_string(c));
    return t;
  }

  // `safety_answered`: the message was answered as a crisis, so it is no answer to the
  // pending question, which is asked again as it was.
  Turn carry_on_after_screen(const std::string& text, std::chrono::system_clock::time_point now,
                             bool safety_answered) {
    const QuestionDef* pending = k_.question(st_.pending);
    if (st_.language.empty()) {
      Reading reading = read_message(k_, text, pending, options_.spelling);
      // Its age and how long it has lasted count too ("monday floppy, yesterday tripping,
      // today it folded ... can't get back up" on the floor: a crisis and a red flag).
      // Not as the answer to a pending age or duration question, which is asked again.
      apply_reading(reading, nullptr);
      // "Yes, and I can't breathe" to a screen still says yes: a yes can only raise a red
      // flag. Anything else in a crisis message is not taken as an answer.
      const bool said_yes = pending && pending->kind == QuestionKind::yes_no &&
                            reading.choice >= 0 && reading.answer == Answer::yes;
      if (said_yes)
        apply_choice(k_, facts_, st_, *pending, pending->choices[reading.choice],
                     quote_of(reading, pending->finding));
      auto flags = red_flags_now(k_, facts_, reading.red_flags, session_.red_flags);
      if (!flags.empty()) return interrupt(flags, FlagBasis::stated);
      if (said_yes) {
        close_pending();
        say(safety_carry_on(true));
        return continue_interview();
      }
    }
    if (session_.status == SessionStatus::completed) return finish(session_);
    if (!st_.started) {
      st_.started = true;
      st_.started_at =
          std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    }
    if (st_.language.empty()) say(safety_carry_on(pending != nullptr));
    if (pending && !st_.language.empty() && !safety_answered) {
      // A reply in another language to a question is unread, as an unclear English one
      // is: asked once more (with the notice and its buttons), then taken as "not sure",
      // never as yes or no (issue 10 §6). Otherwise one who types rather than presses
      // would be asked the same question forever.
      if (!st_.plainer) return ask_again(*pending, Wording::plainer);
      if (screens_a_red_flag(*pending)) st_.unsure_screens.push_back(pending->id);
      close_pending();
      return continue_interview();
    }
    if (pending) {
      replies_.push_back(
          question_reply(k_, *pending, st_.plainer ? Wording::plainer : Wording::first));
      return finish(session_);
    }
    if (st_.language.empty()) return finish(session_);
    return continue_interview();  // the first question, with its buttons
  }

  // The kept words this message is read on from, in the order tried (docs/safety.md
  // "Messages split over several turns"): the previous message's alone, then after those
  // it kept of the one before it. Alone first, so that three pieces only ever add to what
  // two found: a denial in the first piece ("im not ok" ... "i want" ... "to die") must
  // not silence what the last two say. At most EngineState::kPreviousWords each, however
  // the stored session was written.
  // Each run is cut into the screen's clause once (kept_words).
  std::vector<KeptWords> kept_words_to_read_on() const {
    std::vector<KeptWords> out{kept_words(st_.previous_words)};
    if (!st_.earlier_words.empty())
      out.push_back(kept_words(st_.earlier_words + " " + st_.previous_words));
    return out;
  }

  // A red flag split over two or three messages ("my foot is" ... "cold and white", "his
  // face" ... "is" ... "drooping"): the kept words read together with this message, as
  // an opening is read. Only findings stated present that the session did not hold
  // count, and only when they raise a red flag; then they are kept as stated. Late news
  // counts, as in one message (apply_mined): they outweigh an earlier "no". Words that
  // deny anything are not read on (denies_anything), and a bare "no" kept no words.
  // Called only when no red flag holds on facts_ (red_flags_now found none).
  std::vector<int> red_flags_across(const std::string& text) {
    for (const auto& kept : read_on_from_) {
      auto flags = red_flags_across(kept, text);
      if (!flags.empty()) return flags;
    }
    return {};
  }

  // red_flags_across for one run of kept words.
  std::vector<int> red_flags_across(const KeptWords& kept, const std::string& text) {
    if (join_denies_anything(kept, text)) return {};
    const std::string both = kept.words + " " + text;
    // No red flag held on facts_ (the caller found none): a join that names no red flag
    // raises one only by stating true findings that make one of its rules hold.
    const auto may_raise = [&](const std::vector<int>& may_state_true) {
      for (const auto& flag : k_.red_flags) {
        const auto& recorded = session_.red_flags;
        if (std::find(recorded.begin(), recorded.end(), flag.id) != recorded.end()) continue;
        for (const auto& rule : flag.rules)
          if (facts_.could_hold(rule, may_state_true)) return true;
      }
      return false;
    };
    std::optional<Reading> read = read_what_may_matter(k_, both, options_.spelling, may_raise);
    if (!read) return {};
    const Reading& joined = *read;
    Facts trial = facts_;
    std::vector<int> added;
    for (const auto& [f, value] : joined.findings) {
      if (!value || facts_.is_true(f) || facts_.group_has_true(f)) continue;
      trial.set(f, true);
      added.push_back(f);
    }
    if (added.empty() && joined.red_flags.empty()) return {};
    auto flags = red_flags_now(k_, trial, joined.red_flags, session_.red_flags);
    if (flags.empty()) return flags;
    facts_ = std::move(trial);
    for (int f : added) st_.note_said(k_, f, quote_of(joined, f));
    return flags;
  }

  // The reader's negation scopes are made for one message, and a denial next to the
  // split ("my foot" ... "isn't cold", "my face" ... "is fine, no drooping") must never
  // become a red flag that neither message raises alone: a join with a negator or a
  // normal-state word anywhere in it is left alone.
  bool denies_anything(const std::string& text) const {
    for (const auto& clause : safety::clauses_of(text))
      if (any_denies(clause)) return true;
    return false;
  }

  bool any_denies(const safety::Clause& words) const {
    const auto& negation = k_.lexicon.negation;
    for (const auto& word : words) {
      if (negation.negators.count(word) || negation.post_negators.count(word)) return true;
      // "can't" and "couldn't" are an inability, a symptom, not a denial.
      static constexpr std::array<std::string_view, 13> kContractedNot = {
          "isnt",  "arent",  "wasnt", "werent", "dont",    "doesnt", "didnt",
          "hasnt", "havent", "hadnt", "wont",   "wouldnt", "aint"};
      if (std::find(kContractedNot.begin(), kContractedNot.end(), word) != kContractedNot.end())
        return true;
    }
    return false;
  }

  // denies_anything(kept.words + " " + text), from the words already cut: those of
  // kept.clause (kept_words: cutting kept.words again gives them) and of the message's
  // clauses (screen_first cut them), the latter looked at once per step. Cutting the
  // join gives exactly those words in that order: kept.words is single-spaced ASCII
  // letters and digits, so the join's folding and its word ends are theirs, and its
  // clause breaks and "but"s change no word. The one word that crosses the space is a
  // message's first "not" after a kept "can" or "could" (cut whole, they are
  // "cannot"): only then is the join cut whole, as before.
  bool join_denies_anything(const KeptWords& kept, const std::string& text) {
    const bool crosses =
        !kept.clause.empty() && (kept.clause.back() == "can" || kept.clause.back() == "could");
    if (crosses || !text_cut_) return denies_anything(kept.words + " " + text);
    if (any_denies(kept.clause)) return true;
    if (!text_denies_) {
      text_denies_ = false;
      for (const auto& clause : text_clauses_)
        if (any_denies(clause)) text_denies_ = true;
    }
    return *text_denies_;
  }

  const KnowledgeData& k_;
  const EngineOptions& options_;
  const Session& session_;
  EngineState st_;
  Facts facts_;
  std::vector<Reply> replies_;
  // This message's words for the next turn (previous_message.h); "" keeps none.
  std::string keep_words_;
  // The previous message's words kept beside them ("" = none).
  std::string keep_earlier_;
  std::int64_t now_ = 0;  // this message's time, seconds since the epoch
  // The previous message kept words and came within the time bound (sent_close_together).
  bool previous_close_ = false;
  // kept_words_to_read_on() when previous_close_ and the input is typed; empty reads
  // nothing on.
  std::vector<KeptWords> read_on_from_;
  // The typed message cut as the safety screen cuts it (screen_first), and whether any
  // of its words denies (join_denies_anything; unset until asked).
  std::vector<safety::Clause> text_clauses_;
  bool text_cut_ = false;
  std::optional<bool> text_denies_;
};

}  // namespace

Turn step(const Knowledge& knowledge, const EngineOptions& options, const Session& session,
          const Input& input, std::chrono::system_clock::time_point now) {
  // "... able to per since last night *pee": the words meant, for the reader and the screen
  // alike (star_corrections.h).
  if (input.kind == Input::Kind::text) {
    if (auto corrected = apply_star_corrections(input.text))
      return Interview(knowledge.data(), options, session).run(Input::typed(*corrected), now);
  }
  return Interview(knowledge.data(), options, session).run(input, now);
}

}  // namespace triagebot::dialogs
