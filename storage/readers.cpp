#include "storage/readers.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <string>

#include "dialogs/double_quoted.h"
#include "storage/connection.h"
#include "storage/guard.h"
#include "storage/outbox_order.h"
#include "storage/reader_lease.h"

namespace triagebot::storage {

using nlohmann::json;

namespace {

constexpr const char* kSummaryColumns =
    "SELECT c.id, c.platform, c.started_at, c.updated_at, c.status, c.triage, c.red_flags,"
    " c.top_causes, json_array_length(c.message_ids),"
    " c.questions_to_assessment, c.safety"
    " FROM conversations c";

std::vector<std::string> string_list(const std::string& text) {
  std::vector<std::string> out;
  const auto value = json::parse(text, nullptr, false);
  if (!value.is_array()) return out;
  for (const auto& item : value) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

Summary read_summary(SQLite::Statement& row) {
  Summary s;
  s.id = row.getColumn(0).getInt64();
  s.platform = row.getColumn(1).getString();
  s.started_at = format_rfc3339(row.getColumn(2).getInt64());
  s.updated_at = format_rfc3339(row.getColumn(3).getInt64());
  s.status = conversation_status_from_string(row.getColumn(4).getString())
                 .value_or(ConversationStatus::active);
  if (!row.getColumn(5).isNull()) s.triage = row.getColumn(5).getString();
  s.red_flags = string_list(row.getColumn(6).getString());
  s.top_causes = string_list(row.getColumn(7).getString());
  s.message_count = row.getColumn(8).getInt64();
  if (!row.getColumn(9).isNull()) s.questions_to_assessment = row.getColumn(9).getInt64();
  s.safety = string_list(row.getColumn(10).getString());
  return s;
}

std::vector<VerdictView> read_verdicts(Connection& connection, std::int64_t conversation_id) {
  auto& query = connection.statement(
      "SELECT verdict, note, reviewer, at FROM verdicts WHERE conversation_id = ? ORDER BY id");
  query.bind(1, conversation_id);
  std::vector<VerdictView> out;
  while (query.executeStep()) {
    out.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                   query.getColumn(2).getString(), format_rfc3339(query.getColumn(3).getInt64())});
  }
  return out;
}

std::vector<MessageView> read_messages(Connection& connection, std::int64_t conversation_id) {
  auto& query = connection.statement(
      // The ids the conversation's row lists (migration 16), each probed by its key.
      "SELECT id, direction, text, choices, assessment, at FROM messages"
      " WHERE id IN (SELECT value FROM json_each("
      " (SELECT message_ids FROM conversations WHERE id = ?1)))"
      " AND conversation_id = ?1 ORDER BY id");
  query.bind(1, conversation_id);
  std::vector<MessageView> out;
  while (query.executeStep()) {
    MessageView m;
    m.id = query.getColumn(0).getInt64();
    m.direction = query.getColumn(1).getString() == "bot" ? Direction::bot : Direction::user;
    m.text = query.getColumn(2).getString();
    m.choices = json::array();
    if (!query.getColumn(3).isNull()) {
      auto choices = json::parse(query.getColumn(3).getString(), nullptr, false);
      if (choices.is_array()) m.choices = std::move(choices);
    }
    if (!query.getColumn(4).isNull()) {
      auto assessment = json::parse(query.getColumn(4).getString(), nullptr, false);
      if (!assessment.is_discarded()) m.assessment = std::move(assessment);
    }
    m.at = format_rfc3339(query.getColumn(5).getInt64());
    out.push_back(std::move(m));
  }
  return out;
}

std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// An FTS5 string literal: the whole query is one phrase, so operators in it are text.
std::string fts_phrase(std::string_view text) { return double_quoted(text); }

std::string like_pattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

}  // namespace

Readers::Readers(const std::filesystem::path& path, std::size_t count,
                 const std::optional<std::filesystem::path>& search)
    : searchable_(search.has_value()) {
  for (std::size_t i = 0; i < std::max<std::size_t>(count, 1); ++i) {
    auto connection = std::make_unique<Connection>(path, ConnectionRole::reader, Synchronous::full);
    if (search) {
      // query_only covers it too: a reader never writes the search file.
      SQLite::Statement attach(connection->db(), "ATTACH DATABASE ? AS search");
      attach.bind(1, search->string());
      attach.exec();
    }
    idle_.push_back(std::move(connection));
  }
}

Readers::~Readers() = default;

std::unique_ptr<Connection> Readers::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty(); });
  auto connection = std::move(idle_.back());
  idle_.pop_back();
  return connection;
}

