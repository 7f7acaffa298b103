// The outbox dispatcher in process: a real Store in a temp dir, the Telegram adapter's
// classifier, and a scripted Transport that records each call. Pacing, retry_after,
// backoff, dead rows, give_up_after, claims left by a dead process, and no row sent twice.
#include "bot/flow/dispatcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "adapters/telegram/outbound.h"
#include "storage/outbox_parts.h"
#include "tests/bot/telegram_harness.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait.h"

namespace triagebot::bot {
namespace dispatcher_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using storage::WriteTransaction;
using SteadyClock = std::chrono::steady_clock;
using SystemClock = std::chrono::system_clock;
using testing::wait_until;
using testing::telegram_bot::metric_value;
using testing::telegram_bot::outbox_records;
using testing::telegram_bot::OutboxRecord;

TransportResponse telegram_answer(int status, json body) { return {status, {}, body.dump()}; }
TransportResponse ok() { return telegram_answer(200, {{"ok", true}, {"result", true}}); }
TransportResponse failure(int status, std::string description, json parameters = nullptr) {
  json body{{"ok", false}, {"error_code", status}, {"description", std::move(description)}};
  if (!parameters.is_null()) body["parameters"] = std::move(parameters);
  return telegram_answer(status, body);
}

// Answers calls from a script (then 200 ok), recording which row each call was for.
class ScriptedTransport {
 public:
  struct Call {
    std::int64_t row = 0;  // the payload's "n"
    SteadyClock::time_point at;
  };

  void then(Result<TransportResponse> answer) {
    std::lock_guard lock(mutex_);
    script_.push_back(std::move(answer));
  }

  Transport transport() {
    return [this](adapters::OutboundCall call, TransportDone done) {
      Result<TransportResponse> answer = ok();
      {
        std::lock_guard lock(mutex_);
        calls_.push_back({json::parse(call.body).value("n", std::int64_t{-1}), SteadyClock::now()});
        if (!script_.empty()) {
          answer = std::move(script_.front());
          script_.pop_front();
        }
      }
      done(std::move(answer));
    };
  }

  std::vector<Call> calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }
  std::size_t count() const { return calls().size(); }

 private:
  mutable std::mutex mutex_;
  std::deque<Result<TransportResponse>> script_;
  std::vector<Call> calls_;
};

std::chrono::milliseconds gap(const ScriptedTransport::Call& a, const ScriptedTransport::Call& b) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(b.at - a.at);
}

class DispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Rows are queued before start(), which looks for them; no commit hook needed.
    storage::StoreOptions options;
    options.path = dir_ / "t.db";
    auto store = storage::Store::open(options);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
  }

  void TearDown() override {
    if (dispatcher_) dispatcher_->stop();
    dispatcher_.reset();
    if (store_) store_->close();
  }

  void start(DispatcherOptions options = fast()) {
    dispatcher_ = std::make_unique<Dispatcher>(*store_, options, metrics_);
    PlatformOutbound outbound;
    outbound.transport = transport_.transport();
    outbound.render = [](const storage::OutboxRow& row) -> Result<adapters::OutboundCall> {
      if (row.payload.value("unrenderable", false))
        return make_error(ErrorCode::bad_row, "cannot render");
      adapters::OutboundCall call;
      call.path = "/bot-test/sendMessage";
      call.log_name = "test.sendMessage";
      call.body = row.payload.dump();
      return call;
    };
    outbound.classify = [](const TransportResponse& answer) {
      return adapters::telegram::classify(answer.status, answer.body, answer.headers);
    };
    outbound.pace_key = [](const storage::OutboxRow& row) { return row.target.dump(); };
    dispatcher_->set_platforms({{"telegram", std::move(outbound)}});
    dispatcher_->start();
  }

  // A platform whose calls go to `transport`, the row's payload as the body.
  void start_plain(DispatcherOptions options, Transport transport) {
    dispatcher_ = std::make_unique<Dispatcher>(*store_, options, metrics_);
    PlatformOutbound outbound;
    outbound.transport = std::move(transport);
    outbound.render = [](const storage::OutboxRow& row) -> Result<adapters::OutboundCall> {
      adapters::OutboundCall call;
      call.body = row.payload.dump();
      return call;
    };
    outbound.classify = [](const TransportResponse& answer) {
      return adapters::telegram::classify(answer.status, answer.body, answer.headers);
    };
    dispatcher_->set_platforms({{"telegram", std::move(outbound)}});
    dispatcher_->start();
  }

  // Short delays so every path runs in milliseconds; pacing off unless a test sets it.
  static DispatcherOptions fast() {
    DispatcherOptions options;
    options.backoff_base = 40ms;
    options.backoff_cap = 1s;
    options.per_chat_interval = 1ms;
    options.global_per_second = 1000;
    options.idle_poll = 200ms;
    return options;
  }

  // One reply row per entry of `ns` in the conversation `chat` (payload {"n": n}),
  // created at `at`. Returns the row ids.
  std::vector<std::int64_t> enqueue(const std::string& chat, std::vector<std::int64_t> ns,
                                    std::string platform = "telegram",
                                    SystemClock::time_point at = SystemClock::now()) {
    std::vector<std::int64_t> ids;
    EXPECT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
      auto conversation = tx.load_or_create_conversation("telegram", chat, chat, at);
      if (!conversation) return conversation.error();
      for (auto n : ns) {
        auto id =
            tx.enqueue_outbox(conversation->id, platform, {{"chat_id", chat}}, {{"n", n}}, at);
        if (!id) return id.error();
        ids.push_back(*id);
      }
      return {};
    }));
    return ids;
  }

  // One row holding a part per entry of `ns` (payload {"n": n} each), as a turn's replies
  // are queued (storage/outbox_parts.h). Returns the row id.
  std::int64_t enqueue_parts(const std::string& chat, std::vector<std::int64_t> ns) {
    std::vector<json> parts;
    for (auto n : ns) parts.push_back({{"n", n}});
    std::int64_t id = 0;
    EXPECT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
      auto conversation =
          tx.load_or_create_conversation("telegram", chat, chat, SystemClock::now());
      if (!conversation) return conversation.error();
      auto queued = tx.enqueue_outbox(conversation->id, "telegram", {{"chat_id", chat}},
                                      storage::parts_payload(std::move(parts)), SystemClock::now());
      if (!queued) return queued.error();
      id = *queued;
      return {};
    }));
    return id;
  }
  std::int64_t parts_sent(std::int64_t id) const {
    return testing::telegram_bot::query_int(
        dir_ / "t.db", "SELECT parts_sent FROM outbox WHERE id = " + std::to_string(id));
  }
  std::vector<std::int64_t> sent_ns() const {
    std::vector<std::int64_t> ns;
    for (const auto& call : transport_.calls()) ns.push_back(call.row);
    return ns;
  }

  // How often each row (payload n) was sent; every chat's rows (n / 10) in order.
  std::map<std::int64_t, int> sends_per_row_in_chat_order() const {
    std::map<std::int64_t, int> sent;
    std::map<int, std::int64_t> last_of_chat;
    for (const auto& call : transport_.calls()) {
      ++sent[call.row];
      const int chat = static_cast<int>(call.row / 10);
      if (last_of_chat.count(chat)) {
        EXPECT_LT(last_of_chat[chat], call.row) << "out of order";
      }
      last_of_chat[chat] = call.row;
    }
    return sent;
  }

  // Rows of no conversation (Telegram notices): ordered per chat, paced per chat.
  void enqueue_notices(const std::string& chat, std::vector<std::int64_t> ns) {
    EXPECT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
      for (auto n : ns) {
        auto id =
            tx.enqueue_notice("telegram", {{"chat_id", chat}}, {{"n", n}}, SystemClock::now());
        if (!id) return id.error();
      }
      return {};
    }));
  }

  std::vector<OutboxRecord> rows() const { return outbox_records(dir_ / "t.db"); }
  OutboxRecord row(std::int64_t id) const {
    for (const auto& record : rows())
      if (record.id == id) return record;
    ADD_FAILURE() << "no outbox row " << id;
    return {};
  }
  bool settled(std::int64_t id) {
    return wait_until([&] {
      const auto status = row(id).status;
      return status == "delivered" || status == "dead";
    });
  }
  bool all_delivered() { return testing::telegram_bot::wait_until_settled(dir_ / "t.db"); }
  double sends(const char* outcome) {
    return metric_value(
               metrics_.render(),
               std::string("triagebot_outbox_sends_total{platform=\"telegram\",outcome=\"") +
                   outcome + "\"}")
        .value_or(-1);
  }

  testing::TempDir dir_;
  Metrics metrics_;
  std::unique_ptr<storage::Store> store_;
  ScriptedTransport transport_;
  std::unique_ptr<Dispatcher> dispatcher_;
};

