#include "tests/dialogs/server_steps.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"

namespace triagebot::dialogs::testing {
namespace {

const EngineOptions& options() {
  static const EngineOptions o = server_options("112", "0800 689 5652");
  return o;
}

constexpr const char* kOpening = "For three weeks my left leg has been numb and I'm 41";

}  // namespace

Session reloaded(const Session& session) {
  auto back = session_from_json(nlohmann::json::parse(session_to_json(session).dump()));
  EXPECT_TRUE(back.has_value());
  return back ? *back : Session{};
}

Turn say_at(const Session& session, const std::string& text, SentAt at) {
  return step(builtin(), options(), reloaded(session), Input::typed(text), at);
}

Turn press_at(const Session& session, const std::string& choice_id, SentAt at) {
  return step(builtin(), options(), reloaded(session), Input::pressed(choice_id), at);
}

bool stops_at_opening(const std::string& opening) {
  const Turn t = say_at(Session{}, opening);
  return t.assessment && t.assessment->triage == Triage::emergency;
}

Session mid_interview(SentAt at) { return say_at(Session{}, kOpening, at).next; }

Session past_the_screens(SentAt at) {
  Turn t = say_at(Session{}, kOpening, at);
  for (int i = 0; i < 12; ++i) {
    const Reply* q = nullptr;
    for (const auto& r : t.replies)
      if (!r.choices.empty()) q = &r;
    if (!q) break;
    const std::string& id = q->choices[0].id;
    const QuestionDef* def = builtin().data().question(id.substr(0, id.find(':')));
    if (def && def->screen == 0) break;
    auto no = std::find_if(q->choices.begin(), q->choices.end(),
                           [](const Choice& c) { return c.label == "No"; });
    t = press_at(t.next, no == q->choices.end() ? q->choices[0].id : no->id, at);
  }
  return t.next;
}

std::string question_asked(const Turn& turn) {
  for (const auto& reply : turn.replies) {
    if (reply.choices.empty()) continue;
    const std::string& id = reply.choices[0].id;
    return id.substr(0, id.find(':'));
  }
  return "";
}

}  // namespace triagebot::dialogs::testing
