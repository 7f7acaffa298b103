// RFC 3339 UTC timestamps, the one formatter every layer uses: the store's read models,
// the widget's "at" fields and the log lines ("2026-11-25T14:53:15.123Z"), and Telegram's
// webhook info (whole seconds, "2026-11-25T14:53:15Z"). Pure arithmetic on <chrono>'s
// civil calendar (no gmtime, no locale); any thread. Times before 1970 print correctly.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace triagebot {

enum class Rfc3339Precision { seconds, milliseconds };

namespace rfc3339_detail {
inline void append_padded(std::string& out, long long value, std::size_t width) {
  if (value < 0) {
    out += '-';
    value = -value;
  }
  const std::string digits = std::to_string(value);
  if (digits.size() < width) out.append(width - digits.size(), '0');
  out += digits;
}
}  // namespace rfc3339_detail

inline std::string format_rfc3339(std::chrono::system_clock::time_point at,
                                  Rfc3339Precision precision = Rfc3339Precision::milliseconds) {
  using namespace std::chrono;
  using rfc3339_detail::append_padded;
  const auto millis = floor<milliseconds>(at.time_since_epoch());
  const auto midnight = floor<days>(millis);
  const year_month_day date{sys_days(midnight)};
  const hh_mm_ss time_of_day{millis - midnight};
  std::string out;
  out.reserve(24);
  append_padded(out, static_cast<int>(date.year()), 4);
  out += '-';
  append_padded(out, static_cast<unsigned>(date.month()), 2);
  out += '-';
  append_padded(out, static_cast<unsigned>(date.day()), 2);
  out += 'T';
  append_padded(out, time_of_day.hours().count(), 2);
  out += ':';
  append_padded(out, time_of_day.minutes().count(), 2);
  out += ':';
  append_padded(out, time_of_day.seconds().count(), 2);
  if (precision == Rfc3339Precision::milliseconds) {
    out += '.';
    append_padded(out, time_of_day.subseconds().count(), 3);
  }
  out += 'Z';
  return out;
}

}  // namespace triagebot
