// The interview: one pure step per input (DESIGN.md "The dialog core"). Order of work on
// every input: commands; read the message; red flags (brief §5.1: they win, on every
// input, whatever is pending); the pending answer; then the next question or the
// assessment.
#include "dialogs/engine.h"

#include <algorithm>
#include <cctype>

#include "dialogs/engine_state.h"
#include "dialogs/knowledge_data.h"
#include "dialogs/language_gate.h"
#include "dialogs/parser.h"
#include "dialogs/reasoner.h"
#include "dialogs/render.h"
#include "dialogs/safety_replies.h"
#include "dialogs/safety_screen.h"

namespace triagebot::dialogs {
namespace {

// Brief §4: never more than 15 questions, re-asks included.
constexpr int kHardQuestionLimit = 15;

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

Reply question_reply(const KnowledgeData& k, const QuestionDef& q, bool plainer) {
  Reply r;
  r.text = plainer && !q.plainer.empty() ? k.text("plainer_intro") + " " + q.plainer : q.text;
  for (const auto& c : q.choices) r.choices.push_back({c.id, c.label});
  return r;
}

// A question is settled when what it asks is already known: its finding (yes/no) or its
// group (one of side, onset, duration, age, sex).
bool settled(const KnowledgeData& k, const Facts& facts, const QuestionDef& q) {
  if (q.kind == QuestionKind::yes_no) return facts.known(q.finding);
  for (int f : q.determines) {
    if (!k.findings[f].group.empty() && facts.known(f)) return true;
  }
  return std::all_of(q.determines.begin(), q.determines.end(),
                     [&](int f) { return facts.known(f); });
}

bool eligible(const KnowledgeData& k, const EngineState& st, const Facts& facts,
              const QuestionDef& q) {
  return !st.was_asked(q.id) && !settled(k, facts, q) &&
         (q.ask_if.empty() || facts.holds(q.ask_if));
}

const QuestionDef* next_question(const KnowledgeData& k, const EngineState& st,
                                 const Facts& facts) {
  if (st.questions >= kHardQuestionLimit) return nullptr;
  const QuestionDef* screen = nullptr;
  for (const auto& q : k.questions) {
    if (q.screen > 0 && eligible(k, st, facts, q) && (!screen || q.screen < screen->screen))
      screen = &q;
  }
  if (screen) return screen;
  for (const auto& q : k.questions) {
    if (q.core && eligible(k, st, facts, q)) return &q;
  }
  if (st.questions >= k.settings.max_questions) return nullptr;
  auto post = posterior(k, facts);
  std::vector<double> sorted = post;
  std::sort(sorted.rbegin(), sorted.rend());
  if (sorted[0] >= k.settings.stop_posterior && sorted[0] >= k.settings.stop_ratio * sorted[1])
    return nullptr;
  const QuestionDef* best = nullptr;
  double best_gain = k.settings.min_gain;
  for (const auto& q : k.questions) {
    if (q.screen > 0 || q.core || !eligible(k, st, facts, q)) continue;
    double gain = expected_gain(k, facts, post, q);
    if (gain > best_gain) {
      best_gain = gain;
      best = &q;
    }
  }
  return best;
}

void apply_choice(const KnowledgeData& k, Facts& facts, const QuestionDef& q, const ChoiceDef& c) {
  if (c.unsure) return;
  if (q.kind == QuestionKind::yes_no) {
    facts.set(q.finding, c.key == "yes");
    return;
  }
  for (int f : c.sets) facts.set(f, true);
  (void)k;
}

// Findings mined from free text fill gaps; a stated symptom also overrides an earlier
// "no" (brief §5.8: late news counts), but never flips a group already answered.
void apply_mined(const KnowledgeData& k, Facts& facts, const std::map<int, bool>& mined) {
  for (const auto& [f, value] : mined) {
    if (value) {
      bool group_known = !k.findings[f].group.empty() && facts.group_has_true(f);
      if (!group_known) facts.set(f, true);
    } else if (!facts.known(f)) {
      facts.set(f, false);
    }
  }
}

void apply_range(const KnowledgeData& k, Facts& facts, QuestionKind kind, double value,
                 bool force) {
  for (const auto& q : k.questions) {
    if (q.kind != kind) continue;
    if (!force && settled(k, facts, q)) continue;
    for (const auto& c : q.choices) {
      if (c.unsure) continue;
      bool last = &c == &q.choices[q.choices.size() - 2];
      bool in = kind == QuestionKind::age ? (value >= c.low && value < c.high + 1)
                                          : (value >= c.low && (value < c.high || last));
      if (in) {
        apply_choice(k, facts, q, c);
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
        st_(state_from_json(session.engine_state)),
        facts_(st_.facts(k)) {}

  Turn run(const Input& input, std::chrono::system_clock::time_point now) {
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
    std::vector<int> phrase_flags;
    if (input.kind == Input::Kind::choice) {
      answer = on_choice(input.choice_id, pending);
    } else {
      Reading reading = read_message(k_, input.text, pending);
      apply_mined(k_, facts_, reading.findings);
      bool asks_age = pending && pending->kind == QuestionKind::age;
      bool asks_duration = pending && pending->kind == QuestionKind::duration;
      if (reading.age_years) {
        apply_range(k_, facts_, QuestionKind::age, *reading.age_years, asks_age);
        if (*reading.age_years < 1 && k_.finding("age_infant") >= 0)
          facts_.set(k_.finding("age_infant"), true);
      }
      if (reading.duration_days)
        apply_range(k_, facts_, QuestionKind::duration, *reading.duration_days, asks_duration);
      phrase_flags = reading.red_flags;
      if (pending) {
        if (reading.choice >= 0) {
          apply_choice(k_, facts_, *pending, pending->choices[reading.choice]);
          answer = reading.answer;
        } else if (pending->kind != QuestionKind::yes_no && settled(k_, facts_, *pending)) {
          answer = Answer::yes;
        } else {
          answer = Answer::unsure;
          say(k_.text("not_understood"));
        }
      }
    }
    auto flags = red_flags_now(k_, facts_, phrase_flags, session_.red_flags);
    if (!flags.empty()) return interrupt(flags);
    if (pending && answer == Answer::unsure && pending->screen > 0) {
      if (!st_.plainer && !pending->plainer.empty()) {
        st_.plainer = true;
        ++st_.questions;
        replies_.push_back(question_reply(k_, *pending, true));
        return finish(session_);
      }
      st_.unsure_screens.push_back(pending->id);
    }
    if (pending && answer == Answer::none && input.kind == Input::Kind::choice) {
      replies_.push_back(question_reply(k_, *pending, st_.plainer));  // stale button: ask again
      return finish(session_);
    }
    st_.pending.clear();
    st_.plainer = false;
    return continue_interview();
  }

 private:
  void say(std::string text) { replies_.push_back(Reply{std::move(text), {}, std::nullopt}); }

  Answer on_choice(const std::string& id, const QuestionDef* pending) {
    auto colon = id.find(':');
    const QuestionDef* q = colon == std::string::npos ? nullptr : k_.question(id.substr(0, colon));
    if (!q) return Answer::none;
    auto c = std::find_if(q->choices.begin(), q->choices.end(),
                          [&](const ChoiceDef& ch) { return ch.id == id; });
    if (c == q->choices.end()) return Answer::none;
    if (q != pending) {
      // A button from an earlier message: keep the information if it is still open.
      if (!settled(k_, facts_, *q)) apply_choice(k_, facts_, *q, *c);
      return Answer::none;
    }
    apply_choice(k_, facts_, *q, *c);
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
        replies_.push_back(question_reply(k_, *q, st_.plainer));
    }
    return finish(session_, false);
  }

  Turn after_completion(const Input& input) {
    if (input.kind == Input::Kind::text) {
      Reading reading = read_message(k_, input.text, nullptr);
      apply_mined(k_, facts_, reading.findings);
      auto flags = red_flags_now(k_, facts_, reading.red_flags, session_.red_flags);
      if (!flags.empty()) return interrupt(flags);
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

  Turn interrupt(const std::vector<int>& flags) {
    Session next = session_;
    for (int f : flags) next.red_flags.push_back(k_.red_flags[f].id);
    auto post = posterior(k_, facts_);
    Assessment a = build_assessment(k_, facts_, post, Triage::emergency, next.red_flags);
    replies_.push_back(Reply{render_emergency(k_, options_, a, flags), {}, a});
    next.status = SessionStatus::completed;
    next.triage = Triage::emergency;
    st_.pending.clear();
    st_.plainer = false;
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
    if (const QuestionDef* q = next_question(k_, st_, facts_)) {
      st_.asked.push_back(q->id);
      st_.pending = q->id;
      ++st_.questions;
      replies_.push_back(question_reply(k_, *q, false));
      return finish(session_);
    }
    return conclude();
  }

  Turn conclude() {
    auto post = posterior(k_, facts_);
    Triage level = decide_triage(k_, facts_, post).level;
    // Brief §5.4: a screen still unsure after asking twice -> at least urgent; self-care
    // only when every screen asked was answered "no".
    if (!st_.unsure_screens.empty()) level = more_urgent(level, Triage::urgent);
    if (level == Triage::self_care) {
      for (const auto& id : st_.asked) {
        const QuestionDef* q = k_.question(id);
        if (q && q->screen > 0 && !facts_.is_false(q->finding)) level = Triage::routine;
      }
    }
    Assessment a = build_assessment(k_, facts_, post, level, session_.red_flags);
    auto is = [&](const char* id) { return k_.finding(id) >= 0 && facts_.is_true(k_.finding(id)); };
    AssessmentNotes notes{!st_.unsure_screens.empty(), is("pregnant"), is("age_child"),
                          is("nerve_medicine"), is("on_chemo")};
    replies_.push_back(Reply{render_assessment(k_, options_, a, notes), {}, a});
    Session next = session_;
    next.status = SessionStatus::completed;
    next.triage = level;
    Turn t = finish(next);
    t.assessment = a;
    return t;
  }

  Turn finish(Session next, bool store_state = true) {
    if (store_state) {
      st_.store(k_, facts_);
      next.engine_state = state_to_json(st_);
    }
    Turn t;
    t.next = std::move(next);
    t.replies = std::move(replies_);
    return t;
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
    auto categories = screen_for_safety(text, options_.spelling);
    // The language of this message: named by the gate, or by the foreign phrasing the
    // screen matched when the identifier could not tell ("je veux mourir").
    auto language = foreign_language(text, options_.languages);
    if (!language && !categories.empty()) language = safety_language(text, options_.spelling);
    if (language) {
      st_.language = *language;
    } else if (!st_.language.empty() && confidently_english(text, options_.languages)) {
      st_.language.clear();
    }
    if (categories.empty() && st_.language.empty()) return std::nullopt;
    if (!categories.empty()) {
      say(safety_answer(categories, language.value_or("en"),
                        {options_.emergency_number, options_.crisis_line}));
    }
    if (!st_.language.empty()) say(english_only_notice(st_.language, options_.emergency_number));
    Turn t = carry_on_after_screen(text, now);
    for (auto c : categories) t.safety.emplace_back(to_string(c));
    return t;
  }

  Turn carry_on_after_screen(const std::string& text, std::chrono::system_clock::time_point now) {
    const QuestionDef* pending = k_.question(st_.pending);
    if (st_.language.empty()) {
      Reading reading = read_message(k_, text, pending);
      apply_mined(k_, facts_, reading.findings);
      // "Yes, and I can't breathe" to a screen still says yes: a yes can only raise a red
      // flag. Anything else in a crisis message is not taken as an answer.
      const bool said_yes = pending && pending->kind == QuestionKind::yes_no &&
                            reading.choice >= 0 && reading.answer == Answer::yes;
      if (said_yes) apply_choice(k_, facts_, *pending, pending->choices[reading.choice]);
      auto flags = red_flags_now(k_, facts_, reading.red_flags, session_.red_flags);
      if (!flags.empty()) return interrupt(flags);
      if (said_yes) {
        st_.pending.clear();
        st_.plainer = false;
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
    if (pending) {
      replies_.push_back(question_reply(k_, *pending, st_.plainer));
      return finish(session_);
    }
    if (st_.language.empty()) return finish(session_);
    return continue_interview();  // the first question, with its buttons
  }

  const KnowledgeData& k_;
  const EngineOptions& options_;
  const Session& session_;
  EngineState st_;
  Facts facts_;
  std::vector<Reply> replies_;
};

}  // namespace

Turn step(const Knowledge& knowledge, const EngineOptions& options, const Session& session,
          const Input& input, std::chrono::system_clock::time_point now) {
  return Interview(knowledge.data(), options, session).run(input, now);
}

}  // namespace triagebot::dialogs
