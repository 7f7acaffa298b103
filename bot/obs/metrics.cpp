#include "bot/obs/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

namespace triagebot::bot {
namespace {

std::string escape_help(std::string_view help) {
  std::string out;
  for (const char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// {a="1",b="2"} or "" for no labels; also the series key, so equal sets share a series.
std::string render_labels(const Labels& labels, std::string_view extra_name = {},
                          std::string_view extra_value = {}) {
  if (labels.empty() && extra_name.empty()) return {};
  std::string out = "{";
  bool first = true;
  for (const auto& [name, value] : labels) {
    if (!first) out += ',';
    first = false;
    out += name;
    out += "=\"";
    out += escape_label_value(value);
    out += '"';
  }
  if (!extra_name.empty()) {
    if (!first) out += ',';
    out += extra_name;
    out += "=\"";
    out += extra_value;
    out += '"';
  }
  out += '}';
  return out;
}

std::string format_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    return buffer;
  }
  // The shortest of 15..17 significant digits that reads back exactly: "0.1", not
  // "0.10000000000000001".
  for (int precision = 15; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

std::string_view type_name(int type) {
  switch (type) {
    case 0:
      return "counter";
    case 1:
      return "gauge";
    default:
      return "histogram";
  }
}

}  // namespace

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<double> default_latency_buckets() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {
  std::sort(bounds_.begin(), bounds_.end());
}

void Histogram::observe(double value) {
  const auto index = static_cast<std::size_t>(
      std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin());
  buckets_[index].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

std::vector<std::uint64_t> Histogram::bucket_counts() const {
  std::vector<std::uint64_t> counts(bounds_.size() + 1);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    counts[i] = buckets_[i].load(std::memory_order_relaxed);
  }
  return counts;
}

template <class Make>
Metrics::Series& Metrics::series(std::string_view name, std::string_view help, Type type,
                                 const Labels& labels, std::vector<double> bounds, Make&& make) {
  const std::string key = render_labels(labels);
  {
    std::shared_lock lock(mutex_);
    const auto family = families_.find(name);
    if (family != families_.end()) {
      if (family->second.type != type) {
        throw std::logic_error("metric " + std::string(name) + " registered with another type");
      }
      const auto found = family->second.series.find(key);
      if (found != family->second.series.end()) return found->second;
    }
  }
  std::unique_lock lock(mutex_);
  auto family = families_.find(name);
  if (family == families_.end()) {
    family =
        families_.emplace(std::string(name), Family{type, std::string(help), std::move(bounds), {}})
            .first;
  } else if (family->second.type != type) {
    throw std::logic_error("metric " + std::string(name) + " registered with another type");
  }
  auto [found, inserted] = family->second.series.try_emplace(key);
  if (inserted) {
    found->second.labels = labels;
    make(found->second, family->second);
  }
  return found->second;
}

Counter& Metrics::counter(std::string_view name, std::string_view help, const Labels& labels) {
  return *series(name, help, Type::counter, labels, {}, [](Series& s, const Family&) {
            s.counter = std::make_unique<Counter>();
          }).counter;
}

Gauge& Metrics::gauge(std::string_view name, std::string_view help, const Labels& labels) {
  auto& found = series(name, help, Type::gauge, labels, {},
                       [](Series& s, const Family&) { s.gauge = std::make_unique<Gauge>(); });
  if (!found.gauge) {
    throw std::logic_error("metric " + std::string(name) + " is a callback gauge");
  }
  return *found.gauge;
}

void Metrics::callback_gauge(std::string_view name, std::string_view help, const Labels& labels,
                             std::function<double()> read) {
  auto& found = series(name, help, Type::gauge, labels, {}, [](Series&, const Family&) {});
  std::unique_lock lock(mutex_);
  if (found.gauge) {
    throw std::logic_error("metric " + std::string(name) + " is a plain gauge");
  }
  found.callback = std::move(read);
}

Histogram& Metrics::histogram(std::string_view name, std::string_view help, const Labels& labels,
                              std::vector<double> bounds) {
  return *series(name, help, Type::histogram, labels, std::move(bounds),
                 [](Series& s, const Family& family) {
                   s.histogram = std::make_unique<Histogram>(family.bounds);
                 })
              .histogram;
}

std::string Metrics::render() const {
  std::shared_lock lock(mutex_);
  std::string out;
  for (const auto& [name, family] : families_) {
    out += "# HELP " + name + " " + escape_help(family.help) + "\n";
    out += "# TYPE " + name + " " + std::string(type_name(static_cast<int>(family.type))) + "\n";
    for (const auto& [key, series] : family.series) {
      if (series.counter) {
        out += name + key + " " + std::to_string(series.counter->value()) + "\n";
      } else if (series.gauge) {
        out += name + key + " " + format_number(series.gauge->value()) + "\n";
      } else if (series.callback) {
        out += name + key + " " + format_number(series.callback()) + "\n";
      } else if (series.histogram) {
        const auto& h = *series.histogram;
        const auto counts = h.bucket_counts();
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < counts.size(); ++i) {
          cumulative += counts[i];
          const std::string bound = i < h.bounds().size() ? format_number(h.bounds()[i]) : "+Inf";
          out += name + "_bucket" + render_labels(series.labels, "le", bound) + " " +
                 std::to_string(cumulative) + "\n";
        }
        // _count is the +Inf bucket so the rendered lines agree even mid-update.
        out += name + "_sum" + key + " " + format_number(h.sum()) + "\n";
        out += name + "_count" + key + " " + std::to_string(cumulative) + "\n";
      }
    }
  }
  return out;
}

}  // namespace triagebot::bot
