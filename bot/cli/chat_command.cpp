#include "bot/cli/chat_command.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <istream>
#include <ostream>
#include <string>

namespace triagebot::bot {
namespace {

std::string trim(const std::string& s) {
  auto first =
      std::find_if_not(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
  auto last = std::find_if_not(s.rbegin(), s.rend(), [](unsigned char c) {
                return std::isspace(c);
              }).base();
  return first < last ? std::string(first, last) : std::string();
}

// Prints the turn's messages; returns the choices of the last question, which a typed
// number refers to.
std::vector<dialogs::Choice> print(const dialogs::Turn& turn, std::ostream& out) {
  std::vector<dialogs::Choice> choices;
  for (const auto& reply : turn.replies) {
    out << reply.text << "\n";
    for (size_t i = 0; i < reply.choices.size(); ++i)
      out << "  " << i + 1 << ") " << reply.choices[i].label << "\n";
    out << "\n";
    if (!reply.choices.empty()) choices = reply.choices;
  }
  out.flush();
  return choices;
}

dialogs::Input to_input(const std::string& line, const std::vector<dialogs::Choice>& choices) {
  bool number =
      !line.empty() && line.size() <= 3 &&
      std::all_of(line.begin(), line.end(), [](unsigned char c) { return std::isdigit(c); });
  if (number) {
    size_t n = std::stoul(line);
    if (n >= 1 && n <= choices.size()) return dialogs::Input::pressed(choices[n - 1].id);
  }
  return dialogs::Input::typed(line);
}

}  // namespace

int run_chat(const dialogs::Knowledge& knowledge, const dialogs::EngineOptions& options,
             std::istream& in, std::ostream& out) {
  dialogs::Session session;
  dialogs::Turn turn = dialogs::step(knowledge, options, session, dialogs::Input::typed("/start"),
                                     std::chrono::system_clock::now());
  session = turn.next;
  auto choices = print(turn, out);
  std::string line;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty()) continue;
    turn = dialogs::step(knowledge, options, session, to_input(line, choices),
                         std::chrono::system_clock::now());
    session = turn.next;
    choices = print(turn, out);
  }
  return 0;
}

}  // namespace triagebot::bot
