// Shared helpers for the storage suite: a Store on a real SQLite file in a fresh temp
// dir, plain SQL counting through a separate connection, and a gate that holds the
// writer thread inside an item so tests can line up a batch deterministically.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>

#include "storage/search_file.h"
#include "storage/store.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait.h"

namespace triagebot::storage::testing {

// prefix + n, built without `const char* + std::string&&`, which trips a GCC 12
// -Wrestrict false positive under -O2.
inline std::string numbered(std::string prefix, std::int64_t n) {
  prefix += std::to_string(n);
  return prefix;
}

inline TimePoint at_ms(std::int64_t millis) { return from_millis(millis); }

inline std::unique_ptr<Store> open_store(StoreOptions options) {
  auto store = Store::open(options);
  if (!store) ADD_FAILURE() << store.error().code << ": " << store.error().message;
  return store ? std::move(*store) : nullptr;
}

inline std::unique_ptr<Store> open_store(const std::filesystem::path& path) {
  StoreOptions options;
  options.path = path;
  return open_store(options);
}

// COUNT(*) or any single-integer query, through its own connection (what a restarted
// process would see).
inline std::int64_t query_int(const std::filesystem::path& path, const std::string& sql) {
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  SQLite::Statement query(db, sql);
  query.executeStep();
  return query.getColumn(0).getInt64();
}

// A single-text query, through its own connection.
inline std::string query_text(const std::filesystem::path& path, const std::string& sql) {
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  return db.execAndGet(sql).getString();
}

// Forgets one person through the writer, as /forget does, and returns the counts.
inline ForgetCounts forget(Store& store, const char* platform, const char* user_key) {
  ForgetCounts counts;
  EXPECT_TRUE(store.writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto forgotten = tx.forget_user(platform, user_key);
    if (!forgotten) return forgotten.error();
    counts = *forgotten;
    return {};
  }));
  return counts;
}

// Until the search index covers everything committed so far (search_indexer.h); a
// failure when it does not within a deadline loose enough for ASan on a busy machine.
inline void wait_searchable(Store& store) {
  EXPECT_TRUE(store.search_index().wait_caught_up(std::chrono::seconds(60)))
      << "the search index did not catch up";
}

// A single-integer query on the search file beside `db` (its FTS5 table is
// message_text), through a connection of its own.
inline std::int64_t search_int(const std::filesystem::path& db, const std::string& sql) {
  return query_int(search_file_path(db), sql);
}

// FTS5's own check that the index matches the text it holds; throws if not.
inline void check_search_integrity(const std::filesystem::path& db) {
  SQLite::Database search(search_file_path(db).string(), SQLite::OPEN_READWRITE);
  search.exec("INSERT INTO message_text (message_text) VALUES ('integrity-check')");
}

// Holds the writer thread inside one item until open() is called.
class WriterGate {
 public:
  explicit WriterGate(Writer& writer) {
    auto entered = std::make_shared<std::promise<void>>();
    auto entered_future = entered->get_future();
    auto released = released_.get_future().share();
    auto submitted = writer.submit({[entered, released](WriteTransaction&) -> Result<void> {
                                      entered->set_value();
                                      released.wait();
                                      return {};
                                    },
                                    nullptr});
    EXPECT_TRUE(submitted);
    entered_future.wait();
  }
  ~WriterGate() { open(); }
  void open() {
    if (!opened_) released_.set_value();
    opened_ = true;
  }

 private:
  std::promise<void> released_;
  bool opened_ = false;
};

// An item that appends one user message to the conversation (platform "widget", key).
inline WorkFunction append_item(std::string key, std::string text, std::int64_t ms) {
  return [key, text, ms](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("widget", key, "user-" + key, at_ms(ms));
    if (!conversation) return conversation.error();
    MessageRecord message;
    message.text = text;
    message.at = at_ms(ms);
    auto appended = tx.append_message(conversation->id, message);
    if (!appended) return appended.error();
    return {};
  };
}

}  // namespace triagebot::storage::testing
