#include "bot/cli/csv_export.h"

#include <vector>

#include "dialogs/double_quoted.h"

namespace triagebot::bot {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ';';
    out += item;
  }
  return out;
}

void write_line(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    out << csv_field(fields[i]);
  }
  out << "\r\n";
}

}  // namespace

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  return double_quoted(text);
}

void write_csv_header(std::ostream& out) {
  write_line(out, {"id", "platform", "started", "triage", "top_causes", "red_flags", "questions",
                   "verdicts"});
}

void write_csv_row(std::ostream& out, const storage::Summary& summary) {
  std::vector<std::string> verdicts;
  for (const auto& v : summary.verdicts) verdicts.push_back(v.verdict);
  write_line(out,
             {std::to_string(summary.id), summary.platform, summary.started_at,
              summary.triage.value_or(""), joined(summary.top_causes), joined(summary.red_flags),
              summary.questions_to_assessment ? std::to_string(*summary.questions_to_assessment)
                                              : std::string(),
              joined(verdicts)});
}

}  // namespace triagebot::bot
