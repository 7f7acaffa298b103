#include "storage/schema.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "storage/guard.h"

namespace triagebot::storage {
namespace {

struct Migration {
  int version;
  const char* name;
  const char* sql;
  // A step SQL text cannot say, run after `sql` in the same transaction.
  void (*run)(SQLite::Database&) = nullptr;
};

// One clause of a table's CREATE text, written anew.
struct TableRewrite {
  const char* table;
  const char* from;
  const char* to;
  const char* what;  // for the error when `from` is not there
};

// SQLite cannot alter a column's constraints, so this is its documented procedure for a
// change that leaves the file's format alone and that existing rows already satisfy
// (https://www.sqlite.org/lang_altertable.html#otheralter): edit the table's text in
// sqlite_schema and bump schema_version, which makes every connection read it again.
template <std::size_t N>
void rewrite_tables(SQLite::Database& db, const TableRewrite (&rewrites)[N]) {
  const std::int64_t version = db.execAndGet("PRAGMA schema_version").getInt64();
  // A SQLite built or configured defensive refuses writes to sqlite_schema; this
  // connection lifts that for the edit only.
  int defensive = 0;
  sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
  sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_DEFENSIVE, 0, nullptr);
  auto restore = [&] {
    db.exec("PRAGMA writable_schema = OFF");
    sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_DEFENSIVE, defensive, nullptr);
  };
  db.exec("PRAGMA writable_schema = ON");
  try {
    for (const auto& rewrite : rewrites) {
      SQLite::Statement read(db, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?");
      read.bind(1, rewrite.table);
      if (!read.executeStep()) {
        throw SQLite::Exception(std::string("no table ") + rewrite.table, SQLITE_ERROR);
      }
      std::string sql = read.getColumn(0).getString();
      const auto at = sql.find(rewrite.from);
      if (at == std::string::npos) {
        throw SQLite::Exception(std::string("the ") + rewrite.what + " of " + rewrite.table +
                                    " is not the one this migration rewrites",
                                SQLITE_ERROR);
      }
      sql.replace(at, std::string_view(rewrite.from).size(), rewrite.to);
      SQLite::Statement write(db,
                              "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?");
      write.bind(1, sql);
      write.bind(2, rewrite.table);
      write.exec();
    }
    db.exec("PRAGMA schema_version = " + std::to_string(version + 1));
  } catch (...) {
    restore();
    throw;
  }
  restore();
}

// Migration 13: the status checks as ORs of equalities. SQLite codes `x IN (a, b, c)`
// with more than two constants by building an ephemeral b-tree of the list, with its own
// page cache, each time the check runs: every insert into conversations and outbox and
// every status change, ~2 us each and two to four times per Telegram message on the writer
// (issue 13). `x = a OR x = b OR x = c` admits exactly the same rows (NULL is refused by
// NOT NULL in both) and is compared in place.
void rewrite_status_checks(SQLite::Database& db) {
  static const TableRewrite rewrites[] = {
      {"conversations", "CHECK (status IN ('active', 'completed', 'abandoned'))",
       "CHECK (status = 'active' OR status = 'completed' OR status = 'abandoned')", "status check"},
      {"outbox", "CHECK (status IN ('pending', 'sending', 'delivered', 'dead'))",
       "CHECK (status = 'pending' OR status = 'sending' OR status = 'delivered'"
       " OR status = 'dead')",
       "status check"},
  };
  rewrite_tables(db, rewrites);
}

// Migration 15: the outbox's foreign key goes (its SQL says why). Removing a FOREIGN KEY
// clause is among the edits the procedure above allows: no row's format changes.
void drop_outbox_foreign_key(SQLite::Database& db) {
  static const TableRewrite rewrites[] = {
      {"outbox", "conversation_id INTEGER REFERENCES conversations (id) ON DELETE CASCADE,",
       "conversation_id INTEGER,", "foreign key"},
  };
  rewrite_tables(db, rewrites);
}

// Migration 16: the messages' foreign key goes (its SQL says why), by the same edit.
void drop_messages_foreign_key(SQLite::Database& db) {
  static const TableRewrite rewrites[] = {
      {"messages",
       "conversation_id     INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,",
       "conversation_id     INTEGER NOT NULL,", "foreign key"},
  };
  rewrite_tables(db, rewrites);
}

// Never edit a migration that shipped: add the next number instead. Times are integer
// milliseconds since the epoch (storage/time.h); JSON lives in TEXT columns.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list = {
      {1, "core tables", R"sql(
CREATE TABLE conversations (
  id               INTEGER PRIMARY KEY,
  platform         TEXT    NOT NULL,
  conversation_key TEXT    NOT NULL,
  user_key         TEXT    NOT NULL,
  status           TEXT    NOT NULL DEFAULT 'active'
                   CHECK (status IN ('active', 'completed', 'abandoned')),
  started_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  triage           TEXT,
  red_flags        TEXT    NOT NULL DEFAULT '[]',
  has_red_flag     INTEGER NOT NULL DEFAULT 0,
  top_causes       TEXT    NOT NULL DEFAULT '[]',
  session          TEXT    NOT NULL,
  credential_hash  TEXT,
  UNIQUE (platform, conversation_key)
);
-- The review lists newest first, filtered by platform, triage or red flags; forget
-- finds a person's conversations; purge finds old ones.
CREATE INDEX conversations_by_platform ON conversations (platform, id);
CREATE INDEX conversations_by_triage   ON conversations (triage, id);
CREATE INDEX conversations_red_flagged ON conversations (has_red_flag, id);
CREATE INDEX conversations_started     ON conversations (started_at, id);
CREATE INDEX conversations_by_user     ON conversations (platform, user_key);
CREATE INDEX conversations_updated     ON conversations (updated_at);

CREATE TABLE messages (
  id                  INTEGER PRIMARY KEY,
  conversation_id     INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  direction           TEXT    NOT NULL CHECK (direction IN ('user', 'bot')),
  text                TEXT    NOT NULL,
  choices             TEXT,
  assessment          TEXT,
  at                  INTEGER NOT NULL,
  platform_message_id TEXT
);
CREATE INDEX messages_by_conversation ON messages (conversation_id, id);

-- Dedup of platform deliveries (Telegram update_id, Slack event_id, widget ids).
CREATE TABLE processed_events (
  platform TEXT    NOT NULL,
  event_id TEXT    NOT NULL,
  seen_at  INTEGER NOT NULL,
  PRIMARY KEY (platform, event_id)
) WITHOUT ROWID;
CREATE INDEX processed_events_seen ON processed_events (seen_at);

-- One row per reply to send. due_at: when a pending row may be sent, or when the lease
-- of a sending row runs out (then it is claimable again: the dispatcher crashed).
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  platform        TEXT    NOT NULL,
  target          TEXT    NOT NULL,
  payload         TEXT    NOT NULL,
  status          TEXT    NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sending', 'delivered', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  due_at          INTEGER NOT NULL,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  finished_at     INTEGER
);
-- Partial indexes: delivered rows pile up, the dispatcher only ever looks at the rest.
CREATE INDEX outbox_open_by_conversation ON outbox (conversation_id, id)
  WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_open_due ON outbox (due_at)
  WHERE status IN ('pending', 'sending');

CREATE TABLE verdicts (
  id              INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  verdict         TEXT    NOT NULL
                  CHECK (verdict IN ('agree', 'over_triage', 'under_triage', 'wrong_causes', 'other')),
  note            TEXT    NOT NULL,
  reviewer        TEXT    NOT NULL,
  at              INTEGER NOT NULL
);
CREATE INDEX verdicts_by_conversation ON verdicts (conversation_id, id);

-- Small operational state: Telegram's polling offset, blocked chats.
CREATE TABLE kv (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql"},
      // Text search for the review over what people wrote: a trigram index makes `q` a
      // case-insensitive substring match that does not scan every message. Only user
      // messages are indexed: bot texts come from the knowledge base (the triage and red
      // flag filters cover them). External content, so the text is stored once.
      // New rows are NOT indexed by a trigger: FTS5 flushes its pending index to a new
      // segment at every SAVEPOINT, and the writer runs each item in one, which made a
      // batch of 50 pipeline items ~20x slower (bench/storage). The writer indexes the
      // batch's user messages once, just before COMMIT (WriteTransaction::index_batch).
      // Deletes are rare (forget, purge) and cascade, so a trigger handles them.
      // The last statement indexes the messages written under version 1.
      // Migration 7 moved the index out of this file (search_file.h).
      {2, "message text search", R"sql(
CREATE VIRTUAL TABLE messages_fts USING fts5 (
  text, content = 'messages', content_rowid = 'id', tokenize = 'trigram'
);
-- messages_fts_docsize has a row exactly for each indexed message, so a message
-- deleted before the writer indexed it (forget in the same batch) is not "deleted" from
-- the index, which would corrupt it. Message text is never updated.
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
  WHEN old.direction = 'user' AND EXISTS (SELECT 1 FROM messages_fts_docsize WHERE id = old.id)
BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages WHERE direction = 'user';
)sql"},
      // Notices: outbox rows that belong to no conversation (a note to a Telegram
      // group, the acknowledgement of a stale button press). SQLite cannot relax a NOT
      // NULL in place, so the table is rebuilt; nothing references outbox, so foreign
      // keys stay on.
      {3, "outbox notices without a conversation", R"sql(
CREATE TABLE outbox_v3 (
  id              INTEGER PRIMARY KEY,
  conversation_id INTEGER REFERENCES conversations (id) ON DELETE CASCADE,
  platform        TEXT    NOT NULL,
  target          TEXT    NOT NULL,
  payload         TEXT    NOT NULL,
  status          TEXT    NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sending', 'delivered', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  due_at          INTEGER NOT NULL,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  finished_at     INTEGER
);
INSERT INTO outbox_v3 SELECT id, conversation_id, platform, target, payload, status, attempts,
  due_at, last_error, created_at, finished_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v3 RENAME TO outbox;
CREATE INDEX outbox_open_by_conversation ON outbox (conversation_id, id)
  WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_open_due ON outbox (due_at)
  WHERE status IN ('pending', 'sending');
)sql"},
      // Safety events (issue 10 §2): the categories of the messages that needed help now
      // outside the leg interview (chest pain, self-harm ...), kept like red flags so the
      // review can list and filter them. Never cleared, not even by /restart.
      {4, "safety events", R"sql(
ALTER TABLE conversations ADD COLUMN safety TEXT NOT NULL DEFAULT '[]';
ALTER TABLE conversations ADD COLUMN has_safety INTEGER NOT NULL DEFAULT 0;
CREATE INDEX conversations_with_safety ON conversations (has_safety, id);
)sql"},
      // Review statistics (`triagebot logs stats`, GET /admin/api/stats) must answer in
      // under a second at a million conversations, so the figures they need are columns
      // written by the writer when an assessment is given, never derived from
      // transcripts at read time (and whole days from a rollup the triggers keep). Questions: how
      // many the person answered before the first assessment (their messages up to it, less the
      // opening one). Emergency timing: from their first message to the first emergency guidance.
      // The covering index serves the grouped counts without reading the rows (a row holds the
      // whole session); the partial ones keep red flags and emergencies, a minority,
      // cheap to find. Conversations from before this version are backfilled from their
      // messages, once. Number 5: 4 belongs to the safety work.
      {5, "review statistics columns", R"sql(
ALTER TABLE conversations ADD COLUMN questions_to_assessment INTEGER;
ALTER TABLE conversations ADD COLUMN emergency_after_ms INTEGER;
UPDATE conversations SET questions_to_assessment = (
  SELECT MAX((SELECT COUNT(*) FROM messages u WHERE u.conversation_id = conversations.id
                AND u.direction = 'user' AND u.id < a.id) - 1, 0)
  FROM messages a WHERE a.conversation_id = conversations.id AND a.assessment IS NOT NULL
  ORDER BY a.id LIMIT 1)
WHERE triage IS NOT NULL;
UPDATE conversations SET emergency_after_ms = (
  SELECT MAX(a.at - (SELECT MIN(u.at) FROM messages u WHERE u.conversation_id = conversations.id
                       AND u.direction = 'user'), 0)
  FROM messages a WHERE a.conversation_id = conversations.id AND a.assessment IS NOT NULL
    AND json_extract(a.assessment, '$.triage') = 'emergency'
  ORDER BY a.id LIMIT 1)
WHERE triage = 'emergency';
CREATE INDEX conversations_stats
  ON conversations (platform, triage, status, questions_to_assessment, started_at);
-- Counts per day of start and the grouped columns, kept by triggers as conversations
-- change ('' = not assessed, -1 = no question count): whole days of a stats range read
-- this small table instead of an index entry per conversation.
CREATE TABLE conversation_counts (
  day       INTEGER NOT NULL,
  platform  TEXT    NOT NULL,
  triage    TEXT    NOT NULL,
  status    TEXT    NOT NULL,
  questions INTEGER NOT NULL,
  n         INTEGER NOT NULL,
  PRIMARY KEY (day, platform, triage, status, questions)
) WITHOUT ROWID;
INSERT INTO conversation_counts
  SELECT started_at / 86400000, platform, COALESCE(triage, ''), status,
         COALESCE(questions_to_assessment, -1), COUNT(*)
  FROM conversations GROUP BY 1, 2, 3, 4, 5;
CREATE TRIGGER conversation_counts_insert AFTER INSERT ON conversations BEGIN
  INSERT INTO conversation_counts VALUES (new.started_at / 86400000, new.platform,
    COALESCE(new.triage, ''), new.status, COALESCE(new.questions_to_assessment, -1), 1)
  ON CONFLICT (day, platform, triage, status, questions) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER conversation_counts_delete AFTER DELETE ON conversations BEGIN
  UPDATE conversation_counts SET n = n - 1
  WHERE day = old.started_at / 86400000 AND platform = old.platform
    AND triage = COALESCE(old.triage, '') AND status = old.status
    AND questions = COALESCE(old.questions_to_assessment, -1);
END;
CREATE TRIGGER conversation_counts_update
  AFTER UPDATE OF platform, started_at, triage, status, questions_to_assessment ON conversations
  WHEN old.platform IS NOT new.platform OR old.started_at IS NOT new.started_at
    OR old.triage IS NOT new.triage OR old.status IS NOT new.status
    OR old.questions_to_assessment IS NOT new.questions_to_assessment
BEGIN
  UPDATE conversation_counts SET n = n - 1
  WHERE day = old.started_at / 86400000 AND platform = old.platform
    AND triage = COALESCE(old.triage, '') AND status = old.status
    AND questions = COALESCE(old.questions_to_assessment, -1);
  INSERT INTO conversation_counts VALUES (new.started_at / 86400000, new.platform,
    COALESCE(new.triage, ''), new.status, COALESCE(new.questions_to_assessment, -1), 1)
  ON CONFLICT (day, platform, triage, status, questions) DO UPDATE SET n = n + 1;
END;
CREATE INDEX conversations_red_flags_started ON conversations (started_at, red_flags)
  WHERE has_red_flag = 1;
CREATE INDEX conversations_emergency_timed ON conversations (started_at, emergency_after_ms)
  WHERE emergency_after_ms IS NOT NULL;
)sql"},
      // Order per chat, not per conversation (issue 15): a row that belongs to no
      // conversation (the "I can only read text" note, a group pointer) used to be
      // ordered with nothing, so after a 500 it could overtake the reply queued before it
      // for the same chat. chat_key names the chat (storage/outbox_chat.h, which computes
      // it for new rows); the rows still open get theirs here. Delivered rows keep NULL:
      // only open rows are ever ordered. The index serves the claim's "no earlier open
      // row for this chat" test.
      {6, "outbox order per chat", R"sql(
ALTER TABLE outbox ADD COLUMN chat_key TEXT;
UPDATE outbox SET chat_key = platform || ':' || COALESCE(
    CASE WHEN json_type(target, '$.chat_id') IN ('integer', 'text')
          AND json_extract(target, '$.chat_id') <> '' THEN json_extract(target, '$.chat_id') END,
    CASE WHEN json_type(target, '$.channel') IN ('integer', 'text')
          AND json_extract(target, '$.channel') <> '' THEN json_extract(target, '$.channel') END)
  WHERE status IN ('pending', 'sending') AND json_valid(target);
CREATE INDEX outbox_open_by_chat ON outbox (chat_key, id)
  WHERE status IN ('pending', 'sending');
)sql"},
      // The text search leaves the writer (issue 13, "Search that keeps up"): indexing
      // cost the writer as much as the rest of a message's work, so it moves to a search
      // file beside the database (`<db>-search`), filled by storage::SearchIndexer on its
      // own thread from committed messages (search_file.h says how). The main file keeps
      // no index, only what the indexer cannot see for itself: which messages were
      // deleted (forget, purge), so their text leaves the search file too. Every
      // deletion is logged, bot messages included: an id is reused when the largest ones
      // are deleted (INTEGER PRIMARY KEY without AUTOINCREMENT), and the indexer must
      // learn of any such id, whoever wrote it, to index the message that reuses it.
      // AUTOINCREMENT here: the indexer remembers the log up to a seq, and a seq reused
      // after the log was cleared would be skipped. database_id tells the search file
      // which database it indexes (a database replaced under the same path gets a new
      // index, not a stale one). Dropping the old index frees its pages for reuse; the
      // file does not shrink without a VACUUM.
      {7, "text search in its own file", R"sql(
DROP TRIGGER messages_fts_delete;
DROP TABLE messages_fts;
CREATE TABLE search_deletions (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id INTEGER NOT NULL
);
CREATE TRIGGER search_deletions_log AFTER DELETE ON messages BEGIN
  INSERT INTO search_deletions (message_id) VALUES (old.id);
END;
INSERT INTO kv (key, value) VALUES ('search.database_id', lower(hex(randomblob(16))));
)sql"},
      // Indexes only where a query needs them (issue 13; the audit is the table in
      // docs/architecture.md, and tests/storage/query_plans_test.cpp holds each query
      // to its index). Every index entry is work for the one writer thread:
      // - conversations_updated went: every turn rewrote its entry (updated_at changes
      //   on every message). Purge, its only user, now asks for started_at < cutoff as
      //   well (a conversation is never updated before it started) and is served by
      //   conversations_started.
      // - The review filters "red flag", "safety event" and "triage" look for a
      //   minority of conversations; their indexes now hold only that minority, so a
      //   new conversation writes none of them. "No red flag" / "no safety event" match
      //   most rows, which the primary key walks newest first as well.
      // - outbox_by_conversation is new: ON DELETE CASCADE (forget, purge) looked up a
      //   deleted conversation's outbox rows by scanning the whole outbox, delivered rows
      //   included, once per conversation. Its entries are written once, at enqueue.
      // Number 8, and independent of 7: every statement names only indexes, and
      // IF EXISTS lets 7 have dropped or rebuilt any of them.
      {8, "indexes only where a query needs them", R"sql(
DROP INDEX IF EXISTS conversations_updated;
DROP INDEX IF EXISTS conversations_red_flagged;
DROP INDEX IF EXISTS conversations_with_safety;
DROP INDEX IF EXISTS conversations_by_triage;
CREATE INDEX conversations_red_flagged ON conversations (id) WHERE has_red_flag = 1;
CREATE INDEX conversations_with_safety ON conversations (id) WHERE has_safety = 1;
CREATE INDEX conversations_by_triage ON conversations (triage, id) WHERE triage IS NOT NULL;
CREATE INDEX IF NOT EXISTS outbox_by_conversation ON outbox (conversation_id);
)sql"},
      // One outbox row per message a turn sends, holding its parts (storage/outbox_parts.h):
      // parts_sent counts the parts already delivered, so a retry resumes at the first
      // unsent one. A row from before holds one part and none sent: it is delivered as
      // it always was.
      {9, "outbox rows with parts", R"sql(
ALTER TABLE outbox ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
)sql"},
      // A person's conversations without an index entry for most of them (issue 13: a
      // new conversation wrote one at a random place in conversations_by_user, a page of
      // WAL each). In a Telegram private chat and a widget session the person is the
      // conversation (user_key = conversation_key), so the unique key finds them already;
      // the index now holds only the others (Telegram groups, Slack, whose keys are
      // team-qualified). forget asks both (storage/retention.cpp, kPersonsConversations).
      {10, "person index only where the conversation key is not the person", R"sql(
DROP INDEX IF EXISTS conversations_by_user;
CREATE INDEX conversations_by_user ON conversations (platform, user_key)
  WHERE user_key <> conversation_key;
)sql"},
      // One index of the outbox by conversation instead of two (issue 13: each was a page
      // of WAL at a random place for every queued reply, 9% of the writer's pages in the
      // Telegram benchmark). outbox_by_conversation (conversation_id) served the cascade
      // of forget and purge; the partial outbox_open_by_conversation (conversation_id, id)
      // the claim's "no earlier open row of this conversation". With the status in the
      // key, one index does both: the cascade asks its first column, and the claim's
      // probe is conversation_id = ? AND status IN (the open two) AND rowid < ?, which
      // reads index entries only. A status change moves the row's entry within its
      // conversation's run, where the partial index removed or added it: the same page.
      {11, "one outbox index by conversation", R"sql(
DROP INDEX IF EXISTS outbox_open_by_conversation;
DROP INDEX IF EXISTS outbox_by_conversation;
CREATE INDEX outbox_by_conversation ON outbox (conversation_id, status);
)sql"},
      // The chat test over notices only (issue 13: outbox_open_by_chat held every open
      // row, a page of WAL at a random place for each queued reply and another when it was
      // delivered: 18% of the writer's pages under the Telegram benchmark, 37% under
      // Slack's). A conversation's rows all go to its own chat (a Telegram private chat,
      // a Slack DM), so the conversation test already orders them; what else can share a
      // chat is a notice, a row of no conversation. Notices to a chat that is a
      // conversation's own now join that conversation (WriteTransaction::enqueue_notice),
      // so the conversation test orders them against its replies; the index keeps the rest
      // (group pointers, Slack thread pointers, a note to a chat that has no conversation
      // yet), which a later reply to the same chat still waits for. The open notices get
      // their conversation here as new ones do; delivered ones keep none.
      {12, "the chat test over notices only", R"sql(
UPDATE outbox SET conversation_id = (
    SELECT c.id FROM conversations c
    WHERE c.platform = outbox.platform
      AND c.conversation_key = substr(outbox.chat_key, length(outbox.platform) + 2))
  WHERE status IN ('pending', 'sending') AND conversation_id IS NULL AND chat_key IS NOT NULL;
DROP INDEX IF EXISTS outbox_open_by_chat;
CREATE INDEX outbox_open_notices_by_chat ON outbox (chat_key, id)
  WHERE conversation_id IS NULL AND status IN ('pending', 'sending');
)sql"},
      // rewrite_status_checks above says why.
      {13, "status checks without an ephemeral table", "", rewrite_status_checks},
      // The review's stats indexes keyed by start first (issue 13). An assessment changes
      // a conversation's triage, status, question count, red flags and emergency timing
      // together. Keyed by the columns it groups by, conversations_stats moved the entry
      // from the (platform, not assessed, active) run to another run, each at the place
      // of its start among its group's: two pages at random places; and the red flag and
      // emergency indexes, one each. Keyed by started_at first, the stats entry leaves and
      // comes back at the same place (one page), and one partial index holds the red
      // flags and the emergency timing (one page): four pages become two for every
      // conversation that gets assessed. The stats of a range's partial first and last
      // days read a range of conversations_stats instead of all of it.
      {14, "the review's stats indexes keyed by start", R"sql(
DROP INDEX IF EXISTS conversations_stats;
DROP INDEX IF EXISTS conversations_red_flags_started;
DROP INDEX IF EXISTS conversations_emergency_timed;
CREATE INDEX conversations_flagged_started
  ON conversations (started_at, has_red_flag, red_flags, emergency_after_ms)
  WHERE has_red_flag = 1 OR emergency_after_ms IS NOT NULL;
CREATE INDEX conversations_stats
  ON conversations (started_at, platform, triage, status, questions_to_assessment);
)sql"},
      // The outbox without an index by conversation (issue 13; measured in
      // bench/reports/2026-12-05-stats-index-server.md, "What each index costs the
      // Telegram load": outbox_by_conversation was 17% of the WAL pages of a Telegram
      // update, an entry at a random place for every queued reply). Each conversation
      // row lists its outbox rows' ids instead (outbox_ids, a JSON array in id order):
      // the row is rewritten by every turn anyway, so appending costs no page. The list
      // serves what the index served:
      // - the claim's "no earlier open row of this conversation" reads the conversation's
      //   row, takes the listed ids below the candidate's and probes each by rowid
      //   (WriteTransaction::claim_due);
      // - forget and purge: the foreign key's ON DELETE CASCADE would scan the whole
      //   outbox for every deleted conversation without the index, so the foreign key
      //   goes (drop_outbox_foreign_key, the sqlite_schema edit of migration 13) and
      //   outbox_follows_conversation deletes the listed rows, delivered ones too (they
      //   hold message text); their counts read the lists.
      // outbox_listed keeps the list whoever inserts: it refuses a row of a conversation
      // that does not exist, as the foreign key did, so no row can be left unlisted. The
      // list keeps every id, delivered ones too: they are how forget finds those rows, and
      // it grows with the conversation's replies as its transcript does. The existing
      // rows are listed here, by the index, before it goes.
      {15, "each conversation lists its outbox rows", R"sql(
ALTER TABLE conversations ADD COLUMN outbox_ids TEXT NOT NULL DEFAULT '[]';
UPDATE conversations SET outbox_ids = (
    SELECT json_group_array(id) FROM (
      SELECT id FROM outbox WHERE outbox.conversation_id = conversations.id ORDER BY id))
  WHERE id IN (SELECT conversation_id FROM outbox WHERE conversation_id IS NOT NULL);
DROP INDEX IF EXISTS outbox_by_conversation;
CREATE TRIGGER outbox_listed AFTER INSERT ON outbox WHEN new.conversation_id IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: no conversation for an outbox row')
    WHERE NOT EXISTS (SELECT 1 FROM conversations WHERE id = new.conversation_id);
  UPDATE conversations SET outbox_ids = json_insert(outbox_ids, '$[#]', new.id)
    WHERE id = new.conversation_id;
END;
CREATE TRIGGER outbox_follows_conversation AFTER DELETE ON conversations
  WHEN old.outbox_ids <> '[]'
BEGIN
  DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(old.outbox_ids))
    AND conversation_id = old.id;
END;
)sql",
       drop_outbox_foreign_key},
      // The messages without an index by conversation (issue 13; measured in
      // bench/reports/2026-12-06-message-index-variants.md: messages_by_conversation was a
      // fifth of a Telegram update's WAL pages, a turn's entries at its conversation's
      // place, a random leaf per conversation per commit). Migration 15's design again:
      // each conversation row lists its messages' ids (message_ids, a JSON array in id
      // order), which the turn's UPDATE of the row writes anyway
      // (WriteTransaction::append_messages, save_session). The list serves what the index
      // served:
      // - a transcript (the review, the widget's history, replay) and the message count of
      //   every summary read the list and probe each message by rowid;
      // - the writer's count of the person's messages and the time of their first at an
      //   assessment probe the listed ones;
      // - forget and purge: ON DELETE CASCADE would scan every message for each deleted
      //   conversation, so the foreign key goes (drop_messages_foreign_key, the
      //   sqlite_schema edit of migration 13) and messages_follow_conversation deletes the
      //   listed messages; search_deletions_log still logs each one for the search file.
      // The writer lists every message it inserts in the same item or fails the item (a
      // conversation that does not exist lists nothing, as the foreign key refused), so no
      // message can be left unlisted. The existing messages are listed here, by the index,
      // before it goes.
      {16, "each conversation lists its messages", R"sql(
ALTER TABLE conversations ADD COLUMN message_ids TEXT NOT NULL DEFAULT '[]';
UPDATE conversations SET message_ids = (
    SELECT json_group_array(id) FROM (
      SELECT id FROM messages WHERE messages.conversation_id = conversations.id ORDER BY id))
  WHERE id IN (SELECT conversation_id FROM messages);
DROP INDEX IF EXISTS messages_by_conversation;
CREATE TRIGGER messages_follow_conversation AFTER DELETE ON conversations
  WHEN old.message_ids <> '[]'
BEGIN
  DELETE FROM messages WHERE id IN (SELECT value FROM json_each(old.message_ids))
    AND conversation_id = old.id;
END;
)sql",
       drop_messages_foreign_key},
  };
  return list;
}

}  // namespace

