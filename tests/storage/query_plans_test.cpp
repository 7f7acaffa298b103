// Every query the server runs against its database, held to the index that serves it
// (the audit table in docs/architecture.md "Which index serves which query"). Dropping
// or renaming an index a query needs, or writing a query no index serves, fails here
// rather than as a slow review page or a writer stalled on a full scan at a million
// conversations.
//
// The SQL is copied from the function named above each case; keep them in step. The
// plans are SQLite's own (EXPLAIN QUERY PLAN) on a filled database without ANALYZE,
// which is what a running server has: nothing runs ANALYZE.
#include <algorithm>
#include <set>
#include <sstream>
#include <vector>

#include "storage/outbox_order.h"
#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace query_plans_test {
namespace {

using testing::open_store;
using triagebot::testing::TempDir;

constexpr int kConversations = 3000;

class StorageQueryPlans : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    const auto path = *dir_ / "plans.db";
    open_store(path).reset();  // creates the file at the latest schema
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    fill(db);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  // Conversations on three platforms, most assessed, a few with red flags or safety
  // events; six messages each; three outbox rows each, delivered except the newest;
  // verdicts on some; a dedup row per Telegram conversation.
  static void fill(SQLite::Database& db) {
    SQLite::Transaction tx(db);
    SQLite::Statement conversation(
        db,
        "INSERT INTO conversations (id, platform, conversation_key, user_key, status,"
        " started_at, updated_at, triage, red_flags, has_red_flag, top_causes, session,"
        " questions_to_assessment, emergency_after_ms, safety, has_safety)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?)");
    SQLite::Statement message(db,
                              "INSERT INTO messages (conversation_id, direction, text, at)"
                              " VALUES (?, ?, 'my left leg is numb', ?)");
    SQLite::Statement outbox(
        db,
        "INSERT INTO outbox (conversation_id, platform, target, payload, status, due_at,"
        " created_at, chat_key) VALUES (?, ?, '{}', '{}', ?, ?, ?, ?)");
    const char* platforms[] = {"telegram", "telegram", "widget", "slack"};
    const char* levels[] = {"emergency", "urgent", "routine", "self_care"};
    const std::string session(1500, 'x');
    const std::int64_t start = 1772323200000;  // 2026-03-01
    for (int i = 1; i <= kConversations; ++i) {
      const bool assessed = i % 10 != 0;
      const bool red_flag = assessed && i % 23 == 0;
      const std::int64_t at = start + std::int64_t{i} * 60000;
      const std::string platform = platforms[i % 4];
      conversation.bind(1, i);
      conversation.bind(2, platform);
      conversation.bind(3, testing::numbered("c", i));
      conversation.bind(4, testing::numbered("u", i));
      conversation.bind(5, assessed ? "completed" : "active");
      conversation.bind(6, at);
      conversation.bind(7, at + 300000);
      if (assessed) {
        conversation.bind(8, red_flag ? levels[0] : levels[1 + i % 3]);
        conversation.bind(12, i % 12);
      } else {
        conversation.bind(8);
        conversation.bind(12);
      }
      conversation.bind(9, red_flag ? "[\"stroke_signs\"]" : "[]");
      conversation.bind(10, red_flag ? 1 : 0);
      conversation.bind(11, session);
      if (red_flag) {
        conversation.bind(13, 20000);
      } else {
        conversation.bind(13);
      }
      const bool safety = i % 97 == 0;
      conversation.bind(14, safety ? "[\"chest_pain\"]" : "[]");
      conversation.bind(15, safety ? 1 : 0);
      conversation.exec();
      conversation.reset();
      for (int k = 0; k < 6; ++k) {
        message.bind(1, i);
        message.bind(2, k % 2 == 0 ? "user" : "bot");
        message.bind(3, at + k);
        message.exec();
        message.reset();
      }
      const bool open = i > kConversations - 50;
      for (int k = 0; k < 3; ++k) {
        outbox.bind(1, i);
        outbox.bind(2, platform);
        outbox.bind(3, open ? "pending" : "delivered");
        outbox.bind(4, at);
        outbox.bind(5, at);
        if (open) {
          outbox.bind(6, platform + ":" + std::to_string(i));
        } else {
          outbox.bind(6);
        }
        outbox.exec();
        outbox.reset();
      }
    }
    db.exec(
        "INSERT INTO verdicts (conversation_id, verdict, note, reviewer, at)"
        " SELECT id, 'agree', '', 'r', started_at FROM conversations WHERE id % 40 = 0");
    // Each conversation lists its messages as the writer does (migration 16).
    db.exec(
        "UPDATE conversations SET message_ids = g.ids FROM (SELECT conversation_id,"
        " json_group_array(id) AS ids FROM messages GROUP BY conversation_id) AS g"
        " WHERE g.conversation_id = conversations.id");
    db.exec(
        "INSERT INTO processed_events (platform, event_id, seen_at)"
        " SELECT platform, id, started_at FROM conversations WHERE platform = 'telegram'");
    tx.commit();
  }

