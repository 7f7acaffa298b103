// A Pipeline over a real SQLite file in a temp dir and the built-in knowledge base, wired
// as the server wires it, for the tests that drive the pipeline in this process.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "adapters/telegram/inbound.h"
#include "bot/app/knowledge_loader.h"
#include "bot/config/config.h"
#include "bot/flow/pipeline.h"
#include "bot/obs/metrics.h"
#include "dialogs/engine.h"
#include "storage/store.h"
#include "tests/support/temp_dir.h"

namespace triagebot::testing {

class PipelineFixture : public ::testing::Test {
 protected:
  // Opens `options` (its path is taken as a file name inside the fixture's temp dir).
  // Throws, so a fixture that cannot be built fails its test rather than skipping it.
  void open_pipeline(storage::StoreOptions options,
                     dialogs::EngineOptions engine = {.emergency_number = "112"}) {
    engine_ = std::move(engine);
    options.path = dir_ / options.path;
    auto store = storage::Store::open(options);
    if (!store) throw std::runtime_error(store.error().message);
    store_ = std::move(*store);
    auto knowledge = bot::load_configured_knowledge(bot::Config{});
    if (!knowledge) throw std::runtime_error(knowledge.error().message);
    knowledge_.emplace(std::move(*knowledge));
    pipeline_.emplace(*store_, *knowledge_, engine_, pipeline_metrics_);
  }
  // A private text message of chat `chat`, as Telegram sends it, parsed.
  static adapters::telegram::ParsedUpdate telegram_text(std::int64_t update_id, std::int64_t chat,
                                                        const std::string& text) {
    const nlohmann::json body = {{"update_id", update_id},
                                 {"message",
                                  {{"message_id", update_id},
                                   {"date", 1764800000},
                                   {"from", {{"id", chat}, {"is_bot", false}, {"first_name", "P"}}},
                                   {"chat", {{"id", chat}, {"type", "private"}}},
                                   {"text", text}}}};
    auto parsed = adapters::telegram::parse_body(body.dump(), {});
    if (!parsed || parsed->events.size() != 1) throw std::runtime_error("not a message update");
    return *parsed;
  }

  ~PipelineFixture() override {
    if (store_) store_->close();
  }

  TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  std::optional<dialogs::Knowledge> knowledge_;
  dialogs::EngineOptions engine_;
  bot::Metrics metrics_;
  bot::PipelineMetrics pipeline_metrics_{metrics_};
  std::optional<bot::Pipeline> pipeline_;
};

}  // namespace triagebot::testing
