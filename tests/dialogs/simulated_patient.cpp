#include "tests/dialogs/simulated_patient.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"

namespace triagebot::dialogs::testing {
namespace {

using nlohmann::json;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// `needle` occurs in `hay` with no letter or digit directly on either side.
bool contains_whole(const std::string& hay, const std::string& needle) {
  if (needle.empty()) return false;
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) {
    bool left = at == 0 || !word(hay[at - 1]);
    size_t end = at + needle.size();
    bool right = end >= hay.size() || !word(hay[end]);
    if (left && right) return true;
  }
  return false;
}

const json* matching_fact(const json& vignette, const std::string& question) {
  for (const auto& f : vignette["facts"]) {
    for (const auto& m : f["match"]) {
      if (question.find(m.get<std::string>()) != std::string::npos) return &f;
    }
  }
  return nullptr;
}

// TRIAGEBOT_VIGNETTE_TYPED=1: the patient types every answer instead of pressing a
// button (a harder reading test than the documented patient).
bool types_every_answer() {
  const char* typed = std::getenv("TRIAGEBOT_VIGNETTE_TYPED");
  return typed && *typed == '1';
}

// VIGNETTES.md "How the simulated patient answers", steps 2 to 4.
Input answer(const json& vignette, const Reply& question) {
  const bool typed = types_every_answer();
  if (const json* fact = matching_fact(vignette, lower(question.text))) {
    std::string say = (*fact)["say"].get<std::string>();
    if (typed) return Input::typed(say);
    for (const auto& c : question.choices) {
      if (lower(c.label) == lower(say)) return Input::pressed(c.id);
    }
    std::vector<std::string> wanted = {lower(say)};
    if (fact->contains("prefer")) {
      for (const auto& p : (*fact)["prefer"]) wanted.push_back(lower(p.get<std::string>()));
    }
    for (const auto& c : question.choices) {
      for (const auto& w : wanted) {
        if (contains_whole(lower(c.label), w)) return Input::pressed(c.id);
      }
    }
    return Input::typed(say);
  }
  if (typed) return Input::typed("no");
  for (const auto& c : question.choices) {
    if (lower(c.label) == "no") return Input::pressed(c.id);
  }
  for (const auto& c : question.choices) {
    std::string l = lower(c.label);
    if (l.find("not sure") != std::string::npos || l.find("don't know") != std::string::npos ||
        l.find("unsure") != std::string::npos) {
      return Input::pressed(c.id);
    }
  }
  return Input::typed("I'm not sure");
}

bool has(const json& list, const std::string& id) {
  return std::any_of(list.begin(), list.end(),
                     [&](const json& x) { return x.get<std::string>() == id; });
}

double percent(int part, int whole, double if_none) {
  return whole ? 100.0 * part / whole : if_none;
}

}  // namespace

double VignetteScore::sensitivity() const {
  return percent(emergencies_caught, emergencies, 100.0);
}
double VignetteScore::accuracy() const { return percent(acceptable, vignettes, 0.0); }
double VignetteScore::top3_rate() const { return percent(top3, vignettes, 0.0); }
double VignetteScore::over_triage() const { return percent(over, non_emergencies, 0.0); }

std::vector<json> read_vignettes(const std::string& path) {
  std::ifstream in(path);
  std::vector<json> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json v = json::parse(line, nullptr, false);
    if (!v.is_discarded()) out.push_back(std::move(v));
  }
  return out;
}

VignetteOutcome play(const json& vignette, const StepObserver& observe) {
  const EngineOptions options = server_options("999");  // read as the server reads
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  VignetteOutcome out;
  out.id = vignette["id"].get<std::string>();
  out.vignette = vignette;
  const char* trace_id = std::getenv("TRIAGEBOT_VIGNETTE_TRACE");
  bool trace = trace_id && out.id == trace_id;
  Session session;
  Input input = Input::typed(vignette["opening"].get<std::string>());
  for (int turn = 0; turn < 40; ++turn) {
    if (trace)
      std::printf("> %s\n",
                  (input.kind == Input::Kind::text ? input.text : input.choice_id).c_str());
    const auto started = std::chrono::steady_clock::now();
    Turn t = step(builtin(), options, session, input, now);
    if (observe) observe(input, std::chrono::steady_clock::now() - started);
    session = t.next;
    const Reply* question = nullptr;
    for (const auto& r : t.replies) {
      if (trace) std::printf("  %s\n", r.text.c_str());
      if (r.assessment) {
        out.finished = true;
        out.triage = r.assessment->triage;
        for (size_t i = 0; i < r.assessment->causes.size() && i < 3; ++i)
          out.top.push_back(r.assessment->causes[i].id);
        return out;
      }
      if (!r.choices.empty()) {
        ++out.questions;
        question = &r;
      }
    }
    if (!question) return out;  // the bot stopped asking without concluding: a failure
    input = answer(vignette, *question);
  }
  return out;
}

VignetteScore score(const std::string& title, const std::vector<VignetteOutcome>& outcomes) {
  VignetteScore s;
  std::vector<int> questions;
  std::printf("\n%s\n%-5s %-10s %-10s %-3s %-62s %s\n", title.c_str(), "id", "expected", "final",
              "q", "top 3", "ok");
  for (const auto& o : outcomes) {
    const json& v = o.vignette;
    std::string expected = v["expected_triage"].get<std::string>();
    std::string got = o.triage ? std::string(to_string(*o.triage)) : "none";
    bool triage_ok = o.triage && has(v["acceptable_triage"], got);
    bool cause_ok = std::any_of(o.top.begin(), o.top.end(),
                                [&](const std::string& c) { return has(v["expected_causes"], c); });
    ++s.vignettes;
    if (expected == "emergency") {
      ++s.emergencies;
      s.emergencies_caught += got == "emergency";
    } else {
      ++s.non_emergencies;
      s.over += got == "emergency";
    }
    s.acceptable += triage_ok;
    s.top3 += cause_ok;
    s.unfinished += !o.finished;
    questions.push_back(o.questions);
    s.max_questions = std::max(s.max_questions, o.questions);
    std::string top;
    for (const auto& c : o.top) top += (top.empty() ? "" : ",") + c;
    std::printf("%-5s %-10s %-10s %-3d %-62s %s%s%s\n", o.id.c_str(), expected.c_str(), got.c_str(),
                o.questions, top.c_str(), triage_ok ? "" : "TRIAGE ", cause_ok ? "" : "CAUSE ",
                o.finished ? "" : "UNFINISHED");
  }
  std::sort(questions.begin(), questions.end());
  size_t n = questions.size();
  if (n > 0)
    s.median_questions = n % 2 ? questions[n / 2] : (questions[n / 2 - 1] + questions[n / 2]) / 2.0;
  std::printf(
      "emergency sensitivity %.0f%% (%d/%d) | triage accuracy %.0f%% | top-3 %.0f%% | "
      "over-triage %.0f%% (%d/%d) | questions median %.1f max %d\n",
      s.sensitivity(), s.emergencies_caught, s.emergencies, s.accuracy(), s.top3_rate(),
      s.over_triage(), s.over, s.non_emergencies, s.median_questions, s.max_questions);
  return s;
}

std::string vignette_data_file(const char* name) {
  return std::string(TRIAGEBOT_SOURCE_DIR) + "/tests/dialogs/data/" + name;
}

std::string vignette_file_or_override(const char* name) {
  const char* override_path = std::getenv("TRIAGEBOT_VIGNETTES");
  return override_path && *override_path ? override_path : vignette_data_file(name);
}

}  // namespace triagebot::dialogs::testing