TEST(BackoffDelay, DoublesFromTheBaseUpToTheCapWithHalfToFullJitter) {
  const auto base = 1000ms;
  const auto cap = 5min;
  EXPECT_EQ(backoff_delay(1, base, cap, 0.0), 500ms);  // jitter floor: half
  EXPECT_EQ(backoff_delay(1, base, cap, 1.0), 1000ms);
  EXPECT_EQ(backoff_delay(2, base, cap, 1.0), 2000ms);
  EXPECT_EQ(backoff_delay(3, base, cap, 1.0), 4000ms);
  EXPECT_EQ(backoff_delay(4, base, cap, 0.5), 6000ms);  // 8 s * 0.75
  EXPECT_EQ(backoff_delay(9, base, cap, 1.0), 256000ms);
  EXPECT_EQ(backoff_delay(10, base, cap, 1.0), cap);  // 512 s, capped
  EXPECT_EQ(backoff_delay(10, base, cap, 0.0), 150s);
  EXPECT_EQ(backoff_delay(1000000, base, cap, 1.0), cap);  // no overflow
  EXPECT_EQ(backoff_delay(0, base, cap, 1.0), base);       // out of range: as the first
  EXPECT_EQ(backoff_delay(1, base, cap, 7.0), base);       // random clamped to [0, 1]
  EXPECT_EQ(backoff_delay(1, 10s, 2s, 1.0), 2s);           // a cap below the base wins
  // Below the cap, even the luckiest next wait is no shorter than the unluckiest one.
  for (int attempt = 1; attempt < 9; ++attempt) {
    EXPECT_LE(backoff_delay(attempt, base, cap, 0.99), backoff_delay(attempt + 1, base, cap, 0.0))
        << "attempt " << attempt;
  }
}

TEST_F(DispatcherTest, PacesMessagesToOneChatButNotAcrossChats) {
  auto options = fast();
  options.per_chat_interval = 100ms;
  enqueue_notices("A", {1, 2, 3});
  enqueue_notices("B", {4});
  start(options);
  ASSERT_TRUE(wait_until([&] { return transport_.count() == 4; }));
  std::map<std::int64_t, ScriptedTransport::Call> by_row;
  for (const auto& call : transport_.calls()) by_row[call.row] = call;
  EXPECT_GE(gap(by_row[1], by_row[2]), 90ms);
  EXPECT_GE(gap(by_row[2], by_row[3]), 90ms);
  EXPECT_LT(by_row[4].at, by_row[2].at) << "chat B waited for chat A's pace";
  EXPECT_TRUE(all_delivered());
}

