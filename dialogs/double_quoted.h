// One quoting rule shared by two formats: RFC 4180 CSV fields and SQLite FTS5 string
// literals both wrap text in double quotes and write a quote inside it twice.
#pragma once

#include <string>
#include <string_view>

namespace triagebot {

inline std::string double_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace triagebot