  // The plan's detail lines, one per line.
  static std::string plan(const std::string& sql) {
    SQLite::Database db((*dir_ / "plans.db").string(), SQLite::OPEN_READONLY);
    SQLite::Statement explain(db, "EXPLAIN QUERY PLAN " + sql);
    std::string details;
    while (explain.executeStep()) details += explain.getColumn(3).getString() + "\n";
    return details;
  }

  static bool has_line(const std::string& details, const std::string& line) {
    std::istringstream lines(details);
    std::string each;
    while (std::getline(lines, each)) {
      if (each == line) return true;
    }
    return false;
  }

  // A full scan of a big table: a detail line that is just "SCAN <name>", or one that
  // walks an index over every row of it. Partial indexes and the covering statistics
  // index are not full scans of the rows.
  static void expect_no_full_scan(const std::string& details,
                                  std::initializer_list<const char*> names) {
    for (const char* name : names) {
      EXPECT_FALSE(has_line(details, std::string("SCAN ") + name)) << details;
    }
  }

  static void expect_uses(const std::string& sql, const std::string& index_use,
                          std::initializer_list<const char*> never_scanned) {
    const auto details = plan(sql);
    EXPECT_NE(details.find(index_use), std::string::npos)
        << "expected " << index_use << " in the plan of\n"
        << sql << "\n"
        << details;
    expect_no_full_scan(details, never_scanned);
  }

  static TempDir* dir_;
};

TempDir* StorageQueryPlans::dir_ = nullptr;

// The review list (Readers::list_conversations): newest first, one filter at a time.
const std::string kList =
    "SELECT c.id, c.platform, c.started_at, c.updated_at, c.status, c.triage, c.red_flags,"
    " c.top_causes, json_array_length(c.message_ids),"
    " c.questions_to_assessment, c.safety FROM conversations c WHERE 1 = 1";
const std::string kNewestFirst = " ORDER BY c.id DESC LIMIT ?";

TEST_F(StorageQueryPlans, TheReviewListWalksNewestFirstAndCountsMessagesFromTheRow) {
  const auto details = plan(kList + kNewestFirst);
  // Unfiltered, the primary key newest first is the plan: LIMIT stops it after a page.
  // The message count is the length of the row's list (migration 16): no other table.
  EXPECT_EQ(details, "SCAN c\n");
}

TEST_F(StorageQueryPlans, EachReviewFilterForAMinorityHasItsIndex) {
  expect_uses(kList + " AND c.platform = ?" + kNewestFirst,
              "INDEX conversations_by_platform (platform=?)", {"c"});
  expect_uses(kList + " AND c.triage = ?" + kNewestFirst,
              "INDEX conversations_by_triage (triage=?)", {"c"});
  expect_uses(kList + " AND c.has_red_flag = 1" + kNewestFirst, "INDEX conversations_red_flagged",
              {"c"});
  expect_uses(kList +
                  " AND c.has_red_flag = 1 AND EXISTS"
                  " (SELECT 1 FROM json_each(c.red_flags) f WHERE f.value = ?)" +
                  kNewestFirst,
              "INDEX conversations_red_flagged", {"c"});
  expect_uses(kList + " AND c.has_safety = 1" + kNewestFirst, "INDEX conversations_with_safety",
              {"c"});
  expect_uses(kList +
                  " AND c.has_safety = 1 AND EXISTS"
                  " (SELECT 1 FROM json_each(c.safety) f WHERE f.value = ?)" +
                  kNewestFirst,
              "INDEX conversations_with_safety", {"c"});
  expect_uses(kList + " AND c.started_at >= ? AND c.started_at < ?" + kNewestFirst,
              "INDEX conversations_started (started_at>? AND started_at<?)", {"c"});
  // Text search reads the search file's own index (tests/storage/search_index_test.cpp).
}

