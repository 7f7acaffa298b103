#include "bot/obs/metrics.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace triagebot::bot {
namespace metrics_test {
namespace {

TEST(Metrics, RendersCounterWithHelpTypeAndLabels) {
  Metrics metrics;
  metrics.counter("jobs_total", "Jobs done", {{"kind", "a"}}).inc(3);
  metrics.counter("jobs_total", "Jobs done", {{"kind", "b"}}).inc();
  EXPECT_EQ(metrics.render(),
            "# HELP jobs_total Jobs done\n"
            "# TYPE jobs_total counter\n"
            "jobs_total{kind=\"a\"} 3\n"
            "jobs_total{kind=\"b\"} 1\n");
}

TEST(Metrics, SameLabelsShareOneSeries) {
  Metrics metrics;
  auto& first = metrics.counter("x_total", "x", {{"a", "1"}});
  auto& again = metrics.counter("x_total", "x", {{"a", "1"}});
  EXPECT_EQ(&first, &again);
}

TEST(Metrics, EscapesLabelValuesAndHelp) {
  Metrics metrics;
  metrics.gauge("g", "line one\nback\\slash", {{"path", "a\"b\\c\nd"}}).set(1.5);
  EXPECT_EQ(metrics.render(),
            "# HELP g line one\\nback\\\\slash\n"
            "# TYPE g gauge\n"
            "g{path=\"a\\\"b\\\\c\\nd\"} 1.5\n");
}

TEST(Metrics, HistogramBucketsAreCumulativeWithSumAndCount) {
  Metrics metrics;
  auto& h = metrics.histogram("lat_seconds", "Latency", {{"route", "/r"}}, {0.1, 1});
  h.observe(0.05);
  h.observe(0.5);
  h.observe(5);
  EXPECT_EQ(metrics.render(),
            "# HELP lat_seconds Latency\n"
            "# TYPE lat_seconds histogram\n"
            "lat_seconds_bucket{route=\"/r\",le=\"0.1\"} 1\n"
            "lat_seconds_bucket{route=\"/r\",le=\"1\"} 2\n"
            "lat_seconds_bucket{route=\"/r\",le=\"+Inf\"} 3\n"
            "lat_seconds_sum{route=\"/r\"} 5.55\n"
            "lat_seconds_count{route=\"/r\"} 3\n");
}

TEST(Metrics, CallbackGaugeIsReadAtRender) {
  Metrics metrics;
  int depth = 4;
  metrics.callback_gauge("queue_depth", "Waiting", {}, [&] { return double(depth); });
  depth = 9;
  EXPECT_NE(metrics.render().find("queue_depth 9\n"), std::string::npos);
}

TEST(Metrics, SameNameWithAnotherTypeIsALogicError) {
  Metrics metrics;
  metrics.counter("m", "m");
  EXPECT_THROW(metrics.gauge("m", "m"), std::logic_error);
}

TEST(Metrics, ConcurrentIncrementsAreAllCounted) {
  Metrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10000; ++i) {
        metrics.counter("c_total", "c", {{"shard", std::to_string(i % 3)}}).inc();
        metrics.histogram("h", "h", {}, {1}).observe(t);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::uint64_t total = 0;
  for (int shard = 0; shard < 3; ++shard) {
    total += metrics.counter("c_total", "c", {{"shard", std::to_string(shard)}}).value();
  }
  EXPECT_EQ(total, 40000u);
  EXPECT_EQ(metrics.histogram("h", "h").count(), 40000u);
}

}  // namespace
}  // namespace metrics_test
}  // namespace triagebot::bot
