#include "bot/app/runtime.h"

#include <fstream>

#include <boost/asio/io_context.hpp>
#include <limits>
#include <sstream>

#include "adapters/telegram/api_calls.h"
#include "adapters/telegram/outbound.h"
#include "adapters/widget/client_address.h"
#include "adapters/widget/cors.h"
#include "bot/app/knowledge_loader.h"
#include "bot/channels/widget/routes.h"
#include "bot/channels/widget/static_routes.h"
#include "bot/http/builtin_routes.h"
#include "bot/net/http_client.h"
#include "bot/obs/log.h"

namespace triagebot::bot {

namespace telegram = adapters::telegram;

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

// N per minute as a bucket of N refilled evenly; 0 means no limit.
adapters::widget::RateLimitOptions per_minute(unsigned count,
                                              adapters::widget::RateLimitOptions base) {
  if (count == 0) {
    base.burst = std::numeric_limits<std::size_t>::max() / 2;
    return base;
  }
  base.burst = count;
  base.refill_every = std::chrono::milliseconds(60000 / count);
  return base;
}

// Telegram rows: {"kind": "reply"|"acknowledge"|"group_pointer"|"text_only", ...}
// rendered by the adapter's pure outbound side. A chat that blocked the bot is never
// sent to again (PLATFORMS.md §1.3 my_chat_member).
PlatformOutbound telegram_outbound(std::shared_ptr<const TelegramIdentity> identity,
                                   storage::Readers& readers, net::HttpClient client) {
  PlatformOutbound outbound;
  outbound.transport = [client](adapters::OutboundCall call, TransportDone done) {
    client.send(std::move(call), [done](Result<net::ClientResponse> answer) {
      if (!answer) return done(answer.error());
      done(TransportResponse{answer->status, std::move(answer->headers), std::move(answer->body)});
    });
  };
  outbound.render = [identity,
                     &readers](const storage::OutboxRow& row) -> Result<adapters::OutboundCall> {
    const std::string kind = row.payload.value("kind", "");
    const auto& token = identity->token;
    if (kind == "acknowledge") {
      return telegram::render_answer_callback(row.target.value("callback_query_id", ""), token);
    }
    const auto chat = row.target.find("chat_id");
    if (chat == row.target.end() || !chat->is_number_integer()) {
      return make_error("bad_row", "outbox row has no chat id");
    }
    const std::int64_t chat_id = chat->get<std::int64_t>();
    if (auto blocked = readers.get_value(telegram_blocked_key(chat_id)); blocked && *blocked) {
      return make_error("blocked", "the user blocked the bot");
    }
    if (kind == "group_pointer") {
      return telegram::render_group_pointer(
          {chat_id, row.payload.value("message_id", std::int64_t{0})}, identity->bot_username,
          token);
    }
    dialogs::Reply reply;
    if (kind == "text_only") {
      reply.text = telegram::text_only_note();
    } else if (auto parsed =
                   dialogs::reply_from_json(row.payload.value("reply", nlohmann::json()))) {
      reply = std::move(*parsed);
    } else {
      return make_error("bad_row", "outbox row has no readable reply");
    }
    auto calls = telegram::render_reply(reply, row.target, token);
    if (calls.empty()) return make_error("bad_row", "reply renders to no call");
    // The pipeline split long replies into rows already (channels/telegram/routes.cpp).
    return std::move(calls.front());
  };
  outbound.classify = [](const TransportResponse& answer) {
    auto outcome = telegram::classify(answer.status, answer.body, answer.headers);
    if (outcome.kind == adapters::DeliveryOutcome::Kind::dead && outcome.reason == "unauthorized") {
      log(LogLevel::error, "telegram.token_rejected",
          {{"message", "the Bot API refused the token: check TRIAGEBOT_TELEGRAM_TOKEN"}});
    }
    return outcome;
  };
  outbound.pace_key = [](const storage::OutboxRow& row) {
    auto chat = row.target.find("chat_id");
    return chat != row.target.end() ? "tg:" + chat->dump() : std::string();
  };
  return outbound;
}

// Backoff and per-chat pace come from the config (tests shorten them); the rest keeps
// the dispatcher's defaults.
DispatcherOptions dispatcher_options(const Config& config) {
  DispatcherOptions options;
  options.backoff_base = config.outbox_backoff;
  options.backoff_cap = config.outbox_backoff_max;
  options.per_chat_interval = config.outbox_chat_interval;
  return options;
}

}  // namespace

