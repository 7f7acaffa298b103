// dialogs_step_bench: how long one `dialogs::step` takes on the conversations the
// vignette tests score (issue 13's bar: median <= 20 µs over the dev vignettes'
// messages, aim <= 5 µs). It plays every vignette with the tests' simulated patient
// (tests/dialogs/simulated_patient.h: the built-in knowledge base, hunspell and CLD2 as
// the server has them) and times each step call with steady_clock.
//
//   dialogs_step_bench [--rounds N] [--typed] [--openings-only] [--texts-only]
//                      [--texts-print] [vignettes.jsonl]
//
// Default file: tests/dialogs/data/vignettes-dev.jsonl (a copy of the shared dev set).
// One untimed round first (dictionaries, static phrase lists), then N timed rounds
// (default 20). --typed also plays every vignette with every answer typed instead of
// pressed (TRIAGEBOT_VIGNETTE_TYPED=1), which reads far more free text.
// Prints, per kind of input: steps, median, p90, p99 and max in µs, and the length in
// bytes of the slowest message (the typed text; a button press has none). Every round
// plays the same steps (the engine and the patient are deterministic), so a last row
// takes each step's fastest round before the median: on a shared machine that is what
// the step costs without the time it spent preempted.
// A last table times the server benchmark's texts (bench-peers' load/common.lua
// `M.texts`), each sent as the first message of a new conversation, as most of the
// server bench's Telegram updates are. --openings-only prints just that table (for
// perf and callgrind).
// A second table times the same texts as the rest of the server bench's load sends them
// (issue 13's profile): typed mid-interview (the first question pending) and to a
// conversation whose interview has completed, each soon after a message whose words were
// kept (so every text is also read joined with those words, red_flags_across).
// --texts-only prints just that table; --texts-print prints those steps whole instead
// (replies, assessment, next session, safety), one JSON line each, to diff two builds.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tests/dialogs/bench_texts.h"
#include "tests/dialogs/simulated_patient.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"

namespace {

using namespace triagebot::dialogs;
using triagebot::dialogs::testing::kBenchTexts;

struct Sample {
  double micros = 0;
  bool typed = false;
  size_t bytes = 0;  // typed text's length; 0 for a button press
};

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t at = static_cast<size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(at, sorted.size() - 1)];
}

void print_row(const char* label, const std::vector<Sample>& samples) {
  std::vector<double> times;
  const Sample* slowest = nullptr;
  for (const auto& s : samples) {
    times.push_back(s.micros);
    if (!slowest || s.micros > slowest->micros) slowest = &s;
  }
  std::sort(times.begin(), times.end());
  std::printf("%-16s %7zu %10.1f %8.1f %8.1f %9.1f %9zu\n", label, times.size(),
              percentile(times, 0.5), percentile(times, 0.9), percentile(times, 0.99),
              times.empty() ? 0.0 : times.back(), slowest ? slowest->bytes : 0);
}

// One vector of samples per timed round, each in the order the steps were played.
std::vector<std::vector<Sample>> play_rounds(const std::vector<nlohmann::json>& vignettes,
                                             int rounds) {
  std::vector<std::vector<Sample>> out;
  for (int round = 0; round <= rounds; ++round) {
    const bool timed = round > 0;  // round 0 warms up
    std::vector<Sample> samples;
    for (const auto& v : vignettes) {
      testing::play(v, [&](const Input& input, std::chrono::nanoseconds took) {
        if (!timed) return;
        const bool typed = input.kind == Input::Kind::text;
        samples.push_back({std::chrono::duration<double, std::micro>(took).count(), typed,
                           typed ? input.text.size() : 0});
      });
    }
    if (timed) out.push_back(std::move(samples));
  }
  return out;
}

void report(const char* title, const std::vector<std::vector<Sample>>& rounds) {
  std::vector<Sample> all, typed, pressed;
  for (const auto& round : rounds) {
    for (const auto& s : round) {
      all.push_back(s);
      (s.typed ? typed : pressed).push_back(s);
    }
  }
  std::vector<Sample> fastest = rounds.front();
  for (const auto& round : rounds) {
    for (size_t i = 0; i < fastest.size() && i < round.size(); ++i)
      fastest[i].micros = std::min(fastest[i].micros, round[i].micros);
  }
  std::printf("\n%s\n%-16s %7s %10s %8s %8s %9s %9s\n", title, "input", "steps", "median µs",
              "p90 µs", "p99 µs", "max µs", "slowest B");
  print_row("every step", all);
  print_row("typed text", typed);
  print_row("button press", pressed);
  std::vector<Sample> fastest_typed, fastest_pressed;
  for (const auto& s : fastest) (s.typed ? fastest_typed : fastest_pressed).push_back(s);
  std::printf("each step's fastest round:\n");
  print_row("every step", fastest);
  print_row("typed text", fastest_typed);
  print_row("button press", fastest_pressed);
}