TEST_F(StorageQueryPlans, FiltersForMostConversationsWalkThePrimaryKeyNewestFirst) {
  // "No red flag", "no safety event", "any verdict": a page fills after a few dozen rows,
  // without an index entry per conversation to keep.
  for (const char* filter :
       {" AND c.has_red_flag = 0", " AND c.has_safety = 0",
        " AND EXISTS (SELECT 1 FROM verdicts v WHERE v.conversation_id = c.id)"}) {
    const auto details = plan(kList + filter + kNewestFirst);
    EXPECT_TRUE(has_line(details, "SCAN c")) << filter << "\n" << details;
    EXPECT_EQ(details.find("TEMP B-TREE"), std::string::npos) << filter << "\n" << details;
  }
}

TEST_F(StorageQueryPlans, ADetailIsProbesByConversation) {
  // Readers::get_conversation, read_messages, read_verdicts, find_conversation.
  expect_uses(kList + " AND c.id = ?", "USING INTEGER PRIMARY KEY (rowid=?)", {"c"});
  // A transcript: the ids the conversation's row lists, each probed by its key.
  expect_uses(
      "SELECT id, direction, text, choices, assessment, at FROM messages"
      " WHERE id IN (SELECT value FROM json_each("
      " (SELECT message_ids FROM conversations WHERE id = ?1)))"
      " AND conversation_id = ?1 ORDER BY id",
      "SEARCH messages USING INTEGER PRIMARY KEY (rowid=?)", {"messages"});
  expect_uses(
      "SELECT verdict, note, reviewer, at FROM verdicts WHERE conversation_id = ? ORDER BY id",
      "INDEX verdicts_by_conversation (conversation_id=?)", {"verdicts"});
  expect_uses(
      "SELECT id, status, credential_hash FROM conversations"
      " WHERE platform = ? AND conversation_key = ?",
      "INDEX sqlite_autoindex_conversations_1 (platform=? AND conversation_key=?)",
      {"conversations"});
}

TEST_F(StorageQueryPlans, TheWritersPerMessageQueriesAreProbes) {
  // WriteTransaction::load_conversation, first_user_message_at, user_message_count,
  // the dedup insert's key.
  expect_uses(
      "SELECT id, status, session, credential_hash, started_at, triage, red_flags"
      " FROM conversations WHERE platform = ? AND conversation_key = ?",
      "INDEX sqlite_autoindex_conversations_1 (platform=? AND conversation_key=?)",
      {"conversations"});
  const std::string listed =
      " FROM messages WHERE id IN (SELECT value FROM json_each("
      " (SELECT message_ids FROM conversations WHERE id = ?1)))"
      " AND conversation_id = ?1 AND direction = 'user'";
  expect_uses("SELECT at" + listed + " ORDER BY id LIMIT 1",
              "SEARCH messages USING INTEGER PRIMARY KEY (rowid=?)", {"messages"});
  expect_uses("SELECT COUNT(*)" + listed, "SEARCH messages USING INTEGER PRIMARY KEY (rowid=?)",
              {"messages"});
  // The listing of a turn's messages: the conversation's row by its key.
  expect_uses(
      "UPDATE conversations SET message_ids = CASE WHEN message_ids = '[]'"
      " THEN '[' || ?1 || ']' ELSE rtrim(message_ids, ']') || ',' || ?1 || ']' END"
      " WHERE id = ?2",
      "SEARCH conversations USING INTEGER PRIMARY KEY (rowid=?)", {"conversations"});
  // Readers::stored_session: the pipeline's read of a conversation the cache lacks.
  expect_uses("SELECT session FROM conversations WHERE platform = ? AND conversation_key = ?",
              "INDEX sqlite_autoindex_conversations_1 (platform=? AND conversation_key=?)",
              {"conversations"});
  expect_uses("SELECT 1 FROM processed_events WHERE platform = ? AND event_id = ?",
              "USING PRIMARY KEY (platform=? AND event_id=?)", {"processed_events"});
}

