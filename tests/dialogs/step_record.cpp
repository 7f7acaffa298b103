#include "tests/dialogs/step_record.h"

#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include <nlohmann/json.hpp>

#include "dialogs/engine.h"
#include "tests/dialogs/bench_texts.h"
#include "tests/dialogs/simulated_patient.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"

namespace triagebot::dialogs::testing {
namespace step_record {
namespace {

using nlohmann::json;

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));

json input_json(const Input& input) {
  return input.kind == Input::Kind::text ? json{{"typed", input.text}}
                                         : json{{"pressed", input.choice_id}};
}

class Recorder {
 public:
  Recorder(const StepVisitor& visit, std::size_t every) : visit_(visit), every_(every) {}

  // Whether the next unit is played (every `every_`-th one is).
  bool plays_next() { return units_++ % every_ == 0; }

  // One step, shown to the visitor; returns the session it leaves.
  Session step_once(const std::string& label, const Session& session, const Input& input) {
    Turn t = step(builtin(), options_, session, input, kNow);
    visit_(label, input, t);
    return t.next;
  }

  void vignettes(const char* file, const char* how) {
    for (const auto& v : read_vignettes(vignette_data_file(file))) {
      if (!plays_next()) continue;
      std::vector<Input> inputs;
      play(v, [&](const Input& input, std::chrono::nanoseconds) { inputs.push_back(input); });
      Session session;
      const std::string label = std::string(how) + " " + v["id"].get<std::string>();
      for (const auto& input : inputs) session = step_once(label, session, input);
    }
  }

 private:
  const EngineOptions options_ = server_options("999");
  const StepVisitor& visit_;
  const std::size_t every_;
  std::size_t units_ = 0;
};

Session pending(const std::string& question) {
  Session s;
  s.engine_state.started = true;
  s.engine_state.pending = question;
  s.engine_state.asked = {question};
  return s;
}

// TRIAGEBOT_VIGNETTE_TYPED as it was before, restored when the recording ends.
class TypedAnswers {
 public:
  TypedAnswers() {
    if (const char* v = std::getenv(kName)) saved_ = v;
  }
  ~TypedAnswers() {
    if (saved_)
      setenv(kName, saved_->c_str(), 1);
    else
      unsetenv(kName);
  }
  void set(bool typed) {
    if (typed)
      setenv(kName, "1", 1);
    else
      unsetenv(kName);
  }

 private:
  static constexpr const char* kName = "TRIAGEBOT_VIGNETTE_TYPED";
  std::optional<std::string> saved_;
};

}  // namespace
}  // namespace step_record

void play_steps(const StepVisitor& visit, std::size_t every) {
  using namespace step_record;
  Recorder r(visit, every);
  TypedAnswers typed;
  const char* sets[] = {"vignettes-dev.jsonl", "vignettes-dev-hard.jsonl", "vignettes-extra.jsonl",
                        "vignettes-extra-hard.jsonl"};
  typed.set(false);
  for (const char* file : sets) r.vignettes(file, "pressed");
  typed.set(true);
  for (const char* file : sets) r.vignettes(file, "typed");
  for (const char* file : {"answers-dev.jsonl", "answers-extra.jsonl"}) {
    for (const auto& a : read_vignettes(vignette_data_file(file))) {
      if (!r.plays_next()) continue;
      const std::string q = a["question_id"].get<std::string>();
      r.step_once("answer " + q, pending(q), Input::typed(a["answer"].get<std::string>()));
    }
  }
  for (const char* file : {"safety-utterances-dev.jsonl", "safety-utterances-extra.jsonl"}) {
    for (const auto& u : read_vignettes(vignette_data_file(file))) {
      if (!r.plays_next()) continue;
      const auto text = u["text"].get<std::string>();
      r.step_once("safety opening", Session{}, Input::typed(text));
      r.step_once("safety answer", pending("q_stroke"), Input::typed(text));
    }
  }
  for (const char* text : kBenchTexts)
    if (r.plays_next()) r.step_once("bench opening", Session{}, Input::typed(text));
}

std::vector<std::string> record_steps(std::size_t every) {
  using step_record::input_json;
  std::vector<std::string> lines;
  play_steps(
      [&](const std::string& label, const Input& input, const Turn& t) {
        nlohmann::json line = {
            {"at", label},          {"input", input_json(input)},
            {"replies", t.replies}, {"next", session_to_json(t.next)},
            {"safety", t.safety},   {"intent", t.intent == Intent::forget ? "forget" : "none"}};
        line["assessment"] = t.assessment ? nlohmann::json(*t.assessment) : nlohmann::json(nullptr);
        lines.push_back(line.dump());
      },
      every);
  return lines;
}

std::string line_hash(const std::string& line) {
  std::uint64_t h = 14695981039346656037ULL;
  for (char c : line) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, h);
  return hex;
}

}  // namespace triagebot::dialogs::testing
