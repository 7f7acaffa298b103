// dialogs_step_dump: every step of the clinical sets written out whole, one JSON line per
// step (the input, the replies with their assessments, the next session, the safety
// categories and the intent), so two builds can be compared byte for byte: a change
// meant only to make `dialogs::step` faster must leave this output exactly as it was.
//
//   dialogs_step_dump > steps.jsonl        (from the source tree: it reads tests/dialogs/data)
//
// What it plays, in this order: each vignette of vignettes-dev, -dev-hard and -extra as
// the simulated patient plays it and again with every answer typed (each step replayed
// on the session the previous one returned); each answer of answers-dev and -extra typed
// to its question (a session with only that question pending); each safety utterance as
// an opening and as the answer to the first screen; the server bench's texts as openings.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tests/dialogs/simulated_patient.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"

namespace {

using namespace triagebot::dialogs;
using nlohmann::json;

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));

json input_json(const Input& input) {
  return input.kind == Input::Kind::text ? json{{"typed", input.text}}
                                         : json{{"pressed", input.choice_id}};
}

// One step, written out; returns the session it leaves.
Session dump_step(const std::string& label, const Session& session, const Input& input) {
  static const EngineOptions options = testing::server_options("999");
  Turn t = step(testing::builtin(), options, session, input, kNow);
  json line = {{"at", label},          {"input", input_json(input)},
               {"replies", t.replies}, {"next", session_to_json(t.next)},
               {"safety", t.safety},   {"intent", t.intent == Intent::forget ? "forget" : "none"}};
  line["assessment"] = t.assessment ? json(*t.assessment) : json(nullptr);
  std::printf("%s\n", line.dump().c_str());
  return t.next;
}

void dump_vignettes(const char* file, const char* how) {
  for (const auto& v : testing::read_vignettes(testing::vignette_data_file(file))) {
    std::vector<Input> inputs;
    testing::play(v,
                  [&](const Input& input, std::chrono::nanoseconds) { inputs.push_back(input); });
    Session session;
    const std::string label = std::string(how) + " " + v["id"].get<std::string>();
    for (const auto& input : inputs) session = dump_step(label, session, input);
  }
}

Session pending(const std::string& question) {
  Session s;
  s.engine_state = {{"started", true}, {"pending", question}, {"asked", {question}}};
  return s;
}

}  // namespace

int main() {
  const char* sets[] = {"vignettes-dev.jsonl", "vignettes-dev-hard.jsonl", "vignettes-extra.jsonl"};
  for (const char* file : sets) dump_vignettes(file, "pressed");
  setenv("TRIAGEBOT_VIGNETTE_TYPED", "1", 1);
  for (const char* file : sets) dump_vignettes(file, "typed");
  for (const char* file : {"answers-dev.jsonl", "answers-extra.jsonl"}) {
    for (const auto& a : testing::read_vignettes(testing::vignette_data_file(file))) {
      const std::string q = a["question_id"].get<std::string>();
      dump_step(std::string("answer ") + q, pending(q),
                Input::typed(a["answer"].get<std::string>()));
    }
  }
  for (const auto& u :
       testing::read_vignettes(testing::vignette_data_file("safety-utterances-dev.jsonl"))) {
    const auto text = u["text"].get<std::string>();
    dump_step("safety opening", Session{}, Input::typed(text));
    dump_step("safety answer", pending("q_stroke"), Input::typed(text));
  }
  for (const char* text :
       {"Hi, my left leg has been numb for about 3 weeks and it gets worse when I cough",
        "both my feet feel numb and tingly, started slowly over the last few months", "/start",
        "yes", "no back pain, but my thigh burns on the outside when I stand for long",
        "since yesterday I cannot feel my right foot properly and I have trouble peeing",
        "I am diabetic and my toes feel like they are wrapped in cotton",
        "not really, only when I sit with crossed legs for a long time"})
    dump_step("bench opening", Session{}, Input::typed(text));
  return 0;
}