TEST_F(StorageQueryPlans, TheDispatchersQueriesReadOnlyOpenRows) {
  // The outbox's order as both queries spell it (storage/outbox_order.h): a change to it
  // is planned here.
  const std::string heads = kOutboxRowMayGo;
  // WriteTransaction::claim_due.
  const auto claim = plan(
      "SELECT o.id, o.conversation_id, o.platform, o.target, o.payload, o.attempts,"
      " o.created_at FROM outbox o WHERE o.status IN ('pending', 'sending') AND o.due_at <= ?" +
      heads + " ORDER BY o.due_at, o.id LIMIT ?");
  EXPECT_NE(claim.find("INDEX outbox_open_due (due_at<?)"), std::string::npos) << claim;
  // Migration 15: the conversation test reads the conversation's row by its key and
  // probes the outbox rows it lists by theirs; no index of the outbox by conversation.
  EXPECT_NE(claim.find("SEARCH c USING INTEGER PRIMARY KEY (rowid=?)"), std::string::npos) << claim;
  EXPECT_NE(claim.find("SEARCH p USING INTEGER PRIMARY KEY (rowid=?)"), std::string::npos) << claim;
  EXPECT_EQ(claim.find("outbox_by_conversation"), std::string::npos) << claim;
  // Migration 12: the chat test probes the open notices only.
  EXPECT_NE(claim.find("INDEX outbox_open_notices_by_chat (chat_key=? AND id<?)"),
            std::string::npos)
      << claim;
  expect_no_full_scan(claim, {"o", "p", "c"});
  // Readers::next_outbox_due and oldest_pending_age.
  expect_uses("SELECT MIN(o.due_at) FROM outbox o WHERE o.status IN ('pending', 'sending')" + heads,
              "INDEX outbox_open_due", {"o", "p", "c"});
  expect_uses("SELECT MIN(created_at) FROM outbox WHERE status IN ('pending', 'sending')",
              "INDEX outbox_open_", {"outbox"});
  // WriteTransaction::release_claims, at every start.
  expect_uses(
      "UPDATE outbox SET due_at = ? WHERE status IN ('pending', 'sending')"
      " AND status = 'sending' AND due_at > ?",
      "INDEX outbox_open_due (due_at>?)", {"outbox"});
  // The claim's UPDATE of the rows it read: one probe of the key per row.
  expect_uses(
      "UPDATE outbox SET status = 'sending', attempts = attempts + 1, due_at = ?"
      " WHERE id IN (SELECT value FROM json_each(?))",
      "USING INTEGER PRIMARY KEY (rowid=?)", {"outbox"});
  // mark_delivered, mark_retry, mark_dead.
  expect_uses(
      "UPDATE outbox SET status = 'delivered', finished_at = ?, last_error = ?"
      " WHERE id = ? AND status = 'sending'",
      "USING INTEGER PRIMARY KEY (rowid=?)", {"outbox"});
}

