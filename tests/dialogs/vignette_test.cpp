// The simulated patient of clinical/VIGNETTES.md, run against the real engine for every
// vignette of a JSONL file, with the bars of issue 3 asserted. The dev file is the
// default; TRIAGEBOT_VIGNETTES names another (a held-out set drops in unchanged).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogs/engine.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"

namespace triagebot::dialogs {
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

struct Outcome {
  std::string id;
  std::optional<Triage> triage;
  std::vector<std::string> top;
  int questions = 0;
  bool finished = false;
  json vignette;
};

// VIGNETTES.md "How the simulated patient answers", step by step.
Input answer(const json& vignette, const Reply& question) {
  // TRIAGEBOT_VIGNETTE_TYPED=1: the patient types every answer instead of pressing a
  // button (a harder reading test than the documented patient).
  const char* typed_only = std::getenv("TRIAGEBOT_VIGNETTE_TYPED");
  bool typed = typed_only && *typed_only == '1';
  std::string text = lower(question.text);
  const json* fact = nullptr;
  for (const auto& f : vignette["facts"]) {
    for (const auto& m : f["match"]) {
      if (text.find(m.get<std::string>()) != std::string::npos) {
        fact = &f;
        break;
      }
    }
    if (fact) break;
  }
  if (fact) {
    std::string say = (*fact)["say"].get<std::string>();
    if (typed) return Input::typed(say);
    if (!question.choices.empty()) {
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

Outcome run(const json& vignette) {
  const Knowledge& k = testing::builtin();
  const EngineOptions options = testing::server_options("999");  // read as the server reads
  auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  Outcome out;
  out.id = vignette["id"].get<std::string>();
  out.vignette = vignette;
  Session session;
  // TRIAGEBOT_VIGNETTE_TRACE=<id> prints that conversation, for reading how it went.
  const char* trace_id = std::getenv("TRIAGEBOT_VIGNETTE_TRACE");
  bool trace = trace_id && out.id == trace_id;
  Input input = Input::typed(vignette["opening"].get<std::string>());
  for (int turn = 0; turn < 40; ++turn) {
    if (trace)
      std::printf("> %s\n",
                  input.kind == Input::Kind::text ? input.text.c_str() : input.choice_id.c_str());
    Turn t = step(k, options, session, input, now);
    if (trace) {
      for (const auto& r : t.replies) std::printf("  %s\n", r.text.c_str());
    }
    session = t.next;
    const Reply* question = nullptr;
    for (const auto& r : t.replies) {
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

std::vector<json> read_jsonl(const std::string& path) {
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

bool has(const json& list, const std::string& id) {
  for (const auto& x : list) {
    if (x.get<std::string>() == id) return true;
  }
  return false;
}

void run_file(const std::string& path) {
  auto vignettes = read_jsonl(path);
  ASSERT_FALSE(vignettes.empty()) << "no vignettes in " << path;
  std::vector<Outcome> outcomes;
  for (const auto& v : vignettes) outcomes.push_back(run(v));

  int emergencies = 0, emergencies_caught = 0, acceptable = 0, top3 = 0, non_emergency = 0,
      over = 0, max_q = 0;
  std::vector<int> questions;
  std::printf("\n%s\n%-5s %-10s %-10s %-3s %-62s %s\n", path.c_str(), "id", "expected", "final",
              "q", "top 3", "ok");
  for (const auto& o : outcomes) {
    const json& v = o.vignette;
    std::string expected = v["expected_triage"].get<std::string>();
    std::string got = o.triage ? std::string(to_string(*o.triage)) : "none";
    bool triage_ok = o.triage && has(v["acceptable_triage"], got);
    bool cause_ok = std::any_of(o.top.begin(), o.top.end(),
                                [&](const std::string& c) { return has(v["expected_causes"], c); });
    if (expected == "emergency") {
      ++emergencies;
      if (got == "emergency") ++emergencies_caught;
    } else {
      ++non_emergency;
      if (got == "emergency") ++over;
    }
    acceptable += triage_ok;
    top3 += cause_ok;
    questions.push_back(o.questions);
    max_q = std::max(max_q, o.questions);
    std::string top;
    for (const auto& c : o.top) top += (top.empty() ? "" : ",") + c;
    std::printf("%-5s %-10s %-10s %-3d %-62s %s%s%s\n", o.id.c_str(), expected.c_str(), got.c_str(),
                o.questions, top.c_str(), triage_ok ? "" : "TRIAGE ", cause_ok ? "" : "CAUSE ",
                o.finished ? "" : "UNFINISHED");
  }
  std::sort(questions.begin(), questions.end());
  size_t n = questions.size();
  double median = n % 2 ? questions[n / 2] : (questions[n / 2 - 1] + questions[n / 2]) / 2.0;
  double sensitivity = emergencies ? 100.0 * emergencies_caught / emergencies : 100.0;
  double accuracy = 100.0 * acceptable / static_cast<double>(n);
  double top3_rate = 100.0 * top3 / static_cast<double>(n);
  double over_rate = non_emergency ? 100.0 * over / non_emergency : 0.0;
  std::printf(
      "emergency sensitivity %.0f%% (%d/%d) | triage accuracy %.0f%% | top-3 %.0f%% | over-triage "
      "%.0f%% | "
      "questions median %.1f max %d\n",
      sensitivity, emergencies_caught, emergencies, accuracy, top3_rate, over_rate, median, max_q);
  for (const auto& o : outcomes) EXPECT_TRUE(o.finished) << o.id << " never reached an assessment";
  EXPECT_EQ(sensitivity, 100.0);
  EXPECT_GE(accuracy, 90.0);
  EXPECT_GE(top3_rate, 90.0);
  EXPECT_LE(median, 10.0);
  EXPECT_LE(max_q, 15);
}

std::string data_file(const char* name) {
  return std::string(TRIAGEBOT_SOURCE_DIR) + "/tests/dialogs/data/" + name;
}

TEST(Vignettes, DevSetMeetsTheBars) {
  const char* override_path = std::getenv("TRIAGEBOT_VIGNETTES");
  run_file(override_path && *override_path ? override_path : data_file("vignettes-dev.jsonl"));
}

TEST(Vignettes, ExtraSetMeetsTheBars) { run_file(data_file("vignettes-extra.jsonl")); }

}  // namespace
}  // namespace triagebot::dialogs
