#include "bot/cli/logs_command.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <sstream>

#include "adapters/inbound_event.h"
#include "adapters/json_fields.h"
#include "bot/cli/csv_export.h"
#include "bot/cli/stats_table.h"
#include "bot/review/review_filter.h"
#include "bot/review/stats_filter.h"
#include "storage/store.h"

namespace triagebot::bot {
namespace {

using nlohmann::json;

// A CLI list may be longer than one API page; storage serves at most 200 per query.
constexpr int kMaxListLimit = 100000;
constexpr int kDefaultListLimit = 50;

struct Usage {
  std::string message;
};

// The parsed words after `logs`: the subcommand, its positional arguments and flags.
struct Invocation {
  std::string subcommand;
  std::vector<std::string> positional;
  std::map<std::string, std::string, std::less<>> flags;  // "--json" -> ""
};

const std::map<std::string, std::set<std::string, std::less<>>, std::less<>>& allowed_flags() {
  static const std::map<std::string, std::set<std::string, std::less<>>, std::less<>> table = {
      {"list",
       {"--platform", "--triage", "--red-flag", "--safety", "--verdict", "--since", "--until",
        "--q", "--limit", "--json"}},
      {"show", {"--json"}},
      {"purge", {"--older-than-days", "--older-than"}},
      {"stats", {"--since", "--until", "--by", "--json"}},
      {"export",
       {"--platform", "--triage", "--red-flag", "--safety", "--verdict", "--since", "--until",
        "--q", "--format"}},
      {"forget", {"--platform", "--user", "--yes"}},
  };
  return table;
}

Result<Invocation> parse_invocation(const std::vector<std::string>& rest) {
  auto usage = [](std::string message) { return make_error(ErrorCode::usage, std::move(message)); };
  if (rest.empty()) {
    return usage("logs needs a subcommand: list, show, stats, export, forget or purge");
  }
  Invocation invocation;
  invocation.subcommand = rest.front();
  const auto allowed = allowed_flags().find(invocation.subcommand);
  if (allowed == allowed_flags().end()) {
    return usage("logs: unknown subcommand '" + invocation.subcommand +
                 "' (list, show, stats, export, forget or purge)");
  }
  const std::string prefix = "logs " + invocation.subcommand + ": ";
  for (std::size_t i = 1; i < rest.size(); ++i) {
    const std::string& arg = rest[i];
    if (arg.rfind("--", 0) != 0) {
      invocation.positional.push_back(arg);
      continue;
    }
    const auto equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    if (!allowed->second.contains(name)) {
      return usage(prefix + "unknown option " + name + " (see triagebot logs --help)");
    }
    if (invocation.flags.contains(name)) return usage(prefix + name + " is given twice");
    if (name == "--json" || name == "--yes") {
      if (equals != std::string::npos) return usage(prefix + name + " takes no value");
      invocation.flags[name] = "";
    } else if (equals != std::string::npos) {
      invocation.flags[name] = arg.substr(equals + 1);
    } else if (i + 1 < rest.size()) {
      invocation.flags[name] = rest[++i];
    } else {
      return usage(prefix + name + " needs a value");
    }
  }
  const std::size_t positional_wanted = invocation.subcommand == "show" ? 1 : 0;
  if (invocation.positional.size() > positional_wanted) {
    return usage(prefix + "unexpected argument '" + invocation.positional[positional_wanted] + "'");
  }
  if (invocation.positional.size() < positional_wanted) {
    return usage(prefix + "which conversation? (triagebot logs show <id>)");
  }
  return invocation;
}

Result<storage::ListFilter> filter_from_flags(const Invocation& invocation) {
  QueryParams params;
  for (const auto& [flag, value] : invocation.flags) {
    if (flag == "--json" || flag == "--format") continue;
    std::string name = flag.substr(2);
    std::replace(name.begin(), name.end(), '-', '_');
    params.emplace_back(std::move(name), value);
  }
  auto filter = make_list_filter(params, kMaxListLimit);
  if (!filter)
    return make_error(ErrorCode::usage,
                      "logs " + invocation.subcommand + ": " + filter.error().message);
  return filter;
}

Result<storage::StatsFilter> stats_filter_from_flags(const Invocation& invocation) {
  QueryParams params;
  for (const auto& [flag, value] : invocation.flags) {
    if (flag != "--json") params.emplace_back(flag.substr(2), value);
  }
  auto filter = make_stats_filter(params);
  if (!filter) return make_error(ErrorCode::usage, "logs stats: " + filter.error().message);
  return filter;
}

// Text a person wrote, made safe for a terminal: C0/C1 controls and DEL become
// visible escapes (an ESC could otherwise rewrite the screen); newlines are kept only
// when `keep_newlines`.
std::string printable(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n' && keep_newlines) {
      out += '\n';
    } else if (byte < 0x20 || byte == 0x7F) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else if (byte == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      const auto next = static_cast<unsigned char>(text[++i]);
      out += "\\u00";
      out += kHex[next >> 4];
      out += kHex[next & 0xF];
    } else {
      out += static_cast<char>(byte);
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// "2026-11-25T14:53:15.123Z" -> "2026-11-25 14:53:15Z" for tables.
std::string short_time(const std::string& rfc3339) {
  if (rfc3339.size() < 19) return rfc3339;
  std::string out = rfc3339.substr(0, 19) + "Z";
  out[10] = ' ';
  return out;
}

std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void print_table(std::ostream& out, const std::vector<storage::Summary>& rows) {
  std::vector<std::vector<std::string>> cells = {
      {"ID", "STARTED", "PLATFORM", "STATUS", "TRIAGE", "RED FLAGS", "MSGS", "VERDICTS"}};
  for (const auto& s : rows) {
    std::vector<std::string> verdicts;
    for (const auto& v : s.verdicts) verdicts.push_back(v.verdict);
    cells.push_back({std::to_string(s.id), short_time(s.started_at), s.platform,
                     std::string(storage::to_string(s.status)), s.triage.value_or("-"),
                     s.red_flags.empty() ? "-" : printable(join(s.red_flags, ","), false),
                     std::to_string(s.message_count),
                     verdicts.empty() ? "-" : printable(join(verdicts, ","), false)});
  }
  std::vector<std::size_t> widths(cells.front().size(), 0);
  for (const auto& row : cells) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  }
  for (const auto& row : cells) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - display_width(row[c]) + 2, ' ');
    }
    out << line << "\n";
  }
}