TEST_F(StorageQueryPlans, StatisticsReadTheRollupAndNarrowIndexesNeverTheRows) {
  // Readers::stats: the promise is under a second at a million conversations.
  expect_uses(
      "SELECT day, platform, triage, status, questions, n FROM conversation_counts"
      " WHERE day >= ? AND day < ? AND n > 0",
      "USING PRIMARY KEY (day>? AND day<?)", {"conversation_counts"});
  expect_uses(
      "SELECT platform, triage, status, questions_to_assessment, started_at / 86400000,"
      " COUNT(*) FROM conversations INDEXED BY conversations_stats"
      " WHERE started_at >= ? AND started_at < ? GROUP BY 1, 2, 3, 4, 5",
      "COVERING INDEX conversations_stats (started_at>? AND started_at<?)", {"conversations"});
  const std::string flags =
      "SELECT f.value, COUNT(*) FROM conversations c, json_each(c.red_flags) f"
      " WHERE c.has_red_flag = 1";
  expect_uses(flags + " GROUP BY f.value", "COVERING INDEX conversations_flagged_started", {"c"});
  expect_uses(flags + " AND c.started_at >= ? AND c.started_at < ? GROUP BY f.value",
              "COVERING INDEX conversations_flagged_started (started_at>? AND started_at<?)",
              {"c"});
  expect_uses(
      "SELECT emergency_after_ms FROM conversations WHERE emergency_after_ms IS NOT NULL"
      " ORDER BY 1",
      "COVERING INDEX conversations_flagged_started", {"conversations"});
  expect_uses(
      "SELECT emergency_after_ms FROM conversations WHERE emergency_after_ms IS NOT NULL"
      " AND started_at >= ? AND started_at < ? ORDER BY 1",
      "COVERING INDEX conversations_flagged_started (started_at>? AND started_at<?)",
      {"conversations"});
  expect_uses(
      "SELECT v.verdict, COUNT(*) FROM verdicts v JOIN conversations c ON c.id ="
      " v.conversation_id WHERE 1 = 1 AND c.started_at >= ? AND c.started_at < ?"
      " GROUP BY v.verdict",
      "INDEX verdicts_by_conversation (conversation_id=?)", {"c"});
}

TEST_F(StorageQueryPlans, ForgetAndPurgeFindTheirRowsByIndex) {
  // WriteTransaction::forget_user.
  // A person's conversations: by the unique key where the person is the conversation,
  // by the partial conversations_by_user elsewhere (migration 10).
  const std::string person =
      "(SELECT id FROM conversations WHERE platform = ?1 AND conversation_key = ?2"
      "  AND user_key = ?2 UNION ALL SELECT id FROM conversations"
      "  WHERE platform = ?1 AND user_key = ?2 AND user_key <> conversation_key)";
  // Their outbox rows and messages: those the conversations list (migrations 15 and 16),
  // each by its key.
  const std::string listed =
      "SELECT COUNT(*) FROM conversations c CROSS JOIN json_each(c.outbox_ids) j"
      " CROSS JOIN outbox p WHERE c.id IN ";
  const std::string listed_rows = " AND p.id = j.value AND p.conversation_id = c.id";
  const std::string listed_messages =
      "SELECT COUNT(*) FROM conversations c CROSS JOIN json_each(c.message_ids) j"
      " CROSS JOIN messages m WHERE c.id IN ";
  const std::string listed_message_rows = " AND m.id = j.value AND m.conversation_id = c.id";
  for (const auto& statement :
       {listed_messages + person + listed_message_rows, listed + person + listed_rows,
        "DELETE FROM conversations WHERE id IN " + person + " RETURNING conversation_key"}) {
    expect_uses(statement, "INDEX conversations_by_user (platform=? AND user_key=?)",
                {"messages", "outbox", "conversations", "c", "p"});
    expect_uses(statement,
                "INDEX sqlite_autoindex_conversations_1 (platform=? AND conversation_key=?)",
                {"messages", "outbox", "conversations", "c", "p", "m"});
  }
  expect_uses(listed + person + listed_rows, "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)", {"p"});
  expect_uses(listed_messages + person + listed_message_rows,
              "SEARCH m USING INTEGER PRIMARY KEY (rowid=?)", {"m"});
  // WriteTransaction::purge_older_than.
  const std::string old =
      "(SELECT id FROM conversations WHERE started_at < ?1 AND updated_at < ?1)";
  const std::string old_messages =
      "SELECT COUNT(*) FROM conversations c CROSS JOIN json_each(c.message_ids) j"
      " CROSS JOIN messages m"
      " WHERE c.started_at < ?1 AND c.updated_at < ?1 AND m.id = j.value"
      " AND m.conversation_id = c.id";
  expect_uses(old_messages, "INDEX conversations_started (started_at<?)", {"c", "m"});
  expect_uses(old_messages, "SEARCH m USING INTEGER PRIMARY KEY (rowid=?)", {"c", "m"});
  const std::string old_listed =
      "SELECT COUNT(*) FROM conversations c CROSS JOIN json_each(c.outbox_ids) j"
      " CROSS JOIN outbox p"
      " WHERE c.started_at < ?1 AND c.updated_at < ?1 AND p.id = j.value"
      " AND p.conversation_id = c.id";
  expect_uses(old_listed, "INDEX conversations_started (started_at<?)", {"c", "p"});
  expect_uses(old_listed, "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)", {"c", "p"});
  expect_uses("DELETE FROM conversations WHERE started_at < ?1 AND updated_at < ?1",
              "INDEX conversations_started (started_at<?)", {"conversations"});
  expect_uses("DELETE FROM processed_events WHERE seen_at < ?",
              "INDEX processed_events_seen (seen_at<?)", {"processed_events"});
}

