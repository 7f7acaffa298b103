// Runtime: the long-lived parts every channel shares, assembled once from the Config in
// dependency order — knowledge base, language services, store, pipeline, the outbox
// dispatcher and (with TRIAGEBOT_RETENTION_DAYS) the retention sweeper — and torn down
// in reverse: stop sweeping and delivering, drain the writer, close the database. The channels
// (bot/channels/) are built beside it by the app, which hands the dispatcher their outbound sides
// before start().
//
// Owns everything it builds. Created and destroyed on main's thread; the parts it hands
// out are thread-safe as their own headers say.
#pragma once

#include <atomic>
#include <memory>
#include <optional>

#include "bot/app/language_services.h"
#include "bot/app/retention_sweeper.h"
#include "bot/config/config.h"
#include "bot/flow/blocking_pool.h"
#include "bot/flow/dispatcher.h"
#include "bot/flow/pipeline.h"
#include "bot/flow/pipeline_metrics.h"
#include "bot/obs/metrics.h"
#include "dialogs/knowledge.h"
#include "storage/store.h"

namespace triagebot::bot {

class Runtime {
 public:
  // Errors: a broken knowledge base, a database that cannot be opened or is newer than
  // this binary. `metrics` must outlive the Runtime.
  static Result<std::unique_ptr<Runtime>> open(const Config& config, Metrics& metrics);
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // Starts delivering the outbox and, when configured, the retention sweeps.
  void start();
  // Stops sweeping and delivering, finishes the blocking reads, drains the writer (every
  // acknowledged turn is committed), closes.
  void stop();

  Pipeline& pipeline() { return *pipeline_; }
  storage::Store& store() { return *store_; }
  const dialogs::Knowledge& knowledge() const { return *knowledge_; }
  Dispatcher& dispatcher() { return *dispatcher_; }
  // For store reads a request waits on, off the io threads.
  BlockingPool& blocking() { return blocking_; }

 private:
  Runtime();

  std::optional<dialogs::Knowledge> knowledge_;
  LanguageServices language_;
  std::unique_ptr<PipelineMetrics> pipeline_metrics_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<Pipeline> pipeline_;
  std::unique_ptr<Dispatcher> dispatcher_;
  std::unique_ptr<RetentionSweeper> retention_;  // null when retention is off
  BlockingPool blocking_{2};
  std::atomic<bool> dispatcher_ready_{false};
  bool stopped_ = false;
};

}  // namespace triagebot::bot
