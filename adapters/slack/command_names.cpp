#include "adapters/slack/command_names.h"

#include <array>

namespace triagebot::adapters::slack {
namespace {

constexpr std::array<std::string_view, 4> kCommands = {"start", "restart", "help", "forget"};

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '/' || c == '-' || c == '.' || c == ':';
}

// The command named at text[at] ('/'), if it is one of ours standing alone: nothing
// word-like just before the slash (so "a/help" or a URL's path is left), and no word
// character right after the name ("/helpful" is not /help). A sentence's full stop
// after the name is fine.
std::string_view command_at(std::string_view text, std::size_t at) {
  if (at > 0 && is_word_char(text[at - 1])) return {};
  for (std::string_view name : kCommands) {
    if (text.substr(at + 1, name.size()) != name) continue;
    const std::size_t end = at + 1 + name.size();
    if (end < text.size()) {
      const char next = text[end];
      const bool ends_sentence =
          next == '.' && (end + 1 == text.size() || !is_word_char(text[end + 1]));
      if (is_word_char(next) && !ends_sentence) continue;
    }
    return name;
  }
  return {};
}

}  // namespace

std::string with_slash_commands(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;  // text before this is in `out`
  for (std::size_t at = text.find('/'); at != std::string_view::npos; at = text.find('/', at + 1)) {
    const std::string_view name = command_at(text, at);
    if (name.empty()) continue;
    out.append(text.substr(copied, at - copied));
    out += "/triage ";
    out += name;
    at += name.size();
    copied = at + 1;
  }
  out.append(text.substr(copied));
  return out;
}

dialogs::Reply with_slash_commands(dialogs::Reply reply) {
  reply.text = with_slash_commands(reply.text);
  return reply;
}

}  // namespace triagebot::adapters::slack
