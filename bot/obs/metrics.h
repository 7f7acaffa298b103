// Metrics: a small registry of counters, gauges and histograms with label sets,
// rendered in the Prometheus text exposition format (version 0.0.4) for GET /metrics.
//
// Usage: look a series up once where you can and keep the reference (references
// stay valid for the registry's lifetime); looking up per event is also fine — it
// takes a shared (reader) lock and a map lookup, and only the first use of a new
// label set takes the writer lock. Updates themselves are lock-free atomics.
//
//   auto& delivered = metrics.counter("triagebot_outbox_delivered_total",
//                                     "Replies delivered", {{"platform", "telegram"}});
//   delivered.inc();
//   metrics.callback_gauge("triagebot_writer_queue_depth", "Events waiting", {},
//                          [&] { return double(writer.depth()); });
//
// A family (one metric name) has one type and one help text; asking for the same
// name with another type is a programming error (std::logic_error). Label names
// must be valid Prometheus names; label values are escaped when rendered.
//
// Threads: every member function may be called from any thread. Callback gauges run
// on the thread calling render(), under the registry's lock: keep them quick and never
// call back into the registry from them.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace triagebot::bot {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  void inc(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

class Gauge {
 public:
  void set(double v) { value_.store(v, std::memory_order_relaxed); }
  void add(double delta) { value_.fetch_add(delta, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Histogram {
 public:
  // `bounds` are the upper bounds of the buckets, ascending; +Inf is implied.
  explicit Histogram(std::vector<double> bounds);
  void observe(double value);

  const std::vector<double>& bounds() const { return bounds_; }
  // Per bucket, not cumulative; the last entry is the +Inf bucket.
  std::vector<std::uint64_t> bucket_counts() const;
  std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  double sum() const { return sum_.load(std::memory_order_relaxed); }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // bounds_.size() + 1
  std::atomic<std::uint64_t> count_{0};
  std::atomic<double> sum_{0};
};

// Latency buckets in seconds, 1 ms .. 10 s.
std::vector<double> default_latency_buckets();

class Metrics {
 public:
  Metrics() = default;
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  Counter& counter(std::string_view name, std::string_view help, const Labels& labels = {});
  Gauge& gauge(std::string_view name, std::string_view help, const Labels& labels = {});
  // Evaluated at each render(); registering the same name and labels again replaces it.
  void callback_gauge(std::string_view name, std::string_view help, const Labels& labels,
                      std::function<double()> read);
  // `bounds` count only when the family is created; later calls reuse the family's.
  Histogram& histogram(std::string_view name, std::string_view help, const Labels& labels = {},
                       std::vector<double> bounds = default_latency_buckets());

  // The whole registry in Prometheus text format, families sorted by name.
  std::string render() const;

 private:
  enum class Type { counter, gauge, histogram };
  struct Series {
    Labels labels;
    std::unique_ptr<Counter> counter;
    std::unique_ptr<Gauge> gauge;
    std::function<double()> callback;
    std::unique_ptr<Histogram> histogram;
  };
  struct Family {
    Type type;
    std::string help;
    std::vector<double> bounds;
    std::map<std::string, Series> series;  // keyed by the rendered label set
  };

  // Finds or creates the series; `make` fills a new one. Returns it under no lock:
  // series are never removed, and std::map nodes do not move.
  template <class Make>
  Series& series(std::string_view name, std::string_view help, Type type, const Labels& labels,
                 std::vector<double> bounds, Make&& make);

  mutable std::shared_mutex mutex_;
  std::map<std::string, Family, std::less<>> families_;
};

// Escapes a label value: backslash, double quote and newline (exposition format spec).
std::string escape_label_value(std::string_view value);

}  // namespace triagebot::bot