TEST_F(StorageQueryPlans, DeletingAConversationFindsItsRowsInEveryTableByIndex) {
  // What ON DELETE CASCADE runs for each deleted conversation (forget, purge): without
  // an index on the child's column it scans the whole child table per conversation.
  // Neither the messages nor the outbox has a foreign key or such an index (migrations
  // 16 and 15): the triggers messages_follow_conversation and outbox_follows_conversation
  // delete the rows the conversation lists, by their keys.
  expect_uses(
      "DELETE FROM messages WHERE id IN (SELECT value FROM json_each(?)) AND conversation_id = ?",
      "USING INTEGER PRIMARY KEY (rowid=?)", {"messages"});
  expect_uses(
      "DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?)) AND conversation_id = ?",
      "USING INTEGER PRIMARY KEY (rowid=?)", {"outbox"});
  expect_uses("SELECT 1 FROM verdicts WHERE conversation_id = ?",
              "INDEX verdicts_by_conversation (conversation_id=?)", {"verdicts"});
}

TEST_F(StorageQueryPlans, TheIndexesAreExactlyTheAuditedOnes) {
  // A new index is work for the writer on every row it covers: add it here only with
  // its row in docs/architecture.md's table and a query above that uses it.
  // (WITHOUT ROWID tables keep their rows in their primary key, which is no index here.)
  SQLite::Database db((*dir_ / "plans.db").string(), SQLite::OPEN_READONLY);
  SQLite::Statement query(db,
                          "SELECT tbl_name || '.' || name FROM sqlite_master WHERE type = 'index'"
                          " AND tbl_name IN ('conversations', 'messages', 'processed_events',"
                          " 'outbox', 'verdicts', 'kv', 'conversation_counts')"
                          " ORDER BY 1");
  std::vector<std::string> names;
  while (query.executeStep()) names.push_back(query.getColumn(0).getString());
  const std::vector<std::string> audited = {
      "conversations.conversations_by_platform",
      "conversations.conversations_by_triage",
      "conversations.conversations_by_user",
      "conversations.conversations_flagged_started",
      "conversations.conversations_red_flagged",
      "conversations.conversations_started",
      "conversations.conversations_stats",
      "conversations.conversations_with_safety",
      "conversations.sqlite_autoindex_conversations_1",
      "outbox.outbox_open_due",
      "outbox.outbox_open_notices_by_chat",
      "processed_events.processed_events_seen",
      "verdicts.verdicts_by_conversation",
  };
  EXPECT_EQ(names, audited);
}

TEST_F(StorageQueryPlans, ReviewIndexesHoldOnlyTheMinorityTheyFind) {
  // Partial: a new conversation, not assessed, without red flag or safety event, writes
  // none of these; nor does a turn; nor, the person index, a private chat or a widget
  // session. The outbox's open-row indexes stay as small as the backlog, and a reply
  // writes no entry in the notices' one.
  SQLite::Database db((*dir_ / "plans.db").string(), SQLite::OPEN_READONLY);
  std::set<std::string> partial;
  for (const char* table : {"conversations", "outbox"}) {
    SQLite::Statement list(db, std::string("PRAGMA index_list(") + table + ")");
    while (list.executeStep()) {
      if (list.getColumn(4).getInt() == 1) partial.insert(list.getColumn(1).getString());
    }
  }
  EXPECT_EQ(partial,
            (std::set<std::string>{"conversations_by_triage", "conversations_by_user",
                                   "conversations_flagged_started", "conversations_red_flagged",
                                   "conversations_with_safety", "outbox_open_due",
                                   "outbox_open_notices_by_chat"}));
}

}  // namespace
}  // namespace query_plans_test
}  // namespace triagebot::storage