// Unpaced (TRIAGEBOT_OUTBOX_RATE=0), delivery is bounded by the writer: each cycle
// records every outcome gathered since the last one and claims in the same writer item,
// including the next row of a chat whose row it just recorded (issue 13, "delivery keeps
// up"). 800 rows in chains of four need about five cycles; a claim item and a settle
// item per batch of 32 rows, or a cycle per row, would take dozens.
TEST_F(DispatcherTest, UnpacedDeliveryClaimsAndRecordsManyRowsPerWriterItemInChatOrder) {
  auto options = fast();
  options.global_per_second = 0;
  // Every claimed row is sent at once (the transport answers inline), so each cycle
  // records all the outcomes of the one before; with fewer calls at once, answers
  // trickle in and the count of cycles depends on timing.
  options.max_sending = 1000;
  options.idle_poll = 10s;  // no claim on a timer: every item below is a cycle's
  constexpr int kChats = 200;
  constexpr int kPerChat = 4;
  for (int chat = 0; chat < kChats; ++chat) {
    std::vector<std::int64_t> ns;
    for (int i = 0; i < kPerChat; ++i) ns.push_back(chat * 10 + i);
    enqueue(std::to_string(chat), ns);
  }
  const auto items_before = store_->writer().stats().items;
  const auto statements_before = store_->writer().stats().statements;
  start(options);
  ASSERT_TRUE(wait_until([&] { return transport_.count() == kChats * kPerChat; }));
  ASSERT_TRUE(all_delivered());
  EXPECT_EQ(sends("delivered"), kChats * kPerChat);
  const auto sent = sends_per_row_in_chat_order();
  for (const auto& [row, times] : sent) EXPECT_EQ(times, 1) << "row n=" << row;
  // The writer items since start: releasing claims, then one cycle per row of a chain
  // and one that records the last outcomes: 6. Separate claim and settle items would be
  // 11 even with the same batch sizes. Read once everything is delivered, so the last
  // cycle has committed.
  const auto items = store_->writer().stats().items - items_before;
  EXPECT_LE(items, 8u) << "claims and outcomes are not batched";
  // Nor are they a statement per row: a cycle is BEGIN, its deliveries' UPDATE, the
  // claim's SELECT and UPDATE, and COMMIT (the slack: the last enqueue's statements,
  // which the stats may count only after items_before was read).
  const auto statements = store_->writer().stats().statements - statements_before;
  EXPECT_LE(statements, 5 * items + 16) << "deliveries are marked one row at a time";
}

// Sends go out on at most max_sending connections at once; the rest wait their turn in
// order and go as answers come back.
TEST_F(DispatcherTest, AtMostMaxSendingCallsAreInFlightAtOnce) {
  auto options = fast();
  options.global_per_second = 0;
  options.max_sending = 4;
  constexpr int kRows = 20;
  for (int chat = 0; chat < kRows; ++chat) enqueue(std::to_string(chat), {chat});
  // A platform that answers only when the test says so.
  std::mutex mutex;
  std::deque<TransportDone> waiting;
  int calls = 0;
  start_plain(options, [&](adapters::OutboundCall, TransportDone done) {
    std::lock_guard lock(mutex);
    ++calls;
    waiting.push_back(std::move(done));
  });
  for (int answered = 0; answered < kRows; ++answered) {
    const int expected = std::min(options.max_sending, kRows - answered);
    ASSERT_TRUE(wait_until([&] {
      std::lock_guard lock(mutex);
      return static_cast<int>(waiting.size()) == expected;
    })) << "after "
        << answered << " answers";
    TransportDone done;
    {
      std::lock_guard lock(mutex);
      EXPECT_EQ(calls, answered + expected) << "more calls than max_sending at once";
      done = std::move(waiting.front());
      waiting.pop_front();
    }
    done(ok());
  }
  ASSERT_TRUE(all_delivered());
  std::lock_guard lock(mutex);
  EXPECT_EQ(calls, kRows);
}

// Paced globally, the dispatcher claims no more rows than the pace sends in half a
// lease. Were it to claim all 40 at once, the 20 after the burst allowance (a second's
// worth) would wait up to a second for their slots, the 200 ms leases of most would run
// out, and the next cycle would claim them, and send them, again.
TEST_F(DispatcherTest, PacedClaimsNeverOutlastTheirLease) {
  auto options = fast();
  options.global_per_second = 20;  // one every 50 ms: two slots in half a lease
  options.lease = 200ms;
  constexpr int kRows = 40;
  for (int chat = 0; chat < kRows; ++chat) enqueue(std::to_string(chat), {chat});
  start(options);
  ASSERT_TRUE(all_delivered());
  std::map<std::int64_t, int> sent;
  for (const auto& call : transport_.calls()) ++sent[call.row];
  EXPECT_EQ(sent.size(), static_cast<std::size_t>(kRows));
  for (const auto& [row, times] : sent) EXPECT_EQ(times, 1) << "row n=" << row;
  for (const auto& record : rows()) EXPECT_EQ(record.attempts, 1) << "row " << record.id;
}