// Continuation lines of a multi-line text line up under its first line.
std::string indented(std::string_view text, std::size_t indent) {
  std::string out;
  for (char c : printable(text, true)) {
    out += c;
    if (c == '\n') out += std::string(indent, ' ');
  }
  return out;
}

void print_assessment(std::ostream& out, const json& assessment, const std::string& pad) {
  out << pad
      << "assessment: " << printable(adapters::string_at(assessment, "triage").value_or("?"), false)
      << "\n";
  if (const auto causes = assessment.find("causes");
      causes != assessment.end() && causes->is_array()) {
    int rank = 0;
    for (const auto& cause : *causes) {
      if (!cause.is_object()) continue;
      std::ostringstream score;
      if (cause.contains("score") && cause["score"].is_number()) {
        score << " " << static_cast<int>(cause["score"].get<double>() * 100 + 0.5) << "%";
      }
      out << pad << "  " << ++rank << ". "
          << printable(adapters::string_at(cause, "name").value_or(""), false) << " ("
          << printable(adapters::string_at(cause, "id").value_or(""), false) << ")" << score.str()
          << "\n";
      if (const auto why = cause.find("why"); why != cause.end() && why->is_array()) {
        for (const auto& reason : *why) {
          if (reason.is_string()) {
            out << pad << "       - " << printable(reason.get<std::string>(), false) << "\n";
          }
        }
      }
    }
  }
  std::vector<std::string> flags;
  if (const auto found = assessment.find("red_flags");
      found != assessment.end() && found->is_array()) {
    for (const auto& flag : *found) {
      if (flag.is_string()) flags.push_back(flag.get<std::string>());
    }
  }
  out << pad << "  red flags: " << (flags.empty() ? "none" : printable(join(flags, ", "), false))
      << "\n";
}

