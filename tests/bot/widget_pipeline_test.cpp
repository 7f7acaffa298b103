// The widget routes and the Pipeline in this process, over a real SQLite file and a real
// server on 127.0.0.1, for what the binary cannot be made to show on demand: a full
// writer queue (503), a duplicate delivery, and emergency timing against a conversation
// that was opened long ago.
#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>

#include <gtest/gtest.h>

#include "bot/channels/widget/routes.h"
#include "bot/flow/pipeline.h"
#include "tests/bot/in_process_server.h"
#include "tests/bot/pipeline_fixture.h"
#include "tests/bot/widget_client.h"
#include "tests/storage/store_fixture.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait.h"

namespace triagebot::testing::widget_api {
namespace widget_pipeline_test {
namespace {

using storage::testing::WriterGate;

class WidgetPipeline : public PipelineFixture {
 protected:
  explicit WidgetPipeline(std::size_t queue_capacity = 4096,
                          std::size_t session_cache_capacity = 2048) {
    storage::StoreOptions options;
    options.path = "pipeline.db";
    options.queue_capacity = queue_capacity;
    options.session_cache_capacity = session_cache_capacity;
    open_pipeline(options);
    server_ = std::make_unique<InProcessServer>(
        bot::http::ServerOptions{}, [this](bot::http::Router& router) {
          bot::add_widget_routes(router, *pipeline_, store_->readers(), {},
                                 [this](std::function<void()> job) {
                                   ++blocking_jobs_;
                                   job();
                                 });
        });
    client_ = std::make_unique<HttpClient>("127.0.0.1", server_->port);
  }
  ~WidgetPipeline() override {
    client_.reset();
    server_.reset();  // before the store closes: the server drains its requests first
  }

  // Submits and waits for the commit.
  std::vector<bot::EventOutcome> submit(adapters::InboundEvent event) {
    bot::Submission submission;
    submission.events.push_back(std::move(event));
    submission.deliver_through_outbox = false;
    std::promise<Result<std::vector<bot::EventOutcome>>> done;
    auto future = done.get_future();
    auto queued = pipeline_->submit(std::move(submission),
                                    [&done](auto outcome) { done.set_value(std::move(outcome)); });
    if (!queued) throw std::runtime_error(queued.error().message);
    auto outcome = future.get();
    if (!outcome) throw std::runtime_error(outcome.error().message);
    return std::move(*outcome);
  }

  double metric(const std::string& series) {
    return metric_value(metrics_.render(), series).value_or(-1);
  }