// Paced, a turn's second part takes its global slot behind every part already claimed.
// Claims look only paced_claim_ahead ahead, so a backlog of other chats' turns does not
// push a person's second message to the back of it.
TEST_F(DispatcherTest, PacedClaimsKeepATurnsNextPartNearItsFirst) {
  auto options = fast();
  options.global_per_second = 100;    // one every 10 ms
  options.paced_claim_ahead = 100ms;  // 10 rows claimed ahead
  constexpr int kRows = 40;
  std::vector<std::int64_t> ids;
  for (int chat = 0; chat < kRows; ++chat) {
    ids.push_back(enqueue_parts("c" + std::to_string(chat), {2 * chat, 2 * chat + 1}));
  }
  start(options);
  ASSERT_TRUE(all_delivered());
  const auto sent = sent_ns();
  ASSERT_EQ(sent.size(), static_cast<std::size_t>(2 * kRows));
  const auto second_of_first = std::find(sent.begin(), sent.end(), 1) - sent.begin();
  // Claiming the whole backlog at once put it after all 40 first parts (position 40).
  EXPECT_LE(second_of_first, 20) << "the first turn's second part went out at " << second_of_first;
}

TEST_F(DispatcherTest, GlobalRateSpacesMessagesToDifferentChatsEvenly) {
  auto options = fast();
  options.global_per_second = 100;  // one every 10 ms, whatever the chat
  for (int chat = 0; chat < 12; ++chat) enqueue_notices(std::to_string(chat), {chat});
  const auto started = SteadyClock::now();
  start(options);
  ASSERT_TRUE(wait_until([&] { return transport_.count() == 12; }));
  const auto calls = transport_.calls();
  // The slots are taken together, the first at once: call i comes no earlier than i * 10 ms
  // after the start. Measured from the start, not from the first call: under load the
  // first call itself can come a few ms late, and the next ones then keep their slots.
  for (std::size_t i = 1; i < calls.size(); ++i) {
    EXPECT_GE(calls[i].at - started, 10ms * static_cast<int>(i) - 1ms) << "call " << i;
  }
}

TEST_F(DispatcherTest, RateLimitedRowWaitsTheRetryAfterThenGoesOnce) {
  transport_.then(failure(429, "Too Many Requests: retry after 1", {{"retry_after", 1}}));
  const auto id = enqueue("c1", {1}).front();
  start();
  ASSERT_TRUE(settled(id));
  const auto calls = transport_.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_GE(gap(calls[0], calls[1]), 1000ms);
  EXPECT_EQ(row(id).status, "delivered");
  EXPECT_EQ(row(id).attempts, 2);
  EXPECT_EQ(sends("rate_limited"), 1);
  EXPECT_EQ(sends("delivered"), 1);
}

TEST_F(DispatcherTest, TransientFailuresBackOffLongerEachTime) {
  transport_.then(failure(500, "Internal Server Error"));
  transport_.then(make_error(ErrorCode::connection, "connect: Connection refused"));
  transport_.then(failure(502, "Bad Gateway"));
  const auto id = enqueue("c1", {1}).front();
  start();
  ASSERT_TRUE(settled(id));
  const auto calls = transport_.calls();
  ASSERT_EQ(calls.size(), 4u);
  // Base 40 ms: waits in [20, 40], [40, 80], [80, 160] ms.
  EXPECT_GE(gap(calls[0], calls[1]), 20ms);
  EXPECT_GE(gap(calls[1], calls[2]), 40ms);
  EXPECT_GE(gap(calls[2], calls[3]), 80ms);
  EXPECT_EQ(row(id).status, "delivered");
  EXPECT_EQ(sends("retried"), 3);
}

