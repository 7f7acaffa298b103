#include "bot/cli/stats_table.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <string>

namespace triagebot::bot {
namespace {

std::string percent(const std::optional<double>& rate) {
  if (!rate) return "-";
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", *rate * 100);
  return text;
}

std::string value_or_dash(const std::optional<std::int64_t>& value) {
  return value ? std::to_string(*value) : "-";
}

std::string seconds(const std::optional<std::int64_t>& millis) {
  if (!millis) return "-";
  char text[24];
  std::snprintf(text, sizeof text, "%.1fs", static_cast<double>(*millis) / 1000);
  return text;
}

// "  name  count" lines, names padded to one column. Ids come from our own knowledge
// base and platform list, never from what a person typed.
void print_counts(std::ostream& out, const char* title,
                  const std::map<std::string, std::int64_t>& counts) {
  out << title << "\n";
  if (counts.empty()) out << "  -\n";
  std::size_t width = 0;
  for (const auto& [name, n] : counts) width = std::max(width, name.size());
  for (const auto& [name, n] : counts) {
    out << "  " << name << std::string(width - name.size() + 2, ' ') << n << "\n";
  }
}

}  // namespace

void print_stats_table(std::ostream& out, const storage::Stats& stats) {
  out << "under-triage verdicts:  " << stats.under_triage() << "\n"
      << "conversations:          " << stats.conversations << "\n"
      << "completed:              " << stats.completed << " (" << percent(stats.completion_rate())
      << ")\n"
      << "questions to assessment: median " << value_or_dash(stats.questions_to_assessment.median)
      << ", p90 " << value_or_dash(stats.questions_to_assessment.p90) << " (of "
      << stats.questions_to_assessment.count << ")\n"
      << "time to emergency guidance: median " << seconds(stats.emergency_after_ms.median)
      << ", p90 " << seconds(stats.emergency_after_ms.p90) << " (of "
      << stats.emergency_after_ms.count << ")\n"
      << "agreement rate:         " << percent(stats.agreement_rate()) << " (of "
      << stats.verdict_total << " verdicts)\n";
  print_counts(out, "by platform:", stats.platforms);
  print_counts(out, "by triage:", stats.triage);
  print_counts(out, "red flags:", stats.red_flags);
  print_counts(out, "verdicts:", stats.verdicts);
  if (!stats.periods.empty()) {
    out << "periods:\n  START       CONVERSATIONS  COMPLETED  EMERGENCIES\n";
    for (const auto& p : stats.periods) {
      char line[96];
      std::snprintf(line, sizeof line, "  %-10s  %13lld  %9lld  %11lld\n", p.start.c_str(),
                    static_cast<long long>(p.conversations), static_cast<long long>(p.completed),
                    static_cast<long long>(p.emergencies));
      out << line;
    }
  }
}

}  // namespace triagebot::bot
