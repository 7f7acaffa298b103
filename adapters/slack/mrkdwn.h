// Slack's text rules in one place: mrkdwn escaping, counting characters the way Slack's
// limits count them, and cutting long text into pieces that fit a block. Pure; any
// thread.
//
// In mrkdwn, `&`, `<` and `>` are control characters (links, mentions) and must be sent
// as `&amp;`, `&lt;`, `&gt;` (PLATFORMS.md §2.4); Slack delivers typed text escaped the
// same way. Every limit here is measured on the escaped text, since that is what Slack
// measures.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace triagebot::adapters::slack {

std::string escape_mrkdwn(std::string_view raw);
// Undoes Slack's three escapes (and nothing else: "&quot;" stays as typed).
std::string unescape_mrkdwn(std::string_view escaped);

// Characters as Slack's limits count them. Counted in UTF-16 code units, which is never
// fewer than code points, so text within a limit by this count is within it by either.
std::size_t character_count(std::string_view utf8);

// Cuts raw text into escaped pieces of at most max_chars characters each, preferring a
// paragraph break, then a line break, then a space, and never cutting a code point or
// an escape. Separators at a cut are dropped; no piece is empty.
std::vector<std::string> split_escaped(std::string_view raw, std::size_t max_chars);

// The text itself when it has at most max_chars characters; otherwise its longest
// prefix (on a code point boundary) that leaves room for a trailing "…".
std::string truncate_chars(std::string_view text, std::size_t max_chars);

}  // namespace triagebot::adapters::slack