int latest_schema_version() { return migrations().back().version; }

int migration_count() { return static_cast<int>(migrations().size()); }

Result<int> schema_version(SQLite::Database& db) {
  try {
    if (!db.tableExists("schema_migrations")) return 0;
    SQLite::Statement query(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    query.executeStep();
    return query.getColumn(0).getInt();
  } catch (const SQLite::Exception& e) {
    return storage_error("reading the schema version", e);
  }
}

Result<void> migrate(SQLite::Database& db, int target) {
  try {
    db.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
  } catch (const SQLite::Exception& e) {
    return storage_error("creating schema_migrations", e);
  }
  auto current = schema_version(db);
  if (!current) return current.error();
  if (*current > latest_schema_version() || *current > target) {
    return make_error(ErrorCode::schema_too_new,
                      "the database is at schema version " + std::to_string(*current) +
                          " but this triagebot knows only up to " + std::to_string(target) +
                          "; use a newer triagebot");
  }
  for (const auto& migration : migrations()) {
    if (migration.version <= *current || migration.version > target) continue;
    try {
      // IMMEDIATE: a second process opening the same file waits (busy_timeout) instead
      // of running the same migration concurrently.
      SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
      // Re-check inside the lock: another process may have migrated meanwhile.
      SQLite::Statement done(db, "SELECT 1 FROM schema_migrations WHERE version = ?");
      done.bind(1, migration.version);
      if (done.executeStep()) continue;
      db.exec(migration.sql);
      if (migration.run) migration.run(db);
      SQLite::Statement record(
          db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
      record.bind(1, migration.version);
      record.bind(2, migration.name);
      record.bind(3,
                  static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::system_clock::now().time_since_epoch())
                                                .count()));
      record.exec();
      tx.commit();
    } catch (const SQLite::Exception& e) {
      return storage_error("migration " + std::to_string(migration.version), e);
    }
  }
  return {};
}

}  // namespace triagebot::storage
