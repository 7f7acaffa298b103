#include "bot/cli/replay_command.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include "bot/app/knowledge_loader.h"
#include "bot/app/language_services.h"
#include "bot/review/replay.h"
#include "bot/review/review_filter.h"
#include "storage/store.h"

namespace triagebot::bot {
namespace {

using nlohmann::json;

constexpr int kPage = 200;

struct ReplayArgs {
  std::string knowledge;  // the candidate file
  QueryParams filters;    // list filters by API name
  bool as_json = false;
};

struct Changed {
  storage::Summary summary;
  ReplayResult result;
  ReplayChange change = ReplayChange::none;
};

// Pulls replay's own words out of `args` (before the config sees them: its
// `--knowledge` would otherwise be taken for TRIAGEBOT_KNOWLEDGE) and leaves the rest.
Result<ReplayArgs> take_replay_args(std::vector<std::string>& args) {
  static const std::set<std::string, std::less<>> kFilters = {
      "--platform", "--triage", "--red-flag", "--verdict", "--since", "--until", "--q"};
  auto usage = [](std::string message) {
    return make_error(ErrorCode::usage, "replay: " + message);
  };
  ReplayArgs out;
  std::vector<std::string> rest;
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const auto equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    if (name == "--json") {
      out.as_json = true;
      continue;
    }
    if (name != "--knowledge" && !kFilters.contains(name)) {
      rest.push_back(arg);
      continue;
    }
    if (!seen.insert(name).second) return usage(name + " is given twice");
    std::string value;
    if (equals != std::string::npos) {
      value = arg.substr(equals + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return usage(name + " needs a value");
    }
    if (name == "--knowledge") {
      out.knowledge = value;
    } else {
      std::string param = name.substr(2);
      std::replace(param.begin(), param.end(), '-', '_');
      out.filters.emplace_back(std::move(param), std::move(value));
    }
  }
  if (out.knowledge.empty()) return usage("--knowledge FILE is required");
  args = std::move(rest);
  return out;
}

Result<dialogs::Knowledge> load_candidate(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return make_error(ErrorCode::bad_knowledge, "replay: cannot read " + path);
  std::ostringstream text;
  text << file.rdbuf();
  auto knowledge = dialogs::load_knowledge(text.str());
  if (!knowledge) {
    return make_error(ErrorCode::bad_knowledge,
                      "replay: " + path + ": " + knowledge.error().message);
  }
  return knowledge;
}

json outcome_json(const ReplayOutcome& outcome) {
  return {{"triage", outcome.triage ? json(dialogs::to_string(*outcome.triage)) : json(nullptr)},
          {"top_cause", outcome.top_cause ? json(*outcome.top_cause) : json(nullptr)}};
}

std::string outcome_text(const ReplayOutcome& outcome) {
  return std::string(outcome.triage ? dialogs::to_string(*outcome.triage) : "not assessed") + " (" +
         outcome.top_cause.value_or("no cause") + ")";
}

constexpr std::array<ReplayChange, 4> kGroups = {
    ReplayChange::emergency_lost, ReplayChange::down_triaged, ReplayChange::up_triaged,
    ReplayChange::top_cause_changed};

std::string_view group_title(ReplayChange change) {
  switch (change) {
    case ReplayChange::emergency_lost:
      return "emergencies lost";
    case ReplayChange::down_triaged:
      return "down-triaged";
    case ReplayChange::up_triaged:
      return "up-triaged";
    default:
      return "top cause changed";
  }
}

}  // namespace

std::string replay_usage_text() {
  return "usage: triagebot replay --knowledge FILE [--platform P] [--triage T] [--red-flag R]\n"
         "                        [--verdict V] [--since T] [--until T] [--q TEXT] [--json]\n\n"
         "Re-runs stored conversations (all, or those the filters select) with the knowledge\n"
         "file FILE, answering each question with what the person wrote, and lists every\n"
         "conversation whose triage level or top cause would change: emergencies lost first,\n"
         "then down-triaged, up-triaged and top cause changed. Compared against the configured\n"
         "knowledge base (TRIAGEBOT_KNOWLEDGE, else the built-in one). Read-only: safe beside a\n"
         "running server. The database is TRIAGEBOT_DB or --db.\n";
}

int replay_command(const EnvLookup& env, const std::vector<std::string>& args, CommandIo io) {
  if (wants_help(args)) {
    io.out << replay_usage_text();
    return 0;
  }
  std::vector<std::string> rest = args;
  auto replay_args = take_replay_args(rest);
  if (!replay_args) {
    io.err << "triagebot: " << replay_args.error().message << "\n";
    return 2;
  }
  auto filter = make_list_filter(replay_args->filters);
  if (!filter) {
    io.err << "triagebot: replay: " << filter.error().message << "\n";
    return 2;
  }
  std::vector<std::string> unused;
  auto config = load_config_or_report(env, rest, io, &unused);
  if (!config) return 2;
  if (!unused.empty()) {
    io.err << "triagebot: replay: unexpected argument '" << unused.front() << "'\n";
    return 2;
  }
  auto candidate = load_candidate(replay_args->knowledge);
  if (!candidate) {
    io.err << "triagebot: " << candidate.error().message << "\n";
    return 2;
  }
  auto current = load_configured_knowledge(*config);
  if (!current) {
    io.err << "triagebot: " << current.error().message << "\n";
    return 2;
  }
  auto language = load_language_services();
  if (!language) {
    io.err << "triagebot: replay: " << language.error().message << "\n";
    return 1;
  }
  const auto options = engine_options(*config, *language);
  std::error_code ec;
  if (!std::filesystem::exists(config->db, ec)) {
    io.err << "triagebot: replay: no database at " << config->db.string()
           << " (set TRIAGEBOT_DB or --db)\n";
    return 1;
  }
  auto readers = storage::Store::open_readers(config->db);
  if (!readers) {
    io.err << "triagebot: replay: " << readers.error().message << "\n";
    return 1;
  }

  std::int64_t replayed = 0;
  std::int64_t not_recorded = 0;
  std::int64_t conversations_not_recorded = 0;
  std::map<ReplayChange, std::vector<Changed>> changes;
  filter->limit = kPage;
  std::optional<std::string> cursor;
  do {
    filter->cursor = cursor;
    auto page = (*readers)->list_conversations(*filter);
    if (!page) {
      io.err << "triagebot: replay: " << page.error().message << "\n";
      return 1;
    }
    for (auto& summary : page->conversations) {
      auto messages = (*readers)->messages(summary.id);
      if (!messages) {
        io.err << "triagebot: replay: " << messages.error().message << "\n";
        return 1;
      }
      auto result = replay_conversation(*current, *candidate, options, *messages);
      ++replayed;
      not_recorded += result.not_recorded;
      if (result.not_recorded > 0) ++conversations_not_recorded;
      const auto change = classify(result);
      if (change != ReplayChange::none) {
        changes[change].push_back({std::move(summary), std::move(result), change});
      }
    }
    cursor = page->next_cursor;
  } while (cursor);

  std::int64_t changed = 0;
  for (const auto& [kind, list] : changes) changed += static_cast<std::int64_t>(list.size());
  auto count = [&](ReplayChange kind) {
    const auto found = changes.find(kind);
    return found == changes.end() ? std::size_t{0} : found->second.size();
  };
  if (replay_args->as_json) {
    json listed = json::array();
    for (const auto kind : kGroups) {
      for (const auto& c : changes[kind]) {
        listed.push_back({{"id", c.summary.id},
                          {"platform", c.summary.platform},
                          {"started_at", c.summary.started_at},
                          {"change", to_string(kind)},
                          {"before", outcome_json(c.result.before)},
                          {"after", outcome_json(c.result.after)},
                          {"not_recorded", c.result.not_recorded}});
      }
    }
    json counts = json::object();
    for (const auto kind : kGroups) counts[std::string(to_string(kind))] = count(kind);
    io.out << json{{"replayed", replayed},
                   {"changed", changed},
                   {"unchanged", replayed - changed},
                   {"counts", counts},
                   {"not_recorded", not_recorded},
                   {"conversations_with_not_recorded", conversations_not_recorded},
                   {"conversations", listed}}
                  .dump()
           << "\n";
    return 0;
  }
  for (const auto kind : kGroups) {
    io.out << group_title(kind) << " (" << count(kind) << "):\n";
    for (const auto& c : changes[kind]) {
      io.out << "  #" << c.summary.id << "  " << c.summary.platform << "  "
             << c.summary.started_at.substr(0, 10) << "  " << outcome_text(c.result.before)
             << " -> " << outcome_text(c.result.after);
      if (c.result.not_recorded > 0) io.out << "  [" << c.result.not_recorded << " not recorded]";
      io.out << "\n";
    }
  }
  io.out << "replayed " << replayed << " conversations: " << count(ReplayChange::emergency_lost)
         << " emergencies lost, " << count(ReplayChange::down_triaged) << " down-triaged, "
         << count(ReplayChange::up_triaged) << " up-triaged, "
         << count(ReplayChange::top_cause_changed) << " top cause changed, " << replayed - changed
         << " unchanged; " << not_recorded << " questions not recorded in "
         << conversations_not_recorded << " conversations\n";
  return 0;
}

}  // namespace triagebot::bot
