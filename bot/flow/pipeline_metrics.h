// The numbers operators of a triage service watch (issue 5 "Metrics"), registered once
// in the Metrics registry and updated by the pipeline after each commit, so a rolled-back
// turn never counts. Thread-safe (atomic counters; series are created on first use).
#pragma once

#include <chrono>
#include <string_view>

#include "bot/obs/metrics.h"
#include "dialogs/reply.h"

namespace triagebot::storage {
class Readers;
class Writer;
}  // namespace triagebot::storage

namespace triagebot::bot {

class PipelineMetrics {
 public:
  explicit PipelineMetrics(Metrics& registry);

  void conversation_started(std::string_view platform);
  void conversation_completed(std::string_view platform);
  void assessment(std::string_view platform, dialogs::Triage triage);
  void red_flag(std::string_view red_flag_id);
  // A message answered by the safety screen, per category (dialogs/safety_screen.h).
  void safety_event(std::string_view category);
  // From the person's first message in the conversation to the emergency guidance.
  void time_to_emergency_guidance(std::chrono::milliseconds elapsed);
  void duplicate_suppressed(std::string_view platform);
  // Whether the writer used the step taken before it ran the turn (Pipeline::Prepared),
  // or stepped again because the conversation had changed or was not cached.
  void step_prepared(bool reused);
  // A delivery recognised as already committed before any work was done for it.
  void known_duplicate();
  void rejected_overloaded();

  // Writer queue depth and batch sizes, read from the writer at scrape time and after
  // each commit. Call once, with a writer that outlives the registry's scrapes.
  void watch_writer(storage::Writer& writer);
  // How far the review's text search trails the writer (storage/search_indexer.h), read
  // through `readers` at scrape time. Call once, with readers that outlive the scrapes.
  void watch_search_index(storage::Readers& readers);
  void batch_committed(std::uint64_t batch_size);

 private:
  Metrics& registry_;
  Histogram& emergency_latency_;
  Histogram& batch_sizes_;
  Counter& overloaded_;
  Counter& steps_reused_;
  Counter& steps_repeated_;
  Counter& known_duplicates_;
};

}  // namespace triagebot::bot