// Each bench text as the first message of a new conversation (an empty Session), one
// untimed round and then `rounds` timed ones, in the shape play_rounds returns.
std::vector<std::vector<Sample>> play_openings(int rounds) {
  const EngineOptions options = testing::server_options("999");
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  const Session fresh;
  std::vector<std::vector<Sample>> out;
  size_t replies = 0;  // used, so the steps cannot be optimised away
  for (int round = 0; round <= rounds; ++round) {
    std::vector<Sample> samples;
    for (const char* text : kBenchTexts) {
      const Input input = Input::typed(text);
      const auto started = std::chrono::steady_clock::now();
      Turn t = step(testing::builtin(), options, fresh, input, now);
      const auto took = std::chrono::steady_clock::now() - started;
      replies += t.replies.size();
      samples.push_back(
          {std::chrono::duration<double, std::micro>(took).count(), true, input.text.size()});
    }
    if (round > 0) out.push_back(std::move(samples));
  }
  if (replies == 0) std::fprintf(stderr, "dialogs_step_bench: the openings had no reply\n");
  return out;
}

void report_openings(const std::vector<std::vector<Sample>>& rounds) {
  std::vector<Sample> all;
  for (const auto& round : rounds) all.insert(all.end(), round.begin(), round.end());
  std::vector<Sample> fastest = rounds.front();
  for (const auto& round : rounds) {
    for (size_t i = 0; i < fastest.size(); ++i)
      fastest[i].micros = std::min(fastest[i].micros, round[i].micros);
  }
  std::printf(
      "\nthe server bench's texts, each opening a new conversation\n%-16s %7s %10s %8s "
      "%8s %9s %9s\n",
      "input", "steps", "median µs", "p90 µs", "p99 µs", "max µs", "slowest B");
  print_row("bench openings", all);
  std::printf("each step's fastest round:\n");
  print_row("bench openings", fastest);
}

// A session as storage holds it between messages: the conversation so far, then one
// typed message that kept words (previous_message.h), all at `at`.
struct MidAndDone {
  Session mid;   // the first question pending
  Session done;  // the interview completed (an assessment given)
};

MidAndDone sessions_with_kept_words(const EngineOptions& options,
                                    std::chrono::system_clock::time_point at) {
  MidAndDone out;
  Turn t = step(testing::builtin(), options, Session{},
                Input::typed("For three weeks my left leg has been numb and I'm 41"), at);
  out.mid = t.next;
  // Press "No" (else the first choice) until the interview concludes.
  for (int i = 0; i < 40 && t.next.status == SessionStatus::active; ++i) {
    const Reply* q = nullptr;
    for (const auto& r : t.replies)
      if (!r.choices.empty()) q = &r;
    if (!q) break;
    auto no = std::find_if(q->choices.begin(), q->choices.end(),
                           [](const Choice& c) { return c.label == "No"; });
    t = step(testing::builtin(), options, t.next,
             Input::pressed(no == q->choices.end() ? q->choices[0].id : no->id), at);
  }
  // A last typed message after the assessment: its words are kept too.
  out.done = step(testing::builtin(), options, t.next,
                  Input::typed("thanks, the left leg is still numb"), at)
                 .next;
  for (const Session* s : {&out.mid, &out.done}) {
    if (s->engine_state.previous_words.empty())
      std::fprintf(stderr, "dialogs_step_bench: a session kept no words\n");
  }
  if (out.done.status != SessionStatus::completed)
    std::fprintf(stderr, "dialogs_step_bench: the interview did not complete\n");
  return out;
}

// Each bench text typed to `session`, 30 s after its last message; in play_openings' shape.
std::vector<std::vector<Sample>> play_texts(const EngineOptions& options, const Session& session,
                                            std::chrono::system_clock::time_point at, int rounds) {
  std::vector<std::vector<Sample>> out;
  size_t replies = 0;
  for (int round = 0; round <= rounds; ++round) {
    std::vector<Sample> samples;
    for (const char* text : kBenchTexts) {
      const Input input = Input::typed(text);
      const auto started = std::chrono::steady_clock::now();
      Turn t = step(testing::builtin(), options, session, input, at);
      const auto took = std::chrono::steady_clock::now() - started;
      replies += t.replies.size();
      samples.push_back(
          {std::chrono::duration<double, std::micro>(took).count(), true, input.text.size()});
    }
    if (round > 0) out.push_back(std::move(samples));
  }
  if (replies == 0) std::fprintf(stderr, "dialogs_step_bench: the texts had no reply\n");
  return out;
}

