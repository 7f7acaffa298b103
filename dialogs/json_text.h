// JSON text written straight into a string, byte for byte as nlohmann's `dump()` (no
// indent, ensure_ascii off, strict on bad UTF-8) writes the same values, without building
// a tree first. The per-message texts (the stored session, each reply's outbox payload
// and transcript row) are written this way on the io threads (issue 13); a test holds
// every function here to nlohmann's output.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace triagebot::dialogs {

// A JSON string. Printable ASCII, well-formed UTF-8 and control characters (escaped as
// nlohmann escapes them) are written here; a string with a byte that is not UTF-8 is left
// to nlohmann (its error), so the two cannot differ.
void append_json_string(std::string& out, std::string_view text);

// ["a","b",...]
void append_json_strings(std::string& out, const std::vector<std::string>& list);

// true / false
inline void append_json_bool(std::string& out, bool value) { out += value ? "true" : "false"; }

// A double as nlohmann writes it (shortest text that reads back the same).
void append_json_number(std::string& out, double value);

}  // namespace triagebot::dialogs