void print_transcript(std::ostream& out, const storage::ConversationDetail& detail) {
  const auto& s = detail.summary;
  out << "conversation " << s.id << " (" << s.platform << ", " << storage::to_string(s.status)
      << ")\n"
      << "started:   " << s.started_at << "\n"
      << "updated:   " << s.updated_at << "\n"
      << "triage:    " << s.triage.value_or("not assessed") << "\n"
      << "red flags: " << (s.red_flags.empty() ? "none" : printable(join(s.red_flags, ", "), false))
      << "\n"
      << "safety:    " << (s.safety.empty() ? "none" : printable(join(s.safety, ", "), false))
      << "\n";
  for (const auto& v : s.verdicts) {
    out << "verdict:   " << v.verdict << " by " << printable(v.reviewer, false) << " at " << v.at;
    if (!v.note.empty()) out << ": " << indented(v.note, 11);
    out << "\n";
  }
  out << "\n";
  const std::string pad(22 + 8, ' ');
  for (const auto& m : detail.messages) {
    const bool user = m.direction == storage::Direction::user;
    out << short_time(m.at) << "  " << (user ? "person: " : "bot:    ")
        << indented(m.text, pad.size()) << "\n";
    if (m.choices.is_array() && !m.choices.empty()) {
      std::vector<std::string> labels;
      for (const auto& choice : m.choices) {
        if (!choice.is_object()) continue;
        labels.push_back(printable(adapters::string_at(choice, "label").value_or(""), false) +
                         " [" + printable(adapters::string_at(choice, "id").value_or(""), false) +
                         "]");
      }
      out << pad << "choices: " << join(labels, " | ") << "\n";
    }
    if (m.assessment && m.assessment->is_object()) print_assessment(out, *m.assessment, pad);
  }
}

std::optional<std::int64_t> parse_whole(std::string_view text, std::int64_t low,
                                        std::int64_t high) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    return std::nullopt;
  }
  return value;
}

// --older-than DAYS, or its older spelling --older-than-days (one of them, once).
Result<std::int64_t> purge_days(const Invocation& invocation) {
  const auto days = invocation.flags.find("--older-than");
  const auto days_long = invocation.flags.find("--older-than-days");
  if (days != invocation.flags.end() && days_long != invocation.flags.end()) {
    return make_error(ErrorCode::usage,
                      "logs purge: give --older-than or --older-than-days, not both");
  }
  const auto found = days != invocation.flags.end() ? days : days_long;
  if (found == invocation.flags.end()) {
    return make_error(ErrorCode::usage, "logs purge: --older-than DAYS is required");
  }
  // At least one day: "0" would delete conversations still in progress.
  const auto value = parse_whole(found->second, 1, 36500);
  if (!value) {
    return make_error(ErrorCode::usage,
                      "logs purge: " + found->first + " must be a whole number from 1 to 36500");
  }
  return *value;
}