void Readers::release(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

Result<void> Readers::ping() {
  return guarded("ping", [&]() -> Result<void> {
    Lease lease(*this);
    auto& query = lease->statement("SELECT 1");
    query.executeStep();
    return {};
  });
}

Result<ConversationPage> Readers::list_conversations(const ListFilter& filter) {
  std::optional<std::int64_t> after;
  if (filter.cursor && !filter.cursor->empty()) {
    std::int64_t id = 0;
    const auto& c = *filter.cursor;
    auto [end, ec] = std::from_chars(c.data(), c.data() + c.size(), id);
    if (ec != std::errc() || end != c.data() + c.size() || id <= 0) {
      return make_error(ErrorCode::bad_request, "cursor is not one this server gave out");
    }
    after = id;
  }
  const int limit = std::clamp(filter.limit, 1, 200);
  return guarded("list_conversations", [&]() -> Result<ConversationPage> {
    std::string sql = std::string(kSummaryColumns) + " WHERE 1 = 1";
    std::vector<std::function<void(SQLite::Statement&, int)>> binds;
    auto add = [&](const char* clause, auto value) {
      sql += clause;
      binds.push_back([value](SQLite::Statement& s, int i) { s.bind(i, value); });
    };
    if (filter.platform) add(" AND c.platform = ?", *filter.platform);
    if (filter.triage) add(" AND c.triage = ?", *filter.triage);
    if (filter.red_flag) {
      const auto& flag = *filter.red_flag;
      if (flag == "any" || flag == "true" || flag == "1") {
        sql += " AND c.has_red_flag = 1";
      } else if (flag == "none" || flag == "false" || flag == "0") {
        sql += " AND c.has_red_flag = 0";
      } else {
        add(" AND c.has_red_flag = 1 AND EXISTS"
            " (SELECT 1 FROM json_each(c.red_flags) f WHERE f.value = ?)",
            flag);
      }
    }
    if (filter.verdict) {
      const auto& verdict = *filter.verdict;
      if (verdict == "any") {
        sql += " AND EXISTS (SELECT 1 FROM verdicts v WHERE v.conversation_id = c.id)";
      } else if (verdict == "none") {
        sql += " AND NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.conversation_id = c.id)";
      } else {
        add(" AND EXISTS (SELECT 1 FROM verdicts v WHERE v.conversation_id = c.id"
            " AND v.verdict = ?)",
            verdict);
      }
    }
    if (filter.safety) {
      const auto& category = *filter.safety;
      if (category == "any" || category == "true" || category == "1") {
        sql += " AND c.has_safety = 1";
      } else if (category == "none" || category == "false" || category == "0") {
        sql += " AND c.has_safety = 0";
      } else {
        add(" AND c.has_safety = 1 AND EXISTS"
            " (SELECT 1 FROM json_each(c.safety) f WHERE f.value = ?)",
            category);
      }
    }
    if (filter.since) add(" AND c.started_at >= ?", to_millis(*filter.since));
    if (filter.until) add(" AND c.started_at < ?", to_millis(*filter.until));
    if (filter.q && !filter.q->empty()) {
      // The trigram index needs at least three characters; shorter needles scan. The
      // index lives in the search file; joining the messages here keeps a deleted
      // message's conversation out even before the indexer removes its text, and an id
      // whose deletion the indexer has not applied yet is left out: SQLite may have
      // given it to a new message, which the old text does not describe.
      if (searchable_ && utf8_length(*filter.q) >= 3) {
        add(" AND c.id IN (SELECT m.conversation_id FROM messages m"
            " WHERE m.id IN (SELECT rowid FROM search.message_text WHERE message_text MATCH ?)"
            " AND m.direction = 'user'"
            " AND m.id NOT IN (SELECT d.message_id FROM search_deletions d"
            "   WHERE d.seq > (SELECT deletions_seq FROM search.index_state)))",
            fts_phrase(*filter.q));
      } else {
        add(" AND EXISTS (SELECT 1 FROM json_each(c.message_ids) j CROSS JOIN messages m"
            " WHERE m.id = j.value AND m.conversation_id = c.id"
            " AND m.direction = 'user' AND m.text LIKE ? ESCAPE '\\')",
            like_pattern(*filter.q));
      }
    }
    if (after) add(" AND c.id < ?", *after);
    sql += " ORDER BY c.id DESC LIMIT ?";
    Lease lease(*this);
    SQLite::Statement query(lease->db(), sql);
    int index = 1;
    for (auto& bind : binds) bind(query, index++);
    query.bind(index, limit + 1);
    ConversationPage page;
    while (query.executeStep()) page.conversations.push_back(read_summary(query));
    if (page.conversations.size() > static_cast<std::size_t>(limit)) {
      page.conversations.pop_back();
      page.next_cursor = std::to_string(page.conversations.back().id);
    }
    for (auto& summary : page.conversations) summary.verdicts = read_verdicts(*lease, summary.id);
    return page;
  });
}

Result<ConversationDetail> Readers::get_conversation(std::int64_t id) {
  return guarded("get_conversation", [&]() -> Result<ConversationDetail> {
    Lease lease(*this);
    // One read transaction, so summary, messages and verdicts are one snapshot.
    SQLite::Transaction snapshot(lease->db(), SQLite::TransactionBehavior::DEFERRED);
    SQLite::Statement query(lease->db(), std::string(kSummaryColumns) + " WHERE c.id = ?");
    query.bind(1, id);
    if (!query.executeStep()) {
      return make_error(ErrorCode::not_found, "no conversation " + std::to_string(id));
    }
    ConversationDetail detail;
    detail.summary = read_summary(query);
    detail.summary.verdicts = read_verdicts(*lease, id);
    detail.messages = read_messages(*lease, id);
    for (auto it = detail.messages.rbegin(); it != detail.messages.rend(); ++it) {
      if (it->assessment) {
        detail.assessment = it->assessment;
        break;
      }
    }
    return detail;
  });
}

Result<std::optional<ConversationHandle>> Readers::find_conversation(
    std::string_view platform, std::string_view conversation_key) {
  return guarded("find_conversation", [&]() -> Result<std::optional<ConversationHandle>> {
    Lease lease(*this);
    auto& query = lease->statement(
        "SELECT id, status, credential_hash FROM conversations"
        " WHERE platform = ? AND conversation_key = ?");
    query.bind(1, std::string(platform));
    query.bind(2, std::string(conversation_key));
    if (!query.executeStep()) return std::optional<ConversationHandle>();
    ConversationHandle handle;
    handle.id = query.getColumn(0).getInt64();
    handle.status = conversation_status_from_string(query.getColumn(1).getString())
                        .value_or(ConversationStatus::active);
    if (!query.getColumn(2).isNull()) handle.credential_hash = query.getColumn(2).getString();
    return std::optional<ConversationHandle>(std::move(handle));
  });
}

Result<std::optional<std::string>> Readers::stored_session(std::string_view platform,
                                                           std::string_view conversation_key) {
  return guarded("stored_session", [&]() -> Result<std::optional<std::string>> {
    Lease lease(*this);
    auto& query = lease->statement(
        "SELECT session FROM conversations WHERE platform = ? AND conversation_key = ?");
    query.bind(1, std::string(platform));
    query.bind(2, std::string(conversation_key));
    if (!query.executeStep()) return std::optional<std::string>();
    return std::optional<std::string>(query.getColumn(0).getString());
  });
}

Result<std::vector<MessageView>> Readers::messages(std::int64_t conversation_id) {
  return guarded("messages", [&]() -> Result<std::vector<MessageView>> {
    Lease lease(*this);
    return read_messages(*lease, conversation_id);
  });
}

Result<std::optional<TimePoint>> Readers::next_outbox_due() {
  return guarded("next_outbox_due", [&]() -> Result<std::optional<TimePoint>> {
    Lease lease(*this);
    // Built once: the statement cache is keyed by the text's address.
    static const std::string sql =
        std::string("SELECT MIN(o.due_at) FROM outbox o WHERE o.status IN ('pending', 'sending')") +
        kOutboxRowMayGo;
    auto& query = lease->statement(sql.c_str());
    query.executeStep();
    if (query.getColumn(0).isNull()) return std::optional<TimePoint>();
    return std::optional<TimePoint>(from_millis(query.getColumn(0).getInt64()));
  });
}

Result<std::chrono::milliseconds> Readers::oldest_pending_age(TimePoint now) {
  return guarded("oldest_pending_age", [&]() -> Result<std::chrono::milliseconds> {
    Lease lease(*this);
    auto& query = lease->statement(
        "SELECT MIN(created_at) FROM outbox WHERE status IN ('pending', 'sending')");
    query.executeStep();
    if (query.getColumn(0).isNull()) return std::chrono::milliseconds(0);
    const auto age = to_millis(now) - query.getColumn(0).getInt64();
    return std::chrono::milliseconds(std::max<std::int64_t>(age, 0));
  });
}

Result<Readers::SearchLag> Readers::search_lag(TimePoint now) {
  if (!searchable_) return SearchLag{};
  return guarded("search_lag", [&]() -> Result<SearchLag> {
    Lease lease(*this);
    auto& query = lease->statement(
        "SELECT COUNT(*), MIN(at) FROM (SELECT at FROM messages"
        " WHERE id > (SELECT watermark FROM search.index_state) AND direction = 'user'"
        " ORDER BY id LIMIT ?)");
    query.bind(1, kSearchLagCap);
    query.executeStep();
    SearchLag lag;
    lag.messages = query.getColumn(0).getInt64();
    if (!query.getColumn(1).isNull()) {
      lag.age = std::chrono::milliseconds(
          std::max<std::int64_t>(to_millis(now) - query.getColumn(1).getInt64(), 0));
    }
    return lag;
  });
}

Result<std::optional<std::string>> Readers::get_value(std::string_view key) {
  return guarded("get_value", [&]() -> Result<std::optional<std::string>> {
    Lease lease(*this);
    auto& query = lease->statement("SELECT value FROM kv WHERE key = ?");
    query.bind(1, std::string(key));
    if (!query.executeStep()) return std::optional<std::string>();
    return std::optional<std::string>(query.getColumn(0).getString());
  });
}

}  // namespace triagebot::storage
