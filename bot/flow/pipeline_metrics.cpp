#include "bot/flow/pipeline_metrics.h"

#include <chrono>
#include <string>

#include "storage/readers.h"
#include "storage/writer.h"

namespace triagebot::bot {

PipelineMetrics::PipelineMetrics(Metrics& registry)
    : registry_(registry),
      emergency_latency_(registry.histogram(
          "triagebot_time_to_emergency_guidance_seconds",
          "Time from the person's first message to the emergency guidance they received.", {},
          {1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600})),
      batch_sizes_(registry.histogram("triagebot_writer_batch_size",
                                      "Items committed together in one writer transaction.", {},
                                      {1, 2, 4, 8, 16, 32, 64, 128, 256})),
      overloaded_(registry.counter("triagebot_writer_rejected_total",
                                   "Submissions refused because the writer queue was full.")),
      steps_reused_(registry.counter(
          "triagebot_pipeline_steps_prepared_total",
          "Interview steps taken before the writer ran the turn, by whether the writer used "
          "them (reused) or stepped again because the conversation had changed (repeated).",
          {{"outcome", "reused"}})),
      steps_repeated_(registry.counter("triagebot_pipeline_steps_prepared_total", "",
                                       {{"outcome", "repeated"}})),
      known_duplicates_(registry.counter(
          "triagebot_pipeline_known_duplicates_total",
          "Redeliveries recognised in memory as already committed, so not stepped (the "
          "database's dedup still answers them).")) {}

void PipelineMetrics::known_duplicate() { known_duplicates_.inc(); }

void PipelineMetrics::step_prepared(bool reused) {
  (reused ? steps_reused_ : steps_repeated_).inc();
}

void PipelineMetrics::conversation_started(std::string_view platform) {
  registry_
      .counter("triagebot_conversations_started_total", "Conversations started, by platform.",
               {{"platform", std::string(platform)}})
      .inc();
}

void PipelineMetrics::conversation_completed(std::string_view platform) {
  registry_
      .counter("triagebot_conversations_completed_total",
               "Conversations that reached an assessment, by platform.",
               {{"platform", std::string(platform)}})
      .inc();
}

void PipelineMetrics::assessment(std::string_view platform, dialogs::Triage triage) {
  registry_
      .counter("triagebot_assessments_total", "Assessments given, by platform and triage level.",
               {{"platform", std::string(platform)},
                {"triage", std::string(dialogs::to_string(triage))}})
      .inc();
}

void PipelineMetrics::safety_event(std::string_view category) {
  registry_
      .counter("triagebot_safety_events_total",
               "Messages answered by the safety screen (chest pain, self-harm ...), by category.",
               {{"category", std::string(category)}})
      .inc();
}

void PipelineMetrics::red_flag(std::string_view red_flag_id) {
  registry_
      .counter("triagebot_red_flags_total", "Red flags fired, by red-flag id.",
               {{"red_flag", std::string(red_flag_id)}})
      .inc();
}

void PipelineMetrics::time_to_emergency_guidance(std::chrono::milliseconds elapsed) {
  emergency_latency_.observe(std::chrono::duration<double>(elapsed).count());
}

void PipelineMetrics::duplicate_suppressed(std::string_view platform) {
  registry_
      .counter("triagebot_duplicate_events_total",
               "Platform deliveries dropped because their event id was already processed.",
               {{"platform", std::string(platform)}})
      .inc();
}

void PipelineMetrics::rejected_overloaded() { overloaded_.inc(); }

void PipelineMetrics::watch_writer(storage::Writer& writer) {
  registry_.callback_gauge("triagebot_writer_queue_depth", "Work items waiting for the writer.", {},
                           [&writer] { return static_cast<double>(writer.stats().queue_depth); });
  registry_.callback_gauge("triagebot_writer_commits", "Writer transactions committed so far.", {},
                           [&writer] { return static_cast<double>(writer.stats().commits); });
  registry_.callback_gauge("triagebot_writer_items", "Work items the writer has run so far.", {},
                           [&writer] { return static_cast<double>(writer.stats().items); });
  registry_.callback_gauge(
      "triagebot_writer_batches_rerun",
      "Batches run again item by item, each in a savepoint, after an item failed.", {},
      [&writer] { return static_cast<double>(writer.stats().batches_rerun); });
  // Per message, with the two above: what issue 13 counts (statements and WAL bytes).
  registry_.callback_gauge("triagebot_writer_statements",
                           "SQL statements the writer has run so far (BEGIN and COMMIT included).",
                           {},
                           [&writer] { return static_cast<double>(writer.stats().statements); });
  registry_.callback_gauge("triagebot_writer_checkpoints",
                           "Checkpoints the checkpointer has run so far.", {},
                           [&writer] { return static_cast<double>(writer.stats().checkpoints); });
  registry_.callback_gauge(
      "triagebot_writer_wal_pages",
      "Pages the writer's commits have appended to the write-ahead log so far.", {},
      [&writer] { return static_cast<double>(writer.stats().wal_pages_written); });
  registry_.callback_gauge(
      "triagebot_writer_wal_peak_pages", "The most pages the write-ahead log has held since start.",
      {}, [&writer] { return static_cast<double>(writer.stats().wal_peak_pages); });
  registry_.callback_gauge(
      "triagebot_writer_wal_bound_waits",
      "Batches that waited for the write-ahead log to be copied back at its hard bound.", {},
      [&writer] { return static_cast<double>(writer.stats().wal_bound_waits); });
}

void PipelineMetrics::watch_search_index(storage::Readers& readers) {
  registry_.callback_gauge(
      "triagebot_search_index_lag_messages",
      "People's messages stored but not yet in the review's text search (counted up to 100000).",
      {}, [&readers] {
        auto lag = readers.search_lag(storage::Clock::now());
        return lag ? static_cast<double>(lag->messages) : 0.0;
      });
  registry_.callback_gauge("triagebot_search_index_lag_seconds",
                           "Age of the oldest message the review's text search does not cover yet.",
                           {}, [&readers] {
                             auto lag = readers.search_lag(storage::Clock::now());
                             return lag ? std::chrono::duration<double>(lag->age).count() : 0.0;
                           });
}

void PipelineMetrics::batch_committed(std::uint64_t batch_size) {
  batch_sizes_.observe(static_cast<double>(batch_size));
}

}  // namespace triagebot::bot