// Every usage error is found before the database is touched.
Result<void> check_arguments(const Invocation& invocation) {
  const auto& name = invocation.subcommand;
  if (name == "list" || name == "export") {
    if (auto filter = filter_from_flags(invocation); !filter) return filter.error();
    if (const auto format = invocation.flags.find("--format");
        format != invocation.flags.end() && format->second != "jsonl" && format->second != "csv") {
      return make_error(ErrorCode::usage, "logs export: --format must be jsonl or csv");
    }
  } else if (name == "forget") {
    const auto platform = invocation.flags.find("--platform");
    const auto user = invocation.flags.find("--user");
    if (platform == invocation.flags.end() || user == invocation.flags.end() ||
        user->second.empty()) {
      return make_error(ErrorCode::usage, "logs forget: --platform P and --user U are required");
    }
    if (!adapters::platform_from_string(platform->second)) {
      return make_error(ErrorCode::usage,
                        "logs forget: --platform must be telegram, slack or widget");
    }
  } else if (name == "stats") {
    if (auto filter = stats_filter_from_flags(invocation); !filter) return filter.error();
  } else if (name == "show") {
    if (!parse_whole(invocation.positional.front(), 1, INT64_MAX)) {
      return make_error(ErrorCode::usage, "logs show: the id must be a positive whole number");
    }
  } else if (name == "purge") {
    if (auto days = purge_days(invocation); !days) return days.error();
  }
  return {};
}

// A search with `--q` reads the search file, which the server's indexer (or this
// process's, started with the store) fills in the background: wait until it covers every
// message stored so far, so a one-shot command finds everything. A database just
// migrated to the search file has a backfill to finish first: said once, then waited for.
void bring_search_up_to_date(storage::Store& store, const storage::ListFilter& filter,
                             CommandIo io) {
  if (!filter.q || filter.q->empty()) return;
  auto& index = store.search_index();
  if (index.wait_caught_up(std::chrono::seconds(2))) return;
  const auto lag = store.readers().search_lag(storage::Clock::now());
  io.err << "triagebot: logs: indexing stored messages for the text search";
  if (lag) {
    io.err << " (" << lag->messages
           << (lag->messages >= storage::Readers::kSearchLagCap ? " or more" : "") << " to go)";
  }
  io.err << "...\n";
  auto reached = index.stats().watermark;
  while (!index.wait_caught_up(std::chrono::minutes(1))) {
    if (index.stats().watermark == reached) {
      io.err << "triagebot: logs: the text search index is not advancing; searching what it "
                "holds\n";
      return;
    }
    reached = index.stats().watermark;
  }
}

// ---- subcommands (arguments already checked) --------------------------------------

int list(storage::Store& store, const Invocation& invocation, CommandIo io) {
  auto filter = filter_from_flags(invocation);
  if (!filter) return 2;
  bring_search_up_to_date(store, *filter, io);
  const bool as_json = invocation.flags.contains("--json");
  int remaining = invocation.flags.contains("--limit") ? filter->limit : kDefaultListLimit;
  std::vector<storage::Summary> rows;
  std::optional<std::string> cursor;
  do {
    filter->limit = std::min(remaining, kMaxPageSize);
    filter->cursor = cursor;
    auto page = store.readers().list_conversations(*filter);
    if (!page) {
      io.err << "triagebot: logs list: " << page.error().message << "\n";
      return 1;
    }
    remaining -= static_cast<int>(page->conversations.size());
    for (auto& summary : page->conversations) {
      if (as_json) {
        io.out << dump(to_json(summary)) << "\n";
      } else {
        rows.push_back(std::move(summary));
      }
    }
    cursor = page->next_cursor;
  } while (cursor && remaining > 0);
  if (!as_json) {
    if (rows.empty()) {
      io.out << "no conversations match\n";
    } else {
      print_table(io.out, rows);
    }
    if (cursor) io.err << "(more conversations match; raise --limit to see them)\n";
  }
  return 0;
}

int show(storage::Store& store, const Invocation& invocation, CommandIo io) {
  const auto id = parse_whole(invocation.positional.front(), 1, INT64_MAX);
  if (!id) return 2;
  auto detail = store.readers().get_conversation(*id);
  if (!detail) {
    io.err << "triagebot: logs show: " << detail.error().message << "\n";
    return 1;
  }
  if (invocation.flags.contains("--json")) {
    io.out << dump(to_json(*detail)) << "\n";
  } else {
    print_transcript(io.out, *detail);
  }
  return 0;
}