Runtime::Runtime(const Config& config, Metrics& metrics) : config_(config), metrics_(metrics) {}

Result<std::unique_ptr<Runtime>> Runtime::open(const Config& config, Metrics& metrics) {
  std::unique_ptr<Runtime> runtime(new Runtime(config, metrics));
  auto knowledge = load_configured_knowledge(config);
  if (!knowledge) return knowledge.error();
  runtime->knowledge_.emplace(std::move(*knowledge));
  auto language = load_language_services();
  if (!language) return language.error();
  runtime->language_ = std::move(*language);
  runtime->pipeline_metrics_ = std::make_unique<PipelineMetrics>(metrics);

  Runtime* self = runtime.get();
  storage::StoreOptions store_options;
  store_options.path = config.db;
  store_options.synchronous = config.synchronous;
  // Both run on the writer thread after a commit. Only a commit that queued outbox rows
  // wakes the dispatcher: its own claims are commits too.
  store_options.on_batch_committed = [self] {
    self->pipeline_metrics_->batch_committed(self->store_->writer().stats().last_batch);
  };
  store_options.on_outbox_queued = [self] {
    if (self->dispatcher_ready_.load()) self->dispatcher_->notify();
  };
  auto store = storage::Store::open(store_options);
  if (!store) return store.error();
  runtime->store_ = std::move(*store);
  runtime->pipeline_metrics_->watch_writer(runtime->store_->writer());

  dialogs::EngineOptions engine = engine_options(config, runtime->language_);
  runtime->pipeline_ = std::make_unique<Pipeline>(*runtime->store_, *runtime->knowledge_, engine,
                                                  *runtime->pipeline_metrics_);

  std::map<std::string, PlatformOutbound> platforms;
  if (config.telegram_enabled()) {
    auto identity = std::make_shared<TelegramIdentity>();
    identity->token = *config.telegram_token;
    identity->secret = config.telegram_secret.value_or("");
    identity->bot_username = config.telegram_username.value_or("");
    runtime->telegram_ = identity;
  }
  runtime->dispatcher_ =
      std::make_unique<Dispatcher>(*runtime->store_, dispatcher_options(config), metrics);
  if (runtime->telegram_) {
    auto client = net::HttpClient::create(runtime->dispatcher_->io_context().get_executor(),
                                          config.telegram_api);
    if (!client)
      return make_error("bad_config", "TRIAGEBOT_TELEGRAM_API: " + client.error().message);
    platforms.emplace("telegram", telegram_outbound(runtime->telegram_, runtime->store_->readers(),
                                                    std::move(*client)));
  }
  runtime->dispatcher_->set_platforms(std::move(platforms));
  return runtime;
}

Runtime::~Runtime() { stop(); }

void Runtime::add_routes(http::Router& router) {
  http::add_health_route(router, [this] { return store_->readers().ping().has_value(); });
  add_static_routes(router);

  WidgetRoutesOptions widget;
  if (auto cors = adapters::widget::parse_cors_policy(join(config_.widget_origins)))
    widget.cors = *cors;
  if (auto proxies = adapters::widget::parse_trusted_proxies(join(config_.trusted_proxies))) {
    widget.trusted_proxies = *proxies;
  }
  widget.per_session = per_minute(config_.widget_rate_per_session, widget.per_session);
  widget.per_address = per_minute(config_.widget_rate_per_address, widget.per_address);
  add_widget_routes(router, *pipeline_, store_->readers(), widget);

  if (telegram_) add_telegram_routes(router, *pipeline_, telegram_);
}

void Runtime::set_telegram_username(std::string username) {
  if (telegram_) telegram_->bot_username = std::move(username);
}

void Runtime::start() {
  dispatcher_->start();
  dispatcher_ready_ = true;
}

void Runtime::stop() {
  if (stopped_) return;
  stopped_ = true;
  dispatcher_ready_ = false;
  if (dispatcher_) dispatcher_->stop();
  if (store_) store_->close();
}

}  // namespace triagebot::bot