TEST_F(DispatcherTest, PermanentFailuresAreDeadWithTheirReasonAndNotRetried) {
  transport_.then(failure(400, "Bad Request: chat not found"));
  transport_.then(failure(403, "Forbidden: bot was blocked by the user"));
  const auto not_found = enqueue("c1", {1}).front();
  const auto blocked = enqueue("c2", {2}).front();
  std::int64_t bad_row = 0;
  ASSERT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("telegram", "c4", "c4", SystemClock::now());
    if (!conversation) return conversation.error();
    auto id = tx.enqueue_outbox(conversation->id, "telegram", {{"chat_id", "c4"}},
                                {{"n", 3}, {"unrenderable", true}}, SystemClock::now());
    if (!id) return id.error();
    bad_row = *id;
    return {};
  }));
  const auto elsewhere = enqueue("c5", {4}, "pigeon").front();
  start();
  for (auto id : {not_found, blocked, bad_row, elsewhere}) ASSERT_TRUE(settled(id)) << id;
  EXPECT_EQ(row(not_found).status, "dead");
  EXPECT_EQ(row(not_found).last_error, "Bad Request: chat not found");
  EXPECT_EQ(row(blocked).status, "dead");
  EXPECT_EQ(row(blocked).last_error, "Forbidden: bot was blocked by the user");
  EXPECT_EQ(row(bad_row).status, "dead");
  EXPECT_EQ(row(bad_row).last_error, "cannot render");
  EXPECT_EQ(row(elsewhere).status, "dead");
  EXPECT_EQ(row(elsewhere).last_error, "no outbound adapter for platform pigeon");
  EXPECT_EQ(transport_.count(), 2u);  // one call each for the two that could be sent
  EXPECT_EQ(sends("dead"), 3);        // the fourth counts under platform="pigeon"
  EXPECT_EQ(sends("retried"), 0);
}

TEST_F(DispatcherTest, RowStillFailingAfterGiveUpAfterIsDead) {
  auto options = fast();
  options.give_up_after = 1h;
  transport_.then(failure(500, "Internal Server Error"));
  transport_.then(failure(500, "Internal Server Error"));
  const auto old = enqueue("c1", {1}, "telegram", SystemClock::now() - 2h).front();
  const auto fresh = enqueue("c2", {2}).front();
  start(options);
  ASSERT_TRUE(settled(old));
  ASSERT_TRUE(settled(fresh));
  EXPECT_EQ(row(old).status, "dead");
  EXPECT_EQ(row(old).last_error, "gave up after retrying: http 500: Internal Server Error");
  EXPECT_EQ(row(fresh).status, "delivered");  // retried, then sent
  EXPECT_EQ(row(fresh).attempts, 2);
}

TEST_F(DispatcherTest, RowsLeftSendingByADeadProcessAreSentAtStart) {
  const auto id = enqueue("c1", {1}).front();
  // A process claimed the row under a long lease and died before settling it.
  ASSERT_TRUE(store_->writer().run([](WriteTransaction& tx) -> Result<void> {
    auto claimed = tx.claim_due(SystemClock::now(), 10, 1h);
    if (!claimed) return claimed.error();
    EXPECT_EQ(claimed->size(), 1u);
    return {};
  }));
  ASSERT_EQ(row(id).status, "sending");
  start();
  ASSERT_TRUE(wait_until([&] { return row(id).status == "delivered"; }, 10s))
      << "the row waited for its lease";
  EXPECT_EQ(transport_.count(), 1u);
  EXPECT_EQ(row(id).attempts, 2);
}

TEST_F(DispatcherTest, EveryRowIsSentOnceInOrderUnderConcurrentNotifies) {
  auto options = fast();
  options.claim_batch = 3;
  options.max_in_flight = 5;
  for (int chat = 0; chat < 8; ++chat) {
    std::vector<std::int64_t> ns;
    for (int i = 0; i < 5; ++i) ns.push_back(chat * 10 + i);
    enqueue(std::to_string(chat), ns);  // ("c" + number trips GCC 12's -Wrestrict)
  }
  start(options);
  std::atomic<bool> done{false};
  std::thread poker([&] {
    while (!done) {
      dispatcher_->notify();
      std::this_thread::sleep_for(200us);  // pacing the pokes, not waiting for anything
    }
  });
  const bool delivered = all_delivered();
  done = true;
  poker.join();
  ASSERT_TRUE(delivered);
  const auto sent = sends_per_row_in_chat_order();
  EXPECT_EQ(sent.size(), 40u);
  for (const auto& [row, times] : sent) EXPECT_EQ(times, 1) << "row n=" << row;

  // A second dispatcher on the same (still open) store sends nothing delivered again: a
  // new row (due after all of them) is the only call.
  dispatcher_->stop();
  dispatcher_.reset();
  const auto sentinel = enqueue("c9", {99}).front();
  start(options);
  ASSERT_TRUE(settled(sentinel));
  EXPECT_EQ(transport_.count(), 41u);
}