int stats(storage::Store& store, const Invocation& invocation, CommandIo io) {
  auto filter = stats_filter_from_flags(invocation);
  if (!filter) return 2;
  auto figures = store.readers().stats(*filter);
  if (!figures) {
    io.err << "triagebot: logs stats: " << figures.error().message << "\n";
    return 1;
  }
  if (invocation.flags.contains("--json")) {
    io.out << dump(to_json(*figures)) << "\n";
  } else {
    print_stats_table(io.out, *figures);
  }
  return 0;
}

int purge(storage::Store& store, const Invocation& invocation, CommandIo io) {
  const auto days = purge_days(invocation);
  if (!days) return 2;
  const auto cutoff = storage::Clock::now() - std::chrono::days(*days);
  storage::PurgeCounts counts;
  auto done = store.writer().run([&](storage::WriteTransaction& tx) -> Result<void> {
    auto purged = tx.purge_older_than(cutoff);
    if (!purged) return purged.error();
    counts = *purged;
    return {};
  });
  if (!done) {
    io.err << "triagebot: logs purge: " << done.error().message << "\n";
    return 1;
  }
  io.out << "purged " << counts.conversations << " conversations (" << counts.messages
         << " messages, " << counts.outbox_rows << " outbox rows, " << counts.processed_events
         << " processed events) last updated before " << storage::format_rfc3339(cutoff) << "\n";
  return 0;
}

// One row per conversation from the list pages alone: no transcripts are read.
int export_csv(storage::Store& store, storage::ListFilter filter, CommandIo io) {
  filter.limit = kMaxPageSize;
  write_csv_header(io.out);
  std::optional<std::string> cursor;
  do {
    filter.cursor = cursor;
    auto page = store.readers().list_conversations(filter);
    if (!page) {
      io.err << "triagebot: logs export: " << page.error().message << "\n";
      return 1;
    }
    for (const auto& summary : page->conversations) write_csv_row(io.out, summary);
    cursor = page->next_cursor;
  } while (cursor);
  return 0;
}

// The same effect as the person's own /forget: every conversation of theirs on that
// platform, with messages, outbox rows, verdicts and index entries. Irreversible, so it
// asks unless --yes.
int forget(storage::Store& store, const Invocation& invocation, CommandIo io) {
  const auto& platform = invocation.flags.at("--platform");
  const auto& user = invocation.flags.at("--user");
  if (!invocation.flags.contains("--yes")) {
    io.out << "Delete every conversation of " << platform << " user " << printable(user, false)
           << "? This cannot be undone. Type yes to confirm: " << std::flush;
    std::string answer;
    std::getline(io.in, answer);
    if (answer != "yes" && answer != "y") {
      io.err << "triagebot: logs forget: not confirmed; nothing was deleted\n";
      return 1;
    }
  }
  storage::ForgetCounts counts;
  auto done = store.writer().run([&](storage::WriteTransaction& tx) -> Result<void> {
    auto forgotten = tx.forget_user(platform, user);
    if (!forgotten) return forgotten.error();
    counts = *forgotten;
    return {};
  });
  if (!done) {
    io.err << "triagebot: logs forget: " << done.error().message << "\n";
    return 1;
  }
  io.out << "forgot " << counts.conversations << " conversations (" << counts.messages
         << " messages, " << counts.outbox_rows << " outbox rows)\n";
  return 0;
}

int export_all(storage::Store& store, const Invocation& invocation, CommandIo io) {
  auto filter = filter_from_flags(invocation);
  if (!filter) return 2;
  bring_search_up_to_date(store, *filter, io);
  if (const auto format = invocation.flags.find("--format");
      format != invocation.flags.end() && format->second == "csv") {
    return export_csv(store, std::move(*filter), io);
  }
  filter->limit = kMaxPageSize;
  std::optional<std::string> cursor;
  do {
    filter->cursor = cursor;
    auto page = store.readers().list_conversations(*filter);
    if (!page) {
      io.err << "triagebot: logs export: " << page.error().message << "\n";
      return 1;
    }
    for (const auto& summary : page->conversations) {
      auto detail = store.readers().get_conversation(summary.id);
      if (!detail && detail.error().code == ErrorCode::not_found) continue;  // purged meanwhile
      if (!detail) {
        io.err << "triagebot: logs export: " << detail.error().message << "\n";
        return 1;
      }
      io.out << dump(to_json(*detail)) << "\n";
    }
    cursor = page->next_cursor;
  } while (cursor);
  return 0;
}

}  // namespace