// The steps report_texts times, written whole: the steps' golden record does not hold
// steps after kept words on a completed interview.
void print_texts() {
  const EngineOptions options = testing::server_options("999");
  const auto at = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  const MidAndDone sessions = sessions_with_kept_words(options, at);
  for (const Session* session : {&sessions.mid, &sessions.done}) {
    for (const char* text : kBenchTexts) {
      Turn t = step(testing::builtin(), options, *session, Input::typed(text),
                    at + std::chrono::seconds(30));
      nlohmann::json line = {{"typed", text},
                             {"replies", t.replies},
                             {"next", session_to_json(t.next)},
                             {"safety", t.safety}};
      line["assessment"] = t.assessment ? nlohmann::json(*t.assessment) : nlohmann::json(nullptr);
      std::printf("%s\n", line.dump().c_str());
    }
  }
}

void report_texts(int rounds) {
  const EngineOptions options = testing::server_options("999");
  const auto at = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  const MidAndDone sessions = sessions_with_kept_words(options, at);
  const auto later = at + std::chrono::seconds(30);
  const auto mid = play_texts(options, sessions.mid, later, rounds);
  const auto done = play_texts(options, sessions.done, later, rounds);
  std::printf(
      "\nthe server bench's texts after a message that kept words\n%-16s %7s %10s %8s "
      "%8s %9s %9s\n",
      "input", "steps", "median µs", "p90 µs", "p99 µs", "max µs", "slowest B");
  for (const auto* rounds_of : {&mid, &done}) {
    const char* label = rounds_of == &mid ? "mid-interview" : "after completion";
    std::vector<Sample> all;
    for (const auto& round : *rounds_of) all.insert(all.end(), round.begin(), round.end());
    print_row(label, all);
  }
  std::printf("each step's fastest round:\n");
  for (const auto* rounds_of : {&mid, &done}) {
    const char* label = rounds_of == &mid ? "mid-interview" : "after completion";
    std::vector<Sample> fastest = rounds_of->front();
    for (const auto& round : *rounds_of) {
      for (size_t i = 0; i < fastest.size(); ++i)
        fastest[i].micros = std::min(fastest[i].micros, round[i].micros);
    }
    print_row(label, fastest);
  }
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 20;
  bool also_typed = false;
  bool openings_only = false;
  bool texts_only = false;
  std::string file = testing::vignette_data_file("vignettes-dev.jsonl");
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--rounds" && i + 1 < argc) {
      rounds = std::atoi(argv[++i]);
    } else if (arg == "--typed") {
      also_typed = true;
    } else if (arg == "--openings-only") {
      openings_only = true;
    } else if (arg == "--texts-only") {
      texts_only = true;
    } else if (arg == "--texts-print") {
      print_texts();
      return 0;
    } else if (!arg.empty() && arg[0] != '-') {
      file = arg;
    } else {
      std::fprintf(stderr,
                   "usage: dialogs_step_bench [--rounds N] [--typed] [--openings-only] "
                   "[--texts-only] [--texts-print] [vignettes.jsonl]\n");
      return 2;
    }
  }
  if (rounds < 1) {
    std::fprintf(stderr, "dialogs_step_bench: --rounds must be at least 1\n");
    return 2;
  }
  if (openings_only) {
    report_openings(play_openings(rounds));
    return 0;
  }
  if (texts_only) {
    report_texts(rounds);
    return 0;
  }
  const auto vignettes = testing::read_vignettes(file);
  if (vignettes.empty()) {
    std::fprintf(stderr, "dialogs_step_bench: no vignettes in %s\n", file.c_str());
    return 2;
  }
  std::printf("dialogs::step over %s: %zu vignettes, %d timed rounds\n", file.c_str(),
              vignettes.size(), rounds);
  report("as the simulated patient plays (buttons where it can)", play_rounds(vignettes, rounds));
  if (also_typed) {
    setenv("TRIAGEBOT_VIGNETTE_TYPED", "1", 1);
    report("every answer typed (TRIAGEBOT_VIGNETTE_TYPED=1)", play_rounds(vignettes, rounds));
  }
  report_openings(play_openings(rounds));
  report_texts(rounds);
  return 0;
}