  std::unique_ptr<InProcessServer> server_;
  std::unique_ptr<HttpClient> client_;
  std::atomic<int> blocking_jobs_{0};  // jobs the routes gave the blocking pool
};

adapters::InboundEvent text_event(adapters::Platform platform, std::string key,
                                  std::string event_id, std::string text) {
  adapters::InboundEvent event;
  event.platform = platform;
  event.conversation_key = key;
  event.user_key = std::move(key);
  event.event_id = std::move(event_id);
  event.input = dialogs::Input::typed(std::move(text));
  event.at = std::chrono::system_clock::now();
  return event;
}

class WidgetPipelineOverloaded : public WidgetPipeline {
 protected:
  WidgetPipelineOverloaded() : WidgetPipeline(/*queue_capacity=*/1) {}
};

TEST_F(WidgetPipelineOverloaded, FullWriterQueueIs503WithRetryAfterAndStoresNothing) {
  const auto session = create_session(*client_);
  std::optional<nlohmann::json> before;
  {
    WriterGate gate(store_->writer());  // the writer is busy; the queue is empty
    ASSERT_TRUE(store_->writer().submit({[](storage::WriteTransaction&) { return Result<void>(); },
                                         nullptr}));  // and now it is full
    for (const auto& reply : {client_->post(std::string(kSessionsPath), "{}"),
                              say(*client_, session, "my left foot is numb")}) {
      expect_json_error(reply, 503, "overloaded");
      EXPECT_EQ(reply.header("Retry-After"), "1");
    }
    // Reading the history does not need the writer.
    before = history(*client_, session);
  }
  EXPECT_EQ(*before, session.messages);
  EXPECT_EQ(history(*client_, session), session.messages) << "the refused turn was not stored";
  EXPECT_EQ(metric("triagebot_writer_rejected_total"), 2);
  // The gate is open but the filler item may still hold the one slot: wait until the
  // writer has taken it, or the next turn races it for the slot and is refused again.
  ASSERT_TRUE(wait_until([&] { return store_->writer().stats().queue_depth == 0; }));
  EXPECT_EQ(say(*client_, session, "my left foot is numb").status, 200) << "and then it is taken";
}

// Both turns passed the token check while the session still existed; the writer then
// applies the /forget first. The late turn must not bring the conversation back as one
// nobody can open (no token) holding what the person said after asking to be forgotten.
TEST_F(WidgetPipeline, TurnQueuedBehindAForgetIs404AndStoresNothing) {
  const auto session = create_session(*client_);
  ASSERT_EQ(say(*client_, session, "my left foot is numb").status, 200);
  HttpResult forget;
  HttpResult late;
  {
    WriterGate gate(store_->writer());
    const auto send = [&](HttpResult& reply, const char* text) {
      return std::thread([&reply, text, &session, port = server_->port] {
        HttpClient client("127.0.0.1", port);
        reply = say(client, session, text);
      });
    };
    const auto queued = [&](std::uint64_t depth) {
      return wait_until([&] { return store_->writer().stats().queue_depth == depth; });
    };
    auto first = send(forget, "/forget");
    EXPECT_TRUE(queued(1));
    auto second = send(late, "no");
    EXPECT_TRUE(queued(2));
    gate.open();
    first.join();
    second.join();
  }
  EXPECT_EQ(forget.status, 200) << forget.body;
  expect_json_error(late, 404, "not_found");
  expect_json_error(client_->get(session.path(), session.auth()), 404, "not_found");
  auto found = store_->readers().find_conversation("widget", session.id);
  ASSERT_TRUE(found);
  EXPECT_FALSE(*found) << "no conversation was made again";
}

// A live chat's turns are authorized from the writer's session cache on the io thread:
// no token lookup on the pool. The token is still checked there, a session the cache
// lets go is looked up again, and the history (a store read) still goes to the pool.
TEST_F(WidgetPipeline, ACachedSessionsTurnIsAuthorizedWithoutAStoreRead) {
  const auto session = create_session(*client_);
  ASSERT_TRUE(store_->writer().session_snapshot("widget", session.id)) << "cached once created";
  const int before = blocking_jobs_.load();
  ASSERT_EQ(say(*client_, session, "my left foot is numb").status, 200);
  ASSERT_EQ(say(*client_, session, "for two weeks").status, 200);
  EXPECT_EQ(blocking_jobs_.load(), before) << "both turns were authorized from the cache";

  WidgetSession stolen = session;
  stolen.token = std::string(session.token.size(), 'A');
  expect_json_error(say(*client_, stolen, "no"), 401, "unauthorized");
  EXPECT_EQ(blocking_jobs_.load(), before);
  const auto bare = client_->post(session.path(), R"({"text":"no"})");
  expect_json_error(bare, 401, "unauthorized");

  EXPECT_NO_THROW(history(*client_, session));
  EXPECT_EQ(blocking_jobs_.load(), before + 1) << "the history is read on the pool";
}

class WidgetPipelineUncached : public WidgetPipeline {
 protected:
  WidgetPipelineUncached() : WidgetPipeline(4096, /*session_cache_capacity=*/0) {}
};

TEST_F(WidgetPipelineUncached, ASessionTheCacheDoesNotHoldIsLookedUpOnThePool) {
  const auto session = create_session(*client_);
  ASSERT_FALSE(store_->writer().session_snapshot("widget", session.id));
  const int before = blocking_jobs_.load();
  ASSERT_EQ(say(*client_, session, "my left foot is numb").status, 200);
  EXPECT_EQ(blocking_jobs_.load(), before + 1);
  WidgetSession stolen = session;
  stolen.token = std::string(session.token.size(), 'A');
  expect_json_error(say(*client_, stolen, "no"), 401, "unauthorized");
  EXPECT_EQ(blocking_jobs_.load(), before + 2);
}

// Issue 13's ordering bar: 1,000 messages in flight at once into 10 conversations, each
// conversation's 100 submitted in order by its own thread without waiting for the
// previous one. Every transcript must hold them in that order, each followed by its own
// replies before the next, and each chat's outbox rows must follow the transcript.
TEST_F(WidgetPipeline, AThousandConcurrentMessagesKeepEachConversationsOrder) {
  constexpr int kConversations = 10;
  constexpr int kPerConversation = 100;
  std::atomic<int> committed{0};
  std::atomic<int> failed{0};
  std::map<std::string, std::int64_t> conversation_of;
  std::mutex mutex;
  std::vector<std::thread> senders;
  for (int c = 0; c < kConversations; ++c) {
    senders.emplace_back([&, c] {
      const std::string chat = "chat-" + std::to_string(c);
      for (int n = 0; n < kPerConversation; ++n) {
        auto event = text_event(adapters::Platform::telegram, chat,
                                chat + "-update-" + std::to_string(n), "m" + std::to_string(n));
        event.reply_address = {{"chat_id", chat}};
        bot::Submission submission;
        submission.events.push_back(std::move(event));
        auto queued = pipeline_->submit(std::move(submission), [&, chat](auto outcome) {
          if (!outcome || outcome->at(0).duplicate) {
            ++failed;
          } else {
            std::lock_guard lock(mutex);
            conversation_of[chat] = outcome->at(0).conversation_id;
          }
          ++committed;
        });
        if (!queued) {
          ++failed;
          ++committed;
        }
      }
    });
  }
  for (auto& sender : senders) sender.join();
  ASSERT_TRUE(wait_until([&] { return committed.load() == kConversations * kPerConversation; },
                         std::chrono::seconds(120)));
  EXPECT_EQ(failed.load(), 0);
  ASSERT_EQ(conversation_of.size(), static_cast<std::size_t>(kConversations));
  SQLite::Database db((dir_ / "pipeline.db").string(), SQLite::OPEN_READONLY);
  for (const auto& [chat, id] : conversation_of) {
    auto messages = store_->readers().messages(id);
    ASSERT_TRUE(messages);
    std::vector<std::string> said;
    std::vector<std::string> answered;
    bool replied_since_last = true;
    for (const auto& message : *messages) {
      if (message.direction == storage::Direction::user) {
        EXPECT_TRUE(replied_since_last) << chat << ": no reply before " << message.text;
        said.push_back(message.text);
        replied_since_last = false;
      } else {
        answered.push_back(message.text);
        replied_since_last = true;
      }
    }
    std::vector<std::string> expected;
    for (int n = 0; n < kPerConversation; ++n) expected.push_back("m" + std::to_string(n));
    EXPECT_EQ(said, expected) << chat;
    // Every part of every row, in order (storage/outbox_parts.h).
    SQLite::Statement rows(db,
                           "SELECT json_extract(part.value, '$.reply.text') FROM outbox o,"
                           " json_each(CASE WHEN json_type(o.payload, '$.parts') = 'array'"
                           " THEN json_extract(o.payload, '$.parts')"
                           " ELSE json_array(json(o.payload)) END) part"
                           " WHERE o.conversation_id = ? ORDER BY o.id, part.key");
    rows.bind(1, id);
    std::vector<std::string> queued;
    while (rows.executeStep()) queued.push_back(rows.getColumn(0).getString());
    EXPECT_EQ(queued, answered) << chat << ": the outbox follows the transcript";
  }
}

// A widget turn's id is made by the server for that one request, so it cannot come
// twice: no dedup row is written for it (issue 13), while a Telegram update gets one.
TEST_F(WidgetPipeline, AWidgetTurnWritesNoDedupRowAndATelegramUpdateDoes) {
  const auto session = create_session(*client_);
  ASSERT_EQ(say(*client_, session, "my left foot is numb").status, 200);
  const auto db = dir_ / "pipeline.db";
  EXPECT_EQ(storage::testing::query_int(db, "SELECT COUNT(*) FROM processed_events"), 0);
  EXPECT_EQ(storage::testing::query_int(db,
                                        "SELECT COUNT(*) FROM messages WHERE direction = "
                                        "'user' AND platform_message_id IS NOT NULL"),
            1);
  submit(text_event(adapters::Platform::telegram, "chat-9", "update-9", "hello"));
  EXPECT_EQ(storage::testing::query_int(db, "SELECT COUNT(*) FROM processed_events"), 1);
}

// The widget makes a new event id for every POST; Telegram redelivers an update with the
// same update_id until it gets a 200, and the pipeline drops the second.
TEST_F(WidgetPipeline, DuplicateDeliveryIsSuppressedAndCounted) {
  const auto event = text_event(adapters::Platform::telegram, "chat-1", "update-7", "hello");
  const auto first = submit(event);
  const auto second = submit(event);
  ASSERT_EQ(first.size(), 1u);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_FALSE(first[0].duplicate);
  EXPECT_FALSE(first[0].replies.empty());
  EXPECT_TRUE(second[0].duplicate);
  EXPECT_TRUE(second[0].replies.empty());
  EXPECT_EQ(metric(R"(triagebot_duplicate_events_total{platform="telegram"})"), 1);
  EXPECT_EQ(metric(R"(triagebot_conversations_started_total{platform="telegram"})"), 1);
  auto messages = store_->readers().messages(first[0].conversation_id);
  ASSERT_TRUE(messages);
  EXPECT_EQ(messages->size(), 1 + first[0].replies.size()) << "the turn was stored once";
}

// A conversation opened (or last written) at `opened`, holding `user_text` said then
// when it is not empty: a widget panel opened long ago, or a person who wrote long ago.
void seed_conversation(storage::Store& store, const std::string& key,
                       std::chrono::system_clock::time_point opened, const std::string& user_text) {
  ASSERT_TRUE(store.writer().run([&](storage::WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("widget", key, key, opened);
    if (!conversation) return conversation.error();
    storage::MessageRecord greeting{
        storage::Direction::bot, "Hi", nlohmann::json::array(), std::nullopt, opened, std::nullopt};
    if (auto added = tx.append_message(conversation->id, greeting); !added) return added.error();
    if (user_text.empty()) return {};
    storage::MessageRecord said{storage::Direction::user,
                                user_text,
                                nlohmann::json::array(),
                                std::nullopt,
                                opened,
                                std::nullopt};
    if (auto added = tx.append_message(conversation->id, said); !added) return added.error();
    return {};
  }));
}

// "Time to emergency guidance" is how long the person talked before the bot told them to
// call: from their first message, not from when the widget panel was opened.
TEST_F(WidgetPipeline, TimeToEmergencyIsMeasuredFromThePersonsFirstMessage) {
  const auto now = std::chrono::system_clock::now();
  seed_conversation(*store_, std::string(32, 'a'), now - std::chrono::hours(1), "");
  seed_conversation(*store_, std::string(32, 'b'), now - std::chrono::minutes(7), "my leg is numb");
  for (const char key : {'a', 'b'}) {
    const auto outcome = submit(text_event(adapters::Platform::widget, std::string(32, key),
                                           std::string("stroke-") + key, kStrokeOpening));
    ASSERT_FALSE(outcome[0].replies.empty());
    ASSERT_TRUE(outcome[0].replies.back().assessment) << key;
  }
  const std::string bucket = "triagebot_time_to_emergency_guidance_seconds_bucket";
  EXPECT_EQ(metric("triagebot_time_to_emergency_guidance_seconds_count"), 2);
  EXPECT_EQ(metric(bucket + R"({le="1"})"), 1) << "the panel opened an hour ago";
  EXPECT_EQ(metric(bucket + R"({le="300"})"), 1);
  EXPECT_EQ(metric(bucket + R"({le="600"})"), 2) << "the person wrote 7 minutes ago";
}

// A message after the assessment ("thanks", /help) gets no new ranking from the engine;
// the causes a reviewer reads must still be the ones the person was given.
TEST_F(WidgetPipeline, AMessageAfterTheAssessmentKeepsTheStoredTopCauses) {
  const std::string key(32, 'c');
  auto outcome = submit(text_event(adapters::Platform::widget, key, "opening", kSciaticaOpening));
  // Answer "no" to every question until the interview ends.
  for (int turn = 0; turn < 60 && !outcome[0].replies.back().assessment; ++turn) {
    outcome =
        submit(text_event(adapters::Platform::widget, key, "answer-" + std::to_string(turn), "no"));
    ASSERT_FALSE(outcome[0].replies.empty());
  }
  ASSERT_TRUE(outcome[0].replies.back().assessment) << "the interview never ended";
  std::vector<std::string> given;
  for (const auto& cause : outcome[0].replies.back().assessment->causes) given.push_back(cause.id);
  ASSERT_FALSE(given.empty());

  auto summary = [&] {
    storage::ListFilter filter;
    auto page = store_->readers().list_conversations(filter);
    EXPECT_TRUE(page);
    EXPECT_EQ(page->conversations.size(), 1u);
    return page->conversations.at(0);
  };
  EXPECT_EQ(summary().top_causes, given);
  for (const char* later : {"thanks", "/help"}) {
    const auto after = submit(text_event(adapters::Platform::widget, key, later, later));
    ASSERT_FALSE(after[0].replies.empty());
    EXPECT_FALSE(after[0].replies.back().assessment) << later;
    EXPECT_EQ(summary().top_causes, given) << "after " << later;
  }
}

// A crisis message through the widget API (issue 10 §2): answered with the crisis line
// and the emergency number, stored on the conversation as a safety event that a later
// turn does not clear, and counted once per message on /metrics.
TEST_F(WidgetPipeline, CrisisMessageIsAnsweredStoredAsASafetyEventAndCounted) {
  const auto session = create_session(*client_);
  const auto reply =
      say(*client_, session, "honestly whats the point, no point going on like this");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto messages = nlohmann::json::parse(reply.body)["messages"];
  ASSERT_FALSE(messages.empty());
  const std::string answer = messages[0]["text"].get<std::string>();
  EXPECT_NE(answer.find("988"), std::string::npos) << answer;
  EXPECT_NE(answer.find("112"), std::string::npos) << answer;
  ASSERT_EQ(say(*client_, session, "my left foot is numb").status, 200);

  auto found = store_->readers().find_conversation("widget", session.id);
  ASSERT_TRUE(found && *found);
  auto detail = store_->readers().get_conversation((*found)->id);
  ASSERT_TRUE(detail) << detail.error().message;
  EXPECT_EQ(detail->summary.safety, std::vector<std::string>{"self_harm"});
  EXPECT_EQ(metric(R"(triagebot_safety_events_total{category="self_harm"})"), 1);
  EXPECT_EQ(metrics_.render().find("category=\"chest_pain\""), std::string::npos);
}

}  // namespace
}  // namespace widget_pipeline_test
}  // namespace triagebot::testing::widget_api