std::string logs_usage_text() {
  return "usage: triagebot logs <subcommand> [options] [--db PATH]\n\n"
         "  list   [--platform telegram|slack|widget] [--triage "
         "emergency|urgent|routine|self_care]\n"
         "         [--red-flag any|none|<id>] [--safety any|none|<category>]\n"
         "         [--verdict any|none|<kind>] [--since T] [--until T] [--q TEXT] [--limit N]\n"
         "         [--json]       newest conversations first (default 50), a table or JSON lines\n"
         "  show   <id> [--json]  one conversation: summary, verdicts, transcript, assessments\n"
         "  stats  [--since T] [--until T] [--by day|week] [--json]\n"
         "                        volumes, completion, questions to assessment, time to\n"
         "                        emergency guidance, red flags, verdicts (under-triage first)\n"
         "  purge  --older-than DAYS (or --older-than-days DAYS)\n"
         "                        delete conversations last updated more than N days ago\n"
         "  export [--format jsonl|csv] [--since T] [--until T] [list's filters]\n"
         "                        JSON lines, one whole conversation each, or CSV, one row\n"
         "                        each (health data: handle the file as you would the database)\n"
         "  forget --platform P --user U [--yes]\n"
         "                        delete everything of one person, as their /forget does;\n"
         "                        asks for confirmation unless --yes\n\n"
         "--verdict none is the review queue (no verdict yet); a kind is agree, over_triage,\n"
         "under_triage, wrong_causes or other.\n"
         "T is RFC3339 (2026-11-25T14:53:15Z), a date (2026-11-25, UTC) or epoch seconds.\n"
         "The database is TRIAGEBOT_DB or --db (default ./triagebot.db); no server is needed.\n";
}

int logs_command(const EnvLookup& env, const std::vector<std::string>& args, CommandIo io) {
  if (std::any_of(args.begin(), args.end(),
                  [](const std::string& a) { return a == "--help" || a == "-h"; })) {
    io.out << logs_usage_text();
    return 0;
  }
  std::vector<std::string> rest;
  auto config = load_config_or_report(env, args, io, &rest);
  if (!config) return 2;
  auto invocation = parse_invocation(rest);
  if (!invocation) {
    io.err << "triagebot: " << invocation.error().message << "\n";
    return 2;
  }
  if (auto checked = check_arguments(*invocation); !checked) {
    io.err << "triagebot: " << checked.error().message << "\n";
    return 2;
  }
  // Reading must not create an empty database where the reviewer mistyped a path.
  std::error_code ec;
  if (!std::filesystem::exists(config->db, ec)) {
    io.err << "triagebot: logs: no database at " << config->db.string()
           << " (set TRIAGEBOT_DB or --db)\n";
    return 1;
  }
  storage::StoreOptions options;
  options.path = config->db;
  options.synchronous = config->synchronous;
  options.reader_count = 1;
  options.session_cache_capacity = 1;
  auto store = storage::Store::open(options);
  if (!store) {
    io.err << "triagebot: logs: " << store.error().message << "\n";
    return 1;
  }
  const auto& name = invocation->subcommand;
  int code = 0;
  if (name == "list") code = list(**store, *invocation, io);
  if (name == "show") code = show(**store, *invocation, io);
  if (name == "stats") code = stats(**store, *invocation, io);
  if (name == "purge") code = purge(**store, *invocation, io);
  if (name == "export") code = export_all(**store, *invocation, io);
  if (name == "forget") code = forget(**store, *invocation, io);
  (*store)->close();
  return code;
}

}  // namespace triagebot::bot
