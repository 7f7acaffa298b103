#include "bot/review/replay.h"

#include <map>

#include "bot/review/review_filter.h"

namespace triagebot::bot {
namespace {

using Clock = std::chrono::system_clock;

// What the candidate types for a question the person was never asked.
constexpr const char* kNotRecordedAnswer = "I'm not sure";
// An interview that has not ended after this many candidate turns is cut off (a
// candidate file that re-asks forever must not hang the replay).
constexpr int kMaxTurns = 200;

std::string pending_question(const dialogs::Session& session) {
  return session.engine_state.pending;
}

void note(ReplayOutcome& outcome, const dialogs::Turn& turn) {
  if (!turn.assessment) return;
  outcome.triage = turn.assessment->triage;
  outcome.top_cause = turn.assessment->causes.empty()
                          ? std::nullopt
                          : std::optional<std::string>(turn.assessment->causes.front().id);
}

// Lower is more urgent (dialogs::Triage is ordered most to least urgent); no assessment
// at all counts as less urgent than self-care.
int urgency(const std::optional<dialogs::Triage>& triage) {
  return triage ? static_cast<int>(*triage) : 4;
}

}  // namespace

std::string_view to_string(ReplayChange change) {
  switch (change) {
    case ReplayChange::none:
      return "none";
    case ReplayChange::emergency_lost:
      return "emergency_lost";
    case ReplayChange::down_triaged:
      return "down_triaged";
    case ReplayChange::up_triaged:
      return "up_triaged";
    case ReplayChange::top_cause_changed:
      return "top_cause_changed";
  }
  return "none";
}

ReplayChange classify(const ReplayResult& result) {
  const int before = urgency(result.before.triage);
  const int after = urgency(result.after.triage);
  if (result.before.triage == dialogs::Triage::emergency && after > before) {
    return ReplayChange::emergency_lost;
  }
  if (after > before) return ReplayChange::down_triaged;
  if (after < before) return ReplayChange::up_triaged;
  if (result.before.top_cause != result.after.top_cause) return ReplayChange::top_cause_changed;
  return ReplayChange::none;
}

ReplayResult replay_conversation(const dialogs::Knowledge& current,
                                 const dialogs::Knowledge& candidate,
                                 const dialogs::EngineOptions& options,
                                 const std::vector<storage::MessageView>& messages) {
  ReplayResult result;
  std::vector<std::pair<std::string, Clock::time_point>> said;
  for (const auto& m : messages) {
    if (m.direction != storage::Direction::user) continue;
    const auto at = parse_time(m.at);
    said.emplace_back(m.text, at ? *at : Clock::time_point{});
  }

  // The person's answers by question id, as the current knowledge base asked them.
  std::map<std::string, std::string> answers;
  std::string opening;
  dialogs::Session session;
  for (const auto& [text, at] : said) {
    if (session.status == dialogs::SessionStatus::completed) break;
    const auto pending = pending_question(session);
    const bool command = !text.empty() && text.front() == '/';
    if (!command) {
      if (!pending.empty()) {
        answers[pending] = text;
      } else if (opening.empty()) {
        opening = text;
      }
    }
    auto turn = dialogs::step(current, options, session, dialogs::Input::typed(text), at);
    note(result.before, turn);
    session = std::move(turn.next);
  }
  if (opening.empty()) return result;  // nothing was said: nothing to replay

  // The candidate interview, from the opening.
  const auto start = said.front().second;
  session = dialogs::Session{};
  std::string input = opening;
  std::map<std::string, int> asked;
  for (int turns = 0; turns < kMaxTurns; ++turns) {
    auto turn = dialogs::step(candidate, options, session, dialogs::Input::typed(input), start);
    note(result.after, turn);
    session = std::move(turn.next);
    if (session.status == dialogs::SessionStatus::completed) break;
    const auto pending = pending_question(session);
    if (pending.empty()) break;  // waiting for nothing we can give
    const auto recorded = answers.find(pending);
    const int times = ++asked[pending];
    if (recorded == answers.end()) {
      if (times == 1) ++result.not_recorded;
      input = kNotRecordedAnswer;
    } else {
      // A re-ask (the answer was not understood) gets "not sure", as a person would
      // say after failing twice.
      input = times == 1 ? recorded->second : kNotRecordedAnswer;
    }
  }
  return result;
}

}  // namespace triagebot::bot
