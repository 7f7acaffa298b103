// The conversations that may exist, as a Bloom filter over their session-cache keys
// (platform and conversation key): a "no" is certain, a "yes" may be wrong. The pipeline
// asks it before reading a session the writer's cache does not hold, so the first
// message of a new conversation (about half of the Telegram benchmark's updates) costs
// no SQLite read to learn that there is no row.
//
// Filled from the conversations table when the writer starts and by every entry the
// session cache takes (a conversation created or loaded). A conversation deleted since
// stays a "yes": the read then finds no row, as it did before the filter. A "no" that is
// wrong can only come from a row made behind the writer's back, and costs no
// correctness: the pipeline steps a fresh session, and the writer, finding the row,
// steps the turn again on the stored one (Pipeline::Prepared::fits).
//
// 2^23 bits (1 MiB), four probes: about one false "yes" in 200,000 at 100,000
// conversations, one in 50 at a million; past that it says "yes" more and more often,
// which costs only the reads it saved.
//
// Threads: lock-free; add and may_contain from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>

namespace triagebot::storage {

class KnownKeys {
 public:
  KnownKeys();
  void add(std::string_view key);
  bool may_contain(std::string_view key) const;

 private:
  static constexpr int kBitsLog2 = 23;
  static constexpr int kProbes = 4;
  std::unique_ptr<std::atomic<std::uint64_t>[]> words_;
};

}  // namespace triagebot::storage