TEST_F(DispatcherTest, StopWaitsForTheSendInFlightAndLeavesRowsWaitingForTheirPace) {
  auto options = fast();
  options.global_per_second = 0.5;  // the second row waits 2 s for its slot
  options.paced_claim_ahead = 10s;  // and is claimed with the first
  enqueue_notices("A", {1});
  enqueue_notices("B", {2});
  // A slow platform: the first call is answered 300 ms after it was made, on its own
  // thread, as a client's completion would be.
  std::vector<std::thread> answering;
  std::atomic<int> calls{0};
  start_plain(options, [&](adapters::OutboundCall, TransportDone done) {
    calls++;
    answering.emplace_back([done = std::move(done)] {
      std::this_thread::sleep_for(300ms);  // the platform's latency, not a wait in the test
      done(ok());
    });
  });
  ASSERT_TRUE(wait_until([&] { return calls.load() == 1; }));
  dispatcher_->stop();  // while the first call is in flight and the second waits
  for (auto& thread : answering) thread.join();
  const auto records = rows();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].status, "delivered") << "the send in flight was abandoned";
  EXPECT_EQ(records[1].status, "sending") << "left for the next start";
  EXPECT_EQ(calls.load(), 1) << "a row waiting for its pace went out during the stop";

  // The next start releases it and sends it once.
  dispatcher_.reset();
  start();
  ASSERT_TRUE(settled(records[1].id));
  EXPECT_EQ(row(records[1].id).status, "delivered");
  EXPECT_EQ(transport_.count(), 1u);
}

// A turn's replies are one row holding its parts: they go one after the other, each
// paced, and a part that fails is retried without sending again the parts before it.
TEST_F(DispatcherTest, PartsOfARowGoInOrderAndARetryResumesAtTheFirstUnsentOne) {
  transport_.then(ok());
  transport_.then(failure(500, "Internal Server Error"));
  const auto id = enqueue_parts("c1", {1, 2, 3});
  const auto after = enqueue("c1", {4}).front();  // the next turn, to the same chat
  start();
  ASSERT_TRUE(settled(after));
  EXPECT_EQ(sent_ns(), (std::vector<std::int64_t>{1, 2, 2, 3, 4}));
  EXPECT_EQ(row(id).status, "delivered");
  EXPECT_EQ(row(id).attempts, 2);
  EXPECT_EQ(parts_sent(id), 2) << "the last recorded progress: two parts before the third";
  EXPECT_EQ(sends("delivered"), 4);  // a call each
  EXPECT_EQ(sends("retried"), 1);
}

// Stopped between two parts (the second waiting for its chat's pace), the row keeps the
// progress recorded; the next start sends the parts left, and never the first again.
TEST_F(DispatcherTest, StopBetweenPartsLeavesTheRestForTheNextStart) {
  auto options = fast();
  options.per_chat_interval = 2s;
  const auto id = enqueue_parts("c1", {1, 2, 3});
  start(options);
  ASSERT_TRUE(wait_until([&] { return parts_sent(id) == 1; }));
  dispatcher_->stop();
  EXPECT_EQ(sent_ns(), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(row(id).status, "sending") << "left for the next start";
  dispatcher_.reset();
  start();
  ASSERT_TRUE(settled(id));
  EXPECT_EQ(row(id).status, "delivered");
  EXPECT_EQ(sent_ns(), (std::vector<std::int64_t>{1, 2, 3}));
}

}  // namespace
}  // namespace dispatcher_test
}  // namespace triagebot::bot
