// dialogs_session_memory: what a parsed session costs in the session cache, and what its
// text costs each way. Reads stored session texts (one per line on stdin: `sqlite3 DB
// "select session from conversations"`), parses N of them (default 10,000, the texts
// reused in turn) as storage does (read_json, session_from_json) into
// shared_ptr<const Session>, and prints the bytes jemalloc counts as allocated for them
// (stats.allocated after minus before), then the best of 5 rounds of session_to_text, of
// that parse and of session_from_text (the text read straight), per session
// (bench/reports/2026-12-05-typed-state.md).
#include <jemalloc/jemalloc.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "dialogs/json_reader.h"
#include "dialogs/session.h"

namespace dialogs = triagebot::dialogs;

namespace {

std::size_t allocated() {
  std::uint64_t epoch = 1;
  std::size_t size = sizeof(epoch);
  mallctl("epoch", &epoch, &size, &epoch, size);  // refreshes the statistics
  std::size_t value = 0;
  size = sizeof(value);
  mallctl("stats.allocated", &value, &size, nullptr, 0);
  return value;
}

std::shared_ptr<const dialogs::Session> parse(const std::string& text) {
  auto tree = dialogs::read_json(text);
  if (!tree) return nullptr;
  auto session = dialogs::session_from_json(std::move(*tree));
  if (!session) return nullptr;
  return std::make_shared<const dialogs::Session>(std::move(*session));
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::stoul(argv[1]) : 10000;
  std::vector<std::string> texts;
  for (std::string line; std::getline(std::cin, line);)
    if (!line.empty()) texts.push_back(line);
  if (texts.empty() || n == 0) {
    std::fprintf(stderr, "usage: dialogs_session_memory [N] < texts (one session a line)\n");
    return 2;
  }
  std::vector<std::shared_ptr<const dialogs::Session>> cache;
  cache.reserve(n);
  (void)parse(texts[0]);  // the thread's parser grows its buffers once
  const std::size_t before = allocated();
  for (std::size_t i = 0; i < n; ++i) {
    cache.push_back(parse(texts[i % texts.size()]));
    if (!cache.back()) {
      std::fprintf(stderr, "dialogs_session_memory: text %zu does not read\n", i % texts.size());
      return 1;
    }
  }
  const std::size_t after = allocated();
  using Clock = std::chrono::steady_clock;
  double text_ns = 1e18, parse_ns = 1e18, direct_ns = 1e18;
  std::size_t sink = 0;
  for (int round = 0; round < 5; ++round) {
    const auto t0 = Clock::now();
    for (const auto& s : cache) sink += dialogs::session_to_text(*s).size();
    const auto t1 = Clock::now();
    for (std::size_t i = 0; i < n; ++i) sink += parse(texts[i % texts.size()]) != nullptr;
    const auto t2 = Clock::now();
    for (std::size_t i = 0; i < n; ++i)
      sink += bool(dialogs::session_from_text(texts[i % texts.size()]));
    const auto t3 = Clock::now();
    direct_ns = std::min(direct_ns, std::chrono::duration<double, std::nano>(t3 - t2).count() / n);
    text_ns = std::min(text_ns, std::chrono::duration<double, std::nano>(t1 - t0).count() / n);
    parse_ns = std::min(parse_ns, std::chrono::duration<double, std::nano>(t2 - t1).count() / n);
  }
  std::printf(
      "sessions %zu (%zu distinct texts): allocated %.0f B each; session_to_text %.2f us, "
      "parse %.2f us, session_from_text %.2f us (%zu)\n",
      n, texts.size(), double(after - before) / double(n), text_ns / 1000, parse_ns / 1000,
      direct_ns / 1000, sink % 10);
  return 0;
}
