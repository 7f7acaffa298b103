#include "bot/app/runtime.h"

#include "bot/app/knowledge_loader.h"

namespace triagebot::bot {

namespace {

// Backoff and pacing come from the config (tests shorten them); the rest keeps
// the dispatcher's defaults.
DispatcherOptions dispatcher_options(const Config& config) {
  DispatcherOptions options;
  options.backoff_base = config.outbox_backoff;
  options.backoff_cap = config.outbox_backoff_max;
  options.per_chat_interval = config.outbox_chat_interval;
  options.global_per_second = config.outbox_rate;
  return options;
}

}  // namespace

Runtime::Runtime() = default;

Result<std::unique_ptr<Runtime>> Runtime::open(const Config& config, Metrics& metrics) {
  std::unique_ptr<Runtime> runtime(new Runtime());
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
  // Both run on the writer thread after a commit (before the batch's completions, which
  // run on its finisher thread). Only a commit that queued outbox rows
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
  runtime->pipeline_metrics_->watch_search_index(runtime->store_->readers());

  dialogs::EngineOptions engine = engine_options(config, runtime->language_);
  runtime->pipeline_ = std::make_unique<Pipeline>(*runtime->store_, *runtime->knowledge_, engine,
                                                  *runtime->pipeline_metrics_);

  runtime->dispatcher_ =
      std::make_unique<Dispatcher>(*runtime->store_, dispatcher_options(config), metrics);
  if (config.retention_days > 0) {
    RetentionOptions retention;
    retention.keep = std::chrono::hours(24 * static_cast<long>(config.retention_days));
    runtime->retention_ = std::make_unique<RetentionSweeper>(*runtime->store_, retention);
  }
  return runtime;
}

Runtime::~Runtime() { stop(); }

void Runtime::start() {
  dispatcher_->start();
  dispatcher_ready_ = true;
  if (retention_) retention_->start();
}

void Runtime::stop() {
  if (stopped_) return;
  stopped_ = true;
  dispatcher_ready_ = false;
  // First: a sweep in progress still needs the writer.
  if (retention_) retention_->stop();
  if (dispatcher_) dispatcher_->stop();
  blocking_.stop();
  if (store_) store_->close();
}

}  // namespace triagebot::bot
