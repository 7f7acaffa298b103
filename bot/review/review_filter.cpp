#include "bot/review/review_filter.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <set>

#include "adapters/common/text_measure.h"
#include "adapters/inbound_event.h"
#include "dialogs/reply.h"
#include "dialogs/safety_screen.h"

namespace triagebot::bot {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
      if (high < 0 || low < 0)
        return make_error(ErrorCode::bad_request, "malformed %-escape in the query");
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

// Strict UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF), no NUL.
bool is_clean_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == 0) return false;
    std::size_t length = 0;
    char32_t code = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2;
      code = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3;
      code = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4;
      code = byte & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    static constexpr std::array<char32_t, 5> kMinimum = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMinimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

// Reads exactly `width` digits at `pos`.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::optional<std::chrono::sys_days> parse_date(std::string_view text) {
  const auto year = digits(text, 0, 4);
  const auto month = digits(text, 5, 2);
  const auto day = digits(text, 8, 2);
  if (!year || !month || !day || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year),
                                         std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days(date);
}

bool is_red_flag_id(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_')) {
      return false;
    }
  }
  return true;
}

Error bad(std::string message) { return make_error(ErrorCode::bad_request, std::move(message)); }

}  // namespace

Result<QueryParams> parse_query_string(std::string_view query) {
  QueryParams params;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (piece.empty()) continue;
    const auto equals = piece.find('=');
    auto name = percent_decode(piece.substr(0, equals));
    if (!name) return name.error();
    auto value = percent_decode(equals == std::string_view::npos ? std::string_view()
                                                                 : piece.substr(equals + 1));
    if (!value) return value.error();
    if (!is_clean_utf8(*name) || !is_clean_utf8(*value)) {
      return bad("the query is not UTF-8 text");
    }
    params.emplace_back(std::move(*name), std::move(*value));
  }
  return params;
}

std::optional<storage::TimePoint> parse_time(std::string_view text) {
  using namespace std::chrono;
  if (!text.empty() && text.size() <= 12 &&
      text.find_first_not_of("0123456789") == std::string_view::npos) {
    std::int64_t seconds = 0;
    std::from_chars(text.data(), text.data() + text.size(), seconds);
    return storage::TimePoint(std::chrono::seconds(seconds));
  }
  if (text.size() < 10) return std::nullopt;
  const auto date = parse_date(text);
  if (!date) return std::nullopt;
  if (text.size() == 10) return storage::TimePoint(*date);

  // RFC3339 §5.6: date-time = full-date "T" full-time; "t" and a space are allowed too.
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) {
    return std::nullopt;
  }
  const auto hour = digits(text, 11, 2);
  const auto minute = digits(text, 14, 2);
  const auto second = digits(text, 17, 2);
  if (!hour || !minute || !second || text[13] != ':' || text[16] != ':' || *hour > 23 ||
      *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  milliseconds fraction{0};
  if (text[pos] == '.') {
    const std::size_t start = ++pos;
    int scale = 100;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      fraction += milliseconds((text[pos] - '0') * scale);
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  minutes offset{0};
  const auto zone = text.substr(pos);
  if (zone == "Z" || zone == "z") {
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const auto zone_hours = digits(zone, 1, 2);
    const auto zone_minutes = digits(zone, 4, 2);
    if (!zone_hours || !zone_minutes || *zone_hours > 23 || *zone_minutes > 59) return std::nullopt;
    offset = hours(*zone_hours) + minutes(*zone_minutes);
    if (zone[0] == '-') offset = -offset;
  } else {
    return std::nullopt;
  }
  // A leap second (:60) is read as the last millisecond of its minute.
  const auto clock =
      hours(*hour) + minutes(*minute) +
      (*second == 60 ? seconds(59) + milliseconds(999) : seconds(*second) + fraction);
  return storage::TimePoint(*date) + duration_cast<storage::TimePoint::duration>(clock - offset);
}

bool is_verdict_kind(std::string_view text) {
  return std::find(kVerdictKinds.begin(), kVerdictKinds.end(), text) != kVerdictKinds.end();
}

Result<storage::ListFilter> make_list_filter(const QueryParams& params, int max_limit) {
  storage::ListFilter filter;
  std::set<std::string, std::less<>> seen;
  for (const auto& [name, value] : params) {
    static const std::set<std::string, std::less<>> kKnown = {
        "platform", "triage", "red_flag", "safety", "verdict",
        "since",    "until",  "q",        "limit",  "cursor"};
    // The unknown name is not echoed: it came from the caller and may be anything.
    if (!kKnown.contains(name)) {
      return bad(
          "unknown parameter (known: platform, triage, red_flag, safety, verdict, since, until, q, "
          "limit, cursor)");
    }
    if (!seen.insert(name).second) return bad("parameter '" + name + "' is given twice");
    if (value.empty()) continue;
    if (name == "platform") {
      if (!adapters::platform_from_string(value)) {
        return bad("platform must be telegram, slack or widget");
      }
      filter.platform = value;
    } else if (name == "triage") {
      if (!dialogs::triage_from_string(value)) {
        return bad("triage must be emergency, urgent, routine or self_care");
      }
      filter.triage = value;
    } else if (name == "red_flag") {
      if (!is_red_flag_id(value)) return bad("red_flag must be any, none or a red-flag id");
      filter.red_flag = value;
    } else if (name == "verdict") {
      if (value != "any" && value != "none" && !is_verdict_kind(value)) {
        return bad(
            "verdict must be any, none, agree, over_triage, under_triage, wrong_causes or "
            "other");
      }
      filter.verdict = value;
    } else if (name == "safety") {
      static const std::set<std::string, std::less<>> kWords = {"any",   "none", "true",
                                                                "false", "1",    "0"};
      if (!kWords.contains(value) && !dialogs::safety_category_from_string(value)) {
        return bad("safety must be any, none or a safety category (e.g. self_harm)");
      }
      filter.safety = value;
    } else if (name == "since" || name == "until") {
      const auto at = parse_time(value);
      if (!at) return bad(name + " must be RFC3339, a date (YYYY-MM-DD) or epoch seconds");
      (name == "since" ? filter.since : filter.until) = *at;
    } else if (name == "q") {
      if (adapters::common::code_points(value) > kMaxSearchLength) {
        return bad("q is longer than " + std::to_string(kMaxSearchLength) + " characters");
      }
      filter.q = value;
    } else if (name == "limit") {
      int limit = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), limit);
      if (ec != std::errc() || end != value.data() + value.size() || limit < 1 ||
          limit > max_limit) {
        return bad("limit must be a whole number from 1 to " + std::to_string(max_limit));
      }
      filter.limit = limit;
    } else if (name == "cursor") {
      // Checked by the store, which knows its shape; anything long is not ours.
      if (value.size() > 32) return bad("cursor is not one this server gave out");
      filter.cursor = value;
    }
  }
  if (filter.since && filter.until && *filter.since >= *filter.until) {
    return bad("since must be before until");
  }
  return filter;
}

}  // namespace triagebot::bot
