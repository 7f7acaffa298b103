#include "adapters/slack/mrkdwn.h"

#include <algorithm>
#include <utility>

// Telegram counts characters in UTF-16 units too; one counter serves both.
#include "adapters/common/text_measure.h"

namespace triagebot::adapters::slack {
namespace {

// Where the code point starting at `at` ends: past its continuation bytes (at most
// three). A stray continuation byte starts a code point of its own, so broken input
// still advances and nothing valid is ever cut.
std::size_t code_point_end(std::string_view text, std::size_t at) {
  std::size_t end = at + 1;
  while (end < text.size() && end - at < 4 &&
         (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    ++end;
  }
  return end;
}

// Characters one code point costs once escaped.
std::size_t escaped_cost(std::string_view code_point) {
  if (code_point == "&") return 5;  // &amp;
  if (code_point == "<" || code_point == ">") return 4;
  return code_point.size() == 4 ? 2 : 1;
}

}  // namespace

std::string escape_mrkdwn(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string unescape_mrkdwn(std::string_view escaped) {
  std::string out;
  out.reserve(escaped.size());
  for (std::size_t i = 0; i < escaped.size();) {
    bool replaced = false;
    for (auto [entity, plain] :
         {std::pair<std::string_view, char>{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}}) {
      if (escaped.substr(i, entity.size()) == entity) {
        out += plain;
        i += entity.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += escaped[i++];
  }
  return out;
}

std::size_t character_count(std::string_view utf8) { return common::utf16_length(utf8); }

std::vector<std::string> split_escaped(std::string_view raw, std::size_t max_chars) {
  std::vector<std::string> pieces;
  max_chars = std::max<std::size_t>(max_chars, 5);  // room for the widest escape
  while (!raw.empty()) {
    // Longest raw prefix whose escaped form fits, ending on a code point boundary.
    std::size_t limit = 0;
    std::size_t used = 0;
    while (limit < raw.size()) {
      const std::size_t end = code_point_end(raw, limit);
      const std::size_t cost = escaped_cost(raw.substr(limit, end - limit));
      if (used + cost > max_chars) break;
      used += cost;
      limit = end;
    }
    if (limit == raw.size()) {
      pieces.push_back(escape_mrkdwn(raw));
      break;
    }
    // A separator may start right at `limit`: it is dropped, so it need not fit.
    std::size_t cut = limit;  // one unbroken word: cut at a code point boundary
    std::size_t skip = 0;
    for (auto [separator, width] :
         {std::pair<std::string_view, std::size_t>{"\n\n", 2}, {"\n", 1}, {" ", 1}}) {
      std::size_t at = raw.rfind(separator, limit);
      if (at != std::string_view::npos && at > 0) {
        cut = at;
        skip = width;
        break;
      }
    }
    pieces.push_back(escape_mrkdwn(raw.substr(0, cut)));
    raw.remove_prefix(cut + skip);
    while (!raw.empty() && (raw.front() == '\n' || raw.front() == ' ')) raw.remove_prefix(1);
  }
  return pieces;
}

std::string truncate_chars(std::string_view text, std::size_t max_chars) {
  if (character_count(text) <= max_chars) return std::string(text);
  const std::size_t budget = max_chars > 0 ? max_chars - 1 : 0;  // "…" is one character
  std::size_t end = 0;
  std::size_t used = 0;
  while (end < text.size()) {
    const std::size_t next = code_point_end(text, end);
    const std::size_t cost = next - end == 4 ? 2 : 1;
    if (used + cost > budget) break;
    used += cost;
    end = next;
  }
  return std::string(text.substr(0, end)) + "\u2026";
}

}  // namespace triagebot::adapters::slack
